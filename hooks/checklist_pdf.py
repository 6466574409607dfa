"""Printable PDFs of the checklists, rendered with WeasyPrint and cached by content.

Used by ``checklists.py`` in ``on_post_build``; it has no ``on_*`` functions of its
own and is not registered as a hook.

Each PDF holds the checklist's title, the page's URL and last-reviewed date, the
intro, every item with an empty box drawn with a CSS border (WeasyPrint cannot
draw Material's icon masks) and its "why", the addresses of linked articles,
ruled lines for notes, and page numbers. Paper: US Letter or A4.

Caching, in ``.cache/checklist-pdfs/``: a PDF is named by a hash of what it is
made from (:func:`input_key`: the checklist, its page's URL, the paper, this
module's code, the Markdown and WeasyPrint versions) and of the URLs its links
resolved to. Next to it, ``<id>-<input key>.links.json`` lists the pages those
links named. A later build looks those pages up again, and when the file with
that name exists it is copied into the site: no HTML is built and WeasyPrint is
never imported, so a rebuild where no checklist changed (``mkdocs serve``)
renders nothing. A renamed or deleted linked page, or a new ``site_url``, gives
a new name, so the PDF is made again.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import html
import importlib.util
import json
import logging
import os
import posixpath
import shutil
import sys
import time
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

if TYPE_CHECKING:
    from checklists import Checklist

SITE_NAME = "Ending an Upwork Contract"

CSS = """
@page { size: %(paper)s; margin: 16mm 16mm 18mm;
  @bottom-left { content: "%(site)s — unofficial guide"; font-size: 8pt; color: #444; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages);
    font-size: 8pt; color: #444; } }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt;
  line-height: 1.4; color: #000; }
body { margin: 0; }
h1 { font-size: 17pt; line-height: 1.2; margin: 0 0 4pt; }
h2 { font-size: 12pt; margin: 14pt 0 4pt; }
.meta { font-size: 8.5pt; color: #333; margin: 0 0 10pt; }
.meta a { color: #000; }
.intro p, .intro li { margin: 0 0 5pt; }
.intro .admonition { border-left: 2pt solid #666; padding-left: 6pt; }
.intro .admonition-title { font-weight: bold; margin: 0 0 2pt; }
.hint { font-size: 8.5pt; color: #333; }
ul.items { list-style: none; margin: 8pt 0 0; padding: 0; }
ul.items li { position: relative; padding: 5pt 0 5pt 22pt; border-bottom: 0.5pt solid #bbb;
  break-inside: avoid; }
.box { position: absolute; left: 1pt; top: 6.5pt; width: 11pt; height: 11pt;
  border: 1.3pt solid #000; }
.text { margin: 0; }
.why { margin: 2pt 0 0; font-size: 9pt; color: #333; }
.see { margin: 1pt 0 0; font-size: 8pt; color: #333; }
.notes { break-inside: avoid; }
.notes div { height: 20pt; border-bottom: 0.6pt solid #888; }
"""


class PdfJob(NamedTuple):
    """One PDF to produce."""

    checklist: Checklist
    page_url: str
    """Absolute URL of the checklist's page, printed on the PDF."""


@dataclass
class PdfStats:
    """What one build did, for the log line and the benchmark."""

    rendered: list[tuple[str, float]] = field(default_factory=list)
    """(checklist id, seconds) for each PDF WeasyPrint rendered."""
    reused: list[str] = field(default_factory=list)
    """Checklist ids whose PDF came from the cache."""
    import_seconds: float | None = None
    """Time to import WeasyPrint, when this build imported it."""
    weasyprint_loaded: bool = False
    """Whether WeasyPrint is in ``sys.modules`` after the build."""


# --------------------------------------------------------------------------- HTML for WeasyPrint


class _Links(Treeprocessor):
    """Turns links into plain text and collects their absolute URLs."""

    def __init__(self, md: markdown.Markdown, ext: _LinkExtension) -> None:
        super().__init__(md)
        self.ext = ext

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            href = self.ext.resolve(link.get("href", ""))
            if href and href not in self.ext.urls:
                self.ext.urls.append(href)
            link.tag = "span"
            link.attrib.clear()


class _LinkExtension(Extension):
    def __init__(self, resolve: Callable[[str], str]) -> None:
        super().__init__()
        self.resolve = resolve
        self.urls: list[str] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's API)
        md.treeprocessors.register(_Links(md, self), "checklist-pdf-links", 0)


def absolute_link(target: str, *, page_src: str, url_for: Callable[[str], str | None]) -> str:
    """The address to print for a link written on page ``page_src``."""
    if not target or target.startswith("#"):
        return ""
    if ":" in target.split("/", 1)[0]:
        return target
    path, hash_, anchor = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), path))
    url = url_for(resolved)
    return (url + hash_ + anchor) if url else ""


class _Converter:
    """Markdown -> HTML for the PDF; links become text plus a list of addresses.

    One Markdown instance serves every checklist of a build (``page_src`` is
    set per checklist): building one costs more than converting an item.
    """

    def __init__(self, url_for: Callable[[str], str | None]) -> None:
        self.page_src = ""
        self.links = _LinkExtension(
            lambda t: absolute_link(t, page_src=self.page_src, url_for=url_for)
        )
        self.md = markdown.Markdown(extensions=[self.links, "admonition", "attr_list"])

    def convert(self, text: str) -> tuple[str, list[str]]:
        self.md.reset()
        self.links.urls = []
        return self.md.convert(text), list(self.links.urls)


def _inline(html_text: str) -> str:
    """Drop the single ``<p>`` Markdown wraps a one-line text in."""
    if html_text.startswith("<p>") and html_text.endswith("</p>") and html_text.count("<p>") == 1:
        return html_text[3:-4]
    return html_text


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
    converter: _Converter | None = None,
) -> str:
    """The whole HTML document WeasyPrint turns into the checklist's PDF.

    ``converter`` may be shared by the checklists of one build (same ``url_for``).
    """
    convert = converter or _Converter(url_for)
    convert.page_src = checklist.src_uri
    esc = html.escape
    intro, intro_urls = convert.convert(checklist.intro) if checklist.intro else ("", [])
    rows = []
    for item in checklist.items:
        text, urls = convert.convert(item.text)
        row = f'<li><span class="box"></span><p class="text">{_inline(text)}</p>'
        if item.why:
            why, why_urls = convert.convert(item.why)
            row += f'<p class="why">Why: {_inline(why)}</p>'
            urls += [u for u in why_urls if u not in urls]
        if urls:
            row += '<p class="see">See: ' + ", ".join(esc(u) for u in urls) + "</p>"
        rows.append(row + "</li>")
    see_intro = (
        '<p class="see">See: ' + ", ".join(esc(u) for u in intro_urls) + "</p>"
        if intro_urls
        else ""
    )
    reviewed = (
        f" &middot; Last reviewed {esc(_long_date(checklist.last_reviewed))}"
        if checklist.last_reviewed
        else ""
    )
    css = CSS % {"paper": "A4" if paper == "a4" else "letter", "site": SITE_NAME}
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(checklist.title)}</title><style>{css}</style></head><body>"
        f"<h1>{esc(checklist.title)}</h1>"
        '<p class="meta">Online version: <a '
        f'href="{esc(page_url)}">{esc(page_url)}</a>{reviewed}</p>'
        f'<div class="intro">{intro}{see_intro}</div>'
        '<p class="hint">Tick each box yourself when it is done. The ticks are your own notes: '
        "nothing on this sheet is sent to Upwork. Unofficial guide, not affiliated with Upwork; "
        "check Upwork's Help Center for your own case.</p>"
        f'<ul class="items">{"".join(rows)}</ul>'
        '<section class="notes"><h2>Notes</h2>' + "<div></div>" * 7 + "</section>"
        "</body></html>"
    )


# --------------------------------------------------------------------------- rendering and cache


@functools.cache
def _toolchain() -> str:
    """What shapes every PDF besides the checklist: this module's code (layout, CSS,
    text), and the versions of Python-Markdown and WeasyPrint."""
    # WeasyPrint's version is in its __init__.py; reading that file is cheaper than
    # importlib.metadata (which parses METADATA) and much cheaper than importing it.
    spec = importlib.util.find_spec("weasyprint")
    init = Path(spec.origin) if spec is not None and spec.origin else None
    weasyprint = hashlib.sha256(init.read_bytes()).hexdigest() if init else "missing"
    own = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    return "\0".join((own, markdown.__version__, weasyprint))


def input_key(checklist: Checklist, *, page_url: str, paper: str) -> str:
    """Hash of everything a PDF is made from, except where its links point."""
    parts = (_toolchain(), paper, page_url, repr(checklist))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:20]


def cache_name(checklist_id: str, key: str, links: Mapping[str, str | None]) -> str:
    """File name of a PDF in the cache: the id, the :func:`input_key` and the
    addresses its links resolved to (page path -> URL; ``None``: no such page)."""
    resolved = json.dumps(sorted(links.items()))
    digest = hashlib.sha256(f"{key}\0{resolved}".encode()).hexdigest()[:20]
    return f"{checklist_id}-{digest}.pdf"


def _links_file(cache_dir: Path, checklist_id: str, key: str) -> Path:
    """Which pages a checklist's links named when its PDF was made from ``key``."""
    return cache_dir / f"{checklist_id}-{key}.links.json"


def _read_links(path: Path) -> list[str] | None:
    try:
        names = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return None
    return names


def _cached_pdf(
    cache_dir: Path, job: PdfJob, key: str, url_for: Callable[[str], str | None]
) -> Path | None:
    """The cached PDF for ``job`` when there is one, found without building its HTML:
    the pages its links named last time are looked up again, so a renamed or
    deleted page (or a new ``site_url``) makes a new PDF."""
    names = _read_links(_links_file(cache_dir, job.checklist.id, key))
    if names is None:
        return None
    cached = cache_dir / cache_name(job.checklist.id, key, {n: url_for(n) for n in names})
    return cached if cached.exists() else None


def _render(document: str, target: Path, stats: PdfStats) -> float:
    """Render one PDF with WeasyPrint, imported here and only when needed.

    Returns the seconds spent rendering, not counting the import.
    """
    if "weasyprint" not in sys.modules:
        started = time.perf_counter()
        import weasyprint  # noqa: F401 (imported lazily on purpose)

        stats.import_seconds = time.perf_counter() - started
    from weasyprint import HTML

    started = time.perf_counter()
    partial = target.with_suffix(f".{os.getpid()}.part")
    HTML(string=document).write_pdf(partial)
    os.replace(partial, target)
    return time.perf_counter() - started


def render_pdfs(
    jobs: list[PdfJob],
    *,
    site_dir: Path,
    cache_dir: Path,
    paper: str,
    url_for: Callable[[str], str | None],
    log: logging.Logger,
) -> PdfStats:
    """Put every checklist's PDF into ``site_dir``, rendering only those not cached."""
    stats = PdfStats()
    cache_dir.mkdir(parents=True, exist_ok=True)
    converter: _Converter | None = None
    looked_up: dict[str, str | None] = {}

    def recording_url_for(src: str) -> str | None:
        looked_up[src] = url = url_for(src)
        return url

    for job in jobs:
        checklist = job.checklist
        started = time.perf_counter()
        key = input_key(checklist, page_url=job.page_url, paper=paper)
        cached = _cached_pdf(cache_dir, job, key, url_for)
        hit = cached is not None
        if cached is None:
            converter = converter or _Converter(recording_url_for)
            looked_up.clear()
            document = pdf_html(
                checklist,
                page_url=job.page_url,
                paper=paper,
                url_for=recording_url_for,
                converter=converter,
            )
            cached = cache_dir / cache_name(checklist.id, key, looked_up)
            if not cached.exists():
                seconds = _render(document, cached, stats)
                stats.rendered.append((checklist.id, seconds))
                log.info("checklists: rendered %s in %.3f s", checklist.pdf_uri, seconds)
            links_file = _links_file(cache_dir, checklist.id, key)
            links_file.write_text(json.dumps(sorted(looked_up)), encoding="utf-8")
            for old in cache_dir.glob(f"{checklist.id}-*"):
                if old not in (cached, links_file) and old.name.split(".")[0][:-21] == checklist.id:
                    old.unlink(missing_ok=True)
        target = site_dir / checklist.pdf_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
        if hit:
            stats.reused.append(checklist.id)
            log.debug(
                "checklists: reused %s from cache in %.4f s",
                checklist.pdf_uri,
                time.perf_counter() - started,
            )
    if stats.import_seconds is not None:
        log.info("checklists: WeasyPrint imported in %.3f s", stats.import_seconds)
    stats.weasyprint_loaded = "weasyprint" in sys.modules
    return stats
