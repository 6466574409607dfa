"""Links between pages: "What to do next" on each article, FAQ answers that lead on, backlinks.

:func:`next_steps` picks 3 to 5 pages for a page (its ``related:`` list first,
then the pages sharing the most, rarest tags and the same reader) and
:func:`render_next_steps` writes them as Markdown (``handbook.on_page_markdown``:
MkDocs checks the links). :func:`faq_problems` finds FAQ answers without a
"More:" link. :func:`backlinks` lists who links to whom, for ``make report``.
"""

from __future__ import annotations

import heapq
import math
import posixpath
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from markup import fenced_code_lines, plain_label
from pages import Page, PageIds, Problem, relative_link

MAX_NEXT = 5
SHOWN_ON = frozenset({"article", "checklist"})
"""Page kinds that end with "What to do next", and that may be suggested."""


class PageFacts(NamedTuple):
    """What ranking needs to know about one page."""

    src: str
    title: str
    kind: str
    audience: str
    contract_type: str
    tags: tuple[str, ...]


def facts_of(page: Page) -> PageFacts:
    meta = page.meta
    tags = meta.get("tags")
    return PageFacts(
        page.src,
        page.title,
        page.kind,
        str(meta.get("audience") or "both"),
        str(meta.get("contract_type") or "both"),
        tuple(str(t) for t in tags) if isinstance(tags, list) else (),
    )


def _fit(mine: str, theirs: str) -> float:
    """How well two audiences (or contract types) fit: same 1, either 'both' 0.5, else -1."""
    if mine == theirs:
        return 1.0
    return 0.5 if "both" in (mine, theirs) else -1.0


class RelatedIndex:
    """Pages grouped by (tags, audience, contract type), scored per group through an
    index from tag to groups: a page costs one pass over the groups sharing a tag,
    not over every page (at 1,000 pages 0.3 s instead of 2.3 s a build)."""

    SCALE = 10**6
    """Scores are integers (millionths): exact sums, the same order on every run."""

    def __init__(self, pages: Iterable[PageFacts]) -> None:
        candidates = sorted(
            (p for p in pages if p.kind in SHOWN_ON), key=lambda p: (p.title.casefold(), p.src)
        )
        self.srcs = [p.src for p in candidates]
        self.number = {src: n for n, src in enumerate(self.srcs)}
        counts = Counter(tag for p in candidates for tag in set(p.tags))
        total = len(candidates) or 1
        self.weights = {tag: round((1 + math.log(total / n)) * self.SCALE) for tag, n in counts.items()}
        self.fits = sorted({(p.audience, p.contract_type) for p in candidates})
        fit_number = {pair: f for f, pair in enumerate(self.fits)}
        members: dict[tuple[frozenset[str], int], list[int]] = {}
        for n, p in enumerate(candidates):
            members.setdefault((frozenset(p.tags), fit_number[(p.audience, p.contract_type)]), []).append(n)
        self.groups = [(fit, numbers) for (_, fit), numbers in members.items()]
        self.by_tag: dict[str, list[int]] = {}
        for g, (tags, _) in enumerate(members):
            for tag in tags:
                self.by_tag.setdefault(tag, []).append(g)

    def best(self, page: PageFacts, *, skip: set[str], count: int) -> list[str]:
        """The ``count`` best other pages sharing a tag with ``page``; ties by title."""
        if count <= 0:
            return []
        fit = [
            round((_fit(page.audience, a) + _fit(page.contract_type, c)) * self.SCALE) for a, c in self.fits
        ]
        skipped = {self.number[s] for s in skip if s in self.number}
        sums: dict[int, int] = {}
        for tag in set(page.tags):
            for g in self.by_tag.get(tag, ()):
                sums[g] = sums.get(g, 0) + self.weights[tag]
        size, keys = len(self.srcs), list[int]()
        for g, total in sums.items():
            pair, numbers = self.groups[g]
            score = total + fit[pair]
            if score > 0:
                keys.extend(n - score * size for n in [n for n in numbers if n not in skipped][:count])
        return [self.srcs[key % size] for key in heapq.nsmallest(count, keys)]


