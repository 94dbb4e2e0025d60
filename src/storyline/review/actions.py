"""The review actions: one function that the CLI (`storyline review`) and the web UI
(POST /api/review) both call. It finds what is reviewed by the id a reader sees, stores the decision
under that thing's stable key, applies it at once (an entity's new name or type; the judge run again
when the decision changes what it reads) and returns the new review state.
"""
from __future__ import annotations

import difflib

from storyline.errors import UsageError
from storyline.review import entity_ids
from storyline.review.decisions import ALLOWED, record

__all__ = ["review", "ALLOWED", "ENTITY_TYPES", "resolve"]

# the types resolution gives (analyse/mentions.py), which a reviewer may set
ENTITY_TYPES = ("PERSON", "ORG", "OUTLET", "GPE", "LOC", "FAC", "NORP", "GROUP")
POLARITIES = ("positive", "negative")
SOURCE_KINDS = ("person", "organization", "outlet", "anonymous", "document")
# decisions that change what the judge reads: it runs again after them
_REJUDGE = {("claim", "accept"), ("claim", "reject"), ("claim", "reopen"), ("claim", "edit"),
            ("contradiction", "accept"), ("contradiction", "reject"), ("contradiction", "reopen"),
            ("entity", "retype"), ("entity", "rename"), ("entity", "reopen")}
MAX_TEXT = 2000


def review(story, action: str, target: str, ident, value: str | None = None, *, note: str | None = None,
           by: str | None = None, polarity: str | None = None, source: str | None = None,
           content: str | None = None, source_kind: str | None = None, judge: bool = True) -> dict:
    """Record one decision and apply it; returns {decision, target, id, key, review, judged}.
    Raises UsageError (exit 2) for an action that does not fit, a bad value or an unknown id."""
    if action not in ALLOWED:
        raise UsageError("E601", f"no review action {action!r}", f"choose one of {', '.join(ALLOWED)}")
    if target not in ALLOWED[action]:
        raise UsageError("E602", f"{action} does not apply to a {target}",
                         f"{action} applies to: {', '.join(ALLOWED[action])}")
    key, shown = resolve(story, target, ident)
    payload, note = _payload(action, target, value, note, polarity, source, content, source_kind)
    with story.store.transaction() as conn:
        made = record(conn, target, key, action, payload, note, by)
        if target == "entity":
            entity_ids.apply_reviews(conn, rebuilt=False)
    judged = False
    if judge and (target, action) in _REJUDGE:
        from storyline.judge.run import run
        run(story.store)
        judged = True
    return {"decision": made, "target": target, "id": shown, "key": key, "judged": judged,
            "review": state_of(story, target, key)}


def _payload(action, target, value, note, polarity, source, content, source_kind) -> tuple[dict, str | None]:
    for name, text in (("value", value), ("--note", note), ("--source", source), ("--content", content)):
        if text is not None and len(text) > MAX_TEXT:
            raise UsageError("E603", f"{name} is longer than {MAX_TEXT} characters", "say it shorter")
    if action == "edit":
        edits = {}
        if polarity is not None:
            if polarity not in POLARITIES:
                raise UsageError("E603", f"a polarity is positive or negative, not {polarity!r}")
            edits["polarity"] = polarity
        if content is not None and content.strip():
            edits["text"] = " ".join(content.split())
        if source is not None and source.strip():
            edits["source"] = " ".join(source.split())
        if source_kind is not None:
            if source_kind not in SOURCE_KINDS:
                raise UsageError("E603", f"a source kind is one of {', '.join(SOURCE_KINDS)}, not {source_kind!r}")
            edits["source_kind"] = source_kind
        if not edits:
            raise UsageError("E604", "edit claim needs what to change",
                             "give --polarity, --source or --content")
        return {"set": edits}, note
    if action in {"retype", "rename", "tag", "untag"} and not (value or "").strip():
        what = {"retype": "TYPE", "rename": "NAME", "tag": "TAG", "untag": "TAG"}[action]
        raise UsageError("E604", f"{action} {target} needs a {what}", f"storyline review {action} {target} ID {what}")
    if action == "retype":
        kind = value.strip().upper()
        if kind not in ENTITY_TYPES:
            raise UsageError("E603", f"{value!r} is not an entity type", f"choose one of {', '.join(ENTITY_TYPES)}")
        return {"set": {"type": kind}}, note
    if action == "rename":
        return {"set": {"name": " ".join(value.split())}}, note
    if action in {"tag", "untag"}:
        return {"tag": " ".join(value.split())}, note
    if action == "note":
        text = note if note is not None else value
        if not (text or "").strip():
            raise UsageError("E604", f"note {target} needs the note's text", f"storyline review note {target} ID TEXT")
        return {}, text.strip()
    if value is not None:
        note = note or value  # "review reject claim 7 'not a claim'": the words are the note
    return {}, note


