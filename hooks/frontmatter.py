"""Front matter: the schema every page must follow, checked on every build.

MkDocs quietly turns front matter it cannot parse into empty metadata, and it
never checks fields. This hook checks each page's front matter against the
pydantic models in ``page_schema.py`` and reports *every* problem in the site in
one build, each naming the file, the line of the field, and what is expected.
Under ``--strict`` (always on here) the build then fails.

Pages already found valid are not checked again: ``.cache/front-matter.json``
keeps one SHA-256 per valid page, of its path and text, the day of the check
and the checker itself (the source of ``page_schema.py`` and ``pageyaml.py`` and
pydantic's version). A page whose hash is there is valid by construction; when
every page's is, pydantic is not even imported (it and the schema cost about
50 ms a build). Problems are never remembered: a page with one is checked on
every build until it is fixed. Delete the file (``make clean``) to check every
page again.

It also prepares what the page template shows about the page's review:
``page.meta["review"]`` holds a :class:`Review` (date as text, whether the page
is stale). Staleness is logged at info level only: time passing must not break
a ``--strict`` build.

Page kinds (``kind:``): ``article`` (the default), ``faq``, ``checklist``,
``glossary`` and ``page`` (home, about, index pages).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import pageyaml
from problems import Problem, hook_logger, report

log = hook_logger("frontmatter")

HERE = Path(__file__).resolve().parent
CACHE_FILE = Path(".cache") / "front-matter.json"
"""Where the hashes of valid pages are kept, relative to the folder of ``mkdocs.yml``."""

CACHE_FORMAT = 1


class Review(NamedTuple):
    """What the page template shows about a page's last review."""

    iso: str
    """``2026-11-27``: for ``<time datetime>`` and JSON-LD."""
    text: str
    """``27 November 2026``: for readers."""
    stale: bool
    """True when the review is older than the configured maximum age."""


def review_of(last_reviewed: Any, *, today: dt.date, max_age_days: int) -> Review | None:
    """Describe a page's last review for readers; ``None`` when it has no valid date."""
    if isinstance(last_reviewed, dt.datetime):
        last_reviewed = last_reviewed.date()
    if not isinstance(last_reviewed, dt.date):
        return None
    return Review(
        iso=last_reviewed.isoformat(),
        text=f"{last_reviewed.day} {last_reviewed:%B %Y}",
        stale=(today - last_reviewed).days > max_age_days,
    )


# ------------------------------------------------------------------ remembering valid pages


