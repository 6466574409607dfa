"""Checklist PDFs, rendered for real by WeasyPrint and read back with pypdf."""

from __future__ import annotations

import http.server
import io
import threading
from pathlib import Path

import pypdf
from checklists import Checklist, parse_checklist
from pages import read_page
from pdf import pdf_html, write_pdfs
from pypdf.generic import NameObject
from test_checklists import GOOD, page

URLS = {"freelancer/end-hourly.md": "https://example.org/freelancer/end-hourly/"}


def checklist_of(source: str = GOOD) -> Checklist:
    checklist, problems = parse_checklist(read_page("checklists/test-list.md", source))
    assert checklist is not None, problems
    return checklist


def render(tmp_path: Path, documents: dict[str, str]) -> list[str]:
    return write_pdfs(documents, site_dir=tmp_path / "site", cache_dir=tmp_path / "cache")


def document(checklist: Checklist, paper: str = "letter") -> str:
    return pdf_html(
        checklist, page_url="https://example.org/checklists/test-list/", paper=paper, url_for=URLS.get
    )


def read(tmp_path: Path, name: str) -> pypdf.PdfReader:
    return pypdf.PdfReader(tmp_path / "site" / name)


def test_the_pdf_is_fillable_tagged_and_reads_in_order(tmp_path: Path) -> None:
    checklist = checklist_of()
    assert render(tmp_path, {"t.pdf": document(checklist)}) == ["t.pdf"]
    reader = read(tmp_path, "t.pdf")
    fields = reader.get_fields() or {}
    boxes = [f"item-{item.key}" for item in checklist.items]
    assert {name: fields[name].get("/FT") for name in boxes} == dict.fromkeys(boxes, "/Btn")
    assert fields["contract"].get("/FT") == fields["date"].get("/FT") == "/Tx"
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en" and reader.metadata.title == "Checklist: test list"
    text = " ".join(p.extract_text() for p in reader.pages)
    order = [
        text.index(s)
        for s in (
            "Checklist: test list",
            "Contract:",
            "Log your last hours",
            "Why: it locks",
            "See: https://example.org/freelancer/end-hourly/#work-diary",
            "Ask the client",
            "Hand over the",
            "Notes",
        )
    ]
    assert order == sorted(order)
    assert "27 November 2026" in text


def test_a_box_can_be_ticked_in_a_pdf_reader(tmp_path: Path) -> None:
    render(tmp_path, {"t.pdf": document(checklist_of())})
    writer = pypdf.PdfWriter(clone_from=read(tmp_path, "t.pdf"))
    states = writer.get_fields()["item-log-hours"]["/_States_"]
    on = next(state for state in states if state != "/Off")
    writer.update_page_form_field_values(
        writer.pages[0], {"item-log-hours": NameObject(on), "contract": "Logo design"}, auto_regenerate=False
    )
    out = io.BytesIO()
    writer.write(out)
    fields = pypdf.PdfReader(out).get_fields()
    assert fields["item-log-hours"]["/V"] == on and fields["contract"]["/V"] == "Logo design"
    assert fields["item-hand-over-the-files"].get("/V", "/Off") == "/Off"


def test_letter_and_a4(tmp_path: Path) -> None:
    checklist = checklist_of()
    render(tmp_path, {"l.pdf": document(checklist, "letter"), "a.pdf": document(checklist, "a4")})
    letter = read(tmp_path, "l.pdf").pages[0].mediabox
    a4 = read(tmp_path, "a.pdf").pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_no_item_is_split_across_pages(tmp_path: Path) -> None:
    items = "".join(
        f"- [ ] Task number {n} with a long enough text to wrap over two lines of the printed sheet.\n  Why: reason {n} also runs long enough to need a second line on the sheet.\n"
        for n in range(40)
    )
    render(tmp_path, {"long.pdf": document(checklist_of(page(items)))})
    pages = [" ".join(p.extract_text().split()) for p in read(tmp_path, "long.pdf").pages]
    assert len(pages) > 1
    for n in range(40):
        whole = f"Task number {n} with a long enough text to wrap over two lines of the printed sheet. Why: reason {n} also runs long enough to need a second line on the sheet."
        assert sum(whole in text for text in pages) == 1, n


def test_made_again_only_when_the_document_changes(tmp_path: Path) -> None:
    checklist = checklist_of()
    assert render(tmp_path, {"t.pdf": document(checklist)}) == ["t.pdf"]
    assert render(tmp_path, {"t.pdf": document(checklist)}) == []
    assert (tmp_path / "site" / "t.pdf").stat().st_size > 1000
    edited = checklist._replace(title="Checklist: renamed")
    assert render(tmp_path, {"t.pdf": document(edited)}) == ["t.pdf"]
    assert len(list((tmp_path / "cache").glob("*.pdf"))) == 1  # the old one is gone


def test_nothing_is_fetched_while_printing(tmp_path: Path) -> None:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not really a png")
    try:
        host, port = server.server_address[:2]
        doc = document(checklist_of()).replace(
            "</body>",
            f'<img src="http://{host}:{port}/x.png"><img src="{secret.as_uri()}">'
            f'<link rel="stylesheet" href="http://{host}:{port}/s.css"></body>',
        )
        render(tmp_path, {"t.pdf": doc})
    finally:
        server.shutdown()
    assert hits == []
    assert b"/Image" not in (tmp_path / "site" / "t.pdf").read_bytes()
