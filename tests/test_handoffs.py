"""Hand-offs that open cleanly, each checked by the format's own tooling or documented format:
TimelineJS against its JSON format (timeline.knightlab.com/docs/json-format), GEXF and GraphML
read back by networkx with their counts, colours and sizes, ClaimReview with `url`, CSV files
that pandas reads even when empty, and FollowTheMoney entities validated by `followthemoney`."""
import datetime as dt
import html
import io
import json
import re

import pytest

import storyline
from storyline.cli import main
from storyline.export import render
from storyline.export.network import network

# -- TimelineJS: the documented JSON format ------------------------------------------------

_SLIDE = {"start_date", "end_date", "text", "media", "group", "display_date", "background", "autolink", "unique_id"}
_DATE = {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}
_MEDIA = {"url", "caption", "credit", "thumbnail", "alt", "title", "link", "link_target"}
_RANGES = {"month": (1, 12), "hour": (0, 23), "minute": (0, 59), "second": (0, 59)}
OURS = {"storyline"}  # our own pointer; TimelineJS ignores keys it does not know


def timelinejs_problems(data: dict) -> list[str]:
    """Every way `data` departs from TimelineJS3's documented JSON format."""
    out = []
    if not isinstance(data.get("events"), list):
        return ["events is required and must be a list of slides"]
    if data.get("scale", "human") not in {"human", "cosmological"}:
        out.append("scale is human or cosmological")
    slides = [("title", data["title"])] if "title" in data else []
    slides += [(f"events[{i}]", s) for i, s in enumerate(data["events"])]
    ids = [s.get("unique_id") for _, s in slides if s.get("unique_id")]
    if len(ids) != len(set(ids)):
        out.append("unique_id must be unique among slides")
    for where, slide in slides:
        out += [f"{where}.{k} is not a slide property" for k in set(slide) - _SLIDE - OURS]
        if where != "title" and "start_date" not in slide:
            out.append(f"{where} has no start_date")
        for key in ("start_date", "end_date"):
            if key in slide:
                out += [f"{where}.{key}: {p}" for p in _date_problems(slide[key])]
        if "start_date" in slide and "end_date" in slide and not out:
            if _as_date(slide["end_date"], True) < _as_date(slide["start_date"]):
                out.append(f"{where} ends before it starts")
        text = slide.get("text", {})
        out += [f"{where}.text.{k} is not a text property" for k in set(text) - {"headline", "text"}]
        out += [f"{where}.text.{k} is not a string" for k, v in text.items() if not isinstance(v, str)]
        media = slide.get("media")
        if media is not None:
            if not isinstance(media.get("url"), str):
                out.append(f"{where}.media.url is required")
            out += [f"{where}.media.{k} is not a media property" for k in set(media) - _MEDIA]
        if "autolink" in slide and not isinstance(slide["autolink"], bool):
            out.append(f"{where}.autolink is a boolean")
    return out


def _date_problems(date: dict) -> list[str]:
    out = [f"{k} is not a date property" for k in set(date) - _DATE]
    if not isinstance(date.get("year"), int):
        out.append("year is a required number")
    for key, (low, high) in _RANGES.items():
        if key in date and not (isinstance(date[key], int) and low <= date[key] <= high):
            out.append(f"{key} must be a number from {low} to {high}")
    if not out:
        try:
            _as_date(date)
        except ValueError as exc:
            out.append(str(exc))
    return out


def _as_date(date: dict, end: bool = False) -> dt.date:
    return dt.date(date["year"], date.get("month", 12 if end else 1), date.get("day", 28 if end else 1))


@pytest.fixture(scope="module")
def story(demo_db):
    with storyline.open(demo_db[0]) as s:
        yield s


@pytest.fixture(scope="module")
def timeline(story):
    return json.loads(render(story, "timelinejs"))


def test_timelinejs_follows_its_documented_format(timeline):
    assert timelinejs_problems(timeline) == []
    assert timelinejs_problems({"events": [{"start_date": {"year": 2026, "month": 13}, "bogus": 1}]})  # it can fail


