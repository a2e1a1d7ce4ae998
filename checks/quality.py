"""The quality gates as functions, shared by the checks over the real site
and by the tests that plant a regression to prove each gate can fail.

Pages are discovered from the built site (every ``index.html`` plus the
404 page), so a page someone adds is checked without anyone listing it.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from axe_playwright_python.sync_playwright import Axe

from checks import site
from workbook import assets, stylesheet

#: WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_AXE = Axe()

#: Kilobytes are 1,000 bytes; sizes are what gzip -6 makes of each file.
OWN_ASSETS_BUDGET = 25_000
PAGE_BUDGET = 400_000
_COMPRESSED_BY_SERVERS = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map"}

#: Records every Content-Security-Policy violation the page reports.
CSP_LISTENER = """
window.__csp_violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp_violations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} `
    + `(${event.sourceFile || "page"}:${event.lineNumber})`);
});
"""


def site_pages(built: Path) -> list[str]:
    """Every page of a built site, as paths relative to its root."""
    pages = site.nav_pages(built)
    if (built / "404.html").exists():
        pages.append("404.html")
    return pages


def worksheet_pages(built: Path) -> list[str]:
    """The pages of the individual worksheets (``worksheets/<id>/``)."""
    return [p for p in site_pages(built) if re.fullmatch(r"worksheets/[^/]+/", p)]


# Accessibility ---------------------------------------------------------------

#: Material's palette scheme for each of the site's two palettes.
PALETTES = {"light": "default", "dark": "slate"}
_AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def _start_axe(page) -> None:  # noqa: ANN001 (Playwright Page)
    """Starts axe on the page as it is now, without waiting for it: pages in
    other contexts (other renderer processes) can run theirs meanwhile."""
    # axe is put into the page once (a palette switch keeps the same document).
    if not page.evaluate("() => typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(_AXE.axe_script)
    # axe does most of its work before its promise is made: it runs from a
    # timer of the page's own, so this call returns at once.
    page.evaluate("(options) => { window.__tw_axe = new Promise((later) => setTimeout(later, 0))"
                  ".then(() => axe.run(document, options)).then((result) => result.violations); }",
                  _AXE_OPTIONS)


def _axe_result(page) -> list[str]:  # noqa: ANN001
    """One line per violation found by the run :func:`_start_axe` started."""
    lines = []
    for violation in page.evaluate("window.__tw_axe"):
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{violation['id']} ({violation['impact']}) at {node['target']}: {summary[:240]}")
    return lines


def axe_violations(page) -> list[str]:  # noqa: ANN001
    """One line per WCAG A/AA violation axe finds on the page as it is now."""
    _start_axe(page)
    return _axe_result(page)


def palette(page) -> str:  # noqa: ANN001
    """The palette the page shows ("light" or "dark")."""
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    names = {value: name for name, value in PALETTES.items()}
    assert scheme in names, f"unknown palette scheme {scheme!r}"
    return names[scheme]


def switch_palette(page) -> str:  # noqa: ANN001
    """Switches to the other palette with the header's toggle, as a reader does,
    and returns its name once every colour transition the switch started has
    ended (axe must not measure contrast halfway through one). The click is
    the element's own, so no pointer hovers and nothing takes focus."""
    before = palette(page)
    page.evaluate("""() => document.querySelector(
      "form[data-tw-palette] label:not([hidden])").click()""")
    page.wait_for_function("(scheme) => document.body.getAttribute('data-md-color-scheme') !== scheme",
                           arg=PALETTES[before])
    page.evaluate("""() => new Promise((frame) => requestAnimationFrame(() => requestAnimationFrame(frame)))
      .then(() => Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition)
        .map((a) => a.finished.catch(() => null))))""")
    return palette(page)


def axe_in_each_palette(page, where: str = "the page") -> dict[str, list[str]]:  # noqa: ANN001
    """axe on the page as it is, in the palette it shows, then switched to the
    other with Material's toggle and checked again: the violations by palette.
    Fails unless both palettes were checked."""
    return _axe_in_each_palette_side_by_side([page], where)[0]


def _axe_in_each_palette_side_by_side(pages: list, where: str) -> list[dict[str, list[str]]]:
    """:func:`axe_in_each_palette` on several pages at once, each axe run
    started on every page before the first is awaited."""
    shown = [palette(page) for page in pages]
    for page in pages:
        _start_axe(page)
    found = [{name: _axe_result(page)} for name, page in zip(shown, pages)]
    others = [switch_palette(page) for page in pages]
    for page in pages:
        _start_axe(page)
    for by_palette, other, page in zip(found, others, pages):
        by_palette[other] = _axe_result(page)
        assert sorted(by_palette) == sorted(PALETTES), \
            f"{where}: checked in {sorted(by_palette)}, not in both palettes"
    return found


def axe_walk(pages: Mapping[object, object], paths: Iterable[str]) -> dict[object, dict[str, dict[str, list[str]]]]:
    """axe on every path in both palettes (:func:`axe_in_each_palette`) in
    each of ``pages`` (a name, such as a screen width, -> a Playwright page,
    each in a context of its own), each path loaded once per page. The pages
    go side by side: each loads the same path and runs axe at the same time
    as the others, so a walk at two widths keeps both of the machine's cores
    busy. (The palette choice is stored per context, so the next path opens
    in the palette the last one ended in.) Returns the violations by page
    name, palette and path."""
    found = {name: {palette_name: {} for palette_name in PALETTES} for name in pages}
    for path in paths:
        for page in pages.values():
            page.goto(path, wait_until="commit")
        for page in pages.values():
            page.wait_for_load_state("load")
        results = _axe_in_each_palette_side_by_side(list(pages.values()), path or "/")
        for name, by_palette in zip(pages, results):
            for palette_name, violations in by_palette.items():
                if violations:
                    found[name][palette_name][path or "/"] = violations
    return found


# Weight ----------------------------------------------------------------------

def transfer_size(data: bytes, path: str) -> int:
    """Bytes on the wire: text files gzipped as a web server would, others as they are."""
    if Path(path).suffix.lower() in _COMPRESSED_BY_SERVERS:
        return len(gzip.compress(data, compresslevel=6, mtime=0))
    return len(data)


def local_file(built: Path, url: str, base_url: str) -> Path | None:
    """The built file a URL on the test server serves, or None for other URLs."""
    if not url.startswith(base_url):
        return None
    rel = unquote(urlsplit(url).path)[len(urlsplit(base_url).path):]
    path = built / rel
    if rel == "" or rel.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() else None


def own_code_paths(docs: Path) -> set[str]:
    """Site paths of the site's own JS and CSS, under docs/assets ("assets/js/main.js"),
    and the stylesheet bundle the build joins from them. The built site names
    each by a content hash; :class:`Loader` records a fetched file under the
    path it has here (``workbook.assets.source_path``)."""
    return {stylesheet.BUNDLE} | {p.relative_to(docs).as_posix() for p in (docs / "assets").rglob("*")
                                  if p.is_file() and p.suffix in (".js", ".mjs", ".css")}


@dataclass
class PageLoad:
    """What one cold load of a page asked for and what the page reported."""

    path: str
    files: dict[str, int] = field(default_factory=dict)  # site path (before hashing) -> transfer size
    outside: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.files.values())

    def own_files(self, own: set[str]) -> list[str]:
        """The site's own code this load fetched: the files in ``own`` and the
        chunks the build bundles the modules' shared code into (``workbook.assets``)."""
        return sorted(path for path in self.files if path in own or path.startswith(assets.CHUNKS))

    def own_assets(self, own: set[str]) -> int:
        """Bytes of :meth:`own_files`."""
        return sum(self.files[path] for path in self.own_files(own))


class Loader:
    """Loads pages cold in one browser context and records what each did.

    Every request passes through a route, which also disables the HTTP
    cache, so each page load fetches everything it needs again.
    """

    def __init__(self, context, built: Path, base_url: str) -> None:  # noqa: ANN001
        self.context, self.built, self.base_url = context, built, base_url
        self._current: PageLoad | None = None
        self._sizes: dict[tuple[str, int, int], int] = {}
        context.add_init_script(CSP_LISTENER)
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", self._console)

    def _size(self, path: Path, rel: str) -> int:
        # Shared files (the theme, the site's bundles) are measured once per walk.
        stat = path.stat()
        key = (rel, stat.st_mtime_ns, stat.st_size)
        if key not in self._sizes:
            self._sizes[key] = transfer_size(path.read_bytes(), rel)
        return self._sizes[key]

    def _route(self, route) -> None:  # noqa: ANN001
        url = route.request.url
        load = self._current
        if url.startswith(self.base_url):
            path = local_file(self.built, url, self.base_url)
            if load is not None and path is not None:
                rel = path.relative_to(self.built).as_posix()
                load.files[assets.source_path(rel)] = self._size(path, rel)
            route.continue_()
        elif url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            if load is not None:
                load.outside.append(url)
            route.abort()

    def _console(self, message) -> None:  # noqa: ANN001
        if self._current is not None and message.type in ("error", "warning"):
            self._current.console.append(f"{message.type}: {message.text}")

    def load(self, path: str) -> PageLoad:
        return load_all([self], [path])[path]

    # One load in three steps, so that several loaders (each in its own
    # context) can load pages side by side: see :func:`load_all`.

    def _start(self, path: str) -> None:
        self._current = PageLoad(path)
        self.page.goto(self.base_url + path, wait_until="commit")

    def _settle(self) -> None:
        # The page, then the network, have gone quiet (no request for 500 ms).
        self.page.wait_for_load_state("networkidle")
        # main.js fetches some of the page's own code only once the page
        # has loaded and the browser is idle (the offline worker's
        # registration): wait for such a moment, and a little after, so
        # the budget counts those files too (a request is recorded as it starts).
        self.page.evaluate("() => { window.__tw_quiet = new Promise((done) => requestIdleCallback("
                           "() => setTimeout(done, 200), { timeout: 6000 })); }")

    def _finish(self) -> PageLoad:
        assert self._current is not None
        self.page.evaluate("window.__tw_quiet")
        self.page.wait_for_load_state("networkidle")
        self._current.csp = self.page.evaluate("window.__csp_violations || []")
        return self._current


def load_all(loaders: list[Loader], paths: Iterable[str]) -> dict[str, PageLoad]:
    """Every path loaded cold by one of ``loaders``, as many at a time as there
    are loaders. Much of a load is waiting for the network to stay quiet,
    which two loaders do at the same time. Each loader has its own context
    (its own cache, route and page), so loads never mix: a walk with two
    records the same files, requests, policy reports and console lines for
    every page as a walk with one."""
    loads: dict[str, PageLoad] = {}
    paths = list(paths)
    try:
        for at in range(0, len(paths), len(loaders)):
            lanes = list(zip(loaders, paths[at:at + len(loaders)]))
            for loader, path in lanes:
                loader._start(path)
            for loader, _ in lanes:
                loader._settle()
            for loader, path in lanes:
                loads[path] = loader._finish()
                loader._current = None
    finally:
        for loader in loaders:
            loader._current = None
    return loads


def csp_console_errors(lines: Iterable[str]) -> list[str]:
    return [line for line in lines if "Content Security Policy" in line or "Content-Security-Policy" in line]


# Storage ---------------------------------------------------------------------

_KEY_TABLE_HEADING = re.compile(r"^#+ .*\{#storage-keys\}\s*$", re.M)


def documented_key_patterns(privacy_markdown: str) -> list[tuple[str, re.Pattern[str]]]:
    """The key patterns in the Privacy page's table "Every key the site writes".

    Each `code span` in the table's first column is a pattern: ``<name>``
    stands for any value (a worksheet id, the site's path) and ``…`` for
    any rest of a key.
    """
    heading = _KEY_TABLE_HEADING.search(privacy_markdown)
    if heading is None:
        raise AssertionError("docs/privacy.md has no heading with id storage-keys")
    section = privacy_markdown[heading.end():]
    section = section[:m.start()] if (m := re.search(r"^#+ ", section, re.M)) else section
    patterns = []
    for line in section.splitlines():
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        first = line.strip("|").split("|")[0]
        for code in re.findall(r"`([^`]+)`", first):
            regex = ""
            for part in re.split(r"(<[^>]+>|…)", code):
                if part == "…":
                    regex += r"[^\s]+"
                elif part.startswith("<") and part.endswith(">"):
                    regex += r"[^\s]+?"
                else:
                    regex += re.escape(part)
            patterns.append((code, re.compile(regex)))
    return patterns


def undocumented_keys(keys: Iterable[str], patterns: list[tuple[str, re.Pattern[str]]]) -> list[str]:
    return sorted(k for k in keys if not any(p.fullmatch(k) for _, p in patterns))
