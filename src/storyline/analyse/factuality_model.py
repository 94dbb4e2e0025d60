"""A learned event-factuality value: ridge regression over the rules' judgement and the predicate's words.

`storyline.analyse.factuality` judges a predicate by hand-written rules and maps the judgement to
a value on UDS-IH2's scale (3 certainly happened, -3 certainly did not) from a small table. This
module refines that value: `features(token)` describes the predicate (the rules' mood, certainty,
polarity, tense and cues; its lemma, tag and dependency; its governor and the words above it;
auxiliaries, negation, hedges, subordinating marks, question and exclamation marks), and a ridge
regression over those features, fitted on UDS-IH2 dev by `scripts/train_factuality.py`, gives
`learned_value(token)`. The categorical judgement (polarity, certainty, mood) stays the rules'.

When the MiniLM backend loads (`storyline.judge.embeddings`, a default dependency) and
STORYLINE_FACTUALITY_EMBEDDINGS is not "off", a second model (`factuality_emb.json`) is used: the
same features plus the predicate's vector read in its sentence (`Encoder.spans`), 384 dense
features `emb0`..`emb383` times EMBEDDING_SCALE (`with_vectors`). Without the backend, the
sparse model above.

Each model file (`storyline/models/factuality.json`, `factuality_emb.json`) holds the weights
and, for honest scoring, the documents it was fitted on (a short hash of each document id) with
the fold of each in a grouped k-fold split. `storyline eval factuality` scores a predicate from one of those documents
with a model refitted without that document's fold (`out_of_fold`), never with the shipped one.

Only numpy; fitting 2,600 predicates takes about a second.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

__all__ = ["features", "fit", "Model", "load", "learned_value", "doc_key", "fold_of", "out_of_fold",
           "with_vectors", "predicate_vectors", "use_embeddings"]

MODEL_FILE = Path(__file__).resolve().parent.parent / "models" / "factuality.json"
EMBEDDING_MODEL_FILE = MODEL_FILE.with_name("factuality_emb.json")
ALPHA = 100.0
MIN_COUNT = 3
FOLDS = 10
# The embedding model's penalty and the factor on its unit vectors (whose components are about
# 0.05, against 1.0 for an indicator): chosen together by half a's out-of-fold r, see
# scripts/train_factuality.py --select.
EMBEDDING_ALPHA = 200.0
EMBEDDING_SCALE = 4.0

_HEDGES = {"allegedly", "reportedly", "supposedly", "apparently", "probably", "likely", "presumably",
           "seemingly", "possibly", "perhaps", "maybe", "potentially", "definitely", "certainly",
           "actually", "really", "surely", "obviously", "clearly", "just", "still", "already", "ever",
           "never", "always", "usually", "often", "sometimes", "again", "almost", "nearly", "only", "even"}


def features(token, fact=None) -> dict[str, float]:
    """The predicate's features: names of binary indicators with 1.0, and the rules' value."""
    from storyline.analyse.factuality import _clause_head, factuality
    if fact is None:
        fact = factuality(token)
    f: dict[str, float] = {"rule_value": fact.value}

    def on(name: str) -> None:
        f[name] = 1.0

    on(f"mood={fact.mood}")
    on(f"certainty={fact.certainty}")
    on(f"polarity={fact.polarity}")
    on(f"tense={fact.tense}")
    on(f"judgement={fact.mood}|{fact.polarity}|{fact.certainty}|{fact.tense}")
    if fact.state:
        on("state")
    if fact.generic:
        on("generic")
    if fact.reported:
        on("reported")
    on(f"cues={min(len(fact.cues), 3)}")
    for cue in fact.cues:
        on(f"cue={cue.lower()}")
    if fact.cues:
        on(f"cue_last={fact.cues[-1].lower()}")
    lemma = token.lemma_.lower()
    on(f"lemma={lemma}")
    on(f"pos={token.pos_}")
    on(f"tag={token.tag_}")
    on(f"dep={token.dep_}")
    on(f"lemma_tag={lemma}|{token.tag_}")
    on(f"pol_lemma={fact.polarity}|{lemma}")
    head = _clause_head(token)
    if head is not token:
        on(f"clause_head={head.lemma_.lower()}")
        on(f"clause_head_tag={head.tag_}")
    gov = head.head
    if gov is not head:
        on(f"gov={gov.lemma_.lower()}")
        on(f"gov_pos={gov.pos_}")
        on(f"dep_gov={head.dep_}|{gov.lemma_.lower()}")
        on(f"dep_govpos={head.dep_}|{gov.pos_}")
        node, path = gov, head.dep_
        for depth in range(2, 4):
            if node.head is node:
                break
            path = f"{path}>{node.dep_}"
            node = node.head
            on(f"anc{depth}={node.lemma_.lower()}")
            on(f"path={path}")
    else:
        on("root")
    kids = list(head.children) + (list(token.children) if head is not token else [])
    auxes = [c for c in kids if c.dep_ in {"aux", "auxpass"}]
    on(f"auxes={'+'.join(a.tag_ for a in auxes) or 'none'}|{head.tag_}")
    for a in auxes:
        on(f"aux={a.lower_}")
    for c in kids:
        if c.dep_ == "neg" or c.lower_ in {"never", "not", "n't", "no", "nothing", "nobody"}:
            on(f"neg={c.lower_}")
        if c.dep_ == "mark":
            on(f"mark={c.lower_}")
        if c.dep_ in {"advmod", "npadvmod"} and c.lower_ in _HEDGES:
            on(f"adv={c.lower_}")
        if c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"}:
            on(f"subj={c.lower_ if c.pos_ == 'PRON' else c.tag_}")
        if c.dep_ in {"dobj", "attr", "acomp", "xcomp", "ccomp", "prep", "advcl"}:
            on(f"has={c.dep_}")
    if not any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in kids):
        on("no_subject")
    sent = token.sent
    words = [t for t in sent if not t.is_punct and not t.is_space]
    tail = "".join(t.text for t in sent[-3:])
    if "?" in tail:
        on("sent?")
    if "!" in tail:
        on("sent!")
    if words and token.i == words[0].i:
        on("first_word")
    on(f"sent_len={min(len(words) // 8, 4)}")
    before = {t.lower_ for t in sent if t.i < token.i}
    for word in ("if", "when", "would", "will", "could", "should", "might", "may", "can", "not", "n't",
                 "hope", "think", "want", "need", "please", "?"):
        if word in before:
            on(f"before={word}")
    return f


def doc_key(document: str) -> str:
    """A short stable key for a document id: the model file names no document."""
    return hashlib.sha1(document.encode("utf-8")).hexdigest()[:12]


def fold_of(document: str, folds: int = FOLDS) -> int:
    """A document's fold in the grouped k-fold split: fixed by its id alone."""
    return int(hashlib.sha1(("fold:" + document).encode("utf-8")).hexdigest(), 16) % folds


