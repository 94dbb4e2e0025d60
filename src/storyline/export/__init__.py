"""Exports of the stored story. `json` is the storyline/1 contract (DESIGN.md)."""
from __future__ import annotations

import json
import sys

__all__ = ["write_export", "FORMATS"]

FORMATS = ("json",)


def write_export(story, fmt: str, output: str | None = None) -> None:
    if fmt == "json":
        data = json.dumps(story.export(), ensure_ascii=False, indent=1)
        if output:
            with open(output, "w", encoding="utf-8") as fh:
                fh.write(data + "\n")
        else:
            sys.stdout.write(data + "\n")
    else:
        raise ValueError(f"unknown export format {fmt!r}")
