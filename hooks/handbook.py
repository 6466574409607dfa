"""The site's only MkDocs hook: every event, in the order MkDocs calls them.

Data goes one way: Markdown and data files -> page records (on_files) -> each
page's Markdown and HTML (on_page_markdown, the treeprocessors, on_page_content,
which also splits it into search documents) -> search index and PDFs (on_post_build).
Everything a build learns lives in one :class:`Build`, made new in ``on_config``
(``mkdocs serve`` keeps this module between rebuilds). The features are plain
modules beside this one; nothing here decides more than which of them to call.
Edit a module in hooks/? Restart ``mkdocs serve``: MkDocs loads hooks once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

import checklists
import facts
import flow
import flow_pages
import frontmatter
import glossary
import linkgraph
import pdf
import search
import shortrefs
import templates
from checklists import Checklist
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markup import disarm, mark_short_answers
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from pages import Page, PageIds, Problem, log, read_file, read_page, relative_link, report, titles


@dataclasses.dataclass
class Build:
    """What one build knows. Filled by ``on_files``; ``current`` follows the rendering."""

    config: MkDocsConfig
    today: dt.date = dataclasses.field(default_factory=dt.date.today)
    pages: dict[str, Page] = dataclasses.field(default_factory=dict)
    ids: PageIds = dataclasses.field(default_factory=lambda: PageIds(()))
    titles: dict[str, str] = dataclasses.field(default_factory=dict)
    urls: dict[str, str] = dataclasses.field(default_factory=dict)
    """Each page's URL under the site root."""
    models: dict[str, frontmatter.FrontMatter] = dataclasses.field(default_factory=dict)
    checklists: dict[str, Checklist] = dataclasses.field(default_factory=dict)
    terms: list[glossary.Term] = dataclasses.field(default_factory=list)
    matcher: glossary.Matcher = dataclasses.field(default_factory=lambda: glossary.Matcher(None, {}))
    refs: shortrefs.RefIndex = dataclasses.field(default_factory=lambda: shortrefs.RefIndex(PageIds(()), {}))
    related: linkgraph.RelatedIndex = dataclasses.field(default_factory=lambda: linkgraph.RelatedIndex(()))
    page_facts: dict[str, linkgraph.PageFacts] = dataclasses.field(default_factory=dict)
    facts: facts.Registry = dataclasses.field(default_factory=lambda: facts.Registry((), {}))
    flow_data: flow.Loaded = flow.NO_FLOW
    """The question flow (``docs/data/flow.yml``), checked."""
    flow_srcs: list[str] = dataclasses.field(default_factory=list)
    """The pages generated from it."""
    flow_links: list[flow.Link] = dataclasses.field(default_factory=list)
    """Its ``page#anchor`` links, checked in ``on_env``."""
    synonyms: search.Synonyms = dataclasses.field(default_factory=lambda: search.Synonyms({}))
    search_docs: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    """Each rendered page's sections, one document per heading (``search.page_sections``)."""
    link_lists: dict[str, set[str]] = dataclasses.field(default_factory=dict)
    """Each rendered page's sections that are lists of links, by the page's URL."""
    current: Page | None = None
    """The page being rendered: the treeprocessors work on it."""
    unresolved: list[shortrefs.Unresolved] = dataclasses.field(default_factory=list)
    anchored: list[tuple[str, int | None, str, str, str]] = dataclasses.field(default_factory=list)
    """Links to a heading of another page that a writer named without a path
    (``[[page#anchor]]``, ``related: page#anchor``): (page, line, target, anchor, as written)."""


_build: Build | None = None


def build() -> Build:
    assert _build is not None, "on_config has not run"
    return _build


# --------------------------------------------------------------------------- Markdown


class _Messages(Treeprocessor):
    """[[fill:name]] -> blanks; on a page with a template builder, quotes -> messages."""

    def run(self, root: etree.Element) -> None:
        page = build().current
        if page is not None and "[[fill:" in page.text:
            templates.fill_blanks(root)
        if page is not None and templates.find_builder(page.body) is not None:
            templates.mark_messages(root)


