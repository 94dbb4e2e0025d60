"""TimelineJS3 JSON of the story's dated events.

One slide per event whose TIMEX3 value is a year, a month or a day (a time of day such as
"2026-03-04TNI" counts as its day; an interval of such values gets an end date). Weeks,
seasons and values without a year are left out, and the title slide says how many. The slide
text is HTML, so every piece of article text in it is escaped; each slide also carries a
`storyline` object with the event id and its (doc, start, end) pointer.
"""
from __future__ import annotations

import html
import json
import re

from storyline.export.evidence import article_text, document_label
from storyline.links import web_url

__all__ = ["render", "timeline_date"]

_MODS = {"APPROX": "about"}  # TIMEX3 mods as a reader says them; the rest lower-cased ("before")
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


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


def _readable(value: str) -> str:
    m = _VALUE.match(value)
    if not m:
        return value
    parts = [str(int(m[3]))] if m[3] else []
    if m[2]:
        parts.append(_MONTHS[int(m[2]) - 1])
    return " ".join(parts + [m[1]])


def render(story) -> str:
    docs = {d["id"]: d for d in story.documents()}
    names = {e["id"]: e["name"] for e in story.entities()}
    slides, skipped, texts = [], 0, {}
    for ev in story.timeline():
        start_value, _, end_value = ev["when"].partition("/")
        start = timeline_date(start_value)
        end = timeline_date(end_value) if end_value else None
        if start is None or (end_value and end is None):
            skipped += 1
            continue
        slide = {"unique_id": f"event-{ev['id']}", "start_date": start, "group": ev["type"],
                 "text": {"headline": html.escape(_headline(ev, names)), "text": _body(ev, docs[ev["doc"]], _trigger_at(story, ev, texts))},
                 "storyline": {"event": ev["id"], "doc": ev["doc"], "start": ev["start"], "end": ev["end"],
                               "when": ev["when"], "precision": ev["precision"]}}
        if end:
            slide["end_date"] = end
        if ev["when_mod"]:
            slide["display_date"] = f"{_MODS.get(ev['when_mod'], ev['when_mod'].lower())} {_readable(start_value)}"
        slides.append(slide)
    titles = sorted({d["title"] for d in docs.values() if d["title"]})
    note = (f"{len(slides)} dated events from {len(docs)} articles"
            + (f"; {skipped} events dated only to a week, season or without a year are not shown" if skipped else "")
            + ". Every slide cites the article and characters it comes from.")
    title = {"text": {"headline": html.escape(titles[0] if len(titles) == 1 else "Storyline timeline"),
                      "text": f"<p>{html.escape(note)}</p>"}}
    return json.dumps({"title": title, "events": slides}, ensure_ascii=False, indent=1) + "\n"


def _headline(ev: dict, names: dict) -> str:
    """"Meeting: Ilse Kova, Petar Dunn", with "(planned)", "(denied)" ... when the article does not
    tell it as having happened."""
    from storyline.story import told_as
    who = [names[p] for p in ev["participants"] if p in names]
    told = told_as([ev])
    return ev["type"].capitalize() + (": " + ", ".join(who[:4]) if who else "") + (f" ({told})" if told else "")


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
