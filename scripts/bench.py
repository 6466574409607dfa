"""Benchmarks of the one-hook build, all measured in one run: ``make bench`` (BENCHMARKS.md).

1. **Build time with and without the hook** on the real site and on synthetic
   corpora of 200 and 1,000 pages. "Without" is the same project built from a
   config that ``INHERIT``\\ s ``mkdocs.yml`` with ``hooks: []``. Two ratios:
   instructions executed (valgrind's cachegrind, ``PYTHONHASHSEED=0``: the same
   on every run, so the figure to trust on a shared machine) and wall-clock
   time (fresh process per build, after a warm-up; pairs with, then without,
   back to back; the median of the pairs' ratios).
2. **The hook's own time**, per event and per page: one more build per corpus,
   in a process of this script that wraps each ``on_*`` function of
   ``hooks/handbook.py`` and the ``run`` of each Markdown treeprocessor it
   defines in a timer as MkDocs loads the hook. Nothing in ``hooks/`` measures
   itself. At 1,000 pages the same build runs with two levers undone (the
   glossary's trie expression as one flat alternation; ``RelatedIndex`` as
   scoring every pair), to show what they buy.
3. **Checklist PDFs**: a cold build (no ``.cache/checklist-pdfs``) counts the
   PDFs rendered and times WeasyPrint; an unchanged rebuild must render none,
   read from the cache files' modification times.
4. **``mkdocs serve`` save-to-reload** (as ``make serve`` runs it), with and
   without the hook.
5. **Page weight** of an article as Chromium fetches it, and our own JS + CSS
   (``docs/assets/*.js|css``) gzipped, against the 8 KB budget.

Everything runs in scratch copies under a temporary folder. ``--quick``: the
real site and 200 pages, one pair each, instructions for the real site only, no
levers (a smoke run of every part, a few minutes). ``--json FILE`` also writes
the numbers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import heapq
import http.server
import json
import os
import platform
import posixpath
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from _common import ROOT, QuietHandler, copy_project, load_mkdocs_yml

PY = sys.executable
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # builds run as a contributor's do: bytecode cached
NOHOOKS = ".mkdocs-bench-nohooks.yml"
ARTICLE = "freelancer/end-hourly"
PDF_CACHE = Path(".cache") / "checklist-pdfs"
GOALS = {"ratio": 1.20, "seconds_1000": 12.0, "own_bytes": 8 * 1024}

# --------------------------------------------------------------------------- synthetic corpus

WORDS = (
    "contract client freelancer payment hours week review work message final money project "
    "deliver approve release request close end talk agree plan report ticket support proof "
    "file note date time account offer answer"
).split()


def _front_matter(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("\n---", 1)[0]) or {}


class Vocabulary:
    """What synthetic pages borrow from the real project: glossary names, facts, checklists, tags."""

    def __init__(self, project: Path) -> None:
        docs = project / "docs"
        terms = _front_matter(docs / "glossary.md").get("terms") or []
        self.terms = [name for t in terms for name in (t["term"], *t.get("aliases", []))]
        facts = [
            fact
            for file in sorted((docs / "data" / "facts").glob("*.yml"))
            for fact in yaml.safe_load(file.read_text(encoding="utf-8"))["facts"]
            if fact.get("text")
        ]
        self.facts = [f["id"] for f in facts]
        # Not later than the facts a page states (else it needs a review_note), nor than today.
        self.reviewed = min([dt.date.today(), *(f["checked"] for f in facts)]).isoformat()
        pages = [_front_matter(p) for p in sorted(docs.rglob("*.md"))]
        self.checklists = [m["checklist_id"] for m in pages if m.get("checklist_id")]
        self.tags = [tag for m in pages for tag in m.get("tags", [])]  # as often as pages use them


def _sentence(rng: random.Random, vocab: Vocabulary, term: bool) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    if term:  # a glossary name, as articles use them
        words.insert(rng.randint(1, len(words)), rng.choice(vocab.terms))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, vocab: Vocabulary, sentences: int = 4) -> str:
    return " ".join(_sentence(rng, vocab, rng.random() < TERM_SHARE) for _ in range(sentences))


TERM_SHARE = 1.0
"""Share of sentences with a glossary name: with the titles' own, about 50 per 1,000 words."""
EMBED_EVERY = 10
"""One page in this many embeds a checklist (the real site: 6 embeds in 44,000 words)."""


