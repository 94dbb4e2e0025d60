"""Article text and labels for the exports and the web UI, read through the story's store.

`Story` gives no public accessor for an article's text yet, so this reads the `articles`
table directly (read-only) rather than reaching into Story's private caches.
"""
from __future__ import annotations

__all__ = ["article_text", "document_label"]


def article_text(story, doc: str) -> str | None:
    rows = story.store.query("SELECT text FROM articles WHERE id = ?", (doc,))
    return rows[0]["text"] if rows else None


def document_label(doc: dict) -> str:
    """'Daily Herald, 2026-03-09' (or the file name when the outlet is unknown)."""
    who = doc.get("outlet") or doc.get("name") or doc.get("id")
    return f"{who}, {doc['published']}" if doc.get("published") else who
