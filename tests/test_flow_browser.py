"""The question flow, deadline timelines and "Part of" boxes in Chromium: every path of the
flow answered in place (and reached by plain links without JavaScript), Back and shared
addresses, the keyboard, axe, and the timeline's dates against hand-computed cases with a
fixed clock, across a month end, a daylight-saving change and time zones east and west of UTC,
with the .ics file read back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import flow
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import Build, SiteServer
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
LOADED = flow.parse((ROOT / "docs" / flow.FLOW_PATH).read_text(encoding="utf-8"), today=dt.date(2026, 12, 5))
assert LOADED.flow is not None
TITLES = {o.id: o.title for o in LOADED.flow.outcomes}
STEPS = {o.id: len(o.steps) for o in LOADED.flow.outcomes}
FLOW = "what-should-i-do/"


@pytest.fixture
def new_page(browser: Browser, built_site: Build) -> Iterator:  # type: ignore[type-arg]
    """A page in a fresh context (time zone, locale, JavaScript, viewport as asked) that
    records errors and any request leaving the site."""
    opened: list[BrowserContext] = []

    def make(**options: object) -> Page:
        ctx = browser.new_context(**{"locale": "en-US", **options})  # type: ignore[arg-type]
        opened.append(ctx)
        page = ctx.new_page()
        page.errors = []  # type: ignore[attr-defined]
        page.on("pageerror", lambda e: page.errors.append(str(e)))  # type: ignore[attr-defined]
        page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))  # type: ignore[attr-defined]
        page.on(
            "request",
            lambda r: (
                r.url.startswith(("http://127.0.0.1", "blob:", "data:"))
                or page.errors.append("off-site request: " + r.url)
            ),  # type: ignore[attr-defined]
        )
        return page

    yield make
    for ctx in opened:
        ctx.close()


def violations(page: Page) -> list[str]:
    # Material fades the header's title between the site's and the page's name when the
    # page scrolls: axe must read the colours it settles on, not a frame of the fade.
    page.wait_for_function("() => document.getAnimations().every((a) => a.playState !== 'running')")
    found = Axe().run(page).response["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in found]


# --------------------------------------------------------------------------- the flow


def test_every_path_answers_in_place_with_focus_announcement_and_address(
    new_page, site_server: SiteServer
) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    page.goto(site_server.url + FLOW)
    live = page.locator("[data-flow-live]")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(page.locator('[data-q="role"]')).to_be_visible()
    expect(page.locator('[data-q="contract"]')).to_be_hidden()
    previous: tuple[tuple[str, str], ...] = ()
    for path, outcome in LOADED.paths.items():  # in order: click only where the path differs
        same = next(
            (n for n, (a, b) in enumerate(zip(path, previous, strict=False)) if a != b), len(previous)
        )
        for question, answer in path[same:]:
            page.click(f'[data-q="{question}"] [data-a="{answer}"]')
        previous = path
        state = page.evaluate(
            """() => ({
              focus: document.activeElement.id,
              shown: [...document.querySelectorAll('[data-outcome]')].filter(s => !s.hidden).map(s => s.dataset.outcome),
              live: document.querySelector('[data-flow-live]').textContent,
              pressed: [...document.querySelectorAll('[aria-pressed="true"]')]
                .map(b => b.closest('[data-q]').dataset.q + '=' + b.dataset.a),
              steps: [...document.querySelectorAll('[data-outcome]:not([hidden]) ol a')].length,
            })"""
        )
        assert state == {
            "focus": f"answer-{outcome}",
            "shown": [outcome],
            "live": "Your answer: " + TITLES[outcome],
            "pressed": [f"{q}={a}" for q, a in path],
            "steps": STEPS[outcome],
        }, path
        assert parse_qsl(urlsplit(page.url).query) == list(path)
    # Money answers depend on the contract: hourly offers this week / last week / paid only.
    page.click('[data-q="contract"] [data-a="hourly"]')
    offered = page.eval_on_selector_all(
        '[data-q="money"] [data-a]', "all => all.filter(b => !b.hidden).map(b => b.dataset.a)"
    )
    assert offered == ["this-week", "in-review", "paid"]
    expect(page.locator('[data-q="money"]')).to_be_focused()
    expect(live).to_have_text("Next question: Where is the money now?")
    assert page.errors == []  # type: ignore[attr-defined]


def test_back_forward_and_a_shared_address(new_page, site_server: SiteServer) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    page.goto(site_server.url + FLOW)
    for question, answer in (
        ("role", "client"),
        ("contract", "hourly"),
        ("money", "in-review"),
        ("situation", "disagree"),
    ):
        page.click(f'[data-q="{question}"] [data-a="{answer}"]')
    result = page.locator('[data-outcome="client-hourly-disagree-review"]')
    expect(result).to_be_visible()
    page.go_back()
    expect(result).to_be_hidden()
    expect(page.locator('[data-q="situation"]')).to_be_focused()
    expect(page.locator('[data-q="situation"] [aria-pressed="true"]')).to_have_count(0)
    page.go_back()
    expect(page.locator('[data-q="situation"]')).to_be_hidden()
    expect(page.locator('[data-q="money"]')).to_be_focused()
    page.go_forward()
    page.go_forward()
    expect(result).to_be_visible()
    shared = page.url
    # Start again clears the answers; the shared address brings the answer back.
    page.click("[data-flow-restart]")
    expect(page.locator('[data-q="role"]')).to_be_focused()
    assert urlsplit(page.url).query == ""
    other = new_page()
    other.goto(shared)
    expect(other.locator('[data-outcome="client-hourly-disagree-review"]')).to_be_visible()
    # A broken or stale address keeps the answers that still lead somewhere.
    other.goto(site_server.url + FLOW + "?role=client&contract=nonsense&money=paid")
    expect(other.locator('[data-q="contract"]')).to_be_visible()
    expect(other.locator('[data-q="money"]')).to_be_hidden()
    expect(other.locator('[data-q="role"] [aria-pressed="true"]')).to_have_attribute("data-a", "client")
    assert page.errors == [] and other.errors == []  # type: ignore[attr-defined]


def test_the_keyboard_alone_reaches_an_answer(new_page, site_server: SiteServer) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    page.goto(site_server.url + FLOW)
    for _ in range(80):  # from the top of the page, through the header and the menu
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.a") == "freelancer":
            break
    else:
        pytest.fail("Tab never reached the first answer")
    assert page.evaluate("document.activeElement.matches(':focus-visible')")
    page.keyboard.press("Enter")
    for answer in ("fixed-price", "submitted", "silent"):
        expect(page.locator("fieldset:focus")).to_have_count(1)
        page.keyboard.press("Tab")
        while page.evaluate("document.activeElement.dataset.a") != answer:
            page.keyboard.press("Tab")
        page.keyboard.press("Space" if answer == "submitted" else "Enter")
    expect(page.locator("#answer-freelancer-fixed-in-review")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('[data-outcome]').dataset.outcome") == (
        "freelancer-fixed-in-review"
    )


def test_without_javascript_plain_links_reach_every_outcome(new_page, site_server: SiteServer) -> None:  # type: ignore[no-untyped-def]
    page = new_page(java_script_enabled=False)
    page.goto(site_server.url)
    expect(page.locator(".flow-start a")).to_be_visible()
    page.locator(".flow-start a").click()
    page.wait_for_url("**/" + FLOW)
    expect(page.locator("[data-flow]")).to_be_hidden()
    expect(page.locator("[data-outcome]").first).to_be_hidden()
    links = page.eval_on_selector_all(
        "article a",
        "(all, base) => [...new Set(all.map(a => a.href).filter(h => /^[a-z]/.test(h.slice(base.length))"
        " && h.startsWith(base)))]",
        site_server.url + FLOW,
    )
    reached = {}
    for href in links:
        page.goto(href)
        reached[href.rstrip("/").rsplit("/", 1)[-1]] = page.locator("h1").evaluate(
            "h => h.firstChild.textContent"
        )
        expect(page.locator("h2", has_text="What to do, in order")).to_be_visible()
        assert page.locator("article ol").first.locator("a").count() >= 1
    assert reached == TITLES
    # The deadlines read as rules without JavaScript; the date fields stay hidden.
    page.goto(site_server.url + FLOW + "client-fixed-silent-escrow/")
    expect(page.locator("[data-timeline] li").first).to_contain_text("7 days after the end of the contract")
    expect(page.locator("[data-timeline] [data-date]")).to_be_hidden()


def test_axe_finds_nothing_on_the_flow_an_outcome_and_a_page_of_a_journey(
    new_page, site_server: SiteServer
) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    found = {}
    page.goto(site_server.url + FLOW)
    found["flow"] = violations(page)
    page.goto(site_server.url + FLOW + "?role=client&contract=fixed-price&money=escrow&situation=leave")
    expect(page.locator('[data-outcome="client-fixed-leave-escrow"]')).to_be_visible()
    found["flow answered"] = violations(page)
    page.goto(site_server.url + FLOW + "client-fixed-leave-escrow/")
    page.locator("[data-date]").first.fill("2026-05-29")
    expect(page.locator("[data-when] time").first).to_be_visible()
    found["outcome"] = violations(page)
    page.goto(site_server.url + "client/end-a-contract/")  # two journeys: two folded boxes
    page.locator(".journey summary").first.click()
    found["journey box"] = violations(page)
    page.goto(site_server.url + "step-by-step/freelancer-hourly/")
    found["journey page"] = violations(page)
    dark = new_page(color_scheme="dark")
    dark.goto(site_server.url + "checklists/freelancer-end-hourly/")
    dark.locator("[data-date]").first.fill("2026-04-30")
    found["checklist with dates, dark"] = violations(dark)
    assert all(not v for v in found.values()), found


def test_part_of_boxes_mark_the_step_and_leave_print(new_page, site_server: SiteServer) -> None:  # type: ignore[no-untyped-def]
    page = new_page()
    page.goto(site_server.url + "freelancer/end-hourly/")
    box = page.locator(".journey")
    expect(box).to_have_attribute("data-search-exclude", "")
    expect(box.locator("details[open] summary")).to_have_text(
        "Part of: Ending an hourly contract as a freelancer (step 1, 4, 5 of 7)"
    )
    expect(box.locator("[aria-current=step]")).to_have_count(3)
    page.emulate_media(media="print")
    expect(box).to_be_hidden()
    # An outcome prints its answer, steps and worked-out dates, without the controls.
    page.emulate_media(media="screen")
    page.goto(site_server.url + FLOW + "freelancer-fixed-paid/")
    page.locator("[data-date]").first.fill("2026-07-01")
    page.emulate_media(media="print")
    expect(page.locator("[data-when] time").first).to_be_visible()
    expect(page.locator(".timeline__form").first).to_be_hidden()
    expect(page.locator("[data-ics]").first).to_be_hidden()
    expect(page.locator(".flow-more")).to_be_hidden()


def test_the_home_page_offers_the_flow_on_its_first_screen_at_390_px(
    new_page, site_server: SiteServer
) -> None:  # type: ignore[no-untyped-def]
    page = new_page(viewport={"width": 390, "height": 844})
    page.goto(site_server.url)
    link = page.locator(".flow-start a")
    expect(link).to_be_visible()
    box = link.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 844


# --------------------------------------------------------------------------- the timeline


def dated(page: Page, timeline: str) -> list[tuple[str, str]]:
    """Each deadline of a timeline: its <time datetime> and the text beside it."""
    return page.eval_on_selector_all(
        f'[data-timeline*=\'"id":"{timeline}"\'] [data-when]',
        "all => all.map(w => [w.querySelector('time').getAttribute('datetime'), w.textContent])",
    )


def enter(page: Page, timeline: str, day: str, time: str | None = None) -> None:
    root = page.locator(f'[data-timeline*=\'"id":"{timeline}"\']')
    if time is not None:
        root.locator("[data-time]").fill(time)
    root.locator("[data-date]").fill(day)
    expect(root.locator("[data-live]")).to_contain_text("dates worked out")


def test_west_of_utc_across_a_month_end_and_the_spring_clock_change(
    new_page, site_server: SiteServer
) -> None:  # type: ignore[no-untyped-def]
    page = new_page(timezone_id="America/New_York")
    page.clock.set_fixed_time(dt.datetime(2026, 3, 12, 12, 0, tzinfo=dt.UTC))
    page.goto(site_server.url + FLOW + "freelancer-fixed-in-review/")
    # Submitted Wed 25 Feb 2026, 09:30 EST (14:30 UTC). 14 days later the US is on summer time
    # (8 March): the same instant is 10:30 EDT on Wed 11 March; 5 days after that, 16 March.
    enter(page, "fixed-review", "2026-02-25", "09:30")
    (release, release_text), (available, available_text) = dated(page, "fixed-review")
    assert (release, available) == ("2026-03-11T14:30Z", "2026-03-16T14:30Z")
    assert "Wed, Mar 11, 2026, 10:30 AM EDT" in release_text
    assert "(Wed, Mar 11, 2026, 02:30 PM UTC)" in release_text and "passed" in release_text
    assert "Mon, Mar 16, 2026, 10:30 AM EDT" in available_text and "passed" not in available_text
    # Saved as an .ics file, built in the page.
    with page.expect_download() as download:
        page.locator('[data-timeline*=\'"id":"fixed-review"\'] [data-ics]').click()
    assert download.value.suggested_filename == "fixed-review.ics"
    raw = Path(download.value.path()).read_bytes()
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    ics = raw.decode().replace("\r\n ", "")  # unfold
    lines = ics.split("\r\n")
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"] and lines[-2] == "END:VCALENDAR"
    assert [line for line in lines if line.startswith("DTSTART")] == [
        "DTSTART:20260311T143000Z",
        "DTSTART:20260316T143000Z",
    ]
    assert lines.count("DTSTAMP:20260312T120000Z") == 2
    assert "SUMMARY:Automatic release" in lines and lines.count("TRIGGER:-P1D") == 2
    assert any(line.startswith("DESCRIPTION:If the client has neither released") for line in lines)
    assert page.errors == []  # type: ignore[attr-defined]


def test_east_of_utc_the_hourly_week_and_feedback_across_month_ends(
    new_page, site_server: SiteServer
) -> None:  # type: ignore[no-untyped-def]
    page = new_page(timezone_id="Asia/Tokyo", locale="en-GB")
    page.clock.set_fixed_time(dt.datetime(2026, 5, 6, 0, 0, tzinfo=dt.UTC))
    page.goto(site_server.url + FLOW + "freelancer-hourly-log-first/")
    # Hours worked in the week of Thu 30 April 2026: the UTC week Mon 27 April to Sun 3 May.
    enter(page, "hourly-week", "2026-04-30")
    week = dated(page, "hourly-week")
    assert [d for d, _ in week] == [
        "2026-05-04T11:59Z",
        "2026-05-04T12:00Z",
        "2026-05-08T23:59Z",
        "2026-05-13",
    ]
    assert "Mon, 4 May 2026, 20:59 GMT+9" in week[0][1] and "passed" in week[0][1]
    assert "Sat, 9 May 2026, 08:59 GMT+9" in week[2][1]  # Friday 23:59 UTC is Saturday morning in Tokyo
    assert "(Fri, 8 May 2026, 23:59 UTC)" in week[2][1] and "passed" not in week[2][1]
    assert "Wed, 13 May 2026 (the whole day, UTC)" in week[3][1]
    enter(page, "hourly-week", "2026-05-03")  # a Sunday: the same billing week
    assert dated(page, "hourly-week") == week
    # Ended Sun 31 May, 08:00 in Tokyo: still Sat 30 May in UTC. The window closes at 23:59
    # UTC on the 14th day after, 13 June: Sunday morning in Tokyo.
    enter(page, "feedback", "2026-05-31", "08:00")
    [(closes, text)] = dated(page, "feedback")
    assert closes == "2026-06-13T23:59Z" and "Sun, 14 Jun 2026, 08:59 GMT+9" in text
    with page.expect_download() as download:
        page.locator('[data-timeline*=\'"id":"hourly-week"\'] [data-ics]').click()
    assert "DTSTART;VALUE=DATE:20260513" in Path(download.value.path()).read_text()


def test_business_days_skip_the_weekend_and_the_date_is_kept(new_page, site_server: SiteServer) -> None:  # type: ignore[no-untyped-def]
    page = new_page(timezone_id="Europe/London", locale="en-GB")
    page.clock.set_fixed_time(dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC))
    page.goto(site_server.url + FLOW + "client-fixed-silent-escrow/")
    # Ended Fri 29 May 2026, 10:00 BST (09:00 UTC): 7 calendar days to answer (Fri 5 June);
    # the refund arrives at most 5 business days later (Mon 8 to Fri 12 June); feedback closes
    # 14 days after 29 May at 23:59 UTC, which is already 13 June in London.
    enter(page, "escrow-refund", "2026-05-29", "10:00")
    assert [d for d, _ in dated(page, "escrow-refund")] == [
        "2026-06-05T09:00Z",
        "2026-06-12T09:00Z",
        "2026-06-12T23:59Z",
    ]
    assert "Sat, 13 Jun 2026, 00:59 BST" in dated(page, "escrow-refund")[2][1]
    page.reload()
    assert page.locator("[data-date]").input_value() == "2026-05-29"
    assert page.locator("[data-time]").input_value() == "10:00"
    assert dated(page, "escrow-refund")[0][0] == "2026-06-05T09:00Z"
    # The same clock beside the checklist: the date entered here is there already.
    page.goto(site_server.url + "checklists/client-end-fixed-price/")
    assert dated(page, "escrow-refund")[1][0] == "2026-06-12T09:00Z"
    assert page.errors == []  # type: ignore[attr-defined]


def test_dates_work_when_storage_is_blocked(new_page, site_server: SiteServer) -> None:  # type: ignore[no-untyped-def]
    page = new_page(timezone_id="UTC")
    page.add_init_script(
        "const read = Storage.prototype.getItem;"
        "Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };"
        "Storage.prototype.getItem = function (key) {"
        "  if (String(key).startsWith('flow-date:')) throw new DOMException('blocked', 'SecurityError');"
        "  return read.call(this, key);"
        "};"
    )
    page.goto(site_server.url + "checklists/freelancer-end-fixed-price/")
    enter(page, "fixed-review", "2026-10-20", "12:00")
    assert dated(page, "fixed-review")[0][0] == "2026-11-03T12:00Z"
    # The other timeline with the same clock on this page follows in memory.
    enter(page, "escrow-refund", "2026-10-20")
    assert page.errors == []  # type: ignore[attr-defined]
