// Runs in <head>, before the page paints. It picks the language (the one chosen earlier on
// this phone, else the browser's) so that the home page carried in the HTML shows in it and
// lets that copy's language button work. The home page needs nothing more; elsewhere it loads
// the bundle of the path: staff under /staff and for volunteers under /v, a party's session
// page under /s, the public figures under /figures, tracking under /track, the filing under
// /report, and the page of an unknown address elsewhere.
(function () {
  var root = document.documentElement;
  var stored = null;
  try { stored = localStorage.getItem('accord.lang'); } catch (e) { /* storage refused */ }
  var english = stored ? stored === 'en' : /^en/i.test(navigator.language || '');
  root.lang = english ? 'en' : 'zh-CN';
  var home = (location.pathname.replace(/\/+$/, '') || '/') === '/';
  var title = function () {
    if (home) document.title = root.lang === 'en' ? 'Accord' : '邻里调解 · Accord';
  };
  title();
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-lang-switch]');
    if (!button) return;
    root.lang = root.lang === 'en' ? 'zh-CN' : 'en';
    title();
    try { localStorage.setItem('accord.lang', root.lang === 'en' ? 'en' : 'zh'); } catch (e) { /* kept for this page only */ }
  });
  var path = location.pathname;
  var trimmed = path.replace(/\/+$/, '') || '/';
  var under = function (prefix) { return path === prefix || path.indexOf(prefix + '/') === 0; };
  // The service worker (sw.js) keeps the app's files and the directory on the phone, so the
  // filing works without signal. It is registered once the page's own downloads are done,
  // so that it finds them in the browser's cache instead of fetching them a second time.
  var keepOffline = function () {
    if (!('serviceWorker' in navigator)) return;
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () { /* works online only */ });
  };
  // The home page is the HTML itself, in both languages, with plain links: no app to wait
  // for. It fetches the filing's bundle ahead, so that "Report a problem" opens at once.
  if (home) {
    // A report kept on this phone while there was no signal is sent by the filing's app.
    var waiting = null;
    try { waiting = localStorage.getItem('accord.waiting'); } catch (e) { /* storage refused */ }
    if (waiting && waiting !== '[]') {
      location.replace('/report');
      return;
    }
    var left = 2;
    ['/pkg/report.js', '/pkg/report_bg.wasm'].forEach(function (href) {
      var ahead = document.createElement('link');
      ahead.rel = 'prefetch';
      ahead.href = href;
      ahead.onload = ahead.onerror = function () { if (--left === 0) keepOffline(); };
      document.head.appendChild(ahead);
    });
    return;
  }
  addEventListener('load', keepOffline);
  var app = under('/staff') || under('/v') ? 'staff'
    : under('/s') ? 'party'
    : under('/figures') ? 'figures'
    : trimmed === '/track' ? 'track'
    : trimmed === '/report' ? 'report'
    : 'resident';
  // The home page carried in the HTML is for the home page only; elsewhere it stays hidden
  // until the app replaces it.
  root.setAttribute('data-elsewhere', '');
  // Staff screens and the figures add their own rules; residents never download them.
  var sheets = { staff: ['/staff.css', '/figures.css'], figures: ['/figures.css'] }[app] || [];
  sheets.forEach(function (href) {
    var sheet = document.createElement('link');
    sheet.rel = 'stylesheet';
    sheet.href = href;
    document.head.appendChild(sheet);
  });
  // Fetched at once, side by side with the glue that asks for it.
  var glue = document.createElement('link');
  glue.rel = 'modulepreload';
  glue.href = '/pkg/' + app + '.js';
  var wasm = document.createElement('link');
  wasm.rel = 'preload';
  wasm.as = 'fetch';
  wasm.crossOrigin = 'anonymous';
  wasm.href = '/pkg/' + app + '_bg.wasm';
  document.head.appendChild(glue);
  document.head.appendChild(wasm);
  import('/pkg/' + app + '.js').then(function (mod) {
    return mod.default({ module_or_path: '/pkg/' + app + '_bg.wasm' });
  });
})();
