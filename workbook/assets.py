"""The site's own JavaScript and CSS, minified and named by their content.

The readable sources stay in ``docs/assets/js/`` and ``docs/assets/css/``.
After MkDocs has written the site, the build:

1. minifies every one of them with esbuild (Debian's ``esbuild`` package,
   installed by scripts/setup.sh), and bundles the ES modules (``plan``):
   a module a page names, or one that another fetches on demand with
   ``import()``, stays a file of its own at its own address; a module that
   is only ever imported statically is bundled into the files that need it,
   and code several of those share goes into a few chunks under
   ``assets/js/chunks/`` that each of them imports directly. A page then
   fetches main.js and its chunks at once, one round trip, not the three
   levels of imports the sources have; ``import()`` still loads only what a
   page uses, and every module still runs once per page. Stylesheets and
   the one classic script (search-on-demand.js) are minified alone;
2. gives each file a name carrying a hash of its content
   (``assets/js/main.js`` becomes ``assets/js/main.3f2a9c1b7e.js``), so a
   host may let browsers keep it for a year (``workbook/nginx.py``);
   the files bundled away are removed;
3. rewrites every reference to those files: the relative specifiers the
   modules import each other by (``from "./storage.js"``, ``import("./qr.js")``,
   ``new URL("../css/my-answers.css", import.meta.url)``) and the ``src`` and
   ``href`` attributes in the pages.

A module's address must change whenever anything it imports changes, or a
browser holding the old module for a year would import an old dependency.
So a file's hash covers its own minified text and that of every file it
reaches through those references, itself included. That also gives modules
that import each other (partners.js and partner-names.js) well-defined names.

esbuild's output is kept in a cache folder (``.cache/assets`` in the
project), keyed by everything it depends on: the esbuild program (its path,
size and modification time), its options, and every file's path and text.
A warm build with unchanged sources does not start esbuild at all.

A module that finds a file by ``new URL("../../css/x.css", import.meta.url)``
must run from a file in the same folder depth as its source: entries keep
their paths, and the chunks sit one folder below ``assets/js/`` like every
module but main.js. The build checks it (``check_module_urls``).

Under ``mkdocs serve`` none of this runs: the sources are served as written.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from workbook import atomic

#: Folders of the built site holding the site's own code (Material's are
#: assets/javascripts/ and assets/stylesheets/, already minified and hashed).
FOLDERS = ("assets/js/", "assets/css/")
SUFFIXES = (".js", ".css")
HASH_LENGTH = 10
ESBUILD = "esbuild"

#: Overrides the folder esbuild's output is kept in.
CACHE_ENV = "WORKBOOK_ASSET_CACHE"
#: esbuild's options (part of the cache key).
ESBUILD_OPTIONS = ("--minify", "--log-level=error", "--charset=utf8", "--legal-comments=inline")
#: Where the code that several modules share is written (one folder below
#: assets/js/, like the modules, so ``import.meta.url`` keeps its depth).
CHUNKS = "assets/js/chunks/"
BUNDLE_OPTIONS = (*ESBUILD_OPTIONS, "--bundle", "--splitting", "--format=esm",
                  f"--chunk-names={CHUNKS}shared-[hash]")

#: A quoted relative path to a .js or .css file, in minified JavaScript.
_SPECIFIER = re.compile(r"""(?P<q>["'`])(?P<spec>\.\.?/[^"'`\s]+?\.(?:js|css))(?P=q)""")
#: A src or href naming one of the site's own files, relative or from the root.
_ATTRIBUTE = re.compile(r"""(?P<attr>\b(?:src|href)=)(?P<q>["']?)(?P<url>[^"'\s>]*?"""
                        r"""assets/(?:js|css)/[^"'\s>?#]+?\.(?:js|css))(?=[?#"'\s>])""")
#: Any src or href value: the pages have hundreds, and only a few name an own file.
#: (Each pattern starts with a literal, which re finds fast; ``\b`` is checked by hand.)
_ANY_VALUE = (re.compile(r"""src=["']?[^"'\s>]*"""), re.compile(r"""href=["']?[^"'\s>]*"""))
_WORD = re.compile(r"\w")
#: In a module's source: a static import (``from "./a.js"``, ``import "./a.js"``),
#: an ``import("./a.js")``, and whether it is a module at all.
_STATIC = re.compile(r"""(?:\bfrom|\bimport)\s*(?P<q>["'])(?P<spec>\.\.?/[^"'\s]+?\.js)(?P=q)""")
_DYNAMIC = re.compile(r"""\bimport\(\s*(?P<q>["'`])(?P<spec>\.\.?/[^"'`\s]+?\.js)(?P=q)\s*\)""")
_MODULE_SYNTAX = re.compile(r"^\s*(?:import|export)\b", re.M)
_HASHED = re.compile(r"^(?P<stem>.+)\.[0-9a-f]{%d}(?P<suffix>\.(?:js|css))$" % HASH_LENGTH)


class AssetError(RuntimeError):
    """Minifying failed (esbuild missing, or a file it cannot parse)."""


def cache_folder(project: Path) -> Path:
    return Path(os.environ.get(CACHE_ENV) or project / ".cache" / "assets")


def own_files(site: Path) -> list[str]:
    """Site paths of the site's own JS and CSS in the built ``site``."""
    found = []
    for folder in FOLDERS:
        base = site / folder
        if base.is_dir():
            found += [p.relative_to(site).as_posix() for p in sorted(base.rglob("*"))
                      if p.is_file() and p.suffix in SUFFIXES]
    return found


def source_path(site_path: str) -> str:
    """The path a hashed file had before the build named it ("assets/js/main.js")."""
    if not site_path.startswith(FOLDERS):
        return site_path
    folder, _, name = site_path.rpartition("/")
    match = _HASHED.match(name)
    return f"{folder}/{match['stem']}{match['suffix']}" if match else site_path


def built_path(site: Path, source: str) -> str:
    """The site path the build gave the file ``source`` ("assets/js/main.js") in ``site``."""
    folder, _, name = source.rpartition("/")
    stem, _, suffix = name.rpartition(".")
    for path in sorted((site / folder).glob(f"{stem}.*.{suffix}")):
        rel = path.relative_to(site).as_posix()
        if source_path(rel) == source:
            return rel
    return source


def hashed_name(path: str, digest: str) -> str:
    stem, dot, suffix = path.rpartition(".")
    return f"{stem}.{digest[:HASH_LENGTH]}.{suffix}"


class Plan(NamedTuple):
    """How esbuild treats each of the site's own files (site paths)."""

    entries: list[str]  #: modules published at their own address, bundling what they import
    bundled: list[str]  #: modules only imported statically: inside the entries, not published
    alone: list[str]    #: stylesheets and classic scripts, minified one by one


def plan(sources: Mapping[str, str]) -> Plan:
    """Which files are bundle entries, from the readable sources (site path -> text).

    A module is a file with import or export statements, or one another file
    imports. It is an entry if another fetches it with ``import()`` or none
    imports it (main.js, which the pages name).
    """
    static, dynamic = set(), set()
    for path, text in sources.items():
        if path.endswith(".js"):
            static.update(_targets(path, _STATIC, text, sources))
            dynamic.update(_targets(path, _DYNAMIC, text, sources))
    modules = [p for p in sources if p.endswith(".js")
               and (p in static or p in dynamic or _MODULE_SYNTAX.search(sources[p]))]
    entries = [p for p in modules if p in dynamic or p not in static]
    return Plan(entries=entries, bundled=[p for p in modules if p not in entries],
                alone=[p for p in sources if p not in modules])


def _targets(path: str, pattern: re.Pattern[str], text: str, known: Iterable[str]) -> list[str]:
    """The files among ``known`` that ``text`` (the module at ``path``) names in ``pattern``, in order."""
    here, known = posixpath.dirname(path), set(known)
    found = [posixpath.normpath(posixpath.join(here, m["spec"])) for m in pattern.finditer(text)]
    return [target for i, target in enumerate(found) if target in known and target not in found[:i]]


def static_imports(path: str, text: str, known: Iterable[str]) -> list[str]:
    """The files among ``known`` that the module ``text`` at ``path`` imports statically."""
    return _targets(path, _STATIC, text, known)


def minify(site: Path, paths: Iterable[str], *, esbuild: str = ESBUILD,
           cache: Path | None = None) -> dict[str, str]:
    """Each file's minified text, by esbuild in one run (files are not bundled).

    With ``cache`` (a folder), a run with the same esbuild, options and
    files is read from there instead of running esbuild again.
    """
    paths = list(paths)
    return _esbuild(site, paths, paths, ESBUILD_OPTIONS, esbuild=esbuild, cache=cache)


def bundle(site: Path, entries: Iterable[str], modules: Iterable[str], *, esbuild: str = ESBUILD,
           cache: Path | None = None) -> dict[str, str]:
    """The minified text of each entry and of the chunks they share (site path -> text).

    ``modules`` are every file the entries may reach (the cache key).
    """
    entries = list(entries)
    return _esbuild(site, entries, sorted({*entries, *modules}), BUNDLE_OPTIONS, esbuild=esbuild, cache=cache)


def _esbuild(site: Path, paths: list[str], inputs: list[str], options: tuple[str, ...], *,
             esbuild: str, cache: Path | None) -> dict[str, str]:
    """Runs esbuild on ``paths`` in ``site`` (its output depends on the files ``inputs``);
    returns every file it wrote, by site path."""
    if not paths:
        return {}
    program = shutil.which(esbuild)
    if program is None:
        raise AssetError("The build minifies the site's JavaScript and CSS with esbuild, which is not "
                         "installed: run scripts/setup.sh (or apt-get install esbuild)")
    sources = {p: (site / p).read_bytes() for p in inputs}
    key = cache_key(program, sources, (*options, "\0", *paths))
    entry = cache / f"{key}.json" if cache is not None else None
    if entry is not None:
        try:
            found = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = None
        if isinstance(found, dict) and set(paths) <= set(found):
            return found
    with tempfile.TemporaryDirectory(prefix="tw-minify-") as out:
        # Run in the site with paths relative to it: esbuild's chunk names
        # hash the paths it is given, so the names depend on nothing outside.
        result = subprocess.run(
            [program, *options, "--outbase=.", f"--outdir={out}", *paths],
            cwd=site, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise AssetError("esbuild could not minify the site's own JavaScript or CSS:\n"
                             + result.stderr.strip())
        texts = {f.relative_to(out).as_posix(): f.read_text(encoding="utf-8")
                 for f in sorted(Path(out).rglob("*")) if f.is_file()}
    if entry is not None:
        _store(entry, json.dumps(texts, ensure_ascii=False, sort_keys=True))
    return texts


def check_module_urls(sources: Mapping[str, str], built: Mapping[str, str]) -> None:
    """Fails when code finding a file by ``import.meta.url`` could run from another folder depth
    than its source's (see the module's docstring)."""
    def depth(path: str) -> int:
        return path.count("/")
    usual = depth(CHUNKS + "x.js")
    wrong = [p for texts in (sources, built) for p, text in texts.items()
             if p.endswith(".js") and "import.meta.url" in text and depth(p) != usual]
    if wrong:
        raise AssetError(f"{', '.join(sorted(set(wrong)))} finds files by import.meta.url but is not one folder "
                         "below assets/js/, where the build writes the code modules share, so the "
                         "relative address would change when bundled: move that code into a module "
                         "in a folder such as assets/js/site/")


def cache_key(program: str, sources: Mapping[str, bytes], options: Iterable[str] = ESBUILD_OPTIONS) -> str:
    """What esbuild's output depends on: the program, its options, each file's path and bytes."""
    stat = os.stat(program)
    digest = hashlib.sha256(f"{os.path.realpath(program)}\0{stat.st_size}\0{stat.st_mtime_ns}\0"
                            f"{' '.join(options)}\0".encode())
    for path in sorted(sources):
        digest.update(f"{path}\0{len(sources[path])}\0".encode())
        digest.update(sources[path])
    return digest.hexdigest()


def _store(entry: Path, text: str) -> None:
    """Writes a cache entry whole or not at all (another build may read it meanwhile)."""
    try:
        atomic.write(entry, text)
    except OSError:
        pass  # a read-only checkout: esbuild runs every build, as before


def references(path: str, text: str, known: Iterable[str]) -> list[str]:
    """The own files that ``text`` (the file at ``path``) names by a relative specifier."""
    known = set(known)
    if not path.endswith(".js"):
        return []
    here = posixpath.dirname(path)
    found = []
    for match in _SPECIFIER.finditer(text):
        target = posixpath.normpath(posixpath.join(here, match["spec"]))
        if target in known and target not in found:
            found.append(target)
    return found


def names(texts: Mapping[str, str]) -> dict[str, str]:
    """Each file's hashed path: a hash of its text and of everything it reaches."""
    graph = {path: references(path, text, texts) for path, text in texts.items()}
    out = {}
    for path in texts:
        reached, todo = {path}, [path]
        while todo:
            for target in graph[todo.pop()]:
                if target not in reached:
                    reached.add(target)
                    todo.append(target)
        digest = hashlib.sha256()
        for each in sorted(reached):
            digest.update(f"{each}\0{texts[each]}\0".encode())
        out[path] = hashed_name(path, digest.hexdigest())
    return out


def rewrite_code(path: str, text: str, renamed: Mapping[str, str]) -> str:
    """``text`` with every relative specifier naming a renamed file pointing to its new name."""
    if not path.endswith(".js"):
        return text
    here = posixpath.dirname(path)

    def swap(match: re.Match[str]) -> str:
        target = posixpath.normpath(posixpath.join(here, match["spec"]))
        if target not in renamed:
            return match[0]
        new = posixpath.relpath(renamed[target], here)
        new = new if new.startswith("../") else "./" + new
        return f"{match['q']}{new}{match['q']}"

    return _SPECIFIER.sub(swap, text)


def rewrite_page(html: str, page: str, renamed: Mapping[str, str]) -> str:
    """``html`` (the page at site path ``page``) linking the renamed files by their new names."""
    here = posixpath.dirname(page)

    def swap(match: re.Match[str]) -> str:
        url = match["url"]
        if url.startswith("/") or "://" in url:  # from the root, which may be under a folder
            target = url[max(url.rfind(folder) for folder in FOLDERS):]
        else:
            target = posixpath.normpath(posixpath.join(here, url))
        if target not in renamed:
            return match[0]
        cut = url.rfind("/") + 1
        return f"{match['attr']}{match['q']}{url[:cut]}{posixpath.basename(renamed[target])}"

    # The full pattern is slow to try at each of a page's hundreds of
    # links, so it is tried only on a value naming an own folder, with the
    # character after the value for its look-ahead.
    starts = sorted(m.start() for pattern in _ANY_VALUE for m in pattern.finditer(html)
                    if "assets/" in m[0] and not (m.start() and _WORD.match(html, m.start() - 1)))
    if not starts:
        return html
    out, done = [], 0
    for start in starts:
        if start < done:
            continue
        match = _ATTRIBUTE.match(html, start)
        if match is None:
            continue
        out += [html[done:start], swap(match)]
        done = match.end()
    return "".join(out) + html[done:]


def minify_and_hash(site: Path, pages: dict[str, str], *, esbuild: str = ESBUILD,
                    cache: Path | None = None) -> dict[str, str]:
    """Minifies, bundles and renames the site's own JS and CSS in ``site``, and
    rewrites every module that names them on disk and every page in ``pages``
    (site path -> HTML, every page), in memory, for the caller to write.
    Returns each written file's path before hashing -> its path now.
    """
    own = own_files(site)
    sources = {p: (site / p).read_text(encoding="utf-8") for p in own}
    planned = plan(sources)
    texts = {**minify(site, planned.alone, esbuild=esbuild, cache=cache),
             **bundle(site, planned.entries, planned.bundled, esbuild=esbuild, cache=cache)}
    check_module_urls(sources, texts)
    renamed = names(texts)
    for path in own:
        (site / path).unlink()
    for folder in sorted({posixpath.dirname(p) for p in planned.bundled}, key=len, reverse=True):
        if (site / folder).is_dir() and not any((site / folder).iterdir()):
            (site / folder).rmdir()  # every module in it was bundled
    for path, text in texts.items():
        (site / renamed[path]).parent.mkdir(parents=True, exist_ok=True)
        (site / renamed[path]).write_text(rewrite_code(path, text, renamed), encoding="utf-8")
    for page, html in pages.items():
        pages[page] = rewrite_page(html, page, renamed)
    return renamed
