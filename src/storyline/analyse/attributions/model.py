"""The learned cue model's pass: it prunes rule relations whose cue it finds unlikely and adds
relations for the cue heads the rules missed, placing source and content by counted parse paths."""
from __future__ import annotations

from storyline.analyse import cue_model
from storyline.analyse.attributions.lexicon import DENIAL_LEMMAS, LABELS, SPEECH_LEMMAS
from storyline.analyse.attributions.reported import appended_reports, unsaid
from storyline.analyse.attributions.sources import joined_to_report, source_at, source_of
from storyline.analyse.attributions.spans import OPEN, QUOTES, cue_span, run_around, trim
from storyline.analyse.nlp import text_of as _text
from storyline.records import Attribution


# How far below the model's threshold a cue found by the rules may score and still be kept,
# and how far above it a token must score to make a relation of its own.
KEEP_MARGIN = 6.0
ADD_MARGIN = 0.0


def _with_model(doc, found: list[Attribution], quotes, mentions, scores) -> list[Attribution]:
    """The learned cue model (models/cue_model.json.gz) prunes rule relations whose cue it finds
    unlikely and adds relations for cue heads the rules missed, their source and content
    placed by the dependency paths most often seen for that cue in the training data."""
    if not scores:
        return found
    threshold = cue_model.load()["threshold"]
    kept, heads = [], set()
    for a in found:
        span = cue_span(doc, a)
        head = span.root.i if span is not None else None
        if head is not None and head in scores and scores[head] < threshold - KEEP_MARGIN \
                and doc[head].is_alpha \
                and not _sure_report(doc[head], a):  # a colon or dash cue comes from the layout, not from the words
            continue
        kept.append(a)
        if span is not None:
            heads.update(t.i for t in span)
    for i, value in sorted(scores.items()):
        if value <= threshold + ADD_MARGIN or i in heads or unsaid(doc[i]):
            continue
        rel = from_paths(doc, doc[i], quotes, mentions) or _introduced(doc, doc[i], mentions)
        if rel is None and value > threshold + FALLBACK_MARGIN:
            rel = fallback(doc, doc[i], quotes, mentions)
        if rel is not None:
            kept.append(rel)
            heads.add(i)
    return kept


_NESTED_REPORTS = {"say", "tell", "report", "state", "announce", "confirm", "deny", "claim", "insist", "warn", "allege"}


def _sure_report(head, a) -> bool:
    """Whether `a` is a report the cue model should not prune: one with a speaker inside another
    report's clause ("the Herald reported that officials said ..."), which the model scores low as
    PolNeAR seldom marks a relation nested in another's content (124 of 19,821 cues on train; the
    app keeps them, since who the outlet's own sources were is what a reader asks: train 22 more
    relations, relation F1 -0.0004), a named person's "who (has) said" with its clause
    ("President Tomas Reyes, who has said he will wait ...": none pruned on train), or a claim
    noun's disputing clause (`appended_reports`)."""
    lemma = head.lemma_.lower()
    if head in appended_reports(head.head):
        return True  # "P, a claim the unions dispute": rare in PolNeAR, and a denial a reader needs
    if lemma == "say" and head.dep_ == "relcl" and head.head.pos_ == "PROPN" \
            and any(c.dep_ == "ccomp" for c in head.children) \
            and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in head.children):
        return True
    return (lemma in _NESTED_REPORTS and a.source is not None and head.dep_ == "ccomp"
            and head.head.lemma_.lower() in SPEECH_LEMMAS)


FALLBACK_MARGIN = 6.0  # chosen on PolNeAR dev among 0, 3, 6


