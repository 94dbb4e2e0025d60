"""Times that need the whole corpus: event-anchored expressions and undated articles.

"The day before the vote" is dated once some article dates the vote: the anchor phrase's
head word names the kind of event ("vote"), the anchor is the date most articles give that
kind of event, and the offset is applied to it. Without an offset ("shortly before the
vote") the event is placed at the anchor's day with mod BEFORE or AFTER. Where no article dates
the anchor, the event keeps its relation to it and no date is invented.

An article without a date gets the dates it tells bounding it: it was written after every dated
event it reports as past and before every one it reports as ahead; when these cross, it keeps the
interval and says the evidence conflicts, rather than guessing a day. A date it writes without a
year takes the year other articles give that day (or the corpus's one year). Without such
evidence, the latest date it mentions is the earliest it can have been written. Every such date
is flagged as inferred. "Now", "recently" and "soon" are placed at, before and after the
article's date, and in an article whose date was inferred only as its bounds allow.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.analyse.event_types import EVENT_TYPES
from storyline.present.dates import words

__all__ = ["rebuild", "shift", "told_before", "told_on", "days_named", "in_caption"]

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


@dataclass(frozen=True)
class Inferred:
    """When an undated article was written, as far as what it tells allows: on or after
    `earliest` (after what it reports as past), on or before `latest` (before what it reports as
    ahead) when it reports something ahead; `conflict` when the two cross."""
    article: str
    earliest: str
    latest: str | None
    conflict: bool
    how: str
    # whether the bounds say which year it was written in: a lower bound known to the day or month
    # ("after March 20, 2026") does; one known only to the year ("after ... in 2013") does not
    fixes_year: bool = True
    # how finely each bound is known: "day", "month" or "year" ("formed in 1979": the year)
    earliest_precision: str = "day"
    latest_precision: str = "day"


def _precision(first: date, last: date) -> str:
    """How finely the days first..last of one time expression name a time: one day, one month, or more."""
    if first == last:
        return "day"
    return "month" if (first.year, first.month) == (last.year, last.month) else "year"


def _ahead(e) -> bool:
    """Whether the article tells the event as still to come ("will meet", "plans to vote")."""
    return e["tense"] == "FUTURE" or e["mood"] in {"future", "intended"}


def _behind(e) -> bool:
    return e["tense"] in {"PAST", "PASTPART"} or e["aspect"] in {"PERFECTIVE", "PERFECTIVE_PROGRESSIVE"}


def told_before(event: dict, published: str | None) -> str | None:
    """The day an event with no time of its own happened on or before: its article's date, when the
    article tells it as having happened or holding (past, present or perfect; not planned, not
    denied); news reports what has happened up to the day it is written. None otherwise."""
    if event.get("when") or not published or event.get("mood") not in {None, "actual"} \
            or event.get("polarity") == "negative":
        return None
    if event.get("tense") in {"PAST", "PASTPART", "PRESENT"} or event.get("aspect") in {"PERFECTIVE", "PERFECTIVE_PROGRESSIVE"}:
        return published[:10]
    return None


def days_named(store, texts: dict[str, str] | None = None) -> dict[str, list[tuple[int, int, str, str]]]:
    """article id -> the days its text names, in text order: (start, end, text, value) of each
    TIMEX3 DATE whose value is one day ("Friday" in an article of Saturday 17 July 2010 is
    2010-07-16; its dateline's "July 17, 2010" counts too). With the articles' `texts`, a day in a
    photo's caption does not count: it is when the picture was taken, not where the account is."""
    out: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for r in store.query('SELECT article_id, start, "end", text, value FROM timexes WHERE type = \'DATE\' '
                         "ORDER BY article_id, start"):
        if _DAY.match(r["value"]) and not (texts and in_caption(texts.get(r["article_id"], ""), r["start"])):
            out[r["article_id"]].append((r["start"], r["end"], r["text"], r["value"]))
    return out


# A line that captions a picture: it opens with a label ("PHOTO:", "Image:", "Caption:") or ends
# on the picture's credit ("Win McNamee/Getty Images", "(AP Photo/Evan Vucci)", "Photo: Reuters").
_CAPTION_OPENS = re.compile(r"\s*\(?(?:photo|image|picture|caption|file photo)s?\s*(?::|\u2014|-)", re.IGNORECASE)
_CAPTION_CREDIT = re.compile(r"(?:getty images|\(ap photo[^\n]*|/\s*(?:reuters|afp|ap|epa|shutterstock)|"
                             r"(?:reuters|afp|epa)\s*/\s*[A-Z][\w.\- ]{1,40})\)?\.?\s*$", re.IGNORECASE)


def in_caption(text: str, at: int) -> bool:
    """Whether the character `at` of `text` lies on a line that captions a picture."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:end if end >= 0 else len(text)]
    return bool(_CAPTION_OPENS.match(line)) or (len(line) < 400 and bool(_CAPTION_CREDIT.search(line)))


def told_on(event: dict, days: list[tuple[int, int, str, str]] | None, published: str | None) -> tuple | None:
    """The day an event with no time of its own is told as happening on, from the account around
    it: the last day its article names before it ("Apple announced Friday that ... During the
    event, Jobs attempted ..." places the attempt on Friday); news tells a day's events after
    naming the day. A day after the article's own ("free cases until September 30") lies ahead,
    not where the account is, so the one before it counts. Only for an event told as happening
    (not denied, planned or ahead). (start, end, text, value) of the time expression it comes
    from, or None.

    Chosen on SemEval-2015 Task 4 trial (note 7 of docs/EVAL.md): the last day named anywhere
    before the event does better than one within the same few sentences, and a month or a year
    named before it, used as its date or as ending the day's account, does worse."""
    if event.get("when") or not days or event.get("mood") not in {None, "actual"} \
            or event.get("polarity") == "negative" or event.get("tense") == "FUTURE":
        return None
    k = bisect.bisect_right(days, event["start"], key=lambda d: d[1]) - 1  # the last to end before it
    while k >= 0 and published and days[k][3] > published[:10]:
        k -= 1
    return days[k] if k >= 0 else None


def _span(value: str) -> tuple[date, date] | None:
    """The first and last day of a dated TIMEX3 value (a day, a month, a year, a week)."""
    try:
        m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?$", value)
        if m:
            y = int(m[1])
            if m[3]:
                d = date(y, int(m[2]), int(m[3]))
                return d, d
            if m[2]:
                first = date(y, int(m[2]), 1)
                return first, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            return date(y, 1, 1), date(y, 12, 31)
        m = re.match(r"^(\d{4})-W(\d{2})$", value)
        if m:
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
    except ValueError:
        return None
    return None


def _corpus_years(store) -> tuple[dict[str, Counter], str | None]:
    """The years other articles give each month-day and month ("03-20" -> 2026 x3), and the one
    year of the dated articles when nearly all of them (four in five) share it."""
    by_day: dict[str, Counter] = defaultdict(Counter)
    for r in store.query("SELECT e.when_value FROM events e JOIN articles a ON a.id = e.article_id "
                         "WHERE a.published IS NOT NULL AND e.when_value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"):
        value = r["when_value"]
        by_day[value[5:10]][value[:4]] += 1
        by_day[value[5:7]][value[:4]] += 1
    years = Counter(r["published"][:4] for r in store.query("SELECT published FROM articles WHERE published IS NOT NULL"))
    total = sum(years.values())
    year, n = years.most_common(1)[0] if years else (None, 0)
    return by_day, (year if total and n >= 0.8 * total else None)


def _with_year(value: str, by_day: dict[str, Counter], corpus_year: str | None) -> str | None:
    """A yearless value ("XXXX-03-20") with the year the other articles give that day (or month),
    else the corpus's one year; None when neither is known."""
    key = value[5:10] if len(value) >= 10 else value[5:7]
    votes = by_day.get(key)
    year = votes.most_common(1)[0][0] if votes else corpus_year
    return year + value[4:] if year else None


def _infer_dates(store) -> list[Inferred]:
    """Each undated article's date, bounded by what it tells: after every dated event it reports
    as past, before every dated event it reports as ahead. Without either, the latest date it
    mentions (an article is usually written after the dates it names). Only dates written out
    ("March 20", "2008") count, not "yesterday", which needs the date being looked for."""
    by_day, corpus_year = _corpus_years(store)
    out = []
    for a in store.query("SELECT id FROM articles WHERE published IS NULL"):
        rows = store.query("SELECT e.trigger, e.tense, e.aspect, e.mood, e.when_value, t.text FROM events e "
                           "JOIN timexes t ON t.article_id = e.article_id AND t.start = e.timex_start "
                           "WHERE e.article_id = ? AND e.when_value IS NOT NULL AND t.anchor IS NULL", (a["id"],))
        past, ahead = [], []
        for r in rows:
            span = _evidence(r["when_value"], r["text"], by_day, corpus_year)
            if span is None:
                continue
            if _ahead(r):
                ahead.append((span[1], r["trigger"], r["text"], span[0]))
            elif _behind(r):
                past.append((span[0], r["trigger"], r["text"], span[1]))
        if not past:
            mentioned = []
            for r in store.query("SELECT value, text FROM timexes WHERE article_id = ? AND type = 'DATE' "
                                 "AND anchor IS NULL", (a["id"],)):
                span = _evidence(r["value"], r["text"], by_day, corpus_year)
                if span is not None and span[0] == span[1] and not any(r["text"] == x[2] for x in ahead):
                    mentioned.append(span[0])
            if mentioned:
                latest = max(mentioned)
                out.append(Inferred(a["id"], latest.isoformat(), None, False,
                                    f"the latest date it mentions ({words(latest.isoformat())}); "
                                    "written on or after it"))
            continue
        low = max(past)
        high = min(ahead) if ahead else None
        told = f"after {low[1]} ({low[2]}), which it tells as past"
        narrow = (low[3] - low[0]).days <= 31
        fine = _precision(low[0], low[3])
        if high is None:
            out.append(Inferred(a["id"], low[0].isoformat(), None, False, f"written {told}", narrow, fine))
        elif low[0] <= high[0]:
            out.append(Inferred(a["id"], low[0].isoformat(), high[0].isoformat(), False,
                                f"written {told}, and before {high[1]} ({high[2]}), which it tells as ahead",
                                narrow or low[0].year == high[0].year, fine, _precision(high[3], high[0])))
        else:
            out.append(Inferred(a["id"], high[0].isoformat(), low[0].isoformat(), True,
                                f"the evidence conflicts: it tells {low[1]} ({low[2]}, {words(low[0].isoformat())}) "
                                f"as past but {high[1]} ({high[2]}, {words(high[0].isoformat())}) as ahead", False))
    return out


def _evidence(value: str, text: str, by_day, corpus_year) -> tuple[date, date] | None:
    """The days a date the article writes out can be, its year taken from the corpus if unwritten."""
    if not _ABSOLUTE.search(text or ""):
        return None
    if value.startswith("XXXX-"):
        value = _with_year(value, by_day, corpus_year)
        if value is None:
            return None
    return _span(value)


def _placed(value: str, article: str, day: str, inferred: Inferred | None, source: str):
    """(value, how, anchor event, mod) for "now", "recently" or "soon" in an article: at, before or
    after its date; for an article whose date was inferred, only what its bounds allow."""
    mod, how = _REFERENCES[value]
    said = f"{how} the article's {source}"
    if inferred is None:
        return day[:10], f"{said} ({words(day[:10])})", None, mod
    if inferred.conflict:
        return None  # the article's own date is in doubt: "now" in it is not placed
    if value == "PAST_REF":
        if inferred.latest is None:
            return None  # before a date known only from below: no bound at all
        return inferred.latest, f"{said} (on or before {words(inferred.latest)})", None, "BEFORE"
    if value == "PRESENT_REF" and inferred.latest:
        both = f"{inferred.earliest}/{inferred.latest}"
        return both, f"{said} (between {words(inferred.earliest)} and {words(inferred.latest)})", None, None
    # a lower bound known only to the year or month is that year or month ("in or after 1846")
    earliest = {"year": inferred.earliest[:4], "month": inferred.earliest[:7]}.get(inferred.earliest_precision,
                                                                                 inferred.earliest)
    return (earliest, f"{said} ({words(earliest, 'ON_OR_AFTER')})", None,
            "AFTER" if value == "FUTURE_REF" else "ON_OR_AFTER")


def rebuild(store) -> int:
    """Rewrite resolved_times and inferred_dates from the stored events and time expressions."""
    events = store.query('SELECT e.id, e.article_id, e.type, e.trigger, e.when_value, e.tense, e.aspect, e.mood, '
                         't.anchor, t.relation, t."offset" FROM events e LEFT JOIN timexes t '
                         "ON t.article_id = e.article_id AND t.start = e.timex_start")
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
        how = (f"{words(e['offset']) if e['offset'] else ''} {e['relation'].replace('_', ' ')} {e['anchor']} "
               f"({words(anchor_value)}, {n} mention{'s' if n > 1 else ''})").strip()
        if mod:
            how += f"; how long {e['relation']} is not said"
        resolved.append((e["id"], value, how, first_id.get((head, anchor_value)) or first_id.get((kind, anchor_value)),
                         mod))
    inferred = _infer_dates(store)
    # "on March 20" with no year, in an article whose date was inferred: the year that fits the
    # article's date and the tense ("will meet on March 2" lies ahead of it, "met" behind).
    written = {r["id"]: r["published"] for r in store.query("SELECT id, published FROM articles")}
    inferred_of = {x.article: x for x in inferred}
    written.update({a: x.earliest for a, x in inferred_of.items() if not written.get(a)})
    for e in events:
        value, day = e["when_value"], written.get(e["article_id"])
        if not value or not day or not _DAY.match(day[:10]):
            continue
        source = "inferred date" if e["article_id"] in inferred_of else "date"
        ahead = _ahead(e)
        if value.startswith("XXXX-"):
            bounds = inferred_of.get(e["article_id"])
            if bounds and not bounds.fixes_year:
                # an inferred date that does not fix the year ("after ... in 2013"): its lower
                # bound's year would be a guess, so the year stays unknown
                continue
            year = int(day[:4])
            candidate = f"{year:04d}{value[4:]}"
            # A past event lies before the article's date; an inferred date known only from below
            # ("on or after 3 March") may be much later, so only a known last day moves the year back.
            last = bounds.latest if bounds else day
            if len(value) >= 10 and not ahead and last and candidate[:10] > last[:10]:
                candidate = f"{year - 1:04d}{value[4:]}"
            elif ahead and candidate[:len(value)] < day[:len(value)]:
                candidate = f"{year + 1:04d}{value[4:]}"
            resolved.append((e["id"], candidate, f"the year that fits the article's {source} ({words(day[:10])})",
                             None, None))
        elif value in _REFERENCES:
            placed = _placed(value, e["article_id"], day, inferred_of.get(e["article_id"]), source)
            if placed:
                resolved.append((e["id"], *placed))
    with store.transaction() as conn:
        conn.execute("DELETE FROM resolved_times")
        conn.execute("DELETE FROM inferred_dates")
        conn.executemany("INSERT INTO resolved_times (event_id, value, how, anchor_event_id, mod) "
                         "VALUES (?, ?, ?, ?, ?)", resolved)
        conn.executemany("INSERT INTO inferred_dates (article_id, published, latest, conflict, how, "
                         "earliest_precision, latest_precision) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [(x.article, x.earliest, x.latest, int(x.conflict), x.how, x.earliest_precision,
                           x.latest_precision if x.latest else None) for x in inferred])
    return len(resolved)
