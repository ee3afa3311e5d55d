"""TMX 1.4: the aligned pairs of a document's issued versions, for a translation memory.

One ``<tu>`` per block the checker pairs in the two versions (its structure rules first
find where the versions stop corresponding; no pair is taken from there), each language's
text as a reader sees it.
"""

from __future__ import annotations

from lxml import etree

from unccd_publish import __version__
from unccd_publish import model as m
from unccd_publish.check import rules  # noqa: F401  (registers the rules)
from unccd_publish.check.pairing import Pair
from unccd_publish.check.registry import ordered
from unccd_publish.check.sheet import sheet_of
from unccd_publish.interchange.segments import plain, segments
from unccd_publish.reading import DocumentSet

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
FRONT = ("title", "agenda_title", "subtitle")  # the front matter: always corresponding


def aligned(original: m.Document, translation: m.Document) -> list[tuple[str, str, str]]:
    """(id, original's text, translation's text) of every pair of corresponding texts."""
    pair = Pair(sheet_of(original), sheet_of(translation))
    for rule in ordered():
        if rule.family == "structure":
            list(rule.function(pair))  # they note where the structure differs
    paired = {unit.key.replace("#", ":") for unit, _ in pair.corresponding()}
    theirs = {s.id: s for s in segments(translation)}
    found = []
    for segment in segments(original):
        other = theirs.get(segment.id)
        if other is None or (segment.id not in paired and segment.kind not in FRONT):
            continue
        source, target = plain(segment.pieces).strip(), plain(other.pieces).strip()
        if source and target:
            found.append((segment.id, source, target))
    return found


def write(docset: DocumentSet) -> bytes:
    """The TMX file of ``docset``: its original against each of its translations."""
    meta = docset.meta
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(root, "header", {
        "creationtool": "unccd-publish", "creationtoolversion": __version__,
        "segtype": "paragraph", "o-tmf": "unccd-publish", "adminlang": "en",
        "srclang": meta.original, "datatype": "plaintext"})
    body = etree.SubElement(root, "body")
    original = docset.versions[meta.original]
    for lang, translation in sorted(docset.versions.items()):
        if lang == meta.original:
            continue
        for key, source, target in aligned(original, translation):
            unit = etree.SubElement(body, "tu", tuid=f"{meta.slug}:{key}")
            etree.SubElement(unit, "prop", type="x-document").text = meta.symbol or meta.slug
            for code, text in ((meta.original, source), (lang, target)):
                variant = etree.SubElement(unit, "tuv", {XML_LANG: code})
                etree.SubElement(variant, "seg").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype=DOCTYPE)
