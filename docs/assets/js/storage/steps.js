// Ticked action steps, shared by every page that shows a step: the guides,
// the checklist index and the homework page. No DOM here: the boxes are
// step-box.js.
//
// Storage: one key, "tw:steps", holding
//   {"format": 1, "ticked": {"<step id>": "<ISO time it was ticked>"}}
// (listed on the Privacy page), read and written through store.js, so a
// refused write keeps the ticks in memory for the visit and is reported like
// any other.
import { STEPS_KEY } from "./keys.js";
import { getItem, removeItem, setItem } from "./store.js";

const FORMAT = 1;
// Fired on window after the ticks change here or in another tab.
export const STEPS_EVENT = "tw:steps-changed";

/** ``raw`` (the stored text, or null) read as ticks: step id -> time ticked. */
export function parseTicks(raw) {
  try {
    const data = JSON.parse(raw || "null");
    if (!data || data.format !== FORMAT || typeof data.ticked !== "object" || !data.ticked) return {};
    const ticks = {};
    for (const [id, when] of Object.entries(data.ticked)) {
      if (typeof when === "string") ticks[id] = when;
    }
    return ticks;
  } catch {
    return {}; // unreadable: treat as nothing ticked, never break the page
  }
}

/** The ticked steps: an object mapping step id to the time it was ticked. */
export function loadTicks() {
  return parseTicks(getItem(STEPS_KEY));
}

function saveTicks(ticks) {
  if (Object.keys(ticks).length === 0) return removeItem(STEPS_KEY);
  return setItem(STEPS_KEY, JSON.stringify({ format: FORMAT, ticked: ticks }));
}

function announce() {
  window.dispatchEvent(new CustomEvent(STEPS_EVENT));
}

/** Ticks or unticks one step; returns whether it was saved. */
export function setTicked(id, ticked) {
  const ticks = loadTicks();
  if (ticked) ticks[id] = ticks[id] || new Date().toISOString();
  else delete ticks[id];
  const saved = saveTicks(ticks);
  announce();
  return saved;
}

/** Unticks every step. */
export function clearTicks() {
  const saved = saveTicks({});
  announce();
  return saved;
}

/** Calls `listener` whenever the ticks change, here or in another tab; returns an unsubscribe. */
export function onTicksChanged(listener) {
  window.addEventListener(STEPS_EVENT, listener);
  return () => window.removeEventListener(STEPS_EVENT, listener);
}

// Another tab changed the ticks (or cleared all storage): tell this page.
// Installed once, when the module first loads; modules survive instant
// navigation, so this listener does too.
window.addEventListener("storage", (event) => {
  if (event.key === STEPS_KEY || event.key === null) announce();
});
