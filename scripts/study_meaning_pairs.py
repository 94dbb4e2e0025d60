"""Can FNC-1 teach which denial/account pairs are disputes between articles? (judge/meaning.py)

    .venv/bin/python scripts/study_meaning_pairs.py DB ../shared/data/fnc-1 \
        --exclude-stories /tmp/fnc/train/gold.json --holdout /tmp/fnc/rest/gold.json [--dump F.npz]

It could not, and so judge/meaning.py decides by calibrated rules: on the 1,213 FNC-1 bodies
outside the development stories (2026-12-06) a logistic model over the features below reached a
pair AUC of 0.85 on the held-out stories' bodies, but only by telling pairs of one topic from
pairs of two; among pairs of bodies of one headline, every feature's AUC for "the bodies dispute
it" lay between 0.42 and 0.52, and at no threshold was the share of held-out disputed stories
found above the share of undisputed ones lit up. This script reproduces those figures.

DB is a database into which FNC-1 bodies (files `fnc1-<body id>.txt`, as
../shared/tools/fnc1_stories.py writes them) were ingested with `storyline ingest`; the bodies of
the stories in --exclude-stories (the development stories) are refused outright. Every pair the
judge would compare (a negative and a positive claim by different sources in two bodies, met in a
block; judge/meaning.py) is a row of FEATURES, labelled by FNC-1: 1 when some headline has one
body disagreeing with it and the other agreeing or discussing it (the bodies dispute it), else 0
(two bodies of one side, or of different topics).

The model is fitted on the pairs outside the --holdout stories' bodies and scored on those inside;
then each threshold's story figures inside the holdout are printed (the scoring of `storyline eval
stories`), and each feature's AUC among pairs of bodies of one headline. Nothing is written.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
_BODY = re.compile(r"fnc1-(\d+)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("db")
    ap.add_argument("fnc1", help="folder with train_stances.csv and train_bodies.csv")
    ap.add_argument("--exclude-stories", metavar="GOLD", action="append", default=[], required=True)
    ap.add_argument("--holdout", metavar="GOLD", required=True)
    ap.add_argument("--max-false-alarm", type=float, default=0.05)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--dump", metavar="NPZ", help="also save the rows, labels and body pairs (for study)")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from storyline.evaluate.fnc1 import RELATED, load, story_bodies
    from storyline.judge import meaning
    from storyline.judge.run import judged
    from storyline.resolve.event_coref import Logistic
    from storyline.store.db import Store
    from storyline.story import Story

    excluded = set().union(*(story_bodies(Path(g)) for g in a.exclude_stories))
    holdout = json.loads(Path(a.holdout).read_text(encoding="utf-8"))["stories"]
    held = {b for s in holdout for b in s["bodies"]}
    if held & excluded:
        sys.exit("the holdout stories share bodies with the excluded ones")
    pairs, _ = load(Path(a.fnc1) / "train_stances.csv", Path(a.fnc1) / "train_bodies.csv")
    stance: dict[str, dict[str, str]] = defaultdict(dict)  # body -> headline -> stance
    for p in pairs:
        if p.stance in RELATED:
            stance[p.body_id][p.headline] = p.stance

    with Store(a.db) as store:
        story = Story(store)
        body_of = {}
        for d in story.documents():
            m = _BODY.search(d.get("name") or "")
            if m:
                body_of[d["id"]] = m.group(1)
        if set(body_of.values()) & excluded:
            print(f"refusing {len(set(body_of.values()) & excluded)} bodies of the excluded stories", file=sys.stderr)
        every = [c for c in story.claims() if c["doc"] in body_of and body_of[c["doc"]] not in excluded]
        claims, index = judged(store, story, every)
        vectors = meaning.claim_vectors([c["text"] for c in claims], store)
    answers = meaning.antecedents(claims)
    i, j = meaning.candidate_pairs(index, vectors, answers)
    neg, pos = meaning.opposed(claims, i, j)
    x = features(claims, index, vectors, answers, neg, pos)
    bodies = [(body_of[claims[n]["doc"]], body_of[claims[p]["doc"]]) for n, p in zip(neg.tolist(), pos.tolist())]
    y = np.array([float(_disputed(stance[b1], stance[b2])) for b1, b2 in bodies])
    inside = np.array([b1 in held and b2 in held for b1, b2 in bodies])
    outside = np.array([b1 not in held and b2 not in held for b1, b2 in bodies])
    print(f"{len(claims)} claims, {len(i)} candidate pairs, {len(neg)} denial/account pairs; "
          f"{int(y[outside].sum())}/{int(outside.sum())} disputed outside the holdout, "
          f"{int(y[inside].sum())}/{int(inside.sum())} inside", file=sys.stderr)
    if a.dump:
        np.savez(a.dump, x=x, y=y, inside=inside, outside=outside, bodies=np.array(bodies),
                 neg=np.array([claims[n]["id"] for n in neg.tolist()]), pos=np.array([claims[q]["id"] for q in pos.tolist()]))
    model = Logistic.fit(x[outside], y[outside], l2=a.l2)
    p = model.predict(x[inside])
    print(f"holdout pair AUC {_auc(y[inside], p):.3f}", file=sys.stderr)
    related = np.array([bool(stance[b1].keys() & stance[b2].keys()) for b1, b2 in bodies])
    print("feature                        weight  AUC among pairs of one headline's bodies")
    for k, (name, w) in enumerate(zip(FEATURES, model.weights[1:])):
        print(f"  {name:<30}{w:+.3f}  {_auc(y[related], x[related, k]):.3f}")
    _threshold(holdout, [bodies[k] for k in np.flatnonzero(inside)], p, a.max_false_alarm)


FEATURES = ("cos_own", "cos_meaning", "overlap", "cover", "shared_entities", "names_clash", "anaphoric",
            "deny_document", "deny_anonymous", "deny_certain", "account_document", "account_certain",
            "account_hedged_text", "deny_article_tells_account", "account_article_tells_denial")


def features(claims, index, vectors, answers, neg, pos) -> np.ndarray:
    """One row of FEATURES for each (negative, positive) pair of positions."""
    from storyline.judge.meaning import _HEDGE, _meaning, names_clash
    meaning = _meaning(vectors, answers)
    cos_own = np.einsum("ij,ij->i", vectors[neg], vectors[pos])
    cos_meaning = np.maximum(np.einsum("ij,ij->i", meaning[neg], vectors[pos]), cos_own)
    positives, negatives = defaultdict(list), defaultdict(list)
    for k, c in enumerate(claims):
        (negatives if c["polarity"] == "negative" else positives)[c["doc"]].append(k)
    rows = []
    for k, (d, a) in enumerate(zip(neg.tolist(), pos.tolist())):
        x, y = claims[d], claims[a]
        said = answers.get(d, d)
        ov, cv = index.similarity(said, a)
        ex = set().union(*(claims[said].get("entities") or {}).values()) if claims[said].get("entities") else set()
        ey = set().union(*(y.get("entities") or {}).values()) if y.get("entities") else set()
        same_doc_pos, other_neg = positives.get(x["doc"], []), negatives.get(y["doc"], [])
        rows.append((cos_own[k], cos_meaning[k], ov, cv, float(bool(ex & ey)),
                     float(names_clash(index.props[said], index.props[a])), float(d in answers),
                     float(x["source"].get("kind") == "document"), float(bool(x["source"].get("anonymous"))),
                     float(x["certainty"] == "certain"), float(y["source"].get("kind") == "document"),
                     float(y["certainty"] == "certain"), float(bool(_HEDGE.search(y["text"]))),
                     float((vectors[same_doc_pos] @ vectors[a]).max()) if same_doc_pos else 0.0,
                     float((meaning[other_neg] @ meaning[d]).max()) if other_neg else 0.0))
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


def _disputed(a: dict[str, str], b: dict[str, str]) -> bool:
    """Some headline that one body disagrees with and the other agrees with or discusses."""
    return any({a[h], b[h]} & {"disagree"} and {a[h], b[h]} & {"agree", "discuss"} for h in a.keys() & b.keys())


def _auc(y: np.ndarray, p: np.ndarray) -> float:
    from scipy.stats import rankdata
    pos = y == 1
    if not pos.any() or pos.all():
        return float("nan")
    r = rankdata(p)
    return float((r[pos].sum() - pos.sum() * (pos.sum() + 1) / 2) / (pos.sum() * (~pos).sum()))


def _threshold(stories: list[dict], bodies: list[tuple[str, str]], p: np.ndarray, max_alarm: float) -> float:
    """The least threshold whose pairs light up at most `max_alarm` of the undisputed stories,
    printing the story figures of each threshold tried."""
    story_of, stance, kind = {}, {}, {}
    for s in stories:
        kind[s["id"]] = s["kind"]
        for b, label in s["bodies"].items():
            story_of[b], stance[b] = s["id"], label
    disputed = sum(k == "disputed" for k in kind.values())
    undisputed = len(kind) - disputed
    best = 1.0
    for t in np.round(np.arange(0.95, 0.04, -0.05), 2):
        found, alarms, good, judged = set(), set(), 0, 0
        for (b1, b2), q in zip(bodies, p):
            if q < t:
                continue
            judged += 1
            s1, s2 = story_of.get(b1), story_of.get(b2)
            if s1 is None or s1 != s2:
                continue
            if kind[s1] == "undisputed":
                alarms.add(s1)
            elif "disagree" in {stance[b1], stance[b2]} and {stance[b1], stance[b2]} & {"agree", "discuss"}:
                found.add(s1)
                good += 1
        alarm = len(alarms) / max(undisputed, 1)
        print(f"  threshold {t:.2f}: recall {len(found) / max(disputed, 1):.3f} pair precision "
              f"{good / max(judged, 1):.3f} false alarm {alarm:.3f}", file=sys.stderr)
        if alarm <= max_alarm:
            best = float(t)
    return best


if __name__ == "__main__":
    main()
