"""The one font every PDF embeds: Liberation Sans Regular, cut to Latin.

Once a PDF has a form field, WeasyPrint embeds the whole font file, so that
whatever a reader types can be drawn; the full Liberation Sans Regular
alone is about 90 KB in the PDF. A subset holding the Latin letters, digits,
punctuation and symbols that English (and most Western European) text uses
is about 17 KB, which keeps every worksheet well under 100 KB. The subset is
made from Debian's ``fonts-liberation`` with fontTools, never fetched, and
kept beside the PDF cache.

Only one face is used (no bold or italic files): headings differ by size
and colour.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

from workbook import atomic

#: Where Debian's fonts-liberation puts the font (scripts/setup.sh installs it).
DEFAULT_FONT = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
#: Set to another .ttf file to embed that instead (the tests point it at a missing file).
FONT_ENV = "WORKBOOK_PDF_FONT"
#: The family name the stylesheet uses; unique, so no system face can stand in.
FAMILY = "Workbook Sans"

#: Basic Latin, Latin-1, Latin Extended-A, and common punctuation and symbols.
UNICODES = (
    list(range(0x20, 0x7F)) + list(range(0xA0, 0x180))
    + list(range(0x2010, 0x2028)) + list(range(0x2030, 0x203B))
    + [0x20AC, 0x2122, 0x2190, 0x2192, 0x2212, 0x2713, 0x2714]
)


class FontMissing(FileNotFoundError):
    """The font file is not there; the message says how to install it."""


def source_font() -> Path:
    """The font to embed: ``$WORKBOOK_PDF_FONT`` or Debian's Liberation Sans."""
    path = Path(os.environ.get(FONT_ENV) or DEFAULT_FONT)
    if not path.is_file():
        hint = ("install Debian's fonts-liberation (scripts/setup.sh does: "
                "apt-get install fonts-liberation)") if path == DEFAULT_FONT else \
               f"point {FONT_ENV} at a .ttf file that exists, or unset it"
        raise FontMissing(f"the PDF font {path} is missing: {hint}")
    return path


def subset(source: Path, folder: Path) -> Path:
    """The Latin subset of ``source``, made once into ``folder`` and reused."""
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()[:16]
    target = folder / f"{source.stem}-latin-{digest}.ttf"
    if target.is_file():
        return target
    from fontTools import subset as ft_subset  # noqa: PLC0415 (only when a subset is missing)
    from fontTools.ttLib import TTFont, TTLibError  # noqa: PLC0415

    try:
        font = TTFont(source)
    except (TTLibError, OSError, ValueError) as error:
        raise FontMissing(f"the PDF font {source} cannot be read ({error}): "
                          "use a TrueType (.ttf) file") from None
    options = ft_subset.Options()
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.layout_features = ["kern", "liga"]
    options.drop_tables += ["FFTM"]
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    data = io.BytesIO()
    font.save(data)
    atomic.write(target, data.getvalue())
    return target
