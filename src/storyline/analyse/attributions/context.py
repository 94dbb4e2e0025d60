"""What every attribution pass reads of one article: the parse, its text, the article's mentions,
the quoted passages, the cue model's scores and each token's lemma, part of speech, lower case and
span, read once. Internal to the package."""
from __future__ import annotations

from dataclasses import dataclass

from storyline.analyse import cue_model
from storyline.analyse.attributions.quotes import quote_spans
from storyline.analyse.nlp import text_of
from storyline.analyse.parse import parse_of
from storyline.records import Mention


@dataclass(frozen=True)
class Context:
    doc: object  # the spaCy Doc
    text: str
    mentions: list[Mention]  # sorted by start
    quotes: list[tuple[int, int]]  # quoted passages, marks excluded
    scores: dict[int, float]  # token index -> cue model score
    lemmas: list[str]
    tags: list[str]  # coarse parts of speech
    lowers: list[str]
    spans: list[tuple[int, int]]  # each token's (start, end)


def context(doc, mentions: list[Mention] | None = None) -> Context:
    text = text_of(doc)  # built once (nlp.paragraphs keeps it) for every pass
    quotes = quote_spans(text)
    p = parse_of(doc)
    spans = [(idx, idx + len(word)) for idx, word in zip(p.idx, p.text)]
    return Context(doc=doc, text=text, mentions=sorted(mentions or [], key=lambda m: m.start), quotes=quotes,
                   scores=cue_model.cue_scores(doc, quotes), lemmas=p.lemma, tags=p.pos, lowers=p.lower, spans=spans)
