"""Checklists in a real browser: ticks kept and shared, progress, reset, print, no-JS, a11y.

Storage faults: blocked or full storage keeps ticks for the visit and says so in the
progress line (aria-live); two tabs never undo each other's ticks (storage is the
source of truth, and the ``storage`` event redraws the other tab); stored values
that are not a list tick nothing. "Print" calls window.print() and prints only its
own checklist; glossary links print without their address.
"""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import Build, SiteServer
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

ID = "freelancer-end-hourly"
ROOT = f'[data-checklist="{ID}"]'
BOX = ROOT + ' input[data-item="{}"]'
NOT_SAVED = "This browser is not saving your ticks: they are kept only until you close this page."
#: window.print() stubbed: counts calls and records the classes in force when it ran.
STUB_PRINT = (
    "window.__printed = 0; window.print = () => { window.__printed += 1; "
    "window.__printClasses = document.documentElement.className; };"
)


def open_checklist(page: Page, server: SiteServer, errors: list[str] | None = None) -> None:
    if errors is not None:
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(server.url + f"checklists/{ID}/")
    expect(page.locator(ROOT)).to_have_attribute("data-ready", "")


def item_count(page: Page) -> int:
    return page.locator(ROOT + " input[data-item]").count()


def test_tick_survives_reload_and_progress_is_announced(
    page: Page, built_site: Build, site_server: SiteServer
) -> None:
    errors: list[str] = []
    open_checklist(page, site_server, errors)
    total = item_count(page)
    progress = page.locator(ROOT + " [data-checklist-progress]")
    expect(progress).to_have_attribute("aria-live", "polite")
    expect(progress).to_have_text(f"0 of {total} ticked on your list, {total} still open.")

    page.locator(
        f'label[for="cl-{ID}--log-remaining-time"]'
    ).click()  # clicking the text ticks the box
    page.check(BOX.format("talk-to-client"))
    expect(progress).to_have_text(f"2 of {total} ticked on your list, {total - 2} still open.")
    stored = page.evaluate(f"localStorage.getItem('checklist:{ID}')")
    assert sorted(json.loads(stored)) == ["log-remaining-time", "talk-to-client"]

    page.reload()
    expect(page.locator(ROOT)).to_have_attribute("data-ready", "")
    expect(page.locator(BOX.format("talk-to-client"))).to_be_checked()
    expect(page.locator(BOX.format("log-remaining-time"))).to_be_checked()
    expect(page.locator(BOX.format("deliver-work"))).not_to_be_checked()
    expect(progress).to_have_text(f"2 of {total} ticked on your list, {total - 2} still open.")
    assert errors == []


def test_reset_asks_first_and_clears_only_after_yes(
    page: Page, built_site: Build, site_server: SiteServer
) -> None:
    open_checklist(page, site_server)
    page.check(BOX.format("deliver-work"))
    answers = iter([False, True])
    messages: list[str] = []

    def answer(dialog) -> None:  # type: ignore[no-untyped-def]
        messages.append(dialog.message)
        dialog.accept() if next(answers) else dialog.dismiss()

    page.on("dialog", answer)
    reset = page.locator(ROOT + " [data-checklist-reset]")
    reset.click()
    expect(page.locator(BOX.format("deliver-work"))).to_be_checked()
    reset.click()
    expect(page.locator(BOX.format("deliver-work"))).not_to_be_checked()
    assert len(messages) == 2 and "this browser" in messages[0]
    assert json.loads(page.evaluate(f"localStorage.getItem('checklist:{ID}')")) == []


