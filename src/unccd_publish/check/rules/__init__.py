"""The rule families; importing them registers their rules."""

from unccd_publish.check.rules import (  # noqa: F401
    footnotes,
    metadata,
    numbers,
    references,
    structure,
    symbols,
    terms,
)
