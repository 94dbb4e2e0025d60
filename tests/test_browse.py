"""Browsing at scale: facets, sorts and pages over the lists (browse.py), on a 10,000-article
store built as `bench/web.py --articles 10000` builds it (generated articles, one in twenty a
syndicated copy), through the JSON twins and in a real browser."""
import json
import sys
import threading
import urllib.parse
from pathlib import Path

import pytest

import storyline
from storyline.browse import Facet, Listing, browse
from storyline.web import make_server
from test_web_browser import Watched, browser  # noqa: F401 - fixture
from web_support import get

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

ITEMS = [{"id": k, "outlets": outlets, "kind": kind}
         for k, (outlets, kind) in enumerate([(("A",), "x"), (("A", "B"), "y"), (("B",), "x"), (("C",), "x"),
                                             ((), "y")])]
LISTING = Listing(ITEMS, [Facet("outlet", "Outlet", lambda i: i["outlets"]), Facet("kind", "Kind", lambda i: (i["kind"],))],
                  {"id": ("as listed", lambda i: i["id"], False), "back": ("backwards", lambda i: i["id"], True)})


def test_facet_counts_apply_the_other_choices_and_values_may_be_many():
    page = browse(LISTING, {"outlet": "B"})
    assert [i["id"] for i in page["items"]] == [1, 2] and page["total"] == 2 and page["of"] == 5
    counts = {f["name"]: {v["value"]: v["count"] for v in f["values"]} for f in page["facets"]}
    assert counts["outlet"] == {"A": 2, "B": 2, "C": 1}  # its own choice left out of its counts
    assert counts["kind"] == {"x": 1, "y": 1}  # with outlet B chosen
    assert browse(LISTING, {"outlet": "B", "kind": "y"})["total"] == 1


def test_pages_sorts_and_the_page_holding_an_item():
    page = browse(LISTING, {"sort": "back", "page": "2"}, per=2)
    assert [i["id"] for i in page["items"]] == [2, 1] and page["pages"] == 3
    assert browse(LISTING, {"page": "99"}, per=2)["page"] == 3  # past the end: the last page
    assert browse(LISTING, {}, per=2, focus=lambda i: i["id"] == 4)["page"] == 3
    assert browse(LISTING, {"page": "1"}, per=2, focus=lambda i: i["id"] == 4)["page"] == 1  # asked for wins
    for bad in ({"sort": "nope"}, {"page": "x"}, {"page": "-1"}):
        with pytest.raises(ValueError):
            browse(LISTING, bad)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    from web import build_store
    db = tmp_path_factory.mktemp("large") / "large.db"
    build_store(db, 10_000)
    srv = make_server(db, port=0, quiet=True)
    srv.answers.warm()
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield db, srv
    srv.shutdown()
    srv.server_close()


def _json(srv, path):
    status, _, body = get(srv, path)
    assert status == 200, (path, status, body[:200])
    return json.loads(body)


def test_large_store_lists_come_a_page_at_a_time_with_copies_folded(large):
    db, srv = large
    with storyline.open(db) as story:
        docs = story.documents()
    copies = [d for d in docs if d["copy_of"]]
    # every twentieth article is another outlet's copy, a day later, of one seven before it
    assert len(copies) == 500 and all(int(d["name"].split("-")[1].split(".")[0]) % 20 == 19 for d in copies)
    data = _json(srv, "/index.json")
    assert data["figures"]["articles"] == 10_000 and len(data["documents"]) == 50
    assert data["listing"]["of"] == 10_000 - len(copies)
    folded = next(d for d in _json(srv, "/index.json?sort=copies")["documents"])
    assert folded["copies"] and all(c["id"] in {d["id"] for d in copies} for c in folded["copies"])
    outlet = copies[0]["outlet"]
    narrowed = _json(srv, "/index.json?outlet=" + urllib.parse.quote(outlet))
    assert all(outlet in {d["outlet"], *(c["outlet"] for c in d["copies"])} for d in narrowed["documents"])
    assert narrowed["listing"]["total"] == next(v["count"] for f in data["listing"]["facets"] if f["name"] == "outlet"
                                                for v in f["values"] if v["value"] == outlet)


def test_large_store_claims_facet_by_outlet_and_fold_copies(large):
    _, srv = large
    whole = _json(srv, "/claims.json")
    assert len(whole["clusters"]) == 25 and whole["listing"]["total"] == whole["listing"]["of"] > 1000
    outlet = whole["listing"]["facets"][0]["values"][0]["value"]
    narrowed = _json(srv, "/claims.json?outlet=" + urllib.parse.quote(outlet) + "&page=3")
    assert narrowed["listing"]["page"] == 3 and narrowed["listing"]["total"] < whole["listing"]["total"]
    for cl in narrowed["clusters"]:
        assert outlet in {narrowed["documents"][narrowed_claim["doc"]]["outlet"]
                          for narrowed_claim in narrowed["claims"] if narrowed_claim["id"] in cl["claims"]} | {
            narrowed["documents"][d]["outlet"] for side in cl["folded"].values() for i in side for d in i["copies"]}
    top = whole["clusters"][0]
    shown = sum(len(side) for side in top["folded"].values())
    copied = sum(len(i["copies"]) for side in top["folded"].values() for i in side)
    assert copied and shown + copied == len(top["asserting"]) + len(top["denying"])
    one = top["claims"][-1]
    assert any(one in cl["claims"] for cl in _json(srv, f"/claims.json?claim={one}&sort=newest")["clusters"])


def test_large_store_other_lists_page(large):
    _, srv = large
    x = _json(srv, "/contradictions.json?page=2")
    assert x["listing"]["page"] == 2 and len(x["contradictions"]) == 50
    assert {c["id"] for c in x["claims"]} >= {i for c in x["contradictions"] for i in c["claims"]}
    t = _json(srv, "/timeline.json?page=2")
    assert t["listing"]["page"] == 2 and len(t["rows"]) == 100
    assert len(_json(srv, "/network.json")["edges"]) <= 600
    assert get(srv, "/claims.json?page=abc")[0] == 400


def test_faceting_claims_by_outlet_in_the_browser(browser, large):  # noqa: F811
    _, srv = large
    context = browser.new_context()
    context.set_default_timeout(20_000)
    web = Watched(context.new_page(), srv.url)
    page = web.open("/claims.html")
    assert page.locator("section.cluster").count() == 25
    before = page.locator(".pager .page-of").first.inner_text()
    select = page.locator("#facet-outlet")
    outlet = select.locator("option").nth(1).get_attribute("value")
    with page.expect_response(lambda r: "/claims.json" in r.url and "outlet=" in r.url):
        select.select_option(outlet)
    # the list is drawn again once the answer is read: wait for its pager to say so
    page.wait_for_function("(before) => document.querySelector('.pager .page-of').textContent !== before", arg=before)
    assert "outlet=" + urllib.parse.quote_plus(outlet) in page.url
    after = page.locator(".pager .page-of").first.inner_text()
    assert after != before and " of " in after
    data = _json(srv, "/claims.json?outlet=" + urllib.parse.quote(outlet))
    assert page.locator("section.cluster").count() == len(data["clusters"])
    assert page.locator("section.cluster h3").first.inner_text() == data["clusters"][0]["proposition"]
    page.locator(".pager button.next").first.click()
    page.wait_for_function("location.search.includes('page=2')")
    assert web.errors == []
    context.close()
