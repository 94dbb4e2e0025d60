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
import html
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storyline.errors import StorylineError

__all__ = ["evaluate", "table", "parse", "load", "predict", "timelines", "target_entities", "score", "score_timeline",
           "relations", "TimeGraph", "read_timeline", "write_timeline", "file_name", "Document", "Row"]

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
    titled: bool = False  # the file gives its headline apart from its <TEXT> (sentence 0 then)


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
    titled = bool(title and sentences and sentences[0][0] != 0)
    if titled:
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
    return Document(docid.group(1), name, text, dct, spans, tokens, titled)


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


def load(path: Path) -> tuple[list[Document], dict[str, list[Row]], dict[str, str]]:
    """The documents of a corpus folder, the gold timeline of each target entity and the name of
    its gold file, which the predicted timeline is written under and paired with.

    With a list of target entities, a target's gold file is the one the task names for it
    (`file_name`: "S&P 500" -> "s&p_500.txt"), whatever its first line says; a gold file no listed
    target names ("s_and_p_500.txt", a second copy of one timeline) is not scored. Without a list,
    every gold file is a target, named by its first line (else by its file name), and a file
    holding the same rows as one read before counts once."""
    path = Path(path)
    raw_dir = _folder(path, lambda n: "timeml" in n.lower() and "trackb" not in n.lower(), "raw TimeML")
    gold_dir = _folder(path, lambda n: n.lower().startswith("timelines"), "TimeLines gold")
    docs = [parse(f.read_text(encoding="utf-8"), f.name) for f in sorted(raw_dir.glob("*.tml"))]
    if not docs:
        raise StorylineError("E323", f"no .tml files in {raw_dir}", "give a SemEval-2015 Task 4 corpus folder")
    gold: dict[str, list[Row]] = {}
    files: dict[str, str] = {}
    listed = sorted(path.glob("list_target_entities*.txt"))
    if listed:
        for target in dict.fromkeys(t.strip() for t in listed[0].read_text(encoding="utf-8").splitlines() if t.strip()):
            f = gold_dir / file_name(target)
            gold[target] = read_timeline(f.read_text(encoding="utf-8"))[1] if f.is_file() else []
            files[target] = f.name
        return docs, gold, files
    seen = set()
    for f in sorted(gold_dir.glob("*.txt")):
        first, rows = read_timeline(f.read_text(encoding="utf-8"))
        if tuple(rows) in seen:
            continue
        seen.add(tuple(rows))
        target = first or f.stem.replace("_", " ")
        gold[target], files[target] = rows, f.name
    return docs, gold, files


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


# -- timelines from the product -------------------------------------------------------------------

