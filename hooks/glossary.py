"""Glossary: one source of terms, a generated glossary page, and term links on every page.

The source
----------

``docs/glossary.md`` (``kind: glossary``) lists its terms in front matter
under ``terms:`` (schema: :class:`page_schema.GlossaryTerm`)::

    terms:
      - term: Escrow
        aliases: [project funds]
        short: Money a client puts aside for a milestone before work starts.
        definition: |
          Longer Markdown, shown on the glossary page only.
        see: basics/escrow           # page id of the article that explains it

What the hook does
------------------

* ``on_files`` reads the glossary's front matter once and checks it: two terms
  with the same id, a term or alias used twice (also through its plural), a
  ``see:`` that names no page. One problem per mistake, ``glossary.md:line``.
* ``on_page_markdown`` (glossary page only) appends one ``## Term { #id }``
  section per term, alphabetical: the short definition, the longer one,
  "Also called ...", and "More: [Title](page.md)". It is Markdown, so MkDocs
  checks the links and collects the anchors.
* Term links are added by a Python-Markdown treeprocessor that this hook
  registers in ``on_config`` (:class:`GlossaryLinkExtension`). It runs on the
  element tree last, *after* MkDocs' own link processor (priority 0), and
  writes each link's final address: the glossary page's URL relative to the
  page's URL (MkDocs' own function, so ``use_directory_urls`` is honoured),
  plus ``#term-id``. MkDocs' processor costs about 15 µs per link (it looks
  the file up and records the anchor for its check); the 1,000-page benchmark
  site has about 5,500 term links, so the hook checks them itself: ``on_env``
  (after every page has rendered) fails the build if a term id that was
  linked is not an anchor of the built glossary page. No HTML is parsed and
  no link is written as raw HTML.

  On every page except the glossary, the first occurrence of each term or
  alias (any case, simple plurals, whole words) becomes
  ``<a class="glossary-link" href=... title="short definition">``. Never
  inside headings, links, code, buttons, labels, summaries, admonition titles,
  abbreviations or anything marked ``data-generated`` or ``.no-glossary``; at
  most one link per term and page (a link a writer made to the entry counts).
  The ``title`` is shown as an accessible tooltip by Material's
  ``content.tooltips`` feature (on hover and on keyboard focus).

All terms are matched by one compiled regular expression shaped like a trie,
run once over all the texts of a page (:func:`link_terms`).
"""

from __future__ import annotations

import bisect
import difflib
import re
import time
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from markdown.util import HTML_PLACEHOLDER_RE as _PLACEHOLDER
from markdown_ext import StateExtension, StateTreeprocessor
from markdown_text import inert_html, plain_label
from pageyaml import ParsedYaml, key_lines, parse_yaml, split_front_matter
from problems import Problem, hook_logger
from site_urls import relative_url

log = hook_logger("glossary")

GLOSSARY_SRC = "glossary.md"
"""Where the glossary lives, relative to ``docs/``."""

LINK_CLASS = "glossary-link"

SKIP_TAGS = frozenset(
    "a abbr button code dfn h1 h2 h3 h4 h5 h6 input kbd label math pre samp script select "
    "style summary sup svg textarea".split()
)
"""Elements whose text never gets a term link (nor does anything inside them)."""

_STX = "\x02"
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?>")


def _single_tag(raw: object) -> tuple[bool, str] | None:
    """``(closing, name)`` when ``raw`` is exactly one opening or closing tag, else ``None``."""
    if not isinstance(raw, str):
        return None
    match = _TAG.fullmatch(raw.strip())
    if match is None or raw.rstrip().endswith("/>"):
        return None
    return bool(match.group(1)), match.group(2).lower()


VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
"""HTML elements without content or closing tag."""

SKIP_CLASSES = frozenset({"admonition-title", "no-glossary", "headerlink", "tabbed-labels"})


# --------------------------------------------------------------------------- data


