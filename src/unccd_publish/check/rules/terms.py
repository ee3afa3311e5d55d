"""Key terms from the bilingual glossary (content/glossary.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from unccd_publish.check.findings import Finding
from unccd_publish.check.pairing import Pair
from unccd_publish.check.registry import rule


@rule("term.glossary", summary="where one version uses a glossary term, the other uses its "
      "counterpart")
def check_terms(pair: Pair) -> Iterator[Finding]:
    lo, lt = pair.original.lang, pair.translation.lang
    for unit_o, unit_t in pair.corresponding():
        for term in pair.glossary:
            forms_o, forms_t = term.get(lo, []), term.get(lt, [])
            in_o = _uses(forms_o, unit_o.text)
            in_t = _uses(forms_t, unit_t.text)
            if in_o != in_t:
                used, missing = (forms_o[0], forms_t[0]) if in_o else (forms_t[0], forms_o[0])
                side = "the original" if in_o else "this version"
                yield pair.finding("term.glossary", "warning",
                                   f"'{used}' is used in {side}, but its counterpart "
                                   f"'{missing}' is not in the other", unit_t.location,
                                   unit_o.location, anchor=unit_t.key)


def _uses(forms: list[str], text: str) -> bool:
    """Whether ``text`` uses the term: a plain substring test first (most units hold none of
    a term's forms), the whole-word pattern only where one is there."""
    return (any(form in text for form in forms)
            and _forms(tuple(forms)).search(text) is not None)


@cache
def _forms(forms: tuple[str, ...]) -> re.Pattern[str]:
    """Any of a term's forms as a whole word, or its plural (a letter next to it, or the '/'
    of a symbol, makes it part of another word)."""
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z/])(?:{alternatives})(?:e?s)?(?![A-Za-z/])")
