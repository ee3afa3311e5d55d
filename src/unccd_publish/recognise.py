"""Recognisers for decision and document symbols written in the prose of either language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from unccd_publish import model as m

# 7/COP.16, 23/COP.11, XX/COP.16, -/COP.16, .../COP.16, 1/CP.21, 2/CMP.1
DECISION_SYMBOL = re.compile(
    r"(?<![A-Za-z0-9/.])(?P<number>\d{1,3}|XX|X|-|–|\.{3}|…)/(?P<body>COP|CP|CMP|CMA|CST|CRIC)"
    r"\.(?P<session>\d{1,2})(?![0-9])"
)
# The first element of the symbols of UN document series: the principal organs (A, E, S,
# ST, SG), the conventions' bodies (ICCD, FCCC, CBD …), the treaty bodies, the funds and
# programmes, the regional commissions.
SERIES = ("ICCD", "FCCC", "UNEP", "CBD", "IPBES", "A", "E", "S", "ST", "SG", "TD", "CEDAW", "CRC",
          "CCPR", "CERD", "CAT", "CMW", "CRPD", "DP", "UNW", "JIU", "ECE", "LC", "ESCAP", "ESCWA",
          "ECA", "HSP", "ISBA", "NPT", "PBC", "CD", "CTOC", "CAC", "CLCS", "SPLOS", "UNODC", "WFP",
          "IDB", "ICC", "APLC", "CCW", "BWC", "CTBT", "TRADE", "UNCTAD")
# ICCD/COP(16)/CST/10, ICCD/CRIC(24)/4-ICCD/COP(17)/CST/7, FCCC/KP/CMP/2012/1, A/RES/70/1,
# JIU/REP/2014/8, CEDAW/C/GC/29
DOCUMENT_SYMBOL = re.compile(
    rf"(?<![A-Za-z0-9/])(?:{'|'.join(SERIES)})(?:/[A-Za-z0-9().\-]*[A-Za-z0-9)])+"
)


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    kind: str  # "decision" | "document"
    symbol: str


@lru_cache(maxsize=8192)
def find_symbols(text: str) -> tuple[Found, ...]:
    """Every decision and document symbol in ``text``, in order, not overlapping.

    Cached: the checker asks for the symbols of the same paragraph under several rules."""
    if "/" not in text:
        return ()  # every symbol has a slash
    found: list[Found] = []
    for match in DOCUMENT_SYMBOL.finditer(text):
        symbol = _balanced(match.group(0))
        if "/" in symbol and not re.fullmatch(r"[AES]/\d+", symbol):
            found.append(Found(match.start(), match.start() + len(symbol), "document", symbol))
    for match in DECISION_SYMBOL.finditer(text):
        if any(f.start <= match.start() < f.end for f in found):
            continue
        found.append(Found(match.start(), match.end(), "decision", match.group(0)))
    return tuple(sorted(found, key=lambda f: f.start))


def _balanced(symbol: str) -> str:
    """Drop a trailing ')' or '.' that belongs to the sentence, not to the symbol."""
    while symbol and (symbol[-1] == "."
                      or (symbol[-1] == ")" and symbol.count(")") > symbol.count("("))):
        symbol = symbol[:-1]
    return symbol


def mark_symbols(inlines: list[m.Inline]) -> list[m.Inline]:
    """Split text runs so that every recognised symbol becomes a SymbolRef."""
    out: list[m.Inline] = []
    for inline in inlines:
        if isinstance(inline, m.Text):
            symbols = find_symbols(inline.text)
            if not symbols:  # most texts: kept as they are
                out.append(inline)
                continue
            position = 0
            for found in symbols:
                if found.start > position:
                    out.append(m.Text(inline.text[position:found.start]))
                out.append(m.SymbolRef(found.kind, found.symbol, found.symbol))  # type: ignore[arg-type]
                position = found.end
            if position < len(inline.text):
                out.append(m.Text(inline.text[position:]))
        elif isinstance(inline, (m.Emphasis, m.Strong)):
            inline.children = mark_symbols(inline.children)
            out.append(inline)
        else:
            out.append(inline)
    return out
