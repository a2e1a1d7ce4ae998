// The privacy lock: an optional passphrase that keeps answers on this device
// encrypted (explained for readers on the Privacy page, "Privacy lock").
//
// - The key: PBKDF2 with SHA-256 over the passphrase, a random 16-byte salt
//   and ITERATIONS rounds, giving an AES-GCM 256-bit key that cannot be
//   exported. It lives only in this module's memory (and the sealer below),
//   so a reload or a new tab asks again; instant navigation keeps it.
// - "tw:lock" holds {"format": 1, "kdf": "PBKDF2-SHA-256", "iterations",
//   "salt", "cipher": "AES-GCM-256", "check"}: "check" is a known text
//   encrypted with the key, so a wrong passphrase is told apart from a right
//   one without touching any answer. The passphrase itself is never stored.
// - Every protected entry (storage/keys.js isProtected: answers, set-aside entries,
//   partner names) is stored as {"sealed": 1, "iv", "data"}: a fresh random
//   12-byte IV per write, and the entry's key as additional data so a sealed
//   value cannot be moved to another key unnoticed.
// - A value left plain (the lock turned on or off and the page closed half
//   way) is still read, and sealed again on the next opening: nothing is lost.
import { element } from "../lib/dom.js";
import { LOCK_KEY, isProtected } from "../storage/keys.js";
import { getItem, isLocked, putStored, reportFailure, siteKeys, storedItem } from "../storage/store.js";
import { closeLayer, currentEpoch, openLayer } from "../storage/layer.js";

export const ITERATIONS = 600_000;
// A stored count below the one this site writes is refused (it would make a
// guessed passphrase cheaper to test), and so is an absurdly high one (it
// would freeze the page).
export const MAX_ITERATIONS = 10_000_000;
const CHECK_TEXT = "Trust Workbook privacy lock";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function toBase64(bytes) {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function deriveKey(passphrase, salt, iterations) {
  const base = await crypto.subtle.importKey("raw", encoder.encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, base,
    { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

async function seal(key, name, text) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(name) },
    key, encoder.encode(text));
  return JSON.stringify({ sealed: 1, iv: toBase64(iv), data: toBase64(new Uint8Array(data)) });
}

function envelope(raw) {
  try {
    const value = JSON.parse(raw);
    return value && value.sealed === 1 && typeof value.iv === "string" && typeof value.data === "string"
      ? value : null;
  } catch {
    return null;
  }
}

/** The text inside a sealed value; throws when the key does not fit. */
async function unseal(key, name, sealed) {
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: fromBase64(sealed.iv), additionalData: encoder.encode(name) },
    key, fromBase64(sealed.data));
  return decoder.decode(plain);
}

let queue = Promise.resolve();

/** Resolves once every sealed write asked for so far has reached storage. */
export function settled() {
  return queue;
}

// Writes reach storage in the order they were asked for, sealed.
function sealerFor(key) {
  const epoch = currentEpoch();
  return (name, value) => {
    queue = queue.then(async () => {
      const out = value === null ? null : await seal(key, name, value);
      if (currentEpoch() === epoch) putStored(name, out);
    }).catch(() => reportFailure());
  };
}

/** The lock's stored settings, or null when they are damaged or unsafe. */
export function readLock() {
  try {
    const lock = JSON.parse(storedItem(LOCK_KEY));
    if (lock && lock.format === 1 && typeof lock.salt === "string" && Number.isInteger(lock.iterations)
        && lock.iterations >= ITERATIONS && lock.iterations <= MAX_ITERATIONS
        && envelope(JSON.stringify(lock.check))) return lock;
  } catch {
    /* unreadable: treated as no usable lock below */
  }
  return null;
}

/** "off" | "locked" (on, not opened this visit) | "open". */
export function lockStatus() {
  if (storedItem(LOCK_KEY) === null) return "off";
  return isLocked() ? "locked" : "open";
}

