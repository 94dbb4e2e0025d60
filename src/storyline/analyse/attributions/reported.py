"""Reported speech: a speech verb with its clause ("officials said that ..."), inverted reports,
denials, disputed claims, answers to yes-no questions, stances and verbs PolNeAR usually marks."""
from __future__ import annotations

import re
import functools

from storyline import models
from storyline.analyse.attributions.lexicon import DENIAL_LEMMAS, NEEDS_CLAUSE, SPEECH_LEMMAS, STANCE_LEMMAS
from storyline.analyse.attributions.sources import source_of
from storyline.analyse.attributions.spans import QUOTES, cue_span, trim
from storyline.analyse.nlp import text_of as _text
from storyline.records import Attribution


_ANSWERS = {"no": True, "yes": False}
_ANSWER_VERBS = {"say", "answer", "reply", "respond"}


def _answered(doc, a: Attribution, mentions) -> Attribution:
    """`a`, or when its cue answers a yes-no question, the claim the answer makes (_answer). Run
    after the content's edges are placed: the question's clause is the content as it stands."""
    span = cue_span(doc, a)
    return (_answer(doc, span.root, mentions) if span is not None else None) or a


def _answer(doc, verb, mentions) -> Attribution | None:
    """"Asked whether she had met Dunn, Kova said no": the answer to a yes-no question is a claim
    of the question's clause, negated by "no". The question is the clause of "asked whether/if"
    hung on the verb, or the one asked in the sentence before ("Kova was asked whether ... She said
    no.")."""
    if verb.lemma_.lower() not in _ANSWER_VERBS:
        return None
    word = next((c for c in verb.children if c.i > verb.i and c.lower_ in _ANSWERS and c.dep_ in {"intj", "dobj", "ccomp"}
                 and all(t.is_punct for t in doc[verb.i + 1:c.i])), None)
    if word is None:
        return None
    asked = [c for c in verb.children if c.dep_ == "advcl" and c.lemma_.lower() == "ask" and c.i < verb.i]
    if not asked and verb.sent.start > 0:
        before = doc[verb.sent.start - 1].sent.root
        asked = [before] if before.lemma_.lower() == "ask" else []
    question = next((c for a in asked for c in a.children if c.dep_ in {"ccomp", "advcl"}
                     and any(m.dep_ == "mark" and m.lower_ in {"whether", "if"} for m in c.children)), None)
    source = source_of(doc, verb, mentions)
    if question is None or source is None:
        return None
    toks = [t for t in question.subtree if not (t.head == question and t.dep_ == "mark")]
    start, end = trim(_text(doc), toks[0].idx, toks[-1].idx + len(toks[-1].text))
    if end <= start:
        return None
    return Attribution(cue_start=verb.idx, cue_end=verb.idx + len(verb.text), content_start=start, content_end=end,
                       source=source, quote="indirect", cue=verb.text, content=_text(doc)[start:end],
                       negated=_ANSWERS[word.lower_])


def _reported(doc, verb, quotes, mentions) -> Attribution | None:
    lemma = verb.lemma_.lower()
    if verb in appended_reports(verb.head):
        return _disputed(doc, verb, mentions)
    comp = [c for c in verb.children if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and c.i > verb.i)]
    content_toks = None
    negated = lemma in DENIAL_LEMMAS
    if unsaid(verb):
        return None
    cleft_parts = cleft(verb) if not comp else None
    if cleft_parts is not None:
        # "what many analysts said was a sign of ...": what was said is the complement
        content_toks = list(cleft_parts[1].subtree)
    elif comp:
        head = comp[0]
        content_toks = list(head.subtree)
        if head.dep_ == "xcomp" and lemma not in {"deny"}:
            return None  # "agreed to go", "promised to act": not a report
    elif lemma in DENIAL_LEMMAS or lemma in {"confirm", "acknowledge", "admit", "report", "dispute"}:
        objs = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
        if objs:
            obj = objs[0]
            # "rejected reports that P", "denied claims that P": the content is P.
            inner = [c for c in obj.children if c.dep_ in {"acl", "ccomp", "relcl"} and c.i > obj.i]
            if inner and obj.lemma_.lower() in {"report", "claim", "allegation", "suggestion", "account",
                                                  "assertion", "story", "rumor", "rumour", "accusation"}:
                content_toks = list(inner[0].subtree)  # denied only when the verb denies:
                # "confirmed claims that P", "reported a rumor that P" put P forward
            else:
                content_toks = list(obj.subtree)
    elif lemma in {"say", "tell"} and verb.dep_ in {"ROOT", "conj"}:
        # Inverted reports: "Officials had met, she said."
        return _inverted(doc, verb, mentions)
    if not content_toks:
        return _inverted(doc, verb, mentions) if verb.dep_ in {"parataxis", "ROOT"} else None
    if lemma in NEEDS_CLAUSE and not comp:
        return None
    start = content_toks[0].idx
    end = content_toks[-1].idx + len(content_toks[-1].text)
    # "that" opening the clause is not part of what is said.
    first = content_toks[0]
    if first.lower_ == "that" and len(content_toks) > 2:
        start = content_toks[1].idx if len(content_toks) > 1 else start
    start, end = trim(_text(doc), start, end)
    if end <= start:
        return None
    inside = _text(doc)[start:end]
    if len(QUOTES.findall(inside)) % 2 == 1:
        # Mixed speech: keep the closing mark (and the stop inside it) of the quoted part.
        tail = re.match(r"[.,!?]?[\"\u201d]", _text(doc)[end:end + 2])
        if tail:
            end += tail.end()
    quote = "indirect"
    inside = _text(doc)[start:end]
    if QUOTES.search(inside):
        quote = "mixed"
    if any(qs <= start and end <= qe for qs, qe in quotes):
        return None  # a verb inside a direct quote is the speaker's own words
    source = source_of(doc, verb, mentions)
    if source is None and verb.dep_ not in {"ROOT", "conj", "ccomp", "advcl", "relcl"}:
        return None
    return Attribution(cue_start=verb.idx, cue_end=verb.idx + len(verb.text), content_start=start,
                       content_end=end, source=source, quote=quote, cue=verb.text, content=_text(doc)[start:end],
                       negated=negated)


