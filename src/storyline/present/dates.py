"""Times as a reader says them, at the precision the text gives (spaCy-free).

`words("XXXX-WXX-2T15:45")` is "Tuesday 3:45 pm, week unknown"; `words("2008-10")` is
"October 2008"; `words("2026-03-20", mod="BEFORE")` is "before 20 March 2026";
`words("PRESENT_REF", published="2026-03-10")` is "now (as of 10 March 2026)". The TIMEX3 value
stays in the store and the export; these words are what the CLI, the web pages and TimelineJS
show beside or instead of it. A value this module cannot read comes back as "an unreadable date"
rather than as code.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

__all__ = ["words", "day_words", "inferred_words", "CODE"]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_PARTS_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_QUARTERS = {"1": "first", "2": "second", "3": "third", "4": "fourth"}
_HALVES = {"1": "first", "2": "second"}
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "DE": "decade", "CE": "century",
          "Q": "quarter"}
_TIME_UNITS = {"H": "hour", "M": "minute", "S": "second"}
# TIMEX3 mods as a reader says them: {} is the date's words.
_MODS = {"APPROX": "around {}", "BEFORE": "before {}", "AFTER": "after {}", "ON_OR_BEFORE": "on or before {}",
         "ON_OR_AFTER": "on or after {}", "START": "early {}", "MID": "mid-{}", "END": "late {}",
         "LESS_THAN": "less than {}", "MORE_THAN": "more than {}", "EQUAL_OR_LESS": "at most {}",
         "EQUAL_OR_MORE": "at least {}"}
_REFS = {"PRESENT_REF": "now", "PAST_REF": "recently", "FUTURE_REF": "in the future"}

# What a TIMEX3 value looks like when it leaks into text meant for a reader (tests scan for it):
# unknown digits, week and quarter codes, parts of day, the *_REF words, seasons and durations.
CODE = re.compile(r"XXXX|\bX{2}\b|\b\d{4}-W\d|-W(?:XX|\d\d)\b|\dT(?:\d\d|NI|MO|AF|EV|DT)\b|T\d\d:\d\d\b|"
                  r"\b(?:PRESENT|PAST|FUTURE)_REF\b|\b\d{4}-(?:Q\d|H\d|SP|SU|FA|WI)\b|\bP\d+[YMWDH]\b|\bPT\d+[HMS]\b")


def day_words(value: str | None) -> str | None:
    """"2026-03-09" as "9 March 2026": an article's date, short, without its weekday."""
    if not value:
        return None
    said = words(value[:10])
    return said.split(" ", 1)[1] if said and said.split(" ", 1)[0] in WEEKDAYS else said


def inferred_words(earliest: str | None, latest: str | None, conflict: bool = False,
                   earliest_precision: str | None = None, latest_precision: str | None = None) -> str | None:
    """An inferred article date as its bounds: "on or after 20 March 2026", "between 2 and 9 March
    2026", "between 9 March and 2 March 2026 (the evidence conflicts)"; a bound known only to the
    month or year reads as one ("in or after 1979", "between March 2014 and 2 June 2014")."""
    if not earliest:
        return None
    first = _bound(earliest, earliest_precision)
    if not latest:
        return f"{'on' if (earliest_precision or 'day') == 'day' else 'in'} or after {first}"
    if latest[:10] == earliest[:10]:
        return day_words(earliest)
    last = _bound(latest, latest_precision)
    said = f"between {first} and {last if (latest_precision or 'day') == 'day' else 'the end of ' + last}"
    return said + (" (the evidence conflicts)" if conflict else "")


def _bound(value: str, precision: str | None) -> str:
    """One bound of an inferred date at the precision it is known to: a day, a month or a year."""
    if precision == "year":
        return value[:4]
    if precision == "month":
        return _plain(value[:7], None)
    return day_words(value)


