"""What event coreference compares, for many pairs at once (internal to resolve/event_coref.py).

`Index` lays the event profiles and document profiles of one resolution out as arrays and
sparse matrices; `document_pair_features`, `mention_pair_features` and
`cluster_pair_features` give one row of features per pair of articles, of mentions or of
clusters, in the order the learned models read them. Sets of several kinds (a mention's
arguments, its sentence's names, ...) share one sparse matrix, so that all their intersections
over a hundred thousand pairs take a couple of sparse products, not a Python loop.

Not a stable API: the feature order is the models' (models/event_coref*.json).
"""
from __future__ import annotations

from collections import defaultdict
from typing import Hashable, Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse

from storyline.records import DocumentProfile, EventProfile, SentenceProfile

__all__ = ["Mention", "Index", "WordPairs", "PairTable", "document_pair_features", "mention_pair_features",
           "cluster_pair_features", "codes", "MENTION_FEATURES", "DOCUMENT_FEATURES", "CLUSTER_FEATURES"]

MENTION_FEATURES = 50   # without the embedding cosine
DOCUMENT_FEATURES = 18
CLUSTER_FEATURES = 10   # besides the mean of the mention-pair features
_CHUNK = 200_000        # pairs at a time, to bound memory
_GRAM_ROWS = 1500       # up to this many rows (clusters, groups), all their products at once


class Mention:
    """One event mention to resolve: any id, its article, and what analysis took of it."""
    __slots__ = ("id", "doc", "profile")

    def __init__(self, id: Hashable, doc: str, profile: EventProfile):
        self.id, self.doc, self.profile = id, doc, profile

    def __repr__(self) -> str:
        return f"Mention({self.id!r}, {self.doc!r}, {self.profile.lemma!r})"


class _Vocab(dict):
    def of(self, word) -> int:
        k = self.get(word)
        if k is None:
            k = self[word] = len(self)
        return k


def codes(values: Iterable[Hashable]) -> np.ndarray:
    """Each value's number, by first appearance."""
    vocab = _Vocab()
    return np.array([vocab.of(v) for v in values], dtype=np.int64)


def _empty() -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)


