"""The Content-Security-Policy where the site lives: a ``<meta>`` tag on every page.

GitHub Pages cannot send response headers, so the policy of SECURITY.md reaches
readers only as ``<meta http-equiv="Content-Security-Policy">`` at the top of each
page's ``<head>`` (overrides/partials/csp.html), minus what a meta policy cannot
carry. These tests serve the built site with **no** CSP header:

* every page carries the tag, right after ``<meta charset>`` and before anything
  that loads, with exactly SECURITY.md's policy minus frame-ancestors, report-uri
  and sandbox;
* a page holding the injections the reliability review found (an ``onclick=``
  attribute, a ``javascript:`` link, an inline ``<script>``, ``<img onerror>``)
  runs none of them, and the site's own scripts (search, checklist ticks) still
  work; the same page without the tag does run them (so the test can fail).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Build, open_server
from playwright.sync_api import Browser, Page, expect
from selectolax.lexbor import LexborHTMLParser
from test_privacy import html_files, recommended_csp

#: Directives a <meta> policy cannot carry (CSP 3: ignored there, with a console error).
HEADER_ONLY = {"frame-ancestors", "report-uri", "sandbox"}
META = 'meta[http-equiv="Content-Security-Policy" i]'


def directives(policy: str) -> dict[str, str]:
    out = {}
    for part in policy.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            out[name.lower()] = " ".join(value.split())
    return out


def meta_policy_expected() -> dict[str, str]:
    return {k: v for k, v in directives(recommended_csp()).items() if k not in HEADER_ONLY}


def test_every_page_carries_the_policy_first_in_head(built_site: Build) -> None:
    expected = meta_policy_expected()
    problems = []
    pages = html_files(built_site.site_dir)
    assert len(pages) > 20
    for path in pages:
        rel = path.relative_to(built_site.site_dir).as_posix()
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        head = [n for n in tree.head.iter() if n.tag != "-comment"] if tree.head else []
        metas = tree.css(META)
        if len(metas) != 1:
            problems.append(f"{rel}: {len(metas)} CSP meta tags")
            continue
        first, second = ([(n.tag, n.attributes) for n in head] + [("", {})] * 2)[:2]
        if not (
            first[0] == "meta"
            and "charset" in first[1]
            and second[0] == "meta"
            and (second[1].get("http-equiv") or "").lower() == "content-security-policy"
        ):
            problems.append(f"{rel}: <head> does not open with <meta charset> then the policy")
        got = directives(metas[0].attributes.get("content") or "")
        if got != expected:
            problems.append(f"{rel}: policy differs from SECURITY.md: {got} != {expected}")
    assert not problems, "\n".join(problems[:10])


# ---------------------------------------------------------------- in the browser

INJECTIONS = """
<div id="injections">
  <p><a id="inj-onclick" href="#injections" onclick="window.__pwned = 'onclick'">onclick</a></p>
  <p><a id="inj-javascript" href="javascript:void(window.__pwned = 'javascript-url')">js</a></p>
  <script>window.__pwned = 'inline-script'</script>
  <img id="inj-onerror" src="no-such-image.png" onerror="window.__pwned = 'onerror'" alt="">
</div>
"""
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective));
"""
ARTICLE = "freelancer/end-hourly/"  # an article that embeds a checklist


@pytest.fixture(scope="module")
def injected_site(built_site: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A copy of the built site with two extra pages beside the article: the article
    with the injections, and the same without the policy tag (the control). Served
    without any CSP header."""
    root = tmp_path_factory.mktemp("injected") / "site"
    shutil.copytree(built_site.site_dir, root)
    html = (root / ARTICLE / "index.html").read_text(encoding="utf-8")
    marker = '<article class="md-content__inner md-typeset">'
    assert marker in html
    page = html.replace(marker, marker + INJECTIONS, 1)
    no_policy = re.sub(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "", page)
    assert no_policy != page
    for name, text in {"injected": page, "injected-no-policy": no_policy}.items():
        folder = root / Path(ARTICLE).parent / name
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    server = open_server(root)
    server.serve()
    yield server.url + Path(ARTICLE).parent.as_posix() + "/"
    server.close()


def try_injections(page: Page) -> None:
    page.locator("#inj-onclick").click()
    page.locator("#inj-javascript").click()
    page.wait_for_timeout(300)  # let a javascript: navigation or image error run


@pytest.mark.browser
def test_the_policy_tag_blocks_the_injections_without_any_header(
    browser: Browser, injected_site: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(LISTEN)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(injected_site + "injected/")
    assert response and "content-security-policy" not in response.headers
    expect(page.locator("#inj-onerror")).to_be_attached()
    try_injections(page)
    assert page.evaluate("window.__pwned") is None, "an injection ran under the policy tag"
    blocked = page.evaluate("window.__csp")
    assert len(blocked) >= 4 and set(blocked) <= {"script-src-elem", "script-src-attr"}, blocked

    # The site's own scripts still run: checklist ticks and search.
    root = page.locator("[data-checklist]").first
    expect(root).to_have_attribute("data-ready", "")
    root.locator("input[data-item]").first.check()
    expect(root.locator("[data-checklist-progress]")).to_contain_text("1 of ")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("refund", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert errors == []
    assert page.evaluate("window.__pwned") is None
    context.close()


@pytest.mark.browser
def test_control_without_the_tag_the_injections_do_run(
    browser: Browser, injected_site: str
) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(
        "window.__ran = []; Object.defineProperty(window, '__pwned', "
        "{set(v) { window.__ran.push(v); }, get() { return window.__ran[0]; }})"
    )
    page.goto(injected_site + "injected-no-policy/")
    try_injections(page)
    ran = set(page.evaluate("window.__ran"))
    assert ran == {"inline-script", "onerror", "onclick", "javascript-url"}, ran
    context.close()
