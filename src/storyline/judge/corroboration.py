"""Corroboration with independence, and how a claim travelled between outlets.

Claims are grouped into clusters of one proposition (the same test as contradictions: shared
content words and an agreeing predicate), whatever their polarity. For each cluster:

  - articles and outlets that assert it, with near-duplicate texts (wire copies, syndication:
    MinHash over word shingles, banded so the cost stays near-linear) counted once;
  - its independent underlying sources: a named person or organisation is one source wherever
    quoted; the same words (five or more, or a run of ten), word for word, are one source however each article
    names their speaker, and whether it names one at all; the anonymous sources of one outlet on
    one proposition are one group; an article that cites another outlet ("the Herald reported") adds nothing when that outlet's own
    report is in the corpus, and counts the outlet as one source when it is not. Anonymous
    groups of different outlets are counted apart but flagged as possibly the same people; those
    of articles whose outlet is unknown may be anyone's, and count as a source described only;
  - propagation: the first article to assert it, the order in which outlets picked it up, and
    the citation edges (who credits whom).
"""
from __future__ import annotations

import hashlib
import re
from urllib.parse import urlsplit
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from storyline.vocabulary import EVENT_TYPES, VERDICT_WORDS
from storyline.groups import Groups
from storyline.judge.contradictions import related_pairs, same_actors
from storyline.judge.propositions import Index, content_words, numbers_clash, same_predicate
from storyline.vocabulary import stem as _stem

__all__ = ["cluster_claims", "near_duplicates", "corroboration", "Cluster", "stances", "outlet_name", "apart"]

_SHINGLE = 5
_PERMUTATIONS = 64
_BANDS = 16  # 16 bands of 4 rows: pairs above ~0.7 Jaccard meet in some band with high probability
_SAME_TEXT = 0.8


@dataclass
class Cluster:
    id: int
    proposition: str
    claims: list[int]
    asserting: list[int] = field(default_factory=list)
    denying: list[int] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    distinct_articles: int = 0
    outlets: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    independent_sources: int = 0
    possibly_same: list[list[str]] = field(default_factory=list)
    first: str | None = None
    pickup: list[dict] = field(default_factory=list)
    citations: list[dict] = field(default_factory=list)
    copies: list[dict] = field(default_factory=list)  # near-duplicate articles and the one each copies

    @property
    def corroborated(self) -> bool:
        return self.independent_sources >= 2

    def as_dict(self) -> dict:
        return {"id": self.id, "proposition": self.proposition, "claims": self.claims,
                "asserting": self.asserting, "denying": self.denying, "articles": self.articles,
                "distinct_articles": self.distinct_articles, "outlets": self.outlets, "sources": self.sources,
                "independent_sources": self.independent_sources, "possibly_same": self.possibly_same,
                "corroborated": self.corroborated, "first": self.first, "pickup": self.pickup,
                "citations": self.citations, "copies": self.copies}


