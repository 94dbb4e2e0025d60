"""Contradictions between claims: a denial against an account, a source changing its position, one
source sure of what another doubts, numbers that disagree, and one event dated two ways.

Claims meet through the proposition index (judge/propositions.py: shared rare words, weighted by
rarity, blocked so the cost stays near-linear); two claims state one proposition when they share
most of the rarer one's weight and a fair part of the other's, their predicates agree, and they do
not name different people or places. Then:

  - polarity: a negative claim against a positive one by another source ("the minister denied
    meeting the lobbyist" against the officials' account of the meeting). All denials of one
    source against one other source are one contradiction; its evidence is one pair of claims,
    taken inside one article when an article reports both sides (it then reports a dispute between
    its sources), else across articles (the articles themselves disagree). Within one article a
    looser pair also counts when both name one specific event and one entity (`_specific_pairs`),
    and an article that quotes another's account and calls it false denies it (`_debunked`,
    decided_by "rule:debunked");
  - position_change: one source, two dates, a different polarity or certainty;
  - certainty: one source states as fact what another calls only possible, or unknown;
  - number: two claims of one proposition give different counts of the same thing (11 dead
    against 16);
  - date: events of one kind with the same people, dated to different days by different articles.

With vectors of the claims (judge/meaning.py), a denial that only points back ("denied it") is
also set against the account it answers in its own article (decided_by "rule:meaning" when no
other rule relates them), and an account whose own article tells a denial of it is not set
against another article's denial: the article that tells both sides holds the evidence.

Every finding says which rule decided it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from storyline.groups import Groups
from storyline.present.dates import words
from storyline.vocabulary import EVENT_TYPES, REPORTING_KINDS, STOP_WORDS, VERDICT_WORDS, stem
from storyline.judge.propositions import (Index, concepts_shared, content_words, light, names_clash, numbers_clash,
                                          same_predicate, share_entity)

__all__ = ["find_contradictions", "content_words", "same_predicate", "same_actors", "Found", "who", "related_pairs"]

OVERLAP = 0.5  # share of the smaller claim's word weight the two must share
COVER = 0.2    # ... and of the larger one's
SAME_SOURCE_COVER = 0.1  # one source's own statements: the later one often retells the earlier
LIGHT_OVERLAP, LIGHT_COVER = 0.6, 0.4  # "was not his wife" meets "detained his wife" only when this close
MIN_SHARED = 2  # content words two claims of one proposition share at the least (a subject and what it did)
SURE = 0.6     # a certainty conflict needs closer claims: doubt is often about a neighbouring point


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


def who(c: dict) -> str:
    """Who says a claim, as one key: the named entity wherever it is quoted; an anonymous source as
    one article describes it; the article itself for what it says in its own voice."""
    if c.get("source_key"):
        return c["source_key"]
    src = c["source"]
    if src.get("anonymous"):
        return f"anonymous:{c['doc']}:{(src.get('text') or '').casefold()}"
    if not src.get("text"):
        return f"document:{c['doc']}"
    return f"source:{c['doc']}:{src['text'].casefold()}"


def related_pairs(index: Index, overlap: float = OVERLAP,
                  cover: float = COVER) -> list[tuple[int, int, float, float]]:
    """(claim id, claim id, score, cover) of the pairs that state one proposition (see the docstring).
    Worked out once per index down to SAME_SOURCE_COVER, which contradictions ask for, and
    filtered for the clusters' COVER: the tests of a pair do not depend on the cover asked."""
    if cover < SAME_SOURCE_COVER:
        return _related_pairs(index, overlap, cover)
    if overlap not in index.related:
        index.related[overlap] = _related_pairs(index, overlap, SAME_SOURCE_COVER)
    return [p for p in index.related[overlap] if p[3] >= cover]


def _related_pairs(index: Index, overlap: float, cover: float) -> list[tuple[int, int, float, float]]:
    claims, props = index.claims, index.props
    out = []
    for a, b, o, c in index.close(overlap, cover):
        x, y = claims[a], claims[b]
        if x["doc"] == y["doc"] and _nested(x, y) and not _disputed_there(x, y):
            continue
        if not same_predicate(x.get("predicate"), y.get("predicate")) and not (
                (light(x.get("predicate")) or light(y.get("predicate"))) and o >= LIGHT_OVERLAP and c >= LIGHT_COVER):
            continue
        if names_clash(props[a], props[b]):
            continue
        if concepts_shared(props[a], props[b]) < MIN_SHARED:
            continue  # "she'd never talk to me" and "the pope's talk about a new creation": one word is no proposition
        if not _more_than_actors(props[a], props[b], x, y):
            continue  # "Brown was bull-rushing Wilson", "it was Wilson who was the aggressor": who, not what
        out.append((x["id"], y["id"], round((o + c) / 2, 3), c))
    return out


