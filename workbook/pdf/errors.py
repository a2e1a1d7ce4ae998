"""What stops a PDF build (kept apart from :mod:`.render`, which imports WeasyPrint)."""


class PdfError(Exception):
    """A PDF cannot be made; the message says what to fix."""
