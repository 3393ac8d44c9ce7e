"""The studysite plugin: what it adds to an author's configuration, what it refuses, what every
page keeps whatever the author's templates, and an older project's mkdocs.yml upgraded."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from generator.assets.bundle import OVERRIDES
from generator.plugin import site_config
from generator.plugin.plugin import StudySitePlugin
from tests.support.project import FIXTURES, mkdocs_build

MINIMAL = "site_name: x\ntheme:\n  name: material\nplugins:\n  - search\n  - studysite\n"
OLD_CONFIG = FIXTURES / "upgrade" / "mkdocs-before-plugin.yml"
"""This repository's mkdocs.yml before the plugin (git show 33b44ff:mkdocs.yml)."""


def _config(tmp_path: Path, text: str) -> MkDocsConfig:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return load_config(str(tmp_path / "mkdocs.yml"))


def test_the_extensions_the_pages_need_are_added_and_the_authors_settings_win(
    tmp_path: Path,
) -> None:
    config = _config(
        tmp_path,
        MINIMAL + "markdown_extensions:\n  - toc:\n      permalink: '#'\n      toc_depth: 2\n",
    )
    site_config.apply(config, allow_external=False)
    for name in ("abbr", "admonition", "attr_list", "md_in_html", "tables", "pymdownx.details"):
        assert name in config.markdown_extensions, name
    # The permalink's title is ours (in the site's language); what the author set wins.
    assert config.mdx_configs["toc"] == {
        "permalink": "#",
        "toc_depth": 2,
        "permalink_title": "Permanent link",
    }
    emoji = config.mdx_configs["pymdownx.emoji"]
    assert emoji["emoji_index"].__module__ == "material.extensions.emoji"
    assert config.markdown_extensions.count("toc") == 1


def test_an_unset_font_becomes_false_and_says_so_at_info(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = _config(tmp_path, MINIMAL)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.studysite"):
        site_config.apply(config, allow_external=False)
    assert config.theme["font"] is False
    (record,) = [r for r in caplog.records if "theme.font" in r.getMessage()]
    assert record.levelno == logging.INFO  # a warning would fail --strict
    assert OVERRIDES.as_posix() in [Path(d).as_posix() for d in config.theme.dirs]


@pytest.mark.parametrize(
    ("setting", "named"),
    [
        ("theme:\n  name: material\n  font:\n    text: Lato\n", "theme.font ({'text': 'Lato'})"),
        ("repo_url: https://github.com/me/exam\n", "repo_url (https://github.com/me/exam)"),
        ("extra:\n  analytics:\n    provider: google\n    property: G-X\n", "extra.analytics"),
        ("extra_javascript:\n  - https://cdn.example.org/x.js\n", "extra_javascript: https://"),
        (
            "markdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n"
            "        - {name: mermaid, class: mermaid}\n",
            "`mermaid` fence",
        ),
    ],
)
def test_a_setting_that_loads_from_another_host_fails_the_build_naming_it(
    tmp_path: Path, setting: str, named: str
) -> None:
    text = MINIMAL.replace("theme:\n  name: material\n", "") + setting
    if "theme:" not in setting:
        text += "theme:\n  name: material\n"
    config = _config(tmp_path, text)
    with pytest.raises(PluginError, match=re.escape(named)) as raised:
        site_config.apply(config, allow_external=False)
    assert "allow_external: true" in str(raised.value)
    allowed = _config(tmp_path, text)
    site_config.apply(allowed, allow_external=True)  # the author's choice, said in mkdocs.yml


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("site_name: x\nplugins:\n  - search\n  - studysite\n", "the theme is 'mkdocs'"),
        ("site_name: x\ntheme: {name: material}\nplugins:\n  - studysite\n", "no search plugin"),
        (MINIMAL + "extra_javascript: [assets/studysite.js]\n", "extra_javascript: assets/stud"),
    ],
)
def test_what_the_plugin_cannot_build_on_is_a_clear_error(
    tmp_path: Path, text: str, message: str
) -> None:
    config = _config(tmp_path, text)
    with pytest.raises(PluginError, match=re.escape(message)):
        site_config.apply(config, allow_external=False)


