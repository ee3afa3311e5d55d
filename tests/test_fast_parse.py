"""The fast path of reading Markdown (markdown-it-pyrs, ``reading/fastparse.py``) gives the
model and the diagnostics that markdown-it-py gives, line numbers included, and it is taken
for every real and synthetic source: a fast path that declined them would be no faster.

The property test mutates sources at random: either the fast path declines the result or its
model equals markdown-it-py's. The default run tries 300 inputs, the same ones every time;
``FAST_PARSE_EXAMPLES=20000`` tries twenty thousand new ones.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from unccd_publish.diagnostics import Diagnostic, Diagnostics
from unccd_publish.reading import fastparse, markdown
from unccd_publish.reading.markdown import ParsedFile, _known_container, parse_markdown

from conftest import CONTENT, REPO

DATA = REPO / "tests" / "data"
EXAMPLES = int(os.environ.get("FAST_PARSE_EXAMPLES", "300"))
MARKDOWN = sorted([*CONTENT.glob("*/*.md"), *DATA.rglob("*.md"), *DATA.glob("seeds/*.txt")])


def both(text: str, path: Path, nesting: int = 8) -> tuple[tuple[ParsedFile, list[Diagnostic]],
                                                            tuple[ParsedFile, list[Diagnostic]]]:
    """The model and the diagnostics of ``text`` by the fast path and by markdown-it-py."""
    fast, reference = Diagnostics(), Diagnostics()
    return ((parse_markdown(text, path, fast, nesting), list(fast)),
            (parse_markdown(text, path, reference, nesting, fast=False), list(reference)))


def taken(text: str, nesting: int = 8) -> str | None:
    """Why the fast path declines ``text``, or None when it takes it."""
    try:
        fastparse.fast_tree(text, nesting, _known_container)
    except fastparse.Declined as declined:
        return str(declined)
    return None


def unpc_documents() -> list[tuple[str, str]]:
    """The real UN sentences of the parallel corpus as Markdown: 250 paragraphs a document,
    and 400 lines of one paragraph, in each language."""
    out = []
    for lang in ("en", "zh"):
        lines = (DATA / "unpc" / f"devset.{lang}").read_text(encoding="utf-8").split("\n")
        out += [(f"unpc-{lang}-{i}", "\n\n".join(lines[i:i + 250]) + "\n")
                for i in range(0, len(lines), 250)]
        out.append((f"unpc-{lang}-soft", "\n".join(lines[:400]) + "\n"))
    return out


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: str(p.relative_to(REPO)))
def test_real_sources_take_the_fast_path_and_read_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert taken(text) is None
    fast, reference = both(text, path)
    assert fast == reference


def test_real_text_of_the_parallel_corpus_takes_the_fast_path_and_reads_the_same() -> None:
    for name, text in unpc_documents():
        assert taken(text) is None, name
        fast, reference = both(text, Path(f"{name}.md"))
        assert fast == reference, name


def test_the_benchmark_corpus_takes_the_fast_path_and_reads_the_same(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    from corpus import make_corpus

    make_corpus(CONTENT, tmp_path / "content", 30)
    paths = sorted((tmp_path / "content").glob("*/*.md"))
    assert len(paths) == 60
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert taken(text) is None, path.name
        fast, reference = both(text, path)
        assert fast == reference, path.name


def test_parse_markdown_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """markdown-it-py parses nothing of a file the fast path takes (its inline parser still
    reads the containers' titles)."""
    def refuse(*_: object) -> None:
        raise AssertionError("markdown-it-py parsed a file the fast path takes")

    monkeypatch.setattr(markdown.parser(), "parse", refuse)
    path = CONTENT / "iccd-cop16-cst-10" / "en.md"
    parsed = parse_markdown(path.read_text(encoding="utf-8"), path, Diagnostics())
    assert parsed.summary is not None and parsed.body and parsed.footnotes


def test_the_fast_path_declines_what_it_cannot_vouch_for() -> None:
    """Each of these would read otherwise by pyrs, or is reported by markdown-it-py's path."""
    base = "---\ntitle: T\n---\n\n"
    for body in ("  ::: annex A\n:::\n",  # an indented fence
                 "::: annex A\ntext\n",  # never closed
                 "::: note\n:::\n",  # an unknown container
                 "text\n{#label}\n",  # an attribute line inside a paragraph
                 "- item\n\n  {#label}\n",  # an indented attribute line
                 "a[^x] b\n",  # a footnote call never defined
                 "a\n[^x]: b\n\nc[^x]\n",  # a definition breaking into a paragraph
                 "\u3000text\n",  # white space markdown-it-py strips
                 "[a](https://例子.cn)\n",  # a target markdown-it-py encodes
                 "![image](x.png)\n",
                 "a^[inline note]\n",
                 "a\r\nb\n"):
        assert taken(base + body) is not None, body
    deep = base + "".join("  " * i + "- x\n" for i in range(9))
    assert taken(deep) is not None
    assert taken(deep, nesting=9) is None


def test_markers_become_containers_and_attributes() -> None:
    text = ("---\ntitle: T\n---\n\n{#d1}\n::::: decision 1. A title\n{noqa=\"number\"}\n\n"
            "1. Requests;\n\n   (a) one;\n\n::: annex An annex\n{#a}\n# Heading\n:::\n:::::\n")
    assert taken(text) is None
    fast, reference = both(text, Path("x.md"))
    assert fast == reference
    decision = fast[0].body[0]
    assert decision.label == "d1" and decision.typed == 1  # type: ignore[attr-defined]


# -- the property: on mutated sources, the fast path declines or reads as markdown-it-py does

SOURCES = sorted(CONTENT.glob("*/*.md"))
# what the pre-pass and the adapter look at, and what the two parsers might read differently
PIECES = ["\n", "\n\n", ":::", "::::", "::::: ", "::: decision ", "::: annex ", "::: table ",
          "::: summary\n", "\n:::\n", "\n::::\n", "\n:::::::\n", "::: note\n", " :::",
          "   ::: annex x\n",
          "[^", "[^x]", "\n[^x]: ", "[^x]:", "    ", "](#", "](", "[](#", "[a](https://x.org)",
          "<https://x.org/a>", "<a@b.cn>", "{#", "{#a}\n", "\n{#b}\n", '{noqa="number"}\n',
          "{.c onclick=x}\n", "{start=3}\n", "}", "{", "- ", "  - ", "* ", "1. ", "3) ", "99. ",
          "(a) ", "(iv) ", "# ", "## ", "### ", "#### ", " #", "===\n", "---\n", "***\n", "...\n",
          "*", "**", "_", "__", "`", "```\n", "~~~\n", "|", "> ", "<b>", "<!-- x -->", "&amp;",
          "&quot;", "&#39;", "&a ", "\\", "\\\n", "  \n", '"', "'", '"a"', "'b'", "“", "’", "\t",
          "\u3000", "\xa0", "\u2028", "\u200b", "\ufeff", "\x00", "\r", "\r\n", "「", "（",
          "第", "^[x]", "![i](x.png)", "\U0001f600", "€", "°", "～", "`  `", "``", "[a][x]",
          "\n[x]: https://x.org\n", "[x]", "[a](<b c>)", '[a](#x "t")', "\u2028", "\x85"]


WORDS = ["text", "(a) text", "1. Text", "第一", "“中文”", "it's", '"quoted"', "a_b_", "*em*"]


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, int, int, list[tuple[str, int, str]]]:
    """A source, a window of its lines (or all of them) and steps that change it; or a text
    made of pieces alone (no source)."""
    if draw(st.integers(min_value=0, max_value=3)) == 0:
        pieces = draw(st.lists(st.sampled_from(PIECES + WORDS), min_size=1, max_size=30))
        return "".join(pieces), 0, 0, []
    source = draw(st.sampled_from(range(len(SOURCES))))
    start = draw(st.integers(min_value=0, max_value=400))
    length = draw(st.sampled_from([5, 20, 60, 10**6]))
    steps = draw(st.lists(st.tuples(
        st.sampled_from(["insert", "insert", "delete", "splice", "duplicate"]),
        st.integers(min_value=0, max_value=10**6),
        st.one_of(st.sampled_from(PIECES), st.text(max_size=6))), min_size=1, max_size=6))
    return str(SOURCES[source].relative_to(CONTENT)), start, length, steps


