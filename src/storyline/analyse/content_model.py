"""Where an attribution's content starts and ends: a small learned ranker over token boundaries.

The rules in `attributions` place a content by the parse (a complement's subtree, an object,
the rest of a sentence); PolNeAR's annotators often draw the edges elsewhere: trailing
participles and relative clauses, a second coordinated clause, a leading "to", an inverted
report's frame, the clause a partial quote sits in ('Clinton as "a lifetime politician"').
For each attribution (a direct quote's content stays inside its marks) this module lists candidate
first and last tokens around the rules' span, within the sentences that hold the cue and the
content, scores each with a linear model over parse features (dependency labels and parts of
speech at and beside the boundary, which subtree the boundary closes, punctuation, distance
from the rules' edge, whether the span would cross the cue or its source) and moves the edge
to the best one.

The weights are learned from PolNeAR's training split by `scripts/train_content.py` (averaged
perceptrons, one for starts and one for ends) and kept in `models/content_model.json`:
feature -> weight, nothing of the texts. Without that file contents are left as the rules set them.

Two rules follow the ranker: a content that opens a quotation runs to the quotation's close and
becomes a direct quote ('She said: "P. Q."'), and a direct quote never grows over its own cue
(PolNeAR joins '"P," she said. "Q."' into one span; the app keeps the two quotes, and
evaluate.polnear joins them when writing PolNeAR's shape). A reported content may run over its
cue, as PolNeAR marks inverted reports ("But to prevent problems, he said, officials should ...").
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import replace
from importlib import resources

from storyline.analyse.nlp import text_of

__all__ = ["revise", "candidates", "start_features", "end_features", "load", "MODEL_FILE"]

MODEL_FILE = "content_model.json"
ACTIVE = True  # scripts/train_content.py switches it off to see the rules' own contents
_QUOTE_TOKENS = {'"', "\u201c", "\u201d", "''", "``", "'", "`"}
_OPENERS = {"(", "[", "$", '"', "\u201c", "''", "``", "\u2018"}
_TRAILING = {",", ";", ":", ".", "-", "--", "\u2014", "\u2013"}
_MAX_SPAN_TOKENS = 160


@functools.lru_cache(maxsize=1)
def load() -> dict:
    """{"start": {feature: weight}, "end": {...}}; empty when the model file is absent."""
    try:
        data = json.loads((resources.files("storyline") / "models" / MODEL_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {"start": data.get("start", {}), "end": data.get("end", {})}


def _span_tokens(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def context(doc, a):
    """What the features need to know of one attribution: its cue and content tokens and the
    window of tokens its content may move within (the sentences holding cue and content, within
    one paragraph). None when the spans do not map onto tokens."""
    cue = _span_tokens(doc, a.cue_start, a.cue_end)
    content = _span_tokens(doc, a.content_start, a.content_end)
    if cue is None or content is None or len(content) > _MAX_SPAN_TOKENS:
        return None
    lo = min(cue.start, content.start)
    hi = max(cue.end, content.end) - 1
    first, last = doc[lo].sent, doc[hi].sent
    w_lo, w_hi = first.start, last.end - 1
    text = text_of(doc)
    # stay within the paragraph of the content
    while w_lo < content.start and "\n" in text[doc[w_lo].idx:content[0].idx]:
        w_lo += 1
    while w_hi > content.end - 1 and "\n" in text[content[-1].idx:doc[w_hi].idx]:
        w_hi -= 1
    src = None
    if a.source is not None and a.source.start is not None:
        src = _span_tokens(doc, a.source.start, a.source.end)
    side = "after" if content.start >= cue.end else ("before" if content.end <= cue.start else "around")
    marks, seen = [], 0  # quote marks before each token of the window, for the parity features
    for t in doc[w_lo:w_hi + 1]:
        marks.append(seen)
        seen += t.text in _QUOTE_TOKENS
    marks.append(seen)
    return {"cue": _Edges(cue), "content": _Edges(content), "source": _Edges(src) if src is not None else None,
            "lo": w_lo, "hi": w_hi, "side": side, "marks": marks,
            "kind": f"{a.quote}|{a.kind}|{side}", "lemma": cue.root.lemma_.lower()}


class _Edges:
    """A span's first token, end and root, looked up once (Span.root walks the span each time)."""
    __slots__ = ("start", "end", "root")

    def __init__(self, span):
        self.start, self.end, self.root = span.start, span.end, span.root


def candidates(doc, ctx) -> tuple[list[int], list[int]]:
    """Token indices that may begin and end the content."""
    starts, ends = [], []
    for t in doc[ctx["lo"]:ctx["hi"] + 1]:
        if t.is_space:
            continue
        if not (t.is_punct and t.text not in _OPENERS) and not (t.lower_ == "that" and t.dep_ == "mark"):
            starts.append(t.i)
        if t.text not in _TRAILING or t.text == "." and t.i + 1 < len(doc) and doc[t.i + 1].text in _QUOTE_TOKENS:
            ends.append(t.i)
    return starts, ends


