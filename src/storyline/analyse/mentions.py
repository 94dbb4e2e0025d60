"""Named-entity mentions with in-article aliasing, titles and outlets.

Within one article, "Jane Doe", "Doe", "Ms. Doe" and "Secretary Doe" all get the
canonical form "Jane Doe". A bare surname shared by two full names in the same
article goes to the one most recently mentioned; a title that fits only one of
them ("President Keller") decides first.
"""
from __future__ import annotations

import functools
import re
from collections import defaultdict
from typing import Iterable

from storyline.analyse.aliases import known_name
from storyline.analyse.names import first_name_sex
from storyline.analyse.outlets import is_known_outlet, outlet_of
from storyline.analyse.nlp import text_of
from storyline.records import Mention

__all__ = ["mentions", "TITLES", "HONORIFICS", "OUTLET_WORDS", "is_outlet_name", "title_office", "honorific_sex",
           "NAME_LABELS"]

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "mx", "rev"}
TITLES = {
    "president", "vice", "prime", "minister", "secretary", "senator", "sen", "rep", "representative",
    "governor", "gov", "mayor", "judge", "justice", "chancellor", "ambassador", "admiral", "adm",
    "general", "gen", "colonel", "col", "captain", "capt", "lt", "sergeant", "sgt", "commissioner",
    "chairman", "chairwoman", "chair", "director", "chief", "inspector", "detective", "officer",
    "king", "queen", "prince", "princess", "pope", "bishop", "archbishop", "cardinal", "father",
    "deputy", "speaker", "leader", "mp", "councillor", "councilman", "councilwoman", "attorney",
    "prosecutor", "superintendent", "sheriff", "commander", "premier", "emir", "sheikh", "coach",
    "ceo", "professor", "caliph", "imam", "ayatollah", "rabbi", "state", "foreign", "finance", "defence", "defense",
    "interior", "transport",
    "trade", "health", "justice", "home", "general", "former", "acting", "party",
}
OUTLET_WORDS = {
    "times", "post", "herald", "journal", "tribune", "wire", "news", "gazette", "ledger", "guardian",
    "telegraph", "chronicle", "observer", "independent", "express", "mail", "mirror", "standard",
    "record", "review", "dispatch", "courier", "sentinel", "examiner", "inquirer", "bulletin",
    "press", "reuters", "bloomberg", "politico", "axios", "magazine", "daily", "weekly", "radio",
    "television", "tv", "broadcasting", "monitor", "register", "star", "sun", "globe",
}  # not "agency": "the International Atomic Energy Agency" is no outlet; news agencies are listed in outlets.py
# Nouns for people in a role, beside which a name is a person's ("his lawyer, Daniel Arku").
_PEOPLE_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "lawyer", "attorney", "aide", "adviser", "advisor",
                 "assistant", "deputy", "chief", "director", "secretary", "wife", "husband", "son", "daughter",
                 "brother", "sister", "colleague", "friend", "partner", "lobbyist", "official", "counsel"}
_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "NORP": "NORP",
          "PRODUCT": "PRODUCT"}  # products are entities of a story, not actors (`storyline entities --all`)
NAME_LABELS = frozenset(_TYPES) - {"PRODUCT"}  # the parser's entity labels that name someone or somewhere
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")


def is_outlet_name(name: str) -> bool:
    words = name.lower().removeprefix("the ").split()
    return bool(words) and (is_known_outlet(name) or words[-1] in OUTLET_WORDS)


def mentions(doc, body_start: int = 0, outlets: Iterable[str] = ()) -> list[Mention]:
    """Entity mentions of `doc` from `body_start` on, each with its in-article canonical name.

    `outlets` are outlet names known for this article (its own outlet, say), so that
    "the Herald" can be recognised as "Harbour Herald".
    """
    start = _after_headline(text_of(doc), body_start)
    skipped = _title_case_lines(text_of(doc), start)
    raw = [_mention(doc, ent) for ent in _names(doc) if ent.label_ in _TYPES and ent.start_char >= start
           and not any(s <= ent.start_char < e for s, e in skipped)]
    raw = [m for m in raw if m is not None]
    raw.extend(_outlet_mentions(doc, body_start, outlets, raw))
    raw.extend(_surnames_again(doc, body_start, raw))
    raw.extend(m for m in _names_again(doc, body_start, raw) if not any(s <= m.start < e for s, e in skipped))
    raw.sort(key=lambda m: m.start)
    return _alias(raw, outlets, text_of(doc), body_start)


_POSSESSIVES = {"'s", "\u2019s", "'", "\u2019"}


