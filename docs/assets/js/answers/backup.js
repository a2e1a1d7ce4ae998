// Backups of everything the site keeps of your answers, and importing them.
//
// The JSON file (format 1, schema at assets/schema/answers-v1.json, described
// on the My answers page):
//   {"kind": "trust-workbook-answers", "format": 1, "exported": ISO,
//    "site": "<address of the site>", "partners": {"a": "Sam", "b": "Alex"},
//    "answers": [{"worksheet": "<id>", "partner": "a" | "b", "record": {<a saved entry>}}],
//    "damaged": [{"key": "tw:damaged:…", "text": "<the entry as it was>"}]}
// "record" is exactly what storage/answers.js keeps under "tw:answers:<id>"; entries
// the site could not read travel as text, untouched.
//
// An imported file is untrusted: size limit, shape checks on every part,
// and its text only ever reaches the page through textContent.
import { BACKUP_KEY, PARTNERS_KEY, answersKeyParts, damagedKey, isDamagedKey } from "../storage/keys.js";
import { getItem, setItem } from "../storage/store.js";
import {
  answerEntries, migrate, parseAnswers, readAnswers, recordProblem, retire, setAside, writeRaw,
} from "../storage/answers.js";
import { DEFAULT_NAMES, readPartners } from "../storage/partners.js";
import { backupState } from "./health.js";
import { saveFile } from "../lib/save-file.js";
import { answerText } from "../lib/answer-text.js";

export const BACKUP_KIND = "trust-workbook-answers";
export const BACKUP_FORMAT = 1;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const RETIRED_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?: \(\d{1,4}\))?$/;
const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
const other = (partner) => (partner === "b" ? "a" : "b");

// -- making a backup ------------------------------------------------------------

/** Everything this visit can read, as the backup object. */
export function collect(now = new Date()) {
  const answers = [];
  const damaged = [];
  for (const [key, raw] of answerEntries()) {
    const parts = answersKeyParts(key);
    if (parts && parseAnswers(raw, parts.worksheet).state === "ok") {
      answers.push({ worksheet: parts.worksheet, partner: parts.partner, record: JSON.parse(raw) });
    } else {
      damaged.push({ key, text: raw });
    }
  }
  const scope = window.__md_scope ? String(window.__md_scope) : window.location.origin;
  return {
    kind: BACKUP_KIND, format: BACKUP_FORMAT, exported: now.toISOString(), site: scope,
    partners: readPartners().names, answers, damaged,
  };
}

function noteBackup(now) {
  setItem(BACKUP_KEY, JSON.stringify({ ...backupState(), last: now.toISOString() }));
}

const day = (now) => now.toISOString().slice(0, 10);

export function downloadJson(now = new Date()) {
  const data = collect(now);
  saveFile(`trust-workbook-answers-${day(now)}.json`, `${JSON.stringify(data, null, 2)}\n`, "application/json");
  noteBackup(now);
  return data;
}

export function downloadMarkdown(catalogue, now = new Date()) {
  const data = collect(now);
  saveFile(`trust-workbook-answers-${day(now)}.md`, toMarkdown(data, catalogue), "text/markdown");
  noteBackup(now);
  return data;
}

// -- the readable Markdown file ------------------------------------------------

// Answers are the reader's own words: kept as written, each line quoted so
// a line starting with "#" or "-" cannot turn into a heading or list.
const quoted = (text) => text.split("\n").map((line) => `> ${line}`.trimEnd()).join("\n");

