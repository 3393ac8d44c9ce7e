"""Build the real site with --strict and check what a learner finds in the HTML."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.content.model import CaseStudy, Question, Topic
from tests.support.project import ROOT, mkdocs_build, mkdocs_serve

SEED = ROOT.parent / "shared" / "seed" / "mls-domain4-study-page.txt"

# Facts of the seed page that are phrases rather than single technical terms.
SEED_PHRASES = [
    "1 GB",
    "90%",
    "10%",
    "95%",
    "5%",
    "10 million",
    "9 AM",
    "13 questions",
    "750",
    "65",
    "180",
    "real-time endpoint",
    "Batch Transform",
    "Serverless Inference",
    "Asynchronous Inference",
    "production variant",
    "shadow",
    "data quality",
    "model quality",
    "bias drift",
    "feature attribution",
    "SageMaker Clarify",
    "SHAP",
    "Neo",
    "Edge Manager",
    "Greengrass",
    "Lambda",
    "script mode",
    "bring your own container",
    "pre-built",
    "target tracking",
    "step scaling",
    "scheduled scaling",
    "cool-down",
    "minimum",
    "maximum",
    "Processing",
    "Training",
    "Tuning",
    "Model Registration",
    "Transform",
    "Condition",
    "lineage",
    "parameter",
    "PendingManualApproval",
    "Approved",
    "Deployed",
    "network isolation",
    "internet gateway",
    "least privilege",
    "bucket polic",
    "execution role",
    "data capture",
    "baseline",
    "hourly",
    "daily",
    "CloudWatch alarm",
    "retrain",
    "ground truth",
    "multi-model endpoint",
    "Debugger",
    "inter-container",
    "distributed training",
    "directed acyclic graph",
    "cold start",
    "instance-hour",
    "scikit-learn",
    "data drift",
    "concept drift",
    "customer demographics",
    "traffic splitting",
    "UpdateEndpointWeightsAndCapacities",
    "chatbot",
    "nightly",
    "zero",
    "SNS",
    "Application Auto Scaling",
    "Model Registry",
    "SageMaker Pipelines",
    "edge device",
    "ARM",
    "x86",
    "GPU",
    "directory structure",
    "entry point",
    "TLS",
    "HTTPS",
    "customer managed",
    "SSE-S3",
    "SSE-KMS",
    "SSE-C",
    "training volume",
    "PrivateLink",
    "VPC endpoint",
    "fraud",
    "marketing campaign",
]
_TOKEN = re.compile(r"\b(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]{2,}[\w-]*|\w*\d[\w%]*)\b")
_NOT_FACTS = {
    "ALL",
    "NOT",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "Q5",
    "AM",
    "CD",
    "CI",
    "IDs",
    "APIs",
    "DAGs",
    "TLS-encrypted",
}


def _text(folder: Path) -> str:
    parts = []
    for html in sorted(folder.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        main = soup.select_one("article") or soup
        parts.append(main.get_text(" "))
    return " ".join(" ".join(parts).split())


@pytest.fixture(scope="module")
def site_text(built_site: Path) -> str:
    return _text(built_site)


def _t(element: object) -> str:
    """Visible text of an inline element, whitespace folded."""
    text = element.get_text("")  # type: ignore[attr-defined]
    return " ".join(text.replace("¶", "").split())


def _squash(text: str) -> str:
    text = re.sub(r"\s+([,.;:)])", r"\1", " ".join(text.split()))
    return re.sub(r"([(])\s+", r"\1", text)


def _shown_on(topics: list[Topic], kind: str, widget_id: str) -> Topic:
    """The topic whose blocks show the table or tree ``widget_id``."""
    return next(t for t in topics if any(getattr(b, kind, None) == widget_id for b in t.blocks))


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_seed_term_and_fact_is_on_the_site(site_text: str) -> None:
    if not SEED.exists():
        pytest.skip(f"seed page not found at {SEED}")
    tokens = set(_TOKEN.findall(SEED.read_text(encoding="utf-8"))) - _NOT_FACTS
    lowered = site_text.casefold()
    missing = sorted(t for t in tokens | set(SEED_PHRASES) if t.casefold() not in lowered)
    assert missing == []


def test_every_topic_table_tree_and_question_is_built(built_site: Path, bundled_bank) -> None:
    bank = bundled_bank
    for content in bank.domains:
        slug = content.slug
        for topic in content.topics:
            soup = _soup(built_site, f"{slug}/{topic.id}")
            assert soup.h1 is not None and _squash(_t(soup.h1)) == topic.title
        for table in content.tables:
            host = _shown_on(content.topics, "table", table.id)
            div = _soup(built_site, f"{slug}/{host.id}").select_one(f'[data-ss-table="{table.id}"]')
            assert div is not None, table.id
            html_table = div.find("table")
            assert html_table is not None
            headers = [_t(th) for th in html_table.select("thead th")]
            assert headers[0] == table.item_label
            rows = html_table.select("tbody tr")
            assert [_squash(_t(r.find("td"))) for r in rows] == [i.name for i in table.items]
            assert all(len(r.find_all("td")) == len(table.attributes) + 1 for r in rows)
        for tree in content.trees:
            host = _shown_on(content.topics, "tree", tree.id)
            div = _soup(built_site, f"{slug}/{host.id}").select_one(f'[data-ss-tree="{tree.id}"]')
            assert div is not None, tree.id
            outcomes = {li["data-ss-tree-outcome"] for li in div.select("[data-ss-tree-outcome]")}
            assert outcomes == {o.id for o in tree.outcomes}
        questions = _soup(built_site, f"{slug}/questions")
        # Multiple choice here; the other types: tests/build/test_question_types_build.py.
        for question in (q for q in content.questions if isinstance(q, Question)):
            section = questions.select_one(f'[data-ss-question="{question.id}"]')
            assert section is not None, question.id
            options = [_squash(_t(li)) for li in section.select("li.ss-option")]
            assert len(options) == len(question.options)
            for shown, option in zip(options, question.options, strict=True):
                assert _squash(option.text.replace("**", "").replace("`", "")) in shown
            correct = [
                li["data-ss-option"] for li in section.select("li.ss-option[data-ss-correct]")
            ]
            assert correct == [str(i) for i in question.correct_indexes]
            assert section.select_one("details.ss-answer") is not None


def test_home_shows_blueprint_honestly(built_site: Path) -> None:
    soup = _soup(built_site, ".")
    text = " ".join(soup.get_text(" ").split())
    for expected in (
        "1. Data Engineering 20%",
        "2. Exploratory Data Analysis 24%",
        "3. Modeling 36%",
        "4. Machine Learning Implementation and Operations 20%",
        "50 scored, 15 unscored",
        "180 minutes",
        "750",
    ):
        assert expected in text
    assert "Not written yet" in text
    assert not (built_site / "domain-1").exists()
    links = {a["href"] for a in soup.select("article a[href]")}
    assert "domain-4/" in links


def test_glossary_terms_are_tooltips(built_site: Path) -> None:
    soup = _soup(built_site, "domain-4/encryption")
    abbrs = {a.get_text(): str(a["title"]) for a in soup.select("article abbr[title]")}
    assert abbrs["KMS"].startswith("AWS Key Management Service")
    assert "SSE-S3" in abbrs or "S3" in abbrs


def test_topic_page_ends_with_its_self_check(built_site: Path, bundled_bank) -> None:
    bank = bundled_bank
    topic = bank.domains[0].topics[0]
    soup = _soup(built_site, f"domain-4/{topic.id}")
    heading = soup.select_one("h2#self-check")
    assert heading is not None
    ids = [s["data-ss-question"] for s in soup.select("[data-ss-question]")]
    # In bank order; a case study whole where any of its questions lists the topic.
    expected = []
    for item in bank.domains[0].items:
        parts = item.questions if isinstance(item, CaseStudy) else [item]
        if any(topic.id in q.topics for q in parts):
            expected += [q.id for q in parts]
    assert ids == expected and len(ids) >= 3


def test_yaml_edit_changes_the_next_build(project: Path, tmp_path: Path) -> None:
    first = mkdocs_build(project, tmp_path / "one")
    assert first.returncode == 0, first.stderr
    topics = project / "data" / "domain-4" / "topics.yml"
    text = topics.read_text()
    assert "title: SageMaker deployment options" in text
    topics.write_text(
        text.replace("title: SageMaker deployment options", "title: Ways to deploy a model")
    )
    second = mkdocs_build(project, tmp_path / "two")
    assert second.returncode == 0, second.stderr
    h1 = _soup(tmp_path / "two", "domain-4/deployment-options").h1
    assert h1 is not None and _t(h1) == "Ways to deploy a model"


def test_failed_check_leaves_site_and_docs_untouched(project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    docs_before = {p: p.read_bytes() for p in sorted((project / "docs").rglob("*")) if p.is_file()}
    questions = project / "data" / "domain-4" / "questions.yml"
    questions.write_text(questions.read_text().replace("choose: 2", "choose: 3", 1))
    result = mkdocs_build(project, site)
    assert result.returncode == 1
    assert "in the study data; nothing was written" in result.stderr
    assert "data/domain-4/questions.yml:" in result.stderr
    assert {p: p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()} == before
    assert {
        p: p.read_bytes() for p in sorted((project / "docs").rglob("*")) if p.is_file()
    } == docs_before


def test_rebuild_writes_only_what_changed_and_removes_stale_pages(project: Path) -> None:
    from generator.config import ORIGIN_OPTION, DataFolder
    from generator.pipeline import build

    build(DataFolder(project / "data", ORIGIN_OPTION), project / "docs")
    again = build(DataFolder(project / "data", ORIGIN_OPTION), project / "docs")
    assert again.report is not None and again.report.written == []
    topics = project / "data" / "domain-4" / "topics.yml"
    topics.write_text(
        topics.read_text().replace("  - id: containers\n", "  - id: containers-and-frameworks\n")
    )
    folder = project / "data" / "domain-4"
    for path in [*folder.glob("questions*.yml"), folder / "tables.yml", folder / "trees.yml"]:
        path.write_text(
            re.sub(r"\bcontainers\b(?!-)", "containers-and-frameworks", path.read_text())
        )
    result = build(DataFolder(project / "data", ORIGIN_OPTION), project / "docs")
    assert result.report is not None
    assert "domain-4/containers.md" in result.report.removed
    assert "domain-4/containers-and-frameworks.md" in result.report.written
    assert not (project / "docs" / "domain-4" / "containers.md").exists()
    assert (project / "docs" / ".gitkeep").exists()  # what the author wrote stays


def test_generator_runs_on_its_own(tmp_path: Path) -> None:
    import subprocess
    import sys

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "--data",
            str(data),
            "build",
            "--docs",
            str(tmp_path / "docs"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "docs" / "domain-4" / "deployment-options.md").exists()
    # Written through a private temporary file, but readable like any file the umask allows.
    for written in [*(tmp_path / "docs").rglob("*.md"), *(tmp_path / "docs").rglob("*.js")]:
        assert written.stat().st_mode & 0o044 == 0o044, written


def test_mkdocs_serve_rebuilds_when_the_yaml_changes(project: Path) -> None:
    import time
    import urllib.error
    import urllib.request

    def get(base: str, path: str) -> str:
        # MkDocs' server holds a request until a running rebuild ends (seconds on a busy machine).
        with urllib.request.urlopen(base + path, timeout=60) as response:
            return str(response.read().decode("utf-8"))

    def wait_for(text: str, base: str, path: str, what: str) -> None:
        deadline = time.monotonic() + 90
        while text not in get(base, path):
            assert time.monotonic() < deadline, f"{path} did not change after {what}"
            time.sleep(0.5)

    with mkdocs_serve(project) as base:
        assert "SageMaker deployment options" in get(base, "domain-4/deployment-options/")
        topics = project / "data" / "domain-4" / "topics.yml"
        topics.write_text(
            topics.read_text().replace(
                "title: SageMaker deployment options", "title: Ways to serve a model"
            )
        )
        wait_for("Ways to serve a model", base, "domain-4/deployment-options/", "the YAML edit")

        # A widget source is not served itself: the bundle is (test_assets.py).
        with pytest.raises(urllib.error.HTTPError, match="404"):
            get(base, "assets/js/core/quiz.js")
        assert 'register("quiz"' in get(base, "assets/studysite.min.js")
