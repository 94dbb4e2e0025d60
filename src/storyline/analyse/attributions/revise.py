"""Revisions every relation found goes through: the cue's extent, the content's edges, sources
that do not speak, groups, roles named before."""
from __future__ import annotations

import re

from dataclasses import replace

from storyline.analyse import content_model
from storyline.analyse import cue_model
from storyline.analyse.attributions.lexicon import ROLE_NOUNS, SPEECH_LEMMAS
from storyline.analyse.attributions.reported import appended_reports, aux_start
from storyline.analyse.attributions.sources import source_at
from storyline.analyse.attributions.spans import DATELINE, QUOTES, cue_span, trim
from storyline.analyse.name_types import HONORIFICS, TITLES
from storyline.analyse.nlp import text_of as _text
from storyline.records import Attribution, Source


_PART_OF = re.compile(r"^(?:\w+|a few|some|several|many|most|all|none|each|both)\s+of\s+(?:them|those|these|the)\b",
                      re.IGNORECASE)


def _with_groups(found: list[Attribution]) -> list[Attribution]:
    """"Two of those diplomats", "one of them": an anonymous source that is part of the group
    of anonymous sources named last before it."""
    out, last_group = [], None
    for a in sorted(found, key=lambda a: a.source.start if a.source and a.source.start is not None else a.cue_start):
        s = a.source
        if s is not None and s.anonymous:
            if _PART_OF.match(s.text) and last_group is not None and last_group.text != s.text:
                a = replace(a, source=replace(s, group=last_group.text))
            elif not _PART_OF.match(s.text):
                last_group = s
        out.append(a)
    return out


_THE_ROLE = re.compile(r"(?:the|The) ([a-z]+)$")


def _same_role(found: list[Attribution], text: str) -> list[Attribution]:
    """"The spokeswoman added ...": a bare role left unresolved is the source the text last described
    with that role, in its own phrase or right beside it ("Maria Lopez, a spokeswoman for Ilse Kova,
    said ...", "her spokeswoman, Maria Lopez, who said ..."), and speaks for whom it did."""
    out = list(found)
    order = sorted(range(len(out)), key=lambda k: out[k].cue_start)
    for n, k in enumerate(order):
        s = out[k].source
        m = _THE_ROLE.fullmatch(s.text) if s is not None and s.entity is None and s.kind == "person" else None
        if m is None or m.group(1) not in ROLE_NOUNS:
            continue
        word = m.group(1)
        inside = re.compile(r",\s+(?:a|an|the|his|her|their)\s+(?:\w+\s+){0,2}%s\b" % word)  # "X, a spokeswoman for Y"
        before = re.compile(r"\b%s,\s*$" % word)  # "her spokeswoman, X"
        earlier = next((e for e in (out[j].source for j in reversed(order[:n]))
                        if e is not None and e.entity is not None and e.start is not None
                        and (inside.search(e.text) or before.search(text, max(0, e.start - 40), e.start))), None)
        if earlier is not None:
            out[k] = replace(out[k], source=replace(s, entity=earlier.entity,
                                                    on_behalf_of=s.on_behalf_of or earlier.on_behalf_of))
    return out


def _finished(doc, a: Attribution, mentions) -> Attribution:
    """The last steps every relation found goes through, in this order: auxiliaries join the cue,
    the content's edges are placed (content_model) and a dateline kept out of it, a parse slip's missing speaker is filled in,
    subjects that do not speak are cleared, the one who feels speaks for a verb of feeling, and the
    cue runs on to its content."""
    a = _without_dateline(doc, content_model.revise(doc, with_auxiliaries(doc, a)))
    a = _without_addressee(doc, a)
    a = _without_appended(doc, a)
    a = _unsourced(doc, _adjacent_speaker(doc, a, mentions))
    a = _experiencer(doc, a, mentions)
    return _cue_to_content(doc, a)


