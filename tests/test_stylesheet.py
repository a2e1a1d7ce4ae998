"""The site's own stylesheets are served as one file."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from workbook import assets, stylesheet


def test_own_files_become_one_bundle_in_place_of_the_first() -> None:
    listed = ["assets/css/site.css", "https://other.example/x.css", "assets/css/worksheet.css"]
    assert stylesheet.own_parts(listed) == ["assets/css/site.css", "assets/css/worksheet.css"]
    assert stylesheet.with_bundle(listed) == [stylesheet.BUNDLE, "https://other.example/x.css"]


def test_join_keeps_order_and_names_each_part() -> None:
    text = stylesheet.join([("a.css", "a{color:red}\n\n"), ("b.css", "b{}")])
    assert text == "/*! a.css */\na{color:red}\n\n/*! b.css */\nb{}\n"


def test_every_page_links_one_site_stylesheet_holding_every_part(built_site: Path) -> None:
    built = assets.built_path(built_site, stylesheet.BUNDLE)
    bundle = (built_site / built).read_text()
    for part in ("assets/css/site.css", "assets/css/worksheet.css", "assets/css/a11y.css"):
        assert f"/*! {part} */" in bundle
        assert not (built_site / part).exists(), f"{part} is also published on its own"
    for page in ("index.html", "worksheets/promise-log/index.html", "checklist/index.html"):
        soup = BeautifulSoup((built_site / page).read_text(), "html.parser")
        own = [link["href"] for link in soup.select('link[rel="stylesheet"]') if "/css/" in link["href"]]
        assert len(own) == 1 and own[0].endswith(built), (page, own)
