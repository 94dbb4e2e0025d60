"""Article text and labels for the exports and the web UI, read through the story's store.

`Story` gives no public accessor for an article's text yet, so this reads the `articles`
table directly (read-only) rather than reaching into Story's private caches.
"""
from __future__ import annotations

__all__ = ["article_text", "document_label", "entity_documents", "in_context"]


def article_text(story, doc: str) -> str | None:
    rows = story.store.query("SELECT text FROM articles WHERE id = ?", (doc,))
    return rows[0]["text"] if rows else None


def entity_documents(story) -> dict[int, set[str]]:
    """Entity id -> the articles that mention it (read from the resolved mentions)."""
    out: dict[int, set[str]] = {}
    for r in story.store.query("SELECT DISTINCT em.entity_id, m.article_id FROM entity_mentions em "
                               "JOIN mentions m ON m.id = em.mention_id"):
        out.setdefault(r["entity_id"], set()).add(r["article_id"])
    return out


def document_label(doc: dict) -> str:
    """'Daily Herald, 2026-03-09' (or the file name when the outlet is unknown)."""
    who = doc.get("outlet") or doc.get("name") or doc.get("id")
    return f"{who}, {doc['published']}" if doc.get("published") else who


def in_context(story):
    """A function that gives an evidence pointer {doc, start, end} what a reader needs to judge it
    without codes: its article's `headline` (the title, else the file name), the `sentence` or
    sentences holding the span, and `sentence_start`, where that text begins in the article (the
    span is `sentence[start - sentence_start:end - sentence_start]`). A pointer without a span
    gets the headline only. Articles are read once, when first pointed at."""
    titles = {d["id"]: d["title"] or d["name"] for d in story.documents()}
    texts: dict[str, str] = {}
    bounds: dict[str, list] = {}

    def place(p: dict) -> dict:
        found = {**p, "headline": titles.get(p["doc"]), "sentence": None, "sentence_start": None}
        if p["start"] is None or p["doc"] not in titles:
            return found
        if p["doc"] not in texts:
            texts[p["doc"]] = article_text(story, p["doc"]) or ""
            bounds[p["doc"]] = [(r["start"], r["end"]) for r in story.store.query(
                'SELECT start, "end" FROM sentences WHERE article_id = ? ORDER BY start', (p["doc"],))]
        around = [(a, b) for a, b in bounds[p["doc"]] if a < p["end"] and b > p["start"]]
        first = min([p["start"]] + [a for a, _ in around])
        last = max([p["end"]] + [b for _, b in around])
        text = texts[p["doc"]]
        while first < p["start"] and text[first].isspace():  # paragraph breaks around it: not shown
            first += 1
        while last > p["end"] and text[last - 1].isspace():
            last -= 1
        found.update(sentence=text[first:last], sentence_start=first)
        return found
    return place
