"""Message templates: blanks to fill in, the builder that fills them, and copy buttons.

* ``[[fill:their name]]`` in a page's text -> ``<span class="fill"
  data-fill="their-name">[their name]</span>`` (:func:`fill_blanks`, from the
  Markdown element tree): a blank the reader fills in. Without JavaScript it reads
  as "[their name]", and that is also what "Copy message" copies while it is empty.
* ``<!-- template-builder: their name, your name, project -->`` on a line of its own
  (:func:`render_page`): a field for each name, filled once; ``site.js`` writes
  each value into every blank of that name and keeps it in this browser only.
* On a page with a builder, every quote (``>``) is a message (:func:`mark_messages`):
  it gets a "Copy message" button that copies its paragraphs as clean text.

The DOM contract with ``site.js``: ``[data-builder]`` holds ``input[data-fill]``;
``.fill[data-fill]`` are the blanks; ``blockquote.message`` is followed by
``p.message__actions`` with ``button[data-copy]`` and an ``aria-live`` status. Controls
that need JavaScript carry ``hidden`` until the script shows them.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markup import fenced_code_lines
from pages import Page, Problem

FILL = re.compile(r"\[\[fill:([^\[\]|\n]+?)\]\]")
"""A blank: ``[[fill:name]]``."""
_BUILDER_START = re.compile(r"^(\s*)<!--\s*template-builder\b", re.IGNORECASE)
_BUILDER = re.compile(r"^<!--\s*template-builder:\s*([^>]+?)\s*-->\s*$")
_SKIP_TAGS = frozenset({"code", "pre", "kbd", "samp", "script", "style"})


def slug(name: str) -> str:
    """``reply-by date`` -> ``reply-by-date``: the key of a blank and of its field."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def find_builder(body: str) -> tuple[int, list[str] | None, str] | None:
    """The builder marker outside code: (line index, field names or ``None`` when it is
    written wrongly, indent), or ``None`` when the page has none."""
    lines = body.split("\n")
    code = fenced_code_lines(lines)
    for index, line in enumerate(lines):
        start = _BUILDER_START.match(line) if index not in code else None
        if start:
            match = _BUILDER.match(line.strip())
            names = [n.strip() for n in match.group(1).split(",")] if match else None
            return index, names, start.group(1)
    return None


def check(page: Page) -> list[Problem]:
    """A builder marker written wrongly, indented, with an empty or repeated field, or a
    field that no blank on the page uses (a typo would leave every blank empty)."""
    found = find_builder(page.body)
    if found is None:
        return []
    index, names, indent = found
    line = page.body_line + index

    def problem(message: str) -> Problem:
        return Problem(page.src, line, message)

    if names is None:
        return [
            problem("write the builder as <!-- template-builder: their name, your name, project -->")
        ]
    problems = []
    if indent:
        problems.append(problem("put <!-- template-builder: ... --> at the start of a line of its own"))
    used = {slug(m.group(1)) for m in FILL.finditer(page.body)}
    seen: set[str] = set()
    for name in names:
        key = slug(name)
        if not key:
            problems.append(problem("a template-builder field needs a name: remove the extra comma"))
        elif key in seen:
            problems.append(problem(f"the field {name!r} is listed twice in the template builder"))
        elif key not in used:
            problems.append(
                problem(f"no [[fill:{name}]] on this page uses the builder field {name!r}: check it")
            )
        seen.add(key)
    return problems


def render_builder(names: list[str]) -> str:
    """The builder's fields: hidden until ``site.js`` runs (without it they would do nothing)."""
    rows = [
        '<div class="builder" data-builder data-search-exclude="" hidden>',
        '<p class="builder__note">Type these once and every message below comes out filled in. '
        "They are kept in this browser only and never sent.</p>",
        '<div class="builder__fields">',
    ]
    for name in names:
        key = slug(name)
        if not key:
            continue
        label = html.escape(name[:1].upper() + name[1:])
        rows.append(
            f'<p><label for="fill-{key}">{label}</label> '
            f'<input type="text" id="fill-{key}" data-fill="{key}" spellcheck="false"></p>'
        )
    rows += [
        "</div>",
        '<p class="builder__actions"><button type="button" class="md-button" data-builder-clear>'
        'Clear my details</button> <span data-builder-status aria-live="polite"></span></p>',
        "</div>",
    ]
    return "\n".join(rows)


def render_page(markdown: str) -> str:
    """The page's Markdown with its builder marker replaced by the fields."""
    if "template-builder" not in markdown:
        return markdown
    found = find_builder(markdown)
    if found is None:
        return markdown
    index, names, indent = found
    if names is None or indent:
        return markdown  # the problem is reported in on_files
    lines = markdown.split("\n")
    lines[index] = "\n" + render_builder(names) + "\n"
    return "\n".join(lines)


def fill_blanks(root: etree.Element) -> None:
    """Every ``[[fill:name]]`` in the text of ``root`` -> its blank, outside code."""

    def split(text: str) -> tuple[str, list[etree.Element]] | None:
        pieces: list[etree.Element] = []
        head, cursor = "", 0
        for match in FILL.finditer(text):
            name = " ".join(match.group(1).split())
            before = text[cursor : match.start()]
            if pieces:
                pieces[-1].tail = before
            else:
                head = before
            blank = etree.Element("span", {"class": "fill", "data-fill": slug(name)})
            blank.text = f"[{name}]"
            pieces.append(blank)
            cursor = match.end()
        if not pieces:
            return None
        pieces[-1].tail = text[cursor:]
        return head, pieces

    def visit(element: etree.Element) -> None:
        if element.tag in _SKIP_TAGS:
            return
        if element.text and "[[fill:" in element.text:
            result = split(element.text)
            if result is not None:
                element.text = result[0]
                element[0:0] = result[1]
        position = 0
        while position < len(element):
            child = element[position]
            position += 1
            if child.get("class") == "fill":
                continue
            visit(child)
            if child.tail and "[[fill:" in child.tail:
                result = split(child.tail)
                if result is not None:
                    child.tail = result[0]
                    element[position:position] = result[1]
                    position += len(result[1])

    visit(root)


def mark_messages(root: etree.Element) -> int:
    """Each quote becomes a message with a "Copy message" button after it; returns how many."""
    count = 0
    for parent in root.iter():
        children = list(parent)
        for child in reversed(children):
            if child.tag != "blockquote":
                continue
            child.set("class", "message no-glossary")
            actions = etree.Element("p", {"class": "message__actions", "hidden": ""})
            button = etree.SubElement(
                actions, "button", {"type": "button", "class": "md-button", "data-copy": ""}
            )
            button.text = "Copy message"
            button.tail = " "
            status = etree.SubElement(actions, "span", {"data-copy-status": "", "aria-live": "polite"})
            status.text = ""
            actions.tail = child.tail
            child.tail = "\n"
            parent.insert(list(parent).index(child) + 1, actions)
            count += 1
    return count
