"""TIMEX3 values in words, at the precision the text gives."""
import pytest

from storyline.present.dates import CODE, words


@pytest.mark.parametrize("value, mod, published, said", [
    ("2026-03-20", None, None, "Friday 20 March 2026"),
    ("2008-10", None, None, "October 2008"),
    ("2008", None, None, "2008"),
    ("199", None, None, "the 1990s"),
    ("XXXX-WXX-2T15:45", None, None, "Tuesday 3:45 pm, week unknown"),
    ("XXXX-WXX-2", None, None, "Tuesday, week unknown"),
    ("XXXX-03-04", None, None, "4 March, year unknown"),
    ("XXXX-10", None, None, "October, year unknown"),
    ("2026-03-04TNI", None, None, "the night of Wednesday 4 March 2026"),
    ("2026-03-04TMO", None, None, "Wednesday 4 March 2026, morning"),
    ("2026-03-04T12:00", None, None, "Wednesday 4 March 2026, noon"),
    ("2026-W11", None, None, "the week of 9 March 2026"),
    ("2026-W11-WE", None, None, "the weekend of 14 March 2026"),
    ("2026-Q1", None, None, "the first quarter of 2026"),
    ("2026-SU", None, None, "summer 2026"),
    ("2015-11/2016-11", None, None, "November 2015 to November 2016"),
    ("2026-03-20", "BEFORE", None, "before Friday 20 March 2026"),
    ("2026-03", "START", None, "early March 2026"),
    ("2026-03-20", "APPROX", None, "around Friday 20 March 2026"),
    ("197", "MID", None, "the mid-1970s"),
    ("XXXX", None, None, "a year not known"),
    ("XXXX-WXX", "START", None, "a week not known"),
    ("XXXX-XX-XXTNI", None, None, "a night not known"),
    ("197", "START", None, "the early 1970s"),
    ("1846", "ON_OR_AFTER", None, "in or after 1846"),
    ("2014-03", "ON_OR_BEFORE", None, "in or before March 2014"),
    ("2014-03-05", "ON_OR_AFTER", None, "on or after Wednesday 5 March 2014"),
    ("PRESENT_REF", None, "2026-03-10", "now (as of Tuesday 10 March 2026)"),
    ("PAST_REF", None, "2026-03-10", "recently (before Tuesday 10 March 2026)"),
    ("FUTURE_REF", None, None, "in the future"),
    ("P3D", None, None, "3 days"),
    ("PT2H", None, None, "2 hours"),
    ("P1Y", None, None, "1 year"),
    ("PXY", None, None, "some years"),
    ("2026-13-40", None, None, "an unreadable date"),
    ("garbage", None, None, "an unreadable date"),
    (None, None, None, None),
])
def test_words(value, mod, published, said):
    assert words(value, mod, published) == said
    if said:
        assert not CODE.search(said)


@pytest.mark.parametrize("text, is_code", [
    ("XXXX-WXX-2T21:00", True), ("PRESENT_REF", True), ("2026-W11", True), ("2026-03-04TNI", True),
    ("P3D", True), ("2026-Q1", True), ("Tuesday 3:45 pm, week unknown", False), ("March 2026", False),
    ("herald-2026-03-09-minister-dinner.txt", False),
])
def test_code_pattern(text, is_code):
    assert bool(CODE.search(text)) == is_code
