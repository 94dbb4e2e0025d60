"""Named-entity mentions with in-article aliasing, titles and outlets.

Within one article, "Jane Doe", "Doe", "Ms. Doe" and "Secretary Doe" all get the
canonical form "Jane Doe". A bare surname shared by two full names in the same
article stays with the one it first stood for, else goes to the one most recently
mentioned; a title that fits only one of them ("President Keller") decides first.
"""
from __future__ import annotations

import functools
import re
from typing import Iterable

from storyline.analyse.aliases import known_name
from storyline.analyse.name_spans import names_again, rest_of_name, surnames_again, title_case_lines
from storyline.analyse.name_spans import names as _names
from storyline.analyse.name_types import (BODY_WORDS, HONORIFICS, OFFICES, OUTLET_WORDS, TIME_ZONES, TITLES,
                                          called_outlet, camel, checked_type, group_mention, is_outlet_name, is_place)
from storyline.analyse.name_types import TYPES as _TYPES
from storyline.analyse.names import first_name_sex
from storyline.analyse.nlp import text_of
from storyline.analyse.outlets import is_known_outlet, outlet_of
from storyline.records import Mention

__all__ = ["mentions", "TITLES", "HONORIFICS", "OUTLET_WORDS", "is_outlet_name", "title_office", "honorific_sex",
           "NAME_LABELS"]

# Nouns for people in a role, beside which a name is a person's ("his lawyer, Daniel Arku").
_PEOPLE_NOUNS = {"spokesman", "spokeswoman", "spokesperson", "lawyer", "attorney", "aide", "adviser", "advisor",
                 "assistant", "deputy", "chief", "director", "secretary", "wife", "husband", "son", "daughter",
                 "brother", "sister", "colleague", "friend", "partner", "lobbyist", "official", "counsel"}
NAME_LABELS = frozenset(_TYPES) - {"PRODUCT"}  # the parser's entity labels that name someone or somewhere
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")


def mentions(doc, body_start: int = 0, outlets: Iterable[str] = ()) -> list[Mention]:
    """Entity mentions of `doc` from `body_start` on, each with its in-article canonical name.

    `outlets` are outlet names known for this article (its own outlet, say), so that
    "the Herald" can be recognised as "Harbour Herald".
    """
    start = _after_headline(text_of(doc), body_start)
    skipped = title_case_lines(text_of(doc), start)
    tagged = [ent for ent in _names(doc) if ent.label_ in _TYPES]
    raw = [_mention(doc, ent) for ent in tagged if ent.start_char >= start
           and not any(s <= ent.start_char < e for s, e in skipped)]
    raw = [m for m in raw if m is not None]
    raw.extend(_outlet_mentions(doc, body_start, outlets, raw))
    raw.extend(surnames_again(doc, body_start, raw))
    again = names_again(doc, body_start, raw + _headline_names(doc, tagged, body_start))
    raw.extend(m for m in again if not any(s <= m.start < e for s, e in skipped))
    raw.sort(key=lambda m: m.start)
    return _alias(raw, outlets, text_of(doc), body_start)


def _headline_names(doc, tagged: list, body_start: int) -> list[Mention]:
    """The names the model tags (`tagged`) in the title, kept apart from the body (`body_start`),
    so that the body's untagged uses of them are found ("Dow Jones recovers ..." over "the Dow
    Jones Industrial Average has recovered", which the model leaves untagged); no mention of the
    title itself. Not from a title in title case, where capitalised words pass for names."""
    if body_start <= 0 or _after_headline(text_of(doc)[:body_start], 0) > 0:
        return []
    out = [_mention(doc, ent) for ent in tagged if ent.end_char <= body_start]
    return [m for m in out if m is not None]


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
        return group_mention(doc, tokens)
    # A describing word the model took into a person's name ("rival Hillary Clinton", "Candidate
    # Trump"): a name starts with a capital, bar its particles ("de", "van", "al").
    while len(tokens) > 1 and ent.label_ == "PERSON" and (
            tokens[0].text.islower() and tokens[0].text.isalpha() and tokens[0].text not in _PARTICLES
            or tokens[0].text.lower() in _DESCRIBERS):
        tokens = tokens[1:]
    # A word before an honorific is a description, not a name ("Delighted Mrs Smith said").
    polite = next((k for k, t in enumerate(tokens[:-1]) if k and t.text.lower().rstrip(".") in HONORIFICS), None)
    if ent.label_ == "PERSON" and polite is not None \
            and not any(t.text.lower().rstrip(".") in (TITLES | HONORIFICS) for t in tokens[:polite]):
        tokens = tokens[polite:]
    # Titles written inside the entity span ("Minister Ilse Varga") or right before it.
    title_tokens = []
    while len(tokens) > 1 and tokens[0].text.lower().rstrip(".") in (TITLES | HONORIFICS) and ent.label_ == "PERSON":
        title_tokens.append(tokens[0])
        tokens = tokens[1:]
    office = max((k for k, t in enumerate(tokens[:-2]) if t.text.lower().rstrip(".") in OFFICES), default=None)
    if ent.label_ == "PERSON" and office is not None:
        # "Charlotte Mayor Jennifer Roberts", "Apple CEO Tim Cook": a place's or a body's office
        title_tokens, tokens = title_tokens + tokens[:office + 1], tokens[office + 1:]
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
        tokens = tokens + rest_of_name(doc, tokens[-1])
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = text_of(doc)[start:end]
    if not any(ch.isalpha() for ch in text) or len(text) > 120 or text in TIME_ZONES:
        return None
    label = "PERSON" if person else _TYPES[ent.label_]
    outlet_context = called_outlet(tokens)
    label = checked_type(doc, tokens, text, label, bool(title_tokens), outlet_context)
    if label == "PERSON" and ent.label_ != "PERSON" and len(tokens) > 1 \
            and tokens[0].text.lower().rstrip(".") in TITLES | HONORIFICS:
        title_tokens, tokens = title_tokens + [tokens[0]], tokens[1:]  # "General Farhat"
        start = tokens[0].idx
        text = text_of(doc)[start:end]
    if label == "ORG" and is_outlet_name(text) or label in {"GPE", "FAC"} and is_known_outlet(text) \
            or outlet_context:
        label = "OUTLET"
    if label == "OUTLET" and outlet_of(text):
        return Mention(start=start, end=end, text=text, type=label, canonical=outlet_of(text))  # "NYT"
    if label in {"ORG", "NORP", "GPE", "PERSON", "PRODUCT"} and known_name(text) and not title_tokens:
        return Mention(start=start, end=end, text=text, type="ORG", canonical=known_name(text))  # "ISIL"
    if label in {"ORG", "GPE"} and text.isupper() and len(text) > 3 and _starts_line(doc, start):
        label = "LOC"  # a dateline place ("PORTVALE, March 14 -")
    if label == "GPE" and is_place(tokens[-1]):
        label = "LOC"  # "in Iowa": the place, not the state acting
    title = " ".join(t.text for t in title_tokens) or None
    plural = label == "PRODUCT" and camel(text) and re.search(r"[a-z]s$", text) \
        and re.search(rf"\b{re.escape(text[:-1])}\b(?!s)", text_of(doc))
    canonical = text[:-1] if plural else text
    return Mention(start=start, end=end, text=text, type=label, canonical=canonical, title=title)  # "iPods": iPod


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
    kept: dict[str, str] = {}  # a bare surname -> the full name it first stood for
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
            prior = _full_for(words, full_names, m.title, sexes, kept.get(m.text) if not m.title else None)
            if prior is not None and not m.title:
                kept.setdefault(m.text, prior.canonical)
            if prior is not None and not m.title and _used_alone_before(m, prior, result):
                prior = None  # "former Secretary Clinton" was not "President Bill Clinton"; nor is her "Clinton" now
            result.append(_with(m, prior.canonical) if prior else m)
            _note_sex(sexes, result[-1])
        elif m.type in {"ORG", "OUTLET"}:
            match = next((o for o in outlet_names if o.lower().endswith(m.text.lower()) and o != m.text), None)
            if match and m.type == "OUTLET":
                result.append(_with(m, match, "OUTLET"))
            else:
                longer = _longer_name(m, raw, headline_end, org_names) or _spelled_out(m, raw)
                result.append(_with(m, longer) if longer else m)
        else:
            result.append(m)
    return _headline_surnames(result, headline_end)


