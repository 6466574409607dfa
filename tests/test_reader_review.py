"""What the reader review of December 2026 found in the content, fixed for good.

* The refund page says, under its short answer, that submitted work is released after
  the review period, and has a section for poor work: numbered steps, each with its
  deadline from the facts registry, and the refund template.
* Checklists are in the order readers act: phases, the most important step first,
  nothing about starting a contract in the lists for ending one.
* No admonition title shows a backslash.
"""

from __future__ import annotations

import datetime as dt

import pytest
from checklists import collect
from conftest import ROOT, Build
from facts import load
from pages import read_page
from selectolax.lexbor import LexborHTMLParser

REFUND = "client/ask-for-a-refund/index.html"
ENDING_LISTS = {
    "freelancer-end-hourly": "log-remaining-time",
    "freelancer-end-fixed-price": "submit-work",
    "client-end-hourly": "review-hours",
    "client-end-fixed-price": "review-submissions",
}


def tree(build: Build, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser((build.site_dir / rel).read_text(encoding="utf-8"))


def fact_text(fact_id: str) -> str:
    registry, problems = load(ROOT / "docs", today=dt.date.today())
    assert not problems
    text = registry.by_id[fact_id].text
    assert text
    return text


def facts_in(node) -> set[str]:  # type: ignore[no-untyped-def]
    return {a.attributes["href"].rsplit("#", 1)[1] for a in node.css("a.fact")}


def test_the_refund_page_warns_about_the_review_clock_under_its_short_answer(built_site: Build) -> None:
    article = tree(built_site, REFUND).css_first("article")
    assert article is not None
    short = article.css_first("p.short-answer")
    assert short is not None
    warning = short.next
    while warning is not None and warning.tag == "-text":
        warning = warning.next
    assert warning is not None and "warning" in (warning.attributes.get("class") or "")
    text = " ".join(warning.text().split())
    assert fact_text("fixed-review-days") in text and "Request changes" in text
    assert "fixed-review-days" in facts_in(warning)


def test_the_refund_page_has_the_poor_work_ladder_with_a_deadline_per_step(built_site: Build) -> None:
    article = tree(built_site, REFUND).css_first("article")
    assert article is not None
    heading = article.css_first("h2#the-work-is-poor-or-not-what-i-asked-for")
    assert heading is not None
    steps, links, node = None, set(), heading.next
    while node is not None and node.tag != "h2":
        if node.tag == "ol" and steps is None:
            steps = node.css("li")
        if node.tag == "p":
            links |= {a.attributes.get("href", "") for a in node.css("a")}
        node = node.next
    assert steps is not None and len(steps) == 6
    expected = [
        {"fixed-review-days"},
        {"fixed-review-days"},
        {"fixed-review-days"},
        {"escrow-refund-answer-days", "fixed-dispute-client-reply-days"},
        {"mediation-proposal-days", "mediation-accept-days", "released-mediation-days"},
        {"arbitration-agree-days", "arbitration-fee"},
    ]
    for number, (step, wanted) in enumerate(zip(steps, expected, strict=True), 1):
        assert wanted <= facts_in(step), f"step {number}: {' '.join(step.text().split())[:80]}"
    first_words = [" ".join(s.css_first("strong").text().split()) for s in steps]
    assert first_words[0].startswith("Request changes") and first_words[-1].startswith("Arbitration")
    assert any(link.endswith("templates/#asking-for-a-refund-client") for link in links)


def checklists():  # type: ignore[no-untyped-def]
    docs = ROOT / "docs"
    pages = {
        p.relative_to(docs).as_posix(): read_page(p.relative_to(docs).as_posix(), p.read_text(encoding="utf-8"))
        for p in docs.rglob("*.md")
    }
    found, problems = collect(pages)
    assert not problems
    return found


def test_checklists_are_in_the_order_readers_act() -> None:
    found = checklists()
    for cid, first in ENDING_LISTS.items():
        checklist = found[cid]
        assert [p.title for p in checklist.phases] == ["Before you end", "Ending", "After"], cid
        assert checklist.items[0].key == first, f"{cid}: the most important step is not first"
        assert "most important step comes first" in " ".join(checklist.intro.split()), cid
    for cid, checklist in found.items():
        assert len(checklist.phases) >= 2 and all(p.title for p in checklist.phases), cid


@pytest.mark.parametrize("key", ["check-funded-milestones", "avoid-dormant"])
def test_start_of_contract_rules_live_in_the_article_not_the_ending_list(key: str) -> None:
    found = checklists()
    for cid in ENDING_LISTS:
        assert key not in {i.key for i in found[cid].items}
    article = (ROOT / "docs" / "freelancer" / "end-fixed-price.md").read_text(encoding="utf-8")
    assert {"check-funded-milestones": "unfunded milestone", "avoid-dormant": "[[fact:dormant-days]]"}[key] in article


def test_no_admonition_title_shows_a_backslash(built_site: Build) -> None:
    bad = []
    for path in built_site.site_dir.rglob("*.html"):
        for title in LexborHTMLParser(path.read_text(encoding="utf-8")).css(".admonition-title, summary"):
            if "\\" in title.text():
                bad.append(f"{path.relative_to(built_site.site_dir)}: {title.text()!r}")
    assert not bad, bad
