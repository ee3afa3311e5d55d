"""Findings accepted as deliberate differences: ``check --accept ID --reason "…"``.

A translation may differ from its original on purpose (a figure the Chinese states as a
total, a reference it words otherwise). Such a finding is recorded once, in the document's
``accepted.yaml``, by its id: a digest of its rule, the document and language, its place and
its message, which names the values involved. Accepted findings are counted, not reported;
when the text changes so that the values differ, the id changes and the finding is raised
again. ``{noqa}`` switches a rule off for a whole block and for good; accepting is for one
finding as it stands.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from unccd_publish.check.findings import Finding
from unccd_publish.diagnostics import Diagnostics, Location
from unccd_publish.output import write_atomic
from unccd_publish.reading.yamlfile import YamlProblem, load_yaml

ACCEPTED_FILE = "accepted.yaml"
HEADER = ("# Findings of `unccd-publish check` accepted as deliberate differences between the\n"
          "# versions, written by `unccd-publish check --accept ID --reason \"…\"`. A finding\n"
          "# whose text changes gets another id, and is reported again.\n")


def finding_id(folder: str, finding: Finding) -> str:
    """A finding's id: the same for the same rule, place and values in the same document."""
    lang = finding.places[0][0] if finding.places else ""
    key = "\n".join((finding.code, folder, lang, finding.anchor, finding.message))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class Acceptance:
    id: str
    code: str
    place: str
    reason: str
    date: str
    line: int = 1  # where its entry starts in accepted.yaml


def read_accepted(folder: Path, diagnostics: Diagnostics) -> dict[str, Acceptance]:
    """The findings accepted for the document in ``folder``, by id; what is wrong with the
    file is reported."""
    path = folder / ACCEPTED_FILE
    if not path.is_file():
        return {}
    try:
        loaded = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        diagnostics.error(Location(path), f"cannot read {path.name}: {exc}", "accepted.syntax")
        return {}
    except YamlProblem as problem:
        diagnostics.error(Location(path, problem.line), problem.message, "accepted.syntax")
        return {}
    found: dict[str, Acceptance] = {}
    entries = loaded.data if isinstance(loaded.data, list) else None
    if entries is None:
        diagnostics.error(Location(path, loaded.line_of(())), "accepted.yaml is a list of "
                          "accepted findings (id, code, place, reason, date); write each as "
                          "'- id: …' with its 'reason: …', or let check --accept write it",
                          "accepted.syntax")
        return {}
    for n, entry in enumerate(entries, 1):
        line = loaded.line_of((n - 1,))
        if not (isinstance(entry, dict) and isinstance(entry.get("id"), str)
                and isinstance(entry.get("reason"), str) and entry["reason"].strip()):
            diagnostics.error(Location(path, line), f"entry {n} needs an id and a reason (the "
                              "id as check --format json gives it, the reason in words)",
                              "accepted.syntax")
            continue
        found[entry["id"]] = Acceptance(entry["id"], str(entry.get("code", "")),
                                        str(entry.get("place", "")), entry["reason"].strip(),
                                        str(entry.get("date", "")), line)
    return found


def accept(folder: Path, finding: Finding, reason: str, today: dt.date) -> Acceptance:
    """Record ``finding`` of the document in ``folder`` as accepted, for ``reason``."""
    acceptance = Acceptance(finding_id(folder.name, finding), finding.code,
                            finding.anchor, reason.strip(), today.isoformat())
    path = folder / ACCEPTED_FILE
    text = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    entry = yaml.safe_dump([{"id": acceptance.id, "code": acceptance.code,
                             "place": acceptance.place, "message": finding.message,
                             "reason": acceptance.reason, "date": acceptance.date}],
                           allow_unicode=True, sort_keys=False, width=88)
    write_atomic(path, text.rstrip("\n") + "\n" + entry if text.strip() else entry)
    return acceptance
