// The limits the browser code applies are the ones the build publishes:
// the backup schema (assets/schema/answers-v1.json) and the homework
// manifest's note limit (workbook/links.py NOTE_LIMIT; homework-link.js reads
// it from the manifest at run time, so only the schema's are compared here).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import "./browser.mjs";
import { MAX_ENTRIES, MAX_LIST, MAX_TEXT } from "../../docs/assets/js/answers/backup.js";
import { MAX_NAME } from "../../docs/assets/js/storage/partners.js";

const schema = JSON.parse(readFileSync(new URL("../../docs/assets/schema/answers-v1.json", import.meta.url), "utf8"));

test("partner names are cut where the schema says", () => {
  assert.equal(schema.properties.partners.properties.a.maxLength, MAX_NAME);
  assert.equal(schema.properties.partners.properties.b.maxLength, MAX_NAME);
});

test("an import is refused past the schema's sizes", () => {
  assert.equal(schema.properties.answers.maxItems, MAX_ENTRIES);
  assert.equal(schema.$defs.text.maxLength, MAX_TEXT);
  for (const list of schema.$defs.value.anyOf.filter((shape) => shape.type === "array")) {
    assert.equal(list.maxItems, MAX_LIST);
  }
});
