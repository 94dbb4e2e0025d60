"""Every export format over the demo story: parsed back, counted against the Story functions,
and its character pointers checked against the articles' text."""
import csv
import io
import json
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

import pytest

import storyline
from storyline.cli import main
from storyline.errors import StorylineError
from storyline.export import FORMATS, render
from storyline.export.evidence import article_text
from storyline.export.network import network
from storyline.export.tables import TABLES
from storyline.export.timelinejs import date_span, timeline_date, timeline_span


@pytest.fixture(scope="module")
def story(demo_db):
    with storyline.open(demo_db[0]) as s:
        yield s


@pytest.fixture(scope="module")
def texts(story):
    return {d["id"]: article_text(story, d["id"]) for d in story.documents()}


def test_every_format_is_a_cli_choice(demo_db, tmp_path, capsys):
    for fmt in FORMATS:
        out = tmp_path / (fmt + (".zip" if fmt == "csv" else ".out"))
        assert main(["export", "--db", str(demo_db[0]), "--format", fmt, "-o", str(out)]) == 0, fmt
        assert out.stat().st_size > 100, fmt


def test_csv_needs_an_output(demo_db, capsys):
    assert main(["export", "--db", str(demo_db[0]), "--format", "csv"]) == 1
    err = capsys.readouterr().err
    assert "E402" in err and "-o" in err and "Traceback" not in err


# -- TimelineJS -------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2026-03-04", {"year": 2026, "month": 3, "day": 4}),
    ("2026-03", {"year": 2026, "month": 3}),
    ("2026", {"year": 2026}),
    ("2026-03-04TNI", {"year": 2026, "month": 3, "day": 4}),
    ("2016-W52", None), ("XXXX-08-17", None), ("2026-SU", None), ("PAST_REF", None), (None, None),
    ("2026-13", None),
])
def test_timelinejs_dates_of_day_month_year_precision(value, expected):
    assert timeline_date(value) == expected


@pytest.mark.parametrize("value, mod, expected", [
    ("2026-03-04", None, ("2026-03-04", None)),  # a day is a point
    ("2026-03-04TNI", None, ("2026-03-04", None)),
    ("2026-03-04T20:15", None, ("2026-03-04T20:15", None)),
    ("2026-03", None, ("2026-03-01", "2026-04-01")),  # a span ends the day after its last
    ("2026-02", None, ("2026-02-01", "2026-03-01")),
    ("2026-03", "START", ("2026-03-01", "2026-03-11")),  # early March: its first third
    ("2026-W11", None, ("2026-03-09", "2026-03-16")),
    ("2026-SU", None, ("2026-06-01", "2026-09-01")),
    ("2026", None, ("2026-01-01", "2027-01-01")),
    ("2026-03-02/2026-03-05", None, ("2026-03-02", "2026-03-06")),
    ("XXXX-03-04", None, None), ("2026-13", None, None), ("PAST_REF", None, None), (None, None, None),
])
def test_date_spans_on_a_time_axis(value, mod, expected):
    assert date_span(value, mod) == expected


@pytest.mark.parametrize("value, expected", [
    ("2026-03-04T15:45", ({"year": 2026, "month": 3, "day": 4, "hour": 15, "minute": 45}, None)),
    ("2016-W52", ({"year": 2016, "month": 12, "day": 26}, {"year": 2017, "month": 1, "day": 1})),
    ("2026-W11-WE", ({"year": 2026, "month": 3, "day": 14}, {"year": 2026, "month": 3, "day": 15})),
    ("2026-Q2", ({"year": 2026, "month": 4}, {"year": 2026, "month": 6, "day": 30})),
    ("2026-WI", ({"year": 2026, "month": 12}, {"year": 2027, "month": 2, "day": 28})),
    ("199", ({"year": 1990}, {"year": 1999, "month": 12, "day": 31})),
    ("2026-03", ({"year": 2026, "month": 3}, {"year": 2026, "month": 3, "day": 31})),  # a month, not its 1st
    ("2028-02", ({"year": 2028, "month": 2}, {"year": 2028, "month": 2, "day": 29})),
    ("2026", ({"year": 2026}, {"year": 2026, "month": 12, "day": 31})),
    ("2026-03-04", ({"year": 2026, "month": 3, "day": 4}, None)), ("2026-02-30", None),
    ("XXXX-08-17", None), ("XXXX-WXX-2", None), ("PAST_REF", None), ("2026-W60", None),
])
def test_timelinejs_spans_at_real_precision(value, expected):
    assert timeline_span(value) == expected


