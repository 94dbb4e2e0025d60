"""Articles that dispute each other's account of one story.

Much of what a reader calls a contradiction between outlets is not one sentence against another:
one article tells a story as fact ("North Dakota has named a landfill after Obama") and another
calls it a spoof, says experts doubt it, or reports the denial that answers it. This stage finds
such pairs of articles and points at the evidence on each side.

  1. Articles on one story meet through the rare words they share: tf-idf cosine of their content
     stems, compared only through an inverted index of words that few articles use, so the cost
     stays near-linear in the number of articles (`candidate_pairs`).
  2. Each article gets figures of how it tells its story (`signals`): its own verdicts ("it's a
     hoax": analyse/own_voice.py), its share of denials among its claims, the density of refuting,
     doubting, hedging and confirming words, whether its lead is negative.
  3. A logistic model over the pair's similarity and the differences of those figures (one article
     doubts, the other does not) gives the probability that the two dispute the story. It is
     learned from FNC-1 (scripts/train_disputes.py: articles whose stances toward one headline
     differ, one disagreeing, against pairs that agree), on bodies outside the development stories.
  4. The evidence: on the doubting side its verdict or denial closest to the other article's words,
     on the other side the claim closest to that (its lead when nothing is closer).

The figures are generic (no word of any one story is a feature), so the model carries to stories
it never read.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

__all__ = ["Profile", "Dispute", "profiles", "candidate_pairs", "pair_features", "disputes", "FEATURES",
           "load_model", "Model"]

_WORD = re.compile(r"[a-z][a-z'-]+")
# Cue words by what they do to a story, matched on lower-cased words; written by hand from how
# English-language news doubts, refutes or confirms a report (not read off any evaluation split).
_CUES = {
    "refute": set("""hoax hoaxes fake faked fakes spoof spoofs satire satirical parody fabricated fabrication
        fictional fictitious untrue false falsely debunk debunked debunks bogus myth prank doctored photoshopped
        baseless unfounded retract retracted retraction deny denies denied denial denying refute refuted reject
        rejected rejects dismiss dismissed nonsense lie lies lied incorrect wrong""".split()),
    "doubt": set("""doubt doubts doubted doubtful skeptical sceptical skeptics questioned questionable unverified
        unconfirmed unclear uncertain dubious suspicious rumor rumors rumour rumours purported purportedly
        supposed supposedly alleged allegedly apparently claimed claims claim viral""".split()),
    "hedge": set("""reportedly reported reports according may might could possibly perhaps appears appear
        seems seem suggest suggests believed""".split()),
    "confirm": set("""confirmed confirms confirm official officially announced revealed proved proof verified
        evidence true indeed actually""".split()),
    "negate": set("""not no never n't nor none nobody nothing neither without cannot""".split()),
}
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|n't")
_STOP = frozenset("""a an the of to in on at for by with from and or but that this these those it its is are was
were be been being has have had do does did he she they we i you his her their our my your him them us me as into
about over than then so if would will could should may might can said says say told also just only very more most
who what which when where why how all any some such there here not no one two new after before up out""".split())


@dataclass
class Profile:
    """What the dispute judge reads of one article."""
    doc: str
    stems: Counter
    lead: dict | None
    claims: list[dict]
    signals: np.ndarray


@dataclass(frozen=True)
class Dispute:
    docs: tuple[str, str]  # (the article telling the story, the article disputing it)
    claims: tuple[int, int]  # their evidence claims, in the same order
    probability: float
    similarity: float


SIGNALS = ("verdicts", "negative_share", "denials", "refute", "doubt", "hedge", "confirm", "negate",
           "lead_negative", "lead_verdict")
FEATURES = ("similarity", "lead_similarity") + tuple(f"diff_{s}" for s in SIGNALS) + \
    tuple(f"sum_{s}" for s in SIGNALS) + ("cross",)


def _stems(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower().replace("\u2019", "'")) if w not in _STOP and len(w) > 2]


def _stem(w: str) -> str:
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[: -len(suffix)]
    return w


