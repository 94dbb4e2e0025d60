"""References to the named actors of one article that are not names: pronouns ("he", "its"),
descriptions ("the company", "the senator"), relative pronouns ("Apple, which ...") and a
quoted speaker's own "I".

Each becomes a `Mention` of form "pronoun" or "description" whose canonical name is the one
its antecedent carries, so that cross-article resolution puts it in that actor's entity.

Antecedents are chosen by salience, after Lappin and Leass (1994, "An algorithm for pronominal
anaphora resolution"): every noun phrase adds weight to what it refers to (more as a subject,
less inside a prepositional phrase), and all weights halve at each new sentence. A pronoun goes
to the most salient referent that agrees with it in person, number and sex. Noun phrases that
name no actor ("the deal", "a spokesman") compete too: when one of them is the most salient
agreeing referent, the pronoun is left alone rather than given to an actor. A description goes
to the most salient actor that the article has called by its head noun (in an apposition, a
title, a copula, the name itself) or whose type the noun fits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from storyline.analyse.mentions import honorific_sex, title_office
from storyline.analyse.names import first_name_sex
from storyline.analyse.nlp import text_of
from storyline.records import Attribution, Mention

__all__ = ["references", "PRONOUNS", "person_noun"]

# pronoun -> (sex: "m" | "f" | "" for any, plural)
PRONOUNS = {
    "he": ("m", False), "him": ("m", False), "his": ("m", False), "himself": ("m", False),
    "she": ("f", False), "her": ("f", False), "hers": ("f", False), "herself": ("f", False),
    "it": ("n", False), "its": ("n", False), "itself": ("n", False),
    "they": ("", True), "them": ("", True), "their": ("", True), "theirs": ("", True), "themselves": ("", True),
}
_VISITED = {"NOUN", "PRON", "PROPN", "DET", "SCONJ", "ADJ"}  # parts of speech a reference or rival can have
_FIRST_PERSON = {"i", "me", "my", "mine", "myself"}
_RELATIVE = {"who", "whom", "whose", "which", "that"}
_PERSON_TYPES = {"PERSON"}
_THING_TYPES = {"ORG", "OUTLET", "GPE", "LOC", "FAC", "PRODUCT"}
_PLURAL_TYPES = {"GROUP", "NORP"}

# Lappin and Leass's salience factors (their Table 1), by the role of a noun phrase's head.
_RECENCY, _SUBJECT, _OBJECT, _OBLIQUE, _HEAD, _NON_ADVERBIAL = 100, 80, 50, 40, 80, 50
_FLOOR = 1.0  # below this a referent is forgotten (about seven sentences after its last mention)

# Nouns for people in a role: such a noun phrase is a person, for "he" and "she", but names no actor.
_PERSON_NOUNS = {
    "man", "woman", "person", "people", "boy", "girl", "child", "official", "spokesman", "spokeswoman",
    "spokesperson", "lawyer", "attorney", "aide", "adviser", "advisor", "analyst", "executive", "officer",
    "director", "chief", "chairman", "chairwoman", "president", "minister", "secretary", "senator",
    "governor", "mayor", "leader", "candidate", "nominee", "founder", "father", "mother", "son", "daughter",
    "wife", "husband", "brother", "sister", "friend", "witness", "victim", "suspect", "reporter", "author",
    "writer", "investor", "trader", "economist", "expert", "source", "employee", "worker", "member",
    "soldier", "commander", "general", "judge", "prosecutor", "detective", "police", "king", "queen",
}
# What a description's head noun can call an actor of each type, when the article does not say.
# The words are the usual class nouns of English news for companies, outlets and places.
_TYPE_CLASSES = {
    "ORG": {"company", "firm", "corporation", "group", "organisation", "organization", "business",
            "manufacturer", "maker", "retailer", "giant", "conglomerate"},
    "OUTLET": {"newspaper", "paper", "network", "channel", "broadcaster", "magazine", "outlet",
               "publication", "website", "site", "station", "agency", "daily", "tabloid"},
    "GPE": {"country", "nation", "city", "state", "province", "capital", "town", "kingdom", "republic"},
    "PRODUCT": {"device", "phone", "smartphone", "handset", "tablet", "computer", "laptop", "player", "product",
                "model", "gadget", "software", "app", "system", "car", "vehicle", "aircraft", "plane", "drug",
                "vaccine", "game", "console"},
}
# Nouns that say what kind of thing the name before them is ("the Nasdaq index", "the al-Safir
# newspaper"), unlike those for a body or thing of its own ("the Clinton campaign", "the Apple store").
_KIND_NOUNS = set().union(*_TYPE_CLASSES.values()) | {"index", "average", "exchange", "insurer", "bank", "lender",
                                                      "carrier", "operator", "producer", "automaker", "airline",
                                                      "militia", "movement", "organisation", "organization"}
# Words of a name that also say what it is ("Bank of Japan": the bank; "Nasdaq index": the index).
_NAME_CLASSES = {
    "bank", "index", "exchange", "department", "ministry", "agency", "committee", "commission", "bureau",
    "office", "administration", "council", "court", "party", "army", "police", "university", "company",
    "corporation", "group", "fund", "union", "association", "foundation", "institute", "network",
    "newspaper", "service", "force", "board", "authority", "campaign", "team", "club", "church", "school",
    "hospital", "airline", "airlines", "store", "program", "programme", "reserve", "senate", "house",
    "parliament", "congress", "assembly", "government", "regime", "front", "movement", "militia",
}
_COMPANY_SUFFIXES = {"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "gmbh", "holdings"}
_DETERMINERS = {"the", "this", "that"}


@dataclass
class _Referent:
    canonical: str
    type: str
    sex: str = ""  # "m" | "f" | "" unknown
    plural: bool = False
    actor: bool = True  # False for a noun phrase that names no one ("the deal", "a spokesman")
    person: bool = False
    classes: set[str] = field(default_factory=set)
    salience: float = 0.0


def references(doc, names: list[Mention], attributions: Iterable[Attribution] = (),
               body_start: int = 0) -> list[Mention]:
    """Pronouns, descriptions and relative pronouns of `doc` that refer to an actor named in
    `names` (the article's name mentions, with canonical names), as Mentions of their own."""
    if not names:
        return []
    state = _State(doc, names)
    # a speaker calls himself "I": "he" or "her" inside his own quotation is someone else
    state.quoted = [(a.content_start, a.content_end, a.source.entity, a.source.start) for a in attributions
                    if a.quote in {"direct", "mixed"} and a.source is not None
                    and (a.source.entity is None or _fits_source(a.source, state.referents.get(a.source.entity)))]
    out: list[Mention] = []
    out.extend(state.walk(body_start))
    out.extend(_quoted_speakers(doc, names, attributions, {(m.start, m.end) for m in names + out}))
    return sorted(out, key=lambda m: m.start)


class _State:
    """The walk through one article: referents and their salience, sentence by sentence."""

    def __init__(self, doc, names: list[Mention]):
        self.doc = doc
        self.names = names
        self.referents: dict[object, _Referent] = {}
        self.name_of_token: dict[int, Mention] = {}  # token index -> the name mention it is in
        self.head_of: dict[int, Mention] = {}  # head token index -> its name mention
        self.first_of: dict[int, int] = {}  # head token index -> the name's first token index
        for m in names:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            for tok in span:
                self.name_of_token[tok.i] = m
            self.head_of[span.root.i] = m
            self.first_of[span.root.i] = span.start
        self._describe_names()
        self.resolved: dict[int, str] = {}  # token index of a resolved reference -> canonical
        self.this_sentence: dict[int, float] = {}  # referent -> its largest weight in this sentence
        self.quoted: list[tuple[int, int, str]] = []  # direct quotations and their speakers

    # -- what each actor is called --------------------------------------------------------
    def _describe_names(self) -> None:
        for i, m in self.head_of.items():
            ref = self._referent(m)
            ref.classes |= _classes_of_name(m)
            ref.classes |= _described_as(self.doc[i])
            if ref.person:
                # "ISIS leader Abu Bakr al-Baghdadi": the noun just before the name says what the
                # person is, however the parse hangs it; a noun the parse makes part of the name
                # ("Vanity Fair editor Graydon Carter") is their role, whatever the noun
                first = self.first_of[i]
                before = self.doc[first - 1] if first > 0 else None
                if before is not None and before.pos_ == "NOUN" and (
                        person_noun(before.lemma_.lower()) or before.dep_ == "compound" and before.head.i == i):
                    ref.classes.add(before.lemma_.lower())
        for ref in self.referents.values():
            if ref.person and not ref.sex:
                ref.sex = _sex_of_classes(ref.classes)

    def _referent(self, m: Mention) -> _Referent:
        ref = self.referents.get(m.canonical)
        if ref is None:
            ref = self.referents[m.canonical] = _Referent(
                m.canonical, m.type, plural=m.type in _PLURAL_TYPES, person=m.type in _PERSON_TYPES,
                sex=first_name_sex(m.canonical) or "")
        if m.title and not ref.sex:
            ref.sex = honorific_sex(m.title) or ""
        return ref

    # -- the walk ---------------------------------------------------------------------------
    def _raise(self, ref: _Referent, weight: float) -> None:
        """Add a mention's weight to its referent; within one sentence a referent's factors count
        once (Lappin and Leass), so its best-placed mention there decides, not how often it recurs."""
        key = id(ref)
        gain = max(0.0, weight - self.this_sentence.get(key, 0.0))
        self.this_sentence[key] = max(weight, self.this_sentence.get(key, 0.0))
        ref.salience += gain

    def walk(self, body_start: int) -> list[Mention]:
        from spacy.attrs import IDX, POS, SENT_START
        doc = self.doc
        visited = {doc.vocab.strings[p] for p in _VISITED}
        out = []
        # read the attributes as arrays: making a Token of every word costs more than the walk
        for i, (pos, sent_start, idx) in enumerate(doc.to_array([POS, SENT_START, IDX]).tolist()):
            if sent_start == 1:
                self._new_sentence()
            if idx < body_start or pos not in visited and i not in self.head_of:
                continue
            found = self._visit(doc[i])
            if found is not None:
                out.append(found)
        return out

    def _new_sentence(self) -> None:
        """Halve every weight; forget the noun phrases that no longer weigh anything (an actor is
        kept: a description may name it much later)."""
        for key in [k for k, r in self.referents.items() if not r.actor and r.salience / 2 < _FLOOR]:
            del self.referents[key]
        for ref in self.referents.values():
            ref.salience /= 2
        self.this_sentence = {}

    def _visit(self, tok) -> Mention | None:
        """Add `tok`'s weight to what it refers to; return a Mention when it is a reference."""
        name = self.head_of.get(tok.i)
        if name is not None:
            ref = self._referent(name)
            self._raise(ref, _weight(tok))
            return self._title(tok, name, ref)
        if tok.i in self.name_of_token:
            return None
        low = tok.lower_
        if low in PRONOUNS and tok.pos_ == "PRON" or low in {"his", "its", "their", "her"} and tok.tag_ == "PRP$":
            return self._pronoun(tok)
        if low in _RELATIVE and tok.dep_ in {"nsubj", "nsubjpass", "dobj", "poss"} and tok.head.dep_ == "relcl":
            return self._relative(tok)
        if tok.pos_ == "NOUN" and tok.dep_ not in {"compound", "amod", "npadvmod"}:
            return self._noun(tok)
        return None

    def _title(self, head, name: Mention, ref: _Referent) -> Mention | None:
        """The words before a person's name that say who they are ("Apple CEO Steve Jobs",
        "company CEO Steve Jobs", "former Secretary of State Hillary Clinton"): a description of
        the same person, as an appositive is. Names inside it ("Apple") stay their own."""
        if ref.type != "PERSON":
            return None
        first = self.first_of[head.i]
        doc = self.doc
        run = []
        i = first - 1
        while i >= 0 and i not in self.name_of_token and doc[i].pos_ in {"NOUN", "PROPN", "ADJ", "ADP"} \
                and doc[i].dep_ in {"compound", "amod", "nmod", "prep", "pobj"} and _leads_to(doc[i], head) \
                and doc[i].ent_type_ not in _NOT_TITLES:
            run.append(doc[i])
            i -= 1
        while run and run[-1].pos_ in {"ADP", "ADJ"}:
            run.pop()  # begin at a noun ("former" stays a qualifier, not the description's start)
        if not run or run[0].pos_ not in {"NOUN", "PROPN"} or not any(t.pos_ == "NOUN" or t.text[:1].isupper() for t in run):
            return None
        return _mention(run[-1], run[0], ref, "description")

    def _pronoun(self, tok) -> Mention | None:
        sex, plural = PRONOUNS[tok.lower_]
        if sex == "n" and _pleonastic(tok):
            return None
        bound = self._coarguments(tok)
        bound |= {self._speaker(entity, source_start) for start, end, entity, source_start in self.quoted
                  if start <= tok.idx < end and _inside_quotes(text_of(self.doc), start, tok.idx)} - {None}
        owned = self.head_of.get(tok.head.i) if tok.dep_ == "poss" else None
        if owned is not None:
            bound.add(owned.canonical)  # "their BlackBerrys": not the BlackBerrys
        # a person known to be of the pronoun's sex counts three times one whose sex is not known
        def score(r):
            return r.salience * (3 if sex in {"m", "f"} and r.sex == sex and r.actor else 1)
        ranked = sorted((r for r in self.referents.values() if _agrees(r, sex, plural)
                         and r.salience >= _FLOOR and r.canonical not in bound), key=score, reverse=True)
        best = self._cataphor(tok, sex, plural) or (ranked[0] if ranked else None)
        if best is None:
            return None
        self._raise(best, _weight(tok))
        if not best.actor:
            return None
        self.resolved[tok.i] = best.canonical
        return _mention(tok, tok, best, "pronoun")

    def _speaker(self, entity: str | None, source_start: int | None) -> str | None:
        """Who speaks a quotation: its attribution's entity, else what this walk made of its source
        pronoun ("He states, '... he wanted it better'")."""
        if entity or source_start is None:
            return entity
        tok = next((t for t in self.doc if t.idx == source_start), None) if source_start is not None else None
        return self.resolved.get(tok.i) if tok is not None else None

    def _cataphor(self, tok, sex: str, plural: bool) -> _Referent | None:
        """A pronoun in a phrase put before its clause's subject refers ahead to that subject when
        it is a name that agrees: "Five years after its launch, iTunes replaced ...", "In his
        speech, Obama said ..."."""
        clause = tok
        while clause.dep_ not in {"advcl", "prep", "npadvmod"} and clause.head.i != clause.i:
            clause = clause.head
        verb = clause.head
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if clause.i == verb.i or subject is None or clause.right_edge.i >= subject.left_edge.i:
            return None
        name = self.head_of.get(subject.i) or next(
            (self.head_of[c.i] for c in reversed(list(subject.children))
             if c.dep_ in {"compound", "nmod"} and c.i in self.head_of),
            None)  # "Apple Computer's iTunes downloadable music service": iTunes
        if name is None:
            return None
        ref = self._referent(name)
        return ref if _agrees(ref, sex, plural) else None

    def _coarguments(self, tok) -> set[str]:
        """Names a non-reflexive object pronoun cannot be: the subject of its own verb ("Jobs
        praised him" is not Jobs praising himself). Possessives and reflexives are not bound so."""
        if tok.lower_.endswith(("self", "selves")) or tok.dep_ in {"poss", "nsubj", "nsubjpass"}:
            return set()
        verb = tok.head if tok.dep_ != "pobj" else tok.head.head
        out = set()
        for c in verb.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                name = self.head_of.get(c.i)
                out.add(name.canonical if name is not None else self.resolved.get(c.i))
        return out - {None}

    def _relative(self, tok) -> Mention | None:
        noun = tok.head.head
        name = self.head_of.get(noun.i) or self.name_of_token.get(noun.i)
        canonical = name.canonical if name is not None else self.resolved.get(noun.i)
        if canonical is None or canonical not in self.referents:
            return None
        ref = self.referents[canonical]
        if (tok.lower_ == "who") != ref.person and tok.lower_ in {"who", "which"}:
            return None
        return _mention(tok, tok, ref, "pronoun")

    def _noun(self, tok) -> Mention | None:
        """A common noun heading a noun phrase: an actor's description, or a competitor."""
        appositive = self._apposed_name(tok)
        if appositive is not None and person_noun(tok.lemma_.lower()) and appositive.type != "PERSON":
            appositive = None  # "ISIS leader" is a person, whatever name the parse hangs it on
        if appositive is not None:  # "Steve Jobs, Apple's chief executive": the same referent
            ref = self._referent(appositive)
            self._raise(ref, _weight(tok) / 2)
            if tok.dep_ == "attr":
                return None  # "X is the chief executive" says what X is; it does not refer again
            self.resolved[tok.i] = ref.canonical
            return _mention(_np_start(tok), tok, ref, "description")
        lemma = tok.lemma_.lower()
        plural = tok.tag_ in {"NNS", "NNPS"}
        kids = list(tok.children)
        definite = any(c.dep_ == "det" and c.lower_ in _DETERMINERS for c in kids)
        named = self.head_of.get(tok.i - 1) if tok.i > 0 and tok.doc[tok.i - 1].dep_ == "compound" else None
        if named is not None:  # "the Nasdaq index", "the al-Safir newspaper": the name with what it is
            ref = self._referent(named)
            if ref.type in {"ORG", "OUTLET", "PRODUCT", "GROUP"} and (lemma in ref.classes or lemma in _KIND_NOUNS
                                                                     and _may_be_kind(ref, lemma)):
                ref.classes.add(lemma)
                self.resolved[tok.i] = ref.canonical
                return _mention(_np_start(tok), tok, ref, "description")
        if any(c.pos_ == "PROPN" or c.i in self.name_of_token for c in kids if c.i < tok.i):
            definite = False  # "the Apple store" names its own thing
        owned = any(c.dep_ == "poss" for c in kids)
        followed_by_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in kids)
        if definite and not plural and not owned and not followed_by_of:
            # "this nation" is the writer's more often than the last place named: "this" and "that"
            # take only a class the article gave ("this index" after "X, a stock market index")
            demonstrative = any(c.dep_ == "det" and c.lower_ in {"this", "that"} for c in kids)
            ref = self._description_referent(lemma, own_only=demonstrative)
            if ref is not None:
                self._raise(ref, _weight(tok))
                self.resolved[tok.i] = ref.canonical
                return _mention(_np_start(tok), tok, ref, "description")
        key = ("noun", lemma, plural)
        ref = self.referents.get(key)
        if ref is None:
            ref = self.referents[key] = _Referent(lemma, "", plural=plural, actor=False,
                                                  person=lemma in _PERSON_NOUNS | _FEMALE_NOUNS | _MALE_NOUNS,
                                                  sex=_sex_of_classes({lemma}))
        self._raise(ref, _weight(tok))
        return None

    def _description_referent(self, lemma: str, own_only: bool = False) -> _Referent | None:
        """A description may look further back than a pronoun: any actor named before fits."""
        person = person_noun(lemma)
        fits = [r for r in self.referents.values() if r.actor and not r.plural and r.salience > 0
                and (not person or r.person)
                and (lemma in r.classes or not own_only and lemma in _type_classes(r) and _default_fits(r, lemma))]
        return max(fits, key=lambda r: r.salience, default=None)

    def _apposed_name(self, tok) -> Mention | None:
        """The name `tok` stands in apposition to or is said to be ("X, the chief executive";
        "X is the chief executive"), if any."""
        if tok.dep_ == "appos":
            return self.head_of.get(tok.head.i)
        for child in tok.children:
            if child.dep_ == "appos" and child.i in self.head_of:
                return self.head_of[child.i]
        if tok.dep_ == "attr" and tok.head.lemma_ == "be":
            subject = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return self.head_of.get(subject.i)
        return None


