"""Review states and edits laid over the read model's rows (Story): what a reviewer decided wins
over what the machine found, in every view, export and in the judge's input.

Every claim, contradiction, corroboration (claim cluster), entity and article row gets `review`:
{state: machine | accepted | rejected | edited, note, at, by} (plus starred, tags, edits where a
reviewer set them, and `machine`: the machine's values of the fields a reviewer changed).
"""
from __future__ import annotations

import json

from storyline.review.decisions import MACHINE, Review, reviews

__all__ = ["Reviews", "source_kind"]


def source_kind(entity_type: str) -> str:
    """The kind of a named source whose entity has this type (as Story.sources counts them)."""
    return {"PERSON": "person", "OUTLET": "outlet"}.get(entity_type, "organization")


def _machine() -> dict:
    return dict(MACHINE)  # flat: state, note, at, by (no lists to share between rows)


def _laid(rows: list[dict], reviewed: dict[str, Review], key: str) -> list[dict]:
    """Each row's review, found under row[key]; the machine's state where none was made."""
    for row in rows:
        r = reviewed.get(row[key])
        row["review"] = r.as_dict() if r else _machine()
    return rows


class Reviews:
    """The decisions of one store state, read once per kind when first needed."""

    def __init__(self, store):
        self.store = store
        self._kinds: dict[str, dict[str, Review]] = {}

    def of(self, target: str) -> dict[str, Review]:
        if target not in self._kinds:
            self._kinds[target] = reviews(self.store, target)
        return self._kinds[target]

    # -- claims ------------------------------------------------------------------------------
    def claims(self, rows: list[dict], entity_by_name) -> list[dict]:
        """Lay reviews and edits over claim rows, in place; `entity_by_name(name)` gives (id, type)
        of the entity so called, or None. A retyped entity's claims take the source kind of its
        new type."""
        reviewed = self.of("claim")
        retyped = self.retyped()
        for row in rows:
            src = row["source"]
            if src["entity"] in retyped and not src["anonymous"]:
                src["kind"] = source_kind(retyped[src["entity"]])
            r = reviewed.get(str(row["id"]))
            if r is None:
                row["review"] = _machine()
                continue
            row["review"] = {**r.as_dict(), "machine": _edit_claim(row, r.edits, entity_by_name, retyped)}
        return rows

    def retyped(self) -> dict[int, str]:
        """Entity id -> type, for the entities a reviewer renamed or retyped."""
        if "_retyped" not in self.__dict__:
            self._retyped = {r["id"]: r["type"] for r in self.store.query(
                "SELECT e.id, e.type FROM entities e JOIN entity_ids i ON i.id = e.id WHERE i.machine IS NOT NULL")}
        return self._retyped

    # -- contradictions and corroborations ---------------------------------------------------
    def contradictions(self, rows: list[dict]) -> list[dict]:
        return _laid(rows, self.of("contradiction"), "key")

    def clusters(self, rows: list[dict]) -> list[dict]:
        """A corroboration decision is kept under the cluster's first claim (claim:N) and follows that
        claim into whatever cluster holds it now; a rejected corroboration is not corroborated."""
        by_claim = {}
        for key, r in self.of("corroboration").items():
            if key.startswith("claim:") and key[6:].isdigit():
                by_claim[int(key[6:])] = r
        for row in rows:
            found = [by_claim[c] for c in row["claims"] if c in by_claim]
            r = max(found, key=lambda x: x.decisions[-1]) if found else None
            row["review"] = r.as_dict() if r else _machine()
            if r is not None and r.state == "rejected":
                row["review"]["machine"] = {"corroborated": row["corroborated"]}
                row["corroborated"] = False
        return rows

    # -- entities and articles ---------------------------------------------------------------
    def entities(self, rows: list[dict]) -> list[dict]:
        if "_machine" not in self.__dict__:
            self._machine = {r["id"]: json.loads(r["machine"]) for r in self.store.query(
                "SELECT id, machine FROM entity_ids WHERE machine IS NOT NULL")}
        machine = self._machine
        by_entity: dict[int, Review] = {}
        leads = self.redirects()
        for key, r in self.of("entity").items():
            if key.isdigit():
                now = follow(leads, int(key))
                if now is not None and (now not in by_entity or r.decisions[-1] > by_entity[now].decisions[-1]):
                    by_entity[now] = r
        for row in rows:
            r = by_entity.get(row["id"])
            row["review"] = r.as_dict() if r else _machine()
            if row["id"] in machine and r is not None and r.edits:
                row["review"]["machine"] = {k: machine[row["id"]][k] for k in ("name", "type")}
        return rows

    def redirects(self) -> dict[int, int | None]:
        """Entity id -> the id it leads to, for the ids merged into another entity."""
        if "_redirects" not in self.__dict__:
            self._redirects = {r["id"]: r["redirect"] for r in self.store.query(
                "SELECT id, redirect FROM entity_ids WHERE redirect IS NOT NULL")}
        return self._redirects

    def documents(self, rows: list[dict]) -> list[dict]:
        return _laid(rows, self.of("article"), "id")


def follow(leads: dict[int, int | None], entity_id: int) -> int | None:
    """Where an entity id leads after merges (itself when it names an entity of its own)."""
    for _ in range(64):
        nxt = leads.get(entity_id)
        if nxt is None:
            return entity_id
        entity_id = nxt
    return None


def _edit_claim(row: dict, edits: dict, entity_by_name, retyped: dict[int, str]) -> dict:
    """Set a reviewer's edits on a claim row; returns the machine's values of the fields changed."""
    machine = {}
    for field in ("polarity", "text", "certainty"):
        if field in edits and edits[field] != row[field]:
            machine[field] = row[field]
            row[field] = edits[field]
    if "source" in edits:
        src = row["source"]
        machine["source"] = {k: src[k] for k in ("text", "entity", "kind", "anonymous")}
        text = edits["source"]
        entity, entity_type = entity_by_name(text) or (None, None)
        src.update(text=text, entity=entity, anonymous=edits.get("source_kind") == "anonymous",
                   count=None if entity is not None else src["count"])
        if edits.get("source_kind"):
            src["kind"] = edits["source_kind"]
        elif entity is not None:
            src["kind"] = source_kind(entity_type)
        elif src["kind"] in {"document", "anonymous"}:
            src["kind"] = "person"  # a source named by hand is someone, not the article itself
    return machine
