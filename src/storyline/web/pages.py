"""What each page of the web UI shows, as JSON: the `.json` twin of every page.

Each function takes the story and the request's parameters and only puts Story functions'
answers together for one page; the HTML page fetches exactly this. An unknown id is a
LookupError (404), a parameter that cannot be right is a ValueError (400).
"""
from __future__ import annotations

from storyline.browse import Facet, Listing, browse, page_number
from storyline.search import MAX_QUERY

__all__ = ["PAGES"]

ACTORS_SHOWN = 100        # the overview's actors, most mentioned first
TIMELINE_PER_PAGE = 100   # timeline rows a page
UNDATED_SHOWN = 100       # undated events listed under the timeline
CLUSTERS_PER_PAGE = 25    # claim clusters a page
ENTITY_CLAIMS = 100       # claims by / about an actor a page
NETWORK_EDGES = 600       # the strongest ties drawn on a large story (the page shows 150 nodes)
NETWORK_EVIDENCE = 5      # pieces of evidence a tie carries to the page (`evidence_more`: the rest)


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


def _month_words(value: str) -> str:
    from storyline.present.dates import words
    return words(value) or value


def _documents(story) -> dict:
    return story._grouped("documents", "id")


def _doc_listing(story) -> Listing:
    """Articles with their copies folded in: one item per near-duplicate group (the first article,
    `copies` the others: wire copies, syndication, revisions)."""
    groups: dict[str, list] = {}
    for d in story._shared("documents"):
        groups.setdefault(d["copy_of"] or d["id"], []).append(d)
    items = []
    for first, docs in groups.items():
        head = next((d for d in docs if d["id"] == first), docs[0])
        items.append({**head, "copies": [{k: d[k] for k in ("id", "outlet", "published", "published_words", "title")}
                                         for d in docs if d is not head]})
    facets = [Facet("outlet", "Outlet", lambda i: (i["outlet"], *(c["outlet"] for c in i["copies"]))),
              Facet("month", "Month", lambda i: ((i["published"] or "")[:7],), _month_words)]
    sorts = {"date": ("oldest first", lambda i: (i["published"] or "9999", i["name"]), False),
             "newest": ("newest first", lambda i: (i["published"] or "", i["name"]), True),
             "outlet": ("outlet", lambda i: ((i["outlet"] or "~").casefold(), i["published"] or "9999"), False),
             "copies": ("most copies", lambda i: (len(i["copies"]), i["published"] or ""), True)}
    return Listing(items, facets, sorts)


def overview(story, query):
    """The figures, one page of articles (copies folded in, by outlet and month) and the actors
    most mentioned."""
    docs, entities = story._shared("documents"), story._shared("entities")
    figures = {"articles": len(docs), "actors": len(entities),
               "dated events": sum(1 for e in story._shared("events") if e["when"]),
               "claims": len(story._shared("_claim_rows")),
               "corroborated claims": sum(c["corroborated"] for c in story._shared("clusters")),
               "contradictions": sum(1 for x in story._shared("_contradiction_rows")
                                     if x["review"]["state"] != "rejected")}
    listing = browse(story.keep("listing:documents", lambda: _doc_listing(story)), query)
    shown = entities[:ACTORS_SHOWN]
    return {"figures": figures, "documents": listing.pop("items"), "listing": listing,
            "entities": shown, "entities_total": len(entities)}


def _timeline_rows(story, entity: str | None) -> list[dict]:
    """Rows of Story.event_timeline with `inferred` (every mention's date worked out across
    articles), `how`, and `span`, where the row sits on a time axis."""
    events = story._grouped("events", "id")
    rows = story.event_timeline(entity)
    for r in rows:
        r["inferred"] = all(events[m]["when_how"] for m in r["mentions"])
        r["how"] = next((events[m]["when_how"] for m in r["mentions"] if events[m]["when_how"]), None)
        r["span"] = _axis_span(r["when"], events[r["mentions"][0]]["when_mod"])
    return rows


def _axis_span(when: str, mod: str | None) -> dict | None:
    """Where a row sits on the time axis: {start, end}, end None for a day (a point), else the day
    after the last (a span), as the TimelineJS export places it; None without a year."""
    from storyline.export.timelinejs import date_span
    found = date_span(when, mod)
    return None if found is None else {"start": found[0], "end": found[1]}


