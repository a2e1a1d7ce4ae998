// Homework links: what the builder writes and the "Your homework" page reads.
// No DOM here (the page is homework.js, the builder bundle-builder.js).
//
// A homework link carries everything in its fragment, which browsers never
// send to the server:
//   <site_url>homework/#v=1&i=s:establishing-trust/reliability,w:promise-log,c:step-id&n=<note>
// i: the chosen items' keys, in order (s: guide section, w: worksheet,
// c: checklist step); n: an optional note, percent-encoded.
// The page accepts only keys listed in the manifest the build publishes
// (assets/manifest.json); it never treats the note as HTML.

// The longest note a link carries is published in the manifest ("note_limit",
// workbook/links.py NOTE_LIMIT); loadManifest reads it as ``noteLimit``.
export const LINK_VERSION = "1";
export const ITEM_LIMIT = 40;
export const KEY_PATTERN = /^[scw]:[a-z0-9][a-z0-9/-]{0,120}$/;

/** The fragment of a homework link for `keys` (in order) and `note`, cut at `noteLimit` characters. */
export function homeworkHash(keys, note, noteLimit = Infinity) {
  // Keys use only a-z, 0-9, "-", "/" and ":", all safe in a fragment as they are.
  let hash = `#v=${LINK_VERSION}&i=${keys.filter((key) => KEY_PATTERN.test(key)).join(",")}`;
  const trimmed = (note || "").trim();
  if (trimmed) hash += `&n=${encodeURIComponent(Array.from(trimmed).slice(0, noteLimit).join(""))}`;
  return hash;
}

/**
 * Reads a homework fragment, its note cut at `noteLimit` characters. Never
 * throws: a damaged link gives whatever could be read. Returns {keys, note,
 * noteCut, extraItems, version}.
 */
export function parseHomework(hash, noteLimit = Infinity) {
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
    note: chars.slice(0, noteLimit).join(""),
    noteCut: chars.length > noteLimit,
  };
}

/** The manifest: {items: Map key -> item, list, data, root: URL of the site,
 *  noteLimit: the longest note in characters (Infinity when not published)}. */
export async function loadManifest(url) {
  const address = new URL(url, document.baseURI);
  const response = await fetch(address, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`manifest: ${response.status}`);
  const data = await response.json();
  const items = new Map();
  for (const item of Array.isArray(data.items) ? data.items : []) {
    if (item && typeof item.key === "string" && typeof item.path === "string") items.set(item.key, item);
  }
  const noteLimit = Number.isInteger(data.note_limit) && data.note_limit > 0 ? data.note_limit : Infinity;
  return { items, list: [...items.values()], data, root: new URL("../", address), noteLimit };
}

/** The same-site address of a manifest item. */
export function itemUrl(manifest, item) {
  return new URL(item.path, manifest.root).href;
}
