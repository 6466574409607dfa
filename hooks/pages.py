"""Pages as records: each Markdown file read once, its front matter parsed once.

Every feature module works on :class:`Page` records and reports :class:`Problem`\\ s;
the one rule for what a page id is (:class:`PageIds`) lives here too.
Built by ``handbook.on_files``, once per build.
"""

from __future__ import annotations

import difflib
import logging
import posixpath
import re
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import yaml

log = logging.getLogger("mkdocs.hooks.handbook")
"""Under ``mkdocs.*``, so that ``--strict`` counts its warnings."""


class Problem(NamedTuple):
    """One mistake in one source file: where, and what to do about it."""

    path: str
    """File path relative to ``docs/`` (or ``mkdocs.yml``)."""
    line: int | None
    """1-based line, or ``None`` when no single line is to blame."""
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def report(problems: Iterable[Problem]) -> int:
    """Log each problem once as a warning, in file and line order; return how many."""
    unique = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))
    for problem in unique:
        log.warning(str(problem))
    return len(unique)


# --------------------------------------------------------------------------- YAML


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text (the schema reports a bad date as a field
    problem instead of PyYAML crashing on it)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_CLoader: Any = getattr(yaml, "CSafeLoader", None)
if _CLoader is not None:  # libyaml's parser when installed, with the same resolvers

    class _FastLoader(_CLoader):
        pass

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
    _LOADER: Any = _FastLoader
else:
    _LOADER = _Loader

KeyPath = tuple[str | int, ...]


class ParsedYaml(NamedTuple):
    """YAML text parsed: the data, each key path's line, and what is wrong with it."""

    data: Any
    lines: dict[KeyPath, int]
    """Each key path's line (``("terms", 3, "short") -> 42``)."""
    problems: list[tuple[int, str]]
    """``(line, message)``: a syntax error, an alias, a key written twice."""


def parse_yaml(text: str, *, first_line: int = 1) -> ParsedYaml:
    """Parse YAML from a page's front matter or a data file; ``first_line`` is the
    file line of the text's first line, so every line reported is a file line.

    Anchors and aliases (``&a`` / ``*a``) are refused before anything is built:
    a few hundred bytes of nested aliases would otherwise expand to millions
    of values (a "billion laughs").
    """
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return ParsedYaml(None, {}, [])
        walk = _Walk(first_line)
        if not walk.visit(node, ()):
            return ParsedYaml(None, walk.lines, walk.problems)
        return ParsedYaml(loader.construct_document(node), walk.lines, walk.problems)
    except yaml.YAMLError as exc:
        line, message = _yaml_error(exc)
        return ParsedYaml(None, {}, [(line + first_line, message)])
    finally:
        loader.dispose()


def _yaml_error(exc: yaml.YAMLError) -> tuple[int, str]:
    """The 0-based line to blame and a plain message: for an unclosed quote or
    bracket, the line where it was opened, not where the parser gave up."""
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None) or ""
    context_mark = getattr(exc, "context_mark", None)
    mark = getattr(exc, "problem_mark", None)
    if context_mark is not None and ("quoted" in context or "flow" in context):
        what = "a quote" if "quoted" in context else "a bracket"
        return context_mark.line, f"is not valid YAML: {what} opened on this line is never closed"
    return (mark.line if mark is not None else 0), (
        f"is not valid YAML ({problem}): check quotes and indentation"
    )


class _Walk:
    """Each key path's line and the keys written twice, from PyYAML's node graph."""

    def __init__(self, first_line: int) -> None:
        self.first = first_line
        self.lines: dict[KeyPath, int] = {}
        self.problems: list[tuple[int, str]] = []
        self.seen: set[int] = set()

    def visit(self, node: yaml.Node, path: KeyPath, line: int = 0) -> bool:
        """``False`` as soon as a node comes back through an alias (``line``: where
        the node is used, the 0-based line of its key or of its list)."""
        if id(node) in self.seen:
            self.problems.append(
                (
                    line + self.first,
                    "uses a YAML alias (*name): anchors and aliases can't be used here; write the values out",
                )
            )
            return False
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first_line: dict[str, int] = {}
            for key, value in node.value:
                name, line = str(key.value), key.start_mark.line + self.first
                if name in first_line:
                    dotted = ".".join(str(p) for p in (*path, name))
                    self.problems.append(
                        (
                            line,
                            f"'{dotted}' is written twice (also on line {first_line[name]}): "
                            "keep one, since only the last one would count",
                        )
                    )
                else:
                    first_line[name] = line
                    self.lines[(*path, name)] = line
                if not self.visit(value, (*path, name), key.start_mark.line):
                    return False
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.lines[(*path, index)] = item.start_mark.line + self.first
                if not self.visit(item, (*path, index), node.start_mark.line):
                    return False
        return True


