"""Checklists, unit level: parsing, keys, problems and rendering from plain strings (no build)."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path

import checklist_pdf
import markdown
import pytest
from checklist_pdf import PdfJob, cache_name, input_key, pdf_html, render_pdfs
from checklists import (
    KEY_PATTERN,
    Checklist,
    EmbedTemplate,
    collect,
    embed_block,
    extract_block,
    find_task_list,
    insert_embeds,
    is_checklist_page,
    mark_embeds,
    parse_checklist,
    placeholder,
    render_block,
    replace_task_list,
    slugify,
)
from hypothesis import given
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser

HOOKS = Path(__file__).resolve().parent.parent / "hooks"

FRONT = """---
title: "Checklist: test list"
description: A checklist used by the unit tests of the checklists hook.
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
    """A checklist page: front matter (11 lines) + body starting on line 12."""
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
    checklist, problems = parse_checklist(path, source)
    return checklist, [str(p) for p in problems]


# ----------------------------------------------------------------------------- parsing


def test_parses_items_keys_why_and_intro() -> None:
    checklist, problems = parse(GOOD)
    assert problems == []
    assert checklist is not None
    assert checklist.id == "test-list"
    assert checklist.title == "Checklist: test list"
    assert checklist.last_reviewed == "2026-11-27"
    assert checklist.intro == "Intro with a [link](../freelancer/end-hourly.md)."
    first, second, third = checklist.items
    assert first.key == "log-hours"
    assert (
        first.text
        == "Log your last hours in the [Work Diary](../freelancer/end-hourly.md#work-diary)."
    )
    assert (
        first.why
        == "it locks when the contract ends. See [ending hourly](../freelancer/end-hourly.md)."
    )
    assert first.line == 17
    assert second.text == "Ask the client's feedback politely."
    assert second.key == "ask-the-clients-feedback-politely"
    assert second.why is None
    assert third.key == "hand-over-the-files"
    assert third.line == 23


def test_slug_rule() -> None:
    assert slugify("Ask the client's feedback") == "ask-the-clients-feedback"
    assert slugify("Read [the guide](../x.md) **now**") == "read-the-guide-now"
    assert slugify("Café — résumé, 14 days!") == "cafe-resume-14-days"
    assert slugify("x <!-- key: y -->") == "x"
    long = slugify("word " * 40)
    assert len(long) <= 60 and long.endswith("word") and KEY_PATTERN.match(long)


def test_keys_do_not_depend_on_order_and_an_edit_changes_only_that_item() -> None:
    base = page("- [ ] First task\n- [ ] Second task <!-- key: second -->\n- [ ] Third task\n")
    swapped = page(
        "- [ ] Third task\n- [ ] First task\n- [ ] Second task, reworded <!-- key: second -->\n"
    )
    edited = page(
        "- [ ] First task, reworded\n- [ ] Second task <!-- key: second -->\n- [ ] Third task\n"
    )
    keys = lambda source: {i.key for i in parse(source)[0].items}  # noqa: E731
    assert keys(base) == keys(swapped) == {"first-task", "second", "third-task"}
    assert keys(base) ^ keys(edited) == {"first-task", "first-task-reworded"}


@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=12))
def test_any_task_list_parses_to_unique_valid_keys_or_reports(texts: list[str]) -> None:
    lines = ["- [ ] " + " ".join(t.split()) for t in texts]
    checklist, problems = parse_checklist("checklists/test-list.md", page("\n".join(lines) + "\n"))
    if checklist is not None:
        keys = [item.key for item in checklist.items]
        assert len(keys) == len(set(keys))
        assert all(KEY_PATTERN.match(key) for key in keys)
    assert all(p.line is not None for p in problems)


