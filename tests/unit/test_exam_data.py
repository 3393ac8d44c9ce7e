"""The practice exam's plan (size, weighting, pace), pass mark, and its per-domain data scripts."""

from __future__ import annotations

from pathlib import Path

from generator.assets.catalog import load_catalog
from generator.content.load import load_bank
from generator.content.model import Exam, Question
from generator.site.widgets import exam as exam_data
from generator.site.widgets.exam_draw import Pool
from tests.support.exam_scripts import decode_script
from tests.support.project import FIXTURES

CATALOG = load_catalog()


def blueprint(**extra: object) -> Exam:
    fields: dict[str, object] = {
        "id": "x",
        "title": "X",
        "code": "X-1",
        "provider": "P",
        "questions": 65,
        "minutes": 180,
        "summary": "S",
        "domains": [
            {"number": 1, "title": "A", "weight": 20},
            {"number": 2, "title": "B", "weight": 24},
            {"number": 3, "title": "C", "weight": 36},
            {"number": 4, "title": "D", "weight": 20},
        ],
    }
    fields.update(extra)
    return Exam.model_validate(fields)


def test_a_bank_of_one_domain_scales_the_mock_exam_to_its_share_at_the_same_pace() -> None:
    plan = exam_data.mock_plan(blueprint(), {4: 41}, CATALOG)
    assert (plan.questions, plan.minutes, plan.per_domain) == (13, 36, {4: 13})
    assert plan.note == (
        "This bank covers Domain 4 only: 13 questions in 36 minutes, the same pace as the real "
        "exam (65 questions in 180 minutes)."
    )


def test_a_full_bank_draws_the_blueprint_by_weight() -> None:
    plan = exam_data.mock_plan(blueprint(), {1: 500, 2: 500, 3: 500, 4: 500}, CATALOG)
    assert (plan.questions, plan.minutes, plan.note) == (65, 180, "")
    # 65 x 20/24/36/20 % = 13, 15.6, 23.4, 13: largest remainders round 15.6 up.
    assert plan.per_domain == {1: 13, 2: 16, 3: 23, 4: 13}


def test_too_few_questions_shrink_the_exam_keeping_the_weights_never_repeating() -> None:
    plan = exam_data.mock_plan(blueprint(), {1: 500, 2: 500, 3: 9, 4: 500}, CATALOG)
    assert all(plan.per_domain[n] <= available for n, available in {3: 9}.items())
    assert plan.per_domain == {1: 5, 2: 6, 3: 9, 4: 5}
    assert plan.questions == 25
    assert plan.minutes == round(180 * 25 / 65)
    assert "fewer questions than the real exam draws from domain 3" in plan.note
    assert "the same weighting of its domains" in plan.note


def test_a_case_study_counts_as_its_questions_and_shares_are_drawn_whole() -> None:
    # Domain 4's 13 questions: 4 singles and case studies of 5 and 4 questions make 13.
    pool = Pool(singles=["a", "b", "c", "d"], cases=[("case-1", 5), ("case-2", 4)])
    plan = exam_data.mock_plan(blueprint(), {4: pool}, CATALOG)
    assert plan.per_domain == {4: 13}
    # Only case studies of 5: a share of 13 becomes the 10 two of them make up exactly.
    pool = Pool(cases=[("c1", 5), ("c2", 5), ("c3", 5)])
    plan = exam_data.mock_plan(blueprint(), {4: pool}, CATALOG)
    assert (plan.per_domain, plan.questions) == ({4: 10}, 10)


def test_the_pool_of_a_domain_holds_singles_and_whole_case_studies() -> None:
    content = load_bank(FIXTURES / "mini").domains[1]
    pool = exam_data.pool(content)
    assert pool.cases == [("case-desk", 3)]
    assert len(pool.singles) == 6 and pool.size == 9


def test_no_questions_no_mock_exam() -> None:
    plan = exam_data.mock_plan(blueprint(), {}, CATALOG)
    assert plan.questions == 0
    assert "no questions yet" in plan.note


def test_pass_mark_given_estimated_or_absent() -> None:
    assert exam_data.pass_mark(blueprint(passing_percent=70), CATALOG).percent == 70
    estimate = exam_data.pass_mark(
        blueprint(score_min=100, score_max=1000, passing_score=750), CATALOG
    )
    assert estimate.percent == 72.2
    assert "estimate" in estimate.label
    assert "not the official scale" in estimate.label
    assert exam_data.pass_mark(blueprint(), CATALOG).percent is None


def test_domain_script_holds_every_question_compactly() -> None:
    bank = load_bank(FIXTURES / "mini")
    content = bank.domains[0]
    number, data = decode_script(exam_data.domain_script(content))
    assert number == content.domain.number
    assert data["topics"] == [t.id for t in content.topics]
    assert [q[0] for q in data["q"]] == [q.id for q in content.questions]
    first, question = data["q"][0], content.questions[0]
    assert isinstance(question, Question)
    assert first[1] == question.content_hash
    assert [data["topics"][t] for t in first[2]] == question.topics
    assert first[6] == question.stem
    assert first[7] == [[o.text, o.why] for o in question.options]
    assert first[8] == question.correct_indexes


def test_exam_page_is_in_the_navigation(bundled_site) -> None:
    from generator.site.layout import nav

    items = nav(bundled_site)
    assert {"Practice exam": "exam.md"} in items


def test_quotes_backslashes_and_line_separators_survive_the_script(tmp_path: Path) -> None:
    bank = load_bank(FIXTURES / "mini")
    content = bank.domains[0]
    tricky = 'It\'s a \\ path: C:\\temp\\n, "quoted", \u2028 and </script> too'
    question = content.questions[0].model_copy(update={"stem": tricky})
    content.items[0] = question
    _, data = decode_script(exam_data.domain_script(content))
    assert data["q"][0][6] == tricky
