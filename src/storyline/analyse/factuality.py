"""Event factuality: did the event a predicate names happen, in the author's view?

`factuality(token)` reads the predicate's own clause (negation, modal verbs, the future,
imperatives, questions, conditions, hedges such as "allegedly" or "appears to") and then the
chain of clauses it sits in, each embedding verb, noun or adjective acting on what it embeds:

  - factives project ("she admitted that he left": he left);
  - implicatives pass their own factuality down ("managed to leave"), negative ones flip it
    ("failed to leave", "refused to sign");
  - reports keep it, marked as reported ("officials said the talks ended");
  - beliefs and evidence make it probable ("I think", "there are signs that"), doubt and
    negative evidence make it negative ("denied that", "found nothing to suggest");
  - wishes, plans, attempts, purposes, conditions and questions leave it unrealised.

The result is a `Factuality` record: polarity, certainty, mood (actual, future, intended,
hypothetical, imperative, question), tense, and a value on UDS-IH2's scale, 3 for "certainly
happened" to -3 for "certainly did not". The value is the mean UDS-IH2 rating of that kind of
judgement, so it stays well inside the scale: crowd annotators disagree, and they often rate a
negated state as something that holds ("I don't know"). Use polarity and certainty for the
judgement itself, the value to rank or to compare with UDS-IH2.

The rules follow the linguistics of factuality (Saurí and Pustejovsky's FactBank; Karttunen's
implicatives); the rules and the value table were written by hand while reading errors on one
half of UDS-IH2 dev only (see `storyline.evaluate.factuality`, which reports both halves).
Nothing here is learned from data.

`claim_factuality(doc, content, cue)` gives the judgement from the source's side, for a claim's
content: the clauses are followed up to the cue and no further, so the author's certainty that
the source spoke does not leak into what the source said; the cue's own meaning (denied,
believes, suggested) still counts.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from storyline.analyse.nlp import text_of
from storyline.analyse.parse import parse_of

__all__ = ["Factuality", "factuality", "claim_factuality", "CERTAINTIES", "MOODS"]

CERTAINTIES = ("certain", "probable", "possible", "unknown")
MOODS = ("actual", "future", "intended", "hypothetical", "imperative", "question")

# -- lexicons: lemmas of embedding words, by what they do to what they embed ------------------

_FACTIVE = {
    "know", "realize", "realise", "regret", "notice", "discover", "learn", "admit", "acknowledge",
    "confirm", "reveal", "prove", "show", "demonstrate", "find", "forget", "understand", "remember",
    "recognize", "recognise", "resent", "note", "observe", "see", "hear", "verify", "establish",
    "aware", "glad", "sad", "sorry", "surprised", "happy", "proud", "clear", "obvious", "evident",
    "fact", "true", "shocked", "disappointed", "pleased", "thankful", "grateful", "amazed", "upset",
    "thank", "nice", "great", "good", "pleasure", "fun", "lucky", "fortunate", "honored", "honoured",
    "excited", "thrilled", "delighted", "appreciate", "love", "enjoy", "hate", "mind", "apologize",
    "apologise", "congratulate", "blame", "praise", "criticize", "criticise", "punish", "fine",
}
_REPORT = {
    "say", "tell", "report", "announce", "state", "write", "add", "explain", "mention", "insist",
    "argue", "testify", "reply", "respond", "warn", "declare", "assert", "maintain", "indicate",
    "inform", "recount", "describe", "comment", "tweet", "post", "quote", "reiterate", "stress",
    "emphasize", "emphasise", "point", "according", "disclose", "signal", "predict", "statement",
    "announcement", "answer", "complain", "boast", "brag", "concede", "agree",
}
_HEARSAY = {"claim", "allege", "rumor", "rumour", "allegation", "purport", "hint"}
_BELIEF = {
    "think", "believe", "suppose", "guess", "feel", "assume", "suspect", "expect", "reckon",
    "imagine", "figure", "presume", "estimate", "sense", "gather", "seem", "appear", "likely",
    "probable", "sure", "confident", "convinced", "evidence", "sign", "indication", "suggest",
    "belief", "view", "opinion", "impression", "understanding", "apparent", "bet", "hope", "trust",
}
_POSSIBLE = {"possible", "fear", "worry", "afraid", "concern", "concerned", "speculate", "possibility",
             "hypothesize", "risk", "conceivable", "potential", "uncertain", "unsure", "unclear"}
_UNKNOWN = {"wonder", "ask", "inquire", "investigate", "check", "decide", "determine", "question",
            "see", "know", "find", "learn", "figure", "tell", "test", "examine", "consider"}
# words that call what they are said of false ("the claim that P is untrue", "a lie")
FALSITY = {"false", "untrue", "wrong", "unfounded", "baseless", "groundless", "inaccurate", "incorrect",
           "erroneous", "bogus", "nonsense", "lie", "myth", "fabrication", "fiction", "falsehood", "hoax"}
_DENIAL = {"deny", "dispute", "reject", "refute", "contradict", "disprove", "dismiss", "rebut",
           "denial", "doubt"} | FALSITY
_IMPLICATIVE = {
    "manage", "begin", "start", "continue", "get", "happen", "proceed", "bother", "dare", "succeed",
    "keep", "resume", "tend", "come", "turn", "end", "make", "let", "help", "cause", "force", "see",
    "watch", "hear", "feel", "spend", "take", "finish", "enjoy", "compel", "lead", "convince",
    "persuade", "oblige", "remember", "able", "enable", "allow", "permit", "authorize", "authorise",
    "elect", "choose", "decide", "opt", "hurry", "rush", "stay", "remain", "go", "volunteer", "agree",
}
_IMPLICATIVE_WHEN_PAST = {"decide", "choose", "opt", "agree", "allow", "permit", "authorize", "authorise",
                          "elect", "convince", "persuade", "lead", "ask", "tell", "invite", "encourage",
                          "urge", "order", "get", "volunteer", "go", "come", "help", "have", "need",
                          "use", "call", "send", "pay", "hire", "train", "work", "wait", "stop"}
_NEG_IMPLICATIVE = {"fail", "forget", "refuse", "decline", "neglect", "avoid", "refrain", "prevent",
                    "hesitate", "omit", "unable", "too", "miss", "failure", "refusal", "stop", "quit",
                    "cease", "ban", "forbid", "prohibit", "block", "bar", "save", "spare"}
_INTEND = {
    "want", "wanna", "plan", "intend", "hope", "try", "attempt", "need", "wish", "promise", "aim",
    "seek", "like", "prefer", "ask", "order", "urge", "encourage", "require", "propose", "vote",
    "threaten", "prepare", "offer", "mean", "expect", "schedule", "set", "due", "supposed", "ready",
    "willing", "eager", "intention", "effort", "chance", "opportunity", "bid", "proposal", "way",
    "request", "call", "demand", "push", "move", "deal", "decision", "desire", "goal", "right",
    "permission", "responsibility", "time", "place", "recommend", "suggest", "advise", "invite",
    "instruct", "pressure", "remind", "beg", "pray", "wait", "look", "strive", "struggle", "arrange",
    "pledge", "vow", "commit", "consider", "about", "bound", "certain", "hard", "easy", "difficult",
    "impossible", "important", "necessary", "essential", "vital", "crucial", "best", "better",
    "enough", "gonna", "gotta", "reason", "need", "plan", "idea", "hope", "dream", "mission",
}
_MANDATIVE = {"essential", "important", "necessary", "vital", "crucial", "imperative", "demand",
              "require", "request", "recommend", "propose", "urge", "insist", "suggest", "ask", "order",
              "hope", "wish", "pray", "ensure", "sure", "make"}
_PERFORMATIVE = {"thank", "invite", "ask", "inform", "say", "apologize", "apologise", "congratulate",
                 "welcome", "express", "remind", "introduce", "announce", "share", "point", "add",
                 "let", "mention", "note", "wish", "extend", "offer", "confirm", "tell"}
_HEDGED_PERFORMATIVE = {"argue", "say", "suggest", "think", "imagine", "guess", "bet", "add", "note"}
_DROPPED_I = {"hope", "thank", "wish", "need", "want", "love", "miss"}
_MODALS = {"will": "future", "shall": "future", "'ll": "future", "wo": "future", "ll": "future",
           "would": "hypothetical", "'d": "hypothetical", "d": "hypothetical",
           "may": "possible", "might": "possible", "could": "possible",
           "can": "ability", "ca": "ability", "cannot": "ability",
           "should": "obligation", "must": "obligation", "ought": "obligation", "shalt": "future"}
_HEDGE_ADVERBS = {
    "allegedly": "probable", "reportedly": "probable", "supposedly": "probable", "apparently": "probable",
    "probably": "probable", "likely": "probable", "presumably": "probable", "seemingly": "probable",
    "purportedly": "probable", "ostensibly": "probable", "possibly": "possible", "perhaps": "possible",
    "maybe": "possible", "conceivably": "possible", "potentially": "possible",
}
_NEGATIVE_WORDS = {"nothing", "nobody", "none", "noone", "nowhere", "neither", "no one"}
_CONDITIONAL_MARKS = {"if", "unless", "lest", "provided", "providing", "supposing", "assuming", "whenever",
                      "wherever", "whoever", "whatever", "case"}
_FACTUAL_MARKS = {"because", "since", "although", "though", "after", "as", "while", "whereas", "cause",
                  "cuz", "despite", "now", "given", "so"}
_TEMPORAL_MARKS = {"when", "before", "until", "till", "once", "by", "soon"}

_LEVEL = {c: i for i, c in enumerate(CERTAINTIES)}
# Mean UDS-IH2 values of each kind of judgement, read on half "a" of dev and rounded. Annotators
# often count a negated state as a situation that holds ("I don't know", "we never had a problem").
_VALUE = {"certain": 2.0, "probable": 1.5, "possible": -0.5, "unknown": -0.6}
_TENSE_VALUE = {"past": 2.6, "present": 2.2, "untensed": 1.0}  # of certain, positive, actual events
_GENERIC_VALUE = 1.6  # "you get what you pay for": a general truth, not one event
_GENERIC_SUBJECTS = {"you", "they", "one", "people", "everyone", "anyone", "someone", "u", "ya"}
_NEGATED_VALUE = {"certain": -0.6, "probable": -0.5, "possible": -0.5, "unknown": -0.6}
_NEGATED_STATE_VALUE = 0.6
_UNREALISED = {"future": -1.5, "intended": -1.0, "hypothetical": -0.5, "imperative": -1.1, "question": 0.0}
_STATES = {"know", "want", "like", "have", "need", "think", "care", "mind", "understand", "believe", "remember",
           "love", "hate", "own", "seem", "matter", "be", "mean", "feel", "expect", "recall", "deserve", "help",
           "kid", "agree", "see", "get", "wanna", "look", "sound", "bode", "recommend", "exist", "realize"}


@dataclass(frozen=True)
class Factuality:
    """The author's (or a source's) view of whether an event happened."""
    polarity: str  # positive | negative
    certainty: str  # certain | probable | possible | unknown
    mood: str = "actual"  # actual | future | intended | hypothetical | imperative | question
    reported: bool = False  # known only through someone's report ("officials said")
    cues: tuple[str, ...] = ()  # the words that decided it, outermost first
    state: bool = False  # the predicate names a state ("know", "have"), not an event
    tense: str = "untensed"  # past (or perfect) | present | untensed (infinitive, gerund, bare verb)
    generic: bool = False  # a present-tense truth about anyone ("you get what you pay for")

    @property
    def value(self) -> float:
        """On UDS-IH2's scale: 3 certainly happened, -3 certainly did not, 0 no idea."""
        if self.mood != "actual":
            return _UNREALISED[self.mood] - (0.8 if self.certainty == "possible" else 0.0)
        if self.polarity == "positive":
            if self.certainty != "certain":
                return _VALUE[self.certainty]
            return _GENERIC_VALUE if self.generic else _TENSE_VALUE[self.tense]
        if self.state and self.certainty == "certain":
            return _NEGATED_STATE_VALUE
        return _NEGATED_VALUE[self.certainty]

    @property
    def happened(self) -> bool:
        return self.mood == "actual" and self.polarity == "positive" and self.certainty in {"certain", "probable"}

    def hedged(self, certainty: str, cue: str) -> "Factuality":
        """No more certain than `certainty`."""
        if _LEVEL[certainty] <= _LEVEL[self.certainty]:
            return self
        return replace(self, certainty=certainty, cues=self.cues + (cue,))

    def negated(self, cue: str) -> "Factuality":
        return replace(self, polarity="negative" if self.polarity == "positive" else "positive",
                       cues=self.cues + (cue,))

    def unrealised(self, mood: str, cue: str) -> "Factuality":
        """Not (yet) real: the first reason given stays the mood."""
        if self.mood != "actual":
            return replace(self, cues=self.cues + (cue,))
        return replace(self, mood=mood, cues=self.cues + (cue,))


