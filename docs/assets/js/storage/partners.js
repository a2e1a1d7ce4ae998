// Partner names for each-partner worksheets, set on this device (the switch
// above the form is partners.js, the editor partner-names.js). No DOM.
import { PARTNERS_KEY } from "./keys.js";
import { getItem, setItem } from "./store.js";

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

// "tw:partners" = {"names": {"a": "Sam", "b": "Alex"}, "active": "a"}
export const DEFAULT_NAMES = { a: "Partner A", b: "Partner B" };

/**
 * The partners setting, always well formed: {names: {a, b}, active}.
 * Names are cut to the published limit where they are written (the name
 * editor and an import, through storage/limits.js), not here.
 */
export function readPartners() {
  let saved = {};
  try {
    saved = JSON.parse(getItem(PARTNERS_KEY) || "{}");
  } catch {
    saved = {};
  }
  const names = isObject(saved) && isObject(saved.names) ? saved.names : {};
  const clean = (value, fallback) => (typeof value === "string" && value.trim() ? value.trim() : fallback);
  return {
    names: { a: clean(names.a, DEFAULT_NAMES.a), b: clean(names.b, DEFAULT_NAMES.b) },
    active: saved.active === "b" ? "b" : "a",
  };
}

export function writePartners(partners) {
  return setItem(PARTNERS_KEY, JSON.stringify(partners));
}
