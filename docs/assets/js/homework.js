// Homework links and the client-facing "Your homework" page (homework/).
//
// A homework link carries everything in its fragment, which browsers never
// send to the server:
//   <site_url>homework/#v=1&i=s:establishing-trust/reliability,w:promise-log,c:step-id&n=<note>
// i: the chosen items' keys, in order (s: guide section, w: worksheet,
// c: checklist step); n: an optional note, percent-encoded.
// The page accepts only keys listed in the manifest the build publishes
// (assets/manifest.json); it never treats the note as HTML.
import { useTherapistStyles } from "./copy-link.js";
import { PREFIX } from "./storage.js";
import { loadTicks, mountStepBox, onTicksChanged } from "./steps.js";

export const LINK_VERSION = "1";
export const NOTE_LIMIT = 500;
export const ITEM_LIMIT = 40;
const KEY_PATTERN = /^[scw]:[a-z0-9][a-z0-9/-]{0,120}$/;

/** The fragment of a homework link for `keys` (in order) and `note`. */
export function homeworkHash(keys, note) {
  // Keys use only a-z, 0-9, "-", "/" and ":", all safe in a fragment as they are.
  let hash = `#v=${LINK_VERSION}&i=${keys.filter((key) => KEY_PATTERN.test(key)).join(",")}`;
  const trimmed = (note || "").trim();
  if (trimmed) hash += `&n=${encodeURIComponent(trimmed.slice(0, NOTE_LIMIT))}`;
  return hash;
}

/**
 * Reads a homework fragment. Never throws: a damaged link gives whatever
 * could be read. Returns {keys, note, noteCut, extraItems, version}.
 */
export function parseHomework(hash) {
  let params;
  try {
    params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
  } catch {
    params = new URLSearchParams();
  }
  const keys = [];
  for (const raw of (params.get("i") || "").split(",")) {
    const key = raw.trim();
    if (key && !keys.includes(key)) keys.push(key);
  }
  const note = params.get("n") || "";
  // Cut by characters (code points), never in the middle of one.
  const chars = Array.from(note);
  return {
    version: params.get("v") || "",
    keys: keys.slice(0, ITEM_LIMIT),
    extraItems: Math.max(0, keys.length - ITEM_LIMIT),
    note: chars.slice(0, NOTE_LIMIT).join(""),
    noteCut: chars.length > NOTE_LIMIT,
  };
}

/** The manifest: {items: Map key -> item, root: URL of the site}. */
export async function loadManifest(url) {
  const address = new URL(url, document.baseURI);
  const response = await fetch(address, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`manifest: ${response.status}`);
  const data = await response.json();
  const items = new Map();
  for (const item of Array.isArray(data.items) ? data.items : []) {
    if (item && typeof item.key === "string" && typeof item.path === "string") items.set(item.key, item);
  }
  return { items, list: [...items.values()], data, root: new URL("../", address) };
}