@dataclass
class Model:
    intercept: float
    weights: dict[str, float]
    alpha: float = ALPHA
    min_count: int = MIN_COUNT
    folds: int = FOLDS
    documents: dict[str, int] = field(default_factory=dict)  # doc_key -> fold, of the training documents
    embedding_scale: float = 0.0  # > 0: the rows carry the predicate's vector times this (`with_vectors`)

    def predict(self, rows: list[dict[str, float]]) -> list[float]:
        w = self.weights
        return [self.intercept + sum(v * w.get(k, 0.0) for k, v in row.items()) for row in rows]

    def to_json(self) -> dict:
        data = {"kind": "ridge", "alpha": self.alpha, "min_count": self.min_count, "folds": self.folds,
                "intercept": round(self.intercept, 5),
                "weights": {k: round(v, 5) for k, v in sorted(self.weights.items()) if abs(v) >= 5e-5},
                "documents": dict(sorted(self.documents.items()))}
        if self.embedding_scale:
            data["embedding_scale"] = self.embedding_scale
        return data

    @classmethod
    def from_json(cls, data: dict) -> "Model":
        return cls(data["intercept"], data["weights"], data["alpha"], data["min_count"], data["folds"],
                   data.get("documents", {}), data.get("embedding_scale", 0.0))


