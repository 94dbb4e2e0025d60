"""`storyline eval factuality DIR --split dev`: event factuality on UDS-IH2, as Rudinger et al. (2018).

DIR is the UDS-IH2 folder: `factuality_raw.zip` (each annotator's happened 0/1 and confidence
0-4 per predicate), `factuality_normalized.zip`, `ud_english_ewt_r1.2/en-ud-{split}.conllu`
(the sentences) and `ud_ids.json` (the document of each sentence). The zips are read in place.

Gold, as Rudinger et al. put UDS-IH2 on FactBank's scale: each annotation becomes
(+1 if happened else -1) * 3 * confidence / 4, and a predicate's value is their mean, in [-3, 3].
Each sentence is rebuilt from its tokens (SpaceAfter=No respected), parsed with our spaCy
pipeline, and the annotated UD token is found by its characters. Measures: Pearson r and mean
absolute error over all annotated predicates, and r against the normalised value of the second zip.

Our rules were written looking at the errors of half "a" of the documents only (documents in
sorted order, every other one); `by_half` reports both halves, so "b" is a fairer figure.

Two values are scored: the rules' (`storyline.analyse.factuality`) and the learned one
(`storyline.analyse.factuality_model`, a ridge regression fitted on dev by
`scripts/train_factuality.py`). The learned value of a predicate whose document the shipped model
was fitted on comes from a model refitted without that document's fold (grouped k-fold, the folds
recorded in the model file), so no scored predicate's document is ever seen by the model that
scores it; predicates of documents the model never saw (another split) get the shipped model.
When the MiniLM backend loads (and STORYLINE_FACTUALITY_EMBEDDINGS is not "off") the model is the
one that also reads each predicate's vector in its sentence (`vectors`, `embed`); otherwise the sparse one.
"""
from __future__ import annotations

import json
import math
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import StorylineError

__all__ = ["evaluate", "table", "load", "parse", "vectors", "embed", "learned", "score", "Sentence"]


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


def parse(sentences: list[Sentence]) -> tuple[list[list[float]], list[list[dict[str, float]]]]:
    """The rules' value and the learned model's features of each annotated predicate, sentence by sentence."""
    from storyline.analyse import nlp as loader
    from storyline.analyse.factuality import factuality
    from storyline.analyse.factuality_model import features
    nlp = loader.load()
    disable = [p for p in ("ner",) if p in nlp.pipe_names]
    values, rows = [], []
    for sent, doc in zip(sentences, nlp.pipe((s.text for s in sentences), batch_size=64, disable=disable)):
        sent_values, sent_rows = [], []
        for index, _, _ in sent.predicates:
            start, end = sent.offsets[index - 1]
            span = doc.char_span(start, end, alignment_mode="expand")
            token = span.root if span is not None and len(span) else doc[0]
            fact = factuality(token)
            sent_values.append(fact.value)
            sent_rows.append(features(token, fact))
        values.append(sent_values)
        rows.append(sent_rows)
    return values, rows


def vectors(sentences: list[Sentence]) -> list:
    """Each predicate's unit MiniLM vector read in its sentence (the span of its UD token),
    sentence by sentence (an array of one row per predicate); each sentence is encoded once."""
    from storyline.analyse.factuality_model import predicate_vectors
    return predicate_vectors([s.text for s in sentences],
                             [[s.offsets[i - 1] for i, _, _ in s.predicates] for s in sentences])


def embed(rows: list[list[dict[str, float]]], vectors: list, scale: float) -> list[list[dict[str, float]]]:
    """`rows` with each predicate's vector times `scale`: the embedding model's dense features."""
    from storyline.analyse.factuality_model import with_vectors
    return [with_vectors(sent_rows, v, scale) for sent_rows, v in zip(rows, vectors)]


def predict(sentences: list[Sentence]) -> list[list[float]]:
    """The rules' value for each annotated predicate, sentence by sentence."""
    return parse(sentences)[0]


