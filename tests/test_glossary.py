"""Glossary: term matching, term links in rendered Markdown, glossary checks and page body."""

from __future__ import annotations

import re

import glossary
import glossary_hook
import markdown
import pytest
from glossary import GlossaryLinkExtension, Term, build_matcher, variants
from hypothesis import given, settings
from hypothesis import strategies as st
from pageyaml import read_yaml, split_front_matter
from selectolax.lexbor import LexborHTMLParser

TERMS = [
    Term("escrow", "Escrow", ("project funds",), 'Money held "safe" <for> a milestone & more.'),
    Term("hourly-contract", "Hourly contract", (), "A contract paid by the hour."),
    Term("contract", "Contract", (), "An agreement between a client and a freelancer."),
    Term("dispute", "Dispute", (), "A formal disagreement about money."),
    Term("jss", "Job Success Score", ("JSS",), "A score of a freelancer's work record."),
    Term("party", "Party", (), "One side of a contract."),
]
EXTENSIONS = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
    "toc", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed",
]


def state_for(terms: list[Term] = TERMS, *, current: str | None = "freelancer/page.md"):
    matcher, _ = build_matcher(terms)
    return glossary._State(
        terms=terms,
        matcher=matcher,
        short_of={t.id: t.short for t in terms},
        current=current,
        current_url=current,  # without directory URLs: "a/b.md" -> "../glossary.md"
        glossary_url="glossary.md",
    )


def render(text: str, *, src: str | None = "freelancer/page.md", terms: list[Term] = TERMS) -> str:
    md = markdown.Markdown(
        extensions=[*EXTENSIONS, GlossaryLinkExtension(state_for(terms, current=src))],
        extension_configs={"toc": {"permalink": True}},
    )
    return md.convert(text)


def links(html: str) -> list[tuple[str, str, str]]:
    """(text, href, title) of every glossary link in an HTML fragment."""
    tree = LexborHTMLParser(html)
    return [
        (a.text(), a.attributes.get("href", ""), a.attributes.get("title", ""))
        for a in tree.css(f"a.{glossary.LINK_CLASS}")
    ]


# ----------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Escrow", ["escrow", "escrows"]),
        ("party", ["party", "parties"]),
        ("day", ["day", "days"]),
        ("fee box", ["fee box", "fee boxes"]),
        ("Work  Diary", ["work diary", "work diaries"]),
        ("JSS", ["jss", "jsses"]),
        ("1099-K", ["1099-k", "1099-ks"]),
    ],
)
def test_variants_are_the_name_and_its_plural(name, expected):
    assert variants(name) == expected


def matches(text: str) -> list[tuple[str, str]]:
    matcher, _ = build_matcher(TERMS)
    return [(text[s:e], term_id) for s, e, term_id in matcher.find(text)]


def test_matcher_is_case_insensitive_and_knows_aliases_and_plurals():
    assert matches("ESCROW, Project Funds, disputes, parties, JSS") == [
        ("ESCROW", "escrow"),
        ("Project Funds", "escrow"),
        ("disputes", "dispute"),
        ("parties", "party"),
        ("JSS", "jss"),
    ]


def test_matcher_matches_whole_words_only():
    assert matches("escrowed subcontract disputed non-escrow escrow-funded contractor") == []


def test_matcher_prefers_the_longest_name_and_crosses_line_breaks():
    assert matches("an hourly\ncontract and a contract") == [
        ("hourly\ncontract", "hourly-contract"),
        ("contract", "contract"),
    ]


def reference_find(terms: list[Term], text: str) -> list[tuple[int, int, str]]:
    """What ``Matcher.find`` must return, from the plain look-behind form of the pattern."""
    matcher, _ = build_matcher(terms)
    body = glossary._trie_pattern(matcher.ids)
    pattern = re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])", re.IGNORECASE)
    found = []
    for match in pattern.finditer(text):
        term_id = matcher.ids.get(glossary.normalise(match.group()))
        if term_id is not None:
            found.append((match.start(), match.end(), term_id))
    return found


PIECES = st.sampled_from(
    ["escrow", "Escrow", "escrows", "project funds", "project\nfunds", "hourly contract",
     "contract", "contracts", "dispute", "JSS", "parties", "non-", "-", "_", "x", "1", " ",
     "  ", "\n", ",", ".", "(", ")", "\x00", "É", "ß", "İ", "escrowed", "sub"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=25))