def test_timelinejs_headlines_are_the_events_sentences(story, timeline):
    events = {e["id"]: e for e in story.timeline()}
    kinds = {e["type"].capitalize() for e in events.values()}
    for slide in timeline["events"]:
        head, ev = html.unescape(slide["text"]["headline"]), events[slide["storyline"]["event"]]
        assert head not in kinds and len(head) <= 112, head
        words = [w for w in re.findall(r"\w+", head) if len(w) > 3]
        sentence = " ".join(ev["text"].split())
        assert words and all(w in sentence for w in words), (head, sentence)


def test_timelinejs_dates_at_their_precision(story, timeline):
    events = {e["id"]: e for e in story.timeline()}
    seen = set()
    for slide in timeline["events"]:
        ev = events[slide["storyline"]["event"]]
        assert slide["display_date"] == ev["when_words"]
        value = ev["when"]
        if re.fullmatch(r"\d{4}-\d{2}", value) and not ev["when_mod"]:  # a month spans the month
            year, month = map(int, value.split("-"))
            assert slide["start_date"] == {"year": year, "month": month}
            assert slide["end_date"]["month"] == month and slide["end_date"]["day"] >= 28
            seen.add("month")
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):  # a day is a point
            assert "end_date" not in slide and slide["start_date"]["day"] == int(value[-2:])
            seen.add("day")
        elif re.fullmatch(r"\d{4}-W\d{2}", value):  # a week runs Monday to Sunday
            start, end = _as_date(slide["start_date"]), _as_date(slide["end_date"])
            assert (end - start).days == 6 and start.weekday() == 0
            seen.add("week")
        elif ev["when_mod"] == "START" and re.fullmatch(r"\d{4}-\d{2}", value):  # early in the month
            assert slide["start_date"]["day"] == 1 and slide["end_date"]["day"] <= 11
            seen.add("early")
    assert seen >= {"month", "day", "week", "early"}


def test_timelinejs_credits_and_links_the_article(story, timeline):
    docs = {d["id"]: d for d in story.documents()}
    linked = 0
    for slide in timeline["events"]:
        doc = docs[slide["storyline"]["doc"]]
        credit = slide["media"]["credit"]
        assert (doc["outlet"] or doc["name"]) in credit and "characters" not in credit
        if doc["url"]:
            assert slide["media"]["link"] == doc["url"] and f'href="{doc["url"]}"' in credit
            assert doc["url"].startswith(("http://", "https://"))
            linked += 1
        else:
            assert "href" not in credit and "link" not in slide["media"]
    assert linked  # some demo articles come with their URLs


# -- GEXF and GraphML, read back by networkx ------------------------------------------------

nx = pytest.importorskip("networkx", reason="networkx is in the test extra (pip install -e '.[test]')")


def test_gexf_carries_document_counts_colours_and_sizes(story):
    graph = nx.read_gexf(io.BytesIO(render(story, "gexf").encode("utf-8")))
    kova = next(data for _, data in graph.nodes(data=True) if data["label"] == "Ilse Kova")
    mentioned_in = {m["doc"] for m in _mentions(story, "Ilse Kova")}
    assert kova["documents"] == len(mentioned_in) > 5
    entities = [data for _, data in graph.nodes(data=True) if data["kind"] == "entity"]
    assert all(d["documents"] >= 1 for d in entities)
    colours = {d["type"]: tuple(d["viz"]["color"][c] for c in "rgb") for _, d in graph.nodes(data=True)}
    assert colours["PERSON"] != colours["ORG"]
    sizes = {d["label"]: d["viz"]["size"] for _, d in graph.nodes(data=True)}
    one = min(d["documents"] for _, d in graph.nodes(data=True))
    small = next(d["label"] for _, d in graph.nodes(data=True) if d["documents"] == one)
    assert sizes["Ilse Kova"] > sizes[small]


def test_graphml_carries_the_keys_gephi_reads(story):
    graph = nx.read_graphml(io.BytesIO(render(story, "graphml").encode("utf-8")))
    net = {n["id"]: n for n in network(story)["nodes"]}
    for node, data in graph.nodes(data=True):
        assert data["documents"] == net[node]["documents"] and data["size"] == net[node]["size"]
        assert all(0 <= data[c] <= 255 for c in "rgb")
    assert all({"r", "g", "b"} <= set(data) for _, _, data in graph.edges(data=True))


