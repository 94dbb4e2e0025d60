"""`storyline eval timeline DIR`: cross-document timelines, SemEval-2015 Task 4 (TimeLine), Track A.

DIR is a corpus folder of the task: raw TimeML documents (a folder whose name has "TimeML" and not
"trackB"; only their sentences and creation time are read, any tags inside are dropped), the list of
target entities (`list_target_entities*.txt`; without it, the first line of each gold file) and the
gold timelines (a folder whose name starts with "TimeLines"), one file per target entity:

    Dow Jones Industrial Average
    1	2007-XX-XX	61327-7-records
    2	2007-02-27	61327-2-plunged	61327-2-decline

A row is a position (rows that share one are simultaneous; 0: not placed, not scored), a time anchor
and the event mentions at it (DOCID-SENTENCE-WORD, coreferent mentions on one row).

Timelines are predicted from the project's own analysis (spaCy parse, TIMEX3 values): a target is
found by its name and forms of it ("Dow", "DJIA", "FTSE 100", "U.S. markets"), by "it" or "the index"
right after it; its events are the verbs it is the subject or object of, with the verbs sharing that
subject ("fell ..., closing at"), event nouns it owns ("the Dow's fall") and relative clauses on it.
An event is dated by the time expression of its clause, else by the last day the story named before
it, else by the story's day (a day named in its lead, else the dateline); events of one date share
a position.

The measure is the task's temporal awareness (UzZaman & Allen 2011, as in TempEval-3): each timeline
becomes relations: every event SIMULTANEOUS with its anchor, and each event, in timeline order, BEFORE
the next one (SIMULTANEOUS when they share a position). Adding these relations in that order to a
graph keeps the ones not implied by those before it (its reduced relations) and sets aside the ones
that contradict it (kept for scoring, as the task's scorer does). Precision: the share of the
predicted reduced relations that the gold graph's closure (or the gold relations as written)
verifies; recall the other way round. Figures are summed over the targets (micro-average).
Two deliberate differences from the task's script: a target without a predicted timeline counts as
predicting nothing (the script skips it), and anchors are compared padded to YYYY-MM-DD ("2008" and
"2008-XX-XX" are one anchor; the trial gold writes the first, the test gold the second).
"""
from __future__ import annotations

import bisect
import functools
import html
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storyline.errors import StorylineError

__all__ = ["evaluate", "table", "parse", "load", "predict", "score", "score_timeline", "relations", "TimeGraph",
           "read_timeline", "write_timeline", "file_name", "aliases", "Document", "Row"]

_ATTR = re.compile(r'(\w+)="([^"]*)"')
_SENTENCE = re.compile(r'<s\s+id="(\d+)"\s*>(.*?)</s>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Row:
    """One line of a timeline: a position, a time anchor and the event mentions placed there."""
    position: int
    anchor: str
    events: tuple[str, ...]  # DOCID-SENTENCE-WORD


@dataclass
class Document:
    id: str
    name: str
    text: str  # the sentences, one per paragraph, with the given tokens joined as prose
    dct: date | None
    sentences: list[tuple[int, int, int]]  # (sentence id, start, end) into text
    tokens: list[tuple[int, int, int, str]]  # (sentence id, start, end, the token as given)


# -- reading -------------------------------------------------------------------------------------

def parse(raw: str, name: str = "") -> Document:
    """The sentences of a task document (its tokens as given, one sentence per paragraph) and its DCT."""
    docid = re.search(r"<DOCID>\s*([^<\s]+)\s*</DOCID>", raw)
    if docid is None:
        raise StorylineError("E321", f"{name}: no <DOCID>", "give the task's TimeML files")
    dct = None
    m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if m:
        value = dict(_ATTR.findall(m.group())).get("value", "")
        if re.match(r"^\d{4}-\d{2}-\d{2}", value):
            dct = date.fromisoformat(value[:10])
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if body is None:
        raise StorylineError("E322", f"{name}: no <TEXT> element", "give the task's TimeML files")
    sentences = [(int(i), _clean(s)) for i, s in _SENTENCE.findall(body.group(1))]
    title = re.search(r"<EXTRAINFO>(.*?)</EXTRAINFO>", raw, re.S)
    if title and sentences and sentences[0][0] != 0:
        sentences.insert(0, (0, _clean(title.group(1))))  # the trial files keep the title apart
    text, spans, tokens = "", [], []
    for sid, words in sentences:
        if text:
            text += "\n\n"
        start = len(text)
        glue = True
        for word in words.split():
            shown = _SHOWN.get(word, word)
            if not glue and not _NO_SPACE_BEFORE.match(word):
                text += " "
            tokens.append((sid, len(text), len(text) + len(shown), word))
            text += shown
            glue = word in _NO_SPACE_AFTER
        spans.append((sid, start, len(text)))
    return Document(docid.group(1), name, text, dct, spans, tokens)


# The task gives tokens separated by spaces ("Dow 's", "`` Markets"); prose parses better.
_SHOWN = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")"}
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]+|'s|'|n't|'re|'ve|'ll|'d|'m|''|-RRB-)$", re.IGNORECASE)
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$", "US$", "-LRB-"}


