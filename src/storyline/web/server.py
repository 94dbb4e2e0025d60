"""`storyline serve`: a local web UI over the same Story functions as the CLI and the API.

The standard library's threading HTTP server, bound to 127.0.0.1 by default. Every page is the
one template `static/page.html` with its view's fixed words, fed by JSON endpoints that each call Story functions: `/api/...`
(one function each) and each page's `.json` twin (`/entities/3` and `/entities/3.json`; see
ROUTES and pages.py); no logic lives in the handler. Article text is hostile input, so:

  - the pages never turn data into HTML (the scripts use textContent and text nodes only);
  - every response carries a strict Content-Security-Policy (scripts, styles and data only
    from this origin, no inline scripts), X-Content-Type-Options: nosniff, no framing;
  - only GET is answered (anything else: 405), but for POST /api/review, the review buttons,
    which must come from this server's own pages (Origin, a JSON body, the per-server token the
    pages carry; web/review.py); static paths are a fixed set of file names in
    `static/` and `static/vendor/` (the template is not one of them), so nothing outside them is
    reachable and no folder is listed;
  - the network and timeline pages load cytoscape.js and vis-timeline from `static/vendor/`
    (built by scripts/build_web_vendor.py, see VIEW_ASSETS) when they are there; without them
    the pages draw their plain views;
  - the Host header must name this server, so a web page elsewhere cannot reach it through a
    DNS name that resolves to 127.0.0.1 (DNS rebinding);
  - error responses made by http.server itself (a 414 for a long request line, a 400 for a
    malformed one) carry the same headers;
  - a fixed pool of WORKERS threads answers connections (more wait in a queue of QUEUE; past
    that a connection is answered 503 at once); a connection idle for IDLE_SECONDS (for
    BUSY_IDLE_SECONDS while others wait), or a request not read whole within REQUEST_SECONDS,
    is closed;
  - answers not yet computed are taken one at a time per client (PER_CLIENT waiting at most,
    else 429), so one client asking for ever new pages cannot keep the others waiting; a query
    parameter that an answer never reads does not make a new answer;
  - each answer reads one snapshot of the database (a read transaction), so an ingest running
    beside the server never shows a page half of one state and half of the next.
"""
from __future__ import annotations

import html
import json
import os
import re
import socket
import sqlite3
import sys
import threading
import time
from collections import OrderedDict
from http import HTTPStatus
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, HTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from storyline.errors import StorylineError
from storyline.terminal import safe
from storyline.web.pages import PAGES
from storyline.web.review import MAX_BODY, Reviewer, new_token, refused

__all__ = ["make_server", "serve", "ENDPOINTS", "ROUTES", "VIEWS", "VIEW_ASSETS", "SECURITY_HEADERS", "route",
           "render_pages", "static_folder", "vendor_files"]

SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
                                "frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
WORKERS = 16
QUEUE = 64
IDLE_SECONDS = 15.0
BUSY_IDLE_SECONDS = 2.0
REQUEST_SECONDS = 30.0
WARMED = ("overview", "claims", "contradictions", "timeline", "network")  # pages whose work warm() does first
PER_CLIENT = 16  # a browser opens at most 6 connections to a host; its page asks for several answers at once

_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".ico": "image/x-icon"}
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_STATIC_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*\.(?:html|js|css|svg|ico)$")
# A built library in static/vendor/: one folder down, dots only between name parts (never "..").
_VENDOR_NAME = re.compile(r"^vendor/[a-z0-9][a-z0-9_-]*(?:\.[a-z0-9_-]+)*\.(?:js|css)$")

# The built files each view loads before app.js, all or none (scripts/build_web_vendor.py).
VIEW_ASSETS = {
    "network": ("vendor/cytoscape.min.js",),
    "timeline": ("vendor/vis-timeline-graph2d.min.css", "vendor/moment.min.js", "vendor/vis-data.min.js",
                 "vendor/vis-timeline-graph2d.min.js"),
}


def _document(story, query):
    from storyline.export.evidence import article_text
    doc_id = query.get("id", "")
    found = story._grouped("documents", "id").get(doc_id)
    if found is None:
        raise LookupError(f"no document {doc_id!r}")
    return {**found, "text": article_text(story, doc_id)}


def _network(story, query):
    from storyline.export.network import network
    return network(story)


