"""Scaffold new content from the templates in ``scripts/templates/``.

``make new`` calls this script; both forms do the same::

    make new kind=article slug=freelancer/my-page
    python scripts/new_page.py --kind article --slug freelancer/my-page

Kinds:

* ``article``: writes ``docs/<slug>.md`` (``slug`` is ``<section>/<name>``).
* ``checklist``: writes ``docs/checklists/<slug>.md`` with ``checklist_id: <slug>``.
* ``faq``: prints a FAQ entry to paste under the right ``## Topic`` of ``docs/faq.md``.
* ``glossary``: prints a term to paste under ``terms:`` in ``docs/glossary.md``.

Every page gets today's date as ``last_reviewed``. The title defaults to the
slug in words (``my-page`` -> ``My page``); ``audience`` defaults to the
section (``freelancer/``, ``client/``) or ``both``; ``contract_type`` to ``both``.
Each template builds as it is (so you can preview at once) and is full of
``TODO`` markers: ``make check`` lists every one left behind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import posixpath
import re
import sys
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"
KINDS = ("article", "checklist", "faq", "glossary")
AUDIENCES = ("freelancer", "client", "both")
CONTRACT_TYPES = ("hourly", "fixed-price", "both")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: A page the article template links to, so that a new page shows how links look.
EXAMPLE_LINK_TARGET = "checklists/freelancer-end-hourly.md"


class ScaffoldError(ValueError):
    """A wrong argument; the message says what to type instead."""


def title_from_slug(slug: str) -> str:
    """``freelancer/end-early`` -> ``End early``."""
    words = slug.rsplit("/", 1)[-1].replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def page_path(kind: str, slug: str) -> str:
    """Where the new page goes, relative to ``docs/``."""
    slug = slug.strip().strip("/").removesuffix(".md")
    parts = slug.split("/")
    if not slug or not all(SLUG.match(part) for part in parts):
        raise ScaffoldError(
            f"slug {slug!r} is not valid: use lowercase words joined by hyphens, "
            "e.g. slug=freelancer/end-early"
        )
    if kind == "checklist":
        if parts[0] == "checklists":
            parts = parts[1:]
        if len(parts) != 1:
            raise ScaffoldError("a checklist slug is one name, e.g. slug=client-end-early")
        return f"checklists/{parts[0]}.md"
    if len(parts) < 2:
        raise ScaffoldError(
            "an article lives in a section: slug=<section>/<name>, e.g. slug=client/end-early"
        )
    return "/".join(parts) + ".md"


def render(
    kind: str,
    *,
    slug: str = "",
    title: str = "",
    audience: str = "",
    contract_type: str = "",
    today: dt.date | None = None,
) -> tuple[str | None, str]:
    """Fill the template of ``kind``.

    Returns ``(path under docs/, text)`` for pages and ``(None, snippet)`` for
    FAQ entries and glossary terms, which are pasted into an existing page.
    """
    if kind not in KINDS:
        raise ScaffoldError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
    path = page_path(kind, slug) if kind in ("article", "checklist") else None
    if path is None and not (title or slug):
        what = "the question" if kind == "faq" else "the term"
        raise ScaffoldError(f'give {what}: make new kind={kind} title="..."')
    section = path.split("/", 1)[0] if path else ""
    audience = audience or (section if section in ("freelancer", "client") else "both")
    contract_type = contract_type or "both"
    if audience not in AUDIENCES:
        raise ScaffoldError(f"audience must be one of {', '.join(AUDIENCES)}, got {audience!r}")
    if contract_type not in CONTRACT_TYPES:
        raise ScaffoldError(
            f"contract_type must be one of {', '.join(CONTRACT_TYPES)}, got {contract_type!r}"
        )
    title = " ".join(title.split()) or title_from_slug(slug)
    if kind == "faq" and not title.endswith("?"):
        title += "?"
    here = posixpath.dirname(path) if path else ""
    values = {
        "title": title,
        # JSON strings are valid YAML: a title with ':' or quotes stays one string.
        "title_yaml": json.dumps(title, ensure_ascii=False),
        "checklist_title_yaml": json.dumps(f"Checklist: {title}", ensure_ascii=False),
        "slug": posixpath.basename(path)[:-3] if path else slug,
        "audience": audience,
        "contract_type": contract_type,
        "today": (today or dt.date.today()).isoformat(),
        "example_link": posixpath.relpath(EXAMPLE_LINK_TARGET, here or "."),
    }
    template = Template((TEMPLATES / f"{kind}.md").read_text(encoding="utf-8"))
    return path, template.substitute(values)


def write_page(docs_dir: Path, path: str, text: str) -> Path:
    """Write a new page; never overwrite one."""
    target = docs_dir / path
    if target.exists():
        raise ScaffoldError(f"docs/{path} already exists: choose another slug")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kind", default="", help=f"one of {', '.join(KINDS)}")
    parser.add_argument(
        "--slug", default="", help="freelancer/my-page (article), my-list (checklist)"
    )
    parser.add_argument("--title", default="", help="page title, FAQ question or glossary term")
    parser.add_argument("--audience", default="", help=", ".join(AUDIENCES))
    parser.add_argument("--contract-type", default="", help=", ".join(CONTRACT_TYPES))
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.kind:
        print(
            "usage: make new kind=article slug=freelancer/my-page\n"
            "       make new kind=checklist slug=my-checklist\n"
            '       make new kind=faq title="Can I reopen an ended contract?"\n'
            '       make new kind=glossary title="Work Diary"\n'
            "optional: title=... audience=freelancer|client|both "
            "contract_type=hourly|fixed-price|both",
            file=sys.stderr,
        )
        return 2
    try:
        path, text = render(
            args.kind,
            slug=args.slug,
            title=args.title,
            audience=args.audience,
            contract_type=args.contract_type,
        )
        if path is None:
            where = (
                "under the right '## Topic' heading of docs/faq.md"
                if args.kind == "faq"
                else "under 'terms:' in the front matter of docs/glossary.md (keep the indentation)"
            )
            print(f"Paste this {where}, then replace every TODO:\n")
            print(text)
            return 0
        target = write_page(args.docs, path, text)
    except ScaffoldError as exc:
        print(f"make new: {exc}", file=sys.stderr)
        return 2
    print(f"Wrote {target.relative_to(args.docs.parent)} (last_reviewed: today).")
    print("Next: replace every TODO, then `make serve` and open")
    print(f"  http://127.0.0.1:8000/{path[:-3]}/")
    config = (args.docs.parent / "mkdocs.yml").read_text(encoding="utf-8")
    if re.search(r"^nav:", config, re.M):
        print(f"mkdocs.yml has a nav: add '{path}' to it where readers will look for it.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
