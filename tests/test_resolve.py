import pytest

from storyline.resolve.entities import resolve_entities


def _rows(*items):
    return [{"id": i, "text": t, "type": ty, "canonical": c, "title": ti} for i, (t, ty, c, ti) in enumerate(items)]


def _groups(entities):
    return {e.name: sorted(e.aliases) for e in entities}


def test_full_names_merge_across_articles_and_surnames_join_the_only_fit():
    rows = _rows(("Ilse Varga", "PERSON", "Ilse Varga", "Minister"), ("Varga", "PERSON", "Ilse Varga", "Ms."),
                 ("Varga", "PERSON", "Varga", None), ("Varga", "ORG", "Varga", None),
                 ("Ilse Varga", "PERSON", "Ilse Varga", None))
    [ent] = resolve_entities(rows)
    assert ent.name == "Ilse Varga" and len(ent.mention_ids) == 5 and ent.type == "PERSON"
    assert {"Ms. Varga", "Minister Ilse Varga", "Varga"} <= ent.aliases and ent.titles == {"Minister", "Ms."}


def test_people_sharing_a_title_or_surname_never_merge():
    rows = _rows(("Anton Keller", "PERSON", "Anton Keller", "President"),
                 ("Marta Keller", "PERSON", "Marta Keller", "President"),
                 ("Keller", "PERSON", "Keller", None))
    names = {e.name for e in resolve_entities(rows)}
    assert names == {"Anton Keller", "Marta Keller", "Keller"}  # the lone surname stays apart: it is ambiguous


def test_title_decides_an_ambiguous_surname():
    rows = _rows(("Anton Keller", "PERSON", "Anton Keller", "President"),
                 ("Marta Keller", "PERSON", "Marta Keller", "Director"),
                 ("Keller", "PERSON", "Keller", "President"))
    ents = {e.name: e for e in resolve_entities(rows)}
    assert len(ents["Anton Keller"].mention_ids) == 2 and len(ents["Marta Keller"].mention_ids) == 1


def test_an_honorific_alone_decides_by_sex_never_by_matching_another_honorific():
    # "Mr. Obama" once joined Michelle Obama across articles because "Mr." and "Mrs." both
    # reduce to an empty office
    rows = _rows(("Arin Obi", "PERSON", "Arin Obi", "President"), ("Temi Obi", "PERSON", "Temi Obi", "Mrs."),
                 ("Obi", "PERSON", "Obi", "Mr."), ("Obi", "PERSON", "Obi", "Mrs."))
    ents = {e.name: e for e in resolve_entities(rows)}
    assert len(ents["Arin Obi"].mention_ids) == 2  # "Mr." rules out the one known as "Mrs."
    assert len(ents["Temi Obi"].mention_ids) == 1
    assert len(ents["Obi"].mention_ids) == 1  # "Mrs. Obi" fits both as far as the record shows: apart
    # where a first name tells the sex (analyse/names.py, 1990 US Census first names: "Barry" is
    # there, "Barack" is not), "Mrs. Obama" is Michelle Obama
    rows = _rows(("Barry Obama", "PERSON", "Barry Obama", "President"), ("Michelle Obama", "PERSON", "Michelle Obama", None),
                 ("Obama", "PERSON", "Obama", "Mr."), ("Obama", "PERSON", "Obama", "Mrs."), ("Obama", "PERSON", "Obama", None))
    ents = {e.name: len(e.mention_ids) for e in resolve_entities(rows)}
    assert ents == {"Barry Obama": 2, "Michelle Obama": 2, "Obama": 1}
    rows = _rows(("Anton Keller", "PERSON", "Anton Keller", "Mr."), ("Keller", "PERSON", "Keller", "Mrs."),
                 ("Keller", "PERSON", "Keller", "Mr."))
    ents = {e.name: e for e in resolve_entities(rows)}
    assert len(ents["Anton Keller"].mention_ids) == 2 and len(ents["Keller"].mention_ids) == 1


def test_organisations_group_by_normalised_name():
    rows = _rows(("the Ministry of Transport", "ORG", "the Ministry of Transport", None),
                 ("Ministry of Transport", "ORG", "Ministry of Transport", None),
                 ("Portvale", "GPE", "Portvale", None))
    assert {e.name: len(e.mention_ids) for e in resolve_entities(rows)} == {
        "the Ministry of Transport": 2, "Portvale": 1} or {e.name: len(e.mention_ids) for e in resolve_entities(rows)} == {
        "Ministry of Transport": 2, "Portvale": 1}