class _References(Treeprocessor):
    """[[refs]] -> links, before the table of contents and MkDocs' link check."""

    def run(self, root: etree.Element) -> None:
        state = build()
        page = state.current
        if page is not None:
            unresolved, anchored = shortrefs.link_references(root, page_src=page.src, index=state.refs)
            state.unresolved += unresolved
            for ref in anchored:
                line = next((n for n, text in enumerate(page.text.split("\n"), 1) if ref.token in text), None)
                state.anchored.append((page.src, line, ref.src, ref.anchor, ref.token))


class _TermLinks(Treeprocessor):
    """The first use of a few glossary terms -> links, before MkDocs' link check."""

    def run(self, root: etree.Element) -> None:
        state = build()
        page = state.current
        if page is None or page.src == glossary.GLOSSARY_SRC or glossary.GLOSSARY_SRC not in state.pages:
            return
        target = relative_link(glossary.GLOSSARY_SRC, from_src=page.src)
        short_of = {term.id: term.short for term in state.terms}
        glossary.link_terms(
            root,
            state.matcher,
            href_for=lambda term_id: f"{target}#{term_id}",
            short_of=short_of,
            already=glossary.ids_linked(root, target),
        )


class _ShortAnswers(Treeprocessor):
    """A page's short answer marked as the panel readers look for first."""

    def run(self, root: etree.Element) -> None:
        mark_short_answers(root)


