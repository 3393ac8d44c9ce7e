"""What the widgets and templates hold besides the catalog's words: their literal text.

A test fails when a widget script or a template holds an English word outside the string
catalog (generator/assets/catalogs). These helpers find the candidates: the string literals
of a script (a small tokenizer: comments, strings, template literals and regular
expressions), and the text and user-facing attributes of a template once its Jinja tags,
HTML tags and Markdown marks are gone. :func:`is_text` says whether a literal reads as words
for a person rather than a name for the code (a class, an event, an attribute, a key).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

# Literals of several words that are code, not text.
CODE_PHRASES = frozenset({"use strict", "noopener noreferrer"})
# Element names: a literal of these alone is a selector ("thead th").
ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "button",
        "caption",
        "details",
        "div",
        "dl",
        "dt",
        "dd",
        "em",
        "fieldset",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "input",
        "kbd",
        "label",
        "legend",
        "li",
        "nav",
        "ol",
        "option",
        "p",
        "section",
        "select",
        "small",
        "span",
        "strong",
        "summary",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# The scripts' messages for developers in the console begin so; they are not the learner's.
CONSOLE = "study site: "

_KEY = re.compile(r"^[a-z0-9_]+(?:\.[a-z0-9_]+)+$")
_WORD = re.compile(r"^[A-Za-z][a-z]*$")


def is_text(literal: str) -> bool:
    """Whether ``literal`` reads as words for a person (English outside the catalog).

    Two plain words or more ("Try again"), or one capitalised word ("Check"). A single
    lowercase word passes: in a script it is nearly always a name for the code (a key, an
    event, a type, an attribute's value), as are class lists, selectors and catalog keys.
    """
    literal = literal.strip()
    if literal.startswith(CONSOLE.strip()) or literal in CODE_PHRASES or _KEY.match(literal):
        return False
    words = [w.rstrip(".,;:!?") for w in literal.split()]
    if all(w in ELEMENTS for w in words):
        return False
    plain = [w for w in words if _WORD.match(w)]
    if len(plain) >= 2:
        return True
    return len(words) == 1 and len(plain) == 1 and plain[0][0].isupper() and len(plain[0]) > 1


# ---- scripts -----------------------------------------------------------------------------

# After these, a "/" starts a regular expression, not a division.
_BEFORE_REGEX = set("(,=:[!&|?{};+-*%<>~^") | {"return", "typeof", "case", "in", "of", "new"}


def script_literals(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every string literal and template-literal text of a classic script."""
    i, n, line, last = 0, len(source), 1, ""
    braces: list[int] = []  # template literal depths: the brace count where ${ opened
    depth = 0
    found: list[tuple[int, str]] = []

    def template(start: int) -> int:
        """Read template text from ``start`` into ``found``; its end, or -(where ${ ends)."""
        j, chunk = start, []
        nonlocal line
        while j < n:
            c = source[j]
            if c == "\\":
                chunk.append(source[j : j + 2])
                j += 2
                continue
            if c == "`":
                found.append((line, "".join(chunk)))
                return j + 1
            if c == "$" and source[j + 1 : j + 2] == "{":
                found.append((line, "".join(chunk)))
                braces.append(depth)
                return -(j + 2)  # continue in code; the template resumes at the matching }
            if c == "\n":
                line += 1
            chunk.append(c)
            j += 1
        return j

    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif source.startswith("//", i):
            i = source.find("\n", i)
            i = n if i < 0 else i
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            line += source.count("\n", i, end)
            i = end + 2
        elif c in "'\"":
            j = i + 1
            while source[j] != c:
                j += 2 if source[j] == "\\" else 1
            found.append((line, source[i + 1 : j]))
            i, last = j + 1, "str"
        elif c == "`":
            end = template(i + 1)
            i, last = (end if end >= 0 else -end), "str"
        elif c == "}" and braces and depth == braces[-1]:
            braces.pop()
            end = template(i + 1)
            i, last = (end if end >= 0 else -end), "str"
        elif c == "/" and (last in _BEFORE_REGEX or last == ""):
            j, in_class = i + 1, False
            while source[j] != "/" or in_class:
                if source[j] == "\\":
                    j += 1
                elif source[j] == "[":
                    in_class = True
                elif source[j] == "]":
                    in_class = False
                j += 1
            i = j + 1
            while i < n and source[i].isalpha():
                i += 1
            last = "regex"
        elif c.isalnum() or c in "_$":
            j = i
            while j < n and (source[j].isalnum() or source[j] in "_$"):
                j += 1
            last = source[i:j]
            i = j
        else:
            depth += {"{": 1, "}": -1}.get(c, 0)
            last = c
            i += 1
    yield from found


# ---- templates -------------------------------------------------------------------------

_JINJA = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
_JINJA_STRING = re.compile(r"""(["'])((?:\\.|(?!\1).)*)\1""")
# Attributes a person reads or hears.
_SPOKEN = re.compile(r"""\b(?:aria-label|title|alt|placeholder)=(["'])(.*?)\1""", re.DOTALL)


def template_literals(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of what a template writes itself: its text, spoken attributes, and the
    string literals in its Jinja expressions."""
    for match in _JINJA.finditer(source):
        if match.group(0).startswith("{#"):
            continue
        line = source.count("\n", 0, match.start()) + 1
        for literal in _JINJA_STRING.finditer(match.group(0)):
            yield line, literal.group(2)
    # Jinja out, keeping line numbers; then front matter, attributes, tags, Markdown marks.
    text = _JINJA.sub(lambda m: "\n" * m.group(0).count("\n"), source)
    text = re.sub(
        r"\A\s*---\n.*?\n---\n", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S
    )
    for number, row in enumerate(text.split("\n"), start=1):
        for spoken in _SPOKEN.finditer(row):
            yield number, spoken.group(2)
        row = re.sub(r"<[^>]*>", " ", row)  # tags and their attributes
        row = re.sub(r"\]\([^)]*\)", "]", row)  # link targets
        row = re.sub(r"\{[^}]*\}", " ", row)  # attribute lists { .class #id key="value" }
        row = re.sub(r"&\w+;", " ", row)  # character references
        if re.search(r"[A-Za-z]{2,}", row):
            yield number, " ".join(row.split())


# ---- view code -------------------------------------------------------------------------

# What a view module says to an author or a developer, not to a learner: errors and logs.
_NOT_SHOWN = {"BuildError", "DataError", "PluginError", "GeneratorError", "ValueError"}


def python_literals(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of a module's string literals that a page might show: not docstrings,
    not the messages of errors, assertions and logs."""
    tree = ast.parse(source)
    quiet: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            quiet.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            quiet.add(id(node.value))  # an attribute's docstring
        said = None
        if isinstance(node, ast.Assert):
            said = node.msg
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            owner = getattr(getattr(func, "value", None), "id", "")
            if name in _NOT_SHOWN or owner == "log":
                said = node
        if said is not None:
            quiet.update(id(sub) for sub in ast.walk(said))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in quiet:
            yield node.lineno, node.value
