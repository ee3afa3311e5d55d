"""Synthetic bilingual corpora made from the project's own content, deterministically.

Every synthetic document starts from one of the documents in ``content/`` and is varied in
length the same way in every language: its body (everything after the summary) is
repeated one to three times, with labels and footnote labels renamed in each copy so that
they stay unique. Symbols are made unique per document. The same seed gives the same corpus.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

LABEL = re.compile(r"\{#([\w-]+)\}|\]\(#([\w-]+)\)|\[\^([\w-]+)\]")


def _rename(text: str, suffix: str) -> str:
    def swap(match: re.Match[str]) -> str:
        whole = match.group(0)
        name = next(g for g in match.groups() if g)
        return whole.replace(name, f"{name}-{suffix}", 1)

    return LABEL.sub(swap, text)


def _copy(body: str, index: int, numbered_through: bool) -> str:
    """The ``index``-th copy of a body: labels renamed, references worded by the build, and
    (in a note, whose paragraphs are numbered through) typed numbers carried on."""
    if index == 0:
        return body
    body = re.sub(r"\[[^\]]+\]\(#", "[](#", _rename(body, f"c{index}"))
    if numbered_through:
        count = len(re.findall(r"^\d+\. ", body, flags=re.M))
        body = re.sub(r"^(\d+)\. ", lambda m: f"{int(m.group(1)) + index * count}. ", body,
                      flags=re.M)
    return body


def _split(text: str) -> tuple[str, str, str]:
    """Front matter, summary, body of a language file."""
    end = text.index("\n---", 4) + 4
    front, rest = text[:end], text[end:]
    match = re.search(r"^::: summary\n.*?^:::\n", rest, flags=re.S | re.M)
    if match is None:
        return front, "", rest
    return front, rest[:match.end()], rest[match.end():]


def _annex_apart(body: str) -> tuple[str, str]:
    """The body before the document's own annex (a top-level ``::: annex``), and the annex."""
    match = re.search(r"^::: annex\b", body, flags=re.M)
    if match is None:
        return body, ""
    return body[:match.start()], body[match.start():]


def make_corpus(content: Path, target: Path, size: int, seed: int = 2026) -> list[str]:
    """Write ``size`` documents under ``target`` (a content folder); return their folders."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for shared in ("bodies.yaml", "config.yaml", "glossary.yaml"):
        if (content / shared).exists():
            shutil.copy(content / shared, target / shared)
    sources = sorted(p.parent for p in content.glob("*/document.yaml"))
    rng = random.Random(seed)
    names = []
    for index in range(size):
        source = sources[index % len(sources)]
        copies = rng.choice((1, 1, 2, 3))
        name = f"doc-{index:04d}-x{copies}-{source.name}"  # x1: as long as its source
        folder = target / name
        folder.mkdir()
        meta = (source / "document.yaml").read_text(encoding="utf-8")
        numbered_through = "kind: note" in meta
        meta = re.sub(r"^symbol: .*$", f"symbol: ICCD/BENCH/{index + 1}", meta, flags=re.M)
        (folder / "document.yaml").write_text(meta, encoding="utf-8")
        for md in sorted(source.glob("*.md")):
            front, summary, body = _split(md.read_text(encoding="utf-8"))
            # an annex of the document itself stands at the end: the text before it is
            # repeated, the annex printed once
            main, annex = _annex_apart(body)
            bodies = [_copy(main, n, numbered_through) for n in range(copies)]
            (folder / md.name).write_text(front + summary + "\n".join(bodies) + annex,
                                          encoding="utf-8")
        names.append(name)
    return names
