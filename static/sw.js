// why401's service worker: keeps a copy of the page's own files so that it opens offline.
//
// It only ever answers requests for the page's files. What a user pastes never reaches it: the
// page makes no request after load (its Content-Security-Policy says connect-src 'none').
// The build (scripts/postbuild.mjs) fills in the file list and a version derived from their
// contents, so a new build replaces the old copy.
const VERSION = '__WHY401_VERSION__';
const FILES = __WHY401_FILES__;
const CACHE = `why401-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(FILES.map((file) => new Request(file, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith('why401-') && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// Files whose names carry a content hash (Trunk's `name-<hash>.js`, `_bg.wasm`, `.css`) never
// change: the copy is always right. Every other file (the page, boot.js, the manifest, the icons)
// may change with a new build, so it comes from the network when there is one and the copy is
// refreshed; the copy answers only offline. Serving an old boot.js to a new index.html would fail
// its integrity check and leave a blank page.
const HASHED = /-[0-9a-f]{12,}(_bg)?\.(js|wasm|css)$/;

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (HASHED.test(url.pathname)) {
    event.respondWith(
      caches.match(request, { cacheName: CACHE, ignoreSearch: true })
        .then((hit) => hit ?? fetch(request)),
    );
    return;
  }
  // The page's own files, under the names the list gives them; anything else passes through.
  const relative = `./${url.pathname.slice(new URL(self.registration.scope).pathname.length)}`;
  if (!FILES.includes(relative)) return;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && !url.search) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(relative, copy));
        }
        return response;
      })
      .catch(() => caches.match(relative, { cacheName: CACHE }).then((hit) => hit ?? Response.error())),
  );
});