def test_timelinejs_slides_are_the_dated_events(story, texts):
    data = json.loads(render(story, "timelinejs"))
    expected = [e for e in story.timeline() if all(timeline_span(v) for v in e["when"].split("/"))]
    assert len(data["events"]) == len(expected) > 20
    # events without a year are left out, and the title says so
    assert ("not shown" in data["title"]["text"]["text"]) == (len(expected) < len(story.timeline()))
    by_id = {e["id"]: e for e in expected}
    for slide in data["events"]:
        ptr = slide["storyline"]
        ev = by_id[ptr["event"]]
        assert slide["group"] == ev["type"] and slide["display_date"] == ev["when_words"]
        assert slide["start_date"]["year"] == int(ev["when"][:4])
        assert texts[ptr["doc"]][ptr["start"]:ptr["end"]] == ev["trigger"]
        assert f"<strong>{ev['trigger']}</strong>" in slide["media"]["url"]
        assert slide["media"]["url"].startswith("<blockquote>")
        assert ("(planned)" in slide["text"]["text"]) == (ev["mood"] in {"future", "intended"})


class _FakeStory:
    """Just enough of a Story for one hostile event."""
    TEXT = 'Intro. <script>alert(1)</script> They <b>met</b> on "March 4" & later.'

    class store:  # noqa: N801
        @staticmethod
        def query(sql, params=()):
            return [{"text": _FakeStory.TEXT}]

    def documents(self):
        return [{"id": "d1", "name": "x.txt", "title": "<img src=x onerror=alert(1)>", "outlet": "O<u>",
                 "url": "javascript:alert(1)", "published": "2026-03-05", "published_from": "metadata"}]

    def entities(self):
        return [{"id": 1, "name": "<i>Kova</i>", "type": "PERSON", "aliases": ["<i>Kova</i>"], "titles": [],
                 "mentions": 1}]

    def timeline(self, entity=None):
        start = self.TEXT.index("<b>met")
        return [{"id": 1, "type": "meeting", "doc": "d1", "start": start, "end": start + 10, "trigger": "<b>met</b>",
                 "text": self.TEXT[7:], "participants": [1], "when": "2026-03-04", "when_text": "<em>March 4</em>",
                 "when_mod": None, "precision": "day"}]


def test_timelinejs_escapes_article_text():
    slide = json.loads(render(_FakeStory(), "timelinejs"))["events"][0]
    html = slide["text"]["text"] + slide["text"]["headline"] + json.dumps(slide["media"])
    assert "<script>" not in html and "<b>" not in html and "<img" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "<strong>&lt;b&gt;met&lt;/b&gt;</strong>" in html
    assert "javascript:" not in html  # only http(s) links


# -- FollowTheMoney ---------------------------------------------------------------------

def test_ftm_entities(story, texts):
    lines = render(story, "ftm").splitlines()
    items = [json.loads(line) for line in lines]
    ids = [e["id"] for e in items]
    assert len(ids) == len(set(ids))
    by_schema = {}
    for e in items:
        by_schema.setdefault(e["schema"], []).append(e)
        assert set(e) >= {"id", "schema", "properties"}
        assert all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in e["properties"].values())
    assert len(by_schema["Article"]) == len(story.documents())
    assert len(by_schema["Event"]) == len(story.events())
    actors = [e for e in items if e["schema"] not in {"Article", "Event", "Documentation", "Note", "Mention"}]
    assert len(actors) == len(story.entities())
    kova = next(e for e in by_schema["Person"] if e["properties"]["name"] == ["Ilse Kova"])
    assert "Kova" in kova["properties"]["alias"]
    known = set(ids)
    for ev in by_schema["Event"]:
        assert set(ev["properties"].get("involved", [])) <= known
        assert set(ev["properties"]["proof"]) <= known
        p = ev["storyline"]
        assert 0 <= p["start"] < p["end"] <= len(texts[p["doc"]])
        for key in ("date", "startDate", "endDate"):
            for value in ev["properties"].get(key, []):
                assert re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", value)
    on_the_day = [e for e in by_schema["Event"] if e["properties"].get("date") == ["2026-03-04"]]
    assert max(len(e["properties"].get("involved", [])) for e in on_the_day) >= 2  # the dinner