def _without_dateline(doc, a: Attribution) -> Attribution:
    """A content that opens the story keeps out its dateline ("WASHINGTON (AP) — Trump has ...":
    train, 7 of ours began so, none of PolNeAR's)."""
    if not content_model.ACTIVE:
        return a  # scripts/train_content.py learns from the rules' own contents, as the rankers see them
    m = DATELINE.match(_text(doc), a.content_start)
    if m is None or m.end() >= a.content_end:
        return a
    return replace(a, content_start=m.end(), content=_text(doc)[m.end():a.content_end])


_TELLING = {"tell", "inform", "assure", "notify", "remind", "advise"}


def _without_addressee(doc, a: Attribution) -> Attribution:
    """A content after "told" starts past the one told and when ("lawmakers told BuzzFeed News
    Wednesday suspected terrorists have ...": the parse made "suspected" a verb of "told", and
    the content took in "BuzzFeed News Wednesday")."""
    if not content_model.ACTIVE:
        return a  # as _without_dateline: the rankers learn from the rules' own contents
    cue = doc.char_span(a.cue_start, a.cue_end, alignment_mode="expand")
    if cue is None or a.content_start < a.cue_end:
        return a
    verb = next((t for t in cue if t.lemma_.lower() in _TELLING), None)
    told = next((c for c in verb.children if c.dep_ in {"dobj", "dative"} and c.i > verb.i), None) if verb else None
    if told is None or not (told.left_edge.idx <= a.content_start <= told.idx):
        return a
    k = told.right_edge.i + 1
    while k < len(doc) and doc[k].head.i == verb.i and doc[k].dep_ in {"npadvmod", "advmod", "punct"} \
            and not doc[k].is_sent_start:
        k = doc[k].right_edge.i + 1
    if k >= len(doc) or doc[k].idx >= a.content_end:
        return a
    start = doc[k].idx
    return replace(a, content_start=start, content=_text(doc)[start:a.content_end])


def _without_appended(doc, a: Attribution) -> Attribution:
    """A content ends before a claim noun put after it that another source disputes ("blamed the
    storm, an account that dockworkers rejected"): that clause is theirs (`_disputed`)."""
    if not content_model.ACTIVE:
        return a  # as _without_dateline: the rankers learn from the rules' own contents
    span = doc.char_span(a.content_start, a.content_end, alignment_mode="contract")
    noun = next((t for t in span if appended_reports(t) and t.left_edge.i - 1 > span.start), None) if span else None
    if noun is None:
        return a
    end = trim(_text(doc), a.content_start, doc[noun.left_edge.i - 1].idx)[1]
    return replace(a, content_end=end, content=_text(doc)[a.content_start:end]) if end > a.content_start else a


_IMPRESSIONS = {"seem", "appear"}
_LOOKS = {"sound", "look"}
_EXPLETIVES = {"it", "there", "this", "that", "which", "who"}


