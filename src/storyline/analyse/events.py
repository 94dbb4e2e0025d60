"""Events v1: lexicon triggers with participants and a time from the same clause.

A trigger is a verb or noun whose lemma names a kind of event ("met", "meeting",
"phoned", "vote", "resigned"). Its time is the time expression attached to it in
the parse, else the nearest one in its sentence; its participants are the named
people and organisations of its sentence. Each carries the author's view of whether it
happened: polarity, certainty and mood from the factuality rules.
"""
from __future__ import annotations

import re

from storyline.analyse.factuality import factuality
from storyline.analyse.nlp import text_of
from storyline.records import Event, Mention, Timex
from storyline.vocabulary import EVENT_TYPES

__all__ = ["events", "EVENT_TYPES"]

_NOUN_ONLY = {"talks", "summit", "conversation", "statement", "hearing", "speech", "deal", "treaty", "accord"}
_PARTICIPANT_TYPES = {"PERSON", "ORG", "GPE", "NORP"}


def events(doc, mentions: list[Mention], timexes: list[Timex], body_start: int = 0) -> list[Event]:
    """Event mentions of `doc` with participants and times."""
    found = []
    text = text_of(doc)
    dated = [t for t in timexes if (t.type in {"DATE", "TIME"} or t.anchor) and not _dateline(text, t)]
    for sent in doc.sents:
        if sent.end_char <= body_start:
            continue
        in_sentence = [t for t in dated if sent.start_char <= t.start < sent.end_char]
        people = [m for m in mentions if sent.start_char <= m.start < sent.end_char and m.type in _PARTICIPANT_TYPES]
        for tok in sent:
            kind = EVENT_TYPES.get(tok.lemma_.lower())
            if kind is None or tok.pos_ not in {"VERB", "NOUN"}:
                continue
            if tok.pos_ == "VERB" and tok.lemma_.lower() in _NOUN_ONLY:
                continue
            if kind == "publication" and tok.pos_ == "VERB":
                continue  # "reported" is a cue, not an event of the story
            # "the vote" inside "the day before the vote" is the anchor, not an event of that day
            timex = _time_for(tok, [t for t in in_sentence if not t.start <= tok.idx < t.end])
            participants = tuple(dict.fromkeys(m.canonical for m in _arguments(tok, people) or people))
            fact = factuality(tok)  # the author's view, as the sentence puts it
            found.append(Event(
                start=tok.idx, end=tok.idx + len(tok.text), type=kind, trigger=tok.text,
                sentence_start=sent.start_char, sentence_end=sent.end_char, participants=participants,
                when=(timex.value if timex and not timex.anchor else None),
                when_text=timex.text if timex else None, timex_start=timex.start if timex else None,
                polarity=fact.polarity, certainty=fact.certainty, mood=fact.mood))
    return found


_DATELINE_END = re.compile(r"\s*(?:\([^)\n]{1,60}\))?\s*(?:-|--|\u2013|\u2014)\s")


def _dateline(text: str, t: Timex) -> bool:
    """"PORTVALE, March 24, 2026 (Harbour Wire) - ...": the date the article was filed, not of its events."""
    line_start = text.rfind("\n", 0, t.start) + 1
    return t.start - line_start < 40 and bool(_DATELINE_END.match(text, t.end))


def _time_for(trigger, timexes: list[Timex]) -> Timex | None:
    """The time expression the parse attaches to `trigger`, else the nearest in the sentence."""
    if not timexes:
        return None
    doc = trigger.doc
    for t in timexes:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        for _ in range(4):  # climb through prepositions ("on Tuesday", "the day before")
            if head == trigger:
                return t
            if head.head == head:
                break
            head = head.head
    # Else the nearest one in the trigger's own clause: in "she denied on Tuesday that they had
    # met", Tuesday is when she denied, not when they met.
    own = _clause(trigger)
    near = [t for t in timexes if (s := doc.char_span(t.start, t.end, alignment_mode="expand")) is not None
            and _clause(s.root).i == own.i]
    return min(near, key=lambda t: abs(t.start - trigger.idx)) if near else None


def _arguments(trigger, people: list[Mention]) -> list[Mention]:
    """The named people and organisations of the trigger's own clause ("she had met Dunn" in
    "Kova denied that she had met Dunn"), with a pronoun subject read as the subject of the clause
    above it (Kova); an event noun's own phrase ("the dinner between Kova and Dunn") counts."""
    verb = _clause(trigger)
    nested = [c for c in verb.children if c.dep_ in {"ccomp", "advcl", "relcl", "conj", "parataxis"}
              and c.i != trigger.i and not c.is_ancestor(trigger)]
    skip = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in nested]
    lo, hi = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
    out = [m for m in people if lo <= m.start < hi and not any(a <= m.start < b for a, b in skip)]
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is not None and subj.lower_ in {"he", "she", "they", "it", "we", "i"}:
        above = verb.head
        for _ in range(3):
            if above.i == verb.i:
                break
            up = next((c for c in above.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            named = [m for m in people if up is not None and m.start <= up.idx < m.end]
            if named:
                out = named + out
                break
            if above.head.i == above.i:
                break
            above = above.head
    return out


def _clause(tok):
    """The verb heading the clause `tok` is in (the root when none)."""
    while tok.pos_ not in {"VERB", "AUX"} and tok.head.i != tok.i:
        tok = tok.head
    return tok
