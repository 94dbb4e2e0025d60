"""Full-text search over articles and claims (SQLite FTS5 tables from migration 0002).

The reader's text is always one FTS5 phrase, bound as a parameter: quotes, `OR`, `NEAR`,
`*` or a stray bracket are words to look for, never query syntax, so a query FTS5 cannot
read is simply an empty result. Hits carry code-point offsets into the article text so the
UI can mark them.
"""
from __future__ import annotations

import re
import sqlite3

__all__ = ["search", "phrase", "hit_spans", "MAX_QUERY"]

MAX_QUERY = 200  # characters; a longer query is refused before it reaches SQLite
_WORD = re.compile(r"\w+")


def phrase(text: str) -> str | None:
    """The reader's text as one FTS5 phrase ('"kova denied"'), or None when it has no words."""
    words = _WORD.findall(text or "")
    return '"' + " ".join(words).replace('"', '""') + '"' if words else None


def hit_spans(text: str, query: str, limit: int = 50) -> list[tuple[int, int]]:
    """Where the words of `query` occur in `text`, in order with only non-word characters
    between them (how FTS5's unicode61 tokenizer matched them), case-insensitively."""
    words = _WORD.findall(query or "")
    if not words or not text:
        return []
    pattern = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end()) for _, m in zip(range(limit), pattern.finditer(text))]


def search(store, query: str, limit: int = 50) -> dict:
    """{query, articles: [{id, title, outlet, published, hits, snippet}], claims: [{id, doc, start, end, text}]}."""
    match = phrase(query)
    out = {"query": query, "articles": [], "claims": []}
    if match is None:
        return out
    try:
        articles = store.query(
            "SELECT a.id, a.title, a.outlet, a.published, a.text FROM article_search s "
            "JOIN articles a ON a.rowid = s.rowid WHERE article_search MATCH ? ORDER BY s.rank LIMIT ?",
            (match, limit))
        claims = store.query(
            'SELECT c.id, c.article_id, c.start, c."end", c.text FROM claim_search s '
            "JOIN claims c ON c.id = s.rowid WHERE claim_search MATCH ? ORDER BY s.rank LIMIT ?",
            (match, limit))
    except sqlite3.OperationalError:  # FTS5 could not read it after all: nothing found, not a failure
        return out
    for a in articles:
        hits = hit_spans(a["text"], query)
        first = hits[0] if hits else (0, 0)
        snippet = {"before": a["text"][max(0, first[0] - 80):first[0]], "hit": a["text"][first[0]:first[1]],
                   "after": a["text"][first[1]:first[1] + 80]}
        out["articles"].append({"id": a["id"], "title": a["title"], "outlet": a["outlet"],
                                "published": a["published"], "hits": [list(h) for h in hits],
                                "snippet": snippet})
    out["claims"] = [{"id": c["id"], "doc": c["article_id"], "start": c["start"], "end": c["end"],
                      "text": c["text"]} for c in claims]
    return out
