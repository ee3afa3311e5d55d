"""Shards: N runs of `build --shard K/N` (and `build index`) write what one run writes, byte
for byte; `check --shard` finds what one check finds."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from unccd_publish.diagnostics import Diagnostics
from unccd_publish.environment import static_files
from unccd_publish.html.builder import copy_static
from unccd_publish.reading import read_project
from unccd_publish.shards import Shard, share, split

from conftest import CONTENT, PDFS, REPO, run_cli

sys.path.insert(0, str(REPO / "bench"))
from corpus import make_corpus


def outputs(out: Path) -> dict[str, bytes]:
    """Every file a build wrote, but its state and cache."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and "cache" not in p.parts and not p.name.startswith(".build-state")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project of seven documents made from content/'s, of three lengths."""
    root = tmp_path_factory.mktemp("corpus")
    make_corpus(CONTENT, root / "content", 7)
    (root / "templates").symlink_to(REPO / "templates")
    return root


def cli(root: Path, out: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--content", str(root / "content"), "--out", str(out), *args, cwd=root)


def test_the_split_is_whole_disjoint_balanced_and_the_same_each_time(corpus: Path) -> None:
    folders = {p.parent.name: p.parent for p in (corpus / "content").glob("*/document.yaml")}
    shares = split(folders, 3)
    assert set().union(*shares) == set(folders)
    assert sum(len(s) for s in shares) == len(folders)
    assert shares == split(dict(reversed(folders.items())), 3)
    sizes = [sum(f.stat().st_size for n in s for f in folders[n].iterdir()) for s in shares]
    largest = max(sum(f.stat().st_size for f in folder.iterdir()) for folder in folders.values())
    assert max(sizes) - min(sizes) <= largest  # greedy, largest first: within one document
    assert share(folders, Shard(2, 3)) == shares[1]
    assert split(folders, 10)[9] == set()  # more shards than documents: some have none


@pytest.mark.parametrize("text", ["0/2", "3/2", "2", "a/b", "1/0", "-1/2"])
def test_a_bad_shard_is_refused(corpus: Path, tmp_path: Path, text: str) -> None:
    for command in (["build", "html"], ["check"]):
        done = cli(corpus, tmp_path, *command, f"--shard={text}")
        assert done.returncode == 2 and "[cli.shard]" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr


def test_three_shards_in_parallel_write_what_one_run_writes(corpus: Path,
                                                           tmp_path: Path) -> None:
    single, sharded = tmp_path / "single", tmp_path / "sharded"
    assert cli(corpus, single, "build", "html").returncode == 0
    runs = [subprocess.Popen([sys.executable, "-m", "unccd_publish", "--content",
                              str(corpus / "content"), "--out", str(sharded), "build", "html",
                              "-q", "--shard", f"{k}/3"], cwd=corpus, stderr=subprocess.PIPE,
                             text=True) for k in (1, 2, 3)]
    for run in runs:
        assert run.wait(timeout=600) == 0, run.stderr.read() if run.stderr else ""
    assert not (sharded / "html" / "index.html").exists()  # the final step writes it
    merged = cli(corpus, sharded, "build", "index")
    assert merged.returncode == 0, merged.stderr
    assert outputs(sharded) == outputs(single)
    assert (json.loads((sharded / ".build-state.json").read_text())
            == json.loads((single / ".build-state.json").read_text()))
    assert not list(sharded.glob(".build-state-shard-*"))
    again = cli(corpus, sharded, "build", "html")
    assert "nothing to do" in again.stderr, again.stderr


def test_sharded_pdfs_are_byte_identical_to_one_runs(pdf_out: Path, tmp_path: Path) -> None:
    for k in (1, 2):
        done = run_cli("--out", str(tmp_path), "build", "pdf", "-j", "1", "--shard", f"{k}/2",
                       cwd=REPO)
        assert done.returncode == 0, done.stderr
    assert run_cli("--out", str(tmp_path), "build", "index", cwd=REPO).returncode == 0
    for name in PDFS.values():
        assert (tmp_path / "pdf" / name).read_bytes() == (pdf_out / name).read_bytes(), name
    assert outputs(tmp_path / "html") == outputs(pdf_out.parent / "html")


def test_a_shard_rebuilds_its_documents_that_cite_another_shards(tmp_path: Path) -> None:
    from conftest import DOCUMENT_YAML, EN_MD, MiniProject

    project = MiniProject(tmp_path, copy_templates=True)
    project.write("doc/en.md", EN_MD.replace("1. First paragraph.", "{#first}\n1. First."))
    project.write("other/document.yaml", DOCUMENT_YAML.replace("CST/99", "CST/98"))
    project.write("other/en.md", EN_MD.replace("Second paragraph.", "As [](doc#first) says.")
                  + "\n" + "3. A longer document, so that the two fall in two shards.\n" * 3)
    out = tmp_path / "build"
    assert sorted(map(sorted, split({"doc": project.doc, "other": project.content / "other"},
                                    2))) == [["doc"], ["other"]]
    for k in (1, 2):
        assert project.run("build", "html", "--shard", f"{k}/2").returncode == 0
    project.write("doc/en.md", EN_MD.replace("1. First paragraph.", "{#opening}\n1. First."))
    found = [project.run("build", "html", "--shard", f"{k}/2") for k in (1, 2)]
    assert sum("label.unresolved" in done.stderr for done in found) == 1, [
        done.stderr for done in found]
    merged = project.run("build", "index")
    assert merged.returncode == 1 and "label.unresolved" in merged.stderr
    assert (out / "html" / "index.html").is_file()


def test_build_index_says_what_is_missing(corpus: Path, tmp_path: Path) -> None:
    nothing = cli(corpus, tmp_path, "build", "index")
    assert nothing.returncode == 1 and "no shards to merge" in nothing.stderr
    assert "up to date" not in nothing.stderr and "wrote nothing" in nothing.stderr
    assert cli(corpus, tmp_path, "build", "html", "--shard", "1/2").returncode == 0
    missing = cli(corpus, tmp_path, "build", "index")
    assert "shard 2/2 has not been built; run `build --shard 2/2`" in missing.stderr
    assert "[cli.shard]" in missing.stderr and missing.returncode == 1
    assert cli(corpus, tmp_path, "build", "html", "--shard", "1/3").returncode == 0
    mixed = cli(corpus, tmp_path, "build", "index")
    assert "shards of different splits" in mixed.stderr
    assert not (tmp_path / "html" / "index.html").exists()


def test_check_shards_find_together_what_one_check_finds(corpus: Path,
                                                         tmp_path: Path) -> None:
    def findings(*args: str) -> tuple[list[str], int]:
        done = cli(corpus, tmp_path / "out", "check", "-j", "1", "--format", "json", *args)
        assert "Traceback" not in done.stderr
        data = json.loads(done.stdout)
        return sorted(json.dumps(f, sort_keys=True) for f in data["findings"]), done.returncode

    whole, _ = findings("-E")
    parts = [findings("--shard", f"{k}/3") for k in (1, 2, 3)]
    assert sorted(f for part, _ in parts for f in part) == whole
    pages = sorted(p.name for p in (tmp_path / "out" / "check").glob("*.html"))
    assert len(pages) == 7


def test_build_index_reports_a_problem_of_config_yaml_once(tmp_path: Path) -> None:
    from conftest import MiniProject

    project = MiniProject(tmp_path)
    project.write("config.yaml", "bogus_key: 1\n")
    for k in (1, 2):
        assert project.run("build", "html", "--shard", f"{k}/2").returncode == 0
    merged = project.run("build", "index")
    assert merged.stderr.count("[config.unknown]") == 1, merged.stderr


def test_shards_copying_the_static_files_at_once_do_not_trip_over_each_other(
        tmp_path: Path) -> None:
    """Shards built in parallel copy the same stylesheets into one output folder: each copy
    goes through a temporary file of its own."""
    project = read_project(CONTENT, Diagnostics(), only=set())
    for attempt in range(5):
        out = tmp_path / str(attempt)
        with ThreadPoolExecutor(max_workers=6) as pool:
            for done in [pool.submit(copy_static, project, out) for _ in range(6)]:
                done.result()  # raises what a copy raised
        for path in static_files(REPO / "templates" / "static"):
            copy = out / "static" / path.relative_to(REPO / "templates" / "static")
            assert copy.read_bytes() == path.read_bytes()
        assert not list((out / "static").rglob("*.tmp"))
