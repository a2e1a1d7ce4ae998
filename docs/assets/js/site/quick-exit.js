// Quick exit: leave at once for a neutral site, replacing this page in the
// tab's history so the Back button does not return here. Pressing Escape
// twice within a second does the same.
const DOUBLE_PRESS_MS = 1000;

export function leave(url) {
  document.body.hidden = true; // hide the page even before the next one paints
  window.location.replace(url);
}

export function mountQuickExit(link) {
  const url = link.href;
  let lastEscape = 0;

  const onClick = (event) => {
    event.preventDefault();
    leave(url);
  };
  const onKey = (event) => {
    if (event.key !== "Escape") return;
    const now = Date.now();
    if (now - lastEscape <= DOUBLE_PRESS_MS) leave(url);
    lastEscape = now;
  };

  link.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  return () => {
    link.removeEventListener("click", onClick);
    document.removeEventListener("keydown", onKey);
  };
}
