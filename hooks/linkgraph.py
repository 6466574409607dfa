"""Link graph: "Related", "Questions about this in the FAQ" and "Linked from" on each article.

Nothing here is maintained by hand; it is computed from the content on every
build, then shown by ``overrides/partials/crosslinks.html`` after the article.

* **Related** (articles and checklist pages): the page's own ``related:`` list
  first (each id checked: unknown ids, the page itself and repeats are
  problems at their line), then the pages that share the most, rarest tags,
  the same audience and the same contract type. Deterministic (ties go by
  title, then path), never the page itself, at most :data:`MAX_RELATED`.
* **Questions about this in the FAQ**: ``faq.md`` has one ``### Question?``
  heading per question; each answer ends with ``More: [Title](page.md)``. Each
  question is listed on the page(s) its "More:" line points to, linking to the
  question's anchor. A question without a "More:" link is a problem.
* **Linked from**: every page with a Markdown link to this one.

How
---

Collect, then emit. While pages render, a Python-Markdown treeprocessor
(registered in ``on_config``, priority 4: after the table of contents has set
heading ids, before MkDocs rewrites links) reads each page's links while they
still name ``.md`` files, and on the FAQ page its questions. No HTML is parsed.
``on_env`` (after every page has rendered, before any template) builds the
blocks with hrefs relative to the page and puts them, as escaped HTML
(:func:`render_crosslinks`), in ``page.meta["crosslinks"]``; it
checks every href it made: it must lead to a built page and, with an anchor, to
an id that page really has. A link to nowhere is a problem, so ``--strict``
fails. Template output is not in ``page.content``, so search does not index
these lists (on purpose), and each block carries ``data-generated`` so that
print and PDF styles can drop it.
"""

from __future__ import annotations

import difflib
import heapq
import html
import math
import posixpath
import xml.etree.ElementTree as etree
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlsplit

from markdown_ext import StateExtension, StateTreeprocessor, install_extension
from pageyaml import key_lines, parse_yaml, split_front_matter
from problems import Problem, hook_logger, report
from site_urls import check_href, normal_url, relative_url

log = hook_logger("linkgraph")

MAX_RELATED = 5
SHOWN_ON = frozenset({"article", "checklist"})
"""Page kinds that get the generated blocks."""
RELATED_KINDS = frozenset({"article", "checklist"})
"""Page kinds that may be suggested as related (explicit ``related:`` may name any page)."""


# --------------------------------------------------------------------------- data


class PageFacts(NamedTuple):
    """What the graph needs to know about one page (from its front matter)."""

    src: str
    """``freelancer/end-hourly.md``."""
    title: str
    kind: str = "article"
    audience: str = "both"
    contract_type: str = "both"
    tags: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    """Explicit ``related:`` page ids, in the author's order."""


class FaqQuestion(NamedTuple):
    """One FAQ question and the pages its answer sends the reader to."""

    anchor: str
    """Id of the question's heading on the FAQ page."""
    text: str
    """The question as shown."""
    targets: tuple[str, ...]
    """``src_uri`` of each page its "More:" line links to."""
    has_more: bool = True
    """Whether the answer has a "More:" link at all (a broken one is MkDocs' to report)."""


# The results are tuples (NamedTuple): one per link on every page lives until the templates
# render, and tuples of strings are not tracked by Python's garbage collector.


class CrossLink(NamedTuple):
    """One generated link, ready for the template."""

    title: str
    href: str
    """Relative to the page that shows it."""


class CrossBlock(NamedTuple):
    """One generated list (``kind`` is also its ``data-generated`` value)."""

    kind: str
    heading: str
    links: tuple[CrossLink, ...]


class CrossLinks(NamedTuple):
    """Everything ``crosslinks.html`` shows on one page, in order."""

    blocks: tuple[CrossBlock, ...]


# --------------------------------------------------------------------------- related pages


def page_src(page_id: str, known: Iterable[str]) -> str | None:
    """``freelancer/end-hourly`` -> ``freelancer/end-hourly.md`` (or its ``index.md``), if known."""
    known = known if isinstance(known, set | frozenset | dict) else set(known)
    page_id = page_id.strip().strip("/")
    for candidate in (f"{page_id}.md", f"{page_id}/index.md"):
        if candidate in known:
            return candidate
    return None


