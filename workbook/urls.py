"""Addresses inside the site: the one place that turns source paths and
site URLs into the relative links a page carries.

- :func:`page_url` the URL MkDocs gives a Markdown source path;
- :func:`relative` a link from one page's URL to another URL (with anchor);
- :func:`relative_link` the same, between two source paths.
"""

from __future__ import annotations

from mkdocs.utils import get_relative_url


def page_url(src: str, *, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a Markdown file, ``guides/x.md#a`` -> ``guides/x/#a``."""
    path, _, anchor = src.partition("#")
    stem = path.removesuffix(".md")
    if use_directory_urls:
        url = "" if stem == "index" else (stem.removesuffix("index") if stem.endswith("/index") else stem + "/")
    else:
        url = stem + ".html"
    return url + (f"#{anchor}" if anchor else "")


def relative(target: str, here: str) -> str:
    """A link from the page at URL ``here`` to ``target`` (a site URL, ``#anchor`` kept).

    ``""`` is the site's root; a target ending in ``/`` keeps its slash.
    """
    path, _, anchor = target.partition("#")
    return get_relative_url(path or ".", here) + (f"#{anchor}" if anchor else "")


def relative_link(target_src: str, from_src: str, *, use_directory_urls: bool = True) -> str:
    """A link from the page of ``from_src`` to ``target_src`` (both source paths)."""
    return relative(page_url(target_src, use_directory_urls=use_directory_urls),
                    page_url(from_src, use_directory_urls=use_directory_urls))
