"""The contributor's path: scaffold, preview, checks, report, and the docs that explain them.

* ``make new`` writes a page that builds with ``--strict`` as it is, and the
  page shows up in the built site (a first-time contributor's path works).
* ``make check`` (scripts/check_content.py) passes on the real site; its link
  and anchor checker catches broken hrefs and fragments on a small site.
* ``make report`` prints grade, words and review date per page, and flags
  stale pages; a stale page is logged at info level and shown to readers.
* Every page offers "Edit this page" and "Report a problem".
* CONTRIBUTING.md's templates pass the schema, and its commands exist.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from frontmatter import check_text as check_front_matter
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import check_content  # noqa: E402
import new_page  # noqa: E402
from _common import load_mkdocs_yml  # noqa: E402

TODAY = dt.date.today()


def _scaffold(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``make new`` in ``project`` (with this venv's Python), as a contributor would."""
    values = dict(zip(args[::2], args[1::2], strict=True))
    if shutil.which("make"):
        cmd = [
            "make",
            "--no-print-directory",
            "-o",
            ".venv/.installed",
            "new",
            f"BIN={Path(sys.executable).parent}",
        ]
        cmd += [f"{key}={value}" for key, value in values.items()]
    else:  # pragma: no cover - make is part of the toolchain
        cmd = [sys.executable, "scripts/new_page.py"]
        for key, value in values.items():
            cmd += [f"--{key.replace('_', '-')}", value]
    return subprocess.run(cmd, cwd=project, capture_output=True, text=True, check=False)


# --------------------------------------------------------------------------- scaffold: unit


@pytest.mark.parametrize(
    ("kind", "slug", "path"),
    [
        ("article", "freelancer/end-early", "freelancer/end-early.md"),
        ("article", "client/a/deep-page", "client/a/deep-page.md"),
        ("checklist", "client-end-early", "checklists/client-end-early.md"),
        ("checklist", "checklists/client-end-early", "checklists/client-end-early.md"),
    ],
)
def test_every_page_template_passes_the_schema_with_todays_date(
    kind: str, slug: str, path: str
) -> None:
    where, text = new_page.render(kind, slug=slug, today=TODAY)
    assert where == path
    model, problems = check_front_matter(path, text, today=TODAY)
    assert problems == [], problems
    assert model is not None and model.last_reviewed == TODAY and model.kind == kind
    assert "TODO" in text, "placeholders tell the contributor what to write"


def test_article_defaults_come_from_the_section() -> None:
    _, text = new_page.render("article", slug="client/end-early", today=TODAY)
    model, _ = check_front_matter("client/end-early.md", text, today=TODAY)
    assert model is not None
    assert (model.title, model.audience, model.contract_type) == ("End early", "client", "both")
    _, text = new_page.render(
        "article", slug="basics/x-y", title="Escrow, explained", contract_type="hourly"
    )
    model, _ = check_front_matter("basics/x-y.md", text, today=TODAY)
    assert model is not None and model.title == "Escrow, explained" and model.audience == "both"


@pytest.mark.parametrize("kind", ["article", "checklist", "glossary"])
def test_titles_with_colons_and_quotes_stay_valid_yaml(kind: str) -> None:
    title = 'Escrow: what "released" means'
    slug = "escrow-words" if kind == "checklist" else "basics/escrow-words"
    path, text = new_page.render(kind, slug=slug, title=title, today=TODAY)
    if kind == "glossary":
        text = (
            "---\ntitle: Glossary\ndescription: Words you meet when an Upwork contract ends.\n"
            "kind: glossary\naudience: both\ncontract_type: both\ntags: [glossary]\n"
            f"last_reviewed: {TODAY}\nsources:\n  - https://support.upwork.com/hc/en-us\n"
            f"terms:\n{text}---\n"
        )
    model, problems = check_front_matter(path or "glossary.md", text, today=TODAY)
    assert problems == [] and model is not None
    shown = model.terms[0].term if kind == "glossary" else model.title
    assert shown.endswith(title)


def test_glossary_and_faq_snippets() -> None:
    path, term = new_page.render("glossary", title="Work Diary")
    assert path is None
    glossary = (
        "---\ntitle: Glossary\ndescription: Words you meet when an Upwork contract ends.\n"
        "kind: glossary\naudience: both\ncontract_type: both\ntags: [glossary]\n"
        f"last_reviewed: {TODAY}\nsources:\n  - https://support.upwork.com/hc/en-us\n"
        f"terms:\n{term}---\n"
    )
    model, problems = check_front_matter("glossary.md", glossary, today=TODAY)
    assert problems == [] and model is not None and model.terms[0].term == "Work Diary"
    path, entry = new_page.render("faq", title="Can I reopen a contract")
    assert path is None and entry.startswith("### Can I reopen a contract?\n")


@pytest.mark.parametrize(
    ("kind", "slug", "expected"),
    [
        ("article", "My Page", "not valid"),
        ("article", "no-section", "section"),
        ("checklist", "a/b", "one name"),
        ("essay", "freelancer/x", "kind must be one of"),
        ("faq", "", "give the question"),
    ],
)
def test_scaffold_explains_wrong_arguments(kind: str, slug: str, expected: str) -> None:
    with pytest.raises(new_page.ScaffoldError, match=expected):
        new_page.render(kind, slug=slug)


