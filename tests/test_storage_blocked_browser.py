"""The site with site storage blocked (a browser set to block site data, some private
modes): reading ``window.localStorage`` throws a SecurityError.

Material's inline storage helpers (our copy: overrides/partials/javascripts/base.html)
must not let that escape: search still answers, the palette toggle still switches,
no page error. The checklists keep ticks for the visit and say so.
"""

from __future__ import annotations

import pytest
from conftest import Build, SiteServer
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

BLOCK_STORAGE = """
for (const name of ['localStorage', 'sessionStorage']) {
  Object.defineProperty(window, name, {
    configurable: true,
    get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
  });
}
"""


def test_search_and_palette_work_with_storage_blocked(
    browser: Browser, built_site: Build, site_server: SiteServer
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(BLOCK_STORAGE)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(site_server.url + "freelancer/end-hourly/")
    probe = "(() => { try { localStorage; return 'open'; } catch (e) { return e.name; } })()"
    assert page.evaluate(probe) == "SecurityError"

    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("escrow", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    page.keyboard.press("Escape")

    body = page.locator("body")
    before = body.get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(body).not_to_have_attribute("data-md-color-scheme", before or "")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    expect(body).to_have_attribute("data-md-color-scheme", before or "")

    # The checklist on the page still ticks, and tells the reader the ticks won't be kept.
    root = page.locator("[data-checklist]").first
    expect(root).to_have_attribute("data-ready", "")
    root.locator("input[data-item]").first.check()
    progress = root.locator("[data-checklist-progress]")
    expect(progress).to_contain_text("1 of ")
    expect(progress).to_contain_text("kept only until you close this page")
    expect(root.locator(".checklist__note")).to_be_hidden()
    assert errors == [], errors
    context.close()
