"""Tables for a terminal: columns that fit its width, cells on one line (spaCy-free).

A table is fitted to a width: columns too wide give way in proportion to their width (each
keeps at least its header, or a few characters), and a cell wider than its column is wrapped
onto a few lines, the last cut with "…" if need be. `width=None` fits nothing: every cell whole (`--wide`). `terminal_width()` says which
width a command's tables get: $COLUMNS when set, else the width of the terminal stdout is, else
none (a pipe or a file) and cells are cut at 70 characters each, as they always were.

The labels the CLI and `storyline demo` put in cells (a document, an event, a source) live here
too, so that both say them the same way.
"""
from __future__ import annotations

import os
import shutil
import sys
import textwrap
import unicodedata
from dataclasses import dataclass

from storyline.present.dates import day_words
from storyline.terminal import safe

__all__ = ["Table", "table", "clip", "cell_width", "terminal_width", "wrap", "doc_label", "event_label",
           "source_label", "told_by", "PIPE_CELL", "TERMINAL"]

PIPE_CELL = 70  # a cell's most characters when the output is not a terminal (and no $COLUMNS)
_GAP = 2  # spaces between columns
_MIN = 8  # a column narrowed to fit keeps at least this many characters (or its header, if longer)
MAX_LINES = 3  # a wrapped cell's most lines
_WORD = 12  # a narrowed column keeps its longest word whole up to this many characters
_ELLIPSIS = "\u2026"


@dataclass(frozen=True)
class Table:
    text: str
    clipped: bool  # some cell was cut to fit: the caller says so, and how to see it whole


def terminal_width() -> int | None:
    """The width tables are fitted to: $COLUMNS, else stdout's terminal, else None (not a terminal)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.strip().isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if sys.stdout.isatty():
            return shutil.get_terminal_size().columns
    except (AttributeError, ValueError, OSError):  # a closed or replaced stdout
        pass
    return None


def cell_width(text: str) -> int:
    """Columns a text takes on a terminal: wide (CJK) characters two, combining marks none."""
    if text.isascii():
        return len(text)  # no wide characters, no combining marks
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def clip(text, width: int) -> str:
    """`text` on one line, control characters dropped, cut to `width` columns with "…"."""
    text = " ".join(safe("" if text is None else str(text)).split())
    if cell_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = cell_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out).rstrip() + _ELLIPSIS


TERMINAL = "terminal"  # table()'s default width: terminal_width(), or PIPE_CELL a cell when piped


def table(headers: list[str], rows: list[list], width: int | str | None = TERMINAL) -> Table:
    """The rows under their headers, fitted to `width` columns (TERMINAL: terminal_width(), and
    cells cut at PIPE_CELL when that is none; None: every cell whole). A cell wider than its
    column is wrapped onto up to MAX_LINES lines, the last one cut with "…" if it must be."""
    cells = [[clip(v, 10**9) for v in row] for row in rows]
    natural = [max([cell_width(h)] + [cell_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    if width == TERMINAL:
        width = terminal_width()
        if width is None:  # a pipe or a file: one line a row, as grep and cut expect
            caps = [PIPE_CELL] * len(headers)
            cells = [[clip(v, c) for v, c in zip(row, caps)] for row in cells]
            return _joined(headers, [[[v] for v in row] for row in cells],
                           any(n > c for n, c in zip(natural, caps)), len(rows))
    if width is None:
        caps = natural
    else:
        words = [max([0] + [cell_width(w) for r in cells for w in r[i].split()]) for i in range(len(headers))]
        floor = [max(cell_width(h), min(w, _WORD)) for h, w in zip(headers, words)]
        caps = _fitted(natural, floor, width)
    wrapped = [[_lines(v, c) for v, c in zip(row, caps)] for row in cells]
    clipped = any(lines[-1].endswith(_ELLIPSIS) and not v.endswith(_ELLIPSIS)
                  for row, source in zip(wrapped, cells) for lines, v in zip(row, source))
    return _joined(headers, wrapped, clipped, len(rows))


def _lines(text: str, width: int) -> list[str]:
    """A cell's lines at `width` columns: whole words where they fit, at most MAX_LINES lines."""
    if cell_width(text) <= width:
        return [text]
    lines = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]
    # textwrap counts characters; a line of wide characters is cut to its columns
    lines = [line if cell_width(line) <= width else clip(line, width) for line in lines]
    if len(lines) > MAX_LINES:
        lines = lines[: MAX_LINES - 1] + [clip(" ".join(lines[MAX_LINES - 1:]), width)]
    return lines