def check_related(page: Page, ids: PageIds) -> list[Problem]:
    """Problems in a page's ``related:`` list, each at its line."""
    related = page.meta.get("related")
    problems, seen = [], set()
    for n, entry in enumerate(related if isinstance(related, list) else []):
        entry = str(entry)
        line = page.line_of("related", n)
        src = ids.src_of(entry.partition("#")[0])
        if src is None:
            problems.append(
                Problem(
                    page.src,
                    line,
                    f"related: '{entry}' names no page; " + ids.unknown(entry.partition("#")[0]),
                )
            )
        elif src == page.src and "#" not in entry:
            problems.append(Problem(page.src, line, f"related: '{entry}' is this page itself; remove it"))
        elif entry in seen:
            problems.append(Problem(page.src, line, f"related: '{entry}' is listed twice; remove one"))
        seen.add(entry)
    if isinstance(related, list) and len(related) > MAX_NEXT:
        problems.append(
            Problem(
                page.src,
                page.line_of("related", MAX_NEXT),
                f"related: lists {len(related)} pages; only {MAX_NEXT} are shown, remove the rest",
            )
        )
    return problems


def next_steps(
    page: Page, ids: PageIds, index: RelatedIndex, facts: Mapping[str, PageFacts]
) -> list[tuple[str, str]]:
    """Up to :data:`MAX_NEXT` ``(src, anchor)``: ``related:`` first, then the best matches."""
    chosen: list[tuple[str, str]] = []
    taken = {page.src}
    related = page.meta.get("related")
    for entry in related if isinstance(related, list) else []:
        name, _, anchor = str(entry).partition("#")
        src = ids.src_of(name)
        if src is None or (src in taken and not anchor) or len(chosen) == MAX_NEXT:
            continue
        chosen.append((src, anchor))
        taken.add(src)
    mine = facts[page.src]
    chosen += [(src, "") for src in index.best(mine, skip=taken, count=MAX_NEXT - len(chosen))]
    return chosen


def render_next_steps(page: Page, steps: list[tuple[str, str]], titles: Mapping[str, str]) -> str:
    """The "What to do next" list as Markdown (left out of search and print)."""
    if not steps:
        return ""
    rows = [
        f"- [{plain_label(titles[src])}]({relative_link(src, from_src=page.src, anchor=anchor)})"
        for src, anchor in steps
    ]
    return (
        '\n\n<nav class="next-steps" data-generated="next-steps" data-search-exclude="" '
        'aria-labelledby="what-to-do-next" markdown>\n'
        '<h2 id="what-to-do-next" data-search-exclude="">What to do next</h2>\n\n'
        + "\n".join(rows)
        + "\n\n</nav>\n"
    )


# --------------------------------------------------------------------------- FAQ and backlinks

_QUESTION = re.compile(r"^###\s+(.+?)\s*#*\s*$")
_HEADING = re.compile(r"^#{1,3}\s")


def faq_problems(page: Page) -> list[Problem]:
    """Each ``### Question?`` of the FAQ whose answer has no ``More: [Title](page.md)`` line."""
    lines = page.body.split("\n")
    code = fenced_code_lines(lines)
    problems, question, has_more = [], None, False
    for number, line in enumerate([*lines, "# end"]):
        if number in code:
            continue
        if _HEADING.match(line):
            if question is not None and not has_more:
                problems.append(
                    Problem(
                        page.src,
                        page.body_line + question[0],
                        f"FAQ question "
                        f"'{question[1]}' has no 'More: [Title](page.md)' line: end "
                        "the answer with a link to the article that goes deeper",
                    )
                )
            match = _QUESTION.match(line)
            question, has_more = ((number, match.group(1)) if match else None), False
        elif "More:" in line and "](" in line:
            has_more = True
    return problems


_LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)\s]*)?\)")


def backlinks(pages: Mapping[str, Page]) -> dict[str, list[str]]:
    """For each page, the pages whose Markdown links to it (for contributors' reports)."""
    found: dict[str, set[str]] = {}
    for src, page in pages.items():
        for target in _LINK.findall(page.body):
            to = posixpath.normpath(posixpath.join(posixpath.dirname(src), target))
            if to in pages and to != src:
                found.setdefault(to, set()).add(src)
    return {src: sorted(origins) for src, origins in found.items()}
