"""The expected case file agrees with the demo corpus it describes (no NLP needed)."""
import json
from collections import Counter

import pytest

from storyline.api import demo_corpus
from storyline.read import read_paths
from storyline.records import Article


@pytest.fixture(scope="module")
def corpus():
    items = list(read_paths([demo_corpus()], 5_000_000))
    assert all(isinstance(a, Article) for a in items), [a for a in items if not isinstance(a, Article)]
    return {a.name: a for a in items}


@pytest.fixture(scope="module")
def expected():
    return json.loads((demo_corpus().parent / "expected.json").read_text(encoding="utf-8"))


def test_documents_are_read_with_their_outlet_date_and_title(corpus, expected):
    assert set(corpus) == {d["name"] for d in expected["documents"]}
    for d in expected["documents"]:
        a = corpus[d["name"]]
        assert (a.outlet, a.published, a.title) == (d["outlet"], d["published"], d["title"]), d["name"]


def test_the_corpus_has_what_a_real_story_has(corpus, expected):
    assert 10 <= len(corpus) <= 15
    assert len({a.outlet for a in corpus.values()}) >= 4
    assert {n.split("#")[0].rsplit(".", 1)[1] for n in corpus} >= {"txt", "html", "jsonl"}
    assert sum(1 for a in corpus.values() if a.published is None) == 1
    kinds = Counter(c["kind"] for c in expected["contradictions"])
    assert {"polarity", "position_change", "date"} <= set(kinds)
    assert any(c["source"]["count"] for c in expected["claims"])
    assert any(c["source"]["on_behalf_of"] for c in expected["claims"])
    assert {"direct", "indirect"} <= {c["quote"] for c in expected["claims"]}


def test_evidence_and_contents_are_verbatim(corpus, expected):
    for c in expected["claims"]:
        assert c["content"] in corpus[c["doc"]].text, c["content"]
    for e in expected["events"]:
        assert e["evidence"] in corpus[e["doc"]].text, e["evidence"]


def test_names_and_aliases_occur_in_the_articles(corpus, expected):
    everything = "\n".join(a.text for a in corpus.values())
    for e in expected["entities"]:
        for form in [e["name"], *e["aliases"]]:
            assert form in everything, form


def test_references_point_inside_the_file(expected):
    names = {e["name"] for e in expected["entities"]}
    docs = {d["name"] for d in expected["documents"]}
    for a, b in expected["distinct"]:
        assert a in names and b in names
    for c in expected["contradictions"]:
        assert all(0 <= i < len(expected["claims"]) for i in c["claims"])
        assert all(0 <= i < len(expected["events"]) for i in c["events"])
    for e in expected["events"]:
        assert set(e["participants"]) <= names and e["doc"] in docs
    for c in expected["claims"]:
        for key in ("entity", "on_behalf_of"):
            assert c["source"][key] is None or c["source"][key] in names
    for r in expected["first_reports"]:
        assert r["doc"] in docs and set(r["picked_up_by"]) <= docs
