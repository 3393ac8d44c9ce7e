"""Load: read the YAML data folder into typed models, remembering file and line."""

from __future__ import annotations

import difflib
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar, get_args

import yaml
from pydantic import BaseModel, ValidationError

from generator.content.model import (
    ANSWERABLE_TYPES,
    QUESTION_TYPES,
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
from generator.errors import DataError, Problem

log = logging.getLogger(__name__)

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # C parser when built with libyaml

ModelT = TypeVar("ModelT", bound=Node)

EXAM_FILE = "exam.yml"
GLOSSARY_FILE = "glossary.yml"
DOMAIN_FILE = "domain.yml"


COLON_HINT = "if a text holds ': ', put the whole text in quotes, as in why: \"Use it: always\""
# How PyYAML (C and Python parsers) reports a colon inside an unquoted text.
_COLON_SIGNS = ("got ':'", "mapping values are not allowed", "did not find expected ',' or '}'")


class _SourceLoader(_BaseLoader):  # type: ignore[misc]
    """Safe YAML loader that tags every mapping with its :class:`Source`."""

    file = "<memory>"
    duplicates: list[Problem]

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        fields: dict[str, int] = {}
        items: dict[str, tuple[int, ...]] = {}
        text_key: tuple[str, int] | None = None  # the last key with a plain text value
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if _no_colon(key_node, value_node) and text_key is not None:
                self._rejoin(mapping, text_key, key)
                continue
            text_key = (key, line) if _plain_text(value_node) else None
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

    def _rejoin(self, mapping: dict[Any, Any], text_key: tuple[str, int], stray: str) -> None:
        """Undo a text cut at a comma inside ``{...}``: join it back and say to quote it."""
        key, line = text_key
        mapping[key] = f"{mapping[key]}, {stray}"
        mapping.pop(stray, None)
        whole = str(mapping[key]).replace('"', '\\"')
        problem = Problem(self.file, line, key, cut_at_comma(key, whole))
        self.duplicates[:] = [p for p in self.duplicates if (p.line, p.path) != (line, key)]
        self.duplicates.append(problem)


def cut_at_comma(key: str, whole: str) -> str:
    """The message for a flow-style text cut at a comma."""
    return (
        "the text is cut at a comma (inside { } a comma ends a value): "
        f'put the whole text in quotes, as in {key}: "{whole}"'
    )


def _no_colon(key_node: yaml.Node, value_node: yaml.Node) -> bool:
    """A flow mapping entry with no ``:`` (``{why: It runs, and stops}`` makes ``and stops``)."""
    return (
        value_node.tag == "tag:yaml.org,2002:null"
        and value_node.start_mark.index == key_node.end_mark.index
    )


def _plain_text(node: yaml.Node) -> bool:
    return (
        isinstance(node, yaml.ScalarNode)
        and node.tag == "tag:yaml.org,2002:str"
        and not (node.style)
    )


def display_path(path: Path) -> str:
    """Path as authors know it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


ALIAS_MESSAGE = (
    "YAML alias '*{name}'{more}: data files do not reuse text through anchors and aliases "
    "(a few lines of aliases can expand to megabytes on a page); write the text out"
)


def _aliases(text: str, name: str) -> list[Problem]:
    """The first use of each YAML alias of ``text``, as a problem at its line (issue 34).

    Read from the parser's events, before anything is built: an alias costs nothing in the
    file and its whole value again wherever it is used (16 KB of ``*big`` made 10 MB of page).
    """
    if "*" not in text:
        return []
    first: dict[str, int] = {}
    uses: dict[str, int] = {}
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            anchor, mark = str(event.anchor), event.start_mark
            first.setdefault(anchor, mark.line + 1 if mark else 0)
            uses[anchor] = uses.get(anchor, 0) + 1
    return [
        Problem(
            name,
            line,
            "",
            ALIAS_MESSAGE.format(
                name=anchor, more=f" (used {uses[anchor]:,} times)" if uses[anchor] > 1 else ""
            ),
        )
        for anchor, line in first.items()
    ]


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
        aliases = _aliases(text, name)
        if aliases:
            return None, aliases
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        what = ": ".join(part for part in (error.context, error.problem) if part)
        if any(sign in what for sign in _COLON_SIGNS):
            what += f"; {COLON_HINT}"
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
    if len(text) > 60 and isinstance(value, str):
        return f"{len(value):,} characters ({text[:40]}...')"
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
    if kind == "string_too_long":
        return f"at most {ctx['max_length']:,} characters (the limit of this field)"
    if kind == "too_long" and "max_length" in ctx:
        return f"at most {ctx['max_length']} item{'s' if ctx['max_length'] != 1 else ''}"
    if kind == "less_than_equal" and "le" in ctx:
        return f"at most {ctx['le']}"
    if kind == "greater_than_equal" and "ge" in ctx:
        return f"at least {ctx['ge']}"
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


def problems_from_validation(
    error: ValidationError, data: Any, file: str, model: type[Node] | None = None
) -> list[Problem]:
    """Turn pydantic's errors into problems with file, line, field path and found value."""
    found: dict[str, Problem] = {}
    for item in error.errors(include_url=False):
        path, line, value, present = _locate(data, item["loc"], file)
        if item["type"] in ("question_type", "part_type"):
            found[path] = _type_problem(item, value, file, path, line)
            continue
        if item["type"] == "missing" or not present:
            message = f"missing required field '{path.rsplit('.', 1)[-1]}'"
        elif item["type"] == "extra_forbidden":
            name = path.rsplit(".", 1)[-1]
            message = f"unknown field '{name}'"
            if model is not None:
                message += did_you_mean(name, known_fields(model, item["loc"][:-1]))
        else:
            message = f"expected {_expected(item)}, found {_describe(value)}"
            if item["type"] == "string_type" and isinstance(value, bool):
                message += QUOTE_YES if value else QUOTE_NO
        if path in found and found[path].message != message:
            # One value failing every member of a union: say so once.
            either = _describe_union(found[path].message, message)
            message = f"expected {either}, found {_describe(value)}"
        found[path] = Problem(file, line, path, message)
    return list(found.values())


def _type_problem(error: Any, value: Any, file: str, path: str, line: int) -> Problem:
    """A question whose ``type`` names no question type (or a case study inside another)."""
    kinds = ANSWERABLE_TYPES if error["type"] == "part_type" else QUESTION_TYPES
    expected = "one of " + ", ".join(f"'{k}'" for k in kinds)
    if not isinstance(value, dict):
        return Problem(
            file, line, path, f"expected a question (a mapping), found {_describe(value)}"
        )
    source = value.get(SOURCE_KEY)
    if isinstance(source, Source):
        line = source.line_of("type")
    kind = value.get("type")
    if error["type"] == "part_type" and kind == "case-study":
        message = (
            "a case study's questions cannot be case studies (case studies do not nest); "
            f"expected {expected}"
        )
    else:
        message = f"expected {expected}, found {_describe(kind)}"
    return Problem(file, line, f"{path}.type", message)


QUOTE_YES = ' (YAML reads a bare Yes, On or True as true: write the text in quotes, as in "Yes")'
QUOTE_NO = ' (YAML reads a bare No, Off or False as false: write the text in quotes, as in "No")'

# Words authors reach for, and the field that holds what they mean.
_SYNONYMS = {
    "explanation": "why",
    "explain": "why",
    "reason": "why",
    "rationale": "why",
    "feedback": "why",
    "answer": "correct",
    "is_correct": "correct",
    "question": "stem",
    "prompt": "stem",
    "choices": "options",
    "answers": "options",
    "topic": "topics",
    "description": "summary",
    "name": "title",
    "columns": "attributes",
    "rows": "items",
    "abbreviation": "term",
    "definition": "expansion",
    "meaning": "expansion",
}


def known_fields(model: type[Node], loc: Sequence[int | str]) -> list[str]:
    """Field names an author may write at ``loc`` (a pydantic error location) of ``model``."""
    candidates: list[type[BaseModel]] = [model]
    for step in loc:
        if isinstance(step, int):
            continue
        inner = [
            found
            for candidate in candidates
            if step in candidate.model_fields
            for found in _models_in(candidate.model_fields[step].annotation)
        ]
        having = [candidate for candidate in candidates if step in candidate.model_fields]
        # A step no candidate has names a member of a tagged union: keep the candidates.
        candidates = inner or having or candidates
    names = [
        name
        for candidate in candidates
        for name, info in candidate.model_fields.items()
        if not info.exclude
    ]
    return list(dict.fromkeys(names))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def did_you_mean(name: str, known: Sequence[str]) -> str:
    """``; did you mean 'why'?`` for the known field closest to ``name``, else nothing."""
    guess = _SYNONYMS.get(name.casefold())
    if guess not in known:
        close = difflib.get_close_matches(name.casefold(), known, n=1, cutoff=0.6)
        guess = close[0] if close else None
    return f"; did you mean '{guess}'?" if guess else ""


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
        problems.extend(problems_from_validation(error, data, file, model))
        return None


def load_file(path: Path, model: type[ModelT], problems: list[Problem]) -> ModelT | None:
    """Read and validate one file; problems are appended, None returned on failure."""
    data, found = read_yaml(path)
    problems.extend(found)
    if found and data is None:
        return None
    return _validate(model, data, display_path(path), problems)


def _visible(folder: Path) -> list[Path]:
    """Entries of ``folder`` in name order, without hidden ones (.git, .vscode...)."""
    return sorted(p for p in folder.iterdir() if not p.name.startswith("."))


def domain_folders(data_dir: Path) -> list[Path]:
    """Folders of ``data_dir`` that hold a domain (a ``domain.yml``), in name order."""
    return [p for p in _visible(data_dir) if p.is_dir() and (p / DOMAIN_FILE).is_file()]


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
    return [
        p for p in _visible(folder) if p.is_file() and p.suffix == ".yml" and p.name != DOMAIN_FILE
    ]


NOT_YML = "not read: data files end in .yml; rename it to {name}"
NOT_AT_TOP = (
    "not read: the top of a data folder holds only exam.yml, glossary.yml and domain folders"
)
NOT_IN_DOMAIN = "not read: a domain folder holds only .yml files (domain.yml and content files)"
FOLDER_IN_DOMAIN = "not read: a domain folder holds no folders; move its files up or out"
NO_DOMAIN_FILE = (
    "missing: every folder of a data folder is a domain and needs a domain.yml; "
    "add one, or move the folder out of the data folder"
)
DOMAIN_YAML = "missing: found domain.yaml; rename it to domain.yml"


def survey(data_dir: Path) -> tuple[list[Problem], list[Problem]]:
    """Errors and warnings about what the data folder holds that the generator does not read.

    A folder without ``domain.yml`` is an error (its content would vanish); any other file
    the generator skips is a warning that names it.
    """
    errors: list[Problem] = []
    warnings: list[Problem] = []

    def skip(path: Path, message: str) -> None:
        warnings.append(Problem(display_path(path), 0, "", message, "warning"))

    for path in _visible(data_dir):
        if path.is_dir():
            if not (path / DOMAIN_FILE).is_file():
                yaml_name = (path / DOMAIN_FILE).with_suffix(".yaml").is_file()
                message = DOMAIN_YAML if yaml_name else NO_DOMAIN_FILE
                errors.append(Problem(display_path(path / DOMAIN_FILE), 0, "", message))
                continue
            for inner in _visible(path):
                if inner.is_dir():
                    skip(inner, FOLDER_IN_DOMAIN)
                elif inner.suffix == ".yaml":
                    skip(inner, NOT_YML.format(name=inner.with_suffix(".yml").name))
                elif inner.suffix != ".yml":
                    skip(inner, NOT_IN_DOMAIN)
        elif path.suffix == ".yaml" and path.with_suffix(".yml").name in (EXAM_FILE, GLOSSARY_FILE):
            skip(path, NOT_YML.format(name=path.with_suffix(".yml").name))
        elif path.name not in (EXAM_FILE, GLOSSARY_FILE):
            skip(path, NOT_AT_TOP)
    return errors, warnings


def load_bank(data_dir: Path) -> Bank:
    """Load every file of ``data_dir``; raise :class:`DataError` listing all problems."""
    if not (data_dir / EXAM_FILE).is_file():
        message = "missing: every data folder needs an exam blueprint"
        if (data_dir / EXAM_FILE).with_suffix(".yaml").is_file():
            message += " (found exam.yaml: rename it to exam.yml)"
        raise DataError([Problem(display_path(data_dir / EXAM_FILE), 0, "", message)])
    problems, unread = survey(data_dir)
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
                items=[q for part in loaded for q in part.questions],
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
        warnings=unread,
    )
