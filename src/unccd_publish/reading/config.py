"""The project configuration, ``content/config.yaml``, validated against a schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unccd_publish.diagnostics import Diagnostics, Location
from unccd_publish.reading.schemas import validate
from unccd_publish.reading.source import read_text
from unccd_publish.reading.yamlfile import YamlProblem, load_yaml

CONFIG_FILE = "config.yaml"

LIMITS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "source_kb": {"type": "integer", "minimum": 1, "maximum": 1_000_000},
        "nesting": {"type": "integer", "minimum": 1, "maximum": 50},
        "pages": {"type": "integer", "minimum": 1, "maximum": 100_000},
    },
}

CONFIG_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "emblem": {"type": ["string", "null", "boolean"]},
        "document_url": {"type": ["string", "null"]},
        "suppress": {"type": "array", "items": {"type": "string"}},
        "limits": LIMITS_SCHEMA,
    },
}


@dataclass(frozen=True)
class Limits:
    """What a source may be, so that a mistake or an attack is answered, not run for hours.

    A UN document is well under 1 MB of Markdown and 100 pages; these bounds are far above
    that and can be raised in config.yaml (``limits: {source_kb: 4000}``)."""

    source_kb: int = 2000  # a language file or a YAML file
    nesting: int = 8  # lists, containers and quotes within one another
    pages: int = 500  # the pages of one PDF


@dataclass
class Config:
    path: Path
    title: str = "UNCCD documents"
    emblem: Path | None = None  # an image of the project's own for the masthead …
    shipped_emblem: bool = True  # … else the UN emblem shipped with the templates, unless off
    document_url: str | None = None  # e.g. "https://undocs.org/{lang}/{symbol}"
    suppress: list[str] = field(default_factory=list)
    limits: Limits = field(default_factory=Limits)


def read_config(root: Path, diagnostics: Diagnostics) -> Config:
    path = root / CONFIG_FILE
    config = Config(path)
    if not path.exists():
        return config
    text = read_text(path, diagnostics, empty_is_error=False)
    if text is None:
        return config
    try:
        loaded = load_yaml(text)
    except YamlProblem as problem:
        diagnostics.error(Location(path, problem.line), problem.message, problem.code)
        return config
    if loaded.data is None:
        return config
    if not isinstance(loaded.data, dict):
        diagnostics.warning(Location(path), f"{CONFIG_FILE} should be a mapping of keys to "
                            "values; it is ignored", "config.invalid")
        return config
    validate(loaded, CONFIG_SCHEMA, Location(path), diagnostics, CONFIG_FILE,
             code_prefix="config", unknown_is_error=False)
    properties = CONFIG_SCHEMA["properties"]
    data = {key: value for key, value in loaded.data.items()
            if key in properties and _valid(value, properties[key])}
    config.title = data.get("title", config.title)
    config.document_url = data.get("document_url")
    config.suppress = list(data.get("suppress", []))
    config.limits = Limits(**data.get("limits", {}))
    if "emblem" in loaded.data:
        config.shipped_emblem = False  # `emblem: none` (or null, or false): no emblem
    if data.get("emblem") and str(data["emblem"]).lower() != "none":
        emblem = (root / data["emblem"]).resolve()
        if not emblem.is_file() or not emblem.is_relative_to(root.resolve().parent):
            diagnostics.warning(Location(path, loaded.line_of(("emblem",))),
                                f"emblem '{data['emblem']}' is not a file inside the project; "
                                "the masthead is built without it", "config.emblem")
        else:
            config.emblem = emblem
    return config


def _valid(value: object, schema: dict[str, Any]) -> bool:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema).is_valid(value)
