"""Page kinds: every kind a page can have is one registered view module with a template."""

from __future__ import annotations

import typing

from generator.site import pages, render
from generator.site.layout import PageKind


def test_every_page_kind_has_a_view_module_and_a_template() -> None:
    kinds = set(typing.get_args(PageKind))
    assert set(pages.KINDS) == kinds
    env = render.environment()
    for kind, module in pages.KINDS.items():
        assert module.TEMPLATE in env.list_templates(), kind