def apply(text: str, start: int, length: int, steps: list[tuple[str, int, str]]) -> str:
    """``text``'s window, changed by ``steps``; the front matter is kept when the window
    starts at the top."""
    lines = text.split("\n")
    start = 0 if length >= len(lines) else start % (len(lines) - length + 1)
    text = "\n".join(lines[start:start + length])
    for kind, where, piece in steps:
        at = where % (len(text) + 1)
        if kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + 1 + where % 40:]
        else:  # splice or duplicate whole lines
            lines = text.split("\n")
            first = where % max(len(lines), 1)
            chunk = lines[first:first + 1 + (where // 7) % 5]
            if kind == "splice":
                del lines[first:first + len(chunk)]
                target = (where // 13) % (len(lines) + 1)
                lines[target:target] = chunk
            else:
                lines[first:first] = chunk
            text = "\n".join(lines)
    return text


@settings(max_examples=EXAMPLES, derandomize="FAST_PARSE_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutation(), st.sampled_from([8, 8, 2]))
def test_mutated_sources_read_the_same_or_are_declined(
        change: tuple[str, int, int, list[tuple[str, int, str]]], nesting: int) -> None:
    source, start, length, steps = change
    text = (apply((CONTENT / source).read_text(encoding="utf-8"), start, length, steps)
            if length else source)
    why = taken(text, nesting)
    event(f"declined: {why}" if why else "taken")
    if why is None:
        fast, reference = both(text, Path("source.md"), nesting)
        assert fast == reference