_CERTAIN = Factuality("positive", "certain")


def _fresh(mood: str = "actual", certainty: str = "certain", cue: str = "", negative: bool = False,
           reported: bool = False) -> Factuality:
    return Factuality("negative" if negative else "positive", certainty, mood, reported, (cue,) if cue else ())


def factuality(token) -> Factuality:
    """The author's view of whether the event of predicate `token` happened."""
    return _factuality(token, depth=0, stop=None)


def claim_factuality(doc, content_span, cue_token) -> tuple[str, str]:
    """(polarity, certainty) of a claim's content as its source puts it.

    `content_span` is a spaCy Span or a (start_char, end_char) pair. An author sure that an
    official spoke does not make the official sure: only what lies between the content's
    predicate and the cue, and the cue's meaning ("denied", "believes", "did not deny"), count."""
    span = content_span
    if isinstance(span, tuple):
        span = doc.char_span(span[0], span[1], alignment_mode="expand")
    if span is None or not len(span):
        return "positive", "certain"
    head = span.root
    if head.lemma_.lower() in {"seem", "appear"}:
        # "he seems to be able to share it": the claim is the complement, which "seems" hedges
        head = next((c for c in head.children if c.dep_ == "xcomp" and span.start <= c.i < span.end), head)
    inner = _factuality(head, depth=0, stop=cue_token)
    if inner.mood == "question":
        inner = replace(inner, mood="actual", certainty="unknown")
    # "No official said", "no one believes": a cue whose subject is no one asserts nothing
    no_one = any(c.dep_ in {"nsubj", "nsubjpass"} and _negative_quantifier(c) for c in _kids(cue_token))
    cue_state = Factuality("negative" if _negated(cue_token) or no_one else "positive", "certain")
    outer = _complement(cue_state, cue_token, span.root, _lemma(cue_token), as_claim=True)
    state = inner.negated(cue_token.lower_) if outer.polarity == "negative" else inner
    state = state.hedged(outer.certainty, cue_token.lower_)
    if outer.mood == "intended" and _lemma(cue_token) in _WISHES:
        # "hoping she would see them", "wants the minister to resign": a wish, which says nothing
        # of whether it is so
        return state.polarity, "unknown"
    return state.polarity, state.certainty


