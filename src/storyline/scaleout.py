"""Analysis on a Dask cluster: `storyline ingest --engine dask [--scheduler ADDRESS]`.

Analysing one article is a pure function of that article, so batches of articles travel to the
workers and come back as records; reading, storing and resolving stay in this process, beside
the store, so the store's guarantees (one transaction per article, idempotent, resumable) hold
whatever the engine. At most a few batches per worker are in flight, so memory stays bounded
however large the corpus. Without an address, a LocalCluster of this machine is started for
the run and stopped after it.

Workers need the same storyline and spaCy model installed (`pip install 'storyline[dask]'`).
"""
from __future__ import annotations

import logging
import os
import tempfile
from itertools import islice
from typing import Callable, Iterable, Iterator

from storyline.errors import StorylineError
from storyline.pieces import pieces
from storyline.records import Analysis, Article, Failure

__all__ = ["analyse_batch", "analysed_on_dask"]

IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: enough to keep it busy, few enough to bound memory


def analyse_batch(articles: list[Article], model: str | None) -> list[tuple[Article, Analysis | None, str | None]]:
    """On a worker: each article with its analysis, or with the reason its analysis failed.
    A long article is parsed and analysed in pieces (pieces.py), as in a local run."""
    from storyline.analyse import nlp as nlp_loader
    from storyline.ingest import analysed_pieces
    nlp = nlp_loader.load(model)
    parts = [(a.id, offset, text) for a in articles for offset, text in pieces(a.text)]
    try:
        docs = list(nlp.pipe([text for _, _, text in parts]))
    except Exception:  # one bad text must not cost its batch: parse them one by one
        docs = []
        for _, _, text in parts:
            try:
                docs.append(nlp(text))
            except Exception as exc:
                docs.append(exc)
    parsed: dict[str, list] = {}
    for (aid, offset, _), doc in zip(parts, docs):
        parsed.setdefault(aid, []).append((offset, doc))
    out = []
    for article in articles:
        try:
            for _, doc in parsed[article.id]:
                if isinstance(doc, Exception):
                    raise doc
            out.append((article, analysed_pieces(article, parsed[article.id]), None))
        except Exception as exc:  # recorded as that article's failure, as in a local run
            out.append((article, None, f"{type(exc).__name__}: {exc}"))
    return out


def analysed_on_dask(articles: Iterable[Article], *, scheduler: str | None, workers: int | None,
                     batch_size: int, model: str | None,
                     fail: Callable[[Failure], None]) -> Iterator[tuple[Article, Analysis]]:
    """(article, analysis) for each article analysed on the cluster, in the order they finish;
    failures go to `fail`, whether the analysis raised or the worker running it was lost."""
    client, cluster = _connect(scheduler, workers)
    try:
        from distributed import as_completed
        limit = IN_FLIGHT_PER_WORKER * max(len(client.scheduler_info().get("workers", {})), 1)
        batch_of = {}
        pending = as_completed()
        remaining = iter(articles)
        for chunk in iter(lambda: list(islice(remaining, batch_size)), []):
            future = client.submit(analyse_batch, chunk, model, pure=False)
            batch_of[future.key] = chunk
            pending.add(future)
            while pending.count() >= limit:
                yield from _finished(next(pending), batch_of, fail)
        for future in pending:
            yield from _finished(future, batch_of, fail)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _finished(future, batch_of: dict, fail) -> Iterator[tuple[Article, Analysis]]:
    chunk = batch_of.pop(future.key)
    try:
        results = future.result()
    except Exception as exc:  # the worker died or the task could not run: every article of it failed
        for article in chunk:
            fail(Failure(article.name, "analyse", f"the Dask worker analysing it failed ({type(exc).__name__}: {exc})",
                         "run the ingest again: stored articles are skipped and this one is retried"))
        return
    for article, analysis, error in results:
        if error is None:
            yield article, analysis
        else:
            fail(Failure(article.name, "analyse", f"analysis failed ({error})",
                         "please report this with the file; the other articles were stored"))


def _connect(scheduler: str | None, workers: int | None):
    """A client of the cluster at `scheduler`, or of a LocalCluster started here; (client, cluster)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise StorylineError("E420", "--engine dask needs Dask's distributed package, which is not installed",
                             "pip install 'storyline[dask]', or leave out --engine") from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="10s"), None
        except (OSError, TimeoutError, ValueError) as exc:
            raise StorylineError("E421", f"cannot reach the Dask scheduler at {scheduler} ({exc})",
                                 "start one with `dask scheduler` and workers with `dask worker ADDRESS`, "
                                 "or leave out --scheduler to use this machine") from exc
    # A scratch folder of our own: Dask's default is the working directory.
    scratch = os.environ.get("DASK_TEMPORARY_DIRECTORY") or tempfile.mkdtemp(prefix="storyline-dask-")
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           dashboard_address=None, local_directory=scratch, silence_logs=logging.ERROR)
    try:
        return Client(cluster), cluster
    except Exception:
        cluster.close()
        raise
