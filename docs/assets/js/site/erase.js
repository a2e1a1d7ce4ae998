// "Erase everything on this device" on the Privacy page.
import { eraseAll, siteKeys } from "../storage/store.js";
import { hasOfflineCopy, removeOfflineCopy } from "./offline.js";

export function mountEraseAll(root) {
  const button = root.querySelector("button");
  const status = root.querySelector("[role=status]");
  button.hidden = false;

  const onClick = async () => {
    // Asking the browser about the offline copy can wait behind the worker
    // saving it (the first visit's download), so say at once that it started.
    status.textContent = "Checking what this site stored in this browser…";
    const count = siteKeys().length;
    const copy = await hasOfflineCopy().catch(() => false);
    if (count === 0 && !copy) {
      status.textContent = "There is nothing stored by this site in this browser.";
      return;
    }
    const sure = window.confirm(
      "Erase every answer, tick and setting this site saved in this browser, and its offline copy? "
      + "This cannot be undone.",
    );
    if (!sure) {
      status.textContent = "Nothing was erased.";
      return;
    }
    eraseAll();
    // The offline copy holds only the site's own pages, never an answer.
    await removeOfflineCopy().catch(() => 0);
    status.textContent = "Done. Everything this site stored in this browser has been erased.";
    document.dispatchEvent(new CustomEvent("tw:erased")); // My answers refreshes its list
  };

  button.addEventListener("click", onClick);
  return () => button.removeEventListener("click", onClick);
}
