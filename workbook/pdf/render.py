"""HTML in, PDF bytes out: WeasyPrint with forms, tagging and no network.

Every PDF is PDF/UA-1 (tagged: a structure tree, the language, the title
shown as the window title) with AcroForm fields for the form controls. The
URL fetcher allows only ``file:`` and ``data:`` addresses and stops the
render at the first one it cannot load, so a PDF never depends on (or
quietly lacks) anything from the network.
"""

from __future__ import annotations

from collections.abc import Mapping

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from workbook.pdf import acroform
from workbook.pdf.errors import PdfError
from workbook.pdf.fields import PdfField

__all__ = ["PdfError", "render"]

OPTIONS = {"pdf_forms": True, "pdf_variant": "pdf/ua-1"}


def fetcher() -> URLFetcher:
    """Loads local files only; anything else stops the render."""
    return URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)


def render(html: str, fields: Mapping[str, PdfField], *, what: str = "PDF") -> bytes:
    """The PDF of ``html``; ``fields`` (full name -> field) describes its form."""
    try:
        return HTML(string=html, base_url="file:///", url_fetcher=fetcher()).write_pdf(
            finisher=lambda _document, pdf: acroform.tidy(pdf, fields), **OPTIONS)
    except FatalURLFetchingError as error:
        cause = error.__cause__ or error
        raise PdfError(f"{what}: {error} ({cause}): a PDF may only use local files "
                       "(file: or data: addresses), never the network") from None
