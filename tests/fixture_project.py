"""The shared fixture copy of the project: one build that the tests of
several modules read or drive, instead of one build each. It adds to a copy
of the project, side by side (none changes what another adds):

- the test worksheet definitions in tests/data/worksheets/ (every kind of
  field; a sample self-check), for tests/test_worksheet_form.py and
  tests/browser/test_worksheets.py;
- a worksheet page with no definition (``fixture-sheet``), for the homework
  page's progress in tests/browser/test_homework.py;
- a guide with steps in every position, in the navigation after Getting
  support, for the checklist index in tests/test_checklist.py.

A second copy, :func:`make_settings`, changes settings in mkdocs.yml that
do not touch each other: a practice set (tests/test_practice.py) and offline
use switched off (tests/test_offline.py); like every copy here it is built
with PDFs off, which tests/test_pdf_failures.py checks.

The fixtures themselves (``fixture_project``, ``fixture_site``,
``fixture_url``, ``settings_site``) are in tests/conftest.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from checks import site

WORKSHEETS = Path(__file__).parent / "data" / "worksheets"

WORKSHEET_PAGE = """---
title: Fixture sheet
description: A worksheet page as the plugin generates it.
worksheet: fixture-sheet
---

# Fixture sheet

Fill me in.
"""


# A guide written to exercise every case: a step before any heading, steps
# under h2 and h3 headings, a heading with no explicit id, and code.
FIXTURE_GUIDE = """---
title: Fixture guide
---

# Fixture guide {#fixture-guide}

- [ ] A step before any section. {#fixture-first}

## Talk openly {#fixture-talk}

Some text.

- [ ] Say one true thing *today*. {#fixture-say}
- [x] Ask one [open question](../privacy.md). {#fixture-ask}

### A deeper part

- [ ] Listen to the end. {#fixture-listen}

```markdown
- [ ] Not a step: it is inside code. {#fixture-code}
```
"""



def make(dest: Path) -> Path:
    """A copy of the project with the three additions above."""
    project = site.copy_project(dest)
    for path in WORKSHEETS.glob("*.yml"):
        shutil.copy(path, project / "worksheets" / path.name)
    (project / "docs/worksheets/fixture-sheet.md").write_text(WORKSHEET_PAGE)
    (project / "docs/guides/fixture.md").write_text(FIXTURE_GUIDE)
    config = project / "mkdocs.yml"
    nav = "      - Getting support: guides/getting-support.md\n"
    text = config.read_text()
    assert nav in text, "the fixture guide goes after Getting support in the nav"
    config.write_text(text.replace(nav, nav + "      - Fixture: guides/fixture.md\n"))
    return project


PRACTICE = {"name": "Harbour Couples Clinic", "website": "https://harbour.example.org/",
            "phone": "+1 555 0100", "booking": "https://harbour.example.org/book"}


def with_practice(project: Path, value: object) -> None:
    path = project / "mkdocs.yml"
    text = path.read_text()
    # The config uses !ENV tags, so it is edited as text, not re-dumped.
    text = text.replace("\nextra:\n", "\nextra:\n  practice: " + yaml.safe_dump(value, default_flow_style=True).strip() + "\n", 1)
    path.write_text(text)


def offline_off(project: Path, setting: str = "false") -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  offline: true\n" in text
    config.write_text(text.replace("  offline: true\n", f"  offline: {setting}\n"), encoding="utf-8")


def make_settings(dest: Path) -> Path:
    """A copy of the project with a practice set and offline use off."""
    project = site.copy_project(dest)
    with_practice(project, PRACTICE)
    offline_off(project)
    return project
