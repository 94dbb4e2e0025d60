"""Read → analyse → store → resolve, for a batch of files and folders.

One bad input never stops a run: it becomes a `Failure`, is recorded in the
store's failures table and reported, and the run goes on. Articles already
stored (same content hash) are skipped, so ingest is idempotent and a killed run
resumes where it stopped.
"""
from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from storyline import settings
from storyline.budget import OverBudget, deadline
from storyline.errors import StorylineError
from storyline.pieces import BATCH_CHARS, joined, piece_article, pieces
from storyline.read.common import unexpected
from storyline.records import Analysis, Article, Failure

__all__ = ["IngestReport", "Progress", "ingest"]


@dataclass(frozen=True)
class Progress:
    """How far a run is, for a progress display: input bytes done of the total (each file's bytes
    shared among its articles, counted as each is stored or fails), and the stage it is at."""
    done: float
    total: int
    articles: int
    words: int
    stage: str = "analyse"  # analyse | resolve | judge


@dataclass
class IngestReport:
    added: int = 0
    already: int = 0
    failures: list[Failure] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0
    entities: int = 0
    judged: object = None  # judge.run.JudgeReport of the judge stage at the end
    # Articles stored but not analysed, as (name, language code): written in another language than
    # English (read/language.py), which Storyline's analysis would only misread.
    not_analysed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def summary(self) -> str:
        rate = f", {self.words / self.seconds:,.0f} words/s" if self.seconds > 0 and self.words else ""
        return (f"{self.added} article(s) added, {self.already} already stored, "
                f"{len(self.failures)} failed; {self.entities} entities{rate}{self.skipped_note()}")

    def skipped_note(self) -> str:
        """"; 2 stored but not analysed (1 Spanish, 1 German): Storyline analyses English only"."""
        if not self.not_analysed:
            return ""
        from storyline.read.language import language_name
        counts = Counter(language_name(code) for _, code in self.not_analysed)
        said = ", ".join(f"{n} {lang}" for lang, n in counts.most_common())
        return (f"; {len(self.not_analysed)} stored but not analysed ({said}): Storyline analyses English "
                "only, so it found no actors or claims in them")


def ingest(paths: Iterable, store, *, max_bytes: int | None = None, batch_size: int | None = None,
           n_process: int = 1, model: str | None = None, engine: str = "local", scheduler: str | None = None,
           on_failure: Callable[[Failure], None] | None = None,
           on_progress: Callable[[Progress], None] | None = None,
           on_not_analysed: Callable[[Article], None] | None = None) -> IngestReport:
    """Ingest `paths` into `store`; returns what happened. `engine="dask"` analyses on a Dask
    cluster (the one at `scheduler`, or `n_process` local workers); see scaleout.py."""
    from storyline.judge.run import run as judge_all
    from storyline.read.language import analysable
    from storyline.resolve import run as resolve_all

    conf = settings.current()
    report = IngestReport()
    started = time.perf_counter()

    shares: dict[str, float] = {}  # article name -> its part of its file's bytes, until stored or failed
    done = [0.0, 0]  # bytes done, bytes in all

    def tell(stage: str = "analyse") -> None:
        if on_progress:
            on_progress(Progress(min(done[0], done[1]), done[1], report.added + report.already, report.words, stage))

    def fail(f: Failure) -> None:
        report.failures.append(f)
        store.record_failure(f)
        done[0] += shares.pop(f.path, 0.0)
        if on_failure:
            on_failure(f)

    def new_articles() -> Iterator[Article]:
        from storyline.read import input_files, read_file
        seen: set[str] = set()
        own = [store.path + suffix for suffix in ("", "-wal", "-shm", "-journal")] if store.path != ":memory:" else []
        files = list(input_files(paths, exclude=own))
        done[1] = sum(f.size for f in files if not isinstance(f, Failure))
        tell()
        for file in files:
            if isinstance(file, Failure):
                fail(file)
                continue
            items = list(read_file(file.path, file.name, max_bytes or conf.max_bytes))
            share = file.size / len(items)  # read_file yields at least one item (an article or a Failure)
            for item in items:
                if isinstance(item, Failure):
                    fail(item)
                    done[0] += share
                    continue
                if item.id in seen or store.has_article(item.id):
                    report.already += 1
                    done[0] += share
                    continue
                seen.add(item.id)
                if not analysable(item):
                    store_unanalysed(item)
                    done[0] += share
                    continue
                shares[item.name] = shares.get(item.name, 0.0) + share
                yield item
            tell()

    def store_unanalysed(article: Article) -> None:
        """An article in a language Storyline does not analyse: stored (with its language) and said."""
        if store.add_analysis(article, Analysis()):
            store.clear_failure(article.name)
            report.added += 1
            report.not_analysed.append((article.name, article.language))
            if on_not_analysed:
                on_not_analysed(article)
        else:
            report.already += 1

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
        done[0] += shares.pop(article.name, 0.0)
        if stored:
            store.clear_failure(article.name)
            report.added += 1
            report.words += len(article.text.split())
        else:
            report.already += 1
        tell()
    done[0] = done[1]
    tell("resolve")
    report.entities = resolve_all(store)
    tell("judge")
    report.judged = judge_all(store)
    report.seconds = time.perf_counter() - started
    return report


