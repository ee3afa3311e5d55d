"""Reading facts back out of built PDFs (page text, fonts, positions, the structure tree),
with poppler, pypdf and pikepdf; and what the HTML page a PDF is made from prints."""

from __future__ import annotations

import html
import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pikepdf
from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    """The text of every page, in layout order (pdftotext)."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squeeze(text: str) -> str:
    """Text without any white space, for matching across line breaks and CJK spacing."""
    return re.sub(r"\s+", "", text)


@dataclass
class Font:
    name: str
    embedded: bool
    subset: bool


def fonts(path: Path) -> list[Font]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                         check=True).stdout.splitlines()[2:]
    result = []
    for line in out:
        parts = line.split()
        # name type… encoding emb sub uni object ID: emb/sub are the 5th and 4th from the end
        result.append(Font(parts[0], parts[-5] == "yes", parts[-4] == "yes"))
    return result


@dataclass
class Run:
    text: str
    x: float
    y: float


def text_runs(path: Path, page_number: int) -> list[Run]:
    """Text pieces of one page (1-based) with their positions (pypdf)."""
    runs: list[Run] = []
    page = PdfReader(path).pages[page_number - 1]

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            x = tm[4] * cm[0] + cm[4]
            y = tm[5] * cm[3] + cm[5]
            runs.append(Run(text, x, y))

    page.extract_text(visitor_text=visit)
    return runs


def page_width(path: Path) -> float:
    return float(PdfReader(path).pages[0].mediabox.width)


@dataclass
class Word:
    text: str
    x0: float  # from the page's left edge, in points
    y0: float  # from the page's top edge
    x1: float
    y1: float


def words(path: Path, page_number: int) -> list[Word]:
    """The words of one page (1-based) with their boxes, as poppler places them."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page_number), "-l", str(page_number),
                          str(path), "-"], capture_output=True, text=True, check=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                       r'yMax="([\d.]+)">([^<]*)</word>', out)
    return [Word(html.unescape(t), float(a), float(b), float(c), float(d))
            for a, b, c, d, t in found]


@dataclass
class FontRun:
    text: str
    font: str  # the font's PostScript name, without its subset prefix
    size: float  # in points, as set on the page
    y: float  # baseline, from the page's bottom edge


def font_runs(path: Path, page_number: int) -> list[FontRun]:
    """Text pieces of one page (1-based) with the font each is set in (pypdf)."""
    runs: list[FontRun] = []
    page = PdfReader(path).pages[page_number - 1]

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip() and font is not None:
            name = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]  # type: ignore[attr-defined]
            runs.append(FontRun(text, name, size * abs(tm[3] * cm[3] or 1),
                                tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return runs


# ------------------------------------------------------------ the structure tree (pikepdf)

STANDARD_TYPES = frozenset({  # ISO 32000-1, 14.8.4: the standard structure types
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form"})


def tag(element: pikepdf.Dictionary) -> str:
    return str(element.S)[1:]


def struct_kids(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    """The structure elements among an element's /K (not marked content or annotations)."""
    kids = element.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


@dataclass
class Structure:
    """A tagged PDF's structure tree: the elements reachable from /StructTreeRoot, in order,
    and those the /ParentTree names for marked content and annotations."""

    pdf: pikepdf.Pdf
    elements: list[pikepdf.Dictionary]
    named: list[pikepdf.Dictionary]

    def tags(self) -> Counter[str]:
        return Counter(tag(e) for e in self.elements)

    def of(self, name: str) -> list[pikepdf.Dictionary]:
        return [e for e in self.elements if tag(e) == name]

    def every(self, name: str) -> list[pikepdf.Dictionary]:
        """Elements of a type, reachable or only named in the /ParentTree (with the elements
        between those and the tree: WeasyPrint leaves margin-box content unattached)."""
        seen = {e.objgen for e in self.elements}
        found = [e for e in self.elements if tag(e) == name]
        for element in self.named:
            while element.objgen not in seen and "/S" in element:
                seen.add(element.objgen)
                if tag(element) == name:
                    found.append(element)
                element = element.get("/P", pikepdf.Dictionary())
        return found

    def reachable(self, element: pikepdf.Dictionary) -> bool:
        return element.objgen in {e.objgen for e in self.elements}


def structure(path: Path) -> Structure:
    """The structure tree of a PDF; an untagged PDF has an empty one."""
    pdf = pikepdf.open(path)
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return Structure(pdf, [], [])
    elements: list[pikepdf.Dictionary] = []
    todo = list(reversed(struct_kids(root)))
    while todo:
        element = todo.pop()
        elements.append(element)
        todo.extend(reversed(struct_kids(element)))
    named: list[pikepdf.Dictionary] = []
    trees = [root.get("/ParentTree", pikepdf.Dictionary())]
    while trees:
        tree = trees.pop()
        trees.extend(tree.get("/Kids", []))
        values = list(tree.get("/Nums", []))[1::2]
        for value in values:
            named.extend(value if isinstance(value, pikepdf.Array) else [value])
    return Structure(pdf, elements, named)


def xmp(pdf: pikepdf.Pdf) -> dict[str, object]:
    """The XMP metadata, by '{namespace}name'."""
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        return dict(meta)


def unembedded_fonts(pdf: pikepdf.Pdf) -> list[str]:
    """Fonts in the resources of any page (or of a form drawn on it) with no font file."""
    missing = []
    seen: set[tuple[int, int]] = set()
    todo = [page.obj.get("/Resources", pikepdf.Dictionary()) for page in pdf.pages]
    while todo:
        resources = todo.pop()
        for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                todo.append(xobject.Resources)
        for font in resources.get("/Font", pikepdf.Dictionary()).values():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            if font.get("/Subtype") == "/Type3":
                continue  # its glyphs are drawn by the PDF itself
            faces = list(font.DescendantFonts) if font.get("/Subtype") == "/Type0" else [font]
            for face in faces:
                descriptor = face.get("/FontDescriptor", pikepdf.Dictionary())
                if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.append(str(face.get("/BaseFont", "?")))
    return missing


# ------------------------------------------------------------ what an HTML page prints

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})


@dataclass
class Printed:
    """The elements of an HTML page that print: those not inside a .screen-only element
    (inline SVG counted once, not its parts); the page's lang and <title>."""

    tags: Counter[str] = field(default_factory=Counter)
    classes: Counter[str] = field(default_factory=Counter)
    lang: str = ""
    title: str = ""


class _PrintedParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = Printed()
        self.open: list[tuple[str, bool]] = []  # tag, hidden

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        classes = values.get("class", "").split()
        hidden = bool(self.open and self.open[-1][1]) or "screen-only" in classes
        in_svg = any(t == "svg" for t, _ in self.open)
        if not hidden and not in_svg:
            self.facts.tags[tag] += 1
            self.facts.classes.update(classes)
        if tag == "html":
            self.facts.lang = values.get("lang", "")
        if tag not in VOID:
            self.open.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1][0] == "title" and ("head", False) in self.open:
            self.facts.title += data


def printed(path: Path) -> Printed:
    parser = _PrintedParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.facts