class _Extension(Extension):
    """Our treeprocessors, in one place. Priorities: after inline Markdown (20) and
    attribute lists (8); blanks and messages (7) before references (6), which come
    before the table of contents (5); short answers (4) and term links (3) after the
    headings got their ids; all before MkDocs rewrites and checks links (0)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_Messages(md), "handbook_messages", 7)
        md.treeprocessors.register(_References(md), "handbook_references", 6)
        md.treeprocessors.register(_ShortAnswers(md), "handbook_short_answers", 4)
        md.treeprocessors.register(_TermLinks(md), "handbook_term_links", 3)


# --------------------------------------------------------------------------- events


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Start of a build (and of each ``mkdocs serve`` rebuild): a new :class:`Build`."""
    global _build
    _build = Build(config)
    config.markdown_extensions[:] = [e for e in config.markdown_extensions if not isinstance(e, _Extension)]
    config.markdown_extensions.append(_Extension())
    names = {e if isinstance(e, str) else type(e).__module__ for e in config.markdown_extensions}
    report(
        Problem(
            "mkdocs.yml",
            None,
            f"the checklists need the '{name}' Markdown extension: add it to markdown_extensions",
        )
        for name in ("md_in_html", "attr_list")
        if name not in names and f"markdown.extensions.{name}" not in names
    )
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Every page read once, checked, and indexed; generated files added."""
    state = build()
    problems: list[Problem] = []
    for file in list(files.documentation_pages()):
        record = read_file(file.src_uri, Path(file.abs_src_path).read_bytes()) if file.abs_src_path else None
        if isinstance(record, Problem):
            problems.append(record)
            files.remove(file)  # MkDocs would stop with a traceback reading it
        elif record is not None:
            state.pages[file.src_uri] = record
    docs_dir = Path(config.docs_dir)
    state.facts, found = facts.load(docs_dir, today=state.today)
    problems += found
    max_age = int(config.extra.get("fact_max_age_days", 365))
    rules = facts.rules_page(state.facts, today=state.today, max_age_days=max_age)
    if rules:  # a page of its own, generated: "Upwork's rules at a glance"
        files.append(File.generated(config, facts.RULES_SRC, content=rules))
        state.pages[facts.RULES_SRC] = read_page(facts.RULES_SRC, rules)
    state.flow_data = flow.load(docs_dir, today=state.today)
    problems += state.flow_data.problems
    problems += _add_flow_pages(files, config)
    for fact in state.facts.by_id.values():
        if facts.stale(fact, today=state.today, max_age_days=max_age):
            log.info("facts: '%s' was last checked %s: re-read its sources", fact.id, fact.checked)
    for page in state.pages.values():
        model, found = frontmatter.check_page(page, today=state.today)
        problems += found + templates.check(page)
        if model is not None:
            state.models[page.src] = model
    state.urls = {f.src_uri: f.url for f in files.documentation_pages()}
    state.ids = PageIds(state.pages)
    state.titles = titles(state.pages)
    glossary_page = state.pages.get(glossary.GLOSSARY_SRC)
    if glossary_page is not None:
        state.terms = glossary.parse_glossary(glossary_page)
        problems += glossary.check_glossary(state.terms, glossary_page, state.ids)
        state.matcher = glossary.build_matcher(state.terms)
    fact_refs = state.facts.refs(today=state.today, max_age_days=max_age)
    only_facts = shortrefs.RefIndex(PageIds(()), {}, (), fact_refs, facts.RULES_SRC)
    state.terms = [  # a term's tooltip is plain text: its [[fact:id]]s become their values
        t._replace(short=shortrefs.plain_text(t.short, only_facts, page_src=glossary.GLOSSARY_SRC))
        for t in state.terms
    ]
    state.refs = shortrefs.RefIndex(state.ids, state.titles, state.terms, fact_refs, facts.RULES_SRC)
    for page in state.pages.values():
        problems += facts.review_problems(page, state.models.get(page.src), state.facts)
    state.synonyms, found = search.load_synonyms_file(docs_dir)
    problems += found
    state.checklists, found = checklists.collect(state.pages)
    problems += found
    found, state.flow_links = flow.site_problems(
        state.flow_data, ids=state.ids, checklists=state.checklists, facts=state.facts.by_id, refs=state.refs
    )
    if found:  # the generated pages say they are being fixed; the problems name flow.yml's lines
        problems += found
        reviewed = state.flow_data.flow.last_reviewed if state.flow_data.flow else state.today
        for src in state.flow_srcs:
            text = flow_pages.placeholder(src, reviewed)
            generated = files.get_file_from_path(src)
            if generated is not None:
                generated.content_string = text
            state.pages[src] = read_page(src, text)
        state.flow_data, state.flow_links = state.flow_data._replace(flow=None), []
    state.page_facts = {src: linkgraph.facts_of(page) for src, page in state.pages.items()}
    state.related = linkgraph.RelatedIndex(state.page_facts.values())
    for page in state.pages.values():
        problems += linkgraph.check_related(page, state.ids)
        if page.kind == "faq":
            problems += linkgraph.faq_problems(page)
    pdfs = [path for checklist in state.checklists.values() for path in checklist.pdfs]
    for path in pdfs + (list(facts.RULES_PDFS) if rules else []):
        if files.get_file_from_path(path) is None:  # placeholders, so links to the PDFs are valid
            files.append(File.generated(config, path, content=b""))
    report(problems)
    return files


def _add_flow_pages(files: Files, config: MkDocsConfig) -> list[Problem]:
    """The question flow's pages, generated (outcome pages are linked from the flow, not the nav)."""
    state = build()
    loaded = state.flow_data
    if loaded.flow is None:
        return []
    srcs = flow_pages.generated_srcs(loaded)
    ids = PageIds([*state.pages, *srcs])
    templates_page = state.pages.get("templates.md")
    made = flow_pages.pages(
        loaded,
        facts=state.facts,
        ids=ids,
        titles=titles(state.pages),
        templates=flow_pages.template_titles(templates_page.body) if templates_page else {},
    )
    problems: list[Problem] = []
    for src, text in made.items():
        in_nav = not src.startswith(flow_pages.OUTCOME_DIR + "/")
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src, content=text, inclusion=inclusion))
        state.pages[src] = record = read_page(src, text)
        model, found = frontmatter.check_page(record, today=state.today)
        problems += found
        if model is not None:
            state.models[src] = model
    state.flow_srcs = list(made)
    return problems


def on_page_markdown(markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    """Each page, before Markdown: review date, glossary body, checklists, next steps."""
    state = build()
    record = state.pages.get(page.file.src_uri)
    state.current, state.unresolved = record, []
    if record is None:
        return markdown
    for key in ("template", "icon"):  # refused by the schema; Material would crash on a bad one
        page.meta.pop(key, None)
    model = state.models.get(record.src)
    if model is not None:
        max_age = int(config.extra.get("review_max_age_days", 365))
        review = frontmatter.review_of(model.last_reviewed, today=state.today, max_age_days=max_age)
        page.meta["review"] = review
        if review.stale:  # info, not a warning: time passing must not break a strict build
            log.info(
                "%s: last reviewed %s, more than %d days ago: check it against its sources "
                "and update last_reviewed",
                record.src,
                review.iso,
                max_age,
            )
    if record.src == glossary.GLOSSARY_SRC:
        markdown = markdown.rstrip() + "\n\n" + glossary.render_glossary(state.terms, see_link=_see_link)
    markdown = checklists.render_page(markdown, src=record.src, checklists=state.checklists)
    markdown = templates.render_page(markdown)
    question_flow = state.flow_data.flow
    if question_flow is not None:
        if record.src == flow_pages.HOME_SRC:  # the way into the flow, on the first screen
            markdown = flow_pages.insert_after_lead(markdown, flow_pages.home_link())
        if record.src not in state.flow_srcs:  # "Part of: ..." on the pages of a journey
            box = flow_pages.journey_box(question_flow, record.src, state.ids)
            markdown = flow_pages.insert_after_lead(markdown, box)
        own = model.checklist_id if model is not None else None
        if own in question_flow.checklist_timelines:  # the deadlines beside a checklist
            names = question_flow.checklist_timelines[own]
            block = flow_pages.timelines_block(question_flow, names, state.facts.by_id)
            markdown = flow_pages.after_checklist(markdown, own, block)
    if record.kind in linkgraph.SHOWN_ON:
        steps = linkgraph.next_steps(record, state.ids, state.related, state.page_facts)
        markdown += linkgraph.render_next_steps(record, steps, state.titles)
        related: list[Any] = record.meta["related"] if isinstance(record.meta.get("related"), list) else []
        for n, entry in enumerate(related):
            name, _, anchor = str(entry).partition("#")
            target = state.ids.src_of(name)
            if anchor and target is not None:
                state.anchored.append(
                    (record.src, record.line_of("related", n), target, anchor, f"related: {entry}")
                )
    return markdown


def _see_link(page_ref: str) -> tuple[str, str] | None:
    state = build()
    name, _, anchor = page_ref.partition("#")
    src = state.ids.src_of(name)
    if src is None:
        return None
    return state.titles[src], relative_link(src, from_src=glossary.GLOSSARY_SRC, anchor=anchor)


def on_page_content(html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    """Each page, after Markdown: report its bad references and unsafe HTML; its sections
    for the search index."""
    state = build()
    record, state.current = state.current, None
    if record is not None:
        html = _checked(record, html, config)
    options = page.meta.get("search") or {}  # a page's `search: {exclude: true}` or `{boost: 2}`
    if not options.get("exclude"):
        title = str(page.meta.get("title", page.title))
        docs, state.link_lists[page.url] = search.page_sections(
            html, url=page.url, title=title, boost=options.get("boost")
        )
        state.search_docs += docs
    return html


def _checked(record: Page, html: str, config: MkDocsConfig) -> str:
    """A page's HTML, made safe; its bad references and unsafe HTML reported."""
    state = build()
    problems = shortrefs.problems_for(record.src, record.text, state.unresolved)
    site_url = config.site_url or ""
    if site_url and f'href="{site_url}' in html:
        line = next((n for n, text in enumerate(record.text.split("\n"), 1) if site_url in text), None)
        problems.append(
            Problem(
                record.src,
                line,
                f"links to {site_url}... by its full address: link "
                "to the page's .md file instead, so that the build checks it",
            )
        )
    embedded = [state.pages[c.src].text for c in state.checklists.values() if c.src != record.src]
    html, unsafe = disarm(html)
    for needle, message in unsafe:
        line = next((n for n, text in enumerate(record.text.split("\n"), 1) if needle in text), None)
        if line is None and any(needle in text for text in embedded):
            continue  # from an embedded checklist: reported on the checklist's own page
        problems.append(Problem(record.src, line, message))
    report(problems)
    return html


def on_env(env: Any, *, config: MkDocsConfig, files: Files) -> Any:
    """Every page rendered, no template yet: anchors named without a path must exist."""
    problems = []
    state = build()
    for src, line, target, anchor, written in state.anchored:
        target_file, own_file = files.get_file_from_path(target), files.get_file_from_path(src)
        rendered = target_file.page if target_file is not None else None
        if rendered is None or rendered.present_anchor_ids is None or anchor in rendered.present_anchor_ids:
            continue
        if src in state.flow_srcs:  # from flow.yml: reported below, at its line there
            continue
        problems.append(
            Problem(
                src,
                line,
                f"{written}: {target} has no heading with the anchor "
                f"'#{anchor}' (see the page's table of contents for the anchors)",
            )
        )
        if own_file is not None and own_file.page is not None and target_file is not None:
            # MkDocs would report the same link again, without a line.
            (own_file.page.links_to_anchors or {}).get(target_file, {}).pop(anchor, None)

    def anchors_of(src: str) -> set[str] | None:
        target = files.get_file_from_path(src)
        return target.page.present_anchor_ids if target is not None and target.page is not None else None

    found = flow.anchor_problems(state.flow_links, anchors_of)
    if found:  # MkDocs would report each generated link again, without flow.yml's line
        bad = {
            (link.src, link.anchor)
            for link in state.flow_links
            if anchors_of(link.src) is not None and link.anchor not in (anchors_of(link.src) or ())
        }
        for file in files.documentation_pages():
            for target_file, anchors in (file.page.links_to_anchors or {}).items() if file.page else ():
                for anchor in [a for a in anchors if (target_file.src_uri, a) in bad]:
                    anchors.pop(anchor, None)
    report([*problems, *found])
    return env


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """Each static template written (404.html): Material's search box runs our search worker."""
    return search.use_our_worker(output_content)


def on_post_page(output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
    """Each page, written: Material's search box runs our search worker."""
    return search.use_our_worker(output)


def on_post_build(config: MkDocsConfig) -> None:
    """Last: the search index; the checklist PDFs, in both paper sizes (cached by content)."""
    state = build()
    infos = search.page_infos(state.pages, state.urls)
    search.write_index(Path(config.site_dir), state.search_docs, state.link_lists, infos, state.synonyms)
    if not state.checklists:
        return
    base = (config.site_url or "").rstrip("/") + "/"

    def url_for(src: str) -> str | None:
        return base + state.urls[src] if src in state.urls else None

    documents: dict[str, str] = {}
    if state.facts.by_id:
        page_url = url_for(facts.RULES_SRC) or facts.RULES_SRC
        for path, paper in zip(facts.RULES_PDFS, pdf.PAPERS, strict=True):
            documents[path] = pdf.rules_html(state.facts, page_url=page_url, paper=paper)
    for checklist in state.checklists.values():

        def plain(text: str, src: str = checklist.src) -> str:
            return shortrefs.plain_text(text, state.refs, page_src=src)

        for path, paper in zip(checklist.pdfs, pdf.PAPERS, strict=True):
            documents[path] = pdf.pdf_html(
                checklist,
                page_url=url_for(checklist.src) or checklist.src,
                paper=paper,
                url_for=url_for,
                plain_refs=plain,
            )
    project = Path(config.config_file_path).resolve().parent
    pdf.write_pdfs(documents, site_dir=Path(config.site_dir), cache_dir=project / ".cache" / "checklist-pdfs")
