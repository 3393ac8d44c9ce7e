"""Import: questions of another format into a new content file of a domain folder.

The file is ``imported-<topic>-<source>.yml`` in the domain's folder. Nothing is written
unless the whole bank, with the imported questions in it, passes the check. An existing file
is never overwritten, except the one an earlier import of the same source into the same topic
wrote: that one is updated, and each question keeps its id (matched by the source's name for
it, kept in the question's ``source`` field).

Nothing is lost: every question of the source is either imported or listed, with its line and
the reason, as not imported (a type this site lacks, a question the reader cannot make sense
of, one the check rejects); the report ends with "N imported, M not imported", and N + M is
the number of questions in the source. A question of a type the content model does not know
yet (:func:`model_types` asks the model) is listed as such; a true/false question is then
written as a choice between True and False, as before the model had its own type.
"""

from __future__ import annotations

import functools
import hashlib
import re
import shlex
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from generator.checks import find_problems
from generator.content.load import display_path, load_bank, problems_from_validation
from generator.content.model import (
    SOURCE_KEY,
    Answerable,
    Bank,
    DomainContent,
    Source,
    parse_question,
)
from generator.errors import DataError, Problem
from generator.formats import (
    MAX_BYTES,
    Draft,
    DraftAccept,
    DraftItem,
    DraftNumber,
    DraftOption,
    DraftPair,
    Format,
    Skipped,
    formats,
    too_large,
    write_atomically,
)
from generator.formats.content_file import dump_questions, question_fields, question_lines

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


def target_name(topic: str, source: Path) -> str:
    """The file an import of ``source`` into ``topic`` writes, inside the domain's folder.

    Only ``[a-z0-9-]`` is taken from the source's name, so no name
    (``..%2f..%2fevil name;rm -rf ~.gift``) reaches another folder or a shell.
    """
    return f"imported-{topic}-{slug(source.stem, 40)}.yml"


_SAMPLES: dict[str, Draft] = {
    "choice": Draft(1, "probe", "Probe?", [DraftOption("a", True), DraftOption("b", False)]),
    "true-false": Draft(1, "probe", "Probe.", type="true-false", answer=True),
    "ordering": Draft(
        1, "probe", "Probe?", type="ordering", items=[DraftItem(t) for t in ("a", "b", "c")]
    ),
    "matching": Draft(
        1,
        "probe",
        "Probe?",
        type="matching",
        pairs=[DraftPair("a", "1"), DraftPair("b", "2")],
        distractors=["3"],
    ),
    "numeric": Draft(1, "probe", "Probe?", type="numeric", numbers=[DraftNumber(6, 1)]),
    "short-answer": Draft(1, "probe", "Probe?", type="short-answer", accept=[DraftAccept("a")]),
}


@functools.cache
def model_types() -> frozenset[str]:
    """The question types the content model validates: a sample of each, as written, tried."""
    known = set()
    for kind, sample in _SAMPLES.items():
        fields = {k: v for k, v in question_fields(sample).items() if v is not None}
        try:
            parse_question({"id": "probe", "topics": ["probe"], **_tagged(fields)})
        except ValidationError:
            continue
        known.add(kind)
    return frozenset(known)


