"""Benchmark: what the checklist PDFs cost per checklist, cold and on a cached rebuild.

Copies the project into a temporary folder (without ``.cache``, so the first build
is cold), runs ``mkdocs build -v`` there twice and reads the checklists hook's log:

* cold build: seconds WeasyPrint spent on each PDF, plus its one-time import;
* cached rebuild (nothing changed): seconds per PDF for hashing and copying the cached
  file, how many PDFs were rendered (must be 0) and whether WeasyPrint was imported
  (must be "no").

Usage: ``.venv/bin/python scripts/bench_pdfs.py`` (exit status 1 if the cached rebuild
rendered anything or imported WeasyPrint). The builds run without ``--strict`` so
that a warning elsewhere in the site does not hide the numbers.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(
    ".venv", ".git", "site", ".cache", "node_modules", "__pycache__", ".pytest_cache"
)

RENDERED = re.compile(r"checklists: rendered checklists/([a-z0-9-]+)\.pdf in ([0-9.]+) s")
REUSED = re.compile(r"checklists: reused checklists/([a-z0-9-]+)\.pdf from cache in ([0-9.]+) s")
IMPORTED = re.compile(r"checklists: WeasyPrint imported in ([0-9.]+) s")
SUMMARY = re.compile(
    r"checklists: (\d+) PDFs rendered, (\d+) reused from cache in ([0-9.]+) s; WeasyPrint "
    r"loaded: (yes|no)"
)


def build(project: Path, site: Path) -> tuple[str, float]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-v", "--no-strict", "--site-dir", str(site)]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, check=False)
    return proc.stdout + proc.stderr, time.perf_counter() - started


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-pdfs-") as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(ROOT, project, ignore=IGNORE)
        cold_log, cold_wall = build(project, Path(tmp) / "site-cold")
        warm_log, warm_wall = build(project, Path(tmp) / "site-cached")

    cold = {m[1]: float(m[2]) for m in RENDERED.finditer(cold_log)}
    warm = {m[1]: float(m[2]) for m in REUSED.finditer(warm_log)}
    cold_sum = SUMMARY.search(cold_log)
    warm_sum = SUMMARY.search(warm_log)
    if not cold_sum or not warm_sum:
        print(
            "the checklists hook did not report; build output:\n" + cold_log[-3000:],
            file=sys.stderr,
        )
        return 2
    imported = IMPORTED.search(cold_log)

    try:
        from importlib.metadata import version

        weasy = version("weasyprint")
    except Exception:
        weasy = "?"
    print(f"Checklist PDFs: cold build vs cached rebuild (WeasyPrint {weasy}, one run)")
    print(f"{'checklist':<28} {'cold render':>12} {'cached rebuild':>15}")
    for checklist_id in sorted(set(cold) | set(warm)):
        c = f"{cold[checklist_id]:.3f} s" if checklist_id in cold else "-"
        w = f"{warm[checklist_id] * 1000:.1f} ms" if checklist_id in warm else "RENDERED"
        print(f"{checklist_id:<28} {c:>12} {w:>15}")
    if cold:
        values = sorted(cold.values())
        print(f"{'median per PDF':<28} {values[len(values) // 2]:>10.3f} s")
    print(
        f"WeasyPrint import (cold build only): {float(imported[1]):.3f} s"
        if imported
        else "WeasyPrint import: none"
    )
    print(
        f"PDF step total: cold {float(cold_sum[3]):.2f} s ({cold_sum[1]} rendered), "
        f"cached {float(warm_sum[3]):.2f} s ({warm_sum[1]} rendered, {warm_sum[2]} reused, "
        f"WeasyPrint loaded: {warm_sum[4]})"
    )
    print(f"whole mkdocs build: cold {cold_wall:.2f} s, cached {warm_wall:.2f} s")
    ok = warm_sum[1] == "0" and warm_sum[4] == "no"
    print(
        "OK: the cached rebuild rendered no PDF and did not import WeasyPrint"
        if ok
        else "FAIL: cache missed"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
