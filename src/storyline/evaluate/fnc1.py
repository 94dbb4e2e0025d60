"""`storyline eval fnc1 --stances F --bodies F`: stance of a body toward a headline on FNC-1.

FNC-1 ships only its training files here, so by default the evaluation scores the body-level
hold-out of them: a body belongs to the hold-out when a hash of its Body ID falls in the lowest
`HOLDOUT_FRACTION` (see `part`). Splitting by body, never by pair, keeps every sentence of a
held-out body unseen by training; a headline may still appear with other bodies on both sides,
as in the competition's own split. The model is trained on the rest (`scripts/train_stance.py`),
which it splits again by body (`part(..., salt=DEV_SALT)`) for model selection.

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
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import StorylineError

__all__ = ["LABELS", "Pair", "load", "part", "fold", "select", "score", "evaluate", "table", "write_stances"]

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = frozenset(LABELS[:3])
HOLDOUT_FRACTION = 0.2
HOLDOUT_SALT = "storyline-fnc1-holdout-1"
DEV_SALT = "storyline-fnc1-dev-1"


@dataclass(frozen=True)
class Pair:
    headline: str
    body_id: str
    stance: str | None


def _unit(body_id: str, salt: str) -> float:
    """A fixed number in [0, 1) for a Body ID: sha256 of salt and ID, the same on any machine."""
    digest = hashlib.sha256(f"{salt}:{body_id.strip()}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2.0 ** 64


def part(body_id: str, salt: str = HOLDOUT_SALT, fraction: float = HOLDOUT_FRACTION) -> bool:
    """True when the body falls in the held-out part (the lowest `fraction` of its hash)."""
    return _unit(body_id, salt) < fraction


def fold(body_id: str, k: int = 5, salt: str = DEV_SALT) -> int:
    """Which of k body-level folds of the training part a body is in; fold 0 is the "dev" part."""
    return int(_unit(body_id, salt) * k)


def select(pairs: list[Pair], which: str) -> list[Pair]:
    """The pairs of one part: "holdout", "train" (the rest), "fit" or "dev" (train split again)."""
    if which == "all":
        return list(pairs)
    held = [p for p in pairs if part(p.body_id)]
    rest = [p for p in pairs if not part(p.body_id)]
    if which == "holdout":
        return held
    if which == "train":
        return rest
    if which in {"fit", "dev"}:
        return [p for p in rest if part(p.body_id, DEV_SALT) == (which == "dev")]
    raise ValueError(f"unknown part {which!r}")


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


def evaluate(stances: Path, bodies: Path, predictions: Path | None = None, which: str = "holdout") -> dict:
    """Score the stance model on one part of the given files ("holdout" by default, or "all")."""
    from storyline.analyse.stance import stances as predict
    pairs, texts = load(stances, bodies)
    pairs = select(pairs, which)
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
    note = {"holdout": f"body-level hold-out of the given files ({HOLDOUT_FRACTION:.0%} of Body IDs by hash "
                       f"'{HOLDOUT_SALT}'; the model never saw these bodies)",
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
