"""Link graph: related-page ranking, link and FAQ collection, generated hrefs and their checks."""

from __future__ import annotations

import random

import linkgraph
import markdown
import pytest
import site_urls
from linkgraph import FaqQuestion, PageFacts, build_crosslinks, check_related, rank_related


def facts(src, title=None, **kw) -> PageFacts:
    kw.setdefault("tags", ("ending-a-contract",))
    return PageFacts(src=src, title=title or src, **kw)


SITE = {
    p.src: p
    for p in [
        facts("f/end-hourly.md", "End hourly", audience="freelancer", contract_type="hourly",
              tags=("ending-a-contract", "hourly", "payments")),
        facts("f/end-fixed.md", "End fixed", audience="freelancer", contract_type="fixed-price",
              tags=("ending-a-contract", "escrow", "payments")),
        facts("f/get-paid.md", "Get paid", audience="freelancer", contract_type="both",
              tags=("ending-a-contract", "payments", "hourly")),
        facts("c/end-hourly.md", "Client end hourly", audience="client", contract_type="hourly",
              tags=("ending-a-contract", "hourly")),
        facts("basics/disputes.md", "Disputes", audience="both", contract_type="both",
              tags=("disputes", "payments")),
        facts("checklists/f-hourly.md", "Checklist hourly", kind="checklist",
              audience="freelancer", contract_type="hourly", tags=("ending-a-contract", "hourly")),
        facts("faq.md", "FAQ", kind="faq", tags=("ending-a-contract", "hourly", "payments")),
        facts("index.md", "Home", kind="page", tags=("ending-a-contract", "hourly")),
        facts("basics/unrelated.md", "Unrelated", tags=("security",)),
    ]
}


def test_related_is_ranked_by_shared_rare_tags_audience_and_contract_type():
    ranked = rank_related(SITE["f/end-hourly.md"], SITE)
    assert [src for src, _ in ranked] == [
        "f/get-paid.md",  # two rare shared tags, same audience
        "checklists/f-hourly.md",  # same audience and contract type
        # A tie: same side, other contract type / other side, same contract type. Title decides.
        "c/end-hourly.md",
        "f/end-fixed.md",
        "basics/disputes.md",
    ]


def test_related_never_lists_the_page_itself_pages_without_shared_tags_or_other_kinds():
    for page in SITE.values():
        ranked = [src for src, _ in rank_related(page, SITE)]
        assert page.src not in ranked
        assert "basics/unrelated.md" not in ranked or page.src == "basics/unrelated.md"
        assert "faq.md" not in ranked and "index.md" not in ranked
        assert len(ranked) == len(set(ranked)) <= 5


def test_explicit_related_comes_first_in_its_order_and_counts_towards_five():
    page = facts("f/end-hourly.md", tags=("hourly",),
                 related=("basics/unrelated", "faq#money", "index", "nowhere", "f/end-hourly"))
    ranked = rank_related(page, SITE)
    assert ranked[:3] == [("basics/unrelated.md", ""), ("faq.md", "money"), ("index.md", "")]
    assert len(ranked) == 5
    assert ("f/end-hourly.md", "") not in ranked


def test_related_order_does_not_depend_on_the_order_pages_were_read():
    expected = {src: rank_related(p, SITE) for src, p in SITE.items()}
    items = list(SITE.items())
    for seed in range(5):
        random.Random(seed).shuffle(items)
        shuffled = dict(items)
        assert {src: rank_related(p, shuffled) for src, p in shuffled.items()} == expected


def test_ties_are_broken_by_title_then_path():
    site = {
        s: facts(s, t, tags=("x",))
        for s, t in [("b.md", "Same"), ("a.md", "Same"), ("c.md", "Alpha"), ("me.md", "Me")]
    }
    assert [s for s, _ in rank_related(site["me.md"], site)] == ["c.md", "a.md", "b.md"]