def check_related(page: PageFacts, known: Iterable[str]) -> list[tuple[str, str]]:
    """Problems in a page's explicit ``related:`` list, as ``(entry, message)``."""
    known = known if isinstance(known, set | frozenset | dict) else set(known)
    problems = []
    seen = set()
    for entry in page.related:
        page_id = entry.partition("#")[0]
        src = page_src(page_id, known)
        if src is None:
            ids = sorted(src[:-3] for src in known if src.endswith(".md"))
            close = difflib.get_close_matches(page_id, ids, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else (
                "use a page id such as 'freelancer/end-hourly' (the path under docs/ without .md)")
            problems.append((entry, f"related: '{entry}' names no page; {hint}"))
        elif src == page.src and "#" not in entry:
            problems.append((entry, f"related: '{entry}' is this page itself; remove it"))
        elif entry in seen:
            problems.append((entry, f"related: '{entry}' is listed twice; remove one"))
        seen.add(entry)
    if len(page.related) > MAX_RELATED:
        problems.append((page.related[MAX_RELATED], f"related: lists {len(page.related)} pages; "
                         f"only the first {MAX_RELATED} are shown, remove the rest"))
    return problems


def _fit(mine: str, theirs: str) -> float:
    """How well two audience (or contract type) values fit: same 1, either 'both' 0.5, else -1."""
    if mine == theirs:
        return 1.0
    if "both" in (mine, theirs):
        return 0.5
    return -1.0


def related_score(page: PageFacts, other: PageFacts, *, tag_weight: Mapping[str, float]) -> float:
    """Shared tags (rarer ones weigh more) plus audience and contract-type fit.

    0 when the pages share no tag.
    """
    shared = set(page.tags) & set(other.tags)
    if not shared:
        return 0.0
    tags = sum(tag_weight.get(tag, 1.0) for tag in shared)
    fit = _fit(page.audience, other.audience) + _fit(page.contract_type, other.contract_type)
    return tags + fit


def tag_weights(pages: Iterable[PageFacts]) -> dict[str, float]:
    """Inverse document frequency of each tag: a tag on every page says little."""
    pages = list(pages)
    counts = Counter(tag for p in pages for tag in set(p.tags))
    total = len(pages) or 1
    return {tag: 1.0 + math.log(total / count) for tag, count in counts.items()}


class RelatedIndex:
    """Everything :func:`rank_related` needs, computed once per build.

    Candidates with the same tags, audience and contract type score the same
    for any page, so they form one group, scored once. Scores are summed
    through an index from tag to groups: a page costs one pass over the
    groups that share a tag with it, not over the site's pages.
    """

    SCALE = 10**6
    """Scores are kept as integers (millionths): exact sums, the same order on every run."""

    def __init__(self, pages: Mapping[str, PageFacts]) -> None:
        self.pages = pages
        candidates = sorted(
            (p for p in pages.values() if p.kind in RELATED_KINDS),
            key=lambda p: (p.title.casefold(), p.src),
        )
        # A candidate is its position in title order: ties in score go to the lower number.
        self.srcs = [p.src for p in candidates]
        self.number = {src: n for n, src in enumerate(self.srcs)}
        self.weights = {
            tag: round(weight * self.SCALE) for tag, weight in tag_weights(candidates).items()
        }
        self.fits = sorted({(p.audience, p.contract_type) for p in candidates})
        fit_number = {pair: f for f, pair in enumerate(self.fits)}
        members: dict[tuple[frozenset[str], int], list[int]] = {}
        for n, p in enumerate(candidates):
            key = (frozenset(p.tags), fit_number[(p.audience, p.contract_type)])
            members.setdefault(key, []).append(n)  # ascending: best tie-break first
        self.groups = [(fit, numbers) for (_, fit), numbers in members.items()]
        """Each group: (its audience/contract-type pair, its candidates in title order)."""
        self.by_tag: dict[str, list[int]] = {}
        for g, (tags, _) in enumerate(members):
            for tag in tags:
                self.by_tag.setdefault(tag, []).append(g)

    def computed(self, page: PageFacts, *, skip: set[str], count: int) -> list[str]:
        """The ``count`` best other pages for ``page`` by :func:`related_score`, not in ``skip``.

        Only pages sharing a tag are candidates. Sort keys are ``-score * N + number``:
        the smallest is the best score, then the first title.
        """
        if count <= 0 or not self.srcs:
            return []
        fit = [
            round((_fit(page.audience, a) + _fit(page.contract_type, c)) * self.SCALE)
            for a, c in self.fits
        ]
        skipped = {self.number[src] for src in skip if src in self.number}
        sums: dict[int, int] = {}
        for tag in set(page.tags):
            weight = self.weights.get(tag, self.SCALE)
            for g in self.by_tag.get(tag, ()):
                sums[g] = sums.get(g, 0) + weight
        size = len(self.srcs)
        keys = []
        for g, total in sums.items():
            pair, numbers = self.groups[g]
            score = total + fit[pair]
            if score <= 0:
                continue
            taken = 0
            for n in numbers:  # only the group's first `count` can make the list
                if n not in skipped:
                    keys.append(n - score * size)
                    taken += 1
                    if taken == count:
                        break
        return [self.srcs[key % size] for key in heapq.nsmallest(count, keys)]


def rank_related(
    page: PageFacts,
    pages: Mapping[str, PageFacts],
    *,
    limit: int = MAX_RELATED,
    index: RelatedIndex | None = None,
) -> list[tuple[str, str]]:
    """The related pages of ``page`` as ``(src, anchor)``, explicit ones first, at most ``limit``.

    Explicit entries that name no page (reported by :func:`check_related`),
    the page itself and repeats are skipped. Computed ones are other articles
    and checklists with a positive :func:`related_score`, best first; ties by
    title, then path, so the order never depends on build order.
    """
    chosen: list[tuple[str, str]] = []
    taken = {page.src}
    for entry in page.related:
        page_id, _, anchor = entry.partition("#")
        src = page_src(page_id, pages)
        if src is None or (src in taken and not anchor) or (src, anchor) in chosen:
            continue
        chosen.append((src, anchor))
        taken.add(src)
        if len(chosen) == limit:
            return chosen
    index = index or RelatedIndex(pages)
    chosen.extend((src, "") for src in index.computed(page, skip=taken, count=limit - len(chosen)))
    return chosen


# --------------------------------------------------------------------------- reading pages


def link_target(href: str, *, from_src: str, known: Iterable[str]) -> tuple[str, str] | None:
    """``(src, anchor)`` of a Markdown link to another page of the site, else ``None``."""
    scheme, netloc, path, _, anchor = urlsplit(href)
    if scheme or netloc or not path or path.startswith("/") or not path.endswith(".md"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(from_src), path))
    return (target, anchor) if target in known else None


