"""The story as a network: actors and outlets as nodes, who did what with whom as edges.

Shared by the GEXF and GraphML exports and by the web UI's network view. Edge kinds:

  co_participation  entity -- entity   took part in the same event (undirected; weight: events)
  claims_about      source -> entity   a source's claim names or involves the entity (weight: claims)
  quotes            outlet -> source   an outlet's article quotes the source (weight: claims)
  credits           outlet -> outlet   an article credits another outlet's report (weight: articles)

Every edge keeps its evidence as (doc, start, end) pointers into the articles' text, each with its
article's headline and the sentence that holds it (export/evidence.py, in_context). Each node
counts the articles it is in (`documents`: mentioned in, or published), and carries a colour
for its type and a size that grows with that count, which GEXF and GraphML hand to Gephi.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from itertools import combinations

from storyline.export.evidence import entity_documents, in_context

__all__ = ["network", "degree", "xml_text", "pointer", "COLOURS", "EDGE_COLOURS", "rgb"]

# Node colour by type, edge colour by kind: the Okabe-Ito palette, told apart with colour blindness.
COLOURS = {"PERSON": "#0072B2", "ORG": "#E69F00", "OUTLET": "#009E73", "GPE": "#CC79A7", "LOC": "#CC79A7",
           "FAC": "#CC79A7", "GROUP": "#D55E00", "NORP": "#D55E00"}
_OTHER_COLOUR = "#999999"
EDGE_COLOURS = {"co_participation": "#999999", "claims_about": "#D55E00", "quotes": "#56B4E9",
                "credits": "#009E73"}


def rgb(colour: str) -> tuple[int, int, int]:
    """"#0072B2" as (0, 114, 178)."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _size(documents: int) -> float:
    """A node's size: 10 for an actor of one article, growing with the square root of the count
    (so that an actor of 100 articles is not ten times the size of one of 10)."""
    return round(10 + 6 * math.sqrt(max(documents - 1, 0)), 1)

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value) -> str:
    """A value as text XML 1.0 can carry (control characters from hostile input dropped)."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def pointer(doc: str, start: int, end: int) -> str:
    """'doc:start-end', the compact form of an evidence pointer in XML attributes."""
    return f"{doc}:{start}-{end}"


def network(story) -> dict:
    """{"nodes": [...], "edges": [...]}: nodes {id, label, kind: entity|outlet, type, mentions,
    documents, colour, size}; edges {id, source, target, kind, directed, weight, colour,
    evidence: [{doc, start, end, headline, sentence, sentence_start}]}."""
    entities = story.entities()
    documents = story.documents()
    claims = story.claims()
    events = {e["id"]: e for e in story.events()}

    nodes: dict[str, dict] = {}
    in_docs: dict[str, set[str]] = defaultdict(set)  # node id -> the articles it is in
    for entity_id, docs in entity_documents(story).items():
        in_docs[f"e{entity_id}"] |= docs
    for e in entities:
        nodes[f"e{e['id']}"] = {"id": f"e{e['id']}", "label": e["name"], "kind": "entity", "type": e["type"],
                                "mentions": e["mentions"], "documents": 0}
    by_alias: dict[str, str] = {}
    for e in entities:  # most-mentioned first, so a shared alias goes to the better-known entity
        for alias in e["aliases"] + [e["name"]]:
            by_alias.setdefault(alias.casefold(), f"e{e['id']}")

    def outlet_node(name: str) -> str:
        found = by_alias.get(name.casefold())
        if found is None:
            found = f"o:{name}"
            nodes.setdefault(found, {"id": found, "label": name, "kind": "outlet", "type": "OUTLET",
                                     "mentions": 0, "documents": 0})
        else:
            nodes[found]["kind"] = "outlet"
        return found

    outlet_of = {}
    for d in documents:
        if d["outlet"]:
            outlet_of[d["id"]] = outlet_node(d["outlet"])
            in_docs[outlet_of[d["id"]]].add(d["id"])

    edges: dict[tuple, dict] = {}

    def add(kind: str, source: str, target: str, directed: bool, evidence: dict) -> None:
        if source == target:
            return
        if not directed:
            source, target = sorted((source, target))
        edge = edges.setdefault((kind, source, target), {"source": source, "target": target, "kind": kind,
                                                         "directed": directed, "weight": 0, "evidence": []})
        if evidence not in edge["evidence"]:
            edge["evidence"].append(evidence)
            edge["weight"] += 1

    for ev in events.values():
        for a, b in combinations(sorted(set(ev["participants"])), 2):
            add("co_participation", f"e{a}", f"e{b}", False, {"doc": ev["doc"], "start": ev["start"],
                                                              "end": ev["end"]})

    named = _alias_finder(by_alias)
    for c in claims:
        src = c["source"]
        if src["entity"] is None:
            continue
        speaker = f"e{src['entity']}"
        span = {"doc": c["doc"], "start": c["start"], "end": c["end"]}
        about = set(named(c["text"]))
        for eid in c["events"]:
            if eid in events:
                about.update(f"e{p}" for p in events[eid]["participants"])
        for target in sorted(about):
            add("claims_about", speaker, target, True, span)
        if c["doc"] in outlet_of and src["start"] is not None:
            add("quotes", outlet_of[c["doc"]], speaker, True,
                {"doc": c["doc"], "start": src["start"], "end": src["end"]})

    claim_by_id = {c["id"]: c for c in claims}
    for cluster in story.clusters():
        for cite in cluster["citations"]:
            c = claim_by_id.get(cite.get("claim"))
            if c is None:
                span = {"doc": cite["doc"], "start": None, "end": None}
            elif c["source"]["start"] is not None:  # "the Herald reported": the credit itself
                span = {"doc": c["doc"], "start": c["source"]["start"], "end": c["source"]["end"]}
            else:
                span = {"doc": c["doc"], "start": c["start"], "end": c["end"]}
            add("credits", outlet_node(cite["from"]), outlet_node(cite["to"]), True, span)
            in_docs[outlet_node(cite["to"])].add(cite["doc"])  # the crediting article names it

    out_edges, place = [], in_context(story)
    for i, edge in enumerate(sorted(edges.values(), key=lambda e: (e["kind"], e["source"], e["target"])), 1):
        out_edges.append({"id": f"x{i}", **edge, "colour": EDGE_COLOURS.get(edge["kind"], _OTHER_COLOUR),
                          "evidence": [place(p) for p in edge["evidence"]]})
    for node in nodes.values():
        node["documents"] = len(in_docs.get(node["id"], ()))
        node["colour"] = COLOURS.get("OUTLET" if node["kind"] == "outlet" else node["type"], _OTHER_COLOUR)
        node["size"] = _size(node["documents"])
    return {"nodes": sorted(nodes.values(), key=lambda n: (n["kind"], n["id"])), "edges": out_edges}


def _alias_finder(by_alias: dict[str, str]):
    """A function text -> node ids of the entities whose names or aliases occur in it as words."""
    aliases = sorted((a for a in by_alias if len(a) >= 3), key=len, reverse=True)
    if not aliases:
        return lambda text: []
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in aliases) + r")\b", re.IGNORECASE)

    def find(text: str) -> list[str]:
        return [by_alias[m.group(0).casefold()] for m in pattern.finditer(text or "")]
    return find


def degree(net: dict) -> dict[str, int]:
    """Weighted degree of every node (used to size nodes)."""
    out: dict[str, int] = defaultdict(int)
    for e in net["edges"]:
        out[e["source"]] += e["weight"]
        out[e["target"]] += e["weight"]
    return dict(out)
