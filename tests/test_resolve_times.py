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


def _ingest(tmp_path, files: dict) -> "storyline.Story":
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "s.db"
    storyline.ingest([tmp_path], db)
    return db


def test_an_undated_article_lies_after_what_it_tells_as_past_and_before_what_is_ahead(tmp_path):
    db = _ingest(tmp_path, {"c.txt": "Notes\n\nThe council voted on March 20, 2026 to award the contract. "
                                     "The minister will visit the port on April 2, 2026. Now the unions are waiting.\n"})
    with storyline.open(db) as story:
        (doc,) = story.documents()
        assert (doc["published"], doc["published_latest"], doc["published_from"]) == ("2026-03-20", "2026-04-02", "inferred")
        assert doc["published_words"] == "between 20 March 2026 and 2 April 2026"
        assert "voted" in doc["published_how"] and "visit" in doc["published_how"]
        now = [e for e in story.events() if e["when_text"] == "Now"]
        assert all(e["when"] == "2026-03-20/2026-04-02" for e in now)


def test_conflicting_evidence_keeps_the_interval_and_says_so(tmp_path):
    db = _ingest(tmp_path, {"c.txt": "Notes\n\nThe council voted on April 20, 2026 to award the contract. "
                                     "The minister will visit the port on March 2, 2026.\n"})
    with storyline.open(db) as story:
        (doc,) = story.documents()
        assert (doc["published"], doc["published_latest"]) == ("2026-03-02", "2026-04-20")
        assert doc["published_words"].endswith("(the evidence conflicts)")
        assert "conflicts" in doc["published_how"]


def test_a_yearless_day_takes_the_year_other_articles_give_it(tmp_path):
    files = {f"a{i}.txt": f"date 2017-0{i}-10\n\nPolicy\n\nThe president signed an order on {m} 2, 2017.\n"
             for i, m in ((2, "February"), (3, "March"), (4, "April"), (5, "May"))}
    files["e.txt"] = "date 2016-11-09\n\nResult\n\nVoters elected a new president on November 8, 2016.\n"
    files["blog.txt"] = ("Blog\n\nOn November 8 voters elected a new president. Since then the new "
                         "government has signed many orders.\n")
    db = _ingest(tmp_path, files)
    with storyline.open(db) as story:
        blog = next(d for d in story.documents() if d["name"] == "blog.txt")
        assert blog["published"] == "2016-11-08" and blog["published_from"] == "inferred"  # not 2017-11-08


def test_a_written_out_year_wins_over_the_article_date(nlp):
    import datetime
    from storyline.analyse.timexes import timexes
    doc = nlp("Back in early October, in the fall of 2008, the bank collapsed. In 2008 he joined; he left in October.")
    found = {t.text: t.value for t in timexes(doc, datetime.date(2016, 5, 1))}
    assert found["early October"] == "2008-10"
    assert found["October"] == "2015-10"  # another clause's year decides nothing


def test_a_lower_bound_known_only_to_the_year_leaves_yearless_dates_without_a_year(tmp_path):
    # undated: it tells an expansion "in 2019" as past, so it was written after 1 January 2019, in
    # 2019 or any later year; "in March" may be any of those years
    (tmp_path / "d.txt").write_text("Notes\n\nThe group expanded into the north in 2019. "
                                    "Its leader was freed from a prison in March.\n", encoding="utf-8")
    db = tmp_path / "s.db"
    storyline.ingest([tmp_path], db)
    with storyline.open(db) as story:
        freed = [e for e in story.events() if e["trigger"] == "freed"]
        assert freed and freed[0]["when"] == "XXXX-03"


def _events_by_trigger(tmp_path, text: str) -> dict:
    with storyline.open(_ingest(tmp_path, {"a.txt": text})) as story:
        return {e["trigger"]: e for e in story.events()}


def test_an_undated_event_is_told_on_the_day_its_account_last_named(tmp_path):
    events = _events_by_trigger(tmp_path, "date 2026-03-21\n\nCouncil\n\nThe council met on Friday to hear the bids. "
                                          "Dunn argued for the harbour plan. Olin objected to the cost.\n\n"
                                          "Dunn will present the plan again next month. Olin did not attend the vote.\n")
    assert events["met"]["when"] == "2026-03-20" and events["met"]["told_on"] is None  # its own day
    for trigger in ("argued", "objected"):
        e = events[trigger]
        assert e["when"] is None and e["told_on"] == "2026-03-20" and e["told_on_text"] == "Friday"
        assert e["when_words"] == 'likely Friday 20 March 2026 (the day named before it, "Friday")'
    assert events["present"]["told_on"] is None  # ahead, not on the day told
    assert events["attend"]["told_on"] is None   # denied: it did not happen that day


