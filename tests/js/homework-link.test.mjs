// homework-link.js: the fragment a homework link carries, written and read.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ITEM_LIMIT, homeworkHash, parseHomework } from "../../docs/assets/js/therapists/homework-link.js";

const NOTE_LIMIT = 500; // what the manifest publishes (workbook/links.py)

test("a link made by the builder reads back the same", () => {
  const keys = ["s:establishing-trust/reliability", "w:promise-log", "c:say-sorry"];
  const hash = homeworkHash(keys, "  Before Thursday & no rush: 100%  ", NOTE_LIMIT);
  assert.equal(hash, "#v=1&i=s:establishing-trust/reliability,w:promise-log,c:say-sorry"
    + "&n=Before%20Thursday%20%26%20no%20rush%3A%20100%25");
  assert.deepEqual(parseHomework(hash, NOTE_LIMIT),
    { version: "1", keys, extraItems: 0, note: "Before Thursday & no rush: 100%", noteCut: false });
});

test("the builder leaves out keys of the wrong form", () => {
  assert.equal(homeworkHash(["w:ok", "<script>", "x:other", "w:Upper"], ""), "#v=1&i=w:ok");
});

test("a damaged or empty fragment gives what could be read, never an error", () => {
  assert.deepEqual(parseHomework("#garbage%ZZ&&&"), { version: "", keys: [], extraItems: 0, note: "", noteCut: false });
  assert.deepEqual(parseHomework(undefined).keys, []);
  assert.deepEqual(parseHomework("#i=w:a,,w:a, w:b&v=9").keys, ["w:a", "w:b"], "blanks and repeats dropped");
  assert.equal(parseHomework("#i=w:a&v=9").version, "9");
});

test("too many items and too long a note are cut, and say so", () => {
  const keys = Array.from({ length: ITEM_LIMIT + 3 }, (_, n) => `w:sheet-${n}`);
  const parsed = parseHomework(`#v=1&i=${keys.join(",")}`);
  assert.equal(parsed.keys.length, ITEM_LIMIT);
  assert.equal(parsed.extraItems, 3);
  const note = "😀".repeat(NOTE_LIMIT + 1);
  const cut = parseHomework(`#v=1&i=w:a&n=${encodeURIComponent(note)}`, NOTE_LIMIT);
  assert.equal(Array.from(cut.note).length, NOTE_LIMIT);
  assert.equal(cut.note, "😀".repeat(NOTE_LIMIT), "cut between characters, never inside one");
  assert.equal(cut.noteCut, true);
  assert.equal(homeworkHash(["w:a"], note, NOTE_LIMIT), `#v=1&i=w:a&n=${encodeURIComponent("😀".repeat(NOTE_LIMIT))}`);
  assert.equal(parseHomework(`#v=1&i=w:a&n=${encodeURIComponent(note)}`).noteCut, false, "no limit known: kept whole");
});

test("loadManifest reads the note limit the build publishes", async () => {
  const { loadManifest } = await import("../../docs/assets/js/therapists/homework-link.js");
  globalThis.document = { baseURI: "http://127.0.0.1:8000/homework/" };
  const published = { items: [{ key: "w:a", kind: "worksheet", title: "A", path: "worksheets/a/" }], note_limit: 321 };
  globalThis.fetch = async () => ({ ok: true, json: async () => published });
  const manifest = await loadManifest("../assets/manifest.json");
  assert.equal(manifest.noteLimit, 321);
  assert.equal(manifest.root.href, "http://127.0.0.1:8000/");
  assert.deepEqual([...manifest.items.keys()], ["w:a"]);
  published.note_limit = "lots";
  assert.equal((await loadManifest("../assets/manifest.json")).noteLimit, Infinity);
});
