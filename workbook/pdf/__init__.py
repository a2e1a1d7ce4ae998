"""Worksheets as fillable, tagged PDFs, rendered at build time with WeasyPrint.

Pure functions, from a validated :class:`~workbook.worksheet.schema.Worksheet`
to PDF bytes, called by the site's plugin (``workbook/plugin.py``):

- :mod:`.fields` the PDF form field of every answerable field, and its name;
- :mod:`.markup` a worksheet (or the whole workbook's contents page) as an HTML document;
- :mod:`.font` the one embedded font, a Latin subset of Liberation Sans;
- :mod:`.acroform` tidying WeasyPrint's form fields into a proper field tree;
- :mod:`.render` HTML to PDF bytes, refusing every network address;
- :mod:`.assemble` the whole workbook, put together from the worksheets' PDFs;
- :mod:`.cache` rendered PDFs kept under ``.cache/pdf/``, keyed by content;
- :mod:`.downloads` the file names and the download links on the pages;
- :mod:`.build` every PDF of a build: from the cache, or rendered in parallel.

Only :mod:`.render` (and :mod:`.acroform`) import WeasyPrint, and only
:func:`.build.make` imports :mod:`.render`, when some PDF is not cached
(and :mod:`.assemble`, with pikepdf, when a whole workbook is not).
"""
