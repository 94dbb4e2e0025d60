"""`storyline eval factuality DIR --split dev`: event factuality on UDS-IH2, as Rudinger et al. (2018).

DIR is the UDS-IH2 folder: `factuality_raw.zip` (each annotator's happened 0/1 and confidence
0-4 per predicate), `factuality_normalized.zip`, `ud_english_ewt_r1.2/en-ud-{split}.conllu`
(the sentences) and `ud_ids.json` (the document of each sentence). The zips are read in place.

Gold, as Rudinger et al. put UDS-IH2 on FactBank's scale: each annotation becomes
(+1 if happened else -1) * 3 * confidence / 4, and a predicate's value is their mean, in [-3, 3].
Each sentence is rebuilt from its tokens (SpaceAfter=No respected), parsed with our spaCy
pipeline, and the annotated UD token is found by its characters. Measures: Pearson r and mean
absolute error over all annotated predicates, and r against the normalised value of the second zip.

The value scored is the one the product's analysis gives every event and claim
(`storyline.analyse.factuality.factuality`: the rules whose polarity, certainty and mood events and
claims carry). The rules were written looking at the errors of half "a" of the documents only
(documents in sorted order, every other one); `by_half` reports both halves, so "b" is a fairer figure.
"""
from __future__ import annotations

import json
import math
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import StorylineError

__all__ = ["evaluate", "table", "load", "parse", "score", "Sentence"]


@dataclass
class Sentence:
    id: str  # ewt-dev-12
    document: str
    text: str
    offsets: list[tuple[int, int]]  # characters of each UD token (index 0 is token 1)
    predicates: list[tuple[int, float, float | None]] = field(default_factory=list)  # (UD index, gold, normalised)


def _conllu(path: Path) -> list[list[list[str]]]:
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():  # multiword ranges and empty nodes carry no new characters
                current.append(cols)
    if current:
        sentences.append(current)
    return sentences


def _text(rows: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    parts, offsets, pos = [], [], 0
    for cols in rows:
        word = cols[1]
        offsets.append((pos, pos + len(word)))
        parts.append(word)
        pos += len(word)
        if "SpaceAfter=No" not in cols[9]:
            parts.append(" ")
            pos += 1
    return "".join(parts).rstrip(), offsets


def gold_value(annotation: dict) -> float:
    """Rudinger et al.'s [-3, 3] value of one predicate from its raw annotations."""
    f = annotation["factuality"]["factual"]
    values = [(1 if f["value"][a] else -1) * 3 * f["confidence"][a] / 4 for a in f["value"]]
    return sum(values) / len(values)


def _zip_json(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".json"))
        return json.loads(zf.read(name))["data"]


def load(path: Path, split: str = "dev") -> list[Sentence]:
    path = Path(path)
    conllu = path / "ud_english_ewt_r1.2" / f"en-ud-{split}.conllu"
    raw_zip = path / "factuality_raw.zip"
    if not raw_zip.is_file():
        raise StorylineError("E320", f"no factuality_raw.zip in {path}", "give the UDS-IH2 folder")
    if not conllu.is_file():
        have = sorted(p.name for p in (path / "ud_english_ewt_r1.2").glob("en-ud-*.conllu"))
        raise StorylineError("E321", f"no {conllu.name} under {path}",
                             f"choose a split whose sentences are there ({', '.join(have) or 'none'})")
    raw = _zip_json(raw_zip)
    norm_zip = path / "factuality_normalized.zip"
    norm = _zip_json(norm_zip) if norm_zip.is_file() else {}
    ids_file = path / "ud_ids.json"
    ids = json.loads(ids_file.read_text(encoding="utf-8")) if ids_file.is_file() else {}
    out = []
    prefix = f"ewt-{split}-"
    for n, rows in enumerate(_conllu(conllu), start=1):
        sid = f"{prefix}{n}"
        annotated = raw.get(sid)
        if not annotated:
            continue
        text, offsets = _text(rows)
        sent = Sentence(sid, ids.get(sid, {}).get("document_id", sid), text, offsets)
        for pid, annotation in sorted(annotated.items(), key=lambda kv: int(kv[0].rsplit("-", 1)[1])):
            index = int(pid.rsplit("-", 1)[1])
            normalised = norm.get(sid, {}).get(pid, {}).get("factuality", {}).get("factual", {}).get("value")
            sent.predicates.append((index, gold_value(annotation), normalised))
        out.append(sent)
    if not out:
        raise StorylineError("E322", f"no annotated {split} sentences in {path}", "try --split dev")
    return out