def words(value: str | None, mod: str | None = None, published: str | None = None) -> str | None:
    """The words for a TIMEX3 `value` (with its `mod`); `published`, the article's date, says
    what "now", "recently" and "soon" were measured from."""
    if not value:
        return None
    value = value.strip()
    if "/" in value:
        first, _, last = value.partition("/")
        said = f"{_plain(first, published)} to {_plain(last, published)}"
    else:
        said = _plain(value, published)
    if mod and mod in _MODS and value not in _REFS and value not in _UNPLACED:
        if mod in {"START", "MID", "END"} and said.startswith("the "):
            said = "the " + _MODS[mod].format(said[4:])  # "the mid-1970s", "the early 1970s"
        elif mod in {"ON_OR_AFTER", "ON_OR_BEFORE"} and re.fullmatch(r"\d{4}(?:-\d{2})?", value):
            said = _MODS[mod].replace("on or", "in or").format(said)  # "in or after 1846"
        else:
            said = _MODS[mod].format(said)
    return said


# Values that keep only the size of the time ("last year" in an undated article is XXXX): what the
# text tells, a year or a week, with no way to place it.
_UNPLACED = {"XXXX": "a year", "XXXX-XX": "a month", "XXXX-WXX": "a week", "XXXX-XX-XX": "a day",
             "XXXX-WXX-WE": "a weekend", "XXXX-XX-XXTNI": "a night", "XXXX-XX-XXTMO": "a morning",
             "XXXX-XX-XXTAF": "an afternoon", "XXXX-XX-XXTEV": "an evening"}


def _plain(value: str, published: str | None) -> str:
    if value in _REFS:
        return _reference(value, published)
    if value in _UNPLACED:
        return f"{_UNPLACED[value]} not known"
    for pattern, reader in _READERS:
        m = pattern.fullmatch(value)
        if m:
            found = reader(m)
            if found:
                return found
    return "an unreadable date"


def _reference(value: str, published: str | None) -> str:
    said = _REFS[value]
    if not published:
        return said
    when = _plain(published[:10], None)
    return {"PRESENT_REF": f"now (as of {when})", "PAST_REF": f"recently (before {when})",
            "FUTURE_REF": f"in the future (after {when})"}[value]


def _month(mm: str) -> str | None:
    return MONTHS[int(mm) - 1] if mm.isdigit() and 1 <= int(mm) <= 12 else None


def _year(yyyy: str) -> str | None:
    return None if "X" in yyyy else yyyy


def _clock(hh: str, mm: str | None) -> str:
    h = int(hh)
    suffix = "am" if h < 12 or h == 24 else "pm"
    h12 = h % 12 or 12
    if h == 12 and (not mm or mm == "00"):
        return "noon"
    return f"{h12}:{mm} {suffix}" if mm and mm != "00" else f"{h12} {suffix}"


def _time(part: str) -> str | None:
    """"15:45", "21", "NI" -> "3:45 pm", "9 pm", "night"."""
    if part in _PARTS_OF_DAY:
        return _PARTS_OF_DAY[part]
    m = re.fullmatch(r"(\d{2})(?::(\d{2}))?(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?", part)
    return _clock(m[1], m[2]) if m and int(m[1]) <= 24 else None


def _with_time(day: str, part: str | None) -> str | None:
    if not part:
        return day
    t = _time(part)
    if t is None:
        return None
    if part in _PARTS_OF_DAY:
        return f"{day}, {t}" if part != "NI" else f"the night of {day}"
    return f"{day}, {t}"


def _read_day(m) -> str | None:
    yyyy, mm, dd, part = m["y"], m["m"], m["d"], m["t"]
    month = _month(mm) if mm != "XX" else None
    year = _year(yyyy)
    if dd == "XX" or not dd.isdigit():
        base = f"{month} {year}" if month and year else (f"{month}, year unknown" if month else None)
        return _with_time(base, part) if base else None
    if month is None:
        return None
    if year:
        try:
            weekday = WEEKDAYS[date(int(year), int(mm), int(dd)).weekday()]
        except ValueError:
            return None
        return _with_time(f"{weekday} {int(dd)} {month} {year}", part)
    return _with_time(f"{int(dd)} {month}, year unknown", part)


