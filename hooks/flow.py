"""The question flow, deadline timelines and step-by-step journeys, from ``docs/data/flow.yml``.

:func:`load` reads and checks the file (``handbook.on_files``): the schema (pydantic),
then every path through the questions (each must end in exactly one outcome, every
outcome must be reached). :func:`site_problems` checks what the file names against
the site (pages, checklists, facts, ``[[refs]]``); :func:`anchor_problems` checks
its ``page#anchor`` links once the pages are rendered (``handbook.on_env``).
:func:`pages` writes the generated pages: the flow (``what-should-i-do.md``), one
page per outcome and one per journey. :func:`journey_box` ("Part of: ..."),
:func:`timelines_block` and :func:`home_link` are added to other pages in
``handbook.on_page_markdown``. ``assets/flow.js`` reads what these write into
``data-flow`` and ``data-timeline`` attributes: the rules' numbers come from the
facts registry, never from the script. The file format: CONTRIBUTING.md.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import itertools
import json
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple
from urllib.parse import urlencode

from facts import Fact, Registry
from frontmatter import NonEmpty, PageRef, Slug, model_problems
from markup import fenced_code_lines, inert_html, plain_label
from pages import KeyPath, PageIds, Problem, line_in, parse_yaml, relative_link
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator
from shortrefs import REFERENCE, RefIndex

FLOW_PATH = "data/flow.yml"
"""Under ``docs/``."""
FLOW_SRC = "what-should-i-do.md"
OUTCOME_DIR = "what-should-i-do"
JOURNEY_DIR = "step-by-step"
HOME_SRC = "index.md"
AUDIENCES = ("freelancer", "client")
"""Answers of the question ``role`` that are also a page's ``audience``."""
CONTRACT_TYPES = ("hourly", "fixed-price")
"""Answers of the question ``contract`` that are also a page's ``contract_type``."""
DAY_UNITS = {"days": False, "calendar-days": False, "business-days": True}
"""Units a timeline can count, and whether only Monday to Friday count."""
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=80)]
When = dict[Slug, Slug | list[Slug]]
"""``{question: answer}`` or ``{question: [answers]}``; a question left out matches any answer."""


# --------------------------------------------------------------------------- schema


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Slug
    label: NonEmpty
    when: When = {}
    """Offered only when earlier answers match (``money: escrow`` only on fixed price)."""


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Slug
    text: NonEmpty
    answers: Annotated[list[Answer], Field(min_length=1)]
    when: When = {}
    """Asked only when earlier answers match."""


class Clock(BaseModel):
    """What starts a timeline: the date a reader enters."""

    model_config = ConfigDict(extra="forbid")
    id: Slug
    label: NonEmpty
    """The date field's label: "Work submitted on"."""
    start: NonEmpty
    """The event in a sentence: "the submission" ("14 days after the submission")."""
    input: Literal["moment", "week"] = "moment"
    """``moment``: a date and an optional time; ``week``: any day of an hourly work week."""


