"""Trust Workbook: pure functions that turn the site's data into pages.

The MkDocs plugin (``plugin.py``) only wires events to these modules, so every
module here can be imported and tested without running MkDocs.
"""
