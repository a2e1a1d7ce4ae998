// Storage health above a worksheet (and on My answers). The banner
// (health-banner.js) loads only when there is something to say: answers not
// being kept, or no copy downloaded for 7 days. Once per visit the browser is
// asked to keep the site's storage (navigator.storage.persist).
import { BACKUP_KEY } from "../storage/keys.js";
import { getItem, health, onHealth } from "../storage/store.js";
import { answerEntries } from "../storage/answers.js";

const WEEK = 7 * 24 * 60 * 60 * 1000;
let askedToPersist = false;

/** When the last backup was made, and when the reminder was put off:
 *  "tw:backup" = {"last": ISO time, "later": ISO time of the last "Not now"}
 *  (written by backup.js and health-banner.js). */
export function backupState() {
  try {
    const value = JSON.parse(getItem(BACKUP_KEY) || "{}");
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/** Whether to remind: answers exist, and no copy (nor a "Not now") in 7 days. */
export function reminderDue(now = Date.now()) {
  const entries = answerEntries();
  if (!entries.length) return false;
  const state = backupState();
  const ago = (when) => now - Date.parse(when);
  if (typeof state.later === "string" && ago(state.later) < WEEK) return false;
  if (typeof state.last === "string" && !Number.isNaN(Date.parse(state.last))) return ago(state.last) >= WEEK;
  const created = entries.map(([, raw]) => {
    try {
      return Date.parse(JSON.parse(raw).created);
    } catch {
      return NaN;
    }
  }).filter(Number.isFinite);
  return created.length > 0 && now - Math.min(...created) >= WEEK;
}

/** Asks the browser to keep this site's storage; resolves to true, false or null (cannot ask). */
export async function askToPersist() {
  if (!navigator.storage || !navigator.storage.persist) return null;
  try {
    return (await navigator.storage.persisted()) || (await navigator.storage.persist());
  } catch {
    return null;
  }
}

export function mountHealth(anchor) {
  let banner = null;
  let gone = false;
  const check = () => {
    if (gone || banner || !(health.unavailable || health.failed || reminderDue())) return;
    banner = import("./health-banner.js").then((module) => (gone ? null : module.showBanner(anchor)));
  };
  check();
  const stop = onHealth(check);
  if (!askedToPersist && answerEntries().length) {
    askedToPersist = true;
    askToPersist();
  }
  return () => {
    gone = true;
    stop();
    if (banner) banner.then((teardown) => teardown && teardown());
  };
}
