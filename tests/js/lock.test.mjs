// lock.js: the stored settings it accepts, and a round trip through it.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";
import { freshWindow } from "./browser.mjs";
import {
  ITERATIONS, lockStatus, readLock, settled, turnOff, turnOn, unlock,
} from "../../docs/assets/js/answers/lock.js";
import { eraseAll, getItem, setItem } from "../../docs/assets/js/storage/store.js";

let local;

beforeEach(() => {
  ({ local } = freshWindow());
  eraseAll();
});

const check = { sealed: 1, iv: "AAAAAAAAAAAAAAAA", data: "AAAA" };
const settings = (iterations) => JSON.stringify({
  format: 1, kdf: "PBKDF2-SHA-256", iterations, salt: "AAAAAAAAAAAAAAAAAAAAAA==", cipher: "AES-GCM-256", check,
});

test("a stored iteration count below the one the site writes is refused", async () => {
  local.setItem("tw:lock", settings(ITERATIONS));
  assert.equal(readLock().iterations, ITERATIONS);
  for (const weak of [1, 1000, ITERATIONS - 1, 1e12, "600000", 600000.5]) {
    local.setItem("tw:lock", settings(weak));
    assert.equal(readLock(), null, String(weak));
  }
  local.setItem("tw:lock", settings(1000));
  await assert.rejects(unlock("any passphrase"), /damaged/);
});

test("on, a wrong passphrase, the right one, off: the answers come back byte for byte", async () => {
  const answers = '{"format":1,"worksheet":"promise-log","answers":{"a":"a private worry"}}';
  setItem("tw:answers:promise-log", answers);
  setItem("tw:steps", '{"format":1,"ticked":{}}');
  await turnOn("river lantern pocket seven");
  assert.equal(lockStatus(), "open");
  const sealed = local.getItem("tw:answers:promise-log");
  assert.deepEqual(Object.keys(JSON.parse(sealed)), ["sealed", "iv", "data"]);
  assert.ok(!sealed.includes("private"));
  assert.equal(local.getItem("tw:steps"), '{"format":1,"ticked":{}}', "ticks are not protected");
  assert.equal(JSON.parse(local.getItem("tw:lock")).iterations, ITERATIONS);

  const before = local.entries();
  assert.equal(await unlock("not the passphrase"), false);
  assert.deepEqual(local.entries(), before, "a wrong passphrase changes nothing");
  assert.equal(await unlock("river lantern pocket seven"), true);
  assert.equal(getItem("tw:answers:promise-log"), answers);

  await turnOff();
  await settled();
  assert.equal(lockStatus(), "off");
  assert.equal(local.getItem("tw:answers:promise-log"), answers);
  assert.equal(local.getItem("tw:lock"), null);
});
