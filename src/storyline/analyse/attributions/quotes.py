"""Direct quotes: quoted passages and the speech verb next to them, quotations signed after a dash
or introduced by a name and a colon."""
from __future__ import annotations

import re

from storyline.analyse import cue_model
from storyline.analyse.attributions.describe import source_kind
from storyline.analyse.attributions.lexicon import DENIAL_LEMMAS, SPEECH_LEMMAS
from storyline.analyse.attributions.sources import source_at, source_of
from storyline.analyse.attributions.spans import QUOTES, trim
from storyline.analyse.nlp import text_of as _text
from storyline.records import Attribution, Source


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted passages, the quote marks excluded. Curly marks say which way they
    face; a straight one (" or '') is read from its neighbours (`_facing`), else pairs up in order.
    So a quotation whose closing mark is left off at a paragraph's end and reopened in the next
    does not turn every later quotation of the text inside out."""
    spans = []
    opened = None
    for m in QUOTES.finditer(text):
        ch = m.group()
        facing = "open" if ch == "\u201c" else "close" if ch == "\u201d" else _facing(text, m.start(), m.end())
        if opened is None:
            if facing != "close":
                opened = m.end()
        elif facing == "open":
            # A new quotation, the last one never closed. Left open at its paragraph's end, it
            # runs on into the next paragraph, which reopens it (_continues): keep its part.
            brk = text.find("\n", opened, m.start())
            if brk >= 0:
                spans.append((opened, len(text[opened:brk].rstrip()) + opened))
            opened = m.end()
        else:
            spans.append((opened, m.start()))
            opened = None
    return [(s, e) for s, e in spans if len(text[s:e].split()) >= 2]


_REOPENED = re.compile(r"[,.!?;:]?[^\S\n]*\n\s*(?:\"|\u201c|``|'')")


def _continues(text: str, end: int, start: int) -> bool:
    """Whether a quotation starting at `start` goes on from one that stopped at `end` without a
    closing mark at its paragraph's end (the next paragraph reopens it, as news style has it)."""
    return _REOPENED.fullmatch(text, end, start) is not None


def _facing(text: str, start: int, end: int) -> str | None:
    """A straight quote mark at text[start:end] after a space and before a word opens ("open"),
    after a word and before a space or a stop closes ("close"); None when it can't be told."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if (before.isspace() or before in "([{\u2014") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}\u2014"):
        return "close"
    return None


def _direct(doc, q_start: int, q_end: int, mentions, previous: Attribution | None = None,
            scores: dict | None = None) -> Attribution | None:
    text = _text(doc)
    after = text[q_end:q_end + 80]
    # "...," Kova said.  /  "...," said Kova.  /  "...," she told reporters.
    m = re.match(r"[\"\u201d]?[ \t]*[,.!?]?[ \t]*[\"\u201d]?[ \t]*", after)
    pos = q_end + (m.end() if m else 0)
    line_end = text.find("\n", pos)
    # '"...," Blige sings to Clinton': that subject's verb, whatever verbs come later
    cue = _subject_verb_after(doc, pos, line_end) if "," in text[max(q_start, q_end - 2):pos] else None
    set_off = cue is not None
    if cue is None and not text[q_start:q_end].rstrip().endswith("."):  # a full stop ends the quote's sentence
        cue = _cue_in(doc, pos, min(len(text), pos + 60, line_end if line_end >= 0 else len(text)),
                      stop_at_sentence=True, scores=scores)
    elif cue is None:
        cue = _signing_off(doc, pos, line_end)
    if cue is None and previous is not None and previous.quote == "direct" and previous.content_end < q_start \
            and ("\n" not in text[previous.content_end:q_start] or _continues(text, previous.content_end, q_start)):
        # A second quote in the same paragraph with no verb of its own continues the last speaker,
        # as does a paragraph reopening a quotation the last one left open.
        content = trim(text, q_start, q_end)
        return Attribution(cue_start=previous.cue_start, cue_end=previous.cue_end, content_start=content[0],
                           content_end=content[1], source=previous.source, quote="direct", cue=previous.cue,
                           content=text[content[0]:content[1]], negated=previous.negated)
    if cue is None:
        # Kova said: "..."  /  Kova told the Herald, "..."
        before_start = max(0, q_start - 120)
        cue = _cue_in(doc, before_start, q_start, last=True, scores=scores)
        if cue is not None and QUOTES.search(text[cue.idx:q_start - 1]):
            cue = None
        if cue is not None and "\n" in text[cue.idx:q_start]:
            cue = None
    if cue is None:
        return _dash(doc, q_start, q_end, mentions) or _colon(doc, q_start, q_end, mentions)
    if cue.idx < q_start and any(t.idx >= q_start for c in cue.children if c.dep_ == "ccomp" for t in c.subtree) \
            and not _introduces(text[cue.idx:q_start]):
        return None  # a quote inside a reported clause: "X said the deal was "lawful"" is mixed speech
    if not set_off and cue.idx >= q_end and any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children) \
            and not re.search(r"[,.!?][\"\u201d']*\s*$", text[max(0, q_end - 1):cue.idx]):
        return None  # a quoted name before its own report: 'Jones on "Morning Joe" suggested that ...'
    if cue.idx >= q_end and _in_subject(doc, cue, q_start, q_end):
        return None  # a title in the speaker's description: 'Scarborough, host of "Morning Joe," said ...'
    source = source_of(doc, cue, mentions)
    if source is not None and source.start is not None and source.start < q_end and q_start < source.end:
        # A source is never inside the quotation it speaks: when the parse hangs a word of it on the
        # cue ("'... it ...,' said James Acton"), the subject after the cue speaks, else no one we can tell.
        after = [c for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"} and c.idx >= q_end]
        source = source_at(doc, after[0], cue, mentions) if after else None
    if source is None and cue.idx >= q_end:
        speaker = _inverted_speaker(cue)
        source = source_at(doc, speaker, cue, mentions) if speaker is not None else None
    content = trim(text, q_start, q_end)
    return Attribution(cue_start=cue.idx, cue_end=cue.idx + len(cue.text), content_start=content[0],
                       content_end=content[1], source=source, quote="direct", cue=cue.text,
                       content=text[content[0]:content[1]], negated=cue.lemma_.lower() in DENIAL_LEMMAS)


_SPEAKING_PRONOUNS = {"he", "she", "they", "i", "we"}


def _subject_verb_after(doc, pos: int, line_end: int):
    """The verb of the subject that opens the rest of the sentence after a quotation closing on a
    comma, whatever the verb ('"Promise mama ...," Blige sings to Clinton', '"...," she laughed'):
    in news writing a quote set off so is the words of that subject. The subject is a name or a
    personal pronoun, and the verb follows it at once."""
    span = doc.char_span(pos, line_end if line_end >= 0 else len(_text(doc)), alignment_mode="contract")
    if span is None or not len(span) or span[0].idx != pos:
        return None
    subj = span[0]
    while subj.dep_ in {"compound", "flat"} and subj.head.i > subj.i:
        subj = subj.head
    verb = subj.head
    if subj.dep_ != "nsubj" or verb.pos_ != "VERB" or verb.i != subj.i + 1 or verb.sent != span[0].sent:
        return None
    if not (subj.pos_ == "PROPN" or subj.lower_ in _SPEAKING_PRONOUNS):
        return None
    return verb


def _signing_off(doc, pos: int, line_end: int):
    """The verb of a short sentence that only says who spoke the quotation ending just before it
    ('"We will fight. We will win." Kova said on Tuesday.'): a speech verb with a subject and no
    clause or object of its own, in the same paragraph."""
    span = doc.char_span(pos, line_end if line_end >= 0 else len(_text(doc)), alignment_mode="contract")
    if span is None or not len(span) or span[0].idx != pos:
        return None
    sent = span[0].sent
    verb = sent.root
    if sent.start != span[0].i or len(sent) > 10 or verb.lemma_.lower() not in SPEECH_LEMMAS or verb.pos_ != "VERB":
        return None
    kids = {c.dep_ for c in verb.children}
    if not kids & {"nsubj"} or kids & {"ccomp", "xcomp", "dobj", "advcl"}:
        return None
    return verb


def _introduces(lead: str) -> bool:
    """Whether the words from a cue to the quotation after it introduce it ('said: "', 'told
    reporters, "') rather than run a reported clause into it ('said that whatever happens, "')."""
    lead = lead.rstrip(" \t\"\u201c'`")
    return lead.endswith(":") or lead.endswith(",") and len(lead.split()) <= 4 and " that " not in lead


def _inverted_speaker(cue):
    """The noun phrase right after a verb that follows its quotation ('"...," added a South
    Carolina Democrat'), when the parse gave it another label than subject (dobj, advmod, ccomp)."""
    doc = cue.doc
    nxt = cue.i + 1
    if nxt >= len(doc) or any(c.dep_ in {"nsubj", "nsubjpass"} for c in cue.children):
        return None
    for c in cue.children:
        if c.i > cue.i and c.left_edge.i == nxt and c.dep_ in {"dobj", "advmod", "ccomp", "npadvmod"} \
                and c.pos_ in {"PROPN", "NOUN", "PRON"}:
            return c
    return None


def _in_subject(doc, cue, q_start: int, q_end: int) -> bool:
    """Whether the quotation q_start..q_end lies inside the phrase of the cue's subject, and that
    subject's head comes before it ("Hemsley, the co-author of "Going Viral," said ...")."""
    words = doc.char_span(q_start, q_end, alignment_mode="expand")
    if words is None or not len(words):
        return False
    last = words.end - 1
    while last > words.start and doc[last].is_punct:
        last -= 1  # the comma inside the marks hangs on the verb
    for subj in cue.children:
        if subj.dep_ in {"nsubj", "nsubjpass"} and subj.idx < q_start \
                and subj.left_edge.i <= words.start and last <= subj.right_edge.i:
            return True
    return False


_DASH_SIGNATURE = re.compile(r"[\"\u201d']*[.,]?[ \t\u00a0]*(\u2015|\u2014|\u2013|--)[ \t\u00a0]*"
                             r"([A-Z][\w.'\-]*(?:[ \t\u00a0]+[A-Z][\w.'\-]*){0,4})")


def _dash(doc, q_start: int, q_end: int, mentions) -> Attribution | None:
    """A quotation signed after a dash: "“...” ― Sonya Herridge"."""
    text = _text(doc)
    m = _DASH_SIGNATURE.match(text, q_end)
    if not m:
        return None
    dash_start, dash_end = m.span(1)
    s_start, s_end = m.span(2)
    s_start, s_end = trim(text, s_start, s_end)
    named = next((x for x in mentions if s_start <= x.start and x.end <= s_end), None)
    content = trim(text, q_start, q_end)
    return Attribution(cue_start=dash_start, cue_end=dash_end, content_start=content[0], content_end=content[1],
                       source=Source(kind=source_kind(named) if named else "person", text=text[s_start:s_end],
                                     start=s_start, end=s_end, entity=named.canonical if named else None),
                       quote="direct", cue=text[dash_start:dash_end], content=text[content[0]:content[1]])


_SIGNED_LINE = re.compile(r"^[ \t\u00a0]*([\"\u201c\u201d'].{8,}?[\"\u201c\u201d'])[ \t\u00a0.,]*"
                          r"(\u2015|\u2014|\u2013|--)[ \t\u00a0]*"
                          r"([A-Z][\w.'\-]*(?:[ \t\u00a0]+[A-Z][\w.'\-]*){0,4})[ \t\u00a0.]*$", re.MULTILINE)


def _signed_lines(doc, mentions) -> list[Attribution]:
    """A paragraph that is a quotation signed after a dash ("“...” ― Sonya Herridge"), whatever
    its quote marks (typography often opens such quotes with a closing mark)."""
    text = _text(doc)
    out = []
    for m in _SIGNED_LINE.finditer(text):
        c_start, c_end = m.span(1)
        d_start, d_end = m.span(2)
        s_start, s_end = trim(text, *m.span(3))
        named = next((x for x in mentions if s_start <= x.start and x.end <= s_end), None)
        out.append(Attribution(cue_start=d_start, cue_end=d_end, content_start=c_start + 1, content_end=c_end - 1,
                               source=Source(kind=source_kind(named) if named else "person", text=text[s_start:s_end],
                                             start=s_start, end=s_end, entity=named.canonical if named else None),
                               quote="direct", cue=text[d_start:d_end], content=text[c_start + 1:c_end - 1]))
    return out


def _colon(doc, q_start: int, q_end: int, mentions) -> Attribution | None:
    """"Kova: 'We did nothing wrong.'": a name and a colon introduce the quote."""
    text = _text(doc)
    line_start = text.rfind("\n", 0, q_start) + 1
    m = re.search(r"([^\n:]{2,80}?)(:)\s*[\"\u201c]?$", text[line_start:q_start])
    if not m:
        return None
    colon = line_start + m.start(2)
    named = [x for x in mentions if line_start <= x.start and x.end <= colon and x.type in {"PERSON", "ORG", "OUTLET"}]
    if not named:
        return None
    who = named[-1]
    content = trim(text, q_start, q_end)
    return Attribution(cue_start=colon, cue_end=colon + 1, content_start=content[0], content_end=content[1],
                       source=Source(kind=source_kind(who), text=who.text, start=who.start, end=who.end,
                                     entity=who.canonical),
                       quote="direct", cue=":", content=text[content[0]:content[1]])


def _cue_in(doc, start: int, end: int, stop_at_sentence: bool = False, last: bool = False,
            scores: dict | None = None):
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None or not len(span):
        return None
    hits = []
    for tok in span:
        if stop_at_sentence and tok.i > span.start and tok.is_sent_start and tok.idx > start + 2:
            break
        if tok.text in {'"', "\u201c", "\u201d"} and hits:
            break
        if tok.lemma_.lower() in SPEECH_LEMMAS and tok.pos_ in {"VERB", "AUX"} or \
                tok.pos_ == "VERB" and scores and scores.get(tok.i, -1e9) > cue_model.load()["threshold"]:
            hits.append(tok)
            if not last:
                break
    return hits[-1] if hits else None


def direct_quotes(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: each quoted passage with the speech verb before or after it; a quote with no verb of
    its own in the paragraph of the last one continues that speaker."""
    out = list(found)
    for q_start, q_end in ctx.quotes:
        rel = _direct(ctx.doc, q_start, q_end, ctx.mentions, out[-1] if out else None, ctx.scores)
        if rel:
            out.append(rel)
    return out


def signed_lines(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: paragraphs that are a quotation signed after a dash, where no relation has that cue yet."""
    taken = {(a.cue_start, a.cue_end) for a in found}
    return found + [h for h in _signed_lines(ctx.doc, ctx.mentions) if (h.cue_start, h.cue_end) not in taken]
