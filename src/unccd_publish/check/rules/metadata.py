"""Metadata stated in each language agrees with the language-neutral metadata."""

from __future__ import annotations

from collections.abc import Iterator

from unccd_publish.check.findings import Finding
from unccd_publish.check.pairing import Pair
from unccd_publish.check.registry import rule


@rule("meta.agenda", summary="the same number of agenda-item title lines, and session "
      "ordinals in the titles that agree between the versions")
def check_agenda(pair: Pair) -> Iterator[Finding]:
    so, st = pair.original, pair.translation
    if len(so.agenda_title) != len(st.agenda_title):
        yield pair.finding("meta.agenda", "error",
                           f"{len(st.agenda_title)} agenda-title lines, the original has "
                           f"{len(so.agenda_title)}", st.at(st.front), so.at(so.front))
    titles_o = " ".join([so.title, *so.agenda_title])
    titles_t = " ".join([st.title, *st.agenda_title])
    oo = sorted(pair.read(titles_o, so.lang).sessions)
    ot = sorted(pair.read(titles_t, st.lang).sessions)
    if oo != ot:
        yield pair.finding("meta.agenda", "error",
                           f"the titles name sessions {ot} here, {oo} in the original",
                           st.at(st.front), so.at(so.front))
