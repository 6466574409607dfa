"""hooks/search_aliases.py: aliases reach the search index, not the page."""

from __future__ import annotations

import json

from conftest import Build
from search_aliases import aliases_paragraph, insert_aliases, remove_aliases


def test_paragraph_escapes_and_deduplicates() -> None:
    p = aliases_paragraph(["cancel contract", "<b>x</b>", "cancel contract", " ", 3])
    assert p.count("cancel contract") == 1
    assert "&lt;b&gt;x&lt;/b&gt;" in p and "<b>" not in p
    assert aliases_paragraph([]) == "" and aliases_paragraph([""]) == ""


def test_inserted_before_the_first_h2_and_removed_again() -> None:
    content = "<h1>T</h1><p>intro</p><h2 id='a'>A</h2><p>x</p>"
    p = aliases_paragraph(["money back"])
    with_aliases = insert_aliases(content, p)
    assert with_aliases.index("money back") < with_aliases.index("<h2")
    assert remove_aliases("<html>" + with_aliases + "</html>", p) == "<html>" + content + "</html>"


def test_page_without_sections_gets_aliases_at_the_end() -> None:
    p = aliases_paragraph(["jss"])
    assert insert_aliases("<h1>T</h1><p>x</p>", p).endswith(p)
    assert insert_aliases("<p>x</p>", "") == "<p>x</p>"


def test_real_site_indexes_aliases_but_does_not_show_them(built_site: Build) -> None:
    index = json.loads((built_site.site_dir / "search" / "search_index.json").read_text())
    top = next(d for d in index["docs"] if d["location"] == "freelancer/end-a-contract/")
    html_text = (built_site.site_dir / "freelancer" / "end-a-contract" / "index.html").read_text()
    assert "data-search-aliases" not in html_text
    assert "terminate" in top["text"].lower()
