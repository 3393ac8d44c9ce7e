"""Cost bounded by the data (issue item 3): a valid tree of 14 or 50 questions whose two
choices always lead to the same next question (2**50 paths) builds, its page grows linearly
with the questions, every question is written once, and the widget walks it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.support.project import FIXTURES, copy_project, mkdocs_build, serve


def chain_data(target: Path, questions: int) -> Path:
    """The mini fixture with its tree replaced by a chain of ``questions`` shared questions."""
    shutil.copytree(FIXTURES / "mini", target)
    content = target / "domain-1" / "content.yml"
    raw = yaml.safe_load(content.read_text(encoding="utf-8"))
    tree = raw["trees"][0]
    ids = [f"q{i}" for i in range(questions)]
    tree["start"] = "q0"
    tree["nodes"] = [
        {
            "id": q,
            "question": f"Chain question {i + 1}?",
            "choices": [
                {"label": "Yes", "next": nxt if nxt else "gpu"},
                {"label": "No", "next": nxt if nxt else "cpu"},
            ],
        }
        for i, (q, nxt) in enumerate(zip(ids, [*ids[1:], None], strict=True))
    ]
    content.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def chain_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    sites = {}
    for questions in (14, 50):
        base = tmp_path_factory.mktemp(f"chain-{questions}")
        (base / "project").mkdir()
        project = copy_project(base / "project", chain_data(base / "data", questions))
        result = mkdocs_build(project, base / "site")
        assert result.returncode == 0, result.stderr[-3000:]
        sites[questions] = base / "site"
    return sites


def _page(site: Path) -> str:
    return (site / "domain-1" / "processors" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("questions", [14, 50])
def test_each_question_is_written_once(chain_sites: dict[int, Path], questions: int) -> None:
    soup = BeautifulSoup(_page(chain_sites[questions]), "html.parser")
    tree = soup.select_one(".ss-tree")
    assert tree is not None
    outline = [li["data-ss-tree-question"] for li in tree.select("li[data-ss-tree-question]")]
    assert sorted(outline) == sorted(f"q{i}" for i in range(questions))
    drawn = [g["data-ss-node"] for g in tree.select("svg g[data-ss-node]")]
    assert sorted(drawn) == sorted(outline)
    # The other choice into each shared question says where to go on.
    gotos = tree.select("li.ss-tree__goto a.ss-tree__goto-link")
    assert len(gotos) == 2 * (questions - 1)
    assert all(soup.find(id=a["href"][1:]) is not None for a in gotos)


def test_the_page_grows_linearly(chain_sites: dict[int, Path]) -> None:
    small, large = len(_page(chain_sites[14])), len(_page(chain_sites[50]))
    fixed = len(re.sub(r'<div class="ss-tree".*', "", _page(chain_sites[14]), flags=re.S))
    # 50/14 = 3.6 times the questions (and 2**36 times the paths): the tree's part of the
    # page grows by about that factor, not more.
    assert (large - fixed) < 4.5 * (small - fixed), (small, large, fixed)
    assert large < 2_000_000


@pytest.mark.browser
def test_the_widget_walks_the_50_question_chain(chain_sites: dict[int, Path], page: Any) -> None:
    for base in serve(chain_sites[50]):
        page.goto(base + "domain-1/processors/")
        widget = page.locator(".ss-tree--live")
        for step in range(50):
            legend = widget.locator(".ss-tree__legend")
            assert f"Chain question {step + 1}?" in legend.inner_text()
            # Alternate the choices: the path runs through "go to" boxes as well.
            widget.locator("button.ss-tree__option").nth(step % 2).click()
        assert widget.locator(".ss-tree__card").is_visible()
        assert "CPU" in widget.locator(".ss-tree__result").inner_text()
        # Every question box of the diagram is on the path; the answer box is where we are.
        assert widget.locator(".ss-diagram g[data-ss-node].ss-on").count() == 50
        here = widget.locator(".ss-diagram g.ss-diagram__node.ss-here")
        assert here.count() == 1
        assert here.get_attribute("data-ss-edge") == "q49:1"
        widget.locator(".ss-tree__crumb").nth(10).click()
        assert "Chain question 11?" in widget.locator(".ss-tree__legend").inner_text()
        assert (
            widget.locator(".ss-diagram g[data-ss-node].ss-here").get_attribute("data-ss-node")
            == "q10"
        )