def _names(doc):
    """The model's entities, with one that runs over a possessive split in two: "Fox News'
    Greta Van Susteren" is an outlet and a person; the owner keeps the label, the part after it
    is a person's name when it looks like one (a first name, or two or three plain capitalised
    words that end in no organisation's word)."""
    from spacy.tokens import Span
    surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    for ent in _joined(doc):
        if ent.label_ != "PERSON" and len(ent) >= 2 and ent[-1].text in surnames and ent[-2].text.endswith("."):
            # "in the U.S. Jobs also noted": a sentence ended on an abbreviation the model ran on
            yield Span(doc, ent.start, ent.end - 1, label=ent.label_)
            yield Span(doc, ent.end - 1, ent.end, label="PERSON")
            continue
        cut = next((t.i for t in ent[1:-1] if t.text in _POSSESSIVES), None)
        if cut is None:
            yield ent
            continue
        yield Span(doc, ent.start, cut, label=ent.label_)
        after = doc[cut + 1:ent.end]
        person = 2 <= len(after) <= 3 and (first_name_sex(after.text) is not None or all(
            t.text.istitle() and t.is_alpha for t in after) and after[-1].lower_ not in _ORG_LAST_WORDS | _BODY_WORDS)
        yield Span(doc, cut + 1, ent.end, label="PERSON" if person else ent.label_)


def _joined(doc):
    """The model's entities, two of them made one where the first is a word of the second's name
    ("[iTunes] [Music Store]": "iTunes" a compound of "Store", nothing between them), or where the
    article tagged the whole name elsewhere ("[Customs] and [Border Protection]")."""
    from spacy.tokens import Span
    ents = [e for e in doc.ents if e.label_ in _TYPES]
    # tails of tagged names with "and" in them, which the model splits elsewhere in the article
    # ("U.S. Customs and Border Protection" tagged once, then "[Customs] and [Border Protection]")
    tails = {tuple(t.text for t in e[k:]): e.label_
             for e in ents if len(e) >= 3 and any(t.lower_ == "and" for t in e[1:-1])
             for k in range(len(e) - 2) if e[k].text[:1].isupper() and e[k].lower_ != "and"}
    i = 0
    while i < len(ents):
        ent = ents[i]
        tail = next((t for t in sorted(tails, key=len, reverse=True) if len(t) > len(ent)
                     and tuple(x.text for x in doc[ent.start:ent.start + len(t)]) == t), None)
        if tail is not None:
            end = ent.start + len(tail)
            yield Span(doc, ent.start, end, label=tails[tail])
            while i < len(ents) and ents[i].start < end:
                i += 1
            continue
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if nxt is not None and nxt.start == ent.end and ent[-1].dep_ == "compound" \
                and nxt.start <= ent[-1].head.i < nxt.end and nxt.label_ not in {"DATE", "TIME", "CARDINAL"} \
                and ent.label_ not in {"DATE", "TIME", "CARDINAL"}:
            yield Span(doc, ent.start, nxt.end, label=nxt.label_ if nxt.label_ != "PERSON" else ent.label_)
            i += 2
            continue
        yield ent
        i += 1


def _title_case_lines(text: str, start: int) -> list[tuple[int, int]]:
    """Lines after the headline that are headlines too: links to other stories and captions in
    title case ("Digital Feature: What Is ISIS? Perry Warns Terrorists Could Infiltrate US"),
    where the model takes capitalised words for names. Three long words or more, four in five
    capitalised, and no full stop at the end."""
    out = []
    pos = start
    for line in text[start:].split("\n"):
        long_words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", line) if len(w) >= 4]
        if len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words) \
                and not line.rstrip().rstrip("\"'\u201d\u2019").endswith("."):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _after_headline(text: str, body_start: int) -> int:
    """Where names are read from: after a first line in title case ("Obama Says Museum Will
    Tell..."), where the model takes capitalised words for names ("Obama Says" became a person,
    and every later "Obama" with it). The story repeats the names that matter."""
    end = text.find("\n", body_start)
    line = text[body_start:end] if end != -1 else ""
    long_words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]*", line) if len(w) >= 4]
    if len(line) > 200 or len(long_words) < 3:
        return body_start
    capitalised = sum(w[0].isupper() for w in long_words)
    return end + 1 if capitalised >= 0.8 * len(long_words) else body_start


# Time-zone abbreviations the model tags as organisations ("16:08 UTC"); ISO 8601 and the zones
# of North America and Europe.
_TIME_ZONES = {"UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "CEST", "EET",
               "EEST"}
_PARTICLES = {"de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "bin", "ibn", "ben", "al", "el",
              "la", "le", "dos", "das", "y"}
# Words that describe a person and that the model takes into the name, most often at the start of a
# sentence where they are capitalised ("Billionaire Donald Trump", "Candidate Trump"); seen in
# PolNeAR train's election coverage, and general words of the kind.
_DESCRIBERS = {"rival", "candidate", "nominee", "challenger", "opponent", "presumptive", "incumbent", "crooked",
               "billionaire", "businessman", "businesswoman", "mogul", "tycoon", "millionaire", "frontrunner",
               "front-runner", "hopeful", "contender", "activist", "comedian", "actor", "actress", "singer",
               "rapper", "journalist", "columnist", "host", "anchor", "pundit", "strategist", "pollster",
               "veteran", "retired", "late", "embattled", "disgraced", "outgoing", "incoming", "newly"}


