"""Search quality: type real questions into the site's search box; judge what the reader reads.

The questions live in ``tests/search/tune.yml`` and ``tests/search/holdout.yml``
(see the header of ``tune.yml`` for the format). Each is typed into Material's
own search box (``input.md-search__input``) in Debian's Chromium; the result
items the reader can see are read in display order and judged:

* a result that opens a section (``href`` with ``#anchor``) is right if that
  anchor is listed for its page, or lies inside a listed section (after the
  listed heading and before the next heading of the same or a higher level,
  taken from the built HTML);
* a result that opens a page without an anchor is right only if the bare page
  is listed;
* the page-level item of ``faq.md``, ``glossary.md`` and ``templates.md`` is a
  group header, not an answer: it is not counted as a position at all.

Two rates per set (tune, holdout) and kind (long question, short query): the
first counted result is right, and a right one is within the first three.

Usage::

    .venv/bin/python scripts/search_eval.py                 # build, serve, measure, print
    .venv/bin/python scripts/search_eval.py --site /tmp/s   # an already built site
    .venv/bin/python scripts/search_eval.py --json out.json --verify-typing 5
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml
from selectolax.lexbor import LexborHTMLParser

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "tests" / "search"
SET_NAMES = ("tune", "holdout")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
#: Pages whose page-level search item is a group header, not an answer.
GROUP_HEADER_PAGES = frozenset({"faq.md", "glossary.md", "templates.md"})
SHORT_MAX_WORDS = 4
TOP = 3


class DataError(Exception):
    """The evaluation data is wrong (bad schema, or an answer that does not exist)."""


# ----------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Case:
    """One question and the locations that answer it (``page.md`` or ``page.md#anchor``)."""

    q: str
    answers: tuple[str, ...]
    set_name: str
    pending: bool = False

    @property
    def kind(self) -> str:
        """``short`` (1-4 words, a search-box query) or ``long`` (a question in a post)."""
        return "short" if len(self.q.split()) <= SHORT_MAX_WORDS else "long"


def load_cases(path: Path, set_name: str) -> list[Case]:
    """Read one YAML file of cases; raise DataError on any schema problem."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{path}: {exc}") from exc
    if not isinstance(raw, list) or not raw:
        raise DataError(f"{path}: expected a non-empty list of cases")
    cases = []
    for i, item in enumerate(raw):
        where = f"{path.name}[{i}]"
        if not isinstance(item, dict) or set(item) - {"q", "answers", "pending"}:
            raise DataError(f"{where}: a case has only q, answers and pending: {item!r}")
        q, answers, pending = item.get("q"), item.get("answers"), item.get("pending", False)
        if not isinstance(q, str) or not q.strip():
            raise DataError(f"{where}: q must be non-empty text")
        if not isinstance(answers, list) or not answers:
            raise DataError(f"{where} {q!r}: answers must be a non-empty list")
        for a in answers:
            if not isinstance(a, str) or not a.split("#")[0].endswith(".md") or a.count("#") > 1:
                raise DataError(f"{where} {q!r}: bad answer {a!r} (want page.md or page.md#anchor)")
        if len(set(answers)) != len(answers):
            raise DataError(f"{where} {q!r}: an answer is listed twice")
        if not isinstance(pending, bool):
            raise DataError(f"{where} {q!r}: pending must be true or false")
        cases.append(Case(q.strip(), tuple(answers), set_name, pending))
    return cases


def load_all(data_dir: Path = DATA_DIR) -> list[Case]:
    """Both sets; a question may appear only once across them."""
    cases = [c for name in SET_NAMES for c in load_cases(data_dir / f"{name}.yml", name)]
    seen: dict[str, str] = {}
    for c in cases:
        key = " ".join(c.q.lower().split())
        if key in seen:
            raise DataError(f"question in both {seen[key]} and {c.set_name}: {c.q!r}")
        seen[key] = c.set_name
    return cases


# ----------------------------------------------------------------------------- the built site


def page_url(md_path: str) -> str:
    """``freelancer/end-hourly.md`` -> ``freelancer/end-hourly/``; ``index.md`` -> ``""``."""
    stem = md_path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@dataclass
class Site:
    """The built site's pages and, per page, its headings (id, level) in document order."""

    site_dir: Path
    docs_dir: Path | None = None
    _headings: dict[str, list[tuple[str, int]] | None] = field(default_factory=dict)
    _md_by_url: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.docs_dir and self.docs_dir.is_dir():
            for md in self.docs_dir.rglob("*.md"):
                rel = md.relative_to(self.docs_dir).as_posix()
                self._md_by_url[page_url(rel)] = rel

    def headings(self, url: str) -> list[tuple[str, int]] | None:
        """Headings of the page at ``url`` (None if the page was not built)."""
        if url not in self._headings:
            html_file = self.site_dir / url / "index.html"
            if not html_file.is_file():
                self._headings[url] = None
            else:
                tree = LexborHTMLParser(html_file.read_text(encoding="utf-8"))
                article = tree.css_first("article") or tree.body
                found = []
                if article is not None:
                    for h in article.css("h1, h2, h3, h4, h5, h6"):
                        if h.attributes.get("id"):
                            found.append((str(h.attributes["id"]), int(h.tag[1])))
                self._headings[url] = found
        return self._headings[url]

    def section(self, url: str, anchor: str) -> set[str]:
        """The anchor and every heading inside its section (until the next heading of
        the same or a higher level)."""
        heads = self.headings(url) or []
        ids = [h for h, _ in heads]
        start = ids.index(anchor)
        level = heads[start][1]
        inside = {anchor}
        for hid, hlevel in heads[start + 1 :]:
            if hlevel <= level:
                break
            inside.add(hid)
        return inside

    def md_path(self, url: str) -> str:
        """A readable name for a result page: its source path (guessed without docs_dir)."""
        return self._md_by_url.get(url) or (url.rstrip("/") or "index") + ".md"


@dataclass(frozen=True)
class Accepted:
    """What counts as right for one case: whole pages and section anchors, per page URL."""

    pages: frozenset[str]
    anchors: frozenset[tuple[str, str]]
    missing_pages: tuple[str, ...]


def accepted_locations(case: Case, site: Site) -> Accepted:
    """Expand a case's answers against the built site; raise DataError for a location
    that does not exist (a missing page is allowed only in a ``pending`` case)."""
    pages: set[str] = set()
    anchors: set[tuple[str, str]] = set()
    missing: list[str] = []
    for answer in case.answers:
        md, _, anchor = answer.partition("#")
        url = page_url(md)
        heads = site.headings(url)
        if heads is None:
            if not case.pending:
                raise DataError(f"{case.set_name}: {case.q!r}: page {md} is not in the built site")
            if anchor:
                raise DataError(
                    f"{case.set_name}: {case.q!r}: a planned page has no anchors yet: {answer}"
                )
            missing.append(md)
            continue
        if not anchor:
            pages.add(url)
            continue
        if anchor not in {h for h, _ in heads}:
            raise DataError(f"{case.set_name}: {case.q!r}: no heading #{anchor} in {md}")
        anchors.update((url, a) for a in site.section(url, anchor))
    if case.pending and not missing and not pages and not anchors:
        raise DataError(f"{case.set_name}: {case.q!r}: nothing to judge")
    return Accepted(frozenset(pages), frozenset(anchors), tuple(missing))


# ----------------------------------------------------------------------------- judging


@dataclass(frozen=True)
class Result:
    """One result the reader sees: a page URL (relative to the site root) and an anchor."""

    url: str
    anchor: str

    def label(self, site: Site) -> str:
        name = site.md_path(self.url)
        return f"{name}#{self.anchor}" if self.anchor else name


def parse_href(href: str, base_path: str) -> Result:
    """``http://host/base/client/end-hourly/?h=x#a`` -> Result("client/end-hourly/", "a")."""
    parts = urlparse(href)
    path = parts.path
    if path.startswith(base_path):
        path = path[len(base_path) :]
    path = path.lstrip("/")
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    return Result(path, parts.fragment)


def counted(results: Iterable[Result]) -> list[Result]:
    """Drop the group headers (page-level items of the FAQ, glossary and templates)."""
    headers = {page_url(p) for p in GROUP_HEADER_PAGES}
    return [r for r in results if r.anchor or r.url not in headers]


def is_right(result: Result, accepted: Accepted) -> bool:
    """A section is right if listed or inside a listed section; a page only if listed bare."""
    if result.anchor:
        return (result.url, result.anchor) in accepted.anchors
    return result.url in accepted.pages


@dataclass(frozen=True)
class Verdict:
    """How one case fared."""

    case: Case
    no_results: bool
    first_right: bool
    within_top: bool
    shown: tuple[str, ...]  # the first counted results, as page.md#anchor
    result_count: str  # Material's own count line ("37 matching documents")


def judge(
    case: Case, accepted: Accepted, results: Sequence[Result], site: Site, meta: str = ""
) -> Verdict:
    """Judge the results the reader sees for one case."""
    positions = counted(results)
    rights = [is_right(r, accepted) for r in positions[:TOP]]
    return Verdict(
        case=case,
        no_results=not results,
        first_right=bool(rights) and rights[0],
        within_top=any(rights),
        shown=tuple(r.label(site) for r in positions[:TOP]),
        result_count=meta,
    )


# ----------------------------------------------------------------------------- the browser

#: Counts changes to the result area, so a query's results can be awaited.
_OBSERVE = """() => {
  if (window.__searchEval) return;
  const state = window.__searchEval = { count: 0, last: 0 };
  new MutationObserver(() => { state.count += 1; state.last = performance.now(); })
    .observe(document.querySelector('.md-search-result'),
             { childList: true, subtree: true, characterData: true });
}"""
#: Resolves, once the result area has changed and then stayed still for ``quietMs``, with
#: the result links the reader can see, in display order (links folded in a closed
#: "more" <details> are not visible), and Material's result count line.
_SETTLE_AND_READ = """([before, quietMs, timeoutMs]) => new Promise((resolve, reject) => {
  const s = window.__searchEval, t0 = performance.now();
  const read = () => {
    const hrefs = [];
    for (const item of document.querySelectorAll('.md-search-result__item'))
      for (const a of item.querySelectorAll('a.md-search-result__link'))
        if (a.checkVisibility()) hrefs.push(a.href);
    const meta = document.querySelector('.md-search-result__meta').textContent.trim();
    return { meta, hrefs, count: s.count };
  };
  const tick = () => {
    const now = performance.now();
    if (s.count > before && now - s.last >= quietMs) resolve(read());
    else if (now - t0 > timeoutMs) reject(new Error('search results did not settle'));
    else setTimeout(tick, 2);
  };
  tick();
})"""


class SearchBox:
    """Material's search box on a loaded page, ready for queries."""

    def __init__(self, page: Any, base_url: str) -> None:
        """Load the home page and wait until Material's search worker is ready."""
        self.page = page
        # The count line as served ("Initializing search"); it changes once the worker is
        # ready and has answered the empty query. Read from the HTML, not the live page,
        # which may be ready already.
        served = LexborHTMLParser(page.request.get(base_url).text())
        initial = served.css_first(".md-search-result__meta").text().strip()
        page.goto(base_url)
        self.box = page.locator("input.md-search__input")
        self.box.click()
        page.wait_for_function(
            "t => document.querySelector('.md-search-result__meta').textContent.trim() !== t",
            arg=initial,
            timeout=15_000,
        )
        page.evaluate(_OBSERVE)
        # A late change of the empty box's state must not pass for the first query's results.
        page.wait_for_function("() => performance.now() - window.__searchEval.last > 300", timeout=15_000)
        self.changes = int(page.evaluate("() => window.__searchEval.count"))

    def _settle(self, quiet_ms: int, timeout_ms: int) -> tuple[str, list[str]]:
        got = self.page.evaluate(_SETTLE_AND_READ, [self.changes, quiet_ms, timeout_ms])
        self.changes = int(got["count"])
        return str(got["meta"]), list(got["hrefs"])

    def search(self, query: str, quiet_ms: int = 0) -> tuple[str, list[str]]:
        """Fill the box and send the keyup Material listens to; return (count line, hrefs).

        Material re-reads the box on ``keyup``; its worker answers once, and the first
        results are rendered in that one task, so the first change is the final one."""
        self.box.fill(query)
        self.page.keyboard.press("End")  # a real key event (keydown, keyup) in the focused box
        return self._settle(quiet_ms, 15_000)

    def type(self, query: str, delay_ms: int = 10, quiet_ms: int = 700) -> tuple[str, list[str]]:
        """Type ``query`` key by key, as a person does, and read the results once they settle."""
        self.search("")
        self.box.press_sequentially(query, delay=delay_ms, timeout=120_000)
        return self._settle(quiet_ms, 60_000)


# ----------------------------------------------------------------------------- evaluation


@dataclass
class Report:
    """All verdicts, the pending cases and a summary."""

    verdicts: list[Verdict]
    pending: list[tuple[Case, tuple[str, ...]]]
    stale_pending: list[Case]
    seconds: float = 0.0

    def rates(self) -> dict[str, dict[str, dict[str, float | int]]]:
        """Per set and kind: n, first-answer rate, within-three rate, no-result count."""
        out: dict[str, dict[str, dict[str, float | int]]] = {}
        for set_name in SET_NAMES:
            out[set_name] = {}
            for kind in ("long", "short"):
                vs = [
                    v for v in self.verdicts if v.case.set_name == set_name and v.case.kind == kind
                ]
                n = len(vs)
                out[set_name][kind] = {
                    "n": n,
                    "first": round(sum(v.first_right for v in vs) / n, 4) if n else 0.0,
                    "within3": round(sum(v.within_top for v in vs) / n, 4) if n else 0.0,
                    "no_results": sum(v.no_results for v in vs),
                }
        return out

    def failures(self) -> list[Verdict]:
        return [v for v in self.verdicts if not v.first_right]

    def to_json(self) -> dict[str, Any]:
        def row(v: Verdict) -> dict[str, Any]:
            return {
                "set": v.case.set_name,
                "kind": v.case.kind,
                "q": v.case.q,
                "expected": list(v.case.answers),
                "first": v.shown[0] if v.shown else "(no results)",
                "top3": list(v.shown),
                "first_right": v.first_right,
                "within3": v.within_top,
                "no_results": v.no_results,
                "result_count": v.result_count,
            }

        return {
            "rates": self.rates(),
            "seconds": round(self.seconds, 1),
            "failures": [row(v) for v in self.failures()],
            "pending": [
                {"set": c.set_name, "kind": c.kind, "q": c.q, "missing": list(m)}
                for c, m in self.pending
            ],
            "stale_pending": [c.q for c in self.stale_pending],
            "cases": [row(v) for v in self.verdicts],
        }

    def table(self) -> str:
        """A readable summary: rates, then every case whose first answer is wrong."""
        lines = [f"{'set':8} {'kind':6} {'n':>4} {'first':>7} {'top 3':>7} {'none':>5}"]
        for set_name, kinds in self.rates().items():
            for kind, r in kinds.items():
                lines.append(
                    f"{set_name:8} {kind:6} {r['n']:>4} {r['first']:>7.1%} "
                    f"{r['within3']:>7.1%} {r['no_results']:>5}"
                )
        lines.append(f"pending, page not built yet: {len(self.pending)} (not judged)")
        for c, missing in self.pending:
            lines.append(
                f"  pending  {c.set_name:7} {c.kind:5} {c.q[:70]!r} -> {', '.join(missing)}"
            )
        for c in self.stale_pending:
            lines.append(
                f"  STALE pending flag (all pages exist now, judged normally): {c.q[:70]!r}"
            )
        lines.append(f"first answer wrong: {len(self.failures())}")
        for v in self.failures():
            mark = "top3" if v.within_top else ("none" if v.no_results else "miss")
            lines.append(f"  [{v.case.set_name}/{v.case.kind}/{mark}] {v.case.q[:90]}")
            lines.append(
                f"      expected: {', '.join(v.case.answers[:3])}"
                f"{' …' if len(v.case.answers) > 3 else ''}"
            )
            lines.append(f"      first:    {v.shown[0] if v.shown else '(no results)'}")
        lines.append(f"{len(self.verdicts)} queries judged in {self.seconds:.1f} s")
        return "\n".join(lines)


def prepare(cases: Sequence[Case], site: Site) -> tuple[list[tuple[Case, Accepted]], Report]:
    """Validate every case against the site (DataError listing all bad ones); set pending apart."""
    judged: list[tuple[Case, Accepted]] = []
    report = Report([], [], [])
    errors = []
    for case in cases:
        try:
            acc = accepted_locations(case, site)
        except DataError as exc:
            errors.append(str(exc))
            continue
        if acc.missing_pages:
            report.pending.append((case, acc.missing_pages))
            continue
        if case.pending:
            report.stale_pending.append(case)
        judged.append((case, acc))
    if errors:
        raise DataError(f"{len(errors)} data error(s):\n" + "\n".join(errors))
    return judged, report


def evaluate(page: Any, base_url: str, site: Site, cases: Sequence[Case]) -> Report:
    """Run every (non-pending) case through the real search box and judge it."""
    judged, report = prepare(cases, site)
    base_path = urlparse(base_url).path
    start = time.perf_counter()
    box = SearchBox(page, base_url)
    for case, acc in judged:
        meta, hrefs = box.search(case.q)
        results = [parse_href(h, base_path) for h in hrefs]
        report.verdicts.append(judge(case, acc, results, site, meta))
    report.seconds = time.perf_counter() - start
    return report


def verify_typing(page: Any, base_url: str, queries: Sequence[str]) -> list[str]:
    """Compare fill-and-keyup with key-by-key typing; return the queries that differ."""
    box = SearchBox(page, base_url)
    differ = []
    for q in queries:
        fast = box.search(q)
        slow = box.type(q)
        if fast != slow:
            differ.append(f"{q!r}: fill {fast[1][:4]} vs typed {slow[1][:4]}")
    return differ


# ----------------------------------------------------------------------------- serving and building


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


@contextmanager
def served(site_dir: Path | None) -> Iterator[tuple[str, Path]]:
    """Serve ``site_dir`` (or a fresh ``mkdocs build --strict`` of this project) on a free port."""
    with tempfile.TemporaryDirectory(prefix="search-eval-") as tmp:
        root = site_dir or Path(tmp) / "site"
        httpd = _Server(("127.0.0.1", 0), _QuietHandler)
        host, port = httpd.server_address[:2]
        url = f"http://{host}:{port}/"
        if site_dir is None:
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=url)
            cmd = [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "--clean",
                "--site-dir",
                str(root),
            ]
            proc = subprocess.run(
                cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False
            )
            if proc.returncode:
                httpd.server_close()
                raise SystemExit(f"mkdocs build failed:\n{proc.stdout}{proc.stderr}")
        httpd.RequestHandlerClass = functools.partial(_QuietHandler, directory=str(root))  # type: ignore[assignment]
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            yield url, root
        finally:
            httpd.shutdown()
            httpd.server_close()