def test_check_related_reports_unknown_self_repeats_and_too_many():
    page = facts("f/end-hourly.md",
                 related=("f/end-fixd", "f/end-hourly", "f/get-paid", "f/get-paid", "index", "faq",
                          "c/end-hourly"))
    problems = dict(check_related(page, SITE))
    assert "did you mean 'f/end-fixed'?" in problems["f/end-fixd"]
    assert "this page itself" in problems["f/end-hourly"]
    assert "listed twice" in problems["f/get-paid"]
    assert "only the first 5 are shown" in problems["faq"]


# ----------------------------------------------------------------------------- reading pages


def tree(text: str):
    md = markdown.Markdown(extensions=["toc", "attr_list", "admonition"],
                           extension_configs={"toc": {"permalink": True}})
    root = md.parser.parseDocument(text.split("\n")).getroot()
    for processor in md.treeprocessors:
        result = processor.run(root)
        if result is not None:
            root = result
    return root


KNOWN = {"faq.md", "f/end-hourly.md", "f/end-fixed.md", "index.md"}


def test_collect_links_resolves_relative_md_links_only():
    root = tree(
        "[a](end-fixed.md) [b](../faq.md#x) [self](end-hourly.md) [ext](https://x.org/a.md) "
        "[abs](/faq.md) [gone](nowhere.md) [dir](../f/) [anchor](#here)"
    )
    assert linkgraph.collect_links(root, from_src="f/end-hourly.md", known=KNOWN) == {
        "f/end-fixed.md", "faq.md"
    }


FAQ = """# FAQ

## Money

### What happens to escrow?

It goes back. More: [End fixed](f/end-fixed.md)

### Can I get paid for my hours?

Yes.

**More:** [End hourly](f/end-hourly.md#pay) and [End fixed](f/end-fixed.md).

### No link here?

Answer [inline](f/end-hourly.md) without the marker.

### Broken link?

More: [Gone](f/gone.md)

## Other

Text. More: [Home](index.md)
"""


def test_faq_questions_with_anchors_text_and_more_links():
    questions = linkgraph.faq_questions(tree(FAQ), from_src="faq.md", known=KNOWN)
    assert questions == [
        FaqQuestion("what-happens-to-escrow", "What happens to escrow?", ("f/end-fixed.md",)),
        FaqQuestion("can-i-get-paid-for-my-hours", "Can I get paid for my hours?",
                    ("f/end-hourly.md", "f/end-fixed.md")),
        FaqQuestion("no-link-here", "No link here?", (), has_more=False),
        FaqQuestion("broken-link", "Broken link?", (), has_more=True),
    ]


# ----------------------------------------------------------------------------- emitting


@pytest.mark.parametrize(
    ("href", "from_url", "expected"),
    [
        ("../../faq/#q", "f/end-hourly/", ("faq/", "q")),
        ("../../", "f/end-hourly/", ("", "")),
        ("../", "faq/", ("", "")),
        ("f/end-hourly/", "", ("f/end-hourly/", "")),
        ("../faq.html#q", "f/end-hourly.html", ("faq.html", "q")),
        ("end-fixed.html", "f/end-hourly.html", ("f/end-fixed.html", "")),
        ("#top", "faq/", ("faq/", "top")),
        ("f/end-hourly.html#a", "index.html", ("f/end-hourly.html", "a")),
        ("#a", "faq.html", ("faq.html", "a")),
    ],
)
def test_resolve_href(href, from_url, expected):
    assert site_urls.resolve_href(href, from_url=from_url) == expected


def test_check_href_needs_a_page_and_its_anchor():
    anchors = {"": set(), "faq/": {"q"}, "f/x/": None}
    assert site_urls.check_href("../../faq/#q", from_url="f/x/", anchors_by_url=anchors) is None
    assert site_urls.check_href("../../", from_url="f/x/", anchors_by_url=anchors) is None
    assert "no anchor '#nope'" in site_urls.check_href(
        "../../faq/#nope", from_url="f/x/", anchors_by_url=anchors
    )
    assert "not a page of the site" in site_urls.check_href(
        "../faq/", from_url="f/x/", anchors_by_url=anchors
    )


