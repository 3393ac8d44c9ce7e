r"""GIFT, Moodle's question format: read multiple-choice and true/false, write every question.

Reading follows Moodle's reference parser (``question/format/gift/format.php``): a blank
line ends a question, ``//`` lines are comments, ``::name::`` names a question, the answers
sit in ``{...}``, ``=`` marks the right answer, ``~`` a wrong one, ``%50%`` gives a weight
(multiple answer when no answer has ``=``), ``#`` starts an answer's feedback and ``####``
the general feedback, ``[html]``/``[markdown]``/``[plain]``/``[moodle]`` set the text format,
and ``\~ \= \# \{ \} \:`` (and ``\n`` for a line break, ``\\`` for a backslash) escape.
Short answer, numerical, matching, essay, missing word and description questions have no
counterpart on this site: they are reported as :class:`~generator.formats.Skipped`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import ClassVar

from generator.content.model import Bank, Question
from generator.errors import DataError, Problem
from generator.formats import Draft, DraftOption, Format, Skipped

# Escaped control characters become private-use placeholders while the text is parsed
# (Moodle does the same with "&&058;"-style strings), then turn back into the character.
_PLACEHOLDER = {ch: chr(0xE000 + ord(ch)) for ch in "\\:#=~{}n"}
_ESCAPED = re.compile(r"\\([\\:#=~{}n])")
_RESTORE = str.maketrans({p: ("\n" if ch == "n" else ch) for ch, p in _PLACEHOLDER.items()})
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d*)?)%")
_FORMATS = ("html", "markdown", "plain", "moodle")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")
_WEIGHT_SLACK = 0.01  # 3 x 33.33333% is 100%
CATEGORY = "$CATEGORY:"


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


def _markdown_escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


class _HtmlToMarkdown(HTMLParser):
    """HTML (untrusted) to the little Markdown it means: emphasis, code, line breaks, text.

    Everything else is reduced to its text; scripts and styles are dropped whole, links keep
    their text only. The result is Markdown text that the site's sanitizer renders later.
    """

    _MARKS: ClassVar[dict[str, str]] = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`"}
    _BREAKS: ClassVar[set[str]] = {
        "br",
        "p",
        "div",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
    }
    _DROPPED: ClassVar[set[str]] = {"script", "style", "template", "iframe", "object"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._DROPPED:
            self._dropping += 1
        elif tag in self._MARKS:
            self.parts.append(self._MARKS[tag])
        elif tag in self._BREAKS:
            self.parts.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(f"[image: {_markdown_escape(alt)}]")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._DROPPED:
            self._dropping = max(0, self._dropping - 1)
        elif tag in self._MARKS:
            self.parts.append(self._MARKS[tag])
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self.parts.append(_markdown_escape(re.sub(r"\s+", " ", data)))

    def markdown(self) -> str:
        lines = (line.strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def _convert(text: str, default: str) -> tuple[str, str]:
    """Text in a GIFT format to Markdown: (format used, Markdown text)."""
    fmt = default
    if text.startswith("["):
        end = text.find("]")
        if end > 0 and text[1:end] in _FORMATS:
            fmt = text[1:end]
            text = text[end + 1 :]
    text = _restore(text).strip()
    if fmt == "markdown":
        return fmt, text
    if fmt == "plain":
        return fmt, _markdown_escape(text)
    if fmt == "moodle":  # Moodle's auto-format: text with HTML, and line breaks kept
        text = text.replace("\n", "<br>")
    parser = _HtmlToMarkdown()
    parser.feed(text)
    parser.close()
    return fmt, parser.markdown()


def _label(name: str | None, stem: str) -> str:
    if name:
        return name
    flat = " ".join(stem.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


class _Reader:
    """Reads one GIFT file; collects every problem before raising once."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.category: str | None = None
        self.problems: list[Problem] = []

    def error(self, line: int, message: str) -> None:
        self.problems.append(FORMAT.problem(self.file, line, "", message))

    def blocks(self, text: str) -> Iterator[list[tuple[int, str]]]:
        """Questions as lists of (line number, trimmed line); comments left out."""
        block: list[tuple[int, str]] = []
        for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
            line = raw.strip()
            if not line:
                if block:
                    yield block
                block = []
            elif not line.startswith("//"):
                block.append((number, _ESCAPED.sub(lambda m: _PLACEHOLDER[m.group(1)], line)))
        if block:
            yield block

    def question(self, block: list[tuple[int, str]]) -> Draft | Skipped | None:
        """One question (or category line) of the file."""
        if block[0][1].startswith(CATEGORY):
            self.category = _restore(block[0][1][len(CATEGORY) :]).strip() or None
            block = block[1:]
            if not block:
                return None
        text = "\n".join(line for _, line in block)

        def line_at(position: int) -> int:
            return block[text.count("\n", 0, position)][0]

        start = block[0][0]
        name: str | None = None
        body = 0
        if text.startswith("::"):
            end = text.find("::", 2)
            if end < 0:
                self.error(
                    start,
                    "unclosed question name: '::' opens a name that no '::' closes "
                    "(write \\: for a literal colon)",
                )
                return None
            name = " ".join(_restore(text[2:end]).split()) or None
            body = end + 2
        opening = text.find("{", body)
        closing = text.find("}", body)
        if opening < 0 and closing < 0:
            return Skipped(start, "description", _label(name, _restore(text[body:])))
        if opening < 0 or 0 <= closing < opening:
            self.error(
                line_at(closing),
                "'}' without an opening '{' (write \\} for a literal brace)",
            )
            return None
        if closing < 0:
            self.error(
                line_at(opening),
                "unclosed '{': the answers that start here have no closing '}' "
                "(a blank line ends a question; write \\{ for a literal brace)",
            )
            return None
        region = text[opening + 1 : closing]
        after = text[closing + 1 :].strip()
        # Text after the answers makes a missing-word question: Moodle shows a blank there.
        blank = f" _____ {after}" if after else ""
        shown = (text[body:opening].rstrip() + blank).strip()
        fmt, stem = _convert(shown, "moodle")
        general = region.rfind("####")
        explanation = None
        if general >= 0:
            explanation = _convert(region[general + 4 :].strip(), fmt)[1] or None
            region = region[:general]
        answers = region.strip()
        label = _label(name, _convert(shown, "markdown")[1])
        kind = _kind(answers)
        if kind not in ("multiple choice", "true/false"):
            return Skipped(start, kind, label)
        if after:
            return Skipped(start, "missing word", label)
        if not stem:
            self.error(start, "the question has no text before its answers")
            return None
        if kind == "true/false":
            head, wrong, right = [*answers.split("#", 2), "", ""][:3]
            value = _TRUE_FALSE[head.strip()]
            right_why = _convert(right.strip(), fmt)[1] or None
            wrong_why = _convert(wrong.strip(), fmt)[1] or None
            options = [
                DraftOption("True", value, right_why if value else wrong_why),
                DraftOption("False", not value, wrong_why if value else right_why),
            ]
            choose, notes, shuffle = 1, list[str](), False
        else:
            found = self.multiple_choice(start, region, opening + 1, line_at, fmt)
            if found is None:
                return None
            options, choose, notes = found
            shuffle = True
        return Draft(
            line=start,
            name=name or stem,
            stem=stem,
            options=options,
            choose=choose,
            explanation=explanation,
            category=self.category,
            shuffle=shuffle,
            notes=notes,
        )

    def multiple_choice(
        self, start: int, region: str, offset: int, line_at: Callable[[int], int], fmt: str
    ) -> tuple[list[DraftOption], int, list[str]] | None:
        """Options, number to choose and notes of a multiple-choice or -answer question."""
        single = "=" in region
        pieces: list[tuple[int, str]] = []
        begin = 0
        for i, ch in enumerate(region):
            if ch in "~=":
                pieces.append((begin, region[begin:i]))
                begin = i + (1 if ch == "~" else 0)
        pieces.append((begin, region[begin:]))
        if pieces and not pieces[0][1].strip():
            pieces.pop(0)
        if len(pieces) < 2:
            self.error(start, f"expected at least 2 answers, found {len(pieces)}")
            return None
        parsed: list[tuple[int, float, DraftOption]] = []
        failed = False
        for position, raw in pieces:
            line = line_at(offset + position + len(raw) - len(raw.lstrip()))
            answer = raw.strip()
            weight = 0.0
            if answer.startswith("="):
                weight, answer = 100.0, answer[1:].lstrip()
            match = _WEIGHT.match(answer)
            if match:
                weight, answer = float(match.group(1)), answer[match.end() :].lstrip()
            text, _, feedback = answer.partition("#")
            option_text = _convert(text.strip(), fmt)[1]
            if not option_text:
                self.error(line, "an answer has no text")
                failed = True
            if not -100 <= weight <= 100:
                self.error(line, f"answer weight {weight:g}% is outside -100% to 100%")
                failed = True
            why = _convert(feedback.strip(), fmt)[1] or None
            parsed.append((line, weight, DraftOption(option_text or "?", False, why)))
        if failed:
            return None
        notes: list[str] = []
        if single:
            right = [w >= 100 for _, w, _ in parsed]
            for _, weight, option in parsed:
                if 0 < weight < 100:
                    notes.append(
                        f"partial credit dropped: '{option.text}' ({weight:g}%) counts as wrong"
                    )
            if sum(right) > 1:
                self.error(
                    start,
                    f"{sum(right)} answers are marked right with '=' in a single-answer "
                    "question; keep one '=', or give the right answers %weights% for a "
                    "multiple-answer question",
                )
                return None
        else:
            right = [w > 0 for _, w, _ in parsed]
            positive = [w for _, w, _ in parsed if w > 0]
            total = sum(positive)
            if positive and abs(total - 100) > _WEIGHT_SLACK:
                self.error(
                    start, f"the positive answer weights add up to {total:g}%, expected 100%"
                )
                return None
            if len(set(positive)) > 1:
                shares = ", ".join(f"{w:g}%" for w in positive)
                notes.append(
                    f"weights {shares} scored all or nothing: all {len(positive)} "
                    "right answers must be picked"
                )
        if not any(right):
            self.error(
                start,
                "no right answer: mark the right answer with '=', or give the right "
                "answers of a multiple-answer question positive %weights%",
            )
            return None
        options = [
            DraftOption(option.text, ok, option.why)
            for (_, _, option), ok in zip(parsed, right, strict=True)
        ]
        return options, sum(right), notes