def parse(sentences: list[Sentence]) -> list[list[float]]:
    """The product's factuality value of each annotated predicate, sentence by sentence."""
    from storyline.analyse import nlp as loader
    from storyline.analyse.factuality import factuality
    nlp = loader.load()
    disable = [p for p in ("ner",) if p in nlp.pipe_names]
    values = []
    for sent, doc in zip(sentences, nlp.pipe((s.text for s in sentences), batch_size=64, disable=disable)):
        sent_values = []
        for index, _, _ in sent.predicates:
            start, end = sent.offsets[index - 1]
            span = doc.char_span(start, end, alignment_mode="expand")
            token = span.root if span is not None and len(span) else doc[0]
            sent_values.append(factuality(token).value)
        values.append(sent_values)
    return values


def _pearson(xs: list[float], ys: list[float]) -> float:
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def _measures(pred: list[float], gold: list[float]) -> dict:
    return {"pearson_r": round(_pearson(pred, gold), 4),
            "mae": round(sum(abs(p - g) for p, g in zip(pred, gold)) / max(len(gold), 1), 4),
            "predicates": len(gold)}


def score(sentences: list[Sentence], predicted: list[list[float]]) -> dict:
    pred, gold, norm_pred, norm_gold = [], [], [], []
    halves: dict[str, tuple[list, list]] = {"a": ([], []), "b": ([], [])}
    docs = sorted({s.document for s in sentences})
    half_of = {d: "ab"[i % 2] for i, d in enumerate(docs)}
    for sent, values in zip(sentences, predicted):
        for (_, g, normalised), v in zip(sent.predicates, values):
            pred.append(v)
            gold.append(g)
            halves[half_of[sent.document]][0].append(v)
            halves[half_of[sent.document]][1].append(g)
            if normalised is not None:
                norm_pred.append(v)
                norm_gold.append(normalised)
    metrics = _measures(pred, gold)
    metrics["pearson_r_normalized"] = round(_pearson(norm_pred, norm_gold), 4)
    metrics["sentences"] = len(sentences)
    metrics["baseline_mean_mae"] = round(sum(abs(g - sum(gold) / len(gold)) for g in gold) / len(gold), 4)
    metrics["by_half"] = {h: _measures(p, g) for h, (p, g) in halves.items()}
    return metrics


def evaluate(path: Path, predictions: Path | None = None, split: str = "dev") -> dict:
    """Pearson r and MAE of the product's factuality value against UDS-IH2's gold."""
    sentences = load(path, split)
    predicted = parse(sentences)
    if predictions:
        out = Path(predictions)
        out.mkdir(parents=True, exist_ok=True)
        data = {s.id: {f"{s.id}-semantics-pred-{i}": {"factuality": {"factual": {"value": round(v, 4)}}}
                       for (i, _, _), v in zip(s.predicates, values)}
                for s, values in zip(sentences, predicted)}
        (out / f"factuality_{split}.json").write_text(json.dumps({"data": data}, indent=1), encoding="utf-8")
    metrics = score(sentences, predicted)
    metrics["split"] = split
    return metrics


def table(m: dict) -> str:
    rows = [f"{'':<26}{'Pearson r':>10}{'MAE':>8}{'predicates':>12}",
            f"{'UDS-IH2 ' + m['split']:<26}{m['pearson_r']:>10.3f}{m['mae']:>8.3f}{m['predicates']:>12}"]
    for half, h in m["by_half"].items():
        label = f"  half {half}" + (" (rules read)" if half == "a" else " (unread)")
        rows.append(f"{label:<26}{h['pearson_r']:>10.3f}{h['mae']:>8.3f}{h['predicates']:>12}")
    rows.append(f"r against the normalised values {m['pearson_r_normalized']:.3f}; MAE of always predicting "
                f"the gold mean {m['baseline_mean_mae']:.3f}; {m['sentences']} sentences")
    return "\n".join(rows)
