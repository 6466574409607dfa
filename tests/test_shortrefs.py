"""Short references: [[page-id]], [[page-id|text]], [[page-id#anchor]], [[glossary term]]."""

from __future__ import annotations

import pytest
import shortrefs
from glossary import Term
from shortrefs import build_index, problems_for, resolve_references

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
TITLES = {"freelancer/end-hourly.md": "Ending an [hourly] contract", "faq.md": "FAQ"}
INDEX = build_index(PAGES, TERMS)


def resolve(text: str, page: str = "freelancer/end-fixed-price.md"):
    return resolve_references(
        text, page_src=page, index=INDEX, title_of=lambda src: TITLES.get(src, src)
    )


@pytest.mark.parametrize(
    ("text", "page", "expected"),
    [
        ("[[freelancer/end-hourly]]", "client/end-hourly.md",
         "[Ending an \\[hourly\\] contract](../freelancer/end-hourly.md)"),
        ("[[freelancer/end-hourly|the hourly page]]", "index.md",
         "[the hourly page](freelancer/end-hourly.md)"),
        ("[[freelancer/end-hourly#disputes|disputes]]", "freelancer/end-fixed-price.md",
         "[disputes](end-hourly.md#disputes)"),
        ("[[faq#money]]", "freelancer/end-hourly.md", "[FAQ](../faq.md#money)"),
        ("[[freelancer]]", "index.md", "[freelancer/index.md](freelancer/index.md)"),
        ("[[ freelancer/end-hourly | spaced ]]", "index.md", "[spaced](freelancer/end-hourly.md)"),
        ("[[freelancer/end-hourly]]", "freelancer/end-hourly.md",
         "[Ending an \\[hourly\\] contract](end-hourly.md)"),
        ("[[freelancer/end-hourly#top]]", "freelancer/end-hourly.md",
         "[Ending an \\[hourly\\] contract](#top)"),
    ],
)
def test_page_references_become_relative_markdown_links(text, page, expected):
    assert resolve(text, page) == (expected, [])


def test_glossary_references_link_to_the_entry_with_the_short_definition_as_title():
    out, unresolved = resolve("Money in [[Project Funds]], [[disputes|a fight]].")
    assert unresolved == []
    assert out == (
        'Money in [Project Funds](../glossary.md#escrow-money "Money held \u201dsafe\u201d for a '
        'milestone."), [a fight](../glossary.md#dispute "A formal disagreement about money.").'
    )


def test_a_page_id_wins_over_a_glossary_term_of_the_same_name():
    assert resolve("[[escrow]]", "index.md")[0] == "[escrow.md](escrow.md)"


def test_references_in_code_comments_and_escaped_are_left_alone():
    text = "\n".join(
        [
            "`[[nowhere]]` and ``a `[[nowhere]]` b``",
            "```",
            "[[nowhere]]",
            "```",
            "!!! note",
            "    ~~~~ yaml",
            "    [[nowhere]]",
            "    ~~~~",
            "<!-- [[nowhere]] -->",
            "\\[[nowhere]]",
            "after: [[faq]]",
        ]
    )
    out, unresolved = resolve(text)
    assert unresolved == []
    assert out.split("\n")[:-1] == text.split("\n")[:-1]
    assert out.split("\n")[-1] == "after: [FAQ](../faq.md)"


def test_a_code_fence_closes_only_with_the_same_fence():
    text = "````\n```\n[[nowhere]]\n````\n[[nowhere]]"
    _, unresolved = resolve(text)
    assert [u.line for u in unresolved] == [5]


def test_unknown_reference_is_kept_and_suggests_the_closest_ids():
    out, unresolved = resolve("Line one.\nSee [[freelancer/end-hourli]] and [[dispte]].")
    assert out == "Line one.\nSee [[freelancer/end-hourli]] and [[dispte]]."
    assert [(u.token, u.line, u.suggestions[:1]) for u in unresolved] == [
        ("[[freelancer/end-hourli]]", 2, ("freelancer/end-hourly",)),
        ("[[dispte]]", 2, ("dispute",)),
    ]
    assert "Did you mean '[[freelancer/end-hourly]]'" in unresolved[0].message()


def test_unknown_reference_without_anything_close():
    _, unresolved = resolve("[[zzzzzzzz]]")
    assert unresolved[0].suggestions == ()
    assert "Did you mean" not in unresolved[0].message()


def test_anchor_on_a_glossary_term_is_unknown():
    assert resolve("[[dispute#x]]")[1][0].token == "[[dispute#x]]"


def test_problems_use_the_line_in_the_source_file_including_front_matter():
    source = "---\ntitle: X\ntags: [a]\n---\n\n# X\n\n[[nope]] one\n\nand [[nope]] two\n"
    body = source.split("---\n", 2)[2]
    _, unresolved = resolve(body)
    assert [u.line for u in unresolved] == [4, 6]  # lines in the body
    problems = problems_for("a/b.md", source, unresolved)
    assert [(p.path, p.line) for p in problems] == [("a/b.md", 8), ("a/b.md", 10)]
    assert str(problems[0]).startswith("a/b.md:8: unknown short reference [[nope]]")


def test_references_that_came_from_embedded_content_are_reported_by_their_own_file():
    _, unresolved = resolve("[[nope]]")
    assert problems_for("a.md", "---\ntitle: A\n---\nno reference here\n", unresolved) == []


def test_no_reference_no_work():
    text = "Plain [link](x.md) and [a] [b]."
    assert resolve(text) == (text, [])


def test_source_line():
    assert shortrefs.source_line("a\nb [[x]]\n[[x]]", "[[x]]", 0) == 2
    assert shortrefs.source_line("a\nb [[x]]\n[[x]]", "[[x]]", 1) == 3
    assert shortrefs.source_line("a", "[[x]]", 0) is None
