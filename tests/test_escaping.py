"""Text from front matter, glossary entries and checklist items stays text.

A copy of the project is built with a hostile string in an article's title and
description, a glossary term's tooltip (``short``) and definition, and a
checklist item. No output page may contain it as a live ``<script>`` element,
an event-handler attribute, or an attribute broken out of its quotes; the
string must still show up as text (so the test is not vacuous), and JSON-LD
must still parse and carry the exact title.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

pytestmark = pytest.mark.slow


def payload(tag: str) -> str:
    """A hostile string whose every part names where it was put."""
    return f'<script>alert("{tag}")</script>"q-{tag}\'<img src=x-{tag} onerror=alert("{tag}")>'


SOURCES = {
    "title": "front matter title (Material templates, overrides/, JSON-LD)",
    "desc": "front matter description (meta tags, Open Graph, JSON-LD)",
    "short": "glossary term tooltip `short` (hooks/glossary.py)",
    "defn": "glossary term `definition` (hooks/glossary.py)",
    "item": "checklist item text (hooks/checklists.py)",
    "why": "checklist item 'Why:' line (hooks/checklists.py)",
    "ct": "checklist title (its page, the embed caption, aria-label, the PDF)",
}
ARTICLE = "freelancer/end-hourly.md"
GLOSSARY = "glossary.md"
CHECKLIST = "checklists/freelancer-end-hourly.md"


def _replace_line(text: str, prefix: str, new: str, *, path: str) -> str:
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith(prefix):
            lines[i] = new + "\n"
            return "".join(lines)
    raise AssertionError(f"{path}: no line starting with {prefix!r} to put the payload in")


def _inject(root: Path) -> None:
    docs = root / "docs"
    # Article front matter: JSON strings are valid YAML double-quoted scalars.
    article = docs / ARTICLE
    text = article.read_text(encoding="utf-8")
    text = _replace_line(text, "title:", "title: " + json.dumps("Hourly " + payload("title")), path=ARTICLE)
    text = _replace_line(
        text,
        "description:",
        "description: " + json.dumps("Ending hourly work " + payload("desc")),
        path=ARTICLE,
    )
    article.write_text(text, encoding="utf-8")

    # Glossary: the first term's tooltip and definition.
    glossary = docs / GLOSSARY
    text = glossary.read_text(encoding="utf-8")
    short = "Money held " + payload("short") + " until released."
    text = _replace_line(text, "    short:", "    short: " + json.dumps(short), path=GLOSSARY)
    definition = "    definition: |\n      Held money " + payload("defn") + " here.\n"
    text = text.replace("    definition: |\n", definition, 1)
    glossary.write_text(text, encoding="utf-8")

    # Checklist: its title, the first item's text and the first "Why:" line.
    checklist = docs / CHECKLIST
    text = checklist.read_text(encoding="utf-8")
    text = _replace_line(
        text, "title:", "title: " + json.dumps("Checklist: " + payload("ct")), path=CHECKLIST
    )
    for marker, tag in (("- [ ] ", "item"), ("  Why: ", "why")):
        assert marker in text, f"{CHECKLIST}: no {marker!r}"
        text = text.replace(marker, marker + payload(tag) + " ", 1)
    checklist.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import ROOT, copy_project, run_mkdocs_build

    for needed in (ARTICLE, GLOSSARY, CHECKLIST):
        if not (ROOT / "docs" / needed).exists():
            pytest.fail(f"docs/{needed} is missing: the escaping test needs it")
    project = tmp_path_factory.mktemp("hostile") / "project"
    copy_project(project)
    _inject(project)
    build = run_mkdocs_build(project, project.parent / "out")
    assert build.ok, f"the build with hostile text failed:\n{build.output[-3000:]}"
    return build.site_dir


def _pages(site: Path) -> list[tuple[str, LexborHTMLParser]]:
    return [
        (p.relative_to(site).as_posix(), LexborHTMLParser(p.read_text(encoding="utf-8")))
        for p in sorted(site.rglob("*.html"))
    ]


EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}


@pytest.fixture(scope="module")
def live_markup(hostile_site: Path) -> list[str]:
    """Every place where part of a payload became markup, as 'tag | where | what'."""
    found = []
    for rel, tree in _pages(hostile_site):
        for node in tree.root.traverse() if tree.root else []:
            attrs = node.attributes
            if node.tag == "script" and (attrs.get("type") or "").strip().lower() in EXECUTABLE:
                body = node.text(deep=True)
                found += [f"{tag} | {rel} | live <script>" for tag in SOURCES if f'alert("{tag}")' in body]
            for name, value in attrs.items():
                for tag in SOURCES:
                    if name.startswith("on") and tag in (value or ""):
                        found.append(f"{tag} | {rel} | <{node.tag} {name}=...> event handler")
                    if f"q-{tag}" in name:
                        found.append(f"{tag} | {rel} | attribute broken out of its quotes")
                    if node.tag == "img" and attrs.get("src") == f"x-{tag}":
                        found.append(f"{tag} | {rel} | live <img>")
    return sorted(set(found))


@pytest.mark.parametrize("tag", list(SOURCES))
def test_text_stays_inert(live_markup: list[str], tag: str) -> None:
    mine = [line for line in live_markup if line.startswith(tag + " |")]
    assert not mine, f"hostile text in the {SOURCES[tag]} became markup:\n" + "\n".join(mine[:20])


def test_hostile_text_is_shown_as_text(hostile_site: Path) -> None:
    """The payload is still there, as text: the test above is not vacuous."""
    article = LexborHTMLParser(
        (hostile_site / "freelancer/end-hourly/index.html").read_text(encoding="utf-8")
    )
    title = "Hourly " + payload("title")
    assert article.css_first("title").text().startswith(title)
    description = article.css_first('meta[name="description"]').attributes["content"]
    assert description == "Ending hourly work " + payload("desc")
    assert article.css_first('meta[property="og:title"]').attributes["content"] == title
    assert article.css(".md-header__topic .md-ellipsis")[-1].text(strip=True) == title
    data = [json.loads(n.text(deep=True)) for n in article.css('script[type="application/ld+json"]')]
    assert data and data[0]["headline"] == title

    glossary = LexborHTMLParser((hostile_site / "glossary/index.html").read_text(encoding="utf-8"))
    text = glossary.body.text()
    assert 'alert("short")' in text or "x-short" in glossary.html
    checklist = LexborHTMLParser(
        (hostile_site / "checklists/freelancer-end-hourly/index.html").read_text(encoding="utf-8")
    )
    assert payload("item") in checklist.css_first("[data-checklist] label").text()
    assert payload("why") in checklist.css_first("[data-checklist] .checklist__why").text()
    section = checklist.css_first("[data-checklist]")
    assert section.attributes["aria-label"] == "Checklist: " + payload("ct")
    embed = LexborHTMLParser((hostile_site / "freelancer/end-hourly/index.html").read_text(encoding="utf-8"))
    assert embed.css_first(".checklist__caption").text().strip() == "Checklist: " + payload("ct")
