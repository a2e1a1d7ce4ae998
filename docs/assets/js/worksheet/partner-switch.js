// Two partners on one device. A worksheet whose definition says "who":
// "each-partner" gets a switch above the form naming both partners; each
// partner's answers are kept apart (storage/keys.js: "tw:answers:<id>" for the
// first, "tw:answers:<id>:partner-b" for the second), and "Compare side by
// side" shows both sets of answers (compare.js, loaded when asked for).
//
// Names are set on this device only and kept under "tw:partners":
//   {"names": {"a": "Sam", "b": "Alex"}, "active": "a"}
// Names only ever reach the page as text (textContent, input values).
import { element } from "../lib/dom.js";
import { readPartners, writePartners } from "../storage/partners.js";
import { mountWorksheet } from "./worksheet.js";


let counter = 0;

/** The component for every worksheet form: each-partner ones get the switch. */
export function mountAnswerForm(form) {
  const definition = JSON.parse(form.dataset.twDefinition);
  if (definition.who !== "each-partner") return mountWorksheet(form);

  counter += 1;
  const uid = `tw-partner-${counter}`;
  let partners = readPartners();
  let teardown = null;
  let compare = null;

  const bar = element("div", { class: "tw-partners", "data-tw-partners": "" });
  const group = element("fieldset", { class: "tw-partners__switch" });
  group.append(element("legend", {}, "Whose answers are these?"));
  const radios = {};
  const labels = {};
  for (const partner of ["a", "b"]) {
    const radio = element("input", { type: "radio", name: uid, id: `${uid}-${partner}`, value: partner });
    labels[partner] = element("label", { for: `${uid}-${partner}` });
    radios[partner] = radio;
    const item = element("span", { class: "tw-partners__choice" });
    item.append(radio, labels[partner]);
    group.append(item);
  }
  // The names editor loads when opened (partner-names.js).
  const names = element("details", { class: "tw-partners__names" });
  names.append(element("summary", {}, "Change names"));
  const compareButton = element("button", { type: "button", class: "tw-button", "data-tw-compare": "" },
    "Compare side by side");
  const status = element("p", { class: "tw-partners__status", role: "status", "aria-live": "polite" });
  bar.append(group, compareButton, names, status);
  form.before(bar);

  const showNames = () => {
    for (const partner of ["a", "b"]) {
      labels[partner].textContent = partners.names[partner];
      radios[partner].checked = partners.active === partner;
    }
    form.dataset.twPartner = partners.active;
  };

  const mount = () => {
    if (teardown) teardown();
    const notice = form.querySelector("[data-tw-notice]");
    if (notice) {
      notice.replaceChildren();
      notice.hidden = true;
    }
    teardown = mountWorksheet(form, partners.active);
  };

  const onSwitch = (event) => {
    const chosen = event.target.value;
    if (chosen !== "a" && chosen !== "b" || chosen === partners.active) return;
    partners = { ...readPartners(), active: chosen };
    writePartners(partners);
    showNames();
    mount();
    status.textContent = `Now showing ${partners.names[chosen]}'s answers.`;
    if (compare) compare.refresh();
  };

  const onRenamed = () => {
    partners = { ...readPartners(), active: partners.active };
    showNames();
    if (compare) compare.refresh();
  };
  const onOpenNames = () => {
    if (!names.open || names.dataset.twLoaded) return;
    names.dataset.twLoaded = "yes";
    import("./partner-names.js").then((module) => module.nameEditor(names, uid, onRenamed));
  };

  const onCompare = () => {
    if (compare) {
      compare.remove();
      compare = null;
      compareButton.setAttribute("aria-expanded", "false");
      return;
    }
    mount(); // writes what was just typed, so the comparison is current
    import("./compare.js").then((module) => {
      if (!bar.isConnected) return;
      compare = module.showComparison(form, bar, () => readPartners().names);
      compareButton.setAttribute("aria-expanded", "true");
    }).catch(() => {
      status.textContent = "The comparison could not be loaded. Reload the page to try again.";
    });
  };

  showNames();
  mount();
  compareButton.setAttribute("aria-expanded", "false");
  group.addEventListener("change", onSwitch);
  names.addEventListener("toggle", onOpenNames);
  compareButton.addEventListener("click", onCompare);

  return () => {
    if (teardown) teardown();
    if (compare) compare.remove();
    bar.remove();
  };
}
