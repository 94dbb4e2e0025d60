"""Contradictions judged from claims and events (no parsing: plain dicts as the story gives them)."""
from storyline.judge.contradictions import find_contradictions, same_predicate


def claim(i, text, polarity="positive", source="entity:1", said_on="2026-03-10", doc="d1", predicate=None,
          certainty="certain", start=0):
    return {"id": i, "text": text, "polarity": polarity, "certainty": certainty, "said_on": said_on,
            "source_key": source, "source_text": source, "doc": doc, "start": start, "end": start + len(text),
            "predicate": predicate, "quote": "indirect", "cue": "said",
            "source": {"text": source, "anonymous": source.startswith("anon"), "entity": None}}


def kinds(found):
    return sorted(f.kind for f in found)


def test_denials_of_one_thing_by_one_source_are_one_contradiction():
    claims = [claim(1, "Kova met Petar Dunn at a dinner", source="anon:officials", doc="a", predicate="meet",
                    said_on="2026-03-09"),
              claim(2, "Kova and Dunn met on March 4", source="outlet:herald", doc="b", predicate="meet"),
              claim(3, "she had met Petar Dunn", polarity="negative", doc="c", predicate="meet"),
              claim(4, "I have never met Mr. Dunn", polarity="negative", doc="d", predicate="meet")]
    (found,) = find_contradictions(claims, [])
    # one claim a source on each side: both accounts, and one of the minister's two denials
    assert found.kind == "polarity" and set(found.sides[0]) == {1, 2} and set(found.sides[1]) < {3, 4}
    assert found.explanation.startswith("anon:officials said") and "1 other source" in found.explanation


def test_shared_words_with_another_predicate_are_no_contradiction():
    claims = [claim(1, "Dunn had called to ask about the timetable of the vote", source="entity:2",
                    predicate="call"),
              claim(2, "they had not known of the call before the vote", polarity="negative",
                    source="anon:council", predicate="know")]
    assert find_contradictions(claims, []) == []


def test_a_denial_sharing_two_words_with_a_long_remark_denies_nothing():
    # two words of the shorter claim were once enough ("united", "states"), whatever the longer said
    assertion = claim(1, "the United States was in breach of the agreement", source="org:panel", doc="a")
    remark = claim(2, "he was not familiar with the programming of the network in the United States because "
                      "he did not get it at home and might decide against the announced interview series",
                   polarity="negative", source="entity:2", doc="b")
    assert find_contradictions([assertion, remark], []) == []
    denial = claim(3, "the United States was not in breach of any agreement", polarity="negative",
                   source="entity:3", doc="c")
    assert kinds(find_contradictions([assertion, remark, denial], [])) == ["polarity"]


def test_a_change_of_position_lists_every_earlier_statement_once():
    claims = [claim(1, "any meeting took place", polarity="negative", doc="a", predicate="meeting"),
              claim(2, "she had met the lobbyist Petar Dunn", polarity="negative", doc="b", predicate="meet"),
              claim(3, "she had met the lobbyist Petar Dunn at a dinner", doc="c", said_on="2026-03-24",
                    predicate="meet")]
    changes = [f for f in find_contradictions(claims, []) if f.kind == "position_change"]
    assert len(changes) == 1 and changes[0].claims[-1] == 3 and 2 in changes[0].claims


def test_one_meeting_dated_two_ways_is_one_conflict():
    events = [{"id": i, "type": "meeting", "participants": [1, 2], "when": when, "doc": doc}
              for i, when, doc in [(1, "2026-03-04", "a"), (2, "2026-03-04", "b"), (3, "2026-03-06", "c")]]
    events.append({"id": 4, "type": "meeting", "participants": [1, 3], "when": "2026-03-06", "doc": "d"})
    (found,) = find_contradictions([], events)
    assert found.kind == "date" and set(found.events) == {1, 2, 3}
    assert "4 March 2026 in 2 articles and Friday 6 March 2026 in 1 article" in found.explanation


def test_predicates_compare_by_stem_and_event_kind():
    assert same_predicate("meet", "meeting") and same_predicate("dinner", "meet")
    assert not same_predicate("call", "know")
    assert same_predicate(None, "know")