# -- the predicate's own clause -----------------------------------------------------------------

# Forms the small English model lemmatises wrongly ("hopes", "hoped", "hoping" -> "hop"), found
# by running the cue verbs of attributions/lexicon.py through it in their three inflected forms.
_LEMMAS = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}
_WISHES = {"hope", "wish", "want", "pray", "desire"}  # verbs of wanting, from English usage


def _lemma(token) -> str:
    return _LEMMAS.get(token.lower_) or token.lemma_.lower()


def _clause_head(token):
    """Where a predicate's clause features live: for "is unlikely", "got married" the verb."""
    if token.dep_ in {"acomp", "attr", "oprd"} and token.head.pos_ in {"AUX", "VERB"} and token.head.i != token.i:
        return token.head
    return token


def _kids(token) -> list:
    """token.children, from the document's Parse: the rules below ask for them again and again."""
    return parse_of(token.doc).kids(token.i)


def _children(token):
    head = _clause_head(token)
    return _kids(head) + (_kids(token) if head is not token else [])


def _negated(token) -> bool:
    kids = _children(token)
    if any(c.dep_ == "neg" or c.lower_ in {"never", "nt"} and c.dep_ in {"advmod", "neg"} for c in kids):
        return True
    return any(c.lower_ in _NEGATIVE_WORDS and c.dep_ in {"nsubj", "nsubjpass", "dobj"} for c in kids)