def test_ticks_follow_instant_navigation_to_an_article_that_embeds_the_list(
    page: Page, built_site: Build, site_server: SiteServer
) -> None:
    open_checklist(page, site_server)
    page.check(BOX.format("log-remaining-time"))
    page.evaluate("window.__samePage = 1")
    # The item's "why" links to the article, which embeds the same checklist.
    page.locator(ROOT + ' a[href$="freelancer/end-hourly/"]').first.click()
    page.wait_for_url("**/freelancer/end-hourly/")
    embedded = page.locator(ROOT)
    expect(embedded).to_have_attribute("data-ready", "")
    assert page.evaluate("window.__samePage") == 1, "Material's instant navigation did not engage"
    expect(page.locator(BOX.format("log-remaining-time"))).to_be_checked()
    expect(page.locator(BOX.format("talk-to-client"))).not_to_be_checked()
    # Ticking here shows on the checklist page too (back through instant navigation).
    page.check(BOX.format("talk-to-client"))
    page.go_back()
    page.wait_for_url(f"**/checklists/{ID}/")
    expect(page.locator(BOX.format("talk-to-client"))).to_be_checked()


def test_unknown_keys_in_storage_do_not_scramble_the_list(
    page: Page, built_site: Build, site_server: SiteServer
) -> None:
    page.goto(site_server.url)
    page.evaluate(
        f"localStorage.setItem('checklist:{ID}', JSON.stringify(['an-old-item', 'deliver-work']))"
    )
    open_checklist(page, site_server)
    total = item_count(page)
    expect(page.locator(BOX.format("deliver-work"))).to_be_checked()
    assert page.locator(ROOT + " input:checked").count() == 1
    expect(page.locator(ROOT + " [data-checklist-progress]")).to_contain_text(f"1 of {total}")
    page.check(BOX.format("end-contract"))
    stored = json.loads(page.evaluate(f"localStorage.getItem('checklist:{ID}')"))
    assert sorted(stored) == ["an-old-item", "deliver-work", "end-contract"]


def test_ticking_works_when_storage_throws(
    page: Page, built_site: Build, site_server: SiteServer
) -> None:
    # A full quota: every write throws. Reads of the checklist keys throw too (as in browsers
    # that block storage); other reads still work so that Material's own inline scripts,
    # which do not catch storage errors, keep running.
    page.add_init_script(
        "const read = Storage.prototype.getItem;"
        "Storage.prototype.setItem = () => { throw new DOMException('full', "
        "'QuotaExceededError'); };"
        "Storage.prototype.getItem = function (key) {"
        "  if (String(key).startsWith('checklist:')) throw new DOMException('blocked', "
        "'SecurityError');"
        "  return read.call(this, key);"
        "};"
    )
    errors: list[str] = []
    open_checklist(page, site_server, errors)
    total = item_count(page)
    page.check(BOX.format("deliver-work"))
    expect(page.locator(BOX.format("deliver-work"))).to_be_checked()
    expect(page.locator(ROOT + " [data-checklist-progress]")).to_have_text(
        f"1 of {total} ticked on your list, {total - 1} still open. {NOT_SAVED}"
    )
    expect(page.locator(ROOT + " .checklist__note")).to_be_hidden()
    page.uncheck(BOX.format("deliver-work"))
    expect(page.locator(ROOT + " [data-checklist-progress]")).to_contain_text(f"0 of {total}")
    assert errors == []


def test_print_media_drops_site_chrome_and_draws_boxes(
    page: Page, built_site: Build, site_server: SiteServer
) -> None:
    open_checklist(page, site_server)
    page.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-tabs",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-search",
        ROOT + " [data-checklist-print]",
        ROOT + " [data-checklist-reset]",
        ROOT + " [data-checklist-progress]",
    ):
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    expect(page.locator(ROOT + " input[data-item]").first).to_be_visible()
    style = page.locator(ROOT + " input[data-item]").first.evaluate(
        "el => { const s = getComputedStyle(el); return [s.appearance, s.borderTopWidth, "
        "s.borderTopStyle]; }"
    )
    assert style[0] == "none" and style[1] != "0px" and style[2] == "solid"
    # Link targets are printed after the link text.
    after = page.locator(ROOT + " .checklist__why a").first.evaluate(
        "el => getComputedStyle(el, '::after').content"
    )
    assert site_server.url in after


