"""Supply chain (issue 21): compatible ranges in pyproject.toml with exact pins in
constraints.txt that CI and the README install with; no dependency that is never imported; every
shipped model file checked against its recorded sha256 when it is loaded."""
import hashlib
import re
import tomllib
from pathlib import Path

import pytest

from storyline import models
from storyline.errors import StorylineError

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=~!;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def test_runtime_dependencies_are_ranges_pinned_exactly_in_constraints():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = _pins()
    wanted = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    for requirement in wanted:
        assert "==" not in requirement, requirement
        assert _name(requirement) in pins, f"{requirement} has no exact version in constraints.txt"
    assert "dateparser" not in {_name(r) for r in project["dependencies"]}  # never imported by Storyline


def test_ci_and_the_readme_install_with_the_constraints():
    assert "-c constraints.txt" in (ROOT / ".ci" / "run").read_text()
    assert "pip install -c constraints.txt -e '.[test]'" in (ROOT / "README.md").read_text()


def test_every_model_file_is_recorded_with_its_sha256():
    folder = Path(models.__file__).parent
    recorded = models.manifest()
    shipped = {p.name for p in folder.iterdir() if p.is_file() and p.suffix != ".py" and p.name != models.MANIFEST}
    assert shipped == set(recorded), "refresh with: python -m storyline.models"
    for name, digest in recorded.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_a_model_file_that_is_not_the_one_shipped_is_refused(monkeypatch):
    tampered = {**models.manifest(), "cue_gap.json": "0" * 64}
    monkeypatch.setattr(models, "manifest", lambda: tampered)
    with pytest.raises(StorylineError, match="E020.*cue_gap.json"):
        models.read_json("cue_gap.json")


def test_the_tokenizer_file_is_the_models_own():
    from storyline.judge import embeddings
    files = embeddings._onnx_files()
    if files is None:
        pytest.skip("the ONNX backend is not installed")
    assert hashlib.sha256(files[1].read_bytes()).hexdigest() == embeddings._TOKENIZER_SHA256
