// The homework builder on For therapists: pick sections, worksheets and
// checklist steps from the build's manifest (searchable), put them in
// order, add a short note, then copy the link or show it as a QR code.
// Everything is built with DOM APIs; no text is ever parsed as HTML.
import { copyText, flash, useTherapistStyles } from "./copy-link.js";
import { element } from "../lib/dom.js";
import { homeworkHash, loadManifest } from "./homework-link.js";

const GROUPS = [
  ["section", "Guide sections"],
  ["worksheet", "Worksheets"],
  ["step", "Checklist steps"],
];


function button(text, className) {
  const node = element("button", className ? { class: className } : {}, text);
  node.type = "button";
  return node;
}

function label(item) {
  return item.context ? `${item.title} (${item.context})` : item.title;
}

function matches(item, words) {
  const haystack = `${item.title} ${item.context || ""} ${item.summary || ""} ${item.key}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** The link for `keys` and `note` under the manifest's site address. */
export function homeworkLink(manifest, keys, note) {
  const base = new URL(manifest.data.homework || "homework/", manifest.data.site_url || manifest.root);
  return base.href + homeworkHash(keys, note, manifest.noteLimit);
}

function build(root, manifest) {
  const chosen = [];
  const boxes = new Map();
  let counter = 0;
  const uid = (name) => `tw-builder-${name}-${(counter += 1)}`;

  // 1. Search and choices.
  const searchId = uid("search");
  const searchLabel = element("label", {}, "Find a section, worksheet or step");
  searchLabel.htmlFor = searchId;
  const search = element("input", { class: "tw-builder__search" });
  search.type = "search";
  search.id = searchId;
  search.autocomplete = "off";
  const shown = element("p", { class: "tw-builder__shown" });
  shown.setAttribute("aria-live", "polite");
  const choices = element("div", { class: "tw-builder__choices" });
  const groupLists = [];
  for (const [kind, title] of GROUPS) {
    // An old heading id kept working is not offered again under its old name.
    const items = manifest.list.filter((item) => item.kind === kind && !item.alias_of);
    if (!items.length) continue;
    const set = element("fieldset");
    set.append(element("legend", {}, title));
    const list = element("ul");
    for (const item of items) {
      const li = element("li");
      const box = element("input");
      box.type = "checkbox";
      box.value = item.key;
      box.id = uid("item");
      const text = element("label", {}, label(item));
      text.htmlFor = box.id;
      li.append(box, document.createTextNode(" "), text);
      li.dataset.key = item.key;
      list.append(li);
      boxes.set(item.key, box);
    }
    set.append(list);
    choices.append(set);
    groupLists.push([set, list, items]);
  }

  // 2. The chosen items, in order.
  const pickedTitle = element("h3", {}, "Your homework list");
  const picked = element("ol", { class: "tw-builder__picked" });
  const empty = element("p", { class: "tw-builder__empty" }, "Nothing chosen yet. Tick items above to add them.");

  // 3. The note.
  const noteId = uid("note");
  const noteLabel = element("label", {}, "A short note for your client (optional)");
  noteLabel.htmlFor = noteId;
  const note = element("textarea");
  note.id = noteId;
  if (Number.isFinite(manifest.noteLimit)) note.maxLength = manifest.noteLimit;
  note.rows = 3;
  const countId = uid("count");
  const count = element("p", { class: "tw-builder__count" });
  count.id = countId;
  note.setAttribute("aria-describedby", countId);

  // 4. The link, its copy button and the QR code.
  const linkBox = element("div", { class: "tw-builder__link" });
  linkBox.append(element("h3", {}, "The link"));
  const output = element("output");
  output.setAttribute("aria-live", "off");
  const actions = element("div", { class: "tw-builder__actions" });
  const copy = button("Copy link", "md-button md-button--primary");
  copy.setAttribute("aria-label", "Copy link to this homework");
  const open = element("a", { class: "md-button" }, "Preview");
  open.href = homeworkLink(manifest, [], ""); // a real address even before items are chosen
  open.target = "_blank";
  open.rel = "noopener";
  const qrButton = button("Show QR code", "md-button");
  const status = element("p", { class: "tw-builder__status" });
  status.setAttribute("role", "status");
  actions.append(copy, open, qrButton);
  const qr = element("div", { class: "tw-builder__qr" });
  linkBox.append(output, actions, status, qr);

  root.replaceChildren(searchLabel, search, shown, choices, pickedTitle, empty, picked,
    noteLabel, note, count, linkBox);

  const link = () => homeworkLink(manifest, chosen, note.value);

  const refresh = () => {
    picked.replaceChildren();
    chosen.forEach((key, index) => {
      const item = manifest.items.get(key);
      const li = element("li");
      li.dataset.key = key;
      li.append(element("span", {}, label(item)));
      const up = button("Up");
      up.setAttribute("aria-label", `Move ${item.title} up`);
      up.disabled = index === 0;
      up.addEventListener("click", () => move(index, -1));
      const down = button("Down");
      down.setAttribute("aria-label", `Move ${item.title} down`);
      down.disabled = index === chosen.length - 1;
      down.addEventListener("click", () => move(index, 1));
      const remove = button("Remove");
      remove.setAttribute("aria-label", `Remove ${item.title}`);
      remove.addEventListener("click", () => toggle(key, false));
      li.append(up, down, remove);
      picked.append(li);
    });
    empty.hidden = chosen.length > 0;
    const used = Array.from(note.value).length;
    count.textContent = `${used} of ${manifest.noteLimit} characters`;
    const ready = chosen.length > 0;
    output.textContent = ready ? link() : "Choose at least one item to get a link.";
    copy.disabled = !ready;
    qrButton.disabled = !ready;
    open.hidden = !ready;
    if (ready) open.href = link();
    qr.replaceChildren();
  };

  function move(index, by) {
    const [key] = chosen.splice(index, 1);
    chosen.splice(index + by, 0, key);
    refresh();
    const buttons = picked.children[index + by]?.querySelectorAll("button");
    if (buttons) buttons[by < 0 ? 0 : 1].focus();
  }

  function toggle(key, on) {
    const at = chosen.indexOf(key);
    if (on && at === -1) chosen.push(key);
    if (!on && at !== -1) chosen.splice(at, 1);
    const box = boxes.get(key);
    if (box) box.checked = on;
    refresh();
  }

  const filter = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let visible = 0;
    for (const [set, list, items] of groupLists) {
      let inGroup = 0;
      items.forEach((item, i) => {
        const hit = matches(item, words);
        list.children[i].hidden = !hit;
        if (hit) inGroup += 1;
      });
      set.hidden = inGroup === 0;
      visible += inGroup;
    }
    shown.textContent = words.length ? `${visible} ${visible === 1 ? "match" : "matches"}` : "";
  };

  choices.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement) toggle(event.target.value, event.target.checked);
  });
  search.addEventListener("input", filter);
  note.addEventListener("input", refresh);
  copy.addEventListener("click", async () => {
    const copied = await copyText(link());
    flash(copy, copied ? "Copied" : "Select the link above and copy it");
    status.textContent = copied ? "The link is copied. Paste it into an email or message." : "";
  });
  qrButton.addEventListener("click", async () => {
    qr.replaceChildren();
    try {
      const { drawQr } = await import("./qr.js");
      const canvas = element("canvas");
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", "QR code of the homework link");
      drawQr(canvas, link());
      qr.append(canvas, element("p", {}, "Your client can scan this with a phone camera to open the link."));
    } catch {
      qr.append(element("p", {}, "This link is too long for a QR code. Shorten the note or choose fewer items."));
    }
  });
  refresh();
}

/** `[data-homework-builder]` on For therapists. */
export function mountBundleBuilder(root) {
  useTherapistStyles();
  let gone = false;
  loadManifest(root.dataset.manifest)
    .then((manifest) => {
      if (!gone) build(root, manifest);
    })
    .catch(() => {
      if (gone) return;
      root.replaceChildren(element("p", {},
        "The list of sections and worksheets could not be loaded. Reload the page to try again."));
    });
  return () => {
    gone = true;
  };
}
