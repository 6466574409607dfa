"""Site addresses: relative URLs between built pages, and checking generated links.

MkDocs validates the links a writer types in Markdown. Links a hook writes
after Markdown (the link graph's blocks, checklists embedded in articles) are
checked here instead, against the URLs and anchor ids of the built pages, so a
generated link to nowhere is a problem too.

No ``on_*`` functions: imported by the hook modules, not registered as a hook.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

from mkdocs.utils import get_relative_url


def relative_path(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for clean paths inside ``docs/`` (no ``..``, no
    leading ``/``; ``start`` is a folder, ``""`` or ``"."`` for the root), without asking
    the file system for the current directory: links are made for every page."""
    if start in ("", "."):
        return path or "."
    parts, base = path.split("/"), start.split("/")
    common = 0
    for mine, theirs in zip(parts, base, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."


def relative_url(to_url: str, from_url: str) -> str:
    """Relative address from one page URL to another (MkDocs' own rule)."""
    return get_relative_url(to_url, from_url)


def normal_url(url: str) -> str:
    """One spelling per page URL: ``./`` (the home page) is ``""``."""
    return "" if url in ("", ".", "./") else url


def resolve_href(href: str, *, from_url: str) -> tuple[str, str]:
    """Where a relative ``href`` written on the page at ``from_url`` leads: ``(url, anchor)``."""
    path, _, anchor = href.partition("#")
    from_url = normal_url(from_url)
    if from_url.endswith("/") or not from_url:
        base = from_url
    else:  # "a/b.html" (no directory URLs): relative to "a/"; "index.html": to the root
        folder = posixpath.dirname(from_url)
        base = folder + "/" if folder else ""
    joined = posixpath.normpath(posixpath.join(base, path)) if path else from_url
    if joined == ".":
        joined = ""
    if path.endswith("/") and joined and not joined.endswith("/"):
        joined += "/"
    return joined, anchor


def check_href(
    href: str, *, from_url: str, anchors_by_url: Mapping[str, set[str] | None]
) -> str | None:
    """``None`` when ``href`` leads to a built page (and anchor); else what is wrong.

    ``anchors_by_url`` maps each page's :func:`normal_url` to its ids (``None``
    for a file that is not a page, such as a PDF: it has no anchors).
    """
    url, anchor = resolve_href(href, from_url=from_url)
    if url not in anchors_by_url:
        return f"generated link '{href}' leads to '{url}', which is not a page of the site"
    anchors = anchors_by_url[url]
    if anchor and (anchors is None or anchor not in anchors):
        return f"generated link '{href}' leads to '{url}', which has no anchor '#{anchor}'"
    return None
