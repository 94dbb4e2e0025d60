"""Claims v1: each attribution's content is a claim of its source.

A denial makes a claim of the denied content with negative polarity. The claim is
dated by the cue's own time ("on Tuesday denied"), else by the article date.
Certainty comes from hedges and modal verbs inside the content and from the cue.
"""
from __future__ import annotations

import re
from dataclasses import replace

from storyline.analyse.attributions import cleft
from storyline.analyse.factuality import FALSITY, claim_factuality
from storyline.analyse.nlp import text_of
from storyline.records import Attribution, Claim, Timex
from storyline.vocabulary import EVENT_TYPES, REPORTING_KINDS

__all__ = ["claims", "certainty", "negated_content"]

_POSSIBLE = re.compile(
    r"\b(?:may|might|could|possibly|perhaps|conceivably|can't rule (?:it )?out|cannot rule (?:it )?out|"
    r"can not rule (?:it )?out|not rule out|maybe|allegedly|reportedly|unclear whether)\b", re.IGNORECASE)
_PROBABLE = re.compile(
    r"\b(?:likely|probably|appears? to|appeared to|seems? to|seemed to|apparently|believed to|expected to|"
    r"should|would)\b", re.IGNORECASE)
_UNKNOWN = re.compile(r"\b(?:don't recall|do not recall|doesn't recall|does not recall|not sure|no idea)\b",
                      re.IGNORECASE)
_HEDGED_CUES = {"suggest", "suggested", "suggests", "speculate", "speculated", "believe", "believed",
                "believes", "think", "thinks", "thought", "suspect", "suspected", "guess", "estimated"}


def certainty(content: str, cue: str = "") -> str:
    """certain | probable | possible | unknown, from the words of the claim and its cue."""
    if _UNKNOWN.search(content):
        return "unknown"
    if _POSSIBLE.search(content):
        return "possible"
    if _PROBABLE.search(content) or cue.lower().split()[-1:] and cue.lower().split()[-1] in _HEDGED_CUES:
        return "probable"
    return "certain"


def claims(doc, attributions: list[Attribution], timexes: list[Timex], published: str | None) -> list[Claim]:
    out = []
    dates = _date_roots(doc, timexes)  # found once for all the claims
    for a in attributions:
        if a.kind != "speech":
            continue  # "X praised the plan" is an attitude, not a proposition to check
        said_on = a.said_on or _cue_time(doc, a, dates) or published
        for start, end in _propositions(doc, a):
            part = replace(a, content_start=start, content_end=end, content=text_of(doc)[start:end])
            span = _span(doc, part)  # parsed once: polarity, certainty and predicate all read it
            if _made_thing(a, span):
                continue
            out.append(Claim(
                start=start, end=end, text=part.content, cue=a.cue, quote=a.quote,
                source=a.source, cue_start=a.cue_start, cue_end=a.cue_end,
                polarity="negative" if a.negated != negated_content(span) else "positive",
                certainty=_certainty(doc, part, span), said_on=said_on, predicate=_predicate(span),
                states=_states(span)))
    return out


def _states(span) -> bool:
    """Whether the content says something is so: a clause (it has a verb), or an event it names
    ("Kova acknowledged the dinner": the dinner took place); not a thing named ("explained the
    situation", "The reports were not confirmed": a report is a telling, no event of the story)."""
    if span is None or any(t.pos_ in {"VERB", "AUX"} for t in span):
        return True
    kind = EVENT_TYPES.get(span.root.lemma_.lower())
    return kind is not None and kind not in REPORTING_KINDS


# Verbs of making or releasing a text, whose object names the thing made, not what it says
# (written by hand from English usage; the case that showed the need was an FNC-1 tune story).
_MAKING = {"write", "announce", "post", "publish", "release", "tweet", "share", "issue", "sign", "draft"}


def _made_thing(a: Attribution, span) -> bool:
    """"Chandler wrote her Facebook post", "who announced the ceasefire": the content is a thing
    written or announced, with no verb and no quotation marks: no proposition to confirm or deny."""
    if span is None or a.quote == "direct" or any(t.pos_ in {"VERB", "AUX"} for t in span):
        return False
    cue = a.cue.split()[-1].lower() if a.cue.split() else ""
    lemma = next((t.lemma_.lower() for t in span.doc[max(span.start - 8, 0):span.start] if t.lower_ == cue), cue)
    return lemma in _MAKING and not any(t.is_quote for t in span)