_FIGURE = re.compile(r"\d+(?:[,.]\d+)*")


def _beyond_names(a, b) -> set[str]:
    """The words two propositions share besides their actors' names and entity stand-ins."""
    return {w for w in (a.words & b.words) - a.names - b.names if w[:1] != "@"}


def _more_than_actors(a, b, x: dict, y: dict) -> bool:
    """Whether two propositions share a word besides the names of their actors: what happened, or
    to what. Two claims that share only who they are about state two things. Where a predicate
    is a light verb, its own word is not enough either: "Lin made $52,000" and "what he saw made it
    clear that ..." share "made"; "has had an affair with the sister" and "had been having an
    affair with her sister" share what was had; "he made $72 million" and "he did not make $72
    million" share a figure."""
    p, q = x.get("predicate"), y.get("predicate")
    shared = _beyond_names(a, b)
    if light(p) or light(q):
        if set(_FIGURE.findall(x["text"])) & set(_FIGURE.findall(y["text"])):
            return True
        shared -= {stem(v) for v in (p, q) if v} | {w for w in shared if w[:1] == "#"}
    return bool(shared)


def _specific_pairs(index: Index, taken: set[tuple[int, int]]) -> list[tuple[int, int, float]]:
    """A denial and an account, told by one article from two sources, that say the same specific
    thing happened to the same actor in other words: "she was not married to the Islamist leader"
    against "she is believed to have married al-Baghdadi", "had captured the wife" against "had
    detained the wife". Both predicates name an event (not a copula, not a verb of saying) of one
    kind, an entity is named in both, and they share a smaller part of their words
    (SPECIFIC_OVERLAP, SPECIFIC_COVER) than `related_pairs` asks. Within one article: an article
    that sets two sources' words on one event side by side reports their dispute. Across articles
    only when the denial says so in so many words (`_explicit`: "the suggestion that individuals
    with ties to ISIL have been apprehended is categorically false" against "four ISIS members
    were apprehended"): pairs this loose with any "not" were mostly about different things (on
    FNC-1 tune stories, "you entered a coalition" against "militants are not entering the U.S.").
    For denials only: two accounts this loosely related are not one proposition to corroborate."""
    claims, props = index.claims, index.props
    out = []
    for a, b, o, c in index.close(SPECIFIC_OVERLAP, SPECIFIC_COVER):
        x, y = claims[a], claims[b]
        if (x["id"], y["id"]) in taken or x["polarity"] == y["polarity"] \
                or (x["doc"] == y["doc"] and _nested(x, y)):
            continue
        if x["doc"] != y["doc"] and not (_explicit((x, y)[x["polarity"] == "positive"])
                                         and _plain_shared(props[a], props[b])):
            continue
        px, py = x.get("predicate"), y.get("predicate")
        if not (_specific(px, x["text"]) and _specific(py, y["text"]) and same_predicate(px, py)) \
                or names_clash(props[a], props[b]) or not share_entity(props[a], props[b]):
            continue
        out.append((x["id"], y["id"], round((o + c) / 2, 3)))
    return out


def _plain_shared(a, b) -> bool:
    """Whether two propositions name one person, or share two words besides the names and
    stand-ins of their actors and kinds of event: across articles, one organisation and one kind
    of event ("Rosenberg was captured by Islamic State group", "fighters with the Islamic State
    group have been caught crossing the border") are two stories' words; "apprehended at the
    Mexican border" and "have been apprehended at the Southwest border" share more."""
    if a.entities and b.entities and a.entities.get("PERSON", set()) & b.entities.get("PERSON", set()):
        return True
    return sum(w[:1] != "#" for w in _beyond_names(a, b)) >= 2


def _explicit(denial: dict) -> bool:
    """A denial in so many words: a verb of denying in its cue, its own words call the thing
    false ("the suggestion that ... have been apprehended is categorically false"), or it sets
    itself against what was reported ("contrary to reports, she has not been captured")."""
    return bool(_DISPUTING.search(denial.get("cue") or "")) or _says_false(denial["text"]) \
        or bool(_AGAINST_REPORTS.search(denial["text"] or ""))


