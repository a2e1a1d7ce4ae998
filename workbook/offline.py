"""Offline use and installing the site like an app (issue 14).

Three things the build writes, as pure functions of the built site and the
settings:

- ``offline-files.json``: every file a reader needs offline (the whole
  site except the PDFs, source maps and the search stemmers for other
  languages), each with a hash of its content, and a build id made from
  all of them. The service worker (``docs/sw.js``) caches exactly this list
  under a cache named after the build id, so a new deploy is a new cache.
- ``sw.js``: the worker, with the build id written in. The browser compares
  the worker byte for byte on every visit, so a changed build id is what
  makes it notice a new deploy. The id ``off`` makes the worker remove
  itself and its caches (the site's ``offline: false`` setting, and
  ``mkdocs serve``).
- ``manifest.webmanifest``: the web app manifest (name, icons, start_url
  and scope following ``site_url``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

FILES_JSON = "offline-files.json"
WORKER = "sw.js"
WEB_MANIFEST = "manifest.webmanifest"
#: The page shown for an address not saved on the device while offline
#: (overrides/503.html; MkDocs builds an error page with site-absolute
#: links, so it works in place of any address).
OFFLINE_PAGE = "503.html"
#: The site's primary colour (docs/assets/css/site.css).
THEME_COLOR = "#23595e"
#: The placeholder in docs/sw.js that the build replaces with the build id.
BUILD_PLACEHOLDER = "__TW_BUILD__"
#: The build id that tells the worker to remove itself.
OFF = "off"

#: Cached only when first downloaded, and kept across builds while unchanged.
LATER_SUFFIXES = (".pdf",)
#: Files a reader never needs offline.
_SKIP_SUFFIXES = (".map", ".gz")
_SKIP_NAMES = {"_headers", "_nginx.conf", WORKER, FILES_JSON}  # server settings, not pages
#: Stemmers and segmenters Material's search loads only for other languages.
_SKIP_FOLDERS = ("assets/javascripts/lunr/",)

#: Icons made from the site's logo by scripts/make-icons (docs/assets/images/).
ICONS = (
    {"src": "assets/images/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
    {"src": "assets/images/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
    {"src": "assets/images/icon-maskable-512.png", "sizes": "512x512", "type": "image/png",
     "purpose": "maskable"},
)
APPLE_TOUCH_ICON = "assets/images/apple-touch-icon.png"


class OfflineSettingError(ValueError):
    """The ``offline`` setting in mkdocs.yml is not true or false."""


def enabled(extra: Mapping[str, object]) -> bool:
    """The ``extra.offline`` setting: on unless set to false."""
    value = extra.get("offline", True)
    if not isinstance(value, bool):
        raise OfflineSettingError(
            f"mkdocs.yml: extra.offline is {value!r}: use true (offline use and installing, "
            "the default) or false (no service worker)")
    return value


def wanted(path: str) -> bool:
    """Whether the site file at ``path`` (relative, with /) is cached on the first visit."""
    name = path.rsplit("/", 1)[-1]
    return not (path.endswith(_SKIP_SUFFIXES + LATER_SUFFIXES) or name in _SKIP_NAMES
                or path.startswith(_SKIP_FOLDERS))


@dataclass(frozen=True)
class FileList:
    """The files to cache on the first visit (site path -> short content hash),
    their total size, and the files cached when first downloaded (``later``)."""

    files: dict[str, str]
    size: int
    later: dict[str, str]

    @property
    def build(self) -> str:
        """One id for this exact set of contents: changes whenever any file does."""
        entries = sorted(self.files.items()) + sorted(("later " + p, h) for p, h in self.later.items())
        text = "\n".join(f"{path} {digest}" for path, digest in entries)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def to_json(self) -> str:
        data = {"build": self.build, "files": self.files, "later": self.later}
        return json.dumps(data, indent=0, sort_keys=True) + "\n"


def file_list(site: Path) -> FileList:
    """Every file of the built ``site`` a reader needs offline, with its content hash."""
    files, later, size = {}, {}, 0
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if wanted(rel):
            data = path.read_bytes()
            files[rel] = _digest(data)
            size += len(data)
        elif rel.endswith(LATER_SUFFIXES):
            later[rel] = _digest(path.read_bytes())
    return FileList(files=files, size=size, later=later)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def worker_script(source: str, build: str) -> str:
    """The worker's source with ``build`` written in."""
    if source.count(BUILD_PLACEHOLDER) != 1:
        raise ValueError(f"docs/{WORKER}: expected {BUILD_PLACEHOLDER} exactly once")
    return source.replace(BUILD_PLACEHOLDER, build)


def scope(site_url: str | None) -> str:
    """The path the site lives under ("/" or "/workbook/"): start_url and scope."""
    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def short_name(name: str) -> str:
    """A name short enough for a home screen: the site's name, or its first word."""
    return name if len(name) <= 14 else name.split()[0][:14]


def web_manifest(*, name: str, description: str, site_url: str | None,
                 theme_color: str = THEME_COLOR, background_color: str = "#ffffff",
                 icons: Iterable[Mapping[str, str]] = ICONS) -> str:
    """The web app manifest: installable, opening at the home page of ``site_url``."""
    root = scope(site_url)
    manifest = {
        "name": name,
        "short_name": short_name(name),
        "description": " ".join(description.split()),
        "id": root,
        "start_url": root,
        "scope": root,
        "display": "standalone",
        "theme_color": theme_color,
        "background_color": background_color,
        "icons": [{**icon, "src": root + icon["src"]} for icon in icons],
    }
    return json.dumps(manifest, indent=2) + "\n"
