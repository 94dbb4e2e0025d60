"""WARC archives: every HTML response record becomes an article, named by its URL.

A gzipped WARC is inflated here, member by member, up to a budget (`max_inflated` for the
file; each record's payload up to `max_record`), before warcio sees it: the size limit on the
file says nothing of what it inflates to (4 MB of gzip can hold 4 GB of zeros).
"""
from __future__ import annotations

import io
import zlib

from storyline.errors import ReadError
from storyline.read.charset import charset_of_header
from storyline.read.common import decode, unexpected
from storyline.links import web_url
from storyline.read.html import read_html
from storyline.records import Failure

_STEP = 1 << 20


def read_warc(data: bytes, name: str, max_record: int = 5 * 1024 * 1024, max_inflated: int = 100 * 1024 * 1024):
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    if data[:2] == b"\x1f\x8b":
        data = inflate(data, max_inflated)
    if not data.lstrip()[:5] == b"WARC/":
        raise ReadError("E141", "the file is not a WARC archive (no WARC/1.x header)",
                        "check that the file is a (gzipped) WARC")
    records = _quiet(ArchiveIterator)(io.BytesIO(data))
    number = 0
    try:
        while True:
            number += 1
            try:
                record = next(records)
            except StopIteration:
                return
            except (ArchiveLoadFailed, ReadError):
                raise
            except Exception as exc:  # noqa: BLE001 - warcio fails on some malformed records
                # (a response without WARC-Target-URI raises AttributeError inside it); its
                # iterator cannot go on after that, so the records before are kept
                failed = unexpected(f"{name}#record {number}", "read", exc)
                yield Failure(failed.path, "read", failed.problem,
                              "that record and the ones after it were skipped; the ones before were read")
                return
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            if ctype and "html" not in ctype.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{name}#{url or f'record {number}'}"
            try:
                payload = record.content_stream().read(max_record + 1)
                if len(payload) > max_record:
                    raise ReadError("E143", f"the record's page is over {max_record:,} bytes (inflated)",
                                    "raise --max-bytes if it really is one article")
                markup = decode(payload, where, header=charset_of_header(ctype), kind="html")
                yield read_html(markup, where, url=web_url(url))
            except ReadError as err:
                yield Failure(where, "read", f"[{err.code}] {err.problem}",
                              "that record was skipped; the others were read")
            except Exception as exc:  # noqa: BLE001 - one record's surprise is that record's failure
                yield unexpected(where, "read", exc)
    except ArchiveLoadFailed as exc:
        raise ReadError("E141", f"the WARC archive could not be read ({exc})",
                        "check that the file is a (gzipped) WARC") from exc


def _quiet(iterator_class):
    """warcio's iterator without the warning it writes straight to stderr on a record whose
    length is wrong (with the record's bytes in it): the terminal is ours, and such a record is
    a failure to report, or nothing."""
    return type("QuietArchiveIterator", (iterator_class,), {"INC_RECORD": ""})


def inflate(data: bytes, limit: int) -> bytes:
    """The gzip members of `data` inflated and joined, refusing to make more than `limit` bytes."""
    out, size, rest = [], 0, data
    while rest:
        unpack = zlib.decompressobj(16 + zlib.MAX_WBITS)
        chunk = rest
        while True:
            try:
                piece = unpack.decompress(chunk, min(_STEP, limit - size + 1))
            except zlib.error as exc:
                if size:
                    return b"".join(out)  # damaged after whole records: keep those, as warcio would
                raise ReadError("E141", f"the gzip data is damaged ({exc})",
                                "check that the file is a (gzipped) WARC") from exc
            size += len(piece)
            out.append(piece)
            if size > limit:
                raise ReadError("E142", f"the archive inflates to over {limit:,} bytes",
                                "split it into smaller WARC files, or raise STORYLINE_MAX_INFLATED")
            if unpack.eof or not (chunk := unpack.unconsumed_tail):
                break
        if not unpack.eof:
            if size == 0:
                raise ReadError("E141", "the file is not a gzipped WARC archive", "check that the file is a (gzipped) WARC")
            break  # a truncated last member: keep what it held, as warcio would
        rest = unpack.unused_data.lstrip(b"\x00")
    return b"".join(out)
