"""Time expressions (TIMEX3): find them in the text and normalise them against the article date.

Detection is a set of patterns over the raw text (dates, times, durations, sets and
relative expressions), with the longest match winning; normalisation works out the
value from the anchor (the article's date) and, for weekdays and yearless dates,
the tense of the verb that governs the expression ("on Tuesday denied" is the
Tuesday before; "will meet on Tuesday" the one after). Expressions tied to an event
("the day before the vote") keep the anchor phrase and the relation, so that a later
stage can date them once the anchor event has a date.
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from datetime import date, timedelta

from storyline.analyse.nlp import text_of
from storyline.records import Timex

__all__ = ["timexes", "normalise"]

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
_MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                        "sunday"])}
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
           "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
           "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "a": 1, "an": 1, "a few": "X",
           "several": "X", "some": "X", "few": "X", "many": "X", "a couple of": 2, "couple of": 2,
           "half a": 0.5, "a half": 0.5, "dozens of": "X", "a dozen": 12, "hundreds of": "X"}
UNITS = {"second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W", "month": "M",
         "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q", "weekend": "WE"}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4}

_M = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|" \
     r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?:\d+(?:\.\d+|\s+1/2)?|(?:twenty|thirty|forty|fifty|sixty)[\s-](?:one|two|three|four|five|six|" \
       r"seven|eight|nine)\b|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|" \
       r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|a hundred|a|an|a few|" \
       r"several|some|a couple of|couple of|a dozen|few|many)"
_NUMW = r"(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|" \
        r"thirty|forty|fifty|a|an|a few|several|a couple of|a dozen)"
# Years said in words, as broadcast transcripts write them: "nineteen ninety-six", "the year two thousand".
_DIGIT_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_SPELLED_YEAR = rf"(?:nineteen[\s-](?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]{_DIGIT_WORDS})?|" \
                rf"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[\s-]{_DIGIT_WORDS})|" \
                rf"the\s+year\s+two\s+thousand(?:(?:\s+and)?\s+(?:{_DIGIT_WORDS}|ten)\b)?)"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies)|quarters?)"
_MOD = r"(?:early|earlier|late|later|mid|the middle of|the end of|the beginning of|the start of|the first half of|" \
       r"the second half of)"
# Inside the expression, as TimeBank marks it: "nearly five months", "more than a year". "about",
# "around" and "over" stay outside the span; their sense still gives the mod (see timexes()).
_APPROX = r"(?:nearly|almost|(?:no\s+)?more than|less than|at least|up to|" \
          r"(?:the\s+)?(?:past|last|next|previous|coming|first|final)|the)"
_OUTSIDE_MOD = re.compile(r"\b(about|around|roughly|approximately|some|over|at least|up to|under)\s+$", re.IGNORECASE)
_EVENT = r"(?:the|a|an|his|her|their|its)\s+(?:[a-z\-]+\s+){0,3}?(?:vote|election|meeting|summit|hearing|" \
         r"announcement|call|visit|deal|signing|referendum|ballot|talks|trial|report|arrest|raid|attack|" \
         r"resignation|inauguration|debate|conference|agreement|crash|verdict|shooting|launch|deadline|" \
         r"interview|dinner|publication|story|article|primary|caucus|convention|strike|ceremony|sale|merger|" \
         r"audit|inquiry|investigation|indictment|ruling|decision|speech|statement)"

# The patterns run over the lowercased text (without IGNORECASE, which makes them twice as
# slow), so they are written or compiled in lower case; checks of case use the real text.
PATTERNS: list[tuple[str, re.Pattern]] = [(kind, re.compile(rx.lower())) for kind, rx in [
    # Event-anchored: "the day before the vote", "two weeks after the election", "the same day ..."
    ("anchored", rf"\b(?:(?:the\s+)?(?:day|night|morning|evening|week|month|year)|{_NUMW}\s+{_UNIT}|"
                 rf"(?:hours|days|weeks|months|minutes)|shortly|just|only|soon|long)\s+(?:before|after|ahead of|"
                 rf"following|prior to)\s+{_EVENT}\b"),
    ("anchored", rf"\b(?:on\s+)?the\s+(?:same\s+day|eve|day|morning|night)\s+(?:as|of|that)\s+{_EVENT}\b"),
    ("anchored", rf"\bon\s+the\s+eve\s+of\s+{_EVENT}\b"),
    ("iso", r"\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?\b"),
    ("numeric", r"\b\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b"),
    ("mdy", rf"\b(?:{_WD},?\s+)?{_M}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b"),
    ("dmy", rf"\b(?:{_WD},?\s+)?(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_M}(?:,?\s+\d{{4}})?\b"),
    ("month_year", rf"\b(?:{_MOD}[\s-]+)?{_M}(?:\s+of)?,?\s+(?:\d{{4}}|{_SPELLED_YEAR})\b"),
    ("mod_month", rf"\b{_MOD}[\s-]+(?:{_M}|this month|last month|next month)\b"),
    ("season", rf"\b(?:(?:this(?:\s+past)?|last|next|early|late|the)\s+)?(?:spring|summer|autumn|fall|winter)"
               rf"(?:\s+(?:of\s+)?(?:\d{{4}}|{_SPELLED_YEAR}))?\b"),
    ("quarter", r"\b(?:(?:the|this\s+year's|last\s+year's|next\s+year's)\s+)?(?:(?:19|20)\d\d\s+)?"
                r"(?:fiscal\s+)?(?:first|second|third|fourth|final|last)\s+(?:fiscal\s+)?quarter"
                r"(?:\s+of\s+(?:\d{4}|this year|last year|next year))?\b"),
    # Comparisons with the same period a year before: "a year earlier", "the year-ago quarter",
    # "the corresponding period last year"; in a quarterly report they mean that quarter.
    ("year_back", r"\b(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?:quarter|period)\s+"
                  r"(?:last\s+year|a\s+year\s+(?:ago|earlier))\b|\blast\s+year's\s+(?:quarter|period)\b"),
    ("year_back", r"\b(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?year-(?:ago|earlier)"
                  r"(?:\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period))?\b"),
    ("year_back", r"\ba\s+year\s+(?:ago|earlier)\b"),
    ("period", r"\b(?:the|this|that)\s+(?:(?:19|20)\d\d|latest|same|comparable)\s+(?:quarter|period)\b|"
               r"\b(?:this|that)\s+quarter\b|\bthe\s+(?:quarter|period)\b"),
    ("quarter", r"\b(?:the\s+)?(?:(?:first|second|1st|2nd|last|latter)\s+half|(?:first|last)\s+two\s+quarters)\s+of\s+"
                r"(?:\d{4}|this year|last year|next year)\b"),
    ("quarter", r"\b(?:fiscal[\s-]+)?(?:first|second|third|fourth)-quarter\b"),
    ("this_period", r"\b(?:the\s+(?:current\s+|full\s+)?(?:quarter|year|weekend|"
                    r"fiscal\s+year|period))\b"),
    ("fiscal", r"\b(?:fiscal|financial|fiscal year|FY)\s*'?(?:\d{4}|\d{2})\b"),
    ("decade", r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:\d{2})?\d0'?s\b"),
    ("decade", r"\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?:twenties|thirties|forties|fifties|sixties|seventies|"
               r"eighties|nineties)\b"),
    ("century", r"\b(?:the\s+)?(?:\d{1,2})(?:st|nd|rd|th)[\s-]+century\b"),
    ("holiday", r"\b(?:(?:last|next|this)\s+)?(?:Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|"
                r"New\s+Year's(?:\s+(?:Day|Eve))?|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Election\s+Day|"
                r"Easter(?:\s+Sunday)?|Halloween|Valentine's\s+Day)\b"
                # "Christmas trees", "Halloween costumes": things, not days
                r"(?!\s+(?:trees?|lights|cards?|gifts?|presents|shopping|decorations?|carols?|songs?|music|"
                r"markets?|ornaments?|stockings?|sweaters?|costumes?|candy|cards|specials?)\b)"),
    ("week_of", rf"\b(?:the\s+)?week\s+of\s+{_M}\s+\d{{1,2}}(?:,?\s+\d{{4}})?\b|"
                r"\b(?:Easter|Christmas|Thanksgiving)\s+week\b"),
    ("month_rel", rf"\b(?:(?:{_MOD})[\s-]+)?{_M}\s+(?:this|last|next)\s+year\b"),
    ("time", r"\b(?:at\s+)?(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|noon|midnight)"
             r"(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?"
             r"(?:,?\s+(?:on\s+)?(?:" + _WD + r"|today|yesterday|tomorrow|" + _M + r"\s+\d{1,2}\b))?"),
    ("time", rf"\b(?:(?:early|late|mid)[\s-]+)?(?:{_WD}|yesterday|today|tomorrow|this|last|that)\s+"
             rf"(?:morning|afternoon|evening|night)s?\b"),
    ("time", rf"\b(?:(?:early|late|mid)[\s-]*)?(?:morning|afternoon|evening|night)\s+(?:{_WD}|yesterday|today|tomorrow)\b"),
    ("time", r"\b(?:tonight|midday)\b"),
    ("relative", r"\b(?:the\s+)?day\s+before\s+yesterday\b|\bthe\s+day\s+after\s+tomorrow\b"),
    ("relative", r"\b(?:today|yesterday|tomorrow)\b"),
    ("relative", rf"\b(?:{_MOD}\s+)?(?:this|last|next|the\s+past|the\s+previous|the\s+coming|the\s+following|"
                 rf"the\s+same|that)\s+(?:week|month|year|weekend|decade|century|quarter)\b"),
    ("ago", rf"\b(?:(?:nearly|almost|about|more than|less than|over)\s+)?{_NUM}[\s-]+{_UNIT}\s+"
            rf"(?:ago|earlier|later|before|after|from now|hence)\b"),
    ("weekday", rf"\b(?:(?:last|next|this|on|until|by|since|from)\s+)?{_WD}\b"),
    ("set", rf"\b(?:every|each|per|once\s+a|twice\s+a|{_NUMW}\s+times\s+a)\s+(?:other\s+)?(?:{_UNIT}|{_WD}|"
            r"morning|night|evening|summer|winter|spring)\b"),
    ("set", r"\b(?:daily|weekly|monthly|yearly|hourly|nightly|biweekly)\b"),
    ("set", r"\b(?:every|each)\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
            r"December)\b"),
    ("duration", rf"\b(?:{_APPROX}\s+)?{_NUM}(?:\s+(?:more|additional|extra|trading|business|working))?[\s-]+(?:and\s+a\s+half\s+)?{_UNIT}"
                 rf"(?:\s+and\s+a\s+half)?(?:[\s-]+long|[\s-]+old)?\b"),
    # A bare plural ("for years", "within weeks") is a duration of unknown length.
    ("duration", r"\b(?:years|months|weeks|days|hours|minutes|decades|centuries)\b"),

    ("year", r"\b(?:(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of)[\s-]+)?(?:in\s+)?"
             rf"(?:1[89]\d\d|20\d\d|{_SPELLED_YEAR})\b"),
    ("earlier_this", r"\b(?:earlier|later)\s+(?:this|last|next)\s+(?:year|month|week)\b"),
    ("anchored_text", r"\b(?:earlier|later)\s+that\s+(?:day|week|month|year)\b|\bthat\s+same\s+day\b"),
    ("year_end", r"\b(?:the\s+)?year(?:-|\s+|'s\s+)end\b"),
    ("recent", r"\brecent\s+(?:years|months|weeks|days|decades|quarters)\b"),
    ("coming", r"\b(?:the\s+)?coming\s+(?:years|months|weeks|days|quarters|decades)\b|"
               r"\bthe\s+(?:years|months|weeks|days)\s+ahead\b"),
    ("month", rf"\b(?:(?:{_MOD}|last|this|next)[\s-]+)?(?:January|February|March|April|May|June|July|August|September|October|"
              rf"November|December)\b"),
    ("ref", r"\b(?:(?:right\s+)?now|currently|at present|nowadays|these days|recently|lately|in the past|"
            r"the (?:near\s+)?future|in the future|the (?:near|short) term)\b"),
]]
# Words without one of which a pattern cannot match (by its index in PATTERNS): a text holding
# none of them skips that pattern's scan. Patterns not listed always run.
_NEEDS: dict[int, tuple[str, ...]] = {
    0: ("before", "after", "ahead", "following", "prior"),
    1: ("day", "eve", "morning", "night"),
    2: ("eve",),
    3: ("-",),
    4: ("/",),
    9: ("spring", "summer", "autumn", "fall", "winter"),
    10: ("quarter",),
    11: ("quarter", "period"),
    12: ("year-",),
    13: ("ago", "earlier"),
    14: ("quarter", "period"),
    15: ("half", "quarters"),
    16: ("-quarter",),
    18: ("fiscal", "financial", "fy"),
    19: ("0s", "0's"),
    20: ("ties",),
    21: ("century",),
    22: ("thanksgiving", "christmas", "new", "independence", "labor", "memorial", "election", "easter",
         "halloween", "valentine"),
    23: ("week",),
    25: ("a.m.", "p.m.", "am", "pm", "noon", "midnight"),
    26: ("morning", "afternoon", "evening", "night"),
    27: ("morning", "afternoon", "evening", "night"),
    28: ("tonight", "midday"),
    29: ("yesterday", "tomorrow"),
    30: ("today", "yesterday", "tomorrow"),
    31: ("week", "month", "year", "decade", "century", "quarter"),
    32: ("ago", "earlier", "later", "before", "after", "now", "hence"),
    33: ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    34: ("every", "each", "per", "once", "twice", "times"),
    35: ("daily", "weekly", "monthly", "yearly", "hourly", "nightly"),
    36: ("every", "each"),
    38: ("years", "months", "weeks", "days", "hours", "minutes", "decades", "centuries"),
    40: ("earlier", "later"),
    41: ("that",),
    42: ("end",),
    43: ("recent",),
    44: ("coming", "ahead"),
    46: ("now", "currently", "present", "days", "recently", "lately", "past", "future", "term"),
}
# "over the past decade": there "over" is the preposition, not a bound on the amount.
_PERIOD_LEAD = re.compile(r"(?:the|past|last|next|coming|previous)\b", re.IGNORECASE)
_RATE = re.compile(r"(?:\d[\d,.]*%?|million|billion|thousand|hundred|dozen|cents|pence|dollars|yen|francs|"
                   r"marks|pounds|euros|hours|minutes|times|seats|flights|trips|shares|barrels|tons)\s+$", re.IGNORECASE)
_TITLED_UNIT = re.compile(r"\b(?:Seconds?|Minutes?|Hours?|Days?|Weeks?|Months?|Years?|Decades?)\b")
_RELATION_WORD = re.compile(r"\s+(?:later|before|after)$", re.IGNORECASE)
_ENDED = re.compile(r"\s+(?:ended|ending)\b", re.IGNORECASE)
# Values that need care: "may", "march", "now" in ordinary use.
_BAD_MONTH_WORDS = {"may", "march"}
_PREP_STRIP = re.compile(r"^(?:on|in|at(?!\s+least\b)|since|until|by|from|during|through|for|over|of)\s+",
                         re.IGNORECASE)


def timexes(doc, anchor: date | None) -> list[Timex]:
    """TIMEX3 expressions of `doc`, normalised against `anchor` (the article date, or None)."""
    text = text_of(doc)
    low = text.lower()
    if len(low) != len(text):  # a few characters grow when lowercased ("İ"): keep offsets aligned
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    candidates = []
    for order, (kind, rx) in enumerate(PATTERNS):
        needs = _NEEDS.get(order)
        if needs is not None and not any(word in low for word in needs):
            continue  # a scan that can find nothing costs more than looking for the words
        for m in rx.finditer(low):
            candidates.append((m.start(), m.end(), order, kind))
    # Longest match first, earlier pattern first on ties; no overlaps.
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for start, end, _, kind in candidates:
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        chosen.append((start, end, kind))
    out = []
    said = _Discourse()
    for start, end, kind in sorted(chosen):
        start, end = _strip(text, start, end)
        surface = text[start:end]
        if not _plausible(text, kind, surface, start):
            continue
        tense = _tense(doc, text, start, end)
        norm = normalise(kind, surface, anchor, tense)
        if norm is None:
            continue
        tail = _RELATION_WORD.search(surface) if kind == "ago" and norm["type"] == "DURATION" else None
        if tail:
            # "three days later": the amount is the expression; the relation stays in the record.
            end -= len(tail.group())
            surface = text[start:end]
        if kind == "this_period" and surface.lower().endswith("year") and _ENDED.match(text, end):
            norm = _ret("DURATION", "P1Y")  # "for the year ended March 31": a span of a year
        norm = said.read(kind, surface, norm)
        outside = _OUTSIDE_MOD.search(text[max(0, start - 14):start])
        if outside and norm["type"] == "DURATION" and not norm.get("mod") and not _PERIOD_LEAD.match(surface):
            norm["mod"] = {"over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS",
                           "under": "LESS_THAN"}.get(outside.group(1).lower(), "APPROX")
        out.append(Timex(start=start, end=end, text=surface, **norm))
    return _written_years(doc, out, [(start, kind) for start, _, kind in sorted(chosen)])


_YEARLESS_KINDS = {"mdy", "dmy", "mod_month", "month"}
_PART_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14), "Q1": (1, 3), "Q2": (4, 6),
                "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6), "H2": (7, 12)}


def _written_years(doc, found: list[Timex], kinds: list[tuple[int, str]]) -> list[Timex]:
    """A month or day written without its year takes a year written out in the same clause (both
    hang from one verb), when that year's expression holds the month: "early October, in the fall
    of 2008" is October 2008, not the October before the article; the article date only decides
    when the text does not."""
    kind_at = dict(kinds)
    written = [t for t in found if re.match(r"^\d{4}(?:$|-)", t.value) and re.search(r"\b\d{4}\b", t.text)]
    if not written:
        return found
    sentences = [s.start_char for s in doc.sents]
    out = []
    for t in found:
        m = re.match(r"^(\d{4})-(\d{2})(-\d{2})?$", t.value)
        if m and kind_at.get(t.start) in _YEARLESS_KINDS and not re.search(r"\d{4}", t.text) \
                and t.text.split()[0].lower() not in {"last", "this", "next"}:
            here = bisect.bisect_right(sentences, t.start)
            month = int(m.group(2))
            years = [w for w in written if bisect.bisect_right(sentences, w.start) == here and _holds(w.value, month)
                     and _governor(doc, w) is not None and _governor(doc, w) == _governor(doc, t)]
            if years:
                nearest = min(years, key=lambda w: abs(w.start - t.start))
                t = dataclasses.replace(t, value=nearest.value[:4] + t.value[4:])
        out.append(t)
    return out


def _governor(doc, t: Timex):
    """The index of the verb an expression hangs from (None when it hangs from none)."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    for _ in range(4):
        if head.pos_ in {"VERB", "AUX"}:
            return head.i
        if head.head == head:
            return None
        head = head.head
    return None


