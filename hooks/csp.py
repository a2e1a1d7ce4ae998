"""Puts the site's Content-Security-Policy into every built page.

``on_post_build`` reads every HTML file the build wrote, computes one policy
that allows their inline scripts by hash (``workbook.csp``), writes it into
each page's head, and writes a ``_headers`` file carrying the same policy
as a header for static hosts that read one, and ``_nginx.conf`` with the
same headers, gzip and caching for nginx (``workbook.nginx``).

Its ``on_post_build`` runs after every other hook's (priority -100), so it
sees the pages as they finally are. Under ``mkdocs serve`` it does nothing: the live-reload script
MkDocs injects while serving is inline and would be blocked.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority

from workbook import csp, nginx

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.csp")

_serving = False


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


@event_priority(-100)  # last: other hooks may still write pages in on_post_build
def on_post_build(*, config: MkDocsConfig) -> None:
    if _serving:
        log.info("Content-Security-Policy left out while serving (live reload is an inline script)")
        return
    site = Path(config.site_dir)
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}
    policy = csp.site_policy(pages.values())
    for path, html in pages.items():
        path.write_text(csp.with_meta(html, policy), encoding="utf-8")
    (site / "_headers").write_text(csp.headers_file(policy), encoding="utf-8")
    (site / "_nginx.conf").write_text(nginx.server_config(policy), encoding="utf-8")
