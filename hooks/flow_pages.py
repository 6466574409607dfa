"""The pages and boxes made from the question flow (``flow.py`` reads and checks the data).

:func:`pages` writes the generated pages (``handbook.on_files``): the flow
(``what-should-i-do.md``), one page per outcome and one per journey, in Markdown with
``md_in_html`` blocks, so that MkDocs checks every link and the short references,
glossary and search treat them like any page. :func:`journey_box` ("Part of: ..."),
:func:`timelines_block` (beside checklists) and :func:`home_link` are added to other
pages in ``handbook.on_page_markdown``. The DOM contract with ``assets/flow.js``:
``data-flow`` (every path and its outcome), ``data-q``/``data-a`` (questions and
answers), ``data-outcome`` (answers in place), ``data-timeline`` (the clock and each
deadline's numbers from the facts registry), ``data-date``/``data-time``/``data-when``/
``data-ics``; controls carry ``hidden`` until the script shows them.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from facts import Fact, Registry
from flow import (
    AUDIENCES,
    CONTRACT_TYPES,
    FLOW_SRC,
    Clock,
    Flow,
    Journey,
    JourneyStep,
    Loaded,
    Outcome,
    Path_,
    Timeline,
    When,
    query,
    timeline_data,
)
from markup import fenced_code_lines, inert_html, plain_label
from pages import PageIds, relative_link

OUTCOME_DIR = "what-should-i-do"
JOURNEY_DIR = "step-by-step"
HOME_SRC = "index.md"


def _attr(data: Any) -> str:
    return html.escape(json.dumps(data, separators=(",", ":"), ensure_ascii=False), quote=True)


def timelines_block(flow: Flow, names: Iterable[str], facts: Mapping[str, Fact], *, heading: int = 2) -> str:
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
        start = plain_label(labels[deadline.after].lower() if deadline.after else clock.start)
        if fact.schedule is not None and fact.schedule.weekday is not None:
            when = f"[[fact:{fact.id}]]"
        elif fact.schedule is not None and fact.schedule.time is not None:
            when = f"[[fact:{fact.id}]] after {start}, until {fact.schedule.time} UTC that day"
        else:
            when = f"[[fact:{fact.id}]] after {start}"
        rows.append(
            f'<li markdown="span">**{plain_label(deadline.label)}**{{ .no-glossary }} ({when}): '
            f'{inert_html(deadline.what)} <span class="timeline__when" data-when></span></li>'
        )
    rows += [
        "</ol>",
        '<p class="timeline__live site-visually-hidden" aria-live="polite" data-live></p>',
        '<p class="timeline__actions" hidden><button type="button" class="md-button" data-ics>'
        "Save these dates to my calendar (.ics)</button></p>",
        '<p class="timeline__note" hidden>Worked out in your browser from the date you enter, '
        "which stays on this device"
        + (". Without a time, the day's start is used: the earliest dates" if clock.input == "moment" else "")
        + ". Upwork's own dates decide: check them in the contract.</p>",
        "",
        "</section>",
    ]
    return "\n".join(rows)


# --------------------------------------------------------------------------- pages


def outcome_src(outcome_id: str) -> str:
    return f"{OUTCOME_DIR}/{outcome_id}.md"


def journey_src(journey_id: str) -> str:
    return f"{JOURNEY_DIR}/{journey_id}.md"


def _front(
    title: str,
    description: str,
    when: When,
    last_reviewed: dt.date,
    *,
    hide_toc: bool = False,
    sources: Iterable[str] = (),
) -> str:
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
    """ "For: freelancer · fixed price · ..." from a condition, in question order."""
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
    page and its in-place answer on the flow page (level 3: left out of search there)."""
    h = "#" * level
    out = ' { data-search-exclude="" }' if level > 2 else ""
    rows = [f"**Short answer:** {inert_html(outcome.answer)}", "", f"{h} What to do, in order{out}", ""]
    for n, step in enumerate(outcome.steps, 1):
        target = _link(step.link, from_src=on_src, ids=ids)
        detail = f" {inert_html(step.detail)}" if step.detail else ""
        rows.append(f"{n}. [{plain_label(step.text)}]({target}){detail}")
    checklist_src = f"checklists/{outcome.checklist}.md"
    checklist_title = titles.get(checklist_src, outcome.checklist)
    template_text = templates.get(outcome.template, "the message template")
    rows += [
        "",
        f"{h} Checklist and message{out}",
        "",
        f"- Tick it off: [{plain_label(checklist_title)}]({relative_link(checklist_src, from_src=on_src)})",
        f"- A message to send: [{plain_label(template_text)}]"
        f"({_link(outcome.template, from_src=on_src, ids=ids)})",
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
        _front(
            outcome.title,
            description,
            outcome.when,
            flow.last_reviewed,
            sources=[str(u) for fact in used for u in fact.sources],
        ),
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
        link = relative_link(journey_src(journey.id), from_src=src)
        rows.append(f"- Every step, in order: [{plain_label(journey.title)}]({link})")
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
        f'<div class="flow" data-flow="{_attr(data)}" data-search-exclude="" hidden>',
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
        rows += [
            "## Step by step",
            "",
            "Every step of ending a contract, in order, from before you end until the money arrives:",
            "",
        ]
        rows += [
            f"- [{plain_label(j.title)}]({relative_link(journey_src(j.id), from_src=src)})"
            for j in flow.journeys
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
        common = next(
            (n for n, (a, b) in enumerate(zip(way, previous, strict=False)) if a != b),
            min(len(way), len(previous)),
        )
        for depth in range(common, len(way)):
            label = plain_label(labels[way[depth]])
            if depth < 2:
                rows += ["", f"{'#' * (depth + 3)} {label}", ""]
                continue
            indent = "    " * (depth - 2)
            if depth == len(way) - 1:
                target = relative_link(outcome_src(paths[way]), from_src=FLOW_SRC)
                rows.append(f"{indent}- {label}: [{plain_label(titles[paths[way]])}]({target})")
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
        _front(
            journey.title,
            f"{journey.title}, step by step: from before you end until the money arrives.",
            journey.when,
            flow.last_reviewed,
        ),
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
        rows += [
            "## Your deadlines",
            "",
            timelines_block(flow, journey.timelines, facts.by_id, heading=3),
            "",
        ]
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
            parts.append(
                f"Tick it off: [{plain_label(name)}]({relative_link(checklist_src, from_src=on_src)})."
            )
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
    """ "Part of: ..." for a page that belongs to journeys: the steps, "you are here", as
    collapsed details (open when the page is in one journey only). Left out of search
    and print."""
    found = journeys_of(flow, src, ids)
    if not found:
        return ""
    rows = [
        '<aside class="journey no-glossary" data-generated="journey" data-search-exclude="" '
        'aria-label="Step by step" markdown>'
    ]
    for journey, here in found:
        steps = ", ".join(str(n + 1) for n in here)
        opened = " open" if len(found) == 1 else ""
        link = relative_link(journey_src(journey.id), from_src=src)
        rows += [
            f'<details class="journey__box"{opened} markdown>',
            f"<summary>Part of: {html.escape(journey.title)} "
            f"(step {steps} of {len(journey.steps)})</summary>",
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


def placeholder(src: str, last_reviewed: dt.date) -> str:
    """What a generated page says while ``flow.yml`` has a problem (the build reports it)."""
    return "\n".join(
        [
            _front(
                "What should I do now?",
                "This page is being fixed: its data has a problem that the build reports.",
                {},
                last_reviewed,
            ),
            "# What should I do now?",
            "",
            "This page is being fixed. Start from the [home page]("
            + relative_link(HOME_SRC, from_src=src)
            + ").",
            "",
        ]
    )


def generated_srcs(loaded: Loaded) -> list[str]:
    flow = loaded.flow
    if flow is None:
        return []
    return [
        FLOW_SRC,
        *(outcome_src(o.id) for o in flow.outcomes),
        *(journey_src(j.id) for j in flow.journeys),
    ]
