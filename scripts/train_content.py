"""Learn where attribution contents start and end from PolNeAR's training split.

    python scripts/train_content.py ../shared/data/polnear/data/train [--parsed FILE.spacy]

Runs our own attribution rules over each training text (the content model switched off), and
for every reported or stance attribution whose cue and content overlap a gold relation's, asks
which candidate first and last tokens (storyline.analyse.content_model.candidates) would give
the gold content's first and last character once written out in PolNeAR's shape
(evaluate.polnear.to_polnear) and normalised as the scorer does (evaluate.polnear.normal); of
several that would, the one nearest the rules' own edge. Two averaged
perceptrons rank the candidates (start, end); their weights go to
src/storyline/models/content_model.json (feature -> weight, nothing of the texts).

--parsed reads (or, if missing, writes) the parsed training texts as a spaCy DocBin, so a rerun
skips the two and a half minutes of parsing. Deterministic (seeded shuffle). About three minutes
on two cores with the parse saved, five and a half without.
"""
from __future__ import annotations

import json
import random
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "src" / "storyline" / "models"
EPOCHS = 10
MIN_FEATURE_COUNT = 3


def _hull(spans):
    """(first start, last end) of fragments; (-1, -1) for none (a span of punctuation alone)."""
    return (spans[0][0], spans[-1][1]) if spans else (-1, -1)


def _overlap(a, b) -> int:
    a, b = _hull(a), _hull(b)
    return min(a[1], b[1]) - max(a[0], b[0])


def _nearest(candidates: list[int], fits, own: int) -> int | None:
    """The index in `candidates` of the token nearest the rules' own edge `own` among those `fits`
    accepts: where several edges give the gold span once written out (a pseudo-cleft's complement
    and its "what"), the one nearer what the rules found, so the product keeps its own extent."""
    fitting = [k for k, i in enumerate(candidates) if fits(i)]
    return min(fitting, key=lambda k: abs(candidates[k] - own)) if fitting else None


def examples(docs, parsed):
    """(ctx kind, [start feature lists], gold start index or None, [end feature lists], gold end index or None)."""
    from storyline.analyse import content_model as cm
    from storyline.analyse.attributions import attributions, revise
    from storyline.analyse.mentions import mentions
    from storyline.evaluate.polnear import normal, to_polnear
    cm.ACTIVE = False
    # the gap step runs after the rankers and learns from their output (train_cue_gap.py): off
    # here, so the rankers see cues as they will when they run, and the two models do not feed
    # each other's training
    revise.GAP_ACTIVE = False
    out, stats = [], Counter()
    for (_, text, gold), doc in zip(docs, parsed):
        for a in attributions(doc, mentions(doc, 0, [])):
            if not cm.applies(a):
                continue
            r = to_polnear(text, a)
            match = [g for g in gold if _overlap(g.cue, r.cue) > 0 and _overlap(g.content, r.content) > 0]
            if not match:
                stats["no gold"] += 1
                continue
            g = max(match, key=lambda g: _overlap(g.content, r.content))
            ctx = cm.context(doc, a)
            if ctx is None:
                continue
            g_start, g_end = _hull(normal(text, g.content))
            starts, ends = cm.candidates(doc, ctx)

            def start_fits(i):
                return _hull(normal(text, to_polnear(text, replace(a, content_start=doc[i].idx)).content))[0] == g_start

            def end_fits(j):
                written = to_polnear(text, replace(a, content_end=doc[j].idx + len(doc[j].text))).content
                return _hull(normal(text, written))[1] == g_end
            s_gold = _nearest(starts, start_fits, ctx["content"].start)
            e_gold = _nearest(ends, end_fits, ctx["content"].end - 1)
            own = _hull(normal(text, r.content))
            stats["matched"] += 1
            stats["start reachable"] += s_gold is not None
            stats["end reachable"] += e_gold is not None
            stats["start right already"] += own[0] == g_start
            stats["end right already"] += own[1] == g_end
            out.append(([cm.start_features(doc, ctx, i) for i in starts], s_gold,
                        [cm.end_features(doc, ctx, j) for j in ends], e_gold))
    return out, stats


