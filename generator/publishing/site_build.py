"""Site build: ``mkdocs build --strict`` in this process, on a project the command loaded.

The commands that need a built site (``offline``, ``pdf``) load the project through MkDocs
(:func:`generator.config.load_project`, with ``site_dir`` and ``strict`` for the run), set the
plugin's options for the run as arguments, and build here: no second process, and nothing
passed through the environment.
"""

from __future__ import annotations

from generator.config import Project
from generator.errors import BuildError


def build_site(project: Project, *, what: str = "the site") -> None:
    """Build ``project`` into its ``site_dir`` as ``mkdocs build`` does (staged, strict if set).

    Raises:
        BuildError: MkDocs stopped (a configuration or plugin error, or a warning under
            ``strict``); the message says which build.
    """
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    config = project.config
    if config is None:
        project.plugin_for_build()  # raises, saying that there is no mkdocs.yml
        return
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except MkDocsException as error:
        raise BuildError(f"building {what} failed: {error.format_message()}") from error
    finally:
        config.plugins.on_shutdown()
