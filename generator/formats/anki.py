"""Anki: an ``.apkg`` deck (genanki) with one note per question, a deck per domain.

The note type shows the stem and the lettered options on the front, the answer and every
option's explanation on the back. GUIDs come from the exam and question ids, so importing an
updated export into Anki updates the notes (and keeps the learner's review history) instead
of adding copies. Tags: the exam id, ``domain-N`` and the question's topic ids.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import genanki

from generator.assets.catalog import load_catalog
from generator.content.model import NO_EXPLANATION, Bank, DomainContent, Question
from generator.formats import Format
from generator.site.text import standalone
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


def note_type(exam_id: str) -> genanki.Model:
    """The note type, with an id that is stable per exam (so re-imports match it)."""
    return genanki.Model(
        stable_id("studysite-note-type", exam_id),
        NOTE_TYPE,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question", "qfmt": _FRONT, "afmt": _BACK}],
        css=_CSS,
    )


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


def guid(exam_id: str, question: Question) -> str:
    """The note's GUID: from the exam and question ids only, never from the content."""
    return str(genanki.guid_for("studysite", exam_id, question.id))


def _deck(bank: Bank, content: DomainContent, model: genanki.Model) -> genanki.Deck:
    domain = content.domain
    deck = genanki.Deck(
        stable_id("studysite-deck", bank.exam.id, str(domain.number)),
        f"{bank.exam.title}::Domain {domain.number}: {domain.title}",
    )
    for question in content.questions:
        if not isinstance(question, Question):  # exportable() left multiple choice only
            continue
        deck.add_note(
            genanki.Note(
                model=model,
                fields=note_fields(question),
                tags=[bank.exam.id, content.slug, *question.topics],
                guid=guid(bank.exam.id, question),
            )
        )
    return deck


def write(bank: Bank) -> bytes:
    """The ``.apkg`` file: one deck per domain of ``bank``."""
    model = note_type(bank.exam.id)
    package = genanki.Package([_deck(bank, content, model) for content in bank.domains])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "deck.apkg"
        package.write_to_file(str(path))
        return path.read_bytes()


FORMAT = Format(name="anki", title="Anki deck", suffix=".apkg", write=write)