# "contrary to reports", "despite earlier claims": a denial that names what it denies as a report
# (English usage; the case that showed the need was an FNC-1 dev story)
_AGAINST_REPORTS = re.compile(r"\b(?:contrary to|despite|unlike|in contrast to)\s+(?:the\s+|some\s+|earlier\s+|"
                              r"media\s+|widespread\s+|previous\s+|initial\s+)*(?:reports?|claims?|rumou?rs?|"
                              r"speculation|accounts?)\b", re.IGNORECASE)


def _says_false(text: str | None) -> bool:
    """Whether `text` holds a word by which news calls a report false (vocabulary.VERDICT_WORDS)."""
    return any(w in VERDICT_WORDS for w in re.findall(r"[a-z]+", (text or "").lower()))


def _answers(neg: dict, pos: dict) -> bool:
    """Whether the negative claim `neg` can deny the account `pos` at all: it states something
    (not silence, not an open question), its source asserts it (a "not" in "asked people not to
    message her" is no denial), it says what is or was, not what must or can be ("the council cannot
    vote on the contract while ..." does not deny that it voted), and the account's own article
    does not call its source false."""
    return not (_silence(neg) or _undecided(neg) or neg["certainty"] == "unknown" or _prescribes(neg)
                or _discredited(pos))


# A negated modal of obligation or ability before a plain verb: what must not or cannot be done
# ("should not vote", "cannot vote"), not a denial; "cannot have crossed" denies (a grammar rule).
_PRESCRIBING = re.compile(r"\b(?:cannot|can\s+not|can['\u2019]t|should\s+not|shouldn['\u2019]t|must\s+not|"
                          r"mustn['\u2019]t|ought\s+not\s+to)\s+(?!have\b|be\s+\w+ed\b)[a-z]+", re.IGNORECASE)


def _prescribes(c: dict) -> bool:
    return bool(_PRESCRIBING.search(c["text"]))


def _specific(predicate: str | None, text: str) -> bool:
    """A predicate that names an event: not a copula or a verb of saying, and when the claim
    names it as a noun (the subject of "took place", "was"), a noun of an event ("the meeting took
    place", not "the rumor took shape" or "the source of the claim was ...")."""
    if not predicate or light(predicate) or predicate in _SAYING or EVENT_TYPES.get(predicate) in REPORTING_KINDS:
        return False
    as_noun = re.search(rf"\b(?:the|a|an|its|his|her|their|this|that)\s+{re.escape(predicate)}", text, re.IGNORECASE)
    return not as_noun or predicate in EVENT_TYPES or predicate.endswith(_NOMINAL)


# Suffixes English forms nouns of events with ("election", "explosion", "agreement", "shooting",
# "closure", "removal"); a grammar list.
_NOMINAL = ("tion", "sion", "ment", "ing", "ure", "val", "sal")


# The commonest reporting and thinking verbs of English grammars, and the verbs of publishing: a
# claim whose own predicate is one of them ("officials have not said ...", "it was posted on the
# site") tells of saying, not of what happened.
_SAYING = frozenset("""say tell add claim state report announce deny insist confirm write note argue explain
suggest believe think know show reveal describe call ask post publish tweet print broadcast circulate""".split())
SPECIFIC_OVERLAP, SPECIFIC_COVER = 0.3, 0.1


def same_actors(a, b, score: float, cover: float) -> bool:
    """Two sources set against each other must be talking about the same actors: the claims name
    an entity in common, or, where one names none, they share most of their words."""
    if a.entities is None or b.entities is None:
        shared = bool(a.names & b.names)
    else:
        shared = share_entity(a, b)
    return shared or (score >= ANONYMOUS_SCORE and cover >= ANONYMOUS_COVER)


ANONYMOUS_SCORE = 0.6  # claims that name no actor in common must be this close to set against each other
ANONYMOUS_COVER = 0.3


