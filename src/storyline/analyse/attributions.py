"""Attributions: who said what, as source / cue / content spans with a `Source` record.

Three shapes are found, in this order, over the dependency parse:
  - direct quotes: a quoted span and the speech verb next to it, before or after
    ("...," Kova said.  /  Kova said: "...").  A quote running over several sentences
    or paragraphs is one content;
  - reported speech: a speech or report verb with a clausal complement
    ("officials said that ...", "the Herald reported officials had ...", "X told Z that ...");
    nested reports give one relation each, the outer content holding the inner one;
  - verbless attributions: "according to X", "X's account".
Denials ("X denied that P", "X rejected reports that P") keep P as content with `negated`.
The source is resolved to the article's entities: names, pronouns and descriptions
("the spokesman", "the minister") to the latest fitting person; groups of unnamed
people become anonymous sources with count and affiliation; "a lawyer for X",
"through her spokeswoman" speak on behalf of X.
"""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import replace

from storyline import models
from storyline.analyse import content_model, cue_model
from storyline.analyse.mentions import NAME_LABELS
from storyline.analyse.nlp import text_of as _text
from storyline.records import Attribution, Mention, Source

__all__ = ["attributions", "cleft", "SPEECH_LEMMAS", "DENIAL_LEMMAS"]

SPEECH_LEMMAS = set("""
say tell add deny acknowledge confirm report claim insist warn write state announce explain argue admit
reject dispute assert allege contend maintain note observe remark reply respond answer declare disclose
reveal testify suggest predict promise vow pledge estimate recall recount describe complain concede
comment caution stress emphasize emphasise repeat reiterate indicate signal hint speculate assure boast
acknowledge concede agree accuse charge blame question doubt believe think fear hope expect conclude
find show tweet post announce retract recant dismiss refute
""".split())
STANCE_LEMMAS = set("""
criticize criticise praise endorse support back urge thank call want prefer oppose condemn blast slam attack
express discuss mention question ask welcome applaud reject dismiss demand propose recommend favor favour
""".split())
DENIAL_LEMMAS = {"deny", "reject", "dispute", "refute", "dismiss", "retract", "recant"}
# Verbs that report only with a clausal complement (their bare objects are not contents).
_NEEDS_CLAUSE = {"believe", "think", "fear", "hope", "expect", "find", "show", "question", "doubt", "agree",
                 "conclude", "indicate", "signal", "suggest", "note", "observe", "add", "recall", "describe",
                 "charge", "accuse", "blame", "answer", "reply", "respond", "comment", "post", "write"}
_GROUP_NOUNS = set("""
official officials source sources people person diplomat diplomats aide aides officer officers lawmaker
lawmakers executive executives employee employees analyst analysts insider insiders adviser advisers
advisor advisors investigator investigators prosecutor prosecutors staffer staffers member members
resident residents witness witnesses expert experts observer observers individual individuals colleague
colleagues associate associates worker workers legislator legislators negotiator negotiators
""".split())
_ROLE_NOUNS = set("""
spokesman spokeswoman spokesperson lawyer attorney minister secretary president director chairman
chairwoman chair governor mayor senator ambassador admiral general prosecutor judge chief ceo manager
adviser advisor aide commissioner inspector leader head candidate founder owner counsel representative
""".split())
_SPOKES = {"spokesman", "spokeswoman", "spokesperson", "lawyer", "attorney", "counsel", "representative",
           "aide", "adviser", "advisor"}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "another": 1,
            "dozen": 12, "both": 2}
_RANKS = {"senior", "junior", "top", "current", "former", "high", "high-ranking", "ranking", "several",
          "many", "some", "other", "few", "anonymous", "unnamed", "knowledgeable", "familiar", "more", "most",
          "administration", "government"}
_DOCUMENTS = {"report", "filing", "record", "document", "letter", "statement", "memo", "memorandum", "email",
              "transcript", "poll", "survey", "study", "ruling", "complaint", "lawsuit", "indictment", "minutes",
              "log", "diary", "file", "papers", "analysis", "audit"}
_PRONOUNS = {"he", "she", "they", "him", "her", "it", "we", "i", "you"}
# '' : paired apostrophes, as some newspapers print quotes; of three ("Obama,'''") the last two close
_QUOTES = re.compile(r"[\"\u201c\u201d]|''(?!')")
_OPEN = {'"', "\u201c", "''"}


def attributions(doc, mentions: list[Mention] | None = None) -> list[Attribution]:
    """Every attribution relation in `doc`, with sources resolved against `mentions`."""
    _text(doc)  # built once (nlp.paragraphs keeps it) for every pass below
    mentions = sorted(mentions or [], key=lambda m: m.start)
    found: list[Attribution] = []
    quotes = _quote_spans(_text(doc))
    scores = cue_model.cue_scores(doc, quotes)
    covered: list[tuple[int, int]] = []
    for q_start, q_end in quotes:
        rel = _direct(doc, q_start, q_end, mentions, found[-1] if found else None, scores)
        if rel:
            found.append(rel)
            covered.append((rel.cue_start, rel.cue_end))
    cues_done = {c for c in covered}
    # Each token's lemma, part of speech, lower case and span, read once for the four passes below.
    lemmas, tags, lowers, spans = [], [], [], []
    for tok in doc:
        lemmas.append(tok.lemma_.lower())
        tags.append(tok.pos_)
        lowers.append(tok.lower_)
        spans.append((tok.idx, tok.idx + len(tok.text)))
    for i, lemma in enumerate(lemmas):
        if lemma not in SPEECH_LEMMAS or tags[i] not in {"VERB", "AUX"} and doc[i] not in _appended(doc[i].head):
            continue  # ("P, a claim that Gowdy's office disputes": the parse may tag it a noun)
        if spans[i] in cues_done:
            continue
        rel = _reported(doc, doc[i], quotes, mentions)
        if rel:
            found.append(rel)
    done = {(a.cue_start, a.cue_end) for a in found}
    learned = learned_cues()
    for i, lemma in enumerate(lemmas):
        if tags[i] == "VERB" and lemma not in SPEECH_LEMMAS and lemma not in STANCE_LEMMAS \
                and learned.get(lemma, 0.0) >= 0.5 and spans[i] not in done:
            rel = _learned(doc, doc[i], quotes, mentions)
            if rel:
                found.append(rel)
    for i, lemma in enumerate(lemmas):
        if lemma in STANCE_LEMMAS and tags[i] == "VERB" and spans[i] not in done:
            rel = _stance(doc, doc[i], quotes, mentions)
            if rel:
                found.append(rel)
    for i, lower in enumerate(lowers):
        if lower == "according" and i + 1 < len(lowers) and lowers[i + 1] == "to":
            rel = _according(doc, doc[i], mentions)
            quoted = next((j for j, a in enumerate(found) if a.cue_start == rel.cue_start), None) if rel else None
            if quoted is not None:
                # 'According to the paper, "..."': the quote found this cue first, with no subject
                # to speak it; one relation, its source the one the paper is
                found[quoted] = replace(found[quoted], source=found[quoted].source or rel.source,
                                        cue_end=max(found[quoted].cue_end, rel.cue_end),
                                        cue=_text(doc)[rel.cue_start:max(found[quoted].cue_end, rel.cue_end)])
            elif rel:
                found.append(rel)
        elif lower in {"in", "by"} and doc[i].dep_ == "prep":
            rel = (_in_survey(doc, doc[i], mentions) if lower == "in" else None) or _by_account(doc, doc[i], mentions)
            if rel:
                found.append(rel)
    taken = {(a.cue_start, a.cue_end) for a in found}
    found.extend(h for h in _headline_colons(doc, mentions) if (h.cue_start, h.cue_end) not in taken)
    taken = {(a.cue_start, a.cue_end) for a in found}
    found.extend(h for h in _signed_lines(doc, mentions) if (h.cue_start, h.cue_end) not in taken)
    found = _with_model(doc, found, quotes, mentions, scores)
    found = [_without_connective(doc, _whole_predicate(doc, a)) for a in found]
    found = _with_groups(found)
    found = [_finished(doc, a, mentions) for a in found]
    found = [_answered(doc, a, mentions) for a in found]
    found = _same_role(found, _text(doc))
    cues = {(a.cue_start, a.cue_end) for a in found}
    found.extend(rel for rel in (_answer(doc, doc[i], mentions) for i, lemma in enumerate(lemmas)
                                 if lemma in _ANSWER_VERBS and spans[i] not in cues) if rel is not None)
    found.extend(_title_cues(doc, mentions, found))  # read from their own parse: not revised
    found.sort(key=lambda a: (a.content_start, a.cue_start))
    return found


