"""Which tokens head an attribution cue: a small linear model over the dependency parse.

The weights are learned from PolNeAR's training split by `scripts/train_attributions.py`
(an averaged perceptron over the features below) and kept in `models/cue_model.json.gz`:
feature -> weight, nothing of the texts. `cue_scores` gives each candidate token a score;
above the model's threshold it is read as the head of a cue ("said", "according",
"told", "called" in "called for", a colon introducing a quote, ...).
"""
from __future__ import annotations

import functools
import itertools
import re

from storyline import models
from storyline.analyse.mentions import NAME_LABELS
from storyline.analyse.nlp import text_of
from storyline.analyse.parse import parse_of

__all__ = ["word", "lemma", "names", "candidate", "features", "cue_scores", "cue_class", "dep_path", "extent_key", "reaches", "load", "MODEL_FILE",
           "EXTENT_CLASSES", "extent_parts", "extent_word_prep", "extent_features", "extent_class", "grow_extent",
           "gap_words", "gap_features", "load_gap", "GAP_FILE"]

MODEL_FILE = "cue_model.json"  # kept gzipped: cue_model.json.gz
GAP_FILE = "cue_gap.json"
_PUNCT_CUES = {":", "\u2015", "\u2014", "--"}
_QUOTE_MARKS = {'"', "\u201c", "\u201d", "''", "``", "'"}


_PARTS = re.compile(r"[^\w]+")


def names(doc) -> dict[int, str]:
    """token index -> what a feature reads instead of the token's word, for the words of names: the
    entity label for a token inside a named entity ("<PERSON>", "<ORG>", "<GPE>", ...), "<PROPN>"
    for any other proper noun, and "<NAME>" for a capitalised word the parse took for something
    else (a headline's "Trump" read as a verb) when the document uses that word in a name. So no
    learned weight is tied to a particular person, body or place ("pw=clinton" becomes
    "pw=<PERSON>"), and what is learned carries to the next story. Worked out once per document."""
    key = ("storyline", "cue_model.names")
    kept = doc.user_data.get(key)
    if kept is None or kept[0] != len(doc):
        out = {}
        for ent in doc.ents:
            if ent.label_ in NAME_LABELS:
                for i in range(ent.start, ent.end):
                    out[i] = "<" + ent.label_ + ">"
        parse = parse_of(doc)
        for i, pos in enumerate(parse.pos):
            if pos == "PROPN" and i not in out:
                out[i] = "<PROPN>"
        words = parse.text
        named = {words[i] for i in out if words[i][:1].isupper()}
        for i, text in enumerate(words):
            if not text[:1].isupper() or i in out:
                continue
            if text in named or not text.isalpha() and any(p in named for p in _PARTS.split(text)):
                out[i] = "<NAME>"  # also a token the tokenizer left joined to a name ('Clinton:"We')
        kept = doc.user_data[key] = (len(doc), out)
    return kept[1]


def word(tok) -> str:
    """The token's lower-case word as features read it: a name's word is masked (`names`)."""
    return names(tok.doc).get(tok.i) or tok.lower_


def lemma(tok) -> str:
    """The token's lower-case lemma as features read it: a name's lemma is masked (`names`)."""
    return names(tok.doc).get(tok.i) or tok.lemma_.lower()


def candidate(tok, lexicon: frozenset) -> bool:
    """Tokens worth scoring: verbs, plus words and marks that head cues in the training data."""
    if tok.pos_ in {"VERB", "AUX"}:
        return True
    if tok.text in _PUNCT_CUES:
        return True
    return lemma(tok) in lexicon


def cue_class(tok) -> tuple[str, str]:
    """The keys under which path counts are kept: the lemma, and the part of speech as fallback."""
    return lemma(tok), "POS:" + tok.pos_


def dep_path(a, b) -> str:
    """The dependency path from token a to token b: "^dep" steps up, "dep" steps down,
    e.g. "|nsubj" (b is a's subject), "^advcl|nsubj"; "~" when they share no root (other sentence)."""
    up = [a] + list(a.ancestors)
    where = {t.i: k for k, t in enumerate(up)}
    down = []
    for t in [b] + list(b.ancestors):
        if t.i in where:
            return "/".join("^" + x.dep_ for x in up[:where[t.i]]) + "|" + "/".join(x.dep_ for x in reversed(down))
        down.append(t)
    return "~"


