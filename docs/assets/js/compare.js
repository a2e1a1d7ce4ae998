// "Compare side by side" on an each-partner worksheet: one table, a row per
// question, a column per partner. Questions and option names are read from
// the worksheet's own form; answers from storage.js. Everything reaches the
// page through textContent.
import { readAnswers } from "./storage.js";

function text(node) {
  return node ? node.textContent.trim() : "";
}

/** A stored value as the words the form shows for it. */
export function describe(wrapper, field, value) {
  if (value === undefined || value === null) return "";
  const optionLabel = (id) => text(wrapper.querySelector(`label[for="tw-${field.id}--${CSS.escape(String(id))}"]`)) || String(id);
  switch (field.type) {
    case "single_choice":
      return optionLabel(value);
    case "scale":
      return String(value);
    case "multiple_choice":
      return Array.isArray(value) ? value.map(optionLabel).join(", ") : "";
    case "checkbox":
      return value === true ? "Yes" : "";
    case "rows": {
      if (!Array.isArray(value)) return "";
      const template = wrapper.querySelector("template[data-tw-row-template]");
      const cells = template ? [...template.content.querySelectorAll("td[data-label]")] : [];
      return value.map((row, index) => {
        const parts = cells.map((td) => {
          const control = td.querySelector("[data-tw-col]");
          const cell = row[control.dataset.twCol];
          if (cell === undefined || cell === "" || cell === false) return "";
          let shown = cell === true ? "Yes" : String(cell);
          if (control.tagName === "SELECT") {
            const option = [...control.options].find((o) => o.value === cell);
            if (option) shown = option.textContent;
          }
          return `${td.dataset.label}: ${shown}`;
        }).filter(Boolean);
        return `${index + 1}. ${parts.join("; ")}`;
      }).join("\n");
    }
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}

export function showComparison(form, after, names) {
  const definition = JSON.parse(form.dataset.twDefinition);
  const section = document.createElement("section");
  section.className = "tw-compare";
  section.dataset.twComparison = "";
  section.setAttribute("aria-labelledby", "tw-compare-title");
  after.after(section);

  const refresh = () => {
    const who = names();
    const loaded = { a: readAnswers(definition.id, "a"), b: readAnswers(definition.id, "b") };
    const heading = document.createElement("h2");
    heading.id = "tw-compare-title";
    heading.textContent = "Side by side";
    const note = document.createElement("p");
    note.textContent = "Read these together. Where your answers differ is a place to get curious, not a score.";
    const frame = document.createElement("div");
    frame.className = "tw-compare__frame";
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const title of ["Question", who.a, who.b]) {
      const th = document.createElement("th");
      th.scope = "col";
      th.textContent = title;
      head.append(th);
    }
    const body = table.createTBody();
    for (const field of definition.fields) {
      const wrapper = form.querySelector(`[data-tw-field="${field.id}"]`);
      if (!wrapper) continue;
      const row = body.insertRow();
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = text(wrapper.querySelector(".tw-label"));
      row.append(th);
      for (const partner of ["a", "b"]) {
        const cell = row.insertCell();
        const entry = loaded[partner];
        if (entry.state === "damaged") cell.textContent = "(saved answers could not be read)";
        else {
          const value = entry.state === "ok" ? entry.record.answers[field.id] : undefined;
          cell.textContent = describe(wrapper, field, value) || "—";
        }
      }
    }
    frame.append(table);
    section.replaceChildren(heading, note, frame);
  };

  refresh();
  return { refresh, remove: () => section.remove() };
}