def cluster_claims(claims: list[dict], index: Index | None = None) -> list[list[dict]]:
    """Claims of one proposition together, whatever their polarity: the union of the pairs the
    proposition index finds related (judge/contradictions.related_pairs), except pairs that give
    different numbers for one thing (nor, through a third claim, groups that do), and pairs from
    articles of two topics (a claim's `topic`,
    judge/run.py). A short claim that only names an event ("Kova acknowledged the dinner") joins
    the largest group telling that event; it joins, but links no groups."""
    index = index or Index(claims)
    pos = {c["id"]: k for k, c in enumerate(claims)}
    topic = {c["id"]: c.get("topic") for c in claims}
    sets = Groups(c["id"] for c in claims)
    # the counts each group gives (counted word -> the numbers): a claim that gives none must not
    # join two that give different counts ("They caught them at the border" between "four
    # suspects were captured" and "10 suspects had been caught")
    counts: dict[int, dict[str, set]] = {}
    for c in claims:
        given = {u: {v} for u, v in index.props[pos[c["id"]]].numbers.items() if v == v}
        if given:
            counts[c["id"]] = given
    for a, b, score, cover in related_pairs(index):
        if apart(topic[a], topic[b]):
            continue  # two stories of one store ("his name in the snow" is not "my English name")
        pa, pb = index.props[pos[a]], index.props[pos[b]]
        # both name someone or somewhere: one of them in common, unless they share most of their
        # words ("Wilson opened fire" is not "a gunman opened fire at Canada's National War Memorial")
        strangers = _names_someone(pa) and _names_someone(pb) and not same_actors(pa, pb, score, cover)
        if numbers_clash(pa, pb) or strangers:
            continue
        ra, rb = sets.root(a), sets.root(b)
        if ra == rb:
            continue
        ca, cb = counts.get(ra), counts.get(rb)
        if ca and cb and any(ca[u].isdisjoint(cb[u]) for u in ca.keys() & cb.keys()):
            continue
        sets.join(a, b)
        if ca or cb:
            merged = {u: set(v) for u, v in (ca or {}).items()}
            for u, v in (cb or {}).items():
                merged.setdefault(u, set()).update(v)
            counts.pop(ra, None)
            counts.pop(rb, None)
            counts[sets.root(a)] = merged
    # the same words are the same proposition, however common they are in the corpus (in a small
    # one every word is common, and the index weighs shared words by their rarity), within a story
    same_words: dict[tuple, int] = {}
    for c in claims:
        key = _words(c)
        if key:
            sets.join(same_words.setdefault((key, c.get("topic")), c["id"]), c["id"])
    root = sets.root
    groups: dict[int, list[dict]] = defaultdict(list)
    for c in claims:
        groups[root(c["id"])].append(c)
    words = {c["id"]: index.props[pos[c["id"]]].words for c in claims}
    by_event_word: dict[str, list[int]] = defaultdict(list)
    for r, g in groups.items():
        if len(g) > 1:
            for w in {w for c in g for w in words[c["id"]]}:
                by_event_word[w].append(r)
    # each group's distinct predicates: a short claim is tested against each once, not per claim
    predicates = {r: {c.get("predicate") for c in g} for r, g in groups.items() if len(g) > 1}
    for c in claims:
        group = groups.get(root(c["id"]))
        if group is None or len(group) != 1 or not _names_event(c, words):
            continue
        homes = [r for r in by_event_word.get(_stem(c["predicate"]), ())
                 if r != root(c["id"]) and not apart(c.get("topic"), groups[r][0].get("topic"))
                 and any(same_predicate(c["predicate"], p) for p in predicates[r])]
        if homes:
            home = max(homes, key=lambda r: len(groups[r]))
            groups[home].append(c)
            predicates[home].add(c.get("predicate"))
            del groups[root(c["id"])]
    return sorted(groups.values(), key=lambda g: min(c["id"] for c in g))


def apart(a, b) -> bool:
    """Whether two articles' topics (judge/run.py `_topics`) are known and differ."""
    return a is not None and b is not None and a != b


def _names_someone(p) -> bool:
    return bool(p.entities) and any(p.entities.values())


def _names_event(a: dict, words: dict) -> bool:
    """"Kova acknowledged the dinner": a short claim whose predicate is an event noun it names."""
    pred = a.get("predicate")
    plain = {w for w in words[a["id"]] if w[:1] not in "#@"}  # the words, not their stand-ins
    if not (pred in EVENT_TYPES and _stem(pred) in plain and len(plain) <= 3):
        return False
    # named as a noun ("the dinner"), not a verb of that kind ("You can call me Easy")
    return bool(re.search(rf"\b(?:the|a|an|its|his|her|their|this|that)\s+(?:\w+\s+)?{re.escape(pred)}",
                          a["text"], re.IGNORECASE))


def _nested(a: dict, b: dict) -> bool:
    return a["start"] <= b["start"] < a["end"] or b["start"] <= a["start"] < b["end"]


