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
import itertools
import re
from dataclasses import replace

from storyline import models
from storyline.analyse.cue_model import lemma as masked_lemma
from storyline.analyse.cue_model import names
from storyline.analyse.nlp import text_of
from storyline.analyse.parse import parse_of

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
    data = models.read_json(MODEL_FILE)
    if data is None:
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
    tokens = _tokens(doc)
    marks, seen = [], 0  # quote marks before each token of the window, for the parity features
    for word in tokens.text[w_lo:w_hi + 1]:
        marks.append(seen)
        seen += word in _QUOTE_TOKENS
    marks.append(seen)
    return {"cue": _Edges(cue), "content": _Edges(content), "source": _Edges(src) if src is not None else None,
            "lo": w_lo, "hi": w_hi, "side": side, "marks": marks,
            "kind": f"{a.quote}|{a.kind}|{side}", "lemma": masked_lemma(cue.root),
            "tokens": tokens, "closes": {}}


class _Edges:
    """A span's first token, end and root's index, looked up once (Span.root walks the span each time)."""
    __slots__ = ("start", "end", "root")

    def __init__(self, span):
        self.start, self.end, self.root = span.start, span.end, span.root.i


def candidates(doc, ctx) -> tuple[list[int], list[int]]:
    """Token indices that may begin and end the content."""
    T = ctx["tokens"]
    starts, ends = [], []
    for i in range(ctx["lo"], ctx["hi"] + 1):
        if T.space[i]:
            continue
        word = T.text[i]
        if not (T.punct[i] and word not in _OPENERS) and not (T.lower[i] == "that" and T.dep[i] == "mark"):
            starts.append(i)
        if word not in _TRAILING or word == "." and i + 1 < T.n and T.text[i + 1] in _QUOTE_TOKENS:
            ends.append(i)
    return starts, ends


def _bucket(n: int) -> str:
    if n <= 0:
        return str(max(n, -3)) if n > -4 else ("-<8" if n > -8 else "-far")
    return str(n) if n < 4 else ("<8" if n < 8 else "far")


class _Tokens:
    """What the features read of every token, as plain lists built once per document (parse.py):
    reading spaCy tokens makes a Python object per access, and a content has some thirty candidates.
    `word`, `f_dep`, `f_pos` and `f_tag` are feature strings of each token, made once for both edges."""
    __slots__ = ("dep", "pos", "tag", "lower", "masked", "text", "punct", "stop", "space", "sent_start", "head",
                 "left", "right", "children", "n", "word", "f_dep", "f_pos", "f_tag")

    def __init__(self, doc):
        p = parse_of(doc)
        self.dep, self.pos, self.tag, self.lower, self.text = p.dep, p.pos, p.tag, p.lower, p.text
        self.punct, self.stop, self.space, self.sent_start = p.punct, p.stop, p.space, p.sent_start
        self.head, self.children, self.n = p.head, p.children, len(p)
        self.left, self.right = p.edges
        masked = names(doc)  # the words of names are not read (cue_model.names)
        self.masked = [masked.get(i) or w for i, w in enumerate(p.lower)]
        self.word = [w if u or s else "POS:" + x for w, u, s, x in zip(self.masked, p.punct, p.stop, p.pos)]
        self.f_dep = ["dep=" + x for x in p.dep]
        self.f_pos = ["pos=" + x for x in p.pos]
        self.f_tag = ["tag=" + x for x in p.tag]


def _tokens(doc) -> _Tokens:
    key = ("storyline", "content_model.tokens")
    table = doc.user_data.get(key)
    if table is None or table.n != len(doc):
        table = doc.user_data[key] = _Tokens(doc)
    return table


def _closes(ctx, i: int, side: str) -> str:
    """The dependency label of the largest subtree (within the window) that token i opens
    (side "L") or closes (side "R"), and the label of its head."""
    kept = ctx["closes"].get((i, side))
    if kept is not None:
        return kept
    T, lo, hi = ctx["tokens"], ctx["lo"], ctx["hi"]
    head, left, right = T.head, T.left, T.right
    best = x = i
    while head[x] != x:
        a = head[x]
        if (left[a] if side == "L" else right[a]) != i or left[a] < lo or right[a] > hi:
            break
        best = x = a
    out = f"{T.dep[best]}^{T.dep[head[best]]}" if best != i else f"self:{T.dep[i]}"
    ctx["closes"][(i, side)] = out
    return out


def _under(head: list[int], i: int, ancestor: int) -> bool:
    """Whether `ancestor` is an ancestor of token i (not i itself)."""
    x = i
    while head[x] != x:
        x = head[x]
        if x == ancestor:
            return True
    return False


def start_features(doc, ctx, i: int) -> list[str]:
    """The features of token i as the content's first token (what training sees)."""
    return _conjoined(ctx, _start_base(ctx, i))


def end_features(doc, ctx, i: int) -> list[str]:
    """The features of token i as the content's last token (what training sees)."""
    return _conjoined(ctx, _end_base(ctx, i))


