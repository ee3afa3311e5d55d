"""``make bench``: how the pipeline's cost grows with the corpus, and how it compares.

Generates synthetic corpora (bench/corpus.py) of the sizes asked for, and measures, as
medians of several runs: HTML build, PDF build (-j 1 and -j 2), check, no-op rebuild,
one-file rebuild, peak memory, PDF sizes, time per document; and on the same documents
WeasyPrint alone in one warm process (the floor), Sphinx with myst-parser, and pandoc with
WeasyPrint as its PDF engine. Then the check of real UN text (tests/data/unpc): 4,000
sentence pairs of English and Chinese, their findings, and the injected defects it catches.
Writes bench/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = REPO / "build" / "bench"
PEERS = WORK / "peers-venv"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

from corpus import make_corpus  # noqa: E402

from parallel import (  # noqa: E402  (real UN text, as the tests wrap it)
    DATA,
    INJECTIONS,
    findings_by_pair,
    inject,
    read_pairs,
    write_corpus,
)
from unccd_publish.noop import STABLE as NOOP_STABLE  # noqa: E402
from unccd_publish.pdf.builder import PDF_VARIANT  # noqa: E402  (the variant the floor writes)


@dataclass
class Figure:
    name: str
    value: float | None
    unit: str
    target: str = ""
    met: bool | None = None
    note: str = ""


@dataclass
class Results:
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *args: object, **kwargs: object) -> Figure:
        figure = Figure(*args, **kwargs)  # type: ignore[arg-type]
        self.figures.append(figure)
        print(f"  {figure.name:<58} {_fmt(figure.value, figure.unit):>12}  {figure.target}",
              flush=True)
        return figure


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "×":
        return f"{value:.2f} ×"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "KB":
        return f"{value:.0f} KB"
    if unit == "%":
        return f"{value:.2f} %"
    if unit == "ms":
        return f"{value:.2f} ms"
    return f"{value:g} {unit}"


def without_bytecode_ban(env: dict[str, str] | None) -> dict[str, str]:
    """The environment of a measured command, with Python allowed to keep the compiled
    bytecode of the project's modules, as it does on a user's machine: where
    PYTHONDONTWRITEBYTECODE is set, every run would compile them again, 0.1 s of each
    cold build that neither a user nor the peers (installed, compiled) pay."""
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(cmd: list[str], cwd: Path = REPO, env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run ``cmd``; return its wall time and the peak memory (KB) of its largest process."""
    seconds, rss, _ = run_measured(cmd, cwd, env)
    return seconds, rss


def run_measured(cmd: list[str], cwd: Path = REPO,
                 env: dict[str, str] | None = None) -> tuple[float, int, float]:
    """Run ``cmd``; its wall time, the peak memory (KB) of its largest process, and the CPU
    time (user + system) of all its processes.

    What earlier commands wrote is put on disk first: else the kernel writes it back while
    ``cmd`` runs, and ``cmd`` pays for the files of whatever ran before it (in turns, the
    other program's)."""
    os.sync()
    wrapper = [sys.executable, "-c", (
        "import resource,subprocess,sys,time;t=time.perf_counter();"
        "r=subprocess.run(sys.argv[1:]);u=resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(time.perf_counter()-t, u.ru_maxrss, r.returncode, u.ru_utime+u.ru_stime,"
        " file=sys.stderr)"), *cmd]
    done = subprocess.run(wrapper, cwd=cwd, env=without_bytecode_ban(env), capture_output=True,
                          text=True)
    last = done.stderr.strip().splitlines()[-1].split()
    seconds, rss, code, cpu = float(last[0]), int(last[1]), int(last[2]), float(last[3])
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    return seconds, rss, cpu


def median_time(cmd: list[str], runs: int, before: object = None) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(runs):
        if callable(before):
            before()
        seconds, rss = run(cmd)
        times.append(seconds)
        peaks.append(rss)
    return statistics.median(times), max(peaks)


