"""FollowTheMoney entities as JSON lines (one entity a line), for Aleph and the ftm tools.

  Article        each document: title, publisher, publishedAt, sourceUrl, fileName
  Person, Organization, LegalEntity
                 each actor: name, alias (every surface form), title (Mr., Dr.), position (other
                 titles), proof (articles)
  Address        places (GPE, LOC, FAC), named in events' location
  Event          each event: name, summary (the evidence sentence), date or startDate/endDate
                 from its TIMEX3 value, involved (the actors), location, proof (its article)
  Documentation  each claim of a named actor, as a statement linking the article to its source:
                 document, entity (who said it), role ("source: denied"), summary (what is
                 claimed), status (asserted or denied), description (certainty and quote), date
                 (when said, else the article's date), sourceUrl, publisher
  Note           each claim without a named source (anonymous sources, documents, the article's
                 own voice), on the article: entity, name (the source as written), summary,
                 description (denied or not, certainty, quote, when said), proof
  Mention        each named source where it is written in the article: document, resolved (the
                 actor), name (as written), detectedSchema

Ids are stable across runs and stores: an article's is its content hash, an actor's a hash of
its type and name, an event's a hash of its article and offsets. FtM has no property for a
character offset, so each entity carries a top-level `storyline` object (kept by the ftm tools
as context) with the (doc, start, end) pointer and the Storyline id it came from.
"""
from __future__ import annotations

import hashlib
import json
import re

from storyline.links import web_url

__all__ = ["render", "entities", "schema_for"]

_SCHEMA = {"PERSON": "Person", "ORG": "Organization", "OUTLET": "Organization", "NORP": "Organization",
           "GROUP": "Organization", "GPE": "Address", "LOC": "Address", "FAC": "Address"}
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady"}
_FTM_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?")


def schema_for(entity_type: str) -> str:
    return _SCHEMA.get(entity_type, "LegalEntity")


def _id(*parts) -> str:
    return "storyline-" + hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:20]


def _date(value: str | None) -> str | None:
    """The year, month or day an FtM date property can hold, from a TIMEX3 value."""
    m = _FTM_DATE.match(value or "")
    return m.group(0) if m else None


def entities(story) -> list[dict]:
    docs = story.documents()
    actors = story.entities()
    out, doc_id, actor_id, mentioned_in, taken = [], {}, {}, {}, set()
    for d in docs:
        doc_id[d["id"]] = f"storyline-doc-{d['id']}"
        props = {"title": [d["title"]], "fileName": [d["name"]], "publisher": [d["outlet"]],
                 "publishedAt": [d["published"]], "sourceUrl": [web_url(d["url"])]}
        out.append(_entity(doc_id[d["id"]], "Article", props, {"doc": d["id"]}))
    for ev in story.events():
        for p in ev["participants"]:
            mentioned_in.setdefault(p, set()).add(ev["doc"])
    for a in actors:
        schema = schema_for(a["type"])
        actor_id[a["id"]] = _id("entity", schema, a["name"])
        if actor_id[a["id"]] in taken:  # two actors of one name and kind: the store's id tells them apart
            actor_id[a["id"]] = _id("entity", schema, a["name"], a["id"])
        taken.add(actor_id[a["id"]])
        props = {"name": [a["name"]], "alias": [x for x in a["aliases"] if x != a["name"]],
                 "proof": sorted(doc_id[d] for d in mentioned_in.get(a["id"], ()))}
        if schema == "Person":
            props["title"] = [t for t in a["titles"] if t.rstrip(".").casefold() in _HONORIFICS]
            props["position"] = [t for t in a["titles"] if t.rstrip(".").casefold() not in _HONORIFICS]
        if schema == "Address":
            props["full"] = [a["name"]]
        out.append(_entity(actor_id[a["id"]], schema, props, {"entity": a["id"], "type": a["type"]}))
    kinds = {a["id"]: schema_for(a["type"]) for a in actors}
    names = {a["id"]: a["name"] for a in actors}
    for ev in story.events():
        involved = [p for p in ev["participants"] if kinds.get(p) != "Address"]
        places = [names[p] for p in ev["participants"] if kinds.get(p) == "Address"]
        props = {"name": [f"{ev['type']}: " + ", ".join(names[p] for p in involved) if involved else ev["type"]],
                 "summary": [ev["text"].strip()], "involved": [actor_id[p] for p in involved],
                 "location": places, "proof": [doc_id[ev["doc"]]]}
        start, _, end = (ev["when"] or "").partition("/")
        if end:
            props.update(startDate=[_date(start)], endDate=[_date(end)])
        elif ev["when_mod"] == "BEFORE":
            props["endDate"] = [_date(start)]
        elif ev["when_mod"] == "AFTER":
            props["startDate"] = [_date(start)]
        else:
            props["date"] = [_date(start)]
        out.append(_entity(_id("event", ev["doc"], ev["start"], ev["end"]), "Event", props,
                           {"event": ev["id"], "doc": ev["doc"], "start": ev["start"], "end": ev["end"],
                            "when": ev["when"], "when_text": ev["when_text"]}))
    out.extend(_claims(story, {d["id"]: d for d in docs}, doc_id, actor_id, kinds))
    return out


