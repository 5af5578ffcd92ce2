// The scan station's service worker (served as /app/scan/sw.js, scope /app/scan): keeps the page shell and its
// files so the station opens and scans without a connection. Network first (a fresh page carries a fresh CSRF token
// and fresh files), the cache when the network fails. Steps are never cached or replayed here: the page queues them
// in IndexedDB and sends them through the batch endpoint itself, so each one is answered to the operator.
const CACHE = "traveler-scan-v2";
const SHELL = [
  "/app/scan",
  "/css/app.css",
  "/css/scan.css",
  "/js/app.js",
  "/js/live.js",
  "/js/scan-station.js",
  "/webjars/htmx.org/dist/htmx.min.js",
  "/webjars/html5-qrcode/html5-qrcode.min.js",
  "/app/scan/icon.svg",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => Promise.all(SHELL.map((url) =>
        fetch(url, { credentials: "same-origin" })
          .then((response) => (keepable(response) ? cache.put(url, response) : null))
          .catch(() => null))))
      .then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("traveler-scan-") && n !== CACHE)
        .map((n) => caches.delete(n))))
      .then(() => self.clients.claim()));
});

// The pages name each file by its content (/css/app-<md5>.css, kept by browsers for a year) and each WebJar file by
// its version too (/webjars/htmx.org/2.0.4/dist/htmx.min-<md5>.js); the shell keeps the newest copy under the plain
// name, so a page rendered before an upgrade still finds its files offline.
function plainName(pathname) {
  return pathname
    .replace(/^(\/webjars\/[^/]+)\/\d[^/]*\//, "$1/")
    .replace(/-[0-9a-f]{32}(\.[A-Za-z0-9]+)$/, "$1");
}

function keepable(response) {
  return response && response.ok && !response.redirected && response.type === "basic";
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin
      || url.pathname.startsWith("/app/live/") || url.pathname === "/app/scan/sw.js") {
    return;
  }
  // only the shell: a unit's passport or anything else the page reads is never kept on the device
  const page = request.mode === "navigate" && url.pathname.replace(/\/$/, "") === "/app/scan";
  if (!page && !SHELL.includes(plainName(url.pathname))) {
    return;
  }
  const key = page ? "/app/scan" : plainName(url.pathname);
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (keepable(response)) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(key, copy));
        }
        return response;
      })
      .catch(() => caches.match(key, { ignoreSearch: request.mode === "navigate" })
        .then((cached) => cached || Response.error())));
});
