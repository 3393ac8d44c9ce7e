"""Question lints: warnings about questions a learner could answer by test-taking tricks.

Tricks instead of knowledge: a correct option given away by its length or by a word of the
stem, options that say the same thing twice, wording that breaks when options are
shuffled, an ordering item that says where it goes ("first", "then", "Step 2", "1."),
feedback that names an item or answer by its place, and a true/false stem written as a
question. Reported, never fatal.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Sequence

from generator.checks.report import Report, indexed
from generator.content.model import (
    Answerable,
    Bank,
    CaseStudy,
    MatchingQuestion,
    Node,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortAnswerQuestion,
    TrueFalseQuestion,
)
from generator.errors import Problem

LONG_RATIO = 1.5
"""The correct option is flagged when it is this many times as long as every distractor..."""
LONG_MARGIN = 20
"""...and at least this many characters longer than the longest of them."""
LONGEST_MIN_QUESTIONS = 10
"""The bank-wide share of 'longest option is correct' is judged on at least this many."""
LONGEST_Z = 2.0
"""How many standard deviations above chance that share must be to be reported."""
TYPO_RATIO = 0.8
"""Two words this alike (difflib ratio) count as the same word misspelt."""

_WORD = re.compile(r"[a-z0-9][a-z0-9-]*[a-z0-9]|[a-z0-9]")
# Function words and question words: sharing them says nothing about the answer.
_COMMON_TEXT = """
    about above after again against also among another because been before being below
    between both cannot could does doing down during each either enough every from further
    have having here into itself just least less like many more most much must need needs
    neither none only other ought over same should since some such than that their them
    then there these they this those through under until upon very want wants what when
    where whether which while whom whose will with within without would your yours choose
    following true false statement statements correct best option options answer
