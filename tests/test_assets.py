"""The site's own JS and CSS: minified by esbuild and named by their content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbook import assets

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_a_name_changes_when_anything_the_file_reaches_changes() -> None:
    texts = {"assets/js/main.js": 'import{a}from"./a.js";import("./b.js")',
             "assets/js/a.js": "export const a=1", "assets/js/b.js": "export const b=1",
             "assets/js/other.js": "export const c=1"}
    before = assets.names(texts)
    after = assets.names({**texts, "assets/js/b.js": "export const b=2"})
    assert before["assets/js/main.js"] != after["assets/js/main.js"]  # reaches b by import()
    assert before["assets/js/b.js"] != after["assets/js/b.js"]
    assert before["assets/js/a.js"] == after["assets/js/a.js"]
    assert before["assets/js/other.js"] == after["assets/js/other.js"]
    assert re.fullmatch(r"assets/js/main\.[0-9a-f]{10}\.js", before["assets/js/main.js"])


def test_modules_that_import_each_other_get_names() -> None:
    texts = {"assets/js/x.js": 'import"./y.js"', "assets/js/y.js": 'import"./x.js"'}
    named = assets.names(texts)
    changed = assets.names({**texts, "assets/js/y.js": 'import"./x.js";1'})
    assert named["assets/js/x.js"] != changed["assets/js/x.js"]


def test_specifiers_and_urls_in_modules_are_rewritten() -> None:
    renamed = {"assets/js/a.js": "assets/js/a.0123456789.js",
               "assets/css/t.css": "assets/css/t.abcdefabcd.css",
               "assets/js/vendor/q.js": "assets/js/vendor/q.9999999999.js"}
    text = ('import{a}from"./a.js";import("./a.js");new URL("../css/t.css",import.meta.url);'
            'import q from"./vendor/q.js";import("./missing.js")')
    assert assets.rewrite_code("assets/js/main.js", text, renamed) == (
        'import{a}from"./a.0123456789.js";import("./a.0123456789.js");'
        'new URL("../css/t.abcdefabcd.css",import.meta.url);'
        'import q from"./vendor/q.9999999999.js";import("./missing.js")')
    assert assets.rewrite_code("assets/js/vendor/q.js", 'import"../a.js"', renamed) == 'import"../a.0123456789.js"'


def test_pages_link_the_new_names_relative_or_from_the_root() -> None:
    renamed = {"assets/js/main.js": "assets/js/main.0123456789.js",
               "assets/css/site.bundle.css": "assets/css/site.bundle.abcdefabcd.css"}
    html = ('<link rel="stylesheet" href="../assets/css/site.bundle.css">'
            '<script src="../assets/js/main.js" type="module"></script>'
            '<script src="/workbook/assets/js/main.js"></script>'
            '<a href="../assets/js/other.js">x</a><img src="../assets/images/a.png">')
    assert assets.rewrite_page(html, "checklist/index.html", renamed) == (
        '<link rel="stylesheet" href="../assets/css/site.bundle.abcdefabcd.css">'
        '<script src="../assets/js/main.0123456789.js" type="module"></script>'
        '<script src="/workbook/assets/js/main.0123456789.js"></script>'
        '<a href="../assets/js/other.js">x</a><img src="../assets/images/a.png">')


def test_a_page_link_needs_a_word_boundary_and_keeps_its_query() -> None:
    renamed = {"assets/js/main.js": "assets/js/main.0123456789.js"}
    html = ('<x data-src="assets/js/main.js"></x><x datasrc="assets/js/main.js"></x>'
            "<script src='assets/js/main.js?v=2'></script><a href=assets/js/main.js#top>a</a>")
    assert assets.rewrite_page(html, "index.html", renamed) == (
        '<x data-src="assets/js/main.0123456789.js"></x><x datasrc="assets/js/main.js"></x>'
        "<script src='assets/js/main.0123456789.js?v=2'></script><a href=assets/js/main.0123456789.js#top>a</a>")


def test_esbuild_output_is_reused_until_a_file_changes(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "assets" / "js").mkdir(parents=True)
    source = site / "assets" / "js" / "a.js"
    source.write_text("export const answer = 1 + 1;", encoding="utf-8")
    first = assets.minify(site, ["assets/js/a.js"], cache=cache)
    assert first["assets/js/a.js"].strip() == "export const answer=2;"
    [entry] = cache.iterdir()
    # Planted: a second run reads the cache, so it returns what the entry says.
    entry.write_text('{"assets/js/a.js": "from the cache"}', encoding="utf-8")
    assert assets.minify(site, ["assets/js/a.js"], cache=cache) == {"assets/js/a.js": "from the cache"}
    source.write_text("export const answer = 2 + 2;", encoding="utf-8")
    assert assets.minify(site, ["assets/js/a.js"], cache=cache)["assets/js/a.js"].strip() == "export const answer=4;"


def test_a_damaged_cache_entry_runs_esbuild_again(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    (site / "assets" / "js").mkdir(parents=True)
    (site / "assets" / "js" / "a.js").write_text("export const answer = 1 + 1;", encoding="utf-8")
    assets.minify(site, ["assets/js/a.js"], cache=cache)
    [entry] = cache.iterdir()
    entry.write_text('{"assets/js/a.js": "half', encoding="utf-8")
    assert assets.minify(site, ["assets/js/a.js"], cache=cache)["assets/js/a.js"].strip() == "export const answer=2;"


def test_entries_are_what_pages_and_import_name_and_the_rest_is_bundled() -> None:
    sources = {
        "assets/js/main.js": 'import { a } from "./lib/a.js";\nconst later = () => import("./lazy/b.js");',
        "assets/js/lib/a.js": 'import "./c.js";\nexport const a = 1;',
        "assets/js/lib/c.js": "export const c = 1;",
        "assets/js/lazy/b.js": 'import { a } from "../lib/a.js";\nexport const b = a;',
        "assets/js/site/classic.js": "(() => { window.x = 1; })();",
        "assets/css/site.css": "body { color: red }",
    }
    planned = assets.plan(sources)
    assert planned.entries == ["assets/js/main.js", "assets/js/lazy/b.js"]
    assert planned.bundled == ["assets/js/lib/a.js", "assets/js/lib/c.js"]
    assert planned.alone == ["assets/js/site/classic.js", "assets/css/site.css"]


def test_modules_two_entries_share_are_one_chunk_both_import(tmp_path: Path) -> None:
    js = tmp_path / "assets" / "js"
    for path, text in {"main.js": 'import { shared } from "./lib/shared.js";\nshared("main");\n'
                                  'document.onclick = () => import("./lazy/b.js");',
                       "lib/shared.js": 'const seen = [];\nexport function shared(who) { seen.push(who); }',
                       "lazy/b.js": 'import { shared } from "../lib/shared.js";\nshared("b");'}.items():
        (js / path).parent.mkdir(parents=True, exist_ok=True)
        (js / path).write_text(text, encoding="utf-8")
    planned = assets.plan({p: (tmp_path / p).read_text() for p in assets.own_files(tmp_path)})
    texts = assets.bundle(tmp_path, planned.entries, planned.bundled)
    [chunk] = [p for p in texts if p.startswith(assets.CHUNKS)]
    assert sorted(texts) == sorted(["assets/js/main.js", "assets/js/lazy/b.js", chunk])
    assert sum(text.count("push(") for text in texts.values()) == 1, "one copy of the shared module"
    assert assets.references("assets/js/main.js", texts["assets/js/main.js"], texts) == [chunk, "assets/js/lazy/b.js"]
    assert assets.references("assets/js/lazy/b.js", texts["assets/js/lazy/b.js"], texts) == [chunk]


def test_import_meta_url_only_one_folder_below_assets_js() -> None:
    url = 'new URL("../../css/t.css", import.meta.url)'
    assets.check_module_urls({"assets/js/site/a.js": url}, {"assets/js/chunks/shared-X.js": url})
    with pytest.raises(assets.AssetError, match="assets/js/main.js finds files by import.meta.url"):
        assets.check_module_urls({"assets/js/site/a.js": url}, {"assets/js/main.js": url})
    with pytest.raises(assets.AssetError, match="assets/js/a/b/c.js"):
        assets.check_module_urls({"assets/js/a/b/c.js": url}, {})


def test_source_path_undoes_the_hash_only_for_own_files() -> None:
    assert assets.source_path("assets/js/main.0123456789.js") == "assets/js/main.js"
    assert assets.source_path("assets/css/site.bundle.abcdefabcd.css") == "assets/css/site.bundle.css"
    assert assets.source_path("assets/javascripts/bundle.79ae519e.min.js") == "assets/javascripts/bundle.79ae519e.min.js"
    assert assets.source_path("assets/js/main.js") == "assets/js/main.js"


def test_a_file_esbuild_cannot_parse_fails_the_build_naming_it(tmp_path: Path) -> None:
    (tmp_path / "assets" / "js").mkdir(parents=True)
    (tmp_path / "assets" / "js" / "broken.js").write_text("export const = ;", encoding="utf-8")
    with pytest.raises(assets.AssetError, match="broken.js"):
        assets.minify_and_hash(tmp_path, {})


def test_a_missing_esbuild_says_how_to_install_it(tmp_path: Path) -> None:
    (tmp_path / "assets" / "js").mkdir(parents=True)
    (tmp_path / "assets" / "js" / "a.js").write_text("export const a = 1;", encoding="utf-8")
    with pytest.raises(assets.AssetError, match="scripts/setup.sh"):
        assets.minify_and_hash(tmp_path, {}, esbuild="no-such-esbuild")


def test_the_built_site_ships_only_minified_hashed_own_code_whose_references_resolve(built_site: Path) -> None:
    own = assets.own_files(built_site)
    sources = {p.relative_to(DOCS).as_posix() for p in (DOCS / "assets").rglob("*")
               if p.suffix in (".js", ".css") and not p.relative_to(DOCS).as_posix().startswith("assets/css/")}
    planned = assets.plan({p: (DOCS / p).read_text(encoding="utf-8") for p in sources})
    published = {assets.source_path(p) for p in own}
    assert set(planned.entries) <= published, "every entry is published"
    assert not set(planned.bundled) & published, "a bundled module is not published again"
    assert {"assets/js/main.js", "assets/js/site/search-on-demand.js", "assets/js/lib/answer-text.js"} <= published
    for path in own:
        assert assets.source_path(path) != path, f"{path} is not named by its content"
        text = (built_site / path).read_text(encoding="utf-8")
        if assets.source_path(path) in planned.alone:
            source = DOCS / assets.source_path(path)
            assert len(text) < 0.8 * source.stat().st_size, f"{path} is not minified"
        for target in assets.references(path, text, own):
            assert (built_site / target).is_file(), f"{path} names {target}, which is missing"
        unresolved = [spec for spec in re.findall(r"""["'`](\.\.?/[^"'`]+?\.(?:js|css))["'`]""", text)
                      if not re.search(r"\.[0-9a-f]{10}\.(?:js|css)$", spec)]
        assert not unresolved, f"{path} still imports unhashed files: {unresolved}"
    modules = [p for p in own if assets.source_path(p) in planned.entries or p.startswith(assets.CHUNKS)]
    shipped = sum((built_site / p).stat().st_size for p in modules)
    readable = sum((DOCS / p).stat().st_size for p in planned.entries + planned.bundled)
    assert shipped < 0.8 * readable, f"the modules ship {shipped} bytes of {readable} readable: not minified"
    for page in ("index.html", "checklist/index.html", "worksheets/promise-log/index.html", "404.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert not re.search(r'assets/(?:js|css)/[\w.-]+?(?<!\.[0-9a-f]{10})\.(?:js|css)"', html), page


def test_a_page_fetches_main_js_and_all_its_chunks_in_one_round_trip(built_site: Path) -> None:
    own = assets.own_files(built_site)
    main = assets.built_path(built_site, "assets/js/main.js")
    first = assets.static_imports(main, (built_site / main).read_text(encoding="utf-8"), own)
    assert first and all(p.startswith(assets.CHUNKS) for p in first)
    for chunk in first:
        deeper = assets.static_imports(chunk, (built_site / chunk).read_text(encoding="utf-8"), own)
        assert set(deeper) <= set(first), f"{chunk} imports {set(deeper) - set(first)}, which main.js does not"