@given(st.text(max_size=120))
def test_slugs_are_always_valid_keys_or_empty(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or (KEY_PATTERN.match(slug) and len(slug) <= 60)


def test_task_lists_inside_code_fences_are_ignored() -> None:
    lines = ["```markdown", "- [ ] not an item", "```", "", "- [ ] real item"]
    task_list = find_task_list(lines)
    assert task_list is not None and (task_list.start, task_list.end) == (4, 5)


# ----------------------------------------------------------------------------- problems (file:line)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "# Title\n\nNo list here.\n",
            "checklists/test-list.md:5: checklist 'test-list' has no items",
        ),
        (
            "- [ ] Same task\n- [ ] Other <!-- key: same-task -->\n",
            "checklists/test-list.md:13: item key 'same-task' is already used by the item on "
            "line 12",
        ),
        ("- [x] Already ticked\n", "checklists/test-list.md:12: write checklist items unticked"),
        (
            "- [ ] One\n\nText.\n\n- [ ] Two\n",
            "checklists/test-list.md:16: a checklist page has one task list",
        ),
        (
            "- [ ] One <!-- key: Bad_Key -->\n",
            "checklists/test-list.md:12: item key 'Bad_Key' is not valid",
        ),
        (
            "- [ ] One\n  - [ ] nested\n",
            "checklists/test-list.md:13: checklist items can't contain nested lists",
        ),
        (
            "- [ ] One\n- plain item\n",
            "checklists/test-list.md:13: every item of a checklist is a task",
        ),
        (
            "- [ ] One\n  Why:\n",
            "checklists/test-list.md:12: the 'Why:' line of this item is empty",
        ),
        ("- [ ] See [x][ref]\n", "checklists/test-list.md:12: use inline links in checklist items"),
        ("- [ ] <!-- key: k -->\n", "checklists/test-list.md:12: this checklist item has no text"),
    ],
)
def test_each_problem_names_file_and_line(body: str, expected: str) -> None:
    _, problems = parse(page(body))
    assert any(p.startswith(expected) for p in problems), problems


def test_checklist_id_must_match_the_file() -> None:
    _, problems = parse(page("- [ ] One\n", "other-id"))
    assert problems == [
        "checklists/test-list.md:5: checklist_id 'other-id' does not match the file: "
        "a checklist page is docs/checklists/other-id.md"
    ]
    _, problems = parse(page("- [ ] One\n").replace("checklist_id: test-list\n", ""))
    assert problems[0].startswith(
        "checklists/test-list.md:4: a checklist page needs 'checklist_id: <id>'"
    )


def test_site_problems_duplicate_id_and_embeds() -> None:
    article = textwrap.dedent(
        """\
        ---
        title: An article
        ---

        <!-- checklist: test-list -->

        <!-- checklist: no-such-list -->
        <!-- checklist test-list -->
            <!-- checklist: test-list -->
        <!-- checklist: test-list -->

        ```markdown
        <!-- checklist: inside-a-code-block -->
        ```
        """
    )
    sources = {
        "checklists/test-list.md": page("- [ ] One\n"),
        "checklists/zz-copy.md": page("- [ ] One\n"),
        "freelancer/article.md": article,
    }
    checklists, problems = collect(sources)
    assert list(checklists) == ["test-list"]
    messages = [str(p) for p in problems]
    assert (
        "checklists/zz-copy.md:5: checklist id 'test-list' is already used by "
        "checklists/test-list.md" in "\n".join(messages)
    )
    text = "\n".join(messages)
    assert (
        "freelancer/article.md:7: there is no checklist 'no-such-list' (known: test-list)" in text
    )
    assert "freelancer/article.md:8: malformed checklist marker" in text
    assert "freelancer/article.md:9: put <!-- checklist: <id> --> at the start of a line" in text
    assert "freelancer/article.md:10: checklist 'test-list' is already shown on this page" in text
    assert "inside-a-code-block" not in text


# ----------------------------------------------------------------------------- rendering


def to_html(markdown_text: str) -> HTMLParser:
    md = markdown.Markdown(extensions=["attr_list", "md_in_html"])
    return HTMLParser(md.convert(markdown_text))


