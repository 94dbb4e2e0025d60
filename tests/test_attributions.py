"""Attributions: cue, source and content spans, and sources as records."""
import pytest

from storyline.analyse.attributions import attributions
from storyline.analyse.mentions import mentions


@pytest.fixture(scope="module")
def find(nlp):
    def run(text, outlets=("Daily Herald",)):
        doc = nlp(text)
        found = attributions(doc, mentions(doc, 0, list(outlets)))
        for a in found:  # every span points at its own characters
            assert text[a.content_start:a.content_end] == a.content
            assert text[a.cue_start:a.cue_end] == a.cue
            if a.source and a.source.start is not None:
                assert text[a.source.start:a.source.end] == a.source.text
        return found
    return run


def by_cue(found, cue):
    """The attribution whose cue is `cue`."""
    hits = [a for a in found if a.cue == cue]
    assert hits, [a.cue for a in found]
    return hits[0]


def one(found, content_part):
    hits = [a for a in found if content_part in a.content]
    assert hits, [a.content for a in found]
    return min(hits, key=lambda a: len(a.content))


def test_a_denial_keeps_the_denied_content_and_is_negated(find):
    a = one(find("Transport Minister Ilse Kova denied on Tuesday that she had met the lobbyist Petar Dunn."),
            "she had met")
    assert a.content == "she had met the lobbyist Petar Dunn"
    assert a.negated and a.cue == "denied" and a.quote == "indirect"
    assert a.source.kind == "person" and a.source.entity == "Ilse Kova"


def test_rejecting_reports_is_a_denial_of_their_content(find):
    found = find("Ilse Kova spoke to reporters. Kova rejected reports that she had approved the deal.")
    a = one(found, "approved")
    assert a.negated and a.content == "she had approved the deal" and a.source.entity == "Ilse Kova"


def test_direct_quote_with_the_speaker_after(find):
    found = find('Ilse Kova arrived late. "I have never met him. Not once," Kova said.')
    a = one(found, "never met")
    assert a.quote == "direct" and a.content == "I have never met him. Not once"
    assert a.source.entity == "Ilse Kova"


def test_direct_quote_with_the_speaker_named_after_the_verb(find):
    a = one(find('"We will look at everything," said Marta Olin, the port authority president.'), "look at")
    assert a.quote == "direct" and a.source.entity == "Marta Olin"


def test_anonymous_sources_carry_count_and_affiliation(find):
    found = find("Two senior officials said the pair met twice in March. "
                 "Officials at the finance ministry said the audit would begin soon. "
                 "A senior ministry official said the file was closed.")
    two = one(found, "met twice")
    assert two.source.anonymous and two.source.count == 2
    ministry = one(found, "audit")
    assert ministry.source.anonymous and ministry.source.count is None
    assert ministry.source.affiliation == "the finance ministry"
    single = one(found, "file was closed")
    assert single.source.anonymous and single.source.count == 1


def test_a_lawyer_for_someone_speaks_on_their_behalf(find):
    a = one(find("Petar Dunn was not available. A lawyer for Dunn said his client had done nothing wrong."),
            "nothing wrong")
    assert a.source.on_behalf_of == "Petar Dunn" and a.source.entity is None


def test_through_her_spokeswoman(find):
    a = one(find("Ilse Kova was travelling. Kova said through her spokeswoman that the meeting never happened."),
            "never happened")
    assert a.source.on_behalf_of == "Ilse Kova"


def test_according_to_an_outlet(find):
    a = one(find("According to the Daily Herald, the contract was signed in February."), "contract")
    assert a.cue == "According to" and a.source.kind == "outlet"
    assert a.content.startswith("the contract was signed")


@pytest.mark.parametrize("text, inner_content", [
    ("The Daily Herald reported that officials said that the vote was delayed.", "the vote was delayed"),
    # the cue model, learned from PolNeAR (which seldom marks nesting), scores this inner "said" low
    ("The Daily Herald reported that officials said that the minister had met Dunn.", "the minister had met Dunn"),
])
def test_nested_reports_give_both_relations(find, text, inner_content):
    found = find(text)
    outer = one(found, "officials said")
    inner = [a for a in found if a.content == inner_content]
    assert inner and inner[0].source.anonymous
    assert outer.source.kind == "outlet"
    assert outer.content_start <= inner[0].content_start and inner[0].content_end <= outer.content_end


def test_a_pronoun_source_goes_to_the_person_of_the_right_gender(find):
    found = find("Ms. Ilse Kova met Mr. Petar Dunn in March. Dunn paid for dinner. "
                 "The meeting took place on March 4, she said.")
    a = one(found, "took place")
    assert a.source.entity == "Ilse Kova"


def test_a_speech_verb_inside_a_quote_is_not_a_new_attribution(find):
    found = find('"He told me the deal was done," Kova said.')
    assert [a.cue for a in found] == ["said"]


def test_no_attribution_in_plain_narration(find):
    assert find("The harbour contract was signed in February and the ships arrived in March.") == []


