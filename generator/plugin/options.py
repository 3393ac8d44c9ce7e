"""The plugin's options: what an author may set under ``- studysite:`` in mkdocs.yml.

Every command reads them the same way, through MkDocs' ``load_config``
(:func:`generator.config.load_project`), and the plugin gets them from MkDocs. Paths are
relative to mkdocs.yml.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class StudySiteConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs: untyped
    """The ``studysite`` plugin's options."""

    # The key is `data`: MkDocs drops the trailing underscore (a Config is a UserDict, whose
    # own `.data` holds the values).
    data_ = c.Optional(c.Type(str))
    """``data``: the exam's data folder, relative to mkdocs.yml (default ``data``).

    ``$STUDYSITE_DATA`` and the commands' ``--data`` override it for one run. An older
    project's ``extra.studysite_data`` is still read when this is unset.
    """

    allow_external = c.Type(bool, default=False)
    """Allow settings that make the site load from other hosts (default false).

    Off, the build fails on a Google font, ``repo_url`` (Material asks GitHub's API for the
    repository's facts), Mermaid or scripts from a CDN, analytics, or a script or stylesheet
    from another host, and names the setting. A theme that leaves ``font`` unset gets
    ``font: false``.
    """

    pdf_downloads = c.Type(bool, default=False)
    """Link each study sheet to its PDF under ``downloads/`` (default false).

    For a site whose study sheets are printed beside it: ``python -m generator pdf --publish
    site`` builds the site with this on and prints the PDFs into ``site/downloads``. A site
    without the PDFs must leave it off, or its study sheets link to missing files.
    """

    offline = c.Type(bool, default=False)
    """Build a copy that works opened from disk (``file://``; default false).

    Pages get ``page.html`` addresses, search gets its index as a script, instant navigation
    is off, and the iframe-worker shim (which runs search's worker from disk) is copied in
    from its npm package (see ``shim``). ``python -m generator offline`` turns it on for its
    build; the hosted site leaves it off.
    """

    csp = c.Type(bool, default=True)
    """Give every page a Content-Security-Policy (default true; ``mkdocs build`` only).

    A ``<meta>`` element that lets the page run the site's own scripts and its own inline
    scripts (by hash), and nothing that a text field could smuggle in: no inline handler,
    no ``javascript:`` address, no plugin object. Not under ``mkdocs serve`` (its live-reload
    script is inline) and not for builders without plugins (generator/plugin/csp.py).
    """

    shim = c.Optional(c.Type(str))
    """The iframe-worker shim for ``offline`` builds, relative to mkdocs.yml.

    Default: ``node_modules/iframe-worker/shim/index.js`` beside mkdocs.yml, which
    ``npm install iframe-worker`` puts there (or, in the generator's own repository,
    ``generator/node_modules/...``). Never fetched from a CDN.
    """