def _span(doc, a: Attribution):
    """The content as a span without the marks at its ends: a closing quote the parser hangs
    elsewhere must not become the content's root."""
    span = doc.char_span(a.content_start, a.content_end, alignment_mode="expand")
    if span is None:
        return None
    start, end = span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def _certainty(doc, a: Attribution, span) -> str:
    """How sure the source is, from the content's own clause up to the cue (analyse/factuality.py:
    modals, hedges, conditionals, questions, the cue's meaning); a reported "would" is the speaker's
    "will", not a hedge. Falls back to the word lists when the cue is not a token of the parse."""
    cue = doc.char_span(a.cue_start, a.cue_end, alignment_mode="expand")
    if cue is None or not len(cue) or span is None:
        return certainty(a.content, a.cue)
    if _answers(cue.root, span):
        return "certain"  # "Asked whether P, Kova said no": a plain yes or no is sure of its answer
    if _open(span.root):
        return "unknown"  # "the death of the singer remained unconfirmed"
    try:
        return claim_factuality(doc, span, cue.root)[1]
    except (ValueError, IndexError):
        return certainty(a.content, a.cue)


_OPEN = {"unconfirmed", "unverified", "unclear", "unknown", "uncertain", "undetermined", "unproven"}


def _open(root) -> bool:
    """The content says its own subject is not settled: "the death remained unconfirmed", "the
    cause is unknown" (a copula or "remain" with such an adjective)."""
    return root.lemma_.lower() in {"be", "remain", "stay"} and any(
        c.dep_ in {"acomp", "attr"} and c.lower_ in _OPEN for c in root.children) and not any(
        c.dep_ == "neg" for c in root.children)


def _answers(verb, span) -> bool:
    """Whether `verb` answers the yes-no question `span` asks ("said no" to "whether she had met him")."""
    return any(c.lower_ in {"yes", "no"} and c.i > verb.i for c in verb.children) and \
        any(m.dep_ == "mark" and m.lower_ in {"whether", "if"} for m in span.root.children)


def _propositions(doc, a: Attribution) -> list[tuple[int, int]]:
    """A reported content of coordinated clauses, each with its own "that" ("she had accepted
    the invitation and that the contract was not discussed"), is one claim per clause."""
    whole = [(a.content_start, a.content_end)]
    if a.quote == "direct":
        return _sentences(doc, a) or whole
    cue = doc.char_span(a.cue_start, a.cue_end, alignment_mode="expand")
    said = _said_inside(cue.root, a) if cue is not None and len(cue) else None
    if said is not None:
        # after the cue: the relative pronoun the parse may hang on the clause ("which") stays out
        toks = [t for t in said.subtree if t.i > cue.root.i and not (t.dep_ == "mark" and t.head == said)]
        if toks:
            end = min(toks[-1].idx + len(toks[-1].text), a.content_end)
            return [(toks[0].idx, toks[0].idx + len(text_of(doc)[toks[0].idx:end].rstrip(" ,;:")))]
    span = _span(doc, a)
    if span is None or not len(span):
        return whole
    root = span.root
    parts = [c for c in root.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}
             and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
    if not parts:
        return whole
    out = []
    first_end = min(p.left_edge.i for p in parts)
    while first_end > span.start and (doc[first_end - 1].dep_ == "cc" or doc[first_end - 1].text in {",", ";"}):
        first_end -= 1
    if first_end > span.start:
        out.append((span[0].idx, doc[first_end - 1].idx + len(doc[first_end - 1].text)))
    for p in parts:
        toks = [t for t in p.subtree if not (t.dep_ == "mark" and t.head == p and t.lower_ == "that")]
        lo, hi = toks[0], toks[-1]
        out.append((lo.idx, min(hi.idx + len(hi.text), a.content_end)))
    return [(s, e) for s, e in out if e > s] or whole


MIN_SENTENCE_WORDS = 4
_CLOSING = {"\u201d", "\u2019\u2019", "''"}


