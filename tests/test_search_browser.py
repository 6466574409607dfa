"""The search box in Chromium: focused answers with previews, an honest count, the
no-result state, the keyboard, instant navigation and a phone. (Search under the CSP and
axe with the search open are in test_privacy.py and test_a11y.py.)"""

from __future__ import annotations

import re

import pytest
from conftest import Build, SiteServer
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _site(built_site: Build) -> Build:
    """The real site, built once, behind ``site_server``."""
    return built_site


def search(page: Page, query: str) -> None:
    toggle = page.locator("label.md-header__button[for='__search']")
    if toggle.is_visible():
        toggle.click()
    box = page.locator("input.md-search__input")
    box.click()
    expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile("Initializing"), timeout=15_000)
    box.fill("")
    box.press_sequentially(query, delay=5)


def test_answers_are_focused_with_previews_and_an_honest_count(page: Page, site_server: SiteServer) -> None:
    page.goto(site_server.url + "freelancer/end-hourly/")
    search(page, "will a client who ghosted me affect my JSS?")
    items = page.locator(".md-search-result__item")
    expect(items.first).to_be_visible(timeout=10_000)
    hrefs = [a.get_attribute("href") or "" for a in page.locator("a.md-search-result__link").all()[:3]]
    assert any("#" in h for h in hrefs)  # sections, one per item, not pages grouped
    assert items.first.locator(".hb-search-result__preview").inner_text().strip()
    count = items.count()
    meta = page.locator(".md-search-result__meta").inner_text()
    assert meta == f"{count} matching documents" and 1 < count <= 20
    previews = " ".join(items.locator(".hb-search-result__preview").all_inner_texts())
    assert "client ghosted me;" not in previews  # never an alias list


def test_nothing_matched_offers_the_pages_to_start_from(page: Page, site_server: SiteServer) -> None:
    page.goto(site_server.url)
    search(page, "qwxzv plmkjh")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text("No matching documents", timeout=10_000)
    assert page.locator("a.md-search-result__link").count() == 0
    links = page.locator(".hb-search-none a")
    hrefs = [re.sub(r"^https?://[^/]+/", "", h or "") for h in (a.get_attribute("href") for a in links.all())]
    assert {"freelancer/", "client/", "faq/", "checklists/"} <= set(hrefs)
    for href in hrefs:
        assert page.request.get(site_server.url + href).ok, href
    links.first.click()
    page.wait_for_url(re.compile(re.escape(hrefs[0]) + "$"))


def test_keyboard_moves_through_answers_and_enter_opens_the_best(page: Page, site_server: SiteServer) -> None:
    page.goto(site_server.url)
    search(page, "escrow refund request")
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    # the list for the whole query, not one for a half-typed word that is about to be replaced
    expect(first).to_have_attribute("href", re.compile(r"h=escrow\+refund\+request"), timeout=10_000)
    href = first.get_attribute("href") or ""
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == href
    page.locator("input.md-search__input").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(href.split("?")[0].split("#")[0] + "**")


def test_a_site_term_is_marked_on_the_answer_word_by_word(page: Page, site_server: SiteServer) -> None:
    """"Job Success Score" is one word to the engine; the page it opens marks its words."""
    page.goto(site_server.url)
    search(page, "job success score job")
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    expect(first).to_have_attribute("href", re.compile(r"h=job\+success\+score(&|#|$)"), timeout=10_000)


def test_a_query_before_the_box_is_focused_is_answered(page: Page, site_server: SiteServer) -> None:
    """The worker indexes on first use (the box's focus, or the first query): a query
    that reaches it before any focus is answered too."""
    page.goto(site_server.url + "faq/")
    page.wait_for_function("window.__handbookSearch && window.__handbookSearch.ready", timeout=15_000)
    found = page.evaluate(
        """() => new Promise((resolve) => {
            const hub = window.__handbookSearch;
            hub.worker.addEventListener("message", (ev) => {
                const m = ev.data || {};
                if (m.type === "handbook-result" && m.data.query === "escrow refund request") resolve(m.data.items.length);
            });
            hub.worker.postMessage({ type: 2, data: "escrow refund request" });
            setTimeout(() => resolve(-1), 10000);  // no answer at all
        })"""
    )
    assert found > 0


def test_search_works_after_instant_navigation_with_one_worker(page: Page, site_server: SiteServer) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site_server.url)
    page.locator("a[href$='/faq/']:visible").first.click()
    page.wait_for_url("**/faq/")
    search(page, "partial refund")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert sum("assets/search/worker.js" in u for u in requests) == 1
    assert sum("search_index.json" in u for u in requests) == 1
    assert all(u.startswith(site_server.url) or u.startswith("data:") for u in requests)


def test_search_on_a_phone(browser, site_server: SiteServer) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_server.url + "basics/feedback/")
    search(page, "cancel contract")
    first = page.locator(".md-search-result__item").first
    expect(first).to_be_visible(timeout=10_000)
    # Material's search overlay grows while it animates open; once it has settled, every
    # answer fits the phone's width (fails by timeout if one never does).
    page.wait_for_function(
        """width => [...document.querySelectorAll('.md-search-result__item')]
                     .every(li => li.getBoundingClientRect().right <= width)""",
        arg=PHONE["width"],
        timeout=5_000,
    )
    box = first.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]
    context.close()