class _Families:
    """Rows of sets of several kinds, in one 0/1 sparse matrix whose columns are (kind, item)."""

    def __init__(self, rows: Sequence[Sequence[Iterable]], kinds: int):
        vocabs: list[dict] = [{} for _ in range(kinds)]
        local, kind_of_entry, indptr = [], [], [0]
        for row in rows:
            n = 0
            for k, items in enumerate(row):
                if not items:
                    continue
                v = vocabs[k]
                ids = {v.setdefault(w, len(v)) for w in items}
                local.extend(ids)
                kind_of_entry.extend([k] * len(ids))
                n += len(ids)
            indptr.append(indptr[-1] + n)
        offset = np.cumsum([0] + [len(v) for v in vocabs])
        width = max(1, int(offset[-1]))
        indices = np.array(local, dtype=np.int64) + offset[np.array(kind_of_entry, dtype=np.int64)] \
            if local else np.zeros(0, dtype=np.int64)
        self.vocabs = vocabs
        self.m = sparse.csr_matrix((np.ones(len(indices)), indices, np.array(indptr)), shape=(len(rows), width))
        self.columns = [np.arange(offset[k], offset[k + 1]) for k in range(kinds)]
        kind_of = np.repeat(np.arange(kinds), np.diff(offset)) if offset[-1] else np.zeros(1, dtype=np.int64)
        self.kind = sparse.csr_matrix((np.ones(len(kind_of)), (np.arange(len(kind_of)), kind_of)), shape=(width, kinds))
        self.size = (self.m @ self.kind).toarray()

    def inter(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """|A_i & B_j| of every kind, one row per pair."""
        return _blocked_dot(self.m, self.kind, i, j)

    def jaccard(self, k: int, i: np.ndarray, j: np.ndarray, inter: np.ndarray) -> np.ndarray:
        a, b, n = self.size[i, k], self.size[j, k], inter[:, k]
        return np.where((a > 0) & (b > 0), n / np.maximum(a + b - n, 1), 0.0)

    def conflict(self, k: int, i: np.ndarray, j: np.ndarray, inter: np.ndarray) -> np.ndarray:
        """Both name something of a kind (a weekday, a person) and none in common."""
        return ((self.size[i, k] > 0) & (self.size[j, k] > 0) & (inter[:, k] == 0)).astype(float)


def _blocked_dot(m: sparse.csr_matrix, kind: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Row i[p] of m times row j[p], summed over each kind of column: (pairs, kinds). With few
    rows and many pairs, through each kind's Gram matrix; else pair by pair, in chunks."""
    out = np.zeros((len(i), kind.shape[1]))
    if not len(i):
        return out
    if m.shape[0] <= _GRAM_ROWS and len(i) > m.shape[0]:
        kind = sparse.csc_matrix(kind)
        for k in range(kind.shape[1]):
            cols = kind.indices[kind.indptr[k]:kind.indptr[k + 1]]
            if len(cols):
                part = m[:, cols]
                out[:, k] = np.asarray((part @ part.T).todense())[i, j]
        return out
    for lo in range(0, len(i), _CHUNK):
        a, b = i[lo:lo + _CHUNK], j[lo:lo + _CHUNK]
        out[lo:lo + len(a)] = (m[a].multiply(m[b]) @ kind).toarray()
    return out


def _counts(rows: Sequence[Mapping[str, int]]) -> sparse.csr_matrix:
    vocab: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for row in rows:
        indices.extend(vocab.setdefault(w, len(vocab)) for w in row)
        data.extend(row.values())
        indptr.append(len(indices))
    return sparse.csr_matrix((np.array(data, dtype=float), np.array(indices, dtype=np.int64), np.array(indptr)),
                             shape=(len(rows), max(1, len(vocab))))


def tfidf(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """(1 + log count) * log((n + 1) / df), rows of unit length."""
    w = sparse.csr_matrix(counts, dtype=float, copy=True)
    n = w.shape[0]
    df = np.bincount(w.indices, minlength=w.shape[1])
    w.data = (1 + np.log(w.data)) * np.log((n + 1) / np.maximum(df[w.indices], 1))
    return unit_rows(w)


def unit_rows(m) -> sparse.csr_matrix:
    m = sparse.csr_matrix(m, dtype=float)
    norm = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norm[norm == 0] = 1.0
    return sparse.csr_matrix(sparse.diags(1 / norm) @ m)


def rowdot(a: sparse.csr_matrix, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Row i[p] of a dotted with row j[p], for every p."""
    if not len(i):
        return np.zeros(0)
    return _blocked_dot(a, sparse.csr_matrix(np.ones((a.shape[1], 1))), i, j)[:, 0]


def _present(m) -> sparse.csr_matrix:
    m = sparse.csr_matrix(m, dtype=float)
    m.data = (m.data > 0).astype(float)
    m.eliminate_zeros()
    return m


def _one_hot(rows: np.ndarray, cols: np.ndarray, width: int) -> sparse.csr_matrix:
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(int(rows.max()) + 1 if len(rows) else 0, width))


class PairTable:
    """Values of unordered pairs of small integers, looked up for many pairs at once."""

    def __init__(self, n: int, i: np.ndarray, j: np.ndarray, *values: np.ndarray):
        self.n = max(1, n)
        code = np.minimum(i, j) * self.n + np.maximum(i, j)
        order = np.argsort(code)
        self.code = code[order]
        self.values = [np.asarray(v, dtype=float)[order] for v in values]

    def _find(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        code = np.minimum(i, j) * self.n + np.maximum(i, j)
        if not len(self.code):
            return np.zeros(len(code), dtype=np.int64), np.zeros(len(code), dtype=bool)
        at = np.minimum(np.searchsorted(self.code, code), len(self.code) - 1)
        return at, self.code[at] == code

    def get(self, i: np.ndarray, j: np.ndarray, which: int = 0) -> np.ndarray:
        """The value of each pair (0 for a pair not in the table)."""
        return self.lookup(i, j)[1][which]

    def lookup(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        """Whether each pair is in the table, and every value of each (0 where not), from one
        search: a quarter of a million mention pairs read two values each."""
        at, found = self._find(i, j)
        if not len(self.code):
            return found, [np.zeros(len(at)) for _ in self.values]
        return found, [np.where(found, v[at], 0.0) for v in self.values]

    def as_dict(self, which: int = 0, names: Sequence | None = None) -> dict[tuple, float]:
        """Both orders of every pair, by index or by `names[index]`."""
        out = {}
        lo, hi = np.divmod(self.code, self.n)
        for a, b, v in zip(lo.tolist(), hi.tolist(), self.values[which].tolist()):
            if names is not None:
                a, b = names[a], names[b]
            out[a, b] = out[b, a] = v
        return out


# The kinds of sets each mention's sentence and each mention carries, in _Families' order.
_SENTENCE_SETS = ("sentence", "names", "numbers", "times", "places", "HUM:", "LOC:", "TIM:")
_OWN_SETS = ("args", "context", "words", "linked")
_DOCUMENT_SETS = ("numbers", "weekdays", "months", "places", "entities", "names", "people", "events", "arguments",
                  "event_arguments")


class Index:
    """The mentions and articles of one resolution, as arrays and sparse matrices."""

    def __init__(self, mentions: Sequence[Mention], documents: Mapping[str, DocumentProfile]):
        self.mentions = list(mentions)
        self.names = sorted(documents)
        self.doc_of = {d: k for k, d in enumerate(self.names)}
        ps = [m.profile for m in self.mentions]
        self.doc = np.array([self.doc_of[m.doc] for m in self.mentions], dtype=np.int64)
        self.sent = np.array([p.sentence for p in ps], dtype=np.int64)
        self.stems = [p.stem for p in ps]
        self.lemmas = [p.lemma for p in ps]
        self.stem, self.lemma, self.text = codes(self.stems), codes(self.lemmas), codes(p.text for p in ps)
        self.verb = np.array([p.pos == "VERB" for p in ps])
        self.noun = np.array([p.pos == "NOUN" for p in ps])
        self.pronoun = np.array([p.pos in ("PRON", "DET") for p in ps])
        self.n_words = np.array([len(p.words) for p in ps])
        self.lemma_chars = _char_matrix(self.lemmas)
        self.lemma_len = np.array([len(x) for x in self.lemmas])
        empty = SentenceProfile()
        sents = [documents[m.doc].sentences.get(p.sentence, empty) for m, p in zip(self.mentions, ps)]
        self.sentence_of = codes(zip(self.doc.tolist(), self.sent.tolist()))
        first = {}
        for k, c in enumerate(self.sentence_of.tolist()):
            first.setdefault(c, k)
        self.sentence_sets = _Families([(s.words, s.names, s.numbers, s.times, s.places,
                                         *([e for e in s.entities if e.startswith(k)] for k in ("HUM:", "LOC:", "TIM:")))
                                        for s in (sents[first[c]] for c in range(len(first)))], len(_SENTENCE_SETS))
        self.own_sets = _Families([(p.args, p.context, p.words, p.linked) for p in ps], len(_OWN_SETS))
        heads: dict[str, int] = {}
        slot = {"HUM": 0, "LOC": 1, "TIM": 2}
        self.nearest = np.full((len(ps), 3), -1, dtype=np.int64)
        for row, p in enumerate(ps):
            for kind, head in p.nearest:
                self.nearest[row, slot[kind]] = heads.setdefault(head, len(heads))
        # what a word keeps company with, and its sentence without itself (summed later by sub-topic)
        self.company = _Families([(set(p.context) | set(p.args) | set(s.entities),) for p, s in zip(ps, sents)], 1).m
        self.sentence_rest = _without_own_word(self.sentence_sets, self.sentence_of, self.lemmas)
        docs = [documents[d] for d in self.names]
        self.bags = _counts([d.words for d in docs])
        self.propn = _counts([d.names for d in docs])
        self.tfidf = tfidf(self.bags)
        by_doc: dict[int, list[EventProfile]] = defaultdict(list)
        for k, p in zip(self.doc.tolist(), ps):
            by_doc[k].append(p)
        self.facts = _Families([(d.numbers, d.weekdays, d.months, d.places, d.entities, d.names, d.people,
                                 [p.stem for p in by_doc[k]], [a for p in by_doc[k] for a in p.args],
                                 [f"{p.stem}:{a}" for p in by_doc[k] for a in p.args])
                                for k, d in enumerate(docs)], len(_DOCUMENT_SETS))


def _without_own_word(sentences: _Families, sentence_of: np.ndarray, lemmas: Sequence[str]) -> sparse.csr_matrix:
    """Each mention's sentence words (content lemmas) without its own lemma, as 0/1 rows."""
    rows = sparse.csr_matrix(sentences.m[:, sentences.columns[0]][sentence_of])
    vocab = sentences.vocabs[0]
    own = [(k, vocab[w]) for k, w in enumerate(lemmas) if w in vocab]
    if own:
        r, c = zip(*own)
        rows = rows - rows.multiply(sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=rows.shape))
        rows.eliminate_zeros()
    return sparse.csr_matrix(rows)


def _char_matrix(words: Sequence[str]) -> np.ndarray:
    """Each word's characters as code points in a row, padded with 0."""
    if not words:
        return np.zeros((0, 1), dtype=np.uint32)
    return np.array(list(words), dtype=str).view(np.uint32).reshape(len(words), -1)


# -- articles ------------------------------------------------------------------------------------

def document_pair_features(index: Index, topics: Mapping[str, Hashable]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair (i < j) of articles within a topic, and one row of features each. Inverse
    document frequencies are also taken inside the topic: words every article of it shares
    say nothing there."""
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for d, t in topics.items():
        if d in index.doc_of:
            groups[t].append(index.doc_of[d])
    parts, all_i, all_j = [], [], []
    f = index.facts
    for members in groups.values():
        if len(members) < 2:
            continue
        m = np.array(sorted(members), dtype=np.int64)
        a, b = np.triu_indices(len(m), 1)
        gram = [_gram(tfidf(index.bags[m])), _gram(tfidf(index.propn[m])), _gram(index.tfidf[m])]
        sub = f.m[m]
        inter = np.column_stack([_gram(sub[:, cols])[a, b] for cols in f.columns])
        all_i.append(m[a])
        all_j.append(m[b])
        parts.append((np.column_stack([g[a, b] for g in gram]), inter))
    if not parts:
        i, j = _empty()
        return i, j, np.zeros((0, DOCUMENT_FEATURES))
    i, j = np.concatenate(all_i), np.concatenate(all_j)
    cosines, inter = np.vstack([p[0] for p in parts]), np.vstack([p[1] for p in parts])
    k = {name: n for n, name in enumerate(_DOCUMENT_SETS)}
    cols = [cosines]
    for name in ("numbers", "weekdays", "months"):
        cols += [f.jaccard(k[name], i, j, inter), f.conflict(k[name], i, j, inter)]
    cols += [f.jaccard(k[name], i, j, inter) for name in ("places", "entities", "events", "names")]
    cols += [f.jaccard(k["people"], i, j, inter), f.conflict(k["people"], i, j, inter),
             f.conflict(k["names"], i, j, inter), f.jaccard(k["arguments"], i, j, inter),
             f.jaccard(k["event_arguments"], i, j, inter)]
    return i, j, np.column_stack(cols)


def _gram(m: sparse.csr_matrix) -> np.ndarray:
    """Every row dotted with every row (a topic's articles are few: at most MAX_TOPIC)."""
    return np.asarray((m @ m.T).todense())


# -- mentions ------------------------------------------------------------------------------------

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
        self.partners: dict[str, set[str]] = defaultdict(set)  # stems seen coreferring with another stem
        self.seen_with: dict[str, list[str]] = defaultdict(list)  # stems met in training with another stem
        for (a, b), v in self.pairs.items():
            if a != b:
                self.seen_with[a].append(b)
                if v[0] > 0:
                    self.partners[a].add(b)
                    self.partners[b].add(a)

    def rate(self, a: str, b: str) -> tuple[float, bool]:
        key = (a, b) if a <= b else (b, a)
        pos, tot = self.pairs.get(key, (0, 0))
        prior = self.prior_same if a == b else self.prior_diff
        return (pos + self.k * prior) / (tot + self.k), tot > 0

    def linked(self, a: str) -> float:
        """Share of this word's mentions that corefer with another mention."""
        pos, tot = self.words.get(a, (0, 0))
        return (pos + 2 * self.prior_word) / (tot + 2)

    def table(self, stems: Sequence[str]) -> tuple[PairTable, np.ndarray]:
        """The rates of the stem pairs among `stems` (numbered by first appearance, as `codes`),
        whether each was seen, and the prior of two different unseen stems."""
        number = {}
        for s in stems:
            number.setdefault(s, len(number))
        i, j, rate, seen = [], [], [], []
        for s, a in number.items():  # a stem with itself, seen or not
            r, known = self.rate(s, s)
            i.append(a), j.append(a), rate.append(r), seen.append(known)
        for x in number:
            for y in self.seen_with.get(x, ()):
                if y in number:
                    r, known = self.rate(x, y)
                    i.append(number[x]), j.append(number[y]), rate.append(r), seen.append(known)
        i, j = np.array(i, dtype=np.int64), np.array(j, dtype=np.int64)
        return PairTable(len(number), i, j, np.array(rate), np.array(seen, dtype=float)), \
            np.array([self.linked(s) for s in number])


def mention_pair_features(index: Index, i: np.ndarray, j: np.ndarray, words: WordPairs,
                          documents: PairTable, sub: Mapping[str, Hashable],
                          embedded: np.ndarray | None = None) -> np.ndarray:
    """One row of features per mention pair; `documents` holds each article pair's same-event
    probability (value 0) and tf-idf cosine (value 1); `embedded` (rows as the mentions) adds
    the cosine of the two mentions' vectors."""
    if not len(i):
        return np.zeros((0, MENTION_FEATURES + (embedded is not None)))
    di, dj = index.doc[i], index.doc[j]
    subs = codes(sub[d] for d in index.names)[index.doc]
    same_doc, same_sub, same_stem = di == dj, subs[i] == subs[j], index.stem[i] == index.stem[j]
    spread, together, alike = _sub_topic_company(index, subs, i, j, same_sub)
    table, linked_words = words.table(index.stems)
    si, sj = index.stem[i], index.stem[j]
    known, (rates, seen) = table.lookup(si, sj)
    rates = np.where(known, rates, words.prior_diff)  # unseen: the prior
    la, lb = linked_words[index.stem[i]], linked_words[index.stem[j]]
    _, (same_event, sim) = documents.lookup(di, dj)
    sim = np.where(same_doc, 1.0, sim)
    same_event = np.where(same_doc, 1.0, same_event)
    low, high = np.minimum(spread[i], spread[j]), np.maximum(spread[i], spread[j])
    own = index.own_sets.inter(i, j)
    jac = {name: index.own_sets.jaccard(k, i, j, own) for k, name in enumerate(_OWN_SETS)}
    si, sj, sentences = _distinct(index.sentence_of[i], index.sentence_of[j])
    shared = index.sentence_sets.inter(si, sj)
    jac |= {name: index.sentence_sets.jaccard(k, si, sj, shared)[sentences] for k, name in enumerate(_SENTENCE_SETS)}
    conflict = {name: index.sentence_sets.conflict(k, si, sj, shared)[sentences] for k, name in
                enumerate(_SENTENCE_SETS)}
    prefix = _common_prefix(index.lemma_chars, i, j)
    first = (index.sent[i] == 0).astype(float) + (index.sent[j] == 0)
    cols = [
        same_stem, index.lemma[i] == index.lemma[j], index.text[i] == index.text[j], rates, seen,
        np.minimum(la, lb), np.maximum(la, lb), jac["args"], own[:, _OWN_SETS.index("args")] > 0,
        jac["sentence"], jac["names"], jac["numbers"], jac["times"], jac["places"], jac["context"],
        sim, same_sub, same_doc, same_doc & (index.sent[i] == index.sent[j]),
        index.verb[i] & index.verb[j], index.noun[i] & index.noun[j], index.pronoun[i] | index.pronoun[j],
        jac["words"], (index.n_words[i] > 1) | (index.n_words[j] > 1),
        same_event, low, high, together, first,
        prefix / np.maximum(1, np.minimum(index.lemma_len[i], index.lemma_len[j])), prefix >= 5, low * ~same_stem,
        alike[:, 0], alike[:, 1], *_entity_features(index, i, j, jac, conflict, own),
        rates * same_event, same_stem * same_event, rates * same_sub, same_stem * same_sub, rates * same_doc]
    out = _columns(cols)
    if embedded is not None:
        out = np.hstack([out, (embedded[i] * embedded[j]).sum(1, keepdims=True)])
    return out


def _columns(cols: Sequence[np.ndarray], rows: int = 2048) -> np.ndarray:
    """np.column_stack of float columns, written `rows` rows at a time: stacking fifty columns of
    a quarter of a million pairs at once writes each row fifty times from cold memory."""
    n = len(cols[0])
    out = np.empty((n, len(cols)))
    for lo in range(0, n, rows):
        block = out[lo:lo + rows]
        for k, c in enumerate(cols):
            block[:, k] = c[lo:lo + rows]
    return out


def _sub_topic_company(index: Index, subs: np.ndarray, i: np.ndarray, j: np.ndarray, same_sub: np.ndarray):
    """How widespread each mention's word is in its sub-topic (share of the sub-topic's articles
    that use it), how much two words' articles overlap there, and how alike the company they
    keep (context, arguments, entities) and their sentences are there."""
    n = len(index.mentions)
    group = codes(zip(subs.tolist(), index.stem.tolist()))
    member = _one_hot(group, np.arange(n), n)
    g_docs = _present(member @ _one_hot(np.arange(n), index.doc, len(index.names)))
    size = np.diff(g_docs.indptr).astype(float)
    sub_docs = np.bincount(np.unique(subs * len(index.names) + index.doc) // len(index.names))
    spread = size[group] / sub_docs[subs]
    combined = sparse.hstack([unit_rows(member @ index.company), unit_rows(member @ index.sentence_rest), g_docs],
                             format="csr")
    widths = [index.company.shape[1], index.sentence_rest.shape[1], g_docs.shape[1]]
    kind = sparse.csr_matrix((np.ones(sum(widths)), (np.arange(sum(widths)), np.repeat([0, 1, 2], widths))),
                             shape=(sum(widths), 3))
    gi, gj, back = _distinct(group[i], group[j])
    dots = _blocked_dot(combined, kind, gi, gj)[back]
    gi, gj = group[i], group[j]
    together = np.where(same_sub, dots[:, 2] / np.maximum(size[gi] + size[gj] - dots[:, 2], 1), 0.0)
    alike = np.where(same_sub[:, None], dots[:, :2], 0.0)
    return spread, together, alike


def _common_prefix(chars: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Length of the common prefix of the two lemmas of each pair, a letter at a time over the
    pairs still alike: most pairs part at their first letter, so this reads a few letters of each
    where comparing whole rows read all twenty."""
    out = np.zeros(len(i))
    alike = np.arange(len(i))
    for letters in chars.T:
        a = letters[i[alike]]
        alike = alike[(a == letters[j[alike]]) & (a != 0)]
        if not len(alike):
            break
        out[alike] += 1
    return out


def _entity_features(index: Index, i: np.ndarray, j: np.ndarray, jac: dict, conflict: dict,
                     own: np.ndarray) -> list[np.ndarray]:
    """Do the two mentions' sentences, and the words they govern, name the same participants,
    places and times, or different ones of the same kind."""
    out = []
    for name in ("HUM:", "LOC:", "TIM:"):
        out += [jac[name], conflict[name]]
    k = _OWN_SETS.index("linked")
    out += [jac["linked"], own[:, k] > 0, index.own_sets.conflict(k, i, j, own)]
    a, b = index.nearest[i], index.nearest[j]
    both = (a >= 0) & (b >= 0)
    return out + [(both & (a == b)).sum(1), (both & (a != b)).sum(1)]


def _distinct(i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The distinct pairs among (i, j), and for each given pair the position of its own."""
    if not len(i):
        return i, j, np.zeros(0, dtype=np.int64)
    n = int(max(i.max(), j.max())) + 1
    code, back = _unique(i * n + j, n * n)
    return code // n, code % n, back


def _unique(code: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(code, return_inverse=True) of codes in [0, size): through a table of every code
    while it is not much larger than the codes (a quarter of a million pair codes in 2 ms, where
    sorting them takes 15 ms), else by numpy's sort."""
    if size > 16 * len(code):
        distinct, back = np.unique(code, return_inverse=True)
        return distinct, back.ravel()
    seen = np.zeros(size, dtype=bool)
    seen[code] = True
    distinct = np.flatnonzero(seen)
    rank = np.empty(size, dtype=np.int64)
    rank[distinct] = np.arange(len(distinct))
    return distinct, rank[code]


# -- clusters -------------------------------------------------------------------------------------

def cluster_pair_features(index: Index, i: np.ndarray, j: np.ndarray, x: np.ndarray, probs: np.ndarray,
                          clusters: Sequence[Sequence[int]], sub: Mapping[str, Hashable],
                          ) -> tuple[list[tuple[int, int]], np.ndarray]:
    """How alike two first-pass clusters are: the mean of the mention-pair features (`x`, rows
    as the pairs `i`, `j`) and probabilities over their cross pairs, the best pair, their sizes,
    the articles they share, the company their mentions keep, their shared stems and how much
    of their sub-topic each covers. Returns the cluster pairs (indices into `clusters`) that
    have a cross pair, and one row each."""
    n = len(index.mentions)
    width = x.shape[1] + CLUSTER_FEATURES
    label = np.full(n, -1, dtype=np.int64)  # mentions in none of `clusters` take no part
    for c, members in enumerate(clusters):
        label[list(members)] = c
    lo, hi = (np.minimum(label[i], label[j]), np.maximum(label[i], label[j])) if len(i) else _empty()
    cross = np.flatnonzero((lo != hi) & (lo >= 0))
    if not len(cross):
        return [], np.zeros((0, width))
    k = len(clusters)
    distinct, which = _unique(lo[cross] * k + hi[cross], k * k)
    counts = np.bincount(which, minlength=len(distinct)).astype(float)
    spread = sparse.csr_matrix((np.ones(len(cross)), (which, cross)), shape=(len(distinct), len(i)))
    mean_x = np.asarray(spread @ x) / counts[:, None]
    mean_p = np.bincount(which, weights=probs[cross], minlength=len(distinct)) / counts
    max_p = np.maximum.reduceat(probs[spread.indices], spread.indptr[:-1])  # every row holds a pair
    a, b = np.divmod(distinct, k)
    inside = np.flatnonzero(label >= 0)
    member = sparse.csr_matrix((np.ones(len(inside)), (label[inside], inside)), shape=(k, n))
    articles = _present(member @ _one_hot(np.arange(n), index.doc, len(index.names)))
    stems = _present(member @ _one_hot(np.arange(n), index.stem, int(index.stem.max()) + 1))
    parts = [unit_rows(member @ index.company), unit_rows(member @ index.sentence_rest), articles, stems]
    widths = [p.shape[1] for p in parts]
    kind = sparse.csr_matrix((np.ones(sum(widths)), (np.arange(sum(widths)), np.repeat(np.arange(4), widths))),
                             shape=(sum(widths), 4))
    dots = _blocked_dot(sparse.hstack(parts, format="csr"), kind, a, b)
    n_articles, n_stems = np.diff(articles.indptr).astype(float), np.diff(stems.indptr).astype(float)
    subs = codes(sub[d] for d in index.names)
    sub_size = np.bincount(subs[np.unique(index.doc)], minlength=subs.max() + 1).astype(float)
    in_sub = _present(member @ _one_hot(np.arange(n), subs[index.doc], len(sub_size)))
    cover = n_articles / (in_sub @ sub_size)
    size = np.diff(member.indptr).astype(float)
    rows = np.column_stack([mean_p, max_p, np.log(size[a] * size[b]), np.abs(np.log(size[a] / size[b])),
                            dots[:, 2] / np.minimum(n_articles[a], n_articles[b]), dots[:, 0], dots[:, 1],
                            dots[:, 3] / np.maximum(n_stems[a] + n_stems[b] - dots[:, 3], 1),
                            np.minimum(cover[a], cover[b]), np.maximum(cover[a], cover[b])])
    return list(zip(a.tolist(), b.tolist())), np.hstack([mean_x, rows])
