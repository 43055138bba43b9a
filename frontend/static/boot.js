// Loads the staff bundle under /staff and for volunteers under /v, a party's session page
// under /s, the public figures under /figures, the resident app elsewhere.
const path = location.pathname;
const under = (prefix) => path === prefix || path.startsWith(`${prefix}/`);
const app = under('/staff') || under('/v') ? 'staff'
  : under('/s') ? 'party'
  : under('/figures') ? 'figures'
  : 'resident';
// Staff screens and the figures add their own rules; residents never download them.
const sheets = { staff: ['/staff.css', '/figures.css'], figures: ['/figures.css'] }[app] ?? [];
for (const href of sheets) {
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = href;
  document.head.append(sheet);
}
import(`/pkg/${app}.js`).then((mod) => mod.default({ module_or_path: `/pkg/${app}_bg.wasm` }));
