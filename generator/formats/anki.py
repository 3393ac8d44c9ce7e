"""Anki: an ``.apkg`` deck (genanki) with one note per question, a deck per domain.

One note type per kind of question (each with the fields ``Id`` and ``Topics``):

- multiple choice (``Study site question``): the stem and the lettered options on the front,
  the answer and every option's explanation on the back;
- true/false (``Study site true/false``): the statement on the front, True or False and the
  explanation on the back;
- ordering (``Study site ordering``): the items in a fixed shuffle seeded by the question id
  (as the print view shows them, never in order) on the front, the right order with each
  item's explanation on the back;
- matching (``Study site matching``): the prompts and the answers offered on the front, the
  pairs with their explanations on the back;
- numeric and short answer (``Study site numeric``, ``Study site short answer``): a type-in
  card (``{{type:Answer}}``) whose ``Answer`` is the first accepted value; Anki compares
  characters and does not grade, so the back lists every accepted answer (with tolerance,
  range and unit) and their explanations.

A case study's parts are notes of their kinds whose ``Stem`` holds the scenario (and its
table) before the part's own stem, tagged ``case-<id>`` (Anki has no grouping of notes).
GUIDs come from the exam and question ids, so importing an updated export into Anki updates
the notes (and keeps the learner's review history) instead of adding copies. Tags: the exam
id, ``domain-N``, the question's topic ids, and ``case-<id>`` for a case study's part.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass
from pathlib import Path

import genanki

from generator.assets.catalog import load_catalog
from generator.content.model import (
    NO_EXPLANATION,
    Answerable,
    Bank,
    CaseStudy,
    DomainContent,
    MatchingQuestion,
    NumberAccept,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortAnswerQuestion,
    TrueFalseQuestion,
)
from generator.formats import Format
from generator.formats.gift import number_text
from generator.site.text import standalone
from generator.site.widgets.question_markup import seeded_order
from generator.site.widgets.quiz import choose_label, letter

FIELDS = ("Stem", "Options", "Choose", "Answer", "Explanations", "Explanation", "Id", "Topics")
NOTE_TYPE = "Study site question"

_FRONT = """<div class="ss-stem">{{Stem}}</div>
<ol class="ss-options" type="A">{{Options}}</ol>
<p class="ss-choose">{{Choose}}</p>"""
_BACK = """{{FrontSide}}
<hr id="answer">
<p class="ss-answer">{{Answer}}</p>
<ul class="ss-why">{{Explanations}}</ul>
{{#Explanation}}<p class="ss-explanation">{{Explanation}}</p>{{/Explanation}}"""
_CSS = """.card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left;
  max-width: 40em; margin: 0 auto; color: black; background: white; }
.nightMode .card { color: #eee; background: #222; }
.ss-options li { margin: 0.3em 0; }
.ss-choose, .ss-explanation { font-style: italic; }
.ss-answer { font-weight: bold; }"""


def stable_id(*parts: str) -> int:
    """A 31-bit id that stays the same for the same parts (Anki wants ids below 2**31)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") >> 1 | 1 << 29


def _html(text: str) -> str:
    # Anki shows fields as HTML: the site's own Markdown rendering and sanitizer, so no bank
    # text can run script in a card.
    return standalone(text)


@dataclass(frozen=True)
class Kind:
    """A note type of the deck: its name, fields and card templates."""

    name: str
    fields: tuple[str, ...]
    front: str
    back: str


_EXPLAINED = """{{#Explanation}}<p class="ss-explanation">{{Explanation}}</p>{{/Explanation}}"""
_TYPE_IN_FRONT = """<div class="ss-stem">{{Stem}}</div>
<p>{{type:Answer}} {{Unit}}</p>"""
_TYPE_IN_BACK = (
    """{{FrontSide}}
<hr id="answer">
<ul class="ss-accepted">{{Accepted}}</ul>
"""
    + _EXPLAINED
)

KINDS: dict[str, Kind] = {
    "choice": Kind(NOTE_TYPE, FIELDS, _FRONT, _BACK),
    "true-false": Kind(
        "Study site true/false",
        ("Stem", "Answer", "Explanation", "Id", "Topics"),
        """<div class="ss-stem">{{Stem}}</div>\n<p class="ss-choose">True or false?</p>""",
        """{{FrontSide}}\n<hr id="answer">\n<p class="ss-answer">{{Answer}}</p>\n""" + _EXPLAINED,
    ),
    "ordering": Kind(
        "Study site ordering",
        ("Stem", "Items", "Order", "Explanation", "Id", "Topics"),
        """<div class="ss-stem">{{Stem}}</div>\n<ul class="ss-options">{{Items}}</ul>""",
        """{{FrontSide}}\n<hr id="answer">\n<ol class="ss-why">{{Order}}</ol>\n""" + _EXPLAINED,
    ),
    "matching": Kind(
        "Study site matching",
        ("Stem", "Prompts", "Answers", "Pairs", "Explanation", "Id", "Topics"),
        """<div class="ss-stem">{{Stem}}</div>\n<ul class="ss-options">{{Prompts}}</ul>\n"""
        """<ol class="ss-options" type="A">{{Answers}}</ol>""",
        """{{FrontSide}}\n<hr id="answer">\n<ul class="ss-why">{{Pairs}}</ul>\n""" + _EXPLAINED,
    ),
    "numeric": Kind(
        "Study site numeric",
        ("Stem", "Answer", "Unit", "Accepted", "Explanation", "Id", "Topics"),
        _TYPE_IN_FRONT,
        _TYPE_IN_BACK,
    ),
    "short-answer": Kind(
        "Study site short answer",
        ("Stem", "Answer", "Unit", "Accepted", "Explanation", "Id", "Topics"),
        _TYPE_IN_FRONT,
        _TYPE_IN_BACK,
    ),
}
"""The note type of each kind of question."""


def note_type(exam_id: str, kind: str = "choice") -> genanki.Model:
    """The note type of ``kind``, with an id stable per exam and kind (re-imports match it)."""
    spec = KINDS[kind]
    parts = ("studysite-note-type", exam_id) if kind == "choice" else ("studysite", exam_id, kind)
    return genanki.Model(
        stable_id(*parts),
        spec.name,
        fields=[{"name": name} for name in spec.fields],
        templates=[{"name": "Question", "qfmt": spec.front, "afmt": spec.back}],
        css=_CSS,
    )


def _stem(question: Answerable) -> str:
    stem = _html(question.stem)
    case = question.case
    if case is None:
        return stem
    return _scenario(case) + '<hr class="ss-case">' + stem


def _scenario(case: CaseStudy) -> str:
    out = f"<p><b>{_html(case.title)}</b></p>" if case.title else ""
    out += "".join(f"<p>{_html(b)}</p>" for b in case.scenario.split("\n\n") if b.strip())
    if case.table is not None:
        head = "".join(f"<th>{_html(c)}</th>" for c in case.table.columns)
        rows = "".join(
            "<tr>" + "".join(f"<td>{_html(str(c))}</td>" for c in row) + "</tr>"
            for row in case.table.rows
        )
        out += f"<table><tr>{head}</tr>{rows}</table>"
    return out


def _number(accepted: NumberAccept) -> str:
    if accepted.range is not None:
        low, high = accepted.bounds
        return f"{number_text(low)} to {number_text(high)}"
    value = number_text(accepted.answer if accepted.answer is not None else 0)
    return f"{value} \u00b1 {number_text(accepted.tolerance)}" if accepted.tolerance else value


def _why(text: str | None) -> str:
    return f" \u2014 {_html(text)}" if text else ""


def fields_of(question: Answerable) -> list[str]:
    """The note's fields, in the order of its kind's note type."""
    tail = [_html(question.explanation or ""), question.id, " ".join(question.topics)]
    if isinstance(question, Question):
        fields = note_fields(question)
        fields[0] = _stem(question)
        return fields
    if isinstance(question, TrueFalseQuestion):
        return [_stem(question), "True" if question.answer else "False", *tail]
    if isinstance(question, OrderingQuestion):
        shown = [question.items[i] for i in seeded_order(question.id, len(question.items))]
        return [
            _stem(question),
            "".join(f"<li>{_html(i.text)}</li>" for i in shown),
            "".join(f"<li>{_html(i.text)}{_why(i.why)}</li>" for i in question.items),
            *tail,
        ]
    if isinstance(question, MatchingQuestion):
        return [
            _stem(question),
            "".join(f"<li>{_html(p.prompt)}</li>" for p in question.pairs),
            "".join(f"<li>{_html(a)}</li>" for a in question.answers),
            "".join(
                f"<li>{_html(p.prompt)} \u2192 {_html(p.answer)}{_why(p.why)}</li>"
                for p in question.pairs
            ),
            *tail,
        ]
    if isinstance(question, NumericQuestion):
        accepted = question.accepted
        first = accepted[0]
        value = first.answer if first.range is None and first.answer is not None else None
        unit = f" {_html(question.unit)}" if question.unit else ""
        return [
            _stem(question),
            number_text(value) if value is not None else _number(first),
            _html(question.unit or ""),
            "".join(f"<li>{_number(a)}{unit}{_why(a.why)}</li>" for a in accepted),
            *tail,
        ]
    if isinstance(question, ShortAnswerQuestion):
        texts = question.accepted
        return [
            _stem(question),
            texts[0].text,
            "",
            "".join(f"<li>{_html(a.text)}{_why(a.why)}</li>" for a in texts),
            *tail,
        ]
    raise TypeError(question.type)  # pragma: no cover - every answerable type is above


def note_fields(question: Question) -> list[str]:
    """The note's fields, in :data:`FIELDS` order."""
    letters = [letter(i) for i in range(len(question.options))]
    right = [i for i, o in enumerate(question.options) if o.correct]
    answer = ", ".join(letters[i] for i in right)
    texts = "; ".join(_html(question.options[i].text) for i in right)
    explanations = "".join(
        f"<li><b>{letters[i]}</b> ({'right' if o.correct else 'wrong'}): "
        f"{_html(o.why or NO_EXPLANATION)}</li>"
        for i, o in enumerate(question.options)
    )
    return [
        _html(question.stem),
        "".join(f"<li>{_html(o.text)}</li>" for o in question.options),
        _html(choose_label(question.choose, load_catalog())),
        f"Answer: {answer} ({texts})",
        explanations,
        _html(question.explanation or ""),
        question.id,
        " ".join(question.topics),
    ]


def guid(exam_id: str, question: Answerable) -> str:
    """The note's GUID: from the exam and question ids only, never from the content."""
    return str(genanki.guid_for("studysite", exam_id, question.id))


def _deck(bank: Bank, content: DomainContent, models: dict[str, genanki.Model]) -> genanki.Deck:
    domain = content.domain
    deck = genanki.Deck(
        stable_id("studysite-deck", bank.exam.id, str(domain.number)),
        f"{bank.exam.title}::Domain {domain.number}: {domain.title}",
    )
    for question in content.questions:
        case = [f"case-{question.case.id}"] if question.case is not None else []
        deck.add_note(
            genanki.Note(
                model=models[question.type],
                fields=fields_of(question),
                tags=[bank.exam.id, content.slug, *question.topics, *case],
                guid=guid(bank.exam.id, question),
            )
        )
    return deck


def write(bank: Bank) -> bytes:
    """The ``.apkg`` file: one deck per domain of ``bank``."""
    models = {kind: note_type(bank.exam.id, kind) for kind in KINDS}
    package = genanki.Package([_deck(bank, content, models) for content in bank.domains])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.apkg"
        package.write_to_file(str(path))
        return path.read_bytes()


FORMAT = Format(
    name="anki",
    title="Anki deck",
    suffix=".apkg",
    write=write,
    exports=frozenset(KINDS),
    cases="whole",
)