# path -> function(story, query) -> JSON-able; each is one Story function or shared export view.
ENDPOINTS = {
    "/api/documents": lambda story, q: story.documents(),
    "/api/document": _document,
    "/api/entities": lambda story, q: story.entities(),
    "/api/events": lambda story, q: story.events(),
    "/api/timeline": lambda story, q: story.timeline(q.get("entity") or None),
    "/api/claims": lambda story, q: story.claims(),
    "/api/clusters": lambda story, q: story.clusters(),
    "/api/contradictions": lambda story, q: story.contradictions(),
    "/api/questions": lambda story, q: story.questions(),
    "/api/sources": lambda story, q: story.sources(),
    "/api/citations": lambda story, q: story.citations(),
    "/api/network": _network,
    "/api/decisions": lambda story, q: story.decisions(),
}


# Pages with their `.json` twins: (path pattern, view). The view names the page's twin in
# pages.PAGES and its words in VIEWS. A path that matches no pattern is a static file name or
# nothing; ids must look like ids before any lookup.
ROUTES = [
    (re.compile(r"^/(?:index)?$"), "overview"),
    (re.compile(r"^/timeline$"), "timeline"),
    (re.compile(r"^/network$"), "network"),
    (re.compile(r"^/claims$"), "claims"),
    (re.compile(r"^/claims/(?P<id>[0-9]{1,9})$"), "claim"),
    (re.compile(r"^/contradictions$"), "contradictions"),
    (re.compile(r"^/contradictions/(?P<id>[0-9]{1,9})$"), "contradiction"),
    (re.compile(r"^/entities/(?P<id>[0-9]{1,9})$"), "entity"),
    (re.compile(r"^/articles/(?P<id>[0-9a-f]{1,64})$"), "article"),
    (re.compile(r"^/search$"), "search"),
]

# Every page is static/page.html with its view's (title, heading, lead): fixed words, never
# article text; app.js fills the page from its twin and renames the heading where it has one.
VIEWS = {
    "overview": ("Overview", "Storyline",
                 "What the articles say: actors, dated events, who said what, what is corroborated and what is disputed."),
    "timeline": ("Timeline", "Timeline",
                 "Dated events in time order, with the precision of each date and the article it comes from."),
    "network": ("Network", "Network",
                "Actors and outlets: who took part in events together, who made claims about whom, "
                "who quotes and credits whom."),
    "claims": ("Claims", "Claims",
               "Claims grouped by what they say, with their independent sources; "
               "select a claim to see it in its article."),
    "claim": ("Claim", "Claim", "One claim in its article."),
    "contradictions": ("Contradictions and open questions", "Contradictions and open questions",
                       "Where accounts disagree, and what the record does not settle."),
    "contradiction": ("Contradiction", "Contradiction", "Both sides of a contradiction, each in its article."),
    "entity": ("Actor", "Actor",
               "An actor: what they said, what was said about them, and how their position changed."),
    "article": ("Article", "Article", "An article with its attributions, actors and time expressions marked."),
    "search": ("Search", "Search", "Articles and claims that hold the words you searched for."),
}


def route(path: str) -> tuple[str, dict] | None:
    """(view, {id}) for a page path ("/entities/3"), its `.html` form or its twin ("/entities/3.json");
    None for anything else."""
    stem = path[:-5] if path.endswith((".json", ".html")) else path
    for pattern, view in ROUTES:
        found = pattern.match(stem)
        if found:
            return view, found.groupdict()
    return None


def render_pages(template: str, token: str = "", vendor: frozenset[str] = frozenset()) -> dict[str, bytes]:
    """Each view's page, from the one template; `token` is the server's review token (web/review.py);
    `vendor` the built files there are (vendor_files), which the views of VIEW_ASSETS load."""
    out = {}
    for view, (title, heading, lead) in VIEWS.items():
        words = {"view": view, "title": title, "heading": heading, "lead": lead, "token": token}
        tags = {"assets": _asset_tags(VIEW_ASSETS.get(view, ()), vendor)}  # this module's names only
        out[view] = re.sub(r"\{\{(\w+)\}\}", lambda m: tags[m.group(1)] if m.group(1) in tags
                           else html.escape(words[m.group(1)]), template).encode()
    return out


def _asset_tags(names: tuple[str, ...], vendor: frozenset[str]) -> str:
    if not names or not set(names) <= vendor:
        return ""
    return "".join(f'<link rel="stylesheet" href="/{n}">\n  ' if n.endswith(".css")
                   else f'<script src="/{n}" defer></script>\n  ' for n in names)


def static_folder() -> Path:
    return Path(str(resources.files("storyline.web") / "static"))


