// Offline use: registers the service worker (sw.js at the site's root) once
// per page load, and offers to reload when a new version of the site is
// ready. It never reloads by itself: only the reader's "Reload" does, and
// answers are saved as the page goes (worksheet.js saves on pagehide).
// The build leaves out <meta name="tw-worker"> under mkdocs serve and when
// offline use is switched off (workbook/plugin.py).

import { element } from "../lib/dom.js";

function workerUrl() {
  const meta = document.querySelector('meta[name="tw-worker"]');
  return meta ? new URL(meta.content, document.baseURI) : null;
}

// The site's root ("/" or "/workbook/"), from Material's page config.
function siteRoot() {
  try {
    const config = JSON.parse(document.getElementById("__config").textContent);
    return new URL(`${config.base}/`, document.baseURI);
  } catch {
    return new URL("/", document.baseURI);
  }
}

// The same prefix as the worker's cache names (sw.js).
const cachePrefix = () => `trust-workbook ${siteRoot().pathname} `;

function notice(registration) {
  if (document.querySelector("[data-tw-update]")) return;
  const box = element("aside", { class: "tw-update", "data-tw-update": "", "aria-label": "New version" });
  const text = element("p", { role: "status" },
    "A new version of this site is ready. Your answers stay saved when you reload.");
  const reload = element("button", { type: "button", class: "tw-button" }, "Reload");
  const later = element("button", { type: "button", class: "tw-button" }, "Later");
  reload.addEventListener("click", () => {
    reload.disabled = true;
    const waiting = registration.waiting;
    if (!waiting) {
      window.location.reload();
      return;
    }
    navigator.serviceWorker.addEventListener("controllerchange", () => window.location.reload());
    waiting.postMessage("skip-waiting");
  });
  later.addEventListener("click", () => box.remove());
  box.append(text, reload, later);
  document.body.append(box);
}

/** Registers the worker; shows the notice when a new version waits. */
export async function registerWorker() {
  const url = workerUrl();
  if (!url || !("serviceWorker" in navigator)) return null;
  const registration = await navigator.serviceWorker.register(url, { scope: new URL("./", url).pathname });
  const offer = () => {
    if (registration.waiting && navigator.serviceWorker.controller) notice(registration);
  };
  offer();
  // An app left open (a home-screen app resumes without loading a page)
  // looks for a new version whenever it is shown again.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") registration.update().catch(() => {});
  });
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed") offer();
    });
  });
  return registration;
}

/** Erase everything: the site's caches and its worker. Resolves to how many were removed. */
export async function removeOfflineCopy() {
  let removed = 0;
  if ("caches" in window) {
    for (const key of await caches.keys()) {
      if (key.startsWith(cachePrefix()) && await caches.delete(key)) removed += 1;
    }
  }
  if ("serviceWorker" in navigator) {
    for (const registration of await navigator.serviceWorker.getRegistrations()) {
      if (registration.scope === siteRoot().href && await registration.unregister()) removed += 1;
    }
  }
  return removed;
}

/** Whether this browser keeps an offline copy of the site. */
export async function hasOfflineCopy() {
  const keys = "caches" in window ? await caches.keys() : [];
  const workers = "serviceWorker" in navigator ? await navigator.serviceWorker.getRegistrations() : [];
  return keys.some((key) => key.startsWith(cachePrefix()))
    || workers.some((registration) => registration.scope === siteRoot().href);
}
