"""Every built page is valid HTML: the W3C Nu HTML Checker (vnu) reports no error.

vnu is the npm package ``vnu-jar`` (pinned in package.json / package-lock.json),
run with Java 17. ``make test`` installs both on a fresh machine: Debian's
``default-jre-headless`` and ``npm`` through scripts/ensure-system-deps.sh, then
``npm ci --omit=dev --ignore-scripts`` (the Makefile's vnu target).

Only errors fail the test. vnu's warnings that the page's Content-Security-Policy
would block its stylesheets and JSON blocks are false alarms of checking files
from disk (a ``file:`` page has no origin for ``'self'``, and vnu treats
``type="application/json"`` data blocks as scripts); the browser tests check the
policy for real (test_csp_meta.py, test_privacy.py).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, Build

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
#: A page with one error Material's templates used to make on every page, so a run
#: that silently checks nothing (or a checker that stopped finding it) fails too.
CONTROL = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>control</title></head>
<body><input type="checkbox" id="t"><label for="t" tabindex="">toggle</label></body></html>
"""


def run_vnu(*paths: Path) -> list[dict]:  # type: ignore[type-arg]
    if not VNU.exists():
        pytest.fail(
            f"{VNU.relative_to(ROOT)} is missing: run `make test`, or "
            "`npm ci --omit=dev --ignore-scripts` (needs npm)",
            pytrace=False,
        )
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "java is missing: run `make test` (it installs Debian's default-jre-headless)",
            pytrace=False,
        )
    proc = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--stdout", "--skip-non-html"]
        + [str(p) for p in paths],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    try:
        return json.loads(proc.stdout)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"vnu gave no JSON (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


@pytest.mark.slow
def test_every_built_page_is_valid_html(built_site: Build, tmp_path: Path) -> None:
    control = tmp_path / "control.html"
    control.write_text(CONTROL, encoding="utf-8")
    pages = sorted(built_site.site_dir.rglob("*.html"))
    assert len(pages) > 20

    messages = run_vnu(built_site.site_dir, control)
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    on_control = [m for m in errors if m.get("url", "").endswith("/control.html")]
    assert len(on_control) == 1 and "tabindex" in on_control[0]["message"], (
        f"vnu did not report the control page's one error: {on_control}"
    )
    site_errors = [m for m in errors if m not in on_control]
    prefix = built_site.site_dir.as_uri()
    lines = [
        f"{m.get('url', '').removeprefix(prefix)}:{m.get('lastLine', '?')}: {m['message']}\n"
        f"    {m.get('extract', '').strip()[:160]}"
        for m in site_errors
    ]
    summary = Counter(m["message"] for m in site_errors).most_common()
    assert not site_errors, (
        f"vnu found {len(site_errors)} errors in the built site.\nBy message: {summary}\n"
        + "\n".join(lines[:40])
    )
