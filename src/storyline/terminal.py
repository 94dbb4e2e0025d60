"""Text from articles and file names made safe to print on a terminal.

Titles, outlets, URLs and file names are hostile input: an escape sequence in one
("\x1b[2J" clears the screen; others retitle the window or move the cursor) must not reach the
terminal, and a newline in a file name must not split the one line that reports it.
"""
from __future__ import annotations

import json
import re

__all__ = ["safe", "quoted", "json_text"]

# C0 and C1 control characters, DEL, and the bidirectional overrides that reorder what a line shows.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """`text` without control characters (newlines and tabs are kept)."""
    return _UNSAFE.sub("", str(text))


def quoted(name: str) -> str:
    """A file name in double quotes, with quotes, backslashes and control characters escaped,
    so that it stays on its line and can be told apart from the message around it."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(str(name), ensure_ascii=False))


def json_text(value, **options) -> str:
    """json.dumps, with the control characters it leaves raw (DEL, C1, bidi overrides) escaped too."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False, **options))
