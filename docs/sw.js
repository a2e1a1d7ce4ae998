// The site's service worker: after the first visit every page, worksheet and
// the search work with no network. It caches the files the build lists in
// offline-files.json (with a hash of each) in a cache named after the build,
// and answers from it; a PDF joins the cache when first downloaded. It never
// sees what a reader types: answers stay in localStorage. The build writes
// BUILD in (workbook/offline.py); "off" makes the worker remove itself.
const BUILD = "__TW_BUILD__";
const ROOT = self.registration.scope;
const PREFIX = `trust-workbook ${new URL(ROOT).pathname} `;
const CACHE = PREFIX + BUILD;
const LIST = new URL("offline-files.json", ROOT).href;
const OFFLINE = new URL("503.html", ROOT).href;

async function ourCaches() {
  return (await caches.keys()).filter((key) => key.startsWith(PREFIX));
}

async function fetchOk(url) {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response;
}

self.addEventListener("install", (event) => event.waitUntil((async () => {
  if (BUILD === "off") return self.skipWaiting();
  const list = await (await fetchOk(LIST)).json();
  const cache = await caches.open(CACHE);
  // A file whose hash did not change is copied from the last build's cache.
  const old = (await ourCaches()).filter((key) => key !== CACHE);
  const known = old.length ? await caches.open(old[old.length - 1]) : null;
  const before = known && await known.match(LIST);
  const previous = before ? await before.json() : { files: {}, later: {} };
  const copy = async (path, hash, kept) => {
    const url = new URL(path, ROOT);
    return kept[path] === hash ? known.match(url) : undefined;
  };
  await Promise.all(Object.entries(list.files).map(async ([path, hash]) => {
    const url = new URL(path, ROOT);
    await cache.put(url, (await copy(path, hash, previous.files)) || await fetchOk(url));
  }));
  await Promise.all(Object.entries(list.later).map(async ([path, hash]) => {
    const kept = await copy(path, hash, previous.later || {});
    if (kept) await cache.put(new URL(path, ROOT), kept);
  }));
  await cache.put(LIST, new Response(JSON.stringify(list)));
})()));

self.addEventListener("activate", (event) => event.waitUntil((async () => {
  for (const key of await ourCaches()) if (key !== CACHE) await caches.delete(key);
  if (BUILD === "off") return self.registration.unregister();
  await self.clients.claim();
})()));

// "Reload" on the update notice (assets/js/site/offline.js).
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (BUILD === "off" || request.method !== "GET" || !request.url.startsWith(ROOT)) return;
  event.respondWith(answer(event));
});

async function answer(event) {
  const { request } = event;
  const url = new URL(request.url);
  url.hash = url.search = "";
  if (url.pathname.endsWith("/")) url.pathname += "index.html";
  else if (!url.pathname.split("/").pop().includes(".")) url.pathname += "/index.html";
  const cached = await caches.match(url, { cacheName: CACHE });
  if (cached) return cached;
  try {
    const response = await fetch(request);
    if (response.ok && url.pathname.endsWith(".pdf")) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => cache.put(url, copy)));
    }
    return response;
  } catch (error) {
    if (request.mode !== "navigate") throw error;
    return (await caches.match(OFFLINE, { cacheName: CACHE }))
      || new Response("You are offline, and this page is not saved on this device.",
        { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
