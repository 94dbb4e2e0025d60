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