@pytest.mark.parametrize("directory_urls", [True, False])
def test_build_crosslinks_blocks_and_relative_hrefs(directory_urls):
    def url(src: str) -> str:
        stem = src[:-3]
        if not directory_urls:
            return stem + ".html"
        return "./" if stem == "index" else stem + "/"  # MkDocs' own home page URL

    urls = {src: url(src) for src in SITE}
    anchors = {site_urls.normal_url(u): {"q1", "q2"} for u in urls.values()}
    questions = [FaqQuestion("q1", "Question one?", ("f/end-hourly.md",))]
    crosslinks, wrong = build_crosslinks(
        SITE["f/end-hourly.md"], facts=SITE, urls=urls, anchors_by_url=anchors,
        questions=questions, faq_src="faq.md",
        origins={"faq.md", "index.md", "f/end-hourly.md", "c/end-hourly.md"},
    )
    assert wrong == []
    kinds = [b.kind for b in crosslinks.blocks]
    assert kinds == ["related", "faq-questions", "backlinks"]
    faq_link = crosslinks.blocks[1].links[0]
    assert faq_link.title == "Question one?"
    assert faq_link.href == ("../../faq/#q1" if directory_urls else "../faq.html#q1")
    # The FAQ is listed question by question, not again under "Linked from"; sorted by title.
    assert [link.title for link in crosslinks.blocks[2].links] == ["Client end hourly", "Home"]
    assert crosslinks.blocks[2].links[1].href == ("../../" if directory_urls else "../index.html")


def test_build_crosslinks_reports_a_missing_anchor():
    urls = {src: src[:-3] + "/" for src in SITE}
    anchors = {u: set() for u in urls.values()}
    _, wrong = build_crosslinks(
        SITE["f/end-hourly.md"], facts=SITE, urls=urls, anchors_by_url=anchors,
        questions=[FaqQuestion("gone", "Q?", ("f/end-hourly.md",))], faq_src="faq.md",
    )
    assert wrong == [
        "generated link '../../faq/#gone' leads to 'faq/', which has no anchor '#gone'"
    ]


def test_nothing_to_show_is_none():
    lonely = facts("basics/unrelated.md", tags=("security",))
    urls = {lonely.src: "basics/unrelated/"}
    assert build_crosslinks(lonely, facts={lonely.src: lonely}, urls=urls, anchors_by_url={}) == (
        None, []
    )


def test_front_matter_line():
    source = "---\ntitle: X\nrelated:\n  - a/b\n  - c/d\ntags: [c/d]\n---\nc/d\n"
    assert linkgraph.front_matter_line(source, "related", "c/d") == 5
    assert linkgraph.front_matter_line(source, "related") == 3
    assert linkgraph.front_matter_line("---\nrelated: [a, b]\n---\n", "related", "b") == 2
    assert linkgraph.front_matter_line("---\ntitle: X\n---\n", "related", "b") is None


def brute_force(page: PageFacts, pages) -> list[str]:
    weights = linkgraph.tag_weights(p for p in pages.values() if p.kind in linkgraph.RELATED_KINDS)
    scored = sorted(
        (-round(linkgraph.related_score(page, o, tag_weight=weights), 9), o.title.casefold(), o.src)
        for o in pages.values()
        if o.src != page.src and o.kind in linkgraph.RELATED_KINDS
    )
    return [src for score, _, src in scored if score < 0][:5]


