"""`storyline eval fnc1 --stances F --bodies F`: stance of a body toward a headline on FNC-1.

By default every pair of the given files is scored (files the model never saw, such as FNC-1's
competition test files, are scored whole). `--unseen` scores only the pairs the shipped model never
trained on: the model file records which part of FNC-1's training files it learned from.

Parts of FNC-1's training files. A *topic* is a connected component of headlines and bodies joined
by related (agree, disagree, discuss) pairs: one rumour followed across articles, as Emergent
collected them. Models are trained and tuned on whole topics, so a figure on another part is one on
rumours the model never read about, as held-out stories will be:
  - `excluded`: every topic that holds a body of the stories given to the training script
    (`--exclude-stories GOLD.json`, the development stories built by
    `../shared/tools/fnc1_stories.py`), never trained or tuned on;
  - `tune`: TUNE_FRACTION of the other topics, by a sha256 of the topic (thresholds are chosen here);
  - `fit`: the rest, which models learn from.

Measures:
  - the FNC-1 score: +0.25 for a right related/unrelated decision, +0.75 more for the right
    label among agree/disagree/discuss when the gold is related; given as a fraction of the
    maximum possible for the gold labels (0-1);
  - per-class F1 and their mean (macro-F1), and the confusion matrix (rows gold, columns
    predicted).
"""
from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import StorylineError
from storyline.groups import Groups

__all__ = ["LABELS", "Pair", "load", "topics", "parts", "select", "story_bodies", "score", "evaluate", "table",
           "write_stances"]

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = frozenset(LABELS[:3])
TUNE_FRACTION = 0.2
TOPIC_SALT = "storyline-fnc1-topics-1"


@dataclass(frozen=True)
class Pair:
    headline: str
    body_id: str
    stance: str | None