def _sentences(doc, a: Attribution) -> list[tuple[int, int]]:
    """A quotation of several sentences is one claim per sentence ("Dulaimi is not his wife
    currently. She has been married three times ..."): each says its own thing, with its own
    polarity. A short sentence ("No.", "Never.") stays with the one before it, and a sentence
    ends where its quotation closes ('"We have never been prouder," his mother wrote'). Empty
    when the quotation is one whole sentence."""
    span = _span(doc, a)
    if span is None:
        return []
    out: list[list[int]] = []
    cut = False
    for sent in span.sents:
        toks = [t for t in sent if span.start <= t.i < span.end]
        # '"We have never been prouder," his mother wrote.': the sentence ends the quotation
        close = next((k for k, t in enumerate(toks) if k and t.text in _CLOSING and
                      any(not u.is_punct for u in toks[k + 1:])), None)
        if close is not None:
            toks, cut = toks[:close], True
        while toks and (toks[0].is_punct or toks[0].is_space) and toks[0].text not in {"(", "["}:
            toks.pop(0)
        while toks and (toks[-1].is_space or toks[-1].is_quote or toks[-1].text in {".", ",", ";", ":"}):
            toks.pop()
        if not any(not t.is_punct for t in toks):
            continue
        lo, hi = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if out and sum(not t.is_punct for t in toks) < MIN_SENTENCE_WORDS:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    return [(s, e) for s, e in out if e > s] if len(out) > 1 or cut else []


def _said_inside(verb, a: Attribution):
    """The clause that was said, when the content PolNeAR's way holds its own speaker and cue: a
    pseudo-cleft ("what the senators said was that P") or a relative clause ("..., which he said
    were at his side", "which the congressman said is designed to ..."). The claim is that clause,
    not the words "the congressman said" with it. None otherwise."""
    parts = cleft(verb)
    if parts is not None:
        return parts[1]
    if verb.dep_ == "relcl" and a.content_start <= verb.idx < a.content_end:
        return next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    return None


_LIGHT = {"take", "happen", "occur", "be", "have", "go"}  # "a meeting took place": the meeting is what happened


# Verbs that only frame what happened: "she is believed to have married him", "the army appears to
# have carried out the strike" (English raising verbs and passive reporting verbs; a grammar list).
_RAISING = {"seem", "appear", "tend", "happen"}
_PASSIVE_REPORTING = {"believe", "say", "think", "report", "know", "understand", "allege", "suppose", "presume",
                      "consider", "expect", "rumor", "rumour", "claim", "estimate", "suspect", "feel", "see"}


def _predicate(span) -> str | None:
    """The lemma of what the content says happened: its root verb, or for a light verb its subject.
    A framing verb gives way to the verb it frames ("is said to have met" -> meet), and a copula
    to the participle it holds ("was not married to him" -> married)."""
    if span is None or not len(span):
        return None
    root = span.root
    for _ in range(3):
        lemma = root.lemma_.lower()
        passive = any(c.dep_ == "auxpass" for c in root.children)
        framed = next((c for c in root.children if c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"}), None)
        if framed is None or not (lemma in _RAISING or (passive and lemma in _PASSIVE_REPORTING)):
            break
        root = framed
    if _calls_false(root):  # "the suggestion that they were apprehended is false": apprehend
        clause = _false_clause(root)
        if clause is not None:
            root = clause
    if root.lemma_.lower() == "be":
        held = next((c for c in root.children if c.dep_ == "acomp" and (
            c.tag_ == "VBN" or c.lower_.endswith("ed"))), None)
        if held is not None:
            return held.lemma_.lower()
    if root.lemma_.lower() in _LIGHT:
        subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None and subj.pos_ == "NOUN":
            return subj.lemma_.lower()
    return root.lemma_.lower()


def negated_content(span) -> bool:
    """The content's main verb or one of its arguments is negated ("she had never met him", "the
    contract was not discussed", "he had broken no rules", "would no longer prosecute"), or it calls
    a clause put forward false ("the suggestion that P is false")."""
    if span is None or not len(span):
        return False
    root = span.root
    return _negated(root) != _calls_false(root)  # "the claim that P is not false" affirms P


def _negated(root) -> bool:
    if _praise(root):
        return False
    if any(c.dep_ == "neg" or c.lower_ in {"never", "nowhere"} for c in root.children):
        return True
    if root.dep_ in {"acomp", "attr"} and any(c.dep_ == "neg" for c in root.head.children):
        return True  # "is not true": the copula holds the negation
    if root.lemma_.lower() == "be" and any(c.dep_ in {"acomp", "attr"} and any(g.lower_ == "no" for g in c.children)
                                         for c in root.children):
        return True  # "he was no good": the complement holds it (not "was not unusual", which affirms)
    if any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in root.children):
        return True
    if root.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "det" and c.lower_ == "no" for c in root.children):
        return True  # a content without a verb: "Shekau claims no ceasefire"
    # "had no role", "broke no rules", "nobody objected": a negated argument negates the claim.
    return any(c.dep_ in {"dobj", "attr", "nsubj", "nsubjpass"} and (
        c.lower_ in {"nobody", "nothing", "none", "noone"} or
        any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)) for c in root.children)