def test_one_source_sure_and_another_unsure_is_a_certainty_contradiction():
    claims = [claim(1, "the tender panel scores were changed after the call", source="anon:officials",
                    predicate="change", doc="a"),
              claim(2, "the tender panel scores may have been changed after the call", source="entity:3",
                    certainty="possible", predicate="change", doc="b"),
              claim(3, "the weather was fine in the northern provinces", source="entity:4", certainty="possible",
                    predicate="be", doc="c")]
    (found,) = find_contradictions(claims, [])
    assert found.kind == "certainty" and found.claims == (1, 2)


def test_silence_is_no_doubt():
    claims = [claim(1, "the dinner took place on March 6 at the Lantern Room", source="outlet:coastline",
                    predicate="take", doc="a"),
              {**claim(2, "whether the dinner took place on March 6 at the Lantern Room", source="entity:1",
                       certainty="unknown", predicate="take", doc="b"), "cue": "has not said"}]
    assert find_contradictions(claims, []) == []


def test_a_not_its_source_does_not_assert_denies_nothing():
    # "the actor has reportedly decided he was not right for the part": the report is unsure, so
    # it is no denial of the director's flat account, whatever the words they share
    account = claim(1, "Christian Bale was right for the part of Jobs", source="entity:2", doc="a", predicate="be")
    unsure = claim(2, "Christian Bale was not right for the part of Jobs", polarity="negative",
                   certainty="unknown", source="entity:3", doc="b", predicate="be")
    assert not [f for f in find_contradictions([account, unsure], []) if f.kind == "polarity"]
    flat = dict(unsure, certainty="certain")
    assert kinds(find_contradictions([account, flat], [])) == ["polarity"]


def test_not_commenting_is_no_denial():
    account = claim(1, "this is still an ongoing investigation of the incident", source="entity:2", doc="a",
                    predicate="be")
    mute = claim(2, "the office is not commenting due to an ongoing investigation of the incident",
                 polarity="negative", source="entity:3", doc="b", predicate="comment")
    assert find_contradictions([account, mute], []) == []
    said_no = dict(mute, text="this is not an ongoing investigation of the incident", predicate="be")
    assert kinds(find_contradictions([account, said_no], [])) == ["polarity"]


def test_a_denial_in_so_many_words_meets_another_articles_account_in_other_words():
    def with_group(c):
        return {**c, "entities": {"ORG": {7}}}  # both name the same group (ISIS, ISIL)
    account = with_group(claim(1, "four ISIS members were apprehended at the Mexican border", source="org:watch",
                               doc="a", predicate="apprehend"))
    verdict = with_group(claim(2, "The suggestion that individuals who have ties to ISIL have been apprehended at "
                                  "the Southwest border is categorically false", polarity="negative",
                               source="org:dhs", doc="b", predicate="apprehend"))
    assert kinds(find_contradictions([account, verdict], [])) == ["polarity"]
    # the same loose match with a plain "not" and no verb of denial: about something else too often
    plain = {**verdict, "text": "individuals who have ties to ISIL have not been apprehended at the Southwest "
                                "border this year, the agency's figures show"}
    assert find_contradictions([account, plain], []) == []
    # ... and one that sets itself against what was reported
    against = {**plain, "text": "contrary to reports, individuals who have ties to ISIL have not been apprehended "
                                "at the Southwest border this year"}
    assert kinds(find_contradictions([account, against], [])) == ["polarity"]


def test_a_source_is_shown_by_its_first_hand_telling_not_a_relay():
    from storyline.judge.contradictions import _relayed, _representatives

    def claim(i, doc, start, end, text, kind="anonymous"):
        return {"id": i, "doc": doc, "start": start, "end": end, "text": text, "quote": "indirect", "polarity": "positive",
                "source": {"kind": kind, "anonymous": kind == "anonymous", "text": "two officials" if kind == "anonymous"
                           else "the Herald", "entity": 9 if kind == "outlet" else None}}
    first_hand = claim(1, "herald", 0, 40, "the minister met the lobbyist on March 4")
    cited = claim(2, "wire", 30, 90, "the minister and the lobbyist met on March 4", kind="outlet")
    inside = claim(3, "wire", 50, 90, "the minister and the lobbyist met on March 4")
    relayed = _relayed([first_hand, cited, inside])
    assert relayed == {2, 3}
    # the denial is told in the wire story, yet the officials are shown by the Herald's own report
    chosen = _representatives([first_hand, inside], {"wire"}, {}, relayed)
    assert [c["id"] for c in chosen] == [1]
