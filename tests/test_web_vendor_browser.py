"""The interactive network (cytoscape.js) and time axis (vis-timeline) in Debian's chromium, and
the plain views the pages fall back to without them (see test_web_browser.py for the browser).

The libraries are built from npm by `python scripts/build_web_vendor.py` (.ci/run does it); the
tests of the interactive views skip, saying so, where they were not built."""
import re

import pytest

import storyline
from storyline.web.pages import NETWORK_EVIDENCE
from storyline.web.server import VIEW_ASSETS, static_folder, vendor_files
from test_web_browser import Watched, _hostile_claim, browser, web  # noqa: F401 - fixtures
from web_support import hostile_db, server, serving, static_without_vendor  # noqa: F401 - fixtures

CODE = re.compile(r"\[[0-9a-f]{4,}:\d+\]")  # how evidence used to read: [de440e:109]


@pytest.fixture(scope="module")
def story(hostile_db):  # noqa: F811
    with storyline.open(hostile_db) as s:
        yield s


@pytest.fixture(scope="module")
def built():
    wanted = {name for names in VIEW_ASSETS.values() for name in names}
    missing = sorted(wanted - vendor_files(static_folder()))
    if missing:
        pytest.skip(f"the web UI's libraries are not built ({', '.join(missing)} missing): "
                    "run python scripts/build_web_vendor.py (needs npm)")


def _network(page, script: str, arg=None):
    return page.evaluate(f"(arg) => {{ const cy = window.storylineViews.network; {script} }}", arg)


def test_the_network_is_drawn_by_cytoscape_with_every_label(web, built, story):
    page = web.open("/network.html")
    net = storyline.export.network.network(story)
    shown = min(len(net["nodes"]), 150)
    assert page.locator("#network-graph canvas").count() >= 1 and page.locator("#network").count() == 0
    assert page.locator("#vendor-missing").count() == 0
    assert _network(page, "return cy.nodes(':visible').length") == shown
    assert _network(page, "return cy.edges(':visible').length") == len(net["edges"])
    labels = {n["id"]: n["label"] for n in net["nodes"]}
    drawn = _network(page, "return cy.nodes().map(n => [n.id(), n.style('label'), n.style('background-color')])")
    assert all(label == labels[node] for node, label, _ in drawn)
    assert len({colour for _, _, colour in drawn}) >= 3  # coloured by kind
    sizes = _network(page, "return cy.nodes().map(n => n.width())")
    assert max(sizes) > min(sizes)  # sized by the articles they are in
    # at the first view every node is inside the picture, its label big enough to be drawn
    inside = _network(page, """const w = cy.width(), h = cy.height();
        return cy.nodes().every(n => { const b = n.renderedBoundingBox({includeLabels: false});
          return b.x1 >= 0 && b.y1 >= 0 && b.x2 <= w && b.y2 <= h; })
          && parseFloat(cy.nodes()[0].style('font-size')) * cy.zoom() >= parseFloat(cy.nodes()[0].style('min-zoomed-font-size'))""")
    assert inside
    assert web.errors == []  # cytoscape under the CSP: no inline style refused


def test_the_network_labels_keep_apart(web, built):
    """cose, counting each label in its node's size: the labels' boxes do not overlap each other
    or another node (a random placing of the same story overlaps four pairs)."""
    page = web.open("/network.html")
    pairs, overlapping, on_nodes = _network(page, """
        const labels = cy.nodes().map(n => n.boundingBox({includeNodes: false, includeEdges: false, includeLabels: true}));
        const bodies = cy.nodes().map(n => n.boundingBox({includeNodes: true, includeEdges: false, includeLabels: false}));
        const over = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
        let pairs = 0, overlapping = 0, onNodes = 0;
        for (let i = 0; i < labels.length; i++) for (let j = 0; j < labels.length; j++) {
          if (i < j) { pairs++; if (over(labels[i], labels[j])) overlapping++; }
          if (i !== j && over(labels[i], bodies[j])) onNodes++;
        }
        return [pairs, overlapping, onNodes];""")
    assert pairs > 200 and overlapping <= pairs // 100 and on_nodes <= 1, (pairs, overlapping, on_nodes)


