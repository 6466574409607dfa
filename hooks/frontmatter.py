"""Front matter: the schema every page follows, and what templates show about a review.

:func:`check_page` validates a :class:`pages.Page` with pydantic and reports every
problem with the line of its field; :func:`review_of` gives the "last reviewed"
line and whether the page is stale. Called by ``handbook.on_files`` and
``handbook.on_page_markdown``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, NamedTuple

from pages import KeyPath, Page, Problem, line_in, read_page
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

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
PageRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9/_-]*(?:#[a-z0-9_-]+)?$")]
"""A page id, optionally with ``#anchor`` (which page it names is :class:`pages.PageIds`' rule)."""
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _public_https(url: HttpUrl) -> HttpUrl:
    """A source readers can open: https, on a real host name (with a dot)."""
    if url.scheme != "https":
        raise ValueError(f"must start with https:// (got {str(url)!r})")
    if not url.host or "." not in url.host:
        raise ValueError(f"must be a public web address (got {str(url)!r})")
    return url


SourceUrl = Annotated[HttpUrl, AfterValidator(_public_https)]

#: What to write when a required field is missing.
FIELD_HINTS = {
    "title": "add 'title: ...' (3 to 90 characters)",
    "description": "add 'description: ...', one sentence of 20 to 160 characters "
    "(it becomes the page's meta description)",
    "audience": "add 'audience: freelancer', 'client' or 'both'",
    "contract_type": "add 'contract_type: hourly', 'fixed-price' or 'both'",
    "tags": "add 'tags: [ending-a-contract]' (lowercase words joined by hyphens)",
    "last_reviewed": "add 'last_reviewed: YYYY-MM-DD', the day you last checked the page against its sources",
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
    id: Slug | None = None
    aliases: list[NonEmpty] = []
    short: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=200)]
    definition: str | None = None
    see: PageRef | None = None


class FrontMatter(BaseModel):
    """Fields shared by every page kind. ``extra="forbid"`` catches typos."""

    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=90)]
    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=20, max_length=160)]
    kind: Literal["article", "faq", "checklist", "glossary", "page"] = "article"
    audience: Literal["freelancer", "client", "both"]
    contract_type: Literal["hourly", "fixed-price", "both"]
    tags: list[Slug]
    last_reviewed: dt.date
    sources: list[SourceUrl]
    aliases: list[NonEmpty] = []
    related: list[PageRef] = []
    checklist_id: Slug | None = None
    review_note: NonEmpty | None = None
    """Why ``last_reviewed`` is later than the checks of the facts the page states."""
    terms: list[GlossaryTerm] | None = None
    # Material for MkDocs' own page options.
    search: SearchOptions | None = None
    hide: list[Literal["navigation", "toc", "footer", "path", "tags", "feedback"]] = []

    @field_validator("last_reviewed")
    @classmethod
    def _not_in_future(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        today = (info.context or {}).get("today") or dt.date.today()
        if value > today:
            raise ValueError(
                f"must not be in the future (today is {today.isoformat()}): "
                "use the day you checked the page against its sources"
            )
        return value

    @model_validator(mode="after")
    def _kind_rules(self) -> FrontMatter:
        def rule(field: str, message: str) -> ValueError:
            return _RuleError(field, message)

        if self.kind != "page" and not self.sources:
            raise rule(
                "sources",
                "list at least one public URL behind this page's facts (kind 'page' may leave it empty)",
            )
        if self.kind != "page" and not self.tags:
            raise rule("tags", "give at least one tag, e.g. [escrow, refunds]")
        if self.kind == "glossary" and not self.terms:
            raise rule("terms", "a glossary page lists its terms under 'terms:'")
        if self.kind != "glossary" and self.terms is not None:
            raise rule("terms", "only the glossary page (kind: glossary) may list terms")
        if self.kind != "checklist" and self.checklist_id is not None:
            raise rule("checklist_id", "only a checklist page (kind: checklist) has one")
        return self


class _RuleError(ValueError):
    """A rule about one field that pydantic reports for the whole model."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def _describe(error: Any) -> str:
    """One pydantic error in plain words about what is expected."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind == "missing":
        hint = FIELD_HINTS.get(str(error["loc"][-1]) if error["loc"] else "")
        return "is required but missing" + (f": {hint}" if hint else "")
    if kind == "extra_forbidden":
        return "is not a known field (check the spelling; see CONTRIBUTING.md for the fields)"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}, got {given!r}"
    if kind == "string_pattern_mismatch":
        return f"{given!r} is not valid here: use lowercase letters, digits and hyphens"
    if kind in ("string_too_long", "string_too_short"):
        size = len(str(given or "").strip())
        if kind == "string_too_long":
            return f"is too long: {size} characters, at most {ctx.get('max_length')}"
        return f"is too short: {size} characters, at least {ctx.get('min_length')}"
    if kind == "list_type":
        return f"must be a list, got {given!r}: write [a, b] on one line or one '- item' per line"
    if kind == "string_type":
        return f"must be text, got {given!r}"
    if kind == "model_type":
        return f"must be 'field: value' lines, got {given!r}"
    if kind.startswith("date"):
        return f"must be a real date written YYYY-MM-DD, got {given!r}"
    if kind.startswith("url"):
        return f"must be a full web address starting with https://, got {given!r}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "greater_than":
        return f"must be more than {ctx.get('gt')}, got {given!r}"
    if kind == "less_than_equal":
        return f"must be at most {ctx.get('le')}, got {given!r}"
    return f"{error['msg']} (got {given!r})"


