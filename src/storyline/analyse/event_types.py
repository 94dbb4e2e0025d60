"""The kinds of event a reader filters a story by, as a label over events (spaCy-free).

Which words are events is learned (analyse/events.py, TimeML EVENT from TempEval-3); this table
only names the kind of some of them, so a briefing, an interview or a bankruptcy is an event even
when no kind fits ("other"). The kinds are the reader filters named in issue 20 (meeting,
call/contact, statement, payment, election/vote, attack, disaster, ruling, appointment,
resignation, bankruptcy, launch, arrest, investigation, agreement, publication, denial) and a few
of the ACE 2005 event categories news often needs (death, protest, dismissal, trial, acquisition,
sanction); the words are ours, written from ordinary English, not read off any corpus's errors.
A word that names two kinds ("strike": an air strike, a labour strike, an earthquake striking)
is left out of the table and decided by its context in analyse/events.py.
"""
from __future__ import annotations

__all__ = ["EVENT_TYPES", "OTHER", "DISASTER_WORDS", "HAPPENINGS"]

OTHER = "other"  # an event none of the kinds below fits

_KINDS = {
    "meeting": "meet meeting talks summit visit encounter rendezvous dinner lunch breakfast gathering "
               "conference reunion negotiation negotiate",
    "contact": "phone telephone conversation message email e-mail contact correspondence letter text "
               "call",
    # Saying verbs ("said", "told", "explained") are statements through their TimeML class
    # (REPORTING, analyse/events.py), not through this table: the judges read it to decide whether
    # two claims' predicates name one kind of event, and every claim's cue is a saying verb.
    "statement": "announce announcement statement testify testimony hearing speech acknowledge admit "
                 "admission declaration interview briefing",
    "denial": "deny denial refute rebut disavow",
    "vote": "vote ballot referendum election elect primary caucus reelect re-elect runoff",
    "payment": "pay payment transfer donate donation bribe refund reimburse compensation",
    "attack": "attack bombing bomb shooting shoot assault ambush stab stabbing massacre airstrike "
              "shelling invade invasion raid gunfire",
    "disaster": "earthquake quake tsunami flood flooding hurricane typhoon cyclone storm tornado "
                "wildfire eruption erupt drought landslide avalanche crash derailment derail collision "
                "accident blaze outbreak epidemic pandemic famine sinking capsize",
    "ruling": "ruling verdict judgment judgement sentence convict conviction acquit acquittal overturn "
              "uphold rule",
    "trial": "trial sue lawsuit prosecute prosecution litigation",
    "appointment": "appoint appointment nominate nomination hire promote promotion designate "
                   "inaugurate inauguration swear",
    "resignation": "resign resignation quit retire retirement abdicate abdication",
    "dismissal": "fire dismiss dismissal sack oust ouster impeach impeachment",
    "bankruptcy": "bankruptcy bankrupt insolvency insolvent liquidation receivership",
    "launch": "launch unveil debut rollout premiere",
    "arrest": "arrest detain detention charge indictment indict apprehend capture extradite "
              "extradition jail imprison catch",
    "investigation": "investigate investigation probe inquiry audit review inspect inspection",
    "agreement": "sign agreement deal contract treaty accord pact settlement ceasefire truce",
    "acquisition": "acquire acquisition merger merge takeover buyout",
    "publication": "publish publication report leak",
    "sanction": "sanction fine ban embargo penalty",
    "death": "die death",
    "protest": "protest demonstration rally riot walkout boycott",
}

EVENT_TYPES: dict[str, str] = {lemma: kind for kind, words in _KINDS.items() for lemma in words.split()}

# Things that happen to a place rather than being done by someone: "an earthquake struck",
# "the storm hit": what strikes or hits is a disaster, not an attack.
DISASTER_WORDS = frozenset(_KINDS["disaster"].split()) | {"fire", "wave", "wind", "rain", "snow", "lightning"}

# The kinds whose nouns name something that happens ("the dinner", "the vote", "the earthquake")
# rather than a thing or a text ("the bomb", "the contract", "the statement", "the letter"):
# such a noun is an event even where TimeBank's annotators would not have marked it. Which kinds
# and which nouns were decided by meaning, then checked against the nouns of TempEval-3's tuning
# part that the model leaves out (most of "bomb", "charge", "statement", "report" are not events there).
HAPPENINGS = frozenset({"meeting", "vote", "attack", "disaster", "investigation", "protest", "resignation",
                        "appointment", "arrest", "trial", "launch", "bankruptcy", "dismissal", "ruling"})
NOT_HAPPENINGS = frozenset({"bomb", "charge", "telephone", "phone", "sentence", "conference", "review",
                            "retirement", "bankrupt", "insolvent", "detention"})
