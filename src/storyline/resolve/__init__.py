"""Cross-article stages: they read the store and write derived tables."""
from __future__ import annotations

from storyline.resolve import entities, event_coref, times

__all__ = ["run"]


def run(store) -> int:
    """Rebuild every derived table; returns the number of entities."""
    count = entities.rebuild(store)
    times.rebuild(store)
    event_coref.rebuild(store)
    return count
