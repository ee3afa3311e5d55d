"""The cache of read documents: used when the sources are as they were, never trusted
otherwise, shared by the build and the check."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from unccd_publish import environment
from unccd_publish.check import check_project, units
from unccd_publish.check.facts import facts
from unccd_publish.diagnostics import Diagnostics
from unccd_publish.environment import SourceDigests, document_digest
from unccd_publish.reading import read_project
from unccd_publish.reading.cache import Entry, ReadCache, framed

from conftest import CONTENT, EN_MD, MiniProject

WITH_PROBLEM = EN_MD.replace("2. Second paragraph.", "2. Second [^missing] paragraph.")


def read(project: MiniProject, cache: ReadCache) -> tuple[bytes, list[str]]:
    """The model of the project's documents (pickled, to compare) and the problems found."""
    diagnostics = Diagnostics()
    result = read_project(project.content, diagnostics, cache=cache)
    return (pickle.dumps([d.versions for d in result.documents]),
            [d.format() for d in diagnostics])


@pytest.fixture
def cached(mini: MiniProject) -> tuple[MiniProject, ReadCache]:
    mini.write("doc/en.md", WITH_PROBLEM)
    return mini, ReadCache(mini.root / "cache", mini.content)


def test_a_second_read_comes_from_the_cache_with_the_same_model_and_problems(
        cached: tuple[MiniProject, ReadCache]) -> None:
    mini, cache = cached
    first = read(mini, cache)
    assert (cache.hits, cache.misses) == (0, 1)
    assert any("[footnote.undefined]" in line for line in first[1]), first[1]
    again = ReadCache(mini.root / "cache", mini.content)
    assert read(mini, again) == first
    assert (again.hits, again.misses) == (1, 0)


def test_the_content_folders_real_documents_read_the_same_from_the_cache(
        tmp_path: Path) -> None:
    cold = ReadCache(tmp_path, CONTENT)
    first = read_project(CONTENT, Diagnostics(), cache=cold)
    warm = ReadCache(tmp_path, CONTENT)
    second = read_project(CONTENT, Diagnostics(), cache=warm)
    assert warm.hits == len(first.documents) == 2 and warm.misses == 0
    assert [d.versions for d in second.documents] == [d.versions for d in first.documents]


def test_an_edited_source_or_shared_input_is_read_again(
        cached: tuple[MiniProject, ReadCache]) -> None:
    mini, cache = cached
    read(mini, cache)
    mini.write("doc/en.md", EN_MD.replace("Second paragraph.", "Second, edited."))
    again = ReadCache(mini.root / "cache", mini.content)
    model, problems = read(mini, again)
    assert again.misses == 1 and problems == [] and b"Second, edited." in model
    bodies = mini.content / "bodies.yaml"
    bodies.write_text(bodies.read_text() + "\n# a comment\n")
    third = ReadCache(mini.root / "cache", mini.content)
    read(mini, third)
    assert third.misses == 1


