"""Entity resolution across articles, v1: names, surnames and titles.

Mentions already carry their in-article canonical name ("Doe" -> "Jane Doe").
Across articles, full names that agree are one entity; a surname-only canonical
joins a full name only when exactly one full name in the corpus fits it (and its
title does not contradict). Different full names are never merged, so "President
Anton Keller" and "Marta Keller-Osei, president of the port authority" stay apart.
Cost is linear in the number of mentions: grouping is by normalised key.
"""
from __future__ import annotations

import functools
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from storyline.analyse.mentions import OUTLET_WORDS as _OUTLET_WORDS, honorific_sex, title_office
from storyline.analyse.names import first_name_sex

__all__ = ["resolve_entities", "apply_decisions", "ResolvedEntity", "name_key"]


@dataclass
class ResolvedEntity:
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    mention_ids: list[int] = field(default_factory=list)
    types: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)


_ARABIC_ARTICLE = re.compile(r"(?:(?<=\s)|^)(?:al|el|ad|as|ash|an|ar|at|az)-\s*(?=\w)", re.IGNORECASE)
_ARTICLE_SPACED = re.compile(r"(?:(?<=\s)|^)(?:al|el) (?=\w)")


@functools.lru_cache(maxsize=100_000)
def name_key(name: str) -> str:
    """Case-, article- and punctuation-insensitive key of a name. The Arabic article is written
    one way: "al-Baghdadi", "al Baghdadi" (in lower case) and "As-Safir" (the article takes the
    sound of a following sun letter in transliteration) all as "al-"; a capitalised "Al Gore" is
    left alone. Kept per name: a corpus repeats a few thousand names over its mentions."""
    name = re.sub(r"^(the)\s+", "", name.strip(), flags=re.IGNORECASE)
    name = re.sub(r"(?:'s|\u2019s)$", "", name)
    name = _ARTICLE_SPACED.sub("al-", _ARABIC_ARTICLE.sub("al-", name))
    words = re.sub(r"[^\w\s-]", "", name.casefold()).split()
    return " ".join(_SPELLING.get(w, w) for w in words)


# British and American spellings of the words in bodies' names ("Defence Ministry", "Defense Ministry").
_SPELLING = {"defence": "defense", "centre": "center", "organisation": "organization", "programme": "program",
             "labour": "labor", "honour": "honor", "theatre": "theater"}


# Particles inside names, not names themselves: "Saja al-Dulaimi" is Dulaimi, "Greta Van Susteren"
# Susteren, as far as telling surnames apart goes. A first word is never one ("Ben Carson").
_PARTICLES = {"al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "bin", "ibn", "de", "da", "del", "della", "di",
              "du", "van", "von", "der", "den", "la", "le", "dos", "das"}


def _core(key: str) -> str:
    """A name key without its particles: "saja al-dulaimi" -> "saja dulaimi", "van susteren" ->
    "susteren". A first word that is also a first name stays ("al gore")."""
    words = [w[3:] if w.startswith("al-") and len(w) > 3 else w for w in key.split()]
    first = words[:1] if words and (words[0] not in _PARTICLES or first_name_sex(f"{words[0]} x")) else []
    return " ".join(first + [w for w in words[1:] if w not in _PARTICLES]) or key


def _surname(key: str) -> str:
    words = _core(key).split()
    return words[-1] if words else key


def _get(row, key: str, default=None):
    """A column of a mention row that rows from before migration 0020 (or tests) may lack."""
    try:
        return row[key]
    except (KeyError, IndexError):
        return default


def resolve_entities(mentions) -> list[ResolvedEntity]:
    """Group mention rows (id, text, type, canonical, title[, article_id, form]) into entities.
    Names decide the entities; a pronoun or description then joins the entity that a name with
    its canonical form joined in its own article."""
    rows = list(mentions)
    names = [m for m in rows if _get(m, "form", "name") == "name"]
    entities = _resolve_names(names)
    _attach_references(entities, names, [m for m in rows if _get(m, "form", "name") != "name"])
    return entities


