"""Long articles are analysed in pieces, so that analysis costs time and memory in proportion to
the text's length (spaCy's parse and some of our passes grow faster than that over one huge Doc:
950 KB of prose in one Doc took 314 s and 3.3 GB) and no Doc reaches spaCy's `max_length`.

A piece ends at a paragraph break where one falls in the last fifth of the window, else at a
line break, a sentence end or a space. Each piece is analysed as an article of its own; its
records' offsets are then moved by where the piece starts, so they point into the whole text.
What a piece cannot see is the other pieces: a surname is joined to a full name, and a
pronoun to its person, only within one piece.
"""
from __future__ import annotations

import dataclasses

from storyline.records import Analysis, Article

__all__ = ["PIECE_CHARS", "BATCH_CHARS", "pieces", "piece_article", "shifted", "joined"]

PIECE_CHARS = 50_000  # about 8,000 words: longer than nearly every news article, so they stay whole
BATCH_CHARS = 100_000  # what one spaCy batch may hold in all (ingest.py), so memory stays bounded too
# Offset fields of the records (records.py), each moved by a piece's start.
OFFSETS = {"start", "end", "cue_start", "cue_end", "content_start", "content_end", "sentence_start",
           "sentence_end", "timex_start"}


def pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) covering `text` exactly, each at most `size` characters."""
    if len(text) <= size:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = _cut(text, start, size)
        out.append((start, text[start:end]))
        start = end
    return out


def _cut(text: str, start: int, size: int) -> int:
    end = start + size
    if end >= len(text):
        return len(text)
    floor = start + size * 4 // 5
    for mark in ("\n\n", "\n", ". ", " "):
        at = text.rfind(mark, floor, end)
        if at >= 0:
            return at + len(mark)
    return end


def piece_article(article: Article, offset: int, text: str) -> Article:
    """The piece as an article: the same date and outlet, its own text; the metadata lines
    before the body belong to the first piece only."""
    return dataclasses.replace(article, text=text, body_start=max(0, article.body_start - offset))


def shifted(record, offset: int, events_before: int = 0):
    """A record (or an Analysis) with every character offset moved by `offset`; a claim's event
    numbers by `events_before`."""
    if isinstance(record, Analysis):
        return Analysis(sentences=[(s + offset, e + offset) for s, e in record.sentences],
                        **{name: [shifted(r, offset, events_before) for r in getattr(record, name)]
                           for name in ("mentions", "timexes", "attributions", "events", "claims")})
    if not dataclasses.is_dataclass(record):
        return record
    changes = {}
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if f.name in OFFSETS and isinstance(value, int):
            changes[f.name] = value + offset
        elif f.name == "events" and isinstance(value, tuple):
            changes[f.name] = tuple(i + events_before for i in value)
        elif dataclasses.is_dataclass(value):
            changes[f.name] = shifted(value, offset, events_before)
    return dataclasses.replace(record, **changes) if changes else record


def joined(parts: list[tuple[int, Analysis]]) -> Analysis:
    """One Analysis of the whole text from the pieces' (offset, analysis), in order."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    whole = Analysis()
    for offset, analysis in parts:
        moved = shifted(analysis, offset, len(whole.events))
        for name in ("sentences", "mentions", "timexes", "attributions", "events", "claims"):
            getattr(whole, name).extend(getattr(moved, name))
    return whole
