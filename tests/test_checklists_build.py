"""Checklists in real builds: the site's pages and PDFs, broken input, the PDF cache, paper size."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from checklists import Checklist, parse_checklist, slugify
from conftest import ROOT, Build
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser as HTMLParser

IDS = [
    "freelancer-end-hourly",
    "freelancer-end-fixed-price",
    "client-end-hourly",
    "client-end-fixed-price",
    "prepare-dispute",
    "after-contract-ends",
]


def checklists() -> list[Checklist]:
    found = []
    for checklist_id in IDS:
        path = f"checklists/{checklist_id}.md"
        checklist, problems = parse_checklist(
            path, (ROOT / "docs" / path).read_text(encoding="utf-8")
        )
        assert checklist is not None and problems == [], problems
        found.append(checklist)
    return found


def plain(markdown_text: str) -> str:
    """Item text as a reader sees it: links reduced to their text, ``**`` dropped."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text)
    return " ".join(text.replace("**", "").split())


def html(build: Build, rel: str) -> HTMLParser:
    return HTMLParser((build.site_dir / rel).read_text(encoding="utf-8"))


# ----------------------------------------------------------------------------- the real site


def test_every_checklist_page_keeps_the_dom_contract(built_site: Build) -> None:
    for checklist in checklists():
        tree = html(built_site, f"checklists/{checklist.id}/index.html")
        root = tree.css_first(f'[data-checklist="{checklist.id}"]')
        assert root is not None, checklist.id
        boxes = root.css('input[type="checkbox"][data-item]')
        assert [b.attributes["data-item"] for b in boxes] == [i.key for i in checklist.items]
        for box, item in zip(boxes, checklist.items, strict=True):
            assert "checked" not in box.attributes
            label = root.css_first(f'label[for="{box.attributes["id"]}"]')
            assert label is not None and " ".join(label.text().split()) == plain(item.text)
        pdf = root.css_first("a[data-checklist-pdf]")
        target = (
            (built_site.site_dir / f"checklists/{checklist.id}/")
            .joinpath(pdf.attributes["href"])
            .resolve()
        )
        assert target == (built_site.site_dir / f"checklists/{checklist.id}.pdf").resolve()
        assert target.read_bytes().startswith(b"%PDF")
        # The hook adds no inline script.
        assert root.css("script") == []


def test_every_pdf_contains_every_item(built_site: Build) -> None:
    for checklist in checklists():
        pdf = built_site.site_dir / f"checklists/{checklist.id}.pdf"
        reader = PdfReader(pdf)
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        text = text.replace("\u2019", "'")
        assert plain(checklist.title) in text
        for item in checklist.items:
            assert plain(item.text) in text, (checklist.id, item.key)
            if item.why:
                assert "Why: " + plain(item.why)[:40] in text, (checklist.id, item.key)
        assert "Last reviewed 27 November 2026" in text
        assert f"checklists/{checklist.id}/" in text
        assert f"Page 1 of {len(reader.pages)}" in text
        assert "Notes" in text
        box = reader.pages[0].mediabox
        assert (round(box.width), round(box.height)) == (612, 792), "US Letter by default"
        layout = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        )
        assert plain(checklist.items[0].text)[:30] in " ".join(layout.stdout.split())


def test_index_page_lists_every_checklist_and_its_pdf(built_site: Build) -> None:
    tree = html(built_site, "checklists/index.html")
    hrefs = {a.attributes.get("href") for a in tree.css("article a")}
    for checklist_id in IDS:
        assert f"{checklist_id}/" in hrefs
        assert f"{checklist_id}.pdf" in hrefs


def test_articles_that_embed_a_checklist_show_it(built_site: Build) -> None:
    embeds = {}
    for md in (ROOT / "docs").rglob("*.md"):
        for line in md.read_text(encoding="utf-8").splitlines():
            match = re.match(r"^<!--\s*checklist:\s*([a-z0-9-]+)\s*-->\s*$", line)
            if match:
                embeds[md.relative_to(ROOT / "docs").as_posix()] = match.group(1)
    assert embeds, "no article embeds a checklist yet"
    for src, checklist_id in embeds.items():
        rel = src[:-3] + "/index.html" if not src.endswith("index.md") else src[:-2] + "html"
        tree = html(built_site, rel)
        root = tree.css_first(f'[data-checklist="{checklist_id}"]')
        assert root is not None, src
        assert root.css('input[type="checkbox"][data-item]'), src
        pdf = root.css_first("a[data-checklist-pdf]").attributes["href"]
        assert (built_site.site_dir / Path(rel).parent).joinpath(pdf).resolve().exists(), (src, pdf)