_TITLE_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")


def _title_cues(doc, mentions, found) -> list[Attribution]:
    """A headline in title case ("Sanders Vows To Eliminate Tax Breaks") parses badly: its verbs
    come out as names. The first line, when it is such a headline and holds no cue yet, is parsed
    again with the words outside the names lowercased, and read by the cue model there."""
    text = _text(doc)
    end = text.find("\n")
    if end <= 0 or text[:1].isspace() or any(a.cue_start < end for a in found):
        return []
    line = text[:end]
    words = _TITLE_WORD.findall(line)
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.7 * len(words):
        return []
    # the parser's names, not the mentions: a title-case first line lends no mentions (see mentions.py)
    names = [(e.start_char, e.end_char) for e in doc.ents if e.end_char <= end and e.label_ in NAME_LABELS]
    chars = list(line)
    for m in _TITLE_WORD.finditer(line):
        if m.start() > 0 and not any(s <= m.start() < e for s, e in names) and not m.group().isupper():
            chars[m.start()] = chars[m.start()].lower()
    lowered = "".join(chars)
    if len(lowered) != len(line) or lowered == line:
        return []
    from storyline.analyse import nlp as nlp_loader
    low = nlp_loader.load()(lowered)
    scores = cue_model.cue_scores(low, [])
    threshold = cue_model.load()["threshold"]
    out = []
    for i, value in sorted(scores.items(), key=lambda kv: -kv[1]):
        if value <= threshold or not low[i].is_alpha:
            continue
        rel = _from_paths(low, low[i], [], mentions) or _fallback(low, low[i], [], mentions)
        if rel is None:
            continue
        rel = _with_auxiliaries(low, rel)
        source = rel.source
        if source is not None and source.start is not None:
            source = replace(source, text=text[source.start:source.end])
        out.append(replace(rel, cue=text[rel.cue_start:rel.cue_end], content=text[rel.content_start:rel.content_end],
                           source=source))
        break  # one cue per headline
    return out


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
        span = _cue_span(doc, a)
        head = span.root.i if span is not None else None
        if head is not None and head in scores and scores[head] < threshold - KEEP_MARGIN \
                and doc[head].is_alpha \
                and not _sure_report(doc[head], a):  # a colon or dash cue comes from the layout, not from the words
            continue
        kept.append(a)
        if span is not None:
            heads.update(t.i for t in span)
    for i, value in sorted(scores.items()):
        if value <= threshold + ADD_MARGIN or i in heads or _unsaid(doc[i]):
            continue
        rel = _from_paths(doc, doc[i], quotes, mentions) or _introduced(doc, doc[i], mentions)
        if rel is None and value > threshold + FALLBACK_MARGIN:
            rel = _fallback(doc, doc[i], quotes, mentions)
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
    noun's disputing clause (`_appended`)."""
    lemma = head.lemma_.lower()
    if head in _appended(head.head):
        return True  # "P, a claim the unions dispute": rare in PolNeAR, and a denial a reader needs
    if lemma == "say" and head.dep_ == "relcl" and head.head.pos_ == "PROPN" \
            and any(c.dep_ == "ccomp" for c in head.children) \
            and any(c.dep_ == "nsubj" and c.lower_ == "who" for c in head.children):
        return True
    return (lemma in _NESTED_REPORTS and a.source is not None and head.dep_ == "ccomp"
            and head.head.lemma_.lower() in SPEECH_LEMMAS)


FALLBACK_MARGIN = 6.0  # chosen on PolNeAR dev among 0, 3, 6


def _fallback(doc, tok, quotes, mentions) -> Attribution | None:
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
        source = _source_at(doc, agent, tok, mentions)
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
    start, end = _trim(text, doc[span[0]].idx, doc[span[1]].idx + len(doc[span[1]].text))
    if end - start < 3 or (start <= tok.idx < end):
        return None
    if source is None:
        src = _by_paths(tok, cue_model.load()["source_paths"], skip={"~"})
        source = _source_at(doc, src[1], tok, mentions) if src is not None and src[1] is not None \
            else _source_of(doc, tok, mentions)
    if source is not None and source.start is not None and source.start < end and start < source.end:
        source = None
    inside = text[start:end]
    return Attribution(cue_start=tok.idx, cue_end=tok.idx + len(tok.text), content_start=start, content_end=end,
                       source=source, quote="mixed" if _QUOTES.search(inside) else "indirect", cue=tok.text,
                       content=inside, kind="speech" if tok.lemma_.lower() in SPEECH_LEMMAS else "stance")


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
    start, end = _trim(text, begin, stop if stop >= 0 else len(text))
    if end - start < 8:
        return None
    inside = text[start:end]
    direct = text[begin:begin + 1] in _OPEN | {"\u201d"} and _QUOTES.search(text[end:end + 2]) is not None
    return Attribution(cue_start=tok.idx, cue_end=colon.idx + 1, content_start=start, content_end=end,
                       source=_source_of(doc, tok, mentions), quote="direct" if direct else "indirect",
                       cue=text[tok.idx:colon.idx + 1], content=inside,
                       kind="speech" if tok.lemma_.lower() in SPEECH_LEMMAS else "stance")


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
        if m is None or m.group(1) not in _ROLE_NOUNS:
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
    a = _without_dateline(doc, content_model.revise(doc, _with_auxiliaries(doc, a)))
    a = _without_appended(doc, a)
    a = _unsourced(doc, _adjacent_speaker(doc, a, mentions))
    a = _experiencer(doc, a, mentions)
    return _cue_to_content(doc, a)


def _without_dateline(doc, a: Attribution) -> Attribution:
    """A content that opens the story keeps out its dateline ("WASHINGTON (AP) — Trump has ...":
    train, 7 of ours began so, none of PolNeAR's)."""
    if not content_model.ACTIVE:
        return a  # scripts/train_content.py learns from the rules' own contents, as the rankers see them
    m = _DATELINE.match(_text(doc), a.content_start)
    if m is None or m.end() >= a.content_end:
        return a
    return replace(a, content_start=m.end(), content=_text(doc)[m.end():a.content_end])


def _without_appended(doc, a: Attribution) -> Attribution:
    """A content ends before a claim noun put after it that another source disputes ("blamed the
    storm, an account that dockworkers rejected"): that clause is theirs (`_disputed`)."""
    if not content_model.ACTIVE:
        return a  # as _without_dateline: the rankers learn from the rules' own contents
    span = doc.char_span(a.content_start, a.content_end, alignment_mode="contract")
    noun = next((t for t in span if _appended(t) and t.left_edge.i - 1 > span.start), None) if span else None
    if noun is None:
        return a
    end = _trim(_text(doc), a.content_start, doc[noun.left_edge.i - 1].idx)[1]
    return replace(a, content_end=end, content=_text(doc)[a.content_start:end]) if end > a.content_start else a


