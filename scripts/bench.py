# ruff: noqa: E501  (report lines)
"""Benchmarks, measured in one run: ``make bench`` (or ``.venv/bin/python scripts/bench.py``).

Prints, in this order:

1. **Build time with and without our hooks** (ratio) for the real site and for a
   synthetic corpus of 200 and 1,000 pages. The hooks are read from
   ``mkdocs.yml``'s ``hooks:`` list; "without" builds the same project from a
   temporary config (``.mkdocs-bench-nohooks.yml``, ``INHERIT``-ing the real
   one) whose ``hooks:`` list is empty. Builds run in fresh processes, in
   pairs (with, then without): 15 pairs for the real site, 11 for 200 pages,
   7 for 1,000 (short builds get more), after one warm-up build
   that also fills the checklist PDF cache, the front-matter hook's record of
   valid pages and Python's bytecode cache; the median of the pairs' ratios is
   reported (see below), of wall-clock time and of CPU time. One more row,
   "real, cold check", deletes the record of valid pages before each build
   with hooks: every page is checked with pydantic, as on a fresh clone.
   **Instructions executed** (valgrind's cachegrind, ``PYTHONHASHSEED=0``): the
   same ratio counted in instructions, for the real site, 200 and 1,000 pages,
   which is the same on every run; and, for the real site, the instructions saved by
   leaving out each hook in turn. About 25 times slower than a build, so
   skipped by ``--quick`` (and without valgrind).
2. **Each hook's own time per page**: one more build per corpus runs in-process
   with every ``on_*`` function of every hook module, the ``run`` of every
   Markdown treeprocessor a hook module defines, and the import of each hook
   module wrapped in a ``perf_counter`` timer (see :func:`timed_build`),
   summed per hook and divided by the number of pages. Wall-clock ratios
   cannot see differences under about 5 %; this can. What it cannot see is
   the work hooks cause elsewhere (MkDocs and the search plugin handling the
   links and text they add, the garbage collector).
3. **Checklist PDFs cold vs cached**: runs ``scripts/bench_pdfs.py``.
4. **``mkdocs serve --dirty`` save-to-reload**: edits one page of the real
   site and times until the served page shows the change (median of 3).
5. **Bytes a reader downloads** for an article page, gzipped, by type, read
   from what Chromium actually fetched; and our own JS + CSS (``docs/assets/``).

The synthetic pages are copies of the real project plus generated pages in
sections under ``docs/synth/`` (sectioned navigation with Material's
``navigation.prune``, as configured), each with glossary terms, short
references (``[[escrow]]``, ``[[freelancer/end-hourly]]``) and, on every
fifth page, a checklist embed. Everything is written under a temporary
folder; the repository is not touched.

The machine is shared and its speed drifts. Builds run in pairs (with hooks,
then without, back to back); the headline ratio is the median of the pairs'
ratios. The ratio of the medians and that of the fastest runs are printed
beside it.

Options: ``--quick`` (1 timed build per variant, 200 pages only) for a smoke
run; ``--json FILE`` also writes the numbers as JSON.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import random
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "site", ".cache", "node_modules", "__pycache__", ".pytest_cache"
)
NOHOOKS = ".mkdocs-bench-nohooks.yml"
ARTICLE = "freelancer/end-hourly"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # builds as a contributor runs them: bytecode cached


# --------------------------------------------------------------------------- config


class _AnyTagLoader:
    """A YAML loader that reads MkDocs' ``!ENV`` (and any other tag) as plain data."""

    @staticmethod
    def load(text: str) -> dict:  # type: ignore[type-arg]
        import yaml

        class Loader(yaml.SafeLoader):
            pass

        def any_tag(loader, suffix, node):  # type: ignore[no-untyped-def]
            if isinstance(node, yaml.SequenceNode):
                return loader.construct_sequence(node)
            if isinstance(node, yaml.MappingNode):
                return loader.construct_mapping(node)
            return loader.construct_scalar(node)

        Loader.add_multi_constructor("!", any_tag)
        return yaml.load(text, Loader=Loader)


