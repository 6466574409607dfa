"""The question flow in the real build: generated pages found by search and listed in the
sitemap, "Part of" boxes on every page of a journey, timelines beside checklists with the
registry's numbers, and a broken flow file failing the build at its line, once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import facts
import flow
import pytest
from conftest import Build
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 12, 5)
LOADED = flow.parse((ROOT / "docs" / flow.FLOW_PATH).read_text(encoding="utf-8"), today=TODAY)
REGISTRY, _ = facts.load(ROOT / "docs", today=TODAY)
assert LOADED.flow is not None
FLOW = LOADED.flow


def tree(site: Build, rel: str) -> LexborHTMLParser:
    return LexborHTMLParser((site.site_dir / rel / "index.html").read_text(encoding="utf-8"))


def test_every_outcome_and_journey_is_a_page_found_by_search(built_site: Build) -> None:
    index = json.loads((built_site.site_dir / "search" / "search_index.json").read_text())
    titles = {d["location"]: d["title"] for d in index["docs"]}
    for outcome in FLOW.outcomes:
        assert titles.get(f"what-should-i-do/{outcome.id}/") == outcome.title
    for journey in FLOW.journeys:
        assert titles.get(f"step-by-step/{journey.id}/") == journey.title
    # On the flow page, only the page and its list of situations are indexed, not the
    # answers shown in place (each is found once, on its own page) nor the boxes.
    flow_sections = [loc for loc in titles if loc.startswith("what-should-i-do/#")]
    assert flow_sections and not [s for s in flow_sections if "what-to-do" in s or "answer-" in s]
    text = " ".join(
        d["text"] for d in index["docs"] if d["location"].startswith("freelancer/end-fixed-price/")
    )
    assert "you are here" not in text
    sitemap = (built_site.site_dir / "sitemap.xml").read_text()
    assert sitemap.count("/what-should-i-do/") == len(FLOW.outcomes) + 1


def test_every_step_and_deadline_of_an_outcome_page_is_linked(built_site: Build) -> None:
    page = tree(built_site, "what-should-i-do/client-fixed-submitted-unhappy")
    outcome = next(o for o in FLOW.outcomes if o.id == "client-fixed-submitted-unhappy")
    steps = [a.attributes["href"] for a in page.css("article ol > li > a")][: len(outcome.steps)]
    assert steps == [
        "../../" + s.link.replace("#", "/#") for s in outcome.steps
    ]  # page-id#anchor -> the section's address
    hrefs = [a.attributes.get("href") or "" for a in page.css("article a")]
    assert "../../checklists/client-end-fixed-price/" in hrefs
    assert "../../templates/#asking-for-a-refund-client" in hrefs
    assert any(h.startswith("../../rules/#fixed-review-days") for h in hrefs)  # [[fact:...]]
    timelines = [json.loads(n.attributes["data-timeline"] or "") for n in page.css("[data-timeline]")]
    assert [t["id"] for t in timelines] == outcome.timelines
    assert timelines[0]["i"][0]["d"] == REGISTRY.by_id["fixed-review-days"].value
    assert page.css_first(".page-review time[datetime]") is not None  # reviewed like any page


def test_every_page_of_a_journey_shows_where_it_is(built_site: Build) -> None:
    members: dict[str, set[str]] = {}
    for journey in FLOW.journeys:
        for step in journey.steps:
            members.setdefault(step.link.partition("#")[0], set()).add(journey.title)
    for page_id, journeys in members.items():
        page = tree(built_site, page_id)
        box = page.css_first("aside.journey[data-generated][data-search-exclude]")
        assert box is not None, page_id
        summaries = [s.text() for s in box.css("summary")]
        assert sorted(s.split(" (step")[0] for s in summaries) == sorted(f"Part of: {t}" for t in journeys)
        assert box.css("li[aria-current=step]"), page_id
    assert tree(built_site, "faq").css_first("aside.journey") is None


def test_checklists_show_their_timelines_and_the_home_page_the_flow(built_site: Build) -> None:
    for checklist, names in FLOW.checklist_timelines.items():
        page = tree(built_site, f"checklists/{checklist}")
        found = [json.loads(n.attributes["data-timeline"] or "")["id"] for n in page.css("[data-timeline]")]
        assert found == names, checklist
    home = tree(built_site, "")
    assert home.css_first(".flow-start a").attributes["href"] == "what-should-i-do/"


@pytest.mark.slow
def test_a_missing_anchor_fails_the_build_once_at_its_line_in_flow_yml(build_site) -> None:  # type: ignore[no-untyped-def]
    needle = "link: client/end-hourly#can-i-limit-the-hours-instead"

    def edit(project: Path) -> None:
        path = project / "docs" / flow.FLOW_PATH
        path.write_text(path.read_text().replace(needle, needle + "-please"), encoding="utf-8")

    result = build_site(edit=edit)
    assert not result.ok
    lines = [
        n
        for n, text in enumerate((ROOT / "docs" / flow.FLOW_PATH).read_text().split("\n"), 1)
        if needle in text
    ]
    warnings = [w.split("WARNING -  ", 1)[1] for w in result.output.split("\n") if "WARNING" in w]
    expected = (
        ": 'client/end-hourly#can-i-limit-the-hours-instead-please': client/end-hourly.md has no heading "
        "with the anchor '#can-i-limit-the-hours-instead-please': did you mean 'can-i-limit-the-hours-instead'?"
    )
    assert len(lines) == 2  # two outcomes send readers there: each use is named, nothing else
    assert warnings == [f"data/flow.yml:{line}{expected}" for line in lines], result.output
