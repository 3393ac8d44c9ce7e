"""Hostile data: every text field of the models, found from the models, set to a payload.

The list of text fields is computed from the pydantic models, so a field added later is
covered as it comes: :func:`hostile_data` fails when the fixture does not reach one.
"""

from __future__ import annotations

import shutil
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from generator.content.model import Domain, DomainFile, Exam, Glossary

PAYLOADS = {
    "attr-list": "**x**{: onmouseover=alert(1) }",
    "js-link": "[x](javascript:alert(1))",
    "img": "<img src=x onerror=alert(1)>",
    "svg": '"><svg onload=alert(1)>',
    "script": "</script><svg onload=alert(1)>",
}

FILE_MODELS: dict[str, type[BaseModel]] = {
    "exam.yml": Exam,
    "glossary.yml": Glossary,
    "domain-1/domain.yml": Domain,
    "domain-1/content.yml": DomainFile,
    # Domain 2 holds one question of each type and a case study.
    "domain-2/content.yml": DomainFile,
}


def _has_pattern(things: typing.Iterable[Any]) -> bool:
    for thing in things:
        if getattr(thing, "pattern", None):
            return True
        if _has_pattern(getattr(thing, "metadata", ()) or ()):
            return True
    return False


def _kinds(annotation: Any, metadata: tuple[Any, ...] = ()) -> Iterator[Any]:
    """What a field may hold: model classes, and "text" for free text (not ids or URLs)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        yield from _kinds(base, (*metadata, *extra))
    elif origin in (typing.Union, types.UnionType, list, tuple):
        for arg in typing.get_args(annotation):
            yield from _kinds(arg, metadata)
    elif origin is dict:
        yield from _kinds(typing.get_args(annotation)[1], metadata)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    elif annotation is str and not _has_pattern(metadata):
        yield "text"


def text_fields(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[str]:
    """Every free-text field reachable from ``model``, as ``Model.field``."""
    seen = set() if seen is None else seen
    if model in seen:
        return set()
    seen.add(model)
    found: set[str] = set()
    for name, info in model.model_fields.items():
        if info.exclude:
            continue
        for kind in _kinds(info.annotation, tuple(info.metadata)):
            if kind == "text":
                found.add(f"{model.__name__}.{name}")
            else:
                found |= text_fields(kind, seen)
    return found


def all_text_fields() -> set[str]:
    """Every free-text field of every file's model."""
    fields: set[str] = set()
    for model in FILE_MODELS.values():
        fields |= text_fields(model)
    return fields


# Optional parts the mini fixture leaves out, so that every text field is reached.
_ADDITIONS: dict[str, dict[str, Any]] = {
    "exam.yml": {
        "status": "retiring",
        "retired_on": "2031-03-31",
        "status_source": {"title": "t", "url": "https://example.org/status"},
        "successors": [{"code": "c", "title": "t", "covers": "c", "url": "https://example.org"}],
        "disclaimer": "d",
    },
    "glossary.yml": {},
    "domain-1/domain.yml": {},
    "domain-1/content.yml": {},
    "domain-2/content.yml": {},
}


