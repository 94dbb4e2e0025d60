import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from storyline.analyse.mentions import mentions


def _doc(tokens):
    """tokens: list of (word, ent tag) with BIO tags like 'B-PERSON'."""
    words = [w for w, _ in tokens]
    spaces = [not (i + 1 < len(words) and words[i + 1] in {".", ",", "'s"}) for i in range(len(words))]
    return Doc(Vocab(), words=words, spaces=spaces, ents=[t for _, t in tokens])


O = "O"


def test_surname_and_title_forms_point_to_the_full_name():
    doc = _doc([("Secretary", O), ("Jane", "B-PERSON"), ("Doe", "I-PERSON"), ("spoke", O), (".", O),
                ("Ms.", O), ("Doe", "B-PERSON"), ("left", O), (".", O), ("Doe", "B-ORG"), ("said", O), ("so", O),
                (".", O)])
    found = mentions(doc)
    assert [(m.text, m.type, m.canonical, m.title) for m in found] == [
        ("Jane Doe", "PERSON", "Jane Doe", "Secretary"),
        ("Doe", "PERSON", "Jane Doe", "Ms."),
        ("Doe", "PERSON", "Jane Doe", None),
    ]


def test_shared_surname_goes_to_the_title_that_fits_then_the_latest():
    doc = _doc([("President", O), ("Anton", "B-PERSON"), ("Keller", "I-PERSON"), ("met", O),
                ("Director", O), ("Marta", "B-PERSON"), ("Keller", "I-PERSON"), (".", O),
                ("President", O), ("Keller", "B-PERSON"), ("left", O), (".", O),
                ("Keller", "B-PERSON"), ("stayed", O), (".", O)])
    found = mentions(doc)
    assert [m.canonical for m in found] == ["Anton Keller", "Marta Keller", "Anton Keller", "Marta Keller"]


def test_an_honorific_rules_out_the_other_sex_and_never_matches_as_an_office():
    # "Mr." and "Mrs." once matched as the same (empty) office, so "Mr. Keller" went to Mrs. Keller
    doc = _doc([("Anton", "B-PERSON"), ("Keller", "I-PERSON"), ("met", O), ("Mrs.", O), ("Marta", "B-PERSON"),
                ("Keller", "I-PERSON"), (".", O), ("Mr.", O), ("Keller", "B-PERSON"), ("left", O), (".", O),
                ("Keller", "B-PERSON"), ("stayed", O), (".", O)])
    found = mentions(doc)
    assert [(m.canonical, m.title) for m in found] == [
        ("Anton Keller", None), ("Marta Keller", "Mrs."), ("Anton Keller", "Mr."), ("Marta Keller", None)]


def test_a_title_case_headline_lends_no_names_to_the_story():
    words = ["Obama", "Says", "Museum", "Will", "Tell", "\n", "President", "Barack", "Obama", "spoke", ".",
             "Obama", "left", "."]
    ents = ["B-PERSON", "I-PERSON", O, O, O, O, O, "B-PERSON", "I-PERSON", O, O, "B-PERSON", O, O]
    spaces = [True, True, True, True, False, False, True, True, True, False, True, True, False, False]
    found = mentions(Doc(Vocab(), words=words, spaces=spaces, ents=ents))
    assert [m.canonical for m in found] == ["Barack Obama", "Barack Obama"]
    # a headline in sentence case keeps its names
    words = ["Kova", "admits", "dinner", "with", "lobbyist", "\n", "Ilse", "Kova", "spoke", "."]
    ents = ["B-PERSON", O, O, O, O, O, "B-PERSON", "I-PERSON", O, O]
    spaces = [True, True, True, True, False, False, True, True, False, False]
    assert len(mentions(Doc(Vocab(), words=words, spaces=spaces, ents=ents))) == 2


def test_closing_quote_marks_are_not_part_of_a_name():
    doc = _doc([("Donald", "B-PERSON"), ("Trump", "I-PERSON"), ("''", "I-PERSON"), ("spoke", O), (".", O)])
    assert [m.text for m in mentions(doc)] == ["Donald Trump"]


def test_a_describing_word_the_model_takes_into_a_name_is_left_out():
    doc = _doc([("rival", "B-PERSON"), ("Ilse", "I-PERSON"), ("Kova", "I-PERSON"), ("spoke", O), (".", O),
                ("Candidate", "B-PERSON"), ("Dunn", "I-PERSON"), ("spoke", O), (".", O),
                ("Pieter", "B-PERSON"), ("van", "I-PERSON"), ("Dam", "I-PERSON"), ("spoke", O), (".", O)])
    assert [m.text for m in mentions(doc)] == ["Ilse Kova", "Dunn", "Pieter van Dam"]


