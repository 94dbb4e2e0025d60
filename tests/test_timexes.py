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


# Weekdays: news reports what has happened, so a weekday with no sign of the future is the
# latest one up to the article date; plans, modals and "as soon as" point ahead.
@pytest.mark.parametrize("text, expected", [
    ("According to a report Friday, the port is closed.", [("Friday", "DATE", "2026-03-06", None)]),
    ("Lawyers sought ways to get around Monday's ruling.", [("Monday", "DATE", "2026-03-09", None)]),
    ("The team planned to leave Nairobi on Thursday.", [("Thursday", "DATE", "2026-03-12", None)]),
    ("The father could come to the U.S. as early as Friday.", [("Friday", "DATE", "2026-03-13", None)]),
    ("Flights leave on Tuesday nights.", [("Tuesday nights", "SET", "XXXX-WXX-2TNI", None)]),
    ("He will speak later this afternoon.", [("this afternoon", "TIME", "2026-03-11TAF", None)]),
    ("The offer runs until 5 p.m. EST Nov. 9.", [("5 p.m. EST Nov. 9", "TIME", "2026-11-09T17:00", None)]),
])
def test_weekdays_and_times(find, text, expected):
    assert find(text) == expected


# A yearless month or date is the nearest one to the article date, unless the tense moves it.
@pytest.mark.parametrize("text, anchor, expected", [
    ("Found off the coast in late November, the boy became famous.", date(2026, 1, 15),
     [("late November", "DATE", "2025-11", "END")]),
    ("The dividend is payable Jan. 2 to holders of record.", date(2026, 11, 2),
     [("Jan. 2", "DATE", "2027-01-02", None)]),
    ("He was shot last October.", date(2026, 5, 5), [("last October", "DATE", "2025-10", None)]),
])
def test_yearless_months(find, text, anchor, expected):
    assert find(text, anchor) == expected


# Quarterly reports: a comparison "a year earlier" is the same quarter of the year before,
# "the quarter" the one the report has named; fiscal years are written as plain years.
@pytest.mark.parametrize("text, expected", [
    ("Third-quarter profit rose to $5 million from $3 million a year earlier.",
     [("Third-quarter", "DATE", "2026-Q3", None), ("a year earlier", "DATE", "2025-Q3", None)]),
    ("Net fell in the second quarter. Sales in the quarter rose, up from the year-ago quarter.",
     [("the second quarter", "DATE", "2026-Q2", None), ("the quarter", "DATE", "2026-Q2", None),
      ("the year-ago quarter", "DATE", "2025-Q2", None)]),
    ("Sales for this year's third quarter beat the corresponding period last year.",
     [("this year's third quarter", "DATE", "2026-Q3", None),
      ("the corresponding period last year", "DATE", "2025-Q3", None)]),
    ("Profit a year ago was higher.", [("a year ago", "DATE", "2025", None)]),
    ("Revenue for fiscal 2025 rose.", [("fiscal 2025", "DATE", "2025", None)]),
])
def test_reporting_periods(find, text, expected):
    assert find(text, date(2026, 10, 20)) == expected


@pytest.mark.parametrize("text, expected", [
    ("The company earlier this year adopted a plan.", [("earlier this year", "DATE", "2026", None)]),
    ("He stepped down in March for health reasons.", [("March", "DATE", "2026-03", None)]),
    ("He joined the annual March for Life.", []),
    ("Revenue for the year ended Jan. 31 rose.", [("the year", "DURATION", "P1Y", None),
                                                 ("Jan. 31", "DATE", "2026-01-31", None)]),
    ("Hate groups grew over the past year.", [("the past year", "DATE", "2025", None)]),
    ("Threats became routine over the past decade.", [("the past decade", "DURATION", "P10Y", None)]),
    ("The war ended almost four years ago.", [("almost four years ago", "DATE", "2022", None)]),
    ("Three days later, he left.", [("Three days", "DURATION", "P3D", None)]),
    ("They must wait at least 30 days before closing.", [("at least 30 days", "DURATION", "P30D", "EQUAL_OR_MORE")]),
    ("The surgery took 5 1/2 hours.", [("5 1/2 hours", "DURATION", "PT5H30M", None)]),
    ("The talks need two more weeks.", [("two more weeks", "DURATION", "P2W", None)]),
    ("The ad ran for a minute and a half.", [("a minute and a half", "DURATION", "PT1M30S", None)]),
    ("The clip lasts 2.6 seconds.", [("2.6 seconds", "DURATION", "PT2.6S", None)]),  # raised KeyError 'S'
])
def test_spans_and_durations(find, text, expected):
    assert find(text) == expected


