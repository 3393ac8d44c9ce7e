"""The built site served on 127.0.0.1 as a real static host serves it.

Like GitHub Pages: under the path of ``site_url`` (``/studysite/``), text compressed with gzip
when the browser accepts it, and ``404.html`` with status 404 for an address that has no file.
Used by the accessibility test (so the 404 page gets its stylesheets) and by Lighthouse, whose
scores depend on compression.
"""

from __future__ import annotations

import gzip
import os
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.publishing.local_server import QuietHandler, serve_folder

PREFIX = "/studysite/"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class HostHandler(QuietHandler):
    """Files under ``PREFIX``, gzip for text, the site's 404 page for anything missing."""

    def do_GET(self) -> None:
        """Send the file, compressed when it is text and the browser accepts gzip."""
        path = self.file_for(self.path)
        status = HTTPStatus.OK
        if path is None:
            path, status = Path(self.directory) / "404.html", HTTPStatus.NOT_FOUND
        body = path.read_bytes()
        compress = path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", "")
        if compress:
            body = gzip.compress(body, compresslevel=6)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)

    def file_for(self, url_path: str) -> Path | None:
        """The file an address names (a folder gives its index.html), or None."""
        path = unquote(urlsplit(url_path).path)
        if not path.startswith(PREFIX):
            return None
        parts = [
            p for p in posixpath.normpath(path[len(PREFIX) :]).split("/") if p not in ("", ".")
        ]
        if ".." in parts:
            return None
        target = Path(self.directory, *parts)
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() and os.access(target, os.R_OK) else None


@contextmanager
def serve_like_a_host(site: Path) -> Iterator[str]:
    """Serve ``site`` as a host would; yield its base URL (ending in ``/studysite/``)."""
    with serve_folder(site, HostHandler, PREFIX) as url:
        yield url
