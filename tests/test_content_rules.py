"""Content rules: nothing broken passes silently.

* Every page of the real site follows the front-matter schema; an article
  without a required field, a source or a review date fails (issue 3).
* Deliberately broken pages (``tests/fixtures/broken/docs/``), each added to a
  copy of the project, make ``mkdocs build --strict`` fail with a warning that
  names the file and the problem (issue 6).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import VALID_ARTICLE
from page_schema import check_front_matter, check_site

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "broken" / "docs"
TODAY = dt.date(2026, 11, 27)

ARTICLE = VALID_ARTICLE


# --------------------------------------------------------------------------- the real site


def test_every_page_of_the_site_follows_the_schema() -> None:
    sources = {
        p.relative_to(ROOT / "docs").as_posix(): p.read_text(encoding="utf-8")
        for p in (ROOT / "docs").rglob("*.md")
    }
    assert sources, "no pages found under docs/"
    _, problems = check_site(sources, today=dt.date.today())
    assert not problems, "\n".join(f"docs/{p}" for p in problems)


def test_every_article_has_sources_and_a_review_date() -> None:
    for path in sorted((ROOT / "docs").rglob("*.md")):
        model, _ = check_front_matter(path.name, path.read_text(encoding="utf-8"))
        if model is None or model.kind == "page":
            continue
        rel = path.relative_to(ROOT)
        assert model.sources, f"{rel}: no sources"
        assert model.last_reviewed <= dt.date.today(), f"{rel}: review date in the future"


# --------------------------------------------------------------------------- the rules, one by one


def _drop_field(text: str, field: str) -> str:
    lines = text.splitlines(keepends=True)
    out, skipping = [], False
    for line in lines:
        if line.startswith(f"{field}:"):
            skipping = True
            continue
        if skipping and line.startswith("  "):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


@pytest.mark.parametrize(
    "field",
    ["title", "description", "audience", "contract_type", "tags", "last_reviewed", "sources"],
)
def test_an_article_without_a_required_field_fails(field: str) -> None:
    model, problems = check_front_matter(
        "freelancer/x.md", _drop_field(ARTICLE, field), today=TODAY
    )
    assert model is None
    assert len(problems) == 1
    message = problems[0].message
    assert f"'{field}' is required but missing" in message
    assert "add '" in message, "the message says what to write"
    assert problems[0].path == "freelancer/x.md"


@pytest.mark.parametrize("kind", ["article", "faq", "checklist", "glossary"])
def test_every_content_kind_needs_a_source(kind: str) -> None:
    text = ARTICLE.replace("audience:", f"kind: {kind}\naudience:").replace(
        "sources:\n  - https://support.upwork.com/hc/en-us/articles/211068428-End-a-contract\n",
        "sources: []\n",
    )
    _, problems = check_front_matter("x.md", text, today=TODAY)
    assert any(p.message.startswith("front matter field sources:") for p in problems)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://support.upwork.com/hc/en-us", "https://"),
        ("https://localhost/hc", "public web address"),
        ("support.upwork.com/hc/en-us", "https://"),
        ("not a url", "https://"),
    ],
)
def test_sources_must_be_public_https_addresses(url: str, expected: str) -> None:
    text = ARTICLE.replace(
        "https://support.upwork.com/hc/en-us/articles/211068428-End-a-contract", url
    )
    _, problems = check_front_matter("x.md", text, today=TODAY)
    assert len(problems) == 1
    assert "'sources.0'" in problems[0].message and expected in problems[0].message
    assert problems[0].line == 9


def test_a_field_written_twice_is_reported_with_both_lines() -> None:
    text = ARTICLE.replace("audience: freelancer\n", "audience: freelancer\naudience: client\n")
    model, problems = check_front_matter("x.md", text, today=TODAY)
    assert model is None
    assert [(p.line, "written twice" in p.message) for p in problems] == [(5, True)]
    assert "line 4" in problems[0].message


def test_lengths_are_given_in_the_message() -> None:
    text = ARTICLE.replace(
        "description: What happens", "description: " + "Very long words here. " * 8 + "What"
    )
    _, problems = check_front_matter("x.md", text, today=TODAY)
    assert len(problems) == 1
    assert "at most 160" in problems[0].message
    assert "characters" in problems[0].message


# --------------------------------------------------------------------------- broken fixtures, built

#: fixture (path under docs/) -> what each warning must say. Each tuple is one
#: warning: every fragment must be on one WARNING line of the build output,
#: together with the fixture's path (the file to fix).
BROKEN: dict[str, list[tuple[str, ...]]] = {
    "broken/bad-front-matter.md": [
        ("'headline' is not a known field",),
        ("'title' is required but missing",),
        ("'description' is required but missing",),
    ],
    "broken/bad-yaml.md": [("front matter is not valid YAML",)],
    "broken/bad-date.md": [("'last_reviewed'", "must be a real date", "2026-02-30")],
    "broken/future-date.md": [("'last_reviewed'", "must not be in the future")],
    "broken/unknown-audience.md": [("'audience'", "must be one of", "'everyone'")],
    "broken/missing-source.md": [("sources:", "at least one")],
    "broken/broken-link.md": [
        ("../freelancer/no-such-page.md", "not found"),
        ("#no-such-heading", "anchor"),
    ],
    "checklists/duplicate-id.md": [("'freelancer-end-hourly'", "already used")],
    "broken/unknown-reference.md": [("no-such-page-anywhere", "unknown short reference")],
}


def _add_fixtures(paths: list[str]):  # type: ignore[no-untyped-def]
    def edit(project: Path) -> None:
        for path in paths:
            target = project / "docs" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(FIXTURES / path, target)

    return edit


def _assert_reported(output: str, path: str) -> None:
    assert "Traceback" not in output, (
        f"the build crashed on {path} instead of reporting it (a crash hides every "
        f"later problem):\n{output[-3000:]}"
    )
    warnings = [line for line in output.splitlines() if line.startswith("WARNING")]
    for fragments in BROKEN[path]:
        hits = [w for w in warnings if path in w and all(f in w for f in fragments)]
        assert hits, (
            f"no warning names {path} and says {fragments}; warnings about it:\n"
            + "\n".join(w for w in warnings if path in w)
        )


def test_every_fixture_is_listed() -> None:
    on_disk = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*.md")}
    assert on_disk == set(BROKEN)


@pytest.mark.slow
@pytest.mark.parametrize("path", list(BROKEN))
def test_a_broken_page_fails_the_build_and_names_file_and_problem(build_site, path: str) -> None:
    build = build_site(edit=_add_fixtures([path]))
    assert not build.ok, "the build passed with a broken page"
    _assert_reported(build.output, path)


@pytest.mark.slow
def test_every_problem_in_the_site_is_reported_in_one_build(build_site) -> None:
    build = build_site(edit=_add_fixtures(list(BROKEN)))
    assert not build.ok
    for path in BROKEN:
        _assert_reported(build.output, path)
    assert "Aborted with" in build.output and "in strict mode" in build.output