def near_duplicates(texts: dict[str, str]) -> dict[str, str]:
    """doc id -> the id of the first document of its near-duplicate group (itself when unique)."""
    shingles = {doc: _shingles(text) for doc, text in texts.items()}
    signatures = {doc: _minhash(sh) for doc, sh in shingles.items()}
    same = Groups(texts)
    root = same.root
    rows = _PERMUTATIONS // _BANDS
    for band in range(_BANDS):
        buckets: dict[tuple, list[str]] = defaultdict(list)
        for doc, sig in signatures.items():
            if sig:
                buckets[tuple(sig[band * rows:(band + 1) * rows])].append(doc)
        for docs in buckets.values():
            for other in docs[1:]:
                a, b = shingles[docs[0]], shingles[other]
                if len(a & b) / max(1, len(a | b)) >= _SAME_TEXT:
                    same.join(docs[0], other)
    firsts: dict[str, str] = {}
    for doc in sorted(texts):
        firsts.setdefault(root(doc), doc)
    return {doc: firsts[root(doc)] for doc in texts}


def _shingles(text: str) -> set[int]:
    """The text's runs of _SHINGLE words, each as a stable 64-bit hash."""
    words = re.findall(r"\w+", text.lower())
    return {int.from_bytes(hashlib.blake2b(" ".join(words[i:i + _SHINGLE]).encode(), digest_size=8).digest(), "big")
            for i in range(max(0, len(words) - _SHINGLE + 1))}


def _minhash(shingles: set[int]) -> list[int]:
    """One minimum per seed of the shingles' hashes mixed with that seed (64-bit arithmetic that
    wraps, as numpy's unsigned integers do), computed for all seeds at once."""
    if not shingles:
        return []
    values = np.fromiter(shingles, dtype=np.uint64, count=len(shingles))
    with np.errstate(over="ignore"):
        mixed = (values[None, :] ^ _SEEDS[:, None]) * np.uint64(0x9E3779B97F4A7C15)
    return mixed.min(axis=1).tolist()


_SEEDS = np.array([int.from_bytes(hashlib.blake2b(f"storyline-{i}".encode(), digest_size=8).digest(), "big")
                   for i in range(_PERMUTATIONS)], dtype=np.uint64)


def corroboration(claims: list[dict], documents: list[dict], texts: dict[str, str],
                  entity_names: dict[int, str], against: dict[int, set[int]] | None = None,
                  index: Index | None = None, copy_of: dict[str, str] | None = None) -> list[Cluster]:
    """Clusters of claims with their corroboration and propagation, most independent first.
    `against`: claim id -> the claims a contradiction sets it against; those never corroborate it.
    `copy_of`: near_duplicates(texts), when the caller has it already."""
    docs = {d["id"]: d for d in documents}
    copy_of = near_duplicates(texts) if copy_of is None else copy_of
    outlet_of = {d: outlet_name(docs[d]) for d in docs}
    relays = _relays(claims, outlet_of, entity_names)
    voices = _voices(claims)
    described_as = _descriptions(claims)
    out = []
    against = against or {}
    for group in cluster_claims(claims, index):
        # what asserts it: a clause its source is sure or fairly sure of ("did not say if P", "has
        # promised a thorough investigation" assert nothing)
        asserting = [c for c in group if c["polarity"] == "positive" and c.get("states", True)
                     and c["certainty"] != "unknown" and not _called_false(c["text"])]
        ids = {c["id"] for c in asserting}
        # two claims a contradiction sets against each other (11 dead against 16) corroborate nothing
        asserting = [c for c in asserting if not against.get(c["id"], set()) & ids]
        denying = [c for c in group if c["polarity"] == "negative"]
        first_claim = min(group, key=lambda c: (docs[c["doc"]]["published"] or "9999", c["id"]))
        cl = Cluster(id=0, proposition=first_claim["text"], claims=[c["id"] for c in group],
                     asserting=[c["id"] for c in asserting], denying=[c["id"] for c in denying])
        if asserting:
            _judge(cl, asserting, docs, copy_of, outlet_of, entity_names, relays, voices, described_as)
        out.append(cl)
    out.sort(key=lambda c: (-c.independent_sources, -len(c.articles), c.claims[0]))
    for i, cl in enumerate(out, 1):
        cl.id = i
    return out


UNKNOWN_OUTLET = "articles with no known outlet"


