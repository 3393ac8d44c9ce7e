"""Schemas: JSON Schemas (draft 2020-12) of each kind of data file, from the pydantic models.

Editors that speak the YAML language server (VS Code's YAML extension and others) read the
``# yaml-language-server: $schema=...`` line at the top of each data file and then complete
field names, show each field's description and flag mistakes as the author types. The
schemas are generated, never written by hand; the shipped copies in ``generator/authoring/schemas/``
are kept fresh by ``python -m generator schema`` (a test fails when they are stale).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from generator.content.load import DOMAIN_FILE, EXAM_FILE, GLOSSARY_FILE
from generator.content.model import SOURCE_KEY, Domain, DomainFile, Exam, Glossary, Node

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

#: Each kind of data file: its model and what the file is.
KINDS: dict[str, tuple[type[Node], str]] = {
    "exam": (Exam, f"{EXAM_FILE}: the exam blueprint (format, scoring, weighted domains)"),
    "glossary": (Glossary, f"{GLOSSARY_FILE}: abbreviations shown as tooltips on every page"),
    "domain": (Domain, f"<domain folder>/{DOMAIN_FILE}: a domain's overview"),
    "content": (
        DomainFile,
        "Any other .yml file in a domain folder: topics, tables, trees and questions",
    ),
}

# Bookkeeping the loader adds to every mapping; never written by authors.
_INTERNAL = {SOURCE_KEY, "at", "cells_at"}


def schema_file(kind: str) -> str:
    """File name of the schema of ``kind``."""
    return f"{kind}.schema.json"


def kind_of(path: Path) -> str:
    """Which kind of data file ``path`` is, from its name and place."""
    if path.name == EXAM_FILE:
        return "exam"
    if path.name == GLOSSARY_FILE:
        return "glossary"
    if path.name == DOMAIN_FILE:
        return "domain"
    return "content"


def _strip(node: Any) -> Any:
    """Drop internal keys and pydantic's per-field titles (descriptions say more)."""
    if isinstance(node, dict):
        cleaned: dict[str, Any] = {}
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                cleaned[key] = {
                    name: _strip({k: v for k, v in field.items() if k != "title"})
                    for name, field in _type_first(value).items()
                    if name not in _INTERNAL
                }
            elif key == "required" and isinstance(value, list):
                cleaned[key] = [name for name in value if name not in _INTERNAL]
            else:
                cleaned[key] = _strip(value)
        return cleaned
    if isinstance(node, list):
        return [_strip(item) for item in node]
    return node


def _type_first(properties: dict[str, Any]) -> dict[str, Any]:
    """A question's ``type`` right after its ``id``, where authors write it."""
    if "type" not in properties or "id" not in properties:
        return properties
    rest = {k: v for k, v in properties.items() if k not in ("id", "type")}
    return {"id": properties["id"], "type": properties["type"], **rest}


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of data file."""
    model, what = KINDS[kind]
    body = _strip(model.model_json_schema(mode="validation"))
    defs = body.pop("$defs", {})
    defs.pop("Source", None)
    body.pop("title", None)
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": schema_file(kind),
        "title": what,
        **body,
    }
    if defs:
        schema["$defs"] = defs
    return schema


def schema_texts() -> dict[str, str]:
    """Every schema as file name -> JSON text, as shipped."""
    return {
        schema_file(kind): json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in KINDS
    }


def write_schemas(out: Path) -> list[Path]:
    """Write the schemas and the author's reference into ``out``; return the files changed."""
    from generator.authoring.reference import REFERENCE_FILE, reference_markdown

    files = {**schema_texts(), REFERENCE_FILE: reference_markdown()}
    out.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in files.items():
        target = out / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8", newline="\n")
            changed.append(target)
    return changed


def schema_line(path: Path, schemas: Path = SCHEMA_DIR) -> str:
    """The editor's first line for data file ``path``: its schema, relative to the file."""
    target = schemas / schema_file(kind_of(path))
    try:
        where = Path(os.path.relpath(target.resolve(), path.parent.resolve())).as_posix()
    except ValueError:  # pragma: no cover - another drive on Windows
        where = target.resolve().as_uri()
    return f"# yaml-language-server: $schema={where}"
