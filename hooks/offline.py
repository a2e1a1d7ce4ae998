"""Offline use and installing the site like an app (workbook/offline.py).

- ``on_startup``: notes whether this is ``mkdocs serve``.
- ``on_config``: checks ``extra.offline``; when on, adds the offline page
  (``overrides/503.html``) to the theme's static templates.
- ``on_env``: gives templates ``tw_offline`` (``enabled``; ``worker`` when
  pages should register the worker: never under ``mkdocs serve``, whose
  live reload a worker would break).
- ``on_post_build``, after hooks/csp.py has written the pages' final text:
  writes ``manifest.webmanifest``, ``offline-files.json`` (the files and
  their hashes) and ``sw.js`` with the build id written in (``off`` when
  switched off or serving, which makes a worker left from before remove
  itself).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from workbook import offline

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.hooks.offline")

_serving = False
_enabled = True


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _enabled
    try:
        _enabled = offline.enabled(config.extra)
    except offline.OfflineSettingError as error:
        raise PluginError(str(error)) from None
    if _enabled:
        config.theme.static_templates.add(offline.OFFLINE_PAGE)
    return config


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    env.globals["tw_offline"] = {"enabled": _enabled, "worker": _enabled and not _serving}
    return env


@event_priority(-110)  # after hooks/csp.py (-100): the hashes are of the final pages
def on_post_build(*, config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    build = offline.OFF
    if _enabled:
        (site / offline.WEB_MANIFEST).write_text(offline.web_manifest(
            name=config.site_name, description=config.site_description or "",
            site_url=config.site_url), encoding="utf-8")
    if _enabled and not _serving:
        listed = offline.file_list(site)
        (site / offline.FILES_JSON).write_text(listed.to_json(), encoding="utf-8")
        build = listed.build
        log.info(f"offline: {len(listed.files)} files, {listed.size:,} bytes cached on the first visit")
    source = (Path(config.docs_dir) / offline.WORKER).read_text(encoding="utf-8")
    (site / offline.WORKER).write_text(offline.worker_script(source, build), encoding="utf-8")
