"""Learn which verbs are attribution cues from PolNeAR's training split.

    python scripts/train_attributions.py ../shared/data/polnear/data/train

For every verb lemma in the training texts: how often a token of it lies inside a gold
cue span. Writes src/storyline/models/attribution_cues.json (lemma -> [cue count, total]),
a few kilobytes, which attributions.py reads. Only counts are kept, never text.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "storyline" / "models" / "attribution_cues.json"


def main(split: str) -> None:
    from storyline.analyse import nlp as nlp_loader
    from storyline.evaluate.polnear import load
    docs = load(Path(split))
    nlp = nlp_loader.load()
    cue, total = Counter(), Counter()
    for (_, text, gold), doc in zip(docs, nlp.pipe([t for _, t, _ in docs], batch_size=16)):
        spans = [r.cue for r in gold]
        for tok in doc:
            if tok.pos_ not in {"VERB", "AUX"}:
                continue
            lemma = tok.lemma_.lower()
            total[lemma] += 1
            if any(s <= tok.idx < e for s, e in spans):
                cue[lemma] += 1
    model = {lemma: [cue[lemma], n] for lemma, n in sorted(total.items()) if n >= 3 and cue[lemma]}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"source": "PolNeAR train (counts only)", "documents": len(docs),
                               "cues": model}, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(model)} cue lemmas from {len(docs)} documents -> {OUT}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