def test_the_network_zooms_with_the_wheel_and_the_buttons(web, built):
    page = web.open("/network.html")
    first = _network(page, "return cy.zoom()")
    box = page.locator("#network-graph").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(6):  # cytoscape takes the first few wheel events gently, learning the device
        page.mouse.wheel(0, -200)
    page.wait_for_function("(z) => window.storylineViews.network.zoom() > z * 1.05", arg=first)
    wheeled = _network(page, "return cy.zoom()")
    page.click("#zoom-out")
    assert _network(page, "return cy.zoom()") == pytest.approx(wheeled / 1.4)
    page.click("#zoom-in")
    page.click("#zoom-in")
    zoomed = _network(page, "return cy.zoom()")
    assert zoomed == pytest.approx(wheeled * 1.4)
    # zoomed in, some nodes are out of the picture; a drag pans; Fit shows every node again
    pan = _network(page, "return cy.pan()")
    x, y = _network(page, """for (const [x, y] of [[cy.width() - 20, 20], [20, 20], [cy.width() / 2, 20], [cy.width() - 20, 200]]) {
          if (!cy.nodes().some(n => { const b = n.renderedBoundingBox(); return b.x1 < x && x < b.x2 && b.y1 < y && y < b.y2; }))
            return [x, y]; }""")  # a point on the background, where a drag pans rather than moves a node
    page.mouse.move(box["x"] + x, box["y"] + y)
    page.mouse.down()
    page.mouse.move(box["x"] + x - 100, box["y"] + y + 60, steps=5)
    page.mouse.up()
    moved = _network(page, "return cy.pan()")
    assert (moved["x"], moved["y"]) != (pan["x"], pan["y"])
    page.click("#zoom-fit")
    assert _network(page, "return cy.zoom()") < zoomed
    assert _network(page, """const e = cy.extent(), b = cy.nodes().boundingBox();
        return b.x1 >= e.x1 - 1 && b.x2 <= e.x2 + 1 && b.y1 >= e.y1 - 1 && b.y2 <= e.y2 + 1""")
    assert web.errors == []


def _click_node(page, node_id: str):
    """A real click where cytoscape drew the node."""
    at = _network(page, "return cy.$id(arg).renderedPosition()", node_id)
    box = page.locator("#network-graph").bounding_box()
    page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])


def test_selecting_a_node_shows_its_evidence_as_headline_and_sentence(web, built, story):
    page = web.open("/network.html")
    kova = next(e for e in story.entities() if e["name"] == "Ilse Kova")
    _click_node(page, f"e{kova['id']}")
    details = page.locator("#node-details")
    assert details.locator("h2").inner_text() == "Ilse Kova"
    titles = {d["title"] for d in story.documents()}
    headlines = details.locator(".evidence-item .headline strong").all_inner_texts()
    assert headlines and set(headlines) <= titles
    sentence = details.locator(".evidence-item blockquote").first
    assert sentence.locator("mark").inner_text() in sentence.inner_text() and len(sentence.inner_text()) > 20
    assert not CODE.search(details.inner_text())
    # a line: its first pieces of evidence (pages.NETWORK_EVIDENCE), and how many more the export has
    net = storyline.export.network.network(story)
    edge = max(net["edges"], key=lambda e: e["weight"])
    _network(page, "cy.$id(arg).emit('tap')", edge["id"])
    shown = min(len(edge["evidence"]), NETWORK_EVIDENCE)
    assert details.locator(".evidence-item").count() == shown
    if len(edge["evidence"]) > shown:
        assert f"and {len(edge['evidence']) - shown} more" in details.inner_text()
    assert details.locator("h2").inner_text().startswith(next(n["label"] for n in net["nodes"] if n["id"] == edge["source"]))
    details.locator(".evidence-item button.link").first.click()
    details.locator("#article-text mark.claim").wait_for()
    first = edge["evidence"][0]
    assert details.locator("#article-text mark.claim").inner_text() == \
        storyline.export.evidence.article_text(story, first["doc"])[first["start"]:first["end"]]


