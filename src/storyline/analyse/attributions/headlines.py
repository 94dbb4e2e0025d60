"""Headlines: "Trump: Cruz Has 'To Come a Long Way'" and a title-case first line read again lowercased."""
from __future__ import annotations

import re

from dataclasses import replace

from storyline.analyse import cue_model
from storyline.analyse.attributions.describe import source_kind
from storyline.analyse.attributions.lexicon import DOCUMENTS, GROUP_NOUNS, INSTITUTIONS, LABELS, PRONOUNS, ROLE_NOUNS
from storyline.analyse.attributions.model import fallback, from_paths
from storyline.analyse.attributions.revise import with_auxiliaries
from storyline.analyse.attributions.spans import trim
from storyline.analyse.coreference import person_noun
from storyline.analyse.mentions import NAME_LABELS
from storyline.analyse.nlp import text_of as _text
from storyline.records import Attribution, Source


_TITLE_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")


def _title_cues(doc, mentions, found) -> list[Attribution]:
    """A headline in title case ("Sanders Vows To Eliminate Tax Breaks") parses badly: its verbs
    come out as names. The first line, when it is such a headline, is parsed
    again with the words outside the names lowercased, and read by the cue model there."""
    text = _text(doc)
    end = text.find("\n")
    if end <= 0 or text[:1].isspace():
        return []
    line = text[:end]
    words = _TITLE_WORD.findall(line)
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.7 * len(words):
        return []
    # the parser's names, not the mentions: a title-case first line lends no mentions (see mentions.py)
    names = [(e.start_char, e.end_char) for e in doc.ents if e.end_char <= end and e.label_ in NAME_LABELS]
    chars = list(line)
    for m in _TITLE_WORD.finditer(line):
        if m.start() > 0 and not any(s <= m.start() < e for s, e in names) and not m.group().isupper():
            chars[m.start()] = chars[m.start()].lower()
    lowered = "".join(chars)
    if len(lowered) != len(line) or lowered == line:
        return []
    from storyline.analyse import nlp as nlp_loader
    low = nlp_loader.load()(lowered)
    scores = cue_model.cue_scores(low, [])
    threshold = cue_model.load()["threshold"]
    out = []
    for i, value in sorted(scores.items(), key=lambda kv: -kv[1]):
        if value <= threshold or not low[i].is_alpha:
            continue
        rel = from_paths(low, low[i], [], mentions) or fallback(low, low[i], [], mentions)
        if rel is None:
            continue
        rel = with_auxiliaries(low, rel)
        source = rel.source
        if source is not None and source.start is not None:
            source = replace(source, text=text[source.start:source.end])
        out.append(replace(rel, cue=text[rel.cue_start:rel.cue_end], content=text[rel.content_start:rel.content_end],
                           source=source))
        break  # one cue per headline
    return out


_HEADLINE = re.compile(r"^([A-Z][^:\n]{1,40}?):[ \t]+([^\n]{8,})$", re.MULTILINE)


def _headline_colons(doc, mentions) -> list[Attribution]:
    """Headline style "Trump: Cruz Has 'To Come a Long Way'": the name before the colon says the rest."""
    out = []
    for m in _HEADLINE.finditer(_text(doc)):
        who, what = m.group(1), m.group(2)
        words = who.split()
        if len(words) > 5 or not all(w[:1].isupper() or w.lower() in {"of", "the", "and", "&"} for w in words):
            continue
        if who.lower() in {"note", "update", "editor's note", "correction", "photo", "watch", "video", "related",
                           "twitter", "contributing", "the latest", "breaking", "revealed", "wow", "look",
                           "bombshell", "poll", "paid notice", "q", "a"}:  # labels, not speakers
            continue
        start, end = trim(_text(doc), m.start(2), m.end(2))
        named = [x for x in mentions if m.start(1) <= x.start and x.end <= m.end(1)]
        if who.isupper() or what[:1].isdigit():
            continue  # "BREAKING:", "EMAIL: ...", a tally "Clinton: 1,769"
        if not named and who.lower() in LABELS:
            continue  # a layout's labels: "Claim: ...", "Example: ...", "Origins: ..."
        if not named and len(words) == 1 and not _can_speak(words[0], mentions, _text(doc)) \
                and not _title_case(what):
            continue  # a caption's label: "Lonely: Kai the Shar-Pei was found at Ayr station"
        kind = source_kind(named[-1]) if named else "organization"
        out.append(Attribution(cue_start=m.end(1), cue_end=m.end(1) + 1, content_start=start, content_end=end,
                               source=Source(kind=kind, text=who, start=m.start(1), end=m.end(1),
                                             entity=named[-1].canonical if named else None),
                               quote="indirect", cue=":", content=_text(doc)[start:end]))
    return out