def synth_page(n: int, srcs: list[str], vocab: Vocabulary, rng: random.Random) -> str:
    """Synthetic page ``n`` of ``srcs``, at least as dense in the hook's features as the
    real site's pages (per 1,000 words there: 51 glossary names, 9.4 ``[[fact:...]]``,
    10.4 headings, 14 Markdown links, 0.14 checklist embeds, no other ``[[refs]]``):
    about 650 words, a title and three sections of two headings each, 7 facts, 10
    links, ``related:`` and aliases; a table, an admonition or a checklist embed on
    some pages."""
    src = srcs[n]
    title = f"Synthetic page {n + 1:04d} on ending a contract"
    near = [srcs[(n + k) % len(srcs)] for k in (1, 2, -1)] if len(srcs) > 1 else []
    targets = near or ["freelancer/end-a-contract.md"]
    links = [posixpath.relpath(t, posixpath.dirname(src)) for t in targets]
    links.append(posixpath.relpath("freelancer/end-hourly.md", posixpath.dirname(src)))
    sibling_id = targets[0].removesuffix(".md")
    facts = rng.sample(vocab.facts, 7)
    tags = sorted({rng.choice(vocab.tags) for _ in range(3)})
    body = [
        f"# {title}\n",
        f"**Short answer:** {_paragraph(rng, vocab, 2)} It takes [[fact:{facts[6]}]]."
        f" See [the next page]({links[0]}).\n",
    ]
    for part in range(3):
        body.append(f"## What happens in step {part + 1}?\n")
        why = f"[why]({links[part % 3]})"
        body.append(f"{_paragraph(rng, vocab)} You have [[fact:{facts[part]}]] for it ({why}).\n")
        body.append(f"{_paragraph(rng, vocab, 2)} Upwork allows [[fact:{facts[3 + part]}]] here.\n")
        if part == 1 and n % 4 == 0:
            body.append(f'!!! tip "Before you {rng.choice(WORDS)}"\n    {_paragraph(rng, vocab, 2)}\n')
        elif part == 1 and n % 4 == 2:
            body.append(
                "| When | What |\n| --- | --- |\n"
                + "".join(f"| Day {d} | {_sentence(rng, vocab, False)} |\n" for d in (1, 7, 14))
            )
        body.append(f"### If the {rng.choice(WORDS)} is late in step {part + 1}\n")
        body.append(f"{_paragraph(rng, vocab, 2)} Read [how it ends]({links[3]}).\n")
        body.append(
            f"1. {_sentence(rng, vocab, True)}\n2. Read [a related page]({links[(part + 1) % 3]}).\n"
            f"3. {_sentence(rng, vocab, True)}\n"
        )
    if n % EMBED_EVERY == 0 and vocab.checklists:
        body.insert(3, f"<!-- checklist: {vocab.checklists[n // EMBED_EVERY % len(vocab.checklists)]} -->\n")
    aliases = "".join(f"\n  - {rng.choice(WORDS)} {rng.choice(WORDS)} {n}" for _ in range(3))
    return (
        f"---\ntitle: {title}\n"
        "description: A generated page that measures the build with and without the site's hook.\n"
        f"audience: {rng.choice(['freelancer', 'client', 'both'])}\n"
        f"contract_type: {rng.choice(['hourly', 'fixed-price', 'both'])}\n"
        f"tags: [{', '.join(tags)}]\naliases:{aliases}\nlast_reviewed: {vocab.reviewed}\n"
        f"related:\n  - {sibling_id}\n  - freelancer/end-hourly\n"
        "sources:\n  - https://support.upwork.com/hc/en-us/articles/211068428-End-a-contract\n"
        "---\n\n" + "\n".join(body)
    )