def person_noun(lemma: str) -> bool:
    """A noun for one person ("leader", "wife"), which describes no organisation ("the police"
    is a body)."""
    return lemma != "police" and (lemma in _PERSON_NOUNS or lemma in _FEMALE_NOUNS or lemma in _MALE_NOUNS)



def _leads_to(tok, head) -> bool:
    """Whether `tok`'s chain of heads reaches `head` within the noun phrase."""
    for _ in range(6):
        if tok.i == head.i:
            return True
        if tok.head.i == tok.i or tok.dep_ not in {"compound", "amod", "nmod", "prep", "pobj"}:
            return False
        tok = tok.head
    return False


def _np_start(noun):
    """The first token of the noun phrase `noun` heads, without a possessor ("Apple's chief
    executive" -> "chief executive") or anything after the noun."""
    before = [c for c in noun.children if c.i < noun.i and c.dep_ in {"det", "amod", "compound", "nummod", "nmod"}]
    first = min(before, key=lambda c: c.i) if before else noun
    return min((t for t in first.subtree if t.i >= first.i), key=lambda t: t.i) if first.i != noun.i else noun


def _may_be_kind(ref: _Referent, lemma: str) -> bool:
    """Whether a kind noun after a name can say what the name is: a noun only for products
    ("player", "model") fits a product, or a name that may be one ("the iPhone player"), not a
    body ("a former PGA Tour player" is a person, not the Tour)."""
    only_products = lemma in _TYPE_CLASSES["PRODUCT"] and not any(
        lemma in classes for kind, classes in _TYPE_CLASSES.items() if kind != "PRODUCT")
    return not only_products or ref.type == "PRODUCT" or lemma in _type_classes(ref)


