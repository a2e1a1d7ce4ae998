"""The whole workbook as one PDF, put together from PDFs already rendered.

Rendering every worksheet again for the whole workbook took longer than all
the worksheets' own PDFs together. So the whole workbook is assembled from
the worksheets' own PDFs (of the same paper size), after a contents page
rendered on its own (small: no form fields). Bytes in, bytes out, with
pikepdf (qpdf): it copies what each page needs in a fraction of a second
and writes compressed object streams, as WeasyPrint does, so the file is no
bigger than the rendered one was. Nothing is rendered here.

What the assembled file keeps, so that it works as the rendered one did:

- every page of the contents, then of each worksheet, in order;
- every form field, each worksheet's under one more level named by its id,
  so the full names read ``<worksheet-id>.<field name>``, unique across the
  workbook and the same names the whole workbook always had; the form's
  settings (``/NeedAppearances``, the default appearance and the font
  resources the fields name) are merged;
- the structure tree (the file stays tagged for screen readers): each
  worksheet's elements go under the contents' document element, and the
  numbers that tie pages and annotations to it are shifted past those
  already used;
- one bookmark per worksheet, at its first page;
- the contents' links to each worksheet (rendered as links to the
  worksheet's web page, which is all the contents page alone knows) turned
  into links to the worksheet's first page;
- the title, language and metadata of the contents page, which is rendered
  with the workbook's title.

Every worksheet embeds the same font file and character map; each is kept once.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, String


@dataclass(frozen=True)
class Part:
    """One worksheet's PDF, and what the workbook calls it."""

    name: str       # the worksheet id: the first level of its field names
    title: str      # its bookmark
    link: str       # the address the contents page links it by
    pdf: bytes


class Unreadable(ValueError):
    """A PDF handed in cannot be read or is not one this code wrote; ``what`` says which."""

    def __init__(self, what: str, problem: str) -> None:
        problem = " ".join(problem.split())  # one line, whatever qpdf said
        super().__init__(f"{what}: {problem}")
        self.what = what
        self.problem = problem


def _open(data: bytes, what: str) -> pikepdf.Pdf:
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, ValueError, OSError) as error:
        raise Unreadable(what, f"not a readable PDF ({type(error).__name__}: {error})") from None
    if len(pdf.pages) == 0:
        raise Unreadable(what, "it has no pages")
    return pdf


def page_count(data: bytes, what: str = "PDF") -> int:
    """How many pages ``data`` has; raises :class:`Unreadable`."""
    with _open(data, what) as pdf:
        return len(pdf.pages)


def assemble(cover: bytes, parts: Sequence[Part]) -> bytes:
    """The contents page(s) ``cover`` followed by every part, as one PDF.

    Raises :class:`Unreadable` naming the part that cannot be read.
    """
    out = _open(cover, "the contents page")
    sources = [(part, _open(part.pdf, part.name)) for part in parts]
    contents_pages = len(out.pages)
    form = _form(out)
    structure = _Structure.of(out)
    first_pages: dict[str, pikepdf.Object] = {}
    for part, source in sources:
        try:
            first_pages[part.name] = _append(out, source, part, form, structure)
        except (KeyError, AttributeError, TypeError, IndexError, pikepdf.PdfError) as error:
            raise Unreadable(part.name, f"not a worksheet PDF this code wrote ({type(error).__name__}: "
                                        f"{error})") from None
    if structure:
        structure.tree[Name.ParentTreeNextKey] = structure.next_key
    _bookmarks(out, parts, first_pages)
    _link_contents(out, parts, first_pages, contents_pages)
    _one_font_file(out)
    if Name.Names in out.Root:
        del out.Root[Name.Names]  # the contents page's own anchors: nothing links them now
    data = io.BytesIO()
    # deterministic_id: the same parts give the same bytes (qpdf would otherwise mix the time into /ID).
    out.save(data, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True,
             deterministic_id=True)
    return data.getvalue()


def _form(out: pikepdf.Pdf) -> pikepdf.Dictionary:
    if Name.AcroForm not in out.Root:
        out.Root[Name.AcroForm] = out.make_indirect(Dictionary(Fields=Array()))
    form = out.Root.AcroForm
    if Name.Fields not in form:
        form[Name.Fields] = Array()
    return form


@dataclass
class _Structure:
    """The workbook's structure tree: where the worksheets' elements go."""

    tree: pikepdf.Dictionary
    document: pikepdf.Dictionary   # the document element, parent of every worksheet's elements
    numbers: pikepdf.Array         # the parent tree's /Nums
    next_key: int

    @classmethod
    def of(cls, out: pikepdf.Pdf) -> _Structure | None:
        if Name.StructTreeRoot not in out.Root:
            return None  # an untagged contents page (only in tests): the worksheets' tags are left out
        tree = out.Root.StructTreeRoot
        parent_tree = tree.ParentTree
        if Name.Nums not in parent_tree:
            parent_tree[Name.Nums] = Array()
        numbers = parent_tree.Nums
        document = _document(tree)
        if not isinstance(document.get(Name.K), Array):
            document[Name.K] = Array([document[Name.K]] if Name.K in document else [])
        return cls(tree, document, numbers, max((int(n) for n in list(numbers)[::2]), default=-1) + 1)


def _document(tree: pikepdf.Dictionary) -> pikepdf.Dictionary:
    top = tree.K
    return top[0] if isinstance(top, Array) else top