def analysed(docs: list[Document]):
    """The documents ingested as `storyline ingest` ingests them (JSON lines: the text, the
    creation time as the published date) into a scratch database, opened as a Story; with the
    Document of each stored article id."""
    import json
    import tempfile
    import storyline
    from storyline.records import article_id
    tmp = tempfile.TemporaryDirectory()
    folder = Path(tmp.name) / "corpus"
    folder.mkdir()
    lines = [json.dumps({**_titled(d), "published": d.dct.isoformat() if d.dct else None}) for d in docs]
    (folder / "documents.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = Path(tmp.name) / "timeline.db"
    storyline.ingest([folder], db)
    story = storyline.open(db)
    story._scratch = tmp  # removed when the story is
    return story, {article_id(d.text): d for d in docs}


def _titled(d: Document) -> dict:
    """The document as a JSON line. A headline the file gives apart from its <TEXT> (the trial's
    files; no event in it is annotated) is the article's title, read as ingest reads any titled
    article; one inside <TEXT> (corpus 3's) is text like the rest. The stored text is the same."""
    if d.titled and len(d.sentences) > 1:
        _, start, end = d.sentences[0]
        return {"title": d.text[start:end], "text": d.text[end + 2:]}
    return {"text": d.text}


def _words(name: str) -> list[str]:
    return re.findall(r"[\w&]+", name.lower().replace("'s", ""))


def target_entities(target: str, entities: list[dict]) -> set[int]:
    """The product's entities the task's target names: one of the entity's names is the target,
    or a name of two words or more is part of it ("Federal Reserve" for "US Federal Reserve"), or
    the target is part of a name; a place or a people (GPE, NORP) only when named exactly, so
    "US" is not the US Federal Reserve. When an entity is named exactly as the target, only such
    entities answer: "iPhone 4" is not every "iPhone", "iPod" not the "iPod Touch". (Mapping the
    task's targets to ours, nothing else.)"""
    want = _words(target)
    exact = {e["id"] for e in entities if any(_words(n) == want for n in [e["name"], *e["aliases"]])}
    if exact:
        return exact
    found = set()
    for e in entities:
        for name in [e["name"], *e["aliases"]]:
            have = _words(name)
            if not have:
                continue
            if have == want:
                found.add(e["id"])
            elif e["type"] in {"GPE", "NORP"}:
                continue
            elif (len(have) >= 2 and set(have) <= set(want)) or set(want) <= set(have) \
                    or (len(have) == 1 and have[0] == want[0] and len(have[0]) > 2):
                found.add(e["id"])
    return found


def _token_id(d: Document, start: int, starts: list[int]) -> str | None:
    """DOCID-SENTENCE-WORD of the task's token at character `start`."""
    i = bisect.bisect_right(starts, start) - 1
    if i < 0 or not d.tokens[i][1] <= start < d.tokens[i][2]:
        return None
    sid, _, _, word = d.tokens[i]
    return f"{d.id}-{sid}-{word}"


def _anchor_value(value: str | None) -> str:
    """A TIMEX3 value as a timeline anchor (YYYY-MM-DD, unknown parts XX): a week by its Monday;
    anything else the product could not date is XXXX-XX-XX."""
    if not value:
        return "XXXX-XX-XX"
    value = value.split("/")[0]
    m = re.match(r"^(\d{4})-W(\d{2})$", value)
    if m:
        try:
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
        except ValueError:
            return "XXXX-XX-XX"
    m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:$|T)", value)
    if not m:
        return "XXXX-XX-XX"
    return f"{m.group(1)}-{m.group(2) or 'XX'}-{m.group(3) or 'XX'}"


def timelines(story, docs_by_id: dict[str, Document], targets: list[str]) -> dict[str, list[Row]]:
    """Each target's timeline from the stored story: the events its entities take part in, at
    the date the product gives them, in date order."""
    entities = story.entities()
    events = [e for e in story.events() if e["doc"] in docs_by_id]
    starts = {i: [t[1] for t in d.tokens] for i, d in docs_by_id.items()}
    out = {}
    for target in targets:
        ids = target_entities(target, entities)
        found: dict[str, str] = {}
        for e in events:
            if ids & set(e["participants"]):
                mention = _token_id(docs_by_id[e["doc"]], e["start"], starts[e["doc"]])
                if mention and " " in e["trigger"]:
                    mention += "_" + "_".join(e["trigger"].split()[1:])  # "showed off": the task's showed_off
                if mention:
                    # an event with no date of its own is anchored at the day its article's account
                    # is on (told_on), else at its article's day when told as past (not_after), as
                    # the task anchors news events to their document's date
                    found.setdefault(mention, _anchor_value(e["when"] or e["told_on"] or e["not_after"]))
        out[target] = _rows(found)
    return out


def _rows(events: dict[str, str]) -> list[Row]:
    """Events in date order; the events of one date share a position. An event the product could
    not date at all is written unplaced (position 0), as the task's gold writes such events."""
    by_anchor: dict[str, list[str]] = defaultdict(list)
    for mention, anchor in events.items():
        by_anchor[anchor].append(mention)
    rows = [Row(0, anchor, (mention,)) for anchor in by_anchor if anchor.startswith("XXXX")
            for mention in sorted(by_anchor[anchor], key=_natural)]
    dated = sorted(a for a in by_anchor if not a.startswith("XXXX"))
    for position, anchor in enumerate(dated, 1):
        for mention in sorted(by_anchor[anchor], key=_natural):
            rows.append(Row(position, anchor, (mention,)))
    return rows


def predict(docs: list[Document], targets: list[str]) -> dict[str, list[Row]]:
    story, by_id = analysed(docs)
    with story:
        return timelines(story, by_id, targets)


def evaluate(path: Path, predictions: Path | None = None) -> dict:
    """Every target's timeline from the product's own story of the corpus, scored against the gold
    file of the same name; with `predictions`, written there under those names."""
    docs, gold, files = load(path)
    predicted = predict(docs, list(gold))
    if predictions:
        out = Path(predictions)
        out.mkdir(parents=True, exist_ok=True)
        for target, rows in predicted.items():
            (out / files[target]).write_text(write_timeline(target, rows), encoding="utf-8")
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
