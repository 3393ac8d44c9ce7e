r"""GIFT, Moodle's question format: read every type Moodle's GIFT import reads; write ours.

Reading follows Moodle's parser (``question/format/gift/format.php``; its research notes are
in the project's issue 29) question by question:

- **Questions are separated by blank lines.** ``//`` lines are comments: left out, they never
  end a question nor reach a stem. ``/* ... */`` is no GIFT syntax (Moodle reads it as text,
  and so does this reader).
- ``$CATEGORY: path`` sets the category of the questions after it (Moodle: the whole block).
- ``::name::`` at the start names a question; ``[html]``, ``[moodle]``, ``[markdown]``,
  ``[plain]`` set a text's format (see :mod:`generator.formats.markup`); ``\~ \= \# \{ \}
  \:`` escape, ``\n`` is a line break, ``\\`` a backslash.
- The answers sit between the first ``{`` and the first ``}``; ``####`` starts the general
  feedback (the question's explanation). Text after the ``}`` makes a *missing word*
  question: the answers' place shows as ``_____`` in the stem, whatever the type.
- The type is decided in Moodle's order: ``>N ...`` ordering (qtype_ordering, core since
  Moodle 4.4), no braces a description, ``{}`` an essay, ``#`` numerical, any ``~`` multiple
  choice, ``=`` with ``->`` matching, ``T``/``TRUE``/``F``/``FALSE`` true/false, else short
  answer.

**Two questions with no blank line between them.** Moodle reads the whole run of lines as one
question: the second question's name, text and answers end up in the first one's stem, or,
after a ``$CATEGORY:`` line, in the category's name, and nothing says so. This reader reads
such a run as the questions it holds, as Moodle would read it with the missing blank lines
put back:

1. a ``$CATEGORY:`` line stands alone (the line after it starts a question);
2. outside braces, a line starting with ``::`` starts a question (a name can only stand at
   a question's start; Moodle would take it into the previous question's text). Lines
   between the previous question's ``}`` and that line stay with the previous question (as
   Moodle reads them: text after the answers); lines before it that hold no answers at all
   are a description, as Moodle reads text without answers;
3. after a question's answers have closed, a later line that opens answers again (``{``)
   starts the next question on the line after the one holding the ``}`` (Moodle would put it
   into the first question's stem); text after the ``}`` on its own line stays with the first;
4. a ``::`` line inside answers that never closed ends them: the unclosed question is
   reported, the named one is read.

Each question so found carries a note naming the line it was glued to, so the author can add
the blank line. Moodle treats a line holding only ``0`` as a blank line (PHP's
``empty("0")``); this reader keeps it as text, since a ``0`` is content.

**What is imported.** Multiple choice as Moodle scores it: ``=`` is a right answer (``~=``
is read as ``=``, as Moodle reads it; an ``=`` anywhere in the answers makes a single-answer
question), ``%n%`` weights give a multiple-answer question whose positive-weight answers are
the right ones (chosen together: this site scores all or nothing). Partial credit inside a
single-answer question, in short answers and in numerical answers cannot be scored all or
nothing: the fully right answers are kept, the others count as wrong (or are not accepted),
and the question is listed as a partial-credit one in the report. True/false keeps its
feedback in the explanation; short answer its accepted answers (Moodle's ``*`` wildcard
cannot be matched here); numerical its values with tolerance, ranges ``min..max`` and
several answers; matching its pairs, shared answers and distractors (``= -> answer``).
Essays, descriptions and cloze-style embedded answers are reported by line with the reason.
Every question of the file is yielded once, as a :class:`~generator.formats.Draft` or a
:class:`~generator.formats.Skipped`, so that imported + not imported = questions in the file.

**Writing** (``generator/formats/EXPORTS.md``): choice, true/false, short answer, numeric and
matching, text escaped as Moodle's exporter escapes it. What GIFT cannot write faithfully is
left out and listed by :func:`refuse` (``->`` in a matching prompt or a short answer, two
matching answers that show the same text); what it changes is listed by
:func:`export_notes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from generator.content.model import (
    Answerable,
    Bank,
    MatchingQuestion,
    NumberAccept,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortAnswerQuestion,
    TrueFalseQuestion,
)
from generator.formats import (
    MATCHING_PROMPTS,
    ORDERING_ITEMS,
    Draft,
    DraftAccept,
    DraftItem,
    DraftNumber,
    DraftOption,
    DraftPair,
    Format,
    Number,
    Skipped,
    bounded,
    scoring,
    stem_with_case,
)
from generator.formats.markup import FORMATS, TextFormat, images_note, to_markdown, to_plain
from generator.site.text import inline, plain

# Escaped control characters become private-use placeholders while the text is parsed
# (Moodle does the same with "&&058;"-style strings), then turn back into the character.
_PLACEHOLDER = {ch: chr(0xE000 + ord(ch)) for ch in "\\:#=~{}n"}
_ESCAPED = re.compile(r"\\([\\:#=~{}n])")
_RESTORE = str.maketrans({p: ("\n" if ch == "n" else ch) for ch, p in _PLACEHOLDER.items()})
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d*)?)%")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_ORDERING = re.compile(
    r"^\s*>\s*(\d+)\s*(ALL|EXACT|RANDOM|REL|CONTIGUOUS|CONTIG)?\s*"
    r"(HORIZONTAL|HORI|H|1|VERTICAL|VERT|V|0)?\s*"
    r"(ALL_OR_NOTHING|ABSOLUTE_POSITION|ABSOLUTE|ABS|RELATIVE_NEXT_EXCLUDE_LAST|"
    r"RELATIVE_NEXT_INCLUDE_LAST|RELATIVE_ONE_PREVIOUS_AND_NEXT|RELATIVE_ALL_PREVIOUS_AND_NEXT|"
    r"RELATIVE_TO_CORRECT|RELATIVE|REL|LONGEST_ORDERED_SUBSET|LONGEST_CONTIGUOUS_SUBSET)?\s*"
    r"(SHOW|TRUE|YES|1|HIDE|FALSE|NO|0)?\s*(none|123|abc|ABCD|iii|IIII)?\s*(.*?)\s*$",
    re.DOTALL,
)
_CLOZE = re.compile(
    r"\{\d*:(NUMERICAL|NM|MULTICHOICE(_V|_H|_S|_VS|_HS)?|MC(V|H|S|VS|HS)?|"
    r"MULTIRESPONSE(_H|_S|_HS)?|MR(H|S|HS)?|SHORTANSWER(_C)?|SA|MW|SAC|MWC):"
)
_FULL = scoring.FULL
_MARKUP = re.compile(r"<[a-z]")  # an element in rendered inline text (its text is escaped)
_BLANK = "\ue0ff"  # where a missing word's answers were; "_____" once the stem is Markdown
CATEGORY = "$CATEGORY:"
UNREADABLE = "unreadable"


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


def _label(name: str | None, stem: str) -> str:
    if name:
        return name
    flat = " ".join(stem.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


_percent = scoring.percent


def number(text: str) -> Number | None:
    """A number as Moodle's ``is_numeric`` reads it (``1e3``, ``.5``, ``+5``), else None."""
    text = text.strip()
    if not _NUMBER.match(text):
        return None
    return int(text) if re.fullmatch(r"[+-]?\d+", text) else float(text)


