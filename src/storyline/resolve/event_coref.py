"""Cross-article event coreference: which event mentions, across articles, tell of one event.

Input: event mentions (`Mention`: an id, its article, and the `EventProfile` that
analyse/event_profiles.py took from the parse) and each article's `DocumentProfile`. Output:
clusters of mention ids. `resolve` is the one resolver: ingest calls it through `rebuild` over
what the store holds, and `storyline eval ecbplus` calls it over ECB+'s articles. Four steps:

  1. `document_topics`: articles grouped by what they are about (average link over tf-idf
     cosines of their content lemmas). Blocked: only articles that share one of each other's
     most telling words (the highest tf-idf weights, among words in at most `BLOCK_DF` articles)
     are compared, and average link runs inside each connected group, cut harder when one
     grows past `MAX_TOPIC` articles, so the cost grows with the articles, not their square.
  2. `document_pairs`: inside a topic, how likely two articles tell of the same particular
     event (the same earthquake, not two earthquakes), from a small logistic model over
     within-topic tf-idf, shared names, numbers, weekdays, places and event words;
     `subtopics` groups them, cutting relative to the topic's usual pair.
  3. mention pairs inside a topic (`mention_pairs`: blocked, see there) are scored by a
     second logistic model (same lemma or stem, how often the two lemmas corefer in the
     training data, shared arguments, sentence context, names, numbers, times and places, the
     named entities around and under each, the two articles' similarity and same-event
     probability, how widespread each word is in the sub-topic and how alike the company two
     words keep there) and grouped by average link above a threshold.
  4. `join_clusters`: a second look at pairs of those clusters (a third logistic model over
     the mean of their mention-pair features, their sizes, shared articles and the company
     their mentions keep), joining them by average link, again until nothing more joins.

Features are computed for all pairs at once with sparse matrices (scipy), and average link
runs on each connected group of pairs above the threshold (scipy's UPGMA), so a few thousand
events take a fraction of a second.

The weights and word-pair counts are learned from ECB+ Train by `scripts/train_event_coref.py`
from the same profiles, and kept in `models/event_coref.json` (numbers and stems only, no text).

Embeddings (STORYLINE_EVENT_EMBEDDINGS=on, when the MiniLM backend loads): a second set of
weights, `models/event_coref_emb.json`, learned the same way with one more mention-pair feature,
the mean of two MiniLM cosines: of the two mentions' own words and of their words read in their
sentences (`embed`). Off by default: a model run per sentence costs more than ingest can spare
(docs/EVAL.md has both figures and their throughput).
"""
from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Hashable, Mapping, Sequence

import numpy as np
from scipy import sparse

from storyline import models
from storyline.records import DocumentProfile, profiles_from_json
from storyline.vocabulary import TELLING_KINDS
from storyline.resolve.event_features import (Index, Mention, PairTable, WordPairs, cluster_pair_features,
                                              document_pair_features, mention_pair_features, rowdot)

__all__ = ["Mention", "Model", "Logistic", "resolve", "same_lemma", "rebuild", "document_topics", "document_pairs",
           "subtopics", "mention_pairs", "merge_clusters", "join_clusters", "average_link", "link", "Index",
           "load_model", "MODEL_FILE", "EMBEDDING_MODEL_FILE", "use_embeddings", "embed", "encode"]

MODEL_FILE = "event_coref.json"
EMBEDDING_MODEL_FILE = "event_coref_emb.json"  # the same model with the embedding feature
TOPIC_THRESHOLD = 0.04  # tf-idf cosine, average link; chosen on ECB+ Train (topic B3 F1 0.92)
SUBTOPIC_FLOOR = 0.3    # two articles less likely than this to tell of one event stay apart
BLOCK_WORDS = 20        # an article is compared with those holding one of its 20 most telling words
BLOCK_DF = 100          # a word in more articles than this blocks nothing on its own
MAX_TOPIC = 300         # a topic of more articles is cut at a higher similarity
# In a topic of more articles, each article's mentions meet those of its 15 likeliest; the
# second look joins clusters in two rounds. Chosen on ECB+ Train out of fold for cost: 0.7781
# against 0.7784 for 20 articles and ten rounds (12 articles: 0.7730; one round: 0.7773).
NEIGHBOURS = 15
JOIN_ROUNDS = 2
_ROWS = 4096            # rows of pair features scored at a time (Logistic.predict)


