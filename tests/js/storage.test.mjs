// storage.js: the answers format (migrate, progress, what counts as an
// answer), key names, and the store's fallbacks when the browser refuses.
import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";
import { freshWindow } from "./browser.mjs";
import { answersKey, answersKeyParts, isDamagedKey } from "../../docs/assets/js/storage/keys.js";
import { eraseAll, getItem, health, setItem, siteKeys } from "../../docs/assets/js/storage/store.js";
import {
  answeredCount, isAnswered, migrate, newRecord, parseAnswers, progress, readAnswers, retire, writeAnswers,
} from "../../docs/assets/js/storage/answers.js";

const definition = {
  id: "promise-log",
  version: 2,
  fields: [
    { id: "got-in-the-way", type: "long_text", from: "obstacles" },
    { id: "how-sure", type: "scale" },
    { id: "kept", type: "checkbox" },
    { id: "rows", type: "rows", columns: [{ id: "promise", from: "what" }, { id: "kept" }] },
  ],
};

function record(answers, extra = {}) {
  return {
    format: 1, worksheet: "promise-log", version: 1, created: "2026-01-01T00:00:00Z",
    updated: "2026-01-01T00:00:00Z", answers, changed: {}, retired: {}, ...extra,
  };
}

beforeEach(() => {
  freshWindow();
  eraseAll();
});

describe("migrate", () => {
  test("moves an answer saved under a renamed_from id, with its change time", () => {
    const r = record({ obstacles: "Work" }, { changed: { obstacles: "2026-01-02T00:00:00Z" } });
    assert.equal(migrate(r, definition), true);
    assert.deepEqual(r.answers, { "got-in-the-way": "Work" });
    assert.deepEqual(r.changed, { "got-in-the-way": "2026-01-02T00:00:00Z" });
    assert.equal(r.version, 2);
  });

  test("renames a rows column and keeps the other cells", () => {
    const r = record({ rows: [{ what: "Fix the gate", kept: true }, { promise: "Call", what: "old" }] });
    migrate(r, definition);
    assert.deepEqual(r.answers.rows, [{ kept: true, promise: "Fix the gate" }, { promise: "Call", what: "old" }]);
    const odd = record({ rows: [{ what: "Fix the gate" }, "not a row"] });
    migrate(odd, definition);
    assert.deepEqual(odd.retired, { rows: [{ promise: "Fix the gate" }, "not a row"] }, "a list that is not rows retires");
  });

  test("retires answers to removed fields and to fields whose type changed", () => {
    const r = record({ gone: "old words", "how-sure": "very" }, { changed: { gone: "2026-01-02T00:00:00Z" } });
    migrate(r, definition);
    assert.deepEqual(r.answers, {});
    assert.deepEqual(r.retired, { gone: "old words", "how-sure": "very" });
    assert.deepEqual(r.changed, {});
  });

  test("never overwrites an answer retired earlier under the same id", () => {
    const r = record({ gone: "second" }, { retired: { gone: "first" } });
    migrate(r, definition);
    assert.deepEqual(r.retired, { gone: "first", "gone (2)": "second" });
    retire(r, "gone", "second");
    assert.deepEqual(Object.keys(r.retired), ["gone", "gone (2)"], "the same value is not kept twice");
  });

  test("brings a retired answer back when its field returns with a fitting type", () => {
    const r = record({}, { retired: { "how-sure": 4, obstacles: "Time" } });
    migrate(r, definition);
    assert.deepEqual(r.answers, { "how-sure": 4, "got-in-the-way": "Time" });
    assert.deepEqual(r.retired, {});
  });

  test("says when nothing changed", () => {
    const r = record({ "how-sure": 3 }, { version: 2 });
    assert.equal(migrate(r, definition), false);
  });
});