def test_property_find_matches_the_look_behind_expression(pieces):
    # The matcher's pattern consumes the character before a name (see build_matcher);
    # it finds exactly what the plain "not after a word character" expression finds,
    # including right after another name and at the start of the text.
    text = "".join(pieces)
    matcher, _ = build_matcher(TERMS)
    assert list(matcher.find(text)) == reference_find(TERMS, text)


def test_a_name_ending_in_punctuation_does_not_hide_a_name_right_after_it():
    # Only a name that ends in punctuation can be followed at once by another name
    # (one that starts with punctuation): then the pattern keeps the look-behind.
    terms = [*TERMS, Term("inc", "Acme Inc.", (), "A company."), Term("fn", "(n)", (), "A note.")]
    matcher, _ = build_matcher(terms)
    assert matcher.pattern is not None and matcher.pattern.pattern.startswith("(?<!")
    text = "Acme Inc.(n) and escrow"
    assert list(matcher.find(text)) == [(0, 9, "inc"), (9, 12, "fn"), (17, 23, "escrow")]
    assert list(matcher.find(text)) == reference_find(terms, text)
    assert build_matcher(TERMS)[0].pattern.pattern.startswith("[^\\w-](")


def test_clashing_names_are_reported():
    _, clashes = build_matcher([*TERMS, Term("funds", "Funds", ("escrows",), "Money in general.")])
    assert ("escrows", "escrow", "funds") in clashes


# ----------------------------------------------------------------------------- links in pages


def test_first_occurrence_of_each_term_is_linked_once_with_its_tooltip():
    html = render("Escrow is escrow. Project funds too. A dispute, then disputes.")
    assert links(html) == [
        ("Escrow", "../glossary.md#escrow", TERMS[0].short),
        ("dispute", "../glossary.md#dispute", TERMS[3].short),
    ]


def test_link_is_relative_to_the_page():
    assert links(render("escrow", src="index.md"))[0][1] == "glossary.md#escrow"
    assert links(render("escrow", src="a/b/c.md"))[0][1] == "../../glossary.md#escrow"


def test_tooltip_is_escaped():
    html = render("escrow")
    assert 'title="Money held &quot;safe&quot; &lt;for&gt; a milestone &amp; more."' in html


def test_first_occurrence_is_in_document_order():
    html = render("Before *the escrow* and escrow after.")
    assert "<em>the <a" in html
    assert html.count("glossary-link") == 1


@pytest.mark.parametrize(
    "text",
    [
        "# Escrow title\n",
        "## Escrow\n",
        "###### Escrow\n",
        "Inline `escrow` code.\n",
        "```\nescrow in a fence\n```\n",
        "    escrow in an indented block\n",
        "[escrow](other.md) is a link.\n",
        "[see *escrow* here](other.md)\n",
        '!!! note "Escrow in an admonition title"\n    Body.\n',
        '??? note "Escrow in a summary"\n    Body.\n',
        '<div data-generated="related" markdown>\nescrow\n</div>\n',
        '<div class="no-glossary" markdown>\nescrow\n</div>\n',
        '<p markdown="span"><label for="x">escrow</label> <button>escrow</button></p>\n',
        "*[JSS]: Job Success Score\n\nThe JSS.\n",
    ],
)
def test_never_links_inside_excluded_places(text):
    assert links(render(text, terms=TERMS[:1] + TERMS[4:5])) == []


def test_links_after_an_excluded_place_in_the_same_paragraph():
    assert [t for t, _, _ in links(render("`escrow` then escrow."))] == ["escrow"]
    assert [t for t, _, _ in links(render("[escrow](x.md), then escrow."))] == ["escrow"]


def test_links_after_a_void_element_in_raw_html():
    # <input> has no closing tag: text after it (a checklist item's "why") still gets links.
    text = (
        '<p markdown="span"><input type="checkbox" id="x"><label for="x">escrow</label> '
        '<span class="why">Why: escrow is held.</span></p>\n'
    )
    html = render(text)
    assert [t for t, _, _ in links(html)] == ["escrow"]
    assert '<label for="x">escrow</label>' in html