def _holds(value: str, month: int) -> bool:
    """Whether the period `value` (a year, a month, a season, a quarter of a written year) holds `month`."""
    if re.fullmatch(r"\d{4}", value):
        return True
    m = re.fullmatch(r"\d{4}-(\d{2})(?:-\d{2})?", value)
    if m:
        return int(m.group(1)) == month
    m = re.fullmatch(r"\d{4}-(SP|SU|FA|WI|Q[1-4]|H[12])", value)
    if m:
        a, b = _PART_MONTHS[m.group(1)]
        return a <= month <= b or a <= month + 12 <= b
    return False


class _Discourse:
    """What the text has said so far that later expressions lean on: the quarter it last
    named ("the quarter", "a year earlier" refer to it)."""

    def __init__(self):
        self.quarter: str | None = None
        self.day: str | None = None  # the last day the text named outright ("on March 4")
        self.year: int | None = None  # the last year the text wrote out ("in 1984")

    def read(self, kind: str, surface: str, norm: dict) -> dict:
        low = surface.lower()
        if kind == "time" and low.startswith("that ") and self.day and "T" in norm.get("value", ""):
            # "that night" is the night of the day just told, not of the article's date
            norm = {**norm, "value": self.day + norm["value"][norm["value"].index("T"):]}
        if norm.get("type") == "DATE" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", norm.get("value") or "") \
                and re.search(r"\d|january|february|march|april|may|june|july|august|september|october|"
                              r"november|december", low):
            self.day = norm["value"]
        later = re.fullmatch(r"(?:(\w+)\s+)?years?\s+later", low)
        if later and self.year and norm.get("type") == "DATE" and re.fullmatch(r"\d{4}", norm.get("value") or ""):
            # "He started Apple in 1976 ... One year later he was fired": later than the year told
            n = _amount(later.group(1) or "a")
            if isinstance(n, int):
                norm = {**norm, "value": str(self.year + n)}
        written = re.search(r"\b(1[89]\d\d|20\d\d)\b", surface)
        if norm.get("type") == "DATE" and written and (norm.get("value") or "").startswith(written.group(1)):
            self.year = int(written.group(1))
        if kind in {"year_back", "period"} and self.quarter and "latest" not in low:
            norm = _in_quarter(kind, norm, self.quarter)
        if (kind in {"quarter", "this_period"} or kind == "period" and "latest" in low) \
                and re.fullmatch(r"\d{4}-Q\d", norm["value"]):
            self.quarter = norm["value"]
        elif norm["type"] == "DURATION" and re.match(r"the\s+(?:first\s+|latest\s+)?\w+\s+months$", low):
            self.quarter = None  # "in the first nine months ... a year earlier" compares the nine months
        return norm


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    m = _PREP_STRIP.match(text[start:end])
    if m and end - start - m.end() >= 3:
        start += m.end()
    while end > start and text[end - 1] in ",. ":
        if text[end - 1] == "." and re.search(r"(?:a\.m|p\.m|[A-Z][a-z]{2})\.$", text[start:end]):
            break
        end -= 1
    return start, end


