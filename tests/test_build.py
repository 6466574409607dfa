"""The real site builds under --strict and its output is what readers need."""

from __future__ import annotations

import json

from conftest import Build
from selectolax.lexbor import LexborHTMLParser as HTMLParser


def html(build: Build, rel: str) -> HTMLParser:
    return HTMLParser((build.site_dir / rel).read_text(encoding="utf-8"))


def test_strict_build_has_no_warnings(built_site: Build) -> None:
    assert built_site.ok
    assert "WARNING" not in built_site.output, built_site.output


def test_home_page_and_article_are_written(built_site: Build) -> None:
    home = html(built_site, "index.html")
    assert home.css_first("h1") is not None
    article = html(built_site, "freelancer/end-a-contract/index.html")
    title = article.css_first("h1").text().lower()
    assert "end" in title and "contract" in title
    meta = article.css_first('meta[name="description"]')
    assert meta is not None and len(meta.attributes["content"] or "") <= 160


def test_every_content_page_shows_its_review_date_and_sources(built_site: Build) -> None:
    pages = [
        p
        for p in built_site.site_dir.rglob("index.html")
        if "search" not in p.parts and p.parent != built_site.site_dir / "assets"
    ]
    assert len(pages) >= 2
    for page in pages:
        tree = HTMLParser(page.read_text(encoding="utf-8"))
        review = tree.css_first(".page-review time[datetime]")
        assert review is not None, f"{page} shows no review date"
        assert "Last reviewed" in tree.css_first(".page-review").text()


def test_search_index_contains_the_article_text(built_site: Build) -> None:
    index = json.loads((built_site.site_dir / "search" / "search_index.json").read_text())
    docs = index["docs"]
    locations = {d["location"] for d in docs}
    assert any(loc.startswith("freelancer/end-a-contract/") for loc in locations)
    page = "freelancer/end-a-contract/"
    text = " ".join(d["text"] for d in docs if d["location"].startswith(page))
    assert "Work Diary" in text


def test_no_page_references_a_third_party_host(built_site: Build) -> None:
    """Static check beside the browser test: no font, CDN or analytics URLs in <head>."""
    for page in built_site.site_dir.rglob("*.html"):
        tree = HTMLParser(page.read_text(encoding="utf-8"))
        for node in tree.css("link[href], script[src]"):
            url = node.attributes.get("href") or node.attributes.get("src") or ""
            assert not url.startswith(("http://", "https://", "//")) or url.startswith(
                built_site_url(built_site)
            ), f"{page}: {url}"


def built_site_url(build: Build) -> str:
    sitemap = (build.site_dir / "sitemap.xml").read_text()
    start = sitemap.index("<loc>") + len("<loc>")
    loc = sitemap[start : sitemap.index("</loc>")]
    return loc.split("/", 3)[0] + "//" + loc.split("/", 3)[2]
