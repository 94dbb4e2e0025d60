"""The decision store: what reviewers decided, with who, when and why, and its replay.

Decisions are only ever added (migration 0030's `decisions` table); the review state of a claim,
contradiction, corroboration, entity or article is the fold of its decisions in the order they were
made (`replay`). Nothing here reads the machine's judgments, so the same fold serves the read model,
the judge stage and the exports.
"""
from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass, field

__all__ = ["TARGETS", "ACTIONS", "ALLOWED", "Decision", "Review", "record", "decisions", "replay", "reviews", "reviewer"]

TARGETS = ("claim", "contradiction", "corroboration", "entity", "article")
ACTIONS = ("accept", "reject", "reopen", "edit", "retype", "rename", "star", "unstar", "tag", "untag", "note")
STATES = ("machine", "accepted", "rejected", "edited")
# action -> the kinds of thing it applies to
ALLOWED = {
    "accept": ("claim", "contradiction", "corroboration"),
    "reject": ("claim", "contradiction", "corroboration"),
    "reopen": ("claim", "contradiction", "corroboration", "entity"),
    "edit": ("claim",),
    "retype": ("entity",),
    "rename": ("entity",),
    "star": ("article", "claim"),
    "unstar": ("article", "claim"),
    "tag": ("article", "claim"),
    "untag": ("article", "claim"),
    "note": ("article", "claim", "contradiction", "corroboration", "entity"),
}


@dataclass(frozen=True)
class Decision:
    id: int
    target: str
    target_key: str
    action: str
    payload: dict
    note: str | None
    who: str
    at: str

    def as_dict(self) -> dict:
        return {"id": self.id, "target": self.target, "target_key": self.target_key, "action": self.action,
                "payload": self.payload, "note": self.note, "who": self.who, "at": self.at}


@dataclass
class Review:
    """The state of one reviewed thing: `state` machine | accepted | rejected | edited; `edits`: the
    fields a reviewer set (claim: polarity, text, source; entity: type, name) over the machine's."""
    state: str = "machine"
    verdict: str | None = None        # the last accept or reject, if any
    edits: dict = field(default_factory=dict)
    note: str | None = None
    at: str | None = None
    by: str | None = None
    starred: bool = False
    tags: list[str] = field(default_factory=list)
    decisions: list[int] = field(default_factory=list)

    def as_dict(self) -> dict:
        """What the export's `review` carries: state, note, at (and who, stars, tags, the edits)."""
        out = {"state": self.state, "note": self.note, "at": self.at, "by": self.by}
        if self.starred:
            out["starred"] = True
        if self.tags:
            out["tags"] = list(self.tags)
        if self.edits:
            out["edits"] = dict(self.edits)
        if self.decisions:
            out["decisions"] = list(self.decisions)
        return out


MACHINE = Review().as_dict()


def reviewer(given: str | None = None) -> str:
    """Who decides: the name given (`--by`), else STORYLINE_REVIEWER, else the OS user."""
    if given and given.strip():
        return " ".join(given.split())[:80]
    if os.environ.get("STORYLINE_REVIEWER", "").strip():
        return " ".join(os.environ["STORYLINE_REVIEWER"].split())[:80]
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a container without a passwd entry
        return "unknown"


def record(conn, target: str, key: str, action: str, payload: dict | None = None, note: str | None = None,
           who: str | None = None) -> int:
    """Add one decision inside the caller's transaction; returns its id."""
    if target not in ALLOWED.get(action, ()):
        raise ValueError(f"no such review: {action} {target}")
    return conn.execute("INSERT INTO decisions (target, target_key, action, payload, note, who) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (target, str(key), action, json.dumps(payload or {}, ensure_ascii=False, sort_keys=True),
                         note or None, reviewer(who))).lastrowid


def decisions(db, target: str | None = None) -> list[Decision]:
    """Every decision (of one target kind), in the order made; `db` is a Store or a connection."""
    sql = "SELECT id, target, target_key, action, payload, note, who, at FROM decisions"
    conn = getattr(db, "conn", db)
    rows = conn.execute(sql + (" WHERE target = ?" if target else "") + " ORDER BY id",
                        (target,) if target else ()).fetchall()
    return [Decision(r["id"], r["target"], r["target_key"], r["action"], json.loads(r["payload"] or "{}"),
                     r["note"], r["who"], r["at"]) for r in rows]


def replay(items: list[Decision]) -> Review:
    """The review state after these decisions (one target's), in order. A reject or accept is the
    verdict; edits accumulate; reopen gives the judgment back to the machine (verdict and edits)."""
    review = Review()
    for d in items:
        if d.action in {"accept", "reject"}:
            review.verdict = "accepted" if d.action == "accept" else "rejected"
        elif d.action == "reopen":
            review.verdict, review.edits = None, {}
        elif d.action in {"edit", "retype", "rename"}:
            review.edits.update(d.payload.get("set", {}))
        elif d.action in {"star", "unstar"}:
            review.starred = d.action == "star"
        elif d.action == "tag" and d.payload.get("tag") not in review.tags:
            review.tags.append(d.payload["tag"])
        elif d.action == "untag":
            review.tags = [t for t in review.tags if t != d.payload.get("tag")]
        if d.note:
            review.note = d.note
        review.at, review.by = d.at, d.who
        review.decisions.append(d.id)
    review.state = "rejected" if review.verdict == "rejected" else "edited" if review.edits \
        else review.verdict or "machine"
    return review


def reviews(db, target: str) -> dict[str, Review]:
    """target key -> its Review, for every reviewed thing of this kind."""
    by_key: dict[str, list[Decision]] = {}
    for d in decisions(db, target):
        by_key.setdefault(d.target_key, []).append(d)
    return {key: replay(items) for key, items in by_key.items()}