def extent_key(child, side: str) -> str:
    """How a child next to a cue's head is counted for the cue's extent: side, relation, and the
    word itself for prepositions, particles, marks and adverbs ("R|prep|for", "L|aux|")."""
    child_word = word(child) if child.dep_ in {"prep", "prt", "punct", "advmod"} else ""
    return f"{side}|{child.dep_}|{child_word}"


def reaches(extent: dict, head, child, side: str) -> bool:
    """Whether a cue headed by `head` takes in its neighbour `child`."""
    if child.dep_ == "prep" and any(g.ent_type_ in {"DATE", "TIME"} for g in child.children):
        return False  # "denied on Tuesday": the date is when, not part of the cue
    key = extent_key(child, side)
    share = extent.get(lemma(head) + "|" + key)
    return (share if share is not None else extent.get(key, 0.0)) >= 0.5


EXTENT_CLASSES = ("out", "word", "phrase", "word+prep")


def extent_parts(child, side: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """The token ranges (first, last) a cue takes in from a child of its head: "word" is the child
    and the words between it and the head ("has", "in", "the case"), "phrase" its whole subtree
    ("in a statement", "the case for")."""
    lo, hi = child.left_edge.i, child.right_edge.i
    return ((lo, child.i) if side == "R" else (child.i, hi)), (lo, hi)


def extent_word_prep(child, side: str) -> tuple[int, int] | None:
    """The "word" range and the preposition right after the child, when it has one: the light verb's
    noun and its preposition ("expressed concern about", "made the case for", "continued to call for")."""
    if side != "R":
        return None
    prep = next((g for g in child.children if g.dep_ == "prep" and g.i == child.i + 1), None)
    return (child.left_edge.i, prep.i) if prep is not None else None


def extent_features(head, child, side: str) -> list[str]:
    """Features of one child next to a cue's head, for the extent model (training and prediction)."""
    doc = head.doc
    head_lemma = lemma(head)
    key = extent_key(child, side)
    (w_lo, w_hi), (p_lo, p_hi) = extent_parts(child, side)
    size = p_hi - p_lo + 1
    wsize = w_hi - w_lo + 1
    sz = "1" if size == 1 else "2" if size == 2 else "3" if size <= 4 else "5"
    p, masked = parse_of(doc), names(doc)
    phrase = range(p_lo, p_hi + 1)
    dated = any(p.ent[k] in {"DATE", "TIME"} for k in phrase)
    quoted = any(p.text[k] in _QUOTE_MARKS for k in phrase)
    clause = any(p.dep[k] in {"ccomp", "relcl", "acl", "advcl", "pcomp"} for k in phrase)
    beside = p_hi + 1 if side == "R" and p_hi + 1 < len(p) else (p_lo - 1 if side == "L" and p_lo > 0 else None)
    nxt = "<e>" if beside is None else masked.get(beside) or p.lower[beside]  # word() of that token
    kids = ",".join(sorted({p.dep[g] for g in p.children[child.i]}))
    child_word = word(child)
    return [
        "b", "k=" + key, "lk=" + head_lemma + "|" + key, "s=" + side + "|" + child.dep_,
        "w=" + side + "|" + child.dep_ + "|" + child_word, "lw=" + head_lemma + "|" + side + "|" + child_word,
        "p=" + side + "|" + child.pos_ + "|" + child.tag_, "sz=" + key + "|" + sz,
        "ws=" + key + "|" + str(min(wsize, 3)), "dt=" + key + "|" + str(dated), "qt=" + side + "|" + str(quoted),
        "cl=" + key + "|" + str(clause), "kd=" + key + "|" + kids, "hd=" + head.dep_ + "|" + key,
        "ht=" + head.tag_ + "|" + key, "hp=" + head.pos_ + "|" + side + "|" + child.dep_,
        "nx=" + side + "|" + nxt, "knx=" + key + "|" + nxt, "ent=" + side + "|" + child.dep_ + "|" + child.ent_type_,
    ]


def extent_class(by_class: dict, feats: list[str], allowed=EXTENT_CLASSES) -> str:
    """The likeliest of the allowed EXTENT_CLASSES for these features (`by_class`: class ->
    {feature: weight}, as `load` splits the weights keyed "class|feature")."""
    best, best_score = "out", None
    zero = itertools.repeat(0.0)
    for cls in allowed:
        value = sum(map(by_class.get(cls, {}).get, feats, zero))
        if best_score is None or value > best_score:
            best, best_score = cls, value
    return best


def _by_class(weights: dict) -> dict[str, dict[str, float]]:
    """{"word": {feature: weight}, ...} from {"word|feature": weight} (class names hold no "|")."""
    out: dict[str, dict[str, float]] = {}
    for key, w in weights.items():
        cls, _, feature = key.partition("|")
        out.setdefault(cls, {})[feature] = w
    return out


def grow_extent(head, decide, lo: int | None = None, hi: int | None = None) -> tuple[int, int]:
    """The cue's first and last token: from its head outwards on each side, each child next to the
    extent so far is taken in as `decide(child, side, word, phrase)` says ("out", "word", "phrase",
    "word+prep"; the ranges of extent_parts and extent_word_prep); the first "out" ends that side."""
    lo = head.i if lo is None else lo
    hi = head.i if hi is None else hi
    children = parse_of(head.doc).kids(head.i)
    for side in ("L", "R"):
        kids = sorted((c for c in children if (c.i < lo if side == "L" else c.i > hi)),
                      key=lambda c: abs(c.i - head.i))
        for c in kids:
            word, phrase = extent_parts(c, side)
            if (side == "R" and word[0] != hi + 1) or (side == "L" and word[1] != lo - 1):
                break
            cls = decide(c, side, word, phrase)
            if cls == "out":
                break
            first, last = phrase if cls == "phrase" else (extent_word_prep(c, side) or word) \
                if cls == "word+prep" else word
            lo, hi = min(lo, first), max(hi, last)
            if cls != "phrase" and (first, last) != phrase:
                break  # the rest of the child's phrase lies between it and the next child
    return lo, hi


def features(tok, in_quote: bool) -> list[str]:
    """String features of one token; the same function serves training and prediction."""
    return _features(tok.doc, tok.i, in_quote)


def _features(doc, i: int, in_quote: bool) -> list[str]:
    p = parse_of(doc)
    n = len(p)
    masked = names(doc)
    lower, lemma = p.lower, p.lemma
    tok_lemma = masked.get(i) or lemma[i]
    h = p.head[i]
    dep, tag, pos = p.dep[i], p.tag[i], p.pos[i]
    children = [(c, p.dep[c]) for c in p.children[i]]
    kids = sorted({d for _, d in children})
    prev = (masked.get(i - 1) or lower[i - 1]) if i > 0 else "<s>"
    nxt = (masked.get(i + 1) or lower[i + 1]) if i + 1 < n else "</s>"
    nxt2 = (masked.get(i + 2) or lower[i + 2]) if i + 2 < n else "</s>"
    subj = next((c for c, d in children if d in {"nsubj", "nsubjpass"}), None)
    head_lemma = masked.get(h) or lemma[h]
    quoted = str(in_quote)
    f = [
        "b",
        "l=" + tok_lemma,
        "w=" + (masked.get(i) or lower[i]),
        "p=" + pos,
        "t=" + tag,
        "d=" + dep,
        "ld=" + tok_lemma + "|" + dep,
        "lt=" + tok_lemma + "|" + tag,
        "hp=" + p.pos[h] + "|" + dep,
        "hl=" + head_lemma,
        "pw=" + prev,
        "nw=" + nxt,
        "lnw=" + tok_lemma + "|" + nxt,
        "nw2=" + nxt + "|" + nxt2,
        "q=" + quoted,
        "lq=" + tok_lemma + "|" + quoted,
        "nq=" + str(nxt in _QUOTE_MARKS or nxt2 in _QUOTE_MARKS),
        "pq=" + str(prev in _QUOTE_MARKS or (i > 1 and lower[i - 2] in _QUOTE_MARKS)),
    ]
    for k in kids:
        f.append("c=" + k)
        f.append("lc=" + tok_lemma + "|" + k)
    if subj is not None:
        kind = p.ent[subj] or p.pos[subj]
        f.append("s=" + kind)
        f.append("ls=" + tok_lemma + "|" + kind)
        f.append("sl=" + (masked.get(subj) or lemma[subj]))
    for c, d in children:
        if d in {"ccomp", "dobj", "xcomp", "prep", "prt", "advcl"}:
            c_lemma = masked.get(c) or lemma[c]
            f.append("cl=" + d + "|" + c_lemma)
            f.append("lcl=" + tok_lemma + "|" + d + "|" + c_lemma)
    f.append("lhd=" + tok_lemma + "|" + dep + "|" + head_lemma)
    f.append("lk=" + tok_lemma + "|" + ",".join(kids))
    if pos in {"VERB", "AUX"}:
        tense = doc[i].morph.get("Tense")
        f.append("m=" + tense[0] if tense else "m=")
    return f


@functools.lru_cache(maxsize=1)
def load() -> dict:
    """{"weights": {feature: weight}, "threshold": float, "lexicon": frozenset}; empty when absent."""
    data = models.read_json(MODEL_FILE)
    if data is None:
        return {"weights": {}, "threshold": float("inf"), "lexicon": frozenset(), "extent": {},
                "source_paths": {}, "content_paths": {}, "extent_weights": {}, "extent_by_class": {}}
    return {"weights": data["weights"], "threshold": data["threshold"],
            "lexicon": frozenset(data.get("lexicon", ())), "extent": data.get("extent", {}),
            "source_paths": data.get("source_paths", {}), "content_paths": data.get("content_paths", {}),
            "extent_weights": data.get("extent_weights", {}),
            "extent_by_class": _by_class(data.get("extent_weights", {}))}


def score(weights: dict, feats: list[str]) -> float:
    return sum(map(weights.get, feats, itertools.repeat(0.0)))


def cue_scores(doc, quotes: list[tuple[int, int]]) -> dict[int, float]:
    """token index -> score, for the candidate tokens of `doc` (higher: more likely a cue head)."""
    model = load()
    weights, lexicon = model["weights"], model["lexicon"]
    if not weights:
        return {}
    out = {}
    qi = 0
    p = parse_of(doc)
    masked = names(doc)
    for i, (pos, text, lemma, idx) in enumerate(zip(p.pos, p.text, p.lemma, p.idx)):
        # candidate(), on the parse's lists
        if not (pos in {"VERB", "AUX"} or text in _PUNCT_CUES or (masked.get(i) or lemma) in lexicon):
            continue
        while qi < len(quotes) and quotes[qi][1] <= idx:
            qi += 1
        inside = qi < len(quotes) and quotes[qi][0] <= idx
        out[i] = score(weights, _features(doc, i, inside))
    return out


# -- whether a cue runs on to its content ----------------------------------------------------------
# PolNeAR's cues end where the content (or a source between them) begins 9 times in 10 (train:
# 12,485 of 13,830 cues before their content): "has drawn harsh criticism from", "expressed concern
# about", "is calling for", "wanted to show". When our cue stops short of our content, a second small
# perceptron (`models/cue_gap.json`, learned by scripts/train_cue_gap.py) says whether the words left
# between them belong to the cue ("told reporters that": the person spoken to does not).

_GAP_MAX = 12


def gap_words(doc, cue_start: int, cue_end: int, content_start: int, source_start: int | None) -> list:
    """The tokens between a cue and the content after it, without the "that" or quotation mark that
    opens the content; [] when the content does not follow the cue in the same paragraph, a source
    stands between them, or more than a dozen words do."""
    if content_start < cue_end or (source_start is not None and cue_end <= source_start < content_start):
        return []
    text = text_of(doc)
    between = text[cue_end:content_start]
    if not between.strip() or "\n" in between:
        return []
    span = doc.char_span(cue_end, content_start, alignment_mode="contract")
    words = [t for t in span if not t.is_space] if span is not None else []
    while words and (words[-1].is_quote or words[-1].lower_ == "that" and words[-1].dep_ == "mark"):
        words.pop()
    return words if len(words) <= _GAP_MAX else []


def gap_features(doc, cue_start: int, cue_end: int, words: list) -> list[str]:
    """Features of the words between a cue and its content (training and prediction)."""
    cue = doc.char_span(cue_start, cue_end, alignment_mode="expand")
    root = cue.root if cue is not None and len(cue) else None
    cue_lemma = lemma(root) if root is not None else "?"
    tags = [t.tag_ for t in words]
    first, last = word(words[0]), word(words[-1])
    f = ["b", "n=" + str(min(len(words), 8)), "first=" + tags[0], "last=" + tags[-1], "lf=" + cue_lemma + "|" + tags[0],
         "l=" + cue_lemma, "fw=" + first, "lw=" + last, "seq=" + "_".join(tags[:4]),
         "lfw=" + cue_lemma + "|" + first]
    f += ["t=" + t for t in sorted(set(tags))]
    f += ["d=" + t.dep_ + "|" + str(root is not None and t.head.i == root.i) for t in words]
    f += ["ent=" + t.ent_type_ for t in words if t.ent_type_]
    return f


@functools.lru_cache(maxsize=1)
def load_gap() -> dict[str, float]:
    """{feature: weight} of the gap model; empty when the file is absent (cues then stay as found)."""
    data = models.read_json(GAP_FILE)
    return data.get("weights", {}) if data else {}