def _timeline_listing(story, rows: list[dict]) -> Listing:
    docs = _documents(story)
    facets = [Facet("outlet", "Outlet", lambda r: tuple({docs[a]["outlet"] for a in r["articles"]})),
              Facet("type", "Kind of event", lambda r: (r["type"],)),
              Facet("month", "Month", lambda r: ((r["when"] or "")[:7],), _month_words)]
    sorts = {"date": ("in time order", lambda r: (r["when"], r["event"]), False),
             "articles": ("told by most articles", lambda r: (len(r["articles"]), r["when"]), True)}
    return Listing(rows, facets, sorts)


def timeline(story, query):
    """One page of Story.event_timeline rows (one per event and date), each marked `inferred` when
    every mention's date was worked out across articles; by default the events that matter
    (Story._salience), all=1 every one; by outlet, kind and month; events nobody dates; the
    articles the page shows and every actor (id, name, type) to choose from."""
    entity = _text_param(query, "entity") or None
    show_all = _text_param(query, "all") == "1"
    if entity:
        every = _timeline_rows(story, entity)
        listing = _timeline_listing(story, [r for r in every if show_all or r["salient"]])
    else:
        every = story.keep("timeline:rows", lambda: _timeline_rows(story, None))
        listing = story.keep(f"listing:timeline:{show_all}", lambda: _timeline_listing(
            story, [r for r in every if show_all or r["salient"]]))
    page = browse(listing, query, per=TIMELINE_PER_PAGE)
    undated = story.keep(f"timeline:undated:{entity}", lambda: _undated(story, entity))
    outlet = _text_param(query, "outlet") or None
    if outlet:
        docs = _documents(story)
        undated = [e for e in undated if docs[e["doc"]]["outlet"] == outlet]
    outlets = story.keep("outlets", lambda: sorted({d["outlet"] for d in story._shared("documents") if d["outlet"]}))
    rows, undated = page.pop("items"), undated[:UNDATED_SHOWN]
    docs = _documents(story)
    used = {a for r in rows for a in r["articles"]} | {e["doc"] for e in undated}
    actors = story.keep("actors", lambda: [{k: e[k] for k in ("id", "name", "type")} for e in story._shared("entities")])
    return {"rows": rows, "listing": page, "undated": undated, "undated_total": len(undated), "outlets": outlets,
            "hidden": len(every) - len(listing.items), "documents": {d: docs[d] for d in used}, "actors": actors}


def _undated(story, entity: str | None) -> list[dict]:
    """Events with two or more named participants that no article dates (one per event cluster)."""
    events = story._shared("events")
    dated = {r["event"] for r in story.keep("timeline:rows", lambda: _timeline_rows(story, None))}
    wanted = None
    if entity:
        wanted = {x["id"] for x in story._shared("entities")
                  if entity.casefold() in {a.casefold() for a in x["aliases"]}}
    out, seen = [], set()
    for e in events:
        if e["when"] or e["cluster"] in dated or e["cluster"] in seen or len(e["participants"]) < 2:
            continue
        if wanted is not None and not wanted & set(e["participants"]):
            continue
        seen.add(e["cluster"])
        out.append({k: e[k] for k in ("id", "type", "trigger", "doc", "start", "end", "participants", "text")})
    return out


def network(story, query):
    """The network (export/network.py); on a large story its strongest ties: at most
    NETWORK_EDGES edges, and the nodes they join (`nodes_total`, `edges_total` say how many in all);
    each tie with its first NETWORK_EVIDENCE pieces of evidence (`evidence_more` counts the others;
    the export has them all); `documents`, the articles that evidence is in."""
    return story.keep("network", lambda: _network(story))


def _network(story) -> dict:
    from storyline.export.network import network as build
    whole = build(story)
    edges = whole["edges"]
    out = dict(whole)
    out["nodes_total"], out["edges_total"] = len(whole["nodes"]), len(edges)
    if len(edges) > NETWORK_EDGES:
        edges = sorted(edges, key=lambda e: (-e["weight"], e["source"], e["target"], e["kind"]))[:NETWORK_EDGES]
        joined = {e["source"] for e in edges} | {e["target"] for e in edges}
        out["edges"] = edges
        out["nodes"] = [n for n in whole["nodes"] if n["id"] in joined]
    out["edges"] = [e if len(e["evidence"]) <= NETWORK_EVIDENCE else
                    {**e, "evidence": e["evidence"][:NETWORK_EVIDENCE],
                     "evidence_more": len(e["evidence"]) - NETWORK_EVIDENCE} for e in out["edges"]]
    docs = _documents(story)
    used = {ev["doc"] for e in out["edges"] for ev in e["evidence"]}
    out["documents"] = {d: docs[d] for d in sorted(used) if d in docs}
    return out


