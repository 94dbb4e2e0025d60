"""Learn attribution cues from PolNeAR's training split.

    python scripts/train_attributions.py ../shared/data/polnear/data/train

Writes two files into src/storyline/models/ (weights and counts only, never text):
  - attribution_cues.json: verb lemma -> [times inside a gold cue, times seen];
  - cue_model.json.gz: the cue-head model read by storyline.analyse.cue_model: an averaged
    perceptron over parse features (which tokens head a cue), the threshold, the lexicon of
    non-verb cue words, the cue-extent model (a second averaged perceptron: which of the head's
    neighbouring children a cue takes in, and how much of each: "has sharply criticized",
    "said in an interview", "expressed concern about", "said:"), the older per-key extent shares
    it replaced, and how its source and content hang from the head in the parse (dependency
    paths, counted).
Takes about three minutes on two free cores (most of it parsing). Deterministic (seeded shuffle).
"""
from __future__ import annotations

import gzip
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "src" / "storyline" / "models"
EPOCHS = 8
MIN_FEATURE_COUNT = 3
PATHS_KEPT = 12
EXTENT_MIN_COUNT = 2


def hull(span):
    """(first start, last end) of a span given as fragments."""
    return span[0][0], span[-1][1]


def gold_head(doc, span):
    sp = doc.char_span(*hull(span), alignment_mode="expand")
    return sp.root if sp is not None and len(sp) else None


def main(split: str) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from storyline.analyse import nlp as nlp_loader
    from storyline.analyse.attributions.quotes import quote_spans
    from storyline.analyse.cue_model import candidate, cue_class, dep_path, extent_key, features, lemma as masked_lemma
    from storyline.analyse.cue_model import extent_features, grow_extent
    from storyline.evaluate.polnear import load
    docs = load(Path(split))
    nlp = nlp_loader.load()
    parsed = list(nlp.pipe([t for _, t, _ in docs], batch_size=16))

    verb_cue, verb_total = Counter(), Counter()
    other_cue, other_total = Counter(), Counter()
    heads_of = []
    for (_, _, gold), doc in zip(docs, parsed):
        heads = {}
        for r in gold:
            h = gold_head(doc, r.cue)
            if h is not None:
                heads.setdefault(h.i, r)
        heads_of.append(heads)
        spans = [hull(r.cue) for r in gold]
        for tok in doc:
            lemma = masked_lemma(tok)  # a name's lemma is masked (cue_model.names)
            if tok.pos_ in {"VERB", "AUX"}:
                verb_total[lemma] += 1
                if any(s <= tok.idx < e for s, e in spans):
                    verb_cue[lemma] += 1
            else:
                other_total[lemma] += 1
                if tok.i in heads:
                    other_cue[lemma] += 1
    lexicon = sorted(w for w, c in other_cue.items() if c >= 3 and c / other_total[w] >= 0.05)

    # Examples for the cue-head model.
    examples = []
    for doc, heads in zip(parsed, heads_of):
        quotes = quote_spans(doc.text)
        qi = 0
        for tok in doc:
            if not candidate(tok, frozenset(lexicon)):
                continue
            while qi < len(quotes) and quotes[qi][1] <= tok.idx:
                qi += 1
            inside = qi < len(quotes) and quotes[qi][0] <= tok.idx
            examples.append((features(tok, inside), tok.i in heads))
    seen = Counter(f for feats, _ in examples for f in set(feats))
    examples = [([f for f in feats if seen[f] >= MIN_FEATURE_COUNT], y) for feats, y in examples]
    weights = train_perceptron(examples)

    # Cue extent, source and content paths, counted over the gold relations.
    keep, total = Counter(), Counter()
    source_paths: dict[str, Counter] = defaultdict(Counter)
    content_paths: dict[str, Counter] = defaultdict(Counter)
    for (_, _, gold), doc, heads in zip(docs, parsed, heads_of):
        for i, r in heads.items():
            tok = doc[i]
            classes = cue_class(tok)
            for c in tok.children:
                side = "L" if c.i < tok.i else "R"
                key = extent_key(c, side)
                inside = hull(r.cue)[0] <= c.idx and c.idx + len(c.text) <= hull(r.cue)[1]
                for k in (key, classes[0] + "|" + key):
                    total[k] += 1
                    keep[k] += inside
            src = gold_head(doc, r.source) if r.source else None
            con = gold_head(doc, r.content)
            for cls in classes:
                source_paths[cls][dep_path(tok, src) if src is not None else "-"] += 1
                if con is not None:
                    content_paths[cls][dep_path(tok, con)] += 1
    extent_weights = train_extent(
        extent_examples(docs, parsed, heads_of, extent_features, grow_extent))

    # General keys ("R|prep|for") where the share is high; a cue's own keys ("say|R|prep|on") whenever
    # they are seen often enough to overrule the general one.
    extent = {k: round(keep[k] / n, 2) for k, n in total.items()
              if n >= 5 and (keep[k] / n >= 0.5 or k.count("|") == 3)}

    def top(paths):
        return {cls: dict(c.most_common(PATHS_KEPT)) for cls, c in sorted(paths.items()) if sum(c.values()) >= 20}

    MODELS.mkdir(parents=True, exist_ok=True)
    (MODELS / "attribution_cues.json").write_text(json.dumps(
        {"source": "PolNeAR train (counts only)", "documents": len(docs),
         "cues": {w: [verb_cue[w], n] for w, n in sorted(verb_total.items()) if n >= 3 and verb_cue[w]}},
        indent=0, sort_keys=True), encoding="utf-8")
    # gzipped (over 2 MB as JSON); mtime 0 so a rebuild from the same data gives the same bytes
    (MODELS / "cue_model.json.gz").write_bytes(gzip.compress(json.dumps(
        {"source": "PolNeAR train (weights and counts only)", "documents": len(docs),
         "threshold": 0.0, "lexicon": lexicon, "extent": extent,
         "source_paths": top(source_paths), "content_paths": top(content_paths),
         "weights": weights, "extent_weights": extent_weights}, sort_keys=True, separators=(",", ":")).encode("utf-8"),
        compresslevel=9, mtime=0))
    print(f"{len(weights)} weights, {len(extent_weights)} extent weights, {len(lexicon)} non-verb cue words, "
          f"{len(extent)} extent rules "
          f"from {len(docs)} documents -> {MODELS}")