def _claims(story, docs: dict, doc_id: dict, actor_id: dict, kinds: dict) -> list[dict]:
    """Each claim as a Documentation (a named actor's) or a Note (anyone else's) on its article,
    and each named source's words in the article as a Mention of the actor."""
    out, mentioned = [], set()
    for c in story.claims():
        doc, src = docs[c["doc"]], c["source"]
        named = src["entity"] is not None and not src["anonymous"] and src["entity"] in actor_id
        denied = c["polarity"] == "negative"
        quote = {"direct": "direct quote", "indirect": "reported speech", "mixed": "partly quoted"}.get(c["quote"])
        props = {"summary": [c["text"]], "date": [_date(c["said_on"]) or doc["published"]],
                 "description": [f"{c['certainty']}" + (f"; {quote}" if quote else "")
                                 + (f"; source as written: {src['text']}" if src["text"] else "")],
                 "sourceUrl": [web_url(doc["url"])], "publisher": [doc["outlet"]]}
        pointer = {"claim": c["id"], "doc": c["doc"], "start": c["start"], "end": c["end"]}
        # one content span may be told by two sources ("the paper reported that officials said ..."):
        # the source's span keeps their ids apart, and stays the same in any database
        claim_key = ("claim", c["doc"], c["start"], c["end"], src.get("start"), src.get("end"))
        if named:
            props.update(document=[doc_id[c["doc"]]], entity=[actor_id[src["entity"]]],
                         role=[f"source: {c['cue']}" if c["cue"] else "source"],
                         status=["denied" if denied else "asserted"])
            out.append(_entity(_id(*claim_key), "Documentation", props, pointer))
        else:
            who = src["text"] or "the article itself"
            if src["anonymous"]:
                who += f" (anonymous{', ' + str(src['count']) if src['count'] else ''})"
            props.update(entity=[doc_id[c["doc"]]], name=[f"{who} {c['cue'] or 'states'}".strip()],
                         proof=[doc_id[c["doc"]]])
            said = props.pop("date")[0]  # a Note has no date property: it goes in the description
            props["description"] = [("denied; " if denied else "") + props["description"][0]
                                    + (f"; said on {said}" if said else "")]
            out.append(_entity(_id(*claim_key), "Note", props, pointer))
        schema = kinds.get(src["entity"])
        key = (c["doc"], src["entity"], src["start"])
        if named and src["start"] is not None and src["text"] and schema != "Address" and key not in mentioned:
            mentioned.add(key)
            out.append(_entity(_id("mention", *key), "Mention",
                               {"document": [doc_id[c["doc"]]], "resolved": [actor_id[src["entity"]]],
                                "name": [src["text"]], "detectedSchema": [schema]},
                               {"doc": c["doc"], "start": src["start"], "end": src["end"], "entity": src["entity"]}))
    return out


def _entity(eid: str, schema: str, props: dict, pointer: dict) -> dict:
    """FtM's entity shape: every property a list of strings, empty ones left out."""
    clean = {k: [str(v) for v in values if v not in (None, "")] for k, values in props.items()}
    return {"id": eid, "schema": schema, "properties": {k: v for k, v in clean.items() if v},
            "storyline": pointer}


def render(story) -> str:
    return "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entities(story))