def outlet_name(doc: dict) -> str:
    """The outlet of a document: from its metadata (an Outlet: line, the site name, a feed), else
    the host of its URL; never its file name. Documents with neither share one name, so loose
    files of unknown origin are not counted as independent outlets."""
    if doc.get("outlet"):
        return doc["outlet"]
    host = urlsplit(doc.get("url") or "").hostname if doc.get("url") else None
    if host:
        return host[4:] if host.startswith("www.") else host
    return UNKNOWN_OUTLET


def _voices(claims: list[dict]) -> dict[int, int]:
    """entity -> the one it speaks for, wherever the story says so ("Hunter's spokesman Joe Kasper"
    in one article makes "Joe Kasper, deputy chief of staff" in another Hunter's voice too)."""
    out: dict[int, int] = {}
    for c in claims:
        s = c["source"]
        if s.get("entity") is not None and s.get("on_behalf_of") is not None and s["on_behalf_of"] != s["entity"]:
            out.setdefault(s["entity"], s["on_behalf_of"])
    return out


def _descriptions(claims: list[dict]) -> dict[int, str]:
    """person entity -> every way the story's sources name them, casefolded ("taylor | scottish spca
    insp. stewart taylor"): the body a person works for may be named in one article only."""
    out: dict[int, set[str]] = defaultdict(set)
    for c in claims:
        s = c["source"]
        if s.get("entity") is not None and s.get("kind") == "person" and s.get("text"):
            out[s["entity"]].add(s["text"].casefold())
    return {e: " | ".join(sorted(texts)) for e, texts in out.items()}


