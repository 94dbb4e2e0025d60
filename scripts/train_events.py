"""Fit the event models (storyline.analyse.events) on TempEval-3's training data, tuning part only.

    PYTHONPATH=src .venv/bin/python scripts/train_events.py ../shared/data/tempeval3/train/TBAQ-cleaned

DIR is searched for TimeML `.tml` files (TimeBank and AQUAINT). Documents are split by a hash of
their file name (`storyline.evaluate.tempeval3.part`): the tuning part (about four fifths) is
the only one read here, so `storyline eval tempeval3 DIR --split report` stays a held-out figure.
Within the tuning part, a fifth of its documents (again by hash) is held out to choose the number
of epochs, the L2 penalty and the shift of the "not an event" score (printed); the models are then
refitted on the whole tuning part with those settings.

Four softmax regressions share one feature vocabulary (features seen at least MIN_COUNT times):
  - event: each candidate token (events.candidates) is an event or not;
  - class: each gold event token's TimeML class;
  - tense and aspect: each gold event token, over events.tense_features.
Each also reads the parser's 96-wide token vector (doc.tensor), standardised into its weights.
Written to src/storyline/models/events.npz (weights as float16 and the vocabulary; no text).
CI does not run this. About a minute and a half on two cores (the parse half a minute); deterministic:
rerun, it writes the same file byte for byte.
"""
from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import hashlib  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from storyline.analyse import events as ev  # noqa: E402
from storyline.analyse import nlp as nlp_loader  # noqa: E402
from storyline.evaluate import tempeval3  # noqa: E402

MIN_COUNT = 2
LR = 0.003  # Adam's step; 0.01 and 0.05 were tried first and gave noisier epochs on the inner fifth
EPOCHS = (8, 12, 16)
CLASS_EPOCHS = (4, 8, 12)
L2 = (1e-5, 1e-4)
O_SHIFTS = (-1.0, -0.5, 0.0)
HEADS = ("event", "class", "tense", "aspect")
TENSES = ("NONE", "PAST", "PRESENT", "FUTURE", "INFINITIVE", "PRESPART", "PASTPART")
ASPECTS = ("NONE", "PERFECTIVE", "PROGRESSIVE", "PERFECTIVE_PROGRESSIVE")
OUT = Path(__file__).resolve().parent.parent / "src" / "storyline" / "models" / ev.MODEL_FILE


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def examples(docs) -> list[dict]:
    """Per document: candidate tokens' features, vectors and gold labels."""
    nlp = nlp_loader.load()
    out = []
    for d, doc in zip(docs, nlp.pipe([x.text for x in docs], batch_size=16)):
        gold = {}
        for g in d.events:
            gold[g.start] = g
        p = ev.Parse(doc)
        index = ev.candidates(p)
        golds = [next((gold[k] for k in range(p.idx[i], p.idx[i] + len(p.lower[i])) if k in gold), None)
                 for i in index]
        labels = [ev.CLASSES.index(g.cls) if g is not None and g.cls in ev.CLASSES else 0 for g in golds]
        covered = {g.start for g in golds if g is not None}
        ev_toks = [(i, g) for i, g in zip(index, golds) if g is not None]
        width = doc.tensor.shape[1]
        out.append({
            "name": d.name, "gold_events": len(d.events), "covered": len(covered),
            "feats": [ev.features(p, i) for i in index],
            "vecs": np.asarray(doc.tensor[index], dtype=np.float32) if index else np.zeros((0, width), np.float32),
            "y": np.array(labels, dtype=np.int64),
            "cfeats": [ev.features(p, i) for i, _ in ev_toks],
            "cls": np.array([ev.CLASSES.index(g.cls) - 1 if g.cls in ev.CLASSES else 0 for _, g in ev_toks],
                            dtype=np.int64),
            "tfeats": [ev.tense_features(p, i) for i, _ in ev_toks],
            "tvecs": np.asarray(doc.tensor[[i for i, _ in ev_toks]], dtype=np.float32)
            if ev_toks else np.zeros((0, width), np.float32),
            "tense": np.array([TENSES.index(g.tense) if g.tense in TENSES else 0 for _, g in ev_toks], dtype=np.int64),
            "aspect": np.array([ASPECTS.index(g.aspect) if g.aspect in ASPECTS else 0 for _, g in ev_toks],
                               dtype=np.int64)})
    return out