def _type_classes(ref: _Referent) -> set[str]:
    """Class nouns for a referent's type; a camel-case name the model took for an organisation
    ("iPhone") may be a product too."""
    out = _TYPE_CLASSES.get(ref.type, set())
    if ref.type == "ORG" and re.search(r"[a-z][A-Z]", ref.canonical):
        out = out | _TYPE_CLASSES["PRODUCT"]
    return out


def _fits_source(source, ref: _Referent | None) -> bool:
    """Whether a speaker named by a pronoun ("he said") is of the pronoun's sex, as far as the
    article tells: a "he" given to a woman is not trusted to bind anything."""
    sex = PRONOUNS.get(source.text.lower(), ("", False))[0]
    return ref is None or sex not in {"m", "f"} or ref.sex in {"", sex}


def _inside_quotes(text: str, start: int, at: int) -> bool:
    """Whether `at` is inside quotation marks opened at or after `start` (a content's span may
    begin just inside its opening mark, or run on past its closing one)."""
    while start > 0 and text[start - 1] in " \t":
        start -= 1  # '" with great respect': a mark set off by a space
    before = text[max(0, start - 1):at]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


def _default_fits(ref: _Referent, lemma: str) -> bool:
    """A type's class noun fits an actor the article gave no class of that kind: "the company"
    is not the ministry (whose name says what it is)."""
    if ref.type == "ORG":
        return not (ref.classes & _NAME_CLASSES - {"company", "corporation", "group"})
    return True