def test_a_hand_made_link_to_the_entry_counts_as_the_one_link():
    html = render("Later: escrow. [Escrow](../glossary.md#escrow) first by hand.")
    assert links(html) == []


def test_glossary_page_and_pages_outside_a_build_get_no_links():
    assert links(render("escrow and disputes", src="glossary.md")) == []
    assert links(render("escrow and disputes", src=None)) == []


def test_links_inside_lists_tables_and_admonition_bodies():
    text = "- a dispute\n\n| h |\n|---|\n| escrow |\n\n!!! note\n    The JSS.\n"
    assert sorted(t for t, _, _ in links(render(text))) == ["JSS", "dispute", "escrow"]


WORDS = st.sampled_from(
    ["the", "escrow", "Escrow", "project funds", "dispute", "disputes", "JSS", "contract",
     "hourly contract", "parties", "escrowed", "non-escrow", "and", "`escrow`", "**dispute**"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=30))
def test_property_text_is_kept_and_each_term_linked_at_most_once(words):
    text = " ".join(words)
    plain = markdown.markdown(text, extensions=EXTENSIONS)
    html = render(text)
    found = links(html)
    ids = [href.rsplit("#", 1)[1] for _, href, _ in found]
    assert len(ids) == len(set(ids))
    assert LexborHTMLParser(html).text() == LexborHTMLParser(plain).text()
    assert not LexborHTMLParser(html).css("code a")
    matcher, _ = build_matcher(TERMS)
    for text_of_link, href, _ in found:
        assert matcher.ids[glossary.normalise(text_of_link)] == href.rsplit("#", 1)[1]
    # ... and every term the text mentions outside code is linked (none is missed).
    tree = LexborHTMLParser(plain)
    for code in tree.css("code"):
        code.decompose()
    assert set(ids) == {term_id for _, _, term_id in matcher.find(tree.text())}


# ----------------------------------------------------------------------------- the glossary file

GLOSSARY = """---
title: Glossary
kind: glossary
terms:
  - term: Escrow
    aliases: [project funds]
    short: Money a client funds for a milestone.
    see: basics/escrow
  - term: Refund
    id: escrow
    short: Money given back to a client.
  - term: Payment
    aliases: [Escrows]
    short: Money paid to a freelancer.
    see: basics/nowhere
  - term: Broken
    short: too short
---

# Glossary
"""


def test_parse_glossary_reads_terms_with_their_lines():
    # The schema check (front-matter hook) reports 'Broken' (short is too short) and fails
    # the build; the glossary reads entries as written, so it needs no pydantic.
    terms = glossary.parse_glossary(GLOSSARY)
    assert [(t.id, t.line) for t in terms] == [
        ("escrow", 5),
        ("escrow", 9),
        ("payment", 12),
        ("broken", 16),
    ]
    assert terms[0].aliases == ("project funds",) and terms[0].see == "basics/escrow"


def test_parse_glossary_reads_entries_as_the_schema_does_and_skips_unusable_ones():
    source = """---
kind: glossary
terms:
  - term: "  Work Diary "
    id: diary
    aliases: [" time log ", "", 7]
    short: " A record of hours. "
    definition: Longer text.
  - term: No short definition
  - just a line
  - term: 12
    short: A number is not a term.
  - term: Bad types
    short: Fields of the wrong type are left empty.
    aliases: not a list
    see: 3
    definition: [a, b]
---
"""
    terms = glossary.parse_glossary(source)
    assert terms == [
        glossary.Term(
            id="diary",
            term="Work Diary",
            aliases=("time log",),
            short="A record of hours.",
            definition="Longer text.",
            line=4,
        ),
        glossary.Term(
            id="bad-types",
            term="Bad types",
            aliases=(),
            short="Fields of the wrong type are left empty.",
            line=13,
        ),
    ]


def test_check_glossary_names_file_line_and_what_to_do():
    terms = glossary.parse_glossary(GLOSSARY)
    problems = glossary.check_glossary(terms, pages={"basics/escrow.md"}, source=GLOSSARY)
    text = "\n".join(str(p) for p in problems)
    assert "glossary.md:10: glossary term 'Refund' has the id 'escrow', already used by" in text
    assert "glossary.md:15: glossary term 'Payment': 'see: basics/nowhere' names no page" in text
    assert (
        "glossary.md:13: glossary term 'Payment' uses the name 'escrows', "
        "which already belongs to 'Escrow'"
    ) in text
    assert len(problems) == 3


