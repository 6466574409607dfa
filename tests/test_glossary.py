"""Glossary: matching terms, linking a few of them in rendered Markdown, checking and rendering the entries."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import glossary
import markdown
import pytest
from glossary import (
    Term,
    build_matcher,
    check_glossary,
    link_terms,
    parse_glossary,
    render_glossary,
    variants,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from pages import PageIds, read_page
from selectolax.lexbor import LexborHTMLParser


def term(term_id: str, name: str, aliases: tuple[str, ...], short: str) -> Term:
    return Term(term_id, name, aliases, short, None, None, 0, None)


TERMS = [
    term("escrow", "Escrow", ("project funds",), 'Money held "safe" <for> a milestone & more.'),
    term("hourly-contract", "Hourly contract", (), "A contract paid by the hour."),
    term("contract", "Contract", (), "An agreement between a client and a freelancer."),
    term("dispute", "Dispute", (), "A formal disagreement about money."),
    term("jss", "Job Success Score", ("JSS",), "A score of a freelancer's work record."),
    term("party", "Party", (), "One side of a contract."),
]
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
]


class _Links(Treeprocessor):
    def __init__(self, md: markdown.Markdown, terms: list[Term], limit: int) -> None:
        super().__init__(md)
        self.terms, self.limit = terms, limit

    def run(self, root: etree.Element) -> None:
        link_terms(
            root,
            build_matcher(self.terms),
            href_for=lambda t: f"../glossary.md#{t}",
            short_of={t.id: t.short for t in self.terms},
            already=glossary.ids_linked(root, "../glossary.md"),
            limit=self.limit,
        )


class _Extension(Extension):
    def __init__(self, terms: list[Term], limit: int) -> None:
        super().__init__()
        self.terms, self.limit = terms, limit

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Links(md, self.terms, self.limit), "test_terms", 3)


def render(text: str, terms: list[Term] = TERMS, limit: int = 100) -> str:
    # Text starts after a heading-free first paragraph: the lead is never linked.
    return markdown.Markdown(
        extensions=[*EXTENSIONS, _Extension(terms, limit)], extension_configs={"toc": {"permalink": True}}
    ).convert(text)


def linked(text: str, terms: list[Term] = TERMS, limit: int = 100) -> list[str]:
    html = render("Lead paragraph.\n\n" + text, terms, limit)
    return [a.text() for a in LexborHTMLParser(html).css(f"a.{glossary.LINK_CLASS}")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Escrow", ["escrow", "escrows"]),
        ("party", ["party", "parties"]),
        ("day", ["day", "days"]),
        ("fee box", ["fee box", "fee boxes"]),
        ("Work  Diary", ["work diary", "work diaries"]),
        ("1099-K", ["1099-k", "1099-ks"]),
    ],
)
def test_variants_are_the_name_and_its_plural(name: str, expected: list[str]) -> None:
    assert variants(name) == expected


def matches(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], t) for s, e, t in build_matcher(TERMS).find(text)]


def test_matching_any_case_aliases_plurals_whole_words_longest_first() -> None:
    assert matches("ESCROW, Project Funds, disputes, parties, JSS") == [
        ("ESCROW", "escrow"),
        ("Project Funds", "escrow"),
        ("disputes", "dispute"),
        ("parties", "party"),
        ("JSS", "jss"),
    ]
    assert matches("escrowed subcontract disputed non-escrow escrow-funded contractor") == []
    assert matches("an hourly\ncontract and a contract") == [
        ("hourly\ncontract", "hourly-contract"),
        ("contract", "contract"),
    ]


def test_first_use_of_each_term_is_linked_once_with_an_escaped_tooltip() -> None:
    html = render("Lead.\n\nEscrow is escrow. Project funds too. A dispute, then disputes.")
    found = [
        (a.text(), a.attributes["href"], a.attributes["title"])
        for a in LexborHTMLParser(html).css("a.glossary-link")
    ]
    assert found == [
        ("Escrow", "../glossary.md#escrow", TERMS[0].short),
        ("dispute", "../glossary.md#dispute", TERMS[3].short),
    ]
    assert 'title="Money held &quot;safe&quot; &lt;for&gt; a milestone &amp; more."' in html


@pytest.mark.parametrize(
    "text",
    [
        "## Escrow\n\nfirst paragraph of a section: escrow\n\nlater escrow",
        "**Short answer:** escrow is here.\n\nlater escrow",
    ],
)
def test_leads_are_never_linked(text: str) -> None:
    html = render(text)
    links = LexborHTMLParser(html).css("a.glossary-link")
    assert [a.parent.text() for a in links] == ["later escrow"]


def test_at_most_the_limit_of_terms_per_page() -> None:
    assert linked("escrow, dispute, contract, party and JSS", limit=3) == ["escrow", "dispute", "contract"]
    assert glossary.MAX_LINKS == 8


def test_a_phrase_pointing_elsewhere_on_the_page_is_not_linked() -> None:
    assert linked("read about the dispute below, and the escrow above; a contract.") == ["contract"]


@pytest.mark.parametrize(
    "text",
    [
        "## Escrow\n",
        "Inline `escrow` code.\n",
        "```\nescrow in a fence\n```\n",
        "[escrow](other.md) is a link.\n",
        '!!! note "Escrow in an admonition title"\n    Body.\n',
        '??? note "Escrow in a summary"\n    Body.\n',
        '<div data-generated="x" markdown>\nescrow\n</div>\n',
        '<div class="no-glossary" markdown>\nescrow\n</div>\n',
        "*[JSS]: Job Success Score\n\nThe JSS.\n",
        "| escrow |\n|---|\n| x |\n",
    ],
)
def test_never_links_inside_excluded_places(text: str) -> None:
    assert linked(text) == []


def test_a_hand_made_link_to_the_entry_counts_as_the_one_link() -> None:
    assert linked("Later: escrow. [Escrow](../glossary.md#escrow) by hand.") == []


WORDS = st.sampled_from(
    [
        "the",
        "escrow",
        "Escrow",
        "project funds",
        "dispute",
        "disputes",
        "JSS",
        "contract",
        "hourly contract",
        "parties",
        "escrowed",
        "non-escrow",
        "and",
        "`escrow`",
        "**dispute**",
        "below",
    ]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=30))
def test_text_is_kept_and_each_term_linked_at_most_once(words: list[str]) -> None:
    text = "Lead.\n\n" + " ".join(words)
    html = render(text)
    assert (
        LexborHTMLParser(html).text()
        == LexborHTMLParser(markdown.markdown(text, extensions=EXTENSIONS)).text()
    )
    ids = [a.attributes["href"].rsplit("#", 1)[1] for a in LexborHTMLParser(html).css("a.glossary-link")]
    assert len(ids) == len(set(ids)) and not LexborHTMLParser(html).css("code a")


GLOSSARY = """---
title: Glossary
kind: glossary
terms:
  - term: Escrow
    aliases: [project funds]
    short: Money a client funds for a milestone.
    see: freelancer
  - term: Refund
    id: escrow
    short: Money given back to a client.
  - term: Payment
    aliases: [Escrows]
    short: Money paid to a freelancer.
    see: basics/nowher
  - term: The
    short: An article of English grammar.
  - term: "+++"
    short: Something with no letters at all.
