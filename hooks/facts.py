"""Facts: each Upwork rule stated once, in ``docs/data/facts/*.yml``, with its sources and date.

:func:`load` reads and checks every file (``handbook.on_files``: all problems at once,
with file and line); :func:`ref` is what ``[[fact:id]]`` shows on a page, and
:func:`rules_page` writes the generated "Upwork's rules at a glance" page.
:func:`hand_typed` finds rule-like numbers typed in prose instead of a fact
reference (``make check``). The file format: CONTRIBUTING.md.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Literal, NamedTuple

from frontmatter import FrontMatter, NonEmpty, Slug, SourceUrl, model_problems
from markup import fenced_code_lines, inert_html, plain_label
from pages import Page, Problem, parse_yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)
from shortrefs import FactRef

FACTS_DIR = "data/facts"
"""Under ``docs/``."""
TOPIC_ORDER = ("ending", "escrow", "hourly", "disputes", "feedback", "fees", "refunds", "accounts")
"""The order of the topics on the rules page (other files follow, by name)."""
CONFIDENCE = {
    "help-center": "Upwork Help Center",
    "staff": "an Upwork staff or moderator answer",
    "third-party": "a third-party source",
}


class Change(BaseModel):
    model_config = ConfigDict(extra="forbid")
    date: dt.date
    what: NonEmpty


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class Schedule(BaseModel):
    """When a dated rule falls, for the deadline timelines of the question flow (UTC).

    Weekly (hourly billing): ``week`` weeks after the work week, on ``weekday``, at
    ``time`` (no time: the whole day). A cut-off: ``time`` alone, on the day a fact's
    number of days lands."""

    model_config = ConfigDict(extra="forbid")
    week: Annotated[int, Field(ge=0, le=4)] | None = None
    weekday: Weekday | None = None
    time: Annotated[str, Field(pattern=r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$")] | None = None

    @model_validator(mode="after")
    def _whole(self) -> Schedule:
        if (self.week is None) != (self.weekday is None):
            raise ValueError("a weekly schedule needs both 'week' and 'weekday'")
        if self.weekday is None and self.time is None:
            raise ValueError(
                "give 'week' and 'weekday' (a weekly rule) or 'time' (a UTC cut-off), as HH:MM"
            )
        return self


class Fact(BaseModel):
    """One Upwork rule."""

    model_config = ConfigDict(extra="forbid")
    id: Slug
    value: float | None = None
    unit: Annotated[str, Field(pattern=r"^[a-z-]+$")] | None = None
    text: NonEmpty | None = None
    """What ``[[fact:id]]`` prints, e.g. ``14 days``."""
    rule: NonEmpty
    action: NonEmpty | None = None
    sources: Annotated[list[SourceUrl], Field(min_length=1)]
    checked: dt.date
    confidence: Literal["help-center", "staff", "third-party"]
    conflict: NonEmpty | None = None
    changes: list[Change] = []
    schedule: Schedule | None = None
    """Optional: when the rule falls, for the deadline timelines (``docs/data/flow.yml``)."""

    @field_validator("sources")
    @classmethod
    def _each_source_once(cls, urls: list[SourceUrl]) -> list[SourceUrl]:
        seen: set[str] = set()
        for url in map(str, urls):
            key = url.lower().rstrip("/")
            if key in seen:
                raise ValueError(f"lists {url} twice (the same address spelled two ways): keep one")
            seen.add(key)
        return urls

    @model_validator(mode="after")
    def _value_has_words(self) -> Fact:
        if self.value is not None and (self.unit is None or self.text is None):
            raise ValueError(
                "has a 'value' but no 'unit' or 'text': give both (the text is what pages print)"
            )
        if self.schedule is not None and self.schedule.weekday is None and self.value is None:
            raise ValueError(
                "has a cut-off 'schedule' (a time alone) but no 'value': give the number of days it ends"
            )
        return self


class FactFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topic: NonEmpty
    facts: Annotated[list[Fact], Field(min_length=1)]


class Topic(NamedTuple):
    path: str
    """``data/facts/escrow.yml``."""
    title: str
    facts: tuple[Fact, ...]


class Registry(NamedTuple):
    topics: tuple[Topic, ...]
    by_id: dict[str, Fact]

    def refs(self, *, today: dt.date, max_age_days: int) -> dict[str, FactRef]:
        return {fact.id: ref(fact, today=today, max_age_days=max_age_days) for fact in self.by_id.values()}


def load(docs_dir: Path, *, today: dt.date) -> tuple[Registry, list[Problem]]:
    """Every fact file under ``docs/data/facts/``, checked: the facts and every problem."""
    topics: list[Topic] = []
    by_id: dict[str, Fact] = {}
    first_seen: dict[str, str] = {}
    problems: list[Problem] = []
    order = {name: n for n, name in enumerate(TOPIC_ORDER)}
    found = sorted(
        (docs_dir / FACTS_DIR).glob("*.yml"), key=lambda f: (order.get(f.stem, len(order)), f.stem)
    )
    for file in found:
        path = file.relative_to(docs_dir).as_posix()
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(path, None, "is not saved as UTF-8: re-save it as UTF-8"))
            continue
        parsed = parse_yaml(text)
        problems += [Problem(path, line, message) for line, message in parsed.problems]
        if parsed.problems:
            continue
        try:
            model = FactFile.model_validate(parsed.data, context={"today": today})
            topic, entries = model.topic, list(enumerate(model.facts))
        except ValidationError as exc:
            problems += model_problems(path, parsed.lines, exc, what="fact field")
            # The file's sound facts still load: one bad entry is one problem, not an
            # "unknown fact" on every page that cites its neighbours.
            sound = _sound_facts(parsed.data, today)
            if sound is None:
                continue
            topic, entries = sound
        for index, fact in entries:
            line = parsed.lines.get(("facts", index))
            if fact.id in by_id:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"fact id '{fact.id}' is already used in "
                        f"{first_seen[fact.id]}: give each fact its own id",
                    )
                )
            elif fact.checked > today:
                problems.append(
                    Problem(
                        path,
                        parsed.lines.get(("facts", index, "checked"), line),
                        f"fact '{fact.id}': 'checked' must not be in the future",
                    )
                )
            else:
                by_id[fact.id], first_seen[fact.id] = fact, path
        topics.append(Topic(path, topic, tuple(f for _, f in entries if by_id.get(f.id) is f)))
    return Registry(tuple(topics), by_id), problems


def _sound_facts(data: object, today: dt.date) -> tuple[str, list[tuple[int, Fact]]] | None:
    """The topic and the facts that are valid on their own, from a file that is not."""
    if not isinstance(data, dict):
        return None
    try:
        topic = TypeAdapter(NonEmpty).validate_python(data.get("topic"))
    except ValidationError:
        return None  # already reported
    items = data.get("facts")
    entries = []
    for index, item in enumerate(items if isinstance(items, list) else []):
        try:
            entries.append((index, Fact.model_validate(item, context={"today": today})))
        except ValidationError:
            pass  # already reported, with its line, by the whole file's validation
    return topic, entries


def used_by(text: str) -> set[str]:
    """The ids of the facts a page's text refers to."""
    return {m.group(1).strip() for m in re.finditer(r"\[\[fact:([^\]|]+)", text)}


