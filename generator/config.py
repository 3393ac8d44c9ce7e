"""The project's settings, read once through MkDocs' ``load_config`` by every command.

A project is a ``mkdocs.yml`` that lists the ``studysite`` plugin (its options:
:class:`generator.plugin.options.StudySiteConfig`) and a folder of exam data. The plugin gets
its options from MkDocs; the commands get them here, from the same ``load_config``, so there
is one reader of ``mkdocs.yml`` and no environment variable between the generator's own
parts. Commands pass what they decided on (``--data``, the offline switch...) to the plugin
as arguments (:meth:`Project.plugin_for_build`).

The data folder is the plugin's ``data`` option (relative to mkdocs.yml); an older project's
``extra.studysite_data`` is still read when the option is unset. ``$STUDYSITE_DATA`` overrides
both, and ``--data`` overrides everything: the environment is read at the edges only, by the
command line (:mod:`generator.commands.common`) and the plugin, and handed in here.

``docs/`` remembers which folder its pages came from, so a build that would silently replace
one exam's pages with another's stops and says which folder to name instead.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import BuildError
from generator.plugin.options import StudySiteConfig

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.plugin.plugin import StudySitePlugin

#: The environment variable that overrides the data folder for one run (a user's override).
DATA_ENV = "STUDYSITE_DATA"
#: The plugin's name under ``plugins:`` in mkdocs.yml (its ``mkdocs.plugins`` entry point).
PLUGIN = "studysite"
#: The key under ``extra:`` that named the data folder before the plugin (still read).
LEGACY_SETTING = "studysite_data"
CONFIG_FILE = "mkdocs.yml"
DEFAULT = "data"
#: Where docs/ records the data folder its pages were generated from.
SOURCE_RECORD = ".generated/data-folder.json"
#: The hook files that ran the generator before it was a plugin (``hooks:`` in mkdocs.yml).
OLD_HOOKS = ("generator/plugin/hook.py", "generator/mkdocs_hook.py")

ORIGIN_OPTION = "--data"
ORIGIN_ENV = DATA_ENV
ORIGIN_SETTING = f"the {PLUGIN} plugin's data option in {CONFIG_FILE}"
ORIGIN_LEGACY = f"extra.{LEGACY_SETTING} in {CONFIG_FILE}"
ORIGIN_DEFAULT = "the default"

# MkDocs shows its plugins' messages (the `mkdocs.` loggers); the command line its warnings.
log = logging.getLogger("mkdocs.plugins.studysite")


@dataclass(frozen=True)
class DataFolder:
    """A data folder and where its name came from."""

    path: Path
    origin: str

    @property
    def explicit(self) -> bool:
        """Named for this run (``--data`` or the environment), not by the project's setting."""
        return self.origin in (ORIGIN_OPTION, ORIGIN_ENV)


def data_folder(
    root: Path,
    option: Path | None = None,
    environment: str | None = None,
    configured: str | None = None,
    legacy: str | None = None,
) -> DataFolder:
    """Resolve the data folder: ``--data``, else ``$STUDYSITE_DATA``, else the settings.

    Args:
        root: The project folder (where mkdocs.yml is); the settings are relative to it.
        option: The ``--data`` value, if given (relative to the working folder).
        environment: The value of ``$STUDYSITE_DATA`` (read by the caller), if set.
        configured: The plugin's ``data`` option, if set.
        legacy: ``extra.studysite_data``, if set (read only when the option is not).
    """
    if option is not None:
        return DataFolder(Path(option), ORIGIN_OPTION)
    if environment:
        return DataFolder(Path(environment), ORIGIN_ENV)
    if configured:
        return DataFolder(relative(root / configured), ORIGIN_SETTING)
    if legacy:
        log.info(
            "extra.%s in %s names the data folder; the %s plugin's `data` option does that "
            "now: move it under `- %s:` in plugins",
            LEGACY_SETTING,
            CONFIG_FILE,
            PLUGIN,
            PLUGIN,
        )
        return DataFolder(relative(root / legacy), ORIGIN_LEGACY)
    return DataFolder(relative(root / DEFAULT), ORIGIN_DEFAULT)


def relative(path: Path) -> Path:
    """``path`` relative to the working folder, for messages (absolute on another drive)."""
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # pragma: no cover - another drive on Windows
        return path


def legacy_setting(config: MkDocsConfig) -> str | None:
    """``extra.studysite_data`` of an older project's mkdocs.yml, if set."""
    value = config.extra.get(LEGACY_SETTING)
    return str(value) if value else None


@dataclass
class Project:
    """A project as the commands see it: its mkdocs.yml (if any), folders and options."""

    root: Path
    """The folder of mkdocs.yml (the working folder when there is none)."""
    docs_dir: Path
    data: DataFolder
    options: StudySiteConfig
    config: MkDocsConfig | None = None
    """MkDocs' reading of mkdocs.yml; None when the project has none."""

    def plugin_for_build(self) -> StudySitePlugin:
        """The loaded plugin, told this run's data folder when the command named one.

        Raises:
            BuildError: the project has no mkdocs.yml, or it does not list the plugin.
        """
        from generator.plugin.plugin import StudySitePlugin

        plugin = self.config.plugins.get(PLUGIN) if self.config is not None else None
        if not isinstance(plugin, StudySitePlugin):
            raise BuildError(_no_plugin_message(self.root))
        plugin.data_override = self.data if self.data.explicit else None
        return plugin