def _cluster_listing(story) -> Listing:
    """Claim clusters, each with the facet values of its claims: the outlets and months of their
    articles, who speaks (an actor), the kind of source, asserting or denying, review states."""
    claims, docs = story._grouped("_claim_rows", "id"), _documents(story)
    names = {e["id"]: e["name"] for e in story._shared("entities")}

    def members(cl):
        return [claims[i] for i in cl["claims"] if i in claims]

    def review_states(cl):
        return (cl["review"]["state"], *(c["review"]["state"] for c in members(cl)))

    def standing(cl):
        return tuple(k for k, v in (("corroborated", cl["corroborated"]), ("contradicted", cl["contradicted"])) if v) \
            or ("neither",)

    facets = [Facet("outlet", "Outlet", lambda cl: tuple({docs[c["doc"]]["outlet"] for c in members(cl)})),
              Facet("month", "Month", lambda cl: tuple({(docs[c["doc"]]["published"] or "")[:7] for c in members(cl)}),
                    _month_words),
              Facet("actor", "Who speaks", lambda cl: tuple({str(c["source"]["entity"]) for c in members(cl)
                                                              if c["source"]["entity"] is not None}),
                    lambda v: names.get(int(v), v)),
              Facet("source_kind", "Kind of source", lambda cl: tuple({c["source"]["kind"] for c in members(cl)})),
              Facet("polarity", "Asserts or denies", lambda cl: tuple({c["polarity"] for c in members(cl)})),
              Facet("standing", "Judged", standing),
              Facet("review", "Review", review_states)]
    first = {cl["id"]: (docs[cl["first"]]["published"] or "9999") if cl.get("first") in docs else "9999"
             for cl in story._shared("clusters")}
    sorts = {"sources": ("most independent sources", lambda cl: (cl["independent_sources"], -cl["id"]), True),
             "articles": ("told by most articles", lambda cl: (cl.get("distinct_articles", 0), -cl["id"]), True),
             "date": ("first reported, oldest first", lambda cl: (first[cl["id"]], cl["id"]), False),
             "newest": ("first reported, newest first", lambda cl: (first[cl["id"]], -cl["id"]), True)}
    return Listing(story._shared("clusters"), facets, sorts)


def _folded(claim_ids: list[int], claims: dict, docs: dict) -> list[dict]:
    """Claims of one side of a cluster with copies folded: a claim in a copy of an article whose
    first version says the same is counted on that one (`copies`, the articles it was copied to)."""
    out: dict[tuple, dict] = {}
    for i in claim_ids:
        c = claims.get(i)
        if c is None:
            continue
        doc = docs[c["doc"]]
        key = (doc["copy_of"] or doc["id"], " ".join(c["text"].split()).casefold(), c["source"]["text"])
        if key in out:
            out[key]["copies"].append(c["doc"])
        else:
            out[key] = {"claim": i, "copies": []}
    return list(out.values())


def claims(story, query):
    """One page of claim clusters narrowed by facets, with what the page shows of them: the claims
    (copies folded: `asserting`/`denying` as [{claim, copies}]), their articles, the speakers' names.
    `claim=N` with no page asked for: the page that holds claim N's cluster."""
    wanted = (query.get("claim") or "").strip()
    focus = (lambda cl: int(wanted) in cl["claims"]) if wanted.isdigit() and len(wanted) < 10 else None
    page = browse(story.keep("listing:clusters", lambda: _cluster_listing(story)), query, per=CLUSTERS_PER_PAGE,
                  focus=focus)
    all_claims, docs = story._grouped("_claim_rows", "id"), _documents(story)
    entities = story._grouped("entities", "id")
    clusters, shown, used = [], {}, set()
    for cl in page.pop("items"):
        folded = {side: _folded(cl[side], all_claims, docs) for side in ("asserting", "denying")}
        clusters.append({**cl, "folded": folded})
        for side in folded.values():
            for item in side:
                c = all_claims[item["claim"]]
                shown[c["id"]] = c
                used.add(c["doc"])
                used.update(item["copies"])
    documents = {d: docs[d] for d in used}
    names = {c["source"]["entity"]: entities[c["source"]["entity"]]["name"] for c in shown.values()
             if c["source"]["entity"] in entities}
    return {"clusters": clusters, "claims": list(shown.values()), "documents": documents,
            "names": names, "listing": page}