def train(items: list[tuple[list[list[str]], int]], seed: int) -> dict[str, float]:
    """Averaged perceptron ranking: the gold candidate should outscore the others."""
    counts = Counter(f for feats, _ in items for fs in feats for f in set(fs))
    keep = {f for f, n in counts.items() if n >= MIN_FEATURE_COUNT}
    items = [([[f for f in fs if f in keep] for fs in feats], gold) for feats, gold in items]
    w: dict[str, float] = {}
    total: dict[str, float] = {}
    stamp: dict[str, int] = {}
    step = 0
    rng = random.Random(seed)
    order = list(range(len(items)))
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for k in order:
            step += 1
            feats, gold = items[k]
            scores = [sum(w.get(f, 0.0) for f in fs) for fs in feats]
            guess = max(range(len(scores)), key=lambda n: scores[n])
            if scores[guess] > scores[gold] or (guess != gold and scores[guess] == scores[gold]):
                for f, delta in [(f, 1.0) for f in feats[gold]] + [(f, -1.0) for f in feats[guess]]:
                    total[f] = total.get(f, 0.0) + (step - stamp.get(f, 0)) * w.get(f, 0.0)
                    stamp[f] = step
                    w[f] = w.get(f, 0.0) + delta
    for f in w:
        total[f] = total.get(f, 0.0) + (step - stamp.get(f, 0)) * w[f]
    return {f: round(v / step, 3) for f, v in total.items() if abs(v / step) >= 5e-3}


def accuracy(weights, items) -> float:
    right = 0
    for feats, gold in items:
        scores = [sum(weights.get(f, 0.0) for f in fs) for fs in feats]
        right += max(range(len(scores)), key=lambda n: scores[n]) == gold
    return right / max(1, len(items))


def load_parsed(split: str, parsed_file: str | None):
    """PolNeAR's (name, text, gold) of `split` and the parsed texts; with `parsed_file`, the parse is
    read from (or, the first time, written to) that spaCy DocBin."""
    sys.path.insert(0, str(ROOT / "src"))
    from spacy.tokens import DocBin

    from storyline.analyse import nlp as nlp_loader
    from storyline.evaluate.polnear import load
    docs = load(Path(split))
    nlp = nlp_loader.load()
    if parsed_file and Path(parsed_file).exists():
        parsed = list(DocBin().from_disk(parsed_file).get_docs(nlp.vocab))
    else:
        parsed = list(nlp.pipe([t for _, t, _ in docs], batch_size=16))
        if parsed_file:
            bin_ = DocBin(store_user_data=True)
            for d in parsed:
                bin_.add(d)
            bin_.to_disk(parsed_file)
    return docs, parsed


def parsed_arguments(default: str) -> tuple[str, str | None]:
    """(split folder, --parsed file or None) from the command line."""
    args = sys.argv[1:]
    parsed_arg = None
    if "--parsed" in args:
        k = args.index("--parsed")
        parsed_arg = args[k + 1]
        del args[k:k + 2]
    return (args[0] if args else default), parsed_arg


def main(split: str, parsed_file: str | None) -> None:
    docs, parsed = load_parsed(split, parsed_file)
    items, stats = examples(docs, parsed)
    print(dict(stats))
    starts = [(s, g) for s, g, _, _ in items if g is not None]
    ends = [(e, g) for _, _, e, g in items if g is not None]
    model = {"start": train(starts, 1), "end": train(ends, 2)}
    print(f"train accuracy: start {accuracy(model['start'], starts):.3f} ({len(starts)}), "
          f"end {accuracy(model['end'], ends):.3f} ({len(ends)})")
    out = MODELS / "content_model.json"
    out.write_text(json.dumps({"note": "content boundary ranker; scripts/train_content.py", **model},
                              separators=(",", ":"), sort_keys=True), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB, {len(model['start'])} + {len(model['end'])} weights)")


if __name__ == "__main__":
    main(*parsed_arguments("../shared/data/polnear/data/train"))
