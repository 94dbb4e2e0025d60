"""The SQLite store: numbered migrations, one transaction per article.

Each article and everything found in it is written in a single transaction, so a
run killed mid-way leaves only whole articles behind; rerunning skips the articles
already stored (ids are content hashes) and completes the rest.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import time
from dataclasses import asdict
from importlib import resources
from pathlib import Path

from storyline.errors import (Damaged, DiskFull, NoDatabase, NotStoryline, ReadOnly, StorageError,
                              StorylineError)
from storyline.records import Article, Failure, profiles_json

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


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _wal(conn: sqlite3.Connection, patience: float = 30.0) -> None:
    """Switch to WAL. SQLite answers this pragma "database is locked" at once, without waiting
    (no busy handler), while another process is creating or switching the same file; so wait
    here, as every other statement waits, before calling the file locked."""
    deadline = time.monotonic() + patience
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.25)


class Store:
    def __init__(self, path: str | Path, shared: bool = False):
        """`shared`: the connection may be used from several threads, one at a time (the caller
        serialises them; the web server does, to keep one story's judgements for all requests).

        A database that cannot be written but holds the current schema opens read-only, so the
        commands that only read work on a read-only file or file system."""
        self.path = str(path)
        self.readonly = False
        existed = self.path != ":memory:" and _existing(self.path)
        if self.path != ":memory:" and not Path(self.path).parent.exists():
            raise NoDatabase("E201", f"the folder for the database {self.path} does not exist",
                             "create it or choose another --db path")
        try:
            self.conn = self._connect(shared)
            if existed:
                self._check()
            self._migrate()
        except StorylineError:
            self._close_quietly()
            raise
        except sqlite3.Error as exc:
            self._close_quietly()
            raise storage_error(exc, self.path) from exc

    def _connect(self, shared: bool) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=30, check_same_thread=not shared)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if self.path != ":memory:":
            try:
                _wal(conn)
            except sqlite3.OperationalError as exc:
                conn.close()
                # A read-only file says READONLY; on a read-only file system the WAL's files cannot
                # even be created (CANTOPEN).
                if not (_is_readonly(exc) or _cannot_open(exc)):
                    raise
                if not _existing(self.path):
                    if not os.access(Path(self.path).parent, os.W_OK):
                        raise ReadOnly("E212", f"the folder of {self.path} cannot be written (a read-only "
                                               "file system?)", "give a --db path on a writable disk") from exc
                    raise
                return self._connect_readonly(shared)
        conn.execute("PRAGMA synchronous = NORMAL")
        return conn

    def _connect_readonly(self, shared: bool) -> sqlite3.Connection:
        """A read-only connection; `immutable` where even WAL's shared-memory file cannot be made
        (a read-only file system, where nobody else can be writing either)."""
        self.readonly = True
        uri = Path(self.path).resolve().as_uri()
        for extra in ("?mode=ro", "?mode=ro&immutable=1"):
            conn = sqlite3.connect(uri + extra, uri=True, isolation_level=None, timeout=30,
                                   check_same_thread=not shared)
            conn.row_factory = sqlite3.Row
            try:
                conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return conn
            except sqlite3.OperationalError:
                conn.close()
        raise ReadOnly("E212", f"{self.path} cannot be opened (a read-only file or file system)",
                       "copy it somewhere writable, or make it writable")

    def _check(self) -> None:
        """Refuse a damaged file, and an SQLite file of another program (one with tables but no
        schema_migrations): Storyline never adds its tables to someone else's database."""
        row = self.conn.execute("PRAGMA quick_check(1)").fetchone()
        if row is None or row[0] != "ok":
            raise Damaged("E213", f"{self.path} is damaged ({row[0] if row else 'no answer'})",
                          "restore it from a copy, or ingest the articles again into a new --db file")
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables and "schema_migrations" not in tables:
            raise NotStoryline("E202", f"{self.path} is not a Storyline database (it holds other tables: "
                                       f"{', '.join(sorted(tables)[:3])}{', ...' if len(tables) > 3 else ''})",
                               "choose another --db path; Storyline only creates its tables in a new or empty file")

    def _close_quietly(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:
                pass

    # -- schema -----------------------------------------------------------------
    def _migrate(self) -> None:
        """Apply the migrations not yet applied, all under one write lock (BEGIN IMMEDIATE) with
        the applied versions read inside it: a second process creating the same database waits
        for the first and then finds nothing left to do."""
        wanted = migrations()
        if self._applied() >= {v for v, _, _ in wanted}:
            return  # the usual case: nothing to do, and no write lock taken (a read-only file opens)
        if self.readonly:
            raise ReadOnly("E212", f"{self.path} needs its schema brought up to date but cannot be written",
                           "make it writable and run any storyline command on it once")
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                              "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                              "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")
            done = self._applied()
            for version, name, sql in wanted:
                if version in done:
                    continue
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations(version, name) VALUES (?, ?)", (version, name))
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def _applied(self) -> set[int]:
        try:
            return {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return set()
            raise

    def schema_version(self) -> int:
        return self.conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] or 0

    # -- writing ----------------------------------------------------------------
    def transaction(self):
        return _Transaction(self.conn, self.path)

    def errors(self):
        """A block whose SQLite errors about the file itself (disk full, read-only, damaged)
        become the StorageError that says what to do; errors about the data pass unchanged."""
        return _Translated(self.path)

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add_analysis(self, article: Article, analysis) -> bool:
        """Store an article and its analysis atomically; False when it was already stored."""
        with self.transaction(), self.errors():
            if self.has_article(article.id):
                return False
            row = {k: (json.dumps(v) if v else None) if isinstance(v, tuple) else v for k, v in asdict(article).items()}
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
                "sentence_end, participants, when_value, when_text, timex_start, polarity, certainty, mood, "
                "event_class, tense, aspect, modality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(aid, e.start, e.end, e.type, e.trigger, e.sentence_start, e.sentence_end,
                  json.dumps(list(e.participants)), e.when, e.when_text, e.timex_start, e.polarity, e.certainty,
                  e.mood, e.event_class, e.tense, e.aspect, e.modality) for e in analysis.events])
            self.conn.executemany(
                'INSERT OR IGNORE INTO claims (article_id, start, "end", text, cue, cue_start, cue_end, quote, '
                "source_kind, source_text, source_start, source_end, source_entity, source_count, "
                "source_affiliation, source_on_behalf_of, polarity, certainty, said_on, source_group, predicate, states) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_claim_row(aid, c) for c in analysis.claims])
            if analysis.document_profile is not None:
                self.conn.execute("INSERT OR IGNORE INTO event_profiles (article_id, profile) VALUES (?, ?)",
                                  (aid, profiles_json(analysis.document_profile, analysis.event_profiles)))
        return True

    def record_failure(self, failure: Failure) -> None:
        with self.transaction(), self.errors():
            self.conn.execute(
                "INSERT INTO failures (path, stage, problem, hint) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (path, problem) DO UPDATE SET last_seen = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                (failure.path, failure.stage, failure.problem, failure.hint))

    def clear_failure(self, path: str) -> None:
        """An input that now reads fine is no longer a failure."""
        with self.transaction(), self.errors():
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
           "entity_mentions", "resolved_times", "inferred_dates", "entity_decisions", "event_profiles",
           "event_clusters", "event_vectors", "article_topics"}


def _claim_row(aid: str, c) -> tuple:
    s = c.source
    return (aid, c.start, c.end, c.text, c.cue, c.cue_start, c.cue_end, c.quote,
            s.kind if s else None, s.text if s else None, s.start if s else None, s.end if s else None,
            s.entity if s else None, s.count if s else None, s.affiliation if s else None,
            s.on_behalf_of if s else None, c.polarity, c.certainty, c.said_on, s.group if s else None,
            c.predicate, int(c.states))


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (including KeyboardInterrupt)."""

    def __init__(self, conn: sqlite3.Connection, path: str = ""):
        self.conn, self.path = conn, path

    def __enter__(self):
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise storage_error(exc, self.path) from exc
        return self.conn

    def __exit__(self, exc_type, exc, tb):
        try:
            if exc_type is None:
                self.conn.execute("COMMIT")
            elif self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        except sqlite3.Error as err:
            if self.conn.in_transaction:
                try:
                    self.conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise storage_error(err, self.path) from err
        return False


class _Translated:
    def __init__(self, path: str):
        self.path = path

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc is not None and isinstance(exc, sqlite3.Error) and not isinstance(exc, _DATA_ERRORS):
            raise storage_error(exc, self.path) from exc
        return False


# Errors about what was being written, not about the file: one article's problem.
_DATA_ERRORS = (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.ProgrammingError, sqlite3.DataError)


def _existing(path: str) -> bool:
    """Whether `path` is a file with something in it (an empty file is a new database); a file
    that is not SQLite at all is refused here, before SQLite reads it."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return False
    except IsADirectoryError:
        raise NotStoryline("E202", f"{path} is a folder, not a Storyline database", "give a file path") from None
    except OSError:
        return True  # unreadable: SQLite's own error says which way
    if head and head != _SQLITE_MAGIC:
        raise NotStoryline("E202", f"{path} is not a Storyline database (not an SQLite file)",
                           "choose another --db path")
    return bool(head)


def _cannot_open(exc: sqlite3.Error) -> bool:
    return (getattr(exc, "sqlite_errorname", "") or "").startswith("SQLITE_CANTOPEN") or "unable to open" in str(exc)


def _is_readonly(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name.startswith("SQLITE_READONLY") or "readonly" in str(exc)


def storage_error(exc: sqlite3.Error, path: str) -> StorylineError:
    """The StorageError for an SQLite error about the database file `path`."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc)
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return DiskFull("E211", f"the disk holding {path} is full; every article stored before was kept",
                        "free some space and run the same command again: it goes on where it stopped")
    if _is_readonly(exc):
        return ReadOnly("E212", f"{path} cannot be written (a read-only file or file system)",
                        "make it writable, or give another --db path")
    if name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return Damaged("E213", f"{path} is damaged ({text})",
                       "restore it from a copy, or ingest the articles again into a new --db file")
    if name.startswith("SQLITE_NOTADB") or "not a database" in text:
        return NotStoryline("E202", f"{path} is not a Storyline database ({text})", "choose another --db path")
    if name.startswith("SQLITE_CANTOPEN"):
        folder = Path(path).parent
        if folder.is_dir() and not os.access(folder, os.W_OK):
            return ReadOnly("E212", f"{path} cannot be made: its folder cannot be written (a read-only file system?)",
                            "give a --db path on a writable disk")
        return NoDatabase("E214", f"{path} cannot be opened ({text})",
                          "check that its folder exists and can be written")
    if name.startswith("SQLITE_BUSY") or "locked" in text:
        return StorageError("E215", f"{path} is locked by another program ({text})",
                            "wait for the other storyline command to finish, then run this one again")
    if name.startswith("SQLITE_IOERR"):
        return StorageError("E216", f"the disk reported an error on {path} ({text})",
                            "check the disk; what was stored before is kept")
    return StorageError("E210", f"the database {path} failed ({text})", "run the same command again")


def _statements(sql: str) -> list[str]:
    """A migration's statements one by one (executescript would COMMIT the migration's lock)."""
    out, current = [], []
    for line in sql.splitlines(keepends=True):
        current.append(line)
        chunk = "".join(current)
        if sqlite3.complete_statement(chunk):
            if chunk.strip():
                out.append(chunk)
            current = []
    rest = "".join(current).strip()
    if rest and not all(line.strip().startswith("--") or not line.strip() for line in rest.splitlines()):
        out.append(rest)
    return out