def test_cues_learned_from_polnear_train_are_shipped_and_used(find):
    from storyline.analyse.attributions import learned_cues
    cues = learned_cues()
    assert cues.get("say", 0) > 0.5 and cues.get("decry", 0) > 0.5
    a = one(find("Senator Ilse Kova decried the harbour contract."), "harbour contract")
    assert a.cue == "decried" and a.kind == "stance" and a.source.entity == "Ilse Kova"


def test_a_role_named_beside_it_is_its_holder_speaking_for_the_owner(find):
    a = one(find("Ilse Kova was travelling. Her spokeswoman, Ana Brel, said the minister meets many people."),
            "meets many")
    assert a.source.on_behalf_of == "Ilse Kova"
    assert a.source.entity is not None and "Brel" in a.source.entity


def test_one_of_a_group_is_an_anonymous_source_of_one(find):
    a = one(find("Three officials described the dinner. One of them said Dunn had asked for the meeting."),
            "Dunn had asked")
    assert a.source.anonymous and a.source.count == 1


def test_a_subject_the_parser_splits_stays_one_source(find):
    a = one(find("A lawyer for the lobbyist Petar Dunn said his client had broken no rules."), "his client")
    assert a.source.text == "A lawyer for the lobbyist Petar Dunn" and a.source.on_behalf_of == "Petar Dunn"


def test_verbs_the_cue_model_knows_attribute_quotes(find):
    a = one(find('"Do you know what the platform of the party is?" Graham asked.'), "platform")
    assert a.cue == "asked" and a.source.text == "Graham" and a.quote == "direct"


def test_a_source_keeps_its_relative_clause(find):
    a = one(find("Schiff, who has served on the committee for a decade, told reporters the hack was serious."),
            "hack was serious")
    assert a.source.text == "Schiff, who has served on the committee for a decade"


def test_part_of_a_group_keeps_the_group(find):
    found = find("Five current and former diplomats said the talks had failed. "
                 "Two of those diplomats said the minister walked out.")
    group, part = one(found, "talks had failed"), one(found, "walked out")
    assert (group.source.count, part.source.count) == (5, 2)
    assert part.source.group == "Five current and former diplomats" and group.source.group is None


def test_a_document_speaks_whoever_issued_it(find):
    a = one(find("Greyline donated money last month, according to filings published by the electoral commission."),
            "donated")
    assert a.source.kind == "document"


def test_a_surname_used_again_is_the_person_named_before(find):
    a = one(find('Opposition leader Victor Hale called on Kova to resign. "She denied it to the public\'s face," '
                 'Hale said.'), "public")
    assert a.source.entity == "Victor Hale"


def test_a_quotation_signed_after_a_dash(find):
    a = one(find("Readers wrote to us.\n\u201dHe represents our greatest shame.\u201d \u2015 Sonya Herridge\n"
                 "\u201cThe next one.\u201d \u2015 Pamela Padilla\n"), "greatest shame")
    assert a.cue == "\u2015" and a.source.text == "Sonya Herridge" and a.quote == "direct"


def test_a_relative_clause_speaker_is_the_noun_without_who(find):
    a = one(find("Ilse Kova, who denied on Tuesday that any meeting took place, did not respond."), "meeting")
    assert a.source.text == "Ilse Kova"


def test_a_cue_takes_in_its_auxiliary_and_adverb_as_the_extent_model_learned(find):
    from storyline.analyse import cue_model
    assert cue_model.load()["extent_weights"], "the extent model ships in models/cue_model.json.gz"
    a = one(find("Senator Ilse Kova has sharply criticized the harbour contract."), "harbour contract")
    assert a.cue == "has sharply criticized" and a.source.text == "Senator Ilse Kova"


def test_grow_extent_walks_out_from_the_head_and_stops_at_the_first_child_left_out(nlp):
    from storyline.analyse.cue_model import grow_extent
    doc = nlp("Kova has sharply criticized the contract in a statement.")
    head = next(t for t in doc if t.text == "criticized")
    taken = {"has": "word", "sharply": "word", "the": "out", "contract": "out", "in": "phrase"}

    def decide(child, side, word, phrase):
        return taken.get(child.text, "out")
    lo, hi = grow_extent(head, decide)
    assert doc[lo:hi + 1].text == "has sharply criticized"  # "contract" is out, so "in" is never reached

    def everything(child, side, word, phrase):
        return "phrase"
    lo, hi = grow_extent(head, everything)
    assert doc[lo].text == "Kova" and doc[hi].text in {"statement", "."}


def test_a_colon_after_a_cue_introduces_the_rest_of_the_paragraph(find, nlp):
    a = one(find("The governor added:\nThe harbour deal was a disgrace from the first day.\n"), "disgrace")
    assert a.cue == "added:" and a.source.text == "The governor"
    assert a.content == "The harbour deal was a disgrace from the first day"
    # a verb that is not a speech verb gets there when the cue model takes it ("continued" scores
    # about at its threshold); the rule itself, given the verb:
    from storyline.analyse.attributions.model import _introduced
    doc = nlp("The governor continued:\nThe harbour deal was a disgrace from the first day.\n")
    b = _introduced(doc, doc[2], [])
    assert (b.cue, b.source.text, b.content) == ("continued:", "The governor",
                                                 "The harbour deal was a disgrace from the first day")


