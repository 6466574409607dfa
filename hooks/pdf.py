"""Printable checklist PDFs: fillable, tagged for accessibility, in US Letter and A4.

:func:`pdf_html` writes the document WeasyPrint prints (title, online address,
review date, a contract name and date field, every item with a checkbox field and
its "why", the addresses of linked pages, lines for notes); :func:`write_pdfs`
renders what is not in the cache (``.cache/checklist-pdfs/``, named by a hash of
the document and the toolchain). Called by ``handbook.on_post_build``.
WeasyPrint fetches nothing: its URL fetcher refuses every address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import importlib.metadata
import os
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from pathlib import Path

import markdown
from checklists import Checklist
from facts import CONFIDENCE, Registry, long_date
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

SITE_NAME = "Ending an Upwork Contract"
PAPERS = {"letter": "letter", "a4": "A4"}

CSS = """
@page { size: %(paper)s; margin: 14mm 15mm 16mm;
  @bottom-left { content: "%(site)s: unofficial guide"; font-size: 8pt; color: #444; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt;
    color: #444; } }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt;
  line-height: 1.35; color: #000; }
body { margin: 0; }
h1 { font-size: 16pt; line-height: 1.2; margin: 0 0 3pt; }
h2 { font-size: 11.5pt; margin: 10pt 0 2pt; break-after: avoid; }
.meta, .hint, .see { font-size: 8pt; color: #333; }
.meta { margin: 0 0 6pt; }
.meta a { color: #000; }
.fields { margin: 0 0 6pt; }
.fields label { font-size: 9pt; margin-right: 3pt; }
.fields input { appearance: auto; width: 62mm; height: 13pt; margin-right: 8mm;
  border: 0; border-bottom: 0.6pt solid #000; }
.intro p, .intro li { margin: 0 0 4pt; }
ul.items { list-style: none; margin: 2pt 0 0; padding: 0; }
ul.items li { display: flex; padding: 4pt 0; border-bottom: 0.5pt solid #bbb;
  break-inside: avoid; }
ul.items input { appearance: auto; flex: none; width: 11pt; height: 11pt; margin: 1pt 8pt 0 1pt; }
.text, .why, .see { margin: 0; }
.why { margin-top: 1pt; font-size: 8.5pt; color: #333; }
.notes { break-inside: avoid; }
.notes div { height: 18pt; border-bottom: 0.6pt solid #888; }
"""


class _Links(Treeprocessor):
    """Links become plain text; their absolute addresses are collected for "See:"."""

    def __init__(self, md: markdown.Markdown, resolve: Callable[[str], str], urls: list[str]):
        super().__init__(md)
        self.resolve, self.urls = resolve, urls

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a":
                url = self.resolve(element.get("href", ""))
                if url and url not in self.urls:
                    self.urls.append(url)
                element.tag = "span"
                element.attrib.clear()


class _Converter(Extension):
    """Markdown -> HTML for one checklist's PDF, with the links it names."""

    def __init__(self, resolve: Callable[[str], str]) -> None:
        super().__init__()
        self.resolve = resolve
        self.urls: list[str] = []
        self.md = markdown.Markdown(extensions=[self, "admonition", "attr_list"])

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Links(md, self.resolve, self.urls), "pdf-links", 0)

    def __call__(self, text: str) -> tuple[str, list[str]]:
        self.md.reset()
        self.urls.clear()
        out = self.md.convert(text)
        if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
            out = out[3:-4]
        return out, list(self.urls)


def absolute_link(target: str, *, page_src: str, url_for: Callable[[str], str | None]) -> str:
    """The address to print for a link written on page ``page_src`` ("" when none)."""
    if not target or target.startswith("#"):
        return ""
    if ":" in target.split("/", 1)[0]:
        return target
    path, hash_, anchor = target.partition("#")
    url = url_for(posixpath.normpath(posixpath.join(posixpath.dirname(page_src), path)))
    return (url + hash_ + anchor) if url else ""


def _long_date(iso: str) -> str:
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def pdf_html(
    checklist: Checklist,
    *,
    page_url: str,
    paper: str,
    url_for: Callable[[str], str | None],
    plain_refs: Callable[[str], str] = lambda text: text,
) -> str:
    """The HTML document WeasyPrint turns into the checklist's PDF.

    ``plain_refs`` turns short references (``[[page]]``, ``[[fact:id]]``) into text.
    """
    convert = _Converter(lambda t: absolute_link(t, page_src=checklist.src, url_for=url_for))
    esc = html.escape

    def see(urls: list[str]) -> str:
        return f'<p class="see">See: {", ".join(esc(u) for u in urls)}</p>' if urls else ""

    intro, intro_urls = convert(plain_refs(checklist.intro)) if checklist.intro else ("", [])
    parts = []
    for phase in checklist.phases:
        if phase.title:
            parts.append(f"<h2>{esc(phase.title)}</h2>")
        rows = []
        for item in phase.items:
            text, urls = convert(plain_refs(item.text))
            field = f"item-{item.key}"
            row = (
                f'<li><input type="checkbox" id="{field}" name="{field}" '
                f'title="{esc(_plain(text))}"><div><p class="text">{text}</p>'
            )
            if item.why:
                why, why_urls = convert(plain_refs(item.why))
                row += f'<p class="why">Why: {why}</p>'
                urls += [u for u in why_urls if u not in urls]
            rows.append(row + see(urls) + "</div></li>")
        parts.append(f'<ul class="items">{"".join(rows)}</ul>')
    reviewed = (
        f" &middot; Last reviewed {esc(_long_date(checklist.last_reviewed))}"
        if checklist.last_reviewed
        else ""
    )
    css = CSS % {"paper": PAPERS[paper], "site": SITE_NAME}
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(checklist.title)}</title><style>{css}</style></head><body>"
        f"<h1>{esc(checklist.title)}</h1>"
        f'<p class="meta">Online version: <a href="{esc(page_url)}">{esc(page_url)}</a>{reviewed}</p>'
        '<p class="fields"><label for="contract">Contract:</label>'
        '<input type="text" id="contract" name="contract" title="Contract">'
        '<label for="date">Date:</label><input type="text" id="date" name="date" title="Date"></p>'
        f'<div class="intro">{intro}{see(intro_urls)}</div>'
        '<p class="hint">Tick each box when it is done (on screen or on paper). Unofficial guide, '
        "not affiliated with Upwork; check Upwork's Help Center for your own case.</p>"
        + "".join(parts)
        + '<section class="notes"><h2>Notes</h2>'
        + "<div></div>" * 4
        + "</section></body></html>"
    )


def rules_html(registry: Registry, *, page_url: str, paper: str) -> str:
    """The printable "Upwork's rules at a glance": every rule by topic, with source and date."""
    esc = html.escape
    parts = []
    for topic in registry.topics:
        parts.append(f"<h2>{esc(topic.title)}</h2><dl>")
        for fact in topic.facts:
            value = f"<strong>{esc(fact.text)}</strong>: " if fact.text else ""
            sources = ", ".join(esc(str(url)) for url in fact.sources)
            parts.append(
                f"<dt>{value}{esc(fact.rule)}</dt><dd>{esc(CONFIDENCE[fact.confidence])}, "
                f"checked {esc(long_date(fact.checked))}: {sources}</dd>"
            )
        parts.append("</dl>")
    css = CSS % {"paper": PAPERS[paper], "site": SITE_NAME} + RULES_CSS
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Upwork's rules at a glance</title><style>{css}</style></head><body>"
        "<h1>Upwork's rules at a glance</h1>"
        f'<p class="meta">Online version, with links: <a href="{esc(page_url)}">{esc(page_url)}</a></p>'
        '<p class="hint">Unofficial guide, not affiliated with Upwork. Upwork changes its rules: '
        "check the source before you act.</p>" + "".join(parts) + "</body></html>"
    )


RULES_CSS = """
dl { margin: 0; } dt { margin: 5pt 0 0; break-after: avoid; }
dd { margin: 1pt 0 0 10pt; font-size: 7.5pt; color: #333; overflow-wrap: anywhere; }
"""


def _plain(fragment: str) -> str:
    """The text of an HTML fragment (for a form field's name)."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def _toolchain() -> str:
    """What shapes every PDF besides its document: this module and WeasyPrint's version."""
    own = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return f"{own}\0{importlib.metadata.version('weasyprint')}"


def write_pdfs(documents: dict[str, str], *, site_dir: Path, cache_dir: Path) -> list[str]:
    """Write each document (site path -> HTML) as a PDF into ``site_dir``, rendering only
    those not in ``cache_dir``; return the site paths rendered."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    toolchain = _toolchain()
    rendered, keep = [], set()
    for target, document in sorted(documents.items()):
        key = hashlib.sha256(f"{toolchain}\0{document}".encode()).hexdigest()[:24]
        cached = cache_dir / f"{key}.pdf"
        keep.add(cached.name)
        try:  # read, not test-then-copy: a build running beside this one may prune the cache
            made = cached.read_bytes()
        except FileNotFoundError:
            from weasyprint import HTML, URLFetcher  # imported only when a PDF must be made

            nothing = URLFetcher(allowed_protocols=())  # no address of any kind is fetched
            made = HTML(string=document, url_fetcher=nothing).write_pdf(
                pdf_forms=True, pdf_variant="pdf/ua-1"
            )
            partial = cached.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(made)
            os.replace(partial, cached)
            rendered.append(target)
        out = site_dir / target
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(made)
    for old in cache_dir.glob("*.pdf"):
        if old.name not in keep:
            old.unlink(missing_ok=True)
    return rendered
