// The "My answers" page: what is saved in this browser, downloads (JSON and
// Markdown), importing a backup with a preview of what it would change, the
// browser's answer about keeping the data, and the privacy lock's settings.
// Loaded only on that page. Every text from storage or from a chosen file
// reaches the page through textContent.
import {
  MAX_IMPORT_BYTES, applyImport, downloadJson, downloadMarkdown, planChanges, planImport, readBackup,
} from "./backup.js";
import { answerText } from "../lib/answer-text.js";
import { element } from "../lib/dom.js";
import { askToPersist, mountHealth } from "./health.js";
import { lockStatus, turnOff, turnOn } from "./lock.js";
import { answersKeyParts } from "../storage/keys.js";
import { answerEntries, parseAnswers } from "../storage/answers.js";
import { readPartners } from "../storage/partners.js";
import { loadLimits } from "../storage/limits.js";


const when = (iso) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? "unknown" : date.toLocaleString();
};

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

// This page's own stylesheet, so worksheet pages do not carry it.
function loadStyles() {
  if (document.querySelector("link[data-tw-my-answers-css]")) return;
  const link = element("link", { rel: "stylesheet", "data-tw-my-answers-css": "" });
  link.href = new URL("../../css/my-answers.css", import.meta.url).href;
  document.head.append(link);
}