def vendor_files(static: Path) -> frozenset[str]:
    """The built library files in `static`/vendor/ as served names ("vendor/cytoscape.min.js"):
    plain files only (no links), named as _VENDOR_NAME allows."""
    folder = static / "vendor"
    if not folder.is_dir():
        return frozenset()
    return frozenset(f"vendor/{p.name}" for p in folder.iterdir()
                     if p.is_file() and not p.is_symlink() and _VENDOR_NAME.match(f"vendor/{p.name}"))


class _Answers:
    """JSON answers kept until the database file changes (they are pure functions of it).

    All requests read one Story, one at a time, so what it judges for one answer (the claim
    clusters behind claims, network, citations and questions) serves the next: on PolNeAR's 84
    dev articles each of those took a second to compute afresh per request. The Story itself
    forgets its judgements when the store changes."""

    def __init__(self, db: str, size: int = 64):
        self.db, self.size = db, size
        self.lock = threading.Lock()
        self.kept: OrderedDict = OrderedDict()
        self.story_lock = threading.Lock()
        self.story, self.inode = None, None
        self.reads: dict[str, set[str]] = {}  # path -> the parameters its answer has read
        self.clients: dict[str, _Gate] = {}

    def close(self) -> None:
        with self.story_lock:
            if self.story is not None:
                self.story.close()
                self.story = None

    def _version(self) -> tuple:
        out = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.db + suffix)
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    def get(self, path: str, query: dict, client: str = "") -> bytes:
        """The answer for `path` with `query`, computed at most once per database state. Only the
        parameters the answer reads make it differ: `?x=1` on a page that reads no `x` is the
        same answer (a cache-busting parameter does not make work)."""
        version = self._version()
        with self.lock:
            key = self._key(path, query, version)
            if key in self.kept:
                self.kept.move_to_end(key)
                return self.kept[key]
        answer = ENDPOINTS[path] if path in ENDPOINTS else PAGES[path]
        with self._turn(client):
            with self.lock:
                key = self._key(path, query, version)
                if key in self.kept:  # computed while this request waited for its turn
                    return self.kept[key]
            with self.story_lock:
                self._open()
                seen = _Reads(query)
                body = json.dumps(_in_one_snapshot(self.story, lambda: answer(self.story, seen)),
                                  ensure_ascii=False).encode("utf-8")
        with self.lock:
            self.reads.setdefault(path, set()).update(seen.read)
            self.kept[self._key(path, query, version)] = body
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)
        return body

    def _open(self) -> None:
        """The story, opened again when the file was replaced (not changed); under story_lock."""
        from storyline.api import open as open_story
        inode = _inode(self.db)
        if self.story is not None and inode != self.inode:
            self.story.close()
            self.story = None
        if self.story is None:
            self.story = open_story(self.db, must_exist=True, shared=True)
            self.inode = inode

    def warm(self) -> float:
        """Work out what every page reads (the story's rows, the lists' facets, the network) before
        a reader asks: on a 10,000-article store that is a few seconds once per state of the
        store, after which a page takes milliseconds. Returns the seconds it took."""
        started = time.perf_counter()
        with self.story_lock:
            self._open()
            _in_one_snapshot(self.story, lambda: [PAGES[name](self.story, {}) for name in WARMED])
        return time.perf_counter() - started

    def warm_later(self, say=None) -> None:
        """warm() in the background (after the server starts, after a review changed the store);
        `say(seconds)` once it is done."""
        def run():
            try:
                seconds = self.warm()
            except Exception:  # noqa: BLE001 - the page that needs it reports the problem itself
                return
            if say is not None:
                say(seconds)
        threading.Thread(target=run, name="storyline-warm", daemon=True).start()

    def entity_redirect(self, entity_id: int) -> int | None:
        """Where an entity id merged into another leads now (Story.entity_redirect), else None."""
        with self.story_lock:
            self._open()
            return _in_one_snapshot(self.story, lambda: self.story.entity_redirect(entity_id))

    def _key(self, path: str, query: dict, version) -> tuple:
        read = self.reads.get(path)
        wanted = sorted(query.items()) if read is None else sorted((k, query.get(k)) for k in read)
        return path, tuple(wanted), version

    def _turn(self, client: str):
        """One computation at a time for each client; a client with PER_CLIENT already waiting is
        told to come back (429) instead of queueing more work in front of the others."""
        with self.lock:
            gate = self.clients.get(client)
            if gate is None:
                gate = self.clients[client] = _Gate()
            if gate.waiting >= PER_CLIENT:
                raise TooBusy("too many requests from this client at once")
            gate.waiting += 1
        return _Held(gate, self)