def _extend(raw: dict[str, Any], rel: str) -> None:
    raw.update(_ADDITIONS[rel])
    if rel == "glossary.yml":
        raw["terms"][0]["note"] = "n"
    if rel == "domain-1/domain.yml":
        raw["tips"][0]["title"] = "t"
    if rel == "domain-1/content.yml":
        topic = raw["topics"][0]
        topic["blocks"].append({"prose": "p"})
        topic["blocks"][2]["callout"]["title"] = "t"
        # Sources and a change notice on the topic and on a section (issue 33).
        sourced = {
            "sources": [{"url": "https://example.org/s", "title": "t", "checked": "2026-12-07"}],
            "changed": {"date": "2026-04-01", "note": "n", "source": "https://example.org/c"},
        }
        topic.update(sourced)
        next(b for b in topic["blocks"] if "heading" in b).update(sourced)
        table = raw["tables"][0]
        table["intro"] = "i"
        table["notes"] = ["n"]
        table["attributes"][1]["unit"] = "u"
        tree = raw["trees"][0]
        tree["intro"] = "i"
        tree["nodes"][0]["help"] = "h"
        for question in raw["questions"]:
            question["source"] = "s"
            question["explanation"] = "e"
    if rel == "domain-2/content.yml":
        # A case study's question of each type the fixture's case study lacks.
        case = next(q for q in raw["questions"] if q.get("type") == "case-study")
        for question in [q for q in raw["questions"] if q.get("type") != "case-study"]:
            if question.get("type") in ("true-false", "matching", "numeric"):
                part = {k: v for k, v in question.items() if k != "topics"}
                case["questions"].append({**part, "id": f"part-{question['id']}"})
        for item in raw["questions"]:
            item["source"] = "s"
            for question in (
                item.get("questions", [item]) if item.get("type") == "case-study" else [item]
            ):
                question["source"] = "s"
                question["explanation"] = "e"


def _fits(model: type[BaseModel], item: dict[str, Any]) -> bool:
    """Whether ``item`` can be a ``model``: known keys, and its question ``type`` if any."""
    if not model.model_fields.keys() >= item.keys():
        return False
    kind = model.model_fields.get("type")
    if kind is None:
        return True
    return item.get("type", "choice") in typing.get_args(kind.annotation)


class _Filler:
    def __init__(self, payload: str) -> None:
        self.payload = payload
        self.count = 0
        self.reached: set[str] = set()

    def text(self, field: str) -> str:
        # Distinct texts: options of one question must differ, and so must titles.
        self.reached.add(field)
        self.count += 1
        return f"{self.payload} {self.count}"

    def fill(self, raw: Any, model: type[BaseModel]) -> Any:
        if not isinstance(raw, dict):
            return raw
        for name, info in model.model_fields.items():
            if name not in raw or info.exclude:
                continue
            kinds = list(_kinds(info.annotation, tuple(info.metadata)))
            field = f"{model.__name__}.{name}"
            value = raw[name]
            if "text" in kinds and isinstance(value, str):
                raw[name] = self.text(field)
            elif "text" in kinds and isinstance(value, list):
                raw[name] = [
                    self.text(field)
                    if isinstance(v, str)
                    else [self.text(field) if isinstance(c, str) else c for c in v]  # table rows
                    if isinstance(v, list)
                    else v
                    for v in value
                ]
            elif "text" in kinds and isinstance(value, dict):  # table cells
                raw[name] = {
                    k: self.text(field) if isinstance(v, str) else v for k, v in value.items()
                }
            models = [k for k in kinds if k != "text"]
            for item in value if isinstance(value, list) else [value]:
                for sub in models:
                    if isinstance(item, dict) and _fits(sub, item):
                        self.fill(item, sub)
                        break
        return raw


class _NoAliases(yaml.SafeDumper):
    """Writes a text used twice out twice: data files refuse YAML aliases (issue 34)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def hostile_data(fixture: Path, target: Path, payload: str) -> Path:
    """A copy of the ``fixture`` data folder with ``payload`` in every text field."""
    shutil.copytree(fixture, target)
    filler = _Filler(payload)
    for rel, model in FILE_MODELS.items():
        path = target / rel
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        _extend(raw, rel)
        filler.fill(raw, model)
        if rel == "glossary.yml":
            # A term the pages use, so its hostile expansion reaches a tooltip.
            raw["terms"].append({"term": "CPU", "expansion": f"{payload} cpu"})
        path.write_text(
            yaml.dump(raw, Dumper=_NoAliases, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
    missing = all_text_fields() - filler.reached
    assert not missing, f"the hostile fixture does not reach these text fields: {sorted(missing)}"
    return target
