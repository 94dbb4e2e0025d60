"""The story as flat tables: one row per record, nested fields spread into columns.

Shared by the CSV export and `Story.to_pandas()`, so a spreadsheet and a notebook see the
same columns. Lists stay lists here; the CSV writer turns them into JSON text.
"""
from __future__ import annotations

from storyline.errors import StorylineError
from storyline.links import web_url

__all__ = ["TABLES", "tables", "to_pandas"]

TABLES = ("documents", "entities", "events", "claims", "contradictions", "clusters")


def tables(story) -> dict[str, list[dict]]:
    """{table name: rows} for every table in TABLES, in that order."""
    claims = []
    for c in story.claims():
        row = {k: v for k, v in c.items() if k != "source"}
        row.update({f"source_{k}": v for k, v in c["source"].items()})
        claims.append(row)
    documents = [{**d, "url": web_url(d.get("url"))} for d in story.documents()]
    return {"documents": documents, "entities": story.entities(), "events": story.events(),
            "claims": claims, "contradictions": story.contradictions(), "clusters": story.clusters()}


def to_pandas(story) -> dict:
    """{table name: pandas.DataFrame}; pandas comes with the `notebook` extra."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise StorylineError("E401", "Story.to_pandas() needs pandas, which is not installed",
                             "pip install 'storyline[notebook]' (or pip install pandas)") from exc
    out = {}
    for name, rows in tables(story).items():
        frame = pd.DataFrame(rows)
        if "id" in frame.columns:
            frame = frame.set_index("id", drop=False)
            frame.index.name = None
        out[name] = frame
    return out
