"""How the cross-article stages scale: entity resolution, claim clustering, near-duplicate
detection and contradiction finding over generated stories of 1,000 and 10,000 articles.

    .venv/bin/python bench/resolution.py [--small 1000] [--large 10000]

The inputs are the rows those stages read from the store (mentions, claims, events, texts),
generated directly so the benchmark measures resolution, not parsing. Prints the time of each
stage at both sizes (after one small warm-up run, so neither pays for imports), the large/small
time ratio (10.0 is linear), and peak memory.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ANON, FIRST, LAST, ORGS, OUTLETS, ROLES  # noqa: E402

from storyline.judge.contradictions import find_contradictions  # noqa: E402
from storyline.judge.corroboration import corroboration  # noqa: E402
from storyline.resolve.entities import resolve_entities  # noqa: E402

PREDICATES = ["meet", "call", "pay", "sign", "discuss", "approve", "resign", "deny", "award", "investigate"]
OBJECTS = ["the harbour contract", "the port tender", "the shipping licence", "the audit report", "the budget",
           "the bridge project", "the ferry subsidy", "the customs rules", "the dredging permit", "the rail link"]


def generate(n: int, seed: int = 7):
    rng = random.Random(seed)
    people = [f"{f} {l}" for f in FIRST for l in LAST]
    mentions, claims, events, docs, texts = [], [], [], [], {}
    mid = cid = eid = 0
    for a in range(n):
        doc = f"d{a}"
        day = f"2026-{1 + a % 12:02d}-{1 + a % 28:02d}"
        outlet = rng.choice(OUTLETS)
        docs.append({"id": doc, "name": f"{doc}.txt", "outlet": outlet, "published": day})
        cast = rng.sample(people, 3)
        sentences = []
        for person in cast:
            for form in (person, person.split()[-1]):
                mid += 1
                mentions.append({"id": mid, "text": form, "type": "PERSON", "canonical": person,
                                 "title": rng.choice(ROLES) if form == person and rng.random() < 0.3 else None})
        org = rng.choice(ORGS)
        mid += 1
        mentions.append({"id": mid, "text": org, "type": "ORG", "canonical": org, "title": None})
        for _ in range(3):
            who, pred, obj = rng.choice(cast), rng.choice(PREDICATES), rng.choice(OBJECTS)
            other = rng.choice(cast)
            text = f"{other} had {pred}ed {obj} with {org} in {rng.choice(['March', 'April', 'May'])}"
            cid += 1
            anonymous = rng.random() < 0.3
            claims.append({"id": cid, "doc": doc, "start": cid * 10, "end": cid * 10 + len(text), "text": text,
                           "polarity": "negative" if rng.random() < 0.2 else "positive",
                           "certainty": rng.choice(["certain", "certain", "probable", "possible"]),
                           "said_on": day, "predicate": pred,
                           "source": {"entity": None, "text": rng.choice(ANON) if anonymous else who,
                                      "kind": "anonymous" if anonymous else "person", "anonymous": anonymous,
                                      "count": None},
                           "source_key": None if anonymous else f"name:{who}", "source_text": who})
            sentences.append(text + ".")
            eid += 1
            events.append({"id": eid, "type": "meeting", "participants": [hash(p) % 10_000 for p in cast[:2]],
                           "when": day, "doc": doc})
        texts[doc] = " ".join(sentences + [f"Reporting by {outlet}."])
    return mentions, claims, events, docs, texts


def run(n: int) -> dict[str, float]:
    mentions, claims, events, docs, texts = generate(n)
    out = {}
    t = time.perf_counter()
    resolve_entities(mentions)
    out["entities"] = time.perf_counter() - t
    t = time.perf_counter()
    corroboration(claims, docs, texts, {})
    out["clusters + duplicates"] = time.perf_counter() - t
    t = time.perf_counter()
    find_contradictions(claims, events)
    out["contradictions"] = time.perf_counter() - t
    out["articles"] = n
    out["claims"] = len(claims)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--large", type=int, default=10000)
    args = ap.parse_args()
    run(50)  # warm: the first call of a stage pays for imports and lazily loaded tables
    tracemalloc.start()
    small = run(args.small)
    _, peak_small = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    large = run(args.large)
    _, peak_large = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{'stage':<24}{args.small:>10,} art.{args.large:>10,} art.{'ratio':>8}")
    for stage in ("entities", "clusters + duplicates", "contradictions"):
        print(f"{stage:<24}{small[stage]:>13.2f}s{large[stage]:>13.2f}s{large[stage] / small[stage]:>8.1f}")
    total_s = sum(small[s] for s in ("entities", "clusters + duplicates", "contradictions"))
    total_l = sum(large[s] for s in ("entities", "clusters + duplicates", "contradictions"))
    print(f"{'all':<24}{total_s:>13.2f}s{total_l:>13.2f}s{total_l / total_s:>8.1f}")
    print(f"claims {small['claims']:,} -> {large['claims']:,}; peak traced memory "
          f"{peak_small / 2**20:.0f} MB -> {peak_large / 2**20:.0f} MB; a ratio near "
          f"{args.large / args.small:.0f} is linear")


if __name__ == "__main__":
    main()
