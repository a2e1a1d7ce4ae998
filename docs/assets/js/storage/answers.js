// Worksheet answers: the saved format, reading and writing it through the
// key store, bringing it in line with a changed worksheet (migrate), and
// what counts as answered (isAnswered, progress). No DOM.
import { answersKey, damagedKey, isAnswersOrDamaged } from "./keys.js";
import { getItem, removeItem, setItem, siteKeys, tryGetItem } from "./store.js";

// One key per worksheet, "tw:answers:<worksheet id>" (keys.js answersKey),
// holding (documented on the Privacy page, "Your saved answers"):
//   {"format": 1, "worksheet": "<id>", "version": <definition version>,
//    "created": ISO, "updated": ISO,
//    "answers": {"<field id>": value}, "changed": {"<field id>": ISO},
//    "retired": {"<old field id>": value}}
// Values: text and dates are strings ("YYYY-MM-DD"), a scale a number, a
// single choice an option id, a multiple choice a list of option ids, a
// checkbox true/false, rows a list of {"<column id>": value} objects.
// An entry this code cannot read is never overwritten: it is copied to
// "tw:damaged:<id>:<time>" first, and the page starts afresh.
//
// A definition (the worksheet page's data-tw-definition) is
//   {"id", "version", "fields": [{"id", "type", "from"?, "area"?, "columns"?}]}.

export const ANSWERS_FORMAT = 1;

const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

/** Why ``value`` is not a readable answers entry for ``worksheetId`` ("" when it is). */
export function recordProblem(value, worksheetId) {
  if (!isObject(value)) return "it is not an answers entry";
  if (typeof value.format !== "number") return "it has no format number";
  if (value.format > ANSWERS_FORMAT) return "it was saved by a newer version of this site";
  if (value.format !== ANSWERS_FORMAT) return "its format is unknown";
  if (value.worksheet !== worksheetId) return "it belongs to another worksheet";
  if (!isObject(value.answers)) return "its answers are missing";
  for (const part of ["changed", "retired"]) {
    if (part in value && !isObject(value[part])) return `its ${part} part is damaged`;
  }
  return "";
}

export function newRecord(definition, now = new Date().toISOString(), partner = undefined) {
  return {
    format: ANSWERS_FORMAT, worksheet: definition.id, ...(partner === "b" ? { partner } : {}),
    version: definition.version, created: now, updated: now, answers: {}, changed: {}, retired: {},
  };
}

/**
 * This browser's entry for a worksheet:
 * {state: "empty"} | {state: "ok", record, raw} | {state: "damaged", raw, reason}
 * | {state: "unavailable"} (storage turned off).
 */
export function readAnswers(worksheetId, partner) {
  const raw = tryGetItem(answersKey(worksheetId, partner));
  return raw === undefined ? { state: "unavailable" } : parseAnswers(raw, worksheetId);
}

/** ``raw`` (a stored string or null) read as an entry; see readAnswers. */
export function parseAnswers(raw, worksheetId) {
  if (raw === null || raw === undefined) return { state: "empty" };
  let value;
  try {
    value = JSON.parse(raw);
  } catch {
    return { state: "damaged", raw, reason: "it is not valid JSON" };
  }
  const reason = recordProblem(value, worksheetId);
  if (reason) return { state: "damaged", raw, reason };
  value.changed = isObject(value.changed) ? value.changed : {};
  value.retired = isObject(value.retired) ? value.retired : {};
  return { state: "ok", record: value, raw };
}

/** Stores ``record`` (its "updated" is the caller's); false when the browser refuses. */
export function writeAnswers(record) {
  return writeRaw(record.worksheet, JSON.stringify(record), record.partner);
}

/** Stores an exact string under the worksheet's key (undo restores byte for byte).
 *  False when the browser refuses (full, or turned off): kept in memory then. */
export function writeRaw(worksheetId, raw, partner) {
  return setItem(answersKey(worksheetId, partner), raw);
}

export function removeAnswers(worksheetId, partner) {
  return removeItem(answersKey(worksheetId, partner));
}

/** Copies an unreadable entry aside; returns the new key, or null if the
 *  browser refused (it is then kept in memory, and in a download, this visit). */
export function setAside(worksheetId, raw, partner) {
  const key = damagedKey(worksheetId, new Date(), partner);
  return setItem(key, raw) ? key : null;
}

