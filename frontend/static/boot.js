// Loads the staff console under /staff and the resident app everywhere else.
const path = location.pathname;
const app = path === '/staff' || path.startsWith('/staff/') ? 'staff' : 'resident';
import(`/pkg/${app}.js`).then((mod) => mod.default({ module_or_path: `/pkg/${app}_bg.wasm` }));