def test_no_day_named_before_an_event_or_one_after_the_article_gives_none(tmp_path):
    events = _events_by_trigger(tmp_path, "date 2026-03-21\n\nCouncil\n\nDunn argued for the harbour plan. "
                                          "The vote is set for April 2, 2026. Olin objected to the cost.\n")
    assert events["argued"]["told_on"] is None
    assert events["objected"]["told_on"] is None
    assert events["objected"]["not_after"] == "2026-03-21"


def test_a_day_ahead_of_the_article_does_not_move_the_account(tmp_path):
    events = _events_by_trigger(tmp_path, "date 2026-03-21\n\nCouncil\n\nThe council met on Friday to hear the bids. "
                                          "The offer stands until April 30. Olin objected to the cost.\n")
    assert events["objected"]["told_on"] == "2026-03-20" and events["objected"]["told_on_text"] == "Friday"


def test_a_day_in_a_photo_caption_is_not_where_the_account_is(tmp_path):
    events = _events_by_trigger(tmp_path, "date 2026-03-21\n\nCouncil\n\nThe council met on Friday to hear the bids.\n"
                                          "PHOTO: Dunn speaks at the harbour, May 29, 2024, in Portvale. Ann Lee/Getty Images\n"
                                          "Dunn argued for the harbour plan. Olin objected to the cost.\n")
    assert events["speaks"]["when"] == "2024-05-29"  # the picture's own day stays its own
    for trigger in ("argued", "objected"):
        assert events[trigger]["told_on"] == "2026-03-20" and events[trigger]["told_on_text"] == "Friday"


@pytest.mark.parametrize("line, caption", [
    ("PHOTO: Rep. Hunter speaks at the Capitol, May 29, 2014, in Washington.Win McNamee/Getty Images", True),
    ("The president speaks in Ohio, June 2, 2016. (AP Photo/Evan Vucci)", True),
    ("Soldiers patrol in Kiev on March 3, 2014. REUTERS/Gleb Garanich", True),
    ("A man walks on Monday. Photo: John Smith/AFP", True),
    ("The deal, signed on Monday, was off, he told Reuters.", False),
    ("He said the photo was fake on Monday.", False),
])
def test_caption_lines(line, caption):
    from storyline.resolve.times import in_caption
    text = "Body on Tuesday.\n" + line + "\nMore body."
    assert in_caption(text, text.index(line) + 5) is caption
    assert not in_caption(text, 0)


@pytest.mark.parametrize("body, words", [
    ("The band was formed in 1979 in New York. Its founder died at his home.", "in or after 1979"),
    ("The council voted in March 2026 to award the contract. The unions are waiting.", "in or after March 2026"),
    ("The council voted in March 2026 to award the contract. The minister will visit the port in 2026.",
     "between March 2026 and the end of 2026"),
])
def test_an_inferred_date_known_only_to_the_year_or_month_says_so(tmp_path, body, words):
    from storyline.present.tables import doc_label
    db = _ingest(tmp_path, {"c.txt": "Notes\n\n" + body + "\n"})
    with storyline.open(db) as story:
        (doc,) = story.documents()
        assert doc["published_from"] == "inferred" and doc["published_words"] == words
        assert doc_label(doc) == f"c.txt, {words} (inferred)"


def test_now_in_an_article_known_only_to_the_year_is_that_year_or_later(tmp_path):
    db = _ingest(tmp_path, {"c.txt": "Notes\n\nThe band was formed in 1979 in New York. Now the band plays again.\n"})
    with storyline.open(db) as story:
        (now,) = [e for e in story.events() if e["when_text"] == "Now"]
        assert now["when"] == "1979" and now["when_words"] == "in or after 1979"


def test_a_time_an_undated_article_gives_no_figure_for_is_not_on_the_timeline(tmp_path):
    db = _ingest(tmp_path, {"c.txt": "Notes\n\nDunn met Kova last year. Now Dunn is back at the harbour.\n"})
    with storyline.open(db) as story:
        events = {e["trigger"]: e for e in story.events()}
        assert events["met"]["when"] == "XXXX" and events["met"]["when_words"] == "a year not known"
        assert not story.timeline()  # nothing in it can be placed in time
