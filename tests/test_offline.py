"""workbook/offline.py: the files the worker caches, the build id that keys
its cache, the worker's build stamp and the web app manifest; and the
off switch in a real build."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from checks import site
from tests.fixture_project import offline_off
from workbook import offline


def write(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


SITE = {
    "index.html": b"<h1>Home</h1>",
    "guides/a/index.html": b"<h1>A</h1>",
    "search/search_index.json": b"{}",
    "assets/javascripts/bundle.min.js": b"js",
    "assets/javascripts/bundle.min.js.map": b"map",
    "assets/javascripts/lunr/min/lunr.de.min.js": b"de",
    "worksheets/x/x-letter.pdf": b"%PDF",
    "sitemap.xml.gz": b"gz",
    "_headers": b"h",
    "_nginx.conf": b"n",
    "sw.js": b"worker",
    "offline-files.json": b"{}",
}


def test_the_list_holds_what_a_reader_needs_and_pdfs_wait_for_their_first_download(tmp_path: Path) -> None:
    listed = offline.file_list(write(tmp_path, SITE))
    assert sorted(listed.files) == ["assets/javascripts/bundle.min.js", "guides/a/index.html",
                                    "index.html", "search/search_index.json"]
    assert list(listed.later) == ["worksheets/x/x-letter.pdf"]
    assert listed.size == len(b"<h1>Home</h1><h1>A</h1>{}js")


def test_the_build_id_changes_with_any_content_and_only_then(tmp_path: Path) -> None:
    first = offline.file_list(write(tmp_path / "a", SITE))
    same = offline.file_list(write(tmp_path / "b", SITE))
    assert first.build == same.build
    page = offline.file_list(write(tmp_path / "c", {**SITE, "guides/a/index.html": b"<h1>A!</h1>"}))
    pdf = offline.file_list(write(tmp_path / "d", {**SITE, "worksheets/x/x-letter.pdf": b"%PDF2"}))
    skipped = offline.file_list(write(tmp_path / "e", {**SITE, "_headers": b"other"}))
    assert len({first.build, page.build, pdf.build}) == 3
    assert skipped.build == first.build
    data = json.loads(first.to_json())
    assert data["build"] == first.build
    assert data["files"]["index.html"] != data["files"]["guides/a/index.html"]


def test_the_worker_gets_the_build_id_written_in_once() -> None:
    source = (site.ROOT / "docs" / offline.WORKER).read_text(encoding="utf-8")
    stamped = offline.worker_script(source, "abc123")
    assert 'const BUILD = "abc123";' in stamped and offline.BUILD_PLACEHOLDER not in stamped
    with pytest.raises(ValueError, match="exactly once"):
        offline.worker_script("const BUILD = 1;", "abc123")


@pytest.mark.parametrize(("site_url", "root"), [
    ("https://example.org/", "/"), ("https://example.org/workbook", "/workbook/"),
    ("https://example.org/a/b/", "/a/b/"), (None, "/")])
def test_the_manifest_starts_and_stays_under_site_url(site_url: str | None, root: str) -> None:
    manifest = json.loads(offline.web_manifest(name="Trust Workbook", description="Guides\n and worksheets",
                                               site_url=site_url))
    assert (manifest["start_url"], manifest["scope"], manifest["id"]) == (root, root, root)
    assert manifest["description"] == "Guides and worksheets"
    assert manifest["display"] == "standalone" and manifest["theme_color"] == offline.THEME_COLOR
    assert all(icon["src"].startswith(root + "assets/images/") for icon in manifest["icons"])
    assert {icon["purpose"] for icon in manifest["icons"]} == {"any", "maskable"}


def test_a_long_name_gets_a_short_one_for_the_home_screen() -> None:
    assert offline.short_name("Trust Workbook") == "Trust Workbook"
    assert offline.short_name("Riverside Couples Counselling") == "Riverside"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", data[16:24])


def test_every_icon_exists_at_its_stated_size() -> None:
    images = site.ROOT / "docs"
    for icon in offline.ICONS:
        width, height = (int(n) for n in icon["sizes"].split("x"))
        assert png_size(images / icon["src"]) == (width, height), icon["src"]
    assert png_size(images / offline.APPLE_TOUCH_ICON) == (180, 180)


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_the_setting_is_true_or_false(value: object) -> None:
    assert offline.enabled({}) is True
    assert offline.enabled({"offline": False}) is False
    with pytest.raises(offline.OfflineSettingError, match="extra.offline"):
        offline.enabled({"offline": value})


def test_switched_off_the_site_has_no_manifest_and_its_worker_removes_itself(settings_site: Path) -> None:
    # settings_site has "offline: false" (tests/fixture_project.py).
    built = settings_site
    page = (built / "index.html").read_text(encoding="utf-8")
    assert 'rel="manifest"' not in page and 'name="tw-worker"' not in page
    assert not (built / offline.FILES_JSON).exists() and not (built / offline.WEB_MANIFEST).exists()
    assert 'const BUILD = "off";' in (built / offline.WORKER).read_text(encoding="utf-8")


def test_a_wrong_setting_stops_the_build_naming_it(tmp_path: Path) -> None:
    project = site.copy_project(tmp_path / "project")
    offline_off(project, "sometimes")
    result = site.build(tmp_path / "site", project=project, check=False)
    assert result.returncode != 0
    assert "extra.offline is 'sometimes'" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_policy_allows_the_worker_and_the_manifest_from_the_site_only() -> None:
    from workbook import csp  # noqa: PLC0415

    directives = dict(csp.BASE_DIRECTIVES)
    assert directives["worker-src"] == "'self'"
    assert directives["manifest-src"] == "'self'"
    assert "worker-src 'self'; manifest-src 'self'" in csp.site_policy([]).meta