def _attach_references(entities: list[ResolvedEntity], names, references) -> None:
    if not references:
        return
    of_mention = {i: ent for ent in entities for i in ent.mention_ids}
    in_article: dict[tuple, Counter] = defaultdict(Counter)
    for m in names:
        ent = of_mention.get(m["id"])
        if ent is not None:
            in_article[(_get(m, "article_id"), m["canonical"])][id(ent)] += 1
    by_id = {id(e): e for e in entities}
    for m in references:
        votes = in_article.get((_get(m, "article_id"), m["canonical"]))
        if votes:
            by_id[votes.most_common(1)[0][0]].mention_ids.append(m["id"])
    entities.sort(key=lambda e: (-len(e.mention_ids), e.name))


def _resolve_names(mentions) -> list[ResolvedEntity]:
    groups: dict[tuple[str, str], ResolvedEntity] = {}
    partial: list = []
    person_full: dict[str, list[str]] = defaultdict(list)  # surname -> full-name keys

    def group(kind: str, key: str, name: str) -> ResolvedEntity:
        ent = groups.get((kind, key))
        if ent is None:
            ent = groups[(kind, key)] = ResolvedEntity(name=name, type=kind)
        return ent

    longer_form = _person_forms(mentions)
    for m in mentions:
        kind = _kind(m["type"])
        key = name_key(m["canonical"])
        if not key:
            continue
        if kind in {"PERSON", "ORG", "GPE", "NORP", "LOC"} and len(_core(key).split()) < 2:
            partial.append(m)
            continue
        if kind == "PERSON" and key in longer_form:
            key = longer_form[key]  # "Saja al-Dulaimi" is the corpus's only Saja ... Dulaimi with more names
        ent = group(kind, key, m["canonical"])
        if kind == "PERSON" and key not in person_full[_surname(key)]:
            person_full[_surname(key)].append(key)
        _add(ent, m)

    # an honorific alone ("Mr.") names no office: it decides by the person's sex, never by its key
    titles_of = {k: {title_office(t) for t in e.titles} - {""} for (kind, k), e in groups.items() if kind == "PERSON"}
    sexes_of = {k: ({honorific_sex(t) for t in e.titles} | {first_name_sex(k)}) - {None}
                for (kind, k), e in groups.items() if kind == "PERSON"}
    first_names: dict[str, list[str]] = defaultdict(list)
    for full in {k for keys in person_full.values() for k in keys}:
        first_names[_core(full).split()[0]].append(full)
    for m in partial:
        key = name_key(m["canonical"])
        kind = _kind(m["type"])
        fits = person_full.get(_core(key), [])
        if kind != "PERSON":
            # A lone word tagged as an organisation or a building that is some person's surname
            # ("Varga") is that person only when one person in the corpus fits it. A place keeps
            # its own name: "Washington" is not George Washington.
            if len(fits) == 1 and m["type"] not in {"GPE", "LOC"}:
                _add(groups[("PERSON", fits[0])], m)
            else:
                _add(group(kind, key, m["canonical"]), m)
            continue
        if m["title"]:
            office, sex = title_office(m["title"]), honorific_sex(m["title"])
            if sex:  # "Mrs. Keller" is not the Keller only ever called "Mr. Keller"
                fits = [f for f in fits if sexes_of.get(f, set()) <= {sex}]
            if len(fits) > 1 and office:
                fits = [f for f in fits if office in titles_of.get(f, set())] or fits
        if not fits and not m["title"]:
            # a first name alone ("Hillary", "Greta") is the one person of the corpus called so
            fits = [f for f in first_names.get(_core(key), []) if _core(key) not in person_full]
        fits = _dominant(fits, groups)
        if len(fits) == 1:
            ent = groups[("PERSON", fits[0])]
        else:
            ent = group("PERSON", key, m["canonical"])
        _add(ent, m)

    _merge_types(groups, set(person_full))
    article_of = {m["id"]: _get(m, "article_id") for m in mentions}
    _join_short_forms(groups, set(person_full), _short_forms_seen(mentions), article_of)
    _join_spellings(groups, article_of)
    out = []
    for ent in groups.values():
        ent.name = _best_name(ent)
        ent.type = ent.types.most_common(1)[0][0] if ent.types else ent.type
        ent.aliases.add(ent.name)
        out.append(ent)
    out.sort(key=lambda e: (-len(e.mention_ids), e.name))
    return out


