// The site's one entry point. Material's instant navigation swaps pages
// without reloading scripts, so every component is mounted on each page
// that `document$` emits and torn down when the next one arrives.
//
// A component is `mount(element) -> teardown | undefined`, registered
// below with the selector of the elements it owns.
import { mountQuickExit } from "./site/quick-exit.js";
import { mountEraseAll } from "./site/erase.js";
import { mountWorksheetStatus } from "./worksheet/worksheet.js";
import { mountAnswerForm } from "./worksheet/partner-switch.js";
import { mountHealth } from "./answers/health.js";
import { gated } from "./answers/gate.js";
import { mountStepBox } from "./site/step-box.js";
import { registerWorker } from "./site/offline.js";

// A component only one page uses is fetched when that page is shown.
function lazy(load, name) {
  return (element) => {
    let teardown;
    let gone = false;
    load().then((module) => {
      if (!gone) teardown = module[name](element);
    }).catch((error) => console.warn(`Trust Workbook: ${name} failed to load`, error));
    return () => {
      gone = true;
      if (typeof teardown === "function") teardown();
    };
  };
}

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

const components = [
  ["[data-quick-exit]", mountQuickExit],
  ["[data-erase-all]", mountEraseAll],
  // Answers wait behind the privacy lock when it is on (gate.js).
  ["form[data-tw-worksheet]", gated(mountAnswerForm)],
  ["form[data-tw-worksheet]", gated(mountHealth)],
  ["[data-tw-status]", gated(mountWorksheetStatus)],
  ["[data-tw-calendar]", whenUsed(() => import("./worksheet/calendar.js"), "addToCalendar")],
  ["[data-tw-my-answers]", gated(lazy(() => import("./answers/my-answers.js"), "mountMyAnswers"))],
  ["input[data-step]", mountStepBox],
  ["[data-checklist]", lazy(() => import("./site/checklist.js"), "mountChecklist")],
  ["[data-checklist-tools]", lazy(() => import("./site/checklist.js"), "mountChecklistTools")],
  ["[data-link-directory]", lazy(() => import("./therapists/copy-link.js"), "mountLinkDirectory")],
  ["[data-homework-builder]", lazy(() => import("./therapists/bundle-builder.js"), "mountBundleBuilder")],
  ["[data-homework]", lazy(() => import("./therapists/homework.js"), "mountHomework")],
];

let teardowns = [];
let registered = false;

function mountPage() {
  if (!registered) {
    // Once per page load: instant navigation keeps the same worker.
    registered = true;
    registerWorker().catch((error) => console.warn("Trust Workbook: offline use is not available", error));
  }
  for (const teardown of teardowns) teardown();
  teardowns = [];
  for (const [selector, mount] of components) {
    for (const element of document.querySelectorAll(selector)) {
      try {
        const teardown = mount(element);
        if (typeof teardown === "function") teardowns.push(teardown);
      } catch (error) {
        // One broken component must not take the rest of the page with it.
        console.warn(`Trust Workbook: ${selector} failed to start`, error);
      }
    }
  }
}

if (window.document$) {
  window.document$.subscribe(mountPage);
} else {
  mountPage();
}
