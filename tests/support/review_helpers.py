"""The review schedule as storage holds it: the store's kinds "cards" and "reviews" (issue 30)."""

from __future__ import annotations

from typing import Any

from tests.support.quiz_helpers import STORE, choice, correct_indexes, open_quiz, wrong_indexes

DAY = 86_400_000
MINUTE = 60_000
FILL = """(key) => {
    // Fill this origin's storage to the last character, as other data on the origin might.
    let chunk = 'x'.repeat(1 << 20), text = '';
    while (chunk.length) {
        try { localStorage.setItem(key, text + chunk); text += chunk; }
        catch (e) { chunk = chunk.slice(0, chunk.length >> 1); }
    }
    return text.length;
}"""


def review_log(page: Any) -> dict[str, dict[str, Any]]:
    """{"cards": {id: card record}, "reviews": {"id@at": review}}, read key by key from storage."""
    return page.evaluate(  # type: ignore[no-any-return]
        """prefix => {
          const out = {cards: {}, reviews: {}};
          for (let i = 0; i < localStorage.length; i++) {
            const key = localStorage.key(i);
            if (!key.startsWith(prefix)) continue;
            const kind = key.slice(prefix.length).split(":")[0];
            if (kind in out) Object.assign(out[kind], JSON.parse(localStorage.getItem(key)));
          }
          return out;
        }""",
        STORE,
    )


def due_now(page: Any) -> list[str]:
    """The questions whose card is due at the page's clock (the log folded in, and the answers
    kept before the review log counted as reviews)."""
    return page.evaluate(  # type: ignore[no-any-return]
        """() => {
          const S = StudySite.schedule, known = S.known(), now = Date.now();
          return Object.keys(known).filter((id) => S.card(id, known[id]).due <= now).sort();
        }"""
    )


def answer_on(page: Any, question: Any, right: bool) -> str:
    """Answer ``question`` (a single-answer one) right or wrong; its id."""
    pick = correct_indexes(question)[0] if right else wrong_indexes(question)[0]
    choice(question, pick).locator("button").click()
    return str(question.get_attribute("data-ss-question"))


def single_questions(page: Any, url: str) -> list[Any]:
    """The single-answer questions of the quiz page ``url``, opened."""
    open_quiz(page, url)
    found = page.locator('.ss-question[data-ss-choose="1"]')
    return [found.nth(i) for i in range(found.count())]