def turn_about(cmd: list[str], before: Callable[[], None], other: list[str],
               before_other: Callable[[], None], runs: int,
               other_env: dict[str, str]) -> tuple[float, int, float]:
    """``cmd`` and ``other`` in turns, ``runs`` times each: the median of each, and the peak
    memory of ``cmd``."""
    times, peaks, others = [], [], []
    for _ in range(runs):
        before()
        seconds, rss = run(cmd)
        times.append(seconds)
        peaks.append(rss)
        before_other()
        others.append(run(other, env=other_env)[0])
    return statistics.median(times), max(peaks), statistics.median(others)


# The code when the speed targets were set (issue "speed at scale": the commit before the
# read cache); its cold check of 500 pairs took 26.5 s with -j auto and 55.8 s with -j 1.
BASELINE = "ad09630"


def baseline_project(content: Path, notes: list[str]) -> Path | None:
    """A copy of ``content`` beside BASELINE's sources and templates (from git: a clone that
    lacks the commit is measured against the times above, noted)."""
    code = WORK / "baseline"
    if not (code / "src").is_dir():
        shutil.rmtree(code, ignore_errors=True)
        code.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", "--format=tar", BASELINE, "src",
                                  "templates"], cwd=REPO, capture_output=True)
        if archive.returncode != 0:
            notes.append(f"The commit {BASELINE}, whose cold check the checker is measured "
                         "against, is not in this clone: measured against the times it took "
                         "when the targets were set.")
            return None
        subprocess.run(["tar", "-x", "-C", str(code)], input=archive.stdout, check=True)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "src")],
                       env=without_bytecode_ban(None), check=True)  # as installed code is
    project = WORK / f"baseline-{content.parent.name}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    shutil.copytree(content, project / "content")  # its templates are found beside it
    (project / "templates").symlink_to(code / "templates")
    return project


def with_baseline(cmd: list[str], before: Callable[[], None], was: Path, jobs: str,
                  runs: int) -> tuple[float, int, float]:
    """``cmd``, a cold check, in turns with the same check (``-j jobs``) by BASELINE's code
    on its copy of the content ``was`` (see baseline_project): as turn_about."""
    then = [*cli("--content", str(was / "content"), "--out", str(was / "build")),
            "check", "-q", "-E", "-j", jobs]
    return turn_about(cmd, before, then, lambda: shutil.rmtree(was / "build", ignore_errors=True),
                      runs, dict(os.environ, PYTHONPATH=str(WORK / "baseline" / "src")))


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "unccd_publish", *args]


def html_cold(size: int) -> float:
    """One HTML build from nothing of the corpus of ``size`` documents (made by bench_size)."""
    project = WORK / f"corpus-{size}"
    shutil.rmtree(project / "build", ignore_errors=True)
    return run(cli("--content", str(project / "content"), "--out", str(project / "build"),
                   "build", "html", "-q"))[0]


def html_in_a_row(sizes: tuple[int, int, int]) -> dict[int, float]:
    """The HTML build's time at the smallest, middle and largest corpus, built one after
    another (small, middle, largest, middle, small; the medians): the time each document adds
    is compared across sizes measured within a minute, not minutes apart, when a machine whose
    speed drifts by a tenth moves the ratio by as much."""
    small, middle, largest = sizes
    times: dict[int, list[float]] = {small: [], middle: [], largest: []}
    for size in (small, middle, largest, middle, small):
        times[size].append(html_cold(size))
    return {size: statistics.median(found) for size, found in times.items()}