# -- finding what is reviewed ------------------------------------------------------------------

def resolve(story, target: str, ident) -> tuple[str, str]:
    """(stable key, id as shown) of the thing a reader calls `ident`; an unknown id is a
    UsageError naming the closest ids or names."""
    text = str(ident if ident is not None else "").strip()
    if not text:
        raise UsageError("E605", f"which {target}? give its id", "see storyline review --help")
    return _RESOLVERS[target](story, text)


def _number(target: str, text: str, known: list[int]) -> int:
    if not known:
        raise UsageError("E606", f"no {target} {text!r}", f"no {target} is stored yet")
    if not text.isdigit():
        raise UsageError("E606", f"{text!r} is not a {target} id", f"ids are numbers, {min(known)} to {max(known)}")
    if int(text) in set(known):
        return int(text)
    near = sorted(known, key=lambda i: (abs(i - int(text)), i))[:3]
    raise UsageError("E606", f"no {target} {text!r}", f"the closest ids: {', '.join(map(str, near))}")


def _claim(story, text: str) -> tuple[str, str]:
    known = [r[0] for r in story.store.query("SELECT id FROM claims ORDER BY id")]
    cid = _number("claim", text, known)
    return str(cid), str(cid)


def _contradiction(story, text: str) -> tuple[str, str]:
    rows = {r[0]: r[1] for r in story.store.query("SELECT id, key FROM contradictions ORDER BY id")}
    cid = _number("contradiction", text, list(rows))
    return rows[cid], str(cid)


def _corroboration(story, text: str) -> tuple[str, str]:
    rows = {r[0]: r[1] for r in story.store.query("SELECT id, key FROM claim_clusters ORDER BY id")}
    cid = _number("corroboration (claim cluster)", text, list(rows))
    return rows[cid], str(cid)


def _entity(story, text: str) -> tuple[str, str]:
    entities = story.entities()
    if text.isdigit():
        live = {e["id"] for e in entities}
        eid = int(text) if int(text) in live else story.entity_redirect(int(text))
        if eid is not None:
            return str(eid), str(eid)
        near = sorted(live, key=lambda i: (abs(i - int(text)), i))[:3]
        names = {e["id"]: e["name"] for e in entities}
        raise UsageError("E606", f"no entity {text!r}",
                         "the closest: " + ", ".join(f"{i} ({names[i]})" for i in near) if near else "")
    by_name = {}
    for e in entities:
        for alias in [e["name"], *e["aliases"]]:
            by_name.setdefault(" ".join(alias.split()).casefold(), e)
    found = by_name.get(" ".join(text.split()).casefold())
    if found is not None:
        return str(found["id"]), str(found["id"])
    near = difflib.get_close_matches(text.casefold(), list(by_name), n=8, cutoff=0.5)
    closest = list(dict.fromkeys(f"{by_name[n]['id']} ({by_name[n]['name']})" for n in near))[:3]
    raise UsageError("E606", f"no entity is called {text!r}",
                     "the closest: " + ", ".join(closest) if closest else "see storyline entities --db FILE")


def _article(story, text: str) -> tuple[str, str]:
    docs = story.documents()
    exact = [d for d in docs if text in (d["id"], d["name"])]
    found = exact or ([d for d in docs if d["id"].startswith(text.lower())] if len(text) >= 4 else [])
    if len(found) == 1:
        return found[0]["id"], found[0]["id"]
    if len(found) > 1:
        raise UsageError("E607", f"{text!r} begins the ids of {len(found)} articles", "give more of the id")
    labels = {d["name"]: d["id"] for d in docs} | {d["id"][:12]: d["id"] for d in docs}
    near = difflib.get_close_matches(text, list(labels), n=3, cutoff=0.4)
    raise UsageError("E606", f"no article {text!r}",
                     "the closest: " + ", ".join(f"{labels[n][:12]} ({n})" for n in near) if near
                     else "see storyline export --db FILE for the articles' ids")


_RESOLVERS = {"claim": _claim, "contradiction": _contradiction, "corroboration": _corroboration,
              "entity": _entity, "article": _article}


def state_of(story, target: str, key: str) -> dict:
    """The review state of one thing now, as the read model shows it."""
    if target == "claim":
        rows = story.claims(ids=[int(key)])
    elif target == "contradiction":
        rows = [x for x in story.contradictions() if x["key"] == key]
    elif target == "corroboration":
        claim = int(key.split(":")[1])
        rows = [cl for cl in story.clusters() if claim in cl["claims"]]
    elif target == "entity":
        rows = [e for e in story.entities() if str(e["id"]) == key]
    else:
        rows = [d for d in story.documents() if d["id"] == key]
    return rows[0]["review"] if rows else {"state": "machine"}
