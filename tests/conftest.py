"""Shared fixtures: the real site, built once per test run, and a browser.

* ``built_site``: ``mkdocs build --strict`` of the real project, in a
  subprocess exactly as ``make build`` runs it, into a temporary folder. Its
  ``site_url`` is the address of the local server below, so Material's instant
  navigation works in browser tests.
* ``site_server``: that folder served on 127.0.0.1 on a free port.
* ``build_site(...)``: build any other project folder (fixtures) and return the result.
* Browser: pytest-playwright's fixtures, launched with Debian's Chromium.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from _common import QuietHandler  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
#: Pages whose markup differs (home cards, article, FAQ, checklist, glossary, 404):
#: the browser tests that cannot visit every page in every state visit these.
REPRESENTATIVE_PAGES = [
    "",
    "freelancer/end-hourly/",
    "faq/",
    "checklists/freelancer-end-hourly/",
    "glossary/",
    "404.html",
    "templates/",
    "what-should-i-do/",
]
# A page whose front matter is valid (line 2 is the title, line 12 the H1), for tests
# that break one field at a time.
VALID_ARTICLE = """---
title: Ending an hourly contract
description: What happens to your Work Diary, billing and review period when hourly work ends.
audience: freelancer
contract_type: hourly
tags: [hourly, ending-a-contract]
last_reviewed: 2026-11-01
sources:
  - https://support.upwork.com/hc/en-us/articles/211068428-End-a-contract
---

# Body
"""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@dataclass(frozen=True)
class Build:
    """The outcome of one ``mkdocs build``."""

    returncode: int
    output: str
    site_dir: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_mkdocs_build(
    project: Path, site_dir: Path, *, site_url: str | None = None, strict: bool = True
) -> Build:
    """Run the real ``mkdocs build`` CLI on ``project`` into ``site_dir``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    if site_url:
        env["SITE_URL"] = site_url
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site_dir)]
    if strict:
        cmd.append("--strict")
    proc = subprocess.run(
        cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site_dir)


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@dataclass
class SiteServer:
    """A static server on 127.0.0.1 (port chosen by the OS)."""

    httpd: _Server
    root: Path

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/"

    def serve(self) -> None:
        handler = functools.partial(QuietHandler, directory=str(self.root))
        self.httpd.RequestHandlerClass = handler  # type: ignore[assignment]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def open_server(root: Path) -> SiteServer:
    """Bind a server on a free port now; call ``serve()`` once ``root`` is filled."""
    httpd = _Server(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler, bind_and_activate=True)
    return SiteServer(httpd, root)


@pytest.fixture(scope="session")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    root = tmp_path_factory.mktemp("site")
    server = open_server(root)
    yield server
    server.close()


@pytest.fixture(scope="session")
def built_site(site_server: SiteServer) -> Build:
    """The real site, built once per test run with ``--strict``, then served."""
    build = run_mkdocs_build(ROOT, site_server.root, site_url=site_server.url)
    if not build.ok:
        pytest.fail(f"mkdocs build --strict failed:\n{build.output}", pytrace=False)
    site_server.serve()
    return build


#: What a copy of the project leaves out: build outputs, caches and the tests themselves.
_NOT_COPIED = shutil.ignore_patterns(".venv", "site", ".git", ".cache", "node_modules", "__pycache__", "tests")


def copy_project(dest: Path, source: Path = ROOT) -> Path:
    """A scratch copy of this project (or of ``source``) at ``dest``, to change and build."""
    shutil.copytree(source, dest, ignore=_NOT_COPIED)
    return dest


@pytest.fixture
def build_site(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Copy a project folder (default: this repository) into tmp_path, let the
    test change it, and build it: ``build_site(edit=lambda root: ...)``."""

    def _build(source: Path = ROOT, edit=None, strict: bool = True) -> Build:  # type: ignore[no-untyped-def]
        project = tmp_path / "project"
        if not project.exists():
            copy_project(project, source)
        if edit is not None:
            edit(project)
        return run_mkdocs_build(project, tmp_path / "out", strict=strict)

    return _build


# ---------------------------------------------------------------- browser (pytest-playwright)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:  # type: ignore[type-arg]
    """Launch Debian's Chromium; Playwright's own browser download is unavailable."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


# ---------------------------------------------------------------- pages of the built site


@pytest.fixture(scope="session")
def site_pages(built_site: Build) -> list[str]:
    """Every HTML page of the built real site, as a URL path relative to the
    site root (``""`` for home, ``"freelancer/end-hourly/"``, ``"404.html"``)."""
    pages = []
    for path in sorted(built_site.site_dir.rglob("*.html")):
        rel = path.relative_to(built_site.site_dir).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages
