"""Named-entity mentions with in-article aliasing, titles and outlets.

Within one article, "Jane Doe", "Doe", "Ms. Doe" and "Secretary Doe" all get the
canonical form "Jane Doe". A bare surname shared by two full names in the same
article goes to the one most recently mentioned; a title that fits only one of
them ("President Keller") decides first.
"""
from __future__ import annotations

import re
from typing import Iterable

from storyline.analyse.names import first_name_sex
from storyline.analyse.nlp import text_of
from storyline.records import Mention

__all__ = ["mentions", "TITLES", "HONORIFICS", "OUTLET_WORDS", "is_outlet_name", "title_office", "honorific_sex", "NAME_LABELS"]

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "mx", "rev"}
TITLES = {
    "president", "vice", "prime", "minister", "secretary", "senator", "sen", "rep", "representative",
    "governor", "gov", "mayor", "judge", "justice", "chancellor", "ambassador", "admiral", "adm",
    "general", "gen", "colonel", "col", "captain", "capt", "lt", "sergeant", "sgt", "commissioner",
    "chairman", "chairwoman", "chair", "director", "chief", "inspector", "detective", "officer",
    "king", "queen", "prince", "princess", "pope", "bishop", "archbishop", "cardinal", "father",
    "deputy", "speaker", "leader", "mp", "councillor", "councilman", "councilwoman", "attorney",
    "prosecutor", "superintendent", "sheriff", "commander", "premier", "emir", "sheikh", "coach",
    "ceo", "professor", "state", "foreign", "finance", "defence", "defense", "interior", "transport",
    "trade", "health", "justice", "home", "general", "former", "acting", "party",
}
OUTLET_WORDS = {
    "times", "post", "herald", "journal", "tribune", "wire", "news", "gazette", "ledger", "guardian",
    "telegraph", "chronicle", "observer", "independent", "express", "mail", "mirror", "standard",
    "record", "review", "dispatch", "courier", "sentinel", "examiner", "inquirer", "bulletin",
    "press", "reuters", "bloomberg", "politico", "axios", "magazine", "daily", "weekly", "radio",
    "television", "tv", "broadcasting", "monitor", "register", "star", "sun", "globe", "agency",
}
_KNOWN_OUTLETS = {"reuters", "associated press", "ap", "afp", "bloomberg", "bbc", "cnn", "nbc", "cbs",
                  "abc news", "fox news", "npr", "al jazeera", "politico", "axios", "the hill", "breitbart"}
# Nouns for people in a role, beside which a name is a person's ("his lawyer, Daniel Arku").
_PEOPLE_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "lawyer", "attorney", "aide", "adviser", "advisor",
                 "assistant", "deputy", "chief", "director", "secretary", "wife", "husband", "son", "daughter",
                 "brother", "sister", "colleague", "friend", "partner", "lobbyist", "official", "counsel"}
_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "FAC", "NORP": "NORP"}
NAME_LABELS = frozenset(_TYPES)  # the parser's entity labels that name someone or somewhere
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")


def is_outlet_name(name: str) -> bool:
    words = name.lower().removeprefix("the ").split()
    return bool(words) and (name.lower().removeprefix("the ") in _KNOWN_OUTLETS or words[-1] in OUTLET_WORDS)


def mentions(doc, body_start: int = 0, outlets: Iterable[str] = ()) -> list[Mention]:
    """Entity mentions of `doc` from `body_start` on, each with its in-article canonical name.

    `outlets` are outlet names known for this article (its own outlet, say), so that
    "the Herald" can be recognised as "Harbour Herald".
    """
    start = _after_headline(text_of(doc), body_start)
    raw = [_mention(doc, ent) for ent in doc.ents if ent.label_ in _TYPES and ent.start_char >= start]
    raw = [m for m in raw if m is not None]
    raw.extend(_outlet_mentions(doc, body_start, outlets, raw))
    raw.extend(_surnames_again(doc, body_start, raw))
    raw.sort(key=lambda m: m.start)
    return _alias(raw, outlets, text_of(doc))


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


_PARTICLES = {"de", "da", "del", "della", "di", "du", "van", "von", "der", "den", "bin", "ibn", "ben", "al", "el",
              "la", "le", "dos", "das", "y"}