def test_ftm_ids_are_stable(story):
    assert render(story, "ftm") == render(story, "ftm")


# -- ClaimReview ------------------------------------------------------------------------

def test_claimreview_for_corroborated_or_contradicted_clusters(story, texts):
    reviews = json.loads(render(story, "claimreview"))
    clusters = {c["id"]: c for c in story.clusters()}
    claims = {c["id"]: c for c in story.claims()}
    corroborated = [c for c in clusters.values() if c["corroborated"]]
    assert len(reviews) >= len(corroborated) >= 1
    for r in reviews:
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        cluster = clusters[int(r["identifier"].rsplit(":", 1)[1])]
        assert r["claimReviewed"] == cluster["proposition"]
        rating = r["reviewRating"]
        assert "not a truth rating" in rating["alternateName"] and "ratingValue" not in rating
        assert re.search(r"(Corroborated|Asserted) by \d+ independent sources?|[Cc]ontradicted by \d+ sources?",
                         rating["alternateName"])
        if cluster["corroborated"]:
            assert f"Corroborated by {cluster['independent_sources']} independent" in rating["alternateName"]
        item = r["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"]
        assert len(item["appearance"]) == len(cluster["claims"])
        for work in item["appearance"] + [item["firstAppearance"]]:
            doc, start, end = re.match(r"^storyline:doc:(\w+)#char=(\d+),(\d+)$", work["identifier"]).groups()
            assert texts[doc][int(start):int(end)] == work["text"]
        assert item["firstAppearance"]["identifier"].split(":")[2].startswith(cluster["first"])
    first = next(r for r in reviews if "contradicted" in r["reviewRating"]["alternateName"])
    assert any(claims[c]["polarity"] == "negative" for c in clusters[int(first["identifier"].rsplit(":", 1)[1])]["claims"])


# -- GEXF and GraphML -------------------------------------------------------------------

def _check_evidence(pointers: str, texts):
    for p in pointers.split():
        doc, span = p.split(":")
        start, end = map(int, span.split("-"))
        assert 0 <= start < end <= len(texts[doc])


def test_gexf_is_valid_and_complete(story, texts):
    net = network(story)
    root = ET.fromstring(render(story, "gexf"))
    ns = {"g": "http://gexf.net/1.3"}
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    graph = root.find("g:graph", ns)
    assert graph is not None and graph.get("defaultedgetype") == "directed"
    nodes = graph.findall("g:nodes/g:node", ns)
    edges = graph.findall("g:edges/g:edge", ns)
    assert len(nodes) == len(net["nodes"]) and len(edges) == len(net["edges"])
    node_ids = {n.get("id") for n in nodes}
    entity_nodes = {f"e{e['id']}" for e in story.entities()}
    assert entity_nodes <= node_ids
    assert {"o:Harbour Wire"} <= node_ids  # an outlet that is no entity is still a node
    declared = {a.get("id") for a in graph.findall("g:attributes/g:attribute", ns)}
    kinds = set()
    for e in edges:
        assert e.get("source") in node_ids and e.get("target") in node_ids
        assert float(e.get("weight")) >= 1
        values = {v.get("for"): v.get("value") for v in e.findall("g:attvalues/g:attvalue", ns)}
        assert set(values) <= declared
        kinds.add(values["kind"])
        assert (e.get("type") == "mutual") == (values["kind"] == "co_participation")
        _check_evidence(values["evidence"], texts)
    assert kinds == {"co_participation", "claims_about", "quotes", "credits"}


