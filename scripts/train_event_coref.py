"""Learn the cross-document event coreference model from ECB+ Train.

    .venv/bin/python scripts/train_event_coref.py ../shared/data/ecbplus

Writes src/storyline/models/event_coref.json (weights, thresholds, and counts keyed by
event-word stems; no text), read by storyline.resolve.event_coref. The mentions are ECB+
Train's gold event mentions in its articles parsed and profiled exactly as ingest does
(evaluate/ecbplus.gold_mentions: analyse/event_profiles.py; the participants, places and times
are the parser's named entities, as in the product, not ECB+'s gold entity mentions):
  - the article-pair model: do two articles of one topic tell of the same particular event
    (labelled by whether they share a gold event chain);
  - word-pair counts: how often two event-word stems corefer when they meet in such a group;
  - the mention-pair model and the two clustering thresholds;
  - the cluster-pair model that takes a second look at the first-pass clusters, and its
    threshold (left out when it does not beat the first pass out of fold).
Features of the training pairs come from models fitted on the other topics (5 folds by
topic), so the model learns how much to trust them on unseen topics; the thresholds are
chosen on those out-of-fold predictions. Only Train is read. About a minute on two cores;
deterministic.

When the embedding backend is installed (a default dependency), the same is done a second
time with the embedding feature (see storyline.resolve.event_coref) and written to
src/storyline/models/event_coref_emb.json (its weights and thresholds only: the word-pair
counts are the lexical file's); event_coref.json comes out the same either way.
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

# one BLAS thread: the fits are many small Newton steps, and on a shared machine extra
# threads wait on each other (ten times slower measured on 2 busy cores)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "src" / "storyline" / "models"
FOLDS = 5
SUBTOPIC_THRESHOLDS = (-0.2, -0.15, -0.1, -0.05, 0.0)  # margins over the topic's mean pair
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
CLUSTER_THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)  # for joining first-pass clusters


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def event_groups(corpus, topics):
    """Article -> group: articles of a topic joined when they share a gold event chain."""
    parent = {d: d for d in topics}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first = {}
    for m in corpus.mentions:
        d = m["doc_id"]
        if m["coref_chain"] in first:
            parent[find(d)] = find(first[m["coref_chain"]])
        else:
            first[m["coref_chain"]] = d
    return {d: (topics[d], find(d)) for d in parent}


def word_counts(index, chains, groups, keep):
    """Stem-pair (corefer, met) counts over mention pairs in one event group, and per stem
    (mentions linked to another, mentions), over mentions whose topic is in `keep`."""
    pairs, words = Counter(), Counter()
    by_group = defaultdict(list)
    for k, m in enumerate(index.mentions):
        if groups[m.doc][0] in keep:
            by_group[groups[m.doc]].append(k)
    size = Counter(chains)
    stems = index.stems
    for ids in by_group.values():
        for i in ids:
            words[stems[i], 0] += size[chains[i]] > 1
            words[stems[i], 1] += 1
        for i, j in combinations(ids, 2):
            a, b = sorted((stems[i], stems[j]))
            pairs[a, b, 0] += chains[i] == chains[j]
            pairs[a, b, 1] += 1
    pair_table = {f"{a}|{b}": [pairs[a, b, 0], n] for (a, b, k), n in pairs.items() if k == 1}
    word_table = {w: [words[w, 0], n] for (w, k), n in words.items() if k == 1}
    return pair_table, word_table


def main(path: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from storyline.evaluate.ecbplus import gold_mentions, load
    from storyline.judge.embeddings import available
    from storyline.resolve import event_coref as ec

    t0 = time.time()
    corpus = load(Path(path), "Train")
    mentions, documents, texts = gold_mentions(corpus)
    log(f"parsed {len(documents)} documents, profiles of {len(mentions)} mentions in {time.time() - t0:.0f} s")
    runs = [(ec.MODEL_FILE, None)]
    if available():
        t1 = time.time()
        embedded = ec.embed(mentions, documents, texts)
        log(f"embedded {len(ec._ENCODED)} distinct phrases and {len({k[0] for k in ec._IN_CONTEXT})} sentences "
            f"({len(ec._IN_CONTEXT)} spans) in {time.time() - t1:.1f} s")
        runs.append((ec.EMBEDDING_MODEL_FILE, embedded))
    else:
        log("no embedding backend installed: the lexical model only")
    MODELS.mkdir(parents=True, exist_ok=True)
    for name, embedded in runs:
        model = train(corpus, mentions, documents, embedded)
        target = MODELS / name
        target.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
        log(f"wrote {target} ({target.stat().st_size // 1024} KB), threshold {model['threshold']}, "
            f"in {time.time() - t0:.0f} s")


def train(corpus, mentions, documents, embedded=None) -> dict:
    """The model file's content, learned from one split's gold mentions (their profiles, as
    analysis takes them) and gold chains; `embedded` (event_coref.embed's vectors of the
    mentions) adds the embedding feature."""
    from storyline.evaluate.coref_scores import b_cubed, conll
    from storyline.evaluate.ecbplus import gold_topic
    from storyline.resolve import event_coref as ec
    from storyline.resolve.event_features import PairTable, cluster_pair_features, document_pair_features

    t0 = time.time()
    index = ec.Index(mentions, documents)
    chains = [corpus.mentions[m.id]["coref_chain"] for m in mentions]
    topics = {d: gold_topic(d) for d in documents}
    groups = event_groups(corpus, topics)
    names = sorted(set(topics.values()), key=lambda t: int(t) if t.isdigit() else t)
    folds = [set(names[k::FOLDS]) for k in range(FOLDS)]

    # article pairs inside each gold topic
    di, dj, dx = document_pair_features(index, topics)
    doc_names = index.names
    dy = np.array([groups[doc_names[a]] == groups[doc_names[b]] for a, b in zip(di, dj)], dtype=float)
    dtopic = np.array([topics[doc_names[a]] for a in di])
    out_of_fold = np.zeros(len(dy))
    for fold in folds:
        test = np.isin(dtopic, list(fold))
        out_of_fold[test] = ec.Logistic.fit(dx[~test], dy[~test], l2=1.0).predict(dx[test])
    same_event = {}
    for a, b, p in zip(di.tolist(), dj.tolist(), out_of_fold):
        same_event[doc_names[a], doc_names[b]] = same_event[doc_names[b], doc_names[a]] = float(p)
    group_key = [set(g) for g in _invert(groups).values()]
    sub_scores = {th: b_cubed(group_key, [set(g) for g in _invert(ec.subtopics(topics, same_event, th)).values()])[2]
                  for th in SUBTOPIC_THRESHOLDS}
    best_sub = max(sub_scores, key=sub_scores.get)
    sub = ec.subtopics(topics, same_event, best_sub)
    log(f"article pairs {len(dy)}; out-of-fold sub-topic B3 F1 by margin: "
        + ", ".join(f"{th}: {s:.3f}" for th, s in sub_scores.items()))

    # mention pairs inside each gold topic, features from models of the other folds; the pairs
    # are those the product scores (event_coref.mention_pairs, blocked with each fold's word
    # counts), and every pair of a topic for comparison
    pairs = PairTable(len(doc_names), di, dj, out_of_fold, dx[:, 2])
    key = [set(c) for c in _invert(dict(enumerate(chains))).values()]
    fold_words = [ec.WordPairs(*word_counts(index, chains, groups, set(names) - fold)) for fold in folds]
    every = _fold_pairs(index, topics, folds, lambda f: ec.mention_pairs(index, topics))
    i, j, ptopic = _fold_pairs(index, topics, folds, lambda f: ec.mention_pairs(index, topics, pairs, fold_words[f]))
    for label, (pi, pj, pt) in (("every pair of a topic", every), ("blocked (the product's pairs)", (i, j, ptopic))):
        x, y, probs = _out_of_fold(index, pi, pj, pt, folds, fold_words, pairs, sub, embedded, chains)
        scores = {th: conll(key, ec.link(len(mentions), pi, pj, probs, th))[2] for th in THRESHOLDS}
        best = max(scores, key=scores.get)
        log(("with" if embedded is not None else "without") + f" embeddings, {label}: {len(y)} mention pairs "
            f"({y.mean():.3f} coreferent); out-of-fold CoNLL F1 by threshold: "
            + ", ".join(f"{th}: {s:.4f}" for th, s in scores.items()) + f" ({time.time() - t0:.0f} s)")

    cluster, cluster_best, cluster_scores = second_look(index, i, j, x, probs, sub, chains, ptopic, best, folds, key,
                                                        cluster_pair_features)
    log("joining first-pass clusters: out-of-fold CoNLL F1 by threshold: "
        + ", ".join(f"{th}: {s:.4f}" for th, s in cluster_scores.items()) + f" (none: {scores[best]:.4f}; "
        + f"{time.time() - t0:.0f} s)")
    if cluster_scores[cluster_best] <= scores[best]:
        cluster = None

    document = ec.Logistic.fit(dx, dy, l2=1.0)
    mention = ec.Logistic.fit(x, y)
    pair_table, word_table = word_counts(index, chains, groups, set(names))
    pair_table = {k: v for k, v in pair_table.items() if v[0] > 0 or v[1] >= 3}
    return {
        "trained_on": "ECB+ Train (Cybulska and Vossen 2015 split), gold event mentions, profiles by "
                      "analyse/event_profiles.py",
        "document": document.to_json(), "mention": mention.to_json(),
        "subtopic_threshold": best_sub, "threshold": best,
        **({"cluster": cluster.to_json(), "cluster_threshold": cluster_best} if cluster is not None else {}),
        "out_of_fold": {"subtopic_b3_f1": round(sub_scores[best_sub], 4), "conll_f1": round(scores[best], 4),
                        **({"joined_conll_f1": round(cluster_scores[cluster_best], 4)} if cluster is not None else {})},
        **({"embeddings": True} if embedded is not None else
           {"word_pairs": dict(sorted(pair_table.items())), "words": dict(sorted(word_table.items()))})}


def _fold_pairs(index, topics, folds, pairs_of):
    """The pairs `pairs_of(f)` gives for fold f, kept for the mentions of fold f's topics."""
    out_i, out_j, out_t = [], [], []
    for f, fold in enumerate(folds):
        i, j = pairs_of(f)
        t = np.array([topics[index.mentions[a].doc] for a in i])
        inside = np.isin(t, list(fold))
        out_i.append(i[inside]), out_j.append(j[inside]), out_t.append(t[inside])
    return np.concatenate(out_i), np.concatenate(out_j), np.concatenate(out_t)


