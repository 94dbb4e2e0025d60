"""`storyline eval polnear DIR`: attribution relations scored against PolNeAR's brat annotations.

DIR holds `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann` (the layout of PolNeAR's
`data/{train,dev}`). Where a document has several annotators' files, the first in sorted
order is the gold, so every run scores the same relations.

Spans: a discontinuous gold span (`start end;start end`) is taken as its hull, from the first
start to the last end. Matching is one-to-one within a document:
  - exact: same start and end;
  - overlap: the spans share at least one character (largest overlaps matched first).
A relation matches a gold relation when their cues overlap, their contents overlap, and their
sources overlap (or neither has a source: PolNeAR's "Attribution-no-source").

Our spans follow PolNeAR's conventions when written out (`to_polnear`): a direct quote's
content keeps its quote marks and the comma or stop inside them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import StorylineError

__all__ = ["evaluate", "table", "read_gold", "score", "Relation"]

Span = tuple[int, int]


@dataclass(frozen=True)
class Relation:
    cue: Span
    content: Span
    source: Span | None


def read_gold(ann: str) -> list[Relation]:
    """Relations of one brat .ann file."""
    spans: dict[str, Span] = {}
    relations = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            fields = parts[1].split(" ", 1)
            if len(fields) < 2:
                continue
            numbers = [int(n) for n in re.findall(r"\d+", fields[1])]
            if numbers:
                spans[parts[0]] = (min(numbers), max(numbers))
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(r.split(":", 1) for r in parts[1].split() if ":" in r)
            cue, content = roles.get("Cue"), roles.get("Content")
            if cue not in spans or content not in spans:
                continue
            source = roles.get("Source")
            relations.append(Relation(spans[cue], spans[content], spans.get(source) if source else None))
    return relations


def to_polnear(text: str, a) -> Relation:
    """One of our attributions as PolNeAR would mark it."""
    start, end = a.content_start, a.content_end
    if a.quote == "direct":
        opening = re.search(r"(\"|\u201c|'')$", text[max(0, start - 2):start]) or \
            re.search(r"(?:^|\n)[ \t]*(\u201d)$", text[max(0, start - 40):start])
        if opening:
            start -= len(opening.group(1))  # a signed line opened with a closing mark keeps it too
        m = re.match(r"[,.!?]?(\"|\u201d|'')", text[end:end + 3])
        if m:
            end += m.end()
    else:
        # A content that ends where a quotation closes keeps the closing mark (and the stop
        # before it) when the quotation opened inside it or just before it.
        closing = re.match(r"[,.!?]?(\"|\u201d|'')", text[end:end + 3])
        opening = re.search(r"(\"|\u201c|'')$", text[max(0, start - 2):start])
        if closing and (len(re.findall(r"[\"\u201c\u201d]|''", text[start:end])) % 2 == 1 or opening):
            end += closing.end()
            if opening and len(re.findall(r"[\"\u201c\u201d]|''", text[start:end])) % 2 == 1:
                start -= len(opening.group(1))
        if re.search(r"\bthat,?\s+$", text[max(0, start - 7):start]):
            start = text.rindex("that", 0, start)  # PolNeAR's contents keep the complementizer
    source = (a.source.start, a.source.end) if a.source and a.source.start is not None else None
    if source and (re.match(r",\s*$", text[source[1]:a.cue_start]) or
                   text[source[1]:source[1] + 1] == "," and "," in text[source[0]:source[1]]):
        # "Smith, a spokesman for X, said", "Smith, a spokesman for X, on Monday said": PolNeAR keeps
        # the comma closing an appositive (train: 920 of 1026 times)
        source = (source[0], source[1] + 1)
    if source:
        # "Democratic leaders -- and, in particular, Harry Reid -- insisted": an aside opened by a
        # dash inside the source keeps its closing dash (train: 47 of 49 times)
        dash = re.match(r"[ \t\u00a0]*(--|\u2014|\u2013|-)(?=\s)", text[source[1]:a.cue_start])
        if dash and len(re.findall(r"\s%s\s" % re.escape(dash.group(1)), text[source[0]:source[1]])) % 2 == 1:
            source = (source[0], source[1] + dash.end())
    if source:
        # "Kova, who denied ...": PolNeAR marks the relative pronoun as the source.
        rel = re.search(r"\b(who|which|that)\s+(?:\w+\s+){0,3}$", text[source[1]:a.cue_start])
        if rel and source[1] + rel.end() == a.cue_start:
            source = (source[1] + rel.start(1), source[1] + rel.end(1))
    return Relation((a.cue_start, a.cue_end), (start, end), source)


def to_polnear_all(text: str, found) -> list[Relation]:
    """Our attributions of one text in PolNeAR's shape. Quotes of one paragraph that share a cue
    ("'...,' he said. '...'") are one relation there, its content running over both (a
    discontinuous span in brat); we keep them apart, so they are joined here."""
    out: list[Relation] = []
    last_direct: dict[tuple, int] = {}
    for a in found:
        r = to_polnear(text, a)
        key = (r.cue, r.source)
        j = last_direct.get(key) if a.quote == "direct" else None
        between = text[out[j].content[1]:r.content[0]] if j is not None else ""
        if j is not None and ("\n" not in between or re.fullmatch(r"[,.!?;:]?\s*", between)):
            prev = out[j]
            out[j] = Relation(prev.cue, (min(prev.content[0], r.content[0]), max(prev.content[1], r.content[1])),
                              prev.source)
            continue
        if a.quote == "direct":
            last_direct[key] = len(out)
        out.append(r)
    return out


def predict(texts: list[str]) -> list[list[Relation]]:
    from storyline.analyse import nlp as nlp_loader
    from storyline.analyse.attributions import attributions
    from storyline.analyse.mentions import mentions
    nlp = nlp_loader.load()
    out = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=16)):
        found = attributions(doc, mentions(doc, 0, []))
        out.append(to_polnear_all(text, found))
    return out


def _match(pred: list[Span], gold: list[Span], exact: bool) -> int:
    if exact:
        pool = list(gold)
        hits = 0
        for p in pred:
            if p in pool:
                pool.remove(p)
                hits += 1
        return hits
    pairs = sorted(((min(p[1], g[1]) - max(p[0], g[0]), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
                    if p[0] < g[1] and g[0] < p[1]), reverse=True)
    used_p, used_g = set(), set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return len(used_p)


def _overlaps(a: Span | None, b: Span | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a[0] < b[1] and b[0] < a[1]


def _relation_hits(pred: list[Relation], gold: list[Relation]) -> int:
    used = set()
    hits = 0
    for p in pred:
        for j, g in enumerate(gold):
            if j not in used and _overlaps(p.cue, g.cue) and _overlaps(p.content, g.content) \
                    and _overlaps(p.source, g.source):
                used.add(j)
                hits += 1
                break
    return hits


def _prf(hits: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(predicted: list[list[Relation]], gold: list[list[Relation]]) -> dict:
    """Metrics over documents (lists of relations, in the same order)."""
    out: dict = {}
    for kind in ("cue", "source", "content"):
        for mode in ("exact", "overlap"):
            hits = n_pred = n_gold = 0
            for pred_doc, gold_doc in zip(predicted, gold):
                p = [getattr(r, kind) for r in pred_doc if getattr(r, kind) is not None]
                g = [getattr(r, kind) for r in gold_doc if getattr(r, kind) is not None]
                hits += _match(p, g, mode == "exact")
                n_pred += len(p)
                n_gold += len(g)
            out[f"{kind}_{mode}_precision"], out[f"{kind}_{mode}_recall"], out[f"{kind}_{mode}_f1"] = \
                _prf(hits, n_pred, n_gold)
    hits = sum(_relation_hits(p, g) for p, g in zip(predicted, gold))
    n_pred = sum(len(p) for p in predicted)
    n_gold = sum(len(g) for g in gold)
    out["relation_overlap_precision"], out["relation_overlap_recall"], out["relation_overlap_f1"] = \
        _prf(hits, n_pred, n_gold)
    out.update(documents=len(gold), gold_relations=n_gold, predicted_relations=n_pred)
    return out


def load(path: Path) -> list[tuple[str, str, list[Relation]]]:
    """(name, text, gold relations) for each text that has an annotation file."""
    path = Path(path)
    text_dir, ann_dir = path / "text", path / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise StorylineError("E301", f"{path} does not hold text/ and attributions/",
                             "give a PolNeAR split folder such as polnear/data/dev")
    anns: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    docs = []
    for txt in sorted(text_dir.glob("*.txt")):
        ann = anns.get(txt.stem)
        if ann is None:
            continue
        docs.append((txt.stem, txt.read_text(encoding="utf-8"), read_gold(ann.read_text(encoding="utf-8"))))
    if not docs:
        raise StorylineError("E302", f"no annotated texts in {path}", "check the folder")
    return docs


def write_ann(relations: list[Relation], text: str) -> str:
    """brat lines in PolNeAR's own shape: Source/Cue/Content/Attribution T lines and an E line each."""
    lines = []
    t = e = 0
    for r in relations:
        ids = {}
        for role, span in (("Source", r.source), ("Cue", r.cue), ("Content", r.content)):
            if span is None:
                continue
            t += 1
            ids[role] = f"T{t}"
            lines.append(f"T{t}\t{role} {span[0]} {span[1]}\t{_one_line(text[span[0]:span[1]])}")
        t += 1
        label = "Attribution" if r.source else "Attribution-no-source"
        lines.append(f"T{t}\t{label} {r.cue[0]} {r.cue[1]}\t{_one_line(text[r.cue[0]:r.cue[1]])}")
        e += 1
        roles = " ".join(f"{role}:{ids[role]}" for role in ("Content", "Cue", "Source") if role in ids)
        lines.append(f"E{e}\t{label}:T{t} {roles}")
    return "\n".join(lines) + ("\n" if lines else "")