def _finite(head) -> bool:
    """Tensed, or with a tensed auxiliary: a clause of its own, not an infinitive or participle."""
    if head.tag_ in {"VBD", "VBZ", "VBP", "MD"}:
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {"MD", "VBD", "VBZ", "VBP"} for c in _kids(head))


def _infinitive(head) -> bool:
    """'to' and the bare verb: "plans to build"."""
    return head.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in _kids(head))


def _bare(head) -> bool:
    """A bare verb complement: "let me know", "help me find", "made him leave"."""
    return head.tag_ == "VB" and head.dep_ in {"ccomp", "xcomp"} and not _finite(head) and \
        not any(c.dep_ == "aux" for c in _kids(head))


def _local(token, state: Factuality) -> Factuality:
    """Negation, modals, the future, hedges, conditions, imperatives and questions of the clause."""
    head = _clause_head(token)
    kids = _children(token)
    auxes = [c for c in kids if c.dep_ in {"aux", "auxpass"} and c.i < token.i]
    perfect = any(a.lemma_ == "have" and a.lower_ not in {"to"} for a in auxes) and token.tag_ == "VBN"
    negated = _negated(token)
    for c in kids:
        if c.dep_ in {"advmod", "advcl", "npadvmod"} and c.lower_ in _HEDGE_ADVERBS:
            state = state.hedged(_HEDGE_ADVERBS[c.lower_], c.lower_)
    marks = {c.lower_ for c in kids if c.dep_ in {"mark", "advmod"} and c.i < head.i}
    if {"as", "if"} <= marks or {"as", "though"} <= marks:  # "it looks as if Hamas has given up"
        state = state.hedged("probable", "as if")
    elif marks & _CONDITIONAL_MARKS:
        state = state.unrealised("hypothetical", next(iter(sorted(marks & _CONDITIONAL_MARKS))))
    modal = next((a for a in auxes if a.tag_ == "MD" or a.lower_ in _MODALS), None)
    if modal is not None:
        kind = _MODALS.get(modal.lower_, "possible")
        if negated and (kind == "ability" or modal.lower_ == "could"):  # "can't find it", "could not find"
            return _mood(head, kids, auxes, state.negated(modal.lower_ + " not"))
        if modal.lower_ in {"would", "'d"} and head.lemma_ in _HEDGED_PERFORMATIVE:
            return _mood(head, kids, auxes, state)  # "I would like to", "I would argue that"
        state = _modal(state, kind, modal.lower_, perfect)
    elif any(a.lower_ in {"gon", "gonna"} for a in auxes) or _going(head, auxes):
        state = state.unrealised("future", "going")
    if negated and (state.mood == "actual" or modal is None):
        state = state.negated("not")
    if state.polarity == "negative" and head.lemma_.lower() in _STATES:
        state = replace(state, state=True)
    tense = _tense(token, head, auxes)
    if tense == "untensed" and state.mood == "actual":  # "managed to escape": as the managing
        tense = state.tense
    generic = tense == "present" and any(c.dep_ in {"nsubj", "nsubjpass"} and _generic_subject(c) for c in kids)
    state = replace(state, tense=tense, generic=generic)
    return _mood(head, kids, auxes, state)