def checker_fingerprint(today: dt.date) -> str:
    """Everything besides the page that decides whether it is valid: the code of
    the check, pydantic's version (its ``version.py``), and the day
    (``last_reviewed`` must not be in the future)."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{today.isoformat()}\0".encode())
    for name in ("page_schema.py", "pageyaml.py"):
        digest.update((HERE / name).read_bytes())
    # pydantic's version, read from its source without importing it (importlib.metadata
    # parses the package's METADATA file with the email parser: a few ms every build).
    spec = importlib.util.find_spec("pydantic")
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    version_file = origin.with_name("version.py") if origin is not None else None
    digest.update(version_file.read_bytes() if version_file and version_file.exists() else b"-")
    return digest.hexdigest()


def _page_schema() -> ModuleType:
    """``page_schema.py`` (and pydantic), imported on first use, and again when the
    file has changed since (``mkdocs serve`` keeps the process between rebuilds).

    MkDocs puts ``hooks/`` on ``sys.path`` only while it loads a hook, so a
    later ``import page_schema`` would fail; it is loaded from its file instead.
    """
    path = HERE / "page_schema.py"
    source = path.read_bytes()
    module = sys.modules.get("page_schema")
    if module is None or getattr(module, "_loaded_source", None) != source:
        spec = importlib.util.spec_from_file_location("page_schema", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["page_schema"] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules["page_schema"]
            raise
        module._loaded_source = source  # type: ignore[attr-defined]
    return module


def page_key(fingerprint: str, path: str, source: str) -> str:
    """The hash under which a valid page is remembered."""
    return hashlib.sha256(f"{fingerprint}\0{path}\0{source}".encode()).hexdigest()


def load_valid(cache_file: Path) -> frozenset[str]:
    """The remembered hashes; none when the file is missing, unreadable or not ours."""
    try:
        data = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return frozenset()
    valid = data.get("valid")
    if not isinstance(valid, list):
        return frozenset()
    return frozenset(key for key in valid if isinstance(key, str))


def save_valid(cache_file: Path, keys: Iterable[str]) -> None:
    """Write the hashes (atomically: a build running beside this one reads the
    old file or the new one). A cache that cannot be written is only slower."""
    text = json.dumps({"format": CACHE_FORMAT, "valid": sorted(keys)}, indent=0)
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True)
        partial = cache_file.with_suffix(f".{os.getpid()}.part")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, cache_file)
    except OSError as exc:
        log.debug("front matter: cannot write %s (%s)", cache_file, exc)


class SiteCheck(NamedTuple):
    """What :func:`check_pages` found."""

    problems: list[Problem]
    valid: frozenset[str]
    """Hashes of every valid page (remembered ones included), to remember next time."""
    checked: int
    """How many pages were checked, not remembered."""


def check_pages(
    sources: dict[str, str], *, today: dt.date, known_valid: frozenset[str], fingerprint: str
) -> SiteCheck:
    """Check every page whose hash is not in ``known_valid`` (``page_schema.check_site``)."""
    keys = {path: page_key(fingerprint, path, source) for path, source in sources.items()}
    todo = {path: source for path, source in sources.items() if keys[path] not in known_valid}
    if not todo:
        return SiteCheck([], frozenset(keys.values()), 0)
    models, problems = _page_schema().check_site(todo, today=today)
    valid = frozenset(key for path, key in keys.items() if path not in todo or path in models)
    return SiteCheck(problems, valid, len(todo))


# --------------------------------------------------------------------------- MkDocs events
# Thin adapters: read from MkDocs, call the functions above, report.


def on_config(config):  # type: ignore[no-untyped-def]
    pageyaml.clear_cache()  # a new build (also each `mkdocs serve` rebuild) reads pages afresh
    return config


def on_files(files, *, config):  # type: ignore[no-untyped-def]
    sources = {
        f.src_uri: f.content_string for f in files.documentation_pages() if not f.generated_by
    }
    today = dt.date.today()
    cache_file = Path(config.config_file_path or ".").parent / CACHE_FILE
    known = load_valid(cache_file)
    result = check_pages(
        sources, today=today, known_valid=known, fingerprint=checker_fingerprint(today)
    )
    log.debug(
        "front matter: %d pages checked, %d known valid",
        result.checked,
        len(sources) - result.checked,
    )
    if result.valid != known:
        save_valid(cache_file, result.valid)
    report(log, result.problems)
    return files


def on_nav(nav, *, config, files):  # type: ignore[no-untyped-def]
    # Every hook has read the front matter it needs in on_files (through
    # pageyaml.parse_yaml); pages are rendered from here on, with MkDocs' own parse in
    # page.meta. Letting go of the shared parses keeps the objects Python's garbage
    # collector walks few.
    pageyaml.clear_cache()
    return nav


def on_page_markdown(markdown, *, page, config, files):  # type: ignore[no-untyped-def]
    max_age = int(config.extra.get("review_max_age_days", 365))
    review = review_of(page.meta.get("last_reviewed"), today=dt.date.today(), max_age_days=max_age)
    page.meta["review"] = review
    if review is not None and review.stale:
        log.info(
            "%s: last reviewed %s, more than %d days ago: check it against its sources "
            "and update last_reviewed",
            page.file.src_uri,
            review.iso,
            max_age,
        )
    return markdown
