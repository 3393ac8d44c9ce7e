"""Write a question bank as an mkdocs-quiz project: the benchmark's side-by-side comparison.

mkdocs-quiz (https://pypi.org/project/mkdocs-quiz/) turns ``<quiz>`` blocks in Markdown into
quizzes. This writes the same bank the way its author would: one page per topic with the
topic's text (headings, prose, points, callouts) and the same self-check questions as the
topic page here, one practice page per domain with every question of the domain, each option
with its explanation as feedback, options shuffled. Tables, trees and the glossary have no
mkdocs-quiz counterpart and are left out. The configuration is this project's theme setup,
read from its ``mkdocs.yml`` (Material with the same features, palette and light/dark toggle;
only the theme overrides folder is left out), the Markdown extensions these pages use and the
same search separator, with the mkdocs-quiz plugin in place of the hook.

Run: ``python tests/support/mkdocs_quiz_bank.py DATA TARGET`` (the benchmark does it for you).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: make ``generator`` importable
    sys.path.insert(1, str(ROOT))

from generator.content.load import load_bank  # noqa: E402
from generator.content.model import Question, Topic  # noqa: E402
from generator.site.layout import Site, build_site  # noqa: E402

# Everything but the theme, which comes from the project's mkdocs.yml (theme_setup).
CONFIG = """\
site_name: mkdocs-quiz comparison
site_url: https://example.github.io/studysite/
plugins:
  - search:
      separator: '[\\s\\-,:!=\\[\\]()"/]+|\\.(?!\\d)|&[lg]t;'
  - mkdocs_quiz:
      shuffle_answers: true
      confetti: false
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
"""


class _ProjectConfigLoader(yaml.SafeLoader):
    """Reads the project's mkdocs.yml for its theme: other tags (``!ENV``, ``!!python/name``)
    are read as nothing, since only the theme is kept."""


_ProjectConfigLoader.add_constructor(None, lambda loader, node: None)


def theme_setup(project: Path = ROOT) -> dict[str, Any]:
    """The project's ``theme`` settings, without its overrides folder (the hook's pages)."""
    with (project / "mkdocs.yml").open(encoding="utf-8") as file:
        config = yaml.load(file, Loader=_ProjectConfigLoader)
    theme = dict(config["theme"])
    theme.pop("custom_dir", None)
    return theme


def config_text() -> str:
    """The comparison project's mkdocs.yml."""
    return CONFIG + yaml.safe_dump({"theme": theme_setup()}, sort_keys=False)


def _line(text: str) -> str:
    return " ".join(text.split())


def quiz(question: Question) -> str:
    """One question as an mkdocs-quiz block: stem, options with their feedback."""
    lines = ["<quiz>", question.stem.strip()]
    for option in question.options:
        lines.append(f"- [{'x' if option.correct else ' '}] {_line(option.text)}")
        if option.why:
            lines.append(f"> {_line(option.why)}")
    lines.append("</quiz>")
    return "\n".join(lines)


def _topic_text(topic: Topic) -> list[str]:
    parts = [f"# {topic.title}", topic.summary]
    for block in topic.blocks:
        if (heading := getattr(block, "heading", None)) is not None:
            parts.append(f"## {heading}")
        elif (prose := getattr(block, "prose", None)) is not None:
            parts.append(prose)
        elif (points := getattr(block, "points", None)) is not None:
            parts.append("\n".join(f"- {point}" for point in points))
        elif (callout := getattr(block, "callout", None)) is not None:
            parts.append("!!! note\n\n    " + _line(callout.text))
    return parts


def topic_page(site: Site, topic: Topic) -> str:
    """A topic's page: its text, then its self-check questions."""
    questions = site.questions_for(topic.id)
    # mkdocs-quiz asks multiple-choice questions only (the benchmark's bank has no other).
    choices = [q for q in questions if isinstance(q, Question)]
    parts = [*_topic_text(topic), "## Self-check", *(quiz(q) for q in choices)]
    return "\n\n".join(parts) + "\n"


def write_project(data: Path, target: Path) -> dict[str, int]:
    """Write ``data`` as an mkdocs-quiz project into ``target``; pages and questions written."""
    site = build_site(load_bank(data))
    docs = target / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (target / "mkdocs.yml").write_text(config_text(), encoding="utf-8")
    (docs / "index.md").write_text(f"# {site.bank.exam.title}\n", encoding="utf-8")
    pages = questions = 0
    for content in site.bank.domains:
        folder = docs / content.slug
        folder.mkdir(exist_ok=True)
        (folder / "index.md").write_text(
            f"# Domain {content.domain.number}: {content.domain.title}\n\n"
            f"{content.domain.summary}\n",
            encoding="utf-8",
        )
        for topic in content.topics:
            (folder / f"{topic.id}.md").write_text(topic_page(site, topic), encoding="utf-8")
            pages += 1
        practice = [f"# Domain {content.domain.number} practice questions"]
        practice += [quiz(q) for q in content.questions if isinstance(q, Question)]
        (folder / "questions.md").write_text("\n\n".join(practice) + "\n", encoding="utf-8")
        pages += 1
        questions += len(content.questions)
    return {"pages": pages, "questions": questions}


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: convert a data folder into an mkdocs-quiz project."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("data", type=Path, help="the data folder (exam.yml, domain folders)")
    parser.add_argument("target", type=Path, help="where to write mkdocs.yml and docs/")
    args = parser.parse_args(argv)
    written = write_project(args.data, args.target)
    print(f"{written['pages']} pages, {written['questions']} questions -> {args.target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
