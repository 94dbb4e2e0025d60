"""Speakers: who a source written as a pronoun, a description or the first person is.

The last pass. It walks the relations of an article in the order of their sources and keeps a
small model of the discourse: each person and body the article names, how salient it is at each
point (mentions weighted by their role in the sentence, fading with every sentence since), its sex
when the text tells it, and the roles the text gives it ("Donald Trump, the Republican nominee",
"Republican nominee Donald Trump", "Secretary Kerry"). Then:
  - "he", "she": the most salient person whose sex agrees, not simply the last one named;
  - "they", "them": a group or a body, never one person; a group keeps its count and affiliation;
  - "it": a body or a document;
  - "I", "we": inside a quotation, its speaker; outside any, the author (a `document` source, the
    article's own voice, never a person of the story);
  - a description ("the former admiral", "the Republican nominee"): the person holding that role
    in the article; a body by its kind ("the agency", "the newspaper") the body of that kind named;
  - "those officials", "all of them": the group named before, with its count and affiliation;
  - a poll, survey or study ("a new Quinnipiac poll shows"): whoever stands behind it.
Only the source record changes (entity, kind, count, affiliation, group); spans stay as found.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from storyline.analyse.attributions.describe import affiliation_of, agent_noun, count_of, source_kind
from storyline.analyse.attributions.lexicon import DOCUMENTS, GROUP_NOUNS, INSTITUTIONS, RANKS, ROLE_NOUNS, SPOKES
from storyline.analyse.mentions import honorific_sex
from storyline.analyse.names import first_name_sex
from storyline.records import Attribution, Mention, Source

__all__ = ["speakers", "Discourse", "discourse", "with_references"]

FIRST_PERSON = {"i", "we", "me", "us"}
_SEXED = {"he": "m", "him": "m", "she": "f", "her": "f"}
_PLURAL = {"they", "them"}
# How much a mention adds to its entity's salience, by its role, and how much is left of it one
# sentence later (the weights of Lappin and Leass's salience factors, halving per sentence).
_SUBJECT, _SPEAKER, _OTHER, _IN_QUOTE = 2.0, 2.5, 1.0, 0.4
_FADE = 0.5
_RECENT = 2.5
_WINDOW = 12  # sentences looked back over
# Abbreviated titles, as the role nouns a description uses ("Sen. Sanders" is "the senator").
_TITLE_ROLES = {"sen": "senator", "gov": "governor", "rep": "representative", "adm": "admiral", "gen": "general",
                "pres": "president", "atty": "attorney", "sec": "secretary", "lt": "lieutenant",
                "col": "colonel", "capt": "captain", "sgt": "sergeant", "prof": "professor", "dr": "doctor"}
# Offices that one description names under another word ("Justice Frank Nervo" ... "the judge").
_SAME_OFFICE = {"justice": "judge", "magistrate": "judge"}
# Nouns for news outlets: "the newspaper reported" is the outlet named (or the article's own).
_OUTLET_NOUNS = {"newspaper", "paper", "outlet", "network", "magazine", "site", "website", "station", "channel",
                 "publication", "tabloid", "daily", "broadcaster"}
_SURVEYS = {"poll", "survey", "study", "analysis", "report", "audit", "review"}
# Bodies that belong to one person and speak for them ("his campaign said", "Ryan's office").
_OWNED = {"campaign", "office", "staff", "team", "camp", "spokesman", "spokeswoman", "spokesperson", "aides",
          "lawyers", "attorneys", "representatives", "administration"}
# Nouns for a person by what they do or are, beside ROLE_NOUNS (offices): the words descriptions
# of people in politics and business news are made of.
_ROLE_WORDS = {"nominee", "frontrunner", "front-runner", "hopeful", "contender", "rival", "challenger",
               "incumbent", "congressman", "congresswoman", "lawmaker", "businessman", "businesswoman",
               "billionaire", "mogul", "tycoon", "developer", "magnate", "executive", "star", "host", "actor",
               "activist", "veteran", "politician", "lawmaker", "speaker", "justice", "mayor", "commentator"}
# How much more salient than the next the one person must be for a description the article gives
# no one ("the real estate tycoon") to be read as theirs.
_DOMINANT = 2.0


@dataclass
class Actor:
    """A person or body of the article: its in-article canonical name, type, sex when known, and
    the roles the text gives it (role noun -> words that qualify it)."""
    canonical: str
    type: str
    sex: str | None = None
    roles: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class Discourse:
    text: str
    sentence_starts: list[int]
    actors: dict[str, Actor]
    weights: list[tuple[int, str, float]]  # (position, canonical, weight), in text order
    quotes: list[tuple[int, int]]

    def sentence(self, pos: int) -> int:
        return bisect.bisect_right(self.sentence_starts, pos) - 1

    def salience(self, pos: int, types: set[str]) -> dict[str, float]:
        """canonical -> salience just before `pos`, for actors of these types."""
        here = self.sentence(pos)
        out: dict[str, float] = {}
        recent: set[str] = set()
        k = bisect.bisect_left(self.weights, (pos,))
        for at, canonical, w in reversed(self.weights[:k]):
            gap = here - self.sentence(at)
            if gap > _WINDOW:
                break
            if self.actors[canonical].type in types:
                out[canonical] = out.get(canonical, 0.0) + w * _FADE ** gap
                if gap == 0 and canonical not in recent:
                    recent.add(canonical)  # named in this very sentence: Lappin and Leass's recency factor
                    out[canonical] += _RECENT
        return out

    def quoted(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quotes)


def discourse(doc, mentions: list[Mention], quotes: list[tuple[int, int]], text: str) -> Discourse:
    """The actors of an article and the weight of each of their mentions."""
    actors: dict[str, Actor] = {}
    weights = []
    for m in mentions:
        if m.type not in {"PERSON", "ORG", "OUTLET"}:
            continue
        actor = actors.setdefault(m.canonical, Actor(m.canonical, m.type))
        if m.type == "PERSON":
            actor.sex = actor.sex or honorific_sex(m.title or "") or first_name_sex(m.canonical)
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        w = _SUBJECT if root is not None and root.dep_ in {"nsubj", "nsubjpass"} else _OTHER
        if any(s <= m.start < e for s, e in quotes):
            w *= _IN_QUOTE
        weights.append((m.start, m.canonical, w))
        if root is not None and m.type == "PERSON":
            _add_roles(actor, root, m)
    return Discourse(text=text, sentence_starts=[s.start_char for s in doc.sents], actors=actors,
                     weights=sorted(weights), quotes=quotes)


def _qualifiers(noun) -> set[str]:
    """The words that qualify a role noun: "Republican presidential nominee" -> republican,
    presidential; "secretary of state" -> state."""
    out = set()
    for c in noun.children:
        if c.dep_ in {"amod", "compound", "nmod", "npadvmod"} and c.i < noun.i:
            out |= {t.lemma_.lower() for t in c.subtree if t.is_alpha}
        elif c.dep_ == "prep" and c.lower_ in {"of", "for", "from"}:
            out |= {t.lemma_.lower() for t in c.subtree if t.is_alpha and t.i != c.i}
    return out - {"the", "a", "an"}


def _add_roles(actor: Actor, root, m: Mention) -> None:
    """Roles the text gives a person at one mention: titles ("Sen. Sanders"), nouns before the name
    ("Republican nominee Donald Trump"), appositives either way ("Trump, the Republican nominee";
    "the Republican nominee, Donald Trump") and "X, who is the ..."."""
    for word in (m.title or "").split():
        w = word.lower().rstrip(".")
        actor.roles.setdefault(_TITLE_ROLES.get(w, w), set())
        if w in _SAME_OFFICE:
            actor.roles.setdefault(_SAME_OFFICE[w], set())
    for c in root.children:
        if c.pos_ == "NOUN" and (c.dep_ == "compound" and c.i < root.i or c.dep_ == "appos"):
            actor.roles.setdefault(c.lemma_.lower(), set()).update(_qualifiers(c))
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        actor.roles.setdefault(root.head.lemma_.lower(), set()).update(_qualifiers(root.head))
    for c in root.children:
        if c.dep_ == "relcl" and c.lemma_ == "be":
            for attr in c.children:
                if attr.dep_ == "attr" and attr.pos_ == "NOUN":
                    actor.roles.setdefault(attr.lemma_.lower(), set()).update(_qualifiers(attr))


def speakers(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: sources written as pronouns, descriptions or the first person, resolved."""
    if not found:
        return found
    talk = discourse(ctx.doc, ctx.mentions, ctx.quotes, ctx.text)
    order = sorted(range(len(found)), key=lambda k: _where(found[k]))
    out = list(found)
    last_group: Source | None = None
    for k in order:
        a = out[k]
        s = a.source
        if s is None or s.start is None:
            continue
        resolved = _resolve(ctx, talk, a, out, last_group)
        if resolved is not s:
            out[k] = a = replace(a, source=resolved)
            s = resolved
        if s.entity is not None and s.kind in {"person", "organization", "outlet"}:
            # a speaker is salient: "X said ... He added"
            bisect.insort(talk.weights, (s.start, s.entity, _SPEAKER))
            talk.actors.setdefault(s.entity, Actor(s.entity, "PERSON" if s.kind == "person" else "ORG"))
        if s.kind == "anonymous" and s.count != 1:
            last_group = s
    return out


