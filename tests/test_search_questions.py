"""Real questions typed into Material's own search box find a page that answers them.

Each question in tests/data/search_questions.yml is typed key by key into the
built site's search box; one of the first three results must be one of the
pages listed for it. The site has no search synonyms of its own, so this tests
that pages are written in readers' words (question headings, ``aliases:``).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from conftest import Build, SiteServer
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

QUESTIONS = yaml.safe_load((Path(__file__).parent / "data" / "search_questions.yml").read_text())


def page_id(href: str, base_path: str) -> str:
    """``http://host/freelancer/end-hourly/#x`` -> ``freelancer/end-hourly``."""
    path = urlparse(href).path
    if path.startswith(base_path):
        path = path[len(base_path) :]
    path = path.strip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")].strip("/")
    return path or "index"


def top_results(page: Page, question: str, base_path: str, n: int = 3) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.press("Control+a")
    box.press("Backspace")
    box.press_sequentially(question, delay=15)
    items = page.locator(".md-search-result__item")
    expect(items.first).to_be_visible(timeout=10_000)
    # Results refresh as keys arrive; wait until two reads agree.
    previous: list[str] = []
    for _ in range(20):
        page.wait_for_timeout(150)
        hrefs = page.eval_on_selector_all(
            ".md-search-result__item > .md-search-result__link",
            "els => els.map(e => e.href)",
        )
        current = [page_id(h, base_path) for h in hrefs[:n]]
        if current and current == previous:
            return current
        previous = current
    return previous


def test_real_questions_find_an_answer_in_the_top_three(
    page: Page, built_site: Build, site_server: SiteServer
) -> None:
    base_path = urlparse(site_server.url).path
    page.goto(site_server.url)
    misses = []
    for case in QUESTIONS:
        got = top_results(page, case["q"], base_path)
        if not set(got) & set(case["answers"]):
            misses.append(f"{case['q']!r}: got {got}, want one of {case['answers']}")
    hit_rate = 1 - len(misses) / len(QUESTIONS)
    print(f"search questions: {len(QUESTIONS) - len(misses)}/{len(QUESTIONS)} ({hit_rate:.0%})")
    assert not misses, "questions without an answer in the top three:\n" + "\n".join(misses)