def _praise(root) -> bool:
    """"We have never been prouder", "I couldn't be happier": a negated comparative says the
    most, not the opposite."""
    if root.lemma_.lower() != "be" or not any(_comparative(c) for c in root.children):
        return False
    return any(c.lower_ == "never" for c in root.children) or (
        any(c.dep_ == "neg" for c in root.children) and any(c.lower_ in {"could", "can"} for c in root.children))


def _comparative(tok) -> bool:
    """"happier", "better", and "prouder" that the tagger takes for a noun (no determiner)."""
    if tok.dep_ not in {"acomp", "advmod", "attr"}:
        return False
    return tok.tag_ in {"JJR", "RBR"} or (tok.pos_ == "NOUN" and tok.lower_.endswith("er")
                                           and not any(c.dep_ in {"det", "poss"} for c in tok.children))


def _calls_false(root) -> bool:
    """"The suggestion that P is categorically false", "claims that P are untrue", "it is wrong
    that P", "the idea that P is nonsense": the content says a clause someone put forward is false,
    and so denies it (the claim keeps its words; its polarity says it is a denial)."""
    if root.lemma_.lower() != "be":
        return False
    said = next((c for c in root.children if c.dep_ in {"acomp", "attr"}), None)
    if said is None or said.lemma_.lower() not in FALSITY:
        return False
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lemma_.lower() in _PUT_FORWARD and any(
            c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those", "such"} for c in subj.children) \
            and not any(c.dep_ in {"relcl", "acl", "prep"} for c in subj.children):
        return True  # "The claim is entirely false": the claim the story is about (not "the report he wrote")
    return _false_clause(root) is not None


# Nouns for something put forward to be believed (a grammar list, as in attributions/reported.py).
_PUT_FORWARD = {"claim", "report", "story", "rumor", "rumour", "allegation", "suggestion", "assertion",
                "accusation", "idea", "notion", "account"}


def _false_clause(root):
    """The clause introduced by "that" that a copula with a word of falsity calls false."""
    clauses = [c for c in root.children if c.dep_ == "ccomp"] + \
        [g for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} for g in c.children if g.dep_ in {"acl", "ccomp"}]
    return next((c for c in clauses if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)


def _date_roots(doc, timexes: list[Timex]) -> list[tuple[Timex, object]]:
    """Each DATE expression with no anchor, with the root of its tokens."""
    out = []
    for t in timexes:
        if t.type != "DATE" or t.anchor:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((t, span.root))
    return out


def _cue_time(doc, a: Attribution, dates: list[tuple[Timex, object]]) -> str | None:
    """The value of a DATE the parse attaches to the cue, outside the content ("on Tuesday denied");
    `dates` as _date_roots gives them."""
    cue = doc.char_span(a.cue_start, a.cue_end, alignment_mode="expand")
    if cue is None:
        return None
    root = cue.root.i
    for t, head in dates:
        if a.content_start <= t.start < a.content_end:
            continue
        for _ in range(3):
            if head.i == root:
                return t.value if re.match(r"^\d{4}-\d{2}-\d{2}$", t.value) else None
            if head.head.i == head.i:
                break
            head = head.head
    return None