def _where(a: Attribution) -> int:
    return a.source.start if a.source is not None and a.source.start is not None else a.cue_start


def _head(ctx, s: Source):
    span = ctx.doc.char_span(s.start, s.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _resolve(ctx, talk: Discourse, a: Attribution, found: list[Attribution], last_group: Source | None) -> Source:
    s = a.source
    words = s.text.lower().split()
    if len(words) == 1 and words[0] in FIRST_PERSON:
        return _first_person(talk, s, found)
    if words == ["you"]:
        # "You say that they are coming" in an interviewer's words: the one spoken to, whom the
        # text does not name here, never the speaker around it
        return replace(s, kind="person", entity=None, on_behalf_of=None)
    if len(words) == 1 and words[0] in _SEXED:
        return _pronoun(talk, s, _SEXED[words[0]])
    if len(words) == 1 and words[0] in _PLURAL:
        return _they(talk, s, last_group)
    if len(words) == 1 and words[0] == "it":
        return _it(talk, s)
    if s.entity is not None and s.kind == "person" and re.fullmatch(r"(?:[A-Z][a-z]*\.?\s+)?[A-Z][\w'\u2019-]+", s.text):
        return _surname(talk, s)
    head = _head(ctx, s)
    if head is None:
        return s
    lemma = head.lemma_.lower()
    if lemma in _OWNED:
        owner = _owner(talk, s, head)
        if owner is not None and owner != s.entity:
            kind = s.kind if s.entity is not None or lemma in SPOKES else "organization"
            return replace(s, kind=kind, on_behalf_of=owner)
    if s.on_behalf_of is not None and s.on_behalf_of not in talk.actors:
        # "attorneys for the department": whom they speak for, described
        body = _body_named(talk, s.start, s.on_behalf_of.lower().split()[-1])
        if body is not None:
            s = replace(s, on_behalf_of=body)
    if s.entity is not None and head.pos_ == "NOUN" and (lemma in ROLE_NOUNS or lemma in _ROLE_WORDS) \
            and not any(m.start <= head.idx < m.end for m in ctx.mentions):
        # "The Republican nominee", "the GOP nominee": a role qualified by a party or place word
        # the parse named, not that party or place
        described = _described(talk, replace(s, entity=None, kind="person"), head)
        if described.entity is not None:
            return described
    if s.entity is not None:
        return s
    if lemma in _SURVEYS or lemma in DOCUMENTS:
        return _survey(ctx, talk, s, head)
    if re.match(r"(?:all|both|each|some|most|many|none|one|two|three|several|few)\s+of\s+(?:them|those|these)\b"
                r"|those\b|these\b", s.text, re.IGNORECASE):
        group = _group_before(ctx, s, head, last_group)
        if group is not None:
            return _same_group(s, group)
    if lemma in _OUTLET_NOUNS or lemma in INSTITUTIONS:
        # "jihadist websites", "a website linked to Isis" introduce a body; they point back to none
        if _indefinite(head):
            return replace(s, kind="organization", entity=None)
        if _written_as_name(head):
            # "The Ministry of Coastal Defence" the tagger missed: a name, not a description of
            # some body named before
            return replace(s, kind="organization") if s.kind == "person" else s
        part_of = _owner(talk, s, head)
        body = talk.actors.get(part_of) if part_of is not None else None
        if body is not None and body.type in {"ORG", "OUTLET", "GPE"}:
            # "The Russian Interior Ministry's transport department": a part of the body named
            return replace(s, kind="outlet" if body.type == "OUTLET" else "organization", entity=part_of)
        return _body(talk, s, lemma)
    if head.pos_ == "NOUN" and _definite(head) and not _of_a_person(lemma) \
            and lemma not in ROLE_NOUNS | SPOKES | GROUP_NOUNS and s.on_behalf_of is None:
        # "a Times article ... the article read": a thing that speaks is its maker's, named where
        # the article first gave it
        maker = _issuer(ctx, talk, head) or _body_just_heard(talk, found, s)
        if maker is not None:
            return replace(s, kind="document", entity=maker)
    if s.kind == "person" and s.on_behalf_of is None and head.pos_ == "NOUN" and lemma not in GROUP_NOUNS:
        return _described(talk, s, head)
    return s


def _first_person(talk: Discourse, s: Source, found: list[Attribution]) -> Source:
    """Inside a quotation, its speaker; outside any, the author: the article's own voice."""
    # a quotation's speaker, or the one a "Name: ..." line gives (a transcript's "Hunter: ... we know")
    around = [a for a in found if (a.quote in {"direct", "mixed"} or a.cue == ":")
              and a.content_start <= s.start < a.content_end
              and a.source is not None and a.source.start is not None
              and not (a.source.start <= s.start < a.source.end)]
    if around:
        speaker = min(around, key=lambda a: a.content_end - a.content_start).source
        return replace(s, kind=speaker.kind, entity=speaker.entity, on_behalf_of=speaker.on_behalf_of,
                       count=speaker.count, affiliation=speaker.affiliation)
    if talk.quoted(s.start):
        return replace(s, kind="person", entity=None)  # a quotation whose speaker we do not know
    return replace(s, kind="document", entity=None, on_behalf_of=None)


def _pronoun(talk: Discourse, s: Source, sex: str) -> Source:
    """He or she: the most salient person whose sex agrees (a person whose sex the text does not
    tell counts for less than one it does)."""
    scores = talk.salience(s.start, {"PERSON"})
    best, best_score = None, 0.0
    for canonical, value in scores.items():
        known = talk.actors[canonical].sex
        if known is not None and known != sex:
            continue
        value *= 1.0 if known == sex else 0.6
        if value > best_score:
            best, best_score = canonical, value
    if best is None:
        return replace(s, kind="person", entity=None)
    actor = talk.actors[best]
    actor.sex = actor.sex or sex  # what the pronoun says of them holds for later pronouns
    return replace(s, kind="person", entity=best)


def _surname(talk: Discourse, s: Source) -> Source:
    """A bare surname ("Bush", "Mr. Bush") where the article names several people of that surname:
    the most salient of them whose sex agrees with the honorific, if one is given."""
    surname = s.text.split()[-1]
    sex = honorific_sex(s.text.split()[0]) if len(s.text.split()) > 1 else None
    kin = [c for c, a in talk.actors.items() if a.type == "PERSON" and len(c.split()) > 1 and c.split()[-1] == surname
           and (sex is None or a.sex in {None, sex})]
    if len(kin) < 2 or s.entity not in kin:
        return s
    scores = talk.salience(s.start, {"PERSON"})
    best = max(kin, key=lambda c: scores.get(c, 0.0))
    return replace(s, entity=best) if scores.get(best, 0.0) > scores.get(s.entity, 0.0) else s


def _they(talk: Discourse, s: Source, last_group: Source | None) -> Source:
    """They: the group last named, with its count and affiliation, else the most salient body;
    never one person."""
    here = talk.sentence(s.start)
    if last_group is not None and here - talk.sentence(last_group.start) <= 4:
        return _same_group(s, last_group)
    bodies = talk.salience(s.start, {"ORG", "OUTLET"})
    if bodies:
        best = max(bodies, key=bodies.get)
        return replace(s, kind="outlet" if talk.actors[best].type == "OUTLET" else "organization", entity=best)
    return replace(s, kind="anonymous", entity=None)


def _it(talk: Discourse, s: Source) -> Source:
    bodies = talk.salience(s.start, {"ORG", "OUTLET"})
    if not bodies:
        return replace(s, kind="organization", entity=None)
    best = max(bodies, key=bodies.get)
    return replace(s, kind="outlet" if talk.actors[best].type == "OUTLET" else "organization", entity=best)


def _group_before(ctx, s: Source, head, last_group: Source | None) -> Source | None:
    """The group "those officials" or "all of them" points back to: the nearest before it of the
    last anonymous group that spoke and the last counted group the text named ("nine officials
    met on Monday") of the same noun (any group noun for "them")."""
    noun = head.lemma_.lower() if head.pos_ == "NOUN" else None
    if noun is None:
        of = next((g for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                   if g.dep_ == "pobj"), None)
        noun = of.lemma_.lower() if of is not None and of.pos_ == "NOUN" else None
    doc = ctx.doc
    named = None
    for tok in reversed(doc[max(0, head.i - 300):head.left_edge.i]):
        if tok.pos_ == "NOUN" and (tok.lemma_.lower() == noun or noun is None and tok.lemma_.lower() in GROUP_NOUNS) \
                and count_of(tok) not in (None, 1):
            text = ctx.text[tok.left_edge.idx:tok.idx + len(tok.text)]
            named = Source(kind="anonymous", text=text, start=tok.left_edge.idx, end=tok.idx + len(tok.text),
                           count=count_of(tok), affiliation=affiliation_of(doc, tok, ctx.mentions))
            break
    if last_group is None or named is not None and named.start > last_group.start:
        return named
    return last_group


def _same_group(s: Source, group: Source) -> Source:
    """"Those officials", "all of them": the group named before, its count and affiliation kept."""
    count = s.count if s.count is not None else group.count  # "one of them" is one, "all of them" all
    return replace(s, kind="anonymous", entity=None, count=count, affiliation=s.affiliation or group.affiliation,
                   group=s.group or group.text)


def _owner(talk: Discourse, s: Source, head) -> str | None:
    """Whom "his campaign", "her office", "Ryan's aides" speak for: the possessor, a pronoun
    resolved as the subject pronoun would be."""
    poss = next((c for c in head.children if c.dep_ == "poss"), None) or \
        next((c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)  # "the Clinton campaign"
    if poss is None:
        return None
    word = poss.lower_
    if word in {"his", "her"}:
        return _pronoun(talk, replace(s, text=word), "m" if word == "his" else "f").entity
    lo, hi = poss.left_edge.idx, poss.right_edge.idx + len(poss.right_edge.text)
    named = [c for at, c, _ in talk.weights if lo <= at < hi]
    return named[0] if named else None


def _body_named(talk: Discourse, pos: int, lemma: str) -> str | None:
    """The most salient body whose name holds the word ("the department": the State Department)."""
    bodies = {c: v for c, v in talk.salience(pos, {"ORG", "OUTLET"}).items()
              if re.search(r"\b%s\b" % re.escape(lemma), c.lower())}
    return max(bodies, key=bodies.get) if bodies else None


def _indefinite(head) -> bool:
    """A body noun that introduces a body rather than pointing back to one: plural with no
    determiner or possessor ("jihadist websites", "Palestinian forums"), or after "a", "an",
    "another", "some" ("a website linked to Isis")."""
    dets = {c.lower_ for c in head.children if c.dep_ in {"det", "poss"}}
    return bool(dets & {"a", "an", "another", "some", "several", "many"}) or (head.tag_ == "NNS" and not dets)


def _written_as_name(head) -> bool:
    """A capitalised body noun with more of its name around it ("the Ministry of Coastal Defence",
    "the Coastal Defence Ministry"), not one that refers back ("the Ministry")."""
    if head.pos_ != "PROPN" or not head.text[:1].isupper():
        return False
    words = [c for c in head.children if c.dep_ == "compound"] + \
        [g for c in head.children if c.dep_ == "prep" and c.lower_ in {"of", "for"} for g in c.children if g.dep_ == "pobj"]
    return any(w.pos_ == "PROPN" and w.text[:1].isupper() for w in words)


def _body(talk: Discourse, s: Source, lemma: str) -> Source:
    """"The agency", "the committee": the most salient body whose name holds that word, else the
    most salient body ("the company" for Twitter); "the newspaper", "the editorial board": the
    most salient outlet."""
    head_of_outlet = lemma in _OUTLET_NOUNS or "editorial" in s.text.lower()
    best = None
    if head_of_outlet:
        outlets = talk.salience(s.start, {"OUTLET"})
        if outlets:
            return replace(s, kind="outlet", entity=max(outlets, key=outlets.get))
        # no outlet the article names as one: a website or paper the tagger took for a company
        # ("Zero Hedge asked ... The website noted") is the most salient such body
    else:
        best = _body_named(talk, s.start, lemma)
    if best is None:
        # else the most salient body whose name does not say it is a body of another kind (a
        # university is not "the company")
        bodies = {c: v for c, v in talk.salience(s.start, {"ORG"}).items()
                  if not set(re.findall(r"[a-z]+", c.lower())) & (INSTITUTIONS | _OUTLET_NOUNS)}
        best = max(bodies, key=bodies.get) if bodies else None
    if best is not None:
        return replace(s, kind="outlet" if talk.actors[best].type == "OUTLET" else "organization", entity=best)
    return replace(s, kind="organization") if s.kind == "person" else s


def _described(talk: Discourse, s: Source, head) -> Source:
    """"The Republican nominee": the salient person the article gives that role, the words that
    qualify it agreeing best."""
    lemma = head.lemma_.lower()
    if not _definite(head):
        return s  # "an organizer", "a Republican senator": someone not named before
    if head.tag_ in {"NNS", "NNPS"}:
        return s  # "The realtors": more than one, never the one person most talked about
    wanted = _qualifiers(head) - RANKS
    scores = talk.salience(s.start, {"PERSON"})
    best, best_score = None, 0.0
    for canonical, value in scores.items():
        roles = talk.actors[canonical].roles
        if lemma not in roles:
            continue
        value *= 1.0 + len(wanted & roles[lemma])
        if value > best_score:
            best, best_score = canonical, value
    if best is None and lemma not in ROLE_NOUNS | SPOKES and len(scores) >= 1 and _of_a_person(lemma):
        # a description of a person the article gives no one: the one person much the most salient
        # ("the real estate tycoon"; "the data" is no person)
        ranked = sorted(scores.values(), reverse=True)
        if len(ranked) == 1 or ranked[0] >= _DOMINANT * ranked[1]:
            best = max(scores, key=scores.get)
    return replace(s, entity=best) if best is not None else s


def _body_just_heard(talk: Discourse, found: list[Attribution], s: Source) -> str | None:
    """The organisation that spoke last, a sentence or two before ("The Refugee Processing Center
    said that 98 percent ... According to the data, ..."): the thing a definite noun with no
    antecedent of its own presents is what that body just put forward."""
    here = talk.sentence(s.start)
    before = [a.source for a in found if a.source is not None and a.source.start is not None
              and a.source.start < s.start and a.source.entity is not None
              and a.source.kind in {"organization", "outlet"} and here - talk.sentence(a.source.start) <= 2]
    return max(before, key=lambda x: x.start).entity if before else None


def _of_a_person(lemma: str) -> bool:
    """Whether a noun names a person: a role word, or an agent noun by its ending."""
    return lemma in _ROLE_WORDS or agent_noun(lemma)


def _definite(head) -> bool:
    """Whether a noun phrase points back to someone known: "the nominee", "this senator", "his
    rival", "Clinton's opponent" (not "a senator", "one organizer")."""
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in head.children)


def _survey(ctx, talk: Discourse, s: Source, head) -> Source:
    """A poll, survey, study or statement speaks for whoever stands behind it: a body named in its
    phrase ("a new Quinnipiac poll", "the FBI's report"); else whoever the text said made the last
    one before ("Cook provided a written statement. ... the statement said"); else the body named
    just before the last such word ("a Quinnipiac University poll ... The poll shows")."""
    inside = [m for m in ctx.mentions if s.start <= m.start and m.end <= s.end and m.type in {"ORG", "OUTLET", "PERSON"}]
    if inside:
        m = inside[0]
        return replace(s, kind="document", entity=m.canonical)
    issuer = _issuer(ctx, talk, head)
    if issuer is not None:
        return replace(s, kind="document", entity=issuer)
    for m in reversed(ctx.mentions):
        if m.start >= s.start or m.type not in {"ORG", "OUTLET"}:
            continue
        after = ctx.text[m.end:m.end + 40].lower()
        if re.match(r"(?:'s|\u2019s)?\s*(?:[\w/-]+\s+){0,2}%s\b" % re.escape(head.lemma_.lower()), after):
            return replace(s, kind="document", entity=m.canonical)
    return s


def _issuer(ctx, talk: Discourse, head) -> str | None:
    """Who made the last document of this kind mentioned before `head`: its possessor, a name in
    its phrase, the agent of "by"/"from", or the subject of the verb it is the object of."""
    lemma = head.lemma_.lower()
    doc = ctx.doc
    for tok in reversed(doc[max(0, head.i - 400):head.i]):
        if tok.lemma_.lower() == lemma and tok.pos_ == "NOUN":
            maker = _made_by(talk, tok)
            if maker is not None:
                return maker
            break
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children):
        # "A new poll shows ... The latest Reuters/Ipsos poll": an indefinite first mention is
        # named by the next one of its kind, a few sentences on
        for tok in doc[head.i + 1:head.i + 120]:
            maker = _made_by(talk, tok) if tok.lemma_.lower() == lemma and tok.pos_ == "NOUN" else None
            if maker is not None:
                return maker
    return None


