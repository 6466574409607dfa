"""The question flow (hooks/flow.py, docs/data/flow.yml) without a build: the schema, every
path, what the file names checked against the site, with file and line; the pages and
boxes it generates."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path

import facts
import flow
import flow_pages
import pytest
import yaml
from pages import PageIds, Problem, read_page
from shortrefs import RefIndex

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TODAY = dt.date(2026, 12, 5)
REAL = (DOCS / flow.FLOW_PATH).read_text(encoding="utf-8")
REGISTRY, _ = facts.load(DOCS, today=TODAY)
SRCS = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
IDS = PageIds([*SRCS, "rules.md"])
CHECKLISTS = {p.stem for p in (DOCS / "checklists").glob("*.md") if p.stem != "index"}
REFS = RefIndex(IDS, {}, (), REGISTRY.refs(today=TODAY, max_age_days=365), "rules.md")

# The smallest flow that passes: two questions, three outcomes, one timeline.
SMALL = """\
last_reviewed: 2026-12-01
questions:
  - id: role
    text: Who are you?
    answers:
      - {id: freelancer, label: Freelancer}
      - {id: client, label: Client}
  - id: contract
    text: Which contract?
    answers:
      - {id: hourly, label: Hourly}
      - {id: fixed-price, label: Fixed price, when: {role: freelancer}}
clocks:
  - {id: submitted, label: Submitted on, start: the submission}
timelines:
  - id: review
    title: The review
    clock: submitted
    deadlines:
      - {id: release, fact: fixed-review-days, label: Release, what: Money is released.}