def model_problems(
    path: str, lines: dict[KeyPath, int], exc: ValidationError, *, what: str = "front matter field"
) -> list[Problem]:
    """One problem per pydantic error, at the line of the field it is about."""
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        rule = (error.get("ctx") or {}).get("error")
        if isinstance(rule, _RuleError):
            line = line_in(lines, (*loc, rule.field)) or line_in(lines, loc) or 1
            problems.append(Problem(path, line, f"{what} {rule.field}: {rule.message}"))
            continue
        field = ".".join(str(part) for part in loc) or "front matter"
        problems.append(Problem(path, line_in(lines, loc) or 1, f"{what} '{field}' {_describe(error)}"))
    return problems


def check_page(page: Page, *, today: dt.date) -> tuple[FrontMatter | None, list[Problem]]:
    """Validate one page's front matter: the model (``None`` when invalid) and every problem."""
    if not page.has_front_matter:
        return None, [
            Problem(
                page.src,
                1,
                "has no front matter: start the file with '---', the "
                "fields (title, description, ...), then '---' (copy a template "
                "from CONTRIBUTING.md)",
            )
        ]
    if page.problems:
        return None, list(page.problems)
    if not page.meta:
        return None, [
            Problem(
                page.src,
                2,
                "front matter is empty or not 'field: value' lines: add title, description, audience, ...",
            )
        ]
    try:
        return FrontMatter.model_validate(page.meta, context={"today": today}), []
    except ValidationError as exc:
        return None, model_problems(page.src, page.lines, exc)


def check_text(path: str, text: str, *, today: dt.date) -> tuple[FrontMatter | None, list[Problem]]:
    """:func:`check_page` for a file's text (scripts, templates, tests)."""
    return check_page(read_page(path, text), today=today)


class Review(NamedTuple):
    """What the page template shows about a page's last review."""

    iso: str
    """``2026-11-27``: for ``<time datetime>`` and JSON-LD."""
    text: str
    """``27 November 2026``: for readers."""
    stale: bool
    """True when the review is more than the configured number of days old."""


def review_of(last_reviewed: dt.date, *, today: dt.date, max_age_days: int) -> Review:
    """Describe a page's last review for readers."""
    return Review(
        iso=last_reviewed.isoformat(),
        text=f"{last_reviewed.day} {last_reviewed:%B %Y}",
        stale=(today - last_reviewed).days > max_age_days,
    )
