// The names of everything the site keeps in this browser. Every key starts
// with PREFIX ("tw:"); docs/privacy.md ("Every key the site writes") lists
// each one, and a browser test fails on a key it does not list.

export const PREFIX = "tw:";
export const LOCK_KEY = `${PREFIX}lock`;
export const PARTNERS_KEY = `${PREFIX}partners`;
export const STEPS_KEY = `${PREFIX}steps`;
export const BACKUP_KEY = `${PREFIX}backup`;

// Each-partner worksheets keep the second partner's answers under their own
// key ("tw:answers:<id>:partner-b", the record carrying "partner": "b");
// the first partner's, like every other worksheet's, are "tw:answers:<id>".
const partnerSuffix = (partner) => (partner === "b" ? ":partner-b" : "");

export function answersKey(worksheetId, partner) {
  return `${PREFIX}answers:${worksheetId}${partnerSuffix(partner)}`;
}

/** Where an entry that could not be read is set aside, untouched. */
export function damagedKey(worksheetId, when = new Date(), partner = undefined) {
  return `${PREFIX}damaged:${worksheetId}${partnerSuffix(partner)}:${when.toISOString()}`;
}

const ANSWERS_KEY = /^tw:answers:([a-z0-9]+(?:-[a-z0-9]+)*)(:partner-b)?$/;
const DAMAGED_KEY = /^tw:damaged:[a-z0-9-]+(?::partner-b)?:[0-9T:.Z-]{1,40}$/;

/** An answers key ("tw:answers:<id>[:partner-b]") as {worksheet, partner}, or null. */
export function answersKeyParts(key) {
  const match = ANSWERS_KEY.exec(key);
  return match ? { worksheet: match[1], partner: match[2] ? "b" : "a" } : null;
}

/** Whether ``key`` has the form damagedKey gives. */
export function isDamagedKey(key) {
  return DAMAGED_KEY.test(key);
}

/** Answers and set-aside entries (what My answers lists and backups carry). */
export function isAnswersOrDamaged(key) {
  return key.startsWith(`${PREFIX}answers:`) || key.startsWith(`${PREFIX}damaged:`);
}

/** Keys the privacy lock encrypts: answers, set-aside entries, partner names. */
export function isProtected(key) {
  return isAnswersOrDamaged(key) || key === PARTNERS_KEY;
}
