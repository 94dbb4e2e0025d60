"""Cross-document event coreference: which event mentions, across articles, tell of one event.

Input: parsed documents (one spaCy `Doc` each) and event mentions (token indices into them).
Output: clusters of mention ids. Four steps, each a plain function:

  1. `document_topics`: articles grouped by what they are about (average-link over tf-idf
     cosine of their content lemmas), so that later steps only compare within a group.
  2. `document_pairs`: inside a topic, how likely two articles tell of the same particular
     event (the same earthquake, not two earthquakes), from a small logistic model over
     within-topic tf-idf, shared names, numbers, weekdays, places and event words;
     `subtopics` groups them, cutting relative to the topic's usual pair.
  3. `resolve`: inside a topic, every pair of mentions is scored by a second logistic model
     (same lemma or stem, how often the two lemmas corefer in the training data, shared
     arguments, sentence context, names, numbers, times and places, the participants, places
     and times among the entity mentions, the two articles' similarity and same-event
     probability, how widespread each word is in the predicted sub-topic and how alike the
     company two words keep there) and the mentions are grouped by average-link clustering
     with a threshold.
  4. `join_clusters`: a second look at pairs of those clusters (a third logistic model over
     the mean of their mention-pair features, their sizes, shared articles and the company
     their mentions keep), joining them by average link, again until nothing more joins.

Entity mentions (`EntityMention`: span and kind) are input like the event mentions: ECB+ gives
gold ones; without them the parser's named entities stand in (`named_entities`).

Cost: quadratic inside a topic, linear in the number of topics; topics come from a clustering
of articles that is itself quadratic in the articles (fine for thousands; a larger collection
would block articles by shared rare words first).

The weights and word-pair counts are learned from ECB+ Train by `scripts/train_event_coref.py`
and kept in `models/event_coref.json` (numbers and lemmas only, no text).

Sentence embeddings: when the MiniLM backend loads (`judge.embeddings`; a default dependency) and
STORYLINE_EVENT_EMBEDDINGS is not "off", `resolve` uses a second set of weights,
`models/event_coref_emb.json`, learned the same way with one more mention-pair feature: the
mean of two MiniLM cosines, of the two mentions' own words (hit/strike, foil/thwart, which
Train may not show) and of their words read in their sentences (`embed_in_context`). Chosen on
Train out of fold over the cosine of their sentences, of a window around each event word, of
the articles' mean sentences for the sub-topics, and of either vector alone (docs/EVAL.md). Without the
backend, or without that file, nothing changes. Its step 4 has weights of its own, learned with
the embedding feature.
"""
from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Hashable, Mapping, Sequence

import numpy as np

from storyline import models

__all__ = ["EventMention", "EntityMention", "named_entities", "Profile", "Model", "resolve", "same_lemma", "profiles", "document_topics",
           "document_pairs", "mention_pair_features", "cluster_pair_features", "merge_clusters", "join_clusters",
           "average_link", "load_model", "MODEL_FILE", "EMBEDDING_MODEL_FILE", "use_embeddings", "embed",
           "embed_in_context"]

MODEL_FILE = "event_coref.json"
EMBEDDING_MODEL_FILE = "event_coref_emb.json"  # the same model with the embedding feature
TOPIC_THRESHOLD = 0.04  # tf-idf cosine, average link; chosen on ECB+ Train (topic B3 F1 0.92)
SUBTOPIC_FLOOR = 0.3    # two articles less likely than this to tell of one event stay apart
_CONTENT = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "iobj", "attr", "agent", "compound", "poss", "amod", "npadvmod",
             "nmod", "dative", "oprd", "acomp", "xcomp", "ccomp", "advcl", "appos"}
_NOMINAL = {"NOUN", "PROPN", "NUM", "PRON"}
_STOP_ARGS = {"be", "have", "do", "say", "he", "she", "it", "they", "who", "which", "that", "this", "-pron-"}
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"}
_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ments", "ment", "ees", "ee", "ers", "er",
             "ed", "es", "s", "e")


@dataclass(frozen=True)
class EventMention:
    id: Hashable
    doc: str                  # the document's id
    tokens: tuple[int, ...]   # token indices into that document's Doc (need not be contiguous)


@dataclass(frozen=True)
class EntityMention:
    """A participant, place or time the events may involve (gold ones in ECB+; else `named_entities`)."""
    doc: str
    tokens: tuple[int, ...]
    kind: str                 # HUM (people, organisations), LOC (places), TIM (times), NON (things)


_NER_KINDS = {"PERSON": "HUM", "ORG": "HUM", "NORP": "HUM", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
              "DATE": "TIM", "TIME": "TIM", "PRODUCT": "NON", "EVENT": "NON", "WORK_OF_ART": "NON"}