# Nouns that say a person's sex ("his wife, Saja", "the minister's sister").
_FEMALE_NOUNS = {"wife", "sister", "mother", "daughter", "woman", "girl", "widow", "queen", "actress", "spokeswoman",
                 "chairwoman", "businesswoman", "congresswoman", "grandmother", "aunt", "niece", "girlfriend", "lady"}
_MALE_NOUNS = {"husband", "brother", "father", "son", "man", "boy", "widower", "king", "actor", "spokesman",
               "chairman", "businessman", "congressman", "grandfather", "uncle", "nephew", "boyfriend"}


def _sex_of_classes(classes: set[str]) -> str:
    female, male = bool(classes & _FEMALE_NOUNS), bool(classes & _MALE_NOUNS)
    return "f" if female and not male else "m" if male and not female else ""


def _classes_of_name(m: Mention) -> set[str]:
    words = [w.strip(".,").lower() for w in m.canonical.split()]
    out = {w for w in words[1:] if w in _NAME_CLASSES}
    if words and words[-1] in _COMPANY_SUFFIXES:
        out.add("company")
    if m.title:
        out |= set(title_office(m.title).split()) - {"former", "acting", "vice", "deputy"}
    return out


def _described_as(head) -> set[str]:
    """Class nouns the article gives a name: "AIG, an insurer"; "X is the world's largest retailer"."""
    out = set()
    for child in head.children:
        if child.dep_ == "appos" and child.tag_ == "NN":
            out.add(child.lemma_.lower())
    if head.dep_ == "appos" and head.head.tag_ == "NN":
        out.add(head.head.lemma_.lower())
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        out |= {c.lemma_.lower() for c in head.head.children if c.dep_ == "attr" and c.tag_ == "NN"}
    return out


