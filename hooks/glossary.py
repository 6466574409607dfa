"""Glossary: terms from ``glossary.md``'s front matter, the glossary page, and term links.

:func:`parse_glossary` and :func:`check_glossary` read and check the ``terms:``
list (``handbook.on_files``); :func:`render_glossary` writes the page's sections
(``handbook.on_page_markdown``); :func:`link_terms` links the first use of a
few terms on other pages, from the Markdown element tree (``handbook``'s term
treeprocessor), as ``glossary.md#id`` links that MkDocs checks.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from markup import inert_html, plain_label
from pages import Page, PageIds, Problem

GLOSSARY_SRC = "glossary.md"
LINK_CLASS = "glossary-link"
MAX_LINKS = 8
"""Terms linked on one page at most: a few that help, not a field of dotted words."""

SKIP_TAGS = frozenset(
    "a abbr button code dfn h1 h2 h3 h4 h5 h6 input kbd label math pre samp script select "
    "style summary sup svg textarea th".split()
)
"""Elements whose text never gets a term link (nor does anything inside them)."""
SKIP_CLASSES = frozenset({"admonition-title", "no-glossary", "headerlink", "tabbed-labels", "fill"})
STOP_NAMES = frozenset(
    "a an and are as at be but by for from has have he her his i in is it its me my no not of "
    "on or our she so that the their them they this to up us was we what when who will with "
    "you your".split()
)
"""Words too common to be a term: every page would link them."""
_POINTER = re.compile(r"\s*(?:below|above)\b", re.IGNORECASE)


class Term(NamedTuple):
    """One glossary entry."""

    id: str
    """Anchor on the glossary page, e.g. ``escrow``."""
    term: str
    aliases: tuple[str, ...]
    short: str
    """One-sentence definition (the tooltip)."""
    definition: str | None
    see: str | None
    """Page id, optionally ``#anchor``, of the article that explains the term."""
    position: int
    """Position in ``terms:``."""
    line: int | None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


