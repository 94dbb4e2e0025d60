"""Mutated input files for the fuzz suite (tests/test_fuzz.py, with hypothesis) and for
bench/fuzz.py (100,000 cases, seeded): one small valid file of each kind the readers take, and
mutations that the attack campaign of issue 21 found reader bugs with (hostile tokens spliced in,
bytes flipped, files cut short or doubled, a declared encoding that lies, a name that is not
UTF-8), applied in any number and order.

A case is (name, data): `name` is bytes (file names need not be text). `check(items)` says what
a reader's output must be: Articles and Failures only, names that can be stored and printed,
metadata within its limits, only web URLs.
"""
from __future__ import annotations

import gzip
import json
import random
import zlib

__all__ = ["SEEDS", "TOKENS", "OPS", "mutate", "random_case", "check"]

_BODY = ("Minister Ilse Kova met Petar Dunn on March 4, 2026, two officials said. Kova denied it on "
         "Tuesday. \u201cI have never met him,\u201d she said. Caf\u00e9 owners in Portvale said the "
         "harbour vote was rushed.")


def _warc(body: bytes, gz: bool, uri: str = "http://example.org/a") -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    record = head + http + b"\r\n\r\n"
    return gzip.compress(record) if gz else record


_HTML = (f'<html><head><meta charset="utf-8"><title>Kova denies meeting</title></head><body><article>'
         f"<h1>Kova denies meeting</h1><p>{_BODY}</p><p>By Jane Roe</p></article></body></html>").encode()

SEEDS: dict[str, bytes] = {
    ".txt": (f"Outlet: Daily Herald\ndate 2026-03-02\nBy Jane Roe\n\nKova denies meeting\n\n"
             f"PORTVALE, March 9 (Harbour Wire) - {_BODY}\n").encode(),
    ".html": _HTML,
    ".jsonl": "\n".join(json.dumps({"text": _BODY, "title": f"Story {i}", "url": f"https://example.org/{i}",
                                    "outlet": "Harbour Wire", "published": "2026-03-06"}) for i in range(3)).encode(),
    ".rss": (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Civic Ledger</title>'
             f"<item><title>First</title><link>http://example.org/1</link><author>Jane Roe</author>"
             f"<pubDate>Tue, 10 Mar 2026 08:00:00 GMT</pubDate><description>&lt;p&gt;{_BODY}&lt;/p&gt;"
             f"</description></item></channel></rss>").encode(),
    ".atom": (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger</title><entry>'
              f"<title>One</title><link href='http://example.org/2'/><updated>2026-03-10T08:00:00Z</updated>"
              f"<content type='html'>&lt;p&gt;{_BODY}&lt;/p&gt;</content></entry></feed>").encode(),
    ".warc": _warc(_HTML, gz=False),
    ".warc.gz": _warc(_HTML, gz=True),
}

# What the attack campaign spliced in (issue 21), and their kin.
TOKENS: list[bytes] = [
    b"\x00", b"\xff", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\\ud800", b"\\udfff\\ud800",
    b"[" * 3000, b"{" * 3000, b"9" * 5000, b"-" + b"9" * 400, b"1e999999", b"NaN", b'"published": ' + b"7" * 4400,
    b'<?xml version="1.0" encoding="utf\x9b8"?>', b'<?xml version="1.0" encoding="utf-16"?>',
    b'<meta charset="x-unknown">', b'<meta charset="utf-32">', b'<meta charset="windows-1256">',
    b'<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>', b"&b;", b"&#0;", b"&#xd800;", b"&#1114112;",
    b"<![CDATA[", b"]]>", b"<item>", b"</item>", b"<entry>", b"<script>alert(1)</script>", b"<!--", b"-->",
    b"\x1b[2J", b"\x9b31m", "\u202e".encode(), b"\r", b"\r\n" * 50, b"\n" * 2000,
    b" " * 30000, b"\t" * 5000, b"By " + b" " * 5000 + b"x", b"PARIS, May 1" + b" " * 5000,
    b"WARC/1.0\r\n", b"Content-Length: 999999999\r\n", b"Content-Length: -5\r\n", b"WARC-Target-URI: \r\n",
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00", b"javascript:alert(1)", b'"url": "javascript:alert(1)", ',
    b'"title": ' + json.dumps("T" * 3000).encode() + b", ", b"\xc3\xa9", b"\xe9", b"\x81\x8d\x8f\x90\x9d",
    "\u0645\u0631\u062d\u0628\u0627".encode("cp1256"), "\u041c\u0438\u0440".encode("koi8-r"),
    "\u6e2f\u53e3".encode("gbk"), "\u6e2f".encode("shift_jis"), b"\xf0\x9f\x9a\xa2", b"\xf4\x90\x80\x80",
]

