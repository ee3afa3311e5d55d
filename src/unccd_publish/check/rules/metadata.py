"""Metadata stated in each language agrees with the language-neutral metadata."""

from __future__ import annotations

from collections.abc import Iterator

from unccd_publish.check.findings import Finding
from unccd_publish.check.pairing import Pair
from unccd_publish.check.registry import rule


@rule("meta.agenda", summary="the same number of agenda-item title lines, and session "
      "ordinals in the titles that agree between the versions")
def check_agenda(pair: Pair) -> Iterator[Finding]:
    fo, ft = pair.original.front, pair.translation.front
    if len(fo.agenda_title) != len(ft.agenda_title):
        yield pair.finding("meta.agenda", "error",
                           f"{len(ft.agenda_title)} agenda-title lines, the original has "
                           f"{len(fo.agenda_title)}", ft.location, fo.location)
    titles_o = " ".join([fo.title, *fo.agenda_title])
    titles_t = " ".join([ft.title, *ft.agenda_title])
    oo = sorted(pair.read(titles_o, pair.original.lang).sessions)
    ot = sorted(pair.read(titles_t, pair.translation.lang).sessions)
    if oo != ot:
        yield pair.finding("meta.agenda", "error",
                           f"the titles name sessions {ot} here, {oo} in the original",
                           ft.location, fo.location)
