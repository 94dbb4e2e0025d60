"""The sex a first name usually gives, for telling apart two people who share a surname.

"Mrs. Clinton" in an article naming Bill Clinton and Hillary Clinton is Hillary; "Mr. Obama"
in a story naming Barack and Michelle Obama is Barack. Honorifics say so when the text gives
them; otherwise the first name is the only hint. The lists below are common first names in
English-language news whose bearers are nearly all of one sex; names borne by both (Pat, Chris,
Alex, Jordan, Kim, Robin, Jean, Leslie, ...) are left out, so they decide nothing. A name
missing from both lists decides nothing either: a wrong guess would merge two people, which is
worse than leaving a mention apart.
"""
from __future__ import annotations

__all__ = ["first_name_sex"]

_MALE = frozenset("""
aaron adam adrian ahmed al alan albert alexander ali andrew angelo anthony antonio arthur barack ben
benjamin bernard bernie bill billy bob bobby boris brad bradley brandon brett brian bruce bryan carl
carlos charles charlie chuck clarence colin craig dale dan daniel darren dave david dennis dick dmitry
don donald doug douglas duncan dwight earl ed eddie edward elijah emmanuel eric ernest eugene frank
franklin fred frederick gary gavin george gerald gordon graham greg gregory harold harry henry howard
hugh ian isaac ivan jack jacob jake james jared jason jeb jeff jeffrey jeremy jerry jim jimmy joe joel
john johnny jon jonathan jorge jose joseph josh joshua juan justin keith ken kenneth kevin kurt larry
lawrence leonard louis luis marco marcus mark martin matt matthew max michael miguel mike mitch
mitt mohammed muhammad nathan neil nicholas nick nigel oliver omar oscar patrick paul peter phil
philip ralph ray raymond reince rex richard rick ricky rob robert rod rodrigo roger ron ronald roy
rudy russell ryan sam samuel scott sean sergei seth shaun stephen steve steven stuart ted terrence
theodore thomas tim timothy todd tom tommy tony travis trey troy vernon victor vincent vladimir wade
walter warren wayne william willie xi yuri
""".split())

_FEMALE = frozenset("""
abigail alice alicia alison amanda amy ana andrea angela angelina ann anna anne annie barbara betsy
betty beverly brenda bridget carly carol caroline catherine cathy chelsea cheryl christina christine
claire condoleezza cynthia daisy debbie deborah denise diana diane donna doris dorothy elaine
elena elizabeth ellen emily emma erin eva evelyn fiona frances gina gloria grace hannah heather heidi
helen hillary huma ilse irene ivana ivanka jacqueline jane janet janice jennifer jessica jill joan joanna
joanne josephine joy joyce judith judy julia julie karen kate katherine kathleen kathy katie 
kellyanne kristen laura lauren linda lisa liz loretta louise lucy madeleine margaret maria
marie marilyn martha mary megan melania melissa michelle monica nancy natalie nicole nikki nina olivia
pamela patricia paula pauline peggy rachel rebecca rita rosa rose ruth sally samantha sandra sarah
sharon shirley sophia stephanie susan suzanne tammy teresa theresa tiffany tina valerie vanessa
victoria virginia wendy yvonne zoe
""".split())


def first_name_sex(name: str) -> str | None:
    """"m" or "f" for a full name whose first word is on one of the lists ("Bill Clinton" -> "m"),
    else None. A one-word name gives nothing: "Clinton" has no first name."""
    words = name.replace(".", " ").split()
    if len(words) < 2:
        return None
    first = words[0].lower()
    return "m" if first in _MALE else "f" if first in _FEMALE else None
