"""Read → analyse → store → resolve, for a batch of files and folders.

One bad input never stops a run: it becomes a `Failure`, is recorded in the
store's failures table and reported, and the run goes on. Articles already
stored (same content hash) are skipped, so ingest is idempotent and a killed run
resumes where it stopped.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from storyline import settings
from storyline.records import Article, Failure

__all__ = ["IngestReport", "ingest"]


@dataclass
class IngestReport:
    added: int = 0
    already: int = 0
    failures: list[Failure] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0
    entities: int = 0
    judged: object = None  # judge.run.JudgeReport of the judge stage at the end

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        rate = f", {self.words / self.seconds:,.0f} words/s" if self.seconds > 0 and self.words else ""
        return (f"{self.added} article(s) added, {self.already} already stored, "
                f"{len(self.failures)} failed; {self.entities} entities{rate}")


def ingest(paths: Iterable, store, *, max_bytes: int | None = None, batch_size: int | None = None,
           n_process: int = 1, model: str | None = None, engine: str = "local", scheduler: str | None = None,
           on_failure: Callable[[Failure], None] | None = None,
           on_progress: Callable[[int, int], None] | None = None) -> IngestReport:
    """Ingest `paths` into `store`; returns what happened. `engine="dask"` analyses on a Dask
    cluster (the one at `scheduler`, or `n_process` local workers); see scaleout.py."""
    from storyline.read import read_paths
    from storyline.judge.run import run as judge_all
    from storyline.resolve import run as resolve_all

    conf = settings.current()
    report = IngestReport()
    started = time.perf_counter()

    def fail(f: Failure) -> None:
        report.failures.append(f)
        store.record_failure(f)
        if on_failure:
            on_failure(f)

    def new_articles() -> Iterator[Article]:
        seen: set[str] = set()
        own = [store.path + suffix for suffix in ("", "-wal", "-shm", "-journal")] if store.path != ":memory:" else []
        for item in read_paths(paths, max_bytes or conf.max_bytes, exclude=own):
            if isinstance(item, Failure):
                fail(item)
                continue
            if item.id in seen or store.has_article(item.id):
                report.already += 1
                continue
            seen.add(item.id)
            yield item

    if engine == "dask":
        from storyline.scaleout import analysed_on_dask
        analysed = analysed_on_dask(new_articles(), scheduler=scheduler, workers=n_process if n_process > 1 else None,
                                    batch_size=batch_size or conf.batch_size, model=model, fail=fail)
    else:
        analysed = _analysed(new_articles(), batch_size or conf.batch_size, n_process, model, fail)
    for article, analysis in analysed:
        if store.add_analysis(article, analysis):
            store.clear_failure(article.name)
            report.added += 1
            report.words += len(article.text.split())
        else:
            report.already += 1
        if on_progress:
            on_progress(report.added + report.already, report.words)
    report.entities = resolve_all(store)
    report.judged = judge_all(store)
    report.seconds = time.perf_counter() - started
    return report


def _analysed(articles, batch_size, n_process, model, fail):
    """Analysis of each article; an article whose analysis raises becomes a Failure."""
    from storyline.analyse import nlp as nlp_loader
    from storyline.analyse.core import analyse_doc
    nlp = nlp_loader.load(model)
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        try:
            yield article, analyse_doc(article, doc)
        except Exception as exc:  # a bug in one component must not stop the batch
            fail(Failure(article.name, "analyse", f"analysis failed ({type(exc).__name__}: {exc})",
                         "please report this with the file; the other articles were stored"))
