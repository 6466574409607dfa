"""Short references: [[page-id]], [[page-id|text]], [[page-id#anchor]], [[glossary term]].

Each test converts Markdown with the hook's own extension (the treeprocessor
runs on the element tree after inline Markdown), then reads the links back.
"""

from __future__ import annotations

import re

import markdown
import pytest
import shortrefs
from glossary import Term
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser
from shortrefs import ShortRefExtension, build_index, problems_for, reference_lines

PAGES = [
    "index.md",
    "faq.md",
    "glossary.md",
    "freelancer/index.md",
    "freelancer/end-hourly.md",
    "freelancer/end-fixed-price.md",
    "client/end-hourly.md",
    "escrow.md",  # a page id that is also a glossary term: the page wins
]
TERMS = [
    Term("escrow-money", "Escrow", ("project funds",), 'Money held "safe" for a milestone.'),
    Term("dispute", "Dispute", (), "A formal disagreement about money."),
]
TITLES = {"freelancer/end-hourly.md": "Ending an [hourly] <contract>", "faq.md": "FAQ"}
INDEX = build_index(PAGES, TERMS)
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "admonition", "pymdownx.superfences"]


def convert(text: str, page: str = "freelancer/end-fixed-price.md"):
    """(HTML, unknown references) for ``text`` on the page ``page``."""
    state = shortrefs._State(index=INDEX, current=page)
    saved = shortrefs._title_of
    shortrefs._title_of = lambda src: TITLES.get(src, src)  # type: ignore[assignment]
    try:
        md = markdown.Markdown(extensions=[*EXTENSIONS, ShortRefExtension(state)])
        return md.convert(text), state.unresolved
    finally:
        shortrefs._title_of = saved  # type: ignore[assignment]


def links(html: str) -> list[tuple[str, str, str | None]]:
    return [
        (a.text(), a.attributes.get("href") or "", a.attributes.get("title"))
        for a in LexborHTMLParser(html).css("a")
    ]


@pytest.mark.parametrize(
    ("text", "page", "expected"),
    [
        ("[[freelancer/end-hourly]]", "client/end-hourly.md",
         ("Ending an [hourly] <contract>", "../freelancer/end-hourly.md")),
        ("[[freelancer/end-hourly|the hourly page]]", "index.md",
         ("the hourly page", "freelancer/end-hourly.md")),
        ("[[freelancer/end-hourly#disputes|disputes]]", "freelancer/end-fixed-price.md",
         ("disputes", "end-hourly.md#disputes")),
        ("[[faq#money]]", "freelancer/end-hourly.md", ("FAQ", "../faq.md#money")),
        ("[[freelancer]]", "index.md", ("freelancer/index.md", "freelancer/index.md")),
        ("[[ freelancer/end-hourly | spaced ]]", "index.md",
         ("spaced", "freelancer/end-hourly.md")),
        ("[[freelancer/end-hourly]]", "freelancer/end-hourly.md",
         ("Ending an [hourly] <contract>", "end-hourly.md")),
        ("[[freelancer/end-hourly#top]]", "freelancer/end-hourly.md",
         ("Ending an [hourly] <contract>", "#top")),
    ],
)
def test_page_references_become_relative_links_to_the_md_file(text, page, expected):
    html, unresolved = convert(f"See {text} now.", page)
    assert unresolved == []
    assert [(t, h) for t, h, _ in links(html)] == [expected]
    assert "[[" not in html


def test_titles_are_text_not_markup():
    html, _ = convert("[[freelancer/end-hourly]]", "index.md")
    assert "Ending an [hourly] &lt;contract&gt;" in html


def test_glossary_references_link_to_the_entry_with_the_short_definition_as_title():
    html, unresolved = convert("Money in [[Project Funds]], [[disputes|a fight]].")
    assert unresolved == []
    assert links(html) == [
        ("Project Funds", "../glossary.md#escrow-money", 'Money held "safe" for a milestone.'),
        ("a fight", "../glossary.md#dispute", "A formal disagreement about money."),
    ]
    assert 'title="Money held &quot;safe&quot; for a milestone."' in html


def test_a_page_id_wins_over_a_glossary_term_of_the_same_name():
    assert links(convert("[[escrow]]", "index.md")[0]) == [("escrow.md", "escrow.md", None)]