@pytest.mark.parametrize("spoil", ["truncate", "flip", "garbage", "empty", "other-key"])
def test_a_spoilt_entry_is_ignored_and_replaced(cached: tuple[MiniProject, ReadCache],
                                                spoil: str) -> None:
    mini, cache = cached
    expected = read(mini, cache)
    entry = cache.path(mini.doc)
    raw = entry.read_bytes()
    if spoil == "truncate":
        entry.write_bytes(raw[: len(raw) // 2])
    elif spoil == "flip":
        middle = len(raw) // 2
        entry.write_bytes(raw[:middle] + bytes([raw[middle] ^ 0xFF]) + raw[middle + 1:])
    elif spoil == "garbage":
        entry.write_bytes(os.urandom(len(raw)))
    elif spoil == "empty":
        entry.write_bytes(b"")
    else:  # a sound entry, but of other sources
        entry.write_bytes(framed("another key", pickle.dumps(("another key", Entry(None, [])))))
    again = ReadCache(mini.root / "cache", mini.content)
    assert read(mini, again) == expected
    assert again.misses == 1
    assert entry.read_bytes() != b"" and again.get(mini.doc, again.key(mini.doc)) is not None


class Planted:
    """What an attacker would plant: unpickling it runs a command."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch planted-ran",))


def test_a_planted_entry_runs_nothing(cached: tuple[MiniProject, ReadCache],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    mini, cache = cached
    expected = read(mini, cache)
    key = cache.key(mini.doc)
    # with the right key and digest
    cache.path(mini.doc).write_bytes(framed(key, pickle.dumps((key, Planted()))))
    monkeypatch.chdir(mini.root)
    again = ReadCache(mini.root / "cache", mini.content)
    assert read(mini, again) == expected
    assert again.misses == 1
    assert not (mini.root / "planted-ran").exists()


def test_an_unwritable_cache_only_costs_time(cached: tuple[MiniProject, ReadCache]) -> None:
    mini, _ = cached
    blocker = mini.root / "cache-is-a-file"
    blocker.write_text("")
    cache = ReadCache(blocker / "cache", mini.content)
    model, problems = read(mini, cache)
    assert cache.misses == 1 and problems and model


def test_build_and_check_share_the_cache_and_clean_empties_it(
        mini: MiniProject, monkeypatch: pytest.MonkeyPatch) -> None:
    mini.write("doc/zh.md", EN_MD)  # a second language, so that the check compares
    mini.write("doc/document.yaml", (mini.doc / "document.yaml").read_text().replace(
        "languages: [en]", "languages: [en, zh]"))
    result = mini.run("build", "html")
    assert result.returncode in (0, 1), result.stderr
    entry = mini.root / "build" / "cache" / "doc.pickle"
    assert entry.is_file()
    monkeypatch.chdir(mini.root)  # the folders named as the commands name them
    cache = ReadCache(Path("build", "cache"), Path("content"))
    doc = Path("content", mini.doc.name)
    built = cache.read_parts(doc, cache.key(doc))
    assert built is not None and built[1] == b"", "a build keeps the model alone"
    check = mini.run("check", "-E", "-j", "1")
    assert "Traceback" not in check.stderr
    checked = cache.read_parts(doc, cache.key(doc))
    assert checked is not None and checked[0] == built[0] and checked[1], \
        "the check read the model from the cache, and kept its facts after it"
    made = entry.stat().st_mtime_ns
    mini.run("check", "-E", "-j", "1")
    assert entry.stat().st_mtime_ns == made  # everything read from the cache, nothing written
    elsewhere = mini.root / "shared-cache"
    mini.run("--cache", str(elsewhere), "check", "-E", "-j", "1")
    assert (elsewhere / "doc.pickle").is_file()
    cleaned = mini.run("--cache", str(elsewhere), "clean")
    assert cleaned.returncode == 0
    assert not (mini.root / "build").exists() and not elsewhere.exists()


def test_source_digests_skip_reading_only_what_stats_as_it_did(mini: MiniProject) -> None:
    source = mini.doc / "en.md"
    old = time.time() - 3600
    for path in mini.doc.iterdir():
        os.utime(path, (old, old))
    time.sleep(SourceDigests.STABLE + 0.1)  # ctime, which no one can set back, is now stable
    digests = SourceDigests(mini.root / "cache")
    first = digests.of(mini.doc)
    assert first == document_digest(mini.doc) and digests.changed
    digests.save()
    remembered = SourceDigests(mini.root / "cache")
    assert str(mini.doc) in remembered.known
    assert remembered.of(mini.doc) == first
    # the same size, the modification time set back: the next run's change time still tells
    text = source.read_text()
    source.write_text(text.replace("First", "Frist"))
    os.utime(source, (old, old))
    assert remembered.of(mini.doc) == first  # within one run, a folder is digested once
    next_run = SourceDigests(mini.root / "cache")
    assert next_run.of(mini.doc) == document_digest(mini.doc) != first
    # just changed: digested, and not remembered until it has been stable a while
    assert str(mini.doc) not in next_run.known



def test_sources_too_new_to_remember_are_remembered_once_settled(
        mini: MiniProject, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh checkout: every source is too new to be remembered when the build digests it;
    at the end of the run those old enough by then are digested again and remembered (and one
    that changed meanwhile is remembered as it is now), so the next run reads none of them."""
    digests = SourceDigests(mini.root / "cache")
    first = digests.of(mini.doc)
    assert str(mini.doc) not in digests.known  # just written

    def read_again(folder: Path) -> str:
        raise AssertionError(f"{folder} read again while still too new to remember")

    with monkeypatch.context() as patched:
        patched.setattr(environment, "document_digest", read_again)
        digests.settle()  # still too new: left as it is, not read again
    assert str(mini.doc) not in digests.known
    time.sleep(SourceDigests.STABLE + 0.1)
    digests.settle()
    digests.save()
    assert SourceDigests(mini.root / "cache").known[str(mini.doc)][0] == first
    mini.write("doc/en.md", EN_MD.replace("First", "Frist"))
    again = SourceDigests(mini.root / "cache")
    changed = again.of(mini.doc)
    os.utime(mini.doc / "en.md", (time.time() - 3600, time.time() - 3600))
    time.sleep(SourceDigests.STABLE + 0.1)
    again.settle()  # changed since it was digested: remembered as it is now
    assert again.known[str(mini.doc)][0] == document_digest(mini.doc) == changed != first


def test_the_codes_digest_is_remembered_by_how_its_files_stat(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run digests the pipeline's code (a new version may make any output differently);
    a run reads it only when a file of it stats otherwise than when it was remembered."""
    package = tmp_path / "package"
    (package / "sub" / "__pycache__").mkdir(parents=True)
    (package / "a.py").write_text("A = 1\n")
    (package / "sub" / "b.py").write_text("B = 2\n")
    (package / "sub" / "__pycache__" / "b.pyc").write_bytes(b"ignored")
    old = time.time() - 3600
    for path in package.rglob("*"):
        os.utime(path, (old, old))
    monkeypatch.setattr(environment, "PACKAGE", package)
    time.sleep(SourceDigests.STABLE + 0.1)
    first = SourceDigests(tmp_path / "cache")
    digest_now = first.code()
    assert digest_now == environment.code_digest()
    first.save()

    def read_code() -> str:
        raise AssertionError("the code was read again")

    with monkeypatch.context() as patched:
        patched.setattr(environment, "code_digest", read_code)
        assert SourceDigests(tmp_path / "cache").code() == digest_now
    # a file edited to the same size, its modification time set back: read again
    (package / "sub" / "b.py").write_text("B = 3\n")
    os.utime(package / "sub" / "b.py", (old, old))
    again = SourceDigests(tmp_path / "cache").code()
    assert again == environment.code_digest() != digest_now


def _check_content(tmp_path: Path) -> tuple[list[str], ReadCache]:
    """Check content/ through a cache in ``tmp_path``: the findings, and the cache."""
    cache = ReadCache(tmp_path, CONTENT)
    diagnostics = Diagnostics()
    project = read_project(CONTENT, diagnostics, cache=cache)
    report = check_project(project, diagnostics, cache)
    return sorted(f.format() for f in report.findings), cache


def test_the_checker_keeps_what_it_read_in_the_texts_and_uses_it_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second check takes every unit's values from the cache: it reads no text again
    (the reader is made to fail) and finds exactly what the first found."""
    first, cache = _check_content(tmp_path)
    kept = cache.facts(CONTENT / "cop17-strategic-framework")
    assert len(kept) > 50 and all(lang in ("en", "zh") for lang, _ in kept)
    assert any(f.quantities for f in kept.values())  # type: ignore[attr-defined]
    assert kept == {(lang, text): facts(text, lang) for lang, text in kept}, \
        "what is kept is what the texts say"

    def read_again(text: str, lang: str) -> None:
        raise AssertionError(f"read again: {text[:40]}")

    monkeypatch.setattr(units, "facts", read_again)
    assert _check_content(tmp_path)[0] == first


def test_texts_that_say_no_value_share_one_kept_object(tmp_path: Path) -> None:
    """Most texts say no number, date or reference: their facts are one object, which the
    cache's pickle holds once, not an object (and six lists) a text."""
    _, cache = _check_content(tmp_path)
    kept = cache.facts(CONTENT / "cop17-strategic-framework")
    empty = [f for f in kept.values() if not any(vars(f).values())]
    assert len(empty) > 20 and len({id(f) for f in empty}) == 1
    nothing = facts("Nothing to count here.", "en")
    assert nothing is facts("这里没有数字。", "zh")
    assert facts("35 per cent", "en") is not nothing


def test_kept_facts_are_of_the_sources_as_they_are_and_never_trusted(
        mini: MiniProject, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(mini.root)
    mini.write("doc/zh.md", EN_MD)
    mini.write("doc/document.yaml", (mini.doc / "document.yaml").read_text().replace(
        "languages: [en]", "languages: [en, zh]"))
    cache = ReadCache(mini.root / "cache", mini.content)
    diagnostics = Diagnostics()
    check_project(read_project(mini.content, diagnostics, cache=cache), diagnostics, cache)
    assert cache.facts(mini.doc)
    assert ReadCache(mini.root / "cache", mini.content).facts(mini.doc) == cache.facts(mini.doc)
    entry = cache.path(mini.doc)
    sound = entry.read_bytes()
    # planted after the model, with the right key and digest: nothing runs
    key = cache.key(mini.doc)
    made = cache.read_parts(mini.doc, key)
    assert made is not None and made[1], "the model, then its facts, in one file"
    entry.write_bytes(framed(key, made[0], pickle.dumps((key, Planted()))))
    assert ReadCache(mini.root / "cache", mini.content).facts(mini.doc) == {}
    assert not (mini.root / "planted-ran").exists()
    # edited: the kept facts are of other sources
    entry.write_bytes(sound)
    mini.write("doc/zh.md", EN_MD + "\n3. Third paragraph, of 2024.\n")
    assert ReadCache(mini.root / "cache", mini.content).facts(mini.doc) == {}


def test_kept_facts_keep_their_fractions_exactly() -> None:
    """Fractions are kept as their integers, not as the text the standard pickle parses."""
    from fractions import Fraction

    from unccd_publish.reading import cache as cache_module

    found = {("en", text): facts(text, "en")
             for text in ("two thirds of the Parties", "0.75 per cent", "in 2024 and 2025")}
    values = {q.value for f in found.values() for q in f.quantities}
    assert {Fraction(2, 3), Fraction(3, 4), Fraction(2024)} <= values
    made = cache_module._pickle_facts("key", found)
    assert b"2/3" not in made and b"3/4" not in made
    assert cache_module.facts_of(made) == found
