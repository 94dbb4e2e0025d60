"""The entity, article, claim, contradiction and search pages and every page's `.json` twin,
over plain HTTP: twins answer what the Story functions say, and nothing a query parameter or
a path carries can run SQL or read a file."""
import json
import sqlite3
import urllib.parse

import pytest

from storyline.search import hit_spans, phrase
from storyline.web.pages import PAGES
from storyline.web.server import ROUTES, VIEWS, route
from web_support import get as _get, plain as _plain
from web_support import hostile_db, server, story  # noqa: F401 - fixtures

PHRASE = "any meeting took place"  # Coastline Times and Meridian Post quote Kova's denial


def _json(srv, path):
    status, headers, body = _get(srv, path)
    assert headers["Content-Type"] == "application/json; charset=utf-8", path
    return status, json.loads(body)


@pytest.fixture(scope="module")
def kova(story):
    return next(e for e in story.entities() if e["name"] == "Ilse Kova")


@pytest.mark.parametrize("text, expected", [
    ("Kova", '"Kova"'), ('"any meeting"', '"any meeting"'), ("NEAR(a b)", '"NEAR a b"'),
    ("' OR 1=1 --", '"OR 1 1"'), ("", None), ('"*"()', None), ("Kova's", '"Kova s"'),
])
def test_the_readers_text_is_always_one_phrase(text, expected):
    assert phrase(text) == expected


@pytest.mark.parametrize("text, query, expected", [
    ("Kova denied that any meeting took place.", "any meeting", [(17, 28)]),
    ("Kova denied that ANY  meeting, took place.", "any meeting took", [(17, 35)]),  # as FTS5 reads it
    ("a meetings b", "meeting", []),
    ("", "x", []), ("x", "", []),
])
def test_hit_spans(text, query, expected):
    assert hit_spans(text, query) == expected


def test_search_finds_a_quoted_phrase_of_the_demo(story):
    found = story.search(f'"{PHRASE}"')
    outlets = {a["outlet"] for a in found["articles"]}
    assert {"Coastline Times"} <= outlets and found["claims"]
    for a in found["articles"]:
        text = story.article(a["id"])["text"]
        assert a["hits"] and all(text[s:e].casefold() == PHRASE for s, e in a["hits"])
        assert a["snippet"]["hit"].casefold() == PHRASE
    assert all(PHRASE in c["text"].casefold() for c in found["claims"])
    assert story.search("no such words anywhere") == {"query": "no such words anywhere", "articles": [], "claims": []}


def test_every_route_serves_its_page_and_twin(server, story, kova):
    doc = story.documents()[0]["id"]
    ids = {"claim": story.claims()[0]["id"], "contradiction": 1, "entity": kova["id"], "article": doc}
    assert {twin for _, twin in ROUTES} == set(PAGES) == set(VIEWS)
    for pattern, twin in ROUTES:
        path = {"overview": "/", "search": "/search"}.get(twin) or pattern.pattern.strip("^$").split("(")[0]
        if twin in ids:
            path = path.rstrip("/") + "/" + str(ids[twin])
        status, headers, body = _get(server, path)
        assert status == 200 and headers["Content-Type"].startswith("text/html"), path
        assert f'data-view="{twin}"' in body.decode() and f"<title>{VIEWS[twin][0]} · Storyline" in body.decode(), path
        twin_path = ("/index" if path == "/" else path) + ".json" + ("?q=Kova" if twin == "search" else "")
        status, data = _json(server, twin_path)
        assert status == 200 and data, twin_path
        assert route(twin_path.split("?")[0])[0] == twin


def test_twins_answer_what_the_story_says(server, story, kova):
    doc = next(d for d in story.documents() if d["outlet"] == "Coastline Times")
    whole = _plain(story.entity(kova["id"]))  # one page of each list: all of them on the demo
    paged = {**whole, "claims_by_total": len(whole["claims_by"]), "claims_about_total": len(whole["claims_about"]),
             "page": 1, "per": 100}
    assert _json(server, f"/entities/{kova['id']}.json") == (200, paged)
    assert _json(server, f"/articles/{doc['id']}.json") == (200, _plain(story.article(doc["id"])))
    q = urllib.parse.quote(f'"{PHRASE}"')
    assert _json(server, f"/search.json?q={q}") == (200, _plain(story.search(f'"{PHRASE}"')))
    status, data = _json(server, "/timeline.json?outlet=Coastline+Times")
    assert status == 200 and data["rows"] and all(
        any(a in {d["id"] for d in story.documents() if d["outlet"] == "Coastline Times"} for a in r["articles"])
        for r in data["rows"])
    shown = _json(server, "/timeline.json")[1]
    assert len(shown["rows"]) == sum(1 for r in story.event_timeline() if r["salient"])
    assert len(shown["rows"]) + shown["hidden"] == len(_json(server, "/timeline.json?all=1")[1]["rows"]) \
        == len(story.event_timeline())


