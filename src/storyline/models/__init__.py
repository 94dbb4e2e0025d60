"""The project's learned resources: weights and counts only, no text, each rebuilt by a script
in scripts/. A large one is kept gzipped (`name.gz`); `read_json` reads either form."""
from __future__ import annotations

import gzip
import json
from importlib import resources

__all__ = ["read_json", "exists", "path"]


def _file(name: str):
    folder = resources.files(__name__)
    plain = folder / name
    return plain if plain.is_file() else folder / (name + ".gz")


def exists(name: str) -> bool:
    return _file(name).is_file()


def read_json(name: str) -> dict | None:
    """The model file `name` (or `name.gz`), parsed; None when neither is there or it is not JSON."""
    path = _file(name)
    try:
        raw = path.read_bytes()
        return json.loads(gzip.decompress(raw) if path.name.endswith(".gz") else raw)
    except (OSError, ValueError):
        return None


def path(name: str):
    """A filesystem path to the model file `name` (for numpy's loader), or None when it is absent."""
    found = resources.files(__name__) / name
    return found if found.is_file() else None
