// The privacy lock's hand-off to the key store. While the lock is open
// (lock.js unlocked it this visit), protected entries (keys.js isProtected)
// live here in plain text and reach localStorage only sealed, through the
// sealer lock.js gives. The epoch rises whenever the layer closes or
// everything is erased, so a sealed write still under way is dropped.

let sealer = null; // (key, string | null) => void while the lock is open
let epoch = 0;
const opened = new Map(); // key -> string, or null once removed

/** lock.js: the lock is open; protected entries are ``entries`` from now on. */
export function openLayer(nextSealer, entries) {
  sealer = nextSealer;
  for (const [key, value] of entries) opened.set(key, value);
}

/** lock.js (the lock is off, every entry is plain again) and erasing. */
export function closeLayer() {
  sealer = null;
  epoch += 1;
  opened.clear();
}

export function currentEpoch() {
  return epoch;
}

export function isOpen() {
  return sealer !== null;
}

/** store.js: the open layer's value for a protected key; undefined when it holds none. */
export function openedValue(key) {
  return opened.has(key) ? opened.get(key) : undefined;
}

/** store.js: every key the open layer holds, with its value (null: removed). */
export function openedEntries() {
  return [...opened];
}

/** store.js: keeps ``value`` (null removes) and has it sealed into storage. */
export function sealWrite(key, value) {
  opened.set(key, value);
  sealer(key, value);
}