def _generic_subject(subject) -> bool:
    """'you', 'people', 'cats' (a bare plural), 'anyone who ...', 'all those that ...'."""
    if subject.lower_ in _GENERIC_SUBJECTS:
        return True
    if subject.tag_ == "NNS" and not any(c.dep_ in {"det", "poss", "nummod"} for c in _kids(subject)):
        return True
    if subject.tag_ in {"WDT", "WP"} and subject.head.dep_ == "relcl":
        noun = subject.head.head
        return noun.lower_ in _GENERIC_SUBJECTS | {"those", "all", "anybody", "whoever"} or _generic_subject(noun)
    return False


def _tense(token, head, auxes) -> str:
    """Past events are the surest; the present is often a habit or a general truth."""
    tags = {head.tag_} | {a.tag_ for a in auxes}
    if "VBD" in tags or token.tag_ == "VBN" and (not auxes or any(a.lemma_ == "have" for a in auxes)):
        return "past"
    if tags & {"VBZ", "VBP", "MD"}:
        return "present"
    return "untensed"


def _going(head, auxes) -> bool:
    """'We are going to Del Frisco's', '2005 is going to rock': the progressive of going."""
    return head.lemma_ == "go" and head.tag_ == "VBG" and any(
        a.lemma_ == "be" and a.tag_ in {"VBP", "VBZ"} for a in auxes)


def _mood(head, kids, auxes, state: Factuality) -> Factuality:
    if _imperative(head, kids, auxes):
        return state.unrealised("imperative", head.lower_)
    if _question(head, auxes):
        return state.unrealised("question", "?")
    return state


def _modal(state: Factuality, kind: str, word: str, perfect: bool) -> Factuality:
    if kind == "future":
        return state.unrealised("future", word)
    if kind == "possible":
        state = state.hedged("possible", word)
        return state if perfect else state.unrealised("hypothetical", word)
    if kind == "hypothetical":
        if perfect:  # "would have gone": it did not
            return state.negated(word + " have").hedged("probable", word)
        return state.unrealised("hypothetical", word)
    if kind == "obligation":
        if perfect:  # "must have left" is a guess; "should have told us" says one did not
            return state.hedged("probable", word) if word == "must" else \
                state.negated(word + " have").hedged("probable", word)
        return state.unrealised("intended", word)
    if kind == "ability":  # "you can find it downtown": can, not did
        return state.hedged("possible", word)
    return state


def _imperative(head, kids, auxes) -> bool:
    """A command: a bare verb without subject heading its sentence, or a chain of them."""
    please = any(c.lower_ in {"please", "pls", "plz", "kindly"} for c in kids)
    if head.tag_ != "VB" and not (please and head.dep_ == "ROOT" and head.tag_ in {"NN", "VBP", "NNP"}):
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in kids) or any(a.lemma_ != "do" for a in auxes):
        return False
    if _lemma(head) in _DROPPED_I and not please and not auxes:  # "Hope this helps", "Need help now!"
        return False
    node = head
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
        if any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in _kids(node)) or \
                node.tag_ not in {"VB", "NN", "VBP", "NNP"}:
            return False
    if node.dep_ not in {"ROOT", "parataxis", "dep"}:
        return False
    return not any(c.dep_ in {"aux", "auxpass"} and c.lemma_ != "do" for c in _kids(node))


