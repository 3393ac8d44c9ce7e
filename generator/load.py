"""Load: read the YAML data folder into typed models, remembering file and line."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import ValidationError

from generator.errors import DataError, Problem
from generator.model import (
    SOURCE_KEY,
    Bank,
    Domain,
    DomainContent,
    DomainFile,
    Exam,
    Glossary,
    Node,
    Source,
)

log = logging.getLogger(__name__)

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C parser when built with libyaml

ModelT = TypeVar("ModelT", bound=Node)

EXAM_FILE = "exam.yml"
GLOSSARY_FILE = "glossary.yml"
DOMAIN_FILE = "domain.yml"


class _SourceLoader(_BaseLoader):  # type: ignore[misc]
    """Safe YAML loader that tags every mapping with its :class:`Source`."""

    file = "<memory>"
    duplicates: list[Problem]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        fields: dict[str, int] = {}
        items: dict[str, tuple[int, ...]] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in fields:
                self.duplicates.append(
                    Problem(
                        self.file, line, key, f"duplicate key '{key}' (first on line {fields[key]})"
                    )
                )
            fields[key] = line
            if isinstance(value_node, yaml.SequenceNode):
                items[key] = tuple(n.start_mark.line + 1 for n in value_node.value)
        mapping[SOURCE_KEY] = Source(self.file, node.start_mark.line + 1, fields, items)
        return mapping


def display_path(path: Path) -> str:
    """Path as authors know it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


def read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; syntax errors and duplicate keys come back as problems."""
    name = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, 0, "", f"cannot read the file: {error.strerror}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - raw.rfind(b"\n", 0, error.start)
        byte = raw[error.start : error.start + 1].hex()
        return None, [
            Problem(
                name,
                line,
                "",
                f"the file is not UTF-8 text: byte 0x{byte} at column "
                f"{column} ({error.reason}); "
                "save it as UTF-8",
            )
        ]
    loader = _SourceLoader(text)
    loader.file = name
    loader.duplicates = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        what = ": ".join(part for part in (error.context, error.problem) if part)
        return None, [Problem(name, line, "", f"YAML syntax error: {what}")]
    except yaml.reader.ReaderError as error:
        # A control character (NUL, ...): PyYAML gives its position, not its line.
        line = text.count("\n", 0, error.position) + 1
        column = error.position - text.rfind("\n", 0, error.position)
        return None, [
            Problem(
                name,
                line,
                "",
                f"the file holds a control character (#x{error.character:04x}) at column "
                f"{column}; YAML does not allow it, remove it",
            )
        ]
    except yaml.YAMLError as error:
        return None, [Problem(name, 0, "", f"YAML error: {error}")]
    finally:
        loader.dispose()
    return data, loader.duplicates


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _expected(error: Any) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "string_pattern_mismatch" and "a-z0-9" in str(ctx.get("pattern", "")):
        return "an id of lowercase letters, digits and hyphens"
    if kind == "string_pattern_mismatch":
        return f"text matching {ctx.get('pattern')}"
    if kind == "too_short" and "min_length" in ctx:
        return f"at least {ctx['min_length']} item{'s' if ctx['min_length'] != 1 else ''}"
    if kind == "string_too_short":
        return "non-empty text"
    if kind == "literal_error":
        return f"one of {ctx.get('expected')}"
    if kind == "block_kind":
        return str(error["msg"]).removeprefix("expected ")
    message = str(error["msg"])
    for prefix in ("Input should be ", "Value should be "):
        if message.startswith(prefix):
            return message[len(prefix) :].split(",")[0]
    return message[0].lower() + message[1:]


def _locate(data: Any, loc: Sequence[int | str], file: str) -> tuple[str, int, Any, bool]:
    """Walk ``loc`` through the raw data: field path, line, value found, whether present."""
    path = ""
    line = 0
    node = data
    present = True
    steps = list(loc)
    while steps:
        step = steps.pop(0)
        if isinstance(node, dict):
            source = node.get(SOURCE_KEY)
            if isinstance(step, str) and step not in node:
                if steps:  # a union tag, not a key
                    continue
                present = False
                path = f"{path}.{step}" if path else step
                line = source.line if isinstance(source, Source) else line
                break
            if isinstance(source, Source):
                line = source.line_of(str(step))
                if steps and isinstance(steps[0], int):
                    line = source.line_of(str(step), steps[0])
            path = f"{path}.{step}" if path else str(step)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            path = f"{path}[{step}]"
            node = node[step]
            source = node.get(SOURCE_KEY) if isinstance(node, dict) else None
            if isinstance(source, Source):
                line = source.line
        else:
            break  # union member names below a scalar
    return path, line, node, present


def problems_from_validation(error: ValidationError, data: Any, file: str) -> list[Problem]:
    """Turn pydantic's errors into problems with file, line, field path and found value."""
    found: dict[str, Problem] = {}
    for item in error.errors(include_url=False):
        path, line, value, present = _locate(data, item["loc"], file)
        if item["type"] == "missing" or not present:
            message = f"missing required field '{path.rsplit('.', 1)[-1]}'"
        elif item["type"] == "extra_forbidden":
            message = f"unknown field '{path.rsplit('.', 1)[-1]}'"
        else:
            message = f"expected {_expected(item)}, found {_describe(value)}"
        if path in found and found[path].message != message:
            # One value failing every member of a union: say so once.
            either = _describe_union(found[path].message, message)
            message = f"expected {either}, found {_describe(value)}"
        found[path] = Problem(file, line, path, message)
    return list(found.values())