def make_corpus(base: Path, total: int) -> Path:
    """A copy of the project with synthetic pages up to ``total`` Markdown pages, in
    sections of 50 under ``docs/synth/``, five sections under each of several top-level
    nav entries, as the real site nests its sections ("Freelancers" > "Ending a
    contract"). With ``navigation.sections``, a top-level entry is always expanded and
    ``navigation.prune`` leaves out the pages of every nested section but the reader's."""
    project = copy_project(base / f"corpus-{total}")
    docs = project / "docs"
    extra = max(0, total - sum(1 for _ in docs.rglob("*.md")))
    srcs = [f"synth/s{n // 50 + 1:02d}/page-{n + 1:04d}.md" for n in range(extra)]
    vocab, rng = Vocabulary(project), random.Random(total)
    for n, src in enumerate(srcs):
        (docs / src).parent.mkdir(parents=True, exist_ok=True)
        (docs / src).write_text(synth_page(n, srcs, vocab, rng), encoding="utf-8")
    tops: dict[str, dict[str, list[str]]] = {}
    for n, src in enumerate(srcs):
        section = tops.setdefault(f"Synthetic {n // 250 + 1}", {})
        section.setdefault(posixpath.dirname(src).split("/")[-1].upper(), []).append(src)
    nav = load_mkdocs_yml(project)["nav"] + [{t: [{s: p} for s, p in ss.items()]} for t, ss in tops.items()]
    config = project / "mkdocs.yml"
    nav_block = re.compile(r"^nav:\n(?:[ #].*\n|\n)*", re.M)  # up to the next top-level key
    new_nav = yaml.safe_dump({"nav": nav}) + "\n"
    text, found = nav_block.subn(lambda _: new_nav, config.read_text(encoding="utf-8"), count=1)
    assert found == 1, "mkdocs.yml has no nav: block"
    config.write_text(text, encoding="utf-8")
    return project


def write_nohooks_config(project: Path) -> None:
    """The same project without our hook: :data:`NOHOOKS` inherits mkdocs.yml with
    ``hooks: []`` and a nav without the pages the hook generates (the rules page).
    Material's search plugin is off in mkdocs.yml (the hook writes the index), so that
    build writes no search index: the hook's side carries all of the indexing."""
    docs = project / "docs"

    def kept(entries: list[Any]) -> list[Any]:
        out = []
        for entry in entries:
            title, value = next(iter(entry.items())) if isinstance(entry, dict) else (None, entry)
            if isinstance(value, list):
                value = kept(value)
            elif "://" not in value and not (docs / value).exists():
                continue
            out.append(value if title is None else {title: value})
        return out

    nav = kept(load_mkdocs_yml(project)["nav"])
    text = "INHERIT: mkdocs.yml\nhooks: []\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True)
    (project / NOHOOKS).write_text(text, encoding="utf-8")


def page_count(project: Path) -> int:
    return sum(1 for _ in (project / "docs").rglob("*.md"))


# --------------------------------------------------------------------------- builds


def build(project: Path, config: str = "mkdocs.yml") -> float:
    """Wall-clock seconds of one ``mkdocs build`` in a fresh process."""
    cmd = [PY, "-m", "mkdocs", "build", "-q", "--no-strict", "-f", config, "-d", "../site-bench"]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=project, env=ENV, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {project} ({config}):\n{proc.stdout}{proc.stderr}")
    return time.perf_counter() - started


def paired_builds(project: Path, pairs: int) -> tuple[list[float], list[float]]:
    """Seconds with and without the hook, built in pairs after one warm-up of each
    (which also fills the PDF cache and Python's bytecode cache)."""
    build(project)
    build(project, NOHOOKS)
    with_hook, without = [], []
    for _ in range(pairs):
        with_hook.append(build(project))
        without.append(build(project, NOHOOKS))
    return with_hook, without


def instructions(project: Path, config: str = "mkdocs.yml") -> int:
    """Instructions one ``mkdocs build`` executes, counted by valgrind (about 30 times
    slower than the build; the count does not depend on what else the machine runs)."""
    return count_instructions(
        project, ["-m", "mkdocs", "build", "-q", "--no-strict", "-f", config, "-d", "../site-valgrind"]
    )


