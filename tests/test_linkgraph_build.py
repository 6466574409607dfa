"""Cross-links in real builds: glossary links, [[short references]], "What to do next".

Two levels:

* a small synthetic site (this repository's config, hooks and templates, with
  the docs below) built once per module, plus broken variants of it that must
  fail with ``file:line`` messages;
* the real site (``built_site``), once its glossary and FAQ exist.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import Build, copy_project, run_mkdocs_build
from selectolax.lexbor import LexborHTMLParser

pytestmark = pytest.mark.slow

SOURCES = "sources: [https://support.upwork.com/hc/en-us]\nlast_reviewed: 2026-11-27\n"

DOCS = {
    "index.md": """
        ---
        title: Home page of the test site
        description: A home page for the synthetic cross-links test site.
        kind: page
        audience: both
        contract_type: both
        tags: [ending-a-contract]
        ---

        # Home

        Start with [[freelancer/end-hourly]] or [[basics/escrow|escrow basics]].
        """,
    "glossary.md": """
        ---
        title: Glossary
        description: Words used on this site, explained in plain language.
        kind: glossary
        audience: both
        contract_type: both
        tags: [glossary]
        terms:
          - term: Work Diary
            short: Upwork's record of the time a freelancer tracks on an hourly contract.
          - term: Escrow
            aliases: [project funds]
            short: Money a client "funds" for a milestone <before> work starts.
            definition: |
              Upwork holds it until the client approves the work. See [[freelancer/end-hourly]].
            see: basics/escrow
          - term: Dispute
            short: A formal disagreement about money that Upwork helps resolve.
        ---

        # Glossary

        Plain words for Upwork terms.
        """,
    "faq.md": """
        ---
        title: Frequently asked questions
        description: Short answers to the questions people ask most about ending contracts.
        kind: faq
        audience: both
        contract_type: both
        tags: [faq]
        ---

        # Frequently asked questions

        ## Money

        ### What happens to escrow when a contract ends?

        It goes back to the client unless released. More: [Escrow basics](basics/escrow.md)

        ### Can I still get paid for my hours?

        Yes, on the weekly cycle.

        More: [Ending an hourly contract](freelancer/end-hourly.md)
        """,
    "basics/escrow.md": """
        ---
        title: How escrow works
        description: What escrow is, who holds the money and when it is released.
        audience: both
        contract_type: fixed-price
        tags: [escrow, payments]
        related: [freelancer/end-hourly]
        ---

        # How escrow works

        A lead paragraph readers read first, where no term is linked: escrow.

        Escrow is held by Upwork. Project funds are released on approval. A dispute may follow.

        `escrow` in code. See the [[work diary]] too.
        """,
    "freelancer/end-hourly.md": """
        ---
        title: Ending an hourly contract
        description: What happens to your Work Diary and your hours when an hourly contract ends.
        audience: freelancer
        contract_type: hourly
        tags: [payments, hourly, disputes]
        ---

        # Ending an hourly contract

        Your work diary locks. Disputes about escrow are rare. See [[faq]].

        ## Escrow in a heading

        Text.
        """,
    "client/end-hourly.md": """
        ---
        title: Ending an hourly contract as a client
        description: What happens to billed hours when you end an hourly contract as a client.
        audience: client
        contract_type: hourly
        tags: [payments, hourly]
        ---

        # Ending an hourly contract as a client

        Pay the last week. Read [the freelancer side](../freelancer/end-hourly.md).
        """,
}


def write_docs(project: Path) -> None:
    """Replace the project's pages with the synthetic ones (keeping docs/assets)."""
    docs = project / "docs"
    for child in docs.iterdir():
        if child.name != "assets":
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    for name, text in DOCS.items():
        body = textwrap.dedent(text).lstrip()
        body = body.replace("---\n\n#", SOURCES + "---\n\n#", 1)
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(body, encoding="utf-8")


def without_nav(config: str) -> str:
    """``mkdocs.yml`` without its ``nav:`` block: the synthetic site has other pages."""
    kept, in_nav = [], False
    for line in config.split("\n"):
        if line.startswith("nav:"):
            in_nav = True
            continue
        if in_nav and line.strip() and not line.startswith((" ", "-", "#")):
            in_nav = False
        if not in_nav:
            kept.append(line)
    return "\n".join(kept)


def copy_small_project(dest: Path) -> Path:
    copy_project(dest)
    config = dest / "mkdocs.yml"
    config.write_text(without_nav(config.read_text(encoding="utf-8")), encoding="utf-8")
    write_docs(dest)
    return dest


@pytest.fixture(scope="module")
def small_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_small_project(tmp_path_factory.mktemp("xl") / "project")