def _joined(headers: list[str], rows: list[list[list[str]]], clipped: bool, count: int) -> Table:
    widths = [max([cell_width(h)] + [cell_width(line) for r in rows for line in r[i]]) for i, h in enumerate(headers)]
    out = [_line(headers, widths), _line(["-" * w for w in widths], widths)]
    for row in rows:
        for k in range(max(len(cell) for cell in row) if row else 0):
            out.append(_line([cell[k] if k < len(cell) else "" for cell in row], widths))
    if not count:
        out.append("(none)")
    return Table("\n".join(out), clipped)


def _line(values: list[str], widths: list[int]) -> str:
    return "  ".join(v + " " * (w - cell_width(v)) for v, w in zip(values, widths)).rstrip()


def _fitted(natural: list[int], least: list[int], width: int) -> list[int]:
    """Column widths that add up (with the gaps) to at most `width`: each column too wide gives
    way in proportion to what it has over its floor (`least`, at least _MIN), so the long text
    columns stay the widest; what rounding leaves goes to the narrowed columns, left first."""
    room = width - _GAP * (len(natural) - 1)
    if sum(natural) <= room:
        return natural
    floor = [min(n, max(x, _MIN)) for n, x in zip(natural, least)]
    if sum(floor) >= room:
        return floor  # too narrow for every column: each keeps its floor and the line runs over
    over = [n - f for n, f in zip(natural, floor)]
    keep = room - sum(floor)  # of the total `over`, this much can be kept
    widths = [f + o * keep // sum(over) for f, o in zip(floor, over)]
    spare = room - sum(widths)
    for i, n in enumerate(natural):
        if spare <= 0:
            break
        if widths[i] < n:
            widths[i] += 1
            spare -= 1
    return widths


def wrap(text: str, width: int | None, indent: str = "", first: str = "") -> str:
    """`text` wrapped to `width` columns (one line when None), the first line led by `first`."""
    text = " ".join(safe(text).split())
    if width is None:
        return first + text
    return textwrap.fill(text, width=max(width, 20), initial_indent=first, subsequent_indent=indent)


# -- what goes in the cells --------------------------------------------------------------

def doc_label(doc: dict) -> str:
    when = day_words(doc["published"]) or "(undated)"
    if doc["published"] and doc.get("published_from") == "inferred":
        # from its file name or the dates it mentions, not said by the article: as its bounds
        when = (doc.get("published_words") or when) + " (inferred)"
    return f"{doc['outlet'] or doc['name']}, {when}"


def event_label(row: dict) -> str:
    """The kind of event, or the word itself when no kind fits ("briefed" reads better than "other")."""
    if row["type"] != "other":
        return row["type"]
    word = row.get("trigger") or "other"
    return f"\u201c{word.lower()}\u201d"


def source_label(src: dict) -> str:
    text = src.get("text") or "(the article)"
    if src.get("anonymous") and src.get("count"):
        text += f" [anon x{src['count']}]"
    elif src.get("anonymous"):
        text += " [anon]"
    return text


def told_by(docs: dict, articles: list[str]) -> str:
    first = doc_label(docs[articles[0]])
    return first + (f" +{len(articles) - 1} more" if len(articles) > 1 else "")