def collect_links(root: etree.Element, *, from_src: str, known: Iterable[str]) -> set[str]:
    """``src`` of every page ``root`` links to (not itself)."""
    found = set()
    for a in root.iter("a"):
        href = a.get("href")
        if href and ".md" in href:
            target = link_target(href, from_src=from_src, known=known)
            if target is not None and target[0] != from_src:
                found.add(target[0])
    return found


def _text(element: etree.Element) -> str:
    """Visible text of a heading, without the permalink sign."""
    parts = [element.text or ""]
    for child in element:
        if "headerlink" not in (child.get("class") or "").split():
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def more_links(paragraph: etree.Element, marker: str = "More:") -> list[etree.Element]:
    """The links that follow ``marker`` in a paragraph (``... More: [Title](page.md)``)."""
    seen = marker in (paragraph.text or "")
    found = []
    for child in paragraph:
        if seen:
            found.extend(child.iter("a"))
        elif marker in "".join(child.itertext()):
            seen = True
        if child.tail and marker in child.tail:
            seen = True
    return found


def faq_questions(root: etree.Element, *, from_src: str, known: Iterable[str]) -> list[FaqQuestion]:
    """Each ``### Question?`` of a FAQ page and the pages its "More:" line links to.

    A question's answer is everything after its heading up to the next ``h2``
    or ``h3``. Its "More:" links are the links after "More:" in a paragraph.
    """
    known = set(known)
    questions: list[FaqQuestion] = []
    current: etree.Element | None = None
    targets: list[str] = []
    has_more = False

    def close() -> None:
        if current is not None:
            questions.append(
                FaqQuestion(current.get("id", ""), _text(current), tuple(targets), has_more)
            )

    for element in root:
        if element.tag in ("h1", "h2", "h3"):
            close()
            current = element if element.tag == "h3" else None
            targets = []
            has_more = False
            continue
        if current is None:
            continue
        for paragraph in element.iter("p"):
            for a in more_links(paragraph):
                has_more = True
                target = link_target(a.get("href") or "", from_src=from_src, known=known)
                if target is not None and target[0] not in targets and target[0] != from_src:
                    targets.append(target[0])
    close()
    return questions


