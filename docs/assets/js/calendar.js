// "Add to my calendar" on worksheets that are a weekly habit (the weekly
// check-in, rituals): the reader picks a day and time, and the browser makes
// an .ics file (RFC 5545) with a weekly recurring event that links back to
// the worksheet. The file is made on this device and downloaded; nothing is
// sent anywhere.
import { saveFile } from "./save-file.js";

const DAYS = [["MO", "Monday"], ["TU", "Tuesday"], ["WE", "Wednesday"], ["TH", "Thursday"],
  ["FR", "Friday"], ["SA", "Saturday"], ["SU", "Sunday"]];

const pad = (n) => String(n).padStart(2, "0");

// Text values: backslash, semicolon, comma and newlines escaped (RFC 5545 3.3.11).
const escapeText = (text) => text.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,")
  .replace(/\r?\n/g, "\\n");

// Lines longer than 75 octets are folded: CRLF and one space (3.1).
function fold(line) {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const length = new TextEncoder().encode(char).length;
    if (size + length > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += length;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** The next date (local) that falls on ``day`` ("MO".."SU"), today included. */
export function nextDate(day, from = new Date()) {
  const target = (DAYS.findIndex(([code]) => code === day) + 1) % 7; // JS: Sunday is 0
  const date = new Date(from.getFullYear(), from.getMonth(), from.getDate());
  date.setDate(date.getDate() + ((target - date.getDay() + 7) % 7));
  return date;
}

/** The calendar file's text. ``time`` is "HH:MM", local (floating) time. */
export function ics({ title, url, day, time, now = new Date(), uid }) {
  const date = nextDate(day, now);
  const [hours, minutes] = time.split(":").map(Number);
  const start = `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}T${pad(hours)}${pad(minutes)}00`;
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
  const summary = `${title} (Trust Workbook)`;
  const lines = [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Trust Workbook//Weekly reminder//EN", "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH", "BEGIN:VEVENT",
    `UID:${uid}`, `DTSTAMP:${stamp}`, `DTSTART:${start}`, "DURATION:PT30M",
    `RRULE:FREQ=WEEKLY;BYDAY=${day}`,
    `SUMMARY:${escapeText(summary)}`,
    `DESCRIPTION:${escapeText(`Time for "${title}". Open the worksheet: ${url}`)}`,
    `URL:${url}`,
    "BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${escapeText(summary)}`, "TRIGGER:-PT10M", "END:VALARM",
    "END:VEVENT", "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

export function mountCalendar(form) {
  const id = form.dataset.twWorksheet;
  const title = form.getAttribute("aria-label") || document.title;
  const box = element("section", { class: "tw-calendar", "aria-labelledby": `tw-calendar-${id}` });
  const heading = element("h2", { id: `tw-calendar-${id}` }, "Add to my calendar");
  const intro = element("p", {}, "A weekly reminder in your own calendar, with a link back to this worksheet. "
    + "The file is made on this device and saved to it; nothing is sent anywhere.");
  const dayLabel = element("label", { for: `tw-calendar-day-${id}` }, "Day");
  const select = element("select", { id: `tw-calendar-day-${id}` });
  for (const [code, name] of DAYS) select.append(element("option", { value: code }, name));
  select.value = "SU";
  const timeLabel = element("label", { for: `tw-calendar-time-${id}` }, "Time");
  const input = element("input", { type: "time", id: `tw-calendar-time-${id}`, value: "19:00" });
  const add = element("button", { type: "button", class: "tw-button", "data-tw-calendar": "" }, "Add to my calendar");
  const status = element("p", { role: "status", "aria-live": "polite" });
  const row = element("div", { class: "tw-calendar__row" });
  row.append(dayLabel, select, timeLabel, input, add);
  box.append(heading, intro, row, status);
  form.after(box);

  const onAdd = () => {
    const url = `${window.location.origin}${window.location.pathname}`;
    const time = /^\d{2}:\d{2}$/.test(input.value) ? input.value : "19:00";
    const uid = `${id}-${crypto.getRandomValues(new Uint32Array(2)).join("")}@trust-workbook`;
    saveFile(`${id}-reminder.ics`, ics({ title, url, day: select.value, time, uid }), "text/calendar");
    const dayName = DAYS.find(([code]) => code === select.value)[1];
    status.textContent = `Saved a calendar file for every ${dayName} at ${time}. Open it to add the reminder to your calendar.`;
  };
  add.addEventListener("click", onAdd);
  return () => box.remove();
}
