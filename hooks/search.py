"""Site search: what is indexed, the words people use, and the engine's files.

The hook writes ``search/search_index.json`` itself (Material's search plugin is off:
it parsed every page again with Python's HTML parser, about a sixth of a large build).
``handbook.on_page_content`` splits each page's HTML into one document per heading with
:func:`page_sections` (lexbor, the same documents Material's plugin made);
``handbook.on_post_build`` writes them with :func:`write_index`:

* each document becomes a focused answer: plain text (no markup), the heading as its
  title, the page's title for context, a short preview (the section's first sentences,
  never an alias list), and the page's ``aliases:`` in a field of their own;
* documents that answer nothing are left out (the FAQ, glossary and templates page
  items, which are group headers; empty headings that only group subheadings);
* ``config.handbook`` carries the synonym table from ``docs/data/search.yml`` (people's
  words -> the site's words), checked and compiled here, and the role and kind of each
  page, so the engine can rank.

The browser side is in ``docs/assets/search/``: ``worker.js`` (our engine, MiniSearch,
behind Material's search box, which ``overrides/partials/header.html`` shows although the
plugin is off), ``search.js`` (the result list) and ``boot.js``. The index's ``config``
stays what Material's plugin wrote (its search box highlights with ``separator``).
``mkdocs serve --dirty`` would index only the pages it rebuilds (``make serve`` is not dirty).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from pages import Page, Problem, parse_yaml
from selectolax.lexbor import LexborHTMLParser

SYNONYMS_SRC = "data/search.yml"
"""The synonym table, relative to ``docs/``."""
INDEX_PATH = "search/search_index.json"
WORKER = "assets/search/worker.js"
"""Our search worker, relative to the site root (``docs/assets/search/worker.js``)."""
_MATERIAL_WORKER = re.compile(r'("search":\s*"[^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
#: Offered when nothing matches, in this order, when the page exists.
FALLBACK = ("what-should-i-do.md", "freelancer/index.md", "client/index.md", "faq.md", "checklists/index.md")
#: Pages whose page-level item is a group header: their opening is not an answer.
GROUP_HEADERS = frozenset({"faq.md", "glossary.md", "templates.md"})
MATERIAL_CONFIG: dict[str, Any] = {
    "lang": ["en"],
    "separator": r"[\s\-]+",
    "pipeline": ["stopWordFilter"],
    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}},
}
"""The index's ``config`` as Material's plugin wrote it for English: Material's search box
reads ``separator`` (to highlight the words found); our worker reads ``handbook``."""
PREVIEW_CHARS = 220
NAVIGATION = 0.6
"""A section whose text is more than this share of links is a list of links, not an answer."""
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_TIGHT = re.compile(r"(?<=\S) ([.,;:!?)\u2019'])|(?<=[(]) ")
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|td|th|dt|dd|pre|blockquote)>", re.I)


class PageInfo(NamedTuple):
    """What the index needs to know about a page, from its record."""

    src: str
    title: str
    kind: str
    audience: str
    aliases: tuple[str, ...]
    description: str = ""


class Synonyms(NamedTuple):
    """People's words -> the site's words, both lower case, as the engine reads them."""

    table: dict[str, list[str]]


def page_infos(pages: Mapping[str, Page], urls: Mapping[str, str]) -> dict[str, PageInfo]:
    """Each built page's search facts, by its URL under the site root."""
    return {urls[src]: page_info(page) for src, page in pages.items() if src in urls}


def page_info(page: Page) -> PageInfo:
    """A page record's search facts."""
    raw = page.meta.get("aliases")
    listed = raw if isinstance(raw, list) else []
    aliases = tuple(a.strip() for a in listed if isinstance(a, str) and a.strip())
    audience = page.meta.get("audience")
    return PageInfo(
        src=page.src,
        title=page.title,
        kind="header" if page.src in GROUP_HEADERS else page.kind,
        audience=audience if isinstance(audience, str) else "both",
        aliases=aliases,
        description=str(page.meta.get("description") or "").strip(),
    )


