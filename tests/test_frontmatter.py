"""Unit tests for hooks/frontmatter.py: the schema and its messages."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import VALID_ARTICLE
from frontmatter import check_front_matter, review_of, split_front_matter

TODAY = dt.date(2026, 11, 27)

GOOD = VALID_ARTICLE


def check(text: str):
    return check_front_matter("freelancer/x.md", text, today=TODAY)


def test_valid_front_matter_passes() -> None:
    model, problems = check(GOOD)
    assert problems == []
    assert model is not None and model.kind == "article" and model.audience == "freelancer"


def test_missing_front_matter_is_reported_on_line_1() -> None:
    model, problems = check("# No front matter\n")
    assert model is None
    assert [(p.path, p.line) for p in problems] == [("freelancer/x.md", 1)]
    assert "no front matter" in problems[0].message


def test_invalid_yaml_names_the_line() -> None:
    text = GOOD.replace("audience: freelancer", 'audience: "freelancer')
    model, problems = check(text)
    assert model is None and len(problems) == 1
    assert "not valid YAML" in problems[0].message
    assert problems[0].line is not None and problems[0].line >= 4


def test_every_problem_is_reported_with_its_line() -> None:
    text = (
        GOOD.replace("audience: freelancer", "audience: everyone")
        .replace("contract_type: hourly", "contract_type: weekly")
        .replace("last_reviewed: 2026-11-01", "last_reviewed: 2026-02-30")
        .replace("https://support", "support")
    )
    model, problems = check(text)
    assert model is None
    by_field = {p.message.split("'")[1]: p for p in problems}
    assert set(by_field) == {"audience", "contract_type", "last_reviewed", "sources.0"}
    assert by_field["audience"].line == 4
    audience = by_field["audience"].message
    assert "freelancer" in audience and "everyone" in audience
    assert by_field["contract_type"].line == 5
    assert by_field["last_reviewed"].line == 7 and "YYYY-MM-DD" in by_field["last_reviewed"].message
    assert by_field["sources.0"].line == 9 and "https://" in by_field["sources.0"].message


def test_future_review_date_is_rejected() -> None:
    _, problems = check(GOOD.replace("2026-11-01", "2027-01-01"))
    assert len(problems) == 1
    assert "future" in problems[0].message and problems[0].line == 7


def test_description_longer_than_160_characters_is_rejected() -> None:
    long = "x" * 161
    _, problems = check(GOOD.replace("description: What happens", f"description: {long} What"))
    assert any("'description'" in p.message and "160" in p.message for p in problems)


def test_missing_required_fields_and_unknown_fields() -> None:
    text = GOOD.replace("audience: freelancer\n", "").replace("tags:", "tagz:")
    _, problems = check(text)
    messages = " | ".join(p.message for p in problems)
    assert "'audience' is required" in messages
    assert "'tagz' is not a known field" in messages
    assert "'tags' is required" in messages


def test_articles_need_a_source_but_plain_pages_may_not() -> None:
    no_sources = GOOD.replace(
        "sources:\n  - https://support.upwork.com/hc/en-us/articles/211068428-End-a-contract\n",
        "sources: []\n",
    )
    _, problems = check(no_sources)
    assert len(problems) == 1 and problems[0].message.startswith("front matter field sources:")
    assert problems[0].line == 8
    _, problems = check(no_sources.replace("audience:", "kind: page\naudience:"))
    assert problems == []


def test_glossary_terms_are_checked_item_by_item() -> None:
    text = GOOD.replace("audience:", "kind: glossary\naudience:").replace(
        "---\n\n# Body",
        "terms:\n  - term: Escrow\n    short: Money held by Upwork for a milestone.\n"
        "  - term: Milestone\n    short: short\n---\n\n# Body",
    )
    _, problems = check(text)
    assert len(problems) == 1
    assert "'terms.1.short'" in problems[0].message and "at least 10" in problems[0].message
    assert problems[0].line == 15


def test_split_front_matter() -> None:
    assert split_front_matter("no fences") == (None, 0)
    text, line = split_front_matter("---\na: 1\n---\nbody")
    assert text == "a: 1\n" and line == 2


@pytest.mark.parametrize(
    ("reviewed", "stale"), [(dt.date(2026, 1, 1), False), (dt.date(2025, 11, 1), True)]
)
def test_review_text_and_staleness(reviewed: dt.date, stale: bool) -> None:
    review = review_of(reviewed, today=TODAY, max_age_days=365)
    assert review is not None and review.stale is stale
    assert review.iso == reviewed.isoformat()
    assert review.text.endswith(str(reviewed.year)) and review.text[0].isdigit()
    assert review_of("not a date", today=TODAY, max_age_days=365) is None
