"""The site's FSRS scheduler (generator/assets/js/schedule/fsrs.js) beside the reference, py-fsrs.

Review histories are made while py-fsrs (PyPI ``fsrs``, pinned to 6.3.2 in the test extra)
schedules them, then replayed in one ``node`` run through fsrs.js, loaded as a classic script
as a ``<script>`` tag runs it. Why 6.3.2 exactly: 6.3.0 and 6.3.1 let a same-day Hard lower
stability (only Good and Easy had the ``max(SInc, 1)`` clamp); 6.3.2 clamps Hard too, as
ts-fsrs does, and fsrs.js follows 6.3.2.

Times are whole milliseconds on both sides: ``(dt - EPOCH) // 1 ms`` and back, never floats.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import fsrs.scheduler as fsrs_scheduler
from fsrs import Card, Rating, Scheduler, State

from tests.support.project import ROOT

FSRS_JS = ROOT / "generator" / "assets" / "js" / "schedule" / "fsrs.js"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MS = timedelta(milliseconds=1)
MINUTE = 60_000
HOUR = 60 * MINUTE
DAY = 24 * HOUR
REL_TOL = 1e-6
"""Stability and difficulty agree within this relative error (the issue's tolerance)."""

# Loads the script like a <script> tag (the page's StudySite namespace made first, as mount.js
# does), then replays every history of the JSON on stdin and reviews the loose cards.
DRIVER = r"""
const fs = require("fs"), vm = require("vm");
globalThis.StudySite = {};
vm.runInThisContext(fs.readFileSync(process.argv[1], "utf8"), {filename: process.argv[1]});
const F = globalThis.StudySite.fsrs;
if (!F) { console.error("StudySite.fsrs not defined"); process.exit(2); }
const input = JSON.parse(fs.readFileSync(0, "utf8"), (k, v) => v === "__NaN__" ? NaN : v);
const histories = input.histories.map((h) => {
  let card = F.createCard(h.created);
  return h.reviews.map((rv) => {
    const opts = Object.assign({}, h.opts, rv.fuzz == null ? {} : {fuzz: rv.fuzz});
    const row = {r: F.retrievability(card, rv.t, opts)};
    if (h.preview) row.iv = F.nextIntervals(card, rv.t, opts);
    let res;
    try { res = F.review(card, rv.rating, rv.t, opts); }
    catch (e) { row.error = String(e); return row; }
    card = res.card;
    Object.assign(row, {state: card.state, step: card.step, s: card.stability, d: card.difficulty,
      due: card.due, last: card.lastReview, log: res.log,
      json: JSON.stringify(card) === JSON.stringify(JSON.parse(JSON.stringify(card)))});
    return row;
  });
});
const cards = (input.cards || []).map((q) => {
  try { return {ok: F.review(q.card, q.rating, q.t, q.opts).card}; }
  catch (e) { return {error: String(e)}; }
});
process.stdout.write(JSON.stringify({histories, cards}));
"""


def ms(moment: datetime) -> int:
    """A UTC datetime as whole ms since 1970."""
    return (moment - EPOCH) // MS


def dt(t: int) -> datetime:
    """Whole ms since 1970 as a UTC datetime (py-fsrs wants timezone-aware UTC)."""
    return EPOCH + timedelta(milliseconds=t)


@dataclass(frozen=True)
class Config:
    """Scheduler settings shared by both sides."""

    learning: tuple[int, ...]
    relearning: tuple[int, ...]
    max_interval: int


ISSUE30 = Config((10 * MINUTE,), (10 * MINUTE,), 36500)
"""The issue's settings: learning and relearning steps of 10 minutes, 36,500 days at most."""
CONFIGS = {
    "issue30": ISSUE30,
    # Variants that reach the other branches of the same code.
    "py-default-steps": Config((MINUTE, 10 * MINUTE), (10 * MINUTE,), 36500),
    "three-steps": Config((MINUTE, 10 * MINUTE, HOUR), (10 * MINUTE, HOUR), 36500),
    "no-steps": Config((), (), 36500),
    "max-interval-100": Config((10 * MINUTE,), (10 * MINUTE,), 100),
}
RETENTIONS = (0.9,) * 6 + (0.7, 0.75, 0.8, 0.85, 0.95, 0.97)


def scheduler(
    config: Config, retention: float, *, fuzz: bool = False, w: Sequence[float] | None = None
) -> Scheduler:
    """py-fsrs's scheduler with every argument given (its own defaults differ: fuzz on, 2 steps)."""
    return Scheduler(
        parameters=tuple(w) if w else fsrs_scheduler.DEFAULT_PARAMETERS,
        desired_retention=retention,
        learning_steps=tuple(timedelta(milliseconds=x) for x in config.learning),
        relearning_steps=tuple(timedelta(milliseconds=x) for x in config.relearning),
        maximum_interval=config.max_interval,
        enable_fuzzing=fuzz,
    )


def js_opts(config: Config, retention: float, w: Sequence[float] | None = None) -> dict[str, Any]:
    """fsrs.js's options for the same settings."""
    opts: dict[str, Any] = {
        "retention": retention,
        "learningSteps": list(config.learning),
        "relearningSteps": list(config.relearning),
        "maxInterval": config.max_interval,
    }
    if w:
        opts["w"] = list(w)
    return opts


@contextmanager
def fuzz_value(u: float | None) -> Iterator[None]:
    """py-fsrs's fuzz drawing ``u`` (fsrs.js takes the same u as its ``fuzz`` option)."""
    if u is None:
        yield
        return
    saved = getattr(fsrs_scheduler, "random")  # noqa: B009 (not in the module's __all__)
    setattr(fsrs_scheduler, "random", lambda: u)  # noqa: B010
    try:
        yield
    finally:
        setattr(fsrs_scheduler, "random", saved)  # noqa: B010


GAP_KINDS = (
    "seconds", "minutes", "hours", "day-boundary", "days", "months",
    "before-due", "at-due", "after-due", "years",
)  # fmt: skip
GAP_WEIGHTS = (6, 10, 8, 6, 18, 10, 16, 12, 12, 2)


def next_gap(rng: random.Random, due: int, now: int, kind: str) -> int:
    """The time to the next review, of one kind."""
    to_due = max(0, due - now)
    gaps = {
        "seconds": lambda: rng.randint(0, 2 * MINUTE),
        "minutes": lambda: rng.randint(MINUTE, 180 * MINUTE),
        "hours": lambda: rng.randint(3 * HOUR, DAY - 1),
        # Either side of py-fsrs's same-day test, (review - last review).days < 1.
        "day-boundary": lambda: DAY + rng.choice([-1, 0, 1, rng.randint(-HOUR, HOUR)]),
        "days": lambda: rng.randint(DAY, 30 * DAY),
        "months": lambda: rng.randint(30 * DAY, 200 * DAY),
        "before-due": lambda: int((due - now) * rng.uniform(0.02, 0.98)) if due > now else 0,
        "at-due": lambda: to_due,
        "after-due": lambda: to_due + int(max(to_due, DAY) * rng.uniform(0, 2)),
        "years": lambda: rng.randint(365 * DAY, 12 * 365 * DAY),
    }
    return gaps[kind]()


@dataclass
class Expected:
    """What py-fsrs gave for one review, and what kind of review it was."""

    state: int
    step: int | None
    s: float
    d: float
    due: int
    last: int
    r: float
    intervals: list[int] | None
    rating: int
    from_state: int
    same_day: bool
    before_due: bool
    raw_days: float | None
    """The interval before rounding, for a card that ends in Review."""


def _rating(rng: random.Random, kind: str) -> int:
    weights = {
        "easy-streak": (1, 1, 3, 12),
        "good-streak": (1, 1, 12, 2),
        "lapses": (6, 3, 4, 1),
    }.get(kind, (20, 15, 50, 15))
    return rng.choices((1, 2, 3, 4), weights)[0]


def make_histories(rng: random.Random, n: int) -> tuple[list[dict[str, Any]], list[list[Expected]]]:
    """``n`` random histories (fsrs.js's input) and py-fsrs's result for each review.

    70% use the issue's settings with the default parameters; the rest spread over the
    variants of :data:`CONFIGS`, half of them with random parameters within py-fsrs's bounds.
    Retention is 0.9 in half of them, else 0.7 to 0.97. One history in six has fuzz on, py-fsrs
    drawing the history's u; one in four checks the four ratings' intervals before each review.
    """
    histories: list[dict[str, Any]] = []
    expected: list[list[Expected]] = []
    for i in range(n):
        name = "issue30" if i < n * 0.7 else rng.choice(list(CONFIGS))
        config = CONFIGS[name]
        retention = rng.choice(RETENTIONS)
        fuzz = i % 6 == 5
        kind = rng.choice(["mixed"] * 6 + ["easy-streak", "good-streak", "lapses"])
        created = rng.randint(
            ms(datetime(2020, 1, 1, tzinfo=UTC)), ms(datetime(2027, 1, 1, tzinfo=UTC))
        )
        w = None
        if i >= n * 0.7 and i % 2:
            bounds = zip(
                fsrs_scheduler.LOWER_BOUNDS_PARAMETERS,
                fsrs_scheduler.UPPER_BOUNDS_PARAMETERS,
                strict=True,
            )
            w = [rng.uniform(lo, hi) for lo, hi in bounds]
            name += "+random-w"
        sched = scheduler(config, retention, fuzz=fuzz, w=w)
        card = Card(card_id=i + 1, due=dt(created))  # card_id given: Card() sleeps without one
        now = created
        reviews: list[dict[str, Any]] = []
        rows: list[Expected] = []
        for j in range(rng.randint(1, 45)):
            if j:
                if kind.endswith("streak"):
                    gap = rng.choice(["at-due", "after-due", "at-due", "before-due", "seconds"])
                else:
                    gap = rng.choices(GAP_KINDS, GAP_WEIGHTS)[0]
                now += next_gap(rng, ms(card.due), now, gap)
            rating = _rating(rng, kind)
            u = rng.random() if fuzz else None
            r_before = sched.get_card_retrievability(card, dt(now))
            intervals = None
            if i % 4 == 0:
                intervals = []
                for g in Rating:
                    with fuzz_value(u):
                        other, _ = sched.review_card(card, g, dt(now))
                    assert other.last_review is not None
                    intervals.append(ms(other.due) - ms(other.last_review))
            before = card
            with fuzz_value(u):
                card, _ = sched.review_card(card, Rating(rating), dt(now))
            raw = None
            if card.state == State.Review and card.stability is not None:
                raw = (card.stability / sched._FACTOR) * (
                    sched.desired_retention ** (1 / sched._DECAY) - 1
                )
            assert card.stability is not None and card.difficulty is not None
            assert card.last_review is not None
            rows.append(
                Expected(
                    state=int(card.state),
                    step=card.step,
                    s=card.stability,
                    d=card.difficulty,
                    due=ms(card.due),
                    last=ms(card.last_review),
                    r=r_before,
                    intervals=intervals,
                    rating=rating,
                    from_state=int(before.state),
                    same_day=before.last_review is not None
                    and (dt(now) - before.last_review).days < 1,
                    before_due=now < ms(before.due),
                    raw_days=raw,
                )
            )
            reviews.append({"t": now, "rating": rating, **({"fuzz": u} if fuzz else {})})
        histories.append(
            {
                "created": created,
                "opts": js_opts(config, retention, w),
                "reviews": reviews,
                "preview": i % 4 == 0,
                "config": name,
                "retention": retention,
            }
        )
        expected.append(rows)
    return histories, expected


def run_node(js_path: Path, payload: dict[str, Any]) -> dict[str, Any]:
    """The driver's output for ``payload`` with the script at ``js_path``."""
    node = shutil.which("node")
    assert node, "node is needed (tests/run.sh installs npm, which brings it)"
    done = subprocess.run(
        [node, "-e", DRIVER, str(js_path)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def rel(a: float, b: float) -> float:
    """The relative error of ``a`` against ``b``."""
    return abs(a - b) / max(abs(b), 1e-300)


@dataclass
class Comparison:
    """The comparison's figures and every disagreement found."""

    reviews: int = 0
    max_rel_s: float = 0.0
    max_rel_d: float = 0.0
    max_abs_r: float = 0.0
    bit_equal_s: int = 0
    bit_equal_d: int = 0
    intervals_checked: int = 0
    failures: list[str] = field(default_factory=list)
    coverage: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, yes: bool = True) -> None:
        """Count one review of the kind ``what`` when ``yes``."""
        self.coverage[what] = self.coverage.get(what, 0) + int(yes)

    def summary(self) -> str:
        """The figures as the issue's note quotes them."""
        return (
            f"reviews {self.reviews}; max relative error S {self.max_rel_s:.3g}, "
            f"D {self.max_rel_d:.3g}; max abs error R {self.max_abs_r:.3g}; bit-equal S "
            f"{self.bit_equal_s}, D {self.bit_equal_d}; previews {self.intervals_checked}; "
            f"failures {len(self.failures)}; coverage {self.coverage}"
        )


def compare(
    histories: list[dict[str, Any]], expected: list[list[Expected]], got: list[list[dict[str, Any]]]
) -> Comparison:
    """Every review of fsrs.js against py-fsrs's: state, step, S, D, R, due, log, intervals."""
    out = Comparison()
    for h_index, (history, rows, got_rows) in enumerate(zip(histories, expected, got, strict=True)):
        max_interval = CONFIGS[history["config"].split("+")[0]].max_interval
        for j, (e, g) in enumerate(zip(rows, got_rows, strict=True)):
            out.reviews += 1
            where = f"history {h_index} review {j} ({history['config']}, {history['retention']})"
            if "error" in g:
                out.failures.append(f"{where}: fsrs.js threw {g['error']}")
                continue
            rs, rd, rr = rel(g["s"], e.s), rel(g["d"], e.d), abs(g["r"] - e.r)
            out.max_rel_s, out.max_rel_d = max(out.max_rel_s, rs), max(out.max_rel_d, rd)
            out.max_abs_r = max(out.max_abs_r, rr)
            out.bit_equal_s += g["s"] == e.s
            out.bit_equal_d += g["d"] == e.d
            if rs > REL_TOL or rd > REL_TOL or rr > REL_TOL:
                out.failures.append(f"{where}: S {g['s']}/{e.s} D {g['d']}/{e.d} R {g['r']}/{e.r}")
            if (g["due"], g["last"]) != (e.due, e.last):
                out.failures.append(
                    f"{where}: due, last {g['due']}, {g['last']} / {e.due}, {e.last}"
                )
            if (g["state"], g["step"]) != (e.state, e.step):
                out.failures.append(
                    f"{where}: state/step {g['state']}/{g['step']} / {e.state}/{e.step}"
                )
            if not g["json"] or (g["log"]["rating"], g["log"]["state"]) != (e.rating, e.from_state):
                out.failures.append(f"{where}: log or JSON round trip: {g['log']}")
            if e.intervals is not None:
                out.intervals_checked += 1
                if g.get("iv") != e.intervals:
                    out.failures.append(f"{where}: intervals {g.get('iv')} / {e.intervals}")
            out.count("same-day", e.same_day)
            out.count("before-due", e.before_due)
            out.count("to-review", e.state == State.Review and e.from_state != State.Review)
            out.count("to-relearning", e.state == State.Relearning and e.from_state == State.Review)
            out.count("in-learning", e.state == State.Learning)
            out.count("fuzzed", "fuzz" in history["reviews"][j] and e.due - e.last >= 3 * DAY)
            if e.raw_days is not None:
                out.count("max-interval", round(e.raw_days) > max_interval)
                out.count("min-1-day", round(e.raw_days) < 1)
    return out