@dataclass
class _Piece:
    """The lines of one question as found in the file (escapes already replaced)."""

    lines: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.lines[0][0]


class _Reader:
    """Reads one GIFT file into drafts and skipped questions, in file order."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.category: str | None = None

    # ---- finding the questions -------------------------------------------------------

    def pieces(self, text: str) -> Iterator[_Piece]:
        """Each question's lines (comments left out), and ``$CATEGORY`` lines alone."""
        block: list[tuple[int, str]] = []
        for number_, raw in enumerate(re.split(r"\r\n|\r|\n", text.lstrip("\ufeff")), start=1):
            line = raw.strip()
            if not line:
                yield from self.split(block)
                block = []
            elif not line.startswith("//"):
                block.append((number_, _ESCAPED.sub(lambda m: _PLACEHOLDER[m.group(1)], line)))
        yield from self.split(block)

    def split(self, block: list[tuple[int, str]]) -> Iterator[_Piece]:
        """The questions of one block of lines (see the module doc: glued questions)."""
        piece = _Piece()
        inside = False  # between a question's first "{" and the "}" that closes it
        closed_at = 0  # the line where the question's answers closed, 0 while not closed
        for number_, line in block:
            moved: list[tuple[int, str]] = []
            starts = line.startswith(CATEGORY) or (line.startswith("::") and bool(piece.lines))
            if not starts and closed_at and "{" in line:
                # The next question starts on the line after the first one's answers closed.
                starts = True
                moved = [entry for entry in piece.lines if entry[0] > closed_at]
                piece.lines = [entry for entry in piece.lines if entry[0] <= closed_at]
            if piece.lines and (starts or piece.lines[0][1].startswith(CATEGORY)):
                glued_to = piece.start if closed_at and not line.startswith(CATEGORY) else 0
                yield piece
                piece = _Piece(moved)
                if glued_to:
                    piece.notes.append(
                        f"no blank line between this question and the one at line {glued_to}: "
                        "read as two questions (add a blank line)"
                    )
                inside, closed_at = False, 0
            piece.lines.append((number_, line))
            if line.startswith(CATEGORY):
                continue
            for ch in line:
                if ch == "{" and not inside and not closed_at:
                    inside = True
                elif ch == "}" and inside:
                    inside, closed_at = False, number_
        if piece.lines:
            yield piece

    # ---- one question ------------------------------------------------------------------

    def skip(self, piece: _Piece, name: str, reason: str, kind: str = UNREADABLE) -> Skipped:
        return Skipped(piece.start, kind, name, reason)

    def question(self, piece: _Piece) -> Draft | Skipped | None:
        """One question of the file (None for a ``$CATEGORY`` line)."""
        text = "\n".join(line for _, line in piece.lines)
        if text.startswith(CATEGORY):
            self.category = _restore(text[len(CATEGORY) :]).strip() or None
            return None

        def line_at(position: int) -> int:
            return piece.lines[text.count("\n", 0, position)][0]

        name: str | None = None
        body = 0
        if text.startswith("::"):
            end = text.find("::", 2)
            if end < 0:
                return self.skip(
                    piece,
                    _label(None, _restore(text[2:])),
                    "unclosed question name: '::' opens a name that no '::' closes "
                    "(write \\: for a literal colon)",
                )
            name = " ".join(_restore(text[2:end]).split()) or None
            body = end + 2
        opening = text.find("{", body)
        closing = text.find("}", body)
        head = text[body : opening if opening >= 0 else None].strip()
        if head.startswith("[") and head[1 : head.find("]")] in FORMATS:
            head = head[head.find("]") + 1 :]
        label = _label(name, to_plain(_restore(head), "html"))
        if _CLOZE.search(_restore(text)):
            return self.skip(
                piece, label, "embedded answers (cloze) are out of scope this round", "cloze"
            )
        if opening < 0 and closing < 0:
            return self.skip(
                piece,
                label,
                "text without answers (a description in Moodle): nothing to answer",
                "description",
            )
        if opening < 0 or 0 <= closing < opening:
            return self.skip(
                piece,
                label,
                f"'}}' at line {line_at(closing)} without an opening '{{' "
                "(write \\} for a literal brace)",
            )
        if closing < 0:
            return self.skip(
                piece,
                label,
                f"unclosed '{{' at line {line_at(opening)}: the answers that start there have "
                "no closing '}' (a blank line ends a question; write \\{ for a literal brace)",
            )
        after = text[closing + 1 :]
        if "{" in after:
            return self.skip(
                piece,
                label,
                f"a second '{{' at line {line_at(closing + 1 + after.index('{'))} after the "
                f"answers closed at line {line_at(closing)}: if these are two questions, put "
                "a blank line between them",
            )
        region = text[opening + 1 : closing]
        # A word or two after a numerical question's answers is its unit (``{#24} pins``:
        # Moodle shows it after the answer box), not a missing word's sentence.
        tail = _restore(after).strip()
        unit = None
        if region.strip().startswith("#") and "\n" not in tail and _UNIT.match(tail):
            unit, after = tail, ""
        # Text after the answers makes a missing-word question: Moodle shows a blank there.
        shown = text[body:opening] + (_BLANK + after if after.strip() else "")
        fmt: TextFormat = "moodle"
        shown = shown.strip()
        if shown.startswith("["):
            end = shown.find("]")
            if end > 0 and shown[1:end] in FORMATS:
                fmt = shown[1:end]  # type: ignore[assignment]
                shown = shown[end + 1 :]
        images: list[str] = []
        stem = to_markdown(_restore(shown), fmt, images).replace(_BLANK, "_____")
        reader = _Answers(self, piece, name, label, stem, fmt, images)
        reader.unit = unit
        return reader.read(region)