def bench_size(size: int, runs: int, results: Results, pdf_sizes: tuple[int, ...],
               peers: bool) -> dict[str, float]:
    project = WORK / f"corpus-{size}"
    content, out = project / "content", project / "build"
    names = make_corpus(REPO / "content", content, size)
    if not (project / "templates").exists():
        (project / "templates").symlink_to(REPO / "templates")
    base = ["--content", str(content), "--out", str(out)]
    per: dict[str, float] = {}
    print(f"corpus of {size} documents ({2 * size} language versions)", flush=True)

    def fresh() -> None:
        shutil.rmtree(out, ignore_errors=True)

    large = size > 500  # one run, and only what grows with the corpus
    runs = 1 if large else runs
    html, html_rss = median_time(cli(*base, "build", "html", "-q"), runs, fresh)
    results.add(f"[{size}] HTML build, cold (no build/, no cache)", html, "s")
    per["html_per_doc"] = html / size
    results.add(f"[{size}] HTML build per document", html / size, "s")
    target = "≤ 120 MB" if size >= 500 else ""
    results.add(f"[{size}] HTML build, peak memory", html_rss / 1024, "MB", target,
                html_rss / 1024 <= 120 if target else None)
    per["html_rss"] = html_rss / 1024
    # a no-op's answer is kept only once every file it depends on is older than STABLE
    # seconds: the no-op is timed as a user meets it, not in the moment after the build
    time.sleep(NOOP_STABLE + 0.1)
    noop, _ = median_time(cli(*base, "build", "html", "-q"), max(runs, 5))
    help_time, _ = median_time(cli("--help"), max(runs, 5))
    results.add(f"[{size}] no-op rebuild", noop, "s", "≤ 1 s" if size == 500 else "",
                noop <= 1 if size == 500 else None)
    results.add(f"[{size}] no-op rebuild against --help ({help_time:.3f} s)", noop / help_time,
                "×", "≤ 1.2 ×", noop / help_time <= 1.2)
    victim = content / names[0] / "en.md"
    original = victim.read_text(encoding="utf-8")
    counter = [0]

    def touch() -> None:
        counter[0] += 1
        victim.write_text(original.replace("::: summary\n", f"::: summary\nEdit {counter[0]}.\n\n",
                                           1), encoding="utf-8")

    if not large:
        one, _ = median_time(cli(*base, "build", "html", "-q"), runs, touch)
        victim.write_text(original, encoding="utf-8")
        results.add(f"[{size}] one-file rebuild (HTML)", one, "s")
        # 4 shards as 4 processes over one cache, then the index: against one run
        fresh()
        single, _, single_cpu = run_measured(cli(*base, "build", "html", "-q"))
        fresh()
        shards = SHARDS.format(cli=cli(*base, "build", "html", "-q"))
        wall, _, cpu = run_measured([sys.executable, "-c", shards])
        results.add(f"[{size}] 4 shards in parallel + index, cold: wall against one cold run",
                    wall / single, "×")
        results.add(f"[{size}] 4 shards in parallel + index, cold: CPU against one cold run",
                    cpu / single_cpu if single_cpu else None, "×")

    # The checker: cold (no state, no cache), with -j auto and -j 1; then -E with the cache
    # the cold run left (every document compared again, none parsed again); with nothing
    # changed; after one edit.
    def no_check() -> None:
        shutil.rmtree(out / "check", ignore_errors=True)
        shutil.rmtree(out / "cache", ignore_errors=True)

    # Up to 500 pairs, the size of the targets, each cold check takes turns with the same
    # check by the code the targets were set against (BASELINE): the ratio is measured in
    # one run, whatever the machine's speed at the time.
    was = baseline_project(content, results.notes) if size <= 500 else None
    measured: dict[str, tuple[float, int]] = {}
    # each with the time the check took when the targets were set
    for jobs, what, limit in (("auto", "cold (no cache, -j auto)", 26.5),
                              ("1", "cold, -j 1", 55.8)):
        what = f"[{size}] check of {size} document pairs, {what}"
        cmd = cli(*base, "check", "-q", "-E", "-j", jobs)
        if was is None:  # against the time measured when the target was set
            now, rss = median_time(cmd, runs, no_check)
            target = f"≤ {0.4 * limit:.1f} s" if size == 500 else ""
            results.add(what, now, "s", target, now <= 0.4 * limit if target else None)
        else:
            now, rss, then = with_baseline(cmd, no_check, was, jobs, runs)
            results.add(what, now, "s")
            target = "≤ 0.4 ×" if size == 500 else ""
            results.add(f"{what}, against the code of {BASELINE} ({then:.2f} s, in turns)",
                        now / then, "×", target, now / then <= 0.4 if target else None)
        measured[jobs] = now, rss
    (_, check_rss), (serial, serial_rss) = measured["auto"], measured["1"]
    per["check_per_doc"] = serial / size
    results.add(f"[{size}] check, cold, -j 1, per document pair", serial / size, "s")
    results.add(f"[{size}] check, cold, peak memory", max(check_rss, serial_rss) / 1024, "MB")
    warm, _ = median_time(cli(*base, "check", "-q", "-E"), runs)
    target = "≤ 2 s" if size == 500 else ""
    results.add(f"[{size}] check -E with a warm cache (-j auto)", warm, "s", target,
                warm <= 2 if target else None)
    again, _ = median_time(cli(*base, "check", "-q"), runs)
    results.add(f"[{size}] check of {size} pairs, nothing changed since the last check", again,
                "s", target, again <= 2 if target else None)
    if not large:
        edited, _ = median_time(cli(*base, "check", "-q"), runs, touch)
        victim.write_text(original, encoding="utf-8")
        results.add(f"[{size}] check of {size} pairs, one document edited", edited, "s", target,
                    edited <= 2 if target else None)
    per["peak_rss"] = max(html_rss, check_rss, serial_rss)

    if size in pdf_sizes:
        pdf_content = content
        j1, rss1 = median_time(cli(*base, "build", "pdf", "-q", "-j", "1", "--fresh"), runs)
        j2, rss2 = median_time(cli(*base, "build", "pdf", "-q", "-j", "2", "--fresh"), runs)
        results.add(f"[{size}] PDF build -j 1 (HTML + PDF)", j1, "s")
        results.add(f"[{size}] PDF build -j 2", j2, "s")
        speedup = j1 / j2 if j2 else None
        results.add(f"[{size}] -j 2 speed-up over -j 1", speedup, "×", "≥ 1.7 ×",
                    speedup is not None and speedup >= 1.7)
        per["peak_rss"] = max(per["peak_rss"], rss1, rss2)
        sizes = [p.stat().st_size / 1024 for p in (out / "pdf").glob("*.pdf")]
        if not sizes:
            raise RuntimeError(f"no PDF was built in {out}")
        # a document of content/'s length (its body once) must stay within the budget; the
        # corpus also holds documents two and three times as long
        single = {f"ICCD_BENCH_{index + 1}" for index, name in enumerate(names)
                  if "-x1-" in name}
        own_length = [p.stat().st_size / 1024 for p in (out / "pdf").glob("*.pdf")
                      if p.stem.rsplit("_", 1)[0] in single]
        if own_length:
            results.add(f"[{size}] largest PDF, a document of content/'s length",
                        max(own_length), "KB", "≤ 300 KB", max(own_length) <= 300)
        results.add(f"[{size}] largest PDF (bodies up to three times as long)", max(sizes), "KB")
        results.add(f"[{size}] median PDF", statistics.median(sizes), "KB")
        results.add(f"[{size}] smallest PDF", min(sizes), "KB")
        per["pdf_per_doc"] = j1 / size
        floor = weasyprint_floor(out / "html", runs)
        results.add(f"[{size}] floor: WeasyPrint alone, one warm process", floor, "s")
        html_only, _ = median_time(cli(*base, "build", "html", "-q", "-j", "1", "--fresh"), runs)
        pdf_stage = j1 - html_only
        ratio = pdf_stage / floor if floor else None
        results.add(f"[{size}] PDF stage (-j 1) against the floor", ratio, "×", "≤ 1.05 ×",
                    ratio is not None and ratio <= 1.05)
        if peers:
            pandoc = pandoc_pdf(pdf_content, out, runs)
            results.add(f"[{size}] pandoc --pdf-engine=weasyprint (same Markdown)", pandoc, "s")
    if peers and not large:
        # Sphinx takes turns with the cold HTML build, so that the ratio is of two times
        # measured under the same conditions
        timed = sphinx_html(content, runs, results.notes, partial(html_cold, size))
        if timed is not None:
            sphinx, html_then = timed
            results.add(f"[{size}] Sphinx + myst-parser HTML build", sphinx, "s")
            results.add(f"[{size}] HTML build, cold, in turns with Sphinx", html_then, "s")
            ratio = sphinx / html_then
            wanted = 5 if size < 100 else 10  # as asked: 5 × at 10 documents, 10 × at 100
            results.add(f"[{size}] HTML build speed against Sphinx", ratio, "×", f"≥ {wanted} ×",
                        ratio >= wanted)
    return per


