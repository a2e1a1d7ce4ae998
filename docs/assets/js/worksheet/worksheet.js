// A fillable worksheet page: restores this browser's answers, saves them as
// the reader types, keeps two tabs in step, and offers Clear (with Undo) and
// Print. The storage format lives in storage.js; the form's HTML comes from
// workbook/worksheet/form.py. User text only ever reaches the DOM through
// .value and .textContent.
import { answersKey } from "../storage/keys.js";
import {
  migrate, newRecord, parseAnswers, progress, readAnswers, removeAnswers, setAside, writeAnswers, writeRaw,
} from "../storage/answers.js";
import { readPartners } from "../storage/partners.js";
import { formatScore, scores } from "./scores.js";

const SAVE_DELAY = 300; // ms after the last keystroke

// -- reading and writing one field's controls ---------------------------------

function cellValue(control) {
  if (control.type === "checkbox") return control.checked;
  return control.value;
}

function setCell(control, value) {
  if (control.type === "checkbox") control.checked = value === true;
  else control.value = typeof value === "string" ? value : "";
}

function readField(wrapper, field, extras) {
  switch (field.type) {
    case "scale": {
      const checked = wrapper.querySelector("input:checked");
      return checked ? Number(checked.value) : undefined;
    }
    case "single_choice": {
      const checked = wrapper.querySelector("input:checked");
      return checked ? checked.value : undefined;
    }
    case "multiple_choice": {
      const values = [...wrapper.querySelectorAll("input:checked")].map((box) => box.value);
      return values.length ? values : undefined;
    }
    case "checkbox":
      return wrapper.querySelector("input").checked ? true : undefined;
    case "rows": {
      const rows = [...wrapper.querySelectorAll("[data-tw-rows-body] > tr")].map((tr) => {
        const row = { ...(extras.get(tr) || {}) }; // columns no longer shown are kept
        for (const control of tr.querySelectorAll("[data-tw-col]")) {
          const value = cellValue(control);
          if (value === "" || value === false) delete row[control.dataset.twCol];
          else row[control.dataset.twCol] = value;
        }
        return row;
      });
      const untouched = rows.length === 1 && Object.keys(rows[0]).length === 0;
      return untouched || rows.length === 0 ? undefined : rows;
    }
    default: {
      const value = wrapper.querySelector("input, textarea").value;
      return value === "" ? undefined : value;
    }
  }
}

function numberRows(wrapper) {
  const rows = wrapper.querySelectorAll("[data-tw-rows-body] > tr");
  rows.forEach((tr, index) => {
    for (const control of tr.querySelectorAll("[data-tw-col]")) {
      const name = control.closest("td").dataset.label;
      control.setAttribute("aria-label", `${name}, row ${index + 1}`);
    }
    const hidden = tr.querySelector("[data-tw-remove-row] .tw-sr");
    if (hidden) hidden.textContent = ` row ${index + 1}`;
  });
}

function newRow(wrapper) {
  const template = wrapper.querySelector("template[data-tw-row-template]");
  return template.content.firstElementChild.cloneNode(true);
}

function writeField(wrapper, field, value, extras) {
  switch (field.type) {
    case "scale":
    case "single_choice":
      for (const radio of wrapper.querySelectorAll("input")) radio.checked = radio.value === String(value);
      break;
    case "multiple_choice": {
      const chosen = Array.isArray(value) ? value : [];
      for (const box of wrapper.querySelectorAll("input")) box.checked = chosen.includes(box.value);
      break;
    }
    case "checkbox":
      wrapper.querySelector("input").checked = value === true;
      break;
    case "rows": {
      const body = wrapper.querySelector("[data-tw-rows-body]");
      const rows = Array.isArray(value) && value.length ? value : [{}];
      body.replaceChildren();
      for (const row of rows) {
        const tr = newRow(wrapper);
        const shown = new Set();
        for (const control of tr.querySelectorAll("[data-tw-col]")) {
          shown.add(control.dataset.twCol);
          setCell(control, row[control.dataset.twCol]);
        }
        const extra = Object.fromEntries(Object.entries(row).filter(([key]) => !shown.has(key)));
        if (Object.keys(extra).length) extras.set(tr, extra);
        body.append(tr);
      }
      numberRows(wrapper);
      break;
    }
    default:
      wrapper.querySelector("input, textarea").value = typeof value === "string" ? value : "";
  }
}

// Empty dates and unchosen selects print as blank space, not "mm/dd/yyyy".
function markEmpty(root) {
  for (const control of root.querySelectorAll('input[type="date"], select')) {
    control.classList.toggle("tw-empty", control.value === "");
  }
}

