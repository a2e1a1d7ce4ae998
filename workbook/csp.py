"""The site's Content-Security-Policy: the site's own origin and nothing else.

The policy is the browser's enforcement of the privacy promise: even if a
page somehow referenced another host (a pasted image, a theme update that
adds a web font), the browser would refuse to fetch it.

The theme puts a few small inline scripts in every page (the palette
switch, the storage scope). Rather than allowing every inline script, the
policy lists the sha256 hash of each one found in the built site. One
policy covers the whole site, because Material's instant navigation runs
the next page's inline scripts under the policy of the page the reader
first opened, and because a web server sends one header for every page.

Inline ``style`` attributes are not allowed either: the built pages have
none, and Material sets styles through the CSSOM, which the policy does
not restrict.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

#: Script elements whose type a browser executes (no type counts as JavaScript).
_EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
# Starts with a literal "<", which re finds fast: a pattern starting with
# \s* is tried at every space of a page (40 pages took 55 ms, now 2 ms).
_EXISTING_META = re.compile(
    r"""<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>""", re.I)

#: The directives, in order. ``script-src`` gets the hashes appended.
BASE_DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
#: Browsers ignore these in a <meta> element (and log an error): header only.
HEADER_ONLY_DIRECTIVES = (("frame-ancestors", "'none'"),)

#: The other headers a static host should send with every file.
EXTRA_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would execute in ``html``."""
    found = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if _SRC.search(attrs):
            continue
        type_match = _TYPE.search(attrs)
        kind = next((g for g in type_match.groups() if g is not None), "") if type_match else ""
        if kind.strip().lower() in _EXECUTABLE_TYPES:
            found.append(match.group("body"))
    return found


def script_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass(frozen=True)
class Policy:
    """The site's policy: ``meta`` for the page head, ``header`` for a server."""

    hashes: tuple[str, ...]

    def _directives(self, *, header: bool) -> list[str]:
        parts = []
        for name, value in BASE_DIRECTIVES:
            if name == "script-src" and self.hashes:
                value = " ".join((value, *self.hashes))
            parts.append(f"{name} {value}")
        if header:
            parts += [f"{name} {value}" for name, value in HEADER_ONLY_DIRECTIVES]
        return parts

    @property
    def meta(self) -> str:
        return "; ".join(self._directives(header=False))

    @property
    def header(self) -> str:
        return "; ".join(self._directives(header=True))


def site_policy(pages: Iterable[str]) -> Policy:
    """One policy allowing every inline script found in any of ``pages``."""
    hashes = {script_hash(text) for html in pages for text in inline_scripts(html)}
    return Policy(hashes=tuple(sorted(hashes)))


def with_meta(html: str, policy: Policy) -> str:
    """``html`` with the policy as the first thing its head says after the charset.

    A policy in a <meta> element only governs what comes after it, so it
    goes before every script and stylesheet. A page that already carries
    one (a rebuild) has it replaced. A fragment with no head is returned
    unchanged.
    """
    old = _EXISTING_META.search(html)
    if old is not None:  # removed with the white space before it
        html = html[:old.start()].rstrip() + html[old.end():]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy.meta}">'
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        return html
    return f"{html[:anchor.end()]}\n      {meta}{html[anchor.end():]}"


def headers_file(policy: Policy) -> str:
    """A ``_headers`` file (Netlify, Cloudflare Pages) sending the policy as a header."""
    lines = ["# Written by workbook/csp.py at build time: the site's security headers.", "/*",
             f"  Content-Security-Policy: {policy.header}"]
    lines += [f"  {name}: {value}" for name, value in EXTRA_HEADERS]
    return "\n".join(lines) + "\n"
