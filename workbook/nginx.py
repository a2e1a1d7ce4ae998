"""The nginx configuration the site ships: security headers, gzip and caching.

The build writes it next to the pages as ``_nginx.conf`` (like ``_headers``
for Netlify and Cloudflare Pages), because its Content-Security-Policy line
carries the hashes of the theme's inline scripts and so changes when they do.
A server includes it inside its own ``server { }`` block, after ``root``.

nginx drops every ``add_header`` of an enclosing level once a location sets
one of its own, so each location here repeats the security headers.
"""

from __future__ import annotations

from workbook.csp import EXTRA_HEADERS, Policy

#: A file whose name carries a content hash (``main.484c7ddc.min.css``,
#: ``site.3f2a9c1b.js``): its address changes whenever it does, so a browser
#: may keep it for a year without asking again.
HASHED_ASSET = r"\.[0-9a-f]{8,}\.(?:min\.)?(?:css|js)$"

ONE_YEAR = "public, max-age=31536000, immutable"
#: Everything else may be stored, but is checked with the server on each use
#: (an ETag answer is a few bytes), so a new deploy shows at once.
REVALIDATE = "no-cache"

GZIP_TYPES = ("text/css", "text/javascript", "application/javascript", "application/json",
              "application/manifest+json", "image/svg+xml", "application/xml", "text/xml")


def _headers(policy: Policy, cache: str) -> list[str]:
    pairs = [("Content-Security-Policy", policy.header), *EXTRA_HEADERS, ("Cache-Control", cache)]
    return [f'    add_header {name} "{value}" always;' for name, value in pairs]


def _location(match: str, policy: Policy, cache: str, *extra: str) -> list[str]:
    return [f"location {match} {{", *(f"    {line}" for line in extra), *_headers(policy, cache), "}"]


def server_config(policy: Policy) -> str:
    """The directives to include in a ``server { }`` block serving the built site."""
    lines = [
        "# Written by the build (workbook/nginx.py). Include it in your server block,",
        "# after `root /path/to/site;`:  include /path/to/site/_nginx.conf;",
        "# Rebuild and reload nginx after a theme upgrade: the CSP line may change.",
        "charset utf-8;",
        "index index.html;",
        "error_page 404 /404.html;",
        "gzip on;",
        "gzip_vary on;",
        "gzip_comp_level 6;",
        "gzip_min_length 256;",
        f"gzip_types {' '.join(GZIP_TYPES)};",
        "",
        *_location("/", policy, REVALIDATE, "try_files $uri $uri/ =404;"),
        *_location(f'~* "{HASHED_ASSET}"', policy, ONE_YEAR),
        # Debian's mime.types has no entry for the web app manifest.
        *_location(r"~ \.webmanifest$", policy, REVALIDATE, "default_type application/manifest+json;"),
    ]
    return "\n".join(lines) + "\n"