def test_embedded_copy_links_work_from_the_article_and_are_not_indexed_twice(
    built_site: Build,
) -> None:
    tree = html(built_site, "freelancer/end-hourly/index.html")
    root = tree.css_first('[data-checklist="freelancer-end-hourly"]')
    assert root is not None
    base = built_site.site_dir / "freelancer" / "end-hourly"
    for a in root.css("a[href]"):
        href = a.attributes["href"] or ""
        if href.startswith(("http", "#")):
            continue
        path = href.split("#")[0]
        target = (base / path).resolve()
        assert (target / "index.html").exists() or target.is_file(), href
    # One link per glossary term and page, the embedded copy included.
    glossary = [a.attributes["href"] for a in tree.css("article a.glossary-link")]
    assert len(glossary) == len(set(glossary)), glossary
    # The checklist's items are indexed on the checklist's page, not again on each article.
    index = json.loads((built_site.site_dir / "search" / "search_index.json").read_text())
    item = plain(checklists()[0].items[2].text)[:30]
    pages = {
        d["location"].split("#")[0] for d in index["docs"] if item in " ".join(d["text"].split())
    }
    assert pages == {"checklists/freelancer-end-hourly/"}, pages


@pytest.mark.slow
def test_an_embedded_copy_does_not_link_a_term_the_article_already_links(build_site) -> None:  # type: ignore[no-untyped-def]
    def edit(root: Path) -> None:
        checklist = root / "docs" / "checklists" / "freelancer-end-hourly.md"
        text = checklist.read_text()
        assert "Why: ending can't be undone." in text
        checklist.write_text(
            text.replace("Why: ending can't be undone.", "Why: mediation can't undo it.")
        )
        article = root / "docs" / "freelancer" / "end-hourly.md"
        heading = "# Ending an hourly contract as a freelancer\n"
        article.write_text(
            article.read_text().replace(heading, heading + "\nMediation is below.\n", 1)
        )

    build = build_site(edit=edit)
    assert build.ok, build.output

    def term_links(rel: str) -> tuple[list[str], list[str]]:
        tree = HTMLParser((build.site_dir / rel).read_text())
        block = tree.css_first("[data-checklist]")
        inside = [a.attributes["href"] or "" for a in block.css("a.glossary-link")]
        everywhere = [a.attributes["href"] or "" for a in tree.css("article a.glossary-link")]
        return inside, everywhere

    inside, _ = term_links("checklists/freelancer-end-hourly/index.html")
    assert "../../glossary/#mediation" in inside, "the checklist page links the term in the block"
    inside, everywhere = term_links("freelancer/end-hourly/index.html")
    assert everywhere.count("../../glossary/#mediation") == 1, everywhere
    assert inside == [], "the article linked 'mediation' first: the copy shows it as text"