def test_render_glossary_is_alphabetical_markdown_with_anchors_and_links():
    terms = [
        Term("work-diary", "Work Diary", (), "Time record.", "Longer *text*.", None),
        Term(
            "escrow", "Escrow", ("project funds", "escrow_account"), "Money held.", None,
            "basics/escrow",
        ),
    ]
    body = glossary.render_glossary(terms, titles={"basics/escrow": "How [escrow] works"})
    assert body.index("## Escrow { #escrow }") < body.index("## Work Diary { #work-diary }")
    assert "Also called: project funds, escrow\\_account." in body
    assert "More: [How \\[escrow\\] works](basics/escrow.md)" in body
    assert "Longer *text*." in body


def test_front_matter_title():
    assert glossary.front_matter_title("---\ntitle: 'A: b'\n---\n# x") == "A: b"
    assert glossary.front_matter_title("# no front matter") is None


def test_terms_next_to_other_elements_are_still_found():
    # Text nodes are matched one by one; a term right after an element must not be missed.
    html = render("**Note**escrow first, *a* dispute, <b>x</b>the JSS.\n\n## Escrow\n\nA party.")
    assert sorted(t for t, _, _ in links(html)) == ["JSS", "dispute", "escrow", "party"]
    # The only mention of a term is glued to an element's text.
    assert [t for t, _, _ in links(render("**Note**escrow."))] == ["escrow"]


def test_the_terms_a_page_links_are_recorded_for_content_added_later():
    state = state_for(current="freelancer/page.md")
    md = markdown.Markdown(extensions=[*EXTENSIONS, GlossaryLinkExtension(state)])
    md.convert("A dispute. [Escrow](../glossary.md#escrow) by hand. In code only: `party`.")
    assert set(state.linked_on["freelancer/page.md"]) == {"dispute", "escrow"}


def test_a_term_link_to_an_entry_the_glossary_page_lacks_is_a_problem(caplog):
    assert glossary.missing_entries({"escrow", "jss"}, {"escrow", "refund"}) == ["jss"]

    class Page:
        present_anchor_ids = {"escrow"}

    class File:
        page = Page()

    class Files:
        def get_file_from_path(self, path):
            return File() if path == "glossary.md" else None

    saved, glossary._state = glossary._state, state_for()
    glossary._state.used.update({"escrow", "dispute"})
    try:
        with caplog.at_level("WARNING"):
            glossary_hook.on_env(None, config=None, files=Files())
    finally:
        glossary._state = saved
    assert "glossary.md: pages link to the glossary entry '#dispute'" in caplog.text
    assert "#escrow" not in caplog.text


TITLES = [
    "Ending a contract", "'A: b'", '"Checklist: freelancer ending"', "A title # comment",
    "Yes", "no", "null", "2026-11-27", "123", "'it''s'", '"a \\" b"', "Hello, world",
    "Fees & refunds", "x: y", "", "  spaced  ", "A\n  continued line", "Title with - dash",
    "Tab\there", "~", "'single'", '"double"', "Ends with colon:", "Q? A!", "Ünïcode title",
    "e.g. this", "'  padded  '", '""', "1.5", ".inf", "Off", "a\n\tcont", "'a' # c",
    "True story", "-dash start", "? question", "a  two  spaces", "A\n\n  after a blank line",
    "A\n  \n  b", "A\n# a comment\nauthor: x",
]  # fmt: skip


@pytest.mark.parametrize("title", TITLES)
@pytest.mark.parametrize("more", ["", "\ntitle: written twice"])
def test_front_matter_title_reads_a_line_exactly_as_yaml_does(title: str, more: str) -> None:
    before = "description: 'the title: below'\n"  # "title:" earlier, not at a line start
    source = f"---\n{before}title: {title}\nkind: article{more}\n---\n# Heading\n"
    data = read_yaml(split_front_matter(source)[0] or "").data
    value = data.get("title") if isinstance(data, dict) else None
    assert glossary.front_matter_title(source) == (str(value).strip() if value else None)
