"""Privacy and security of the built site.

* Every page, loaded in Chromium, requests nothing from another origin and
  sets no cookie (also checked statically: no page links a stylesheet, script,
  image, frame or font from elsewhere).
* The Content-Security-Policy recommended in SECURITY.md covers every inline
  script in the build (hashes recomputed here), and the site works under it:
  served with that header, pages load, search answers, the palette toggles,
  instant navigation works, and no ``securitypolicyviolation`` is reported.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import REPRESENTATIVE_PAGES, ROOT, Build, SiteServer
from playwright.sync_api import Browser, Page, expect
from selectolax.lexbor import LexborHTMLParser

CSP_LINE = re.compile(r"^Content-Security-Policy: (.+)$", re.M)
# Script types the browser executes (everything else, e.g. JSON, is data).
EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
CSP_PAGES = REPRESENTATIVE_PAGES


def recommended_csp() -> str:
    match = CSP_LINE.search((ROOT / "SECURITY.md").read_text(encoding="utf-8"))
    assert match, "SECURITY.md has no 'Content-Security-Policy: ...' line"
    return match.group(1).strip()


def csp_hashes(policy: str) -> set[str]:
    for directive in policy.split(";"):
        name, *values = directive.split()
        if name == "script-src":
            return {v.strip("'") for v in values if v.startswith("'sha256-")}
    return set()


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# ---------------------------------------------------------------- static checks


def test_no_page_embeds_anything_from_another_origin(built_site: Build) -> None:
    """Stylesheets, scripts, images, frames, media: all from the site itself."""
    foreign = []
    for path in html_files(built_site.site_dir):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        for node in tree.css(
            "script[src], img, iframe, frame, audio, video, source, embed, object, link"
        ):
            attrs = node.attributes
            if node.tag == "link" and (attrs.get("rel") or "") in (
                "canonical",
                "prev",
                "next",
                "alternate",
            ):
                continue
            for attr in ("src", "href", "srcset", "data", "poster"):
                value = attrs.get(attr) or ""
                if value.startswith(("http:", "https:", "//")):
                    foreign.append(
                        f"{path.relative_to(built_site.site_dir)}: <{node.tag} {attr}={value!r}>"
                    )
    assert not foreign, "pages embed third-party resources:\n" + "\n".join(foreign)


def test_recommended_csp_lists_every_inline_script_hash(built_site: Build) -> None:
    allowed = csp_hashes(recommended_csp())
    missing: dict[str, str] = {}
    for path in html_files(built_site.site_dir):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        for node in tree.css("script"):
            if node.attributes.get("src") is not None:
                continue
            if (node.attributes.get("type") or "").strip().lower() not in EXECUTABLE:
                continue
            body = node.text(deep=True)
            digest = "sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            if digest not in allowed:
                missing.setdefault(
                    digest, f"{path.relative_to(built_site.site_dir)}: {body[:80]!r}"
                )
    assert not missing, (
        "inline scripts not allowed by the CSP in SECURITY.md (add the hash and say what it is, "
        "or move the script to a file in docs/assets/):\n"
        + "\n".join(f"{h}  {where}" for h, where in missing.items())
    )


def test_no_inline_event_handlers_or_style_attributes(built_site: Build) -> None:
    """``onclick=`` needs 'unsafe-inline' scripts; ``style=`` needs 'unsafe-inline' styles."""
    found = []
    for path in html_files(built_site.site_dir):
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        for node in tree.body.traverse() if tree.body else []:
            for name in node.attributes:
                if name.startswith("on") or name == "style":
                    found.append(
                        f"{path.relative_to(built_site.site_dir)}: <{node.tag} {name}=...>"
                    )
        found += [
            f"{path.relative_to(built_site.site_dir)}: <style> element" for _ in tree.css("style")
        ]
    assert not found, "\n".join(found[:20])


# ---------------------------------------------------------------- in the browser


@pytest.mark.browser
def test_every_page_stays_on_the_site_and_sets_no_cookie(
    page: Page, site_server: SiteServer, site_pages: list[str]
) -> None:
    own = urlparse(site_server.url).netloc
    foreign: list[str] = []
    page.on("request", lambda r: urlparse(r.url).netloc not in (own, "") and foreign.append(r.url))
    cookies_seen = []
    for rel in site_pages:
        page.goto(site_server.url + rel, wait_until="load")
        if page.evaluate("document.cookie"):
            cookies_seen.append(rel)
    page.wait_for_load_state("networkidle")
    assert foreign == [], f"requests left the site: {sorted(set(foreign))}"
    assert page.context.cookies() == [] and not cookies_seen, f"cookies set on {cookies_seen}"


class _CSPHandler(http.server.SimpleHTTPRequestHandler):
    policy = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def csp_server(built_site: Build) -> Iterator[str]:
    """The built site served with the recommended CSP header on every response."""
    handler = type("Handler", (_CSPHandler,), {"policy": recommended_csp()})
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(built_site.site_dir))
    )
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    host, port = httpd.server_address[:2]
    yield f"http://{host}:{port}/"
    httpd.shutdown()
    httpd.server_close()


_LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
"""


