"""RSS and Atom feeds: each entry with content or a summary becomes an article."""
from __future__ import annotations

import time

from storyline.errors import ReadError
from storyline.read.common import clean, raw_article
from storyline.read.html import read_html
from storyline.records import Failure


def read_feed(data: bytes, name: str):
    import feedparser
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        raise ReadError("E131", "the feed could not be parsed", "check that the file is RSS or Atom")
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{name}#{number}"
        markup = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
        try:
            art = read_html(f"<html><body><article><h1>{_esc(entry.get('title', ''))}</h1>{markup}</article></body></html>",
                            where, url=entry.get("link"))
        except ReadError as err:
            yield Failure(where, "read", f"[{err.code}] {err.problem}", "the entry has no readable text; the others were read")
            continue
        published = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            published = time.strftime("%Y-%m-%d", stamp)
        yield raw_article(text=art.text, name=where, title=entry.get("title") or art.title,
                          outlet=feed_title or art.outlet, url=entry.get("link"),
                          author=entry.get("author"), published=published or art.published,
                          published_from="metadata" if published else art.published_from,
                          body_start=art.body_start)


def _esc(text: str) -> str:
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
