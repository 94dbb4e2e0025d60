"""Claims: one per proposition, with polarity from denials and negation."""
import pytest

from storyline.analyse.attributions import attributions
from storyline.analyse.claims import claims
from storyline.analyse.mentions import mentions


def _claims(nlp, text):
    doc = nlp(text)
    return claims(doc, attributions(doc, mentions(doc, 0, [])), [], "2026-03-24")


def test_coordinated_that_clauses_are_separate_claims(nlp):
    found = _claims(nlp, 'Kova said she had accepted the invitation "as a courtesy" and that the port contract '
                         'was not discussed.')
    by_text = {c.text: c.polarity for c in found}
    assert by_text == {'she had accepted the invitation "as a courtesy"': "positive",
                       "the port contract was not discussed": "negative"}


def test_one_clause_stays_one_claim(nlp):
    found = _claims(nlp, "Kova said she had accepted the invitation and stayed for two hours.")
    assert [c.text for c in found] == ["she had accepted the invitation and stayed for two hours"]


def test_a_denial_is_a_negative_claim_dated_by_the_article(nlp):
    (c,) = _claims(nlp, "Kova denied that she had met Dunn.")
    assert c.polarity == "negative" and c.text == "she had met Dunn" and c.said_on == "2026-03-24"


def test_a_negated_argument_makes_a_negative_claim(nlp):
    found = {c.text: c.polarity for c in _claims(nlp, "A lawyer said his client had broken no rules. "
                                                      "Reyes said nobody is above the rules. "
                                                      "Olin said she had acted alone.")}
    assert found == {"his client had broken no rules": "negative", "nobody is above the rules": "negative",
                     "she had acted alone": "positive"}


def test_a_reported_would_is_the_speakers_will_and_a_may_is_a_hedge(nlp):
    found = {c.text: c.certainty for c in _claims(nlp, "Kova said she would cooperate fully with the prosecutors. "
                                                       "Hale said the scores may have been changed.")}
    assert found == {"she would cooperate fully with the prosecutors": "certain",
                     "the scores may have been changed": "possible"}


def test_a_closing_quote_does_not_hide_the_negation(nlp):
    (c,) = _claims(nlp, 'A lawyer said his client had done nothing wrong and "does not discuss dinners."\n\nMore.')
    assert c.polarity == "negative"



@pytest.mark.parametrize("text, claim, polarity, source", [
    ("Asked whether she had met Dunn, Kova said no.", "she had met Dunn", "negative", "Kova"),
    ('Asked whether she had met Dunn, Kova said: "No."', "she had met Dunn", "negative", "Kova"),
    ("Asked if the port would close, Kova said yes.", "the port would close", "positive", "Kova"),
    ("Ilse Kova was asked whether she had met Dunn. She said no.", "she had met Dunn", "negative", "She"),
])
def test_a_yes_or_no_answers_the_question_asked(nlp, text, claim, polarity, source):
    found = [c for c in _claims(nlp, text) if c.source is not None]  # the question itself has no source
    assert [(c.text, c.polarity, c.certainty, c.source.text) for c in found] == [(claim, polarity, "certain", source)]


@pytest.mark.parametrize("text", ["Kova dismissed as false the claim that she met Dunn.",
                                  "Kova refuted the report that she met Dunn."])
def test_dismissing_or_refuting_a_report_denies_its_content(nlp, text):
    (c,) = _claims(nlp, text)
    assert (c.text, c.polarity, c.source.text) == ("she met Dunn", "negative", "Kova")


