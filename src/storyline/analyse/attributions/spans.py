"""Character spans: quote marks, trimming, the tokens of a span. Internal to the package."""
from __future__ import annotations

import re

from storyline.analyse.nlp import text_of as _text
from storyline.records import Attribution


# '' : paired apostrophes, as some newspapers print quotes; of three ("Obama,'''") the last two close
QUOTES = re.compile(r"[\"\u201c\u201d]|''(?!')")
OPEN = {'"', "\u201c", "''"}


def cue_span(doc, a: Attribution):
    """The tokens of `a`'s cue; None when its characters cover none."""
    span = doc.char_span(a.cue_start, a.cue_end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def run_around(head: int, indices: set[int]) -> tuple[int, int]:
    """The first and last token of the contiguous run of `indices` that holds `head`."""
    lo = hi = head
    while lo - 1 in indices:
        lo -= 1
    while hi + 1 in indices:
        hi += 1
    return lo, hi


# "WASHINGTON --", "CLEVELAND, July 19 (UPI) --", "MACAU (Reuters) -", "BUENA PARK, Calif. -",
# "New York (AFP) -"
DATELINE = re.compile(r"(?:[A-Z][A-Z .,]{2,40}(?:, [A-Z][a-z]+\.)?(?:,? [A-Z][a-z]+\.? \d{1,2})?(?: \([A-Za-z ]+\))?"
                       r"|[A-Z][A-Za-z .,]{2,40} \([A-Z][A-Za-z ]+\))\s+(?:--|\u2014|\u2013|\u2015|-)\s+")


def span_text(doc, tok) -> str:
    return _text(doc)[tok.left_edge.idx:tok.right_edge.idx + len(tok.right_edge.text)]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces, quote marks and trailing punctuation from a span."""
    while start < end and (text[start].isspace() or text[start] in "\"\u201c\u201d',"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"\u201c\u201d,;:."):
        end -= 1
    return start, end
