"""Search candidates side by side, on the same questions (issue 15; design/search.md).

Builds the site once, then makes one copy per candidate and judges each with the real
search box (scripts/search_eval.py):

* ``material``: Material's built-in search as configured before tuning (title 1000, tags
  300, aliases at the end of the page's opening text);
* ``material-tuned`` (a): Material's engine tuned: punctuation in the separator,
  trimmer + stop words + stemmer, title boost 15, no tag field, aliases in a field of
  their own (weight 3) instead of the text;
* ``material-query`` (a + b): the same with our query step in front of Material's worker
  (stop words dropped before Material adds its ``*``; people's words -> site words);
* ``material-index`` (a + b + c): the same on our index (focused answers; FAQ, glossary
  and templates page items and link lists left out);
* ``ours`` (d): the site as built: our engine (MiniSearch) and our result list.

Usage::

    .venv/bin/python scripts/search_candidates.py [--set tune] [--only ours,material-tuned]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "scripts"))

import search  # noqa: E402  (the hook's module: patched below to keep Material's index)
import search_eval as se  # noqa: E402
from pages import read_page  # noqa: E402

RICH_SEPARATOR = r'[\s\-,:!=\[\]()"/]+|(?!\b)(?=[A-Z][a-z])|\.(?!\d)|&[lg]t;'
CANDIDATES = ("material", "material-tuned", "material-query", "material-index", "ours")

#: Our query step in front of Material's worker: the query Material sends is rewritten
#: before Material's own handler sees it.
QUERY_STEP = """/* Candidate (a + b): our query step, then Material's worker. */
importScripts("../../search/vendor/minisearch.js", "../../search/engine.js");
var synonyms = null;
var listeners = [];
var nativeAdd = self.addEventListener.bind(self);
self.addEventListener = function (type, fn) {
  if (type !== "message") return nativeAdd(type, fn);
  nativeAdd("message", function (ev) {
    var m = ev.data;
    if (m && m.type === 0)
      synonyms = HandbookSearch.compileSynonyms(((m.data.config || {}).handbook || {}).synonyms);
    if (m && m.type === 2 && synonyms) {
      var q = HandbookSearch.parseQuery(m.data, synonyms, HandbookSearch.DEFAULTS);
      var out = [];
      q.words.forEach(function (w) { if (!HandbookSearch.STOP.has(w)) out.push(w); });
      var seen = new Set(out);
      var toks = HandbookSearch.words(m.data);
      for (var n = synonyms.longest; n >= 1; n--)
        for (var i = 0; i + n <= toks.length; i++) {
          var sites = synonyms.map.get(toks.slice(i, i + n).join(" "));
          (sites || []).forEach(function (s) {
            HandbookSearch.words(s).forEach(function (w) {
              if (!seen.has(w) && !HandbookSearch.STOP.has(w)) { seen.add(w); out.push(w); }
            });
          });
        }
      ev = { data: { type: 2, data: out.join(" ") } };
    }
    return fn(ev);
  });
};
importScripts("WORKER");
"""


def build(site_dir: Path) -> dict[str, Any]:
    """Build the real site; return the index Material's plugin wrote (the hook now makes
    the same documents; the page tags Material copied onto each are added back here)."""
    kept: dict[str, Any] = {}
    original = search.write_index

    def keep_then_write(site: Path, docs: Any, navigation: Any, pages: Any, synonyms: Any) -> dict[str, int]:
        docs = [dict(d) for d in docs]
        for doc in docs:
            info = pages.get(str(doc["location"]).partition("#")[0])
            tags = _tags(info.src) if info else []
            if tags:
                doc["tags"] = tags
        kept.update({"config": dict(search.MATERIAL_CONFIG), "docs": docs, "pages": pages})
        return original(site, docs, navigation, pages, synonyms)

    search.write_index = keep_then_write  # type: ignore[assignment]
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
        search.write_index = original  # type: ignore[assignment]
    return kept


def _tags(src: str) -> list[str]:
    path = ROOT / "docs" / src
    if not path.is_file():
        return []
    meta = read_page(src, path.read_text(encoding="utf-8")).meta
    return [str(t) for t in meta.get("tags") or [] if t]


def material_worker(site: Path) -> str:
    return next((site / "assets/javascripts/workers").glob("search.*.min.js")).name


def point_worker(site: Path, worker: str) -> None:
    """Make every page's search box use ``worker`` (a path under the site root)."""
    pattern = re.compile(r'("search":\s*"[^"]*?)assets/search/worker\.js"')
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = pattern.sub(lambda m: m.group(1) + worker + '"', text, count=1)
        if new != text:
            page.write_text(new, encoding="utf-8")


