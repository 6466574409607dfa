"""Short references: link to a page or a glossary term without writing a path.

How to write one (CONTRIBUTING.md copies this section)
------------------------------------------------------

=====================================  =============================================
you write                              you get
=====================================  =============================================
``[[freelancer/end-hourly]]``          a link to that page, its title as the text
``[[freelancer/end-hourly|this page]]``  the same link with your own text (plain)
``[[freelancer/end-hourly#anchor]]``   a link to a heading on that page
``[[escrow]]``, ``[[project funds]]``  a link to the glossary entry (term or alias,
                                       any case, plurals too), with its short
                                       definition as the tooltip
=====================================  =============================================

A page id is the file's path under ``docs/`` without ``.md``; a folder name
alone (``[[freelancer]]``) means its ``index.md``. A page id wins over a
glossary term of the same name. References inside code (``` `[[x]]` ``` or a
fenced block) and HTML comments are left alone; write ``\\[[x]]`` to show the
brackets as text. Normal relative Markdown links work as always and remain the
first choice.

What the hook does
------------------

A Python-Markdown treeprocessor (registered in ``on_config``) finds the
references in the page's text after inline Markdown, so text inside code and
HTML comments, and an escaped ``\\[[``, never reaches it. It puts a normal
link to the ``.md`` file in its place, relative to the page, before the
table of contents, the link graph and MkDocs' own link processor run: MkDocs
validates the target and the anchor and rewrites it for
``use_directory_urls``, and the link counts as a link everywhere else
(backlinks, one glossary link per term). Your own text is plain text.

An unknown reference is left as text and reported as ``file:line`` (the line
in the source file, found only when there is a problem) with the closest
known ids ("did you mean ..."); ``--strict`` fails the build. References in
glossary definitions resolve too (the glossary hook writes them into the
glossary page).
"""

from __future__ import annotations

import difflib
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from glossary import GLOSSARY_SRC, Term, front_matter_title, normalise, parse_glossary, variants
from markdown_ext import StateExtension, StateTreeprocessor, install_extension
from markdown_text import fenced_code_lines
from problems import Problem, hook_logger, report
from site_urls import relative_path

log = hook_logger("shortrefs")

REFERENCE = re.compile(r"\[\[(?<!\\\[\[)([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
"""``[[target]]`` or ``[[target|text]]``, not preceded by a backslash. (The check
for the backslash comes after the ``[[``: a pattern that starts with literal text
lets Python's engine jump from one ``[[`` to the next instead of trying every
position of a paragraph.)"""

_CODE_OR_COMMENT = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)|<!--.*?-->")


class GlossaryEntry(NamedTuple):
    """What a short reference needs to know about one glossary term."""

    id: str
    short: str


@dataclass(frozen=True)
class RefIndex:
    """Everything a short reference can point to."""

    pages: dict[str, str]
    """Page id -> ``src_uri`` (``freelancer/end-hourly`` -> ``freelancer/end-hourly.md``)."""
    terms: dict[str, GlossaryEntry] = field(default_factory=dict)
    """Normalised term, alias, plural or id -> entry."""
    glossary_src: str = GLOSSARY_SRC

    def names(self) -> list[str]:
        """Every id and name, for "did you mean" suggestions."""
        return sorted({*self.pages, *self.terms})


class Unresolved(NamedTuple):
    """A reference that points nowhere."""

    token: str
    """The reference as written, ``[[freelancer/end-hourly]]``."""
    suggestions: tuple[str, ...]
    """Closest known ids and names, best first (may be empty)."""

    def message(self) -> str:
        hint = ""
        if self.suggestions:
            quoted = [f"'[[{s}]]'" for s in self.suggestions]
            hint = " Did you mean " + (
                quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
            ) + "?"
        return (
            f"unknown short reference {self.token}: no page id or glossary term by that name "
            f"(a page id is the path under docs/ without .md).{hint}"
        )


