"""A Content-Security-Policy for every page of a MkDocs build (issue 34, hardening).

The pages get a ``<meta http-equiv="Content-Security-Policy">`` right after their character
set. Scripts may only come from the site itself or be one of the page's own inline scripts,
by hash: the theme's inline scripts differ per page (Material's first one holds the page's
path to the site root, ``__md_scope=new URL("../..",location)``), so the hashes are computed
per page, from the page as finished. Anything a text field could smuggle in past the
sanitizer (an inline handler, a ``javascript:`` URL, an injected ``<script>``) would not run.

- ``script-src 'self'`` and the hashes: the widget bundles, Material's bundle, the exam's
  data scripts and the offline search index are files of the site.
- ``style-src 'self' 'unsafe-inline'``: Python-Markdown writes ``style="text-align: right"``
  on aligned table cells and the tree diagram sets ``--ss-w`` in a style attribute; no text
  field can write a style (the sanitizer drops them).
- ``img-src 'self' data:``: Material's icons are ``data:`` SVG masks in its stylesheet.
- ``object-src 'none'``, ``base-uri 'self'``, ``form-action 'self'``.
- The offline copy (``file://``): Material runs search in the iframe-worker shim, which writes
  one inline script into a hidden ``about:blank`` frame; the frame inherits this policy, so
  that script's hash is added too. It names the worker's address, the page's ``search``
  setting in Material's ``__config``, so it differs per page as well.
- ``allow_external: true``: what the author allowed from other hosts comes over ``https:``
  (the hosts are not known here); inline scripts are still limited to the page's own.

Material's instant navigation keeps the first page's policy and adds each later page's (it
copies the new head's elements): both allow the scripts it runs again, which are the same
on every page.

Not under ``mkdocs serve``: its live-reload script is inline and changes with every build.
Not for builders without plugins (``python -m generator build``): they write the pages
without the theme, so the policy cannot be computed there. A host that sends a policy as a
header adds it to the pages' own (a page is bound by both), so the header must allow every
page's inline scripts: the union of the pages' ``script-src`` hashes, which differ only by a
page's depth in the site.

Material details relied on (9.8): its inline scripts are plain ``<script>`` elements (no
``nonce``), ``__config`` is a ``<script id="__config" type="application/json">`` element,
and instant navigation runs again only the inline scripts of the container, which are the
same on every page. Another plugin that rewrites inline scripts after this one (a minifier
with ``minify_js``) must come before ``studysite`` under ``plugins:``: a script changed after
its hash was taken is blocked (the build test
``tests/browser/test_csp.py`` checks every inline script's hash).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)
_SHIM_FRAME = re.compile(
    r"<script>(postMessage=\$\{(\w)\};importScripts=\$\{(\w)\};.*?)<\\/script>"
)

META = '<meta http-equiv="Content-Security-Policy" content="{}">'
"""The element each page gets; its content is :func:`policy` with the page's hashes."""

OTHER_DIRECTIVES = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
EXTERNAL = "https:"
"""Added to the sources of every fetch directive when the author allows other hosts."""


def sha256(text: str) -> str:
    """A CSP hash source for a script's text, exactly as it stands between its tags."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of ``html`` that a browser would run."""
    found = []
    for attributes, body in _SCRIPT.findall(html):
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") in _JAVASCRIPT_TYPES:
            found.append(body)
    return found


def shim_frame_script(html: str, shim: str) -> str | None:
    """The inline script the iframe-worker shim writes into its frame on this page, or None.

    The shim (``iframe-worker/shim/index.js``, 1.0.4) writes ``postMessage=${c};
    importScripts=${d};addEventListener(...{filename:"${e}"...})``: ``c`` and ``d`` are its
    own functions as their source text, ``e`` the worker's address as Material passes it (the
    page's ``search`` setting in ``__config``).
    """
    config = _CONFIG.search(html)
    template = _SHIM_FRAME.search(shim)
    if config is None or template is None:
        return None
    try:
        url = json.loads(config.group(1)).get("search")
    except ValueError:
        return None
    if not isinstance(url, str) or not url:
        return None
    text, first, second = template.groups()
    sources = {name: _function_source(shim, name) for name in (first, second)}
    for name, source in sources.items():
        if source is None:
            return None
        text = text.replace(f"${{{name}}}", source)
    return re.sub(r"\$\{\w\}", lambda _: url, text)  # the constructor's address argument


def _function_source(script: str, name: str) -> str | None:
    """``function name(...){...}`` as it stands in ``script`` (its ``toString()``)."""
    start = script.find(f"function {name}(")
    if start < 0:
        return None
    depth = 0
    for index in range(script.index("{", start), len(script)):
        depth += {"{": 1, "}": -1}.get(script[index], 0)
        if depth == 0:
            return script[start : index + 1]
    return None


def policy(script_hashes: list[str], *, external: bool = False) -> str:
    """The policy: scripts from the site or with these hashes; see the module docstring."""
    scripts = ["'self'", *dict.fromkeys(script_hashes)]
    others = list(OTHER_DIRECTIVES)
    if external:
        scripts.append(EXTERNAL)
        fetches = ("default-src", "style-src", "img-src", "font-src", "connect-src")
        others = [f"{d} {EXTERNAL}" if d.split()[0] in fetches else d for d in others]
    return "; ".join([f"script-src {' '.join(scripts)}", *others])


def add_policy(html: str, *, shim: str | None = None, external: bool = False) -> str:
    """``html`` with its policy right after its character set (or the start of its head).

    Args:
        html: A finished page.
        shim: The iframe-worker shim's text (offline builds), or None.
        external: The author allows other hosts (``allow_external``).
    """
    scripts = inline_scripts(html)
    if shim is not None:
        frame = shim_frame_script(html, shim)
        if frame is not None:
            scripts.append(frame)
    meta = META.format(policy([sha256(s) for s in scripts], external=external))
    where = _CHARSET.search(html) or _HEAD.search(html)
    if where is None:
        return html
    return html[: where.end()] + meta + html[where.end() :]
