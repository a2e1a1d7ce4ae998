"""The strict build: every page in the navigation exists, and nothing the
site ships asks another host for anything."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from checks import site


def nav_files() -> list[str]:
    config = load_config(str(site.ROOT / "mkdocs.yml"))

    def walk(items: list) -> list[str]:
        out = []
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            out += walk(value) if isinstance(value, list) else [value]
        return out

    return walk(config["nav"])


def built_path(site_dir: Path, md: str) -> Path:
    stem = md.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site_dir / stem.removesuffix("index") / "index.html"
    return site_dir / stem / "index.html"


def test_nav_lists_the_site_sections() -> None:
    files = nav_files()
    for expected in ("index.md", "guides/why-trust-matters.md", "guides/getting-support.md",
                     "worksheets/index.md", "checklist/index.md", "for-therapists/index.md",
                     "safety.md", "sources.md", "privacy.md"):
        assert expected in files


def test_every_nav_page_is_built(built_site: Path) -> None:
    missing = [md for md in nav_files() if not built_path(built_site, md).is_file()]
    assert missing == []


def test_every_page_has_a_footer_with_safety_and_privacy(built_site: Path) -> None:
    for md in nav_files():
        soup = BeautifulSoup(built_path(built_site, md).read_text(), "html.parser")
        footer = soup.select_one("footer .tw-footer__links")
        assert footer is not None, md
        labels = {a.get_text(strip=True) for a in footer.find_all("a")}
        assert {"Safety", "Privacy"} <= labels, md


# Attributes through which a page makes the browser fetch something by itself.
FETCHING = {
    "script": ["src"], "link": ["href"], "img": ["src", "srcset"], "iframe": ["src"],
    "source": ["src", "srcset"], "video": ["src", "poster"], "audio": ["src"],
    "embed": ["src"], "object": ["data"], "track": ["src"], "input": ["src"],
}
# <link> relations that are navigation hints, not fetches.
NON_FETCHING_LINKS = {"canonical", "alternate", "prev", "next", "author", "license"}
ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""", re.I)
JS_IMPORT = re.compile(r"""(?:\bimport\s*(?:[^'"]*from\s*)?\(?\s*|importScripts\(\s*|fetch\(\s*)['"]((?:https?:)?//[^'"]+)""")


def outside(url: str, own_host: str) -> bool:
    if not ABSOLUTE.match(url.strip()):
        return False
    return urlparse(url.strip()).hostname != own_host


def foreign_references(site_dir: Path, own_host: str) -> list[str]:
    found = []
    for path in site_dir.rglob("*"):
        rel = path.relative_to(site_dir)
        if path.suffix == ".html":
            soup = BeautifulSoup(path.read_text(), "html.parser")
            for tag, attrs in FETCHING.items():
                for element in soup.find_all(tag):
                    if tag == "link" and set(element.get("rel", [])) & NON_FETCHING_LINKS:
                        continue
                    for attr in attrs:
                        for url in re.split(r",\s*", element.get(attr, "")):
                            url = url.split(" ")[0]
                            if url and outside(url, own_host):
                                found.append(f"{rel}: <{tag} {attr}={url}>")
            for element in soup.select("style, [style]"):
                css = element.string or element.get("style", "")
                found += [f"{rel}: css {u}" for u in CSS_URL.findall(css or "") if outside(u, own_host)]
        elif path.suffix == ".css":
            found += [f"{rel}: {u}" for u in CSS_URL.findall(path.read_text()) if outside(u, own_host)]
        elif path.suffix in (".js", ".mjs"):
            found += [f"{rel}: {u}" for u in JS_IMPORT.findall(path.read_text()) if outside(u, own_host)]
    return found


def test_nothing_built_fetches_from_another_host(built_site: Path, site_port: int) -> None:
    assert foreign_references(built_site, "127.0.0.1") == []


def test_the_foreign_reference_check_catches_a_planted_one(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://fonts.example.com/a.css">'
        '<script src="//cdn.example.com/x.js"></script><img src="/local.png">'
        '<a href="https://example.com/">a link readers click is fine</a>')
    (tmp_path / "a.css").write_text("@font-face{src:url(https://fonts.example.com/f.woff2)}")
    (tmp_path / "a.js").write_text('import x from "https://cdn.example.com/m.js"; fetch("/local")')
    found = foreign_references(tmp_path, "127.0.0.1")
    assert len(found) == 4, found


@pytest.mark.parametrize("page", ["", "safety/", "rough-night/", "privacy/"])
def test_pages_declare_a_description(built_site: Path, page: str) -> None:
    soup = BeautifulSoup((built_site / page / "index.html").read_text(), "html.parser")
    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None and len(description["content"]) > 20
