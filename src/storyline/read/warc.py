"""WARC archives: every HTML response record becomes an article, named by its URL."""
from __future__ import annotations

import io

from storyline.errors import ReadError
from storyline.read.common import decode
from storyline.read.html import read_html
from storyline.records import Failure


def read_warc(data: bytes, name: str):
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    if not _looks_like_warc(data):
        raise ReadError("E141", "the file is not a WARC archive (no WARC/1.x header)",
                        "check that the file is a (gzipped) WARC")
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            ctype = record.http_headers.get_header("Content-Type") if record.http_headers else ""
            if ctype and "html" not in ctype.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or name
            where = f"{name}#{url}"
            try:
                markup = decode(record.content_stream().read(), where)
                yield read_html(markup, where, url=url)
            except ReadError as err:
                yield Failure(where, "read", f"[{err.code}] {err.problem}", "that record was skipped; the others were read")
    except ArchiveLoadFailed as exc:
        raise ReadError("E141", f"the WARC archive could not be read ({exc})",
                        "check that the file is a (gzipped) WARC") from exc


def _looks_like_warc(data: bytes) -> bool:
    head = data[:64]
    if data[:2] == b"\x1f\x8b":
        import zlib
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:4096], 64)
        except zlib.error:
            return False
    return head.lstrip().startswith(b"WARC/")
