"""Long lists a reader pages through: facets with counts, a sort, one page at a time.

The web UI's list pages (articles, claim clusters, contradictions, open questions, the timeline)
ask for one page of items narrowed by facets, so a 10,000-article store answers as quickly as a
small one. Each item's facet values are worked out once per state of the store (kept by the
Story until the store changes); a request then only filters, counts and slices.

A facet value is a string; an item may have several (a claim cluster told by three outlets has
three `outlet` values), and it matches a chosen value when any of its values is that one. The
counts of a facet are taken with every other chosen facet applied, as faceted search does, so a
reader sees how many items each further choice leaves.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Callable

__all__ = ["Facet", "Listing", "browse", "page_number", "PER_PAGE"]

PER_PAGE = 50
MAX_PER_PAGE = 200
SHOWN_VALUES = 30  # a facet lists its most frequent values


@dataclass(frozen=True)
class Facet:
    name: str                                  # the query parameter
    label: str                                 # the words above its values
    values: Callable[[dict], tuple]            # item -> its values (strings)
    label_of: Callable[[str], str] = str       # value -> the words shown for it


@dataclass
class Listing:
    """Items with their facet values, worked out once; `sorts` maps a sort's name to (its
    words, key function, newest/largest first?)."""
    items: list[dict]
    facets: list[Facet]
    sorts: dict[str, tuple[str, Callable[[dict], object], bool]]
    values: list[dict[str, tuple]] | None = None

    def __post_init__(self):
        if self.values is None:
            self.values = [{f.name: tuple(v for v in f.values(item) if v) for f in self.facets}
                           for item in self.items]


def page_number(query, name: str = "page") -> int:
    raw = (query.get(name) or "1").strip()
    if not raw.isdigit() or len(raw) > 6:
        raise ValueError(f"{name} must be a page number")
    return max(1, int(raw))


def browse(listing: Listing, query, *, per: int = PER_PAGE, page_param: str = "page",
           sort_param: str = "sort", prefix: str = "", focus: Callable[[dict], bool] | None = None) -> dict:
    """One page of `listing` narrowed by the facets chosen in `query` (parameter = facet name,
    with `prefix` when one page holds two listings), sorted by query[sort_param]:
    {items, total, page, pages, per, sort, sorts, facets: [{name, label, chosen, values: [{value,
    label, count}]}]}. An unknown sort or a page past the end is a ValueError / the last page.
    `focus`: with no page asked for, the page that holds the first item it accepts (a link to
    one claim opens the page it is on)."""
    chosen = {}
    for f in listing.facets:
        value = (query.get(prefix + f.name) or "").strip()
        if value:
            chosen[f.name] = value
    sort = (query.get(sort_param) or "").strip() or next(iter(listing.sorts))
    if sort not in listing.sorts:
        raise ValueError(f"{sort_param} must be one of: {', '.join(listing.sorts)}")
    _, key, descending = listing.sorts[sort]

    def matches(values: dict, skip: str | None = None) -> bool:
        return all(name == skip or wanted in values[name] for name, wanted in chosen.items())

    facets = []
    for f in listing.facets:
        counts = Counter(v for values in listing.values if matches(values, f.name) for v in values[f.name])
        shown = counts.most_common(SHOWN_VALUES)
        if f.name in chosen and chosen[f.name] not in dict(shown):
            shown.append((chosen[f.name], counts.get(chosen[f.name], 0)))
        facets.append({"name": prefix + f.name, "label": f.label, "chosen": chosen.get(f.name),
                       "values": [{"value": v, "label": f.label_of(v), "count": n} for v, n in shown],
                       "more": max(0, len(counts) - len(shown))})
    kept = [item for item, values in zip(listing.items, listing.values) if matches(values)]
    kept.sort(key=key, reverse=descending)
    per = max(1, min(per, MAX_PER_PAGE))
    pages = max(1, math.ceil(len(kept) / per))
    page = min(page_number(query, page_param), pages)
    if focus is not None and not (query.get(page_param) or "").strip():
        at = next((k for k, item in enumerate(kept) if focus(item)), None)
        page = page if at is None else at // per + 1
    return {"items": kept[(page - 1) * per:page * per], "total": len(kept), "of": len(listing.items),
            "page": page, "pages": pages, "per": per, "sort": sort,
            "sorts": [{"value": k, "label": v[0]} for k, v in listing.sorts.items()], "facets": facets}