export function toMarkdown(data, catalogue) {
  const byId = new Map(catalogue.map((worksheet) => [worksheet.id, worksheet]));
  const lines = [
    "# My answers from Trust Workbook", "",
    `Downloaded ${new Date(data.exported).toLocaleString()}. This file holds your answers, and anyone who opens it can read them: keep it somewhere safe.`, "",
  ];
  for (const item of data.answers) {
    const worksheet = byId.get(item.worksheet);
    const title = worksheet ? worksheet.title : item.worksheet;
    const whose = worksheet && worksheet.who === "each-partner" ? ` (${data.partners[item.partner]})` : "";
    lines.push(`## ${title}${whose}`, "", `Last changed ${new Date(item.record.updated).toLocaleString()}.`, "");
    // Answers saved under an older version of the worksheet are shown as its
    // page shows them: renamed questions under their new words, the rest retired.
    const record = structuredClone(item.record);
    if (worksheet) migrate(record, { version: worksheet.version, fields: worksheet.sections.flatMap((s) => s.fields) });
    const answers = record.answers;
    for (const section of worksheet ? worksheet.sections : []) {
      const answered = section.fields.filter((field) => answers[field.id] !== undefined);
      if (!answered.length) continue;
      lines.push(`### ${section.title}`, "");
      for (const field of answered) lines.push(`**${field.label}**`, "", quoted(answerText(field, answers[field.id])), "");
    }
    const known = new Set((worksheet ? worksheet.sections : []).flatMap((s) => s.fields.map((f) => f.id)));
    const rest = Object.entries(answers).filter(([id]) => !known.has(id));
    const retired = Object.entries(record.retired || {});
    if (rest.length || retired.length) {
      lines.push("### Answers to questions no longer on this worksheet", "");
      for (const [id, value] of [...rest, ...retired]) lines.push(`**${id}**`, "", quoted(answerText(null, value)), "");
    }
  }
  if (data.damaged.length) {
    lines.push("## Saved entries that could not be read", "",
      "These were set aside untouched. They are copied here exactly as they were stored.", "");
    for (const entry of data.damaged) lines.push(`**${entry.key}**`, "", "```text", entry.text, "```", "");
  }
  if (!data.answers.length && !data.damaged.length) lines.push("No answers were saved in this browser.", "");
  return lines.join("\n");
}

// -- reading a file someone chose -----------------------------------------------

/** Why ``value`` is not an answer value the site stores ("" when it is one). */
function valueProblem(value, limits) {
  if (typeof value === "string") return value.length > limits.text ? "a text is far too long" : "";
  if (typeof value === "number") return Number.isFinite(value) ? "" : "a number is not valid";
  if (typeof value === "boolean") return "";
  if (Array.isArray(value)) {
    if (value.length > limits.list) return "a list is far too long";
    for (const item of value) {
      if (typeof item === "string") {
        if (item.length > limits.text) return "a text is far too long";
      } else if (isObject(item)) {
        for (const [column, cell] of Object.entries(item)) {
          if (!ID.test(column)) return `a table column is named "${column.slice(0, 40)}"`;
          if (!(typeof cell === "string" && cell.length <= limits.text) && typeof cell !== "boolean") {
            return "a table cell holds something that is not text";
          }
        }
      } else return "a list holds something that is not an answer";
    }
    return "";
  }
  return "an answer is not text, a number, a tick or a list";
}

function recordShape(record, worksheet, limits) {
  const problem = recordProblem(record, worksheet);
  if (problem) return problem;
  for (const [part, idPattern] of [["answers", ID], ["retired", RETIRED_ID]]) {
    for (const [id, value] of Object.entries(record[part] || {})) {
      if (!idPattern.test(id)) return `a question id is "${id.slice(0, 40)}"`;
      const why = valueProblem(value, limits);
      if (why) return why;
    }
  }
  for (const [id, when] of Object.entries(record.changed || {})) {
    if (!ID.test(id) || typeof when !== "string" || Number.isNaN(Date.parse(when))) return "a change time is not a date";
  }
  for (const part of ["created", "updated"]) {
    if (typeof record[part] !== "string" || Number.isNaN(Date.parse(record[part]))) return `its ${part} time is missing`;
  }
  if (!Number.isInteger(record.version)) return "its worksheet version is missing";
  if ("partner" in record && record.partner !== "b") return "its partner is not a or b";
  return "";
}

const NOT_OURS = "This file is not a Trust Workbook backup. It may come from another site or program. "
  + "Choose a file downloaded from the My answers page.";

