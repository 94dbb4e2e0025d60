"""Attributions: who said what, as source / cue / content spans with a `Source` record.

`attributions(doc, mentions)` runs the passes in PASSES, in that order, over one article. Each
pass is a function `(ctx, found) -> found`: it reads the article through a `Context` (the parse,
the text, the mentions, the quoted passages, the cue model's scores) and returns the relations
found so far with its own added or revised. The shapes found, in order:
  - direct quotes (quotes.py): a quoted span and the speech verb next to it, before or after
    ("...," Kova said.  /  Kova said: "..."); a quote running over several paragraphs is one content;
  - reported speech (reported.py): a speech or report verb with a clausal complement ("officials
    said that ...", "X told Z that ..."), inverted reports ("P, she said"), denials ("X denied that
    P" keeps P, negated), disputed claims ("P, a claim the unions dispute"), verbs PolNeAR mostly
    marks, stances ("praised the plan");
  - verbless attributions (verbless.py): "according to X", "in a new poll", "by X's account";
  - layout (headlines.py, quotes.py): "Name: ..." lines, quotations signed after a dash;
  - the learned cue model (model.py) prunes and adds relations;
  - revisions (revise.py): the cue's extent, the content's edges (content_model), speakers the
    parse missed, subjects that do not speak, groups, roles named before; answers to yes-no questions;
  - speakers (speakers.py): pronouns by salience and agreement, the first person (a quotation's
    speaker, else the author), descriptions by the roles the article gives its people, groups
    referred back to, polls and bodies by who stands behind them.
Sources are placed by sources.py (which phrase speaks, how far it runs) and described by
describe.py (a named person or body, an anonymous group with count and affiliation, a role, a
document, a pronoun's antecedent; "a lawyer for X", "through her spokeswoman" speak on behalf of X).
The modules other than this one are internal: their names may change.
"""
from __future__ import annotations

from storyline.analyse.attributions import headlines, model, quotes, reported, revise, speakers, verbless
from storyline.analyse.attributions.context import Context, context
from storyline.analyse.attributions.lexicon import DENIAL_LEMMAS, SPEECH_LEMMAS, STANCE_LEMMAS
from storyline.analyse.attributions.reported import cleft, learned_cues
from storyline.records import Attribution, Mention

__all__ = ["attributions", "PASSES", "Context", "context", "cleft", "learned_cues",
           "SPEECH_LEMMAS", "STANCE_LEMMAS", "DENIAL_LEMMAS"]

PASSES = (
    quotes.direct_quotes,
    reported.reported_speech,
    reported.learned_verbs,
    reported.stances,
    verbless.verbless,
    headlines.headline_colons,
    quotes.signed_lines,
    model.cue_model_pass,
    revise.predicates,
    revise.groups,
    revise.finish,
    revise.speakers_that_speak,
    revise.relative_clauses,
    reported.answered,
    revise.same_role,
    reported.answers,
    headlines.title_cues,
    speakers.speakers,
)


def attributions(doc, mentions: list[Mention] | None = None) -> list[Attribution]:
    """Every attribution relation in `doc`, with sources resolved against `mentions`."""
    ctx = context(doc, mentions)
    found: list[Attribution] = []
    for step in PASSES:
        found = step(ctx, found)
    return sorted(found, key=lambda a: (a.content_start, a.cue_start))