class TooBusy(Exception):
    """A client asked for more at once than it is given (429)."""


class _Gate:
    def __init__(self):
        self.lock = threading.Lock()
        self.waiting = 0


class _Held:
    def __init__(self, gate: _Gate, answers: "_Answers"):
        self.gate, self.answers = gate, answers

    def __enter__(self):
        self.gate.lock.acquire()

    def __exit__(self, *exc):
        self.gate.lock.release()
        with self.answers.lock:
            self.gate.waiting -= 1


class _Reads(dict):
    """A request's query that notes which parameters the answer read."""

    def __init__(self, query: dict):
        super().__init__(query)
        self.read: set[str] = set()

    def get(self, key, default=None):
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.add(key)
        return super().__contains__(key)


def _in_one_snapshot(story, compute):
    """`compute()` inside one read transaction of the story's connection: every query it makes
    sees the same database state, even while an ingest commits beside it."""
    conn = story.store.conn
    if conn.in_transaction:
        return compute()
    conn.execute("BEGIN")
    try:
        return compute()
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def _inode(path: str):
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body are two writes; with Nagle's algorithm the body waits for the client's
    # delayed ACK of the headers (~40 ms on every keep-alive request).
    disable_nagle_algorithm = True
    def setup(self):
        self.timeout = self.server.idle_seconds  # a connection that sends nothing this long is closed
        super().setup()

    def handle_one_request(self):
        # While connections wait for a worker, one that sends nothing gives its worker up sooner.
        self.connection.settimeout(BUSY_IDLE_SECONDS if self.server.busy() else self.timeout)
        self.server.watch.started(self.connection)
        try:
            super().handle_one_request()
        finally:
            self.server.watch.finished(self.connection)
        if self.server.busy():
            self.close_connection = True  # others are waiting for a worker: no keep-alive now

    def parse_request(self) -> bool:
        try:
            return super().parse_request()
        finally:  # read whole: computing the answer is not under the request timeout
            self.server.watch.finished(self.connection)

    def send_error(self, code, message=None, explain=None):
        """http.server's own errors (400, 414, 431, 501) with the same headers as every answer."""
        self.close_connection = True
        if self.request_version == "HTTP/0.9":  # what http.server assumes of a request it cannot parse;
            self.request_version = "HTTP/1.0"  # 0.9 answers have no headers, and this server speaks 1.x
        try:
            phrase = HTTPStatus(code).phrase
        except ValueError:
            phrase = "error"
        body = json.dumps({"error": message or phrase}).encode("utf-8")
        self._send(code, body, "application/json; charset=utf-8", {"Connection": "close"})

    # Any method but GET is refused the same way, including ones http.server does not know.
    def __getattr__(self, name):
        if name.startswith("do_") and name != "do_GET":
            return self._refuse_method
        raise AttributeError(name)

    def version_string(self) -> str:
        return "storyline"

    def _refuse_method(self):
        self.close_connection = True  # any request body is left unread, so the connection cannot be reused
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, b'{"error": "only GET is answered"}',
                   "application/json; charset=utf-8", {"Allow": "GET"})

    def do_GET(self):  # noqa: N802 - http.server's naming
        if not self._host_ok():
            return self._send(HTTPStatus.MISDIRECTED_REQUEST, b'{"error": "unexpected Host header"}',
                              "application/json; charset=utf-8")
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        if path.startswith("/api/"):
            return self._api(path, query)
        found = route(path)
        if found and found[0] == "entity":
            moved = self._moved_entity(found[1]["id"])
            if moved is not None:  # a merged entity's id leads to the entity it joined
                suffix = ".json" if path.endswith(".json") else ".html" if path.endswith(".html") else ""
                target = f"/entities/{moved}{suffix}" + (f"?{parts.query}" if parts.query else "")
                return self._send(HTTPStatus.FOUND, b"", "text/plain; charset=utf-8", {"Location": target})
        if found and path.endswith(".json"):
            return self._api(found[0], {**query, **found[1]})
        if found:
            return self._send(HTTPStatus.OK, self.server.pages[found[0]], _TYPES[".html"], {"Cache-Control": "no-cache"})
        return self._static(path)

    def _moved_entity(self, ident: str) -> int | None:
        try:
            return self.server.answers.entity_redirect(int(ident))
        except (StorylineError, sqlite3.Error):
            return None  # the page's own request then says what is wrong

    def do_POST(self):  # noqa: N802 - http.server's naming; only the review buttons write
        if urlsplit(self.path).path != "/api/review":
            return self._refuse_method()
        self.close_connection = True  # answered before a body that is refused has been read
        if not self._host_ok():
            return self._send(HTTPStatus.MISDIRECTED_REQUEST, b'{"error": "unexpected Host header"}',
                              "application/json; charset=utf-8")
        problem = refused(self.headers, self.server.token)
        if problem is not None:
            return self._send(problem[0], json.dumps({"error": problem[1]}).encode(),
                              "application/json; charset=utf-8")
        self.server.watch.started(self.connection)  # the body, too, is read within REQUEST_SECONDS
        try:
            body = self.rfile.read(min(int(self.headers["Content-Length"]), MAX_BODY))
        finally:
            self.server.watch.finished(self.connection)
        self.close_connection = False
        try:
            status, answer = self.server.reviewer.post(body)
        except sqlite3.Error as exc:
            from storyline.store.db import storage_error
            status, answer = HTTPStatus.SERVICE_UNAVAILABLE, {"error": storage_error(exc, self.server.answers.db).message()}
        self._send(status, json.dumps(answer, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8",
                   {"Cache-Control": "no-store"})
        if status == HTTPStatus.OK:
            self.server.answers.warm_later()

    def _host_ok(self) -> bool:
        if self.server.allowed_hosts is None:  # bound beyond loopback on purpose: any name may reach it
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        return host in self.server.allowed_hosts

    def _api(self, path: str, query: dict):
        if path not in ENDPOINTS and path not in PAGES:
            return self._send(HTTPStatus.NOT_FOUND, json.dumps({"error": f"no endpoint {path}",
                                                                "endpoints": sorted(ENDPOINTS)}).encode(),
                              "application/json; charset=utf-8")
        try:
            body = self.server.answers.get(path, query, self.client_address[0])
        except TooBusy as exc:
            return self._send(HTTPStatus.TOO_MANY_REQUESTS, json.dumps({"error": str(exc)}).encode(),
                              "application/json; charset=utf-8", {"Retry-After": "1"})
        except LookupError as exc:
            return self._send(HTTPStatus.NOT_FOUND, json.dumps({"error": str(exc)}).encode(),
                              "application/json; charset=utf-8")
        except ValueError as exc:
            return self._send(HTTPStatus.BAD_REQUEST, json.dumps({"error": str(exc)}).encode(),
                              "application/json; charset=utf-8")
        except (StorylineError, sqlite3.Error) as exc:  # the database went away, or is damaged: say so
            if isinstance(exc, sqlite3.Error):
                from storyline.store.db import storage_error
                exc = storage_error(exc, self.server.answers.db)
            self.log_error("%s failed: %s", path, exc.message())
            return self._send(HTTPStatus.SERVICE_UNAVAILABLE, json.dumps({"error": exc.message()}).encode(),
                              "application/json; charset=utf-8")
        except Exception as exc:  # one line for the user, no traceback to the browser
            self.log_error("%s failed: %s: %s", path, type(exc).__name__, exc)
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, b'{"error": "internal error; see the server log"}',
                              "application/json; charset=utf-8")
        self._send(HTTPStatus.OK, body, "application/json; charset=utf-8", {"Cache-Control": "no-store"})

    def _static(self, path: str):
        name = path[1:]
        folder = self.server.static / "vendor" if name.startswith("vendor/") else self.server.static
        target = folder / name.rpartition("/")[2]
        if not (_STATIC_NAME.match(name) or _VENDOR_NAME.match(name)) or name not in self.server.static_names \
                or target.resolve().parent != folder:
            return self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain; charset=utf-8")
        self._send(HTTPStatus.OK, target.read_bytes(), _TYPES[target.suffix], {"Cache-Control": "no-cache"})

    def _send(self, status, body: bytes, content_type: str, extra: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in {**SECURITY_HEADERS, **(extra or {})}.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, fmt, *args):
        if not self.server.quiet:  # the request line is the client's text: no control characters
            sys.stderr.write(safe("storyline serve: %s %s" % (self.address_string(), fmt % args)) + "\n")


