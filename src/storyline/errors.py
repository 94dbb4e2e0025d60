"""Typed errors with a searchable code, a hint for what to do next and the exit code the
command line ends with (README, "Exit codes")."""
from __future__ import annotations


class StorylineError(Exception):
    exit_code = 1

    def __init__(self, code: str, problem: str, hint: str = ""):
        super().__init__(f"[{code}] {problem}")
        self.code = code
        self.problem = problem
        self.hint = hint

    def message(self) -> str:
        return f"[{self.code}] {self.problem}" + (f"; {self.hint}" if self.hint else "")


class ReadError(StorylineError):
    """An input file that cannot be turned into articles."""


class UsageError(StorylineError):
    """A command given wrongly: a value out of range, an output folder that does not exist."""
    exit_code = 2


class StorageError(StorylineError):
    """The database file cannot be used; each kind has its own exit code."""


class DiskFull(StorageError):
    exit_code = 3


class ReadOnly(StorageError):
    exit_code = 4


class NoDatabase(StorageError):
    """No database file, or no folder to make it in."""
    exit_code = 5


class Damaged(StorageError):
    exit_code = 6


class NotStoryline(StorageError):
    """An SQLite file of something else, or not an SQLite file at all."""
    exit_code = 7
