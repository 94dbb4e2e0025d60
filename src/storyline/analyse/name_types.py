"""What kind of actor a name names: the model's label checked against the name's words and what
stands around it. Shared word lists (titles, honorifics, outlets' last words) live here too.

A name the model tags as a person is an organisation's when it ends in a company or body word
("App Store", "Border Patrol") or stands after "on" ("on Twitter"); a nationality or party word
is an actor only as part of a group's name or as a plural noun ("Islamic State", "the Lebanese
army", "Republicans"); a country named as a place ("in Iowa", "the Iowa caucuses") is LOC.
"""
from __future__ import annotations

import re

from storyline.analyse.aliases import known_name
from storyline.analyse.names import first_name_sex
from storyline.analyse.nlp import text_of
from storyline.analyse.outlets import is_known_outlet
from storyline.records import Mention

__all__ = ["TITLES", "HONORIFICS", "OFFICES", "OUTLET_WORDS", "TYPES", "BODY_WORDS", "ORG_LAST_WORDS",
           "TIME_ZONES",
           "is_outlet_name", "checked_type", "group_mention", "is_place", "camel", "called_outlet"]

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
TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "NORP": "NORP",
         "PRODUCT": "PRODUCT"}  # products are entities of a story, not actors (`storyline entities --all`)


# A website named by its address ("Naij.com", "nationalreport.net"): what it says, it publishes
_WEB_ADDRESS = re.compile(r"[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|info|news|co\.uk|com\.au|co\.za|ng|ca)", re.IGNORECASE)


def is_outlet_name(name: str) -> bool:
    words = name.lower().removeprefix("the ").split()
    return bool(words) and (is_known_outlet(name) or words[-1] in OUTLET_WORDS
                            or len(words) == 1 and bool(_WEB_ADDRESS.fullmatch(words[0])))


# Time-zone abbreviations the model tags as organisations ("16:08 UTC"); ISO 8601 and the zones
# of North America and Europe.
TIME_ZONES = {"UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "CEST", "EET",
               "EEST"}

# Head nouns of bodies that belong to another one: "UN Security Council" is not the UN, nor "Apple
# Developer Program" Apple, so a later "UN" or "Apple" does not shorten them.
BODY_WORDS = {"council", "committee", "commission", "program", "programme", "foundation", "agency", "department",
               "ministry", "office", "court", "board", "bureau", "fund", "institute", "university", "party", "union",
               "association", "conference", "convention", "team", "service", "store", "center", "centre", "school",
               "hospital", "campaign", "administration", "government", "army", "police", "league", "tv", "division"}


# Nouns for the institutions of a state or a people: after a nationality they name an actor
# ("the Lebanese army", "the Iraqi government"). Chosen by hand from general English.
_INSTITUTIONS = {"army", "military", "government", "authorities", "police", "forces", "navy", "parliament",
                 "regime", "militia", "embassy", "ministry", "cabinet", "junta", "judiciary", "opposition",
                 "administration", "legislature", "senate", "congress", "presidency", "monarchy"}


# Title words that name an office, not those that only qualify one ("State", "Foreign"): "Russian
# President" is a description of a person, "Islamic State" a name.
OFFICES = (TITLES | HONORIFICS) - {"state", "foreign", "finance", "defence", "defense", "interior", "transport",
                                    "trade", "health", "justice", "home", "general", "former", "acting", "party",
                                    "vice", "prime", "deputy"}


# Last words that make a name an organisation's, whatever the model said: company forms, and the
# heads of bodies. A person's name does not end so ("Best Buy" does not, but "App Store" does).
ORG_LAST_WORDS = {"inc", "corp", "corporation", "co", "company", "ltd", "plc", "llc", "group", "holdings", "patrol",
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


def called_outlet(tokens) -> bool:
    head = tokens[-1]
    if head.dep_ == "compound" and head.head.lower_ in _OUTLET_NOUNS and head.head.i > head.i:
        return True
    return any(c.dep_ in {"compound", "amod", "nmod", "appos"} and c.lower_ in _OUTLET_NOUNS and c.i < tokens[0].i
               for c in head.children) or head.dep_ == "appos" and head.head.lower_ in _OUTLET_NOUNS


def camel(word: str) -> bool:
    """A capital inside a word that is no surname's ("iPhone", "VoIP", "BlackBerry"; not "McCain")."""
    return any(ch.isupper() for ch in word[1:]) and not word.isupper() and "-" not in word \
        and not re.match(r"^(?:Mc|Mac|O'|O\u2019|D')[A-Z]", word)


def checked_type(doc, tokens, text: str, label: str, titled: bool, outlet_context: bool | None = None) -> str:
    """The model's label checked against the words of the name and what stands before it: an
    organisation's name is not a person's because the model said so once (votes across
    articles are resolve/entities.py's)."""
    words = text.split()
    if label in {"ORG", "GPE"} and 2 <= len(words) <= 3 and words[0].lower().rstrip(".") in OFFICES | {"general"} \
            and all(w[:1].isupper() and w.isalpha() for w in words[1:]) and words[-1].lower() not in ORG_LAST_WORDS:
        return "PERSON"  # "General Farhat": an office and a name
    if called_outlet(tokens) if outlet_context is None else outlet_context:
        return "ORG"  # is_outlet_name or the caller makes it an outlet
    if len(words) == 1 and camel(words[0]) and re.search(r"[a-z]s$", words[0]) and label in {"ORG", "PERSON"}:
        return "PRODUCT"  # "BlackBerrys", "iPhones": a thing that is counted is no organisation
    if label != "PERSON" or titled:
        return label
    last = words[-1].lower().rstrip(".")
    if last in ORG_LAST_WORDS or words[0].lower() in _NOT_FIRST:
        return "ORG"
    if len(words) == 1:
        word = words[0]
        before = doc[tokens[0].i - 1].lower_ if tokens[0].i > 0 else ""
        if before == "the" and first_name_sex(f"{word} X") is None:
            return "ORG"  # "the Quartet": a person's name takes no article
        if camel(word) or word.isupper() and len(word) >= 2 or before in _PLATFORM_PREPOSITIONS:
            return "ORG"  # "iPhone", "VoIP", "GB", "on Twitter"
    return label


def group_mention(doc, tokens) -> Mention | None:
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
        if head.pos_ == "PROPN" and all(t.text[:1].isupper() and t.text.lower().rstrip(".") not in OFFICES
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


def is_place(head) -> bool:
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
