"""Events: every eventive verb, noun and adjective, as TimeML's EVENT marks them.

Which tokens are events, and their TimeML class (OCCURRENCE, REPORTING, STATE, I_ACTION,
I_STATE, ASPECTUAL, PERCEPTION), tense and aspect come from four linear models over the parse
(`features` below and the parser's own token vectors), learned from TempEval-3's training data
(TimeBank and AQUAINT) by `scripts/train_events.py` and kept in `models/events.npz`: weights and a
feature vocabulary, nothing of the texts. Polarity and the author's view of whether the event
happened come from the factuality rules (analyse/factuality.py); modality is the modal verb.

The kind of event a reader filters by (meeting, vote, attack, disaster, ...) is a label over these
events from analyse/event_types.py, read in context where one word names two kinds ("an
earthquake struck" is a disaster, "an air strike" an attack); an event no kind fits is "other".

Each event's time is the time expression attached to it in the parse, else the nearest one in
its clause; its participants are the named people and organisations of its clause.
"""
from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass

import numpy as np

from storyline import models
from storyline.analyse.event_types import DISASTER_WORDS, EVENT_TYPES, HAPPENINGS, NOT_HAPPENINGS, OTHER
from storyline.analyse.coreference import person_noun
from storyline.analyse.factuality import factuality
from storyline.analyse.parse import Parse, parse_of
from storyline.analyse.nlp import text_of
from storyline.records import Event, Mention, Timex

__all__ = ["events", "event_tokens", "event_type", "features", "tense_features", "candidates", "Parse", "EVENT_TYPES",
           "MODEL_FILE", "CLASSES", "Model", "load"]

MODEL_FILE = "events.npz"
CLASSES = ("O", "OCCURRENCE", "REPORTING", "STATE", "I_ACTION", "I_STATE", "ASPECTUAL", "PERCEPTION")
_CANDIDATE_POS = {"VERB", "NOUN", "ADJ"}
_PARTICIPANT_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
_MODALS = {"would", "could", "may", "might", "must", "can", "should", "shall", "will", "'d", "ca", "wo",
           "ought", "need"}


def candidates(p: Parse, start_char: int = 0) -> list[int]:
    """Tokens the model scores: verbs, nouns, adjectives and copulas; on TempEval-3's tuning part
    these hold 99.7% of the events (names, adverbs and prepositions the rest) in 55% of the words."""
    return [i for i, (pos, dep, alpha, at) in enumerate(zip(p.pos, p.dep, p.alpha, p.idx))
            if alpha and at >= start_char and (pos in _CANDIDATE_POS or (pos == "AUX" and dep not in _AUX_DEPS))]


_AUX_DEPS = {"aux", "auxpass"}
_FUNCTION_DEPS = {"aux", "auxpass", "neg", "prt", "det", "prep", "case", "mark"}
_ARGUMENT_DEPS = {"nsubj", "dobj", "nsubjpass", "attr", "pobj"}
_CLAUSE_DEPS = {"xcomp", "ccomp", "advcl", "acl"}
_GOVERNED_DEPS = {"xcomp", "ccomp", "acl", "relcl", "advcl", "conj"}


def features(p: Parse, i: int) -> list[str]:
    """Sparse features of token `i` for the event and class heads (the parser's vector is added apart)."""
    lemma, tag, dep, lower = p.lemma[i], p.tag[i], p.dep[i], p.lower[i]
    h = p.head[i]
    hl, ht = p.lemma[h], p.tag[h]
    first = p.sent_first[bisect.bisect_right(p.sent_first, i) - 1]
    f = ["b", "w=" + lower, "l=" + lemma, "t=" + tag, "d=" + dep, "l|t=" + lemma + "|" + tag,
         "l|d=" + lemma + "|" + dep, "s3=" + lower[-3:], "s4=" + lower[-4:], "e=" + p.ent[i],
         "hl=" + hl, "ht=" + ht, "d|hl=" + dep + "|" + hl, "t|ht=" + tag + "|" + ht,
         "cap=" + str(bool(p.title[i]) and i > first)]
    if i > 0:
        f += ["l-1=" + p.lemma[i - 1], "t-1=" + p.tag[i - 1], "t-1|t=" + p.tag[i - 1] + "|" + tag]
    else:
        f.append("l-1=<s>")
    if i + 1 < len(p):
        f += ["l+1=" + p.lemma[i + 1], "t+1=" + p.tag[i + 1], "t|t+1=" + tag + "|" + p.tag[i + 1]]
    else:
        f.append("l+1=</s>")
    for c in p.children[i]:
        cd = p.dep[c]
        f.append("c=" + cd)
        if cd in _FUNCTION_DEPS:
            f.append("c=" + cd + "|" + p.lower[c])
        elif cd in _ARGUMENT_DEPS:
            f.append("c=" + cd + "|" + (p.ent[c] or p.lemma[c]))
        elif cd in _CLAUSE_DEPS:
            f.append("c=" + cd + "|" + p.tag[c])  # an event taking an event: I_ACTION, I_STATE
    if dep in _GOVERNED_DEPS:
        f.append("gov=" + dep + "|" + hl)  # "tried to *help*", "said it *would*"
    if dep == "pobj":
        f.append("pp=" + p.lower[h] + "|" + p.lemma[p.head[h]])  # "in the attack", "after talks"
    return f


