"""Shared by the web tests: the demo story plus one hostile article, served on a free port."""
import json
import shutil
import sqlite3
import threading
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

import storyline
from storyline.web import make_server
from storyline.web import server as web_server

HOSTILE = Path(__file__).parent / "data" / "hostile.jsonl"


@pytest.fixture(scope="session")
def hostile_db(demo_db, tmp_path_factory):
    """A copy of the demo database with an article full of HTML and script, and emoji before its
    claims (so offsets in code points and in UTF-16 differ)."""
    db = tmp_path_factory.mktemp("hostile") / "hostile.db"
    source, copy = sqlite3.connect(demo_db[0]), sqlite3.connect(db)
    source.backup(copy)
    source.close()
    copy.close()
    report = storyline.ingest([HOSTILE], db)
    assert report.ok and report.added == 1
    return db


@pytest.fixture(scope="session")
def server(hostile_db):
    srv = make_server(hostile_db, port=0, quiet=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def story(hostile_db):
    with storyline.open(hostile_db) as s:
        yield s


def get(srv, path):
    """(status, headers, body) of a GET, errors included."""
    try:
        with urllib.request.urlopen(srv.url.rstrip("/") + path, timeout=10) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def plain(rows):
    """Rows as JSON would carry them (tuples as lists, keys as strings)."""
    return json.loads(json.dumps(rows))


@contextmanager
def serving(db, static: Path | None = None):
    """A server for `db` on a free port, its static files read from `static` when given (as a
    package installed without, or with other, built files would have them)."""
    found = web_server.static_folder
    if static is not None:
        web_server.static_folder = lambda: static
    try:
        srv = make_server(db, port=0, quiet=True)
    finally:
        web_server.static_folder = found
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()


def static_without_vendor(folder: Path) -> Path:
    """A copy of the static files in `folder` with no vendor/ folder: the UI before the build step."""
    shutil.copytree(web_server.static_folder(), folder, ignore=shutil.ignore_patterns("vendor"))
    return folder
