"""Page records: one read and one parse per page, lines that point at the mistake, one page-id rule."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pages import PageIds, Problem, parse_yaml, read_file, read_page


def test_front_matter_body_and_lines() -> None:
    page = read_page("a/b.md", "---\ntitle: T\ntags: [x, y]\n---\n\n# Hi\n")
    assert page.meta == {"title": "T", "tags": ["x", "y"]}
    assert page.body == "\n# Hi\n" and page.body_line == 5
    assert page.line_of("tags") == 3 and page.line_of("tags", 1) == 3
    assert page.line_of("nope") is None and page.problems == ()
    assert page.kind == "article" and page.title == "T"


def test_no_front_matter_and_a_byte_order_mark() -> None:
    page = read_page("x.md", "# Only a body\n")
    assert not page.has_front_matter and page.body_line == 1 and page.meta == {}
    bom = read_page("x.md", "\ufeff---\ntitle: T\n---\nbody")
    assert bom.meta == {"title": "T"} and bom.body == "body"


def test_dates_stay_text_so_the_schema_can_judge_them() -> None:
    assert read_page("x.md", "---\nd: 2026-02-30\n---\n").meta == {"d": "2026-02-30"}


@pytest.mark.parametrize(
    ("yaml_text", "line", "words"),
    [
        ('title: "Giving a refund\ndescription: x\n', 2, "a quote opened on this line is never closed"),
        ("title: [a, b\nx: 1\n", 2, "a bracket opened on this line is never closed"),
        ("title: a\n\tx: 1\n", 3, "not valid YAML"),
        ("title: a\ntitle: b\n", 3, "'title' is written twice (also on line 2)"),
    ],
)
def test_yaml_problems_point_at_the_line_to_fix(yaml_text: str, line: int, words: str) -> None:
    page = read_page("x.md", f"---\n{yaml_text}---\n")
    assert [(p.line, words in p.message) for p in page.problems] == [(line, True)], page.problems


def test_an_alias_bomb_is_refused_at_once() -> None:
    lines = ["a0: &a0 [x, y]"] + [
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)
    ]
    started = time.perf_counter()
    page = read_page("x.md", "---\n" + "\n".join(lines) + "\n---\n")
    assert time.perf_counter() - started < 0.5
    assert page.meta == {}
    assert [(p.line, "alias" in p.message) for p in page.problems] == [(3, True)]


def test_a_file_that_is_not_utf8_is_a_problem_with_its_line() -> None:
    found = read_file("basics/latin1.md", b"---\ntitle: x\n---\ncaf\xe9\n")
    assert found == Problem("basics/latin1.md", 4, "is not saved as UTF-8 (byte 0xE9): re-save it as UTF-8")


@given(st.text(max_size=200))
def test_any_text_reads_without_an_exception(text: str) -> None:
    page = read_page("x.md", "---\n" + text + "\n---\n")
    assert all(p.line is None or p.line >= 1 for p in page.problems)


def test_page_ids_name_files_and_folders_the_same_way_everywhere() -> None:
    ids = PageIds(["freelancer/index.md", "freelancer/end-hourly.md", "faq.md", "index.md"])
    assert ids.src_of("freelancer") == "freelancer/index.md"
    assert ids.src_of("freelancer/index") == "freelancer/index.md"
    assert ids.src_of("/faq/") == "faq.md"
    assert ids.src_of("nope") is None
    assert "did you mean 'freelancer/end-hourly'" in ids.unknown("freelancer/end-hourl")
    assert "use a page id such as" in ids.unknown("zzzzzz")


def test_parse_yaml_reports_file_lines() -> None:
    parsed = parse_yaml("a: 1\nb:\n  - x\n", first_line=10)
    assert parsed.lines == {("a",): 10, ("b",): 11, ("b", 0): 12}
