// Copying a link to the clipboard, the link directory's copy buttons, and
// the stylesheet of the therapist tools (only their pages load it).

/** Adds therapists.css to the page once (no other page pays for it). */
export function useTherapistStyles() {
  const href = new URL("../../css/therapists.css", import.meta.url).href;
  if ([...document.styleSheets].some((sheet) => sheet.href === href)) return;
  if (document.querySelector(`link[data-tw-styles]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  link.dataset.twStyles = "";
  document.head.append(link);
}

/**
 * Copies `text`; resolves to true when it worked. Uses the asynchronous
 * clipboard where the browser allows it, and otherwise selects the text in
 * a hidden field and asks the browser to copy the selection.
 */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      /* refused (no permission, page not focused): try the older way */
    }
  }
  const field = document.createElement("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.className = "tw-visually-hidden";
  document.body.append(field);
  field.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } catch {
    copied = false;
  }
  field.remove();
  return copied;
}

/** Shows `message` on `button` for a moment, then its own label again. */
export function flash(button, message) {
  const label = button.dataset.label || button.firstChild.textContent;
  button.dataset.label = label;
  button.firstChild.textContent = message;
  window.clearTimeout(Number(button.dataset.timer || 0));
  button.dataset.timer = String(window.setTimeout(() => {
    button.firstChild.textContent = label;
  }, 2000));
}

/** The copy buttons of the link directory on For therapists. */
export function mountLinkDirectory(root) {
  useTherapistStyles();
  const buttons = [...root.querySelectorAll("button[data-copy]")];
  const onClick = async (event) => {
    const button = event.currentTarget;
    const copied = await copyText(button.dataset.copy);
    flash(button, copied ? "Copied" : "Select and copy the address");
  };
  for (const button of buttons) {
    button.hidden = false;
    button.addEventListener("click", onClick);
  }
  return () => buttons.forEach((button) => button.removeEventListener("click", onClick));
}