def fit(rows: list[dict[str, float]], gold: list[float], alpha: float = ALPHA, min_count: int = MIN_COUNT) -> Model:
    """Ridge regression (intercept not penalised) over the features seen in at least `min_count` rows."""
    counts: dict[str, int] = {}
    for row in rows:
        for k in row:
            counts[k] = counts.get(k, 0) + 1
    names = sorted(k for k, n in counts.items() if n >= min_count)
    index = {k: i for i, k in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, row in enumerate(rows):
        for k, v in row.items():
            i = index.get(k)
            if i is not None:
                x[r, i] = v
    y = np.asarray(gold, dtype=float)
    mx, my = x.mean(axis=0), y.mean()
    xc = x - mx
    # the dual form: n x n, as cheap as the primal for a few thousand rows and features
    k = xc @ xc.T
    a = np.linalg.solve(k + alpha * np.eye(len(rows)), y - my)
    w = xc.T @ a
    return Model(float(my - mx @ w), dict(zip(names, (float(v) for v in w))), alpha, min_count)


def with_vectors(rows: list[dict[str, float]], vectors, scale: float) -> list[dict[str, float]]:
    """Each row with its predicate's vector as dense features `emb0`.. times `scale`."""
    return [dict(row, **{f"emb{j}": scale * float(x) for j, x in enumerate(v)}) for row, v in zip(rows, vectors)]


def predicate_vectors(texts: list[str], spans: list[list[tuple[int, int]]]) -> list[np.ndarray]:
    """For each sentence, the MiniLM vector of each predicate span read in it (each sentence run once)."""
    from storyline.judge.embeddings import encoder
    return encoder().spans(texts, spans)


def use_embeddings() -> bool:
    """The embedding model is used when a backend is installed, its file is there and
    STORYLINE_FACTUALITY_EMBEDDINGS is not "off"."""
    from storyline import settings
    if settings.current().factuality_embeddings == "off":
        return False
    from storyline.judge.embeddings import available
    return bool(available()) and EMBEDDING_MODEL_FILE.is_file()


def out_of_fold(rows: list[dict[str, float]], gold: list[float], documents: list[str], model: Model) -> list[float | None]:
    """For each row from a document the model was fitted on: the value of a model refitted, with the
    model's settings, on the given rows of its other folds only (rows of documents it never saw are
    not used). None for rows of unseen documents, and where no row of another fold is given."""
    fold = [model.documents.get(doc_key(d)) for d in documents]
    out: list[float | None] = [None] * len(rows)
    for f in sorted({k for k in fold if k is not None}):
        train = [i for i, k in enumerate(fold) if k is not None and k != f]
        test = [i for i, k in enumerate(fold) if k == f]
        if not train:  # no other fold among the rows: nothing honest to refit on
            continue
        refit = fit([rows[i] for i in train], [gold[i] for i in train], model.alpha, model.min_count)
        refit.embedding_scale = model.embedding_scale
        for i, v in zip(test, refit.predict([rows[i] for i in test])):
            out[i] = v
    return out


@lru_cache(maxsize=4)
def load(path: str | None = None, embeddings: bool = False) -> Model | None:
    """The shipped model (with `embeddings`, the one that reads the predicate's vector), or None
    when there is none (then the rules' value is used)."""
    p = Path(path) if path else (EMBEDDING_MODEL_FILE if embeddings else MODEL_FILE)
    if not p.is_file():
        return None
    raw = p.read_bytes()
    if p in (MODEL_FILE, EMBEDDING_MODEL_FILE):  # a shipped file: checked against models/SHA256SUMS
        from storyline import models
        models.verified(p.name, raw)
    return Model.from_json(json.loads(raw.decode("utf-8")))


def learned_value(token, fact=None) -> float:
    """The shipped model's UDS-IH2 value for the predicate `token`, clipped to [-3, 3]."""
    from storyline.analyse.factuality import factuality
    if fact is None:
        fact = factuality(token)
    model = load(embeddings=use_embeddings())
    if model is None:
        return fact.value
    row = features(token, fact)
    if model.embedding_scale:
        sent = token.sent
        start = token.idx - sent.start_char
        row = with_vectors([row], [_vector_in_context(sent.text, start, start + len(token.text))],
                           model.embedding_scale)[0]
    return max(-3.0, min(3.0, model.predict([row])[0]))


@lru_cache(maxsize=4096)
def _vector_in_context(text: str, start: int, end: int) -> np.ndarray:
    return predicate_vectors([text], [[(start, end)]])[0][0]
