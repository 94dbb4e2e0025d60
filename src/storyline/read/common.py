"""What every reader shares: decoding untrusted bytes, dates, building an Article."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from storyline import settings
from storyline.errors import ReadError
from storyline.links import web_url
from storyline.read.charset import to_text
from storyline.records import Article, Failure, article_id

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
_WRITTEN = re.compile(
    r"(?:(?P<d1>\d{1,2})\s+)?(?P<month>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?,?\s+(?P<year>\d{4})", re.IGNORECASE)


def parse_date(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO or written date ('February 10, 2017', '10 Feb 2017'), else None."""
    if not value:
        return None
    value = value[:200]  # a date is short; searching a long field for one costs time for nothing
    m = _ISO.search(value)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        m = _WRITTEN.search(value)
        if m and (m["d1"] or m["d2"]):
            return date(int(m["year"]), _MONTHS[m["month"][:3].lower()], int(m["d1"] or m["d2"])).isoformat()
    except ValueError:
        return None
    return None


def decode(data: bytes, path: str, *, header: str | None = None, kind: str = "text") -> str:
    """Text from untrusted bytes in the encoding they declare (read/charset.py); binary is refused.
    `header`: the charset of the HTTP or WARC header they came with; `kind`: "html" or "xml"
    to read the document's own declaration."""
    if not data.strip():
        raise ReadError("E101", "the file is empty", "remove it or add the article text")
    head = data[:8192]
    if not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) and (
            b"\x00" in head or _binary_share(head) > 0.10):
        raise ReadError("E102", "the file is binary, not text",
                        "give Storyline .txt, .html, .jsonl, feed or WARC files")
    text = clean(to_text(data, header=header, kind=kind))
    if _readable_share(text[:20000]) < 0.6:
        raise ReadError("E104", "the text is mostly unreadable characters (a wrong encoding?)",
                        "check the file's encoding and convert it to UTF-8")
    return text


def _readable_share(text: str) -> float:
    """Share of letters, digits, spaces and punctuation of living scripts: low for mis-decoded bytes
    (which land in private-use areas, control codes or ancient scripts of the supplementary planes)."""
    if not text:
        return 0.0
    ok = 0
    for ch in text:
        code = ord(ch)
        if code >= 0x10000 and not (0x1F000 <= code < 0x1FB00 or 0x20000 <= code < 0x32000):
            continue
        if unicodedata.category(ch)[0] in "LNPZS" or ch in "\n\t":
            ok += 1
    return ok / len(text)


def _binary_share(head: bytes) -> float:
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / max(1, len(head))


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean(text: str) -> str:
    """Normalise newlines and Unicode form; drop control characters; a lone surrogate (which
    JSON can carry and no encoding can store) becomes U+FFFD."""
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return _CONTROL.sub("", text)


def unexpected(where: str, stage: str, exc: BaseException) -> Failure:
    """The Failure for an exception no reader or stage expected: what it was, briefly, and that
    the rest of the batch went on."""
    detail = " ".join(clean(str(exc)).split())
    detail = detail[:200] + ("\u2026" if len(detail) > 200 else "")
    return Failure(where, stage, f"[E190] the {stage} stage failed on it ({type(exc).__name__}"
                                 + (f": {detail})" if detail else ")"),
                   "it was skipped and the rest was stored; please report this with the file")


def safe_name(name: str) -> str:
    """A file name as text that can be stored and printed: bytes that are not UTF-8 (which
    os.fsdecode carries as lone surrogates) are written as \\xNN escapes."""
    if not _SURROGATE.search(name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def raw_article(*, text: str, name: str, title=None, outlet=None, url=None, author=None,
                published=None, published_from=None, body_start: int = 0) -> Article:
    if not text.strip():
        raise ReadError("E104", "no article text was found", "check that the file holds an article")
    limit = settings.current().max_chars
    if len(text) > limit:
        raise ReadError("E108", f"the article is {len(text):,} characters, over the limit of {limit:,}",
                        "split it into several articles, or raise STORYLINE_MAX_CHARS if it really is one")
    url = _short(url)
    if not published:
        # "nyt_2016-09-25_obama-says.txt", ".../2026/03/14/story": archives name articles by day.
        # Only a guess (the day it was filed, not always the day it was written), so "inferred".
        published = day_in_name(url) or day_in_name(name)
        published_from = "inferred" if published else None
    return Article(id=article_id(text), name=name, text=text, title=_short(title), outlet=_short(outlet),
                   url=web_url(url), author=_short(author), published=published,
                   published_from=published_from if published else None, body_start=body_start)


_NAMED_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_/.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


def day_in_name(name: str | None) -> str | None:
    """The day a file name or URL holds (2016-09-25, 2016_09_25, 2016/09/25, 20160925), or None."""
    for m in _NAMED_DAY.finditer(name or ""):
        try:
            return date(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat()
        except ValueError:
            continue
    return None


FIELD_CHARS = 500  # the most characters kept of a title, outlet, author or URL


def _short(value):
    """A metadata field on one line, at most FIELD_CHARS characters, cleaned like article text."""
    if value is None:
        return None
    if not isinstance(value, str):
        if isinstance(value, int) and value.bit_length() > 64:
            return None  # str() refuses ints of over 4,300 digits; no title is a number that long
        value = str(value)
    value = " ".join(clean(value[: FIELD_CHARS * 8]).split())
    return value[:FIELD_CHARS] or None