def test_rendered_block_keeps_the_dom_contract() -> None:
    checklist, _ = parse(GOOD)
    tree = to_html(render_block(checklist))
    root = tree.css_first("[data-checklist]")
    assert root.attributes["data-checklist"] == "test-list"
    boxes = root.css('input[type="checkbox"][data-item]')
    assert [b.attributes["data-item"] for b in boxes] == [i.key for i in checklist.items]
    for box, item in zip(boxes, checklist.items, strict=True):
        label = root.css_first(f'label[for="{box.attributes["id"]}"]')
        assert label is not None
        assert label.text(deep=True).startswith(item.text.split("[")[0].strip())
    assert root.css_first('label[for="cl-test-list--log-hours"] a').attributes["href"] == (
        "../freelancer/end-hourly.md#work-diary"
    )
    why = root.css_first("#cl-test-list--log-hours--why")
    assert why.text().startswith("Why: it locks")
    assert boxes[0].attributes["aria-describedby"] == "cl-test-list--log-hours--why"
    pdf = root.css_first("a[data-checklist-pdf]")
    assert pdf.attributes["href"] == "test-list.pdf"
    assert "download" in pdf.attributes
    progress = root.css_first("[data-checklist-progress]")
    assert progress.attributes["aria-live"] == "polite"
    # Controls that need JavaScript start hidden; the PDF link works without it.
    for selector in (
        "[data-checklist-progress]",
        "[data-checklist-print]",
        "[data-checklist-reset]",
        ".checklist__note",
    ):
        assert "hidden" in root.css_first(selector).attributes, selector
    assert "hidden" not in pdf.attributes
    assert root.css_first(".checklist__caption") is None


# A block as MkDocs renders it on checklists/test-list.md (directory URLs).
RENDERED = """<p>Intro</p>
<section class="checklist" data-checklist="test-list" aria-label="Checklist: test list">
<p class="checklist__progress" data-checklist-progress hidden></p>
<ul class="checklist__items">
<li class="checklist__item">
<input type="checkbox" id="cl-test-list--log-hours" data-item="log-hours">
<label for="cl-test-list--log-hours">Log hours in the
<a href="../../freelancer/end-hourly/#work-diary">Work Diary</a> before
<a class="glossary-link" href="../../glossary/#escrow" title="Money &quot;held&quot;">escrow</a>
ends.</label> <span class="checklist__why">Why: see <a href="../../freelancer/end-hourly/">ending
hourly</a>, <a href="#intro">the intro</a>, <a href="https://upwork.com/x">Upwork</a> and
<a class="glossary-link" href="../../glossary/#refund" title="Money back">refund</a>.</span></li>
</ul>
<p class="checklist__actions"><a href="../test-list.pdf" class="md-button" data-checklist-pdf>
Download PDF</a></p>
</section>
<p>After</p>"""

SITE_ANCHORS = {
    "checklists/test-list/": {"intro"},
    "checklists/test-list.pdf": None,
    "freelancer/end-hourly/": {"work-diary"},
    "glossary/": {"escrow", "refund"},
    "": set(),
}


def embed(
    to_url: str,
    *,
    linked: set[str] | None = None,
    anchors: dict[str, set[str] | None] = SITE_ANCHORS,
    block: str = RENDERED,
    from_url: str = "checklists/test-list/",
    checklist: Checklist | None = None,
) -> tuple[str, list[str]]:
    """The test checklist's rendered ``block`` embedded on the page at ``to_url``."""
    template = EmbedTemplate.parse(extract_block(block, "test-list") or "")
    return embed_block(
        template,
        checklist or parse(GOOD)[0],
        from_url=from_url,
        to_url=to_url,
        anchors_by_url=anchors,
        linked=set() if linked is None else linked,
    )


def test_extract_block_takes_the_section_only() -> None:
    block = extract_block(RENDERED, "test-list")
    assert block is not None
    assert block.startswith("<section") and block.endswith("</section>")
    assert "Intro" not in block and "After" not in block
    assert extract_block(RENDERED, "other-list") is None
    assert extract_block(RENDERED, 'x"] , a[href') is None  # never a selector from outside