def with_aliases_in_text(docs: list[dict[str, Any]], pages: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for doc in docs:
        doc = dict(doc)
        info = pages.get(doc["location"])
        if "#" not in doc["location"] and info and info.aliases:
            words = "; ".join(dict.fromkeys(info.aliases))
            doc["text"] = doc["text"] + " <p>" + html.escape(words) + "</p>"
        out.append(doc)
    return out


def with_aliases_field(docs: list[dict[str, Any]], pages: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for doc in docs:
        doc = {k: v for k, v in doc.items() if k != "tags"}
        info = pages.get(doc["location"])
        if "#" not in doc["location"] and info and info.aliases:
            doc["aliases"] = "; ".join(info.aliases)
        out.append(doc)
    return out


def make(candidate: str, built: Path, kept: dict[str, Any], into: Path) -> Path:
    site = into / candidate
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(built, site)
    if candidate == "ours":
        return site
    ours = json.loads((built / search.INDEX_PATH).read_text(encoding="utf-8"))
    pages = kept["pages"]
    worker = "assets/javascripts/workers/" + material_worker(site)
    config: dict[str, Any] = {"lang": ["en"], "handbook": ours["config"]["handbook"]}
    if candidate == "material":
        config |= {
            "separator": r"[\s\-]+",
            "pipeline": ["stopWordFilter"],
            "fields": {"title": {"boost": 1000}, "text": {"boost": 1}, "tags": {"boost": 300}},
        }
        docs = with_aliases_in_text(kept["docs"], pages)
    else:
        config |= {
            "separator": RICH_SEPARATOR,
            "pipeline": ["trimmer", "stopWordFilter", "stemmer"],
            "fields": {"title": {"boost": 15}, "text": {"boost": 1}, "aliases": {"boost": 3}},
        }
        if candidate == "material-index":
            docs = [
                {k: d[k] for k in ("location", "title", "text", "aliases") if k in d} for d in ours["docs"]
            ]
        else:
            docs = with_aliases_field(kept["docs"], pages)
        if candidate in {"material-query", "material-index"}:
            wrapper = site / "assets/javascripts/workers/query-step.js"
            wrapper.write_text(QUERY_STEP.replace("WORKER", material_worker(site)), encoding="utf-8")
            worker = "assets/javascripts/workers/query-step.js"
    (site / search.INDEX_PATH).write_text(json.dumps({"config": config, "docs": docs}), encoding="utf-8")
    point_worker(site, worker)
    return site


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=se.SET_NAMES, default="tune")
    parser.add_argument("--only", default=",".join(CANDIDATES))
    parser.add_argument("--keep", type=Path, help="keep the candidate sites here")
    args = parser.parse_args()
    wanted = [c for c in args.only.split(",") if c]
    with tempfile.TemporaryDirectory(prefix="search-candidates-") as tmp:
        into = args.keep or Path(tmp)
        built = into / "built"
        kept = build(built)
        for candidate in wanted:
            site = make(candidate, built, kept, into)
            cmd = [sys.executable, str(ROOT / "scripts/search_eval.py"), "--site", str(site)]
            proc = subprocess.run(
                [*cmd, "--set", args.set],
                capture_output=True,
                text=True,
                check=False,
            )
            table = proc.stdout.split("\npending")[0]
            print(f"== {candidate}\n{table}\n{proc.stderr[-2000:] if proc.returncode else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