def _mention(doc, ent) -> Mention | None:
    tokens = list(ent)
    # Drop a leading "the" and trailing possessive from the surface form.
    while tokens and tokens[0].text.lower() in {"the", "a", "an"}:
        tokens = tokens[1:]
    if tokens and tokens[-1].text in {"'s", "\u2019s", "'", "\u2019"}:
        tokens = tokens[:-1]
    while tokens and not any(ch.isalnum() for ch in tokens[-1].text):  # a closing "''" or dash
        tokens = tokens[:-1]
    if not tokens:
        return None
    if tokens[-1].text.endswith("-") and ent.end < len(doc) and doc[ent.end].text[:1].isupper():
        tokens = tokens + [doc[ent.end]]  # "Abu Bakr al- [Baghdadi]": a particle the model cut the name at
    if ent.label_ == "NORP":
        return _group(doc, tokens)
    # A describing word the model took into a person's name ("rival Hillary Clinton", "Candidate
    # Trump"): a name starts with a capital, bar its particles ("de", "van", "al").
    while len(tokens) > 1 and ent.label_ == "PERSON" and (
            tokens[0].text.islower() and tokens[0].text.isalpha() and tokens[0].text not in _PARTICLES
            or tokens[0].text.lower() in _DESCRIBERS):
        tokens = tokens[1:]
    # Titles written inside the entity span ("Minister Ilse Varga") or right before it.
    title_tokens = []
    while len(tokens) > 1 and tokens[0].text.lower().rstrip(".") in (TITLES | HONORIFICS) and ent.label_ == "PERSON":
        title_tokens.append(tokens[0])
        tokens = tokens[1:]
    # The small model often clips a first name ("Ilse [Kova]"): take capitalised proper-noun
    # compounds just before a person's name back in, up to a title or the sentence start.
    i = ent.start - 1
    person = ent.label_ == "PERSON"
    if not person and len(tokens) == 1 and i >= 0 and doc[i].pos_ == "PROPN" and doc[i].dep_ == "compound" \
            and doc[i].text.istitle() and not doc[i].ent_type_ and tokens[0].dep_ == "appos" \
            and tokens[0].head.lemma_.lower() in _PEOPLE_NOUNS:
        person = True  # "her spokeswoman, Ana [Brel]": a person named beside a person's role
    if person:
        while i >= 0 and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and doc[i].text.isalpha() \
                and doc[i].text.lower() not in (TITLES | HONORIFICS | _DESCRIBERS) and not doc[i].ent_type_ \
                and doc[i].dep_ == "compound" and tokens[0].i - i <= 2:
            tokens.insert(0, doc[i])
            i -= 1
    before = []
    while i >= 0 and doc[i].text[:1].isupper() and doc[i].text.lower().rstrip(".") in (TITLES | HONORIFICS) \
            and ent.label_ == "PERSON" and len(before) < 4:
        before.insert(0, doc[i])
        i -= 1
    title_tokens = before + title_tokens
    if ent.label_ != "PERSON" and all(t.text.lower() in TITLES for t in tokens) and ent.end < len(doc) \
            and doc[ent.end].text.lower().rstrip(".") in TITLES:
        return None  # "Transport" of "Transport Minister" is part of a title, not an organisation
    if ent.label_ == "ORG" and len(tokens) > 1 and tokens[-1].lower_ in {"minority", "majority", "deputy"} \
            and ent.end < len(doc) and doc[ent.end].text.lower().rstrip(".") in TITLES:
        tokens = tokens[:-1]  # "[Senate] Minority Leader Harry Reid": the Senate, and a title
    if not person and ent.label_ not in {"GPE", "LOC", "NORP"}:  # not "U.S. [Jobs]"
        tokens = tokens + _rest_of_name(doc, tokens[-1])
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = text_of(doc)[start:end]
    if not any(ch.isalpha() for ch in text) or len(text) > 120 or text in _TIME_ZONES:
        return None
    label = "PERSON" if person else _TYPES[ent.label_]
    label = _checked_type(doc, tokens, text, label, bool(title_tokens))
    if label == "PERSON" and ent.label_ != "PERSON" and len(tokens) > 1 \
            and tokens[0].text.lower().rstrip(".") in TITLES | HONORIFICS:
        title_tokens, tokens = title_tokens + [tokens[0]], tokens[1:]  # "General Farhat"
        start = tokens[0].idx
        text = text_of(doc)[start:end]
    if label == "ORG" and is_outlet_name(text) or label in {"GPE", "FAC"} and is_known_outlet(text) \
            or _called_outlet(tokens):
        label = "OUTLET"
    if label == "OUTLET" and outlet_of(text):
        return Mention(start=start, end=end, text=text, type=label, canonical=outlet_of(text))  # "NYT"
    if label in {"ORG", "NORP", "GPE", "PERSON", "PRODUCT"} and known_name(text) and not title_tokens:
        return Mention(start=start, end=end, text=text, type="ORG", canonical=known_name(text))  # "ISIL"
    if label in {"ORG", "GPE"} and text.isupper() and len(text) > 3 and _starts_line(doc, start):
        label = "LOC"  # a dateline place ("PORTVALE, March 14 -")
    if label == "GPE" and _where(tokens[-1]):
        label = "LOC"  # "in Iowa": the place, not the state acting
    title = " ".join(t.text for t in title_tokens) or None
    plural = label == "PRODUCT" and _camel(text) and re.search(r"[a-z]s$", text) \
        and re.search(rf"\b{re.escape(text[:-1])}\b(?!s)", text_of(doc))
    canonical = text[:-1] if plural else text
    return Mention(start=start, end=end, text=text, type=label, canonical=canonical, title=title)  # "iPods": iPod