def signals(text: str, claims: list[dict]) -> np.ndarray:
    """The figures of SIGNALS for one article: counts of its own verdicts and denials, the share of
    its claims that are negative, cue words per hundred words, and its lead's polarity."""
    words = _TOKEN.findall(text.lower().replace("\u2019", "'"))
    n = max(len(words), 1)
    counts = {k: sum(w in cue for w in words) for k, cue in _CUES.items()}
    own = [c for c in claims if c.get("quote") == "none"]
    verdicts = [c for c in own if c.get("predicate") == "debunk"]
    lead = next((c for c in own if c.get("predicate") != "debunk"), None)
    reported = [c for c in claims if c.get("quote") != "none"]
    denials = [c for c in reported if c["polarity"] == "negative"]
    return np.array([
        math.log1p(len(verdicts)),
        len([c for c in claims if c["polarity"] == "negative"]) / max(len(claims), 1),
        math.log1p(len(denials)),
        100.0 * counts["refute"] / n, 100.0 * counts["doubt"] / n, 100.0 * counts["hedge"] / n,
        100.0 * counts["confirm"] / n, 100.0 * counts["negate"] / n,
        float(lead is not None and lead["polarity"] == "negative"),
        float(bool(verdicts) and min(c["start"] for c in verdicts) < (lead["end"] + 400 if lead else 400)),
    ], dtype=np.float64)


def profiles(texts: dict[str, str], claims: list[dict]) -> dict[str, Profile]:
    """One Profile per article: `texts` doc id -> text; `claims` as Story.claims() gives them."""
    by_doc: dict[str, list[dict]] = {d: [] for d in texts}
    for c in claims:
        by_doc.setdefault(c["doc"], []).append(c)
    out = {}
    for doc, text in texts.items():
        own = sorted((c for c in by_doc[doc] if c.get("quote") == "none" and c.get("predicate") != "debunk"),
                     key=lambda c: c["start"])
        out[doc] = Profile(doc, Counter(_stems(text)), own[0] if own else None, by_doc[doc],
                           signals(text, by_doc[doc]))
    return out


def _idf(profs: dict[str, Profile]) -> dict[str, float]:
    df: Counter = Counter()
    for p in profs.values():
        df.update(p.stems.keys())
    n = len(profs)
    return {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}


def _vector(stems: Counter, idf: dict[str, float]) -> dict[str, float]:
    vec = {w: (1 + math.log(c)) * idf.get(w, 1.0) for w, c in stems.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {w: v / norm for w, v in vec.items()}


def _cos(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


RARE = 0.05  # a word in more than this share of the articles (and more than MIN_COMMON) does not block
MIN_COMMON = 30
MIN_SIMILARITY = 0.15
BLOCKING_WORDS = 25


def candidate_pairs(profs: dict[str, Profile], idf: dict[str, float] | None = None,
                    vectors: dict[str, dict] | None = None) -> list[tuple[str, str, float]]:
    """Pairs of articles that share rare words, with their tf-idf cosine (at least MIN_SIMILARITY)."""
    idf = idf or _idf(profs)
    vectors = vectors or {d: _vector(p.stems, idf) for d, p in profs.items()}
    limit = max(MIN_COMMON, RARE * len(profs))
    index: dict[str, list[str]] = {}
    for d, p in profs.items():
        for w in p.stems:
            index.setdefault(w, []).append(d)
    seen: set[tuple[str, str]] = set()
    out = []
    for d in profs:
        # the article's rarest words that some other article shares decide whom it is compared with
        rare = sorted((w for w in profs[d].stems if 2 <= len(index[w]) <= limit),
                      key=lambda w: (len(index[w]), w))[:BLOCKING_WORDS]
        for w in rare:
            for other in index[w]:
                pair = (d, other) if d < other else (other, d)
                if other == d or pair in seen:
                    continue
                seen.add(pair)
                sim = _cos(vectors[pair[0]], vectors[pair[1]])
                if sim >= MIN_SIMILARITY:
                    out.append((pair[0], pair[1], sim))
    return out


def pair_features(a: Profile, b: Profile, similarity: float, idf: dict[str, float]) -> np.ndarray:
    lead_sim = 0.0
    if a.lead and b.lead:
        lead_sim = _cos(_vector(Counter(_stems(a.lead["text"])), idf), _vector(Counter(_stems(b.lead["text"])), idf))
    cross = max(_best(a, b, idf)[2], _best(b, a, idf)[2])
    return np.concatenate([[similarity, lead_sim], np.abs(a.signals - b.signals), a.signals + b.signals, [cross]])


def _best(teller: Profile, doubter: Profile, idf: dict[str, float]) -> tuple[dict | None, dict | None, float]:
    """The doubter's verdict or denial closest in words to one of the teller's positive claims, and
    that claim; their cosine (0 when the doubter has none)."""
    against = [c for c in doubter.claims if c["polarity"] == "negative"]
    told = [c for c in teller.claims if c["polarity"] == "positive"] or ([teller.lead] if teller.lead else [])
    if not against or not told:
        return None, None, 0.0
    doubt_vectors = [(c, _vector(Counter(_stems(c["text"])), idf)) for c in against]
    best = (None, None, -1.0)
    for t in told:
        tv = _vector(Counter(_stems(t["text"])), idf)
        for c, cv in doubt_vectors:
            s = _cos(tv, cv)
            if s > best[2]:
                best = (t, c, s)
    return best


class Model:
    """Logistic weights over FEATURES, with their scaling, and the decision threshold."""

    def __init__(self, data: dict):
        self.mean = np.array(data["mean"])
        self.std = np.array(data["std"])
        self.weights = np.array(data["weights"])
        self.bias = float(data["bias"])
        self.threshold = float(data["threshold"])
        self.meta = data.get("meta", {})

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = ((np.atleast_2d(x) - self.mean) / self.std) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))


