"""Findability: every page says what it is to search engines and link previews.

* meta description = the page's front matter ``description``;
* canonical URL = ``site_url`` + the page's path, and ``og:url`` the same;
* Open Graph: og:title, og:description, og:url, og:type, og:site_name;
* sitemap.xml lists every page's canonical URL;
* articles (``kind: article``) carry one schema.org ``Article`` in JSON-LD with
  headline, description, ``dateModified`` = ``last_reviewed``, url, publisher;
  other kinds carry none;
* the 404 page offers search and the main sections with links that work from
  any depth, also when the site lives under a sub-path (``/handbook/``).
"""

from __future__ import annotations

import datetime as _dt
import functools
import http.server
import json
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT, Build, SiteServer, run_mkdocs_build
from frontmatter import FrontMatter, check_text
from playwright.sync_api import Page, expect
from selectolax.lexbor import LexborHTMLParser

DOCS = ROOT / "docs"


def url_path(src: str) -> str:
    """``freelancer/end-hourly.md`` -> ``freelancer/end-hourly/``; ``index.md`` -> ``""``."""
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def source_pages() -> dict[str, FrontMatter]:
    """Front matter of every Markdown page, by its URL path."""
    pages = {}
    for path in sorted(DOCS.rglob("*.md")):
        src = path.relative_to(DOCS).as_posix()
        model, problems = check_text(src, path.read_text(encoding="utf-8"), today=_dt.date.today())
        if model is not None:
            pages[url_path(src)] = model
    assert pages, "no pages found in docs/"
    return pages


def head(site: Path, rel: str) -> LexborHTMLParser:
    path = site / (rel + "index.html" if not rel.endswith(".html") else rel)
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


def meta(tree: LexborHTMLParser, css: str) -> str | None:
    node = tree.css_first(css)
    if node is None:
        return None
    return node.attributes.get("content") or node.attributes.get("href")


def json_ld(tree: LexborHTMLParser) -> list[dict]:  # type: ignore[type-arg]
    return [
        json.loads(node.text(deep=True)) for node in tree.css('script[type="application/ld+json"]')
    ]


def test_every_page_has_description_canonical_and_open_graph(
    built_site: Build, site_server: SiteServer
) -> None:
    problems = []
    for rel, fm in source_pages().items():
        tree = head(built_site.site_dir, rel)
        canonical = site_server.url + rel
        expected = {
            'meta[name="description"]': fm.description,
            'link[rel="canonical"]': canonical,
            'meta[property="og:url"]': canonical,
            'meta[property="og:title"]': fm.title,
            'meta[property="og:description"]': fm.description,
            'meta[property="og:site_name"]': "Ending an Upwork Contract",
            'meta[property="og:type"]': "article" if fm.kind == "article" else "website",
        }
        for css, want in expected.items():
            got = meta(tree, css)
            if got != want:
                problems.append(f"{rel or '/'}: {css} is {got!r}, expected {want!r}")
        if len(tree.css('meta[name="description"]')) != 1:
            problems.append(f"{rel or '/'}: not exactly one meta description")
        if tree.css_first('meta[name="robots"][content*="noindex"]') is not None:
            problems.append(f"{rel or '/'}: marked noindex")
    assert not problems, "\n".join(problems)


def test_sitemap_lists_every_page(built_site: Build, site_server: SiteServer) -> None:
    root = ET.fromstring((built_site.site_dir / "sitemap.xml").read_bytes())
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in root.findall("s:url/s:loc", ns)}
    expected = {site_server.url + rel for rel in source_pages()}
    assert expected <= listed, f"missing from sitemap.xml: {sorted(expected - listed)}"
    assert (built_site.site_dir / "sitemap.xml.gz").exists()


def test_articles_carry_article_json_ld(built_site: Build, site_server: SiteServer) -> None:
    articles = 0
    for rel, fm in source_pages().items():
        blocks = json_ld(head(built_site.site_dir, rel))
        found = [b for b in blocks if b.get("@type") == "Article"]
        if fm.kind != "article":
            assert not found, f"{rel}: kind {fm.kind} must not claim to be an Article"
            continue
        articles += 1
        assert len(found) == 1, (
            f"{rel or '/'}: expected one Article JSON-LD block, found {len(found)}"
        )
        data = found[0]
        assert data["@context"] == "https://schema.org"
        assert data["headline"] == fm.title
        assert data["description"] == fm.description
        assert data["dateModified"] == fm.last_reviewed.isoformat()
        assert data["url"] == site_server.url + rel
        assert data["publisher"]["@type"] == "Organization"
        assert data["publisher"]["name"] == "Ending an Upwork Contract"
        assert urlparse(data["publisher"]["url"]).scheme in ("http", "https")
    assert articles >= 1, "no kind: article page found"


def test_404_page_is_noindex_and_offers_search_and_sections(built_site: Build) -> None:
    tree = head(built_site.site_dir, "404.html")
    assert meta(tree, 'meta[name="robots"]') == "noindex"
    form = tree.css_first("form[data-not-found-search]")
    assert form is not None and form.css_first("input[name=q]") is not None
    assert form.css_first("label") is not None
    links = tree.css(".not-found__sections a")
    assert len(links) >= 4, "the 404 page should list the main sections"


# ---------------------------------------------------------------- 404 under a sub-path


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /handbook/ and answers every missing path with
    404.html, as GitHub Pages and most static hosts do."""

    prefix = "/handbook/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__nowhere__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_head(self):  # type: ignore[no-untyped-def]
        target = Path(self.translate_path(self.path.split("?")[0]))
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io

            return io.BytesIO(body)
        return super().send_head()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site built for http://127.0.0.1:PORT/handbook/ and served there."""
    site = tmp_path_factory.mktemp("subpath-site")
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_NotFoundHandler, directory=str(site))
    )
    httpd.daemon_threads = True
    host, port = httpd.server_address[:2]
    url = f"http://{host}:{port}/handbook/"
    build = run_mkdocs_build(ROOT, site, site_url=url)
    assert build.ok, build.output
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield url
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.browser
def test_404_links_and_search_work_from_any_depth(page: Page, subpath_site: str) -> None:
    for missing in ("nope", "freelancer/nope/", "a/b/c/d/nope.html"):
        response = page.goto(subpath_site + missing)
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text("Page not found")
        hrefs = page.eval_on_selector_all(".not-found__sections a", "els => els.map(e => e.href)")
        assert hrefs
        for href in hrefs:
            assert href.startswith(subpath_site), href
            status = page.request.get(href).status
            assert status == 200, f"404 page link {href} answers {status} (reader was at {missing})"
        # Material's own stylesheet loaded (absolute asset URLs too).
        assert (
            page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
            != "static"
        )

    # The search form sends the reader to the home page with the query; Material opens search there.
    page.goto(subpath_site + "freelancer/nope/")
    page.locator("#not-found-query").fill("refund")
    page.locator(".not-found__search button[type=submit]").click()
    page.wait_for_url(f"{subpath_site}?q=refund")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