def test_timeline_rows_carry_their_place_on_the_axis(server):
    rows = _json(server, "/timeline.json?all=1")[1]["rows"]
    kinds = set()
    for r in rows:
        span = r["span"]
        if r["precision"] == "day":  # a point
            assert span == {"start": r["when"][:10], "end": None}
        elif r["precision"] in ("month", "week", "season"):  # a span from its first day
            assert span["start"] < span["end"] and span["start"][:4] == r["when"][:4]
        kinds.add(r["precision"] if span and span["end"] else "point" if span else "none")
    assert {"point", "month", "week"} <= kinds


def test_entity_and_article_twins_carry_their_marks(story, kova):
    entity = story.entity(kova["id"])
    assert "Kova" in entity["aliases"] and entity["titles"]
    assert entity["claims_by"] and all(c["source"]["entity"] == kova["id"] for c in entity["claims_by"])
    assert entity["claims_about"] and entity["position_changes"]
    assert all(x["kind"] == "position_change" for x in entity["position_changes"])
    doc = entity["claims_by"][0]["doc"]
    article = story.article(doc)
    kinds = {m["kind"] for m in article["marks"]}
    assert {"claim", "cue", "source", "mention", "timex"} <= kinds
    for m in article["marks"]:
        assert 0 <= m["start"] < m["end"] <= len(article["text"])
    assert any(m["kind"] == "mention" and m["entity"] == kova["id"] for m in article["marks"])


def test_a_contradiction_twin_holds_both_sides_with_their_evidence(server, story):
    for x in story.contradictions():
        status, data = _json(server, f"/contradictions/{x['id']}.json")
        assert status == 200 and len(data["sides"]) == len(x["claims"]) + len(x["events"]) >= 2
        for side in data["sides"]:
            start, end = side["evidence"]
            shown = side["article"]["text"][start:end]
            assert shown == (side["claim"]["text"] if "claim" in side else side["event"]["text"].strip())


INJECTIONS = ["' OR 1=1 --", "'; DROP TABLE articles; --", '" OR "1"="1', "1; DELETE FROM claims",
              "Kova\" OR text MATCH \"*", "') UNION SELECT sql FROM sqlite_master --", "NEAR(\"a\" \"b\")",
              "*", "\"", "(", "Kova AND", "articles:*", "\x00", "%", "a" * 200]


@pytest.mark.parametrize("value", INJECTIONS)
def test_sql_through_query_parameters_does_nothing(server, hostile_db, value):
    q = urllib.parse.quote(value)
    for path in (f"/search.json?q={q}", f"/api/document?id={q}", f"/articles/{q}.json", f"/entities/{q}.json",
                 f"/claims/{q}.json", f"/contradictions/{q}.json", f"/timeline.json?entity={q}&outlet={q}",
                 f"/api/timeline?entity={q}", f"/articles/{q}", f"/entities/1.json?id={q}"):
        status, _, body = _get(server, path)
        assert status in (200, 400, 404), (path, status)
        if path.startswith("/search.json") and status == 200:  # words looked for, never query syntax
            found = json.loads(body)
            assert all(a["hits"] for a in found["articles"]) and len(found["articles"]) < 5, path
        assert b"CREATE TABLE" not in body
    with sqlite3.connect(hostile_db) as conn:  # every table is still there and still full
        for table in ("articles", "claims", "mentions", "entities", "article_search", "claim_search"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table


def test_an_overlong_query_is_a_clear_400(server):
    status, data = _json(server, "/search.json?q=" + "a" * 201)
    assert status == 400 and "longer than 200" in data["error"]


def test_unknown_ids_are_404(server):
    for path in ("/entities/999999.json", "/claims/999999.json", "/contradictions/999.json", "/articles/0000.json"):
        status, data = _json(server, path)
        assert status == 404 and data["error"].startswith("no "), path


@pytest.mark.parametrize("target", [
    "/articles/../../etc/passwd", "/articles/..%2f..%2fetc%2fpasswd.json", "/entities/1/../../pyproject.toml",
    "/search.json/../server.py", "/entities/%2e%2e/pages.py", "/claims/1.json/../../../etc/passwd",
    "/articles/abc.json%00.html", "/entities/1.py", "/pages.py", "/search/../../README.md", "/entity.html/..",
])
def test_no_file_outside_the_static_folder_is_readable(server, target):
    from test_web import _raw
    status, _, body = _raw(server, "GET", target)
    assert status == 404, target
    assert b"root:" not in body and b"import" not in body and b"[project]" not in body
