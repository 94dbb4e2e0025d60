"""Stance of an article body toward a headline or claim: agree, disagree, discuss or unrelated.

    label, probabilities = stance("Kim Jong-un has died", body_text)

Decided in two stages, as FNC-1 systems that do well on the rare classes do:
  1. related or unrelated, from how much of the headline the body covers: TF-IDF cosine with
     the whole body, its lead and its closest sentences, shared words, word pairs and character
     4-grams;
  2. for a related body, agree, disagree or discuss, from those figures plus cue words
     (refuting: "hoax", "denied", "false"; hedging: "reportedly", "allegedly", "claims"; ...)
     counted where the body talks about the headline (its sentences closest to it), and bags
     of words of the headline and of the body.
Each stage is a small multilayer perceptron evaluated with numpy. The weights, the vocabulary
and its IDF live in `models/stance.npz`, built from FNC-1's training files by
`scripts/train_stance.py` (no article text is kept). The returned probabilities are
P(unrelated) = 1 - P(related) and P(label) = P(related) * P(label | related); the label is the
two-stage decision (related when P(related) >= 0.5, then the likeliest related label).
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

import numpy as np

__all__ = ["LABELS", "stance", "stances", "StanceModel", "load_model"]

LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED_LABELS = LABELS[:3]
MODEL_FILE = "stance.npz"
TOP_SENTENCES = 3
LEAD_SENTENCES = 2
MAX_SENTENCES = 80

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SENTENCE = re.compile(r"(?<=[.!?\"\u201d])\s+(?=[\"\u201cA-Z0-9])|\n+")

# Negations are kept out of the stop words: they carry stance.
STOP_WORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself of off on once only or other our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours yourself
yourselves s t also said says say one two new like get got just us after year years
""".split())

