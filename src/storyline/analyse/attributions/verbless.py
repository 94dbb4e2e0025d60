"""Verbless attributions: "according to X", "in a new poll", "by Kova's account"."""
from __future__ import annotations

from dataclasses import replace

from storyline.analyse.attributions.describe import describe_source
from storyline.analyse.attributions.reported import appended_reports
from storyline.analyse.attributions.spans import trim
from storyline.analyse.nlp import text_of as _text
from storyline.records import Attribution


_SURVEYS = {"poll", "survey", "study", "average", "analysis", "report", "ranking", "mind", "opinion", "view"}
_OPENERS = {"but", "and", "yet", "meanwhile", "still", "so"}


def _in_survey(doc, tok, mentions) -> Attribution | None:
    """"In a new Fox News poll, Trump leads by 9 points", "In Trump's mind, ...": what the poll
    or the mind holds is the rest of the sentence (PolNeAR train: 20 of 25 such openings are
    cues; "in the polls" inside a sentence mostly not, 27 of 131)."""
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    sent = tok.sent
    first = sent.start
    while first < tok.i and (doc[first].lower_ in _OPENERS or doc[first].is_punct or doc[first].is_space):
        first += 1
    if obj is None or obj.lemma_.lower() not in _SURVEYS or first != tok.i:
        return None
    comma = tok.right_edge.i + 1
    if comma >= sent.end - 2 or doc[comma].text != ",":
        return None
    text = _text(doc)
    start, end = trim(text, doc[comma + 1].idx, sent.end_char)
    if len(text[start:end].split()) < 3:
        return None
    src_start, src_end = trim(text, obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text))
    return Attribution(cue_start=tok.idx, cue_end=tok.idx + len(tok.text), content_start=start, content_end=end,
                       source=describe_source(doc, obj, src_start, src_end, mentions), quote="indirect", cue=tok.text,
                       content=text[start:end])


def _according(doc, tok, mentions) -> Attribution | None:
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    if not objs:
        return None
    obj = objs[0]
    src_toks = list(obj.subtree)
    src_start, src_end = trim(_text(doc), src_toks[0].idx, src_toks[-1].idx + len(src_toks[-1].text))
    content = _rest_of_sentence(doc, tok.sent, tok.idx, src_end)
    if content is None:
        return None
    source = describe_source(doc, obj, src_start, src_end, mentions)
    cue_end = to.idx + len(to.text)
    return Attribution(cue_start=tok.idx, cue_end=cue_end, content_start=content[0], content_end=content[1],
                       source=source, quote="indirect", cue=_text(doc)[tok.idx:cue_end],
                       content=_text(doc)[content[0]:content[1]])


def _rest_of_sentence(doc, sent, phrase_start: int, phrase_end: int) -> tuple[int, int] | None:
    """The content of a phrase that names its source ("according to X", "by X's account"): the
    longer side of the sentence around it."""
    text = _text(doc)
    left = text[sent.start_char:phrase_start].rstrip(" ,")
    # a claim noun put after the phrase with a clause of its own ("according to the Herald, a
    # report the ministry confirmed") is that clause's, not the phrase's
    appended = next((t.left_edge.idx for t in sent if t.idx >= phrase_end and appended_reports(t)), sent.end_char)
    right = text[phrase_end:appended].lstrip(" ,")
    if len(right.split()) >= len(left.split()):
        r0 = phrase_end + (len(text[phrase_end:appended]) - len(right))
        start, end = trim(text, r0, appended)
    else:
        start, end = trim(text, sent.start_char, sent.start_char + len(left))
    return (start, end) if end > start else None


_ACCOUNTS = {"account", "accounts", "telling", "version", "recollection"}


def _by_account(doc, tok, mentions) -> Attribution | None:
    """"By Kova's account, ...", "In his telling, ...": the possessor speaks, the word for the
    account is the cue, and the rest of the sentence is what was said."""
    noun = next((c for c in tok.children if c.dep_ == "pobj" and c.lower_ in _ACCOUNTS), None)
    owner = next((c for c in noun.children if c.dep_ == "poss"), None) if noun is not None else None
    if owner is None:
        return None
    text = _text(doc)
    toks = [t for t in owner.subtree if t.dep_ != "case"]
    if not toks:
        return None
    src_start, src_end = trim(text, toks[0].idx, toks[-1].idx + len(toks[-1].text))
    content = _rest_of_sentence(doc, tok.sent, tok.idx, noun.idx + len(noun.text))
    if content is None or src_end <= src_start:
        return None
    source = describe_source(doc, owner, src_start, src_end, mentions)
    return Attribution(cue_start=noun.idx, cue_end=noun.idx + len(noun.text), content_start=content[0],
                       content_end=content[1], source=source, quote="indirect", cue=noun.text,
                       content=text[content[0]:content[1]])


def verbless(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: "according to X", "in a new poll, ...", "by X's account, ...". "According to" before a
    quotation the quotes pass found joins that relation."""
    out = list(found)
    doc, lowers = ctx.doc, ctx.lowers
    for i, lower in enumerate(lowers):
        if lower == "according" and i + 1 < len(lowers) and lowers[i + 1] == "to":
            rel = _according(doc, doc[i], ctx.mentions)
            quoted = next((j for j, a in enumerate(out) if a.cue_start == rel.cue_start), None) if rel else None
            if quoted is not None:
                # 'According to the paper, "..."': the quote found this cue first, with no subject
                # to speak it; one relation, its source the one the paper is
                out[quoted] = replace(out[quoted], source=out[quoted].source or rel.source,
                                      cue_end=max(out[quoted].cue_end, rel.cue_end),
                                      cue=ctx.text[rel.cue_start:max(out[quoted].cue_end, rel.cue_end)])
            elif rel:
                out.append(rel)
        elif lower in {"in", "by"} and doc[i].dep_ == "prep":
            rel = (_in_survey(doc, doc[i], ctx.mentions) if lower == "in" else None) or \
                _by_account(doc, doc[i], ctx.mentions)
            if rel:
                out.append(rel)
    return out