/**
 * The checked backup in ``text``: {data} or {error: a plain message}.
 * ``limits``: the published schema's sizes (storage/limits.js).
 */
export function readBackup(text, limits) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { error: `${NOT_OURS} (It is not readable as JSON.)` };
  }
  if (!isObject(data) || data.kind !== BACKUP_KIND) return { error: NOT_OURS };
  if (typeof data.format !== "number") return { error: NOT_OURS };
  if (data.format > BACKUP_FORMAT) {
    return { error: "This backup was made by a newer version of Trust Workbook, so this copy of the site cannot read it safely." };
  }
  const damagedFile = (why) => ({ error: `This backup is damaged and was not imported: ${why}.` });
  if (!Array.isArray(data.answers)) return damagedFile("its list of answers is missing");
  if (data.answers.length > limits.entries) return damagedFile("it holds far more worksheets than the site has");
  const seen = new Set();
  for (const [index, item] of data.answers.entries()) {
    const where = `entry ${index + 1}`;
    if (!isObject(item) || typeof item.worksheet !== "string" || !ID.test(item.worksheet)) {
      return damagedFile(`${where} does not name a worksheet`);
    }
    if (item.partner !== "a" && item.partner !== "b") return damagedFile(`${where} does not say whose answers it holds`);
    const problem = recordShape(item.record, item.worksheet, limits);
    if (problem) return damagedFile(`${where} (${item.worksheet}): ${problem}`);
    const slot = `${item.worksheet}:${item.partner}`;
    if (seen.has(slot)) return damagedFile(`${item.worksheet} appears twice for the same partner`);
    seen.add(slot);
  }
  const damaged = data.damaged === undefined ? [] : data.damaged;
  if (!Array.isArray(damaged) || damaged.length > limits.entries || !damaged.every((entry) => isObject(entry)
      && typeof entry.key === "string" && (isDamagedKey(entry.key) || answersKeyParts(entry.key))
      && typeof entry.text === "string" && entry.text.length <= MAX_IMPORT_BYTES)) {
    return damagedFile("its set-aside entries are not in the expected form");
  }
  const partners = isObject(data.partners) ? data.partners : {};
  const name = (value) => (typeof value === "string" && value.trim() ? value.trim().slice(0, limits.name) : "");
  return {
    data: {
      ...data, damaged, partners: { a: name(partners.a) || DEFAULT_NAMES.a, b: name(partners.b) || DEFAULT_NAMES.b },
    },
  };
}

// -- what an import would change ----------------------------------------------