def _stack(exs, feats_key, vecs_key, y_key, vocab):
    rows = [[vocab[f] for f in fs if f in vocab] for e in exs for fs in e[feats_key]]
    width = max((len(r) for r in rows), default=1)
    idx = np.full((len(rows), width), len(vocab), dtype=np.int64)
    for i, r in enumerate(rows):
        idx[i, :len(r)] = r
    vecs = np.vstack([e[vecs_key] for e in exs])
    y = np.concatenate([e[y_key] for e in exs])
    return idx, vecs, y


def fit(idx, vecs, y, n_feats, n_labels, epochs, l2, seed=0, batch=256, lr=0.01):
    """Softmax regression by minibatch Adam; the pad index (n_feats) keeps a zero row."""
    return list(fits(idx, vecs, y, n_feats, n_labels, epochs, l2, seed, batch, lr))[-1][1]


def fits(idx, vecs, y, n_feats, n_labels, epochs, l2, seed=0, batch=256, lr=0.01):
    """(epoch, model) after each epoch of the same run."""
    rng = np.random.default_rng(seed)
    mu, sd = vecs.mean(axis=0), vecs.std(axis=0) + 1e-6
    X = (vecs - mu) / sd
    W = np.zeros((n_feats + 1, n_labels))
    V = np.zeros((X.shape[1], n_labels))
    b = np.zeros(n_labels)
    params = [W, V, b]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    step = 0
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(y))
        for s in range(0, len(order), batch):
            rows = order[s:s + batch]
            ix = idx[rows]
            logits = W[ix].sum(axis=1) + X[rows] @ V + b
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            p[np.arange(len(rows)), y[rows]] -= 1
            p /= len(rows)
            gW = np.zeros_like(W)
            np.add.at(gW, ix.ravel(), np.repeat(p, ix.shape[1], axis=0))
            gW[n_feats] = 0
            grads = [gW + l2 * W, X[rows].T @ p + l2 * V, p.sum(axis=0)]
            step += 1
            for k, (param, g) in enumerate(zip(params, grads)):
                m[k] = 0.9 * m[k] + 0.1 * g
                v[k] = 0.999 * v[k] + 0.001 * g * g
                mh = m[k] / (1 - 0.9 ** step)
                vh = v[k] / (1 - 0.999 ** step)
                param -= lr * mh / (np.sqrt(vh) + 1e-8)
            W[n_feats] = 0
        # Fold the standardisation into the weights: (x - mu) / sd @ V = x @ (V / sd) - (mu / sd) @ V
        yield epoch, (W[:n_feats].copy(), V / sd[:, None], b - (mu / sd) @ V)


def predict(model, idx, vecs):
    W, dense, bias = model
    Wp = np.vstack([W, np.zeros((1, W.shape[1]))])
    return Wp[idx].sum(axis=1) + vecs @ dense + bias


def event_scores(scores, y, o_shift, exs, classes=None):
    s = scores.copy()
    s[:, 0] += o_shift
    pred = s.argmax(axis=1)
    if classes is not None:
        pred = np.where(pred > 0, classes + 1, 0)
    tp = int(((pred > 0) & (y > 0)).sum())
    n_pred = int((pred > 0).sum())
    n_gold = sum(e["gold_events"] for e in exs)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    both = (pred > 0) & (y > 0)
    acc = float((pred[both] == y[both]).mean()) if both.any() else 0.0
    return f, f * acc, p, r