def test_outlet_short_form_and_misread_outlets():
    doc = _doc([("The", O), ("Harbour", "B-PERSON"), ("Herald", "I-PERSON"), ("reported", O), ("it", O), (".", O),
                ("the", O), ("Herald", "B-PERSON"), ("said", O), (".", O)])
    found = mentions(doc, outlets=["Harbour Herald"])
    assert [(m.text, m.type, m.canonical) for m in found] == [
        ("Harbour Herald", "OUTLET", "Harbour Herald"), ("Herald", "OUTLET", "Harbour Herald")]


def test_nothing_to_find():
    doc = _doc([("It", O), ("rained", O), ("all", O), ("day", O), (".", O)])
    assert mentions(doc) == []


def test_mentions_before_body_start_are_ignored():
    doc = _doc([("By", O), ("Ann", "B-PERSON"), ("Lee", "I-PERSON"), ("Bob", "B-PERSON"), ("Smith", "I-PERSON"),
                ("spoke", O)])
    body = doc[3].idx
    assert [m.text for m in mentions(doc, body_start=body)] == ["Bob Smith"]


def test_a_name_beside_a_persons_role_is_a_person_with_first_name(nlp):
    from storyline.analyse.mentions import mentions
    doc = nlp("Kova's office did not answer. Her spokeswoman, Ana Brel, said the minister meets many people.")
    found = {m.text: m.type for m in mentions(doc)}
    assert found.get("Ana Brel") == "PERSON"


def test_an_honorific_remembers_whom_it_named_in_the_article():
    # Hillary is "Mrs. Clinton" first; after Bill is named, "Mrs. Clinton" is still her, not the latest Clinton
    doc = _doc([("Hillary", "B-PERSON"), ("Clinton", "I-PERSON"), ("spoke", O), (".", O), ("Mrs.", O),
                ("Clinton", "B-PERSON"), ("smiled", O), (".", O), ("Bill", "B-PERSON"), ("Clinton", "I-PERSON"),
                ("waved", O), (".", O), ("Mrs.", O), ("Clinton", "B-PERSON"), ("left", O), (".", O),
                ("Mr.", O), ("Clinton", "B-PERSON"), ("stayed", O), (".", O)])
    assert [m.canonical for m in mentions(doc)] == ["Hillary Clinton", "Hillary Clinton", "Bill Clinton",
                                                    "Hillary Clinton", "Bill Clinton"]


def test_a_first_name_tells_the_sex_when_no_honorific_has():
    # Bill is named last, and nothing in the article called Hillary "Mrs." before: her first name decides
    doc = _doc([("Hillary", "B-PERSON"), ("Clinton", "I-PERSON"), ("spoke", O), (".", O), ("Bill", "B-PERSON"),
                ("Clinton", "I-PERSON"), ("waved", O), (".", O), ("Mrs.", O), ("Clinton", "B-PERSON"), ("left", O),
                (".", O)])
    assert [m.canonical for m in mentions(doc)] == ["Hillary Clinton", "Bill Clinton", "Hillary Clinton"]


def test_an_honorific_of_the_other_sex_joins_no_one():
    # Michelle Obama is the only Obama named in full here; "Mr. Obama" is someone else
    doc = _doc([("Michelle", "B-PERSON"), ("Obama", "I-PERSON"), ("spoke", O), (".", O), ("Mr.", O),
                ("Obama", "B-PERSON"), ("left", O), (".", O)])
    assert [m.canonical for m in mentions(doc)] == ["Michelle Obama", "Obama"]


def test_a_caption_word_after_a_name_is_not_part_of_it():
    # "President Obama Speech" (a video caption) would take every "Obama" of the article as its own
    doc = _doc([("President", O), ("Obama", "B-PERSON"), ("Speech", "I-PERSON"), ("at", O), ("Howard", O),
                (".", O), ("Obama", "B-PERSON"), ("gave", O), ("a", O), ("speech", O), (".", O),
                ("Crooked", "B-PERSON"), ("Hillary", "I-PERSON"), ("Clinton", "I-PERSON"), ("lost", O), (".", O)])
    assert [m.text for m in mentions(doc)] == ["Obama", "Obama", "Hillary Clinton"]


