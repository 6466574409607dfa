"""Keeping contributor text inert, finding fenced code, and the content-safety gate."""

from __future__ import annotations

import markdown
import pytest
from markup import disarm, fenced_code_lines, inert_html, plain_label


def test_inert_text_keeps_markdown_but_no_html_or_attribute_lists() -> None:
    html = markdown.markdown(
        inert_html('**all**{ onclick="alert(1)" } <b onclick="x">b</b> [l](x.md)'), extensions=["attr_list"]
    )
    assert "<strong>all</strong>{ onclick" in html and "&lt;b onclick" in html and '<a href="x.md">' in html
    assert markdown.markdown(plain_label("*a* [b](c) `d`")) == "<p>*a* [b](c) `d`</p>"


def test_fenced_code_lines() -> None:
    lines = ["a", "```", "in", "~~~", "still in", "```", "b", "    ~~~~", "x", "~~~", "c", "~~~~", "d"]
    assert fenced_code_lines(lines) == {1, 2, 3, 4, 5, 7, 8, 9, 10, 11}  # a shorter fence doesn't close


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ('<p onclick="alert(1)">x</p>', "'onclick' would run script"),
        ('<strong onmouseover="x">x</strong>', "'onmouseover'"),
        ('<a href="javascript:alert(1)">x</a>', "'javascript:alert(1)' is not allowed"),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', "is not allowed"),
        ('<img src="file:///etc/passwd">', "'file:///etc/passwd' is not allowed"),
        ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "is not allowed"),
        ("<script>alert(1)</script>", "<script> is not allowed"),
        ('<script src="../assets/x.js"></script>', "<script> is not allowed"),
        ('<iframe src="https://e.org"></iframe>', "<iframe> is not allowed"),
        ('<form action="https://e.org"><input></form>', "<form> is not allowed"),
    ],
)
def test_the_gate_refuses_what_could_run_script(html: str, words: str) -> None:
    cleaned, found = disarm(html)
    assert any(words in message for _, message in found), found
    assert disarm(cleaned) == (cleaned, [])  # what is left is safe


def test_the_gate_lets_ordinary_pages_through() -> None:
    page = (
        '<p><a href="../x/">a</a> <a href="https://support.upwork.com/">b</a> <a href="mailto:a@b.org">c</a> '
        '<a href="#top">d</a> <img src="../assets/i.png" alt=""> <input type="checkbox" id="x"></p>'
    )
    assert disarm(page) == (page, [])
