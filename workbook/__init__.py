"""Trust Workbook: pure functions that turn the site's data into pages.

The MkDocs hooks in ``hooks/`` only wire events to these modules, so every
module here can be imported and tested without running MkDocs.
"""