# Cue words, written as words and matched on their stems (see `_stem`).
_CUE_WORDS = {
    "refute": """fake fakes faked fraud hoax hoaxes false falsely deny denies denied denial debunk debunked
        bogus prank pranks retract retracted retraction satire satirical untrue lie lies lied myth
        misleading fabricated fabrication dismiss dismissed reject rejected refute refuted rebut disprove
        disproved nonsense baseless wrong incorrect fictitious spoof parody joke scam doctored
        photoshopped rumor rumors rumour rumours""",
    "hedge": """reportedly reported report reports allegedly alleged claim claims claimed according apparently
        purportedly supposedly unconfirmed unverified may might could possibly perhaps suggest suggests
        suspected believed speculation speculate unclear seems seemingly if whether uncertain question""",
    "support": """confirm confirms confirmed official officially announce announced reveal revealed show shows
        showed prove proves proved proof evidence verified true indeed actually footage video photo
        pictures witness witnesses""",
    "negate": """not no never n't nor none nobody nothing neither without cannot isn't wasn't didn't doesn't
        don't aren't weren't won't""",
}
CUE_NAMES = tuple(_CUE_WORDS)


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    """A light suffix stripper: plurals, -ing, -ed, -ly, -y/-ies; enough to match word forms.
    Kept per word: the judge prepares every article's words for the stance model on each run."""
    if word.endswith("n't") or len(word) <= 3:
        return word
    if word.endswith("'s"):
        word = word[:-2]
    for suffix, repl, keep in (("ies", "i", 3), ("sses", "ss", 2), ("ing", "", 3), ("edly", "", 3), ("ed", "", 3),
                               ("ly", "", 4), ("es", "", 4), ("s", "", 3), ("y", "i", 3), ("e", "", 3)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep and not word.endswith(("ss", "us", "is")):
            word = word[: len(word) - len(suffix)] + repl
            if suffix in {"ing", "ed"} and len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    return word


CUES = {name: frozenset(_stem(w) for w in words.split()) for name, words in _CUE_WORDS.items()}


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


@dataclass
class _Text:
    """A headline or body prepared once: stems, content stems, sentences and their TF-IDF."""
    stems: list[str]
    content: list[str]
    vector: dict[str, float]
    sentences: list[list[str]]           # stems of each sentence (all words)
    sentence_vectors: list[dict[str, float]]
    chars: frozenset[str]
    question: bool
    alone: dict = field(default_factory=dict, repr=False)  # StanceModel._alone's figures


def _sentences(text: str) -> list[str]:
    parts = [s.strip() for s in _SENTENCE.split(text)]
    return [s for s in parts if _WORD.search(s.lower())][:MAX_SENTENCES] or [text]


def _char_grams(text: str, n: int = 4) -> frozenset[str]:
    t = " ".join(_words(text))
    return frozenset(t[i:i + n] for i in range(max(len(t) - n + 1, 0)))


class StanceModel:
    """The vocabulary with IDF, the bag vocabulary, feature scaling and both stages' weights."""

    def __init__(self, arrays: dict[str, np.ndarray]):
        self.meta = json.loads(str(arrays["meta"]))
        vocab = [str(v) for v in arrays["vocab"]]
        self.idf = dict(zip(vocab, arrays["idf"].astype(float).tolist()))
        self.default_idf = float(self.meta["default_idf"])
        self.bag = {str(v): i for i, v in enumerate(arrays["bag_vocab"])}
        # Without weights (while training) the model still prepares texts and computes features.
        self.stage1 = _weights(arrays, "s1")
        self.stage2 = _weights(arrays, "s2")
        # The FNC-1 Body IDs it learned from (`storyline eval fnc1 --unseen` scores the others' topics).
        self.fit_bodies = {str(b) for b in arrays["fit_bodies"]} if "fit_bodies" in arrays else None

    # -- text preparation ------------------------------------------------------------------
    def vectorise(self, stems: Iterable[str]) -> dict[str, float]:
        """Sublinear TF-IDF, L2-normalised, over content stems (unknown stems count as rare)."""
        counts = Counter(s for s in stems if s not in STOP_WORDS)
        vec = {t: (1.0 + math.log(c)) * self.idf.get(t, self.default_idf) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {t: v / norm for t, v in vec.items()}

    def prepare(self, text: str, split: bool = True) -> _Text:
        sents = _sentences(text) if split else [text]
        stemmed = [[_stem(w) for w in _words(s)] for s in sents]
        stems = [t for s in stemmed for t in s]
        return _Text(stems, [t for t in stems if t not in STOP_WORDS], self.vectorise(stems), stemmed,
                     [self.vectorise(s) for s in stemmed], _char_grams(text), "?" in text)

    # -- features --------------------------------------------------------------------------
    def _alone(self, t: _Text) -> dict:
        """Figures of one text by itself, computed once and kept on it: one body meets many
        headlines (every claim cluster of a story is set against the same articles)."""
        if not t.alone:
            lead = [x for s in t.sentences[:LEAD_SENTENCES] for x in s]
            content = set(t.content)
            t.alone.update(
                lead_vector=self.vectorise(lead), content=content, lead=set(lead),
                bigrams=set(zip(t.content, t.content[1:])),
                idf=sum(self.idf.get(x, self.default_idf) for x in content),
                # per cue list: count in the whole text, in its lead, in each sentence
                cues={name: (sum(x in cue for x in t.stems), sum(x in cue for x in lead),
                             [sum(x in cue for x in s) for s in t.sentences]) for name, cue in CUES.items()})
        return t.alone

    def dense(self, h: _Text, b: _Text) -> list[float]:
        """Relatedness and cue figures of one headline-body pair."""
        hv = h.vector
        cos = lambda v: sum(w * v.get(t, 0.0) for t, w in hv.items())  # noqa: E731
        ha, ba = self._alone(h), self._alone(b)
        sims = [cos(v) for v in b.sentence_vectors]
        order = sorted(range(len(sims)), key=lambda i: -sims[i])[:TOP_SENTENCES]
        hset, bset, lset = ha["content"], ba["content"], ba["lead"]
        idf = lambda t: self.idf.get(t, self.default_idf)  # noqa: E731
        h_idf = ha["idf"] or 1.0
        hbi, bbi = ha["bigrams"], ba["bigrams"]
        n_h = max(len(hset), 1)
        top_mean = sum(sims[i] for i in order) / max(len(order), 1)
        shared = hset & bset
        out = [cos(b.vector), cos(ba["lead_vector"]), max(sims, default=0.0), top_mean,
               len(shared) / n_h, len(hset & lset) / n_h, sum(idf(t) for t in shared) / h_idf,
               len(hbi & bbi) / max(len(hbi), 1), len(h.chars & b.chars) / max(len(h.chars), 1),
               math.log1p(len(h.stems)), math.log1p(len(b.stems)), math.log1p(len(shared)),
               float(h.question)]
        weight = sum(sims) or 1.0
        for name in CUE_NAMES:
            in_h = ha["cues"][name][0]
            in_b, in_lead, per_sentence = ba["cues"][name]
            out += [float(in_h > 0), in_h % 2, math.log1p(in_b), 100.0 * in_b / max(len(b.stems), 1), in_b % 2,
                    math.log1p(sum(per_sentence[i] for i in order)), math.log1p(in_lead),
                    sum(s * per_sentence[i] for i, s in enumerate(sims)) / weight]
        return out

    def bags(self, h: _Text, b: _Text) -> np.ndarray:
        """Log term counts over the bag vocabulary, L2-normalised: the headline's, then the body's."""
        k = len(self.bag)
        out = np.zeros(2 * k, dtype=np.float32)
        for j, stems in enumerate((h.stems, b.stems)):
            counts = Counter(self.bag[t] for t in stems if t in self.bag)
            if counts:
                idx = np.fromiter(counts, dtype=np.int64)
                val = np.log1p(np.fromiter(counts.values(), dtype=np.float32))
                out[j * k + idx] = val / np.linalg.norm(val)
        return out

    # -- prediction ------------------------------------------------------------------------
    def predict(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        """Probabilities (n, 4) in LABELS order; each distinct text is prepared once."""
        heads: dict[str, _Text] = {}
        bodies: dict[str, _Text] = {}
        for hl, body in pairs:
            if hl not in heads:
                heads[hl] = self.prepare(hl, split=False)
            if body not in bodies:
                bodies[body] = self.prepare(body)
        dense = np.array([self.dense(heads[hl], bodies[b]) for hl, b in pairs], dtype=np.float32)
        dense = dense.reshape(len(pairs), -1)
        p_related = _mlp(dense, self.stage1)[:, 1]
        out = np.zeros((len(pairs), 4), dtype=np.float64)
        for start in range(0, len(pairs), 512):
            chunk = pairs[start:start + 512]
            bags = np.stack([self.bags(heads[hl], bodies[b]) for hl, b in chunk]) if chunk else None
            cond = _mlp(np.hstack([dense[start:start + 512], bags]), self.stage2)
            out[start:start + len(chunk), :3] = p_related[start:start + len(chunk), None] * cond
        out[:, 3] = 1.0 - p_related
        return out

    def decide(self, probs: np.ndarray) -> list[str]:
        related = probs[:, 3] <= 0.5
        best = probs[:, :3].argmax(axis=1)
        return [LABELS[b] if r else "unrelated" for r, b in zip(related, best)]


def _weights(arrays: dict[str, np.ndarray], stage: str) -> list[np.ndarray] | None:
    keys = [f"{stage}_{k}" for k in ("mean", "std", "w1", "b1", "w2", "b2")]
    return [arrays[k].astype(np.float32) for k in keys] if all(k in arrays for k in keys) else None


def _mlp(x: np.ndarray, params: list[np.ndarray]) -> np.ndarray:
    """Softmax of a one-hidden-layer ReLU network over standardised inputs."""
    mean, std, w1, b1, w2, b2 = params
    z = x.astype(np.float32).copy()
    z[:, : len(mean)] = (z[:, : len(mean)] - mean) / std
    h = np.maximum(z @ w1 + b1, 0.0)
    logits = h @ w2 + b2
    logits -= logits.max(axis=1, keepdims=True)
    e = np.exp(logits)
    return e / e.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def load_model() -> StanceModel:
    """The bundled model (models/stance.npz); rebuilt by scripts/train_stance.py."""
    from storyline import models
    with np.load(models.path(MODEL_FILE), allow_pickle=False) as arrays:  # checked against SHA256SUMS
        return StanceModel({k: arrays[k] for k in arrays.files})


def stances(pairs: Iterable[tuple[str, str]], model: StanceModel | None = None) -> list[tuple[str, dict[str, float]]]:
    """The stance of each (headline, body) pair: its label and the four class probabilities."""
    pairs = list(pairs)
    if not pairs:
        return []
    model = model or load_model()
    probs = model.predict(pairs)
    return [(label, {c: float(p) for c, p in zip(LABELS, row)}) for label, row in zip(model.decide(probs), probs)]


def stance(headline: str, body: str) -> tuple[str, dict[str, float]]:
    """The stance of a body toward a headline or claim: a label of LABELS and the probabilities."""
    return stances([(headline, body)])[0]