class Term(NamedTuple):
    """One glossary entry, ready for matching and rendering."""

    id: str
    """Anchor on the glossary page, e.g. ``escrow``."""
    term: str
    """The term as shown, e.g. ``Escrow``."""
    aliases: tuple[str, ...]
    """Other names readers use."""
    short: str
    """One-sentence definition (the tooltip)."""
    definition: str | None = None
    """Longer Markdown for the glossary page."""
    see: str | None = None
    """Page id (optionally ``#anchor``) of the article that explains the term."""
    line: int | None = None
    """Line of the entry in ``glossary.md``."""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.term, *self.aliases)


class Matcher(NamedTuple):
    """All term names and their plurals, compiled into one expression."""

    pattern: re.Pattern[str] | None
    """Matches any name as a whole word, as group 1, in *lowercased* text after one
    character that is not part of a word (``find`` puts ``"\\x00"`` first);
    ``None`` when there are no terms."""
    ids: dict[str, str]
    """Normalised matched text (``"project funds"``) -> term id."""

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Yield ``(start, end, term id)`` for every name in ``text``, left to right.

        Matching runs on ``text.lower()`` with a case-sensitive pattern (about
        four times faster than ``re.IGNORECASE``); in the rare text whose
        lowercase has another length (some non-ASCII letters), positions would
        shift, so that text is matched case-insensitively instead.
        """
        if self.pattern is None:
            return
        lower = text.lower()
        if len(lower) == len(text):
            matches = self.pattern.finditer("\x00" + lower)
        else:
            matches = re.compile(self.pattern.pattern, re.IGNORECASE).finditer("\x00" + text)
        ids = self.ids
        for match in matches:
            found = match.group(1)
            term_id = ids.get(found) or ids.get(normalise(found))
            if term_id is not None:
                yield match.start(1) - 1, match.end(1) - 1, term_id


# --------------------------------------------------------------------------- names and matching


def slugify(text: str) -> str:
    """``"Job Success Score (JSS)"`` -> ``"job-success-score-jss"``."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def normalise(name: str) -> str:
    """Lowercase, single spaces: the key under which a name is looked up."""
    return " ".join(name.lower().split())


