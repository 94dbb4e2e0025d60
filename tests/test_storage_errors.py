"""What the database file can do wrong, each with its own message and exit code (issue 21):
disk full (3), read-only (4), no folder (5), damaged (6), someone else's SQLite file (7); and
four processes creating one new database at once all succeed. Each failed before issue 21,
except that an empty file becomes a database (as before; kept beside the refusal of a foreign one)."""
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from storyline.cli import main
from storyline.store import db as db_module
from storyline.store.db import Store

SRC = Path(__file__).resolve().parent.parent / "src"


def _articles(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03}.txt").write_text(
            f"Note {i}\n\nMinister Ilse Kova met Petar Dunn on March {1 + i % 28}, 2026, two officials said. "
            + "The harbour contract was discussed at length. " * 40 + "\n", encoding="utf-8")
    return folder


def test_a_full_disk_stops_with_its_own_message_and_keeps_what_was_stored(tmp_path, capsys, monkeypatch):
    real = Store._connect

    def small_disk(self, shared):
        conn = real(self, shared)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 60) + 40}")  # SQLite's own "disk is full"
        return conn

    monkeypatch.setattr(Store, "_connect", small_disk)
    db = tmp_path / "s.db"
    code = main(["ingest", str(_articles(tmp_path / "in", 30)), "--db", str(db), "--quiet"])
    err = capsys.readouterr().err
    assert code == 3 and "E211" in err and "full" in err and "Traceback" not in err
    monkeypatch.undo()
    with Store(db) as store:  # every article stored before the disk filled is whole
        stored = store.count("articles")
        assert 0 < stored < 30
        assert store.query("SELECT count(DISTINCT article_id) FROM sentences")[0][0] == stored


def test_a_read_only_database_is_read_but_not_written(demo_db, tmp_path, capsys, monkeypatch):
    copy = tmp_path / "ro.db"
    src, dst = sqlite3.connect(demo_db[0]), sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    real = sqlite3.connect

    def read_only(target, *args, **kwargs):  # what a read-only file or file system gives SQLite
        if str(target) == str(copy):
            kwargs["uri"] = True
            target = copy.resolve().as_uri() + "?mode=ro"
        return real(target, *args, **kwargs)

    monkeypatch.setattr(db_module.sqlite3, "connect", read_only)
    assert main(["export", "--db", str(copy), "--format", "json"]) == 0
    assert '"schema": "storyline/1"' in capsys.readouterr().out
    code = main(["ingest", str(_articles(tmp_path / "in", 1)), "--db", str(copy), "--quiet"])
    err = capsys.readouterr().err
    assert code == 4 and "E212" in err and "cannot be written" in err and "Traceback" not in err


def test_a_missing_folder_for_the_database_exits_5(tmp_path, capsys):
    code = main(["ingest", str(_articles(tmp_path / "in", 1)), "--db", str(tmp_path / "no" / "s.db"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 5 and "E201" in err and "does not exist" in err


def test_a_damaged_database_is_refused_not_read_in_part(demo_db, tmp_path, capsys):
    copy = tmp_path / "damaged.db"
    src, dst = sqlite3.connect(demo_db[0]), sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.close()
    data = bytearray(copy.read_bytes())
    page = 4096
    pages = len(data) // page
    for p in range(pages // 3, pages // 3 + 4):  # zero four pages in the middle of the file
        data[p * page:(p + 1) * page] = bytes(page)
    copy.write_bytes(bytes(data))
    code = main(["entities", "--db", str(copy)])
    err = capsys.readouterr().err
    assert code == 6 and "E213" in err and "damaged" in err and "Traceback" not in err


def test_another_programs_sqlite_file_is_refused_and_left_alone(tmp_path, capsys):
    foreign = tmp_path / "their.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.commit()
    conn.close()
    code = main(["ingest", str(_articles(tmp_path / "in", 1)), "--db", str(foreign), "--quiet"])
    err = capsys.readouterr().err
    assert code == 7 and "not a Storyline database" in err and "invoices" in err
    conn = sqlite3.connect(foreign)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["invoices"]
    conn.close()


@pytest.mark.parametrize("make", [lambda p: p.write_bytes(b""), lambda p: sqlite3.connect(p).close()])
def test_an_empty_file_becomes_a_storyline_database(tmp_path, make):
    empty = tmp_path / "empty.db"
    make(empty)
    with Store(empty) as store:
        assert store.schema_version() > 0


_CREATE = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {src!r})
    from storyline.errors import StorylineError
    from storyline.store.db import Store
    start = float(sys.argv[2])
    while time.time() < start:
        pass
    try:
        Store(sys.argv[1]).close()
    except StorylineError as err:
        print(err.message())
        sys.exit(1)
""")


def _race(folder: Path, rounds: int, processes: int = 4) -> tuple[int, list[str]]:
    script = folder / "create.py"
    script.write_text(_CREATE.format(src=str(SRC)))
    ok, errors = 0, []
    for r in range(rounds):
        db = folder / f"race{r}.db"
        start = time.time() + 1.0  # every process is running and waiting for this moment
        procs = [subprocess.Popen([sys.executable, str(script), str(db), str(start)], stdout=subprocess.PIPE, text=True)
                 for _ in range(processes)]
        for p in procs:
            out, _ = p.communicate(timeout=120)
            if p.returncode == 0:
                ok += 1
            else:
                errors.append(out.strip())
    return ok, errors


def test_processes_creating_one_database_at_once_all_succeed(tmp_path):
    ok, errors = _race(tmp_path, rounds=3)
    assert ok == 12, errors
