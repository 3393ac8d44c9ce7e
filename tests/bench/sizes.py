"""The project's own JavaScript and CSS: as written, and as the built site serves it.

Raw and gzipped (``gzip -9``, each file on its own as a server sends it): the sources (one
commented file per widget, a folder per module under ``generator/assets/``), the core that
every page loads (``assets/studysite.min.js`` and ``.min.css``), each module
(``assets/studysite-<module>.min.*``, loaded only by the pages that show it), and each page
kind's total (what its heaviest page links of ours: the core and its modules). The core's
budget is 30 KB gzipped (issue 28).
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.bench.common import ROOT, Figures, gzip_size

# One file: its name, bytes and bytes gzipped.
Asset = tuple[str, int, int]
SERVED = ("assets/studysite.min.js", "assets/studysite.min.css")
"""What every page loads of ours: the core's two bundles, minified by the site build."""
MODULE_BUNDLE = re.compile(r"assets/studysite-([a-z-]+)\.min\.(?:js|css)$")
"""A module's bundle: ``assets/studysite-<module>.min.js`` and ``.min.css``."""
LINKED_MODULE = re.compile(r"assets/studysite-([a-z-]+)\.min\.(?:js|css)(?=[\"'?#])")
"""A module's bundle as a page links it (``href="../assets/studysite-exam.min.css"``)."""
CORE_BUDGET_GZ = 30 * 1024


def _sized(name: str, data: bytes) -> Asset:
    return (name, len(data), gzip_size(data))


def source_sizes() -> list[Asset]:
    """The project's own scripts and stylesheets as written: one commented file per widget."""
    assets = ROOT / "generator" / "assets"
    return [
        _sized(path.relative_to(assets).as_posix(), path.read_bytes())
        for folder, suffix in (("js", ".js"), ("css", ".css"))
        for path in sorted((assets / folder).glob(f"*/*{suffix}"))
    ]


def served_sizes(site: Path | None) -> list[Asset]:
    """What ``site`` serves of them, minified: the core's two bundles, then each module's."""
    if site is None:
        return []
    modules = sorted(
        p.relative_to(site).as_posix()
        for p in (site / "assets").glob("studysite-*.min.*")
        if MODULE_BUNDLE.search(p.as_posix())
    )
    return [
        _sized(name, (site / name).read_bytes())
        for name in (*SERVED, *modules)
        if (site / name).is_file()
    ]


def page_kind(path: str) -> str:
    """The kind of a built page, from its path in the site (``domain-1/questions/index.html``)."""
    parts = path.removesuffix("index.html").strip("/").split("/")
    if parts == [""]:
        return "home"
    if parts[0] in ("exam", "progress", "glossary"):
        return parts[0]
    if len(parts) == 1:
        return "domain" if parts[0].startswith("domain-") else "other"
    return {"questions": "practice questions", "study-sheet": "study sheet"}.get(
        parts[1], "key takeaways" if parts[1] == "takeaways" else "topic"
    )


def page_kind_sizes(site: Path, served: list[Asset]) -> Figures:
    """Per page kind, what its heaviest page links of ours: the core and the modules it shows."""
    sizes = {name: (raw, packed) for name, raw, packed in served}
    kinds: Figures = {}
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(("search/", "assets/")):
            continue
        text = html.read_text(encoding="utf-8")
        linked = sorted({m.group(0) for m in LINKED_MODULE.finditer(text)} | set(SERVED))
        raw = sum(sizes.get(name, (0, 0))[0] for name in linked)
        packed = sum(sizes.get(name, (0, 0))[1] for name in linked)
        kind = page_kind(rel)
        if kind not in kinds or packed > kinds[kind]["gz"]:
            modules = sorted({m.group(1) for n in linked if (m := MODULE_BUNDLE.search(n))})
            kinds[kind] = {"page": rel, "modules": modules, "bytes": raw, "gz": packed}
    return kinds


def totals(assets: list[Asset]) -> tuple[int, int]:
    """Sums of bytes and gzipped bytes."""
    return sum(a[1] for a in assets), sum(a[2] for a in assets)


def core(served: list[Asset]) -> list[Asset]:
    """The core's bundles among ``served``."""
    return [a for a in served if a[0] in SERVED]


def print_assets(sources: list[Asset], served: list[Asset], kinds: Figures) -> None:
    """The sizes as a text table."""
    print("\n== The project's own JavaScript and CSS (gzip -9, each file as a server sends it)")
    print(f"{'':<38} {'bytes':>8} {'gzipped':>8}")
    ours = core(served)
    for title, rows in (
        ("sources in generator/assets", sources),
        ("served: the core, on every page (minified)", ours),
        ("served: each module, on the pages that show it", [a for a in served if a not in ours]),
    ):
        print(title)
        for name, raw, packed in rows:
            print(f"  {name:<36} {raw:>8,} {packed:>8,}")
        raw, packed = totals(rows)
        print(f"  {'total':<36} {raw:>8,} {packed:>8,}")
    print("served: each page kind's total (its heaviest page: the core and its modules)")
    for kind, info in sorted(kinds.items()):
        modules = "core" + "".join(f" + {m}" for m in info["modules"])
        print(f"  {kind + ' (' + modules + ')':<36} {info['bytes']:>8,} {info['gz']:>8,}")
