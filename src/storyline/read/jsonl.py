"""JSON Lines: one article an object with `text` and optional `title`, `url`, `outlet`, `published`."""
from __future__ import annotations

import json

from storyline.errors import ReadError
from storyline.read.common import clean, parse_date, raw_article, unexpected
from storyline.read.text import dateline
from storyline.records import Failure


def read_jsonl(data: str, name: str):
    """Yield an Article, or a Failure naming the line, for every non-empty line."""
    for number, line in enumerate(data.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{name}#{number}"
        try:
            yield _article(line, where)
        except ReadError as err:
            yield Failure(where, "read", f"[{err.code}] {err.problem}", f"{err.hint}; the other lines were read")
        except Exception as exc:  # noqa: BLE001 - one line's surprise is that line's failure
            yield unexpected(where, "read", exc)


def _number(digits: str):
    """JSON numbers as Python ints, except ones too long to be a date or a count (int() refuses
    over 4,300 digits; shorter ones still cost time): those stay text."""
    return int(digits) if len(digits) <= 20 else digits


def _article(line: str, name: str):
    try:
        obj = json.loads(line, parse_int=_number)
    except json.JSONDecodeError as exc:
        raise ReadError("E121", f"the line is not valid JSON ({exc.msg} at column {exc.colno})",
                        "each line must be one JSON object") from exc
    except RecursionError as exc:  # "[[[[..." nested beyond what the parser can follow
        raise ReadError("E121", "the line is not valid JSON (nested too deeply)",
                        "each line must be one JSON object") from exc
    if not isinstance(obj, dict):
        raise ReadError("E122", "the line is JSON but not an object", "each line must be one JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ReadError("E123", "the object has no `text` string", "add the article text under `text`")
    text = clean(text)
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    published = parse_date(str(obj["published"])[:200]) if isinstance(obj.get("published"), (str, int)) else None
    published_from = "metadata" if published else None
    outlet = obj.get("outlet") if isinstance(obj.get("outlet"), str) else None
    found = dateline(text.lstrip().split("\n", 1)[0], int(published[:4]) if published else None)
    if found:
        dl_date, dl_outlet, _ = found
        if dl_date and not published:
            published, published_from = dl_date, "dateline"
        outlet = outlet or dl_outlet
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    author = obj.get("author") if isinstance(obj.get("author"), str) else None
    if title:
        # The title is part of what is analysed and cited, as in the other formats.
        full = f"{title}\n\n{text}"
        return raw_article(text=full, name=name, title=title, outlet=outlet, url=url, author=author,
                           published=published, published_from=published_from, body_start=len(title) + 2)
    return raw_article(text=text, name=name, title=None, outlet=outlet, url=url, author=author,
                       published=published, published_from=published_from)
