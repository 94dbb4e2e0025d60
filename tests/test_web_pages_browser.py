"""The entity, article, claim, contradiction and search pages in Debian's chromium (see
test_web_browser.py for how the browser is found, and why these skip without it)."""
import pytest

import storyline
from test_web_browser import _hostile_claim, browser, web  # noqa: F401 - fixtures
from web_support import hostile_db, server  # noqa: F401 - fixtures

PHRASE = "any meeting took place"


@pytest.fixture(scope="module")
def story(hostile_db):
    with storyline.open(hostile_db) as s:
        yield s


def test_search_from_the_overview_finds_a_quoted_phrase(web, story):
    page = web.open("/")
    page.fill("#search-input", f'"{PHRASE}"')
    page.press("#search-input", "Enter")
    page.wait_for_url("**/search?q=*")
    page.wait_for_selector("body[data-ready=true]")
    found = story.search(f'"{PHRASE}"')
    assert page.locator("#search-articles > li").count() == len(found["articles"]) > 0
    assert page.locator("#search-claims > li").count() == len(found["claims"]) > 0
    assert [t.casefold() for t in page.locator("#search-articles mark.hit").all_inner_texts()] == [PHRASE] * len(found["articles"])
    page.locator("#search-articles a.article-link").first.click()
    page.wait_for_url("**/articles/*")
    page.wait_for_selector("body[data-ready=true]")
    hits = page.locator("#article-text mark.hit")
    assert hits.count() >= 1 and all(t.casefold() == PHRASE for t in hits.all_inner_texts())
    assert web.errors == []


def test_a_contradiction_shows_both_sides_highlighted(web, story):
    page = web.open("/contradictions.html")
    page.locator("#contradiction-list a.compare").first.click()
    page.wait_for_url("**/contradictions/1")
    page.wait_for_selector("body[data-ready=true]")
    x = story.contradictions()[0]
    claims = {c["id"]: c for c in story.claims()}
    assert page.locator("#explanation").inner_text() == x["explanation"]
    sides = page.locator("#sides > .side")
    assert sides.count() == len(x["claims"]) + len(x["events"]) >= 2
    for i, cid in enumerate(x["claims"]):
        mark = sides.nth(i).locator("mark.evidence")
        assert mark.count() == 1 and mark.inner_text() == claims[cid]["text"]
    date = next(c for c in story.contradictions() if c["kind"] == "date")
    page = web.open(f"/contradictions/{date['id']}")
    assert page.locator("#sides mark.evidence").count() == len(date["events"])
    assert web.errors == []


def test_entity_page_lists_claims_and_position_changes(web, story):
    kova = next(e for e in story.entities() if e["name"] == "Ilse Kova")
    page = web.open("/")
    page.locator("a.entity-link", has_text="Ilse Kova").first.click()
    page.wait_for_url(f"**/entities/{kova['id']}")
    page.wait_for_selector("body[data-ready=true]")
    entity = story.entity(kova["id"])
    assert page.locator("h1").inner_text() == "Ilse Kova"
    assert "Transport Minister" in page.locator("#titles").inner_text() and "Kova" in page.locator("#aliases").inner_text()
    assert page.locator("#claims-by > li").count() == len(entity["claims_by"])
    assert page.locator("#claims-about > li").count() == len(entity["claims_about"])
    assert page.locator("#position-changes > li").count() == len(entity["position_changes"]) >= 1
    assert web.errors == []


def test_article_page_marks_attributions_mentions_and_times(web, story):
    claim = story.entity(next(e["id"] for e in story.entities() if e["name"] == "Ilse Kova"))["claims_by"][0]
    page = web.open(f"/claims/{claim['id']}")
    assert page.locator("#article-text mark.evidence").inner_text() == claim["text"]
    page.locator(".doc-meta a.article-link").click()
    page.wait_for_url("**/articles/*")
    page.wait_for_selector("body[data-ready=true]")
    article = story.article(claim["doc"])
    assert page.locator("#article-text").inner_text() == article["text"]
    assert page.locator("#article-text mark.claim").count() >= 1
    assert page.locator("#article-text mark.cue").count() >= 1 and page.locator("#article-text mark.timex").count() >= 1
    mention = page.locator("#article-text a.mention").first
    assert mention.get_attribute("href").startswith("/entities/")
    assert page.locator("#article-claims > li").count() == sum(m["kind"] == "claim" for m in article["marks"])
    assert web.errors == []


def test_hostile_article_text_stays_inert_on_the_new_pages(web, story):
    claim = _hostile_claim(story)
    weiss = next(e for e in story.entities() if e["name"] == "Jana Weiss")
    for path in (f"/articles/{claim['doc']}", f"/articles/{claim['doc']}?q=pwned", f"/claims/{claim['id']}",
                 f"/entities/{weiss['id']}", "/search?q=pwned", "/search?q=%3Cimg+src%3Dx%3E",
                 "/timeline?outlet=Harbour+Notes", "/contradictions/1"):
        page = web.open(path)
        assert page.evaluate("typeof window.__storylinePwned") == "undefined", path
        assert page.locator("img").count() == 0 and page.locator("script:not([src])").count() == 0, path
    page = web.open(f"/articles/{claim['doc']}")
    assert "<script>window.__storylinePwned" in page.locator("#article-text").inner_text()
    assert page.locator("h1").inner_text().startswith("<img src=x onerror=")
    assert web.dialogs == [] and web.errors == []
