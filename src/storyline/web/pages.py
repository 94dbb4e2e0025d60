"""What each page of the web UI shows, as JSON: the `.json` twin of every page.

Each function takes the story and the request's parameters and only puts Story functions'
answers together for one page; the HTML page fetches exactly this. An unknown id is a
LookupError (404), a parameter that cannot be right is a ValueError (400).
"""
from __future__ import annotations

from storyline.search import MAX_QUERY

__all__ = ["PAGES"]


def _id(query: dict) -> int:
    try:
        return int(query["id"])
    except (KeyError, ValueError):
        raise LookupError("no such id") from None


def _text_param(query: dict, name: str) -> str:
    value = query.get(name) or ""
    if len(value) > MAX_QUERY:
        raise ValueError(f"{name} is longer than {MAX_QUERY} characters")
    return value


def overview(story, query):
    docs, entities = story.documents(), story.entities()
    figures = {"articles": len(docs), "actors": len(entities), "dated events": len(story.timeline()),
               "claims": len(story.claims()), "corroborated claims": sum(c["corroborated"] for c in story.clusters()),
               "contradictions": len(story.contradictions(standing=True))}
    return {"figures": figures, "documents": docs, "entities": entities}


def timeline(story, query):
    """Rows of Story.event_timeline (one per event and date), each marked `inferred` when every
    mention's date was worked out across articles and with its `span` on a time axis; events
    nobody dates; the outlets to filter by."""
    entity, outlet = _text_param(query, "entity") or None, _text_param(query, "outlet") or None
    docs = {d["id"]: d for d in story.documents()}
    events = {e["id"]: e for e in story.events()}
    every = story.event_timeline(entity)
    # by default the events that matter (Story._salience); all=1 shows every one
    show_all = _text_param(query, "all") == "1"
    rows = every if show_all else [r for r in every if r["salient"]]
    hidden = len(every) - len(rows)
    if outlet:
        rows = [r for r in rows if any(docs[a]["outlet"] == outlet for a in r["articles"])]
    for r in rows:
        r["inferred"] = all(events[m]["when_how"] for m in r["mentions"])
        r["how"] = next((events[m]["when_how"] for m in r["mentions"] if events[m]["when_how"]), None)
        r["span"] = _axis_span(r["when"], events[r["mentions"][0]]["when_mod"])
    dated = {r["event"] for r in story.event_timeline()}
    undated, seen = [], set()
    for e in events.values():
        if e["when"] or e["cluster"] in dated or e["cluster"] in seen or len(e["participants"]) < 2:
            continue
        if outlet and docs[e["doc"]]["outlet"] != outlet:
            continue
        if entity and not any(entity.casefold() in {a.casefold() for a in x["aliases"]}
                              for x in story.entities() if x["id"] in e["participants"]):
            continue
        seen.add(e["cluster"])
        undated.append({k: e[k] for k in ("id", "type", "trigger", "doc", "start", "end", "participants", "text")})
    return {"rows": rows, "undated": undated, "outlets": sorted({d["outlet"] for d in docs.values() if d["outlet"]}),
            "hidden": hidden}


def _axis_span(when: str, mod: str | None) -> dict | None:
    """Where a row sits on the time axis: {start, end}, end None for a day (a point), else the day
    after the last (a span), as the TimelineJS export places it; None without a year."""
    from storyline.export.timelinejs import date_span
    found = date_span(when, mod)
    return None if found is None else {"start": found[0], "end": found[1]}


def network(story, query):
    from storyline.export.network import network as build
    return build(story)


def claims(story, query):
    return {"clusters": story.clusters(), "claims": story.claims()}


def claim(story, query):
    wanted = _id(query)
    found = next(iter(story.claims(ids=[wanted])), None)
    if found is None:
        raise LookupError(f"no claim {wanted}")
    cluster = next((cl for cl in story.clusters() if wanted in cl["claims"]), None)
    return {"claim": found, "article": story.article(found["doc"]), "cluster": cluster,
            "contradictions": [x for x in story.contradictions() if wanted in x["claims"]]}


def contradictions(story, query):
    return {"contradictions": story.contradictions(), "questions": story.questions()}


def contradiction(story, query):
    """One contradiction with each side (a claim, or a dated event) in its article, the
    evidence as `marks` of kind `evidence`."""
    wanted = _id(query)
    found = next((x for x in story.contradictions() if x["id"] == wanted), None)
    if found is None:
        raise LookupError(f"no contradiction {wanted}")
    claims = {c["id"]: c for c in story.claims(ids=found["claims"])}
    events = {e["id"]: e for e in story.events()} if found["events"] else {}
    side_of = {i: k for k, ids in enumerate(found["sides"]) for i in ids}
    sides = []
    for cid in found["claims"]:
        c = claims[cid]
        sides.append({"claim": c, "doc": c["doc"], "evidence": [c["start"], c["end"]], "side": side_of.get(cid, 0)})
    for eid in found["events"]:
        e = events[eid]
        sentence = e["text"].strip()
        start = story.article(e["doc"])["text"].find(sentence) if sentence else -1
        sides.append({"event": e, "doc": e["doc"], "side": side_of.get(eid, 0),
                      "evidence": [start, start + len(sentence)] if start >= 0 else [e["start"], e["end"]]})
    texts = {}
    for side in sides:
        if side["doc"] not in texts:
            texts[side["doc"]] = story.article(side["doc"])
        doc = texts[side["doc"]]
        side["article"] = {k: doc[k] for k in ("id", "title", "outlet", "published", "url", "text")}
    return {"contradiction": found, "sides": sides}


def entity(story, query):
    found = story.entity(_id(query))
    if found is None:
        raise LookupError(f"no entity {query.get('id')}")
    return found


def article(story, query):
    found = story.article(query.get("id", ""), _text_param(query, "q"))
    if found is None:
        raise LookupError(f"no article {query.get('id')!r}")
    return found


def search(story, query):
    return story.search(_text_param(query, "q"))


# The JSON twin of each page: {name: function(story, query)}; see server.ROUTES for the paths.
PAGES = {"overview": overview, "timeline": timeline, "network": network, "claims": claims, "claim": claim,
         "contradictions": contradictions, "contradiction": contradiction, "entity": entity,
         "article": article, "search": search}
