"""`storyline eval polnear DIR`: attribution relations scored against PolNeAR's brat annotations.

DIR holds `text/NAME.txt` and `attributions/NAME_ANNOTATOR.ann` (the layout of PolNeAR's
`data/{train,dev}`). Where a document has several annotators' files, the first in sorted
order is the gold, so every run scores the same relations.

Spans are fragments: brat writes a discontinuous span as `start end;start end`, and a relation's
content may have a second part (`Content2`). Before comparing, each span is normalised against its
text: punctuation, quote marks and spaces at the ends of each fragment do not count, and fragments
with only such characters between them are one ('"P," she said, "Q"' is two fragments, P and Q;
'P.\n\nQ' in two pieces is one). Within a document each distinct span counts once, however many
relations share it (a source with two cues, two cues of one content). Matching is one-to-one:
  - exact: the same fragments;
  - overlap: the spans share at least one character (largest overlaps matched first).
A relation matches a gold relation when their cues overlap, their contents overlap, and their
sources overlap (or neither has a source: PolNeAR's "Attribution-no-source"); relations are
counted one by one.

The adapter (`to_polnear`) writes our attributions in PolNeAR's conventions: a content that runs
around its cue and source is the fragments on either side of them; direct quotes of one paragraph
that share a cue are one relation of several fragments; a reported content keeps its "that"; a
source that a relative clause speaks for is the relative pronoun ("Kova, who denied ...": "who");
a pseudo-cleft's content holds "what ... said was".
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import StorylineError

__all__ = ["evaluate", "table", "read_gold", "score", "Relation", "normal", "to_polnear", "to_polnear_all"]

Span = tuple[int, int]
Spans = tuple[Span, ...]  # fragments, in text order


def _fragments(span) -> Spans | None:
    """A span given as (start, end) or as fragments, as fragments."""
    if span is None:
        return None
    if len(span) == 2 and isinstance(span[0], int):
        return (tuple(span),)
    return tuple(sorted(tuple(f) for f in span))


@dataclass(frozen=True)
class Relation:
    """Cue, content and source, each a tuple of (start, end) fragments (one span may be given as a
    plain (start, end)); source None for an attribution with no source."""
    cue: Spans
    content: Spans
    source: Spans | None

    def __post_init__(self):
        for role in ("cue", "content", "source"):
            object.__setattr__(self, role, _fragments(getattr(self, role)))


def read_gold(ann: str) -> list[Relation]:
    """Relations of one brat .ann file; an event line may name spans defined after it."""
    spans: dict[str, Spans] = {}
    events = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            fields = parts[1].split(" ", 1)
            if len(fields) < 2:
                continue
            frags = tuple(sorted((int(a), int(b)) for a, b in re.findall(r"(\d+)\s+(\d+)", fields[1])))
            if frags:
                spans[parts[0]] = frags
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(r.split(":", 1) for r in parts[1].split() if ":" in r))
    relations = []
    for roles in events:
        cue = spans.get(roles.get("Cue"))
        content = tuple(f for role in sorted(roles) if re.fullmatch(r"Content\d*", role)
                        for f in spans.get(roles[role], ()))
        if cue is None or not content:
            continue
        source = roles.get("Source")
        relations.append(Relation(cue, content, spans.get(source) if source else None))
    return relations


def _edge(ch: str) -> bool:
    """Characters that do not count at the ends of a span: punctuation, quote marks, spaces."""
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def normal(text: str, spans: Spans | None) -> Spans | None:
    """`spans` as the scorer compares them: each fragment without punctuation or spaces at its ends
    (a fragment of nothing else keeps its characters: a cue ":"), and fragments with only such
    characters between them joined."""
    if spans is None:
        return None
    frags = []
    for s, e in sorted(spans):
        a, b = s, e
        while a < b and _edge(text[a:a + 1] or " "):
            a += 1
        while b > a and _edge(text[b - 1:b] or " "):
            b -= 1
        if b <= a:
            a, b = s + len(text[s:e]) - len(text[s:e].lstrip()), s + len(text[s:e].rstrip())
        if b > a:
            frags.append((a, b))
    out: list[Span] = []
    for a, b in frags:
        if out and (a <= out[-1][1] or all(_edge(ch) for ch in text[out[-1][1]:a])):
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out) or None


def to_polnear(text: str, a) -> Relation:
    """One of our attributions as PolNeAR would mark it. Punctuation at the ends of spans is left
    as it is: the scorer does not count it."""
    start, end = a.content_start, a.content_end
    if a.quote != "direct" and re.search(r"\bthat,?\s+$", text[max(0, start - 7):start]):
        start = text.rindex("that", 0, start)  # PolNeAR's contents keep the complementizer
    source = (a.source.start, a.source.end) if a.source and a.source.start is not None else None
    if source:
        # "Kova, who denied ...": PolNeAR marks the relative pronoun as the source.
        rel = re.search(r"\b(who|which|that)\s+(?:\w+\s+){0,3}$", text[source[1]:a.cue_start])
        if rel and source[1] + rel.end() == a.cue_start:
            source = (source[1] + rel.start(1), source[1] + rel.end(1))
    start = _cleft_start(text, start, a.cue_end, source[0] if source else a.cue_start)
    cuts = [(a.cue_start, a.cue_end)] + ([source] if source else [])
    return Relation((a.cue_start, a.cue_end), _around(text, start, end, cuts), source)


def _cleft_start(text: str, start: int, cue_end: int, speaker_start: int) -> int:
    """Where PolNeAR starts the content of a pseudo-cleft ("what many analysts said was a sign of
    ..."): at "what", its content being "what" and "was a sign of ..." on either side of source
    and cue (train: 7 of 8). Our content is the complement alone ("a sign of ...")."""
    if not re.fullmatch(r"\s+(?:was|is|were|are)\s+", text[cue_end:start]):
        return start
    what = re.search(r"\b[Ww]hat\s+$", text[max(0, speaker_start - 10):speaker_start])
    return speaker_start - len(what.group()) if what else start


def _around(text: str, start: int, end: int, cuts: list[Span]) -> Spans:
    """The content start..end less the characters of the cue and the source: PolNeAR never has a
    content run over its own cue (train: 3,186 contents hold the cue between their first and last
    character, none of them in one piece), but marks the parts on either side ("But to prevent
    problems, he said, officials should be vigilant")."""
    frags = [(start, end)]
    for cs, ce in sorted(cuts):
        frags = [piece for fs, fe in frags
                 for piece in (((fs, min(fe, cs)), (max(fs, ce), fe)) if cs < fe and fs < ce else ((fs, fe),))
                 if piece[1] > piece[0]]
    frags = [(fs, fe) for fs, fe in frags if not all(_edge(ch) for ch in text[fs:fe])]
    return tuple(frags) or ((start, end),)


def to_polnear_all(text: str, found) -> list[Relation]:
    """Our attributions of one text in PolNeAR's shape. Quotes of one paragraph that share a cue
    ("'...,' he said. '...'") are one relation there, its content the quotes' fragments; we keep
    them apart, so they are joined here."""
    out: list[Relation] = []
    last_direct: dict[tuple, int] = {}
    for a in found:
        r = to_polnear(text, a)
        key = (r.cue, r.source)
        j = last_direct.get(key) if a.quote == "direct" else None
        between = text[out[j].content[-1][1]:r.content[0][0]] if j is not None else ""
        if j is not None and ("\n" not in between or all(_edge(ch) for ch in between)):
            prev = out[j]
            out[j] = Relation(prev.cue, prev.content + r.content, prev.source)
            continue
        if a.quote == "direct":
            last_direct[key] = len(out)
        out.append(r)
    return out


def predict(texts: list[str]) -> list[list[Relation]]:
    """Our relations for each text, from the analysis `storyline ingest` runs on an article."""
    from storyline.analyse import nlp as nlp_loader
    from storyline.analyse.core import analyse_doc
    from storyline.records import Article, article_id
    nlp = nlp_loader.load()
    out = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=16)):
        analysis = analyse_doc(Article(id=article_id(text), name="", text=text), doc)
        out.append(to_polnear_all(text, analysis.attributions))
    return out