def test_a_source_keeps_the_stop_of_its_abbreviation(find):
    a = one(find("Chief Justice John G. Roberts Jr. said the court would rule soon."), "rule soon")
    assert a.source.text == "Chief Justice John G. Roberts Jr."


def test_a_verb_joined_to_another_speaks_for_the_first_ones_subject(find):
    a = one(find("Hale met reporters on Monday, accusing Kova of hiding the dinner."), "hiding")
    assert a.source is not None and a.source.text == "Hale"


def test_as_earlier_reported_has_no_source_from_the_main_clause(find):
    found = find("The dinner between Ilse Kova and Petar Dunn took place on March 6, not on March 4 "
                 "as earlier reported.")
    for a in found:
        if "reported" in a.cue:
            assert a.source is None or "dinner" not in a.source.text


def test_a_source_is_never_a_piece_of_the_quotation_it_speaks(find):
    a = one(find('"Hillary Clinton is in panic mode. Full panic mode," said Leslie Wimes, a Florida activist.'),
            "panic")
    assert a.quote == "direct" and a.source.text == "Leslie Wimes, a Florida activist"


def test_by_saying_speaks_for_the_subject_of_the_verb_it_hangs_on(find):
    a = one(find("Obama responded to a Gold Star mother on Wednesday by saying his words were chosen carefully."),
            "chosen carefully")
    assert a.cue == "saying" and a.source is not None and a.source.text == "Obama"


def test_a_sure_cue_without_a_counted_path_still_gets_its_content(find):
    a = one(find("The Democratic nominee has been endorsed by dozens of newspapers across the country."), "nominee")
    assert "endorsed" in a.cue and a.source.text == "dozens of newspapers across the country"


def test_a_cue_with_nothing_after_it_takes_the_sentence_before_up_to_its_subject(nlp):
    # what fallback gives a cue the model is sure of (whether "learned" is sure enough is the model's call)
    from storyline.analyse.attributions.model import fallback
    doc = nlp("The minister kept the details of the contract under wraps, the Coastline Times has learned.")
    a = fallback(doc, next(t for t in doc if t.text == "learned"), [], mentions(doc, 0, []))
    assert (a.cue, a.content, a.source.text) == (
        "learned", "The minister kept the details of the contract under wraps", "the Coastline Times")


def test_a_source_keeps_a_stop_before_its_comma_and_loses_the_dateline(find):
    a = one(find("Senate Majority Leader Mitch McConnell, R-Ky., said the bill would pass."), "bill would pass")
    assert a.source.text == "Senate Majority Leader Mitch McConnell, R-Ky."
    a = one(find("WASHINGTON -- President Obama said on Friday that the bill would pass."), "bill would pass")
    assert a.source.text == "President Obama"


def test_an_abbreviated_title_ends_no_sentence(find, nlp):
    """"Insp." and "Sgt." before a name are titles: the parse once ended the sentence there and
    gave the claim to "Stewart Taylor" alone, apart from the body he speaks for."""
    text = "The dog was found in a field. Scottish SPCA Insp. Stewart Taylor said the dog was microchipped."
    assert [s.text for s in nlp(text).sents][1].startswith("Scottish SPCA Insp. Stewart Taylor")
    a = one(find(text), "dog was microchipped")
    assert "Insp. Stewart Taylor" in a.source.text
    assert len(list(nlp("Det. Sgt. John Smith of Cumbria Police said it was odd.").sents)) == 1


def test_a_title_case_headline_is_read_again_lowercased(find):
    found = find("Railing Against Trump, Sanders Vows To Eliminate Tax Breaks Used By Real Estate Developers.\n"
                 "The senator spoke on Monday.\n")
    a = one(found, "Eliminate Tax Breaks")
    assert a.cue == "Vows" and a.source.text == "Sanders"


@pytest.mark.parametrize("text, expected", [
    # the closing mark left off at a paragraph's end, the quotation reopened in the next: both
    # parts are quotations, and no later one is turned inside out
    ('"We will fight.\n\n"We will win," Kova said.\n\nDunn said "no deal" was made.',
     ["We will fight.", "We will win,", "no deal"]),
    # three apostrophes: a single quote closing inside a '' quotation
    ("''They said 'never again,''' Kova wrote.\n\nDunn said ''nothing at all'' then.",
     ["They said 'never again,'", "nothing at all"]),
    ('"Yes," she said.', []),  # one word: not a quotation
    ("It was 6' tall, the 12\" kind.", []),
])
def test_straight_quote_marks_pair_by_the_way_they_face(text, expected):
    from storyline.analyse.attributions.quotes import quote_spans
    assert [text[s:e] for s, e in quote_spans(text)] == expected


