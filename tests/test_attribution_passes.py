"""Each attribution pass on its own: what it adds or changes, given what the passes before it found.

A row is (pass, text, expected): `expected` lists (cue, source text, content) of the relations the
pass returns that were not in its input, in order; [] where it must leave everything as it was."""
import pytest

from storyline.analyse.attributions import PASSES, attributions, context
from storyline.analyse.attributions import headlines, model, quotes, reported, revise, verbless
from storyline.analyse.mentions import mentions


@pytest.fixture(scope="module")
def through(nlp):
    def run(step, text):
        doc = nlp(text)
        ctx = context(doc, mentions(doc, 0, ["Daily Herald"]))
        found = []
        for p in PASSES:
            before, found = found, p(ctx, found)
            if p is step:
                return [a for a in found if a not in before]
        raise AssertionError(f"{step.__name__} is not in PASSES")
    return run


def test_every_pass_is_listed_once():
    assert len(set(PASSES)) == len(PASSES)


def _rows(found):
    return [(a.cue, a.source.text if a.source else None, a.content) for a in found]


@pytest.mark.parametrize("step, text, expected", [
    (quotes.direct_quotes, '"We did nothing wrong," Kova said.', [("said", "Kova", "We did nothing wrong")]),
    (quotes.direct_quotes, 'Kova said: "We did nothing wrong."', [("said", "Kova", "We did nothing wrong")]),
    (quotes.direct_quotes, '"The sea gives and the sea takes away." \u2015 Sonya Herridge',
     [("\u2015", "Sonya Herridge", "The sea gives and the sea takes away")]),
    (quotes.direct_quotes, "The port closed on Monday.", []),
    (reported.reported_speech, "Officials said the port was closed.", [("said", "Officials", "the port was closed")]),
    (reported.reported_speech, "The port was closed, she said.", [("said", "she", "The port was closed")]),
    (reported.reported_speech, '"We did nothing wrong," Kova said.', []),  # the quote's cue already
    (reported.learned_verbs, "Clinton decried the plan on Monday.", [("decried", "Clinton", "the plan")]),
    (reported.learned_verbs, "Officials said the port was closed.", []),
    (reported.stances, "Sanders praised the plan.", [("praised", "Sanders", "the plan")]),
    (reported.stances, "The mayor called for a ban on trucks.", [("called for", "The mayor", "a ban on trucks")]),
    (verbless.verbless, "According to the Daily Herald, the port will close in May.",
     [("According to", "the Daily Herald", "the port will close in May")]),
    (verbless.verbless, "By Kova's account, the deal failed in March.",
     [("account", "Kova", "the deal failed in March")]),
    (verbless.verbless, "In a new Harbour Times poll, Kova leads Dunn by nine points.",
     [("In", "a new Harbour Times poll", "Kova leads Dunn by nine points")]),
    (verbless.verbless, "In the harbour, the ships waited for the tide.", []),
    (headlines.headline_colons, "Kova: Port Will Reopen In May\nThe minister spoke on Monday.",
     [(":", "Kova", "Port Will Reopen In May")]),
    (headlines.headline_colons, "UPDATE: The port reopened on Monday.\n", []),
    (headlines.headline_colons, "Staff fed the dog.\n\nLonely: Kai the crossbreed was found at Ayr station\n", []),
    (headlines.headline_colons, "Police: Man Held After Harbour Attack\nThe arrest was made on Monday.",
     [(":", "Police", "Man Held After Harbour Attack")]),
    (revise.speakers_that_speak, "Who would have thought that the port would reopen?", []),
    (revise.relative_clauses, "The Harbour Council has refuted newspaper reports which suggested it was about "
                              "to close the port.",
     [("has refuted newspaper reports", "The Harbour Council", "it was about to close the port")]),
    (revise.relative_clauses, "According to the Harbour Council, which has denied such reports for weeks, "
                              "the port stays open.",
     [("According to", "the Harbour Council, which has denied such reports for weeks", "the port stays open")]),
    (revise.speakers_that_speak, 'Delighted Mrs Smith said: "It was just something a bit different to do."',
     [("said:", "Mrs Smith", "It was just something a bit different to do")]),
    (model.cue_model_pass, "Hale accused the government of intimidating the families.",
     [("accused", "Hale", "the government")]),
    (revise.predicates, "Hale accused the government of intimidating the families.",
     [("accused", "Hale", "the government of intimidating the families")]),
    (revise.finish, "Mr. Trump seemed to overstay his welcome.",
     [("seemed", None, "Mr. Trump seemed to overstay his welcome")]),
    (revise.finish, 'Kova said: "We did nothing wrong."', [("said:", "Kova", "We did nothing wrong")]),
    (headlines.title_cues, "The port closed on Monday, Kova said.\n", []),
])
def test_a_pass_adds_or_changes(through, step, text, expected):
    assert _rows(through(step, text)) == expected


def test_groups_ties_part_of_a_group_to_the_group_named_before(through):
    (a,) = through(revise.groups, "Five diplomats said the talks had failed. "
                                  "Two of those diplomats said the ministers had left early.")
    assert a.source.text == "Two of those diplomats" and a.source.group == "Five diplomats"


def test_same_role_is_who_the_text_last_gave_that_role(through):
    (a,) = through(revise.same_role, "Maria Lopez, a spokeswoman for Ilse Kova, said the port would close. "
                                     "The spokeswoman added that the ships would wait.")
    assert a.source.text == "The spokeswoman" and a.source.entity == "Maria Lopez"


@pytest.mark.parametrize("step, text", [
    (reported.answered, "Asked whether she had met Dunn, Kova said no."),
    (reported.answers, "Kova was asked whether she had met Dunn. She said no."),
])
def test_an_answer_no_denies_the_question(through, step, text):
    (a,) = [a for a in through(step, text) if a.cue == "said"]
    assert a.content == "she had met Dunn" and a.negated


def test_the_passes_make_what_attributions_returns(nlp):
    text = 'Officials said the port was closed. "We did nothing wrong," Kova said.'
    doc = nlp(text)
    ctx = context(doc, mentions(doc, 0, []))
    found = []
    for p in PASSES:
        found = p(ctx, found)
    assert sorted(found, key=lambda a: (a.content_start, a.cue_start)) == attributions(doc, mentions(doc, 0, []))
