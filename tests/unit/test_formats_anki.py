"""Anki: the exported deck, imported with the official ``anki`` package, re-imported updated."""

from __future__ import annotations

import time
from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.notes import Note

from generator.commands import main
from generator.content.model import Question
from generator.formats import anki as anki_format
from tests.support.bank import exported_in
from tests.support.formats_helpers import data_copy, exported_of, questions_of


def export(data: Path, out: Path) -> Path:
    assert main(["-q", "--data", str(data), "export", "anki", "--out", str(out)]) == 0
    return out


def import_into(collection: Collection, package: Path) -> None:
    collection.import_anki_package(
        ImportAnkiPackageRequest(
            package_path=str(package),
            options=ImportAnkiPackageOptions(with_scheduling=False, with_deck_configs=False),
        )
    )


def notes_by_id(collection: Collection) -> dict[str, Note]:
    found = {}
    for note_id in collection.find_notes(""):
        note = collection.get_note(note_id)
        found[note["Id"]] = note
    return found


def test_deck_imports_into_anki_and_an_updated_export_updates_the_notes(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    originals = exported_of(data, "anki")
    collection = Collection(str(tmp_path / "collection.anki2"))
    try:
        import_into(collection, export(data, tmp_path / "first.apkg"))
        # A note per question Anki carries, of any type (case-study parts one by one).
        assert len(originals) > len(questions_of(data))
        assert collection.note_count() == len(originals)
        notes = notes_by_id(collection)
        # The seed's first question (the bank keeps the seed's five with their keys).
        first = next(q for q in originals if q.id == "d4-batch-nightly-scoring")
        assert isinstance(first, Question)
        note = notes[first.id]
        note_type = note.note_type()
        assert note_type is not None and note_type["name"] == anki_format.NOTE_TYPE
        assert note["Stem"] == first.stem
        assert note.guid == anki_format.guid("mls-c01", first)
        assert sorted(note.tags) == sorted(["domain-4", "mls-c01", *first.topics])
        for option in first.options:
            assert f"<li>{option.text}</li>" in note["Options"]
            assert option.why is not None and option.why in note["Explanations"]
        card = collection.get_card(note.card_ids()[0])
        front, back = card.question(), card.answer()
        assert first.stem in front and "Answer:" not in front
        assert "Answer: B (Batch Transform)" in back
        decks = {d.name for d in collection.decks.all_names_and_ids()}
        assert any(name.endswith("::Domain 4: ML Implementation & Operations") for name in decks)

        # Change one stem, export again, import again: same notes, that one updated.
        questions = data / "domain-4" / "questions.yml"
        text = questions.read_text(encoding="utf-8")
        assert "Each night a company has to score" in text
        questions.write_text(
            text.replace("Each night a company has to score", "Every night a firm must score"),
            encoding="utf-8",
        )
        # Anki updates a note only from a newer one, and note times are whole seconds: a
        # learner's next export comes days later, this one must at least be a second later.
        time.sleep(1.1)
        import_into(collection, export(data, tmp_path / "second.apkg"))
        assert collection.note_count() == len(originals)
        updated = notes_by_id(collection)[first.id]
        assert updated.id == note.id
        assert updated["Stem"].startswith("Every night a firm must score")
    finally:
        collection.close()


def test_note_text_is_the_sites_sanitized_html(bundled_bank) -> None:
    question = exported_in(bundled_bank, "anki")[0]
    assert isinstance(question, Question)
    hostile = question.model_copy(update={"stem": "<script>alert(1)</script> & <b>x</b>"})
    fields = anki_format.note_fields(hostile)
    assert fields[0] == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;"
    marked = question.model_copy(update={"stem": "**Bold** and [a link](javascript:alert(1))"})
    assert anki_format.note_fields(marked)[0] == (
        '<strong>Bold</strong> and <a rel="noopener noreferrer">a link</a>'
    )


def test_ids_are_stable() -> None:
    assert anki_format.stable_id("a", "b") == anki_format.stable_id("a", "b")
    assert anki_format.stable_id("a", "b") != anki_format.stable_id("a", "c")
    assert 0 < anki_format.stable_id("x") < 2**31