# --------------------------------------------------------------------------- synonyms


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower().replace("\u2019", "'")))


def load_synonyms_file(docs_dir: Path) -> tuple[Synonyms, list[Problem]]:
    """``docs/data/search.yml``, checked; no file, no synonyms."""
    path = docs_dir / SYNONYMS_SRC
    if not path.is_file():
        return Synonyms({}), []
    return load_synonyms(path.read_text(encoding="utf-8"))


def load_synonyms(text: str, src: str = SYNONYMS_SRC) -> tuple[Synonyms, list[Problem]]:
    """Check and compile the synonym table.

    The file is a mapping from a word or short phrase of the site to the words people
    type for it::

        end: [cancel, close, terminate, quit]
        unresponsive: [ghosted, disappeared, not responding]

    Words are lower case, one to four words long; a site word may not list itself, nor
    a word twice. A people's word may stand under two site words ("quit": end, leave).
    A site term of several words is one word to the search engine, so people's words
    may not contain one (they could never match).
    """
    parsed = parse_yaml(text)
    problems = [Problem(src, line, message) for line, message in parsed.problems]
    if problems:
        return Synonyms({}), problems
    data = parsed.data
    if not isinstance(data, dict):
        return Synonyms({}), [Problem(src, None, "expected a mapping: site word -> list of people's words")]
    table: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    said_at: list[tuple[str, str, int | None]] = []  # people's words, as written, and their line
    for key, value in data.items():
        line = parsed.lines.get((key,))
        site = _words(str(key))
        if not site or site != str(key).strip():
            problems.append(Problem(src, line, f"'{key}': write site words in lower case letters and digits"))
            continue
        if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
            problems.append(Problem(src, line, f"'{key}': expected a non-empty list of words people type"))
            continue
        for word in value:
            said = _words(word)
            if not said or len(said.split()) > 4:
                problems.append(Problem(src, line, f"'{key}': '{word}' must be one to four words"))
            elif said == site:
                problems.append(Problem(src, line, f"'{key}' lists itself"))
            elif owner.get(said) == site:
                problems.append(Problem(src, line, f"'{key}': '{word}' is listed twice"))
            else:
                said_at.append((said, word, line))
                owner[said] = site
                table.setdefault(said, [])
                if site not in table[said]:
                    table[said].append(site)
    terms = {site for sites in table.values() for site in sites if " " in site}
    for said, word, line in said_at:
        for term in sorted(terms):
            if said != term and f" {term} " in f" {said} ":
                problems.append(
                    Problem(
                        src,
                        line,
                        f"'{word}' contains the site term '{term}', which search reads as one word,"
                        " so it can never match: leave that entry out",
                    )
                )
    return Synonyms(table), problems


# --------------------------------------------------------------------------- documents


def plain_text(markup: str) -> str:
    """A section's indexed HTML fragment -> one line of readable text."""
    text = _BLOCK_END.sub(lambda m: m.group(0) + " ", markup)
    text = html.unescape(_TAG.sub("", text))
    return _SPACE.sub(" ", text).strip()


def preview_text(markup: str) -> str:
    """The text a preview is cut from: paragraphs and list items in order, not tables
    (their cells run together), nor an FAQ answer's closing "More: ..." link."""
    tree = LexborHTMLParser(f"<body>{markup}</body>")
    parts = []
    for node in tree.css("p, li, dd"):
        if node.tag == "p" and node.parent is not None and node.parent.tag == "li":
            continue  # counted with its list item
        parent, inside_table = node.parent, False
        while parent is not None:
            if parent.tag == "table":
                inside_table = True
                break
            parent = parent.parent
        text = _TIGHT.sub(r"\1", " ".join(node.text(deep=True, separator=" ").split()))
        if inside_table or not text or text.startswith("More:"):
            continue
        parts.append(text)
    return " ".join(parts) or plain_text(markup)