# --------------------------------------------------------------------------- emitting


def front_matter_line(source: str, key: str, value: str | None = None) -> int | None:
    """Line of ``key:`` in the front matter, or of the item of its list equal to ``value``."""
    yaml_text, first = split_front_matter(source)
    if yaml_text is None:
        return None
    parsed = parse_yaml(yaml_text)
    lines = key_lines(parsed, first)
    items = parsed.data.get(key) if isinstance(parsed.data, dict) else None
    if value is not None and isinstance(items, list) and value in items:
        return lines.get((key, items.index(value)))
    return lines.get((key,))


def build_crosslinks(
    mine: PageFacts,
    *,
    facts: Mapping[str, PageFacts],
    urls: Mapping[str, str],
    anchors_by_url: Mapping[str, set[str] | None],
    questions: Iterable[FaqQuestion] = (),
    faq_src: str | None = None,
    origins: Iterable[str] = (),
    index: RelatedIndex | None = None,
) -> tuple[CrossLinks | None, list[str]]:
    """The blocks shown on one page, and what is wrong with any href made for them.

    ``urls`` maps every page's ``src`` to its URL; ``anchors_by_url`` each URL
    to the ids its page has. ``origins`` are the pages linking to ``mine``.
    """
    wrong: list[str] = []

    def link(target: str, anchor: str = "", title: str | None = None) -> CrossLink:
        href = relative_url(urls[target], urls[mine.src]) + (f"#{anchor}" if anchor else "")
        problem = check_href(href, from_url=urls[mine.src], anchors_by_url=anchors_by_url)
        if problem:
            wrong.append(problem)
        shown = title or (facts[target].title if target in facts else target)
        return CrossLink(shown, href)

    blocks = []
    related = [(s, a) for s, a in rank_related(mine, facts, index=index) if s in urls]
    if related:
        blocks.append(CrossBlock("related", "Related", tuple(link(s, a) for s, a in related)))
    questions = list(questions)
    if questions and faq_src in urls:
        links = tuple(link(faq_src, q.anchor, q.text) for q in questions)
        blocks.append(CrossBlock("faq-questions", "Questions about this in the FAQ", links))
    others = set(origins) - {mine.src}
    if questions:
        others.discard(faq_src or "")  # already shown, question by question
    if others:
        ordered = sorted(
            (s for s in others if s in urls),
            key=lambda s: (facts[s].title.casefold() if s in facts else s, s),
        )
        blocks.append(CrossBlock("backlinks", "Linked from", tuple(link(s) for s in ordered)))
    return (CrossLinks(tuple(blocks)) if blocks else None), wrong


def render_crosslinks(crosslinks: CrossLinks) -> str:
    """The blocks as HTML (every text and address escaped), shown after the article.

    Each block is a ``<nav>`` named by its heading and marked ``data-generated``
    (its kind) so that print and PDF styles can drop it. Built here rather than
    in a template: one string per page instead of a template loop over objects
    kept alive until the page is written, and no dependency on the theme.
    """
    esc = html.escape
    parts = ['<div class="crosslinks">']
    for block in crosslinks.blocks:
        kind = esc(block.kind)
        parts.append(
            f'<nav class="crosslinks__block" data-generated="{kind}" '
            f'aria-labelledby="crosslinks-{kind}"><h2 id="crosslinks-{kind}">'
            f"{esc(block.heading)}</h2><ul>"
        )
        parts.extend(
            f'<li><a href="{esc(link.href)}">{esc(link.title)}</a></li>' for link in block.links
        )
        parts.append("</ul></nav>")
    parts.append("</div>")
    return "\n".join(parts)


# --------------------------------------------------------------------------- MkDocs events
# Thin adapters: read from MkDocs, call the functions above, report.