MODEL_FILE = "disputes.json"


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    path = resources.files("storyline") / "models" / MODEL_FILE
    if not path.is_file():
        return None
    return Model(json.loads(path.read_text(encoding="utf-8")))


def doubt(p: Profile) -> float:
    """How much an article doubts or refutes what it reports: its verdicts count most, then its
    denials and refuting words; used to tell which side of a dispute is which."""
    s = dict(zip(SIGNALS, p.signals))
    return 3 * s["verdicts"] + 2 * s["lead_negative"] + s["denials"] + s["negative_share"] + s["refute"] + s["doubt"]


def disputes(texts: dict[str, str], claims: list[dict], model: Model | None = None) -> list[Dispute]:
    """Pairs of articles that dispute one story, with their evidence claims; most probable first."""
    model = model or load_model()
    if model is None or len(texts) < 2:
        return []
    profs = profiles(texts, claims)
    idf = _idf(profs)
    pairs = candidate_pairs(profs, idf)
    if not pairs:
        return []
    x = np.array([pair_features(profs[a], profs[b], s, idf) for a, b, s in pairs])
    probs = model.probability(x)
    out = []
    for (a, b, sim), p in zip(pairs, probs):
        if p < model.threshold:
            continue
        teller, doubter = (profs[a], profs[b]) if doubt(profs[a]) <= doubt(profs[b]) else (profs[b], profs[a])
        told, against = _evidence(teller, doubter, idf)
        if told is None or against is None:
            continue
        out.append(Dispute((teller.doc, doubter.doc), (told["id"], against["id"]), float(p), sim))
    return sorted(out, key=lambda d: -d.probability)


def _evidence(teller: Profile, doubter: Profile, idf: dict[str, float]) -> tuple[dict | None, dict | None]:
    told, against, _ = _best(teller, doubter, idf)
    if against is None:
        verdicts = [c for c in doubter.claims if c.get("predicate") == "debunk"]
        against = verdicts[0] if verdicts else None
        told = teller.lead
    return told, against


def disputed(texts: dict[str, str], claims: list[dict], found: list) -> list:
    """Disputes between articles as contradictions (judge/contradictions.Found), leaving out those
    whose two claims a contradiction already sets against each other."""
    from storyline.judge.contradictions import Found, _clip
    taken = {frozenset((a, b)) for f in found if not f.on_events for a in f.sides[0] for b in f.sides[1]}
    by_id = {c["id"]: c for c in claims}
    out = []
    for d in disputes(texts, claims):
        told, against = (by_id[i] for i in d.claims)
        if frozenset(d.claims) in taken:
            continue
        who = against["source_text"] or "The article"
        out.append(Found("polarity", ((told["id"],), (against["id"],)),
                         f"{told['source_text'] or 'One article'} says \u201c{_clip(told['text'])}\u201d; "
                         f"{who if against['source_text'] else 'another article'} disputes it: "
                         f"\u201c{_clip(against['text'])}\u201d.", "model:disputes", round(d.probability, 3)))
    return out