def _analysed(articles: Iterator[Article], batch_size: int, n_process: int, model, fail,
              seconds: float) -> Iterator[tuple[Article, object]]:
    """(article, analysis) for each article that analyses; any other becomes a Failure.

    spaCy parses the articles' pieces (pieces.py) in one stream of batches, as fast as bare
    nlp.pipe; our passes run on each piece as soon as it is parsed (so a long article never
    holds more than a batch of parsed pieces), within the article's time budget. Should the
    stream itself raise on some text, every article it had taken in and not yet given back is
    parsed again alone, so that only the one at fault fails, and a new stream takes the rest."""
    from storyline.analyse import nlp as nlp_loader
    nlp = nlp_loader.load(model)
    source = iter(articles)
    in_child = True  # the parse process (parser_process.py), until a stream fails
    while True:
        pending: dict[str, _Pieces] = {}  # article id -> its pieces analysed so far

        def stream():
            for article in source:
                parts = pieces(article.text)
                pending[article.id] = _Pieces(article, len(parts), seconds, fail)
                for offset, text in parts:
                    yield text, (article.id, offset)

        try:
            for doc, (aid, offset) in _parsed(nlp, stream(), batch_size, n_process, in_child):
                whole = pending[aid]
                whole.add(offset, doc)
                del doc
                if whole.done():
                    del pending[aid]
                    if whole.analysis() is not None:
                        yield whole.article, whole.analysis()
            return
        except StorylineError:
            raise  # the store failed while the next articles were looked up: that stops the run
        except Exception:  # noqa: BLE001 - which article the parser choked on is found below
            if not pending:
                raise  # no article taken in: nothing to blame on one, and trying again would loop
            in_child = False  # whatever failed, the rest of the run parses here
            for whole in list(pending.values()):
                found = _alone(nlp, whole.article, fail, seconds)
                if found is not None:
                    yield whole.article, found


def _parsed(nlp, stream, batch_size: int, n_process: int, in_child: bool = True):
    """nlp.pipe over (text, context) pairs in batches of at most `batch_size` texts and
    BATCH_CHARS characters: spaCy batches by count only, and a batch of six 50,000-character
    pieces took 1.2 GB where one at a time takes 0.4 GB. (With n_process > 1, spaCy's own
    stream, batched by count, feeds the worker processes.)

    Otherwise the parser works ahead in a forked process where one can run (parser_process.py),
    else a batch ahead on a thread of its own (its matrix products let go of the interpreter's
    lock, so on a second core they run while our passes read the batch before). The texts are
    still taken from `stream` here (it reads the store), and no parse is left running when this
    generator raises."""
    if n_process > 1:
        yield from nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=n_process)
        return

    from storyline import parser_process
    child = parser_process.started(nlp) if in_child else None
    if child is not None:
        yield from _parsed_in_child(nlp, stream, batch_size, child)
        return

    def parse(batch):
        return list(nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))

    ahead = job = None
    try:
        for batch in _batches(stream, batch_size):
            job = _Ahead(parse, batch, after=ahead)
            if ahead is not None:
                docs = ahead.result()
                ahead = None
                yield from docs
                del docs
            ahead, job = job, None
        if ahead is not None:
            docs, ahead = ahead.result(), None
            yield from docs
    except Exception:
        for pending in (job, ahead):
            if pending is not None:
                pending.wait()  # the caller parses again alone: never two parses at once
        raise


def _parsed_in_child(nlp, stream, batch_size: int, child):
    """As _parsed, with a forked process (parser_process.py) parsing batches ahead. Whenever the
    next batch due is still in the child's hands, this process parses a later batch itself rather
    than wait, so both cores stay busy; batches are given back in the order they were read."""
    from collections import deque

    batches = _batches(stream, max(1, min(batch_size, _SHARED_BATCH)))
    due: deque = deque()  # one per batch read, in order: None while the child has it, else its docs
    more = True
    with child:
        while True:
            while more and child.in_flight < _CHILD_AHEAD:
                batch = next(batches, None)
                if batch is None:
                    more = False
                else:
                    child.send(batch)
                    due.append(None)
            if not due:
                return
            if due[0] is not None:
                yield from due.popleft()
            elif child.ready() or not more:
                due.popleft()
                yield from child.receive()
            else:
                batch = next(batches, None)
                if batch is None:
                    more = False
                else:
                    due.append(list(nlp.pipe(batch, as_tuples=True, batch_size=len(batch))))