def test_references_in_code_comments_and_escaped_are_left_alone():
    text = "\n".join(
        [
            "`[[nowhere]]` and ``a `[[nowhere]]` b``",
            "",
            "```",
            "[[nowhere]]",
            "```",
            "",
            "!!! note",
            "    ~~~~ yaml",
            "    [[nowhere]]",
            "    ~~~~",
            "",
            "<!-- [[nowhere]] -->",
            "",
            "\\[[nowhere]] and [existing [[faq]] text](x.md)",
            "",
            "after: [[faq]] and **[[faq|bold]]** in a | table? no",
        ]
    )
    html, unresolved = convert(text)
    assert unresolved == []
    # Two inline code spans, the fence, the comment and the escaped one (the YAML fence in
    # the admonition is highlighted, which splits its brackets into spans).
    assert html.count("[[nowhere]]") == 5
    assert "[[</span>" in html
    assert "[[nowhere]] and" in html  # the escaped one, shown with its brackets
    found = links(html)
    assert ("FAQ", "../faq.md", None) in found and ("bold", "../faq.md", None) in found
    assert ("existing [[faq]] text", "x.md", None) in found


def test_references_in_lists_tables_admonitions_and_headings():
    text = (
        "## About [[faq]]\n\n- a [[dispute]]\n\n| h |\n|---|\n| [[escrow]] |\n\n"
        "!!! note\n    [[faq]]\n"
    )
    html, unresolved = convert(text, "index.md")
    assert unresolved == []
    assert [h for _, h, _ in links(html) if h] == [
        "faq.md", "glossary.md#dispute", "escrow.md", "faq.md",
    ]


def test_unknown_reference_is_kept_and_suggests_the_closest_ids():
    html, unresolved = convert("Line one.\nSee [[freelancer/end-hourli]] and [[dispte]].")
    assert "See [[freelancer/end-hourli]] and [[dispte]]." in html
    assert [(u.token, u.suggestions[:1]) for u in unresolved] == [
        ("[[freelancer/end-hourli]]", ("freelancer/end-hourly",)),
        ("[[dispte]]", ("dispute",)),
    ]
    assert "Did you mean '[[freelancer/end-hourly]]'" in unresolved[0].message()


def test_unknown_reference_without_anything_close():
    _, unresolved = convert("[[zzzzzzzz]]")
    assert unresolved[0].suggestions == ()
    assert "Did you mean" not in unresolved[0].message()


def test_anchor_on_a_glossary_term_is_unknown():
    assert convert("[[dispute#x]]")[1][0].token == "[[dispute#x]]"


def test_problems_use_the_line_in_the_source_file_skipping_code():
    source = (
        "---\ntitle: X\ntags: [a]\n---\n\n# X\n\n```\n[[nope]] in code\n```\n\n"
        "[[nope]] one\n\nand [[nope]] two\n"
    )
    _, unresolved = convert(source.split("---\n", 2)[2])
    assert len(unresolved) == 2
    problems = problems_for("a/b.md", source, unresolved)
    assert [(p.path, p.line) for p in problems] == [("a/b.md", 12), ("a/b.md", 14)]
    assert str(problems[0]).startswith("a/b.md:12: unknown short reference [[nope]]")


def test_a_reference_that_is_not_in_the_file_is_still_reported():
    _, unresolved = convert("[[nope]]")
    problems = problems_for("a.md", "---\ntitle: A\n---\nno reference here\n", unresolved)
    assert [(p.path, p.line) for p in problems] == [("a.md", None)]


def test_a_code_fence_closes_only_with_the_same_fence():
    assert reference_lines("````\n```\n[[nowhere]]\n````\n[[nowhere]]") == [("[[nowhere]]", 5)]


def test_no_reference_no_change():
    text = "Plain [link](x.md) and [a] [b]."
    assert convert(text) == (markdown.markdown(text, extensions=EXTENSIONS), [])


def test_outside_a_build_nothing_happens():
    state = shortrefs._State(index=INDEX, current=None)
    md = markdown.Markdown(extensions=[ShortRefExtension(state)])
    assert md.convert("[[faq]]") == "<p>[[faq]]</p>"


# The plain form of the reference pattern: "[[" not preceded by a backslash.
PLAIN_REFERENCE = re.compile(r"(?<!\\)\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")


PIECES = st.sampled_from(["[", "]", "[[", "]]", "\\", "|", "\n", "a", "b/c#d", " ", "x|y"])


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=20))
def test_property_reference_pattern_matches_its_plain_form(pieces):
    # REFERENCE checks for the backslash after "[[" (so the engine can jump between
    # "[["s); it must find exactly what the plain look-behind form finds.
    text = "".join(pieces)

    def spans(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
        return [(m.span(), m.groups()) for m in pattern.finditer(text)]

    assert spans(shortrefs.REFERENCE) == spans(PLAIN_REFERENCE)
