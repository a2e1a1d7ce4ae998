"""The Content-Security-Policy: computed right (workbook/csp.py) and present,
first, and complete in every built page (workbook/csp.py, run by workbook/plugin.py)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from workbook import csp

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>x</title>
    <script>var a=1</script>
    <script id="__config" type="application/json">{"b": 2}</script>
    <script src="assets/x.js"></script>
    <script type="module">import "./y.js"</script>
  </head>
  <body><script>
var c = 3;
</script></body>
</html>
"""


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_inline_scripts_are_the_executable_ones_only() -> None:
    assert csp.inline_scripts(PAGE) == ["var a=1", 'import "./y.js"', "\nvar c = 3;\n"]


def test_script_hash_is_the_sha256_source_expression() -> None:
    # The value a browser reports in its console for `var a=1`.
    assert csp.script_hash("var a=1") == sha("var a=1")
    assert csp.script_hash("var a=1") != csp.script_hash("var a=1 ")


def test_site_policy_allows_each_inline_script_of_every_page_once() -> None:
    policy = csp.site_policy([PAGE, PAGE.replace("var a=1", "var a=2")])
    assert sorted(policy.hashes) == sorted({sha("var a=1"), sha("var a=2"), sha('import "./y.js"'),
                                            sha("\nvar c = 3;\n")})
    script_src = next(d for d in policy.meta.split("; ") if d.startswith("script-src "))
    assert script_src.split()[1] == "'self'"
    assert set(script_src.split()[2:]) == set(policy.hashes)


def test_policy_allows_only_the_sites_own_origin() -> None:
    policy = csp.site_policy([PAGE])
    directives = dict(d.split(" ", 1) for d in policy.header.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    for value in directives.values():
        assert "http" not in value and "*" not in value and "unsafe" not in value, value
    # frame-ancestors is ignored (with a console error) when set by <meta>.
    assert "frame-ancestors" not in policy.meta


def test_meta_goes_right_after_the_charset_and_replaces_an_old_one() -> None:
    policy = csp.site_policy([PAGE])
    once = csp.with_meta(PAGE, policy)
    head = once.split("<title>")[0]
    assert head.index("<meta charset") < head.index('http-equiv="Content-Security-Policy"')
    assert once.index("Content-Security-Policy") < once.index("<script")
    again = csp.with_meta(once, csp.site_policy([PAGE, "<script>x()</script>"]))
    assert again.count("Content-Security-Policy") == 1
    assert sha("x()") in again


def test_a_fragment_without_head_is_left_alone() -> None:
    assert csp.with_meta("<p>hi</p>", csp.site_policy([])) == "<p>hi</p>"


def test_headers_file_sends_the_full_policy_to_every_path() -> None:
    policy = csp.site_policy([PAGE])
    text = csp.headers_file(policy)
    assert "\n/*\n" in text
    assert f"  Content-Security-Policy: {policy.header}\n" in text
    assert "  X-Content-Type-Options: nosniff\n" in text


META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def built_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_built_page_carries_the_policy_before_any_script(built_site: Path) -> None:
    pages = built_pages(built_site)
    assert len(pages) >= 15
    policies = set()
    for path in pages:
        html = path.read_text(encoding="utf-8")
        match = META.search(html)
        assert match, f"{path.relative_to(built_site)} has no Content-Security-Policy meta"
        assert match.start() < html.index("<script"), f"{path} runs a script before its policy"
        policies.add(match.group(1))
        hashes = set(re.findall(r"'sha256-[^']+'", match.group(1)))
        for text in csp.inline_scripts(html):
            assert csp.script_hash(text) in hashes, f"{path}: an inline script is not allowed"
    assert len(policies) == 1, "pages carry different policies; instant navigation needs one"


def test_headers_file_matches_the_pages(built_site: Path) -> None:
    text = (built_site / "_headers").read_text(encoding="utf-8")
    meta = META.search((built_site / "index.html").read_text(encoding="utf-8")).group(1)
    header = re.search(r"Content-Security-Policy: (.*)", text).group(1)
    assert header == meta + "; frame-ancestors 'none'"
