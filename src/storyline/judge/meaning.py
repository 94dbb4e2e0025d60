"""Claims that meet by meaning: a denial set against the accounts it answers, wherever they are told.

Words alone miss most disputes: "at least ten fighters were caught crossing the border" and
"no terror suspects were apprehended near the border" share two words, and "the agency denied
it" shares none with what it denies. Here claims meet through what they are about:

  1. meaning: each claim's MiniLM sentence vector (judge/embeddings.py), computed once per
     distinct text and kept in the store (migration 0040), so a later ingest encodes only its
     new claims;
  2. what a denial answers: a denial whose content only points back ("denied it", "the reports
     are false", "any such thing has happened", an article's verdict "this is fake") stands for
     the claim it answers in its own article: the nearest claim before it by another source,
     else the article's lead; it is set against that claim when that is a certain account;
  3. where a dispute is told (`told_both`): an account whose own article also tells a denial of
     it (a negative claim of another source close in meaning) is a dispute that article
     reports; another article's denial is not set against it across articles;
  4. accounts in other articles (`meaning_pairs(..., same=...)`, off by default, see
     SAME_MEANING): a negative claim and a certain, unhedged positive claim of other sources in
     other articles, within `same` in meaning, sharing some rare words and naming no different
     actors. Compared only within blocks, so the cost grows with the number of claims, not its
     square: the proposition index (shared rare words, judge/propositions.py; a pointing denial
     through the claim it answers) and buckets of random-hyperplane signatures of the vectors
     (several tables; a bucket over MAX_BUCKET claims is no block). The thresholds were set on
     FNC-1 stories outside the development stories; a model learned from FNC-1's stances was
     tried and dropped: inside one story no feature of a pair told the disputing bodies from the
     others (scripts/study_meaning_pairs.py).

Without the embedding backend (or with STORYLINE_CLAIM_EMBEDDINGS=off) the judge gets no vectors,
none of this runs, and judging keeps to its lexical rules.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np

from storyline.judge.contradictions import who  # contradictions.py imports this module only inside functions
from storyline.judge.propositions import Index, names_clash
from storyline.vocabulary import STOP_WORDS, VERDICT_WORDS, stem

__all__ = ["MeaningPair", "anaphoric", "antecedents", "claim_vectors", "candidate_pairs", "opposed",
           "meaning_pairs"]

MAX_BUCKET = 60
TABLES = 12
BUCKET_SIZE = 8  # signature bits are chosen so that a bucket holds about this many claims
_SEED = 18

# Words that point at something said elsewhere rather than say it.
_POINTER = re.compile(
    r"\b(?:it|this|that|these|those|such|any\s+such|the)\s+(?:reports?|claims?|rumou?rs?|stor(?:y|ies)|"
    r"allegations?|accounts?|suggestions?|articles?|news|speculation|reporting|things?|videos?|photos?|"
    r"pictures?|images?|posts?|tweets?|footage|report(?:ing)?|assertions?|accusations?|charges?)\b"
    r"|^\s*(?:it|this|that|so|anything|any\s+such\s+thing|any\s+of\s+(?:it|this|that))\b"
    r"|\b(?:it|this|that)\s+(?:is|was|has|had|never|also|just|simply)\b"
    r"|\bany\s+such\s+thing\b|\banything\s+of\s+the\s+(?:sort|kind)\b",
    re.IGNORECASE)
# Words by which a source or an article says that what was reported is not so.
_DENYING = re.compile(r"\b(?:den(?:y|ied|ies|ial)|dismiss(?:ed|es)?|reject(?:ed|s)?|refut(?:e|ed|es)|rebut(?:ted|s)?|"
                      r"false(?:ly)?|untrue|not\s+true|no\s+truth|never\s+happened|any\s+such|baseless|"
                      r"unfounded|fake|hoax|bogus|fabricat\w*|made\s+up|nonsense|debunk\w*|categorically)\b",
                      re.IGNORECASE)
_GENERIC = {stem(w) for w in """report claim rumor rumour story allegation account suggestion article news
speculation thing video photo picture image post tweet footage true truth false untrue completely totally
absolutely categorically entirely simply wholly utterly really just happen happened deny denied denies
unequivocally ridiculous nonsense whatsoever""".split()} | {stem(w) for w in VERDICT_WORDS}
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


def _topic_words(text: str) -> set[str]:
    words = {w.lower().strip("'") for w in _WORD.findall(text)}
    return {stem(w) for w in words if w not in STOP_WORDS and len(w) > 2} - _GENERIC


def anaphoric(c: dict) -> bool:
    """A denial whose content points back at what it denies instead of stating it ("denied the
    reports", "any such thing has happened", "this is fake"): a negative claim with a denying
    word in its cue or content, a pointing phrase, and few words of its own."""
    if c["polarity"] != "negative":
        return False
    text = c["text"]
    if _POINTER.search(text) is None or not _DENYING.search(f"{c.get('cue') or ''} {text}"):
        return False
    return len(_topic_words(text)) <= 4


def antecedents(claims: list[dict]) -> dict[int, int]:
    """Position of each anaphoric denial -> position of the claim it answers in its article: the
    nearest earlier claim by another source that states something, else the article's lead (its
    first claim that states something)."""
    by_doc: dict[str, list[int]] = {}
    for k, c in enumerate(claims):
        by_doc.setdefault(c["doc"], []).append(k)
    out = {}
    for members in by_doc.values():
        members.sort(key=lambda k: (claims[k]["start"], k))
        stating = [k for k in members if len(_topic_words(claims[k]["text"])) >= 3]
        for k in members:
            c = claims[k]
            if not anaphoric(c):
                continue
            earlier = [m for m in stating if claims[m]["start"] < c["start"] and who(claims[m]) != who(c)]
            lead = next((m for m in stating if m != k), None)
            pick = earlier[-1] if earlier else lead
            if pick is not None:
                out[k] = pick
    return out


# -- vectors --------------------------------------------------------------------------------------

def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def claim_vectors(texts: list[str], store=None) -> np.ndarray | None:
    """Unit MiniLM vectors of `texts` (one row each), read from the store's cache where it has
    them and stored there when computed; None when no embedding backend is installed."""
    from storyline.judge.embeddings import available, encoder
    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    keys = [_key(t) for t in texts]
    known: dict[str, np.ndarray] = {}
    if store is not None:
        known = _cached(store, set(keys))
    missing = sorted({k: t for k, t in zip(keys, texts) if k not in known}.items())
    if missing:
        if not available():
            return None
        vectors = encoder().encode([t for _, t in missing])
        fresh = {k: v for (k, _), v in zip(missing, vectors)}
        known.update(fresh)
        if store is not None:
            _cache(store, fresh)
    return np.array([known[k] for k in keys], dtype=np.float32)


def _cached(store, keys: set[str]) -> dict[str, np.ndarray]:
    out = {}
    for r in store.query("SELECT key, vector FROM claim_vectors"):
        if r["key"] in keys:
            out[r["key"]] = np.frombuffer(r["vector"], dtype=np.float16).astype(np.float32)
    return out


def _cache(store, fresh: dict[str, np.ndarray]) -> None:
    with store.transaction() as conn:
        conn.executemany("INSERT OR REPLACE INTO claim_vectors (key, vector) VALUES (?, ?)",
                         [(k, v.astype(np.float16).tobytes()) for k, v in fresh.items()])


# -- blocking -------------------------------------------------------------------------------------

def _signature_buckets(vectors: np.ndarray) -> list[np.ndarray]:
    """Pairs (as i*n+j) of claims whose vectors fall on the same side of every hyperplane of one
    table; tables are drawn from a fixed seed, so the same claims meet on every run."""
    n = len(vectors)
    if n < 2:
        return []
    bits = int(max(3, min(20, np.ceil(np.log2(max(n / BUCKET_SIZE, 2))))))
    rng = np.random.default_rng(_SEED)
    centred = vectors - vectors.mean(axis=0)
    powers = 1 << np.arange(bits, dtype=np.int64)
    out = []
    for _ in range(TABLES):
        planes = rng.standard_normal((vectors.shape[1], bits)).astype(np.float32)
        codes = ((centred @ planes) > 0).astype(np.int64) @ powers
        order = np.argsort(codes, kind="stable")
        sorted_codes = codes[order]
        cuts = np.flatnonzero(np.diff(sorted_codes)) + 1
        for members in np.split(order, cuts):
            if 2 <= len(members) <= MAX_BUCKET:
                a, b = np.triu_indices(len(members), k=1)
                lo, hi = np.minimum(members[a], members[b]), np.maximum(members[a], members[b])
                out.append(lo * n + hi)
    return out


def candidate_pairs(index: Index, vectors: np.ndarray, answers: dict[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) positions of the claims to compare, i < j: pairs the proposition index relates,
    pairs whose meaning vectors share a signature bucket, and an anaphoric denial with every
    claim the claim it answers is paired with."""
    n = len(index.claims)
    keys = _signature_buckets(_meaning(vectors, answers))
    i, j, _, _ = index.pairs(min_shared=1)
    keys.append(i * n + j)
    if answers:
        by_antecedent: dict[int, list[int]] = {}
        for d, a in answers.items():
            by_antecedent.setdefault(a, []).append(d)
        extra = []
        for a, b in zip(i.tolist(), j.tolist()):
            for d in by_antecedent.get(a, ()):
                extra.append((d, b))
            for d in by_antecedent.get(b, ()):
                extra.append((d, a))
        if extra:
            e = np.array(extra, dtype=np.int64)
            keys.append(np.minimum(e[:, 0], e[:, 1]) * n + np.maximum(e[:, 0], e[:, 1]))
    if not keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    flat = np.unique(np.concatenate(keys))
    flat = flat[flat // n != flat % n]
    return flat // n, flat % n


def _meaning(vectors: np.ndarray, answers: dict[int, int]) -> np.ndarray:
    """Each claim's vector, an anaphoric denial's that of the claim it answers."""
    out = vectors.copy()
    for d, a in answers.items():
        out[d] = vectors[a]
    return out


# -- the decision ---------------------------------------------------------------------------------

# Set on FNC-1 stories built from bodies outside the development stories (/tmp/fnc/rest), never
# on those. SAME_MEANING: the least cosine at which a denial's meaning and an account in another
# article are one proposition. On those stories every threshold tried (0.6 to 0.95) lit up more
# undisputed stories than it found disputed ones (at 0.8: recall 0.10 -> 0.15, false alarms
# 0.125 -> 0.200): the articles of an undisputed FNC-1 story quote a hoax and its debunking alike,
# so meaning alone cannot tell a dispute between articles from one every article reports. So
# by default (None) no denial meets an account in another article by meaning alone; a caller
# that wants them passes `same`. SHARED_WORDS: the least share of rare words such a pair must
# have in common besides (claims about one place and one kind of thing embed close together
# whatever each says happened); VERBATIM: above it two claims are one text read two ways by the
# analysis, no dispute.
SAME_MEANING: float | None = None
SHARED_WORDS = 0.15
VERBATIM = 0.95
_HEDGE = re.compile(r"\b(?:reportedly|allegedly|rumou?red|may|might|could|possibly|apparently|purportedly|"
                    r"supposedly|unconfirmed|unverified)\b", re.IGNORECASE)


@dataclass(frozen=True)
class MeaningPair:
    """A negative claim and a positive claim of another source in another article that state one
    proposition (`score`: the cosine of their meanings); `via` is the claim the denial answers
    in its own article when the denial only points back."""
    denial: int
    account: int
    score: float
    via: int | None = None


def opposed(claims: list[dict], i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs that can be a denial and an account: one negative and one positive claim,
    in different articles, by different sources; returned as (negative, positive) positions."""
    neg, pos = [], []
    for a, b in zip(i.tolist(), j.tolist()):
        x, y = claims[a], claims[b]
        if x["polarity"] == y["polarity"] or x["doc"] == y["doc"] or who(x) == who(y):
            continue
        n, p = (a, b) if x["polarity"] == "negative" else (b, a)
        neg.append(n)
        pos.append(p)
    return np.array(neg, dtype=np.int64), np.array(pos, dtype=np.int64)


def meaning_pairs(claims: list[dict], index: Index, vectors: np.ndarray | None,
                  same: float | None = None) -> list[MeaningPair]:
    """The denials met by meaning (see the module docstring): each anaphoric denial against the
    account it answers in its own article; and, when `same` (default SAME_MEANING) is set, a
    negative claim whose meaning (its own, or that of the claim it answers) is within `same` of a
    certain, unhedged positive claim of another source in another article, sharing SHARED_WORDS
    of their rare words and naming no different actors."""
    if vectors is None or len(claims) < 2:
        return []
    same = SAME_MEANING if same is None else same
    answers = antecedents(claims)
    out = _answered_at_home(claims, answers)
    if same is None:
        return out
    i, j = candidate_pairs(index, vectors, answers)
    neg, pos = opposed(claims, i, j)
    if not len(neg):
        return out
    meaning = _meaning(vectors, answers)
    cos = np.maximum(np.einsum("ij,ij->i", meaning[neg], vectors[pos]), np.einsum("ij,ij->i", vectors[neg], vectors[pos]))
    for d, a, c in zip(neg.tolist(), pos.tolist(), cos.tolist()):
        if c < same or float(vectors[d] @ vectors[a]) >= VERBATIM:
            continue
        account = claims[a]
        if account["certainty"] != "certain" or _HEDGE.search(account["text"]):
            continue
        said = answers.get(d, d)
        if max(index.similarity(said, a)[1], index.similarity(d, a)[1]) < SHARED_WORDS:
            continue
        if names_clash(index.props[said], index.props[a]):
            continue
        out.append(MeaningPair(claims[d]["id"], account["id"], round(float(c), 3),
                               claims[said]["id"] if said != d else None))
    return out


def _answered_at_home(claims: list[dict], answers: dict[int, int]) -> list[MeaningPair]:
    """An anaphoric denial against the claim it answers in its own article, when that claim is a
    certain account by another source ("X happened, officials said. The ministry denied it.")."""
    out = []
    for d, a in answers.items():
        account = claims[a]
        if account["polarity"] == "positive" and account["certainty"] == "certain" \
                and not _HEDGE.search(account["text"]):
            out.append(MeaningPair(claims[d]["id"], account["id"], 1.0, account["id"]))
    return out


TOLD_BOTH = 0.6  # set on /tmp/fnc/rest (see SAME_MEANING)


def told_both(claims: list[dict], vectors: np.ndarray | None) -> set[int]:
    """Ids of the positive claims whose own article also tells a denial of them: a negative claim
    by another source whose meaning (its own, or the claim it answers) is within TOLD_BOTH. Such
    an article reports a dispute between its sources; another article's denial of that account is
    the same dispute, and its evidence stays in the article that tells both sides."""
    if vectors is None:
        return set()
    answers = antecedents(claims)
    meaning = _meaning(vectors, answers)
    by_doc: dict[str, list[int]] = {}
    for k, c in enumerate(claims):
        by_doc.setdefault(c["doc"], []).append(k)
    out = set()
    for members in by_doc.values():
        negs = [k for k in members if claims[k]["polarity"] == "negative"]
        if not negs:
            continue
        for k in members:
            c = claims[k]
            if c["polarity"] != "positive":
                continue
            close = meaning[negs] @ vectors[k]
            if any(q >= TOLD_BOTH and who(claims[n]) != who(c) for n, q in zip(negs, close.tolist())):
                out.add(c["id"])
    return out