def _inner(name: str) -> bool:
    """A fifth of the tuning part, by a hash of the name, held out to choose settings."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return int(hashlib.sha256(("inner:" + base).encode()).hexdigest()[:8], 16) % 5 == 0


def select(exs, vocab):
    """The event head's (epochs, l2, O shift) with the best event F1, and the class head's
    (epochs, l2) with the best accuracy on gold events, on the inner fifth of the tuning part."""
    inner_train = [e for e in exs if not _inner(e["name"])]
    inner_dev = [e for e in exs if _inner(e["name"])]
    idx, vecs, y = _stack(inner_train, "feats", "vecs", "y", vocab)
    dv = _stack(inner_dev, "feats", "vecs", "y", vocab)
    top, best = -1.0, None
    for l2 in L2:
        for epochs, model in fits(idx, vecs, (y > 0).astype(np.int64), len(vocab), 2, max(EPOCHS), l2, lr=LR):
            if epochs not in EPOCHS:
                continue
            scores = predict(model, dv[0], dv[1])
            for shift in O_SHIFTS:
                f, _, p, r = event_scores(scores, (dv[2] > 0).astype(np.int64), shift, inner_dev)
                _log(f"event head l2 {l2:g} epochs {epochs} O shift {shift:+.1f}: F1 {f:.4f} (P {p:.3f} R {r:.3f})")
                if f > top:
                    top, best = f, (epochs, l2, shift)
    ctr = _stack(inner_train, "cfeats", "tvecs", "cls", vocab)
    cdv = _stack(inner_dev, "cfeats", "tvecs", "cls", vocab)
    top, best_class = -1.0, None
    for l2 in L2:
        for epochs, model in fits(*ctr, len(vocab), len(ev.CLASSES) - 1, max(CLASS_EPOCHS), l2, lr=LR):
            if epochs in CLASS_EPOCHS:
                acc = float((predict(model, cdv[0], cdv[1]).argmax(axis=1) == cdv[2]).mean())
                _log(f"class head l2 {l2:g} epochs {epochs}: accuracy on gold events {acc:.4f}")
                if acc > top:
                    top, best_class = acc, (epochs, l2)
    _log(f"chosen: event head {best}, class head {best_class}")
    return best, best_class


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--no-select", action="store_true", help="fit with the defaults, choosing nothing")
    args = ap.parse_args()
    t0 = time.time()
    docs = [d for d in tempeval3.load(args.dir) if tempeval3.part(d.name) == "tune"]
    _log(f"{len(docs)} documents in the tuning part, {sum(len(d.events) for d in docs)} gold events")
    exs = examples(docs)
    covered = sum(e["covered"] for e in exs)
    _log(f"parsed in {time.time() - t0:.0f} s; candidates cover {covered} of {sum(e['gold_events'] for e in exs)}")

    counts = Counter(f for e in exs for fs in e["feats"] + e["tfeats"] for f in set(fs))
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    _log(f"{len(vocab)} features")

    best, best_class = (12, 1e-4, -0.5), (12, 1e-4)
    if not args.no_select:
        best, best_class = select(exs, vocab)
    epochs, l2, shift = best
    arrays = {"vocab": np.array(sorted(vocab, key=vocab.get))}
    idx, vecs, y = _stack(exs, "feats", "vecs", "y", vocab)
    W, dense, bias = fit(idx, vecs, (y > 0).astype(np.int64), len(vocab), 2, epochs, l2, lr=LR)
    bias[0] += shift
    heads = {"event": ((W, dense, bias), ("O", "EVENT"))}
    epochs, l2 = best_class
    heads["class"] = (fit(*_stack(exs, "cfeats", "tvecs", "cls", vocab), len(vocab), len(ev.CLASSES) - 1, epochs, l2,
                          lr=LR), ev.CLASSES[1:])
    for name, labels in (("tense", TENSES), ("aspect", ASPECTS)):
        heads[name] = (fit(*_stack(exs, "tfeats", "tvecs", name, vocab), len(vocab), len(labels), 8, 1e-5, lr=LR), labels)
    for name, ((W, dense, bias), labels) in heads.items():
        arrays.update({f"{name}_sparse": W.astype(np.float16), f"{name}_dense": dense.astype(np.float32),
                       f"{name}_bias": bias.astype(np.float32), f"{name}_labels": np.array(labels)})
    # Features no head uses are dropped from the file (their rows are all zero after float16).
    used = np.zeros(len(vocab), dtype=bool)
    for name in HEADS:
        used |= np.abs(arrays[f"{name}_sparse"].astype(np.float32)).max(axis=1) > 0
    arrays["vocab"] = arrays["vocab"][used]
    for name in HEADS:
        arrays[f"{name}_sparse"] = arrays[f"{name}_sparse"][used]
    np.savez_compressed(args.out, **arrays)
    _log(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB, {used.sum()} features) in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
