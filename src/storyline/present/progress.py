"""Progress of an ingest on stderr, through rich (spaCy-free).

On a terminal: rich's live bar with the share of the input bytes done, the percentage, articles
and words a second, and the time left (rich's own estimate from the recent speed); it is
cleared when the run ends, leaving the summary. Piped or redirected: a plain line now and then
(every `every` seconds, and when the stage changes), from the same rich task, so a log shows how
far a long run is and how long it has to go.
"""
from __future__ import annotations

import sys
import time

__all__ = ["IngestProgress"]

_STAGES = {"analyse": "ingest", "resolve": "resolving across articles", "judge": "judging claims"}


class IngestProgress:
    """A callable for `ingest(on_progress=...)`; `close()` it when the run ends."""

    def __init__(self, stream=None, interactive: bool | None = None, every: float = 10.0, clock=time.monotonic):
        from rich.console import Console
        from rich.progress import (BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.every, self.clock = every, clock
        self.last_line: float | None = None
        self.stage = None
        console = Console(file=self.stream, force_terminal=self.interactive or None, highlight=False,
                          markup=False, emoji=False)
        self.bar = Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                            TextColumn("{task.fields[detail]}"), TimeRemainingColumn(compact=True),
                            TimeElapsedColumn(), console=console, transient=True, disable=not self.interactive,
                            refresh_per_second=4, get_time=clock)
        self.task = self.bar.add_task("ingest", total=None, detail="")
        self.started = clock()
        if self.interactive:
            self.bar.start()

    def __call__(self, progress) -> None:
        detail = f"{progress.articles:,} articles, {self._rate(progress.words)}"
        self.bar.update(self.task, total=max(progress.total, 1), completed=progress.done, detail=detail,
                        description=_STAGES.get(progress.stage, progress.stage))
        if self.interactive:
            return
        now = self.clock()
        if progress.stage != self.stage or self.last_line is None or now - self.last_line >= self.every:
            self.stage, self.last_line = progress.stage, now
            self.stream.write(self._line(progress) + "\n")
            self.stream.flush()

    def close(self) -> None:
        if self.interactive:
            self.bar.stop()

    def _rate(self, words: int) -> str:
        seconds = self.clock() - self.started
        return f"{words / seconds:,.0f} words/s" if seconds > 0 and words else "starting"

    def _line(self, progress) -> str:
        if progress.stage != "analyse":
            return f"storyline: {_STAGES.get(progress.stage, progress.stage)} ({progress.articles:,} articles)"
        task = self.bar.tasks[0]
        left = task.time_remaining
        when = f", about {_duration(left)} left" if left is not None and progress.done else ""
        return (f"storyline: ingest {task.percentage:.0f}% of {_size(progress.total)}, {progress.articles:,} "
                f"articles, {self._rate(progress.words)}{when}")


def _size(size: float) -> str:
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:,.0f} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1000
    return f"{size:,.1f} GB"


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
