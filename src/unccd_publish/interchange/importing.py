"""``import xliff|po FILE``: a CAT tool's translations written back into the Markdown.

Every problem of the file is reported with its line, and a file with an error changes
nothing: an unknown unit, a code the source does not have or a footnote call or reference
the translation lost, a file that is not XLIFF or PO. A unit whose source text changed
since the export is not applied (``xliff.stale``), the others are. The language file is
written atomically, and only where a translation differs from what it holds.
"""

from __future__ import annotations

from pathlib import Path

from unccd_publish import model as m
from unccd_publish.diagnostics import Diagnostics, Location
from unccd_publish.interchange import po, xliff
from unccd_publish.interchange.rewrite import Unplaced, rewrite
from unccd_publish.interchange.segments import (
    Code,
    Piece,
    Segment,
    code_map,
    markdown,
    matched,
    plain,
    segments,
)
from unccd_publish.interchange.xliff import Malformed, Returned, ReturnedFile
from unccd_publish.output import write_atomic
from unccd_publish.reading import read_project

KEPT = ("footnote", "crossref")  # codes a translation must keep: the check would not see them
FRONT = ("title", "agenda_title", "subtitle")


def import_file(path: Path, kind: str, content: Path, diagnostics: Diagnostics) -> str | None:
    """Apply the translations of ``path`` (``kind``: xliff or po) to their language file;
    the folder of the document changed, or None when nothing was written."""
    code = f"{kind}.malformed"
    try:
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error(Location(path), f"cannot read {path}: {exc.strerror or exc}", code)
        return None
    try:
        returned = xliff.read(data) if kind == "xliff" else po.read(data)
    except Malformed as exc:
        diagnostics.error(Location(path, exc.line), f"{exc}; give back the whole file as it "
                          "was exported, with only its targets translated", code)
        return None
    folder, _, source_file = returned.original.partition("/")
    source_lang = source_file.removesuffix(".md")
    if not folder or not (content / folder).is_dir() or source_lang != returned.source_lang:
        diagnostics.error(Location(path), f"the file names no document of {content} (original "
                          f"{returned.original!r}); was it exported from this project?", code)
        return None
    found = Diagnostics()
    project = read_project(content, found, only={folder})
    docset = next(iter(project.documents), None)
    original = docset.versions.get(returned.source_lang) if docset else None
    if original is None or any(d.code != "lang.missing" for d in found.errors):
        diagnostics.extend(found.items)
        diagnostics.error(Location(path), f"the document {folder} has errors; fix them before "
                          "importing translations into it", f"{kind}.document")
        return None
    translation = docset.versions.get(returned.target_lang) if docset else None
    changes = _changes(path, kind, returned, original, translation, diagnostics)
    if changes is None:
        return None
    target_file = content / folder / f"{returned.target_lang}.md"
    new_file = translation is None
    base = (original.path if new_file else target_file).read_text(encoding="utf-8")
    try:
        text = rewrite(base, changes, new_file=new_file)
    except Unplaced as exc:
        diagnostics.error(Location(target_file), f"{exc}; export again and translate that "
                          "export", f"{kind}.source")
        return None
    if text == base and not new_file:
        return folder
    write_atomic(target_file, text)
    return folder


def _changes(path: Path, kind: str, returned: ReturnedFile, original: m.Document,
             translation: m.Document | None,
             diagnostics: Diagnostics) -> list[tuple[Segment, str]] | None:
    """The segments to write, with their new Markdown; None when the file has errors (each
    reported)."""
    sources = {s.id: s for s in segments(original)}
    current = ({s.id: s for s in segments(translation)} if translation is not None else {})
    problems = Diagnostics()
    changes = []
    seen: set[str] = set()
    for unit in returned.units:
        where = Location(path, unit.line)
        segment = sources.get(unit.id)
        if segment is None:
            problems.error(where, f"unit {unit.id!r} is not a text of {returned.original}; "
                           "keep the ids as exported, or export again", f"{kind}.unknown-id")
            continue
        seen.add(unit.id)
        if unit.target is None:
            continue
        if unit.digest != segment.digest:
            problems.warning(where, f"unit {unit.id} ({segment.place}) was translated from "
                             "another text than the original has now; it is not applied: "
                             "export again", f"{kind}.stale")
            continue
        now = current.get(unit.id)
        # a code only the translation has is known by its Markdown there (PO and XLIFF 1.2
        # do not carry the Markdown of every code)
        ours = code_map(matched(now.pieces, segment.pieces)) if now is not None else {}
        theirs = code_map(segment.pieces)
        pieces = _pieces(unit.target, ours | theirs, where, kind, problems)
        if pieces is None:
            continue
        kept = code_map(pieces)
        lost = [c for c in theirs.values() if c.kind in KEPT and c.id not in kept]
        for code in lost:
            problems.error(where, f"unit {unit.id} ({segment.place}): the translation lost "
                           f"inline code {code.id} ({code.opening}); put it back",
                           f"{kind}.code")
        if lost:
            continue
        if now is not None and markdown(matched(now.pieces, segment.pieces)) == markdown(pieces):
            continue
        text = plain(pieces) if segment.kind in FRONT else markdown(pieces)
        changes.append((segment, text))
    untranslated = [s for s in sources.values() if s.id not in {c.id for c, _ in changes}]
    if translation is None and untranslated:
        problems.warning(Location(path), f"{len(untranslated)} unit(s) have no translation "
                         f"(the first: {untranslated[0].id}, {untranslated[0].place}); the new "
                         f"{returned.target_lang}.md keeps the original's text there",
                         f"{kind}.untranslated")
    diagnostics.extend(problems.items)
    return None if problems.has_errors() else changes


def _pieces(marks: list[Piece | Returned.Mark], known: dict[str, Code], where: Location,
            kind: str, problems: Diagnostics) -> tuple[Piece, ...] | None:
    """A returned target as text and codes, each code's Markdown from the source's code of
    its id, or from the file for a code only the translation has."""
    out: list[Piece] = []
    for mark in marks:
        if isinstance(mark, str):
            out.append(mark)
            continue
        inner = _pieces(mark.pieces, known, where, kind, problems) if mark.paired else ()
        if inner is None:
            return None
        source = known.get(mark.id)
        if source is not None and source.paired != mark.paired and source.kind != "crossref":
            shape = "paired" if source.paired else "a placeholder"
            problems.error(where, f"inline code {mark.id} is {shape} in the source but not in "
                           "the translation; keep it as the source has it", f"{kind}.code")
            return None
        if source is None and not mark.markdown[0]:
            problems.error(where, f"inline code {mark.id} is not in the source, and the file "
                           "does not say what it stands for; remove it", f"{kind}.code")
            return None
        out.append(xliff.as_code(mark, inner, source))
    return tuple(out)
