"""Front matter: the schema every page must follow, checked on every build.

MkDocs quietly turns front matter it cannot parse into empty metadata, and it
never checks fields. This hook reads each page's front matter itself, checks
it against the pydantic models below and reports *every* problem in the site
in one build, each naming the file, the line of the field, and what is
expected. Under ``--strict`` (always on here) the build then fails.

It also prepares what the page template shows about the page's review:
``page.meta["review"]`` holds a :class:`Review` (date as text, whether the page
is stale). Staleness is logged at info level only: time passing must not break
a ``--strict`` build.

Page kinds (``kind:``): ``article`` (the default), ``faq``, ``checklist``,
``glossary`` and ``page`` (home, about, index pages).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import yaml
from problems import Problem, hook_logger, report
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

log = hook_logger("frontmatter")

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
PageId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/_-]*(?:#[a-z0-9_-]+)?$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _public_https(url: HttpUrl) -> HttpUrl:
    """A source readers can open: https, on a real host name (with a dot)."""
    if url.scheme != "https":
        raise ValueError(f"must start with https:// (got {str(url)!r})")
    if not url.host or "." not in url.host:
        raise ValueError(f"must be a public web address (got {str(url)!r})")
    return url


SourceUrl = Annotated[HttpUrl, AfterValidator(_public_https)]

#: What to write when a required field is missing, shown in the build's message.
FIELD_HINTS = {
    "title": "add 'title: ...' (3 to 90 characters)",
    "description": "add 'description: ...', one sentence of 20 to 160 characters "
    "(it becomes the page's meta description)",
    "audience": "add 'audience: freelancer', 'client' or 'both'",
    "contract_type": "add 'contract_type: hourly', 'fixed-price' or 'both'",
    "tags": "add 'tags: [ending-a-contract]' (lowercase words joined by hyphens)",
    "last_reviewed": "add 'last_reviewed: YYYY-MM-DD', the day you last checked the page "
    "against its sources",
    "sources": "add 'sources:' with one '- https://...' line per page behind the facts",
    "term": "add 'term: ...', the word as readers see it",
    "short": "add 'short: ...', one sentence of 10 to 200 characters",
}


class SearchOptions(BaseModel):
    """Material's own per-page search options."""

    model_config = ConfigDict(extra="forbid")
    boost: float | None = Field(default=None, gt=0, le=10)
    exclude: bool | None = None


class GlossaryTerm(BaseModel):
    """One glossary entry, listed under ``terms:`` in the glossary page."""

    model_config = ConfigDict(extra="forbid")
    term: NonEmpty
    """The term as shown, e.g. ``Escrow``."""
    id: Slug | None = None
    """Anchor and short-reference name; defaults to the slug of ``term``."""
    aliases: list[NonEmpty] = []
    """Other words readers use for the same thing (``project funds``)."""
    short: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=200)]
    """One-sentence definition, shown as the tooltip wherever the term is linked."""
    definition: str | None = None
    """Optional longer explanation in Markdown, shown on the glossary page."""
    see: PageId | None = None
    """Optional page id of the article that explains the term in depth."""


