// The service worker (scope /): keeps the app's shell and the public directory on the phone
// so that the filing opens and works with no signal, and nothing else.
//
// - The shell (the page, its loader and style, the filing's bundle) is fetched into a cache
//   named after the build when this worker installs; every other file of the app (tracking,
//   the staff console, a party's page, their style sheets) is added to that cache the first
//   time it is fetched. A new build writes a new BUILD below, so its worker installs a fresh
//   cache and removes the old one once it takes over.
// - Pages (navigations) come from the network while there is one, else from the cached page:
//   every screen is the same page, whose app reads the address.
// - The public directory (GET /api/directory: names of streets, communities, grids and
//   categories, no person) is answered from the cache at once and refreshed behind
//   (stale-while-revalidate), unless the page asks past the cache (then the network first).
// - No other answer of the API is ever cached: cases, sessions, sign-ins and everything else
//   carrying personal data go to the network only, untouched.
var BUILD = 'dev';
var SHELL = 'accord-shell-' + BUILD;
var DIRECTORY = 'accord-directory-' + BUILD;
var SHELL_FILES = ['/', '/boot.js', '/style.css', '/pkg/report.js', '/pkg/report_bg.wasm'];
// How long a page waits for the network's first byte before the cached page is shown.
var PAGE_WAIT_MS = 3500;

// Push notifications are handled by their own script, when the build has it: a missing or
// failing file must not keep the worker from installing, so its errors are swallowed here.
try {
  importScripts('/sw-push.js');
} catch (e) {
  /* no push handlers in this build */
}

self.addEventListener('install', function (event) {
  event.waitUntil(
    caches.open(SHELL).then(function (cache) {
      return cache.addAll(SHELL_FILES).then(function () {
        // The JS the filing's glue imports (wasm-bindgen's snippets: static/photos.js), read
        // from the glue itself: without them the filing would not start offline.
        return cache.match('/pkg/report.js').then(function (glue) {
          return glue ? glue.text() : '';
        }).then(function (text) {
          var found = text.match(/snippets\/[^'"]+\.js/g) || [];
          var paths = found.map(function (path) { return '/pkg/' + path; });
          return cache.addAll(paths.filter(function (path, i) { return paths.indexOf(path) === i; }));
        });
      });
    }).then(function () {
      // The directory too, so that a filing can start with no signal; without it (the API
      // not reachable now) the worker still installs, and keeps it on the filing's first read.
      return caches.open(DIRECTORY).then(function (cache) {
        return cache.add('/api/directory');
      }).catch(function () { /* fetched on first use */ });
    }).then(function () {
      return self.skipWaiting();
    })
  );
});

self.addEventListener('activate', function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return /^accord-/.test(name) && name !== SHELL && name !== DIRECTORY;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () {
      return self.clients.claim();
    })
  );
});

function isApi(path) {
  return path.indexOf('/api/') === 0 || path === '/api' || path.indexOf('/open311/') === 0;
}

// The network's answer, or the cached page when there is no network (or it does not answer
// within PAGE_WAIT_MS and a cached page exists).
function page(request) {
  return caches.open(SHELL).then(function (cache) {
    return cache.match('/').then(function (cached) {
      var network = fetch(request);
      if (!cached) return network;
      var timer;
      var late = new Promise(function (resolve) {
        timer = setTimeout(function () { resolve(cached); }, PAGE_WAIT_MS);
      });
      return Promise.race([
        network.then(function (response) { clearTimeout(timer); return response; },
          function () { clearTimeout(timer); return cached; }),
        late,
      ]);
    });
  });
}

// A file of the app: from this build's cache, else from the network (and then kept).
function shellFile(request) {
  return caches.open(SHELL).then(function (cache) {
    return cache.match(request).then(function (cached) {
      if (cached) return cached;
      return fetch(request).then(function (response) {
        if (response.ok && response.type === 'basic') cache.put(request, response.clone());
        return response;
      });
    });
  });
}

// The directory: the cached copy at once while a fresh one is fetched for next time; the
// network's answer when nothing is cached yet. A page that asks past every cache (an admin
// reading back what was just saved: `cache: 'no-cache'` or `'reload'`) gets the network's
// answer, and the cached copy only when there is no network.
function directory(request) {
  var mustRevalidate = request.cache === 'no-cache' || request.cache === 'reload' || request.cache === 'no-store';
  return caches.open(DIRECTORY).then(function (cache) {
    return cache.match(request).then(function (cached) {
      var fresh = fetch(request).then(function (response) {
        if (response.ok) cache.put(request, response.clone());
        return response;
      });
      if (mustRevalidate) {
        return fresh.catch(function (error) {
          if (cached) return cached;
          throw error;
        });
      }
      if (!cached) return fresh;
      fresh.catch(function () { /* offline: the cached copy stands */ });
      return cached;
    });
  });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname === '/api/directory' && !url.search) {
    event.respondWith(directory(request));
    return;
  }
  // Anything else of the API goes to the network, never into a cache.
  if (isApi(url.pathname)) return;
  if (request.mode === 'navigate') {
    event.respondWith(page(request));
    return;
  }
  if (url.pathname === '/sw.js' || url.pathname === '/sw-push.js') return;
  event.respondWith(shellFile(request));
});
