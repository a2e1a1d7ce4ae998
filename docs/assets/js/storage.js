// Everything the site keeps in this browser goes through this module.
//
// Keys: every key the site writes starts with PREFIX ("tw:"). Material keeps
// its own settings (the palette) under its scope, "<site path>.__palette".
// docs/privacy.md lists every key; tests fail on one that is not listed.

export const PREFIX = "tw:";

// Material's own keys for this site: its scope is the site's root path.
function materialPrefix() {
  const scope = window.__md_scope ? window.__md_scope.pathname : "/";
  return `${scope}.`;
}

// Where the browser blocks storage, reading the property itself throws.
function storageOrNull() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function sessionOrNull() {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

// Keys of this site actually in localStorage.
function storedKeys() {
  const keys = [];
  const material = materialPrefix();
  try {
    const store = storageOrNull();
    for (let i = 0; i < store.length; i += 1) {
      const key = store.key(i);
      if (key && (key.startsWith(PREFIX) || key.startsWith(material))) keys.push(key);
    }
  } catch {
    /* storage unavailable: nothing stored there */
  }
  return keys;
}

/** Every key this site keeps: in this browser's storage, or in memory this visit. */
export function siteKeys() {
  const keys = new Set(storedKeys());
  for (const [key, value] of memory) {
    if (value === null) keys.delete(key);
    else keys.add(key);
  }
  return [...keys];
}

/** Removes everything the site stored (and kept in memory, the lock's key
 *  included); returns how many keys there were. */
export function eraseAll() {
  const count = siteKeys().length;
  const store = storageOrNull();
  for (const key of storedKeys()) {
    try {
      store.removeItem(key);
    } catch {
      /* refused: nothing more can be done here */
    }
  }
  memory.clear();
  sealer = null;
  epoch += 1;
  try {
    const session = sessionOrNull();
    const keys = [];
    for (let i = 0; session && i < session.length; i += 1) keys.push(session.key(i));
    for (const key of keys) {
      if (key && (key.startsWith(PREFIX) || key.startsWith(materialPrefix()))) session.removeItem(key);
    }
  } catch {
    /* session storage unavailable: nothing to erase there */
  }
  return count;
}

// ---------------------------------------------------------------------------
// Site keys are read and written through getItem / setItem / removeItem.
// Entries stay in memory for the visit when the browser refuses a write
// (onHealth listeners hear of it), and while the privacy lock is open
// (lock.js: localStorage gets them only sealed, through `sealer`).

const memory = new Map(); // key -> string, or null once removed
let sealer = null; // (key, string | null) => void while the lock is open
let epoch = 0; // raised by eraseAll and closeLayer: late sealed writes are dropped
const listeners = new Set();

/** What went wrong with storage this visit. */
export const health = { unavailable: false, failed: false };

export function onHealth(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function report(problem) {
  if (health[problem]) return;
  health[problem] = true;
  for (const listener of listeners) listener(health);
}

/** lock.js: a sealed write the browser refused. */
export function reportFailure() {
  report("failed");
}

export const LOCK_KEY = `${PREFIX}lock`;
export const PARTNERS_KEY = `${PREFIX}partners`;

/** Keys the privacy lock encrypts: answers, set-aside entries, partner names. */
export function isProtected(key) {
  return key.startsWith(`${PREFIX}answers:`) || key.startsWith(`${PREFIX}damaged:`) || key === PARTNERS_KEY;
}

/** Straight from localStorage, past the layer (null when absent or refused). */
export function storedItem(key) {
  try {
    return storageOrNull().getItem(key);
  } catch {
    return null;
  }
}

/** lock.js: writes ``value`` (null removes) straight to localStorage, past the
 *  layer: the lock's settings and sealed entries. False (reported) when refused. */
export function putStored(key, value) {
  try {
    if (value === null) storageOrNull().removeItem(key);
    else storageOrNull().setItem(key, value);
    return true;
  } catch {
    report("failed");
    return false;
  }
}

/** Whether the privacy lock is on and has not been opened in this visit. */
export function isLocked() {
  return sealer === null && storedItem(LOCK_KEY) !== null;
}

export function currentEpoch() {
  return epoch;
}

/** lock.js: the lock is open; protected entries are ``entries`` from now on. */
export function openLayer(nextSealer, entries) {
  sealer = nextSealer;
  for (const [key, value] of entries) memory.set(key, value);
}

/** lock.js: the lock is off and every protected entry is in plain storage again. */
export function closeLayer() {
  sealer = null;
  epoch += 1;
  for (const key of [...memory.keys()]) if (isProtected(key)) memory.delete(key);
}

/** A site key's value: what this visit holds in memory first, then storage.
 *  Throws when the browser refuses to read. */
function readItem(key) {
  if (memory.has(key)) return memory.get(key);
  if (sealer && isProtected(key)) return null; // sealed by another tab after opening
  return storageOrNull().getItem(key);
}

export function getItem(key) {
  try {
    return readItem(key);
  } catch {
    report("unavailable");
    return null;
  }
}

/** Stores a value; false when the browser refused (it is then kept in memory). */
export function setItem(key, value) {
  if (sealer && isProtected(key)) {
    memory.set(key, value);
    sealer(key, value);
    return true;
  }
  if (isProtected(key) && storedItem(LOCK_KEY) !== null) {
    // Locked in another tab since this page opened: never store it plain.
    memory.set(key, value);
    report("failed");
    return false;
  }
  const store = storageOrNull();
  try {
    store.setItem(key, value);
    memory.delete(key);
    return true;
  } catch {
    memory.set(key, value);
    report(store ? "failed" : "unavailable");
    return false;
  }
}

export function removeItem(key) {
  if (sealer && isProtected(key)) {
    memory.set(key, null);
    sealer(key, null);
    return true;
  }
  try {
    storageOrNull().removeItem(key);
    memory.delete(key);
    return true;
  } catch {
    memory.set(key, null);
    report("failed");
    return false;
  }
}

// Partner names for each-partner worksheets, set on this device (partners.js):
//   "tw:partners" = {"names": {"a": "Sam", "b": "Alex"}, "active": "a"}
export const DEFAULT_NAMES = { a: "Partner A", b: "Partner B" };
export const MAX_NAME = 40;

/** The partners setting, always well formed: {names: {a, b}, active}. */
export function readPartners() {
  let saved = {};
  try {
    saved = JSON.parse(getItem(PARTNERS_KEY) || "{}");
  } catch {
    saved = {};
  }
  const names = isObject(saved) && isObject(saved.names) ? saved.names : {};
  const clean = (value, fallback) => (typeof value === "string" && value.trim()
    ? value.trim().slice(0, MAX_NAME) : fallback);
  return {
    names: { a: clean(names.a, DEFAULT_NAMES.a), b: clean(names.b, DEFAULT_NAMES.b) },
    active: saved.active === "b" ? "b" : "a",
  };
}

export function writePartners(partners) {
  return setItem(PARTNERS_KEY, JSON.stringify(partners));
}

/** Every answers entry (``tw:answers:…``) and set-aside entry (``tw:damaged:…``)
 *  this visit can read, as [key, raw string] pairs. */
export function answerEntries() {
  return siteKeys()
    .filter((key) => key.startsWith(`${PREFIX}answers:`) || key.startsWith(`${PREFIX}damaged:`))
    .sort()
    .map((key) => [key, getItem(key)])
    .filter(([, raw]) => raw !== null);
}

// ---------------------------------------------------------------------------
// Worksheet answers: one key per worksheet, "tw:answers:<worksheet id>",
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

// Each-partner worksheets keep the second partner's answers under their own
// key ("tw:answers:<id>:partner-b", the record carrying "partner": "b");
// the first partner's, like every other worksheet's, are "tw:answers:<id>".
const partnerSuffix = (partner) => (partner === "b" ? ":partner-b" : "");

export function answersKey(worksheetId, partner) {
  return `${PREFIX}answers:${worksheetId}${partnerSuffix(partner)}`;
}

export function damagedKey(worksheetId, when = new Date(), partner = undefined) {
  return `${PREFIX}damaged:${worksheetId}${partnerSuffix(partner)}:${when.toISOString()}`;
}

const ANSWERS_KEY = /^tw:answers:([a-z0-9]+(?:-[a-z0-9]+)*)(:partner-b)?$/;
const DAMAGED_KEY = /^tw:damaged:[a-z0-9-]+(?::partner-b)?:[0-9T:.Z-]{1,40}$/;

/** An answers key ("tw:answers:<id>[:partner-b]") as {worksheet, partner}, or null. */
export function answersKeyParts(key) {
  const match = ANSWERS_KEY.exec(key);
  return match ? { worksheet: match[1], partner: match[2] ? "b" : "a" } : null;
}

/** Whether ``key`` has the form damagedKey gives. */
export function isDamagedKey(key) {
  return DAMAGED_KEY.test(key);
}

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
  let raw;
  try {
    raw = readItem(answersKey(worksheetId, partner));
  } catch {
    report("unavailable");
    return { state: "unavailable" };
  }
  return parseAnswers(raw, worksheetId);
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
