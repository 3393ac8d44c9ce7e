"""Write questions as a content file in the style authors write by hand.

Short text stays on the key's line, longer text is folded (``>-``) at 78 columns, text with
line breaks is a literal block (``|-``), and anything YAML could misread is quoted. The result
is parsed back and compared with what was meant before anyone sees it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from generator.errors import BuildError

WIDTH = 78
QUESTION_KEYS = (
    "id",
    "topics",
    "source",
    "difficulty",
    "choose",
    "shuffle",
    "stem",
    "options",
    "explanation",
)
OPTION_KEYS = ("text", "correct", "why")


def _quoted(value: str) -> str:
    dumped = yaml.safe_dump({"k": value}, width=10**9, allow_unicode=True)
    return dumped[len("k: ") :].rstrip("\n")


def _foldable(value: str) -> bool:
    return (
        value == value.strip()
        and "\n" not in value
        and "  " not in value
        and "\t" not in value
        and value.isprintable()
    )


def _literal(value: str) -> bool:
    lines = value.split("\n")
    return (
        value == value.strip()
        and all(line == line.rstrip() for line in lines)
        and all(line.isprintable() for line in lines)
        and "\t" not in value
    )


def scalar(value: str, indent: int, used: int) -> list[str]:
    """``value`` as YAML after a key; ``used`` columns of the line are taken already."""
    quoted = _quoted(value)
    if "\n" not in quoted and used + len(quoted) <= WIDTH:
        return [quoted]
    pad = " " * indent
    if _foldable(value):
        lines, line = [">-"], ""
        for word in value.split(" "):
            if line and indent + len(line) + 1 + len(word) > WIDTH:
                lines.append(pad + line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        return [*lines, pad + line]
    if _literal(value):
        return ["|-", *((pad + line) if line else "" for line in value.split("\n"))]
    return [quoted]


def _entry(key: str, value: Any, indent: int, first: str) -> list[str]:
    head = f"{first}{key}: "
    if isinstance(value, bool):
        return [head + ("true" if value else "false")]
    if isinstance(value, int):
        return [head + str(value)]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        flow = "[" + ", ".join(_quoted(v) for v in value) + "]"
        return [head + flow]
    text = scalar(str(value), indent + 2, len(head))
    return [head + text[0], *text[1:]]


def _mapping(item: Mapping[str, Any], order: Sequence[str], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for key in order:
        if key not in item or item[key] is None:
            continue
        first = (pad[:-2] + "- ") if not lines else pad
        value = item[key]
        if key == "options":
            lines.append(f"{first}options:")
            for option in value:
                lines += _mapping(option, OPTION_KEYS, indent + 4)
        else:
            lines += _entry(key, value, indent, first)
    return lines


def dump_questions(questions: Sequence[Mapping[str, Any]], comment: Sequence[str]) -> str:
    """A content file holding ``questions`` (mappings of plain values) under a comment."""
    lines = [f"# {line}".rstrip() for line in comment]
    lines.append("questions:")
    for i, question in enumerate(questions):
        if i:
            lines.append("")
        lines += _mapping(question, QUESTION_KEYS, 4)
    text = "\n".join(lines) + "\n"
    expected = {"questions": [_plain(q) for q in questions]}
    if yaml.safe_load(text) != expected:  # pragma: no cover - a bug in this module
        raise BuildError("the content file written for the import does not read back the same")
    return text


def question_lines(text: str) -> list[int]:
    """Line numbers (1-based) where each question of a :func:`dump_questions` text starts."""
    return [n for n, line in enumerate(text.split("\n"), start=1) if line.startswith("  - id: ")]


def _plain(item: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in item.items():
        if value is None:
            continue
        if key == "options":
            out[key] = [_plain(option) for option in value]
        else:
            out[key] = value
    return out