def test_embedded_block_rewrites_links_for_the_article() -> None:
    # The article already links "escrow" to the glossary: the copy's term link becomes text.
    linked = {"escrow"}
    out, wrong = embed("freelancer/end-hourly/", linked=linked)
    assert wrong == []
    root = HTMLParser(out).css_first("section[data-checklist]")
    caption = root.css_first(".checklist__caption a")
    assert caption.attributes["href"] == "../../checklists/test-list/"
    assert caption.text() == "Checklist: test list"
    assert root.child.tag == "p" and "checklist__caption" in root.child.attributes["class"]
    hrefs = [a.attributes["href"] for a in root.css("a")]
    # To the article itself: only the anchor stays, or the link becomes text.
    assert "#work-diary" in hrefs
    assert "ending\nhourly" in root.css_first(".checklist__why").text()
    assert "../../checklists/test-list/#intro" in hrefs
    assert "https://upwork.com/x" in hrefs
    assert "../../checklists/test-list.pdf" in hrefs
    # One link per glossary term and page: escrow was linked already, refund was not.
    assert "../../glossary/#escrow" not in hrefs and "escrow" in root.text()
    refund = root.css_first("a.glossary-link")
    assert refund.attributes["href"] == "../../glossary/#refund"
    assert refund.attributes["title"] == "Money back"
    assert "refund" in linked


def test_embedded_block_without_directory_urls_and_at_the_site_root() -> None:
    block = RENDERED.replace("../../freelancer/end-hourly/", "../freelancer/end-hourly.html")
    block = block.replace("../../glossary/", "../glossary.html").replace(
        "../test-list.pdf", "test-list.pdf"
    )
    anchors = {
        k.rstrip("/") + ".html" if k.endswith("/") else k: v for k, v in SITE_ANCHORS.items()
    }
    anchors["index.html"] = set()
    out, wrong = embed(
        "index.html", anchors=anchors, block=block, from_url="checklists/test-list.html"
    )
    assert wrong == []
    hrefs = [a.attributes["href"] for a in HTMLParser(out).css("a")]
    assert hrefs[0] == "checklists/test-list.html"
    assert "freelancer/end-hourly.html#work-diary" in hrefs
    assert "checklists/test-list.pdf" in hrefs


def test_embedded_block_reports_a_link_to_nowhere() -> None:
    anchors = dict(SITE_ANCHORS)
    del anchors["checklists/test-list.pdf"]
    anchors["freelancer/end-hourly/"] = set()
    _, wrong = embed("client/end-hourly/", anchors=anchors)
    assert any("test-list.pdf" in w and "not a page of the site" in w for w in wrong), wrong
    assert any("no anchor '#work-diary'" in w for w in wrong), wrong


def test_embedded_text_stays_escaped() -> None:
    checklist, _ = parse(GOOD.replace('title: "Checklist: test list"', 'title: "Checklist: <b>&"'))
    assert checklist is not None
    out, _ = embed("x/", checklist=checklist)
    caption = HTMLParser(out).css_first(".checklist__caption")
    assert caption.css_first("b") is None and caption.text() == "Checklist: <b>&"


def test_replace_task_list_and_mark_embeds() -> None:
    checklist, _ = parse(GOOD)
    body = GOOD.split("---\n", 2)[2]
    replaced = replace_task_list(body, "BLOCK")
    assert "- [ ]" not in replaced and "\nBLOCK\n" in replaced and "After the list." in replaced
    article = (
        "Intro.\n<!-- checklist: test-list -->\nMore.\n<!-- checklist: unknown -->\n"
        "<!-- checklist: test-list -->\n"
    )
    out, ids = mark_embeds(article, {"test-list": checklist}, page_src="client/end-hourly.md")
    assert ids == ["test-list"]
    assert out.count(placeholder("test-list")) == 1
    assert "<!-- checklist: unknown -->" in out
    assert mark_embeds("no markers", {"test-list": checklist}, page_src="a.md") == (
        "no markers",
        [],
    )
    # The checklist's own page never embeds itself.
    assert mark_embeds(article, {"test-list": checklist}, page_src=checklist.src_uri)[1] == []


def test_embed_template_refuses_blocks_it_cannot_fill() -> None:
    with pytest.raises(ValueError, match="no <section"):
        EmbedTemplate.parse("<p>no checklist</p>")
    with pytest.raises(ValueError, match="reserved"):
        EmbedTemplate.parse(RENDERED.replace("Intro", "Intro \ue000"))


def test_insert_embeds() -> None:
    page_html = f"<p>a</p>\n{placeholder('one')}\n<p>b</p>"
    out, missing = insert_embeds(
        page_html, {"one": "<section>1</section>", "two": "<section>2</section>"}
    )
    assert out == "<p>a</p>\n<section>1</section>\n<p>b</p>"
    assert missing == ["two"]


