// steps.js: ticks are read defensively and kept through storage.js.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { freshWindow } from "./browser.mjs";
import { STEPS_EVENT, clearTicks, loadTicks, parseTicks, setTicked } from "../../docs/assets/js/storage/steps.js";
import { eraseAll, health } from "../../docs/assets/js/storage/store.js";

beforeEach(() => {
  freshWindow();
  eraseAll();
});

test("parseTicks keeps only well-formed ticks and never throws", () => {
  assert.deepEqual(parseTicks(null), {});
  assert.deepEqual(parseTicks("{half"), {});
  assert.deepEqual(parseTicks('{"format": 2, "ticked": {"a": "2026-01-01"}}'), {});
  assert.deepEqual(parseTicks('{"format": 1, "ticked": {"a": "2026-01-01", "b": 3}}'), { a: "2026-01-01" });
});

test("ticking stores the time once and announces the change; unticking the last removes the key", () => {
  const { local } = freshWindow();
  let heard = 0;
  window.addEventListener(STEPS_EVENT, () => {
    heard += 1;
  });
  assert.equal(setTicked("say-sorry", true), true);
  const first = loadTicks()["say-sorry"];
  setTicked("say-sorry", true);
  assert.equal(loadTicks()["say-sorry"], first, "ticking again keeps the first time");
  assert.equal(JSON.parse(local.getItem("tw:steps")).format, 1);
  setTicked("say-sorry", false);
  assert.equal(local.getItem("tw:steps"), null);
  clearTicks();
  assert.equal(heard, 4);
});

test("with storage blocked, ticks last the visit and the problem is reported", () => {
  freshWindow({ blocked: true });
  assert.equal(setTicked("say-sorry", true), false);
  assert.ok(loadTicks()["say-sorry"]);
  assert.equal(health.unavailable, true);
});
