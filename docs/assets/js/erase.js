// "Erase everything on this device" on the Privacy page.
import { eraseAll, siteKeys } from "./storage.js";

export function mountEraseAll(root) {
  const button = root.querySelector("button");
  const status = root.querySelector("[role=status]");
  button.hidden = false;

  const onClick = () => {
    const count = siteKeys().length;
    if (count === 0) {
      status.textContent = "There is nothing stored by this site in this browser.";
      return;
    }
    const sure = window.confirm(
      "Erase every answer, tick and setting this site saved in this browser? This cannot be undone.",
    );
    if (!sure) {
      status.textContent = "Nothing was erased.";
      return;
    }
    eraseAll();
    status.textContent = "Done. Everything this site stored in this browser has been erased.";
    document.dispatchEvent(new CustomEvent("tw:erased")); // My answers refreshes its list
  };

  button.addEventListener("click", onClick);
  return () => button.removeEventListener("click", onClick);
}