def _judge(cl: Cluster, asserting: list[dict], docs, copy_of, outlet_of, entity_names, relays,
           voices: dict[int, int], described_as: dict[int, str] | None = None) -> None:
    article_ids = sorted({c["doc"] for c in asserting}, key=lambda d: (docs[d]["published"] or "9999", d))
    cl.articles = article_ids
    cl.distinct_articles = len({copy_of.get(d, d) for d in article_ids})
    cl.copies = [{"doc": d, "copy_of": copy_of[d]} for d in article_ids if copy_of.get(d, d) != d]
    outlets_in = {}
    for d in article_ids:
        outlets_in.setdefault(outlet_of[d], d)
    cl.outlets = [o for o in outlets_in if o != UNKNOWN_OUTLET]
    cl.first = article_ids[0]
    cl.pickup = [{"outlet": o, "doc": d, "published": docs[d]["published"]} for o, d in outlets_in.items()]
    own = {outlet_of[c["doc"]].casefold() for c in asserting if outlet_of[c["doc"]] != UNKNOWN_OUTLET}
    keys: list[str] = []
    by_article: dict[str, set] = defaultdict(set)
    anonymous_by_outlet: dict[str, str] = {}
    authors = []
    # One wording, one voice: the same words in several articles were said once, by one person,
    # however each article names the speaker ("Smith", "she", "Jessica Smith", or no one where it
    # only repeats a tweet), or were copied from one article into another; the source the earliest
    # article gives them stands for all.
    worded_by: dict[str, str] = {}
    one_voice = Groups()

    def same_voice(a: str, b: str) -> None:
        one_voice.parent.setdefault(a, a)
        one_voice.parent.setdefault(b, b)
        one_voice.join(a, b)

    sayings = _Sayings()  # the quotations met so far, by their three-word runs
    named_in: dict[str, str] = {}  # a named person's key -> how an article describes them
    described: set[str] = set()
    guessed: set[str] = set()  # people found only through "he" or "she"
    for c in sorted(asserting, key=lambda c: (docs[c["doc"]]["published"] or "9999", c["id"])):
        s = c["source"]
        # a spokesman, a lawyer, an aide speaking for someone: that one's word, not a second source
        principal = s["on_behalf_of"] if s.get("on_behalf_of") is not None else voices.get(s["entity"])
        outlet = outlet_of[copy_of.get(c["doc"], c["doc"])]
        relayed = relays.get(c["id"])
        if relayed:
            outlet = relayed  # "in a story by the Herald, two officials said ...": the Herald's officials
            edge = {"from": outlet_of[c["doc"]], "to": relayed, "doc": c["doc"], "claim": c["id"]}
            if not any((e["from"], e["to"], e["doc"]) == (edge["from"], edge["to"], edge["doc"]) for e in cl.citations):
                cl.citations.append(edge)
        if not s["text"] and s["kind"] != "outlet":
            authors.append((c["doc"], f"{outlet} (its own reporting)", _words(c)))
            continue
        if s["kind"] == "outlet":
            cited = entity_names.get(s["entity"]) or s["text"] or ""
            if cited.casefold() != outlet_of[c["doc"]].casefold():
                cl.citations.append({"from": outlet_of[c["doc"]], "to": cited, "doc": c["doc"], "claim": c["id"]})
            if any(_same_outlet(cited, o) for o in own):
                continue  # the cited outlet's own report is here: its sources are already counted
            key = f"outlet:{cited}"
        elif principal is not None:
            key = f"{entity_names.get(principal, principal)}"
        elif s["entity"] is not None and not s["anonymous"]:
            key = f"{entity_names.get(s['entity'], s['entity'])}"
        elif s["anonymous"]:
            key = anonymous_by_outlet.setdefault(outlet, f"anonymous sources of {outlet}")
            if outlet == UNKNOWN_OUTLET:
                # "sources told" in a file of unknown origin: whose sources, and so whether they
                # are any of the others', the store cannot tell
                described.add(key)
        elif s["kind"] == "document":
            key = "document: " + " ".join((s["text"] or "").split())
            if s["entity"] is None:
                described.add(key)  # "the report", "Other reports": whose, the text does not say
        elif not s["text"]:
            key = f"{outlet} (its own reporting)"
        else:
            key = s["text"]
            described.add(key)  # "the teen", "Doctors", an unresolved "he": who it is is not known
        words = _words(c)
        if words:
            split = words.split()
            grams = _runs(words)
            first = next((worded_by[g] for g in grams if g in worded_by), key)
            trigrams = _trigrams(words) if c.get("quote") in {"direct", "mixed"} else frozenset()
            if first == key and trigrams:
                # a quotation retold with a word or two changed ("we will see our animals again in
                # the eternity of Christ", "... again the eternity of Christ") is the same saying
                first = sayings.retold(trigrams, split) or key
            for g in grams:
                worded_by.setdefault(g, first)
            same_voice(first, key)  # one speaker under two names: whatever else each says is one source's
            key = first
            if trigrams:
                sayings.add(key, trigrams, split)
        by_article[c["doc"]].add(key)
        if s["entity"] is not None and s["kind"] == "person" and s["text"]:
            if s["text"].casefold() in _GUESSED:
                guessed.add(key)
            else:
                named_in[key] = (described_as or {}).get(s["entity"]) or s["text"].casefold()
        if key not in keys:
            keys.append(key)
    for doc, key, words in authors:
        # The article's own telling counts only where it names no source for the claim, and not
        # when its words are those another article gives a source for (or another telling's).
        if words:
            grams = _runs(words)
            if any(worded_by.get(g, key) != key for g in grams):
                continue
            for g in grams:
                worded_by[g] = key
        if not by_article[doc] and key not in keys:
            keys.append(key)
            if key.startswith(UNKNOWN_OUTLET):
                described.add(key)  # a loose file's own telling may relay any of the others
    # "He said" resolved to the person most talked about is a guess: a person the cluster knows
    # only through such pronouns may be any of the others
    described |= guessed - set(named_in) - {k for k in keys if k.startswith(("outlet:", "document:"))}
    cl.sources = keys
    # A source the text only describes ("the teen", "Doctors", "the network", an unresolved "he",
    # "the report" of no one named), and the own telling of articles no one knows the origin of,
    # may be any of the others: together they count once, and not at all beside a source that is
    # known; the reader sees them as possibly the same.
    # An outlet cited in an article that also names a source of its own for the claim relays that
    # source ("CNN reported ... U.S. officials tell CNN"): it adds no source beside it.
    relaying = {k for held in by_article.values() if any(not h.startswith("outlet:") for h in held - described)
                for k in held if k.startswith("outlet:")}
    relaying -= {next(iter(held)) for held in by_article.values() if len(held) == 1}  # ... unless alone elsewhere
    # Nor does an outlet cited for what a named person or body says in another article ("Naij.com
    # reported" the affair Ting revealed): as far as the texts show, its report rests on that source.
    if any(not k.startswith(("outlet:", "anonymous sources of")) and k not in described for k in keys):
        relaying |= {k for k in keys if k.startswith("outlet:")}
    known = [k for k in keys if k not in described and k not in relaying]
    # Someone described by the body they work for ("Scottish SPCA inspector Stewart Taylor", in
    # this claim's article or any other) speaks in that body's name when the body is a source of
    # the claim too: one source.
    bodies = [k for k in keys if k not in described and k not in named_in and len(k) > 2
              and not k.startswith(("outlet:", "anonymous sources of", "document:"))]
    for person, text in named_in.items():
        for body in bodies:
            if body != person and re.search(rf"(?<!former )(?<!ex-)\b{re.escape(body.casefold())}\b", text):
                same_voice(body, person)
    voice = {k: one_voice.root(k) if k in one_voice.parent else k for k in keys}
    cl.independent_sources = len({voice[k] for k in known}) + (1 if (described or relaying) and not known else 0)
    if described and len(keys) > 1:
        cl.possibly_same.append(sorted(described) + known)
    anon = sorted(set(anonymous_by_outlet.values()))
    if len(anon) > 1:
        cl.possibly_same.insert(0, anon)


