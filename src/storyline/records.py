"""The records every stage passes on: small frozen dataclasses with character offsets.

Offsets (`start`, `end`) are always into `Article.text`, end exclusive, so any record
can be traced back to the exact characters it came from.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields

__all__ = [
    "Article", "Mention", "Timex", "Source", "Attribution", "Event", "Claim",
    "Contradiction", "Failure", "Analysis", "article_id", "EventProfile", "SentenceProfile", "DocumentProfile",
    "profiles_json", "profiles_from_json",
]


def article_id(text: str) -> str:
    """Content hash of an article's text: the same text always gets the same id."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    id: str
    name: str  # file name or URL it was read from
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_from: str | None = None  # metadata | dateline | inferred | None
    body_start: int = 0  # where the story proper begins, after metadata lines
    language: str | None = None  # ISO 639 code detected from the text (read/language.py); None: too short to tell
    parts: tuple[int, ...] = ()  # where each page (PDF) or paragraph (DOCX) of the file begins in `text`


@dataclass(frozen=True)
class Mention:
    """A named-entity mention; `canonical` is the in-article full form it aliases."""
    start: int
    end: int
    text: str
    type: str  # PERSON, ORG, GPE, OUTLET, ...
    canonical: str
    title: str | None = None  # "Secretary", "Ms.", "President" when written before the name
    form: str = "name"  # name | pronoun ("he", "its", "who") | description ("the company")


@dataclass(frozen=True)
class Timex:
    """A TIMEX3 expression normalised against the article date."""
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # 2019-05-14, 2019-W20, P3D, PRESENT_REF, XXXX-05-03 ...
    mod: str | None = None  # START, MID, END, APPROX, BEFORE, AFTER, ...
    anchor: str | None = None  # for event-anchored expressions: the anchor phrase
    relation: str | None = None  # before | after | same_day, relative to `anchor`
    offset: str | None = None  # ISO duration from the anchor ("P1D" for "the day before")


@dataclass(frozen=True)
class Source:
    """Who a statement is attributed to."""
    kind: str  # person | organization | anonymous | outlet | document
    text: str
    start: int | None = None
    end: int | None = None
    entity: str | None = None  # canonical name of the in-article entity
    count: int | None = None  # "two senior officials" -> 2
    affiliation: str | None = None
    on_behalf_of: str | None = None  # canonical name of whom the source speaks for
    group: str | None = None  # the group an anonymous source is part of: "two of those diplomats" -> "five ... diplomats"

    @property
    def anonymous(self) -> bool:
        return self.kind == "anonymous"


@dataclass(frozen=True)
class Attribution:
    cue_start: int
    cue_end: int
    content_start: int
    content_end: int
    source: Source | None
    quote: str  # direct | indirect | mixed
    cue: str
    content: str
    negated: bool = False  # a denial: the content is asserted false by the source
    said_on: str | None = None  # TIMEX3 value of the cue's own time ("on Tuesday denied")
    kind: str = "speech"  # speech: a statement is reported; stance: an attitude to a thing ("praised the plan")


@dataclass(frozen=True)
class Event:
    start: int
    end: int
    type: str  # meeting, contact, statement, denial, vote, ... or other (analyse/event_types.py)
    trigger: str
    sentence_start: int
    sentence_end: int
    participants: tuple[str, ...] = ()  # canonical names
    when: str | None = None
    when_text: str | None = None
    timex_start: int | None = None
    # The author's view of whether it happened (analyse/factuality.py, the categories MEANTIME
    # measures): "met" positive certain, "did not meet" negative, "may have met" possible,
    # "will meet" mood future, "plans to vote" mood intended.
    polarity: str = "positive"
    certainty: str = "certain"
    mood: str = "actual"
    # TimeML's view of the event word (analyse/events.py, learned from TempEval-3): its class
    # (OCCURRENCE, REPORTING, STATE, I_ACTION, I_STATE, ASPECTUAL, PERCEPTION), tense, aspect and
    # modal verb.
    event_class: str | None = None
    tense: str | None = None
    aspect: str | None = None
    modality: str | None = None
    pos: str | None = None  # the word's part of speech (spaCy's universal tag)


