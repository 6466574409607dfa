"""Search aliases: the words readers type, indexed with the page they mean.

Readers say "cancel", "close" or "terminate" where Upwork says "end", "money
back" for refund, "project funds" for escrow, "JSS" for Job Success Score.
Material's search has no synonyms, so each page lists such words in its
front matter (``aliases:``) and this hook puts them in the search index with
the page:

1. ``on_page_content`` adds one paragraph holding the aliases at the end of
   the page's first section (the part before the first ``<h2>``). That section
   is the page's own search entry, which Material ranks above its subsections.
2. Material's search plugin indexes ``page.content`` in ``on_page_context``.
3. ``on_post_page`` removes the paragraph again from the HTML that readers get,
   so the words live only in the search index.

The paragraph is plain text with every alias escaped; nothing else changes.
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


# --------------------------------------------------------------------------- MkDocs events


def on_page_content(html_content, *, page, config, files):  # type: ignore[no-untyped-def]
    paragraph = aliases_paragraph(page.meta.get("aliases") or [])
    return insert_aliases(html_content, paragraph)


def on_post_page(output, *, page, config):  # type: ignore[no-untyped-def]
    paragraph = aliases_paragraph(page.meta.get("aliases") or [])
    return remove_aliases(output, paragraph)
