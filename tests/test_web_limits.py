"""The web server's limits (issue 21): security headers on http.server's own errors, idle and
request timeouts, a bounded pool of workers, answers that ignore cache-busting parameters,
one computation at a time per client, and one database snapshot per answer. Each failed
before issue 21."""
import socket
import sqlite3
import threading
import time
import urllib.error

import pytest

from storyline.web import make_server, server as server_module
from storyline.web.server import ENDPOINTS, SECURITY_HEADERS
from test_review import _copy
from web_support import hostile_db  # noqa: F401 - fixture


def _serve(db, monkeypatch=None, **limits):
    if monkeypatch:
        for name, value in limits.items():
            monkeypatch.setattr(server_module, name, value)
    srv = make_server(db, port=0, quiet=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    return srv


def _stop(srv):
    srv.shutdown()
    srv.server_close()


def _raw(srv, data: bytes, wait: float = 10) -> bytes:
    sock = socket.create_connection(srv.server_address[:2], timeout=wait)
    sock.sendall(data)
    out = b""
    try:
        while chunk := sock.recv(65536):
            out += chunk
    except socket.timeout:
        pass
    sock.close()
    return out


@pytest.fixture(scope="module")
def srv(hostile_db):
    s = _serve(hostile_db)
    yield s
    _stop(s)


@pytest.mark.parametrize("request_bytes, status", [
    (b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"414"),
    (b"GARBAGE\r\n\r\n", b"400"),
    (b"GET / HTTP/9.9\r\n\r\n", b"505"),
])
def test_http_servers_own_errors_carry_the_security_headers(srv, request_bytes, status):
    answer = _raw(srv, request_bytes)
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    assert head.split()[1] == status.decode()
    for name, value in SECURITY_HEADERS.items():
        assert f"{name}: {value}" in head


def test_an_idle_connection_is_closed(hostile_db):
    s = _serve(hostile_db)
    s.idle_seconds = 0.5  # IDLE_SECONDS (15 s) in use; shortened so the test is quick
    try:
        sock = socket.create_connection(s.server_address[:2], timeout=10)
        started = time.monotonic()
        assert sock.recv(10) == b""  # closed by the server, not by our own timeout
        assert time.monotonic() - started < 5
        sock.close()
    finally:
        _stop(s)


def test_a_request_sent_one_byte_at_a_time_is_cut_off(hostile_db):
    s = _serve(hostile_db)
    s.watch.seconds = 1.0
    try:
        sock = socket.create_connection(s.server_address[:2], timeout=10)
        sock.sendall(b"GET / HTTP/1.1\r\n")
        started = time.monotonic()
        closed = False
        while time.monotonic() - started < 8:
            try:
                sock.sendall(b"X-Slow: y\r\n")
            except OSError:
                closed = True
                break
            sock.settimeout(0.3)
            try:
                if sock.recv(10) == b"":
                    closed = True
                    break
            except socket.timeout:
                pass
        sock.close()
        assert closed and time.monotonic() - started < 6
    finally:
        _stop(s)


def test_connections_past_the_pool_and_its_queue_are_answered_busy_at_once(hostile_db, monkeypatch):
    s = _serve(hostile_db, monkeypatch, WORKERS=2, QUEUE=2)
    idle = [socket.create_connection(s.server_address[:2], timeout=10) for _ in range(4)]
    try:
        time.sleep(0.3)
        answer = _raw(s, b"GET /api/documents HTTP/1.1\r\nHost: x\r\n\r\n", wait=5)
        assert answer.startswith(b"HTTP/1.1 503") and b"Content-Security-Policy" in answer
    finally:
        for sock in idle:
            sock.close()
        _stop(s)


def test_a_parameter_an_answer_never_reads_makes_no_new_work(hostile_db, monkeypatch):
    calls = []
    monkeypatch.setitem(ENDPOINTS, "/api/documents", lambda story, q: calls.append(1) or story.documents())
    answers = server_module._Answers(str(hostile_db))
    try:
        first = answers.get("/api/documents", {"bust": "0"}, "10.0.0.1")
        answers.get("/api/documents", {"bust": "1"}, "10.0.0.1")  # opening the store made its -wal file
        calls.clear()
        for n in range(2, 30):
            assert answers.get("/api/documents", {"bust": str(n)}, "10.0.0.1") == first
        assert calls == []
    finally:
        answers.close()


def test_one_client_waits_for_its_own_answers_not_in_front_of_others(hostile_db, monkeypatch):
    release = threading.Event()
    monkeypatch.setitem(ENDPOINTS, "/api/documents",
                        lambda story, q: (release.wait(10), story.documents())[1] if q.get("n") else story.documents())
    answers = server_module._Answers(str(hostile_db))
    errors = []

    def ask(n):
        try:
            answers.get("/api/documents", {"n": str(n)}, "10.0.0.9")
        except server_module.TooBusy as exc:
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(1, server_module.PER_CLIENT + 3)]
    try:
        for t in threads:
            t.start()
        time.sleep(0.5)
        assert len(errors) == 2  # told to come back (429) instead of queueing more
    finally:
        release.set()
        for t in threads:
            t.join(10)
        answers.close()


def test_an_answer_reads_one_snapshot_while_an_ingest_writes(hostile_db, tmp_path, monkeypatch):
    db = _copy(hostile_db, tmp_path / "snap.db")
    seen = []

    def twice(story, q):
        seen.append(story.store.query("SELECT count(*) FROM failures")[0][0])
        writer = sqlite3.connect(db)  # an ingest committing between two reads of one page
        writer.execute("INSERT INTO failures (path, stage, problem, hint) VALUES ('x', 'read', 'p', 'h')")
        writer.commit()
        writer.close()
        seen.append(story.store.query("SELECT count(*) FROM failures")[0][0])
        return seen

    monkeypatch.setitem(ENDPOINTS, "/api/documents", twice)
    answers = server_module._Answers(str(db))
    try:
        answers.get("/api/documents", {}, "127.0.0.1")
        assert seen[0] == seen[1]
    finally:
        answers.close()


def test_a_database_damaged_while_served_is_a_503_that_says_so(hostile_db, tmp_path, monkeypatch):
    import json
    import urllib.request
    db = _copy(hostile_db, tmp_path / "later.db")

    def damaged(story, q):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setitem(ENDPOINTS, "/api/documents", damaged)
    s = _serve(db)
    try:
        host, port = s.server_address[:2]
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/documents", timeout=10)
        assert err.value.code == 503 and "E213" in json.loads(err.value.read())["error"]
    finally:
        _stop(s)
