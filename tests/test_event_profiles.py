"""What event coreference reads of an article, taken at analysis time (analyse/event_profiles.py)."""
import pytest
import spacy
from spacy.tokens import Doc

from storyline.analyse.event_profiles import profiles, stem
from storyline.records import profiles_from_json, profiles_json

# "Police arrested the mayor on Monday. The arrest of the mayor shocked Chicago."
WORDS = ["Police", "arrested", "the", "mayor", "on", "Monday", ".",
         "The", "arrest", "of", "the", "mayor", "shocked", "Chicago", "."]
HEADS = [1, 1, 3, 1, 1, 4, 1,
         8, 12, 8, 11, 9, 12, 12, 12]
DEPS = ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct",
        "det", "nsubj", "prep", "det", "pobj", "ROOT", "dobj", "punct"]
POS = ["NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT",
       "DET", "NOUN", "ADP", "DET", "NOUN", "VERB", "PROPN", "PUNCT"]
LEMMAS = ["police", "arrest", "the", "mayor", "on", "Monday", ".",
          "the", "arrest", "of", "the", "mayor", "shock", "Chicago", "."]
ENTS = ["O", "O", "O", "O", "O", "B-DATE", "O", "O", "O", "O", "O", "O", "O", "B-GPE", "O"]


@pytest.fixture(scope="module")
def doc():
    return Doc(spacy.blank("en").vocab, words=WORDS, spaces=[True, True, True, True, True, False, True] + [True] * 6 + [False, False],
               heads=HEADS, deps=DEPS, pos=POS, lemmas=LEMMAS, ents=ENTS)


def _span(doc, word, nth=0):
    tok = [t for t in doc if t.text == word][nth]
    return tok.idx, tok.idx + len(tok.text)


def test_a_verb_mention_reads_its_arguments_context_and_entities(doc):
    [p], _ = profiles(doc, [_span(doc, "arrested")])
    assert (p.sentence, p.lemma, p.stem, p.text, p.pos) == (0, "arrest", "arrest", "arrested", "VERB")
    assert p.args == ("mayor", "monday", "polic")        # subject, object, and "on Monday"
    assert p.context == ("mayor", "polic")                # content words within three tokens
    assert p.linked == ("TIM:monday",)                    # governed through "on"
    assert p.nearest == (("TIM", "monday"),)


def test_a_noun_mention_takes_its_of_phrase_and_its_own_sentence(doc):
    [p], d = profiles(doc, [_span(doc, "arrest")])
    assert (p.sentence, p.pos, p.args) == (1, "NOUN", ("mayor",))
    assert p.linked == () and p.nearest == (("LOC", "chicago"),)  # Chicago is the object of "shocked"
    s = d.sentences[1]
    assert s.words == ("arrest", "chicago", "mayor", "shock") and s.names == ("chicago",)
    assert s.places == ("chicago",) and s.entities == ("LOC:chicago",) and s.times == ()
    assert doc.text[s.start:s.end] == "The arrest of the mayor shocked Chicago."
    assert 0 not in d.sentences  # only the sentences that hold a mention are kept


def test_the_document_profile_counts_words_and_collects_facts(doc):
    _, d = profiles(doc, [])
    assert d.words == {"police": 1, "arrest": 2, "mayor": 2, "monday": 1, "shock": 1, "chicago": 1}
    assert d.names == {"monday": 1, "chicago": 1}
    assert d.weekdays == ("monday",) and d.places == ("chicago",) and d.months == () and d.numbers == ()
    assert d.sentences == {}


def test_a_span_is_read_from_its_first_to_its_last_token(doc):
    start, _ = _span(doc, "the", 1)
    _, end = _span(doc, "mayor", 1)
    [p], _ = profiles(doc, [(start, end)])  # "the mayor": its head is "mayor"
    assert p.lemma == "mayor" and p.words == ("mayor", "the")
    [q], _ = profiles(doc, [(start + 1, start + 2)])  # inside a word: that word
    assert q.text == "the"


@pytest.mark.parametrize("word, expected", [("shooting", "shoot"), ("arrested", "arrest"), ("Oscars", "oscar"),
                                            ("kill", "kill"), ("is", "is")])
def test_stem(word, expected):
    assert stem(word) == expected


def test_profiles_round_trip_through_the_store_format(doc):
    events, d = profiles(doc, [_span(doc, "arrested"), _span(doc, "arrest")])
    text = profiles_json(d, events)
    assert profiles_from_json(text) == (d, events)
    assert len(text) < 1000  # small: an article may hold dozens of events


def test_analysis_profiles_every_event_it_finds(nlp):
    from storyline.analyse.core import analyse_doc
    from storyline.records import Article, article_id
    text = "Kova met Dunn on March 4. The meeting lasted an hour, and the council voted on Friday."
    analysis = analyse_doc(Article(article_id(text), "a.txt", text), nlp(text))
    assert analysis.events, "the lexicon finds events here; any event finder will"
    assert [(p.start, p.end) for p in analysis.event_profiles] == [(e.start, e.end) for e in analysis.events]
    assert set(analysis.document_profile.sentences) == {p.sentence for p in analysis.event_profiles}
