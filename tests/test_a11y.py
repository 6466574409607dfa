
"""Accessibility in a real browser: axe-core finds nothing, the keyboard reaches everything.

* axe (axe-playwright-python, offline) on **every** built page in the light
  palette at desktop width, each page opened afresh, and in the dark palette at
  phone width, each page reached by Material's instant navigation as a reader who
  clicks through meets it; then on a representative set of pages in the other
  combinations and with the search dialog open. No rule is disabled:
  Material's own three violations are fixed in ``overrides/`` and ``site.css``.
* Keyboard: Tab from the top of a page reaches every visible control, each
  with a visible focus ring, and the skip link moves focus past the header.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import REPRESENTATIVE_PAGES, SiteServer
from playwright.sync_api import Browser, BrowserContext, Page

pytestmark = pytest.mark.browser

AXE = Axe()
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Pages whose markup differs (home cards, article, FAQ, checklist with
# checkboxes, glossary, 404); whichever of them exist are checked in every state.
REPRESENTATIVE = REPRESENTATIVE_PAGES


def representative(site_pages: list[str]) -> list[str]:
    chosen = [p for p in REPRESENTATIVE if p in site_pages]
    assert chosen, "none of the representative pages were built"
    return chosen


def describe(violations: list[dict]) -> str:  # type: ignore[type-arg]
    lines = []
    for v in violations:
        targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:4]]
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


def axe_violations(page: Page) -> list[dict]:  # type: ignore[type-arg]
    """axe's violations on the page; axe is loaded into a document once (it survives
    Material's instant navigation)."""
    if not page.evaluate("typeof axe === 'object'"):
        page.evaluate(AXE.axe_script)
    return page.evaluate("axe.run(document, { resultTypes: ['violations'] })")["violations"]


#: Counts Material's page swaps (``document$``); the count lives as long as the document.
_COUNT_SWAPS = "() => { window.__swaps = 0; document$.subscribe(() => { window.__swaps += 1; }); }"
#: Follows a link to the address, as a reader's click does (Material intercepts it).
_FOLLOW = """(url) => {
  const a = document.createElement('a');
  a.href = url;
  document.body.appendChild(a);
  a.click();
  a.remove();
}"""


def fresh_walk(page: Page, base: str, pages: list[str]) -> Iterator[str]:
    """Open each page afresh, as a reader arriving from elsewhere does."""
    for rel in pages:
        page.goto(base + rel)
        yield rel


def instant_walk(page: Page, base: str, pages: list[str]) -> Iterator[str]:
    """Open the first page, then reach each other one by Material's instant navigation
    (no new document: the counter set on the first one must see every step). Pages
    outside the sitemap (404.html) are opened afresh, as a reader reaches them."""
    linked = [rel for rel in pages if not rel.endswith(".html")]
    page.goto(base + linked[0])
    page.evaluate(_COUNT_SWAPS)
    yield linked[0]
    for rel in linked[1:]:
        swaps = page.evaluate("window.__swaps")
        page.evaluate(_FOLLOW, base + rel)
        page.wait_for_function(
            "([n, url]) => window.__swaps > n && location.href === url", arg=[swaps, base + rel], timeout=10_000
        )
        yield rel
    yield from fresh_walk(page, base, [rel for rel in pages if rel.endswith(".html")])


@pytest.fixture
def context_factory(browser: Browser) -> Iterator:  # type: ignore[type-arg]
    opened: list[BrowserContext] = []

    def make(scheme: str = "light", viewport: dict | None = None) -> Page:  # type: ignore[type-arg]
        ctx = browser.new_context(color_scheme=scheme, viewport=viewport or DESKTOP)  # type: ignore[arg-type]
        opened.append(ctx)
        return ctx.new_page()

    yield make
    for ctx in opened:
        ctx.close()


def open_search(page: Page, query: str = "work diary") -> None:
    """Open Material's search (the phone header has a toggle first) and wait for results."""
    toggle = page.locator("label.md-header__button[for='__search']")
    if toggle.is_visible():
        toggle.click()
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)


@pytest.mark.parametrize(
    ("scheme", "viewport", "instant"),
    [("light", DESKTOP, False), ("dark", PHONE, True)],
    ids=["light-desktop", "dark-phone-instant"],
)
def test_axe_every_page(  # type: ignore[no-untyped-def]
    context_factory, site_server: SiteServer, site_pages: list[str], scheme, viewport, instant
) -> None:
    """Every page in both palettes, and each at one of the two widths (the other
    combinations on the representative pages below). One walk opens each page afresh;
    the other clicks through, so the pages Material swaps in by instant navigation are
    checked as readers meet them (and axe, loaded once, is not parsed again per page:
    axe's time is the suite's time)."""
    page = context_factory(scheme, viewport)
    failures = []
    seen = []
    for rel in (instant_walk if instant else fresh_walk)(page, site_server.url, site_pages):
        seen.append(rel)
        found = axe_violations(page)
        if found:
            failures.append(f"{rel or '/'}:\n{describe(found)}")
    assert sorted(seen) == sorted(site_pages)
    assert not failures, f"axe violations ({scheme}, {viewport['width']} px):\n" + "\n".join(failures)