_SHARED_BATCH = 16  # texts per batch handed out: smaller batches keep both processes busy to the end
_CHILD_AHEAD = 3  # batches sent to the parse process and not yet taken back


def _batches(stream, batch_size: int):
    batch, chars = [], 0
    for text, context in stream:
        if batch and (len(batch) >= batch_size or chars + len(text) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append((text, context))
        chars += len(text)
    if batch:
        yield batch


class _Ahead:
    """fn(arg) on a daemon thread (a Ctrl-C never waits for it), begun once the job `after` has
    ended (one parse at a time); result() gives its value or raises what it raised."""

    def __init__(self, fn, arg, after: "_Ahead | None" = None):
        self._value = self._error = None
        self._thread = threading.Thread(target=self._run, args=(fn, arg, after), daemon=True,
                                        name="storyline-parse")
        self._thread.start()

    def _run(self, fn, arg, after) -> None:
        if after is not None:
            after.wait()
        try:
            self._value = fn(arg)
        except BaseException as exc:  # noqa: BLE001 - handed to result()
            self._error = exc

    def wait(self) -> None:
        self._thread.join()

    def result(self):
        self._thread.join()
        if self._error is not None:
            raise self._error
        value, self._value = self._value, None
        return value


class _Pieces:
    """One article's pieces as they come from the parser: each analysed at once (its Doc then
    let go), all within the article's one time budget; the first failure fails the article."""

    def __init__(self, article: Article, expected: int, seconds: float, fail):
        self.article, self.expected, self.left, self.fail = article, expected, seconds, fail
        self.budget = seconds
        self.parts: list = []
        self.seen = 0
        self.failed = False

    def add(self, offset: int, doc) -> None:
        self.seen += 1
        if self.failed:
            return
        started = time.perf_counter()
        found = _analyse_piece(self.article, offset, doc, self.expected > 1, self.fail, self.left, self.budget)
        self.left -= time.perf_counter() - started
        if found is None:
            self.failed = True
        else:
            self.parts.append((offset, found))

    def done(self) -> bool:
        return self.seen == self.expected

    def analysis(self):
        return None if self.failed else joined(self.parts)


def _alone(nlp, article: Article, fail, seconds: float):
    """One article parsed and analysed by itself, piece by piece; None (and a Failure) if it cannot be."""
    whole = _Pieces(article, len(pieces(article.text)), seconds, fail)
    for offset, text in pieces(article.text):
        try:
            with deadline(max(whole.left, 0.001)):
                doc = nlp(text)
        except OverBudget:
            fail(Failure(article.name, "analyse", f"[E191] parsing it took over its budget of {seconds:g} s",
                         "it was skipped; raise STORYLINE_INPUT_SECONDS if it really is that slow"))
            return None
        except Exception as exc:  # noqa: BLE001 - the guard
            fail(unexpected(article.name, "analyse", exc))
            return None
        whole.add(offset, doc)
        if whole.failed:
            return None
    return whole.analysis()


def analysed_pieces(article: Article, docs: list):
    """The Analysis of an article from its parsed pieces [(offset, Doc)], offsets into the whole text."""
    from storyline.analyse.core import analyse_doc
    if len(docs) == 1:
        return analyse_doc(article, docs[0][1])
    return joined([(offset, analyse_doc(piece_article(article, offset, doc.text), doc)) for offset, doc in docs])


def _analyse_piece(article: Article, offset: int, doc, in_pieces: bool, fail, seconds: float, budget: float):
    """Our passes over one parsed piece, within what is left of the article's budget; None on failure."""
    from storyline.analyse.core import analyse_doc
    try:
        with deadline(max(seconds, 0.001)):
            return analyse_doc(piece_article(article, offset, doc.text) if in_pieces else article, doc)
    except OverBudget:
        fail(Failure(article.name, "analyse", f"[E191] analysing it took over its budget of {budget:g} s",
                     "it was skipped; raise STORYLINE_INPUT_SECONDS if it really is that slow"))
    except Exception as exc:  # noqa: BLE001 - a bug in one pass must not stop the batch
        fail(unexpected(article.name, "analyse", exc))
    return None
