"""Provenance of the story's judgments: which the machine made and which a reviewer decided.

One JSON object: `judgments` lists every claim, contradiction, corroboration (a claim cluster the
machine called corroborated, or one a reviewer decided on) and entity with `origin` "machine" or
"reviewed", what in the machine decided it (`decided_by`: the rule, model or stage) and the review
(state, note, at, by, the decisions' ids); `summary` counts them by kind and state; `decisions` is
the whole log of review decisions.
"""
from __future__ import annotations

import json

__all__ = ["render", "provenance", "SCHEMA"]

SCHEMA = "storyline-provenance/1"


def provenance(story) -> dict:
    out = []
    for x in story.contradictions():
        out.append(_item("contradiction", x["id"], x["key"], x["review"],
                         {"decided_by": x["decided_by"], "score": x["score"], "found": x["found"]}))
    for cl in story.clusters():
        machine = cl["review"].get("machine", {}).get("corroborated", cl["corroborated"])
        if not (machine or cl.get("contradicted") or cl["review"]["state"] != "machine"):
            continue
        out.append(_item("corroboration", cl["id"], cl["key"], cl["review"],
                         {"decided_by": "judge:corroboration", "corroborated": machine,
                          "independent_sources": cl["independent_sources"]}))
    for c in story.claims():
        out.append(_item("claim", c["id"], str(c["id"]), c["review"],
                         {"decided_by": "analyse:attributions", **c["review"].get("machine", {})}))
    for e in story.entities():
        out.append(_item("entity", e["id"], str(e["id"]), e["review"],
                         {"decided_by": "resolve:entities", **e["review"].get("machine", {})}))
    summary: dict[str, dict[str, int]] = {}
    for j in out:
        counts = summary.setdefault(j["kind"], {"machine": 0, "accepted": 0, "rejected": 0, "edited": 0})
        counts[j["review"]["state"]] += 1
    return {"schema": SCHEMA, "summary": summary, "judgments": out, "decisions": story.decisions()}


def _item(kind: str, ident, key: str, review: dict, machine: dict) -> dict:
    return {"kind": kind, "id": ident, "key": key,
            "origin": "machine" if review["state"] == "machine" else "reviewed",
            "machine": machine, "review": {k: review.get(k) for k in ("state", "note", "at", "by")},
            "decisions": review.get("decisions", [])}


def render(story) -> str:
    return json.dumps(provenance(story), ensure_ascii=False, indent=1) + "\n"
