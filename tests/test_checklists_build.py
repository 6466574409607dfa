"""Checklists in real builds: every checklist of the site (found, not listed), its PDFs,
embeds, search, and a second build in the same process as ``mkdocs serve`` makes it."""

from __future__ import annotations

import filecmp
import gzip
import html as html_lib
import json
import os
import re
from pathlib import Path

import pytest
from checklists import Checklist, collect
from conftest import ROOT, Build, copy_project
from pages import read_page
from pypdf import PdfReader
from selectolax.lexbor import LexborHTMLParser as HTMLParser


def site_pages() -> dict:  # type: ignore[type-arg]
    docs = ROOT / "docs"
    return {
        p.relative_to(docs).as_posix(): read_page(
            p.relative_to(docs).as_posix(), p.read_text(encoding="utf-8")
        )
        for p in docs.rglob("*.md")
    }


def checklists() -> list[Checklist]:
    found, problems = collect(site_pages())
    assert problems == [] and found, problems
    return list(found.values())


def fact_texts() -> dict[str, str]:
    import datetime as dt

    import facts

    registry, _ = facts.load(ROOT / "docs", today=dt.date.today())
    return {fact.id: fact.text or "" for fact in registry.by_id.values()}


FACT_TEXTS = fact_texts()


def plain(markdown_text: str) -> str:
    """Item text as a reader sees it: facts as their values, links reduced to their text,
    ``**`` dropped, entities read."""
    text = re.sub(r"\[\[fact:([^\]|]+)\]\]", lambda m: FACT_TEXTS[m.group(1).strip()], markdown_text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[\[[^\]|]*\|([^\]]*)\]\]", r"\1", text)
    return " ".join(html_lib.unescape(text.replace("**", "").replace("\\{", "{")).split())


def html(build: Build, rel: str) -> HTMLParser:
    return HTMLParser((build.site_dir / rel).read_text(encoding="utf-8"))


def test_every_checklist_page_keeps_the_dom_contract(built_site: Build) -> None:
    for checklist in checklists():
        root = html(built_site, f"checklists/{checklist.id}/index.html").css_first(
            f'[data-checklist="{checklist.id}"]'
        )
        assert root is not None, checklist.id
        boxes = root.css('input[type="checkbox"][data-item]')
        assert [b.attributes["data-item"] for b in boxes] == [i.key for i in checklist.items]
        for box, item in zip(boxes, checklist.items, strict=True):
            assert "checked" not in box.attributes
            label = root.css_first(f'label[for="{box.attributes["id"]}"]')
            assert label is not None and " ".join(label.text().split()) == plain(item.text), item.key
        for link, pdf in zip(root.css("a[data-checklist-pdf]"), checklist.pdfs, strict=True):
            target = (
                (built_site.site_dir / f"checklists/{checklist.id}/")
                .joinpath(link.attributes["href"])
                .resolve()
            )
            assert target == (built_site.site_dir / pdf).resolve() and target.read_bytes().startswith(b"%PDF")
        assert root.css("script") == []


def test_every_pdf_has_every_item_its_review_date_and_its_paper(built_site: Build) -> None:
    for checklist in checklists():
        day = re.sub(
            r"^0", "", __import__("datetime").date.fromisoformat(checklist.last_reviewed).strftime("%d %B %Y")
        )
        for pdf, size in zip(checklist.pdfs, [(612, 792), (595, 842)], strict=True):
            reader = PdfReader(built_site.site_dir / pdf)
            text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages).replace("\u2019", "'")
            text = (
                text.replace("\ufb01", "fi")
                .replace("\ufb02", "fl")
                .replace("\ufb00", "ff")
                .replace("\ufb03", "ffi")
            )
            assert plain(checklist.title) in text
            for item in checklist.items:
                assert plain(item.text)[:60] in text, (pdf, item.key)
                if item.why:
                    assert "Why: " + plain(item.why)[:40] in text, (pdf, item.key)
            assert f"Last reviewed {day}" in text and f"checklists/{checklist.id}/" in text
            assert f"Page 1 of {len(reader.pages)}" in text
            box = reader.pages[0].mediabox
            assert (round(float(box.width)), round(float(box.height))) == size, pdf
            assert {f"item-{i.key}" for i in checklist.items} <= set(reader.get_fields() or {})


