import copy

import pytest

from storyline.export.contract import problems

GOOD = {
    "schema": "storyline/1",
    "documents": [{"id": "a1", "name": "a.txt", "title": None, "outlet": "Herald", "url": None,
                   "published": "2026-03-10", "published_from": "metadata"}],
    "entities": [{"id": 1, "name": "Jane Doe", "type": "PERSON", "aliases": ["Jane Doe", "Doe"], "titles": [],
                  "mentions": 2}],
    "events": [{"id": 5, "type": "meeting", "doc": "a1", "start": 3, "end": 6, "text": "They met.",
                "participants": [1], "when": "2026-03", "when_text": "in March"}],
    "claims": [{"id": 9, "doc": "a1", "start": 0, "end": 10, "text": "they met", "cue": "denied",
                "quote": "indirect", "source": {"entity": 1, "text": "Doe", "kind": "person", "anonymous": False,
                                                "count": None, "affiliation": None, "on_behalf_of": None},
                "polarity": "negative", "certainty": "certain", "said_on": "2026-03-10", "events": [5]}],
    "contradictions": [{"id": 1, "kind": "polarity", "claims": [9], "events": [], "explanation": "x"}],
}


def test_a_conforming_export_has_no_problems():
    assert problems(GOOD) == []
    assert problems({**GOOD, "extra": 1}) == []  # later versions may add fields


@pytest.mark.parametrize("change, expected", [
    (lambda e: e.pop("claims"), "claims is missing"),
    (lambda e: e.update(schema="storyline/0"), "schema"),
    (lambda e: e["claims"][0].update(polarity="maybe"), "polarity"),
    (lambda e: e["claims"][0]["source"].update(entity=77), "points to no entity"),
    (lambda e: e["events"][0].update(when="next week"), "not a TIMEX3 value"),
    (lambda e: e["documents"][0].update(published="14/05/2019"), "not YYYY-MM-DD"),
    (lambda e: e["events"][0].update(participants=[3]), "unknown entity"),
    (lambda e: e["contradictions"][0].update(kind="vibes"), "kind"),
    (lambda e: e["entities"][0].pop("aliases"), "has no 'aliases'"),
])
def test_departures_are_named(change, expected):
    bad = copy.deepcopy(GOOD)
    change(bad)
    assert any(expected in p for p in problems(bad)), problems(bad)


@pytest.mark.parametrize("when", ["2016-W37-WE", "XXXX-WXX-WE", "2016-W37", "2016-12-28", "2016-Q3", "2015-11/2016-11"])
def test_timex3_values_the_analysis_writes_are_accepted(when):
    good = copy.deepcopy(GOOD)
    good["events"][0]["when"] = when  # "2016-W37-WE": a weekend, as TimeML writes it
    assert problems(good) == []
