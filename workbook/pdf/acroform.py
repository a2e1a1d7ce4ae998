"""Tidy the form WeasyPrint writes into a proper AcroForm field tree.

A WeasyPrint "finisher" (run on the pydyf PDF just before it is written).
WeasyPrint 70 makes one field per HTML control, named by its ``name``
attribute, and a radio group whose buttons are also listed as fields of
their own, each still carrying the group's name. This pass:

- turns every radio group into one field whose buttons are its widgets
  (no name of their own), with the option ids as the buttons' on-states
  (``/yes``, ``/not-yet``, ``/3``) instead of positions, so the value read
  back from a filled PDF is the saved-answer value;
- names a checkbox's on-state ``/Yes`` (what every PDF reader expects);
- splits dotted names into levels of the field tree (``promise-rows`` ->
  ``1`` -> ``kept``), as the PDF format requires (a partial field name may
  not contain a period), so the full name reads ``promise-rows.1.kept``;
- gives every field the description a screen reader announces (``/TU``).
"""

from __future__ import annotations

from collections.abc import Mapping

import pydyf

from workbook.pdf.fields import PdfField


def _objects(pdf: pydyf.PDF) -> dict[bytes, pydyf.Object]:
    return {obj.reference: obj for obj in pdf.objects if obj.number is not None}


def _ref(value: object) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode()


def tidy(pdf: pydyf.PDF, fields: Mapping[str, PdfField]) -> None:
    """Rewrite ``pdf``'s AcroForm in place; ``fields`` maps full names to their field."""
    acroform = pdf.catalog.get("AcroForm")
    if acroform is None:
        return
    objects = _objects(pdf)
    listed = [objects[_ref(r)] for r in acroform["Fields"]]
    kids = {_ref(k) for f in listed if "Kids" in f for k in f["Kids"]}
    top = [f for f in listed if f.reference not in kids]

    for field in top:
        if "Kids" in field:  # a radio group
            values = fields[field["T"].string].values if field["T"].string in fields else ()
            for index, ref in enumerate(field["Kids"]):
                button = objects[_ref(ref)]
                button.pop("T", None)
                button.pop("TU", None)
                state = values[index] if index < len(values) else str(index)
                appearance = button["AP"]["N"]
                old = index if index in appearance else str(index)  # WeasyPrint keys it by position
                appearance[state] = appearance.pop(old)
                if button["AS"] != "/Off":
                    button["AS"] = f"/{state}"
                    field["V"] = f"/{state}"
            field.pop("Opt", None)
        elif field.get("FT") == "/Btn":  # a checkbox
            appearance = field["AP"]["N"]
            if "on" in appearance:
                appearance["Yes"] = appearance.pop("on")
                if field["AS"] == "/on":
                    field["AS"] = field["V"] = "/Yes"

    roots: list[bytes] = []
    parents: dict[str, pydyf.Dictionary] = {}
    for field in top:
        name = field["T"].string
        if name in fields:
            field["TU"] = pydyf.String(fields[name].description)
        *path, last = name.split(".")
        if not path:
            roots.append(field.reference)
            continue
        parent = None
        for depth in range(1, len(path) + 1):
            key = ".".join(path[:depth])
            if key not in parents:
                node = pydyf.Dictionary({"T": pydyf.String(path[depth - 1]), "Kids": pydyf.Array()})
                pdf.add_object(node)
                parents[key] = node
                if parent is None:
                    roots.append(node.reference)
                else:
                    node["Parent"] = parent.reference
                    parent["Kids"].append(node.reference)
            parent = parents[key]
        field["T"] = pydyf.String(last)
        field["Parent"] = parent.reference
        parent["Kids"].append(field.reference)
    acroform["Fields"] = pydyf.Array(roots)
