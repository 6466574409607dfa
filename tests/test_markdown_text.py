"""Markdown source helpers shared by the hooks (hooks/markdown_text.py)."""

from __future__ import annotations

from markdown_text import fenced_code_lines


def test_fenced_code_lines_include_fences_and_indented_or_quoted_blocks():
    lines = [
        "text",  # 0
        "```python",  # 1
        "~~~ not a close",  # 2
        "```",  # 3
        "- item",  # 4
        "    ~~~~ yaml",  # 5: inside a list or an admonition
        "    ~~~",  # 6: too short to close
        "    ~~~~",  # 7
        "> ```",  # 8: in a quote
        "> ```",  # 9
        "after",  # 10
    ]
    assert fenced_code_lines(lines) == {1, 2, 3, 5, 6, 7, 8, 9}


def test_a_fence_closes_only_with_the_same_character_and_nothing_after():
    assert fenced_code_lines(["````", "```", "```` x", "````", "out"]) == {0, 1, 2, 3}
    assert fenced_code_lines(["~~~", "```", "~~~", "out"]) == {0, 1, 2}
    assert fenced_code_lines(["```", "never closed"]) == {0, 1}