class _Server(HTTPServer):
    """http.server with a fixed pool of worker threads instead of a thread per connection."""

    def __init__(self, address, handler):
        self.pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="storyline-serve")
        self.pending = 0
        self.pending_lock = threading.Lock()
        self.watch = _Watch(REQUEST_SECONDS)
        self.idle_seconds = IDLE_SECONDS
        super().__init__(address, handler)  # binds; on failure it calls server_close, which needs the above

    def busy(self) -> bool:
        return self.pending > WORKERS

    def process_request(self, request, client_address):
        with self.pending_lock:
            if self.pending >= WORKERS + QUEUE:
                full = True
            else:
                full = False
                self.pending += 1
        if full:  # answered here, at once: a full queue must not grow
            _refuse_busy(request)
            self.shutdown_request(request)
            return
        self.pool.submit(self._work, request, client_address)

    def _work(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        except Exception:  # noqa: BLE001 - a broken connection is that client's
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            with self.pending_lock:
                self.pending -= 1

    def handle_error(self, request, client_address):
        pass  # a client that hung up or timed out: nothing for the server's log

    def server_close(self) -> None:
        super().server_close()
        self.watch.stop()
        self.pool.shutdown(wait=False, cancel_futures=True)
        answers = getattr(self, "answers", None)
        if answers is not None:
            answers.close()
        reviewer = getattr(self, "reviewer", None)
        if reviewer is not None:
            reviewer.close()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}/"


