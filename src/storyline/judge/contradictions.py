"""Contradictions v1: opposite polarity on the same proposition, a source changing its
position, and one event dated differently by different articles.

Propositions are compared by their content words (a lexical method) and by their predicate
(the lemma of what they say happened, or its kind of event: "met" and "dinner" are both a
meeting), so claims that only share names and dates do not meet. Claims that merely differ in
wording keep the same polarity and so never contradict. Findings are grouped as a reader would
tell them: all of one source's denials of one thing are one contradiction; a change of position
lists every earlier statement it departs from; one event's dates are one conflict.
Known limit: two real meetings of the same people on different days look like one meeting
dated two ways (no event coreference beyond type and participants yet).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from storyline.analyse.events import EVENT_TYPES
from storyline.groups import Groups

__all__ = ["find_contradictions", "content_words", "same_proposition"]

_STOP = set("""a an the of to in on at for by with from and or but that this these those it its is are was were be
been being has have had do does did not no never he she they we i you his her their our my your him them us me as
into about over than then so if would will could should may might can shall said says told there here what which who
whom whose when where why how any all some such own same also just only very before after during until since
day days week weeks month months year years today yesterday tomorrow night morning evening monday tuesday wednesday
thursday friday saturday sunday january february march april june july august september october november
december""".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


def content_words(text: str) -> set[str]:
    words = {w.lower().strip("'") for w in _WORD.findall(text)}
    return {_stem(w) for w in words if w not in _STOP and len(w) > 2}


def _stem(w: str) -> str:
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def same_proposition(a: set[str], b: set[str], threshold: float = 0.5) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= threshold and len(a & b) >= 2


def same_predicate(p: str | None, q: str | None) -> bool:
    """Whether two claims say the same kind of thing happened: the same lemma or stem ("meet",
    "meeting"), or two words for one kind of event ("dinner", "meet")."""
    if not p or not q:
        return True  # nothing to compare: the words decide
    if p == q or p[:4] == q[:4]:
        return True
    kind = EVENT_TYPES.get(p)
    return kind is not None and kind == EVENT_TYPES.get(q)


@dataclass(frozen=True)
class Found:
    """One contradiction: the two accounts set against each other (claim ids, or event ids for a
    date conflict), why, how sure (0-1, None when a rule gives no figure) and what decided it."""
    kind: str
    sides: tuple[tuple[int, ...], tuple[int, ...]]
    explanation: str
    decided_by: str
    score: float | None = None
    on_events: bool = False

    @property
    def claims(self) -> tuple[int, ...]:
        return () if self.on_events else self.sides[0] + self.sides[1]

    @property
    def events(self) -> tuple[int, ...]:
        return self.sides[0] + self.sides[1] if self.on_events else ()


def find_contradictions(claims: list[dict], events: list[dict]) -> list[Found]:
    """Claims are dicts with id, text, polarity, certainty, said_on, source_key, source_text, doc;
    events are dicts with id, type, participants (entity ids), when, doc.

    Each denial is set against the one assertion by another source that shares most of its
    words (not against every paraphrase of it), and each source's change of position is
    reported once per proposition, from its first statement to its first different one."""
    found: list[Found] = []
    words = {c["id"]: content_words(c["text"]) for c in claims}

    def overlap(a, b) -> float:
        wa, wb = words[a["id"]], words[b["id"]]
        return len(wa & wb) / max(1, min(len(wa), len(wb)))

    def related(a, b) -> bool:
        wa, wb = words[a["id"]], words[b["id"]]
        return same_proposition(wa, wb) and same_predicate(a.get("predicate"), b.get("predicate")) \
            and not (a["doc"] == b["doc"] and _nested(a, b))

    # Position changes: one per source and proposition.
    by_source: dict[str, list[dict]] = {}
    for c in claims:
        if c["source_key"] is not None and c["said_on"]:
            by_source.setdefault(c["source_key"], []).append(c)
    for items in by_source.values():
        items.sort(key=lambda c: (c["said_on"], c["id"]))
        # Each later statement that departs from earlier ones is one change of position, with
        # every earlier statement it departs from ("denied on the 10th, in three articles").
        done: set[int] = set()
        for j, second in enumerate(items):
            earlier = [first for first in items[:j] if first["said_on"] != second["said_on"]
                       and first["id"] not in done and related(first, second)
                       and (first["polarity"], first["certainty"]) != (second["polarity"], second["certainty"])]
            if not earlier:
                continue
            done.update(c["id"] for c in earlier)
            done.update(c["id"] for c in items[j:] if c["said_on"] == second["said_on"] and related(c, second))
            first = earlier[0]
            found.append(Found("position_change", (tuple(c["id"] for c in earlier), (second["id"],)),
                               f"{first['source_text']} {_stance(first)} \u201c{_clip(first['text'])}\u201d "
                               f"on {first['said_on']}, then {_stance(second)} "
                               f"\u201c{_clip(second['text'])}\u201d on {second['said_on']}.",
                               "rule:position_change"))
    # Polarity: each denial against its closest assertion by another source.
    # Polarity: each denial against its closest assertion by another source; denials by one source
    # of one thing (the same assertion, or related ones) are one contradiction with all their claims.
    positives = [c for c in claims if c["polarity"] == "positive"]
    candidates = _index(positives, words)
    pairs = []
    for neg in (c for c in claims if c["polarity"] == "negative"):
        rivals = [p for p in candidates(neg) if related(neg, p) and
                  (neg["source_key"] is None or p["source_key"] != neg["source_key"])]
        if rivals:
            best = max(rivals, key=lambda p: (overlap(neg, p), -abs(_days(p) - _days(neg))))
            if _denies(words[best["id"]], words[neg["id"]]):
                pairs.append((best, neg))
    groups: list[list[tuple[dict, dict]]] = []
    for pos, neg in pairs:
        home = next((g for g in groups if any(
            pos["id"] == p["id"] or (neg["source_key"] is not None and neg["source_key"] == n["source_key"]
                                     and same_predicate(neg.get("predicate"), n.get("predicate")))
            for p, n in g)), None)
        if home is None:
            groups.append([(pos, neg)])
        else:
            home.append((pos, neg))
    for g in groups:
        pos = min((p for p, _ in g), key=lambda c: (_days(c) or 99999999, c["id"]))
        neg = min((n for _, n in g), key=lambda c: (_days(c) or 99999999, c["id"]))
        sides = (tuple(dict.fromkeys(p["id"] for p, _ in g)), tuple(dict.fromkeys(n["id"] for _, n in g)))
        more = len({n["id"] for _, n in g}) - 1
        found.append(Found("polarity", sides,
                           f"{pos['source_text'] or 'The article'} said \u201c{_clip(pos['text'])}\u201d"
                           f"{_on(pos)}; {neg['source_text'] or 'another source'} denied it{_on(neg)}"
                           + (f" (and {more} more denial{'s' if more > 1 else ''})." if more else "."),
                           "rule:polarity"))
    # Certainty: one source sure of what another calls only possible or unknown.
    sure = _index([c for c in claims if c["polarity"] == "positive" and c["certainty"] == "certain"], words)
    done = set()
    for doubt in (c for c in claims if c["polarity"] == "positive" and c["certainty"] in {"possible", "unknown"}
                  and not _silence(c)):
        rivals = [c for c in sure(doubt) if related(doubt, c) and c["source_key"] != doubt["source_key"]
                  and c["id"] not in done]
        if not rivals:
            continue
        best = max(rivals, key=lambda c: overlap(doubt, c))
        done.add(best["id"])
        found.append(Found("certainty", ((best["id"],), (doubt["id"],)),
                           f"{best['source_text'] or 'The article'} states \u201c{_clip(best['text'])}\u201d"
                           f"{_on(best)} as fact; {doubt['source_text'] or 'another source'} calls it "
                           f"{'only possible' if doubt['certainty'] == 'possible' else 'unknown'}{_on(doubt)}.",
                           "rule:certainty"))
    found.extend(_date_conflicts(events))
    return found


def _denies(assertion: set[str], denial: set[str]) -> bool:
    """Whether a denial is close enough to the assertion it is set against: they share a third of
    the longer one's content words, not only two words of the shorter. Two words were enough for
    "the United States was in breach of the agreement" and a long remark of Larry King's about
    RT to meet; of the eight denials that ingesting PolNeAR dev's 84 articles paired, none denied
    what it was set against (read one by one) and six fall below this; the demo's share half and more."""
    return len(assertion & denial) * 3 >= max(len(assertion), len(denial))


