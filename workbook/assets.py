"""The site's own JavaScript and CSS, minified and named by their content.

The readable sources stay in ``docs/assets/js/`` and ``docs/assets/css/``.
After MkDocs has written the site, the build:

1. minifies every one of them with esbuild (Debian's ``esbuild`` package,
   installed by scripts/setup.sh; one call for all files, no bundling, so
   each ES module stays its own file and on-demand ``import()`` keeps
   loading only what a page uses);
2. gives each file a name carrying a hash of its content
   (``assets/js/main.js`` becomes ``assets/js/main.3f2a9c1b7e.js``), so a
   host may let browsers keep it for a year (``workbook/nginx.py``);
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

#: A quoted relative path to a .js or .css file, in minified JavaScript.
_SPECIFIER = re.compile(r"""(?P<q>["'`])(?P<spec>\.\.?/[^"'`\s]+?\.(?:js|css))(?P=q)""")
#: A src or href naming one of the site's own files, relative or from the root.
_ATTRIBUTE = re.compile(r"""(?P<attr>\b(?:src|href)=)(?P<q>["']?)(?P<url>[^"'\s>]*?"""
                        r"""assets/(?:js|css)/[^"'\s>?#]+?\.(?:js|css))(?=[?#"'\s>])""")
#: Any src or href value: the pages have hundreds, and only a few name an own file.
#: (Each pattern starts with a literal, which re finds fast; ``\b`` is checked by hand.)
_ANY_VALUE = (re.compile(r"""src=["']?[^"'\s>]*"""), re.compile(r"""href=["']?[^"'\s>]*"""))
_WORD = re.compile(r"\w")
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


def minify(site: Path, paths: Iterable[str], *, esbuild: str = ESBUILD,
           cache: Path | None = None) -> dict[str, str]:
    """Each file's minified text, by esbuild in one run (files are not bundled).

    With ``cache`` (a folder), a run with the same esbuild, options and
    files is read from there instead of running esbuild again.
    """
    paths = list(paths)
    if not paths:
        return {}
    program = shutil.which(esbuild)
    if program is None:
        raise AssetError("The build minifies the site's JavaScript and CSS with esbuild, which is not "
                         "installed: run scripts/setup.sh (or apt-get install esbuild)")
    sources = {p: (site / p).read_bytes() for p in paths}
    entry = cache / f"{cache_key(program, sources)}.json" if cache is not None else None
    if entry is not None:
        try:
            found = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found = None
        if isinstance(found, dict) and sorted(found) == sorted(paths):
            return {p: found[p] for p in paths}
    with tempfile.TemporaryDirectory(prefix="tw-minify-") as out:
        result = subprocess.run(
            [program, *ESBUILD_OPTIONS, f"--outbase={site}", f"--outdir={out}", *(str(site / p) for p in paths)],
            capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise AssetError("esbuild could not minify the site's own JavaScript or CSS:\n"
                             + result.stderr.strip())
        texts = {p: (Path(out) / p).read_text(encoding="utf-8") for p in paths}
    if entry is not None:
        _store(entry, json.dumps(texts, ensure_ascii=False, sort_keys=True))
    return texts


def cache_key(program: str, sources: Mapping[str, bytes]) -> str:
    """What esbuild's output depends on: the program, its options, each file's path and bytes."""
    stat = os.stat(program)
    digest = hashlib.sha256(f"{os.path.realpath(program)}\0{stat.st_size}\0{stat.st_mtime_ns}\0"
                            f"{' '.join(ESBUILD_OPTIONS)}\0".encode())
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
    """Minifies and renames the site's own JS and CSS in ``site``, and rewrites
    every module that names them on disk and every page in ``pages`` (site
    path -> HTML, every page), in memory, for the caller to write. Returns
    old path -> new path.
    """
    texts = minify(site, own_files(site), esbuild=esbuild, cache=cache)
    renamed = names(texts)
    for path, text in texts.items():
        (site / path).unlink()
        (site / renamed[path]).write_text(rewrite_code(path, text, renamed), encoding="utf-8")
    for page, html in pages.items():
        pages[page] = rewrite_page(html, page, renamed)
    return renamed