def _question(head, auxes) -> bool:
    """A yes/no question about the predicate ("did he go?", "want a burger?"). Wh-questions
    ("where did you grow up?") take their event for granted and do not count."""
    if text_of(head.doc).find("?", *parse_of(head.doc).sentence_chars(head.i)) < 0:
        return False  # cheap first: most sentences hold no question mark at all (Span.text joins its tokens)
    sent = head.sent
    words = [t for t in sent if not t.is_space]
    if not any("?" in t.text for t in words[-3:]):
        return False
    node = head
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ != "ROOT":
        return False
    if any(t.tag_ in {"WP", "WRB", "WDT", "WP$"} and t.i < node.i for t in node.subtree):
        return False
    subject = next((c for c in _kids(node) if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
    if subject is None:
        return node.i == sent.start or node.tag_ == "VB"
    node_auxes = [c for c in _kids(node) if c.dep_ in {"aux", "auxpass"}] if node is not head else auxes
    return any(a.i < subject.i for a in node_auxes) or node.lemma_ == "be" and node.i < subject.i


# -- the chain of embedding clauses -------------------------------------------------------------

_MAX_DEPTH = 8


_MEMO = ("storyline", "factuality")  # doc.user_data key: judgements already made in this document


def _factuality(token, depth: int, stop) -> Factuality:
    """Kept per document: the events and claims of one sentence climb the same governors."""
    memo = token.doc.user_data.setdefault(_MEMO, {})
    key = (token.i, depth, -1 if stop is None else stop.i)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _local(token, _context(_clause_head(token), depth, stop))
    return found


def _context(head, depth: int, stop) -> Factuality:
    """What the clause headed by `head` inherits from the words above it."""
    gov = head.head
    if depth > _MAX_DEPTH or gov is head or head.dep_ in {"ROOT", "parataxis"} or (stop is not None and gov == stop):
        return _CERTAIN
    if head.dep_ == "conj":
        return _conjunct(head, depth, stop)
    gov_state = _state_of(gov, depth + 1, stop)
    if head.dep_ == "pobj" and head.pos_ in {"NOUN", "PROPN"} and gov.lower_ in _OF_A_NOUN \
            and gov.head.pos_ == "NOUN":
        return _event_noun(gov_state, gov, head)  # "plans for a merger", "her bid for the nomination"
    if head.dep_ in {"advcl"} or head.dep_ in {"pcomp", "pobj"} and gov.pos_ == "ADP":
        return _adverbial(gov_state, gov, head)
    if head.dep_ in {"csubj", "csubjpass"}:  # "what you say makes sense"; "having a pet is not easy"
        return _fresh("hypothetical", cue=gov.lower_) if head.tag_ in {"VBG", "VB"} and \
            not _past(gov) else _CERTAIN
    if head.dep_ in {"ccomp", "xcomp", "oprd", "acomp"}:
        return _complement(gov_state, gov, head, _lemma(gov), as_claim=False)
    if head.dep_ in {"acl", "relcl"}:
        return _noun_clause(gov_state, gov, head)
    if head.dep_ in {"amod", "compound"}:  # "retiring judges", "the resulting scores": a description
        return _CERTAIN
    if head.tag_ in {"VBN", "VBG"} and gov_state.mood != "question":  # participles share their clause
        return replace(gov_state, polarity="positive")
    if head.pos_ in {"NOUN", "PROPN"}:
        return _event_noun(gov_state, gov, head)
    return _CERTAIN


_OF_A_NOUN = {"of", "over", "about", "for", "on"}  # prepositions by which a noun governs an event noun


def _event_noun(gov_state: Factuality, gov, noun) -> Factuality:
    """An event named by a noun takes its clause's factuality, or what the word above it makes of it:
    "fears of a recession" (possible), "plans for a merger" (intended), "denied the meeting"."""
    word = gov.head if noun.dep_ == "pobj" and gov.lower_ in _OF_A_NOUN else gov
    lemma = _lemma(word)
    if noun.dep_ not in {"pobj", "dobj", "nsubjpass", "attr"} or word is not gov and word.pos_ not in {"NOUN", "VERB"}:
        return replace(gov_state, polarity="positive")
    if lemma in _POSSIBLE | {"hope", "prospect", "threat", "danger", "expect", "predict", "forecast", "anticipate"}:
        return _fresh(certainty="possible", cue=lemma)
    if lemma in {"plan", "effort", "attempt", "bid", "proposal", "propose", "seek", "want", "call", "push",
                 "demand", "urge", "aim", "offer", "request"}:
        return _fresh("intended", cue=lemma)
    if lemma in _DENIAL | {"prevent", "avoid", "cancel", "stop", "halt", "block", "ban", "rule"}:
        return _fresh(cue=lemma, negative=True) if gov_state.polarity == "positive" and gov_state.mood == "actual" \
            else _fresh(certainty="unknown", cue=lemma)
    return replace(gov_state, polarity="positive")


def _state_of(gov, depth: int, stop) -> Factuality:
    """The factuality of the clause `gov` belongs to: a noun or preposition takes its verb's."""
    node = gov
    for _ in range(4):
        if node.pos_ in {"VERB", "AUX"} or node.head.i == node.i or node.dep_ in {"ROOT", "conj"} or \
                (stop is not None and node.head == stop):
            break
        node = node.head
    if node.pos_ not in {"VERB", "AUX"} and node is not gov:
        node = gov
    state = _factuality(node, depth, stop)
    if node is not gov and _negative_quantifier(gov):
        state = state.negated(gov.lower_)
    return state


def _conjunct(head, depth: int, stop) -> Factuality:
    """A coordinated verb shares what embeds the first one; without a subject of its own it also
    shares its modal, mood and negation ("will come and eat", "give them away or burn them")."""
    first = head
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    own_subject = any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in _kids(head))
    if own_subject and _finite(head) and not _finite(first):
        return _CERTAIN  # a new clause the parser hung on an infinitive
    context = _CERTAIN if stop is not None and first.head == stop else _context(first, depth + 1, stop)
    if not own_subject and not any(c.dep_ == "aux" for c in _kids(head)):
        return _local(first, context)
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in _kids(first)):
        return context.unrealised("hypothetical", "if")
    return context


def _negative_quantifier(noun) -> bool:
    return noun.lower_ in _NEGATIVE_WORDS or any(
        c.lower_ in {"no", "zero"} and c.dep_ in {"det", "neg"} for c in _kids(noun))


def _past(gov) -> bool:
    """Past or perfect ("called", "has had"), not a present passive ("is expected")."""
    auxes = [c for c in _kids(gov) if c.dep_ in {"aux", "auxpass"}]
    if gov.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return True
    return gov.tag_ == "VBN" and not any(a.tag_ == "MD" or a.lemma_ == "be" and a.tag_ != "VBD" for a in auxes)