def claim(story, query):
    wanted = _id(query)
    found = next(iter(story.claims(ids=[wanted])), None)
    if found is None:
        raise LookupError(f"no claim {wanted}")
    cluster = next((cl for cl in story._shared("clusters") if wanted in cl["claims"]), None)
    return {"claim": found, "article": story.article(found["doc"]), "cluster": cluster,
            "contradictions": [x for x in story._shared("_contradiction_rows") if wanted in x["claims"]]}


def _contradiction_listing(story) -> Listing:
    claims, docs = story._grouped("_claim_rows", "id"), _documents(story)
    events = story._grouped("events", "id")

    def outlets(x):
        found = {docs[claims[i]["doc"]]["outlet"] for i in x["claims"] if i in claims}
        return tuple(found | {docs[events[i]["doc"]]["outlet"] for i in x["events"] if i in events})
    facets = [Facet("kind", "Kind", lambda x: (x["kind"],), lambda v: v.replace("_", " ")),
              Facet("review", "Review", lambda x: (x["review"]["state"],)),
              Facet("outlet", "Outlet", outlets)]
    sorts = {"found": ("as found", lambda x: x["id"], False),
             "score": ("surest first", lambda x: (x["score"] or 0, -x["id"]), True)}
    return Listing(story._shared("_contradiction_rows"), facets, sorts)


def _question_listing(story) -> Listing:
    facets = [Facet("kind", "Kind", lambda q: (q["kind"],), lambda v: v.replace("_", " "))]
    return Listing(story._shared("questions"), facets, {"found": ("as found", lambda q: 0, False)})


def contradictions(story, query):
    """One page of contradictions (by kind, review state, outlet) and one of open questions (by
    kind: parameters `q_kind`, `q_page`), with the claims, events, articles and names they show."""
    shown = browse(story.keep("listing:contradictions", lambda: _contradiction_listing(story)), query)
    asked = browse(story.keep("listing:questions", lambda: _question_listing(story)), query,
                   page_param="q_page", sort_param="q_sort", prefix="q_")
    found, questions = shown.pop("items"), asked.pop("items")
    all_claims, events, docs = story._grouped("_claim_rows", "id"), story._grouped("events", "id"), _documents(story)
    entities = story._grouped("entities", "id")
    claim_ids = {i for x in found + questions for i in x.get("claims") or []}
    event_ids = {i for x in found + questions for i in x.get("events") or []}
    claim_rows = [all_claims[i] for i in sorted(claim_ids) if i in all_claims]
    event_rows = [events[i] for i in sorted(event_ids) if i in events]
    used = {c["doc"] for c in claim_rows} | {e["doc"] for e in event_rows}
    names = {c["source"]["entity"]: entities[c["source"]["entity"]]["name"] for c in claim_rows
             if c["source"]["entity"] in entities}
    return {"contradictions": found, "questions": questions, "listing": shown, "questions_listing": asked,
            "claims": claim_rows, "events": event_rows, "documents": {d: docs[d] for d in used}, "names": names}


def contradiction(story, query):
    """One contradiction with each side (a claim, or a dated event) in its article, the
    evidence as `marks` of kind `evidence`."""
    wanted = _id(query)
    found = next((x for x in story._shared("_contradiction_rows") if x["id"] == wanted), None)
    if found is None:
        raise LookupError(f"no contradiction {wanted}")
    claims = {c["id"]: c for c in story.claims(ids=found["claims"])}
    events = story._grouped("events", "id")
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
    """An actor with one page (`page`, ENTITY_CLAIMS a page) of the claims they made and of the
    claims about them; `claims_by_total` and `claims_about_total` say how many in all."""
    found = story.entity(_id(query))
    if found is None:
        raise LookupError(f"no entity {query.get('id')}")
    page = page_number(query)
    cut = slice((page - 1) * ENTITY_CLAIMS, page * ENTITY_CLAIMS)
    for side in ("claims_by", "claims_about"):
        found[side + "_total"] = len(found[side])
        found[side] = found[side][cut]
    found["page"], found["per"] = page, ENTITY_CLAIMS
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