def _no_plugin_message(root: Path) -> str:
    if not (root / CONFIG_FILE).is_file():
        return (
            f"there is no {CONFIG_FILE} in {relative(root)}: write one with `studysite init "
            "DIR` (it writes a minimal one beside the new data folder), or run the command in "
            f"the folder that holds your {CONFIG_FILE}"
        )
    return (
        f"{relative(root / CONFIG_FILE)} does not list the {PLUGIN} plugin, which builds the "
        f"study site: add `- {PLUGIN}` under `plugins:` (after `- search`), with the data "
        f"folder as its option if it is not `data`: `- {PLUGIN}: {{data: DIR}}`"
    )


def load_project(
    config_file: Path | None,
    data_option: Path | None,
    environment: str | None,
    *,
    need_plugin: bool = False,
    **overrides: object,
) -> Project:
    """Read the project at ``config_file`` (default ``./mkdocs.yml``) through MkDocs.

    Without a mkdocs.yml, or one that does not list the plugin, the data commands still work
    with the defaults (data folder ``data``, docs folder ``docs``); ``need_plugin`` makes both
    an error, for the commands that build the site.

    Args:
        config_file: ``-f``'s value, or None for ``mkdocs.yml`` in the working folder.
        data_option: ``--data``'s value, or None.
        environment: ``$STUDYSITE_DATA``'s value, or None.
        need_plugin: Raise unless mkdocs.yml exists and lists the plugin.
        overrides: Settings of mkdocs.yml to replace for this run (``site_dir``...).

    Raises:
        BuildError: mkdocs.yml cannot be read, runs the old hook, or (``need_plugin``) is
            missing or lacks the plugin.
    """
    file = config_file or Path(CONFIG_FILE)
    if not file.is_file():
        if config_file is not None:
            raise BuildError(f"there is no {file}: -f names the project's {CONFIG_FILE}")
        root = Path.cwd()
        if need_plugin:
            raise BuildError(_no_plugin_message(root))
        return Project(
            root, root / "docs", data_folder(root, data_option, environment), StudySiteConfig()
        )
    config = load_mkdocs_config(file, **overrides)
    root = Path(config.config_file_path or file).resolve().parent
    check_no_old_hook(config)
    plugin = config.plugins.get(PLUGIN)
    options = plugin.config if plugin is not None else None
    if not isinstance(options, StudySiteConfig):
        if need_plugin:
            raise BuildError(_no_plugin_message(root))
        options = StudySiteConfig()
    data = data_folder(root, data_option, environment, options.data_, legacy_setting(config))
    return Project(root, Path(config.docs_dir), data, options, config)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _collected(logger: str) -> Iterator[_Collect]:
    handler = _Collect()
    logging.getLogger(logger).addHandler(handler)
    try:
        yield handler
    finally:
        logging.getLogger(logger).removeHandler(handler)


def load_mkdocs_config(file: Path, **overrides: Any) -> MkDocsConfig:
    """MkDocs' ``load_config`` of ``file``, its errors as one :class:`BuildError`.

    MkDocs logs each configuration error (to the ``mkdocs.config`` logger) and then raises
    ``Abort`` with their count only; the message here names them, and says what to change
    when ``hooks:`` still names the generator's old hook file.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _collected("mkdocs.config") as errors:
        try:
            return load_config(str(file), **overrides)
        except MkDocsException as error:
            found = "; ".join(errors.messages) or error.format_message()
    if any("'hooks'" in message for message in errors.messages):
        found += "; " + _old_hook_advice(file)
    raise BuildError(f"cannot read {relative(file)}: {found}")


def _old_hook_advice(file: Path) -> str:
    return (
        f"the generator is a MkDocs plugin now: remove `hooks:` from {relative(file)} and list "
        f"`- {PLUGIN}` under `plugins:` (the data folder is its `data` option)"
    )


def check_no_old_hook(config: MkDocsConfig) -> None:
    """Raise :class:`BuildError` if ``hooks:`` still runs the generator's old hook file."""
    for hook in config.hooks:
        if Path(hook).as_posix().endswith(OLD_HOOKS):
            raise BuildError(
                f"{CONFIG_FILE} still runs the old hook {hook}: "
                + _old_hook_advice(Path(config.config_file_path or CONFIG_FILE))
            )


def recorded_folder(docs_dir: Path) -> Path | None:
    """The data folder docs/'s generated pages came from, if recorded."""
    try:
        data = json.loads((docs_dir / SOURCE_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get("data") if isinstance(data, dict) else None
    return Path(value) if isinstance(value, str) else None


def check_same_source(folder: DataFolder, docs_dir: Path) -> None:
    """Refuse to replace docs/'s pages of one data folder by those of another, unasked.

    Raises:
        BuildError: docs/ was generated from another folder and this run did not name its
            folder explicitly.
    """
    recorded = recorded_folder(docs_dir)
    if recorded is None or folder.explicit or _same(recorded, folder.path):
        return
    shown = relative(recorded)
    raise BuildError(
        f"{relative(docs_dir)} holds the pages of the data folder {shown}, and this build would "
        f"replace them with those of {folder.path} ({folder.origin}). Name the folder you "
        f"mean: set `data: {shown}` under `- {PLUGIN}:` in {CONFIG_FILE}, or run with "
        f"{DATA_ENV}={shown}, or pass --data {folder.path} to build from {folder.path}"
    )


def record_source(folder: DataFolder, docs_dir: Path) -> None:
    """Remember which data folder docs/'s pages came from (written only when it changes)."""
    record = docs_dir / SOURCE_RECORD
    text = json.dumps({"data": str(folder.path.resolve())}) + "\n"
    try:
        if record.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(text, encoding="utf-8")


def _same(first: Path, second: Path) -> bool:
    return first.resolve() == second.resolve()