def extent_examples(docs, parsed, heads_of, extent_features, grow_extent) -> list[tuple[list[str], str]]:
    """For each gold cue, the children its head takes in or leaves out, outwards from the head as
    cue_model.grow_extent walks them: (features, "out" | "word" | "phrase" | "word+prep")."""
    from storyline.analyse.cue_model import extent_word_prep
    examples = []
    for (_, _, gold), doc, heads in zip(docs, parsed, heads_of):
        for i, r in heads.items():
            head = doc[i]
            inside = {t.i for t in doc.char_span(*hull(r.cue), alignment_mode="expand")}

            def oracle(child, side, word, phrase, head=head, inside=inside):
                with_prep = extent_word_prep(child, side)
                if phrase != word and all(j in inside for j in range(phrase[0], phrase[1] + 1)):
                    y = "phrase"
                elif with_prep and all(j in inside for j in range(with_prep[0], with_prep[1] + 1)):
                    y = "word+prep"
                elif all(j in inside for j in range(word[0], word[1] + 1)):
                    y = "word"
                else:
                    y = "out"
                examples.append((extent_features(head, child, side), y))
                return y
            grow_extent(head, oracle)
    return examples


class _Averaged:
    """The weights of an averaged perceptron, averaged lazily: a weight's running sum over all
    steps is brought up to date only when the weight changes, and once more at the end."""

    def __init__(self):
        self.w: dict[str, float] = defaultdict(float)
        self.total: dict[str, float] = defaultdict(float)
        self.stamp: dict[str, int] = defaultdict(int)
        self.step = 1

    def bump(self, key: str, delta: float) -> None:
        self.total[key] += (self.step - self.stamp[key]) * self.w[key]
        self.stamp[key] = self.step
        self.w[key] += delta

    def averaged(self) -> dict[str, float]:
        """The averaged weights, rounded to two places, zeros dropped, sorted by name."""
        out = {}
        for key in self.w:
            self.total[key] += (self.step - self.stamp[key]) * self.w[key]
            v = round(self.total[key] / self.step, 2)
            if v:
                out[key] = v
        return dict(sorted(out.items()))


def train_extent(examples: list[tuple[list[str], str]], epochs: int = 10) -> dict[str, float]:
    """Averaged multi-class perceptron over cue_model.EXTENT_CLASSES; weights keyed "class|feature"."""
    from storyline.analyse.cue_model import EXTENT_CLASSES
    seen = Counter(f for feats, _ in examples for f in set(feats))
    examples = [([f for f in feats if seen[f] >= EXTENT_MIN_COUNT], y) for feats, y in examples]
    model = _Averaged()
    w = model.w
    order = list(range(len(examples)))
    rng = random.Random(0)
    for _ in range(epochs):
        rng.shuffle(order)
        for i in order:
            feats, y = examples[i]
            guess = max(EXTENT_CLASSES, key=lambda c: (sum(w.get(c + "|" + f, 0.0) for f in feats), c == "out"))
            # (all classes compete in training; prediction leaves out "word+prep" where no preposition follows)
            if guess != y:
                for f in feats:
                    model.bump(y + "|" + f, 1.0)
                    model.bump(guess + "|" + f, -1.0)
            model.step += 1
    return model.averaged()


def train_perceptron(examples: list[tuple[list[str], bool]]) -> dict[str, float]:
    """Averaged perceptron, binary; returns the averaged weights, rounded, small ones dropped."""
    model = _Averaged()
    w = model.w
    order = list(range(len(examples)))
    rng = random.Random(0)
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for i in order:
            feats, y = examples[i]
            target = 1.0 if y else -1.0
            if sum(w.get(f, 0.0) for f in feats) * target <= 0:
                for f in feats:
                    model.bump(f, target)
            model.step += 1
    return model.averaged()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
