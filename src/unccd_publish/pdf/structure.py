"""What PDF/UA-1 asks of the structure tree and WeasyPrint 70 leaves out, added to the PDF
just before it is written (``write_pdf(finisher=complete_structure)``):

- every table header cell (/TH) gets /Scope in its /Table attributes: /Row for
  ``<th scope="row">``, /Column otherwise (the reading WeasyPrint gives /Headers);
- every footnote (``float: footnote``) is a /Note with a unique /ID, not a /Span;
- a list item's content other than its label is wrapped in an /LBody, as ISO 32000-1 wants
  (WeasyPrint puts a ``<p>`` of an ``<li>`` straight under the /LI).

Each step works only on what it recognises and leaves anything else as WeasyPrint wrote it;
tests/test_pdf_structure.py holds the result.
"""

from __future__ import annotations

from typing import Any

import pydyf
from weasyprint.formatting_structure.boxes import FootnoteAreaBox

LIST_ITEM_PARTS = ("/Lbl", "/LBody")


def complete_structure(document: Any, pdf: pydyf.PDF) -> None:
    if "StructTreeRoot" not in pdf.catalog:
        return
    _scope_table_headers(document)
    _footnotes_as_notes(document, pdf)
    _list_bodies(pdf)


def _object(pdf: pydyf.PDF, reference: bytes) -> Any:
    return pdf.objects[int(reference.split()[0])]


def _scope_table_headers(document: Any) -> None:
    for page in document.pages:
        for box in page._page_box.descendants():
            element = getattr(box, "mark", None)  # WeasyPrint's /TH or /TD of a cell box
            if element is None or box.element_tag != "th":
                continue
            row = box.element is not None and box.element.get("scope") == "row"
            element["A"]["Scope"] = "/Row" if row else "/Column"


def _footnotes_as_notes(document: Any, pdf: pydyf.PDF) -> None:
    """A page's footnote area is the last element WeasyPrint adds to /Document for the page
    (margin boxes are not attached); its children are the notes, in the order of the boxes."""
    root = _object(pdf, pdf.catalog["StructTreeRoot"])
    top = _object(pdf, root["K"][0])
    kids = [_object(pdf, reference) for reference in top["K"]]
    pages = pdf.page_references
    used: set[str] = set()
    for number, page in enumerate(document.pages):
        notes = [box for child in page._page_box.children
                 if isinstance(child, FootnoteAreaBox) for box in child.children]
        on_page = [kid for kid in kids if kid.get("Pg") == pages[number]]
        if not notes or not on_page:
            continue
        area = on_page[-1]
        spans = [_object(pdf, reference) for reference in area["K"]
                 if isinstance(reference, bytes)]
        if area["S"] != "/NonStruct" or len(spans) != len(area["K"]) or len(spans) != len(
                notes) or any(span["S"] != "/Span" for span in spans):
            continue
        for span, box in zip(spans, notes, strict=True):
            label = (box.element.get("data-n") if box.element is not None else None) or "note"
            identifier, repeat = f"note-{label}", 1
            while identifier in used:  # a note continued on the next page
                repeat += 1
                identifier = f"note-{label}-{repeat}"
            used.add(identifier)
            span["S"] = "/Note"
            span["ID"] = pydyf.String(identifier)


def _list_bodies(pdf: pydyf.PDF) -> None:
    for item in list(pdf.objects):
        if not isinstance(item, pydyf.Dictionary) or item.get("S") != "/LI":
            continue
        kids = item["K"]
        if any(not isinstance(kid, bytes) for kid in kids):
            continue  # marked content straight in the item: left alone
        parts = [_object(pdf, kid) for kid in kids]
        body = [kid for kid, part in zip(kids, parts, strict=True)
                if part["S"] not in LIST_ITEM_PARTS]
        if not body:
            continue
        first = kids.index(body[0])
        lbody = pydyf.Dictionary({
            "Type": "/StructElem",
            "S": "/LBody",
            "K": pydyf.Array(body),
            "Pg": _object(pdf, body[0]).get("Pg", item["Pg"]),
            "P": item.reference,
        })
        pdf.add_object(lbody)
        for kid in body:
            _object(pdf, kid)["P"] = lbody.reference
        kept = [kid for kid in kids if kid not in body]
        item["K"] = pydyf.Array([*kept[:first], lbody.reference, *kept[first:]])
