// backup.js: reading a chosen file (untrusted) and planning what an import
// would change, against what this browser holds.
import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import { freshWindow } from "./browser.mjs";
import { applyImport, collect, planChanges, planImport, readBackup as readFile } from "../../docs/assets/js/answers/backup.js";
import { eraseAll } from "../../docs/assets/js/storage/store.js";
import { limitsFrom } from "../../docs/assets/js/storage/limits.js";
import { readFileSync } from "node:fs";

// The limits the site publishes, as the page would have fetched them.
const LIMITS = limitsFrom(JSON.parse(readFileSync(new URL("../../docs/assets/schema/answers-v1.json", import.meta.url), "utf8")));
const readBackup = (text, limits = LIMITS) => readFile(text, limits);

const T1 = "2026-01-01T00:00:00.000Z";
const T2 = "2026-02-01T00:00:00.000Z";

function record(answers, changed = {}, extra = {}) {
  return {
    format: 1, worksheet: "promise-log", version: 1, created: T1, updated: T1, answers, changed, retired: {}, ...extra,
  };
}

function backup(answers, extra = {}) {
  return { kind: "trust-workbook-answers", format: 1, exported: T2, site: "x", answers, damaged: [], ...extra };
}

const catalogue = new Map([["promise-log", { title: "Promise log", who: "each-partner" }]]);
let local;

beforeEach(() => {
  ({ local } = freshWindow());
  eraseAll();
});

describe("readBackup", () => {
  test("refuses what is not a backup, or is newer, in plain words", () => {
    assert.match(readBackup("not json").error, /not a Trust Workbook backup.*not readable as JSON/);
    assert.match(readBackup('{"kind": "something-else"}').error, /not a Trust Workbook backup/);
    assert.match(readBackup(JSON.stringify(backup([], { format: 2 }))).error, /newer version/);
  });

  test("names the damaged entry and why", () => {
    const bad = backup([{ worksheet: "promise-log", partner: "a", record: record({ "Bad Id": "x" }) }]);
    assert.equal(readBackup(JSON.stringify(bad)).error,
      'This backup is damaged and was not imported: entry 1 (promise-log): a question id is "Bad Id".');
    const twice = backup([
      { worksheet: "promise-log", partner: "a", record: record({}) },
      { worksheet: "promise-log", partner: "a", record: record({}) },
    ]);
    assert.match(readBackup(JSON.stringify(twice)).error, /appears twice for the same partner/);
    const who = backup([{ worksheet: "promise-log", partner: "c", record: record({}) }]);
    assert.match(readBackup(JSON.stringify(who)).error, /does not say whose answers/);
    const aside = backup([], { damaged: [{ key: "tw:steps", text: "x" }] });
    assert.match(readBackup(JSON.stringify(aside)).error, /set-aside entries/);
  });

  test("accepts a good file, filling in and cutting the partner names", () => {
    const good = backup([{ worksheet: "promise-log", partner: "b", record: record({ a: "x" }, {}, { partner: "b" }) }],
      { partners: { a: "  Sam  ", b: "x".repeat(60) } });
    const { data } = readBackup(JSON.stringify(good));
    assert.deepEqual(data.partners, { a: "Sam", b: "x".repeat(40) });
    assert.deepEqual(readBackup(JSON.stringify(backup([]))).data.partners, { a: "Partner A", b: "Partner B" });
    // The limits come from the caller (the published schema), not from the module.
    const small = { ...LIMITS, name: 3 };
    assert.deepEqual(readBackup(JSON.stringify(good), small).data.partners, { a: "Sam", b: "xxx" });
  });
});

describe("planImport", () => {
  test("a worksheet not saved here comes in whole", () => {
    const { data } = readBackup(JSON.stringify(backup([
      { worksheet: "promise-log", partner: "a", record: record({ a: "x", b: "y" }) },
      { worksheet: "retired-sheet", partner: "a", record: { ...record({ c: "z" }), worksheet: "retired-sheet" } },
    ])));
    const plan = planImport(data, { catalogue });
    assert.equal(plan.items[0].status, "new");
    assert.deepEqual(plan.items[0].added, ["a", "b"]);
    assert.equal(plan.items[0].include, true);
    assert.equal(plan.items[1].include, false, "a worksheet this site does not know is left out");
    assert.equal(planChanges(plan), true);
  });

  test("a merge adds new answers and marks conflicts with the newer side", () => {
    local.setItem("tw:answers:promise-log", JSON.stringify(record(
      { same: "1", mine: "kept here", newer: "old here" },
      { mine: T2, newer: T1, gone: T2 })));
    const { data } = readBackup(JSON.stringify(backup([{
      worksheet: "promise-log", partner: "a",
      record: record({ same: "1", mine: "theirs", newer: "new there", fresh: "added", gone: "cleared here" },
        { mine: T1, newer: T2, gone: T1 }),
    }])));
    const [item] = planImport(data, { catalogue }).items;
    assert.equal(item.status, "merge");
    assert.deepEqual(item.added, ["fresh"]);
    assert.deepEqual(item.conflicts.map((c) => [c.field, c.newer]),
      [["mine", "mine"], ["newer", "theirs"], ["gone", "mine"]]);

    const plan = planImport(data, { catalogue });
    const result = applyImport(plan, new Map([["0:gone", "theirs"]]), T2);
    assert.deepEqual(result, { written: 3, kept: 1, failed: 0 });
    const merged = JSON.parse(local.getItem("tw:answers:promise-log"));
    assert.deepEqual(merged.answers,
      { same: "1", mine: "kept here", newer: "new there", fresh: "added", gone: "cleared here" });
  });

  test("the same file again changes nothing", () => {
    const text = JSON.stringify(backup([{ worksheet: "promise-log", partner: "a", record: record({ a: "x" }) }]));
    applyImport(planImport(readBackup(text).data, { catalogue }), new Map(), T2);
    assert.equal(planChanges(planImport(readBackup(text).data, { catalogue })), false);
  });

  test("the other partner's file: its partner A becomes partner B here", () => {
    const { data } = readBackup(JSON.stringify(backup([
      { worksheet: "promise-log", partner: "a", record: record({ a: "theirs" }) },
    ], { partners: { a: "Alex", b: "Sam" } })));
    const plan = planImport(data, { swap: true, catalogue });
    assert.equal(plan.items[0].partner, "b");
    applyImport(plan, new Map(), T2);
    const stored = JSON.parse(local.getItem("tw:answers:promise-log:partner-b"));
    assert.equal(stored.partner, "b");
    assert.deepEqual(stored.answers, { a: "theirs" });
    assert.deepEqual(JSON.parse(local.getItem("tw:partners")).names, { a: "Sam", b: "Alex" });
  });

  test("an unreadable entry here is set aside, never overwritten silently", () => {
    local.setItem("tw:answers:promise-log", "{half");
    const { data } = readBackup(JSON.stringify(backup([
      { worksheet: "promise-log", partner: "a", record: record({ a: "x" }) },
    ])));
    const plan = planImport(data, { catalogue });
    assert.equal(plan.items[0].status, "replace-damaged");
    applyImport(plan, new Map(), T2);
    const aside = Object.entries(local.entries()).filter(([key]) => key.startsWith("tw:damaged:promise-log:"));
    assert.deepEqual(aside.map(([, raw]) => raw), ["{half"]);
    assert.deepEqual(collect(new Date(T2)).damaged.map((entry) => entry.text), ["{half"]);
  });
});
