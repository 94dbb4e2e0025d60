"""Saying what it cannot read: each article's language (a non-English one is stored, flagged and
left out of analysis, and the summary says so), PDF and DOCX read with their page and paragraph
offsets, and the formats it cannot read refused with how to convert them."""
import io
import json
import sqlite3

import pytest

from storyline.cli import main
from storyline.read import read_paths
from storyline.read.language import detect

# Our own sentences, written for these tests.
SPANISH = ("La ministra de Transportes negó el martes que se hubiera reunido con el representante de la "
           "empresa naviera antes de la votación del consejo portuario, según dijo su portavoz.")
GERMAN = ("Die Verkehrsministerin bestritt am Dienstag, den Lobbyisten der Reederei vor der Abstimmung im "
          "Hafenrat getroffen zu haben. Ihre Sprecherin sagte, es habe kein Treffen gegeben.")
FRENCH = ("La ministre des Transports a nié mardi avoir rencontré le représentant de la compagnie maritime "
          "avant le vote du conseil portuaire, a déclaré sa porte-parole.")
ENGLISH = ("The transport minister denied on Tuesday that she had met the shipping company's lobbyist before "
           "the harbour council vote, her spokeswoman told reporters.")


@pytest.mark.parametrize("text, expected", [
    (ENGLISH, "en"), (SPANISH, "es"), (GERMAN, "de"), (FRENCH, "fr"),
    ("Kova: no.", None),  # too short to tell
    ("Ilse Kova, Petar Dunn, 2026-03-04", None),
    (ENGLISH + " " + SPANISH[:60], "en"),  # an English article quoting a few words
])
def test_the_language_of_a_text(text, expected):
    assert detect(text) == expected


def test_an_article_in_another_language_is_stored_flagged_and_not_analysed(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "es.txt").write_text("Title: La ministra niega la reunión\n\n" + SPANISH + "\n", encoding="utf-8")
    (folder / "de.txt").write_text(GERMAN + "\n", encoding="utf-8")
    (folder / "en.txt").write_text("Title: Minister denies meeting\n\n" + ENGLISH + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    assert main(["ingest", str(folder), "--db", str(db), "--json", "--quiet"]) == 0
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert sorted((x["path"], x["language"]) for x in report["not_analysed"]) == [("de.txt", "de"), ("es.txt", "es")]
    assert report["added"] == 3
    assert '"es.txt": stored but not analysed: it is written in Spanish (es)' in err
    conn = sqlite3.connect(db)
    languages = dict(conn.execute("SELECT name, language FROM articles"))
    assert languages == {"es.txt": "es", "de.txt": "de", "en.txt": "en"}
    for table in ("mentions", "claims", "events", "timexes"):
        names = {r[0] for r in conn.execute(f"SELECT a.name FROM {table} t JOIN articles a ON a.id = t.article_id")}
        assert not names & {"es.txt", "de.txt"}, table
    assert {r[0] for r in conn.execute("SELECT a.name FROM claims c JOIN articles a ON a.id = c.article_id")} == {"en.txt"}
    conn.close()
    (folder / "fr.txt").write_text(FRENCH + "\n", encoding="utf-8")
    assert main(["ingest", str(folder), "--db", str(db), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert "1 article(s) added, 3 already stored" in err and "1 stored but not analysed (1 French)" in err
    assert "English only" in err


# -- PDF and DOCX ---------------------------------------------------------------------------

def _pdf(pages: list[str], title: str | None = None) -> bytes:
    """A small PDF with one line of Helvetica text a page (written here, for these tests)."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode('latin-1')}\nendstream")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {len(objects)} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    if title:
        objects.append(f"<< /Title ({title}) >>")
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    info = f" /Info {len(objects)} 0 R" if title else ""
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


PAGE_ONE = "The harbour council met on Monday to discuss the port contract."
PAGE_TWO = "The minister said on Tuesday that she had not met the lobbyist."


def test_a_pdf_is_read_page_by_page(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(_pdf([PAGE_ONE, PAGE_TWO], title="Port contract report"))
    [article] = list(read_paths([path], 5 << 20))
    assert article.title == "Port contract report" and article.language == "en"
    assert len(article.parts) == 2 and article.parts[0] == 0
    assert article.text[article.parts[0]:].startswith(PAGE_ONE)
    assert article.text[article.parts[1]:].startswith(PAGE_TWO)


def test_a_pdf_that_cannot_be_read_says_what_to_do(tmp_path):
    from pypdf import PdfWriter
    blank = PdfWriter()
    blank.add_blank_page(612, 792)
    locked = PdfWriter()
    locked.add_blank_page(612, 792)
    locked.encrypt("secret")
    cases = {"scan.pdf": (blank, "E154", "OCR"), "locked.pdf": (locked, "E152", "password")}
    for name, (writer, code, words) in cases.items():
        buffer = io.BytesIO()
        writer.write(buffer)
        (tmp_path / name).write_bytes(buffer.getvalue())
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF garbage")
    (tmp_path / "fake.pdf").write_bytes(b"just some text, not a PDF at all, in a file named .pdf")
    found = {f.path: f for f in read_paths([tmp_path], 5 << 20)}
    for name, (_, code, words) in cases.items():
        assert code in found[name].problem and words in found[name].hint, found[name]
    assert found["broken.pdf"].stage == "read" and ("pdftotext" in found["broken.pdf"].hint
                                                     or "E154" in found["broken.pdf"].problem)
    assert "E151" in found["fake.pdf"].problem


def test_a_docx_is_read_paragraph_by_paragraph(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.core_properties.title = "Minister denies meeting"
    document.core_properties.author = "Jane Roe"
    paragraphs = ["PORTVALE, March 10 (Harbour Wire) - The minister denied meeting the lobbyist.",
                  "", "Her spokeswoman said there had been no dinner.", "The council voted on March 20."]
    for p in paragraphs:
        document.add_paragraph(p)
    path = tmp_path / "story.docx"
    document.save(path)
    [article] = list(read_paths([path], 5 << 20))
    assert article.title == "Minister denies meeting" and article.author == "Jane Roe"
    assert article.outlet == "Harbour Wire"  # the plain-text reader's dateline, as for a .txt
    kept = [p for p in paragraphs if p]
    assert len(article.parts) == len(kept)
    for start, p in zip(article.parts, kept):
        assert article.text[start:start + len(p)] == p


def test_formats_it_cannot_read_say_how_to_convert(tmp_path):
    for name in ("old.doc", "letter.rtf", "notes.odt"):
        (tmp_path / name).write_bytes(b"\xd0\xcf\x11\xe0 not read")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    found = {f.path: f for f in read_paths([tmp_path], 5 << 20)}
    for name in ("old.doc", "letter.rtf", "notes.odt"):
        assert "E150" in found[name].problem and "libreoffice --headless --convert-to docx" in found[name].hint
    assert "E155" in found["broken.docx"].problem and ".txt" in found["broken.docx"].hint


def test_a_docx_article_is_ingested_with_its_paragraph_offsets(tmp_path, capsys):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for p in (ENGLISH, "The council voted on Friday to award the contract to Greyline Shipping."):
        document.add_paragraph(p)
    document.save(tmp_path / "a.docx")
    db = tmp_path / "d.db"
    assert main(["ingest", str(tmp_path / "a.docx"), "--db", str(db), "--quiet"]) == 0
    conn = sqlite3.connect(db)
    text, parts = conn.execute("SELECT text, parts FROM articles").fetchone()
    starts = json.loads(parts)
    assert text[starts[1]:].startswith("The council voted")
    assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] >= 1
    conn.close()