def test_index_page_lists_every_checklist_and_its_pdfs(built_site: Build) -> None:
    hrefs = {a.attributes.get("href") for a in html(built_site, "checklists/index.html").css("article a")}
    for checklist in checklists():
        assert f"{checklist.id}/" in hrefs, checklist.id


def test_articles_that_embed_a_checklist_show_it_with_working_links(built_site: Build) -> None:
    embeds = {
        src: m.group(1)
        for src, page in site_pages().items()
        for m in re.finditer(r"^<!--\s*checklist:\s*([a-z0-9-]+)\s*-->\s*$", page.body, re.M)
    }
    assert embeds
    for src, checklist_id in embeds.items():
        rel = src[:-3] + "/index.html" if not src.endswith("index.md") else src[:-2] + "html"
        root = html(built_site, rel).css_first(f'[data-checklist="{checklist_id}"]')
        assert root is not None and root.css('input[type="checkbox"][data-item]'), src
        assert "data-search-exclude" in root.attributes
        base = (built_site.site_dir / rel).parent
        for a in root.css("a[href]"):
            href = a.attributes["href"] or ""
            if href.startswith(("http", "#", "mailto:")):
                continue
            target = (base / href.split("#")[0]).resolve()
            assert (target / "index.html").exists() or target.is_file(), (src, href)


def test_items_are_found_in_search_once_on_their_own_page(built_site: Build) -> None:
    index = json.loads((built_site.site_dir / "search" / "search_index.json").read_text())
    every = [plain(i.text) for c in checklists() for i in c.items]
    for checklist in checklists():
        item = next(t for t in (plain(i.text) for i in checklist.items) if every.count(t) == 1)
        pages = {
            d["location"].split("#")[0]
            for d in index["docs"]
            if item in " ".join(HTMLParser(d["text"]).text().split())
        }
        assert pages == {f"checklists/{checklist.id}/"}, (checklist.id, pages)


def test_our_js_and_css_stay_within_the_budget() -> None:
    """All of docs/assets/*.js and *.css together, gzipped as static hosts serve them
    (level 6): at most 8 KB (scripts/bench.py reports the same measure)."""
    assets = ROOT / "docs" / "assets"
    files = sorted([*assets.glob("*.js"), *assets.glob("*.css")])
    sizes = {f.name: len(gzip.compress(f.read_bytes(), 6)) for f in files}
    assert sizes and sum(sizes.values()) <= 8 * 1024, sizes


@pytest.mark.slow
def test_two_builds_in_one_process_give_the_same_site_and_no_new_pdf(tmp_path: Path) -> None:
    """What ``mkdocs serve`` does: build again in the same process, with the hook loaded once."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = tmp_path / "project"
    copy_project(project)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    sites = []
    for n in range(2):
        site = tmp_path / f"site{n}"
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        build(config)
        sites.append(site)
        if n == 0:
            cache = {p: p.stat().st_mtime_ns for p in (project / ".cache" / "checklist-pdfs").glob("*.pdf")}
            assert len(cache) == len(list(site.rglob("*.pdf")))  # one cached file a PDF
    assert {p: p.stat().st_mtime_ns for p in (project / ".cache" / "checklist-pdfs").glob("*.pdf")} == cache
    differ: list[str] = []

    def compare(d: filecmp.dircmp) -> None:  # type: ignore[type-arg]
        differ.extend(d.left_only + d.right_only + [f for f in d.diff_files if f != "sitemap.xml.gz"])
        for sub in d.subdirs.values():
            compare(sub)

    compare(filecmp.dircmp(sites[0], sites[1]))
    assert differ == []