@pytest.mark.parametrize("text, expected", [
    ("The port will reopen in May, a claim the unions dispute.",
     {("The port will reopen in May", "negative", "the unions")}),
    ("He took time off to fulfill his military duties, a claim that Gowdy's office strongly disputes.",
     {("He took time off to fulfill his military duties", "negative", "Gowdy's office")}),
    ("Kova said the port would reopen, a claim that the unions denied.",
     {("the port would reopen", "positive", "Kova"), ("the port would reopen", "negative", "the unions")}),
    ("The ministry blamed the storm, an account that dockworkers rejected on Tuesday.",
     {("the storm", "positive", "The ministry"), ("The ministry blamed the storm", "negative", "dockworkers")}),
    ("The minister resigned over the leak, according to the Herald, a report that the ministry confirmed.",
     {("The minister resigned over the leak", "positive", "the Herald"),
      ("The minister resigned over the leak", "positive", "the ministry")}),
    ("Kova has said the files were not marked at the time - a point that officials have disputed.",
     {("the files were not marked at the time", "negative", "Kova"),
      ("the files were not marked at the time", "positive", "officials")}),
])
def test_a_claim_noun_after_a_clause_carries_its_own_source(nlp, text, expected):
    """"P, a claim X disputes": X denies P, and P is no longer part of another report's content."""
    assert {(c.text, c.polarity, c.source.text) for c in _claims(nlp, text)} == expected


def test_a_pseudo_cleft_report_claims_its_complement(nlp):
    """The content of "what many analysts said was a sign ..." is the complement (PolNeAR's "what"
    and "was" are the adapter's, evaluate/polnear.py); a cleft or a free relative that does not say
    what was said makes no claim."""
    doc = nlp("What the senators said was that the port would close. What Kova told reporters was different. "
              "Everything Trump says is designed to distract voters.")
    found = attributions(doc, mentions(doc, 0, []))
    assert [(a.cue, a.content) for a in found] == [("said", "the port would close")]
    (c,) = claims(doc, found, [], "2026-03-24")
    assert (c.text, c.polarity, c.source.text) == ("the port would close", "positive", "the senators")


@pytest.mark.parametrize("text, claim, source", [
    ("The policy changes, which officials said will go into effect in May, were announced Monday.",
     "will go into effect in May", "officials"),
    ("Germany will spend 1.2 percent of its output, which he said would be its lowest ever.",
     "would be its lowest ever", "he"),
])
def test_a_report_in_a_relative_clause_claims_what_was_said_without_its_speaker(nlp, text, claim, source):
    """PolNeAR's content is "which officials said will go ..."; the claim leaves out "which officials said"."""
    (c,) = _claims(nlp, text)
    assert (c.text, c.source.text) == (claim, source)


@pytest.mark.parametrize("text, content, source", [
    # the passive lost the denial, so a denial read as an assertion of what was denied
    ("Earlier reports claiming that Lebanese officials had captured the wife of the group's leader "
     "have now been denied by Iraq.", "Lebanese officials had captured the wife of the group's leader", "Iraq"),
    ("Reports that the army carried out the strike were denied by the ministry.",
     "the army carried out the strike", "the ministry"),
])
def test_a_report_denied_in_the_passive_is_a_denial_of_what_it_reported(nlp, text, content, source):
    (c,) = _claims(nlp, text)
    assert (c.text, c.polarity, c.source.text) == (content, "negative", source)


@pytest.mark.parametrize("text, polarity", [
    ('"The suggestion that smugglers have landed at the pier is categorically false," a Port Authority '
     'spokesman said.', "negative"),
    ('"Claims that the mayor took bribes are untrue," Kova said.', "negative"),
    ("Kova said the claims that the mayor took bribes were baseless.", "negative"),
    ("Kova insisted that allegations that the mayor took bribes are unfounded.", "negative"),
    ('"It is simply wrong that the harbour was closed," Kova said.', "negative"),
    ('"The idea that the ships sank is nonsense," Kova said.', "negative"),
    # a denial denied, and a false thing that is no clause anyone put forward
    ("Kova said the claim that the ships sank is not false.", "positive"),
    ("Kova said the report that he wrote was false.", "positive"),
    # the claim the story is about, called false without repeating it
    ("Kova said the claim is entirely false, and the harbour has no dams.", "negative"),
])
def test_calling_a_clause_false_denies_it(nlp, text, polarity):
    (c,) = _claims(nlp, text)
    assert c.polarity == polarity


