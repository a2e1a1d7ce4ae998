"""Each browser gate, shown to fail: a copy of the project gets a page with
an image without alt text, a script from another host, and four paragraphs
with too little contrast that each show in one palette or at one width
only; and a 40 KB script on every page. The same functions that check the
real site must flag each of them. One build of the copy serves all the
checks."""

from __future__ import annotations

import random
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from checks import quality, site

pytestmark = pytest.mark.browser

PLANTED_PAGE = """---
title: Planted
description: A page with planted mistakes.
---

# Planted {#planted}

<img src="../assets/images/favicon.svg">

<script src="https://cdn.example.com/tracker.js"></script>

A paragraph.

<p class="planted planted--light">Only in the light palette.</p>
<p class="planted planted--dark">Only in the dark palette.</p>
<p class="planted planted--narrow">Only on a phone.</p>
<p class="planted planted--wide">Only on a desktop screen.</p>
"""

# Grey on grey, shown in one palette or at one width only.
PLANTED_CSS = """
.md-typeset .planted { display: none; color: #777; background-color: #888; }
[data-md-color-scheme="default"] .md-typeset .planted--light,
[data-md-color-scheme="slate"] .md-typeset .planted--dark { display: block; }
@media (max-width: 599px) { .md-typeset .planted--narrow { display: block; } }
@media (min-width: 1000px) { .md-typeset .planted--wide { display: block; } }
"""


def incompressible_script(size: int) -> str:
    rng = random.Random(7)
    chars = string.ascii_letters + string.digits
    return 'export const blob = "' + "".join(rng.choice(chars) for _ in range(size)) + '";\n'


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, site.Server]]:
    project = site.copy_project(tmp_path_factory.mktemp("planted-project"))
    (project / "docs" / "planted.md").write_text(PLANTED_PAGE, encoding="utf-8")
    (project / "docs" / "assets" / "js" / "planted-heavy.js").write_text(
        incompressible_script(40_000), encoding="utf-8")
    (project / "docs" / "assets" / "css" / "planted.css").write_text(PLANTED_CSS, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "extra_javascript:\n" in text and "extra_css:\n" in text
    text = text.replace("extra_javascript:\n", "extra_javascript:\n  - assets/js/planted-heavy.js\n", 1)
    config.write_text(text.replace("extra_css:\n", "extra_css:\n  - assets/css/planted.css\n", 1),
                      encoding="utf-8")
    port = site.free_port()
    built = tmp_path_factory.mktemp("planted-site")
    site.build(built, site_url=f"http://127.0.0.1:{port}/", project=project)
    with site.Server(built, port) as server:
        yield project, built, server


def test_axe_fails_the_image_without_alt_text(browser, planted) -> None:  # noqa: ANN001
    _, _, server = planted
    context = browser.new_context(base_url=server.url)
    page = context.new_page()
    page.goto("planted/")
    violations = quality.axe_violations(page)
    context.close()
    assert any(line.startswith("image-alt ") for line in violations), violations


def test_the_axe_walk_catches_what_one_palette_or_one_width_shows(browser, planted) -> None:  # noqa: ANN001
    # As tests/browser/test_quality_axe.py walks the site: both widths side by
    # side, one load per page and width, both palettes. Each planted paragraph
    # must be reported in its own palette and width, and nowhere else.
    _, _, server = planted
    contexts = {width: browser.new_context(base_url=server.url, color_scheme="light",
                                           viewport={"width": width, "height": 800})
                for width in (360, 1280)}
    try:
        found = quality.axe_walk({width: context.new_page() for width, context in contexts.items()},
                                 ["planted/", ""])
    finally:
        for context in contexts.values():
            context.close()

    def planted_contrast(width: int, palette: str) -> set[str]:
        lines = found[width][palette].get("planted/", [])
        return {kind for kind in ("light", "dark", "narrow", "wide")
                for line in lines if line.startswith("color-contrast ") and f"planted--{kind}" in line}

    for width, shown in ((360, "narrow"), (1280, "wide")):
        # The second page opens in the palette the first ended in, and is switched back.
        assert "/" not in found[width]["light"] and "/" not in found[width]["dark"], found[width]
        assert planted_contrast(width, "light") == {"light", shown}, found[width]["light"]
        assert planted_contrast(width, "dark") == {"dark", shown}, found[width]["dark"]


def test_the_policy_blocks_the_outside_script(browser, planted) -> None:  # noqa: ANN001
    _, built, server = planted
    loader = quality.Loader(browser.new_context(service_workers="block"), built, server.url)
    load = loader.load("planted/")
    loader.context.close()
    assert any("script-src" in line and "cdn.example.com" in line for line in load.csp), load.csp
    assert load.outside == [], "the policy should stop the request before it is made"


def test_the_request_check_catches_the_outside_script_without_the_policy(browser, planted) -> None:  # noqa: ANN001
    _, built, server = planted
    loader = quality.Loader(browser.new_context(bypass_csp=True, service_workers="block"), built, server.url)
    load = loader.load("planted/")
    loader.context.close()
    assert load.outside == ["https://cdn.example.com/tracker.js"]


def test_the_budget_catches_a_40_kb_script(browser, planted) -> None:  # noqa: ANN001
    project, built, server = planted
    pages = quality.worksheet_pages(built) or [""]
    loader = quality.Loader(browser.new_context(service_workers="block"), built, server.url)
    load = loader.load(pages[0])
    loader.context.close()
    own = quality.own_code_paths(project / "docs")
    assert "assets/js/planted-heavy.js" in load.files
    assert load.files["assets/js/planted-heavy.js"] > 25_000
    assert load.own_assets(own) > quality.OWN_ASSETS_BUDGET
