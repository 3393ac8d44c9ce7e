"""The data-folder setting: which folder of exam data a run reads, and where that was said.

The folder of exam data is named in one place: ``studysite_data`` under ``extra:`` in
mkdocs.yml (relative to that file). ``$STUDYSITE_DATA`` overrides it, and ``--data`` on the
command line overrides both. The CLI, the MkDocs hook (and so ``mkdocs build``, ``mkdocs
serve``, ``offline`` and the Pages workflow) and the benchmark all ask :func:`data_folder`.

``docs/`` remembers which folder its pages came from, so a build that would silently replace
one exam's pages with another's stops and says which folder to name instead.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.errors import BuildError

#: The environment variable that overrides the setting.
DATA_ENV = "STUDYSITE_DATA"
#: The key under ``extra:`` in mkdocs.yml.
SETTING = "studysite_data"
CONFIG_FILE = "mkdocs.yml"
DEFAULT = "data"
#: Where docs/ records the data folder its pages were generated from.
SOURCE_RECORD = ".generated/data-folder.json"

ORIGIN_OPTION = "--data"
ORIGIN_ENV = DATA_ENV
ORIGIN_SETTING = f"extra.{SETTING} in {CONFIG_FILE}"
ORIGIN_DEFAULT = "the default"


@dataclass(frozen=True)
class DataFolder:
    """A data folder and where its name came from."""

    path: Path
    origin: str

    @property
    def explicit(self) -> bool:
        """Named for this run (``--data`` or the environment), not by the project's setting."""
        return self.origin in (ORIGIN_OPTION, ORIGIN_ENV)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its tags (``!ENV``, ``!!python/name``...)."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, s, n: None)


def configured_folder(config_file: Path) -> str | None:
    """The value of ``extra.studysite_data`` in ``config_file``, or None when unset."""
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError):
        return None
    extra = config.get("extra") if isinstance(config, dict) else None
    value = extra.get(SETTING) if isinstance(extra, dict) else None
    return str(value) if value else None


def data_folder(
    root: Path,
    option: Path | None = None,
    configured: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> DataFolder:
    """Resolve the data folder: ``--data``, else ``$STUDYSITE_DATA``, else the setting.

    Args:
        root: The project folder (where mkdocs.yml is); the setting is relative to it.
        option: The ``--data`` value, if given (relative to the working folder).
        configured: The setting's value when the caller already read mkdocs.yml (the hook);
            None to read ``root/mkdocs.yml``.
        environ: The environment (default: ``os.environ``).
    """
    env = os.environ if environ is None else environ
    if option is not None:
        return DataFolder(Path(option), ORIGIN_OPTION)
    if env.get(DATA_ENV):
        return DataFolder(Path(env[DATA_ENV]), ORIGIN_ENV)
    value = configured if configured is not None else configured_folder(root / CONFIG_FILE)
    if value:
        return DataFolder(_relative(root / value), ORIGIN_SETTING)
    return DataFolder(_relative(root / DEFAULT), ORIGIN_DEFAULT)


def _relative(path: Path) -> Path:
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # pragma: no cover - another drive on Windows
        return path


@contextmanager
def exported(folder: DataFolder) -> Iterator[None]:
    """Pass an explicitly named folder on to MkDocs (the hook reads the environment)."""
    if not folder.explicit:
        yield
        return
    with environment_variable(DATA_ENV, str(folder.path.resolve())):
        yield


@contextmanager
def environment_variable(name: str, value: str) -> Iterator[None]:
    """Set an environment variable for the duration of the block, then restore it."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


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
    shown = _relative(recorded)
    raise BuildError(
        f"{_relative(docs_dir)} holds the pages of the data folder {shown}, and this build would "
        f"replace them with those of {folder.path} ({folder.origin}). Name the folder you "
        f"mean: set `{SETTING}: {shown}` under `extra:` in {CONFIG_FILE}, or run with "
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
