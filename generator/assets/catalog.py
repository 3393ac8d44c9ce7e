"""The string catalog: every word the site's templates, views and widgets show a learner.

One YAML file per language in ``generator/assets/catalogs`` (``en.yml`` today; a language is
one more file), keys grouped by the widget or page that shows them. A value is a string
with ``{name}`` placeholders, or, for words that depend on a count, a mapping from the
plural categories of Unicode CLDR (``zero``, ``one``, ``two``, ``few``, ``many``, ``other``:
what ``Intl.PluralRules`` and Babel name) to strings, ``other`` always among them; the
count is the parameter ``count``.

:class:`Catalog` serves the Python side: ``t(key, **params)`` for views, and for the page
templates, where ``t`` is one of the Jinja environment's globals. The widgets read the same
catalog in the browser: :func:`script` writes the strings one bundle's scripts ask for
(``t("...")`` calls, found by :func:`keys_in_script`) as a call to ``StudySite.strings``,
which the bundle runs before them (generator/assets/bundle.py, js/core/text.js). A key the
code asks for that the catalog lacks is an error when the bundles or pages are made.

The site's language is MkDocs' ``theme.language``; a language without a catalog file gets
English, as does a key its file lacks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal
from markupsafe import Markup, escape

from generator.errors import BuildError

CATALOGS = Path(__file__).resolve().parent / "catalogs"
"""The catalog files, ``<language>.yml`` (package data)."""
FALLBACK = "en"
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})

Entry = str | dict[str, str]

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# A script asks for a string with t("group.key"), as StudySite.t or an alias of it.
_SCRIPT_KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")


def _flatten(tree: Mapping[str, object], prefix: str, path: Path) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for name, value in tree.items():
        key = f"{prefix}{name}"
        if isinstance(value, str):
            entries[key] = value
        elif isinstance(value, dict) and value and set(value) <= PLURAL_CATEGORIES:
            if "other" not in value or not all(isinstance(v, str) for v in value.values()):
                raise BuildError(f"{path}: {key}: a plural needs `other` and strings only")
            entries[key] = dict(value)
        elif isinstance(value, dict):
            entries.update(_flatten(value, f"{key}.", path))
        else:
            raise BuildError(f"{path}: {key}: expected a string, plural forms or a group")
    return entries


def _read(path: Path) -> dict[str, Entry]:
    try:
        tree = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError) as error:
        raise BuildError(f"cannot read the string catalog {path}: {error}") from error
    if not isinstance(tree, dict):
        raise BuildError(f"{path}: expected groups of strings")
    return _flatten(tree, "", path)


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(FALLBACK)


@dataclass(frozen=True)
class Catalog:
    """The strings of one language, English where it has none.

    A site's pages ask for the same few strings thousands of times (a label per question), so
    the catalog keeps what it has worked out: each string without parameters, each string
    split at its placeholders (and escaped, for HTML), each number as the language writes it
    and each count's plural category (Babel formats a number in about 40 microseconds). The
    caches belong to the instance: a site's catalog lives as long as its build (or its
    ``mkdocs serve``), and nothing is kept between instances.
    """

    language: str
    """The language of the strings: the site's when it has a catalog file, else English."""
    entries: Mapping[str, Entry]
    locale: Locale
    """Babel's data of the language: its plural rules and how it writes numbers."""
    _parts: dict[tuple[str, bool], tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _plain: dict[tuple[str, bool], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _numbers: dict[tuple[type, int | float], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _plurals: dict[tuple[type, int | float], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def entry(self, key: str) -> Entry:
        """The entry of ``key``; a :class:`BuildError` naming it when the catalog lacks it."""
        try:
            return self.entries[key]
        except KeyError:
            raise BuildError(
                f"the string catalog has no `{key}` (generator/assets/catalogs)"
            ) from None

    def plural(self, count: int | float) -> str:
        """The CLDR plural category of ``count`` in the catalog's language."""
        known = (type(count), count)
        category = self._plurals.get(known)
        if category is None:
            category = self._plurals[known] = str(self.locale.plural_form(count))
        return category

    def number(self, value: int | float) -> str:
        """A number as the language writes it (1,000 in English)."""
        known = (type(value), value)
        text = self._numbers.get(known)
        if text is None:
            text = self._numbers[known] = str(format_decimal(value, locale=self.locale))
        return text

    def list(self, items: list[str]) -> str:
        """Items joined as the language joins a list: "A and B", "A, B and C".

        The catalog's ``list`` patterns, applied as text.js applies them in the browser.
        """
        if len(items) < 2:
            return "".join(items)
        if len(items) == 2:
            return self.t("list.pair", first=items[0], second=items[1])
        rest = items[-2]
        for item in reversed(items[:-2]):
            rest = self.t("list.start", first=item, rest=rest)
        return self.t("list.end", rest=rest, last=items[-1])

    def t(self, key: str, /, **params: object) -> str:
        """The string of ``key`` with ``params`` in its placeholders; ``count`` picks a plural.

        Numbers are written as the language writes them; other values as they are (text
        from the data is the caller's to escape or render).
        """
        return self._fill(key, params, html=False)

    def html(self, key: str, /, **params: object) -> Markup:
        """The string of ``key`` as HTML, escaped: its text, and its parameters not HTML yet.

        A :class:`~markupsafe.Markup` parameter (what Jinja's filters give) is HTML already.
        """
        return Markup(self._fill(key, params, html=True))

    def _split(self, text: str, html: bool) -> tuple[str, ...]:
        """``text`` (escaped for HTML) as literal, name, literal, ..., literal."""
        known = (text, html)
        parts = self._parts.get(known)
        if parts is None:
            parts = self._parts[known] = tuple(
                _PLACEHOLDER.split(str(escape(text)) if html else text)
            )
        return parts

    def _fill(self, key: str, params: Mapping[str, object], html: bool) -> str:
        if not params:  # most calls: a label, the same text every time
            known = (key, html)
            text = self._plain.get(known)
            if text is None:
                text = self._plain[known] = self._fill_entry(key, params, html)
            return text
        return self._fill_entry(key, params, html)

    def _fill_entry(self, key: str, params: Mapping[str, object], html: bool) -> str:
        entry = self.entry(key)
        if isinstance(entry, dict):
            count = params.get("count")
            if not isinstance(count, int | float):
                raise BuildError(f"the string `{key}` has plural forms: give it a count")
            entry = entry.get(self.plural(count), entry["other"])
        parts = self._split(entry, html)
        if len(parts) == 1:
            return parts[0]
        out = [parts[0]]
        for at in range(1, len(parts), 2):
            name = parts[at]
            if name not in params:
                raise BuildError(f"the string `{key}` needs `{name}`")
            value = params[name]
            if isinstance(value, int | float) and not isinstance(value, bool):
                out.append(self.number(value))
            elif html and not hasattr(value, "__html__"):
                out.append(str(escape(str(value))))
            else:
                out.append(str(value))
            out.append(parts[at + 1])
        return "".join(out)


def catalog_files(language: str = FALLBACK) -> list[Path]:
    """The files :func:`load_catalog` reads for ``language``: English, then the language's own."""
    files = [CATALOGS / f"{FALLBACK}.yml"]
    for name in (language, language.split("-")[0]):
        path = CATALOGS / f"{name}.yml"
        if name and name != FALLBACK and path.is_file():
            files.append(path)
            break
    return files


def catalog_stamp(language: str = FALLBACK) -> tuple[object, ...]:
    """What a catalog of ``language`` is read from, and when each file last changed.

    A catalog kept under ``mkdocs serve`` is read again when its stamp changes.
    """
    return (language, *((path, path.stat().st_mtime_ns) for path in catalog_files(language)))


def load_catalog(language: str = FALLBACK) -> Catalog:
    """The catalog of ``language`` (``fr``, ``pt-BR``...), English where it has none."""
    english, *own = catalog_files(language)
    entries = dict(_read(english))
    found = FALLBACK
    for path in own:
        entries.update(_read(path))
        found = path.stem
    return Catalog(found, entries, _locale(found))


def keys_in_script(text: str) -> list[str]:
    """The catalog keys a widget script asks for, in order of first use."""
    return list(dict.fromkeys(_SCRIPT_KEY.findall(text)))


def script(catalog: Catalog, keys: Iterable[str]) -> str:
    """The statement that hands a bundle's scripts their strings (every key must exist)."""
    strings = {key: catalog.entry(key) for key in keys}
    data = json.dumps(strings, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # "</" would end a script element early should a bundle ever be inlined.
    data = data.replace("</", "<\\/")
    return f"StudySite.strings({json.dumps(catalog.language)},{data});\n"
