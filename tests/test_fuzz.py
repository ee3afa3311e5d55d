"""Fuzzing: real sources mutated at random are read, resolved, rendered and checked without
an exception escaping. Every problem must end as a diagnostic.

The default run tries a hundred inputs, the same ones every time; ``make fuzz``
(``FUZZ_EXAMPLES=10000``) tries ten thousand new ones.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unccd_publish import reading
from unccd_publish.check import check_document
from unccd_publish.diagnostics import Diagnostics
from unccd_publish.html.builder import make_environment, render_document
from unccd_publish.reading import read_project

from conftest import CONTENT, REPO

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
SOURCES = [*sorted(str(p.relative_to(CONTENT)) for p in CONTENT.glob("*/*")
                   if p.suffix in (".md", ".yaml")), "bodies.yaml", "config.yaml"]
# what the source format and YAML give meaning to, and characters that test the readers
PIECES = ["\n", "\n\n", ":::", "::::: ", "::: decision ", "::: annex ", "::: table ",
          "::: summary\n", "\n:::\n", "[^", "[^x]", "\n[^x]: ", "](#", "](", "[](#", "{#",
          "{#a}\n", '{noqa="number"}\n', "}", "- ", "  - ", "1. ", "99. ", "(a) ", "(iv) ",
          "# ", "## ", "### ", "#### ", "*", "**", "_", "`", "---\n", "|", "> ", "<b>", "&a ",
          "*a", "!!str ", "!!python/name:os.system ", ": ", "- [", "{", "[", "]", "\t",
          "\u202e", "\u200f", "\u0301", "\u200b", "\ufeff", "\x00", "\x1b", "\r", "\r\n",
          "「", "（", "《", "第", "号决定", "上文第 5 段", "decision 7/COP.16", "paragraph 9 above",
          "ICCD/COP(16)/", "2024-02-30", "99999999999999999999", "\U0001f600", "\U000e0001"]


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, list[tuple[str, int, bytes]]]:
    source = draw(st.sampled_from(SOURCES))
    steps = draw(st.lists(st.tuples(
        st.sampled_from(["flip", "insert", "delete", "splice", "duplicate"]),
        st.integers(min_value=0, max_value=10**6),
        st.one_of(st.sampled_from(PIECES).map(str.encode),
                  st.text(max_size=8).map(lambda t: t.encode("utf-8", "surrogatepass")),
                  st.binary(max_size=4))),
        min_size=1, max_size=6))
    return source, steps


def apply(data: bytes, steps: list[tuple[str, int, bytes]]) -> bytes:
    for kind, where, piece in steps:
        at = where % (len(data) + 1)
        if kind == "flip" and data:
            at %= len(data)
            data = data[:at] + bytes([data[at] ^ (1 + where % 255)]) + data[at + 1:]
        elif kind == "insert":
            data = data[:at] + piece + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + 1 + where % 40:]
        else:  # splice or duplicate whole lines
            lines = data.split(b"\n")
            first = where % max(len(lines), 1)
            count = 1 + (where // 7) % 5
            chunk = lines[first:first + count]
            if kind == "splice":
                del lines[first:first + count]
                target = (where // 13) % (len(lines) + 1)
                lines[target:target] = chunk
            else:
                lines[first:first] = chunk
            data = b"\n".join(lines)
    return data


@pytest.fixture(autouse=True)
def no_collection_per_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline collects garbage once per document, which in a run of its own costs
    little; here it would walk Hypothesis's heap, which grows with every input tried."""
    monkeypatch.setattr(reading, "one_document", contextlib.nullcontext)
    monkeypatch.setattr(reading, "one_run", contextlib.nullcontext)


@pytest.fixture(scope="module")
def project_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(CONTENT, root / "content")
    (root / "templates").symlink_to(REPO / "templates")
    return root


@settings(max_examples=EXAMPLES, derandomize="FUZZ_EXAMPLES" not in os.environ,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                 HealthCheck.data_too_large])
@given(mutation())
def test_mutated_sources_end_in_diagnostics_not_exceptions(
        project_root: Path, change: tuple[str, list[tuple[str, int, bytes]]]) -> None:
    source, steps = change
    path = project_root / "content" / source
    original = (CONTENT / source).read_bytes()
    path.write_bytes(apply(original, steps))
    try:
        diagnostics = Diagnostics()
        project = read_project(project_root / "content", diagnostics)
        env = make_environment(project)
        for docset in project.documents:
            for lang in docset.versions:
                render_document(env, project, docset, lang, {})
            check_document(docset, [], [])
        for diagnostic in diagnostics:
            assert diagnostic.code and diagnostic.location.line >= 1
    finally:
        path.write_bytes(original)