def count_instructions(project: Path, args: list[str]) -> int:
    """Instructions ``python ARGS`` executes in ``project`` (cachegrind, ``PYTHONHASHSEED=0``)."""
    cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null", PY, *args]
    env = dict(ENV, PYTHONHASHSEED="0")
    proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, check=False)
    found = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if proc.returncode != 0 or found is None:
        raise SystemExit(f"valgrind failed in {project} ({' '.join(args)}):\n{proc.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


# --------------------------------------------------------------------------- the hook's own time


def instrumented_args(
    project: Path, variant: str = "", *, config: str = "mkdocs.yml", **flags: bool
) -> list[str]:
    """This script's arguments for :func:`_instrumented_build` (flags: ``cold_pdfs``, ``config_only``)."""
    out = project.parent / "hook-times.json"
    args = [__file__, "--instrumented", str(project), str(out), "--variant", variant, "--config", config]
    return args + [f"--{flag.replace('_', '-')}" for flag, on in flags.items() if on]


def hook_times(project: Path, variant: str = "", *, cold_pdfs: bool = False) -> dict[str, Any]:
    """Run :func:`_instrumented_build` in a fresh process; its numbers."""
    out = project.parent / "hook-times.json"
    cmd = [PY, *instrumented_args(project, variant, cold_pdfs=cold_pdfs)]
    proc = subprocess.run(cmd, cwd=project, env=ENV, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"instrumented build failed in {project}:\n{proc.stdout}{proc.stderr[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def _instrumented_build(
    project: Path, out: Path, *, variant: str, config: str, cold_pdfs: bool, config_only: bool
) -> None:
    """One in-process build in which every ``on_*`` function of the hook and the ``run``
    of every treeprocessor class it defines are wrapped in a timer, as MkDocs loads it;
    ``variant`` (:data:`VARIANTS`) then changes one part from outside. ``config_only``:
    stop once the config is loaded (the hook imported)."""
    from markdown.treeprocessors import Treeprocessor
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.config.config_options import Hooks

    calls: dict[str, list[float]] = {}

    def timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        durations = calls.setdefault(name, [])

        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                durations.append(time.perf_counter() - started)

        return wrapper

    load_hook = Hooks._load_hook.__wrapped__  # under its lru_cache

    def load_and_wrap(self: Hooks, name: str, path: str) -> Any:
        started = time.perf_counter()
        module = load_hook(self, name, path)  # imports the hook and the feature modules
        calls["import"] = [time.perf_counter() - started]
        for attr, value in list(vars(module).items()):
            if attr.startswith("on_") and callable(value):
                setattr(module, attr, timed(attr, value))
            elif isinstance(value, type) and issubclass(value, Treeprocessor) and value.__module__ == name:
                value.run = timed(f"{attr}.run", value.run)
        if variant:
            VARIANTS[variant][1](module)
        return module

    Hooks._load_hook = load_and_wrap
    pdf_import = None
    if cold_pdfs:  # import WeasyPrint first, to time it and each render apart
        started = time.perf_counter()
        import weasyprint

        pdf_import = time.perf_counter() - started
        weasyprint.HTML.write_pdf = timed("WeasyPrint write_pdf", weasyprint.HTML.write_pdf)
    os.chdir(project)
    started = time.perf_counter()
    loaded = load_config(config, site_dir=str(project.parent / "site-timed"), strict=False)
    if config_only:
        return
    mkdocs_build(loaded)
    result = {
        "wall": time.perf_counter() - started,
        "pages": len(calls.get("on_post_page", [])),
        "calls": calls,
        "pdf_import": pdf_import,
        "weasyprint_loaded": "weasyprint" in sys.modules,
    }
    out.write_text(json.dumps(result), encoding="utf-8")


# --------------------------------------------------------------------------- variants: changed from outside


def _flat_terms(hook: Any) -> None:
    """Lever undone: the glossary's names as one flat alternation, longest first."""
    import glossary

    trie = glossary.build_matcher

    def build_matcher(terms: Any) -> Any:
        matcher = trie(terms)
        if matcher.pattern is None:
            return matcher
        names = sorted(matcher.ids, key=len, reverse=True)
        flat = "|".join("".join(r"\s+" if c == " " else re.escape(c) for c in n) for n in names)
        pattern = re.compile(r"(?<![\w-])(?:" + flat + r")(?![\w-])", re.IGNORECASE)
        return glossary.Matcher(pattern, matcher.ids)

    glossary.build_matcher = build_matcher


def _all_pairs(hook: Any) -> None:
    """Lever undone: "What to do next" scores every other page (same result as RelatedIndex)."""
    import linkgraph

    class AllPairs(linkgraph.RelatedIndex):
        def __init__(self, pages: Any) -> None:
            pages = list(pages)
            super().__init__(pages)
            by_src = {p.src: p for p in pages}
            self.candidates = [by_src[src] for src in self.srcs]

        def best(self, page: Any, *, skip: set[str], count: int) -> list[str]:
            mine, scored = set(page.tags), []
            for n, other in enumerate(self.candidates):
                shared = mine.intersection(other.tags)
                if not shared or other.src in skip:
                    continue
                fit = linkgraph._fit(page.audience, other.audience)
                fit += linkgraph._fit(page.contract_type, other.contract_type)
                score = sum(self.weights[tag] for tag in shared) + round(fit * self.SCALE)
                if score > 0:
                    scored.append((-score, n))
            return [self.candidates[n].src for _, n in heapq.nsmallest(max(count, 0), scored)]

    linkgraph.RelatedIndex = AllPairs


def _anchors_only(ids: Any) -> str:
    """Empty elements with these ids: links to them stay valid (no warnings to log)."""
    return "\n".join(f'<span id="{i}"></span>' for i in ids) + "\n"


def _no_rules_page(hook: Any) -> None:
    import facts

    full = facts.rules_page
    facts.rules_page = lambda registry, **kw: (
        full(registry, **kw).split("\n# ", 1)[0] + "\n# Rules\n\n" + _anchors_only(registry.by_id)
    )


def _no_glossary_body(hook: Any) -> None:
    import glossary

    glossary.render_glossary = lambda terms, **kw: _anchors_only(t.id for t in terms)


def _no_next_steps(hook: Any) -> None:
    import linkgraph

    linkgraph.render_next_steps = lambda *args, **kw: ""


def _no_embeds(hook: Any) -> None:
    import checklists

    checklists.find_embeds = lambda markdown: []


def _no_term_links(hook: Any) -> None:
    hook._TermLinks.run = lambda self, root: None


def _no_references(hook: Any) -> None:
    hook._References.run = lambda self, root: None


def _no_page_content(hook: Any) -> None:
    hook.on_page_content = lambda html, **kw: html


def _no_post_build(hook: Any) -> None:
    hook.on_post_build = lambda **kw: None


LEVERS = ("flat-terms", "all-pairs")
VARIANTS: dict[str, tuple[str, Callable[[Any], None]]] = {
    # Levers undone: a simpler implementation, the same pages.
    "flat-terms": ("glossary terms: a flat alternation instead of the trie", _flat_terms),
    "all-pairs": ("next steps: every pair scored instead of RelatedIndex", _all_pairs),
    # One part switched off (--attribute): what it costs, downstream work included.
    "no-rules-page": ("the rules page (generated from the facts), its anchors kept", _no_rules_page),
    "no-glossary-body": ("the glossary page's entries, their anchors kept", _no_glossary_body),
    "no-next-steps": ('"What to do next" on articles and checklists', _no_next_steps),
    "no-embeds": ("checklists embedded in articles", _no_embeds),
    "no-term-links": ("glossary term links (treeprocessor)", _no_term_links),
    "no-references": ("[[refs]] and [[fact:...]] (treeprocessor)", _no_references),
    "no-page-content": ("on_page_content: safety gate, search aliases", _no_page_content),
    "no-post-build": ("on_post_build: PDF documents, found in the cache", _no_post_build),
}


def own_time(numbers: dict[str, Any]) -> float:
    """Seconds spent in the hook (events, treeprocessors and its import)."""
    calls = numbers["calls"]
    return sum(sum(durations) for name, durations in calls.items() if name != "WeasyPrint write_pdf")


# --------------------------------------------------------------------------- PDFs


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in folder.glob("*.pdf")} if folder.exists() else {}


