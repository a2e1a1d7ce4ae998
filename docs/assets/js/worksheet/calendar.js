// "Add to my calendar" on worksheets that are a weekly habit. The box is
// plain HTML from the build (workbook/reminders.py); this module loads on the
// reader's first click in it. It makes an .ics file (RFC 5545) in the
// browser: a weekly recurring event on the chosen day and time, linking back
// to the worksheet. The file is downloaded; nothing is sent anywhere.
import { saveFile } from "../lib/save-file.js";

const DAYS = { MO: "Monday", TU: "Tuesday", WE: "Wednesday", TH: "Thursday", FR: "Friday", SA: "Saturday", SU: "Sunday" };
const CODES = Object.keys(DAYS);
const pad = (n) => String(n).padStart(2, "0");
const octets = (text) => new TextEncoder().encode(text).length;

// Text values: backslash, semicolon, comma and newlines escaped (3.3.11).
const escapeText = (text) => text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
  .replace(/\r?\n/g, "\\n");

// Lines longer than 75 octets are folded: CRLF and one space (3.1).
function fold(line) {
  const parts = [""];
  for (const char of line) {
    const limit = parts.length === 1 ? 75 : 74;
    if (octets(parts[parts.length - 1] + char) > limit) parts.push("");
    parts[parts.length - 1] += char;
  }
  return parts.join("\r\n ");
}

/** The next date (local) that falls on ``day`` ("MO".."SU"), today included. */
export function nextDate(day, from = new Date()) {
  const target = (CODES.indexOf(day) + 1) % 7; // in JavaScript, Sunday is 0
  const date = new Date(from.getFullYear(), from.getMonth(), from.getDate());
  date.setDate(date.getDate() + ((target - date.getDay() + 7) % 7));
  return date;
}

/** The calendar file's text. ``time`` is "HH:MM" in local (floating) time. */
export function ics({ title, url, day, time, uid, now = new Date() }) {
  const date = nextDate(day, now);
  const [hours, minutes] = time.split(":").map(Number);
  const start = `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}T${pad(hours)}${pad(minutes)}00`;
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const summary = escapeText(`${title} (Trust Workbook)`);
  const lines = [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Trust Workbook//Weekly reminder//EN", "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH", "BEGIN:VEVENT", `UID:${uid}`, `DTSTAMP:${stamp}`, `DTSTART:${start}`, "DURATION:PT30M",
    `RRULE:FREQ=WEEKLY;BYDAY=${day}`, `SUMMARY:${summary}`,
    `DESCRIPTION:${escapeText(`Time for "${title}". Open the worksheet: ${url}`)}`, `URL:${url}`,
    "BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${summary}`, "TRIGGER:-PT10M", "END:VALARM",
    "END:VEVENT", "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

export function addToCalendar(box, event) {
  if (!event.target.closest("[data-tw-calendar-add]")) return;
  const id = box.dataset.twCalendar;
  const select = box.querySelector("[data-tw-calendar-day]");
  const day = CODES.includes(select.value) ? select.value : "SU";
  const input = box.querySelector("[data-tw-calendar-time]").value;
  const time = /^\d{2}:\d{2}$/.test(input) ? input : "19:00";
  const url = `${window.location.origin}${window.location.pathname}`;
  const uid = `${id}-${crypto.getRandomValues(new Uint32Array(2)).join("")}@trust-workbook`;
  saveFile(`${id}-reminder.ics`, ics({ title: box.dataset.twTitle, url, day, time, uid }), "text/calendar");
  box.querySelector("[data-tw-calendar-status]").textContent = `Saved a calendar file for every ${DAYS[day]} `
    + `at ${time}. Open it to add the reminder to your calendar.`;
}
