"""Short references: link to a page or a glossary term without writing a path.

How to write one (CONTRIBUTING.md copies this section)
------------------------------------------------------

=====================================  =============================================
you write                              you get
=====================================  =============================================
``[[freelancer/end-hourly]]``          a link to that page, its title as the text
``[[freelancer/end-hourly|this page]]``  the same link with your own text
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

``on_page_markdown`` replaces every reference with a normal Markdown link to
the ``.md`` file, relative to the page (so MkDocs validates the target and the
anchor and rewrites it for ``use_directory_urls``). An unknown reference is
left as text and reported as ``file:line`` (the line in the source file)
with the closest known ids ("did you mean ..."); ``--strict`` fails the build.
It runs after the checklists hook, so references inside embedded checklist
items resolve relative to the page that shows them, and after the glossary
hook, so references in glossary definitions resolve too.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from glossary import GLOSSARY_SRC, Term, front_matter_title, normalise, parse_glossary, variants
from problems import Problem, hook_logger, report
from site_urls import relative_path

log = hook_logger("shortrefs")

REFERENCE = re.compile(r"(?<!\\)\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
"""``[[target]]`` or ``[[target|text]]``, not preceded by a backslash."""

_FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
_CODE_OR_COMMENT = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)|<!--.*?-->")


@dataclass(frozen=True)
class GlossaryEntry:
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


@dataclass(frozen=True)
class Unresolved:
    """A reference that points nowhere."""

    token: str
    """The reference as written, ``[[freelancer/end-hourly]]``."""
    line: int
    """1-based line in the Markdown that was searched."""
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


def _md_text(text: str) -> str:
    return re.sub(r"([\[\]\\*_`<>])", r"\\\1", text)


def _title_attr(text: str) -> str:
    """A Markdown link title in double quotes: no raw double quote inside."""
    return text.replace("\\", "\\\\").replace('"', "\u201d")


def resolve(
    target: str, text: str | None, *, page_src: str, index: RefIndex, title_of: Callable[[str], str]
) -> str | None:
    """The Markdown link for one reference, or ``None`` when it points nowhere."""
    target = target.strip()
    page_dir = posixpath.dirname(page_src) or "."
    page_id, hash_, anchor = target.partition("#")
    src = index.pages.get(page_id.strip().strip("/"))
    if src is not None:
        label = text.strip() if text and text.strip() else _md_text(title_of(src))
        path = relative_path(src, page_dir) if src != page_src else ""
        href = path + (hash_ + anchor.strip() if anchor.strip() else "")
        return f"[{label}]({href or posixpath.basename(src)})"
    if hash_:
        return None
    entry = index.terms.get(normalise(target))
    if entry is None:
        return None
    label = text.strip() if text and text.strip() else target
    path = relative_path(index.glossary_src, page_dir)
    return f'[{label}]({path}#{entry.id} "{_title_attr(entry.short)}")'


def _code_ranges(line: str) -> list[tuple[int, int]]:
    if "`" not in line and "<!--" not in line:
        return []
    return [m.span() for m in _CODE_OR_COMMENT.finditer(line)]


def _text_lines(markdown: str) -> Iterator[tuple[int, str, bool]]:
    """Yield ``(index, line, in_code)``; fenced code blocks (``` or ~~~) count as code."""
    fence: str | None = None
    for number, line in enumerate(markdown.split("\n")):
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = match.group(1)
                yield number, line, True
                continue
            yield number, line, False
        else:
            yield number, line, True
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and (
                not line[match.end() :].strip()
            ):
                fence = None


def resolve_references(
    markdown: str, *, page_src: str, index: RefIndex, title_of: Callable[[str], str]
) -> tuple[str, list[Unresolved]]:
    """Replace every short reference outside code with a Markdown link.

    Returns the new Markdown and the references that point nowhere (left as
    written), with their 1-based line in ``markdown``.
    """
    if "[[" not in markdown:
        return markdown, []
    unresolved: list[Unresolved] = []
    lines = markdown.split("\n")
    for number, line, in_code in _text_lines(markdown):
        if in_code or "[[" not in line:
            continue
        skip = _code_ranges(line)

        def replace(
            match: re.Match[str], number: int = number, skip: list[tuple[int, int]] = skip
        ) -> str:
            if any(start <= match.start() < end for start, end in skip):
                return match.group()
            link = resolve(
                match.group(1), match.group(2), page_src=page_src, index=index, title_of=title_of
            )
            if link is None:
                word = match.group(1).strip()
                close = difflib.get_close_matches(word.casefold(), index.names(), n=3, cutoff=0.6)
                unresolved.append(Unresolved(match.group(), number + 1, tuple(close)))
                return match.group()
            return link

        lines[number] = REFERENCE.sub(replace, line)
    return "\n".join(lines), unresolved


def source_line(source: str, token: str, occurrence: int) -> int | None:
    """Line (1-based) of the ``occurrence``-th (0-based) ``token`` in the whole source file."""
    position = -1
    for _ in range(occurrence + 1):
        position = source.find(token, position + 1)
        if position < 0:
            return None
    return source.count("\n", 0, position) + 1


def problems_for(path: str, source: str, unresolved: list[Unresolved]) -> list[Problem]:
    """One problem per unknown reference, at its line in the source file.

    A reference that is not in this file's own source came from content
    another hook embedded (a checklist): that file reports it itself.
    """
    problems = []
    seen: dict[str, int] = {}
    for ref in unresolved:
        occurrence = seen.get(ref.token, 0)
        seen[ref.token] = occurrence + 1
        line = source_line(source, ref.token, occurrence)
        if line is not None:
            problems.append(Problem(path, line, ref.message()))
    return problems


# --------------------------------------------------------------------------- MkDocs events
# Thin adapters: read from MkDocs, call the functions above, report.


@dataclass
class _State:
    index: RefIndex = field(default_factory=lambda: RefIndex({}))
    titles: dict[str, str] = field(default_factory=dict)
    files: object = None


_state = _State()


def on_config(config):  # type: ignore[no-untyped-def]
    global _state
    _state = _State()
    return config


def on_files(files, *, config):  # type: ignore[no-untyped-def]
    glossary = files.get_file_from_path(GLOSSARY_SRC)
    terms = parse_glossary(glossary.content_string) if glossary is not None else []
    srcs = [f.src_uri for f in files.documentation_pages()]
    _state.index = build_index(srcs, terms)
    _state.files = files
    return files


def _title_of(src: str) -> str:
    title = _state.titles.get(src)
    if title is None:
        file = _state.files.get_file_from_path(src)  # type: ignore[attr-defined]
        title = (front_matter_title(file.content_string) if file is not None else None) or src[:-3]
        _state.titles[src] = title
    return title


def on_page_markdown(markdown, *, page, config, files):  # type: ignore[no-untyped-def]
    if "[[" not in markdown:
        return markdown
    src = page.file.src_uri
    markdown, unresolved = resolve_references(
        markdown, page_src=src, index=_state.index, title_of=_title_of
    )
    if unresolved:
        report(log, problems_for(src, page.file.content_string, unresolved))
    return markdown
