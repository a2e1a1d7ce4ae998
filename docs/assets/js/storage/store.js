// The key store: the only code that touches localStorage and sessionStorage.
// Every site key is read and written through getItem / setItem / removeItem.
// An entry stays in memory for the visit when the browser refuses a write
// (onHealth listeners hear of it), and while the privacy lock is open its
// protected entries live in layer.js and reach storage only sealed.
// Material keeps its own settings (the palette) under its scope,
// "<site path>.__palette"; erasing removes those too.
import { LOCK_KEY, PREFIX, isProtected } from "./keys.js";
import { closeLayer, isOpen, openedEntries, openedValue, sealWrite } from "./layer.js";

// Material's own keys for this site: its scope is the site's root path.
function materialPrefix() {
  const scope = window.__md_scope ? window.__md_scope.pathname : "/";
  return `${scope}.`;
}

const isSiteKey = (key) => Boolean(key) && (key.startsWith(PREFIX) || key.startsWith(materialPrefix()));

// Where the browser blocks storage, reading the property itself throws.
function storageOrNull() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function sessionOrNull() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

// Keys of this site actually in ``store``.
function keysIn(store) {
  const keys = [];
  try {
    for (let i = 0; store && i < store.length; i += 1) {
      const key = store.key(i);
      if (isSiteKey(key)) keys.push(key);
    }
  } catch {
    /* storage unavailable: nothing stored there */
  }
  return keys;
}

const memory = new Map(); // key -> string, or null once removed

/** What went wrong with storage this visit. */
export const health = { unavailable: false, failed: false };
const listeners = new Set();

export function onHealth(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function report(problem) {
  if (health[problem]) return;
  health[problem] = true;
  for (const listener of listeners) listener(health);
}

/** lock.js: a sealed write the browser refused. */
export function reportFailure() {
  report("failed");
}

/** Every key this site keeps: in this browser's storage, or in memory this visit. */
export function siteKeys() {
  const keys = new Set(keysIn(storageOrNull()));
  for (const [key, value] of [...memory, ...openedEntries()]) {
    if (value === null) keys.delete(key);
    else keys.add(key);
  }
  return [...keys];
}

/** Removes everything the site stored (and kept in memory, the lock's key
 *  included); returns how many keys there were. */
export function eraseAll() {
  const count = siteKeys().length;
  for (const store of [storageOrNull(), sessionOrNull()]) {
    for (const key of keysIn(store)) {
      try {
        store.removeItem(key);
      } catch {
        /* refused: nothing more can be done here */
      }
    }
  }
  memory.clear();
  closeLayer();
  return count;
}

/** Straight from localStorage, past memory and the lock (null when absent or refused). */
export function storedItem(key) {
  try {
    return storageOrNull().getItem(key);
  } catch {
    return null;
  }
}

/** lock.js: writes ``value`` (null removes) straight to localStorage, past
 *  memory and the lock: its settings and sealed entries. False (reported) when refused. */
export function putStored(key, value) {
  try {
    if (value === null) storageOrNull().removeItem(key);
    else storageOrNull().setItem(key, value);
    return true;
  } catch {
    report("failed");
    return false;
  }
}

/** Whether the privacy lock is on and has not been opened in this visit. */
export function isLocked() {
  return !isOpen() && storedItem(LOCK_KEY) !== null;
}

/** A site key's value: what this visit holds first, then storage.
 *  Throws when the browser refuses to read. */
function readItem(key) {
  if (isOpen() && isProtected(key)) {
    const held = openedValue(key);
    if (held !== undefined) return held;
    return memory.has(key) ? memory.get(key) : null; // sealed by another tab after opening
  }
  if (memory.has(key)) return memory.get(key);
  return storageOrNull().getItem(key);
}

/** A site key's value, or null (absent, or the browser refused: reported). */
export function getItem(key) {
  const value = tryGetItem(key);
  return value === undefined ? null : value;
}

/** Like getItem, but undefined when the browser refused to read (reported). */
export function tryGetItem(key) {
  try {
    return readItem(key);
  } catch {
    report("unavailable");
    return undefined;
  }
}

/** Stores a value; false when the browser refused (it is then kept in memory). */
export function setItem(key, value) {
  if (isOpen() && isProtected(key)) {
    sealWrite(key, value);
    memory.delete(key);
    return true;
  }
  if (isProtected(key) && storedItem(LOCK_KEY) !== null) {
    // Locked in another tab since this page opened: never store it plain.
    memory.set(key, value);
    report("failed");
    return false;
  }
  const store = storageOrNull();
  try {
    store.setItem(key, value);
    memory.delete(key);
    return true;
  } catch {
    memory.set(key, value);
    report(store ? "failed" : "unavailable");
    return false;
  }
}

export function removeItem(key) {
  if (isOpen() && isProtected(key)) {
    sealWrite(key, null);
    memory.delete(key);
    return true;
  }
  try {
    storageOrNull().removeItem(key);
    memory.delete(key);
    return true;
  } catch {
    memory.set(key, null);
    report("failed");
    return false;
  }
}