def _read_month(m) -> str | None:
    month, year = _month(m["m"]), _year(m["y"])
    if month is None:
        return None
    return f"{month} {year}" if year else f"{month}, year unknown"


def _read_year(m) -> str | None:
    return _year(m["y"]) or None


def _read_decade(m) -> str | None:
    digits = m["y"]
    if len(digits) == 3:
        return f"the {digits}0s"
    return f"the {int(digits) + 1}{'st' if digits.endswith('0') else 'th'} century" if len(digits) == 2 else None


def _read_week(m) -> str | None:
    year, week, day, part = _year(m["y"]), m["w"], m["d"], m["t"]
    if day:
        name = WEEKDAYS[int(day) - 1] if day.isdigit() and 1 <= int(day) <= 7 else None
        if name is None:
            return None
        if year and week != "XX":
            try:
                exact = date.fromisocalendar(int(year), int(week), int(day))
            except ValueError:
                return None
            return _with_time(f"{name} {exact.day} {MONTHS[exact.month - 1]} {year}", part)
        t = _time(part) if part else None
        if part and t is None:
            return None
        return f"{name}{' ' + t if t else ''}, week unknown"
    if not year or week == "XX":
        return None
    try:
        monday = date.fromisocalendar(int(year), int(week), 1)
    except ValueError:
        return None
    if part == "WE":
        saturday = monday + timedelta(days=5)
        return f"the weekend of {saturday.day} {MONTHS[saturday.month - 1]} {saturday.year}"
    return f"the week of {monday.day} {MONTHS[monday.month - 1]} {monday.year}"


def _read_weekend(m) -> str | None:
    return _read_week(m)


def _read_part_of_year(m) -> str | None:
    year, code = _year(m["y"]), m["p"]
    if code in _SEASONS:
        said = _SEASONS[code]
    elif code[0] == "Q" and code[1:] in _QUARTERS:
        said = f"the {_QUARTERS[code[1:]]} quarter"
    elif code[0] == "H" and code[1:] in _HALVES:
        said = f"the {_HALVES[code[1:]]} half"
    else:
        return None
    if not year:
        return f"{said}, year unknown"
    return f"{said} {year}" if code in _SEASONS else f"{said} of {year}"


def _read_duration(m) -> str | None:
    """"P3D" -> "3 days", "PT2H" -> "2 hours", "PXY" -> "some years"."""
    amount, unit = m["n"], m["u"]
    name = (_TIME_UNITS if m["t"] else _UNITS).get(unit)
    if name is None:
        return None
    if amount == "X":
        return f"some {name}s"
    n = float(amount) if "." in amount else int(amount)
    return f"{amount} {name}{'' if n == 1 else 's'}"


_READERS = [
    (re.compile(r"(?P<y>[\dX]{4})-(?P<m>\d{2}|XX)-(?P<d>\d{2}|XX)(?:T(?P<t>[^/]+))?"), _read_day),
    (re.compile(r"(?P<y>[\dX]{4})-(?P<m>\d{2})"), _read_month),
    (re.compile(r"(?P<y>\d{4})"), _read_year),
    (re.compile(r"(?P<y>\d{2,3})X*"), _read_decade),
    (re.compile(r"(?P<y>[\dX]{4})-W(?P<w>\d{1,2}|XX)(?:-(?P<d>[\dX]))?(?:-?(?P<t>WE|T[^/]+))?"),
     lambda m: _read_week(_Week(m))),
    (re.compile(r"(?P<y>[\dX]{4})-(?P<p>SP|SU|FA|WI|Q[1-4]|H[12])"), _read_part_of_year),
    (re.compile(r"P(?P<t>T)?(?P<n>\d+(?:\.\d+)?|X)(?P<u>DE|CE|[YMWDHQS])"), _read_duration),
]


class _Week(dict):
    """The week pattern's groups, the part of day read without its "T" and "WE" kept."""

    def __init__(self, m):
        super().__init__(y=m["y"], w=m["w"].zfill(2) if m["w"] != "XX" else "XX", d=m["d"],
                         t=(m["t"][1:] if m["t"] and m["t"].startswith("T") else m["t"]))