/** Opens the lock for this visit. False (and nothing changed) for a wrong passphrase. */
export async function unlock(passphrase) {
  const lock = readLock();
  if (!lock) throw new Error("The lock's settings in this browser are damaged.");
  const key = await deriveKey(passphrase, fromBase64(lock.salt), lock.iterations);
  try {
    await unseal(key, LOCK_KEY, lock.check);
  } catch {
    return false;
  }
  const entries = [];
  const plain = [];
  for (const name of siteKeys().filter(isProtected)) {
    const raw = storedItem(name);
    if (raw === null) continue;
    const sealed = envelope(raw);
    if (!sealed) {
      entries.push([name, raw]);
      plain.push([name, raw]);
      continue;
    }
    try {
      entries.push([name, await unseal(key, name, sealed)]);
    } catch {
      // Altered or damaged: handed on as it is, so the page sets it aside rather than losing it.
      entries.push([name, raw]);
    }
  }
  const sealer = sealerFor(key);
  openLayer(sealer, entries);
  for (const [name, raw] of plain) sealer(name, raw);
  await settled();
  return true;
}

/** Turns the lock on with a new passphrase; every protected entry is sealed. */
export async function turnOn(passphrase) {
  if (storedItem(LOCK_KEY) !== null) throw new Error("The lock is already on.");
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await deriveKey(passphrase, salt, ITERATIONS);
  const lock = {
    format: 1, kdf: "PBKDF2-SHA-256", iterations: ITERATIONS, salt: toBase64(salt), cipher: "AES-GCM-256",
    check: JSON.parse(await seal(key, LOCK_KEY, CHECK_TEXT)),
  };
  const entries = siteKeys().filter(isProtected).map((name) => [name, getItem(name)]).filter(([, raw]) => raw !== null);
  // The lock's settings first: a page closed half way still finds plain values readable.
  if (!putStored(LOCK_KEY, JSON.stringify(lock))) throw new Error("This browser refused to store the lock.");
  const sealer = sealerFor(key);
  openLayer(sealer, entries);
  for (const [name, raw] of entries) sealer(name, raw);
  await settled();
}

/** Turns the lock off (it must be open): every entry is stored plain again. */
export async function turnOff() {
  if (lockStatus() !== "open") throw new Error("Open the lock first.");
  await settled();
  const entries = siteKeys().filter(isProtected).map((name) => [name, getItem(name)]).filter(([, raw]) => raw !== null);
  for (const [name, raw] of entries) {
    if (!putStored(name, raw)) throw new Error("This browser refused to store your answers, so the lock stays on.");
  }
  putStored(LOCK_KEY, null);
  closeLayer();
}

// -- asking for the passphrase (once per visit) --------------------------------

let opening = null;
let prompt = null;

function buildPrompt(resolve) {
  const box = element("section", { class: "tw-unlock", "aria-labelledby": "tw-unlock-title" });
  const title = element("h2", { id: "tw-unlock-title" }, "Your answers are locked");
  const intro = element("p", {}, "Enter your passphrase to see and change your answers on this device. "
    + "The site asks once each time you open it.");
  const form = element("form", { class: "tw-unlock__form" });
  const label = element("label", { for: "tw-unlock-passphrase" }, "Passphrase");
  const input = element("input", {
    type: "password", id: "tw-unlock-passphrase", autocomplete: "current-password", required: "" });
  const button = element("button", { type: "submit", class: "tw-button" }, "Unlock");
  const status = element("p", { role: "status", "aria-live": "polite" });
  const forgot = element("p", { class: "tw-help" }, "Forgot it? Nobody can recover the answers without it. "
    + "You can erase everything on this device from the Privacy page and start again.");
  form.append(label, input, button);
  box.append(title, intro, form, status, forgot);

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!input.value) return;
    button.disabled = true;
    status.textContent = "Checking…";
    try {
      if (await unlock(input.value)) {
        status.textContent = "Unlocked.";
        box.remove();
        prompt = null;
        resolve();
        return;
      }
      status.textContent = "That passphrase does not open these answers. Nothing was changed. Try again.";
      input.select();
    } catch (error) {
      status.textContent = `The answers could not be opened: ${error.message}`;
    } finally {
      button.disabled = false;
    }
  });
  return box;
}

/** Resolves once the lock is open; shows the passphrase form on the current page. */
export function askPassphrase() {
  if (!isLocked()) return Promise.resolve();
  if (!opening) {
    opening = new Promise((resolve) => {
      prompt = buildPrompt(() => {
        opening = null;
        resolve();
      });
    });
  }
  if (prompt && !prompt.isConnected) {
    const article = document.querySelector("article") || document.body;
    const heading = article.querySelector("h1");
    if (heading) heading.after(prompt);
    else article.prepend(prompt);
  }
  return opening;
}
