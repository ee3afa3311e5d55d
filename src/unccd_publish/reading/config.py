"""The project configuration, ``content/config.yaml``, validated against a schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unccd_publish.diagnostics import Diagnostics, Location
from unccd_publish.reading.schemas import validate
from unccd_publish.reading.yamlfile import YamlProblem, load_yaml

CONFIG_FILE = "config.yaml"

CONFIG_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "emblem": {"type": ["string", "null"]},
        "document_url": {"type": ["string", "null"]},
        "suppress": {"type": "array", "items": {"type": "string"}},
    },
}


@dataclass
class Config:
    path: Path
    title: str = "UNCCD documents"
    emblem: Path | None = None  # the UN emblem image, if the project has one
    document_url: str | None = None  # e.g. "https://undocs.org/{lang}/{symbol}"
    suppress: list[str] = field(default_factory=list)


def read_config(root: Path, diagnostics: Diagnostics) -> Config:
    path = root / CONFIG_FILE
    config = Config(path)
    if not path.exists():
        return config
    try:
        text = path.read_text(encoding="utf-8")
        loaded = load_yaml(text)
    except UnicodeDecodeError:
        diagnostics.error(Location(path), "the file is not UTF-8", "source.encoding")
        return config
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
    if data.get("emblem"):
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
