"""Our copies of Material's templates stay Material's templates plus a documented patch.

A file in ``overrides/`` that has the same path as one of Material's templates either

* starts with ``{#- copied from Material <version>: changed`` and a list of what
  changed and why; the exact change is kept as a unified diff in
  ``tests/data/material-patches/<path>.diff``, and this test checks that the
  installed original plus that diff is our copy, line for line; or
* says ``Replaces Material's ...``: our own template in Material's slot.

Why a drift test rather than only pinning mkdocs-material: requirements.lock
already pins the version the venv installs. What a pin can't tell is *which* of
our copies falls behind when the lock is bumped (Material fixes land in the
originals, and a copy silently keeps the old markup), or whether someone edited a
copy without saying why. This test names the file, shows the new diff, and says
what to do.

After a deliberate change to a copy (or after re-copying from a new Material and
re-applying the patch), refresh the diffs with:

    .venv/bin/python tests/test_material_copies.py --update
"""

from __future__ import annotations

import difflib
import re
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = ROOT / "overrides"
PATCHES = ROOT / "tests" / "data" / "material-patches"
COPIED = re.compile(r"\A\{#- copied from Material (\d+\.\d+\.\d+): changed\n(.*?)-#\}\n", re.S)
REPLACES = re.compile(r"\A\{#-.*?Replaces Material's", re.S | re.I)


def material_templates() -> Path:
    import material

    return Path(material.__file__).parent / "templates"


def body(text: str) -> str:
    """A template without its leading ``{#- ... -#}`` comment."""
    if text.startswith("{#-"):
        text = text[text.index("-#}") + 3 :].lstrip("\n")
    return text


def patch_for(rel: str) -> str:
    original = body((material_templates() / rel).read_text(encoding="utf-8"))
    ours = body((OVERRIDES / rel).read_text(encoding="utf-8"))
    return "".join(
        difflib.unified_diff(
            original.splitlines(keepends=True),
            ours.splitlines(keepends=True),
            f"material/templates/{rel}",
            f"overrides/{rel}",
        )
    )


def copies() -> list[str]:
    return sorted(
        p.relative_to(OVERRIDES).as_posix()
        for p in OVERRIDES.rglob("*.html")
        if COPIED.match(p.read_text(encoding="utf-8"))
    )


def test_every_override_of_a_material_template_says_what_it_is() -> None:
    unexplained = []
    for path in sorted(OVERRIDES.rglob("*.html")):
        rel = path.relative_to(OVERRIDES).as_posix()
        if not (material_templates() / rel).exists():
            continue
        text = path.read_text(encoding="utf-8")
        if not (COPIED.match(text) or REPLACES.match(text)):
            unexplained.append(rel)
    assert not unexplained, (
        "these overrides shadow a Material template but say neither "
        "'{#- copied from Material X.Y.Z: changed ...' nor 'Replaces Material's ...': "
        + ", ".join(unexplained)
    )


def test_copies_name_the_installed_material_and_list_their_changes() -> None:
    installed = version("mkdocs-material")
    assert copies(), "no copied Material templates found: the header format changed?"
    for rel in copies():
        match = COPIED.match((OVERRIDES / rel).read_text(encoding="utf-8"))
        assert match
        assert match.group(1) == installed, (
            f"overrides/{rel} was copied from Material {match.group(1)}, but "
            f"{installed} is installed: re-copy it from the installed version, re-apply "
            "the change its header lists, and run this file with --update"
        )
        assert re.search(r"^\s*\* \S", match.group(2), re.M), (
            f"overrides/{rel}: the header must list what changed ('* ...' lines)"
        )


@pytest.mark.parametrize("rel", copies())
def test_copy_is_the_original_plus_its_recorded_patch(rel: str) -> None:
    stored = PATCHES / f"{rel}.diff"
    assert stored.exists(), f"no recorded patch for overrides/{rel}: run {__file__} --update"
    now = patch_for(rel)
    assert now, f"overrides/{rel} is identical to Material's: delete the copy"
    assert now == stored.read_text(encoding="utf-8"), (
        f"overrides/{rel} no longer equals Material's original plus "
        f"tests/data/material-patches/{rel}.diff. Either Material's template changed "
        "(re-copy it and re-apply our change) or the copy was edited (say why in its "
        f"header). Then run `{Path(sys.executable).name} tests/test_material_copies.py "
        f"--update`. The diff now:\n{now}"
    )


def test_no_recorded_patch_without_a_copy() -> None:
    orphans = [
        p.relative_to(PATCHES).as_posix()
        for p in PATCHES.rglob("*.diff")
        if p.relative_to(PATCHES).as_posix()[: -len(".diff")] not in copies()
    ]
    assert not orphans, f"patches for templates that are no longer copied: {orphans}"


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    for old in PATCHES.rglob("*.diff"):
        old.unlink()
    for rel in copies():
        target = PATCHES / f"{rel}.diff"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(patch_for(rel), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
