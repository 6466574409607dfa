"""The layer between readers and the writing (reader review, December 2026, problem 10).

* "Unofficial guide" at the top of every page: a header badge linking to About,
  readable at 390 px and 320 px without pushing the header's buttons off screen.
* No developer controls in the reader's way: no edit pencil, no repository link in
  the header or the drawer (they sit at the page foot, labelled for contributors;
  test_contributing checks that link on every page).
* Headings semi-bold at full contrast; admonition text at body size; the short
  answer as a panel.
"""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from conftest import Build, SiteServer
from playwright.sync_api import Browser, expect
from selectolax.lexbor import LexborHTMLParser

ARTICLE = "freelancer/end-fixed-price/"  # short answer, warning box, checklist


def test_every_page_has_the_badge_and_no_developer_chrome(
    built_site: Build, site_pages: list[str]
) -> None:
    problems = []
    for rel in site_pages:
        path = built_site.site_dir / (rel if rel.endswith(".html") else rel + "index.html")
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        badge = tree.css_first("header.md-header a.site-badge")
        if badge is None or badge.text(strip=True) != "Unofficial guide":
            problems.append(f"{rel or '/'}: no 'Unofficial guide' badge in the header")
        elif not urljoin("http://site/" + rel, badge.attributes.get("href") or "").endswith(
            "/about/"
        ):
            problems.append(f"{rel or '/'}: the badge does not lead to About")
        for selector in ("a.md-content__button", ".md-header__source", ".md-nav__source"):
            if tree.css_first(selector) is not None:
                problems.append(f"{rel or '/'}: {selector} is back in the reader's way")
    assert not problems, "\n".join(problems[:20])


def test_every_short_answer_is_marked_as_the_panel(built_site: Build) -> None:
    """partials/content.html gives the paragraph that opens with <strong>Short answer:</strong>
    the class site.css draws as a panel (CSS alone can't tell it from any paragraph that
    has a <strong> as its first element); nothing else gets the class."""
    marked = 0
    problems = []
    for path in sorted(built_site.site_dir.rglob("*.html")):
        rel = path.relative_to(built_site.site_dir).as_posix()
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        article = tree.css_first("article")
        if article is None:
            continue
        for p in article.css("p"):
            opens = (p.html or "").split(">", 1)[1].startswith("<strong>Short answer:</strong>")
            has_class = "short-answer" in (p.attributes.get("class") or "").split()
            marked += has_class
            if opens != has_class:
                problems.append(f"{rel}: {p.text()[:60]!r} (class: {has_class})")
    assert marked >= 10
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 320])
def test_badge_fits_the_phone_header(
    browser: Browser, built_site: Build, site_server: SiteServer, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(site_server.url + ARTICLE)
    badge = page.locator("header a.site-badge")
    expect(badge).to_be_visible()
    box = badge.bounding_box()
    header = page.locator("header.md-header").bounding_box()
    assert box and header
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert header["y"] <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
    assert box["height"] >= 24, "touch target below 24 px (WCAG 2.5.8)"
    # The header's buttons stay on screen, and the site title keeps some room.
    for selector in ("label[for='__drawer']", "label[for='__search']"):
        button = page.locator(f"header {selector}").first.bounding_box()
        assert button and button["x"] + button["width"] <= width
    title = page.locator(".md-header__title").bounding_box()
    assert title and title["width"] >= 60
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_headings_warnings_and_short_answer_read_clearly(
    browser: Browser, built_site: Build, site_server: SiteServer, scheme: str
) -> None:
    context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(site_server.url + ARTICLE)
    style = """(el, p) => { const s = getComputedStyle(el); return [s.fontWeight, s.color,
        s.fontSize, getComputedStyle(p).color, getComputedStyle(p).fontSize]; }"""
    body_p = page.locator("article > p").nth(1).element_handle()
    for heading in ("article h1", "article h2"):
        weight, color, _, text_color, _ = page.locator(heading).first.evaluate(style, body_p)
        assert int(weight) >= 600, f"{heading} weight {weight}"
        assert color == text_color, f"{heading} colour {color} is not the text colour"
    admonition = page.locator("article .admonition p").first
    assert admonition.evaluate(style, body_p)[2] == admonition.evaluate(style, body_p)[4]
    panel = page.locator("article p.short-answer").first
    assert panel.evaluate("el => getComputedStyle(el).borderLeftWidth") != "0px"
    assert panel.evaluate("el => getComputedStyle(el).backgroundColor") not in (
        "rgba(0, 0, 0, 0)",
        "transparent",
    )
    context.close()
