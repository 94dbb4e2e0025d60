"""Plain-text articles: optional metadata lines, a title line, a dateline.

Recognised leading metadata (any order, before the title):
    date 2019-05-14 ...            Published: February 10, 2017
    By Jane Doe                    Outlet: Daily Herald    URL: https://...
    Title: ...
A first body line like ``LONDON, May 14 (Reuters) -`` is a dateline: it gives the
date (year from metadata when known, else left for the time stage) and the outlet.
"""
from __future__ import annotations

import re
from datetime import date

from storyline.errors import ReadError
from storyline.read.common import parse_date, raw_article

_META = re.compile(
    r"^(?:(?P<key>date|by)\b:?\s+|(?P<ckey>published|updated|outlet|source|publisher|url|title|author|date|by):\s*)"
    r"(?P<value>\S.*)$",  # the line comes stripped; `.+?\s*$` was quadratic in a run of spaces
    re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'-]{1,40}),\s+(?P<month>[A-Z][a-z]{2,8}\.?)\s+(?P<day>\d{1,2})"
    r"(?:,\s*(?P<year>\d{4}))?\s*(?:\((?P<outlet>[^)]{2,60})\))?\s*[-\u2013\u2014]+\s*")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


def dateline(line: str, year: int | None) -> tuple[str | None, str | None, int] | None:
    """(published, outlet, length) of a dateline at the start of `line`, or None."""
    m = _DATELINE.match(line[:200])  # a dateline is short; its optional parts are not linear on long lines
    if not m:
        return None
    month = _MONTHS.get(m["month"][:3].lower())
    if month is None:
        return None
    published = None
    yr = int(m["year"]) if m["year"] else year
    if yr:
        try:
            published = date(yr, month, int(m["day"])).isoformat()
        except ValueError:
            published = None
    return published, m["outlet"], m.end()


def read_text(text: str, name: str):
    """One Article from the text of a plain-text file."""
    lines = text.split("\n")
    meta: dict[str, str] = {}
    pos = 0
    i = 0
    # Leading metadata lines, then blank lines.
    while i < len(lines):
        line = lines[i].strip()
        m = _META.match(line) if line and len(line) <= 1000 else None
        if not line:
            if meta:
                pos += len(lines[i]) + 1
                i += 1
                continue
            pos += len(lines[i]) + 1
            i += 1
            continue
        key = m and (m["key"] or m["ckey"]).lower()
        if m and _is_meta(key, m["value"]):
            meta.setdefault(_canon_key(key), m["value"])
            pos += len(lines[i]) + 1
            i += 1
            continue
        break
    published, published_from = None, None
    if "date" in meta:
        published = parse_date(meta["date"])
        published_from = "metadata" if published else None
    title = meta.get("title")
    body_start = min(pos, len(text))  # the last line may have no newline to step over
    if not text[body_start:].strip():
        raise ReadError("E104", "the file has metadata lines but no article text after them",
                        "add the article text after the metadata lines")
    # The title: a short first line without final punctuation, followed by a blank line
    # or by the dateline, and by some text (a file of one line is its article's text).
    if title is None and i < len(lines) and any(line.strip() for line in lines[i + 1:]):
        first = lines[i].strip()
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if first and len(first) < 200 and not first.endswith((".", '"', ":")) and not _DATELINE.match(first[:200]) \
                and (not nxt or _DATELINE.match(nxt[:200]) or len(lines) > i + 1):
            title = first
    outlet = meta.get("outlet")
    # A dateline on the first non-empty line of the body (after the title).
    j = i + (1 if title is not None and meta.get("title") is None else 0)
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j < len(lines):
        year = int(published[:4]) if published else None
        found = dateline(lines[j].strip(), year)
        if found:
            dl_date, dl_outlet, _ = found
            if dl_date and not published:
                published, published_from = dl_date, "dateline"
            if dl_outlet and not outlet:
                outlet = dl_outlet.strip()
    return raw_article(
        text=text, name=name, title=title, outlet=outlet, url=meta.get("url"),
        author=meta.get("by"), published=published, published_from=published_from,
        body_start=body_start)


_NAME_PARTICLES = {"and", "de", "van", "von", "der", "den", "la", "le", "da", "di", "bin", "al", "el"}


def _canon_key(key: str) -> str:
    return {"published": "date", "updated": "date", "source": "outlet", "publisher": "outlet",
            "author": "by"}.get(key, key)


def _is_meta(key: str, value: str) -> bool:
    """A metadata line must look like one: 'By' lines are short names, dates parse."""
    key = _canon_key(key)
    if key == "by":
        words = value.replace(",", " ").split()
        return 0 < len(words) <= 8 and not value.endswith(".") and all(
            w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words)
    if key == "date":
        return parse_date(value) is not None
    return len(value) < 300
