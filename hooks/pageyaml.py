"""Front matter as YAML: split it from a page, parse it once, know each key's line.

Shared by the hook modules (the schema check, checklists, the glossary, the
link graph). It has no ``on_*`` functions: it is imported, not registered as a
hook, so every hook module that imports it shares the one module, and the one
cache of :func:`parse_yaml` (emptied by the front-matter hook in ``on_config``
and ``on_nav``; see :func:`clear_cache`).
"""

from __future__ import annotations

import functools
import re
from typing import Any, NamedTuple

import yaml

_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class TextDateLoader(_SafeBase):  # type: ignore[misc]
    """Safe YAML loader (libyaml's C parser when installed) that leaves dates
    as text, so pydantic reports a bad date (``2026-02-30``) as a field
    problem instead of PyYAML crashing on it."""


TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class ParsedYaml(NamedTuple):
    """One front matter, parsed once: its data, where each key is, or the YAML error.

    Only small results are kept, not PyYAML's node tree: a cached tree of every
    page (nodes and their marks, about 70 objects a page) would make Python's
    garbage collector slower for the whole build. Callers must not change ``data``.
    """

    data: Any
    key_lines: dict[tuple[str | int, ...], int]
    """Each key path's 0-based line in the YAML text (``("terms", 3, "short") -> 40``)."""
    repeated: tuple[tuple[str, int, int], ...]
    """Keys written twice in one mapping: ``(dotted key, line, first line)``, 0-based."""
    error: yaml.YAMLError | None


def read_yaml(yaml_text: str) -> ParsedYaml:
    """Parse front-matter YAML: the data and the key lines come from the same pass."""
    loader = TextDateLoader(yaml_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        return ParsedYaml(None, {}, (), exc)
    finally:
        loader.dispose()
    lines, repeated = _walk_keys(node, 0)
    return ParsedYaml(data, lines, tuple(repeated), None)


@functools.cache  # emptied by clear_cache()
def parse_yaml(yaml_text: str) -> ParsedYaml:
    """:func:`read_yaml`, cached by the text: for the few pages whose front matter
    other hooks read too (checklists, the glossary, titles of linked pages).

    The schema check of every page uses :func:`read_yaml` itself: a cached parse
    of each page (dicts and lists) would outlive its use and make Python's
    garbage collector run full collections more often during the build.
    """
    return read_yaml(yaml_text)


def key_lines(parsed: ParsedYaml, first_line: int) -> dict[tuple[str | int, ...], int]:
    """:attr:`ParsedYaml.key_lines` as lines of the file whose YAML starts on ``first_line``."""
    return {key: line + first_line for key, line in parsed.key_lines.items()}


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
"""The front matter's definition; :func:`split_front_matter` finds the same, faster."""
_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")
_CLOSE_LINE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)


def split_front_matter(source: str) -> tuple[str | None, int]:
    """Return the YAML text between the ``---`` fences and the line it starts on.

    ``(None, 0)`` when the file has no front matter. The same result as matching
    :data:`_FRONT` (tested), found by searching for the closing line: that
    expression's lazy ``.*?`` costs about 40 µs on a long front matter, and
    every hook asks.
    """
    opening = _OPEN.match(source)
    if opening is None:
        return None, 0
    start = opening.end()
    # Like the expression: the first closing fence after at least one line of YAML...
    newline = source.find("\n", start)
    if newline != -1:
        closing = _CLOSE_LINE.search(source, newline + 1)
        if closing is not None:
            return source[start : closing.start()], 2
    # ...else one right after the opening fence (empty front matter).
    return ("", 2) if _CLOSE.match(source, start) else (None, 0)


def _walk_keys(
    root: yaml.Node | None, first_line: int
) -> tuple[dict[tuple[str | int, ...], int], list[tuple[str, int, int]]]:
    """From the parsed node tree: each key path's line in the file
    (``("terms", 3, "short") -> 42``), and the keys written twice in one
    mapping as ``(dotted key, line, first line)`` (PyYAML silently keeps the
    last value of a repeated key, so a second ``sources:`` would hide the first)."""
    lines: dict[tuple[str | int, ...], int] = {}
    duplicates: list[tuple[str, int, int]] = []
    if root is not None:
        _walk(root, (), first_line, lines, duplicates)
    return lines, duplicates


def _walk(
    node: yaml.Node,
    path: tuple[str | int, ...],
    first_line: int,
    lines: dict[tuple[str | int, ...], int],
    duplicates: list[tuple[str, int, int]],
) -> None:
    """:func:`_walk_keys` below ``node``. A module-level function: an inner function
    that calls itself is a reference cycle, kept until Python's cycle collector runs
    (this runs for every page whose front matter is checked)."""
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            name = str(key.value)
            line = key.start_mark.line + first_line
            sub = (*path, name)
            if name in seen:
                duplicates.append((".".join(str(p) for p in sub), line, seen[name]))
            else:
                seen[name] = line
                lines[sub] = line
            _walk(value, sub, first_line, lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            sub = (*path, index)
            lines[sub] = item.start_mark.line + first_line
            _walk(item, sub, first_line, lines, duplicates)


def clear_cache() -> None:
    """Forget every cached parse: a new build (also each ``mkdocs serve`` rebuild)
    reads pages afresh, and after ``on_files`` nothing needs them any more."""
    parse_yaml.cache_clear()
