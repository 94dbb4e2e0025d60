"""Pronouns, descriptions and relative pronouns tied to the article's named actors."""
import pytest

from storyline.analyse.coreference import references
from storyline.analyse.mentions import mentions
from storyline.records import Attribution, Source


def _refs(nlp, text, attributions=()):
    doc = nlp(text)
    return [(m.text, m.canonical, m.form) for m in references(doc, mentions(doc), attributions)]


@pytest.mark.parametrize("text, expected", [
    # the subject of the sentence before is the most salient person
    ("Steve Jobs unveiled the phone on Monday. He said it was the thinnest ever made.",
     [("He", "Steve Jobs", "pronoun")]),
    # "she" agrees with the woman, by her first name, though the man was named last
    ("Hillary Clinton spoke after Bill Clinton. She said the emails were not classified.",
     [("She", "Hillary Clinton", "pronoun")]),
    # a company is "it", and "the company" when the article gives no other kind of organisation
    ("Apple Inc. released new laptops on Tuesday. The company said its sales rose.",
     [("The company", "Apple Inc.", "description"), ("its", "Apple Inc.", "pronoun")]),
    # a relative pronoun is the name its clause hangs on
    ("Apple, which makes the iPod, sued Cisco.", [("which", "Apple", "pronoun")]),
    # a pronoun put before its clause's subject refers ahead to it
    ("In his speech on Monday, Barack Obama defended the deal.", [("his", "Barack Obama", "pronoun")]),
    # an apposition is a description of the name
    ("AIG, an insurance company, fell sharply.", [("an insurance company", "AIG", "description")]),
])
def test_references_to_named_actors(nlp, text, expected):
    assert _refs(nlp, text) == expected


@pytest.mark.parametrize("text", [
    # pleonastic "it" refers to nothing
    "Apple released a phone. It is likely that prices will fall.",
    # an object pronoun is not its own verb's subject
    "Jane Doe praised him.",
    # the most salient "he" is a spokesman, who is not a named actor: left alone
    "Jane Doe hired a spokesman last week. The spokesman said he would not comment.",
    # a possessive is not the thing it owns, nor is a plural product "they"
    "Officials used their BlackBerrys at home.",
])
def test_references_left_alone(nlp, text):
    assert [r for r in _refs(nlp, text) if r[2] == "pronoun" and r[0].lower() in {"it", "him", "he", "their"}] == []


def test_a_quoted_speakers_i_is_the_speaker(nlp):
    text = 'Jane Doe said: "I will not resign, and my record speaks for itself."'
    doc = nlp(text)
    start = text.index('"') + 1
    quote = Attribution(cue_start=text.index("said"), cue_end=text.index("said") + 4, content_start=start,
                        content_end=len(text) - 1, source=Source(kind="person", text="Jane Doe", entity="Jane Doe"),
                        quote="direct", cue="said", content=text[start:-1])
    found = [(m.text, m.canonical) for m in references(doc, mentions(doc), [quote]) if m.text in {"I", "my"}]
    assert found == [("I", "Jane Doe"), ("my", "Jane Doe")]


def test_no_names_no_references(nlp):
    assert _refs(nlp, "It rained. He said it would.") == []


@pytest.mark.parametrize("text, pronoun, expected", [
    # a woman's noun ("his wife, Saja") says her sex; "she" then is hers, not the minister's
    ("The minister met Saja Dulaimi, the wife of the leader. Later Nohad Machnouk said she was held.", "she",
     "Saja Dulaimi"),
    # "her" inside Issa's own quotation is not Issa
    ('Hillary Clinton spoke on Friday. Darrell Issa said, "Well, this is where her judgment is in question."', "her",
     "Hillary Clinton"),
])
def test_what_says_whose_a_pronoun_is(nlp, text, pronoun, expected):
    doc = nlp(text)
    start = text.find('"') + 1
    quotes = [Attribution(cue_start=text.index("said"), cue_end=text.index("said") + 4, content_start=start,
                          content_end=len(text) - 1, source=Source(kind="person", text="Darrell Issa",
                                                                   entity="Darrell Issa"),
                          quote="direct", cue="said", content=text[start:-1])] if start else []
    found = {m.text: m.canonical for m in references(doc, mentions(doc), quotes)}
    assert found.get(pronoun) == expected


