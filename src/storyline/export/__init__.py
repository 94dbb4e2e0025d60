"""Exports of the stored story, one module per format:

  json         the storyline/1 contract (DESIGN.md); contract.py checks it
  timelinejs   TimelineJS3 JSON of the dated events (timelinejs.py)
  ftm          FollowTheMoney entities as JSON lines (ftm.py)
  claimreview  schema.org ClaimReview JSON-LD for corroborated or contradicted claims (claimreview.py)
  gexf         the network of actors and outlets as GEXF 1.3 (gexf.py, network.py)
  graphml      the same network as GraphML (graphml.py)
  csv          a folder or .zip of CSV tables (csv_tables.py); needs an output path
  provenance   which judgments the machine made and which a reviewer decided (provenance.py)
"""
from __future__ import annotations

import importlib
import json
import sys

from storyline.links import web_url

__all__ = ["write_export", "render", "FORMATS"]

FORMATS = ("json", "timelinejs", "ftm", "claimreview", "gexf", "graphml", "csv", "provenance")
_MODULES = {"timelinejs": "timelinejs", "ftm": "ftm", "claimreview": "claimreview", "gexf": "gexf",
            "graphml": "graphml", "provenance": "provenance"}


def render(story, fmt: str, base_url: str | None = None) -> str:
    """The export as text, for every format that is one document (all but csv); `base_url`: where
    Storyline's web pages are served, for the formats that link to them (claimreview)."""
    if fmt == "json":
        data = story.export()
        for doc in data.get("documents", []):
            doc["url"] = web_url(doc.get("url"))  # links only to the web, also from older databases
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    if fmt in _MODULES:
        module = importlib.import_module(f"storyline.export.{_MODULES[fmt]}")
        return module.render(story, base_url=base_url) if fmt == "claimreview" else module.render(story)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_export(story, fmt: str, output: str | None = None, base_url: str | None = None) -> None:
    """Write the export to `output` (a file; for csv a folder or .zip), else to stdout."""
    if fmt == "csv":
        from storyline.export.csv_tables import write
        write(story, output)
        return
    data = render(story, fmt, base_url=base_url)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(data)
    else:
        sys.stdout.write(data)
