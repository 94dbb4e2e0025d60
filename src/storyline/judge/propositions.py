"""Which claims are about the same thing: the index every judgment of claims starts from.

A claim's proposition is read from its content words (stemmed, without stop words), weighted by
how rare each word is among the claims being judged (idf), its names (capitalised words: the
actors and places it is about), its numbers and its predicate (the lemma of what it says happened).

`pairs(claims)` gives every pair of claims that share rare words, with their similarity, without
comparing every claim with every other: an inverted index over each claim's rarest words, and over
pairs of its rarest words where each alone is common (in a corpus about one story, "wife" and
"Baghdadi" are each in hundreds of claims; together, in a few dozen); no block holds more than
MAX_BUCKET claims. The cost grows with the number of claims times the bucket size, not with its square.

Similarity: the idf mass the two share over the smaller of their masses ("overlap"), and over
the larger ("cover"). Names and numbers are compared apart (`names_clash`, `numbers_clash`): two
claims about different people or different counts are not one proposition, however many other
words they share (GM's 2006 loss is not Ford's 2009 loss).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np

from storyline.vocabulary import EVENT_TYPES, REPORTING_KINDS, STOP_WORDS, stem

__all__ = ["Proposition", "Index", "content_words", "same_predicate", "names_clash", "numbers_clash",
           "share_entity"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*\b|\b[A-Z]{2,}\b")
_NUMBER = re.compile(r"\b\d[\d,]*(?:\.\d+)?\b")
_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "twenty": 20, "hundred": 100}
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_SMALL) + r")\b", re.IGNORECASE)
# Words of hedging that say how sure a report is of what it tells, not what it tells (English
# hedging adjectives and adverbs, written by hand): certainty is compared apart.
_HEDGES = frozenset("""alleged allegedly reportedly purported purportedly supposedly apparently seemingly
possibly probably presumably perhaps maybe likely unlikely reported rumoured rumored""".split())
_CLITIC = re.compile(r"['\u2019](?:s|m|ve|re|d|ll)\b", re.IGNORECASE)  # "Smith's", "I've": the word before
_COUNTS = frozenset(_SMALL) | {"thousand", "million", "billion"}
_NOT_CONTENT = STOP_WORDS | _COUNTS | _HEDGES
MAX_BUCKET = 60
RARE_WORDS = 12
KEY_WORDS = 6


def content_words(text: str) -> set[str]:
    """Stems of the words that carry a claim's content. Numbers, in words as in digits, are left
    to `numbers_clash`: "four suspects" and "ten suspects" differ in their count, not their words;
    a negation ("don't", "haven't") is the claim's polarity, and a hedge ("alleged", "reportedly")
    its certainty, not its content."""
    words = set(_WORD.findall(_CLITIC.sub("", text).replace("\u2019", "'").lower()))
    return {stem(w.strip("'")) for w in words - _NOT_CONTENT if len(w) > 2 and not w.endswith("n't")
            and w.strip("'") not in _NOT_CONTENT}


def light(p: str | None) -> bool:
    """A predicate that only states an attribute ("she was not his wife"): the words must decide."""
    return p in _LIGHT


def same_predicate(p: str | None, q: str | None) -> bool:
    """Whether two claims say the same kind of thing happened: the same lemma or stem ("meet",
    "meeting"), or two words for one kind of event ("dinner", "meet")."""
    if not p or not q:
        return True  # nothing to compare: the words decide
    if p == q or p[:4] == q[:4]:
        return True
    kind = EVENT_TYPES.get(p)
    return kind is not None and kind == EVENT_TYPES.get(q)


_LIGHT = {"be", "have", "become", "remain", "seem", "appear", "make", "take", "give", "get", "do"}


@dataclass
class Proposition:
    words: set[str]
    names: set[str]  # stems of capitalised words (used when the entities are not known)
    numbers: dict[str, float]  # the word a number counts ("dead", "people") -> the number
    entities: dict[str, set] | None = None  # type (PERSON, ORG, GPE) -> entity ids named inside the claim


def _names(text: str) -> set[str]:
    """Capitalised words that are not a sentence's first word or a stop word: who and where."""
    out = set()
    for m in _NAME.finditer(text):
        before = text[:m.start()].rstrip()
        if not before or before[-1] in ".!?\"\u201c:":
            continue
        w = m.group().lower()
        if w not in STOP_WORDS:
            out.add(stem(w))
    return out


