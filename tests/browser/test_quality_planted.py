"""Each browser gate, shown to fail: a copy of the project gets a page with
an image without alt text and a script from another host, and a 40 KB
script on every page; the same functions that check the real site must
flag each of them. One build of the copy serves all the checks."""

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
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "extra_javascript:\n" in text
    config.write_text(text.replace("extra_javascript:\n",
                                   "extra_javascript:\n  - assets/js/planted-heavy.js\n", 1),
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
