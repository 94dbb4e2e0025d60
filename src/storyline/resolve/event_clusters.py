"""Mentions of one event across articles, as stored by resolve/event_coref.py (table
event_clusters, migration 0010), and whether two dates can name the same time.

Kept free of spaCy and numpy so that `Story` can read the clusters cheaply.
"""
from __future__ import annotations

__all__ = ["stored_clusters", "compatible_times"]


def stored_clusters(store) -> dict[int, int]:
    """{event id: cluster} as the last ingest stored them; the cluster is the smallest event id in
    it. An event resolved by no ingest yet (stored before migration 0010 and not re-resolved) is
    absent: the caller treats it as alone."""
    return {r["event_id"]: r["cluster"] for r in store.query("SELECT event_id, cluster FROM event_clusters")}


def compatible_times(a: str, b: str) -> bool:
    """Whether two TIMEX3 values can name the same time: one holds the other ("2026-03" and
    "2026-03-04", "2026-03-04" and "2026-03-04TNI")."""
    a, b = a.split("T")[0], b.split("T")[0]
    return a.startswith(b) or b.startswith(a)