UNIT_WORDS = 3
_UNITS_AFTER = re.compile(r"\s+(?:more\s+|other\s+|of\s+the\s+)?([A-Za-z]+(?:[ -][A-Za-z]+){0,%d})" % (UNIT_WORDS - 1))


def _numbers(text: str) -> dict[str, float]:
    """Counted things: '11 people', 'two dead', '3,000 troops' -> {counted word stem: number}. The
    number counts each of the up to UNIT_WORDS words after it, to the first function word: "four
    alleged terror suspects" and "10 terror suspects" both count "terror suspects"."""
    out = {}
    for pattern, value in ((_NUMBER, lambda s: float(s.replace(",", ""))),
                           (_NUMBER_WORD, lambda s: float(_SMALL[s.lower()]))):
        for m in pattern.finditer(text):
            after = _UNITS_AFTER.match(text, m.end())
            if not after:
                continue
            try:
                number = value(m.group(1) if m.lastindex else m.group())
            except (ValueError, KeyError):
                continue
            for unit in re.split(r"[ -]", after.group(1).lower()):
                if unit in STOP_WORDS or unit in _NOT_UNITS:
                    break
                key = stem(unit)
                if key in out and out[key] != number:
                    out[key] = float("nan")  # two counts of one thing in one claim: no count to compare
                else:
                    out[key] = number
    return out


_NOT_UNITS = frozenset({"percent", "per", "million", "billion", "thousand", "year", "years", "month", "months", "day",
                        "days", "week", "weeks", "hours", "a.m", "p.m", "pm", "am"})


CLASH_TYPES = ("PERSON", "ORG", "GPE")


# Kinds of event whose words stand in for one another; saying, publishing and denying are left
# out: every report says "report", and that alone makes no two claims about one thing.
_KIND_OF = {stem(lemma): kind for lemma, kind in EVENT_TYPES.items()
            if kind not in REPORTING_KINDS}


def concepts_shared(a: Proposition, b: Proposition) -> int:
    """How many things two claims have in common: their shared words, with a stand-in counted
    only where no shared word already carries it ("call" and "#contact" are one; "detained" and
    "arrested" meet only in "#arrest"; "Kova" and her "@3" are one)."""
    shared = a.words & b.words
    if len(shared) < 2:
        return len(shared)
    plain = {w for w in shared if w[:1] not in "#@"}
    if len(plain) == len(shared):
        return len(plain)  # no stand-in: the usual case, and the cheap one
    kinds = {w for w in shared if w[:1] == "#"} - {f"#{_KIND_OF[w]}" for w in plain if w in _KIND_OF}
    actors = {w for w in shared if w[:1] == "@"}
    if plain & a.names & b.names:
        actors = set()  # the actor's name is among the shared words already
    return len(plain) + len(kinds) + len(actors)


def proposition(text: str, entities: dict[str, set] | None = None) -> Proposition:
    """The words of a claim, with two kinds of stand-ins that let paraphrases meet: each entity it
    names ("@12": ISIS and ISIL, GM and General Motors once resolved as one actor) and the kind of
    event each of its words names ("#arrest": detained, arrested)."""
    words = content_words(text)
    words |= {f"#{_KIND_OF[w]}" for w in words if w in _KIND_OF}
    if entities:
        words |= {f"@{e}" for ids in entities.values() for e in ids}
    return Proposition(words, _names(text), _numbers(text), entities)


def share_entity(a: Proposition, b: Proposition) -> bool:
    """Both claims name entities and at least one of them is the same."""
    return bool(a.entities) and bool(b.entities) and \
        bool(set().union(*a.entities.values()) & set().union(*b.entities.values()))


def names_clash(a: Proposition, b: Proposition) -> bool:
    """The claims are about different actors: where the entities named inside them are known, both
    name people (or organisations, or places) and none in common; else, by their capitalised
    words, both name someone and nothing in common."""
    if a.entities is not None and b.entities is not None:
        return any(a.entities.get(t) and b.entities.get(t) and not (a.entities[t] & b.entities[t])
                   for t in CLASH_TYPES)
    return bool(a.names) and bool(b.names) and not (a.names & b.names)