@pytest.mark.parametrize("name, sex", [("Bill Clinton", "m"), ("Hillary Clinton", "f"), ("Chris Collins", None),
                                       ("Clinton", None), ("J. Doe", None)])
def test_first_name_sex(name, sex):
    from storyline.analyse.names import first_name_sex
    assert first_name_sex(name) == sex


@pytest.mark.parametrize("text, expected", [
    # a nationality or religion word names no actor alone; with its group's name it is the group
    ("Islamic State fighters attacked the Lebanese army near Arsal, Lebanese officials said.",
     [("Islamic State", "ORG"), ("Lebanese army", "ORG")]),
    ("Russian President Vladimir Putin met Republicans.", [("Vladimir Putin", "PERSON"), ("Republicans", "GROUP")]),
    ("A Democrat won the seat.", []),
])
def test_nationality_words_are_actors_only_as_groups(nlp, text, expected):
    assert [(m.text, m.type) for m in mentions(nlp(text)) if m.type != "GPE" and m.text != "Arsal"] == expected


@pytest.mark.parametrize("text, name, type_, canonical", [
    ("The report was first published by the NYT on Monday.", "NYT", "OUTLET", "The New York Times"),
    ("ISIL claimed the attack, officials said.", "ISIL", "ORG", "Islamic State"),
    ("He told Fox News\u2019 Greta Van Susteren that he had asked.", "Greta Van Susteren", "PERSON",
     "Greta Van Susteren"),
    ("The boy is his son, the Lebanese al-Safir newspaper said.", "al-Safir", "OUTLET", "al-Safir"),
    ("Clinton campaigned in Iowa on Friday.", "Iowa", "LOC", "Iowa"),
    ("Iraq said on Monday that the woman was not his wife.", "Iraq", "GPE", "Iraq"),
])
def test_names_typed_by_what_is_around_them(nlp, text, name, type_, canonical):
    found = {m.text: (m.type, m.canonical) for m in mentions(nlp(text))}
    assert found[name] == (type_, canonical)


def test_a_name_tagged_once_is_found_again_and_runs_to_the_end_of_its_phrase(nlp):
    doc = nlp("Dow falls.\n\nThe Dow Jones Industrial Average, a stock market index, fell. The Dow Jones was down "
              "2%. The FTSE 100 fell.")
    texts = [m.text for m in mentions(doc)]
    assert "Dow Jones Industrial Average" in texts and "FTSE 100" in texts


def test_a_surname_after_an_arabic_article_is_the_full_name(nlp):
    doc = nlp("Saja al-Dulaimi was held in Lebanon. Later al-Dulaimi and Dulaimi were questioned.")
    assert {m.canonical for m in mentions(doc) if m.type == "PERSON"} == {"Saja al-Dulaimi"}


def test_a_surname_used_alone_before_a_full_name_keeps_its_own_person(nlp):
    doc = nlp("Former Secretary Clinton put speed over security. The video shows the administrations of "
              "President Bill Clinton and President Obama. Sherman cited Clinton's visit to the United Nations.")
    clintons = [(m.text, m.canonical) for m in mentions(doc) if "Clinton" in m.text]
    assert clintons == [("Clinton", "Clinton"), ("Bill Clinton", "Bill Clinton"), ("Clinton", "Clinton")]


@pytest.mark.parametrize("text, expected", [
    # a related story's title-case link line lends no names
    ("Hunter spoke on Tuesday.\nDigital Feature: What Is ISIS?\nHunter said so.", ["Hunter", "Hunter"]),
    # an office before a name the model tagged an organisation
    ("Elias Farhat, a retired general, spoke. General Farhat said so.", ["Elias Farhat", "Farhat"]),
    # a name the model cut at a particle's hyphen
    ("The wife of Caliph Abu Bakr al- Baghdadi was held in Lebanon.", ["Abu Bakr al- Baghdadi"]),
])
def test_names_repaired(nlp, text, expected):
    assert [m.text for m in mentions(nlp(text)) if m.type in {"PERSON", "ORG"}] == expected


def test_an_office_inside_a_persons_name_is_a_title(nlp):
    doc = nlp("Charlotte Mayor Jennifer Roberts said the videos were inconclusive. Roberts said so again.")
    assert [(m.text, m.canonical, m.title) for m in mentions(doc)] == [
        ("Jennifer Roberts", "Jennifer Roberts", "Charlotte Mayor"), ("Roberts", "Jennifer Roberts", None)]


