"""Reference: the author's reference (Markdown) of every field of every kind of data file.

Generated from the same JSON Schemas as the editors get (so from the pydantic models), with
examples taken from the ``init`` skeleton and, for fields the skeleton leaves out, from
:data:`EXTRA_EXAMPLES`. Shipped as ``generator/authoring/schemas/reference.md``; a test fails when
it is stale.
"""

from __future__ import annotations

from typing import Any

import yaml

from generator.authoring import scaffold
from generator.authoring.schema import KINDS, schema_for

REFERENCE_FILE = "reference.md"

# Examples of the optional fields the init skeleton does not use: model -> field -> value.
EXTRA_EXAMPLES: dict[str, dict[str, Any]] = {
    "Exam": {
        "scored_questions": 50,
        "unscored_questions": 15,
        "score_min": 100,
        "score_max": 1000,
        "passing_score": 750,
        "passing_percent": 72,
        "status": "retired",
        "retired_on": "2026-03-31",
    },
    "Successor": {
        "code": "EXAM-201",
        "title": "My Certification Exam, second edition",
        "covers": "Domains 1 and 2.",
        "url": "https://example.com/exam-201",
    },
    "ResponseType": {
        "name": "Multiple choice",
        "description": "One correct answer out of four options.",
    },
    "Domain": {"weight_note": "The largest domain: a quarter of the scored questions."},
    "Callout": {"title": "Remember"},
    "Attribute": {"sortable": False},
    "Table": {"notes": ["Prices are examples only."]},
    "TreeQuestion": {"help": "Think about how often the workload runs."},
    "Question": {
        "type": "choice",
        "shuffle": False,
        "source": "exam guide, sample question 3",
        "explanation": "Batch Transform is the only option with no endpoint left running.",
    },
    "Term": {"kind": "concept"},
    "SourceRef": {
        "url": "https://example.com/docs/serverless-endpoints.html",
        "title": "Serverless endpoints",
        "checked": "2026-12-07",
    },
    "Changed": {
        "date": "2023-05-10",
        "note": "Provisioned concurrency keeps capacity warm, billed while it is provisioned.",
        "source": "https://example.com/news/provisioned-concurrency",
    },
    "TrueFalseQuestion": {"difficulty": "easy", "source": "exam guide, sample question 2"},
    "OrderingQuestion": {
        "difficulty": "medium",
        "source": "exam guide",
        "explanation": "The tree needs the size; the table then gives the cost.",
    },
    "MatchingQuestion": {
        "difficulty": "medium",
        "source": "exam guide",
        "explanation": "Each plan is named for the size of workload it suits.",
    },
    "NumericQuestion": {
        "difficulty": "easy",
        "source": "exam guide",
        "range": [5, 7],
        "accept": [{"answer": 6, "tolerance": 0}, {"range": [5, 7], "why": "Close enough."}],
    },
    "NumberAccept": {
        "answer": 6,
        "tolerance": 0.5,
        "range": [5, 7],
        "why": "Six MB is the limit; anything within half a MB counts.",
    },
    "ShortAnswerQuestion": {"difficulty": "easy", "source": "exam guide"},
    "AcceptedText": {"text": "InvokeEndpoint", "why": "The runtime call for one request."},
    "CaseStudy": {"difficulty": "hard", "source": "exam guide, case study 1"},
}


def _skeleton() -> dict[str, Any]:
    """The init skeleton's data, by kind (content files merged)."""
    texts = {
        "exam": scaffold.EXAM,
        "glossary": scaffold.GLOSSARY,
        "domain": scaffold.DOMAIN.format(n=1, title="First domain"),
    }
    content: dict[str, Any] = {}
    for name in ("topics.yml", "tables.yml", "trees.yml"):
        content.update(yaml.safe_load(scaffold.DOMAIN_FILES[name].format(n=1)))
    content.update(yaml.safe_load(scaffold.ALL_TYPES.format(n=1)))
    data = {kind: yaml.safe_load(text) for kind, text in texts.items()}
    data["content"] = content
    return data


def _ref_name(prop: dict[str, Any]) -> str | None:
    ref = prop.get("$ref")
    return str(ref).rsplit("/", 1)[-1] if ref else None