def _one_line(s: str) -> str:
    return s.replace("\n", " ").replace("\t", " ")


def evaluate(path: Path, predictions: Path | None = None) -> dict:
    docs = load(path)
    predicted = predict([text for _, text, _ in docs])
    if predictions:
        out = Path(predictions)
        out.mkdir(parents=True, exist_ok=True)
        for (name, text, _), rels in zip(docs, predicted):
            (out / f"{name}.ann").write_text(write_ann(rels, text), encoding="utf-8")
    return score(predicted, [gold for _, _, gold in docs])


def table(m: dict) -> str:
    rows = [f"{'span':<10}{'exact P':>9}{'exact R':>9}{'exact F1':>10}{'ovl P':>8}{'ovl R':>8}{'ovl F1':>8}"]
    for kind in ("cue", "source", "content"):
        rows.append(f"{kind:<10}" + "".join(f"{m[f'{kind}_{mode}_{x}']:>{w}.3f}" for mode, ws in
                                           (("exact", (9, 9, 10)), ("overlap", (8, 8, 8)))
                                           for x, w in zip(("precision", "recall", "f1"), ws)))
    rows.append(f"{'relation':<10}{'':>28}{m['relation_overlap_precision']:>8.3f}"
                f"{m['relation_overlap_recall']:>8.3f}{m['relation_overlap_f1']:>8.3f}")
    rows.append(f"{m['documents']} documents, {m['gold_relations']} gold relations, "
                f"{m['predicted_relations']} predicted")
    return "\n".join(rows)