def find_contradictions(claims: list[dict], events: list[dict], index: Index | None = None,
                        vectors=None) -> list[Found]:
    """Claims are dicts as Story.claims() gives them, with `source_key` (the entity, when named) and
    `source_text` (how to name the source); events as Story.events() gives them. `vectors` (one
    row per claim, judge/meaning.py) lets denials meet the accounts they answer by meaning."""
    from storyline.judge.meaning import meaning_pairs, told_both
    index = index or Index(claims)
    by_id = {c["id"]: c for c in claims}
    pos = {c["id"]: k for k, c in enumerate(claims)}
    loose = related_pairs(index, cover=SAME_SOURCE_COVER)  # with (score, cover)
    pairs = [(a, b, score) for a, b, score, cover in loose if cover >= COVER
             and same_actors(index.props[pos[a]], index.props[pos[b]], score, cover)]
    found = _position_changes([(a, b, score) for a, b, score, _ in loose], by_id)
    at_home = told_both(claims, vectors)
    found += _denials(pairs + _specific_pairs(index, {(a, b) for a, b, _ in pairs}), by_id,
                      meaning_pairs(claims, index, vectors) if vectors is not None else [], at_home)
    found += _debunked(index, {f.sides[0] for f in found if f.kind == "polarity"})
    found += _certainty(pairs, by_id)
    found += _numbers(pairs, by_id, index, pos)
    found += _date_conflicts(events)
    return found


def _position_changes(pairs, by_id) -> list[Found]:
    """One per source and proposition (the source's claims that the index relates, taken
    together): from its statements up to the first day it says otherwise, to that day's."""
    same = Groups()
    for a, b, _ in pairs:
        x, y = by_id[a], by_id[b]
        if who(x) == who(y) and x.get("source_key") and x["said_on"] and y["said_on"] \
                and not (_declines(x) or _declines(y)):
            same.parent.setdefault(a, a)
            same.parent.setdefault(b, b)
            same.join(a, b)
    found = []
    for members in same.sets():
        items = sorted((by_id[i] for i in members), key=lambda c: (c["said_on"], c["id"]))
        first_day = items[0]["said_on"]
        view = {(c["polarity"], c["certainty"]) for c in items if c["said_on"] == first_day}
        later = next((c for c in items if c["said_on"] != first_day
                      and (c["polarity"], c["certainty"]) not in view), None)
        if later is None:
            continue
        earlier = [c for c in items if c["said_on"] < later["said_on"]
                   and (c["polarity"], c["certainty"]) != (later["polarity"], later["certainty"])]
        if not earlier:
            continue
        first = earlier[0]
        found.append(Found("position_change", (tuple(c["id"] for c in earlier), (later["id"],)),
                           f"{first['source_text']} {_stance(first)} \u201c{_clip(first['text'])}\u201d "
                           f"on {words(first['said_on'])}, then {_stance(later)} "
                           f"\u201c{_clip(later['text'])}\u201d on {words(later['said_on'])}.",
                           "rule:position_change"))
    return found


