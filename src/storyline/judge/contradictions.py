"""Contradictions v1: opposite polarity on the same proposition, a source changing its
position, and one event dated differently by different articles.

Propositions are compared by their content words (a lexical method); claims that
merely differ in wording keep the same polarity and so never contradict.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

__all__ = ["find_contradictions", "content_words", "same_proposition"]

_STOP = set("""a an the of to in on at for by with from and or but that this these those it its is are was were be
been being has have had do does did not no never he she they we i you his her their our my your him them us me as
into about over than then so if would will could should may might can shall said says told there here what which who
whom whose when where why how any all some such own same also just only very""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


def content_words(text: str) -> set[str]:
    words = {w.lower().strip("'") for w in _WORD.findall(text)}
    return {_stem(w) for w in words if w not in _STOP and len(w) > 2}


def _stem(w: str) -> str:
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def same_proposition(a: set[str], b: set[str], threshold: float = 0.5) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= threshold and len(a & b) >= 2


@dataclass(frozen=True)
class Found:
    kind: str
    claims: tuple[int, ...]
    events: tuple[int, ...]
    explanation: str


def find_contradictions(claims: list[dict], events: list[dict]) -> list[Found]:
    """Claims are dicts with id, text, polarity, certainty, said_on, source_key, source_text, doc;
    events are dicts with id, type, participants (entity ids), when, doc.

    Each denial is set against the one assertion by another source that shares most of its
    words (not against every paraphrase of it), and each source's change of position is
    reported once per proposition, from its first statement to its first different one."""
    found: list[Found] = []
    words = {c["id"]: content_words(c["text"]) for c in claims}

    def overlap(a, b) -> float:
        wa, wb = words[a["id"]], words[b["id"]]
        return len(wa & wb) / max(1, min(len(wa), len(wb)))

    def related(a, b) -> bool:
        return same_proposition(words[a["id"]], words[b["id"]]) and not (a["doc"] == b["doc"] and _nested(a, b))

    # Position changes: one per source and proposition.
    by_source: dict[str, list[dict]] = {}
    for c in claims:
        if c["source_key"] is not None and c["said_on"]:
            by_source.setdefault(c["source_key"], []).append(c)
    reported: set[int] = set()
    for items in by_source.values():
        items.sort(key=lambda c: (c["said_on"], c["id"]))
        for i, first in enumerate(items):
            if first["id"] in reported:
                continue
            for second in items[i + 1:]:
                if second["said_on"] != first["said_on"] and related(first, second) and \
                        (first["polarity"], first["certainty"]) != (second["polarity"], second["certainty"]):
                    reported.update((first["id"], second["id"]))
                    found.append(Found("position_change", (first["id"], second["id"]), (),
                                       f"{first['source_text']} {_stance(first)} \u201c{_clip(first['text'])}\u201d "
                                       f"on {first['said_on']}, then {_stance(second)} "
                                       f"\u201c{_clip(second['text'])}\u201d on {second['said_on']}."))
                    break
    # Polarity: each denial against its closest assertion by another source.
    positives = [c for c in claims if c["polarity"] == "positive"]
    for neg in (c for c in claims if c["polarity"] == "negative"):
        rivals = [p for p in positives if related(neg, p) and
                  (neg["source_key"] is None or p["source_key"] != neg["source_key"])]
        if not rivals:
            continue
        pos = max(rivals, key=lambda p: (overlap(neg, p), -abs(_days(p) - _days(neg))))
        found.append(Found("polarity", (pos["id"], neg["id"]), (),
                           f"{pos['source_text'] or 'The article'} says \u201c{_clip(pos['text'])}\u201d"
                           f"{_on(pos)}; {neg['source_text'] or 'another source'} denies it{_on(neg)}."))
    found.extend(_date_conflicts(events))
    return found


def _days(c: dict) -> int:
    value = c.get("said_on") or ""
    return int(value.replace("-", "")) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else 0


def _clip(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


def _on(c: dict) -> str:
    return f" ({c['said_on']})" if c.get("said_on") else ""


def _stance(c: dict) -> str:
    if c["polarity"] == "negative":
        return "denied"
    return {"certain": "affirmed", "probable": "called probable", "possible": "called possible"}.get(
        c["certainty"], "was unsure whether")


def _nested(a: dict, b: dict) -> bool:
    return a["start"] <= b["start"] < a["end"] or b["start"] <= a["start"] < b["end"]


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_conflicts(events: list[dict]) -> list[Found]:
    """Events of one type with shared participants, dated to different days by different articles."""
    found = []
    by_type: dict[str, list[dict]] = {}
    for e in events:
        if e["when"] and _DAY.match(e["when"]) and e["participants"] and e["type"] in {"meeting", "contact"}:
            by_type.setdefault(e["type"], []).append(e)
    seen = set()
    for items in by_type.values():
        for a, b in combinations(items, 2):
            if a["doc"] == b["doc"] or a["when"] == b["when"]:
                continue
            if len(set(a["participants"]) & set(b["participants"])) < 2:
                continue
            key = (a["type"], frozenset(set(a["participants"]) & set(b["participants"])),
                   frozenset((a["when"], b["when"])))
            if key in seen:
                continue
            seen.add(key)
            found.append(Found("date", (), (a["id"], b["id"]),
                               f"The same {a['type']} is dated {a['when']} in one article and {b['when']} in another."))
    return found
