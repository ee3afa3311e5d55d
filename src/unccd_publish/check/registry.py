"""The rules of the checker, in one ordered registry (as markdown-it-py keeps its rules).

Every rule is a function of the same shape: it takes the pair of language versions of a
document and yields findings. Rules register with :func:`rule`; the configuration can
switch any of them off by code or by family prefix (``suppress: [number]``), and
docs/checks.md is checked against this registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from unccd_publish.check.findings import family_of

if TYPE_CHECKING:
    from unccd_publish.check.findings import Finding
    from unccd_publish.check.pairing import Pair

RuleFunction = Callable[["Pair"], Iterator["Finding"]]


@dataclass(frozen=True)
class Rule:
    code: str
    summary: str
    function: RuleFunction

    @property
    def family(self) -> str:
        return family_of(self.code)


RULES: dict[str, Rule] = {}
# Structure first: where it differs, the rules that compare text leave that stretch alone.
FAMILIES = ("structure", "numbering", "footnote", "ref", "symbol", "number", "term", "meta")


def ordered() -> list[Rule]:
    """The rules in the order they run: by family, then as registered."""
    return sorted(RULES.values(), key=lambda r: FAMILIES.index(r.family)
                  if r.family in FAMILIES else len(FAMILIES))


def rule(*codes: str, summary: str) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under the codes it reports."""

    def register(function: RuleFunction) -> RuleFunction:
        for code in codes:
            RULES[code] = Rule(code, summary, function)
        return function

    return register


def switched_off(code: str, suppress: list[str] | frozenset[str]) -> bool:
    """True when ``code`` is named in ``suppress``, itself or by its family."""
    return any(code == s or code.startswith(s.rstrip(".") + ".") for s in suppress)
