"""The unit tests of the site's JavaScript (tests/js/*.test.mjs), run with
Node's built-in test runner so that the README's test command (and CI) counts
them: this test fails with Node's own report when any of them fails.

They import the real modules from docs/assets/js/; package.json at the root
of the project tells Node those .js files are ES modules (it is not part of
the site). scripts/test installs Debian's nodejs (18 on Debian 12)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JS_TESTS = sorted((ROOT / "tests" / "js").glob("*.test.mjs"))


def test_the_javascript_unit_tests_pass() -> None:
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is missing: scripts/test installs Debian's nodejs (apt-get install nodejs)"
    assert JS_TESTS, "no tests/js/*.test.mjs found"
    run = subprocess.run([node, "--test", *map(str, JS_TESTS)], cwd=ROOT, capture_output=True, text=True,
                         timeout=300, check=False)
    report = run.stdout + run.stderr
    assert run.returncode == 0, f"node --test failed:\n{report}"
    assert "# fail 0" in report, report