AUTHOR_MAIN = """{% extends "base.html" %}
{% block extrahead %}<meta name="author-override" content="yes">{% endblock %}
{% block scripts %}{{ super() }}{% endblock %}
"""
HOSTILE = "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(scope="module")
def author_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A minimal project whose author overrides main.html (extending Material's base.html)
    and writes a page of their own whose title holds markup."""
    project = tmp_path_factory.mktemp("author")
    shutil.copytree(FIXTURES / "mini", project / "data")
    (project / "theme").mkdir()
    (project / "theme" / "main.html").write_text(AUTHOR_MAIN)
    (project / "docs").mkdir()
    (project / "docs" / "notes.md").write_text(f"# Notes {HOSTILE}\n\nMine.\n")
    (project / "mkdocs.yml").write_text(
        MINIMAL.replace("  name: material\n", "  name: material\n  custom_dir: theme\n")
    )
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_an_authors_main_html_wins_and_cannot_drop_what_every_page_needs(
    author_site: Path,
) -> None:
    pages = ["index.html", "notes/index.html", "domain-1/index.html", "404.html"]
    for page in pages:
        raw = (author_site / page).read_text(encoding="utf-8")
        soup = _soup(author_site / page)
        assert soup.find("meta", attrs={"name": "author-override"}), page  # theirs is used
        assert 'document.documentElement.classList.add("ss-js")' in raw, page
        scripts = [str(s["src"]) for s in soup.find_all("script", src=True)]
        ours = next(i for i, s in enumerate(scripts) if s.endswith("assets/studysite.min.js"))
        material = next(i for i, s in enumerate(scripts) if "assets/javascripts/bundle." in s)
        assert ours < material, (page, scripts)
        assert soup.select_one('[data-ss-exam="demo"]') is not None, page
        assert len(soup.find_all("title")) == 1, page
    raw = (author_site / "notes" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", raw, re.DOTALL)
    assert title is not None
    assert (
        title.group(1)
        == "Notes &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; - DEMO-01 study site"
    )
    assert "<script>alert(1)" not in raw


def test_the_site_loads_nothing_from_another_host_by_default(author_site: Path) -> None:
    for path in author_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, path
        assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', text), path


def _old_project(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    shutil.copy(OLD_CONFIG, tmp_path / "mkdocs.yml")
    return tmp_path


def _edit(project: Path, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text, old
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_older_mkdocs_yml_says_what_to_change_until_it_builds(tmp_path: Path) -> None:
    # The steps of the "Upgrading" note: each stop names what to change next.
    project = _old_project(tmp_path)
    site = tmp_path / "site"
    stopped = mkdocs_build(project, site)
    assert stopped.returncode == 1
    # MkDocs' own messages: the overrides folder and the hook file are gone from a fork.
    assert "custom_dir" in stopped.stderr and "generator/plugin/overrides" in stopped.stderr
    _edit(project, "  custom_dir: generator/plugin/overrides\n", "")
    stopped = mkdocs_build(project, site)
    assert 'The "minify" plugin is not installed' in stopped.stderr  # no longer needed
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    minify = text[
        text.index("  # Serves the widget bundles") : text.index("  # Off for the hosted")
    ]
    _edit(project, minify, "")
    stopped = mkdocs_build(project, site)
    assert "Config value 'hooks'" in stopped.stderr and "generator/plugin/hook.py" in stopped.stderr
    _edit(project, "hooks:\n  - generator/plugin/hook.py\nwatch:\n  - generator\n", "")
    _edit(project, "plugins:\n", "plugins:\n  - studysite\n")
    stopped = mkdocs_build(project, site)
    assert stopped.returncode == 1
    assert (
        "extra_css: assets/studysite.css; extra_javascript: assets/studysite.js" in stopped.stderr
    )
    _edit(project, "extra_css:\n  - assets/studysite.css\n", "")
    _edit(project, "extra_javascript:\n  - assets/studysite.js\n", "")
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stderr
    # extra.studysite_data still names the data folder; the build says where it goes now.
    home = _soup(site / "index.html")
    assert home.title is not None and "DEMO-01 study site" in home.title.get_text()
    assert (site / "assets" / "studysite.min.js").is_file()
    assert (site / "domain-1" / "index.html").is_file()
    info = mkdocs_build(project, tmp_path / "again", "-v")
    assert "the studysite plugin's `data` option does that now" in info.stderr


def test_a_serve_rebuild_keeps_the_catalog_until_the_language_changes(tmp_path: Path) -> None:
    """The plugin reads the string catalog once and keeps it (with the labels and numbers it
    has worked out) from one ``mkdocs serve`` build to the next; another language, or a
    changed catalog file (its stamp), is read again."""
    from generator.assets.catalog import catalog_files, catalog_stamp

    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    first = _config(tmp_path, MINIMAL)
    plugin = first.plugins["studysite"]
    assert isinstance(plugin, StudySitePlugin)
    first.plugins.on_startup(command="serve", dirty=False)
    try:
        first.plugins.on_config(first)
        assert not plugin.errors and plugin.generated
        kept = plugin.catalog
        again = _config(tmp_path, MINIMAL)
        assert id(again.plugins["studysite"]) == id(plugin)  # the same instance
        again.plugins.on_config(again)
        assert plugin.catalog is kept
        other = _config(
            tmp_path, MINIMAL.replace("  name: material\n", "  name: material\n  language: fr\n")
        )
        other.plugins.on_config(other)
        assert plugin.catalog is not kept
    finally:
        first.plugins.on_shutdown()
    assert catalog_stamp("fr") != catalog_stamp("en")
    assert [p.name for p in catalog_files("xx")] == ["en.yml"]
