"""The words the attribution passes read: verbs of speech and stance, nouns of roles, groups,
documents and bodies. Internal to the package (not a stable interface).

Where they came from: every list here was written by hand from ordinary English usage in news
writing when the rule that reads it was written (commits 810ec58, 4599c2e, 076c2d2, 42e9f57 and
those that moved them here); none holds a name, and none was fitted to a corpus. Lists that were
counted on data (`learned_cues`, the cue model's lexicon) are PolNeAR train's and say so.
"""
from __future__ import annotations

# verbs of saying, writing, believing and finding, from the reporting verbs of English grammars
SPEECH_LEMMAS = set("""
say tell add deny acknowledge confirm report claim insist warn write state announce explain argue admit
reject dispute assert allege contend maintain note observe remark reply respond answer declare disclose
reveal testify suggest predict promise vow pledge estimate recall recount describe complain concede
comment caution stress emphasize emphasise repeat reiterate indicate signal hint speculate assure boast
acknowledge concede agree accuse charge blame question doubt believe think fear hope expect conclude
find show tweet post announce retract recant dismiss refute
""".split())
# labels of fact-check and reference layouts ("Claim: ...", "Origins: ..." on snopes-style pages), not speakers
LABELS = {"claim", "claims", "example", "examples", "origins", "origin", "status", "rating", "verdict",
          "description", "summary", "source", "sources", "background", "context", "fact", "facts", "what's true",
          "what's false", "circulating", "variations", "last updated", "updated", "published", "category"}
# verbs of an attitude to a thing ("praised the plan", "called for a ban")
STANCE_LEMMAS = set("""
criticize criticise praise endorse support back urge thank call want prefer oppose condemn blast slam attack
express discuss mention question ask welcome applaud reject dismiss demand propose recommend favor favour
""".split())
# verbs that assert their content false
DENIAL_LEMMAS = {"deny", "reject", "dispute", "refute", "dismiss", "retract", "recant"}
# Verbs that report only with a clausal complement (their bare objects are not contents).
NEEDS_CLAUSE = {"believe", "think", "fear", "hope", "expect", "find", "show", "question", "doubt", "agree",
                "conclude", "indicate", "signal", "suggest", "note", "observe", "add", "recall", "describe",
                "charge", "accuse", "blame", "answer", "reply", "respond", "comment", "post", "write"}
# nouns for unnamed people who speak as a group ("officials", "two aides")
GROUP_NOUNS = set("""
official officials source sources people person diplomat diplomats aide aides officer officers lawmaker
lawmakers executive executives employee employees analyst analysts insider insiders adviser advisers
advisor advisors investigator investigators prosecutor prosecutors staffer staffers member members
resident residents witness witnesses expert experts observer observers individual individuals colleague
colleagues associate associates worker workers legislator legislators negotiator negotiators
""".split())
# nouns for a person by their office or role ("the spokesman", "the former admiral")
ROLE_NOUNS = set("""
spokesman spokeswoman spokesperson lawyer attorney minister secretary president director chairman
chairwoman chair governor mayor senator ambassador admiral general prosecutor judge chief ceo manager
adviser advisor aide commissioner inspector leader head candidate founder owner counsel representative
""".split())
# roles that speak for someone else ("a lawyer for X", "her spokeswoman")
SPOKES = {"spokesman", "spokeswoman", "spokesperson", "lawyer", "attorney", "counsel", "representative",
          "aide", "adviser", "advisor"}
# of those, the roles whose words are their principal's ("DHS spokesperson Ana Brel", "Kova's lawyer"):
# an aide or adviser named so may speak for no one but themselves
SPEAKS_FOR = SPOKES - {"aide", "adviser", "advisor"}
# number words that give a group's count
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "another": 1,
           "dozen": 12, "both": 2}
# words before a group noun that say its rank or how many, not whose it is
RANKS = {"senior", "junior", "top", "current", "former", "high", "high-ranking", "ranking", "several",
         "many", "some", "other", "few", "anonymous", "unnamed", "knowledgeable", "familiar", "more", "most",
         "administration", "government"}
# nouns for a document that can speak ("the report said", "a new poll shows")
DOCUMENTS = {"report", "filing", "record", "document", "letter", "statement", "memo", "memorandum", "email",
             "transcript", "poll", "survey", "study", "ruling", "complaint", "lawsuit", "indictment", "minutes",
             "log", "diary", "file", "papers", "analysis", "audit"}
PRONOUNS = {"he", "she", "they", "him", "her", "it", "we", "i", "you"}
# Common nouns that name a body rather than a person: "the ministry said", "the company denied".
INSTITUTIONS = set("""
ministry department agency company firm government administration committee commission court council
party campaign police office bureau embassy authority board union bank university organization
organisation army military navy parliament senate congress federation association foundation institute
prosecutor's regulator watchdog cabinet presidency secretariat consulate municipality
""".split())
