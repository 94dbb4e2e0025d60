"""Draw corroborated claim clusters from a store for a hand check of corroboration.

    python scripts/sample_corroborated.py STORE.db [--seed 29] [--n 20]

Prints how many clusters are corroborated, then a seeded random sample of them, each with its
independent sources and up to six of its asserting claims (article, source as written, cue,
words), for a reader to mark genuine (one proposition, two or more sources a reporter would call
independent) or not. docs/EVAL.md records the marks.
"""
from __future__ import annotations

import argparse
import random

import storyline


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("--seed", type=int, default=29)
    ap.add_argument("--n", type=int, default=20)
    a = ap.parse_args()
    with storyline.open(a.store, must_exist=True) as story:
        clusters = story.clusters()
        corroborated = [c for c in clusters if c["corroborated"]]
        print(f"corroborated {len(corroborated)} of {len(clusters)} clusters")
        random.Random(a.seed).shuffle(corroborated)
        claims = {c["id"]: c for c in story.claims()}
        for n, c in enumerate(corroborated[:a.n], 1):
            print(f"\n#{n} cluster {c['id']}: {c['independent_sources']} independent sources {c['sources']}")
            if c["possibly_same"]:
                print(f"   possibly the same: {c['possibly_same']}")
            for i in c["asserting"][:6]:
                x = claims[i]
                print(f"   [{x['doc'][:6]}] {x['source']['text']!r} {x['cue']!r} | {x['text'][:150]}")


if __name__ == "__main__":
    main()