def _clean(fragment: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def read_timeline(text: str) -> tuple[str, list[Row]]:
    """The target entity (first line) and the rows of a timeline file."""
    lines = text.splitlines()
    rows = []
    for line in lines[1:]:
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        if len(cells) < 3 or not cells[0].isdigit():
            continue
        rows.append(Row(int(cells[0]), cells[1], tuple(cells[2:])))
    return (lines[0].strip() if lines else ""), rows


def write_timeline(target: str, rows: list[Row]) -> str:
    return "\n".join([target] + [f"{r.position}\t{r.anchor}\t" + "\t".join(r.events) for r in rows]) + "\n"


def file_name(target: str) -> str:
    """The task's file name for a target: lower case, words joined by underscores."""
    return "_".join(target.lower().split()) + ".txt"


def _folder(path: Path, test, what: str) -> Path:
    found = sorted(p for p in path.iterdir() if p.is_dir() and test(p.name))
    if not found:
        raise StorylineError("E320", f"no {what} folder in {path}",
                             "give a SemEval-2015 Task 4 corpus folder (e.g. test/corpus_3 or trial)")
    return found[0]


def load(path: Path) -> tuple[list[Document], dict[str, list[Row]]]:
    """The documents of a corpus folder and the gold timeline of each target entity.

    Targets come from the list of target entities, else from the gold files' first lines; a
    target's gold file is the one whose first line names it, so a timeline stored twice under two
    file names ("s&p_500.txt", "s_and_p_500.txt") counts once."""
    path = Path(path)
    raw_dir = _folder(path, lambda n: "timeml" in n.lower() and "trackb" not in n.lower(), "raw TimeML")
    gold_dir = _folder(path, lambda n: n.lower().startswith("timelines"), "TimeLines gold")
    docs = [parse(f.read_text(encoding="utf-8"), f.name) for f in sorted(raw_dir.glob("*.tml"))]
    if not docs:
        raise StorylineError("E323", f"no .tml files in {raw_dir}", "give a SemEval-2015 Task 4 corpus folder")
    golds: dict[str, list[Row]] = {}
    for f in sorted(gold_dir.glob("*.txt")):
        target, rows = read_timeline(f.read_text(encoding="utf-8"))
        golds.setdefault(target.lower(), rows)
    listed = sorted(path.glob("list_target_entities*.txt"))
    if listed:
        targets = [t.strip() for t in listed[0].read_text(encoding="utf-8").splitlines() if t.strip()]
    else:
        targets = [read_timeline(f.read_text(encoding="utf-8"))[0] for f in sorted(gold_dir.glob("*.txt"))]
    gold = {}
    for target in dict.fromkeys(targets):
        gold[target] = golds.get(target.lower(), [])
    return docs, gold


# -- the temporal-awareness scorer ---------------------------------------------------------------

def _anchor(value: str) -> str:
    """An anchor padded to YYYY-MM-DD ("2008-10" -> "2008-10-XX")."""
    parts = value.split("-")
    if re.fullmatch(r"[\dX]{4}", parts[0]) and len(parts) < 3 and all(re.fullmatch(r"[\dX]{2}", p) for p in parts[1:]):
        parts += ["XX"] * (3 - len(parts))
    return "-".join(parts)


def _natural(text: str) -> list:
    return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text)]