describe("what counts as an answer", () => {
  test("isAnswered by type", () => {
    assert.equal(isAnswered("  ", "long_text"), false);
    assert.equal(isAnswered("x", "short_text"), true);
    assert.equal(isAnswered(0, "scale"), true);
    assert.equal(isAnswered(Number.NaN, "scale"), false);
    assert.equal(isAnswered(false, "checkbox"), false);
    assert.equal(isAnswered(true, "checkbox"), true);
    assert.equal(isAnswered([], "multiple_choice"), false);
    assert.equal(isAnswered([{ a: " " }, { b: false }], "rows"), false);
    assert.equal(isAnswered([{ a: "" }, { b: true }], "rows"), true);
    assert.equal(isAnswered("text", "scale"), false, "a value of the wrong shape");
  });

  test("answeredCount judges each value as its field would", () => {
    const r = record({ a: "  ", b: false, c: [{ x: "" }], d: "text", e: 0, f: ["x"], g: [{ y: "row" }] });
    assert.equal(answeredCount(r), 4);
    assert.equal(answeredCount(null), 0);
  });

  test("progress: not started, in progress, done (checkboxes never needed)", () => {
    assert.equal(progress(null, definition), "not-started");
    assert.equal(progress(record({ kept: false }), definition), "not-started");
    assert.equal(progress(record({ kept: true }), definition), "in-progress");
    const full = record({ "got-in-the-way": "Work", "how-sure": 2, rows: [{ promise: "Call" }] });
    assert.equal(progress(full, definition), "done");
  });
});

describe("reading an entry", () => {
  test("parseAnswers tells every kind of damage apart", () => {
    assert.deepEqual(parseAnswers(null, "promise-log"), { state: "empty" });
    assert.equal(parseAnswers("{half", "promise-log").reason, "it is not valid JSON");
    assert.equal(parseAnswers(JSON.stringify({ ...record({}), format: 2 }), "promise-log").reason,
      "it was saved by a newer version of this site");
    assert.equal(parseAnswers(JSON.stringify(record({})), "other").reason, "it belongs to another worksheet");
    assert.equal(parseAnswers(JSON.stringify(record({}, { retired: [] })), "promise-log").reason,
      "its retired part is damaged");
    const ok = parseAnswers(JSON.stringify(record({ a: "x" })), "promise-log");
    assert.equal(ok.state, "ok");
    assert.deepEqual(ok.record.answers, { a: "x" });
  });

  test("key names: answersKey and answersKeyParts are each other's inverse", () => {
    assert.equal(answersKey("promise-log"), "tw:answers:promise-log");
    assert.equal(answersKey("promise-log", "b"), "tw:answers:promise-log:partner-b");
    assert.deepEqual(answersKeyParts("tw:answers:promise-log:partner-b"), { worksheet: "promise-log", partner: "b" });
    assert.deepEqual(answersKeyParts("tw:answers:promise-log"), { worksheet: "promise-log", partner: "a" });
    assert.equal(answersKeyParts("tw:answers:Promise_Log"), null);
    assert.equal(answersKeyParts("tw:answers:promise-log:partner-c"), null);
    assert.equal(isDamagedKey("tw:damaged:promise-log:partner-b:2026-01-02T03:04:05.000Z"), true);
    assert.equal(isDamagedKey("tw:damaged:promise-log:<b>"), false);
  });
});

describe("the key store", () => {
  test("a write and a read go through localStorage", () => {
    const { local } = freshWindow();
    const r = newRecord(definition, "2026-01-01T00:00:00Z", "b");
    assert.equal(writeAnswers(r), true);
    assert.equal(local.getItem("tw:answers:promise-log:partner-b"), JSON.stringify(r));
    assert.equal(readAnswers("promise-log", "b").record.partner, "b");
  });

  test("a refused write is kept in memory for the visit and reported", () => {
    const { local } = freshWindow();
    local.setItem = () => {
      throw new Error("QuotaExceededError");
    };
    assert.equal(setItem("tw:steps", "{}"), false);
    assert.equal(getItem("tw:steps"), "{}");
    assert.equal(health.failed, true);
    assert.deepEqual(siteKeys(), ["tw:steps"]);
  });

  test("with storage blocked, reads report it and erasing still works", () => {
    freshWindow({ blocked: true });
    assert.equal(readAnswers("promise-log").state, "unavailable");
    assert.equal(health.unavailable, true);
    setItem("tw:answers:promise-log", "kept in memory");
    assert.equal(eraseAll(), 1);
    assert.deepEqual(siteKeys(), []);
  });

  test("erasing removes the site's keys from both storages and leaves other sites' keys", () => {
    const { local, session } = freshWindow();
    local.setItem("tw:steps", "{}");
    local.setItem("other-site", "keep");
    session.setItem("tw:something", "1");
    session.setItem("/.__search", "x");
    session.setItem("elsewhere", "keep");
    assert.equal(eraseAll(), 1);
    assert.deepEqual(local.entries(), { "other-site": "keep" });
    assert.deepEqual(session.entries(), { elsewhere: "keep" });
  });
});
