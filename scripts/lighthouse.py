# ruff: noqa: E501  (report lines)
"""Lighthouse scores for the pages readers land on: ``make lighthouse``.

Home, an article, the FAQ, a checklist, the question flow and "Upwork's rules at a
glance".

Builds the site (``mkdocs build --strict``) into a temporary folder with
``site_url`` set to a local server's address, serves it, runs npm
``lighthouse@12`` (``npm ci`` installs it from package-lock.json) with Debian's
Chromium on each page below, and prints the four category scores per page.
Goals: 100 for accessibility, best practices and SEO; at least 95 for
performance. Exit status 1 if a page misses a goal.

Lighthouse's defaults are kept: a mid-range phone on a throttled ("slow 4G")
connection, simulated. The local server gzips text files as static hosts do.
Simulated timing varies from run to run on a busy machine: ``--runs 3`` scores the
median run of each page. ``--only faq flow`` runs some pages. Reports (JSON) are kept
in the temporary folder only unless ``--keep DIR`` is given.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from _common import QuietHandler

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "",
    "article": "freelancer/end-hourly/",
    "faq": "faq/",
    "checklist": "checklists/freelancer-end-hourly/",
    "flow": "what-should-i-do/",
    "rules": "rules/",
}
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --disable-sync"


class _Gzipped(QuietHandler):
    """Serves like a static host does (GitHub Pages, Netlify, nginx): text gzipped."""

    COMPRESS = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", "/")

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path.split("?")[0])
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        gzip_ok = "gzip" in (self.headers.get("Accept-Encoding") or "")
        if not gzip_ok or not os.path.isfile(path) or not path.endswith(self.COMPRESS):
            return super().send_head()
        with open(path, "rb") as source:
            body = gzip.compress(source.read(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def main() -> int:
    parser = argparse.ArgumentParser(description="Lighthouse scores per page")
    parser.add_argument("--keep", type=Path, help="copy the JSON reports to this folder")
    parser.add_argument("--only", nargs="+", choices=PAGES, help="these pages only")
    parser.add_argument(
        "--runs", type=int, default=1, help="runs per page; the median score counts (simulated timing varies)"
    )
    args = parser.parse_args()
    lighthouse = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not lighthouse.exists():
        print("node_modules/.bin/lighthouse is missing: run `npm ci` (make lighthouse does)")
        return 2
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")

    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_Gzipped, directory=str(site))
        )
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=url)
        # Not -q: MkDocs ignores --strict under -q (mkdocs/mkdocs#4126), so a warning would pass.
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
        built = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        if built.returncode != 0 or "WARNING" in built.stdout + built.stderr:
            print("mkdocs build --strict failed:\n" + built.stdout + built.stderr)
            return 1
        threading.Thread(target=httpd.serve_forever, daemon=True).start()

        failed = []
        print(
            f"{'page':10} {'performance':>12} {'accessibility':>14} {'best-practices':>15} {'seo':>5}  url"
        )
        for name, path in PAGES.items():
            if args.only and name not in args.only:
                continue
            runs = []
            for n in range(max(1, args.runs)):
                report = Path(tmp) / f"{name}-{n + 1}.json"
                run = [
                    str(lighthouse),
                    url + path,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    f"--chrome-flags={CHROME_FLAGS}",
                    "--only-categories=performance,accessibility,best-practices,seo",
                ]
                proc = subprocess.run(
                    run, env=dict(os.environ, CHROME_PATH=chrome), capture_output=True, text=True
                )
                if proc.returncode != 0 or not report.exists():
                    print(f"{name:10} lighthouse failed: {proc.stderr.strip()[-500:]}")
                    break
                data = json.loads(report.read_text(encoding="utf-8"))
                runs.append((round((data["categories"]["performance"]["score"] or 0) * 100), report, data))
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    shutil.copy(report, args.keep / report.name)
            if not runs:
                failed.append(name)
                continue
            _, report, data = sorted(runs, key=lambda r: r[0])[len(runs) // 2]  # the median run
            scores = {k: round((data["categories"][k]["score"] or 0) * 100) for k in GOALS}
            every = "" if len(runs) == 1 else f"  (performance per run: {', '.join(str(r[0]) for r in runs)})"
            print(
                f"{name:10} {scores['performance']:>12} {scores['accessibility']:>14}"
                f" {scores['best-practices']:>15} {scores['seo']:>5}  /{path}{every}"
            )
            for category, goal in GOALS.items():
                if scores[category] < goal:
                    failed.append(f"{name} {category} {scores[category]} < {goal}")
                    for audit_ref in data["categories"][category]["auditRefs"]:
                        audit = data["audits"][audit_ref["id"]]
                        if (
                            audit_ref["weight"]
                            and audit["score"] is not None
                            and audit["score"] < 0.9
                        ):
                            print(
                                f"    {category}: {audit['id']}: {audit['title']} ({audit.get('displayValue', '')})"
                            )
        httpd.shutdown()
    if failed:
        print("missed goals: " + "; ".join(failed))
        return 1
    print("all pages meet the goals")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
