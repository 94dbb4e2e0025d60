"""Readers: files and folders in, `Article` records (or `Failure`s) out.

Every reader is hostile-input safe: size is checked before reading, bytes are
decoded defensively, and one bad file or line becomes a `Failure`, never an exception.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from storyline import settings
from storyline.budget import OverBudget, deadline
from storyline.errors import ReadError
from storyline.read.common import decode, safe_name, unexpected
from storyline.records import Article, Failure

__all__ = ["read_paths", "read_file", "input_files", "InputFile", "SUFFIXES", "CONVERT"]

SUFFIXES = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
    ".warc": "warc", ".gz": "warc",
    ".pdf": "pdf", ".docx": "docx",
}
# Formats read by no library here: refused with how to convert them (LibreOffice converts all
# three from the command line).
CONVERT = {".doc": "docx", ".rtf": "docx", ".odt": "docx", ".pages": "docx", ".wpd": "docx"}


def read_paths(paths: Iterable[str | os.PathLike], max_bytes: int,
               exclude: Iterable[str | os.PathLike] = ()) -> Iterator[Article | Failure]:
    """Articles from files and folders (recursively, in sorted order); `exclude` names files
    never to read (the database being written, for one)."""
    for found in input_files(paths, exclude):
        if isinstance(found, Failure):
            yield found
        else:
            yield from read_file(found.path, found.name, max_bytes)


@dataclass(frozen=True)
class InputFile:
    path: Path
    name: str  # as reported: the path given, or relative to the folder given
    size: int  # bytes, or 0 when it cannot be looked at (reading it then says why)


def input_files(paths: Iterable[str | os.PathLike],
                exclude: Iterable[str | os.PathLike] = ()) -> Iterator[InputFile | Failure]:
    """The files `read_paths` reads, in its order, with their sizes (for progress: a run's
    total is known before the first article is analysed); a path that is not there is a Failure."""
    skip = {Path(p).resolve() for p in exclude}
    for given in paths:
        path = Path(os.fsdecode(given))
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
        except OSError as exc:  # a name too long, a loop of links
            yield Failure(safe_name(str(path)), "read", f"the path cannot be looked at ({exc.strerror or exc})",
                          "check the path")
            continue
        if is_dir:
            yield from _folder_files(path, skip)
        elif is_file:
            yield InputFile(path, path.name, _size(path))
        else:
            yield Failure(safe_name(str(path)), "read", "no such file or folder", "check the path")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _folder_files(path: Path, skip: set) -> Iterator[InputFile | Failure]:
    try:
        files = sorted(p for p in path.rglob("*") if p.is_file())
    except OSError as exc:
        yield Failure(safe_name(str(path)), "read", f"the folder cannot be listed ({exc.strerror or exc})",
                      "check its permissions")
        return
    for file in files:
        rel = file.relative_to(path)
        if any(part.startswith(".") for part in rel.parts) or file.resolve() in skip:
            continue  # hidden files and folders (.git, .DS_Store) are not articles
        yield InputFile(file, rel.as_posix(), _size(file))


def read_file(path: Path, name: str, max_bytes: int) -> Iterator[Article | Failure]:
    """Articles of one file; a problem with the file becomes one Failure. Whatever a reader
    raises for this file (a library's own bug on hostile bytes included) is a Failure of this
    file: the articles read from it before are kept, and the other files are read."""
    name = safe_name(name)  # a name that is not UTF-8 is read all the same, and shown escaped
    kind = _kind(path)
    if kind is None and path.suffix.lower() in CONVERT:
        yield Failure(name, "read", f"[E150] {safe_name(path.suffix)} files cannot be read",
                      f"convert it to .{CONVERT[path.suffix.lower()]} or .txt first (for example: libreoffice "
                      f"--headless --convert-to {CONVERT[path.suffix.lower()]} FILE), then ingest that; it was skipped")
        return
    if kind is None:
        yield Failure(name, "read", f"unknown file type {safe_name(path.suffix) or '(no suffix)'!r}",
                      "give .txt, .html, .jsonl, .rss/.atom/.xml, .warc(.gz), .pdf or .docx files; it was skipped")
        return
    read: list[Article | Failure] = []
    conf = settings.current()
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield Failure(name, "read", f"the file is {size:,} bytes, over the limit of {max_bytes:,}",
                          "raise --max-bytes (or STORYLINE_MAX_BYTES) if it really is one article")
            return
        data = path.read_bytes()
        with deadline(conf.input_seconds):
            for item in _parse(kind, data, name, max_bytes, conf):
                read.append(item)
    except ReadError as err:
        read.append(Failure(name, "read", f"[{err.code}] {err.problem}", err.hint or "it was skipped"))
    except OSError as exc:
        read.append(Failure(name, "read", f"the file could not be opened ({exc.strerror or exc})",
                            "check its permissions"))
    except OverBudget as exc:
        read.append(Failure(name, "read", f"[E109] reading it took {exc}",
                            "it was skipped; raise STORYLINE_INPUT_SECONDS if it really is that slow to read"))
    except Exception as exc:  # noqa: BLE001 - the guard: no reader bug may stop the batch
        read.append(unexpected(name, "read", exc))
    if not read:  # a feed with no entries, a WARC with no HTML response: said, not passed over
        read.append(Failure(name, "read", f"[E100] no article was found in the {kind} file",
                            "check that it holds articles; it was skipped"))
    for item in read:
        yield _with_language(name, item)


def _with_language(name: str, item: Article | Failure) -> Article | Failure:
    """The article with the language of its text (read/language.py); the guard around it too."""
    if isinstance(item, Failure):
        return item
    from storyline.read.language import with_language
    try:
        return with_language(item)
    except Exception as exc:  # noqa: BLE001 - a detector's bug must not lose the article
        return unexpected(name, "read", exc)


def _kind(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith((".warc.gz", ".warc")):
        return "warc"
    kind = SUFFIXES.get(path.suffix.lower())
    return None if kind == "warc" else kind


def _parse(kind: str, data: bytes, name: str, max_bytes: int, conf) -> Iterator[Article | Failure]:
    if kind == "text":
        from storyline.read.text import read_text
        yield read_text(decode(data, name), name)
    elif kind == "html":
        from storyline.read.html import read_html
        yield read_html(decode(data, name, kind="html"), name)
    elif kind == "jsonl":
        from storyline.read.jsonl import read_jsonl
        yield from read_jsonl(decode(data, name), name)
    elif kind == "feed":
        from storyline.read.feed import read_feed
        yield from read_feed(data, name, max_entries=conf.max_entries)
    elif kind == "pdf":
        from storyline.read.documents import read_pdf
        yield read_pdf(data, name)
    elif kind == "docx":
        from storyline.read.documents import read_docx
        yield read_docx(data, name)
    elif kind == "warc":
        from storyline.read.warc import read_warc
        if not data.strip():
            raise ReadError("E101", "the file is empty", "remove it")
        yield from read_warc(data, name, max_record=max_bytes, max_inflated=conf.max_inflated)
