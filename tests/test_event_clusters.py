"""Mentions of one event across articles (stored by resolve/event_coref.py), and events' reading."""
import pytest

import storyline
from storyline.resolve.event_clusters import compatible_times


@pytest.mark.parametrize("a, b, expected", [("2026-03", "2026-03-04", True), ("2026-03-04", "2026-03-04TNI", True),
                                            ("2026-03-04", "2026-03-06", False), ("2026", "2025-12", False)])
def test_compatible_times(a, b, expected):
    assert compatible_times(a, b) is expected and compatible_times(b, a) is expected


def test_the_timeline_merges_mentions_and_marks_date_conflicts(demo_db):
    db, _ = demo_db
    with storyline.open(db) as story:
        rows = story.event_timeline()
        names = {e["id"]: e["name"] for e in story.entities()}
        votes = [r for r in rows if r["type"] == "vote" and r["when"] == "2026-03-20" and len(r["articles"]) >= 3]
        assert votes, "the council vote is told by several articles and shown once"
        dinner = [r for r in rows if r["type"] == "meeting" and r["when"] == "2026-03-06"
                  and {"Ilse Kova", "Petar Dunn"} <= {names[p] for p in r["participants"]}]
        assert dinner and "2026-03-04" in dinner[0]["conflicts_with"]


def test_participants_are_the_triggers_own_clause(nlp):
    from storyline.analyse.events import events
    from storyline.analyse.mentions import mentions
    doc = nlp("Transport Minister Ilse Kova denied on Tuesday that she had met the lobbyist Petar Dunn, "
              "while President Tomas Reyes said he trusted her.")
    found = {e.trigger: set(e.participants) for e in events(doc, mentions(doc), [])}
    assert found["met"] == {"Ilse Kova", "Petar Dunn"}


def test_a_verb_without_a_subject_shares_its_heads_and_names_elsewhere_are_no_participants(nlp):
    from storyline.analyse.events import events
    from storyline.analyse.mentions import mentions
    doc = nlp("Petar Dunn resigned on Monday, citing pressure from Ilse Kova. "
              "Tomas Reyes said prices rose. Ilse Kova ended the meeting by thanking the staff.")
    found = {e.trigger: set(e.participants) for e in events(doc, mentions(doc), [])}
    assert found["citing"] >= {"Petar Dunn"}  # the subject of "resigned"
    assert found["thanking"] == {"Ilse Kova"}  # by thanking: the subject of "ended"
    assert found["rose"] == set()  # Reyes is named in the sentence, not in the rise
    doc = nlp("Ilse Kova met Petar Dunn in Brussels on Monday.")
    found = {e.trigger: set(e.participants) for e in events(doc, mentions(doc), [])}
    assert found["met"] == {"Ilse Kova", "Petar Dunn"}  # where it happened is no participant
    doc = nlp("Tomas Reyes would ask the Harbour Council to delay the vote. "
              "Ilse Kova denied that she had met Petar Dunn, a day after a paper reported that the two had dined.")
    found = {e.trigger: set(e.participants) for e in events(doc, mentions(doc), [])}
    assert found["delay"] == {"Harbour Council"}  # asked to delay: the object would do it
    assert found["dined"] >= {"Ilse Kova", "Petar Dunn"}  # "the two": the people the sentence names
    doc = nlp("The Greyline Shipping contract was approved on Monday. Islamic State militants seized Mosul. "
              "Petar Dunn, the Greyline Shipping lobbyist, telephoned Marta Olin.")
    found = {e.trigger: set(e.participants) for e in events(doc, mentions(doc), [])}
    assert "Greyline Shipping" not in found["approved"]  # the contract was approved, not the company
    assert found["seized"] & {"Islamic State", "State"}  # its militants: the group takes part
    assert "Greyline Shipping" in found["telephoned"]  # in a description of Dunn


def test_a_phrasal_verbs_trigger_keeps_its_particle_and_the_verbs_offsets(nlp):
    from storyline.analyse.events import events
    doc = nlp("Kova will step down next month. Dunn rounded the meeting off with a toast.")
    found = {e.trigger: doc.text[e.start:e.end] for e in events(doc, [], [])}
    assert found["step down"] == "step" and found["rounded off"] == "rounded"


def test_a_sentence_without_a_verb_ends(nlp):
    from storyline.analyse.events import events
    doc = nlp("Dinner at the Lantern Room, March 4.")
    assert [e.trigger for e in events(doc, [], [])] == ["Dinner"]


def test_events_carry_the_authors_view_of_whether_they_happened(nlp):
    from storyline.analyse.events import events
    from storyline.analyse.mentions import mentions
    cases = [("Kova met Dunn on Monday.", "met", ("positive", "certain", "actual")),
             ("Kova did not meet Dunn on Monday.", "meet", ("negative", "certain", "actual")),
             ("Kova may have met Dunn on Monday.", "met", ("positive", "possible", "actual")),
             ("Kova will meet Dunn on Friday.", "meet", ("positive", "certain", "future")),
             ("The council plans to vote on Friday.", "vote", ("positive", "certain", "intended"))]
    for text, trigger, view in cases:
        doc = nlp(text)
        [found] = [e for e in events(doc, mentions(doc), []) if e.trigger == trigger]
        assert (found.polarity, found.certainty, found.mood) == view, text


def test_the_story_keeps_each_events_factuality(demo_db):
    db, _ = demo_db
    with storyline.open(db) as story:
        found = story.events()
        assert {e["polarity"] for e in found} == {"positive", "negative"}
        never = [e for e in found if e["trigger"] == "met" and "never met" in e["text"]]
        assert never and all(e["polarity"] == "negative" for e in never)
        assert any(e["mood"] == "future" for e in found)


def test_the_timeline_says_when_no_article_tells_an_event_as_having_happened(demo_db):
    from storyline.story import told_as
    view = lambda mood="actual", polarity="positive", certainty="certain": {  # noqa: E731
        "mood": mood, "polarity": polarity, "certainty": certainty}
    assert told_as([view(), view(mood="future")]) is None  # one article tells it as done
    assert told_as([view(mood="future"), view(mood="intended")]) == "planned"
    assert told_as([view(polarity="negative")]) == "denied"
    assert told_as([view(mood="hypothetical")]) == "hypothetical"
    assert told_as([view(certainty="possible")]) == "uncertain"
    assert told_as([{"mood": None, "polarity": None, "certainty": None}]) is None  # stored before 0008
    db, _ = demo_db
    with storyline.open(db) as story:
        rows = story.event_timeline()
        # "will put the contract to the Harbour Council next week"
        assert any(r["when"] == "2026-W12" and r["told_as"] == "planned" for r in rows)
        assert all(r["told_as"] is None for r in rows if r["type"] == "vote" and r["when"] == "2026-03-20")