# Nouns that name who can speak (lexicon.py's lists), by which a lone unnamed word before a colon
# is a speaker ("Police: man held") rather than a caption's label ("Lonely:", "Untimely:").
_SPEAKING_NOUNS = GROUP_NOUNS | ROLE_NOUNS | INSTITUTIONS | DOCUMENTS | PRONOUNS


def _can_speak(word: str, mentions, text: str) -> bool:
    """Whether a lone word before a colon can be who says the rest: a noun for people, a role, a
    body or a document, or a name: a word of a name the article tags, or one it capitalises in
    mid-sentence ("Trump: ..." where the headline's title case hid the name)."""
    low = word.lower()
    if low in _SPEAKING_NOUNS or low.rstrip("s") in _SPEAKING_NOUNS or person_noun(low.rstrip("s")):
        return True
    if any(word in m.text.split() for m in mentions):
        return True
    return re.search(r"[a-z,;]\s+" + re.escape(word) + r"\b", text) is not None


def _title_case(line: str) -> bool:
    """Whether a line is written as a headline: its longer words capitalised ("Port Will Reopen In
    May"), where a caption is a sentence ("Kai the crossbreed was found at Ayr station")."""
    long = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", line) if len(w) > 3]
    return bool(long) and sum(w[0].isupper() for w in long) >= 0.8 * len(long)


_TRANSCRIPT = re.compile(r"^[\"\u201c]?([A-Z][A-Z.'\u2019-]+(?:[ \t][A-Z][A-Z.'\u2019-]+){0,2}):[ \t]+([^\n]{2,})$",
                         re.MULTILINE)


def _transcript_lines(doc, mentions) -> list[Attribution]:
    """A transcript's turns ("PENCE: Well, look, ..."): a paragraph opening on a speaker's name in
    capitals and a colon holds that person's own words. The label must be the surname or full
    name of a person the article names, so "BREAKING:" or "UPDATE:" are no speakers."""
    text = _text(doc)
    people: dict[str, str] = {}
    for x in mentions:
        if x.type == "PERSON" and x.form == "name" and len(x.canonical.split()) > 1:
            people.setdefault(x.canonical.upper(), x.canonical)
            people.setdefault(x.canonical.split()[-1].upper(), x.canonical)
    out = []
    for m in _TRANSCRIPT.finditer(text):
        who = people.get(m.group(1).replace("\u2019", "'"))
        if who is None:
            continue
        start, end = trim(text, m.start(2), m.end(2))
        if text[end - 1:end] in {'"', "\u201d"} and text[start:end].count(text[end - 1]) % 2 == 1:
            end -= 1  # the mark closing the quoted transcript, not the speaker's
        if end <= start:
            continue
        out.append(Attribution(cue_start=m.end(1), cue_end=m.end(1) + 1, content_start=start, content_end=end,
                               source=Source(kind="person", text=m.group(1), start=m.start(1), end=m.end(1),
                                             entity=who),
                               quote="direct", cue=":", content=text[start:end]))
    return out


def headline_colons(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: "Name: what they say" lines and transcript turns, where no relation has that cue yet."""
    taken = {(a.cue_start, a.cue_end) for a in found}
    return found + [h for h in _headline_colons(ctx.doc, ctx.mentions) + _transcript_lines(ctx.doc, ctx.mentions)
                    if (h.cue_start, h.cue_end) not in taken]


def title_cues(ctx, found: list[Attribution]) -> list[Attribution]:
    """Pass: a title-case first line read again lowercased (not revised: its own parse). Its cue
    takes the place of those found in the line's own parse, where every word reads as a name (and
    the learned features mask names)."""
    again = _title_cues(ctx.doc, ctx.mentions, found)
    if not again:
        return found
    end = ctx.text.find("\n")
    return [a for a in found if a.cue_start >= end] + again
