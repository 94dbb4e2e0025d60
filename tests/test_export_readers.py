"""The exports read back by other tools' own readers: networkx for GEXF and GraphML, and
TimelineJS dates that are real calendar dates."""
import datetime as dt
import io
import json

import pytest

import storyline
from storyline.export import render
from storyline.export.network import network

nx = pytest.importorskip("networkx", reason="networkx is in the test extra (pip install -e '.[test]')")


@pytest.fixture(scope="module")
def story(demo_db):
    with storyline.open(demo_db[0]) as s:
        yield s


@pytest.mark.parametrize("fmt, read", [("gexf", lambda b: nx.read_gexf(b)), ("graphml", lambda b: nx.read_graphml(b))])
def test_network_exports_read_back_with_networkx(story, fmt, read):
    net = network(story)
    graph = read(io.BytesIO(render(story, fmt).encode("utf-8")))
    assert graph.is_directed() and graph.number_of_nodes() == len(net["nodes"])
    both_ways = sum(not e["directed"] for e in net["edges"])  # co-participation: one edge each way
    assert graph.number_of_edges() == len(net["edges"]) + both_ways
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    assert {n["label"] for n in net["nodes"]} <= labels | {n["id"] for n in net["nodes"]}
    kinds = {data.get("kind") for _, _, data in graph.edges(data=True)}
    assert kinds == {e["kind"] for e in net["edges"]}
    assert all(float(data["weight"]) >= 1 for _, _, data in graph.edges(data=True))


def test_timelinejs_dates_are_calendar_dates(story):
    data = json.loads(render(story, "timelinejs"))
    assert data["events"] and data["title"]["text"]
    for event in data["events"]:
        for key in ("start_date", "end_date"):
            date = event.get(key)
            if date is None:
                continue
            assert set(date) <= {"year", "month", "day", "hour", "minute", "second", "display_date"}, date
            assert all(isinstance(date[k], int) for k in ("year", "month", "day") if k in date), date
            assert "day" not in date or "month" in date, date
            dt.date(date["year"], date.get("month", 1), date.get("day", 1))  # raises on 2026-02-30
