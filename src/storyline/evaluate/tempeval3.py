"""`storyline eval tempeval3 DIR`: TIMEX3 detection and normalisation, TempEval-3 Task A measures.

DIR is searched recursively for TimeML `.tml` files. For each, the TEXT element with its tags
removed is the input, and the creation time (the TIMEX3 with functionInDocument="CREATION_TIME")
is the article date. Measures, as TempEval-3 defines them:
  - strict: predicted and gold spans identical; relaxed: they overlap (matched one to one);
  - type and value accuracy over relaxed matches;
  - type F1 and value F1: relaxed F1 times the attribute's accuracy (an attribute counts only
    where the span was found), which is the task's "value F1".
"""
from __future__ import annotations

import bisect
import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from storyline.errors import StorylineError

__all__ = ["evaluate", "table", "parse", "score", "Gold", "GoldEvent", "part", "PARTS"]

# TempEval-3's training data split by document for the learned events (scripts/train_events.py):
# a document is in the report part when the SHA-256 of its file name (without folders) falls in
# the first fifth of the hash range; the shipped event model is fitted on the tuning part only.
PARTS = ("tune", "report")


def part(name: str) -> str:
    """"report" or "tune": the fixed part of the training data the document `name` belongs to."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return "report" if int(hashlib.sha256(base.encode("utf-8")).hexdigest()[:8], 16) % 5 == 0 else "tune"

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)((?:\s+[^>]*?)?)\s*(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class GoldEvent:
    """A TimeML EVENT with its instance's attributes (MAKEINSTANCE), offsets into the plain text."""
    start: int
    end: int
    eid: str
    cls: str
    tense: str = "NONE"
    aspect: str = "NONE"
    polarity: str = "POS"
    modality: str = ""
    pos: str = ""


@dataclass
class Document:
    name: str
    raw: str
    text: str
    dct: date | None
    timexes: list[Gold]
    text_start: int  # where TEXT's content starts in raw
    text_end: int
    events: list[GoldEvent] = field(default_factory=list)


def parse(raw: str, name: str = "") -> Document:
    """The plain text of TEXT, its gold TIMEX3 spans (offsets into that text) and the DCT."""
    dct = None
    m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if m:
        v = _ATTR.findall(m.group())
        value = dict(v).get("value", "")
        if re.match(r"^\d{4}-\d{2}-\d{2}", value):
            dct = date.fromisoformat(value[:10])
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if body is None:
        raise StorylineError("E311", f"{name}: no <TEXT> element", "give TimeML .tml files")
    out: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict]] = []
    open_event: list[tuple[int, dict]] = []
    golds, events = [], []
    instances = _instances(raw)
    pos = 0
    content = body.group(1)
    for t in _TAG.finditer(content):
        chunk = html.unescape(content[pos:t.start()])
        out.append(chunk)
        length += len(chunk)
        pos = t.end()
        closing, tag = t.group(1), t.group(2)
        if tag == "EVENT":
            if not closing:
                open_event.append((length, dict(_ATTR.findall(t.group(3)))))
            elif open_event:
                start, attrs = open_event.pop()
                events.append(_gold_event(start, length, attrs, instances.get(attrs.get("eid", ""), {})))
            continue
        if tag != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(t.group(3)))))
        elif open_timex:
            start, attrs = open_timex.pop()
            golds.append(Gold(start, length, attrs.get("type", ""), attrs.get("value", "")))
    out.append(html.unescape(content[pos:]))
    return Document(name, raw, "".join(out), dct, golds, body.start(1), body.end(1), events)


def _instances(raw: str) -> dict[str, dict]:
    """eventID -> the attributes of its first MAKEINSTANCE (tense, aspect, polarity, modality, pos)."""
    out: dict[str, dict] = {}
    for m in re.finditer(r"<MAKEINSTANCE\b[^>]*>", raw):
        attrs = dict(_ATTR.findall(m.group()))
        out.setdefault(attrs.get("eventID", ""), attrs)
    return out


def _gold_event(start: int, end: int, attrs: dict, instance: dict) -> GoldEvent:
    both = {**instance, **attrs}
    return GoldEvent(start, end, attrs.get("eid", ""), attrs.get("class", ""), both.get("tense", "NONE"),
                     both.get("aspect", "NONE"), both.get("polarity", "POS"), both.get("modality", ""),
                     both.get("pos", ""))


def analyse(docs: list[Document]) -> list:
    """The product's analysis of each document: an Article of the TEXT with its DCT as the
    published date, through the same `analyse_doc` as `storyline ingest`."""
    from storyline.analyse import nlp as nlp_loader
    from storyline.analyse.core import analyse_doc
    from storyline.records import Article, article_id
    nlp = nlp_loader.load()
    articles = [Article(id=article_id(d.text), name=d.name, text=d.text,
                        published=d.dct.isoformat() if d.dct else None,
                        published_from="metadata" if d.dct else None) for d in docs]
    return [analyse_doc(a, doc) for a, doc in zip(articles, nlp.pipe([a.text for a in articles], batch_size=16))]


