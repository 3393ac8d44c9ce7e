"""Write questions as a content file in the style authors write by hand.

Short text stays on the key's line, longer text is folded (``>-``) at 78 columns, text with
line breaks is a literal block (``|-``), and anything YAML could misread is quoted. Lists of
short words stay on one line (``topics: [iam]``, ``range: [5, 7]``), lists of things with
several fields are blocks, as ``options`` are. The result is parsed back and compared with
what was meant before anyone sees it.

:func:`question_fields` gives each question type the fields of item-types-spec.md, in the order
an author writes them: ``choice`` has no ``type`` (the default), ``true-false`` an ``answer``,
``ordering`` its ``items`` in the right order, ``matching`` ``pairs`` and ``distractors``,
``numeric`` an ``answer`` with a ``tolerance``, a ``range``, or several ``accept`` entries,
and a ``unit``, ``short-answer`` its ``accept`` list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import yaml

from generator.errors import BuildError
from generator.formats import Draft, DraftNumber, Number

WIDTH = 78
QUESTION_KEYS = (
    "id",
    "type",
    "topics",
    "source",
    "difficulty",
    "choose",
    "shuffle",
    "stem",
    "options",
    "answer",
    "tolerance",
    "range",
    "unit",
    "items",
    "pairs",
    "distractors",
    "accept",
    "explanation",
)
OPTION_KEYS = ("text", "correct", "why")
LIST_KEYS: dict[str, tuple[str, ...]] = {
    "options": OPTION_KEYS,
    "items": ("text", "why"),
    "pairs": ("prompt", "answer", "why"),
    "accept": ("text", "answer", "tolerance", "range", "why"),
}
"""The keys of the entries of each list of mappings, in the order they are written."""


def _numeric(number: DraftNumber) -> dict[str, Any]:
    if number.range is not None:
        return {"range": list(number.range)}
    return {"answer": number.answer, "tolerance": number.tolerance or None}


def question_fields(draft: Draft) -> dict[str, Any]:
    """The fields of ``draft``'s question as item-types-spec.md writes them (no id, topics)."""
    fields: dict[str, Any] = {"type": None if draft.type == "choice" else draft.type}
    fields["stem"] = draft.stem
    explanation = draft.explanation
    if draft.type == "choice":
        fields["choose"] = draft.choose if draft.choose != 1 else None
        fields["shuffle"] = None if draft.shuffle else False
        fields["options"] = [
            {"text": o.text, "correct": True if o.correct else None, "why": o.why}
            for o in draft.options
        ]
    elif draft.type == "true-false":
        fields["answer"] = draft.answer
    elif draft.type == "ordering":
        fields["items"] = [{"text": i.text, "why": i.why} for i in draft.items]
    elif draft.type == "matching":
        fields["pairs"] = [
            {"prompt": p.prompt, "answer": p.answer, "why": p.why} for p in draft.pairs
        ]
        fields["distractors"] = list(draft.distractors) or None
    elif draft.type == "numeric":
        numbers = draft.numbers
        if len(numbers) == 1 and (numbers[0].why is None or explanation is None):
            fields |= _numeric(numbers[0])
            explanation = explanation or numbers[0].why
        else:
            fields["accept"] = [_numeric(n) | {"why": n.why} for n in numbers]
        fields["unit"] = draft.unit
    elif draft.type == "short-answer":
        fields["accept"] = [
            a.text if a.why is None else {"text": a.text, "why": a.why} for a in draft.accept
        ]
    fields["explanation"] = explanation
    return fields


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


def number(value: Number) -> str:
    """A number as YAML reads it back: ``6``, ``0.5``, ``1.0e-05`` (never a string)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(value)
    text = repr(value)
    if yaml.safe_load(text) != value:  # "1e-05" reads as a string in YAML 1.1
        text = yaml.safe_dump(value).split("\n", 1)[0]
    return text


def _flat(value: Any) -> str:
    """``value`` as an entry of a flow list (``[a, "b, c"]``): a comma or bracket is quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number(value)
    for style in (None, '"'):  # a line break goes as an escape: the list stays on its line
        dumped = yaml.safe_dump(
            [str(value)],
            default_flow_style=True,
            default_style=style,
            width=10**9,
            allow_unicode=True,
        ).strip()
        if not any(c in dumped for c in "\n\r\x85\u2028\u2029"):
            break
    return dumped[1:-1]


def _entry(key: str, value: Any, indent: int, first: str) -> list[str]:
    head = f"{first}{key}: "
    if isinstance(value, bool | int | float):
        return [head + _flat(value)]
    if isinstance(value, list | tuple):
        flat = all(isinstance(v, str | int | float) for v in value)
        flow = "[" + ", ".join(_flat(v) for v in value) + "]"
        if flat and (len(head) + len(flow) <= WIDTH or key == "topics"):
            return [head + flow]
        lines = [head.rstrip()]
        pad = " " * (indent + 2)
        for entry in value:
            if isinstance(entry, Mapping):
                lines += _mapping(entry, LIST_KEYS.get(key, tuple(entry)), indent + 4)
            else:
                text = scalar(str(entry), indent + 4, len(pad) + 2)
                lines += [f"{pad}- {text[0]}", *text[1:]]
        return lines
    text = scalar(str(value), indent + 2, len(head))
    return [head + text[0], *text[1:]]


def _mapping(item: Mapping[str, Any], order: Sequence[str], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for key in order:
        if key not in item or item[key] is None:
            continue
        first = (pad[:-2] + "- ") if not lines else pad
        lines += _entry(key, item[key], indent, first)
    return lines


def dump_questions(questions: Sequence[Mapping[str, Any]], comment: Sequence[str]) -> str:
    """A content file holding ``questions`` (mappings of plain values) under a comment."""
    # One comment line per line of text: a line break in a name must not end the comment.
    lines = [f"# {part}".rstrip() for line in comment for part in line.splitlines() or [""]]
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


def _plain(item: Any) -> Any:
    if isinstance(item, Mapping):
        return {k: _plain(v) for k, v in item.items() if v is not None}
    if isinstance(item, list | tuple):
        return [_plain(v) for v in item]
    return item
