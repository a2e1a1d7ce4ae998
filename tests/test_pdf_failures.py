"""What stops a PDF build, and how it says so; the cache key (workbook/pdf/)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import NameObject, TextStringObject

from checks import site
from workbook.pdf import build, cache, downloads, font, markup, render
from workbook.pdf.fields import pdf_fields
from workbook.model import replace
from workbook.worksheet import load_all


def _failed_build(tmp_path: Path) -> str:
    result = site.build(tmp_path / "out", project=tmp_path / "project", check=False)
    assert result.returncode != 0, "the build should have failed"
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_broken_template_stops_the_build_with_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = site.copy_project(tmp_path / "project")
    template = project / "workbook/pdf/templates/worksheet.html"
    lines = template.read_text().splitlines()
    lines.insert(3, "{% if %}")
    template.write_text("\n".join(lines))
    monkeypatch.setenv("WORKBOOK_PDFS", "on")
    stderr = _failed_build(tmp_path)
    assert "PDF template" in stderr
    assert "worksheet.html, line 4" in stderr


def test_a_missing_font_stops_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site.copy_project(tmp_path / "project")
    monkeypatch.setenv("WORKBOOK_PDFS", "on")
    monkeypatch.setenv("WORKBOOK_PDF_FONT", str(tmp_path / "gone.ttf"))
    stderr = _failed_build(tmp_path)
    assert f"the PDF font {tmp_path / 'gone.ttf'} is missing" in stderr


def test_the_missing_default_font_names_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("WORKBOOK_PDF_FONT", raising=False)
    monkeypatch.setattr(font, "DEFAULT_FONT", tmp_path / "LiberationSans-Regular.ttf")
    with pytest.raises(font.FontMissing, match="fonts-liberation"):
        font.source_font()


def test_pdfs_can_be_switched_off(settings_site: Path) -> None:
    # settings_site is built with WORKBOOK_PDFS=off (tests/conftest.py); its
    # other settings (a practice, offline use off) touch no PDF.
    assert not list(settings_site.rglob("*.pdf"))
    index = (settings_site / "worksheets/index.html").read_text()
    assert "tw-pdf-downloads" not in index
    assert "workbook:pdf-workbook" not in index


def test_the_network_is_never_asked() -> None:
    html = '<!DOCTYPE html><html lang="en"><title>x</title><img src="https://example.org/a.png" alt="">'
    with pytest.raises(render.PdfError, match="never the network"):
        render.render(html, {})


def test_the_cache_key_follows_what_shapes_the_pdf(tmp_path: Path) -> None:
    worksheet = load_all(site.ROOT / "worksheets", site.ROOT / "docs")[0]
    face = font.subset(font.DEFAULT_FONT, tmp_path)
    one = markup.Site("Trust Workbook", "https://a.example/")
    html = markup.document([worksheet], one, "letter", face)
    key = cache.key(html, paper="letter", font=face, code="c")
    assert key == cache.key(markup.document([worksheet], one, "letter", face), paper="letter", font=face, code="c")
    other_site = markup.document([worksheet], markup.Site("Trust Workbook", "https://b.example/"), "letter", face)
    changed = replace(worksheet, title=worksheet.title + " (new)")
    for different in (
        cache.key(other_site, paper="letter", font=face, code="c"),
        cache.key(markup.document([changed], one, "letter", face), paper="letter", font=face, code="c"),
        cache.key(markup.document([worksheet], one, "a4", face), paper="a4", font=face, code="c"),
        cache.key(html, paper="letter", font=face, code="changed code"),
    ):
        assert different != key
    store = cache.Cache(tmp_path / "pdf")
    assert store.get(key) is None
    store.put(key, b"%PDF-1.7 test")
    assert store.get(key) == b"%PDF-1.7 test"


def test_the_template_change_changes_the_key(tmp_path: Path) -> None:
    worksheet = load_all(site.ROOT / "worksheets", site.ROOT / "docs")[0]
    face = font.subset(font.DEFAULT_FONT, tmp_path)
    folder = tmp_path / "templates"
    folder.mkdir()
    for name in (markup.TEMPLATE, markup.STYLESHEET):
        (folder / name).write_text((markup.TEMPLATES / name).read_text())
    there = markup.Site("Trust Workbook", "https://a.example/")
    before = markup.document([worksheet], there, "letter", face, folder=folder)
    (folder / markup.STYLESHEET).write_text((folder / markup.STYLESHEET).read_text() + "\nh1 { color: red; }")
    markup._environment.cache_clear()
    after = markup.document([worksheet], there, "letter", face, folder=folder)
    assert cache.key(before, paper="letter", font=face, code="") != cache.key(after, paper="letter", font=face, code="")


def test_field_names_and_descriptions() -> None:
    worksheets = {w.id: w for w in load_all(site.ROOT / "worksheets", site.ROOT / "docs")}
    fields = {f.name: f for f in pdf_fields(worksheets["promise-log"])}
    kept = fields["promise-rows.2.kept"]
    assert kept.kind == "radio"
    assert kept.values == ("yes", "partly", "not-yet", "no")
    assert "row 2" in kept.description
    assert fields["told-partner"].kind == "checkbox"
    scale = next(f for f in pdf_fields(worksheets["trust-self-check"]) if f.kind == "radio")
    assert scale.values == ("1", "2", "3", "4", "5")
    assert "1 = " in scale.description


def tiny_pdf(name: str) -> bytes:
    """A one-page PDF whose title and page (its key /Made) say ``name``: as good as a
    rendered one for the cache and the assembly."""
    writer = PdfWriter()
    writer.add_blank_page(612, 792)[NameObject("/Made")] = TextStringObject(name)
    writer.add_metadata({"/Title": name})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


class _Renders:
    """Stands in for WeasyPrint: records what is made, returns a PDF named by the cache key."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def __call__(self, jobs: list[build.Render], **_options: object) -> list[bytes]:
        self.paths += [job.path for job in jobs]
        return [tiny_pdf(job.key) for job in jobs]


