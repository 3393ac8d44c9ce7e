"""The self-check quiz's view: a page's questions numbered, lettered and linked, and its filters.

Questions of every type: multiple choice keeps its options here; each other type's static
form, key and widget data come from :mod:`generator.site.widgets.question_markup` (the
markup contract). A case study's questions are numbered with the others and carry their
case study (:class:`CaseView`: the scenario shown once, before the first of them).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.assets.catalog import Catalog
from generator.content.model import (
    DIFFICULTIES,
    NO_EXPLANATION,
    Answerable,
    CaseStudy,
    Question,
    ScenarioTable,
)
from generator.site.layout import Site, page_url
from generator.site.widgets.question_markup import TypeView, type_view

# Ends the id of the heading that starts each question's stem (see QuestionView.stem_anchor).
STEM_SUFFIX = "-stem"

def letter(index: int) -> str:
    """Letter of the ``index``-th option: 0 -> A, 25 -> Z, 26 -> AA."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text

def choose_label(choose: int, catalog: Catalog) -> str:
    """What the learner is told to do: 'Choose one.' or 'Choose two.' (in words up to six)."""
    # One string looked up per question (not all seven): it is asked for thousands of times.
    match choose:
        case 1:
            return catalog.t("quiz.choose_1")
        case 2:
            return catalog.t("quiz.choose_2")
        case 3:
            return catalog.t("quiz.choose_3")
        case 4:
            return catalog.t("quiz.choose_4")
        case 5:
            return catalog.t("quiz.choose_5")
        case 6:
            return catalog.t("quiz.choose_6")
    return catalog.t("quiz.choose_many", count=choose)


def difficulty_label(difficulty: str, catalog: Catalog) -> str:
    """A difficulty as the quiz names it: 'Easy'."""
    match difficulty:
        case "easy":
            return catalog.t("quiz.easy")
        case "medium":
            return catalog.t("quiz.medium")
        case "hard":
            return catalog.t("quiz.hard")
    return difficulty


@dataclass(frozen=True)
class OptionView:
    """An option as shown: letter in authored order, text, and its explanation."""

    index: int
    letter: str
    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class CaseView:
    """A case study as a page shows it: its scenario once, then its questions."""

    id: str
    title: str | None
    scenario: str
    table: ScenarioTable | None
    parts: int
    """How many questions the case study holds."""
    indexed: bool = False
    """Whether search indexes the scenario here: on the page of its main topic only."""

    @property
    def anchor(self) -> str:
        """Id of the case study's block on its page."""
        return f"case-{self.id}"


@dataclass(frozen=True)
class QuestionView:
    """A question as shown on a page, numbered within that page."""

    number: int
    question: Answerable
    options: list[OptionView]
    """Multiple choice: its options (empty for the other types)."""
    answer: str
    choose_label: str
    """What the learner is asked to do: 'Choose one.', 'Put the 4 items in order.'..."""
    topics: list[tuple[str, str]]
    difficulty: str = ""
    """The difficulty's name in the site's language, or "" when it is not rated."""
    indexed: bool = False
    """Whether search indexes the stem here: only on the page of its main (first) topic."""
    kind: TypeView | None = None
    """The type's view (static form, key, data); None for multiple choice."""
    case: CaseView | None = None
    """The case study this question belongs to, if any."""
    part: int = 0
    """Its number within the case study (1-based), 0 outside one."""
    case_first: bool = False
    """Whether the case study's block (and scenario) opens before this question."""
    case_last: bool = False
    """Whether the case study's block closes after this question."""

    @property
    def anchor(self) -> str:
        """Id of the question on its page."""
        return f"q-{self.question.id}"

    @property
    def stem_anchor(self) -> str:
        """Id of the heading that starts the question's stem: where a search hit lands."""
        return f"q-{self.question.id}{STEM_SUFFIX}"


def _case_view(site: Site, case: CaseStudy, page_path: str) -> CaseView:
    return CaseView(
        id=case.id,
        title=case.title,
        scenario=case.scenario,
        table=case.table,
        parts=len(case.questions),
        indexed=site.topic_pages.get(case.topics[0]) == page_path,
    )


def question_views(
    site: Site, questions: list[Answerable], page_path: str
) -> list[QuestionView]:
    """Number a page's questions and resolve their letters, types, case studies and links.

    A case study's questions are expected together and in order (as
    :meth:`~generator.site.layout.Site.questions_for` and ``DomainContent.questions`` give
    them).
    """
    views = []
    cases: dict[str, CaseView] = {}
    for number, question in enumerate(questions, start=1):
        options: list[OptionView] = []
        kind = type_view(question, site.catalog)
        if isinstance(question, Question):
            options = [
                OptionView(i, letter(i), o.text, o.correct, o.why or NO_EXPLANATION)
                for i, o in enumerate(question.options)
            ]
            answer = ", ".join(o.letter for o in options if o.correct)
            label = choose_label(question.choose, site.catalog)
        else:
            assert kind is not None
            answer, label = kind.answer, kind.instruction
        topics = [
            (site.topic_titles[t], page_url(page_path, site.topic_pages[t], site.directory_urls))
            for t in question.topics
            if t in site.topic_pages
        ]
        case, part = None, 0
        if question.case is not None:
            whole = question.case
            if whole.id not in cases:
                cases[whole.id] = _case_view(site, whole, page_path)
            case = cases[whole.id]
            part = next(i for i, p in enumerate(whole.questions, start=1) if p.id == question.id)
        views.append(
            QuestionView(
                number=number,
                question=question,
                options=options,
                answer=answer,
                choose_label=label,
                topics=topics,
                difficulty=difficulty_label(question.difficulty, site.catalog)
                if question.difficulty
                else "",
                indexed=site.topic_pages.get(question.topics[0]) == page_path,
                kind=kind,
                case=case,
                part=part,
                case_first=case is not None and part == 1,
                case_last=case is not None and part == case.parts,
            )
        )
    return views


@dataclass(frozen=True)
class QuizFilters:
    """What a long quiz's filters offer: its questions' topics and difficulties."""

    count: int
    """How many questions the quiz holds."""
    topics: list[tuple[str, str]]
    """(id, title) of each topic the questions review, in order of first use."""
    levels: list[tuple[str, str]]
    """(value, name) of the difficulties the questions have, easiest first."""


def quiz_filters(site: Site, views: list[QuestionView]) -> QuizFilters:
    """The filters of a quiz of ``views``: a choice is offered only where there are two."""
    topics: dict[str, str] = {}
    for view in views:
        for topic in view.question.topics:
            if topic in site.topic_pages:
                topics.setdefault(topic, site.topic_titles[topic])
    used = {view.question.difficulty for view in views}
    levels: list[tuple[str, str]] = [
        (d, difficulty_label(d, site.catalog)) for d in DIFFICULTIES if d in used
    ]
    return QuizFilters(
        count=len(views),
        topics=list(topics.items()) if len(topics) > 1 else [],
        levels=levels if len(levels) > 1 else [],
    )