def test_without_javascript_a_readable_list_and_no_dead_controls(
    browser: Browser, built_site: Build, site_server: SiteServer
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_server.url + f"checklists/{ID}/")
    boxes = page.locator(ROOT + " input[data-item]")
    expect(boxes.first).to_be_visible()
    assert boxes.count() > 5
    for index in range(boxes.count()):
        expect(boxes.nth(index)).not_to_be_checked()
    for selector in (
        "[data-checklist-print]",
        "[data-checklist-reset]",
        "[data-checklist-progress]",
        ".checklist__note",
    ):
        expect(page.locator(ROOT + " " + selector)).to_be_hidden()
    expect(page.locator(ROOT + " a[data-checklist-pdf]")).to_have_count(2)
    expect(page.locator(ROOT + " a[data-checklist-pdf]").first).to_be_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_checklist_has_no_axe_violations(
    page: Page, built_site: Build, site_server: SiteServer, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)
    open_checklist(page, site_server)
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    page.check(BOX.format("deliver-work"))  # ticked items must keep their contrast too
    results = Axe().run(page, context=ROOT)
    assert results.violations_count == 0, results.generate_report()


def test_keyboard_and_touch_targets(page: Page, built_site: Build, site_server: SiteServer) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    open_checklist(page, site_server)
    first = page.locator(ROOT + " input[data-item]").first
    first.focus()
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    outline = first.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none", "focus must be visible"
    for _ in range(5):  # past the link in the first item's "why", to the next box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input[data-item]')"):
            break
    page.keyboard.press("Space")
    expect(page.locator(ROOT + " input[data-item]").nth(1)).to_be_checked()
    for label in page.locator(ROOT + " label").all():
        assert label.bounding_box()["height"] >= 44
    for control in page.locator(ROOT + " .checklist__actions .md-button").all():
        assert control.bounding_box()["height"] >= 44


def test_pdf_link_downloads_the_pdf(page: Page, built_site: Build, site_server: SiteServer) -> None:
    open_checklist(page, site_server)
    with page.expect_download() as download:
        page.locator(ROOT + " a[data-checklist-pdf]").first.click()
    assert download.value.suggested_filename == f"{ID}.pdf"
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


# ---------------------------------------------------------------- storage faults


def test_a_full_quota_says_ticks_last_only_until_the_page_closes(
    page: Page, built_site: Build, site_server: SiteServer
) -> None:
    page.goto(site_server.url)
    page.evaluate(f"localStorage.setItem('checklist:{ID}', JSON.stringify(['talk-to-client']))")
    page.add_init_script(
        "Storage.prototype.setItem = () => { throw new DOMException('full', "
        "'QuotaExceededError'); };"
    )
    errors: list[str] = []
    open_checklist(page, site_server, errors)
    total = item_count(page)
    progress = page.locator(ROOT + " [data-checklist-progress]")
    note = page.locator(ROOT + " .checklist__note")
    # Nothing failed yet: the earlier tick shows, and the usual note stands.
    expect(page.locator(BOX.format("talk-to-client"))).to_be_checked()
    expect(progress).not_to_contain_text(NOT_SAVED)
    expect(note).to_be_visible()

    page.check(BOX.format("deliver-work"))
    expect(progress).to_have_text(
        f"2 of {total} ticked on your list, {total - 2} still open. {NOT_SAVED}"
    )
    expect(note).to_be_hidden()  # it says "This browser keeps them"
    expect(page.locator(BOX.format("talk-to-client"))).to_be_checked()
    assert json.loads(page.evaluate(f"localStorage.getItem('checklist:{ID}')")) == [
        "talk-to-client"
    ]
    # True to the message: after a reload the unsaved tick is gone.
    page.reload()
    expect(page.locator(ROOT)).to_have_attribute("data-ready", "")
    expect(page.locator(BOX.format("deliver-work"))).not_to_be_checked()
    assert errors == []