OPS = ("insert", "replace", "flip", "cut", "double", "splice", "gzip", "degzip", "rename", "badname")
_SUFFIXES = list(SEEDS)


def mutate(seed: str, ops: list[tuple[str, float, int]]) -> tuple[bytes, bytes]:
    """(name, data): the seed of kind `seed` with each (op, where in 0..1, which) applied in turn."""
    data, suffix, stem = SEEDS[seed], seed, b"case"
    for op, where, which in ops:
        at = int(where * len(data))
        if op == "insert":
            data = data[:at] + TOKENS[which % len(TOKENS)] + data[at:]
        elif op == "replace":
            token = TOKENS[which % len(TOKENS)]
            data = data[:at] + token + data[at + len(token):]
        elif op == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ (1 + which % 255)]) + data[at + 1:]
        elif op == "cut":
            data = data[:at]
        elif op == "double":
            data = data[:at] + data[at:] * (2 + which % 3)
        elif op == "splice":
            other = SEEDS[_SUFFIXES[which % len(_SUFFIXES)]]
            data = data[:at] + other[int(where * len(other)):]
        elif op == "gzip":
            data = gzip.compress(data)
        elif op == "degzip":
            try:
                data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, 1 << 22)
            except zlib.error:
                pass
        elif op == "rename":
            suffix = _SUFFIXES[which % len(_SUFFIXES)]
        elif op == "badname":
            stem = [b"caf\xe9", b"bad\nname", b"\x1b[2Jx", b"\xff\xfe", b"a" * 200, b"-rf", b"..x"][which % 7]
    return stem + suffix.encode(), data


def random_case(rng: random.Random) -> tuple[bytes, bytes]:
    """A case as bench/fuzz.py draws them: a seed and one to six mutations; one in twenty is
    random bytes under a reader's suffix."""
    if rng.random() < 0.05:
        return b"noise" + rng.choice(_SUFFIXES).encode(), bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 3000)))
    ops = [(rng.choice(OPS), rng.random(), rng.randrange(10_000)) for _ in range(rng.randint(1, 6))]
    return mutate(rng.choice(_SUFFIXES), ops)


def check(items: list) -> list[str]:
    """What is wrong with a reader's output (nothing, for a good reader)."""
    from storyline.records import Article, Failure
    from storyline.settings import current
    limit = getattr(current(), "max_chars", 10 ** 9)  # (bench/fuzz.py also runs against older code)
    wrong = []
    for item in items:
        if isinstance(item, Failure):
            fields = (item.path, item.stage, item.problem, item.hint)
            if not all(isinstance(f, str) and f for f in fields):
                wrong.append(f"a failure with an empty field: {item!r}"[:300])
            elif "\n" in item.line():
                wrong.append(f"a failure line that splits: {item.line()!r}"[:300])
        elif isinstance(item, Article):
            if not item.text.strip() or len(item.text) > limit:
                wrong.append(f"an article of {len(item.text)} characters")
            for name in ("name", "text", "title", "outlet", "author", "url"):
                value = getattr(item, name)
                if value is None:
                    continue
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    wrong.append(f"article {name} cannot be stored as UTF-8: {value[:80]!r}")
                if name not in ("name", "text") and (len(value) > 500 or any(ord(c) < 32 or 0x7f <= ord(c) < 0xa0
                                                                             for c in value)):
                    wrong.append(f"article {name} over 500 characters or with control characters")
            if item.url is not None and not item.url.lower().startswith(("http://", "https://")):
                wrong.append(f"article url {item.url[:80]!r} is not a web URL")
            if not 0 <= item.body_start <= len(item.text):
                wrong.append("body_start outside the text")
        else:
            wrong.append(f"a {type(item).__name__} among the reader's output")
    return wrong

