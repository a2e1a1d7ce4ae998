"""The Markdown cache (workbook/markdown_cache.py): a page converted once is
given back whole, with everything MkDocs checks after the conversion, and
any change to what the conversion depends on converts it again."""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation

from checks import site
from workbook import markdown_cache

PAGES = {
    "index.md": "# Home\n\nSee [the other page](other.md#second) and [a section](#intro).\n\n## Intro {#intro}\n",
    "other.md": "# Other\n\n## First\n\n### Deeper\n\n## Second {#second}\n\nText with a [missing page](gone.md).\n",
}


def project(tmp_path: Path, pages: dict[str, str] = PAGES, extra: str = "") -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for name in list(docs.iterdir()):
        name.unlink()
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\nmarkdown_extensions:\n  - attr_list\n  - toc:\n      permalink: true\n"
                      "validation:\n  anchors: warn\n" + extra, encoding="utf-8")
    return config


def read_all(config_file: Path, cache: markdown_cache.Cache | None, calls: list[str]) -> tuple[dict, list[str]]:
    """Every page read and converted as MkDocs' build does (with ``cache`` when
    given), its anchor links then checked: the pages, and what was logged."""
    config = load_config(config_file=str(config_file), site_dir=str(config_file.parent / "site"))
    files = get_files(config)
    nav = get_navigation(files, config)
    key = markdown_cache.build_key(config, files)
    assert key is not None
    lines: list[str] = []
    handler = logging.Handler(logging.INFO)
    handler.emit = lambda record: lines.append(f"{record.levelname} {record.getMessage()}")
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        for page in nav.pages:
            page.read_source(config)
            real = page.render

            def counted(config_, files_, page=page, real=real) -> None:  # noqa: ANN001
                calls.append(page.file.src_uri)
                real(config_, files_)

            page.render = counted
            if cache is not None:
                markdown_cache.attach(page, cache, key)
            page.render(config, files)
        for page in nav.pages:
            page.validate_anchor_links(files=files, log_level=logging.WARNING)
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return {page.file.src_uri: page for page in nav.pages}, lines


def state(page) -> tuple:  # noqa: ANN001 (a MkDocs Page)
    def toc(items) -> list:  # noqa: ANN001
        return [(i.title, i.id, i.level, getattr(i, "active", False), toc(i.children)) for i in items]
    links = None if page.links_to_anchors is None else {
        f.src_uri: dict(v) for f, v in page.links_to_anchors.items()}
    return (page.content, toc(page.toc.items), page.title, page.present_anchor_ids, links)


def test_a_page_from_the_cache_is_the_page_converted_with_the_same_lines_logged(tmp_path: Path) -> None:
    config = project(tmp_path)
    calls: list[str] = []
    plain, plain_lines = read_all(config, None, calls)
    cache = markdown_cache.Cache(tmp_path / "cache")
    first, first_lines = read_all(config, cache, calls)
    assert calls == ["index.md", "other.md"] * 2  # no cache, then a cold one: both converted
    warm, warm_lines = read_all(config, cache, calls)
    assert calls == ["index.md", "other.md"] * 2, "the warm read converted a page again"
    for name in PAGES:
        assert state(warm[name]) == state(first[name]) == state(plain[name])
    # The missing page is logged by the conversion, each time, and is still a warning.
    assert any("gone.md" in line and line.startswith("WARNING") for line in plain_lines), plain_lines
    assert warm_lines == first_lines == plain_lines


def test_an_anchor_gone_from_a_converted_page_is_found_missing_by_a_page_from_the_cache(tmp_path: Path) -> None:
    cache = markdown_cache.Cache(tmp_path / "cache")
    calls: list[str] = []
    read_all(project(tmp_path), cache, calls)
    changed = {**PAGES, "other.md": PAGES["other.md"].replace(" {#second}", " {#renamed}")}
    pages, lines = read_all(project(tmp_path, changed), cache, calls)
    assert calls[2:] == ["other.md"], "only the changed page should be converted again"
    assert pages["index.md"].links_to_anchors is not None
    assert any("index.md" in line and "'#second'" in line for line in lines), lines


