"""The article's own voice: what the author asserts without naming anyone.

Two kinds of sentences become claims of the document itself (no source: the export gives them
source kind "document", quote "none"):

  - the lead: the first full sentence of the story proper (after the title, metadata lines and
    dateline), where a news article states its main point ("The state of North Dakota has named
    a new landfill after President Obama.");
  - verdicts: a sentence in the author's voice that calls a report or a story false ("It's a
    spoof", "The story is a hoax", "Reports that the army carried out the strike are untrue").
    A verdict is a denial by the article: its polarity is negative, and the judge sets it
    against the accounts it answers (judge/contradictions.py).

A sentence that holds an attribution's cue or content is left to that attribution: its claims
already say who says what.
"""
from __future__ import annotations

import re

from storyline.analyse.claims import negated_content
from storyline.analyse.factuality import factuality
from storyline.analyse.nlp import text_of
from storyline.records import Attribution, Claim
from storyline.vocabulary import VERDICT_WORDS

__all__ = ["own_claims", "VERDICT_WORDS", "is_verdict"]

_VERDICT = re.compile(r"\b(" + "|".join(sorted((re.escape(w) for w in VERDICT_WORDS), key=len, reverse=True))
                      + r"|not true|made up|no truth|no evidence)\b", re.IGNORECASE)
_MIN_WORDS = 6


def is_verdict(text: str) -> bool:
    """Whether a sentence uses a word by which news calls a report false."""
    return _VERDICT.search(text) is not None


def own_claims(doc, attributions: list[Attribution], body_start: int = 0, title: str | None = None,
               published: str | None = None) -> list[Claim]:
    """The lead and the verdicts of `doc` as claims of the document (see the module docstring)."""
    text = text_of(doc)
    spoken = [a for a in attributions if a.kind == "speech"]  # "X praised the plan" is still the author's
    taken = [(a.content_start, a.content_end) for a in spoken] + [(a.cue_start, a.cue_end) for a in spoken]
    body_start = _after_title(text, body_start, title)
    out: list[Claim] = _checked(doc, published)
    taken += [(c.start, c.end) for c in out]
    lead_done = False
    for sent in doc.sents:
        if sent.end_char <= body_start:
            continue
        start, end = _trimmed(text, max(sent.start_char, body_start), sent.end_char)
        if end <= start:
            continue
        words = text[start:end].split()
        if any(s < end and start < e for s, e in taken):
            lead_done = lead_done or len(words) >= _MIN_WORDS  # an attributed lead is the lead
            continue
        match = _verdict_in(sent, text, start, end)
        if not lead_done and _lead_like(text[start:end], title):
            lead_done = True  # a lead may be a verdict too: "Story Is False - No Such Incident Has Occurred"
            out.append(_claim(sent, start, end, published, verdict=match is not None,
                              cue=(match.start(), match.end()) if match else None))
            continue
        if match and not text[start:end].rstrip().endswith("?"):
            out.append(_claim(sent, start, end, published, verdict=True,
                              cue=(match.start(), match.end())))
    return out


_WEAK = {"rumor", "rumors", "rumour", "rumours", "myth"}  # words that name a story without calling it false
_UNSURE = {"if", "whether", "could", "would", "might", "may", "able", "try", "can"}


def _verdict_in(sent, text: str, start: int, end: int):
    """The first word of `sent` (within start-end) that calls something false in the author's
    voice, as a regex match, or None. Not a verdict: a word under "if", "whether" or a modal
    ("if the rumor is true", "they will be able to verify or debunk it"), "made up of" (consists
    of), and a word that only names a story ("calm the rumors", "amid rumors that"), unless it is
    what the sentence says a thing is ("it was all just a rumor", "the claim is a myth")."""
    for match in _VERDICT.finditer(text, start, end):
        tok = sent.doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if tok is None or not len(tok):
            continue
        word = tok.root
        if match.group(0).lower() == "made up" and text[match.end():match.end() + 3].lower() == " of":
            continue
        if any(t.lower_ in _UNSURE for a in [word, *word.ancestors] for t in a.children if t.dep_ in {"mark", "aux"}) \
                or any(a.lower_ in _UNSURE for a in word.ancestors):
            continue
        if word.lower_ in _WEAK and (word.dep_ not in {"attr", "acomp"}
                                     or any(c.dep_ == "expl" for c in word.head.children)):
            continue  # "calm the rumors", "there were rumours that ...": a story named, not called false
        return match
    return None


