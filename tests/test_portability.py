"""The project builds unchanged, byte for byte, with ProperDocs (the maintained MkDocs fork)."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Build

pytestmark = pytest.mark.slow


def test_properdocs_builds_the_same_site(built_site: Build, tmp_path: Path) -> None:
    site = tmp_path / "properdocs-site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=os.environ.get("SITE_URL", ""))
    env["SITE_URL"] = _site_url(built_site)
    proc = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "WARNING" not in proc.stderr, proc.stderr
    differ: list[str] = []

    def compare(d: filecmp.dircmp) -> None:  # type: ignore[type-arg]
        differ.extend(d.left_only + d.right_only + d.diff_files)
        for sub in d.subdirs.values():
            compare(sub)

    compare(filecmp.dircmp(built_site.site_dir, site))
    assert differ == []


def _site_url(build: Build) -> str:
    """The ``site_url`` the shared build used (its canonical links start with it)."""
    html = (build.site_dir / "index.html").read_text(encoding="utf-8")
    start = html.index('<link rel="canonical" href="') + len('<link rel="canonical" href="')
    return html[start : html.index('"', start)]
