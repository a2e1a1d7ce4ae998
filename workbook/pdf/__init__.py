"""Worksheets as fillable, tagged PDFs, rendered at build time with WeasyPrint.

Pure functions, from a validated :class:`~workbook.worksheet.schema.Worksheet`
to PDF bytes, used by ``hooks/pdfs.py``:

- :mod:`.fields` the PDF form field of every answerable field, and its name;
- :mod:`.markup` a worksheet (or the whole workbook) as an HTML document;
- :mod:`.font` the one embedded font, a Latin subset of Liberation Sans;
- :mod:`.acroform` tidying WeasyPrint's form fields into a proper field tree;
- :mod:`.render` HTML to PDF bytes, refusing every network address;
- :mod:`.cache` rendered PDFs kept under ``.cache/pdf/``, keyed by content;
- :mod:`.downloads` the file names and the download links on the pages.
"""

from workbook.pdf.render import PdfError

__all__ = ["PdfError"]
