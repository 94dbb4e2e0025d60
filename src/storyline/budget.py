"""A time budget for one input: reading one file, or analysing one article.

Hostile input can make a library slow in ways no size limit catches (a parser's worst case); the
budget turns that into a failure of that input, and the run goes on. It uses SIGALRM, so it
counts only in the main thread (elsewhere, and where the platform has no SIGALRM, the code runs
without a budget) and interrupts Python code, not a long call inside a C extension; inputs are
kept small enough by the size limits that such calls end soon.
"""
from __future__ import annotations

import contextlib
import signal
import threading

__all__ = ["OverBudget", "deadline"]


class OverBudget(BaseException):
    """Raised inside the work when its budget runs out. A BaseException, so that libraries'
    `except Exception` blocks do not swallow it; the guards catch it by name."""

    def __init__(self, seconds: float):
        super().__init__(f"over its budget of {seconds:g} s")
        self.seconds = seconds


_active = threading.local()


@contextlib.contextmanager
def deadline(seconds: float):
    """Run the block with at most `seconds` of wall time; OverBudget when it runs out.
    A deadline inside another one adds nothing (the outer one keeps counting)."""
    usable = (seconds and seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread() and not getattr(_active, "on", False))
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise OverBudget(seconds)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    _active.on = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _active.on = False