def test_a_full_name_tagged_a_place_once_stays_the_person():
    from storyline.resolve.entities import resolve_entities
    rows = [{"id": 1, "text": "Marta Olin", "type": "PERSON", "canonical": "Marta Olin", "title": None},
            {"id": 2, "text": "Olin", "type": "PERSON", "canonical": "Marta Olin", "title": None},
            {"id": 3, "text": "Marta Olin", "type": "GPE", "canonical": "Marta Olin", "title": None},
            {"id": 4, "text": "Portvale", "type": "GPE", "canonical": "Portvale", "title": None}]
    ents = {e.name: (e.type, sorted(e.mention_ids)) for e in resolve_entities(rows)}
    assert ents["Marta Olin"] == ("PERSON", [1, 2, 3]) and ents["Portvale"] == ("GPE", [4])


def test_a_middle_initial_joins_the_same_name_without_it_unless_two_initialled_forms_exist():
    rows = _rows(("Donald Trump", "PERSON", "Donald Trump", None), ("Donald J. Trump", "PERSON", "Donald J. Trump", None),
                 ("George Bush", "PERSON", "George Bush", None), ("George W. Bush", "PERSON", "George W. Bush", None),
                 ("George H. W. Bush", "PERSON", "George H. W. Bush", None))
    ents = {e.name: len(e.mention_ids) for e in resolve_entities(rows)}
    assert ents["Donald J. Trump"] == 2 and "Donald Trump" not in ents  # the longer form names the entity
    assert ents == {"Donald J. Trump": 2, "George Bush": 1, "George W. Bush": 1, "George H. W. Bush": 1}


def test_a_persons_surname_never_joins_an_organisation_named_after_it():
    # two Clintons: a bare "Clinton" is ambiguous, so it stays a lone surname, which must not become
    # the foundation the way a lone "Greyline" becomes Greyline Shipping
    rows = _rows(("Hillary Clinton", "PERSON", "Hillary Clinton", None), ("Bill Clinton", "PERSON", "Bill Clinton", None),
                 ("Clinton Foundation", "ORG", "Clinton Foundation", None), ("Clinton", "PERSON", "Clinton", None),
                 ("Greyline", "ORG", "Greyline", None), ("Greyline Shipping", "ORG", "Greyline Shipping", None))
    ents = {e.name: len(e.mention_ids) for e in resolve_entities(rows)}
    assert ents["Clinton Foundation"] == 1 and ents["Clinton"] == 1 and ents["Greyline Shipping"] == 2


def _rows2(*items):
    """(text, type, canonical[, form, article]) rows."""
    out = []
    for i, item in enumerate(items):
        text, type_, canonical, *rest = item
        form = rest[0] if rest else "name"
        article = rest[1] if len(rest) > 1 else "a"
        out.append({"id": i, "text": text, "type": type_, "canonical": canonical, "title": None,
                    "form": form, "article_id": article})
    return out


def _partition(rows):
    return sorted(sorted(rows[i]["text"] for i in e.mention_ids) for e in resolve_entities(rows))