def _made_by(talk: Discourse, tok) -> str | None:
    """Who made the document `tok`: its possessor, a name in its phrase, the agent of "by" or
    "from", or the subject of the verb it is the object of."""
    who = [c for c in tok.children if c.dep_ in {"poss", "compound", "nmod"}]
    who += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}
            for g in c.children if g.dep_ == "pobj"]
    if tok.dep_ in {"dobj", "obj"}:
        who += [c for c in tok.head.children if c.dep_ == "nsubj"]
    for w in who:
        lo, hi = w.left_edge.idx, w.right_edge.idx + len(w.right_edge.text)
        named = [c for at, c, _ in talk.weights if lo <= at < hi]
        if named:
            return named[0]
    return None


def with_references(found: list[Attribution], references: list[Mention]) -> list[Attribution]:
    """Sources written as descriptions ("the fund warned", "the company said") take the actor the
    article's coreference (analyse/coreference.py) found for the same words, so that a source and
    the mention it is agree: coreference weighs every noun phrase of the article, where this
    module's discourse sees only the names and the sources."""
    described = {m.end: m for m in references if m.form == "description"}
    out = []
    for a in found:
        s = a.source
        m = described.get(s.end) if s is not None and s.start is not None and s.end is not None else None
        if m is not None and s.start <= m.start and s.kind in {"person", "organization", "outlet"} \
                and s.entity != m.canonical and s.on_behalf_of is None and not _opens_on_name(s):
            a = replace(a, source=replace(s, kind=source_kind(m), entity=m.canonical))
        out.append(a)
    return out


def _opens_on_name(s: Source) -> bool:
    """"Nenad Babici, national coordinator ... of the republic": a source that opens on the name of
    the person it resolved to is that person, whatever a description at its end refers to."""
    if s.entity is None or s.kind != "person" or not s.text:
        return False
    return s.text.split()[0].strip(",") in s.entity.split()