def _models_in(prop: dict[str, Any]) -> list[str]:
    """Names of the models a property holds (directly, in a list, an option or a union)."""
    names = [_ref_name(prop)] if "$ref" in prop else []
    for key in ("anyOf", "oneOf"):
        for member in prop.get(key, []):
            names.extend(_models_in(member))
    if isinstance(prop.get("items"), dict):
        names.extend(_models_in(prop["items"]))
    return [n for n in names if n]


def _collect(
    schema: dict[str, Any], defs: dict[str, Any], name: str, data: Any, found: Any
) -> None:
    """Walk ``data`` with the schema; remember the first value seen of every field."""
    if not isinstance(data, dict):
        return
    props = schema.get("properties", {})
    for key, value in data.items():
        if key not in props:
            continue
        found.setdefault(name, {}).setdefault(key, value)
        values = value if isinstance(value, list) else [value]
        for model in _models_in(props[key]):
            for item in values:
                if isinstance(item, dict) and _fits(defs[model], item):
                    _collect(defs[model], defs, model, item, found)


def _fits(schema: dict[str, Any], item: dict[str, Any]) -> bool:
    """Whether ``item`` could be of ``schema``: known keys, and its ``type`` if it names one."""
    props = schema.get("properties", {})
    if not set(item) <= set(props):
        return False
    kind = props.get("type", {}).get("const")
    return kind is None or item.get("type", props["type"].get("default")) == kind


def _type(prop: dict[str, Any]) -> str:
    """A field's type in words."""
    if "const" in prop:
        return f"`{prop['const']}`"
    model = _ref_name(prop)
    if model:
        return f"[{model}](#{model.lower()})"
    for key in ("anyOf", "oneOf"):
        if key in prop:
            members = [m for m in prop[key] if m.get("type") != "null"]
            return " or ".join(_type(m) for m in members)
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind == "string":
        pattern = prop.get("pattern", "")
        if "a-z0-9" in pattern:
            return "id (lowercase letters, digits, hyphens)"
        if pattern.startswith("^https?"):
            return "URL (http or https)"
        if prop.get("format") == "date":
            return "date (YYYY-MM-DD)"
        if prop.get("maxLength"):
            return f"text (at most {prop['maxLength']:,} characters)"
        return "text"
    if kind == "integer":
        low, high = prop.get("minimum"), prop.get("maximum")
        if low is not None and high is not None:
            return f"whole number, {low} to {high}"
        if low is not None:
            return f"whole number, at least {low}"
        return "whole number"
    if kind == "boolean":
        return "`true` or `false`"
    if kind == "array":
        text = f"list of {_type(prop.get('items', {}))}"
        if prop.get("minItems"):
            text += f", at least {prop['minItems']}"
        if prop.get("maxItems"):
            text += f", at most {prop['maxItems']}"
        return text
    if kind == "object":
        return f"mapping of column id to {_type(prop.get('additionalProperties', {}))}"
    if kind == "number":
        return "number"
    return "any"


def _example(name: str, value: Any) -> str:
    if isinstance(value, str) and len(value) > 60:
        value = value[:57].rsplit(" ", 1)[0] + " ..."
    text = yaml.safe_dump({name: value}, default_flow_style=True, width=10_000, sort_keys=False)
    return "`" + text.strip().removeprefix("{").removesuffix("}") + "`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(name: str, schema: dict[str, Any], examples: dict[str, Any]) -> list[str]:
    lines = [
        "| Field | Type | Required | Description | Example |",
        "| --- | --- | --- | --- | --- |",
    ]
    required = set(schema.get("required", []))
    for field, prop in schema.get("properties", {}).items():
        if field in required:
            needed = "required"
        elif "default" in prop and prop["default"] not in (None, [], {}):
            needed = f"optional (default `{yaml.safe_dump(prop['default']).splitlines()[0]}`)"
        else:
            needed = "optional"
        if _models_in(prop):
            example = "see " + ", ".join(
                f"[{m}](#{m.lower()})" for m in dict.fromkeys(_models_in(prop))
            )
        elif field in examples:
            example = _example(field, examples[field])
        else:
            raise KeyError(f"no example for {name}.{field}: add one to EXTRA_EXAMPLES")
        description = prop.get("description", "")
        if not description:
            raise KeyError(f"no description for {name}.{field}: add a docstring in model.py")
        row = [f"`{field}`", _type(prop), needed, description, example]
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    return lines