@pytest.mark.parametrize("names, expected", [
    # a company with and without its legal form or trade word; Apple Corps is another company
    ([("Apple", "ORG"), ("Apple Inc.", "ORG"), ("Apple Computer", "ORG"), ("Apple Corps", "ORG")],
     [["Apple", "Apple Computer", "Apple Inc."], ["Apple Corps"]]),
    # an acronym joins the only name it spells; "UN" is not the UN Security Council
    ([("GM", "ORG"), ("General Motors", "ORG"), ("UN", "ORG"), ("UN Security Council", "ORG"),
      ("U.S.", "GPE"), ("United States", "GPE")],
     [["GM", "General Motors"], ["U.S.", "United States"], ["UN"], ["UN Security Council"]]),
    # a lone word does not join a longer name it only begins
    ([("iPhone", "ORG"), ("iPhone Developer Program", "ORG")], [["iPhone"], ["iPhone Developer Program"]]),
    # an outlet's last word joins the only outlet of the corpus ending so
    ([("Times", "OUTLET"), ("New York Times", "OUTLET")], [["New York Times", "Times"]]),
    ([("Times", "OUTLET"), ("New York Times", "OUTLET"), ("Seattle Times", "OUTLET")],
     [["New York Times"], ["Seattle Times"], ["Times"]]),
    # a name and the longer names that go on with "of", or part of a body's name after "of"
    ([("Islamic State", "ORG"), ("Islamic State of Iraq", "ORG"), ("Islamic State of Iraq and Greater Syria", "ORG")],
     [["Islamic State", "Islamic State of Iraq", "Islamic State of Iraq and Greater Syria"]]),
    ([("Homeland Security", "ORG"), ("Department of Homeland Security", "ORG")],
     [["Department of Homeland Security", "Homeland Security"]]),
    # a person's surname named as a person joins no organisation
    ([("Henry Ford", "PERSON"), ("Ford", "PERSON"), ("Ford Motor", "ORG")], [["Ford", "Henry Ford"], ["Ford Motor"]]),
])
def test_short_forms_of_one_actor_join(names, expected):
    assert _partition(_rows2(*[(t, ty, t) for t, ty in names])) == expected


def test_an_acronym_joins_the_name_it_spells_only_where_an_article_names_both():
    apart = _rows2(("CBC", "ORG", "CBC", "name", "ottawa"),
                   ("Central Bedfordshire Council", "ORG", "Central Bedfordshire Council", "name", "bear"))
    assert _partition(apart) == [["CBC"], ["Central Bedfordshire Council"]]
    together = _rows2(("GM", "ORG", "GM", "name", "a1"), ("General Motors", "ORG", "General Motors", "name", "a1"),
                      ("GM", "ORG", "GM", "name", "a2"))
    assert _partition(together) == [["GM", "GM", "General Motors"]]


def test_an_acronym_that_ends_one_name_and_words_ending_in_an_acronym_join():
    rows = _rows2(("SPCA", "ORG", "SPCA", "name", "a1"), ("Scottish SPCA", "ORG", "Scottish SPCA", "name", "a2"),
                  ("Scottish Society for Prevention of Cruelty to Animals", "ORG",
                   "Scottish Society for Prevention of Cruelty to Animals", "name", "a3"))
    assert _partition(rows) == [["SPCA", "Scottish SPCA", "Scottish Society for Prevention of Cruelty to Animals"]]


@pytest.mark.parametrize("names, expected", [
    # particles and the Arabic article do not make another surname
    (["Saja al-Dulaimi", "al-Dulaimi", "Dulaimi", "Saja al Dulaimi"],
     [["Dulaimi", "Saja al Dulaimi", "Saja al-Dulaimi", "al-Dulaimi"]]),
    # more names between the same first name and surname, when the longer forms agree
    (["Saja al-Dulaimi", "Saja Hamid al-Dulaimi", "Saja Abdul Hamid al-Dulaimi", "Omar Abdul Hamid al-Dulaimi"],
     [["Omar Abdul Hamid al-Dulaimi"], ["Saja Abdul Hamid al-Dulaimi", "Saja Hamid al-Dulaimi", "Saja al-Dulaimi"]]),
    # a first name alone is the one person of the corpus called so
    (["Greta Van Susteren", "Greta", "Van Susteren"], [["Greta", "Greta Van Susteren", "Van Susteren"]]),
])
def test_forms_of_a_persons_name_join(names, expected):
    assert _partition(_rows2(*[(t, "PERSON", t) for t in names])) == expected


def test_a_place_keeps_its_name_from_a_person_called_after_it():
    rows = _rows2(("George Washington", "PERSON", "George Washington"), ("Washington", "GPE", "Washington"),
                  ("Washington", "LOC", "Washington"))
    assert _partition(rows) == [["George Washington"], ["Washington", "Washington"]]


def test_pronouns_and_descriptions_join_the_entity_of_their_name_in_their_article():
    rows = _rows2(("Apple", "ORG", "Apple", "name", "a"), ("it", "ORG", "Apple", "pronoun", "a"),
                  ("Apple Inc.", "ORG", "Apple Inc.", "name", "b"), ("the company", "ORG", "Apple Inc.", "description", "b"),
                  ("he", "PERSON", "Nobody Named", "pronoun", "c"))
    ents = resolve_entities(rows)
    assert [sorted(rows[i]["text"] for i in e.mention_ids) for e in ents] == [["Apple", "Apple Inc.", "it", "the company"]]
    assert ents[0].aliases == {"Apple", "Apple Inc."}  # "it" and "the company" are no aliases


