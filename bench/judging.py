"""How resolving and judging scale, and how fast the read commands answer on a large store.

    .venv/bin/python bench/judging.py [--small 1000] [--large 10000]

Builds two real stores of generated articles (their analysis records written directly, so no
parsing is timed), runs the stages that end every ingest on each (resolve: entities, times; judge:
contradictions, disputes, claim clusters), and prints their times, the large/small ratio (10.0 is
linear; issue 18 asks at most 12) and peak memory. Then, on the large store, it times the commands a
reader runs, each in a fresh process as a user would: `storyline --help` (issue 18: under 0.5 s) and
`storyline claims --contradicted` (under 1 s), the fastest of three runs. The last line is
`judging ratio R; help S s; claims --contradicted T s`.
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ANON, FIRST, LAST, ORGS, OUTLETS  # noqa: E402

from storyline.records import Analysis, Article, Claim, Event, Mention, Source, article_id  # noqa: E402

PREDICATES = ["met", "called", "paid", "signed", "discussed", "approved", "awarded", "investigated"]
OBJECTS = ["the harbour contract", "the port tender", "the shipping licence", "the audit report", "the budget",
           "the bridge project", "the ferry subsidy", "the customs rules", "the dredging permit", "the rail link"]


def article(rng: random.Random, k: int) -> tuple[Article, Analysis]:
    """One generated article with its analysis: three people, an organisation, three claims (one
    in five a denial), a meeting, all with offsets into the text."""
    people = rng.sample([f"{f} {l}" for f in FIRST for l in LAST], 3)
    org = rng.choice(ORGS)
    day = date(2026, 1, 1) + timedelta(days=k % 300)
    sentences, mentions, claims, events = [], [], [], []
    pos = 0

    def add(sentence: str) -> int:
        nonlocal pos
        start = pos
        sentences.append(sentence)
        pos += len(sentence) + 1
        return start

    for _ in range(3):
        who, other = rng.choice(people), rng.choice(people)
        pred, obj = rng.choice(PREDICATES), rng.choice(OBJECTS)
        negative = rng.random() < 0.2
        anonymous = rng.random() < 0.3
        speaker = rng.choice(ANON) if anonymous else who
        content = f"{other} {'never ' if negative else ''}{pred} {obj} with {org}"
        s = add(f"{speaker} said {content}.")
        c0 = s + len(speaker) + len(" said ")
        if not anonymous:
            mentions.append(Mention(s, s + len(who), who, "PERSON", who))
        mentions.append(Mention(c0, c0 + len(other), other, "PERSON", other))
        claims.append(Claim(c0, c0 + len(content), content, "said", "indirect",
                            Source("anonymous" if anonymous else "person", speaker, s, s + len(speaker),
                                   None if anonymous else who),
                            cue_start=s + len(speaker) + 1, cue_end=s + len(speaker) + 5,
                            polarity="negative" if negative else "positive", said_on=day.isoformat(),
                            predicate=pred))
    s = add(f"{people[0]} met {people[1]} on {day:%B} {day.day}.")
    mentions += [Mention(s, s + len(people[0]), people[0], "PERSON", people[0])]
    events.append(Event(s + len(people[0]) + 1, s + len(people[0]) + 4, "meeting", "met", s, pos - 1,
                        (people[0], people[1]), day.isoformat(), f"{day:%B} {day.day}"))
    text = " ".join(sentences)
    outlet = rng.choice(OUTLETS)
    art = Article(article_id(f"{k}:{text}"), f"generated-{k}.txt", text, title=None, outlet=outlet,
                  published=day.isoformat(), published_from="metadata")
    spans, start = [], 0
    for sentence in sentences:
        spans.append((start, start + len(sentence)))
        start += len(sentence) + 1
    return art, Analysis(sentences=spans, mentions=mentions, events=events, claims=claims)


def build(path: Path, n: int, seed: int = 7) -> None:
    from storyline.store.db import Store
    rng = random.Random(seed)
    with Store(path) as store:
        for k in range(n):
            store.add_analysis(*article(rng, k))


def stages(path: Path) -> dict[str, float]:
    from storyline.judge.run import run as judge
    from storyline.resolve import run as resolve
    from storyline.store.db import Store
    out = {}
    with Store(path) as store:
        t = time.perf_counter()
        resolve(store)
        out["resolve"] = time.perf_counter() - t
        t = time.perf_counter()
        judge(store)
        out["judge"] = time.perf_counter() - t
    return out


def fastest(cmd: list[str], runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--large", type=int, default=10000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm.db"
        build(warm, 50)
        stages(warm)  # the first run pays for imports and lazily loaded models
        results, peaks = {}, {}
        for n in (args.small, args.large):
            db = Path(tmp) / f"s{n}.db"
            build(db, n)
            tracemalloc.start()
            results[n] = stages(db)
            peaks[n] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        print(f"{'stage':<10}{args.small:>10,} art.{args.large:>10,} art.{'ratio':>8}")
        for stage in ("resolve", "judge"):
            a, b = results[args.small][stage], results[args.large][stage]
            print(f"{stage:<10}{a:>13.2f}s{b:>13.2f}s{b / a:>8.1f}")
        a, b = (sum(results[n].values()) for n in (args.small, args.large))
        print(f"{'both':<10}{a:>13.2f}s{b:>13.2f}s{b / a:>8.1f}   peak traced memory "
              f"{peaks[args.small] / 2**20:.0f} MB -> {peaks[args.large] / 2**20:.0f} MB")
        exe = [sys.executable, "-m", "storyline"]
        help_s = fastest(exe + ["--help"])
        large_db = str(Path(tmp) / f"s{args.large}.db")
        claims_s = fastest(exe + ["claims", "--contradicted", "--db", large_db])
        print(f"storyline --help {help_s:.2f} s; storyline claims --contradicted on {args.large:,} articles "
              f"{claims_s:.2f} s (fastest of 3, fresh processes)")
        print(f"judging ratio {results[args.large]['judge'] / results[args.small]['judge']:.1f}; "
              f"help {help_s:.2f} s; claims --contradicted {claims_s:.2f} s")


if __name__ == "__main__":
    main()