def _conjoined(ctx, base: list[str]) -> list[str]:
    """The base features, each again with the attribution's kind, and the first six with the cue's lemma."""
    kind, lemma = ctx["kind"], ctx["lemma"]
    return base + [kind + "&" + x for x in base] + ["L:" + lemma + "&" + x for x in base[:6]]


def _word(T, k: int) -> str:
    return T.word[k]


# "d=" features and the buckets they name, for the distances _bucket tells apart.
_BUCKETS = {d: _bucket(d) for d in range(-8, 9)}
_D_FEATURES = {d: "d=" + b for d, b in _BUCKETS.items()}
_REL = ("rel=pre-cue", "rel=in-cue", "rel=post-cue")


def _first_six(ctx, i: int, d: int) -> list[str]:
    """What every edge feature list opens with, and what `_conjoined` pairs with the cue's lemma:
    a bias, the distance `d` from the rules' edge, the side of the cue, and token i's dependency
    label and parts of speech."""
    T, cue = ctx["tokens"], ctx["cue"]
    rel = _REL[1] if cue.start <= i < cue.end else (_REL[0] if i < cue.start else _REL[2])
    return ["b", _D_FEATURES[max(-8, min(d, 8))], rel, T.f_dep[i], T.f_pos[i], T.f_tag[i]]


def _start_base(ctx, i: int) -> list[str]:
    T = ctx["tokens"]
    dep, lower, head = T.dep, T.lower, T.head
    prev = i - 1 if i > 0 else None
    prev2 = i - 2 if i > 1 else None
    cue, content, src = ctx["cue"], ctx["content"], ctx["source"]
    d = i - content.start
    pw = "<s>" if prev is None else _word(T, prev)
    f = _first_six(ctx, i, d) + [
        "pw=" + pw,
        "pdep=" + (dep[prev] if prev is not None else "<s>"),
        "open=" + _closes(ctx, i, "L"),
        "sent0=" + str(T.sent_start[i]),
        "pw+dep=" + (T.masked[prev] if prev is not None else "<s>") + "|" + dep[i],
        "pp=" + (lower[prev2] if prev2 is not None and T.punct[prev2] else "-") + "|" +
        (lower[prev] if prev is not None and T.punct[prev] else "-"),
    ]
    if T.stop[i]:
        f.append("w=" + T.masked[i])
    if prev is not None:
        f.append("pclose=" + _closes(ctx, prev, "R"))
        if T.text[prev] in _QUOTE_TOKENS:
            f.append("after-quote")
    if head[i] == content.root:
        f.append("root-child=" + dep[i])
    f.append("qpar=" + str(_quotes(ctx, i, content.end) % 2))
    f.append("d+pw=" + _BUCKETS[max(-8, min(d, 8))] + "|" + pw)
    if src is not None:
        f.append("src=" + ("crosses" if i <= src.start < content.end else
                           "after" if i >= src.end else "before"))
    if i < cue.start < content.end or (i <= cue.start and content.start >= cue.end):
        f.append("crosses-cue")
    if head[i] == cue.root:
        f.append("cue-child=" + dep[i])
    if _under(head, i, cue.root):
        f.append("under-cue")
    if head[i] == content.root or i == content.root:
        f.append("at-head")
    return f


def _end_base(ctx, i: int) -> list[str]:
    T = ctx["tokens"]
    dep, head, n = T.dep, T.head, T.n
    nxt = i + 1 if i + 1 < n else None
    if nxt is not None and T.space[nxt] and i + 2 < n:
        nxt = i + 2
    nxt2 = nxt + 1 if nxt is not None and nxt + 1 < n else None
    cue, content, src = ctx["cue"], ctx["content"], ctx["source"]
    d = i - (content.end - 1)
    nw = "</s>" if nxt is None else _word(T, nxt)
    f = _first_six(ctx, i, d) + [
        "nw=" + nw,
        "ndep=" + (dep[nxt] if nxt is not None else "</s>"),
        "close=" + _closes(ctx, i, "R"),
        "send=" + str(nxt is None or T.sent_start[nxt]),
        "nw+n2=" + nw + "|" + ("</s>" if nxt2 is None else _word(T, nxt2)),
        "ndep+dep=" + (dep[nxt] if nxt is not None else "</s>") + "|" + dep[i],
    ]
    if nxt is not None:
        f.append("nopen=" + _closes(ctx, nxt, "L"))
        if T.text[nxt] in _QUOTE_TOKENS:
            f.append("before-quote")
        if head[nxt] == content.root:
            f.append("next-root-child=" + dep[nxt])
        if T.punct[nxt] and nxt2 is not None and not T.punct[nxt2]:
            f.append("n2open=" + _closes(ctx, nxt2, "L"))
    if i == T.right[content.root]:
        f.append("root-edge")
    f.append("d+nw=" + _BUCKETS[max(-8, min(d, 8))] + "|" + nw)
    if nxt is not None and dep[nxt] == "cc":
        h = head[nxt]
        conj = next((c for c in T.children[h] if dep[c] == "conj" and c > nxt), None)
        if conj is not None:
            own_subj = any(dep[c] in {"nsubj", "nsubjpass", "expl"} for c in T.children[conj])
            f.append(f"cc-conj={T.tag[conj]}|{own_subj}|{dep[h]}")
            f.append(f"cc-conj-cue={h == cue.root}|{T.tag[conj] == T.tag[cue.root]}")
    if nxt is not None and T.punct[nxt] and nxt2 is not None:
        f.append("n2tag=" + T.text[nxt] + "|" + T.tag[nxt2])
    f.append("qpar=" + str(_quotes(ctx, content.start, i + 1) % 2))
    if nxt is not None and T.punct[nxt]:
        f.append("punct-then=" + T.text[nxt] + "|" + ("</s>" if nxt2 is None else dep[nxt2]))
    if src is not None:
        f.append("src=" + ("crosses" if content.start < src.start <= i else
                           "after" if i < src.start else "before"))
    if content.start < cue.start <= i or (i >= cue.start and content.end <= cue.start):
        f.append("crosses-cue")
    if nxt is not None and head[nxt] == cue.root:
        f.append("next-cue-child=" + dep[nxt])
    if nxt is not None and (nxt == cue.start or nxt == cue.root):
        f.append("next-is-cue")
    return f