@dataclass
class _State:
    """Per-build state, reset in ``on_config``."""

    known: frozenset[str] = frozenset()
    facts: dict[str, PageFacts] = field(default_factory=dict)
    links_from: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Page -> the pages it links to. Tuples, not sets: a tuple of strings is one object
    Python's garbage collector stops tracking; a thousand live sets would make it run
    full collections more often."""
    questions: list[FaqQuestion] = field(default_factory=list)
    faq_src: str | None = None
    current: str | None = None
    current_kind: str | None = None


_state = _State()


class _CollectProcessor(StateTreeprocessor):
    """Collects the page's links (and, on the FAQ, its questions) into the link graph."""

    def run(self, root: etree.Element) -> None:
        state = self.state
        src = state.current
        if src is None:
            return None
        state.links_from[src] = tuple(collect_links(root, from_src=src, known=state.known))
        if state.current_kind == "faq":
            state.faq_src = src
            state.questions = faq_questions(root, from_src=src, known=state.known)
        return None


class LinkGraphExtension(StateExtension):
    """Python-Markdown extension: reads links and FAQ questions (priority 4, before MkDocs' 0)."""

    processor = _CollectProcessor
    name = "linkgraph_collect"
    priority = 4


def on_config(config):  # type: ignore[no-untyped-def]
    global _state
    _state = _State()
    install_extension(config, LinkGraphExtension(_state))
    return config


def on_files(files, *, config):  # type: ignore[no-untyped-def]
    _state.known = frozenset(f.src_uri for f in files.documentation_pages())
    return files


def _facts(page) -> PageFacts:  # type: ignore[no-untyped-def]
    meta = page.meta or {}

    def strings(value: object) -> tuple[str, ...]:
        return tuple(str(v) for v in value) if isinstance(value, list) else ()

    return PageFacts(
        src=page.file.src_uri,
        title=str(meta.get("title") or page.title or page.file.src_uri),
        kind=str(meta.get("kind") or "article"),
        audience=str(meta.get("audience") or "both"),
        contract_type=str(meta.get("contract_type") or "both"),
        tags=strings(meta.get("tags")),
        related=strings(meta.get("related")),
    )


def on_page_markdown(markdown, *, page, config, files):  # type: ignore[no-untyped-def]
    facts = _facts(page)
    _state.facts[facts.src] = facts
    _state.current = facts.src
    _state.current_kind = facts.kind
    return markdown


def on_page_content(html, *, page, config, files):  # type: ignore[no-untyped-def]
    _state.current = None
    return html


def on_env(env, *, config, files):  # type: ignore[no-untyped-def]
    pages = {f.src_uri: f.page for f in files.documentation_pages() if f.page is not None}
    facts = {src: _state.facts[src] for src in pages if src in _state.facts}
    anchors_by_url = {normal_url(p.file.url): p.present_anchor_ids for p in pages.values()}
    problems: list[Problem] = []

    def source(src: str) -> str:
        return pages[src].file.content_string

    # FAQ questions without a "More:" link.
    asked_about: dict[str, list[FaqQuestion]] = {}
    for question in _state.questions:
        if not question.has_more and _state.faq_src:
            line = next(
                (n for n, text in enumerate(source(_state.faq_src).split("\n"), start=1)
                 if text.startswith("###") and question.text[:40] in text),
                None,
            )
            problems.append(Problem(_state.faq_src, line, (
                f"FAQ question '{question.text}' has no 'More: [Title](page.md)' line: end the "
                "answer with a link to the article that goes deeper")))
        for target in question.targets:
            asked_about.setdefault(target, []).append(question)

    linked_from: dict[str, set[str]] = {}
    for origin, targets in _state.links_from.items():
        for target in targets:
            linked_from.setdefault(target, set()).add(origin)

    index = RelatedIndex(facts)
    urls = {src: page.file.url for src, page in pages.items()}
    for src, page in pages.items():
        # Always set: the partial prints this key as HTML, so a "crosslinks:" written in
        # front matter must never reach it.
        page.meta["crosslinks"] = None
        mine = facts.get(src)
        if mine is None or mine.kind not in SHOWN_ON:
            continue
        for entry, message in check_related(mine, pages):
            problems.append(Problem(src, front_matter_line(source(src), "related", entry), message))
        crosslinks, wrong = build_crosslinks(
            mine,
            facts=facts,
            urls=urls,
            anchors_by_url=anchors_by_url,
            questions=asked_about.get(src, []),
            faq_src=_state.faq_src,
            origins=linked_from.get(src, set()),
            index=index,
        )
        problems.extend(Problem(src, None, message) for message in wrong)
        page.meta["crosslinks"] = render_crosslinks(crosslinks) if crosslinks else None

    report(log, problems)
    return env
