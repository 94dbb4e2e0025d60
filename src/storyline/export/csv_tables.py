"""CSV tables of the story: documents, entities, events, claims, contradictions, clusters.

Written to a folder (one `NAME.csv` each) or, when the output ends in `.zip`, to a zip of the
same files. Columns are those of `tables.py` (a claim's source spread into `source_*`
columns); list and object cells hold JSON text, so `[1, 2]` reads back unambiguously. Every
claim and event row keeps `doc`, `start` and `end`.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

from storyline.errors import StorylineError
from storyline.export.tables import COLUMNS, tables

__all__ = ["write", "table_csv"]


_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet reads as the start of a formula


def _cell(value):
    """A cell's text; one a spreadsheet would run as a formula (an article title "=HYPERLINK(...)")
    gets a leading apostrophe, the mark spreadsheets read as "this is text"."""
    if isinstance(value, (list, dict, tuple)):
        value = json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def table_csv(rows: list[dict], empty: tuple[str, ...] = ()) -> str:
    """One table as CSV text; the columns are the union of the rows' keys, in first-seen order
    (`empty`: the header of a table without rows, which still gets one)."""
    columns: dict[str, None] = dict.fromkeys(empty) if not rows else {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def write(story, output: str | None) -> list[str]:
    """Write every table; returns the names written."""
    if not output:
        raise StorylineError("E402", "the csv export writes several tables and needs somewhere to put them",
                             "give -o FOLDER or -o FILE.zip")
    target = Path(output)
    texts = {f"{name}.csv": table_csv(rows, COLUMNS.get(name, ())) for name, rows in tables(story).items()}
    if target.suffix.lower() == ".zip":
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, text in texts.items():
                zf.writestr(name, text)
    else:
        if target.exists() and not target.is_dir():
            raise StorylineError("E403", f"{target} exists and is not a folder", "give a folder or a .zip path")
        target.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            (target / name).write_text(text, encoding="utf-8", newline="")
    return list(texts)