@pytest.mark.parametrize("text, cue, source, content", [
    # an impression of the writer's: no source, the subject is part of what is said
    ("The senator seemed to lose his temper during the debate.", "seemed", None,
     "The senator seemed to lose his temper during the debate"),
    ("It seems the port will close next year.", "seems", None, "the port will close next year"),
    ("The mayor sounded confident about the port.", "sounded", None, "The mayor sounded confident about the port"),
    # the one asked answers; who asked is not named
    ("Asked whether she would run again, Kova said she had not decided.", "Asked", None,
     "whether she would run again"),
    ("Kova was asked about the contract on Tuesday.", "was asked about", None, "the contract"),
    ("Dunn asked whether the port would close.", "asked", "Dunn", "whether the port would close"),
])
def test_cues_whose_subject_does_not_speak(find, text, cue, source, content):
    a = by_cue(find(text), cue)
    assert (a.source.text if a.source else None, a.content) == (source, content)


@pytest.mark.parametrize("text", ["The bridge appeared on the map in 1850.", "It seemed late."])
def test_seeming_without_a_claim_is_no_attribution(find, text):
    assert find(text) == []


@pytest.mark.parametrize("text, expected", [
    ("Ilse Kova: Harbour Deal Was A Mistake\n\nThe mayor spoke.", [(":", "Ilse Kova", "Harbour Deal Was A Mistake")]),
    ("The Latest: Kova to visit the harbour on Monday.\n\nThe mayor spoke.", []),
    ("BREAKING: Kova Resigns Over Harbour Deal\n\nThe mayor spoke.", []),
    ("Ilse Kova: 1,769.\n\nThe mayor spoke.", []),
])
def test_a_headline_colon_after_a_label_is_no_attribution(find, text, expected):
    assert [(a.cue, a.source.text, a.content) for a in find(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("In a new Herald poll released Thursday, Kova leads Dunn by nine points among men.",
     [("In", "a new Herald poll released Thursday", "Kova leads Dunn by nine points among men")]),
    ("But in Kova's mind, the election was lost from the start.",
     [("in", "Kova's mind", "the election was lost from the start")]),
    ("In the morning, the mayor opened the bridge.", []),
    ("Kova is leading Dunn in the latest poll by nine points.", []),
])
def test_in_a_poll_opening_a_sentence_holds_the_rest(find, text, expected):
    assert [(a.cue, a.source.text, a.content) for a in find(text)] == expected


@pytest.mark.parametrize("text, cue, source", [
    # a second participle speaks for the first one's speaker
    ("Romney attacked Trump for refusing to release his taxes, calling it disqualifying and asserting "
     "that the only explanation must be a bombshell.", "asserting", "Romney"),
    ("Asked by the host whether he would run, Dunn said he had not decided.", "Asked", "the host"),
    # a report the parse joins to the reported clause speaks for the reporter
    ("Dunn said the plan is fine and says he will vote for it.", "says", "Dunn"),
    ("Dunn said the plan is fine and Kova says she will vote for it.", "says", "Kova"),
    ("Ilse Kova said she admires the mayor and highlighted their shared plans for the port.", "highlighted",
     "Ilse Kova"),
    ("Dunn said Kova had lied about the port, calling her statement a disgrace.", "calling", "Dunn"),
    ("Mayor Ilse Kova is insisting that she has saved the port, claiming that she is responsible for the new jobs.",
     "claiming", "Mayor Ilse Kova"),
    # a verb with no subject of its own speaks for whoever the clauses it hangs on say
    ("Kova has sought to calm the markets, praising the bank and suggesting that rates would fall.",
     "suggesting", "Kova"),
    # ... also when the parse joins it to a word that is not a verb
    ('He called it "shameful" and called on leaders not to feed that dark impulse.', "called on", "He"),
    ("Kova is keeping a lid on the strike -- by touting her record upstate and pounding him on the port issue.",
     "pounding", "Kova"),
    # a main verb the parse leaves without a subject takes the name just before it
    ('"Besides that, not a single accomplishment," Bozell answers.', "answers", "Bozell"),
])
def test_a_verb_without_a_subject_of_its_own_speaks_for_the_right_one(find, text, cue, source):
    a = by_cue(find(text), cue)
    assert a.source is not None and a.source.text == source


def test_the_first_of_two_joined_participles_speaks_for_the_controller_too(nlp):
    # whether "praising" is a cue is the learned model's call; who would speak it is the rule's
    from storyline.analyse.attributions.sources import source_of
    doc = nlp("Kova has sought to calm the markets, praising the bank and suggesting that rates would fall.")
    praising = next(t for t in doc if t.text == "praising")
    assert source_of(doc, praising, []).text == "Kova"