def review_problems(page: Page, model: FrontMatter | None, registry: Registry) -> list[Problem]:
    """A page reviewed after the newest check of the facts it states claims more than was
    checked: it needs the facts re-checked first, or a ``review_note`` saying why."""
    used = [registry.by_id[i] for i in used_by(page.text) if i in registry.by_id]
    if model is None or not used or model.review_note:
        return []
    newest = max(fact.checked for fact in used)
    if model.last_reviewed <= newest:
        return []
    return [
        Problem(
            page.src,
            page.line_of("last_reviewed"),
            f"last_reviewed {model.last_reviewed} "
            f"is later than the newest check of the facts this page states ({newest}): "
            "re-check those facts (their 'checked' date), or say why in 'review_note:'",
        )
    ]


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def stale(fact: Fact, *, today: dt.date, max_age_days: int) -> bool:
    return (today - fact.checked).days > max_age_days


def ref(fact: Fact, *, today: dt.date, max_age_days: int) -> FactRef:
    """What ``[[fact:id]]`` shows: the value, and the rule, source and date as its tooltip."""
    checked = (
        f"Not re-checked since {long_date(fact.checked)}"
        if stale(fact, today=today, max_age_days=max_age_days)
        else f"Checked {long_date(fact.checked)}"
    )
    tip = f"{fact.rule} Source: {CONFIDENCE[fact.confidence]}. {checked}."
    return FactRef(fact.text or "", tip, fact.id)


# --------------------------------------------------------------------------- the rules page

RULES_SRC = "rules.md"
RULES_PDFS = ("rules.pdf", "rules-a4.pdf")
RULES_FRONT = """---
title: Upwork's rules at a glance
description: Every Upwork rule this guide relies on, by topic, with its source and the day it was checked.
kind: page
audience: both
contract_type: both
tags: [rules]
last_reviewed: {newest}
sources: []
---
"""


