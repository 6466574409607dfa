"""Checklists: Markdown task lists that readers tick in the browser and print as PDFs.

How to write a checklist (CONTRIBUTING.md copies this section)
----------------------------------------------------------------

A checklist is one page, ``docs/checklists/<id>.md``, with ``kind: checklist``
and ``checklist_id: <id>`` in its front matter (the id is the file name). Its
body is a title, a short intro, and **one** ordinary Markdown task list::

    - [ ] Submit the finished work through the contract. <!-- key: submit-work -->
      Why: the 14-day review clock starts only from a formal submission.
      See [ending a fixed-price contract](../freelancer/end-fixed-price.md).
    - [ ] Ask the client to end the contract and leave feedback.

* **Item**: a line starting with ``- [ ] `` (unticked; ``[x]`` is refused,
  since ticks belong to the reader). Longer text may continue on indented
  lines. Items may contain inline Markdown and inline links to articles
  (``[text](../freelancer/end-hourly.md)``, not reference-style links);
  links are checked by MkDocs like any other link.
* **Why**: an optional indented line starting with ``Why:`` under the item
  (it may continue on further indented lines). It is shown in smaller type
  under the item, on the page and in the PDF.
* **Key**: every item has a key that stores the reader's tick. Write it as
  an HTML comment at the end of the item's text, ``<!-- key: submit-work -->``
  (lowercase letters, digits, hyphens; invisible on GitHub). Without one,
  the key is the slug of the item's text (links and formatting removed,
  at most 60 characters): ``- [ ] Ask the client to end the contract`` has
  the key ``ask-the-client-to-end-the-contract``. Keys are independent of
  position, so reordering items never moves a tick, and editing an item
  changes at most that item's key. **Give an explicit key to every item you
  expect to reword**, and never reuse a key for a different task: a reader's
  old tick would then mark the new task as done. Two items with the same
  key stop the build; the message asks for an explicit key.

Show a checklist inside any article with a line of its own (at the start of the
line, not inside an admonition, list or tab)::

    <!-- checklist: freelancer-end-fixed-price -->

The checklist's items come from its own page (one source of truth); their links
are rewritten to work from the article. Ticks are shared between the checklist
page and every article that embeds it (same checklist id, same item keys).

What the hook does
------------------

* ``on_files`` reads every page once: collects the checklists, finds every
  embed marker and reports each problem (``file:line: what to do``): no items,
  duplicate checklist ids or item keys, unknown or malformed embeds, a
  pre-ticked item, a second task list, ... Under ``--strict`` the build fails.
  It also registers ``checklists/<id>.pdf`` so that Markdown links to the PDFs
  are valid.
* ``on_page_markdown`` replaces the checklist page's task list with HTML that
  Python-Markdown's ``md_in_html`` still parses as Markdown, so links are
  validated and item text is in ``page.content`` for search. The DOM
  contract: the root has ``data-checklist="<id>"``; every item is an
  ``<input type="checkbox" data-item="<key>" id=...>`` with a
  ``<label for=...>`` holding the item text; the PDF link is
  ``<a data-checklist-pdf href=...>``. Controls that need JavaScript carry
  ``hidden`` until ``docs/assets/checklists.js`` shows them. Each valid embed
  marker becomes a placeholder comment.
* ``on_page_content`` keeps the checklist page's rendered block, parsed once
  into an :class:`EmbedTemplate`.
* ``on_env`` (every page rendered, no template yet) renders a checklist page
  that a ``--dirty`` build skipped, if an article that changed embeds it, and
  collects the URL and anchor ids of every built file.
* ``on_page_context`` fills each placeholder with the block: a caption
  linking to the checklist page, every relative link rewritten for the
  article and checked against the built pages and their anchors (a link to
  nowhere is a problem), and a glossary term link turned into text when the
  article already links that term. This runs after the search plugin has
  indexed the article, so the checklist's items are found once, on the
  checklist's own page. (Rendering a copy per article through ``md_in_html``
  cost about 5 ms each: 1.1 s for a 1,000-page site with 200 embeds.)
* ``on_post_build`` writes one PDF per checklist with WeasyPrint
  (``checklist_pdf.py``), cached by content in ``.cache/checklist-pdfs/``.
"""

from __future__ import annotations