def preview(text: str, limit: int = PREVIEW_CHARS) -> str:
    """The first sentences of ``text``, cut at a word near ``limit`` characters."""
    if len(text) <= limit:
        return text
    cut = text.rfind(". ", 0, limit)
    if cut >= limit // 2:
        return text[: cut + 1]
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:") + " …"


def navigation_sections(content: Any) -> set[str]:
    """Anchors of the sections of a page's content (a parsed node: its children are the
    top-level elements) that are mostly links (a question index, a list of pages): they
    lead to answers but are none."""
    found: set[str] = set()
    current: str | None = None
    total = links = 0

    def close() -> None:
        if current and total > 40 and links / total > NAVIGATION:
            found.add(current)

    for node in content.iter(include_text=False):
        if "data-search-exclude" in node.attributes or node.tag in {"nav", "aside"}:
            continue  # next steps, the review and sources box: not the section's own text
        if node.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            close()
            current, total, links = node.attributes.get("id"), 0, 0
            continue
        text = len(" ".join(node.text(deep=True).split()))
        total += text
        links += sum(len(" ".join(a.text(deep=True).split())) for a in node.css("a:not(.headerlink)"))
    close()
    return found


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_KEPT = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
"""The tags a section's text keeps (as Material's plugin kept them): :func:`plain_text`
ends a block at ``</p>`` and ``</li>``; :func:`preview_text` reads paragraphs and items."""
_SKIPPED = frozenset({"script", "style", "object"})


class _Section:
    __slots__ = ("anchor", "excluded", "text", "title")

    def __init__(self, anchor: str | None, excluded: bool = False) -> None:
        self.anchor, self.excluded = anchor, excluded
        self.title: list[str] = []
        self.text: list[str] = []


def page_sections(
    content: str, *, url: str, title: str, boost: Any = None
) -> tuple[list[dict[str, Any]], set[str]]:
    """A page's rendered content (``page.content``) -> one document per heading with an
    id, as Material's plugin made them (``location``, ``title`` and ``text``: escaped
    text with only the :data:`_KEPT` tags; ``boost``, the page's ``search: {boost: ...}``),
    and the anchors of its link lists (:func:`navigation_sections`).

    The text before the first heading, and an ``h1``, is the page's own item; a heading
    inside an element (a checklist, an admonition) owns the text up to that element's
    end; an element with ``data-search-exclude`` (and a heading's section, when the
    heading has it) is left out, as are scripts and styles."""
    root = LexborHTMLParser(f"<body>{content}</body>").body
    found: list[_Section] = []
    if root is None:
        return [], set()

    def walk(node: Any, section: _Section | None, in_title: bool) -> None:
        child = node.child
        while child is not None:
            tag = child.tag
            if tag == "-text":
                if section is None:
                    section = _Section(None)
                    found.append(section)
                (section.title if in_title else section.text).append(
                    html.escape(child.text_content, quote=False)
                )
            elif child.is_element_node:
                attrs = child.attributes
                excluded = "data-search-exclude" in attrs
                if tag in _HEADINGS and "id" in attrs:
                    if tag != "h1" and not found:
                        found.append(_Section(None))
                    section = _Section(attrs["id"] if found else None, excluded)
                    found.append(section)
                    if not excluded:
                        walk(child, section, True)
                elif tag in _SKIPPED or excluded or attrs.get("class") == "linenodiv":
                    pass
                elif in_title and tag == "a" and attrs.get("class") == "headerlink":
                    pass  # the heading's permalink
                else:
                    if section is None:
                        section = _Section(None)
                        found.append(section)
                    parts = section.title if in_title else section.text
                    kept = tag in _KEPT
                    if kept:
                        parts.append(f"<{tag}>")
                    walk(child, section, in_title)
                    if kept:
                        parts.append(f"</{tag}>")
                    if section is None and found:
                        section = found[-1]
            child = child.next

    walk(root, None, False)
    docs = [
        {
            "location": url + ("#" + s.anchor if s.anchor else ""),
            "title": "".join(s.title).strip() or title,
            "text": "".join(s.text).strip(),
            **({"boost": boost} if boost is not None else {}),
        }
        for s in found
        if not s.excluded
    ]
    return docs, navigation_sections(root)