def _unsourced(doc, a: Attribution) -> Attribution:
    """Cues whose subject is not who speaks. "Mr. Trump seemed to overstay his welcome" is the
    writer's impression of Mr. Trump: no source, and the subject is part of what is said (PolNeAR
    train: 153 of 199 seem/appear cues). "Asked whether ..., Kova said" and "she was asked about":
    the asker is unnamed (train: 95 of 123 participles and passives), not the one who answers."""
    span = cue_span(doc, a)
    if span is None or a.source is None:
        return a
    head = span.root
    lemma = head.lemma_.lower()
    kids = list(head.children)
    if lemma == "ask":
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in kids)
        bare = head.dep_ == "advcl" and not any(c.dep_ == "nsubj" for c in kids)
        asker = any(c.dep_ == "agent" for c in kids)  # "asked by host John Dickerson whether ..."
        return replace(a, source=None) if (passive or bare) and not asker else a
    if _passive_subject_speaks(head, a.source) is False:
        return replace(a, source=None)
    if lemma in _LOOKS and head.pos_ == "VERB" and any(
            c.i > head.i and (c.dep_ in {"acomp", "attr", "oprd"} or c.dep_ == "prep" and c.lower_ == "like")
            for c in kids):
        lemma = "seem"  # "Trump sounds presidential", "she looks like a winner": as "seems"
    if lemma not in _IMPRESSIONS or head.pos_ != "VERB":
        return a
    subj = next((c for c in kids if c.dep_ == "nsubj"), None)
    comp = next((c for c in kids if c.i > head.i and c.dep_ in {"xcomp", "acomp", "oprd", "prep", "attr"}), None)
    if subj is None or comp is None or subj.lower_ in _EXPLETIVES or subj.i > head.i:
        return replace(a, source=None)  # "it seems the public ...", "the team appeared paralyzed"
    text = _text(doc)
    start, end = trim(text, subj.left_edge.idx, max(comp.right_edge.idx + len(comp.right_edge.text), a.content_end))
    if end <= start:
        return replace(a, source=None)
    return replace(a, source=None, content_start=start, content_end=end, content=text[start:end])


def _adjacent_speaker(doc, a: Attribution, mentions) -> Attribution:
    """A cue left with no source by a slip of the parse takes the name or pronoun just before it in
    its sentence, outside the content, with the phrase that name heads ("Gay Republicans in Ohio are
    also especially pumped to ...", '"...," she says' read as one clause). Runs before _unsourced,
    which still clears it where the subject is not who speaks ("seemed", "was asked")."""
    if a.source is not None:
        return a
    cue = cue_span(doc, a)
    if cue is None or cue.start == 0:
        return a
    t = doc[cue.start - 1]
    if t.pos_ not in {"PROPN", "PRON"} or t.ent_type_ in {"DATE", "TIME"} or t.is_sent_end or \
            cue[0].is_sent_start or a.content_start <= t.idx < a.content_end:
        return a
    top = t
    while top.head.i != top.i and top.head.i < cue.start and \
            top.dep_ in {"pobj", "prep", "compound", "poss", "amod", "conj", "appos"}:
        top = top.head
    source = source_at(doc, top, cue.root, mentions)
    if source.start is None or source.end > a.cue_start or (source.start < a.content_end and
                                                             a.content_start < source.end):
        return a
    return replace(a, source=source)


GAP_ACTIVE = True  # scripts/train_cue_gap.py switches it off to see the cues as found


def _cue_to_content(doc, a: Attribution) -> Attribution:
    """A cue that stops short of the content after it takes in the words between them when the gap
    model says they are part of it ("expressed concern about", "are split on"; see
    cue_model.gap_words)."""
    weights = cue_model.load_gap() if GAP_ACTIVE else {}
    if not weights:
        return a
    source_start = a.source.start if a.source is not None else None
    words = cue_model.gap_words(doc, a.cue_start, a.cue_end, a.content_start, source_start)
    if not words or cue_model.score(weights, cue_model.gap_features(doc, a.cue_start, a.cue_end, words)) <= 0:
        return a
    end = words[-1].idx + len(words[-1].text)
    return replace(a, cue_end=end, cue=_text(doc)[a.cue_start:end])


# Verbs of feeling whose object (or passive subject) is the one who feels: "That rattled Rubio",
# "FBI officials were angered by the deal" (Levin's amuse class, less the verbs whose object
# mostly does not feel: "encouraged students", "the crowd cheered his attacks")
_PSYCH = set("""
amuse anger annoy alarm appall astonish astound baffle bother concern confuse convince delight depress
disappoint disgust dismay disturb embarrass enrage exasperate excite fascinate frighten frustrate gratify
horrify impress infuriate intimidate intrigue irritate offend outrage perplex puzzle rattle reassure relieve
scare shock sadden startle stun surprise terrify thrill trouble unnerve upset worry
""".split())


