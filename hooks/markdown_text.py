"""Markdown source text: keep what hooks put into it text, and find its code.

Python-Markdown passes raw HTML through, and a backslash does not escape
``<``. Text that contributors write into data (a checklist item, a glossary
definition, a title used as a link label) may use Markdown (links, emphasis),
but never raw HTML: these helpers turn ``<`` and ``>`` into entities so that
``<script>`` or ``<img onerror=...>`` arrive in the page as visible text.

:func:`fenced_code_lines` tells which lines of a Markdown source are fenced
code, for hooks that read the source line by line (checklist markers, short
references).

No ``on_*`` functions: imported by the hook modules, not registered as a hook.
"""

from __future__ import annotations

import re

_MARKDOWN_PUNCTUATION = re.compile(r"([\[\]\\*_`])")
_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
"""A fence, also indented (in a list, an admonition, a tab) or quoted."""


def inert_html(text: str) -> str:
    """Markdown text with every raw HTML tag turned into visible text."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def plain_label(text: str) -> str:
    """Plain text made safe as a Markdown link label or inline text: no
    emphasis, code or links, and no raw HTML."""
    return inert_html(_MARKDOWN_PUNCTUATION.sub(r"\\\1", text))


def fenced_code_lines(lines: list[str]) -> set[int]:
    """Indexes of the lines inside fenced code blocks, fences included.

    A block opened by ``````` or ``~~~`` (three or more) closes with a fence of
    the same character, at least as long, with nothing after it.
    """
    inside: set[int] = set()
    fence: str | None = None
    for index, line in enumerate(lines):
        # Only a line with three backticks or tildes can be a fence: test that first.
        match = _FENCE.match(line) if "```" in line or "~~~" in line else None
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