@pytest.mark.parametrize("text, anchor, expected", [
    ("The unit will save $2 million a year.", ANCHOR, []),
    ("Mr. Reupke, 52 years old, resigned.", ANCHOR, []),
    ("The dividend goes to holders of record March 1.", date(2026, 8, 15), [("March 1", "DATE", "2027-03-01", None)]),
    ("Shares have risen since June 30.", date(2026, 3, 1), [("June 30", "DATE", "2025-06-30", None)]),
    ("In nineteen ninety-six a bomb exploded.", ANCHOR, [("nineteen ninety-six", "DATE", "1996", None)]),
    ("He promised jobs by the year two thousand.", ANCHOR, [("the year two thousand", "DATE", "2000", None)]),
    ("The deal should close by year-end.", ANCHOR, [("year-end", "DATE", "2026", "END")]),
    ("The index has risen 5% since year-end.", ANCHOR, [("year-end", "DATE", "2025", "END")]),
    ("Third-quarter net fell. In the first nine months, net rose from a year earlier.", date(2026, 10, 20),
     [("Third-quarter", "DATE", "2026-Q3", None), ("the first nine months", "DURATION", "P9M", None),
      ("a year earlier", "DATE", "2025", None)]),
])
def test_rates_ages_cues_and_spelled_years(find, text, anchor, expected):
    assert find(text, anchor) == expected


@pytest.mark.parametrize("text, anchor, expected", [
    ("He was found on Thanksgiving Day.", date(2026, 1, 15), [("Thanksgiving Day", "DATE", "2025-11-27", None)]),
    ("The campaign runs until Election Day.", date(2026, 10, 1), [("Election Day", "DATE", "2026-11-03", None)]),
    ("They will buy equipment in the coming years.", ANCHOR, [("the coming years", "DURATION", "PXY", None)]),
    ("Prices rose in recent weeks.", ANCHOR, [("recent weeks", "DURATION", "PXW", None)]),
    ("Prices rose in recent years.", ANCHOR, [("recent years", "DATE", "PAST_REF", None)]),
    ("It was the worst crash of the 20th century.", ANCHOR, [("the 20th century", "DATE", "19", None)]),
    ("Numbers fell through the nineties.", ANCHOR, [("the nineties", "DATE", "199", None)]),
    ("Ratification began in February this year.", date(2026, 12, 3), [("February this year", "DATE", "2026-02", None)]),
    ("Iraq imports three-quarters of its food.", ANCHOR, []),
    ("It would be a second betrayal.", ANCHOR, []),
    ("It plans an offering in the near future.", ANCHOR, [("the near future", "DATE", "FUTURE_REF", None)]),
    ("It scrapped the unit this past spring.", ANCHOR, [("this past spring", "DATE", "2025-SP", None)]),
    ("Mexico taxed Christmas trees from Oregon.", ANCHOR, []),
    ("They met on Christmas Eve.", None, [("Christmas Eve", "DATE", "XXXX-12-24", None)]),
])
def test_holidays_vague_periods_and_false_friends(find, text, anchor, expected):
    assert find(text, anchor) == expected