def _noun_clause(gov_state: Factuality, noun, head) -> Factuality:
    """Relative clauses and clauses completing a noun ("a plan to build", "the claim that")."""
    if _negative_quantifier(noun):  # "found nothing to suggest", "no evidence that"
        return _fresh(cue=noun.lower_, negative=True, certainty="certain" if _infinitive(head) else "probable")
    if noun.lemma_ == "order" and noun.head.lower_ == "in":  # "in order to": a purpose
        return _purpose(gov_state, noun.head.head)
    if head.dep_ == "relcl" and not _infinitive(head):
        if gov_state.mood in {"hypothetical", "future"} and head.tag_ in {"VBP", "VBZ", "VB"}:
            return _fresh(gov_state.mood, cue=noun.lower_)
        return _CERTAIN
    if head.tag_ in {"VBN", "VBG"} and not _infinitive(head):  # "payments deposited to your account"
        return replace(gov_state, polarity="positive") if gov_state.mood != "question" else _CERTAIN
    lemma = noun.lemma_.lower()
    if _infinitive(head):
        if lemma in _FACTIVE:
            return _CERTAIN
        if gov_state.mood != "actual" or lemma in _INTEND - {"chance", "opportunity", "time", "way", "place"}:
            return _fresh("intended", cue=lemma) if gov_state.mood == "actual" else \
                replace(gov_state, polarity="positive", cues=gov_state.cues + (lemma,))
        return _fresh(certainty="possible", cue=lemma)  # "a role to play", "a place to eat": open
    return _complement(gov_state, noun, head, lemma, as_claim=False)


def _complement(gov_state: Factuality, gov, head, lemma: str, as_claim: bool) -> Factuality:
    """A complement clause under an embedding verb, noun or adjective."""
    negated = gov_state.polarity == "negative"
    realised = gov_state.mood == "actual"
    marks = {c.lower_ for c in _kids(head) if c.dep_ == "mark"}
    if _negative_quantifier(gov):
        return _fresh(cue=gov.lower_, negative=True, certainty="probable")
    if marks & {"if", "whether"} or lemma in {"wonder", "ask", "inquire"} and not _infinitive(head):
        return _fresh(certainty="unknown", cue=lemma)
    if lemma == "be" and _pseudo_cleft(gov):  # "all you have to do is sign up"
        return _fresh("intended", cue="do")
    if _infinitive(head) and any(c.tag_ in {"WRB", "WP"} for c in _kids(head)):  # "how to make"
        return _fresh("intended", cue="how to")
    if _infinitive(head) or head.dep_ in {"xcomp", "oprd", "acomp"} or _bare(head):
        return _nonfinite(gov_state, gov, head, lemma)
    if lemma == "be":  # "it is essential that", "it is clear that": the adjective decides
        complement = next((c for c in _kids(gov) if c.dep_ in {"acomp", "attr"} and c.i < head.i), None)
        if complement is not None:
            lemma = complement.lemma_.lower()
    if head.tag_ == "VBG" and lemma in _NEG_IMPLICATIVE:  # "stopped smoking", "avoided paying"
        return gov_state.negated(lemma) if realised and not negated else _fresh(cue=lemma)
    if lemma == "rule" and any(c.lower_ == "out" for c in _kids(gov)):  # "cannot rule out that"
        return _fresh(certainty="possible", cue="rule out") if negated else _fresh(cue="rule out", negative=True)
    if lemma in _DENIAL:
        if negated:  # "did not deny that": probably so
            return _fresh(certainty="probable", cue=lemma)
        return _fresh(cue=lemma, negative=True, certainty="probable" if lemma == "doubt" else "certain")
    if lemma in _FACTIVE and lemma not in {"see", "find", "hear", "learn", "know"} or \
            lemma in _FACTIVE and realised and not negated:
        return _fresh(cue=lemma)
    if lemma in _HEARSAY:
        if negated:
            return _fresh(certainty="unknown", cue=lemma)
        return _fresh(certainty="certain" if as_claim else "probable", reported=not as_claim, cue=lemma)
    if lemma in _REPORT:
        if negated:
            return _fresh(certainty="unknown", cue=lemma)
        if not realised and not as_claim:
            return replace(gov_state, cues=gov_state.cues + (lemma,))
        return _fresh(reported=not as_claim, cue=lemma)
    if lemma in _MANDATIVE and not head.tag_ == "VBD":
        return _fresh("intended", cue=lemma)
    if lemma in _BELIEF:
        if negated and gov.pos_ in {"VERB", "AUX"}:  # "I don't think he left": negation raised
            return _fresh(certainty="probable", cue=lemma, negative=True)
        return _fresh(certainty="probable", cue=lemma)
    if lemma in _POSSIBLE:
        return _fresh(certainty="possible", cue=lemma)
    if lemma in _UNKNOWN:
        return _fresh(certainty="unknown", cue=lemma)
    return _CERTAIN


def _pseudo_cleft(be) -> bool:
    """'What I would like to do is ...', 'All you have to do is ...': the subject is a task."""
    for subject in (c for c in _kids(be) if c.dep_ in {"nsubj", "csubj"}):
        if any(t.lemma_ == "do" and t.pos_ == "VERB" for t in subject.subtree):
            return True
    return False


