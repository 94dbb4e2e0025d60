"""GraphML of the story's network (see network.py): typed keys for every node and edge field,
every edge directed, `evidence` as doc:start-end pointers. Co-participation goes both ways, so it
is written as two edges (ids `x7` and `x7r`): a mixed graph (`directed="false"` on some edges)
is valid GraphML, but common readers such as networkx refuse it. Colours and sizes are the keys
Gephi's GraphML importer reads: `r`, `g`, `b` (0-255) and `size` on nodes, `r`, `g`, `b` on edges."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from storyline.export.network import network, pointer, rgb, xml_text

__all__ = ["render", "NAMESPACE"]

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
_KEYS = (("node", "label", "string"), ("node", "kind", "string"), ("node", "type", "string"),
         ("node", "mentions", "int"), ("node", "documents", "int"), ("node", "size", "double"),
         ("node", "r", "int"), ("node", "g", "int"), ("node", "b", "int"),
         ("edge", "kind", "string"), ("edge", "weight", "double"), ("edge", "evidence", "string"),
         ("edge", "r", "int"), ("edge", "g", "int"), ("edge", "b", "int"))


def render(story) -> str:
    net = network(story)
    root = ET.Element("graphml", {"xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
                                  "xsi:schemaLocation": f"{NAMESPACE} {NAMESPACE}/1.0/graphml.xsd"})
    root.set("xmlns", NAMESPACE)
    key_id = {}
    for i, (domain, name, kind) in enumerate(_KEYS):
        key_id[(domain, name)] = f"d{i}"
        ET.SubElement(root, "key", {"id": f"d{i}", "for": domain, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="storyline", edgedefault="directed")
    for n in net["nodes"]:
        node = ET.SubElement(graph, "node", id=xml_text(n["id"]))
        for name in ("label", "kind", "type", "mentions", "documents", "size"):
            ET.SubElement(node, "data", key=key_id[("node", name)]).text = xml_text(n[name])
        _colour(node, "node", n["colour"], key_id)
    both_ways = [{**e, "id": e["id"] + "r", "source": e["target"], "target": e["source"]}
                 for e in net["edges"] if not e["directed"]]
    for e in sorted(net["edges"] + both_ways, key=lambda e: (int(e["id"][1:].rstrip("r")), e["id"])):
        edge = ET.SubElement(graph, "edge", id=e["id"], source=xml_text(e["source"]), target=xml_text(e["target"]))
        ET.SubElement(edge, "data", key=key_id[("edge", "kind")]).text = e["kind"]
        ET.SubElement(edge, "data", key=key_id[("edge", "weight")]).text = str(float(e["weight"]))
        ET.SubElement(edge, "data", key=key_id[("edge", "evidence")]).text = " ".join(
            pointer(p["doc"], p["start"], p["end"]) for p in e["evidence"] if p["start"] is not None)
        _colour(edge, "edge", e["colour"], key_id)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _colour(element, domain: str, colour: str, key_id: dict) -> None:
    for name, value in zip("rgb", rgb(colour)):
        ET.SubElement(element, "data", key=key_id[(domain, name)]).text = str(value)
