"""Bad input, as a careless or hostile pull request brings it: one build of the project with
every fixture of tests/fixtures/broken (and a few glossary edits) must report each problem
once, with its file and line, crash nowhere, and put nothing unsafe on a page."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, Build, copy_project, run_mkdocs_build
from selectolax.lexbor import LexborHTMLParser

pytestmark = pytest.mark.slow
FIXTURES = ROOT / "tests" / "fixtures" / "broken" / "docs"

#: (file:line, words the warning must hold). Each is one warning; all come from one build.
EXPECTED = [
    ("broken/alias-bomb.md:4", "front matter uses a YAML alias"),
    ("broken/bad-date.md:7", "'last_reviewed' must be a real date written YYYY-MM-DD, got '2026-02-30'"),
    ("broken/bad-front-matter.md:1", "'title' is required but missing"),
    ("broken/bad-front-matter.md:1", "'description' is required but missing"),
    ("broken/bad-front-matter.md:2", "'headline' is not a known field"),
    ("broken/bad-yaml.md:2", "a quote opened on this line is never closed"),
    ("broken/unclosed-quote.md:2", "a quote opened on this line is never closed"),
    ("broken/empty-front-matter.md:2", "front matter is empty"),
    ("broken/future-date.md:7", "must not be in the future"),
    ("broken/icon-and-template.md:3", "'icon' is not a known field"),
    ("broken/icon-and-template.md:4", "'template' is not a known field"),
    ("broken/latin1.md:12", "is not saved as UTF-8 (byte 0xE9): re-save it as UTF-8"),
    ("broken/missing-source.md:8", "sources: list at least one public URL"),
    (
        "broken/unknown-audience.md:4",
        "'audience' must be one of 'freelancer', 'client' or 'both', got 'everyone'",
    ),
    ("broken/unknown-reference.md:14", "unknown short reference [[no-such-page-anywhere]]"),
    ("broken/references.md:14", "unknown short reference [[unknown-after]]"),
    (
        "broken/references.md:16",
        "[[faq#no-such-anchor-here]]: faq.md has no heading with the anchor '#no-such-anchor-here'",
    ),
    ("broken/references.md:18", "the text of a short reference can't contain HTML"),
    ("broken/references.md:18", "[[faq|bold label]] can't contain formatting"),
    ("broken/references.md:18", "the attribute 'onerror' would run script"),
    ("broken/related-anchor.md:11", "related: faq#no-such-question: faq.md has no heading with the anchor"),
    ("broken/embeds.md:14", "malformed checklist marker"),
    ("broken/embeds.md:16", "malformed checklist marker"),
    ("broken/unsafe.md:14", "the address 'javascript:alert(1)' is not allowed"),
    ("broken/unsafe.md:16", "the attribute 'onclick' would run script"),
    ("broken/unsafe.md:18", "<script> is not allowed in page content"),
    ("broken/unsafe.md:20", "by its full address: link to the page's .md file instead"),
    ("checklists/duplicate-id.md:5", "checklist_id 'freelancer-end-hourly' does not match the file"),
    (
        "checklists/duplicate-id.md:5",
        "checklist id 'freelancer-end-hourly' is already used by checklists/freelancer-end-hourly.md",
    ),
    ("checklists/hostile.md:16", "the address 'javascript:alert(5)' is not allowed"),
    ("checklists/hostile.md:17", "checklist items can't show images"),
    ("checklists/hostile.md:18", "unknown short reference [[nope-ref]]"),
    ("glossary.md", "glossary term 'The': the name 'The' is too common"),
    ("glossary.md", "glossary term '+++' has no letters or digits"),
    ("glossary.md", "the address 'javascript:alert(7)' is not allowed"),
    ("Doc file 'broken/broken-link.md'", "'../freelancer/no-such-page.md', but the target"),
    ("Doc file 'broken/broken-link.md'", "does not contain an anchor '#no-such-heading'"),
]

GLOSSARY_EDIT = """terms:
  - term: The
    short: An article of English grammar, far too common to link.
  - term: "+++"
    short: A term with no letters or digits in its name.
  - term: Hostile definition
    short: A definition that tries to carry script into the page.
    definition: |
      **Bold**{ onmouseover="alert(8)" } and [x](javascript:alert(7)).