def _nonfinite(gov_state: Factuality, gov, head, lemma: str) -> Factuality:
    """An infinitive or bare complement: implicatives, intentions, raising and control."""
    realised = gov_state.mood == "actual"
    negated = gov_state.polarity == "negative"
    if _finite(head):  # a tensed clause the parser called xcomp
        return _CERTAIN
    if lemma in _NEG_IMPLICATIVE and not (lemma in {"stop", "quit", "cease"} and not _infinitive(head)) \
            or lemma in {"stop", "quit", "cease"} and head.tag_ == "VBG":
        if not realised:
            return replace(gov_state, cues=gov_state.cues + (lemma,))
        return replace(gov_state, polarity="positive" if negated else "negative", cues=gov_state.cues + (lemma,))
    if lemma in {"seem", "appear", "likely", "probable"}:
        state = gov_state.hedged("probable", lemma)
        if lemma in {"seem", "appear"}:
            return state  # "appeared to dismiss the issue in October": probably did, then
        return state if head.tag_ == "VBN" else state.unrealised("future", lemma)
    if lemma == "unlikely":
        return _fresh("future", cue=lemma, negative=True, certainty="probable")
    if lemma in {"like", "love", "want", "wish"} and head.lemma_ in _PERFORMATIVE and \
            any(c.dep_ == "aux" and c.lower_ in {"would", "'d"} for c in _kids(gov)):
        return _CERTAIN  # "I would like to thank you": saying so does it
    if lemma in {"go", "about", "bound", "due", "gonna"} and _infinitive(head):
        return gov_state.unrealised("future", lemma)
    if lemma in {"have", "need", "gotta", "supposed", "ought"} and _infinitive(head):
        if _past(gov) and realised:  # "had to pay": did
            return gov_state
        return _fresh("intended", cue=lemma)
    if lemma in _IMPLICATIVE and (lemma not in _INTEND or _past(gov)):
        return gov_state
    if lemma in _IMPLICATIVE_WHEN_PAST and _past(gov) and realised:
        return gov_state
    if lemma == "try" and head.tag_ == "VBG":  # "tried calling them": did
        return gov_state
    if lemma in _FACTIVE and _infinitive(head):  # "glad to help", "great to have you"
        return _CERTAIN
    if lemma in _INTEND or _infinitive(head):
        return _fresh("intended", cue=lemma)
    return gov_state


def _purpose(gov_state: Factuality, gov) -> Factuality:
    """What one did something for: probably done when the doing is past ("called to check")."""
    if _past(gov) and gov_state.mood == "actual":
        return _fresh(certainty="probable", cue="to")
    return _fresh("intended", cue="to")


_RESULT_VERBS = {"end", "close", "finish", "reach", "settle", "stand", "hit", "stop", "find", "see", "learn",
                 "discover", "become", "leave", "return"}


def _adverbial(gov_state: Factuality, gov, head) -> Factuality:
    """Adverbial clauses and prepositional gerunds: conditions, purposes, causes and times."""
    prep = gov.lower_ if gov.pos_ == "ADP" else ""
    marks = {c.lower_ for c in _kids(head) if c.dep_ in {"mark", "advmod"} and c.i < head.i}
    words = marks | ({prep} if prep else set())
    if prep and gov.i > 0:  # "instead of", "rather than", "prior to"
        words.add(gov.doc[gov.i - 1].lower_)
    if words & _CONDITIONAL_MARKS and "as" not in words:
        return _fresh("hypothetical", cue=sorted(words & _CONDITIONAL_MARKS)[0])
    if "whether" in words:
        return _fresh(certainty="unknown", cue="whether")
    if words & {"without", "instead", "rather", "than", "against"}:
        if gov_state.mood == "actual":
            return _fresh(negative=True, cue=sorted(words & {"without", "instead", "rather", "than", "against"})[0])
        return replace(gov_state, polarity="positive")
    if _infinitive(head) and gov.lemma_.lower() in _FACTIVE:  # "great to have you on board"
        return _CERTAIN
    if _infinitive(head) and head.lemma_ in _RESULT_VERBS and _past(gov) and gov_state.mood == "actual":
        return gov_state  # "the index fell 3% to end the day at 7,114", "he woke to find it gone"
    if _infinitive(head) or {"so", "order"} <= words | {"order"} and "that" in words:
        return _purpose(gov_state, gov)
    if prep in {"to", "toward", "towards", "about", "for"} and head.tag_ == "VBG" and \
            gov.head.lemma_ in _INTEND | {"commit", "committed", "dedicate", "look"}:
        return _fresh("intended", cue=gov.head.lemma_)
    if words & _TEMPORAL_MARKS:
        if gov_state.mood != "actual":
            mood = gov_state.mood if gov_state.mood != "question" else "hypothetical"
            return _fresh(mood, cue=sorted(words & _TEMPORAL_MARKS)[0])
        return _CERTAIN
    if words & _FACTUAL_MARKS or prep in {"after", "from", "since", "upon", "despite"}:
        return _CERTAIN
    if gov_state.mood not in {"actual", "question"}:
        return replace(gov_state, polarity="positive")
    return _CERTAIN
