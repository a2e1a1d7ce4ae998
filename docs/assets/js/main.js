// The site's one entry point. Material's instant navigation swaps pages
// without reloading scripts, so every component is mounted on each page
// that `document$` emits and torn down when the next one arrives.
//
// A component is `mount(element) -> teardown | undefined`, registered
// below with the selector of the elements it owns. Those that hold what the
// reader types or ticks are imported here, so they are listening before the
// page has finished loading and no early tick or keystroke is lost; the
// others live in modules fetched only when the page has their element (all
// of a page's at once, mounted in the order listed once they are all there).
import { mountQuickExit } from "./site/quick-exit.js";
import { mountEraseAll } from "./site/erase.js";
import { mountAnswerForm } from "./worksheet/partner-switch.js";
import { mountHealth } from "./answers/health.js";
import { gated } from "./answers/gate.js";
import { mountStepBox } from "./site/step-box.js";
import { mountPalette } from "./site/palette.js";

// A component whose code is fetched on the reader's first click inside it
// (its element is built hidden, shown once scripts run).
function whenUsed(load, name) {
  return (element) => {
    element.hidden = false;
    const onClick = (event) => load().then((module) => module[name](element, event))
      .catch((error) => console.warn(`Trust Workbook: ${name} failed to load`, error));
    element.addEventListener("click", onClick);
    return () => element.removeEventListener("click", onClick);
  };
}

const calendar = () => import("./worksheet/calendar.js");

// [selector, load the module, the mount function's name, gated]. Gated
// components read answers, so they wait behind the privacy lock when it is
// on (answers/gate.js).
const components = [
  ["[data-tw-status]", () => import("./worksheet/worksheet.js"), "mountWorksheetStatus", true],
  ["[data-tw-my-answers]", () => import("./answers/my-answers.js"), "mountMyAnswers", true],
  ["[data-checklist]", () => import("./site/checklist.js"), "mountChecklist"],
  ["[data-checklist-tools]", () => import("./site/checklist.js"), "mountChecklistTools"],
  ["[data-link-directory]", () => import("./therapists/copy-link.js"), "mountLinkDirectory"],
  ["[data-homework-builder]", () => import("./therapists/bundle-builder.js"), "mountBundleBuilder"],
  ["[data-homework]", () => import("./therapists/homework.js"), "mountHomework"],
];

// Mounted at once, with no fetch: leaving fast must never wait for code,
// nor erasing, nor a reader's answers and ticks. (Erase fetched on demand was
// visible but deaf for a moment when a page was mounted twice: a click then
// did nothing, 2 times in 16 in a browser test.)
const immediate = [
  ["[data-quick-exit]", mountQuickExit],
  ["[data-erase-all]", mountEraseAll],
  ["form[data-tw-worksheet]", gated(mountAnswerForm)],
  ["form[data-tw-worksheet]", gated(mountHealth)],
  ["[data-tw-calendar]", whenUsed(calendar, "addToCalendar")],
  ["input[data-step]", mountStepBox],
  ["[data-tw-palette]", mountPalette],
];

let teardowns = [];
let shown = 0; // which page is showing: a page left before its code arrived mounts nothing

function start(selector, mount, element) {
  try {
    const teardown = mount(element);
    if (typeof teardown === "function") teardowns.push(teardown);
  } catch (error) {
    // One broken component must not take the rest of the page with it.
    console.warn(`Trust Workbook: ${selector} failed to start`, error);
  }
}

async function mountComponents(page) {
  const present = components.filter(([selector]) => document.querySelector(selector));
  if (!present.length) return;
  const loads = await Promise.allSettled(present.map(([, load]) => load()));
  if (page !== shown) return;
  present.forEach(([selector, , name, locked], i) => {
    if (loads[i].status === "rejected") {
      console.warn(`Trust Workbook: ${name} failed to load`, loads[i].reason);
      return;
    }
    const mount = locked ? gated(loads[i].value[name]) : loads[i].value[name];
    for (const element of document.querySelectorAll(selector)) start(selector, mount, element);
  });
}

// Offline use: the worker copies the whole site (about a hundred files) when
// it installs, so it is registered only once the page has loaded and the
// browser has a quiet moment, never competing with the page being read.
function registerWorkerWhenIdle() {
  const register = () => import("./site/offline.js")
    .then((offline) => offline.registerWorker())
    .catch((error) => console.warn("Trust Workbook: offline use is not available", error));
  const idle = () => {
    if ("requestIdleCallback" in window) window.requestIdleCallback(register, { timeout: 5000 });
    else window.setTimeout(register, 1000);
  };
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}

let registered = false;

function mountPage() {
  if (!registered) {
    // Once per page load: instant navigation keeps the same worker.
    registered = true;
    registerWorkerWhenIdle();
  }
  for (const teardown of teardowns) teardown();
  teardowns = [];
  shown += 1;
  for (const [selector, mount] of immediate) {
    for (const element of document.querySelectorAll(selector)) start(selector, mount, element);
  }
  mountComponents(shown);
}

if (window.document$) {
  window.document$.subscribe(mountPage);
} else {
  mountPage();
}
