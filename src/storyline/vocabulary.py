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
september october november december jan feb apr jun jul aug sep sept oct nov dec""".split())


@functools.lru_cache(maxsize=100_000)
def stem(w: str) -> str:
    """A light stemmer that gives every inflected form of a word the base's stem: "meetings",
    "meeting" and "met" give "meet"; "captured", "capture" and "captures" give "captur";
    "denied", "denies" and "deny" give "deny"; "stopped" gives "stop". Irregular forms come from
    `_IRREGULAR`. Kept per word: the judge stems every article's words and every claim's on each run."""
    w = _IRREGULAR.get(w, w)
    for suffix in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            if suffix == "s" and w.endswith(("ss", "us", "is")):
                break  # "loss", "census", "analysis": no plural ending
            w = w[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
            break
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiouyls":
        w = w[:-1]  # the consonant doubled before an ending: "stopped", "planning"
    while len(w) >= 4 and w.endswith("e"):
        w = w[:-1]  # "capture" as "captured" leaves it; "agree" as "agreed" does
    return w


# The past forms of the commonest irregular verbs of English and a few irregular plurals (a
# grammar list, written by hand), as their base: "caught" is "catch", "met" is "meet". Forms that
# are more often another word ("left", "lay", "bore") are left out.
_IRREGULAR = {form: base for base, forms in (
    ("arise", "arose arisen"), ("be", "was were been"), ("beat", "beaten"), ("become", "became"),
    ("begin", "began begun"), ("bend", "bent"), ("bite", "bit bitten"), ("bleed", "bled"), ("blow", "blew blown"),
    ("break", "broke broken"), ("breed", "bred"), ("bring", "brought"), ("build", "built"), ("buy", "bought"),
    ("catch", "caught"), ("choose", "chose chosen"), ("come", "came"), ("deal", "dealt"), ("die", "died dies dying"),
    ("dig", "dug"), ("do", "did done"), ("draw", "drew drawn"), ("drink", "drank drunk"),
    ("drive", "drove driven"), ("eat", "ate eaten"), ("fall", "fell fallen"), ("feed", "fed"), ("feel", "felt"),
    ("fight", "fought"), ("find", "found"), ("flee", "fled"), ("fly", "flew flown flies"),
    ("forbid", "forbade forbidden"), ("forget", "forgot forgotten"), ("forgive", "forgave forgiven"),
    ("freeze", "froze frozen"), ("get", "got gotten"), ("give", "gave given"), ("go", "went gone"),
    ("grow", "grew grown"), ("hang", "hung"), ("have", "had has"), ("hide", "hid hidden"), ("hold", "held"),
    ("keep", "kept"), ("know", "knew known"), ("lead", "led"), ("lend", "lent"), ("lie", "lied lies lying"),
    ("lose", "lost"), ("make", "made"), ("mean", "meant"), ("meet", "met"), ("pay", "paid"),
    ("ride", "rode ridden"), ("ring", "rang rung"), ("rise", "rose risen"), ("run", "ran"), ("say", "said says"),
    ("see", "saw seen"), ("seek", "sought"), ("sell", "sold"), ("send", "sent"), ("shake", "shook shaken"),
    ("shoot", "shot"), ("sing", "sang sung"), ("sink", "sank sunk"), ("sit", "sat"), ("sleep", "slept"),
    ("speak", "spoke spoken"), ("speed", "sped"), ("spend", "spent"), ("stand", "stood"), ("steal", "stole stolen"),
    ("strike", "struck stricken"), ("swear", "swore sworn"), ("swim", "swam swum"), ("take", "took taken"),
    ("teach", "taught"), ("tear", "tore torn"), ("tell", "told"), ("think", "thought"), ("throw", "threw thrown"),
    ("tie", "tied ties tying"), ("understand", "understood"), ("wake", "woke woken"), ("wear", "wore worn"),
    ("win", "won"), ("withdraw", "withdrew withdrawn"), ("write", "wrote written"),
    ("overthrow", "overthrew overthrown"), ("undertake", "undertook undertaken"), ("mislead", "misled"),
    ("wife", "wives"), ("child", "children"), ("man", "men"), ("woman", "women"), ("knife", "knives"),
) for form in forms.split()}


# Words by which news calls a report false, written by hand from how English-language news
# debunks a story (not read off any evaluation split): matched on lower-cased word stems.
VERDICT_WORDS = frozenset("""
hoax hoaxes fake faked fakes spoof spoofs satire satirical parody parodies fabricated fabrication
fictional fictitious made-up untrue false falsely debunk debunked debunks bogus myth rumor rumors
rumour rumours prank pranks doctored photoshopped misleading baseless unfounded retract retracted
retraction
""".split())