@pytest.mark.parametrize("text, predicate", [
    ("Officials said she is believed to have married the commander six years ago.", "marry"),
    ("Officials said the minister is said to have met the lobbyist.", "meet"),
    ("Officials said the army appears to have carried out the strike.", "carry"),
    ("Officials said she was not married to the commander.", "married"),
    ("Officials said the suggestion that the men were apprehended at the border is false.", "apprehend"),
    ("Officials said the minister wants to meet the lobbyist.", "want"),     # a wish frames nothing away
    ("Officials said a meeting took place on Tuesday.", "meeting"),
])
def test_a_claims_predicate_is_what_it_says_happened(nlp, text, predicate):
    """Framing verbs ("is believed to", "appears to"), a copula holding a participle and a clause
    called false give way to the event they frame: the judge compares claims by it."""
    (c,) = _claims(nlp, text)
    assert c.predicate == predicate


def test_a_quotation_of_several_sentences_is_one_claim_per_sentence(nlp):
    text = ('"Dulaimi is not his wife now. She has been married three times. No. Six years ago she married him '
            'for three months," Mashnuq said.')
    assert [(c.text, c.polarity) for c in _claims(nlp, text)] == [
        ("Dulaimi is not his wife now", "negative"),
        ("She has been married three times. No", "positive"),  # a short sentence stays with the one before
        ("Six years ago she married him for three months", "positive")]


@pytest.mark.parametrize("text, polarity", [
    ('His mother said: "We have never been prouder of our son."', "positive"),
    ('Kova said: "I could not be happier with the result."', "positive"),
    ('Kova said: "She was never there."', "negative"),
    ('Kova said: "He has never been a member of the party."', "negative"),
])
def test_a_negated_comparative_is_praise_not_a_denial(nlp, text, polarity):
    (c,) = _claims(nlp, text)
    assert c.polarity == polarity


@pytest.mark.parametrize("text, expected", [
    ("Chandler wrote her Facebook post on November 13th.", []),
    ("The group, who announced the ceasefire, met on Monday.", []),
    ("Chandler wrote that her post had been deleted.", ["her post had been deleted"]),
    ('Kova wrote: "The port will close in May."', ["The port will close in May"]),
])
def test_a_thing_written_or_announced_is_no_claim(nlp, text, expected):
    """The object of "wrote" or "announced" with no verb names what was made, not what it says."""
    assert [c.text for c in _claims(nlp, text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The site claimed the death of the singer remained unconfirmed.", "unknown"),
    ("Officials said the cause of the fire is unknown.", "unknown"),
    ("Officials said the cause of the fire is known.", "certain"),
])
def test_a_content_that_calls_itself_unsettled_is_unknown(nlp, text, expected):
    (c,) = _claims(nlp, text)
    assert c.certainty == expected


@pytest.mark.parametrize("text, polarity", [
    ("His girlfriend said he was no good at cooking.", "negative"),
    ("Sources said Rosenberg was nowhere near Kobane.", "negative"),
    ("Shekau claims no ceasefire.", "negative"),
])
def test_a_negation_on_the_complement_or_a_verbless_content_negates_it(nlp, text, polarity):
    (c,) = _claims(nlp, text)
    assert c.polarity == polarity


@pytest.mark.parametrize("text, polarity", [
    ("Outlets like Bleeding Cool reported a rumor that one of the cars had been stolen.", "positive"),
    ("Police confirmed claims that the man had fled.", "positive"),
    ("The ministry denied reports that the minister had resigned.", "negative"),
])
def test_only_a_verb_of_denial_denies_the_report_it_names(nlp, text, polarity):
    (c,) = _claims(nlp, text)
    assert c.polarity == polarity
