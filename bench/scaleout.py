"""`storyline ingest --engine dask` on a local cluster against the same ingest in one process.

    python bench/scaleout.py [--articles 400] [--workers 2]

Both runs ingest the same generated texts into fresh databases, so each includes reading,
storing and resolving; the dask run also includes starting its LocalCluster (each worker loads
spaCy). The last line printed is `ratio R` with R = one process's time / the dask run's time
(above 1: the cluster is faster). On a 2-core laptop expect little more than 1: the point of the
engine is a cluster of many machines, where storing is the only serial part.
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
    ap.add_argument("--articles", type=int, default=400, help="generated articles")
    ap.add_argument("--workers", type=int, default=2, help="local Dask workers")
    args = ap.parse_args()
    import storyline
    from storyline.analyse import nlp as loader

    with tempfile.TemporaryDirectory() as tmp:
        path = write_corpus(Path(tmp) / "corpus", args.articles)
        loader.load()  # the one-process run does not pay for loading the model; the workers do

        t0 = time.perf_counter()
        local = storyline.ingest([path], Path(tmp) / "local.db")
        one = time.perf_counter() - t0

        t0 = time.perf_counter()
        remote = storyline.ingest([path], Path(tmp) / "dask.db", engine="dask", n_process=args.workers)
        dask = time.perf_counter() - t0
        assert local.added == remote.added == args.articles and not remote.failures, remote.summary()

    print(f"model {loader.model_name()}, {args.articles} articles, {local.words:,} words")
    print(f"one process          {local.words / one:8,.0f} words/s ({one:.1f} s)")
    print(f"dask, {args.workers} local workers {local.words / dask:8,.0f} words/s ({dask:.1f} s, cluster start included)")
    print(f"ratio {one / dask:.2f}")


if __name__ == "__main__":
    main()
