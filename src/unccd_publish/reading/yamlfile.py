"""Safe YAML loading that remembers the line of every value and bounds alias expansion."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_ALIASES = 100
MAX_NODES = 20_000
# texts up to this size are loaded by libyaml first (front matter, document.yaml): its
# composer recurses in C, so the size bounds how deep it may nest; and not those with a tab,
# which libyaml takes for white space where the pure-Python loader refuses it
FAST_LIMIT = 8_192
FastLoader = getattr(yaml, "CSafeLoader", None)  # None where PyYAML was built without libyaml

Path_ = tuple[str | int, ...]


class YamlProblem(Exception):
    """A YAML text that cannot be loaded; ``line`` counts from 1 within the text."""

    def __init__(self, message: str, line: int, code: str = "yaml.syntax") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.code = code


@dataclass
class LoadedYaml:
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_, default: int = 1) -> int:
        """The line of the value at ``path``, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), default)


class _BoundedLoader(yaml.SafeLoader):
    """A safe loader that refuses documents with more than MAX_ALIASES aliases, and answers
    a value it cannot construct (2024-02-30, a number too large for a date) with its line."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_count = 0

    def compose_node(self, parent: Any, index: Any) -> Any:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise YamlProblem(
                    f"more than {MAX_ALIASES} YAML aliases; write the values out instead",
                    mark.line + 1,
                    "yaml.aliases",
                )
        return super().compose_node(parent, index)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (YamlProblem, yaml.MarkedYAMLError):
            raise
        except (ValueError, TypeError, OverflowError) as exc:  # "!!int abc"
            raise YamlProblem(f"the value '{getattr(node, 'value', '')}' cannot be read ({exc})",
                              node.start_mark.line + 1, "yaml.value") from None

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise YamlProblem(f"'{node.value}' is not a date ({exc}); write it as YYYY-MM-DD",
                              node.start_mark.line + 1, "yaml.date") from None


_BoundedLoader.add_constructor("tag:yaml.org,2002:timestamp",
                               _BoundedLoader.construct_yaml_timestamp)


def load_yaml(text: str, first_line: int = 1) -> LoadedYaml:
    """Load one YAML document safely. ``first_line`` is the file line of the text's line 1."""
    if len(text) <= FAST_LIMIT and FastLoader is not None and "\t" not in text:
        loaded = _load_fast(text, first_line - 1)
        if loaded is not None:
            return loaded
    offset = first_line - 1
    loader = _BoundedLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return LoadedYaml(None, {(): first_line})
        data = loader.construct_document(node)
    except YamlProblem as problem:
        problem.line += offset
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + offset
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise YamlProblem(f"malformed YAML: {message}", line) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"malformed YAML: {exc}", first_line) from None
    except RecursionError:
        raise YamlProblem("YAML nested too deeply", first_line, "yaml.depth") from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value no constructor can build
        raise YamlProblem(f"a value cannot be read: {exc}", first_line, "yaml.value") from None
    finally:
        loader.dispose()
    lines: dict[Path_, int] = {}
    _record_lines(node, (), lines, offset, [0])
    return LoadedYaml(data, lines)


class _Aliased(Exception):
    """A node met a second time: the text uses an alias."""


def _load_fast(text: str, offset: int) -> LoadedYaml | None:
    """The text loaded by libyaml, many times faster than the pure-Python loader, when it
    loads cleanly and uses no alias; else None, and the pure-Python loader, which bounds
    aliases and words every problem, loads it (what both load, they load alike)."""
    loader = FastLoader(text)  # type: ignore[misc]
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        lines: dict[Path_, int] = {}
        if node is None:
            lines[()] = offset + 1
        else:
            _record_lines(node, (), lines, offset, [0], seen=set())
    except Exception:  # whatever it is, the pure-Python loader says what
        return None
    finally:
        loader.dispose()
    return LoadedYaml(data, lines)


def _meet(node: yaml.Node, seen: set[int]) -> None:
    """Note ``node`` as met; raise _Aliased if it was met before (an alias names it)."""
    if id(node) in seen:
        raise _Aliased
    seen.add(id(node))


def _record_lines(node: yaml.Node, path: Path_, lines: dict[Path_, int], offset: int,
                  visited: list[int], seen: set[int] | None = None) -> None:
    """The line of every value under ``node``; given ``seen``, a node met twice (an alias)
    raises _Aliased."""
    if seen is not None:
        _meet(node, seen)
    visited[0] += 1
    if visited[0] > MAX_NODES:
        raise YamlProblem(
            f"YAML expands to more than {MAX_NODES} values (aliases?)",
            node.start_mark.line + 1 + offset,
            "yaml.aliases",
        )
    lines.setdefault(path, node.start_mark.line + 1 + offset)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if seen is not None:  # a key may be an alias too
                _meet(key_node, seen)
            key = key_node.value
            lines[(*path, key)] = key_node.start_mark.line + 1 + offset
            _record_lines(value_node, (*path, key), lines, offset, visited, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, (*path, index), lines, offset, visited, seen)