// -- the self-check's scores --------------------------------------------------

function showScores(form, definition, answers) {
  const box = form.querySelector("[data-tw-score]");
  if (!box) return;
  const { results, suggest, high, worry } = scores(definition, answers);
  const safety = box.querySelector("[data-tw-safety]");
  if (safety) safety.hidden = !worry;
  for (const result of results) {
    for (const about of ["partner", "me"]) {
      const item = box.querySelector(`[data-tw-area="${result.area}"] [data-tw-area-score="${about}"]`);
      const { mean, answered, total } = result[about];
      if (!item) continue;
      if (mean === null) item.textContent = "not answered yet";
      else {
        const part = answered < total ? ` (${answered} of ${total} questions answered)` : "";
        item.textContent = formatScore(mean, high) + part;
      }
    }
  }
  for (const item of box.querySelectorAll("[data-tw-suggest]")) {
    item.hidden = !suggest.includes(item.dataset.twSuggest);
  }
  box.querySelector("[data-tw-suggestions]").hidden = suggest.length === 0;
}

// Options with the ids "partner-a" and "partner-b" (form.py marks them with
// data-tw-partner-name) show the names set on this device, in the form and in
// the template new rows are made from.
export function showPartnerNames(form) {
  const { names } = readPartners();
  const templates = form.querySelectorAll("template[data-tw-row-template]");
  for (const root of [form, ...Array.from(templates, (template) => template.content)]) {
    for (const node of root.querySelectorAll("[data-tw-partner-name]")) {
      const name = names[node.dataset.twPartnerName];
      if (name) node.textContent = name;
    }
  }
}

// -- the component ------------------------------------------------------------

