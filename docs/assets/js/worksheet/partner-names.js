// The "Change names" editor under the partner switch (loaded when opened).
// Names stay on this device, in "tw:partners"; an empty box means the default.
import { element } from "../lib/dom.js";
import { DEFAULT_NAMES, readPartners, writePartners } from "../storage/partners.js";
import { loadLimits } from "../storage/limits.js";

/** Builds the editor in ``details`` once the name limit is known (a plain message if it cannot be). */
export async function nameEditor(details, uid, onRenamed) {
  details.querySelector("[data-tw-names-problem]")?.remove(); // from an earlier try
  let limit;
  try {
    limit = (await loadLimits()).name;
  } catch (error) {
    details.append(element("p", { class: "tw-help", role: "status", "data-tw-names-problem": "" },
      `Names cannot be changed right now: ${error.message}. Close this and open it again to retry.`));
    delete details.dataset.twLoaded; // opening it again tries again
    return;
  }
  const current = readPartners().names;
  for (const partner of ["a", "b"]) {
    const input = element("input", {
      type: "text", id: `${uid}-name-${partner}`, maxlength: String(limit), autocomplete: "off",
      placeholder: DEFAULT_NAMES[partner],
    });
    input.value = current[partner] === DEFAULT_NAMES[partner] ? "" : current[partner];
    input.addEventListener("input", () => {
      const partners = readPartners();
      partners.names[partner] = input.value.trim().slice(0, limit) || DEFAULT_NAMES[partner];
      writePartners(partners);
      onRenamed();
    });
    details.append(element("label", { for: input.id }, `Name for ${DEFAULT_NAMES[partner]}`), input);
  }
  details.append(element("p", { class: "tw-help" }, "Names stay on this device, like the answers."));
}