@pytest.mark.parametrize(
    ("scheme", "viewport", "search", "limit"),
    [
        ("dark", DESKTOP, False, None),
        ("light", DESKTOP, True, 3),
        ("light", PHONE, False, 3),
        ("dark", PHONE, True, 3),
    ],
    ids=["dark", "light-search-open", "light-phone", "dark-phone-search-open"],
)
def test_axe_representative_pages(  # type: ignore[no-untyped-def]
    context_factory, site_server: SiteServer, site_pages: list[str], scheme, viewport, search, limit
) -> None:
    page = context_factory(scheme, viewport)
    failures = []
    for rel in representative(site_pages)[:limit]:
        page.goto(site_server.url + rel)
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        if search:
            open_search(page)
        found = axe_violations(page)
        if found:
            failures.append(f"{rel or '/'}:\n{describe(found)}")
    assert not failures, f"axe violations ({scheme}, search open={search}):\n" + "\n".join(failures)


# ---------------------------------------------------------------- keyboard

_FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {
    key: el.dataset.kbdKey || null,
    tag: el.tagName.toLowerCase(),
    text: (el.getAttribute('aria-label') || el.textContent || el.title || '').trim().slice(0, 40),
    ring: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1) || cs.boxShadow !== 'none',
    visible: r.width > 0 && r.height > 0,
  };
}"""

# Every control a reader can operate, visible on this viewport, tagged so the
# Tab walk can tick it off. Labels with tabindex are Material's nav toggles.
_TAG_CONTROLS = """() => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  const out = [];
  document.querySelectorAll(sel).forEach((el, i) => {
    if (el.tabIndex < 0 || el.matches(':disabled')) return;
    if (el.closest('[hidden], [inert], [aria-hidden="true"]')) return;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (cs.visibility === 'hidden' || cs.display === 'none' || r.width === 0 || r.height === 0) return;
    // Material hides the skip link and the search-option buttons until needed;
    // the skip link is checked separately.
    if (el.classList.contains('md-skip')) return;
    el.dataset.kbdKey = String(i);
    out.push({key: String(i), tag: el.tagName.toLowerCase(), text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)});
  });
  return out;
}"""


def keyboard_pages(site_pages: list[str]) -> list[str]:
    """Home, an article, a checklist (ticks) and the 404 page."""
    wanted = ["", "freelancer/end-hourly/", "checklists/freelancer-end-hourly/", "404.html"]
    return [p for p in wanted if p in site_pages]


def test_keyboard_reaches_every_control_with_a_visible_focus_ring(  # type: ignore[no-untyped-def]
    context_factory, site_server: SiteServer, site_pages: list[str]
) -> None:
    page = context_factory("light", DESKTOP)
    problems = []
    for rel in keyboard_pages(site_pages):
        page.goto(site_server.url + rel)
        # Open every <details> so controls inside them are part of the walk.
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        controls = {c["key"]: c for c in page.evaluate(_TAG_CONTROLS)}
        reached: set[str] = set()
        previous = None
        page.locator("body").focus()
        for _ in range(len(controls) * 4 + 40):
            page.keyboard.press("Tab")
            state = page.evaluate(_FOCUS_STATE)
            if state is None:
                continue
            if state["key"] == previous:
                continue  # the next field inside one control (a date's day, month, year)
            previous = state["key"]
            if state["key"] in reached:
                break  # wrapped around
            if state["key"]:
                reached.add(state["key"])
            if state["visible"] and not state["ring"]:
                problems.append(
                    f"{rel or '/'}: no visible focus ring on <{state['tag']}> {state['text']!r}"
                )
        missed = [f"<{c['tag']}> {c['text']!r}" for k, c in controls.items() if k not in reached]
        if missed:
            problems.append(f"{rel or '/'}: not reachable with Tab: {missed[:10]}")
    assert not problems, "\n".join(problems)


def test_skip_link_is_first_visible_on_focus_and_moves_past_the_header(  # type: ignore[no-untyped-def]
    context_factory, site_server: SiteServer, site_pages: list[str]
) -> None:
    page = context_factory("light", DESKTOP)
    for rel in [p for p in representative(site_pages) if p != "404.html"]:
        page.goto(site_server.url + rel)
        page.keyboard.press("Tab")
        skip = page.locator("a.md-skip")
        assert skip.count() == 1, f"{rel or '/'}: no skip link"
        assert page.evaluate("document.activeElement.classList.contains('md-skip')"), (
            f"{rel or '/'}: the first Tab stop is not the skip link"
        )
        box = skip.bounding_box()
        assert box and box["width"] > 0 and box["y"] >= 0, (
            f"{rel or '/'}: skip link not visible on focus"
        )
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash.length > 1")
        page.wait_for_timeout(300)  # instant navigation handles the jump asynchronously
        target_in_content = page.evaluate(
            "() => !!document.getElementById(decodeURIComponent(location.hash.slice(1)))"
            "?.closest('.md-content')"
        )
        assert target_in_content, f"{rel or '/'}: the skip link does not lead into the content"
        # The next Tab stop is inside the content (or after it), not back in the header.
        page.keyboard.press("Tab")
        in_header = page.evaluate(
            "() => !!document.activeElement.closest('.md-header, .md-sidebar--primary')"
        )
        assert not in_header, f"{rel or '/'}: after the skip link, Tab went back to the header"
