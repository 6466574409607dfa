"""Smoke test in a real browser: the site loads, search works, nothing leaves 127.0.0.1."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from conftest import Build, SiteServer
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_home_loads_search_works_and_no_request_leaves_the_site(
    page: Page, built_site: Build, site_server: SiteServer
) -> None:
    own = urlparse(site_server.url).netloc
    foreign: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: urlparse(r.url).netloc not in (own, "") and foreign.append(r.url))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))

    page.goto(site_server.url)
    expect(page.locator("h1").first).to_be_visible()

    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("work diary", delay=40)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    # Results refresh as keys arrive: wait for one that has both words together.
    matching = results.filter(has_text=re.compile(r"work diary", re.IGNORECASE))
    expect(matching.first).to_be_visible(timeout=10_000)

    page.wait_for_load_state("networkidle")
    assert foreign == [], f"requests left the site: {foreign}"
    assert errors == [], f"console errors: {errors}"
