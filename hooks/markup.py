"""Markdown and HTML helpers: contributor text kept inert, code found, unsafe HTML refused.

* :func:`inert_html` / :func:`plain_label`: text that contributors write into data
  (a checklist item, a glossary definition, a label) may use Markdown, never raw
  HTML or attribute lists (``{ onclick=... }``).
* :func:`fenced_code_lines`: which lines of a Markdown source are fenced code.
* :func:`unsafe_html`: the content-safety gate run on every page's HTML
  (``handbook.on_page_content``): no ``<script>``, no ``on*`` attribute, no URL
  scheme but ``http(s)``, ``mailto`` and relative addresses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from selectolax.lexbor import LexborHTMLParser

_MARKDOWN_PUNCTUATION = re.compile(r"([\[\]\\*_`])")
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
"""A fence, also indented (in a list, an admonition, a tab) or quoted."""


def inert_html(text: str) -> str:
    """Markdown text with raw HTML tags turned into visible text, and ``{`` escaped so
    that no attribute list (``**x**{ onclick="..." }``) reaches ``attr_list``."""
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("{", "\\{")


def plain_label(text: str) -> str:
    """Plain text made safe as a Markdown link label or inline text: no emphasis,
    code, links, raw HTML or attribute lists."""
    return inert_html(_MARKDOWN_PUNCTUATION.sub(r"\\\1", text))


def fenced_code_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines inside fenced code blocks, fences included.

    A block opened by ``````` or ``~~~`` (three or more) closes with a fence of
    the same character, at least as long, with nothing after it.
    """
    inside: set[int] = set()
    fence: str | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = match.group(1)
                inside.add(index)
            continue
        inside.add(index)
        if (
            match
            and match.group(1)[0] == fence[0]
            and len(match.group(1)) >= len(fence)
            and not line[match.end() :].strip()
        ):
            fence = None
    return inside


def mark_short_answers(root: etree.Element) -> None:
    """Give each paragraph that opens with **Short answer:** the class the site's CSS
    draws as a panel (and the glossary leaves without term links)."""
    for paragraph in root.iter("p"):
        first = paragraph[0] if len(paragraph) else None
        if (
            first is not None
            and first.tag == "strong"
            and not (paragraph.text or "").strip()
            and (first.text or "").startswith("Short answer")
        ):
            paragraph.set("class", " ".join(filter(None, (paragraph.get("class"), "short-answer"))))


# --------------------------------------------------------------------------- the safety gate

FORBIDDEN_TAGS = frozenset(
    "script iframe frame frameset object embed applet base meta link style form".split()
)
URL_ATTRIBUTES = frozenset("href src action formaction poster cite data xlink:href".split())
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*)\s*:")


def disarm(content: str) -> tuple[str, list[tuple[str, str]]]:
    """A page's HTML without what could run script or fetch from elsewhere, and what was
    taken out as ``(needle, message)`` pairs (``needle``: text to find the line by).
    HTML with nothing to take out comes back unchanged, character for character."""
    found: list[tuple[str, str]] = []
    tree = LexborHTMLParser(content)
    doomed = []
    for node in tree.root.traverse() if tree.root is not None else ():  # <script> may land in <head>
        if node.tag in FORBIDDEN_TAGS:
            found.append((f"<{node.tag}", f"<{node.tag}> is not allowed in page content"))
            doomed.append(node)
            continue
        for name, value in list((node.attributes or {}).items()):
            if name.lower().startswith("on"):
                found.append((name, f"the attribute '{name}' would run script: remove it"))
                del node.attrs[name]
            elif name.lower() in URL_ATTRIBUTES and value:
                scheme = _SCHEME.match(value)
                if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
                    found.append(
                        (
                            value.strip()[:40],
                            f"the address {value.strip()[:60]!r} is not allowed: use https://, "
                            "mailto: or a link to a page of this site",
                        )
                    )
                    del node.attrs[name]
    if not found:
        return content, []
    for node in doomed:
        node.decompose()
    return (tree.body.inner_html or "") if tree.body is not None else "", found
