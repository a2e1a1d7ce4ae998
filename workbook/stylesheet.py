"""The site's own stylesheets, served as one file.

Each idea keeps its own CSS file in ``docs/assets/css/`` (site, a11y,
worksheet, ...), listed in ``extra_css``. A page that links six small
stylesheets waits for six round trips before it can paint (Lighthouse
measured about 0.8 s of render-blocking time on a mobile connection), so
the build joins them, in the listed order, into ``BUNDLE``.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Where the joined stylesheet is published.
BUNDLE = "assets/css/site.bundle.css"
#: Only the site's own stylesheets are joined; anything else is left as listed.
OWN = "assets/css/"


def own_parts(extra_css: Iterable[str]) -> list[str]:
    return [path for path in extra_css if path.startswith(OWN) and path != BUNDLE]


def with_bundle(extra_css: Iterable[str]) -> list[str]:
    """``extra_css`` with the site's own files replaced by the bundle, in place of the first."""
    out: list[str] = []
    for path in extra_css:
        if path.startswith(OWN):
            if BUNDLE not in out:
                out.append(BUNDLE)
        else:
            out.append(path)
    return out


def join(parts: Iterable[tuple[str, str]]) -> str:
    """The text of each ``(path, css)`` part, in order, each under a comment naming it
    (``/*!``, which the minifier keeps, so the built bundle still says where each part is)."""
    return "\n".join(f"/*! {path} */\n{css.rstrip()}\n" for path, css in parts)
