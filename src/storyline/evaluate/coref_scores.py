"""Coreference metrics as the CoNLL-2012 reference scorer (v8.01) computes them.

A partition is a list of clusters, each a set of hashable mention ids. Every function takes the
key (gold) and the response (system) partitions and returns (precision, recall, f1), fractions 0-1.

  - MUC (Vilain et al. 1995) counts links: singletons carry none, so they change nothing.
  - B-cubed (Bagga and Baldwin 1998) averages over mentions; singletons count, and a mention
    found on one side only (a "twinless" mention) counts towards that side's denominator.
  - CEAF-e (Luo 2005) aligns key and response clusters one to one to maximise the summed
    phi4 similarity 2|K & R| / (|K| + |R|); singleton clusters count as clusters.
  - CoNLL F1 is the unweighted mean of the three F1s.

The alignment is solved with the Kuhn-Munkres algorithm, run separately on each group of
clusters that share mentions (clusters sharing nothing score 0 together), so the cost stays
small on corpora with thousands of clusters.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Hashable, Iterable, Sequence

__all__ = ["muc", "b_cubed", "ceafe", "conll", "assignment"]

Partition = Sequence[Iterable[Hashable]]


def _clusters(partition: Partition) -> list[frozenset]:
    """Non-empty clusters as frozensets; a mention repeated in one cluster counts once."""
    return [c for c in (frozenset(c) for c in partition) if c]


def _index(clusters: list[frozenset]) -> dict:
    where = {}
    for i, c in enumerate(clusters):
        for m in c:
            where[m] = i
    return where


def _prf(p_num: float, p_den: float, r_num: float, r_den: float) -> tuple[float, float, float]:
    p = p_num / p_den if p_den else 0.0
    r = r_num / r_den if r_den else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _muc_side(clusters: list[frozenset], other: dict) -> tuple[int, int]:
    """Links of `clusters` kept by the other partition, and links in all.

    A mention missing from the other partition is a part of its own.
    """
    kept = total = 0
    for c in clusters:
        parts = {other.get(m, ("missing", m)) for m in c}
        kept += len(c) - len(parts)
        total += len(c) - 1
    return kept, total


def muc(key: Partition, response: Partition) -> tuple[float, float, float]:
    k, r = _clusters(key), _clusters(response)
    r_num, r_den = _muc_side(k, _index(r))
    p_num, p_den = _muc_side(r, _index(k))
    return _prf(p_num, p_den, r_num, r_den)


def _overlaps(k: list[frozenset], r: list[frozenset]) -> dict[tuple[int, int], int]:
    """|K_i & R_j| for every pair of clusters that share a mention."""
    where = _index(r)
    out: dict[tuple[int, int], int] = defaultdict(int)
    for i, c in enumerate(k):
        for m in c:
            j = where.get(m)
            if j is not None:
                out[i, j] += 1
    return out


def b_cubed(key: Partition, response: Partition) -> tuple[float, float, float]:
    k, r = _clusters(key), _clusters(response)
    shared = _overlaps(k, r)
    r_num = sum(n * n / len(k[i]) for (i, _), n in shared.items())
    p_num = sum(n * n / len(r[j]) for (_, j), n in shared.items())
    return _prf(p_num, sum(map(len, r)), r_num, sum(map(len, k)))


def ceafe(key: Partition, response: Partition) -> tuple[float, float, float]:
    k, r = _clusters(key), _clusters(response)
    shared = _overlaps(k, r)
    similarity = 0.0
    for rows, cols in _components(shared):
        weights = [[2 * shared.get((i, j), 0) / (len(k[i]) + len(r[j])) for j in cols] for i in rows]
        similarity += sum(weights[a][b] for a, b in assignment(weights))
    return _prf(similarity, len(r), similarity, len(k))


def conll(key: Partition, response: Partition) -> tuple[float, float, float]:
    """Mean precision, recall and F1 of MUC, B-cubed and CEAF-e (the F1 is the CoNLL score)."""
    scores = [muc(key, response), b_cubed(key, response), ceafe(key, response)]
    return tuple(sum(s[x] for s in scores) / 3 for x in range(3))  # type: ignore[return-value]


def _components(shared: dict[tuple[int, int], int]) -> list[tuple[list[int], list[int]]]:
    """Groups of key rows and response columns connected by shared mentions (union-find)."""
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in shared:
        a, b = find(("k", i)), find(("r", j))
        if a != b:
            parent[a] = b
    groups: dict = defaultdict(lambda: ([], []))
    for node in list(parent):
        side, n = node
        groups[find(node)][0 if side == "k" else 1].append(n)
    return [(sorted(a), sorted(b)) for a, b in groups.values()]


def assignment(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Row-column pairs of a one-to-one assignment with the largest total weight.

    Kuhn-Munkres with row and column potentials (the shortest augmenting path form, O(n^2 m)),
    over a rectangular matrix; rows or columns left over stay unassigned.
    """
    if not weights or not weights[0]:
        return []
    transposed = len(weights) > len(weights[0])
    cost = [list(col) for col in zip(*weights)] if transposed else [list(row) for row in weights]
    n, m = len(cost), len(cost[0])  # n <= m
    top = max(max(row) for row in cost)
    cost = [[top - w for w in row] for row in cost]  # maximise weight = minimise cost
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: the row (1-based) holding column j; column 0 is a sentinel
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0] = row
        j0 = 0
        slack = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if reduced < slack[j]:
                    slack[j], way[j] = reduced, j0
                if slack[j] < delta:
                    delta, j1 = slack[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:  # flip the augmenting path
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    pairs = [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]
    return [(b, a) for a, b in pairs] if transposed else pairs