# --------------------------------------------------------------------------- pages

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


class Page(NamedTuple):
    """One Markdown page of ``docs/``, read and parsed once per build."""

    src: str
    """Path under ``docs/``: ``freelancer/end-hourly.md``."""
    text: str
    """The whole file (a leading byte-order mark removed)."""
    meta: dict[str, Any]
    """Front matter as parsed (``{}`` when missing or broken)."""
    lines: dict[KeyPath, int]
    """Each front-matter key path's 1-based line in the file."""
    body: str
    """The Markdown after the front matter."""
    body_line: int
    """1-based file line where :attr:`body` starts."""
    has_front_matter: bool
    problems: tuple[Problem, ...]
    """YAML problems in the front matter (the schema check adds its own)."""

    @property
    def kind(self) -> str:
        return str(self.meta.get("kind") or "article")

    @property
    def title(self) -> str:
        title = self.meta.get("title")
        return str(title).strip() if title else page_id(self.src)

    def line_of(self, *key: str | int) -> int | None:
        """The line of a front-matter key path, or of its nearest parent."""
        return line_in(self.lines, key)


def line_in(lines: dict[KeyPath, int], key: KeyPath) -> int | None:
    """The line of a key path, or of its nearest parent that has one."""
    for cut in range(len(key), 0, -1):
        if key[:cut] in lines:
            return lines[key[:cut]]
    return None


def read_page(src: str, text: str) -> Page:
    """Split and parse one page."""
    text = text.removeprefix("\ufeff")
    match = _FRONT.match(text)
    if match is None:
        return Page(src, text, {}, {}, text, 1, False, ())
    yaml_text = match.group(1) or ""
    body_line = text.count("\n", 0, match.end()) + 1
    parsed = parse_yaml(yaml_text, first_line=2)
    problems = tuple(Problem(src, line, f"front matter {message}") for line, message in parsed.problems)
    meta = parsed.data if isinstance(parsed.data, dict) else {}
    return Page(src, text, meta, parsed.lines, text[match.end() :], body_line, True, problems)


def read_file(src: str, data: bytes) -> Page | Problem:
    """A page from the file's bytes, or the problem when it is not UTF-8."""
    try:
        return read_page(src, data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return Problem(
            src,
            data.count(b"\n", 0, exc.start) + 1,
            f"is not saved as UTF-8 (byte 0x{data[exc.start]:02X}): re-save it as UTF-8",
        )


# --------------------------------------------------------------------------- page ids


def page_id(src: str) -> str:
    """``freelancer/end-hourly.md`` -> ``freelancer/end-hourly``."""
    return src.removesuffix(".md")


class PageIds:
    """The one rule for naming a page: its path under ``docs/`` without ``.md``;
    a folder alone names its ``index.md``. Used by ``[[refs]]``, ``related:``,
    glossary ``see:`` and the question flow."""

    def __init__(self, srcs: Iterable[str]) -> None:
        self.srcs = {s for s in srcs if s.endswith(".md")}
        self.ids = {page_id(s): s for s in self.srcs}
        for src in self.srcs:
            if src.endswith("/index.md"):
                self.ids.setdefault(src.removesuffix("/index.md"), src)

    def src_of(self, name: str) -> str | None:
        """The page a page id (without ``#anchor``) names, or ``None``."""
        return self.ids.get(name.strip().strip("/"))

    def suggest(self, name: str, extra: Iterable[str] = ()) -> list[str]:
        """Up to three known names close to ``name``."""
        known = sorted({*self.ids, *extra})
        return difflib.get_close_matches(name.strip().casefold(), known, n=3, cutoff=0.6)

    def unknown(self, name: str) -> str:
        """What to say about a page id that names no page."""
        close = self.suggest(name)
        if close:
            return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
        return "use a page id such as 'freelancer/end-hourly' (the path under docs/ without .md)"


def relative_link(target_src: str, *, from_src: str, anchor: str = "") -> str:
    """A Markdown link target from one page's file to another's (MkDocs checks and rewrites it)."""
    path = posixpath.relpath(target_src, posixpath.dirname(from_src) or ".")
    return path + (f"#{anchor}" if anchor else "")


def titles(pages: Mapping[str, Page]) -> dict[str, str]:
    """Every page's title by ``src``."""
    return {src: page.title for src, page in pages.items()}