def pdf_check(project: Path) -> dict[str, Any]:
    """A cold build renders every PDF; an unchanged rebuild must render none (no file
    in the cache is new or rewritten) and not import WeasyPrint."""
    cache = project / PDF_CACHE
    shutil.rmtree(cache, ignore_errors=True)
    cold = hook_times(project, cold_pdfs=True)
    before = _mtimes(cache)
    time.sleep(0.05)  # a rewrite would show even on a coarse clock
    warm = hook_times(project)
    after = _mtimes(cache)
    return {
        "rendered_cold": len(before),
        "renders": cold["calls"].get("WeasyPrint write_pdf", []),
        "weasyprint_import": cold["pdf_import"],
        "post_build_cold": sum(cold["calls"]["on_post_build"]),
        "post_build_rebuild": sum(warm["calls"]["on_post_build"]),
        "rendered_rebuild": sorted(name for name, mtime in after.items() if before.get(name) != mtime),
        "weasyprint_loaded_rebuild": warm["weasyprint_loaded"],
    }


# --------------------------------------------------------------------------- serve


def serve_reload(project: Path, edits: int, config: str = "mkdocs.yml") -> list[float]:
    """Seconds from saving a page to ``mkdocs serve`` (as ``make serve`` runs it) serving it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/{ARTICLE}/"
    cmd = [PY, "-m", "mkdocs", "serve", "--no-strict", "-f", config, "-a", f"127.0.0.1:{port}"]
    env = dict(ENV, SITE_URL=f"http://127.0.0.1:{port}/")
    proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    source = project / "docs" / f"{ARTICLE}.md"
    original = source.read_text(encoding="utf-8")
    times = []
    try:
        _wait_for(url, "", timeout=180)
        for n in range(edits):
            time.sleep(1.0)  # let the watcher settle
            marker = f"benchmark-edit-{n}-{time.time_ns()}"
            source.write_text(f"{original}\n\n{marker}\n", encoding="utf-8")
            started = time.perf_counter()
            _wait_for(url, marker, timeout=60)
            times.append(time.perf_counter() - started)
    finally:
        source.write_text(original, encoding="utf-8")
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return times


def _wait_for(url: str, text: str, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.01)
    raise SystemExit(f"timed out waiting for {url}")


# --------------------------------------------------------------------------- page weight


def own_assets(project: Path) -> dict[str, int]:
    """Our own JS and CSS (``docs/assets/``), each gzipped at level 6 as static hosts do."""
    files = sorted(p for p in (project / "docs" / "assets").glob("*") if p.suffix in (".js", ".css"))
    return {p.name: len(gzip.compress(p.read_bytes(), 6)) for p in files}


def page_weight(project: Path) -> dict[str, dict[str, int]] | None:
    """What Chromium fetches for the article until the network is idle, by kind, gzipped."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    site = project.parent / "site-weight"
    cmd = [PY, "-m", "mkdocs", "build", "-q", "--no-strict", "-d", str(site)]
    subprocess.run(cmd, cwd=project, env=ENV, check=True, capture_output=True)
    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    fetched: dict[str, bytes] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            page.on("response", lambda r: fetched.setdefault(r.url, r.body() if r.ok else b""))
            page.goto(base + ARTICLE + "/")
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        httpd.shutdown()
    kinds: dict[str, dict[str, int]] = {}
    for url, body in fetched.items():
        path = url[len(base) :].split("?")[0]
        kind = next((k for k in ("css", "js", "json") if path.endswith("." + k)), "other")
        kind = "html" if path.endswith("/") or path.endswith(".html") else kind
        entry = kinds.setdefault(kind, {"files": 0, "raw": 0, "gzip": 0})
        entry["files"] += 1
        entry["raw"] += len(body)
        entry["gzip"] += len(gzip.compress(body, 6))
    return kinds


