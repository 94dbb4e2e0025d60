"""Ingest end to end: bad inputs in a batch, idempotence, and a run killed mid-way."""
import json
import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest

from storyline.cli import main
from storyline.store.db import Store

GOOD = [
    ("one.txt", "Outlet: Daily Herald\ndate 2026-03-02\n\nPort deal questioned\n\n"
                "Minister Ilse Kova met the lobbyist Petar Dunn on Tuesday, two officials said.\n"),
    ("two.txt", "Outlet: Coastline Times\nPublished: March 5, 2026\n\nKova denies meeting\n\n"
                "Kova denied that she had met Dunn. \"I have never met him,\" she said on Wednesday.\n"),
]


def _batch(tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    for name, text in GOOD:
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "garbled.txt").write_bytes(b"\xff\xfe\x00\xd8\x00\xdc" * 2000)
    (folder / "undecodable.txt").write_bytes(b"Minister \x81\x8d\x8f\x90\x9d said " * 100)
    (folder / "huge.txt").write_text("word " * 30_000, encoding="utf-8")
    (folder / "lines.jsonl").write_text(
        json.dumps({"text": "A third article, about the harbour vote on Friday, officials said.",
                    "outlet": "Harbour Wire", "published": "2026-03-06"}) + "\n{not json\n",
        encoding="utf-8")
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    return folder


BAD = ["empty.txt", "blob.txt", "garbled.txt", "undecodable.txt", "huge.txt", "lines.jsonl#2", "picture.png"]


def test_bad_inputs_are_reported_one_line_each_and_the_rest_is_stored(tmp_path, capsys):
    folder = _batch(tmp_path)
    db = tmp_path / "s.db"
    code = main(["ingest", str(folder), "--db", str(db), "--quiet", "--max-bytes", "100000"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("storyline: ")]
    for bad in BAD:
        named = [line for line in lines if bad in line]
        assert len(named) == 1, (bad, lines)
        assert "(" in named[0]  # every line carries what to do about it
    with Store(db) as store:
        assert store.count("articles") == 3
        failed = {r["path"] for r in store.query("SELECT path FROM failures")}
        assert set(BAD) <= failed
        assert not failed & {"one.txt", "two.txt", "lines.jsonl#1"}
    assert "3 article(s) added" in out + err


def test_all_good_exits_0_and_the_same_files_twice_change_nothing(tmp_path, capsys):
    folder = tmp_path / "good"
    folder.mkdir()
    for name, text in GOOD:
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "s.db"
    assert main(["ingest", str(folder), "--db", str(db), "--quiet"]) == 0
    first = _dump(db)
    assert main(["ingest", str(folder), str(folder / "one.txt"), "--db", str(db), "--quiet"]) == 0
    assert _dump(db) == first
    assert first["articles"] == 2 and first["mentions"] > 0


def test_a_failure_fixed_later_is_cleared(tmp_path, capsys):
    folder = tmp_path / "f"
    folder.mkdir()
    (folder / "late.txt").write_bytes(b"")
    db = tmp_path / "s.db"
    assert main(["ingest", str(folder), "--db", str(db), "--quiet"]) == 1
    (folder / "late.txt").write_text(GOOD[0][1], encoding="utf-8")
    assert main(["ingest", str(folder), "--db", str(db), "--quiet"]) == 0
    with Store(db) as store:
        assert store.count("failures") == 0 and store.count("articles") == 1


def _dump(db):
    con = sqlite3.connect(db)
    tables = ["articles", "sentences", "mentions", "timexes", "events", "claims", "entities", "failures"]
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    counts["entity_rows"] = con.execute("SELECT group_concat(name, '|') FROM "
                                        "(SELECT name FROM entities ORDER BY name)").fetchone()[0]
    con.close()
    return counts


_KILLER = textwrap.dedent("""
    import os, signal, sys
    from storyline.ingest import ingest
    from storyline.store.db import Store

    class Conn:
        # forwards to the real connection; SIGKILLs the process inside the n-th article's transaction
        def __init__(self, real, n):
            self.real, self.n, self.articles = real, n, 0
        def execute(self, sql, *a):
            if sql.startswith("INSERT INTO articles"):
                self.articles += 1
            return self.real.execute(sql, *a)
        def executemany(self, sql, *a):
            if self.articles == self.n and "INTO timexes" in sql:
                os.kill(os.getpid(), signal.SIGKILL)
            return self.real.executemany(sql, *a)
        def __getattr__(self, name):
            return getattr(self.real, name)

    store = Store(sys.argv[1])
    store.conn = Conn(store.conn, int(sys.argv[3]))
    ingest([sys.argv[2]], store, batch_size=2)
""")


def test_a_run_killed_mid_article_leaves_a_consistent_store_and_resumes(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(8):
        (folder / f"a{i}.txt").write_text(
            f"Outlet: Daily Herald\ndate 2026-03-{i + 2:02d}\n\nStory {i}\n\n"
            f"Officials said on Monday that the council met {i} times with Ilse Kova.\n", encoding="utf-8")
    db = tmp_path / "k.db"
    killed = subprocess.run([sys.executable, "-c", _KILLER, str(db), str(folder), "5"],
                            capture_output=True, text=True)
    assert killed.returncode == -9, killed.stderr
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert stored == 4  # the fifth article's transaction never committed
    assert con.execute("SELECT count(DISTINCT article_id) FROM sentences").fetchone()[0] == 4
    assert con.execute("SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)"
                       ).fetchone()[0] == 0
    con.close()
    assert main(["ingest", str(folder), "--db", str(db), "--quiet"]) == 0
    counts = _dump(db)
    assert counts["articles"] == 8
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM (SELECT article_id, start FROM mentions "
                       "GROUP BY article_id, start HAVING count(*) > 1)").fetchone()[0] == 0
    con.close()


@pytest.mark.parametrize("content", [b"<html><body><script>" + b"x" * 10 + b"</script></body></html>",
                                     b"<html><head><title>t</title></head><body></body></html>"])
def test_html_without_article_text_is_a_failure_not_a_crash(tmp_path, capsys, content):
    page = tmp_path / "page.html"
    page.write_bytes(content)
    assert main(["ingest", str(page), "--db", str(tmp_path / "h.db"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "page.html" in err and "Traceback" not in err


def test_interrupt_keeps_what_was_stored(tmp_path, monkeypatch, capsys):
    """Ctrl-C mid-run: exit 130, whole articles only, and a rerun completes the batch."""
    import storyline.ingest as ingest_mod
    folder = tmp_path / "i"
    folder.mkdir()
    for i in range(4):
        (folder / f"a{i}.txt").write_text(f"date 2026-03-0{i + 2}\n\nStory {i}\n\nKova said {i} things.\n",
                                          encoding="utf-8")
    real = Store.add_analysis
    calls = {"n": 0}

    def flaky(self, article, analysis):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(self, article, analysis)

    monkeypatch.setattr(Store, "add_analysis", flaky)
    db = tmp_path / "i.db"
    assert main(["ingest", str(folder), "--db", str(db), "--quiet"]) == 130
    assert "Traceback" not in capsys.readouterr().err
    monkeypatch.setattr(Store, "add_analysis", real)
    with Store(db) as store:
        assert store.count("articles") == 2
    assert main(["ingest", str(folder), "--db", str(db), "--quiet"]) == 0
    with Store(db) as store:
        assert store.count("articles") == 4
    assert ingest_mod  # the module under test stays importable after the interrupt
