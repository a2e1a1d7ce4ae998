"""Page weight: bytes a cold load transfers, gzipped, per page type.

    .venv/bin/python bench/weight.py

Builds the site and a plain-Material twin (bench/_site.py), loads each page
type cold in Chromium (every request goes through a route, which disables
the cache), and sums what was fetched, split into HTML, CSS, JS, fonts,
images and other data (the search index). Text files count at their gzip -6
size, as a web server would send them.

The plain twin of a page is a Markdown page holding the same text (the
headings, paragraphs, list items and labels of the built page's article),
built by MkDocs + Material alone.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

from _site import PAGE_TYPES, ROOT, Server, build, copy_project, free_port, plain_config, table

from checks import quality  # noqa: E402  (bench/_site.py puts the project on sys.path)
from checks.site import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

KINDS = {
    "HTML": (".html",),
    "CSS": (".css",),
    "JS": (".js", ".mjs"),
    "Fonts": (".woff2", ".woff", ".ttf", ".otf"),
    "Images": (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico"),
}


def kind(path: str) -> str:
    suffix = Path(path).suffix.lower()
    return next((name for name, suffixes in KINDS.items() if suffix in suffixes), "Other")


def same_text_markdown(html: str) -> str:
    """The text of a built page's article as plain Markdown."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    blocks = []
    for element in article.find_all(["h1", "h2", "h3", "h4", "p", "li", "label", "td", "th", "legend"]):
        if element.find_parent(["li", "p", "label", "td", "th"]) is not None:
            continue  # its text is already in its parent's block
        text = " ".join(element.get_text(" ").replace("¶", "").split())
        if not text:
            continue
        if element.name[0] == "h":
            blocks.append("#" * int(element.name[1]) + " " + text)
        elif element.name == "li":
            blocks.append("- " + text)
        else:
            blocks.append(text)
    return "\n\n".join(blocks) + "\n"


def measure(loader: quality.Loader, path: str) -> dict[str, int]:
    load = loader.load(path)
    sizes = dict.fromkeys([*KINDS, "Other"], 0)
    for file, size in load.files.items():
        sizes[kind(file)] += size
    sizes["Total"] = load.total
    sizes["Requests"] = len(load.files)
    return sizes


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="tw-bench-weight-") as tmp:
        tmp = Path(tmp)
        site_port, plain_port = free_port(), free_port()
        site_dir, plain_dir = tmp / "site", tmp / "plain-site"
        build(ROOT, site_dir, site_url=f"http://127.0.0.1:{site_port}/")

        # The plain twin: one Markdown page per page type, holding the same text.
        project = copy_project(tmp / "project")
        plain_docs = tmp / "plain-docs"
        for name, path in PAGE_TYPES.items():
            html = (site_dir / path / "index.html").read_text(encoding="utf-8")
            target = plain_docs / ("index.md" if name == "home" else f"{name}.md")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(same_text_markdown(html), encoding="utf-8")
        config = plain_config(project, plain_docs, tmp / "plain.yml",
                              site_url=f"http://127.0.0.1:{plain_port}/")
        build(project, plain_dir, config=config, strict=False,
              site_url=f"http://127.0.0.1:{plain_port}/")

        rows = []
        with Server(site_dir, site_port) as site_server, Server(plain_dir, plain_port) as plain_server, \
                sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            site_loader = quality.Loader(browser.new_context(), site_dir, site_server.url)
            plain_loader = quality.Loader(browser.new_context(), plain_dir, plain_server.url)
            for name, path in PAGE_TYPES.items():
                for label, loader, page in (("site", site_loader, path),
                                            ("plain", plain_loader, "" if name == "home" else f"{name}/")):
                    sizes = measure(loader, page)
                    rows.append([name if label == "site" else "  plain Material, same text",
                                 *(f"{sizes[k] / 1000:.1f}" for k in [*KINDS, "Other", "Total"]),
                                 sizes["Requests"]])
            browser.close()

    print("Cold load, kB transferred (gzip -6 for text; 1 kB = 1,000 bytes)\n")
    print(table(["Page type", *KINDS, "Other", "Total", "Requests"], rows))


if __name__ == "__main__":
    main()