def _agrees(ref: _Referent, sex: str, plural: bool) -> bool:
    if plural:
        return ref.plural or ref.actor and ref.type == "ORG"
    if ref.plural:
        return False
    if sex == "n":
        return not ref.person and (not ref.actor or ref.type in _THING_TYPES)
    return ref.person and ref.sex in {"", sex}


def _weight(tok) -> float:
    """Lappin and Leass's weight of a noun phrase headed by `tok` (an apposition weighs as the
    noun phrase it stands beside: "The newest iPhone, iPhone 4, was introduced")."""
    if tok.dep_ == "appos" and tok.head.i != tok.i:
        tok = tok.head
    dep = tok.dep_
    w = _RECENCY
    if dep in {"nsubj", "nsubjpass", "csubj"}:
        w += _SUBJECT
    elif dep in {"dobj", "attr", "oprd"}:
        w += _OBJECT
    elif dep == "dative":
        w += _OBLIQUE
    if dep not in {"poss", "compound"}:
        w += _HEAD
    if not (dep == "pobj" or tok.head.dep_ == "prep" and dep != "pobj"):
        w += _NON_ADVERBIAL
    return w


def _pleonastic(tok) -> bool:
    """'It' that refers to nothing: "it is likely that", "it seems", "it was announced that"."""
    if tok.dep_ == "expl":
        return True
    head = tok.head
    if tok.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    clausal = any(c.dep_ in {"ccomp", "xcomp", "csubj"} for c in head.children)
    if head.lemma_ in {"seem", "appear", "happen", "rain", "snow"}:
        return True
    if head.lemma_ == "be":
        return clausal or any(c.dep_ == "acomp" and any(g.dep_ in {"ccomp", "xcomp"} for g in c.children)
                              for c in head.children)
    return tok.dep_ == "nsubjpass" and clausal