@pytest.mark.parametrize("change", ["text", "option", "file list"])
def test_what_a_conversion_depends_on_is_in_its_key(tmp_path: Path, change: str) -> None:
    cache = markdown_cache.Cache(tmp_path / "cache")
    calls: list[str] = []
    read_all(project(tmp_path), cache, calls)
    if change == "text":
        config = project(tmp_path, {**PAGES, "index.md": PAGES["index.md"] + "\nMore.\n"})
        expected = ["index.md"]
    elif change == "option":
        config = project(tmp_path)
        config.write_text(config.read_text().replace("permalink: true", "permalink: false"))
        expected = ["index.md", "other.md"]
    else:  # a new file changes where links lead, so every page converts again
        config = project(tmp_path, {**PAGES, "gone.md": "# Back\n"})
        expected = ["gone.md", "index.md", "other.md"]
    read_all(config, cache, calls)
    assert sorted(calls[2:]) == expected


def test_a_damaged_entry_is_converted_again_and_replaced(tmp_path: Path) -> None:
    cache = markdown_cache.Cache(tmp_path / "cache")
    calls: list[str] = []
    first, _ = read_all(project(tmp_path), cache, calls)
    entries = sorted((tmp_path / "cache").glob("*.json"))
    assert len(entries) == 2
    for entry, damage in zip(entries, ['{"content": 1', '{"content": "x"}']):
        entry.write_text(damage, encoding="utf-8")
    again, _ = read_all(project(tmp_path), cache, calls)
    assert sorted(calls[2:]) == ["index.md", "other.md"]
    for name in PAGES:
        assert state(again[name]) == state(first[name])
    assert all(len(entry.read_bytes()) > 100 for entry in entries), "the damaged entries were not replaced"


@pytest.mark.parametrize("damage", [
    {"toc": [{"name": "x"}]}, {"toc": "nope"}, {"content": 7}, {"logs": [["mkdocs", "loud", "x"]]},
    {"links": {"other.md": 3}}, {"anchors": 5},
], ids=["toc-token", "toc-type", "content-type", "log-level", "links-type", "anchors-type"])
def test_an_entry_of_the_wrong_shape_is_converted_again(tmp_path: Path, damage: dict) -> None:
    cache = markdown_cache.Cache(tmp_path / "cache")
    calls: list[str] = []
    first, _ = read_all(project(tmp_path), cache, calls)
    for entry in (tmp_path / "cache").glob("*.json"):
        data = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(json.dumps({**data, **damage}), encoding="utf-8")
    again, _ = read_all(project(tmp_path), cache, calls)
    assert sorted(calls[2:]) == ["index.md", "other.md"]
    for name in PAGES:
        assert state(again[name]) == state(first[name])


def test_a_markdown_option_that_is_not_plain_data_turns_the_cache_off(tmp_path: Path) -> None:
    config = load_config(config_file=str(project(tmp_path)), site_dir=str(tmp_path / "site"))
    config.mdx_configs["toc"]["slugify"] = lambda text, sep: text
    assert markdown_cache.build_key(config, get_files(config)) is None


def test_an_extension_that_reads_other_files_turns_the_cache_off(tmp_path: Path) -> None:
    config = load_config(config_file=str(project(tmp_path, extra="markdown_extensions:\n  - pymdownx.snippets\n")),
                         site_dir=str(tmp_path / "site"))
    assert "pymdownx.snippets" in config.markdown_extensions
    assert markdown_cache.build_key(config, get_files(config)) is None