def _denials(pairs, by_id, meant=(), at_home: set[int] = frozenset()) -> list[Found]:
    """Each source's denials of one proposition against the accounts of the other sources they
    answer, as one contradiction (see the module docstring for the evidence). `meant`: the
    denials judge/meaning.py found by meaning (MeaningPair); `at_home`: accounts whose own
    article tells a denial of them, which another article's denial does not answer (that
    article's dispute is the one to report)."""
    answers: dict[int, list[tuple[float, dict]]] = defaultdict(list)  # denial -> accounts it answers
    related: dict[int, set[int]] = defaultdict(set)
    by_model: set[tuple[int, int]] = set()
    for m in meant:
        neg, pos = by_id[m.denial], by_id[m.account]
        if not _answers(neg, pos) or (pos["doc"] != neg["doc"] and pos["id"] in at_home):
            continue
        answers[m.denial].append((m.score, pos))
        by_model.add((m.denial, m.account))
        related[m.denial].add(m.account)
        related[m.account].add(m.denial)
    for a, b, score in pairs:
        x, y = by_id[a], by_id[b]
        related[a].add(b)
        related[b].add(a)
        if x["polarity"] == y["polarity"] or who(x) == who(y):
            continue
        neg, pos = (x, y) if x["polarity"] == "negative" else (y, x)
        if not _answers(neg, pos) or pos["certainty"] != "certain":
            continue  # a hedged account ("reportedly", "may have") is no account to deny
        if _unseen_difference(neg, pos) or not _in_scope(neg, pos):
            continue
        if pos["doc"] != neg["doc"] and pos["id"] in at_home:
            continue
        answers[neg["id"]].append((score, pos))
    # One source's denials of one thing: they answer one account, or state one proposition.
    groups = Groups(answers)
    for n in answers:
        for m in related[n]:
            if m in answers and who(by_id[m]) == who(by_id[n]):
                groups.join(n, m)
    first_answer: dict[int, int] = {}
    for n, items in answers.items():
        for _, p in items:
            if p["id"] in first_answer and who(by_id[first_answer[p["id"]]]) == who(by_id[n]):
                groups.join(n, first_answer[p["id"]])
            first_answer.setdefault(p["id"], n)
    for n, items in answers.items():  # ... or answer accounts of one proposition
        for _, p in items:
            for q in related[p["id"]]:
                m = first_answer.get(q)
                if m is not None and m != n and who(by_id[m]) == who(by_id[n]):
                    groups.join(n, m)
    found = []
    relayed = _relayed(list(by_id.values())) if groups.parent else set()
    for members in groups.sets():
        negs = [by_id[n] for n in sorted(members)]
        scored = {}
        for n in members:
            for score, p in answers[n]:
                scored[p["id"]] = max(score, scored.get(p["id"], 0.0))
        ruled = any((n, p["id"]) not in by_model for n in members for _, p in answers[n])
        poss = [by_id[p] for p in scored]
        pos_side = _representatives(poss, {n["doc"] for n in negs}, scored, relayed)
        neg_side = _representatives(negs, {p["doc"] for p in pos_side}, {}, relayed)
        lead = max(pos_side, key=lambda p: scored[p["id"]])
        neg = neg_side[0]
        others = len(pos_side) - 1
        sayer, denier = (lead, neg)
        if _disputed_there(lead, neg) and _DISPUTING.search(lead.get("cue") or ""):
            sayer, denier = neg, lead  # "P - a point officials dispute": P was said, then disputed
        found.append(Found("polarity", (tuple(p["id"] for p in pos_side), tuple(n["id"] for n in neg_side)),
                           f"{sayer['source_text'] or 'The article'} said \u201c{_clip(sayer['text'])}\u201d{_on(sayer)}"
                           + (f" (and {others} other source{'s' if others > 1 else ''})" if others else "")
                           + f"; {denier['source_text'] or 'another article'} "
                           f"{'disputed' if denier is lead else 'denied'} it{_on(denier)}.",
                           "rule:polarity" if ruled else "rule:meaning", round(max(scored.values()), 3)))
    return found


COPY_OVERLAP, COPY_COVER = 0.8, 0.6  # a debunking article quoting the story it debunks: nearly its words


def _verdict(c: dict) -> bool:
    """A sentence in which the article itself calls a report false (analyse/own_voice.py)."""
    return c.get("quote") == "none" and c.get("predicate") == "debunk"


def _debunked(index: Index, taken: set) -> list[Found]:
    """A story one article tells as true and another article debunks while quoting it: the
    debunking article (one with a verdict of its own: "The piece was published on Empire
    News, a satirical news website") holds a copy of another article's account, nearly word for
    word ("Kurt Sutter ... has announced plans to turn the popular television series into a major
    motion picture", attributed to the hoax it quotes). The account, told as certain by an
    article that calls nothing false and says no "not", is set against the debunking article's
    verdict that shares most words with the accounts or points at the story (`_denial_of`). One
    contradiction per debunking article, with every account it answers. Thresholds and choices
    were set on the FNC-1 tune stories (scripts/fnc1_tune_stories.py)."""
    claims, props = index.claims, index.props
    verdicts: dict[str, list[dict]] = defaultdict(list)
    doubting: set[str] = set()
    for c in claims:
        if _verdict(c):
            verdicts[c["doc"]].append(c)
        if _verdict(c) or _discredited(c):
            doubting.add(c["doc"])
    if not verdicts:
        return []
    answered: dict[str, dict[int, float]] = defaultdict(dict)
    for a, b, o, c in index.close(COPY_OVERLAP, COPY_COVER):
        for copy, account in ((claims[a], claims[b]), (claims[b], claims[a])):
            if copy["doc"] in verdicts and account["doc"] not in doubting and copy["polarity"] == "positive" \
                    and account["polarity"] == "positive" and account["certainty"] == "certain" \
                    and copy.get("quote") != "none" and not names_clash(props[a], props[b]) \
                    and not _markers(account["text"]) and not _DISPUTING.search(account["text"]):
                score = round((o + c) / 2, 3)
                answered[copy["doc"]][account["id"]] = max(score, answered[copy["doc"]].get(account["id"], 0.0))
    by_id = {c["id"]: c for c in claims}
    found = []
    for doc, scored in answered.items():
        accounts = tuple(sorted(scored))
        if accounts in taken:
            continue
        lead = by_id[max(scored, key=scored.get)]
        denial = _denial_of(doc, claims, verdicts[doc], [by_id[k] for k in accounts])
        if denial is None:
            continue
        others = len({by_id[k]["doc"] for k in accounts}) - 1
        found.append(Found("polarity", (accounts, (denial["id"],)),
                           f"{lead['source_text'] or 'An article'} said \u201c{_clip(lead['text'])}\u201d{_on(lead)}"
                           + (f" (and {others} other article{'s' if others > 1 else ''})" if others else "")
                           + f"; another article quotes it and calls it false: \u201c{_clip(denial['text'])}\u201d"
                           f"{_on(denial)}.", "rule:debunked", max(scored.values())))
    return found


