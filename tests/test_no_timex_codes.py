"""No TIMEX3 code reaches a reader: the CLI, the web pages and TimelineJS show dates in words
(issue 20). The export keeps the value and adds the words beside it."""
import json
import re
from pathlib import Path

import pytest

import storyline
from storyline.cli import main
from storyline.export import render
from storyline.present.dates import CODE
from test_web_browser import browser, web  # noqa: F401 - fixtures
from web_support import get, hostile_db, server  # noqa: F401 - fixtures

APP = Path(storyline.__file__).parent / "web" / "static" / "app.js"


def _codes(text: str) -> list[str]:
    return [m.group() for m in CODE.finditer(text)]


@pytest.mark.parametrize("argv", [
    ["timeline"], ["timeline", "--mentions"], ["claims"], ["claims", "--contradicted"], ["claims", "--corroborated"],
    ["sources"], ["questions"], ["entities"],
])
def test_cli_tables_show_no_codes(demo_db, capsys, argv):
    assert main(argv[:1] + ["--db", str(demo_db[0])] + argv[1:]) == 0
    assert _codes(capsys.readouterr().out) == []


def test_the_demo_output_shows_no_codes(tmp_path, capsys):
    assert main(["demo", "--db", str(tmp_path / "d.db")]) == 0
    out = capsys.readouterr().out
    assert "== Timeline" in out and _codes(out) == []


def test_the_export_keeps_values_and_adds_words(demo_db):
    with storyline.open(demo_db[0]) as story:
        data = story.export()
    dated = [e for e in data["events"] if e["when"]]
    assert dated and all(e["when_words"] and not _codes(e["when_words"]) for e in dated)
    assert any(_codes(e["when"]) or re.match(r"\d{4}-\d{2}", e["when"]) for e in dated)  # the value stays
    said = [c for c in data["claims"] if c["said_on"]]
    assert said and all(c["said_on_words"] and not _codes(c["said_on_words"]) for c in said)
    assert all(d["published_words"] for d in data["documents"] if d["published"])


def test_timelinejs_text_shows_no_codes(demo_db):
    with storyline.open(demo_db[0]) as story:
        data = json.loads(render(story, "timelinejs"))
    shown = [data["title"]["text"]["headline"], data["title"]["text"]["text"]]
    for slide in data["events"]:
        shown += [slide["display_date"], slide["text"]["headline"], slide["text"]["text"]]
    assert data["events"] and _codes(" ".join(shown)) == []


# The pages build their text from their JSON twins: a field holding a TIMEX3 value must never
# be what the script puts on the page; its *_words twin is.
_RAW = re.compile(r"\b(?:text|title):[^,}]*\.(?:when|said_on|published|first_said|value)\b(?!_)")
_SHOWN = re.compile(r"(?:\+|\?|\|\|)\s*[\w.]*\.(?:when|said_on|published|first_said)\b(?!_)\s*(?:\+|:|\|\||\))")


def test_the_page_script_shows_words_not_values():
    script = APP.read_text(encoding="utf-8")
    assert _RAW.findall(script) == [] and _SHOWN.findall(script) == []


@pytest.mark.parametrize("path", ["/timeline.json", "/claims.json", "/contradictions/3.json", "/api/documents"])
def test_json_twins_carry_words(server, path):
    status, _, body = get(server, path)
    if status == 404:
        pytest.skip(f"{path} is not served")
    text = body.decode("utf-8")
    for key, value in re.findall(r'"(\w+_words)":\s*"([^"]*)"', text):
        assert not _codes(value), (key, value)


PAGES = ["/", "/timeline.html", "/claims.html", "/contradictions.html", "/contradictions/3", "/entities/1"]


def test_pages_in_a_browser_show_no_codes(web):
    for path in PAGES:
        page = web.open(path)
        shown = page.inner_text("body") + " " + " ".join(
            page.eval_on_selector_all("[title]", "els => els.map(e => e.getAttribute('title'))"))
        assert _codes(shown) == [], path
    docs = web.open("/")
    link = docs.locator("a.article-link").first
    if link.count():
        link.click()
        docs.wait_for_selector("body[data-ready=true]")
        shown = docs.inner_text("body") + " " + " ".join(
            docs.eval_on_selector_all("[title]", "els => els.map(e => e.getAttribute('title'))"))
        assert _codes(shown) == []