@contextmanager
def browser_page() -> Iterator[Any]:
    """A Playwright page in Debian's Chromium (desktop viewport: the header search box shows)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport={"width": 1280, "height": 800})
        finally:
            browser.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument(
        "--data", type=Path, default=DATA_DIR, help="folder with tune.yml and holdout.yml"
    )
    parser.add_argument("--set", choices=SET_NAMES, help="only this set")
    parser.add_argument("--json", type=Path, help="write the full report here")
    parser.add_argument(
        "--verify-typing",
        type=int,
        default=0,
        metavar="N",
        help="also check that fill+keyup equals typing key by key on N queries",
    )
    args = parser.parse_args(argv)

    cases = load_all(args.data)
    if args.set:
        cases = [c for c in cases if c.set_name == args.set]
    with served(args.site) as (url, root), browser_page() as page:
        site = Site(root, ROOT / "docs")
        report = evaluate(page, url, site, cases)
        differ = (
            verify_typing(page, url, _sample_for_typing(cases, args.verify_typing))
            if args.verify_typing
            else []
        )
    print(report.table())
    if args.verify_typing:
        print(
            f"typing check on {args.verify_typing} queries: "
            f"{'same results' if not differ else 'DIFFERENT'}"
        )
        for d in differ:
            print("  " + d)
    if args.json:
        data = report.to_json()
        data["typing_check"] = {"n": args.verify_typing, "differ": differ}
        args.json.write_text(
            json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 1 if differ else 0


def _sample_for_typing(cases: Sequence[Case], n: int) -> list[str]:
    """A fixed, mixed sample: alternate short and long questions from the tune set."""
    shorts = [c.q for c in cases if c.kind == "short" and c.set_name == "tune" and not c.pending]
    longs = [c.q for c in cases if c.kind == "long" and c.set_name == "tune" and not c.pending]
    mixed = [q for pair in zip(shorts, longs, strict=False) for q in pair]
    return mixed[:n]


if __name__ == "__main__":
    sys.exit(main())
