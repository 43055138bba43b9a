// Loads the staff bundle under /staff and for volunteers under /v, a party's session page
// under /s, the resident app elsewhere.
const path = location.pathname;
const staff = (prefix) => path === prefix || path.startsWith(`${prefix}/`);
const app = staff('/staff') || staff('/v') ? 'staff' : staff('/s') ? 'party' : 'resident';
if (app === 'staff') {
  // Staff screens add their own rules; residents never download them.
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = '/staff.css';
  document.head.append(sheet);
}
import(`/pkg/${app}.js`).then((mod) => mod.default({ module_or_path: `/pkg/${app}_bg.wasm` }));
