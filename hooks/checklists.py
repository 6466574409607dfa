"""Checklists: Markdown task lists that readers tick in the browser and print as PDFs.

:func:`collect` parses every ``kind: checklist`` page and checks every
``<!-- checklist: id -->`` embed (``handbook.on_files``); :func:`render_block`
writes a checklist as HTML that ``md_in_html`` still reads as Markdown, on its own
page or embedded in an article (``handbook.on_page_markdown``), so MkDocs checks
its links and the glossary and short references treat it like any text. How to
write a checklist: CONTRIBUTING.md.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from collections.abc import Mapping
from typing import NamedTuple

from markup import fenced_code_lines, inert_html
from pages import Page, Problem, relative_link

KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 60

_TASK = re.compile(r"^([-*+])[ \t]+\[([ xX])\](?:[ \t]+(.*))?$")
_PLAIN_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])[ \t]+")
_KEY_MARK = re.compile(r"<!--\s*key\s*:\s*(.*?)\s*-->")
_WHY = re.compile(r"^Why:\s*(.*)$")
_EMBED_START = re.compile(r"^(\s*)<!--\s*checklists?\b", re.IGNORECASE)
_EMBED = re.compile(r"^<!--\s*checklist:\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*-->\s*$")
_PHASE = re.compile(r"^##[ \t]+(.+?)[ \t#]*$")
_REF_LINK = re.compile(r"\]\[[^\]]*\]|^\s*\[[^\]]+\]:\s")
_IMAGE = re.compile(r"!\[[^\]]*\]\(")
_INLINE_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\((<[^>\n]*>|[^)\s]+)\)")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class Item(NamedTuple):
    """One task in a checklist."""

    key: str
    """Stable key under which the reader's tick is stored (``data-item``)."""
    text: str
    """The task, Markdown on one line, key marker removed, raw HTML made text."""
    why: str | None
    """Optional reason, Markdown, without the ``Why:`` prefix."""
    line: int
    """1-based line of the item in its file."""


class Phase(NamedTuple):
    """Items under one ``## heading`` of a checklist page (``title`` ``None``: no heading)."""

    title: str | None
    items: tuple[Item, ...]


class Checklist(NamedTuple):
    """One checklist page, parsed."""

    id: str
    """``checklist_id``, also the file name: ``checklists/<id>.md``."""
    src: str
    title: str
    intro: str
    """Markdown between the page's H1 and the first phase or task list."""
    phases: tuple[Phase, ...]
    last_reviewed: str
    """``YYYY-MM-DD`` or ``""``."""

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for phase in self.phases for item in phase.items)

    @property
    def pdfs(self) -> tuple[str, str]:
        """Where its PDFs are written in the site: US Letter, then A4."""
        return f"checklists/{self.id}.pdf", f"checklists/{self.id}-a4.pdf"

    @property
    def name(self) -> str:
        """Accessible name and caption: the title, starting with "Checklist"."""
        return self.title if self.title.lower().startswith("checklist") else f"Checklist: {self.title}"


class Embed(NamedTuple):
    """A ``<!-- checklist: id -->`` marker: 0-based body line, id (``None``: malformed), indent."""

    line_index: int
    checklist_id: str | None
    indent: str


# --------------------------------------------------------------------------- parsing


