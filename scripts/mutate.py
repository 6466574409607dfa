"""Plant representative bugs, one at a time, and report any the tests don't catch.

Each mutation replaces one exact piece of code in a scratch copy of the project
and runs the tests that should notice; a mutation whose text is no longer in its
file is an error (the list must follow the code). ``make mutate`` runs it; exit 1
when a mutation survives.

    python scripts/mutate.py            # all mutations
    python scripts/mutate.py M15 M29    # some of them
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent


class Mutation(NamedTuple):
    id: str
    what: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]


MUTATIONS = [
    Mutation(
        "M11",
        "a review date of tomorrow is accepted",
        "hooks/frontmatter.py",
        "if value > today:",
        "if value > today + dt.timedelta(days=1):",
        ("tests/test_frontmatter.py",),
    ),
    Mutation(
        "M13",
        "a stored value that is not a list is used as one",
        "docs/assets/site.js",
        "return v && v.constructor == empty.constructor ? v : empty;",
        "return v || empty;",
        ("tests/test_checklists_browser.py",),
    ),
    Mutation(
        "M15",
        "default item keys are cut at 40 characters",
        "hooks/checklists.py",
        "MAX_SLUG = 60",
        "MAX_SLUG = 40",
        ("tests/test_checklists.py",),
    ),
    Mutation(
        "M16",
        "a page is stale on its maximum age, not after it",
        "hooks/frontmatter.py",
        "stale=(today - last_reviewed).days > max_age_days",
        "stale=(today - last_reviewed).days >= max_age_days",
        ("tests/test_frontmatter.py",),
    ),
    Mutation(
        "M27",
        "the Print button does nothing",
        "docs/assets/site.js",
        "window.print()",
        "undefined",
        ("tests/test_checklists_browser.py",),
    ),
    Mutation(
        "M29",
        "a checklist's Why: line is not escaped",
        "hooks/checklists.py",
        "why_html = inert_html(why_text) if why_text else None",
        "why_html = why_text or None",
        ("tests/test_checklists.py", "tests/test_escaping.py"),
    ),
    Mutation(
        "S1",
        "an unknown [[reference]] is skipped without a word",
        "hooks/shortrefs.py",
        "                problems.append(Unresolved(token, unknown_message(",
        "                (Unresolved(token, unknown_message(",
        ("tests/test_shortrefs.py",),
    ),
    Mutation(
        "S2",
        "every use of a glossary term is linked",
        "hooks/glossary.py",
        "        if term_id in done or _POINTER.match(joined, end):",
        "        if _POINTER.match(joined, end):",
        ("tests/test_glossary.py",),
    ),
    Mutation(
        "S3",
        "the safety gate lets on* attributes through",
        "hooks/markup.py",
        'if name.lower().startswith("on"):',
        'if name.lower().startswith("on-never"):',
        ("tests/test_markup.py", "tests/test_bad_input.py"),
    ),
    Mutation(
        "S4",
        "WeasyPrint may fetch any address",
        "hooks/pdf.py",
        "URLFetcher(allowed_protocols=())",
        "URLFetcher()",
        ("tests/test_pdf.py",),
    ),
    Mutation(
        "S5",
        "YAML aliases are accepted",
        "hooks/pages.py",
        "        if id(node) in self.seen:",
        "        if False:",
        ("tests/test_pages.py",),
    ),
    Mutation(
        "S6",
        "a fact's check date is left out of its tooltip",
        "hooks/facts.py",
        'tip = f"{fact.rule} Source: {CONFIDENCE[fact.confidence]}. {checked}."',
        'tip = f"{fact.rule} Source: {CONFIDENCE[fact.confidence]}."',
        ("tests/test_facts.py",),
    ),
    Mutation(
        "R1",
        "Copy message keeps the source's line breaks",
        "docs/assets/site.js",
        'p.textContent.replace(/\\s+/g, " ").trim()',
        "p.textContent.trim()",
        ("tests/test_templates_browser.py",),
    ),
    Mutation(
        "R2",
        "the first tap on a term leaves the page",
        "docs/assets/site.js",
        "if (tapped && tapped == near(e, TIP)) {",
        "if (0) {",
        ("tests/test_glossary_browser.py",),
    ),
    Mutation(
        "R3",
        "term links inside a message to copy",
        "hooks/templates.py",
        'child.set("class", "message no-glossary")',
        'child.set("class", "message")',
        ("tests/test_templates.py",),
    ),
    Mutation(
        "S7",
        "What to do next may list the page itself",
        "hooks/linkgraph.py",
        "    taken = {page.src}\n",
        "    taken = set()\n",
        ("tests/test_linkgraph.py",),
    ),
    Mutation(
        "Q1",
        "search matches a site term's words one by one",
        "docs/assets/search/engine.js",
        "return phrases && phrases.size ? joinPhrases(toks, phrases) : toks;",
        "return toks;",
        ("tests/test_search.py",),
    ),
    Mutation(
        "Q2",
        "search ignores which words stand side by side",
        "docs/assets/search/engine.js",
        "r.score *= 1 + o.proximity * near / qpairs.size;",
        "r.score *= 1;",
        ("tests/test_search.py",),
    ),
    Mutation(
        "Q3",
        "people's words that contain a site term pass unnoticed",
        "hooks/search.py",
        'if said != term and f" {term} " in f" {said} ":',
        "if False:",
        ("tests/test_search.py",),
    ),
]

IGNORE = shutil.ignore_patterns(
    ".venv", "site", ".git", ".cache", "node_modules", "__pycache__", ".pytest_cache"
)


def run_tests(project: Path, tests: tuple[str, ...]) -> bool:
    """True when the tests pass in ``project``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.returncode == 0


def main(argv: list[str]) -> int:
    chosen = [m for m in MUTATIONS if not argv or m.id in argv]
    with tempfile.TemporaryDirectory(prefix="mutate-") as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(ROOT, project, ignore=IGNORE)
        all_tests = tuple(sorted({t for m in chosen for t in m.tests}))
        if not run_tests(project, all_tests):
            print("The tests fail before any mutation: fix them first.")
            return 2
        survivors = []
        for mutation in chosen:
            target = project / mutation.path
            original = target.read_text(encoding="utf-8")
            if original.count(mutation.old) != 1:
                print(f"{mutation.id}: its code is not (once) in {mutation.path}: update scripts/mutate.py")
                return 2
            target.write_text(original.replace(mutation.old, mutation.new), encoding="utf-8")
            killed = not run_tests(project, mutation.tests)
            target.write_text(original, encoding="utf-8")
            print(f"{mutation.id} {'killed  ' if killed else 'SURVIVED'} {mutation.what}")
            if not killed:
                survivors.append(mutation.id)
    killed = len(chosen) - len(survivors)
    print(f"\n{killed} of {len(chosen)} mutations killed; survivors: {', '.join(survivors) or 'none'}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