/** The same-site address of a manifest item. */
export function itemUrl(manifest, item) {
  return new URL(item.path, manifest.root).href;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function worksheetStatus(id) {
  let record = null;
  try {
    record = JSON.parse(window.localStorage.getItem(`${PREFIX}answers:${id}`) || "null");
  } catch {
    record = null;
  }
  const answers = record && typeof record.answers === "object" && record.answers ? record.answers : {};
  const filled = Object.values(answers).filter((value) => {
    if (Array.isArray(value)) return value.length > 0;
    return value !== "" && value !== null && value !== undefined && value !== false;
  }).length;
  if (!filled) return "Not started yet.";
  const when = record.updated ? new Date(record.updated) : null;
  const date = when && !Number.isNaN(when.getTime()) ? ` Last changed ${when.toLocaleDateString()}.` : "";
  return `Started: ${filled} ${filled === 1 ? "answer" : "answers"} saved in this browser.${date}`;
}

function stepStatus(id, ticks) {
  if (!Object.hasOwn(ticks, id)) return "Not done yet.";
  const when = new Date(ticks[id]);
  return Number.isNaN(when.getTime()) ? "Done." : `Done on ${when.toLocaleDateString()}.`;
}

function sectionStatus(item, ticks) {
  const steps = Array.isArray(item.steps) ? item.steps : [];
  if (!steps.length) return "Read it when you have a quiet moment.";
  const done = steps.filter((id) => Object.hasOwn(ticks, id)).length;
  return `${done} of ${steps.length} ${steps.length === 1 ? "step" : "steps"} in this section done.`;
}

const KIND_LABEL = { section: "Read", worksheet: "Fill in", step: "Try" };

/** Renders the homework list for `parsed` into `root`; returns a teardown. */
export function renderHomework(root, parsed, manifest) {
  root.replaceChildren();
  const cleanups = [];
  if (parsed.note) {
    root.append(element("h2", "", "A note for you"));
    const note = element("p", "tw-homework__note", parsed.note);
    root.append(note);
    if (parsed.noteCut) {
      root.append(element("p", "tw-homework__notice",
        `The note in this link was longer than ${NOTE_LIMIT} characters, so only its beginning is shown.`));
    }
  }
  root.append(element("h2", "", "Your list"));
  if (!parsed.keys.length) {
    root.append(element("p", "", "This link does not list anything. Ask whoever sent it for a new one."));
    return () => {};
  }
  if (parsed.version && parsed.version !== LINK_VERSION) {
    root.append(element("p", "tw-homework__notice",
      "This link was made by a different version of the site. Some items may not show."));
  }
  const list = element("ol", "tw-homework__items");
  const statuses = [];
  for (const key of parsed.keys) {
    const item = KEY_PATTERN.test(key) && manifest ? manifest.items.get(key) : undefined;
    const entry = element("li");
    if (!item) {
      entry.className = "tw-homework__missing";
      entry.append(element("span", "", manifest
        ? "This item is no longer available. Your therapist can send you a new link."
        : "This item could not be loaded."));
      list.append(entry);
      continue;
    }
    entry.dataset.key = key;
    entry.append(element("span", "tw-builder__kind", `${KIND_LABEL[item.kind] || "Open"}: `));
    const link = element("a", "", item.title);
    link.href = itemUrl(manifest, item);
    entry.append(link);
    if (item.context) entry.append(element("span", "", ` (${item.context})`));
    const status = element("span", "tw-homework__status");
    entry.append(status);
    if (item.kind === "step") {
      const id = key.slice(2);
      const label = element("label", "tw-homework__tick");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.dataset.step = id;
      label.append(box, document.createTextNode(" Mark this step done"));
      entry.append(label);
      const teardown = mountStepBox(box);
      if (teardown) cleanups.push(teardown);
    }
    statuses.push([item, key, status]);
    list.append(entry);
  }
  root.append(list);
  if (parsed.extraItems) {
    root.append(element("p", "tw-homework__notice",
      `This link lists more items than the page shows; the last ${parsed.extraItems} were left out.`));
  }
  const update = () => {
    const ticks = loadTicks();
    for (const [item, key, status] of statuses) {
      const id = key.slice(2);
      status.textContent = item.kind === "worksheet" ? worksheetStatus(id)
        : item.kind === "step" ? stepStatus(id, ticks) : sectionStatus(item, ticks);
    }
  };
  update();
  cleanups.push(onTicksChanged(update));
  const onStorage = (event) => {
    if (event.key === null || (event.key && event.key.startsWith(`${PREFIX}answers:`))) update();
  };
  window.addEventListener("storage", onStorage);
  cleanups.push(() => window.removeEventListener("storage", onStorage));
  return () => cleanups.forEach((cleanup) => cleanup());
}

/** The "Your homework" page: `[data-homework]`. */
export function mountHomework(root) {
  useTherapistStyles();
  let teardown = () => {};
  let gone = false;
  let manifest = null;
  const show = () => {
    teardown();
    teardown = renderHomework(root, parseHomework(window.location.hash), manifest);
  };
  const start = async () => {
    try {
      manifest = await loadManifest(root.dataset.manifest);
    } catch {
      manifest = null; // offline or damaged: the note still shows, the items say so
    }
    if (!gone) show();
  };
  start();
  window.addEventListener("hashchange", show);
  return () => {
    gone = true;
    window.removeEventListener("hashchange", show);
    teardown();
  };
}