---

# Glossary
"""


def test_check_glossary_names_line_and_what_to_do() -> None:
    page = read_page("glossary.md", GLOSSARY)
    terms = parse_glossary(page)
    assert [(t.id, t.line) for t in terms] == [
        ("escrow", 5),
        ("escrow", 9),
        ("payment", 12),
        ("the", 16),
        ("", 18),
    ]
    ids = PageIds(["freelancer/index.md", "basics/nowhere.md", "glossary.md"])
    problems = [str(p) for p in check_glossary(terms, page, ids)]
    assert (
        "glossary.md:10: glossary term 'Refund' has the id 'escrow', already used by 'Escrow' (line 5); give one of them a different 'id:'"
        in problems
    )
    assert (
        "glossary.md:15: glossary term 'Payment': 'see: basics/nowher' names no page; did you mean 'basics/nowhere'?"
        in problems
    )
    assert (
        "glossary.md:13: glossary term 'Payment' uses the name 'escrows', which already belongs to 'Escrow'; a name (or its plural) may belong to one term only"
        in problems
    )
    assert any(
        p.startswith("glossary.md:16: glossary term 'The': the name 'The' is too common") for p in problems
    )
    assert any(p.startswith("glossary.md:18: glossary term '+++' has no letters or digits") for p in problems)
    assert not any(":8:" in p for p in problems), "see: freelancer names the folder's index page"


def test_render_glossary_is_alphabetical_markdown_with_anchors_and_links() -> None:
    terms = [term("b", "Beta <x>", ("b2",), "Second {:onclick=x}."), term("a", "Alpha", (), "First.")]
    terms[0] = terms[0]._replace(see="basics/x#h")
    body = render_glossary(terms, see_link=lambda ref: ("Basics X", "basics/x.md#h"))
    assert body.index("## Alpha { #a }") < body.index("## Beta &lt;x&gt; { #b }")
    assert "More: [Basics X](basics/x.md#h)" in body and "Also called: b2." in body
    assert "\\{:onclick" in body