def tense_features(p: Parse, i: int) -> list[str]:
    """Features for tense and aspect: the word's tag, its auxiliaries and the verb it hangs from."""
    h, tag, dep = p.head[i], p.tag[i], p.dep[i]
    f = ["b", "t=" + tag, "p=" + p.pos[i], "d=" + dep, "ht=" + p.tag[h], "d|ht=" + dep + "|" + p.tag[h]]
    auxes = [c for c in p.children[i] if p.dep[c] in _AUX_DEPS]
    f.append("chain=" + "_".join(p.lower[c] for c in auxes) + "|" + tag)
    for c in auxes:
        f += ["a=" + p.lower[c], "at=" + p.tag[c] + "|" + tag]
    if dep in {"acomp", "attr", "xcomp", "ccomp", "conj"}:
        for c in p.children[h]:
            if p.dep[c] in _AUX_DEPS:
                f.append("ha=" + p.lower[c])
        f.append("hl=" + p.lemma[h] + "|" + p.tag[h])
    return f


@dataclass(frozen=True)
class Model:
    """One linear head: sparse weights over the shared vocabulary, dense weights over the
    parser's token vector, a bias and its labels."""
    labels: tuple[str, ...]
    sparse: np.ndarray  # (features + 1, labels); the last row is zeros, for unknown features
    dense: np.ndarray  # (vector width, labels)
    bias: np.ndarray

    def scores(self, rows: list[list[int]], vectors: np.ndarray | None) -> np.ndarray:
        pad = len(self.sparse) - 1
        flat = np.fromiter(itertools.chain.from_iterable(r + [pad] for r in rows), dtype=np.int64)
        starts = np.cumsum([0] + [len(r) + 1 for r in rows[:-1]])
        out = np.add.reduceat(self.sparse[flat], starts, axis=0) + self.bias
        if vectors is not None and vectors.shape[1] == self.dense.shape[0]:
            out = out + vectors @ self.dense
        return out


@functools.lru_cache(maxsize=1)
def load() -> tuple[dict[str, int], dict[str, Model]] | None:
    """The vocabulary and the four heads (event or not, class, tense, aspect); None when no model
    is shipped."""
    path = models.path(MODEL_FILE)
    if path is None:
        return None
    with np.load(path, allow_pickle=False) as z:
        vocab = {w: i for i, w in enumerate(z["vocab"].tolist())}
        heads = {}
        for name in ("event", "class", "tense", "aspect"):
            sparse = z[f"{name}_sparse"].astype(np.float32)
            sparse = np.vstack([sparse, np.zeros((1, sparse.shape[1]), dtype=np.float32)])
            heads[name] = Model(tuple(z[f"{name}_labels"].tolist()), sparse, z[f"{name}_dense"].astype(np.float32),
                                z[f"{name}_bias"].astype(np.float32))
    return vocab, heads


def _rows(vocab: dict[str, int], feats: list[list[str]]) -> list[list[int]]:
    get = vocab.get
    return [[i for i in map(get, f) if i is not None] for f in feats]


def _vectors(doc, index: list[int]) -> np.ndarray | None:
    tensor = getattr(doc, "tensor", None)
    if tensor is None or len(tensor) != len(doc) or not index:
        return None
    return np.asarray(tensor[index], dtype=np.float32)