@pytest.mark.parametrize("text, source", [
    ("Ilse Kova, speaking in Oslo, said the plan would fail.", "Ilse Kova"),
    ("Petar Dunn in a long post wrote that the plan would fail.", "Petar Dunn"),
    ("The port authority on Monday said the plan would fail.", "The port authority"),
    ("Petar Dunn, a lawyer in Oslo, said the plan would fail.", "Petar Dunn, a lawyer in Oslo"),
    # a date or an occasion after "of" or "from" says what the source is
    ("Another Herald study from 2011 found that the plan would fail.", "Another Herald study from 2011"),
    ("The Harbour Act of 2009 says that the plan would fail.", "The Harbour Act of 2009"),
    # "Both" stays with the pair it joins; "Even" goes
    ("Both Kova and Dunn said the plan would fail.", "Both Kova and Dunn"),
    ("Even Kova said the plan would fail.", "Kova"),
    # a quantifier floating after the pair is left out
    ("Kova and Dunn both said the plan would fail.", "Kova and Dunn"),
    # a dateline with a date or an agency is not part of the speaker
    ("OSLO, May 4 (Reuters) -- Ilse Kova said the plan would fail.", "Ilse Kova"),
    ("OSLO (AP) -- Ilse Kova said the plan would fail.", "Ilse Kova"),
    ("New York (AFP) -- Ilse Kova said the plan would fail.", "Ilse Kova"),
    # nor the source's own verb that the parse hung on a noun of its description
    ("Attorney General Roy Cooper (D), McCrory's opponent in the upcoming gubernatorial election, called Friday "
     "for releasing the police videos, as well, saying that the plan would fail.",
     "Attorney General Roy Cooper (D), McCrory's opponent in the upcoming gubernatorial election"),
])
def test_a_source_leaves_out_how_and_when_it_spoke(find, text, source):
    a = one(find(text), "plan would fail")
    assert a.source.text == source


@pytest.mark.parametrize("text, expected", [
    ('Kova on "Morning Harbour" suggested that the deal could fail.', ["the deal could fail"]),
    ('"We will win," Kova said, adding that the deal could fail.', ["We will win", "the deal could fail"]),
])
def test_a_quoted_name_before_a_report_is_not_what_was_said(find, text, expected):
    assert [a.content for a in find(text)] == expected


@pytest.mark.parametrize("text, source", [
    ("The port closed, according to former Sen. Ana Brel, R-Mass.\n\nThe mayor spoke.", "former Sen. Ana Brel, R-Mass"),
    ("According to the Daily Herald, the port closed.", "the Daily Herald"),
])
def test_according_to_keeps_no_trailing_stop_or_space_in_its_source(find, text, source):
    a = next(a for a in find(text) if a.cue.lower() == "according to")
    assert a.source.text == source


@pytest.mark.parametrize("text, cue, content", [
    ("Mayor Ana Brel expressed concern about the cost of the new bridge.", "expressed concern about",
     "the cost of the new bridge"),
    ("Senator Oren Vale is calling for an inquiry into the port contract.", "is calling for",
     "an inquiry into the port contract"),
    ("Residents are split on whether the bridge should be built.", "are split on",
     "whether the bridge should be built"),
    ("Ilse Kova told reporters that the talks had failed.", "told", "the talks had failed"),  # whom she told
])
def test_a_cue_runs_on_to_where_its_content_begins(find, text, cue, content):
    a = one(find(text), content)
    assert (a.cue, a.content) == (cue, content)


@pytest.mark.parametrize("text, cue, source", [
    # the subject of a passive with no agent is spoken of, not speaking
    ("Dunn has been criticized for the delay at the port.", "has been criticized for", None),
    ("Kova was told that the port would close.", "was told", None),
    # a passive with no subject of its own does not borrow one as its source
    ("Kova is scheduled to speak on Monday but is not expected to mention the port.", "is not expected", None),
    # "he's said" parses as a passive; it is not one
    ("He's said the port would close.", "'s said", "He"),
])
def test_a_passive_subject_without_an_agent_is_no_source(find, text, cue, source):
    a = by_cue(find(text), cue)
    assert (a.source.text if a.source else None) == source


@pytest.mark.parametrize("text, source", [
    # a relative clause between a person named before and the verb is an aside
    ("Ilse Kova opened the bridge. Kova, who chairs the board, said the plan would fail.", "Kova"),
    # on a first mention it says who the speaker is
    ("Petar Dunn, who chairs the board, said the plan would fail.", "Petar Dunn, who chairs the board"),
    # beside an appositive, or after the verb, it stays
    ("Ilse Kova opened the bridge. Kova, a lawyer, who chairs the board, said the plan would fail.",
     "Kova, a lawyer, who chairs the board"),
    ('Ilse Kova opened the bridge. "The plan would fail," said Kova, who chairs the board.',
     "Kova, who chairs the board"),
])
def test_a_relative_clause_on_a_speaker_named_before_is_left_out(find, text, source):
    a = one(find(text), "plan would fail")
    assert a.source.text == source


