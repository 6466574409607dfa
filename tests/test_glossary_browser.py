"""Glossary links in a browser: the definition shows on keyboard focus and stays out of the name."""

from __future__ import annotations

import pytest
from conftest import ROOT, Build, SiteServer
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_keyboard_focus_shows_the_definition_without_renaming_the_link(
    page: Page, built_site: Build, site_server: SiteServer
):
    if not (ROOT / "docs/glossary.md").exists():
        pytest.skip("docs/glossary.md is not written yet")
    page.goto(site_server.url + "freelancer/end-hourly/")
    link = page.locator("article a.glossary-link").first
    text = link.inner_text()
    title = link.get_attribute("title")
    assert title and len(title) >= 10
    page.keyboard.press("Tab")  # a keyboard interaction first, so focus() counts as focus-visible
    link.focus()
    shown = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert title in shown
    # The accessible name is still the term itself; the definition is its description.
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "article a.glossary-link"})
    ax = cdp.send(
        "Accessibility.getPartialAXTree", {"nodeId": node["nodeId"], "fetchRelatives": False}
    )
    assert ax["nodes"][0]["name"]["value"] == text
    assert ax["nodes"][0]["description"]["value"] == title
    link.blur()
    assert link.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")