def _kind(answers: str) -> str:
    """The question type, decided in the order Moodle decides it."""
    if not answers:
        return "essay"
    if answers.startswith("#"):
        return "numerical"
    if "~" in answers:
        return "multiple choice"
    if "=" in answers and "->" in answers:
        return "matching"
    if answers.split("#", 1)[0].strip() in _TRUE_FALSE:
        return "true/false"
    return "short answer"


def read(text: str, file: str) -> Iterator[Draft | Skipped]:
    """The questions of a GIFT file; raise :class:`DataError` listing every problem."""
    reader = _Reader(file)
    for block in reader.blocks(text):
        found = reader.question(block)
        if found is not None:
            yield found
    if reader.problems:
        raise DataError(reader.problems)


# ---- writing ------------------------------------------------------------------------

_RESERVED = str.maketrans(
    {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:"}
)


def escape(text: str) -> str:
    r"""Text as a GIFT field: control characters escaped, line breaks as ``\n``."""
    escaped = text.translate(_RESERVED).replace("\r\n", "\n")
    return escaped.replace("\n", "\\n")


def _answer(text: str) -> str:
    # A text that starts with "[" could read as a format name: say the format explicitly.
    return ("[markdown]" if text.startswith("[") else "") + escape(text)


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def question_gift(question: Question) -> str:
    """One question in GIFT: its id as the name, Markdown text, feedback on every option."""
    lines = [f"::{question.id}::[markdown]{escape(question.stem)}{{"]
    share = 100 / question.choose
    for option in question.options:
        if question.choose == 1:
            mark = "=" if option.correct else "~"
        else:
            mark = f"~%{_weight(share if option.correct else -share)}%"
        why = f"#{escape(option.why)}" if option.why else ""
        lines.append(f"\t{mark}{_answer(option.text)}{why}")
    if question.explanation:
        lines.append(f"\t####{escape(question.explanation)}")
    lines.append("}")
    return "\n".join(lines)


def write(bank: Bank) -> bytes:
    """Every question as GIFT, in ``$CATEGORY`` exam/domain/topic groups."""
    out = [
        f"// {bank.exam.title} ({bank.exam.code}): practice questions in GIFT format.",
        "// Import in Moodle: Question bank > Import > GIFT format.",
        "",
    ]
    category = None
    for content in bank.domains:
        for question in content.questions:
            here = f"{bank.exam.id}/{content.slug}/{question.topics[0]}"
            if here != category:
                out += [f"{CATEGORY} {here}", ""]
                category = here
            out += [question_gift(question), ""]
    return "\n".join(out).encode("utf-8")


FORMAT = Format(name="gift", title="Moodle GIFT", suffix=".gift", read=read, write=write)
