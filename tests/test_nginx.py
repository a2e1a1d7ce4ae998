"""The nginx configuration the build writes (``_nginx.conf``), tested on a
real nginx from Debian serving the built site on a free local port: the
headers, gzip, caching, the 404 page, and pages that load without an error."""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from checks import site
from checks.nginx_server import Nginx
from workbook import assets, csp, nginx

_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


@pytest.fixture(scope="module")
def nginx_url(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with Nginx(built_site, site.free_port(), tmp_path_factory.mktemp("nginx")) as server:
        yield server.url


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def _security(headers: dict[str, str], page_policy: str) -> None:
    assert headers["content-security-policy"] == page_policy + "; frame-ancestors 'none'"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "set-cookie" not in headers


def test_every_location_repeats_the_security_headers() -> None:
    # nginx drops the outer add_header lines in a location that adds its own.
    policy = csp.Policy(hashes=("'sha256-abc'",))
    conf = nginx.server_config(policy)
    locations = conf.count("location ")
    assert locations >= 3
    assert conf.count(f'"{policy.header}"') == locations
    for name, _value in csp.EXTRA_HEADERS:
        assert conf.count(f"add_header {name} ") == locations


def test_hashed_asset_pattern() -> None:
    pattern = re.compile(nginx.HASHED_ASSET, re.IGNORECASE)
    for name in ("assets/javascripts/bundle.79ae519e.min.js", "assets/stylesheets/main.484c7ddc.min.css",
                 "assets/css/site.3f2a9c1b.css", "assets/js/main.45559ff0bf.js",
                 "assets/js/vendor/qrcodegen.57f7ab9315.js", "assets/js/chunks/shared-26WVW6RZ.b6e7fcddb3.js"):
        assert pattern.search(name), name
    for name in ("assets/js/main.js", "search/search_index.json", "sw.js", "assets/css/site.css"):
        assert not pattern.search(name), name


def test_pages_carry_their_own_policy_and_are_revalidated(nginx_url: str) -> None:
    for path in ("", "guides/rebuilding-trust/", "worksheets/promise-log/"):
        status, headers, body = _get(nginx_url + path)
        assert status == 200, path
        policy = _META.search(body.decode("utf-8")).group(1)
        _security(headers, policy)
        assert headers["cache-control"] == "no-cache"


def test_text_is_gzipped(nginx_url: str, built_site: Path) -> None:
    for path in ("", assets.built_path(built_site, "assets/js/main.js"), "search/search_index.json"):
        status, headers, body = _get(nginx_url + path, **{"Accept-Encoding": "gzip"})
        assert status == 200, path
        assert headers.get("content-encoding") == "gzip", path
        assert gzip.decompress(body), path


def test_hashed_assets_are_kept_for_a_year(nginx_url: str) -> None:
    _, _, body = _get(nginx_url)
    html = body.decode("utf-8")
    policy = _META.search(html).group(1)
    hashed = re.findall(r'(?:src|href)="([^"]*\.[0-9a-f]{8,}\.(?:min\.)?(?:js|css))"', html)
    assert any(".min." in a for a in hashed), "the theme's hashed bundles are linked from the home page"
    own = {assets.source_path(a.removeprefix("./")) for a in hashed}
    assert {"assets/js/main.js", "assets/css/site.bundle.css"} <= own, "the site's own, hashed too"
    for asset in hashed:
        status, headers, _ = _get(nginx_url + asset.removeprefix("./"))
        assert status == 200, asset
        assert headers["cache-control"] == nginx.ONE_YEAR, asset
        _security(headers, policy)


def test_missing_page_gets_the_sites_404(nginx_url: str, built_site: Path) -> None:
    status, headers, body = _get(nginx_url + "no-such-page/")
    assert status == 404
    assert body == (built_site / "404.html").read_bytes()
    policy = _META.search(body.decode("utf-8")).group(1)
    _security(headers, policy)


@pytest.mark.browser
def test_pages_load_without_an_error(page, nginx_url: str) -> None:  # noqa: ANN001
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for path in ("", "guides/rebuilding-trust/", "worksheets/promise-log/", "checklist/",
                 "my-answers/", "for-therapists/"):
        response = page.goto(nginx_url + path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
    assert errors == []
