"""The question flow, deadline timelines and step-by-step journeys: ``docs/data/flow.yml``.

:func:`load` reads and checks the file (``handbook.on_files``): the schema (pydantic),
then every path through the questions (each must end in exactly one outcome, every
outcome must be reached). :func:`site_problems` checks what the file names against
the site (pages, checklists, facts, ``[[refs]]``); :func:`anchor_problems` checks its
``page#anchor`` links once the pages are rendered (``handbook.on_env``). Each problem
names the file's line. :func:`timeline_data` gives ``assets/flow.js`` the numbers of
each deadline from the facts registry: the script never restates a rule. The pages
made from all this: ``flow_pages.py``. The file format: CONTRIBUTING.md.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple
from urllib.parse import urlencode

from facts import Fact
from frontmatter import NonEmpty, PageRef, Slug, model_problems
from markup import fenced_code_lines
from pages import KeyPath, PageIds, Problem, line_in, parse_yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from shortrefs import REFERENCE, RefIndex

FLOW_PATH = "data/flow.yml"
"""Under ``docs/``."""
FLOW_SRC = "what-should-i-do.md"
"""The generated flow page (``[[refs]]`` in the file are resolved as if written there)."""
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
        return NO_FLOW._replace(
            lines=parsed.lines, problems=model_problems(path, parsed.lines, exc, what="flow")
        )
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
    named: dict[str, list[str]] = {
        "question": [q.id for q in flow.questions],
        "clock": [c.id for c in flow.clocks],
        "timeline": [t.id for t in flow.timelines],
        "outcome": [o.id for o in flow.outcomes],
        "journey": [j.id for j in flow.journeys],
    }
    for what, names in named.items():
        for n, name in enumerate(names):
            if name in names[:n]:
                problem((what + "s", n, "id"), f"{what} id '{name}' is used twice: give each its own id")
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
                f"timeline '{timeline.id}': unknown clock '{timeline.clock}'"
                + _closest(timeline.clock, clocks),
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
    uses: list[tuple[KeyPath, str]] = [
        *(
            (("outcomes", n, "timelines", t), name)
            for n, o in enumerate(flow.outcomes)
            for t, name in enumerate(o.timelines)
        ),
        *(
            (("journeys", n, "timelines", t), name)
            for n, j in enumerate(flow.journeys)
            for t, name in enumerate(j.timelines)
        ),
        *(
            (("checklist_timelines", c, t), name)
            for c, names in flow.checklist_timelines.items()
            for t, name in enumerate(names)
        ),
    ]
    for where, name in uses:
        if name not in timelines:
            problem(where, f"unknown timeline '{name}'{_closest(name, timelines)}")
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
        if outcome.id not in reached and not any(matches(outcome.when, dict(w)) for w in done):
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
            message = _date_rule_problem(
                fact, week=clock is not None and clock.input == "week", chained=deadline.after is not None
            )
            if message:
                problem(key, f"fact '{fact.id}' {message}")
    if refs is not None:
        for key, text in _texts(flow):
            for match in REFERENCE.finditer(_outside_code(text)):
                target = match.group(1).strip()
                if refs.resolve(target, match.group(2), page_src=FLOW_SRC) is None:
                    close = refs.suggest(target)
                    hint = (
                        (" Did you mean " + " or ".join(f"'[[{c}]]'" for c in close) + "?") if close else ""
                    )
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
        return (
            "counts days from a moment, but this timeline's clock is a week: add 'after:' a weekly deadline"
        )
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
