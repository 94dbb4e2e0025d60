"""RSS and Atom feeds: each entry with content or a summary becomes an article.

feedparser has no limits of its own, so a feed is first decoded in the encoding it declares
and trimmed with lxml (no entity expansion, no network): a feed that declares XML entities is
refused (that is how a billion-laughs file grows), entries past `max_entries` are dropped
before feedparser parses them (with a failure line saying so), and every field but the
entries' content is cut to FIELD_CHARS characters (an 80 KB <author> cost feedparser 31 s).
"""
from __future__ import annotations

import re
from datetime import date

from storyline.errors import ReadError
from storyline.read.common import FIELD_CHARS, clean, decode, raw_article, unexpected
from storyline.links import web_url
from storyline.read.html import read_html
from storyline.records import Failure

_ENTRY = {"item", "entry"}
_CONTENT = {"description", "content", "encoded", "summary", "subtitle"}  # the entry's text: kept whole
_XML_DECL = re.compile(r"^\s*<\?xml[^>]{0,300}\?>")


def read_feed(data: bytes, name: str, max_entries: int = 2000):
    import feedparser
    text = decode(data, name, kind="xml")  # the declared encoding, then UTF-8, then a guess
    if "<!ENTITY" in text:
        raise ReadError("E132", "the feed declares XML entities (the way a billion-laughs file grows)",
                        "a feed needs no entity declarations; remove its DOCTYPE")
    trimmed, entries = _trimmed(text, max_entries)
    parsed = feedparser.parse(trimmed)
    if parsed.bozo and not parsed.entries:
        raise ReadError("E131", "the feed could not be parsed", "check that the file is RSS or Atom")
    if entries > max_entries:
        yield Failure(name, "read", f"[E133] the feed has {entries:,} entries; the first {max_entries:,} were read",
                      "split the feed, or raise STORYLINE_MAX_ENTRIES")
    feed_title = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, 1):
        where = f"{name}#{number}"
        try:
            yield _article(entry, where, feed_title)
        except ReadError as err:
            yield Failure(where, "read", f"[{err.code}] {err.problem}",
                          "the entry has no readable text; the others were read")
        except Exception as exc:  # noqa: BLE001 - one entry's surprise is that entry's failure
            yield unexpected(where, "read", exc)


def _article(entry, where: str, feed_title):
    markup = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
    link = web_url(entry.get("link"))
    art = read_html(f"<html><body><article><h1>{_esc(entry.get('title', ''))}</h1>{markup}</article></body></html>",
                    where, url=link)
    published = _day(entry.get("published_parsed") or entry.get("updated_parsed"))
    return raw_article(text=art.text, name=where, title=entry.get("title") or art.title,
                       outlet=feed_title or art.outlet, url=link, author=entry.get("author"),
                       published=published or art.published,
                       published_from="metadata" if published else art.published_from,
                       body_start=art.body_start)


def _day(stamp) -> str | None:
    """YYYY-MM-DD of feedparser's time tuple; four-digit years always ('0999-05-01', where
    strftime gives '999-05-01', which no date reader takes)."""
    if not stamp:
        return None
    try:
        return date(stamp[0], stamp[1], stamp[2]).isoformat()
    except (ValueError, TypeError, IndexError):
        return None


def _trimmed(text: str, max_entries: int) -> tuple[bytes, int]:
    """The feed as UTF-8 XML with at most `max_entries` entries and short fields; the number of
    entries it had."""
    from lxml import etree
    body = _XML_DECL.sub("", text, count=1).encode("utf-8")
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise ReadError("E131", f"the feed could not be parsed ({exc})", "check that the file is RSS or Atom") from exc
    if root is None:
        raise ReadError("E131", "the feed could not be parsed", "check that the file is RSS or Atom")
    entries = [el for el in root.iter() if isinstance(el.tag, str) and etree.QName(el).localname in _ENTRY]
    for extra in entries[max_entries:]:
        extra.getparent().remove(extra)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.text and len(el.text) > FIELD_CHARS and not any(
                isinstance(a.tag, str) and etree.QName(a).localname in _CONTENT for a in (el, *el.iterancestors())):
            el.text = el.text[:FIELD_CHARS]
        for key, value in el.attrib.items():
            if len(value) > FIELD_CHARS:
                el.set(key, value[:FIELD_CHARS])
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + etree.tostring(root, encoding="utf-8"), len(entries)


def _esc(text: str) -> str:
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