def _out_of_fold(index, i, j, ptopic, folds, fold_words, pairs, sub, embedded, chains):
    """Mention-pair features with each fold's word counts, labels, and the probabilities of a
    model fitted on the other folds."""
    from storyline.resolve import event_coref as ec
    from storyline.resolve.event_features import mention_pair_features
    x = None
    for fold, words in zip(folds, fold_words):
        test = np.isin(ptopic, list(fold))
        fx = mention_pair_features(index, i[test], j[test], words, pairs, sub, embedded)
        x = np.zeros((len(i), fx.shape[1])) if x is None else x
        x[test] = fx
    y = np.array([chains[a] == chains[b] for a, b in zip(i, j)], dtype=float)
    probs = np.zeros(len(y))
    for fold in folds:
        test = np.isin(ptopic, list(fold))
        probs[test] = ec.Logistic.fit(x[~test], y[~test]).predict(x[test])
    return x, y, probs


def second_look(index, i, j, x, probs, sub, chains, ptopic, threshold, folds, key, cluster_pair_features):
    """The cluster-pair model (see event_features.cluster_pair_features), fitted on every topic's
    first-pass clusters from the out-of-fold mention probabilities at `threshold`, and its
    joining threshold chosen by joining each fold's clusters (event_coref.join_clusters) with
    the model fitted on the other folds (the same folds by topic).
    A cluster pair is positive when the two clusters' most frequent gold chains are one.
    Returns the model fitted on all topics, the threshold, and the CoNLL F1 by threshold."""
    from storyline.evaluate.coref_scores import conll
    from storyline.resolve import event_coref as ec
    n = len(index.mentions)
    clusters = ec.link(n, i, j, probs, threshold)
    topic_of = {}
    for t, a, b in zip(ptopic.tolist(), i.tolist(), j.tolist()):
        topic_of[a] = topic_of[b] = t
    keys, cx = cluster_pair_features(index, i, j, x, probs, clusters, sub)
    chain = [Counter(chains[m] for m in c).most_common(1)[0][0] for c in clusters]
    cy = np.array([chain[a] == chain[b] for a, b in keys], dtype=float)
    tags = np.array([topic_of.get(clusters[a][0], "") for a, _ in keys])
    fold_model = []
    for fold in folds:
        test = np.isin(tags, list(fold))
        fold_model.append(ec.Logistic.fit(cx[~test], cy[~test], l2=1.0))
    scores = {}
    for th in CLUSTER_THRESHOLDS:
        response = [c for c in clusters if topic_of.get(c[0]) is None]  # mentions alone in their topic
        for fold, fitted in zip(folds, fold_model):
            inside = np.isin(ptopic, list(fold))
            own = [c for c in clusters if topic_of.get(c[0]) in fold]
            response += ec.join_clusters(index, i[inside], j[inside], x[inside], probs[inside], own, sub, fitted, th)
        scores[th] = conll(key, response)[2]
    best = max(scores, key=scores.get)
    return ec.Logistic.fit(cx, cy, l2=1.0), best, scores


def _invert(labels: dict) -> dict:
    groups = defaultdict(list)
    for item, label in labels.items():
        groups[label].append(item)
    return groups


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