def rules_page(registry: Registry, *, today: dt.date, max_age_days: int) -> str:
    """The Markdown of the generated page: every rule by topic, then recent changes."""
    if not registry.by_id:
        return ""
    newest = max(f.checked for f in registry.by_id.values())
    parts = [
        RULES_FRONT.format(newest=newest.isoformat()),
        "# Upwork's rules at a glance\n",
        "**Short answer:** the rules below decide money and deadlines when a contract ends. "
        "Each one names its source and the day it was last checked. Upwork changes them: "
        "before you act on one, open its source.\n",
        "Download this page to print: [PDF (Letter)](rules.pdf) or [PDF (A4)](rules-a4.pdf).\n",
    ]
    for topic in registry.topics:
        parts.append(f"## {plain_label(topic.title)}\n")
        for fact in topic.facts:
            parts.append(_rule_entry(fact, today=today, max_age_days=max_age_days))
    changes = sorted(
        ((c.date, c.what, f) for f in registry.by_id.values() for c in f.changes),
        key=lambda row: (row[0], row[2].id),
        reverse=True,
    )
    if changes:
        parts.append("## Recent changes at Upwork\n")
        parts += [
            f"- **{long_date(day)}**: {inert_html(what)} ([rule](#{fact.id}))" for day, what, fact in changes
        ]
        parts.append("")
    return "\n".join(parts)


def _rule_entry(fact: Fact, *, today: dt.date, max_age_days: int) -> str:
    value = f"**{plain_label(fact.text)}**: " if fact.text else ""
    rows = [f'<div class="rule" id="{fact.id}" markdown>', "", f"{value}{inert_html(fact.rule)}", ""]
    if fact.action:
        rows += [f"*What to do:* {inert_html(fact.action)}", ""]
    if fact.conflict:
        rows += [f"*Sources differ:* {inert_html(fact.conflict)}", ""]
    checked = long_date(fact.checked)
    if stale(fact, today=today, max_age_days=max_age_days):
        checked += " (not re-checked since: check the source before you rely on it)"
    links = ", ".join(f"[{_source_name(url)}]({url})" for url in map(str, fact.sources))
    rows += [
        f'<p class="rule__meta" markdown="span">{CONFIDENCE[fact.confidence]}: {links}. '
        f"Checked {checked}.</p>",
        "",
        "</div>",
        "",
    ]
    return "\n".join(rows)


def _source_name(url: str) -> str:
    """``support.upwork.com/.../211068428-End-a-contract`` -> ``End a contract``."""
    last = url.rstrip("/").rsplit("/", 1)[-1]
    words = re.sub(r"^\d+-*", "", last).replace("-", " ").strip()
    return plain_label(words or last)


# --------------------------------------------------------------------------- hand-typed numbers

RULE_NUMBER = re.compile(
    r"(?<![\w.$])(?:\$\s?\d+(?:[.,]\d+)*|\d+(?:[.,]\d+)*\s*"
    r"(?:%|percent\b|USD\b|(?:calendar |business |working )?"
    r"(?:days?|hours?|weeks?|months?|years?)\b)|\d+-(?:day|hour|week|month|year)\b"
    r"|\b\d{1,2}:\d{2}(?:\s*UTC)?)",
    re.IGNORECASE,
)
_CODE = re.compile(r"`[^`\n]*`|<!--.*?-->|\[\[[^\]\n]*\]\]|\]\([^)\s]*\)", re.S)


class HandTyped(NamedTuple):
    path: str
    line: int
    text: str


class NotRule(BaseModel):
    """A number in prose that is not an Upwork rule (an example, a date, a price)."""

    model_config = ConfigDict(extra="forbid")
    page: NonEmpty
    text: NonEmpty
    why: NonEmpty


class NotRules(BaseModel):
    model_config = ConfigDict(extra="forbid")
    numbers: list[NotRule]


NOT_RULES = "data/not-rules.yml"


def allowed_numbers(docs_dir: Path) -> tuple[set[tuple[str, str]], list[Problem]]:
    """``(page, text)`` pairs of ``docs/data/not-rules.yml``, the allow-list of :func:`hand_typed`."""
    file = docs_dir / NOT_RULES
    if not file.exists():
        return set(), []
    parsed = parse_yaml(file.read_text(encoding="utf-8"))
    if parsed.problems:
        return set(), [Problem(NOT_RULES, line, message) for line, message in parsed.problems]
    try:
        model = NotRules.model_validate(parsed.data)
    except ValidationError as exc:
        return set(), model_problems(NOT_RULES, parsed.lines, exc, what="field")
    return {(n.page, n.text) for n in model.numbers}, []


def hand_typed(path: str, body: str, *, body_line: int) -> list[HandTyped]:
    """Every number with a unit of a rule (days, hours, %, USD, months...) written in the
    prose of a page instead of a ``[[fact:id]]``: code, comments and link targets aside."""
    lines = body.split("\n")
    code = fenced_code_lines(lines)
    found = []
    for index, line in enumerate(lines):
        if index in code:
            continue
        for match in RULE_NUMBER.finditer(_CODE.sub(lambda m: " " * len(m.group()), line)):
            found.append(HandTyped(path, body_line + index, match.group().strip()))
    return found
