"""Short references: [[page-id]], [[page-id|text]], [[page-id#anchor]], [[glossary term]], [[fact:id]].

Each test converts Markdown with a treeprocessor that calls the feature on the
element tree after inline Markdown, then reads the links back.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

import markdown
import pytest
from glossary import Term
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from pages import PageIds
from selectolax.lexbor import LexborHTMLParser
from shortrefs import FactRef, RefIndex, Unresolved, link_references, plain_text, problems_for

SRCS = [
    "index.md",
    "faq.md",
    "glossary.md",
    "rules.md",
    "freelancer/index.md",
    "freelancer/end-hourly.md",
    "client/end-hourly.md",
    "escrow.md",
]
TITLES = {
    "faq.md": "FAQ <b>&</b>",
    "freelancer/end-hourly.md": "Ending an hourly contract",
    "freelancer/index.md": "For freelancers",
    "escrow.md": "The escrow page",
}
TERMS = [
    Term("escrow", "Escrow", ("project funds",), "Money held for a milestone.", None, None, 0, 1),
    Term("jss", "Job Success Score", ("JSS",), "A score.", None, None, 1, 2),
]
FACTS = {
    "review-days": FactRef("14 days", "The client has 14 days. Checked 27 November 2026.", "review-days")
}
INDEX = RefIndex(PageIds(SRCS), TITLES, TERMS, FACTS, "rules.md")


class _Refs(Treeprocessor):
    found: list[Unresolved] = []

    def __init__(self, md: markdown.Markdown, src: str) -> None:
        super().__init__(md)
        self.src = src

    def run(self, root: etree.Element) -> None:
        _Refs.found = link_references(root, page_src=self.src, index=INDEX)[0]


class _Extension(Extension):
    def __init__(self, src: str) -> None:
        super().__init__()
        self.src = src

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Refs(md, self.src), "refs", 6)


def render(text: str, src: str = "client/end-hourly.md") -> tuple[str, list[Unresolved]]:
    html = markdown.Markdown(
        extensions=["attr_list", "admonition", "tables", "toc", "md_in_html", _Extension(src)]
    ).convert(text)
    return html, list(_Refs.found)


def links(html: str) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (a.text(), a.attributes["href"], a.attributes.get("title"), a.attributes.get("class"))
        for a in LexborHTMLParser(html).css("a")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[[freelancer/end-hourly]]", ("Ending an hourly contract", "../freelancer/end-hourly.md")),
        ("[[ freelancer/end-hourly|this page ]]", ("this page", "../freelancer/end-hourly.md")),
        (
            "[[freelancer/end-hourly#work-diary]]",
            ("Ending an hourly contract", "../freelancer/end-hourly.md#work-diary"),
        ),
        ("[[freelancer]]", ("For freelancers", "../freelancer/index.md")),
        ("[[faq]]", ("FAQ <b>&</b>", "../faq.md")),
        ("[[client/end-hourly#top]]", ("client/end-hourly", "end-hourly.md#top")),
    ],
)
def test_page_references_become_links_to_the_md_file(text: str, expected: tuple[str, str]) -> None:
    html, problems = render(text)
    assert problems == [] and links(html)[0][:2] == expected
    assert "<b>" not in html  # a title is text


def test_glossary_terms_and_facts() -> None:
    html, problems = render("[[Project Funds]], [[jss|the score]] and [[fact:review-days]].")
    assert problems == []
    assert links(html) == [
        ("Project Funds", "../glossary.md#escrow", "Money held for a milestone.", "glossary-link"),
        ("the score", "../glossary.md#jss", "A score.", "glossary-link"),
        ("14 days", "../rules.md#review-days", FACTS["review-days"].tip, "fact"),
    ]


def test_a_page_id_wins_over_a_glossary_term_of_the_same_name() -> None:
    assert links(render("[[escrow]]")[0])[0][:2] == ("The escrow page", "../escrow.md")


@pytest.mark.parametrize("text", ["`[[nope]]`", "```\n[[nope]]\n```", "<!-- [[nope]] -->", "\\[[nope]]"])
def test_code_comments_and_escapes_are_left_alone(text: str) -> None:
    html, problems = render(text)
    assert problems == [] and links(html) == []


def test_references_in_lists_tables_admonitions_and_headings() -> None:
    html, _ = render("# [[faq]]\n\n- [[faq]]\n\n| [[faq]] |\n|---|\n| x |\n\n!!! note\n    [[faq]]\n")
    assert len(links(html)) == 4


def test_unknown_references_say_what_is_close() -> None:
    _, problems = render("See [[freelancer/end-hourl]], [[zzzzqq]], [[jss#anchor]] and [[fact:review-day]].")
    messages = [p.message for p in problems]
    assert "Did you mean '[[freelancer/end-hourly]]'" in messages[0]
    assert messages[1].startswith("unknown short reference [[zzzzqq]]") and "Did you mean" not in messages[1]
    assert messages[2].startswith("unknown short reference [[jss#anchor]]")
    assert (
        messages[3]
        == "unknown fact [[fact:review-day]]: no fact with that id in docs/data/facts/. Did you mean '[[fact:review-days]]'?"
    )


def test_a_known_and_an_unknown_reference_in_one_paragraph_report_once_with_a_line() -> None:
    source = "---\ntitle: x\n---\n\n```\n[[nope]]\n```\n\nSee [[faq]] and [[nope]] here.\nAgain [[nope]].\n"
    _, problems = render(source.split("---\n", 2)[2])
    assert [(p.line, p.message[:30]) for p in problems_for("a.md", source, problems)] == [
        (9, "unknown short reference [[nope"),
        (10, "unknown short reference [[nope"),
    ]


def test_labels_are_plain_text() -> None:
    source = "[[faq|<img src=x onerror=alert(1)>]] and [[faq|**bold** label]]\n"
    _, problems = render(source)  # the HTML itself is refused by the safety gate (test_markup)
    assert [(p.line, p.message) for p in problems_for("a.md", source, problems)] == [
        (1, "the text of a short reference can't contain HTML: write plain words after the '|'"),
        (
            1,
            "[[faq|bold label]] can't contain formatting (bold, links, code): write plain words after the '|'",
        ),
    ]


def test_a_reference_not_written_in_the_file_is_left_to_its_own_page() -> None:
    assert problems_for("a.md", "no refs here", [Unresolved("[[x]]", "m")]) == []


def test_plain_text_for_pdfs_and_tooltips() -> None:
    assert plain_text("Within [[fact:review-days]], see [[faq]] or [[nope]].", INDEX, page_src="a.md") == (
        "Within 14 days, see FAQ <b>&</b> or [[nope]]."
    )
