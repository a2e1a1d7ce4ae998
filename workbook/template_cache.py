"""The theme's templates, compiled once and kept between builds, and listed
without their hidden folders.

MkDocs makes a new Jinja environment for every build (and for every
rebuild under ``mkdocs serve``), and Jinja compiles each template it loads
(Material's ``base.html`` and its partials) to Python code again: about a
fifth of a build of this site. Jinja can keep that code in a bytecode cache,
which MkDocs does not set; :func:`install` gives the environment one in a
folder (``.cache/templates`` in the project, or ``WORKBOOK_TEMPLATE_CACHE``).

Nothing stale can be used: Jinja stores each template's code with a
checksum of its source and compiles it again when the source differs, and
refuses code from another Python version. The folder's name also carries
what else changes the compiled code (Jinja's version, the environment's
extensions and syntax), so a cache written under other settings is never
read. Jinja writes each entry to a temporary file and renames it, so two
builds sharing the folder cannot read half an entry.

Every build, MkDocs also lists every file of the theme's folders to copy
its static files into the site, and then drops each name that starts with
a dot or has a folder that does (its patterns ``.*`` and ``*/.*``).
Material's ``templates/.icons`` holds 14,348 of its 14,509 files, all
walked and matched against each pattern only to be dropped. The loader
:func:`cache_theme` gives the environment lists the same files without
walking hidden folders; templates are found and loaded as before (an icon
is still included by name). It also finds ``material/<name>``, the theme's
own template even where ``overrides/`` has one of that name, so an override
can wrap Material's template instead of copying it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from typing import TYPE_CHECKING

import jinja2

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.theme import Theme

#: Overrides the folder (for example to share one cache between copies of the project).
CACHE_ENV = "WORKBOOK_TEMPLATE_CACHE"


def settings_key(env: jinja2.Environment) -> str:
    """A short digest of everything besides a template's source that its compiled code depends on."""
    parts = [
        jinja2.__version__,
        *sorted(env.extensions),
        env.block_start_string, env.block_end_string, env.variable_start_string,
        env.variable_end_string, env.comment_start_string, env.comment_end_string,
        str(env.line_statement_prefix), str(env.line_comment_prefix),
        str(env.trim_blocks), str(env.lstrip_blocks), str(env.newline_sequence),
        str(env.keep_trailing_newline), str(env.optimized),
        # autoescape may be a function; only whether it is on by default is
        # compiled in (a function is called at render time).
        str(env.autoescape) if isinstance(env.autoescape, bool) else "callable",
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:12]


def folder(project: Path, env: jinja2.Environment) -> Path:
    base = Path(os.environ.get(CACHE_ENV) or project / ".cache" / "templates")
    return base / settings_key(env)


#: ``material/partials/nav.html`` is the theme's own template of that name,
#: even where ``overrides/`` has one: an override can wrap the original.
THEME_PREFIX = "material/"


class VisibleLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader whose list leaves out hidden files and folders, and
    that finds a template under :data:`THEME_PREFIX` in the theme's folders
    only (``theme_from`` is the first of them in ``searchpath``)."""

    def __init__(self, searchpath: list[str], *, theme_from: int = 0, **options: object) -> None:
        super().__init__(searchpath, **options)  # type: ignore[arg-type]
        self.theme = jinja2.FileSystemLoader(self.searchpath[theme_from:], **options)  # type: ignore[arg-type]

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if template.startswith(THEME_PREFIX):
            return self.theme.get_source(environment, template[len(THEME_PREFIX):])
        return super().get_source(environment, template)

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                for filename in filenames:
                    if filename.startswith("."):
                        continue
                    template = (os.path.join(dirpath, filename)[len(searchpath):]
                                .strip(os.path.sep).replace(os.path.sep, "/"))
                    found.add(template[2:] if template[:2] == "./" else template)
        return sorted(found)


def cache_theme(theme: Theme, project: Path) -> None:
    """Every environment ``theme`` makes from now on (MkDocs' own, the search
    plugin's) gets the cache and lists its templates without hidden folders."""
    make = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make()
        install(env, project)
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:  # MkDocs' own
            env.loader = VisibleLoader(loader.searchpath, theme_from=1 if theme.custom_dir else 0,
                                       encoding=loader.encoding, followlinks=loader.followlinks)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


class _Cache(jinja2.FileSystemBytecodeCache):
    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass  # a folder that cannot be written to (read-only, full) only costs speed


def install(env: jinja2.Environment, project: Path) -> Path | None:
    """Gives ``env`` a bytecode cache; returns its folder (None when it cannot be made)."""
    path = folder(project, env)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only checkout: templates are compiled every build, as before
    env.bytecode_cache = _Cache(str(path))
    return path