def build_index(page_srcs: list[str], terms: list[Term]) -> RefIndex:
    """Index the site's pages and glossary terms."""
    pages = {src[:-3]: src for src in page_srcs if src.endswith(".md")}
    for src in page_srcs:
        # A folder name alone means its index page: [[freelancer]].
        if src.endswith("/index.md"):
            pages.setdefault(src[: -len("/index.md")], src)
    entries: dict[str, GlossaryEntry] = {}
    for term in terms:
        entry = GlossaryEntry(term.id, " ".join(term.short.split()))
        entries.setdefault(term.id, entry)
        for name in term.names:
            for form in variants(name):
                entries.setdefault(form, entry)
    return RefIndex(pages, entries)


class Target(NamedTuple):
    """Where one reference leads, ready to become an ``<a>`` element."""

    href: str
    """Relative to the page: ``../glossary.md#escrow``, ``end-hourly.md#anchor``, ``#top``."""
    label: str
    """The link's text (plain text)."""
    title: str | None = None
    """Tooltip: a glossary entry's short definition."""


def target_of(
    target: str, text: str | None, *, page_src: str, index: RefIndex, title_of: Callable[[str], str]
) -> Target | None:
    """Where ``[[target|text]]`` on the page ``page_src`` leads, or ``None`` when nowhere."""
    target = target.strip()
    page_dir = posixpath.dirname(page_src) or "."
    page_id, hash_, anchor = target.partition("#")
    label = text.strip() if text and text.strip() else None
    src = index.pages.get(page_id.strip().strip("/"))
    if src is not None:
        path = relative_path(src, page_dir) if src != page_src else ""
        href = path + (hash_ + anchor.strip() if anchor.strip() else "")
        return Target(href or posixpath.basename(src), label or title_of(src))
    if hash_:
        return None
    entry = index.terms.get(normalise(target))
    if entry is None:
        return None
    path = relative_path(index.glossary_src, page_dir)
    return Target(f"{path}#{entry.id}", label or target, entry.short)


SKIP_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style"})
"""Elements whose text keeps ``[[...]]`` as written."""


def link_references(
    root: etree.Element, *, page_src: str, index: RefIndex, title_of: Callable[[str], str]
) -> list[Unresolved]:
    """Replace every reference in the text of ``root`` (a page's element tree) with an
    ``<a>``; return the references that lead nowhere (left as text), in document order."""
    unresolved: list[Unresolved] = []

    def split(text: str) -> tuple[str, list[etree.Element]] | None:
        if "[[" not in text:
            return None
        head, pieces, cursor = "", [], 0
        for match in REFERENCE.finditer(text):
            found = target_of(
                match.group(1), match.group(2), page_src=page_src, index=index, title_of=title_of
            )
            if found is None:
                word = match.group(1).strip()
                close = difflib.get_close_matches(word.casefold(), index.names(), n=3, cutoff=0.6)
                unresolved.append(Unresolved(match.group(), tuple(close)))
                continue
            before = text[cursor : match.start()]
            if pieces:
                pieces[-1].tail = before
            else:
                head = before
            link = etree.Element("a", {"href": found.href})
            if found.title:
                link.set("title", found.title)
            link.text = found.label
            pieces.append(link)
            cursor = match.end()
        if not pieces:
            return None
        pieces[-1].tail = text[cursor:]
        return head, pieces

    _replace_in(root, split)
    return unresolved


def _replace_in(
    element: etree.Element, split: Callable[[str], tuple[str, list[etree.Element]] | None]
) -> None:
    """Put the links ``split`` makes from ``element``'s texts into the tree, depth first.

    A module-level function, not an inner one: an inner function that calls itself
    is a reference cycle, which only Python's cycle collector frees.
    """
    if element.text:
        result = split(element.text)
        if result is not None:
            element.text = result[0]
            for offset, link in enumerate(result[1]):
                element.insert(offset, link)
    position = 0
    while position < len(element):
        child = element[position]
        if child.tag not in SKIP_TAGS:
            _replace_in(child, split)
        position += 1
        if child.tail:
            result = split(child.tail)
            if result is not None:
                child.tail = result[0]
                for link in result[1]:
                    element.insert(position, link)
                    position += 1  # never visit the links just added


def _code_ranges(line: str) -> list[tuple[int, int]]:
    if "`" not in line and "<!--" not in line:
        return []
    return [m.span() for m in _CODE_OR_COMMENT.finditer(line)]


