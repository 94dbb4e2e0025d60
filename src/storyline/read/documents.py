"""PDF and Word (.docx) files: their text through pypdf and python-docx, with where each page or
paragraph begins (`Article.parts`), then the plain-text reader's title, metadata and dateline.

A PDF's pages are joined with a blank line, a DOCX's paragraphs too, so character offsets stay
exact into the stored text and each page or paragraph can be found again. What cannot be read says
how to convert it: a PDF without a text layer (a scan) needs OCR; an encrypted one, its password
removed; a damaged file, saving again or converting to text.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import replace

from storyline import settings
from storyline.errors import ReadError
from storyline.read.common import clean
from storyline.read.text import read_text
from storyline.records import Article

__all__ = ["read_pdf", "read_docx"]

_GAP = "\n\n"  # between pages, between paragraphs


def read_pdf(data: bytes, name: str) -> Article:
    """One Article from a PDF's text layer, `parts` the offsets where its pages begin."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    if b"%PDF-" not in data[:1024]:
        raise ReadError("E151", "the file is not a PDF (it has no %PDF header)",
                        "check the file; if it is text, give it a .txt suffix")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("E152", "the PDF is encrypted with a password",
                            "remove the password (for example: qpdf --decrypt --password=PW IN.pdf OUT.pdf) "
                            "and ingest the copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = (reader.metadata or {}).get("/Title") if reader.metadata else None
    except ReadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError("E153", f"the PDF could not be read ({type(exc).__name__}: {' '.join(str(exc).split())[:120]})",
                        "open and save it again, or convert it to text (for example: pdftotext FILE.pdf) "
                        "and ingest the .txt") from None
    text, parts = _joined(pages)
    if not text.strip():
        raise ReadError("E154", "the PDF has no text layer (a scanned image?)",
                        "run OCR on it first (for example: ocrmypdf IN.pdf OUT.pdf) and ingest the result")
    return _article(text, name, parts, title if isinstance(title, str) else None)


def read_docx(data: bytes, name: str) -> Article:
    """One Article from a Word document's body paragraphs, `parts` where each begins."""
    from docx import Document
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            inflated = sum(info.file_size for info in zf.infolist())
    except zipfile.BadZipFile:
        raise ReadError("E155", "the file is not a .docx document (not a zip archive)",
                        "open it in a word processor and save it as .docx, or save it as .txt") from None
    limit = settings.current().max_inflated
    if inflated > limit:
        raise ReadError("E156", f"the document inflates to {inflated:,} bytes, over the limit of {limit:,}",
                        "save its text as .txt and ingest that, or raise STORYLINE_MAX_INFLATED")
    try:
        document = Document(io.BytesIO(data))
        paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
        title = document.core_properties.title or None
        author = document.core_properties.author or None
    except (KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReadError("E155", f"the .docx document could not be read ({type(exc).__name__})",
                        "open it in a word processor and save it again, or save it as .txt") from None
    text, parts = _joined(paragraphs)
    article = _article(text, name, parts, title)
    return article if article.author or not author else replace(article, author=" ".join(author.split())[:500])


def _joined(pieces: list[str]) -> tuple[str, tuple[int, ...]]:
    """The pieces cleaned like any article text and joined with blank lines; where each begins."""
    text, parts = "", []
    for piece in pieces:
        if text:
            text += _GAP
        parts.append(len(text))
        text += clean(piece).strip("\n")
    return text, tuple(parts)


def _article(text: str, name: str, parts: tuple[int, ...], title: str | None) -> Article:
    article = read_text(text, name)
    if title and title.strip() and not article.title:
        article = replace(article, title=" ".join(title.split())[:500])
    return replace(article, parts=parts)
