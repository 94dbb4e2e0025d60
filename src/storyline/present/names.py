"""A name the reader typed that matches no entity: the closest names there are (spaCy-free)."""
from __future__ import annotations

import difflib

from storyline.errors import UsageError

__all__ = ["closest_names", "unknown_name", "matches"]


def matches(given: str, entity: dict) -> bool:
    """Whether `given` is the entity's name or one of its aliases, case aside (as Story.timeline
    filters)."""
    wanted = given.casefold()
    return any(wanted == a.casefold() for a in [entity["name"], *entity["aliases"]])


def closest_names(given: str, entities: list[dict], n: int = 5) -> list[str]:
    """Up to `n` names or aliases nearest to `given`, most mentioned entity first among equals:
    near spellings ("Kovaa" → Kova) and names holding it as a word ("Dunn" → Petar Dunn); an alias
    is shown with its entity's name ("Kova (Ilse Kova)")."""
    shown: dict[str, str] = {}
    for e in entities:  # entities come most-mentioned first
        for alias in [e["name"], *e["aliases"]]:
            shown.setdefault(alias.casefold(), alias if alias == e["name"] else f"{alias} ({e['name']})")
    wanted = " ".join(given.casefold().split())
    found = difflib.get_close_matches(wanted, list(shown), n=n, cutoff=0.6)
    if len(wanted) >= 3:
        found += [a for a in shown if a not in found and (wanted in a.split() or set(wanted.split()) & set(a.split()))]
    return [shown[a] for a in found[:n]]


def unknown_name(given: str, entities: list[dict], what: str = "entity", hint: str = "") -> UsageError:
    """The usage error (exit 2) for a name that matches nothing, naming the closest ones."""
    near = closest_names(given, entities)
    if near:
        hint = "did you mean " + ", ".join(f"\u201c{n}\u201d" for n in near) + "?" + (f" {hint}" if hint else "")
    else:
        hint = hint or "see `storyline entities --db FILE` for every name and alias"
    return UsageError("E207", f"no {what} is called {given!r}", hint)
