"""TIMEX3 detection and normalisation against a fixed article date (Wednesday 11 March 2026)."""
from datetime import date

import pytest

from storyline.analyse.timexes import timexes

ANCHOR = date(2026, 3, 11)


@pytest.fixture(scope="module")
def find(nlp):
    def run(text, anchor=ANCHOR):
        found = timexes(nlp(text), anchor)
        for t in found:
            assert text[t.start:t.end] == t.text
        return [(t.text, t.type, t.value, t.mod) for t in found]
    return run


@pytest.mark.parametrize("text, expected", [
    ("Kova denied on Tuesday that she met him.", [("Tuesday", "DATE", "2026-03-10", None)]),
    ("Kova denied on Wednesday that she met him.", [("Wednesday", "DATE", "2026-03-11", None)]),
    ("She will meet Dunn on Friday.", [("Friday", "DATE", "2026-03-13", None)]),
    ("They met last Wednesday.", [("last Wednesday", "DATE", "2026-03-04", None)]),
    ("The meeting took place on March 4, officials said.", [("March 4", "DATE", "2026-03-04", None)]),
    ("The meeting took place on 4 March 2025.", [("4 March 2025", "DATE", "2025-03-04", None)]),
    ("The council met in December.", [("December", "DATE", "2025-12", None)]),
    ("The vote on March 20 was delayed.", [("March 20", "DATE", "2026-03-20", None)]),
    ("Last month the ministry signed the deal.", [("Last month", "DATE", "2026-02", None)]),
    ("The audit starts next week.", [("next week", "DATE", "2026-W12", None)]),
    ("The contract was signed in early March 2025.", [("early March 2025", "DATE", "2025-03", "START")]),
    ("Late last year he left.", [("Late last year", "DATE", "2025", "END")]),
    ("He arrived yesterday.", [("yesterday", "DATE", "2026-03-10", None)]),
    ("The talks lasted three days.", [("three days", "DURATION", "P3D", None)]),
    ("They talked for about two years.", [("two years", "DURATION", "P2Y", "APPROX")]),
    ("They talked for nearly two years.", [("nearly two years", "DURATION", "P2Y", "LESS_THAN")]),
    ("The board meets every week.", [("every week", "SET", "P1W", None)]),
    ("The report is published daily.", [("daily", "SET", "P1D", None)]),
    ("At 3 p.m. yesterday the minister spoke.", [("3 p.m. yesterday", "TIME", "2026-03-10T15:00", None)]),
    ("He spoke Tuesday morning.", [("Tuesday morning", "DATE", "2026-03-10", None)]),
    ("He spoke this morning.", [("this morning", "TIME", "2026-03-11TMO", None)]),
    ("Now the port is closed.", [("Now", "DATE", "PRESENT_REF", None)]),
    ("In the third quarter of 2025 profits fell.", [("the third quarter of 2025", "DATE", "2025-Q3", None)]),
    ("The deal was renewed two years ago.", [("two years ago", "DATE", "2024", None)]),
    ("In the 1990s the port grew.", [("the 1990s", "DATE", "199", None)]),
    ("It was signed on 2026-02-27.", [("2026-02-27", "DATE", "2026-02-27", None)]),
    ("The index fell 2000 points.", []),
    ("You may go, said the judge.", []),
    ("The harbour is large and the ships are new.", []),
])
def test_values(find, text, expected):
    assert find(text) == expected


def test_event_anchored_expressions_keep_the_anchor(nlp):
    found = timexes(nlp("They met the day before the vote."), ANCHOR)
    assert len(found) == 1
    t = found[0]
    assert (t.text, t.anchor, t.relation, t.offset) == ("the day before the vote", "the vote", "before", "P1D")
    t = timexes(nlp("Two weeks after the election, he resigned."), ANCHOR)[0]
    assert (t.anchor, t.relation, t.offset) == ("the election", "after", "P2W")


def test_without_an_article_date_values_stay_underspecified(nlp):
    found = timexes(nlp("On Tuesday the minister said she met him on March 4."), None)
    values = [t.value for t in found]
    assert values == ["XXXX-WXX-2", "XXXX-03-04"]