def _text_lines(markdown: str) -> Iterator[tuple[int, str, bool]]:
    """Yield ``(index, line, in_code)``; fenced code blocks (``` or ~~~) count as code."""
    lines = markdown.split("\n")
    code = fenced_code_lines(lines)
    for number, line in enumerate(lines):
        yield number, line, number in code


def reference_lines(source: str) -> list[tuple[str, int]]:
    """Every ``[[...]]`` written outside code and HTML comments: ``(token, 1-based line)``,
    in order (front matter included: glossary definitions live there)."""
    found = []
    for number, line, in_code in _text_lines(source):
        if in_code or "[[" not in line:
            continue
        skip = _code_ranges(line)
        for match in REFERENCE.finditer(line):
            if not any(start <= match.start() < end for start, end in skip):
                found.append((match.group(), number + 1))
    return found


def problems_for(path: str, source: str, unresolved: list[Unresolved]) -> list[Problem]:
    """One problem per unknown reference, at its line in the source file ``source``.

    The ``n``-th unknown ``[[x]]`` of the page is the ``n``-th ``[[x]]`` written in
    the file outside code; one that is not in the file (added by a hook) gets no line.
    """
    lines: dict[str, list[int]] = {}
    for token, line in reference_lines(source):
        lines.setdefault(token, []).append(line)
    seen: dict[str, int] = {}
    problems = []
    for ref in unresolved:
        occurrence = seen.get(ref.token, 0)
        seen[ref.token] = occurrence + 1
        where = lines.get(ref.token, [])
        problems.append(
            Problem(path, where[occurrence] if occurrence < len(where) else None, ref.message())
        )
    return problems


# --------------------------------------------------------------------------- MkDocs events
# Thin adapters: read from MkDocs, call the functions above, report.


@dataclass
class _State:
    """Per-build state, reset in ``on_config``."""

    index: RefIndex = field(default_factory=lambda: RefIndex({}))
    titles: dict[str, str] = field(default_factory=dict)
    files: object = None
    current: str | None = None
    """``src_uri`` of the page being rendered; ``None`` between pages."""
    unresolved: list[Unresolved] = field(default_factory=list)
    """Unknown references of the page being rendered."""


_state = _State()


def _title_of(src: str) -> str:
    title = _state.titles.get(src)
    if title is None:
        file = _state.files.get_file_from_path(src)  # type: ignore[attr-defined]
        title = (front_matter_title(file.content_string) if file is not None else None) or src[:-3]
        _state.titles[src] = title
    return title


class _ReferenceProcessor(StateTreeprocessor):
    """Turns the page's short references into links (see :func:`link_references`)."""

    def run(self, root: etree.Element) -> None:
        state = self.state
        if state.current is not None:
            state.unresolved = link_references(
                root, page_src=state.current, index=state.index, title_of=_title_of
            )
        return None


class ShortRefExtension(StateExtension):
    """Python-Markdown extension: short references become links.

    Priority 6: after ``inline`` (20) and ``attr_list`` (8); before ``toc`` (5),
    the link graph (4), MkDocs' link rewriting and validation (0) and the
    glossary's term links (-1).
    """

    processor = _ReferenceProcessor
    name = "short_references"
    priority = 6


def on_config(config):  # type: ignore[no-untyped-def]
    global _state
    _state = _State()
    install_extension(config, ShortRefExtension(_state))
    return config


def on_files(files, *, config):  # type: ignore[no-untyped-def]
    glossary = files.get_file_from_path(GLOSSARY_SRC)
    terms = parse_glossary(glossary.content_string) if glossary is not None else []
    srcs = [f.src_uri for f in files.documentation_pages()]
    _state.index = build_index(srcs, terms)
    _state.files = files
    return files


def on_page_markdown(markdown, *, page, config, files):  # type: ignore[no-untyped-def]
    # A page whose Markdown has no "[[" has no reference: its tree is not walked.
    _state.current = page.file.src_uri if "[[" in markdown else None
    _state.unresolved = []
    return markdown


def on_page_content(html, *, page, config, files):  # type: ignore[no-untyped-def]
    _state.current = None
    if _state.unresolved:
        src = page.file.src_uri
        report(log, problems_for(src, page.file.content_string, _state.unresolved))
        _state.unresolved = []
    return html
