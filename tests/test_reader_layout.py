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


def test_every_page_has_the_badge_and_no_developer_chrome(built_site: Build, site_pages: list[str]) -> None:
    problems = []
    for rel in site_pages:
        path = built_site.site_dir / (rel if rel.endswith(".html") else rel + "index.html")
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        badge = tree.css_first("header.md-header a.site-badge")
        if badge is None or badge.text(strip=True) != "Unofficial guide":
            problems.append(f"{rel or '/'}: no 'Unofficial guide' badge in the header")
        elif not urljoin("http://site/" + rel, badge.attributes.get("href") or "").endswith("/about/"):
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


# ---------------------------------------------------------------- home: the first screen

PHONE = {"width": 390, "height": 844}
ROLE_TAB = ".home-roles .tabbed-labels > label"
CARDS = ".home-roles .tabbed-block:nth-child({}) li"


def on_first_screen(box: dict | None, height: int = PHONE["height"]) -> bool:  # type: ignore[type-arg]
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= height  # type: ignore[index]


@pytest.mark.browser
def test_home_first_screen_on_a_phone_offers_roles_the_flow_and_the_chosen_roles_situations(
    browser: Browser, built_site: Build, site_server: SiteServer
) -> None:
    """390 x 844, touch: the role choice, the question flow and at least three of the
    chosen role's situations, with none of the other role's cards above them."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site_server.url)
    tabs = page.locator(ROLE_TAB)
    assert tabs.all_inner_texts() == ["I'm a freelancer", "I'm a client"]
    for tab in tabs.all():
        box = tab.bounding_box()
        assert on_first_screen(box) and box and box["height"] >= 44 and box["width"] >= 150
    assert on_first_screen(page.locator("a[href$='what-should-i-do/']").first.bounding_box())
    for role, other in ((1, 2), (2, 1)):
        if role == 2:
            tabs.nth(1).tap()
        cards = page.locator(CARDS.format(role))
        seen = [c for c in cards.all() if on_first_screen(c.bounding_box())]
        assert len(seen) >= 3, f"only {len(seen)} of role {role}'s situations on the first screen"
        for card in page.locator(CARDS.format(other)).all():
            expect(card).to_be_hidden()
    # The client's most urgent situation comes first.
    expect(page.locator(CARDS.format(2)).first.locator("a")).to_have_text("I want my money back")
    context.close()


@pytest.mark.browser
def test_home_cards_are_links_all_over_with_a_visible_focus(
    browser: Browser, built_site: Build, site_server: SiteServer
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_server.url)
    cards = page.locator(CARDS.format(1))
    for card in cards.all():
        expect(card.locator("a")).to_have_count(1)  # one link per card: the card's own
    card = cards.nth(1)
    href = card.locator("a").get_attribute("href") or "?"
    box = card.bounding_box()
    assert box
    # The keyboard reaches the card's link, and the whole card shows it.
    card.locator("a").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    shadow = card.evaluate("el => getComputedStyle(el).boxShadow")
    assert shadow != "none", "the focused card is not marked"
    outline = card.locator("a").evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    # A click on the card's empty corner, away from the link's text, follows the link.
    page.mouse.click(box["x"] + box["width"] - 6, box["y"] + box["height"] - 6)
    page.wait_for_url(urljoin(site_server.url, href))
    context.close()


#: The pages written for the ten situations readers ask about most (issue 18's ranked gaps).
GAP_PAGES = [
    "basics/suspended-or-on-hold/",
    "freelancer/client-wants-escrow-back/",
    "client/cancel-a-milestone/",
    "basics/chargebacks/",
    "basics/who-owns-the-work/",
    "freelancer/feedback-threat/",
    "basics/agency-contracts/",
    "basics/project-catalog/",
    "basics/after-the-end/",
    "basics/direct-contracts-and-any-hire/",
    "freelancer/after-your-last-contract/",
]


@pytest.mark.browser
def test_each_gap_page_answers_on_its_first_screen_on_a_phone(
    browser: Browser, built_site: Build, site_server: SiteServer
) -> None:
    """390 x 844: the page's whole short answer is visible before any scrolling."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    missing = []
    for path in GAP_PAGES:
        page.goto(site_server.url + path)
        answer = page.locator("article p.short-answer").first
        if not answer.count() or not on_first_screen(answer.bounding_box()):
            missing.append(f"{path}: {answer.bounding_box() if answer.count() else 'no short answer'}")
    context.close()
    assert missing == []