def test_a_surname_tagged_a_noun_at_a_sentence_start_is_still_the_person(nlp):
    doc = nlp("Clinton is in a dead heat with Sen. Bernie Sanders of Vermont. Sanders appeared to dismiss the issue.")
    assert [m.canonical for m in mentions(doc) if "Sanders" in m.text] == ["Bernie Sanders", "Bernie Sanders"]


@pytest.mark.parametrize("text, short, canonical", [
    # initials of the capitalised words, "of", "the", "and", "for" left out
    ("The Department of Coastal Defence met the Harbour Watch group. DCD officials said nothing.",
     "DCD", "Department of Coastal Defence"),
    ("A DCD spokesman said nothing. The Department of Coastal Defence met the Harbour Watch group.",
     "DCD", "Department of Coastal Defence"),
    # what follows "of" in the article's one longer name
    ("The Department of Coastal Defence met the Harbour Watch group. Coastal Defence staff said nothing.",
     "Coastal Defence", "Department of Coastal Defence"),
    # letters no name of the article spells are left as they are
    ("The Harbour Watch group met on Monday. DCD officials said nothing.", "DCD", "DCD"),
])
def test_a_short_form_of_an_organisation_named_in_the_article_is_that_organisation(nlp, text, short, canonical):
    found = {m.text: m.canonical for m in mentions(nlp(text))}
    assert found[short] == canonical


def test_a_sentences_opening_verb_is_not_part_of_a_name(nlp):
    # the model tags "Say Mexico" a place; the tagger knows "Say" is the sentence's verb
    doc = nlp("Mexico has leverage over the United States. Say Mexico demanded that the United States "
              "prove it.")
    assert "Say Mexico" not in [m.text for m in mentions(doc)]
    assert [m.text for m in mentions(doc)].count("Mexico") == 2


def test_a_surname_stays_with_its_first_bearer_when_a_relative_is_named_in_full():
    # news writing names a relative in full because the bare surname is taken
    doc = _doc([("Anton", "B-PERSON"), ("Keller", "I-PERSON"), ("spoke", O), (".", O),
                ("Keller", "B-PERSON"), ("left", O), (".", O), ("Marta", "B-PERSON"), ("Keller", "I-PERSON"),
                ("stayed", O), (".", O), ("Keller", "B-PERSON"), ("said", O), ("so", O), (".", O)])
    assert [m.canonical for m in mentions(doc)] == ["Anton Keller", "Anton Keller", "Marta Keller", "Anton Keller"]


def test_a_headline_surname_takes_the_full_name_the_story_gives_it():
    doc = _doc([("Keller", "B-PERSON"), ("warns", O), ("of", O), ("floods", O), ("\n", O),
                ("Anton", "B-PERSON"), ("Keller", "I-PERSON"), ("spoke", O), (".", O)])
    assert [m.canonical for m in mentions(doc)] == ["Anton Keller", "Anton Keller"]
    # two full names end so: the headline's surname is left as written
    doc = _doc([("Keller", "B-PERSON"), ("warns", O), ("\n", O), ("Anton", "B-PERSON"), ("Keller", "I-PERSON"),
                ("and", O), ("Marta", "B-PERSON"), ("Keller", "I-PERSON"), ("spoke", O), (".", O)])
    assert mentions(doc)[0].canonical == "Keller"


def test_a_name_the_title_tags_is_found_in_the_body_but_the_title_has_no_mention(nlp):
    title = "Dow Jones recovers hundreds of points, before losing them in minutes"
    text = f"{title}\n\nFollowing a large fall, the Dow Jones Industrial Average has recovered by hundreds of points."
    found = mentions(nlp(text), body_start=len(title) + 2)
    assert [(m.text, m.type) for m in found] == [("Dow Jones Industrial Average", "ORG")]


def test_a_title_in_title_case_lends_no_names_to_the_body(nlp):
    title = "Obama Says Museum Will Tell Story Of Nation"
    text = f"{title}\n\nThe Museum Will opened on Monday."
    found = mentions(nlp(text), body_start=len(title) + 2)
    assert all(m.start >= len(title) + 2 for m in found)
    assert "Museum Will" not in [m.text for m in found if m.type != "PERSON"]


def test_a_website_named_by_its_address_is_an_outlet():
    from storyline.analyse.name_types import is_outlet_name
    assert is_outlet_name("Naij.com") and is_outlet_name("nationalreport.net")
    assert not is_outlet_name("Greyline Shipping") and not is_outlet_name("example")