def _denial_of(doc: str, claims: list[dict], verdicts: list[dict], accounts: list[dict]) -> dict | None:
    """The sentence by which a debunking article denies the accounts it quotes: of its verdicts
    (its lead among them when the lead calls the story false), the one sharing most words with the
    accounts, at least two, or else one that points at the story ("the story is a hoax", "this is
    not true"); None when it has none (its verdict is about something else)."""
    told = set().union(*(content_words(a["text"]) for a in accounts))
    best, best_key = None, None
    for c in verdicts:
        shared = len(content_words(c["text"]) & told)
        if shared < 2 and not _POINTING.search(c["text"]):
            continue
        key = (shared, c["start"] * -1)
        if best_key is None or key > best_key:
            best, best_key = c, key
    return best


# A verdict that points at what it calls false rather than saying it again.
_POINTING = re.compile(r"\b(?:the|this|that|these|such|its)\s+(?:stor(?:y|ies)|reports?|articles?|claims?|"
                       r"rumou?rs?|news|piece|posts?|videos?|photos?|pictures?|images?|footage|quotes?|"
                       r"sites?|websites?|hoax)\b|^\s*(?:it|this|that)(?:'s|\s+is|\s+was)\b|^\s*(?:false|fake|"
                       r"untrue|not true)\b", re.IGNORECASE)


def _side_key(c: dict) -> str:
    """Who stands behind a claim, for choosing one claim per source on a side: anonymous sources
    that articles describe by the same last word ("officials", "sources") are taken as one."""
    if c["source"].get("anonymous"):
        words = (c["source"].get("text") or "").casefold().split()
        return f"anonymous:{words[-1] if words else ''}"
    return who(c)


def _relayed(claims: list[dict]) -> set[int]:
    """Claims an article tells as another outlet's report: an outlet's own claim ("the Herald
    reported P") and the claims inside it ("As first reported by the Herald, two officials said P"),
    found as corroboration finds relays."""
    from storyline.judge.corroboration import _relays  # corroboration imports this module
    return {c["id"] for c in claims if c["source"].get("kind") == "outlet"} | set(_relays(claims, {}, {}))


def _representatives(claims: list[dict], near: set[str], scored: dict[int, float],
                     relayed: set[int] = frozenset()) -> list[dict]:
    """One claim per source: one that says what it denies rather than only points back ("denied
    it"), told first-hand rather than as another outlet's report (`relayed`), in an article that
    also tells the other side when there is one (the article reports the dispute), else the
    closest (or first) one."""
    from storyline.judge.meaning import anaphoric
    best: dict[str, dict] = {}
    for c in sorted(claims, key=lambda c: (anaphoric(c), c["id"] in relayed, c["doc"] not in near,
                                           -scored.get(c["id"], 0.0), c["id"])):
        best.setdefault(_side_key(c), c)
    return sorted(best.values(), key=lambda c: c["id"])


