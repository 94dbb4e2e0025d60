"""The web UI in a real browser: Playwright drives Debian's chromium (never a downloaded one).

Skipped, with the reason, where the `playwright` package or a chromium binary is missing;
`.ci/run` installs Debian's chromium so CI runs them.
"""
import os
import shutil

import pytest

import storyline
from storyline.export.evidence import article_text
from web_support import hostile_db, server  # noqa: F401 - fixtures

PAGES = ["/", "/timeline.html", "/network.html", "/claims.html", "/contradictions.html"]


def _chromium() -> str | None:
    for candidate in (os.environ.get("STORYLINE_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed "
                                   "(pip install -e '.[test]')")
    executable = _chromium()
    if executable is None:
        pytest.skip("Debian's chromium is not installed (apt-get install chromium; .ci/run installs it)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable)
        yield chromium
        chromium.close()


class Watched:
    """A page with every dialog, console error and uncaught exception recorded."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base.rstrip("/")
        self.dialogs, self.errors = [], []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, path: str):
        self.page.goto("about:blank")  # a new load even when only the #fragment differs
        self.page.goto(self.base + path)
        self.page.wait_for_selector("body[data-ready]")
        assert self.page.get_attribute("body", "data-ready") == "true", self.page.inner_text("#status")
        return self.page


@pytest.fixture
def web(browser, server):
    context = browser.new_context()
    context.set_default_timeout(10_000)
    watched = Watched(context.new_page(), server.url)
    yield watched
    context.close()


@pytest.fixture(scope="module")
def story(hostile_db):
    with storyline.open(hostile_db) as s:
        yield s


def _hostile_claim(story):
    doc = next(d for d in story.documents() if d["outlet"] == "Harbour Notes")
    return next(c for c in story.claims() if c["doc"] == doc["id"] and "<img" in c["text"])


def test_every_page_loads_without_errors(web):
    for path in PAGES:
        page = web.open(path)
        assert page.title().endswith("Storyline")
        assert page.inner_text("#status").strip() == "" or "Could not" not in page.inner_text("#status")
    assert web.errors == [] and web.dialogs == []  # a CSP violation would be a console error


def test_timeline_lists_dated_events(web, story):
    """One item per event and date across articles (Story.event_timeline), by default those that
    matter; an event dated several ways is one item with its dates side by side."""
    page = web.open("/timeline.html")
    every = story.event_timeline()
    expected = [r for r in every if r["salient"]]
    assert page.locator("li.event .date").count() == len(expected) > 20
    assert len(expected) < len(every) and str(len(every) - len(expected)) in page.inner_text("#status")
    drawn = []
    for row in expected:
        if row in drawn:
            continue
        drawn += ([r for r in expected if r["event"] == row["event"] and r["conflicts_with"]]
                  if row["conflicts_with"] else [row])
    assert page.locator("li.event .date time").all_inner_texts() == [r["when_words"] for r in drawn]
    assert page.locator("li.event.conflict").count() == len({r["event"] for r in expected if r["conflicts_with"]})
    assert page.locator("li.event .precision").first.inner_text() == expected[0]["precision"]
    page.check("#all-events")
    page.wait_for_function("(n) => document.querySelectorAll('li.event .date').length === n", arg=len(every))
    assert "all=1" in page.url
    page.select_option("#entity-filter", "Ilse Kova")
    page.wait_for_function("(n) => document.querySelectorAll('li.event .date').length === n",
                           arg=len(story.event_timeline("Ilse Kova")))
    assert "entity=Ilse+Kova" in page.url
    page.locator("li.event button.link").first.click()
    mark = page.locator("#article-text mark.event")
    mark.wait_for()
    first = story.event_timeline("Ilse Kova")[0]
    assert mark.inner_text() == article_text(story, first["doc"])[first["start"]:first["end"]]


def _text_before_mark(page, selector: str) -> str:
    return page.evaluate("""(selector) => {
        const mark = document.querySelector(selector);
        const range = document.createRange();
        range.setStart(document.getElementById('article-text'), 0);
        range.setEndBefore(mark);
        return range.toString();
    }""", selector)


def test_claims_view_highlights_exactly_the_claims_characters(web, story):
    hostile = _hostile_claim(story)
    demo = next(c for c in story.claims() if c["source"]["start"] is not None and c["doc"] != hostile["doc"])
    for claim in (hostile, demo):  # the hostile one sits after emoji: code points, not UTF-16 units
        page = web.open(f"/claims.html#claim-{claim['id']}")
        mark = page.locator("#article-text mark.claim")
        mark.wait_for()
        text = article_text(story, claim["doc"])
        assert mark.count() == 1 and mark.inner_text() == claim["text"]
        assert _text_before_mark(page, "#article-text mark.claim") == text[:claim["start"]]
        source = page.locator("#article-text mark.source")
        if claim["source"]["start"] is not None and claim["source"]["end"] <= claim["start"]:
            assert source.inner_text() == text[claim["source"]["start"]:claim["source"]["end"]]
    page = web.open("/claims.html")
    button = page.locator("button.claim-button").first
    claim_id = int(button.get_attribute("data-claim"))
    button.click()
    page.locator("#article-text mark.claim").wait_for()
    claim = next(c for c in story.claims() if c["id"] == claim_id)
    assert page.locator("#article-text mark.claim").inner_text() == claim["text"]


def test_the_hostile_article_stays_inert(web, story):
    claim = _hostile_claim(story)
    for path in PAGES + ["/timeline.html?entity=Jana+Weiss", f"/claims.html#claim-{claim['id']}"]:
        page = web.open(path)
        assert page.evaluate("typeof window.__storylinePwned") == "undefined", path
        assert page.locator("img").count() == 0 and page.locator("script:not([src])").count() == 0, path
    page.locator("#article-text mark.claim").wait_for()
    shown = page.locator("#article-text").inner_text()
    assert "<script>window.__storylinePwned = 'script'; alert('pwned')</script>" in shown
    assert "onerror=\"window.__storylinePwned='img'\"" in page.locator("#article-text mark.claim").inner_text() + shown
    assert page.locator(".doc-meta strong").inner_text().startswith("<img src=x onerror=")
    assert web.dialogs == [] and web.errors == []


def test_the_demo_html_article_lost_its_script_on_reading(story):
    """The demo's Meridian article carries <script> and onerror in its HTML; the reader keeps text only."""
    doc = next(d for d in story.documents() if d["name"] == "meridian-2026-03-10-kova-denies.html")
    text = article_text(story, doc["id"])
    assert "Kova denies" in doc["title"] and "alert(" not in text and "onerror" not in text


def test_contradictions_and_open_questions(web, story):
    page = web.open("/contradictions.html")
    assert page.locator("#contradiction-list > li").count() == len(story.contradictions())
    assert page.locator("#question-list > li").count() == len(story.questions())
    link = page.locator("#contradiction-list a").first
    link.click()
    page.locator("#article-text mark.claim").wait_for()
    assert "/claims.html?claim=" in page.url and "#claim-" in page.url


def test_the_server_refuses_other_methods_and_paths_from_the_browser(web):
    page = web.open("/")
    assert page.evaluate("fetch('/api/claims', {method: 'POST', body: 'x'}).then(r => r.status)") == 405
    assert page.evaluate("fetch('/api/claims', {method: 'DELETE'}).then(r => r.status)") == 405
    assert page.request.get(web.base + "/..%2fserver.py").status == 404
    assert page.request.get(web.base + "/static/").status == 404
    assert page.request.get(web.base + "/app.js").headers["x-content-type-options"] == "nosniff"
