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
from storyline.budget import OverBudget, deadline
from storyline.errors import StorylineError
from storyline.pieces import joined, piece_article, pieces
from storyline.read.common import unexpected
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
        analysed = _analysed(new_articles(), batch_size or conf.batch_size, n_process, model, fail,
                             conf.input_seconds)
    for article, analysis in analysed:
        try:
            stored = store.add_analysis(article, analysis)
        except StorylineError:
            raise  # the store itself failed (disk full, read-only): no later article would fare better
        except Exception as exc:  # noqa: BLE001 - something in this article's records the store refused
            fail(unexpected(article.name, "store", exc))
            continue
        if stored:
            store.clear_failure(article.name)
            report.added += 1
            report.words += len(article.text.split())
        else:
            report.already += 1
        if on_progress:
            on_progress(report.added + report.already, report.words)
    report.entities = resolve_all(store)
    report.seconds = time.perf_counter() - started
    return report


def _analysed(articles: Iterator[Article], batch_size: int, n_process: int, model, fail,
              seconds: float) -> Iterator[tuple[Article, object]]:
    """(article, analysis) for each article that analyses; any other becomes a Failure.

    spaCy parses the articles' pieces (pieces.py) in one stream of batches, as fast as bare
    nlp.pipe. Should the stream itself raise on some text, every article it had taken in and
    not yet given back is parsed again alone, so that only the one at fault fails, and a new
    stream takes the rest. Our own passes run on each article within its time budget."""
    from storyline.analyse import nlp as nlp_loader
    nlp = nlp_loader.load(model)
    source = iter(articles)
    while True:
        pending: dict[str, tuple[Article, int]] = {}  # article id -> (article, pieces expected)

        def stream():
            for article in source:
                parts = pieces(article.text)
                pending[article.id] = (article, len(parts))
                for offset, text in parts:
                    yield text, (article.id, offset)

        docs: dict[str, list] = {}
        try:
            for doc, (aid, offset) in nlp.pipe(stream(), as_tuples=True, batch_size=batch_size, n_process=n_process):
                docs.setdefault(aid, []).append((offset, doc))
                article, expected = pending[aid]
                if len(docs[aid]) == expected:
                    del pending[aid]
                    found = _analyse(article, docs.pop(aid), fail, seconds)
                    if found is not None:
                        yield article, found
            return
        except StorylineError:
            raise  # the store failed while the next articles were looked up: that stops the run
        except Exception:  # noqa: BLE001 - which article the parser choked on is found below
            for article, _ in list(pending.values()):
                found = _alone(nlp, article, fail, seconds)
                if found is not None:
                    yield article, found


def _alone(nlp, article: Article, fail, seconds: float):
    """One article parsed and analysed by itself; None (and a Failure) if it cannot be."""
    try:
        with deadline(seconds):
            docs = [(offset, nlp(text)) for offset, text in pieces(article.text)]
    except OverBudget as exc:
        fail(Failure(article.name, "analyse", f"[E191] parsing it took {exc}",
                     "it was skipped; raise STORYLINE_INPUT_SECONDS if it really is that slow"))
        return None
    except Exception as exc:  # noqa: BLE001 - the guard
        fail(unexpected(article.name, "analyse", exc))
        return None
    return _analyse(article, docs, fail, seconds)


def analysed_pieces(article: Article, docs: list):
    """The Analysis of an article from its parsed pieces [(offset, Doc)], offsets into the whole text."""
    from storyline.analyse.core import analyse_doc
    if len(docs) == 1:
        return analyse_doc(article, docs[0][1])
    return joined([(offset, analyse_doc(piece_article(article, offset, doc.text), doc)) for offset, doc in docs])


def _analyse(article: Article, docs: list, fail, seconds: float):
    """Our passes over an article's parsed pieces, within its time budget; None on failure."""
    try:
        with deadline(seconds):
            return analysed_pieces(article, docs)
    except OverBudget as exc:
        fail(Failure(article.name, "analyse", f"[E191] analysing it took {exc}",
                     "it was skipped; raise STORYLINE_INPUT_SECONDS if it really is that slow"))
    except Exception as exc:  # noqa: BLE001 - a bug in one pass must not stop the batch
        fail(unexpected(article.name, "analyse", exc))
    return None