def test_scaffold_never_overwrites(tmp_path: Path) -> None:
    new_page.write_page(tmp_path, "freelancer/x.md", "one")
    with pytest.raises(new_page.ScaffoldError, match="already exists"):
        new_page.write_page(tmp_path, "freelancer/x.md", "two")
    assert (tmp_path / "freelancer/x.md").read_text() == "one"


# --------------------------------------------------------------------------- scaffold: built


@pytest.mark.slow
def test_a_scaffolded_page_builds_strict_and_is_in_the_site(build_site) -> None:
    """A first-time contributor's path: `make new`, nothing else, and the page is there."""
    outputs = []

    def scaffold(project: Path) -> None:
        for args in (
            ("kind", "article", "slug", "freelancer/first-time-contributor"),
            ("kind", "checklist", "slug", "first-time-list"),
        ):
            proc = _scaffold(project, *args)
            outputs.append(proc.stdout + proc.stderr)
            assert proc.returncode == 0, proc.stdout + proc.stderr

    build = build_site(edit=scaffold)
    assert "Wrote docs/freelancer/first-time-contributor.md" in outputs[0]
    assert build.ok, f"a freshly scaffolded page must build with --strict:\n{build.output}"
    html = (build.site_dir / "freelancer/first-time-contributor/index.html").read_text()
    tree = LexborHTMLParser(html)
    assert tree.css_first("h1").text(strip=True).rstrip("¶") == "First time contributor"
    review = tree.css_first(".page-review time")
    assert review is not None and review.attributes["datetime"] == TODAY.isoformat()
    assert (build.site_dir / "checklists/first-time-list/index.html").exists()
    assert (build.site_dir / "checklists/first-time-list.pdf").exists()


# --------------------------------------------------------------------------- make check


