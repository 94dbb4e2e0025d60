"""Words per second of `storyline ingest` against bare spaCy `nlp.pipe` on the same texts.

    python bench/throughput.py [--articles 300]

Both runs use the same loaded model and the same texts. Bare spaCy runs in one process, as
`nlp.pipe` does by default; ingest runs as `storyline ingest` does: on a machine with a second
core it parses in a forked second process while this one runs the passes (parser_process.py;
STORYLINE_PARSE_PROCESS=off for one process). The runs alternate `--repeat` times (each ingest
into a fresh database) and each side's fastest run counts, as timeit does: on a shared machine a
single pair of runs varies by a tenth either way. Besides the wall time, each side's processor
time (all processes) is printed: `cpu ratio` says how much more work ingest does than bare spaCy,
whatever the cores. The last line printed is `ratio R` with R = ours / bare, by wall time.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=300, help="generated articles (at least 200)")
    ap.add_argument("--repeat", type=int, default=3, help="alternating runs of each side (default 3)")
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

        bare_runs, our_runs, bare_cpu, our_cpu = [], [], [], []
        for k in range(max(1, args.repeat)):
            t0, c0 = time.perf_counter(), _cpu()
            for _ in nlp.pipe(texts, batch_size=32):
                pass
            bare_runs.append(time.perf_counter() - t0)
            bare_cpu.append(_cpu() - c0)

            t0, c0 = time.perf_counter(), _cpu()
            report = storyline.ingest([path], Path(tmp) / f"bench-{k}.db")
            our_runs.append(time.perf_counter() - t0)
            our_cpu.append(_cpu() - c0)
            assert report.added == len(texts), report.summary()
        bare, ours = min(bare_runs), min(our_runs)

    print(f"model {loader.model_name()}, {len(texts)} articles, {words:,} words")
    runs = lambda xs: ", ".join(f"{x:.1f}" for x in xs)  # noqa: E731
    print(f"bare nlp.pipe      {words / bare:10,.0f} words/s (fastest of {runs(bare_runs)} s)")
    print(f"storyline ingest   {words / ours:10,.0f} words/s (fastest of {runs(our_runs)} s)")
    print(f"processor time: bare {min(bare_cpu):.1f} s, ingest {min(our_cpu):.1f} s (all processes); "
          f"cpu ratio {min(bare_cpu) / min(our_cpu):.2f}")
    print(f"ratio {bare / ours:.2f}")


def _cpu() -> float:
    """Processor seconds of this process and its ended children (the parse process ends with
    each ingest)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


if __name__ == "__main__":
    main()
