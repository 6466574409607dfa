"""Search aliases: the words readers type (``aliases:``), indexed with the page they mean.

``handbook.on_page_content`` adds them as one paragraph at the end of the page's
first section, Material's search plugin indexes it (``on_page_context``), and
``handbook.on_post_page`` takes it out of the HTML readers get.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

MARK_OPEN = '<p data-search-aliases="">'
MARK_CLOSE = "</p>"


def aliases_paragraph(aliases: Iterable[str]) -> str:
    """The paragraph that carries a page's aliases into the search index ('' if none)."""
    words = [a.strip() for a in aliases if isinstance(a, str) and a.strip()]
    if not words:
        return ""
    return MARK_OPEN + html.escape("; ".join(dict.fromkeys(words))) + MARK_CLOSE


def insert_aliases(content: str, paragraph: str) -> str:
    """Put ``paragraph`` at the end of the first section of rendered page HTML.

    The first section ends where the first ``<h2`` starts; a page without one
    gets the paragraph at its end.
    """
    if not paragraph:
        return content
    cut = content.find("<h2")
    if cut == -1:
        return content + paragraph
    return content[:cut] + paragraph + content[cut:]


def remove_aliases(output: str, paragraph: str) -> str:
    """Take the search-only paragraph out of the page readers download."""
    if not paragraph:
        return output
    return output.replace(paragraph, "", 1)