def test_the_folder_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(markdown_cache.CACHE_ENV, raising=False)
    assert markdown_cache.cache_folder(tmp_path) == tmp_path / ".cache" / "markdown"
    monkeypatch.setenv(markdown_cache.CACHE_ENV, str(tmp_path / "elsewhere"))
    assert markdown_cache.cache_folder(tmp_path) == tmp_path / "elsewhere"
    monkeypatch.setenv(markdown_cache.CACHE_ENV, "off")
    assert markdown_cache.cache_folder(tmp_path) is None


def test_the_site_built_with_a_warm_cache_is_the_site_built_without(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "markdown-cache"
    built = {}
    for run, setting in (("off", "off"), ("cold", str(folder)), ("warm", str(folder))):
        monkeypatch.setenv(markdown_cache.CACHE_ENV, setting)
        built[run] = tmp_path / run
        site.build(built[run])
        if run == "cold":
            stored = {p: p.stat().st_mtime_ns for p in folder.glob("*.json")}
            time.sleep(0.01)
    assert {p: p.stat().st_mtime_ns for p in folder.glob("*.json")} == stored, "the warm build converted again"
    assert len(stored) >= 30
    for run in ("cold", "warm"):
        names = sorted(p.relative_to(built[run]) for p in built[run].rglob("*") if p.is_file())
        assert names == sorted(p.relative_to(built["off"]) for p in built["off"].rglob("*") if p.is_file())
        different = [n for n in names if (built[run] / n).read_bytes() != (built["off"] / n).read_bytes()]
        assert different == [], f"{run}: {different[:5]}"


def test_a_strict_build_still_stops_on_a_broken_link_in_a_page_from_the_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = site.copy_project(tmp_path / "project")
    guide = copy / "docs" / "guides" / "activities.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nSee [the old page](no-such-page.md).\n",
                     encoding="utf-8")
    folder = tmp_path / "markdown-cache"
    monkeypatch.setenv(markdown_cache.CACHE_ENV, str(folder))
    outcomes = []
    for _ in range(2):
        before = {p.name for p in folder.glob("*.json")}
        result = site.build(tmp_path / "site", project=copy, check=False)
        outcomes.append((result.returncode, "no-such-page.md" in result.stderr, before))
    assert outcomes[0][:2] == (1, True)
    assert outcomes[1][2], "nothing was cached by the first build"
    assert outcomes[1][:2] == (1, True), "the warning was not logged again from the cache"
    assert {p.name for p in folder.glob("*.json")} == outcomes[1][2], "the second build converted again"


def aged_entries(folder: Path, count: int) -> markdown_cache.Cache:
    """A cache in ``folder`` with ``count`` entries, keyed 0, 1, ... and each newer than the last."""
    cache = markdown_cache.Cache(folder)
    record = markdown_cache.Record(content="<p>x</p>", toc=[], title=None, anchors=[], links=None, logs=[])
    for number in range(count):
        cache.put(f"{number:064x}", record)
        os.utime(folder / f"{number:064x}.json", ns=(number * 10**9, number * 10**9))
    return cache


def test_prune_removes_the_oldest_entries_this_build_did_not_use(tmp_path: Path) -> None:
    cache = aged_entries(tmp_path, 6)
    assert cache.get(f"{0:064x}") is not None  # the oldest, but used by this build
    assert cache.prune(limit=10) == 0
    assert cache.prune(limit=3) == 2  # the two oldest unused; the used one stays
    left = sorted(int(p.stem, 16) for p in tmp_path.glob("*.json"))
    assert left == [0, 3, 4, 5]


def test_by_default_prune_keeps_a_few_entries_for_each_page_used(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown_cache, "KEPT_PER_PAGE", 2)
    monkeypatch.setattr(markdown_cache, "KEPT_ANYWAY", 1)
    cache = aged_entries(tmp_path, 8)
    cache.get(f"{7:064x}")  # one page used: 2 + 1 entries may stay
    assert cache.prune() == 5
    assert sorted(int(p.stem, 16) for p in tmp_path.glob("*.json")) == [5, 6, 7]