_CLAIM_NOUNS = {"claim", "account", "allegation", "assertion", "accusation", "charge", "statement",
                "version", "story", "characterization", "characterisation", "description", "contention",
                "suggestion", "explanation", "narrative", "assessment", "report", "point", "argument",
                "notion", "idea", "view", "theory", "conclusion", "finding", "estimate", "figure"}
_RELATIVES = {"that", "which"}


def appended_reports(noun) -> list:
    """The speech verbs of a claim noun put after a clause by a comma ("P, a claim the unions
    dispute", "P, an account that officials confirmed"): their content is P, what the noun
    stands for. Empty for any other token."""
    if noun.lemma_.lower() not in _CLAIM_NOUNS or noun.pos_ != "NOUN" or noun.left_edge.i == 0 \
            or noun.doc[noun.left_edge.i - 1].text not in {",", "\u2014", "--", "\u2013", "-"}:
        return []
    return [v for v in noun.children if v.dep_ in {"relcl", "acl"} and v.i > noun.i
            and v.lemma_.lower() in SPEECH_LEMMAS
            and not any(c.dep_ in {"ccomp", "xcomp"} for c in v.children)
            and all(c.lower_ in _RELATIVES for c in v.children if c.dep_ in {"dobj", "obj"})
            and any(c.dep_ in {"nsubj", "nsubjpass", "agent"} for c in v.children)]


def _disputed(doc, verb, mentions) -> Attribution | None:
    """"The port will reopen in May, a claim the unions dispute": the unions deny that the port
    will reopen in May. The content is the clause before the comma, or, when that clause reports
    someone else ("Kova said the port will reopen, a claim ..."), what it reports."""
    noun = verb.head
    comma = noun.left_edge.i - 1
    sent = noun.sent
    start = sent.start
    for v in doc[sent.start:comma]:
        comp = next((c for c in v.children if c.dep_ == "ccomp" and c.i < comma), None)
        if comp is not None and v.lemma_.lower() in SPEECH_LEMMAS and v != verb:
            start = comp.left_edge.i + (comp.left_edge.lower_ == "that" and comp.left_edge.dep_ == "mark")
            break
    according = next((t for t in doc[start:comma] if t.lower_ == "according" and t.right_edge.i == comma - 1), None)
    if according is not None:
        comma = according.i  # "P, according to the Herald, a report the ministry confirmed"
    if start >= comma:
        return None
    text = _text(doc)
    c_start, c_end = trim(text, doc[start].idx, doc[comma].idx)
    if c_end <= c_start:
        return None
    cue_start = aux_start(verb)
    return Attribution(cue_start=cue_start, cue_end=verb.idx + len(verb.text), content_start=c_start,
                       content_end=c_end, source=source_of(doc, verb, mentions), quote="indirect",
                       cue=text[cue_start:verb.idx + len(verb.text)], content=text[c_start:c_end],
                       negated=verb.lemma_.lower() in DENIAL_LEMMAS)


_FREE_RELATIVES = {"everything", "nothing", "anything", "something", "whatever"}


