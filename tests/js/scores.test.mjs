// The trust self-check's scores: per area, the mean of the answered scales
// about the partner and about "me"; which areas to suggest; and whether a
// safety question has a worrying answer.
import assert from "node:assert/strict";
import { test } from "node:test";
import { formatScore, scores } from "../../docs/assets/js/worksheet/scores.js";

const definition = {
  scale: [1, 5],
  fields: [
    { id: "r1", type: "scale", area: "reliability" },
    { id: "r2", type: "scale", area: "reliability" },
    { id: "r-me", type: "scale", area: "reliability", about: "me" },
    { id: "h1", type: "scale", area: "honesty" },
    { id: "c1", type: "scale", area: "care" },
    { id: "safe", type: "scale", worry_at: 3 },
    { id: "notes", type: "long_text" },
  ],
};

const byArea = (result) => Object.fromEntries(result.results.map((a) => [a.area, a]));

test("means per area, about the partner and about me, with how many were answered", () => {
  const result = scores(definition, { r1: 4, r2: 2, "r-me": 5, h1: 5, notes: "4" });
  const areas = byArea(result);
  assert.deepEqual(areas.reliability.partner, { total: 2, answered: 2, mean: 3 });
  assert.deepEqual(areas.reliability.me, { total: 1, answered: 1, mean: 5 });
  assert.deepEqual(areas.honesty.partner, { total: 1, answered: 1, mean: 5 });
  assert.deepEqual(areas.care.partner, { total: 1, answered: 0, mean: null });
  assert.equal(result.high, 5);
  assert.equal(result.worry, false);
});

test("suggests the lowest area, and every area below the middle of the scale", () => {
  assert.deepEqual(scores(definition, { r1: 4, r2: 4, h1: 5, c1: 5 }).suggest, ["reliability"]);
  assert.deepEqual(scores(definition, { r1: 2, r2: 2, h1: 1, c1: 5 }).suggest, ["reliability", "honesty"]);
  assert.deepEqual(scores(definition, { r1: 5, r2: 5, h1: 5, c1: 5 }).suggest, [], "all at the top: nothing to suggest");
  assert.deepEqual(scores(definition, {}).suggest, [], "nothing answered: nothing to suggest");
  assert.deepEqual(scores(definition, { r1: 5, r2: 5, "r-me": 1, h1: 5, c1: 5 }).suggest, [],
    "answers about me never make a suggestion");
});

test("a safety answer at or past its mark raises the worry flag", () => {
  assert.equal(scores(definition, { safe: 2 }).worry, false);
  assert.equal(scores(definition, { safe: 3 }).worry, true);
  assert.equal(scores(definition, { safe: "3" }).worry, false, "only a number counts");
});

test("a score reads as 'n of high' with at most one decimal", () => {
  assert.equal(formatScore(3, 5), "3 of 5");
  assert.equal(formatScore(10 / 3, 5), "3.3 of 5");
  assert.equal(formatScore(3.96, 5), "4 of 5");
});
