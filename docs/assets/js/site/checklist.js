// The checklist index (checklist/): progress per guide and overall, and the
// print and reset buttons. The step boxes themselves are mounted by step-box.js
// like on any other page.
import { clearTicks, loadTicks, onTicksChanged } from "../storage/steps.js";

function stepIds(root) {
  return [...root.querySelectorAll("input[data-step]")].map((box) => box.dataset.step);
}

function showProgress(holder, ids, ticks) {
  const done = ids.filter((id) => Object.hasOwn(ticks, id)).length;
  const bar = holder.querySelector("progress");
  const count = holder.querySelector(".tw-checklist__count");
  if (bar) {
    bar.max = ids.length;
    bar.value = done;
  }
  const text = `${done} of ${ids.length} ${ids.length === 1 ? "step" : "steps"} done`;
  if (count && count.textContent !== text) count.textContent = text;
}

/** Progress bars for `[data-checklist]`: overall and per guide. */
export function mountChecklist(root) {
  const update = () => {
    const ticks = loadTicks();
    const overall = root.querySelector('[data-progress="overall"]');
    if (overall) showProgress(overall, stepIds(root), ticks);
    for (const guide of root.querySelectorAll("[data-checklist-guide]")) {
      const holder = guide.querySelector("[data-progress]");
      if (holder) showProgress(holder, stepIds(guide), ticks);
    }
  };
  update();
  return onTicksChanged(update);
}

/** The print and reset buttons above the index. */
export function mountChecklistTools(root) {
  const print = root.querySelector("[data-checklist-print]");
  const reset = root.querySelector("[data-checklist-reset]");
  const status = root.querySelector("[role=status]");
  const cleanups = [];

  if (print && typeof window.print === "function") {
    print.hidden = false;
    const onPrint = () => window.print();
    print.addEventListener("click", onPrint);
    cleanups.push(() => print.removeEventListener("click", onPrint));
  }
  if (reset) {
    reset.hidden = false;
    const onReset = () => {
      const count = Object.keys(loadTicks()).length;
      if (count === 0) {
        status.textContent = "Nothing is ticked yet, so there is nothing to clear.";
        return;
      }
      const sure = window.confirm(
        `Clear all ${count} ${count === 1 ? "tick" : "ticks"} on this device? ` +
          "This also clears them on the guide pages, and cannot be undone.",
      );
      if (!sure) {
        status.textContent = "Nothing was cleared.";
        return;
      }
      clearTicks();
      status.textContent = "All ticks are cleared.";
    };
    reset.addEventListener("click", onReset);
    cleanups.push(() => reset.removeEventListener("click", onReset));
  }
  return () => cleanups.forEach((cleanup) => cleanup());
}