# --------------------------------------------------------------------------- PDF document and cache


def test_pdf_document_has_everything_the_paper_needs() -> None:
    checklist, _ = parse(GOOD)
    urls = {"freelancer/end-hourly.md": "https://example.org/freelancer/end-hourly/"}
    doc = pdf_html(
        checklist,
        page_url="https://example.org/checklists/test-list/",
        paper="a4",
        url_for=urls.get,
    )
    tree = HTMLParser(doc)
    assert tree.css_first("h1").text() == "Checklist: test list"
    assert "https://example.org/checklists/test-list/" in tree.css_first(".meta").text()
    assert "27 November 2026" in tree.css_first(".meta").text()
    assert len(tree.css("ul.items li .box")) == 3
    assert "Why: it locks when the contract ends." in tree.text()
    assert "See: https://example.org/freelancer/end-hourly/#work-diary" in tree.text()
    assert "size: A4" in doc and "counter(pages)" in doc
    assert len(tree.css(".notes div")) >= 5
    assert "letter" in pdf_html(checklist, page_url="u", paper="letter", url_for=urls.get)


def test_cache_name_follows_the_inputs_and_the_link_targets() -> None:
    checklist, _ = parse(GOOD)
    assert checklist is not None
    key = input_key(checklist, page_url="u", paper="letter")
    assert key == input_key(checklist, page_url="u", paper="letter")
    assert key != input_key(checklist, page_url="v", paper="letter")
    assert key != input_key(checklist, page_url="u", paper="a4")
    edited = checklist._replace(items=checklist.items[:1])
    assert key != input_key(edited, page_url="u", paper="letter")
    name = cache_name("x", key, {"a.md": "https://s/a/"})
    assert name.startswith("x-") and name.endswith(".pdf")
    assert name == cache_name("x", key, {"a.md": "https://s/a/"})
    assert name != cache_name("x", key, {"a.md": "https://s/b/"})
    assert name != cache_name("x", key, {"a.md": None})


def _render_jobs(tmp_path: Path, checklist: Checklist, urls: dict[str, str]):  # type: ignore[no-untyped-def]
    return render_pdfs(
        [PdfJob(checklist, "https://s/checklists/test-list/")],
        site_dir=tmp_path / "site",
        cache_dir=tmp_path / "cache",
        paper="letter",
        url_for=urls.get,
        log=logging.getLogger("test"),
    )


