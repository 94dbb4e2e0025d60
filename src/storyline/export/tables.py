"""The story as flat tables: one row per record, nested fields spread into columns.

Shared by the CSV export and `Story.to_pandas()`, so a spreadsheet and a notebook see the
same columns. Lists stay lists here; the CSV writer turns them into JSON text.
"""
from __future__ import annotations

from storyline.errors import StorylineError
from storyline.links import web_url

__all__ = ["TABLES", "COLUMNS", "tables", "to_pandas"]

TABLES = ("documents", "entities", "events", "claims", "contradictions", "clusters", "decisions")

# The columns of each table when it has no rows, so that an empty CSV file still has its header
# (pandas.read_csv refuses a file with none) and an empty DataFrame its columns: the fields the
# Story functions give each row today. A table with rows takes its columns from the rows.
COLUMNS = {
    "documents": ("id", "name", "title", "outlet", "url", "published", "published_from", "published_words"),
    "entities": ("id", "name", "type", "aliases", "titles", "mentions"),
    "events": ("id", "type", "doc", "start", "end", "trigger", "text", "participants", "when", "when_text",
               "when_how", "when_mod", "when_words", "polarity", "certainty", "mood", "class", "tense", "aspect",
               "modality", "cluster", "not_after", "told_on", "told_on_text", "told_on_start"),
    "claims": ("id", "doc", "start", "end", "text", "cue", "cue_start", "cue_end", "quote", "polarity", "certainty",
               "said_on", "said_on_words", "predicate", "events", "source_entity", "source_text", "source_kind",
               "source_anonymous", "source_count", "source_affiliation", "source_on_behalf_of", "source_group",
               "source_start", "source_end"),
    "contradictions": ("id", "kind", "claims", "events", "sides", "explanation", "score", "decided_by", "evidence"),
    "clusters": ("id", "proposition", "claims", "asserting", "denying", "articles", "distinct_articles", "outlets",
                 "sources", "independent_sources", "possibly_same", "corroborated", "first", "pickup", "citations",
                 "copies", "contradicted", "stance"),
}


def tables(story) -> dict[str, list[dict]]:
    """{table name: rows} for every table in TABLES, in that order."""
    claims = []
    for c in story.claims():
        row = {k: v for k, v in c.items() if k != "source"}
        row.update({f"source_{k}": v for k, v in c["source"].items()})
        claims.append(_review_columns(row))
    documents = [{**d, "url": web_url(d.get("url"))} for d in story.documents()]
    return {"documents": [_review_columns(d) for d in documents],
            "entities": [_review_columns(e) for e in story.entities()], "events": story.events(),
            "claims": claims, "contradictions": [_review_columns(x) for x in story.contradictions()],
            "clusters": [_review_columns(c) for c in story.clusters()], "decisions": story.decisions()}


def _review_columns(row: dict) -> dict:
    """A row's review as review_state, review_note, review_at, review_by (the rest as JSON in review_more)."""
    review = row.pop("review", None) or {}
    row.update({f"review_{k}": review.get(k) for k in ("state", "note", "at", "by")})
    more = {k: v for k, v in review.items() if k not in {"state", "note", "at", "by"}}
    row["review_more"] = more or None
    return row


def to_pandas(story) -> dict:
    """{table name: pandas.DataFrame}; pandas comes with the `notebook` extra."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise StorylineError("E401", "Story.to_pandas() needs pandas, which is not installed",
                             "pip install 'storyline[notebook]' (or pip install pandas)") from exc
    out = {}
    for name, rows in tables(story).items():
        frame = pd.DataFrame(rows) if rows else pd.DataFrame(columns=list(COLUMNS.get(name, ())))
        if "id" in frame.columns:
            frame = frame.set_index("id", drop=False)
            frame.index.name = None
        out[name] = frame
    return out
