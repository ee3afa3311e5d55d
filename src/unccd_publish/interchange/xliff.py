"""XLIFF 1.2 and 2.0: a document's segments for a CAT tool, and the translations it returns.

One ``<trans-unit>`` (1.2) or ``<unit>`` (2.0) per segment, its id the segment's; the place
printed on the page and a digest of the source text as notes. Inline codes: ``<x/>`` and
``<g>`` in 1.2, ``<ph/>`` and ``<pc>`` in 2.0, with the Markdown they stand for as their
text equivalent, so that a code the source does not have can still be written back.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from unccd_publish.interchange.segments import Code, Piece, Segment

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PLACE, DIGEST = "place", "source-digest"  # the notes every unit carries
CTYPE = {"emphasis": "italic", "strong": "bold", "link": "link", "linebreak": "lb"}
PC_SUBTYPE = {"emphasis": "xlf:i", "strong": "xlf:b"}
VERSIONS = ("1.2", "2.0")


@dataclass
class Unit:
    """A segment with its translation, if there is one."""

    segment: Segment
    target: tuple[Piece, ...] | None


@dataclass
class Exported:
    """What an export holds of one document in one target language."""

    original: str  # the source file, relative to the content folder: "folder/en.md"
    source_lang: str
    target_lang: str
    units: list[Unit] = field(default_factory=list)


def write(exported: Exported, version: str) -> bytes:
    """The XLIFF file of ``exported``."""
    root = _write_12(exported) if version == "1.2" else _write_20(exported)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _write_12(exported: Exported) -> etree._Element:
    q = f"{{{NS12}}}"
    root = etree.Element(q + "xliff", nsmap={None: NS12}, version="1.2")
    file = etree.SubElement(root, q + "file", original=exported.original, datatype="x-markdown")
    file.set("source-language", exported.source_lang)
    file.set("target-language", exported.target_lang)
    body = etree.SubElement(file, q + "body")
    for unit in exported.units:
        segment = unit.segment
        element = etree.SubElement(body, q + "trans-unit", id=segment.id)
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        _inline_12(etree.SubElement(element, q + "source"), segment.pieces)
        if unit.target is not None:
            target = etree.SubElement(element, q + "target", state="translated")
            _inline_12(target, unit.target)
        etree.SubElement(element, q + "note", {"from": PLACE}).text = segment.place
        etree.SubElement(element, q + "note", {"from": DIGEST}).text = segment.digest
    return root


def _inline_12(parent: etree._Element, pieces: tuple[Piece, ...]) -> None:
    q = f"{{{NS12}}}"
    last: etree._Element | None = None
    for piece in pieces:
        if isinstance(piece, str):
            _append_text(parent, last, piece)
            continue
        ctype = CTYPE.get(piece.kind, f"x-{piece.kind}")
        if piece.paired:
            last = etree.SubElement(parent, q + "g", id=piece.id, ctype=ctype)
            _inline_12(last, piece.pieces)
        else:
            last = etree.SubElement(parent, q + "x", id=piece.id, ctype=ctype)
            last.set("equiv-text", piece.opening)


def _write_20(exported: Exported) -> etree._Element:
    q = f"{{{NS20}}}"
    root = etree.Element(q + "xliff", nsmap={None: NS20}, version="2.0",
                         srcLang=exported.source_lang, trgLang=exported.target_lang)
    file = etree.SubElement(root, q + "file", id="f1", original=exported.original)
    for unit in exported.units:
        segment = unit.segment
        element = etree.SubElement(file, q + "unit", id=segment.id)
        notes = etree.SubElement(element, q + "notes")
        etree.SubElement(notes, q + "note", category=PLACE).text = segment.place
        etree.SubElement(notes, q + "note", category=DIGEST).text = segment.digest
        part = etree.SubElement(element, q + "segment",
                                state="initial" if unit.target is None else "translated")
        _inline_20(etree.SubElement(part, q + "source"), segment.pieces)
        if unit.target is not None:
            _inline_20(etree.SubElement(part, q + "target"), unit.target)
    return root


def _inline_20(parent: etree._Element, pieces: tuple[Piece, ...]) -> None:
    q = f"{{{NS20}}}"
    last: etree._Element | None = None
    for piece in pieces:
        if isinstance(piece, str):
            _append_text(parent, last, piece)
            continue
        kind = "link" if piece.kind in ("link", "crossref") else "fmt"
        if piece.paired:
            last = etree.SubElement(parent, q + "pc", id=piece.id, type=kind,
                                    subType=PC_SUBTYPE.get(piece.kind, f"unccd:{piece.kind}"),
                                    equivStart=piece.opening, equivEnd=piece.closing)
            _inline_20(last, piece.pieces)
        else:
            last = etree.SubElement(parent, q + "ph", id=piece.id, type=kind,
                                    subType=f"unccd:{piece.kind}", equiv=piece.opening)
            if piece.shows:
                last.set("disp", piece.shows)


def _append_text(parent: etree._Element, last: etree._Element | None, text: str) -> None:
    if last is None:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


# -- reading back


class Malformed(ValueError):
    """A file that is not XLIFF this project can read; ``line`` is where, when known."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class Returned:
    """A unit as a CAT tool returned it."""

    id: str
    line: int
    digest: str
    target: list[Piece | Returned.Mark] | None  # None: not translated

    @dataclass
    class Mark:
        """An inline code as the file has it: its id and kind, and for a paired code what it
        encloses; ``markdown`` is the Markdown written in the file (its text equivalent)."""

        id: str
        paired: bool
        markdown: tuple[str, str]
        pieces: list[Piece | Returned.Mark] = field(default_factory=list)
        line: int = 0