def fallback(doc, tok, quotes, mentions) -> Attribution | None:
    """A cue the model is sure of whose content none of the counted paths reaches: the passive's
    subject ("has been endorsed by dozens of papers"), the phrase after it ("spar over whether ..."),
    else the rest of its sentence, or the sentence before it up to its subject ("..., The Post has
    learned")."""
    if any(qs <= tok.idx < qe for qs, qe in quotes) or tok.pos_ not in {"VERB", "AUX", "ADJ"}:
        return None
    text = _text(doc)
    kids = list(tok.children)
    source = None
    passive = next((c for c in kids if c.dep_ == "nsubjpass"), None)
    agent = next((g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    subj = next((c for c in kids if c.dep_ in {"nsubj", "nsubjpass"}), None)
    span = None
    if passive is not None and agent is not None:
        span = (passive.left_edge.i, passive.right_edge.i)
        said = _reported_clause(passive)
        if said is not None:  # "reports claiming that P have been denied by Iraq": P was denied
            span = (said.left_edge.i + (said.left_edge.lower_ == "that"), said.right_edge.i)
        source = source_at(doc, agent, tok, mentions)
    else:
        after = next((c for c in kids if c.i > tok.i and c.dep_ in {"prep", "xcomp", "acomp", "dobj", "attr", "oprd"}),
                     None)
        if after is not None and after.right_edge.i > after.i:
            span = (after.i + (1 if after.dep_ == "prep" else 0), after.right_edge.i)
        else:
            sent = tok.sent
            if tok.i + 2 < sent.end - 1:
                span = (tok.i + 1, sent.end - 1)
            elif subj is not None and subj.left_edge.i > sent.start + 1:
                span = (sent.start, subj.left_edge.i - 1)
    if span is None or span[1] < span[0]:
        return None
    start, end = trim(text, doc[span[0]].idx, doc[span[1]].idx + len(doc[span[1]].text))
    if end - start < 3 or (start <= tok.idx < end):
        return None
    if source is None:
        src = _by_paths(tok, cue_model.load()["source_paths"], skip={"~"})
        source = source_at(doc, src[1], tok, mentions) if src is not None and src[1] is not None \
            else source_of(doc, tok, mentions)
    if source is not None and source.start is not None and source.start < end and start < source.end:
        source = None
    inside = text[start:end]
    return Attribution(cue_start=tok.idx, cue_end=tok.idx + len(tok.text), content_start=start, content_end=end,
                       source=source, quote="mixed" if QUOTES.search(inside) else "indirect", cue=tok.text,
                       content=inside, negated=tok.lemma_.lower() in DENIAL_LEMMAS,
                       kind="speech" if tok.lemma_.lower() in SPEECH_LEMMAS else "stance")


def _introduced(doc, tok, mentions) -> Attribution | None:
    """"Limbaugh added:" and a paragraph: what follows the colon, to the paragraph's end (or the
    next paragraph when the colon ends its own), is what was said."""
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].text != ":" or tok.pos_ not in {"VERB", "AUX"}:
        return None
    text = _text(doc)
    colon = doc[tok.i + 1]
    begin = colon.idx + 1
    while begin < len(text) and text[begin] in " \t\u00a0":
        begin += 1
    if text[begin:begin + 1] == "\n":
        begin += len(text[begin:]) - len(text[begin:].lstrip())
    stop = text.find("\n", begin)
    start, end = trim(text, begin, stop if stop >= 0 else len(text))
    if end - start < 8:
        return None
    inside = text[start:end]
    direct = text[begin:begin + 1] in OPEN | {"\u201d"} and QUOTES.search(text[end:end + 2]) is not None
    return Attribution(cue_start=tok.idx, cue_end=colon.idx + 1, content_start=start, content_end=end,
                       source=source_of(doc, tok, mentions), quote="direct" if direct else "indirect",
                       cue=text[tok.idx:colon.idx + 1], content=inside,
                       kind="speech" if tok.lemma_.lower() in SPEECH_LEMMAS else "stance")


def _follow(tok, path: str):
    """The token reached from `tok` along a dependency path written by cue_model.dep_path."""
    if path in {"-", "~"} or "|" not in path:
        return None
    up, down = path.split("|", 1)
    for step in filter(None, up.split("/")):
        if tok.dep_ != step[1:] or tok.head.i == tok.i:
            return None
        tok = tok.head
    for step in filter(None, down.split("/")):
        tok = next((c for c in tok.children if c.dep_ == step), None)
        if tok is None:
            return None
    return tok


def _by_paths(tok, table: dict, skip=()) -> tuple[str, object] | None:
    """The most frequent path for this cue (its lemma if seen often, else its part of speech)
    that exists in this parse; ("-", None) when "no such role" is the likelier reading."""
    lemma, pos = cue_model.cue_class(tok)
    # The lemma's own paths first, then its part of speech's: a cue mostly seen active
    # ("endorsed the plan") may be passive here ("was endorsed by dozens of papers").
    for counts in (table.get(lemma), table.get(pos)):
        for path, _ in sorted((counts or {}).items(), key=lambda kv: -kv[1]):
            if path in skip:
                continue
            if path == "-":
                return "-", None
            target = _follow(tok, path)
            if target is not None and target.i != tok.i:
                return path, target
    return None


_REPORT_NOUNS = {"report", "claim", "allegation", "suggestion", "account", "assertion", "story", "rumor",
                 "rumour", "accusation"}


def _reported_clause(noun):
    """The clause a report noun gives ("reports that P", "reports claiming that P"), else None."""
    if noun.lemma_.lower() not in _REPORT_NOUNS:
        return None
    for c in noun.children:
        if c.dep_ in {"acl", "relcl", "ccomp"} and c.i > noun.i:
            inner = next((g for g in c.children if g.dep_ == "ccomp"), None)
            return inner if inner is not None and c.lemma_.lower() in {"claim", "say", "suggest", "allege"} else c
    return None


SOURCE_FALLBACK_DEPS = {"conj", "advcl", "acl", "pcomp", "xcomp"}


def from_paths(doc, tok, quotes, mentions) -> Attribution | None:
    model = cue_model.load()
    if any(qs <= tok.idx < qe for qs, qe in quotes):
        return None
    found = _by_paths(tok, model["content_paths"], skip={"|", "~", "-"})
    if found is None or found[1] is None:
        return None
    head = found[1]
    sub = [t for t in head.subtree if not (tok.left_edge.i <= t.i <= tok.right_edge.i) or head.i > tok.i]
    sub = [t for t in sub if t.i != tok.i]
    if not sub:
        return None
    lo, hi = run_around(head.i, {t.i for t in sub})
    first = doc[lo]
    start, end = trim(_text(doc), first.idx, doc[hi].idx + len(doc[hi].text))
    if first.lower_ == "that" and hi > lo + 1:
        start = doc[lo + 1].idx
    if end <= start:
        return None
    src = _by_paths(tok, model["source_paths"], skip={"~"})
    source = None
    if joined_to_report(tok) and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
        source = source_of(doc, tok, mentions)
    elif src is not None and src[1] is not None:
        source = source_at(doc, src[1], tok, mentions)
    elif tok.dep_ in SOURCE_FALLBACK_DEPS and not any(c.dep_ == "mark" for c in tok.children) \
            and (tok.dep_ != "acl" or tok.tag_ == "VBG"):
        # "Trump ... and called for steep tariffs", "..., accusing her of", "by promising",
        # "candidates proposing": the subject of the verb this one is joined to, or the noun it
        # describes, speaks, which the counted paths do not reach (not so in "as earlier
        # reported", "when asked", "a plan announced last year").
        source = source_of(doc, tok, mentions)
    if source is not None and source.start is not None and source.start <= start and end <= source.end:
        return None  # the content found is the speaker's own name ("HOST: ...", a label read as a cue)
    inside = _text(doc)[start:end]
    lemma = tok.lemma_.lower()
    return Attribution(cue_start=tok.idx, cue_end=tok.idx + len(tok.text), content_start=start, content_end=end,
                       source=source, quote="mixed" if QUOTES.search(inside) else "indirect", cue=tok.text,
                       content=inside, negated=lemma in DENIAL_LEMMAS,
                       kind="speech" if lemma in SPEECH_LEMMAS or found[0].endswith("ccomp") else "stance")


def cue_model_pass(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: the learned cue model prunes and adds relations (`_with_model`), but no layout label
    opening a line ("Claim: ...", "Origins: ..." on a fact-check page) is a cue."""
    return [a for a in _with_model(ctx.doc, found, ctx.quotes, ctx.mentions, ctx.scores)
            if not _label(ctx.text, a.cue_start, a.cue_end)]


def _label(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return not text[line_start:start].strip() and text[end:end + 1] == ":" and \
        text[start:end].strip().lower() in LABELS
