"""Message templates in a real browser: fill once, every message filled; Copy gives clean text.

The clipboard is read back (the context is granted clipboard permissions). The builder's
values stay in this browser (localStorage, "template-fields"), survive a reload, and still
fill the page when storage is blocked. Nothing scrolls sideways on a 390 px phone.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import Build, SiteServer
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

URL = "templates/"
CLOSING = "#closing-a-finished-job-freelancer"
VALUES = {"their-name": "Sam Ortiz", "your-name": "Ana Lee", "project": "the logo redesign"}


def context(browser: Browser, server: SiteServer, **options: object) -> BrowserContext:
    ctx = browser.new_context(**options)  # type: ignore[arg-type]
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url.rstrip("/"))
    return ctx


def open_page(page: Page, server: SiteServer, errors: list[str]) -> None:
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(server.url + URL)
    expect(page.locator("[data-builder]")).to_be_visible()


def fill_in(page: Page) -> None:
    for key, value in VALUES.items():
        page.fill(f'[data-builder] input[data-fill="{key}"]', value)


def message_after(page: Page, heading: str, tab: int = 0):  # type: ignore[no-untyped-def]
    """The n-th message (one per tab) in the section under ``heading``."""
    return page.locator(
        f"xpath=//h2[@id='{heading[1:]}']/following::blockquote[contains(@class,'message')][{tab + 1}]"
    )


def test_fill_once_and_every_template_is_filled_and_kept(
    browser: Browser, built_site: Build, site_server: SiteServer
) -> None:
    ctx = context(browser, site_server)
    page = ctx.new_page()
    errors: list[str] = []
    open_page(page, site_server, errors)
    blanks = page.locator('.fill[data-fill="their-name"]')
    assert blanks.count() >= 13
    expect(blanks.first).to_have_text("[their name]")
    fill_in(page)
    for key, value in VALUES.items():
        texts = page.locator(f'.fill[data-fill="{key}"]').all_inner_texts()
        assert texts and set(texts) == {value}, key
    # A field left empty keeps its blank.
    expect(page.locator('.fill[data-fill="amount"]').first).to_have_text("[amount]")
    stored = json.loads(page.evaluate("localStorage.getItem('template-fields')"))
    assert stored == VALUES

    page.reload()
    expect(page.locator("[data-builder]")).to_be_visible()
    expect(page.locator('[data-builder] input[data-fill="their-name"]')).to_have_value("Sam Ortiz")
    assert set(page.locator('.fill[data-fill="their-name"]').all_inner_texts()) == {"Sam Ortiz"}

    # Clearing the field brings the blank back; "Clear my details" empties everything.
    page.fill('[data-builder] input[data-fill="project"]', "")
    expect(page.locator('.fill[data-fill="project"]').first).to_have_text("[project]")
    page.locator("[data-builder-clear]").click()
    expect(page.locator('.fill[data-fill="their-name"]').first).to_have_text("[their name]")
    expect(page.locator('[data-builder] input[data-fill="your-name"]')).to_have_value("")
    assert json.loads(page.evaluate("localStorage.getItem('template-fields')")) == {}
    assert errors == []
    ctx.close()


def test_copy_puts_the_filled_message_on_the_clipboard_as_clean_paragraphs(
    browser: Browser, built_site: Build, site_server: SiteServer
) -> None:
    ctx = context(browser, site_server)
    page = ctx.new_page()
    errors: list[str] = []
    open_page(page, site_server, errors)
    fill_in(page)
    message = message_after(page, CLOSING)
    copy = message.locator("xpath=following-sibling::p[1]//button[@data-copy]")
    expect(copy).to_have_text("Copy message")
    status = message.locator("xpath=following-sibling::p[1]//*[@data-copy-status]")
    expect(status).to_have_attribute("aria-live", "polite")
    copy.click()
    expect(status).to_have_text("Copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    paragraphs = copied.split("\n\n")
    assert paragraphs[0] == "Hi Sam Ortiz,"
    assert paragraphs[-1] == "Best regards, Ana Lee"
    assert "Thank you for working with me on the logo redesign." in copied
    assert "[what you delivered]" in copied, "a blank with no field stays visible in brackets"
    assert re.search(r"\b\d+ days to leave feedback", copied), "facts copy as their values"
    assert all(p and "\n" not in p and "  " not in p and p == p.strip() for p in paragraphs)
    assert "[[" not in copied and "Copy message" not in copied
    # The same as the message on screen, paragraph for paragraph.
    shown = [" ".join(t.split()) for t in message.locator("p").all_inner_texts()]
    assert paragraphs == shown

    # The hourly version, in its own tab, copies without the fixed-price sentence.
    page.locator(f"xpath=//h2[@id='{CLOSING[1:]}']/following::label[normalize-space()='Hourly'][1]").click()
    hourly = message_after(page, CLOSING, 1)
    expect(hourly).to_be_visible()
    hourly.locator("xpath=following-sibling::p[1]//button[@data-copy]").click()
    text = page.evaluate("navigator.clipboard.readText()")
    assert "Work Diary" in text and "escrow" not in text
    assert errors == []
    ctx.close()


def test_readable_on_a_phone_without_sideways_scrolling(
    browser: Browser, built_site: Build, site_server: SiteServer
) -> None:
    ctx = context(browser, site_server, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = ctx.new_page()
    errors: list[str] = []
    open_page(page, site_server, errors)
    fill_in(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for message in page.locator("blockquote.message").all():
        if message.is_visible():
            assert message.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
            box = message.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    # The index comes before the builder and the first template.
    index = page.locator("#pick-your-situation").bounding_box()
    builder = page.locator("[data-builder]").bounding_box()
    assert index and builder and index["y"] < builder["y"]
    copy = page.locator("button[data-copy]").first
    copy.scroll_into_view_if_needed()
    assert (copy.bounding_box() or {}).get("height", 0) >= 44
    assert errors == []
    ctx.close()


def test_blocked_storage_still_fills_the_page_and_says_so(
    browser: Browser, built_site: Build, site_server: SiteServer
) -> None:
    ctx = context(browser, site_server)
    ctx.add_init_script(
        "const read = Storage.prototype.getItem;"
        "Storage.prototype.setItem = () => { throw new DOMException('blocked', 'SecurityError'); };"
        "Storage.prototype.getItem = function (key) {"
        "  if (key === 'template-fields') throw new DOMException('blocked', 'SecurityError');"
        "  return read.call(this, key);"
        "};"
    )
    page = ctx.new_page()
    errors: list[str] = []
    open_page(page, site_server, errors)
    fill_in(page)
    assert set(page.locator('.fill[data-fill="their-name"]').all_inner_texts()) == {"Sam Ortiz"}
    expect(page.locator("[data-builder-status]")).to_contain_text("not saving your details")
    assert errors == []
    ctx.close()


def test_without_javascript_the_blanks_read_as_brackets_and_no_dead_controls(
    browser: Browser, built_site: Build, site_server: SiteServer
) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(site_server.url + URL)
    expect(page.locator("[data-builder]")).to_be_hidden()
    for button in page.locator("button[data-copy]").all():
        expect(button).to_be_hidden()
    first = message_after(page, CLOSING)
    expect(first).to_be_visible()
    expect(first.locator(".fill").first).to_have_text("[their name]")
    ctx.close()