def _mentions(story, name: str) -> list[dict]:
    entity = next(e for e in story.entities() if e["name"] == name)
    return [{"doc": r["article_id"]} for r in story.store.query(
        "SELECT m.article_id FROM mentions m JOIN entity_mentions em ON em.mention_id = m.id "
        "WHERE em.entity_id = ?", (entity["id"],))]


# -- ClaimReview ------------------------------------------------------------------------------

def test_claimreview_items_have_a_url(story, demo_db, capsys):
    reviews = json.loads(render(story, "claimreview"))
    assert reviews and all(re.fullmatch(r"http://127\.0\.0\.1:8765/claims/\d+", r["url"]) for r in reviews)
    assert main(["export", "--db", str(demo_db[0]), "--format", "claimreview",
                 "--base-url", "https://desk.example.org/story/"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert all(r["url"].startswith("https://desk.example.org/story/claims/") for r in again)
    with pytest.raises(SystemExit):
        main(["export", "--db", str(demo_db[0]), "--format", "claimreview", "--base-url", "javascript:alert(1)"])


# -- CSV with headers, even empty ----------------------------------------------------------

def test_empty_csv_tables_have_headers_pandas_reads(tmp_path, capsys):
    pd = pytest.importorskip("pandas")
    article = tmp_path / "one.txt"
    article.write_text("Harbour notes\n\nThe harbour opened a new quay on Monday.\n", encoding="utf-8")
    db = tmp_path / "one.db"
    assert main(["ingest", str(article), "--db", str(db), "--quiet"]) == 0
    assert main(["export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "t")]) == 0
    frame = pd.read_csv(tmp_path / "t" / "contradictions.csv")
    assert frame.empty and {"id", "kind", "claims", "explanation"} <= set(frame.columns)
    for name in ("clusters", "claims", "events", "entities", "documents"):
        assert len(pd.read_csv(tmp_path / "t" / f"{name}.csv").columns) > 3, name
    with storyline.open(db) as s:
        assert list(s.to_pandas()["contradictions"].columns)[:2] == ["id", "kind"]


# -- FollowTheMoney, validated by followthemoney ---------------------------------------------

def test_ftm_export_validates_with_followthemoney(story):
    ftm = pytest.importorskip("followthemoney", reason="followthemoney is not installed (through normality it needs PyICU, built from source)")
    from followthemoney.types import registry
    items = [json.loads(line) for line in render(story, "ftm").splitlines()]
    ids = {e["id"] for e in items}
    for data in items:
        schema = ftm.model.get(data["schema"])
        assert schema is not None and not schema.abstract, data["schema"]
        assert set(schema.required) <= set(data["properties"]), (data["schema"], schema.required)
        proxy = ftm.model.get_proxy({k: data[k] for k in ("id", "schema", "properties")}, cleaned=False)
        for prop, values in data["properties"].items():
            assert prop in schema.properties, (data["schema"], prop)
            assert len(proxy.get(prop)) == len(set(values)), (data["schema"], prop, values)  # nothing dropped
        assert schema.validate(proxy.to_dict()) is None
        for prop in proxy.iterprops():
            if prop.type == registry.entity:
                assert set(proxy.get(prop)) <= ids, (data["schema"], prop.name)


def test_ftm_claims_are_statements_and_mentions(story):
    items = [json.loads(line) for line in render(story, "ftm").splitlines()]
    claims = story.claims()
    statements = [e for e in items if e["schema"] in {"Documentation", "Note"}]
    assert len(statements) == len(claims)
    by_claim = {e["storyline"]["claim"]: e for e in statements}
    denial = next(c for c in claims if c["polarity"] == "negative" and c["source"]["entity"] is not None
                  and not c["source"]["anonymous"])
    said = by_claim[denial["id"]]
    assert said["schema"] == "Documentation" and said["properties"]["status"] == ["denied"]
    assert said["properties"]["summary"] == [denial["text"]]
    mentions = [e for e in items if e["schema"] == "Mention"]
    assert mentions and all(e["properties"]["resolved"] and e["properties"]["document"] for e in mentions)