class _Answers:
    """The answers of one question, read by type."""

    def __init__(
        self,
        reader: _Reader,
        piece: _Piece,
        name: str | None,
        label: str,
        stem: str,
        fmt: TextFormat,
        images: list[str],
    ) -> None:
        self.reader = reader
        self.piece = piece
        self.name = name
        self.label = label
        self.stem = stem
        self.fmt = fmt
        self.images = images
        self.notes: list[str] = list(piece.notes)
        self.partial: list[str] = []
        self.explanation: str | None = None
        self.unit: str | None = None

    def text(self, raw: str) -> str:
        """An answer or feedback: its own ``[format]``, else the question's."""
        raw = raw.strip()
        fmt = self.fmt
        if raw.startswith("["):
            end = raw.find("]")
            if end > 0 and raw[1:end] in FORMATS:
                fmt, raw = raw[1:end], raw[end + 1 :]  # type: ignore[assignment]
        return to_markdown(_restore(raw), fmt, self.images)

    def plain(self, raw: str) -> str:
        raw = raw.strip()
        fmt = self.fmt
        if raw.startswith("["):
            end = raw.find("]")
            if end > 0 and raw[1:end] in FORMATS:
                fmt, raw = raw[1:end], raw[end + 1 :]  # type: ignore[assignment]
        return to_plain(_restore(raw), fmt, self.images)

    def skip(self, reason: str, kind: str = UNREADABLE) -> Skipped:
        return Skipped(self.piece.start, kind, self.label, reason)

    def draft(self, **fields: object) -> Draft | Skipped:
        if not self.stem:
            return self.skip("the question has no text before its answers")
        notes = self.notes + ([images_note(self.images)] if self.images else [])
        return Draft(
            line=self.piece.start,
            name=self.name or self.stem,
            stem=self.stem,
            category=self.reader.category,
            notes=notes,
            partial_credit=self.partial,
            **fields,  # type: ignore[arg-type]
        )

    def read(self, region: str) -> Draft | Skipped:
        general = region.rfind("####")
        explanation = None
        if general >= 0:
            explanation = self.text(region[general + 4 :]) or None
            region = region[:general]
        self.explanation = explanation
        answers = region.strip()
        if _ORDERING.match(answers):
            return self.ordering(answers)
        if not answers:
            return self.skip(
                "an essay needs a person to grade it; this site has no such type", "essay"
            )
        if answers.startswith("#"):
            return self.numerical(answers[1:])
        if "~" in answers:
            return self.multiple_choice(answers)
        if "=" in answers and "->" in answers:
            return self.matching(answers)
        if answers.split("#", 1)[0].strip() in _TRUE_FALSE:
            return self.true_false(answers)
        return self.short_answer(answers)

    # ---- types -----------------------------------------------------------------------

    def ordering(self, answers: str) -> Draft | Skipped:
        match = _ORDERING.match(answers)
        assert match is not None
        items = [self.text(line) for line in match.group(7).split("\n") if line.strip()]
        low, high = ORDERING_ITEMS
        if not low <= len(items) <= high:
            return self.skip(
                f"an ordering needs {low} to {high} items, found {len(items)}", "ordering"
            )
        select, count = match.group(2) or "", int(match.group(1))
        if select not in ("ALL", "EXACT") and count < len(items):
            self.notes.append(
                f"Moodle shows {count} of the {len(items)} items; this site shows them all"
            )
        grading = match.group(4) or ""
        if grading and grading != "ALL_OR_NOTHING":
            self.notes.append(f"graded {grading} in Moodle; this site scores all or nothing")
        return self.draft(
            type="ordering", items=[DraftItem(t) for t in items], explanation=self.explanation
        )

    def true_false(self, answers: str) -> Draft | Skipped:
        head, *feedback = answers.split("#", 2)
        value = _TRUE_FALSE[head.strip()]
        wrong, right = [*(self.text(f) for f in feedback), "", ""][:2]
        return self.draft(
            type="true-false",
            answer=value,
            explanation=true_false_explanation(value, right, wrong, self.explanation),
        )

    def weighted(self, raw: str, default: float) -> tuple[float, str]:
        raw = raw.strip()
        match = _WEIGHT.match(raw)
        if match:
            return float(match.group(1)), raw[match.end() :]
        return default, raw

    def multiple_choice(self, answers: str) -> Draft | Skipped:
        single = "=" in answers
        weighted: list[tuple[float, DraftOption]] = []
        for piece in answers.replace("=", "~=").split("~"):
            answer = piece.strip()
            if answer.startswith("="):
                weight, answer = 100.0, answer[1:]  # Moodle reads no %n% after "="
            else:
                weight, answer = self.weighted(answer, 0.0)
            text, _, feedback = answer.partition("#")
            option = self.text(text)
            if not option:
                continue  # Moodle drops answers without text ("~=" leaves one)
            if not -100 <= weight <= 100:
                return self.skip(f"answer weight {weight:g}% is outside -100% to 100%")
            weighted.append((weight, DraftOption(option, False, self.text(feedback) or None)))
        found = scoring.choice(weighted, single=single)
        if isinstance(found, str):
            return self.skip(found)
        self.notes += found.notes
        self.partial += found.partial
        return self.draft(
            options=found.options, choose=found.choose, shuffle=True, explanation=self.explanation
        )

    def matching(self, answers: str) -> Draft | Skipped:
        pieces = answers.split("=")
        if not pieces[0].strip():
            pieces = pieces[1:]
        if len(pieces) < 2:
            return self.skip("a matching question needs at least 2 pairs", "matching")
        pairs: list[DraftPair] = []
        distractors: list[str] = []
        for piece in pieces:
            if "->" not in piece:
                return self.skip(
                    f"'{_restore(piece.strip())}' has no '->': every answer of a matching "
                    "question is 'prompt -> answer' (write '= -> answer' for an extra answer)",
                    "matching",
                )
            prompt, _, answer = piece.partition("->")
            answer_text = to_markdown(_restore(answer.strip()), "plain")
            prompt_text = self.text(prompt)
            if not answer_text:
                return self.skip("a matching pair has no answer after '->'", "matching")
            if prompt_text:
                pairs.append(DraftPair(prompt_text, answer_text))
            elif answer_text not in distractors:
                distractors.append(answer_text)
        return self._matching(pairs, distractors)

    def _matching(self, pairs: list[DraftPair], distractors: list[str]) -> Draft | Skipped:
        low, high = MATCHING_PROMPTS
        if not low <= len(pairs) <= high:
            return self.skip(
                f"a matching question needs {low} to {high} prompts, found {len(pairs)}",
                "matching",
            )
        answers = {p.answer for p in pairs}
        kept = [d for d in distractors if d not in answers]
        return self.draft(
            type="matching", pairs=pairs, distractors=kept, explanation=self.explanation
        )

    def short_answer(self, answers: str) -> Draft | Skipped:
        pieces = answers.split("=")
        if not pieces[0].strip():
            pieces = pieces[1:]
        accept: list[DraftAccept] = []
        for piece in pieces:
            weight, answer = self.weighted(piece, 100.0)
            text, _, feedback = answer.partition("#")
            value = self.plain(text)
            why = self.text(feedback) or None
            if not value:
                continue
            if weight < _FULL:
                if weight > 0:
                    self.partial.append(f"'{value}' ({_percent(weight)})")
                elif why:
                    self.notes.append(f"feedback for the answer '{value}' dropped: {why}")
                continue
            if "*" in value:
                self.notes.append(
                    f"'{value}' not accepted: '*' is Moodle's wildcard, which this site does "
                    "not match"
                )
                continue
            accept.append(DraftAccept(value, why))
        if not accept:
            return self.skip(
                "no fully right answer this site can match (partial credit and '*' "
                "wildcards are not)",
                "short answer",
            )
        return self.draft(type="short-answer", accept=accept, explanation=self.explanation)

    def numerical(self, answers: str) -> Draft | Skipped:
        wrong = ""
        if "~" in answers:
            answers, wrong = answers.split("~", 1)
        pieces = answers.split("=")
        if not pieces[0].strip():
            pieces = pieces[1:]
        if not pieces:
            return self.skip("a numerical question needs an answer", "numerical")
        numbers: list[DraftNumber] = []
        for piece in pieces:
            weight, answer = self.weighted(piece, 100.0)
            value, _, feedback = answer.partition("#")
            why = self.text(feedback) or None
            found = numeric_answer(value.strip())
            if isinstance(found, str):
                return self.skip(found, "numerical")
            if weight < _FULL:
                if weight > 0:
                    self.partial.append(f"'{value.strip()}' ({_percent(weight)})")
                elif why:
                    self.notes.append(f"feedback for the answer '{value.strip()}' dropped: {why}")
                continue
            numbers.append(DraftNumber(found.answer, found.tolerance, found.range, why))
        wrong_feedback = self.text(wrong.lstrip("~").lstrip("#"))
        if wrong_feedback:
            self.notes.append(f"feedback for wrong answers dropped: {wrong_feedback}")
        if not numbers:
            return self.skip("no fully right answer (only partial credit)", "numerical")
        return self.draft(
            type="numeric", numbers=numbers, unit=self.unit, explanation=self.explanation
        )