def test_a_pdf_is_made_again_only_when_what_it_shows_changes(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    made: list[str] = []

    def fake_render(document: str, target: Path, stats) -> float:  # type: ignore[no-untyped-def]
        made.append(document)
        target.write_bytes(b"%PDF-" + str(len(made)).encode())
        return 0.0

    monkeypatch.setattr(checklist_pdf, "_render", fake_render)
    checklist, _ = parse(GOOD)
    assert checklist is not None
    urls = {"freelancer/end-hourly.md": "https://s/freelancer/end-hourly/"}
    first = _render_jobs(tmp_path, checklist, urls)
    assert [i for i, _ in first.rendered] == ["test-list"] and first.reused == []
    assert "See: https://s/freelancer/end-hourly/#work-diary" in HTMLParser(made[0]).text()

    # Unchanged: the cached file is found without building the HTML at all.
    monkeypatch.setattr(checklist_pdf, "pdf_html", lambda *a, **k: pytest.fail("HTML built"))
    again = _render_jobs(tmp_path, checklist, urls)
    assert again.rendered == [] and again.reused == ["test-list"]
    assert (tmp_path / "site" / checklist.pdf_uri).read_bytes() == b"%PDF-1"
    monkeypatch.undo()
    monkeypatch.setattr(checklist_pdf, "_render", fake_render)

    # The linked page moved: its new address is printed, so the PDF is made again.
    moved = {"freelancer/end-hourly.md": "https://s/hourly/"}
    third = _render_jobs(tmp_path, checklist, moved)
    assert [i for i, _ in third.rendered] == ["test-list"]
    assert "See: https://s/hourly/#work-diary" in HTMLParser(made[1]).text()
    # The checklist changed: made again; only the newest PDF stays in the cache.
    edited = checklist._replace(title="Checklist: renamed")
    assert [i for i, _ in _render_jobs(tmp_path, edited, moved).rendered] == ["test-list"]
    assert len(list((tmp_path / "cache").glob("test-list-*.pdf"))) == 1
    assert len(list((tmp_path / "cache").glob("test-list-*.links.json"))) == 1


def test_cached_pdfs_are_copied_without_importing_weasyprint(tmp_path: Path) -> None:
    """In a fresh interpreter: a cache hit copies the file and never imports WeasyPrint.

    A first interpreter fills the cache (its renderer replaced, so the file is known);
    the second runs the real code, which would import WeasyPrint to render."""
    script = textwrap.dedent(
        f"""
        import logging, sys
        sys.path.insert(0, {str(HOOKS)!r})
        from pathlib import Path
        import checklist_pdf
        from checklists import parse_checklist
        from checklist_pdf import PdfJob, render_pdfs
        if sys.argv[1] == "seed":
            checklist_pdf._render = lambda doc, target, stats: target.write_bytes(b"%PDF-cached")
        source = Path({str(tmp_path / "page.md")!r}).read_text()
        checklist, _ = parse_checklist("checklists/test-list.md", source)
        stats = render_pdfs([PdfJob(checklist, "u")], site_dir=Path({str(tmp_path / "site")!r}),
                            cache_dir=Path({str(tmp_path / "cache")!r}), paper="letter",
                            url_for=lambda s: None, log=logging.getLogger("t"))
        print([i for i, _ in stats.rendered], stats.reused, "weasyprint" in sys.modules)
        """
    )
    (tmp_path / "page.md").write_text(GOOD)

    def run(mode: str) -> list[str]:
        cmd = [sys.executable, "-c", script, mode]
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split()

    assert run("seed") == ["['test-list']", "[]", "False"]
    assert run("real") == ["[]", "['test-list']", "False"]
    assert (tmp_path / "site" / "checklists" / "test-list.pdf").read_bytes() == b"%PDF-cached"


def test_a_bad_date_does_not_hide_a_checklist() -> None:
    """PyYAML raises on 2026-02-30; the front-matter hook reports it, this hook carries on."""
    checklist, problems = parse(page("- [ ] One\n").replace("2026-11-27", "2026-02-30"))
    assert checklist is not None and problems == []
    assert checklist.last_reviewed == "2026-02-30"
    _, problems = collect(
        {"a.md": "---\ntitle: [unclosed\n---\n", "b.md": "---\nx: 2026-02-30\n---\n"}
    )
    assert problems == []


def test_one_template_serves_many_pages() -> None:
    checklist, _ = parse(GOOD)
    template = EmbedTemplate.parse(extract_block(RENDERED, "test-list"))
    first, _ = embed_block(
        template,
        checklist,
        from_url="checklists/test-list/",
        to_url="freelancer/end-hourly/",
        anchors_by_url=SITE_ANCHORS,
        linked={"escrow"},
    )
    second, wrong = embed_block(
        template,
        checklist,
        from_url="checklists/test-list/",
        to_url="",
        anchors_by_url=SITE_ANCHORS,
        linked=set(),
    )
    assert wrong == []
    assert "glossary/#escrow" not in first
    escrow = HTMLParser(second).css_first('a.glossary-link[href="glossary/#escrow"]')
    assert escrow is not None and escrow.attributes["title"] == 'Money "held"'
    assert HTMLParser(second).css_first(".checklist__caption a").attributes["href"] == (
        "checklists/test-list/"
    )


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("kind: checklist\nchecklist_id: x\n", True),
        ('"kind": "checklist"\nchecklist_id: x\n', True),
        ("{kind: checklist, checklist_id: x}\n", True),
        ("kind: article\ntags: [checklists]\n", False),
        ("tags: [checklists]\nrelated: [checklists/x]\n", False),  # no "kind": an article
        ("title: A page\n", False),
    ],
)
def test_a_checklist_page_is_known_by_its_kind_however_it_is_written(
    front: str, expected: bool
) -> None:
    assert is_checklist_page(f"---\n{front}---\n\n# Title\n") is expected