@pytest.mark.browser
def test_site_works_under_the_recommended_csp(
    browser: Browser, csp_server: str, site_pages: list[str]
) -> None:
    # The site_url of the build is another port: instant navigation stays off
    # here, so every click below is a full page load under the header.
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(_LISTEN)
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    violations: list[str] = []
    checked = [p for p in CSP_PAGES if p in site_pages]
    assert checked

    for rel in checked:
        response = page.goto(csp_server + rel)
        assert response and "default-src 'none'" in (
            response.headers.get("content-security-policy") or ""
        )
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("refund", delay=20)
        expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
        page.keyboard.press("Escape")
        toggle = page.locator("form[data-md-component=palette] label:visible").first
        toggle.click()
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", re.compile("slate|default")
        )
        has_ld = page.locator("script[type='application/ld+json']").count()
        violations += [
            f"{rel or '/'} (JSON-LD: {has_ld}): {v}" for v in page.evaluate("window.__csp")
        ]

    errors_under_csp = list(errors)
    # Control: the listener does see a violation when one happens.
    page.evaluate(
        "document.body.append(Object.assign("
        "document.createElement('script'), {textContent: 'void 0'}))"
    )
    page.wait_for_function("window.__csp.length > 0", timeout=5_000)
    context.close()

    assert not violations, "CSP violations:\n" + "\n".join(violations)
    assert not errors_under_csp, f"console errors under the CSP: {errors_under_csp}"


@pytest.mark.browser
def test_instant_navigation_and_search_under_the_csp(
    browser: Browser, csp_server: str, site_server: SiteServer, built_site: Build
) -> None:
    """Same origin as site_url, so Material's instant navigation (fetch + swap) runs too."""
    # Playwright's router adds the header to every response of the shared server.
    policy = recommended_csp()
    context = browser.new_context()

    def add_header(route):  # type: ignore[no-untyped-def]
        response = route.fetch()
        route.fulfill(
            response=response, headers={**response.headers, "content-security-policy": policy}
        )

    context.route(f"{site_server.url}**", add_header)
    page = context.new_page()
    page.add_init_script(_LISTEN)
    page.goto(site_server.url)
    links = page.locator(f".md-content a[href^='{site_server.url}'][href$='/']:not(.headerlink)")
    target = links.first.get_attribute("href")
    page.evaluate("window.__sameDocument = true")
    links.first.click()
    page.wait_for_url(target or "**")
    expect(page.locator("h1").first).to_be_visible()
    assert page.evaluate("window.__sameDocument === true"), "instant navigation did not run"
    # Let the swapped-in page settle before opening search: a click that lands while
    # instant navigation is still replacing the document leaves the dialog closed.
    page.wait_for_load_state("networkidle")
    page.locator("input.md-search__input").click()
    expect(page.locator("#__search")).to_be_checked()
    page.locator("input.md-search__input").press_sequentially("escrow", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    assert page.evaluate("window.__csp") == []
    context.close()