def test_every_spelling_of_a_shorter_name_joins_the_longer_one():
    rows = _rows2(*[(t, "PERSON", t) for t in ("Saja Dulaimi", "Saja al-Dulaimi", "Saja Hamid al-Dulaimi")])
    assert _partition(rows) == [["Saja Dulaimi", "Saja Hamid al-Dulaimi", "Saja al-Dulaimi"]]


def test_an_acronym_is_the_long_name_its_article_spells_out_and_no_other():
    # two bodies with the same initials; a lone "DHS" in a third article is neither
    rows = _rows2(("Department of Homeland Security", "ORG", "Department of Homeland Security", "name", "a"),
                  ("DHS", "ORG", "Department of Homeland Security", "name", "a"),
                  ("Department of Health Services", "ORG", "Department of Health Services", "name", "b"),
                  ("DHS", "ORG", "Department of Health Services", "name", "b"),
                  ("DHS", "ORG", "DHS", "name", "c"))
    assert _partition(rows) == [["DHS"], ["DHS", "Department of Health Services"],
                                ["DHS", "Department of Homeland Security"]]


def _in_articles(*items):
    """Mention rows as (text, type, canonical, article)."""
    return [{"id": i, "text": t, "type": ty, "canonical": c, "title": None, "article_id": a}
            for i, (t, ty, c, a) in enumerate(items)]


def test_two_transliterations_of_one_name_in_different_articles_are_one_person():
    rows = _in_articles(("Nohad Machnouk", "PERSON", "Nohad Machnouk", "a"),
                        ("Machnouk", "PERSON", "Nohad Machnouk", "a"),
                        ("Nouhad Mashnuq", "PERSON", "Nouhad Mashnuq", "b"))
    [ent] = resolve_entities(rows)
    assert ent.name == "Nohad Machnouk" and {"Nouhad Mashnuq", "Machnouk"} <= ent.aliases


def test_names_alike_in_one_article_or_of_two_sexes_stay_apart():
    both = _in_articles(("Nohad Machnouk", "PERSON", "Nohad Machnouk", "a"),
                        ("Nouhad Mashnuq", "PERSON", "Nouhad Mashnuq", "a"))
    assert len(resolve_entities(both)) == 2  # one article writing both names means two people
    sexes = _in_articles(("Bill Clinton", "PERSON", "Bill Clinton", "a"),
                         ("Bella Clinton", "PERSON", "Bella Clinton", "b"))
    assert len(resolve_entities(sexes)) == 2


@pytest.mark.parametrize("a, b, one", [
    ("Mark Oberholtzer", "Mark Olberholtzer", True),    # one letter apart in a long surname
    ("Jeff Oberholtzer", "Mark Olberholtzer", False),   # another first name: father and son
    ("John Smith", "John Smyth", True),                 # vowels fold already
    ("Anna Berg", "Anna Borg", True),
    ("Anna Berg", "Anna Bergs", False),                 # a short surname: too many names share it
])
def test_a_long_surname_misspelt_by_one_letter_is_the_same_person(a, b, one):
    rows = _in_articles((a, "PERSON", a, "a"), (b, "PERSON", b, "b"))
    assert (len(resolve_entities(rows)) == 1) is one


@pytest.mark.parametrize("a, b, one", [
    ("Gill Rosenberg", "Gillian Rosenberg", True),          # a first name and its short form
    ("Chris Buddleston", "Christopher Buddleston", True),
    ("Mo Rosenberg", "Mohammed Rosenberg", False),          # two letters: too short to tell
    ("Gill Rosenberg", "Gillian Rosen", False),             # another surname
    ("Dan Olsen", "Daniel Olsen", False),                   # a short surname: too many share it
])
def test_a_first_name_and_its_short_form_under_one_long_surname_are_one_person(a, b, one):
    rows = _in_articles((a, "PERSON", a, "a"), (b, "PERSON", b, "b"))
    assert (len(resolve_entities(rows)) == 1) is one
