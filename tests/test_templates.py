"""Message templates (hooks/templates.py): blanks, the builder marker, messages.

Unit tests convert Markdown with a treeprocessor that runs the module's functions
as the hook does; the last tests read the real templates page of the built site.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from conftest import Build
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from pages import read_page
from selectolax.lexbor import LexborHTMLParser
from templates import check, fill_blanks, mark_messages, render_page, slug

FRONT = """---
title: Message templates
description: Polite, ready-to-copy messages for ending a contract on Upwork, for both sides.
audience: both
contract_type: both
tags: [templates]
last_reviewed: 2026-11-27
sources:
  - https://support.upwork.com/hc/en-us/articles/211068428-End-a-contract
---

# Message templates

"""


def convert(text: str, *, messages: bool = True) -> LexborHTMLParser:
    class Run(Treeprocessor):
        def run(self, root: etree.Element) -> None:
            fill_blanks(root)
            if messages:
                mark_messages(root)

    class Ext(Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            md.treeprocessors.register(Run(md), "t", 7)

    html = markdown.markdown(render_page(text), extensions=[Ext(), "md_in_html", "pymdownx.tabbed"])
    return LexborHTMLParser(html)


def test_a_blank_is_a_span_with_its_name_in_brackets() -> None:
    tree = convert("Hi [[fill:their name]], see [[fill:Reply-by  date]] and **[[fill:project]]**.")
    blanks = tree.css("span.fill")
    assert [(b.attributes["data-fill"], b.text()) for b in blanks] == [
        ("their-name", "[their name]"),
        ("reply-by-date", "[Reply-by date]"),
        ("project", "[project]"),
    ]
    assert tree.css_first("strong span.fill") is not None
    assert "[[fill:" not in tree.html


def test_blanks_in_code_stay_as_written() -> None:
    tree = convert("Write `[[fill:their name]]` in the Markdown.")
    assert tree.css("span.fill") == []
    assert tree.css_first("code").text() == "[[fill:their name]]"


def test_every_quote_becomes_a_message_with_a_hidden_copy_button_after_it() -> None:
    tree = convert("> Hi [[fill:their name]],\n>\n> Thanks.\n\nAfter.\n\n=== \"Hourly\"\n\n    > In a tab.\n")
    quotes = tree.css("blockquote")
    assert len(quotes) == 2
    for quote in quotes:
        assert quote.attributes["class"] == "message no-glossary"
        actions = quote.next
        while actions is not None and actions.tag == "-text":
            actions = actions.next
        assert actions is not None and actions.attributes["class"] == "message__actions"
        assert "hidden" in actions.attributes
        assert actions.css_first("button[data-copy]").text() == "Copy message"
        assert actions.css_first("[data-copy-status]").attributes["aria-live"] == "polite"
    assert tree.css_first("p:last-of-type") is not None and "After." in tree.text()


def test_the_builder_marker_becomes_hidden_labelled_fields() -> None:
    text = "<!-- template-builder: their name, reply-by date -->\n\n> [[fill:their name]] [[fill:reply-by date]]\n"
    tree = convert(text)
    builder = tree.css_first("[data-builder]")
    assert builder is not None and "hidden" in builder.attributes
    fields = builder.css("input[data-fill]")
    assert [f.attributes["data-fill"] for f in fields] == ["their-name", "reply-by-date"]
    for field in fields:
        label = builder.css_first(f'label[for="{field.attributes["id"]}"]')
        assert label is not None and label.text() in ("Their name", "Reply-by date")
    assert builder.css_first("[data-builder-status]").attributes["aria-live"] == "polite"


def problems(body: str) -> list[str]:
    return [p.message for p in check(read_page("templates.md", FRONT + body))]


def test_builder_mistakes_are_reported_with_their_line() -> None:
    assert problems("<!-- template-builder: their name -->\n\n[[fill:their name]]\n") == []
    assert problems("no builder, [[fill:anything]]\n") == []
    (typo,) = check(read_page("templates.md", FRONT + "<!-- template-builder: thier-name -->\n\n[[fill:their name]]\n"))
    assert typo.line == 14 and "thier-name" in typo.message
    assert any("twice" in m for m in problems("<!-- template-builder: a, a -->\n[[fill:a]]\n"))
    assert any("extra comma" in m for m in problems("<!-- template-builder: a, -->\n[[fill:a]]\n"))
    assert any("write the builder" in m for m in problems("<!-- template-builder a -->\n"))
    assert any("start of a line" in m for m in problems("    <!-- template-builder: a -->\n[[fill:a]]\n"))


def test_slug() -> None:
    assert slug("Reply-by date") == "reply-by-date"
    assert slug("  their   name ") == "their-name"


# ---------------------------------------------------------------- the real page


def test_the_templates_page_has_only_prose_messages(built_site: Build) -> None:
    """Wrapped prose, no code blocks or hard line breaks, no "[Fixed price:] / [Hourly:]"
    pairs, every blank made, facts as their values, every builder field used."""
    page = (built_site.site_dir / "templates" / "index.html").read_text(encoding="utf-8")
    tree = LexborHTMLParser(page)
    article = tree.css_first("article")
    assert article is not None
    messages = article.css("blockquote.message")
    assert len(messages) >= 13
    assert article.css("pre, code, blockquote br") == []
    text = article.text()
    assert "[[" not in text
    assert not re.search(r"\[(Fixed price|Hourly)\s*:?\]", text, re.IGNORECASE)
    assert not re.search(r"\[[^\]]*/[^\]]*\]", text), "a '[this / that]' choice left in a message"
    for message in messages:
        assert message.css("a.glossary-link") == [], "no term links inside a message"
        assert message.css_first("span.fill") is not None
    assert article.css_first("blockquote.message a.fact") is not None
    fields = {f.attributes["data-fill"] for f in article.css("[data-builder] input[data-fill]")}
    blanks = {b.attributes["data-fill"] for b in article.css("span.fill")}
    assert {"their-name", "your-name", "project"} <= fields <= blanks
    index = article.css_first("h2#pick-your-situation")
    assert index is not None
    targets = {a.attributes["href"] for a in article.css('a[href^="#"]')}
    for heading in article.css("h2[id]"):
        if heading.next is not None and heading.attributes["id"] not in (
            "pick-your-situation",
            "fill-in-your-details-once",
        ):
            assert "#" + heading.attributes["id"] in targets, f"not in the index: {heading.text()}"
