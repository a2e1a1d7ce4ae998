// Storage health, shown above a worksheet (and on My answers):
// - when this browser refuses to keep answers (storage turned off, full, a
//   private window), a plain warning that they are not being kept, with the
//   download; what is typed stays in memory (storage.js) until the page closes;
// - when answers exist and no copy was downloaded for 7 days, a gentle
//   reminder offering the download, which "Not now" puts off for 7 days;
// - once per visit, a quiet request that the browser keep the site's storage
//   (navigator.storage.persist); My answers shows the browser's answer.
import { PREFIX, answerEntries, getItem, health, onHealth, setItem } from "./storage.js";

const WEEK = 7 * 24 * 60 * 60 * 1000;
const BACKUP_KEY = `${PREFIX}backup`;
let askedToPersist = false;

function backupState() {
  try {
    const value = JSON.parse(getItem(BACKUP_KEY) || "{}");
    return typeof value === "object" && value !== null ? value : {};
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

function button(text, onClick) {
  const node = document.createElement("button");
  node.type = "button";
  node.className = "tw-button";
  node.textContent = text;
  node.addEventListener("click", onClick);
  return node;
}

function paragraph(text, tag = "p") {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

export function mountHealth(anchor) {
  const box = document.createElement("div");
  box.className = "tw-health";
  box.dataset.twHealth = "";
  anchor.before(box);
  const status = paragraph("");
  status.setAttribute("role", "status");

  const download = () => import("./backup.js").then((backup) => {
    backup.downloadJson();
    render();
    say("A copy of your answers was downloaded to this device.");
  }).catch(() => say("The download could not start. Reload the page and try again."));

  const say = (text) => {
    status.textContent = text;
    box.append(status);
    box.hidden = false;
  };

  const render = () => {
    box.replaceChildren();
    box.removeAttribute("role");
    box.className = "tw-health";
    if (health.unavailable || health.failed) {
      box.classList.add("tw-health--problem");
      box.setAttribute("role", "alert");
      box.append(
        paragraph("Your answers are not being kept.", "strong"),
        paragraph("This browser is refusing to store them: its storage may be turned off or full, "
          + "or this may be a private window. What you type stays on this page until you close it. "
          + "Download a copy to keep it."),
        button("Download my answers", download),
      );
    } else if (reminderDue()) {
      box.classList.add("tw-health--reminder");
      const later = button("Not now", () => {
        setItem(BACKUP_KEY, JSON.stringify({ ...backupState(), later: new Date().toISOString() }));
        render();
      });
      box.append(
        paragraph("It has been a week or more since you last saved a copy of your answers. Browsers "
          + "sometimes clear what websites keep, so a copy on your own device is worth having."),
        button("Download a copy", download), later,
      );
    }
    box.hidden = box.childElementCount === 0;
  };

  render();
  const stop = onHealth(render);
  if (!askedToPersist && answerEntries().length) {
    askedToPersist = true;
    askToPersist();
  }
  return () => {
    stop();
    box.remove();
  };
}