def relations(rows: list[Row]) -> list[tuple[tuple, tuple, str]]:
    """A timeline as temporal relations, in the order the task's scorer adds them.

    Each mention is a node (its k-th occurrence in the timeline a node of its own), each anchor
    value a node; rows at position 0 are left out."""
    placed = sorted((r for r in rows if r.position > 0),
                    key=lambda r: _natural("\t".join([str(r.position), r.anchor, *r.events])))
    seen: dict[str, int] = defaultdict(int)
    events = []
    for r in placed:
        for mention in r.events:
            events.append((("event", mention, seen[mention]), r.position, ("time", _anchor(r.anchor))))
            seen[mention] += 1
    out = [(e, t, "SIMULTANEOUS") for e, _, t in events]
    for (a, pa, _), (b, pb, _) in zip(events, events[1:]):
        out.append((a, b, "BEFORE" if pa < pb else "SIMULTANEOUS"))
    return out


class TimeGraph:
    """Intervals related by SIMULTANEOUS (one class) and BEFORE (an edge between classes).

    These two relations are all a timeline yields, so the closure is: same class, or a path."""

    def __init__(self):
        self.parent: dict = {}
        self.after: dict = defaultdict(set)  # node -> nodes it is BEFORE

    def _root(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def _reaches(self, a, b) -> bool:
        """Whether class `a` is BEFORE class `b`."""
        members = defaultdict(list)
        for n in self.parent:
            members[self._root(n)].append(n)
        todo, seen = [a], {a}
        while todo:
            for n in members[todo.pop()]:
                for m in self.after[n]:
                    r = self._root(m)
                    if r == b:
                        return True
                    if r not in seen:
                        seen.add(r)
                        todo.append(r)
        return False

    def holds(self, x, y, rel: str) -> bool:
        if x not in self.parent or y not in self.parent:
            return False
        rx, ry = self._root(x), self._root(y)
        if rel == "SIMULTANEOUS":
            return rx == ry
        if rel == "AFTER":
            rx, ry = ry, rx
        return rx != ry and self._reaches(rx, ry)

    def add(self, x, y, rel: str) -> str:
        """Add a relation: 'added', 'redundant' (already implied) or 'violated' (contradicted, not added)."""
        if x == y:
            return "redundant" if rel == "SIMULTANEOUS" else "violated"
        if self.holds(x, y, rel):
            return "redundant"
        for n in (x, y):
            self.parent.setdefault(n, n)
        rx, ry = self._root(x), self._root(y)
        if rel == "SIMULTANEOUS":
            if self._reaches(rx, ry) or self._reaches(ry, rx):
                return "violated"
            self.parent[ry] = rx
        else:
            if rel == "AFTER":
                x, y, rx, ry = y, x, ry, rx
            if rx == ry or self._reaches(ry, rx):
                return "violated"
            self.after[x].add(y)
        return "added"


def _graph(links) -> tuple[TimeGraph, list, set]:
    """The graph of `links`, its reduced relations (plus the violated ones) and all links both ways."""
    graph, final = TimeGraph(), []
    for link in dict.fromkeys(links):
        if graph.add(*link) != "redundant":
            final.append(link)
    written = set(links) | {(y, x, {"BEFORE": "AFTER", "AFTER": "BEFORE"}.get(r, r)) for x, y, r in links}
    return graph, final, written


def score_timeline(gold: list[Row], predicted: list[Row]) -> dict:
    """Temporal-awareness counts for one target: verified and total relations both ways."""
    g_graph, g_final, g_written = _graph(relations(gold))
    p_graph, p_final, p_written = _graph(relations(predicted))
    p_ok = sum(1 for link in p_final if link in g_written or g_graph.holds(*link))
    g_ok = sum(1 for link in g_final if link in p_written or p_graph.holds(*link))
    return {"predicted_relations": len(p_final), "precision_matched": p_ok,
            "gold_relations": len(g_final), "recall_matched": g_ok,
            **_prf(p_ok, len(p_final), g_ok, len(g_final)),
            "gold_events": sum(len(r.events) for r in gold if r.position > 0),
            "predicted_events": sum(len(r.events) for r in predicted if r.position > 0)}


def _prf(p_ok: int, n_pred: int, g_ok: int, n_gold: int) -> dict:
    p = p_ok / n_pred if n_pred else 0.0
    r = g_ok / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(predicted: dict[str, list[Row]], gold: dict[str, list[Row]]) -> dict:
    """Micro-averaged temporal awareness over the targets of `gold`."""
    per = {t: score_timeline(rows, predicted.get(t, [])) for t, rows in gold.items()}
    sums = {k: sum(m[k] for m in per.values())
            for k in ("precision_matched", "predicted_relations", "recall_matched", "gold_relations",
                      "gold_events", "predicted_events")}
    out = _prf(sums["precision_matched"], sums["predicted_relations"], sums["recall_matched"], sums["gold_relations"])
    out.update(sums, targets=len(per), per_target=per)
    return out


# -- predicting timelines --------------------------------------------------------------------------

# Qualifiers of place, each with the ways news writes it ("US stock markets" are "U.S. markets").
_PLACES = [
    {"us", "u.s.", "united states", "american", "america", "wall street"},
    {"uk", "u.k.", "united kingdom", "british", "britain", "london"},
    {"worldwide", "global", "world", "world 's", "world's", "around the world", "across the world",
     "around the globe", "international"},
]
# Words that say what kind of thing an entity is, not which one ("FTSE 100 index").
_KIND_WORDS = {"index", "composite", "average", "industrial", "industrials", "corporation", "corp", "corp.",
               "inc", "inc.", "company", "co", "co.", "group", "ltd", "plc", "store", "service"}
_KIND_HEADS = _KIND_WORDS | {"player", "phone", "device", "bank", "firm", "exchange", "label", "maker", "retailer"}
# Nouns that measure rather than happen ("fell 3 points", "a level of 7,465").
_MEASURES = {"point", "percent", "percentage", "level", "value", "price", "share", "stock", "rate", "mark",
             "amount", "number", "figure", "time", "day", "week", "month", "year", "bell", "index", "market",
             "record", "total", "cent", "dollar", "yen", "euro", "pound", "half", "quarter", "side", "news",
             "interest", "term", "lead", "head", "place", "part", "order", "use", "end", "start", "date", "one"}
# Verbs that say something goes on, not what: "continued to fall" is the fall.
_ASPECTUAL = {"continue", "begin", "start", "keep", "stop", "cease", "resume", "seem", "appear", "manage",
              "try", "fail"}
# Verbs whose object is the event: "took heavy losses", "had the largest gains" are the losses, the gains.
_LIGHT = {"have", "take", "see", "suffer", "experience", "make", "get", "give"}
_SUBJECTS = {"nsubj", "nsubjpass"}


@functools.lru_cache(maxsize=8)
def _lexicon(pos: str) -> set:
    """The lemmatizer's known lemmas of a part of speech (empty when the model has no such table)."""
    from storyline.analyse import nlp as nlp_loader
    nlp = nlp_loader.load()
    try:
        return set(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")[pos])
    except (KeyError, AttributeError):
        return set()


def aliases(target: str) -> list[str]:
    """Ways a text may name `target`: the name, its spelling variants, the name without its kind
    word ("FTSE 100"), a proper name without its place qualifier ("Federal Reserve"), a person's
    surname, the distinctive first word of a name ("Dow", "Nikkei", "S&P") and initials ("NYSE")."""
    words = target.split()
    forms = [target]
    if len(words) > 1 and any(words[0].lower() in p for p in _PLACES) and words[1][:1].isupper():
        forms.append(" ".join(words[1:]))
    if _is_person(target):
        forms += [words[-1], words[0]]  # "Jobs", "Steve"
    else:
        while len(words) > 1 and words[-1].lower() in _KIND_WORDS:
            words = words[:-1]
            forms.append(" ".join(words))
        first, common = words[0], {w for pos in ("noun", "verb", "adj", "adv") for w in _lexicon(pos)}
        if len(words) >= 2 and len(first) > 2 and (first.isupper() or "&" in first or (
                first[:1].isupper() and words[1][:1].isupper() and first.lower() not in common)):
            forms.append(first)  # "Dow Jones" -> "Dow", "NIKKEI 225" -> "NIKKEI"; not "General", "iPhone"
        named = [w for w in target.split() if not any(w.lower() in p for p in _PLACES)]
        if len(named) >= 3 and all(w[:1].isupper() and w[1:].islower() for w in named):
            forms.append("".join(w[0] for w in named))  # "New York Stock Exchange" -> "NYSE"
    out = []
    for f in forms:
        for v in (f, f.replace("&", " and "), f.replace(" and ", " & "), f.replace(" ", "-")):
            v = " ".join(v.split())
            if v not in out:
                out.append(v)
    return out


def _pronouns(target: str) -> frozenset:
    return frozenset({"he", "she"}) if _is_person(target) else frozenset({"it"})


@functools.lru_cache(maxsize=256)
def _is_person(name: str) -> bool:
    from storyline.analyse import nlp as nlp_loader
    return any(e.label_ == "PERSON" and e.text == name for e in nlp_loader.load()(name).ents)


def _pattern(form: str) -> re.Pattern:
    """A form as a regular expression: any spelling of its place words; a one-word form matches
    in any case only when it is written in capitals ("NASDAQ" finds "Nasdaq"; "Jobs" not "jobs")."""
    parts = []
    for w in form.split():
        place = next((p for p in _PLACES if w.lower() in p), None)
        if place:
            parts.append("(?:" + "|".join(re.escape(x) for x in sorted(place, key=len, reverse=True)) + ")")
        elif re.fullmatch(r"[A-Z](?:&?[A-Z]){1,4}", w) and len(form.split()) > 1:
            # "S&P" is also "Standard & Poor's", "NYSE" "New York Stock Exchange"
            spelled = r"\s+(?:&\s+|and\s+|of\s+)?".join(rf"{c}[a-z]+(?:'s)?" for c in w.replace("&", ""))
            parts.append(f"(?:{re.escape(w)}|{spelled})")
        else:
            parts.append(re.escape(w))
    single = len(form.split()) == 1
    flags = re.IGNORECASE if not single or (form.isupper() and len(form) > 2) else 0
    between = r"(?:'s|')?[\s-]+"  # "the Beatles' Apple Corps", "FTSE-100"
    return re.compile(r"(?<![\w&])" + between.join(parts) + r"(?![\w&])", flags)


def owned_names(target: str, texts: list[str]) -> list[str]:
    """'Apple Corps' for 'Beatles Apple Corps' when the texts write "the Beatles' Apple Corps":
    a name whose first word is its owner is also written without it."""
    words = target.split()
    if len(words) < 3:
        return []
    owner = re.compile(re.escape(words[0]) + r"(?:'s|')\s+" + r"\s+".join(map(re.escape, words[1:])), re.IGNORECASE)
    return [" ".join(words[1:])] if any(owner.search(t) for t in texts) else []


def mentions_of(target: str, doc, learned: tuple = ()) -> list[tuple[int, int]]:
    """Character spans where `doc` names `target` (longest forms first, no overlaps)."""
    spans: list[tuple[int, int]] = []
    for form in sorted(aliases(target) + list(learned), key=len, reverse=True):
        for m in _pattern(form).finditer(doc.text):
            if not any(s < m.end() and m.start() < e for s, e in spans):
                spans.append((m.start(), m.end()))
    if target.split()[-1].islower():
        spans += _qualified(target, doc, spans)
    return sorted(spans)


def _qualified(target: str, doc, taken) -> list[tuple[int, int]]:
    """'Stock markets around the world', 'Global markets' for 'stock markets worldwide': a noun
    phrase with the target's head noun and one of its place qualifiers."""
    place, rest = set(), []
    for w in target.split():
        p = next((p for p in _PLACES if w.lower() in p), None)
        place |= p or set()
        if not p:
            rest.append(w.lower())
    if not place or not rest:
        return []
    out = []
    for tok in doc:
        if tok.lower_ != rest[-1] or any(s <= tok.idx < e for s, e in taken):
            continue
        phrase = " " + " ".join(t.lower_ for t in doc[tok.left_edge.i: tok.right_edge.i + 1]) + " "
        if any(f" {p} " in phrase for p in place):
            out.append((tok.idx, tok.idx + len(tok.text)))
    return out


def _head(tok):
    """A mention's head climbed out of a noun saying what kind of thing it is ("the Dow Jones
    index", "the primary UK index, the FTSE 100"); not out of others ("the iPhone 4 antenna")."""
    while tok.dep_ in {"compound", "nmod", "nummod", "appos"} and tok.head != tok \
            and tok.head.lemma_.lower() in _KIND_HEADS:
        tok = tok.head
    return tok


def entity_heads(doc, spans: list[tuple[int, int]], pronouns=frozenset({"it"})) -> list:
    """The tokens standing for the entity: its mentions' heads, and "it" or "the index" as the
    subject or object of a clause when the entity is the last name before it (in that sentence or
    the one before; another name in between stops it)."""
    named, kinds, covered = [], set(), set()
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        covered |= set(range(span.start, span.end))
        if span.root.dep_ == "compound" and span.root.head.pos_ == "PROPN":
            continue  # "the iPod nano" names another thing
        head = _head(span.root)
        named.append(head)
        covered.add(head.i)
        if head.pos_ == "NOUN":
            kinds.add(head.lemma_.lower())  # "the Nasdaq index": an index
        kinds |= {c.lemma_.lower() for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"}
    kinds -= {"share", "stock", "market"}
    sentence = {s.start: n for n, s in enumerate(doc.sents)}
    heads = list(named)
    last = None
    for tok in doc:
        if tok.i in covered:
            last = tok if tok in named else last
            continue
        if tok.pos_ == "PROPN" and tok.ent_type_ not in _INCIDENTAL and not _ZONE.fullmatch(tok.text) and (
                tok.ent_type_ == "PERSON" or "it" in pronouns):
            last = None  # another name: "it" (or "he") now means something else
            continue
        if last is None or tok.dep_ not in _SUBJECTS | {"dobj"}:
            continue
        pronoun = tok.lower_ in pronouns
        if pronoun or (tok.pos_ == "NOUN" and tok.lemma_.lower() in kinds and any(
                c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in tok.children)):
            if sentence[tok.sent.start] - sentence[last.sent.start] <= (1 if pronoun else 3):
                heads.append(tok)
                last = tok
    return heads


_ZONE = re.compile(r"UTC|GMT|[ECMP][SD]T")
_INCIDENTAL = {"GPE", "NORP", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY", "ORDINAL"}


def _event_noun(tok) -> bool:
    """A noun naming something that happens: one the lexicon also knows as a verb ("fall", "drop"),
    or a nominalisation spelled apart from its verb ("loss")."""
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and lemma not in _MEASURES and (
        lemma in _lexicon("verb") or lemma in {"loss", "growth", "death", "birth", "sale"})


def _clause_events(verb, seen: set) -> list:
    """`verb` and the verbs and event nouns that share its subject: "rebounded after falling ...,
    ending the day"; the event noun for a light verb ("took heavy losses")."""
    if verb.i in seen:
        return []
    seen.add(verb.i)
    lemma = verb.lemma_.lower()
    complement = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if lemma in _ASPECTUAL and complement is not None:
        return _clause_events(complement, seen)  # "continued to fall": the fall
    nouns = [c for c in verb.children if c.dep_ in {"dobj", "attr"} and _event_noun(c)]
    attr = next((c for c in verb.children if c.dep_ == "attr"), None)
    if lemma in _LIGHT and nouns:
        out = nouns
    elif lemma == "post":
        out = [verb] + nouns  # "posted a modest gain"
    elif lemma == "be" and attr is not None:
        # "was one that fared poorly": the relative clause; "was the best performer": nothing
        out = nouns + [c for c in attr.children if c.dep_ == "relcl" and c.pos_ == "VERB"]
    elif lemma == "be" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        out = []  # "will be available": a state to come, not an event
    else:
        out = [verb]
    for c in verb.children:
        # "with it climbing": "it" is the entity again, not a subject of its own
        own_subject = any(g.dep_ in _SUBJECTS and g.lower_ != "it" for g in c.children)
        if c.dep_ in {"xcomp", "advcl", "conj", "pcomp"} and c.pos_ in {"VERB", "AUX"} and not own_subject:
            out += _clause_events(c, seen)
        elif c.dep_ == "prep":
            out += [g for g in c.children if g.dep_ == "pcomp" and g.pos_ == "VERB" and g.i not in seen
                    and not any(x.dep_ in _SUBJECTS for x in g.children)]
        elif c.dep_ in {"npadvmod", "appos"} and _event_noun(c):
            out.append(c)  # "was down 2.6%, a slight increase"
    for c in [t for t in verb.subtree if t.dep_ == "appos" and _event_noun(t) and t.head.dep_ in {"pobj", "npadvmod"}]:
        out.append(c)  # "at 16:08 UTC, a slight increase from earlier today"
    return out


def participations(doc, heads: list) -> list:
    """Event tokens the entity at `heads` takes part in: the verb it is the subject (or object) of
    with the verbs sharing that subject, event nouns it owns ("the Dow's fall", "the refusal of the
    Federal Reserve") and relative clauses on it ("General Motors, which lost")."""
    found, seen = [], set()
    for h in heads:
        for c in h.children:
            if c.dep_ == "relcl" and c.pos_ in {"VERB", "AUX"} and any(
                    g.dep_ in _SUBJECTS and g.tag_ in {"WDT", "WP"} for g in c.children):
                found += _clause_events(c, seen)
        while h.dep_ == "conj" and h.head != h and h.head.pos_ in {"NOUN", "PROPN"}:
            h = h.head  # "the Nasdaq and the S&P 500 dipped"
        if h.dep_ in _SUBJECTS | {"dobj"} and h.head.pos_ in {"VERB", "AUX"}:
            found += _clause_events(h.head, seen)
        elif h.dep_ == "poss" and _event_noun(h.head):
            found.append(h.head)
            if h.head.dep_ in _SUBJECTS and h.head.head.pos_ == "VERB":
                found += _clause_events(h.head.head, seen)
        elif h.dep_ == "pobj" and h.head.dep_ == "agent" and h.head.head.pos_ == "VERB":
            found += _clause_events(h.head.head, seen)  # "was praised by Jobs"
        elif h.dep_ == "pobj" and h.head.dep_ == "prep" and _event_noun(h.head.head):
            found.append(h.head.head)
    return list({t.i: t for t in found}.values())


# -- dating events -----------------------------------------------------------------------------

def _anchor_value(value: str, start: bool = False) -> str | None:
    """A TIMEX3 value as a timeline anchor (YYYY-MM-DD, unknown parts XX), if it names a date.
    A week is dated by its Monday; the start of a year or month by its first day."""
    m = re.match(r"^(\d{4})-W(\d{2})$", value)
    if m:
        try:
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
        except ValueError:
            return None
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:$|T)", value)
    if not m:
        return None
    if start and not m.group(3):
        return f"{m.group(1)}-{m.group(2) or '01'}-01"
    return f"{m.group(1)}-{m.group(2) or 'XX'}-{m.group(3) or 'XX'}"


def _governor(tok):
    """The verb a time expression modifies, through prepositions only ("fell ... on Thursday"),
    or None when it modifies a noun ("its lowest level since 1997")."""
    for _ in range(4):
        if tok.dep_ in {"pobj", "npadvmod", "tmod", "advmod", "prep", "pcomp", "nummod", "compound", "amod"}:
            tok = tok.head
            if tok.pos_ in {"VERB", "AUX"}:
                return tok
        else:
            return tok.head if tok.head.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"nsubj", "dobj"} else None
    return None


def _clause_verb(tok):
    for _ in range(8):
        if tok.pos_ in {"VERB", "AUX"} or tok.head == tok:
            return tok
        tok = tok.head
    return tok


def anchor_for(tok, dated: list, recent: list, default: str) -> str:
    """The date of the event at `tok`: the time expression of its clause or of a clause it hangs
    from ("fell ..., closing at"); else the last day the story named before it (`recent`: days
    of the week before the dateline, as "on Thursday", "today"); else `default`."""
    chain = [_clause_verb(tok)]
    while chain[-1].dep_ in {"xcomp", "advcl", "conj", "pcomp", "relcl"} and len(chain) < 4:
        chain.append(_clause_verb(chain[-1].head))
    for verb in chain:
        for span, value in dated:
            if span.sent == tok.sent and _governor(span.root) == verb:
                return value
    before = [value for span, value in recent if span.start < tok.i and _governor(span.root) is not None]
    return before[-1] if before else default


def document_date(d: Document) -> date | None:
    """The date on the article's dateline (its second line), else its creation time: a few files
    carry the date they were archived, not written."""
    from storyline.analyse.timexes import normalise
    line = next((d.text[s:e] for sid, s, e in d.sentences if sid == 1), "")
    value = normalise("mdy", line, d.dct) if re.fullmatch(r"[A-Z][a-z]+\.? \d{1,2}, \d{4}", line) else None
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value["value"]):
        return date.fromisoformat(value["value"])
    return d.dct


def _story_day(days: list, day: date | None, lead_end: int) -> str:
    """The day the story reports: a day named in its lead ("closed ... on Monday", up to a week
    before the dateline), else the dateline's day."""
    if day is None:
        return "XXXX-XX-XX"
    return next((value for span, value in days if span.start_char < lead_end), day.isoformat())


def dated_expressions(doc, day: date | None, body: int) -> tuple[list, list]:
    """The body's time expressions that name a date, as (span, anchor); and among them the days
    of the week up to the dateline ("on Thursday", "today"), which date what follows them."""
    from storyline.analyse.timexes import timexes
    dated, days = [], []
    for t in timexes(doc, day):
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or span.start_char < body or t.type not in {"DATE", "TIME"} or t.anchor \
                or re.match(r"[.,]\d", doc.text[t.end:t.end + 2]):
            continue  # "to 1847.27" is no year
        start = t.mod == "START" or re.search(r"(?:beginning|start) of\s+$", doc.text[max(0, t.start - 14):t.start])
        value = _anchor_value(t.value, bool(start))
        if not value or value.startswith("XXXX"):
            continue
        dated.append((span, value))
        named_day = re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T.*)?", t.value)
        if day and named_day and 0 <= (day - date.fromisoformat(value)).days <= 7:
            days.append((span, value))
    return dated, days


