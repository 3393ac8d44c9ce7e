"""What a command may write: never a source or project file, nor a user's file unasked.

Issue 34.

``export --out FILE`` replaced ``data/exam.yml``, ``README.md`` or ``mkdocs.yml`` without a
word, ``offline --zip`` any file, ``pdf --out`` a PDF of the same name, and ``downloads
--docs data`` wrote into the data folder. The commands check their outputs here before they
check or build anything, so a refused run writes nothing:

- never into the data folder or the docs folder (``--force`` or not), nor into a folder that
  holds the data folder (:func:`check_output_file`, :func:`check_output_folder`);
- never over the project's own files (:data:`PROJECT_FILES`, and the mkdocs.yml in use);
- an existing file only with ``--force``, or when an earlier run of the same command made it
  and nobody has changed it since (:class:`Record`, for ``pdf``, which writes several).

Every refusal is a :class:`~generator.errors.BuildError` that names the path, says why and
what to do instead.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.config import Project, relative
from generator.errors import BuildError

PROJECT_FILES = ("mkdocs.yml", "pyproject.toml", "README.md")
"""Files of the project that no command output replaces, ``--force`` or not."""


def _sources(project: Project) -> list[tuple[Path, str]]:
    """The folders no output may go into, with how a message names them."""
    return [
        (project.data.path.resolve(), "the data folder, which holds the exam's sources"),
        (project.docs_dir.resolve(), "the docs folder, which holds the site's own pages"),
    ]


def check_output_file(out: Path, project: Project, *, force: bool, what: str = "file") -> None:
    """Refuse an output file that a command must not write (see the module docstring).

    Args:
        out: The file to write.
        project: The project of this run (its data and docs folders, its root).
        force: ``--force``: an existing file may be replaced (not a source or project file).
        what: How messages name the output ("zip", "file").

    Raises:
        BuildError: ``out`` is inside the data or docs folder, is a project file, or exists
            and ``force`` is not set.
    """
    target = out.resolve()
    for folder, name in _sources(project):
        if target.is_relative_to(folder):
            raise BuildError(
                f"refusing to write the {what} {relative(out)}: it is inside "
                f"{relative(folder)}, {name}; write it elsewhere, such as dist/"
            )
    config = project.config.config_file_path if project.config is not None else None
    protected = {project.root.resolve() / name for name in PROJECT_FILES}
    if config:
        protected.add(Path(config).resolve())
    if target in protected:
        raise BuildError(
            f"refusing to replace {relative(out)}: it is a file of the project, which no "
            f"command replaces (not even with --force); write the {what} elsewhere, such as dist/"
        )
    if target.exists() and not target.is_dir() and not force:
        raise BuildError(
            f"refusing to replace {relative(out)}: it exists; choose another name, or add "
            "--force to replace it"
        )


def check_output_folder(folder: Path, project: Project, *, what: str) -> None:
    """Refuse an output folder that is, is in, or holds the data folder.

    Raises:
        BuildError: naming the folder and the data folder.
    """
    target = folder.resolve()
    data = project.data.path.resolve()
    if target.is_relative_to(data) or data.is_relative_to(target):
        raise BuildError(
            f"refusing to write {what} into {relative(folder)}: it is, is in, or holds the "
            f"data folder {relative(data)}, which holds the exam's sources and only them; "
            "name another folder"
        )


@dataclass
class Record:
    """What a command wrote into a folder before: file name -> SHA-256 of its bytes.

    Kept in the folder as a hidden JSON file. A file it lists with the same bytes is the
    command's own and may be replaced; any other existing file needs ``--force``.
    """

    folder: Path
    name: str
    files: dict[str, str] = field(default_factory=dict)

    @property
    def path(self) -> Path:
        """The record's own file."""
        return self.folder / self.name

    @classmethod
    def read(cls, folder: Path, name: str) -> Record:
        """The record in ``folder``, empty when there is none or it cannot be read."""
        record = cls(folder, name)
        try:
            data = json.loads(record.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return record
        if isinstance(data, dict):
            record.files = {
                k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)
            }
        return record

    def made(self, path: Path) -> bool:
        """Whether ``path`` is a file this record lists, unchanged since."""
        digest = self.files.get(path.name)
        return digest is not None and path.is_file() and digest == _digest(path)

    def refuse_foreign(self, paths: list[Path], *, force: bool) -> None:
        """Refuse to replace any of ``paths`` that exists and is not the command's own.

        Raises:
            BuildError: naming the first such file, unless ``force``.
        """
        if force:
            return
        foreign = [p for p in paths if p.exists() and not self.made(p)]
        if foreign:
            more = f" and {len(foreign) - 1} more" if len(foreign) > 1 else ""
            raise BuildError(
                f"refusing to replace {relative(foreign[0])}{more}: an earlier run of this "
                "command did not write it, or it was changed since; move it, choose another "
                "folder, or add --force to replace it"
            )

    def add(self, paths: list[Path]) -> None:
        """List ``paths`` (just written) and save the record."""
        for path in paths:
            self.files[path.name] = _digest(path)
        self.path.write_text(json.dumps(self.files, indent=1, sort_keys=True) + "\n", "utf-8")


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
