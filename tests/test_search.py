"""Site search: the index step (hooks/search.py), the synonym table, and the engine's query
step and ranking (docs/assets/search/engine.js, run in Node). The browser tests of the
search box are in tests/test_search_browser.py; the quality measure in test_search_eval.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import search
from conftest import ROOT, Build
from pages import read_page

ENGINE = ROOT / "docs" / "assets" / "search"


# ----------------------------------------------------------------------------- synonyms


def test_the_synonym_table_loads_without_problems() -> None:
    synonyms, problems = search.load_synonyms_file(ROOT / "docs")
    assert problems == []
    assert "end" in synonyms.table["cancel"]
    assert synonyms.table["jss"] == ["job success score"]
    assert set(synonyms.table["quit"]) == {"end", "leave"}  # a word may stand under two site words


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- end\n- close\n", "expected a mapping"),
        ("End: [cancel]\n", "lower case"),
        ("end: cancel\n", "non-empty list"),
        ("end: []\n", "non-empty list"),
        ("end: [one two three four five]\n", "one to four words"),
        ("end: [end]\n", "lists itself"),
        ("end: [cancel, cancel]\n", "listed twice"),
        ("end: [cancel\n", "not valid YAML"),
        ("work diary: [tracker, my work diary]\n", "contains the site term 'work diary'"),
    ],
)
def test_synonym_problems_are_reported_with_the_file(text: str, message: str) -> None:
    synonyms, problems = search.load_synonyms(text)
    assert problems and all(p.path == "data/search.yml" for p in problems)
    assert any(message in p.message for p in problems), problems


def test_no_synonym_file_means_no_synonyms(tmp_path: Path) -> None:
    assert search.load_synonyms_file(tmp_path) == (search.Synonyms({}), [])


# ----------------------------------------------------------------------------- documents


def _info(src: str, kind: str = "article", aliases: tuple[str, ...] = ()) -> search.PageInfo:
    return search.PageInfo(src, src.split(".")[0].title(), kind, "freelancer", aliases, "A description.")


PAGES = {
    "a/": _info("a.md", aliases=("client ghosted me", "jss")),
    "faq/": _info("faq.md", kind="header"),
}


def test_documents_are_focused_answers_in_plain_text() -> None:
    docs = search.documents(
        [
            {"location": "a/", "title": "A", "text": "<p>Short answer: wait 14&nbsp;days.</p><p>More.</p>"},
            {"location": "a/#x", "title": "Can I <code>end</code>?", "text": "<ul><li>Yes.</li><li>No.</li></ul>"},
            {"location": "a/#group", "title": "Group", "text": ""},
            {"location": "faq/", "title": "FAQ", "text": "<p>Short answers.</p>"},
            {"location": "faq/#q", "title": "Q?", "text": "<p>An answer.</p><p>More: The article</p>"},
            {"location": "faq/#index", "title": "Find", "text": "<p>links</p>"},
        ],
        PAGES,
        {"faq/": {"index"}},
    )
    by = {d["location"]: d for d in docs}
    assert set(by) == {"a/", "a/#x", "faq/#q"}  # no header page item, empty group, link list
    assert by["a/"]["text"] == "Short answer: wait 14 days. More."
    assert by["a/"]["aliases"] == "client ghosted me; jss" and by["a/"]["description"] == "A description."
    assert "aliases" not in by["a/#x"] and "aliases" not in by["a/"]["preview"]
    assert by["a/#x"]["title"] == "Can I end?" and by["a/#x"]["text"] == "Yes. No."
    assert by["faq/#q"]["kind"] == "faq" and by["faq/#q"]["preview"] == "An answer."
    assert by["a/#x"]["page"] == "A" and by["a/#x"]["audience"] == "freelancer"


def test_previews_are_the_first_sentences_never_tables() -> None:
    assert search.preview("Short.") == "Short."
    first = "The first sentence " + "goes on " * 16 + "and ends here."
    assert search.preview(first + " " + "word " * 80) == first  # a whole sentence when it is long enough
    assert search.preview("x" * 10 + " " + "word " * 80).endswith(" …")
    markup = "<p>Less than <b>many</b>.</p><table><tr><td>a</td><td>b</td></tr></table><ul><li><p>One</p><p>two</p></li></ul>"
    assert search.preview_text(markup) == "Less than many. One two"


def test_link_lists_are_found_by_their_share_of_links() -> None:
    links = "".join(f'<li><a href="#q{i}">question number {i} about escrow</a></li>' for i in range(6))
    content = (
        '<h1 id="t">T</h1><p>Intro</p><h2 id="index">Find</h2><ul>'
        + links
        + '</ul><h2 id="answer">Answer</h2><p>A long answer with <a href="x/">one link</a> in it, '
        "and plenty of words around that link so that it is mostly text.</p>"
        '<nav data-search-exclude=""><h2 id="next">Next</h2>' + links + "</nav>"
    )
    assert search.page_sections(content, url="a/", title="T")[1] == {"index"}


def test_a_page_is_split_into_one_document_per_heading() -> None:
    content = (
        '<h1 id="title">Title <a class="headerlink" href="#title">¶</a></h1>'
        "<p>Opening &amp; <b>more</b>.</p>"
        '<h2 id="one">One</h2><ul><li>item</li></ul>'
        '<div class="checklist"><h3 id="inner">Inner</h3><p>inside</p></div>'
        "<p>after the box</p><script>no()</script>"
        '<div data-search-exclude=""><div><p>builder</p></div><p>Clear my details</p></div>'
        '<h2 id="gone" data-search-exclude="">Gone</h2><p>hidden</p>'
    )
    docs, _ = search.page_sections(content, url="a/", title="Page", boost=2)
    assert [(d["location"], d["title"], d["text"]) for d in docs] == [
        ("a/", "Title", "<p>Opening &amp; more.</p>"),
        ("a/#one", "One", "<ul><li>item</li></ul><p>after the box</p>"),
        ("a/#inner", "Inner", "<p>inside</p>"),
    ]
    assert all(d["boost"] == 2 for d in docs)
    preface, _ = search.page_sections('<p>No heading</p><h2 id="x">X</h2>', url="", title="Home")
    assert [(d["location"], d["title"]) for d in preface] == [("", "Home"), ("#x", "X")]


def test_material_s_search_box_runs_our_worker() -> None:
    page = '<script id="__config">{"search": "../../assets/javascripts/workers/search.a7633da7.min.js", "x": 1}'
    assert '"search": "../../assets/search/worker.js", "x": 1' in search.use_our_worker(page)
    assert search.use_our_worker("<p>no config</p>") == "<p>no config</p>"


def test_no_result_pages_are_those_that_exist_in_order() -> None:
    pages = {
        "faq/": _info("faq.md", kind="header"),
        "client/": _info("client/index.md", kind="page"),
        "freelancer/": _info("freelancer/index.md", kind="page"),
    }
    assert [p["location"] for p in search.fallback(pages)] == ["freelancer/", "client/", "faq/"]


def test_the_index_keeps_material_s_config_and_adds_ours(tmp_path: Path) -> None:
    material = [{"location": "a/", "title": "A", "text": "<p>x</p>"}]
    size = search.write_index(tmp_path, material, {}, PAGES, search.Synonyms({"cancel": ["end"]}))
    index = json.loads((tmp_path / search.INDEX_PATH).read_text())
    assert index["config"]["separator"] == "[\\s\\-]+"  # Material's search box highlights with it
    assert index["config"]["handbook"]["synonyms"] == {"cancel": ["end"]}
    assert index["docs"][0]["text"] == "x" and size["documents"] == 1


def test_page_info_reads_the_front_matter() -> None:
    page = read_page(
        "freelancer/x.md", "---\ntitle: X\naudience: client\naliases: [a b, ' ', 3]\ndescription: D\n---\n# X\n"
    )
    info = search.page_info(page)
    assert info == search.PageInfo("freelancer/x.md", "X", "article", "client", ("a b",), "D")
    assert search.page_info(read_page("faq.md", "---\ntitle: F\nkind: faq\n---\n")).kind == "header"


# ----------------------------------------------------------------------------- the built site


def test_built_index_has_our_documents_and_no_alias_lists(built_site: Build) -> None:
    site = built_site.site_dir
    index = json.loads((site / search.INDEX_PATH).read_text(encoding="utf-8"))
    docs = {d["location"]: d for d in index["docs"]}
    assert "faq/" not in docs and "glossary/" not in docs and "templates/" not in docs
    assert "faq/#find-your-question" not in docs
    silent = docs["freelancer/client-silent/"]
    assert "client ghosted me" in silent["aliases"]
    assert not any("client ghosted me" in d["text"] or "client ghosted me" in d["preview"] for d in docs.values())
    assert all("<" not in d["text"] for d in docs.values())
    assert index["config"]["handbook"]["synonyms"]["ghosted"]
    fallback = [p["location"] for p in index["config"]["handbook"]["fallback"]]
    assert {"freelancer/", "client/", "faq/", "checklists/"} <= set(fallback)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if '"search":' in text:
            assert "assets/search/worker.js" in text and "workers/search." not in text, page
            assert text.index("assets/search/boot.js") < text.index("assets/javascripts/bundle."), page
    assert not any("data-search-aliases" in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


# ----------------------------------------------------------------------------- the engine (Node)

NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js runs the search engine's unit tests")

_RUN = """
global.self = global;
global.MiniSearch = require(process.argv[1] + '/vendor/minisearch.js');
const H = require(process.argv[1] + '/engine.js');
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {};
const synonyms = H.compileSynonyms(input.synonyms || {});
if (input.parse) out.parse = input.parse.map(q => {
  const p = H.parseQuery(q, synonyms, Object.assign({}, H.DEFAULTS, input.options || {}));
  return { terms: p.terms, weights: Object.fromEntries(p.weights), intent: p.intent, asker: p.asker, prefix: p.prefixTerm };
});
if (input.canonical) out.canonical = input.canonical.map(t => H.canonical(t, synonyms));
if (input.index) {
  const e = new H.Engine(input.index, input.options || {});
  out.search = input.queries.map(q => e.search(q).results.map(r => input.index.docs[r.id].location));
}
process.stdout.write(JSON.stringify(out));
"""


def engine(**data: Any) -> dict[str, Any]:
    assert NODE is not None
    proc = subprocess.run(
        [NODE, "-e", _RUN, str(ENGINE)], input=json.dumps(data), capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout)


def doc(location: str, title: str, text: str, **extra: str) -> dict[str, str]:
    """One document of a hand-made index: an article section unless ``extra`` says otherwise."""
    return {"location": location, "title": title, "text": text, "page": "P", "kind": "article", **extra}


@needs_node
def test_query_step_drops_stop_words_and_adds_the_site_s_words() -> None:
    got = engine(
        synonyms={"ghosted": ["unresponsive"], "jss": ["job success score"]},
        parse=["will a client who ghosted me affect my JSS?", "the", "escrow refu"],
    )["parse"]
    ghosted = got[0]
    assert set(ghosted["terms"][:3]) == {"client", "ghost", "unrespons"}
    assert not {"will", "a", "who", "me", "my"} & set(ghosted["terms"])
    assert ghosted["weights"]["client"] == 1 and ghosted["weights"]["unrespons"] < 1
    assert "job_success_score" in ghosted["terms"] and "job" not in ghosted["terms"]  # a site term is one word
    assert got[1]["terms"] == []
    assert got[2]["prefix"] == "refu"  # the word being typed matches as a prefix


@needs_node
def test_the_question_weighs_more_than_the_story_around_it() -> None:
    got = engine(parse=["my client paused the project last month. can i end a paused contract?"])["parse"][0]
    assert got["weights"]["paus"] == 1 and got["weights"]["end"] == 1
    assert got["weights"]["month"] < 1 and got["weights"]["project"] < 1


@needs_node
def test_who_asks_and_what_for() -> None:
    got = engine(
        parse=[
            "as a client can i end the contract at any time",
            "my client disappeared, what now",
            "need a polite message to tell the client im ending the contract",
            "the freelancer did half the work, can i pay part of it",  # names the other side
            "client: i funded a milestone by mistake",  # a leading role names the reader
            "should the client or the freelancer end it",  # both named: no side
            "how do i end a contract",
            "client fees",  # in a few words a role is the topic
        ]
    )["parse"]
    assert [g["asker"] for g in got] == ["client", "freelancer", "freelancer", "client", "client", "", "", ""]
    assert got[2]["intent"] == ["template"] and "messag" not in got[2]["terms"]  # codespell:ignore


@needs_node
def test_aliases_match_in_the_site_s_words() -> None:
    got = engine(synonyms={"cancel": ["end"]}, canonical=["Cancel the contract", "end contracts"])
    assert got["canonical"] == [["end", "contract"], ["end", "contract"]]


@needs_node
def test_ranking_prefers_the_section_that_asks_the_question() -> None:
    index = {
        "config": {"handbook": {"synonyms": {"ghosted": ["silent"]}}},
        "docs": [
            doc("a/", "Ending a contract", "Short answer: end it from the menu.", aliases="cancel contract"),
            doc("a/#pause", "Can I end a paused contract?", "Yes, you can end a paused contract."),
            doc("a/#fee", "Does ending cost anything?", "No fee is charged for ending."),
            doc("b/", "When the client goes silent", "Wait 14 days.", aliases="client ghosted me"),
            doc("b/#jss", "Will a silent client hurt my score?", "No, a silent client does not count."),
            doc("c/", "Home", "Pick your role.", kind="page"),
        ],
    }
    got = engine(
        index=index,
        queries=["can i end a contract that is paused?", "cancel contract", "my client ghosted me, will it hurt my score"],
    )["search"]
    assert got[0][0] == "a/#pause"
    assert got[1][0] == "a/"  # a short query that is an alias: the page's short answer
    assert got[2][0] == "b/#jss"


@needs_node
def test_a_heading_whose_question_the_reader_does_not_ask_gives_way() -> None:
    index = {
        "config": {"handbook": {"synonyms": {}}},
        "docs": [
            doc("f/", "Fees", "What Upwork charges.", page="Fees"),
            doc(
                "f/#again",
                "If I end the contract and hire the same freelancer again, do I pay the contract fee again?",
                "Yes: a new contract pays the contract fee again, even with the same freelancer.",
                page="Fees",
            ),
            doc(
                "f/#after",
                "Can I be charged after the end?",
                "Yes: the last week's hours are billed after it ends.",
                page="Fees",
            ),
        ],
    }
    question = "can i still be charged after i end the contract? i just got a new invoice"
    fit = engine(index=index, queries=[question])["search"][0]
    unfit = engine(index=index, queries=[question], options={"titleFit": 0})["search"][0]
    assert fit[0] == "f/#after"
    assert unfit[0] == "f/#again"  # without the factor the longer heading, with more shared words, won


@needs_node
def test_a_site_term_of_several_words_is_one_word() -> None:
    index = {
        "config": {"handbook": {"synonyms": {"jss": ["job success score"]}}},
        "docs": [
            doc("j/#score", "Will ending hurt my Job Success Score?", "Your Job Success Score counts outcomes."),
            doc("t/#after", "Thank the client", "Send a short thank-you once the work is done."),
        ],
    }
    got = engine(index=index, queries=["jss", "job success scores", "my job is done, what now?"])["search"]
    assert got[0] == ["j/#score"] and got[1] == ["j/#score"]
    assert got[2] == []  # "job" alone is not the score


@needs_node
def test_an_answer_that_says_the_query_s_words_side_by_side_comes_first() -> None:
    index = {
        "config": {"handbook": {"synonyms": {"cancel": ["end"]}}},
        "docs": [
            doc("a/#apart", "Notice", "Early on, either side may end the contract."),
            doc("a/#together", "Notice", "Either side may end the contract early, and say why."),
        ],
    }
    question = ["can i cancel my contract early"]
    assert engine(index=index, queries=question)["search"][0][0] == "a/#together"
    # without it, the shorter answer with the same words wins
    assert engine(index=index, queries=question, options={"proximity": 0})["search"][0][0] == "a/#apart"