@dataclass(frozen=True)
class EventProfile:
    """What cross-article event coreference reads of one event mention (analyse/event_profiles.py),
    kept so that resolving needs no parse: words are lower-case lemmas, `args` and `context` stems."""
    start: int
    end: int
    sentence: int                   # index of its sentence in the article (DocumentProfile.sentences)
    lemma: str                      # of its head word
    stem: str                       # of that lemma (a crude suffix stripper: "shooting" and "shoot" meet)
    text: str                       # its head word, lower case
    pos: str                        # of its head word
    words: tuple[str, ...] = ()     # lemmas of its own words
    args: tuple[str, ...] = ()      # its arguments in the parse
    context: tuple[str, ...] = ()   # content words within three tokens
    linked: tuple[str, ...] = ()    # kind:head of the named entities it governs
    nearest: tuple[tuple[str, str], ...] = ()  # (kind, head) of the closest HUM, LOC, TIM entity in its sentence

    def as_row(self) -> list:
        """Its fields as a list, for the store (`profiles_json`)."""
        return [self.start, self.end, self.sentence, self.lemma, self.stem, self.text, self.pos, self.words,
                self.args, self.context, self.linked, self.nearest]

    @classmethod
    def from_row(cls, row: list) -> "EventProfile":
        return cls(*row[:7], tuple(row[7]), tuple(row[8]), tuple(row[9]), tuple(row[10]),
                   tuple(tuple(x) for x in row[11]))


@dataclass(frozen=True)
class SentenceProfile:
    """The sentence around event mentions, as event coreference compares them."""
    start: int = 0                  # its characters in the article
    end: int = 0
    words: tuple[str, ...] = ()     # content lemmas
    names: tuple[str, ...] = ()     # proper-noun lemmas
    numbers: tuple[str, ...] = ()
    times: tuple[str, ...] = ()     # words of DATE and TIME entities
    places: tuple[str, ...] = ()    # words of GPE, LOC and FAC entities
    entities: tuple[str, ...] = ()  # kind:head of its named entities


@dataclass(frozen=True)
class DocumentProfile:
    """What event coreference compares of two articles: their content lemmas (counts), proper
    nouns (counts), particular facts, and the sentences that hold event mentions (by index)."""
    words: dict[str, int] = field(default_factory=dict)
    names: dict[str, int] = field(default_factory=dict)
    numbers: tuple[str, ...] = ()
    weekdays: tuple[str, ...] = ()
    months: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()  # words of PERSON, ORG and NORP entities
    people: tuple[str, ...] = ()    # proper nouns of PERSON entities
    sentences: dict[int, SentenceProfile] = field(default_factory=dict)

    def as_dict(self) -> dict:
        d = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "sentences"}
        d["sentences"] = {k: [getattr(s, f.name) for f in fields(s)] for k, s in self.sentences.items()}
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "DocumentProfile":
        sentences = {int(k): SentenceProfile(s[0], s[1], *(tuple(x) for x in s[2:]))
                     for k, s in d.get("sentences", {}).items()}
        return cls(words=d.get("words", {}), names=d.get("names", {}), sentences=sentences,
                   **{f: tuple(d.get(f, ())) for f in ("numbers", "weekdays", "months", "places", "entities",
                                                       "people")})


def profiles_json(document: DocumentProfile, events: list[EventProfile]) -> str:
    """An article's document profile and event profiles as one JSON text (table event_profiles)."""
    return json.dumps({"document": document.as_dict(), "events": [e.as_row() for e in events]},
                      separators=(",", ":"))


def profiles_from_json(text: str) -> tuple[DocumentProfile, list[EventProfile]]:
    d = json.loads(text)
    return DocumentProfile.from_dict(d["document"]), [EventProfile.from_row(r) for r in d["events"]]


@dataclass(frozen=True)
class Claim:
    start: int
    end: int
    text: str
    cue: str
    quote: str
    source: Source | None
    cue_start: int = 0
    cue_end: int = 0
    polarity: str = "positive"
    certainty: str = "certain"
    said_on: str | None = None
    events: tuple[int, ...] = field(default_factory=tuple)
    predicate: str | None = None  # lemma of what the claim says happened ("meet"; "meeting" for "a meeting took place")
    states: bool = True  # a clause with a verb, not a thing named ("promised a thorough investigation")


@dataclass(frozen=True)
class Contradiction:
    kind: str  # polarity | position_change | date | certainty
    claims: tuple[int, ...]
    events: tuple[int, ...]
    explanation: str


@dataclass(frozen=True)
class Failure:
    """One input that could not be read or analysed, and what the user can do."""
    path: str
    stage: str
    problem: str
    hint: str

    def line(self) -> str:
        """One line for a terminal: the name quoted and escaped (a newline in a file name does not
        split it), control characters dropped from the rest."""
        from storyline.terminal import quoted, safe
        return safe(f"{quoted(self.path)}: {' '.join(self.problem.split())} ({' '.join(self.hint.split())})")


@dataclass
class Analysis:
    """Everything found in one article: what the analyse stage hands to the store."""
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    event_profiles: list[EventProfile] = field(default_factory=list)  # one per event, same order
    document_profile: DocumentProfile | None = None