def _plausible(text: str, kind: str, surface: str, start: int) -> bool:
    """False for a match that is no time in this place: a verb, a count, an age, a title."""
    low = surface.lower()
    before = text[max(0, start - 14):start]
    after = text[start + len(surface):start + len(surface) + 12]
    if kind == "month" and low in _BAD_MONTH_WORDS:
        # "March" and "May" are also a walk and a verb: a month only after a preposition
        # ("in March", "by May") or before a noun it dates ("the March accession").
        if surface[0].islower() or not re.search(r"\b(?:in|since|by|until|till|from|through|during|before|after|"
                                                 r"of|to)\s+$", before.lower()):
            return False
    if kind == "month" and surface.split()[-1][0].islower():
        return False  # "at this march", "may": months are written with a capital
    if kind in {"duration", "relative", "this_period"} and not surface.isupper() and \
            _TITLED_UNIT.search(surface, 1):
        return False  # "60 Minutes", "This Week": the name of a programme, not a time
    if kind in {"mdy", "month_year", "month"} and surface.split()[0].lower().rstrip(".") == "may" \
            and surface[0].islower():
        return False
    if kind in {"this_period", "period"} and after.startswith("-"):
        return False  # "the quarter-to-quarter comparison"
    if kind == "decade" and re.search(r"\b(?:his|her|their|my|your|our)\s+$", before, re.IGNORECASE):
        return False  # an age ("in his 30s")
    if kind == "time" and re.search(r"\bhigh\s+$", before, re.IGNORECASE):
        return False  # "high noon"
    if kind == "year":
        return _plausible_year(before, after)
    if kind == "duration":
        return _plausible_duration(low, before, after.lower())
    if kind == "season" and low in _SEASONS:
        return False  # a bare "fall" is usually the verb; "last fall", "the fall of 1998" are dates
    if kind == "weekday" and surface[0].islower() and low in WEEKDAYS:
        return False
    return True