@dataclass
class ReturnedFile:
    version: str
    original: str
    source_lang: str
    target_lang: str
    units: list[Returned]


def read(data: bytes) -> ReturnedFile:
    """The units of an XLIFF 1.2 or 2.0 file; :class:`Malformed` when it cannot be read."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise Malformed(f"not well-formed XML: {exc.msg}", exc.lineno or 0) from None
    dialect = next((d for d in (V12, V20) if root.tag == f"{{{d.ns}}}xliff"), None)
    if dialect is None:
        raise Malformed(f"not XLIFF 1.2 or 2.0 (root element {root.tag})", root.sourceline or 0)
    files = root.findall(dialect.q("file"))
    if len(files) != 1:
        raise Malformed("an export has exactly one <file>", root.sourceline or 0)
    file = files[0]
    units = []
    for element in file.iter(dialect.q(dialect.unit)):
        notes = {n.get(dialect.note_key): (n.text or "") for n in element.iter(dialect.q("note"))}
        target = dialect.target(element)
        units.append(Returned(element.get("id", ""), element.sourceline or 0,
                              notes.get(DIGEST, ""),
                              None if target is None else _marks(target, dialect)))
    source_lang, target_lang = dialect.langs(root, file)
    return ReturnedFile(dialect.version, file.get("original", ""), source_lang, target_lang,
                        units)


@dataclass(frozen=True)
class Dialect:
    """How one XLIFF version writes what the import reads."""

    version: str
    ns: str
    unit: str  # the element of a unit
    note_key: str  # the attribute that says what a note is
    placeholder: str  # the standalone code …
    paired: str  # … and the paired one

    def q(self, name: str) -> str:
        return f"{{{self.ns}}}{name}"

    def target(self, unit: etree._Element) -> etree._Element | None:
        if self.version == "1.2":
            return unit.find(self.q("target"))
        segments = unit.findall(self.q("segment"))
        if len(segments) != 1:
            raise Malformed("a unit of these exports has one <segment>; join the segments "
                            "back before returning the file", unit.sourceline or 0)
        return segments[0].find(self.q("target"))

    def langs(self, root: etree._Element, file: etree._Element) -> tuple[str, str]:
        if self.version == "1.2":
            return file.get("source-language", ""), file.get("target-language", "")
        return root.get("srcLang", ""), root.get("trgLang", "")

    def markdown(self, code: etree._Element) -> tuple[str, str]:
        """The Markdown a code says it stands for: its text equivalent (1.2 says it for
        emphasis by its kind)."""
        if self.version == "2.0":
            if code.tag == self.q(self.paired):
                return code.get("equivStart", ""), code.get("equivEnd", "")
            return code.get("equiv", ""), ""
        if code.tag == self.q(self.paired):
            kind = next((k for k, v in CTYPE.items() if v == code.get("ctype", "")), "")
            mark = {"emphasis": "*", "strong": "**"}.get(kind, "")
            return mark, mark
        return code.get("equiv-text", ""), ""


V12 = Dialect("1.2", NS12, "trans-unit", "from", "x", "g")
V20 = Dialect("2.0", NS20, "unit", "category", "ph", "pc")


def _marks(element: etree._Element, dialect: Dialect) -> list[Piece | Returned.Mark]:
    out: list[Piece | Returned.Mark] = [element.text] if element.text else []
    for child in element:
        paired = child.tag == dialect.q(dialect.paired)
        if paired or child.tag == dialect.q(dialect.placeholder):
            out.append(Returned.Mark(child.get("id", ""), paired, dialect.markdown(child),
                                     _marks(child, dialect) if paired else [],
                                     child.sourceline or 0))
        elif isinstance(child.tag, str):
            raise Malformed(f"<{etree.QName(child).localname}> is not an inline code of these "
                            f"exports (only <{dialect.placeholder}/> and <{dialect.paired}>)",
                            child.sourceline or 0)
        if child.tail:
            out.append(child.tail)
    return out


def as_code(mark: Returned.Mark, pieces: tuple[Piece, ...], known: Code | None) -> Code:
    """A returned code as a segment's code: its Markdown from the source's code of that id
    when there is one (a reference may change its shape), else from the file."""
    if known is not None and (known.paired == mark.paired or known.kind == "crossref"):
        return known.shaped(mark.paired, pieces)
    opening, closing = mark.markdown
    return Code(mark.id, "returned", opening, closing if mark.paired else "", pieces)
