"""News outlets and the short forms news copy calls them by ("the Times", "NYT", "WaPo").

A plain table, free of spaCy, that analysis (is this name an outlet?) and cross-article
resolution (is "NYT" the New York Times?) both read.

Where the names come from, so the list can be checked and grown from the same places rather
than from whatever one corpus happens to name:
  - news agencies: Wikipedia, "News agency" (the three global agencies and the national ones it
    names);
  - US newspapers: Wikipedia, "List of newspapers in the United States", its top 25 by daily
    circulation (Audit Bureau of Circulations, six months to September 2010), with the short
    forms the papers' own articles give ("also known as the NY Times or NYT", "WaPo", "LA Times");
  - UK national dailies and Sundays: Wikipedia, "List of newspapers in the United Kingdom";
  - US television: Wikipedia, "Big Three television networks" and "United States cable news"
    (with its "big three" cable channels and the business and newer channels it lists);
  - other broadcasters widely quoted in English-language news: BBC, Al Jazeera, NPR, PBS, CBC,
    ABC (Australia) as on Wikipedia's pages for them;
  - digital-native outlets: Pew Research Center, "Digital News Fact Sheet" methodology (2019
    Comscore list of digital-native news organisations), the news publishers of it.
A short form is listed only where it names one outlet and little else; bare words that name
several papers or other things too ("Times", "Post", "Journal", "Sun", "Mirror", "Fox") are
not: resolution gives such a word to the only outlet of a corpus whose name ends so, and to
none when there are several.
"""
from __future__ import annotations

__all__ = ["OUTLETS", "outlet_of", "is_known_outlet"]

# full name -> short forms (the full name without "The" is always a form too)
OUTLETS: dict[str, tuple[str, ...]] = {
    # news agencies
    "Associated Press": ("AP",), "Reuters": ("Thomson Reuters",), "Agence France-Presse": ("AFP",),
    "United Press International": ("UPI",), "Bloomberg News": ("Bloomberg",), "Xinhua News Agency": ("Xinhua",),
    "Deutsche Presse-Agentur": ("dpa", "DPA"), "Kyodo News": ("Kyodo",), "Press Trust of India": ("PTI",),
    "ITAR-TASS": ("TASS",), "Anadolu Agency": ("Anadolu",), "ANSA": (), "EFE": (),
    # US newspapers (top 25 by circulation)
    "The Wall Street Journal": ("Wall Street Journal", "WSJ"),
    "USA Today": (), "The New York Times": ("New York Times", "NYT", "NY Times", "N.Y. Times"),
    "Los Angeles Times": ("LA Times", "L.A. Times"), "The Washington Post": ("Washington Post", "WaPo"),
    "Daily News": ("New York Daily News", "NY Daily News"), "New York Post": ("NY Post",),
    "San Jose Mercury News": ("Mercury News",), "Chicago Tribune": (), "Chicago Sun-Times": ("Sun-Times",),
    "Houston Chronicle": (), "The Philadelphia Inquirer": ("Philadelphia Inquirer",), "Newsday": (),
    "The Denver Post": ("Denver Post",), "The Arizona Republic": ("Arizona Republic",),
    "Star Tribune": (), "The Dallas Morning News": ("Dallas Morning News",), "The Plain Dealer": ("Plain Dealer",),
    "The Seattle Times": ("Seattle Times",), "Detroit Free Press": (), "Tampa Bay Times": (),
    "The Oregonian": ("Oregonian",), "The San Diego Union-Tribune": ("San Diego Union-Tribune",),
    "San Francisco Chronicle": (), "The Star-Ledger": ("Star-Ledger",), "The Boston Globe": ("Boston Globe",),
    # UK national papers
    "The Times": (), "The Sunday Times": ("Sunday Times",), "Financial Times": ("FT",),
    "The Guardian": (), "The Observer": (), "The Daily Telegraph": ("Daily Telegraph", "Telegraph"),
    "The Independent": (), "Daily Mail": ("Mail on Sunday",), "Daily Express": (),
    "Daily Mirror": (), "The Sun": (), "Daily Star": (), "Evening Standard": (),
    # US television
    "ABC News": ("ABC",), "CBS News": ("CBS",), "NBC News": ("NBC",), "CNN": ("Cable News Network",),
    "Fox News": ("Fox News Channel", "FNC"), "MSNBC": (), "CNBC": (), "Fox Business Network": ("Fox Business",),
    "Bloomberg Television": (), "HLN": (), "Newsmax": ("Newsmax TV",), "One America News Network": ("OANN", "OAN"),
    "NewsNation": (), "Al Jazeera America": (),
    # other broadcasters
    "BBC": ("BBC News", "British Broadcasting Corporation"), "Al Jazeera": (), "NPR": ("National Public Radio",),
    "PBS": ("Public Broadcasting Service",), "CBC": ("CBC News", "Canadian Broadcasting Corporation"),
    # digital-native news publishers
    "BuzzFeed News": ("BuzzFeed",), "HuffPost": ("Huffington Post", "The Huffington Post"), "Politico": (),
    "Business Insider": (), "Vox": (), "Vice News": (), "The Daily Beast": ("Daily Beast",),
    "Axios": (), "The Hill": (), "Breitbart News": ("Breitbart",), "Slate": (), "Mashable": (),
    "TechCrunch": (), "The Verge": (), "Gizmodo": (), "Ars Technica": (),
}


def _key(name: str) -> str:
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    return " ".join(name.casefold().split())


_FORMS: dict[str, str] = {}
for _full, _short in OUTLETS.items():
    for _form in (_full, *_short):
        _FORMS.setdefault(_key(_form), _full)


def outlet_of(name: str) -> str | None:
    """The full name of the outlet `name` is a form of ("NYT" -> "The New York Times"), or None."""
    return _FORMS.get(_key(name))


def is_known_outlet(name: str) -> bool:
    return _key(name) in _FORMS