def _headline_surnames(result: list[Mention], headline_end: int) -> list[Mention]:
    """A headline names its people by surname ("Axelrod calls on Dean to apologize") before the
    story names them in full: each such surname takes the one full name of the article it ends."""
    if headline_end <= 0:
        return result
    full: dict[str, set[str]] = {}
    for m in result:
        words = _core_words(m.canonical)
        if m.type == "PERSON" and len(words) >= 2:
            full.setdefault(words[-1], set()).add(m.canonical)
    out = []
    for m in result:
        words = _core_words(m.text)
        if m.type == "PERSON" and m.start < headline_end and m.canonical == m.text and len(words) == 1 \
                and len(full.get(words[0], ())) == 1:
            m = _with(m, next(iter(full[words[0]])))
        out.append(m)
    return out


def _own_body(rest: list[str]) -> bool:
    """Whether the words after a short name make a body of its own ("[UN] Security Council",
    "[Apple] Developer Program"), rather than finish the short name's ("[State] Department")."""
    return len(rest) >= 2 and rest[-1].lower() in BODY_WORDS


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


# Words an organisation's initials skip ("DHS": Department of Homeland Security).
_UNSPELLED = {"of", "the", "and", "for", "&"}


def _spelled_out(m: Mention, raw: list[Mention]) -> str | None:
    """The one organisation of the article that a short form names, where the short form is its
    initials ("DHS": the Department of Homeland Security, "the PSA": Port Safety Agency) or what
    follows "of" or "for" in its name ("Homeland Security"). Only an organisation named in full in
    the same article decides: elsewhere the same letters may stand for another."""
    words = _words(m.text.removeprefix("the ").removeprefix("The "))
    letters = "".join(words).replace(".", "")
    acronym = len(words) == 1 and 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()
    if not acronym and len(words) < 2:
        return None
    tail = " ".join(words).lower()
    fits = set()
    for b in raw:
        long = _words(b.canonical)
        if b.type != "ORG" or len(long) < 2 or long == words:
            continue
        if acronym and _initials(long) == letters or \
                not acronym and re.search(rf"\b(?:of|for) (?:the )?{re.escape(tail)}$", " ".join(long).lower()):
            fits.add(b.canonical)
    return next(iter(fits)) if len(fits) == 1 else None


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", " ".join(words))
                   if w and w[0].isupper() and w.lower() not in _UNSPELLED)


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
              sexes: dict[str, str] | None = None, kept: str | None = None) -> Mention | None:
    """The full-name mention a partial name refers to, most recent first. `sexes` holds what
    honorifics earlier in the article said of each full name ("Mrs. Clinton" was Hillary Clinton);
    failing that, a first name may tell (analyse/names.py: "Mrs. Clinton" is not Bill Clinton).
    `kept` is the full name the same bare surname stood for before: news writing names a relative
    in full once the surname is taken ("Cruz ... his wife, Heidi Cruz ... Cruz said"), so the
    surname stays with its first bearer."""
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
    if len(distinct) > 1 and kept in distinct:
        return next(c for c in candidates if c.canonical == kept)
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