_COPULA_VERDICT = re.compile(
    r"\b(?:is|was|are|were|be|been|'s)\s+(?:\w+ly\s+)?(?:(?:a|an|just|all|only|nothing but|simply)\s+)*(?:"
    + "|".join(sorted(VERDICT_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _called_false(text: str | None) -> bool:
    """"The Banksy arrest is a hoax", "the story was completely false": a claim that calls what
    it names false asserts nothing of it (a "fake passport" in a claim still may)."""
    return bool(_COPULA_VERDICT.search(text or ""))


_GUESSED = {"he", "she", "him", "her", "they", "them"}  # third-person pronouns, resolved by salience

QUOTATION_WORDS = 5  # words this many, word for word, are one saying wherever they are told
QUOTATION_RUN = 10  # ... and a run of this many of a longer saying: one quotation cut at other places


RETOLD_WORDS = 8  # a saying this many words long ...
RETOLD_SHARE = 0.6  # ... sharing this share of its three-word runs with another is one quotation retold
RETOLD_EDITS = 2  # ... as is one this many words apart from another ("a word or two changed")
COMMON_RUN = 50  # a three-word run in more of a cluster's quotations than this tells none apart


class _Sayings:
    """The quotations of one cluster by their three-word runs, so that a retold one is found
    through the runs it shares, not by comparing it with every one before."""

    def __init__(self):
        self.keys: list[str] = []
        self.runs: list[frozenset] = []
        self.words: list[list[str]] = []
        self.by_run: dict[tuple, list[int]] = defaultdict(list)

    def add(self, key: str, runs: frozenset, words: list[str]) -> None:
        for r in runs:
            self.by_run[r].append(len(self.keys))
        self.keys.append(key)
        self.runs.append(runs)
        self.words.append(words)

    def retold(self, runs: frozenset, words: list[str]) -> str | None:
        """The key of the quotation that `runs` (the three-word runs of `words`) retells with a
        word or two changed, left out or added: RETOLD_SHARE of the three-word runs of the shorter
        of the two are in the other, or the words differ by RETOLD_EDITS words at most (in a
        short saying one word changed in the middle breaks three of its few runs). None when
        there is none."""
        shared = Counter(k for r in runs for k in self.by_run.get(r, ())[:COMMON_RUN]).most_common(3)
        for k, n in shared:
            if n >= RETOLD_SHARE * min(len(runs), len(self.runs[k])) \
                    or _edits_within(words, self.words[k], RETOLD_EDITS):
                return self.keys[k]
        return None


def _edits_within(a: list[str], b: list[str], limit: int) -> bool:
    """Whether two word lists are at most `limit` word insertions, deletions or substitutions apart."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            row.append(min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x != y)))
        if min(row) > limit:
            return False
        prev = row
    return prev[-1] <= limit


def _trigrams(words: str) -> frozenset:
    """The three-word runs of a claim's words (`_words`), or none when it is shorter than
    RETOLD_WORDS."""
    x = words.split()
    return frozenset(tuple(x[i:i + 3]) for i in range(len(x) - 2)) if len(x) >= RETOLD_WORDS else frozenset()


def _runs(words: str) -> set[str]:
    """The runs of QUOTATION_RUN words of a claim's words (the words themselves when fewer): two
    claims sharing one tell one quotation, trimmed differently ("... a final ruling of what
    happened" and "... of what happened here today")."""
    toks = words.split()
    if len(toks) <= QUOTATION_RUN:
        return {words}
    return {" ".join(toks[i:i + QUOTATION_RUN]) for i in range(len(toks) - QUOTATION_RUN + 1)}


def _words(c: dict) -> str | None:
    """A claim's words, lower-cased without punctuation or quote marks, when there are enough of
    them to be one saying repeated rather than a common phrase; else None."""
    words = re.findall(r"\w+", (c["text"] or "").casefold())
    return " ".join(words) if len(words) >= QUOTATION_WORDS else None


def _relays(claims: list[dict], outlet_of: dict, entity_names: dict) -> dict[int, str]:
    """claim id -> the outlet it is relayed from, for claims inside what another outlet is cited
    as reporting ("In a story by the Daily Herald, two senior officials said ...")."""
    cites = defaultdict(list)
    for c in claims:
        if c["source"].get("kind") == "outlet":
            cited = entity_names.get(c["source"].get("entity")) or c["source"].get("text") or ""
            if cited and not _same_outlet(cited, outlet_of.get(c["doc"], "")):
                cites[c["doc"]].append((c["start"], c["end"], cited))
    out = {}
    for c in claims:
        for start, end, cited in cites.get(c["doc"], ()):
            if start <= c["start"] and c["end"] <= end and c["source"].get("kind") != "outlet":
                out[c["id"]] = cited
    return out


def _same_outlet(cited: str, outlet: str) -> bool:
    """"the Herald" cites "Daily Herald": the cited name's words all belong to the outlet's."""
    words = {w for w in re.findall(r"\w+", cited.casefold()) if w != "the"}
    return bool(words) and words <= set(re.findall(r"\w+", outlet.casefold()))


STANCE_CLUSTERS = 30  # the largest clusters get the stance of the other articles
STANCE_ARTICLES = 20  # ... those sharing most of its words


def stances(clusters: list[dict], doc_of: dict[int, str], texts: dict[str, str]) -> None:
    """Support and denial not phrased as an attribution: the stance (agree, disagree, discuss;
    analyse/stance.py, learned on FNC-1) of each article that holds none of a cluster's claims
    toward its proposition, for the largest clusters and the articles sharing its words. Sets
    `stance` on every cluster dict."""
    for d in clusters:
        d["stance"] = {"agree": [], "disagree": [], "discuss": []}
    big = sorted((d for d in clusters if len(d["claims"]) >= 2), key=lambda d: -len(d["claims"]))[:STANCE_CLUSTERS]
    if not big:
        return
    words = {doc: content_words(text) for doc, text in texts.items()}
    pairs, where = [], []
    for d in big:
        prop = content_words(d["proposition"])
        held = {doc_of[c] for c in d["claims"]}
        near = sorted(((len(prop & words[doc]), doc) for doc in texts if doc not in held), reverse=True)
        for shared, doc in near[:STANCE_ARTICLES]:
            if shared >= 2:
                pairs.append((d["proposition"], texts[doc]))
                where.append((d, doc))
    if not pairs:
        return
    from storyline.analyse.stance import stances as predict
    for (d, doc), (label, _) in zip(where, predict(pairs)):
        if label in d["stance"]:
            d["stance"][label].append(doc)