@pytest.fixture(scope="module")
def small_site(small_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = run_mkdocs_build(small_project, tmp_path_factory.mktemp("xl-site"))
    if not build.ok:
        pytest.fail(f"synthetic site failed to build:\n{build.output}", pytrace=False)
    return build


def html_of(site: Path, page: str) -> LexborHTMLParser:
    return LexborHTMLParser((site / page).read_text(encoding="utf-8"))


def follow(site: Path, page: str, href: str) -> tuple[Path, str]:
    """The built file and anchor that a relative ``href`` on ``page`` leads to."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc and not parts.path.startswith("/"), href
    target = (site / page).parent / parts.path if parts.path else site / page
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target.resolve(), parts.fragment


def assert_leads_somewhere(site: Path, page: str, href: str) -> None:
    target, anchor = follow(site, page, href)
    assert target.is_file(), f"{page}: {href} leads to missing {target}"
    if anchor:
        ids = {n.attributes.get("id") for n in html_of(site, str(target.relative_to(site))).css("[id]")}
        assert anchor in ids, f"{page}: {href} has no anchor #{anchor} in {target}"


def generated_links(tree: LexborHTMLParser) -> dict[str, list[tuple[str, str]]]:
    """``data-generated`` kind -> [(text, href)] of the generated link lists on a page."""
    blocks: dict[str, list[tuple[str, str]]] = {}
    for block in tree.css("nav[data-generated]"):
        blocks[block.attributes["data-generated"]] = [
            (a.text(strip=True), a.attributes["href"]) for a in block.css("li a")
        ]
    return blocks


# ----------------------------------------------------------------------------- synthetic site


def test_article_links_glossary_terms_once_with_an_escaped_tooltip(small_site):
    site = small_site.site_dir
    tree = html_of(site, "basics/escrow/index.html")
    article = tree.css_first("article")
    terms = [(a.text(), a.attributes["href"], a.attributes["title"]) for a in article.css("a.glossary-link")]
    assert terms == [
        (
            "Escrow",
            "../../glossary/#escrow",
            'Money a client "funds" for a milestone <before> work starts.',
        ),
        (
            "dispute",
            "../../glossary/#dispute",
            "A formal disagreement about money that Upwork helps resolve.",
        ),
        (  # [[work diary]], written by hand
            "work diary",
            "../../glossary/#work-diary",
            "Upwork's record of the time a freelancer tracks on an hourly contract.",
        ),
    ]
    assert 'title="Money a client &quot;funds&quot; for a milestone &lt;before&gt; work starts."' in (
        (site / "basics/escrow/index.html").read_text()
    )
    assert not article.css("h1 a.glossary-link, h2 a.glossary-link, code a")
    for _, href, _ in terms:
        assert_leads_somewhere(site, "basics/escrow/index.html", href)


def test_headings_and_the_glossary_page_get_no_term_links(small_site):
    site = small_site.site_dir
    assert not html_of(site, "freelancer/end-hourly/index.html").css("h2 a.glossary-link")
    assert not html_of(site, "glossary/index.html").css("a.glossary-link")


def test_glossary_page_is_generated_from_front_matter(small_site):
    tree = html_of(small_site.site_dir, "glossary/index.html")
    article = tree.css_first("article")
    assert [h.attributes["id"] for h in article.css("h2")] == ["dispute", "escrow", "work-diary"]
    text = article.text()
    assert "Also called: project funds." in text
    more = [a for a in article.css("p a") if a.text() == "How escrow works"]
    assert more and more[0].attributes["href"] == "../basics/escrow/"
    # A short reference inside a definition resolves too.
    assert article.css_first('a[href="../freelancer/end-hourly/"]').text() == "Ending an hourly contract"


def test_short_references_become_links(small_site):
    tree = html_of(small_site.site_dir, "index.html")
    links = {a.text(): a.attributes["href"] for a in tree.css("article p a")}
    assert links["Ending an hourly contract"] == "freelancer/end-hourly/"
    assert links["escrow basics"] == "basics/escrow/"
    escrow = html_of(small_site.site_dir, "basics/escrow/index.html")
    diary = escrow.css_first('article a[href="../../glossary/#work-diary"]')
    assert diary.text() == "work diary" and "hourly contract" in diary.attributes["title"]


def test_what_to_do_next(small_site):
    site = small_site.site_dir
    page = "basics/escrow/index.html"
    blocks = generated_links(html_of(site, page))
    assert list(blocks) == ["next-steps"]
    assert blocks["next-steps"][0] == ("Ending an hourly contract", "../../freelancer/end-hourly/")
    assert 3 <= len(blocks["next-steps"]) <= 5 or len(blocks["next-steps"]) == 2  # the site has 3 articles
    for _, href in blocks["next-steps"]:
        assert_leads_somewhere(site, page, href)
    block = html_of(site, page).css_first('[data-generated="next-steps"]')
    assert block.tag == "nav" and block.attributes["aria-labelledby"] == "what-to-do-next"


def test_every_generated_link_on_every_page_resolves(small_site):
    site = small_site.site_dir
    seen = 0
    for path in site.rglob("*.html"):
        page = str(path.relative_to(site))
        for links in generated_links(html_of(site, page)).values():
            for _, href in links:
                assert_leads_somewhere(site, page, href)
                seen += 1
    assert seen >= 4


def test_generated_blocks_are_not_in_the_search_index(small_site):
    index = json.loads((small_site.site_dir / "search/search_index.json").read_text())
    text = json.dumps(index)
    for phrase in ("What to do next", "data-generated"):
        assert phrase not in text
    assert not any("what-to-do-next" in d["location"] for d in index["docs"])


def test_no_directory_urls(small_project, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(small_project, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "\nuse_directory_urls: false\n")
    build = run_mkdocs_build(project, tmp_path / "out")
    assert build.ok, build.output
    site = build.site_dir
    tree = html_of(site, "basics/escrow.html")
    assert tree.css_first("a.glossary-link").attributes["href"] == "../glossary.html#escrow"
    blocks = generated_links(tree)
    assert blocks["next-steps"][0][1] == "../freelancer/end-hourly.html"
    for links in blocks.values():
        for _, href in links:
            assert_leads_somewhere(site, "basics/escrow.html", href)


# ----------------------------------------------------------------------------- broken input


def broken_build(small_project: Path, tmp_path: Path, edit) -> Build:  # type: ignore[no-untyped-def]
    project = tmp_path / "project"
    shutil.copytree(small_project, project)
    edit(project / "docs")
    return run_mkdocs_build(project, tmp_path / "out")


def append(path: Path, text: str) -> int:
    """Append ``text`` as the file's last line; return that line's number."""
    content = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(content, encoding="utf-8")
    return content.count("\n")


def test_unknown_short_reference_fails_with_file_line_and_suggestion(small_project, tmp_path):
    lines = {}

    def edit(docs: Path) -> None:
        lines["n"] = append(docs / "client/end-hourly.md", "See [[freelancer/end-hourli]] now.")

    build = broken_build(small_project, tmp_path, edit)
    assert not build.ok
    assert (
        f"client/end-hourly.md:{lines['n']}: unknown short reference [[freelancer/end-hourli]]"
        in build.output
    )
    assert "Did you mean '[[freelancer/end-hourly]]'" in build.output


def test_unknown_related_page_fails_with_file_line(small_project, tmp_path):
    def edit(docs: Path) -> None:
        page = docs / "basics/escrow.md"
        page.write_text(
            page.read_text().replace("related: [freelancer/end-hourly]", "related: [freelancer/end-hourli]")
        )

    build = broken_build(small_project, tmp_path, edit)
    assert not build.ok
    assert (
        "basics/escrow.md:7: related: 'freelancer/end-hourli' names no page; "
        "did you mean 'freelancer/end-hourly'"
    ) in build.output


def test_faq_question_without_more_link_fails(small_project, tmp_path):
    def edit(docs: Path) -> None:
        append(docs / "faq.md", "### A question without a link?\n\nJust an answer.")

    build = broken_build(small_project, tmp_path, edit)
    assert not build.ok
    assert "faq.md:26: FAQ question 'A question without a link?' has no 'More:" in build.output


def test_glossary_mistakes_fail_with_file_line(small_project, tmp_path):
    def edit(docs: Path) -> None:
        page = docs / "glossary.md"
        text = page.read_text().replace("see: basics/escrow", "see: basics/escrw")
        text = text.replace("aliases: [project funds]", "aliases: [project funds, disputes]")
        page.write_text(text)

    build = broken_build(small_project, tmp_path, edit)
    assert not build.ok
    assert (
        "glossary.md:16: glossary term 'Escrow': 'see: basics/escrw' names no page; "
        "did you mean 'basics/escrow'?"
    ) in build.output
    assert (
        "glossary.md:17: glossary term 'Dispute' uses the name 'disputes', which already belongs to 'Escrow'"
    ) in build.output


# ----------------------------------------------------------------------------- the real site


def articles(site: Path) -> list[str]:
    """Built pages of kind article (they carry Article JSON-LD)."""
    found = []
    for path in sorted(site.rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        if '"@type": "Article"' in text or '"@type":"Article"' in text:
            found.append(str(path.relative_to(site)))
    return found


def test_real_site_articles_have_glossary_links_that_resolve(built_site):
    site = built_site.site_dir
    linked = 0
    for page in articles(site):
        for a in html_of(site, page).css("article a.glossary-link"):
            assert a.attributes.get("title"), f"{page}: glossary link without a tooltip"
            assert_leads_somewhere(site, page, a.attributes["href"])
            linked += 1
    assert linked, "no article links a glossary term"


def test_real_site_next_steps_resolve_and_stay_out_of_search(built_site):
    site = built_site.site_dir
    pages = articles(site)
    assert pages
    for page in pages:
        steps = generated_links(html_of(site, page)).get("next-steps", [])
        assert 3 <= len(steps) <= 5, page
        for _, href in steps:
            assert_leads_somewhere(site, page, href)
    text = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "What to do next" not in text and "data-generated=" not in text
