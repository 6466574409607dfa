"""MkDocs events of the glossary (see ``glossary.py`` for what it does and how).

Thin adapters: read from MkDocs, call ``glossary``'s functions, report. The
per-build state lives in ``glossary.py`` (:func:`glossary.start_build`), the
one module every hook that needs it imports.
"""

from __future__ import annotations

import glossary
from glossary import (
    GLOSSARY_SRC,
    GlossaryLinkExtension,
    build_matcher,
    check_glossary,
    front_matter_title,
    missing_entries,
    parse_glossary,
    render_glossary,
)
from markdown_ext import install_extension
from problems import Problem, report

log = glossary.log


def on_config(config):  # type: ignore[no-untyped-def]
    install_extension(config, GlossaryLinkExtension(glossary.start_build()))
    return config


def on_files(files, *, config):  # type: ignore[no-untyped-def]
    state = glossary.build_state()
    glossary_file = files.get_file_from_path(GLOSSARY_SRC)
    if glossary_file is None:
        return files
    state.glossary_url = glossary_file.url
    source = glossary_file.content_string
    terms = parse_glossary(source)
    pages = {f.src_uri for f in files.documentation_pages()}
    report(log, check_glossary(terms, pages=pages, source=source))
    matcher, _ = build_matcher(terms)
    state.terms = terms
    state.matcher = matcher
    state.short_of = {t.id: " ".join(t.short.split()) for t in reversed(terms)}
    for term in terms:
        page_id = (term.see or "").partition("#")[0]
        target = files.get_file_from_path(f"{page_id}.md") if page_id else None
        if target is not None and page_id not in state.titles:
            state.titles[page_id] = front_matter_title(target.content_string) or page_id
    return files


def on_page_markdown(markdown, *, page, config, files):  # type: ignore[no-untyped-def]
    state = glossary.build_state()
    state.current = page.file.src_uri
    state.current_url = page.file.url
    if page.file.src_uri == GLOSSARY_SRC and state.terms:
        markdown = markdown.rstrip() + "\n\n" + render_glossary(state.terms, titles=state.titles)
    return markdown


def on_page_content(html, *, page, config, files):  # type: ignore[no-untyped-def]
    state = glossary.build_state()
    state.current = None
    return html


def on_env(env, *, config, files):  # type: ignore[no-untyped-def]
    state = glossary.build_state()
    glossary_file = files.get_file_from_path(GLOSSARY_SRC)
    page = glossary_file.page if glossary_file is not None else None
    if page is None or page.present_anchor_ids is None:
        return env  # not rendered this time (`--dirty`): nothing to check against
    report(
        log,
        [
            Problem(
                GLOSSARY_SRC,
                None,
                f"pages link to the glossary entry '#{term_id}', which the built glossary page "
                "does not have (a term id must be the anchor of its heading)",
            )
            for term_id in missing_entries(state.used, page.present_anchor_ids)
        ],
    )
    return env


def on_post_build(config):  # type: ignore[no-untyped-def]
    state = glossary.build_state()
    if state.pages:
        log.info(
            "glossary: %d term links on %d pages; %.2f ms CPU in total, %.3f ms a page",
            state.links,
            state.pages,
            state.seconds * 1000,
            state.seconds * 1000 / state.pages,
        )
