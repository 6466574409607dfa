"""Checklists from plain strings (no build): parsing, keys, phases, problems at their lines, rendering."""

from __future__ import annotations

import textwrap

import markdown
import pytest
from checklists import (
    KEY_PATTERN,
    Checklist,
    collect,
    parse_checklist,
    rebase_links,
    render_block,
    render_page,
    slugify,
)
from hypothesis import given
from hypothesis import strategies as st
from pages import read_page
from selectolax.lexbor import LexborHTMLParser as HTMLParser

FRONT = """---
title: "Checklist: test list"
description: A checklist used by the unit tests of the checklists feature.
kind: checklist
checklist_id: {id}
audience: both
contract_type: both
tags: [checklists]
last_reviewed: 2026-11-27
sources: [https://support.upwork.com/hc/en-us/articles/211068428-End-a-contract]
---
"""


def page(body: str, checklist_id: str = "test-list") -> str:
    """A checklist page: front matter (11 lines), the body from line 12."""
    return FRONT.format(id=checklist_id) + textwrap.dedent(body)


GOOD = page(
    """
    # Checklist: test list

    Intro with a [link](../freelancer/end-hourly.md).

    - [ ] Log your last hours in the [Work Diary](../freelancer/end-hourly.md#work-diary).
      <!-- key: log-hours -->
      Why: it locks when the contract ends.
      See [ending hourly](../freelancer/end-hourly.md).
    - [ ] Ask the client's feedback
      politely.
    - [ ] Hand over the files.

    After the list.
    """
)


def parse(source: str, path: str = "checklists/test-list.md") -> tuple[Checklist | None, list[str]]:
    checklist, problems = parse_checklist(read_page(path, source))
    return checklist, [str(p) for p in problems]


def test_parses_items_keys_why_and_intro() -> None:
    checklist, problems = parse(GOOD)
    assert problems == [] and checklist is not None
    assert (checklist.id, checklist.title, checklist.last_reviewed) == (
        "test-list",
        "Checklist: test list",
        "2026-11-27",
    )
    assert checklist.intro == "Intro with a [link](../freelancer/end-hourly.md)."
    first, second, third = checklist.items
    assert (first.key, first.line) == ("log-hours", 17)
    assert first.text == "Log your last hours in the [Work Diary](../freelancer/end-hourly.md#work-diary)."
    assert first.why == "it locks when the contract ends. See [ending hourly](../freelancer/end-hourly.md)."
    assert (second.text, second.key, second.why) == (
        "Ask the client's feedback politely.",
        "ask-the-clients-feedback-politely",
        None,
    )
    assert (third.key, third.line) == ("hand-over-the-files", 23)


def test_the_key_rule_readers_ticks_depend_on() -> None:
    assert slugify("Ask the client's feedback") == "ask-the-clients-feedback"
    assert slugify("Read [the guide](../x.md) **now**") == "read-the-guide-now"
    assert slugify("Café — résumé, 14 days!") == "cafe-resume-14-days"
    # Cut at a word boundary to at most 60 characters: changing that rule would drop every tick.
    assert slugify("word " * 40) == "-".join(["word"] * 12)
    assert slugify("a" * 70) == "a" * 60


def test_keys_do_not_depend_on_order_and_an_edit_changes_only_that_item() -> None:
    def keys(body: str) -> set[str]:
        checklist = parse(page(body))[0]
        assert checklist is not None
        return {item.key for item in checklist.items}

    base = keys("- [ ] First task\n- [ ] Second task <!-- key: second -->\n- [ ] Third task\n")
    swapped = keys("- [ ] Third task\n- [ ] First task\n- [ ] Second task, reworded <!-- key: second -->\n")
    edited = keys("- [ ] First task, reworded\n- [ ] Second task <!-- key: second -->\n- [ ] Third task\n")
    assert base == swapped == {"first-task", "second", "third-task"}
    assert base ^ edited == {"first-task", "first-task-reworded"}