def slugify(text: str) -> str:
    """The default item key: the item's words, lowercase ASCII, joined by hyphens,
    cut at a word boundary to at most 60 characters. Links keep their text;
    formatting, comments and apostrophes vanish (``client's`` -> ``clients``)."""
    text = re.sub(r"<!--.*?-->", " ", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"['\u2019`]", "", text.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > MAX_SLUG:
        slug = slug[: MAX_SLUG + 1].rsplit("-", 1)[0] if "-" in slug[:MAX_SLUG] else slug[:MAX_SLUG]
    return slug


def find_task_list(lines: list[str], start: int = 0) -> tuple[int, int] | None:
    """``(first, one past last)`` 0-based lines of the first top-level task list at or
    after ``start``: its items, their indented lines and blank lines between them."""
    code = fenced_code_lines(lines)
    first = next((i for i in range(start, len(lines)) if i not in code and _TASK.match(lines[i])), None)
    if first is None:
        return None
    end = index = first + 1
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.strip():
            continue
        if line[:1] in (" ", "\t") or _TASK.match(line) or _PLAIN_ITEM.match(line):
            end = index
            continue
        break
    return first, end


def parse_items(
    path: str, lines: list[str], span: tuple[int, int], *, first_line: int
) -> tuple[list[Item], list[Problem]]:
    """Read the items of a task list; ``first_line`` is the file line of ``lines[0]``."""
    items: list[Item] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    blocks: list[tuple[int, list[str]]] = []
    for index in range(*span):
        line = lines[index]
        if line.strip() and line[:1] not in (" ", "\t"):
            blocks.append((index, [line]))
        elif blocks:
            blocks[-1][1].append(line)
    for index, block in blocks:
        line_no = first_line + index

        def problem(message: str, offset: int = 0, at: int = line_no) -> None:
            problems.append(Problem(path, at + offset, message))

        match = _TASK.match(block[0])
        if not match:
            problem("every item of a checklist is a task: start the line with '- [ ] '")
            continue
        if match.group(2) != " ":
            problem("write checklist items unticked ('- [ ] '): ticks are the reader's own")
        text_parts, why_parts = [match.group(3) or ""], None
        for offset, raw in enumerate(block[1:], start=1):
            stripped = raw.strip()
            if not stripped:
                continue
            if _PLAIN_ITEM.match(stripped) or _TASK.match(stripped):
                problem(
                    "checklist items can't contain nested lists: make each task its own '- [ ] ' item", offset
                )
                continue
            why = _WHY.match(stripped)
            if why and why_parts is None:
                why_parts = [why.group(1)]
            elif why_parts is not None:
                why_parts.append(stripped)
            else:
                text_parts.append(stripped)
        text = " ".join(part for part in text_parts if part)
        why_text = " ".join(why_parts).strip() if why_parts is not None else None
        written = " ".join((text, why_text or ""))
        if _REF_LINK.search(written):
            problem("use inline links in checklist items ([text](../page.md)), not reference-style links")
        if _IMAGE.search(written):
            problem(
                "checklist items can't show images (they would be fetched into the PDF): "
                "describe it in words or link to a page that shows it"
            )
            continue
        marks = _KEY_MARK.findall(text)
        text = re.sub(r"\s{2,}", " ", _KEY_MARK.sub("", text).strip())
        if not text:
            problem("this checklist item has no text: write the task after '- [ ] '")
            continue
        if len(marks) > 1:
            problem("this item has more than one <!-- key: ... --> marker: keep one")
        key = marks[0] if marks else slugify(text)
        if marks and not KEY_PATTERN.match(key):
            problem(
                f"item key {key!r} is not valid: use lowercase letters, digits and hyphens, "
                "e.g. <!-- key: submit-work -->"
            )
            continue
        if not key:
            problem(
                "can't make a key from this item's text: add <!-- key: some-key --> at the end of the line"
            )
            continue
        if why_parts is not None and not why_text:
            problem("the 'Why:' line of this item is empty: write the reason or remove the line")
        if key in seen:
            problem(
                f"item key {key!r} is already used by the item on line {seen[key]}: give "
                "one of them its own key with <!-- key: another-key --> at the end of its line"
            )
            continue
        seen[key] = line_no
        why_html = inert_html(why_text) if why_text else None
        items.append(Item(key, inert_html(text), why_html, line_no))
    return items, problems


def parse_checklist(page: Page) -> tuple[Checklist | None, list[Problem]]:
    """Parse one ``kind: checklist`` page: the checklist (``None`` when unusable) and
    every problem, each with the file line to fix."""
    path = page.src
    id_line = page.line_of("checklist_id") or page.line_of("kind") or 1
    checklist_id = page.meta.get("checklist_id")
    if not isinstance(checklist_id, str) or not KEY_PATTERN.match(checklist_id):
        return None, [
            Problem(
                path,
                id_line,
                "a checklist page needs 'checklist_id: <id>' in its "
                "front matter (lowercase, hyphens), matching its file name",
            )
        ]
    problems: list[Problem] = []
    expected = f"checklists/{checklist_id}.md"
    if path != expected:
        problems.append(
            Problem(
                path,
                id_line,
                f"checklist_id {checklist_id!r} does not match the file: a checklist page is docs/{expected}",
            )
        )
    lines = page.body.split("\n")
    spans = []
    at = 0
    while (span := find_task_list(lines, at)) is not None:
        spans.append(span)
        at = span[1]
    if not spans:
        problems.append(
            Problem(
                path,
                id_line,
                f"checklist {checklist_id!r} has no items: write "
                "them as a Markdown task list, one '- [ ] Item' line each",
            )
        )
        return None, problems
    phases: list[Phase] = []
    seen_keys: set[str] = set()
    intro_end, previous_end = spans[0][0], 0
    for number, (first, end) in enumerate(spans):
        between = [i for i in range(previous_end, first) if lines[i].strip()]
        title = None
        heading = _PHASE.match(lines[between[-1]]) if between else None
        if heading is not None:
            title = heading.group(1).strip()
            between.pop()
            if number == 0:
                intro_end = between[-1] + 1 if between else 0
        if number and between:
            problems.append(
                Problem(
                    path,
                    page.body_line + between[0],
                    "between the task lists of "
                    "a checklist only a '## Phase' heading may stand: move this "
                    "text into an item's 'Why:' line or above the first list",
                )
            )
        if number and title is None:
            problems.append(
                Problem(
                    path,
                    page.body_line + first,
                    "a checklist's task lists are its "
                    "phases: put a '## Phase' heading above this list, or merge it "
                    "into the list above",
                )
            )
        items, found = parse_items(path, lines, (first, end), first_line=page.body_line)
        problems.extend(found)
        for item in items:
            if item.key in seen_keys:
                problems.append(
                    Problem(
                        path,
                        item.line,
                        f"item key {item.key!r} is already used "
                        "in another phase: give one of them its own key",
                    )
                )
        seen_keys.update(item.key for item in items)
        phases.append(Phase(title, tuple(items)))
        previous_end = end
    if not any(phase.items for phase in phases):
        return None, problems
    intro = lines[:intro_end]
    while intro and (not intro[0].strip() or intro[0].startswith("# ")):
        intro.pop(0)
    reviewed = page.meta.get("last_reviewed")
    checklist = Checklist(
        id=checklist_id,
        src=path,
        title=page.title,
        intro=inert_html("\n".join(intro).strip()),
        phases=tuple(phases),
        last_reviewed=str(reviewed or ""),  # a date prints as YYYY-MM-DD
    )
    return checklist, problems


def find_embeds(body: str) -> list[Embed]:
    """Every embed marker outside code fences (a near miss such as ``<!-- Checklists: x -->``
    counts, as malformed)."""
    lines = body.split("\n")
    code = fenced_code_lines(lines)
    found = []
    for index, line in enumerate(lines):
        if index in code or "<!--" not in line:
            continue
        start = _EMBED_START.match(line)
        if start:
            match = _EMBED.match(line.strip())
            found.append(Embed(index, match.group(1) if match else None, start.group(1)))
    return found


def check_embeds(page: Page, known: Mapping[str, Checklist]) -> list[Problem]:
    """Problems with the ``<!-- checklist: id -->`` markers of one page."""
    problems = []
    seen: set[str] = set()
    for embed in find_embeds(page.body):
        cid = embed.checklist_id

        def problem(message: str, line: int = page.body_line + embed.line_index) -> None:
            problems.append(Problem(page.src, line, message))

        if embed.indent:
            problem(
                "put <!-- checklist: <id> --> at the start of a line of its own: checklists "
                "can't be shown inside admonitions, lists or tabs"
            )
        elif cid is None:
            problem(
                "malformed checklist marker: write <!-- checklist: <id> --> (lowercase) on a line of its own"
            )
        elif cid not in known:
            names = ", ".join(sorted(known)) or "none yet"
            problem(f"there is no checklist {cid!r} (known: {names}); a checklist is docs/checklists/<id>.md")
        elif known[cid].src == page.src:
            problem("a checklist page can't embed itself: remove this marker")
        elif cid in seen:
            problem(f"checklist {cid!r} is already shown on this page: remove this marker")
        if cid:
            seen.add(cid)
    return problems


def collect(pages: Mapping[str, Page]) -> tuple[dict[str, Checklist], list[Problem]]:
    """Parse every checklist page and check every embed marker of the site."""
    parsed: list[Checklist] = []
    problems: list[Problem] = []
    for src in sorted(pages):
        if pages[src].kind == "checklist":
            checklist, found = parse_checklist(pages[src])
            problems.extend(found)
            if checklist is not None:
                parsed.append(checklist)
    # Where two pages claim one id, the page whose file name is the id keeps it.
    parsed.sort(key=lambda c: (c.id, c.pdfs[0].removesuffix(".pdf") + ".md" != c.src, c.src))
    checklists: dict[str, Checklist] = {}
    for checklist in parsed:
        if checklist.id in checklists:
            problems.append(
                Problem(
                    checklist.src,
                    pages[checklist.src].line_of("checklist_id") or 1,
                    f"checklist id {checklist.id!r} is already used by "
                    f"{checklists[checklist.id].src}: each checklist needs its own id",
                )
            )
            continue
        checklists[checklist.id] = checklist
    for src in sorted(pages):
        if "checklist" in pages[src].body.lower():
            problems.extend(check_embeds(pages[src], checklists))
    return checklists, problems


# --------------------------------------------------------------------------- rendering


def rebase_links(text: str, *, from_src: str, to_src: str) -> str:
    """Inline Markdown links written on page ``from_src``, made to work on ``to_src``."""
    if from_src == to_src or "](" not in text:
        return text

    def fix(match: re.Match[str]) -> str:
        label, target = match.group(1), match.group(2).strip("<>")
        if _SCHEME.match(target) or target.startswith("/"):
            return match.group(0)
        path, _, anchor = target.partition("#")
        src = posixpath.normpath(posixpath.join(posixpath.dirname(from_src), path)) if path else from_src
        if src == to_src and not anchor:
            return label  # a link to the very page it is shown on: just its text
        return f"[{label}]({relative_link(src, from_src=to_src, anchor=anchor)})"

    return _INLINE_LINK.sub(fix, text)


def render_block(checklist: Checklist, *, on_src: str) -> str:
    """The checklist as HTML that ``md_in_html`` parses, for the page ``on_src``.

    Item text, "why" lines and links stay Markdown (MkDocs checks the links). On
    another page than its own the block gets a caption linking to the checklist
    and ``data-search-exclude`` (its items are found once, on its own page).
    The DOM contract with ``checklists.js``: ``data-checklist`` on the root, one
    ``<input data-item>`` with a ``<label>`` per item, controls ``hidden`` until
    the script shows them.
    """
    cid = checklist.id
    embedded = on_src != checklist.src
    name = html.escape(checklist.name)
    rows = [
        f'<section class="checklist no-glossary" data-checklist="{cid}" aria-label="{name}"'
        + (' data-search-exclude=""' if embedded else "")
        + " markdown>"
    ]
    if embedded:
        link = relative_link(checklist.src, from_src=on_src)
        rows.append(
            f'<p class="checklist__caption" markdown="span">**[{inert_html(checklist.name)}]({link})**</p>'
        )
    rows.append('<p class="checklist__progress" data-checklist-progress aria-live="polite" hidden></p>')
    for phase in checklist.phases:
        if phase.title:
            rows.append(f'<p class="checklist__phase" markdown="span">**{inert_html(phase.title)}**</p>')
        rows.append('<ul class="checklist__items" markdown>')
        rows.extend(_item_row(checklist, item, on_src) for item in phase.items)
        rows.append("</ul>")
    here = posixpath.dirname(on_src) or "."
    letter, a4 = (posixpath.relpath(pdf, here) for pdf in checklist.pdfs)
    rows += [
        '<p class="checklist__actions" markdown="span">'
        '<button type="button" class="md-button" data-checklist-print hidden>'
        "Print with my ticks</button> "
        '<button type="button" class="md-button" data-checklist-reset hidden>Clear my ticks</button> '
        f'[Blank PDF to fill in (Letter)]({letter}){{ .md-button data-checklist-pdf="" download="" }} '
        f'[Blank PDF (A4)]({a4}){{ .md-button data-checklist-pdf="a4" download="" }}</p>',
        '<p class="checklist__note" hidden>Ticks are your own notes. This browser keeps them '
        "on this device; nothing is sent to Upwork or to this site.</p>",
        "</section>",
    ]
    return "\n".join(rows)


def _item_row(checklist: Checklist, item: Item, on_src: str) -> str:
    cid = checklist.id
    box = f"cl-{cid}--{item.key}"  # "--" never occurs in an id or a key: no clashes
    described = f' aria-describedby="{box}--why"' if item.why else ""
    text = rebase_links(item.text, from_src=checklist.src, to_src=on_src)
    row = (
        f'<li class="checklist__item" markdown="span"><input type="checkbox" id="{box}" '
        f'data-item="{item.key}"{described}><label for="{box}">{text}</label>'
    )
    if item.why:
        why = rebase_links(item.why, from_src=checklist.src, to_src=on_src)
        row += f' <span class="checklist__why" id="{box}--why">Why: {why}</span>'
    return row + "</li>"


def _list_region(lines: list[str]) -> tuple[int, int]:
    """From the first phase heading or task list to the end of the last task list."""
    spans: list[tuple[int, int]] = []
    while (span := find_task_list(lines, spans[-1][1] if spans else 0)) is not None:
        spans.append(span)
    if not spans:
        return 0, 0
    first = spans[0][0]
    above = next((i for i in range(first - 1, -1, -1) if lines[i].strip()), None)
    if above is not None and _PHASE.match(lines[above]):
        first = above
    return first, spans[-1][1]


def render_page(markdown: str, *, src: str, checklists: Mapping[str, Checklist]) -> str:
    """A page's Markdown with its own task list (on a checklist page) and every valid
    embed marker replaced by the checklist block."""
    own = next((c for c in checklists.values() if c.src == src), None)
    lines = markdown.split("\n")
    replace: dict[int, str] = {}
    if own is not None:
        first, end = _list_region(lines)
        replace.update({i: "" for i in range(first, end)})
        replace[first] = "\n" + render_block(own, on_src=src) + "\n"
    if "checklist" in markdown.lower():
        shown: set[str] = set()
        for embed in find_embeds(markdown):
            checklist = checklists.get(embed.checklist_id or "")
            if checklist is None or embed.indent or checklist.src == src or checklist.id in shown:
                continue
            shown.add(checklist.id)
            replace[embed.line_index] = "\n" + render_block(checklist, on_src=src) + "\n"
    if not replace:
        return markdown
    return "\n".join(replace.get(i, line) for i, line in enumerate(lines))