def _quotes(ctx, lo: int, hi: int) -> int:
    """How many quote marks the tokens lo..hi-1 hold (clipped to the window)."""
    marks, base = ctx["marks"], ctx["lo"]
    top = len(marks) - 1
    return max(0, marks[min(max(hi - base, 0), top)] - marks[min(max(lo - base, 0), top)])


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


def _best(weights: dict, ctx, bases: list[list[str]]) -> int:
    """The candidate whose features (as `_conjoined` makes them) score highest. A base feature's
    weight and its kind conjunction's are looked up as one (the weights folded by kind), and the cue
    lemma's six in that lemma's own table, so no conjunction's string is built."""
    zero = itertools.repeat(0.0)
    folded = _folded(weights).get(ctx["kind"])
    get, by_lemma = (folded or weights).get, _of_lemma(weights, ctx["lemma"]).get
    scores = [sum(map(get, base, zero)) + sum(map(by_lemma, base[:6], zero)) for base in bases]
    return max(range(len(scores)), key=scores.__getitem__)


_BY_LEMMA: dict[int, tuple[dict, dict]] = {}  # id(weights) -> (weights, by lemma), built once per model
_NONE: dict[str, float] = {}


def _of_lemma(weights: dict, lemma: str) -> dict[str, float]:
    """{feature: the weight of "L:lemma&feature"}, so that the cue lemma's conjunctions are looked
    up without building their strings. A name is filed under every split at an "&" (a lemma such
    as "at&t" holds one), so each lemma's table holds exactly the names that start "L:lemma&"."""
    kept = _BY_LEMMA.get(id(weights))
    if kept is None or kept[0] is not weights:
        by_lemma: dict[str, dict[str, float]] = {}
        for name, w in weights.items():
            if not name.startswith("L:"):
                continue
            amp = name.find("&", 2)
            while amp >= 0:
                by_lemma.setdefault(name[2:amp], {})[name[amp + 1:]] = w
                amp = name.find("&", amp + 1)
        kept = _BY_LEMMA[id(weights)] = (weights, by_lemma)
    return kept[1].get(lemma, _NONE)


_FOLDED: dict[int, tuple[dict, dict]] = {}  # id(weights) -> (weights, folded), built once per model


def _folded(weights: dict) -> dict[str, dict[str, float]]:
    """{kind: {base feature: its weight + the weight of "kind&feature"}}. A kind ("direct|speech|
    after") holds no "&" and no "=", which tells "kind&feature" from a base feature such as "pw=&";
    some five thousand base weights for a dozen kinds."""
    kept = _FOLDED.get(id(weights))
    if kept is not None and kept[0] is weights:
        return kept[1]
    base, by_kind = {}, {}
    for name, w in weights.items():
        kind, amp, feature = name.partition("&")
        if name.startswith("L:"):
            continue
        if amp and "=" not in kind:
            by_kind.setdefault(kind, {})[feature] = w
        else:
            base[name] = w
    out = {}
    for kind, extra in by_kind.items():
        folded = out[kind] = dict(base)
        for feature, w in extra.items():
            folded[feature] = folded.get(feature, 0.0) + w
    _FOLDED[id(weights)] = (weights, out)
    return out


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
    s = starts[_best(model["start"], ctx, [_start_base(ctx, i) for i in starts])]
    ends = [j for j in ends if j >= s]
    if not ends:
        return a
    e = ends[_best(model["end"], ctx, [_end_base(ctx, j) for j in ends])]
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