def predict(docs: list[Document], targets: list[str]) -> dict[str, list[Row]]:
    """A timeline for each target: the events it takes part in, dated and in date order."""
    from storyline.analyse import nlp as nlp_loader
    nlp = nlp_loader.load()
    found: dict[str, dict[str, str]] = {t: {} for t in targets}  # target -> mention -> anchor
    learned = {t: tuple(owned_names(t, [d.text for d in docs])) for t in targets}
    for d, doc in zip(docs, nlp.pipe([d.text for d in docs], batch_size=16)):
        day = document_date(d)
        lead = next(((s, e) for sid, s, e in d.sentences if sid >= 2), (0, 0))  # after title and dateline
        dated, days = dated_expressions(doc, day, lead[0])
        default = _story_day(days, day, lead[1])
        starts = [tk[1] for tk in d.tokens]
        for target in targets:
            heads = entity_heads(doc, mentions_of(target, doc, learned[target]), _pronouns(target))
            for tok in participations(doc, heads):
                mention = _mention_id(d, tok, starts)
                if mention:
                    found[target].setdefault(mention, anchor_for(tok, dated, days, default))
    return {t: _rows(events) for t, events in found.items()}


def _mention_id(d: Document, tok, starts: list[int]) -> str | None:
    """DOCID-SENTENCE-WORD of the given token under spaCy token `tok`; a verb's particle joins it
    ("gone_up")."""
    i = bisect.bisect_right(starts, tok.idx) - 1
    if i < 0 or not d.tokens[i][1] <= tok.idx < d.tokens[i][2]:
        return None
    sid, _, _, word = d.tokens[i]
    particle = next((c for c in tok.children if c.dep_ == "prt"), None)
    if particle is not None and not (particle.i + 1 < len(tok.doc) and tok.doc[particle.i + 1].like_num):
        # "gone_up"; not "closed down 74 points", where "down" measures
        word += "_" + particle.text
    return f"{d.id}-{sid}-{word}"