def _certainty(pairs, by_id) -> list[Found]:
    found, done = [], set()
    for a, b, score in sorted(pairs, key=lambda t: -t[2]):
        x, y = by_id[a], by_id[b]
        if score < SURE or who(x) == who(y) or x["polarity"] != "positive" or y["polarity"] != "positive":
            continue
        sure, doubt = (x, y) if x["certainty"] == "certain" else (y, x)
        if sure["certainty"] != "certain" or doubt["certainty"] not in {"possible", "unknown"} or _silence(doubt):
            continue
        if sure["id"] in done or doubt["id"] in done:
            continue
        done |= {sure["id"], doubt["id"]}
        found.append(Found("certainty", ((sure["id"],), (doubt["id"],)),
                           f"{sure['source_text'] or 'The article'} states \u201c{_clip(sure['text'])}\u201d"
                           f"{_on(sure)} as fact; {doubt['source_text'] or 'another source'} calls it "
                           f"{'only possible' if doubt['certainty'] == 'possible' else 'unknown'}{_on(doubt)}.",
                           "rule:certainty", score))
    return found


def _numbers(pairs, by_id, index: Index, pos: dict[int, int]) -> list[Found]:
    found, done = [], set()
    for a, b, score in pairs:
        x, y = by_id[a], by_id[b]
        if x["polarity"] != y["polarity"] or frozenset((who(x), who(y), x["doc"])) in done:
            continue
        pa, pb = index.props[pos[a]], index.props[pos[b]]
        clash = numbers_clash(pa, pb)
        # one count each, said as a count: "six shots followed by four more" is no count of shots
        if not clash or len(pa.numbers) != 1 or len(pb.numbers) != 1 or _approximate(x) or _approximate(y):
            continue
        done.add(frozenset((who(x), who(y), x["doc"])))
        unit, n1, n2 = clash[0]
        found.append(Found("number", ((x["id"],), (y["id"],)),
                           f"{x['source_text'] or 'One article'} gives {_num(n1)} ({unit}) "
                           f"\u201c{_clip(x['text'])}\u201d; {y['source_text'] or 'another'} gives {_num(n2)}: "
                           f"\u201c{_clip(y['text'])}\u201d.", "rule:number", score))
    return found


_APPROXIMATE = re.compile(r"\b(?:over|more than|less than|fewer than|at least|at most|about|around|nearly|almost|"
                          r"up to|some|roughly|approximately|dozens|hundreds|thousands)\s+\d", re.IGNORECASE)


def _approximate(c: dict) -> bool:
    return bool(_APPROXIMATE.search(c["text"]))


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


_UNDECIDED = re.compile(r"\b(?:not|n['\u2019]t)\s+(?:clear|known|certain|sure|yet\s+clear|confirmed)\b"
                        r"|\b(?:do|does|did)\s*(?:not|n['\u2019]t)\s+(?:know|remember|recall)\b", re.IGNORECASE)


def _discredited(c: dict) -> bool:
    """An account the article itself attributes to a source it calls false ("the bogus story",
    "a fake MSNBC site"): the article reports it as untrue, it does not give it as an account."""
    return _says_false(c["source"].get("text"))


def _undecided(c: dict) -> bool:
    """"it was not clear whether ...", "it is not known if ...", "I don't know what to say": no
    denial, an open question or a source's not knowing."""
    return bool(_UNDECIDED.search(c["text"]))


_SILENCE = re.compile(r"\b(?:not|n't|never|no)\b", re.IGNORECASE)


def _silence(c: dict) -> bool:
    """"has not said whether ...", "did not respond to ...": no statement, so no denial or doubt;
    so too a content that says its source is not speaking ("the office is not commenting due to an
    ongoing investigation")."""
    return bool(_SILENCE.search(c.get("cue") or "")) or \
        bool(re.match(r"(?:whether|if|when|how|what|which|who)\b", c["text"].strip(), re.IGNORECASE)) or \
        (c["polarity"] == "negative" and c.get("predicate") in _NOT_SPEAKING)


# Verbs of speaking up at all (English grammar, no data): "not commenting", "would not elaborate".
# Not "confirm" or "verify": "could not confirm the reports" is doubt about them.
_NOT_SPEAKING = frozenset({"comment", "respond", "reply", "elaborate", "speculate", "answer", "disclose",
                           "specify"})
# ("could not confirm" is doubt, a position of its own: not here)
_DECLINING = re.compile(r"\b(?:(?:would|will|did|does|do)\s*(?:not|n['\u2019]t)|declined\s+to|refused\s+to)\s+"
                        r"(?:discuss|confirm|" + "|".join(sorted(_NOT_SPEAKING)) + r")\b", re.IGNORECASE)


