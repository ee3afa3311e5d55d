"""The benchmark runs, at its smallest size, and writes its table of results."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_the_benchmark_runs_at_its_smallest_size(tmp_path: Path) -> None:
    results = tmp_path / "results.md"
    done = subprocess.run([sys.executable, str(REPO / "bench" / "run.py"), "--sizes", "10",
                           "--pdf-sizes", "10", "--runs", "1", "--no-peers", "--output",
                           str(results)], cwd=REPO, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    table = results.read_text(encoding="utf-8")
    assert "| measure | value | target | met |" in table
    assert ("[10] check of 10 document pairs, cold, -j 1, against the code of" in table
            or "is not in this clone" in table), "the cold check takes turns with the baseline"
    for measure in ("[10] HTML build, cold", "[10] no-op rebuild",
                    "[10] check of 10 document pairs, cold (no cache, -j auto)",
                    "[10] no-op rebuild against --help", "[10] HTML build, peak memory",
                    "[10] check -E with a warm cache", "[10] 4 shards in parallel + index",
                    "[10] check of 10 document pairs, cold, -j 1",
                    "[10] check of 10 pairs, nothing changed",
                    "[10] check of 10 pairs, one document edited",
                    "[10] PDF build -j 2", "[10] largest PDF", "floor: WeasyPrint alone",
                    "time per document at 10: PDF build",
                    "[real] check, cold, -j 1, per pair", "[real] check -E with a warm cache",
                    "[real] pairs with a false alarm",
                    "[real] injected defects reported at their pair"):
        assert measure in table, measure


def test_the_benchmark_corpus_is_valid_source(tmp_path: Path) -> None:
    """A corpus document with an error is left out of the build, and its no-op is no longer
    one: every document the corpus makes, of every length, must read without a problem."""
    sys.path.insert(0, str(REPO / "bench"))
    from corpus import make_corpus

    from unccd_publish.diagnostics import Diagnostics
    from unccd_publish.reading import read_project

    names = make_corpus(REPO / "content", tmp_path / "content", 12)
    assert {name.split("-")[2] for name in names} == {"x1", "x2", "x3"}
    diagnostics = Diagnostics()
    project = read_project(tmp_path / "content", diagnostics)
    assert len(project.documents) == 12
    assert not diagnostics.items, [d.format(tmp_path) for d in diagnostics.items][:5]
