"""The practice exam's data scripts, read back as the browser reads them."""

from __future__ import annotations

import json
import re
from typing import Any


def decode_script(text: str) -> tuple[int, dict[str, Any]]:
    """The domain number and data of a data script, read as JavaScript would read it."""
    match = re.fullmatch(r"StudySite\.examData\((\d+),JSON\.parse\('(.*)'\)\);\n", text, re.DOTALL)
    assert match, text[:200]
    body = match.group(2)
    assert re.search(r"(?<!\\)(?:\\\\)*'", body) is None, "an unescaped quote ends the string"
    return int(match.group(1)), json.loads(re.sub(r"\\(.)", r"\1", body))