def _declines(c: dict) -> bool:
    """A claim that tells of its source declining to speak ("the minister meets many people and
    would not discuss her private engagements"): it takes no position to change from."""
    return bool(_DECLINING.search(c["text"]))


def _clip(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


def _on(c: dict) -> str:
    return f" ({words(c['said_on'])})" if c.get("said_on") else ""


def _stance(c: dict) -> str:
    if c["polarity"] == "negative":
        return "denied"
    return {"certain": "affirmed", "probable": "called probable", "possible": "called possible"}.get(
        c["certainty"], "was unsure whether")


_NEGATING = frozenset("""not n't no never nobody none nothing neither nor without cannot nowhere""".split()) \
    | VERDICT_WORDS | {"wrong", "incorrect", "inaccurate"}


def _markers(text: str) -> list[str]:
    words = re.findall(r"[a-z]*n't|[a-z]+", text.casefold().replace("\u2019", "'"))
    return sorted(w if w in _NEGATING else "n't" for w in words if w in _NEGATING or w.endswith("n't"))


def _unseen_difference(neg: dict, pos: dict) -> bool:
    """The two claims' polarities differ, but nothing in their words or cues says so: the same
    words of negation (and of calling something false) on both sides, and no verb of denial.
    The difference then comes from where the analysis drew the content's edges ("We have never
    been prouder," his mother wrote: rooted at "wrote"), not from what was said."""
    if _DISPUTING.search(neg.get("cue") or "") or _DISPUTING.search(pos.get("cue") or ""):
        return False
    said = _markers(neg["text"])  # none: the denial is in the answer or the cue ("Asked whether P, she said no")
    return bool(said) and said == _markers(pos["text"])


_DISPUTING = re.compile(r"\b(?:disput|deni|deny|reject|contest|challeng|refut|rebut|dismiss)", re.IGNORECASE)


def _in_scope(neg: dict, pos: dict) -> bool:
    """What the denial says is not so is what the account says is: when the two were paired by
    their words alone (a predicate that only states an attribute, "be", "have", on one side), the
    first content word the denial's "not" governs must be in the account. "Al-Dulaimi,
    an Iraqi who traveled to Syria, is not al-Baghdadi's wife" does not answer "the woman is Saja
    al-Dulaimi, an Iraqi who traveled to Syria"; "eggnog is not ideal for the lungs" does not answer
    "he had eggnog in his lungs"; "she is not his wife" answers "she is Baghdadi's wife". A denial
    with no word of negation in its text (the cue denies: "she denied meeting him") is not tested."""
    if not (light(neg.get("predicate")) or light(pos.get("predicate"))):
        return True  # a verb on both sides (or none known): the predicates decide ("did not sell", "sold")
    m = _NEGATION.search(neg["text"].replace("\u2019", "'"))
    if m is None:
        return True
    window = re.split(r"[,;:.!?()\u2013\u2014\"]| - ", neg["text"][m.end():], maxsplit=1)[0]
    for w in _WORD_RE.findall(window.replace("\u2019", "'")):
        w = re.sub(r"'s?$", "", w.lower())
        if w in STOP_WORDS or len(w) <= 2 or w in _NOT_THE_POINT:
            continue
        return bool(content_words(w) & content_words(re.sub(r"['\u2019]s\b", "", pos["text"])))
    return True


_NEGATION = re.compile(r"\b(?:not|never|no|nowhere|nobody|nothing|none)\b|n't\b", re.IGNORECASE)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")
# Words between a negation and what it negates that say how much, not what ("no longer", "not
# even", "not only"): grammar words.
_NOT_THE_POINT = frozenset("longer even only just really quite very much more any".split())


def _disputed_there(a: dict, b: dict) -> bool:
    """One passage that one source says and another disputes ("P - a point that officials
    dispute", "P, a claim the unions deny"): the same words, two sources, two polarities."""
    return (a["start"], a["end"]) == (b["start"], b["end"]) and a["polarity"] != b["polarity"] and who(a) != who(b)


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
        told = " and ".join(f"{words(d)} in {len(by_day[d])} article{'s' if len(by_day[d]) > 1 else ''}"
                            for d in days)
        first = tuple(sorted(e["id"] for e in members if e["when"] == days[0]))
        rest = tuple(sorted(e["id"] for e in members if e["when"] != days[0]))
        found.append(Found("date", (first, rest), f"The same {members[0]['type']} is dated {told}.",
                           "rule:date", on_events=True))
    return found

