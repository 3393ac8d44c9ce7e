"""Headless Chromium: where Debian installs it and the flags it runs with here.

Shared by the PDF command and the browser tests, so both drive the same browser the same way.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.errors import BuildError

CHROMIUM = "/usr/bin/chromium"
"""Debian's Chromium (``apt-get install chromium``); Playwright cannot download one here."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
"""Launch flags: run as root in a container, and make no background requests."""

ENV_VAR = "STUDYSITE_CHROMIUM"
"""Environment variable naming another Chromium executable."""

INSTALL_HINT = (
    "install Debian's Chromium with `sudo apt-get install chromium` "
    f"(or set {ENV_VAR} to a Chromium executable)"
)


def find_chromium() -> Path:
    """The Chromium executable to use.

    Returns:
        ``$STUDYSITE_CHROMIUM`` when set, else ``/usr/bin/chromium``, else the first
        ``chromium`` or ``chromium-browser`` on the ``PATH``.

    Raises:
        BuildError: no Chromium is installed; the message says how to install it.
    """
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override)
        if path.is_file() and os.access(path, os.X_OK):
            return path
        raise BuildError(f"{ENV_VAR}={override} is not an executable file: {INSTALL_HINT}")
    if Path(CHROMIUM).is_file():
        return Path(CHROMIUM)
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return Path(found)
    raise BuildError(f"Chromium is not installed: {INSTALL_HINT}")