def _bucket(n: int) -> str:
    if n <= 0:
        return str(max(n, -3)) if n > -4 else ("-<8" if n > -8 else "-far")
    return str(n) if n < 4 else ("<8" if n < 8 else "far")


def _closes(tok, side: str, lo: int, hi: int) -> str:
    """The dependency label of the largest subtree (within the window) that `tok` opens
    (side "L") or closes (side "R"), and the label of its head."""
    best = tok
    for anc in tok.ancestors:
        edge = anc.left_edge if side == "L" else anc.right_edge
        if edge.i != tok.i or anc.left_edge.i < lo or anc.right_edge.i > hi:
            break
        best = anc
    return f"{best.dep_}^{best.head.dep_}" if best is not tok else f"self:{tok.dep_}"


def start_features(doc, ctx, i: int) -> list[str]:
    t = doc[i]
    prev = doc[i - 1] if i > 0 else None
    prev2 = doc[i - 2] if i > 1 else None
    cue, content, src = ctx["cue"], ctx["content"], ctx["source"]
    d = i - content.start
    rel = "in-cue" if cue.start <= i < cue.end else ("pre-cue" if i < cue.start else "post-cue")
    f = [
        "b", "d=" + _bucket(d), "rel=" + rel,
        "dep=" + t.dep_, "pos=" + t.pos_, "tag=" + t.tag_,
        "pw=" + (prev.lower_ if prev is not None and (prev.is_punct or prev.is_stop) else
                 ("<s>" if prev is None else "POS:" + prev.pos_)),
        "pdep=" + (prev.dep_ if prev is not None else "<s>"),
        "open=" + _closes(t, "L", ctx["lo"], ctx["hi"]),
        "sent0=" + str(t.is_sent_start),
        "pw+dep=" + (prev.lower_ if prev is not None else "<s>") + "|" + t.dep_,
        "pp=" + (prev2.lower_ if prev2 is not None and prev2.is_punct else "-") + "|" +
        (prev.lower_ if prev is not None and prev.is_punct else "-"),
    ]
    if t.is_stop:
        f.append("w=" + t.lower_)
    if prev is not None:
        f.append("pclose=" + _closes(prev, "R", ctx["lo"], ctx["hi"]))
        if prev.text in _QUOTE_TOKENS:
            f.append("after-quote")
    if t.head.i == content.root.i:
        f.append("root-child=" + t.dep_)
    f.append("qpar=" + str(_quotes(ctx, i, content.end) % 2))
    f.append("d+pw=" + _bucket(d) + "|" + f[6][3:])
    if src is not None:
        f.append("src=" + ("crosses" if i <= src.start < content.end else
                           "after" if i >= src.end else "before"))
    if i < cue.start < content.end or (i <= cue.start and content.start >= cue.end):
        f.append("crosses-cue")
    if t.head.i == cue.root.i:
        f.append("cue-child=" + t.dep_)
    if cue.root.is_ancestor(t):
        f.append("under-cue")
    if t.head.i == content.root.i or t.i == content.root.i:
        f.append("at-head")
    kind, lemma = ctx["kind"], ctx["lemma"]
    base = list(f)
    f += [kind + "&" + x for x in base]
    f += ["L:" + lemma + "&" + x for x in base[:6]]
    return f


def end_features(doc, ctx, i: int) -> list[str]:
    t = doc[i]
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None and nxt.is_space and i + 2 < len(doc):
        nxt = doc[i + 2]
    nxt2 = doc[nxt.i + 1] if nxt is not None and nxt.i + 1 < len(doc) else None
    cue, content, src = ctx["cue"], ctx["content"], ctx["source"]
    d = i - (content.end - 1)
    rel = "in-cue" if cue.start <= i < cue.end else ("pre-cue" if i < cue.start else "post-cue")
    nw = "</s>" if nxt is None else (nxt.lower_ if nxt.is_punct or nxt.is_stop else "POS:" + nxt.pos_)
    f = [
        "b", "d=" + _bucket(d), "rel=" + rel,
        "dep=" + t.dep_, "pos=" + t.pos_, "tag=" + t.tag_,
        "nw=" + nw,
        "ndep=" + (nxt.dep_ if nxt is not None else "</s>"),
        "close=" + _closes(t, "R", ctx["lo"], ctx["hi"]),
        "send=" + str(nxt is None or nxt.is_sent_start),
        "nw+n2=" + nw + "|" + ("</s>" if nxt2 is None else (nxt2.lower_ if nxt2.is_punct or nxt2.is_stop
                                                           else "POS:" + nxt2.pos_)),
        "ndep+dep=" + (nxt.dep_ if nxt is not None else "</s>") + "|" + t.dep_,
    ]
    if nxt is not None:
        f.append("nopen=" + _closes(nxt, "L", ctx["lo"], ctx["hi"]))
        if nxt.text in _QUOTE_TOKENS:
            f.append("before-quote")
        if nxt.head.i == content.root.i:
            f.append("next-root-child=" + nxt.dep_)
        if nxt.is_punct and nxt2 is not None and not nxt2.is_punct:
            f.append("n2open=" + _closes(nxt2, "L", ctx["lo"], ctx["hi"]))
    if t.i == content.root.right_edge.i:
        f.append("root-edge")
    f.append("d+nw=" + _bucket(d) + "|" + nw)
    if nxt is not None and nxt.dep_ == "cc":
        conj = next((c for c in nxt.head.children if c.dep_ == "conj" and c.i > nxt.i), None)
        if conj is not None:
            own_subj = any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in conj.children)
            f.append(f"cc-conj={conj.tag_}|{own_subj}|{nxt.head.dep_}")
            f.append(f"cc-conj-cue={nxt.head.i == cue.root.i}|{conj.tag_ == cue.root.tag_}")
    if nxt is not None and nxt.is_punct and nxt2 is not None:
        f.append("n2tag=" + nxt.text + "|" + nxt2.tag_)
    f.append("qpar=" + str(_quotes(ctx, content.start, i + 1) % 2))
    if nxt is not None and nxt.is_punct:
        after = nxt2
        f.append("punct-then=" + nxt.text + "|" + ("</s>" if after is None else after.dep_))
    if src is not None:
        f.append("src=" + ("crosses" if content.start < src.start <= i else
                           "after" if i < src.start else "before"))
    if content.start < cue.start <= i or (i >= cue.start and content.end <= cue.start):
        f.append("crosses-cue")
    if nxt is not None and nxt.head.i == cue.root.i:
        f.append("next-cue-child=" + nxt.dep_)
    if nxt is not None and (nxt.i == cue.start or nxt.i == cue.root.i):
        f.append("next-is-cue")
    kind, lemma = ctx["kind"], ctx["lemma"]
    base = list(f)
    f += [kind + "&" + x for x in base]
    f += ["L:" + lemma + "&" + x for x in base[:6]]
    return f