def named_entities(docs: Mapping[str, object]) -> list[EntityMention]:
    """Entity mentions from the parser's named entities, for documents that come without any."""
    return [EntityMention(name, tuple(range(e.start, e.end)), _NER_KINDS[e.label_])
            for name in sorted(docs) for e in docs[name].ents if e.label_ in _NER_KINDS]


@dataclass(frozen=True)
class Entity:
    """One entity mention as the features see it (internal)."""
    kind: str
    head: str             # lemma of its head word
    proper: bool          # the head is a proper noun
    words: frozenset      # its content words, lower case
    sent: int
    head_i: int


@dataclass(frozen=True)
class Profile:
    """What the pair model looks at for one mention (internal; not a stable API)."""
    doc: str
    sent: int
    lemma: str
    stem: str
    text: str
    pos: str
    words: frozenset      # lemmas of the mention's own tokens
    args: frozenset       # stems of its arguments in the parse
    context: frozenset    # stems of content words within three tokens
    sentence: frozenset   # content lemmas of its sentence
    names: frozenset      # proper nouns of its sentence
    numbers: frozenset
    times: frozenset
    places: frozenset
    entities: frozenset = frozenset()   # kind:head of the entity mentions in its sentence
    linked: frozenset = frozenset()     # kind:head of the entity mentions it governs in the parse
    nearest: tuple = ()                 # (kind, head) of the closest HUM, LOC and TIM mention in its sentence


def stem(word: str) -> str:
    """A crude suffix stripper: enough to join 'shooting'/'shoot', 'arrested'/'arrest', 'Oscars'/'Oscar'."""
    word = word.lower().lstrip("#")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _head(doc, tokens: Sequence[int]):
    inside = set(tokens)
    for i in tokens:
        if doc[i].head.i not in inside or doc[i].head.i == i:
            return doc[i]
    return doc[tokens[0]]


def _arguments(tok) -> set[str]:
    out: set[str] = set()

    def add(t):
        if t.pos_ in _NOMINAL:
            out.add(t.lemma_.lower())
            out.update(c.lemma_.lower() for c in t.children if c.dep_ in {"compound", "nummod"})

    for c in tok.children:
        if c.dep_ in {"prep", "agent"}:
            for g in c.children:
                if g.dep_ == "pobj":
                    add(g)
        elif c.dep_ in _ARG_DEPS:
            add(c)
    if tok.pos_ in {"NOUN", "PROPN"} and tok.head.i != tok.i:  # "the arrest of X": X's governor
        gov = tok.head.head if tok.head.pos_ == "ADP" else tok.head
        if gov.pos_ in {"NOUN", "PROPN"}:
            add(gov)
    return {stem(a) for a in out - _STOP_ARGS}


def _entities(docs: Mapping[str, object], entities: Sequence[EntityMention] | None) -> dict[str, list[Entity]]:
    if entities is None:
        entities = named_entities(docs)
    out: dict[str, list[Entity]] = defaultdict(list)
    sent_no: dict[str, dict[int, int]] = {}
    for e in entities:
        doc = docs.get(e.doc)
        if doc is None or not e.tokens:
            continue
        if e.doc not in sent_no:
            sent_no[e.doc] = {s.start: k for k, s in enumerate(doc.sents)}
        h = _head(doc, e.tokens)
        if h.pos_ == "PRON":
            continue
        words = frozenset(doc[i].lower_ for i in e.tokens if doc[i].pos_ in _CONTENT)
        out[e.doc].append(Entity(e.kind, h.lemma_.lower(), h.pos_ == "PROPN", words,
                                 sent_no[e.doc][h.sent.start], h.i))
    return out


def _linked(h, ents: Sequence[Entity]) -> set[str]:
    """Entities whose head the event word governs, directly or through a preposition."""
    out = set()
    for e in ents:
        t = h.doc[e.head_i]
        if t.head.i == h.i or (t.head.head.i == h.i and t.head.dep_ in {"prep", "agent"}) or \
                (h.head.i == t.i and h.dep_ in {"compound", "amod", "nmod"}):
            out.add(f"{e.kind}:{e.head}")
    return out


