"""Which hook costs what, in wall-clock time: build one corpus with all hooks,
with none, and with all but one (for each hook), median of ``--runs`` builds each,
fresh process per build. Complements ``scripts/bench.py`` (whose in-build timer
sees only the hooks' ``on_*`` events, not the Markdown treeprocessors they
register nor the extra content they create).

    .venv/bin/python scripts/bench_attribution.py --pages 1000
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="attrib-") as tmp:
        project = bench.make_corpus(Path(tmp), args.pages)
        hooks = bench.hook_paths(project)
        variants = {"no hooks": [], "all hooks": hooks}
        for hook in hooks:
            variants[f"all but {Path(hook).stem}"] = [h for h in hooks if h != hook]
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        times: dict[str, list[float]] = {name: [] for name in variants}
        for _ in range(args.runs):
            for n, (name, chosen) in enumerate(variants.items()):
                config = project / f".mkdocs-attr-{n}.yml"
                config.write_text(
                    "INHERIT: mkdocs.yml\nhooks:"
                    + ("".join(f"\n  - {h}" for h in chosen) if chosen else " []")
                    + "\n"
                )
                start = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "mkdocs", "build", "-q", "-f", config.name,
                     "-d", str(Path(tmp) / f"site-{n}")],
                    cwd=project, env=env, capture_output=True, check=False,
                )
                times[name].append(time.perf_counter() - start)
        full = statistics.median(times["all hooks"])
        base = statistics.median(times["no hooks"])
        print(f"{args.pages} pages, median of {args.runs} builds each")
        print(f"  no hooks {base:6.2f} s   all hooks {full:6.2f} s   ratio {full / base:.3f}")
        for name in variants:
            if name.startswith("all but"):
                cost = full - statistics.median(times[name])
                share = f"{cost / base:+.1%} of the no-hook build"
                print(f"  {name[8:]:18s} adds {cost:5.2f} s ({share})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