def predict(docs: list[Document]) -> list[list]:
    """The TIMEX3 expressions the product finds in each document."""
    return [a.timexes for a in analyse(docs)]


def _prf(hits: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(predicted: list[list], gold: list[list[Gold]]) -> dict:
    strict = relaxed = type_ok = value_ok = 0
    n_pred = sum(len(p) for p in predicted)
    n_gold = sum(len(g) for g in gold)
    for pred_doc, gold_doc in zip(predicted, gold):
        exact = {(g.start, g.end) for g in gold_doc}
        strict += sum(1 for p in pred_doc if (p.start, p.end) in exact)
        pairs = sorted(((min(p.end, g.end) - max(p.start, g.start), i, j)
                        for i, p in enumerate(pred_doc) for j, g in enumerate(gold_doc)
                        if p.start < g.end and g.start < p.end), reverse=True)
        used_p, used_g = set(), set()
        for _, i, j in pairs:
            if i in used_p or j in used_g:
                continue
            used_p.add(i)
            used_g.add(j)
            relaxed += 1
            type_ok += pred_doc[i].type == gold_doc[j].type
            value_ok += pred_doc[i].value == gold_doc[j].value
    out: dict = {}
    out["strict_precision"], out["strict_recall"], out["strict_f1"] = _prf(strict, n_pred, n_gold)
    out["relaxed_precision"], out["relaxed_recall"], out["relaxed_f1"] = _prf(relaxed, n_pred, n_gold)
    out["type_accuracy"] = type_ok / relaxed if relaxed else 0.0
    out["value_accuracy"] = value_ok / relaxed if relaxed else 0.0
    out["type_f1"] = out["relaxed_f1"] * out["type_accuracy"]
    out["value_f1"] = out["relaxed_f1"] * out["value_accuracy"]
    out.update(documents=len(gold), gold_timexes=n_gold, predicted_timexes=n_pred)
    return out


def score_events(predicted: list[list], gold: list[list[GoldEvent]]) -> dict:
    """TempEval-3 Task B: strict (same span) and relaxed (overlapping, one to one) event F1, and
    class, tense and aspect F1 as the task's scorer computes them: relaxed F1 times the share of
    relaxed matches whose attribute is right."""
    strict = relaxed = 0
    right = {"class": 0, "tense": 0, "aspect": 0}
    n_pred = sum(len(p) for p in predicted)
    n_gold = sum(len(g) for g in gold)
    for pred_doc, gold_doc in zip(predicted, gold):
        exact = {(g.start, g.end) for g in gold_doc}
        strict += sum(1 for p in pred_doc if (p.start, p.end) in exact)
        by_start = sorted(range(len(gold_doc)), key=lambda j: gold_doc[j].start)
        starts = [gold_doc[j].start for j in by_start]
        used = set()
        for p in sorted(pred_doc, key=lambda p: p.start):
            k = bisect.bisect_right(starts, p.end - 1) - 1
            while k >= 0 and gold_doc[by_start[k]].end > p.start:
                j = by_start[k]
                if j not in used:
                    used.add(j)
                    g = gold_doc[j]
                    relaxed += 1
                    right["class"] += p.event_class == g.cls
                    right["tense"] += p.tense == g.tense
                    right["aspect"] += p.aspect == g.aspect
                    break
                k -= 1
    out: dict = {}
    out["event_strict_precision"], out["event_strict_recall"], out["event_strict_f1"] = _prf(strict, n_pred, n_gold)
    out["event_precision"], out["event_recall"], out["event_f1"] = _prf(relaxed, n_pred, n_gold)
    for name, n in right.items():
        out[f"event_{name}_accuracy"] = n / relaxed if relaxed else 0.0
        out[f"event_{name}_f1"] = out["event_f1"] * out[f"event_{name}_accuracy"]
    out.update(gold_events=n_gold, predicted_events=n_pred)
    return out


def write_tml(d: Document, timexes: list, events: list = ()) -> str:
    """The input document as TimeML with our annotation only: everything before TEXT as given
    (DOCID, the creation time, the title), TEXT with our TIMEX3 and EVENT tags, then one
    MAKEINSTANCE per event (TimeML 1.2.1; the task's scorer reads tense, aspect, polarity and
    part of speech there). Nothing after the gold TEXT is kept: its TLINKs, SLINKs and
    MAKEINSTANCEs are the answer, not the input."""
    tags = [(t.start, t.end, "t", t) for t in timexes] + [(e.start, e.end, "e", e) for e in events]
    parts, instances = [], []
    pos = 0
    tid = eid = 0
    for start, end, kind, x in sorted(tags, key=lambda x: (x[0], -x[1])):
        if start < pos:
            continue  # TimeML tags do not nest here: the first (longest) one wins
        parts.append(html.escape(d.text[pos:start], quote=False))
        words = html.escape(d.text[start:end], quote=False)
        if kind == "t":
            tid += 1
            attrs = f'tid="t{1000 + tid}" type="{x.type}" value="{html.escape(x.value, quote=True)}"'
            if x.mod:
                attrs += f' mod="{x.mod}"'
            parts.append(f"<TIMEX3 {attrs}>{words}</TIMEX3>")
        else:
            eid += 1
            parts.append(f'<EVENT eid="e{eid}" class="{x.event_class or "OCCURRENCE"}">{words}</EVENT>')
            instances.append(_instance(eid, x))
        pos = end
    parts.append(html.escape(d.text[pos:], quote=False))
    tail = "\n".join(instances)
    return d.raw[:d.text_start] + "".join(parts) + "</TEXT>\n\n" + tail + ("\n\n" if tail else "") + "</TimeML>\n"


_POS = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJECTIVE", "ADP": "PREPOSITION"}


def _instance(eid: int, e) -> str:
    polarity = "NEG" if e.polarity == "negative" else "POS"
    modality = f' modality="{html.escape(e.modality, quote=True)}"' if e.modality else ""
    return (f'<MAKEINSTANCE eventID="e{eid}" eiid="ei{eid}" tense="{e.tense or "NONE"}" '
            f'aspect="{e.aspect or "NONE"}" polarity="{polarity}" pos="{_POS.get(e.pos, "OTHER")}"{modality}/>')


def load(path: Path) -> list[Document]:
    path = Path(path)
    files = sorted(path.rglob("*.tml")) if path.is_dir() else []
    if not files:
        raise StorylineError("E310", f"no .tml files under {path}", "give a folder of TimeML files")
    return [parse(f.read_text(encoding="utf-8"), str(f.relative_to(path))) for f in files]


def evaluate(path: Path, predictions: Path | None = None, split: str | None = None) -> dict:
    """Task A (TIMEX3) and Task B (events) over the documents of `path`; with `split` ("tune" or
    "report"), only that part of them (see `part`)."""
    docs = load(path)
    if split is not None:
        if split not in PARTS:
            raise StorylineError("E312", f"no split {split!r} for tempeval3", "give --split tune or --split report")
        docs = [d for d in docs if part(d.name) == split]
        if not docs:
            raise StorylineError("E313", f"no document of {path} is in the {split} part", "give another folder")
    analyses = analyse(docs)
    if predictions:
        out = Path(predictions)
        for d, a in zip(docs, analyses):
            target = out / d.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(write_tml(d, a.timexes, a.events), encoding="utf-8")
    metrics = score([a.timexes for a in analyses], [d.timexes for d in docs])
    metrics.update(score_events([a.events for a in analyses], [d.events for d in docs]))
    metrics["split"] = split or "all"
    return metrics


def table(m: dict) -> str:
    rows = [f"{'':<10}{'P':>8}{'R':>8}{'F1':>8}"]
    for kind in ("strict", "relaxed"):
        rows.append(f"{kind:<10}" + "".join(f"{m[f'{kind}_{x}']:>8.3f}" for x in ("precision", "recall", "f1")))
    rows.append(f"type accuracy {m['type_accuracy']:.3f}   type F1 {m['type_f1']:.3f}")
    rows.append(f"value accuracy {m['value_accuracy']:.3f}  value F1 {m['value_f1']:.3f}")
    rows.append(f"{m['documents']} documents, {m['gold_timexes']} gold TIMEX3, {m['predicted_timexes']} predicted")
    if "event_f1" in m:
        rows.append("")
        rows.append(f"{'events':<10}{'P':>8}{'R':>8}{'F1':>8}")
        rows.append(f"{'strict':<10}" + "".join(f"{m[f'event_strict_{x}']:>8.3f}" for x in ("precision", "recall", "f1")))
        rows.append(f"{'relaxed':<10}" + "".join(f"{m[f'event_{x}']:>8.3f}" for x in ("precision", "recall", "f1")))
        rows.append("   ".join(f"{x} accuracy {m[f'event_{x}_accuracy']:.3f} F1 {m[f'event_{x}_f1']:.3f}"
                               for x in ("class", "tense", "aspect")))
        rows.append(f"{m['gold_events']} gold events, {m['predicted_events']} predicted ({m['split']} documents)")
    return "\n".join(rows)