class FrontMatter(BaseModel):
    """Fields shared by every page kind. ``extra="forbid"`` catches typos."""

    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=90)]
    description: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=20, max_length=160)
    ]
    kind: Literal["article", "faq", "checklist", "glossary", "page"] = "article"
    audience: Literal["freelancer", "client", "both"]
    contract_type: Literal["hourly", "fixed-price", "both"]
    tags: list[Slug]
    last_reviewed: dt.date
    sources: list[SourceUrl]
    aliases: list[NonEmpty] = []
    related: list[PageId] = []
    checklist_id: Slug | None = None
    terms: list[GlossaryTerm] | None = None
    # Material for MkDocs' own page options.
    search: SearchOptions | None = None
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] = []
    template: str | None = None
    icon: str | None = None

    @field_validator("last_reviewed")
    @classmethod
    def _not_in_future(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        # "Today" comes from the validation context so that a long-running
        # `mkdocs serve` compares against the real date of each rebuild.
        today = (info.context or {}).get("today") or dt.date.today()
        if value > today:
            raise ValueError(
                f"must not be in the future (today is {today.isoformat()}): "
                "use the day you checked the page against its sources"
            )
        return value

    @model_validator(mode="after")
    def _kind_rules(self) -> FrontMatter:
        if self.kind != "page" and not self.sources:
            raise ValueError(
                "sources: list at least one public URL behind this page's facts "
                "(kind 'page' may leave it empty)"
            )
        if self.kind != "page" and not self.tags:
            raise ValueError("tags: give at least one tag, e.g. [escrow, refunds]")
        if self.kind == "glossary" and not self.terms:
            raise ValueError("terms: a glossary page lists its terms under 'terms:'")
        if self.kind != "glossary" and self.terms is not None:
            raise ValueError("terms: only the glossary page (kind: glossary) may list terms")
        if self.kind != "checklist" and self.checklist_id is not None:
            raise ValueError("checklist_id: only a checklist page (kind: checklist) has one")
        return self


@dataclass(frozen=True)
class Review:
    """What the page template shows about a page's last review."""

    iso: str
    """``2026-11-27``: for ``<time datetime>`` and JSON-LD."""
    text: str
    """``27 November 2026``: for readers."""
    stale: bool
    """True when the review is older than the configured maximum age."""


# --------------------------------------------------------------------------- parsing


_SafeBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class TextDateLoader(_SafeBase):  # type: ignore[misc]
    """Safe YAML loader (libyaml's C parser when installed) that leaves dates
    as text, so pydantic reports a bad date (``2026-02-30``) as a field
    problem instead of PyYAML crashing on it."""


TextDateLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class ParsedYaml:
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


@functools.cache  # emptied in on_config and on_nav
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


def split_front_matter(source: str) -> tuple[str | None, int]:
    """Return the YAML text between the ``---`` fences and the line it starts on.

    ``(None, 0)`` when the file has no front matter.
    """
    match = _FRONT.match(source)
    if not match:
        return None, 0
    return match.group(1) or "", 2


def _walk_keys(
    root: yaml.Node | None, first_line: int
) -> tuple[dict[tuple[str | int, ...], int], list[tuple[str, int, int]]]:
    """From the parsed node tree: each key path's line in the file
    (``("terms", 3, "short") -> 42``), and the keys written twice in one
    mapping as ``(dotted key, line, first line)`` (PyYAML silently keeps the
    last value of a repeated key, so a second ``sources:`` would hide the first)."""
    lines: dict[tuple[str | int, ...], int] = {}
    duplicates: list[tuple[str, int, int]] = []

    def walk(node: yaml.Node, path: tuple[str | int, ...]) -> None:
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
                walk(value, sub)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                sub = (*path, index)
                lines[sub] = item.start_mark.line + first_line
                walk(item, sub)

    if root is not None:
        walk(root, ())
    return lines, duplicates


def _describe(error: dict[str, Any]) -> str:
    """Turn one pydantic error into plain words about what is expected."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        hint = FIELD_HINTS.get(str(error["loc"][-1]) if error["loc"] else "")
        return "is required but missing" + (f": {hint}" if hint else "")
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling; see CONTRIBUTING.md for the fields)"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}, got {error.get('input')!r}"
    if kind == "string_pattern_mismatch":
        return (
            f"{error.get('input')!r} is not valid here: use lowercase letters, digits and hyphens"
        )
    if kind == "string_too_long":
        size = len(str(error.get("input", "")).strip())
        return f"is too long: {size} characters, at most {ctx.get('max_length')}"
    if kind == "string_too_short":
        size = len(str(error.get("input", "")).strip())
        return f"is too short: {size} characters, at least {ctx.get('min_length')}"
    if kind in ("too_long", "too_short"):
        limit = ctx.get("max_length") if kind == "too_long" else ctx.get("min_length")
        bound = "at most" if kind == "too_long" else "at least"
        return f"has {ctx.get('actual_length')} items: {bound} {limit}"
    if kind == "list_type":
        return (
            f"must be a list, got {error.get('input')!r}: write [a, b] on one line "
            "or one '- item' per line"
        )
    if kind == "string_type":
        return f"must be text, got {error.get('input')!r}"
    if kind == "model_type":
        return f"must be 'field: value' lines, got {error.get('input')!r}"
    if kind.startswith("date") or kind == "date_from_datetime_parsing":
        return f"must be a real date written YYYY-MM-DD, got {error.get('input')!r}"
    if kind.startswith("url"):
        return f"must be a full web address starting with https://, got {error.get('input')!r}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "greater_than":
        return f"must be more than {ctx.get('gt')}, got {error.get('input')!r}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, got {error.get('input')!r}"
    return f"{error['msg']} (got {error.get('input')!r})"


def check_front_matter(
    path: str, source: str, *, today: dt.date | None = None
) -> tuple[FrontMatter | None, list[Problem]]:
    """Validate the front matter of one Markdown file.

    Returns the parsed model (``None`` when invalid) and one :class:`Problem`
    per mistake, each with the line of the offending field.
    """
    yaml_text, first = split_front_matter(source)
    if yaml_text is None:
        return None, [
            Problem(
                path,
                1,
                "has no front matter: start the file with '---', the fields "
                "(title, description, ...), then '---' (copy a template from CONTRIBUTING.md)",
            )
        ]
    parsed = read_yaml(yaml_text)
    if parsed.error is not None:
        exc = parsed.error
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first if mark is not None else first
        what = getattr(exc, "problem", None) or str(exc)
        return None, [
            Problem(
                path, line, f"front matter is not valid YAML ({what}); check quotes and indentation"
            )
        ]
    data = parsed.data
    if not isinstance(data, dict):
        return None, [Problem(path, first, "front matter must be 'field: value' lines")]
    lines = key_lines(parsed, first)
    repeated = [(key, line + first, earlier + first) for key, line, earlier in parsed.repeated]

    duplicates = [
        Problem(
            path,
            line,
            f"front matter field '{key}' is written twice (also on line {earlier}): "
            "keep one, since only the last one would count",
        )
        for key, line, earlier in repeated
    ]
    try:
        model = FrontMatter.model_validate(data, context={"today": today or dt.date.today()})
    except ValidationError as exc:
        problems = list(duplicates)
        for error in exc.errors():
            loc = tuple(error["loc"])
            field = ".".join(str(part) for part in loc) or "front matter"
            line = None
            for cut in range(len(loc), 0, -1):
                if loc[:cut] in lines:
                    line = lines[loc[:cut]]
                    break
            message = _describe(error)
            if error["type"] == "value_error" and message.split(":", 1)[0].isidentifier():
                # Rule errors from _kind_rules already name their field first.
                field_name = message.split(":", 1)[0]
                line = lines.get((field_name,), line or first)
                problems.append(Problem(path, line or first, f"front matter field {message}"))
                continue
            problems.append(
                Problem(path, line or first, f"front matter field '{field}' {message}")
            )
        return None, problems
    return (None, duplicates) if duplicates else (model, [])


def review_of(last_reviewed: Any, *, today: dt.date, max_age_days: int) -> Review | None:
    """Describe a page's last review for readers; ``None`` when it has no valid date."""
    if isinstance(last_reviewed, dt.datetime):
        last_reviewed = last_reviewed.date()
    if not isinstance(last_reviewed, dt.date):
        return None
    return Review(
        iso=last_reviewed.isoformat(),
        text=f"{last_reviewed.day} {last_reviewed:%B %Y}",
        stale=(today - last_reviewed).days > max_age_days,
    )


def check_site(
    sources: dict[str, str], *, today: dt.date
) -> tuple[dict[str, FrontMatter], list[Problem]]:
    """Validate every page; return the valid models by path and all problems."""
    models: dict[str, FrontMatter] = {}
    problems: list[Problem] = []
    for path, source in sorted(sources.items()):
        model, found = check_front_matter(path, source, today=today)
        problems.extend(found)
        if model is not None:
            models[path] = model
    return models, problems


# --------------------------------------------------------------------------- MkDocs events
# Thin adapters: read from MkDocs, call the functions above, report.


def on_config(config):  # type: ignore[no-untyped-def]
    parse_yaml.cache_clear()  # a new build (also each `mkdocs serve` rebuild) reads pages afresh
    return config


def on_files(files, *, config):  # type: ignore[no-untyped-def]
    sources = {
        f.src_uri: f.content_string for f in files.documentation_pages() if not f.generated_by
    }
    _, problems = check_site(sources, today=dt.date.today())
    report(log, problems)
    return files


def on_nav(nav, *, config, files):  # type: ignore[no-untyped-def]
    # Every hook has read the front matter it needs in on_files (through parse_yaml);
    # pages are rendered from here on, with MkDocs' own parse in page.meta. Letting go of
    # the shared parses keeps the objects Python's garbage collector walks few.
    parse_yaml.cache_clear()
    return nav


def on_page_markdown(markdown, *, page, config, files):  # type: ignore[no-untyped-def]
    max_age = int(config.extra.get("review_max_age_days", 365))
    review = review_of(page.meta.get("last_reviewed"), today=dt.date.today(), max_age_days=max_age)
    page.meta["review"] = review
    if review is not None and review.stale:
        log.info(
            "%s: last reviewed %s, more than %d days ago: check it against its sources "
            "and update last_reviewed",
            page.file.src_uri,
            review.iso,
            max_age,
        )
    return markdown
