"""Careless input: what MkDocs would otherwise trip over.

Text reaches pages through generator/site/text.py, which already makes raw HTML, snippet
syntax, pipes and front-matter characters harmless. What it cannot make right is said here,
with the file and line, before MkDocs runs: a link target that would break, an address that
is not a web address, a glossary term that cannot be marked. (A topic id that takes the name
of a generated page is a structure check.)
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from generator.checks.report import Report, indexed
from generator.content import markup
from generator.content.model import Bank, Node


def check_careless_input(report: Report, bank: Bank) -> None:
    """Web addresses, link targets in text, glossary terms that cannot be marked."""
    for root, path in _roots(bank):
        for node, where, name, index, value in _text_fields(root, path):
            _check_text_value(report, node, where, name, index, value)
    for i, term in enumerate(bank.glossary.terms):
        if not markup.abbreviation_ok(term.term):
            report.add(
                term,
                f"terms[{i}].term",
                f"'{term.term}' cannot be marked as an abbreviation on the pages (no square "
                "brackets, backslashes or line breaks); it is listed in the glossary only",
                "warning",
                field="term",
            )


def _roots(bank: Bank) -> Iterator[tuple[Node, str]]:
    """Every model read from a file, with its field path inside that file."""
    yield bank.exam, ""
    for i, term in enumerate(bank.glossary.terms):
        yield term, f"terms[{i}]"
    for content in bank.domains:
        yield content.domain, ""
        for kind, attribute in _LISTS:
            for path, node in indexed(list(getattr(content, attribute)), kind):
                yield node, path


# Each list of a content file, and the attribute of DomainContent that holds it.
_LISTS = (("topics", "topics"), ("tables", "tables"), ("trees", "trees"), ("questions", "items"))


def _text_fields(node: Node, path: str) -> Iterator[tuple[Node, str, str, int | None, str]]:
    """Every text value under ``node``: (owner, path, field, list index, value)."""
    for name in type(node).model_fields:
        if name == "at":
            continue
        value = getattr(node, name)
        where = f"{path}.{name}" if path else name
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            index = i if isinstance(value, list) else None
            here = f"{where}[{i}]" if index is not None else where
            if isinstance(item, Node):
                yield from _text_fields(item, here)
            elif isinstance(item, str):
                yield node, here, name, index, item
            elif isinstance(item, dict):  # table cells
                for key, cell in item.items():
                    if isinstance(cell, str):
                        yield node, f"{here}.{key}", name, None, cell


_WEB_ADDRESS_FIELDS = frozenset({"url"})


def _check_text_value(
    report: Report, node: Node, where: str, name: str, index: int | None, value: str
) -> None:
    if name in _WEB_ADDRESS_FIELDS:
        problem = markup.url_problem(value)
        if problem:
            report.add(node, where, f"{problem}, found '{value}'", field=name, index=index)
        return
    for target in markup.link_targets(value):
        scheme = urlsplit(target).scheme.lower() if "://" in target or ":" in target else ""
        if not target or scheme == "mailto":
            continue
        if not scheme:
            report.add(
                node,
                where,
                f"link to '{target}': a relative link cannot be checked for every page that "
                "shows this text (topic page, study sheet, quiz); link the full https:// "
                "address",
                field=name,
                index=index,
            )
        elif markup.url_problem(target):
            report.add(
                node,
                where,
                f"link to '{target}' is not a web address (http or https with a host); "
                "the page shows its text without the link",
                "warning",
                field=name,
                index=index,
            )
