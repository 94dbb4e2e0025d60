"""The project's learned resources: weights and counts only, no text, each rebuilt by a script
in scripts/. A large one is kept gzipped (`name.gz`); `read_json` reads either form.

Every file here is listed with its sha256 in SHA256SUMS and checked when it is loaded: a file
changed after it was shipped (by accident or on purpose) stops the run with a clear error
instead of quietly changing what Storyline finds. After rebuilding a model with its script,
record it with `python -m storyline.models` (tests fail while SHA256SUMS and the files differ).
"""
from __future__ import annotations

import functools
import gzip
import hashlib
import json
from importlib import resources
from pathlib import Path

from storyline.errors import StorylineError

__all__ = ["read_json", "exists", "path", "verified", "MANIFEST", "manifest", "write_manifest"]

MANIFEST = "SHA256SUMS"


def _file(name: str):
    folder = resources.files(__name__)
    plain = folder / name
    return plain if plain.is_file() else folder / (name + ".gz")


def exists(name: str) -> bool:
    return _file(name).is_file()


def path(name: str) -> Path | None:
    """Where the model file `name` (or `name.gz`) is, checked against SHA256SUMS (for loaders that
    read a path, as numpy's); None when it is not there."""
    found = Path(str(_file(name)))
    if not found.is_file():
        return None
    verified(found.name, found.read_bytes())
    return found


def read_json(name: str) -> dict | None:
    """The model file `name` (or `name.gz`), parsed; None when neither is there or it is not JSON.
    A file that is there but not the one recorded in SHA256SUMS is a StorylineError."""
    found = _file(name)
    try:
        raw = found.read_bytes()
    except OSError:
        return None
    verified(found.name, raw)
    try:
        return json.loads(gzip.decompress(raw) if found.name.endswith(".gz") else raw)
    except ValueError:
        return None


def verified(name: str, data: bytes) -> bytes:
    """`data` of the model file `name`, when its sha256 is the one recorded; else StorylineError."""
    expected = manifest().get(name)
    digest = hashlib.sha256(data).hexdigest()
    if expected != digest:
        raise StorylineError(
            "E020", f"the model file storyline/models/{name} is not the one shipped "
                    f"(sha256 {digest[:12]}..., {'expected ' + expected[:12] + '...' if expected else 'not recorded'})",
            "reinstall Storyline; if you rebuilt the model yourself, record it with `python -m storyline.models`")
    return data


@functools.lru_cache(maxsize=1)
def manifest() -> dict[str, str]:
    """{file name: sha256} as recorded in SHA256SUMS."""
    try:
        text = (resources.files(__name__) / MANIFEST).read_text(encoding="utf-8")
    except OSError:
        return {}
    out = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split(maxsplit=1)
            out[name.strip()] = digest
    return out


def write_manifest(folder: Path | None = None) -> str:
    """Record the sha256 of every model file in `folder` (default: this package's) in SHA256SUMS."""
    folder = folder or Path(__file__).resolve().parent
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}" for p in sorted(folder.iterdir())
             if p.is_file() and not p.name.startswith((".", "__")) and p.name != MANIFEST and p.suffix != ".py"]
    text = "# sha256 of each shipped model file, checked at load; refresh: python -m storyline.models\n" \
           + "\n".join(lines) + "\n"
    (folder / MANIFEST).write_text(text, encoding="utf-8")
    manifest.cache_clear()
    return text
