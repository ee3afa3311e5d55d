"""The translators' exports as formats of the build (:mod:`unccd_publish.formats`): an
XLIFF 1.2, XLIFF 2.0 or PO file per document and translation language, from the original's
segments, with the translation's text as targets where there is one; a TMX file of the
aligned versions per document."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from unccd_publish.formats import export_file
from unccd_publish.interchange import po, tmx, xliff
from unccd_publish.interchange.segments import matched, segments
from unccd_publish.interchange.xliff import Exported, Unit
from unccd_publish.reading import DocumentSet, Project


def exported(docset: DocumentSet, lang: str) -> Exported:
    """What an export of ``docset`` into ``lang`` holds."""
    meta = docset.meta
    original = docset.versions[meta.original]
    translation = docset.versions.get(lang)
    done = {s.id: s for s in segments(translation)} if translation is not None else {}
    found = Exported(f"{meta.slug}/{meta.original}.md", meta.original, lang)
    for segment in segments(original):
        target = done.get(segment.id)
        found.units.append(Unit(segment, None if target is None
                                else matched(target.pieces, segment.pieces)))
    return found


class ExportWriter:
    """Writes one format of the translators' exports (its name is its output folder's)."""

    def __init__(self, project: Project, out: Path,
                 symbols: dict[str, tuple[str, list[str]]]) -> None:
        self.out = out
        self.format = out.name

    def prepare(self) -> None:
        return None

    def load(self) -> None:
        return None

    def files(self, docset: DocumentSet) -> Iterator[tuple[Path, Callable[[], bytes]]]:
        meta = docset.meta
        if self.format == "tmx":
            if len(docset.versions) > 1 and meta.original in docset.versions:
                yield self.out.parent / export_file("tmx", meta.slug), partial(tmx.write, docset)
            return
        for lang in meta.languages:
            if lang != meta.original and meta.original in docset.versions:
                yield (self.out.parent / export_file(self.format, meta.slug, lang),
                       partial(self.make, docset, lang))

    def make(self, docset: DocumentSet, lang: str) -> bytes:
        found = exported(docset, lang)
        if self.format == "po":
            return po.write(found)
        return xliff.write(found, "2.0" if self.format == "xliff2" else "1.2")