def hook_paths(project: Path) -> list[str]:
    config = _AnyTagLoader.load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    return list(config.get("hooks") or [])


def write_config(project: Path, name: str, hooks: list[str]) -> str:
    """A config next to mkdocs.yml (so relative paths resolve the same) that inherits it
    with only ``hooks``; returns its file name."""
    lines = ["INHERIT: mkdocs.yml", "hooks:" + ("" if hooks else " []")]
    lines += [f"  - {h}" for h in hooks]
    (project / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return name


def write_nohooks_config(project: Path) -> str:
    """The config without any of our hooks (:data:`NOHOOKS`)."""
    return write_config(project, NOHOOKS, [])


# --------------------------------------------------------------------------- builds


@dataclass(frozen=True)
class Timing:
    """One build: wall-clock seconds, and the CPU seconds its process used."""

    wall: float
    cpu: float


def build(project: Path, site: Path, config: str = "mkdocs.yml") -> Timing:
    """One ``mkdocs build`` in a fresh process."""
    cmd = [PY, "-m", "mkdocs", "build", "-q", "--no-strict", "-f", config, "-d", str(site)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=project, env=ENV, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {project} ({config}):\n{proc.stdout}{proc.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(elapsed, cpu)


FRONT_MATTER_CACHE = Path(".cache") / "front-matter.json"


def compare(project: Path, runs: int, *, cold_front_matter: bool = False) -> dict[str, float]:
    """Build times with and without hooks, in pairs, after a warm-up.

    ``cold_front_matter``: delete the front-matter hook's record of valid pages
    before each build with hooks, so every page is checked with pydantic (a
    first build, or CI on a fresh clone).
    """
    write_nohooks_config(project)
    site = project.parent / "site-bench"
    build(project, site)  # warm-up: imports, .pyc, checklist PDF cache, front-matter cache
    with_hooks: list[Timing] = []
    without: list[Timing] = []
    for _ in range(runs):
        if cold_front_matter:
            (project / FRONT_MATTER_CACHE).unlink(missing_ok=True)
        with_hooks.append(build(project, site))
        without.append(build(project, site, NOHOOKS))
    w = statistics.median(t.wall for t in with_hooks)
    wo = statistics.median(t.wall for t in without)
    # The machine is shared and its speed drifts over seconds. Each "with" build runs right
    # before its "without" build, so the ratio within a pair sees nearly the same machine:
    # the median of the pairs' ratios is the headline figure. The ratio of the medians and
    # that of the fastest runs (other work only ever adds time) are printed beside it, and
    # the same paired ratio of CPU time (the processes' user + system time), which other
    # work on the machine disturbs less than wall-clock time.
    pairs = list(zip(with_hooks, without, strict=True))
    paired = statistics.median(a.wall / b.wall for a, b in pairs)
    paired_cpu = statistics.median(a.cpu / b.cpu for a, b in pairs)
    fastest = min(t.wall for t in with_hooks) / min(t.wall for t in without)
    return {
        "with": w,
        "without": wo,
        "ratio_paired": paired,
        "ratio_paired_cpu": paired_cpu,
        "ratio": w / wo,
        "ratio_of_fastest": fastest,
        "runs": runs,
        "all_with": [t.wall for t in with_hooks],
        "all_without": [t.wall for t in without],
        "all_with_cpu": [t.cpu for t in with_hooks],
        "all_without_cpu": [t.cpu for t in without],
    }


def timed_build(project: Path, site: Path) -> dict:  # type: ignore[type-arg]
    """Run :func:`_timed_build_main` in a fresh process; return its numbers."""
    out = project.parent / "hook-times.json"
    cmd = [PY, str(Path(__file__).resolve()), "--timed-build", str(project), str(site), str(out)]
    proc = subprocess.run(cmd, cwd=project, env=ENV, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"timed build failed:\n{proc.stdout}{proc.stderr}")
    return json.loads(out.read_text(encoding="utf-8"))


def _timed_build_main(project: str, site: str, out: str) -> None:
    """The instrumentation shim: wrap every hook module's ``on_*`` functions in a
    ``perf_counter`` timer as MkDocs loads them, build, write the sums."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.config.config_options import Hooks

    totals: dict[str, dict[str, float]] = {}
    original = Hooks._load_hook.__wrapped__  # type: ignore[attr-defined]

    def wrap(hook: str, event: str, func):  # type: ignore[no-untyped-def]
        per_event = totals.setdefault(hook, {})
        per_event.setdefault(event, 0.0)

        @functools.wraps(func)
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                per_event[event] += time.perf_counter() - started

        return timed

    from markdown.extensions import Extension
    from markdown.treeprocessors import Treeprocessor

    wrapped: set[type] = set()

    def load_hook(self, name, path):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        module = original(self, name, path)  # imports the module and what it imports
        totals.setdefault(name, {})["import"] = time.perf_counter() - started
        for attr in dir(module):
            value = getattr(module, attr)
            if attr.startswith("on_") and callable(value):
                setattr(module, attr, wrap(name, attr, value))
                continue
            # The Markdown treeprocessors a hook registers run inside page rendering: those
            # it defines, and those of the extensions it installs (defined in a helper module).
            if not isinstance(value, type):
                continue
            processor = getattr(value, "processor", None) if issubclass(value, Extension) else value
            if (
                isinstance(processor, type)
                and issubclass(processor, Treeprocessor)
                and (processor is not value or value.__module__ == module.__name__)
                and processor not in wrapped
            ):
                wrapped.add(processor)
                processor.run = wrap(name, f"{processor.__name__}.run", processor.run)
        return module

    Hooks._load_hook = functools.lru_cache(maxsize=None)(load_hook)  # type: ignore[method-assign]
    os.chdir(project)
    config = load_config("mkdocs.yml", site_dir=site, strict=False)
    started = time.perf_counter()
    mkdocs_build(config)
    wall = time.perf_counter() - started
    pages = sum(1 for _ in Path(project, "docs").rglob("*.md"))
    Path(out).write_text(
        json.dumps({"pages": pages, "wall": wall, "hooks": totals}), encoding="utf-8"
    )


# --------------------------------------------------------------------------- synthetic corpus

WORDS = (
    "contract client freelancer payment hours week review work message final money "
    "project deliver approve release request refund feedback close end talk agree plan "
    "report ticket support proof file note date time"
).split()
TERMS = ["escrow", "milestone", "dispute", "mediation", "Work Diary", "refund", "feedback"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
    if rng.random() < 0.5:
        words.insert(rng.randint(0, len(words)), rng.choice(TERMS))
    return " ".join(words).capitalize() + "."


def synth_page(index: int, section: int, per_section: int, rng: random.Random) -> str:
    title = f"Synthetic page {index:04d} about ending a contract"
    sibling = f"page-{(index % per_section) + 1 + section * per_section:04d}.md"
    paragraphs = []
    for h in range(3):
        paragraphs.append(f"## Part {h + 1} of page {index}\n")
        for _ in range(3):
            paragraphs.append(" ".join(_sentence(rng) for _ in range(4)) + "\n")
        paragraphs.append(
            "1. First step with the [[escrow]] money.\n2. Second step.\n3. Third step.\n"
        )
    embed = "\n<!-- checklist: freelancer-end-hourly -->\n" if index % 5 == 0 else ""
    return f"""---
title: {title}
description: A generated page used to measure build time with and without the site's hooks.
audience: both
contract_type: both
tags: [benchmark]
last_reviewed: 2026-11-27
sources:
  - https://support.upwork.com/hc/en-us/articles/211068428-End-a-contract
---

# {title}

**Short answer:** {_sentence(rng)} See [[freelancer/end-hourly]] and the [[glossary|glossary]].
A [sibling page]({sibling}) and a [[milestone]] too.
{embed}
{"".join(paragraphs)}"""


def make_corpus(base: Path, total_pages: int) -> Path:
    """The real project plus generated pages up to ``total_pages`` in 10-page-ish sections."""
    project = base / f"corpus-{total_pages}"
    shutil.copytree(ROOT, project, ignore=IGNORE)
    real = sum(1 for _ in (project / "docs").rglob("*.md"))
    extra = max(0, total_pages - real)
    sections = max(1, extra // 50)
    per_section = -(-extra // sections) if extra else 1
    rng = random.Random(total_pages)
    made = 0
    for s in range(sections):
        folder = project / "docs" / "synth" / f"s{s + 1:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(per_section):
            if made == extra:
                break
            index = s * per_section + i + 1
            (folder / f"page-{index:04d}.md").write_text(
                synth_page(index, s, per_section, rng), encoding="utf-8"
            )
            made += 1
    # Sibling links point inside the same section; drop links to pages not made.
    for page in (project / "docs" / "synth").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        target = re.search(r"\]\((page-\d{4}\.md)\)", text)
        if target and not (page.parent / target.group(1)).exists():
            page.write_text(
                text.replace(f"]({target.group(1)})", "](../../index.md)"), encoding="utf-8"
            )
    return project


# --------------------------------------------------------------------------- instructions


def instructions(project: Path, config: str = "mkdocs.yml") -> int:
    """Instructions executed by one ``mkdocs build``, counted by valgrind (cachegrind
    without cache simulation; the caller checks that valgrind is installed).

    Unlike time, the count is the same on every run (``PYTHONHASHSEED=0`` fixes the
    order of sets and dicts): other work on the machine cannot move it. It is about
    25 times slower than a build.
    """
    site = project.parent / "site-valgrind"
    cmd = [
        "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
        PY, "-m", "mkdocs", "build", "-q", "--no-strict", "-f", config, "-d", str(site),
    ]  # fmt: skip
    env = dict(ENV, PYTHONHASHSEED="0")
    proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, check=False)
    found = re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr)
    if proc.returncode != 0 or found is None:
        raise SystemExit(f"valgrind build failed in {project} ({config}):\n{proc.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def write_config_without(project: Path, hook: str) -> str:
    """A config like mkdocs.yml without one hook; returns its file name."""
    kept = [h for h in hook_paths(project) if h != hook]
    return write_config(project, f".mkdocs-bench-without-{Path(hook).stem}.yml", kept)


def print_instructions(corpora: dict[str, Path], results: dict) -> None:  # type: ignore[type-arg]
    print("\n== Instructions executed, with vs without hooks (valgrind; the same on every run)")
    if shutil.which("valgrind") is None:
        print("  skipped: valgrind is not installed (apt-get install valgrind)")
        return
    counted: dict = {}  # type: ignore[type-arg]
    for name in ("real site", "synthetic 200", "synthetic 1000"):
        project = corpora.get(name)
        if project is None:
            continue
        with_hooks, without = instructions(project), instructions(project, NOHOOKS)
        counted[name] = {"with": with_hooks, "without": without}
        print(
            f"  {name:16} with {with_hooks / 1e9:6.3f} G  without {without / 1e9:6.3f} G"
            f"  ratio {with_hooks / without:.3f} (+{(with_hooks / without - 1) * 100:.1f} %)"
        )
    real = corpora["real site"]
    total = counted["real site"]["with"] - counted["real site"]["without"]
    print(f"  real site, leaving out one hook at a time (of +{total / 1e6:.0f} M instructions):")
    for hook in hook_paths(real):
        less = instructions(real, write_config_without(real, hook))
        saved = counted["real site"]["with"] - less
        counted.setdefault("real site, one hook left out", {})[hook] = less
        print(f"    {hook:28} {saved / 1e6:7.0f} M  ({saved / counted['real site']['without'] * 100:4.1f} % of the build without hooks)")
    results["instructions"] = counted


# --------------------------------------------------------------------------- serve


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_reload(project: Path, edits: int = 3, config: str = "mkdocs.yml") -> list[float]:
    """Seconds from saving one page to ``mkdocs serve --dirty`` serving the change."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{ARTICLE}/"
    cmd = [
        PY,
        "-m",
        "mkdocs",
        "serve",
        "--dirty",
        "--no-strict",
        "-f",
        config,
        "-a",
        f"127.0.0.1:{port}",
    ]
    # site_url decides the path MkDocs serves under: serve at the root of this port.
    env = dict(ENV, SITE_URL=f"http://127.0.0.1:{port}/")
    proc = subprocess.Popen(
        cmd, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    times = []
    try:
        _wait_for(url, lambda body: True, timeout=120)
        source = project / "docs" / f"{ARTICLE}.md"
        original = source.read_text(encoding="utf-8")
        for n in range(edits):
            time.sleep(1.0)  # let the watcher settle
            marker = f"benchmark-edit-{n}-{time.time_ns()}"
            source.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
            started = time.perf_counter()
            _wait_for(url, lambda body, m=marker: m in body, timeout=60, interval=0.01)
            times.append(time.perf_counter() - started)
        source.write_text(original, encoding="utf-8")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return times


def _wait_for(url: str, ok, *, timeout: float, interval: float = 0.2) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if ok(response.read().decode("utf-8", "replace")):
                    return
        except OSError:
            pass
        time.sleep(interval)
    raise SystemExit(f"timed out waiting for {url}")


# --------------------------------------------------------------------------- page weight


def page_weight(site: Path) -> dict:  # type: ignore[type-arg]
    """What Chromium downloads for the article page, gzipped (level 6) per file."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    own = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs" / "assets").rglob("*.*")}
    fetched: dict[str, bytes] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.on("response", lambda r: fetched.setdefault(r.url, r.body() if r.ok else b""))
        page.goto(base + ARTICLE + "/")
        page.wait_for_load_state("networkidle")
        browser.close()
    httpd.shutdown()
    kinds: dict[str, dict[str, int]] = {}
    own_total = {"raw": 0, "gzip": 0, "files": []}  # type: ignore[dict-item]
    for url, body in fetched.items():
        path = url[len(base) :].split("?")[0]
        kind = _kind(path)
        entry = kinds.setdefault(kind, {"raw": 0, "gzip": 0, "files": 0})
        size = len(gzip.compress(body, 6))
        entry["raw"] += len(body)
        entry["gzip"] += size
        entry["files"] += 1
        if path in own and kind in ("css", "js"):
            own_total["raw"] += len(body)
            own_total["gzip"] += size
            own_total["files"].append(f"{path} {size} B")  # type: ignore[attr-defined]
    return {"by_kind": kinds, "own_js_css": own_total}


def _kind(path: str) -> str:
    if path.endswith((".html", "/")) or path == "":
        return "html"
    for ext, kind in ((".css", "css"), (".js", "js"), (".json", "search index (json)")):
        if path.endswith(ext):
            return kind
    return "other"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


# --------------------------------------------------------------------------- report


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def print_hooks(title: str, numbers: dict) -> None:  # type: ignore[type-arg]
    pages = numbers["pages"]
    print(f"\n{title}: {pages} pages, in-process build {numbers['wall']:.2f} s")
    print(f"  {'hook':28} {'total':>10} {'per page':>10}  busiest events")
    all_hooks = 0.0
    for hook, events in numbers["hooks"].items():
        total = sum(events.values())
        all_hooks += total
        busiest = ", ".join(
            f"{e} {v * 1000:.0f} ms"
            for e, v in sorted(events.items(), key=lambda kv: -kv[1])[:2]
            if v > 0.0005
        )
        print(f"  {hook:28} {_ms(total):>10} {_ms(total / pages):>10}  {busiest}")
    share = all_hooks / numbers["wall"] * 100
    print(
        f"  {'all hooks':28} {_ms(all_hooks):>10} {_ms(all_hooks / pages):>10}  ({share:.1f} % of the build)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run per variant, 200 pages only")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    parser.add_argument(
        "--timed-build", nargs=3, metavar=("PROJECT", "SITE", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.timed_build:
        _timed_build_main(*args.timed_build)
        return 0

    results: dict = {"hooks": hook_paths(ROOT)}  # type: ignore[type-arg]
    print(f"Hooks (from mkdocs.yml): {', '.join(results['hooks'])}")
    sizes = [200] if args.quick else [200, 1000]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        base = Path(tmp)
        real = base / "real" / "project"
        shutil.copytree(ROOT, real, ignore=IGNORE)

        print("\n== Build time, with vs without hooks (median of paired ratios; fresh process per build)")
        corpora = {"real site": real}
        for n in sizes:
            corpora[f"synthetic {n}"] = make_corpus(base, n)
        rows = [(name, project, False) for name, project in corpora.items()]
        rows.insert(1, ("real, cold check", real, True))
        for name, project, cold in rows:
            count = sum(1 for _ in (project / "docs").rglob("*.md"))
            # Short builds get more pairs: the same few minutes buy a steadier median.
            pairs = 1 if args.quick else (15 if count < 100 else 11 if count < 500 else 7)
            r = compare(project, runs=pairs, cold_front_matter=cold)
            r["pages"] = count
            results[name] = r
            print(
                f"  {name:16} {count:5d} pages  with {r['with']:6.2f} s  without {r['without']:6.2f} s"
                f"  ratio {r['ratio_paired']:.3f} (+{(r['ratio_paired'] - 1) * 100:.1f} %)"
                f"  [CPU time {r['ratio_paired_cpu']:.3f}; of medians {r['ratio']:.3f},"
                f" of fastest {r['ratio_of_fastest']:.3f}]"
            )
            ratios = sorted(a / b for a, b in zip(r["all_with"], r["all_without"], strict=True))
            print(
                f"  {'':16} {r['runs']} pairs; their ratios run from {ratios[0]:.3f} to"
                f" {ratios[-1]:.3f} (middle half {ratios[len(ratios) // 4]:.3f} to"
                f" {ratios[(3 * len(ratios)) // 4]:.3f})"
            )
        print(
            "  (real, cold check: the front-matter hook's record of valid pages is deleted before"
            " each build with hooks, so pydantic checks every page, as on a fresh clone)"
        )
        if not args.quick:
            print_instructions(corpora, results)

        print("\n== Each hook's own time (perf_counter around every on_* call, one build)")
        for name, project in corpora.items():
            numbers = timed_build(project, project.parent / "site-timed")
            results[name]["hook_times"] = numbers
            print_hooks(name, numbers)

        print("\n== Checklist PDFs, cold vs cached (scripts/bench_pdfs.py)")
        pdfs = ROOT / "scripts" / "bench_pdfs.py"
        if pdfs.exists():
            proc = subprocess.run(
                [PY, str(pdfs)], cwd=ROOT, env=ENV, capture_output=True, text=True
            )
            print("  " + (proc.stdout + proc.stderr).strip().replace("\n", "\n  "))
            results["pdfs"] = {"output": proc.stdout, "status": proc.returncode}
        else:
            print("  scripts/bench_pdfs.py is missing")

        print("\n== mkdocs serve --dirty: save one page -> served page shows the change")
        reload_times = serve_reload(real)
        reload_bare = serve_reload(real, config=NOHOOKS)
        results["serve_reload"] = {"with": reload_times, "without": reload_bare}
        for label, values in (("with hooks", reload_times), ("without hooks", reload_bare)):
            print(
                f"  {ARTICLE}.md, {label:13}: median {statistics.median(values):.2f} s"
                f" (runs: {', '.join(f'{t:.2f}' for t in values)}; goal <= 0.6 s)"
            )

        print(f"\n== Bytes downloaded for {ARTICLE}/ (gzip -6 per file, as Chromium fetched them)")
        site = real.parent / "site-weight"
        build(real, site)
        weight = page_weight(site)
        results["weight"] = weight
        total = 0
        for kind, entry in sorted(weight["by_kind"].items()):
            total += entry["gzip"]
            print(
                f"  {kind:22} {entry['files']:2d} files {entry['raw'] / 1024:8.1f} KB raw {entry['gzip'] / 1024:7.1f} KB gz"
            )
        print(f"  {'total':22}          {'':>8}          {total / 1024:7.1f} KB gz")
        own = weight["own_js_css"]
        print(
            f"  our own JS + CSS: {own['gzip']} B gz ({own['gzip'] / 1024:.2f} KB; budget <= 8 KB): {'; '.join(own['files'])}"
        )
    print(f"\nBenchmark finished in {time.perf_counter() - started:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