def _label(draft: Draft | Skipped) -> str:
    if isinstance(draft, Skipped):
        return draft.name
    flat = " ".join(draft.name.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


def as_known_type(draft: Draft, known: frozenset[str]) -> Draft | Skipped:
    """``draft`` as a type the model knows, or listed as not imported."""
    if draft.type in known:
        return draft
    if draft.type == "true-false" and draft.answer is not None and "choice" in known:
        options = [DraftOption("True", draft.answer), DraftOption("False", not draft.answer)]
        return replace(draft, type="choice", options=options, choose=1, shuffle=False)
    return Skipped(
        draft.line,
        draft.type,
        _label(draft),
        f"read as a question of type '{draft.type}', which the site's content model does not "
        "have yet",
        draft.row,
    )


class NothingImported(DataError):
    """No question of the source can be imported; ``report`` lists why, question by question."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__([_nothing(report)])


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
    """Each question of the source that was not imported, with the reason."""
    notes: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    """Ids the earlier import wrote that the corrected source no longer has."""

    def where(self, draft: Draft | Skipped) -> str:
        """A question's place in the source: its line (and row, for tables)."""
        return f"{self.source}:{draft.line}" + (f": row {draft.row}" if draft.row else "")

    @property
    def partial_credit(self) -> list[tuple[Draft, str]]:
        """The imported questions whose source gave partial credit, with their ids."""
        return [(draft, qid) for draft, qid in self.imported if draft.partial_credit]

    @property
    def summary(self) -> str:
        """``N imported, M not imported``: N + M is the number of questions in the source."""
        return f"{len(self.imported)} imported, {len(self.skipped)} not imported"


def read_source(path: Path) -> str:
    """The text of a source file: UTF-8, at most :data:`MAX_BYTES` read (``/dev/zero`` too)."""
    name = display_path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise DataError([Problem(name, 0, "", f"cannot read the file: {error.strerror}")]) from None
    if len(data) > MAX_BYTES:
        raise too_large(name)
    try:
        return data.decode("utf-8")
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


FINGERPRINT_LINE = "import fingerprint: "
_FINGERPRINT = re.compile(r"^# import fingerprint: ([0-9a-f]{16})\n", re.MULTILINE)
_UNSET = "0" * 16


def fingerprint(text: str) -> str:
    """What an import writes in its file's comment: a hash of the file without that line.

    Re-importing over the file compares it with the file as it is now, so that an author's
    edits since the last import are never replaced without a word (issue 34).
    """
    without = _FINGERPRINT.sub("", text, count=1)
    return hashlib.sha256(without.encode("utf-8")).hexdigest()[:16]


def _edited(target: Path, name: str, source: Path) -> Problem | None:
    """A problem when ``target`` was changed since an import wrote it.

    None when it was not, or when an earlier version wrote it without a fingerprint.
    """
    try:
        text = target.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # the load before reported an unreadable file
    found = _FINGERPRINT.search(text)
    if found is None or found.group(1) == fingerprint(text):
        return None
    return Problem(
        name,
        0,
        "",
        f"was edited since {_shown(source.name)} was last imported into it, and importing "
        "again would replace those edits; nothing was written. To keep them, rename the file "
        "(the next import writes a new one beside it, and you remove the questions you no "
        "longer want from one of them); to drop them, delete the file and import again",
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
    options: Mapping[str, str] | None = None,
) -> ImportReport:
    """Import ``source`` into domain ``domain``, topic ``topic``; see the module doc.

    ``options`` go to the format's reader (CSV: ``columns``, ``preset``).
    """
    fmt = formats()[format_name]
    assert fmt.read is not None
    given = {k: v for k, v in (options or {}).items() if v is not None}
    unknown = sorted(set(given) - set(fmt.options))
    if unknown:
        allowed = ", ".join(f"--{o}" for o in fmt.options) or "none"
        raise DataError(
            [
                Problem(
                    "",
                    0,
                    f"--{unknown[0]}",
                    f"not an option of the {fmt.name} format (its options: {allowed})",
                )
            ]
        )
    text = read_source(source)
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
    target = folder / target_name(topic, source)
    name_of_target = display_path(target)
    prefix = _source_key(fmt, source)
    earlier = [q for q in content.questions if q.at.file == name_of_target]
    action: Literal["new", "update"] = "new"
    if target.exists():
        others = [
            n
            for n in (*content.topics, *content.tables, *content.trees)
            if n.at.file == name_of_target
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
                        name_of_target,
                        0,
                        "",
                        f"already exists and was not written by importing {_shown(source.name)} "
                        f"into topic '{topic}'; nothing was written (move or rename that file)",
                    )
                ]
            )
        edited = _edited(target, name_of_target, source)
        if edited is not None:
            raise DataError([edited])
        action = "update"
    old_ids = {(q.source or "")[len(prefix) :]: q.id for q in earlier}
    source_name = display_path(source)
    report = ImportReport(
        format=fmt,
        source=source_name,
        target=name_of_target,
        action=action,
        written=False,
        text="",
    )
    types = model_types()
    drafts: list[Draft] = []
    for item in fmt.read(text, source_name, **given):
        found = as_known_type(item, types) if isinstance(item, Draft) else item
        if isinstance(found, Draft):
            drafts.append(found)
        else:
            report.skipped.append(found)
    taken = {q.id: q for d in bank.domains for q in d.questions if q.at.file != name_of_target}
    comment = [
        f"Imported from {_shown(source.name)} ({fmt.title}) by",
        f"  python -m generator import {fmt.name} {shlex.quote(_shown(source.name))} "
        f"--domain {domain} --topic {topic}",
        "Importing a corrected version of that file into the same topic updates this file",
        "(each question keeps its id); rename the file to keep your own edits apart.",
        f"{FINGERPRINT_LINE}{_UNSET}",
    ]
    while True:
        if not drafts:
            report.skipped.sort(key=lambda s: (s.line, s.row))
            raise NothingImported(report)
        mappings, kept = _mappings(drafts, prefix, old_ids, taken, topics, topic, report)
        if not mappings:
            drafts = []
            continue
        report.text = dump_questions(mappings, comment)
        rejected, report.warnings = _check(bank, content, report, mappings, kept)
        if not rejected:
            break
        # A question the check rejects is listed with the check's words; the others go on.
        report.skipped += rejected
        lines = {(s.line, s.row) for s in rejected}
        drafts = [d for d in kept if (d.line, d.row) not in lines]
    report.text = report.text.replace(
        f"# {FINGERPRINT_LINE}{_UNSET}\n", f"# {FINGERPRINT_LINE}{fingerprint(report.text)}\n", 1
    )
    report.skipped.sort(key=lambda s: (s.line, s.row))
    for draft, _ in report.imported:
        report.notes += [f"{report.where(draft)}: {note}" for note in draft.notes]
    report.removed = sorted(set(old_ids.values()) - {m["id"] for m in mappings})
    if not dry_run:
        _write(target, report.text, replace=action == "update")
        report.written = True
    return report