def slugify(text: str) -> str:
    """``"Job Success Score (JSS)"`` -> ``"job-success-score-jss"`` (the heading anchor)."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def normalise(name: str) -> str:
    """Lowercase, single spaces: the key under which a name is looked up."""
    return " ".join(name.lower().split())


def variants(name: str) -> list[str]:
    """The name and its simple English plural (the last word takes it)."""
    base = normalise(name)
    forms = [base]
    if not base or not base[-1].isalpha():
        return forms
    if base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        forms.append(base[:-1] + "ies")
    elif base.endswith(("s", "x", "z", "ch", "sh")):
        forms.append(base + "es")
    else:
        forms.append(base + "s")
    return forms


# --------------------------------------------------------------------------- reading and checking


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def parse_glossary(page: Page) -> list[Term]:
    """The usable entries of ``terms:`` (the schema check reports the others)."""
    raw_terms = page.meta.get("terms")
    terms = []
    for index, raw in enumerate(raw_terms if isinstance(raw_terms, list) else []):
        if not isinstance(raw, dict):
            continue
        name, short = _text(raw.get("term")), _text(raw.get("short"))
        if name is None or short is None:
            continue
        aliases: list[Any] = raw["aliases"] if isinstance(raw.get("aliases"), list) else []
        given = _text(raw.get("id"))
        terms.append(
            Term(
                id=given or slugify(name),
                term=name,
                aliases=tuple(a for a in map(_text, aliases) if a),
                short=" ".join(short.split()),
                definition=raw["definition"] if isinstance(raw.get("definition"), str) else None,
                see=_text(raw.get("see")),
                position=index,
                line=page.line_of("terms", index),
            )
        )
    return terms


def check_glossary(terms: list[Term], page: Page, ids: PageIds) -> list[Problem]:
    """Duplicate ids, names claimed twice or too common, ``see:`` naming no page."""
    problems = []

    def line(term: Term, key: str) -> int | None:
        return page.line_of("terms", term.position, key)

    by_id: dict[str, Term] = {}
    for term in terms:
        if not term.id:
            problems.append(
                Problem(
                    page.src,
                    term.line,
                    f"glossary term '{term.term}' has no "
                    "letters or digits to make its id from: give it an 'id:'",
                )
            )
        elif term.id in by_id:
            first = by_id[term.id]
            problems.append(
                Problem(
                    page.src,
                    line(term, "id"),
                    f"glossary term '{term.term}' has "
                    f"the id '{term.id}', already used by '{first.term}' (line "
                    f"{first.line}); give one of them a different 'id:'",
                )
            )
        else:
            by_id[term.id] = term
        if term.see is not None:
            target = term.see.partition("#")[0]
            if ids.src_of(target) is None:
                problems.append(
                    Problem(
                        page.src,
                        line(term, "see"),
                        f"glossary term "
                        f"'{term.term}': 'see: {term.see}' names no page; " + ids.unknown(target),
                    )
                )
        for name in term.names:
            if normalise(name) in STOP_NAMES or len(normalise(name)) < 3:
                problems.append(
                    Problem(
                        page.src,
                        line(term, "aliases" if name in term.aliases else "term"),
                        f"glossary term '{term.term}': the name '{name}' is too "
                        "common or short: it would be linked on every page",
                    )
                )
    owner: dict[str, Term] = {}
    for term in terms:
        for name in term.names:
            for form in variants(name):
                first = owner.setdefault(form, term)
                if first.id != term.id:
                    problems.append(
                        Problem(
                            page.src,
                            line(term, "aliases"),
                            f"glossary term "
                            f"'{term.term}' uses the name '{form}', which already "
                            f"belongs to '{first.term}'; a name (or its plural) "
                            "may belong to one term only",
                        )
                    )
    return problems


# --------------------------------------------------------------------------- the glossary page


def render_glossary(terms: list[Term], *, see_link: Callable[[str], tuple[str, str] | None]) -> str:
    """The glossary's body: one ``## Term { #id }`` section per term, alphabetical.

    ``see_link(page_ref)`` gives ``(title, link target)`` for a ``see:`` entry.
    """
    parts, seen = [], set()
    for term in sorted(terms, key=lambda t: (t.term.casefold(), t.id)):
        if term.id in seen or not term.id:
            continue
        seen.add(term.id)
        heading = plain_label(term.term).replace("#", "\\#")
        parts.append(f"## {heading} {{ #{term.id} }}\n")
        parts.append(inert_html(term.short) + "\n")
        if term.definition and term.definition.strip():
            parts.append(inert_html(term.definition.strip()) + "\n")
        if term.aliases:
            parts.append("Also called: " + ", ".join(plain_label(a) for a in term.aliases) + ".\n")
        target = see_link(term.see) if term.see else None
        if target is not None:
            parts.append(f"More: [{plain_label(target[0])}]({target[1]})\n")
    return "\n".join(parts)


# --------------------------------------------------------------------------- term links


class Matcher(NamedTuple):
    """Every term name and its plural in one expression shaped like a trie (at
    1,000 pages one pass of it costs a fraction of one expression per term)."""

    pattern: re.Pattern[str] | None
    ids: dict[str, str]
    """Normalised name (``"project funds"``) -> term id."""

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, term id)`` of every name in ``text``, left to right."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            term_id = self.ids.get(normalise(match.group()))
            if term_id is not None:
                yield match.start(), match.end(), term_id


def _trie_pattern(words: Iterable[str]) -> str:
    """One expression for many words, factored like a trie; a space matches any whitespace."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(trie)


