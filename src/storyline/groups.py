"""Disjoint sets: the grouping every cross-article stage does (claims of one proposition, mentions
of one event, near-duplicate texts), with path halving so it stays near-linear."""
from __future__ import annotations

from typing import Hashable, Iterable

__all__ = ["Groups"]


class Groups:
    """Items start alone; `join` puts two in one group; `root` names an item's group by the
    smallest item in it when items are ordered (ids, names), so the names are stable."""

    def __init__(self, items: Iterable[Hashable] = ()):
        self.parent: dict = {x: x for x in items}

    def root(self, x):
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def sets(self) -> list[list]:
        """Every group, as a list of its items in the order they were given."""
        out: dict = {}
        for x in self.parent:
            out.setdefault(self.root(x), []).append(x)
        return list(out.values())

    def join(self, a, b) -> None:
        ra, rb = self.root(a), self.root(b)
        if ra != rb:
            lo, hi = (ra, rb) if _before(ra, rb) else (rb, ra)
            self.parent[hi] = lo


def _before(a, b) -> bool:
    try:
        return a < b
    except TypeError:
        return str(a) < str(b)