import copy
import html
import posixpath
import re
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from checklist_pdf import PdfJob, PdfStats, render_pdfs
from glossary import LINK_CLASS as GLOSSARY_LINK
from glossary import terms_linked_on
from markdown_text import fenced_code_lines, inert_html
from pageyaml import key_lines, parse_yaml, split_front_matter
from problems import Problem, hook_logger, report
from selectolax.lexbor import LexborHTMLParser
from site_urls import check_href, normal_url, relative_path, relative_url, resolve_href

log = hook_logger("checklists")

KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 60
PAPERS = ("letter", "a4")

_TASK = re.compile(r"^([-*+])[ \t]+\[([ xX])\](?:[ \t]+(.*))?$")
_PLAIN_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])[ \t]+")
_KEY_MARK = re.compile(r"<!--\s*key\s*:\s*(.*?)\s*-->")
_WHY = re.compile(r"^Why:\s*(.*)$")
_EMBED_START = re.compile(r"^(\s*)<!--\s*checklist\b")
_EMBED = re.compile(r"^<!--\s*checklist:\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*-->\s*$")
_REF_LINK = re.compile(r"\]\[[^\]]*\]|^\s*\[[^\]]+\]:\s")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


# --------------------------------------------------------------------------- data


class Item(NamedTuple):
    """One task in a checklist."""

    key: str
    """Stable key under which the reader's tick is stored (``data-item``)."""
    text: str
    """The task, Markdown, on one line, key marker removed."""
    why: str | None
    """Optional one-line reason, Markdown, without the ``Why:`` prefix."""
    line: int
    """1-based line of the item in its file."""


class Checklist(NamedTuple):
    """One checklist page, parsed."""

    id: str
    """``checklist_id`` from the front matter, e.g. ``freelancer-end-hourly``."""
    src_uri: str
    """Its page, relative to ``docs/``: ``checklists/<id>.md``."""
    title: str
    """The page title (front matter ``title``)."""
    intro: str
    """Markdown between the page's H1 and the task list."""
    items: tuple[Item, ...]
    """The tasks, in page order."""
    last_reviewed: str
    """``YYYY-MM-DD`` from the front matter, or ``""``."""

    @property
    def pdf_uri(self) -> str:
        """Where the PDF is written, relative to the site directory."""
        return pdf_uri(self.id)


class TaskList(NamedTuple):
    """Where a checklist's task list sits in a Markdown body (0-based lines)."""

    start: int
    end: int
    """One past the last line of the list."""


@dataclass
class _State:
    """Per-build state, reset in ``on_config``."""

    checklists: dict[str, Checklist] = field(default_factory=dict)
    by_page: dict[str, str] = field(default_factory=dict)
    """Checklist page ``src_uri`` -> checklist id."""
    urls: dict[str, str] = field(default_factory=dict)
    """Page ``src_uri`` -> its URL relative to the site root (from the Files collection)."""
    paper: str = "letter"
    pdf_stats: PdfStats | None = None
    embeds: dict[str, list[str]] = field(default_factory=dict)
    """Page ``src_uri`` -> ids of the checklists it embeds."""
    rendered: dict[str, tuple[EmbedTemplate, str]] = field(default_factory=dict)
    """Checklist id -> (its block as rendered on its own page, that page's URL)."""
    anchors_by_url: dict[str, set[str] | None] = field(default_factory=dict)
    """Every file's URL -> the ids its page has (``None``: not a page), for checking links."""


_state = _State()


def pdf_uri(checklist_id: str) -> str:
    """Path of a checklist's PDF inside the site (and its virtual File)."""
    return f"checklists/{checklist_id}.pdf"


# --------------------------------------------------------------------------- parsing


def slugify(text: str) -> str:
    """The default item key: the item's words, lowercase, joined by hyphens.

    Links keep their text, formatting and HTML comments are dropped, accents
    are folded to ASCII and apostrophes vanish (``client's`` -> ``clients``).
    Cut at a word boundary to at most 60 characters.
    """
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


def find_task_list(lines: list[str]) -> TaskList | None:
    """Locate the first top-level task list in ``lines`` (a Markdown body).

    The list runs from its first ``- [ ]`` line to the last line that belongs
    to it: further items, indented continuation lines, and blank lines that
    are followed by one of those.
    """
    code = fenced_code_lines(lines)
    start = next((i for i, line in enumerate(lines) if i not in code and _TASK.match(line)), None)
    if start is None:
        return None
    end = start + 1
    index = start + 1
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
            continue
        if line[:1] in (" ", "\t") or _TASK.match(line) or _PLAIN_ITEM.match(line):
            index += 1
            end = index
            continue
        break
    return TaskList(start, end)


