"""The worksheet PDFs in the built site (workbook/pdf/, wired by workbook/plugin.py).

Every expectation is derived here from the definitions themselves, so a
worksheet added tomorrow is checked the same way.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from checks import site
from workbook.pdf.fields import ROWS
from workbook.worksheet import load_all

WORKSHEETS = load_all(site.ROOT / "worksheets", site.ROOT / "docs")
PAPERS = ("letter", "a4")
LIMIT = 100_000  # bytes per worksheet PDF


def expected_fields(worksheet, prefix: str = "") -> set[str]:
    """Names from the ids: a field, a box per multiple-choice option, a cell per row x column."""
    names = set()
    for field in worksheet.fields():
        if field.type == "rows":
            names |= {f"{prefix}{field.id}.{row}.{c.id}" for row in range(1, ROWS + 1) for c in field.columns}
        elif field.type == "multiple_choice":
            names |= {f"{prefix}{field.id}.{o.id}" for o in field.options}
        else:
            names.add(f"{prefix}{field.id}")
    return names


def form_fields(reader: PdfReader) -> dict:
    """The fields a reader fills in (the tree's inner nodes left out)."""
    return {name: f for name, f in (reader.get_fields() or {}).items() if "/FT" in f}


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(reader: PdfReader) -> str:
    return flat(" ".join(page.extract_text() for page in reader.pages))


def sheet_pdf(built: Path, worksheet_id: str, paper: str) -> Path:
    return built / "worksheets" / worksheet_id / f"{worksheet_id}-{paper}.pdf"


def test_every_worksheet_is_defined() -> None:
    assert len(WORKSHEETS) >= 13


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("worksheet", WORKSHEETS, ids=lambda w: w.id)
def test_worksheet_pdf(built_site: Path, worksheet, paper: str) -> None:
    path = sheet_pdf(built_site, worksheet.id, paper)
    assert path.is_file(), f"{path.relative_to(built_site)} was not built"
    assert path.stat().st_size <= LIMIT, f"{path.name} is {path.stat().st_size} bytes, over {LIMIT}"
    reader = PdfReader(path)

    fields = form_fields(reader)
    assert set(fields) == expected_fields(worksheet)
    for name, field in fields.items():
        assert field.get("/TU"), f"{name} has no description for screen readers"

    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog, "not tagged"
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "en"
    assert reader.metadata.title == worksheet.title
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]

    width = float(reader.pages[0].mediabox.width)
    assert round(width) == (612 if paper == "letter" else 595)

    text = pdf_text(reader)
    for what in [worksheet.title, worksheet.summary, *(f.label for _, f in worksheet.fields_with_paths()),
                 *(s.title for s in worksheet.sections)]:
        assert flat(what) in text, f"{what!r} is missing from {path.name}"
    joined = text.replace(" ", "")  # an address may wrap onto the next line
    base = "http://127.0.0.1:"  # the session build's site_url
    assert re.search(re.escape(base) + r"\d+/worksheets/" + re.escape(worksheet.id) + "/", joined), "page URL"
    assert re.search(re.escape(base) + r"\d+/safety/", joined), "Safety page URL"
    assert "Trust Workbook" in text
    assert f"Page 1 of {len(reader.pages)}" in text
    if worksheet.therapist:  # the note for therapists stays off the client's paper
        for what in [worksheet.therapist.purpose, worksheet.therapist.avoid_when, *worksheet.therapist.debrief]:
            assert flat(what) not in text, f"the therapist note is in {path.name}: {what!r}"


def fill_values(fields: dict) -> dict[str, str]:
    """Something for every field: text, a ticked box, the last button of each group."""
    values = {}
    for name, field in fields.items():
        if field["/FT"] == "/Tx":
            values[name] = f"Answer for {name}, café"
        else:
            states = [s for s in field["/_States_"] if s != "/Off"]
            values[name] = states[-1]
    return values


