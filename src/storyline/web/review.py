"""POST /api/review: the web UI's review buttons, the only request that writes.

A web page elsewhere must not be able to make decisions in a reader's name, so a request is
taken only when all of these hold (server.py checks the Host header first, as for every request):
  - its Origin is this server's own (http://HOST, HOST as the Host header names it);
  - its body is JSON (Content-Type: application/json, which a cross-origin page cannot send
    without a preflight that this server never answers), an object of at most MAX_BODY bytes;
  - it carries this server's token in the X-Storyline-Token header: a random value made when the
    server starts and written into its pages, which no other origin can read.
The decision itself is review/actions.py's, the same function `storyline review` calls.
"""
from __future__ import annotations

import hmac
import json
import secrets
import threading
from http import HTTPStatus

from storyline.errors import StorylineError, UsageError

__all__ = ["new_token", "refused", "Reviewer", "MAX_BODY", "TOKEN_HEADER"]

MAX_BODY = 16_384
TOKEN_HEADER = "X-Storyline-Token"
_FIELDS = ("action", "target", "id", "value", "note", "by", "polarity", "source", "content", "source_kind")


def new_token() -> str:
    return secrets.token_urlsafe(32)


def refused(headers, token: str) -> tuple[int, str] | None:
    """(status, why) when a review request is not this server's own page asking; None when it is."""
    host = (headers.get("Host") or "").strip().lower()
    origin = (headers.get("Origin") or "").strip().lower()
    if not origin or origin != f"http://{host}":
        return HTTPStatus.FORBIDDEN, "a review must come from this server's own pages (Origin)"
    kind = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if kind != "application/json":
        return HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "a review is a JSON object (Content-Type: application/json)"
    if not hmac.compare_digest((headers.get(TOKEN_HEADER) or "").encode(), token.encode()):
        return HTTPStatus.FORBIDDEN, f"a review needs this server's token ({TOKEN_HEADER})"
    length = headers.get("Content-Length")
    if length is None or not length.isdigit():
        return HTTPStatus.LENGTH_REQUIRED, "a review needs its Content-Length"
    if int(length) > MAX_BODY:
        return HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"a review is at most {MAX_BODY} bytes"
    return None


class Reviewer:
    """Makes the decisions POSTed to one server, one at a time, through one connection of its own."""

    def __init__(self, db: str):
        self.db = db
        self.lock = threading.Lock()
        self.story = None

    def post(self, body: bytes) -> tuple[int, dict]:
        """(status, answer) for a request body."""
        try:
            asked = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return HTTPStatus.BAD_REQUEST, {"error": "the body is not JSON"}
        if not isinstance(asked, dict) or any(k not in _FIELDS for k in asked) or \
                any(v is not None and not isinstance(v, (str, int)) or isinstance(v, bool) for v in asked.values()):
            return HTTPStatus.BAD_REQUEST, {"error": f"a review is an object of text fields: {', '.join(_FIELDS)}"}
        asked = {k: (str(v) if v is not None else None) for k, v in asked.items()}
        from storyline.review.actions import review
        with self.lock:
            try:
                story = self._story()
                done = review(story, asked.get("action") or "", asked.get("target") or "", asked.get("id"),
                              asked.get("value"), note=asked.get("note"), by=asked.get("by"),
                              polarity=asked.get("polarity"), source=asked.get("source"),
                              content=asked.get("content"), source_kind=asked.get("source_kind"))
            except UsageError as exc:
                status = HTTPStatus.NOT_FOUND if exc.code == "E606" else HTTPStatus.BAD_REQUEST
                return status, {"error": exc.message()}
            except StorylineError as exc:  # the database cannot be written: say so
                return HTTPStatus.SERVICE_UNAVAILABLE, {"error": exc.message()}
        return HTTPStatus.OK, done

    def _story(self):
        if self.story is None:
            from storyline.api import open as open_story
            self.story = open_story(self.db, must_exist=True, shared=True)
        return self.story

    def close(self) -> None:
        with self.lock:
            if self.story is not None:
                self.story.close()
                self.story = None