@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=12))
def test_any_task_list_parses_to_unique_valid_keys_or_reports(texts: list[str]) -> None:
    lines = ["- [ ] " + " ".join(t.split()) for t in texts]
    checklist, problems = parse_checklist(read_page("checklists/test-list.md", page("\n".join(lines) + "\n")))
    if checklist is not None:
        keys = [item.key for item in checklist.items]
        assert len(keys) == len(set(keys)) and all(KEY_PATTERN.match(k) for k in keys)
    assert all(p.line is not None for p in problems)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("# Title\n\nNo list here.\n", ":5: checklist 'test-list' has no items"),
        (
            "- [ ] Same task\n- [ ] Other <!-- key: same-task -->\n",
            ":13: item key 'same-task' is already used by the item on line 12",
        ),
        ("- [x] Already ticked\n", ":12: write checklist items unticked"),
        (
            "- [ ] One\n\nText.\n\n- [ ] Two\n",
            ":14: between the task lists of a checklist only a '## Phase' heading",
        ),
        (
            "## A\n\n- [ ] One\n\n- [ ] Two\n\n## B\n\n- [ ] One <!-- key: one -->\n",
            ":20: item key 'one' is already used in another phase",
        ),
        ("- [ ] One <!-- key: Bad_Key -->\n", ":12: item key 'Bad_Key' is not valid"),
        ("- [ ] One\n  - [ ] nested\n", ":13: checklist items can't contain nested lists"),
        ("- [ ] One\n- plain item\n", ":13: every item of a checklist is a task"),
        ("- [ ] One\n  Why:\n", ":12: the 'Why:' line of this item is empty"),
        ("- [ ] See [x][ref]\n", ":12: use inline links in checklist items"),
        ("- [ ] <!-- key: k -->\n", ":12: this checklist item has no text"),
        ("- [ ] Look ![a](http://127.0.0.1/x.png)\n", ":12: checklist items can't show images"),
        ("- [ ] One\n  Why: see ![b](file:///etc/x.png)\n", ":12: checklist items can't show images"),
    ],
)
def test_each_problem_names_file_and_line(body: str, expected: str) -> None:
    _, problems = parse(page(body))
    assert any(p.startswith("checklists/test-list.md" + expected) for p in problems), problems


def test_phases_group_items_under_headings() -> None:
    checklist, problems = parse(
        page("# T\n\nIntro.\n\n## Before you end\n\n- [ ] One\n- [ ] Two\n\n## After\n\n- [ ] Three\n")
    )
    assert problems == [] and checklist is not None
    assert [(p.title, [i.key for i in p.items]) for p in checklist.phases] == [
        ("Before you end", ["one", "two"]),
        ("After", ["three"]),
    ]
    assert checklist.intro == "Intro."
    html = to_html(render_block(checklist, on_src=checklist.src))
    assert [p.text() for p in html.css(".checklist__phase")] == ["Before you end", "After"]
    assert len(html.css("ul.checklist__items")) == 2


def test_checklist_id_must_match_the_file() -> None:
    _, problems = parse(page("- [ ] One\n", "other-id"))
    assert problems == [
        "checklists/test-list.md:5: checklist_id 'other-id' does not match the file: a checklist page is docs/checklists/other-id.md"
    ]
    _, problems = parse(page("- [ ] One\n").replace("checklist_id: test-list\n", ""))
    assert problems[0].startswith("checklists/test-list.md:4: a checklist page needs 'checklist_id: <id>'")


ARTICLE = """---
title: An article
---

<!-- checklist: test-list -->

<!-- checklist: no-such-list -->
<!-- checklist test-list -->
    <!-- checklist: test-list -->
<!-- checklist: test-list -->
<!-- Checklist: test-list -->
<!-- checklists: test-list -->

```markdown
<!-- checklist: inside-a-code-block -->
```
"""


def test_site_problems_duplicate_id_and_embed_markers() -> None:
    pages = {
        src: read_page(src, text)
        for src, text in {
            "checklists/test-list.md": page("- [ ] One\n"),
            "checklists/zz-copy.md": page("- [ ] One\n"),
            "freelancer/article.md": ARTICLE,
        }.items()
    }
    checklists, problems = collect(pages)
    assert list(checklists) == ["test-list"]
    text = "\n".join(map(str, problems))
    assert (
        "checklists/zz-copy.md:5: checklist id 'test-list' is already used by checklists/test-list.md" in text
    )
    assert "freelancer/article.md:7: there is no checklist 'no-such-list' (known: test-list)" in text
    assert "freelancer/article.md:8: malformed checklist marker" in text
    assert "freelancer/article.md:9: put <!-- checklist: <id> --> at the start of a line" in text
    assert "freelancer/article.md:10: checklist 'test-list' is already shown on this page" in text
    assert (
        "freelancer/article.md:11: malformed checklist marker" in text
    )  # a capital C is not silently dropped
    assert "freelancer/article.md:12: malformed checklist marker" in text
    assert "inside-a-code-block" not in text


