"""Learn the dispute judge (judge/disputes.py) from FNC-1: which pairs of articles dispute a story.

    python ../shared/tools/fnc1_stories.py build ../shared/data/fnc-1/train_stances.csv \
        ../shared/data/fnc-1/train_bodies.csv /tmp/fnc1-stories             # the development stories
    .venv/bin/python scripts/train_disputes.py ../shared/data/fnc-1 --exclude-stories /tmp/fnc1-stories/gold.json \
        --db /tmp/fnc1-rest.db

Every FNC-1 body outside the excluded stories is ingested into --db (kept, so a second run reuses it)
with the product's own pipeline. Two articles related to one headline (its bodies in the excluded
stories left out; the headline still joins the others) are a dispute when exactly one
of them disagrees with it (the other agrees or discusses), and not one when neither or both do; a
pair of articles from different topics that the blocking still brings together is not one either.
The logistic model is chosen by 5-fold cross-validation grouped by topic (no topic on both sides),
and its threshold is the lowest whose cross-validated precision reaches TARGET_PRECISION; then it is
fitted on everything and written to src/storyline/models/disputes.json. Deterministic.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "src" / "storyline" / "models" / "disputes.json"
TARGET_PRECISION = 0.85
C = 1.0


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def labelled_pairs(pairs, excluded: set[str]) -> dict[tuple[str, str], int]:
    """(body, body) -> 1 dispute / 0 not, from the stances of bodies related to one headline."""
    from storyline.evaluate.fnc1 import RELATED
    by: dict[str, dict[str, str]] = defaultdict(dict)
    for p in pairs:
        if p.stance in RELATED:
            by[p.headline][p.body_id] = p.stance
    votes: dict[tuple[str, str], list[int]] = defaultdict(list)
    for bodies in by.values():
        bodies = {b: s for b, s in bodies.items() if b not in excluded}
        ids = sorted(bodies)
        for i, x in enumerate(ids):
            for y in ids[i + 1:]:
                votes[(x, y)].append(int((bodies[x] == "disagree") != (bodies[y] == "disagree")))
    return {k: round(sum(v) / len(v)) for k, v in votes.items() if sum(v) * 2 != len(v)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("fnc1")
    ap.add_argument("--exclude-stories", metavar="GOLD", action="append", default=[])
    ap.add_argument("--db", required=True, help="the store of the training bodies (made when missing)")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    import storyline
    from storyline.evaluate.fnc1 import load, story_bodies, topics
    from storyline.judge import disputes as dj

    folder = Path(a.fnc1)
    pairs, texts = load(folder / "train_stances.csv", folder / "train_bodies.csv")
    excluded = set().union(*(story_bodies(Path(g)) for g in a.exclude_stories))
    if not Path(a.db).exists():
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            corpus.mkdir()
            for b, t in texts.items():
                if b not in excluded:
                    (corpus / f"fnc1-{b}.txt").write_text(t.strip() + "\n", encoding="utf-8")
            _log(f"ingesting {len(texts) - len(excluded)} bodies into {a.db}")
            storyline.ingest([corpus], a.db)
    with storyline.open(a.db) as story:
        body_of = {d["id"]: re.search(r"fnc1-(\d+)", d["name"]).group(1) for d in story.documents()}
        stored = {r["id"]: r["text"] for r in story.store.query("SELECT id, text FROM articles")}
        claims = story.claims()
    if set(body_of.values()) & excluded:
        raise SystemExit("the store holds bodies of the excluded stories: give another --db")
    doc_of = {b: d for d, b in body_of.items()}
    labels = labelled_pairs(pairs, excluded)
    profs = dj.profiles(stored, claims)
    idf = dj._idf(profs)
    cands = {(a_, b_): s for a_, b_, s in dj.candidate_pairs(profs, idf)}
    body_topic, _ = topics(pairs)
    rows, y, groups = [], [], []
    vectors = {d: dj._vector(p.stems, idf) for d, p in profs.items()}
    for (x, z), label in labels.items():
        if x not in doc_of or z not in doc_of:
            continue
        da, db_ = sorted((doc_of[x], doc_of[z]))
        sim = cands.get((da, db_), dj._cos(vectors[da], vectors[db_]))
        rows.append(dj.pair_features(profs[da], profs[db_], sim, idf))
        y.append(label)
        groups.append(body_topic[x])
        cands.pop((da, db_), None)
    for (da, db_), sim in cands.items():  # brought together by blocking, not one story: no dispute
        ta, tb = body_topic[body_of[da]], body_topic[body_of[db_]]
        if ta != tb:
            rows.append(dj.pair_features(profs[da], profs[db_], sim, idf))
            y.append(0)
            groups.append(min(ta, tb))
    x_all, y_all = np.array(rows), np.array(y)
    mean, std = x_all.mean(axis=0), x_all.std(axis=0) + 1e-9
    z_all = (x_all - mean) / std
    _log(f"{len(y_all)} pairs, {int(y_all.sum())} disputes, {len(set(groups))} topics")
    oof = np.zeros(len(y_all))
    for fit, held in GroupKFold(n_splits=5).split(z_all, y_all, groups):
        m = LogisticRegression(C=C, max_iter=2000).fit(z_all[fit], y_all[fit])
        oof[held] = m.predict_proba(z_all[held])[:, 1]
    threshold = 0.99
    for t in np.arange(0.30, 0.99, 0.01):
        chosen = oof >= t
        if chosen.sum() >= 20 and y_all[chosen].mean() >= TARGET_PRECISION:
            threshold = float(round(t, 2))
            break
    chosen = oof >= threshold
    prec = float(y_all[chosen].mean()) if chosen.any() else 0.0
    rec = float((chosen & (y_all == 1)).sum() / max(y_all.sum(), 1))
    _log(f"cross-validated by topic: threshold {threshold}, precision {prec:.3f}, recall {rec:.3f}")
    final = LogisticRegression(C=C, max_iter=2000).fit(z_all, y_all)
    data = {"features": list(dj.FEATURES), "mean": mean.tolist(), "std": std.tolist(),
            "weights": final.coef_[0].tolist(), "bias": float(final.intercept_[0]), "threshold": threshold,
            "meta": {"pairs": len(y_all), "disputes": int(y_all.sum()), "topics": len(set(groups)),
                     "cv_precision": round(prec, 4), "cv_recall": round(rec, 4), "C": C,
                     "target_precision": TARGET_PRECISION}}
    MODEL.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    for name, w in sorted(zip(dj.FEATURES, final.coef_[0]), key=lambda t: -abs(t[1])):
        _log(f"  {name:24s} {w:+.3f}")
    _log(f"wrote {MODEL}")


if __name__ == "__main__":
    main()