def numeric_answer(value: str) -> DraftNumber | str:
    """``a``, ``a:tolerance`` or ``min..max`` as a number, or the reason it is none."""
    value = _restore(value).strip()
    if ".." in value[1:]:
        low_text, _, high_text = value.partition("..")
        low, high = number(low_text), number(high_text)
        if low is None or high is None:
            return f"'{value}' is not a range of numbers (write min..max, as 5..7)"
        if low > high:
            return f"the range '{value}' runs backwards: write the smaller number first"
        return DraftNumber(range=(low, high))
    if ":" in value[1:]:
        answer_text, _, tolerance_text = value.partition(":")
        answer, tolerance = number(answer_text), number(tolerance_text)
        if answer is None or tolerance is None:
            return (
                f"'{value}' is not a number with a tolerance (write 6:0.5; numbers use "
                "a decimal point)"
            )
        if tolerance < 0:
            return f"the tolerance in '{value}' is negative"
        return DraftNumber(answer, tolerance)
    answer = number(value)
    if answer is None:
        return (
            f"'{value}' is not a number (numbers use a decimal point; Moodle would accept "
            "any number here)"
        )
    return DraftNumber(answer)


def true_false_explanation(value: bool, right: str, wrong: str, general: str | None) -> str | None:
    """One explanation from a true/false question's feedback.

    The page shows the explanation whatever was picked, so feedback Moodle shows only for one
    answer says which: the general feedback first, then ``*Answered true:* ...``. A question
    with one feedback text only keeps it as it is.
    """
    shown = {True: right if value else wrong, False: wrong if value else right}
    per_answer = [(answer, text) for answer in (True, False) if (text := shown[answer])]
    if not general and len(per_answer) == 1:
        return per_answer[0][1]
    parts = [general] if general else []
    parts += [
        f"*Answered {'true' if answer else 'false'}:* {text}"
        for answer, text in per_answer
        if text != general
    ]
    return "\n\n".join(parts) or None