def test_the_hostile_headline_stays_text_in_the_network(web, built, story):
    page = web.open("/network.html")
    # selected through cytoscape (the small outlet node may lie under another where the layout put
    # it; a real click is the test above)
    _network(page, "cy.$id(arg).emit('tap')", "o:Harbour Notes")
    details = page.locator("#node-details")
    assert details.locator("h2").inner_text() == "Harbour Notes"
    headline = details.locator(".evidence-item .headline strong").first.inner_text()
    assert headline.startswith("<img src=x onerror=")
    assert page.locator("img").count() == 0 and page.evaluate("typeof window.__storylinePwned") == "undefined"
    assert web.errors == [] and web.dialogs == []


def _axis(page, script: str, arg=None):
    return page.evaluate(f"(arg) => {{ const tl = window.storylineViews.timeline; {script} }}", arg)


def _placed(page, selector: str) -> dict:
    """Where an item of the axis sits, as dates: its left and right edges read back through the
    axis's own scale (the visible window across the centre panel)."""
    return page.evaluate("""(selector) => {
        const tl = window.storylineViews.timeline, w = tl.getWindow();
        const panel = document.querySelector('#timeline-axis .vis-panel.vis-center').getBoundingClientRect();
        const item = document.querySelector(selector).getBoundingClientRect();
        const perPx = (w.end - w.start) / panel.width;
        return {start: w.start.valueOf() + (item.left - panel.left) * perPx,
                end: w.start.valueOf() + (item.right - panel.left) * perPx, perPx: perPx};
    }""", selector)


def test_the_time_axis_places_each_event_at_its_precision(web, built, server):
    page = web.open("/timeline.html")
    import json
    import urllib.request
    with urllib.request.urlopen(web.base + "/timeline.json") as r:
        rows = json.load(r)["rows"]
    placed = [r for r in rows if r["span"]]
    assert page.locator("#vendor-missing").count() == 0
    assert _axis(page, "return tl.itemsData.length") == len(placed)
    # vis-timeline draws the lanes in view only: room for all of them, to read every item back
    _axis(page, "tl.setOptions({maxHeight: 4000})")
    assert page.locator("#timeline-axis .vis-item.vis-point").count() == sum(not r["span"]["end"] for r in placed) > 10
    assert page.locator("#timeline-axis .vis-item.vis-range").count() == sum(bool(r["span"]["end"]) for r in placed) >= 3
    lanes = page.locator("#timeline-axis .vis-label .lane").all_inner_texts()
    assert "meeting" in lanes and "other happenings" in lanes and len(lanes) == len(set(lanes))
    day = 864e5
    checked = set()
    for r in placed:
        selector = f'#timeline-axis .vis-item[data-event="{r["event"]}"][data-when="{r["when"]}"]'
        start = page.evaluate("(s) => moment(s).valueOf()", r["span"]["start"])
        if r["span"]["end"] is None:  # a day: a point on that day
            dot = _placed(page, selector + " .vis-dot")
            assert abs((dot["start"] + dot["end"]) / 2 - start) < 6 * dot["perPx"], r["when"]
            checked.add("day")
        else:  # a month, a week, a season: a span from its first day to the day after its last
            end = page.evaluate("(s) => moment(s).valueOf()", r["span"]["end"])
            found = _placed(page, selector)
            assert abs(found["start"] - start) < 3 * found["perPx"] and abs(found["end"] - end) < 3 * found["perPx"], r
            checked.add({28: "month", 29: "month", 30: "month", 31: "month", 7: "week"}.get(round((end - start) / day),
                                                                                           r["precision"]))
    assert {"day", "month", "week"} <= checked
    assert web.errors == []  # vis-timeline under the CSP: no inline style refused


