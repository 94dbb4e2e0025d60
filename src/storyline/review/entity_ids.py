"""Entity ids that keep their meaning across rebuilds, and reviewers' renames and retypes.

The entities table is rebuilt from the mentions after every ingest and every merge or split
(resolve/entities.py). Mention ids never change (a mention is stored once, with its article), so an
entity is known again by its mentions: each rebuilt entity takes the old id whose mentions it holds
most of (one id to one entity), a new entity takes an id never given before, and an old id whose
mentions went into another entity (a merge) leads there. A split leaves the id with the part that
holds most of its mentions; the other part gets a new id. Every id given is kept in `entity_ids`
(migration 0030), so no id is ever given to a different entity.

Renames and retypes are decisions (review/decisions.py) keyed by the entity id; they are applied
again over every rebuild, following the id where a merge led it.
"""
from __future__ import annotations

import json
from collections import Counter

from storyline.review.decisions import decisions, replay

__all__ = ["assign", "apply_reviews", "current"]

_HOPS = 64  # a redirect chain is never this long; the bound only guards against a damaged table


def assign(conn, groups: list[list[int]], names: list[str]) -> list[int]:
    """The id of each rebuilt entity (given as its mention ids), read inside the rebuild's
    transaction before the old entities are deleted; records the ids given and the redirects."""
    old_of = dict(conn.execute("SELECT mention_id, entity_id FROM entity_mentions").fetchall())
    old_names = dict(conn.execute("SELECT id, name FROM entities").fetchall())
    shared: Counter = Counter()
    for g, mentions in enumerate(groups):
        for m in mentions:
            old = old_of.get(m)
            if old is not None:
                shared[(g, old)] += 1
    ids: list[int | None] = [None] * len(groups)
    taken: set[int] = set()
    # most shared mentions first; ties to the older id, then to the larger entity (groups come sorted)
    for (g, old), _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0][1], kv[0][0])):
        if ids[g] is None and old not in taken:
            ids[g] = old
            taken.add(old)
    known = {r[0] for r in conn.execute("SELECT id FROM entity_ids")}
    fresh = max([0, *known, *old_names, *old_of.values()]) + 1
    for g in range(len(groups)):
        if ids[g] is None:
            ids[g], fresh = fresh, fresh + 1
    home: dict[int, tuple[int, int]] = {}
    for (g, old), n in shared.items():
        if old not in taken and (old not in home or n > home[old][0]):
            home[old] = (n, ids[g])
    _register(conn, ids, names, old_names, home)
    return ids


def _register(conn, ids: list[int], names: list[str], old_names: dict, home: dict) -> None:
    conn.executemany("INSERT OR IGNORE INTO entity_ids (id, name) VALUES (?, ?)",
                     list(zip(ids, names)) + [(i, n) for i, n in old_names.items()])
    conn.executemany("UPDATE entity_ids SET redirect = NULL WHERE id = ?", [(i,) for i in ids])
    for old, (_, new) in home.items():
        conn.execute("UPDATE entity_ids SET redirect = ? WHERE id = ? OR redirect = ?", (new, old, old))


def current(conn, entity_id: int) -> int | None:
    """The id that `entity_id` names now: itself, or where merges led it; None when it names nothing."""
    seen = 0
    while entity_id is not None and seen < _HOPS:
        if conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone():
            return entity_id
        row = conn.execute("SELECT redirect FROM entity_ids WHERE id = ?", (entity_id,)).fetchone()
        entity_id = row[0] if row else None
        seen += 1
    return None


def apply_reviews(conn, rebuilt: bool) -> int:
    """Reviewers' renames and retypes over the entities table, in the order made; `rebuilt`: the table
    holds the machine's names and types just now (after a rebuild), else they are read back from
    entity_ids.machine. Returns how many entities a reviewer changed."""
    by_entity: dict[int, list] = {}
    for d in decisions(conn, "entity"):
        if not d.target_key.isdigit():
            continue
        now = current(conn, int(d.target_key))
        if now is not None:
            by_entity.setdefault(now, []).append(d)
    changed = 0
    for eid, items in by_entity.items():
        row = conn.execute("SELECT e.name, e.type, e.aliases, i.machine FROM entities e "
                           "LEFT JOIN entity_ids i ON i.id = e.id WHERE e.id = ?", (eid,)).fetchone()
        kept = json.loads(row[3]) if row[3] and not rebuilt else None
        machine = kept or {"name": row[0], "type": row[1], "aliases": json.loads(row[2])}
        edits = replay(items).edits
        name, kind = edits.get("name", machine["name"]), edits.get("type", machine["type"])
        aliases = sorted(set(machine["aliases"]) | {name})
        conn.execute("UPDATE entities SET name = ?, type = ?, aliases = ? WHERE id = ?",
                     (name, kind, json.dumps(aliases), eid))
        conn.execute("INSERT OR IGNORE INTO entity_ids (id, name) VALUES (?, ?)", (eid, machine["name"]))
        # the machine's own values, kept while a reviewer's edits stand over them
        conn.execute("UPDATE entity_ids SET machine = ? WHERE id = ?", (json.dumps(machine) if edits else None, eid))
        changed += bool(edits)
    return changed
