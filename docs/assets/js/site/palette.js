// Light and dark mode: the header's toggle (overrides/partials/palette.html).
//
// Material's own palette component marks the page as switching, reads the
// header's computed style, sets a color-scheme meta tag and then unmarks the
// page, on every page load: three restylings of every element of the page
// before the reader can do anything (on the checklist, about 30 ms each on a
// desktop and four times that on a phone). This one changes the page only
// when the palette really changes.
//
// It keeps Material's stored format and key (`__palette`, written with
// Material's own `__md_set`), so Material's inline script in the header
// still applies a saved choice before the first paint. The root element's
// color-scheme, which Material's meta tag set, comes from site.css.
const KEY = "__palette";
const KEYS = ["media", "scheme", "primary", "accent"];

function colourOf(input) {
  return Object.fromEntries(KEYS.map((key) => [key, input.getAttribute(`data-md-color-${key}`) ?? ""]));
}

function stored(count) {
  try {
    const saved = window.__md_get?.(KEY);
    return Number.isInteger(saved?.index) && saved.index >= 0 && saved.index < count ? saved.index : -1;
  } catch {
    return -1; // unreadable: follow the system setting, as on a first visit
  }
}

function save(index, colour) {
  try {
    window.__md_set?.(KEY, { index, color: colour });
  } catch {
    // Storage full or refused: the choice lasts for this page only.
  }
}

export function mountPalette(form) {
  const inputs = [...form.querySelectorAll("input.md-option")];
  if (!inputs.length) return undefined;

  const show = (index, switching) => {
    const input = inputs[index];
    input.checked = true;
    inputs.forEach((each, i) => {
      const label = each.nextElementSibling;
      if (label instanceof HTMLLabelElement) label.hidden = i !== index;
    });
    const colour = colourOf(input);
    const body = document.body;
    const changes = KEYS.filter((key) => body.getAttribute(`data-md-color-${key}`) !== colour[key]);
    if (changes.length) {
      // Colours jump rather than fade while switching (Material's palette.css).
      if (switching) body.setAttribute("data-md-color-switching", "");
      for (const key of changes) body.setAttribute(`data-md-color-${key}`, colour[key]);
      if (switching) setTimeout(() => body.removeAttribute("data-md-color-switching"));
    }
    save(index, colour);
  };

  const saved = stored(inputs.length);
  const system = inputs.findIndex((input) => matchMedia(input.getAttribute("data-md-color-media") || "not all").matches);
  show(saved >= 0 ? saved : Math.max(0, system), false);

  const onChange = (event) => {
    const index = inputs.indexOf(event.target);
    if (index >= 0) show(index, true);
  };
  // Enter on the focused toggle switches too, as with Material's.
  const onKey = (event) => {
    if (event.key !== "Enter" || !inputs.includes(event.target)) return;
    event.preventDefault();
    const next = inputs[(inputs.indexOf(event.target) + 1) % inputs.length];
    next.click();
    next.focus();
  };
  form.addEventListener("change", onChange);
  form.addEventListener("keydown", onKey);
  return () => {
    form.removeEventListener("change", onChange);
    form.removeEventListener("keydown", onKey);
  };
}