def _unit(key: str, salt: str) -> float:
    """A fixed number in [0, 1) for a key: sha256 of salt and key, the same on any machine."""
    digest = hashlib.sha256(f"{salt}:{key}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2.0 ** 64


def topics(pairs: list[Pair]) -> tuple[dict[str, str], dict[str, str]]:
    """(body id -> topic, headline -> topic): the connected components of related pairs, each named
    by its alphabetically first headline. A body or headline in no related pair is a topic alone."""
    groups = Groups([("h", p.headline) for p in pairs] + [("b", p.body_id) for p in pairs])
    for p in pairs:
        if p.stance in RELATED:
            groups.join(("h", p.headline), ("b", p.body_id))
    name: dict = {}
    for p in sorted(pairs, key=lambda p: p.headline):
        name.setdefault(groups.root(("h", p.headline)), p.headline)
    for p in pairs:
        name.setdefault(groups.root(("b", p.body_id)), f"body {p.body_id}")
    return ({p.body_id: name[groups.root(("b", p.body_id))] for p in pairs},
            {p.headline: name[groups.root(("h", p.headline))] for p in pairs})


def parts(pairs: list[Pair], excluded_bodies: set[str] = frozenset()) -> dict[str, str]:
    """topic -> "excluded" | "tune" | "fit" (see the module's docstring)."""
    body_topic, head_topic = topics(pairs)
    out = {t: ("tune" if _unit(t, TOPIC_SALT) < TUNE_FRACTION else "fit")
           for t in set(body_topic.values()) | set(head_topic.values())}
    for b in excluded_bodies:
        if b in body_topic:
            out[body_topic[b]] = "excluded"
    return out


def select(pairs: list[Pair], which: str, excluded_bodies: set[str] = frozenset()) -> list[Pair]:
    """The pairs whose headline and body both lie in part `which` ("fit", "tune", "excluded"), or
    all of them ("all")."""
    if which == "all":
        return list(pairs)
    if which not in {"fit", "tune", "excluded"}:
        raise ValueError(f"unknown part {which!r}")
    part_of = parts(pairs, excluded_bodies)
    body_topic, head_topic = topics(pairs)
    return [p for p in pairs if part_of[body_topic[p.body_id]] == which == part_of[head_topic[p.headline]]]


def story_bodies(gold_path: Path) -> set[str]:
    """Body IDs of the stories in a gold.json written by ../shared/tools/fnc1_stories.py build."""
    try:
        stories = json.loads(Path(gold_path).read_text(encoding="utf-8"))["stories"]
    except (OSError, ValueError, KeyError) as exc:
        raise StorylineError("E326", f"{gold_path} is not a stories gold file ({exc})",
                             "give the gold.json that fnc1_stories.py build wrote") from exc
    return {b for s in stories for b in s["bodies"]}


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as err:
        raise StorylineError("E321", f"cannot read {path}: {err.strerror}", "give the FNC-1 CSV file") from err
    if rows and not set(columns) <= set(rows[0]):
        raise StorylineError("E322", f"{path} lacks the columns {', '.join(columns)}",
                             "give FNC-1's stances and bodies CSV files")
    return rows


def load(stances: Path, bodies: Path) -> tuple[list[Pair], dict[str, str]]:
    """The (headline, Body ID, stance) pairs and the bodies by ID. Stance may be absent (unlabelled)."""
    body_rows = _read_csv(Path(bodies), ("Body ID", "articleBody"))
    texts = {r["Body ID"].strip(): r["articleBody"] for r in body_rows}
    pairs = [Pair(r["Headline"], r["Body ID"].strip(), (r.get("Stance") or "").strip() or None)
             for r in _read_csv(Path(stances), ("Headline", "Body ID"))]
    missing = sorted({p.body_id for p in pairs} - texts.keys())
    if missing:
        raise StorylineError("E323", f"{len(missing)} Body IDs of the stances have no body (e.g. {missing[0]})",
                             "give the bodies file that goes with the stances")
    return pairs, texts


def score(gold: list[str], predicted: list[str]) -> dict:
    """FNC-1 score (fraction of the maximum), per-class F1, macro-F1 and the confusion matrix."""
    confusion = {g: {p: 0 for p in LABELS} for g in LABELS}
    got = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
        best += 1.0 if g in RELATED else 0.25
        if (g in RELATED) == (p in RELATED):
            got += 0.25
            if g in RELATED and g == p:
                got += 0.75
    out: dict = {"pairs": len(gold), "fnc_score": got / best if best else 0.0,
                 "fnc_points": got, "fnc_max": best, "confusion": confusion}
    f1s = []
    for c in LABELS:
        tp = confusion[c][c]
        n_pred = sum(confusion[g][c] for g in LABELS)
        n_gold = sum(confusion[c].values())
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        out[f"f1_{c}"] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        f1s.append(out[f"f1_{c}"])
    out["macro_f1"] = sum(f1s) / len(f1s)
    out["accuracy"] = sum(confusion[c][c] for c in LABELS) / len(gold) if gold else 0.0
    out["related_accuracy"] = sum(confusion[g][p] for g in LABELS for p in LABELS
                                  if (g in RELATED) == (p in RELATED)) / len(gold) if gold else 0.0
    return out


def write_stances(path: Path, pairs: list[Pair], labels: list[str]) -> None:
    """A stances CSV in the gold's own format (Headline, Body ID, Stance)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Headline", "Body ID", "Stance"])
        for p, label in zip(pairs, labels, strict=True):
            w.writerow([p.headline, p.body_id, label])


def evaluate(stances: Path, bodies: Path, predictions: Path | None = None, unseen: bool = False) -> dict:
    """Score the stance model on every pair of the given files, or with `unseen` only on the pairs
    whose topic the shipped model never learned from (see its `fit_bodies`)."""
    from storyline.analyse.stance import load_model, stances as predict
    pairs, texts = load(stances, bodies)
    which = "all"
    if unseen:
        seen = load_model().fit_bodies
        if seen is None:
            raise StorylineError("E327", "the stance model does not record what it was trained on",
                                 "rebuild it with scripts/train_stance.py")
        body_topic, _ = topics(pairs)
        seen_topics = {body_topic[b] for b in seen if b in body_topic}
        pairs = [p for p in pairs if body_topic[p.body_id] not in seen_topics]
        which = "unseen"
    if not pairs:
        raise StorylineError("E324", f"no pairs in the {which} part", "give the FNC-1 files, or score all of them")
    labels = [label for label, _ in predict([(p.headline, texts[p.body_id]) for p in pairs])]
    if predictions:
        write_stances(Path(predictions), pairs, labels)
    gold = [p.stance for p in pairs]
    if any(g not in LABELS for g in gold):
        raise StorylineError("E325", "some pairs have no known Stance", "give a labelled stances file")
    out = score(gold, labels)
    out["part"] = which
    return out


def table(m: dict) -> str:
    note = {"unseen": "the pairs of topics the model never learned from (FNC-1 topics: related headlines "
                      "and bodies, joined)",
            "all": "every pair of the given files"}.get(m.get("part", ""), m.get("part", ""))
    rows = [f"scored: {note}", f"pairs           {m['pairs']:>7d}",
            f"fnc_score         {m['fnc_score']:.4f}   ({m['fnc_points']:.2f} of {m['fnc_max']:.2f} points)",
            f"macro_f1          {m['macro_f1']:.4f}"]
    rows += [f"f1_{c:<14s} {m[f'f1_{c}']:.4f}" for c in LABELS]
    rows += [f"accuracy          {m['accuracy']:.4f}", f"related_accuracy  {m['related_accuracy']:.4f}", "",
             "confusion (rows gold, columns predicted)",
             "gold \\ pred " + "".join(f"{c:>11s}" for c in LABELS)]
    rows += [f"{g:<12s}" + "".join(f"{m['confusion'][g][p]:>11d}" for p in LABELS) for g in LABELS]
    return "\n".join(rows)
