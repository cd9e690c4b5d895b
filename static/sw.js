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

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The page itself: the network when there is one (so a new build shows), else the copy.
    event.respondWith(
      fetch(request)
        .catch(() => caches.match('./', { cacheName: CACHE }))
        .then((response) => response ?? Response.error()),
    );
    return;
  }
  // Every other file carries a content hash in its name, or is listed with the build's version:
  // the copy is always right.
  event.respondWith(
    caches.match(request, { cacheName: CACHE, ignoreSearch: true })
      .then((hit) => hit ?? fetch(request)),
  );
});
