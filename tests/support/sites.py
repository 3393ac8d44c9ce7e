"""Built sites as the tests compare and fake them."""

from __future__ import annotations

from pathlib import Path


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, but the gzip copies (they carry a time)."""
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix != ".gz"  # sitemap.xml.gz carries a timestamp
    }


def fake_site(root: Path, body: str = "<h1>Domain 7 study sheet</h1>") -> Path:
    """The smallest built site the command accepts: a home page and one study sheet."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text("<!doctype html><title>Home</title>", encoding="utf-8")
    sheet = root / "domain-7" / "study-sheet"
    sheet.mkdir(parents=True)
    (sheet / "index.html").write_text(
        f"<!doctype html><title>Domain 7 study sheet</title><body>{body}</body>",
        encoding="utf-8",
    )
    return root
