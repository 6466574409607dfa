"""The front-matter schema every page must follow, and the check that reports
every problem in a page with the line of the field and what to write.

pydantic models (:class:`FrontMatter`, :class:`GlossaryTerm`). Imported by the
front-matter hook only when a page must be checked (see ``frontmatter.py``:
pages already found valid are remembered by content, so an unchanged build
never imports pydantic), and by the content scripts and tests.
It has no ``on_*`` functions and is not registered as a hook.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pageyaml import key_lines, read_yaml, split_front_matter
from problems import Problem
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
            problems.append(Problem(path, line or first, f"front matter field '{field}' {message}"))
        return None, problems
    return (None, duplicates) if duplicates else (model, [])


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