def test_a_source_stays_on_the_line_of_its_head(nlp):
    """A headline without a stop that the parse runs into the first sentence lends the source
    none of its words."""
    from spacy.tokens import Doc

    from storyline.analyse.attributions.sources import source_at
    words = ["Harbour", "Contract", "\n", "Ilse", "Kova", "has", "promised", "that", "it", "works", "."]
    spaces = [True, False, False, True, True, True, True, True, True, False, False]
    heads = [4, 4, 1, 4, 4, 6, 6, 9, 9, 6, 6]
    deps = ["compound", "compound", "dep", "compound", "nsubj", "aux", "ROOT", "mark", "nsubj", "ccomp", "punct"]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps)
    assert source_at(doc, doc[4], doc[6], []).text == "Ilse Kova"


def test_according_to_before_a_quotation_is_one_relation_with_its_source(find):
    found = find('According to the Daily Herald, "the port will close before the winter comes."')
    assert [(a.cue, a.source.text if a.source else None) for a in found] == [("According to", "the Daily Herald")]


def test_a_dateline_the_parse_made_the_subject_gives_way_to_the_name_after_it(nlp):
    from spacy.tokens import Doc

    from storyline.analyse.attributions.sources import source_at
    words = ["MYRTLE", "BEACH", ",", "S.C.", "-", "Sen.", "Ilse", "Kova", "continued", "her", "attack", "."]
    spaces = [True, False, True, True, True, True, True, True, True, True, False, False]
    heads = [1, 8, 1, 7, 7, 7, 7, 8, 8, 10, 8, 8]
    deps = ["compound", "nsubj", "punct", "compound", "punct", "compound", "compound", "nsubj", "ROOT", "poss",
            "dobj", "punct"]
    pos = ["PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PROPN", "PROPN", "VERB", "PRON", "NOUN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos)
    assert source_at(doc, doc[1], doc[8], []).text == "Sen. Ilse Kova"


@pytest.mark.parametrize("text, heads, deps, expected", [
    # one subject the parse split in two
    ("Harbour News ' Ilse Kova noticed the gap .", [1, 5, 1, 4, 5, 5, 7, 5, 5],
     ["compound", "nsubj", "case", "compound", "nsubj", "ROOT", "det", "dobj", "punct"], "Harbour News ' Ilse Kova"),
    # a relative pronoun the parse made a second subject: the other one speaks
    ("the files , which she said were lost .", [1, 1, 1, 5, 5, 1, 7, 5, 1],
     ["det", "ROOT", "punct", "nsubj", "nsubj", "relcl", "auxpass", "ccomp", "punct"], "she"),
])
def test_a_subject_split_in_two_by_the_parse(nlp, text, heads, deps, expected):
    from spacy.tokens import Doc

    from storyline.analyse.attributions.sources import source_at
    words = text.split()
    tags = ["WDT" if w == "which" else "NN" for w in words]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)
    verb = next(t for t in doc if t.text in {"noticed", "said"})
    subject = next(t for t in verb.children if t.dep_ == "nsubj")
    assert source_at(doc, subject, verb, []).text == expected


@pytest.mark.parametrize("text, source, content", [
    # a verb of feeling: who feels speaks, what caused it is the content
    ("The harbour report rattled Dunn.", "Dunn", "The harbour report"),
    ("Kova's plan to close the port has alarmed her supporters.", "her supporters", "Kova's plan to close the port"),
    ("Port officials were angered by the deal.", "Port officials", "the deal"),
])
def test_the_one_who_feels_is_the_source(find, text, source, content):
    a = find(text)[0]
    assert (a.source.text, a.content) == (source, content)


@pytest.mark.parametrize("text, cue, content, source", [
    ("Dock workers in Malmo are eager to strike.", "are eager", "to strike", "Dock workers in Malmo"),
    ("And Dunn called Kova a careful minister.", "called", "Kova a careful minister", "Dunn"),
    ("The mayor was eager to strike.", "was eager", "to strike", None),  # a common noun is left to the parse
])
def test_a_cue_left_without_a_source_takes_the_name_just_before_it(nlp, text, cue, content, source):
    from storyline.analyse.attributions.revise import _adjacent_speaker
    from storyline.records import Attribution
    doc = nlp(text)
    c, k = text.index(cue), text.index(content)
    a = Attribution(c, c + len(cue), k, k + len(content), None, "indirect", cue, content)
    found = _adjacent_speaker(doc, a, mentions(doc, 0, []))
    assert (found.source.text if found.source else None) == source


@pytest.mark.parametrize("text, cue, source, content", [
    # a quoted title inside the speaker's description is not a quotation of its own
    ('Petar Dunn, host of "Harbour Hour," said the port would reopen in May.',
     "said", 'Petar Dunn, host of "Harbour Hour,"', "the port would reopen in May"),
    ("Ilse Kova, the author of \u201cSalt Roads,\u201d about the old harbour, told reporters the plan had failed.",
     "told", "Ilse Kova, the author of \u201cSalt Roads,\u201d about the old harbour", "the plan had failed"),
])
def test_a_title_in_the_speakers_description_stays_in_the_source(find, text, cue, source, content):
    found = find(text)
    assert [a.cue for a in found] == [cue]
    assert (found[0].source.text, found[0].content) == (source, content)