def _copy_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    for name in (markup.TEMPLATE, markup.STYLESHEET):
        (folder / name).write_text((markup.TEMPLATES / name).read_text())
    monkeypatch.setattr(markup, "TEMPLATES", folder)
    return folder


def test_a_cached_pdf_is_found_by_its_inputs_without_writing_html(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    worksheets = load_all(site.ROOT / "worksheets", site.ROOT / "docs")[:2]
    there = markup.Site("Trust Workbook", "https://a.example/")
    _copy_templates(tmp_path, monkeypatch)
    renders = _Renders()
    monkeypatch.setattr(build, "render_all", renders)
    first = build.make(worksheets, there, tmp_path / "pdf")
    assert len(renders.paths) == len(first.files) == 6  # two worksheets and the workbook, two papers each

    def no_html(*_args: object, **_kwargs: object) -> str:
        raise AssertionError("a PDF found by its input key needs no HTML")

    monkeypatch.setattr(markup, "document", no_html)
    again = build.make(worksheets, there, tmp_path / "pdf")
    assert again.files == first.files
    assert len(renders.paths) == 6


def test_a_template_or_definition_change_misses_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    worksheets = load_all(site.ROOT / "worksheets", site.ROOT / "docs")[:2]
    there = markup.Site("Trust Workbook", "https://a.example/")
    folder = _copy_templates(tmp_path, monkeypatch)
    renders = _Renders()
    monkeypatch.setattr(build, "render_all", renders)
    first = build.make(worksheets, there, tmp_path / "pdf")

    # A stylesheet change: every PDF is rendered afresh, from the new HTML.
    (folder / markup.STYLESHEET).write_text((folder / markup.STYLESHEET).read_text() + "\nh1 { color: red; }")
    markup._environment.cache_clear()
    renders.paths.clear()
    styled = build.make(worksheets, there, tmp_path / "pdf")
    assert sorted(renders.paths) == sorted(first.files)
    assert all(styled.files[path] != first.files[path] for path in first.files)

    # A definition change: that worksheet's PDFs and the workbook's (assembled again), nothing else.
    changed = replace(worksheets[0], title=worksheets[0].title + " (new)")
    renders.paths.clear()
    build.make([changed, worksheets[1]], there, tmp_path / "pdf")
    assert sorted(renders.paths) == sorted([downloads.sheet_path(worksheets[0].id, paper) for paper in markup.PAPERS]
                                           + [downloads.workbook_path(paper) for paper in markup.PAPERS])

    # Another site address: every PDF again (its links are full addresses).
    renders.paths.clear()
    build.make(worksheets, markup.Site("Trust Workbook", "https://b.example/"), tmp_path / "pdf")
    assert sorted(renders.paths) == sorted(first.files)


def test_an_unreadable_input_key_entry_is_a_miss(tmp_path: Path) -> None:
    store = cache.Cache(tmp_path)
    assert store.key_for("a" * 64) is None
    store.put_key("a" * 64, "b" * 64)
    assert store.key_for("a" * 64) == "b" * 64
    (tmp_path / f"{'a' * 64}.key").write_text("not a key")
    assert store.key_for("a" * 64) is None
