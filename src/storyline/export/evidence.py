"""Article text and labels for the exports and the web UI, read through the story's store.

`Story` gives no public accessor for an article's text yet, so this reads the `articles`
table directly (read-only) rather than reaching into Story's private caches.
"""
from __future__ import annotations

__all__ = ["article_text", "document_label", "entity_documents"]


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