def event_tokens(doc, start_char: int = 0) -> list[tuple]:
    """(token, TimeML class, tense, aspect) of every event the model finds from `start_char` on."""
    return [(doc[i], cls, tense, aspect) for i, cls, tense, aspect in _found(parse_of(doc), start_char)]


def _found(p: Parse, start_char: int) -> list[tuple]:
    """(token index, TimeML class, tense, aspect) of the events the model finds in `p`."""
    loaded = load()
    if loaded is None:
        return []
    vocab, heads = loaded
    doc = p.doc
    index = candidates(p, start_char)
    if not index:
        return []
    rows = _rows(vocab, [features(p, i) for i in index])
    scores = heads["event"].scores(rows, _vectors(doc, index))
    said = (scores[:, 1] > scores[:, 0]).tolist()
    keep = [k for k, (yes, i) in enumerate(zip(said, index)) if yes or _named_kind(p.pos[i], p.lemma[i])
            or (p.pos[i] == "NOUN" and p.lemma[i] in _JUDICIAL_NOUNS and _judicial(doc[i]))]
    if not keep:
        return []
    found = [index[k] for k in keep]
    vecs = _vectors(doc, found)
    classes = heads["class"].scores([rows[k] for k in keep], vecs).argmax(axis=1)
    trows = _rows(vocab, [tense_features(p, i) for i in found])
    tense = heads["tense"].scores(trows, vecs).argmax(axis=1)
    aspect = heads["aspect"].scores(trows, vecs).argmax(axis=1)
    labels = (heads["class"].labels, heads["tense"].labels, heads["aspect"].labels)
    return [(i, labels[0][c], labels[1][a], labels[2][b]) for i, c, a, b in zip(found, classes, tense, aspect)]


def _named_kind(pos: str, lemma: str) -> bool:
    """A noun naming something that happens, of a kind a reader filters by ("the dinner", "talks",
    "the vote"), is an event even where TimeBank's annotators (and so the model) would not have
    marked it."""
    return pos == "NOUN" and EVENT_TYPES.get(lemma) in HAPPENINGS and lemma not in NOT_HAPPENINGS and lemma not in _CONTEXT


def events(doc, mentions: list[Mention], timexes: list[Timex], body_start: int = 0) -> list[Event]:
    """Event mentions of `doc` with class, tense, aspect, kind, participants and times."""
    found = []
    text = text_of(doc)
    dated = [t for t in timexes if (t.type in {"DATE", "TIME"} or t.anchor) and not _dateline(text, t)]
    inside_timex = [(t.start, t.end) for t in timexes]
    by_sentence: dict[int, tuple[list, list]] = {}
    p = parse_of(doc)
    bounds = [(s.start_char, s.end_char) for s in doc.sents]
    for i, cls, tense, aspect in _found(p, body_start):
        at = p.idx[i]
        if any(s <= at < e for s, e in inside_timex):
            continue  # "election day" as a date is a time, not an event of its own
        k = bisect.bisect_right(p.sent_first, i) - 1
        sent_start, sent_end = bounds[k]
        if k not in by_sentence:
            named = [m for m in mentions if sent_start <= m.start < sent_end and m.type in _PARTICIPANT_TYPES]
            by_sentence[k] = ([t for t in dated if sent_start <= t.start < sent_end], named,
                              [m for m in named if _modifier(doc, m)])
        in_sentence, people, modifiers = by_sentence[k]
        tok = doc[i]
        # "the vote" inside "the day before the vote" is the anchor, not an event of that day
        timex = _time_for(tok, in_sentence) if in_sentence else None
        participants = tuple(dict.fromkeys(m.canonical for m in _arguments(tok, people, modifiers))) if people else ()
        fact = factuality(tok)  # the author's view, as the sentence puts it
        found.append(Event(
            start=at, end=at + len(p.lower[i]), type=_kind(tok, cls), trigger=_with_particle(tok),
            sentence_start=sent_start, sentence_end=sent_end, participants=participants,
            when=(timex.value if timex and not timex.anchor else None),
            when_text=timex.text if timex else None, timex_start=timex.start if timex else None,
            polarity=fact.polarity, certainty=fact.certainty, mood=fact.mood,
            event_class=cls, tense=tense, aspect=aspect, modality=_modality(p, i), pos=p.pos[i]))
    return found


