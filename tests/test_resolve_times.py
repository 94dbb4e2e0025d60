"""Times resolved across articles: event anchors, undated articles, precision."""
import json

import pytest

import storyline
from storyline.export.timelinejs import render
from storyline.resolve.times import shift
from storyline.story import precision


@pytest.mark.parametrize("value, relation, offset, expected", [
    ("2026-03-20", "before", "P1D", "2026-03-19"),
    ("2026-03-20", "after", "P2W", "2026-04-03"),
    ("2026-01-31", "after", "P1M", None),       # no 31 February: unknown, not guessed
    ("2026-03-20", "same_day", None, "2026-03-20"),
    ("2026-03", "before", "P1D", None),         # a month-level anchor gives no day
    ("2026-03-20", "before", None, None),       # "shortly before": no offset, no date
])
def test_shift(value, relation, offset, expected):
    assert shift(value, relation, offset) == expected


@pytest.mark.parametrize("value, expected", [
    ("2026-03-19", "day"), ("2026-03", "month"), ("2026", "year"), ("2026-W12", "week"), ("2026-Q1", "quarter"),
    ("2015-11/2016-11", "interval"), ("2026-03-19T15:00", "time"), ("PAST_REF", "relative"), (None, None),
])
def test_precision(value, expected):
    assert precision(value) == expected


def test_the_day_before_a_vote_dated_in_another_article(tmp_path):
    (tmp_path / "a.txt").write_text("date 2026-03-20\n\nVote\n\nThe council voted on March 20 to award the contract.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2026-03-23\n\nCall\n\nDunn telephoned Olin the day before the vote, "
                                    "records show.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Notes\n\nThe council met on March 20 and again on March 2.\n", encoding="utf-8")
    db = tmp_path / "s.db"
    storyline.ingest([tmp_path], db)
    with storyline.open(db) as story:
        calls = [e for e in story.events() if e["trigger"] == "telephoned"]
        assert calls and calls[0]["when"] == "2026-03-19" and "the vote" in calls[0]["when_how"]
        undated = [d for d in story.documents() if d["name"] == "c.txt"][0]
        assert (undated["published"], undated["published_from"]) == ("2026-03-20", "inferred")
        assert all(e["precision"] for e in story.timeline())


def test_an_anchor_nobody_dates_leaves_the_event_undated(tmp_path):
    (tmp_path / "b.txt").write_text("date 2026-03-23\n\nCall\n\nDunn telephoned Olin the day before the vote.\n",
                                    encoding="utf-8")
    db = tmp_path / "s.db"
    storyline.ingest([tmp_path], db)
    with storyline.open(db) as story:
        assert [e["when"] for e in story.events() if e["trigger"] == "telephoned"] == [None]


def test_a_date_without_a_year_takes_the_year_of_the_article_or_its_inferred_date(tmp_path):
    (tmp_path / "a.txt").write_text("date 2026-03-20\n\nVote\n\nThe council voted on 20 March 2026.\n",
                                    encoding="utf-8")
    (tmp_path / "c.txt").write_text("Notes\n\nThe council met on March 2 and voted on March 20, 2026.\n"
                                    "Kova phoned Dunn on March 3.\n", encoding="utf-8")
    db = tmp_path / "s.db"
    storyline.ingest([tmp_path], db)
    with storyline.open(db) as story:
        c = [d["id"] for d in story.documents() if d["name"] == "c.txt"][0]
        by_trigger = {e["trigger"]: e for e in story.events() if e["doc"] == c}
        assert by_trigger["phoned"]["when"] == "2026-03-03"
        assert "inferred" in by_trigger["phoned"]["when_how"]


def test_a_dateline_does_not_date_the_events_of_its_sentence(nlp):
    import datetime
    from storyline.analyse.events import events
    from storyline.analyse.timexes import timexes
    doc = nlp("PORTVALE, March 24, 2026 (Harbour Wire) - Minister Ilse Kova acknowledged on Monday that she "
              "had met the lobbyist.")
    found = events(doc, [], timexes(doc, datetime.date(2026, 3, 24)))
    assert {e.trigger: e.when for e in found}["acknowledged"] == "2026-03-23"


def test_shortly_before_a_dated_vote_is_placed_before_its_day(tmp_path):
    (tmp_path / "a.txt").write_text("date 2026-03-20\n\nVote\n\nThe council voted on March 20 to award the contract.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2026-03-23\n\nCall\n\nDunn telephoned Olin shortly before the vote.\n",
                                    encoding="utf-8")
    db = tmp_path / "s.db"
    storyline.ingest([tmp_path], db)
    with storyline.open(db) as story:
        (call,) = [e for e in story.timeline() if e["trigger"] == "telephoned"]
        assert (call["when"], call["when_mod"], call["precision"]) == ("2026-03-20", "BEFORE", "before day")


def test_now_recently_and_soon_are_placed_by_the_article_date(tmp_path):
    (tmp_path / "a.txt").write_text("date 2026-03-20\n\nPort\n\nThe council is now voting on the contract. "
                                    "Kova recently met Dunn.\n", encoding="utf-8")
    db = tmp_path / "s.db"
    storyline.ingest([tmp_path], db)
    with storyline.open(db) as story:
        placed = {e["when_text"]: (e["when"], e["when_mod"], e["precision"]) for e in story.timeline()}
        assert placed == {"now": ("2026-03-20", "APPROX", "approx day"),
                          "recently": ("2026-03-20", "BEFORE", "before day")}
        shown = {s["storyline"]["when"] + " " + s.get("display_date", "") for s in json.loads(render(story))["events"]}
        assert shown == {"2026-03-20 around Friday 20 March 2026", "2026-03-20 before Friday 20 March 2026"}