_DESCRIBERS = {"rival", "candidate", "nominee", "challenger", "opponent", "presumptive", "incumbent", "crooked"}


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
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = text_of(doc)[start:end]
    if not any(ch.isalpha() for ch in text) or len(text) > 120:
        return None
    label = "PERSON" if person else _TYPES[ent.label_]
    if label == "ORG" and is_outlet_name(text):
        label = "OUTLET"
    if label in {"ORG", "GPE"} and text.isupper() and len(text) > 3 and _starts_line(doc, start):
        label = "GPE"  # a dateline place ("PORTVALE, March 14 -")
    title = " ".join(t.text for t in title_tokens) or None
    return Mention(start=start, end=end, text=text, type=label, canonical=text, title=title)


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
    for tok in doc:
        seen_at = first_seen.get(tok.text)
        if seen_at is None or tok.idx < max(seen_at, body_start) or tok.pos_ != "PROPN" or tok.ent_type_:
            continue
        end = tok.idx + len(tok.text)
        if any(s < end and tok.idx < e for s, e in taken):
            continue
        out.append(Mention(start=tok.idx, end=end, text=tok.text, type="PERSON", canonical=tok.text))
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


def _alias(raw: list[Mention], outlets: Iterable[str], text: str) -> list[Mention]:
    """Point surname-only and title forms to the full name used in the article."""
    full_names: list[Mention] = []  # PERSON mentions of two or more words, in order
    result = []
    outlet_names = list(dict.fromkeys([o for o in outlets if o] + [m.text for m in raw if m.type == "OUTLET"
                                                                    and len(m.text.split()) > 1]))
    outlet_keys = {o.lower() for o in outlet_names} | _KNOWN_OUTLETS
    raw = _without_common_tail(raw, text)
    people = {w for m in raw if m.type == "PERSON" and len(_words(m.text)) >= 2 for w in _words(m.text)}
    short_outlets = {o.split()[-1].lower(): o for o in outlet_names if len(o.split()) > 1}
    sexes: dict[str, str] = {}  # full name -> the sex an honorific gave it in this article ("Mrs. Clinton")
    for m in raw:
        short = short_outlets.get(m.text.lower())
        if short and text[max(0, m.start - 4):m.start].lower() == "the ":
            result.append(_with(m, short, "OUTLET"))  # "the Herald" for "Harbour Herald"
            continue
        if m.type == "PERSON" and m.text.lower().removeprefix("the ") in outlet_keys:
            m = _with(m, m.text, "OUTLET")  # "Harbour Herald" tagged as a person
        elif m.type in {"ORG", "GPE", "NORP"} and _words(m.text) and set(_words(m.text)) <= people \
                and not is_outlet_name(m.text):
            m = _with(m, m.text, "PERSON")  # a surname tagged as an organisation
        if m.type == "PERSON":
            words = _words(m.text)
            if len(words) >= 2:
                # A longer form seen before ("Ilse Varga" for a later "Ilse M. Varga" is rare); keep first.
                full_names.append(m)
                prior = _full_for(words, full_names[:-1], m.title, sexes)
                result.append(m if prior is None else _with(m, prior.canonical))
                _note_sex(sexes, result[-1])
                continue
            prior = _full_for(words, full_names, m.title, sexes)
            result.append(_with(m, prior.canonical) if prior else m)
            _note_sex(sexes, result[-1])
        elif m.type in {"ORG", "OUTLET"}:
            match = next((o for o in outlet_names if o.lower().endswith(m.text.lower()) and o != m.text), None)
            result.append(_with(m, match, "OUTLET") if match and m.type == "OUTLET" else m)
        else:
            result.append(m)
    return result


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
    for full in reversed(full_names):
        fwords = _words(full.canonical)
        if len(words) < len(fwords) and (fwords[-len(words):] == words or fwords[:len(words)] == words):
            candidates.append(full)
        elif len(words) >= 2 and words[-1] == fwords[-1] and words[0][:1] == fwords[0][:1] and words != fwords \
                and len(words[0].rstrip(".")) == 1:  # "J. Doe" for "Jane Doe"
            candidates.append(full)
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
