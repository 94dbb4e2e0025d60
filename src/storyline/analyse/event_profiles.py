"""What cross-article event coreference reads of an article: a pure function of the article's Doc.

Resolving runs at the end of ingest, when the parses of the articles stored earlier are gone,
so everything the coreference model (resolve/event_coref.py) compares is taken here, while the
Doc is at hand, and stored (migration 0010):

`profiles(doc, spans)` gives both of:
  - the event profiles: for each event mention (a character span; whatever
    analyse/events.py found, or the gold mentions of an evaluation), its head word's lemma, stem,
    form and part of speech, its own lemmas, its arguments in the parse, the content words
    around it, and the named entities it governs or stands nearest to;
  - the document profile: the article's content lemmas and proper nouns (counts),
    its numbers, weekdays, months, places, people and organisations, and the few facts of each
    sentence that holds an event mention.

Entities are the parser's named entities, by kind: HUM (people, organisations, groups), LOC
(places), TIM (dates, times), NON (products, events, works).

Work is kept small because an article may hold dozens of event mentions and every article is
profiled: the Doc's attributes are read once as arrays (`Doc.to_array`), strings are looked up
once per distinct hash, sentence facts are taken once per sentence.
"""
from __future__ import annotations

import functools
from bisect import bisect_right
from collections import Counter
from typing import Sequence

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, POS
from spacy.parts_of_speech import IDS as _POS
from spacy.strings import get_string_id

from storyline.records import DocumentProfile, EventProfile, SentenceProfile

__all__ = ["profiles", "stem", "KINDS"]

CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_CONTENT_IDS = frozenset(_POS[p] for p in CONTENT)
_IS_CONTENT = np.zeros(max(_POS.values()) + 1, dtype=bool)
_IS_CONTENT[list(_CONTENT_IDS)] = True
_NOMINAL_IDS = frozenset(_POS[p] for p in ("NOUN", "PROPN", "NUM", "PRON"))
_NOUN_IDS = frozenset(_POS[p] for p in ("NOUN", "PROPN"))
_ARG_DEPS = frozenset(get_string_id(d) for d in (
    "nsubj", "nsubjpass", "dobj", "iobj", "attr", "agent", "compound", "poss", "amod", "npadvmod", "nmod", "dative",
    "oprd", "acomp", "xcomp", "ccomp", "advcl", "appos"))
_PREP = frozenset(get_string_id(d) for d in ("prep", "agent"))
_POBJ = get_string_id("pobj")
_COMPOUND = frozenset(get_string_id(d) for d in ("compound", "nummod"))
_MODIFIER = frozenset(get_string_id(d) for d in ("compound", "amod", "nmod"))
# Words too general to tell two events' arguments apart: light verbs and pronouns (our choice).
_STOP_ARGS = {"be", "have", "do", "say", "he", "she", "it", "they", "who", "which", "that", "this", "-pron-"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"}
_CALENDAR = {get_string_id(w): w for w in _WEEKDAYS | _MONTHS}  # any token so written ("may" too)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ments", "ment", "ees", "ee", "ers", "er",
             "ed", "es", "s", "e")
# spaCy's named-entity labels (OntoNotes) as the kinds ECB+ annotates
KINDS = {"PERSON": "HUM", "ORG": "HUM", "NORP": "HUM", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
         "DATE": "TIM", "TIME": "TIM", "PRODUCT": "NON", "EVENT": "NON", "WORK_OF_ART": "NON"}
