"""What a document shows other documents and what it cites of theirs: a change to the one
rebuilds the documents that cite it."""

from __future__ import annotations

from typing import Any

from unccd_publish import model as m
from unccd_publish.environment import digest


def export_digest(docset: Any) -> str:
    """What other documents can see of a document: symbol, titles, labels and their numbers."""
    parts: list[str] = [docset.meta.symbol or "", ",".join(sorted(docset.versions))]
    for lang, doc in sorted(docset.versions.items()):
        parts.append(f"{lang}:{doc.front.title}")
        for label, target in sorted(doc.labels.items()):
            number = getattr(target, "number", "")
            parts.append(f"{label}={target.kind}:{target.anchor}:{number}")
    return digest(*parts)


def cited_symbols(docset: Any) -> list[str]:
    """The symbols of the documents a document names in its prose."""
    found = {inline.symbol for doc in docset.versions.values() for block in doc.walk()
             for run in m.inlines_of(block) for inline in m.walk_inlines(run)
             if isinstance(inline, m.SymbolRef) and inline.ref_kind == "document"}
    return sorted(found)
