"""The whole workbook assembled from the worksheets' PDFs (workbook/pdf/assemble.py, build.py).

WeasyPrint is stood in for by a function that counts what it is asked to
render and returns a one-page PDF, so these tests show what is rendered
again after an edit, and what a broken cache entry does, in a second. The
assembled file of the real site is checked in tests/test_pdf.py.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from checks import site
from tests.test_pdf_failures import _copy_templates, tiny_pdf
from workbook.pdf import build, cache, downloads, markup, render
from workbook.pdf.errors import PdfError
from workbook.model import replace
from workbook.worksheet import load_all

THERE = markup.Site("Trust Workbook", "https://a.example/")


class _WeasyPrint:
    """Stands in for render.render: counts each worksheet or contents page rendered."""

    def __init__(self) -> None:
        self.rendered: list[str] = []

    def __call__(self, html: str, fields: object, *, what: str = "PDF") -> bytes:
        self.rendered.append(what)
        return tiny_pdf(f"{what} {hashlib.sha256(html.encode()).hexdigest()}")


@pytest.fixture
def weasyprint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> _WeasyPrint:
    _copy_templates(tmp_path, monkeypatch)
    stand_in = _WeasyPrint()
    monkeypatch.setattr(render, "render", stand_in)
    # In this process, one job after another, so the stand-in sees every render.
    monkeypatch.setattr(build, "render_all", lambda jobs, **_: [build.make_one(job) for job in jobs])
    return stand_in


def _worksheets(n: int = 3) -> list:
    return load_all(site.ROOT / "worksheets", site.ROOT / "docs")[:n]


def _made(pdf: bytes) -> list[str]:
    """What made each page (the stand-in's mark)."""
    return [str(page.get("/Made")) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_editing_one_worksheet_renders_only_its_pdfs_and_assembles_the_workbook_again(
        tmp_path: Path, weasyprint: _WeasyPrint) -> None:
    worksheets = _worksheets()
    first = build.make(worksheets, THERE, tmp_path / "pdf")
    book = {paper: "the whole workbook (" + paper + ")" for paper in markup.PAPERS}
    # Each worksheet once per paper, and per paper only the contents page for the workbook.
    assert sorted(weasyprint.rendered) == sorted(
        [f"worksheets/{w.id}.yml ({p})" for w in worksheets for p in markup.PAPERS] + list(book.values()))
    for paper in markup.PAPERS:
        assembled = PdfReader(io.BytesIO(first.files[downloads.workbook_path(paper)]))
        # The contents, then each worksheet's own (cached) PDF, in order: one page each here.
        pages = _made(first.files[downloads.workbook_path(paper)])
        assert pages[0].startswith(book[paper])
        assert pages[1:] == [_made(first.files[downloads.sheet_path(w.id, paper)])[0] for w in worksheets]
        assert [item.title for item in assembled.outline] == [w.title for w in worksheets]

    weasyprint.rendered.clear()
    assert build.make(worksheets, THERE, tmp_path / "pdf").files == first.files
    assert weasyprint.rendered == [], "nothing changed, nothing rendered"

    edited = replace(worksheets[1], summary=worksheets[1].summary + " Edited.")
    again = build.make([worksheets[0], edited, worksheets[2]], THERE, tmp_path / "pdf")
    assert sorted(weasyprint.rendered) == sorted([f"worksheets/{edited.id}.yml ({p})" for p in markup.PAPERS]
                                                 + list(book.values()))
    for paper in markup.PAPERS:
        # The workbook is assembled again: the edited worksheet's new page, the others' cached ones.
        before, after = (_made(made.files[downloads.workbook_path(paper)]) for made in (first, again))
        assert len(after) == 1 + len(worksheets)
        assert after[2] != before[2]
        assert after[2] == _made(again.files[downloads.sheet_path(edited.id, paper)])[0]
        assert after[1::2] == before[1::2]


def test_under_serve_the_workbook_waits_for_its_worksheets_current_pdfs(tmp_path: Path,
                                                                         weasyprint: _WeasyPrint) -> None:
    worksheets = _worksheets()
    folder = tmp_path / "pdf"
    build.make(worksheets, THERE, folder)
    edited = replace(worksheets[0], title=worksheets[0].title + " (new)")
    current = [edited, *worksheets[1:]]

    # The rebuild right after the edit: no workbook (the old one is out of date), only renders to do.
    made = build.make(current, THERE, folder, render=False)
    assert made.workbook == {}
    assert not any(downloads.workbook_path(p) in made.files for p in markup.PAPERS)
    assert sorted(job.path for job in made.missing) == sorted(downloads.sheet_path(edited.id, p)
                                                               for p in markup.PAPERS)
    for job in made.missing:  # what workbook/pdf/later.py does in the background
        cache.Cache(folder).put(job.key, build.make_one(job))

    # The next rebuild: the worksheets are there, so the workbook is planned (not yet offered).
    made = build.make(current, THERE, folder, render=False)
    assert made.workbook == {}
    assert sorted(job.path for job in made.missing) == sorted(downloads.workbook_path(p) for p in markup.PAPERS)
    for job in made.missing:
        cache.Cache(folder).put(job.key, build.make_one(job))

    # Then it is offered, assembled from the current worksheets' PDFs.
    made = build.make(current, THERE, folder, render=False)
    assert made.missing == []
    assert set(made.workbook) == set(markup.PAPERS)
    assembled = PdfReader(io.BytesIO(made.files[downloads.workbook_path("letter")]))
    assert assembled.outline[0].title == edited.title


def test_a_corrupt_cached_worksheet_pdf_stops_the_build_saying_what_to_do(tmp_path: Path,
                                                                          weasyprint: _WeasyPrint) -> None:
    worksheets = _worksheets(2)
    folder = tmp_path / "pdf"
    build.make(worksheets, THERE, folder)
    store = cache.Cache(folder)
    face = next((folder / "fonts").glob("*.ttf"))
    jobs = build.plan(worksheets, THERE, face, title=f"{THERE.name}: every worksheet")
    sheet = next(j for j in jobs if j.title is None and j.paper == "a4")
    book = next(j for j in jobs if j.title is not None and j.paper == "a4")
    broken = store.path(store.key_for(sheet.inputs))
    broken.write_bytes(b"%PDF-1.7 cut short")
    store.path(store.key_for(book.inputs)).unlink()  # so the workbook is assembled again

    with pytest.raises(PdfError) as caught:
        build.make(worksheets, THERE, folder)
    message = str(caught.value)
    assert "\n" not in message
    assert f"the cached PDF of worksheets/{worksheets[0].id}.yml (a4) cannot be read" in message
    assert f"delete {broken}" in message and "build again" in message


def _full_names(reader: PdfReader) -> list[str]:
    """The full name of every field a reader fills in, once per field found in the tree."""
    names: list[str] = []

    def walk(field, prefix: str) -> None:  # noqa: ANN001
        field = field.get_object()
        name = prefix + field["/T"]
        kids = [k for k in field.get("/Kids", []) if "/T" in k.get_object()]
        if not kids:
            names.append(name)
        for kid in kids:
            walk(kid, name + ".")

    for top in reader.trailer["/Root"]["/AcroForm"]["/Fields"]:
        walk(top, "")
    return names


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, build.Made]:
    """Two worksheets and their workbook, rendered by WeasyPrint into a fresh cache."""
    worksheets = load_all(site.ROOT / "worksheets", site.ROOT / "docs")
    chosen = [next(w for w in worksheets if w.id == "promise-log"),
              next(w for w in worksheets if w.id == "trust-self-check")]
    return chosen, build.make(chosen, THERE, tmp_path_factory.mktemp("pdf"))


@pytest.mark.parametrize("paper", list(markup.PAPERS))
def test_the_assembled_workbook_holds_every_page_and_field_once(real: tuple[list, build.Made], paper: str,
                                                                tmp_path: Path) -> None:
    from pypdf import PdfWriter

    from workbook.pdf.fields import pdf_fields

    worksheets, made = real
    book = PdfReader(io.BytesIO(made.files[downloads.workbook_path(paper)]))
    parts = [PdfReader(io.BytesIO(made.files[downloads.sheet_path(w.id, paper)])) for w in worksheets]
    starts = [book.get_destination_page_number(item) for item in book.outline]
    assert [item.title for item in book.outline] == [w.title for w in worksheets]
    assert len(book.pages) == starts[0] + sum(len(p.pages) for p in parts)
    assert starts[1] == starts[0] + len(parts[0].pages)
    assert book.metadata.title == "Trust Workbook: every worksheet"
    assert book.trailer["/Root"]["/Lang"] == "en"

    names = _full_names(book)
    expected = [f"{w.id}.{f.name}" for w in worksheets for f in pdf_fields(w)]
    assert sorted(names) == sorted(expected), "every field of every worksheet, each once"
    assert book.trailer["/Root"]["/AcroForm"]["/NeedAppearances"]

    # Still tagged as a whole: each page and annotation points at its own parent tree entry.
    tree = book.trailer["/Root"]["/StructTreeRoot"]
    numbers = tree["/ParentTree"]["/Nums"]
    keys = [int(k) for k in numbers[::2]]
    assert len(keys) == len(set(keys)) and int(tree["/ParentTreeNextKey"]) > max(keys)
    used = [int(p["/StructParents"]) for p in book.pages]
    used += [int(a.get_object()["/StructParent"]) for p in book.pages for a in p.get("/Annots", [])
             if "/StructParent" in a.get_object()]
    assert len(used) == len(set(used)) and set(used) <= set(keys)

    # Filled in, it reads back.
    fields = {n: f for n, f in (book.get_fields() or {}).items() if "/FT" in f}
    values = {n: (f"Answer {n}" if f["/FT"] == "/Tx" else [s for s in f["/_States_"] if s != "/Off"][-1])
              for n, f in fields.items()}
    writer = PdfWriter(clone_from=book)
    writer.set_need_appearances_writer(True)
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.write(tmp_path / "filled.pdf")
    back = PdfReader(tmp_path / "filled.pdf").get_fields()
    assert {n: back[n].get("/V") for n in values} == values


def test_the_same_parts_assemble_to_the_same_bytes() -> None:
    # A rebuild from the same PDFs (another machine, a cleared cache) gives the same file.
    import time

    from workbook.pdf import assemble

    cover = tiny_pdf("contents")
    parts = [assemble.Part(name, name.title(), f"https://a.example/{name}/", tiny_pdf(name)) for name in ("a", "b")]
    first = assemble.assemble(cover, parts)
    time.sleep(1.1)  # qpdf's own file identifier would mix in the time
    assert assemble.assemble(cover, parts) == first