def to_html(markdown_text: str) -> HTMLParser:
    return HTMLParser(markdown.Markdown(extensions=["attr_list", "md_in_html"]).convert(markdown_text))


def test_the_block_keeps_the_dom_contract_with_the_script() -> None:
    checklist, _ = parse(GOOD)
    assert checklist is not None
    root = to_html(render_block(checklist, on_src=checklist.src)).css_first("[data-checklist]")
    assert root.attributes["data-checklist"] == "test-list"
    assert "data-search-exclude" not in root.attributes  # found in search on its own page
    boxes = root.css('input[type="checkbox"][data-item]')
    assert [b.attributes["data-item"] for b in boxes] == [i.key for i in checklist.items]
    for box in boxes:
        assert root.css_first(f'label[for="{box.attributes["id"]}"]') is not None
    assert (
        root.css_first('label[for="cl-test-list--log-hours"] a').attributes["href"]
        == "../freelancer/end-hourly.md#work-diary"
    )
    assert root.css_first("#cl-test-list--log-hours--why").text().startswith("Why: it locks")
    assert boxes[0].attributes["aria-describedby"] == "cl-test-list--log-hours--why"
    assert [a.attributes["href"] for a in root.css("a[data-checklist-pdf]")] == [
        "test-list.pdf",
        "test-list-a4.pdf",
    ]
    assert root.css_first("[data-checklist-progress]").attributes["aria-live"] == "polite"
    for selector in (
        "[data-checklist-progress]",
        "[data-checklist-print]",
        "[data-checklist-reset]",
        ".checklist__note",
    ):
        assert "hidden" in root.css_first(selector).attributes, selector
    assert root.css_first("[data-checklist-print]").text() == "Print with my ticks"
    assert root.css_first(".checklist__caption") is None


def test_an_embedded_block_links_to_its_page_and_works_from_the_article() -> None:
    checklist, _ = parse(GOOD)
    assert checklist is not None
    root = to_html(render_block(checklist, on_src="freelancer/end-hourly.md")).css_first("[data-checklist]")
    assert "data-search-exclude" in root.attributes  # indexed once, on its own page
    caption = root.css_first(".checklist__caption a")
    assert (caption.attributes["href"], caption.text()) == (
        "../checklists/test-list.md",
        "Checklist: test list",
    )
    hrefs = [a.attributes["href"] for a in root.css("a")]
    assert "end-hourly.md#work-diary" in hrefs  # a link to the article itself keeps its anchor
    assert "ending hourly" in root.css_first(".checklist__why").text()  # ...or becomes its text
    assert "../checklists/test-list.pdf" in hrefs


def test_rebase_links() -> None:
    text = "[a](../x/y.md) [b](#top) [c](https://upwork.com/x) [d](other.md#h) ![i](p.png)"
    assert rebase_links(text, from_src="checklists/c.md", to_src="x/z.md") == (
        "[a](y.md) [b](../checklists/c.md#top) [c](https://upwork.com/x) [d](../checklists/other.md#h) ![i](p.png)"
    )
    assert rebase_links(text, from_src="checklists/c.md", to_src="checklists/c.md") == text


def test_text_stays_inert() -> None:
    checklist, _ = parse(
        page(
            '- [ ] Ask <script>alert(1)</script> **all**{ onclick="alert(1)" } now\n  Why: <b onmouseover=alert(2)>x</b>\n'
        )
    )
    assert checklist is not None
    root = to_html(render_block(checklist, on_src="a/b.md"))
    assert root.css_first("script") is None and root.css_first("b") is None
    assert root.css_first("[onclick]") is None and root.css_first("[onmouseover]") is None
    assert "<script>alert(1)</script>" in root.text()


def test_render_page_swaps_the_list_and_each_valid_marker() -> None:
    checklist, _ = parse(GOOD)
    assert checklist is not None
    body = GOOD.split("---\n", 2)[2]
    own = render_page(body, src=checklist.src, checklists={"test-list": checklist})
    assert "- [ ]" not in own and "After the list." in own and own.count("data-checklist=") == 1
    article = "Intro.\n<!-- checklist: test-list -->\nMore.\n<!-- checklist: unknown -->\n<!-- checklist: test-list -->\n"
    out = render_page(article, src="client/end-hourly.md", checklists={"test-list": checklist})
    assert out.count("data-checklist=") == 1 and "<!-- checklist: unknown -->" in out