def numbers_clash(a: Proposition, b: Proposition) -> list[tuple[str, float, float]]:
    """The counted things both claims give a different number for: [(word, a's, b's)]."""
    return [(u, a.numbers[u], b.numbers[u]) for u in a.numbers.keys() & b.numbers.keys()
            if a.numbers[u] == a.numbers[u] and b.numbers[u] == b.numbers[u] and a.numbers[u] != b.numbers[u]]


class Index:
    """The propositions of a list of claims, with idf weights and the pairs that share rare words."""

    def __init__(self, claims: list[dict]):
        self.claims = claims
        self.props = [proposition(c["text"], c.get("entities")) for c in claims]
        df: dict[str, int] = {}
        for p in self.props:
            for w in p.words:
                df[w] = df.get(w, 0) + 1
        n = len(claims)
        self.df = df
        self.idf = {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}
        self.mass = np.array([sum(self.idf[w] for w in p.words) for p in self.props])
        self._pairs: dict[int, tuple] = {}
        self.related: dict[float, list] = {}  # judge/contradictions.related_pairs, by overlap

    def pairs(self, min_shared: int = 2) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(i, j, overlap, cover) for every pair of claims (i < j, positions in `claims`) that share
        at least `min_shared` words and meet in a block: a rare word (in at most MAX_BUCKET claims)
        or a pair of words among each claim's KEY_WORDS rarest (two words together are rare even
        where each alone is in thousands of claims about one story). Computed once per index:
        contradictions and clusters both ask (read-only arrays)."""
        if min_shared not in self._pairs:
            self._pairs[min_shared] = tuple(a.setflags(write=False) or a for a in self._pairs_of(min_shared))
        return self._pairs[min_shared]

    def _pairs_of(self, min_shared: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        buckets: dict = {}
        for i, p in enumerate(self.props):
            ranked = sorted((w for w in p.words if self.df[w] >= 2), key=lambda w: (self.df[w], w))
            for w in ranked[:RARE_WORDS]:
                if self.df[w] <= MAX_BUCKET:
                    buckets.setdefault(w, []).append(i)
            top = ranked[:KEY_WORDS]
            for a in range(len(top)):
                for b in range(a + 1, len(top)):
                    if self.df[top[a]] > MAX_BUCKET:  # both common: the pair is the key
                        buckets.setdefault((top[a], top[b]), []).append(i)
        n = len(self.claims)
        keys = []
        for members in buckets.values():
            if 2 <= len(members) <= MAX_BUCKET:
                idx = np.array(members, dtype=np.int64)
                a, b = np.triu_indices(len(idx), k=1)
                keys.append(idx[a] * n + idx[b])
        if not keys:
            empty = np.zeros(0)
            return empty.astype(np.int64), empty.astype(np.int64), empty, empty
        flat = np.unique(np.concatenate(keys))
        i, j = flat // n, flat % n
        shared, count = self.shared_mass(i, j)
        keep = count >= min_shared
        i, j, shared = i[keep], j[keep], shared[keep]
        small = np.minimum(self.mass[i], self.mass[j])
        large = np.maximum(self.mass[i], self.mass[j])
        return i, j, shared / np.maximum(small, 1e-9), shared / np.maximum(large, 1e-9)

    def close(self, overlap: float, cover: float) -> list[tuple[int, int, float, float]]:
        """The pairs of `pairs()` at or above both bars, as (i, j, overlap, cover) in Python numbers."""
        i, j, ov, cv = self.pairs()
        keep = (ov >= overlap) & (cv >= cover)
        return list(zip(i[keep].tolist(), j[keep].tolist(), ov[keep].tolist(), cv[keep].tolist()))

    def shared_mass(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The idf mass, and the number, of all the words two claims share."""
        mass, count = np.zeros(len(i)), np.zeros(len(i), dtype=np.int64)
        for k, (a, b) in enumerate(zip(i.tolist(), j.tolist())):
            shared = self.props[a].words & self.props[b].words
            mass[k] = sum(self.idf[w] for w in shared)
            count[k] = len(shared)
        return mass, count

    def similarity(self, a: int, b: int) -> tuple[float, float]:
        """(overlap, cover) of two claims by position."""
        shared = sum(self.idf[w] for w in self.props[a].words & self.props[b].words)
        return (shared / max(min(self.mass[a], self.mass[b]), 1e-9),
                shared / max(max(self.mass[a], self.mass[b]), 1e-9))
