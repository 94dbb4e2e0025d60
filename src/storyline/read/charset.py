"""Bytes to text in the encoding the input declares, in the order a browser trusts them:

  1. a byte-order mark;
  2. the charset of the HTTP (or WARC record) header the bytes came with;
  3. the document's own declaration: `<meta charset>` (or `http-equiv` Content-Type) in HTML,
     `<?xml ... encoding="..."?>` in a feed;
  4. UTF-8, when the bytes are valid UTF-8;
  5. charset-normalizer's guess, when it is confident.

Text that still reads as mis-decoded (UTF-8 read as windows-1252 and written out again, or a
guess that the detector itself calls a mess) is refused with a message, never stored: stored
mojibake would be searched, quoted and exported as if it were the article.
"""
from __future__ import annotations

import codecs
import re

from storyline.errors import ReadError

__all__ = ["to_text", "declared_in", "charset_of_header"]

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Labels that mean a superset in practice (the WHATWG Encoding Standard's mapping): a page that
# says iso-8859-1 is decoded as windows-1252 by every browser, gb2312 as GBK, and so on.
_SUPERSETS = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "l1": "cp1252", "ascii": "cp1252",
              "us-ascii": "cp1252", "iso8859-1": "cp1252", "gb2312": "gb18030", "gbk": "gb18030",
              "x-gbk": "gb18030", "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932",
              "x-sjis": "cp932", "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "iso-8859-9": "cp1254",
              "tis-620": "cp874", "iso-8859-11": "cp874"}
_LABEL = re.compile(rb"[A-Za-z0-9._:-]{1,40}")
_META = re.compile(rb"<meta\b[^>]{0,400}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]{1,40})", re.IGNORECASE)
_XML_DECL = re.compile(rb"^\s*<\?xml\b[^>]{0,200}?encoding\s*=\s*[\"']([^\"'>]{0,40})[\"']", re.IGNORECASE)
_HEADER = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.IGNORECASE)
_HEAD = 4096  # declarations are searched for in the first bytes only, as browsers do (1024) with room


def charset_of_header(content_type: str | None) -> str | None:
    """The charset a Content-Type header value names ("text/html; charset=GB2312" -> "GB2312")."""
    m = _HEADER.search(content_type or "")
    return m.group(1) if m else None


def declared_in(data: bytes, kind: str) -> str | None:
    """The encoding the document itself declares: `kind` "html" reads <meta>, "xml" the XML declaration."""
    head = data[:_HEAD]
    m = (_META if kind == "html" else _XML_DECL).search(head)
    if not m:
        return None
    return m.group(1).decode("latin-1")


def _codec(label: str | None) -> str | None:
    """Python's codec for an encoding label, or None for a label no codec answers to."""
    if not label:
        return None
    label = label.strip().lower()
    if not _LABEL.fullmatch(label.encode("latin-1", "replace")):
        return None
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def to_text(data: bytes, *, header: str | None = None, kind: str = "text") -> str:
    """Decode untrusted bytes as described in the module docstring; ReadError when no encoding fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], codec, "its byte-order mark")
    for label, where in ((header, "its HTTP header"), (declared_in(data, kind) if kind != "text" else None,
                                                      "its own declaration")):
        codec = _codec(label)
        if codec is None:
            continue  # an unknown or garbled label is no evidence either way: go on to the next
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue  # declared wrong (often UTF-8 labelled latin-1 or the reverse): let the bytes tell
        return _unless_double_encoded(text)
    try:
        return _unless_double_encoded(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    return _guess(data)


def _strict(data: bytes, codec: str, why: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise ReadError("E103", f"the text cannot be decoded as {codec}, which {why} names "
                                f"({exc.reason} at byte {exc.start})", "convert the file to UTF-8") from exc


_CJK = {"Japanese", "Chinese", "Korean"}  # charset-normalizer's coherence says little for these


def _guess(data: bytes) -> str:
    """Bytes that are not UTF-8 and declare nothing: windows-1252 for Western text, as browsers
    fall back to (the detector often names a Mac or central-European page for the same bytes),
    else charset-normalizer's guess when it reads as a language."""
    western = _western(data)
    if western is not None:
        return _unless_double_encoded(western)
    from charset_normalizer import from_bytes
    best = from_bytes(data[:200_000]).best()  # a guess needs a sample, not the whole file
    if best is None:
        raise ReadError("E105", "the text's encoding could not be told (it is not UTF-8 and declares none)",
                        "convert the file to UTF-8, or declare its charset in a <meta> tag")
    if best.chaos > 0.2 or (best.coherence < 0.1 and best.language not in _CJK):
        raise ReadError("E106", "the text reads as garbled in every encoding tried "
                                f"(best: {best.encoding}, which makes no {best.language} text of it)",
                        "convert the file to UTF-8, or declare its charset in a <meta> tag")
    try:
        text = data.decode(best.encoding)
    except UnicodeDecodeError as exc:  # the guess was made on a sample; the rest disagrees with it
        raise ReadError("E105", f"the text's encoding could not be told (not {best.encoding} throughout)",
                        "convert the file to UTF-8") from exc
    return _unless_double_encoded(text)


def _western(data: bytes) -> str | None:
    """The text as windows-1252 when it reads as Western text: accented letters among plain ones
    ("Café", "Straße"), not words made wholly of them, which is what Cyrillic, Greek or Arabic
    bytes look like through windows-1252."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [ch for ch in text[:50_000] if ch.isalpha()]
    accented = sum(1 for ch in letters if ord(ch) > 127)
    return text if letters and accented <= 0.2 * len(letters) else None


_MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                            "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def _unless_double_encoded(text: str) -> str:
    """The text, unless it is UTF-8 that was once read as windows-1252 and written out again
    ("CafÃ©", "Ð¿Ñ€Ð¸"): such text encodes back to windows-1252 bytes that are valid UTF-8."""
    sample = text[:20_000]
    if not _MOJIBAKE_LEAD.search(sample):
        return text
    try:
        repaired = sample.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text
    if repaired != sample:
        raise ReadError("E107", "the text is mis-decoded (UTF-8 that was once read as windows-1252, "
                                f"e.g. {_mojibake_example(sample)!r})",
                        "fix the file's encoding at its source (or re-save it as UTF-8 from the original)")
    return text


def _mojibake_example(sample: str) -> str:
    m = _MOJIBAKE_LEAD.search(sample)
    return sample[max(0, m.start() - 8): m.end() + 8] if m else ""