def read(text: str, file: str) -> Iterator[Draft | Skipped]:
    """Every question of a GIFT file, once each, as a draft or a skipped question."""
    reader = _Reader(file)
    for piece in reader.pieces(bounded(text, file)):
        found = reader.question(piece)
        if found is not None:
            yield found


# ---- writing ------------------------------------------------------------------------

_RESERVED = str.maketrans(
    {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:"}
)


def escape(text: str) -> str:
    r"""Text as a GIFT field: control characters escaped, line breaks as ``\n``."""
    escaped = text.translate(_RESERVED).replace("\r\n", "\n")
    return escaped.replace("\n", "\\n")


_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)


def markdown_text(text: str) -> str:
    """Text for a ``[markdown]`` field with no raw HTML left in it (issue 34).

    The site shows a ``<`` of a question's text as itself (its renderer allows no HTML
    there); Moodle's Markdown passes HTML through and leaves the cleaning to its purifier.
    So ``<`` is written ``&lt;``, which Markdown shows as ``<``; code spans already show it
    so and are kept as they are.
    """
    out, at = [], 0
    for span in _CODE_SPAN.finditer(text):
        out += [text[at : span.start()].replace("<", "&lt;"), span.group(0)]
        at = span.end()
    out.append(text[at:].replace("<", "&lt;"))
    return "".join(out)