def _with_particle(tok) -> str:
    """The trigger's words: a verb with its particle ("showed off", "stepped down", "rounded the
    services off" -> "rounded off"); the event's offsets stay those of the verb."""
    particles = [c.text for c in tok.children if c.dep_ == "prt" and c.i > tok.i]
    return " ".join([tok.text, *particles])


def _modality(p: Parse, i: int) -> str | None:
    """The modal verb on the event ("would", "could", "may"), as TimeML's modality."""
    for c in p.children[i]:
        if p.dep[c] == "aux" and p.tag[c] == "MD" and p.lower[c] not in {"will", "shall", "wo", "'ll"}:
            return {"ca": "can", "'d": "would"}.get(p.lower[c], p.lower[c])
    return None


# -- the kind of event -------------------------------------------------------------------------

_MILITARY = {"air", "missile", "drone", "military", "rocket", "artillery", "nuclear", "preemptive", "pre-emptive"}
_JOBS = {"employee", "staff", "worker", "manager", "chief", "director", "executive", "coach", "official",
         "minister", "secretary", "head", "president", "officer", "aide", "adviser", "advisor", "editor"}
_DEALS = {"deal", "agreement", "accord", "bargain", "compromise", "pact", "treaty", "contract"}


def _kind(tok, cls: str) -> str:
    """The kind of event, a saying of no other kind ("said", "told") being a statement."""
    kind = event_type(tok)
    return "statement" if kind == OTHER and cls == "REPORTING" else kind


def event_type(tok) -> str:
    """The kind of event `tok` names, for a reader's filter; "other" when none fits."""
    lemma = tok.lemma_.lower()
    if tok.lower_ == "according":
        return OTHER  # "according to his Wikipedia page" names a source, not an accord
    contextual = _CONTEXT.get(lemma)
    if contextual is not None:
        return contextual(tok) or OTHER
    if lemma == "report" and tok.pos_ == "VERB":
        return "statement"  # "reported" tells what someone said; the report itself is a publication
    return EVENT_TYPES.get(lemma, OTHER)


def _subject(tok):
    return next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _object(tok):
    return next((c for c in tok.children if c.dep_ in {"dobj", "attr"}), None)


def _strike(tok) -> str | None:
    """"An earthquake struck", "the storm hit": a disaster; "struck a deal": an agreement; "an air
    strike": an attack; "a general strike": a protest."""
    subject, obj = _subject(tok), _object(tok)
    if tok.pos_ == "NOUN":
        words = {c.lemma_.lower() for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}}
        if words & _MILITARY:
            return "attack"
        return "protest" if tok.lemma_.lower() == "strike" else None
    if subject is not None and subject.lemma_.lower() in DISASTER_WORDS:
        return "disaster"
    if obj is not None and obj.lemma_.lower() in _DEALS:
        return "agreement"
    if subject is not None and subject.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} and obj is not None:
        return "attack"
    return None


def _fire(tok) -> str | None:
    """A fire is a disaster; firing a chief is a dismissal; firing missiles an attack."""
    if tok.pos_ == "NOUN":
        return "attack" if tok.head.lemma_.lower() == "open" else "disaster"
    obj = _object(tok)
    if obj is None:
        return None
    if obj.ent_type_ == "PERSON" or obj.lemma_.lower() in _JOBS:
        return "dismissal"
    return "attack"


def _call(tok) -> str | None:
    """"Called her on Monday": contact; "called for an inquiry", "called it a mistake": a statement."""
    kids = list(tok.children)
    if any(c.dep_ in {"oprd", "ccomp", "xcomp"} or (c.dep_ == "prep" and c.lower_ == "for") for c in kids):
        return "statement"
    urging = [c for c in kids if c.dep_ == "prep" and c.lower_ == "on"
              and not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children)]
    if urging and not any(c.dep_ == "dobj" for c in kids):
        return "statement"  # "called on the council to act"
    obj = _object(tok)
    if obj is not None and any(t.is_quote for t in tok.doc[obj.i + 1:tok.sent.end]):
        return "statement"  # "calls 22 emails 'top secret'", however the words after it were parsed
    if obj is not None and any(t.pos_ == "ADJ" and t.dep_ == "amod" and t.i > t.head.i for t in obj.subtree):
        return "statement"  # "called the squabble with the agencies unusual": an adjective the parse hung after a noun
    return "contact"


