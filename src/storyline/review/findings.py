"""What the judge stage does with reviewers' decisions (called from judge/run.py).

  - A contradiction is stored under its key: its kind and the members of both sides. When
    re-judging finds a contradiction whose key is new, it is taken as the same finding as a stored
    one that no new finding claims, if that one has the same kind, is about claims (or events)
    alike, and shares at least one member with it on each side (the best overlap wins, one to one):
    it keeps that finding's key and id, so its link and its review survive a new article joining a
    side. The limit: a finding whose sides change wholly (no member in common on one side), or whose
    kind changes, is a new finding with a new id; of two findings that merge, the one sharing most
    members keeps its id (the other's review stays with its key and applies again if it returns).
  - A contradiction a reviewer accepted or rejected stays stored when the judge no longer finds it
    (marked found = 0), so the review is not lost and the export still lists it with its state.
  - A rejected contradiction is not set against the claims when clusters are judged (they are not
    "contradicted" by it), and a rejected claim is not judged at all.
"""
from __future__ import annotations

from storyline.review.decisions import reviews

__all__ = ["judged_claims", "stored_keys", "keep_reviewed", "standing", "mark_kept"]


def judged_claims(claims: list[dict]) -> list[dict]:
    """The claims the judge reads: all but those a reviewer rejected (edits are already laid over
    them by the read model)."""
    return [c for c in claims if (c.get("review") or {}).get("state") != "rejected"]


def _stored(store) -> dict[str, dict]:
    """key -> {kind, on_events, sides: (set, set), row} of every stored contradiction."""
    out: dict[str, dict] = {}
    for r in store.query("SELECT c.id, c.key, c.kind, c.explanation, c.score, c.decided_by, m.claim_id, "
                         "m.event_id, m.side FROM contradictions c JOIN contradiction_members m "
                         "ON m.contradiction_id = c.id ORDER BY m.rowid"):
        item = out.setdefault(r["key"], {"kind": r["kind"], "on_events": r["event_id"] is not None,
                                         "sides": ([], []), "row": r})
        member = r["event_id"] if r["event_id"] is not None else r["claim_id"]
        item["sides"][r["side"]].append(member)
    return out


def _overlap(a: tuple, b: tuple) -> float:
    """How much two findings' sides share (either way round), 0 unless both sides share a member."""
    best = 0.0
    union = len(set(a[0]) | set(a[1]) | set(b[0]) | set(b[1])) or 1
    for x, y in ((b[0], b[1]), (b[1], b[0])):
        left, right = len(set(a[0]) & set(x)), len(set(a[1]) & set(y))
        if left and right:
            best = max(best, (left + right) / union)
    return best


def stored_keys(store, found: list, key_of) -> list[str]:
    """The key each finding is stored under: its own, or a stored finding's that it continues."""
    keys = [key_of(f) for f in found]
    stored = _stored(store)
    spare = {k: v for k, v in stored.items() if k not in set(keys)}
    by_member: dict[tuple, set[str]] = {}
    for k, v in spare.items():
        for member in v["sides"][0] + v["sides"][1]:
            by_member.setdefault((v["on_events"], member), set()).add(k)
    pairs = []
    for i, f in enumerate(found):
        if keys[i] in stored:
            continue
        near = set().union(*[by_member.get((f.on_events, m), set()) for s in f.sides for m in s])
        for k in near:
            if spare[k]["kind"] == f.kind:
                score = _overlap(tuple(map(list, f.sides)), spare[k]["sides"])
                if score:
                    pairs.append((score, i, k))
    used_found, used_key = set(), set()
    for _, i, k in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if i not in used_found and k not in used_key:
            keys[i] = k
            used_found.add(i)
            used_key.add(k)
    return keys


def keep_reviewed(store, found: list, keys: list[str]) -> tuple[list, list[str], list[str]]:
    """The findings plus each stored one a reviewer accepted or rejected that the judge no longer
    finds, rebuilt from what is stored; returns (findings, their keys, the keys kept that way)."""
    from storyline.judge.contradictions import Found
    decided = {k for k, r in reviews(store, "contradiction").items() if r.state != "machine"}
    missing = decided - set(keys)
    if not missing:
        return found, keys, []
    found, keys, kept = list(found), list(keys), []
    for key, item in _stored(store).items():
        if key not in missing:
            continue
        r = item["row"]
        found.append(Found(kind=item["kind"], sides=(tuple(item["sides"][0]), tuple(item["sides"][1])),
                           explanation=r["explanation"], decided_by=r["decided_by"], score=r["score"],
                           on_events=item["on_events"]))
        keys.append(key)
        kept.append(key)
    return found, keys, kept


def standing(store, found: list, keys: list[str]) -> list:
    """The findings no reviewer rejected."""
    state = {k: r.state for k, r in reviews(store, "contradiction").items()}
    return [f for f, k in zip(found, keys) if state.get(k) != "rejected"]


def mark_kept(store, kept: list[str]) -> None:
    """Say which stored contradictions only a review keeps (the judge no longer finds them)."""
    with store.transaction() as conn:
        conn.execute("UPDATE contradictions SET found = 1 WHERE found = 0")
        conn.executemany("UPDATE contradictions SET found = 0 WHERE key = ?", [(k,) for k in kept])
