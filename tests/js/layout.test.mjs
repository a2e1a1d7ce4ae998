// How the site's modules are laid out (README "Where things live"): each in
// a folder, imports (static or dynamic) only from its own folder or one
// earlier in FOLDERS, so nothing imports back up; only storage/store.js
// touches localStorage and sessionStorage; the storage layer and lib/'s
// formatters never touch the page.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const JS = resolve(dirname(fileURLToPath(import.meta.url)), "../../docs/assets/js");
export const FOLDERS = ["lib", "storage", "worksheet", "answers", "site", "therapists"];
const ENTRY = "main.js"; // the one module at the top, importing from every folder

function modules(dir = JS) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "vendor" ? [] : modules(path);
    return name.endsWith(".js") ? [relative(JS, path).split(sep).join("/")] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;

/** ``source`` without its comments (a "//" after ":" is part of an address). */
export function withoutComments(source) {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'])\/\/.*$/gm, "$1");
}

export function importsOf(source) {
  return [...withoutComments(source).matchAll(SPECIFIER)].map((match) => match[1]);
}

export function rank(path) {
  if (path === ENTRY) return FOLDERS.length;
  return FOLDERS.indexOf(path.split("/")[0]);
}

/** The problems with ``files`` ({path: source}): empty when the layout holds. */
export function layoutProblems(files) {
  const problems = [];
  for (const [path, source] of Object.entries(files)) {
    if (rank(path) < 0 || (path.split("/").length !== 2 && path !== ENTRY)) {
      problems.push(`${path}: not in one of the folders ${FOLDERS.join(", ")}`);
      continue;
    }
    for (const specifier of importsOf(source)) {
      if (!specifier.startsWith(".")) {
        problems.push(`${path}: imports "${specifier}", not a relative path`);
        continue;
      }
      const target = join(dirname(path), specifier).split(sep).join("/");
      if (target.includes("/vendor/")) continue;
      if (!(target in files)) problems.push(`${path}: imports "${specifier}", which does not exist`);
      else if (rank(target) > rank(path)) problems.push(`${path}: imports ${target}, a later folder`);
    }
    const code = withoutComments(source);
    if (/\b(localStorage|sessionStorage)\b/.test(code) && path !== "storage/store.js") {
      problems.push(`${path}: touches localStorage or sessionStorage (only storage/store.js may)`);
    }
    if (path.startsWith("storage/") && /\bdocument\b/.test(code)) {
      problems.push(`${path}: touches the page (the storage layer must not)`);
    }
  }
  return problems;
}

test("every module sits in its folder and imports only from its own or earlier folders", () => {
  const files = Object.fromEntries(modules().map((path) => [path, readFileSync(join(JS, path), "utf8")]));
  assert.ok(Object.keys(files).length > 20, "the modules were found");
  assert.ok(existsSync(join(JS, ENTRY)));
  assert.deepEqual(layoutProblems(files), []);
});

test("the check catches a planted mistake of each kind", () => {
  const good = { "main.js": 'import { a } from "./lib/a.js";', "lib/a.js": "export const a = 1;" };
  assert.deepEqual(layoutProblems(good), []);
  assert.match(layoutProblems({ ...good, "lib/a.js": 'import("../storage/b.js");', "storage/b.js": "" })[0],
    /later folder/);
  assert.match(layoutProblems({ ...good, "loose.js": "" })[0], /not in one of the folders/);
  assert.match(layoutProblems({ ...good, "lib/a.js": 'import "./gone.js";' })[0], /does not exist/);
  assert.match(layoutProblems({ ...good, "lib/a.js": "window.localStorage.getItem('x');" })[0],
    /only storage\/store.js/);
  assert.deepEqual(layoutProblems({ ...good, "lib/a.js": "// localStorage is storage/store.js's" }), []);
  assert.match(layoutProblems({ ...good, "storage/b.js": "document.title = 'x';" })[0], /touches the page/);
});
