"""Words per second of `storyline ingest` against bare spaCy `nlp.pipe` on the same texts.

    python bench/throughput.py [--articles 300]

Both runs use the same loaded model, the same texts and one process; the last
line printed is `ratio R` with R = ours / bare.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300, help="generated articles (at least 200)")
    args = ap.parse_args()
    import storyline
    from storyline.analyse import nlp as loader
    from storyline.read import read_paths

    with tempfile.TemporaryDirectory() as tmp:
        path = write_corpus(Path(tmp) / "corpus", max(200, args.articles))
        texts = [a.text for a in read_paths([path], 10**9)]
        words = sum(len(t.split()) for t in texts)
        nlp = loader.load()
        list(nlp.pipe(texts[:5]))  # warm both runs alike

        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        bare = time.perf_counter() - t0

        t0 = time.perf_counter()
        report = storyline.ingest([path], Path(tmp) / "bench.db")
        ours = time.perf_counter() - t0
        assert report.added == len(texts), report.summary()

    print(f"model {loader.model_name()}, {len(texts)} articles, {words:,} words")
    print(f"bare nlp.pipe      {words / bare:10,.0f} words/s ({bare:.1f} s)")
    print(f"storyline ingest   {words / ours:10,.0f} words/s ({ours:.1f} s)")
    print(f"ratio {bare / ours:.2f}")


if __name__ == "__main__":
    main()