# Nouns for the institutions of a state or a people: after a nationality they name an actor
# ("the Lebanese army", "the Iraqi government"). Chosen by hand from general English.
_INSTITUTIONS = {"army", "military", "government", "authorities", "police", "forces", "navy", "parliament",
                 "regime", "militia", "embassy", "ministry", "cabinet", "junta", "judiciary", "opposition",
                 "administration", "legislature", "senate", "congress", "presidency", "monarchy"}


# Title words that name an office, not those that only qualify one ("State", "Foreign"): "Russian
# President" is a description of a person, "Islamic State" a name.
_OFFICES = (TITLES | HONORIFICS) - {"state", "foreign", "finance", "defence", "defense", "interior", "transport",
                                    "trade", "health", "justice", "home", "general", "former", "acting", "party",
                                    "vice", "prime", "deputy"}


# Last words that make a name an organisation's, whatever the model said: company forms, and the
# heads of bodies. A person's name does not end so ("Best Buy" does not, but "App Store" does).
_ORG_LAST_WORDS = {"inc", "corp", "corporation", "co", "company", "ltd", "plc", "llc", "group", "holdings", "patrol",
                   "guard", "service", "bureau", "board", "authority", "administration", "command", "coalition",
                   "store", "stores", "party", "foundation", "institute", "university", "college", "bank",
                   "airlines", "airways", "motors", "council", "committee", "commission", "agency", "department",
                   "ministry", "association", "union", "society", "club", "fund", "trust", "church", "hospital",
                   "school", "network", "channel", "records", "studios", "press", "court", "police", "army"}
# Words a person's name never starts with: articles ("Los Hijos de Trump", "The Beatles").
_NOT_FIRST = {"the", "los", "las", "el", "la", "les", "le", "der", "die", "das"}
# Prepositions before which a lone word is a place or a platform, not a person ("on Twitter").
_PLATFORM_PREPOSITIONS = {"on", "via", "at"}


# Nouns that say the name beside them is a news outlet's ("the al-Safir newspaper", "the daily
# As-Safir", "Lebanese media As-Safir").
_OUTLET_NOUNS = {"newspaper", "paper", "daily", "weekly", "magazine", "tabloid", "broadcaster", "channel", "network",
                 "website", "media", "outlet", "agency", "station", "television", "tv", "radio"}


def _called_outlet(tokens) -> bool:
    head = tokens[-1]
    if head.dep_ == "compound" and head.head.lower_ in _OUTLET_NOUNS and head.head.i > head.i:
        return True
    return any(c.dep_ in {"compound", "amod", "nmod", "appos"} and c.lower_ in _OUTLET_NOUNS and c.i < tokens[0].i
               for c in head.children) or head.dep_ == "appos" and head.head.lower_ in _OUTLET_NOUNS


def _camel(word: str) -> bool:
    """A capital inside a word that is no surname's ("iPhone", "VoIP", "BlackBerry"; not "McCain")."""
    return any(ch.isupper() for ch in word[1:]) and not word.isupper() and "-" not in word \
        and not re.match(r"^(?:Mc|Mac|O'|O\u2019|D')[A-Z]", word)


def _checked_type(doc, tokens, text: str, label: str, titled: bool) -> str:
    """The model's label checked against the words of the name and what stands before it: an
    organisation's name is not a person's because the model said so once (votes across
    articles are resolve/entities.py's)."""
    words = text.split()
    if label in {"ORG", "GPE"} and 2 <= len(words) <= 3 and words[0].lower().rstrip(".") in _OFFICES | {"general"} \
            and all(w[:1].isupper() and w.isalpha() for w in words[1:]) and words[-1].lower() not in _ORG_LAST_WORDS:
        return "PERSON"  # "General Farhat": an office and a name
    if _called_outlet(tokens):
        return "ORG"  # is_outlet_name or the caller makes it an outlet
    if len(words) == 1 and _camel(words[0]) and re.search(r"[a-z]s$", words[0]) and label in {"ORG", "PERSON"}:
        return "PRODUCT"  # "BlackBerrys", "iPhones": a thing that is counted is no organisation
    if label != "PERSON" or titled:
        return label
    last = words[-1].lower().rstrip(".")
    if last in _ORG_LAST_WORDS or words[0].lower() in _NOT_FIRST:
        return "ORG"
    if len(words) == 1:
        word = words[0]
        before = doc[tokens[0].i - 1].lower_ if tokens[0].i > 0 else ""
        if before == "the" and first_name_sex(f"{word} X") is None:
            return "ORG"  # "the Quartet": a person's name takes no article
        if _camel(word) or word.isupper() and len(word) >= 2 or before in _PLATFORM_PREPOSITIONS:
            return "ORG"  # "iPhone", "VoIP", "GB", "on Twitter"
    return label