"""


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = tmp_path_factory.mktemp("bad") / "project"
    copy_project(project)
    shutil.copytree(FIXTURES, project / "docs", dirs_exist_ok=True)
    glossary = project / "docs" / "glossary.md"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("terms:\n", GLOSSARY_EDIT, 1), encoding="utf-8"
    )
    return run_mkdocs_build(project, project.parent / "site")


def warnings(build: Build) -> list[str]:
    return [
        line.removeprefix("WARNING -  ") for line in build.output.splitlines() if line.startswith("WARNING")
    ]


def test_nothing_crashes_and_the_build_fails(bad_build: Build) -> None:
    assert "Traceback" not in bad_build.output and "ERROR" not in bad_build.output, bad_build.output[-3000:]
    assert not bad_build.ok and "Aborted with" in bad_build.output


@pytest.mark.parametrize(("where", "words"), EXPECTED, ids=[f"{w}:{x[:30]}" for w, x in EXPECTED])
def test_each_problem_is_reported_once_with_file_and_line(bad_build: Build, where: str, words: str) -> None:
    hits = [
        w
        for w in warnings(bad_build)
        if w.startswith(where + (":" if where[0] != "D" else ""))
        or (where.startswith("Doc") and w.startswith(where))
    ]
    hits = [w for w in hits if words in w]
    assert len(hits) == 1, "\n".join(w for w in warnings(bad_build) if where.split(":")[0] in w)


def test_no_other_warning(bad_build: Build) -> None:
    expected = [(where, words) for where, words in EXPECTED]
    unexpected = [
        w
        for w in warnings(bad_build)
        if not any(words in w and w.startswith(where) for where, words in expected)
    ]
    assert unexpected == []


def test_every_fixture_is_exercised() -> None:
    on_disk = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*.md")}
    named = {where.split(":")[0].removeprefix("Doc file '").rstrip("'") for where, _ in EXPECTED}
    assert on_disk - named == {"broken/quoted-date.md", "broken/stale.md"}  # valid on purpose: see below


def pages(build: Build) -> dict[str, LexborHTMLParser]:
    return {
        p.relative_to(build.site_dir).as_posix(): LexborHTMLParser(p.read_text(encoding="utf-8"))
        for p in build.site_dir.rglob("*.html")
    }


def test_nothing_unsafe_reaches_a_page_even_from_a_broken_build(bad_build: Build) -> None:
    for name, tree in pages(bad_build).items():
        main = tree.css_first("article")
        if main is None:
            continue
        for node in main.traverse():
            assert not any(a.startswith("on") for a in node.attributes), (name, node.html)
            for attribute in ("href", "src"):
                value = (node.attributes.get(attribute) or "").strip().lower()
                assert not value.startswith(("javascript:", "file:", "data:")), (name, node.html)
            assert node.tag not in ("script", "iframe", "object", "embed"), (name, node.html)


def test_contributor_text_cannot_carry_attribute_lists(bad_build: Build) -> None:
    hostile = pages(bad_build)["checklists/hostile/index.html"]
    label = hostile.css_first('label[for="cl-hostile--attr-list"]')
    assert label is not None and "{ onclick=" in label.text() and label.css_first("[onclick]") is None
    why = hostile.css_first("#cl-hostile--refs--why")
    assert why is not None and '<b onclick="alert(6)">stays</b>' in why.text()
    glossary = pages(bad_build)["glossary/index.html"]
    assert (
        '**Bold**{ onmouseover="alert(8)" }' in glossary.body.text()
        or "{ onmouseover=" in glossary.body.text()
    )
    assert not glossary.css("[onmouseover]")


def test_a_quoted_review_date_still_shows(bad_build: Build) -> None:
    page = pages(bad_build)["broken/quoted-date/index.html"]
    assert "Last reviewed 1 November 2026" in page.css_first(".page-review__date").text(strip=False).replace(
        "\n", " "
    ).replace("  ", " ")
    assert page.css_first('script[type="application/ld+json"]') is not None


def test_a_stale_page_is_logged_at_info_level_and_shown_to_readers(bad_build: Build) -> None:
    lines = [line for line in bad_build.output.splitlines() if "broken/stale.md" in line]
    assert any(line.startswith("INFO") and "2020-01-01" in line for line in lines), lines
    assert not any(line.startswith("WARNING") for line in lines), lines
    stale = pages(bad_build)["broken/stale/index.html"].css_first(".page-review .page-review__stale")
    assert stale is not None and "may be out of date" in stale.text()