@pytest.mark.slow
def test_make_check_passes_on_the_site(built_site) -> None:
    """`make check` in CI: the same checks, on the site `built_site` already built."""
    proc = subprocess.run(
        [sys.executable, "scripts/check_content.py", "check", "--site", str(built_site.site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "All checks passed." in proc.stdout


def _write(root: Path, rel: str, html: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def test_link_checker_finds_missing_files_and_anchors(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "index.html",
        '<link rel="canonical" href="https://example.org/handbook/">'
        '<a href="a/">ok</a><a href="a/#top">ok</a><a href="#here">ok</a><p id="here"></p>'
        '<a href="a/#nowhere">bad anchor</a><a href="b/">missing</a>'
        '<a href="gone.md">md</a><a href="https://example.org/x">external</a>'
        '<a href="mailto:x@example.org">mail</a><img src="img/x.png">'
        '<a href="/handbook/a/">root-absolute</a><a href="/elsewhere/">outside</a>'
        '<script src="assets/app.js"></script><a href="../../up">up</a>',
    )
    _write(tmp_path, "a/index.html", '<h2 id="top">Top</h2><a href="../index.html#here">ok</a>')
    _write(tmp_path, "assets/app.js", "")
    problems = {
        p.message.split("'")[1]: (p.path, p.message) for p in check_content.check_links(tmp_path)
    }
    assert set(problems) == {"a/#nowhere", "b/", "gone.md", "img/x.png", "/elsewhere/", "../../up"}
    assert problems["a/#nowhere"] == (
        "index.html",
        "link 'a/#nowhere': no id 'nowhere' in a/index.html",
    )
    assert "no file b" in problems["b/"][1]
    assert "Markdown page" in problems["gone.md"][1]


def test_link_checker_passes_on_a_clean_site(tmp_path: Path) -> None:
    _write(tmp_path, "index.html", '<a href="sub/page/">p</a><a href="sub/page/#s-1">s</a>')
    _write(tmp_path, "sub/page/index.html", '<h2 id="s-1">S</h2><a href="../../">home</a>')
    assert check_content.check_links(tmp_path) == []


# --------------------------------------------------------------------------- make report

PAGE = """---
title: A page
description: A page for the content report, with enough words in it.
audience: both
contract_type: both
tags: [x]
last_reviewed: {date}
sources:
  - https://support.upwork.com/hc/en-us
---

# A heading

The cat sat on the mat. See [the page](https://example.org/a-very-long-address-indeed).

```text
Ignoreme codeblock internationalization institutionalization
```
"""


def test_prose_leaves_out_front_matter_code_and_link_targets() -> None:
    text = check_content.prose(PAGE.format(date="2026-01-01"))
    assert "A heading." in text and "The cat sat on the mat." in text
    assert "the page" in text
    assert "example.org" not in text and "Ignoreme" not in text and "description" not in text


def test_page_report_grade_words_and_staleness() -> None:
    today = dt.date(2026, 11, 27)
    fresh = check_content.page_report(
        "a.md", PAGE.format(date="2026-01-01"), today=today, max_age_days=365
    )
    stale = check_content.page_report(
        "b.md", PAGE.format(date="2025-01-01"), today=today, max_age_days=365
    )
    assert fresh.words == 11 and not fresh.stale and fresh.last_reviewed == dt.date(2026, 1, 1)
    assert stale.stale and fresh.grade < 9
    text = check_content.format_report([fresh, stale], max_age_days=365)
    assert "b.md" in text.split("Stale pages")[1] and "STALE" in text
    assert "Stale pages (last reviewed more than 365 days ago): 1" in text


def test_report_command_lists_every_page() -> None:
    proc = subprocess.run(
        [sys.executable, "scripts/check_content.py", "report"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    for page in (ROOT / "docs").rglob("*.md"):
        assert page.relative_to(ROOT / "docs").as_posix() in proc.stdout
    assert check_content.review_max_age_days() == 365


# --------------------------------------------------------------------------- page chrome


@pytest.mark.slow
def test_every_page_offers_edit_and_report_a_problem(built_site, site_pages: list[str]) -> None:
    config = load_mkdocs_yml()
    repo = config["repo_url"].rstrip("/")
    checked = 0
    for rel in site_pages:
        if rel.endswith(".html"):  # 404.html
            continue
        tree = LexborHTMLParser((built_site.site_dir / rel / "index.html").read_text())
        source = ROOT / "docs" / ((rel.rstrip("/") or "index") + ".md")
        if source.exists() or (ROOT / "docs" / rel / "index.md").exists():  # generated pages have no file
            edit = tree.css_first(".page-review a.page-review__edit[href*='/edit/']")
            assert edit is not None, f"{rel or 'home'}: no 'Edit this page' link at the page foot"
            assert edit.text(strip=True) == "Edit this page on GitHub (for contributors)"
        report = tree.css_first(f"a[href^='{repo}/issues/new?']")
        assert report is not None, f"{rel or 'home'}: no 'Report a problem' link"
        query = parse_qs(urlsplit(report.attributes["href"]).query)
        title = query["title"][0]
        assert title.startswith("Problem on page: ") and len(title) > len("Problem on page: ")
        canonical = tree.css_first("link[rel=canonical]").attributes["href"]
        assert canonical in query["body"][0]
        checked += 1
    assert checked >= 10


# --------------------------------------------------------------------------- CONTRIBUTING.md

CONTRIBUTING = ROOT / "CONTRIBUTING.md"


def _fenced_blocks(text: str) -> list[str]:
    return [m.group(2) for m in re.finditer(r"^(`{3,})[a-z]*\n(.*?)^\1$", text, re.M | re.S)]


def test_contributing_templates_pass_the_schema() -> None:
    blocks = _fenced_blocks(CONTRIBUTING.read_text())
    pages = [b for b in blocks if b.startswith("---\n")]
    kinds = set()
    for block in pages:
        model, problems = check_front_matter("x.md", block, today=TODAY)
        assert problems == [], f"{problems}\n{block}"
        assert model is not None
        kinds.add(model.kind)
    assert kinds == {"article", "checklist"}, "a copyable template for each kind of page"
    terms = [b for b in blocks if b.startswith("  - term:")]
    assert len(terms) == 1, "a copyable glossary term"
    glossary = (
        "---\ntitle: Glossary\ndescription: Words you meet when an Upwork contract ends.\n"
        "kind: glossary\naudience: both\ncontract_type: both\ntags: [glossary]\n"
        f"last_reviewed: {TODAY}\nsources:\n  - https://support.upwork.com/hc/en-us\n"
        f"terms:\n{terms[0]}---\n"
    )
    assert check_front_matter("glossary.md", glossary, today=TODAY)[1] == []
    faq = [b for b in blocks if b.startswith("### ")]
    assert len(faq) == 1 and "\nMore: [" in faq[0], "a copyable FAQ entry ending with More:"


def test_contributing_commands_and_paths_exist() -> None:
    text = CONTRIBUTING.read_text()
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))
    used = set(re.findall(r"\bmake ([a-z][a-z-]*)", text))
    assert used and used <= targets, (
        f"CONTRIBUTING.md mentions missing make targets {used - targets}"
    )
    # Code and configuration it names (docs/ paths in it are examples).
    for path in re.findall(r"`((?:hooks|scripts|tests|overrides|\.github)/[\w./-]+)`", text):
        if "<" in path or path.endswith("/"):
            continue
        assert (ROOT / path).exists(), f"CONTRIBUTING.md names {path}, which does not exist"


def test_pull_request_plumbing() -> None:
    template = (ROOT / ".github/pull_request_template.md").read_text()
    for item in ("make check", "make test", "last_reviewed", "sources"):
        assert item in template
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())
    steps = [s.get("run", "") for job in workflow["jobs"].values() for s in job.get("steps", [])]
    assert "./.ci/run" in steps and "make build" in steps
    assert "make test" in (ROOT / ".ci/run").read_text()
    uses = [s.get("uses", "") for job in workflow["jobs"].values() for s in job.get("steps", [])]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    on = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as True
    assert "pull_request" in on and on["push"]["branches"] == ["main"]
