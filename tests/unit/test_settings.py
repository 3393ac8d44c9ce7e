"""One reader of the settings: mkdocs.yml through MkDocs' load_config, the plugin's options,
overridden by $STUDYSITE_DATA, overridden by --data; no environment between our own parts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.assets.catalog import load_catalog
from generator.commands import main
from generator.config import (
    DATA_ENV,
    ORIGIN_DEFAULT,
    ORIGIN_ENV,
    ORIGIN_LEGACY,
    ORIGIN_OPTION,
    ORIGIN_SETTING,
    DataFolder,
    data_folder,
    load_project,
)
from generator.content.model import Exam
from generator.errors import BuildError
from generator.site.texts import site_texts
from tests.support.project import FIXTURES, ROOT

PLUGIN_CONFIG = (
    "site_name: x\ntheme: {name: material}\n"
    'site_url: !ENV [SITE_URL, "https://example.org/"]\n'
    "markdown_extensions:\n  - pymdownx.emoji:\n"
    "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    "plugins:\n  - search\n  - studysite:\n      data: exams/mine\n"
)


def test_no_tracked_file_is_a_symlink_out_of_the_repository() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    links = [line.split("\t", 1)[1] for line in listed.splitlines() if line.startswith("120000")]
    outside = [link for link in links if not (ROOT / link).resolve().is_relative_to(ROOT.resolve())]
    assert outside == []
    ignore = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".venv" in ignore  # without a slash: a folder or a symlink


def test_the_setting_is_the_plugins_data_option_in_mkdocs_yml(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    project = load_project(None, None, None)
    assert project.data == DataFolder(Path("data"), ORIGIN_SETTING)
    assert project.docs_dir == ROOT / "docs"
    assert project.config is not None and "hooks" not in (ROOT / "mkdocs.yml").read_text()


def test_precedence_option_then_environment_then_option_then_legacy_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(PLUGIN_CONFIG)  # tags (!ENV, !!python/name) are read as MkDocs reads them
    assert load_project(None, None, None).data == DataFolder(Path("exams/mine"), ORIGIN_SETTING)
    assert load_project(None, None, "other").data == DataFolder(Path("other"), ORIGIN_ENV)
    assert load_project(None, Path("cli"), "other").data == DataFolder(Path("cli"), ORIGIN_OPTION)
    assert load_project(None, None, "").data.origin == ORIGIN_SETTING
    # An older project's extra.studysite_data is still read when the option is unset.
    config.write_text(
        PLUGIN_CONFIG.replace("      data: exams/mine\n", "") + "extra:\n  studysite_data: old\n"
    )
    assert load_project(None, None, None).data == DataFolder(Path("old"), ORIGIN_LEGACY)
    config.write_text(PLUGIN_CONFIG.replace("      data: exams/mine\n", ""))
    assert load_project(None, None, None).data == DataFolder(Path("data"), ORIGIN_DEFAULT)
    assert data_folder(tmp_path, None, None, "a", "b") == DataFolder(Path("a"), ORIGIN_SETTING)


def test_the_setting_is_relative_to_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mkdocs.yml").write_text(PLUGIN_CONFIG.replace("exams/mine", "mine"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    project = load_project(Path("../mkdocs.yml"), None, None)
    assert project.data.path == Path("../mine")


def test_without_mkdocs_yml_the_data_commands_use_the_defaults_and_builds_say_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(DATA_ENV, raising=False)
    project = load_project(None, None, None)
    assert project.config is None and project.data == DataFolder(Path("data"), ORIGIN_DEFAULT)
    assert main(["-q", "check"]) == 0
    assert main(["offline"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: there is no mkdocs.yml in .: write one with `studysite init DIR`")


def test_a_mkdocs_yml_without_the_plugin_stops_the_site_commands_with_what_to_add(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme: {name: material}\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(DATA_ENV, raising=False)
    assert main(["-q", "check"]) == 0  # the data alone needs no plugin
    assert main(["pdf"]) == 2
    assert capsys.readouterr().err == (
        "error: mkdocs.yml does not list the studysite plugin, which builds the study site: add "
        "`- studysite` under `plugins:` (after `- search`), with the data folder as its option "
        "if it is not `data`: `- studysite: {data: DIR}`\n"
    )


def test_the_old_hook_is_a_clear_error_naming_what_to_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ntheme: {name: material}\nhooks:\n  - generator/plugin/hook.py\n"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot read mkdocs.yml: Config value 'hooks': ")
    assert err.endswith(
        "the generator is a MkDocs plugin now: remove `hooks:` from mkdocs.yml and list "
        "`- studysite` under `plugins:` (the data folder is its `data` option)\n"
    )
    # A fork that still has the file: the hook would run beside the plugin.
    (tmp_path / "generator" / "plugin").mkdir(parents=True)
    (tmp_path / "generator" / "plugin" / "hook.py").write_text("")
    with pytest.raises(BuildError, match=r"still runs the old hook .*remove `hooks:`"):
        load_project(None, None, None)


@pytest.fixture
def two_exams(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """./data (the mini fixture) and ./other (the same, renamed exam) in the working folder."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    shutil.copytree(FIXTURES / "mini", tmp_path / "other")
    exam = tmp_path / "other" / "exam.yml"
    exam.write_text(exam.read_text().replace("title: Demo Certification", "title: Other Exam"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(DATA_ENV, raising=False)
    return tmp_path


@pytest.mark.parametrize(
    "argv",
    [
        ["--data", "other", "build"],
        ["build", "--data", "other"],
        ["-q", "build", "--data", "other"],
        ["build", "-q", "--data", "other", "--docs", "docs"],
    ],
)
def test_data_option_before_or_after_the_command(
    two_exams: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 0
    assert "title: Other Exam" in (two_exams / "docs" / "index.md").read_text()
    out = capsys.readouterr().out
    if "-q" in argv:
        assert out == ""
    else:
        assert re.fullmatch(r"built \S*docs from other: \d+ written, 0 unchanged, 0 removed\n", out)


def test_environment_names_the_folder_for_check(
    two_exams: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (two_exams / "other" / "domain-1" / "notes.txt").write_text("x")
    monkeypatch.setenv(DATA_ENV, "other")
    assert main(["check"]) == 0
    assert "warning: other/domain-1/notes.txt: not read" in capsys.readouterr().err


def test_site_texts_come_from_the_exam() -> None:
    exam = Exam.model_validate(
        {
            "id": "x",
            "title": "Widget Engineer",
            "code": "WE-1",
            "provider": "Widget Co",
            "questions": 1,
            "minutes": 1,
            "summary": "s",
            "domains": [{"number": 1, "title": "t", "weight": 100}],
        }
    )
    texts = site_texts(exam, load_catalog())
    assert texts.name == "WE-1 study site"
    assert texts.description == (
        "Study pages, decision trees, comparison tables and self-check quizzes for "
        "Widget Engineer (WE-1) from Widget Co."
    )
    assert texts.copyright == (
        "Study notes written for learners. Not affiliated with or endorsed by Widget Co."
    )
    assert (
        site_texts(exam.model_copy(update={"disclaimer": "Mine."}), load_catalog()).copyright
        == "Mine."
    )


def test_pages_workflow_honours_the_setting() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    build = workflow["jobs"]["build"]
    assert build["env"][DATA_ENV] == "${{ vars.STUDYSITE_DATA }}"
    runs = "\n".join(str(step.get("run", "")) for step in build["steps"])
    assert "--data" not in runs and "data/" not in runs  # every step reads the one setting


def test_no_environment_variable_is_read_outside_the_edges() -> None:
    # The user's overrides are read where the user gives them: the command line and the
    # plugin (STUDYSITE_DATA), the zip's time (SOURCE_DATE_EPOCH) and the PDF's browser
    # (STUDYSITE_CHROMIUM). SITE_URL is mkdocs.yml's own !ENV.
    readers = {}
    for path in sorted((ROOT / "generator").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*global\s", text, re.MULTILINE), f"{path}: a global statement"
        found = re.findall(r"os\.environ(?:\.get)?\(?\[?([^)\]]*)", text)
        if found:
            readers[path.relative_to(ROOT).as_posix()] = sorted(found)
    assert readers == {
        "generator/commands/common.py": ["DATA_ENV"],
        "generator/plugin/plugin.py": ["DATA_ENV"],
        "generator/publishing/chromium.py": ["ENV_VAR"],
        "generator/publishing/offline.py": ['"SOURCE_DATE_EPOCH", ""'],
    }


def test_benchmark_names_its_bank_as_an_argument() -> None:
    text = "".join(p.read_text() for p in sorted((ROOT / "tests" / "bench").glob("*.py")))
    assert "STUDYSITE_DATA" not in text and "DATA_ENV" not in text