def reference_markdown() -> str:
    """The whole reference as Markdown."""
    out = [
        "# Author's reference",
        "",
        "<!-- Generated by `python -m generator schema` from generator/content/model.py: "
        "do not edit. -->",
        "",
        "Every field of every kind of data file: its type, whether it is required, what it "
        "means and an example. The same definitions are in the JSON Schemas beside this file, "
        "which editors use to complete and check the files as you type. Text fields take "
        "Markdown unless they name a title or label. Quote text that contains `: ` or starts "
        "with a character YAML treats specially, and quote `Yes` and `No`. Each text field "
        "has a length limit and each list of options, choices or nodes a size limit, far "
        "above what real content needs (so that one pasted text cannot make a build take "
        "minutes): `check` reports a text or list over its limit with file, line and field, "
        "before anything is built. YAML anchors and aliases (`&name`, `*name`) are refused: "
        "write each text out.",
        "",
    ]
    skeleton = _skeleton()
    found: dict[str, dict[str, Any]] = {}
    for kind, (model, _) in KINDS.items():
        schema = schema_for(kind)
        _collect(schema, schema.get("$defs", {}), model.__name__, skeleton[kind], found)
    for name, fields in EXTRA_EXAMPLES.items():
        for field, value in fields.items():
            found.setdefault(name, {}).setdefault(field, value)
    seen: set[str] = set()
    for kind, (model, what) in KINDS.items():
        schema = schema_for(kind)
        defs = schema.get("$defs", {})
        out += [f"## {what.split(':', 1)[0]}", "", what.split(": ", 1)[-1].capitalize() + "."]
        out += ["", *_table(model.__name__, schema, found.get(model.__name__, {})), ""]
        if kind == "content":
            out += _question_types()
        for name in _order(schema, defs):
            if name in seen:
                continue
            seen.add(name)
            out += [f"### {name}", "", defs[name].get("description", ""), ""]
            whole = name.removesuffix("Part") + ("Question" if name != "ChoicePart" else "")
            if name.endswith("Part") and whole in defs:
                out += [
                    f"The fields of [{whole}](#{whole.lower()}), except that `topics` is "
                    "optional: a part without it tests the case study's topics.",
                    "",
                ]
                continue
            out += [*_table(name, defs[name], found.get(name, {})), ""]
    return "\n".join(out).rstrip() + "\n"


def _question_types() -> list[str]:
    """A YAML example of every question type, from the init skeleton, and how answers compare."""
    text = scaffold.ALL_TYPES.format(n=1)
    questions = yaml.safe_load(text)["questions"]
    out = [
        "### Question types",
        "",
        "An entry of `questions:` is a question of one `type`; without `type` it is a "
        "multiple-choice question (`choice`). Every type has `id`, `topics`, `stem` and the "
        "optional `difficulty`, `explanation` and `source`; explanations never name a letter "
        "or a position (pages shuffle options and items). One example of each type, as "
        "`init` writes them:",
        "",
    ]
    seen: set[str] = set()
    for question in questions:
        kind = question.get("type", "choice")
        if kind in seen:
            continue
        seen.add(kind)
        dumped = yaml.safe_dump([question], sort_keys=False, allow_unicode=True, width=88)
        out += [f"`{kind}`:", "", "```yaml", dumped.rstrip(), "```", ""]
    out += [
        "Limits the checks apply: `ordering` has 3 to 10 items, `matching` 2 to 10 prompts "
        "(two prompts may share an answer; a distractor differs from every answer), "
        "`numeric` gives `answer` (with an optional `tolerance`, never negative), `range` "
        "(`[min, max]`, min <= max) or `accept` entries, and a `case-study` has 2 or more "
        "questions of any type but `case-study`, whose ids are question ids like any other.",
        "",
        "Short answers are compared after Unicode normalisation NFKC (full-width and "
        "compatibility characters become plain ones), full case folding (`Straße` equals "
        "`STRASSE`) and trimming and collapsing white space; two accepted answers that are "
        "equal after this are reported. Numbers accept the decimal comma where the page's "
        "language writes one, and Arabic-Indic and full-width digits.",
        "",
    ]
    return out


def _order(schema: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    """Models used by ``schema``, in the order a reader meets them (depth first)."""
    order: list[str] = []

    def visit(node: dict[str, Any]) -> None:
        for prop in node.get("properties", {}).values():
            for name in _models_in(prop):
                if name not in order:
                    order.append(name)
                    visit(defs[name])

    visit(schema)
    return order