def _group(doc, tokens) -> Mention | None:
    """A nationality, religion or party word is an actor only as part of a group's name or as a
    plural noun: "Islamic State" (only "Islamic" tagged), "the Lebanese army", "Republicans",
    an acronym ("ISIL"). Alone as an adjective ("Russian officials", "a Democratic senator") or
    a singular noun ("a Democrat") it describes someone and names no one."""
    first, last = tokens[0], tokens[-1]
    text = text_of(doc)
    if all(t.text.isupper() and t.is_alpha for t in tokens) and len(last.text) >= 2:
        return _span_mention(doc, first, last, "ORG")
    head = last.head
    if last.dep_ in {"amod", "compound", "nmod"} and head.i > last.i and head.i - last.i <= 3 \
            and not head.ent_type_ in {"PERSON", "NORP"}:
        between = doc[last.i + 1:head.i + 1]
        if head.pos_ == "PROPN" and all(t.text[:1].isupper() and t.text.lower().rstrip(".") not in _OFFICES
                                        for t in between):
            return _span_mention(doc, first, head, "ORG")  # "Islamic State"
        if head.lemma_.lower() in _INSTITUTIONS and all(t.dep_ in {"amod", "compound"} or t.i == head.i
                                                        for t in between):
            return _span_mention(doc, first, head, "ORG")  # "Lebanese army"
        return None
    plural = last.tag_ in {"NNPS", "NNS"} or last.text.endswith("s") and not last.text.endswith("ss")
    if last.pos_ in {"PROPN", "NOUN"} and plural and last.dep_ not in {"amod", "compound", "npadvmod"}:
        start, end = first.idx, last.idx + len(last.text)
        return Mention(start=start, end=end, text=text[start:end], type="GROUP", canonical=text[start:end])
    return None


def _span_mention(doc, first, last, type_: str) -> Mention:
    start, end = first.idx, last.idx + len(last.text)
    text = text_of(doc)[start:end]
    return Mention(start=start, end=end, text=text, type=type_, canonical=known_name(text) or text)


# Prepositions that make the country, state or city after them a place where something is or
# happens, not a government that acts ("in Iowa", "near Arsal", "from Syria").
_LOCATIVE = {"in", "at", "near", "from", "to", "into", "across", "throughout", "inside", "outside", "within", "around",
             "through", "toward", "towards", "along", "across", "over", "between", "via", "onto", "beyond"}


def _where(head) -> bool:
    """Whether a place name's head token is used as a place, or as a label, rather than for a
    state that acts: the object of a locative preposition (or of one coordinated with it: "in Syria
    and Iraq"), a modifier of a common noun ("the Iowa caucuses", "a former Iowa governor"), a
    congressman's party-and-state label ("(R-Calif.)"). "Iraq's interior ministry", "Iraq said"
    and "the voters of Iowa" stay the state's."""
    while head.dep_ == "conj":
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE:
        return True
    if head.dep_ in {"compound", "amod", "nmod"} and head.head.pos_ in {"NOUN", "PROPN"} and head.head.i > head.i:
        return True  # "the Iowa caucuses", "a U.S. Border Patrol vehicle", "the U.S. Capitol"
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lower_ in TITLES:
        return True  # "President of the United States": part of a title
    doc = head.doc
    return head.i >= 2 and doc[head.i - 1].text in {"-", "\u2013"} and doc[head.i - 2].text in {"R", "D", "I"}


def _indices_of(doc, words) -> list[int]:
    """Indices of the tokens whose text is one of `words` (without making a Token of each)."""
    import numpy
    wanted = numpy.array([doc.vocab.strings[w] for w in words], dtype="uint64")
    return numpy.flatnonzero(numpy.isin(doc.to_array("ORTH"), wanted)).tolist()


def _surnames_again(doc, body_start: int, found: list[Mention]) -> list[Mention]:
    """A person's surname used again where the model tagged nothing ("..., Hale said." after
    "Victor Hale"): a capitalised proper noun equal to the last word of a full name seen earlier."""
    first_seen: dict[str, int] = {}
    for m in found:
        words = m.text.split()
        if m.type == "PERSON" and len(words) >= 2 and words[-1][:1].isupper():
            first_seen.setdefault(words[-1], m.end)
    if not first_seen:
        return []
    taken = sorted((m.start, m.end) for m in found)
    out = []
    for i in _indices_of(doc, first_seen):
        tok = doc[i]
        seen_at = first_seen[tok.text]
        if tok.idx < max(seen_at, body_start) or tok.pos_ != "PROPN" or tok.ent_type_:
            continue
        end = tok.idx + len(tok.text)
        if any(s < end and tok.idx < e for s, e in taken):
            continue
        out.append(Mention(start=tok.idx, end=end, text=tok.text, type="PERSON", canonical=tok.text))
    return out


