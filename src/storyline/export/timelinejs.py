"""TimelineJS3 JSON of the story's dated events (the format of timeline.knightlab.com/docs/json-format).

One slide per event whose TIMEX3 value has a year. A date is placed at its real precision: a day
(with its clock time, if any) is a point; a month, a year, a week, a quarter, a season, a half
year or a decade is a span from its first day to its last (`start_date` at the value's own
precision, `end_date` its last day), narrowed to its first, middle or last third for "early",
"mid-" and "late"; an interval runs from the start of one value to the end of the other. Every
slide's `display_date` is the date in words at that precision (present/dates.py: "early March
2026", "the week of 9 March 2026", "before 20 March 2026"), never a TIMEX3 code. Values without a
year are left out, and the title slide says how many.

A slide's headline is the event's own sentence (shortened around the event's word when long); its
text says what kind of event it is, who took part and how the article gives the date; its media
is the sentence as a quotation, credited to the article with a link when the article's URL is
known (http(s) only). All article text is HTML-escaped. Each slide also carries a `storyline`
object with the event id, its (doc, start, end) pointer and the TIMEX3 value.
"""
from __future__ import annotations

import calendar
import html
import json
import re

from datetime import date, timedelta

from storyline.export.evidence import article_text, document_label
from storyline.links import web_url
from storyline.present.dates import day_words, words

__all__ = ["render", "timeline_date", "timeline_span", "headline", "date_span"]

_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_CLOCK = re.compile(r"T(\d{2}):(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(?:-(WE|\d))?(?:T.*)?$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})X?$")
# The months a part of a year runs over (seasons as the northern hemisphere's meteorological ones).
_PART_MONTHS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6), "H2": (7, 12),
                "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_THIRDS = {"START": 0, "MID": 1, "END": 2}  # "early", "mid-", "late": a third of the span
HEADLINE = 110  # characters of a slide's headline at most
# A dateline before the first sentence ("PORTVALE, March 9 (Harbour Wire) - "): not headline words.
_DATELINE = re.compile(r"^[^()\n]{0,60}\([^()\n]{1,60}\)\s*[-\u2013\u2014]{1,2}\s+(?=\S)")


def timeline_date(value: str | None) -> dict | None:
    """A TimelineJS date object for a TIMEX3 value of year/month/day precision, else None."""
    m = _VALUE.match(value or "")
    if not m:
        return None
    found = {"year": int(m[1])}
    if m[2]:
        if not 1 <= int(m[2]) <= 12:
            return None
        found["month"] = int(m[2])
    if m[3]:
        found["day"] = int(m[3])
    return found


def _day(d: date) -> dict:
    return {"year": d.year, "month": d.month, "day": d.day}


def timeline_span(value: str | None) -> tuple[dict, dict | None] | None:
    """TimelineJS start and end dates for one TIMEX3 value at its real precision: a day (or a
    clock time) has no end; anything longer ends on its last day. None without a year."""
    value = value or ""
    try:
        start = timeline_date(value)
        if start is not None:
            if "day" in start:
                date(start["year"], start["month"], start["day"])  # 2026-02-30 is no date
                clock = _CLOCK.search(value)
                if clock and int(clock[1]) < 24 and int(clock[2]) < 60:
                    start.update(hour=int(clock[1]), minute=int(clock[2]))
                return start, None
            month = start.get("month", 12)
            return start, _day(date(start["year"], month, calendar.monthrange(start["year"], month)[1]))
        m = _WEEK.match(value)
        if m:
            year, week = int(m[1]), int(m[2])
            if m[3] and m[3] != "WE":
                return _day(date.fromisocalendar(year, week, int(m[3]))), None
            first = date.fromisocalendar(year, week, 6 if m[3] == "WE" else 1)
            return _day(first), _day(first + timedelta(days=1 if m[3] == "WE" else 6))
        m = _PART.match(value)
        if m:
            year, (a, b) = int(m[1]), _PART_MONTHS[m[2]]
            end_year, end_month = year + (b - 1) // 12, (b - 1) % 12 + 1
            return ({"year": year, "month": a},
                    _day(date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])))
        m = _DECADE.match(value)
        if m:
            return {"year": int(m[1]) * 10}, _day(date(int(m[1]) * 10 + 9, 12, 31))
    except ValueError:
        return None
    return None


def _narrowed(start: dict, end: dict | None, mod: str | None) -> tuple[dict, dict | None]:
    """"early", "mid-" or "late" a span: its first, middle or last third, in days."""
    if end is None or mod not in _THIRDS:
        return start, end
    first = date(start["year"], start.get("month", 1), start.get("day", 1))
    last = date(end["year"], end.get("month", 12), end.get("day", 1))
    third = ((last - first).days + 1) / 3
    a = first + timedelta(days=round(third * _THIRDS[mod]))
    b = first + timedelta(days=round(third * (_THIRDS[mod] + 1)) - 1)
    return _day(a), _day(b)


def _dates(ev: dict) -> tuple[dict, dict | None] | None:
    start_value, _, end_value = ev["when"].partition("/")
    first = timeline_span(start_value)
    if first is None:
        return None
    if end_value:
        last = timeline_span(end_value)
        if last is None:
            return None
        return first[0], last[1] or last[0]
    return _narrowed(first[0], first[1], ev.get("when_mod"))