# A fact-check's layout: "Claim: P" and, within a few lines, its rating ("PROBABLY FALSE",
# "Status: False (see details below)", "Rating: Mostly true"). The ratings are the usual scales of
# fact-checking sites (true, mostly true, mixture, unproven, mostly false, false and their like).
_CLAIM_LINE = re.compile(r"^[ \t]*Claim:[ \t]*(\S[^\n]*?)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_RATING = re.compile(r"(?:^|\b(?:Status|Rating|Verdict|Ruling):)[ \t]*(probably false|mostly false|false|"
                     r"probably true|mostly true|true|mixture|mixed|half true|unproven|undetermined|"
                     r"unverified|misleading|fake|satire)\b", re.MULTILINE | re.IGNORECASE)
_RATED = {"false": ("negative", "certain"), "fake": ("negative", "certain"), "satire": ("negative", "certain"),
          "probably false": ("negative", "probable"), "mostly false": ("negative", "probable"),
          "misleading": ("negative", "probable"), "true": ("positive", "certain"),
          "probably true": ("positive", "probable"), "mostly true": ("positive", "probable")}
_RATING_LINES = 4
_LINE = re.compile(r"[^\n]*\S[^\n]*")  # a line that is not blank


def _checked(doc, published: str | None) -> list[Claim]:
    """The claim a fact-check rates, as the article's own claim with the rating's polarity and
    certainty ("Claim: Eleven passenger planes are missing ...", then "PROBABLY FALSE": a probable
    denial). A rating that decides nothing (mixture, unproven) gives no claim."""
    text = text_of(doc)
    out = []
    for m in _CLAIM_LINE.finditer(text):
        lines = [line.end() for line in _LINE.finditer(text, m.end())][:_RATING_LINES]
        rating = _RATING.search(text, m.end(), lines[-1]) if lines else None
        if rating is None or rating.group(1).lower() not in _RATED:
            continue
        polarity, certainty = _RATED[rating.group(1).lower()]
        start, end = m.start(1), m.end(1)
        if text[end - 1:end] == ".":
            end -= 1
        out.append(Claim(start=start, end=end, text=text[start:end], cue=rating.group(1),
                         quote="none", source=None, cue_start=rating.start(1), cue_end=rating.end(1),
                         polarity=polarity, certainty=certainty, said_on=published,
                         predicate=_root_lemma(doc, start, end)))
    return out


def _root_lemma(doc, start: int, end: int) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.lemma_.lower() if span is not None and len(span) else None


def _after_title(text: str, body_start: int, title: str | None) -> int:
    """Where the story proper starts: after its title when the text repeats it at the top."""
    if title:
        at = text.find(title.strip(), body_start, body_start + len(title) + 200)
        if at >= 0:
            return at + len(title.strip())
    return body_start


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _lead_like(sentence: str, title: str | None) -> bool:
    """A full declarative sentence that is not the title again, a quotation or a question."""
    words = sentence.split()
    if len(words) < _MIN_WORDS or sentence.endswith("?") or sentence[:1] in "\"\u201c'\u2018":
        return False
    if title and " ".join(title.split()).casefold() == " ".join(words).casefold():
        return False
    letters = [c for c in sentence if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) < 0.6 * len(letters)


def _claim(sent, start: int, end: int, published: str | None, verdict: bool,
           cue: tuple[int, int] | None = None) -> Claim:
    root = sent.root
    fact = factuality(root)
    negative = verdict or negated_content(sent)
    cue_start, cue_end = cue or (start, start)
    return Claim(start=start, end=end, text=sent.doc.text[start:end], cue=sent.doc.text[cue_start:cue_end],
                 quote="none", source=None, cue_start=cue_start, cue_end=cue_end,
                 polarity="negative" if negative else "positive",
                 certainty=fact.certainty if fact.certainty in {"certain", "probable", "possible"} else "certain",
                 said_on=published, predicate="debunk" if verdict else root.lemma_.lower())
