"""Cross-article stages: they read the store and write derived tables."""
from __future__ import annotations

import contextlib
import gc

__all__ = ["run", "uncollected"]


def run(store) -> int:
    """Rebuild every derived table; returns the number of entities. (Imported here, not at the top:
    the read model imports modules of this package and must not load the analysis stack.)"""
    from storyline.resolve import entities, event_coref, times  # numpy and scipy only when resolving
    with uncollected():
        count = entities.rebuild(store)
        times.rebuild(store)
        event_coref.rebuild(store)
    return count


@contextlib.contextmanager
def uncollected():
    """The cyclic garbage collector held off while a cross-article stage runs: the stage makes
    hundreds of thousands of short-lived objects and no cycles worth finding, and each full
    collection it set off walked every object of the ingest (0.1 s of each of resolve and judge
    on the 200-article bench corpus)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
