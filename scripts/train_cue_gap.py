"""Learn when an attribution cue runs on to its content, from PolNeAR's training split.

    python scripts/train_cue_gap.py ../shared/data/polnear/data/train [--parsed FILE.spacy]

Runs our attribution pipeline over each training text with the gap step switched off
(attributions.revise.GAP_ACTIVE), and wherever a cue stops short of the content after it
(cue_model.gap_words), asks which of the two is a gold cue: the cue as found, or the cue run on over
the words between. An averaged perceptron over cue_model.gap_features learns to tell them apart; its
weights go to src/storyline/models/cue_gap.json (feature -> weight, nothing of the texts).
Before writing, the same is done on each half of the texts with the other half's model, and the
held-out accuracy is printed beside always keeping the cue as found.

--parsed as in train_content.py (the same DocBin serves both). Deterministic (seeded shuffle).
About four minutes on two cores with the parse saved.
"""
from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_attributions import MODELS, train_perceptron  # noqa: E402
from train_content import load_parsed, parsed_arguments  # noqa: E402

MIN_FEATURE_COUNT = 2


def examples(docs, parsed) -> list[tuple[str, list[str], bool]]:
    """(text name, features, whether the cue run on is the gold one) for every cue that stops short of
    its content where exactly one of the two readings is a gold cue."""
    from storyline.analyse import attributions as attr
    from storyline.analyse import cue_model
    from storyline.analyse.attributions import revise
    from storyline.analyse.mentions import mentions
    from storyline.evaluate.polnear import normal
    revise.GAP_ACTIVE = False
    out = []
    for (name, text, gold), doc in zip(docs, parsed):
        cues = {normal(text, r.cue) for r in gold}
        for a in attr.attributions(doc, mentions(doc, 0, [])):
            source_start = a.source.start if a.source is not None else None
            words = cue_model.gap_words(doc, a.cue_start, a.cue_end, a.content_start, source_start)
            if not words:
                continue
            longer = normal(text, ((a.cue_start, words[-1].idx + len(words[-1].text)),)) in cues
            if longer != (normal(text, ((a.cue_start, a.cue_end),)) in cues):
                out.append((name, cue_model.gap_features(doc, a.cue_start, a.cue_end, words), longer))
    return out


def fit(items: list[tuple[list[str], bool]]) -> dict[str, float]:
    seen = Counter(f for feats, _ in items for f in set(feats))
    return train_perceptron([([f for f in feats if seen[f] >= MIN_FEATURE_COUNT], y) for feats, y in items])


def main(split: str, parsed_file: str | None) -> None:
    from storyline.analyse.cue_model import score
    docs, parsed = load_parsed(split, parsed_file)
    rows = examples(docs, parsed)
    half = {name: int(hashlib.sha256(name.encode()).hexdigest(), 16) % 2 for name, _, _ in docs}
    right = 0
    for h in (0, 1):
        weights = fit([(f, y) for name, f, y in rows if half[name] != h])
        right += sum((score(weights, f) > 0) == y for name, f, y in rows if half[name] == h)
    longer = sum(y for _, _, y in rows)
    print(f"{len(rows)} cues short of their content in {len(docs)} texts; the longer one is gold in {longer}. "
          f"Held-out halves: right {right / max(1, len(rows)):.3f} "
          f"(always as found: {1 - longer / max(1, len(rows)):.3f})")
    weights = fit([(f, y) for _, f, y in rows])
    out = MODELS / "cue_gap.json"
    out.write_text(json.dumps({"note": "does a cue run on to its content; scripts/train_cue_gap.py",
                               "documents": len(docs), "examples": len(rows), "weights": weights},
                              separators=(",", ":"), sort_keys=True), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e3:.0f} KB, {len(weights)} weights)")


if __name__ == "__main__":
    main(*parsed_arguments("../shared/data/polnear/data/train"))