/** Whether ``value`` has the shape a field of ``type`` stores. */
export function fitsType(value, type) {
  switch (type) {
    case "short_text":
    case "long_text":
    case "date":
    case "single_choice":
      return typeof value === "string";
    case "scale":
      return typeof value === "number" && Number.isFinite(value);
    case "multiple_choice":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "checkbox":
      return typeof value === "boolean";
    case "rows":
      return Array.isArray(value) && value.every(isObject);
    default:
      return false;
  }
}

/** Whether a stored value counts as an answer (a blank row or text does not). */
export function isAnswered(value, type) {
  if (!fitsType(value, type)) return false;
  switch (type) {
    case "scale":
      return true;
    case "checkbox":
      return value === true;
    case "multiple_choice":
      return value.length > 0;
    case "rows":
      return value.some((row) => Object.values(row).some((cell) => cell === true
        || (typeof cell === "string" && cell.trim() !== "")));
    default:
      return value.trim() !== "";
  }
}

/** What a stored value's shape says its field's type is (for a record
 *  read without its definition); null when it fits no type. */
function shapeType(value) {
  if (typeof value === "string") return "short_text";
  if (typeof value === "number") return "scale";
  if (typeof value === "boolean") return "checkbox";
  if (Array.isArray(value)) return value.every((v) => typeof v === "string") ? "multiple_choice" : "rows";
  return null;
}

/** How many of a record's answers count as answers, judged as the worksheet
 *  judges them (isAnswered) with the type each value's shape gives. */
export function answeredCount(record) {
  if (!record || !isObject(record.answers)) return 0;
  return Object.values(record.answers).filter((value) => isAnswered(value, shapeType(value))).length;
}

/** Keeps ``value`` in ``record.retired`` under ``id``, or "<id> (2)", "<id> (3)"…
 *  so an answer retired earlier under the same id is never overwritten. */
export function retire(record, id, value) {
  let key = id;
  for (let n = 2; key in record.retired && JSON.stringify(record.retired[key]) !== JSON.stringify(value); n += 1) {
    key = `${id} (${n})`;
  }
  record.retired[key] = value;
}

/**
 * Brings ``record`` in line with ``definition``, in place: answers saved
 * under a ``renamed_from`` id move to the new id (rows columns too); answers
 * to fields no longer on the worksheet, or whose type changed, move to
 * ``retired``; a retired answer whose field came back returns. Returns
 * whether anything changed.
 */
export function migrate(record, definition) {
  const before = JSON.stringify(record);
  const fields = new Map(definition.fields.map((field) => [field.id, field]));
  for (const field of definition.fields) {
    if (field.from && field.from in record.answers && !(field.id in record.answers)) {
      record.answers[field.id] = record.answers[field.from];
      delete record.answers[field.from];
      if (field.from in record.changed) {
        record.changed[field.id] = record.changed[field.from];
        delete record.changed[field.from];
      }
    }
    for (const old of [field.id, field.from]) {
      if (old && !(field.id in record.answers) && old in record.retired
          && fitsType(record.retired[old], field.type)) {
        record.answers[field.id] = record.retired[old];
        delete record.retired[old];
      }
    }
    if (field.type === "rows" && Array.isArray(record.answers[field.id])) {
      for (const row of record.answers[field.id]) {
        if (!isObject(row)) continue;
        for (const column of field.columns || []) {
          if (column.from && column.from in row && !(column.id in row)) {
            row[column.id] = row[column.from];
            delete row[column.from];
          }
        }
      }
    }
  }
  for (const [id, value] of Object.entries(record.answers)) {
    const field = fields.get(id);
    if (!field || !fitsType(value, field.type)) {
      retire(record, id, value);
      delete record.answers[id];
      delete record.changed[id];
    }
  }
  record.version = definition.version;
  return JSON.stringify(record) !== before;
}

/** "not-started" | "in-progress" | "done" for a record (or null) and its definition.
 *  Done: every field except checkboxes has an answer. In progress: any answer. */
export function progress(record, definition) {
  if (!record) return "not-started";
  const answered = (field) => isAnswered(record.answers[field.id], field.type);
  if (!definition.fields.some(answered)) return "not-started";
  const needed = definition.fields.filter((field) => field.type !== "checkbox");
  return needed.every(answered) ? "done" : "in-progress";
}

/** Every answers entry (``tw:answers:…``) and set-aside entry (``tw:damaged:…``)
 *  this visit can read, as [key, raw string] pairs. */
export function answerEntries() {
  return siteKeys()
    .filter(isAnswersOrDamaged)
    .sort()
    .map((key) => [key, getItem(key)])
    .filter(([, raw]) => raw !== null);
}