def _item_blocks(lines: list[str], task_list: TaskList) -> list[tuple[int, list[str]]]:
    """Split the list's lines into items: (0-based first line, its lines)."""
    blocks: list[tuple[int, list[str]]] = []
    for index in range(task_list.start, task_list.end):
        line = lines[index]
        if line.strip() and line[:1] not in (" ", "\t"):
            blocks.append((index, [line]))
        elif blocks:
            blocks[-1][1].append(line)
    return blocks


def parse_items(
    path: str, lines: list[str], task_list: TaskList, *, first_line: int
) -> tuple[list[Item], list[Problem]]:
    """Read the items of a task list; ``first_line`` is the file line of ``lines[0]``."""
    items: list[Item] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, block in _item_blocks(lines, task_list):
        line_no = first_line + index
        match = _TASK.match(block[0])
        if not match:
            problems.append(
                Problem(
                    path,
                    line_no,
                    "every item of a checklist is a task: start the line with '- [ ] '",
                )
            )
            continue
        if match.group(2) != " ":
            problems.append(
                Problem(
                    path,
                    line_no,
                    "write checklist items unticked ('- [ ] '): ticks are the reader's own",
                )
            )
        text_parts = [match.group(3) or ""]
        why_parts: list[str] | None = None
        for offset, raw in enumerate(block[1:], start=1):
            stripped = raw.strip()
            if not stripped:
                continue
            if _PLAIN_ITEM.match(stripped) or _TASK.match(stripped):
                problems.append(
                    Problem(
                        path,
                        line_no + offset,
                        "checklist items can't contain nested lists: make each task its own '- "
                        "[ ] ' item",
                    )
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
        if any(_REF_LINK.search(part) for part in (text, *(why_parts or []))):
            problems.append(
                Problem(
                    path,
                    line_no,
                    "use inline links in checklist items ([text](../page.md)), not "
                    "reference-style links",
                )
            )
        marks = _KEY_MARK.findall(text)
        text = _KEY_MARK.sub("", text).strip()
        text = re.sub(r"\s{2,}", " ", text)
        if not text:
            problems.append(
                Problem(
                    path, line_no, "this checklist item has no text: write the task after '- [ ] '"
                )
            )
            continue
        if len(marks) > 1:
            problems.append(
                Problem(
                    path, line_no, "this item has more than one <!-- key: ... --> marker: keep one"
                )
            )
        if marks:
            key = marks[0]
            if not KEY_PATTERN.match(key):
                problems.append(
                    Problem(
                        path,
                        line_no,
                        f"item key {key!r} is not valid: use lowercase letters, digits and "
                        "hyphens, e.g. <!-- key: submit-work -->",
                    )
                )
                continue
        else:
            key = slugify(text)
            if not key:
                problems.append(
                    Problem(
                        path,
                        line_no,
                        "can't make a key from this item's text: add <!-- key: some-key --> at "
                        "the end of the line",
                    )
                )
                continue
        why_text = " ".join(why_parts).strip() if why_parts is not None else None
        if why_parts is not None and not why_text:
            problems.append(
                Problem(
                    path,
                    line_no,
                    "the 'Why:' line of this item is empty: write the reason or remove the line",
                )
            )
            why_text = None
        if key in seen:
            problems.append(
                Problem(
                    path,
                    line_no,
                    f"item key {key!r} is already used by the item on line {seen[key]}: give "
                    "one of them "
                    "its own key with <!-- key: another-key --> at the end of its line",
                )
            )
            continue
        seen[key] = line_no
        items.append(
            Item(
                key=key,
                text=inert_html(text),
                why=inert_html(why_text) if why_text else why_text,
                line=line_no,
            )
        )
    return items, problems


def _front_matter(source: str) -> tuple[dict[str, Any], int, dict[str, int]]:
    """Front matter as a dict, the 1-based line where the body starts, each top-level key's line."""
    yaml_text, first = split_front_matter(source)
    if yaml_text is None:
        return {}, 1, {}
    parsed = parse_yaml(yaml_text)  # cached: parsed once per build for all hooks
    lines = {str(key[0]): line for key, line in key_lines(parsed, first).items() if len(key) == 1}
    data = parsed.data
    return (data if isinstance(data, dict) else {}), _line_after(yaml_text, first), lines


def _line_after(yaml_text: str | None, first: int) -> int:
    """The 1-based line where the body starts, from :func:`split_front_matter`'s result."""
    return 1 if yaml_text is None else first + yaml_text.count("\n") + 1


def _body_line(source: str) -> int:
    """The 1-based line where the body starts (after the front matter), without parsing it."""
    return _line_after(*split_front_matter(source))


def is_checklist_page(source: str) -> bool:
    """True when the page's front matter says ``kind: checklist``."""
    yaml_text, _ = split_front_matter(source)
    if yaml_text is None or "checklist" not in yaml_text or "kind" not in yaml_text:
        # Cheap tests first: without the word "kind" the page is an article (the
        # default), however its front matter is written; most pages never say either.
        return False
    data, _, _ = _front_matter(source)
    return data.get("kind") == "checklist"


def parse_checklist(path: str, source: str) -> tuple[Checklist | None, list[Problem]]:
    """Parse one checklist page (``kind: checklist``) from its whole file text.

    Returns the checklist (``None`` when it can't be used) and every problem,
    each with the file line to fix.
    """
    data, body_line, key_lines = _front_matter(source)
    id_line = key_lines.get("checklist_id", key_lines.get("kind", 1))
    checklist_id = data.get("checklist_id")
    if not isinstance(checklist_id, str) or not KEY_PATTERN.match(checklist_id):
        return None, [
            Problem(
                path,
                id_line,
                "a checklist page needs 'checklist_id: <id>' in its front matter (lowercase, "
                "hyphens), matching its file name",
            )
        ]
    problems: list[Problem] = []
    expected = f"checklists/{checklist_id}.md"
    if path != expected:
        problems.append(
            Problem(
                path,
                id_line,
                f"checklist_id {checklist_id!r} does not match the file: a checklist page is "
                f"docs/{expected}",
            )
        )
    lines = source.splitlines()[body_line - 1 :]
    task_list = find_task_list(lines)
    if task_list is None:
        problems.append(
            Problem(
                path,
                id_line,
                f"checklist {checklist_id!r} has no items: write them as a Markdown task list, "
                "one '- [ ] Item' line each",
            )
        )
        return None, problems
    items, found = parse_items(path, lines, task_list, first_line=body_line)
    problems.extend(found)
    rest = lines[task_list.end :]
    again = find_task_list(rest)
    if again is not None:
        problems.append(
            Problem(
                path,
                body_line + task_list.end + again.start,
                "a checklist page has one task list: merge these items into the first list",
            )
        )
    if not items:
        problems.append(
            Problem(
                path, body_line + task_list.start, f"checklist {checklist_id!r} has no usable items"
            )
        )
        return None, problems
    intro_lines = [line for line in lines[: task_list.start]]
    while intro_lines and not intro_lines[0].strip():
        intro_lines.pop(0)
    if intro_lines and intro_lines[0].startswith("# "):
        intro_lines.pop(0)
    title = str(data.get("title") or checklist_id)
    reviewed = data.get("last_reviewed")
    return (
        Checklist(
            id=checklist_id,
            src_uri=path,
            title=title,
            intro=inert_html("\n".join(intro_lines).strip()),
            items=tuple(items),
            last_reviewed=reviewed.isoformat()
            if hasattr(reviewed, "isoformat")
            else str(reviewed or ""),
        ),
        problems,
    )


def find_embeds(lines: list[str]) -> list[tuple[int, str | None, str]]:
    """Every embed marker outside code fences: (0-based line, id or None if malformed, indent)."""
    code = fenced_code_lines(lines)
    found = []
    for index, line in enumerate(lines):
        if index in code or "<!--" not in line:
            continue
        start = _EMBED_START.match(line)
        if not start:
            continue
        match = _EMBED.match(line)
        found.append((index, match.group(1) if match else None, start.group(1)))
    return found


def check_embeds(
    path: str, source: str, known: set[str], *, own_id: str | None = None
) -> list[Problem]:
    """Problems with the ``<!-- checklist: id -->`` markers of one page."""
    lines = source.splitlines()
    body_line = _body_line(source)
    problems = []
    seen: set[str] = set()
    for index, checklist_id, indent in find_embeds(lines[body_line - 1 :]):
        line_no = body_line + index
        if indent:
            problems.append(
                Problem(
                    path,
                    line_no,
                    "put <!-- checklist: <id> --> at the start of a line of its own: checklists "
                    "can't be shown inside admonitions, lists or tabs",
                )
            )
        elif checklist_id is None:
            problems.append(
                Problem(
                    path,
                    line_no,
                    "malformed checklist marker: write <!-- checklist: <id> --> on a line of "
                    "its own",
                )
            )
        elif checklist_id not in known:
            names = ", ".join(sorted(known)) or "none yet"
            problems.append(
                Problem(
                    path,
                    line_no,
                    f"there is no checklist {checklist_id!r} (known: {names}); a checklist is "
                    "docs/checklists/<id>.md",
                )
            )
        elif checklist_id == own_id:
            problems.append(
                Problem(path, line_no, "a checklist page can't embed itself: remove this marker")
            )
        elif checklist_id in seen:
            problems.append(
                Problem(
                    path,
                    line_no,
                    f"checklist {checklist_id!r} is already shown on this page: remove this marker",
                )
            )
        if checklist_id:
            seen.add(checklist_id)
    return problems


def collect(sources: dict[str, str]) -> tuple[dict[str, Checklist], list[Problem]]:
    """Parse every checklist page in ``sources`` (path -> file text) and check every embed."""
    checklists: dict[str, Checklist] = {}
    problems: list[Problem] = []
    for path, source in sorted(sources.items()):
        if not is_checklist_page(source):
            continue
        checklist, found = parse_checklist(path, source)
        problems.extend(found)
        if checklist is None:
            continue
        if checklist.id in checklists:
            _, _, key_lines = _front_matter(source)
            problems.append(
                Problem(
                    path,
                    key_lines.get("checklist_id", 1),
                    f"checklist id {checklist.id!r} is already used by "
                    f"{checklists[checklist.id].src_uri}: each checklist needs its own id",
                )
            )
            continue
        checklists[checklist.id] = checklist
    known = set(checklists)
    own = {c.src_uri: c.id for c in checklists.values()}
    for path, source in sorted(sources.items()):
        if "checklist" in source:
            problems.extend(check_embeds(path, source, known, own_id=own.get(path)))
    return checklists, problems


# --------------------------------------------------------------------------- rendering


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def _pdf_link(checklist: Checklist) -> str:
    return relative_path(checklist.pdf_uri, posixpath.dirname(checklist.src_uri) or ".")


def display_name(checklist: Checklist) -> str:
    """The checklist's accessible name and caption: its title, starting with "Checklist"."""
    name = checklist.title
    return name if name.lower().startswith("checklist") else f"Checklist: {name}"


def render_block(checklist: Checklist) -> str:
    """The checklist as HTML that ``md_in_html`` parses, on the checklist's own page.

    Item text, "why" lines and the links stay Markdown (MkDocs validates and
    rewrites the links; search indexes the text). Controls that need
    JavaScript are ``hidden`` until the script shows them. Articles show a
    copy of the rendered block (:func:`embed_block`).
    """
    cid = checklist.id
    rows = [
        f'<section class="checklist" data-checklist="{cid}" '
        f'aria-label="{_attr(display_name(checklist))}" markdown>',
        '<p class="checklist__progress" data-checklist-progress aria-live="polite" hidden></p>',
        '<ul class="checklist__items" markdown>',
    ]
    for item in checklist.items:
        box = f"cl-{cid}--{item.key}"  # "--" never occurs in an id or key: no clashes
        described = f' aria-describedby="{box}--why"' if item.why else ""
        row = (
            f'<li class="checklist__item" markdown="span">'
            f'<input type="checkbox" id="{box}" data-item="{item.key}"{described}>'
            f'<label for="{box}">{item.text}</label>'
        )
        if item.why:
            row += f' <span class="checklist__why" id="{box}--why">Why: {item.why}</span>'
        rows.append(row + "</li>")
    rows.append("</ul>")
    rows.append(
        '<p class="checklist__actions" markdown="span">'
        '<button type="button" class="md-button" data-checklist-print hidden>Print</button> '
        '<button type="button" class="md-button" data-checklist-reset hidden>'
        "Clear my ticks</button> "
        f"[Download PDF]({_pdf_link(checklist)})"
        '{ .md-button data-checklist-pdf="" download="" }</p>'
    )
    rows.append(
        '<p class="checklist__note" hidden>Ticks are your own notes. This browser keeps them '
        "on this device; nothing is sent to Upwork or to this site.</p>"
    )
    rows.append("</section>")
    return "\n".join(rows)


def replace_task_list(markdown: str, block: str) -> str:
    """Swap the body's task list for ``block`` (surrounded by blank lines)."""
    lines = markdown.split("\n")
    task_list = find_task_list(lines)
    if task_list is None:
        return markdown
    return "\n".join([*lines[: task_list.start], "", block, "", *lines[task_list.end :]])


def placeholder(checklist_id: str) -> str:
    """What an embed marker becomes in Markdown; swapped for the block after rendering."""
    return f"<!-- checklist-embed: {checklist_id} -->"


def mark_embeds(
    markdown: str, checklists: dict[str, Checklist], *, page_src: str
) -> tuple[str, list[str]]:
    """Swap each valid ``<!-- checklist: id -->`` line for :func:`placeholder`.

    Returns the Markdown and the ids embedded, in page order. Markers with
    problems (reported in ``on_files``) are left as the invisible comment
    they are.
    """
    if "checklist" not in markdown:
        return markdown, []
    lines = markdown.split("\n")
    shown: list[str] = []
    replace: dict[int, str] = {}
    for index, checklist_id, indent in find_embeds(lines):
        checklist = checklists.get(checklist_id or "")
        if checklist is None or indent or checklist.src_uri == page_src or checklist.id in shown:
            continue
        shown.append(checklist.id)
        replace[index] = "\n" + placeholder(checklist.id) + "\n"
    if not shown:
        return markdown, []
    return "\n".join(replace.get(index, line) for index, line in enumerate(lines)), shown


def extract_block(page_html: str, checklist_id: str) -> str | None:
    """The rendered checklist (its ``<section data-checklist>``) from its own page's HTML."""
    if not KEY_PATTERN.match(checklist_id):
        return None
    node = LexborHTMLParser(page_html).css_first(f'section[data-checklist="{checklist_id}"]')
    return None if node is None else node.html


_SLOT = re.compile("\ue000(C|\\d+)\ue001")
_HREF = "\ue002"
_TOKENS = ("\ue000", "\ue001", "\ue002")


class Link(NamedTuple):
    """A relative link (or image) inside a rendered checklist block."""

    key: str
    """``href`` or ``src``."""
    value: str
    """As written on the checklist's page."""
    outer: str
    """The element's HTML, its address replaced by a marker."""
    inner: str | None
    """The link's content, shown instead when it must become text (``None``: an image)."""
    term: str | None
    """The glossary term id, for a glossary term link."""


class EmbedTemplate(NamedTuple):
    """A checklist block parsed once, then filled in for each article that shows it.

    ``parts`` alternates HTML and slots: ``"C"`` for the caption, else the index
    of a :class:`Link`. Filling a slot is string work, no parsing.
    """

    parts: tuple[str, ...]
    links: tuple[Link, ...]

    @classmethod
    def parse(cls, block: str) -> EmbedTemplate:
        if any(token in block for token in _TOKENS):
            raise ValueError("the block contains characters reserved for embedding (U+E000-E002)")
        root = LexborHTMLParser(block).css_first("section[data-checklist]")
        if root is None:
            raise ValueError("no <section data-checklist> in the block")
        links = []
        for node in root.css("[href], [src]"):
            key = "href" if "href" in node.attributes else "src"
            value = node.attributes.get(key) or ""
            if not value or _SCHEME.match(value) or value.startswith("/"):
                continue
            is_term = GLOSSARY_LINK in (node.attributes.get("class") or "").split()
            inner = node.inner_html or "" if node.tag == "a" else None
            node.attrs[key] = _HREF
            links.append(
                Link(
                    key,
                    value,
                    node.html or "",
                    inner,
                    value.rpartition("#")[2] if is_term else None,
                )
            )
            node.replace_with(f"\ue000{len(links) - 1}\ue001")
        first = root.first_child
        if first is None:
            root.insert_child("\ue000C\ue001")
        else:
            first.insert_before("\ue000C\ue001")
        return cls(tuple(_SLOT.split(root.html or "")), tuple(links))


def embed_block(
    template: EmbedTemplate,
    checklist: Checklist,
    *,
    from_url: str,
    to_url: str,
    anchors_by_url: Mapping[str, set[str] | None],
    linked: set[str],
) -> tuple[str, list[str]]:
    """The checklist block rendered on the page at ``from_url``, for the page at ``to_url``.

    Adds a caption linking to the checklist page and makes every relative
    link work from ``to_url``: a link to ``to_url`` itself keeps only its
    anchor (or becomes text). A glossary term link (its anchor is the term
    id) to an entry the page already links to (``linked``, updated here)
    becomes text: one link per term and page. Returns the HTML and what is
    wrong with any link (checked against ``anchors_by_url``).
    """
    wrong: list[str] = []
    here = normal_url(to_url)

    def fill(link: Link) -> str:
        if link.term is not None:
            if link.term in linked and link.inner is not None:
                return link.inner
            linked.add(link.term)
        url, anchor = resolve_href(link.value, from_url=from_url)
        if url == here:
            if not anchor and link.inner is not None:
                return link.inner  # a link to this very page: just its text
            new = f"#{anchor}" if anchor else "./"
        else:
            new = relative_url(url, to_url) + (f"#{anchor}" if anchor else "")
        problem = check_href(new, from_url=to_url, anchors_by_url=anchors_by_url)
        if problem:
            wrong.append(problem)
        return link.outer.replace(_HREF, _attr(new))

    page_link = _attr(relative_url(from_url, to_url))
    name = html.escape(display_name(checklist), quote=False)
    caption = f'<p class="checklist__caption"><strong><a href="{page_link}">{name}</a></strong></p>'
    out = []
    for index, part in enumerate(template.parts):
        if index % 2 == 0:
            out.append(part)
        else:
            out.append(caption if part == "C" else fill(template.links[int(part)]))
    return "".join(out), wrong


def insert_embeds(page_html: str, blocks: Mapping[str, str]) -> tuple[str, list[str]]:
    """Put each block (checklist id -> HTML) where its :func:`placeholder` is.

    Returns the HTML and the ids whose placeholder was not found.
    """
    missing = []
    for checklist_id, block in blocks.items():
        mark = placeholder(checklist_id)
        if mark in page_html:
            page_html = page_html.replace(mark, block, 1)
        else:
            missing.append(checklist_id)
    return page_html, missing


# --------------------------------------------------------------------------- MkDocs events
# Thin adapters: read from MkDocs, call the functions above, report.


def on_config(config):  # type: ignore[no-untyped-def]
    global _state
    _state = _State()
    paper = str(config.extra.get("checklist_pdf_paper", "letter")).lower()
    problems = []
    if paper not in PAPERS:
        problems.append(
            Problem(
                "mkdocs.yml",
                None,
                f"extra.checklist_pdf_paper must be 'letter' or 'a4', got {paper!r}",
            )
        )
        paper = "letter"
    _state.paper = paper
    names = {
        ext if isinstance(ext, str) else type(ext).__module__ for ext in config.markdown_extensions
    }
    for needed in ("md_in_html", "attr_list"):
        if needed not in names and f"markdown.extensions.{needed}" not in names:
            problems.append(
                Problem(
                    "mkdocs.yml",
                    None,
                    f"checklists need the '{needed}' Markdown extension: add it to "
                    "markdown_extensions",
                )
            )
    report(log, problems)
    return config


def on_files(files, *, config):  # type: ignore[no-untyped-def]
    from mkdocs.structure.files import File

    sources = {
        f.src_uri: f.content_string for f in files.documentation_pages() if not f.generated_by
    }
    checklists, problems = collect(sources)
    report(log, problems)
    _state.checklists = checklists
    _state.by_page = {c.src_uri: c.id for c in checklists.values()}
    _state.urls = {f.src_uri: f.url for f in files.documentation_pages()}
    for checklist in checklists.values():
        if files.get_file_from_path(checklist.pdf_uri) is None:
            # Placeholder so Markdown links to the PDF validate; on_post_build writes the real file.
            files.append(File.generated(config, checklist.pdf_uri, content=b""))
    return files


def on_page_markdown(markdown, *, page, config, files):  # type: ignore[no-untyped-def]
    src = page.file.src_uri
    own = _state.by_page.get(src)
    if own is not None:
        markdown = replace_task_list(markdown, render_block(_state.checklists[own]))
    markdown, embedded = mark_embeds(markdown, _state.checklists, page_src=src)
    if embedded:
        _state.embeds[src] = embedded
    return markdown


def on_page_content(html, *, page, config, files):  # type: ignore[no-untyped-def]
    own = _state.by_page.get(page.file.src_uri)
    if own is not None:
        block = extract_block(html, own)
        if block is not None:
            try:
                _state.rendered[own] = (EmbedTemplate.parse(block), page.file.url)
            except ValueError as exc:
                report(
                    log, [Problem(page.file.src_uri, None, f"checklist can't be embedded: {exc}")]
                )
    return html


def _render_skipped_page(page, config, files) -> None:  # type: ignore[no-untyped-def]
    """Run a page MkDocs did not render this time (``--dirty``) through the page
    events and Markdown, on a copy, without writing it: as ``_populate_page`` does."""
    clone = copy.copy(page)
    clone.read_source(config)
    clone.markdown = config.plugins.on_page_markdown(
        clone.markdown, page=clone, config=config, files=files
    )
    clone.render(config, files)
    config.plugins.on_page_content(clone.content, page=clone, config=config, files=files)


def on_env(env, *, config, files):  # type: ignore[no-untyped-def]
    # Every page has been rendered (on_page_content) by now; templates come next.
    needed = {cid for ids in _state.embeds.values() for cid in ids}
    for cid in sorted(needed - _state.rendered.keys()):
        file = files.get_file_from_path(_state.checklists[cid].src_uri)
        if file is not None and file.page is not None:
            _render_skipped_page(file.page, config, files)
    anchors: dict[str, set[str] | None] = {}
    for file in files:
        page = file.page if file.is_documentation_page() else None
        anchors[normal_url(file.url)] = page.present_anchor_ids if page is not None else None
    _state.anchors_by_url = anchors
    return env


def on_page_context(context, *, page, config, nav):  # type: ignore[no-untyped-def]
    # After the search plugin's on_page_context: the copy is not indexed (its page is).
    src = page.file.src_uri
    ids = _state.embeds.get(src)
    if not ids or page.content is None:
        return context
    linked = set(terms_linked_on(src))
    blocks: dict[str, str] = {}
    wrong: list[str] = []
    for cid in ids:
        rendered = _state.rendered.get(cid)
        if rendered is None:
            wrong.append(f"checklist {cid!r} was not rendered, so it can't be shown here")
            continue
        template, from_url = rendered
        blocks[cid], problems = embed_block(
            template,
            _state.checklists[cid],
            from_url=from_url,
            to_url=page.file.url,
            anchors_by_url=_state.anchors_by_url,
            linked=linked,
        )
        wrong.extend(problems)
    page.content, missing = insert_embeds(page.content, blocks)
    wrong.extend(f"checklist {cid!r}: its place in the page was lost" for cid in missing)
    if wrong:
        lines = page.file.content_string.split("\n")
        line = next((n + 1 for n, _, _ in find_embeds(lines)), None)
        report(log, [Problem(src, line, message) for message in wrong])
    return context


def on_post_build(config):  # type: ignore[no-untyped-def]
    if not _state.checklists:
        return
    project = Path(config.config_file_path).resolve().parent
    base = config.site_url or ""
    if base and not base.endswith("/"):
        base += "/"

    def url_for(src_uri: str) -> str | None:
        url = _state.urls.get(src_uri)
        return None if url is None else base + url

    jobs = [
        PdfJob(checklist=c, page_url=url_for(c.src_uri) or c.src_uri)
        for c in _state.checklists.values()
    ]
    started = time.perf_counter()
    stats = render_pdfs(
        jobs,
        site_dir=Path(config.site_dir),
        cache_dir=project / ".cache" / "checklist-pdfs",
        paper=_state.paper,
        url_for=url_for,
        log=log,
    )
    _state.pdf_stats = stats
    log.info(
        "checklists: %d PDFs rendered, %d reused from cache in %.2f s; WeasyPrint loaded: %s",
        len(stats.rendered),
        len(stats.reused),
        time.perf_counter() - started,
        "yes" if stats.weasyprint_loaded else "no",
    )
