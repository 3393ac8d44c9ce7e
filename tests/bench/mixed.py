"""The mixed bank: every question type in realistic shares, at each size (issue 29).

The synthetic bank (:mod:`~tests.bench.banks`) with its questions retyped by their place in
their domain: of every 100 questions of a domain, in a fixed pattern (:data:`PATTERN`),

==================================  =====
type                                share
==================================  =====
choice, one answer                  66 %
choice, two answers (``choose: 2``)  8 %
true-false                           5 %
ordering                             4 %
matching                             4 %
numeric                              3 %
short-answer                         2 %
parts of case studies                8 %
==================================  =====

The case studies' 8 are two case studies of four questions each (a choice, a "choose two",
an ordering and a matching question after a scenario and a table). Why these shares: AWS's
current exams (MLA-C01, AIF-C01) are mostly multiple choice and multiple response, with a few
ordering, matching and case-study items; Moodle banks add true/false, numeric and short answer
in small numbers. A domain whose questions are not a multiple of 100 ends the pattern early
(a case study that would not fit whole stays choice questions).

Each retyped question keeps the synthetic question's id, topics, difficulty and texts (its
stem's paragraph, its options' texts and explanations become the items, prompts and feedback),
so the bank reads as much text as the multiple-choice bank. It is reported apart from that
bank, which the comparison with mkdocs-quiz keeps: per size, ``mkdocs build --strict`` (cold,
and the best of ``--repeat`` runs, by CPU), the site's size, and in Chromium (medians of
:data:`~tests.bench.common.BROWSER_RUNS` cold loads) the first domain's practice page from
navigation to every widget live and no long task for a second (as
:func:`~tests.bench.pages.ready_once`), and the practice exam's Start of the mock exam to its
first question painted (the next frame, as :mod:`~tests.bench.exam` measures it).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from tests.bench.common import BROWSER_RUNS, Figures, child, median, served, site_figures
from tests.bench.report import seconds
from tests.support.browsing import wait_until
from tests.support.synthetic import (
    DEFAULT_PER_TOPIC,
    DEFAULT_TOPICS_PER_DOMAIN,
    WORDS,
    dump,
    generate,
)

# libyaml's loader when PyYAML has it: the 10,000-question bank reads much faster.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MIX: tuple[tuple[str, int], ...] = (
    ("choice", 66),
    ("choose-two", 8),
    ("true-false", 5),
    ("ordering", 4),
    ("matching", 4),
    ("numeric", 3),
    ("short-answer", 2),
    ("case-study", 8),
)
"""Questions of each kind in every 100 of a domain (a case study's questions count as its)."""

CASE_PARTS = ("choice", "choose-two", "ordering", "matching")
"""The kinds of a case study's questions, in order."""
CASE_AT = (20, 70)
"""Where in each 100 a case study starts (two of four questions: :data:`MIX`'s 8)."""
BLOCK = 100


def _pattern() -> tuple[str, ...]:
    """The kinds of 100 consecutive questions: the case studies at :data:`CASE_AT`, the other
    kinds spread evenly between them (smooth weighted round robin: exact counts)."""
    spread = [(kind, share) for kind, share in MIX if kind != "case-study"]
    total = sum(share for _, share in spread)
    credit = dict.fromkeys((kind for kind, _ in spread), 0)
    kinds: list[str] = []
    for _ in range(total):
        for kind, share in spread:
            credit[kind] += share
        pick = max(credit, key=lambda kind: credit[kind])
        credit[pick] -= total
        kinds.append(pick)
    for at in CASE_AT:
        kinds[at:at] = ["case-study"] * len(CASE_PARTS)
    assert len(kinds) == BLOCK
    return tuple(kinds)


PATTERN = _pattern()


# ---- the bank -----------------------------------------------------------------------------


def _paragraph(question: dict[str, Any]) -> str:
    """A synthetic stem without its closing question ("Which approach fits best? (id)")."""
    return str(question["stem"]).rsplit(" Which ", 1)[0]


def _phrases(rng: random.Random, count: int, taken: set[str]) -> list[str]:
    """``count`` short phrases, each unlike ``taken`` and the others (case-insensitively)."""
    out: list[str] = []
    while len(out) < count:
        phrase = " ".join(rng.sample(WORDS, 2)).capitalize()
        if phrase.casefold() not in taken:
            taken.add(phrase.casefold())
            out.append(phrase)
    return out


def _retype(q: dict[str, Any], kind: str, part: bool = False) -> dict[str, Any]:
    """The synthetic choice question ``q`` as a question of ``kind`` (same id and texts)."""
    rng = random.Random(q["id"])
    head = {k: q[k] for k in ("id", "topics", "difficulty") if k in q}
    if part:
        head.pop("topics", None)  # a case study's part takes the case study's topics
    options = [dict(o) for o in q["options"]]
    texts = {str(o["text"]).casefold() for o in options}
    text, qid = _paragraph(q), q["id"]
    if kind in ("choice", "choose-two"):
        for o in options:
            o.pop("correct", None)
        if kind == "choose-two":
            if len(options) < 5:
                options.append({"text": _phrases(rng, 1, texts)[0], "why": options[0]["why"]})
            for o in options[:2]:
                o["correct"] = True
            rng.shuffle(options)
            return {
                **head,
                "stem": f"{text} Which two approaches fit? ({qid})",
                "choose": 2,
                "options": options,
            }
        options = options[:4]
        options[rng.randrange(4)]["correct"] = True
        return {**head, "stem": f"{text} Which approach fits best? ({qid})", "options": options}
    if kind == "true-false":
        statement = f"{text} The {options[0]['text']} approach fits this case. ({qid})"
        return {
            **head,
            "type": "true-false",
            "stem": statement,
            "answer": bool(options[0].get("correct")),
            "explanation": options[0]["why"],
        }
    if kind == "ordering":
        items = [{"text": o["text"], "why": o["why"]} for o in options[:4]]
        return {
            **head,
            "type": "ordering",
            "stem": f"{text} Put these steps in order. ({qid})",
            "items": items,
        }
    if kind == "matching":
        answers = _phrases(rng, 4, texts)
        pairs = [
            {"prompt": o["text"], "answer": a, "why": o["why"]}
            for o, a in zip(options[:3], answers, strict=False)
        ]
        return {
            **head,
            "type": "matching",
            "stem": f"{text} Match each to its use. ({qid})",
            "pairs": pairs,
            "distractors": answers[3:],
        }
    if kind == "numeric":
        value = rng.choice((5, 20, 50, 100, 250, 1000))
        number: dict[str, Any] = (
            {"answer": value, "tolerance": value // 10}
            if rng.random() < 0.5
            else {"range": [value, value * 2]}
        )
        return {
            **head,
            "type": "numeric",
            "stem": f"{text} What latency fits, in ms? ({qid})",
            **number,
            "unit": "ms",
            "explanation": options[0]["why"],
        }
    if kind == "short-answer":
        right = next(o for o in options if o.get("correct"))
        accept = [right["text"], {"text": _phrases(rng, 1, texts)[0], "why": right["why"]}]
        return {
            **head,
            "type": "short-answer",
            "stem": f"{text} Which approach fits? ({qid})",
            "accept": accept,
            "explanation": right["why"],
        }
    raise ValueError(f"no question kind {kind!r}")


def _case(questions: list[dict[str, Any]]) -> dict[str, Any]:
    """A case study of ``questions`` (the first one's paragraph as the scenario)."""
    first = questions[0]
    rng = random.Random(f"{first['id']}-case")
    rows = [[o["text"], rng.choice((5, 20, 50, 100, 250))] for o in first["options"][:4]]
    return {
        "id": f"{first['id']}-case",
        "type": "case-study",
        "topics": first["topics"][:1],
        "title": " ".join(rng.sample(WORDS, 3)).capitalize(),
        "scenario": _paragraph(first),
        "table": {"columns": ["Approach", "Latency (ms)"], "rows": rows},
        "questions": [
            _retype(q, kind, part=True) for q, kind in zip(questions, CASE_PARTS, strict=True)
        ],
    }


def retype_domain(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A domain's synthetic questions retyped by place, in :data:`PATTERN`."""
    out: list[dict[str, Any]] = []
    i = 0
    while i < len(questions):
        kind = PATTERN[i % BLOCK]
        if kind == "case-study":
            parts = len(CASE_PARTS)
            run = questions[i : i + parts]
            if (i % BLOCK) in CASE_AT and len(run) == parts:
                out.append(_case(run))
                i += parts
                continue
            kind = "choice"  # a case study that would not fit whole
        out.append(_retype(questions[i], kind))
        i += 1
    return out


RESPONSE_TYPES = [
    {"name": "Multiple choice", "description": "one right answer out of four"},
    {"name": "Multiple response", "description": "two right answers out of five"},
    {"name": "Ordering", "description": "steps put in order"},
    {"name": "Matching", "description": "prompts paired with answers"},
    {"name": "Case study", "description": "a scenario with several questions"},
]


def write_mixed_bank(
    data: Path,
    questions: int,
    *,
    per_topic: int = DEFAULT_PER_TOPIC,
    topics_per_domain: int = DEFAULT_TOPICS_PER_DOMAIN,
) -> Figures:
    """Write the mixed bank of ``questions`` questions into ``data``; its shape and kinds."""
    summary = generate(data, questions, per_topic=per_topic, topics_per_domain=topics_per_domain)
    exam = yaml.load((data / "exam.yml").read_text(encoding="utf-8"), Loader=_Loader)
    exam["response_types"] = RESPONSE_TYPES
    (data / "exam.yml").write_text(dump(exam), encoding="utf-8")
    for path in sorted(data.glob("domain-*/questions.yml")):
        found = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        path.write_text(dump({"questions": retype_domain(found["questions"])}), encoding="utf-8")
    return {
        "questions": questions,
        "domains": summary.shape.domains,
        "topics": summary.shape.topics,
        "kinds": dict(sorted(count_kinds(data).items())),
    }


def _kind(question: Any) -> str:
    if question.type == "choice":
        return "choice" if question.choose == 1 else "choose-two"
    return str(question.type)


def count_kinds(data: Path) -> Counter[str]:
    """The bank's questions by kind, as :data:`MIX` names them (a case study's parts apart)."""
    from generator.content.load import load_bank
    from generator.content.model import CaseStudy

    kinds: Counter[str] = Counter()
    for content in load_bank(data).domains:
        for item in content.items:
            if isinstance(item, CaseStudy):
                kinds["case-study"] += len(item.questions)
            else:
                kinds[_kind(item)] += 1
    return kinds


# ---- the figures --------------------------------------------------------------------------

# The first domain's practice page is ready when its quizzes and every type's widget are live.
READY_MIXED = (
    "!!document.querySelector('[data-ss-quiz]') && [...document.querySelectorAll("
    "'[data-ss-quiz]')].every((q) => q.classList.contains('ss-quiz--live')) && "
    "[...document.querySelectorAll('[data-ss-type]:not([data-ss-type=true-false])')]"
    ".every((q) => q.classList.contains('ss-question--live'))"
)

# Start of the mock exam to its first question in the page, and to the next frame.
_FIRST_QUESTION = """() => new Promise((done) => {
  window.__ssFirst = null;
  document.addEventListener("ss:exam-start", () => {
    const check = () => {
      if (document.querySelector("[data-ss-question]")) {
        const shown = performance.now();
        requestAnimationFrame(() => { window.__ssFirst = [shown, performance.now()]; });
      } else requestAnimationFrame(check);
    };
    check();
  }, {once: true});
  done();
})"""


def exam_start(browser: Any, url: str) -> Figures:
    """Start of the mock exam to its first question, in the page and painted (medians)."""
    shown: list[float] = []
    painted: list[float] = []
    for _ in range(BROWSER_RUNS):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{url}exam/", wait_until="networkidle")
        page.wait_for_selector("[data-ss-exam-page][data-ss-ready]")
        page.evaluate(_FIRST_QUESTION)
        page.get_by_role("button", name="Start the mock exam").click()
        wait_until(page, "() => window.__ssFirst !== null", timeout=60_000)
        start = page.evaluate("() => performance.getEntriesByName('ss-exam-start')[0].startTime")
        first, frame = page.evaluate("() => window.__ssFirst")
        shown.append(float(first) - float(start))
        painted.append(float(frame) - float(start))
        context.close()
    return {"first_question_ms": median(shown), "first_question_frame_ms": median(painted)}


def _browser_figures(site: Path) -> Figures:
    from playwright.sync_api import sync_playwright

    from generator.publishing.chromium import CHROMIUM, CHROMIUM_ARGS
    from tests.bench.pages import measure_ready

    page = site / "domain-1" / "questions" / "index.html"
    out: Figures = {
        "practice_questions": page.read_text(encoding="utf-8").count("data-ss-question=")
    }
    with sync_playwright() as playwright, served(site) as url:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = {"practice": (url + "domain-1/questions/", READY_MIXED)}
        out["practice_ready"] = measure_ready(browser, pages, BROWSER_RUNS)["practice"]
        out["exam"] = exam_start(browser, url)
        browser.close()
    return out


def measure_mixed_size(questions: int, work: Path, repeat: int, browser: bool) -> Figures:
    """The mixed bank of ``questions`` questions: built, measured, in ``work``."""
    from tests.support.project import copy_project

    data = work / "data"
    figures = write_mixed_bank(data, questions)
    kinds = ", ".join(f"{kind} {n:,}" for kind, n in sorted(figures["kinds"].items()))
    print(f"\n== Mixed bank, {questions:,} questions: {kinds}", flush=True)
    project = work / "project"
    project.mkdir()
    copy_project(project, data)
    site = work / "site"
    figures["mkdocs_first"] = child(["mkdocs", str(project), str(site)], project)
    warm = [child(["mkdocs", str(project), str(site)], project) for _ in range(repeat)]
    figures["mkdocs"] = min(warm, key=lambda run: run["build_cpu"])
    figures["html_pages"] = sum(1 for _ in site.rglob("*.html"))
    figures.update(site_figures(site))
    if browser:
        figures["browser"] = _browser_figures(site)
    figures["site"] = str(site)
    for line in _lines(figures):
        print(line, flush=True)
    return figures


def measure_mixed(work: Path, sizes: list[int], repeat: int, browser: bool) -> Figures:
    """The mixed bank at each size (reported apart from the multiple-choice bank)."""
    figures = []
    for questions in sizes:
        folder = work / f"mixed-{questions}"
        folder.mkdir(parents=True)
        figures.append(measure_mixed_size(questions, folder, repeat, browser))
    return {"mix": dict(MIX), "case_parts": list(CASE_PARTS), "sizes": figures}


# ---- the report -----------------------------------------------------------------------------


def _build(run: Figures) -> str:
    return f"{run['process_wall']:.1f} s / {run['process_cpu']:.1f} s"


def _rows(f: Figures) -> Iterator[tuple[str, str]]:
    yield "`mkdocs build --strict`, first (wall / CPU)", _build(f["mkdocs_first"])
    yield "`mkdocs build --strict`, best run (wall / CPU)", _build(f["mkdocs"])
    yield "Site", f"{f['site_mib']:.1f} MiB, {f['html_pages']:,} HTML pages"
    yield "search/search_index.json", f"{f['search_index'] / 2**20:.1f} MiB"
    page = f.get("browser")
    if page:
        yield (
            f"Practice page ({page['practice_questions']:,} questions): navigation -> ready",
            seconds(page["practice_ready"]["median"]),
        )
        yield (
            "Practice exam: Start -> first question painted",
            seconds(page["exam"]["first_question_frame_ms"]),
        )


def _lines(f: Figures) -> list[str]:
    return [f"{label}: {value}" for label, value in _rows(f)]


def mixed_markdown(mixed: Figures) -> str:
    """The mixed bank's figures by size, as a Markdown table with its shares."""
    sizes = mixed["sizes"]
    shares = ", ".join(f"{kind} {share}%" for kind, share in mixed["mix"].items())
    lines = [
        f"Every question type, of every 100 questions: {shares} (case studies of 4 "
        f"questions: {', '.join(mixed['case_parts'])}); medians of {BROWSER_RUNS} cold loads.",
        "",
        "| Mixed bank | " + " | ".join(f"{f['questions']:,}" for f in sizes) + " |",
        "| --- |" + " ---: |" * len(sizes),
    ]
    table = [dict(_rows(f)) for f in sizes]
    for label in dict.fromkeys(label for row in table for label in row):
        lines.append(f"| {label} | " + " | ".join(row.get(label, "-") for row in table) + " |")
    return "\n".join(lines)