def _refuse_busy(request) -> None:
    head = "".join(f"{k}: {v}\r\n" for k, v in SECURITY_HEADERS.items())
    body = b'{"error": "the server is busy; try again"}'
    try:
        request.sendall(f"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
                        f"Content-Length: {len(body)}\r\nRetry-After: 1\r\nConnection: close\r\n{head}\r\n"
                        .encode() + body)
    except OSError:
        pass


class _Watch:
    """Closes a connection whose request has not been read and answered within `seconds`: the
    idle timeout bounds each wait for bytes, this bounds a client that sends one byte at a time."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.lock = threading.Lock()
        self.active: dict = {}
        self.stopped = threading.Event()
        threading.Thread(target=self._run, name="storyline-serve-watch", daemon=True).start()

    def started(self, conn) -> None:
        with self.lock:
            self.active[conn] = time.monotonic()

    def finished(self, conn) -> None:
        with self.lock:
            self.active.pop(conn, None)

    def stop(self) -> None:
        self.stopped.set()

    def _run(self) -> None:
        while not self.stopped.wait(1.0):
            now = time.monotonic()
            with self.lock:
                late = [c for c, t in self.active.items() if now - t > self.seconds]
            for conn in late:
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def make_server(db, host: str = "127.0.0.1", port: int = 8765, quiet: bool = False) -> _Server:
    """A server for `db`, bound but not yet serving (port 0 picks a free port)."""
    from storyline.api import open as open_story
    db = str(db)
    with open_story(db, must_exist=True):
        pass  # fails early, with the usual message, when there is no such database
    try:
        server = _Server((host, port), _Handler)
    except OSError as exc:
        raise StorylineError("E410", f"cannot listen on {host}:{port} ({exc.strerror or exc})",
                             "choose another --port, or stop what is using it") from exc
    static = static_folder().resolve()
    server.static = static
    vendor = vendor_files(static)
    server.static_names = {p.name for p in static.iterdir() if p.is_file() and p.suffix != ".html"} | vendor
    server.token = new_token()
    server.pages = render_pages((static / "page.html").read_text(encoding="utf-8"), server.token, vendor)
    server.answers = _Answers(db)
    server.reviewer = Reviewer(db)
    server.quiet = quiet
    bound = server.server_address[1]
    if host in _LOOPBACK:
        names = {"localhost", "127.0.0.1", "[::1]"}
        server.allowed_hosts = {f"{n}:{bound}" for n in names} | (names if bound == 80 else set())
    else:
        server.allowed_hosts = None
    return server


def serve(db, host: str = "127.0.0.1", port: int = 8765, quiet: bool = False) -> None:
    """Serve until interrupted; prints the address on stdout."""
    server = make_server(db, host, port, quiet)
    if host not in _LOOPBACK:
        print(f"storyline serve: listening on {host}, not only this computer; the UI has no login",
              file=sys.stderr)
    print(f"Storyline is serving {db} at {server.url}  (Ctrl-C to stop); working out its pages ...", flush=True)
    server.answers.warm_later(lambda seconds: print(f"pages ready ({seconds:.1f} s)", flush=True))
    try:
        server.serve_forever()
    finally:
        server.server_close()
