"""Issue 34: the GitHub Pages workflow pins what it runs and grants the least it can.

Every action by the commit of a release (a tag can be moved), every ``pip install`` through
the constraints file with exact versions that satisfy pyproject.toml's ranges, and the
right to publish (``pages: write``, ``id-token: write``) for the deploy job only.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.support.project import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
CONSTRAINTS = ROOT / ".github" / "constraints.txt"


def _workflow() -> dict[str, Any]:
    return dict(yaml.safe_load(WORKFLOW.read_text(encoding="utf-8")))


def _steps() -> list[dict[str, Any]]:
    return [step for job in _workflow()["jobs"].values() for step in job["steps"]]


def _pins() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s;]+)", line)
        assert match, f"not an exact pin: {line!r}"
        pins[canonicalize_name(match.group(1))] = Version(match.group(2))
    return pins


def test_every_action_is_pinned_by_a_commit_with_its_release_named() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    uses = [step["uses"] for step in _steps() if "uses" in step]
    assert len(uses) >= 6
    assert [u for u in uses if not re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u)] == []
    for use in uses:  # the comment says which release the commit is
        assert re.search(rf"{re.escape(use)} # v\d+\.\d+\.\d+\n", text), use


def test_only_the_deploy_job_may_publish() -> None:
    workflow = _workflow()
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    checkout = next(s for s in jobs["build"]["steps"] if "checkout" in s.get("uses", ""))
    assert checkout["with"]["persist-credentials"] is False


def test_every_install_is_pinned() -> None:
    runs = [step.get("run", "") for step in _steps()]
    installs = [line for run in runs for line in run.splitlines() if "pip install" in line]
    assert installs
    assert [i for i in installs if "-c .github/constraints.txt" not in i] == []
    assert all("npm install" not in run for run in runs)  # npm ci installs the lock file's


def test_the_constraints_pin_every_dependency_within_pyproject_ranges() -> None:
    pins = _pins()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    needed = [Requirement(r) for r in project["project"]["dependencies"]]
    needed.append(Requirement("playwright"))  # the workflow prints the PDFs with it
    for requirement in needed:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not pinned in {CONSTRAINTS.name}"
        assert pins[name] in requirement.specifier, f"{name}=={pins[name]} not {requirement}"
