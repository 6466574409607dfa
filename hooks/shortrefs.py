"""Short references: ``[[page-id]]``, ``[[glossary term]]`` and ``[[fact:id]]`` in text.

:func:`link_references` turns them into links on the Markdown element tree
(``handbook``'s reference treeprocessor, before MkDocs checks links, so a page
link is validated like any other); :func:`problems_for` gives each unknown
reference its line. :func:`plain_text` turns them into text (PDFs, tooltips).
How to write them: CONTRIBUTING.md.
"""

from __future__ import annotations

import difflib
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from typing import NamedTuple

from glossary import GLOSSARY_SRC, Term, normalise, variants
from markup import fenced_code_lines
from pages import PageIds, Problem, relative_link

REFERENCE = re.compile(r"\[\[(?<!\\\[\[)([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
"""``[[target]]`` or ``[[target|text]]``, not preceded by a backslash."""
_CODE_OR_COMMENT = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)|<!--.*?-->")
SKIP_TAGS = frozenset({"a", "code", "pre", "kbd", "samp", "script", "style"})
FACT_PREFIX = "fact:"


class Target(NamedTuple):
    """Where one reference leads: a Markdown link target relative to the page."""

    href: str
    label: str
    title: str | None = None
    """Tooltip (a glossary entry's short definition, a fact's rule)."""
    css_class: str | None = None


class FactRef(NamedTuple):
    """What a reference to a fact shows."""

    text: str
    """``14 days``."""
    tip: str
    """The rule, its source and when it was checked."""
    anchor: str
    """Its entry on the rules page."""


class RefIndex:
    """Everything a short reference can name."""

    def __init__(
        self,
        ids: PageIds,
        titles: dict[str, str],
        terms: Iterable[Term] = (),
        facts: dict[str, FactRef] | None = None,
        rules_src: str | None = None,
    ) -> None:
        self.ids, self.titles = ids, titles
        self.facts, self.rules_src = facts or {}, rules_src
        self.terms: dict[str, tuple[str, str]] = {}
        for term in terms:
            for name in (term.id, *term.names):
                for form in variants(name):
                    self.terms.setdefault(form, (term.id, term.short))

    def resolve(self, target: str, label: str | None, *, page_src: str) -> Target | None:
        """Where ``[[target|label]]`` on ``page_src`` leads, or ``None``."""
        target = target.strip()
        if target.startswith(FACT_PREFIX):
            fact = self.facts.get(target[len(FACT_PREFIX) :].strip())
            if fact is None or self.rules_src is None:
                return None
            href = relative_link(self.rules_src, from_src=page_src, anchor=fact.anchor)
            return Target(href, label or fact.text, fact.tip, "fact")
        name, _, anchor = target.partition("#")
        src = self.ids.src_of(name)
        if src is not None:
            href = relative_link(src, from_src=page_src, anchor=anchor.strip())
            return Target(href, label or self.titles.get(src, name))
        term = None if anchor else self.terms.get(normalise(target))
        if term is None:
            return None
        href = relative_link(GLOSSARY_SRC, from_src=page_src, anchor=term[0])
        return Target(href, label or target, term[1], "glossary-link")

    def suggest(self, target: str) -> list[str]:
        if target.strip().startswith(FACT_PREFIX):
            name = target.strip()[len(FACT_PREFIX) :].strip()
            close = difflib.get_close_matches(name, sorted(self.facts), n=3, cutoff=0.6)
            return [FACT_PREFIX + c for c in close]
        return self.ids.suggest(target, self.terms)


class Anchored(NamedTuple):
    """A reference to a heading of a page, checked once every page is rendered."""

    token: str
    src: str
    anchor: str


class Unresolved(NamedTuple):
    """A reference that leads nowhere, or is written so that it can't be a link."""

    needle: str
    """What to look for in the source to find its line (the token, or its start)."""
    message: str


def unknown_message(token: str, suggestions: list[str]) -> str:
    hint = ""
    if suggestions:
        hint = " Did you mean " + " or ".join(f"'[[{s}]]'" for s in suggestions) + "?"
    if token[2:].strip().startswith(FACT_PREFIX):
        return f"unknown fact {token}: no fact with that id in docs/data/facts/.{hint}"
    return (
        f"unknown short reference {token}: no page id or glossary term by that name "
        f"(a page id is the path under docs/ without .md).{hint}"
    )