const time = (when) => {
  const parsed = Date.parse(when);
  return Number.isNaN(parsed) ? -Infinity : parsed;
};
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What importing ``data`` would do, worksheet by worksheet. ``swap``: the
 * file's partner A answers become partner B's here and the other way round
 * (a file from the other partner's device). ``catalogue`` is the site's
 * worksheets (id -> {title, who}).
 */
export function planImport(data, { swap = false, catalogue = new Map() } = {}) {
  const items = data.answers.map((item, index) => {
    const known = catalogue.get(item.worksheet);
    const perPartner = known ? known.who === "each-partner" : item.partner === "b";
    const partner = swap && perPartner ? other(item.partner) : item.partner;
    const theirs = item.record;
    const local = readAnswers(item.worksheet, partner);
    const plan = {
      index, worksheet: item.worksheet, partner, perPartner, known: Boolean(known),
      title: known ? known.title : item.worksheet, record: theirs,
      include: Boolean(known) && (!swap || perPartner),
      status: local.state === "ok" ? "merge" : local.state === "damaged" ? "replace-damaged" : "new",
      local, added: [], conflicts: [], retired: 0,
    };
    if (local.state === "unavailable") plan.status = "new";
    if (plan.status !== "merge") {
      plan.added = Object.keys(theirs.answers);
      plan.retired = Object.keys(theirs.retired || {}).length;
      return plan;
    }
    const mine = local.record;
    for (const [field, value] of Object.entries(theirs.answers)) {
      const mineTime = time(mine.changed[field]);
      const theirTime = time((theirs.changed || {})[field]);
      if (!Object.hasOwn(mine.answers, field)) {
        // Cleared here after the file's answer was written: that is a choice too.
        if (mineTime > theirTime) plan.conflicts.push({ field, mine: undefined, theirs: value, newer: "mine" });
        else plan.added.push(field);
      } else if (!same(mine.answers[field], value)) {
        plan.conflicts.push({ field, mine: mine.answers[field], theirs: value, newer: theirTime > mineTime ? "theirs" : "mine" });
      }
    }
    plan.retired = Object.values(theirs.retired || {})
      .filter((value) => !Object.values(mine.retired).some((kept) => same(kept, value))).length;
    return plan;
  });
  // Unreadable entries come in set aside (never over answers), once.
  const present = new Set(answerEntries().map(([, raw]) => raw));
  const damaged = data.damaged.map((entry) => {
    const parts = answersKeyParts(entry.key);
    return parts ? { key: damagedKey(parts.worksheet, new Date(), parts.partner), text: entry.text } : entry;
  }).filter((entry) => getItem(entry.key) === null && !present.has(entry.text));
  return { items, damaged, swap, partners: data.partners };
}

/** Whether the plan changes anything at all (with the reader's inclusions). */
export function planChanges(plan) {
  return plan.damaged.length > 0 || plan.items.some((item) => item.include
    && (item.added.length || item.conflicts.length || item.retired || item.status !== "merge"));
}

function withPartner(record, partner) {
  const { format, worksheet, partner: _old, ...rest } = record;
  return { format, worksheet, ...(partner === "b" ? { partner: "b" } : {}), ...rest };
}

/**
 * Carries out ``plan``. ``choices`` maps "<index>:<field>" to "mine" or
 * "theirs" for the conflicts the reader decided (the newer answer otherwise).
 * Returns {written, kept, failed}: counts of answers taken, answers kept, and
 * worksheets the browser refused to store.
 */
export function applyImport(plan, choices = new Map(), now = new Date().toISOString()) {
  let written = 0;
  let kept = 0;
  let failed = 0;
  for (const item of plan.items) {
    if (!item.include) continue;
    let record;
    if (item.status !== "merge") {
      if (item.status === "replace-damaged") setAside(item.worksheet, item.local.raw, item.partner);
      record = item.record.partner === (item.partner === "b" ? "b" : undefined)
        ? item.record : withPartner(item.record, item.partner);
      written += Object.keys(record.answers).length;
    } else {
      record = item.local.record;
      const theirs = item.record;
      let changed = false;
      const take = (field) => {
        record.answers[field] = theirs.answers[field];
        record.changed[field] = (theirs.changed || {})[field] || now;
        changed = true;
        written += 1;
      };
      item.added.forEach(take);
      for (const conflict of item.conflicts) {
        if ((choices.get(`${item.index}:${conflict.field}`) || conflict.newer) === "theirs") take(conflict.field);
        else kept += 1;
      }
      for (const [id, value] of Object.entries(theirs.retired || {})) {
        if (!Object.values(record.retired).some((present) => same(present, value))) {
          retire(record, id, value);
          changed = true;
        }
      }
      if (!changed) continue;
      if (time(theirs.created) < time(record.created)) record.created = theirs.created;
      record.updated = now;
    }
    if (!writeRaw(item.worksheet, JSON.stringify(record), item.partner)) failed += 1;
  }
  for (const entry of plan.damaged) if (getItem(entry.key) === null && !setItem(entry.key, entry.text)) failed += 1;
  const here = readPartners();
  let renamed = false;
  for (const partner of ["a", "b"]) {
    const from = plan.swap ? other(partner) : partner;
    const incoming = plan.partners[from];
    if (here.names[partner] === DEFAULT_NAMES[partner] && incoming !== DEFAULT_NAMES[from]) {
      here.names[partner] = incoming;
      renamed = true;
    }
  }
  if (renamed) setItem(PARTNERS_KEY, JSON.stringify(here));
  return { written, kept, failed };
}
