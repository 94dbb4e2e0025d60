"""Learn the cross-document event coreference model from ECB+ Train.

    .venv/bin/python scripts/train_event_coref.py ../shared/data/ecbplus

Writes src/storyline/models/event_coref.json (weights, thresholds, and counts keyed by
event-word stems; no text), read by storyline.resolve.event_coref:
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

When an embedding backend is installed (storyline[embeddings]), the same is done a second
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
    parent = {d: d for d in corpus.sentences}

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


def word_counts(ps, chains, groups, keep):
    """Stem-pair (corefer, met) counts over mention pairs in one event group, and per stem
    (mentions linked to another, mentions), over mentions whose topic is in `keep`."""
    pairs, words = Counter(), Counter()
    by_group = defaultdict(list)
    for i, p in enumerate(ps):
        if groups[p.doc][0] in keep:
            by_group[groups[p.doc]].append(i)
    size = Counter(chains)
    for ids in by_group.values():
        for i in ids:
            words[ps[i].stem, 0] += size[chains[i]] > 1
            words[ps[i].stem, 1] += 1
        for i, j in combinations(ids, 2):
            a, b = sorted((ps[i].stem, ps[j].stem))
            pairs[a, b, 0] += chains[i] == chains[j]
            pairs[a, b, 1] += 1
    pair_table = {f"{a}|{b}": [pairs[a, b, 0], n] for (a, b, k), n in pairs.items() if k == 1}
    word_table = {w: [words[w, 0], n] for (w, k), n in words.items() if k == 1}
    return pair_table, word_table


def main(path: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from storyline.evaluate.ecbplus import load, parse
    from storyline.resolve import event_coref as ec

    t0 = time.time()
    corpus = load(Path(path), "Train")
    docs, mentions = parse(corpus)
    log(f"parsed {len(docs)} documents, {len(mentions)} mentions in {time.time() - t0:.0f} s")
    from storyline.judge.embeddings import available
    runs = [(ec.MODEL_FILE, None)]
    if available():
        t1 = time.time()
        embedded = ec.embed(docs, mentions)
        log(f"embedded {len(ec._ENCODED)} distinct phrases and {len({k[0] for k in ec._IN_CONTEXT})} sentences "
            f"({len(ec._IN_CONTEXT)} spans) in {time.time() - t1:.1f} s")
        runs.append((ec.EMBEDDING_MODEL_FILE, embedded))
    else:
        log("no embedding backend installed: the lexical model only")
    MODELS.mkdir(parents=True, exist_ok=True)
    for name, embedded in runs:
        model = train(corpus, docs, mentions, embedded)
        target = MODELS / name
        target.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
        log(f"wrote {target} ({target.stat().st_size // 1024} KB), threshold {model['threshold']}, "
            f"in {time.time() - t0:.0f} s")


def train(corpus, docs, mentions, embedded=None) -> dict:
    """The model file's content, learned from one split's parsed documents and gold chains;
    `embedded` (event_coref.embed's vectors of the mentions) adds the embedding feature."""
    from storyline.evaluate.coref_scores import b_cubed, conll
    from storyline.evaluate.ecbplus import entity_mentions, gold_topic
    from storyline.resolve import event_coref as ec

    t0 = time.time()
    entities = entity_mentions(corpus) or None
    ps = ec.profiles(docs, mentions, entities)
    ents = ec._entities(docs, entities)
    chains = [m["coref_chain"] for m in corpus.mentions]
    topics = {d: gold_topic(d) for d in docs}
    groups = event_groups(corpus, topics)
    names = sorted(set(topics.values()), key=lambda t: int(t) if t.isdigit() else t)
    folds = [set(names[k::FOLDS]) for k in range(FOLDS)]

    # article pairs inside each gold topic
    vectors = ec._tfidf({d: ec._bag(docs[d]) for d in docs})
    doc_rows, doc_keys = [], []
    for t in names:
        in_topic = sorted(d for d in docs if topics[d] == t)
        for k, f in ec.document_pair_features(docs, in_topic, ps, vectors, ents).items():
            doc_keys.append(k)
            doc_rows.append(f)
    dx = np.array(doc_rows)
    dy = np.array([groups[a] == groups[b] for a, b in doc_keys], dtype=float)
    dtopic = np.array([topics[a] for a, _ in doc_keys])
    out_of_fold = np.zeros(len(dy))
    for fold in folds:
        test = np.isin(dtopic, list(fold))
        out_of_fold[test] = ec.Logistic.fit(dx[~test], dy[~test], l2=1.0).predict(dx[test])
    same_event = {}
    for (a, b), p in zip(doc_keys, out_of_fold):
        same_event[a, b] = same_event[b, a] = float(p)
    group_key = [set(g) for g in _invert(groups).values()]
    sub_scores = {th: b_cubed(group_key, [set(g) for g in _invert(ec.subtopics(topics, same_event, th)).values()])[2]
                  for th in SUBTOPIC_THRESHOLDS}
    best_sub = max(sub_scores, key=sub_scores.get)
    sub = ec.subtopics(topics, same_event, best_sub)
    log(f"article pairs {len(dy)}; out-of-fold sub-topic B3 F1 by margin: "
        + ", ".join(f"{th}: {s:.3f}" for th, s in sub_scores.items()))

    # mention pairs inside each gold topic, features from models of the other folds
    doc_sim = {k: ec._cos(vectors[k[0]], vectors[k[1]]) for k in same_event}
    rows, labels, where, blocks = [], [], [], []
    for fold in folds:
        words = ec.WordPairs(*word_counts(ps, chains, groups, set(names) - fold))
        for t in sorted(fold):
            ids = [i for i, p in enumerate(ps) if topics[p.doc] == t]
            pairs = list(combinations(range(len(ids)), 2))
            rows.append(ec.mention_pair_features([ps[i] for i in ids], pairs, words, doc_sim, same_event, sub,
                                                 embedded[ids] if embedded is not None else None))
            labels += [chains[ids[a]] == chains[ids[b]] for a, b in pairs]
            blocks.append((t, ids, pairs, len(where)))
            where += [(t, ids[a], ids[b]) for a, b in pairs]
    x, y = np.vstack(rows), np.array(labels, dtype=float)
    log(f"mention pairs {len(y)} ({y.mean():.3f} coreferent) in {time.time() - t0:.0f} s")

    ptopic = np.array([t for t, _, _ in where])
    probs = np.zeros(len(y))
    for fold in folds:
        test = np.isin(ptopic, list(fold))
        probs[test] = ec.Logistic.fit(x[~test], y[~test]).predict(x[test])
    key = [set(c) for c in _invert(dict(enumerate(chains))).values()]
    log(f"out-of-fold pair probabilities in {time.time() - t0:.0f} s")
    scores = {th: conll(key, _cluster(where, probs, th))[2] for th in THRESHOLDS}
    best = max(scores, key=scores.get)
    log(("with" if embedded is not None else "without") + " embeddings: out-of-fold CoNLL F1 by threshold: "
        + ", ".join(f"{th}: {s:.3f}" for th, s in scores.items()) + f" ({time.time() - t0:.0f} s)")

    cluster, cluster_best, cluster_scores = second_look(ps, sub, chains, blocks, x, probs, best, folds, key)
    log("joining first-pass clusters: out-of-fold CoNLL F1 by threshold: "
        + ", ".join(f"{th}: {s:.4f}" for th, s in cluster_scores.items()) + f" (none: {scores[best]:.4f}; "
        + f"{time.time() - t0:.0f} s)")
    if cluster_scores[cluster_best] <= scores[best]:
        cluster = None

    document = ec.Logistic.fit(dx, dy, l2=1.0)
    mention = ec.Logistic.fit(x, y)
    pair_table, word_table = word_counts(ps, chains, groups, set(names))
    pair_table = {k: v for k, v in pair_table.items() if v[0] > 0 or v[1] >= 3}
    return {
        "trained_on": "ECB+ Train (Cybulska and Vossen 2015 split), gold event mentions",
        "document": document.to_json(), "mention": mention.to_json(),
        "subtopic_threshold": best_sub, "threshold": best,
        **({"cluster": cluster.to_json(), "cluster_threshold": cluster_best} if cluster is not None else {}),
        **({"embeddings": True, "out_of_fold": {"subtopic_b3_f1": round(sub_scores[best_sub], 4),
                                                "conll_f1": round(scores[best], 4)}} if embedded is not None else
           {"word_pairs": dict(sorted(pair_table.items())), "words": dict(sorted(word_table.items()))})}


def second_look(ps, sub, chains, blocks, x, probs, threshold, folds, key):
    """The cluster-pair model (see event_coref.cluster_pair_features), fitted on every topic's
    first-pass clusters from the out-of-fold mention probabilities at `threshold`, and its
    joining threshold chosen by joining each topic's clusters (event_coref.join_clusters) with
    the model fitted on the other folds (the same folds by topic).
    A cluster pair is positive when the two clusters' most frequent gold chains are one.
    Returns the model fitted on all topics, the threshold, and the CoNLL F1 by threshold."""
    from storyline.evaluate.coref_scores import conll
    from storyline.resolve import event_coref as ec
    found, rows, labels, tags = [], [], [], []
    for t, ids, pairs, start in blocks:
        local = [ps[i] for i in ids]
        sims = np.zeros((len(ids), len(ids)))
        p = probs[start: start + len(pairs)]
        for (a, b), q in zip(pairs, p):
            sims[a, b] = sims[b, a] = q
        clusters = ec.average_link(sims, threshold)
        keys, r = ec.cluster_pair_features(local, pairs, x[start: start + len(pairs)], p, clusters, sub)
        chain = [Counter(chains[ids[m]] for m in c).most_common(1)[0][0] for c in clusters]
        found.append(clusters)
        rows.append(r)
        labels += [chain[a] == chain[b] for a, b in keys]
        tags += [t] * len(keys)
    cx, cy, tags = np.vstack(rows), np.array(labels, dtype=float), np.array(tags)
    fold_model = {}
    for fold in folds:
        test = np.isin(tags, list(fold))
        fitted = ec.Logistic.fit(cx[~test], cy[~test], l2=1.0)
        fold_model.update({t: fitted for t in fold})
    scores = {}
    for th in CLUSTER_THRESHOLDS:
        response = []
        for clusters, (t, ids, pairs, start) in zip(found, blocks):
            joined = ec.join_clusters([ps[i] for i in ids], pairs, x[start: start + len(pairs)],
                                      probs[start: start + len(pairs)], clusters, sub, fold_model[t], th)
            response += [{ids[m] for m in c} for c in joined]
        scores[th] = conll(key, response)[2]
    best = max(scores, key=scores.get)
    return ec.Logistic.fit(cx, cy, l2=1.0), best, scores


def _invert(labels: dict) -> dict:
    groups = defaultdict(list)
    for item, label in labels.items():
        groups[label].append(item)
    return groups


def _cluster(where, probs, threshold):
    from storyline.resolve.event_coref import average_link
    by_topic = defaultdict(list)
    for (t, i, j), p in zip(where, probs):
        by_topic[t].append((i, j, p))
    clusters = []
    for triples in by_topic.values():
        ids = sorted({i for i, _, _ in triples} | {j for _, j, _ in triples})
        pos = {m: k for k, m in enumerate(ids)}
        sims = np.zeros((len(ids), len(ids)))
        for i, j, p in triples:
            sims[pos[i], pos[j]] = sims[pos[j], pos[i]] = p
        clusters += [{ids[k] for k in c} for c in average_link(sims, threshold)]
    return clusters


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