# Letters that transliterations of one name write differently ("Nohad Machnouk", "Nouhad Mashnuq").
_DIGRAPHS = (("kh", "k"), ("sh", "s"), ("ch", "s"), ("gh", "g"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("ck", "k"))
_SOUNDS = str.maketrans({"q": "k", "c": "k", "a": None, "e": None, "i": None, "o": None, "u": None, "y": None,
                         "h": None, "w": None, "'": None, "-": None})


def spelling_key(key: str) -> str | None:
    """A full name's consonants as transliteration leaves them (digraphs folded, vowels, h and w
    dropped, doubled letters once), word by word; None for a single word or a surname of under
    three consonants, which too many names share."""
    words = _core(key).split()
    if len(words) < 2:
        return None
    out = []
    for w in words:
        for a, b in _DIGRAPHS:
            w = w.replace(a, b)
        out.append(re.sub(r"(.)\1+", r"\1", w.translate(_SOUNDS)))
    return " ".join(out) if len(out[-1]) >= 3 and all(out) else None


def _join_spellings(groups: dict, article_of: dict) -> None:
    """People whose full names are two transliterations of one ("Nohad Machnouk", "Nouhad Mashnuq")
    are one, when no article names both (an article keeps to one spelling; two names in one article
    are two people) and their first names do not tell two sexes apart. The spelling with the most
    mentions keeps the group."""
    by_spelling: dict[str, list[str]] = defaultdict(list)
    for (kind, key) in groups:
        if kind == "PERSON":
            folded = spelling_key(key)
            if folded:
                by_spelling[folded].append(key)
    # A long surname one letter apart, under the same first name, is a misspelling of it
    # ("Mark Oberholtzer", "Mark Olberholtzer"): the two spellings are one group.
    by_first: dict[str, list[str]] = defaultdict(list)
    for folded in by_spelling:
        by_first[folded.rsplit(" ", 1)[0]].append(folded)
    for same_first in by_first.values():
        same_first.sort(key=lambda f: (-sum(len(groups[("PERSON", k)].mention_ids) for k in by_spelling[f]), f))
        for i, a in enumerate(same_first):
            for b in same_first[i + 1:]:
                last_a, last_b = a.rsplit(" ", 1)[1], b.rsplit(" ", 1)[1]
                if min(len(last_a), len(last_b)) >= _LONG_SURNAME and by_spelling.get(b) and by_spelling.get(a) \
                        and _one_apart(last_a, last_b):
                    by_spelling[a].extend(by_spelling.pop(b))
    # A first name and its short form under one long surname ("Gill Rosenberg", "Gillian
    # Rosenberg"; "Chris", "Christopher"): one person, on the same terms as a transliteration.
    by_last: dict[str, list[str]] = defaultdict(list)
    for folded in by_spelling:
        first, _, last = folded.rpartition(" ")
        if first and " " not in first and len(last) >= _LONG_SURNAME:
            by_last[last].append(folded)
    for same_last in by_last.values():
        same_last.sort(key=lambda f: (-sum(len(groups[("PERSON", k)].mention_ids) for k in by_spelling[f]), f))
        for i, a in enumerate(same_last):
            for b in same_last[i + 1:]:
                if by_spelling.get(a) and by_spelling.get(b) and _short_form(_first(by_spelling[a]), _first(by_spelling[b])):
                    by_spelling[a].extend(by_spelling.pop(b))
    for keys in by_spelling.values():
        if len(keys) < 2:
            continue
        keys.sort(key=lambda k: (-len(groups[("PERSON", k)].mention_ids), k))
        sexes = {first_name_sex(k) for k in keys} - {None}
        articles = [{article_of.get(i) for i in groups[("PERSON", k)].mention_ids} for k in keys]
        if len(sexes) > 1 or any(articles[i] & articles[j] for i in range(len(keys)) for j in range(i)):
            continue
        into = groups[("PERSON", keys[0])]
        for k in keys[1:]:
            _absorb(into, groups.pop(("PERSON", k)))


_LONG_SURNAME = 5  # consonants a surname needs before one letter more or less is read as a misspelling


def _first(keys: list[str]) -> str:
    return keys[0].split()[0].casefold()


def _short_form(a: str, b: str) -> bool:
    """Whether one first name begins the other and is three letters or more ("gil", "gilian")."""
    short, long = sorted((a, b), key=len)
    return short != long and len(short) >= 3 and long.startswith(short)


def _one_apart(a: str, b: str) -> bool:
    """Whether b is a with one letter added, dropped or changed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:k] + long[k + 1:] == short for k in range(len(long)))


_ORG_WORDS = {"shipping", "logistics", "council", "authority", "party", "ministry", "group", "bank", "inc",
              "ltd", "llc", "company", "corp", "corporation", "holdings", "association", "union", "agency",
              "committee", "commission", "department", "office", "court", "university", "foundation", "institute",
              "airlines", "airways", "motors", "partners", "capital", "fund", "trust", "news"}


def _dominant(fits: list[str], groups: dict) -> list[str]:
    """Of several people a lone surname fits, the one the corpus is about when it names him or
    her five times as often as all the others together ("Trump" in a corpus of Donald Trump, with
    Ivanka Trump named twice); otherwise all of them, and the surname stays apart."""
    if len(fits) < 2:
        return fits
    counts = sorted(((len(groups[("PERSON", f)].mention_ids), f) for f in fits), reverse=True)
    return [counts[0][1]] if counts[0][0] >= 5 * sum(n for n, _ in counts[1:]) else fits


def _person_forms(mentions) -> dict[str, str]:
    """{"saja al dulaimi": "saja abdul hamid al dulaimi"}: a person's full name joins the longer
    names of the corpus with the same first name and surname and more names between, when those
    longer names all agree with one another ("Saja al-Dulaimi", "Saja Hamid al-Dulaimi", "Saja
    Abdul Hamid al-Dulaimi"). Initials must agree exactly, so "George Bush" stays apart where both
    "George W. Bush" and "George H. W. Bush" are named."""
    keys = {name_key(m["canonical"]) for m in mentions if _kind(m["type"]) == "PERSON"}
    by_ends: dict[tuple[str, str], list[list[str]]] = defaultdict(list)
    for key in keys:
        words = _core(key).split()
        if len(words) >= 2:
            by_ends[(words[0], words[-1])].append(words)
    out = {}
    for forms in by_ends.values():
        for words in forms:
            longer = [f for f in forms if len(f) > len(words) and _fits_middle(words[1:-1], f[1:-1])]
            if longer and all(_fits_middle(a[1:-1], b[1:-1]) or _fits_middle(b[1:-1], a[1:-1])
                              for a in longer for b in longer):
                target = _key_of(keys, max(longer, key=len))
                for key in keys:
                    if _core(key).split() == words:
                        out[key] = target
    return out


def _key_of(keys: set[str], core_words: list[str]) -> str:
    """The longest key of `keys` whose core is these words (the form with its particles)."""
    core = " ".join(core_words)
    return max((k for k in keys if _core(k) == core), key=len)


def _fits_middle(short: list[str], long: list[str]) -> bool:
    """The middle names `short` are a subsequence of `long`, and their initials are the same."""
    initials = ([w for w in short if len(w) == 1], [w for w in long if len(w) == 1])
    if initials[0] and initials[1] and initials[0] != initials[1] or short and not initials[0] and initials[1]:
        return False
    it = iter(long)
    return all(w in it for w in short)


def _merge_types(groups: dict, surnames: set[str]) -> None:
    """One name tagged PERSON in some articles and ORG in others is one entity: an organisation
    when its last word says so ("Greyline Shipping"), else whichever type most mentions have.
    A lone word that starts exactly one organisation's name ("Greyline") joins it, unless it is
    a person's surname named as a person ("Mrs. Clinton" is not the Clinton Foundation)."""
    by_key: dict[str, list] = defaultdict(list)
    for (kind, key), ent in groups.items():
        by_key[key].append((kind, ent))
    for key, items in by_key.items():
        kinds = {k for k, _ in items}
        if len(items) < 2:
            continue
        if kinds <= {"ORG", "PRODUCT"} and "PRODUCT" in kinds or kinds == {"ORG", "OUTLET"}:
            # "iPod" tagged an organisation here and a product there: one thing, the usual type;
            # "MTV" an outlet where the article says it broadcasts, an organisation elsewhere
            keep_kind = "OUTLET" if "OUTLET" in kinds else max(items, key=lambda kv: len(kv[1].mention_ids))[0]
            for kind, ent in items:
                if kind != keep_kind:
                    _absorb(groups[(keep_kind, key)], ent)
                    del groups[(kind, key)]
            continue
        if not kinds <= {"PERSON", "ORG"}:
            # A full name the model tagged a place in one article ("Marta Olin" as GPE) is the
            # person (or organisation) most mentions say it is; lone words are left apart.
            if len(key.split()) < 2 or not kinds & {"PERSON", "ORG"} or \
                    not kinds <= {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}:
                continue
            keep_kind = max(((k, e) for k, e in items if k in {"PERSON", "ORG"}),
                            key=lambda kv: len(kv[1].mention_ids))[0]
            for kind, ent in items:
                if kind not in {keep_kind, "PERSON", "ORG"}:
                    _absorb(groups[(keep_kind, key)], ent)
                    del groups[(kind, key)]
            items = [(k, e) for k, e in items if k in {"PERSON", "ORG"}]
            kinds = {k for k, _ in items}
            if len(items) < 2:
                continue
        orgish = key.split()[-1] in _ORG_WORDS
        keep_kind = "ORG" if orgish else max(items, key=lambda kv: len(kv[1].mention_ids))[0]
        keep = groups[(keep_kind, key)]
        for kind, ent in items:
            if kind != keep_kind:
                _absorb(keep, ent)
                del groups[(kind, key)]
        if orgish:
            keep.types = Counter({"ORG": len(keep.mention_ids)})


# Words after a company's own name that leave it the same company: legal forms ("Inc.", "plc")
# and the trade words firms put after their name ("Apple Computer", "Greyline Shipping", "Ford
# Motor"). "Corps", "Foundation" or "Council" make another body and are not here.
_COMPANY_TAIL = {"inc", "incorporated", "corp", "corporation", "co", "company", "cos", "ltd", "limited", "plc",
                 "llc", "llp", "lp", "ag", "sa", "nv", "bv", "gmbh", "se", "spa", "holdings", "holding", "group",
                 "international", "computer", "computers", "motor", "motors", "airlines", "airline", "airways",
                 "shipping", "logistics", "systems", "technologies", "technology", "electronics", "communications",
                 "pharmaceuticals", "energy", "foods", "entertainment", "media", "networks",
                 "industries", "partners", "capital", "financial", "party"}
# Words an acronym skips ("DHS": Department of Homeland Security).
_SKIPPED = {"of", "and", "the", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "&"}
_GROUP_KINDS = {"ORG", "OUTLET", "GPE", "LOC", "GROUP", "PRODUCT"}


def _short_forms_seen(mentions) -> dict[str, set[str]]:
    """{"dow jones": {"dow jones industrial average"}}: the short forms of organisations' names
    that articles used after their long form (mentions.py gave them the long one)."""
    seen: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if _kind(m["type"]) in {"ORG", "OUTLET"} and name_key(m["text"]) != name_key(m["canonical"]):
            seen[name_key(m["text"])].add(name_key(m["canonical"]))
    return seen


def _join_short_forms(groups: dict, surnames: set[str], seen: dict[str, set[str]] | None = None,
                      article_of: dict | None = None) -> None:
    """Names of one actor that differ only in form join, where the corpus leaves one reading:
      - a company's name and the same with its legal form or trade word ("Apple", "Apple Inc.",
        "Apple Computer"; not "Apple Corps"), when the shorter name is itself used;
      - an acronym and the only name of the corpus whose initials it spells ("GM" and "General
        Motors", "U.S." and "United States"; "UN" never becomes "UN Security Council"), when
        some article names both (in a store of many stories, "CBC" in an Ottawa story is not the
        Central Bedfordshire Council of another);
      - a name of two words or more and the only longer one that goes on with "of", "in" or
        "for" ("Islamic State", "Islamic State in Iraq and Syria"), or that has more words between
        the same first and last ("iTunes Store", "iTunes Music Store"; "Moscone Center", "Moscone
        West Convention Center");
      - the last word of an outlet's name and the only outlet that ends so ("Times");
      - a body's name after its country's ("U.S. Border Patrol", "Border Patrol"), a product's
        after its maker's ("Apple Macintosh", "Macintosh");
      - a short form that some article used for one long name only ("the Dow Jones" after "the
        Dow Jones Industrial Average"), in the articles that use it alone too.
    A person's surname named as a person joins none of them ("Ford" is not Ford Motor)."""
    merged: dict[tuple, tuple] = {}

    def find(k):
        while k in merged:
            k = merged[k]
        return k

    def join(short, long):
        a, b = find(short), find(long)
        if a != b:
            merged[a] = b

    by_key: dict[str, list] = defaultdict(list)
    for kind, key in groups:
        by_key[key].append((kind, key))

    def joinable(kind, key):
        return kind in _GROUP_KINDS or kind == "PERSON" and len(key.split()) == 1 and key not in surnames

    for (kind, key), ent in list(groups.items()):
        if not joinable(kind, key):
            continue
        for shorter in _without_tail(key):
            found = [g for g in by_key.get(shorter, []) if joinable(*g) and g[0] != "GPE"]
            if found:
                for g in found:
                    join(g, (kind, key))
                break
    names = [(kind, key) for kind, key in groups if kind in _GROUP_KINDS and len(key.split()) >= 2]

    def ending(word: str, kind: str) -> set:
        """The groups of the names of that kind whose last word is `word`."""
        return {find(g) for g in names if g[0] == kind and g[1].split()[-1] == word}
    initials: dict[str, list] = defaultdict(list)
    for g in names:
        initials[_initials(groups[g])].append(g)
    for (kind, key), ent in groups.items():
        if not joinable(kind, key) or len(key.split()) != 1:
            continue
        acronym = _acronym(ent)
        if acronym and len({find(g) for g in initials.get(acronym, [])}) == 1 \
                and _told_together(ent, groups[initials[acronym][0]], article_of):
            join((kind, key), initials[acronym][0])
        if kind == "OUTLET" or kind == "ORG" and key in _OUTLET_WORDS:
            ends = ending(key, "OUTLET")
            if len(ends) == 1:
                join((kind, key), next(iter(ends)))
    for g in names:  # "Scottish SPCA": words and an acronym, spelling the Scottish Society for ...
        spelled = _spelled(groups[g])
        longer = {find(h) for h in initials.get(spelled or "", []) if h != g}
        # the same first word and the same letters: no guess (spellings of the long name, "for
        # the Prevention" and "for Prevention", are the one body)
        if g[0] in {"ORG", "GROUP"} and spelled and longer and all(h[1].split()[0] == g[1].split()[0] for h in longer):
            for h in longer:
                join(g, h)
    for (kind, key), ent in groups.items():  # "SPCA" and the only body whose name ends so ("Scottish SPCA")
        if kind in {"ORG", "OUTLET"} and len(key.split()) == 1 and _acronym(ent):
            ends = ending(key, "ORG")
            if len(ends) == 1:
                join((kind, key), next(iter(ends)))
    for g in names:
        if g[0] not in {"ORG", "GROUP", "OUTLET"}:
            continue
        longer = [h for h in names if h[0] in {"ORG", "GROUP"} and re.match(rf"{re.escape(g[1])} (?:of|in|for) ", h[1])]
        longest = max(longer, key=lambda h: len(h[1]), default=None)
        # several are one name cut at different places ("Islamic State of Iraq [and Greater Syria]")
        if longest and all(longest[1].startswith(h[1]) for h in longer):
            for h in [g, *longer]:
                join(h, longest)
    by_ends: dict[tuple[str, str], list] = defaultdict(list)  # "iTunes Store", "iTunes Music Store"
    for g in names:
        if g[0] in {"ORG", "PRODUCT", "GPE", "OUTLET"}:
            words = g[1].split()
            by_ends[(words[0], words[-1])].append(g)
    for forms in by_ends.values():
        for g in forms:
            middle = g[1].split()[1:-1]
            longer = [h for h in forms if len(h[1].split()) > len(g[1].split())
                      and _fits_middle(middle, h[1].split()[1:-1])]
            if longer and all(_fits_middle(a[1].split()[1:-1], b[1].split()[1:-1])
                              or _fits_middle(b[1].split()[1:-1], a[1].split()[1:-1]) for a in longer for b in longer):
                join(g, max(longer, key=lambda h: len(h[1])))
    # a country written short, as in "U.S. Border Patrol" (not "Iowa Democratic Party", a body of its own)
    places = {key for kind, key in groups if kind == "GPE" and _acronym(groups[(kind, key)])}
    for g in names:  # "U.S. Border Patrol" and "Border Patrol": the country's name before the body's
        words = g[1].split()
        rest = [h for h in by_key.get(" ".join(words[1:]), []) if h[0] in {"ORG", "OUTLET"}]
        if g[0] == "ORG" and words[0] in places and len(rest) == 1:
            join(g, rest[0])
    companies = {key for kind, key in groups if kind == "ORG" and len(key.split()) == 1}
    for g in names:  # "Apple Macintosh" and "Macintosh": a maker's name before its product's
        words = g[1].split()
        rest = [h for h in by_key.get(" ".join(words[1:]), []) if h[0] in {"ORG", "PRODUCT"}]
        if g[0] in {"ORG", "PRODUCT"} and words[0] in companies and len(rest) == 1:
            join(g, rest[0])
    for g in names:  # "Homeland Security" and "Department of Homeland Security"
        longer = {find(h) for h in names
                  if h[0] in {"ORG", "GROUP"} and re.fullmatch(rf"\w+ (?:of|for) {re.escape(g[1])}", h[1])}
        if g[0] in {"ORG", "GROUP"} and len(longer) == 1:
            join(g, next(iter(longer)))
    for (kind, key) in list(groups):
        longs = (seen or {}).get(key, set())
        targets = {find(g) for long in longs for g in by_key.get(long, []) if g[0] in {"ORG", "OUTLET"}}
        if kind in {"ORG", "OUTLET"} and len(longs) == 1 and len(targets) == 1:
            join((kind, key), next(iter(targets)))
    for short in sorted(merged, key=lambda g: -len(groups[g].mention_ids)):
        target = find(short)
        if short in groups and target in groups and short != target:
            _absorb(groups[target], groups.pop(short))


def _without_tail(key: str) -> list[str]:
    """"apple computer inc" -> ["apple computer", "apple"]: the name with its company words
    taken off one by one, longest first; none when a company word is all there is."""
    words = key.split()
    out = []
    while len(words) > 1 and words[-1] in _COMPANY_TAIL:
        words = words[:-1]
        out.append(" ".join(words))
    return out


def _spelled(ent: ResolvedEntity) -> str | None:
    """The initials a name of words ending in an acronym spells ("Scottish SPCA": SSPCA), or None."""
    words = _best_name(ent).split()
    if len(words) < 2 or not (2 <= len(words[-1]) <= 6 and words[-1].isalpha() and words[-1].isupper()):
        return None
    if not all(w[:1].isupper() for w in words[:-1]):
        return None
    return "".join(w[0] for w in words[:-1] if w.lower() not in _SKIPPED).upper() + words[-1]


def _told_together(a: ResolvedEntity, b: ResolvedEntity, article_of: dict | None) -> bool:
    """Some article names both (true when the mentions' articles are not known)."""
    if not article_of:
        return True
    arts = [{article_of.get(i) for i in e.mention_ids} for e in (a, b)]
    if None in arts[0] or None in arts[1]:
        return True
    return bool(arts[0] & arts[1])


def _initials(ent: ResolvedEntity) -> str:
    words = re.split(r"[\s-]+", _best_name(ent))
    return "".join(w[0] for w in words if w and w.lower() not in _SKIPPED and w[0].isalpha()).upper()


def _acronym(ent: ResolvedEntity) -> str | None:
    """The letters of a name written as an acronym ("GM", "U.S.", "the UN"), or None."""
    for name in ent.names:
        letters = re.sub(r"^the\s+|\.", "", name.strip(), flags=re.IGNORECASE)
        if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
            return letters
    return None


def _absorb(into: ResolvedEntity, other: ResolvedEntity) -> None:
    into.mention_ids.extend(other.mention_ids)
    into.types.update(other.types)
    into.names.update(other.names)
    into.aliases |= other.aliases
    into.titles |= other.titles


def _kind(type_: str) -> str:
    """The group a mention's type resolves in: a place is one entity whether the article names it
    as a place ("in Iraq": LOC) or as a state that acts ("Iraq said": GPE); most mentions decide."""
    return {"FAC": "GPE", "LOC": "GPE"}.get(type_, type_)


def _add(ent: ResolvedEntity, m) -> None:
    ent.mention_ids.append(m["id"])
    if _get(m, "form", "name") != "name":
        return  # "he" or "the company" is no alias, and its type was copied from a name
    ent.types[m["type"]] += 1
    ent.names[m["canonical"]] += 1
    ent.aliases.add(m["text"])
    if m["title"]:
        ent.titles.add(_title_text(m["title"]))
        ent.aliases.add(f"{m['title']} {m['text']}")


def _title_text(title: str) -> str:
    return " ".join(title.split())


def _best_name(ent: ResolvedEntity) -> str:
    """The most used canonical form, preferring the longest among equally used ones; for a
    person a full name first ("Jane Doe" before a more frequent "Doe")."""
    person = ent.types.most_common(1)[0][0] == "PERSON" if ent.types else ent.type == "PERSON"
    return max(ent.names.items(), key=lambda kv: (person and len(kv[0].split()) >= 2, kv[1], len(kv[0])))[0]


def _holding(entities: list[ResolvedEntity], name: str) -> ResolvedEntity | None:
    """The entity one of whose aliases (or whose name) is `name`, compared by key."""
    key = name_key(name)
    for ent in entities:
        if key in {name_key(a) for a in ent.aliases | {ent.name}}:
            return ent
    return None


def apply_decisions(entities: list[ResolvedEntity], rows, decisions) -> list[ResolvedEntity]:
    """Hand-made decisions, in the order they were made, over the automatic resolution.
    merge (A, B): the entity holding B joins the one holding A. split (A, B): the mentions named
    B (as written or by their in-article name) leave A's entity for one of their own."""
    by_id = {r["id"]: r for r in rows}
    entities = list(entities)
    for d in decisions:
        a = _holding(entities, d["name"])
        if a is None:
            continue
        if d["action"] == "merge":
            b = _holding(entities, d["other"])
            if b is not None and b is not a:
                _absorb(a, b)
                entities.remove(b)
            continue
        key = name_key(d["other"])
        leaving = [i for i in a.mention_ids
                   if key in {name_key(by_id[i]["text"]), name_key(by_id[i]["canonical"])}]
        if not leaving or len(leaving) == len(a.mention_ids):
            continue
        new = ResolvedEntity(name=d["other"], type=a.type)
        for i in leaving:
            a.mention_ids.remove(i)
            _add(new, by_id[i])
        a.aliases = {x for x in a.aliases if name_key(x) != key} | {a.name}
        a.names.pop(next((n for n in a.names if name_key(n) == key), None), None)
        new.names = Counter({d["other"]: len(leaving)})  # their in-article name was the entity's
        new.name = d["other"]
        new.type = new.types.most_common(1)[0][0] if new.types else a.type
        new.aliases.add(new.name)
        entities.append(new)
    entities.sort(key=lambda e: (-len(e.mention_ids), e.name))
    return entities


def rebuild(store) -> int:
    """Recompute the entities table from all stored mentions, in one transaction."""
    rows = store.query('SELECT id, text, type, canonical, title, article_id, form FROM mentions '
                       "ORDER BY article_id, start")
    decisions = store.query("SELECT action, name, other FROM entity_decisions ORDER BY id")
    entities = apply_decisions(resolve_entities(rows), rows, decisions)
    from storyline.review import entity_ids  # ids kept across rebuilds; reviewers' renames and retypes
    with store.transaction() as conn:
        ids = entity_ids.assign(conn, [ent.mention_ids for ent in entities], [ent.name for ent in entities])
        conn.execute("DELETE FROM entity_mentions")
        conn.execute("DELETE FROM entities")
        for ent, eid in zip(entities, ids):
            conn.execute(
                "INSERT INTO entities (id, name, type, aliases, titles, mentions) VALUES (?, ?, ?, ?, ?, ?)",
                (eid, ent.name, ent.type, json.dumps(sorted(ent.aliases)), json.dumps(sorted(ent.titles)),
                 len(ent.mention_ids)))
            conn.executemany("INSERT INTO entity_mentions (mention_id, entity_id) VALUES (?, ?)",
                             [(mid, eid) for mid in ent.mention_ids])
        entity_ids.apply_reviews(conn, rebuilt=True)
    return len(entities)
