import sqlite3

import pytest

from storyline.records import Analysis
from storyline.records import Article, Claim, Event, Failure, Mention, Source, Timex, article_id
from storyline.store.db import Store, migrations


def _article(text="Jane Doe met Bob Roe on Tuesday, officials said.", name="a.txt"):
    return Article(id=article_id(text), name=name, text=text, published="2026-03-10", published_from="metadata")


def _analysis():
    src = Source(kind="anonymous", text="officials", start=40, end=49, count=None)
    return Analysis(
        sentences=[(0, 49)],
        mentions=[Mention(0, 8, "Jane Doe", "PERSON", "Jane Doe"), Mention(13, 20, "Bob Roe", "PERSON", "Bob Roe")],
        timexes=[Timex(24, 31, "Tuesday", "DATE", "2026-03-10")],
        events=[Event(9, 12, "meeting", "met", 0, 49, ("Jane Doe", "Bob Roe"), "2026-03-10", "Tuesday", 24)],
        claims=[Claim(0, 31, "Jane Doe met Bob Roe on Tuesday", "said", "indirect", src, 50, 54)])


def test_migrations_are_numbered_and_applied_once(tmp_path):
    versions = [v for v, _, _ in migrations()]
    assert versions == sorted(versions) and versions[0] == 1 and len(set(versions)) == len(versions)
    db = tmp_path / "s.db"
    Store(db).close()
    store = Store(db)  # reopening applies nothing twice
    assert store.schema_version() == versions[-1]
    assert store.query("SELECT count(*) AS n FROM schema_migrations")[0]["n"] == len(versions)


def test_the_same_article_twice_changes_nothing(tmp_path):
    store = Store(tmp_path / "s.db")
    assert store.add_analysis(_article(), _analysis()) is True
    before = {t: store.count(t) for t in ("articles", "mentions", "timexes", "events", "claims")}
    assert store.add_analysis(_article(), _analysis()) is False
    assert {t: store.count(t) for t in before} == before == {
        "articles": 1, "mentions": 2, "timexes": 1, "events": 1, "claims": 1}


def test_a_failure_mid_article_leaves_nothing_of_it(tmp_path, monkeypatch):
    store = Store(tmp_path / "s.db")
    store.add_analysis(_article("First story, kept."), _analysis())
    bad = _analysis()
    bad.claims = [object()]  # fails while writing the claims, after the article row
    with pytest.raises(AttributeError):
        store.add_analysis(_article("Second story."), bad)
    assert store.count("articles") == 1 and store.count("mentions") == 2
    assert store.query("PRAGMA integrity_check")[0][0] == "ok"


def test_failures_are_recorded_once_per_problem(tmp_path):
    store = Store(tmp_path / "s.db")
    f = Failure("x.bin", "read", "[E102] the file is binary, not text", "give text")
    store.record_failure(f)
    store.record_failure(f)
    assert store.count("failures") == 1
    store.clear_failure("x.bin")
    assert store.count("failures") == 0


def test_not_a_database_is_a_clear_error(tmp_path):
    from storyline.errors import StorylineError
    (tmp_path / "x.db").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StorylineError, match="not a Storyline database"):
        Store(tmp_path / "x.db")


def test_search_tables_follow_articles(tmp_path):
    store = Store(tmp_path / "s.db")
    store.add_analysis(_article(), _analysis())
    rows = store.query("SELECT rowid FROM article_search WHERE article_search MATCH ?", ('"Bob Roe"',))
    assert len(rows) == 1
    assert len(store.query("SELECT rowid FROM claim_search WHERE claim_search MATCH 'tuesday'")) == 1


def test_a_store_made_before_source_groups_gains_the_column(tmp_path):
    import sqlite3
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    for version, name, sql in migrations():
        if version < 4:
            conn.executescript(sql)
            conn.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 'then')",
                         (version, name))
    conn.commit()
    conn.close()
    store = Store(db)
    assert "source_group" in {r["name"] for r in store.query("PRAGMA table_info(claims)")}
    store.close()
