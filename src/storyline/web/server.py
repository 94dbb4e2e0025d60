"""`storyline serve`: a local web UI over the same Story functions as the CLI and the API.

The standard library's threading HTTP server, bound to 127.0.0.1 by default. Every page is the
one template `static/page.html` with its view's fixed words, fed by JSON endpoints that each call Story functions: `/api/...`
(one function each) and each page's `.json` twin (`/entities/3` and `/entities/3.json`; see
ROUTES and pages.py); no logic lives in the handler. Article text is hostile input, so:

  - the pages never turn data into HTML (the scripts use textContent and text nodes only);
  - every response carries a strict Content-Security-Policy (scripts, styles and data only
    from this origin, no inline scripts), X-Content-Type-Options: nosniff, no framing;
  - only GET is answered (anything else: 405); static paths are a fixed set of file names in
    `static/` (the template is not one of them), so nothing outside it is reachable and no
    folder is listed;
  - the Host header must name this server, so a web page elsewhere cannot reach it through a
    DNS name that resolves to 127.0.0.1 (DNS rebinding).
"""
from __future__ import annotations

import html
import json
import os
import re
import sys
import threading
from collections import OrderedDict
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from storyline.errors import StorylineError
from storyline.web.pages import PAGES

__all__ = ["make_server", "serve", "ENDPOINTS", "ROUTES", "VIEWS", "SECURITY_HEADERS", "route", "render_pages",
           "static_folder"]

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
_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".ico": "image/x-icon"}
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}
_STATIC_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*\.(?:html|js|css|svg|ico)$")


def _document(story, query):
    from storyline.export.evidence import article_text
    doc_id = query.get("id", "")
    found = next((d for d in story.documents() if d["id"] == doc_id), None)
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


def render_pages(template: str) -> dict[str, bytes]:
    """Each view's page, from the one template."""
    out = {}
    for view, (title, heading, lead) in VIEWS.items():
        words = {"view": view, "title": title, "heading": heading, "lead": lead}
        out[view] = re.sub(r"\{\{(\w+)\}\}", lambda m: html.escape(words[m.group(1)]), template).encode()
    return out


def static_folder() -> Path:
    return Path(str(resources.files("storyline.web") / "static"))


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

    def get(self, path: str, query: dict) -> bytes:
        from storyline.api import open as open_story
        key = (path, tuple(sorted(query.items())), self._version())
        with self.lock:
            if key in self.kept:
                self.kept.move_to_end(key)
                return self.kept[key]
        answer = ENDPOINTS[path] if path in ENDPOINTS else PAGES[path]
        with self.story_lock:
            inode = _inode(self.db)
            if self.story is not None and inode != self.inode:  # the file was replaced, not changed
                self.story.close()
                self.story = None
            if self.story is None:
                self.story = open_story(self.db, must_exist=True, shared=True)
                self.inode = inode
            body = json.dumps(answer(self.story, query), ensure_ascii=False).encode("utf-8")
        with self.lock:
            self.kept[key] = body
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)
        return body


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
        if found and path.endswith(".json"):
            return self._api(found[0], {**query, **found[1]})
        if found:
            return self._send(HTTPStatus.OK, self.server.pages[found[0]], _TYPES[".html"], {"Cache-Control": "no-cache"})
        return self._static(path)

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
            body = self.server.answers.get(path, query)
        except LookupError as exc:
            return self._send(HTTPStatus.NOT_FOUND, json.dumps({"error": str(exc)}).encode(),
                              "application/json; charset=utf-8")
        except ValueError as exc:
            return self._send(HTTPStatus.BAD_REQUEST, json.dumps({"error": str(exc)}).encode(),
                              "application/json; charset=utf-8")
        except Exception as exc:  # one line for the user, no traceback to the browser
            self.log_error("%s failed: %s: %s", path, type(exc).__name__, exc)
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, b'{"error": "internal error; see the server log"}',
                              "application/json; charset=utf-8")
        self._send(HTTPStatus.OK, body, "application/json; charset=utf-8", {"Cache-Control": "no-store"})

    def _static(self, path: str):
        name = path[1:]
        target = self.server.static / name
        if not _STATIC_NAME.match(name) or name not in self.server.static_names or target.parent != self.server.static:
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
        if not self.server.quiet:
            sys.stderr.write("storyline serve: %s %s\n" % (self.address_string(), fmt % args))


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def server_close(self) -> None:
        super().server_close()
        answers = getattr(self, "answers", None)
        if answers is not None:
            answers.close()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}/"


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
    server.static_names = {p.name for p in static.iterdir() if p.is_file() and p.suffix != ".html"}
    server.pages = render_pages((static / "page.html").read_text(encoding="utf-8"))
    server.answers = _Answers(db)
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
    print(f"Storyline is serving {db} at {server.url}  (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