# 4 shards of the HTML build as 4 processes sharing one output folder and cache, then the
# final step that merges them.
SHARDS = """
import subprocess, sys
cmd = {cli!r}
shards = [subprocess.Popen(cmd + ["--shard", f"{{k}}/4"]) for k in (1, 2, 3, 4)]
codes = [p.wait() for p in shards]
index = cmd[:cmd.index("build") + 1] + ["index", "-q"]
sys.exit(max(codes + [subprocess.run(index).returncode]))
"""


# The floor writes the PDF variant the builder writes (argv[2]), so that the two compare like
# for like; what the builder does besides (font cutting, its structure finisher) is its cost.
FLOOR_SCRIPT = """
import sys, time, pathlib
from weasyprint import HTML
pages = sorted(pathlib.Path(sys.argv[1]).glob("*/*.html"))
variant = sys.argv[2]
HTML(filename=str(pages[0])).write_pdf(pdf_variant=variant)  # warm up
cache = {}
start = time.perf_counter()
for page in pages:
    HTML(filename=str(page)).write_pdf(cache=cache, pdf_variant=variant)
print(time.perf_counter() - start)
"""


def weasyprint_floor(html: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", FLOOR_SCRIPT, str(html), PDF_VARIANT],
                              capture_output=True, text=True, check=True)
        times.append(float(done.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def ensure_peers(results: Results) -> bool:
    """Sphinx and myst-parser in a venv of the benchmark's own; pandoc from Debian."""
    ok = True
    if not (PEERS / "bin" / "sphinx-build").exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
        done = subprocess.run([str(PEERS / "bin" / "pip"), "install", "-q", "sphinx",
                               "myst-parser"], capture_output=True, text=True)
        if done.returncode != 0:
            results.notes.append("Sphinx could not be installed: skipped.")
            ok = False
    if shutil.which("pandoc") is None:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        done = subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "pandoc"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            results.notes.append("pandoc could not be installed: skipped.")
    return ok


SPHINX_CONF = """
project = "bench"
extensions = ["myst_parser"]
myst_enable_extensions = ["colon_fence", "attrs_block"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
suppress_warnings = ["myst.header", "myst.xref_missing", "toc.not_included",
                     "myst.directive_unknown"]
"""


SLOW_PEER = 300  # seconds


def sphinx_html(content: Path, runs: int, notes: list[str],
                ours: Callable[[], float]) -> tuple[float, float] | None:
    """The median time of Sphinx's HTML build of ``content``, and of ``ours``, run in turns
    with it."""
    sphinx = PEERS / "bin" / "sphinx-build"
    if not sphinx.exists():
        return None
    source = WORK / "sphinx-src"
    shutil.rmtree(source, ignore_errors=True)
    shutil.copytree(content, source, ignore=shutil.ignore_patterns("*.yaml"))
    (source / "conf.py").write_text(SPHINX_CONF)
    docs = sorted(str(p.relative_to(source).with_suffix("")) for p in source.glob("*/*.md"))
    (source / "index.md").write_text("# Bench\n\n```{toctree}\n" + "\n".join(docs) + "\n```\n")
    times: list[float] = []
    mine: list[float] = []
    for _ in range(runs):
        mine.append(ours())
        shutil.rmtree(source / "_build", ignore_errors=True)
        seconds, _ = run([str(sphinx), "-q", "-b", "html", str(source), str(source / "_build")])
        times.append(seconds)
        if seconds > SLOW_PEER:
            break
    if len(times) < runs:
        notes.append(f"Sphinx on {len(docs)} Markdown files ({len(docs) // 2} documents) took "
                     f"{times[0]:.0f} s: run once, not {runs} times (runs of a peer over "
                     f"{SLOW_PEER} s are not repeated).")
    return statistics.median(times), statistics.median(mine)


def pandoc_pdf(content: Path, out: Path, runs: int) -> float | None:
    pandoc = shutil.which("pandoc")
    weasy = Path(sys.executable).parent / "weasyprint"
    if pandoc is None or not weasy.exists():
        return None
    target = WORK / "pandoc"
    target.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PATH=f"{weasy.parent}:{os.environ.get('PATH', '')}")
    files = sorted(content.glob("*/*.md"))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for index, md in enumerate(files):
            subprocess.run([pandoc, str(md), "-o", str(target / f"{index}.pdf"),
                            "--pdf-engine=weasyprint", "-f", "markdown+yaml_metadata_block"],
                           env=env, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_real_text(runs: int, results: Results) -> None:
    """The check of 4,000 real English/Chinese sentence pairs, wrapped as the tests wrap them."""
    import yaml

    pairs = read_pairs("devset")
    project = WORK / "real-text"
    content, out = project / "content", project / "build"
    wrapped = write_corpus(pairs, content, REPO / "content")
    if not (project / "templates").exists():
        (project / "templates").symlink_to(REPO / "templates")
    documents = len({folder for folder, _ in wrapped.places})
    print(f"real text: {len(pairs)} sentence pairs in {documents} documents", flush=True)
    base = ["--content", str(content), "--out", str(out), "check", "-q", "-E"]
    results.add("[real] sentence pairs checked (UN Parallel Corpus, development set)",
                len(pairs), "")

    def no_cache() -> None:  # cold: nothing read or compared before
        shutil.rmtree(out, ignore_errors=True)

    # in turns with the code the targets were set against, as the synthetic corpora are:
    # real text repeats no paragraph, so what a check caches by text (the values read in
    # it) is never found again, as it mostly is in the synthetic corpora
    was = baseline_project(content, results.notes)
    if was is None:
        cold, _ = median_time(cli(*base, "-j", "1"), runs, no_cache)
    else:
        cold, _, then = with_baseline(cli(*base, "-j", "1"), no_cache, was, "1", runs)
    results.add("[real] check, cold (no cache), -j 1", cold, "s")
    if was is not None:
        results.add(f"[real] check, cold, -j 1, against the code of {BASELINE} ({then:.2f} s, "
                    "in turns)", cold / then, "×")
    results.add("[real] check, cold, -j 1, per pair", cold / len(pairs) * 1000, "ms")
    parallel, _ = median_time(cli(*base), runs, no_cache)
    results.add("[real] check, cold (no cache), -j auto", parallel, "s")
    # every document compared again, its model and the values read in its text taken from
    # the cache the cold run left: real text, unlike the synthetic corpora, repeats nothing
    warm, _ = median_time(cli(*base, "-j", "1"), runs)
    results.add("[real] check -E with a warm cache, -j 1", warm, "s")
    done = subprocess.run(cli(*base, "--format", "json"), cwd=REPO, capture_output=True,
                          text=True)
    found = json.loads(done.stdout)["findings"]
    errors = sum(f["severity"] == "error" for f in found)
    results.add("[real] findings: errors", errors, "")
    results.add("[real] findings: warnings", len(found) - errors, "")
    by_pair = findings_by_pair(pairs, content, REPO / "content")
    results.add("[real] pairs with a finding", len(by_pair) / len(pairs) * 100, "%")
    accepted = yaml.safe_load((DATA / "accepted.yaml").read_text(encoding="utf-8"))
    kinds = [e["kind"] for e in accepted if e["pair"] in by_pair]
    false_alarms = sum(k in ("explicit", "limitation") for k in kinds)
    rate = false_alarms / len(pairs) * 100
    results.add("[real] pairs with a false alarm (explicitation or limitation)", rate, "%",
                "< 1 %", rate < 1)
    for kind in ("slip", "corpus", "explicit", "limitation"):
        results.add(f"[real] findings kept in accepted.yaml as '{kind}'", kinds.count(kind), "")
    kinds_of_defect = list(INJECTIONS)
    mutated = []
    for index, pair in enumerate(pairs):
        if pair.number in by_pair:
            continue
        for kind in (kinds_of_defect[index % len(kinds_of_defect)], *kinds_of_defect):
            zh = inject(pair.zh, kind, index)
            if zh is not None:
                mutated.append(type(pair)(pair.number, pair.source, pair.en, zh))
                break
    caught = findings_by_pair(mutated, project / "mutated", REPO / "content")
    results.add("[real] defects injected into the Chinese (one a pair)", len(mutated), "")
    recall = len(caught) / len(mutated) * 100
    results.add("[real] injected defects reported at their pair", recall, "%", "≥ 99 %",
                recall >= 99)


def bench_word_and_translators(runs: int, results: Results) -> None:
    """Word out and in, and the translators' XLIFF out and in, on the documents of content/:
    the time per document (both languages)."""
    project = WORK / "word"
    content, out = project / "content", project / "build"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(REPO / "content", content)
    (project / "templates").symlink_to(REPO / "templates")
    folders = sorted(p.parent.name for p in content.glob("*/document.yaml"))
    base = ["--content", str(content), "--out", str(out)]
    export, _ = median_time(cli(*base, "build", "docx", "-E", "-j", "1", "-q"), runs)
    results.add("[word] build docx -j 1, per document (both languages)",
                export / len(folders), "s")
    words = sorted((out / "docx").glob("*.docx"))
    imported = project / "imported"

    def fresh() -> None:  # a project with no documents yet
        shutil.rmtree(imported, ignore_errors=True)
        imported.mkdir()
        for name in ("bodies.yaml", "config.yaml"):
            shutil.copy(content / name, imported / name)

    def original_first(word: Path) -> tuple[str, bool]:  # ..._E.docx before ..._C.docx
        stem, letter = word.stem.rsplit("_", 1)
        return stem, letter != "E"

    times = []
    for _ in range(runs):
        fresh()
        start = time.perf_counter()
        for word in sorted(words, key=original_first):
            run(cli("--content", str(imported), "--out", str(project / "out"), "import", "docx",
                    str(word), "--folder",
                    re.sub(r"[^a-z0-9]+", "-", original_first(word)[0].lower()).strip("-")))
        times.append(time.perf_counter() - start)
    results.add("[word] import docx, per document and language (one command each)",
                statistics.median(times) / len(words), "s")
    xliff, _ = median_time(cli(*base, "export", "xliff", "-E", "-j", "1", "-q"), runs)
    results.add("[translators] export xliff -j 1, per document", xliff / len(folders), "s")
    exported = sorted((out / "xliff").glob("*.xlf"))
    back = statistics.median(
        run(cli(*base, "import", "xliff", *map(str, exported)))[0] for _ in range(runs))
    results.add("[translators] import xliff (and the check after it), per document",
                back / len(exported), "s")


def machine() -> str:
    cpu = "unknown processor"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**30
    return (f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB; {platform.platform()}; "
            f"Python {platform.python_version()}")


def write_results(results: Results, path: Path, runs: int) -> None:
    lines = ["# Benchmark results", "",
             f"Machine: {machine()}.", "",
             f"Medians of {runs} runs. Made by `make bench` (bench/run.py); "
             f"{time.strftime('%Y-%m-%d')}.", "",
             "| measure | value | target | met |", "|---|---|---|---|"]
    for f in results.figures:
        met = "" if f.met is None else ("yes" if f.met else "**no**")
        lines.append(f"| {f.name} | {_fmt(f.value, f.unit)} | {f.target} | {met} |")
    if results.notes:
        lines += ["", *[f"- {n}" for n in results.notes]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,500,2000",
                        help="corpus sizes; above 500, one run and only what grows with size")
    parser.add_argument("--pdf-sizes", default="10",
                        help="corpus sizes whose PDFs are built and measured (e.g. 10,100)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--peer-sizes", default="10,100",
                        help="corpus sizes the peers (Sphinx, pandoc) are measured at: Sphinx "
                        "takes a quarter of an hour at 500")
    parser.add_argument("--no-real-text", action="store_true",
                        help="leave out the check of real UN text")
    parser.add_argument("--output", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    pdf_sizes = tuple(int(s) for s in args.pdf_sizes.split(",") if s)
    results = Results()
    peers = not args.no_peers and ensure_peers(results)
    peer_sizes = {int(s) for s in args.peer_sizes.split(",") if s}
    per = {size: bench_size(size, args.runs, results, pdf_sizes, peers and size in peer_sizes)
           for size in sizes}
    for size in sizes:
        results.add(f"time per document at {size}: HTML build", per[size]["html_per_doc"], "s")
        results.add(f"time per document at {size}: check, cold, -j 1",
                    per[size]["check_per_doc"], "s")
        if "pdf_per_doc" in per[size]:
            results.add(f"time per document at {size}: PDF build -j 1",
                        per[size]["pdf_per_doc"], "s")
    if len(sizes) > 2:
        # Linear time: what each document adds beyond the smallest corpus (the fixed cost
        # of a run, imports and set-up, left out) is the same at every size.
        # The HTML build is held to linear time both ways; the checker only to not growing
        # faster than linear. A document of a large corpus that costs the checker less than
        # one of a small corpus is no fault: the corpora are made from the two documents of
        # content/, so their texts repeat, and a worker's memory of what a text says (facts,
        # symbols) finds more of them again the more documents it compares.
        base, middle, largest = sorted(sizes)[0], sorted(sizes)[1], max(sizes)
        # the HTML build's, from builds of the three corpora one after another
        in_a_row = html_in_a_row((base, middle, largest))
        for size, seconds in in_a_row.items():
            per[size]["html_in_a_row"] = seconds / size
        for key, what, low in (("html_in_a_row", "HTML build", 0.85),
                               ("check_per_doc", "check, cold, -j 1", 0.0)):
            def added(size: int, key: str = key) -> float:
                return ((per[size][key] * size - per[base][key] * base) / (size - base))

            growth = added(largest) / added(middle)
            band = f"{low:.2f}–1.15 ×" if low else "≤ 1.15 ×"
            results.add(f"{what}: time each document adds, {base}→{largest} against "
                        f"{base}→{middle}", growth, "×", band, low <= growth <= 1.15)
            results.add(f"{what}: time per document (fixed cost included), {largest} against "
                        f"{base}", per[largest][key] / per[base][key], "×")
        memory = [per[size]["html_rss"] for size in sizes if size >= 100]
        if len(memory) > 1:
            spread = max(memory) / min(memory)
            results.add(f"HTML build: peak memory, largest against smallest of "
                        f"{', '.join(str(s) for s in sizes if s >= 100)}", spread, "×",
                        "≤ 1.15 × (flat)", spread <= 1.15)
    peak = max(p["peak_rss"] for p in per.values()) / 1024
    results.add(f"peak memory of one process (largest corpus {max(sizes)})", peak, "MB",
                "≤ 500 MB", peak <= 500)
    if not args.no_real_text:
        bench_real_text(args.runs, results)
    bench_word_and_translators(args.runs, results)
    write_results(results, args.output, args.runs)
    print(f"wrote {args.output}")
    (WORK / "results.json").write_text(json.dumps([f.__dict__ for f in results.figures],
                                                  indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