// ``partner`` ("a" or "b") picks whose answers an each-partner worksheet
// shows (partners.js switches); other worksheets have one set of answers.
export function mountWorksheet(form, partner = undefined) {
  const definition = JSON.parse(form.dataset.twDefinition);
  const id = definition.id;
  const key = answersKey(id, partner);
  showPartnerNames(form);
  const wrappers = new Map();
  for (const field of definition.fields) {
    const wrapper = form.querySelector(`[data-tw-field="${field.id}"]`);
    if (wrapper) wrappers.set(field.id, { wrapper, field });
  }
  const extras = new WeakMap(); // rows: stored cells of columns no longer shown
  const saved = form.querySelector("[data-tw-saved]");
  const notice = form.querySelector("[data-tw-notice]");
  const undoButton = form.querySelector("[data-tw-undo]");

  let record;
  let writable = true;
  let timer = null;
  let pending = new Set(); // fields changed here and not yet written
  let undoRaw = null;

  const tell = (message) => {
    notice.hidden = false;
    const line = document.createElement("p");
    line.textContent = message;
    notice.append(line);
  };

  // Load: a damaged entry is copied aside before anything could overwrite it.
  const loaded = readAnswers(id, partner);
  if (loaded.state === "damaged") {
    const aside = setAside(id, loaded.raw, partner);
    if (aside) {
      tell(`Your saved answers for this worksheet could not be read (${loaded.reason}). `
        + `They have been kept, untouched, under "${aside}" in this browser, and this page starts afresh.`);
    } else {
      writable = false;
      tell(`Your saved answers for this worksheet could not be read (${loaded.reason}), and could `
        + "not be set aside, so this page will not save over them. Print what you type here to keep it.");
    }
  } else if (loaded.state === "unavailable") {
    // Typing still works: storage.js keeps the answers in memory for this visit.
    tell("This browser is not letting the site keep anything, so your answers will be lost when "
      + "you close this page. Download them or print the worksheet to keep what you type.");
    form.dataset.twWarned = "yes";
  }
  record = loaded.state === "ok" ? loaded.record : newRecord(definition, undefined, partner);
  const migrated = loaded.state === "ok" && migrate(record, definition);

  const render = (skip) => {
    for (const [fieldId, { wrapper, field }] of wrappers) {
      if (skip && skip.contains(wrapper)) continue;
      writeField(wrapper, field, record.answers[fieldId], extras);
    }
    renderRetired();
    showScores(form, definition, record.answers);
    markEmpty(form);
  };

  // Retired answers are put into words by answer-text.js, fetched only when
  // there are some (as in the comparison and the Markdown download).
  let retiredShown = 0;
  const renderRetired = () => {
    const box = form.querySelector("[data-tw-retired]");
    const list = box.querySelector("[data-tw-retired-list]");
    const entries = Object.entries(record.retired || {});
    const turn = ++retiredShown;
    if (entries.length === 0) {
      list.replaceChildren();
      box.hidden = true;
      return;
    }
    import("../lib/answer-text.js").then(({ answerText }) => {
      if (turn !== retiredShown) return; // a newer render has taken over
      list.replaceChildren();
      for (const [retiredId, value] of entries) {
        const term = document.createElement("dt");
        term.textContent = retiredId;
        const text = document.createElement("dd");
        text.textContent = answerText(null, value);
        list.append(term, text);
      }
      box.hidden = false;
    });
  };

  const write = () => {
    clearTimeout(timer);
    timer = null;
    if (pending.size === 0 || !writable) return;
    pending = new Set();
    const hasAnything = Object.keys(record.answers).length || Object.keys(record.retired).length;
    const ok = hasAnything ? writeAnswers(record) : removeAnswers(id, partner);
    if (ok) saved.textContent = "Saved";
    else if (!form.dataset.twWarned) {
      form.dataset.twWarned = "yes";
      tell("Your answers could not be saved: this browser's storage is full or turned off. "
        + "They are kept on this page until you close it: download them or print the worksheet to keep them.");
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    saved.textContent = "";
    timer = setTimeout(write, SAVE_DELAY);
  };

  const noteChange = (fieldId) => {
    const { wrapper, field } = wrappers.get(fieldId);
    const value = readField(wrapper, field, extras);
    const now = new Date().toISOString();
    if (value === undefined) delete record.answers[fieldId];
    else record.answers[fieldId] = value;
    record.changed[fieldId] = now;
    record.updated = now;
    pending.add(fieldId);
    if (undoRaw !== null) {
      undoRaw = null; // new typing replaces what Clear took away
      undoButton.hidden = true;
    }
    showScores(form, definition, record.answers);
    schedule();
  };

  const onEdit = (event) => {
    const wrapper = event.target.closest("[data-tw-field]");
    if (wrapper && wrappers.has(wrapper.dataset.twField)) noteChange(wrapper.dataset.twField);
    if (wrapper) markEmpty(wrapper);
  };

  const clear = () => {
    const hasAnything = Object.values(record.answers).some((v) => v !== undefined)
      || Object.keys(record.retired).length;
    if (!hasAnything) {
      saved.textContent = "There are no answers to clear.";
      return;
    }
    if (!window.confirm("Clear every answer on this worksheet? You can undo this straight after.")) return;
    write();
    const current = readAnswers(id, partner);
    undoRaw = current.state === "ok" ? current.raw : JSON.stringify(record);
    record = newRecord(definition, undefined, partner);
    if (writable) removeAnswers(id, partner);
    render();
    undoButton.hidden = false;
    saved.textContent = "Answers cleared. Choose Undo to bring them back.";
  };

  const undo = () => {
    if (undoRaw === null) return;
    const back = parseAnswers(undoRaw, id);
    if (back.state !== "ok") return;
    if (writable) writeRaw(id, undoRaw, partner);
    record = back.record;
    undoRaw = null;
    undoButton.hidden = true;
    render();
    saved.textContent = "Answers restored.";
    form.querySelector("[data-tw-clear]").focus();
  };

  const rowsAction = (event) => {
    const add = event.target.closest("[data-tw-add-row]");
    const remove = event.target.closest("[data-tw-remove-row]");
    const wrapper = (add || remove)?.closest("[data-tw-field]");
    if (!wrapper) return false;
    const body = wrapper.querySelector("[data-tw-rows-body]");
    if (add) {
      const tr = newRow(wrapper);
      body.append(tr);
      numberRows(wrapper);
      markEmpty(tr);
      tr.querySelector("[data-tw-col]").focus();
    } else {
      const tr = remove.closest("tr");
      const rows = [...body.children];
      const index = rows.indexOf(tr);
      if (rows.length === 1) {
        for (const control of tr.querySelectorAll("[data-tw-col]")) setCell(control, "");
        extras.delete(tr);
        tr.querySelector("[data-tw-col]").focus();
      } else {
        tr.remove();
        numberRows(wrapper);
        const next = body.children[Math.min(index, body.children.length - 1)];
        next.querySelector("[data-tw-col]").focus();
      }
      saved.textContent = `Row ${index + 1} removed.`;
    }
    noteChange(wrapper.dataset.twField);
    return true;
  };

  const onClick = (event) => {
    if (rowsAction(event)) return;
    if (event.target.closest("[data-tw-clear]")) clear();
    else if (event.target.closest("[data-tw-undo]")) undo();
    else if (event.target.closest("[data-tw-print]")) window.print();
  };

  // Another tab changed this worksheet: take its answers, but leave alone
  // the field the reader is in and anything typed here and not yet saved.
  const onStorage = (event) => {
    if (event.key !== key && event.key !== null) return;
    const incoming = parseAnswers(event.key === null ? null : event.newValue, id);
    if (incoming.state === "damaged") return;
    const next = incoming.state === "ok" ? incoming.record : newRecord(definition, undefined, partner);
    migrate(next, definition);
    for (const fieldId of pending) {
      if (fieldId in record.answers) next.answers[fieldId] = record.answers[fieldId];
      else delete next.answers[fieldId];
      next.changed[fieldId] = record.changed[fieldId];
    }
    record = next;
    const focused = document.activeElement && document.activeElement.closest("[data-tw-field]");
    render(focused && form.contains(focused) ? focused : null);
  };

  // Leaving the field: show what the other tab wrote, unless typed here.
  const onFocusOut = (event) => {
    const wrapper = event.target.closest("[data-tw-field]");
    if (!wrapper || wrapper.contains(event.relatedTarget)) return;
    const entry = wrappers.get(wrapper.dataset.twField);
    if (entry && !pending.has(entry.field.id)) {
      const shown = readField(wrapper, entry.field, extras);
      if (JSON.stringify(shown) !== JSON.stringify(record.answers[entry.field.id])) {
        writeField(wrapper, entry.field, record.answers[entry.field.id], extras);
      }
    }
  };

  const flush = () => write();
  // Instant navigation changes the address before this page is torn down:
  // following a link, or back and forward, writes at once.
  const onLeave = (event) => {
    if (event.type === "popstate" || event.target.closest?.("a[href]")) write();
  };
  const onVisibility = () => {
    if (document.visibilityState === "hidden") write();
  };

  render();
  if (migrated && writable) writeAnswers(record);
  form.querySelector("[data-tw-toolbar]").hidden = false;
  for (const button of form.querySelectorAll("[data-tw-add-row]")) button.hidden = false;
  form.classList.add("tw-worksheet--live");

  form.addEventListener("input", onEdit);
  form.addEventListener("change", onEdit);
  form.addEventListener("click", onClick);
  form.addEventListener("focusout", onFocusOut);
  form.addEventListener("submit", (event) => event.preventDefault());
  window.addEventListener("storage", onStorage);
  window.addEventListener("pagehide", flush);
  window.addEventListener("popstate", onLeave);
  document.addEventListener("click", onLeave, true);
  document.addEventListener("visibilitychange", onVisibility);

  return () => {
    write();
    form.removeEventListener("input", onEdit);
    form.removeEventListener("change", onEdit);
    form.removeEventListener("click", onClick);
    form.removeEventListener("focusout", onFocusOut);
    window.removeEventListener("storage", onStorage);
    window.removeEventListener("pagehide", flush);
    window.removeEventListener("popstate", onLeave);
    document.removeEventListener("click", onLeave, true);
    document.removeEventListener("visibilitychange", onVisibility);
  };
}

// -- the status on each card of the Worksheets index -------------------------

const STATUS_TEXT = {
  "not-started": "Not started", "in-progress": "In progress", done: "Done",
  damaged: "Saved answers need a look: open the worksheet",
};

export function mountWorksheetStatus(slot) {
  const definition = JSON.parse(slot.dataset.twDefinition);
  const text = slot.querySelector("[data-tw-status-text]");
  const stateOf = (loaded) => {
    if (loaded.state === "damaged") return "damaged";
    if (loaded.state !== "ok") return "not-started";
    migrate(loaded.record, definition); // a copy: the index never writes
    return progress(loaded.record, definition);
  };
  const show = () => {
    const loaded = readAnswers(definition.id);
    if (loaded.state === "unavailable") {
      slot.hidden = true;
      return;
    }
    const state = stateOf(loaded);
    text.textContent = STATUS_TEXT[state];
    // Each partner's progress, once the second partner has answers too.
    const second = definition.who === "each-partner" ? readAnswers(definition.id, "b") : { state: "empty" };
    if (second.state === "ok" || second.state === "damaged") {
      const { names } = readPartners();
      text.textContent = `${names.a}: ${STATUS_TEXT[state]}; ${names.b}: ${STATUS_TEXT[stateOf(second)]}`;
    }
    slot.dataset.twState = state;
    slot.hidden = false;
  };
  const onStorage = (event) => {
    if (event.key === null || event.key.startsWith(answersKey(definition.id))) show();
  };
  show();
  window.addEventListener("storage", onStorage);
  return () => window.removeEventListener("storage", onStorage);
}
