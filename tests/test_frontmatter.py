"""Unit tests for the front matter: the schema and its messages (hooks/page_schema.py), the
hook's review dates and the cache of valid pages (hooks/frontmatter.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pageyaml
import pytest
from conftest import ROOT, VALID_ARTICLE
from frontmatter import (
    check_pages,
    checker_fingerprint,
    load_valid,
    page_key,
    review_of,
    save_valid,
)
from hypothesis import example, given
from hypothesis import strategies as st
from page_schema import check_front_matter
from pageyaml import split_front_matter

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


# ---------------------------------------------------------------- pages remembered as valid


def test_valid_pages_are_remembered_and_problems_never_are(tmp_path: Path) -> None:
    broken = VALID_ARTICLE.replace("audience: freelancer", "audience: everyone")
    sources = {"good.md": VALID_ARTICLE, "bad.md": broken}
    first = check_pages(sources, today=TODAY, known_valid=frozenset(), fingerprint="f")
    assert first.checked == 2
    assert [(p.path, p.line) for p in first.problems] == [("bad.md", 4)]
    assert first.valid == {page_key("f", "good.md", VALID_ARTICLE)}

    cache_file = tmp_path / ".cache" / "front-matter.json"
    save_valid(cache_file, first.valid)
    known = load_valid(cache_file)
    assert known == first.valid

    again = check_pages(sources, today=TODAY, known_valid=known, fingerprint="f")
    assert again.checked == 1, "the valid page is not checked again, the broken one is"
    assert again.problems == first.problems and again.valid == first.valid

    edited = dict(sources, **{"good.md": VALID_ARTICLE.replace("title: Ending", "title: Ended")})
    assert check_pages(edited, today=TODAY, known_valid=known, fingerprint="f").checked == 2
    moved = {"other.md": VALID_ARTICLE}
    assert check_pages(moved, today=TODAY, known_valid=known, fingerprint="f").checked == 1
    new_checker = check_pages(sources, today=TODAY, known_valid=known, fingerprint="g")
    assert new_checker.checked == 2


def test_a_page_broken_after_it_was_remembered_is_reported() -> None:
    sources = {"page.md": VALID_ARTICLE}
    known = check_pages(sources, today=TODAY, known_valid=frozenset(), fingerprint="f").valid
    broken = {"page.md": VALID_ARTICLE.replace("tags: [hourly, ending-a-contract]", "tags: []")}
    result = check_pages(broken, today=TODAY, known_valid=known, fingerprint="f")
    assert result.checked == 1 and result.valid == frozenset()
    assert [p.line for p in result.problems] == [6]  # the tags line


def test_the_checker_fingerprint_covers_the_day_and_the_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import frontmatter

    today = checker_fingerprint(TODAY)
    assert today == checker_fingerprint(TODAY)
    assert today != checker_fingerprint(TODAY + dt.timedelta(days=1))
    # The same day, with an edited copy of the schema (or of the YAML reading): different;
    # with an unedited copy: the same.
    for name in ("page_schema.py", "pageyaml.py", None):
        for source in ("page_schema.py", "pageyaml.py"):
            text = (frontmatter.HERE / source).read_text()
            (tmp_path / source).write_text(text + ("\n# edited\n" if source == name else ""))
        monkeypatch.setattr(frontmatter, "HERE", tmp_path)
        assert (checker_fingerprint(TODAY) == today) is (name is None), name
        monkeypatch.undo()


@pytest.mark.parametrize(
    "content",
    ["", "not json", '{"format": 99, "valid": ["a"]}', '{"format": 1, "valid": "a"}', "[1]"],
)
def test_an_unreadable_cache_means_checking_every_page(tmp_path: Path, content: str) -> None:
    cache_file = tmp_path / "front-matter.json"
    cache_file.write_text(content)
    assert load_valid(cache_file) == frozenset()
    assert load_valid(tmp_path / "missing.json") == frozenset()


def test_a_cache_that_cannot_be_written_is_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    save_valid(tmp_path / "file" / "front-matter.json", {"a"})  # its folder is a file
    assert load_valid(tmp_path / "file" / "front-matter.json") == frozenset()


_BUILD_AND_LIST_MODULES = """
import json, sys
from mkdocs.__main__ import cli
try:
    cli(["build", "--strict", "--site-dir", sys.argv[1]], standalone_mode=False)
    code = 0
except BaseException as exc:  # click's Abort / SystemExit on a failed build
    code = getattr(exc, "code", 1) or 1
print(json.dumps({"code": code, "modules": sorted(m for m in sys.modules if m in
      ("pydantic", "page_schema"))}))
"""


@pytest.mark.slow
def test_an_unchanged_build_does_not_import_pydantic_and_a_new_problem_still_fails(
    tmp_path: Path,
) -> None:
    project = tmp_path / "project"
    skip = (".venv", "site", ".git", ".cache", "node_modules", "__pycache__")
    ignore = shutil.ignore_patterns(*skip)
    shutil.copytree(ROOT, project, ignore=ignore)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")

    def build() -> tuple[dict, str]:  # type: ignore[type-arg]
        cmd = [sys.executable, "-c", _BUILD_AND_LIST_MODULES, str(tmp_path / "out")]
        proc = subprocess.run(
            cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False
        )
        return json.loads(proc.stdout.strip().splitlines()[-1]), proc.stderr

    cold, _ = build()
    assert cold == {"code": 0, "modules": ["page_schema", "pydantic"]}
    assert (project / ".cache" / "front-matter.json").is_file()
    warm, _ = build()
    assert warm == {"code": 0, "modules": []}

    page = project / "docs" / "freelancer" / "end-hourly.md"
    page.write_text(page.read_text().replace("audience: freelancer", "audience: anyone", 1))
    broken, log = build()
    assert broken == {"code": 1, "modules": ["page_schema", "pydantic"]}
    assert "freelancer/end-hourly.md:4: front matter field 'audience' must be one of" in log
    # Only the edited page was checked again; the others were known valid.
    again, log = build()
    assert again["code"] == 1 and log.count("front matter field") == 1


def test_the_schema_is_loaded_again_when_its_file_changes(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import frontmatter

    first = frontmatter._page_schema()
    assert frontmatter._page_schema() is first  # unchanged: the same module
    copy = tmp_path / "page_schema.py"
    copy.write_text((frontmatter.HERE / "page_schema.py").read_text() + "\nEDITED = True\n")
    monkeypatch.setattr(frontmatter, "HERE", tmp_path)
    monkeypatch.delitem(sys.modules, "page_schema")
    monkeypatch.setitem(sys.modules, "page_schema", first)
    edited = frontmatter._page_schema()
    assert edited is not first and edited.EDITED is True


def _split_by_regex(source: str) -> tuple[str | None, int]:
    """The definition split_front_matter must agree with."""
    match = pageyaml._FRONT.match(source)
    return (None, 0) if match is None else (match.group(1) or "", 2)


@given(
    st.lists(
        st.sampled_from(["---", "...", "\n", "\r\n", " ", "\t", "a: 1", "-", ".", "#", "x"]),
        max_size=14,
    ).map("".join)
)
@example("---\n---")  # "---\n---\n---": the expression keeps the middle line as YAML
@example("a: 1\r\n...")
def test_split_front_matter_agrees_with_its_definition(source: str) -> None:
    assert split_front_matter(source) == _split_by_regex(source)
    assert split_front_matter("---\n" + source) == _split_by_regex("---\n" + source)
