"""Short YAML texts are loaded by libyaml first: what it loads must be what the pure-Python
loader loads, value for value and line for line; what it cannot load cleanly, or loads
with aliases, goes to the pure-Python loader, which words the problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from unccd_publish.reading import yamlfile
from unccd_publish.reading.yamlfile import YamlProblem, load_yaml

ROOT = Path(__file__).resolve().parent.parent
FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.S)

TRICKY = [
    "",
    "# only a comment\n",
    "symbol: ICCD/COP(16)/CST/10\ndate: 2024-10-18\nagenda_item: 6\n",
    "date: unassigned\nagenda_item: '6 (b)'\nlanguages: [en, zh]\n",
    'title: "Quoted: with a colon"\nother: \'single ''quoted'' text\'\n',
    "text: |\n  A literal block\n  of two lines\nfolded: >\n  folded\n  text\n",
    "中文: 决定草案\ntitle: 《联合国防治荒漠化公约》\n",
    "a: {b: [1, 2.5, -3, 0x1f, 1e3], c: ~, d: yes, e: no, f: .inf}\n",
    "job_numbers:\n  en: GE.24-17046 (E)\n  zh:\n    number: GE.24-17046\n"
    "    dates: [2024-10-18, 2024-10-21]\n",
    "list:\n- one\n- two:\n    nested: true\n-   - deep\n    - deeper\n",
    "when: 2024-10-18 12:30:00\nstamp: 2001-12-14t21:59:43.10-05:00\n",
    "? complex key\n: value\n'quoted key': 1\n",
    "trailing: spaces   \n",
]


def content_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "content").rglob("*")):
        if path.suffix == ".yaml":
            texts.append(path.read_text(encoding="utf-8"))
        elif path.suffix == ".md":
            found = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
            if found:
                texts.append(found.group(1))
    assert len(texts) >= 6
    return texts


def loaded_by_python(text: str, monkeypatch: pytest.MonkeyPatch) -> object:
    with monkeypatch.context() as patch:
        patch.setattr(yamlfile, "FastLoader", None)
        try:
            found = load_yaml(text, 5)
        except YamlProblem as problem:
            return ("problem", problem.code, problem.line, problem.message)
        return (found.data, found.lines)


def loaded(text: str) -> object:
    try:
        found = load_yaml(text, 5)
    except YamlProblem as problem:
        return ("problem", problem.code, problem.line, problem.message)
    return (found.data, found.lines)


@pytest.mark.skipif(yamlfile.FastLoader is None, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("text", [*content_texts(), *TRICKY])
def test_libyaml_loads_what_the_python_loader_loads(text: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    assert yamlfile._load_fast(text, 4) is not None  # the fast path is the one taken
    assert loaded(text) == loaded_by_python(text, monkeypatch)


@pytest.mark.skipif(yamlfile.FastLoader is None, reason="PyYAML built without libyaml")
@pytest.mark.parametrize("text", [
    "a: &x [1, 2]\nb: *x\n",  # an alias: bounded and counted by the Python loader
    "&k key: 1\n*k : 2\n",  # an aliased key
    "symbol: [unclosed\n",
    "date: 2024-02-30\n",
    "agenda_item: !!int six\n",
    "symbol: !!python/object/apply:os.system ['true']\n",
    "a: 1\n---\nb: 2\n",
    "a: " + "[" * 3000 + "]" * 3000 + "\n",
])
def test_what_libyaml_declines_the_python_loader_loads_or_words(
        text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert yamlfile._load_fast(text, 4) is None
    assert loaded(text) == loaded_by_python(text, monkeypatch)


def test_a_tab_goes_to_the_python_loader() -> None:
    with pytest.raises(YamlProblem, match="cannot start any token"):
        load_yaml("tabs:\t'after a tab'\n")


def test_an_alias_is_a_value_like_any_other() -> None:
    found = load_yaml("a: &x [1, 2]\nb: *x\n")
    assert found.data == {"a": [1, 2], "b": [1, 2]}
    assert found.line_of(("b",)) == 2