def _plausible_year(before: str, after: str) -> bool:
    if re.match(r"^\s*(?:percent|%|points?|people|persons|troops|soldiers|jobs|shares|employees|"
                r"workers|members|votes|voters|cars|vehicles|units|miles|kilometers|km|acres|tons|"
                r"tonnes|barrels|feet|meters|metres|dollars|yen|euros|pounds|francs|marks|"
                r"students|children|homes|houses|copies|pages|words|calories|degrees)\b", after):
        return False  # a count ("2000 troops"), not a year
    if re.match(r"^[.,]\d", after):
        return False  # a figure ("closed at 2082.1")
    return not ("$" in before[-2:] or "#" in before[-2:])


def _plausible_duration(low: str, before: str, after: str) -> bool:
    if re.search(r"[\s-]olds?$", low) or after.startswith(("-old", " old")):
        return False  # an age ("a 6-year-old", "52 years old"), not a time
    if low in {"a year", "a month", "a week", "a day", "an hour"} and _RATE.search(before):
        return False  # a rate ("$2 million a year", "24 hours a day"), not a span of time
    if re.search(r"\b(?:a|one|three)[\s-]quarters?$", low) and re.match(r"\s+of\b", after):
        return False  # a fraction ("three-quarters of its food")
    if low == "a second" and re.match(r"\s+[a-z]", after) and \
            not re.match(r"\s+(?:or|and|later|ago|earlier|before|after|to|of|in|when)\b", after):
        return False  # an ordinal ("a second group"), not a time
    return True


_MODALS = {"would", "could", "might", "may", "should", "can", "must", "'d"}
# Verbs whose infinitive complement lies ahead: "planned to leave on Thursday", "is set to resume Monday".
_PLAN_VERBS = {"plan", "schedule", "set", "expect", "due", "intend", "prepare", "be", "promise", "hope", "aim"}
# Words just before a date that say on which side of the article date it lies: "payable
# Jan. 2", "holders of record Dec. 21", "effective Feb. 1" are ahead; "the year ended
# March 31", "since May" are behind.
_AHEAD = re.compile(r"\b(?:as\s+(?:soon|early)\s+as|no\s+later\s+than|payable|of\s+record|effective)\s+$",
                    re.IGNORECASE)
_BEHIND = re.compile(r"\b(?:ended|since)\s+$", re.IGNORECASE)


_UNTIL = re.compile(r"\b(?:until|till|by)\s+$", re.IGNORECASE)


def _tense(doc, text: str, start: int, end: int) -> str:
    """past | future | present, from the verb that governs the expression (`text` is
    doc.text, which spaCy rebuilds on every access)."""
    before = text[max(0, start - 20):start]
    if _AHEAD.search(before):
        return "future"  # "as soon as Tuesday"
    if _BEHIND.search(before):
        return "past"
    tense = _verb_tense(doc, start, end)
    if tense == "present" and _UNTIL.search(before):
        return "future"  # "the offer runs until Nov. 9"
    return tense


def _verb_tense(doc, start: int, end: int) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return "present"
    head = span.root
    hops = 0
    for hops in range(4):
        if head.pos_ in {"VERB", "AUX"}:
            break
        if head.head == head:
            break
        head = head.head
    if head.pos_ not in {"VERB", "AUX"}:
        return "present"
    return _tense_of(head, near=hops <= 2)


def _tense_of(verb, depth: int = 0, near: bool = True) -> str:
    """The tense of `verb`; `near` when the expression modifies it directly ("is meeting on
    Tuesday") rather than through a noun ("is continuing under a June agreement")."""
    if verb.lemma_ in {"plan", "schedule"}:
        return "future"  # "has scheduled a news conference Thursday": what is planned lies ahead
    aux = [c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a in {"will", "'ll", "shall"} for a in aux) or verb.tag_ == "VBG" and "going" in aux:
        return "future"
    if any(a in _MODALS for a in aux) and "have" not in aux:
        return "future"  # "could come on Tuesday", "would be paid in January"
    if verb.tag_ in {"VBD", "VBN"} or any(a in {"did", "had", "was", "were"} for a in aux):
        return "past"
    if near and verb.tag_ == "VBG" and any(a in {"is", "are", "am"} for a in aux):
        return "future"  # "is meeting on Tuesday"
    if verb.tag_ == "VB" and "to" in aux and verb.dep_ in {"xcomp", "advcl"} and verb.head != verb:
        # An infinitive takes its time from the verb it completes: "planned to leave on
        # Thursday" lies ahead, "declined to comment Saturday" is past.
        if verb.head.lemma_ in _PLAN_VERBS or verb.head.lower_ == "going":
            return "future"  # "planned to leave on Thursday", "is going to vote on Friday"
        if depth < 2:
            return _tense_of(verb.head, depth + 1, near=False)
    return "present"


# -- normalisation --------------------------------------------------------------------

