"""JSON Schemas of the metadata files, and their validation into diagnostics."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jsonschema import Draft202012Validator, validators

from unccd_publish.diagnostics import Diagnostics, Location
from unccd_publish.reading.yamlfile import LoadedYaml

LANGUAGE = {"type": "string", "pattern": "^[a-z]{2,3}$"}
PER_LANGUAGE_TEXT = {
    "type": "object",
    "propertyNames": {"pattern": "^[a-z]{2,3}$"},
    "additionalProperties": {"type": "string", "minLength": 1},
    "minProperties": 1,
}
KEY = {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$"}
# "GE.24-17046", optionally with the language letter: "GE.24-17046 (E)"; New York: "24-17046"
JOB_NUMBER = {"type": "string", "pattern": r"^([A-Z]{1,3}\.)?[0-9]{2}-[0-9]{5}( ?\([A-Z]\))?$"}

DOCUMENT = {
    "type": "object",
    "required": ["symbol", "distribution", "date", "original", "languages", "kind",
                 "body", "session", "agenda_item"],
    "additionalProperties": False,
    "properties": {
        "symbol": {"type": "string", "minLength": 1},
        "distribution": {"enum": ["General", "Limited", "Restricted"]},
        "date": {"anyOf": [{"type": "date"}, {"const": "unassigned"}]},
        "original": LANGUAGE,
        "languages": {"type": "array", "items": LANGUAGE, "minItems": 1, "uniqueItems": True},
        "kind": {"enum": ["note", "draft-decisions"]},
        "body": KEY,
        "committee": KEY,
        "session": KEY,
        "agenda_item": {"type": ["string", "integer"]},
        "agenda_symbol": {"type": "string"},
        "job_numbers": {
            "type": "object",
            "propertyNames": {"pattern": "^[a-z]{2,3}$"},
            "additionalProperties": {
                "anyOf": [
                    JOB_NUMBER,
                    {
                        "type": "object",
                        "required": ["number"],
                        "additionalProperties": False,
                        "properties": {
                            "number": JOB_NUMBER,
                            "dates": {"type": "array", "items": {"type": "date"},
                                      "maxItems": 2},
                        },
                    },
                ]
            },
        },
        "contents": {"enum": [True, False, "own-page", "page-1"]},
    },
}

FRONT_MATTER = {
    "type": "object",
    "required": ["title", "agenda_title"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "subtitle": {"type": "string", "minLength": 1},
        "agenda_title": {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
            ]
        },
    },
}

BODIES = {
    "type": "object",
    "required": ["bodies", "sessions", "venues"],
    "additionalProperties": False,
    "properties": {
        "bodies": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["name"],
                "additionalProperties": False,
                "properties": {"name": PER_LANGUAGE_TEXT, "enacting_formula": PER_LANGUAGE_TEXT},
            },
        },
        "sessions": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["body", "number", "start", "end", "venue"],
                "additionalProperties": False,
                "properties": {
                    "body": KEY,
                    "number": {"type": "integer", "minimum": 1},
                    "start": {"type": "date"},
                    "end": {"type": "date"},
                    "venue": KEY,
                    "agenda": {"anyOf": [{"type": "string", "minLength": 1},
                                         {"type": "object", "propertyNames": KEY,
                                          "additionalProperties": {"type": "string",
                                                                   "minLength": 1}}]},
                },
            },
        },
        "venues": {"type": "object", "additionalProperties": PER_LANGUAGE_TEXT},
    },
}


def _is_date(_checker: Any, value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


_Validator = validators.extend(
    Draft202012Validator,
    type_checker=Draft202012Validator.TYPE_CHECKER.redefine("date", _is_date),
)


def validate(loaded: LoadedYaml, schema: dict[str, Any], where: Location, diagnostics: Diagnostics,
             what: str, code_prefix: str = "meta", unknown_is_error: bool = True) -> bool:
    """Report every way ``loaded.data`` breaks ``schema``; return True when it may be used.

    With ``unknown_is_error`` false (the configuration), unknown keys and wrong values are
    warnings, and the caller uses the valid keys only."""
    valid = True
    for error in sorted(_Validator(schema).iter_errors(loaded.data), key=lambda e: list(e.path)):
        path = tuple(error.absolute_path)
        name = ".".join(str(p) for p in path) or what
        if error.validator == "required":
            missing = [k for k in error.validator_value if k not in (error.instance or {})]
            for key in missing:
                diagnostics.error(where.at(loaded.line_of(path)),
                                  f"{what}: missing field '{'.'.join([*map(str, path), key])}'",
                                  f"{code_prefix}.missing")
            valid = False
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = sorted(error.schema.get("properties", {}))
            for key in error.instance:
                if key in known:
                    continue
                message = f"{what}: unknown field '{'.'.join([*map(str, path), str(key)])}'"
                if known:
                    message += f" (known fields: {', '.join(known)})"
                line = loaded.line_of((*path, key))
                if unknown_is_error:
                    diagnostics.error(where.at(line), message, f"{code_prefix}.unknown")
                    valid = False
                else:
                    diagnostics.warning(where.at(line), message, f"{code_prefix}.unknown")
        elif unknown_is_error:
            diagnostics.error(where.at(loaded.line_of(path)),
                              f"{what}: '{name}' {_describe(error)}", f"{code_prefix}.invalid")
            valid = False
        else:
            diagnostics.warning(where.at(loaded.line_of(path)),
                                f"{what}: '{name}' {_describe(error)}; it is ignored",
                                f"{code_prefix}.invalid")
    return valid


def _describe(error: Any) -> str:
    if error.validator == "enum":
        allowed = ", ".join(map(str, error.validator_value))
        return f"must be one of {allowed}, not {error.instance!r}"
    if error.validator == "type":
        return f"must be a {error.validator_value}, not {error.instance!r}"
    alternatives = error.schema.get("anyOf", []) if error.validator == "anyOf" else []
    if {"type": "date"} in alternatives:
        return f"must be a date (YYYY-MM-DD) or 'unassigned', not {error.instance!r}"
    if JOB_NUMBER in alternatives:
        number = error.instance.get("number") if isinstance(error.instance, dict) else None
        return ("is not a job number with at most two dates (GE.24-17046, or GE.24-17046 (E); "
                f"dates: [2024-09-20, 2024-10-01]): {number or error.instance!r}")
    if error.validator == "pattern":
        return f"{error.instance!r} is not a valid key (lower-case letters, digits, '-', '_')"
    return error.message