def variants(name: str) -> list[str]:
    """The name and its simple English plurals (the last word takes the plural)."""
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


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression for many words, factored like a trie.

    Alternatives sharing a prefix share its match, so the engine tries each
    start position once per distinct first character instead of once per word.
    Spaces inside names match any run of whitespace (Markdown keeps line breaks
    inside paragraphs).
    """
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            # Greedy: the longer name wins ("escrow account" over "escrow").
            body = ("(?:" + body + ")?") if len(branches) > 1 or len(body) > 1 else body + "?"
        return body

    return build(trie)


_WORD_END = re.compile(r"[\w-]")


def build_matcher(
    terms: Iterable[Term], *, compile: bool = True
) -> tuple[Matcher, list[tuple[str, str, str]]]:
    """Compile every term's names (and plurals) into one :class:`Matcher`.

    Also returns clashes ``(form, first id, second id)``: one written form that
    two different terms claim (the first one keeps it). With ``compile=False``
    only the names and clashes are computed (the pattern is ``None``).
    """
    ids: dict[str, str] = {}
    clashes: list[tuple[str, str, str]] = []
    for term in terms:
        for name in term.names:
            for form in variants(name):
                owner = ids.setdefault(form, term.id)
                if owner != term.id:
                    clashes.append((form, owner, term.id))
    if not ids or not compile:
        return Matcher(None, ids), clashes
    # A name must not follow a letter, digit, "_" or "-". Written as one character
    # that is none of these, not as a look-behind, the pattern starts with a
    # character set, which Python's engine checks in a tight loop before it tries
    # the names (28 % fewer instructions for a page: BENCHMARKS.md). It consumes
    # that character, so a name that ends in punctuation could hide a name right
    # after it: for such names, the look-behind.
    if all(_WORD_END.match(form[-1]) for form in ids):
        before = r"[^\w-]"
    else:
        before = r"(?<![\w-])"
    pattern = re.compile(before + "(" + _trie_pattern(ids) + r")(?![\w-])")
    return Matcher(pattern, ids), clashes


# --------------------------------------------------------------------------- reading and checking


def _entry_lines(parsed: ParsedYaml, first_line: int) -> list[dict[str, int]]:
    """For each item under ``terms:``, the line of the item (key ``""``) and of each of its keys."""
    rows: dict[int, dict[str, int]] = {}
    for path, line in key_lines(parsed, first_line).items():
        if len(path) >= 2 and path[0] == "terms" and isinstance(path[1], int):
            row = rows.setdefault(path[1], {})
            if len(path) == 2:
                row[""] = line
            elif len(path) == 3:
                row[str(path[2])] = line
    return [rows[index] for index in sorted(rows)]


def parse_glossary(source: str) -> list[Term]:
    """The terms of ``glossary.md`` (the front-matter hook reports entries the schema rejects)."""
    yaml_text, first = split_front_matter(source)
    if yaml_text is None:
        return []
    parsed = parse_yaml(yaml_text)  # the same parse the front-matter hook made
    data = parsed.data
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        return []
    lines = _entry_lines(parsed, first)
    terms = []
    for index, raw in enumerate(data["terms"]):
        term = _term_from(raw, line=lines[index].get("") if index < len(lines) else None)
        if term is not None:
            terms.append(term)
    return terms


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _term_from(raw: object, *, line: int | None) -> Term | None:
    """One ``terms:`` entry as a :class:`Term`, read the way the schema reads it
    (``page_schema.GlossaryTerm``: names and the short definition stripped, ``id``
    defaulting to the slug of the term).

    The front-matter hook checks the entries against the schema and reports each
    problem (the build then fails); this only reads them, so that the glossary
    does not import pydantic on a build whose pages are all known valid. An entry
    without a usable term or short definition is left out.
    """
    if not isinstance(raw, dict):
        return None
    name, short = _text(raw.get("term")), _text(raw.get("short"))
    if name is None or short is None:
        return None
    aliases = raw.get("aliases") or []
    definition, see, given_id = raw.get("definition"), raw.get("see"), raw.get("id")
    return Term(
        id=given_id if isinstance(given_id, str) and given_id else slugify(name),
        term=name,
        aliases=tuple(a for a in map(_text, aliases if isinstance(aliases, list) else []) if a),
        short=short,
        definition=definition if isinstance(definition, str) else None,
        see=see if isinstance(see, str) and see else None,
        line=line,
    )


def check_glossary(
    terms: list[Term], *, pages: set[str], source: str = "", path: str = GLOSSARY_SRC
) -> list[Problem]:
    """Problems in the terms: duplicate ids, names claimed twice, ``see:`` to no page."""
    problems = []
    yaml_text, first = split_front_matter(source)
    lines = _entry_lines(parse_yaml(yaml_text), first) if yaml_text else []
    by_line = {row.get(""): row for row in lines}
    seen_ids: dict[str, Term] = {}
    for term in terms:
        row = by_line.get(term.line, {})
        if term.id in seen_ids:
            problems.append(
                Problem(
                    path,
                    row.get("id", term.line),
                    f"glossary term '{term.term}' has the id '{term.id}', already used by "
                    f"'{seen_ids[term.id].term}' (line {seen_ids[term.id].line}); "
                    "give one of them a different 'id:'",
                )
            )
        else:
            seen_ids[term.id] = term
        if term.see is not None:
            page, _, _ = term.see.partition("#")
            if f"{page}.md" not in pages:
                problems.append(
                    Problem(
                        path,
                        row.get("see", term.line),
                        f"glossary term '{term.term}': 'see: {term.see}' names no page; "
                        + _did_you_mean(page, pages),
                    )
                )
    _, clashes = build_matcher(terms, compile=False)
    term_of: dict[str, Term] = {}
    for term in terms:
        term_of.setdefault(term.id, term)
    reported = set()
    for form, first_id, second_id in clashes:
        if (form, second_id) in reported or first_id not in term_of or second_id not in term_of:
            continue
        reported.add((form, second_id))
        second = term_of[second_id]
        if first_id == second_id:
            continue
        problems.append(
            Problem(
                path,
                by_line.get(second.line, {}).get("aliases", second.line),
                f"glossary term '{second.term}' uses the name '{form}', which already belongs to "
                f"'{term_of[first_id].term}'; a name (or its plural) may belong to one term only",
            )
        )
    return problems


def _did_you_mean(page_id: str, pages: set[str]) -> str:
    ids = sorted(p[:-3] for p in pages if p.endswith(".md"))
    close = difflib.get_close_matches(page_id, ids, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "use a page id such as 'freelancer/end-hourly' (the path under docs/ without .md)"


_TITLE_LINE = re.compile(r"^title:[ \t]*(.*?)[ \t]*$", re.M)
_PLAIN_TITLE = re.compile(r"[A-Za-z][^#:'\"{}\[\]&*!|>%@`\\]*")
_YAML_WORDS = frozenset("null true false yes no on off y n".split())


def front_matter_title(source: str) -> str | None:
    """The ``title:`` from a page's front matter, or ``None``.

    A title written as plain words on one line (``title: Ending a contract``), or
    in quotes without quotes or backslashes inside, is read from that line: no YAML
    parse for each page the glossary points to. Anything else (a colon, a ``#``,
    an escape, a title continued on the next line) goes through the YAML parser.
    """
    yaml_text, _ = split_front_matter(source)
    if not yaml_text:
        return None
    found = list(_TITLE_LINE.finditer(yaml_text))
    if len(found) == 1:
        value = found[0].group(1)
        # A plain scalar goes on, over blank lines, into the next indented line.
        rest = yaml_text[found[0].end() :].split("\n")[1:]
        following = next((line for line in rest if line.strip()), "")
        continued = following[:1] in (" ", "\t")
        if not continued:
            if value[:1] in "\"'" and len(value) > 1 and value[-1] == value[0]:
                inner = value[1:-1]
                if value[0] not in inner and "\\" not in inner:
                    return inner.strip() or None
            elif _PLAIN_TITLE.fullmatch(value) and value.lower() not in _YAML_WORDS:
                return value
    data = parse_yaml(yaml_text).data
    title = data.get("title") if isinstance(data, dict) else None
    return str(title).strip() if title else None


# --------------------------------------------------------------------------- the glossary page


def render_glossary(terms: list[Term], *, titles: dict[str, str]) -> str:
    """The glossary's body: one ``## Term { #id }`` section per term, alphabetical.

    ``titles`` maps page ids to their titles, for the "More:" links. Links are
    relative to ``glossary.md`` (at the root of ``docs/``).
    """
    seen = set()
    parts = []
    for term in sorted(terms, key=lambda t: (t.term.casefold(), t.id)):
        if term.id in seen:
            continue
        seen.add(term.id)
        parts.append(f"## {_md_heading(term.term)} {{ #{term.id} }}\n")
        parts.append(inert_html(term.short.strip()) + "\n")
        if term.definition and term.definition.strip():
            parts.append(inert_html(term.definition.strip()) + "\n")
        if term.aliases:
            parts.append("Also called: " + ", ".join(_md_text(a) for a in term.aliases) + ".\n")
        if term.see:
            page, _, anchor = term.see.partition("#")
            title = titles.get(page, page)
            target = f"{page}.md" + (f"#{anchor}" if anchor else "")
            parts.append(f"More: [{_md_text(title)}]({target})\n")
    return "\n".join(parts)


def _md_text(text: str) -> str:
    """Escape text for a Markdown link label or inline text."""
    return plain_label(text)


def _md_heading(text: str) -> str:
    return _md_text(text).replace("{", "\\{").replace("#", "\\#")


# --------------------------------------------------------------------------- term links


def _skipped(element: etree.Element) -> bool:
    if element.tag in SKIP_TAGS or "data-generated" in element.attrib:
        return True
    classes = element.get("class")
    return bool(classes) and not SKIP_CLASSES.isdisjoint(classes.split())


def _collect_texts(
    element: etree.Element,
    texts: list[str],
    owners: list[etree.Element],
    parents: list[etree.Element | None],
) -> None:
    """Append the texts under ``element`` in document order: its own text, then each
    child's subtree (unless :func:`_skipped`), then that child's tail. For text ``i``,
    ``owners[i]`` is the element whose ``text`` it is (``parents[i]`` is ``None``) or
    whose ``tail`` it is (``parents[i]`` is the element holding it).

    A module-level function: an inner function that calls itself is a reference cycle,
    which would keep these lists, and the page's tree, alive until Python's cycle
    collector runs.
    """
    text = element.text
    if text and not text.isspace():
        texts.append(text)
        owners.append(element)
        parents.append(None)
    for child in element:
        if not _skipped(child):
            _collect_texts(child, texts, owners, parents)
        tail = child.tail
        if tail and not tail.isspace():
            texts.append(tail)
            owners.append(child)
            parents.append(element)


def link_terms(
    root: etree.Element,
    matcher: Matcher,
    *,
    href_for: Callable[[str], str],
    short_of: dict[str, str],
    already: Iterable[str] = (),
    raw_html: Sequence[str] = (),
) -> list[str]:
    """Link the first occurrence of each term in ``root``, in document order.

    ``href_for(term_id)`` gives the link target; ``short_of`` the tooltip.
    Terms in ``already`` are not linked again. Returns the ids linked.

    ``raw_html`` is Python-Markdown's stash (``md.htmlStash.rawHtmlBlocks``):
    inline HTML such as ``<label for=x>escrow</label>`` stays in the text as one
    placeholder per tag, so text between a stashed opening and closing tag of
    an element in :data:`SKIP_TAGS` is skipped too.
    """
    if matcher.pattern is None:
        return []
    done = set(already)
    linked: list[str] = []
    raw_depth = 0

    def skipped_spans(text: str) -> list[tuple[int, int]]:
        """Parts of ``text`` inside raw inline HTML elements that must not get links."""
        nonlocal raw_depth
        spans = []
        start = 0 if raw_depth else None
        for placeholder in _PLACEHOLDER.finditer(text):
            index = int(placeholder.group(1))
            tag = _single_tag(raw_html[index]) if index < len(raw_html) else None
            if tag is None or tag[1] not in SKIP_TAGS or tag[1] in VOID_TAGS:
                continue  # a void element (<input>) has no closing tag and holds no text
            if not tag[0]:
                if raw_depth == 0:
                    start = placeholder.start()
                raw_depth += 1
            elif raw_depth:
                raw_depth -= 1
                if raw_depth == 0 and start is not None:
                    spans.append((start, placeholder.end()))
                    start = None
        if start is not None:
            spans.append((start, len(text)))
        return spans

    # 1. The texts a reader sees, in document order (see _collect_texts).
    texts: list[str] = []
    owners: list[etree.Element] = []
    parents: list[etree.Element | None] = []
    _collect_texts(root, texts, owners, parents)
    if not texts:
        return []
    spans = {
        n: skipped_spans(text)
        for n, text in enumerate(texts)
        if raw_depth or _STX in text  # raw_depth carries over from text to text, in order
    }

    # 2. One pass of the matcher over all of them ("\x00" keeps texts apart), first
    #    occurrences only.
    starts, position = [], 0
    for text in texts:
        starts.append(position)
        position += len(text) + 1
    found: dict[int, list[tuple[int, int, str]]] = {}
    for start, end, term_id in matcher.find("\x00".join(texts)):
        if term_id in done:
            continue
        n = bisect.bisect_right(starts, start) - 1
        local = start - starts[n]
        if any(a <= local < b for a, b in spans.get(n, ())):
            continue
        done.add(term_id)
        linked.append(term_id)
        found.setdefault(n, []).append((local, end - starts[n], term_id))

    # 3. Split the texts that got links.
    for n, matches in found.items():
        text = texts[n]
        anchors, cursor, head = [], 0, ""
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
        owner, parent = owners[n], parents[n]
        if parent is None:
            owner.text = head
            for offset, anchor in enumerate(anchors):
                owner.insert(offset, anchor)
        else:
            owner.tail = head
            after = next(i for i, child in enumerate(parent) if child is owner) + 1
            for offset, anchor in enumerate(anchors):
                parent.insert(after + offset, anchor)
    return linked


def glossary_ids_linked(root: etree.Element, glossary_href: str) -> set[str]:
    """Term ids the page already links to by hand (``[escrow](../glossary.md#escrow)``)."""
    prefix = glossary_href + "#"
    return {
        href[len(prefix) :]
        for a in root.iter("a")
        if (href := a.get("href") or "").startswith(prefix)
    }


class _LinkTermsProcessor(StateTreeprocessor):
    """Links glossary terms in the page being rendered (see :func:`link_terms`)."""

    def run(self, root: etree.Element) -> None:
        state = self.state
        src = state.current
        if (
            src is None
            or src == GLOSSARY_SRC
            or state.matcher.pattern is None
            or state.glossary_url is None
            or state.current_url is None
        ):
            return None
        started = time.process_time()
        # MkDocs has already rewritten the page's own links (priority 0): a link a writer
        # made to an entry reads like the ones made here.
        href = relative_url(state.glossary_url, state.current_url)
        by_hand = glossary_ids_linked(root, href)
        linked = link_terms(
            root,
            state.matcher,
            href_for=lambda term_id: f"{href}#{term_id}",
            short_of=state.short_of,
            already=by_hand,
            raw_html=self.md.htmlStash.rawHtmlBlocks,
        )
        state.linked_on[src] = tuple(by_hand.union(linked))  # not a set: see linked_on
        state.used.update(linked)
        state.links += len(linked)
        state.pages += 1
        state.seconds += time.process_time() - started
        return None


class GlossaryLinkExtension(StateExtension):
    """Python-Markdown extension: glossary term links, before MkDocs checks links.

    Priority -1: after ``inline`` (20), ``attr_list`` (8), ``toc`` (5), MkDocs'
    title extraction (1) and link rewriting (0); the links it makes are final
    and checked by the hook itself (see the module's docstring).
    """

    processor = _LinkTermsProcessor
    name = "glossary_links"
    priority = -1


# --------------------------------------------------------------------------- per-build state
# Kept here, not in the hook module (glossary_hook.py): MkDocs loads a hook from its file
# as a module of its own, while checklists.py and shortrefs.py import this one by name.
# One module, one state: what the term links recorded is what the checklists read.


@dataclass
class _State:
    """Per-build state, reset in ``on_config``."""

    terms: list[Term] = field(default_factory=list)
    matcher: Matcher = field(default_factory=lambda: Matcher(None, {}))
    short_of: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    current: str | None = None
    """``src_uri`` of the page being rendered; ``None`` between pages."""
    current_url: str | None = None
    """Its URL (``freelancer/end-hourly/``)."""
    glossary_url: str | None = None
    """URL of the glossary page; ``None`` when the site has none."""
    used: set[str] = field(default_factory=set)
    """Every term id linked by this hook on any page: each must be an anchor of the glossary."""
    linked_on: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Page ``src_uri`` -> the term ids it links to (term links and links made by hand).
    Tuples, not sets: Python's garbage collector stops tracking a tuple of strings, while
    a set per page stays tracked and makes full collections come sooner."""
    links: int = 0
    pages: int = 0
    seconds: float = 0.0


_state = _State()


def start_build() -> _State:
    """A fresh state for a new build (``on_config``, also on each ``mkdocs serve`` rebuild)."""
    global _state
    _state = _State()
    return _state


def build_state() -> _State:
    """The state of the build in progress."""
    return _state


def terms_linked_on(src: str) -> frozenset[str]:
    """The glossary entries the page ``src`` links to, once it has been rendered.

    For content added to the page after Markdown (an embedded checklist), so
    that it keeps to one link per term and page.
    """
    return frozenset(_state.linked_on.get(src, ()))


def missing_entries(used: Iterable[str], anchors: Iterable[str]) -> list[str]:
    """Term ids that were linked but are not anchors of the built glossary page."""
    return sorted(set(used) - set(anchors))