outcomes:
  - id: f-hourly
    when: {role: freelancer, contract: hourly}
    title: Freelancer on hourly
    answer: Log your hours. [[fact:fixed-review-days]]
    steps:
      - {text: Log time, link: freelancer/end-hourly#what-happens-to-my-work-diary-when-the-contract-ends}
    checklist: freelancer-end-hourly
    template: templates#closing-a-finished-job-freelancer
  - id: f-fixed
    when: {role: freelancer, contract: fixed-price}
    title: Freelancer on fixed price
    answer: Submit the work.
    steps:
      - {text: Submit, link: freelancer/end-fixed-price#im-ready-to-end-it-what-do-i-do}
    checklist: freelancer-end-fixed-price
    template: templates#closing-a-finished-job-freelancer
    timelines: [review]
  - id: c-hourly
    when: {role: client}
    title: Client on hourly
    answer: Review the hours.
    steps:
      - {text: Review, link: client/end-hourly#im-ready-to-end-it-what-do-i-do}
    checklist: client-end-hourly
    template: templates#ending-early-client
"""


def line_of(text: str, needle: str, nth: int = 0) -> int:
    """The 1-based line of the nth line containing ``needle``."""
    return [n for n, line in enumerate(text.split("\n"), 1) if needle in line][nth]


def check(text: str) -> list[Problem]:
    """Every problem with a flow file: schema, paths, then pages, checklists, facts, refs."""
    loaded = flow.parse(text, today=TODAY)
    found, _ = flow.site_problems(loaded, ids=IDS, checklists=CHECKLISTS, facts=REGISTRY.by_id, refs=REFS)
    return loaded.problems + found


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    assert problems[0].path == "data/flow.yml"
    return problems[0]


# --------------------------------------------------------------------------- the real file


def test_the_real_flow_is_sound_and_every_combination_has_an_outcome() -> None:
    loaded = flow.parse(REAL, today=TODAY)
    assert check(REAL) == []
    assert loaded.flow is not None
    outcomes = {o.id for o in loaded.flow.outcomes}
    assert set(loaded.paths.values()) == outcomes, "every outcome is reached"
    assert len(loaded.paths) == 2 * (4 + 3) * 4  # role x (fixed: 4 | hourly: 3 money answers) x situation
    combos = {(dict(p)["role"], dict(p)["contract"], dict(p)["situation"]) for p in loaded.paths}
    assert len(combos) == 16
    assert len(outcomes) >= 16
    # Where the money is changes the answer: a client unhappy with submitted work must act in
    # the review period; after the release it is mediation or a refund request.
    by = {tuple(v for _, v in p): o for p, o in loaded.paths.items()}
    assert by[("client", "fixed-price", "submitted", "disagree")] == "client-fixed-submitted-unhappy"
    assert by[("client", "fixed-price", "released", "disagree")] == "client-fixed-released-problem"
    assert by[("client", "hourly", "in-review", "disagree")] == "client-hourly-disagree-review"
    assert by[("client", "hourly", "paid", "disagree")] == "client-hourly-disagree-paid"


def test_every_outcome_names_its_checklist_template_and_deadline_facts() -> None:
    loaded = flow.parse(REAL, today=TODAY)
    assert loaded.flow is not None
    timelines = {t.id: t for t in loaded.flow.timelines}
    for outcome in loaded.flow.outcomes:
        assert outcome.checklist in CHECKLISTS
        assert outcome.template.startswith("templates#")
        assert all("#" in step.link for step in outcome.steps), outcome.id
        for name in outcome.timelines:
            assert all(d.fact in REGISTRY.by_id for d in timelines[name].deadlines)
    assert {j.id for j in loaded.flow.journeys} == {
        "freelancer-hourly",
        "freelancer-fixed-price",
        "client-hourly",
        "client-fixed-price",
    }


def test_the_timeline_numbers_come_from_the_facts_registry() -> None:
    loaded = flow.parse(REAL, today=TODAY)
    assert loaded.flow is not None
    clocks = {c.id: c for c in loaded.flow.clocks}
    for timeline in loaded.flow.timelines:
        data = flow.timeline_data(timeline, clocks[timeline.clock], REGISTRY.by_id)
        for deadline, item in zip(timeline.deadlines, data["i"], strict=True):
            fact = REGISTRY.by_id[deadline.fact]
            if fact.schedule is not None and fact.schedule.weekday is not None:
                assert item["w"] == fact.schedule.week
                assert flow.WEEKDAYS[item["wd"] - 1] == fact.schedule.weekday
            else:
                assert item["d"] == fact.value
                assert item["b"] == (fact.unit == "business-days")
            if fact.schedule is not None and fact.schedule.time is not None:
                hours, minutes = fact.schedule.time.split(":")
                assert item["t"] == int(hours) * 60 + int(minutes)
    weekly = {f.id: f.schedule for f in REGISTRY.by_id.values() if f.schedule is not None}
    assert weekly["hourly-review-window"] is not None and weekly["hourly-review-window"].weekday == "friday"
    assert weekly["hourly-payment-day"] is not None and weekly["hourly-payment-day"].weekday == "wednesday"


# --------------------------------------------------------------------------- broken files


def test_the_small_flow_passes() -> None:
    assert check(SMALL) == []
    assert len(flow.parse(SMALL, today=TODAY).paths) == 3


def test_dead_end_a_path_without_an_outcome() -> None:
    text = SMALL.replace("    when: {role: client}\n", "    when: {role: client, contract: fixed-price}\n")
    problems = check(text)
    # client + hourly now ends nowhere, and the client outcome is never reached
    assert any(
        p.message.startswith("dead end: no outcome for role=client, contract=hourly")
        and p.line == line_of(text, "outcomes:")
        for p in problems
    ), problems
    assert any("'c-hourly' is unreachable" in p.message for p in problems)


def test_dead_end_a_question_with_no_answer_to_offer() -> None:
    text = SMALL.replace(
        "{id: hourly, label: Hourly}", "{id: hourly, label: Hourly, when: {role: freelancer}}"
    )
    problem = next(p for p in check(text) if "offers no answer" in p.message)
    assert problem.line == line_of(text, "- id: contract")
    assert "after role=client question 'contract' offers no answer" in problem.message


def test_unreachable_outcome_is_reported_at_its_condition() -> None:
    text = SMALL.replace(
        "outcomes:\n",
        "outcomes:\n  - id: never\n    when: {role: client, contract: fixed-price}\n    title: Never shown\n"
        "    answer: x\n    steps:\n      - {text: x, link: freelancer/end-hourly#what-happens-to-my-work-"
        "diary-when-the-contract-ends}\n    checklist: freelancer-end-hourly\n"
        "    template: templates#ending-early-client\n",
    )
    problem = only(check(text))
    assert problem.message == "outcome 'never' is unreachable: no answers lead to it (check its 'when:')"
    assert problem.line == line_of(text, "when: {role: client, contract: fixed-price}")


def test_a_path_that_ends_in_two_outcomes() -> None:
    text = SMALL.replace("    when: {role: client}\n", "    when: {}\n")
    problems = check(text)
    assert any(
        "role=freelancer, contract=hourly leads to 2 outcomes ('f-hourly', 'c-hourly')" in p.message
        for p in problems
    ), problems


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "link: freelancer/end-hourly#what",
            "link: freelancer/end-hourlyy#what",
            "unknown page 'freelancer/end-hourlyy': did you mean 'freelancer/end-hourly'",
        ),
        (
            "link: client/end-hourly#im-ready-to-end-it-what-do-i-do}",
            "link: client/end-hourly}",
            "'client/end-hourly': link to the section that explains it: add '#anchor'",
        ),
        (
            "checklist: freelancer-end-fixed-price",
            "checklist: freelancer-end-fixed",
            "unknown checklist 'freelancer-end-fixed': did you mean 'freelancer-end-fixed-price'",
        ),
        (
            "fact: fixed-review-days",
            "fact: fixed-review-day",
            "unknown fact 'fixed-review-day': did you mean 'fixed-review-days'",
        ),
        (
            "fact: fixed-review-days",
            "fact: refund-irreversible",
            "fact 'refund-irreversible' has no date rule",
        ),
        (
            "fact: fixed-review-days",
            "fact: hourly-review-window",
            "fact 'hourly-review-window' is a weekly schedule: use it in a timeline whose clock has 'input: week'",
        ),
        (
            "Log your hours. [[fact:fixed-review-days]]",
            "Log your hours. [[fact:fixed-review-dayz]]",
            "unknown reference [[fact:fixed-review-dayz]]. Did you mean '[[fact:fixed-review-days]]'",
        ),
        (
            "Log your hours.",
            "Log your [[freelancer/end-hourl]].",
            "unknown reference [[freelancer/end-hourl]]. Did you mean '[[freelancer/end-hourly]]'",
        ),
        ("timelines: [review]", "timelines: [the-review]", "unknown timeline 'the-review': did you mean 'review'?"),
        ("    clock: submitted", "    clock: submitted-on", "timeline 'review': unknown clock 'submitted-on'"),
        ("when: {role: client}", "when: {rol: client}", "when: 'rol' is not a question asked before"),
        ("when: {role: client}", "when: {role: clients}", "when: 'clients' is not an answer of 'role'"),
        ("    title: Client on hourly\n", "", "flow 'outcomes.2.title' is required but missing"),
        ("- {id: client, label: Client}", "- {id: Client, label: Client}", "'Client' is not valid here"),
    ],
)
def test_each_mistake_is_named_at_its_line(old: str, new: str, expected: str) -> None:
    assert old in SMALL
    text = SMALL.replace(old, new, 1)
    problem = only(check(text))
    assert expected in problem.message, problem
    needle = new.strip().split("\n")[0] if new.strip() else "- id: c-hourly"
    assert problem.line == line_of(text, needle), (problem, needle)


def test_unknown_anchor_is_found_after_rendering_with_the_closest_one() -> None:
    text = SMALL.replace("#im-ready-to-end-it-what-do-i-do}", "#im-ready-to-end-it}", 1)
    loaded = flow.parse(text, today=TODAY)
    found, links = flow.site_problems(loaded, ids=IDS, checklists=CHECKLISTS, facts=REGISTRY.by_id, refs=REFS)
    assert found == []
    anchors = {"freelancer/end-fixed-price.md": {"im-ready-to-end-it-what-do-i-do", "other"}}
    problem = only(flow.anchor_problems(links, anchors.get))
    assert problem.line == line_of(text, "#im-ready-to-end-it}")
    assert problem.message == (
        "'freelancer/end-fixed-price#im-ready-to-end-it': freelancer/end-fixed-price.md has no heading "
        "with the anchor '#im-ready-to-end-it': did you mean 'im-ready-to-end-it-what-do-i-do'?"
    )


def test_yaml_mistakes_and_aliases_are_refused_with_their_line() -> None:
    problem = only(check(SMALL.replace("text: Which contract?", "text: 'Which contract?")))
    assert problem.line == line_of(SMALL, "text: Which contract?")
    assert "never closed" in problem.message
    aliased = SMALL.replace(
        "      - {id: client, label: Client}", "      - &c {id: client, label: Client}\n      - *c"
    )
    assert "YAML alias" in only(check(aliased)).message


def test_a_missing_file_is_no_flow() -> None:
    assert flow.load(ROOT / "tests", today=TODAY) == flow.NO_FLOW


# --------------------------------------------------------------------------- facts: schedule


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        ('{week: 1, weekday: friday, time: "23:59"}', None),
        ('{time: "23:59"}', None),
        ("{week: 1}", "a weekly schedule needs both 'week' and 'weekday'"),
        ('{time: "24:00"}', "fact field 'facts.0.schedule.time'"),
        ("{weekday: fryday, week: 1}", "fact field 'facts.0.schedule.weekday' must be one of"),
        ("{}", "give 'week' and 'weekday' (a weekly rule) or 'time'"),
    ],
)
def test_fact_schedules_are_checked(tmp_path: Path, schedule: str, expected: str | None) -> None:
    folder = tmp_path / "data" / "facts"
    folder.mkdir(parents=True)
    (folder / "x.yml").write_text(
        "topic: X\nfacts:\n  - id: x-days\n    value: 14\n    unit: days\n    text: 14 days\n"
        f"    schedule: {schedule}\n    rule: A rule.\n    sources: [https://support.upwork.com/a]\n"
        "    checked: 2026-11-01\n    confidence: help-center\n",
        encoding="utf-8",
    )
    _, problems = facts.load(tmp_path, today=TODAY)
    if expected is None:
        assert problems == []
    else:
        assert len(problems) == 1 and expected in problems[0].message, problems
        assert problems[0].line in (3, 7)


# --------------------------------------------------------------------------- generated pages and boxes


def generated() -> dict[str, str]:
    loaded = flow.parse(REAL, today=TODAY)
    titles = {src: read_page(src, (DOCS / src).read_text(encoding="utf-8")).title for src in SRCS}
    templates = flow_pages.template_titles((DOCS / "templates.md").read_text(encoding="utf-8"))
    ids = PageIds([*SRCS, *flow_pages.generated_srcs(loaded)])
    return flow_pages.pages(loaded, facts=REGISTRY, ids=ids, titles=titles, templates=templates)


def test_pages_are_generated_for_the_flow_each_outcome_and_each_journey() -> None:
    made = generated()
    loaded = flow.parse(REAL, today=TODAY)
    assert loaded.flow is not None
    assert set(made) == set(flow_pages.generated_srcs(loaded))
    assert len([s for s in made if s.startswith("what-should-i-do/")]) == len(loaded.flow.outcomes)
    for src, text in made.items():
        page = read_page(src, text)
        assert page.problems == () and page.meta["kind"] == "page", src
        assert 20 <= len(page.meta["description"]) <= 160, src
        assert "<script" not in text and "style=" not in text
    outcome = made["what-should-i-do/client-fixed-submitted-unhappy.md"]
    assert read_page("x.md", outcome).meta["audience"] == "client"
    assert "[[fact:fixed-review-days]]" in outcome  # rendered by the references, like any page
    assert "(../client/end-fixed-price.md#what-if-the-freelancer-already-submitted-work)" in outcome
    assert "(../templates.md#asking-for-a-refund-client)" in outcome
    assert (
        "[Change my answers](../what-should-i-do.md?role=client&contract=fixed-price&money=submitted"
        in outcome
    )


def test_the_flow_page_holds_every_path_as_data_and_as_plain_links() -> None:
    text = generated()[flow.FLOW_SRC]
    loaded = flow.parse(REAL, today=TODAY)
    attribute = re.search(r'data-flow="([^"]*)"', text)
    assert attribute is not None
    assert json.loads(html.unescape(attribute.group(1)))["p"] == {
        flow.query(p): o for p, o in loaded.paths.items()
    }
    tree = text.split("## Every situation, as a list", 1)[1]
    linked = set(re.findall(r"\]\(what-should-i-do/([a-z0-9-]+)\.md\)", tree))
    assert linked == set(loaded.paths.values())


def test_timeline_data_is_json_in_an_escaped_attribute() -> None:
    loaded = flow.parse(REAL, today=TODAY)
    assert loaded.flow is not None
    block = flow_pages.timelines_block(loaded.flow, ["fixed-review"], REGISTRY.by_id)
    attribute = re.search(r'data-timeline="([^"]*)"', block)
    assert attribute is not None and "'" not in attribute.group(1) and "<" not in attribute.group(1)
    data = json.loads(html.unescape(attribute.group(1)))
    assert data["c"] == "submitted" and data["k"] == "moment"
    assert data["i"][0]["d"] == REGISTRY.by_id["fixed-review-days"].value
    assert data["i"][1] == {**data["i"][1], "a": 0, "d": REGISTRY.by_id["security-period-days"].value}


def test_the_journey_box_marks_you_are_here_and_stays_out_of_search_and_print() -> None:
    loaded = flow.parse(REAL, today=TODAY)
    assert loaded.flow is not None
    box = flow_pages.journey_box(loaded.flow, "freelancer/end-fixed-price.md", IDS)
    assert 'data-search-exclude=""' in box and 'data-generated="journey"' in box
    assert box.count("<details") == 1 and " open " in box
    assert "Part of: Ending a fixed-price contract as a freelancer (step 3 of 6)" in box
    here = [line for line in box.split("\n") if "aria-current" in line]
    assert len(here) == 1 and "Wait for approval" in here[0] and "(you are here)" in here[0]
    shared = flow_pages.journey_box(loaded.flow, "client/end-a-contract.md", IDS)
    assert shared.count("<details") == 2 and " open" not in shared  # in two journeys: both folded
    assert flow_pages.journey_box(loaded.flow, "faq.md", IDS) == ""


def test_boxes_go_after_the_short_answer() -> None:
    page = "---\nx: 1\n---\n\n# Title\n\n**Short answer:** one.\nTwo.\n\n## Next\n"
    assert flow_pages.insert_after_lead(page, "BOX") == (
        "---\nx: 1\n---\n\n# Title\n\n**Short answer:** one.\nTwo.\n\nBOX\n\n\n## Next\n"
    )
    listed = "# Title\n\n- a list first\n"
    assert flow_pages.insert_after_lead(listed, "BOX") == "# Title\n\nBOX\n\n\n- a list first\n"
    assert flow_pages.insert_after_lead("no heading\n", "BOX") == "no heading\n"
    assert flow_pages.insert_after_lead("# T\n\ntext\n", "") == "# T\n\ntext\n"


def test_the_yaml_file_stays_plain() -> None:
    """No anchors or aliases; the file parses as plain YAML for other tools."""
    assert isinstance(yaml.safe_load(REAL), dict)
