"""Times that need the whole corpus: event-anchored expressions and undated articles.

"The day before the vote" is dated once some article dates the vote: the anchor phrase's
head word names the kind of event ("vote"), the anchor is the date most articles give that
kind of event, and the offset is applied to it. Without an offset ("shortly before the
vote") the event is placed at the anchor's day with mod BEFORE or AFTER. Where no article dates
the anchor, the event keeps its relation to it and no date is invented.

An article without a date gets the latest absolute date it mentions as the earliest it can
have been written, flagged as inferred. "Now", "recently" and "soon" are placed at, before and
after the article's date.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date, timedelta

from storyline.vocabulary import EVENT_TYPES

__all__ = ["rebuild", "shift"]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ABSOLUTE = re.compile(r"\d|January|February|March|April|May|June|July|August|September|October|November|"
                       r"December", re.IGNORECASE)


_REFERENCES = {"PRESENT_REF": ("APPROX", "at"), "PAST_REF": ("BEFORE", "before"), "FUTURE_REF": ("AFTER", "after")}


def shift(value: str, relation: str | None, offset: str | None) -> str | None:
    """A day `offset` (P1D, P2W, P3M ...) before or after `value`; None when it cannot be known."""
    if not _DAY.match(value):
        return None
    day = date.fromisoformat(value)
    if relation == "same_day" or not offset:
        return value if relation == "same_day" else None
    m = re.fullmatch(r"P(\d+)([DWM])", offset)
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2)
    sign = -1 if relation == "before" else 1
    if unit == "M":
        month = day.month - 1 + sign * n
        try:
            return day.replace(year=day.year + month // 12, month=month % 12 + 1).isoformat()
        except ValueError:
            return None
    return (day + timedelta(days=sign * n * (7 if unit == "W" else 1))).isoformat()


def _kind(anchor: str) -> tuple[str, str]:
    head = re.sub(r"[^a-z\s-]", "", anchor.lower()).split()[-1]
    return head, EVENT_TYPES.get(head, EVENT_TYPES.get(head.rstrip("s"), ""))


def rebuild(store) -> int:
    """Rewrite resolved_times and inferred_dates from the stored events and time expressions."""
    events = store.query('SELECT e.id, e.article_id, e.type, e.trigger, e.when_value, t.anchor, t.relation, '
                         't."offset" FROM events e LEFT JOIN timexes t ON t.article_id = e.article_id '
                         "AND t.start = e.timex_start")
    dated: dict[str, Counter] = defaultdict(Counter)
    first_id: dict[tuple[str, str], int] = {}
    for e in events:
        if e["when_value"] and _DAY.match(e["when_value"]):
            for key in {e["trigger"].lower(), e["type"]}:
                dated[key][e["when_value"]] += 1
                first_id.setdefault((key, e["when_value"]), e["id"])
    resolved = []
    for e in events:
        if e["when_value"] or not e["anchor"]:
            continue
        head, kind = _kind(e["anchor"])
        votes = dated.get(head) or (dated.get(kind) if kind else None)
        if not votes:
            continue
        anchor_value, n = votes.most_common(1)[0]
        value, mod = shift(anchor_value, e["relation"], e["offset"]), None
        if value is None and e["relation"] in {"before", "after"} and _DAY.match(anchor_value):
            # "shortly before the vote": placed against the vote's day, how long before unsaid.
            value, mod = anchor_value, e["relation"].upper()
        if value is None:
            continue
        how = (f"{e['offset'] or ''} {e['relation']} {e['anchor']} ({anchor_value}, "
               f"{n} mention{'s' if n > 1 else ''})").strip()
        if mod:
            how += f"; how long {e['relation']} is not said"
        resolved.append((e["id"], value, how, first_id.get((head, anchor_value)) or first_id.get((kind, anchor_value)),
                         mod))
    inferred = []
    years = Counter(r["published"][:4] for r in store.query("SELECT published FROM articles WHERE published IS NOT NULL"))
    corpus_year = years.most_common(1)[0][0] if years else None
    for a in store.query("SELECT id FROM articles WHERE published IS NULL"):
        values = []
        for r in store.query("SELECT value, text FROM timexes WHERE article_id = ? AND type = 'DATE' "
                             "AND anchor IS NULL", (a["id"],)):
            value = r["value"]
            if value.startswith("XXXX-") and corpus_year and _DAY.match(corpus_year + value[4:]):
                value = corpus_year + value[4:]  # "March 20" in a story whose articles are of one year
            if _DAY.match(value) and _ABSOLUTE.search(r["text"]):
                values.append(value)
        if values:
            latest = max(values)
            inferred.append((a["id"], latest, f"the latest date it mentions ({latest}); written on or after it"))
    # "on March 20" with no year: the year of the article's date (published or inferred), or the
    # year before when that would put a past event after the article was written.
    written = {r["id"]: r["published"] for r in store.query("SELECT id, published FROM articles")}
    written.update({a: d for a, d, _ in inferred if not written.get(a)})
    inferred_ids = {a for a, _, _ in inferred}
    for e in events:
        value, day = e["when_value"], written.get(e["article_id"])
        if not value or not day or not _DAY.match(day[:10]):
            continue
        source = "inferred date" if e["article_id"] in inferred_ids else "date"
        if value.startswith("XXXX-"):
            year = int(day[:4])
            candidate = f"{year:04d}{value[4:]}"
            if candidate[:10] > day[:10] and len(value) >= 10:
                candidate = f"{year - 1:04d}{value[4:]}"
            resolved.append((e["id"], candidate, f"year of the article's {source} ({day[:10]})", None, None))
        elif value in _REFERENCES:
            # "now", "recently", "soon" (TIMEX3 PRESENT_REF, PAST_REF, FUTURE_REF) are anchored to the
            # time of the document: placed at the article's day, about it, before it or after it; how
            # long before or after is not said, so these never date an event against another account
            mod, how = _REFERENCES[value]
            resolved.append((e["id"], day[:10], f"{how} the article's {source} ({day[:10]})", None, mod))
    with store.transaction() as conn:
        conn.execute("DELETE FROM resolved_times")
        conn.execute("DELETE FROM inferred_dates")
        conn.executemany("INSERT INTO resolved_times (event_id, value, how, anchor_event_id, mod) "
                         "VALUES (?, ?, ?, ?, ?)", resolved)
        conn.executemany("INSERT INTO inferred_dates (article_id, published, how) VALUES (?, ?, ?)", inferred)
    return len(resolved)
