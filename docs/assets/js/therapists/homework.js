// The client-facing "Your homework" page (homework/): the items of a
// homework link (homework-link.js reads it) with the reader's own progress.
// Answers are read through the storage layer (storage/), so a locked device asks for the
// passphrase before showing them, and each partner's answers are counted
// as the worksheet counts them.
import { element } from "../lib/dom.js";
import {
  KEY_PATTERN, LINK_VERSION, itemUrl, loadManifest, parseHomework,
} from "./homework-link.js";
import { PREFIX } from "../storage/keys.js";
import { isLocked } from "../storage/store.js";
import { answeredCount, readAnswers } from "../storage/answers.js";
import { readPartners } from "../storage/partners.js";
import { mountStepBox } from "../site/step-box.js";
import { loadTicks, onTicksChanged } from "../storage/steps.js";


const plural = (n, word) => `${n} ${n === 1 ? word : `${word}s`}`;

/** One partner's entry in words, or null when nothing is saved. */
function answersStatus(loaded) {
  if (loaded.state === "damaged") return "saved answers need a look: open the worksheet.";
  if (loaded.state !== "ok") return null;
  const count = answeredCount(loaded.record);
  if (!count) return null;
  const when = new Date(loaded.record.updated);
  const date = Number.isNaN(when.getTime()) ? "" : `, last changed ${when.toLocaleDateString()}`;
  return `${plural(count, "answer")} saved in this browser${date}.`;
}

function worksheetStatus(id) {
  if (isLocked()) return "Your answers are locked. Enter your passphrase above to see your progress.";
  const first = answersStatus(readAnswers(id));
  const second = answersStatus(readAnswers(id, "b"));
  if (second) {
    const { names } = readPartners();
    return `${names.a}: ${first || "not started yet."} ${names.b}: ${second}`;
  }
  if (!first) return "Not started yet.";
  return `Started: ${first.replace(", last changed", ". Last changed")}`;
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
    root.append(element("h2", {}, "A note for you"));
    const note = element("p", { class: "tw-homework__note" }, parsed.note);
    root.append(note);
    if (parsed.noteCut) {
      root.append(element("p", { class: "tw-homework__notice" },
        `The note in this link was longer than ${manifest.noteLimit} characters, so only its beginning is shown.`));
    }
  }
  root.append(element("h2", {}, "Your list"));
  if (!parsed.keys.length) {
    root.append(element("p", {}, "This link does not list anything. Ask whoever sent it for a new one."));
    return () => {};
  }
  if (parsed.version && parsed.version !== LINK_VERSION) {
    root.append(element("p", { class: "tw-homework__notice" },
      "This link was made by a different version of the site. Some items may not show."));
  }
  const list = element("ol", { class: "tw-homework__items" });
  const statuses = [];
  for (const key of parsed.keys) {
    const item = KEY_PATTERN.test(key) && manifest ? manifest.items.get(key) : undefined;
    const entry = element("li");
    if (!item) {
      entry.className = "tw-homework__missing";
      entry.append(element("span", {}, manifest
        ? "This item is no longer available. Your therapist can send you a new link."
        : "This item could not be loaded."));
      list.append(entry);
      continue;
    }
    entry.dataset.key = key;
    entry.append(element("span", { class: "tw-builder__kind" }, `${KIND_LABEL[item.kind] || "Open"}: `));
    const link = element("a", {}, item.title);
    link.href = itemUrl(manifest, item);
    entry.append(link);
    if (item.context) entry.append(element("span", {}, ` (${item.context})`));
    const status = element("span", { class: "tw-homework__status" });
    entry.append(status);
    if (item.kind === "step") {
      const id = key.slice(2);
      const label = element("label", { class: "tw-homework__tick" });
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
    root.append(element("p", { class: "tw-homework__notice" },
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
  if (statuses.some(([item]) => item.kind === "worksheet") && isLocked()) {
    let gone = false;
    import("../answers/lock.js").then((lock) => lock.askPassphrase()).then(() => {
      if (!gone) update();
    }).catch((error) => console.warn("Trust Workbook: the lock could not be loaded", error));
    cleanups.push(() => {
      gone = true;
    });
  }
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
  let teardown = () => {};
  let gone = false;
  let manifest = null;
  const show = () => {
    teardown();
    teardown = renderHomework(root, parseHomework(window.location.hash, manifest ? manifest.noteLimit : Infinity),
      manifest);
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
