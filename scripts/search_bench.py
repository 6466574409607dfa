"""Search speed and size: keypress to results on screen in Chromium, and the index's size.

For the real site and for a generated 1,000-page corpus (``bench.make_corpus``):

* **keypress to results**: for each of 40 questions from ``tests/search/tune.yml`` (20
  long, 20 short), all but the last character is typed, and the time from the last
  key's ``keydown`` to the change of the result list is read in the page
  (``performance.now()``, a MutationObserver); three rounds; median, 95th percentile, max;
* **ready**: page load to the search being ready (the index fetched; the worker indexes
  it when the search box first gets focus);
* **first query**: focus, type a question at once, last keypress to results (the worst
  case: the worker may still be indexing);
* **index size**: ``search/search_index.json`` as written and gzipped (what a server
  sends), and the search scripts gzipped.

Run by ``make bench`` (after scripts/bench.py); ``--quick`` skips the 1,000-page corpus.

    .venv/bin/python scripts/search_bench.py [--quick] [--site DIR] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import search_eval as se  # noqa: E402

ROUNDS = 3
SAMPLE = 20  # questions of each kind

_ARM = """(value) => { window.__searchBench = new Promise(resolve => {
  const list = document.querySelector('.md-search-result__list');
  const meta = document.querySelector('.md-search-result__meta');
  const box = document.querySelector('input.md-search__input');
  let t0 = 0;
  const onKey = () => { t0 = performance.now(); };
  box.addEventListener('keydown', onKey, { once: true, capture: true });
  const seen = new MutationObserver(() => {
    if (t0 && box.value === value) {
      seen.disconnect();
      resolve(performance.now() - t0);
    }
  });
  seen.observe(list, { childList: true, subtree: true });
  seen.observe(meta, { childList: true, characterData: true, subtree: true });
  setTimeout(() => { seen.disconnect(); resolve(-1); }, 5000);
}); }"""


#: Resolves once the result area changes while the box holds ``value`` (5 s at most).
_SHOWN = """(value) => { window.__searchShown = new Promise(resolve => {
  const box = document.querySelector('input.md-search__input');
  const seen = new MutationObserver(() => {
    if (box.value === value) { seen.disconnect(); resolve(true); }
  });
  const area = document.querySelector('.md-search-result');
  seen.observe(area, { childList: true, subtree: true, characterData: true });
  setTimeout(() => { seen.disconnect(); resolve(false); }, 5000);
}); }"""


def sample_queries() -> list[str]:
    cases = se.load_cases(se.DATA_DIR / "tune.yml", "tune")
    longs = [c.q for c in cases if c.kind == "long"][:SAMPLE]
    shorts = [c.q for c in cases if c.kind == "short"][:SAMPLE]
    return [q for pair in zip(longs, shorts, strict=False) for q in pair]


def measure(site_dir: Path, queries: list[str], rounds: int = ROUNDS) -> dict[str, Any]:
    """Keypress-to-results times (ms) and time to ready, in Chromium."""
    with se.served(site_dir) as (url, _root), se.browser_page() as page:
        page.goto(url)
        ready = page.evaluate(
            """() => new Promise(resolve => {
              const meta = document.querySelector('.md-search-result__meta');
              const done = () => !/Initializing/.test(meta.textContent);
              if (done()) return resolve(performance.now());
              new MutationObserver(() => { if (done()) resolve(performance.now()); })
                .observe(meta, { childList: true, characterData: true, subtree: true });
            })"""
        )
        box = page.locator("input.md-search__input")
        # The worker indexes when the box gets focus: the first query, typed at once,
        # may wait for that (the worst case a reader meets).
        page.evaluate(_ARM, queries[0])
        box.fill(queries[0][:-1])
        page.keyboard.press(queries[0][-1] if queries[0][-1] != " " else "Space")
        first = float(page.evaluate("window.__searchBench"))
        times: list[float] = []
        for _ in range(rounds):
            for q in queries:
                # The answers for all but the last key are on screen before that key is
                # timed: search.js skips answers for a query that is no longer in the box,
                # and then does not list again the query it already shows.
                page.evaluate(_SHOWN, q[:-1])
                box.fill(q[:-1])
                page.keyboard.press("End")  # Material reads the box on keyup
                page.evaluate("window.__searchShown")
                page.evaluate(_ARM, q)
                page.keyboard.press(q[-1] if q[-1] != " " else "Space")
                took = float(page.evaluate("window.__searchBench"))
                if took < 0:
                    raise SystemExit(f"no results on screen within 5 s for {q!r}")
                times.append(took)
    times.sort()
    return {
        "ready_ms": round(float(ready), 1),
        "first_ms": round(first, 1),
        "queries": len(times),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "max_ms": round(times[-1], 1),
    }


def sizes(site_dir: Path) -> dict[str, Any]:
    index = (site_dir / "search" / "search_index.json").read_bytes()
    scripts = b"".join(
        (site_dir / "assets" / "search" / name).read_bytes()
        for name in ("boot.js", "search.js", "worker.js", "engine.js", "vendor/minisearch.js")
    )
    docs = len(json.loads(index)["docs"])
    return {
        "documents": docs,
        "index_bytes": len(index),
        "index_gzip_bytes": len(gzip.compress(index, 6)),
        "scripts_gzip_bytes": len(gzip.compress(scripts, 6)),
    }


def build(project: Path, site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, check=False)
    if proc.returncode:
        raise SystemExit(f"mkdocs build failed in {project}:\n{proc.stderr[-3000:]}")


def report(name: str, numbers: dict[str, Any]) -> str:
    return (
        f"{name:14} {numbers['documents']:>6} docs  index {numbers['index_bytes'] / 1024:>7.0f} KiB"
        f" ({numbers['index_gzip_bytes'] / 1024:.0f} KiB gzipped), scripts"
        f" {numbers['scripts_gzip_bytes'] / 1024:.0f} KiB gzipped; ready {numbers['ready_ms']:.0f} ms;"
        f" first query {numbers['first_ms']:.0f} ms;"
        f" keypress to results: median {numbers['median_ms']:.0f} ms, p95 {numbers['p95_ms']:.0f} ms,"
        f" max {numbers['max_ms']:.0f} ms ({numbers['queries']} keypresses)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the real site only, one round")
    parser.add_argument("--site", type=Path, help="an already built real site")
    parser.add_argument("--corpus-site", type=Path, help="an already built corpus site")
    parser.add_argument("--pages", type=int, default=1000, help="size of the generated corpus")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args(argv)
    queries = sample_queries()
    rounds = 1 if args.quick else ROUNDS
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        real = args.site
        if real is None:
            real = Path(tmp) / "real-site"
            build(ROOT, real)
        results["real site"] = sizes(real) | measure(real, queries, rounds)
        print(report("real site", results["real site"]), flush=True)
        if not args.quick:
            site = args.corpus_site
            if site is None:
                from bench import make_corpus

                project = make_corpus(Path(tmp), args.pages)
                site = Path(tmp) / "corpus-site"
                build(project, site)
            name = f"{args.pages} pages"
            results[name] = sizes(site) | measure(site, queries, rounds)
            print(report(name, results[name]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
