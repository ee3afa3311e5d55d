"""Real aligned English/Chinese text, wrapped as documents the checker reads.

Each sentence pair becomes one numbered paragraph of a note, in both languages, so that
the checker compares exactly the two sides of the pair. The pairs of one UN document stay
together, in documents of at most ``PER_DOCUMENT`` paragraphs.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from unccd_publish.check import check_project
from unccd_publish.check.findings import Finding
from unccd_publish.diagnostics import Diagnostics
from unccd_publish.reading import read_project

DATA = Path(__file__).resolve().parent / "data" / "unpc"
PER_DOCUMENT = 100

DOCUMENT_YAML = """\
symbol: unassigned
distribution: General
date: 2024-09-20
original: en
languages: [en, zh]
kind: note
body: cop
session: cop16
agenda_item: "1"
"""
FRONT = {"en": "---\ntitle: Real text {n}\nagenda_title: Other matters\n---\n\n",
         "zh": "---\ntitle: 实文{n}\nagenda_title: 其他事项\n---\n\n"}
FRONT_LINES = 5  # the front matter and a blank line; paragraph n is on line 6 + 2(n - 1)

# what Markdown or the source format would read as markup, anywhere in a line …
_MARKUP = re.compile(r"([\\`*_\[\]<>{}|~#^$])")
# … and at the start of a paragraph (a list marker, a sub-item, a container, a heading)
_NUMBERED = re.compile(r'^\d{1,3}[.．)](?:\s+|(?=[^\x00-\x7f]|["“(]))')
_LEADING = re.compile(r"^(\d+)([.)])|^([-+:=])|^(\()")


@dataclass(frozen=True)
class SentencePair:
    number: int  # the line in the corpus files, from 1
    source: str  # the UN document it comes from
    en: str
    zh: str


def read_pairs(name: str = "devset", folder: Path = DATA) -> list[SentencePair]:
    """The pairs of ``<name>.en`` / ``<name>.zh`` (and ``<name>.ids`` where there is one)."""
    en = (folder / f"{name}.en").read_text(encoding="utf-8").splitlines()
    zh = (folder / f"{name}.zh").read_text(encoding="utf-8").splitlines()
    ids_path = folder / f"{name}.ids"
    ids = (ids_path.read_text(encoding="utf-8").splitlines() if ids_path.exists()
           else [""] * len(en))
    assert len(en) == len(zh) == len(ids), f"{name}: the files differ in length"
    return [SentencePair(i, source.split(" ")[0], e.strip(), z.strip())
            for i, (source, e, z) in enumerate(zip(ids, en, zh, strict=True), 1)]


def unnumbered(text: str) -> str:
    """``text`` without its leading paragraph number: wrapped, the pair's paragraph has
    its own."""
    return _NUMBERED.sub("", " ".join(text.split()))


def escape(text: str) -> str:
    """``text`` as a Markdown paragraph that reads back as the same characters."""
    text = _MARKUP.sub(r"\\\1", unnumbered(text))
    match = _LEADING.match(text)
    if match:
        cut = match.start(2) if match.group(1) else match.start()
        text = text[:cut] + "\\" + text[cut:]
    return text


@dataclass
class Wrapped:
    """Where each pair stands: its document folder and paragraph number."""

    content: Path
    places: dict[tuple[str, int], SentencePair]  # (folder, paragraph) → pair


def write_corpus(pairs: list[SentencePair], content: Path, shared: Path,
                 per_document: int = PER_DOCUMENT) -> Wrapped:
    """Write ``pairs`` as notes under ``content`` (with ``shared``'s bodies.yaml)."""
    if content.exists():
        shutil.rmtree(content)
    content.mkdir(parents=True)
    for name in ("bodies.yaml", "glossary.yaml"):
        if (shared / name).exists():
            shutil.copy(shared / name, content / name)
    groups: list[list[SentencePair]] = []
    for pair in pairs:
        if (not groups or len(groups[-1]) >= per_document
                or (groups[-1][-1].source != pair.source and len(groups[-1]) >= per_document // 2)):
            groups.append([])
        groups[-1].append(pair)
    places: dict[tuple[str, int], SentencePair] = {}
    for index, group in enumerate(groups, 1):
        folder = content / f"real-{index:04d}"
        folder.mkdir()
        (folder / "document.yaml").write_text(DOCUMENT_YAML, encoding="utf-8")
        for lang in ("en", "zh"):
            body = "\n\n".join(f"{n}. {escape(getattr(p, lang))}"
                               for n, p in enumerate(group, 1))
            (folder / f"{lang}.md").write_text(FRONT[lang].format(n=index) + body + "\n",
                                               encoding="utf-8")
        for n, pair in enumerate(group, 1):
            places[(folder.name, n)] = pair
    return Wrapped(content, places)


# --- defects injected into the Chinese of a pair: one each, of the kinds a translator
# --- most often gets wrong when retyping numbers

def _bump(digits: str) -> str:
    """The same number with its last digit changed: 2015 → 2016, 35 → 36, 9 → 8."""
    last = int(digits[-1])
    return digits[:-1] + str(last + 1 if last < 9 else 8)


INJECTIONS: dict[str, re.Pattern[str]] = {
    "year": re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)"),
    "percentage": re.compile(r"\d+(?:\.\d+)?(?=\s*[%％])"),
    "symbol": re.compile(r"(?<=/)\d+|\d+(?=/(?:COP|CP|CMP|CST|CRIC)\.)"
                         r"|(?<=第)\d+(?=\s*[(（]\d{4})"),
    "reference": re.compile(r"(?<=第)\s*\d+(?=\s*[段款])"),
    "digit": re.compile(r"\d+"),
}


def inject(zh: str, kind: str, choice: int) -> str | None:
    """``zh`` with the ``choice``-th (modulo their number) place of ``kind`` changed, or
    None when it has no such place."""
    zh = unnumbered(zh)
    places = list(INJECTIONS[kind].finditer(zh))
    if not places:
        return None
    place = places[choice % len(places)]
    return zh[:place.start()] + _bump(place.group(0).strip()) + zh[place.end():]


def findings_by_pair(pairs: list[SentencePair], content: Path,
                     shared: Path) -> dict[int, list[Finding]]:
    """Check ``pairs`` wrapped as notes under ``content``: the findings of each pair (by its
    line in the corpus) that has any."""
    wrapped = write_corpus(pairs, content, shared)
    diagnostics = Diagnostics()
    project = read_project(content, diagnostics)
    assert not diagnostics.errors, [d.format() for d in diagnostics.errors]
    found: dict[int, list[Finding]] = {}
    for finding in check_project(project, diagnostics).findings:
        place = finding.places[0][1]
        paragraph = (place.line - FRONT_LINES) // 2 + 1
        pair = wrapped.places[(place.path.parent.name, paragraph)]
        found.setdefault(pair.number, []).append(finding)
    return found
