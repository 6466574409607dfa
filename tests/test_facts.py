"""The facts registry: its files checked like front matter, what a fact shows, the rules page,
hand-typed rule numbers, and review dates that don't claim more than was checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import facts
import pytest
from frontmatter import check_page
from pages import read_page

TODAY = dt.date(2026, 12, 5)
GOOD = """topic: Escrow and milestones
facts:
  - id: fixed-review-days
    value: 14
    unit: days
    text: 14 days
    rule: After a submission the client has 14 days to approve or ask for changes.
    action: Review before day 14.
    sources: [https://support.upwork.com/hc/en-us/articles/40525949818387-Why-was-money-released]
    checked: 2026-11-27
    confidence: help-center
    changes:
      - {date: 2024-04-22, what: "A change at Upwork."}
  - id: formal-submission
    rule: Only a formal submission starts the clock.
    sources: [https://support.upwork.com/hc/en-us/articles/211068308-Unresponsive-clients]
    checked: 2025-01-01
    confidence: staff
"""


def registry(tmp_path: Path, files: dict[str, str]) -> tuple[facts.Registry, list[str]]:
    folder = tmp_path / "docs" / facts.FACTS_DIR
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    found, problems = facts.load(tmp_path / "docs", today=TODAY)
    return found, [str(p) for p in problems]


def test_a_good_file_loads(tmp_path: Path) -> None:
    found, problems = registry(tmp_path, {"escrow.yml": GOOD})
    assert problems == []
    assert [t.title for t in found.topics] == ["Escrow and milestones"]
    assert found.by_id["fixed-review-days"].value == 14


def test_every_problem_of_every_file_at_its_line(tmp_path: Path) -> None:
    bad = GOOD.replace("    unit: days\n", "").replace("confidence: staff", "confidence: forum")
    bad += "  - id: Bad Id\n    rule: x\n    sources: [http://x.org/a]\n    checked: 2027-01-01\n    confidence: staff\n"
    other = GOOD.replace("topic: Escrow and milestones", "topic: Again").replace(
        "id: formal-submission", "id: other"
    )
    _, problems = registry(tmp_path, {"escrow.yml": bad, "hourly.yml": other, "broken.yml": "topic: [x\n"})
    assert (
        "data/facts/escrow.yml:3: fact field 'facts.0' has a 'value' but no 'unit' or 'text': give both (the text is what pages print)"
        in problems
    )
    assert (
        "data/facts/escrow.yml:17: fact field 'facts.1.confidence' must be one of 'help-center', 'staff' or 'third-party', got 'forum'"
        in problems
    )
    assert any(
        p.startswith("data/facts/escrow.yml:18: fact field 'facts.2.id' 'Bad Id' is not valid")
        for p in problems
    )
    assert any(
        p.startswith("data/facts/escrow.yml:20: fact field 'facts.2.sources.0' must start with https://")
        for p in problems
    )
    assert (
        "data/facts/broken.yml:1: is not valid YAML: a bracket opened on this line is never closed"
        in problems
    )
    _, problems = registry(tmp_path / "again", {"escrow.yml": GOOD, "hourly.yml": other})
    assert problems == [
        "data/facts/hourly.yml:3: fact id 'fixed-review-days' is already used in data/facts/escrow.yml: give each fact its own id"
    ]


def test_one_bad_fact_does_not_hide_the_others_in_its_file(tmp_path: Path) -> None:
    bad = GOOD.replace("    checked: 2025-01-01\n", "")
    found, problems = registry(tmp_path, {"escrow.yml": bad})
    assert problems == ["data/facts/escrow.yml:14: fact field 'facts.1.checked' is required but missing"]
    assert list(found.by_id) == ["fixed-review-days"]
    assert [t.title for t in found.topics] == ["Escrow and milestones"]


def test_a_source_listed_twice_is_named(tmp_path: Path) -> None:
    url = "https://support.upwork.com/hc/en-us/articles/211068308-Unresponsive-clients"
    twice = GOOD.replace(
        f"sources: [{url}]", f"sources: [{url}, {url.replace('Unresponsive', 'unresponsive')}/]"
    )
    _, problems = registry(tmp_path, {"escrow.yml": twice})
    assert problems == [
        "data/facts/escrow.yml:16: fact field 'facts.1.sources' lists "
        f"{url.replace('Unresponsive', 'unresponsive')}/ twice (the same address spelled two ways): keep one"
    ]


def test_a_fact_shows_its_value_rule_source_and_date(tmp_path: Path) -> None:
    found, _ = registry(tmp_path, {"escrow.yml": GOOD})
    fresh = facts.ref(found.by_id["fixed-review-days"], today=TODAY, max_age_days=180)
    assert fresh.text == "14 days" and fresh.anchor == "fixed-review-days"
    assert fresh.tip == (
        "After a submission the client has 14 days to approve or ask for changes. "
        "Source: Upwork Help Center. Checked 27 November 2026."
    )
    old = facts.ref(found.by_id["formal-submission"], today=TODAY, max_age_days=180)
    assert old.tip.endswith(
        "Source: an Upwork staff or moderator answer. Not re-checked since 1 January 2025."
    )


def test_the_rules_page_lists_every_rule_with_source_date_and_changes(tmp_path: Path) -> None:
    found, _ = registry(tmp_path, {"escrow.yml": GOOD})
    page = facts.rules_page(found, today=TODAY, max_age_days=180)
    record = read_page("rules.md", page)
    assert check_page(record, today=TODAY)[1] == []
    assert "## Escrow and milestones" in page and '<div class="rule" id="fixed-review-days" markdown>' in page
    assert "**14 days**: After a submission" in page and "*What to do:* Review before day 14." in page
    assert "Checked 27 November 2026." in page and "not re-checked since" in page
    assert (
        "## Recent changes at Upwork" in page
        and "- **22 April 2024**: A change at Upwork. ([rule](#fixed-review-days))" in page
    )
    assert facts.rules_page(facts.Registry((), {}), today=TODAY, max_age_days=1) == ""


def test_hand_typed_rule_numbers_are_found_outside_references_and_code() -> None:
    body = "\n".join(
        [
            "Within 14 days, or a 7-day window, 5% fee, 10 USD, $20, 3 business days, 24 months.",
            "By Friday 23:59 UTC. Within [[fact:fixed-review-days]]. `14 days` in code.",
            "```",
            "90 days",
            "```",
            "[x](a-30-days.md) and 1099-K.",
        ]
    )
    found = [(h.line, h.text) for h in facts.hand_typed("a.md", body, body_line=10)]
    assert found == [
        (10, "14 days"),
        (10, "7-day"),
        (10, "5%"),
        (10, "10 USD"),
        (10, "$20"),
        (10, "3 business days"),
        (10, "24 months"),
        (11, "23:59 UTC"),
    ]


def test_a_review_date_later_than_its_facts_needs_a_reason(tmp_path: Path) -> None:
    found, _ = registry(tmp_path, {"escrow.yml": GOOD})
    text = (
        "---\ntitle: A page\ndescription: A page that states a fact from the registry.\naudience: both\n"
        "contract_type: both\ntags: [x]\nlast_reviewed: 2026-12-01\nsources: [https://support.upwork.com/x]\n"
        "---\nWithin [[fact:fixed-review-days]].\n"
    )
    page = read_page("a.md", text)
    model = check_page(page, today=TODAY)[0]
    assert [str(p) for p in facts.review_problems(page, model, found)] == [
        "a.md:7: last_reviewed 2026-12-01 is later than the newest check of the facts this page states "
        "(2026-11-27): re-check those facts (their 'checked' date), or say why in 'review_note:'"
    ]
    noted = read_page("a.md", text.replace("---\nWithin", "review_note: Only wording changed.\n---\nWithin"))
    assert facts.review_problems(noted, check_page(noted, today=TODAY)[0], found) == []


# --------------------------------------------------------------------------- one fact, everywhere


@pytest.mark.slow
def test_changing_one_fact_changes_every_page_checklist_and_pdf_that_states_it(
    built_site, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Change fixed-review-days in a copy of the site: every place that showed it shows the new
    value, and none shows the old one."""
    import re

    from conftest import ROOT, copy_project, run_mkdocs_build
    from pypdf import PdfReader
    from selectolax.lexbor import LexborHTMLParser

    fact = "fixed-review-days"
    project = tmp_path / "project"
    copy_project(project)
    escrow = project / "docs" / "data" / "facts" / "escrow.yml"
    text = escrow.read_text(encoding="utf-8")
    block = text[text.index(f"  - id: {fact}\n") :]
    block = block[: block.index("\n  - id: ", 1) + 1]
    assert "    value: 14\n" in block and "    text: 14 days\n" in block
    escrow.write_text(
        text.replace(
            block, block.replace("value: 14", "value: 17").replace("text: 14 days", "text: 17 days")
        ),
        encoding="utf-8",
    )
    changed = run_mkdocs_build(project, tmp_path / "site")
    assert changed.ok, changed.output[-2000:]

    def shown(site: Path) -> dict[str, list[str]]:
        found = {}
        for page in site.rglob("*.html"):
            tree = LexborHTMLParser(page.read_text(encoding="utf-8"))
            texts = [a.text() for a in tree.css(f'article a.fact[href$="#{fact}"]')]
            if texts:
                found[page.relative_to(site).as_posix()] = texts
        return found

    before, after = shown(built_site.site_dir), shown(changed.site_dir)
    assert len(before) >= 8, "the fact is used on many pages"
    assert set(before) == set(after)
    assert {t for texts in before.values() for t in texts} == {"14 days"}
    assert {t for texts in after.values() for t in texts} == {"17 days"}
    assert [len(t) for t in before.values()] == [len(t) for t in after.values()]
    # Checklists that state it, in both PDFs; and the rules page's PDF.
    docs = ROOT / "docs" / "checklists"
    users = [
        p.stem for p in docs.glob("*.md") if re.search(rf"\[\[fact:{fact}\b", p.read_text(encoding="utf-8"))
    ]
    assert users
    for pdf in [f"checklists/{u}{s}.pdf" for u in users for s in ("", "-a4")] + ["rules.pdf", "rules-a4.pdf"]:
        text = " ".join(p.extract_text() for p in PdfReader(changed.site_dir / pdf).pages)
        assert "17 days" in " ".join(text.split()), pdf