export function mountMyAnswers(root) {
  loadStyles();
  const catalogue = JSON.parse(root.dataset.twCatalogue);
  const byId = new Map(catalogue.map((worksheet) => [worksheet.id, worksheet]));
  const fieldsOf = (id) => new Map((byId.get(id)?.sections || []).flatMap((s) => s.fields.map((f) => [f.id, f])));
  const page = root.closest("article") || document;
  const cleanups = [mountHealth(root)];
  const listen = (target, type, handler) => {
    target.addEventListener(type, handler);
    cleanups.push(() => target.removeEventListener(type, handler));
  };

  // -- what is saved ----------------------------------------------------------
  const whose = (worksheet, partner) => {
    const known = byId.get(worksheet);
    if (known && known.who !== "each-partner") return known.who === "together" ? "Both of you" : "One partner";
    return readPartners().names[partner];
  };

  const renderList = () => {
    const rows = [];
    const damaged = [];
    for (const [key, raw] of answerEntries()) {
      const parts = answersKeyParts(key);
      const parsed = parts ? parseAnswers(raw, parts.worksheet) : null;
      if (parsed && parsed.state === "ok") rows.push({ ...parts, record: parsed.record });
      else damaged.push({ key, raw });
    }
    const children = [];
    if (!rows.length && !damaged.length) {
      children.push(element("p", { "data-tw-nothing": "" },
        "No answers are saved in this browser yet. Worksheets save your answers here as you fill them in."));
    }
    if (rows.length) {
      const table = element("table", { class: "tw-answers-list" });
      const caption = element("caption", {}, "Worksheets with answers saved in this browser");
      const head = table.createTHead().insertRow();
      for (const title of ["Worksheet", "Whose answers", "Answers", "Last changed"]) {
        head.append(element("th", { scope: "col" }, title));
      }
      table.prepend(caption);
      const body = table.createTBody();
      rows.sort((x, y) => (byId.get(x.worksheet)?.title || x.worksheet).localeCompare(byId.get(y.worksheet)?.title || y.worksheet)
        || x.partner.localeCompare(y.partner));
      for (const row of rows) {
        const tr = body.insertRow();
        tr.dataset.twAnswersRow = `${row.worksheet}:${row.partner}`;
        const known = byId.get(row.worksheet);
        const th = element("th", { scope: "row" });
        if (known) th.append(element("a", { href: known.url }, known.title));
        else th.textContent = `${row.worksheet} (no longer on this site)`;
        tr.append(th);
        tr.insertCell().textContent = whose(row.worksheet, row.partner);
        tr.insertCell().textContent = String(Object.keys(row.record.answers).length);
        tr.insertCell().textContent = when(row.record.updated);
      }
      children.push(table);
    }
    if (damaged.length) {
      const box = element("div", { class: "tw-notice", "data-tw-damaged-list": "" });
      box.append(element("p", {}, `${plural(damaged.length, "saved entry", "saved entries")} could not be read. `
        + "They are kept untouched and are included, exactly as stored, in the JSON download:"));
      const list = element("ul");
      for (const entry of damaged) list.append(element("li", {}, `${entry.key} (${plural(entry.raw.length, "character")})`));
      box.append(list);
      children.push(box);
    }
    root.replaceChildren(...children);
  };

  // -- downloads ---------------------------------------------------------------
  const downloadStatus = page.querySelector("[data-tw-download-status]");
  for (const button of page.querySelectorAll("[data-tw-download]")) {
    button.hidden = false;
    listen(button, "click", () => {
      const data = button.dataset.twDownload === "markdown" ? downloadMarkdown(catalogue) : downloadJson();
      if (downloadStatus) {
        downloadStatus.textContent = `Downloaded ${plural(data.answers.length, "worksheet")}`
          + (data.damaged.length ? ` and ${plural(data.damaged.length, "set-aside entry", "set-aside entries")}.` : ".");
      }
    });
  }

  // -- import ------------------------------------------------------------------
  const input = page.querySelector("[data-tw-import-file]");
  const preview = page.querySelector("[data-tw-import-preview]");
  const importStatus = page.querySelector("[data-tw-import-status]");
  let pending = null; // {data, plan}

  const cancel = (message = "") => {
    pending = null;
    preview.replaceChildren();
    preview.hidden = true;
    if (input) input.value = "";
    importStatus.textContent = message;
  };

  const describe = (worksheet, field, value) => {
    if (value === undefined) return "(no answer: you cleared it)";
    return answerText(fieldsOf(worksheet).get(field), value) || "(blank)";
  };

  const renderPreview = () => {
    const { data, plan } = pending;
    const names = readPartners().names;
    const children = [element("h3", { id: "tw-import-title" }, "What this file holds")];
    const made = element("p");
    made.textContent = `Made on ${when(data.exported)}. It holds answers to ${plural(data.answers.length, "worksheet")}`
      + (data.damaged.length ? ` and ${plural(data.damaged.length, "set-aside entry", "set-aside entries")}.` : ".")
      + " Nothing is changed until you choose Import.";
    children.push(made);

    if (plan.items.some((item) => item.perPartner)) {
      const group = element("fieldset", { class: "tw-import__whose" });
      group.append(element("legend", {}, "Whose answers are these?"));
      for (const [value, text] of [
        ["same", "Ours, from another copy of this browser's answers: each partner's answers stay theirs."],
        ["swap", `My partner's, from their own device: their first partner's answers become ${names.b}'s here, `
          + `and their second partner's become ${names.a}'s.`],
      ]) {
        const id = `tw-import-whose-${value}`;
        const radio = element("input", { type: "radio", name: "tw-import-whose", id, value });
        radio.checked = (value === "swap") === plan.swap;
        const label = element("label", { for: id }, text);
        const line = element("div", { class: "tw-import__choice" });
        line.append(radio, label);
        group.append(line);
      }
      group.addEventListener("change", (event) => {
        pending.plan = planImport(data, { swap: event.target.value === "swap", catalogue: byId });
        renderPreview();
      });
      children.push(group);
    }

    const list = element("ul", { class: "tw-import__items" });
    for (const item of plan.items) {
      const li = element("li", { "data-tw-import-item": `${item.worksheet}:${item.partner}` });
      const id = `tw-import-include-${item.index}`;
      const box = element("input", { type: "checkbox", id });
      box.checked = item.include;
      box.disabled = !item.known;
      box.addEventListener("change", () => {
        item.include = box.checked;
      });
      const who = item.perPartner ? ` (${names[item.partner]})` : "";
      const summary = item.known ? [] : ["not a worksheet on this site, so it is left out"];
      if (item.known) {
        if (item.status === "new") summary.push(`new here: ${plural(item.added.length, "answer")}`);
        if (item.status === "replace-damaged") {
          summary.push(`${plural(item.added.length, "answer")}; the unreadable entry here is set aside first, not lost`);
        }
        if (item.status === "merge") {
          if (item.added.length) summary.push(`${plural(item.added.length, "answer")} you do not have yet`);
          if (item.conflicts.length) {
            summary.push(`${plural(item.conflicts.length, "answer")} that ${item.conflicts.length === 1 ? "differs" : "differ"} from yours`);
          }
          if (item.retired) summary.push(`${plural(item.retired, "answer")} to questions no longer asked`);
          if (!item.added.length && !item.conflicts.length && !item.retired) summary.push("nothing new: the same as yours");
        }
        if (!item.perPartner && plan.swap) summary.push("this worksheet is not filled in per partner: tick it to merge it into your own answers");
      }
      const label = element("label", { for: id }, `${item.title}${who}: ${summary.join("; ")}`);
      li.append(box, label);
      for (const conflict of item.conflicts) {
        const fields = fieldsOf(item.worksheet);
        const group = element("fieldset", { class: "tw-import__conflict", "data-tw-conflict": conflict.field });
        group.append(element("legend", {}, fields.get(conflict.field)?.label || conflict.field));
        const name = `tw-conflict-${item.index}-${conflict.field}`;
        for (const side of ["mine", "theirs"]) {
          const radioId = `${name}-${side}`;
          const radio = element("input", { type: "radio", name, id: radioId, value: side });
          radio.checked = (pending.choices.get(`${item.index}:${conflict.field}`) || conflict.newer) === side;
          radio.addEventListener("change", () => pending.choices.set(`${item.index}:${conflict.field}`, side));
          const words = side === "mine" ? "Keep mine" : "Take the file's";
          const newer = conflict.newer === side ? " (newer)" : "";
          const text = element("label", { for: radioId });
          text.append(element("strong", {}, `${words}${newer}: `),
            element("span", { class: "tw-import__value" }, describe(item.worksheet, conflict.field, conflict[side])));
          const line = element("div", { class: "tw-import__choice" });
          line.append(radio, text);
          group.append(line);
        }
        li.append(group);
      }
      list.append(li);
    }
    children.push(list);
    if (plan.damaged.length) {
      children.push(element("p", {}, `${plural(plan.damaged.length, "set-aside entry", "set-aside entries")} `
        + "will be added as they are, for safekeeping."));
    }
    const actions = element("div", { class: "tw-import__actions" });
    const go = element("button", { type: "button", class: "tw-button", "data-tw-import-apply": "" }, "Import");
    const stop = element("button", { type: "button", class: "tw-button", "data-tw-import-cancel": "" }, "Cancel");
    go.addEventListener("click", () => {
      if (!planChanges(pending.plan)) {
        cancel("Nothing was imported: the file holds nothing that is not here already.");
        return;
      }
      const result = applyImport(pending.plan, pending.choices);
      cancel(`Imported. ${plural(result.written, "answer")} taken from the file, ${plural(result.kept, "answer")} of yours kept.`
        + (result.failed ? ` This browser refused to store ${plural(result.failed, "entry", "entries")}: download a copy to keep them.` : ""));
      renderList();
    });
    stop.addEventListener("click", () => cancel("Import cancelled. Nothing was changed."));
    actions.append(go, stop);
    children.push(actions);
    preview.replaceChildren(...children);
    preview.hidden = false;
  };

  const onFile = async () => {
    const file = input.files && input.files[0];
    pending = null;
    preview.replaceChildren();
    preview.hidden = true;
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      cancel(`This file is too large to be a Trust Workbook backup (${(file.size / 1048576).toFixed(1)} MB; `
        + "the limit is 5 MB). Nothing was changed.");
      return;
    }
    importStatus.textContent = "Reading the file…";
    let text;
    try {
      text = await file.text();
    } catch {
      cancel("The file could not be read. Nothing was changed.");
      return;
    }
    let limits;
    try {
      limits = await loadLimits();
    } catch (error) {
      cancel(`The file could not be checked: ${error.message}. Reload the page and try again. Nothing was changed.`);
      return;
    }
    const result = readBackup(text, limits);
    if (result.error) {
      cancel(`${result.error} Nothing was changed.`);
      return;
    }
    pending = { data: result.data, plan: planImport(result.data, { catalogue: byId }), choices: new Map() };
    importStatus.textContent = "Check what the file would change below, then choose Import or Cancel.";
    renderPreview();
  };
  if (input) {
    input.closest("[data-tw-import]").hidden = false;
    listen(input, "change", onFile);
  }

  // -- keeping the data --------------------------------------------------------
  const persist = page.querySelector("[data-tw-persist]");
  if (persist) {
    persist.textContent = "Asking your browser whether it will keep this site's data…";
    askToPersist().then((kept) => {
      persist.dataset.twPersisted = String(kept);
      persist.textContent = kept === true
        ? "Your browser has agreed to keep this site's data until you erase it."
        : kept === false
          ? "Your browser has not promised to keep this site's data. It may clear it when space runs low, "
            + "or (Safari) after seven days without a visit. Download a copy now and then."
          : "This browser cannot be asked to keep this site's data. Download a copy now and then.";
    });
  }

  // -- the privacy lock --------------------------------------------------------
  const lockBox = page.querySelector("[data-tw-lock-settings]");
  const renderLock = () => {
    if (!lockBox) return;
    const status = element("p", { role: "status", "aria-live": "polite", "data-tw-lock-status": "" });
    if (lockStatus() === "open") {
      const off = element("button", { type: "button", class: "tw-button", "data-tw-lock-off": "" }, "Turn the lock off");
      off.addEventListener("click", async () => {
        if (!window.confirm("Turn the lock off? Your answers will be stored in this browser without encryption again.")) return;
        off.disabled = true;
        try {
          await turnOff();
          renderLock();
          lockBox.querySelector("[data-tw-lock-status]").textContent = "The lock is off. Your answers are stored unencrypted again.";
        } catch (error) {
          status.textContent = error.message;
          off.disabled = false;
        }
      });
      lockBox.replaceChildren(element("p", {}, "The lock is on. Your answers are stored encrypted in this browser, "
        + "and the site asks for your passphrase each time it is opened."), off, status);
      return;
    }
    const form = element("form", { class: "tw-lock-form", "data-tw-lock-form": "" });
    form.noValidate = true; // its own plain messages below
    const fields = [["tw-lock-new", "New passphrase"], ["tw-lock-repeat", "The same passphrase again"]].map(([id, text]) => {
      const control = element("input", { type: "password", id, autocomplete: "new-password" });
      form.append(element("label", { for: id }, text), control);
      return control;
    });
    form.append(element("button", { type: "submit", class: "tw-button" }, "Turn the lock on"));
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const [first, again] = fields.map((control) => control.value);
      if (first.length < 8) {
        status.textContent = "Choose a passphrase of at least 8 characters. A few unrelated words work well.";
        return;
      }
      if (first !== again) {
        status.textContent = "The two passphrases are not the same. Type them again.";
        return;
      }
      status.textContent = "Locking your answers…";
      try {
        await turnOn(first);
        renderLock();
        lockBox.querySelector("[data-tw-lock-status]").textContent = "The lock is on. Remember your passphrase: "
          + "without it, these answers cannot be opened, not even by you.";
      } catch (error) {
        status.textContent = error.message;
      }
    });
    lockBox.replaceChildren(element("p", {}, "The lock is off: anyone who can open this browser can read your answers here."),
      form, status);
  };
  renderLock();

  const onErased = () => {
    cancel("");
    renderList();
    renderLock();
  };
  listen(document, "tw:erased", onErased);
  renderList();
  root.dataset.twReady = "yes"; // tests wait for this
  return () => {
    for (const cleanup of cleanups) cleanup();
  };
}