def _cue_span(doc, a: Attribution):
    """The tokens of `a`'s cue; None when its characters cover none."""
    span = doc.char_span(a.cue_start, a.cue_end, alignment_mode="expand")
    return span if span is not None and len(span) else None


_IMPRESSIONS = {"seem", "appear"}
_LOOKS = {"sound", "look"}
_EXPLETIVES = {"it", "there", "this", "that", "which", "who"}


def _unsourced(doc, a: Attribution) -> Attribution:
    """Cues whose subject is not who speaks. "Mr. Trump seemed to overstay his welcome" is the
    writer's impression of Mr. Trump: no source, and the subject is part of what is said (PolNeAR
    train: 153 of 199 seem/appear cues). "Asked whether ..., Kova said" and "she was asked about":
    the asker is unnamed (train: 95 of 123 participles and passives), not the one who answers."""
    span = _cue_span(doc, a)
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
    start, end = _trim(text, subj.left_edge.idx, max(comp.right_edge.idx + len(comp.right_edge.text), a.content_end))
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
    cue = _cue_span(doc, a)
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
    source = _source_at(doc, top, cue.root, mentions)
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
    span = _cue_span(doc, a)
    if span is None or span.root.lemma_.lower() not in _PSYCH or span.root.pos_ != "VERB":
        return a
    verb = span.root
    kids = list(verb.children)
    feels = next((c for c in kids if c.dep_ == "nsubjpass"), None) or next((c for c in kids if c.dep_ == "dobj"), None)
    if feels is None or feels.lower_ in _EXPLETIVES:
        return a
    source = _source_at(doc, feels, verb, mentions)
    cause = next((c for c in kids if c.dep_ == "nsubj"), None) if feels.dep_ == "dobj" else \
        next((g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if cause is None or cause.lower_ in _EXPLETIVES:
        if source.start < a.content_end and a.content_start < source.end:
            return a
        return replace(a, source=source)
    text = _text(doc)
    start, end = _trim(text, cause.left_edge.idx, cause.right_edge.idx + len(cause.right_edge.text))
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
    start, end = _trim(_text(doc), a.content_start, end_tok.idx + len(end_tok.text))
    if end <= a.content_end:
        return a
    return replace(a, content_end=end, content=_text(doc)[a.content_start:end])


def _run_around(head: int, indices: set[int]) -> tuple[int, int]:
    """The first and last token of the contiguous run of `indices` that holds `head`."""
    lo = hi = head
    while lo - 1 in indices:
        lo -= 1
    while hi + 1 in indices:
        hi += 1
    return lo, hi


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


SOURCE_FALLBACK_DEPS = {"conj", "advcl", "acl", "pcomp", "xcomp"}


def _from_paths(doc, tok, quotes, mentions) -> Attribution | None:
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
    lo, hi = _run_around(head.i, {t.i for t in sub})
    first = doc[lo]
    start, end = _trim(_text(doc), first.idx, doc[hi].idx + len(doc[hi].text))
    if first.lower_ == "that" and hi > lo + 1:
        start = doc[lo + 1].idx
    if end <= start:
        return None
    src = _by_paths(tok, model["source_paths"], skip={"~"})
    source = None
    if _joined_to_report(tok) and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
        source = _source_of(doc, tok, mentions)
    elif src is not None and src[1] is not None:
        source = _source_at(doc, src[1], tok, mentions)
    elif tok.dep_ in SOURCE_FALLBACK_DEPS and not any(c.dep_ == "mark" for c in tok.children) \
            and (tok.dep_ != "acl" or tok.tag_ == "VBG"):
        # "Trump ... and called for steep tariffs", "..., accusing her of", "by promising",
        # "candidates proposing": the subject of the verb this one is joined to, or the noun it
        # describes, speaks, which the counted paths do not reach (not so in "as earlier
        # reported", "when asked", "a plan announced last year").
        source = _source_of(doc, tok, mentions)
    inside = _text(doc)[start:end]
    lemma = tok.lemma_.lower()
    return Attribution(cue_start=tok.idx, cue_end=tok.idx + len(tok.text), content_start=start, content_end=end,
                       source=source, quote="mixed" if _QUOTES.search(inside) else "indirect", cue=tok.text,
                       content=inside, negated=lemma in DENIAL_LEMMAS,
                       kind="speech" if lemma in SPEECH_LEMMAS or found[0].endswith("ccomp") else "stance")


def _with_auxiliaries(doc, a: Attribution) -> Attribution:
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
        start = _cue_start(verb)
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
        return any(lo < e and s < hi for s, e in taken) or _QUOTES.search(_text(doc), lo, hi) is not None \
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


# -- direct quotes ------------------------------------------------------------------

def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted passages, the quote marks excluded. Curly marks say which way they
    face; a straight one (" or '') is read from its neighbours (`_facing`), else pairs up in order.
    So a quotation whose closing mark is left off at a paragraph's end and reopened in the next
    does not turn every later quotation of the text inside out."""
    spans = []
    opened = None
    for m in _QUOTES.finditer(text):
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
    cue = None
    if not text[q_start:q_end].rstrip().endswith("."):  # a quote ending in a full stop ends its sentence
        cue = _cue_in(doc, pos, min(len(text), pos + 60, line_end if line_end >= 0 else len(text)),
                      stop_at_sentence=True, scores=scores)
    else:
        cue = _signing_off(doc, pos, line_end)
    if cue is None and previous is not None and previous.quote == "direct" and previous.content_end < q_start \
            and ("\n" not in text[previous.content_end:q_start] or _continues(text, previous.content_end, q_start)):
        # A second quote in the same paragraph with no verb of its own continues the last speaker,
        # as does a paragraph reopening a quotation the last one left open.
        content = _trim(text, q_start, q_end)
        return Attribution(cue_start=previous.cue_start, cue_end=previous.cue_end, content_start=content[0],
                           content_end=content[1], source=previous.source, quote="direct", cue=previous.cue,
                           content=text[content[0]:content[1]], negated=previous.negated)
    if cue is None:
        # Kova said: "..."  /  Kova told the Herald, "..."
        before_start = max(0, q_start - 120)
        cue = _cue_in(doc, before_start, q_start, last=True, scores=scores)
        if cue is not None and _QUOTES.search(text[cue.idx:q_start - 1]):
            cue = None
        if cue is not None and "\n" in text[cue.idx:q_start]:
            cue = None
    if cue is None:
        return _dash(doc, q_start, q_end, mentions) or _colon(doc, q_start, q_end, mentions)
    if cue.idx < q_start and any(t.idx >= q_start for c in cue.children if c.dep_ == "ccomp" for t in c.subtree) \
            and not _introduces(text[cue.idx:q_start]):
        return None  # a quote inside a reported clause: "X said the deal was "lawful"" is mixed speech
    if cue.idx >= q_end and any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children) \
            and not re.search(r"[,.!?][\"\u201d']*\s*$", text[max(0, q_end - 1):cue.idx]):
        return None  # a quoted name before its own report: 'Jones on "Morning Joe" suggested that ...'
    if cue.idx >= q_end and _in_subject(doc, cue, q_start, q_end):
        return None  # a title in the speaker's description: 'Scarborough, host of "Morning Joe," said ...'
    source = _source_of(doc, cue, mentions)
    if source is not None and source.start is not None and source.start < q_end and q_start < source.end:
        # A source is never inside the quotation it speaks: when the parse hangs a word of it on the
        # cue ("'... it ...,' said James Acton"), the subject after the cue speaks, else no one we can tell.
        after = [c for c in cue.children if c.dep_ in {"nsubj", "nsubjpass"} and c.idx >= q_end]
        source = _source_at(doc, after[0], cue, mentions) if after else None
    if source is None and cue.idx >= q_end:
        speaker = _inverted_speaker(cue)
        source = _source_at(doc, speaker, cue, mentions) if speaker is not None else None
    content = _trim(text, q_start, q_end)
    return Attribution(cue_start=cue.idx, cue_end=cue.idx + len(cue.text), content_start=content[0],
                       content_end=content[1], source=source, quote="direct", cue=cue.text,
                       content=text[content[0]:content[1]], negated=cue.lemma_.lower() in DENIAL_LEMMAS)


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


_HEADLINE = re.compile(r"^([A-Z][^:\n]{1,40}?):[ \t]+([^\n]{8,})$", re.MULTILINE)


def _headline_colons(doc, mentions) -> list[Attribution]:
    """Headline style "Trump: Cruz Has 'To Come a Long Way'": the name before the colon says the rest."""
    out = []
    for m in _HEADLINE.finditer(_text(doc)):
        who, what = m.group(1), m.group(2)
        words = who.split()
        if len(words) > 5 or not all(w[:1].isupper() or w.lower() in {"of", "the", "and", "&"} for w in words):
            continue
        if who.lower() in {"note", "update", "editor's note", "correction", "photo", "watch", "video", "related",
                           "twitter", "contributing", "the latest", "breaking", "revealed", "wow", "look",
                           "bombshell", "poll", "paid notice", "q", "a"}:  # labels, not speakers
            continue
        start, end = _trim(_text(doc), m.start(2), m.end(2))
        named = [x for x in mentions if m.start(1) <= x.start and x.end <= m.end(1)]
        if who.isupper() or what[:1].isdigit():
            continue  # "BREAKING:", "EMAIL: ...", a tally "Clinton: 1,769"
        kind = _kind(named[-1]) if named else "organization"
        out.append(Attribution(cue_start=m.end(1), cue_end=m.end(1) + 1, content_start=start, content_end=end,
                               source=Source(kind=kind, text=who, start=m.start(1), end=m.end(1),
                                             entity=named[-1].canonical if named else None),
                               quote="indirect", cue=":", content=_text(doc)[start:end]))
    return out


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
    s_start, s_end = _trim(text, s_start, s_end)
    named = next((x for x in mentions if s_start <= x.start and x.end <= s_end), None)
    content = _trim(text, q_start, q_end)
    return Attribution(cue_start=dash_start, cue_end=dash_end, content_start=content[0], content_end=content[1],
                       source=Source(kind=_kind(named) if named else "person", text=text[s_start:s_end],
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
        s_start, s_end = _trim(text, *m.span(3))
        named = next((x for x in mentions if s_start <= x.start and x.end <= s_end), None)
        out.append(Attribution(cue_start=d_start, cue_end=d_end, content_start=c_start + 1, content_end=c_end - 1,
                               source=Source(kind=_kind(named) if named else "person", text=text[s_start:s_end],
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
    content = _trim(text, q_start, q_end)
    return Attribution(cue_start=colon, cue_end=colon + 1, content_start=content[0], content_end=content[1],
                       source=Source(kind=_kind(who), text=who.text, start=who.start, end=who.end,
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


# -- reported speech ----------------------------------------------------------------

_ANSWERS = {"no": True, "yes": False}
_ANSWER_VERBS = {"say", "answer", "reply", "respond"}


def _answered(doc, a: Attribution, mentions) -> Attribution:
    """`a`, or when its cue answers a yes-no question, the claim the answer makes (_answer). Run
    after the content's edges are placed: the question's clause is the content as it stands."""
    span = _cue_span(doc, a)
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
    source = _source_of(doc, verb, mentions)
    if question is None or source is None:
        return None
    toks = [t for t in question.subtree if not (t.head == question and t.dep_ == "mark")]
    start, end = _trim(_text(doc), toks[0].idx, toks[-1].idx + len(toks[-1].text))
    if end <= start:
        return None
    return Attribution(cue_start=verb.idx, cue_end=verb.idx + len(verb.text), content_start=start, content_end=end,
                       source=source, quote="indirect", cue=verb.text, content=_text(doc)[start:end],
                       negated=_ANSWERS[word.lower_])


def _reported(doc, verb, quotes, mentions) -> Attribution | None:
    lemma = verb.lemma_.lower()
    if verb in _appended(verb.head):
        return _disputed(doc, verb, mentions)
    comp = [c for c in verb.children if c.dep_ == "ccomp" or (c.dep_ == "xcomp" and c.i > verb.i)]
    content_toks = None
    negated = lemma in DENIAL_LEMMAS
    if _unsaid(verb):
        return None
    cleft_parts = cleft(verb) if not comp else None
    if cleft_parts is not None:
        # PolNeAR's extent: "what many analysts said was a sign of ..." whole (claims take the complement)
        content_toks = list(doc[cleft_parts[0].i:cleft_parts[1].right_edge.i + 1])
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
                content_toks = list(inner[0].subtree)
                negated = negated or obj.lemma_.lower() != "report" or lemma in DENIAL_LEMMAS
            else:
                content_toks = list(obj.subtree)
    elif lemma in {"say", "tell"} and verb.dep_ in {"ROOT", "conj"}:
        # Inverted reports: "Officials had met, she said."
        return _inverted(doc, verb, mentions)
    if not content_toks:
        return _inverted(doc, verb, mentions) if verb.dep_ in {"parataxis", "ROOT"} else None
    if lemma in _NEEDS_CLAUSE and not comp:
        return None
    start = content_toks[0].idx
    end = content_toks[-1].idx + len(content_toks[-1].text)
    # "that" opening the clause is not part of what is said.
    first = content_toks[0]
    if first.lower_ == "that" and len(content_toks) > 2:
        start = content_toks[1].idx if len(content_toks) > 1 else start
    start, end = _trim(_text(doc), start, end)
    if end <= start:
        return None
    inside = _text(doc)[start:end]
    if len(_QUOTES.findall(inside)) % 2 == 1:
        # Mixed speech: keep the closing mark (and the stop inside it) of the quoted part.
        tail = re.match(r"[.,!?]?[\"\u201d]", _text(doc)[end:end + 2])
        if tail:
            end += tail.end()
    quote = "indirect"
    inside = _text(doc)[start:end]
    if _QUOTES.search(inside):
        quote = "mixed"
    if any(qs <= start and end <= qe for qs, qe in quotes):
        return None  # a verb inside a direct quote is the speaker's own words
    source = _source_of(doc, verb, mentions)
    if source is None and verb.dep_ not in {"ROOT", "conj", "ccomp", "advcl", "relcl"}:
        return None
    return Attribution(cue_start=verb.idx, cue_end=verb.idx + len(verb.text), content_start=start,
                       content_end=end, source=source, quote=quote, cue=verb.text, content=_text(doc)[start:end],
                       negated=negated)


_CLAIM_NOUNS = {"claim", "account", "allegation", "assertion", "accusation", "charge", "statement",
                "version", "story", "characterization", "characterisation", "description", "contention",
                "suggestion", "explanation", "narrative", "assessment", "report"}
_RELATIVES = {"that", "which"}


def _appended(noun) -> list:
    """The speech verbs of a claim noun put after a clause by a comma ("P, a claim the unions
    dispute", "P, an account that officials confirmed"): their content is P, what the noun
    stands for. Empty for any other token."""
    if noun.lemma_.lower() not in _CLAIM_NOUNS or noun.pos_ != "NOUN" or noun.left_edge.i == 0 \
            or noun.doc[noun.left_edge.i - 1].text not in {",", "\u2014", "--", "\u2013"}:
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
    c_start, c_end = _trim(text, doc[start].idx, doc[comma].idx)
    if c_end <= c_start:
        return None
    cue_start = _cue_start(verb)
    return Attribution(cue_start=cue_start, cue_end=verb.idx + len(verb.text), content_start=c_start,
                       content_end=c_end, source=_source_of(doc, verb, mentions), quote="indirect",
                       cue=text[cue_start:verb.idx + len(verb.text)], content=text[c_start:c_end],
                       negated=verb.lemma_.lower() in DENIAL_LEMMAS)


_FREE_RELATIVES = {"everything", "nothing", "anything", "something", "whatever"}


def _unsaid(verb) -> bool:
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
        start, end = _trim(_text(doc), sent.start_char, end)
    else:
        sent = verb.sent
        toks = [t for t in head.subtree if not (verb.left_edge.i <= t.i <= verb.right_edge.i)]
        if not toks:
            return None
        start, end = _trim(_text(doc), toks[0].idx, toks[-1].idx + len(toks[-1].text))
    if end <= start or _QUOTES.search(_text(doc)[start:end]) and _text(doc)[start:end].count('"') == 1:
        return None
    source = _source_of(doc, verb, mentions)
    if source is None:
        return None
    return Attribution(cue_start=verb.idx, cue_end=verb.idx + len(verb.text), content_start=start,
                       content_end=end, source=source, quote="indirect", cue=verb.text,
                       content=_text(doc)[start:end], negated=verb.lemma_.lower() in DENIAL_LEMMAS)


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
    start, end = _trim(text, doc[comma + 1].idx, sent.end_char)
    if len(text[start:end].split()) < 3:
        return None
    src_start, src_end = _trim(text, obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text))
    return Attribution(cue_start=tok.idx, cue_end=tok.idx + len(tok.text), content_start=start, content_end=end,
                       source=_describe(doc, obj, src_start, src_end, mentions), quote="indirect", cue=tok.text,
                       content=text[start:end])


def _according(doc, tok, mentions) -> Attribution | None:
    to = doc[tok.i + 1]
    objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    if not objs:
        return None
    obj = objs[0]
    src_toks = list(obj.subtree)
    src_start, src_end = _trim(_text(doc), src_toks[0].idx, src_toks[-1].idx + len(src_toks[-1].text))
    content = _rest_of_sentence(doc, tok.sent, tok.idx, src_end)
    if content is None:
        return None
    source = _describe(doc, obj, src_start, src_end, mentions)
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
    appended = next((t.left_edge.idx for t in sent if t.idx >= phrase_end and _appended(t)), sent.end_char)
    right = text[phrase_end:appended].lstrip(" ,")
    if len(right.split()) >= len(left.split()):
        r0 = phrase_end + (len(text[phrase_end:appended]) - len(right))
        start, end = _trim(text, r0, appended)
    else:
        start, end = _trim(text, sent.start_char, sent.start_char + len(left))
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
    src_start, src_end = _trim(text, toks[0].idx, toks[-1].idx + len(toks[-1].text))
    content = _rest_of_sentence(doc, tok.sent, tok.idx, noun.idx + len(noun.text))
    if content is None or src_end <= src_start:
        return None
    source = _describe(doc, owner, src_start, src_end, mentions)
    return Attribution(cue_start=noun.idx, cue_end=noun.idx + len(noun.text), content_start=content[0],
                       content_end=content[1], source=source, quote="indirect", cue=noun.text,
                       content=text[content[0]:content[1]])


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
    start, end = _trim(_text(doc), toks[0].idx, toks[-1].idx + len(toks[-1].text))
    if end <= start:
        return None
    cue_start = _cue_start(verb)
    source = _source_of(doc, verb, mentions)
    return Attribution(cue_start=cue_start, cue_end=cue_end, content_start=start, content_end=end,
                       source=source, quote="indirect", cue=_text(doc)[cue_start:cue_end],
                       content=_text(doc)[start:end], kind="stance")


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
    start, end = _trim(_text(doc), toks[0].idx, toks[-1].idx + len(toks[-1].text))
    if toks[0].lower_ == "that" and len(toks) > 2:
        start = toks[1].idx
    source = _source_of(doc, verb, mentions)
    if end <= start or source is None:
        return None
    return Attribution(cue_start=verb.idx, cue_end=cue_end, content_start=start, content_end=end,
                       source=source, quote="mixed" if _QUOTES.search(_text(doc)[start:end]) else "indirect",
                       cue=_text(doc)[verb.idx:cue_end], content=_text(doc)[start:end],
                       kind="speech" if comp is not None and comp.dep_ == "ccomp" else "stance")


def _cue_start(verb) -> int:
    """A cue keeps its auxiliaries and negation just before it: "has said", "did not mention"."""
    i = verb.i
    while i > 0 and verb.doc[i - 1].dep_ in {"aux", "auxpass", "neg"} and verb.doc[i - 1].head == verb:
        i -= 1
    return verb.doc[i].idx


# -- sources ------------------------------------------------------------------------

def _source_of(doc, verb, mentions) -> Source | None:
    subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    head = agent[0] if agent else (subj[0] if subj else None)
    if not agent and len(subj) > 1 and subj[0].right_edge.i + 1 == subj[1].left_edge.i and subj[1].i < verb.i:
        # A misparse splits one subject in two ("A lawyer for the lobbyist | Petar Dunn said").
        return _source_at(doc, head, verb, mentions, upto=subj[1].right_edge.i)
    if head is None and _joined_to_report(verb):
        return _source_of(doc, verb.head.head, mentions)
    if head is None and verb.dep_ == "conj":
        head = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if head is None and verb.head.dep_ in {"advcl", "xcomp", "pcomp", "conj"} and verb.head.pos_ == "VERB":
            # "..., calling it disqualifying and asserting that ...": the second participle speaks
            # for whoever the first one does.
            return _source_of(doc, verb.head, mentions)
    if head is None and verb.dep_ in {"advcl", "relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        head = verb.head  # "officials, who said ..."
    if head is not None and head.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl" \
            and verb.head.pos_ in {"PROPN", "NOUN"}:
        head = verb.head  # "Kova, who denied on Tuesday ...": the relative clause's noun speaks
    if head is None and verb.dep_ in {"advcl", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        # "..., saying the plan had failed": the main clause's subject says it.
        head = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if head is None and verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in {"VERB", "AUX"} \
            and verb.head.lower_ in {"by", "after", "before", "while", "in", "without"}:
        # "responded by saying ...", "after saying ...": the subject of the verb the phrase hangs on.
        main = verb.head.head
        head = next((c for c in main.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if head is None and main.dep_ in {"conj", "advcl", "xcomp"}:
            head = next((c for c in main.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if head is None:
        head = _controller(verb)
    if head is None:
        head = _stray_subject(verb)
    if head is None or head.lower_ in {"that", "this", "which", "who"}:
        return None
    if head.lower_ == "it" and (head.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children)):
        return None  # "it is said that ...": no one in particular
    return _source_at(doc, head, verb, mentions)


_CARRIES_SUBJECT = {"conj", "xcomp", "advcl", "acomp"}


def _controller(verb):
    """Who does what a verb with no subject of its own says, found by climbing the clauses it
    hangs on: "Trump has sought to bolster his credibility, painting others as weak and
    suggesting that ...", "quick to point out flaws and offer advice", "by promising ...".
    The object speaks in "led her to declare", the noun in "candidates proposing ...". A past
    participle ("when asked", "as reported") reads as a passive: its subject is not the speaker."""
    tok = verb
    for _ in range(6):
        if tok.tag_ == "VBN":
            return None
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in {"NOUN", "PROPN"}:
            return tok.head
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            up = tok.head.head
        elif tok.dep_ in _CARRIES_SUBJECT:
            up = tok.head
        else:
            return None
        if tok.dep_ == "conj" and tok.pos_ == "VERB" and up.pos_ != "VERB" and up.head.pos_ in {"VERB", "AUX"}:
            # a verb joined to a word of another role: "Carson, attacking critics as ...", "called
            # it "shameful" and called on leaders", "by touting her record upstate and pounding him"
            if up.dep_ in {"nsubj", "nsubjpass"} and up.pos_ in {"NOUN", "PROPN"}:
                return up
            if up.dep_ in {"dobj", "oprd", "acomp", "attr"}:
                up = up.head
        if up.pos_ not in {"VERB", "AUX", "ADJ"}:
            return None
        if tok.dep_ == "xcomp":
            obj = next((c for c in up.children if c.dep_ == "dobj" and c.i < tok.i), None)
            if obj is not None:
                return obj
        subj = next((c for c in up.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            if subj.lower_ in {"who", "that", "which"} and up.dep_ == "relcl":
                return up.head
            return subj if subj.lower_ not in {"it", "there"} else None  # "It is wrong to ..."
        tok = up
    return None


def _stray_subject(verb):
    """The name just before a finite main verb that the parse left without a subject, having
    hung the name elsewhere: '..." Bozell answers', "..., former president Bill Clinton said"."""
    if verb.dep_ != "ROOT" or not (verb.tag_ in _FINITE or any(c.dep_ == "aux" for c in verb.children)) \
            or any(c.dep_ in {"csubj", "expl", "nsubj", "nsubjpass"} for c in verb.children):
        return None
    i = verb.i - 1
    while i >= 0 and verb.doc[i].dep_ in {"aux", "neg", "advmod"} and verb.doc[i].head.i == verb.i:
        i -= 1
    if i < 0 or verb.doc[i].pos_ not in {"PROPN", "NOUN"} or verb.doc[i].is_sent_start \
            or verb.doc[i].dep_ == "npadvmod" or verb.doc[i].ent_type_ in {"DATE", "TIME"}:
        return None  # "..., last week said"
    tok = verb.doc[i]
    while tok.dep_ in {"pobj", "prep", "conj", "acl"} and tok.head.i < tok.i and tok.head.sent == verb.sent:
        tok = tok.head  # "disclosures filed on Sunday night revealed", "Trump and his supporters talk"
    return tok if tok.pos_ in {"PROPN", "NOUN", "PRON"} else None


def _joined_to_report(verb) -> bool:
    """A verb the parse joins to the last verb of a reported clause ("she said the economy would
    rebound and praised his efforts", "she said she was thinking of leaving, adding that ..."),
    where it goes with the reporting verb: the reporter speaks."""
    finite = verb.dep_ == "conj" and verb.tag_ in _FINITE
    participle = verb.dep_ in {"conj", "advcl"} and verb.tag_ == "VBG" \
        and not any(c.dep_ in {"mark", "nsubj"} for c in verb.children)
    report = verb.head.head
    return (finite or participle) and verb.head.dep_ == "ccomp" and report.pos_ == "VERB" \
        and report.lemma_.lower() in SPEECH_LEMMAS \
        and (report.tag_ in _FINITE or participle and (report.tag_ == "VBG" or any(c.dep_ == "aux" for c in report.children)))


_FINITE = {"VBD", "VBZ", "VBP"}


# "WASHINGTON --", "CLEVELAND, July 19 (UPI) --", "MACAU (Reuters) -", "BUENA PARK, Calif. -",
# "New York (AFP) -"
_DATELINE = re.compile(r"(?:[A-Z][A-Z .,]{2,40}(?:, [A-Z][a-z]+\.)?(?:,? [A-Z][a-z]+\.? \d{1,2})?(?: \([A-Za-z ]+\))?"
                       r"|[A-Z][A-Za-z .,]{2,40} \([A-Z][A-Za-z ]+\))\s+(?:--|\u2014|\u2013|\u2015|-)\s+")


def _source_at(doc, head, verb, mentions, upto: int | None = None) -> Source:
    """The source whose head token is `head`, speaking through `verb` (its span reaching to token
    `upto` when given)."""
    # The whole noun phrase, relative clauses and appositives included ("Dunn, 56, who chairs
    # the board, said"), but nothing of the cue's own clause.
    # "Kova, who denied ...": when the verb hangs inside the source's phrase, none of its clause
    own = {t.i for t in verb.subtree} if head.is_ancestor(verb) else set()
    own |= {t.i for c in head.children if _aside(c) for t in c.subtree}
    # the relative clause with the comma or dash that opens it
    own |= {i for c in head.children if _interrupting(c, verb) for i in range(c.left_edge.i - 1, c.right_edge.i + 1)}
    own |= {i for t in head.subtree if _stray_predicate(t, head, verb) for i in range(t.left_edge.i - 1, t.right_edge.i + 1)}
    toks = [t for t in head.subtree if (t.i < verb.i or head.i > verb.i) and t.i not in own]
    if not toks:
        toks = [head]
    lo, hi = _run_around(head.i, {t.i for t in toks})
    split = next((c for c in verb.children if c.dep_ == head.dep_ and head.i < c.i < verb.i
                  and c.left_edge.i == head.right_edge.i + 1), None) if head.head.i == verb.i else None
    if split is not None and head.tag_ in {"WDT", "WP"}:
        return _source_at(doc, split, verb, mentions, upto)  # "which | she said": the object pronoun is not hers
    if upto is None and split is not None:
        upto = split.right_edge.i  # one subject the parse split in two: "Fox News' | Bret Baier noticed"
    if upto is not None:
        hi = max(hi, upto)
    while lo < head.i and doc[lo].head.i == head.i and doc[lo].lower_ == "even":
        lo += 1  # "Even China": PolNeAR leaves it out (train: 29 of 37), but keeps "Both" (45 of 47)
    while hi > head.i and doc[hi].lower_ in {"both", "all"} and doc[hi].head.i == head.i and head.pos_ != "PRON":
        hi -= 1  # "Richards and Menendez both said": a floating quantifier is left out (train: 21 of 25)
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    start, end = _trim(_text(doc), start, end)
    if _text(doc)[end:end + 1] == "." and (
            _text(doc)[end:end + 2] == ".," or
            any(len(t.text) > 1 and t.idx + len(t.text) == end + 1 for t in doc[lo:hi + 1])):
        end += 1  # an abbreviation keeps its stop: "Jr.", "the S.E.C.", "Mitch McConnell, R-Ky., said"
    end = _closing_title(_text(doc), start, end)
    if "\n" in _text(doc)[start:end]:  # a headline the parse ran into the first sentence
        line_start = _text(doc).rfind("\n", start, head.idx) + 1
        line_end = _text(doc).find("\n", head.idx, end)
        start, end = _trim(_text(doc), max(start, line_start), end if line_end < 0 else line_end)
    dateline = _DATELINE.match(_text(doc), start)
    if dateline and dateline.end() < end:
        start = dateline.end()  # "WASHINGTON -- President Obama": the dateline is not the speaker
    elif dateline and doc[hi].idx < dateline.end():
        # the parse made the dateline the subject ("MYRTLE BEACH, S.C. - Sen. Ted Cruz continued"):
        # the noun phrase after it speaks
        after = doc.char_span(dateline.end(), dateline.end() + 1, alignment_mode="expand")
        tok = after[0] if after is not None and len(after) else None
        while tok is not None and tok.dep_ in {"compound", "amod", "nmod", "det"} and tok.i < tok.head.i < verb.i:
            tok = tok.head
        if tok is not None and tok.i < verb.i and tok.pos_ in {"PROPN", "NOUN"}:
            return _source_at(doc, tok, verb, mentions)
    source = _describe(doc, head, start, end, mentions)
    # "Kova denied it through her spokeswoman" / "Kova, through her spokeswoman, denied it"
    through = [g for c in itertools.chain(verb.children, head.children) if c.dep_ == "prep"
               and c.lower_ in {"through", "via"} for g in c.children if g.dep_ == "pobj"]
    if through and through[0].lemma_.lower() in _SPOKES:
        spoken_for = source.entity
        return Source(kind="person", text=_span_text(doc, through[0]), start=through[0].left_edge.idx,
                      end=through[0].right_edge.idx + len(through[0].right_edge.text),
                      entity=_named_in(doc, through[0], mentions), on_behalf_of=spoken_for)
    return source


_TITLE_CLOSE = re.compile(r"[,.]?(?:\u201d|''|\")")


def _closing_title(text: str, start: int, end: int) -> int:
    """`end`, moved past the closing mark of a quoted title the source phrase opens but the parse
    leaves to the verb ("Scarborough, host of "Morning Joe,"" keeps its comma and mark)."""
    phrase = text[start:end]
    curly = phrase.count("\u201c") > phrase.count("\u201d")
    straight = (phrase.count("''") + phrase.count("``")) % 2 == 1 or phrase.count('"') % 2 == 1
    if not (curly or straight):
        return end
    m = _TITLE_CLOSE.match(text, end)
    return m.end() if m else end


_OCCASIONS = {"interview", "statement", "post", "email", "tweet", "letter", "release", "time", "speech"}


def _stray_predicate(tok, head, verb) -> bool:
    """A verb the parse hung on a noun inside the source's phrase after a comma, whose clause runs
    on to the comma before the cue: "Roy Cooper (D), McCrory's opponent in the election, called
    Friday for releasing the videos, saying ...", where "called" is Cooper's own verb, not part of
    who he is."""
    doc = tok.doc
    return tok is not head and tok.dep_ in {"acl", "relcl"} and tok.tag_ in {"VBD", "VBZ", "VBN"} \
        and tok.left_edge.i == tok.i and tok.i > 0 and doc[tok.i - 1].text == "," \
        and tok.right_edge.i + 2 == verb.i and doc[tok.right_edge.i + 1].text == "," \
        and not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in tok.children)


def _aside(child) -> bool:
    """A phrase on the source's noun that says how or when it spoke, not who it is: "Clinton,
    speaking in Ohio,", "Republicans, concerned about ...,", "Schilling, through a spokeswoman,",
    "Jeb Bush in a Medium post", "The campaign on Monday". PolNeAR leaves these out."""
    if child.i < child.head.i:
        return False
    doc = child.doc
    after_comma = child.left_edge.i > 0 and doc[child.left_edge.i - 1].text == ","
    if child.dep_ in {"acl", "advcl"} and child.tag_ in {"VBG", "VBN"} and after_comma and child.left_edge.i == child.i:
        return True
    if child.dep_ == "prep" and child.lower_ not in {"of", "from", "for", "including"}:
        # ("the Act of 2009", "a Pew study from 2011", "the release of emails" say what it is)
        obj = next((g for g in child.children if g.dep_ == "pobj"), None)
        return obj is not None and (obj.ent_type_ in {"DATE", "TIME"} or obj.lemma_.lower() in _OCCASIONS
                                    or child.lower_ in {"through", "via"} and after_comma)
    return False


def _interrupting(child, verb) -> bool:
    """A relative clause set off by commas or dashes between the source's noun and its verb:
    "Wasserman Schultz, who is reviled by progressives, said". PolNeAR mostly leaves these out
    (train: 45 of 76 where the noun has no appositive), but keeps them after the verb ("said
    Mr. Schmidt, who bought the property") and beside an appositive ("Willie Minor, an actor,
    who runs a theater,")."""
    head = child.head
    if child.dep_ != "relcl" or not head.i < child.i < verb.i or child.right_edge.i >= verb.i \
            or any(c.dep_ == "appos" for c in head.children):
        return False
    doc = child.doc
    before, after = doc[child.left_edge.i - 1].text, doc[child.right_edge.i + 1].text
    if before not in {",", "--", "\u2014", "\u2013"} or after not in {",", "--", "\u2014", "\u2013"}:
        return False
    return re.search(r"\b%s\b" % re.escape(head.text), _text(doc)[:head.left_edge.idx]) is not None


def _describe(doc, head, start: int, end: int, mentions: list[Mention]) -> Source:
    text = _text(doc)[start:end]
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    lower = head.lower_
    # Pronouns: the latest person named before (they: a group or organisation).
    if lower in _PRONOUNS and len(text.split()) == 1:
        person = _antecedent(doc, mentions, start, lower) if lower in {"he", "she", "i", "him", "her"} else \
            _latest(mentions, start, {"ORG", "PERSON", "OUTLET"})
        if person is None:
            return Source(kind="person" if lower in {"he", "she", "i"} else "anonymous", text=text,
                          start=start, end=end)
        return Source(kind=_kind(person), text=text, start=start, end=end, entity=person.canonical)
    for_whom = _for_whom(head, mentions) or next(
        (_for_whom(c, mentions) for c in head.children if c.dep_ == "appos" and c.lemma_.lower() in _SPOKES), None)
    if for_whom is None and head.dep_ == "appos" and head.head.lemma_.lower() in _SPOKES:
        # "her spokeswoman, Maria Lopez, who said": the name speaks for the role's owner
        role = head.head
        owner = next((c for c in role.children if c.dep_ == "poss"), None)
        if owner is not None and owner.lower_ in {"his", "her", "their"}:
            for_whom = _owner(owner.lower_, role.idx, mentions)
        else:
            for_whom = _for_whom(role, mentions)
    head_lemma = head.lemma_.lower()
    if head.like_num and head.lower_ in _NUMBERS or head.lower_.isdigit():
        group = next((g for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"), None)
        if group is not None and (group.lower_ in {"them", "those", "these"} or
                                  group.lemma_.lower() in _GROUP_NOUNS):
            # "One of them", "two of those officials": part of a group named before.
            return Source(kind="anonymous", text=text, start=start, end=end,
                          count=_NUMBERS.get(head.lower_) or int(head.lower_))
    if head_lemma in _DOCUMENTS:
        # "filings published by the electoral commission": a document speaks, whoever issued it
        return Source(kind="document", text=text, start=start, end=end)
    appos = [c for c in head.children if c.dep_ == "appos"]
    if head_lemma in _ROLE_NOUNS | _SPOKES and appos:
        # "Her spokeswoman, Ana Brel,": the role's holder is named beside it.
        lo, hi = appos[0].left_edge.idx, appos[0].right_edge.idx + len(appos[0].right_edge.text)
        holder = next((m for m in inside if lo <= m.start and m.end <= hi), None)
        if holder is not None:
            if for_whom is None and head_lemma in _SPOKES:
                owner = next((c for c in head.children if c.dep_ == "poss"), None)
                if owner is not None and owner.lower_ in _PRONOUNS | {"his", "her", "their", "its"}:
                    for_whom = _owner(owner.lower_, start, mentions)
            return Source(kind="person", text=text, start=start, end=end, entity=holder.canonical,
                          on_behalf_of=for_whom if for_whom != holder.canonical else None)
    if head.pos_ == "PROPN":
        # a name: only a mention within the name itself, never one in its appositive ("Ana Brel, a
        # spokeswoman for Kova", where the model missed "Ana Brel", is not Kova)
        own = min((c.idx for c in head.children if c.dep_ == "compound" and c.i < head.i), default=head.idx)
        inside = [m for m in inside if own <= m.start and m.end <= head.idx + len(head.text)]
    named = [m for m in inside if m.start <= head.idx < m.end] or \
        ([] if head_lemma in _GROUP_NOUNS | _ROLE_NOUNS else inside[:1])
    if named:
        m = named[0]
        kind = _kind(m)
        if kind == "organization" and _personal(head):
            kind = "person"  # "Kova, 54, who has led the ministry": the small NER model's ORG is a person
        return Source(kind=kind, text=text, start=start, end=end, entity=m.canonical,
                      on_behalf_of=for_whom if for_whom != m.canonical else None)
    if head_lemma in _ROLE_NOUNS or head_lemma in _SPOKES:
        det = next((c.lower_ for c in head.children if c.dep_ == "det"), "")
        person = None
        if det in {"the", "his", "her", "their"} and for_whom is None:
            person = _by_title(mentions, start, head_lemma)
        if head_lemma in _SPOKES and for_whom is None and det in {"his", "her", "their"}:
            for_whom = _owner(det, start, mentions)
            person = None
        return Source(kind="person", text=text, start=start, end=end,
                      entity=person.canonical if person else None, on_behalf_of=for_whom)
    if head_lemma in _GROUP_NOUNS or head.lemma_.lower().rstrip("s") in _GROUP_NOUNS:
        return Source(kind="anonymous", text=text, start=start, end=end, count=_count(head),
                      affiliation=_affiliation(doc, head, mentions), on_behalf_of=for_whom)
    if head.pos_ == "PROPN" and inside:
        m = inside[-1]
        return Source(kind=_kind(m), text=text, start=start, end=end, entity=m.canonical)
    institution = head.ent_type_ == "ORG" or head_lemma in _INSTITUTIONS
    return Source(kind="organization" if institution else "person", text=text, start=start, end=end,
                  on_behalf_of=for_whom)


# Common nouns that name a body rather than a person: "the ministry said", "the company denied".
_INSTITUTIONS = set("""
ministry department agency company firm government administration committee commission court council
party campaign police office bureau embassy authority board union bank university organization
organisation army military navy parliament senate congress federation association foundation institute
prosecutor's regulator watchdog cabinet presidency secretariat consulate municipality
""".split())


def _personal(head) -> bool:
    """Whether the phrase around a name says it is a person's: an age beside it ("Kova, 54,") or a
    relative clause opened by "who"."""
    for c in head.children:
        if c.dep_ in {"appos", "amod", "npadvmod"} and c.like_num and c.i == head.i + 2:
            return True
        if c.dep_ == "relcl" and any(t.lower_ in {"who", "whom"} and t.i < c.i for t in c.subtree):
            return True
    return False


def _kind(m: Mention) -> str:
    return {"PERSON": "person", "OUTLET": "outlet"}.get(m.type, "organization")


def _owner(pronoun: str, before: int, mentions) -> str | None:
    """Whom a possessive before `before` points to ("her spokeswoman"): the person named last, or
    for "their" the organisation or person."""
    prior = _latest(mentions, before, {"PERSON"} if pronoun != "their" else {"ORG", "PERSON"})
    return prior.canonical if prior else None


def _latest(mentions, before: int, types) -> Mention | None:
    for m in reversed(mentions):
        if m.start < before and m.type in types:
            return m
    return None


_FEMALE = {"ms", "ms.", "mrs", "mrs.", "miss", "madam", "lady", "dame"}
_MALE = {"mr", "mr.", "sir", "lord"}


def _antecedent(doc, mentions, before: int, pronoun: str) -> Mention | None:
    """The person a he/she refers to: a recent subject of the right gender when the text
    shows it (Ms./Mr.), else the most recent subject, else the most recent person."""
    want = {"she": "f", "her": "f", "he": "m", "him": "m"}.get(pronoun)
    gender: dict[str, str] = {}
    for m in mentions:
        if m.type == "PERSON" and m.title:
            t = m.title.lower().split()[0]
            if t in _FEMALE:
                gender[m.canonical] = "f"
            elif t in _MALE:
                gender[m.canonical] = "m"
    people = [m for m in mentions if m.start < before and m.type == "PERSON"][-12:]
    if want:
        fitting = [m for m in people if gender.get(m.canonical, want) == want]
        people = fitting or people
    subjects = []
    for m in people:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in {"nsubj", "nsubjpass"} and (
                span.root.head.dep_ == "ROOT" or span.root.head.lemma_.lower() in SPEECH_LEMMAS):
            subjects.append(m)
    if subjects and people and subjects[-1].start >= people[-1].start - 400:
        return subjects[-1]
    return people[-1] if people else None


def _by_title(mentions, before: int, title: str) -> Mention | None:
    for m in reversed(mentions):
        if m.start < before and m.type == "PERSON" and m.title and title in m.title.lower():
            return m
    return None


def _for_whom(head, mentions) -> str | None:
    """"a lawyer for Dunn", "a spokeswoman for the ministry": whom the source speaks for."""
    if head.lemma_.lower() not in _SPOKES:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"for", "of"}:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    after = obj.right_edge.idx + len(obj.right_edge.text) + 1
                    # "a lawyer for the lobbyist Petar Dunn": the name may be parsed apart.
                    named_next = next((m.canonical for m in mentions if m.start == after and m.type == "PERSON"),
                                      None)
                    return _named_in(obj.doc, obj, mentions) or named_next or _span_text(obj.doc, obj)
    for child in head.children:
        if child.dep_ == "poss" and child.lower_ not in _PRONOUNS:
            return _named_in(child.doc, child, mentions) or child.text
    return None


def _named_in(doc, tok, mentions) -> str | None:
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    for m in mentions:
        if lo <= m.start and m.end <= hi:
            return m.canonical
    return None


def _span_text(doc, tok) -> str:
    return _text(doc)[tok.left_edge.idx:tok.right_edge.idx + len(tok.right_edge.text)]


def _count(head) -> int | None:
    for child in head.children:
        if child.dep_ in {"nummod", "det", "quantmod"} or child.like_num:
            word = child.lower_
            if word in _NUMBERS:
                return _NUMBERS[word]
            if word.isdigit():
                return int(word)
    if head.tag_ in {"NN", "NNP"}:
        return 1
    return None


def _affiliation(doc, head, mentions) -> str | None:
    parts = []
    for child in head.children:
        if child.i < head.i and child.dep_ in {"amod", "compound", "nmod"} and child.lower_ not in _RANKS \
                and not child.like_num:
            parts.append(child)
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"at", "in", "from", "with", "of", "inside"}:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lower_ not in {"talks", "matter", "discussions", "case"}:
                    if prep.lower_ == "with" and obj.lemma_.lower() in {"knowledge"}:
                        continue
                    return _span_text(doc, obj)
    if parts:
        # each part with the words it heads: "White House", "State Department"
        words = sorted({t.i for p in parts for t in p.subtree if t.lower_ not in _RANKS})
        return " ".join(doc[i].text for i in words) or None
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces, quote marks and trailing punctuation from a span."""
    while start < end and (text[start].isspace() or text[start] in "\"\u201c\u201d',"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"\u201c\u201d,;:."):
        end -= 1
    return start, end
