"""Text that hooks put into Markdown: keep it text.

Python-Markdown passes raw HTML through, and a backslash does not escape
``<``. Text that contributors write into data (a checklist item, a glossary
definition, a title used as a link label) may use Markdown (links, emphasis),
but never raw HTML: these helpers turn ``<`` and ``>`` into entities so that
``<script>`` or ``<img onerror=...>`` arrive in the page as visible text.

No ``on_*`` functions: imported by the hook modules, not registered as a hook.
"""

from __future__ import annotations

import re

_MARKDOWN_PUNCTUATION = re.compile(r"([\[\]\\*_`])")


def inert_html(text: str) -> str:
    """Markdown text with every raw HTML tag turned into visible text."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def plain_label(text: str) -> str:
    """Plain text made safe as a Markdown link label or inline text: no
    emphasis, code or links, and no raw HTML."""
    return inert_html(_MARKDOWN_PUNCTUATION.sub(r"\\\1", text))