def _rows(events: dict[str, str]) -> list[Row]:
    """Events in date order; the events of one date share a position."""
    by_anchor: dict[str, list[str]] = defaultdict(list)
    for mention, anchor in events.items():
        by_anchor[anchor].append(mention)
    rows = []
    for position, anchor in enumerate(sorted(by_anchor), 1):
        for mention in sorted(by_anchor[anchor], key=_natural):
            rows.append(Row(position, anchor, (mention,)))
    return rows


def evaluate(path: Path, predictions: Path | None = None) -> dict:
    docs, gold = load(path)
    predicted = predict(docs, list(gold))
    if predictions:
        out = Path(predictions)
        out.mkdir(parents=True, exist_ok=True)
        for target, rows in predicted.items():
            (out / file_name(target)).write_text(write_timeline(target, rows), encoding="utf-8")
    metrics = score(predicted, gold)
    metrics["documents"] = len(docs)
    return metrics


def table(m: dict) -> str:
    rows = [f"{'target':<32}{'P':>8}{'R':>8}{'F1':>8}{'gold ev':>9}{'pred ev':>9}"]
    for target, t in m["per_target"].items():
        rows.append(f"{target[:31]:<32}" + "".join(f"{t[x]:>8.3f}" for x in ("precision", "recall", "f1"))
                    + f"{t['gold_events']:>9}{t['predicted_events']:>9}")
    rows.append(f"{'micro':<32}" + "".join(f"{m[x]:>8.3f}" for x in ("precision", "recall", "f1")))
    rows.append(f"{m['targets']} targets, {m['documents']} documents; relations: {m['gold_relations']} gold, "
                f"{m['predicted_relations']} predicted (temporal awareness, reduced graphs)")
    return "\n".join(rows)