def test_two_tabs_keep_each_others_ticks(
    browser: Browser, built_site: Build, site_server: SiteServer
) -> None:
    context = browser.new_context()
    errors: list[str] = []
    a, b = context.new_page(), context.new_page()
    open_checklist(a, site_server, errors)
    open_checklist(b, site_server, errors)
    a.check(BOX.format("talk-to-client"))
    # B sees A's tick without a reload (the storage event) ...
    expect(b.locator(BOX.format("talk-to-client"))).to_be_checked()
    b.check(BOX.format("deliver-work"))
    expect(a.locator(BOX.format("deliver-work"))).to_be_checked()
    # ... and A's next tick keeps B's.
    a.check(BOX.format("end-contract"))
    stored = json.loads(a.evaluate(f"localStorage.getItem('checklist:{ID}')"))
    assert sorted(stored) == ["deliver-work", "end-contract", "talk-to-client"]
    b.reload()
    expect(b.locator(ROOT)).to_have_attribute("data-ready", "")
    for key in stored:
        expect(b.locator(BOX.format(key))).to_be_checked()
    assert errors == []
    context.close()


@pytest.mark.parametrize("stored", ['{"a":1}', '"deliver-work"', "{not json", "42"])
def test_a_stored_value_that_is_not_a_list_ticks_nothing(
    page: Page, built_site: Build, site_server: SiteServer, stored: str
) -> None:
    page.goto(site_server.url)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [f"checklist:{ID}", stored])
    errors: list[str] = []
    open_checklist(page, site_server, errors)
    total = item_count(page)
    assert page.locator(ROOT + " input[data-item]:checked").count() == 0
    progress = page.locator(ROOT + " [data-checklist-progress]")
    expect(progress).to_have_text(f"0 of {total} ticked on your list, {total} still open.")
    page.check(BOX.format("talk-to-client"))
    assert json.loads(page.evaluate(f"localStorage.getItem('checklist:{ID}')")) == [
        "talk-to-client"
    ]
    expect(progress).not_to_contain_text(NOT_SAVED)
    assert errors == []


# ---------------------------------------------------------------- print


def test_print_under_an_article_prints_only_that_checklist(
    page: Page, built_site: Build, site_server: SiteServer
) -> None:
    page.add_init_script(STUB_PRINT)
    page.goto(site_server.url + "freelancer/end-hourly/")
    root = page.locator(ROOT)
    expect(root).to_have_attribute("data-ready", "")
    page.check(BOX.format("talk-to-client"))
    # A glossary link in a why-line (made here, so the test needs no particular wording).
    page.locator(ROOT + " .checklist__why").first.evaluate(
        "el => { const a = document.createElement('a'); a.className = 'glossary-link';"
        " a.href = '../../glossary/#escrow'; a.dataset.url = a.href; a.id = 'test-term';"
        " a.textContent = 'escrow'; el.append(' ', a); }"
    )
    root.locator("[data-checklist-print]").click()
    assert page.evaluate("window.__printed") == 1, "Print did not call window.print()"
    assert "checklist-print" in page.evaluate("window.__printClasses")

    page.emulate_media(media="print")
    expect(page.locator("article h1").first).to_be_hidden()
    expect(page.locator("article > p").first).to_be_hidden()
    expect(root.locator(".checklist__caption")).to_be_visible()
    expect(root.locator("input[data-item]").first).to_be_visible()
    expect(page.locator(BOX.format("talk-to-client"))).to_be_checked()
    link_after = "el => getComputedStyle(el, '::after').content"
    page_link = root.locator(".checklist__why a[data-url]:not(.glossary-link)").first
    assert site_server.url in page_link.evaluate(link_after)
    assert page.locator("#test-term").evaluate(link_after) in ("none", "normal", '""')

    # After printing, the whole article prints again (Ctrl+P).
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    expect(page.locator("article h1").first).to_be_visible()
    assert page.evaluate("document.documentElement.classList.contains('checklist-print')") is False