def _rule(tok) -> str | None:
    """"The court ruled that ...": a ruling; "ruled out", "ruled the country": not one."""
    if any(c.dep_ == "prt" for c in tok.children):
        return None
    subject = _subject(tok)
    courts = {"court", "judge", "tribunal", "panel", "justice", "jury", "commission", "regulator", "board"}
    return "ruling" if subject is not None and subject.lemma_.lower() in courts else None


# Words by which a sentence is about the law's decisions (a reader's list of courts and their
# outcomes, not grown from any corpus): a "judgment" or "sentence" next to one is a ruling.
_JUDICIAL = frozenset("""court judge jury juror tribunal justice prison jail appeal convict conviction guilty
acquit lawsuit sue plaintiff defendant prosecutor motion trial attorney lawyer verdict plea parole probation
""".split())


def _judicial(tok) -> str | None:
    """"The court's judgment", "a ten-year sentence in prison": a ruling; "her judgment is in
    question", "the first sentence of the letter": not one."""
    if tok.pos_ == "VERB":
        return "ruling"  # "was sentenced to ten years"
    return "ruling" if any(t.lemma_.lower() in _JUDICIAL for t in tok.sent) else None


def _undergoer(tok):
    """Who or what the verb is done to: its object, or the subject of a passive ("he was dismissed")."""
    return _object(tok) if any(c.dep_ == "nsubj" for c in tok.children) else _subject(tok)


def _catch(tok) -> str | None:
    """"Ten fighters were caught", "police caught the suspect": an arrest; "caught fire", "caught
    on camera", "caught the flu": not one. People caught are an arrest."""
    caught = _undergoer(tok)
    if caught is None:
        return None
    lemma = caught.lemma_.lower()
    if caught.ent_type_ in {"PERSON", "NORP", "ORG"} or person_noun(lemma) \
            or len(lemma) > 4 and lemma.endswith(("er", "or", "ist", "ant", "man")):  # "fighters", "militants"
        return "arrest"
    return None


def _dismiss(tok) -> str | None:
    """"The board dismissed the chief executive", "he was dismissed": a dismissal; "dismissed the
    email issue", "dismissed the claims": not one."""
    if tok.pos_ == "NOUN":
        return "dismissal"
    gone = _undergoer(tok)
    if gone is None:
        return None
    lemma = gone.lemma_.lower()
    if gone.ent_type_ == "PERSON" or gone.lower_ in {"him", "her", "them", "he", "she", "they"} \
            or person_noun(lemma) or lemma in _JOBS:
        return "dismissal"
    return None


_JUDICIAL_NOUNS = {"judgment", "judgement", "sentence"}
_CONTEXT = {"strike": _strike, "hit": _strike, "fire": _fire, "call": _call, "rule": _rule, "catch": _catch,
            "dismiss": _dismiss,
            **{w: _judicial for w in _JUDICIAL_NOUNS}}


# -- time and participants -------------------------------------------------------------------

_DATELINE_END = re.compile(r"\s*(?:\([^)\n]{1,60}\))?\s*(?:-|--|\u2013|\u2014)\s")


def _dateline(text: str, t: Timex) -> bool:
    """"PORTVALE, March 24, 2026 (Harbour Wire) - ...": the date the article was filed, not of its events."""
    line_start = text.rfind("\n", 0, t.start) + 1
    return t.start - line_start < 40 and bool(_DATELINE_END.match(text, t.end))


def _time_for(trigger, timexes: list[Timex]) -> Timex | None:
    """The time expression the parse attaches to `trigger`, else the nearest in its clause."""
    timexes = [t for t in timexes if not t.start <= trigger.idx < t.end]
    if not timexes:
        return None
    doc = trigger.doc
    spans = [(t, doc.char_span(t.start, t.end, alignment_mode="expand")) for t in timexes]
    for t, span in spans:
        if span is None:
            continue
        head = span.root
        for _ in range(4):  # climb through prepositions ("on Tuesday", "the day before")
            if head == trigger:
                return t
            if head.head == head or (head.pos_ == "VERB" and head != span.root):
                break  # another verb's time: "Now" in '"Now we have ...," she said' is not when she said it
            head = head.head
    # Else the nearest one in the trigger's own clause: in "she denied on Tuesday that they had
    # met", Tuesday is when she denied, not when they met.
    own = _clause(trigger)
    near = [t for t, s in spans if s is not None and _clause(s.root).i == own.i]
    return min(near, key=lambda t: abs(t.start - trigger.idx)) if near else None