def test_a_speaker_after_the_quote_speaks_whatever_label_the_parse_gives(find):
    # the parse makes "worker" the object of "added"
    a = by_cue(find('"The port stays shut until May," added another Malmo dock worker.'), "added")
    assert a.source.text == "another Malmo dock worker" and a.quote == "direct"


@pytest.mark.parametrize("text", [
    '"We will not close the port," Kova said. "The workers have our word.\n\n'
    '"And we will keep it, whatever the ministry decides."',
    'Kova said: "The workers have our word.\n\n"And we will keep it, whatever the ministry decides."',
])
def test_a_quotation_left_open_at_a_paragraphs_end_runs_on_into_the_next(find, text):
    found = find(text)
    part = one(found, "we will keep it")
    assert part.quote == "direct" and part.source.text == "Kova"
    assert part.content == "And we will keep it, whatever the ministry decides"
    first = one(found, "The workers have our word")
    assert first.quote == "direct" and first.source.text == "Kova" and first.content == "The workers have our word"


def test_a_closed_quotation_does_not_lend_its_speaker_to_the_next_paragraph(find):
    found = find('"The port stays open," Kova said.\n\n"The workers were never told," Dunn replied.')
    assert one(found, "never told").source.text == "Dunn"
    assert [a.source.text for a in found if "never told" in a.content] == ["Dunn"]


def test_a_spokeswoman_named_beside_the_subject_speaks_for_it(find):
    a = by_cue(find("Kova, through her spokeswoman, denied that she had met Dunn."), "denied")
    assert a.source.text == "her spokeswoman" and a.source.on_behalf_of == "Kova"


def test_an_account_named_by_its_owner_is_an_attribution(find):
    a = by_cue(find("By Ilse Kova's account, the meeting lasted an hour."), "account")
    assert (a.source.text, a.source.entity, a.content) == ("Ilse Kova", "Ilse Kova", "the meeting lasted an hour")
    assert not find("The port was closed by the ministry on Tuesday.")


@pytest.mark.parametrize("text, field, expected", [
    # an affiliation keeps all its words
    ("Two senior State Department officials said the port would close.", "affiliation", "State Department"),
    ("A Malmo port authority official said the port would close.", "affiliation", "Malmo port authority"),
    ("Two current and former Swedish diplomats said the port would close.", "affiliation", "Swedish"),
    # a body named by a common noun is an organisation
    ("The ministry said in a statement that the port would close.", "kind", "organization"),
    ("The company denied that the port would close.", "kind", "organization"),
    ("The senator said that the port would close.", "kind", "person"),
    # an age or a "who" makes a name a person's (the small NER model reads "Kova" as an organisation)
    ("Kova, 54, told reporters that the port would close.", "kind", "person"),
    ("Kova, who has led the ministry since 2019, told reporters that the port would close.", "kind", "person"),
    ("Kova, which runs the port, said that it would close.", "kind", "organization"),
])
def test_what_a_source_record_says_of_its_source(find, text, field, expected):
    assert getattr(find(text)[0].source, field) == expected


@pytest.mark.parametrize("text", [
    "Maria Lopez, a spokeswoman for Ilse Kova, said the minister had left. The spokeswoman added that no deal was made.",
    "Ilse Kova spoke through her spokeswoman, Maria Lopez, who said the minister had left. "
    "The spokeswoman added that no deal was made.",
])
def test_the_spokeswoman_later_is_the_one_described_so_before(find, text):
    for a in find(text):
        assert (a.source.entity, a.source.on_behalf_of) == ("Maria Lopez", "Ilse Kova"), a.cue


def test_a_role_met_in_a_relative_clause_does_not_name_the_speaker(find):
    found = find("Petar Dunn, who met the minister, said no deal was made. The minister said the talks went well.")
    assert {a.source.text: a.source.entity for a in found} == {"Petar Dunn, who met the minister": "Petar Dunn",
                                                               "The minister": None}


def test_a_name_the_model_missed_is_not_the_name_in_its_appositive(find):
    # the small model finds no name in "Ana Brel"; the speaker is still not Kova
    a = by_cue(find("Ana Brel, a spokeswoman for Kova, said the minister had left."), "said")
    assert a.source.entity != "Kova" and a.source.on_behalf_of == "Kova"


def test_a_named_persons_who_has_said_is_kept(find):
    text = ("Her resignation is separate from the position of President Tomas Reyes, who has said he will wait "
            "for the prosecutors' findings before deciding on the future of Transport Minister Ilse Kova.")
    a = one(find(text), "he will wait")
    assert a.source.entity == "Tomas Reyes" and a.content.startswith("he will wait for the prosecutors' findings")


def test_a_short_sentence_after_a_closed_quotation_says_who_spoke_it(find):
    a = by_cue(find('"We will fight. We will win." Kova said on Tuesday.'), "said")
    assert (a.quote, a.source.text, a.content) == ("direct", "Kova", "We will fight. We will win")
    b = by_cue(find('"We will fight. We will win." Kova said the talks had failed.'), "said")
    assert (b.quote, b.content) == ("indirect", "the talks had failed")  # a report of its own