def _answer(text: str, *, markdown: bool = True) -> str:
    # A text that starts with "[" could read as a format name, one that starts with "%" as a
    # weight ("%50%"): a format named first leaves neither to be read so.
    shown = markdown_text(text) if markdown else text
    return ("[markdown]" if text.startswith(("[", "%")) else "") + escape(shown)


def _weight(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


def number_text(value: Number) -> str:
    """A number as GIFT readers read it: digits with a decimal point, never an exponent."""
    if isinstance(value, int):
        return str(value)
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text


def _numeric_answer(accepted: NumberAccept) -> str:
    if accepted.range is not None and len(accepted.range) == 2:
        low, high = accepted.range
        return f"{number_text(low)}..{number_text(high)}"
    value = number_text(accepted.answer if accepted.answer is not None else 0)
    return f"{value}:{number_text(accepted.tolerance)}" if accepted.tolerance else value


def _why(text: str | None) -> str:
    return f"#{escape(markdown_text(text))}" if text else ""


def _pair_feedback(question: MatchingQuestion | OrderingQuestion) -> str | None:
    """Per-pair feedback, which GIFT matching has no place for, as general feedback."""
    if isinstance(question, MatchingQuestion):
        notes = [f"*{p.prompt} \u2192 {p.answer}:* {p.why}" for p in question.pairs if p.why]
    else:
        notes = [f"*{i.text}:* {i.why}" for i in question.items if i.why]
    if not notes:
        return question.explanation
    return "\n\n".join([*([question.explanation] if question.explanation else []), *notes])


_UNIT = re.compile(
    r"^(?:[^\W\d_]|[%°‰$€£¥])[^\s.,;:!?\"'()\[\]{}]*(?: [^\s.,;:!?\"'()\[\]{}]+){0,2}$"
)
"""Text after a numerical question's answers that is read as its unit (``{#24} pins``,
``{#-5} °C``): at most three words, starting with a letter or a unit sign, without sentence
punctuation. Longer text is a missing word's sentence, as Moodle shows it."""


def question_gift(question: Answerable) -> str:
    """One question in GIFT: its id as the name, Markdown text, feedback where GIFT has it.

    A case study's part carries the scenario before its stem; a numeric question's unit is
    the text after its answers (Moodle shows it after the answer box).
    """
    lines = [f"::{question.id}::[markdown]{escape(markdown_text(stem_with_case(question)))}{{"]
    explanation = question.explanation
    after = ""
    if isinstance(question, Question):
        share = 100 / question.choose
        for option in question.options:
            if question.choose == 1:
                mark = "=" if option.correct else "~"
            else:
                mark = f"~%{_weight(share if option.correct else -share)}%"
            lines.append(f"\t{mark}{_answer(option.text)}{_why(option.why)}")
    elif isinstance(question, TrueFalseQuestion):
        lines.append("\tTRUE" if question.answer else "\tFALSE")
    elif isinstance(question, ShortAnswerQuestion):
        # Moodle compares a short answer with the typed text as it is: no Markdown there.
        lines += [f"\t={_answer(a.text, markdown=False)}{_why(a.why)}" for a in question.accepted]
    elif isinstance(question, NumericQuestion):
        lines[-1] += "#"
        lines += [f"\t={_numeric_answer(a)}{_why(a.why)}" for a in question.accepted]
        if question.unit:
            after = " " + escape(question.unit)
    elif isinstance(question, MatchingQuestion):
        # The answers are plain text in GIFT (Moodle offers them in a drop-down list): the
        # text each one shows. refuse() leaves out what this cannot write faithfully.
        lines += [f"\t={_answer(p.prompt)} -> {escape(plain(p.answer))}" for p in question.pairs]
        lines += [f"\t= -> {escape(plain(d))}" for d in question.distractors]
        explanation = _pair_feedback(question)
    else:  # pragma: no cover - exportable() leaves only the types of FORMAT.exports
        raise TypeError(question.type)
    if explanation:
        lines.append(f"\t####{escape(markdown_text(explanation))}")
    lines.append("}" + after)
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
            if question.case is not None and question is question.case.questions[0]:
                out.append(f"// case study {question.case.id}: its scenario before each stem")
            out += [question_gift(question), ""]
    return "\n".join(out).encode("utf-8")


_ARROW = "->"
"""What ends a matching prompt in GIFT; no escape writes it as text (Moodle's qformat_gift
splits each pair at the first ``->``, and only ``\\~ \\= \\# \\{ \\} \\: \\n``
escape)."""


def refuse(question: Answerable) -> str | None:
    """Why ``question`` cannot be written in GIFT as it is, or None.

    - A matching prompt holding ``->``: Moodle and gift-pegjs end the prompt at its first
      ``->`` and no escape prevents it, so the pair would be read wrong.
    - Two different matching answers (or distractors) that show the same text: GIFT's
      answers are plain text, so they would become one answer.
    - A short answer with ``->`` in an accepted answer or its feedback: answers holding
      ``=`` and ``->`` are read as a matching question.
    """
    if isinstance(question, MatchingQuestion):
        for pair in question.pairs:
            if _ARROW in pair.prompt:
                return (
                    f"the prompt '{pair.prompt}' holds '->', which ends a prompt in GIFT "
                    "matching and has no escape (Moodle would read a different pair)"
                )
        shown: dict[str, str] = {}
        for answer in question.answers:
            text = plain(answer)
            if shown.setdefault(text, answer) != answer:
                return (
                    f"the answers '{shown[text]}' and '{answer}' both show as '{text}': GIFT "
                    "matching answers are plain text, so they would become one answer"
                )
    if isinstance(question, ShortAnswerQuestion):
        for accepted in question.accepted:
            if _ARROW in accepted.text or _ARROW in (accepted.why or ""):
                return (
                    f"the accepted answer '{accepted.text}' or its feedback holds '->': in "
                    "GIFT, answers with '=' and '->' are read as a matching question"
                )
    return None


def export_notes(bank: Bank) -> list[tuple[str, str]]:
    """What the GIFT export changes on the way out, by question id."""
    notes: list[tuple[str, str]] = []
    for content in bank.domains:
        for question in content.questions:
            if (
                isinstance(question, Question)
                and question.choose == 1
                and question.options[0].correct
                and _ARROW in question.options[0].text
            ):
                notes.append(
                    (
                        question.id,
                        "its first answer is the right one and holds '->': Moodle reads it "
                        "right, but readers built on gift-pegjs take '=... -> ...' for a "
                        "matching pair and cannot read the file (put a wrong option first)",
                    )
                )
            if isinstance(question, Question) and not question.shuffle:
                notes.append(
                    (
                        question.id,
                        "its options are to stay in order (shuffle: false), which GIFT cannot "
                        "say: Moodle shuffles them where the quiz shuffles answers",
                    )
                )
            if isinstance(question, MatchingQuestion):
                for answer in question.answers:
                    if _MARKUP.search(inline(answer)):
                        notes.append(
                            (
                                question.id,
                                f"the answer '{answer}' is written as the plain text "
                                f"'{plain(answer)}' (GIFT matching answers have no formatting)",
                            )
                        )
            if (
                isinstance(question, NumericQuestion)
                and question.unit
                and not _UNIT.match(question.unit)
            ):
                notes.append(
                    (
                        question.id,
                        f"the unit '{question.unit}' is written as text after the answers; "
                        "GIFT readers show it after the answer box, and a GIFT import reads it "
                        "back into the stem (a unit of up to three words without punctuation "
                        "reads back as the unit)",
                    )
                )
            if question.case is not None:
                notes.append(
                    (
                        question.id,
                        f"a question of case study {question.case.id}: written as a single "
                        "question, the scenario before its stem (GIFT has no case studies)",
                    )
                )
            if isinstance(question, MatchingQuestion) and any(p.why for p in question.pairs):
                notes.append(
                    (
                        question.id,
                        "the pairs' explanations are in the general feedback (GIFT matching "
                        "has no feedback per pair)",
                    )
                )
    return notes


FORMAT = Format(
    name="gift",
    title="Moodle GIFT",
    suffix=".gift",
    read=read,
    write=write,
    exports=frozenset({"choice", "true-false", "short-answer", "numeric", "matching"}),
    refuse=refuse,
    cases="parts",
    why_not={
        "ordering": "GIFT has no ordering question (Moodle 4.4's '{>N ...}' extension reads "
        "as a short answer in older Moodle and in other GIFT readers)",
    },
    notes=export_notes,
)
