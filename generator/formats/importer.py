"""Import: questions of another format into a new content file of a domain folder.

The file is ``imported-<topic>-<source>.yml`` in the domain's folder. Nothing is written
unless the whole bank, with the imported questions in it, passes the check. An existing file
is never overwritten, except the one an earlier import of the same source into the same topic
wrote: that one is updated, and each question keeps its id (matched by the source's name for
it, kept in the question's ``source`` field).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from generator.checks import find_problems
from generator.content.load import display_path, load_bank, problems_from_validation
from generator.content.model import SOURCE_KEY, Bank, DomainContent, Question, Source
from generator.errors import DataError, Problem
from generator.formats import Draft, Format, Skipped, formats, write_atomically
from generator.formats.content_file import dump_questions, question_lines

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
ID_LENGTH = 48


def slug(text: str, limit: int = ID_LENGTH) -> str:
    """An id made of the first words of ``text``: lowercase ASCII letters, digits, hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", re.sub(r"['\u2019]", "", folded.lower()))
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or (words[0][:limit] if words else "question")


@dataclass
class ImportReport:
    """What an import read, skipped and wrote (or would write, for a dry run)."""

    format: Format
    source: str
    target: str
    action: Literal["new", "update"]
    written: bool
    text: str
    imported: list[tuple[Draft, str]] = field(default_factory=list)
    """Each imported question with the id it got."""
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    """Ids the earlier import wrote that the corrected source no longer has."""

    def where(self, draft: Draft | Skipped) -> str:
        """A question's place in the source: its line (and row, for tables)."""
        row = getattr(draft, "row", 0)
        return f"{self.source}:{draft.line}" + (f": row {row}" if row else "")


def _read_source(path: Path) -> str:
    name = display_path(path)
    try:
        return path.read_bytes().decode("utf-8")
    except OSError as error:
        raise DataError([Problem(name, 0, "", f"cannot read the file: {error.strerror}")]) from None
    except UnicodeDecodeError as error:
        raise DataError(
            [
                Problem(
                    name,
                    0,
                    "",
                    f"the file is not UTF-8 text ({error.reason} at byte {error.start}); "
                    "save it as UTF-8 (Excel: CSV UTF-8)",
                )
            ]
        ) from None


def _domain(bank: Bank, number: int, data_dir: Path) -> DomainContent:
    for content in bank.domains:
        if content.domain.number == number:
            return content
    known = ", ".join(str(d.domain.number) for d in bank.domains) or "none"
    raise DataError(
        [
            Problem(
                display_path(data_dir),
                0,
                "",
                f"domain {number} has no folder with a domain.yml (domains: {known})",
            )
        ]
    )


def _source_key(fmt: Format, source: Path) -> str:
    return f"{fmt.name}:{source.name}#"


def import_file(
    format_name: str,
    source: Path,
    data_dir: Path,
    domain: int,
    topic: str,
    *,
    dry_run: bool = False,
) -> ImportReport:
    """Import ``source`` into domain ``domain``, topic ``topic``; see the module doc."""
    fmt = formats()[format_name]
    assert fmt.read is not None
    text = _read_source(source)
    bank = load_bank(data_dir)
    content = _domain(bank, domain, data_dir)
    topics = {t.id for d in bank.domains for t in d.topics}
    if topic not in {t.id for t in content.topics}:
        known = ", ".join(t.id for t in content.topics) or "none"
        raise DataError(
            [
                Problem(
                    display_path(Path(content.domain.at.file)),
                    0,
                    "",
                    f"domain {domain} has no topic '{topic}' (its topics: {known})",
                )
            ]
        )
    folder = Path(content.domain.at.file).parent
    target = folder / f"imported-{topic}-{slug(source.stem, 40)}.yml"
    target_name = display_path(target)
    prefix = _source_key(fmt, source)
    earlier = [q for q in content.questions if q.at.file == target_name]
    action: Literal["new", "update"] = "new"
    if target.exists():
        others = [
            n
            for n in (*content.topics, *content.tables, *content.trees)
            if n.at.file == target_name
        ]
        ours = (
            bool(earlier)
            and not others
            and all((q.source or "").startswith(prefix) for q in earlier)
        )
        if not ours:
            raise DataError(
                [
                    Problem(
                        target_name,
                        0,
                        "",
                        f"already exists and was not written by importing {source.name} into "
                        f"topic '{topic}'; nothing was written (move or rename that file)",
                    )
                ]
            )
        action = "update"
    old_ids = {(q.source or "")[len(prefix) :]: q.id for q in earlier}
    source_name = display_path(source)
    items = list(fmt.read(text, source_name))
    drafts = [item for item in items if isinstance(item, Draft)]
    if not drafts:
        kinds = Counter(item.kind for item in items if isinstance(item, Skipped))
        found = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "none"
        raise DataError(
            [
                Problem(
                    source_name,
                    0,
                    "",
                    "no multiple-choice, multiple-answer or true/false question to import "
                    f"(questions of other types: {found}); nothing was written",
                )
            ]
        )
    report = ImportReport(
        format=fmt,
        source=source_name,
        target=target_name,
        action=action,
        written=False,
        text="",
        skipped=[item for item in items if isinstance(item, Skipped)],
    )
    taken = {q.id: q for d in bank.domains for q in d.questions if q.at.file != target_name}
    mappings = _mappings(fmt, drafts, prefix, old_ids, taken, topics, topic, report)
    comment = [
        f"Imported from {source.name} ({fmt.title}) by",
        f"  python -m generator import {fmt.name} {source.name} --domain {domain} --topic {topic}",
        "Importing a corrected version of that file into the same topic updates this file",
        "(each question keeps its id); rename the file to keep your own edits apart.",
    ]
    report.text = dump_questions(mappings, comment)
    report.removed = sorted(set(old_ids.values()) - {m["id"] for m in mappings})
    report.warnings = _check(bank, content, report, mappings, drafts)
    if not dry_run:
        _write(target, report.text, replace=action == "update")
        report.written = True
    return report


def _mappings(
    fmt: Format,
    drafts: list[Draft],
    prefix: str,
    old_ids: dict[str, str],
    taken: dict[str, Question],
    topics: set[str],
    topic: str,
    report: ImportReport,
) -> list[dict[str, Any]]:
    """The questions to write, with ids, topics and source keys; problems raised at once."""
    problems: list[Problem] = []
    seen: Counter[str] = Counter()
    keys: list[str] = []
    for draft in drafts:
        seen[draft.name] += 1
        keys.append(draft.name if seen[draft.name] == 1 else f"{draft.name} ({seen[draft.name]})")
    reserved = {old_ids[key] for key in keys if key in old_ids}
    used: set[str] = set()
    unmapped: dict[str, str] = {}
    mappings = []
    for draft, key in zip(drafts, keys, strict=True):
        qid = draft.id
        if qid is not None and (qid in taken or qid in used):
            other = taken.get(qid)
            where = f" at {other.at.file}:{other.at.line}" if other else " by an earlier row"
            problems.append(
                fmt.problem(report.source, draft.line, "id", f"id '{qid}' is used{where}")
            )
            continue
        if qid is None and key in old_ids and old_ids[key] not in taken:
            qid = old_ids[key]
        if qid is None:
            base = (
                draft.name if _ID.match(draft.name) and len(draft.name) <= 80 else slug(draft.name)
            )
            qid, n = base, 1
            while qid in taken or qid in used or qid in reserved:
                n += 1
                qid = f"{base[: 80 - len(str(n)) - 1]}-{n}"
        used.add(qid)
        question_topics = draft.topics
        for name in question_topics:
            if name not in topics:
                problems.append(
                    fmt.problem(
                        report.source, draft.line, "topics", f"unknown topic '{name}'", draft.row
                    )
                )
        if not question_topics:
            question_topics = [topic]
            if draft.category:
                last = slug(draft.category.rstrip("/").rsplit("/", 1)[-1], 80)
                if last in topics:
                    question_topics = [last]
                else:
                    unmapped.setdefault(draft.category, last)
        for note in draft.notes:
            report.notes.append(f"{report.where(draft)}: {note}")
        report.imported.append((draft, qid))
        mappings.append(
            {
                "id": qid,
                "topics": question_topics,
                "source": prefix + key,
                "difficulty": draft.difficulty,
                "choose": draft.choose if draft.choose != 1 else None,
                "shuffle": None if draft.shuffle else False,
                "stem": draft.stem,
                "options": [
                    {"text": o.text, "correct": True if o.correct else None, "why": o.why}
                    for o in draft.options
                ],
                "explanation": draft.explanation,
            }
        )
    for category, last in unmapped.items():
        report.notes.append(
            f"category '{category}': no topic '{last}', so its questions went to topic '{topic}'"
        )
    if problems:
        raise DataError(problems)
    return mappings


def _check(
    bank: Bank,
    content: DomainContent,
    report: ImportReport,
    mappings: list[dict[str, Any]],
    drafts: list[Draft],
) -> list[Problem]:
    """Check the bank with the imported questions in it; return the file's warnings."""
    lines = question_lines(report.text)
    data: list[dict[str, Any]] = []
    for mapping, line in zip(mappings, lines, strict=True):
        item = {k: v for k, v in mapping.items() if v is not None}
        item["options"] = [
            {k: v for k, v in o.items() if v is not None}
            | {SOURCE_KEY: Source(report.target, line)}
            for o in mapping["options"]
        ]
        data.append(item | {SOURCE_KEY: Source(report.target, line)})
    try:
        imported = [Question.model_validate(item) for item in data]
    except ValidationError as error:  # pragma: no cover - the readers check what they make
        raise DataError(problems_from_validation(error, data, report.target)) from None
    kept = [q for q in content.questions if q.at.file != report.target]
    content.questions[:] = kept + imported
    problems = find_problems(bank)
    starts = dict(zip(lines, drafts, strict=True))
    errors = [_in_source(p, report, starts) for p in problems if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return [p for p in problems if p.severity == "warning" and p.file == report.target]


def _in_source(problem: Problem, report: ImportReport, starts: dict[int, Draft]) -> Problem:
    """A problem found in the imported questions, placed at their line in the source."""
    if problem.file != report.target:
        return problem
    line = max((n for n in starts if n <= problem.line), default=0)
    draft = starts.get(line)
    if draft is None:
        return problem
    return report.format.problem(report.source, draft.line, "", problem.message, draft.row)


def _write(target: Path, text: str, *, replace: bool) -> None:
    try:
        write_atomically(target, text.encode("utf-8"), replace=replace)
    except FileExistsError:
        raise DataError(
            [Problem(display_path(target), 0, "", "appeared meanwhile; nothing was written")]
        ) from None