def test_the_time_axis_zooms_and_selecting_an_event_reads_it(web, built, story):
    page = web.open("/timeline.html")
    width = _axis(page, "const w = tl.getWindow(); return w.end - w.start")
    page.click("#zoom-in")
    narrower = _axis(page, "const w = tl.getWindow(); return w.end - w.start")
    assert narrower < width * 0.75
    box = page.locator("#timeline-axis .vis-panel.vis-center").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 20)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -300)
    page.keyboard.up("Control")
    page.wait_for_function("(w) => { const x = window.storylineViews.timeline.getWindow(); return x.end - x.start < w * 0.95 }",
                           arg=narrower)
    page.click("#zoom-fit")
    assert _axis(page, "const w = tl.getWindow(); return w.end - w.start") > narrower
    row = next(r for r in story.event_timeline() if r["salient"] and r["precision"] == "day" and len(r["articles"]) > 1)
    _axis(page, "tl.setOptions({maxHeight: 4000})")  # every lane in view, to click in
    page.locator(f'#timeline-axis .vis-item.vis-point[data-event="{row["event"]}"][data-when="{row["when"]}"] .vis-item-content').click()
    panel = page.locator("#article")
    assert panel.locator("h2 time").inner_text() == row["when_words"]
    titles = {d["id"]: d["title"] for d in story.documents()}
    assert panel.locator("#told-by .headline").all_inner_texts() == [titles[d] for d in row["articles"]]
    assert page.locator(f'li.event.selected[data-event="{row["event"]}"]').count() == 1
    assert web.errors == []


def test_the_hostile_headline_stays_text_on_the_time_axis(web, built, story):
    """The hostile article's event, selected on the axis, lists its headline as text; and words
    that look like HTML drawn on the axis itself stay text (vis-timeline would read a string as HTML)."""
    page = web.open("/timeline.html?outlet=Harbour+Notes")
    item = page.locator("#timeline-axis .vis-item").first
    item.locator(".vis-item-content").click()
    headline = page.locator("#told-by .headline").first.inner_text()
    assert headline.startswith("<img src=x onerror=") and "Harbour notes" in headline
    hostile = "<img src=x onerror=\"window.__storylinePwned='axis'\"><b>bold</b>"
    page.evaluate("""(words) => window.storylineViews.axis.draw([{event: 1, when: '2026-03-04', precision: 'day',
        type: words, trigger: words, participants: [], evidence: words, conflicts_with: [], inferred: false,
        span: {start: '2026-03-04', end: null}}], () => words)""", hostile)
    assert page.locator("#timeline-axis .vis-item-content").inner_text() == hostile
    assert page.locator("#timeline-axis .vis-label .lane").inner_text() == hostile
    assert page.locator("img").count() == 0 and page.locator("#timeline-axis b").count() == 0
    assert page.evaluate("typeof window.__storylinePwned") == "undefined"
    assert web.errors == [] and web.dialogs == []


@pytest.fixture(scope="module")
def plain_server(hostile_db, tmp_path_factory):  # noqa: F811
    with serving(hostile_db, static_without_vendor(tmp_path_factory.mktemp("plain") / "static")) as srv:
        yield srv


@pytest.fixture
def plain(browser, plain_server):  # noqa: F811
    context = browser.new_context()
    context.set_default_timeout(10_000)
    watched = Watched(context.new_page(), plain_server.url)
    requested = []
    watched.page.on("request", lambda r: requested.append(r.url))
    watched.requested = requested
    yield watched
    context.close()


def test_without_the_libraries_the_pages_keep_their_plain_views(plain, story):
    """The UI before the build step: no library is asked for, the drawn network and the list of
    events work as before, and each page says what the interactive view needs."""
    page = plain.open("/network.html")
    note = page.locator("#vendor-missing").inner_text()
    assert "python scripts/build_web_vendor.py" in note and "network" in note
    net = storyline.export.network.network(story)
    assert page.locator("#network g.node").count() == min(len(net["nodes"]), 150)
    lines = page.locator("#network line").count()
    assert lines == len(net["edges"])
    page.locator("#network g.node circle").first.click()
    assert page.locator("#node-details h2").inner_text() == page.locator("#network g.node text").first.text_content()
    assert not CODE.search(page.locator("#node-details").inner_text())
    page.locator("input[value=quotes]").uncheck()
    assert page.locator("#network line").count() == lines - sum(e["kind"] == "quotes" for e in net["edges"])
    page = plain.open("/timeline.html")
    assert "time axis" in page.locator("#vendor-missing").inner_text()
    assert page.locator("#timeline-axis").count() == 0
    assert page.locator("li.event .date").count() == sum(1 for r in story.event_timeline() if r["salient"]) > 20
    assert not [u for u in plain.requested if "/vendor/" in u]
    assert plain.errors == [] and plain.dialogs == []