@pytest.mark.parametrize("dash", ["\u2014", "\u2015", "--"])
def test_a_content_that_opens_the_story_keeps_out_its_dateline(find, dash):
    text = f"PORTVALE, March 14 (Harbour Wire) {dash} The port will close on Friday, the ministry said."
    a = by_cue(find(text), "said")
    assert a.content == "The port will close on Friday"


@pytest.mark.parametrize("text, entity", [
    ("The Ministry of Coastal Defence rejected the harbour board's claim that smugglers had landed near the pier.",
     "Ministry of Coastal Defence"),
    # another body named just before is not the one whose name is the source
    ("Lopez met the Harbour Watch group on Monday. The Ministry of Coastal Defence strongly denied Lopez's claim "
     "that smugglers had landed near the pier.", "Ministry of Coastal Defence"),
])
def test_a_source_written_as_a_name_is_that_name(find, text, entity):
    a = one(find(text), "smugglers had landed")
    assert a.source.kind == "organization" and a.source.entity == entity


@pytest.mark.parametrize("text, entity, owner", [
    ("The harbour would stay shut, said Port Authority spokeswoman Marta Olin.", "Marta Olin", "Port Authority"),
    ("Marta Olin, a Port Authority spokeswoman, said the harbour would stay shut.", "Marta Olin", "Port Authority"),
    ("The harbour would stay shut, a Port Authority spokesman said in a statement.", None, "Port Authority"),
    ("The harbour would stay shut, the Port Authority's chief spokesman said.", None, "Port Authority"),
    ("The harbour would stay shut, Kova's lawyer Petar Dunn said.", "Petar Dunn", "Kova"),
    # an adviser named so gives views of his own; a nationality has no spokesman
    ("Former Kova adviser Petar Dunn said the harbour would stay shut.", "Petar Dunn", None),
    ("The harbour would stay shut, an Israeli military spokesman said.", None, None),
])
def test_a_role_after_a_name_speaks_for_that_name(find, text, entity, owner):
    a = one(find(text), "would stay shut")
    assert (a.source.entity, a.source.on_behalf_of) == (entity, owner)


def test_a_name_the_tagger_missed_is_no_description_of_another_body(nlp):
    text = ("Lopez met the Harbour Watch group on Monday. The Ministry of Coastal Defence strongly denied Lopez's "
            "claim that smugglers had landed near the pier.")
    doc = nlp(text)
    missed = [m for m in mentions(doc, 0, []) if m.text != "Ministry of Coastal Defence"]
    a = one(attributions(doc, missed), "smugglers had landed")
    assert a.source.text == "The Ministry of Coastal Defence" and a.source.entity is None


def test_a_quote_closing_on_a_comma_is_said_by_the_subject_after_it_whatever_the_verb(find):
    found = find("\u201cKeep your hands in sight,\u201d Blige sings to the crowd before leaving.")
    a = by_cue(found, "sings")
    assert a.quote == "direct" and a.kind == "speech" and a.content == "Keep your hands in sight"
    assert a.source.text == "Blige"


def test_naming_a_thing_is_a_claim_and_calling_for_one_a_stance(find):
    found = find("Kova called the harbour deal \u201ca disaster.\u201d Dunn called for a new vote.")
    assert by_cue(found, "called").kind == "speech"
    assert by_cue(found, "called for").kind == "stance"


def test_a_transcript_turn_is_the_words_of_the_person_its_label_names(find):
    text = ("The senator from the north, Anton Keller, spoke to the radio host on the morning show.\n\n"
            "HOST: Will the port open?\n\n"
            "KELLER: The port will open in May, and the fees will fall.\n\n"
            "UPDATE: The port opened.\n")
    found = find(text)
    turns = [a for a in found if a.cue == ":" and a.kind == "speech"]
    assert [(a.source.text, a.source.entity, a.quote) for a in turns] == [("KELLER", "Anton Keller", "direct")]
    assert turns[0].content == "The port will open in May, and the fees will fall"


def test_the_judge_is_the_person_the_story_titles_justice(find):
    found = find("Supreme Court Justice Frank Nervo rejected the request on Thursday. "
                 "The judge agreed with the parties that there was no reason to intrude on their privacy.")
    assert by_cue(found, "agreed with").source.entity == "Frank Nervo"


def test_a_label_read_as_a_cue_does_not_say_its_own_name(find):
    found = find("The senator from the north, Anton Keller, spoke to the radio host on the morning show.\n\n"
                 "HOST: Will the port open?\n")
    assert not [a for a in found if a.source and a.source.start is not None
                and a.source.start <= a.content_start and a.content_end <= a.source.end]


def test_a_content_after_told_starts_past_the_one_told_and_when(find):
    found = find("Two lawmakers told BuzzFeed News Wednesday suspected terrorists have infiltrated the border "
                 "and as many as 10 fighters have been captured.")
    a = by_cue(found, "told")
    assert a.content.startswith("suspected terrorists") and "BuzzFeed" not in a.content
