"""Can the words of doubt in each article tell a disputed story, even with the stories known?

    .venv/bin/python scripts/study_story_doubt.py ../shared/data/fnc-1 GOLD.json [GOLD.json ...]

GOLD.json is a story file written by ../shared/tools/fnc1_stories.py (or
scripts/fnc1_tune_stories.py). For each story the bodies are grouped as the gold groups them (the
best any topic grouping could do) and each body gets a doubt score: the words below per hundred
words. A story is called disputed when its most and least doubting bodies differ by more than a
threshold, and the contradiction is put between those two bodies; it is scored as
`storyline eval stories` scores (recall: disputed stories whose pair is a disagreeing body against
an agreeing or discussing one; precision: such pairs among those reported; false alarms:
undisputed stories with a pair). It also prints, within disputed stories, the AUC of the score for
"this body disagrees" against agreeing and discussing bodies.

The word list was written once from what debunking articles are known to say (hoax, fake, false,
denied, ...), before any figure was seen, and not changed after. Result (2026-12-07): the AUC of a
disagreeing body against an agreeing one is 0.48-0.51 (FNC-1's stance is toward the headline, and
a headline may itself be the debunking); with the stories known, the best thresholds give dev
recall 0.60 at false alarms 0.15 (precision 0.67), tune recall 0.35 at false alarms 0.17
(precision 0.50); the targets (0.70 / 0.80 / 0.05) are out of reach of such a signal. Nothing is written.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

csv.field_size_limit(1 << 24)

DOUBT = re.compile(r"\b(hoax\w*|fake|false(ly)?|debunk\w*|untrue|not true|no truth|fabricat\w*|satir\w*|rumou?rs?|"
                   r"denie[sd]|deny\w*|refute[sd]?|dismiss\w*|myth|baseless|unfounded|bogus|not real|no evidence|"
                   r"doctored|photoshopped|prank|spoof|parody|wrong|misleading|scam|retract\w*)\b", re.I)
THRESHOLDS = (0.2, 0.4, 0.6, 0.8, 1.0, 1.5, 2.0)


def doubt(text: str) -> float:
    """Words of doubt per hundred words (plus one, so a short body is not inflated)."""
    return len(DOUBT.findall(text)) / (1 + len(text.split()) / 100)


def auc(pos: list[float], neg: list[float]) -> float | None:
    if not pos or not neg:
        return None
    return sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / len(pos) / len(neg)


def study(bodies: dict[str, str], stories: list[dict]) -> None:
    disagree, agree, discuss, rows = [], [], [], []
    for s in stories:
        stance = s["bodies"]
        score = sorted((doubt(bodies[b]), b) for b in stance)
        if s["kind"] == "disputed":
            disagree += [x for x, b in score if stance[b] == "disagree"]
            agree += [x for x, b in score if stance[b] == "agree"]
            discuss += [x for x, b in score if stance[b] == "discuss"]
        (lo, b_lo), (hi, b_hi) = score[0], score[-1]
        sides = {stance[b_lo], stance[b_hi]}
        good = s["kind"] == "disputed" and "disagree" in sides and bool(sides & {"agree", "discuss"})
        rows.append((hi - lo, s["kind"], good))
    shown = [f"{a:.2f}" if a is not None else "-" for a in (auc(disagree, agree), auc(disagree, discuss))]
    print(f"  AUC disagreeing vs agreeing bodies {shown[0]}, vs discussing {shown[1]}")
    n_d = sum(k == "disputed" for _, k, _ in rows)
    n_u = len(rows) - n_d
    for t in THRESHOLDS:
        called = [r for r in rows if r[0] > t]
        good = sum(r[2] for r in called)
        print(f"  spread > {t}: recall {good / max(n_d, 1):.2f} precision {good / max(len(called), 1):.2f} "
              f"false alarms {sum(r[1] == 'undisputed' for r in called) / max(n_u, 1):.2f}")


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    with open(Path(argv[0]) / "train_bodies.csv", encoding="utf-8") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    for gold in argv[1:]:
        print(gold)
        study(bodies, json.loads(Path(gold).read_text(encoding="utf-8"))["stories"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
