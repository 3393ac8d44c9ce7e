"""A static file server on 127.0.0.1, for printing the built site and for browser tests."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging every request."""

    def log_message(self, format: str, *args: object) -> None:
        """Keep the server quiet: requests are not news."""


@contextmanager
def serve_folder(
    folder: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler, prefix: str = "/"
) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port in a thread; yield its base URL + ``prefix``."""
    server = ThreadingHTTPServer((HOST, 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