def link_references(
    root: etree.Element, *, page_src: str, index: RefIndex
) -> tuple[list[Unresolved], list[Anchored]]:
    """Replace every reference in the text of ``root`` with an ``<a>``; return the ones
    that lead nowhere (left as text), in document order, and those to a page's heading."""
    problems: list[Unresolved] = []
    anchored: list[Anchored] = []

    def split(text: str) -> tuple[str, list[etree.Element]] | None:
        pieces: list[etree.Element] = []
        head, cursor = "", 0
        for match in REFERENCE.finditer(text):
            token, label = match.group(), match.group(2)
            if label and "\x02" in label:  # Python-Markdown's placeholder for raw HTML
                problems.append(
                    Unresolved(
                        token[: token.find("|") + 1],
                        "the text of a short reference can't contain HTML: write plain words after the '|'",
                    )
                )
                continue
            found = index.resolve(match.group(1), label and label.strip(), page_src=page_src)
            if found is None:
                problems.append(Unresolved(token, unknown_message(token, index.suggest(match.group(1)))))
                continue
            before = text[cursor : match.start()]
            if pieces:
                pieces[-1].tail = before
            else:
                head = before
            name, _, anchor = match.group(1).partition("#")
            target_src = index.ids.src_of(name)
            if anchor.strip() and target_src is not None:
                anchored.append(Anchored(token, target_src, anchor.strip()))
            link = etree.Element("a", {"href": found.href})
            if found.css_class:
                link.set("class", found.css_class)
            if found.title:
                link.set("title", found.title)
            link.text = found.label
            pieces.append(link)
            cursor = match.end()
        if not pieces:
            return None
        pieces[-1].tail = text[cursor:]
        return head, pieces

    _replace_in(root, split, problems)
    return problems, anchored


def _replace_in(
    element: etree.Element,
    split: Callable[[str], tuple[str, list[etree.Element]] | None],
    problems: list[Unresolved],
) -> None:
    """Put the links ``split`` makes from ``element``'s texts into the tree, depth first."""
    position = 0
    if element.text and "[[" in element.text:
        result = split(element.text)
        if result is not None:
            element.text = result[0]
            element[0:0] = result[1]
            position = len(result[1])  # never visit the links just added
    while position < len(element):
        child = element[position]
        if child.tag not in SKIP_TAGS:
            _replace_in(child, split, problems)
        position += 1
        if child.tail and "[[" in child.tail:
            result = split(child.tail)
            if result is not None:
                child.tail = result[0]
                element[position:position] = result[1]
                position += len(result[1])  # never visit the links just added
    own = (element.text or "") + "".join(child.tail or "" for child in element)
    if "[[" in own and element.tag not in SKIP_TAGS:
        whole = "".join(element.itertext())
        for match in REFERENCE.finditer(whole):
            if not any(match.group() in t for t in (element.text or "", *(c.tail or "" for c in element))):
                needle = match.group()[: match.group().find("|") + 1 or 2]
                problems.append(
                    Unresolved(
                        needle,
                        f"{match.group()} can't contain formatting "
                        "(bold, links, code): write plain words after the '|'",
                    )
                )


def plain_text(text: str, index: RefIndex, *, page_src: str) -> str:
    """``text`` with each reference replaced by its label (PDFs, tooltips)."""

    def label(match: re.Match[str]) -> str:
        found = index.resolve(match.group(1), match.group(2), page_src=page_src)
        return found.label if found is not None else match.group()

    return REFERENCE.sub(label, text) if "[[" in text else text


def problems_for(path: str, source: str, unresolved: list[Unresolved]) -> list[Problem]:
    """One problem per bad reference written in ``source``, at its line (the n-th
    report of a reference is at its n-th use outside code). A reference that is not
    in the file came from an embedded checklist: it is reported on the checklist's page."""
    lines = source.split("\n")
    code = fenced_code_lines(lines)
    uses: dict[str, list[int]] = {}
    for ref in unresolved:
        if ref.needle not in uses:
            uses[ref.needle] = [
                number + 1
                for number, line in enumerate(lines)
                if number not in code and ref.needle in _outside_code(line)
            ]
    seen: dict[str, int] = {}
    problems = []
    for ref in unresolved:
        where = uses[ref.needle]
        if where:
            occurrence = seen.get(ref.needle, 0)
            seen[ref.needle] = occurrence + 1
            problems.append(Problem(path, where[min(occurrence, len(where) - 1)], ref.message))
    return problems


def _outside_code(line: str) -> str:
    """The line without inline code and HTML comments."""
    return _CODE_OR_COMMENT.sub(" ", line) if "`" in line or "<!--" in line else line
