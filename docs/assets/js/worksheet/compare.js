// "Compare side by side" on an each-partner worksheet: one table, a row per
// question, a column per partner, and for worksheets with scales the
// questions where the two partners' numbers differ most. Questions and
// option names are read from the worksheet's own form; answers from
// storage.js, brought up to the current definition first (on a copy), and
// put into words by answer-text.js. Safety questions are left out: they are
// for each partner alone. Everything reaches the page through textContent.
import { migrate, readAnswers } from "../storage/answers.js";
import { answerText } from "../lib/answer-text.js";

/** How many questions "Where your answers differ most" lists. */
export const MOST_DIFFERENT = 3;

function text(node) {
  return node ? node.textContent.trim() : "";
}

/** The question as answer-text.js describes it, read from its part of the form. */
export function fieldFromForm(wrapper, field) {
  const out = { id: field.id, type: field.type, label: text(wrapper.querySelector(".tw-label")) };
  const labelOf = (input) => text(wrapper.querySelector(`label[for="${CSS.escape(input.id)}"]`));
  if (field.type === "single_choice" || field.type === "multiple_choice") {
    out.options = Object.fromEntries([...wrapper.querySelectorAll("input")].map((input) => [input.value, labelOf(input)]));
  } else if (field.type === "scale") {
    const values = [...wrapper.querySelectorAll("input")].map((input) => Number(input.value));
    out.scale = [Math.min(...values), Math.max(...values)];
  } else if (field.type === "rows") {
    const template = wrapper.querySelector("template[data-tw-row-template]");
    const cells = template ? [...template.content.querySelectorAll("td[data-label]")] : [];
    out.columns = cells.map((td) => {
      const control = td.querySelector("[data-tw-col]");
      const column = { id: control.dataset.twCol, label: td.dataset.label,
        type: control.tagName === "SELECT" ? "single_choice" : control.type === "checkbox" ? "checkbox" : "text" };
      if (control.tagName === "SELECT") {
        column.options = Object.fromEntries([...control.options].filter((o) => o.value).map((o) => [o.value, o.textContent]));
      }
      return column;
    });
  }
  return out;
}

/** The scales both partners answered, largest gap first (ties in form order). */
export function differences(definition, a, b, limit = MOST_DIFFERENT) {
  return definition.fields
    .filter((field) => field.type === "scale" && !field.worry_at)
    .filter((field) => typeof a[field.id] === "number" && typeof b[field.id] === "number")
    .map((field, index) => ({ field, index, a: a[field.id], b: b[field.id], gap: Math.abs(a[field.id] - b[field.id]) }))
    .filter((item) => item.gap > 0)
    .sort((x, y) => y.gap - x.gap || x.index - y.index)
    .slice(0, limit);
}

export function showComparison(form, after, names) {
  const definition = JSON.parse(form.dataset.twDefinition);
  const section = document.createElement("section");
  section.className = "tw-compare";
  section.dataset.twComparison = "";
  section.setAttribute("aria-labelledby", "tw-compare-title");
  after.after(section);

  const element = (tag, words = "") => {
    const node = document.createElement(tag);
    node.textContent = words;
    return node;
  };

  const refresh = () => {
    const who = names();
    const loaded = { a: readAnswers(definition.id, "a"), b: readAnswers(definition.id, "b") };
    const answers = {};
    for (const partner of ["a", "b"]) {
      const entry = loaded[partner];
      if (entry.state === "ok") migrate(entry.record, definition); // a copy: nothing is written here
      answers[partner] = entry.state === "ok" ? entry.record.answers : {};
    }
    const heading = element("h2", "Side by side");
    heading.id = "tw-compare-title";
    const parts = [heading,
      element("p", "Read these together. Where your answers differ is a place to get curious, not a score.")];

    const fields = new Map();
    for (const field of definition.fields) {
      const wrapper = form.querySelector(`[data-tw-field="${field.id}"]`);
      if (wrapper) fields.set(field.id, fieldFromForm(wrapper, field));
    }

    const gaps = differences(definition, answers.a, answers.b);
    if (gaps.length) {
      parts.push(element("h3", "Where your answers differ most"));
      const list = document.createElement("ol");
      list.className = "tw-compare__gaps";
      list.dataset.twDifferences = "";
      for (const gap of gaps) {
        const item = element("li");
        item.append(element("strong", fields.get(gap.field.id).label),
          document.createTextNode(` ${who.a}: ${gap.a}; ${who.b}: ${gap.b} (${gap.gap} apart)`));
        list.append(item);
      }
      parts.push(list);
    }

    const frame = document.createElement("div");
    frame.className = "tw-compare__frame";
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    for (const title of ["Question", who.a, who.b]) {
      const th = element("th", title);
      th.scope = "col";
      head.append(th);
    }
    const body = table.createTBody();
    let hidden = false;
    for (const field of definition.fields) {
      if (!fields.has(field.id)) continue;
      if (field.worry_at) {
        hidden = true;
        continue;
      }
      const row = body.insertRow();
      const th = element("th", fields.get(field.id).label);
      th.scope = "row";
      row.append(th);
      for (const partner of ["a", "b"]) {
        const cell = row.insertCell();
        if (loaded[partner].state === "damaged") cell.textContent = "(saved answers could not be read)";
        else cell.textContent = answerText(fields.get(field.id), answers[partner][field.id]) || "—";
      }
    }
    frame.append(table);
    parts.push(frame);
    if (hidden) {
      parts.push(element("p", "The questions about feeling safe are not shown here. They are for each of you alone."));
    }
    section.replaceChildren(...parts);
  };

  refresh();
  return { refresh, remove: () => section.remove() };
}