def learned(sentences: list[Sentence], rules: list[list[float]], rows: list[list[dict[str, float]]],
            model) -> tuple[list[list[float]], dict[str, int]]:
    """The learned value of each predicate, never from a model that saw the predicate's document.

    A predicate from a document the model was fitted on gets the value of a model refitted on the
    given predicates of the model's other folds (out of fold); one from a document it never saw gets
    the shipped model's value; without a model, or without any other fold to refit on, the rules'."""
    from storyline.analyse.factuality_model import doc_key, out_of_fold
    flat_rows = [r for sent_rows in rows for r in sent_rows]
    flat_rules = [v for sent_values in rules for v in sent_values]
    gold = [g for s in sentences for _, g, _ in s.predicates]
    documents = [s.document for s in sentences for _ in s.predicates]
    counts = {"out_of_fold": 0, "shipped": 0, "rules": 0}
    if model is None:
        counts["rules"] = len(flat_rows)
        return rules, counts
    oof = out_of_fold(flat_rows, gold, documents, model)
    shipped = model.predict(flat_rows)
    flat = []
    for value, own, rule, doc in zip(oof, shipped, flat_rules, documents):
        if doc_key(doc) not in model.documents:
            flat.append(own)
            counts["shipped"] += 1
        elif value is not None:
            flat.append(value)
            counts["out_of_fold"] += 1
        else:
            flat.append(rule)
            counts["rules"] += 1
    flat = [max(-3.0, min(3.0, v)) for v in flat]
    out, k = [], 0
    for sent in sentences:
        out.append(flat[k:k + len(sent.predicates)])
        k += len(sent.predicates)
    return out, counts


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


def evaluate(path: Path, predictions: Path | None = None, split: str = "dev", model=...) -> dict:
    """Scores the learned value (out of fold on the model's own documents) and, beside it, the rules'.
    `model`: a `factuality_model.Model`, None for the rules alone; by default the shipped one (the
    embedding model when `factuality_model.use_embeddings()`)."""
    from storyline.analyse import factuality_model
    sentences = load(path, split)
    rules, rows = parse(sentences)
    name = None  # the shipped file's name; None for a model given here
    if model is ...:
        embeddings = factuality_model.use_embeddings()
        model = factuality_model.load(embeddings=embeddings)
        name = (factuality_model.EMBEDDING_MODEL_FILE if embeddings else factuality_model.MODEL_FILE).name
    seconds = None
    if model is not None and model.embedding_scale:
        started = time.perf_counter()
        rows = embed(rows, vectors(sentences), model.embedding_scale)
        seconds = round(time.perf_counter() - started, 1)
    predicted, counts = learned(sentences, rules, rows, model)
    if predictions:
        out = Path(predictions)
        out.mkdir(parents=True, exist_ok=True)
        data = {s.id: {f"{s.id}-semantics-pred-{i}": {"factuality": {"factual": {"value": round(v, 4)}}}
                       for (i, _, _), v in zip(s.predicates, values)}
                for s, values in zip(sentences, predicted)}
        (out / f"factuality_{split}.json").write_text(json.dumps({"data": data}, indent=1), encoding="utf-8")
    metrics = score(sentences, predicted)
    metrics["scored"] = counts
    metrics["model"] = name if model is not None else None  # None: given, or the rules alone
    metrics["embeddings"] = bool(model is not None and model.embedding_scale)
    metrics["encoding_seconds"] = seconds
    metrics["rules"] = score(sentences, rules)
    metrics["split"] = split
    return metrics


def table(m: dict) -> str:
    rows = [f"{'':<26}{'Pearson r':>10}{'MAE':>8}{'predicates':>12}"]
    for name, part in (("learned", m), ("rules only", m["rules"])):
        rows.append(f"{'UDS-IH2 ' + m['split'] + ', ' + name:<26}{part['pearson_r']:>10.3f}{part['mae']:>8.3f}"
                    f"{part['predicates']:>12}")
        for half, h in part["by_half"].items():
            label = f"  half {half}" + (" (rules read)" if half == "a" else " (unread)")
            rows.append(f"{label:<26}{h['pearson_r']:>10.3f}{h['mae']:>8.3f}{h['predicates']:>12}")
    c = m["scored"]
    rows.append(f"learned values: scored out-of-fold {c['out_of_fold']} predicates (their documents trained "
                f"the shipped model; refitted without each one's fold), with the shipped model {c['shipped']} "
                f"(documents it never saw), by the rules {c['rules']} (no model or no other fold)")
    rows.append(f"learned: r against the normalised values {m['pearson_r_normalized']:.3f}; "
                f"MAE of always predicting the gold mean {m['baseline_mean_mae']:.3f}; {m['sentences']} sentences")
    if m.get("model"):
        rows.append(f"model: {m['model']}" + (
            f" (with the predicate's MiniLM vector in its sentence; encoding {m['encoding_seconds']:.1f} s)"
            if m["embeddings"] else " (sparse features; STORYLINE_FACTUALITY_EMBEDDINGS=off or no embedding backend)"))
    return "\n".join(rows)