def normalise(kind: str, surface: str, anchor: date | None, tense: str = "past") -> dict | None:
    """{type, value, mod, anchor, relation, offset} for one expression."""
    low = " ".join(surface.lower().split())
    fn = _NORMALISERS.get(kind)
    return fn(low, surface, anchor, tense) if fn else None


def _ret(type_: str, value: str, mod: str | None = None, **rest) -> dict:
    return {"type": type_, "value": value, "mod": mod, **rest}


def _month(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or _MONTH_ABBR.get(w)


_SHIFT = 62  # days past the article date before the tense moves a yearless date to another year


def _year_for(month: int, day: int | None, anchor: date | None, tense: str) -> str:
    """The year of a yearless month(-day): the one that fits the article date and the tense."""
    if anchor is None:
        return "XXXX"
    # The nearest such date to the article date ("in late November" written in January is
    # the November just gone), moved to the year before or after only when the tense says
    # so and it is well past the article date: "the vote on March 20 was delayed" may still
    # lie ahead.
    near = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            this = date(y, month, day or 15)
        except ValueError:
            return str(anchor.year)
        if near is None or abs(this - anchor) < abs(near - anchor):
            near = this
    year = near.year
    if tense == "future" and near < anchor - timedelta(days=_SHIFT):
        year += 1
    if tense == "past" and near > anchor + timedelta(days=_SHIFT):
        year -= 1
    return str(year)


def _iso(low, surface, anchor, tense):
    if "t" in low:
        return _ret("TIME", surface.upper().replace("t", "T"))
    return _ret("DATE", surface)


def _numeric(low, surface, anchor, tense):
    m, d, y = low.split("/")
    y = int(y) + (2000 if int(y) < 50 else 1900) if len(y) == 2 else int(y)
    try:
        return _ret("DATE", date(y, int(m), int(d)).isoformat())
    except ValueError:
        return None


def _mdy(low, surface, anchor, tense):
    m = re.search(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?", low.split(", ", 1)[-1]
                  if re.match(r"^[a-z]+day,", low) else low)
    if not m or not _month(m.group(1)):
        return None
    return _day_value(_month(m.group(1)), int(m.group(2)), m.group(3), anchor, tense)


def _dmy(low, surface, anchor, tense):
    m = re.search(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{4}))?", low)
    if not m or not _month(m.group(2)):
        return None
    return _day_value(_month(m.group(2)), int(m.group(1)), m.group(3), anchor, tense)


def _day_value(month, day, year, anchor, tense):
    y = year or _year_for(month, day, anchor, tense)
    if not 1 <= day <= 31:
        return None
    return _ret("DATE", f"{y}-{month:02d}-{day:02d}")


def _mod_of(low: str) -> str | None:
    if re.match(r"^(?:early|the beginning of|the start of|the first half of)", low):
        return "START"
    if re.match(r"^(?:late|the end of|the second half of)", low):
        return "END"
    if re.match(r"^(?:mid|the middle of)", low):
        return "MID"
    return None


def _month_year(low, surface, anchor, tense):
    year = _year_in(low)
    m = re.search(r"([a-z]+)\.?(?:\s+of)?,?\s+(?:\d{4}|" + _SPELLED_YEAR + r")$", low)
    if not m or not _month(m.group(1)) or year is None:
        return None
    return _ret("DATE", f"{year}-{_month(m.group(1)):02d}", _mod_of(low))


def _mod_month(low, surface, anchor, tense):
    mod = _mod_of(low)
    if low.endswith("month"):
        val = _relative(low.split()[-2] + " month", surface, anchor, tense)
        return val and _ret("DATE", val["value"], mod)
    word = low.split()[-1].split("-")[-1]
    month = _month(word)
    if not month:
        return None
    return _ret("DATE", f"{_year_for(month, None, anchor, tense)}-{month:02d}", mod)


def _month_only(low, surface, anchor, tense):
    word = re.split(r"[\s-]", low)[-1]
    month = _month(word)
    if not month:
        return None
    first = low.split()[0]
    if anchor is not None and first in {"last", "this", "next"}:
        year = anchor.year
        if first == "last" and month >= anchor.month:
            year -= 1
        elif first == "next" and month <= anchor.month:
            year += 1
        return _ret("DATE", f"{year}-{month:02d}")
    return _ret("DATE", f"{_year_for(month, None, anchor, tense)}-{month:02d}", _mod_of(low))


def _earlier_this(low, surface, anchor, tense):
    rest = " ".join(low.split()[1:])
    return _relative(rest, surface, anchor, tense)


def _anchored_text(low, surface, anchor, tense):
    unit = low.split()[-1]
    return _ret("DATE", {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX"))


def _year_end(low, surface, anchor, tense):
    if anchor is None:
        return _ret("DATE", "XXXX", "END")
    # "since year-end" is the end of the year gone; "by year-end" the one ahead.
    return _ret("DATE", str(anchor.year - 1 if tense == "past" else anchor.year), "END")


def _recent(low, surface, anchor, tense):
    unit = low.split()[-1]
    if unit in {"years", "decades"}:
        return _ret("DATE", "PAST_REF")
    return _ret("DURATION", _duration_value("X", unit))  # "in recent weeks": some weeks up to now


def _coming(low, surface, anchor, tense):
    unit = next(w for w in low.split() if w.endswith("s") and w.rstrip("s") in UNITS)
    return _ret("DURATION", _duration_value("X", unit))


def _century(low, surface, anchor, tense):
    n = int(re.search(r"\d+", low).group())
    return _ret("DATE", f"{n - 1:02d}") if 1 <= n <= 30 else None


# Holidays on a fixed day, and those on the nth weekday of a month (n = -1: the last).
_FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
                   "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
                   "independence day": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14)}
_WEEKDAY_HOLIDAYS = {"thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "labor day": (9, 0, 1),
                     "memorial day": (5, 0, -1)}


