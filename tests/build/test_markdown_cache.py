"""Under `mkdocs serve`, pages whose Markdown did not change are not parsed again.

The builds run as `mkdocs serve` runs them: one process, one plugin instance, a fresh config
for each rebuild. The rebuilt site must be the one a clean build makes.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from generator.plugin.staging import SITE_RECORD
from tests.support.project import mkdocs_build
from tests.support.sites import site_files

# Builds the project several times in one process, as `mkdocs serve` does, applying each
# step's edits first; prints, per build, the pages Python-Markdown parsed and the warnings.
_REBUILDS = """
import json, logging, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

project, steps = Path(sys.argv[1]), json.loads(sys.argv[2])
parsed, warnings = [], []
render = Page.render
def counted(self, config, files):
    parsed.append(self.file.src_uri)
    render(self, config, files)
Page.render = counted

class Warnings(logging.Handler):
    def emit(self, record):
        warnings.append(record.getMessage())
logging.getLogger("mkdocs").addHandler(Warnings(logging.WARNING))

report = []
for number, step in enumerate(steps):
    for name, old, new in step["edits"]:
        path = project / name
        text = path.read_text() if path.exists() else ""
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1) if old else new)
    config = load_config(str(project / "mkdocs.yml"), site_dir=step["site"])
    if number == 0:
        config.plugins.on_startup(command="serve", dirty=False)
    parsed.clear(); warnings.clear()
    build(config)
    report.append({"parsed": list(parsed), "warnings": list(warnings)})
print(json.dumps(report))
"""


def _rebuilds(project: Path, steps: list[dict[str, object]]) -> list[dict[str, list[str]]]:
    result = subprocess.run(
        [sys.executable, "-c", _REBUILDS, str(project), json.dumps(steps)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout.strip().splitlines()[-1]))


def test_a_rebuild_parses_only_changed_pages_and_equals_a_clean_build(
    project: Path, tmp_path: Path
) -> None:
    topics = "data/domain-4/topics.yml"
    title = ("title: Network isolation", "title: Network isolation in VPCs")
    steps: list[dict[str, object]] = [
        {"site": str(tmp_path / "first"), "edits": []},
        {"site": str(tmp_path / "same"), "edits": []},
        {"site": str(tmp_path / "edited"), "edits": [[topics, *title]]},
    ]
    first, same, edited = _rebuilds(project, steps)
    assert len(first["parsed"]) > 10
    # Nothing changed: no page is parsed again, and the site is the same.
    assert same["parsed"] == []
    assert site_files(tmp_path / "same") == site_files(tmp_path / "first")
    # A topic's title: its page and the pages that list it are parsed, no other.
    assert "domain-4/network-isolation.md" in edited["parsed"]
    assert 0 < len(edited["parsed"]) < len(first["parsed"])
    clean = tmp_path / "clean"
    assert mkdocs_build(project, clean).returncode == 0
    # The rebuilds run as `mkdocs serve` does: no site record, no Content-Security-Policy.
    built = {
        name: re.sub(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">', b"", data)
        for name, data in site_files(clean).items()
        if name != SITE_RECORD
    }
    rebuilt = site_files(tmp_path / "edited")
    assert sorted(rebuilt) == sorted(built)
    differ = [name for name in built if rebuilt[name] != built[name]]
    assert not differ, f"a rebuild from the cache differs from a clean build in {differ[:10]}"


def test_a_page_from_the_cache_warns_of_its_broken_link_again(
    project: Path, tmp_path: Path
) -> None:
    note = "docs/notes.md"
    steps: list[dict[str, object]] = [
        {"site": str(tmp_path / "a"), "edits": [[note, "", "# Notes\n\nSee [it](missing.md).\n"]]},
        {"site": str(tmp_path / "b"), "edits": []},
    ]
    first, second = _rebuilds(project, steps)
    assert "notes.md" in first["parsed"] and "notes.md" not in second["parsed"]
    for build in (first, second):
        assert any("missing.md" in w and "notes.md" in w for w in build["warnings"]), build
