"""The SQLite store: numbered migrations, one transaction per article.

Each article and everything found in it is written in a single transaction, so a
run killed mid-way leaves only whole articles behind; rerunning skips the articles
already stored (ids are content hashes) and completes the rest.
"""
from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict
from importlib import resources
from pathlib import Path

from storyline.errors import StorylineError
from storyline.records import Article, Failure

__all__ = ["Store", "open_store", "migrations"]

_MIGRATION = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration shipped with the package, in order."""
    folder = resources.files("storyline.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        m = _MIGRATION.match(entry.name)
        if m:
            found.append((int(m[1]), m[2], entry.read_text(encoding="utf-8")))
    return sorted(found)


def open_store(path: str | Path) -> "Store":
    return Store(path)


class Store:
    def __init__(self, path: str | Path, shared: bool = False):
        """`shared`: the connection may be used from several threads, one at a time (the caller
        serialises them; the web server does, to keep one story's judgements for all requests)."""
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).parent
            if not parent.exists():
                raise StorylineError("E201", f"the folder for the database {self.path} does not exist",
                                     "create it or choose another --db path")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=not shared)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StorylineError("E202", f"{self.path} is not a Storyline database ({exc})",
                                 "choose another --db path") from exc

    # -- schema -----------------------------------------------------------------
    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                          "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                          "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")
        done = {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}
        for version, name, sql in migrations():
            if version in done:
                continue
            try:
                self.conn.executescript(
                    f"BEGIN IMMEDIATE;\n{sql}\n"
                    f"INSERT INTO schema_migrations(version, name) VALUES ({version}, '{name}');\nCOMMIT;")
            except sqlite3.Error:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def schema_version(self) -> int:
        return self.conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] or 0

    # -- writing ----------------------------------------------------------------
    def transaction(self):
        return _Transaction(self.conn)

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add_analysis(self, article: Article, analysis) -> bool:
        """Store an article and its analysis atomically; False when it was already stored."""
        with self.transaction():
            if self.has_article(article.id):
                return False
            row = asdict(article)
            cols = ", ".join(row)
            self.conn.execute(f"INSERT INTO articles ({cols}) VALUES ({', '.join('?' * len(row))})",
                              tuple(row.values()))
            aid = article.id
            self.conn.executemany("INSERT OR IGNORE INTO sentences VALUES (?, ?, ?)",
                                  [(aid, s, e) for s, e in analysis.sentences])
            self.conn.executemany(
                'INSERT OR IGNORE INTO mentions (article_id, start, "end", text, type, canonical, title, form) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(aid, m.start, m.end, m.text, m.type, m.canonical, m.title, m.form) for m in analysis.mentions])
            self.conn.executemany(
                'INSERT OR IGNORE INTO timexes (article_id, start, "end", text, type, value, mod, anchor, '
                'relation, "offset") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                [(aid, t.start, t.end, t.text, t.type, t.value, t.mod, t.anchor, t.relation, t.offset)
                 for t in analysis.timexes])
            self.conn.executemany(
                'INSERT OR IGNORE INTO events (article_id, start, "end", type, trigger, sentence_start, '
                "sentence_end, participants, when_value, when_text, timex_start, polarity, certainty, mood) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(aid, e.start, e.end, e.type, e.trigger, e.sentence_start, e.sentence_end,
                  json.dumps(list(e.participants)), e.when, e.when_text, e.timex_start, e.polarity, e.certainty,
                  e.mood) for e in analysis.events])
            self.conn.executemany(
                'INSERT OR IGNORE INTO claims (article_id, start, "end", text, cue, cue_start, cue_end, quote, '
                "source_kind, source_text, source_start, source_end, source_entity, source_count, "
                "source_affiliation, source_on_behalf_of, polarity, certainty, said_on, source_group, predicate) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_claim_row(aid, c) for c in analysis.claims])
        return True

    def record_failure(self, failure: Failure) -> None:
        with self.transaction():
            self.conn.execute(
                "INSERT INTO failures (path, stage, problem, hint) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (path, problem) DO UPDATE SET last_seen = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                (failure.path, failure.stage, failure.problem, failure.hint))

    def clear_failure(self, path: str) -> None:
        """An input that now reads fine is no longer a failure."""
        with self.transaction():
            self.conn.execute("DELETE FROM failures WHERE path = ?", (path,))

    # -- reading ----------------------------------------------------------------
    def query(self, sql: str, params=()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, params).fetchall()

    def count(self, table: str) -> int:
        if table not in _TABLES:
            raise ValueError(f"unknown table {table!r}")
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_TABLES = {"articles", "sentences", "mentions", "timexes", "events", "claims", "failures", "entities",
           "entity_mentions", "resolved_times", "inferred_dates", "entity_decisions"}


def _claim_row(aid: str, c) -> tuple:
    s = c.source
    return (aid, c.start, c.end, c.text, c.cue, c.cue_start, c.cue_end, c.quote,
            s.kind if s else None, s.text if s else None, s.start if s else None, s.end if s else None,
            s.entity if s else None, s.count if s else None, s.affiliation if s else None,
            s.on_behalf_of if s else None, c.polarity, c.certainty, c.said_on, s.group if s else None,
            c.predicate)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (including KeyboardInterrupt)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
        return False