@pytest.mark.parametrize("text, expected", [
    ("The index closed at 2082.1 points.", []),
    ("She married when she was in her 30s.", []),
    ("The quarter-to-quarter comparison was weak.", []),
    ("For the people of Poland, high noon comes today.", [("today", "DATE", "2026-03-11", None)]),
    ("He said so on CBS's 60 Minutes.", []),
    ("The prosecutor has scheduled a news conference Thursday.", [("Thursday", "DATE", "2026-03-12", None)]),
    ("Earnings will be lower for the last half of 2026.", [("the last half of 2026", "DATE", "2026-H2", None)]),
    ("Eight trading days later, the index recovered.", [("Eight trading days", "DURATION", "P8D", None)]),
])
def test_more_false_friends_and_periods(find, text, expected):
    assert find(text) == expected


@pytest.mark.parametrize("text, anchor, expected", [
    ("Sales peak each July.", ANCHOR, [("each July", "SET", "XXXX-07", None)]),
    ("Talks were held during the week of March 2.", ANCHOR, [("the week of March 2", "DATE", "2026-W10", None)]),
    ("Protesters prayed as Easter week began.", date(2026, 4, 3), [("Easter week", "DATE", "2026-W14", None)]),
    ("The dividend would be paid in January.", date(2026, 10, 26), [("January", "DATE", "2027-01", None)]),
])
def test_sets_weeks_and_modals(find, text, anchor, expected):
    assert find(text, anchor) == expected


def test_offsets_hold_when_lowercasing_changes_length(find):
    # "İ" lowercases to two characters; the patterns run on lowercased text.
    assert find("İİ İzmir officials met on March 4, 2025.") == [("March 4, 2025", "DATE", "2025-03-04", None)]


@pytest.mark.parametrize("text, expected", [
    ("The council is going to vote on Friday.", [("Friday", "DATE", "2026-03-13", None)]),
    ("He went to vote on Friday.", [("Friday", "DATE", "2026-03-06", None)]),
    ("She is meeting Dunn on Friday.", [("Friday", "DATE", "2026-03-13", None)]),
])
def test_progressive_and_going_to(find, text, expected):
    assert find(text) == expected


def test_progressive_does_not_move_a_nouns_date(find):
    # The progressive points ahead only for what it governs directly.
    assert find("It is continuing to try to sell itself under a June agreement.", date(2026, 10, 27)) == \
        [("June", "DATE", "2026-06", None)]


def test_that_night_is_the_night_of_the_day_just_told(nlp):
    import datetime
    from storyline.analyse.timexes import timexes
    doc = nlp("The two dined on March 4. Kova and Dunn met that night, officials said.")
    values = {t.text: t.value for t in timexes(doc, datetime.date(2026, 3, 16))}
    assert values["that night"] == "2026-03-04TNI"


def test_skipping_patterns_by_their_words_loses_no_expression(nlp, monkeypatch):
    """`_NEEDS` lets a pattern's scan be skipped when none of its words is in the text; it is keyed
    by the pattern's place in PATTERNS, so a pattern added in between would shift it. Over the demo
    story and every sentence of this file, the skip must find exactly what the full scan finds."""
    import inspect
    import re
    import sys
    from pathlib import Path

    from storyline.analyse import timexes as module
    from storyline.read import read_paths

    demo = Path(module.__file__).resolve().parent.parent / "demo" / "corpus"
    texts = [a.text for a in read_paths([demo], 10**9)]
    texts += re.findall(r'\("([^"]{12,}?)"', inspect.getsource(sys.modules[__name__]))
    docs = list(nlp.pipe(texts))
    skipped = [timexes(d, ANCHOR) for d in docs]
    monkeypatch.setattr(module, "_NEEDS", {})
    assert [timexes(d, ANCHOR) for d in docs] == skipped
    assert sum(map(len, skipped)) > 100


def test_years_later_count_from_the_year_the_text_last_wrote(nlp):
    from datetime import date
    from storyline.analyse.timexes import timexes
    doc = nlp("He started the company in 1976, and in 1984 its first computer was released. "
              "One year later he was fired. A year earlier, profits fell.")
    found = {t.text: t.value for t in timexes(doc, date(2011, 10, 6))}
    assert found["One year later"] == "1985"
    assert found["A year earlier"] == "2010"  # a report's comparison: from the article's year, as before
