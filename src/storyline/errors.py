"""Typed errors with a searchable code and a hint for what to do next."""
from __future__ import annotations


class StorylineError(Exception):
    def __init__(self, code: str, problem: str, hint: str = ""):
        super().__init__(f"[{code}] {problem}")
        self.code = code
        self.problem = problem
        self.hint = hint

    def message(self) -> str:
        return f"[{self.code}] {self.problem}" + (f"; {self.hint}" if self.hint else "")


class ReadError(StorylineError):
    """An input file that cannot be turned into articles."""