@pytest.mark.parametrize("text, expected", [
    # the words before a person's name that say who they are describe the same person; a name
    # inside them stays its own
    ("Apple CEO Steve Jobs spoke on Monday.", [("CEO", "Steve Jobs", "description")]),
    ("On Monday company CEO Steve Jobs spoke.", [("company CEO", "Steve Jobs", "description")]),
    # a title of a company is not a person's description
    ("Apple Computer CEO Steve Jobs spoke.", [("CEO", "Steve Jobs", "description")]),
])
def test_a_title_before_a_name_is_a_description(nlp, text, expected):
    assert [r for r in _refs(nlp, text) if r[2] == "description"] == expected


def _quote(text, speaker, source_text):
    start = text.index('"') + 1
    end = text.index('"', start)
    return Attribution(cue_start=text.index("said"), cue_end=text.index("said") + 4, content_start=start,
                       content_end=end, source=Source(kind="person", text=source_text, entity=speaker,
                                                      start=text.index(source_text),
                                                      end=text.index(source_text) + len(source_text)),
                       quote="direct", cue="said", content=text[start:end])


@pytest.mark.parametrize("text, speaker, source_text, expected", [
    # a company's own "we" is the company
    ('"We love the band, and we will sell its records," said Apple Inc. CEO Steve Jobs.', "Steve Jobs",
     "Apple Inc. CEO Steve Jobs", [("We", "Apple Inc."), ("we", "Apple Inc.")]),
    ('"We wish them every success," said Neil Aspinall, manager of Apple Corps.', "Neil Aspinall",
     "Neil Aspinall, manager of Apple Corps", [("We", "Apple Corps")]),
    # a person alone with no body named: "we" is left alone
    ('"We will win," said Jane Doe.', "Jane Doe", "Jane Doe", []),
])
def test_a_quoted_we_is_the_body_the_speaker_speaks_for(nlp, text, speaker, source_text, expected):
    doc = nlp(text)
    quote = _quote(text, speaker, source_text)
    found = [(m.text, m.canonical) for m in references(doc, mentions(doc), [quote]) if m.text.lower() == "we"]
    assert found == expected


def test_a_quote_mark_set_off_by_a_space_still_opens_the_quote(nlp):
    # "he" inside the speaker's own quotation is someone else, however the marks are spaced
    text = 'Neil Aspinall said, " with great respect to the judge, he has reached the wrong conclusion. "'
    doc = nlp(text)
    start = text.index('" ') + 2
    quote = Attribution(cue_start=text.index("said"), cue_end=text.index("said") + 4, content_start=start,
                        content_end=len(text) - 2, source=Source(kind="person", text="Neil Aspinall",
                                                                 entity="Neil Aspinall"),
                        quote="direct", cue="said", content=text[start:-2])
    assert [m for m in references(doc, mentions(doc), [quote]) if m.text == "he"] == []


def test_a_noun_for_a_person_describes_a_person_not_a_body(nlp):
    # "leader" hangs on the group's name in the parse, but a leader is a person: the noun just
    # before the man's name is what he is, and "the Islamist leader" is him
    text = ("DNA tests have confirmed that the child is the daughter of the Islamic State of Iraq and Greater "
            "Syria (ISIS) leader Abu Bakr al-Baghdadi. The Iraqi government had said the woman was not married "
            "to the Islamist leader.")
    found = [(m.text, m.canonical) for m in references(nlp(text), mentions(nlp(text))) if m.form == "description"]
    assert ("the Islamist leader", "Abu Bakr al-Baghdadi") in found
    assert not any(t == "leader" for t, _ in found)


def test_a_noun_the_parse_joins_to_a_name_is_that_persons_role(nlp):
    # "editor" is on no list of person nouns; before the name it is still what Berg is
    text = ("Marta Ruiz, the fashion editor, stepped out on Friday. Ruiz wore a grey coat. Ruiz did not speak "
            "to reporters. Harbour Weekly editor Olin Berg laughed off the problem. When we met Berg outside "
            'the tower, we asked him about the mice. "They are mice!" laughed the veteran editor.')
    assert ("the veteran editor", "Olin Berg", "description") in _refs(nlp, text)
