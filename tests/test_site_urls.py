"""Site addresses (hooks/site_urls.py): relative paths without the file system."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st
from site_urls import relative_path

segment = st.sampled_from(["a", "b", "faq", "glossary.md", "index.md", "x-y"])
path = st.lists(segment, min_size=1, max_size=4).map("/".join)
folder = st.one_of(
    st.just(""), st.just("."), st.lists(segment, min_size=1, max_size=3).map("/".join)
)


@given(path, folder)
def test_relative_path_equals_posixpath_relpath(target: str, start: str) -> None:
    assert relative_path(target, start) == posixpath.relpath(target, start or ".")


def test_relative_path_examples() -> None:
    assert relative_path("glossary.md", "freelancer") == "../glossary.md"
    assert relative_path("freelancer/end-hourly.md", "freelancer") == "end-hourly.md"
    assert relative_path("checklists/x.pdf", "") == "checklists/x.pdf"
    assert relative_path("a/b", "a/b") == "."
