"""GEXF 1.3 (Gephi's format) of the story's network: see network.py for nodes and edges.

Nodes carry Gephi's viz attributes: `viz:color` for their type and `viz:size` growing with the
articles they are in (network.py); edges a `viz:color` for their kind.
Edges are directed unless they say `type="mutual"` (co-participation goes both ways; GEXF's
word for that inside a directed graph, which readers such as networkx accept where a mixed
graph's "undirected" is refused); `kind` tells the edge kinds apart in a multigraph, and
`evidence` lists `doc:start-end` pointers.
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from storyline.export.network import network, pointer, rgb, xml_text

__all__ = ["render", "NAMESPACE", "VIZ"]

NAMESPACE = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
_NODE_ATTRS = (("kind", "string"), ("type", "string"), ("mentions", "integer"), ("documents", "integer"))
_EDGE_ATTRS = (("kind", "string"), ("evidence", "string"))


def render(story) -> str:
    net = network(story)
    root = ET.Element("gexf", {"xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                               "xsi:schemaLocation": f"{NAMESPACE} {NAMESPACE}/gexf.xsd", "version": "1.3"})
    root.set("xmlns", NAMESPACE)
    root.set("xmlns:viz", VIZ)
    meta = ET.SubElement(root, "meta", lastmodifieddate=dt.date.today().isoformat())
    ET.SubElement(meta, "creator").text = "Storyline"
    ET.SubElement(meta, "description").text = (
        "Actors and outlets of a story; edges: co_participation (same event), claims_about, quotes, credits. "
        "evidence: doc:start-end character pointers into the articles.")
    graph = ET.SubElement(root, "graph", mode="static", defaultedgetype="directed")
    for cls, attrs in (("node", _NODE_ATTRS), ("edge", _EDGE_ATTRS)):
        block = ET.SubElement(graph, "attributes", {"class": cls})
        for name, kind in attrs:
            ET.SubElement(block, "attribute", id=name, title=name, type=kind)
    nodes = ET.SubElement(graph, "nodes")
    for n in net["nodes"]:
        node = ET.SubElement(nodes, "node", id=xml_text(n["id"]), label=xml_text(n["label"]))
        values = ET.SubElement(node, "attvalues")
        for name, _ in _NODE_ATTRS:
            ET.SubElement(values, "attvalue", {"for": name, "value": xml_text(n[name])})
        _colour(node, n["colour"])
        ET.SubElement(node, "viz:size", value=str(float(n["size"])))
    edges = ET.SubElement(graph, "edges")
    for e in net["edges"]:
        attrs = {"id": e["id"], "source": xml_text(e["source"]), "target": xml_text(e["target"]),
                 "kind": e["kind"], "label": e["kind"], "weight": str(float(e["weight"]))}
        if not e["directed"]:
            attrs["type"] = "mutual"
        edge = ET.SubElement(edges, "edge", attrs)
        values = ET.SubElement(edge, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "kind", "value": e["kind"]})
        ET.SubElement(values, "attvalue", {"for": "evidence", "value": " ".join(
            pointer(p["doc"], p["start"], p["end"]) for p in e["evidence"] if p["start"] is not None)})
        _colour(edge, e["colour"])
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _colour(element, colour: str) -> None:
    r, g, b = rgb(colour)
    ET.SubElement(element, "viz:color", r=str(r), g=str(g), b=str(b))