def _experiencer(doc, a: Attribution, mentions) -> Attribution:
    """A cue of feeling speaks for whoever feels: its object ("rattled Rubio") or, in the passive,
    its subject ("were angered by the deal"); what caused the feeling is the content."""
    span = cue_span(doc, a)
    if span is None or span.root.lemma_.lower() not in _PSYCH or span.root.pos_ != "VERB":
        return a
    verb = span.root
    kids = list(verb.children)
    feels = next((c for c in kids if c.dep_ == "nsubjpass"), None) or next((c for c in kids if c.dep_ == "dobj"), None)
    if feels is None or feels.lower_ in _EXPLETIVES:
        return a
    source = source_at(doc, feels, verb, mentions)
    cause = next((c for c in kids if c.dep_ == "nsubj"), None) if feels.dep_ == "dobj" else \
        next((g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if cause is None or cause.lower_ in _EXPLETIVES:
        if source.start < a.content_end and a.content_start < source.end:
            return a
        return replace(a, source=source)
    text = _text(doc)
    start, end = trim(text, cause.left_edge.idx, cause.right_edge.idx + len(cause.right_edge.text))
    if end <= start or start < source.end and source.start < end:
        return a
    return replace(a, source=source, content_start=start, content_end=end, content=text[start:end])


def _passive_subject_speaks(verb, source: Source) -> bool | None:
    """False when `source` is the subject of a passive cue with no agent ("Mr. Sanders has been
    criticized for ...", "he was told that ..."): the one spoken of, not the one speaking, unless
    the training data counts the passive subject as this cue's usual source ("were reassured").
    None when the rule does not apply. "He's said" parses as a passive too: "'s" is kept."""
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    aux = [c for c in verb.children if c.dep_ == "auxpass"]
    if not aux or any(c.dep_ in {"agent", "nsubj"} for c in verb.children) or source.start is None \
            or any(c.lower_ in {"'s", "\u2019s"} for c in aux):
        return None
    # with no subject of its own ("He is scheduled to speak but is not expected to ..."), the
    # subject it borrows is as much the one spoken of
    if subj is not None and not (subj.left_edge.idx <= source.start < subj.right_edge.idx + len(subj.right_edge.text)):
        return None
    counts = cue_model.load()["source_paths"].get(verb.lemma_.lower()) or {}
    if counts and max(counts, key=counts.get) == "|nsubjpass":
        return None
    return False


_CONNECTIVE = re.compile(r"(?:But|And|Yet|So|Still|However|Instead)\b,?\s+")


def _without_connective(doc, a: Attribution) -> Attribution:
    """"But in recent days, advisers say, the president has ...": the connective ties the
    sentence to the one before; it is not part of what was said."""
    if a.quote == "direct":
        return a
    m = _CONNECTIVE.match(_text(doc), a.content_start, a.content_end)
    if not m or m.end() >= a.content_end:
        return a
    return replace(a, content_start=m.end(), content=_text(doc)[m.end():a.content_end])


_PREDICATE_TAIL = {"oprd", "prep", "advmod", "npadvmod", "xcomp", "ccomp", "acomp", "dative", "advcl", "dobj"}


def _whole_predicate(doc, a: Attribution) -> Attribution:
    """An object's content runs on over what the cue says of it: "called the decision a huge
    win", "accused the government of intimidating the families", "blasted him for not paying"."""
    cue = doc.char_span(a.cue_start, a.cue_end, alignment_mode="expand")
    content = doc.char_span(a.content_start, a.content_end, alignment_mode="expand")
    if cue is None or content is None or not len(cue) or not len(content):
        return a
    verb, obj = cue.root, content.root
    if obj.dep_ not in {"dobj", "obj"} or obj.head.i != verb.i:
        return a
    end_tok = content[-1]
    for c in sorted(c for c in verb.children if c.i > end_tok.i):
        if c.dep_ not in _PREDICATE_TAIL or doc[c.left_edge.i - 1].text in {",", ";", "--", "\u2014"}:
            break
        end_tok = c.right_edge
    start, end = trim(_text(doc), a.content_start, end_tok.idx + len(end_tok.text))
    if end <= a.content_end:
        return a
    return replace(a, content_end=end, content=_text(doc)[a.content_start:end])


def with_auxiliaries(doc, a: Attribution) -> Attribution:
    """A cue reaches over the words next to its head that the training data counts as part of
    it ("has said", "did not mention", "also said", "called for", "said:"); without the model,
    over auxiliaries and negation."""
    span = doc.char_span(a.cue_start, a.cue_end, alignment_mode="expand")
    if span is None or span.root.pos_ not in {"VERB", "AUX", "NOUN"}:
        return a
    verb = span.root
    model = cue_model.load()
    if model["extent_weights"]:
        return _with_extent_model(doc, a, span, model["extent_by_class"])
    extent = model["extent"]
    lo, hi = span.start, span.end - 1
    if not extent:
        start = aux_start(verb)
        return a if start >= a.cue_start else replace(a, cue_start=start, cue=_text(doc)[start:a.cue_end])
    for c in sorted((c for c in verb.children if c.i < lo), key=lambda c: -c.i):
        if c.i == lo - 1 and cue_model.reaches(extent, verb, c, "L"):
            lo = c.i
        else:
            break
    for c in sorted(c for c in verb.children if c.i > hi):
        if c.i == hi + 1 and cue_model.reaches(extent, verb, c, "R") and \
                not (a.content_start <= c.idx < a.content_end):
            hi = c.i
        else:
            break
    start, end = min(doc[lo].idx, a.cue_start), max(doc[hi].idx + len(doc[hi].text), a.cue_end)
    if (start, end) == (a.cue_start, a.cue_end):
        return a
    return replace(a, cue_start=start, cue_end=end, cue=_text(doc)[start:end])


def _with_extent_model(doc, a: Attribution, span, by_class) -> Attribution:
    """The cue's extent as the learned extent model reads the words around its head: "has
    sharply criticized", "said in a statement", "made the case for", "called Friday for";
    never over the content's or the source's words, quote marks or spaces. The rules' own span
    ("according to", "called for") is kept and grown from."""
    head = span.root
    taken = [(a.content_start, a.content_end)]
    if a.source is not None and a.source.start is not None:
        taken.append((a.source.start, a.source.end))

    def clash(rng) -> bool:
        lo, hi = doc[rng[0]].idx, doc[rng[1]].idx + len(doc[rng[1]].text)
        return any(lo < e and s < hi for s, e in taken) or QUOTES.search(_text(doc), lo, hi) is not None \
            or doc[rng[0]].is_space or doc[rng[1]].is_space

    def decide(child, side, word, phrase) -> str:
        with_prep = cue_model.extent_word_prep(child, side)
        allowed = cue_model.EXTENT_CLASSES if with_prep else ("out", "word", "phrase")
        cls = cue_model.extent_class(by_class, cue_model.extent_features(head, child, side), allowed)
        if cls == "phrase" and clash(phrase):
            cls = "word+prep" if with_prep and not clash(with_prep) else "word"
        if cls == "word+prep" and clash(with_prep):
            cls = "word"
        if cls == "word" and clash(word):
            cls = "out"
        return cls
    lo, hi = cue_model.grow_extent(head, decide, span.start, span.end - 1)
    start, end = min(doc[lo].idx, a.cue_start), max(doc[hi].idx + len(doc[hi].text), a.cue_end)
    if (start, end) == (a.cue_start, a.cue_end):
        return a
    return replace(a, cue_start=start, cue_end=end, cue=_text(doc)[start:end])


def predicates(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: an object's content runs over what the cue says of it; a leading connective goes."""
    return [_without_connective(ctx.doc, _whole_predicate(ctx.doc, a)) for a in found]


def groups(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: "two of those diplomats" is part of the anonymous group named before it."""
    return _with_groups(found)


def finish(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: the last steps of each relation (`_finished`)."""
    return [_finished(ctx.doc, a, ctx.mentions) for a in found]


def same_role(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: a bare role ("the spokeswoman") is who the text last described with that role."""
    return _same_role(found, ctx.text)


# Marks that make a cue by the page's layout, not by a word: "Kova: ...", "... - Kova".
_LAYOUT_CUES = {":", "-", "--", "\u2013", "\u2014", "\u2015"}
_WH = {"who", "what", "which"}


def speakers_that_speak(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: a relation needs someone who can speak. A caption's label before a colon ("Lonely:
    Kai the Shar-Pei was found at Ayr station", "Untimely: ...") is no speaker: a layout cue whose
    source holds no name, noun, number or pronoun goes. "Who would have thought that ...?" asks,
    it attributes nothing. A word before an honorific is not part of who speaks ("Delighted Mrs
    Smith said" is Mrs Smith)."""
    doc = ctx.doc
    out = []
    for a in found:
        s = a.source
        span = doc.char_span(s.start, s.end, alignment_mode="expand") if s is not None and s.start is not None else None
        if span is None or not len(span):
            out.append(a)
            continue
        if a.cue.strip() in _LAYOUT_CUES and s.entity is None and not any(
                t.ent_type_ or t.pos_ in {"PROPN", "PRON", "NOUN", "NUM"} for t in span):
            continue
        if len(span) == 1 and span[0].lower_ in _WH and span.sent.text.rstrip().endswith("?"):
            continue
        if len(span) > 2 and span[0].is_title and span[0].lower_.rstrip(".") not in HONORIFICS | TITLES \
                and span[1].lower_.rstrip(".") in HONORIFICS:
            start = span[1].idx
            a = replace(a, source=replace(s, start=start, text=_text(doc)[start:s.end]))
        out.append(a)
    return out


_RELATIVE_REPORT = re.compile(r"(?:which|that|who)\s+(\w+)\s+(?:that\s+)?", re.IGNORECASE)
_RELATIVE_TAIL = re.compile(r",\s+(?:which|who)\s")
_RELATIVE_AFTER = re.compile(r"(?:which|who)\s[^,;:\n]*,\s*", re.IGNORECASE)


def relative_clauses(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: a relative clause at the edge of a relation. A content that opens on a report's own
    relative clause ("refuted newspaper reports which suggested it was about to issue an Asbo")
    is what the reports suggested ("it was about to issue an Asbo"). A clause on the source is no
    part of what it says ("According to the Department of Homeland Security, which has been
    rebutting similar claims for weeks, that's bogus": "that's bogus")."""
    doc, text = ctx.doc, ctx.text
    out = []
    for a in found:
        m = _RELATIVE_REPORT.match(a.content)
        if m and a.content_start > a.cue_start:
            verb = doc.char_span(a.content_start + m.start(1), a.content_start + m.end(1))
            if verb is not None and len(verb) == 1 and verb[0].lemma_.lower() in SPEECH_LEMMAS | {"suggest", "allege"} \
                    and len(a.content) - m.end() > 12:
                start = a.content_start + m.end()
                a = replace(a, content_start=start, content=text[start:a.content_end])
        s = a.source
        tail = _RELATIVE_TAIL.search(s.text) if s is not None and s.start is not None else None
        name_end = s.start + tail.start() if tail else (s.end if s is not None else None)
        clause = _RELATIVE_AFTER.match(a.content)
        if clause and name_end is not None and name_end <= a.content_start \
                and not text[name_end:a.content_start].strip(" ,") and len(a.content) - clause.end() > 3:
            start = a.content_start + clause.end()  # "X, which has ..., that is bogus": "that is bogus"
            a = replace(a, content_start=start, content=text[start:a.content_end])
        out.append(a)
    return out
