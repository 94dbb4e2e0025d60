"""The storyline/1 export contract (DESIGN.md), as a checker.

`problems(export)` lists every way an export departs from the contract; an empty
list means it conforms. Later versions may add fields, so extra keys are allowed.
"""
from __future__ import annotations

import re

__all__ = ["problems"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIMEX = re.compile(r"^(?:[\dX]{4}(?:-(?:[\dX]{2}|W[\dX]{2}|Q\d|H\d|SP|SU|FA|WI)(?:-[\dX]{2}|-WE)?)?(?:T[\w:]+)?"
                    r"|[\dX]{2,3}|PRESENT_REF|PAST_REF|FUTURE_REF)"
                    r"(?:/(?:[\dX]{4}(?:-[\dX]{2}(?:-[\dX]{2})?)?))?$")

_SHAPE = {
    "documents": {"id": str, "name": str, "title": (str, type(None)), "outlet": (str, type(None)),
                  "url": (str, type(None)), "published": (str, type(None)), "published_from": (str, type(None))},
    "entities": {"id": int, "name": str, "type": str, "aliases": list, "titles": list, "mentions": int},
    "events": {"id": int, "type": str, "doc": str, "start": int, "end": int, "text": str, "participants": list,
               "when": (str, type(None)), "when_text": (str, type(None))},
    "claims": {"id": int, "doc": str, "start": int, "end": int, "text": str, "cue": str, "quote": str,
               "source": dict, "polarity": str, "certainty": str, "said_on": (str, type(None)), "events": list},
    "contradictions": {"id": int, "kind": str, "claims": list, "events": list, "explanation": str},
}
_SOURCE = {"entity": (int, type(None)), "text": (str, type(None)), "kind": (str, type(None)), "anonymous": bool,
           "count": (int, type(None)), "affiliation": (str, type(None)), "on_behalf_of": (int, type(None))}
_ENUMS = {
    ("documents", "published_from"): {"metadata", "dateline", "inferred", None},
    ("claims", "quote"): {"direct", "indirect", "mixed", "none"},  # none: the article's own voice
    ("claims", "polarity"): {"positive", "negative"},
    ("claims", "certainty"): {"certain", "probable", "possible", "unknown"},
    ("contradictions", "kind"): {"polarity", "position_change", "date", "certainty"},
}


def problems(export: dict) -> list[str]:
    out: list[str] = []
    if not isinstance(export, dict):
        return ["the export is not a JSON object"]
    if export.get("schema") != "storyline/1":
        out.append(f"schema is {export.get('schema')!r}, not 'storyline/1'")
    for section, fields in _SHAPE.items():
        items = export.get(section)
        if not isinstance(items, list):
            out.append(f"{section} is missing or not a list")
            continue
        for i, item in enumerate(items):
            where = f"{section}[{i}]"
            if not isinstance(item, dict):
                out.append(f"{where} is not an object")
                continue
            out.extend(_fields(item, fields, where))
            for (sec, key), allowed in _ENUMS.items():
                if sec == section and key in item and item[key] not in allowed:
                    out.append(f"{where}.{key} is {item[key]!r}, not one of {sorted(map(str, allowed))}")
            if section == "claims" and isinstance(item.get("source"), dict):
                out.extend(_fields(item["source"], _SOURCE, f"{where}.source"))
    out.extend(_references(export))
    out.extend(_values(export))
    return out


def _fields(item: dict, fields: dict, where: str) -> list[str]:
    out = []
    for key, kind in fields.items():
        if key not in item:
            out.append(f"{where} has no {key!r}")
        elif not isinstance(item[key], kind) or (kind is int and isinstance(item[key], bool)):
            out.append(f"{where}.{key} has type {type(item[key]).__name__}")
    return out


def _references(export: dict) -> list[str]:
    """Every id a record points to exists."""
    out = []
    ids = {s: {x.get("id") for x in export.get(s, []) if isinstance(x, dict)}
           for s in ("documents", "entities", "events", "claims")}
    for i, e in enumerate(export.get("events", [])):
        if e.get("doc") not in ids["documents"]:
            out.append(f"events[{i}].doc points to no document")
        out.extend(f"events[{i}].participants has unknown entity {p}" for p in e.get("participants", [])
                   if p not in ids["entities"])
    for i, c in enumerate(export.get("claims", [])):
        if c.get("doc") not in ids["documents"]:
            out.append(f"claims[{i}].doc points to no document")
        src = c.get("source") or {}
        for key in ("entity", "on_behalf_of"):
            if src.get(key) is not None and src[key] not in ids["entities"]:
                out.append(f"claims[{i}].source.{key} points to no entity")
        out.extend(f"claims[{i}].events has unknown event {e}" for e in c.get("events", []) if e not in ids["events"])
    for i, c in enumerate(export.get("contradictions", [])):
        out.extend(f"contradictions[{i}] has unknown claim {x}" for x in c.get("claims", []) if x not in ids["claims"])
        out.extend(f"contradictions[{i}] has unknown event {x}" for x in c.get("events", []) if x not in ids["events"])
    return out


def _values(export: dict) -> list[str]:
    out = []
    for i, d in enumerate(export.get("documents", [])):
        if d.get("published") is not None and not _DATE.match(str(d["published"])):
            out.append(f"documents[{i}].published {d['published']!r} is not YYYY-MM-DD")
    for section, key in (("events", "when"), ("claims", "said_on")):
        for i, x in enumerate(export.get(section, [])):
            if x.get(key) is not None and not _TIMEX.match(str(x[key])):
                out.append(f"{section}[{i}].{key} {x[key]!r} is not a TIMEX3 value")
    for section in ("events", "claims"):
        for i, x in enumerate(export.get(section, [])):
            if isinstance(x.get("start"), int) and isinstance(x.get("end"), int) and not 0 <= x["start"] <= x["end"]:
                out.append(f"{section}[{i}] has start after end")
    return out
