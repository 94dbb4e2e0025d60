"""Build FNC-1 stories from one part of FNC-1's topics, for tuning the judge on topics it never reports on.

    .venv/bin/python scripts/fnc1_tune_stories.py ../shared/data/fnc-1 OUT \
        --exclude-stories /tmp/fnc1-stories/gold.json [--part tune] [--disputed 40] [--undisputed 40]

Writes OUT/corpus/fnc1-<body>.txt and OUT/gold.json in the layout of ../shared/tools/fnc1_stories.py
build, so `storyline eval stories OUT` scores them. Stories are picked as that tool picks them (a
headline with its related bodies: disputed when some agree and some disagree, undisputed when two or
more agree and none disagrees; no body in two stories; at most --max-bodies bodies), but only among
the topics of the given part (storyline.evaluate.fnc1.parts), and each headline keeps only its bodies
in that part.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("fnc1", help="folder with train_stances.csv and train_bodies.csv")
    ap.add_argument("out")
    ap.add_argument("--exclude-stories", metavar="GOLD", action="append", default=[])
    ap.add_argument("--part", default="rest", choices=("rest", "tune", "fit"),
                    help="rest (default): every body not in the excluded stories, whatever its topic; "
                         "tune or fit: the topics of that part")
    ap.add_argument("--disputed", type=int, default=40)
    ap.add_argument("--undisputed", type=int, default=40)
    ap.add_argument("--max-bodies", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from storyline.evaluate.fnc1 import RELATED, load, parts, story_bodies, topics

    folder = Path(a.fnc1)
    pairs, texts = load(folder / "train_stances.csv", folder / "train_bodies.csv")
    excluded = set().union(*(story_bodies(Path(g)) for g in a.exclude_stories))
    part_of = parts(pairs, excluded)
    body_topic, _ = topics(pairs)
    by: dict[str, dict[str, str]] = defaultdict(dict)
    for p in pairs:
        keep = p.body_id not in excluded if a.part == "rest" else part_of[body_topic[p.body_id]] == a.part
        if p.stance in RELATED and keep:
            by[p.headline][p.body_id] = p.stance
    disputed = sorted(h for h, b in by.items() if "agree" in b.values() and "disagree" in b.values())
    undisputed = sorted(h for h, b in by.items()
                        if list(b.values()).count("agree") >= 2 and "disagree" not in b.values())
    rng = random.Random(a.seed)
    rng.shuffle(disputed)
    rng.shuffle(undisputed)
    used: set[str] = set()
    picked = []
    for pool, want, kind in ((disputed, a.disputed, "disputed"), (undisputed, a.undisputed, "undisputed")):
        n = 0
        for h in pool:
            if n == want:
                break
            ids = set(by[h])
            if ids & used or len(ids) > a.max_bodies:
                continue
            used |= ids
            picked.append({"id": f"S{len(picked) + 1}", "kind": kind, "claim": h, "bodies": by[h]})
            n += 1
    out = Path(a.out)
    (out / "corpus").mkdir(parents=True, exist_ok=True)
    for s in picked:
        for b in s["bodies"]:
            (out / "corpus" / f"fnc1-{b}.txt").write_text(texts[b].strip() + "\n", encoding="utf-8")
    (out / "gold.json").write_text(json.dumps({"stories": picked}, indent=1), encoding="utf-8")
    n_d = sum(s["kind"] == "disputed" for s in picked)
    print(f"{len(picked)} stories ({n_d} disputed), {len(used)} bodies in {out / 'corpus'}")


if __name__ == "__main__":
    main()