# --------------------------------------------------------------------------- the run


def _middle_half(values: list[float]) -> str:
    ordered = sorted(values)
    return f"{ordered[len(ordered) // 4]:.2f}-{ordered[(3 * len(ordered)) // 4]:.2f}"


def run_builds(corpora: dict[str, Path], quick: bool) -> dict[str, Any]:
    print("\n== Build time with / without the hook (instructions: valgrind; wall: median of pairs)")
    valgrind = shutil.which("valgrind")
    if not valgrind:
        print("  (instructions not counted: valgrind is missing; make bench installs it)")
    builds: dict[str, Any] = {}
    for name, project in corpora.items():
        pages = page_count(project)
        pairs = 1 if quick else 15 if pages < 100 else 11 if pages < 500 else 7
        with_hook, without = paired_builds(project, pairs)
        ratios = [w / wo for w, wo in zip(with_hook, without, strict=True)]
        row = builds[name] = {"pages": pages, "with": with_hook, "without": without}
        line = (
            f"  {name:10} {pages:5d} pages  wall {statistics.median(with_hook):6.2f} s /"
            f" {statistics.median(without):6.2f} s = {statistics.median(ratios):.3f}"
            f" ({pairs} pairs, middle half {_middle_half(ratios)})"
        )
        if valgrind and (name == "real site" or not quick):
            counted = row["instructions"] = [instructions(project), instructions(project, NOHOOKS)]
            line += f"  instructions {counted[0] / 1e9:.2f} G / {counted[1] / 1e9:.2f} G"
            line += f" = {counted[0] / counted[1]:.3f}"
        print(line, flush=True)
    return builds