def profiles(docs: Mapping[str, object], mentions: Sequence[EventMention],
             entities: Sequence[EntityMention] | None = None) -> list[Profile]:
    """`entities`: the documents' entity mentions; None reads the parser's named entities."""
    sent_no: dict[str, dict[int, int]] = {}
    by_doc = _entities(docs, entities)
    by_sent: dict[tuple[str, int], list[Entity]] = defaultdict(list)
    for d, ents in by_doc.items():
        for e in ents:
            by_sent[d, e.sent].append(e)
    out = []
    for m in mentions:
        doc = docs[m.doc]
        if m.doc not in sent_no:
            sent_no[m.doc] = {s.start: k for k, s in enumerate(doc.sents)}
        h = _head(doc, m.tokens)
        sent = h.sent
        lemma = h.lemma_.lower()
        ents = by_sent.get((m.doc, sent_no[m.doc][sent.start]), [])
        nearest = []
        for kind in ("HUM", "LOC", "TIM"):
            of_kind = [e for e in ents if e.kind == kind]
            if of_kind:
                nearest.append((kind, min(of_kind, key=lambda e: abs(e.head_i - h.i)).head))
        out.append(Profile(
            doc=m.doc, sent=sent_no[m.doc][sent.start], lemma=lemma, stem=stem(lemma), text=h.lower_,
            pos=h.pos_, words=frozenset(doc[i].lemma_.lower() for i in m.tokens), args=frozenset(_arguments(h)),
            context=frozenset(stem(t.lemma_) for t in doc[max(sent.start, h.i - 3): min(sent.end, h.i + 4)]
                              if t.i != h.i and t.pos_ in _CONTENT),
            sentence=frozenset(t.lemma_.lower() for t in sent if t.pos_ in _CONTENT),
            names=frozenset(t.lemma_.lower() for t in sent if t.pos_ == "PROPN"),
            numbers=frozenset(t.lower_ for t in sent if t.pos_ == "NUM"),
            times=frozenset(t.lower_ for t in sent if t.ent_type_ in {"DATE", "TIME"}),
            places=frozenset(t.lower_ for t in sent if t.ent_type_ in {"GPE", "LOC", "FAC"}),
            entities=frozenset(f"{e.kind}:{e.head}" for e in ents), linked=frozenset(_linked(h, ents)),
            nearest=tuple(nearest)))
    return out


# -- embeddings -------------------------------------------------------------------

