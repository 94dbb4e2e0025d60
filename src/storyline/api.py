"""The Python API; the CLI and the web UI are thin faces of these functions."""
from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from storyline.errors import NoDatabase
from storyline.ingest import IngestReport, ingest as _ingest
from storyline.story import Story
from storyline.store.db import Store

__all__ = ["open", "ingest", "demo", "demo_corpus", "OpenStory"]


class OpenStory(Story):
    """A Story bound to its own store connection; use it as a context manager."""

    def __init__(self, store: Store):
        super().__init__(store)

    def close(self) -> None:
        self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open(db: str | Path, must_exist: bool = False, shared: bool = False) -> OpenStory:  # noqa: A001 - storyline.open(db) reads well
    """The story stored in `db`; `shared`: usable from several threads, one at a time."""
    if must_exist and str(db) != ":memory:" and not Path(db).is_file():
        raise NoDatabase("E203", f"no database at {db}", "run `storyline ingest PATH --db FILE` first")
    return OpenStory(Store(db, shared=shared))


def ingest(paths, db: str | Path | Store, *, max_bytes: int | None = None, n_process: int = 1,
           quiet: bool = True, engine: str = "local", scheduler: str | None = None) -> IngestReport:
    """Read, analyse and store `paths` into `db`; failures are reported on stderr unless quiet.
    `engine="dask"` analyses on the Dask cluster at `scheduler` (or on local workers)."""
    store = db if isinstance(db, Store) else Store(db)
    progress = None
    if not quiet:  # a bar on a terminal, a plain line now and then when stderr is piped
        from storyline.present.progress import IngestProgress
        progress = IngestProgress(sys.stderr)
    try:
        return _ingest([str(p) for p in paths], store, max_bytes=max_bytes, n_process=n_process,
                       engine=engine, scheduler=scheduler, on_failure=_report_failure, on_progress=progress,
                       on_not_analysed=_report_not_analysed)
    finally:
        if progress is not None:
            progress.close()
        if not isinstance(db, Store):
            store.close()


def _report_failure(failure) -> None:
    print(f"storyline: {failure.line()}", file=sys.stderr, flush=True)


def _report_not_analysed(article) -> None:
    from storyline.read.language import language_name
    from storyline.terminal import quoted
    print(f"storyline: {quoted(article.name)}: stored but not analysed: it is written in "
          f"{language_name(article.language)} ({article.language}) and Storyline analyses English only",
          file=sys.stderr, flush=True)


def demo_corpus() -> Path:
    """The folder of the bundled fictional demo story."""
    return Path(str(resources.files("storyline.demo") / "corpus"))


def demo(db: str | Path = "storyline-demo.db", quiet: bool = False) -> int:
    """Ingest the demo corpus into `db` and print what was found."""
    from storyline.demo.show import show
    report = ingest([demo_corpus()], db, quiet=quiet)
    print(f"Ingested the demo corpus into {db}: {report.summary()}", file=sys.stderr)
    with open(db) as story:
        show(story)
    return 0 if report.ok else 1


def _bind_package_names() -> None:
    """`storyline.ingest` is this module's function, not the submodule storyline/ingest.py that
    importing it named so (the package loads these names lazily; see __init__.py)."""
    import storyline
    storyline.open, storyline.ingest, storyline.demo = open, ingest, demo


_bind_package_names()
