// Everything the site keeps in this browser goes through this module.
//
// Keys: every key the site writes starts with PREFIX ("tw:"). Material keeps
// its own settings (the palette) under its scope, "<site path>.__palette".
// docs/privacy.md lists every key; tests fail on one that is not listed.

export const PREFIX = "tw:";

// Material's own keys for this site: its scope is the site's root path.
function materialPrefix() {
  const scope = window.__md_scope ? window.__md_scope.pathname : "/";
  return `${scope}.`;
}

function storageOrNull() {
  try {
    return window.localStorage;
  } catch {
    return null; // storage disabled: reading the property itself throws
  }
}

/** Every key in this browser's storage that this site wrote. */
export function siteKeys() {
  const store = storageOrNull();
  if (!store) return [];
  const keys = [];
  const material = materialPrefix();
  for (let i = 0; i < store.length; i += 1) {
    const key = store.key(i);
    if (key && (key.startsWith(PREFIX) || key.startsWith(material))) keys.push(key);
  }
  return keys;
}

/** Removes everything the site stored; returns how many keys were removed. */
export function eraseAll() {
  const store = storageOrNull();
  if (!store) return 0;
  const keys = siteKeys();
  for (const key of keys) store.removeItem(key);
  for (const session of [window.sessionStorage]) {
    try {
      for (const key of Object.keys(session)) {
        if (key.startsWith(PREFIX) || key.startsWith(materialPrefix())) session.removeItem(key);
      }
    } catch {
      /* session storage unavailable: nothing to erase there */
    }
  }
  return keys.length;
}
