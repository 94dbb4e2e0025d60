"""Review in a real browser (Playwright driving Debian's chromium, as test_web_browser.py does):
a contradiction rejected with the page's button stays rejected after another ingest; an entity
retyped on its page moves its claims' source kind."""
import threading

import pytest

import storyline
from storyline.web import make_server
from test_review import _copy, _ingest_more
from test_web_browser import Watched, browser  # noqa: F401 - fixture


@pytest.fixture
def served(demo_db, tmp_path):
    db = _copy(demo_db[0], tmp_path / "browser-review.db")
    srv = make_server(db, port=0, quiet=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield db, srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def web(browser, served):  # noqa: F811
    context = browser.new_context()
    context.set_default_timeout(20_000)
    watched = Watched(context.new_page(), served[1].url)
    yield watched
    context.close()


def test_a_contradiction_rejected_in_the_ui_stays_rejected_after_re_ingest(web, served, tmp_path):
    db, _ = served
    with storyline.open(db) as story:
        x = next(c for c in story.contradictions() if c["kind"] == "polarity")
    page = web.open(f"/contradictions/{x['id']}")
    assert page.get_attribute("#review", "data-state") == "machine"
    page.fill("#review .review-note", "two different dinners")
    with page.expect_navigation():
        page.click("#review button.review-reject")
    page.wait_for_selector("body[data-ready]")
    assert page.get_attribute("#review", "data-state") == "rejected"
    assert "two different dinners" in page.inner_text("#review .review-state")
    _ingest_more(db, tmp_path)  # another ingest: resolve and judge run again
    page = web.open(f"/contradictions/{x['id']}")
    assert page.get_attribute("#review", "data-state") == "rejected"
    page = web.open("/contradictions.html")
    card = page.locator(f"#contradiction-list > li[data-id='{x['id']}']")
    assert card.get_attribute("data-review") == "rejected" and card.locator(".badge.review.rejected").count() == 1
    assert "1 rejected in review" in page.inner_text("#status")
    with storyline.open(db) as story:
        assert next(c for c in story.contradictions() if c["key"] == x["key"])["review"]["state"] == "rejected"
    assert web.errors == [] and web.dialogs == []


def test_retyping_an_entity_in_the_ui_moves_its_claims(web, served):
    db, _ = served
    with storyline.open(db) as story:
        kova = next(e for e in story.entities() if e["name"] == "Ilse Kova")
        claim = next(c for c in story.claims() if c["source"]["entity"] == kova["id"] and not c["source"]["anonymous"])
    page = web.open(f"/claims/{claim['id']}")
    assert "source: person" in page.inner_text("#claim-facts")
    page = web.open(f"/entities/{kova['id']}")
    page.select_option("#retype-select", "ORG")
    with page.expect_navigation():
        page.click("button.review-retype")
    page.wait_for_selector("body[data-ready]")
    assert page.inner_text("#entity-type").startswith("ORG") and page.get_attribute("#review", "data-state") == "edited"
    page = web.open(f"/claims/{claim['id']}")
    assert "source: organization" in page.inner_text("#claim-facts")
    assert web.errors == [] and web.dialogs == []
