"""Cross-article stages: they read the store and write derived tables."""
from __future__ import annotations

from storyline.resolve import entities, times

__all__ = ["run"]


def run(store) -> int:
    """Rebuild every derived table; returns the number of entities."""
    from storyline.resolve import event_coref  # numpy and scipy: only when resolving, not when reading
    count = entities.rebuild(store)
    times.rebuild(store)
    event_coref.rebuild(store)
    return count
