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

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from storyline.errors import StorylineError

__all__ = ["evaluate", "table", "parse", "score", "Gold"]

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)((?:\s+[^>]*?)?)\s*(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    type: str
    value: str


@dataclass
class Document:
    name: str
    raw: str
    text: str
    dct: date | None
    timexes: list[Gold]
    text_start: int  # where TEXT's content starts in raw
    text_end: int


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
    golds = []
    pos = 0
    content = body.group(1)
    for t in _TAG.finditer(content):
        chunk = html.unescape(content[pos:t.start()])
        out.append(chunk)
        length += len(chunk)
        pos = t.end()
        closing, tag = t.group(1), t.group(2)
        if tag != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(t.group(3)))))
        elif open_timex:
            start, attrs = open_timex.pop()
            golds.append(Gold(start, length, attrs.get("type", ""), attrs.get("value", "")))
    out.append(html.unescape(content[pos:]))
    return Document(name, raw, "".join(out), dct, golds, body.start(1), body.end(1))


def predict(docs: list[Document]) -> list[list]:
    from storyline.analyse import nlp as nlp_loader
    from storyline.analyse.timexes import timexes
    nlp = nlp_loader.load()
    return [timexes(doc, d.dct) for d, doc in zip(docs, nlp.pipe([d.text for d in docs], batch_size=16))]


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


def write_tml(d: Document, predicted: list) -> str:
    """The document back as TimeML: TEXT holds the plain text with our TIMEX3 tags."""
    parts = []
    pos = 0
    for i, t in enumerate(sorted(predicted, key=lambda t: t.start), 1):
        if t.start < pos:
            continue
        attrs = f'tid="t{1000 + i}" type="{t.type}" value="{html.escape(t.value, quote=True)}"'
        if t.mod:
            attrs += f' mod="{t.mod}"'
        parts.append(html.escape(d.text[pos:t.start], quote=False))
        parts.append(f"<TIMEX3 {attrs}>{html.escape(d.text[t.start:t.end], quote=False)}</TIMEX3>")
        pos = t.end
    parts.append(html.escape(d.text[pos:], quote=False))
    return d.raw[:d.text_start] + "".join(parts) + d.raw[d.text_end:]


def load(path: Path) -> list[Document]:
    path = Path(path)
    files = sorted(path.rglob("*.tml")) if path.is_dir() else []
    if not files:
        raise StorylineError("E310", f"no .tml files under {path}", "give a folder of TimeML files")
    return [parse(f.read_text(encoding="utf-8"), str(f.relative_to(path))) for f in files]


def evaluate(path: Path, predictions: Path | None = None) -> dict:
    docs = load(path)
    predicted = predict(docs)
    if predictions:
        out = Path(predictions)
        for d, p in zip(docs, predicted):
            target = out / d.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(write_tml(d, p), encoding="utf-8")
    return score(predicted, [d.timexes for d in docs])


def table(m: dict) -> str:
    rows = [f"{'':<10}{'P':>8}{'R':>8}{'F1':>8}"]
    for kind in ("strict", "relaxed"):
        rows.append(f"{kind:<10}" + "".join(f"{m[f'{kind}_{x}']:>8.3f}" for x in ("precision", "recall", "f1")))
    rows.append(f"type accuracy {m['type_accuracy']:.3f}   type F1 {m['type_f1']:.3f}")
    rows.append(f"value accuracy {m['value_accuracy']:.3f}  value F1 {m['value_f1']:.3f}")
    rows.append(f"{m['documents']} documents, {m['gold_timexes']} gold TIMEX3, {m['predicted_timexes']} predicted")
    return "\n".join(rows)