_SILENCE = re.compile(r"\b(?:not|n't|never|no)\b", re.IGNORECASE)


def _silence(c: dict) -> bool:
    """"has not said whether ...", "did not respond to ...": no statement, so no doubt expressed."""
    return bool(_SILENCE.search(c.get("cue") or "")) or \
        bool(re.match(r"(?:whether|if|when|how|what|which|who)\b", c["text"].strip(), re.IGNORECASE))


_COMMON = 500  # a word shared by more claims than this does not, alone, make them candidates


def _index(claims: list[dict], words: dict[int, set[str]]):
    """Blocking: a function giving the claims that share a not-too-common content word with a claim,
    in their original order, so that judging stays near-linear in the number of claims."""
    by_word: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        for w in words[c["id"]]:
            by_word.setdefault(w, []).append(i)

    def candidates(claim: dict) -> list[dict]:
        hits = set()
        for w in words[claim["id"]]:
            bucket = by_word.get(w, ())
            if len(bucket) <= _COMMON:
                hits.update(bucket)
        return [claims[i] for i in sorted(hits)]
    return candidates


def _days(c: dict) -> int:
    value = c.get("said_on") or ""
    return int(value.replace("-", "")) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else 0


def _clip(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


def _on(c: dict) -> str:
    return f" ({c['said_on']})" if c.get("said_on") else ""


def _stance(c: dict) -> str:
    if c["polarity"] == "negative":
        return "denied"
    return {"certain": "affirmed", "probable": "called probable", "possible": "called possible"}.get(
        c["certainty"], "was unsure whether")


def _nested(a: dict, b: dict) -> bool:
    return a["start"] <= b["start"] < a["end"] or b["start"] <= a["start"] < b["end"]


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _date_conflicts(events: list[dict]) -> list[Found]:
    """Events of one type with two or more participants in common, dated to different days by
    different articles: one conflict per such event, with every mention of it on both sides."""
    dated = [e for e in events if e["when"] and _DAY.match(e["when"]) and e["type"] in {"meeting", "contact"}
             and len(e["participants"]) >= 2 and not e.get("when_mod")]  # "shortly before the vote" is no day
    groups = Groups(e["id"] for e in dated)
    # Blocking: only events sharing a (type, pair of participants) are compared.
    by_pair: dict[tuple, list[dict]] = {}
    for e in dated:
        for pair in combinations(sorted(set(e["participants"])), 2):
            by_pair.setdefault((e["type"], pair), []).append(e)
    for bucket in by_pair.values():
        for other in bucket[1:]:
            groups.join(bucket[0]["id"], other["id"])
    clusters: dict[int, list[dict]] = {}
    for e in dated:
        clusters.setdefault(groups.root(e["id"]), []).append(e)
    found = []
    for members in clusters.values():
        by_day: dict[str, set] = {}
        for e in members:
            by_day.setdefault(e["when"], set()).add(e["doc"])
        if len(by_day) < 2 or len({d for docs in by_day.values() for d in docs}) < 2:
            continue
        days = sorted(by_day, key=lambda d: (-len(by_day[d]), d))
        told = " and ".join(f"{d} in {len(by_day[d])} article{'s' if len(by_day[d]) > 1 else ''}" for d in days)
        first = tuple(sorted(e["id"] for e in members if e["when"] == days[0]))
        rest = tuple(sorted(e["id"] for e in members if e["when"] != days[0]))
        found.append(Found("date", (first, rest), f"The same {members[0]['type']} is dated {told}.",
                           "rule:date", on_events=True))
    return found