"""
_COMMON_WORDS = frozenset(_COMMON_TEXT.split())
_ABOVE = re.compile(r"\b(?:all|none|both|neither) of (?:the )?above\b", re.IGNORECASE)
_CHOOSE_IN_STEM = re.compile(r"\(\s*(?:choose|select)\s+\w+\s*\.?\s*\)\s*$", re.IGNORECASE)
_LETTER_COMBINATION = re.compile(
    r"(?:\b(?:[Bb]oth|[Ee]ither|[Nn]either|[Oo]nly)\s+)?"
    r"\b[A-F](?:,\s*[A-F])*,?\s+(?:and|or|nor|&)\s+[A-F]\b"
)


def _words(text: str) -> set[str]:
    """Content words of ``text``, lower case, a plural 's' dropped, backticks ignored."""
    words: set[str] = set()
    for word in _WORD.findall(text.replace("`", "").casefold()):
        if len(word) < 4 or word in _COMMON_WORDS:
            continue
        words.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return words


def _tokens(text: str) -> set[str]:
    """Words of an option, ignoring case, punctuation, short words and a plural 's'."""
    words = re.sub(r"[^a-z0-9]+", " ", text.casefold()).split()
    return {w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words if len(w) > 3}


@functools.lru_cache(maxsize=65_536)
def _alike(a: str, b: str) -> bool:
    """Whether two words are the same but for a typo (ratio at least :data:`TYPO_RATIO`)."""
    # The quick ratios are upper bounds of ratio(): most pairs of words stop there.
    matcher = difflib.SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= TYPO_RATIO
        and matcher.quick_ratio() >= TYPO_RATIO
        and matcher.ratio() >= TYPO_RATIO
    )


def _same_choice(one: set[str], other: set[str]) -> bool:
    """Whether two options differ only in word order, short words or misspellings."""
    if not one or not other:
        return False  # options of short words only ("USB", "Fan") are told apart exactly
    left, right = one - other, other - one
    return all(
        any(_alike(a, b) for b in theirs)
        for mine, theirs in ((left, right), (right, left))
        for a in mine
    )


def lint_question(report: Report, path: str, question: Question) -> None:
    """Warn about options that give the answer away or break when shuffled."""
    options = question.options
    correct = [i for i, o in enumerate(options) if o.correct]
    wrong = [i for i, o in enumerate(options) if not o.correct]
    if not correct or not wrong:
        return
    longest_wrong = max(len(options[i].text) for i in wrong)
    for i in correct:
        length = len(options[i].text)
        if length >= LONG_RATIO * longest_wrong and length - longest_wrong >= LONG_MARGIN:
            report.add(
                options[i],
                f"{path}.options[{i}].text",
                f"the correct option is {length} characters, {length / longest_wrong:.1f} times "
                f"the longest distractor ({longest_wrong}): a learner can pick it by its length "
                "alone; give the distractors the same detail or shorten it",
                "warning",
                field="text",
            )
    stem_words = _words(question.stem)
    wrong_words: set[str] = set()
    for i in wrong:
        wrong_words |= _words(options[i].text)
    for i in correct:
        giveaways = sorted((stem_words & _words(options[i].text)) - wrong_words)
        if giveaways:
            listed = ", ".join(f"'{w}'" for w in giveaways)
            report.add(
                options[i],
                f"{path}.options[{i}].text",
                f"shares {listed} with the stem and no distractor does: the word points "
                "at the answer; use it in a distractor too, or reword",
                "warning",
                field="text",
            )
    seen: list[tuple[int, set[str]]] = []
    for i, option in enumerate(options):
        tokens = _tokens(option.text)
        for j, other in seen:
            if option.text.casefold() == options[j].text.casefold():
                continue  # an exact repeat is already an error
            if _same_choice(tokens, other):
                report.add(
                    option,
                    f"{path}.options[{i}].text",
                    f"says the same as option {j} in other words ('{options[j].text}'): "
                    "each option should be a different choice",
                    "warning",
                    field="text",
                )
                break
        seen.append((i, tokens))
        above = _ABOVE.search(option.text)
        if above and question.shuffle:
            report.add(
                option,
                f"{path}.options[{i}].text",
                f"'{above.group(0)}' depends on the order of the options, but this question "
                "shuffles them: name the options it means, or set 'shuffle: false'",
                "warning",
                field="text",
            )
        for field in ("text", "why"):
            letters = _LETTER_COMBINATION.search(getattr(option, field) or "")
            if letters:
                report.add(
                    option,
                    f"{path}.options[{i}].{field}",
                    f"refers to options by letter ('{letters.group(0)}'); options are "
                    "shuffled and lettered on the page, name the options instead",
                    "warning",
                    field=field,
                )
    choose = _CHOOSE_IN_STEM.search(question.stem)
    if choose:
        report.add(
            question,
            f"{path}.stem",
            f"the stem ends with '{choose.group(0).strip()}', which the site already adds "
            f"from 'choose: {question.choose}': remove it from the stem",
            "warning",
            field="stem",
        )


def lint_bank(report: Report, questions: Sequence[Question]) -> None:
    """Warn once when the correct option is the longest far more often than chance."""
    scored = [q for q in questions if any(o.correct for o in q.options) and len(q.options) > 1]
    if len(scored) < LONGEST_MIN_QUESTIONS:
        return
    hits = 0
    expected = 0.0
    variance = 0.0
    for question in scored:
        lengths = [len(o.text) for o in question.options]
        top = max(lengths)
        longest = [i for i, n in enumerate(lengths) if n == top]
        if len(longest) == 1 and question.options[longest[0]].correct:
            hits += 1
        chance = sum(o.correct for o in question.options) / len(question.options)
        expected += chance
        variance += chance * (1 - chance)
    if hits <= expected + LONGEST_Z * variance**0.5:
        return
    first = scored[0]
    files = sorted({q.at.file for q in scored})
    where = files[0] if len(files) == 1 else os.path.commonpath(files) or first.at.file
    report.problems.append(
        Problem(
            where,
            0,
            "questions",
            f"the correct option is the longest in {hits} of {len(scored)} questions "
            f"({hits / len(scored):.0%}); chance gives about {expected:.0f} "
            f"({expected / len(scored):.0%}): learners can learn to pick the longest "
            "option, so vary which option is longest",
            "warning",
        )
    )


# An ordering item that says where it goes: a cue word at its start or numbering.
_POSITION_WORDS = (
    r"first(?:ly)?|second(?:ly)?|third(?:ly)?|then|next|finally|lastly|last|afterwards?"
    r"|after that|before that|to begin(?: with)?|begin by|start by|subsequently"
)
_POSITION_CUE = re.compile(
    rf"^\s*(?:(?P<word>{_POSITION_WORDS})\b|(?P<number>\(?\d{{1,2}}[.):]|\(?[a-j][.)]\s))"
    rf"|\b(?P<step>step\s+\d+)\b|\b(?P<late>finally|lastly|afterwards)\b",
    re.IGNORECASE,
)
# Feedback that names an item, prompt or answer by its place: pages shuffle them.
_PLACE_REFERENCE = re.compile(
    r"\b(?:(?:the\s+)?(?:first|second|third|fourth|fifth|last|previous|next)\s+"
    r"(?:item|step|prompt|answer|pair)"
    r"|(?:item|step|prompt|answer|pair)\s+(?:\d+|[A-F])\b)",
    re.IGNORECASE,
)


def lint_ordering(report: Report, path: str, question: OrderingQuestion) -> None:
    """Warn about ordering items whose text gives their position away."""
    for i, item in enumerate(question.items):
        cue = _POSITION_CUE.search(item.text)
        if cue:
            report.add(
                item,
                f"{path}.items[{i}].text",
                f"'{cue.group(0).strip()}' gives the item's place away (pages shuffle the "
                "items, and the learner is asked for the order): reword it without the cue",
                "warning",
                field="text",
            )


def _lint_places(report: Report, path: str, question: Answerable) -> None:
    """Warn about feedback that names an item, prompt or answer by number or place."""
    entries: list[tuple[Node, str]] = []
    if isinstance(question, OrderingQuestion):
        entries = [(item, f"{path}.items[{i}]") for i, item in enumerate(question.items)]
    elif isinstance(question, MatchingQuestion):
        entries = [(pair, f"{path}.pairs[{i}]") for i, pair in enumerate(question.pairs)]
    elif isinstance(question, ShortAnswerQuestion):
        entries = [
            (a, f"{path}.accept[{i}]") for i, a in enumerate(question.accept) if isinstance(a, Node)
        ]
    elif isinstance(question, NumericQuestion) and question.accept:
        entries = [(a, f"{path}.accept[{i}]") for i, a in enumerate(question.accept)]
    for node, where in entries:
        match = _PLACE_REFERENCE.search(getattr(node, "why", None) or "")
        if match:
            report.add(
                node,
                f"{where}.why",
                f"refers to a place ('{match.group(0)}'); pages shuffle the items and "
                "answers, name the thing itself instead",
                "warning",
                field="why",
            )
    if question.explanation and not isinstance(question, Question | TrueFalseQuestion):
        match = _PLACE_REFERENCE.search(question.explanation)
        if match:
            report.add(
                question,
                f"{path}.explanation",
                f"refers to a place ('{match.group(0)}'); pages shuffle the items and "
                "answers, name the thing itself instead",
                "warning",
                field="explanation",
            )


def lint_true_false(report: Report, path: str, question: TrueFalseQuestion) -> None:
    """Warn about a true/false stem written as a question: the learner judges a statement."""
    if question.stem.rstrip().endswith("?"):
        report.add(
            question,
            f"{path}.stem",
            "a true/false stem is a statement the learner judges true or false, not a "
            "question: rewrite it as a statement",
            "warning",
            field="stem",
        )


def lint_any(report: Report, path: str, question: Answerable) -> None:
    """The lints of ``question``'s type."""
    if isinstance(question, Question):
        lint_question(report, path, question)
        return
    if isinstance(question, OrderingQuestion):
        lint_ordering(report, path, question)
    elif isinstance(question, TrueFalseQuestion):
        lint_true_false(report, path, question)
    _lint_places(report, path, question)


def lint_questions(report: Report, bank: Bank) -> None:
    """Lint every question of the bank (case studies' too), then the bank as a whole."""
    for domain in bank.domains:
        for path, item in indexed(domain.items, "questions"):
            if isinstance(item, CaseStudy):
                for j, part in enumerate(item.questions):
                    lint_any(report, f"{path}.questions[{j}]", part)
            else:
                lint_any(report, path, item)
    choices = [q for d in bank.domains for q in d.questions if isinstance(q, Question)]
    lint_bank(report, choices)