def _append(out: pikepdf.Pdf, source: pikepdf.Pdf, part: Part, form: pikepdf.Dictionary,
            structure: _Structure | None) -> pikepdf.Object:
    """Appends ``part``'s pages, fields and structure; returns its first page."""
    offset = structure.next_key if structure else 0
    start = len(out.pages)
    with warnings.catch_warnings():
        # pikepdf warns that pages.extend leaves the form behind: the fields are copied below.
        warnings.simplefilter("ignore", category=getattr(pikepdf, "PageCopyWarning", Warning))
        out.pages.extend(source.pages)
    for page in out.pages[start:]:
        if Name.StructParents in page.obj:
            page.obj[Name.StructParents] = int(page.obj.StructParents) + offset
        for annotation in page.obj.get(Name.Annots, Array()):
            if Name.StructParent in annotation:
                annotation[Name.StructParent] = int(annotation.StructParent) + offset

    if structure and Name.StructTreeRoot in source.Root:
        _append_structure(out, source.Root.StructTreeRoot, structure, offset)

    source_form = source.Root.get(Name.AcroForm)
    if source_form is not None:
        node = out.make_indirect(Dictionary(T=String(part.name), Kids=Array()))
        for field in source_form.get(Name.Fields, Array()):
            copied = out.copy_foreign(field)  # its widgets are the annotations copied with the pages
            copied[Name.Parent] = node
            node.Kids.append(copied)
        form.Fields.append(node)
        _merge_form_settings(out, form, source_form)
    return out.pages[start].obj


def _append_structure(out: pikepdf.Pdf, source_tree: pikepdf.Dictionary, structure: _Structure,
                      offset: int) -> None:
    """The part's elements under the workbook's document element, and its parent
    tree entries (for pages and annotations) shifted by ``offset``."""
    source_document = _document(source_tree)
    if Name.P in source_document:
        # Its document element goes away (its children join the workbook's): cut
        # it off from its tree root, so copying a child does not drag the root along.
        del source_document[Name.P]
    kids = source_document.get(Name.K, Array())
    for kid in (kids if isinstance(kids, Array) else [kids]):
        copied = out.copy_foreign(kid) if kid.is_indirect else kid
        if isinstance(copied, Dictionary):
            copied[Name.P] = structure.document
        structure.document.K.append(copied)
    numbers = list(source_tree.ParentTree.get(Name.Nums, Array()))
    for key, value in zip(numbers[::2], numbers[1::2], strict=True):
        structure.numbers.append(int(key) + offset)
        if value.is_indirect:
            structure.numbers.append(out.copy_foreign(value))
        else:  # a page's array of elements
            structure.numbers.append(Array([out.copy_foreign(e) for e in value]))
        structure.next_key = max(structure.next_key, int(key) + offset + 1)


def _merge_form_settings(out: pikepdf.Pdf, form: pikepdf.Dictionary, source: pikepdf.Dictionary) -> None:
    """``/NeedAppearances``, ``/DA`` and the ``/DR`` resources the fields' appearances name."""
    if source.get(Name.NeedAppearances):
        form[Name.NeedAppearances] = True
    if Name.DA in source and Name.DA not in form:
        form[Name.DA] = source.DA
    if Name.DR not in source:
        return
    if Name.DR not in form:
        form[Name.DR] = out.copy_foreign(source.DR) if source.DR.is_indirect else source.DR
        return
    target = form.DR
    for kind, entries in source.DR.items():
        if not isinstance(entries, Dictionary):
            continue
        if kind not in target:
            target[kind] = Dictionary()
        here = target[kind]
        for name, value in entries.items():
            if name not in here:
                here[name] = out.copy_foreign(value) if value.is_indirect else value


def _bookmarks(out: pikepdf.Pdf, parts: Sequence[Part], first_pages: dict[str, pikepdf.Object]) -> None:
    index = {page.obj.objgen: n for n, page in enumerate(out.pages)}
    with out.open_outline() as outline:
        outline.root.clear()
        for part in parts:
            outline.root.append(pikepdf.OutlineItem(part.title, index[first_pages[part.name].objgen]))


def _link_contents(out: pikepdf.Pdf, parts: Sequence[Part], first_pages: dict[str, pikepdf.Object],
                   contents_pages: int) -> None:
    """The contents' links to each worksheet's web page made to go to its first page."""
    by_link = {part.link: part for part in parts}
    for page in list(out.pages)[:contents_pages]:  # a worksheet's own link to its web page stays
        for annotation in page.obj.get(Name.Annots, Array()):
            action = annotation.get(Name.A)
            if annotation.get(Name.Subtype) != Name.Link or action is None or Name.URI not in action:
                continue
            part = by_link.get(str(action.URI))
            if part is None:
                continue
            annotation[Name.A] = Dictionary(Type=Name.Action, S=Name.GoTo,
                                            D=Array([first_pages[part.name], Name.Fit]))
            annotation[Name.Contents] = String(part.title)


def _one_font_file(out: pikepdf.Pdf) -> None:
    """Every worksheet brought its own copy of the same font file (and of its
    character map): keep one of each."""
    kept: dict[bytes, pikepdf.Object] = {}
    for obj in out.objects:
        if not isinstance(obj, Dictionary):
            continue
        if obj.get(Name.Type) == Name.FontDescriptor:
            keys = (Name.FontFile, Name.FontFile2, Name.FontFile3)
        elif obj.get(Name.Type) == Name.Font:
            keys = (Name.ToUnicode,)
        else:
            continue
        for key in keys:
            stream = obj.get(key)
            if isinstance(stream, pikepdf.Stream):
                obj[key] = kept.setdefault(_digest(stream), stream)


def _digest(stream: pikepdf.Stream) -> bytes:
    """The same for two streams with the same bytes and dictionary."""
    entries = sorted((str(k), repr(v)) for k, v in stream.stream_dict.items() if k != Name.Length)
    return hashlib.sha256(repr(entries).encode() + b"\0" + stream.read_raw_bytes()).digest()
