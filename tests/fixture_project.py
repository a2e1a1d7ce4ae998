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

The fixtures themselves (``fixture_project``, ``fixture_site``,
``fixture_url``) are in tests/conftest.py."""

from __future__ import annotations

import shutil
from pathlib import Path

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
