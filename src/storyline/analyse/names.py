"""The sex a first name usually gives, for telling apart two people who share a surname.

"Mrs. Clinton" in an article naming Bill Clinton and Hillary Clinton is Hillary; "Mr. Obama"
in a story naming Barack and Michelle Obama is Barack. Honorifics say so when the text gives
them; otherwise the first name is the only hint. The names come from the 1990 US Census lists of
first names (models/first_names.json, built by scripts/build_first_names.py, which says how): a
name is kept for one sex when 95 per cent or more of its bearers are of that sex, so names borne
by both (Kim, Chris, Jean, Leslie, Kelly) decide nothing. A name missing from both lists decides
nothing either: a wrong guess would merge two people, which is worse than leaving a mention apart.
"""
from __future__ import annotations

import functools

from storyline import models

__all__ = ["first_name_sex"]


@functools.lru_cache(maxsize=1)
def _lists() -> tuple[frozenset, frozenset]:
    data = models.read_json("first_names.json") or {}
    return frozenset(data.get("male", ())), frozenset(data.get("female", ()))


def first_name_sex(name: str) -> str | None:
    """"m" or "f" for a full name whose first word is on one of the lists ("Bill Clinton" -> "m"),
    else None. A one-word name gives nothing: "Clinton" has no first name."""
    words = name.replace(".", " ").split()
    if len(words) < 2:
        return None
    first = words[0].lower()
    male, female = _lists()
    return "m" if first in male else "f" if first in female else None
