"""Cross-article stages: they read the store and write derived tables."""
from __future__ import annotations

__all__ = ["run"]


def run(store) -> int:
    """Rebuild every derived table; returns the number of entities. (Imported here, not at the top:
    the read model imports modules of this package and must not load the analysis stack.)"""
    from storyline.resolve import entities, times
    count = entities.rebuild(store)
    times.rebuild(store)
    return count