_SHARES_SUBJECT = {"conj", "advcl", "xcomp", "pcomp", "prep", "acl"}
_CIRCUMSTANCE = {"in", "at", "on", "during", "after", "before", "since", "until", "amid", "across", "near",
                 "throughout"}  # prepositions of place and time


def _arguments(trigger, people: list[Mention], modifiers: list[Mention] = ()) -> list[Mention]:
    """The named people and organisations of the trigger's own clause ("she had met Dunn" in
    "Kova denied that she had met Dunn"), with a pronoun subject read as the subject of the clause
    above it (Kova), and a verb without a subject taking its head's ("Dunn resigned, citing
    pressure"); an event noun's own phrase ("the dinner between Kova and Dunn") counts. Names
    elsewhere in the sentence are not its participants ("Reyes said prices rose": the rise has none),
    nor are the place and time of a verb's event ("met Dunn in Brussels": Brussels is where). Asked
    or told to do something, the object does it ("ask the council to delay": the council); "the
    two" with no name in its clause are the people its sentence names. `modifiers`: the names
    that only modify a thing (`_modifier`), worked out once a sentence."""
    verb = _clause(trigger)
    nested = [c for c in verb.children if (c.dep_ in {"ccomp", "advcl", "relcl", "conj", "parataxis"}
              or c.dep_ == "prep" and c.lower_ in _CIRCUMSTANCE) and c.i != trigger.i and not c.is_ancestor(trigger)]
    skip = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in nested]
    lo, hi = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
    out = [m for m in people if lo <= m.start < hi and not any(a <= m.start < b for a, b in skip)
           and not any(m is x for x in modifiers)]
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    shared = verb
    while subj is None and shared.dep_ in _SHARES_SUBJECT and shared.head.i != shared.i:
        # "the Dow fell 2%, closing at 8,000", "rounded it off by unveiling": a verb without a subject
        # of its own shares its head's; a participle on a noun is about that noun ("Jobs, born in ...")
        acl, xcomp = shared.dep_ == "acl", shared.dep_ == "xcomp"
        shared = shared.head
        # "ask the council to delay the vote": the object, when there is one, is who would delay
        controller = next((c for c in shared.children if c.dep_ == "dobj"), None) if xcomp else None
        subj = shared if acl else controller or next(
            (c for c in shared.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            lo_s, hi_s = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text)
            out = [m for m in people if lo_s <= m.start < hi_s] + out
    if subj is not None and (subj.pos_ == "NUM" or subj.lemma_.lower() in {"both", "pair", "couple"}) and not out:
        # "the two had dined together": the people the sentence names are the two
        out = list(people)
    if subj is not None and subj.lower_ in {"he", "she", "they", "it", "we", "i"}:
        above = verb.head
        for _ in range(3):
            if above.i == verb.i:
                break
            up = next((c for c in above.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            named = [m for m in people if up is not None and m.start <= up.idx < m.end]
            if named:
                out = named + out
                break
            if above.head.i == above.i:
                break
            above = above.head
    return out


def _modifier(doc, m: Mention) -> bool:
    """Whether a name only modifies a thing ("the iPod line", "the iPhone 4 antenna"): what is
    named then does not take part. A name before people ("Islamic State militants"), before a role
    and a name ("Apple CEO Steve Jobs") or in a description of someone ("Dunn, the Greyline
    lobbyist") still does."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    head = root.head
    if root.dep_ != "compound" or span.start <= head.i < span.end or head.pos_ != "NOUN":
        return False
    if head.tag_ == "NNS" or head.ent_type_ or head.dep_ == "appos" or person_noun(head.lemma_.lower()):
        return False  # people, a name, or a description of one ("Dunn, the Greyline lobbyist")
    return not any(t.ent_type_ == "PERSON" for t in doc[head.i + 1:head.i + 3])


def _clause(tok):
    """The verb heading the clause `tok` is in (the root when none)."""
    while tok.pos_ not in {"VERB", "AUX"} and tok.head.i != tok.i:
        tok = tok.head
    return tok
