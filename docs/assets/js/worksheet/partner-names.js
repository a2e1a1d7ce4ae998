// The "Change names" editor under the partner switch (loaded when opened).
// Names stay on this device, in "tw:partners"; an empty box means the default.
import { element } from "../lib/dom.js";
import { DEFAULT_NAMES, MAX_NAME, readPartners, writePartners } from "../storage/partners.js";

export function nameEditor(details, uid, onRenamed) {
  const current = readPartners().names;
  for (const partner of ["a", "b"]) {
    const input = element("input", {
      type: "text", id: `${uid}-name-${partner}`, maxlength: String(MAX_NAME), autocomplete: "off",
      placeholder: DEFAULT_NAMES[partner],
    });
    input.value = current[partner] === DEFAULT_NAMES[partner] ? "" : current[partner];
    input.addEventListener("input", () => {
      const partners = readPartners();
      partners.names[partner] = input.value.trim().slice(0, MAX_NAME) || DEFAULT_NAMES[partner];
      writePartners(partners);
      onRenamed();
    });
    details.append(element("label", { for: input.id }, `Name for ${DEFAULT_NAMES[partner]}`), input);
  }
  details.append(element("p", { class: "tw-help" }, "Names stay on this device, like the answers."));
}