def _rest_of_name(doc, last) -> list:
    """Tokens of the same proper name that the model left out after `last`: the capitalised
    proper nouns up to the name's head ("[Dow Jones] Industrial Average") and a number that
    belongs to the name ("[FTSE] 100", "[iPhone] 4")."""
    out = []
    tok = last
    while tok.dep_ == "compound" and tok.head.i > tok.i and tok.i + 1 < len(doc):
        nxt = doc[tok.i + 1]
        if nxt.pos_ != "PROPN" or not nxt.text[:1].isupper() or nxt.ent_type_ \
                or nxt.text.lower() in TITLES | HONORIFICS:
            break
        tok = nxt
        out.append(tok)
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.dep_ == "nummod" and nxt.head.i == tok.i and nxt.text.isdigit() \
            and tok.pos_ == "PROPN":
        out.append(nxt)
    return out or _and_rest(doc, tok)


def _and_rest(doc, last) -> list:
    """"[Customs] and Border Protection": a name that goes on with "and" and capitalised proper
    nouns the model did not tag (a second name it tagged, as in "Apple and Google", stays apart)."""
    if last.i + 2 >= len(doc) or doc[last.i + 1].lower_ != "and":
        return []
    rest = []
    for tok in doc[last.i + 2:]:
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_:
            break
        rest.append(tok)
    if not rest or rest[-1].dep_ != "conj" or rest[-1].head.i != last.i:
        return []
    return [doc[last.i + 1], *rest]


_NUMERIC = {"", "CARDINAL", "ORDINAL"}  # labels a name's words may wrongly carry ("iPhone 4" as a number)


def _names_again(doc, body_start: int, found: list[Mention]) -> list[Mention]:
    """A name of something other than a person used again where the model tagged nothing
    ("The Dow Jones was down" after "the Dow Jones Industrial Average" was tagged once): the
    same words, as proper nouns, take the type and canonical form of the tagged mention. One
    article uses one name for one thing."""
    known: dict[str, list[tuple[list[str], Mention]]] = defaultdict(list)
    for m in found:
        words = m.text.split()
        if m.type != "PERSON" and words and (m.text[:1].isupper() or _camel(words[0])):
            known[words[0]].append((words, m))
    if not known:
        return []
    taken = sorted((m.start, m.end) for m in found)
    out = []
    done = -1
    for i in _indices_of(doc, known):
        if i <= done:
            continue
        tok = doc[i]
        for words, m in sorted(known.get(tok.text, []), key=lambda wm: -len(wm[0])):
            span = doc[i:i + len(words)]
            if [t.text for t in span] != words or tok.idx < body_start \
                    or any(t.ent_type_ not in _NUMERIC for t in span) \
                    or not all(t.pos_ == "PROPN" or t.like_num for t in span):
                continue
            tokens = list(span) + (_rest_of_name(doc, span[-1]) if m.type not in {"GPE", "LOC", "GROUP"} else [])
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            if any(s < end and start < e for s, e in taken):
                continue
            text = text_of(doc)[start:end]
            canonical = m.canonical if len(tokens) == len(words) else text
            out.append(Mention(start=start, end=end, text=text, type=m.type, canonical=canonical))
            done = i + len(tokens) - 1
            break
    return out


def _starts_line(doc, start: int) -> bool:
    return start == 0 or text_of(doc)[max(0, start - 1)] == "\n"


def _outlet_mentions(doc, body_start, outlets, found) -> list[Mention]:
    """'the Herald', 'the Post': short forms of outlets this article names or is from."""
    known = {o for o in outlets if o} | {m.text for m in found if m.type == "OUTLET"}
    taken = {(m.start, m.end) for m in found}
    out = []
    for full in known:
        last = full.split()[-1]
        if len(full.split()) < 2 or last.lower() not in OUTLET_WORDS:
            continue
        for m in re.finditer(rf"\bthe ({re.escape(last)})\b", text_of(doc)[body_start:]):
            s, e = body_start + m.start(1), body_start + m.end(1)
            if any(a <= s < b for a, b in taken):
                continue
            out.append(Mention(start=s, end=e, text=text_of(doc)[s:e], type="OUTLET", canonical=full))
    return out


