"""The fuzz suite (issue 21): mutated files of every kind through each reader, and folders of
them through `storyline ingest`. Hypothesis draws the mutations (tests/fuzz_cases.py) and
shrinks a failing case to its fewest; bench/fuzz.py runs the same mutations 100,000 times.

Contract: a reader gives Articles and Failures only, whatever the bytes and the file's name;
`storyline ingest` on a folder exits 0 or 1, stores every good file, names every file it could
not read in a failure row, and prints no traceback."""
import os
import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from fuzz_cases import OPS, SEEDS, TOKENS, check, mutate
from storyline.cli import main
from storyline.read import read_file

_op = st.tuples(st.sampled_from(OPS), st.floats(0, 1, allow_nan=False), st.integers(0, 10 * len(TOKENS)))
_case = st.tuples(st.sampled_from(sorted(SEEDS)), st.lists(_op, min_size=1, max_size=6))
_SETTINGS = dict(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _write(folder, name: bytes, data: bytes):
    path = os.path.join(os.fsencode(folder), name)
    with open(path, "wb") as fh:
        fh.write(data)
    return path


@settings(max_examples=2500, **_SETTINGS)
@given(case=_case)
def test_every_reader_gives_articles_or_failures_whatever_the_bytes(tmp_path_factory, case):
    name, data = mutate(*case)
    folder = tmp_path_factory.mktemp("fuzz")
    path = _write(folder, name, data)
    items = list(read_file(Path(os.fsdecode(path)), os.fsdecode(name), 5 << 20))
    assert check(items) == []


@settings(max_examples=12, **_SETTINGS)
@given(cases=st.lists(_case, min_size=1, max_size=3))
def test_ingest_of_a_folder_of_mutated_files_keeps_the_batch_contract(tmp_path_factory, capsys, cases):
    folder = tmp_path_factory.mktemp("batch")
    good = {f"good{i}.txt": f"Note {i}\n\nThe harbour master said on Monday that berth {i} would reopen.\n"
            for i in range(2)}
    for name, text in good.items():
        (folder / name).write_text(text, encoding="utf-8")
    bad = []
    for i, case in enumerate(cases):
        name, data = mutate(*case)
        name = b"m%d-" % i + name
        path = _write(folder, name, data)
        bad.append((os.fsdecode(name).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"), path))
    db = folder.parent / (folder.name + ".db")
    code = main(["ingest", str(folder), "--db", str(db), "--quiet"])
    err = capsys.readouterr().err
    assert code in (0, 1) and "Traceback" not in err and "internal error" not in err
    conn = sqlite3.connect(db)
    stored = {r[0] for r in conn.execute("SELECT name FROM articles")}
    ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    failed = {r[0] for r in conn.execute("SELECT path FROM failures")}
    conn.close()
    assert set(good) <= stored
    for name, path in bad:  # each mutated file is stored (its text may be another file's: one article), or failed
        if any(x == name or x.startswith(name + "#") for x in stored | failed):
            continue
        again = list(read_file(Path(os.fsdecode(path)), name, 5 << 20))
        assert again and all(getattr(a, "id", None) in ids for a in again), (name, sorted(failed))
    assert (code == 1) == bool(failed)
