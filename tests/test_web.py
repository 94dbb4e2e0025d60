"""`storyline serve` over plain HTTP: the endpoints answer what the Story functions return,
every response is locked down, and nothing but GET on known paths is answered."""
import http.client
import json
import re
import subprocess
import sys
import urllib.request

import pytest

from storyline.errors import StorylineError
from storyline.export.network import network
from storyline.web import make_server
from storyline.web.server import ENDPOINTS, VIEWS, render_pages, static_folder
from web_support import get as _get, plain as _plain
from web_support import hostile_db, server, story  # noqa: F401 - fixtures


def _raw(srv, method, target, headers=None):
    """A request sent exactly as written (urllib would tidy the path)."""
    host, port = srv.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
    for key, value in ({"Host": f"127.0.0.1:{port}"} | (headers or {})).items():
        conn.putheader(key, value)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body


@pytest.mark.parametrize("path, call", [
    ("/api/documents", lambda s: s.documents()),
    ("/api/entities", lambda s: s.entities()),
    ("/api/events", lambda s: s.events()),
    ("/api/timeline", lambda s: s.timeline()),
    ("/api/timeline?entity=Kova", lambda s: s.timeline("Kova")),
    ("/api/claims", lambda s: s.claims()),
    ("/api/clusters", lambda s: s.clusters()),
    ("/api/contradictions", lambda s: s.contradictions()),
    ("/api/questions", lambda s: s.questions()),
    ("/api/sources", lambda s: s.sources()),
    ("/api/citations", lambda s: s.citations()),
    ("/api/network", network),
    ("/api/decisions", lambda s: s.decisions()),
])
def test_endpoints_answer_what_the_story_functions_return(server, story, path, call):
    status, headers, body = _get(server, path)
    assert status == 200 and headers["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(body) == _plain(call(story))


def test_every_endpoint_is_tested():
    tested = {"/api/document"} | {p.split("?")[0] for p, _ in test_endpoints_answer_what_the_story_functions_return
                                  .pytestmark[0].args[1]}
    assert tested == set(ENDPOINTS)


def test_a_document_comes_with_its_text(server, story):
    doc = next(d for d in story.documents() if d["outlet"] == "Harbour Notes")
    status, _, body = _get(server, f"/api/document?id={doc['id']}")
    data = json.loads(body)
    assert status == 200 and data["title"] == doc["title"] and "<script>" in data["text"]
    claim = next(c for c in story.claims() if c["doc"] == doc["id"] and "<img" in c["text"])
    assert data["text"][claim["start"]:claim["end"]] == claim["text"]
    status, _, body = _get(server, "/api/document?id=nope")
    assert status == 404 and "no document" in json.loads(body)["error"]


@pytest.mark.parametrize("path", ["/", "/index.html", "/timeline.html", "/app.js", "/style.css", "/api/claims",
                                  "/missing.html", "/api/nothing"])
def test_every_response_is_locked_down(server, path):
    status, headers, _ = _get(server, path)
    assert status in (200, 404)
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_static_files_have_their_types(server):
    for path, kind in [("/", "text/html"), ("/claims.html", "text/html"), ("/app.js", "text/javascript"),
                       ("/style.css", "text/css"), ("/favicon.svg", "image/svg+xml")]:
        status, headers, body = _get(server, path)
        assert status == 200 and headers["Content-Type"].startswith(kind) and body, path


def test_pages_load_no_inline_script():
    pages = render_pages((static_folder() / "page.html").read_text(encoding="utf-8"))
    assert set(pages) == set(VIEWS)
    for html in (page.decode() for page in pages.values()):
        assert "{{" not in html and "<script>" not in html and not re.search(r"<[^>]*\son\w+\s*=", html)  # no inline handlers
        assert '<script src="/app.js" defer></script>' in html
    app = (static_folder() / "app.js").read_text(encoding="utf-8")
    assert "innerHTML" not in app and "insertAdjacentHTML" not in app and "eval(" not in app


@pytest.mark.parametrize("target", [
    "/../pyproject.toml", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/pyproject.toml", "/..%2fserver.py",
    "/app.js/../server.py", "//etc/passwd", "/static/", "/static", "/static/app.js", "/web/server.py",
    "/server.py", "/__init__.py", "/.", "/%00app.js", "/app.js%00.html", "/APP.JS", "/C:%5cwindows", "/page.html",
])
def test_paths_outside_the_static_files_are_not_found(server, target):
    status, _, body = _raw(server, "GET", target)
    assert status == 404, target
    assert b"import" not in body and b"root:" not in body and b"{{" not in body


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND"])
def test_only_get_is_answered(server, method):
    for target in ("/", "/api/claims"):
        status, headers, _ = _raw(server, method, target, {"Content-Length": "0"})
        assert status == 405 and headers["Allow"] == "GET", (method, target)
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_other_host_names_are_refused(server):
    """A page elsewhere cannot reach the UI through a DNS name pointing at 127.0.0.1."""
    port = server.server_address[1]
    assert _raw(server, "GET", "/api/claims", {"Host": f"evil.example:{port}"})[0] == 421
    assert _raw(server, "GET", "/api/claims", {"Host": f"localhost:{port}"})[0] == 200


def test_unknown_endpoint_lists_the_known_ones(server):
    status, _, body = _get(server, "/api/nothing")
    assert status == 404 and "/api/timeline" in json.loads(body)["endpoints"]


def test_no_database_and_busy_port_are_clear_errors(tmp_path, server, hostile_db):
    with pytest.raises(StorylineError, match="no database"):
        make_server(tmp_path / "none.db", port=0)
    with pytest.raises(StorylineError, match="E410"):
        make_server(hostile_db, port=server.server_address[1])


def test_serve_command_prints_its_address(hostile_db):
    code = ("import sys; from storyline.cli import main; "
            f"sys.exit(main(['serve', '--db', {str(hostile_db)!r}, '--port', '0', '--quiet']))")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert "http://127.0.0.1:" in line
        url = line.split("at ", 1)[1].split()[0]
        with urllib.request.urlopen(url, timeout=10) as r:
            assert r.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_pages_read_the_stored_judgements_and_see_a_new_ingest(demo_db, tmp_path, monkeypatch):
    """The server never judges: every endpoint reads what the judge stage stored; an ingest by
    another connection while the server runs judges once, and the pages show its result."""
    import sqlite3
    import threading

    import storyline
    from storyline.judge import corroboration as module
    from web_support import HOSTILE

    db = tmp_path / "copy.db"
    source, copy = sqlite3.connect(demo_db[0]), sqlite3.connect(db)
    source.backup(copy)
    source.close()
    copy.close()
    calls = []
    real = module.corroboration
    monkeypatch.setattr(module, "corroboration", lambda *a, **k: calls.append(1) or real(*a, **k))
    srv = make_server(db, port=0, quiet=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        for path in ("/api/clusters", "/api/citations", "/api/questions", "/api/sources", "/api/contradictions"):
            assert _get(srv, path)[0] == 200
        assert len(calls) == 0
        before = len(json.loads(_get(srv, "/api/documents")[2]))
        clustered = sum(len(c["claims"]) for c in json.loads(_get(srv, "/api/clusters")[2]))
        assert storyline.ingest([HOSTILE], db).added == 1 and len(calls) == 1
        assert len(json.loads(_get(srv, "/api/documents")[2])) == before + 1
        status, _, body = _get(srv, "/api/clusters")
        assert status == 200 and len(calls) == 1
        assert sum(len(c["claims"]) for c in json.loads(body)) > clustered
    finally:
        srv.shutdown()
        srv.server_close()
    assert srv.answers.story is None  # closed with the server


def test_storyline_serve_says_when_its_pages_are_ready(demo_db):
    """`storyline serve` prints its address at once, then that it has worked out its pages, and
    serves them; a reader of a large store knows why the first page waits."""
    import subprocess
    import sys
    import urllib.request
    proc = subprocess.Popen([sys.executable, "-m", "storyline", "serve", "--db", str(demo_db[0]), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stdout.readline()
        assert "Storyline is serving" in first and "working out its pages" in first, first
        url = first.split(" at ")[1].split()[0]
        ready = proc.stdout.readline()
        assert ready.startswith("pages ready (") and ready.rstrip().endswith(" s)"), ready
        with urllib.request.urlopen(url.rstrip("/") + "/index.json", timeout=10) as r:
            assert r.status == 200 and json.load(r)["figures"]["articles"] == demo_db[1].added
    finally:
        proc.terminate()
        proc.wait(timeout=10)