_PLACES = frozenset(get_string_id(x) for x in ("GPE", "LOC", "FAC"))
_TIMES = frozenset(get_string_id(x) for x in ("DATE", "TIME"))
_ACTORS = frozenset(get_string_id(x) for x in ("PERSON", "ORG", "NORP"))
_PERSON = get_string_id("PERSON")


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to join 'shooting'/'shoot', 'arrested'/'arrest', 'Oscars'/'Oscar'."""
    word = word.lower().lstrip("#")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


class _Tokens:
    """A Doc's tokens as plain lists (lemma, POS, form, entity type, head, dependency), and
    their strings looked up once per distinct hash."""

    def __init__(self, doc):
        table = doc.to_array([LEMMA, POS, LOWER, ENT_TYPE, HEAD, DEP]) if len(doc) else \
            np.zeros((0, 6), dtype=np.uint64)
        self.doc = doc
        self.table = table
        self.lemma_h = table[:, 0]
        self.pos = table[:, 1].astype(np.int64)
        self.lower_h = table[:, 2]
        self.ent = table[:, 3]
        self.pos_list = self.pos.tolist()
        self.head = (np.arange(len(doc)) + table[:, 4].astype(np.int64)).tolist()
        self.dep = table[:, 5].tolist()
        self.lemma_list = self.lemma_h.tolist()
        self.strings = doc.vocab.strings
        self.known: dict[int, str] = {}

    def string(self, h: int) -> str:
        s = self.known.get(h)
        if s is None:
            s = self.known[h] = self.strings[h].lower() if h else ""
        return s

    def lemma(self, i: int) -> str:
        return self.string(self.lemma_list[i])

    @functools.cached_property
    def lemma_strings(self) -> np.ndarray:
        return np.array([self.string(h) for h in self.lemma_list], dtype=object)

    def lemmas(self, mask: np.ndarray, lo: int = 0) -> list[str]:
        return self.lemma_strings[lo:lo + len(mask)][mask].tolist()

    def lowers(self, mask: np.ndarray, lo: int = 0) -> list[str]:
        return [self.string(h) for h in self.lower_h[lo:lo + len(mask)][mask].tolist()]

    def top(self, start: int, end: int) -> int:
        """The token of [start, end) whose head lies outside it (or is itself)."""
        head = self.head
        for i in range(start, end):
            h = head[i]
            if h == i or not start <= h < end:
                return i
        return start


class _Entity:
    __slots__ = ("kind", "head", "head_i", "sent")

    def __init__(self, kind: str, head: str, head_i: int, sent: int):
        self.kind, self.head, self.head_i, self.sent = kind, head, head_i, sent


def _entities(doc, tokens: _Tokens, starts: list[int]) -> list[_Entity]:
    out = []
    pron = _POS["PRON"]
    for e in doc.ents:
        kind = KINDS.get(e.label_)
        if kind is None:
            continue
        h = tokens.top(e.start, e.end)
        if tokens.pos_list[h] == pron:
            continue
        out.append(_Entity(kind, tokens.lemma(h), h, bisect_right(starts, h) - 1))
    return out


def _arguments(tokens: _Tokens, h: int) -> set[str]:
    """Stems of the nouns the event word takes in the parse (subject, objects, prepositional
    objects, modifiers) and, for an event noun, the noun it hangs on ("the arrest of X")."""
    out: set[str] = set()
    doc, pos, dep, head = tokens.doc, tokens.pos_list, tokens.dep, tokens.head

    def add(t: int):
        if pos[t] in _NOMINAL_IDS:
            out.add(tokens.lemma(t))
            out.update(tokens.lemma(c.i) for c in doc[t].children if dep[c.i] in _COMPOUND)

    for c in doc[h].children:
        if dep[c.i] in _PREP:
            for g in c.children:
                if dep[g.i] == _POBJ:
                    add(g.i)
        elif dep[c.i] in _ARG_DEPS:
            add(c.i)
    if pos[h] in _NOUN_IDS and head[h] != h:
        gov = head[head[h]] if pos[head[h]] == _POS["ADP"] else head[h]
        if pos[gov] in _NOUN_IDS:
            add(gov)
    return {stem(a) for a in out - _STOP_ARGS}


def _linked(tokens: _Tokens, h: int, ents: Sequence[_Entity]) -> set[str]:
    """Entities whose head the event word governs, directly or through a preposition."""
    head, dep = tokens.head, tokens.dep
    out = set()
    for e in ents:
        t = e.head_i
        if head[t] == h or (head[head[t]] == h and dep[head[t]] in _PREP) or (head[h] == t and dep[h] in _MODIFIER):
            out.add(f"{e.kind}:{e.head}")
    return out


def _nearest(h: int, ents: Sequence[_Entity]) -> tuple[tuple[str, str], ...]:
    out = []
    for kind in ("HUM", "LOC", "TIM"):
        of_kind = [e for e in ents if e.kind == kind]
        if of_kind:
            out.append((kind, min(of_kind, key=lambda e: abs(e.head_i - h)).head))
    return tuple(out)


def _sorted(items) -> tuple[str, ...]:
    return tuple(sorted(set(items)))


def profiles(doc, spans: Sequence[tuple[int, int]]) -> tuple[list[EventProfile], DocumentProfile]:
    """One profile per character span (start, end) of an event mention in `doc`, in order, and
    the document's profile. A span is read from its first to its last token; its head is the
    token whose head lies outside it."""
    starts = [s.start for s in doc.sents]
    tokens = _Tokens(doc)
    ents = _entities(doc, tokens, starts)
    events = _event_profiles(doc, tokens, spans, starts, ents)
    return events, _document_profile(doc, tokens, events, starts, ents)


def _event_profiles(doc, tokens: _Tokens, spans, starts: list[int], entities: list[_Entity]) -> list[EventProfile]:
    by_sent: dict[int, list[_Entity]] = {}
    for e in entities:
        by_sent.setdefault(e.sent, []).append(e)
    pos = tokens.pos_list
    out = []
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        lo_t, hi_t = (span.start, span.end) if span is not None and len(span) else _token_at(doc, start)
        h = tokens.top(lo_t, hi_t)
        k = bisect_right(starts, h) - 1
        lo, hi = starts[k], (starts[k + 1] if k + 1 < len(starts) else len(doc))
        ents = by_sent.get(k, [])
        lemma = tokens.lemma(h)
        context = {stem(tokens.lemma(t)) for t in range(max(lo, h - 3), min(hi, h + 4))
                   if t != h and pos[t] in _CONTENT_IDS}
        out.append(EventProfile(
            start=start, end=end, sentence=k, lemma=lemma, stem=stem(lemma), text=tokens.string(tokens.lower_h[h]),
            pos=doc.vocab.strings[pos[h]] if pos[h] else "", words=_sorted(tokens.lemma(t) for t in range(lo_t, hi_t)),
            args=_sorted(_arguments(tokens, h)), context=_sorted(context), linked=_sorted(_linked(tokens, h, ents)),
            nearest=_nearest(h, ents)))
    return out


def _token_at(doc, char: int) -> tuple[int, int]:
    """The token at or before character `char`, as a one-token range."""
    lo, hi = 0, len(doc)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc[mid].idx <= char:
            lo = mid + 1
        else:
            hi = mid
    i = max(0, lo - 1)
    return i, i + 1


def _sentence_end(doc, starts: list[int], k: int) -> int:
    last = doc[(starts[k + 1] if k + 1 < len(starts) else len(doc)) - 1]
    return last.idx + len(last.text)


def _document_profile(doc, tokens: _Tokens, events: Sequence[EventProfile], starts: list[int],
                      found: list[_Entity]) -> DocumentProfile:
    """The article's words and facts, and the facts of each sentence that holds one of `events`."""
    pos, ent = tokens.pos, tokens.ent
    content = _IS_CONTENT[pos]
    propn, num = pos == _POS["PROPN"], pos == _POS["NUM"]
    places, times, actors = (np.zeros(len(ent), dtype=bool) for _ in range(3))
    for h in np.unique(ent).tolist():  # the few entity types of this article
        for mask, kinds in ((places, _PLACES), (times, _TIMES), (actors, _ACTORS)):
            if h in kinds:
                mask |= ent == h
    calendar = [_CALENDAR[h] for h in set(tokens.lower_h.tolist()) & _CALENDAR.keys()]
    ents: dict[int, list[str]] = {}
    for e in found:
        ents.setdefault(e.sent, []).append(f"{e.kind}:{e.head}")
    sentences = {}
    for k in sorted({p.sentence for p in events}):
        lo, hi = starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc)
        part = slice(lo, hi)
        sentences[k] = SentenceProfile(
            start=doc[lo].idx, end=_sentence_end(doc, starts, k),
            words=_sorted(tokens.lemmas(content[part], lo)), names=_sorted(tokens.lemmas(propn[part], lo)),
            numbers=_sorted(tokens.lowers(num[part], lo)), times=_sorted(tokens.lowers(times[part], lo)),
            places=_sorted(tokens.lowers(places[part], lo)), entities=_sorted(ents.get(k, ())))
    return DocumentProfile(
        words=dict(Counter(tokens.lemmas(content))), names=dict(Counter(tokens.lemmas(propn))),
        numbers=_sorted(tokens.lowers(num)), weekdays=_sorted(w for w in calendar if w in _WEEKDAYS),
        months=_sorted(w for w in calendar if w in _MONTHS), places=_sorted(tokens.lowers(places)),
        entities=_sorted(tokens.lowers(actors)), people=_sorted(tokens.lowers((ent == _PERSON) & propn)),
        sentences=sentences)
