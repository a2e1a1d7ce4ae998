// The limits the browser code applies are read at run time from what the
// build publishes: the backup schema (assets/schema/answers-v1.json, through
// storage/limits.js) and the homework manifest's note limit (workbook/links.py
// NOTE_LIMIT, read by therapists/homework-link.js). None is repeated in code.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import "./browser.mjs";
import { SCHEMA_URL, limitsFrom, loadLimits } from "../../docs/assets/js/storage/limits.js";
import { readBackup } from "../../docs/assets/js/answers/backup.js";

const text = readFileSync(new URL("../../docs/assets/schema/answers-v1.json", import.meta.url), "utf8");
const schema = JSON.parse(text);

test("the module finds the schema where the site publishes it", () => {
  // docs/assets/js/storage/ -> docs/assets/schema/, the same two levels as in the built site.
  assert.ok(fileURLToPath(SCHEMA_URL).endsWith("/docs/assets/schema/answers-v1.json"));
  assert.ok(existsSync(SCHEMA_URL));
});

test("the published limits: names, entries, texts and lists", () => {
  assert.deepEqual(limitsFrom(schema), { name: 40, entries: 1000, text: 200_000, list: 500 });
});

test("a schema that does not state a limit is refused with a reason", () => {
  const without = structuredClone(schema);
  delete without.$defs.text.maxLength;
  assert.throws(() => limitsFrom(without), /does not state how long a text may be/);
  const uneven = structuredClone(schema);
  uneven.properties.partners.properties.b.maxLength = 12;
  assert.throws(() => limitsFrom(uneven), /different limits/);
  assert.throws(() => limitsFrom(null), /does not state how long a name may be/);
});

test("the schema is fetched once, and again only after a failure", async () => {
  const calls = [];
  let fail = true;
  const fetcher = async (url) => {
    calls.push(String(url));
    if (fail) return { ok: false, status: 404, json: async () => ({}) };
    return { ok: true, status: 200, json: async () => JSON.parse(text) };
  };
  await assert.rejects(loadLimits(fetcher), /could not be loaded \(HTTP 404\)/);
  fail = false;
  const [first, second] = await Promise.all([loadLimits(fetcher), loadLimits(fetcher)]);
  assert.equal(first.name, 40);
  assert.equal(second, first);
  assert.equal((await loadLimits(fetcher)).entries, 1000);
  assert.deepEqual(calls, [String(SCHEMA_URL), String(SCHEMA_URL)]);
});

test("an import is refused past the limits it is given", () => {
  const limits = { ...limitsFrom(schema), entries: 1, text: 5, list: 2 };
  const record = (answers) => ({ format: 1, worksheet: "promise-log", version: 1, created: "2026-01-01T00:00:00Z",
    updated: "2026-01-01T00:00:00Z", answers, changed: {}, retired: {} });
  const file = (answers) => JSON.stringify({ kind: "trust-workbook-answers", format: 1, exported: "2026-01-01T00:00:00Z",
    answers, damaged: [] });
  const one = (answers, worksheet = "promise-log") => ({ worksheet, partner: "a", record: { ...record(answers), worksheet } });
  assert.match(readBackup(file([one({ a: "x" }), one({ a: "x" }, "other")]), limits).error, /far more worksheets/);
  assert.match(readBackup(file([one({ a: "too long" })]), limits).error, /a text is far too long/);
  assert.match(readBackup(file([one({ a: ["1", "2", "3"] })]), limits).error, /a list is far too long/);
  assert.equal(readBackup(file([one({ a: "short" })]), limits).error, undefined);
});