def assert_fills_and_reads_back(pdf: Path, tmp_path: Path) -> None:
    """Every field of ``pdf`` filled in (text with an accent, each choice's last
    state), saved, and read back with the same values."""
    reader = PdfReader(pdf)
    values = fill_values(form_fields(reader))
    writer = PdfWriter(clone_from=reader)
    writer.set_need_appearances_writer(True)
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    out = tmp_path / "filled.pdf"
    writer.write(out)
    back = form_fields(PdfReader(out))
    assert {name: f.get("/V") for name, f in back.items()} == values


@pytest.mark.parametrize("worksheet", WORKSHEETS, ids=lambda w: w.id)
def test_filled_fields_read_back(built_site: Path, worksheet, tmp_path: Path) -> None:
    assert_fills_and_reads_back(sheet_pdf(built_site, worksheet.id, "letter"), tmp_path)


def test_radio_values_are_option_ids(built_site: Path) -> None:
    worksheet = next(w for w in WORKSHEETS if any(f.type == "scale" for f in w.fields()))
    fields = form_fields(PdfReader(sheet_pdf(built_site, worksheet.id, "a4")))
    for field in worksheet.fields():
        if field.type == "scale":
            states = {s for s in fields[field.id]["/_States_"] if s != "/Off"}
            assert states == {f"/{v}" for v in range(field.scale.min, field.scale.max + 1)}
        elif field.type == "single_choice":
            assert {s for s in fields[field.id]["/_States_"] if s != "/Off"} == {f"/{o.id}" for o in field.options}


@pytest.mark.parametrize("paper", PAPERS)
def test_whole_workbook(built_site: Path, paper: str) -> None:
    path = built_site / "worksheets" / f"trust-workbook-{paper}.pdf"
    reader = PdfReader(path)
    assert [item.title for item in reader.outline] == [w.title for w in WORKSHEETS]
    assert all(not isinstance(item, list) for item in reader.outline)
    expected = set().union(*(expected_fields(w, f"{w.id}.") for w in WORKSHEETS))
    assert set(form_fields(reader)) == expected
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == "en"
    assert reader.metadata.title == "Trust Workbook: every worksheet"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    # The contents run until the first worksheet's page (two pages once there are 20).
    first = reader.get_destination_page_number(reader.outline[0])
    assert first >= 1
    contents = flat(" ".join(reader.pages[i].extract_text() for i in range(first)))
    assert "Contents" in contents
    for worksheet in WORKSHEETS:
        assert worksheet.title in contents
        # The outline's page and the contents' page number agree.
        item = next(i for i in reader.outline if i.title == worksheet.title)
        number = reader.get_destination_page_number(item) + 1
        assert re.search(re.escape(worksheet.title) + r"[ .]*" + str(number) + r"\b", contents), worksheet.title


@pytest.mark.parametrize("paper", PAPERS)
def test_whole_workbook_is_its_worksheets_pdfs_after_the_contents(built_site: Path, paper: str) -> None:
    """Assembled from the worksheets' own PDFs (workbook/pdf/assemble.py): every page and field of each."""
    reader = PdfReader(built_site / "worksheets" / f"trust-workbook-{paper}.pdf")
    parts = [PdfReader(sheet_pdf(built_site, w.id, paper)) for w in WORKSHEETS]
    starts = [reader.get_destination_page_number(item) for item in reader.outline]
    assert len(reader.pages) == starts[0] + sum(len(part.pages) for part in parts)
    assert starts == [starts[0] + sum(len(p.pages) for p in parts[:n]) for n in range(len(parts))]
    for worksheet, part, start in zip(WORKSHEETS, parts, starts, strict=True):
        assert reader.pages[start].extract_text() == part.pages[0].extract_text(), worksheet.id

    # Every field of every worksheet, once, under its worksheet's id, and on a page of the file.
    names: list[str] = []
    widgets = {a.idnum for page in reader.pages for a in page.get("/Annots", [])}

    def walk(field, prefix: str) -> None:  # noqa: ANN001
        field = field.get_object()
        name = prefix + field["/T"] if "/T" in field else prefix.rstrip(".")
        kids = [k for k in field.get("/Kids", []) if "/T" in k.get_object()]
        if kids:
            for kid in kids:
                walk(kid, name + ".")
            return
        names.append(name)
        for widget in field.get("/Kids", [field.indirect_reference]):
            assert widget.idnum in widgets, f"{name} has a widget on no page"

    for top in reader.trailer["/Root"]["/AcroForm"]["/Fields"]:
        walk(top, "")
    assert sorted(names) == sorted(set().union(*(expected_fields(w, f"{w.id}.") for w in WORKSHEETS)))
    form = reader.trailer["/Root"]["/AcroForm"]
    assert form["/NeedAppearances"]
    assert set(form["/DR"]["/Font"]) == set(PdfReader(sheet_pdf(built_site, WORKSHEETS[0].id, paper))
                                            .trailer["/Root"]["/AcroForm"]["/DR"]["/Font"])

    # The contents link each worksheet's first page in the file.
    targets = {}
    for page in reader.pages[:starts[0]]:
        for annotation in (a.get_object() for a in page.get("/Annots", [])):
            action = annotation.get("/A", {})
            if action.get("/S") == "/GoTo":
                targets[annotation["/Contents"]] = reader.get_page_number(action["/D"][0].get_object())
    assert targets == {w.title: start for w, start in zip(WORKSHEETS, starts, strict=True)}


