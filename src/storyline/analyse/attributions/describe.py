"""Source description: what the phrase of a source says it is (a named person or body, an
anonymous group with count and affiliation, a role, a document, a pronoun) and whom it speaks for."""
from __future__ import annotations

from storyline.analyse.attributions.lexicon import DOCUMENTS, GROUP_NOUNS, INSTITUTIONS, NUMBERS, PRONOUNS, RANKS, ROLE_NOUNS, SPEAKS_FOR, SPEECH_LEMMAS, SPOKES
from storyline.analyse.attributions.spans import span_text
from storyline.analyse.nlp import text_of as _text
from storyline.records import Mention, Source


def describe_source(doc, head, start: int, end: int, mentions: list[Mention]) -> Source:
    text = _text(doc)[start:end]
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    lower = head.lower_
    # Pronouns: the latest person named before (they: a group or organisation).
    if lower in PRONOUNS and len(text.split()) == 1:
        person = _antecedent(doc, mentions, start, lower) if lower in {"he", "she", "i", "him", "her"} else \
            _latest(mentions, start, {"ORG", "PERSON", "OUTLET"})
        if person is None:
            return Source(kind="person" if lower in {"he", "she", "i"} else "anonymous", text=text,
                          start=start, end=end)
        return Source(kind=source_kind(person), text=text, start=start, end=end, entity=person.canonical)
    for_whom = _for_whom(head, mentions) or next(
        (_for_whom(c, mentions) for c in head.children if c.dep_ == "appos" and c.lemma_.lower() in SPOKES), None)
    if for_whom is None and head.dep_ == "appos" and head.head.lemma_.lower() in SPOKES:
        # "her spokeswoman, Maria Lopez, who said": the name speaks for the role's owner
        role = head.head
        owner = next((c for c in role.children if c.dep_ == "poss"), None)
        if owner is not None and owner.lower_ in {"his", "her", "their"}:
            for_whom = _owner(owner.lower_, role.idx, mentions)
        else:
            for_whom = _for_whom(role, mentions)
    role = _role_after_name(doc, head, start, end, mentions)
    if role is not None:
        holder, owner = role
        return Source(kind="person", text=text, start=start, end=end,
                      entity=holder.canonical if holder else None, on_behalf_of=owner.canonical)
    head_lemma = head.lemma_.lower()
    if head.like_num and head.lower_ in NUMBERS or head.lower_.isdigit():
        group = next((g for p in head.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"), None)
        if group is not None and (group.lower_ in {"them", "those", "these"} or
                                  group.lemma_.lower() in GROUP_NOUNS):
            # "One of them", "two of those officials": part of a group named before.
            return Source(kind="anonymous", text=text, start=start, end=end,
                          count=NUMBERS.get(head.lower_) or int(head.lower_))
    if head_lemma in DOCUMENTS:
        # "filings published by the electoral commission": a document speaks, whoever issued it
        return Source(kind="document", text=text, start=start, end=end)
    appos = [c for c in head.children if c.dep_ == "appos"]
    if head_lemma in ROLE_NOUNS | SPOKES and appos:
        # "Her spokeswoman, Ana Brel,": the role's holder is named beside it.
        lo, hi = appos[0].left_edge.idx, appos[0].right_edge.idx + len(appos[0].right_edge.text)
        holder = next((m for m in inside if lo <= m.start and m.end <= hi), None)
        if holder is not None:
            if for_whom is None and head_lemma in SPOKES:
                owner = next((c for c in head.children if c.dep_ == "poss"), None)
                if owner is not None and owner.lower_ in PRONOUNS | {"his", "her", "their", "its"}:
                    for_whom = _owner(owner.lower_, start, mentions)
            return Source(kind="person", text=text, start=start, end=end, entity=holder.canonical,
                          on_behalf_of=for_whom if for_whom != holder.canonical else None)
    if head.pos_ == "PROPN":
        # a name: only a mention within the name itself, never one in its appositive ("Ana Brel, a
        # spokeswoman for Kova", where the model missed "Ana Brel", is not Kova); a name that runs
        # on past its head ("the Ministry of Coastal Defence") is still the name itself
        own = min((c.left_edge.idx for c in head.children if c.dep_ == "compound" and c.i < head.i), default=head.idx)
        inside = [m for m in inside if own <= m.start and m.end <= head.idx + len(head.text)
                  or m.start <= head.idx < m.end]
    # else the first name inside that is not a place: "witnesses in Ottawa" are not Ottawa, and in
    # "three suicide bombings near Kobani, the Times of Israel" (a misparse) the name that can
    # speak is the newspaper's
    # ... nor a body the speaker is only tied to: "a blog linked to Isis" is not Isis
    tied = _tied_to(head)
    speakers = [m for m in inside if (m.type not in _PLACES or _on_head(doc, m, head))
                and not any(a <= m.start < b for a, b in tied)]
    named = [m for m in inside if m.start <= head.idx < m.end] or \
        ([] if head_lemma in GROUP_NOUNS | ROLE_NOUNS or _possessed_agent(head) or _former_agent(head)
         else speakers[:1])
    if named:
        m = named[0]
        kind = source_kind(m)
        if kind == "organization" and _personal(head):
            kind = "person"  # "Kova, 54, who has led the ministry": the small NER model's ORG is a person
        return Source(kind=kind, text=text, start=start, end=end, entity=m.canonical,
                      on_behalf_of=for_whom if for_whom != m.canonical else None)
    if head_lemma in ROLE_NOUNS or head_lemma in SPOKES:
        det = next((c.lower_ for c in head.children if c.dep_ == "det"), "")
        person = None
        if det in {"the", "his", "her", "their"} and for_whom is None:
            person = _by_title(mentions, start, head_lemma)
        if head_lemma in SPOKES and for_whom is None and det in {"his", "her", "their"}:
            for_whom = _owner(det, start, mentions)
            person = None
        return Source(kind="person", text=text, start=start, end=end,
                      entity=person.canonical if person else None, on_behalf_of=for_whom)
    if head_lemma in GROUP_NOUNS or head.lemma_.lower().rstrip("s") in GROUP_NOUNS:
        return Source(kind="anonymous", text=text, start=start, end=end, count=count_of(head),
                      affiliation=affiliation_of(doc, head, mentions), on_behalf_of=for_whom)
    if head.pos_ == "PROPN" and inside:
        m = inside[-1]
        return Source(kind=source_kind(m), text=text, start=start, end=end, entity=m.canonical)
    institution = head.ent_type_ == "ORG" or head_lemma in INSTITUTIONS
    return Source(kind="organization" if institution else "person", text=text, start=start, end=end,
                  on_behalf_of=for_whom)


_PLACES = {"GPE", "LOC", "FAC"}


def _on_head(doc, m: Mention, head) -> bool:
    """Whether a name sits right on the head noun ("the Baghdad government", "Moscow's police"),
    not in a phrase after it ("witnesses in Ottawa")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.root.head.i == head.i and span.root.dep_ in {"compound", "poss", "nmod", "amod"}


# Words by which a phrase ties what it names to a body without being it ("linked to", "affiliated
# with", "close to"): English usage, not grown from any corpus.
_TIES = {"linked", "tied", "affiliated", "connected", "associated", "allied", "close", "loyal", "related"}


def _tied_to(head) -> list[tuple[int, int]]:
    """Character spans of the phrases after `head` that only tie it to someone ("a blog linked to
    Isis", "a website affiliated with the Kremlin")."""
    out = []
    for c in head.children:
        if c.i > head.i and c.dep_ in {"acl", "amod"} and c.lower_ in _TIES:
            out.append((c.idx, c.right_edge.idx + len(c.right_edge.text)))
    return out


def _possessed_agent(head) -> bool:
    """"Obama's former campaign strategist", "Trump's supporters": a person named by what they do
    for someone, who is not that someone. An agent noun is told by its ending (-er, -or, -ist,
    -ian, -man, -woman), the way English forms them, not by a list."""
    return head.pos_ == "NOUN" and any(c.dep_ == "poss" for c in head.children) and agent_noun(head.lemma_.lower())


def _former_agent(head) -> bool:
    """"A former PGA Tour player": someone described by a body they once did something for, who
    no longer speaks in its name."""
    return head.pos_ == "NOUN" and agent_noun(head.lemma_.lower()) \
        and any(c.dep_ == "amod" and c.lower_ in {"former", "ex"} for c in head.children) \
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children)


def agent_noun(lemma: str) -> bool:
    """A noun for someone who does something, by the endings English forms them with (-er, -or,
    -ist, -ian, -man, -woman): "strategist", "organizer", "spokesman"."""
    return len(lemma) > 4 and lemma.endswith(("er", "or", "ist", "ian", "man", "woman"))


def _role_after_name(doc, head, start: int, end: int, mentions) -> tuple[Mention | None, Mention] | None:
    """"DHS spokesperson Ana Brel", "Ana Brel, Port Authority spokeswoman", "a DHS spokesman",
    "Kova's lawyer Petar Dunn": a role that speaks for someone, right after a name inside the
    source's phrase, speaks for that name. (holder, owner): the person holding the role (the name
    the phrase is about, or the one right after the role noun when the role is the phrase's head),
    None when unnamed; None when the phrase has no such role."""
    text = _text(doc)
    for role in doc[head.left_edge.i:head.right_edge.i + 1]:
        if role.lemma_.lower() not in SPEAKS_FOR or role.pos_ != "NOUN" or not start <= role.idx < end \
                or not _modifies(role, head):
            continue
        before = [m for m in mentions if start <= m.start and m.end <= role.idx and m.type in _PRINCIPALS]
        owner = next((m for m in reversed(before) if _just_before(doc, m, role)), None)
        if owner is None:
            continue
        after = role.idx + len(role.text)
        if role.i == head.i:
            holder = next((m for m in mentions if m.type == "PERSON" and after <= m.start and m.end <= end
                           and not text[after:m.start].strip()), None)
        else:
            # the name the role describes, whatever type the tagger gave it (a spokesperson is a person)
            holder = next((m for m in mentions if m.start <= head.idx < m.end and m is not owner), None)
        return holder, owner
    return None


# who a role can speak for: a person or a body ("an Israeli spokesman" speaks for no nationality)
_PRINCIPALS = {"PERSON", "ORG", "OUTLET", "GPE"}


def _modifies(tok, head) -> bool:
    """The token is the head, or says what the head is: a word before it ("spokesperson" in
    "DHS spokesperson Ana Brel") or its appositive ("Ana Brel, Port Authority spokeswoman")."""
    while tok.i != head.i:
        if tok.dep_ not in {"compound", "nmod", "amod", "appos"} or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _just_before(doc, m: Mention, role) -> bool:
    """Nothing but a possessive ending and the role's own lower-case modifiers ("top", "chief")
    between the name and the role noun."""
    name = doc.char_span(m.start, m.end, alignment_mode="expand")
    return name is not None and "," not in _text(doc)[m.end:role.idx] and all(
        t.lower_ in {"'s", "\u2019s", "'", "\u2019"} or t.head.i == role.i and t.dep_ == "amod" and t.text.islower()
        for t in doc[name.end:role.i])


def _personal(head) -> bool:
    """Whether the phrase around a name says it is a person's: an age beside it ("Kova, 54,") or a
    relative clause opened by "who"."""
    for c in head.children:
        if c.dep_ in {"appos", "amod", "npadvmod"} and c.like_num and c.i == head.i + 2:
            return True
        if c.dep_ == "relcl" and any(t.lower_ in {"who", "whom"} and t.i < c.i for t in c.subtree):
            return True
    return False


def source_kind(m: Mention) -> str:
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
    if head.lemma_.lower() not in SPOKES:
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"for", "of", "with", "at"}:  # "a spokesman with the charity"
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    after = obj.right_edge.idx + len(obj.right_edge.text) + 1
                    # "a lawyer for the lobbyist Petar Dunn": the name may be parsed apart.
                    named_next = next((m.canonical for m in mentions if m.start == after and m.type == "PERSON"),
                                      None)
                    return named_in(obj.doc, obj, mentions, places=False) or named_next or span_text(obj.doc, obj)
    for child in head.children:
        if child.dep_ == "poss" and child.lower_ not in PRONOUNS:
            return named_in(child.doc, child, mentions) or child.text
    return None


def named_in(doc, tok, mentions, places: bool = True) -> str | None:
    """The first name in `tok`'s phrase; with `places` False, not a place in a phrase on it ("a
    representative of the plumbing company in Texas City" speaks for the company, not the city)."""
    lo, hi = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    for m in mentions:
        if lo <= m.start and m.end <= hi and (
                places or m.type not in _PLACES or m.start <= tok.idx < m.end or _on_head(doc, m, tok)):
            return m.canonical
    return None


def count_of(head) -> int | None:
    for child in head.children:
        if child.dep_ in {"nummod", "det", "quantmod"} or child.like_num:
            word = child.lower_
            if word in NUMBERS:
                return NUMBERS[word]
            if word.isdigit():
                return int(word)
    if head.tag_ in {"NN", "NNP"}:
        return 1
    return None


def affiliation_of(doc, head, mentions) -> str | None:
    parts = []
    for child in head.children:
        if child.i < head.i and child.dep_ in {"amod", "compound", "nmod"} and child.lower_ not in RANKS \
                and not child.like_num:
            parts.append(child)
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in {"at", "in", "from", "with", "of", "inside"}:
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lower_ not in {"talks", "matter", "discussions", "case"}:
                    if prep.lower_ == "with" and obj.lemma_.lower() in {"knowledge"}:
                        continue
                    return span_text(doc, obj)
    if parts:
        # each part with the words it heads: "White House", "State Department"
        words = sorted({t.i for p in parts for t in p.subtree if t.lower_ not in RANKS})
        return " ".join(doc[i].text for i in words) or None
    return None