def test_graphml_is_valid_and_complete(story, texts):
    net = network(story)
    root = ET.fromstring(render(story, "graphml"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert root.tag == "{http://graphml.graphdrawing.org/xmlns}graphml"
    keys = {k.get("id"): k for k in root.findall("g:key", ns)}
    assert {k.get("attr.name") for k in keys.values()} >= {"label", "kind", "weight", "evidence"}
    graph = root.find("g:graph", ns)
    assert graph.get("edgedefault") == "directed"
    nodes = graph.findall("g:node", ns)
    edges = graph.findall("g:edge", ns)
    both_ways = sum(not e["directed"] for e in net["edges"])  # written once each way
    assert len(nodes) == len(net["nodes"]) and len(edges) == len(net["edges"]) + both_ways
    node_ids = {n.get("id") for n in nodes}
    for e in edges:
        assert e.get("source") in node_ids and e.get("target") in node_ids
        data = {keys[d.get("key")].get("attr.name"): d.text for d in e.findall("g:data", ns)}
        assert float(data["weight"]) >= 1
        _check_evidence(data["evidence"] or "", texts)
    credits = [e for e in net["edges"] if e["kind"] == "credits"]
    assert any(e["source"] == "o:Harbour Wire" and e["target"] == "e" + str(
        next(x["id"] for x in story.entities() if x["name"] == "Daily Herald")) for e in credits)


def test_network_evidence_reads_as_headline_and_sentence(story, texts):
    titles = {d["id"]: d["title"] or d["name"] for d in story.documents()}
    placed = 0
    for edge in network(story)["edges"]:
        for p in edge["evidence"]:
            assert p["headline"] == titles[p["doc"]]
            if p["start"] is None:
                assert p["sentence"] is None
                continue
            at = p["sentence_start"]
            assert texts[p["doc"]][at:at + len(p["sentence"])] == p["sentence"] == p["sentence"].strip()
            assert p["sentence"][p["start"] - at:p["end"] - at] == texts[p["doc"]][p["start"]:p["end"]]
            placed += 1
    assert placed > 100


def test_network_xml_survives_control_characters():
    from storyline.export.network import xml_text
    assert xml_text("a\x00b\x0bc\u2028d") == "abc\u2028d"


# -- CSV ------------------------------------------------------------------------------

def _read_tables(files: dict[str, str]) -> dict[str, list[dict]]:
    return {name[:-4]: list(csv.DictReader(io.StringIO(text))) for name, text in files.items()}


@pytest.mark.parametrize("as_zip", [False, True])
def test_csv_tables(story, texts, tmp_path, as_zip):
    out = tmp_path / ("tables.zip" if as_zip else "tables")
    assert main(["export", "--db", str(story.store.path), "--format", "csv", "-o", str(out)]) == 0
    if as_zip:
        with zipfile.ZipFile(out) as zf:
            files = {n: zf.read(n).decode("utf-8") for n in zf.namelist()}
    else:
        files = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}
    tables = _read_tables(files)
    assert set(tables) == set(TABLES)
    expected = {"documents": story.documents(), "entities": story.entities(), "events": story.events(),
                "claims": story.claims(), "contradictions": story.contradictions(), "clusters": story.clusters()}
    for name, rows in expected.items():
        assert len(tables[name]) == len(rows), name
    for row in tables["claims"]:
        assert texts[row["doc"]][int(row["start"]):int(row["end"])] == row["text"]
        assert row["source_text"] == "" or texts[row["doc"]][int(row["source_start"]):int(row["source_end"])] == row["source_text"]
    for row in tables["events"]:
        assert texts[row["doc"]][int(row["start"]):int(row["end"])] == row["trigger"]
    assert isinstance(json.loads(tables["entities"][0]["aliases"]), list)


# -- pandas -----------------------------------------------------------------------------

def test_to_pandas(story):
    pd = pytest.importorskip("pandas")
    frames = story.to_pandas()
    assert set(frames) == set(TABLES)
    assert all(isinstance(f, pd.DataFrame) for f in frames.values())
    assert len(frames["claims"]) == len(story.claims()) and "source_entity" in frames["claims"].columns
    assert len(frames["events"]) == len(story.events())
    assert frames["entities"].loc[frames["entities"]["name"] == "Ilse Kova", "type"].iloc[0] == "PERSON"


def test_to_pandas_without_pandas_says_what_to_install(story, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(StorylineError) as err:
        story.to_pandas()
    assert "notebook" in err.value.message()


def test_a_claim_no_one_is_named_for_is_the_documents_own(tmp_path):
    # "the document itself when the author asserts": kind "document", nothing written as its source
    (tmp_path / "a.txt").write_text("Port to close\n\nIt is understood that the port of Malmo will close on Friday.\n",
                                    encoding="utf-8")
    storyline.ingest([tmp_path / "a.txt"], tmp_path / "s.db")
    with storyline.open(tmp_path / "s.db") as s:
        (claim,) = [c for c in s.claims() if "will close" in c["text"]]
        assert claim["source"]["kind"] == "document" and claim["source"]["text"] is None
        assert not claim["source"]["anonymous"] and claim["source"]["entity"] is None
        (row,) = [r for r in s.sources() if claim["id"] in r["claims"]]
        assert row["kind"] == "author"
