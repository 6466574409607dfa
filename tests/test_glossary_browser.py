"""Term and fact tooltips in a browser: hover, keyboard focus and tap, without leaving the page.

site.js shows one tooltip (``#site-tip``, ``role=tooltip``, inside ``<main>``) for the
hovered or focused term or fact: it takes the link's ``title`` (so the browser's own
tooltip does not show too) and ``aria-describedby`` points at it. On touch the first tap
shows it and a second follows the link; Escape hides it and the focus stays. CSS anchor
positioning puts it beside the link, inside the screen; no inline style anywhere.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import Build, SiteServer
from playwright.sync_api import Browser, Locator, Page, expect

pytestmark = pytest.mark.browser

ARTICLE = "freelancer/end-hourly/"
TERM = "article a.glossary-link"
FACT = "article a.fact"
TOOLTIP = "#site-tip"


def tooltip_of(page: Page, link: Locator) -> Locator:
    """The tooltip the link's aria-describedby names, once it is shown."""
    page.wait_for_function("el => !!el.getAttribute('aria-describedby')", arg=link.element_handle())
    return page.locator("#" + (link.get_attribute("aria-describedby") or "none"))


def test_keyboard_focus_shows_the_definition_and_escape_hides_it(
    page: Page, built_site: Build, site_server: SiteServer
) -> None:
    page.goto(site_server.url + ARTICLE)
    link = page.locator(TERM).first
    text = link.inner_text()
    definition = link.get_attribute("title")
    assert definition and len(definition) >= 10
    page.keyboard.press("Tab")  # a keyboard interaction first, so focus() counts as focus-visible
    link.focus()
    tip = tooltip_of(page, link)
    expect(tip).to_be_visible()
    expect(tip).to_have_attribute("role", "tooltip")
    expect(tip).to_have_text(definition)
    # The accessible name is still the term itself; the definition is its description.
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": TERM})
    ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node["nodeId"], "fetchRelatives": False})
    assert ax["nodes"][0]["name"]["value"] == text
    assert ax["nodes"][0]["description"]["value"] == definition
    # No inline style, tooltip or not; the tooltip sits in a landmark.
    assert page.locator("article [style], #site-tip[style]").count() == 0
    assert tip.evaluate("el => !!el.closest('main')")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()

    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    assert page.evaluate("document.activeElement") is not None
    assert link.evaluate("el => el === document.activeElement"), "Escape must not move the focus"
    link.blur()
    expect(page.locator(TOOLTIP)).to_have_count(0)


def test_hover_shows_the_styled_tooltip_not_the_browsers(
    page: Page, built_site: Build, site_server: SiteServer
) -> None:
    page.goto(site_server.url + ARTICLE)
    fact = page.locator(FACT).first
    rule = fact.get_attribute("title")
    fact.hover()
    tip = tooltip_of(page, fact)
    expect(tip).to_be_visible()
    expect(tip).to_contain_text((rule or "?")[:40])
    assert fact.get_attribute("title") is None, "the native tooltip would show as well"
    page.mouse.move(0, 0)
    expect(page.locator(TOOLTIP)).to_have_count(0)
    expect(fact).to_have_attribute("title", rule or "?")


@pytest.mark.parametrize("selector", [TERM, FACT])
def test_first_tap_shows_the_tooltip_second_tap_follows_the_link(
    browser: Browser, built_site: Build, site_server: SiteServer, selector: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_server.url + ARTICLE)
    link = page.locator(selector).first
    link.scroll_into_view_if_needed()
    href = link.evaluate("a => a.href")
    title = link.get_attribute("title")
    link.tap()
    tip = tooltip_of(page, link)
    expect(tip).to_be_visible()
    expect(tip).to_contain_text((title or "?")[:40])
    page.wait_for_timeout(300)
    assert page.url == site_server.url + ARTICLE, "the first tap left the page"
    box, screen = tip.bounding_box(), page.viewport_size
    assert box and screen and box["x"] >= 0 and box["x"] + box["width"] <= screen["width"]
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    # A tap elsewhere hides it; tapping the term again shows it again (still the first tap).
    page.locator("article h1").tap()
    expect(page.locator(TOOLTIP)).to_have_count(0)
    link.tap()
    expect(tooltip_of(page, link)).to_be_visible()
    assert page.url == site_server.url + ARTICLE
    page.wait_for_timeout(500)  # a reader reads the tip before tapping again
    link.tap()
    page.wait_for_url(href)
    assert errors == []
    context.close()
