// A step box is any <input type="checkbox" data-step="<id>"> (guides, the
// checklist, the homework page): it shows the saved tick and saves changes;
// every box with the same id, on this page or in another tab, follows.
import { loadTicks, onTicksChanged, setTicked } from "../storage/steps.js";

/** Mounts one step box: shows the saved state and saves changes. */
export function mountStepBox(box) {
  const id = box.dataset.step;
  if (!id) return undefined;
  const show = () => {
    box.checked = Object.hasOwn(loadTicks(), id);
  };
  const onChange = () => setTicked(id, box.checked);
  show();
  box.addEventListener("change", onChange);
  const unsubscribe = onTicksChanged(show);
  return () => {
    box.removeEventListener("change", onChange);
    unsubscribe();
  };
}