# -- documents -----------------------------------------------------------------------------------

def _candidate_documents(tfidf: sparse.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of articles where one holds one of the other's `BLOCK_WORDS` most telling
    words, among words found in 2 to `BLOCK_DF` articles: the only pairs ever compared."""
    n = tfidf.shape[0]
    if n < 2:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    df = np.bincount(tfidf.indices, minlength=tfidf.shape[1])
    keep = ((df >= 2) & (df <= BLOCK_DF))[tfidf.indices]
    rows = np.repeat(np.arange(n), np.diff(tfidf.indptr))[keep]
    cols, weight = tfidf.indices[keep], tfidf.data[keep]
    usable = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=tfidf.shape)
    # each article's most telling usable words: its entries ranked by weight
    order = np.lexsort((-weight, rows))
    first = np.searchsorted(rows[order], rows[order], side="left")
    top = order[np.arange(len(order)) - first < BLOCK_WORDS]
    telling = sparse.csr_matrix((np.ones(len(top)), (rows[top], cols[top])), shape=tfidf.shape)
    found = sparse.triu(telling @ usable.T + usable @ telling.T, k=1).tocoo()
    return found.row.astype(np.int64), found.col.astype(np.int64)


def document_topics(index: Index, threshold: float = TOPIC_THRESHOLD) -> dict[str, int]:
    """Article -> topic number, by average link over the tf-idf cosines of blocked pairs."""
    n = len(index.names)
    i, j = _candidate_documents(index.tfidf)
    sims = rowdot(index.tfidf, i, j)
    groups = link(n, i, j, sims, threshold, cap=MAX_TOPIC)
    return {index.names[d]: k for k, group in enumerate(groups) for d in group}


def _within(groups: Mapping[Hashable, list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Every pair (i < j) inside each group of indices."""
    out_i, out_j = [], []
    for members in groups.values():
        m = np.array(sorted(members), dtype=np.int64)
        if len(m) < 2:
            continue
        a, b = np.triu_indices(len(m), 1)
        out_i.append(m[a])
        out_j.append(m[b])
    if not out_i:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate(out_i), np.concatenate(out_j)


def document_pairs(index: Index, topics: Mapping[str, Hashable], model: "Model") -> PairTable:
    """For every pair of articles of one topic: the probability that they tell of the same
    particular event (value 0) and their tf-idf cosine (value 1)."""
    i, j, x = document_pair_features(index, topics)
    return PairTable(len(index.names), i, j, model.document.predict(x), x[:, 2] if len(x) else np.zeros(0))


def subtopics(topics: Mapping[Hashable, Hashable], pairs: Mapping[tuple, float] | PairTable, margin: float,
              floor: float = SUBTOPIC_FLOOR, order: Sequence[Hashable] | None = None) -> dict[Hashable, tuple]:
    """Articles of each topic grouped by same-event probability (average link), merging while
    two groups are more alike than the topic's mean pair plus `margin` (and above `floor`).

    Relative to the topic, because the probabilities of one topic move together: two look-alike
    events (two DUI arrests of one team's players) give cross pairs near 0.5 and inner pairs
    near 0.9, where another topic's inner pairs sit at 0.6. `pairs` is keyed as `topics` is, or
    is a PairTable over the articles' positions in `order`."""
    groups: dict[Hashable, list] = defaultdict(list)
    for d in sorted(topics):
        groups[topics[d]].append(d)
    position = {d: k for k, d in enumerate(order)} if order is not None else {}
    out = {}
    for t, names in groups.items():
        if len(names) == 1:
            out[names[0]] = (t, 0)
            continue
        if isinstance(pairs, PairTable):
            at = np.array([position[d] for d in names])
            a, b = np.meshgrid(at, at, indexing="ij")
            sims = pairs.get(a.ravel(), b.ravel()).reshape(len(names), len(names))
            np.fill_diagonal(sims, 0.0)
        else:
            sims = np.array([[pairs.get((a, b), 0.0) for b in names] for a in names])
        n = len(names)
        mean = (sims.sum() / (n * (n - 1))) if n > 1 else 0.0
        for k, cluster in enumerate(average_link(sims, max(floor, mean + margin))):
            for i in cluster:
                out[names[i]] = (t, k)
    return out


# -- mention pairs --------------------------------------------------------------------------------

def mention_pairs(index: Index, topics: Mapping[str, Hashable], documents: PairTable | None = None,
                  words: WordPairs | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The mention pairs (i < j) that are scored. With `words`, the product's blocking: every
    pair in one article, and across articles of one topic the mentions of one stem or of two
    stems seen coreferring in training (`WordPairs.partners`); in a topic of more than
    `NEIGHBOURS` articles an article's mentions meet only those of the `NEIGHBOURS` articles
    likeliest to tell of the same event (`documents`), so the pairs grow with the articles, not
    their square. Without `words`, every pair inside a topic (for comparison in training).

    Chosen on ECB+ Train out of fold (scripts/train_event_coref.py prints it beside every pair
    of a topic): about a tenth of the pairs for a hundredth of CoNLL F1. Two mentions of
    different words in two articles are seldom one event unless training saw those words
    corefer."""
    topic_of = [topics[d] for d in index.names]
    if words is None:
        by_topic: dict[Hashable, list[int]] = defaultdict(list)
        for k, d in enumerate(index.doc.tolist()):
            by_topic[topic_of[d]].append(k)
        return _within(by_topic)
    by_doc: dict[int, list[int]] = defaultdict(list)
    by_stem: dict[tuple, list[int]] = defaultdict(list)
    for k, d in enumerate(index.doc.tolist()):
        by_doc[d].append(k)
        by_stem[topic_of[d], index.stems[k]].append(k)
    parts = [_within(by_doc)]
    for (t, stem), members in by_stem.items():
        if len(members) > 1:
            parts.append(_within({0: members}))
        for other in words.partners.get(stem, ()):
            if other > stem and (t, other) in by_stem:
                parts.append(_across(members, by_stem[t, other]))
    i = np.concatenate([p[0] for p in parts])
    j = np.concatenate([p[1] for p in parts])
    di, dj = index.doc[i], index.doc[j]
    keep = di != dj
    keep[:len(parts[0][0])] = True  # the pairs of one article
    allowed = _neighbour_pairs(index, topics, documents)
    if allowed is not None:
        big, codes = allowed
        n = len(index.names)
        keep &= (di == dj) | ~big[di] | np.isin(np.minimum(di, dj) * n + np.maximum(di, dj), codes)
    i, j = i[keep], j[keep]
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    code = _sorted_unique(lo * len(index.mentions) + hi)
    return code // len(index.mentions), code % len(index.mentions)


def _across(a: Sequence[int], b: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.meshgrid(np.array(a, dtype=np.int64), np.array(b, dtype=np.int64), indexing="ij")
    return x.ravel(), y.ravel()


def _neighbour_pairs(index: Index, topics: Mapping[str, Hashable], documents: PairTable | None):
    """For topics of more than `NEIGHBOURS` articles: which articles are in one (a mask), and
    the codes (min * n + max) of their article pairs that are allowed (each article's
    `NEIGHBOURS` likeliest to tell of the same event); None when there is no such topic."""
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for d, s in topics.items():
        if d in index.doc_of:
            groups[s].append(index.doc_of[d])
    big = [np.array(m, dtype=np.int64) for m in groups.values() if len(m) > NEIGHBOURS]
    if not big:
        return None
    n = len(index.names)
    codes = []
    for members in big:
        a, b = np.meshgrid(members, members, indexing="ij")
        p = documents.get(a.ravel(), b.ravel()).reshape(len(members), len(members)) if documents is not None \
            else np.zeros((len(members), len(members)))
        np.fill_diagonal(p, -1.0)
        best = np.argsort(-p, axis=1, kind="stable")[:, :NEIGHBOURS]
        x = np.repeat(members, NEIGHBOURS)
        y = members[best.ravel()]
        codes.append(np.minimum(x, y) * n + np.maximum(x, y))
    mask = np.zeros(n, dtype=bool)
    mask[np.concatenate(big)] = True
    return mask, _sorted_unique(np.concatenate(codes))


def _sorted_unique(codes: np.ndarray) -> np.ndarray:
    """np.unique of integer codes by sorting: numpy's hashing unique took 0.1 s where sorting
    the half million pair codes of a 200-article topic takes 0.015 s."""
    codes = np.sort(codes)
    return codes[np.r_[True, codes[1:] != codes[:-1]]] if len(codes) else codes


# -- clusters of mentions ----------------------------------------------------------------------------

def merge_clusters(clusters: Sequence[Sequence[int]], keys: Sequence[tuple[int, int]], probs: np.ndarray,
                   threshold: float) -> list[list[int]]:
    """Clusters joined by average link over the cluster-pair probabilities."""
    a = np.array([k[0] for k in keys], dtype=np.int64)
    b = np.array([k[1] for k in keys], dtype=np.int64)
    groups = link(len(clusters), a, b, np.asarray(probs, dtype=float), threshold)
    return [sorted(m for c in group for m in clusters[c]) for group in groups]


def join_clusters(index: Index, i: np.ndarray, j: np.ndarray, x: np.ndarray, probs: np.ndarray,
                  clusters: Sequence[Sequence[int]], sub: Mapping[str, Hashable], model: "Logistic",
                  threshold: float, rounds: int = JOIN_ROUNDS) -> list[list[int]]:
    """The second look: first-pass clusters joined by the cluster-pair model, again with
    features of the joined clusters, up to `rounds` times or until nothing more joins."""
    clusters = [list(c) for c in clusters]
    for _ in range(rounds):
        keys, rows = cluster_pair_features(index, i, j, x, probs, clusters, sub)
        joined = merge_clusters(clusters, keys, model.predict(rows), threshold)
        if len(joined) == len(clusters):
            break
        clusters = joined
    return clusters


def average_link(sims: np.ndarray, threshold: float) -> list[list[int]]:
    """Agglomerative clustering: merge the two groups with the highest mean pairwise similarity
    while it exceeds `threshold` (UPGMA on 1 - similarity)."""
    from scipy.spatial.distance import squareform
    n = len(sims)
    if n < 2:
        return [[0]] if n else []
    sims = np.array(sims, dtype=float)
    distance = np.clip(1.0 - (sims + sims.T) / 2, 0.0, None)  # a cosine may pass 1 by a rounding
    return _upgma(squareform(distance, checks=False), n, threshold)  # the upper triangle, row by row


def _upgma(condensed: np.ndarray, n: int, threshold: float) -> list[list[int]]:
    """average_link over the condensed distances of `n` items."""
    from scipy.cluster.hierarchy import fcluster, linkage
    labels = fcluster(linkage(condensed, method="average"), t=np.nextafter(1.0 - threshold, -np.inf),
                      criterion="distance")
    groups: dict[int, list[int]] = defaultdict(list)
    for k, label in enumerate(labels.tolist()):
        groups[label].append(k)
    return sorted(groups.values())


def _sparse_average_link(n: int, i: np.ndarray, j: np.ndarray, sims: np.ndarray, threshold: float):
    """average_link of the symmetric matrix with `sims` at (i, j) and (j, i) and 0 elsewhere, its
    condensed distances written directly: for a group of two thousand mentions the n x n
    matrices cost more than the clustering. (v + v) / 2 is v exactly, so the distances are the
    same numbers; a pair given twice leaves the matrix asymmetric, and takes the matrix's way."""
    off = i != j  # the diagonal is not read
    lo, hi = np.minimum(i, j)[off], np.maximum(i, j)[off]
    at = n * lo - lo * (lo + 1) // 2 + (hi - lo - 1)  # position in the upper triangle, row by row
    if len(_sorted_unique(at)) != len(at):
        dense = np.zeros((n, n))
        dense[i, j] = sims
        dense[j, i] = sims
        return average_link(dense, threshold)
    condensed = np.ones(n * (n - 1) // 2)
    condensed[at] = np.clip(1.0 - sims[off], 0.0, None)
    return _upgma(condensed, n, threshold)


def link(n: int, i: np.ndarray, j: np.ndarray, sims: np.ndarray, threshold: float,
         cap: int | None = None) -> list[list[int]]:
    """Average link over `n` items whose only non-zero similarities are `sims` of pairs (i, j):
    run inside each connected group of pairs above `threshold` (items in different groups can
    never reach a mean above it). A group of more than `cap` items is cut at a higher threshold."""
    from scipy.sparse.csgraph import connected_components
    strong = sims > threshold
    graph = sparse.csr_matrix((np.ones(int(strong.sum())), (i[strong], j[strong])), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    size = np.bincount(label, minlength=label.max() + 1 if n else 0)
    out = [[k] for k in np.flatnonzero(size[label] == 1).tolist()]
    inside = np.flatnonzero((label[i] == label[j]) & (size[label[i]] > 1)) if len(i) else np.zeros(0, dtype=np.int64)
    local = np.zeros(n, dtype=np.int64)
    by_group = np.argsort(label, kind="stable")
    bounds = np.r_[0, np.cumsum(size)]
    pairs_by = inside[np.argsort(label[i[inside]], kind="stable")]
    pair_bounds = np.r_[0, np.cumsum(np.bincount(label[i[pairs_by]], minlength=len(size)))]
    for c in np.flatnonzero(size > 1).tolist():
        items = by_group[bounds[c]:bounds[c + 1]]
        local[items] = np.arange(len(items))
        ps = pairs_by[pair_bounds[c]:pair_bounds[c + 1]]
        li, lj, v = local[i[ps]], local[j[ps]], sims[ps]
        if cap is not None and len(items) > cap:
            higher = max(threshold * 1.25, threshold + 0.01)
            groups = link(len(items), li, lj, v, higher, cap)
        elif len(items) == 2:
            groups = [[0, 1]]  # two items joined by a pair above the threshold
        else:
            groups = _sparse_average_link(len(items), li, lj, v, threshold)
        out += [items[g].tolist() for g in groups]
    return sorted(sorted(g) for g in out)


# -- the model ------------------------------------------------------------------------------------

@dataclass
class Logistic:
    weights: np.ndarray   # bias first, then one weight per standardised feature
    mean: np.ndarray
    scale: np.ndarray

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Probabilities, `_ROWS` rows at a time: over a quarter of a million mention pairs the
        whole-matrix temporaries cost twenty times the arithmetic (fresh pages, threads), and each
        row's value is the same either way."""
        out = np.empty(len(x))
        for lo in range(0, len(x), _ROWS):
            z = self.weights[0] + ((x[lo:lo + _ROWS] - self.mean) / self.scale) @ self.weights[1:]
            out[lo:lo + _ROWS] = 1.0 / (1.0 + np.exp(-z))
        return out

    @classmethod
    def fit(cls, x: np.ndarray, y: np.ndarray, l2: float = 0.01, rounds: int = 25) -> "Logistic":
        """Newton's method on the L2-penalised log loss (features are few, rows many)."""
        mean, scale = x.mean(0), x.std(0)
        scale = np.where(scale > 1e-6, scale, 1.0)  # a feature constant in training reads as 0
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
        scale = np.array(d["scale"])
        return cls(np.array(d["weights"]), np.array(d["mean"]), np.where(scale > 0, scale, 1.0))


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


# -- embeddings ---------------------------------------------------------------------------------

_ENCODED: dict[str, np.ndarray] = {}  # text -> unit vector, for the life of the process
_IN_CONTEXT: dict[tuple[str, int, int], np.ndarray] = {}  # (sentence, start, end) -> unit vector


def use_embeddings() -> bool:
    """Embeddings are used when STORYLINE_EVENT_EMBEDDINGS is "on" and the backend loads."""
    from storyline import settings
    if settings.current().event_embeddings != "on":
        return False
    from storyline.judge.embeddings import available
    return bool(available()) and models.exists(EMBEDDING_MODEL_FILE)


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


def embed(mentions: Sequence[Mention], documents: Mapping[str, DocumentProfile],
          texts: Mapping[str, str]) -> np.ndarray:
    """Row k for mention k: its words' unit MiniLM vector beside its vector read in its sentence
    (`embed_in_context`), each scaled by 1/sqrt(2), so that the dot product of two rows is the
    mean of the two cosines."""
    words = encode([texts[m.doc][m.profile.start:m.profile.end] for m in mentions])
    return np.hstack([words, embed_in_context(mentions, documents, texts)]) / np.float32(math.sqrt(2))


def embed_in_context(mentions: Sequence[Mention], documents: Mapping[str, DocumentProfile],
                     texts: Mapping[str, str]) -> np.ndarray:
    """A unit MiniLM vector of each mention's words read in their sentence: the mean of the
    model's last hidden states over the wordpieces of the mention. Each distinct sentence runs
    through the model once per process, however many mentions it holds, so "fired" of a gun and
    of a worker differ."""
    from storyline.judge.embeddings import encoder
    if len(_IN_CONTEXT) > 200_000:
        _IN_CONTEXT.clear()
    keys, wanted = [], defaultdict(list)
    for m in mentions:
        s = documents[m.doc].sentences.get(m.profile.sentence)
        text = texts[m.doc]
        lo, hi = (s.start, s.end) if s is not None and s.end > s.start else (m.profile.start, m.profile.end)
        sentence = text[lo:hi].rstrip()
        start = min(max(0, m.profile.start - lo), len(sentence))
        key = (sentence, start, max(start, min(len(sentence), m.profile.end - lo)))
        keys.append(key)
        if key not in _IN_CONTEXT and key[1:] not in wanted[key[0]]:
            wanted[key[0]].append(key[1:])
    sentences = sorted(t for t in wanted if wanted[t])
    if sentences:
        for text, vectors in zip(sentences, encoder().spans(sentences, [wanted[t] for t in sentences])):
            for span, v in zip(wanted[text], vectors):
                _IN_CONTEXT[(text, *span)] = v
    return np.array([_IN_CONTEXT[k] for k in keys], dtype=np.float32).reshape(len(mentions), -1)


# -- resolving ------------------------------------------------------------------------------------

def resolve(mentions: Sequence[Mention], documents: Mapping[str, DocumentProfile], *,
            texts: Mapping[str, str] | None = None, topics: Mapping[str, Hashable] | None = None,
            model: Model | None = None, vectors: np.ndarray | None = None) -> list[set]:
    """Clusters of mention ids: the product's cross-article event resolution (what `rebuild`
    stores at the end of ingest, and what `storyline eval ecbplus` scores).

    `documents`: the profile of every article the mentions are in (others may be given; they
    count in the topics). `topics` (article -> topic) replaces the predicted topics when given.
    Without a `model`, the embedding model when `use_embeddings()`, else the lexical one; the
    embedding model reads `vectors` (`embed`'s rows, one per mention) or computes them from
    `texts` (article -> text)."""
    model = model or load_model(use_embeddings())
    if not mentions:
        return []
    index = Index(mentions, documents)
    topics = dict(topics) if topics is not None else document_topics(index)
    pairs = document_pairs(index, topics, model)
    names = index.names
    sub = subtopics(topics, pairs, model.subtopic_threshold, order=names)
    i, j = mention_pairs(index, topics, pairs, model.words)
    embedded = None
    if model.embeddings:
        embedded = vectors if vectors is not None else embed(mentions, documents, texts or {})
    x = mention_pair_features(index, i, j, model.words, pairs, sub, embedded)
    probs = model.mention.predict(x)
    clusters = link(len(index.mentions), i, j, probs, model.threshold)
    if model.cluster is not None:
        clusters = join_clusters(index, i, j, x, probs, clusters, sub, model.cluster, model.cluster_threshold)
    return [{mentions[k].id for k in c} for c in clusters]


def same_lemma(mentions: Sequence[Mention], documents: Mapping[str, DocumentProfile], *,
               topics: Mapping[str, Hashable] | None = None) -> list[set]:
    """The usual baseline: within a topic (predicted when not given), mentions whose heads
    share a lemma are one event."""
    if topics is None:
        topics = document_topics(Index(mentions, documents)) if mentions else {}
    groups: dict[tuple, set] = defaultdict(set)
    for m in mentions:
        groups[topics[m.doc], m.profile.lemma].add(m.id)
    return list(groups.values())


_DATE = re.compile(r"^\d{4}(?:-|$)")


# -- the store ----------------------------------------------------------------------------------

def rebuild(store) -> int:
    """Resolve every stored event mention that has a profile and rewrite `event_clusters`
    (each event's cluster is the smallest event id in it; an event stored before migration
    0010, without a profile, is alone) and `article_topics` (the articles' topics the resolution
    worked within). Returns the number of clusters of two or more."""
    documents, mentions = {}, []
    ids = defaultdict(dict)
    for r in store.query('SELECT id, article_id, start, "end" FROM events'):
        ids[r["article_id"]][r["start"], r["end"]] = r["id"]
    for r in store.query("SELECT article_id, profile FROM event_profiles"):
        documents[r["article_id"]], events = profiles_from_json(r["profile"])
        known = ids.get(r["article_id"], {})
        mentions += [Mention(known[p.start, p.end], r["article_id"], p) for p in events if (p.start, p.end) in known]
    mentions.sort(key=lambda m: m.id)
    model = load_model(use_embeddings())
    vectors = _stored_vectors(store, mentions, documents) if model.embeddings else None
    topics = document_topics(Index(mentions, documents)) if mentions else {}
    clusters = _split_by_day(resolve(mentions, documents, topics=topics, model=model, vectors=vectors), store)
    cluster_of = {m: min(c) for c in clusters for m in c}
    events = [e for known in ids.values() for e in known.values()]
    with store.transaction() as conn:
        conn.execute("DELETE FROM event_clusters")
        conn.executemany("INSERT INTO event_clusters (event_id, cluster) VALUES (?, ?)",
                         [(e, cluster_of.get(e, e)) for e in events])
        conn.execute("DELETE FROM article_topics")  # what judging keeps claims of one story within
        conn.executemany("INSERT INTO article_topics (article_id, topic) VALUES (?, ?)", sorted(topics.items()))
    return sum(1 for c in clusters if len(c) > 1)


def _split_by_day(clusters: list[set], store) -> list[set]:
    """Clusters of broad kinds (vocabulary.TELLING_KINDS) cut where their mentions' dates cannot name
    one time, while one meeting dated two ways stays one meeting the articles disagree about (resolved_times
    first, else the mention's own TIMEX3 value; "March 2026" holds "4 March 2026", 4 and 6 March
    do not hold each other); mentions with no date stay with the largest part."""
    from storyline.resolve.event_clusters import compatible_times
    rows = {r["id"]: r for r in store.query(
        "SELECT e.id, e.type, coalesce(r.value, e.when_value) AS value FROM events e "
        "LEFT JOIN resolved_times r ON r.event_id = e.id")}
    out = []
    for c in clusters:
        kinds = Counter(rows[m]["type"] for m in c if m in rows)
        if len(c) < 2 or not kinds or kinds.most_common(1)[0][0] not in TELLING_KINDS:
            out.append(c)
            continue
        dated = sorted(((rows[m]["value"], m) for m in c if m in rows and _DATE.match(rows[m]["value"] or "")),
                       key=lambda x: (-len(x[0]), x))
        parts: list[tuple[list[str], set]] = []
        for value, m in dated:
            part = next((p for p in parts if all(compatible_times(value, v) for v in p[0])), None)
            if part is None:
                parts.append(([value], {m}))
            else:
                part[0].append(value)
                part[1].add(m)
        groups = sorted((p[1] for p in parts), key=len, reverse=True) or [set()]
        groups[0] |= set(c) - {m for _, m in dated}
        out.extend(g for g in groups if g)
    return out


def _stored_vectors(store, mentions: Sequence[Mention], documents: Mapping[str, DocumentProfile]) -> np.ndarray:
    """`embed`'s rows for `mentions`, read from event_vectors where computed before; the others
    are computed from the article texts and kept."""
    kept = {(r["article_id"], r["start"], r["end"]): np.frombuffer(r["vector"], dtype=np.float16)
            for r in store.query('SELECT article_id, start, "end", vector FROM event_vectors')}
    key = [(m.doc, m.profile.start, m.profile.end) for m in mentions]
    missing = [k for k, m in enumerate(mentions) if key[k] not in kept]
    if missing:
        docs = sorted({mentions[k].doc for k in missing})
        texts = {}
        for lo in range(0, len(docs), 500):  # within SQLite's limit of bound parameters
            part = docs[lo:lo + 500]
            texts.update((r["id"], r["text"]) for r in store.query(
                f"SELECT id, text FROM articles WHERE id IN ({', '.join('?' * len(part))})", part))
        fresh = embed([mentions[k] for k in missing], documents, texts)
        with store.transaction() as conn:
            conn.executemany('INSERT OR REPLACE INTO event_vectors (article_id, start, "end", vector) VALUES (?, ?, ?, ?)',
                             [(*key[k], v.astype(np.float16).tobytes()) for k, v in zip(missing, fresh)])
        for k, v in zip(missing, fresh):
            kept[key[k]] = v
    return np.array([kept[k] for k in key], dtype=np.float32).reshape(len(mentions), -1)