def _alias(raw: list[Mention], outlets: Iterable[str], text: str, body_start: int = 0) -> list[Mention]:
    """Point surname-only and title forms to the full name used in the article."""
    full_names: list[Mention] = []  # PERSON mentions of two or more words, in order
    result = []
    outlet_names = list(dict.fromkeys([o for o in outlets if o] + [m.text for m in raw if m.type == "OUTLET"
                                                                    and len(m.text.split()) > 1]))
    outlet_keys = {o.lower() for o in outlet_names}
    raw = _without_common_tail(raw, text)
    people = {w for m in raw if m.type == "PERSON" and len(_core_words(m.text)) >= 2
              for w in _words(m.text) + _core_words(m.text)}
    short_outlets = {o.split()[-1].lower(): o for o in outlet_names if len(o.split()) > 1}
    sexes: dict[str, str] = {}  # full name -> the sex an honorific gave it in this article ("Mrs. Clinton")
    headline_end = text.find("\n", body_start)
    org_names = list({tuple(_words(b.canonical)) for b in raw if b.type in {"ORG", "OUTLET"}
                      and len(_words(b.canonical)) > 1})
    for m in raw:
        short = short_outlets.get(m.text.lower())
        if short and text[max(0, m.start - 4):m.start].lower() == "the ":
            result.append(_with(m, short, "OUTLET"))  # "the Herald" for "Harbour Herald"
            continue
        if m.type == "PERSON" and (m.text.lower().removeprefix("the ") in outlet_keys or is_known_outlet(m.text)):
            m = _with(m, outlet_of(m.text) or m.text, "OUTLET")  # "Harbour Herald" tagged as a person
        elif m.type in {"ORG", "GPE", "NORP"} and _words(m.text) and set(_words(m.text)) <= people \
                and not is_outlet_name(m.text):
            m = _with(m, m.text, "PERSON")  # a surname tagged as an organisation
        if m.type == "PERSON":
            words = _words(m.text)
            if len(_core_words(m.text)) >= 2:
                # A longer form seen before ("Ilse Varga" for a later "Ilse M. Varga" is rare); keep first.
                full_names.append(m)
                prior = _full_for(words, full_names[:-1], m.title, sexes)
                result.append(m if prior is None else _with(m, prior.canonical))
                _note_sex(sexes, result[-1])
                continue
            prior = _full_for(words, full_names, m.title, sexes)
            if prior is not None and not m.title and _used_alone_before(m, prior, result):
                prior = None  # "former Secretary Clinton" was not "President Bill Clinton"; nor is her "Clinton" now
            result.append(_with(m, prior.canonical) if prior else m)
            _note_sex(sexes, result[-1])
        elif m.type in {"ORG", "OUTLET"}:
            match = next((o for o in outlet_names if o.lower().endswith(m.text.lower()) and o != m.text), None)
            if match and m.type == "OUTLET":
                result.append(_with(m, match, "OUTLET"))
            else:
                longer = _longer_name(m, raw, headline_end, org_names)
                result.append(_with(m, longer) if longer else m)
        else:
            result.append(m)
    return result


# Head nouns of bodies that belong to another one: "UN Security Council" is not the UN, nor "Apple
# Developer Program" Apple, so a later "UN" or "Apple" does not shorten them.
_BODY_WORDS = {"council", "committee", "commission", "program", "programme", "foundation", "agency", "department",
               "ministry", "office", "court", "board", "bureau", "fund", "institute", "university", "party", "union",
               "association", "conference", "convention", "team", "service", "store", "center", "centre", "school",
               "hospital", "campaign", "administration", "government", "army", "police", "league", "tv", "division"}


def _own_body(rest: list[str]) -> bool:
    """Whether the words after a short name make a body of its own ("[UN] Security Council",
    "[Apple] Developer Program"), rather than finish the short name's ("[State] Department")."""
    return len(rest) >= 2 and rest[-1].lower() in _BODY_WORDS


def _longer_name(m: Mention, raw: list[Mention], headline_end: int, names: list[tuple[str, ...]]) -> str | None:
    """The one longer organisation name of the article (`names`: their words) that this short one
    begins, when the story gave the long form before using the short one (a headline may use it
    first): "the Dow Jones Industrial Average" ... "the Dow Jones"; not "Apple" ... "Apple TV"."""
    words = tuple(_words(m.text))
    fits = {" ".join(n) for n in names if len(n) > len(words) and n[:len(words)] == words
            and not _own_body(list(n[len(words):]))}
    if len(fits) != 1:
        return None
    longer = next(iter(fits))
    first_long = min(b.start for b in raw if " ".join(_words(b.canonical)) == longer)
    first_short = min((b.start for b in raw if b.text == m.text and b.start > headline_end), default=m.start)
    if first_long >= first_short:
        return None
    return next(b.canonical for b in raw if " ".join(_words(b.canonical)) == longer)


def _used_alone_before(m: Mention, full: Mention, before: list[Mention]) -> bool:
    """Whether the article used this surname alone, for someone it never named in full, before it
    first named `full`: that earlier person keeps the surname ("former Secretary Clinton ... put
    Clinton on defense ... President Bill Clinton ... Clinton's visit")."""
    surname = _core_words(m.text)[-1:]
    first_full = min((r.start for r in before if r.canonical == full.canonical), default=full.start)
    return any(r.type == "PERSON" and r.start < first_full and r.canonical == r.text and len(_core_words(r.text)) == 1
               and _core_words(r.text)[-1:] == surname for r in before)