class Deadline(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Slug
    fact: Slug
    """The rule that dates it: a fact with a number of days or a ``schedule:``."""
    label: NonEmpty
    what: NonEmpty
    """What happens then (Markdown)."""
    after: Slug | None = None
    """Counted from an earlier deadline of the same timeline instead of the clock."""


class Timeline(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Slug
    title: NonEmpty
    clock: Slug
    deadlines: Annotated[list[Deadline], Field(min_length=1)]


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: NonEmpty
    """The action, as a link to the section that explains it."""
    link: PageRef
    detail: NonEmpty | None = None


class Outcome(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Slug
    when: When
    title: Title
    answer: NonEmpty
    steps: Annotated[list[Step], Field(min_length=1, max_length=7)]
    checklist: Slug
    template: PageRef
    timelines: list[Slug] = []


class JourneyStep(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: NonEmpty
    text: NonEmpty | None = None
    link: PageRef
    checklist: Slug | None = None


class Journey(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: Slug
    title: Title
    when: When
    intro: NonEmpty
    steps: Annotated[list[JourneyStep], Field(min_length=2)]
    timelines: list[Slug] = []


class Flow(BaseModel):
    model_config = ConfigDict(extra="forbid")
    last_reviewed: dt.date
    questions: Annotated[list[Question], Field(min_length=1)]
    clocks: list[Clock] = []
    timelines: list[Timeline] = []
    outcomes: Annotated[list[Outcome], Field(min_length=1)]
    journeys: list[Journey] = []
    checklist_timelines: dict[Slug, list[Slug]] = {}
    """Timelines shown beside a checklist, on its page."""

    @model_validator(mode="after")
    def _not_in_future(self) -> Flow:
        return self


Path_ = tuple[tuple[str, str], ...]
"""One way through the questions: ``(("role", "client"), ("contract", "hourly"), ...)``."""


class Loaded(NamedTuple):
    """The flow file read and checked: ``flow`` is ``None`` when it can't be used."""

    flow: Flow | None
    lines: dict[KeyPath, int]
    problems: list[Problem]
    paths: dict[Path_, str]
    """Every path through the questions and the outcome it ends in."""


NO_FLOW = Loaded(None, {}, [], {})


def query(path: Path_) -> str:
    """A path as the flow page's address query (``role=client&contract=hourly...``)."""
    return urlencode(path)


def matches(when: When, answers: Mapping[str, str]) -> bool:
    """Whether the answers given so far satisfy a condition (unanswered questions don't)."""
    for question, wanted in when.items():
        allowed = [wanted] if isinstance(wanted, str) else wanted
        if answers.get(question) not in allowed:
            return False
    return True


# --------------------------------------------------------------------------- loading and checks


def load(docs_dir: Path, *, today: dt.date) -> Loaded:
    """``docs/data/flow.yml`` read and checked (no file: no flow, no problem)."""
    file = docs_dir / FLOW_PATH
    if not file.exists():
        return NO_FLOW
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return NO_FLOW._replace(problems=[Problem(FLOW_PATH, None, "is not saved as UTF-8: re-save it")])
    return parse(text, today=today)


def parse(text: str, *, today: dt.date, path: str = FLOW_PATH) -> Loaded:
    """The flow from its YAML text: the schema, then every path through the questions."""
    parsed = parse_yaml(text)
    if parsed.problems:
        return NO_FLOW._replace(problems=[Problem(path, line, message) for line, message in parsed.problems])
    try:
        flow = Flow.model_validate(parsed.data)
    except ValidationError as exc:
        return NO_FLOW._replace(lines=parsed.lines, problems=model_problems(path, parsed.lines, exc, what="flow"))
    problems = _structure_problems(flow, parsed.lines, path, today)
    if problems:
        return Loaded(None, parsed.lines, problems, {})
    paths, problems = _walk(flow, parsed.lines, path)
    return Loaded(None if problems else flow, parsed.lines, problems, paths)


def _structure_problems(flow: Flow, lines: dict[KeyPath, int], path: str, today: dt.date) -> list[Problem]:
    """Ids used twice, conditions naming unknown questions or answers, unknown timelines and clocks."""
    problems: list[Problem] = []

    def at(*key: str | int) -> int | None:
        return line_in(lines, key)

    def problem(key: KeyPath, message: str) -> None:
        problems.append(Problem(path, at(*key), message))

    if flow.last_reviewed > today:
        problem(("last_reviewed",), f"'last_reviewed' must not be in the future (today is {today})")
    for what, items in (
        ("question", flow.questions),
        ("clock", flow.clocks),
        ("timeline", flow.timelines),
        ("outcome", flow.outcomes),
        ("journey", flow.journeys),
    ):
        seen: set[str] = set()
        key = what + "s" if what != "clock" else "clocks"
        for n, item in enumerate(items):
            if item.id in seen:
                problem((key, n, "id"), f"{what} id '{item.id}' is used twice: give each {what} its own id")
            seen.add(item.id)
    answers_of: dict[str, list[str]] = {}
    for q, question in enumerate(flow.questions):
        ids = [a.id for a in question.answers]
        for n, answer_id in enumerate(ids):
            if answer_id in ids[:n]:
                problem(("questions", q, "answers", n, "id"), f"answer id '{answer_id}' is used twice")
        problems += _condition_problems(question.when, answers_of, ("questions", q, "when"), lines, path)
        for n, answer in enumerate(question.answers):
            problems += _condition_problems(
                answer.when, answers_of, ("questions", q, "answers", n, "when"), lines, path
            )
        answers_of[question.id] = ids
    for n, outcome in enumerate(flow.outcomes):
        problems += _condition_problems(outcome.when, answers_of, ("outcomes", n, "when"), lines, path)
    for n, journey in enumerate(flow.journeys):
        problems += _condition_problems(journey.when, answers_of, ("journeys", n, "when"), lines, path)
    clocks = {c.id for c in flow.clocks}
    timelines = {t.id for t in flow.timelines}
    for n, timeline in enumerate(flow.timelines):
        if timeline.clock not in clocks:
            problem(
                ("timelines", n, "clock"),
                f"timeline '{timeline.id}': unknown clock '{timeline.clock}'{_closest(timeline.clock, clocks)}",
            )
        earlier: list[str] = []
        for d, deadline in enumerate(timeline.deadlines):
            if deadline.after is not None and deadline.after not in earlier:
                problem(
                    ("timelines", n, "deadlines", d, "after"),
                    f"deadline '{deadline.id}': 'after: {deadline.after}' must name an earlier deadline of "
                    f"this timeline{_closest(deadline.after, earlier)}",
                )
            if deadline.id in earlier:
                problem(("timelines", n, "deadlines", d, "id"), f"deadline id '{deadline.id}' is used twice")
            earlier.append(deadline.id)
    uses = [
        *((("outcomes", n, "timelines", t), name) for n, o in enumerate(flow.outcomes) for t, name in
          enumerate(o.timelines)),
        *((("journeys", n, "timelines", t), name) for n, j in enumerate(flow.journeys) for t, name in
          enumerate(j.timelines)),
        *((("checklist_timelines", c, t), name) for c, names in flow.checklist_timelines.items() for t, name in
          enumerate(names)),
    ]
    for key, name in uses:
        if name not in timelines:
            problem(key, f"unknown timeline '{name}'{_closest(name, timelines)}")
    return problems


def _condition_problems(
    when: When, answers_of: Mapping[str, list[str]], key: KeyPath, lines: dict[KeyPath, int], path: str
) -> list[Problem]:
    """A ``when:`` may only name questions asked before, and their answers."""
    problems = []
    for question, wanted in when.items():
        line = line_in(lines, (*key, question))
        if question not in answers_of:
            problems.append(
                Problem(
                    path,
                    line,
                    f"when: '{question}' is not a question asked before this point"
                    f"{_closest(question, answers_of)}",
                )
            )
            continue
        for answer in [wanted] if isinstance(wanted, str) else wanted:
            if answer not in answers_of[question]:
                problems.append(
                    Problem(
                        path,
                        line,
                        f"when: '{answer}' is not an answer of '{question}' "
                        f"(its answers: {', '.join(answers_of[question])})",
                    )
                )
    return problems


def _closest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    return (": did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else ""


def paths_of(flow: Flow) -> tuple[list[Path_], list[tuple[int, Path_]]]:
    """Every path through the questions, in order, and the dead ends: ``(question index,
    answers so far)`` where a question is asked but none of its answers is offered."""
    done: list[Path_] = []
    dead: list[tuple[int, Path_]] = []

    def walk(index: int, so_far: Path_) -> None:
        if index == len(flow.questions):
            done.append(so_far)
            return
        question = flow.questions[index]
        given = dict(so_far)
        if not matches(question.when, given):
            walk(index + 1, so_far)
            return
        offered = [a for a in question.answers if matches(a.when, given)]
        if not offered:
            dead.append((index, so_far))
        for answer in offered:
            walk(index + 1, (*so_far, (question.id, answer.id)))

    walk(0, ())
    return done, dead


def _walk(flow: Flow, lines: dict[KeyPath, int], path: str) -> tuple[dict[Path_, str], list[Problem]]:
    """Each path ends in exactly one outcome; every outcome ends at least one path."""
    problems: list[Problem] = []
    done, dead = paths_of(flow)
    for index, so_far in dead:
        problems.append(
            Problem(
                path,
                line_in(lines, ("questions", index)),
                f"dead end: after {_describe(so_far)} question '{flow.questions[index].id}' offers no "
                "answer: widen one answer's 'when:'",
            )
        )
    ends: dict[Path_, str] = {}
    reached: set[str] = set()
    for way in done:
        found = [n for n, o in enumerate(flow.outcomes) if matches(o.when, dict(way))]
        if not found:
            problems.append(
                Problem(
                    path,
                    line_in(lines, ("outcomes",)),
                    f"dead end: no outcome for {_describe(way)}: add one, or widen an outcome's 'when:'",
                )
            )
        elif len(found) > 1:
            names = ", ".join(f"'{flow.outcomes[n].id}'" for n in found)
            problems.append(
                Problem(
                    path,
                    line_in(lines, ("outcomes", found[1], "when")),
                    f"{_describe(way)} leads to {len(found)} outcomes ({names}): make their 'when:' "
                    "exclusive so that each path ends in one",
                )
            )
        else:
            ends[way] = flow.outcomes[found[0]].id
            reached.add(flow.outcomes[found[0]].id)
    for n, outcome in enumerate(flow.outcomes):
        if outcome.id not in reached and not any(
            matches(outcome.when, dict(w)) for w in done
        ):
            problems.append(
                Problem(
                    path,
                    line_in(lines, ("outcomes", n, "when")),
                    f"outcome '{outcome.id}' is unreachable: no answers lead to it (check its 'when:')",
                )
            )
    return ends, problems


def _describe(way: Path_) -> str:
    return ", ".join(f"{q}={a}" for q, a in way) if way else "the start"


class Link(NamedTuple):
    """A ``page#anchor`` the flow file names, to check once the pages are rendered."""

    line: int | None
    src: str
    anchor: str
    written: str


def _page_refs(flow: Flow) -> Iterable[tuple[KeyPath, str, bool]]:
    """``(key path, page ref, anchor required)`` of every page the flow links to."""
    for n, outcome in enumerate(flow.outcomes):
        for s, step in enumerate(outcome.steps):
            yield ("outcomes", n, "steps", s, "link"), step.link, True
        yield ("outcomes", n, "template"), outcome.template, True
    for n, journey in enumerate(flow.journeys):
        for s, jstep in enumerate(journey.steps):
            yield ("journeys", n, "steps", s, "link"), jstep.link, False


def _texts(flow: Flow) -> Iterable[tuple[KeyPath, str]]:
    """Every Markdown text of the flow (they may hold ``[[refs]]``)."""
    for n, outcome in enumerate(flow.outcomes):
        yield ("outcomes", n, "answer"), outcome.answer
        for s, step in enumerate(outcome.steps):
            if step.detail:
                yield ("outcomes", n, "steps", s, "detail"), step.detail
    for n, timeline in enumerate(flow.timelines):
        for d, deadline in enumerate(timeline.deadlines):
            yield ("timelines", n, "deadlines", d, "what"), deadline.what
    for n, journey in enumerate(flow.journeys):
        yield ("journeys", n, "intro"), journey.intro
        for s, jstep in enumerate(journey.steps):
            if jstep.text:
                yield ("journeys", n, "steps", s, "text"), jstep.text


def site_problems(
    loaded: Loaded,
    *,
    ids: PageIds,
    checklists: Collection[str],
    facts: Mapping[str, Fact],
    refs: RefIndex | None = None,
    path: str = FLOW_PATH,
) -> tuple[list[Problem], list[Link]]:
    """What the flow names, checked against the site: unknown pages, checklists, facts and
    ``[[refs]]`` (each at its line, with the closest names); and the ``#anchor`` links
    to check once the pages are rendered (:func:`anchor_problems`)."""
    flow, lines = loaded.flow, loaded.lines
    if flow is None:
        return [], []
    problems: list[Problem] = []
    links: list[Link] = []

    def problem(key: KeyPath, message: str) -> None:
        problems.append(Problem(path, line_in(lines, key), message))

    for key, ref, needs_anchor in _page_refs(flow):
        name, _, anchor = ref.partition("#")
        src = ids.src_of(name)
        if src is None:
            problem(key, f"unknown page '{name}': " + ids.unknown(name))
        elif needs_anchor and not anchor:
            problem(key, f"'{ref}': link to the section that explains it: add '#anchor' (a heading's id)")
        elif anchor:
            links.append(Link(line_in(lines, key), src, anchor, ref))
    known_checklists = sorted(checklists)
    names = [
        *((("outcomes", n, "checklist"), o.checklist) for n, o in enumerate(flow.outcomes)),
        *(
            (("journeys", n, "steps", s, "checklist"), st.checklist)
            for n, j in enumerate(flow.journeys)
            for s, st in enumerate(j.steps)
            if st.checklist
        ),
        *((("checklist_timelines", c), c) for c in flow.checklist_timelines),
    ]
    for key, checklist in names:
        if checklist not in checklists:
            problem(
                key,
                f"unknown checklist '{checklist}'{_closest(str(checklist), known_checklists)} "
                "(a checklist is docs/checklists/<id>.md)",
            )
    clocks = {c.id: c for c in flow.clocks}
    for n, timeline in enumerate(flow.timelines):
        clock = clocks.get(timeline.clock)
        for d, deadline in enumerate(timeline.deadlines):
            key = ("timelines", n, "deadlines", d, "fact")
            fact = facts.get(deadline.fact)
            if fact is None:
                problem(key, f"unknown fact '{deadline.fact}'{_closest(deadline.fact, facts)}")
                continue
            message = _date_rule_problem(fact, week=clock is not None and clock.input == "week",
                                         chained=deadline.after is not None)
            if message:
                problem(key, f"fact '{fact.id}' {message}")
    if refs is not None:
        for key, text in _texts(flow):
            for match in REFERENCE.finditer(_outside_code(text)):
                target = match.group(1).strip()
                if refs.resolve(target, match.group(2), page_src=FLOW_SRC) is None:
                    close = refs.suggest(target)
                    hint = (" Did you mean " + " or ".join(f"'[[{c}]]'" for c in close) + "?") if close else ""
                    problem(key, f"unknown reference {match.group()}.{hint}")
                    continue
                name, _, anchor = target.partition("#")
                src = ids.src_of(name)
                if anchor and src is not None:
                    links.append(Link(line_in(lines, key), src, anchor.strip(), match.group()))
    return problems, links


def _outside_code(text: str) -> str:
    lines = text.split("\n")
    code = fenced_code_lines(lines)
    return "\n".join("" if n in code else re.sub(r"`[^`]*`", "", line) for n, line in enumerate(lines))


def _date_rule_problem(fact: Fact, *, week: bool, chained: bool) -> str | None:
    """Why a fact can't date a deadline, or ``None`` when it can."""
    schedule = fact.schedule
    if schedule is not None and schedule.weekday is not None:
        if not week:
            return "is a weekly schedule: use it in a timeline whose clock has 'input: week'"
        return None
    if fact.value is None or fact.unit not in DAY_UNITS or fact.value != int(fact.value):
        return (
            "has no date rule: give it a whole 'value' in days, calendar-days or business-days, "
            "or a 'schedule:' (see CONTRIBUTING.md)"
        )
    if week and not chained:
        return "counts days from a moment, but this timeline's clock is a week: add 'after:' a weekly deadline"
    return None


def anchor_problems(
    links: Iterable[Link], anchors_of: Callable[[str], Collection[str] | None], *, path: str = FLOW_PATH
) -> list[Problem]:
    """Each ``page#anchor`` whose page has no heading with that id (``anchors_of``: the
    rendered page's ids, ``None`` when unknown)."""
    problems = []
    for link in links:
        anchors = anchors_of(link.src)
        if anchors is None or link.anchor in anchors:
            continue
        problems.append(
            Problem(
                path,
                link.line,
                f"'{link.written}': {link.src} has no heading with the anchor '#{link.anchor}'"
                f"{_closest(link.anchor, anchors)}",
            )
        )
    return problems


# --------------------------------------------------------------------------- timelines


def timeline_data(timeline: Timeline, clock: Clock, facts: Mapping[str, Fact]) -> dict[str, Any]:
    """What ``flow.js`` needs to date a timeline: the clock and, per deadline, the
    rule's numbers from the facts registry (``d`` days, ``b`` business days only,
    ``w``/``wd`` week and ISO weekday, ``t`` a UTC time in minutes, ``a`` after
    deadline number)."""
    order = [d.id for d in timeline.deadlines]
    items: list[dict[str, Any]] = []
    for deadline in timeline.deadlines:
        fact = facts[deadline.fact]
        item: dict[str, Any] = {"l": deadline.label, "x": _plain(deadline.what)}
        schedule = fact.schedule
        if schedule is not None and schedule.weekday is not None:
            item.update(w=schedule.week, wd=WEEKDAYS.index(schedule.weekday) + 1)
        else:
            item.update(d=int(fact.value or 0), b=int(DAY_UNITS.get(fact.unit or "", False)))
        if schedule is not None and schedule.time is not None:
            hours, minutes = schedule.time.split(":")
            item["t"] = int(hours) * 60 + int(minutes)
        if deadline.after is not None:
            item["a"] = order.index(deadline.after)
        items.append(item)
    return {"id": timeline.id, "c": clock.id, "k": clock.input, "i": items}


def _plain(text: str) -> str:
    """Markdown as plain words for a calendar entry: references and links lose their brackets."""
    text = REFERENCE.sub(lambda m: m.group(2) or m.group(1).removeprefix("fact:"), text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"[*_`]", "", text)


def _attr(data: Any) -> str:
    return html.escape(json.dumps(data, separators=(",", ":"), ensure_ascii=False), quote=True)


def timelines_block(
    flow: Flow, names: Iterable[str], facts: Mapping[str, Fact], *, heading: int = 2
) -> str:
    """The deadline timelines as Markdown/HTML: each deadline's rule in words (without
    JavaScript), and, hidden until ``flow.js`` shows them, a date field, the dates
    worked out and a calendar download."""
    by_id = {t.id: t for t in flow.timelines}
    clocks = {c.id: c for c in flow.clocks}
    parts = []
    for name in names:
        timeline = by_id[name]
        clock = clocks[timeline.clock]
        parts.append(_timeline(timeline, clock, facts, heading))
    return "\n\n".join(parts)


def _timeline(timeline: Timeline, clock: Clock, facts: Mapping[str, Fact], heading: int) -> str:
    tid = f"dates-{timeline.id}"
    labels = {d.id: d.label for d in timeline.deadlines}
    rows = [
        f'<section class="timeline" data-timeline="{_attr(timeline_data(timeline, clock, facts))}" '
        f'aria-labelledby="{tid}" markdown>',
        "",
        f"{'#' * heading} {plain_label(timeline.title)} {{ #{tid} }}",
        "",
        f'<p class="timeline__form" hidden><label for="{tid}-date">{html.escape(clock.label)}</label> '
        f'<input type="date" id="{tid}-date" data-date>'
        + (
            f' <label for="{tid}-time">Time (optional)</label> <input type="time" id="{tid}-time" data-time>'
            if clock.input == "moment"
            else ""
        )
        + "</p>",
        '<ol class="timeline__items" markdown>',
    ]
    for deadline in timeline.deadlines:
        fact = facts[deadline.fact]
        start = (
            f"after: {plain_label(labels[deadline.after].lower())}" if deadline.after else plain_label(clock.start)
        )
        if fact.schedule is not None and fact.schedule.weekday is not None:
            when = f"[[fact:{fact.id}]]"
        elif fact.schedule is not None and fact.schedule.time is not None:
            when = f"[[fact:{fact.id}]] after {start}, until {fact.schedule.time} UTC that day"
        else:
            when = f"[[fact:{fact.id}]] after {start}"
        rows.append(
            f'<li markdown="span"><strong>{plain_label(deadline.label)}</strong> ({when}): '
            f'{inert_html(deadline.what)} <span class="timeline__when" data-when></span></li>'
        )
    rows += [
        "</ol>",
        '<p class="timeline__live site-visually-hidden" aria-live="polite" data-live></p>',
        '<p class="timeline__actions" hidden><button type="button" class="md-button" data-ics>'
        "Save these dates to my calendar (.ics)</button></p>",
        '<p class="timeline__note" hidden>Worked out in your browser from the date you enter, '
        "which stays on this device. Check each date on Upwork before you rely on it.</p>",
        "",
        "</section>",
    ]
    return "\n".join(rows)


# --------------------------------------------------------------------------- pages


def outcome_src(outcome_id: str) -> str:
    return f"{OUTCOME_DIR}/{outcome_id}.md"


def journey_src(journey_id: str) -> str:
    return f"{JOURNEY_DIR}/{journey_id}.md"


def _front(title: str, description: str, when: When, last_reviewed: dt.date, *, hide_toc: bool = False,
           sources: Iterable[str] = ()) -> str:
    def single(question: str, allowed: tuple[str, ...]) -> str:
        value = when.get(question)
        return value if isinstance(value, str) and value in allowed else "both"

    urls = list(dict.fromkeys(sources))
    rows = [
        "---",
        f"title: {json.dumps(title)}",
        f"description: {json.dumps(description)}",
        "kind: page",
        f"audience: {single('role', AUDIENCES)}",
        f"contract_type: {single('contract', CONTRACT_TYPES)}",
        "tags: [what-should-i-do]",
        f"last_reviewed: {last_reviewed.isoformat()}",
        "sources:" + ("" if urls else " []"),
        *(f"  - {json.dumps(u)}" for u in urls),
    ]
    if hide_toc:
        rows.append("hide: [toc]")
    return "\n".join([*rows, "---", ""])


def _answer_labels(flow: Flow) -> dict[tuple[str, str], str]:
    return {(q.id, a.id): a.label for q in flow.questions for a in q.answers}


def _for_line(flow: Flow, when: When) -> str:
    """"For: freelancer · fixed price · ..." from a condition, in question order."""
    labels = _answer_labels(flow)
    parts = []
    for question in flow.questions:
        wanted = when.get(question.id)
        if wanted is None:
            continue
        chosen = [wanted] if isinstance(wanted, str) else wanted
        parts.append(" or ".join(labels[(question.id, a)] for a in chosen))
    return " · ".join(parts)


def _link(ref: str, *, from_src: str, ids: PageIds) -> str:
    name, _, anchor = ref.partition("#")
    src = ids.src_of(name) or name + ".md"
    return relative_link(src, from_src=from_src, anchor=anchor)


def pages(
    loaded: Loaded, *, facts: Registry, ids: PageIds, titles: Mapping[str, str], templates: Mapping[str, str]
) -> dict[str, str]:
    """Every generated page's Markdown by ``src``: the flow, the outcomes, the journeys.
    ``titles``: page titles (checklists); ``templates``: ``page#anchor`` -> heading text."""
    flow = loaded.flow
    if flow is None:
        return {}
    first_path: dict[str, Path_] = {}
    for way, outcome_id in loaded.paths.items():
        first_path.setdefault(outcome_id, way)
    made = {FLOW_SRC: flow_page(loaded, ids=ids, titles=titles, templates=templates)}
    for outcome in flow.outcomes:
        made[outcome_src(outcome.id)] = outcome_page(
            flow, outcome, first_path[outcome.id], facts=facts, ids=ids, titles=titles, templates=templates
        )
    for journey in flow.journeys:
        made[journey_src(journey.id)] = journey_page(flow, journey, facts=facts, ids=ids, titles=titles)
    return made


def _journeys_for(flow: Flow, when: When) -> list[Journey]:
    """The journeys an outcome belongs to: those whose conditions its own ones imply."""
    found = []
    for journey in flow.journeys:
        if all(
            question in when
            and set([when[question]] if isinstance(when[question], str) else when[question])
            <= set([wanted] if isinstance(wanted, str) else wanted)
            for question, wanted in journey.when.items()
        ):
            found.append(journey)
    return found


def _outcome_body(
    flow: Flow,
    outcome: Outcome,
    *,
    on_src: str,
    ids: PageIds,
    titles: Mapping[str, str],
    templates: Mapping[str, str],
    level: int,
) -> list[str]:
    """The short answer, the steps, the checklist and the message: shared by the outcome's
    page and its in-place answer on the flow page."""
    h = "#" * level
    rows = [f"**Short answer:** {inert_html(outcome.answer)}", "", f"{h} What to do, in order", ""]
    for n, step in enumerate(outcome.steps, 1):
        target = _link(step.link, from_src=on_src, ids=ids)
        detail = f" {inert_html(step.detail)}" if step.detail else ""
        rows.append(f"{n}. [{plain_label(step.text)}]({target}){detail}")
    checklist_src = f"checklists/{outcome.checklist}.md"
    checklist_title = titles.get(checklist_src, outcome.checklist)
    template_text = templates.get(outcome.template, "the message template")
    rows += [
        "",
        f"{h} Checklist and message",
        "",
        f"- Tick it off: [{plain_label(checklist_title)}]({relative_link(checklist_src, from_src=on_src)})",
        f"- A message to send: [{plain_label(template_text)}]({_link(outcome.template, from_src=on_src, ids=ids)})",
        "",
    ]
    return rows


def outcome_page(
    flow: Flow,
    outcome: Outcome,
    way: Path_,
    *,
    facts: Registry,
    ids: PageIds,
    titles: Mapping[str, str],
    templates: Mapping[str, str],
) -> str:
    """One outcome as a page of its own: linkable, found by search, printable."""
    src = outcome_src(outcome.id)
    used = [
        facts.by_id[d.fact]
        for name in outcome.timelines
        for t in flow.timelines
        if t.id == name
        for d in t.deadlines
        if d.fact in facts.by_id
    ]
    description = f"{outcome.title}. The steps in order, the deadlines, the checklist and a message to send."
    rows = [
        _front(outcome.title, description, outcome.when, flow.last_reviewed,
               sources=[str(u) for fact in used for u in fact.sources]),
        f"# {plain_label(outcome.title)}",
        "",
        *_outcome_body(flow, outcome, on_src=src, ids=ids, titles=titles, templates=templates, level=2),
    ]
    if outcome.timelines:
        rows += [
            "## Your deadlines",
            "",
            "Enter a date to see each deadline in your time zone, with UTC beside it.",
            "",
            timelines_block(flow, outcome.timelines, facts.by_id, heading=3),
            "",
        ]
    flow_link = relative_link(FLOW_SRC, from_src=src)
    rows += [
        '<nav class="flow-more" aria-label="More on this answer" markdown>',
        "",
        f"- This answer is for: {inert_html(_for_line(flow, outcome.when))}. "
        f"[Change my answers]({flow_link}?{query(way)})",
    ]
    for journey in _journeys_for(flow, outcome.when):
        rows.append(
            f"- Every step, in order: [{plain_label(journey.title)}]({relative_link(journey_src(journey.id), from_src=src)})"
        )
    rows += ["", "</nav>", ""]
    return "\n".join(rows)


def flow_page(
    loaded: Loaded, *, ids: PageIds, titles: Mapping[str, str], templates: Mapping[str, str]
) -> str:
    """The flow page: the questions as a form (shown by ``flow.js``), each outcome's answer
    in place (hidden until chosen), and, for reading without JavaScript, every path as
    a tree of plain links to the outcome pages."""
    flow = loaded.flow
    assert flow is not None
    src = FLOW_SRC
    data = {"p": {query(way): outcome_id for way, outcome_id in loaded.paths.items()}}
    rows = [
        _front(
            "What should I do now?",
            "Answer up to four questions about your Upwork contract and get the steps, deadlines, "
            "checklist and message for your case.",
            {},
            flow.last_reviewed,
            hide_toc=True,
        ),
        "# What should I do now?",
        "",
        "**Short answer:** tell us who you are, the kind of contract, where the money is and what is "
        "happening. You get the next steps in order, your deadlines, a checklist and a message to send.",
        "",
        f'<div class="flow" data-flow="{_attr(data)}" hidden>',
    ]
    for question in flow.questions:
        qid = f"flow-q-{question.id}"
        rows.append(
            f'<fieldset class="flow__question" data-q="{question.id}" tabindex="-1" hidden>'
            f'<legend id="{qid}">{html.escape(question.text)}</legend>'
        )
        rows += [
            f'<button type="button" class="md-button" data-a="{answer.id}" aria-pressed="false">'
            f"{html.escape(answer.label)}</button>"
            for answer in question.answers
        ]
        rows.append("</fieldset>")
    rows += [
        '<p class="flow__restart"><button type="button" class="md-button" data-flow-restart hidden>'
        "Start again</button></p>",
        '<p class="site-visually-hidden" aria-live="polite" data-flow-live></p>',
        "</div>",
        "",
    ]
    for outcome in flow.outcomes:
        oid = f"answer-{outcome.id}"
        page = relative_link(outcome_src(outcome.id), from_src=src)
        rows += [
            f'<section class="flow__answer" data-outcome="{outcome.id}" data-search-exclude="" '
            f'aria-labelledby="{oid}" hidden markdown>',
            "",
            f'<h2 id="{oid}" tabindex="-1" data-search-exclude="">{html.escape(outcome.title)}</h2>',
            "",
            *_outcome_body(flow, outcome, on_src=src, ids=ids, titles=titles, templates=templates, level=3),
            f'<p class="flow__open" markdown="span">**[Open this answer on its own page]({page})**: '
            + ("your deadlines as dates, " if outcome.timelines else "")
            + "to share, print or come back to.</p>",
            "",
            "</section>",
            "",
        ]
    rows += ["## Every situation, as a list", "", *_tree(flow, loaded.paths), ""]
    if flow.journeys:
        rows += ["## Step by step", "", "Every step of ending a contract, in order, from before you end "
                 "until the money arrives:", ""]
        rows += [
            f"- [{plain_label(j.title)}]({relative_link(journey_src(j.id), from_src=src)})" for j in flow.journeys
        ]
        rows.append("")
    return "\n".join(rows)


def _tree(flow: Flow, paths: Mapping[Path_, str]) -> list[str]:
    """Every path as nested plain links: the first two questions as headings, the
    others as nested lists, the last answer linking to its outcome page."""
    labels = _answer_labels(flow)
    titles = {o.id: o.title for o in flow.outcomes}
    rows: list[str] = []
    previous: Path_ = ()
    for way in paths:  # in question and answer order
        common = next((n for n, (a, b) in enumerate(zip(way, previous, strict=False)) if a != b),
                      min(len(way), len(previous)))
        for depth in range(common, len(way)):
            label = plain_label(labels[way[depth]])
            if depth < 2:
                rows += ["", f"{'#' * (depth + 3)} {label}", ""]
                continue
            indent = "    " * (depth - 2)
            if depth == len(way) - 1:
                target = relative_link(outcome_src(paths[way]), from_src=FLOW_SRC)
                rows.append(f"{indent}- [{label}: {plain_label(titles[paths[way]])}]({target})")
            else:
                rows.append(f"{indent}- {label}")
        previous = way
    return rows


def journey_page(
    flow: Flow, journey: Journey, *, facts: Registry, ids: PageIds, titles: Mapping[str, str]
) -> str:
    """A journey as numbered steps, each linking to its page (and section) and checklist."""
    src = journey_src(journey.id)
    rows = [
        _front(journey.title, f"{journey.title}, step by step: from before you end until the money arrives.",
               journey.when, flow.last_reviewed),
        f"# {plain_label(journey.title)}",
        "",
        f"**Short answer:** {inert_html(journey.intro)}",
        "",
        '<ol class="journey-steps" markdown>',
    ]
    for step in journey.steps:
        rows.append(f'<li markdown="span">{_journey_step(step, on_src=src, ids=ids, titles=titles)}</li>')
    rows += ["</ol>", ""]
    if journey.timelines:
        rows += ["## Your deadlines", "", timelines_block(flow, journey.timelines, facts.by_id, heading=3), ""]
    rows += [
        f"Not sure this fits your case? [Answer the questions]({relative_link(FLOW_SRC, from_src=src)}).",
        "",
    ]
    return "\n".join(rows)


def _journey_step(step: JourneyStep, *, on_src: str, ids: PageIds, titles: Mapping[str, str]) -> str:
    text = f" {inert_html(step.text)}" if step.text else ""
    parts = [f"**[{plain_label(step.title)}]({_link(step.link, from_src=on_src, ids=ids)})**{text}"]
    if step.checklist:
        checklist_src = f"checklists/{step.checklist}.md"
        if checklist_src != on_src:
            name = titles.get(checklist_src, step.checklist)
            parts.append(f"Tick it off: [{plain_label(name)}]({relative_link(checklist_src, from_src=on_src)}).")
    return " ".join(parts)


# --------------------------------------------------------------------------- boxes on other pages


def journeys_of(flow: Flow, src: str, ids: PageIds) -> list[tuple[Journey, list[int]]]:
    """The journeys whose steps link to the page ``src``, with those steps' indexes."""
    found = []
    for journey in flow.journeys:
        here = [n for n, step in enumerate(journey.steps) if ids.src_of(step.link.partition("#")[0]) == src]
        if here:
            found.append((journey, here))
    return found


def journey_box(flow: Flow, src: str, ids: PageIds) -> str:
    """"Part of: ..." for a page that belongs to journeys: the steps, "you are here", as
    collapsed details (open when the page is in one journey only). Left out of search
    and print."""
    found = journeys_of(flow, src, ids)
    if not found:
        return ""
    rows = ['<aside class="journey no-glossary" data-generated="journey" data-search-exclude="" '
            'aria-label="Step by step" markdown>']
    for journey, here in found:
        steps = ", ".join(str(n + 1) for n in here)
        opened = " open" if len(found) == 1 else ""
        link = relative_link(journey_src(journey.id), from_src=src)
        rows += [
            f'<details class="journey__box"{opened} markdown>',
            f'<summary>Part of: {html.escape(journey.title)} (step {steps} of {len(journey.steps)})</summary>',
            '<ol class="journey__steps" markdown>',
        ]
        for n, step in enumerate(journey.steps):
            if n in here:
                rows.append(
                    f'<li aria-current="step" markdown="span"><strong>{plain_label(step.title)}</strong> '
                    '<span class="journey__here">(you are here)</span></li>'
                )
            else:
                target = _link(step.link, from_src=src, ids=ids)
                rows.append(f'<li markdown="span">[{plain_label(step.title)}]({target})</li>')
        rows += ["</ol>", f'<p markdown="span">[All steps on one page]({link})</p>', "</details>"]
    rows.append("</aside>")
    return "\n".join(rows)


def home_link(on_src: str = HOME_SRC) -> str:
    """The way into the flow on the home page's first screen."""
    link = relative_link(FLOW_SRC, from_src=on_src)
    return (
        '<p class="flow-start" data-generated="flow-start" data-search-exclude="" markdown="span">'
        f"[What should I do now? Answer four questions]({link}){{ .md-button .md-button--primary }}</p>"
    )


_LEAD_BLOCKERS = re.compile(r"^(?:[-*+]\s|\d+[.)]\s|!!!|\?\?\?|<|\||```|~~~|    |\t)")


def insert_after_lead(markdown: str, block: str) -> str:
    """``block`` after the page's first paragraph under its H1 (its short answer), or
    right after the H1 when a list, admonition, table or HTML comes first."""
    if not block:
        return markdown
    lines = markdown.split("\n")
    code = fenced_code_lines(lines)
    h1 = next((n for n, line in enumerate(lines) if n not in code and line.startswith("# ")), None)
    if h1 is None:
        return markdown
    at = h1 + 1
    while at < len(lines) and not lines[at].strip():
        at += 1
    if at < len(lines) and not _LEAD_BLOCKERS.match(lines[at]):
        while at < len(lines) and lines[at].strip():
            at += 1
    else:
        at = h1 + 1
    return "\n".join([*lines[:at], "", block, "", *lines[at:]])


def after_checklist(markdown: str, checklist_id: str, block: str) -> str:
    """``block`` right after the rendered checklist ``checklist_id`` on its own page."""
    start = markdown.find(f'data-checklist="{checklist_id}"')
    end = markdown.find("</section>", start) if start >= 0 else -1
    if not block or end < 0:
        return markdown
    end += len("</section>")
    return markdown[:end] + "\n\n" + block + "\n" + markdown[end:]


def template_titles(markdown: str, *, src: str = "templates.md") -> dict[str, str]:
    """``templates#anchor`` -> heading text, from the templates page's ``##`` headings
    (the anchor as Python-Markdown's table of contents makes it)."""
    from markdown.extensions.toc import slugify

    name = src.removesuffix(".md")
    found = {}
    lines = markdown.split("\n")
    code = fenced_code_lines(lines)
    for n, line in enumerate(lines):
        match = re.match(r"^##\s+(.+?)\s*#*\s*$", line)
        if match and n not in code:
            found[f"{name}#{slugify(match.group(1), '-')}"] = match.group(1)
    return found


def checklist_names(flow: Flow) -> list[str]:
    return list(flow.checklist_timelines)


def placeholder(src: str, last_reviewed: dt.date) -> str:
    """What a generated page says while ``flow.yml`` has a problem (the build reports it)."""
    return "\n".join(
        [
            _front("What should I do now?", "This page is being fixed: its data has a problem that the "
                   "build reports.", {}, last_reviewed),
            "# What should I do now?",
            "",
            "This page is being fixed. Start from the [home page](" + relative_link(HOME_SRC, from_src=src) + ").",
            "",
        ]
    )


def generated_srcs(loaded: Loaded) -> list[str]:
    flow = loaded.flow
    if flow is None:
        return []
    return [FLOW_SRC, *(outcome_src(o.id) for o in flow.outcomes), *(journey_src(j.id) for j in flow.journeys)]


def iter_paths(loaded: Loaded) -> Iterable[tuple[Path_, str]]:
    return itertools.chain(loaded.paths.items())
