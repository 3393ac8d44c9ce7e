"""Theme cache: the theme's Jinja templates, compiled once per process.

MkDocs makes a new Jinja environment for every build, so under ``mkdocs serve`` each edit
compiled Material's templates again (about a fifth of a small site's rebuild). The plugin's
``on_env`` (a documented event) gives each build's environment one :class:`CompiledTemplates`
as its bytecode cache. Jinja checks each template's source against the stored code, so an
edited override is compiled anew.

MkDocs details relied on (1.6): ``Theme.get_env`` makes every build's environment with the
same options (loader, filters, translations), and sets no bytecode cache of its own. If an
upgrade gave environments different options from one build to the next (only a template's
source is compared), a template compiled for one build would be reused in the next; if it
set its own cache, this one would replace it.
"""

from __future__ import annotations

import jinja2
import jinja2.bccache


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates by Jinja's bucket key, for the builds of one process."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` from the store, if its template was compiled before."""
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep ``bucket``'s compiled code for the next build."""
        self._code[bucket.key] = bucket.bytecode_to_string()
