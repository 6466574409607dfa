"""Links between pages: "What to do next", related ranking, related: checks, FAQ More: links, backlinks."""

from __future__ import annotations

import random

import pytest
from linkgraph import (
    MAX_NEXT,
    SHOWN_ON,
    PageFacts,
    RelatedIndex,
    _fit,
    backlinks,
    check_related,
    faq_problems,
    next_steps,
    render_next_steps,
)
from pages import PageIds, read_page


def page_text(
    title: str,
    audience: str = "both",
    contract_type: str = "both",
    tags: str = "ending-a-contract",
    kind: str = "article",
    related: str = "",
    body: str = "",
) -> str:
    return (
        f"---\ntitle: {title}\nkind: {kind}\naudience: {audience}\ncontract_type: {contract_type}\n"
        f"tags: [{tags}]\n{related}---\n{body}"
    )


SITE = {
    "f/end-hourly.md": page_text("End hourly", "freelancer", "hourly", "ending-a-contract, hourly, payments"),
    "f/end-fixed.md": page_text(
        "End fixed", "freelancer", "fixed-price", "ending-a-contract, escrow, payments"
    ),
    "f/get-paid.md": page_text("Get paid", "freelancer", "both", "ending-a-contract, payments, hourly"),
    "c/end-hourly.md": page_text("Client end hourly", "client", "hourly", "ending-a-contract, hourly"),
    "basics/disputes.md": page_text("Disputes", "both", "both", "disputes, payments"),
    "checklists/f-hourly.md": page_text(
        "Checklist hourly", "freelancer", "hourly", "ending-a-contract, hourly", kind="checklist"
    ),
    "faq.md": page_text("FAQ", tags="ending-a-contract, hourly, payments", kind="faq"),
    "index.md": page_text("Home", tags="ending-a-contract, hourly", kind="page"),
    "basics/unrelated.md": page_text("Unrelated", tags="security"),
}
PAGES = {src: read_page(src, text) for src, text in SITE.items()}
IDS = PageIds(PAGES)


def facts(page):  # type: ignore[no-untyped-def]
    from linkgraph import facts_of

    return facts_of(page)


FACTS = {src: facts(p) for src, p in PAGES.items()}
INDEX = RelatedIndex(FACTS.values())


def steps(src: str) -> list[str]:
    return [s for s, _ in next_steps(PAGES[src], IDS, INDEX, FACTS)]


def test_next_steps_rank_shared_rare_tags_and_the_same_reader() -> None:
    assert steps("f/end-hourly.md") == [
        "f/get-paid.md",  # two rare shared tags, same audience
        "checklists/f-hourly.md",  # same audience and contract type
        "c/end-hourly.md",
        "f/end-fixed.md",  # a tie broken by title
        "basics/disputes.md",
    ]


def test_next_steps_never_list_the_page_itself_or_other_kinds() -> None:
    for src in PAGES:
        found = steps(src)
        assert src not in found and "faq.md" not in found and "index.md" not in found
        assert len(found) == len(set(found)) <= MAX_NEXT


def test_related_comes_first_in_its_order() -> None:
    page = read_page(
        "f/end-hourly.md",
        page_text("End hourly", tags="hourly", related="related: [basics/unrelated, faq#money, index]\n"),
    )
    found = next_steps(page, IDS, INDEX, {**FACTS, page.src: facts(page)})
    assert found[:3] == [("basics/unrelated.md", ""), ("faq.md", "money"), ("index.md", "")]
    assert len(found) == MAX_NEXT


def test_check_related_reports_each_entry_at_its_line() -> None:
    page = read_page(
        "f/end-hourly.md",
        page_text(
            "End hourly",
            related="related:\n  - f/end-fixd\n  - f/end-hourly\n  - faq\n  - faq\n  - index\n  - c/end-hourly\n",
        ),
    )
    problems = [str(p) for p in check_related(page, IDS)]
    assert problems[0].startswith(
        "f/end-hourly.md:8: related: 'f/end-fixd' names no page; did you mean 'f/end-fixed'"
    )
    assert problems[1:] == [
        "f/end-hourly.md:9: related: 'f/end-hourly' is this page itself; remove it",
        "f/end-hourly.md:11: related: 'faq' is listed twice; remove one",
        "f/end-hourly.md:13: related: lists 6 pages; only 5 are shown, remove the rest",
    ]


def test_the_list_is_markdown_left_out_of_search_and_print() -> None:
    out = render_next_steps(
        PAGES["f/end-hourly.md"],
        [("f/get-paid.md", ""), ("faq.md", "x")],
        {"f/get-paid.md": "Get *paid*", "faq.md": "FAQ"},
    )
    assert 'data-search-exclude=""' in out and 'data-generated="next-steps"' in out
    assert "- [Get \\*paid\\*](get-paid.md)" in out and "- [FAQ](../faq.md#x)" in out
    assert render_next_steps(PAGES["f/end-hourly.md"], [], {}) == ""


def brute_force(page: PageFacts, pages: list[PageFacts]) -> list[str]:
    """Score every pair, the plain way the index must agree with."""
    import math
    from collections import Counter

    candidates = [p for p in pages if p.kind in SHOWN_ON]
    counts = Counter(tag for p in candidates for tag in set(p.tags))
    weight = {t: 1 + math.log(len(candidates) / n) for t, n in counts.items()}
    scored = []
    for other in candidates:
        shared = set(page.tags) & set(other.tags)
        if other.src == page.src or not shared:
            continue
        score = (
            sum(weight[t] for t in shared)
            + _fit(page.audience, other.audience)
            + _fit(page.contract_type, other.contract_type)
        )
        if score > 0:
            scored.append((-round(score, 6), other.title.casefold(), other.src))
    return [src for _, _, src in sorted(scored)][:MAX_NEXT]


@pytest.mark.parametrize("size", [60, 400])
def test_the_index_ranks_as_scoring_every_pair_does(size: int) -> None:
    rng = random.Random(size)
    tags = ["hourly", "fixed-price", "escrow", "refunds", "jss", "disputes"] + [
        f"rare-{n}" for n in range(size // 10)
    ]
    pages = [
        PageFacts(
            f"p{n}.md",
            f"Page {n % 17}",
            rng.choice(["article", "article", "checklist", "page"]),
            rng.choice(["freelancer", "client", "both"]),
            rng.choice(["hourly", "fixed-price", "both"]),
            ("ending-a-contract", *rng.sample(tags, rng.randint(0, 3))),
        )
        for n in range(size)
    ]
    index = RelatedIndex(pages)
    for page in pages:
        assert index.best(page, skip={page.src}, count=MAX_NEXT) == brute_force(page, pages)


def test_faq_answers_without_a_more_link() -> None:
    faq = read_page(
        "faq.md",
        "---\ntitle: FAQ\nkind: faq\n---\n## Group\n\n### Has one?\n\nYes. More: [X](x.md)\n\n### Has none?\n\nNo.\n\n```\n### not a question\n```\n",
    )
    assert [str(p) for p in faq_problems(faq)] == [
        "faq.md:11: FAQ question 'Has none?' has no 'More: [Title](page.md)' line: end the answer with a link to the article that goes deeper"
    ]


def test_backlinks_for_the_report() -> None:
    pages = {
        src: read_page(src, text)
        for src, text in {
            "a.md": "---\ntitle: A\n---\n[b](b/c.md) and [self](a.md) [x](https://e.org/x.md)",
            "b/c.md": "---\ntitle: C\n---\n[a](../a.md#top)",
            "d.md": "no links",
        }.items()
    }
    assert backlinks(pages) == {"b/c.md": ["a.md"], "a.md": ["b/c.md"]}
