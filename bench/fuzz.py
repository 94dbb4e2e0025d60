"""Fuzz the readers and the analysis guard with mutated files; count what escapes.

    python bench/fuzz.py --cases 100000 [--seed 21] [--analyse-every 100]

Each case is a small valid file of one kind (text, HTML, JSONL, RSS, Atom, WARC, gzipped WARC)
with one to six mutations from tests/fuzz_cases.py (hostile tokens spliced in, bytes flipped,
cut short, doubled, gzipped, renamed to another kind, a name that is not UTF-8), read the way
`storyline ingest` reads a file. An escape is an exception out of the reader (the guard of
issue 21 lets none through) or output that breaks the readers' contract (fuzz_cases.check).
Every `--analyse-every`-th case's articles also go through the analysis guard and into a store.
Cases are drawn from `--seed`, so an escape can be replayed by its number. The last line
printed is `escapes N`.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fuzz_cases import check, random_case  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=100_000, help="cases to run (default 100000)")
    ap.add_argument("--seed", type=int, default=21, help="seed of the case generator (default 21)")
    ap.add_argument("--analyse-every", type=int, default=100,
                    help="also analyse and store every Nth case's articles (default 100; 0: never)")
    args = ap.parse_args()
    import logging
    logging.disable(logging.WARNING)  # warcio and trafilatura log each malformed input they meet
    from storyline.read import read_file
    from storyline.records import Article, Failure
    from storyline.store.db import Store

    rng = random.Random(args.seed)
    escapes, raised, examples, articles, failures = 0, 0, [], 0, 0
    store = Store(":memory:")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.fsencode(tmp)
        for number in range(1, args.cases + 1):
            name, data = random_case(rng)
            path = os.path.join(folder, name)
            with open(path, "wb") as fh:
                fh.write(data)
            try:
                items = list(read_file(Path(os.fsdecode(path)), os.fsdecode(name), 5 * 1024 * 1024))
                wrong = check(items)
                if args.analyse_every and number % args.analyse_every == 0:
                    wrong += _analyse_and_store([i for i in items if isinstance(i, Article)], store)
            except KeyboardInterrupt:
                raise
            except BaseException as exc:  # noqa: BLE001 - what the guard must never let through
                wrong = [f"{type(exc).__name__}: {exc}"[:300]]
                items = []
                raised += 1
            finally:
                os.unlink(path)
            articles += sum(isinstance(i, Article) for i in items)
            failures += sum(isinstance(i, Failure) for i in items)
            if wrong:
                escapes += 1
                if len(examples) < 10:
                    examples.append(f"case {number} ({name!r}, {len(data)} bytes): {wrong[0]}")
            if number % max(1, args.cases // 10) == 0:
                rate = number / (time.perf_counter() - started)
                print(f"fuzz: {number:,} cases, {escapes} escapes, {rate:,.0f} cases/s", file=sys.stderr, flush=True)
    store.close()
    for line in examples:
        print(line)
    print(f"cases {args.cases} (seed {args.seed}); articles {articles:,}, failures {failures:,}; "
          f"{time.perf_counter() - started:,.0f} s; of the escapes, exceptions {raised}, "
          f"broken output {escapes - raised}")
    print(f"escapes {escapes}")


def _analyse_and_store(articles, store) -> list[str]:
    """The articles through ingest's analysis guard and into the store; what went wrong besides
    the failures the guard records."""
    from storyline.ingest import _analysed
    wrong: list[str] = []
    seen = []
    for article, analysis in _analysed(iter(articles), 32, 1, None, seen.append, 120):
        store.add_analysis(article, analysis)
    for f in seen:
        wrong += check([f])
    return wrong


if __name__ == "__main__":
    main()