def documents(
    docs: Iterable[Mapping[str, Any]],
    pages: Mapping[str, PageInfo],
    navigation: Mapping[str, set[str]] | None = None,
) -> list[dict[str, Any]]:
    """:func:`page_sections`' documents (one per heading) -> the documents our engine indexes.

    ``pages`` maps a page URL (``freelancer/end-hourly/``, ``""`` for home) to its facts.
    A document whose page is unknown keeps its text but gets no aliases and kind
    ``article``. ``navigation`` maps a page URL to the anchors of its link lists
    (:func:`navigation_sections`), which are left out.
    """
    out: list[dict[str, Any]] = []
    for doc in docs:
        location = str(doc.get("location", ""))
        url, _, anchor = location.partition("#")
        info = pages.get(url)
        kind = info.kind if info else "article"
        text = plain_text(str(doc.get("text", "")))
        title = plain_text(str(doc.get("title", "")))
        if not anchor and kind == "header":
            continue  # FAQ, glossary, templates: the page item groups its entries
        if anchor and not text:
            continue  # a heading that only groups subheadings
        if anchor and navigation and anchor in navigation.get(url, ()):
            continue  # a list of links
        item: dict[str, Any] = {
            "location": location,
            "title": title,
            "text": text,
            "preview": preview(preview_text(str(doc.get("text", "")))),
            "page": info.title if info else "",
            "kind": kind if not (anchor and kind == "header") else _entry_kind(info),
            "audience": _audience(title, info),
        }
        if isinstance(doc.get("boost"), int | float) and doc["boost"] != 1:
            item["boost"] = doc["boost"]  # the page's `search: {boost: ...}`
        if not anchor and info and info.aliases:
            item["aliases"] = "; ".join(info.aliases)
        if not anchor and info and info.description:
            item["description"] = info.description
        out.append(item)
    return out


def _audience(title: str, info: PageInfo | None) -> str:
    """Whose answer it is: the page's ``audience``; an entry headed "... (client)" or
    "... (freelancer)" (the templates) is that side's, whatever its page says."""
    side = re.search(r"\((client|freelancer)\)\s*$", title)
    if side:
        return side.group(1)
    return info.audience if info else "both"


def _entry_kind(info: PageInfo | None) -> str:
    """The kind of an entry on a group-header page (an FAQ answer, a term, a template)."""
    src = info.src if info else ""
    return {"faq.md": "faq", "glossary.md": "glossary", "templates.md": "template"}.get(src, "article")


def fallback(pages: Mapping[str, PageInfo]) -> list[dict[str, str]]:
    """The pages offered when nothing matches (those of :data:`FALLBACK` that exist)."""
    by_src = {info.src: (url, info) for url, info in pages.items()}
    return [{"location": by_src[src][0], "title": by_src[src][1].title} for src in FALLBACK if src in by_src]


def use_our_worker(output: str) -> str:
    """Point Material's search box at our worker (``__config.search`` in each page)."""
    return _MATERIAL_WORKER.sub(lambda m: m.group(1) + WORKER + '"', output, count=1)


def write_index(
    site_dir: Path,
    docs: Iterable[Mapping[str, Any]],
    navigation: Mapping[str, set[str]],
    pages: Mapping[str, PageInfo],
    synonyms: Synonyms,
) -> dict[str, int]:
    """Write our index (:func:`page_sections`' documents, made :func:`documents`);
    return its size (documents, bytes)."""
    found = documents(docs, pages, navigation)
    config = {**MATERIAL_CONFIG, "handbook": {"synonyms": synonyms.table, "fallback": fallback(pages)}}
    data = json.dumps({"config": config, "docs": found}, ensure_ascii=False, separators=(",", ":"))
    path = site_dir / INDEX_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data, encoding="utf-8")
    return {"documents": len(found), "bytes": len(data.encode("utf-8"))}
