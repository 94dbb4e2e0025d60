"""The product pipeline as evaluations run it: ingest files into a database, read the story back.

Every evaluation that scores what Storyline finds goes through here, so what is measured is what
`storyline ingest` stores and `Story` shows: no evaluation keeps an analyser of its own.
"""
from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

__all__ = ["ingested", "export_of"]


@contextlib.contextmanager
def ingested(paths: Iterable, db: str | Path | None = None) -> Iterator:
    """An open `Story` of `paths` ingested as `storyline ingest` does, in `db` (a fresh temporary
    database when None; an existing one is reused, so a kept database resumes)."""
    from storyline.api import ingest, open as open_story
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(db) if db is not None else Path(tmp) / "eval.db"
        ingest([Path(p) for p in paths], target, quiet=True)
        with open_story(target) as story:
            yield story


def export_of(paths: Iterable, db: str | Path | None = None) -> dict:
    """The storyline/1 export of `paths` ingested into one database."""
    with ingested(paths, db) as story:
        return story.export()