@pytest.mark.parametrize("size", [60, 400])
def test_indexed_ranking_equals_scoring_every_pair(size):
    rng = random.Random(size)
    tags = ["hourly", "fixed-price", "escrow", "refunds", "jss", "disputes", "fees", "feedback"]
    tags += [f"rare-{n}" for n in range(size // 10)]
    pages = {}
    for n in range(size):
        src = f"p{n}.md"
        pages[src] = facts(
            src, f"Page {n % 17}", audience=rng.choice(["freelancer", "client", "both"]),
            contract_type=rng.choice(["hourly", "fixed-price", "both"]),
            tags=("ending-a-contract", *rng.sample(tags, rng.randint(0, 3))),
            kind=rng.choice(["article", "article", "checklist", "page"]),
        )
    index = linkgraph.RelatedIndex(pages)
    for page in pages.values():
        assert [s for s, _ in rank_related(page, pages, index=index)] == brute_force(page, pages)


def test_ranking_with_many_pages_in_the_same_group_equals_scoring_every_pair():
    # A big site has many pages with the same tags, audience and contract type (one group,
    # scored once): the first titles of the group must still win, skipping the page itself.
    pages = {}
    shapes = [("hourly", "escrow"), ("hourly",), ("fees", "escrow"), ()]
    for n in range(300):
        src = f"s/p{n:03d}.md"
        pages[src] = facts(
            src,
            f"Page {n % 40}",
            audience=["freelancer", "client", "both"][n % 3],
            contract_type="both",
            tags=("ending-a-contract", *shapes[n % 4]),
            related=(f"s/p{(n + 7) % 300:03d}",) if n % 11 == 0 else (),
        )
    index = linkgraph.RelatedIndex(pages)
    assert len(index.groups) == 12
    for page in pages.values():
        ranked = [s for s, _ in rank_related(page, pages, index=index)]
        if page.related:
            assert ranked[0] == f"{page.related[0]}.md"
            expected = [s for s in brute_force(page, pages) if s != ranked[0]][:4]
            assert ranked[1:] == expected
        else:
            assert ranked == brute_force(page, pages)


def test_rendered_crosslinks_are_escaped_navs_marked_as_generated():
    from selectolax.lexbor import LexborHTMLParser

    crosslinks = linkgraph.CrossLinks(
        (
            linkgraph.CrossBlock(
                "related",
                "Related",
                (linkgraph.CrossLink('<b>"Quotes" & tags</b>', "../a/?x=1&y=2"),),
            ),
            linkgraph.CrossBlock("backlinks", "Linked from", (linkgraph.CrossLink("Home", "../"),)),
        )
    )
    html = linkgraph.render_crosslinks(crosslinks)
    tree = LexborHTMLParser(html)
    navs = tree.css("div.crosslinks > nav.crosslinks__block")
    assert [n.attributes["data-generated"] for n in navs] == ["related", "backlinks"]
    assert navs[0].attributes["aria-labelledby"] == "crosslinks-related"
    assert tree.css_first("#crosslinks-related").text() == "Related"
    link = navs[0].css_first("a")
    assert link.text() == '<b>"Quotes" & tags</b>' and tree.css_first("b") is None
    assert link.attributes["href"] == "../a/?x=1&y=2"


def test_crosslinks_html_never_comes_from_front_matter():
    # The partial prints page.meta["crosslinks"] as HTML: on_env sets it on every page.
    from types import SimpleNamespace

    def page(src, kind, meta):
        file = SimpleNamespace(src_uri=src, url=src[:-3] + "/", content_string="")
        built = SimpleNamespace(file=file, meta=meta, present_anchor_ids=set())
        file.page = built
        linkgraph._state.facts[src] = facts(src, src, kind=kind)
        return file

    saved, linkgraph._state = linkgraph._state, linkgraph._State()
    try:
        files = [
            page("about.md", "page", {"crosslinks": "<script>alert(1)</script>"}),
            page("a.md", "article", {"crosslinks": "<script>alert(2)</script>"}),
            page("b.md", "article", {}),
        ]
        site = SimpleNamespace(documentation_pages=lambda: files)
        linkgraph.on_env(None, config=None, files=site)
        assert files[0].page.meta["crosslinks"] is None
        for file in files[1:]:
            assert "<script>" not in (file.page.meta["crosslinks"] or "")
        assert 'href="../b/"' in files[1].page.meta["crosslinks"]
    finally:
        linkgraph._state = saved


def test_front_matter_line_of_a_key_and_of_a_list_item():
    source = "---\ntitle: T\nrelated:\n  - a/b\n  - c/d#x\ntags: [x]\n---\n\nBody related: c/d#x\n"
    assert linkgraph.front_matter_line(source, "related") == 3
    assert linkgraph.front_matter_line(source, "related", "c/d#x") == 5
    assert linkgraph.front_matter_line(source, "related", "nowhere") == 3
    assert linkgraph.front_matter_line(source, "missing") is None
    assert linkgraph.front_matter_line("no front matter", "related") is None