def _branch(node: dict[str, Any]) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _branch(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a name ends here; greedy, so the longer name wins
        body = f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def build_matcher(terms: Iterable[Term]) -> Matcher:
    """Compile every term's names (and plurals), whole words only, any case."""
    ids: dict[str, str] = {}
    for term in terms:
        for name in term.names:
            for form in variants(name):
                ids.setdefault(form, term.id)
    if not ids:
        return Matcher(None, ids)
    pattern = re.compile(r"(?<![\w-])(?:" + _trie_pattern(ids) + r")(?![\w-])", re.IGNORECASE)
    return Matcher(pattern, ids)


def _skipped(element: etree.Element) -> bool:
    if element.tag in SKIP_TAGS or "data-generated" in element.attrib:
        return True
    classes = element.get("class") or ""
    return not SKIP_CLASSES.isdisjoint(classes.split())


def _is_lead(element: etree.Element, previous: etree.Element | None) -> bool:
    """A paragraph readers read first: the page's short answer, or the first paragraph
    after a heading (it holds the section's first sentence)."""
    if element.tag != "p":
        return False
    if previous is None or previous.tag in ("h1", "h2", "h3", "h4"):
        return True
    first = element[0] if len(element) else None
    return (
        first is not None
        and first.tag == "strong"
        and not (element.text or "").strip()
        and ((first.text or "").lower().startswith("short answer"))
    )


class _Texts:
    """The texts a reader sees, in document order, with the element each belongs to."""

    def __init__(self, root: etree.Element) -> None:
        self.texts: list[str] = []
        self.owners: list[tuple[etree.Element, etree.Element | None]] = []
        """For text ``i``: (element, None) for its ``text``, (element, parent) for its ``tail``."""
        self._visit(root)

    def _visit(self, element: etree.Element) -> None:
        if element.text and not element.text.isspace():
            self.texts.append(element.text)
            self.owners.append((element, None))
        previous = None
        for child in element:
            if not _skipped(child) and not _is_lead(child, previous):
                self._visit(child)
            if child.tail and not child.tail.isspace():
                self.texts.append(child.tail)
                self.owners.append((child, element))
            previous = child


def link_terms(
    root: etree.Element,
    matcher: Matcher,
    *,
    href_for: Callable[[str], str],
    short_of: dict[str, str],
    already: Iterable[str] = (),
    limit: int = MAX_LINKS,
) -> list[str]:
    """Link the first use of each term in ``root``, in document order, at most ``limit``
    terms; never in headings, links, code, leads (:func:`_is_lead`), nor a phrase
    that points elsewhere on the page ("the pause below"). Returns the ids linked."""
    if matcher.pattern is None or limit <= 0:
        return []
    collected = _Texts(root)
    texts = collected.texts
    if not texts:
        return []
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    joined = "\x00".join(texts)
    done, linked = set(already), []
    found: dict[int, list[tuple[int, int, str]]] = {}
    for start, end, term_id in matcher.find(joined):
        if term_id in done or _POINTER.match(joined, end):
            continue
        n = bisect.bisect_right(starts, start) - 1
        done.add(term_id)
        linked.append(term_id)
        found.setdefault(n, []).append((start - starts[n], end - starts[n], term_id))
        if len(linked) == limit:
            break
    for n, matches in found.items():
        _split(texts[n], collected.owners[n], matches, href_for, short_of)
    return linked


def _split(
    text: str,
    owner: tuple[etree.Element, etree.Element | None],
    matches: list[tuple[int, int, str]],
    href_for: Callable[[str], str],
    short_of: dict[str, str],
) -> None:
    """Replace one text with itself and links to terms."""
    anchors: list[etree.Element] = []
    cursor, head = 0, ""
    for start, end, term_id in matches:
        anchor = etree.Element(
            "a", {"href": href_for(term_id), "class": LINK_CLASS, "title": short_of[term_id]}
        )
        anchor.text = text[start:end]
        if anchors:
            anchors[-1].tail = text[cursor:start]
        else:
            head = text[cursor:start]
        anchors.append(anchor)
        cursor = end
    anchors[-1].tail = text[cursor:]
    element, parent = owner
    if parent is None:
        element.text = head
        for offset, anchor in enumerate(anchors):
            element.insert(offset, anchor)
    else:
        element.tail = head
        after = list(parent).index(element) + 1
        for offset, anchor in enumerate(anchors):
            parent.insert(after + offset, anchor)


def ids_linked(root: etree.Element, glossary_link: str) -> set[str]:
    """Term ids the page already links to by hand (``[escrow](../glossary.md#escrow)``)."""
    prefix = glossary_link + "#"
    return {href[len(prefix) :] for a in root.iter("a") if (href := a.get("href") or "").startswith(prefix)}
