"""Analyse one article: a pure function of the article and its spaCy Doc.

This is the stage that runs in parallel (or on Dask): it reads nothing but its
input and returns an `Analysis` of records with character offsets.
"""
from __future__ import annotations

from datetime import date
from typing import Iterable, Iterator

from storyline.analyse import nlp as nlp_loader
from storyline.analyse.attributions import attributions as find_attributions
from storyline.analyse.attributions.speakers import with_references
from storyline.analyse.claims import claims as make_claims
from storyline.analyse.coreference import references
from storyline.analyse.event_profiles import profiles as event_profiles
from storyline.analyse.events import events as find_events
from storyline.analyse.mentions import mentions as find_mentions
from storyline.analyse.own_voice import own_claims
from storyline.analyse.timexes import timexes as find_timexes
from storyline.records import Analysis, Article

__all__ = ["Analysis", "analyse_doc", "analyse_articles"]


def analyse_doc(article: Article, doc) -> Analysis:
    anchor = date.fromisoformat(article.published) if article.published else None
    outlets = [article.outlet] if article.outlet else []
    mentions = find_mentions(doc, article.body_start, outlets)
    timexes = [t for t in find_timexes(doc, anchor) if t.start >= article.body_start]
    attributions = [a for a in find_attributions(doc, mentions) if a.cue_start >= article.body_start]
    # pronouns and descriptions ("she", "the company") as mentions of the actor they refer to: the
    # stages above read names only; events take them as participants ("in September she said")
    refs = references(doc, mentions, attributions, article.body_start)
    attributions = with_references(attributions, refs)
    events = find_events(doc, sorted(mentions + refs, key=lambda m: m.start), timexes, article.body_start)
    profiles, document = event_profiles(doc, [(e.start, e.end) for e in events])
    return Analysis(
        sentences=[(s.start_char, s.end_char) for s in doc.sents if s.end_char > article.body_start],
        mentions=mentions + refs,
        timexes=timexes,
        attributions=attributions,
        events=events,
        claims=make_claims(doc, attributions, timexes, article.published)
        + own_claims(doc, attributions, article.body_start, article.title, article.published),
        event_profiles=profiles,
        document_profile=document,
    )


def analyse_articles(articles: Iterable[Article], batch_size: int = 32, n_process: int = 1,
                     model: str | None = None) -> Iterator[tuple[Article, Analysis]]:
    """(article, analysis) pairs, parsing with spaCy's nlp.pipe in batches."""
    nlp = nlp_loader.load(model)
    articles = iter(articles)
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield article, analyse_doc(article, doc)