def test_whole_workbook_fields_fill_and_read_back(built_site: Path, tmp_path: Path) -> None:
    assert_fills_and_reads_back(built_site / "worksheets" / "trust-workbook-a4.pdf", tmp_path)


def test_worksheet_pages_offer_both_sizes(built_site: Path) -> None:
    for worksheet in WORKSHEETS:
        page = BeautifulSoup((built_site / "worksheets" / worksheet.id / "index.html").read_text(), "html.parser")
        links = page.select(".tw-pdf-downloads a")
        assert len(links) == 2, worksheet.id
        for link, paper, name in zip(links, PAPERS, ("Letter", "A4"), strict=True):
            assert link["href"] == f"{worksheet.id}-{paper}.pdf"
            size = sheet_pdf(built_site, worksheet.id, paper).stat().st_size
            assert link.get_text() == f"PDF, {name}, {max(1, round(size / 1000))} KB"
            assert link.find_parent("form") is None


def test_index_offers_the_whole_workbook(built_site: Path) -> None:
    page = BeautifulSoup((built_site / "worksheets" / "index.html").read_text(), "html.parser")
    hrefs = [a["href"] for a in page.select(".tw-pdf-downloads--workbook a")]
    assert hrefs == ["trust-workbook-letter.pdf", "trust-workbook-a4.pdf"]
    assert "workbook:pdf-workbook" not in page.decode()
    for href in hrefs:
        assert (built_site / "worksheets" / href).is_file()


def test_button_states_are_named_for_readers(built_site: Path) -> None:
    """Checkboxes turn on as /Yes; a radio button has no name of its own."""
    reader = PdfReader(sheet_pdf(built_site, "promise-log", "letter"))
    for annotation in (a.get_object() for p in reader.pages for a in p.get("/Annots", [])):
        if annotation.get("/Subtype") != "/Widget" or annotation.get("/FT", annotation.get("/Parent", {}).get("/FT")) != "/Btn":
            continue
        if "/Parent" in annotation and "/Kids" in annotation["/Parent"].get_object() and "/T" not in annotation:
            continue  # a radio button, named by its group
        assert "/Yes" in annotation["/AP"]["/N"], annotation
    assert NameObject("/AcroForm") in reader.trailer["/Root"]


# A build whose PDFs all come from the cache runs this in its own process and
# reports which of WeasyPrint's modules it loaded.
_BUILD_AND_LIST_MODULES = """
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
build(load_config("mkdocs.yml", site_dir=sys.argv[1], strict=True))
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "weasyprint")))
"""


def test_a_warm_cache_build_never_imports_weasyprint(built_site: Path, site_port: int, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    # built_site rendered (or found) every PDF for this site_url, so all are cached now.
    monkeypatch.setenv("WORKBOOK_PDFS", "on")
    monkeypatch.setenv("SITE_URL", f"http://127.0.0.1:{site_port}/")
    result = subprocess.run([sys.executable, "-c", _BUILD_AND_LIST_MODULES, str(tmp_path / "out")],
                            cwd=site.ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "out").rglob("*.pdf")), "the build should have its PDFs"
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
