// calendar.js: the .ics file (RFC 5545) a weekly reminder downloads.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ics, nextDate } from "../../docs/assets/js/worksheet/calendar.js";

const NOW = new Date(2026, 0, 7, 12, 0); // a Wednesday, local time

test("nextDate finds the chosen weekday, today included", () => {
  assert.equal(nextDate("WE", NOW).getDate(), 7);
  assert.equal(nextDate("TH", NOW).getDate(), 8);
  assert.equal(nextDate("SU", NOW).getDate(), 11);
  assert.equal(nextDate("TU", NOW).getDate(), 13);
});

test("a weekly event on the chosen day and time, in CRLF lines", () => {
  const text = ics({ title: "Weekly check-in", url: "https://example.org/worksheets/weekly-check-in/",
    day: "SU", time: "19:30", uid: "weekly-check-in-1@trust-workbook", now: NOW });
  assert.ok(text.endsWith("\r\n"));
  assert.doesNotMatch(text.replace(/\r\n/g, ""), /[\r\n]/, "no bare line breaks");
  const lines = text.replace(/\r\n /g, "").split("\r\n");
  for (const line of ["BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "DTSTART:20260111T193000",
    "RRULE:FREQ=WEEKLY;BYDAY=SU", "UID:weekly-check-in-1@trust-workbook", "END:VEVENT", "END:VCALENDAR",
    "URL:https://example.org/worksheets/weekly-check-in/", "SUMMARY:Weekly check-in (Trust Workbook)"]) {
    assert.ok(lines.includes(line), line);
  }
  assert.match(lines.find((line) => line.startsWith("DTSTAMP:")), /^DTSTAMP:\d{8}T\d{6}Z$/);
});

test("text is escaped and long lines are folded at 75 octets, never inside a character", () => {
  const title = "Rituals; \"us\", always\\ — ünïcode ".repeat(4).trim();
  const text = ics({ title, url: "https://example.org/w/", day: "MO", time: "08:00", uid: "u@x", now: NOW });
  for (const line of text.split("\r\n")) assert.ok(new TextEncoder().encode(line).length <= 75, line);
  const unfolded = text.replace(/\r\n /g, "");
  assert.ok(unfolded.includes("SUMMARY:Rituals\\; \"us\"\\, always\\\\ — ünïcode"));
  assert.ok(!unfolded.includes("\uFFFD"));
});
