import pytest

from storyline.analyse.factuality import CERTAINTIES, MOODS, Factuality, claim_factuality, factuality


def _token(doc, word):
    return next(t for t in doc if t.text == word)


# (sentence, predicate, polarity, certainty, mood)
CASES = [
    ("She went to the market.", "went", "positive", "certain", "actual"),
    ("She did not go.", "go", "negative", "certain", "actual"),
    ("She never met the lobbyist.", "met", "negative", "certain", "actual"),
    ("Nobody came.", "came", "negative", "certain", "actual"),
    ("He may have left.", "left", "positive", "possible", "actual"),
    ("He might win.", "win", "positive", "possible", "hypothetical"),
    ("He would have won.", "won", "negative", "probable", "actual"),
    ("The minister will resign.", "resign", "positive", "certain", "future"),
    ("She should resign.", "resign", "positive", "certain", "intended"),
    ("Officials denied the meeting took place.", "took", "negative", "certain", "actual"),
    ("They plan to build a bridge.", "build", "positive", "certain", "intended"),
    ("The company announced plans for a merger.", "merger", "positive", "certain", "intended"),
    ("She spoke during her bid for the nomination.", "nomination", "positive", "certain", "intended"),
    ("He wants to win.", "win", "positive", "certain", "intended"),
    ("He tried to escape.", "escape", "positive", "certain", "intended"),
    ("He managed to escape.", "escape", "positive", "certain", "actual"),
    ("He failed to escape.", "escape", "negative", "certain", "actual"),
    ("He refused to sign the deal.", "sign", "negative", "certain", "actual"),
    ("She admitted that she met him.", "met", "positive", "certain", "actual"),
    ("Officials confirmed the talks ended.", "ended", "positive", "certain", "actual"),
    ("He claimed the talks ended.", "ended", "positive", "probable", "actual"),
    ("It appears to have collapsed.", "collapsed", "positive", "probable", "actual"),
    ("Sanders appeared to dismiss the issue in October.", "dismiss", "positive", "probable", "actual"),
    ("The vote is likely to pass.", "pass", "positive", "probable", "future"),
    ("He allegedly stole the money.", "stole", "positive", "probable", "actual"),
    ("Conceivably, the virus escaped from a lab.", "escaped", "positive", "possible", "actual"),
    ("We cannot rule out that he fled.", "fled", "positive", "possible", "actual"),
    ("I don't think he left.", "left", "negative", "probable", "actual"),
    ("There is no evidence that he lied.", "lied", "negative", "probable", "actual"),
    ("The report found nothing to suggest that he lied.", "lied", "negative", "probable", "actual"),
    ("He wondered whether she had left.", "left", "positive", "unknown", "actual"),
    ("If it rains, the match is cancelled.", "rains", "positive", "certain", "hypothetical"),
    ("Did he leave?", "leave", "positive", "certain", "question"),
    ("Call me tomorrow.", "Call", "positive", "certain", "imperative"),
    ("He left without paying.", "paying", "negative", "certain", "actual"),
]


@pytest.mark.parametrize("text,word,polarity,certainty,mood", CASES)
def test_factuality(nlp, text, word, polarity, certainty, mood):
    f = factuality(_token(nlp(text), word))
    assert (f.polarity, f.certainty, f.mood) == (polarity, certainty, mood), f.cues


@pytest.mark.parametrize("text,word", [("She went to the market.", "went"), ("They plan to build a bridge.", "build"),
                                       ("He may have left.", "left"), ("She did not go.", "go")])
def test_value_is_on_the_uds_scale(nlp, text, word):
    assert -3 <= factuality(_token(nlp(text), word)).value <= 3


def test_values_order_the_judgements():
    happened = Factuality("positive", "certain", tense="past").value
    probable = Factuality("positive", "probable").value
    possible = Factuality("positive", "possible").value
    did_not = Factuality("negative", "certain", tense="past").value
    planned = Factuality("positive", "certain", mood="intended").value
    assert happened > probable > possible > did_not
    assert happened > planned and planned < 0


def test_vocabularies_are_closed():
    assert set(CERTAINTIES) == {"certain", "probable", "possible", "unknown"}
    assert "actual" in MOODS and "intended" in MOODS


def test_not_happened_things_did_not_happen(nlp):
    assert not factuality(_token(nlp("They plan to build a bridge."), "build")).happened
    assert factuality(_token(nlp("They built a bridge."), "built")).happened


# -- claims: nested sources keep their own factuality ----------------------------------------

def _content(doc, text):
    start = doc.text.index(text)
    return doc.char_span(start, start + len(text))


def test_the_source_is_unsure_though_the_author_is_sure_it_spoke(nlp):
    doc = nlp("Officials said the minister may have met the lobbyist.")
    said = _token(doc, "said")
    assert factuality(said).certainty == "certain"
    content = _content(doc, "the minister may have met the lobbyist")
    assert claim_factuality(doc, content, said) == ("positive", "possible")


def test_the_author_doubting_the_source_does_not_make_the_source_unsure(nlp):
    doc = nlp("Officials may have said that the minister met the lobbyist.")
    said = _token(doc, "said")
    assert factuality(said).certainty == "possible"
    assert claim_factuality(doc, _content(doc, "the minister met the lobbyist"), said) == ("positive", "certain")


@pytest.mark.parametrize("text,cue,content,expected", [
    ("The minister denied that she had met the lobbyist.", "denied", "she had met the lobbyist",
     ("negative", "certain")),
    ("The minister did not deny that she had met the lobbyist.", "deny", "she had met the lobbyist",
     ("positive", "probable")),
    ("Officials believe the minister met the lobbyist.", "believe", "the minister met the lobbyist",
     ("positive", "probable")),
    ("Officials said the minister did not meet the lobbyist.", "said", "the minister did not meet the lobbyist",
     ("negative", "certain")),
    ("Officials claimed the minister met the lobbyist.", "claimed", "the minister met the lobbyist",
     ("positive", "certain")),
    ("Officials suspect the minister might have met the lobbyist.", "suspect",
     "the minister might have met the lobbyist", ("positive", "possible")),
    # "seems to" hedges the complement, which is what the claim says
    ("Officials said the minister seems to be able to meet the lobbyist.", "said",
     "the minister seems to be able to meet the lobbyist", ("positive", "probable")),
    ("Officials said the plan appeared in May.", "said", "the plan appeared in May", ("positive", "certain")),
    # a hope or a wish says nothing of whether it is so (the small model lemmatises "hopes" as "hop")
    ("Dunn hopes the council will approve the plan.", "hopes", "the council will approve the plan",
     ("positive", "unknown")),
    ("Kova wants the minister to resign.", "wants", "the minister to resign", ("positive", "unknown")),
    # a cue whose subject is no one asserts nothing
    ("No official said the vote was rigged.", "said", "the vote was rigged", ("positive", "unknown")),
])
def test_claim_factuality(nlp, text, cue, content, expected):
    doc = nlp(text)
    assert claim_factuality(doc, _content(doc, content), _token(doc, cue)) == expected


def test_claim_factuality_takes_character_offsets(nlp):
    doc = nlp("Officials denied the meeting took place.")
    start = doc.text.index("the meeting")
    assert claim_factuality(doc, (start, len(doc.text) - 1), doc[1]) == ("negative", "certain")