def _holiday_date(name: str, year: int) -> date | None:
    if name in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[name])
    if name in _WEEKDAY_HOLIDAYS:
        month, weekday, n = _WEEKDAY_HOLIDAYS[name]
        if n > 0:
            first = date(year, month, 1)
            return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        last = date(year, month + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    if name == "election day":  # the Tuesday after the first Monday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(0 - first.weekday()) % 7 + 1)
    if name in {"easter", "easter sunday"}:
        return _easter(year)
    return None


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday(low, surface, anchor, tense):
    words = low.split()
    which = words[0] if words[0] in {"last", "next", "this"} else None
    name = " ".join(words[1:] if which else words)
    if anchor is None:  # the day is known even when the year is not
        month_day = _FIXED_HOLIDAYS.get(name)
        return _ret("DATE", f"XXXX-{month_day[0]:02d}-{month_day[1]:02d}" if month_day else "XXXX-XX-XX")
    candidates = [d for d in (_holiday_date(name, y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)) if d]
    if not candidates:
        return None
    if which == "last":
        past = [d for d in candidates if d < anchor]
        return _ret("DATE", max(past).isoformat()) if past else None
    if which == "next":
        ahead = [d for d in candidates if d > anchor]
        return _ret("DATE", min(ahead).isoformat()) if ahead else None
    this = next(d for d in candidates if d.year == anchor.year)
    year = int(_year_for(this.month, this.day, anchor, tense))
    found = _holiday_date(name, year)
    return _ret("DATE", found.isoformat()) if found else None


def _week_of(low, surface, anchor, tense):
    """"the week of March 6", "Easter week": the week that holds that day."""
    if low.endswith(" week") and not low.startswith("the"):
        day = _holiday(low[:-5], surface, anchor, tense)
    else:
        day = _mdy(low.split(" of ", 1)[1], surface, anchor, tense)
    if day is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", day["value"]):
        return day and _ret("DATE", "XXXX-WXX")
    return _ret("DATE", _week(date.fromisoformat(day["value"])))


def _month_rel(low, surface, anchor, tense):
    """"February this year", "June last year", "April next year"."""
    m = re.search(r"([a-z]+)\.?\s+(this|last|next)\s+year$", low)
    month = _month(m.group(1)) if m else None
    if not month:
        return None
    if anchor is None:
        return _ret("DATE", f"XXXX-{month:02d}")
    year = anchor.year + {"this": 0, "last": -1, "next": 1}[m.group(2)]
    return _ret("DATE", f"{year}-{month:02d}", _mod_of(low))


def _season(low, surface, anchor, tense):
    season = next((v for k, v in _SEASONS.items() if k in low.split()), None)
    if season is None:
        return None
    year = _year_in(low)
    if year:
        y = year
    elif anchor is None:
        y = "XXXX"
    elif low.startswith("last") or low.startswith("this past") and _SEASON_START[season] >= anchor.month:
        y = str(anchor.year - 1)
    elif low.startswith("next"):
        y = str(anchor.year + 1)
    else:
        y = str(anchor.year)
    if low in _SEASONS:  # bare "summer" is not a date unless it says which
        if anchor is None:
            return None
    return _ret("DATE", f"{y}-{season}", _mod_of(low))


def _quarter(low, surface, anchor, tense):
    year = re.search(r"\d{4}", low)
    y = year.group() if year else (str(anchor.year) if anchor else "XXXX")
    if anchor and "last year" in low:
        y = str(anchor.year - 1)
    if anchor and "next year" in low:
        y = str(anchor.year + 1)
    if "half" in low or "two quarters" in low:
        return _ret("DATE", f"{y}-H{1 if ('first' in low or '1st' in low) else 2}")
    q = next((v for k, v in _ORD.items() if k in re.split(r"[\s-]", low)), None)
    if q is None:
        return None
    if not year and anchor and not re.search(r"(?:last|this|next) year", low) \
            and q > (anchor.month - 1) // 3 + 1 and tense == "past":
        y = str(anchor.year - 1)
    return _ret("DATE", f"{y}-Q{q}")


def _year_back(low, surface, anchor, tense):
    ordinal = next((v for k, v in _ORD.items() if k in low.split() and k not in {"last", "final"}), None)
    year = str(anchor.year - 1) if anchor else "XXXX"
    return _ret("DATE", f"{year}-Q{ordinal}" if ordinal else year, relation="before", offset="P1Y")


def _period(low, surface, anchor, tense):
    """"the quarter", "the latest period": the reporting period; the quarter just ended
    unless the text has named one (see _in_quarter)."""
    year = re.search(r"\d{4}", low)
    if year:
        return _ret("DATE", year.group())
    return _this_period("the quarter", surface, anchor, tense)


def _in_quarter(kind: str, norm: dict, quarter: str) -> dict:
    """`norm` read against the quarter the text last named: "a year earlier" after "the third
    quarter" is the third quarter of the year before; "the 1988 period" is that quarter in 1988."""
    y, q = int(quarter[:4]), quarter[-1]
    if kind == "year_back":
        if re.fullmatch(r"\d{4}", norm["value"]):
            return {**norm, "value": f"{y - 1}-Q{q}"}
        return norm
    if re.fullmatch(r"\d{4}", norm["value"]):
        return {**norm, "value": f"{norm['value']}-Q{q}"}
    return {**norm, "value": quarter}


def _fiscal(low, surface, anchor, tense):
    m = re.search(r"(\d{4}|\d{2})$", low)
    y = m.group(1)
    if len(y) == 2:
        y = str(2000 + int(y) if int(y) < 50 else 1900 + int(y))
    return _ret("DATE", y)  # TimeBank writes fiscal years as plain years


def _decade(low, surface, anchor, tense):
    word = re.search(r"(twen|thir|for|fif|six|seven|eigh|nine)ties", low)
    if word:
        tens = {"twen": 2, "thir": 3, "for": 4, "fif": 5, "six": 6, "seven": 7, "eigh": 8, "nine": 9}[word.group(1)]
        return _ret("DATE", f"19{tens}", _mod_of(re.sub(r"^the\s+", "", low)))
    m = re.search(r"(\d{2})?(\d)0'?s", low)
    century = m.group(1) or "19"
    return _ret("DATE", f"{century}{m.group(2)}", _mod_of(re.sub(r"^the\s+", "", low)))


def _year(low, surface, anchor, tense):
    y = _year_in(low)
    return _ret("DATE", y, _mod_of(low)) if y else None


_TEENS = {w: i for i, w in enumerate(["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                                      "seventeen", "eighteen", "nineteen"], 10)}
_DECADE_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                 "ninety": 90}


def _year_in(low: str) -> str | None:
    """The year an expression names, in digits or in words."""
    digits = re.search(r"\d{4}", low)
    if digits:
        return digits.group()
    words = re.search(r"nineteen[\s-]([a-z]+)(?:[\s-]([a-z]+))?|two thousand(?:(?:\s+and)?\s+([a-z]+))?", low)
    if not words:
        return None
    if words.group(0).startswith("two"):
        rest = words.group(3)
        n = 0 if rest is None else (NUMBERS.get(rest) if rest != "ten" else 10)
        return str(2000 + n) if isinstance(n, int) else "2000"
    first, second = words.group(1), words.group(2)
    if first in _TEENS:
        return str(1900 + _TEENS[first])
    if first == "oh" and isinstance(NUMBERS.get(second), int):
        return str(1900 + NUMBERS[second])
    if first in _DECADE_WORDS:
        unit = NUMBERS.get(second) if second else 0
        return str(1900 + _DECADE_WORDS[first] + (unit if isinstance(unit, int) and unit < 10 else 0))
    return None


def _time(low, surface, anchor, tense):
    day = anchor.isoformat() if anchor else "XXXX-XX-XX"
    wd = re.search(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)", low)
    dated = re.search(r"([a-z]+)\.?\s+(\d{1,2})$", low)
    if wd:
        day = _weekday_value(wd.group(1), anchor, tense)
    elif dated and _month(dated.group(1)):
        day = _day_value(_month(dated.group(1)), int(dated.group(2)), None, anchor, tense)
        if day is None:
            return None
        day = day["value"]
    elif "yesterday" in low or low.startswith("last "):
        day = (anchor - timedelta(days=1)).isoformat() if anchor and "yesterday" in low else day
    elif "tomorrow" in low:
        day = (anchor + timedelta(days=1)).isoformat() if anchor else day
    if low == "last night":
        day = (anchor - timedelta(days=1)).isoformat() if anchor else day
    part = next((v for k, v in _PARTS.items() if k in low), None)
    if "tonight" in low:
        part = "NI"
    clock = re.search(r"(\d{1,2})(?::(\d{2}))?\s*(a\.m\.|p\.m\.|am|pm)", low)
    if clock:
        h = int(clock.group(1)) % 12 + (12 if clock.group(3).startswith("p") else 0)
        return _ret("TIME", f"{day}T{h:02d}:{clock.group(2) or '00'}")
    if re.search(r"\b(?:noon|midday)\b", low):
        return _ret("TIME", f"{day}T12:00")
    if "midnight" in low:
        return _ret("TIME", f"{day}T24:00")
    if wd and low.endswith("s"):
        return _ret("SET", f"XXXX-WXX-{WEEKDAYS[wd.group(1)] + 1}T{part}")  # "Tuesday nights"
    if part and wd:
        # "Thursday night": TimeBank mostly marks the day, as a date (TimeML would allow TNI).
        return _ret("DATE", day)
    if part:
        return _ret("TIME", f"{day}T{part}")
    return None


def _weekday_value(word: str, anchor: date | None, tense: str, direction: str | None = None) -> str:
    target = WEEKDAYS[word]
    if anchor is None:
        return "XXXX-WXX-" + str(target + 1)
    if direction == "next" or (direction is None and tense == "future"):
        delta = (target - anchor.weekday()) % 7 or 7
        return (anchor + timedelta(days=delta)).isoformat()
    if direction == "this":
        return (anchor + timedelta(days=target - anchor.weekday())).isoformat()
    # Past tense, and the present with no sign of the future (news reports what happened:
    # "Tuesday's ruling", "according to a report Friday"): the latest such day up to the
    # article date; news published on a Tuesday saying "denied on Tuesday" means that same
    # day. "last Tuesday" is at least a day back.
    delta = (anchor.weekday() - target) % 7
    if direction == "last" and delta == 0:
        delta = 7
    return (anchor - timedelta(days=delta)).isoformat()


def _weekday(low, surface, anchor, tense):
    words = low.split()
    direction = words[0] if words[0] in {"last", "next", "this"} else None
    if words[0] in {"until", "by"} and tense != "past":
        tense = "future"
    return _ret("DATE", _weekday_value(words[-1], anchor, tense, direction))


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _relative(low, surface, anchor, tense):
    mod = _mod_of(low)
    low = re.sub(r"^(?:early|earlier|late|later|mid|the end of|the beginning of|the start of|the middle of)\s+", "", low)
    if low in {"today", "yesterday", "tomorrow", "day before yesterday", "the day before yesterday",
               "the day after tomorrow"}:
        if anchor is None:
            return _ret("DATE", "PRESENT_REF" if low == "today" else "XXXX-XX-XX")
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1, "day before yesterday": -2,
                 "the day before yesterday": -2, "the day after tomorrow": 2}[low]
        return _ret("DATE", (anchor + timedelta(days=shift)).isoformat())
    words = low.split()
    unit = words[-1]
    which = " ".join(words[:-1])
    step = {"this": 0, "that": 0, "the same": 0, "last": -1, "the past": -1, "the previous": -1, "next": 1,
            "the coming": 1, "the following": 1}.get(which)
    if step is None:
        return None
    if which == "the past" and unit == "year" and anchor is not None:
        # "over the past year": TimeBank dates it as the year before the article's.
        return _ret("DATE", str(anchor.year - 1), mod)
    if which in {"the past", "the coming"} and unit in {"year", "month", "week", "decade", "century"}:
        # "the past decade" is a span ending now, not the calendar decade before.
        return _ret("DURATION", _duration_value(1, unit))
    if which in {"that", "the same", "the following", "the previous"}:
        # Relative to a time the text has just named, not to the article date.
        return _ret("DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}.get(unit, "XXXX"), mod)
    return _calendar(unit, anchor, step, mod)


def _calendar(unit: str, anchor: date | None, step: int, mod: str | None) -> dict | None:
    if anchor is None:
        return _ret("DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}.get(unit, "XXXX"), mod)
    if unit == "year":
        return _ret("DATE", str(anchor.year + step), mod)
    if unit == "month":
        m = anchor.month - 1 + step
        return _ret("DATE", f"{anchor.year + m // 12}-{m % 12 + 1:02d}", mod)
    if unit == "week":
        return _ret("DATE", _week(anchor + timedelta(weeks=step)), mod)
    if unit == "weekend":
        return _ret("DATE", _week(anchor + timedelta(weeks=step)) + "-WE", mod)
    if unit == "quarter":
        q = (anchor.month - 1) // 3 + step
        return _ret("DATE", f"{anchor.year + q // 4}-Q{q % 4 + 1}", mod)
    if unit == "decade":
        return _ret("DATE", str(anchor.year // 10 + step)[:3], mod)
    if unit == "century":
        return _ret("DATE", str(anchor.year // 100 + step), mod)
    return None


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}


def _amount(word: str):
    word = " ".join(word.strip().lower().split())
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word) if "." in word else int(word)
    half = re.fullmatch(r"(\d+) 1/2", word)
    if half:
        return int(half.group(1)) + 0.5
    tens = re.fullmatch(r"([a-z]+)[\s-]([a-z]+)", word)
    if tens and tens.group(1) in _TENS and isinstance(NUMBERS.get(tens.group(2)), int):
        return _TENS[tens.group(1)] + NUMBERS[tens.group(2)]
    return NUMBERS.get(word)


# A fraction of a unit is written in the next smaller one: P2Y6M, PT5H30M.
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "MIN": ("S", 60)}


def _duration_value(num, unit: str) -> str:
    unit = unit.rstrip("s") if unit not in {"centuries"} else "century"
    code = UNITS.get(unit, "D")
    if unit == "fortnight":
        num = num * 2 if isinstance(num, (int, float)) else num
    n = "X" if num in (None, "X") else (int(num) if float(num).is_integer() else num)
    if code in {"DE", "CE"}:  # TimeML counts decades and centuries in years: P40Y, P100Y
        n, code = ("X" if n == "X" else int(float(n) * (10 if code == "DE" else 100))), "Y"
    if code == "Q":  # and quarters in months
        n, code = ("X" if n == "X" else int(float(n) * 3)), "M"
    time = code in {"H", "S"} or unit == "minute"
    if isinstance(n, float) and code == "S":  # "2.6 seconds": TimeML writes the fraction as it is
        return f"PT{n}S"
    if isinstance(n, float):
        small, per = _SMALLER["MIN" if unit == "minute" else code]
        rest = (n - int(n)) * per
        if rest.is_integer():
            whole = f"{int(n)}{code}" if int(n) else ""
            if code == "D":
                return f"P{whole}T{int(rest)}H"
            return f"{'PT' if time else 'P'}{whole}{int(rest)}{small}"
    return f"PT{n}{code}" if time else f"P{n}{code}"


_DURATION_MODS = {"about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
                  "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
                  "under": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
                  "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS"}
_DURATION_LEAD = re.compile(r"^(no more than|more than|less than|at least|up to|about|around|roughly|nearly|almost|"
                            r"some|approximately|over|under|the|past|last|next|previous|coming|first|final)\s+")


def _duration(low, surface, anchor, tense):
    if low in {"years", "months", "weeks", "days", "hours", "minutes", "decades", "centuries"}:
        return _ret("DURATION", _duration_value("X", low))
    mod = None
    lead = _DURATION_LEAD.match(low)
    while lead:
        mod = mod or _DURATION_MODS.get(lead.group(1))
        low = low[lead.end():]
        lead = _DURATION_LEAD.match(low)
    low = re.sub(r"[\s-]+(?:long|old)$", "", low)
    low = re.sub(r"\s+(?:more|additional|extra|trading|business|working)\b", "", low)  # "two more weeks"
    half = " and a half" in low
    low = low.replace(" and a half", "")
    m = re.match(r"^(.*?)[\s-]+([a-z]+)$", low)
    if not m:
        return None
    num = _amount(m.group(1))
    if num is None:
        return None
    if half and isinstance(num, (int, float)):
        num = num + 0.5
    return _ret("DURATION", _duration_value(num, m.group(2)), mod)


def _ago(low, surface, anchor, tense):
    low = re.sub(r"^(?:nearly|almost|about|more than|less than|over)\s+", "", low)
    m = re.match(rf"^(.*?)[\s-]+({_UNIT})\s+(ago|earlier|later|before|after|from now|hence)$", low)
    if not m:
        return None
    num, unit, rel = _amount(m.group(1)), m.group(2).rstrip("s"), m.group(3)
    sign = -1 if rel in {"ago", "earlier", "before"} else 1
    if rel in {"earlier", "later"} and unit in {"year", "month"} and anchor is not None and isinstance(num, int):
        # "a year earlier" in a report compares with the same period before: a date, from the article's.
        value = str(anchor.year + sign * num) if unit == "year" else \
            f"{anchor.year + (anchor.month - 1 + sign * num) // 12}-{(anchor.month - 1 + sign * num) % 12 + 1:02d}"
        return _ret("DATE", value, relation="before" if sign < 0 else "after", offset=_duration_value(num, unit))
    if rel in {"earlier", "later", "before", "after"}:
        # Relative to a time the text has set, not to the article date: TimeML marks the
        # amount ("three days later": P3D); the relation and offset keep the direction.
        offset = _duration_value(num, unit)
        return _ret("DURATION", offset, relation="before" if sign < 0 else "after", offset=offset)
    if anchor is None or not isinstance(num, int):
        return _ret("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit == "day":
        return _ret("DATE", (anchor + timedelta(days=sign * num)).isoformat())
    if unit == "week":
        return _ret("DATE", _week(anchor + timedelta(weeks=sign * num)))
    if unit == "month":
        mm = anchor.month - 1 + sign * num
        return _ret("DATE", f"{anchor.year + mm // 12}-{mm % 12 + 1:02d}")
    if unit == "year":
        return _ret("DATE", str(anchor.year + sign * num))
    if unit in {"hour", "minute"}:
        return _ret("TIME", "PAST_REF" if sign < 0 else "FUTURE_REF")
    return _ret("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")


def _set(low, surface, anchor, tense):
    simple = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
              "annually": "P1Y", "quarterly": "P3M", "hourly": "PT1H", "biweekly": "P2W"}
    if low in simple:
        return _ret("SET", simple[low])
    word = low.split()[-1]
    if word in WEEKDAYS:
        return _ret("SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}")
    if word in MONTHS:
        return _ret("SET", f"XXXX-{MONTHS[word]:02d}")  # "each July"
    if word in _PARTS:
        return _ret("SET", f"T{_PARTS[word]}")
    if word in _SEASONS:
        return _ret("SET", f"XXXX-{_SEASONS[word]}")
    unit = word.rstrip("s")
    code = UNITS.get(unit)
    if code is None:
        return None
    value = f"PT1{code}" if unit in {"hour", "minute", "second"} else f"P1{code}"
    if "other" in low:
        value = value.replace("1", "2")
    return _ret("SET", value)


def _anchored(low, surface, anchor, tense):
    m = re.search(r"\b(before|after|ahead of|following|prior to|as|of|that)\s+((?:the|a|an|his|her|their|its)\s+.+)$",
                  low)
    if not m:
        return None
    rel_word, event = m.group(1), surface[-len(m.group(2)):]
    lead = low[:m.start()].strip()
    if lead.startswith("on "):
        lead = lead[3:]
    relation = {"before": "before", "ahead of": "before", "prior to": "before", "after": "after",
                "following": "after"}.get(rel_word, "same_day")
    offset = None
    if "eve" in lead.split():
        relation, offset = "before", "P1D"
    elif relation != "same_day":
        unit_m = re.match(rf"^(?:the\s+)?(?:({_NUMW})\s+)?({_UNIT}|day|night|morning|evening|week|month|year)$", lead)
        if unit_m:
            num = _amount(unit_m.group(1)) if unit_m.group(1) else 1
            offset = _duration_value(num, unit_m.group(2))
        elif lead in {"shortly", "just", "soon", "only"}:
            offset = None
        elif lead:
            offset = _duration_value("X", lead) if re.match(r"^[a-z]+s$", lead) else None
    value = "XXXX-XX-XX" if (offset or "").endswith("D") or relation == "same_day" else "XXXX-XX"
    return _ret("DATE", value, anchor=event, relation=relation, offset=offset)


def _ref(low, surface, anchor, tense):
    if low in {"now", "currently", "right now", "at present", "at the moment", "nowadays", "these days",
               "the moment", "this time"}:
        return _ret("DATE", "PRESENT_REF")
    if low in {"recently", "lately", "the past", "in the past", "previously", "formerly", "so far", "to date"}:
        return _ret("DATE", "PAST_REF")
    if low in {"soon", "the future", "in the future", "the near future", "the near term", "the short term"}:
        return _ret("DATE", "FUTURE_REF")
    return None


def _this_period(low, surface, anchor, tense):
    """"the quarter", "the year", "the weekend": the period the article is about, around its date."""
    unit = low.split()[-1]
    if unit == "period":
        unit = "quarter"
    if low.endswith("fiscal year"):
        return _ret("DATE", str(anchor.year) if anchor else "XXXX")
    if anchor is None:
        return _ret("DATE", {"year": "XXXX", "quarter": "XXXX-QX", "weekend": "XXXX-WXX-WE"}[unit])
    if unit == "year":
        return _ret("DATE", str(anchor.year))
    if unit == "quarter" and "current" in low:
        return _ret("DATE", f"{anchor.year}-Q{(anchor.month - 1) // 3 + 1}")
    if unit == "quarter":
        # Business news reports on the quarter that has just ended.
        q = (anchor.month - 1) // 3
        year = anchor.year if q else anchor.year - 1
        return _ret("DATE", f"{year}-Q{q or 4}")
    back = anchor - timedelta(days=(anchor.weekday() + 2) % 7 if tense == "past" else 0)
    return _ret("DATE", _week(back) + "-WE")


_NORMALISERS = {
    "this_period": _this_period, "year_back": _year_back, "period": _period, "recent": _recent, "earlier_this": _earlier_this,
    "anchored_text": _anchored_text, "year_end": _year_end, "coming": _coming, "century": _century,
    "holiday": _holiday, "month_rel": _month_rel, "week_of": _week_of,
    "iso": _iso, "numeric": _numeric, "mdy": _mdy, "dmy": _dmy, "month_year": _month_year,
    "mod_month": _mod_month, "season": _season, "quarter": _quarter, "fiscal": _fiscal, "decade": _decade,
    "year": _year, "month": _month_only, "time": _time, "relative": _relative, "ago": _ago,
    "weekday": _weekday, "set": _set, "duration": _duration, "anchored": _anchored, "ref": _ref,
}
