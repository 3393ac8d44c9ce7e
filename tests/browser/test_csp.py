"""Issue 34, hardening: every page of a MkDocs build carries a Content-Security-Policy that
the whole site runs under with no violation, hosted and opened from disk (``file://``).

Chromium reports a violation as a ``securitypolicyviolation`` event and as a console error
("... violates the following Content Security Policy directive ..."); the iframe-worker
shim's frame (offline search) reports through the console only, so both are watched. The
policy must also block what it is for: an injected inline handler and an inline script
without its hash.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.plugin import csp

pytestmark = pytest.mark.browser

_LISTEN = """window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"""
_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def _pages(site: Path) -> list[Path]:
    return sorted(
        p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("assets")
    )


def test_every_page_has_a_policy_with_the_hash_of_each_inline_script(built_site: Path) -> None:
    pages = _pages(built_site)
    assert any(p.name == "404.html" for p in pages)
    for page in pages:
        html = page.read_text(encoding="utf-8")
        meta = _POLICY.search(html)
        assert meta, page
        assert html.index(meta.group(0)) < html.index("<script"), page  # before any script
        policy = meta.group(1)
        assert "object-src 'none'" in policy and "base-uri 'self'" in policy
        assert "'unsafe-inline'" not in policy.split(";")[0], "scripts by hash only"
        scripts = csp.inline_scripts(html)
        assert scripts, page
        for script in scripts:
            assert csp.sha256(script) in policy, (page, script[:60])


def _watch(page: Any) -> list[str]:
    seen: list[str] = []

    def console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            seen.append(message.text[:300])

    page.on("console", console)
    return seen


def _use(page: Any, seen: list[str]) -> None:
    """Answer a quiz question and take a tree step where the page has them."""
    page.wait_for_load_state("load")
    option = page.locator("button.ss-choice__btn:visible:not([aria-disabled=true])")
    if option.count():
        option.first.click()
    step = page.locator("button.ss-tree__option:visible:not([aria-disabled=true])")
    if step.count():
        step.first.click()
    seen += page.evaluate("window.__csp")


def _search(page: Any, seen: list[str]) -> None:
    page.keyboard.press("s")
    box = page.locator("input.md-search__input")
    box.fill("endpoint")
    box.dispatch_event("keyup")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    seen += page.evaluate("window.__csp")


def test_the_hosted_site_runs_with_no_violation(
    built_site: Path, site_url: str, browser: Any
) -> None:
    paths = [
        p.relative_to(built_site).as_posix().removesuffix("index.html") for p in _pages(built_site)
    ]
    context = browser.new_context()
    context.add_init_script(_LISTEN)
    try:
        page = context.new_page()
        seen = _watch(page)
        for path in paths:
            page.goto(site_url + path)
            _use(page, seen)
        # Instant navigation: Material swaps the page in and runs its inline scripts again.
        page.goto(site_url)
        page.wait_for_load_state("load")
        for _ in range(4):
            page.locator("a.md-footer__link--next").click()
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            _use(page, seen)
        assert page.evaluate("typeof document$") == "object"  # Material's bundle ran
        _search(page, seen)
        page.goto(site_url + "exam/")
        page.wait_for_selector("[data-ss-exam-page][data-ss-ready]")
        page.get_by_role("button", name="Start the mock exam").click()
        page.wait_for_selector("[data-ss-question] input")  # the domain's data script ran
        seen += page.evaluate("window.__csp")
    finally:
        context.close()
    assert seen == []


def test_the_policy_blocks_what_a_text_field_could_inject(site_url: str, browser: Any) -> None:
    context = browser.new_context()
    context.add_init_script(_LISTEN)
    try:
        page = context.new_page()
        page.goto(site_url)
        page.wait_for_load_state("load")
        ran = page.evaluate(
            """() => {
                window.__ran = [];
                const img = document.createElement('img');
                img.setAttribute('onerror', 'window.__ran.push("handler")');
                img.src = 'data:,x';
                document.body.append(img);
                const script = document.createElement('script');
                script.textContent = 'window.__ran.push("inline")';
                document.body.append(script);
                const a = document.createElement('a');
                a.href = 'javascript:window.__ran.push("link")';
                document.body.append(a);
                a.click();
                return new Promise(r => setTimeout(() => r(window.__ran), 300));
            }"""
        )
        assert ran == []
        assert len(page.evaluate("window.__csp")) >= 2
    finally:
        context.close()


def test_the_offline_copy_runs_from_disk_with_no_violation(
    offline_build: tuple[Path, Path], browser: Any
) -> None:
    site, _ = offline_build
    base = site.resolve().as_uri() + "/"
    paths = [p.relative_to(site).as_posix() for p in _pages(site)]
    for path in paths:
        assert _POLICY.search((site / path).read_text(encoding="utf-8")), path
    context = browser.new_context()
    context.add_init_script(_LISTEN)
    try:
        page = context.new_page()
        seen = _watch(page)
        for path in paths:
            page.goto(base + path)
            _use(page, seen)
        page.goto(base + "index.html")
        page.wait_for_load_state("load")
        _search(page, seen)  # search's worker runs in the shim's frame, under the policy
    finally:
        context.close()
    assert seen == []
