"""TimelineJS3 JSON of the story's dated events.

One slide per event whose TIMEX3 value has a year: a year, a month or a day gives the start date
at that precision (a clock time adds its hour and minute); a week, a quarter, a season, a half
year, a decade or an interval gets a start and an end date. Every slide's `display_date` is the
date in words at its real precision (present/dates.py: "the week of 9 March 2026", "before 20
March 2026"), never a TIMEX3 code. Values without a year are left out, and the title slide says
how many. The slide text is HTML, so every piece of article text in it is escaped; each slide
also carries a `storyline` object with the event id, its (doc, start, end) pointer and the
TIMEX3 value.
"""
from __future__ import annotations

import html
import json
import re

from datetime import date, timedelta

from storyline.export.evidence import article_text, document_label
from storyline.links import web_url
from storyline.present.dates import words

__all__ = ["render", "timeline_date", "timeline_span"]

_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_CLOCK = re.compile(r"T(\d{2}):(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(?:-(WE|\d))?(?:T.*)?$")
_PART = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})X?$")
# The months a part of a year runs over (seasons as the northern hemisphere's meteorological ones).
_PART_MONTHS = {"Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6), "H2": (7, 12),
                "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def timeline_date(value: str | None) -> dict | None:
    """A TimelineJS date object for a TIMEX3 value of year/month/day precision, else None."""
    m = _VALUE.match(value or "")
    if not m:
        return None
    date = {"year": int(m[1])}
    if m[2]:
        if not 1 <= int(m[2]) <= 12:
            return None
        date["month"] = int(m[2])
    if m[3]:
        date["day"] = int(m[3])
    return date


def _day(d: date) -> dict:
    return {"year": d.year, "month": d.month, "day": d.day}


def timeline_span(value: str | None) -> tuple[dict, dict | None] | None:
    """TimelineJS start and end dates for one TIMEX3 value at its real precision; None without a year."""
    value = value or ""
    start = timeline_date(value)
    if start is not None:
        clock = _CLOCK.search(value)
        if clock and "day" in start and int(clock[1]) < 24:
            start.update(hour=int(clock[1]), minute=int(clock[2]))
        return start, None
    try:
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
            return {"year": year, "month": a}, ({"year": year + (b - 1) // 12, "month": (b - 1) % 12 + 1})
        m = _DECADE.match(value)
        if m:
            return {"year": int(m[1]) * 10}, {"year": int(m[1]) * 10 + 9}
    except ValueError:
        return None
    return None


def render(story) -> str:
    docs = {d["id"]: d for d in story.documents()}
    names = {e["id"]: e["name"] for e in story.entities()}
    slides, skipped, texts = [], 0, {}
    for ev in story.timeline():
        start_value, _, end_value = ev["when"].partition("/")
        first = timeline_span(start_value)
        last = timeline_span(end_value) if end_value else None
        if first is None or (end_value and last is None):
            skipped += 1
            continue
        start, end = first[0], (last[1] or last[0]) if last else first[1]
        slide = {"unique_id": f"event-{ev['id']}", "start_date": start, "group": ev["type"],
                 "display_date": ev.get("when_words") or words(ev["when"], ev.get("when_mod")),
                 "text": {"headline": html.escape(_headline(ev, names)), "text": _body(ev, docs[ev["doc"]], _trigger_at(story, ev, texts))},
                 "storyline": {"event": ev["id"], "doc": ev["doc"], "start": ev["start"], "end": ev["end"],
                               "when": ev["when"], "precision": ev["precision"]}}
        if end:
            slide["end_date"] = end
        slides.append(slide)
    titles = sorted({d["title"] for d in docs.values() if d["title"]})
    note = (f"{len(slides)} dated events from {len(docs)} articles"
            + (f"; {skipped} events dated without a year are not shown" if skipped else "")
            + ". Every slide cites the article and characters it comes from.")
    title = {"text": {"headline": html.escape(titles[0] if len(titles) == 1 else "Storyline timeline"),
                      "text": f"<p>{html.escape(note)}</p>"}}
    return json.dumps({"title": title, "events": slides}, ensure_ascii=False, indent=1) + "\n"


def _headline(ev: dict, names: dict) -> str:
    """"Meeting: Ilse Kova, Petar Dunn", with "(planned)", "(denied)" ... when the article does not
    tell it as having happened; an event of no kind is named by its word ("Briefed: ...")."""
    from storyline.story import told_as
    who = [names[p] for p in ev["participants"] if p in names]
    told = told_as([ev])
    kind = ev["trigger"] if ev["type"] == "other" else ev["type"]
    return kind.capitalize() + (": " + ", ".join(who[:4]) if who else "") + (f" ({told})" if told else "")


def _trigger_at(story, ev: dict, texts: dict) -> int:
    """Where the event's word starts inside its evidence sentence (-1 if the text moved)."""
    if ev["doc"] not in texts:
        texts[ev["doc"]] = article_text(story, ev["doc"]) or ""
    sentence_start = texts[ev["doc"]].rfind(ev["text"], 0, ev["start"] + len(ev["text"]))
    if sentence_start < 0 or sentence_start + len(ev["text"]) < ev["end"]:
        return -1
    return ev["start"] - sentence_start


def _body(ev: dict, doc: dict, at: int) -> str:
    """The evidence sentence with the event's word marked, then where it comes from."""
    sentence, size = ev["text"], ev["end"] - ev["start"]
    if at >= 0:
        quoted = (html.escape(sentence[:at].lstrip()) + "<strong>" + html.escape(sentence[at:at + size])
                  + "</strong>" + html.escape(sentence[at + size:].rstrip()))
    else:
        quoted = html.escape(sentence.strip())
    where = html.escape(document_label(doc))
    if web_url(doc.get("url")):
        where = f'<a href="{html.escape(doc["url"], quote=True)}">{where}</a>'
    title = f", \u201c{html.escape(doc['title'])}\u201d" if doc.get("title") else ""
    written = f" (as written: \u201c{html.escape(ev['when_text'])}\u201d)" if ev.get("when_text") else ""
    return (f"<p>{quoted}</p><p>Source: {where}{title}{written}; article {html.escape(ev['doc'])}, "
            f"characters {ev['start']}\u2013{ev['end']}.</p>")
