"""The pages of a domain's folder other than its topics': file name, title and kind.

Named here, beside the content they show, so that the site's layout
(:func:`generator.site.layout.domain_pages`) and the checks, which keep a topic's id off
these names, read the same list, and the checks need nothing from the site.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from generator.content.model import DomainContent

FolderPageKind = Literal["domain", "questions", "takeaways", "study-sheet"]


class FolderPage(NamedTuple):
    """A page of a domain's folder that is not a topic's."""

    name: str
    """File name without ``.md``: the page is ``<domain slug>/<name>.md``."""
    title: str
    kind: FolderPageKind


def domain_folder_pages(content: DomainContent) -> tuple[FolderPage, list[FolderPage]]:
    """The domain's overview (its folder's index), and the pages that follow its topics."""
    number = content.domain.number
    overview = FolderPage("index", f"Domain {number}: {content.domain.title}", "domain")
    after = [
        FolderPage("questions", f"Domain {number} practice questions", "questions"),
        FolderPage("takeaways", f"Domain {number} key takeaways", "takeaways"),
        FolderPage("study-sheet", f"Domain {number} study sheet", "study-sheet"),
    ]
    return overview, after