def _quotes(ctx, lo: int, hi: int) -> int:
    """How many quote marks the tokens lo..hi-1 hold (clipped to the window)."""
    marks, base = ctx["marks"], ctx["lo"]
    clip = lambda k: min(max(k - base, 0), len(marks) - 1)  # noqa: E731
    return max(0, marks[clip(hi)] - marks[clip(lo)])


def _quotation_from(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) inside the marks of a quotation that opens at `start` (or just before it)
    and closes after `end` in the same paragraph; None otherwise."""
    m = re.match(r"(\"|\u201c|'')", text[start:start + 2])
    if m:
        start += m.end()
    else:
        m = re.search(r"(\"|\u201c|'')$", text[max(0, start - 2):start])
        if not m:
            return None
    mark = m.group(1)
    closer = "\u201d" if mark == "\u201c" else mark
    close = text.find(closer, end)
    if close < 0 or "\n" in text[start:close] or closer in text[start:end]:
        return None  # no close in this paragraph, or the quotation closed inside the content
    if mark == "\u201c" and mark in text[start:close]:
        return None  # another quotation opens first
    q_end = close
    while q_end > start and text[q_end - 1] in ",.":
        q_end -= 1
    return (start, q_end) if q_end >= end else None


def _best(weights: dict, feats: list[list[str]]) -> int:
    scores = [sum(weights.get(x, 0.0) for x in fs) for fs in feats]
    return max(range(len(scores)), key=lambda k: scores[k])


def applies(a) -> bool:
    """Direct quotes keep the quotation's own edges; other contents are revised."""
    return True


def revise(doc, a, model: dict | None = None):
    """`a` with its content's edges placed by the model (unchanged without one)."""
    model = (load() if ACTIVE else {}) if model is None else model
    if not model or not applies(a):
        return a
    ctx = context(doc, a)
    if ctx is None:
        return a
    starts, ends = candidates(doc, ctx)
    if not starts or not ends:
        return a
    s = starts[_best(model["start"], [start_features(doc, ctx, i) for i in starts])]
    ends = [j for j in ends if j >= s]
    if not ends:
        return a
    e = ends[_best(model["end"], [end_features(doc, ctx, j) for j in ends])]
    start, end = doc[s].idx, doc[e].idx + len(doc[e].text)
    quoted = _quotation_from(text_of(doc), start, end)
    if quoted is not None:
        # 'X said: "P. Q."': a content that opens a quotation runs to its close.
        return replace(a, content_start=quoted[0], content_end=quoted[1], content=text_of(doc)[quoted[0]:quoted[1]],
                       quote="direct")
    if a.quote == "direct":
        # A direct quote's content is the words inside the marks (PolNeAR's copy adds them back).
        text = text_of(doc)
        opening = re.match(r"(?:\"|\u201c|'')", text[start:end])
        start += opening.end() if opening else 0
        closing = re.search(r"[,.]?(?:\"|\u201d|'')$", text[start:end])
        end -= len(closing.group()) if closing else 0
        if end <= start:
            return a
    if (start, end) == (a.content_start, a.content_end):
        return a
    if a.quote == "direct" and start < a.cue_end and end > a.cue_start and not (a.content_start < a.cue_end and a.content_end > a.cue_start):
        return a  # a quotation that would swallow its own cue: the app keeps two quotes apart
    text = text_of(doc)
    return replace(a, content_start=start, content_end=end, content=text[start:end])