_ENCODED: dict[str, np.ndarray] = {}  # text -> unit vector, for the life of the process


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit MiniLM vectors of `texts`, each distinct text encoded once per process."""
    from storyline.judge.embeddings import encoder
    if len(_ENCODED) > 200_000:  # a bound for long-lived processes
        _ENCODED.clear()
    new = sorted({t for t in texts if t not in _ENCODED})
    if new:
        for t, v in zip(new, encoder().encode(new)):
            _ENCODED[t] = v
    return np.array([_ENCODED[t] for t in texts], dtype=np.float32).reshape(len(texts), -1)


def embed(docs: Mapping[str, object], mentions: Sequence[EventMention]) -> np.ndarray:
    """Row i for mention i: its words' unit MiniLM vector beside its vector read in its sentence
    (`embed_in_context`), each scaled by 1/sqrt(2), so that the dot product of two rows is the
    mean of the two cosines (chosen on Train out of fold over either cosine alone and over both
    as two features; docs/EVAL.md)."""
    words = encode([" ".join(docs[m.doc][i].text for i in sorted(m.tokens)) for m in mentions])
    return np.hstack([words, embed_in_context(docs, mentions)]) / np.float32(math.sqrt(2))


_IN_CONTEXT: dict[tuple[str, int, int], np.ndarray] = {}  # (sentence, start, end) -> unit vector


def embed_in_context(docs: Mapping[str, object], mentions: Sequence[EventMention]) -> np.ndarray:
    """A unit MiniLM vector of each mention's words read in their sentence (row i for mention
    i): the mean of the model's last hidden states over the wordpieces from the mention's first
    to its last token in its head's sentence. Each distinct sentence runs through the model once
    per process, however many mentions it holds, so "fired" of a gun and of a worker differ."""
    from storyline.judge.embeddings import encoder
    if len(_IN_CONTEXT) > 200_000:  # a bound for long-lived processes
        _IN_CONTEXT.clear()
    keys, wanted = [], defaultdict(list)
    for m in mentions:
        doc, head = docs[m.doc], _head(docs[m.doc], m.tokens)
        sent = head.sent
        toks = [doc[i] for i in sorted(m.tokens) if sent.start <= i < sent.end] or [head]
        key = (sent.text, toks[0].idx - sent.start_char, toks[-1].idx + len(toks[-1].text) - sent.start_char)
        keys.append(key)
        if key not in _IN_CONTEXT and key[1:] not in wanted[key[0]]:
            wanted[key[0]].append(key[1:])
    texts = sorted(t for t in wanted if wanted[t])
    if texts:
        for text, vectors in zip(texts, encoder().spans(texts, [wanted[t] for t in texts])):
            for span, v in zip(wanted[text], vectors):
                _IN_CONTEXT[(text, *span)] = v
    return np.array([_IN_CONTEXT[k] for k in keys], dtype=np.float32).reshape(len(mentions), -1)


def use_embeddings() -> bool:
    """Embeddings are used when a backend is installed and STORYLINE_EVENT_EMBEDDINGS is not "off"."""
    from storyline import settings
    if settings.current().event_embeddings == "off":
        return False
    from storyline.judge.embeddings import available
    return bool(available()) and models.exists(EMBEDDING_MODEL_FILE)


# -- documents ------------------------------------------------------------------------------

def _bag(doc) -> Counter:
    return Counter(t.lemma_.lower() for t in doc if t.pos_ in _CONTENT)


def _tfidf(bags: Mapping[str, Counter]) -> dict[str, dict[str, float]]:
    df = Counter(w for b in bags.values() for w in b)
    n = len(bags)
    out = {}
    for name, bag in bags.items():
        v = {w: (1 + math.log(c)) * math.log((n + 1) / df[w]) for w, c in bag.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out[name] = {w: x / norm for w, x in v.items()}
    return out


def _cos(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(w, 0.0) for w, x in a.items())


def _jaccard(a, b) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _conflict(a, b) -> float:
    """Both sides name something of a kind (a weekday, a person) and none in common."""
    return float(bool(a) and bool(b) and not (a & b))


def document_topics(docs: Mapping[str, object], threshold: float = TOPIC_THRESHOLD) -> dict[str, int]:
    """Article -> topic number, by average-link clustering of tf-idf cosine similarities."""
    names = sorted(docs)
    vectors = _tfidf({d: _bag(docs[d]) for d in names})
    sims = np.array([[_cos(vectors[a], vectors[b]) for b in names] for a in names])
    return {names[i]: k for k, cluster in enumerate(average_link(sims, threshold)) for i in cluster}


def _document_facts(doc, mentions: Sequence[Profile], ents: Sequence[Entity] = ()) -> dict[str, set]:
    facts: dict[str, set] = defaultdict(set)
    for e in ents:
        if e.kind == "TIM":
            facts["tim"] |= e.words
        else:
            facts[e.kind.lower()].add(e.head)
            if e.proper:
                facts[e.kind.lower() + "_proper"].add(e.head)
    for t in doc:
        low = t.lower_
        if len(low) == 4 and low.isdigit() and low[:2] in {"19", "20"}:
            facts["years"].add(low)
        if t.pos_ == "PROPN":
            facts["names"].add(t.lemma_.lower())
        if t.pos_ == "NUM":
            facts["numbers"].add(low)
        if low in _WEEKDAYS:
            facts["weekdays"].add(low)
        if low in _MONTHS:
            facts["months"].add(low)
        if t.ent_type_ in {"GPE", "LOC", "FAC"}:
            facts["places"].add(low)
        if t.ent_type_ in {"PERSON", "ORG", "NORP"}:
            facts["entities"].add(low)
        if t.ent_type_ == "PERSON" and t.pos_ == "PROPN":
            facts["people"].add(low)
    facts["events"] = {p.stem for p in mentions}
    facts["arguments"] = {a for p in mentions for a in p.args}
    facts["event_arguments"] = {f"{p.stem}:{a}" for p in mentions for a in p.args}
    return facts


def document_pair_features(docs: Mapping[str, object], names: Sequence[str], mentions: Sequence[Profile],
                           global_vectors: Mapping[str, dict], ents: Mapping[str, Sequence[Entity]] | None = None,
                           ) -> dict[tuple[str, str], list[float]]:
    """Features of every pair of articles in one topic (internal)."""
    bags = {d: _bag(docs[d]) for d in names}
    local = _tfidf(bags)  # idf inside the topic: words every article shares say nothing here
    proper = _tfidf({d: Counter(t.lemma_.lower() for t in docs[d] if t.pos_ == "PROPN") for d in names})
    by_doc: dict[str, list[Profile]] = defaultdict(list)
    for p in mentions:
        by_doc[p.doc].append(p)
    ents = ents or {}
    facts = {d: _document_facts(docs[d], by_doc[d], ents.get(d, ())) for d in names}
    out = {}
    for a, b in combinations(names, 2):
        fa, fb = facts[a], facts[b]
        out[a, b] = [
            _cos(local[a], local[b]), _cos(proper[a], proper[b]), _cos(global_vectors[a], global_vectors[b]),
            _jaccard(fa["numbers"], fb["numbers"]), _conflict(fa["numbers"], fb["numbers"]),
            _jaccard(fa["weekdays"], fb["weekdays"]), _conflict(fa["weekdays"], fb["weekdays"]),
            _jaccard(fa["months"], fb["months"]), _conflict(fa["months"], fb["months"]),
            _jaccard(fa["places"], fb["places"]), _jaccard(fa["entities"], fb["entities"]),
            _jaccard(fa["events"], fb["events"]), _jaccard(fa["names"], fb["names"]),
            _jaccard(fa["people"], fb["people"]), _conflict(fa["people"], fb["people"]),
            _conflict(fa["names"], fb["names"]), _jaccard(fa["arguments"], fb["arguments"]),
            _jaccard(fa["event_arguments"], fb["event_arguments"])]
    return out


def document_pairs(docs, topics: Mapping[str, Hashable], mentions: Sequence[Profile], model: "Model",
                   entities: Sequence[EntityMention] | None = None) -> dict[tuple[str, str], float]:
    """Probability that two articles of one topic tell of the same particular event."""
    ents = _entities(docs, entities)
    vectors = _tfidf({d: _bag(docs[d]) for d in docs})
    groups: dict[Hashable, list[str]] = defaultdict(list)
    for d in sorted(docs):
        groups[topics[d]].append(d)
    out: dict[tuple[str, str], float] = {}
    for names in groups.values():
        feats = document_pair_features(docs, names, mentions, vectors, ents)
        if not feats:
            continue
        keys = list(feats)
        probs = model.document.predict(np.array([feats[k] for k in keys]))
        for (a, b), p in zip(keys, probs):
            out[a, b] = out[b, a] = float(p)
    return out


def subtopics(topics: Mapping[str, Hashable], pairs: Mapping[tuple[str, str], float], margin: float,
              floor: float = SUBTOPIC_FLOOR) -> dict[str, tuple]:
    """Articles of each topic grouped by same-event probability (average link), merging while
    two groups are more alike than the topic's mean pair plus `margin` (and above `floor`).

    Relative to the topic, because the probabilities of one topic move together: two look-alike
    events (two DUI arrests of one team's players) give cross pairs near 0.5 and inner pairs
    near 0.9, where another topic's inner pairs sit at 0.6. Sub-topic B3 F1 at the margin chosen
    on ECB+ Train (-0.05): 0.908 out of fold against 0.901 for the best fixed cut (0.5); Dev 0.938
    against 0.844."""
    groups: dict[Hashable, list[str]] = defaultdict(list)
    for d in sorted(topics):
        groups[topics[d]].append(d)
    out = {}
    for t, names in groups.items():
        sims = np.array([[pairs.get((a, b), 0.0) for b in names] for a in names])
        n = len(names)
        mean = (sims.sum() / (n * (n - 1))) if n > 1 else 0.0
        for k, cluster in enumerate(average_link(sims, max(floor, mean + margin))):
            for i in cluster:
                out[names[i]] = (t, k)
    return out


# -- mention pairs --------------------------------------------------------------------------

class WordPairs:
    """How often two event words corefer when they meet in one sub-topic (learned counts)."""

    def __init__(self, pairs: Mapping[str, Sequence[int]], words: Mapping[str, Sequence[int]], k: float = 2.0):
        self.pairs = {tuple(key.split("|", 1)): v for key, v in pairs.items()}
        self.words = dict(words)
        self.k = k
        same = [v for (a, b), v in self.pairs.items() if a == b]
        diff = [v for (a, b), v in self.pairs.items() if a != b]
        self.prior_same = (sum(v[0] for v in same) + 1) / (sum(v[1] for v in same) + 2)
        self.prior_diff = (sum(v[0] for v in diff) + 1) / (sum(v[1] for v in diff) + 2)
        self.prior_word = (sum(v[0] for v in self.words.values()) + 1) / (sum(v[1] for v in self.words.values()) + 2)

    def rate(self, a: str, b: str) -> tuple[float, bool]:
        key = (a, b) if a <= b else (b, a)
        pos, tot = self.pairs.get(key, (0, 0))
        prior = self.prior_same if a == b else self.prior_diff
        return (pos + self.k * prior) / (tot + self.k), tot > 0

    def linked(self, a: str) -> float:
        """Share of this word's mentions that corefer with another mention."""
        pos, tot = self.words.get(a, (0, 0))
        return (pos + 2 * self.prior_word) / (tot + 2)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def mention_pair_features(ps: Sequence[Profile], pairs: Sequence[tuple[int, int]], words: WordPairs,
                          doc_sim: Mapping[tuple[str, str], float], doc_same: Mapping[tuple[str, str], float],
                          sub: Mapping[str, Hashable], embedded: np.ndarray | None = None) -> np.ndarray:
    """One row of features per mention pair (internal: the order is the model's); `embedded`
    (`embed`'s vectors, rows as `ps`) adds the cosine of the two mentions' words."""
    sub_docs: dict[Hashable, set] = defaultdict(set)
    stem_docs: dict[tuple, set] = defaultdict(set)
    for p in ps:
        sub_docs[sub[p.doc]].add(p.doc)
        stem_docs[sub[p.doc], p.stem].add(p.doc)
    spread = [len(stem_docs[sub[p.doc], p.stem]) / len(sub_docs[sub[p.doc]]) for p in ps]
    # what each event word of a sub-topic is said with, over all its mentions there
    company: dict[tuple, Counter] = defaultdict(Counter)
    for p in ps:
        company[sub[p.doc], p.stem].update(p.context | p.args | p.entities)
    sentences: dict[tuple, Counter] = defaultdict(Counter)
    for p in ps:
        sentences[sub[p.doc], p.stem].update(p.sentence - {p.lemma})

    def alike(bags: Mapping[tuple, Counter], x: Profile, y: Profile) -> float:
        return _counter_cos(bags[sub[x.doc], x.stem], bags[sub[y.doc], y.stem])
    rows = []
    for i, j in pairs:
        a, b = ps[i], ps[j]
        same_stem = a.stem == b.stem
        same_doc = a.doc == b.doc
        same_sub = sub[a.doc] == sub[b.doc]
        rate, seen = words.rate(a.stem, b.stem)
        la, lb = words.linked(a.stem), words.linked(b.stem)
        if same_sub:
            da, db = stem_docs[sub[a.doc], a.stem], stem_docs[sub[b.doc], b.stem]
            together = len(da & db) / len(da | db)
        else:
            together = 0.0
        prefix = _common_prefix(a.lemma, b.lemma)
        low = min(spread[i], spread[j])
        rows.append([
            same_stem, a.lemma == b.lemma, a.text == b.text, rate, seen, min(la, lb), max(la, lb),
            _jaccard(a.args, b.args), bool(a.args & b.args), _jaccard(a.sentence, b.sentence),
            _jaccard(a.names, b.names), _jaccard(a.numbers, b.numbers), _jaccard(a.times, b.times),
            _jaccard(a.places, b.places), _jaccard(a.context, b.context),
            1.0 if same_doc else doc_sim.get((a.doc, b.doc), 0.0), same_sub, same_doc,
            same_doc and a.sent == b.sent, a.pos == "VERB" and b.pos == "VERB", a.pos == "NOUN" and b.pos == "NOUN",
            a.pos in {"PRON", "DET"} or b.pos in {"PRON", "DET"}, _jaccard(a.words, b.words),
            len(a.words) > 1 or len(b.words) > 1,
            1.0 if same_doc else doc_same.get((a.doc, b.doc), 0.0),
            low, max(spread[i], spread[j]), together, (a.sent == 0) + (b.sent == 0),
            prefix / max(1, min(len(a.lemma), len(b.lemma))), prefix >= 5, low * (not same_stem),
            alike(company, a, b) if same_sub else 0.0, alike(sentences, a, b) if same_sub else 0.0,
            *_entity_features(a, b), *_interactions(same_stem, rate, same_sub, same_doc,
                                                    1.0 if same_doc else doc_same.get((a.doc, b.doc), 0.0))])
    out = np.array(rows, dtype=float)
    if embedded is not None and len(pairs):
        i, j = np.array(pairs).T
        out = np.hstack([out, (embedded[i] * embedded[j]).sum(1, keepdims=True)])
    return out


def _interactions(same_stem: bool, rate: float, same_sub: bool, same_doc: bool, same_event: float) -> list[float]:
    """Products the linear model cannot form: a word pair's coreference rate counts for more
    when the two articles tell of one event."""
    return [rate * same_event, same_stem * same_event, rate * same_sub, same_stem * same_sub,
            rate * same_doc]


def _entity_features(a: Profile, b: Profile) -> list[float]:
    """Do the two mentions' sentences, and the words they govern, name the same participants,
    places and times, or different ones of the same kind."""
    out = []
    for kind in ("HUM:", "LOC:", "TIM:"):
        ea = {e for e in a.entities if e.startswith(kind)}
        eb = {e for e in b.entities if e.startswith(kind)}
        out += [_jaccard(ea, eb), _conflict(ea, eb)]
    near_a, near_b = dict(a.nearest), dict(b.nearest)
    both = [k for k in near_a if k in near_b]
    out += [_jaccard(a.linked, b.linked), bool(a.linked & b.linked), _conflict(a.linked, b.linked),
            sum(near_a[k] == near_b[k] for k in both), sum(near_a[k] != near_b[k] for k in both)]
    return out


def cluster_pair_features(ps: Sequence[Profile], pairs: Sequence[tuple[int, int]], x: np.ndarray,
                          probs: np.ndarray, clusters: Sequence[Sequence[int]], sub: Mapping[str, Hashable],
                          ) -> tuple[list[tuple[int, int]], np.ndarray]:
    """How alike two first-pass clusters of one topic are (internal: the order is the model's):
    the mean of the mention-pair features (`x`, rows as `pairs`) and probabilities over their
    cross pairs, the best pair, their sizes, the articles they share, the company their
    mentions keep, their shared stems and how much of their sub-topic each covers. Returns the
    cluster pairs (indices into `clusters`) that have a cross pair, and one row each.

    Why a second look: one pair of mentions says little when the words differ (quake and
    earthquake, cut and damage in another topic than Train's), but two clusters of a dozen
    mentions each that keep the same company in the same articles are one event more often
    than their mean pair probability says."""
    label = np.empty(len(ps), dtype=int)
    for c, members in enumerate(clusters):
        label[list(members)] = c
    if not len(pairs):
        return [], np.zeros((0, x.shape[1] + 10))
    i, j = np.array(pairs).T
    lo, hi = np.minimum(label[i], label[j]), np.maximum(label[i], label[j])
    cross = np.flatnonzero(lo != hi)
    if not len(cross):
        return [], np.zeros((0, x.shape[1] + 10))
    code = lo[cross] * len(clusters) + hi[cross]
    order = cross[np.argsort(code, kind="stable")]
    code = np.sort(code, kind="stable")
    starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
    counts = np.diff(np.r_[starts, len(code)])[:, None]
    mean_x = np.add.reduceat(x[order], starts, axis=0) / counts
    mean_p = np.add.reduceat(probs[order], starts) / counts[:, 0]
    max_p = np.maximum.reduceat(probs[order], starts)
    company, sentences, articles, stems = [], [], [], []
    for members in clusters:
        company.append(Counter(w for m in members for w in ps[m].context | ps[m].args | ps[m].entities))
        sentences.append(Counter(w for m in members for w in ps[m].sentence - {ps[m].lemma}))
        articles.append({ps[m].doc for m in members})
        stems.append({ps[m].stem for m in members})
    sub_size = Counter(sub[d] for d in {p.doc for p in ps})
    cover = [len(a) / sum(sub_size[s] for s in {sub[d] for d in a}) for a in articles]  # of the sub-topics it is in
    keys, rows = [], []
    for k, c in enumerate(code[starts]):
        a, b = divmod(int(c), len(clusters))
        keys.append((a, b))
        rows.append([mean_p[k], max_p[k], math.log(len(clusters[a]) * len(clusters[b])),
                     abs(math.log(len(clusters[a]) / len(clusters[b]))),
                     len(articles[a] & articles[b]) / min(len(articles[a]), len(articles[b])),
                     _counter_cos(company[a], company[b]), _counter_cos(sentences[a], sentences[b]),
                     _jaccard(stems[a], stems[b]), min(cover[a], cover[b]), max(cover[a], cover[b])])
    return keys, np.hstack([mean_x, np.array(rows)])


def _counter_cos(ca: Counter, cb: Counter) -> float:
    """Cosine of two bags of words."""
    norm = math.sqrt(sum(v * v for v in ca.values()) * sum(v * v for v in cb.values())) or 1.0
    if len(ca) > len(cb):
        ca, cb = cb, ca
    return sum(v * cb.get(w, 0) for w, v in ca.items()) / norm


def merge_clusters(clusters: Sequence[Sequence[int]], keys: Sequence[tuple[int, int]], probs: np.ndarray,
                   threshold: float) -> list[list[int]]:
    """Clusters joined by average link over the cluster-pair probabilities."""
    sims = np.zeros((len(clusters), len(clusters)))
    for (a, b), p in zip(keys, probs):
        sims[a, b] = sims[b, a] = p
    return [sorted(m for c in group for m in clusters[c]) for group in average_link(sims, threshold)]


def join_clusters(ps: Sequence[Profile], pairs: Sequence[tuple[int, int]], x: np.ndarray, probs: np.ndarray,
                  clusters: Sequence[Sequence[int]], sub: Mapping[str, Hashable], model: "Logistic",
                  threshold: float, rounds: int = 10) -> list[list[int]]:
    """The second look: first-pass clusters joined by the cluster-pair model, again and again
    with features of the joined clusters, until no pair is above `threshold`. Repeating reads
    0.7874 out of fold on ECB+ Train against 0.7855 for one round (docs/EVAL.md)."""
    clusters = [list(c) for c in clusters]
    for _ in range(rounds):
        keys, rows = cluster_pair_features(ps, pairs, x, probs, clusters, sub)
        joined = merge_clusters(clusters, keys, model.predict(rows), threshold)
        if len(joined) == len(clusters):
            break
        clusters = joined
    return clusters


# -- the model ------------------------------------------------------------------------------

@dataclass
class Logistic:
    weights: np.ndarray   # bias first, then one weight per standardised feature
    mean: np.ndarray
    scale: np.ndarray

    def predict(self, x: np.ndarray) -> np.ndarray:
        if not len(x):
            return np.zeros(0)
        z = self.weights[0] + ((x - self.mean) / self.scale) @ self.weights[1:]
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def fit(cls, x: np.ndarray, y: np.ndarray, l2: float = 0.01, rounds: int = 25) -> "Logistic":
        """Newton's method on the L2-penalised log loss (features are few, rows many)."""
        mean, scale = x.mean(0), x.std(0) + 1e-9
        z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
        w = np.zeros(z.shape[1])
        for _ in range(rounds):
            p = 1.0 / (1.0 + np.exp(-z @ w))
            grad = z.T @ (p - y) + l2 * w
            hess = (z * (p * (1 - p))[:, None]).T @ z + l2 * np.eye(len(w))
            w -= np.linalg.solve(hess, grad)
        return cls(w, mean, scale)

    def to_json(self) -> dict:
        return {"weights": self.weights.round(6).tolist(), "mean": self.mean.round(6).tolist(),
                "scale": self.scale.round(6).tolist()}

    @classmethod
    def from_json(cls, d: dict) -> "Logistic":
        return cls(np.array(d["weights"]), np.array(d["mean"]), np.array(d["scale"]))


@dataclass
class Model:
    document: Logistic
    mention: Logistic
    words: WordPairs
    subtopic_threshold: float = -0.1  # margin over the topic mean (see subtopics)
    threshold: float = 0.3
    embeddings: bool = False          # its mention features end with the embedding cosine
    cluster: Logistic | None = None   # the second look at pairs of first-pass clusters, if learned
    cluster_threshold: float = 0.5


@functools.lru_cache(maxsize=2)
def load_model(embeddings: bool = False) -> Model:
    """The lexical model, or with `embeddings` the one that also reads MiniLM cosines."""
    data = models.read_json(MODEL_FILE)
    if data is None:
        raise FileNotFoundError(f"storyline/models/{MODEL_FILE} is missing; rebuild it with scripts/train_event_coref.py")
    if embeddings:  # its own weights and thresholds; the word-pair counts are the same
        data = {k: v for k, v in data.items() if k not in ("cluster", "cluster_threshold")}
        data |= models.read_json(EMBEDDING_MODEL_FILE) or {}
    cluster = Logistic.from_json(data["cluster"]) if "cluster" in data else None
    return Model(Logistic.from_json(data["document"]), Logistic.from_json(data["mention"]),
                 WordPairs(data["word_pairs"], data["words"]), data["subtopic_threshold"], data["threshold"],
                 bool(data.get("embeddings", False)), cluster, data.get("cluster_threshold", 0.5))


# -- clustering -----------------------------------------------------------------------------

def average_link(sims: np.ndarray, threshold: float) -> list[list[int]]:
    """Agglomerative clustering: merge the two groups with the highest mean pairwise similarity
    while it exceeds `threshold`. O(n^2) per merge, vectorised."""
    n = len(sims)
    if n == 0:
        return []
    total = np.array(sims, dtype=float)
    np.fill_diagonal(total, 0.0)
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    members = [[i] for i in range(n)]
    while alive.sum() > 1:
        mean = total / np.outer(size, size)
        mean[~alive, :] = -np.inf
        mean[:, ~alive] = -np.inf
        np.fill_diagonal(mean, -np.inf)
        a, b = divmod(int(mean.argmax()), n)
        if mean[a, b] <= threshold:
            break
        total[a, :] += total[b, :]
        total[:, a] += total[:, b]
        total[a, a] = 0.0
        size[a] += size[b]
        alive[b] = False
        members[a] += members[b]
        members[b] = []
    return [sorted(m) for m in members if m]


def _topics_of(docs, topics):
    return dict(topics) if topics is not None else document_topics(docs)


def resolve(docs: Mapping[str, object], mentions: Sequence[EventMention], *,
            topics: Mapping[str, Hashable] | None = None, model: Model | None = None,
            entities: Sequence[EntityMention] | None = None) -> list[set]:
    """Clusters of mention ids. `topics` (article -> topic) replaces the predicted topics when given;
    `entities` are the documents' entity mentions (None: the parser's named entities). Without a
    `model`, the embedding model when `use_embeddings()`, else the lexical one."""
    model = model or load_model(use_embeddings())
    topics = _topics_of(docs, topics)
    ps = profiles(docs, mentions, entities)
    embedded = embed(docs, mentions) if model.embeddings else None
    same_event = document_pairs(docs, topics, ps, model, entities)
    sub = subtopics(topics, same_event, model.subtopic_threshold)
    vectors = _tfidf({d: _bag(docs[d]) for d in docs})
    doc_sim = {k: _cos(vectors[k[0]], vectors[k[1]]) for k in same_event}
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for i, p in enumerate(ps):
        groups[topics[p.doc]].append(i)
    clusters = []
    for ids in groups.values():
        if len(ids) == 1:
            clusters.append({mentions[ids[0]].id})
            continue
        pairs = list(combinations(range(len(ids)), 2))
        local = [ps[i] for i in ids]
        x = mention_pair_features(local, pairs, model.words, doc_sim, same_event, sub,
                                  embedded[ids] if embedded is not None else None)
        probs = model.mention.predict(x)
        sims = np.zeros((len(ids), len(ids)))
        for (a, b), p in zip(pairs, probs):
            sims[a, b] = sims[b, a] = p
        found = average_link(sims, model.threshold)
        if model.cluster is not None:
            found = join_clusters(local, pairs, x, probs, found, sub, model.cluster, model.cluster_threshold)
        clusters += [{mentions[ids[k]].id for k in c} for c in found]
    return clusters


def same_lemma(docs: Mapping[str, object], mentions: Sequence[EventMention], *,
               topics: Mapping[str, Hashable] | None = None) -> list[set]:
    """The usual baseline: within a topic, mentions whose heads share a lemma are one event."""
    topics = _topics_of(docs, topics)
    groups: dict[tuple, set] = defaultdict(set)
    for m in mentions:
        groups[topics[m.doc], _head(docs[m.doc], m.tokens).lemma_.lower()].add(m.id)
    return list(groups.values())
