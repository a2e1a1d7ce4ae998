"""Worksheets: YAML definitions in ``worksheets/`` become fillable pages.

- :mod:`.schema` what a definition may contain (models checked by :mod:`workbook.model`);
- :mod:`.load` reading and checking every definition (``load_all``);
- :mod:`.form` the fillable form of one worksheet, as HTML;
- :mod:`.page` the Markdown page generated for one worksheet;
- :mod:`.catalogue` the cards on the Worksheets index;
- :mod:`.search` what the site search indexes of a form.
"""

from workbook.worksheet.load import GuideSections, WorksheetError, guide_sections, load_all
from workbook.worksheet.schema import Worksheet

__all__ = ["GuideSections", "Worksheet", "WorksheetError", "guide_sections", "load_all"]