@pytest.mark.slow
def test_dirty_rebuild_still_shows_an_unchanged_checklist(build_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = build_site()
    assert first.ok, first.output
    article = tmp_path / "project" / "docs" / "freelancer" / "end-hourly.md"
    article.write_text(article.read_text() + "\nA line added after the first build.\n")
    out = str(tmp_path / "out")
    # mkdocs.yml is strict, and MkDocs always warns that a dirty build is one.
    cmd = [sys.executable, "-m", "mkdocs", "build", "--dirty", "--no-strict", "--site-dir", out]
    proc = subprocess.run(
        cmd,
        cwd=tmp_path / "project",
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and "'dirty' build" in warnings[0], proc.stderr
    page = (tmp_path / "out" / "freelancer" / "end-hourly" / "index.html").read_text()
    assert "A line added after the first build." in page
    root = HTMLParser(page).css_first('[data-checklist="freelancer-end-hourly"]')
    assert root is not None and len(root.css("input[data-item]")) >= 5
    assert root.css_first(".checklist__caption a").attributes["href"] == (
        "../../checklists/freelancer-end-hourly/"
    )


def test_search_index_has_checklist_items(built_site: Build) -> None:
    index = json.loads((built_site.site_dir / "search" / "search_index.json").read_text())
    text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("checklists/"))
    for checklist in checklists():
        assert plain(checklist.items[-1].text).split(".")[0][:40] in " ".join(text.split())


def test_checklist_js_and_css_stay_small() -> None:
    assets = ROOT / "docs" / "assets"
    size = sum(
        len(gzip.compress((assets / name).read_bytes(), 9))
        for name in ("checklists.js", "checklists.css")
    )
    assert size < 3 * 1024, size


def test_default_keys_follow_the_documented_rule() -> None:
    for checklist in checklists():
        for item in checklist.items:
            assert item.key == slugify(item.text) or f"<!-- key: {item.key} -->" in (
                ROOT / "docs" / checklist.src_uri
            ).read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- broken input


@pytest.mark.slow
def test_broken_checklists_fail_the_build_with_file_and_line(build_site) -> None:  # type: ignore[no-untyped-def]
    def break_it(root: Path) -> None:
        docs = root / "docs"
        hourly = docs / "checklists" / "freelancer-end-hourly.md"
        lines = hourly.read_text().splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith("- [ ]"))
        second = next(i for i, line in enumerate(lines) if i > first and line.startswith("- [ ]"))
        lines[second] = "- [ ] A second item with a clashing key <!-- key: talk-to-client -->"
        hourly.write_text("\n".join(lines) + "\n")
        dispute = docs / "checklists" / "prepare-dispute.md"
        text = dispute.read_text()
        body_start = text.index("\n- [ ]")
        dispute.write_text(text[:body_start] + "\n\nThe items were deleted.\n")
        copy = docs / "checklists" / "copy-of-a-list.md"
        copy.write_text(
            (docs / "checklists" / "after-contract-ends.md")
            .read_text()
            .replace('title: "Checklist: after the contract ends"', "title: A copy")
        )
        article = docs / "checklists" / "index.md"
        article.write_text(article.read_text() + "\n<!-- checklist: no-such-list -->\n")
        return None

    lines = {}
    for name in ("freelancer-end-hourly", "prepare-dispute", "index"):
        text = (ROOT / "docs" / "checklists" / f"{name}.md").read_text().splitlines()
        lines[name] = text
    first = next(
        i for i, line in enumerate(lines["freelancer-end-hourly"]) if line.startswith("- [ ]")
    )
    second = next(
        i
        for i, line in enumerate(lines["freelancer-end-hourly"])
        if i > first and line.startswith("- [ ]")
    )
    id_line = (
        next(
            i for i, line in enumerate(lines["prepare-dispute"]) if line.startswith("checklist_id:")
        )
        + 1
    )
    embed_line = len(lines["index"]) + 2

    build = build_site(edit=break_it)
    assert not build.ok
    out = build.output
    assert (
        f"checklists/freelancer-end-hourly.md:{second + 1}: item key 'talk-to-client' is "
        "already used "
        f"by the item on line {first + 1}"
    ) in out
    assert (
        f"checklists/prepare-dispute.md:{id_line}: checklist 'prepare-dispute' has no items" in out
    )
    assert (
        "checklists/copy-of-a-list.md:5: checklist_id 'after-contract-ends' does not match the file"
        in out
    )
    assert (
        "checklists/copy-of-a-list.md:5: checklist id 'after-contract-ends' is already used by "
        "checklists/after-contract-ends.md"
    ) in out
    assert f"checklists/index.md:{embed_line}: there is no checklist 'no-such-list'" in out
    assert "Aborted with" in out


# ----------------------------------------------------------------------------- cache and paper


@pytest.mark.slow
def test_unchanged_rebuild_renders_no_pdf_and_a4_is_selectable(build_site) -> None:  # type: ignore[no-untyped-def]
    cold = build_site()
    assert cold.ok, cold.output
    assert f"checklists: {len(IDS)} PDFs rendered, 0 reused from cache" in cold.output

    warm = build_site()
    assert warm.ok, warm.output
    assert f"checklists: 0 PDFs rendered, {len(IDS)} reused from cache" in warm.output
    assert "WeasyPrint loaded: no" in warm.output

    def a4(root: Path) -> None:
        config = root / "mkdocs.yml"
        config.write_text(
            config.read_text().replace("checklist_pdf_paper: letter", "checklist_pdf_paper: a4")
        )

    paper = build_site(edit=a4)
    assert paper.ok, paper.output
    assert f"checklists: {len(IDS)} PDFs rendered" in paper.output
    box = PdfReader(paper.site_dir / "checklists" / "prepare-dispute.pdf").pages[0].mediabox
    assert (round(box.width), round(box.height)) == (595, 842)
