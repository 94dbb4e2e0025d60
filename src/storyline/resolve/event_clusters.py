"""Mentions of one event across articles, v1: the same kind of event among the same people.

Two event mentions are one event when they are of one type and share two participants ("the
dinner" and "met" of Kova and Dunn, in any article, whatever date each gives), or share one
participant and the same day ("the vote" of the Harbour Council on 2026-03-20). Comparisons are
blocked by (type, pair of participants) and (type, day, participant), so the cost grows with the
number of mentions, not its square.

Dates that disagree are usually two accounts of one event (the demo's March 4 / March 6 dinner)
and are reported as a conflict, so they do not keep mentions apart. But when a sentence says the
event happened again ("met again on April 2", "a second meeting"), it joins only an event its date
fits, and otherwise starts its own; a mention with no such word also prefers the event its date
fits. Two meetings of the same people that no sentence calls a repetition still merge.
"""
from __future__ import annotations

import re
from itertools import combinations

from storyline.groups import Groups

__all__ = ["cluster_events", "compatible_times"]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_AGAIN = re.compile(r"\b(?:again|once more|another|a (?:second|third|further|fresh|new|follow-up)|twice|"
                    r"(?:second|third|follow-up|repeat) (?:meeting|call|dinner|talks|visit|vote))\b", re.I)


def compatible_times(a: str, b: str) -> bool:
    """Whether two TIMEX3 values can name the same time: one holds the other ("2026-03" and
    "2026-03-04", "2026-03-04" and "2026-03-04TNI")."""
    a, b = a.split("T")[0], b.split("T")[0]
    return a.startswith(b) or b.startswith(a)


# Labels too broad to name one happening: among the same people, "said" and "agreed" (both
# "statement" or "other") are not one event, so these are grouped by their word as well.
_BROAD = {"other", "statement"}


def _kind(e: dict) -> str:
    if e["type"] in _BROAD:
        return f"{e['type']}:{(e.get('trigger') or '').lower()}"
    return e["type"]


def cluster_events(events: list[dict]) -> list[int]:
    """For each event dict (id, type, participants, when, and the sentence as text), the id of
    the event it belongs to: the smallest mention id of its cluster."""
    groups = Groups(e["id"] for e in events)
    buckets: dict[tuple, list[int]] = {}
    dates: dict[int, set[str]] = {}  # root -> the dates its mentions give

    def fits(root: int, when: str | None) -> bool:
        return not when or not dates.get(root) or any(compatible_times(when, d) for d in dates[root])

    for e in events:
        people = sorted(set(e["participants"]))
        kind = _kind(e)
        keys = [("pair", kind, pair) for pair in combinations(people, 2)]
        if e["when"] and _DAY.match(e["when"]):
            keys += [("day", kind, e["when"][:10], p) for p in people]
        again = bool(_AGAIN.search(e.get("text") or ""))
        for key in keys:
            roots = buckets.setdefault(key, [])
            roots[:] = list(dict.fromkeys(groups.root(r) for r in roots))
            fitting = [r for r in roots if fits(r, e["when"])]
            chosen = fitting[0] if fitting else (roots[0] if roots and not again else None)
            if chosen is None:
                roots.append(e["id"])
                continue
            merged = dates.pop(chosen, set()) | dates.pop(groups.root(e["id"]), set())
            groups.join(chosen, e["id"])
            dates[groups.root(e["id"])] = merged
        if e["when"]:
            dates.setdefault(groups.root(e["id"]), set()).add(e["when"])
    return [groups.root(e["id"]) for e in events]