def run_hook_times(corpora: dict[str, Path]) -> dict[str, Any]:
    print("\n== The hook's own time: each on_* event and treeprocessor, timed from outside")
    times = {name: hook_times(project) for name, project in corpora.items()}
    events = list(dict.fromkeys(e for n in times.values() for e in n["calls"] if e != "WeasyPrint write_pdf"))
    print(f"  {'(ms in all, ms a page)':26}" + "".join(f"{name:>24}" for name in times))
    for event in events:
        cells = [sum(n["calls"].get(event, [])) * 1000 for n in times.values()]
        pages = [n["pages"] for n in times.values()]
        print(f"  {event:26}" + "".join(f"{c:14.1f} {c / p:9.3f}" for c, p in zip(cells, pages, strict=True)))
    hook = [(own_time(n) * 1000, n["pages"]) for n in times.values()]
    print(f"  {'the hook, in all':26}" + "".join(f"{c:14.1f} {c / p:9.3f}" for c, p in hook))
    shares = [f"{own_time(n) / n['wall'] * 100:.1f} % of {n['wall']:.2f} s" for n in times.values()]
    print(f"  {'share of the build':26}" + "".join(f"{s:>24}" for s in shares))
    return times


def run_levers(project: Path) -> dict[str, float]:
    print("\n== Levers at 1,000 pages: the hook's own time, median of 3 builds each")
    levers = {}
    for lever, what in [("", "as built (trie, RelatedIndex)")] + [(k, VARIANTS[k][0]) for k in LEVERS]:
        seconds = statistics.median(own_time(hook_times(project, lever)) for _ in range(3))
        levers[lever or "as built"] = seconds
        print(f"  {what:58} {seconds:6.2f} s", flush=True)
    return levers


def run_pdfs(project: Path) -> dict[str, Any]:
    print("\n== Checklist PDFs (real site): cold build, then an unchanged rebuild")
    pdfs = pdf_check(project)
    print(
        f"  cold: {pdfs['rendered_cold']} PDFs rendered, median {statistics.median(pdfs['renders']):.3f} s"
        f" a PDF, WeasyPrint import {pdfs['weasyprint_import']:.2f} s,"
        f" on_post_build {pdfs['post_build_cold']:.2f} s"
    )
    print(
        f"  unchanged rebuild: {len(pdfs['rendered_rebuild'])} rendered (cache mtimes), WeasyPrint"
        f" imported: {'yes' if pdfs['weasyprint_loaded_rebuild'] else 'no'},"
        f" on_post_build {pdfs['post_build_rebuild'] * 1000:.0f} ms"
    )
    return pdfs


def run_serve(project: Path, quick: bool) -> dict[str, list[float]]:
    print(f"\n== mkdocs serve (as make serve runs it): save {ARTICLE}.md -> served page shows it")
    edits = 1 if quick else 3
    reload = {"with": serve_reload(project, edits), "without": serve_reload(project, edits, NOHOOKS)}
    for label, values in reload.items():
        runs = ", ".join(f"{t:.2f}" for t in values)
        print(f"  {label:7} hook: median {statistics.median(values):.2f} s (runs {runs})")
    return reload


def run_weight(project: Path) -> dict[str, Any]:
    print(f"\n== Page weight: {ARTICLE}/ as Chromium fetched it, each file gzipped (level 6)")
    weight = page_weight(project)
    if weight is None:
        print("  skipped: Playwright is not installed")
    else:
        for kind, e in sorted(weight.items()):
            raw, gz = e["raw"] / 1024, e["gzip"] / 1024
            print(f"  {kind:6} {e['files']:2d} files {raw:7.1f} KB, {gz:6.1f} KB gzipped")
        print(f"  total  {sum(e['gzip'] for e in weight.values()) / 1024:29.1f} KB gzipped")
    own = own_assets(ROOT)
    listed = ", ".join(f"{name} {size} B" for name, size in own.items())
    print(f"  our JS + CSS: {sum(own.values())} B gzipped ({listed})")
    return {"page": weight, "own_assets": own}