def _shown(name: str) -> str:
    """A file name as one printable line (a name may hold line breaks or control codes)."""
    return "".join(ch if ch.isprintable() else "?" for ch in name)


def _nothing(report: ImportReport) -> Problem:
    kinds = Counter(item.kind for item in report.skipped)
    found = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "none"
    return Problem(
        report.source,
        0,
        "",
        f"no question to import: {report.summary} ({found}); nothing was written; "
        + (
            "; ".join(f"line {s.line}: {s.kind}: {s.reason}" for s in report.skipped[:20])
            or "the file holds no question"
        ),
    )


def _mappings(
    drafts: list[Draft],
    prefix: str,
    old_ids: dict[str, str],
    taken: dict[str, Answerable],
    topics: set[str],
    topic: str,
    report: ImportReport,
) -> tuple[list[dict[str, Any]], list[Draft]]:
    """The questions to write, with ids, topics and source keys, and their drafts.

    A question whose id is taken or whose topic is unknown is listed as not imported.
    """
    seen: Counter[str] = Counter()
    keys: list[str] = []
    for draft in drafts:
        seen[draft.name] += 1
        keys.append(draft.name if seen[draft.name] == 1 else f"{draft.name} ({seen[draft.name]})")
    reserved = {old_ids[key] for key in keys if key in old_ids}
    used: set[str] = set()
    unmapped: dict[str, str] = {}
    mappings = []
    kept: list[Draft] = []
    report.imported = []
    for draft, key in zip(drafts, keys, strict=True):
        qid = draft.id
        if qid is not None and (qid in taken or qid in used):
            other = taken.get(qid)
            where = f" at {other.at.file}:{other.at.line}" if other else " by an earlier row"
            report.skipped.append(
                Skipped(
                    draft.line, draft.type, _label(draft), f"id '{qid}' is used{where}", draft.row
                )
            )
            continue
        unknown = [name for name in draft.topics if name not in topics]
        if unknown:
            report.skipped.append(
                Skipped(
                    draft.line,
                    draft.type,
                    _label(draft),
                    "unknown topic " + ", ".join(f"'{name}'" for name in unknown),
                    draft.row,
                )
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
        if not question_topics:
            question_topics = [topic]
            if draft.category:
                last = slug(draft.category.rstrip("/").rsplit("/", 1)[-1], 80)
                if last in topics:
                    question_topics = [last]
                else:
                    unmapped.setdefault(draft.category, last)
        report.imported.append((draft, qid))
        kept.append(draft)
        fields = question_fields(draft)
        mappings.append(
            {
                "id": qid,
                "type": fields.pop("type"),
                "topics": question_topics,
                "source": prefix + key,
                "difficulty": draft.difficulty,
                **fields,
            }
        )
    report.notes = [
        f"category '{category}': no topic '{last}', so its questions went to topic '{topic}'"
        for category, last in unmapped.items()
    ]
    return mappings, kept


def _tagged(value: Any, source: Source | None = None) -> Any:
    """``value`` with None dropped and every mapping given its place, as the loader does."""
    if isinstance(value, Mapping):
        out = {k: _tagged(v, source) for k, v in value.items() if v is not None}
        return out | ({SOURCE_KEY: source} if source is not None else {})
    if isinstance(value, list | tuple):
        return [_tagged(v, source) for v in value]
    return value


def _check(
    bank: Bank,
    content: DomainContent,
    report: ImportReport,
    mappings: list[dict[str, Any]],
    drafts: list[Draft],
) -> tuple[list[Skipped], list[Problem]]:
    """Check the bank with the imported questions in it.

    Returns the questions the check rejects (each with the check's messages) and the file's
    warnings; an error outside the imported file stops the import.
    """
    lines = question_lines(report.text)
    data = [
        _tagged(mapping, Source(report.target, line))
        for mapping, line in zip(mappings, lines, strict=True)
    ]
    try:
        imported = [parse_question(item) for item in data]
    except ValidationError as error:  # pragma: no cover - the readers check what they make
        raise DataError(problems_from_validation(error, data, report.target)) from None
    kept = [q for q in content.items if q.at.file != report.target]
    content.items[:] = [*kept, *imported]
    problems = find_problems(bank)
    starts = dict(zip(lines, drafts, strict=True))
    errors = [p for p in problems if p.severity == "error"]
    outside = [p for p in errors if p.file != report.target]
    if outside:
        raise DataError(outside)
    reasons: dict[int, list[str]] = {}
    for problem in errors:
        line = max((n for n in starts if n <= problem.line), default=0)
        reasons.setdefault(line, []).append(problem.message)
    rejected = [
        Skipped(
            starts[line].line,
            starts[line].type,
            _label(starts[line]),
            "; ".join(dict.fromkeys(messages)),
            starts[line].row,
        )
        for line, messages in reasons.items()
        if line in starts
    ]
    if len(rejected) != len(reasons):  # pragma: no cover - every line is a question's
        raise DataError([p for p in errors])
    if rejected:
        content.items[:] = kept
    return rejected, [p for p in problems if p.severity == "warning" and p.file == report.target]


def _write(target: Path, text: str, *, replace: bool) -> None:
    try:
        write_atomically(target, text.encode("utf-8"), replace=replace)
    except FileExistsError:
        raise DataError(
            [Problem(display_path(target), 0, "", "appeared meanwhile; nothing was written")]
        ) from None