def _shared(p: Spans, g: Spans) -> int:
    """How many characters two spans share."""
    return sum(max(0, min(pe, ge) - max(ps, gs)) for ps, pe in p for gs, ge in g)


def _match(pred: set[Spans], gold: set[Spans], exact: bool) -> int:
    """One-to-one matches between the distinct spans of a document."""
    if exact:
        return len(pred & gold)
    pairs = sorted(((_shared(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)
                    if _shared(p, g) > 0), reverse=True)
    used_p, used_g = set(), set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return len(used_p)


def _overlaps(a: Spans | None, b: Spans | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return _shared(a, b) > 0


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


def _normalised(text: str | None, rels: list[Relation]) -> list[Relation]:
    if text is None:
        return rels
    return [Relation(normal(text, r.cue) or r.cue, normal(text, r.content) or r.content, normal(text, r.source))
            for r in rels]


def score(predicted: list[list[Relation]], gold: list[list[Relation]], texts: list[str] | None = None) -> dict:
    """Metrics over documents (lists of relations, in the same order; `texts`, the documents' texts,
    to normalise the spans against: without them spans are compared as given)."""
    texts = texts if texts is not None else [None] * len(gold)
    predicted = [_normalised(t, p) for t, p in zip(texts, predicted)]
    gold = [_normalised(t, g) for t, g in zip(texts, gold)]
    out: dict = {}
    for kind in ("cue", "source", "content"):
        for mode in ("exact", "overlap"):
            hits = n_pred = n_gold = 0
            for pred_doc, gold_doc in zip(predicted, gold):
                p = {getattr(r, kind) for r in pred_doc if getattr(r, kind) is not None}
                g = {getattr(r, kind) for r in gold_doc if getattr(r, kind) is not None}
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
            lines.append(f"T{t}\t{role} {_brat(span)}\t{_one_line(' '.join(text[a:b] for a, b in span))}")
        t += 1
        label = "Attribution" if r.source else "Attribution-no-source"
        lines.append(f"T{t}\t{label} {_brat(r.cue)}\t{_one_line(' '.join(text[a:b] for a, b in r.cue))}")
        e += 1
        roles = " ".join(f"{role}:{ids[role]}" for role in ("Content", "Cue", "Source") if role in ids)
        lines.append(f"E{e}\t{label}:T{t} {roles}")
    return "\n".join(lines) + ("\n" if lines else "")


def _brat(span: Spans) -> str:
    return ";".join(f"{a} {b}" for a, b in span)


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
    return score(predicted, [gold for _, _, gold in docs], [text for _, text, _ in docs])


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