def date_span(when: str | None, mod: str | None = None) -> tuple[str, str | None] | None:
    """A TIMEX3 value on a time axis, as the slides place it: (its day, None) for a day or a clock
    time; (its first day, the day after its last) for anything longer, narrowed like the slides
    for "early", "mid-" and "late"; None without a year. ISO 8601 strings."""
    found = _dates({"when": when or "", "when_mod": mod})
    if found is None:
        return None
    start, end = found
    first = date(start["year"], start.get("month", 1), start.get("day", 1)).isoformat()
    if "hour" in start:
        first += f"T{start['hour']:02d}:{start['minute']:02d}"
    if end is None:
        return first, None
    return first, (date(end["year"], end.get("month", 12), end.get("day", 31)) + timedelta(days=1)).isoformat()


def render(story) -> str:
    docs = {d["id"]: d for d in story.documents()}
    names = {e["id"]: e["name"] for e in story.entities()}
    slides, skipped, texts = [], 0, {}
    for ev in story.timeline():
        dates = _dates(ev)
        if dates is None:
            skipped += 1
            continue
        start, end = dates
        at = _trigger_at(story, ev, texts)
        slide = {"unique_id": f"event-{ev['id']}", "start_date": start, "group": ev["type"],
                 "display_date": ev.get("when_words") or words(ev["when"], ev.get("when_mod")),
                 "text": {"headline": html.escape(headline(ev["text"], at, ev["end"] - ev["start"])),
                          "text": _body(ev, names)},
                 "media": _media(ev, docs[ev["doc"]], at), "autolink": False,
                 "storyline": {"event": ev["id"], "doc": ev["doc"], "start": ev["start"], "end": ev["end"],
                               "when": ev["when"], "when_mod": ev.get("when_mod"), "precision": ev["precision"]}}
        if end:
            slide["end_date"] = end
        slides.append(slide)
    titles = sorted({d["title"] for d in docs.values() if d["title"]})
    note = (f"{len(slides)} dated events from {len(docs)} articles"
            + (f"; {skipped} events dated without a year are not shown" if skipped else "")
            + ". Every slide quotes the sentence it comes from and credits its article.")
    title = {"text": {"headline": html.escape(titles[0] if len(titles) == 1 else "Storyline timeline"),
                      "text": f"<p>{html.escape(note)}</p>"}}
    return json.dumps({"title": title, "events": slides}, ensure_ascii=False, indent=1) + "\n"


def headline(sentence: str, at: int = -1, size: int = 0, limit: int = HEADLINE) -> str:
    """The sentence on one line, or, when longer than `limit`, the words around the event's word
    (at `at` in the sentence, `size` characters long) with "…" where it was cut."""
    dateline = _DATELINE.match(sentence)
    if dateline and (at < 0 or at >= dateline.end()):
        sentence, at = sentence[dateline.end():], at - dateline.end() if at >= 0 else at
    text = " ".join(sentence.split())
    if len(text) <= limit:
        return text
    before = sentence[:at] if at >= 0 else ""
    at = len(" ".join(before.split())) + (1 if before.strip() and before[-1:].isspace() else 0)
    begin = max(0, min(at - limit // 3, len(text) - limit))
    if begin:
        begin = text.find(" ", begin - 1) + 1  # at a word's start
    end = min(len(text), begin + limit)
    if end < len(text):
        cut = text.rfind(" ", begin, end)
        end = cut if cut > at + size else end  # at a word's end, keeping the event's word
    return ("\u2026" if begin else "") + text[begin:end].strip() + ("\u2026" if end < len(text) else "")


def _trigger_at(story, ev: dict, texts: dict) -> int:
    """Where the event's word starts inside its evidence sentence (-1 if the text moved)."""
    if ev["doc"] not in texts:
        texts[ev["doc"]] = article_text(story, ev["doc"]) or ""
    sentence_start = texts[ev["doc"]].rfind(ev["text"], 0, ev["start"] + len(ev["text"]))
    if sentence_start < 0 or sentence_start + len(ev["text"]) < ev["end"]:
        return -1
    return ev["start"] - sentence_start


def _body(ev: dict, names: dict) -> str:
    """What kind of event, who took part, and the date as the article gives it."""
    from storyline.story import told_as
    kind = (ev["trigger"] if ev["type"] == "other" else ev["type"]).capitalize()
    who = [names[p] for p in ev["participants"] if p in names]
    told = told_as([ev])
    parts = [f"<strong>{html.escape(kind)}</strong>" + (f" ({html.escape(told)})" if told else "")]
    if who:
        parts.append("with " + html.escape(", ".join(who[:6])))
    written = f"dated from \u201c{html.escape(ev['when_text'])}\u201d" if ev.get("when_text") else ""
    return "<p>" + "; ".join(parts + ([written] if written else [])) + ".</p>"


def _media(ev: dict, doc: dict, at: int) -> dict:
    """The sentence as a quotation with the event's word marked, credited to its article (a link
    to it when its URL is known), the article's title as the caption."""
    sentence, size = ev["text"].strip(), ev["end"] - ev["start"]
    at -= len(ev["text"]) - len(ev["text"].lstrip())
    if 0 <= at and at + size <= len(sentence):
        quoted = (html.escape(sentence[:at]) + "<strong>" + html.escape(sentence[at:at + size]) + "</strong>"
                  + html.escape(sentence[at + size:]))
    else:
        quoted = html.escape(sentence)
    label = html.escape(document_label({**doc, "published": day_words(doc.get("published"))}))
    url = web_url(doc.get("url"))
    media = {"url": f"<blockquote>{quoted}</blockquote>",
             "credit": f'<a href="{html.escape(url, quote=True)}">{label}</a>' if url else label}
    if url:
        media["link"] = url
    if doc.get("title"):
        media["caption"] = html.escape(doc["title"])
    return media