def _mention(first, last, ref: _Referent, form: str) -> Mention:
    start, end = first.idx, last.idx + len(last.text)
    return Mention(start=start, end=end, text=text_of(first.doc)[start:end], type=ref.type,
                   canonical=ref.canonical, form=form)


def _quoted_speakers(doc, names: list[Mention], attributions: Iterable[Attribution],
                     taken: set[tuple[int, int]]) -> list[Mention]:
    """"I", "me", "my" inside a direct quote are its speaker, when the speaker is a named person;
    "we", "us", "our" are the body the speaker speaks for: a named organisation speaking, or the
    one a person speaks on behalf of or is named with in the source ("Apple CEO Steve Jobs",
    "Neil Aspinall, manager of Apple Corps")."""
    types = {m.canonical: m.type for m in names}
    text = text_of(doc)
    out = []
    for a in attributions:
        speaker = a.source.entity if a.source is not None else None
        if a.quote not in {"direct", "mixed"} or speaker is None:
            continue
        person = speaker if types.get(speaker) == "PERSON" else None
        body = _body_of(a.source, speaker, names, types)
        if person is None and body is None:
            continue
        span = doc.char_span(a.content_start, a.content_end, alignment_mode="expand")
        for tok in span if span is not None else ():
            low = tok.lower_
            if tok.pos_ != "PRON" or (tok.idx, tok.idx + len(tok.text)) in taken:
                continue
            if a.quote == "mixed" and not _inside_quotes(text, a.content_start, tok.idx):
                continue
            if low in _FIRST_PERSON and person is not None:
                out.append(Mention(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, type="PERSON",
                                   canonical=person, form="pronoun"))
            elif low in _FIRST_PLURAL and body is not None:
                out.append(Mention(start=tok.idx, end=tok.idx + len(tok.text), text=tok.text, type=types[body],
                                   canonical=body, form="pronoun"))
    return out


# entity types no title is made of ("On Monday company CEO Steve Jobs": "Monday" is no title)
_NOT_TITLES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_FIRST_PLURAL = {"we", "us", "our", "ours", "ourselves"}
_BODIES = {"ORG", "OUTLET"}


def _body_of(source, speaker: str, names: list[Mention], types: dict[str, str]) -> str | None:
    """The organisation a quotation's "we" is: the speaker if a body, else the body the speaker
    speaks for, else the one body named in the source's own words beside the person."""
    if types.get(speaker) in _BODIES:
        return speaker
    if types.get(source.on_behalf_of) in _BODIES:
        return source.on_behalf_of
    if source.start is None or source.end is None:
        return None
    inside = {m.canonical for m in names if source.start <= m.start and m.end <= source.end
              and m.type in _BODIES and m.canonical != speaker}
    return inside.pop() if len(inside) == 1 else None