def unsaid(verb) -> bool:
    """A report whose content the sentence does not give: "What Kova told reporters was different",
    "Everything Trump says is ..." (where the parse makes "Everything" part of the speaker)."""
    if verb.dep_ == "csubj" and cleft(verb) is None and any(c.lower_ == "what" for c in verb.children):
        return True
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.left_edge.i < subj.i and subj.left_edge.lower_ in _FREE_RELATIVES


def cleft(verb):
    """("what", complement) of a report in a pseudo-cleft ("What the senators said was that the port
    would close"), else None: the verb is the subject of "be", whose complement is what was said."""
    what = next((c for c in verb.children if c.lower_ == "what" and c.i < verb.i), None)
    if what is None or verb.dep_ != "csubj" or verb.head.lemma_ != "be":
        return None
    comp = next((c for c in verb.head.children if c.dep_ in {"ccomp", "attr"} and c.i > verb.head.i), None)
    return (what, comp) if comp is not None else None


def _inverted(doc, verb, mentions) -> Attribution | None:
    """"The two had met twice, officials said.": the verb is parataxis of the reported clause."""
    head = verb.head if verb.dep_ == "parataxis" else None
    if head is None:
        # spaCy often parses "P, she said." with said as ROOT and P as ccomp (handled above);
        # as a fallback take the sentence part before the verb when it ends with a comma.
        sent = verb.sent
        before = _text(doc)[sent.start_char:verb.idx].rstrip()
        subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not before.endswith(",") or (subj and subj[0].i < verb.i and subj[0].idx == sent.start_char):
            return None
        subj_start = min([s.left_edge.idx for s in subj] + [verb.idx])
        end = _text(doc).rfind(",", sent.start_char, subj_start)
        if end <= sent.start_char:
            return None
        start, end = trim(_text(doc), sent.start_char, end)
    else:
        sent = verb.sent
        toks = [t for t in head.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
        if not toks:
            return None
        start, end = trim(_text(doc), toks[0].idx, toks[-1].idx + len(toks[-1].text))
    if end <= start or QUOTES.search(_text(doc)[start:end]) and _text(doc)[start:end].count('"') == 1:
        return None
    source = source_of(doc, verb, mentions)
    if source is None:
        return None
    return Attribution(cue_start=verb.idx, cue_end=verb.idx + len(verb.text), content_start=start,
                       content_end=end, source=source, quote="indirect", cue=verb.text,
                       content=_text(doc)[start:end], negated=verb.lemma_.lower() in DENIAL_LEMMAS)


def _stance(doc, verb, quotes, mentions) -> Attribution | None:
    """"Sanders praised the plan", "Trump called for a ban": an attitude of the subject to the object."""
    if any(qs <= verb.idx < qe for qs, qe in quotes):
        return None
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "obj"}), None)
    cue_end = verb.idx + len(verb.text)
    if obj is None:
        prep = next((c for c in verb.children if c.dep_ == "prep" and c.i == verb.i + 1
                     and c.lower_ in {"for", "of", "about", "on", "against"}), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if obj is None:
            return None
        cue_end = prep.idx + len(prep.text)
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.pos_ not in {"PROPN", "PRON", "NOUN"} or subj.lower_ in {"it", "this", "that"}:
        return None
    toks = list(obj.subtree)
    start, end = trim(_text(doc), toks[0].idx, toks[-1].idx + len(toks[-1].text))
    if end <= start:
        return None
    cue_start = aux_start(verb)
    source = source_of(doc, verb, mentions)
    # "Trump called the decision a huge mistake": naming a thing so says what it is, a claim
    naming = obj.dep_ in {"dobj", "obj"} and any(c.dep_ == "oprd" for c in verb.children)
    return Attribution(cue_start=cue_start, cue_end=cue_end, content_start=start, content_end=end,
                       source=source, quote="indirect", cue=_text(doc)[cue_start:cue_end],
                       content=_text(doc)[start:end], kind="speech" if naming else "stance")


@functools.lru_cache(maxsize=1)
def learned_cues() -> dict[str, float]:
    """lemma -> share of its uses that PolNeAR's annotators marked as a cue (lemmas seen 5+ times);
    rebuilt by scripts/train_attributions.py."""
    data = models.read_json("attribution_cues.json")
    if data is None:
        return {}
    return {lemma: cue / n for lemma, (cue, n) in data.get("cues", {}).items() if n >= 5}


def _learned(doc, verb, quotes, mentions) -> Attribution | None:
    """A verb the annotated data says is usually a cue: its complement, object or prepositional
    object is the content ("Clinton decried the plan", "he railed against the deal")."""
    if any(qs <= verb.idx < qe for qs, qe in quotes):
        return None
    children = list(verb.children)
    comp = next((c for c in children if c.dep_ in {"ccomp", "xcomp"} and c.i > verb.i), None)
    obj = comp or next((c for c in children if c.dep_ in {"dobj", "obj"} and c.i > verb.i), None)
    cue_end = verb.idx + len(verb.text)
    if obj is None:
        prep = next((c for c in children if c.dep_ == "prep" and c.i == verb.i + 1), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if obj is None:
            return None
        cue_end = prep.idx + len(prep.text)
    toks = list(obj.subtree)
    start, end = trim(_text(doc), toks[0].idx, toks[-1].idx + len(toks[-1].text))
    if toks[0].lower_ == "that" and len(toks) > 2:
        start = toks[1].idx
    source = source_of(doc, verb, mentions)
    if end <= start or source is None:
        return None
    return Attribution(cue_start=verb.idx, cue_end=cue_end, content_start=start, content_end=end,
                       source=source, quote="mixed" if QUOTES.search(_text(doc)[start:end]) else "indirect",
                       cue=_text(doc)[verb.idx:cue_end], content=_text(doc)[start:end],
                       kind="speech" if comp is not None and comp.dep_ == "ccomp" else "stance")


def aux_start(verb) -> int:
    """A cue keeps its auxiliaries and negation just before it: "has said", "did not mention"."""
    i = verb.i
    while i > 0 and verb.doc[i - 1].dep_ in {"aux", "auxpass", "neg"} and verb.doc[i - 1].head == verb:
        i -= 1
    return verb.doc[i].idx


def reported_speech(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: each speech verb (not already a quote's cue) with the clause, object or inverted
    sentence it reports."""
    done = {(a.cue_start, a.cue_end) for a in found}
    out = list(found)
    doc = ctx.doc
    for i, lemma in enumerate(ctx.lemmas):
        # ("P, a claim that Gowdy's office disputes": the parse may tag it a noun; "The Post has
        # learned": an outlet reports what it found out)
        speech = lemma in SPEECH_LEMMAS and (ctx.tags[i] in {"VERB", "AUX"} or doc[i] in appended_reports(doc[i].head))
        if not speech and not (lemma == "learn" and ctx.tags[i] == "VERB" and _outlet_subject(doc[i], ctx.mentions)):
            continue
        if ctx.spans[i] in done:
            continue
        rel = _reported(doc, doc[i], ctx.quotes, ctx.mentions)
        if rel:
            out.append(rel)
    return out


def _outlet_subject(verb, mentions) -> bool:
    """Whether the verb's subject is a news outlet the article names ("The Post has learned")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and any(m.type == "OUTLET" and m.start <= subject.idx < m.end for m in mentions)


def learned_verbs(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: verbs outside the speech and stance lists that PolNeAR's annotators mostly mark as cues
    (`learned_cues`), with their complement, object or prepositional object."""
    done = {(a.cue_start, a.cue_end) for a in found}
    learned = learned_cues()
    out = list(found)
    for i, lemma in enumerate(ctx.lemmas):
        if ctx.tags[i] == "VERB" and lemma not in SPEECH_LEMMAS and lemma not in STANCE_LEMMAS \
                and learned.get(lemma, 0.0) >= 0.5 and ctx.spans[i] not in done:
            rel = _learned(ctx.doc, ctx.doc[i], ctx.quotes, ctx.mentions)
            if rel:
                out.append(rel)
    return out


def stances(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: stance verbs ("praised the plan", "called for a ban") not yet a cue."""
    done = {(a.cue_start, a.cue_end) for a in found}
    out = list(found)
    for i, lemma in enumerate(ctx.lemmas):
        if lemma in STANCE_LEMMAS and ctx.tags[i] == "VERB" and ctx.spans[i] not in done:
            rel = _stance(ctx.doc, ctx.doc[i], ctx.quotes, ctx.mentions)
            if rel:
                out.append(rel)
    return out


def answered(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: a relation whose cue answers a yes-no question becomes the claim the answer makes."""
    return [_answered(ctx.doc, a, ctx.mentions) for a in found]


def answers(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: answers ("she said no") to a question asked before, whose verb is no cue yet."""
    cues = {(a.cue_start, a.cue_end) for a in found}
    doc = ctx.doc
    return found + [rel for rel in (_answer(doc, doc[i], ctx.mentions) for i, lemma in enumerate(ctx.lemmas)
                                    if lemma in _ANSWER_VERBS and ctx.spans[i] not in cues) if rel is not None]
