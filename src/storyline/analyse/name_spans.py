"""Where names begin and end: the model's entity spans repaired, and names it left untagged.

A tagged name that runs over a possessive is split ("Fox News' Greta Van Susteren"); two tags
with nothing between them, or split at "and" where the article tagged the whole, are joined; a
name runs to the end of its proper-noun phrase ("the Dow Jones Industrial Average", "FTSE 100");
a name tagged once is found again where the model missed it; title-case lines (links, captions)
lend no names.
"""
from __future__ import annotations

import re
from collections import defaultdict

from storyline.analyse.name_types import BODY_WORDS, HONORIFICS, ORG_LAST_WORDS, TITLES, TYPES, camel
from storyline.analyse.names import first_name_sex
from storyline.analyse.nlp import text_of
from storyline.records import Mention

__all__ = ["names", "title_case_lines", "surnames_again", "rest_of_name", "names_again"]

_POSSESSIVES = {"'s", "\u2019s", "'", "\u2019"}


def names(doc):
    """The model's entities, with one that runs over a possessive split in two: "Fox News'
    Greta Van Susteren" is an outlet and a person; the owner keeps the label, the part after it
    is a person's name when it looks like one (a first name, or two or three plain capitalised
    words that end in no organisation's word)."""
    from spacy.tokens import Span
    surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1}
    for ent in _joined(doc):
        if len(ent) >= 2 and ent[0].is_sent_start and ent[0].pos_ == "VERB" and ent[1].pos_ == "PROPN":
            # "Say Mexico demanded ...": a sentence's opening verb the model ran into the name
            ent = Span(doc, ent.start + 1, ent.end, label=ent.label_)
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
            t.text.istitle() and t.is_alpha for t in after) and after[-1].lower_ not in ORG_LAST_WORDS | BODY_WORDS)
        yield Span(doc, cut + 1, ent.end, label="PERSON" if person else ent.label_)


def _joined(doc):
    """The model's entities, two of them made one where the first is a word of the second's name
    ("[iTunes] [Music Store]": "iTunes" a compound of "Store", nothing between them), or where the
    article tagged the whole name elsewhere ("[Customs] and [Border Protection]")."""
    from spacy.tokens import Span
    ents = [e for e in doc.ents if e.label_ in TYPES]
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


def title_case_lines(text: str, start: int) -> list[tuple[int, int]]:
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


def _indices_of(doc, words) -> list[int]:
    """Indices of the tokens whose text is one of `words` (without making a Token of each)."""
    import numpy
    orths = doc.user_data.get("storyline_orths")
    if orths is None:
        orths = doc.user_data["storyline_orths"] = doc.to_array("ORTH")
    wanted = numpy.array([doc.vocab.strings[w] for w in words], dtype="uint64")
    return numpy.flatnonzero(numpy.isin(orths, wanted)).tolist()


def surnames_again(doc, body_start: int, found: list[Mention]) -> list[Mention]:
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
    lower_words = set(re.findall(r"\b[a-z][a-z'-]*\b", text_of(doc)))
    out = []
    for i in _indices_of(doc, first_seen):
        tok = doc[i]
        seen_at = first_seen[tok.text]
        if tok.idx < max(seen_at, body_start) or tok.ent_type_ or tok.pos_ != "PROPN" and not (
                tok.pos_ == "NOUN" and tok.text.lower() not in lower_words):
            continue  # a surname the tagger took for a noun counts where the article never writes it lower case
        end = tok.idx + len(tok.text)
        if any(s < end and tok.idx < e for s, e in taken):
            continue
        out.append(Mention(start=tok.idx, end=end, text=tok.text, type="PERSON", canonical=tok.text))
    return out


def rest_of_name(doc, last) -> list:
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


def names_again(doc, body_start: int, found: list[Mention]) -> list[Mention]:
    """A name of something other than a person used again where the model tagged nothing
    ("The Dow Jones was down" after "the Dow Jones Industrial Average" was tagged once): the
    same words, as proper nouns, take the type and canonical form of the tagged mention. One
    article uses one name for one thing."""
    known: dict[str, list[tuple[list[str], Mention]]] = defaultdict(list)
    for m in found:
        words = m.text.split()
        if m.type != "PERSON" and words and (m.text[:1].isupper() or camel(words[0])):
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
            tokens = list(span) + (rest_of_name(doc, span[-1]) if m.type not in {"GPE", "LOC", "GROUP"} else [])
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            if any(s < end and start < e for s, e in taken):
                continue
            text = text_of(doc)[start:end]
            canonical = m.canonical if len(tokens) == len(words) else text
            out.append(Mention(start=start, end=end, text=text, type=m.type, canonical=canonical))
            done = i + len(tokens) - 1
            break
    return out
