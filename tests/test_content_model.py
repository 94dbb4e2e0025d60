"""Content edges: the learned boundary ranker (models/content_model.json) and its rules."""
from dataclasses import replace
from importlib import resources

import pytest

from storyline.analyse import content_model
from storyline.analyse.attributions import attributions
from storyline.analyse.content_model import _quotation_from
from storyline.analyse.mentions import mentions


@pytest.fixture(scope="module")
def find(nlp):
    def run(text):
        doc = nlp(text)
        found = attributions(doc, mentions(doc, 0, []))
        for a in found:
            assert text[a.content_start:a.content_end] == a.content
        return doc, found
    return run


def test_the_model_is_shipped_small_and_has_both_rankers():
    path = resources.files("storyline") / "models" / content_model.MODEL_FILE
    assert path.stat().st_size < 2_000_000
    model = content_model.load()
    assert model["start"] and model["end"]


def test_a_quotation_opened_by_a_content_runs_to_its_close():
    text = 'He says: \u201cI wonder why it was bad. Think of that.\u201d Then he left.'
    start = text.index("I wonder")
    assert text[slice(*_quotation_from(text, start, text.index(" it was")))] == "I wonder why it was bad. Think of that"
    # no quotation opens there, or it closed inside the content
    assert _quotation_from(text, text.index("Then"), text.index(" left")) is None
    assert _quotation_from(text, start, text.index(" Then")) is None


def test_without_a_model_contents_are_left_as_the_rules_set_them(find):
    doc, found = find("Officials said the talks had failed and would not resume before March.")
    for a in found:
        assert content_model.revise(doc, a, model={}) is a


def test_a_reported_quotation_over_two_sentences_is_one_direct_content(find):
    _, found = find('The senator spoke on Monday. She said: "We will not give up. We will win this fight."')
    a = next(a for a in found if "give up" in a.content)
    assert a.content == "We will not give up. We will win this fight" and a.quote == "direct"


def test_a_direct_quote_never_swallows_its_cue(find):
    doc, found = find('"We will not give up," she said, clapping. "We will win this fight."')
    for a in found:
        assert a.quote == "direct"
        assert not (a.content_start < a.cue_start and a.cue_end <= a.content_end), a.content


def test_an_inverted_report_may_run_over_its_cue_as_polnear_marks_it(find):
    _, found = find("But to prevent problems, he said, local officials should be vigilant.")
    a = next(a for a in found if "vigilant" in a.content)
    assert a.content.endswith("local officials should be vigilant")