def _without_common_tail(raw: list[Mention], text: str) -> list[Mention]:
    """A person's name ending in a word the article also writes in lower case, whose other words
    the article names alone ("President Obama Speech" in a video caption, with "Obama" in the
    text), ends before that word: otherwise it would take every "Obama" of the article."""
    alone = {m.text for m in raw if m.type == "PERSON" and len(_words(m.text)) == 1}
    out = []
    for m in raw:
        words = m.text.split()
        if m.type == "PERSON" and len(words) >= 2 and " ".join(words[:-1]) in alone \
                and words[-1][:1].isupper() and re.search(rf"\b{re.escape(words[-1].lower())}\b", text):
            shorter = m.text[:m.text.rfind(words[-1])].rstrip()
            end = m.start + len(shorter)
            m = Mention(start=m.start, end=end, text=shorter, type="PERSON", canonical=shorter, title=m.title)
        out.append(m)
    return out


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az)-(?=\w)", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def _core_words(text: str) -> list[str]:
    """A name's words without its particles, for matching surnames: "Saja al-Dulaimi" ->
    ["Saja", "Dulaimi"], "al Baghdadi" -> ["Baghdadi"], "Van Susteren" -> ["Susteren"]. A first
    word that is also a first name stays ("Al Gore", "Ben Carson")."""
    out = []
    for i, w in enumerate(_words(text)):
        w = _ARTICLE_PREFIX.sub("", w)
        if w.lower() in _PARTICLES and (i > 0 or w.islower() or first_name_sex(f"{w} X") is None):
            continue
        out.append(w)
    return out


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> list[str]:
    return [w for w in re.split(r"\s+", _POSSESSIVE.sub("", text)) if w]


def _note_sex(sexes: dict[str, str], m: Mention) -> None:
    sex = honorific_sex(m.title or "")
    if sex and len(_words(m.canonical)) >= 2:
        sexes.setdefault(m.canonical, sex)


def _full_for(words: list[str], full_names: list[Mention], title: str | None,
              sexes: dict[str, str] | None = None) -> Mention | None:
    """The full-name mention a partial name refers to, most recent first. `sexes` holds what
    honorifics earlier in the article said of each full name ("Mrs. Clinton" was Hillary Clinton);
    failing that, a first name may tell (analyse/names.py: "Mrs. Clinton" is not Bill Clinton)."""
    sexes = sexes or {}
    candidates = []
    words = _core_words(" ".join(words))
    for full in reversed(full_names):
        fwords = _core_words(full.canonical)
        if len(words) < len(fwords) and (fwords[-len(words):] == words or fwords[:len(words)] == words):
            candidates.append(full)
        elif len(words) >= 2 and words[-1] == fwords[-1] and words[0][:1] == fwords[0][:1] and words != fwords \
                and len(words[0].rstrip(".")) == 1:  # "J. Doe" for "Jane Doe"
            candidates.append(full)
    office = title_office(title or "")
    if office:  # "Secretary Clinton" is not the Clinton this article calls "President Bill Clinton"
        candidates = [c for c in candidates if not c.title or title_office(c.title) in {"", office}]
    sex = honorific_sex(title or "")
    if sex:
        def known(c):
            return honorific_sex(c.title or "") or sexes.get(c.canonical) or first_name_sex(c.canonical)
        # "Mr. Obama" is not Michelle Obama, even when she is the only Obama named in full
        candidates = [c for c in candidates if known(c) in {None, sex}]
    if not candidates:
        return None
    distinct = {c.canonical for c in candidates}
    if len(distinct) > 1 and title:
        # an office decides ("President Keller"); an honorific alone only rules out the other sex
        office = title_office(title)
        if office:
            titled = [c for c in candidates if c.title and title_office(c.title) == office]
            if titled:
                return titled[0]
        if sex:
            # one of them already called so in this article goes before those never called either way
            candidates = [c for c in candidates if known(c) == sex] or candidates
    return candidates[0]


_SEX = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "lady": "f", "dame": "f"}


def honorific_sex(title: str) -> str | None:
    """The sex an honorific in a title gives ("Mrs." -> "f"), or None."""
    return next((_SEX[w] for w in (w.lower().rstrip(".") for w in title.split()) if w in _SEX), None)


def title_office(title: str) -> str:
    """A title without its honorifics, lower case: "Mr. President" -> "president", "Ms." -> ""."""
    return " ".join(w.lower().rstrip(".") for w in title.split() if w.lower().rstrip(".") not in HONORIFICS)


def _with(m: Mention, canonical: str, type_: str | None = None) -> Mention:
    return Mention(start=m.start, end=m.end, text=m.text, type=type_ or m.type, canonical=canonical, title=m.title)
