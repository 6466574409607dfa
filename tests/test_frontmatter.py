"""The front-matter schema and its messages, and the review date readers see."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import VALID_ARTICLE
from frontmatter import check_page, review_of
from pages import read_page

TODAY = dt.date(2026, 11, 27)


def check(text: str, path: str = "freelancer/x.md"):  # type: ignore[no-untyped-def]
    model, problems = check_page(read_page(path, text), today=TODAY)
    return model, [(p.line, p.message) for p in problems]


def without(text: str, field: str) -> str:
    lines, out, skipping = text.splitlines(keepends=True), [], False
    for line in lines:
        if line.startswith(f"{field}:"):
            skipping = True
            continue
        if skipping and line.startswith("  "):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


def test_a_valid_article_passes() -> None:
    model, problems = check(VALID_ARTICLE)
    assert problems == [] and model is not None
    assert (model.kind, model.audience, model.last_reviewed) == (
        "article",
        "freelancer",
        dt.date(2026, 11, 1),
    )


def test_no_front_matter_and_empty_front_matter() -> None:
    assert check("# Body\n")[1] == [
        (
            1,
            "has no front matter: start the file with '---', the "
            "fields (title, description, ...), then '---' (copy a "
            "template from CONTRIBUTING.md)",
        )
    ]
    ((line, message),) = check("---\n---\n# Body\n")[1]
    assert line == 2 and "empty" in message and "add title" in message


@pytest.mark.parametrize(
    "field", ["title", "description", "audience", "contract_type", "tags", "last_reviewed", "sources"]
)
def test_a_missing_required_field_says_what_to_write(field: str) -> None:
    model, problems = check(without(VALID_ARTICLE, field))
    assert model is None and len(problems) == 1
    assert f"front matter field '{field}' is required but missing: add '" in problems[0][1]


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        (
            "audience: freelancer",
            "audience: Freelancer",
            4,
            "'audience' must be one of 'freelancer', 'client' or 'both', got 'Freelancer'",
        ),
        (
            "last_reviewed: 2026-11-01",
            "last_reviewed: 2026-13-01",
            7,
            "must be a real date written YYYY-MM-DD, got '2026-13-01'",
        ),
        ("last_reviewed: 2026-11-01", "last_reviewed: 2026-11-01 10:00:00", 7, "must be a real date"),
        ("tags: [hourly, ending-a-contract]", "tags: hourly", 6, "'tags' must be a list, got 'hourly'"),
        ("tags: [hourly, ending-a-contract]", "tags: [Hourly]", 6, "'tags.0' 'Hourly' is not valid here"),
        ("title: Ending an hourly contract", "title: 404", 2, "'title' must be text, got 404"),
        (
            "title: Ending an hourly contract",
            "title: Ending an hourly contract\ncolour: red",
            3,
            "'colour' is not a known field",
        ),
        (
            "title: Ending an hourly contract",
            "title: Ending an hourly contract\nicon: material/x",
            3,
            "'icon' is not a known field",
        ),
        (
            "title: Ending an hourly contract",
            "title: Ending an hourly contract\ntemplate: nope.html",
            3,
            "'template' is not a known field",
        ),
        ("description: What happens", "description: " + "Long words here. " * 12, 3, "is too long: "),
        (
            "  - https://support.upwork.com/hc/en-us/articles/211068428-End-a-contract",
            "  - http://support.upwork.com/x",
            9,
            "'sources.0' must start with https://",
        ),
        (
            "  - https://support.upwork.com/hc/en-us/articles/211068428-End-a-contract",
            "  - javascript:alert(1)",
            9,
            "'sources.0' must be a full web address",
        ),
        (
            "  - https://support.upwork.com/hc/en-us/articles/211068428-End-a-contract",
            "  - https://localhost/x",
            9,
            "public web address",
        ),
        (
            "sources:\n  - https://support.upwork.com/hc/en-us/articles/211068428-End-a-contract",
            "sources: []",
            8,
            "front matter field sources: list at least one public URL",
        ),
        (
            "audience: freelancer",
            "audience: freelancer\nchecklist_id: x",
            5,
            "front matter field checklist_id: only a checklist page",
        ),
    ],
)
def test_each_problem_is_at_the_line_of_its_field(old: str, new: str, line: int, words: str) -> None:
    assert old in VALID_ARTICLE
    model, problems = check(VALID_ARTICLE.replace(old, new))
    assert model is None
    assert [(found_line, words in message) for found_line, message in problems] == [(line, True)], problems


def test_every_problem_of_a_page_is_reported_at_once() -> None:
    text = VALID_ARTICLE.replace("audience: freelancer", "audience: x").replace(
        "tags: [hourly, ending-a-contract]", "tags: nope"
    )
    assert [line for line, _ in check(text)[1]] == [4, 6]


def test_a_quoted_date_is_a_date() -> None:
    model, problems = check(VALID_ARTICLE.replace("last_reviewed: 2026-11-01", "last_reviewed: '2026-11-01'"))
    assert problems == [] and model is not None and model.last_reviewed == dt.date(2026, 11, 1)


def test_today_is_accepted_and_tomorrow_is_the_future() -> None:
    def reviewed(day: dt.date):  # type: ignore[no-untyped-def]
        return check(VALID_ARTICLE.replace("2026-11-01", day.isoformat()))[1]

    assert reviewed(TODAY) == []
    ((line, message),) = reviewed(TODAY + dt.timedelta(days=1))
    assert line == 7 and "must not be in the future (today is 2026-11-27)" in message


def test_a_review_is_stale_after_the_maximum_age_not_on_it() -> None:
    assert review_of(TODAY - dt.timedelta(days=365), today=TODAY, max_age_days=365).stale is False
    assert review_of(TODAY - dt.timedelta(days=366), today=TODAY, max_age_days=365).stale is True
    review = review_of(dt.date(2026, 3, 5), today=TODAY, max_age_days=365)
    assert (review.iso, review.text) == ("2026-03-05", "5 March 2026")


def test_glossary_entries_are_checked_with_their_lines() -> None:
    text = (
        VALID_ARTICLE.replace("audience: freelancer", "kind: glossary\naudience: freelancer") + ""
    ).replace(
        "sources:",
        "terms:\n  - term: Escrow\n    short: too short\n  - term: X\n    shrt: A long enough sentence here.\nsources:",
    )
    problems = check(text, "glossary.md")[1]
    assert (11, "front matter field 'terms.0.short' is too short: 9 characters, at least 10") in problems
    assert any(line == 12 and "'terms.1.short' is required" in m for line, m in problems)
    assert any(line == 13 and "'terms.1.shrt' is not a known field" in m for line, m in problems)