def _describe_union(first: str, second: str) -> str:
    def head(message: str) -> str:
        return message.removeprefix("expected ").rsplit(", found ", 1)[0]

    return f"{head(first)} or {head(second)}"


def _validate(model: type[ModelT], data: Any, file: str, problems: list[Problem]) -> ModelT | None:
    if not isinstance(data, dict):
        fields = ", ".join(name for name in model.model_fields if name != "at")
        problems.append(
            Problem(
                file, 1, "", f"expected a mapping with the keys {fields}, found {_describe(data)}"
            )
        )
        return None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(problems_from_validation(error, data, file))
        return None


def load_file(path: Path, model: type[ModelT], problems: list[Problem]) -> ModelT | None:
    """Read and validate one file; problems are appended, None returned on failure."""
    data, found = read_yaml(path)
    problems.extend(found)
    if found and data is None:
        return None
    return _validate(model, data, display_path(path), problems)


def domain_folders(data_dir: Path) -> list[Path]:
    """Folders of ``data_dir`` that hold a domain (a ``domain.yml``), in name order."""
    return sorted(p.parent for p in data_dir.glob(f"*/{DOMAIN_FILE}"))


def data_files(data_dir: Path) -> list[Path]:
    """Every YAML file the bank is read from."""
    files = [data_dir / EXAM_FILE]
    if (data_dir / GLOSSARY_FILE).exists():
        files.append(data_dir / GLOSSARY_FILE)
    for folder in domain_folders(data_dir):
        files.append(folder / DOMAIN_FILE)
        files.extend(_content_files(folder))
    return files


def _content_files(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.suffix in {".yml", ".yaml"} and p.name != DOMAIN_FILE
    )


def load_bank(data_dir: Path) -> Bank:
    """Load every file of ``data_dir``; raise :class:`DataError` listing all problems."""
    if not (data_dir / EXAM_FILE).is_file():
        raise DataError(
            [
                Problem(
                    display_path(data_dir / EXAM_FILE),
                    0,
                    "",
                    "missing: every data folder needs an exam blueprint",
                )
            ]
        )
    problems: list[Problem] = []
    exam = load_file(data_dir / EXAM_FILE, Exam, problems)
    glossary: Glossary | None = Glossary()
    if (data_dir / GLOSSARY_FILE).exists():
        glossary = load_file(data_dir / GLOSSARY_FILE, Glossary, problems)
    domains: list[DomainContent] = []
    for folder in domain_folders(data_dir):
        domain = load_file(folder / DOMAIN_FILE, Domain, problems)
        parts = [load_file(path, DomainFile, problems) for path in _content_files(folder)]
        if domain is None or any(part is None for part in parts):
            continue
        loaded = [part for part in parts if part is not None]
        domains.append(
            DomainContent(
                domain=domain,
                topics=[t for part in loaded for t in part.topics],
                tables=[t for part in loaded for t in part.tables],
                trees=[t for part in loaded for t in part.trees],
                questions=[q for part in loaded for q in part.questions],
            )
        )
    if problems or exam is None or glossary is None:
        raise DataError(problems)
    log.debug("loaded %d domains from %s", len(domains), data_dir)
    return Bank(
        exam=exam,
        glossary=glossary,
        domains=domains,
        files=[display_path(p) for p in data_files(data_dir)],
    )