def run_attribution(corpora: dict[str, Path]) -> dict[str, Any]:
    """What each part of the hook costs in instructions: the instrumented build with
    that part switched off (a variant), against the same build with everything on."""
    print("\n== Where the instructions go: one part switched off at a time (valgrind)")
    found: dict[str, Any] = {}
    for name, project in corpora.items():
        paired_builds(project, 0)  # warm-up: PDF cache, bytecode
        without = instructions(project, NOHOOKS)
        full = count_instructions(project, instrumented_args(project))
        imports = count_instructions(project, instrumented_args(project, config_only=True))
        imports -= count_instructions(project, instrumented_args(project, config=NOHOOKS, config_only=True))
        saved = {"importing the hook and its modules": imports}
        for variant, (what, _) in VARIANTS.items():
            if variant not in LEVERS:
                saved[what] = full - count_instructions(project, instrumented_args(project, variant))
        found[name] = {"without": without, "with": full, "saved": saved}
        print(f"  {name}: {full / 1e9:.2f} G with the hook, {without / 1e9:.2f} G without")
        saved["the rest (on_files, checklist pages, other events)"] = full - without - sum(saved.values())
        for what, count in saved.items():
            print(f"    {what:58} {count / 1e6:7.0f} M {count / without * 100:5.1f} points", flush=True)
    return found


def print_goals(results: dict[str, Any]) -> None:
    print("\n== Goals (issue 13)")

    def goal(what: str, ok: bool) -> None:
        print(f"  {what}: {'met' if ok else 'NOT MET'}")

    for name in ("real site", "1000 pages"):
        counted = results["builds"].get(name, {}).get("instructions")
        if counted:
            ratio = counted[0] / counted[1]
            goal(f"instruction ratio, {name}, {ratio:.3f} <= {GOALS['ratio']:.2f}", ratio <= GOALS["ratio"])
    for name, row in results["builds"].items():  # the hook also adds pages (rules, question flow)
        built = results["hook_times"][name]["pages"]
        if "instructions" in row:
            per_page = (row["instructions"][0] / built) / (row["instructions"][1] / row["pages"])
            print(f"  (per page built, {name}: {built} pages with the hook, {row['pages']} without:"
                  f" instruction ratio {per_page:.3f})")  # fmt: skip
    if "1000 pages" in results["builds"]:
        seconds = statistics.median(results["builds"]["1000 pages"]["with"])
        limit = GOALS["seconds_1000"]
        goal(f"1,000-page build {seconds:.1f} s < {limit:.0f} s", seconds < limit)
    goal("an unchanged rebuild renders no PDF", not results["pdfs"]["rendered_rebuild"])
    own = sum(results["weight"]["own_assets"].values())
    goal(f"our JS + CSS {own} B <= {GOALS['own_bytes']} B gzipped", own <= GOALS["own_bytes"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: real site and 200 pages, one pair")
    parser.add_argument("--attribute", action="store_true", help="only what each part costs (about 1 h)")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument("--instrumented", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--variant", default="", choices=["", *VARIANTS], help=argparse.SUPPRESS)
    parser.add_argument("--config", default="mkdocs.yml", help=argparse.SUPPRESS)
    parser.add_argument("--cold-pdfs", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--config-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.instrumented:
        project, out = args.instrumented
        flags = {"cold_pdfs": args.cold_pdfs, "config_only": args.config_only}
        _instrumented_build(project, out, variant=args.variant, config=args.config, **flags)
        return 0

    started = time.perf_counter()
    git = ["git", "describe", "--always", "--dirty"]
    results: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "commit": subprocess.run(git, cwd=ROOT, capture_output=True, text=True).stdout.strip(),
        "machine": f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores",
        "load": os.getloadavg()[0],
    }
    print("{date}, commit {commit}, {machine}, load average {load:.1f}".format(**results))
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        corpora = {"real site": copy_project(Path(tmp) / "real" / "project")}
        for size in [200] if args.quick or args.attribute else [200, 1000]:
            corpora[f"{size} pages"] = make_corpus(Path(tmp), size)
        for project in corpora.values():
            write_nohooks_config(project)
        if args.attribute:
            results["attribution"] = run_attribution(corpora)
        else:
            results["builds"] = run_builds(corpora, args.quick)
            results["hook_times"] = run_hook_times(corpora)
            if not args.quick:
                results["levers"] = run_levers(corpora["1000 pages"])
            results["pdfs"] = run_pdfs(corpora["real site"])
            results["serve_reload"] = run_serve(corpora["real site"], args.quick)
            results["weight"] = run_weight(corpora["real site"])
            print_goals(results)
    print(f"\nBenchmark finished in {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
