"""Mentions of one event across articles, v1: the same kind of event among the same people.

Two event mentions are one event when they are of one type and share two participants ("the
dinner" and "met" of Kova and Dunn, in any article, whatever date each gives), or share one
participant and the same day ("the vote" of the Harbour Council on 2026-03-20). Comparisons are
blocked by (type, pair of participants) and (type, day, participant), so the cost grows with the
number of mentions, not its square. Known limit: two real meetings of the same two people are
merged (their dates then show as a conflict); the participants decide, not the wording.
"""
from __future__ import annotations

import re
from itertools import combinations

from storyline.groups import Groups

__all__ = ["cluster_events"]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def cluster_events(events: list[dict]) -> list[int]:
    """For each event dict (id, type, participants, when), the id of the event it belongs to:
    the smallest mention id of its cluster."""
    groups = Groups(e["id"] for e in events)
    buckets: dict[tuple, int] = {}
    for e in events:
        people = sorted(set(e["participants"]))
        keys = [("pair", e["type"], pair) for pair in combinations(people, 2)]
        if e["when"] and _DAY.match(e["when"]):
            keys += [("day", e["type"], e["when"][:10], p) for p in people]
        for key in keys:
            if key in buckets:
                groups.join(buckets[key], e["id"])
            else:
                buckets[key] = e["id"]
    return [groups.root(e["id"]) for e in events]
