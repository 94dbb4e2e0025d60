"""The judge stage on real-news forms: the proposition index, the kinds of contradiction, the
article's own voice, stored judgments and the read model that shows them."""
import subprocess
import sys

import pytest

from storyline.judge.contradictions import find_contradictions, related_pairs
from storyline.judge.propositions import Index, names_clash, numbers_clash, proposition


def claim(i, text, polarity="positive", source="entity:1", doc="d1", said_on="2026-03-10", predicate=None,
          certainty="certain", anonymous=False, entities=None, quote="indirect", cue="said"):
    return {"id": i, "text": text, "polarity": polarity, "certainty": certainty, "said_on": said_on,
            "source_key": None if anonymous else source, "source_text": source, "doc": doc, "start": 0,
            "end": len(text), "predicate": predicate, "quote": quote, "cue": cue, "entities": entities,
            "source": {"text": source, "anonymous": anonymous, "entity": None}}


def _outlets(*names):
    """Documents a1, a2, ... of these outlets, a day apart."""
    return [{"id": f"a{i}", "name": f"a{i}.txt", "outlet": o, "url": None, "published": f"2026-03-0{i}"}
            for i, o in enumerate(names, 1)]


def _named(c, entity, kind="person"):
    """The claim with its source named as that entity."""
    c["source"] = {"text": c["source_text"], "anonymous": False, "entity": entity, "kind": kind}
    return c


@pytest.mark.parametrize("a, b, clash", [
    ({"PERSON": {1}}, {"PERSON": {1, 2}}, False),
    ({"ORG": {7}}, {"ORG": {8}}, True),                 # GM's loss is not Ford's
    ({"PERSON": {1}}, {"GPE": {4}}, False),             # different kinds of name: nothing to compare
    ({}, {"PERSON": {1}}, False),
])
def test_names_clash_by_kind_of_entity(a, b, clash):
    assert names_clash(proposition("x", a), proposition("y", b)) is clash


@pytest.mark.parametrize("a, b, expected", [
    ("the quake killed 11 people", "the quake killed 16 people", [("peopl", 11.0, 16.0)]),  # stems
    ("four alleged terror suspects were held", "10 terror suspects were held",  # every word counted
     [("suspect", 4.0, 10.0), ("terror", 4.0, 10.0)]),
    ("the quake killed 11 people", "the quake killed eleven people", []),
    ("six shots followed by four more shots", "ten shots", []),  # two counts of shots: no count to compare
    ("the army sent 300 soldiers", "the army lost 5 tanks", []),
])
def test_numbers_clash(a, b, expected):
    assert sorted(numbers_clash(proposition(a), proposition(b))) == expected


def test_the_index_pairs_claims_that_share_rare_words_only():
    claims = [claim(1, "the minister met the lobbyist Petar Dunn at the Lantern Room"),
              claim(2, "Petar Dunn never met the minister at the Lantern Room", doc="d2"),
              claim(3, "the weather in the northern provinces stayed dry", doc="d3"),
              claim(4, "the harbour council approved the port contract", doc="d4")]
    i, j, overlap, cover = Index(claims).pairs()
    assert list(zip(i.tolist(), j.tolist())) == [(0, 1)] and overlap[0] > 0.5 and cover[0] > 0.3


def test_counts_that_differ_are_a_contradiction_of_their_own():
    claims = [claim(1, "the earthquake in Nepal killed 11 people in the capital", source="entity:1",
                    predicate="kill", entities={"GPE": {5}}),
              claim(2, "the earthquake in Nepal killed 16 people in the capital", source="entity:2", doc="d2",
                    predicate="kill", entities={"GPE": {5}})]
    (found,) = find_contradictions(claims, [])
    assert found.kind == "number" and found.decided_by == "rule:number" and "11" in found.explanation


def test_about_different_actors_no_contradiction():
    claims = [claim(1, "the company lost two billion dollars in the third quarter of the year",
                    predicate="lose", entities={"ORG": {7}}),
              claim(2, "the company never lost two billion dollars in the third quarter", polarity="negative",
                    source="entity:3", doc="d2", predicate="lose", entities={"ORG": {8}})]
    assert find_contradictions(claims, []) == []


@pytest.mark.parametrize("text, certainty", [
    ("Kova and Dunn met at the Lantern Room on March 4", "probable"),  # "reportedly": nothing to deny
    ("whether Kova and Dunn met at the Lantern Room on March 4", "certain"),
])
def test_no_denial_of_what_was_not_asserted(text, certainty):
    claims = [claim(1, text, predicate="meet", certainty=certainty, entities={"PERSON": {1, 2}}),
              claim(2, "Kova and Dunn never met at the Lantern Room on March 4", polarity="negative",
                    source="entity:2", doc="d2", predicate="meet", entities={"PERSON": {1, 2}})]
    if certainty == "certain":
        claims[1]["text"] = "it was not clear whether Kova and Dunn met at the Lantern Room on March 4"
    assert [f for f in find_contradictions(claims, []) if f.kind == "polarity"] == []


def test_a_reported_dispute_keeps_its_evidence_in_one_article():
    """Two articles each report the rumour and the denial: the contradiction is between the
    sources, and its evidence is taken from one article, not set one article against the other."""
    rumour = "the Batmobile was stolen from the film set in Detroit"
    denial = "the Batmobile was never stolen from the film set in Detroit"
    ents = {"ORG": {3}}
    claims = [claim(1, rumour, source="a website", anonymous=True, doc="a", predicate="steal", entities=ents),
              claim(2, denial, polarity="negative", source="entity:9", doc="a", predicate="steal", entities=ents),
              claim(3, rumour, source="a website", anonymous=True, doc="b", predicate="steal", entities=ents),
              claim(4, denial, polarity="negative", source="entity:9", doc="b", predicate="steal", entities=ents)]
    (found,) = [f for f in find_contradictions(claims, []) if f.kind == "polarity"]
    docs = {c["id"]: c["doc"] for c in claims}
    assert len({docs[i] for i in found.claims}) == 1


def test_own_voice_lead_and_verdict(nlp):
    from storyline.analyse.own_voice import own_claims
    text = ("The state of North Dakota has named a new landfill after the president. The vote was 35-10.\n\n"
            "NOTE: We got taken on this one. It's a spoof and the website is a spoof website.")
    found = own_claims(nlp(text), [], 0, None, "2015-01-02")
    assert [(c.text.split()[1], c.polarity, c.predicate, c.quote) for c in found] == [
        ("state", "positive", "name", "none"), ("a", "negative", "debunk", "none")]
    assert found[1].cue == "spoof" and found[0].said_on == "2015-01-02" and found[0].source is None


def test_stored_judgments_keep_their_ids_and_read_without_the_analysis_stack(demo_db, tmp_path):
    import sqlite3

    import storyline
    from storyline.judge.run import run as judge
    db = tmp_path / "copy.db"
    src, dst = sqlite3.connect(demo_db[0]), sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()
    with storyline.open(db) as story:
        before = story.contradictions()
        assert before and all(x["decided_by"].startswith(("rule:", "model:")) and x["evidence"] for x in before)
        assert all(len(x["sides"]) == 2 and x["sides"][0] and x["sides"][1] for x in before)
        judge(story.store)
        assert [(x["id"], x["kind"]) for x in story.contradictions()] == [(x["id"], x["kind"]) for x in before]
        subset = story.claims(ids=story.contradicted_claims())
        full = {c["id"]: c for c in story.claims()}
        assert subset and all(c == full[c["id"]] for c in subset)
    code = ("import sys, storyline.cli as c; c.main(['claims', '--contradicted', '--db', sys.argv[1]]); "
            "c.main(['questions', '--db', sys.argv[1]]); c.main(['export', '--db', sys.argv[1], '--format', 'json', "
            "'-o', sys.argv[1] + '.json']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in {'spacy', 'thinc', 'onnxruntime'}))")
    out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("doc, outlet", [
    ({"outlet": "Daily Herald", "url": "https://example.org/x", "name": "x.txt"}, "Daily Herald"),
    ({"outlet": None, "url": "https://www.herald.example/2026/story", "name": "story.html"}, "herald.example"),
    ({"outlet": None, "url": None, "name": "loose-file.txt"}, "articles with no known outlet"),
])
def test_a_file_name_is_never_an_outlet(doc, outlet):
    from storyline.judge.corroboration import outlet_name
    assert outlet_name(doc) == outlet


def test_loose_files_are_not_independent_outlets():
    from storyline.judge.corroboration import corroboration
    docs = [{"id": d, "name": f"{d}.txt", "outlet": None, "url": None, "published": "2026-03-0" + d[-1]}
            for d in ("a1", "a2")]
    texts = {"a1": "The council approved the port contract on Monday after a long debate.",
             "a2": "After a long debate the council approved the port contract on Monday evening."}
    claims = [claim(1, "the council approved the port contract on Monday", doc="a1", source="", quote="none",
                    predicate="approve"),
              claim(2, "the council approved the port contract on Monday", doc="a2", source="", quote="none",
                    predicate="approve")]
    for c in claims:
        c["source"] = {"text": None, "anonymous": False, "entity": None, "kind": "document"}
    (cl,) = corroboration(claims, docs, texts, {})
    assert cl.independent_sources == 1 and cl.outlets == [] and not cl.corroborated


def test_one_article_setting_two_sources_on_one_event_in_other_words_reports_a_dispute():
    """"she is believed to have married him" against "she was not married to the leader": few words
    in common, but one article, one specific event, one person: the article reports a dispute. The
    same pair across two articles is not enough."""
    account = claim(1, "the child's mother is believed to have married al-Baghdadi six years ago for a period "
                       "of three months", source="entity:4", predicate="marry", entities={"PERSON": {2}})
    denial = claim(2, "she was not married to the Islamist leader", polarity="negative", source="entity:33",
                   predicate="married", entities={"PERSON": {2}})
    denial["start"], denial["end"] = 200, 200 + len(denial["text"])
    (found,) = find_contradictions([account, denial], [])
    assert found.kind == "polarity" and set(found.claims) == {1, 2}
    assert find_contradictions([account, dict(denial, doc="d2")], []) == []
    # a verb of saying is no specific event
    said = [dict(account, predicate="say"), dict(denial, predicate="say")]
    assert find_contradictions(said, []) == []


def test_one_passage_said_by_one_source_and_disputed_by_another_is_a_contradiction():
    said = claim(1, "the information was not classified at the time", polarity="negative", source="entity:1",
                 predicate="classify", cue="has said")
    disputed = claim(2, "the information was not classified at the time", source="anon:officials",
                     predicate="classify", cue="have disputed", anonymous=True)
    (found,) = find_contradictions([said, disputed], [])
    assert found.kind == "polarity"
    assert found.explanation.startswith("entity:1 said") and "anon:officials disputed it" in found.explanation


def test_polarities_that_differ_with_the_same_words_of_negation_are_no_dispute():
    """One sentence, its negation read in one article and missed in the other (the content's
    edges differ): nothing in the words or the cues says the sources disagree."""
    one = claim(1, "No one went to help the man because they could see he was hurt", polarity="negative",
                source="entity:1", predicate="go")
    other = claim(2, 'One local said, "No one went to help the man because they could see he was hurt',
                  source="entity:2", doc="d2", predicate="say")
    assert find_contradictions([one, other], []) == []
    # a verb of denial, or an answer ("Asked whether P, she said no": no negation in the words), still is
    denied = dict(one, text="anyone went to help the man because they could see he was hurt", cue="denied")
    assert [f.kind for f in find_contradictions([denied, dict(other, predicate="go")], [])] == ["polarity"]


@pytest.mark.parametrize("text, verdict", [
    ("It was published on Daily Buzz Live, a fake news website.", True),
    ("Thankfully it was all just a rumor, but the story gave the director a photo op.", True),
    ("The airline's fleet is made up of 13 aircraft, including three Airbus 319s.", False),
    ("The remarks caused a stir, and the archbishop held a press conference to calm the rumors.", False),
    ("Investigators said they will be able to verify or debunk the recording quickly.", False),
    ("The clip went viral amid rumors that the actor was involved in the fight.", False),
    ("There were even rumours the baby was another Jessica Smith.", False),
])
def test_a_verdict_calls_something_false_in_the_authors_voice(nlp, text, verdict):
    from storyline.analyse.own_voice import own_claims
    found = own_claims(nlp("The harbour council met on Tuesday to discuss the port. " + text), [], 0, None, None)
    assert any(c.predicate == "debunk" for c in found) is verdict


def test_an_article_that_quotes_a_story_and_calls_it_false_contradicts_the_article_telling_it():
    story = "Kurt Sutter has announced plans to turn the television series into a major motion picture"
    account = claim(1, story, source="entity:7", doc="a", predicate="announce")
    copy = claim(2, story, source="the original article", doc="b", predicate="announce")
    verdict = claim(3, "The piece was published on Empire News, a satirical news website", doc="b",
                    polarity="negative", predicate="debunk", quote="none", source="", cue="bogus")
    other = claim(4, "The harbour council met on Tuesday to discuss the port", doc="c", predicate="meet")
    (found,) = find_contradictions([account, copy, verdict, other], [])
    assert found.decided_by == "rule:debunked" and found.sides == ((1,), (3,))
    assert "calls it false" in found.explanation
    # an article that itself calls something false tells no account to set against it
    doubting = claim(5, "Some called the plan a hoax", doc="a", polarity="negative", predicate="debunk",
                     quote="none", source="", cue="hoax")
    assert find_contradictions([account, copy, verdict, doubting], []) == []
    # a verdict about something else (no word of the story, pointing at nothing) denies nothing here
    elsewhere = dict(verdict, text="Satirical websites are popular with teenagers in Europe")
    assert find_contradictions([account, copy, elsewhere, other], []) == []


def test_a_fact_checks_rating_makes_its_claim_the_articles_own_denial(nlp):
    from storyline.analyse.own_voice import own_claims
    text = ("Claim: Eleven passenger planes are missing from an airport in Libya.\n\nPROBABLY FALSE\n\n"
            "Origins: In early August some bloggers began to spread stories about the planes.\n")
    found = own_claims(nlp(text), [], 0, None, None)
    checked = [c for c in found if c.text.startswith("Eleven")]
    assert [(c.polarity, c.certainty, c.cue) for c in checked] == [("negative", "probable", "PROBABLY FALSE")]
    # a rating that decides nothing makes no claim of the article
    undecided = own_claims(nlp(text.replace("PROBABLY FALSE", "UNPROVEN")), [], 0, None, None)
    assert not [c for c in undecided if c.text.startswith("Eleven")]


def test_a_layouts_label_is_no_speaker(nlp):
    from storyline.analyse.attributions import attributions
    from storyline.analyse.mentions import mentions
    doc = nlp("Claim: Eleven passenger planes are missing from an airport in Libya.\n\n"
              "Origins: Bloggers began to spread stories about the planes.\n")
    assert [a.cue for a in attributions(doc, mentions(doc, 0, []))] == []


def test_a_lead_that_calls_the_story_false_is_a_verdict(nlp):
    from storyline.analyse.own_voice import own_claims
    (lead,) = own_claims(nlp("The story is false, and no turkey farm in Texas was quarantined last week."),
                         [], 0, None, None)
    assert (lead.predicate, lead.polarity, lead.cue) == ("debunk", "negative", "false")


def test_a_denial_paired_by_its_words_must_deny_what_the_account_says():
    """With a copula on either side the words decide, and the first word the denial's "not" governs
    must be in the account: the same appositive is not the same proposition."""
    account = claim(1, "the woman is Saja al-Dulaimi, an Iraqi national who traveled to Syria before arriving "
                       "in Lebanon", source="entity:1", predicate="be")
    denial = claim(2, "al-Dulaimi, an Iraqi national who traveled to Syria before arriving in Lebanon, is not "
                      "al-Baghdadi's wife", polarity="negative", source="entity:2", doc="d2", predicate="be")
    assert find_contradictions([account, denial], []) == []
    wife = dict(account, text="al-Dulaimi, an Iraqi national who traveled to Syria before arriving in Lebanon, "
                              "is al-Baghdadi's wife")
    assert [f.kind for f in find_contradictions([wife, denial], [])] == ["polarity"]


def test_one_word_in_common_is_no_proposition():
    talk = claim(1, "Talk about a story to make your skin crawl", source="entity:1", predicate="talk")
    never = claim(2, "she'd never talk to me", polarity="negative", source="entity:2", doc="d2", predicate="talk")
    assert find_contradictions([talk, never], []) == []
    # a word and the kind of event it names are one thing in common, not two
    from storyline.judge.corroboration import cluster_claims
    easy = claim(3, "You can call me Easy", predicate="call")
    then = claim(4, "Then she called me", doc="d2", predicate="call")
    assert sorted(len(g) for g in cluster_claims([easy, then])) == [1, 1]


def test_only_a_stated_clause_its_source_is_sure_of_corroborates():
    """Two named sources on one proposition corroborate it; "did not say if P" (unknown) and a
    content that only names a thing ("promised a thorough investigation") assert nothing."""
    from storyline.judge.corroboration import corroboration
    docs = _outlets("Daily Herald", "Evening Post")
    texts = {"a1": "Police said the gunman was shot dead by the sergeant-at-arms in the hall.",
             "a2": "The minister told reporters the gunman was shot dead by the sergeant-at-arms."}
    said = claim(1, "the gunman was shot dead by the sergeant-at-arms", doc="a1", source="entity:1",
                 predicate="shoot")
    told = claim(2, "the sergeant-at-arms shot the gunman dead", doc="a2", source="entity:2",
                 predicate="shoot")
    _named(said, 1), _named(told, 2)
    (cl,) = corroboration([said, told], docs, texts, {1: "Chief Ana Bell", 2: "Minister Tom Ode"})
    assert cl.corroborated and cl.independent_sources == 2
    for other in (dict(told, certainty="unknown"), dict(told, states=False)):
        (cl,) = corroboration([said, other], docs, texts, {1: "Chief Ana Bell", 2: "Minister Tom Ode"})
        assert not cl.corroborated and cl.asserting == [1]


def test_claims_about_different_actors_or_a_verb_of_that_kind_are_not_one_proposition():
    from storyline.judge.corroboration import cluster_claims
    wilson = claim(1, "Wilson opened fire", entities={"PERSON": {1}}, predicate="open")
    gunman = claim(2, "A gunman opened fire at the National War Memorial in Canada", doc="d2",
                   entities={"GPE": {2}}, predicate="open")
    assert sorted(len(g) for g in cluster_claims([wilson, gunman])) == [1, 1]
    # "You can call me Easy" names no call: it does not join the story's calls
    calls = [claim(i, f"Dunn made a call to Olin about the vote on day {i}", doc=f"d{i}", predicate="call")
             for i in (3, 4)]
    easy = claim(5, "You can call me Easy", doc="d5", predicate="call")
    assert sorted(len(g) for g in cluster_claims(calls + [easy])) == [1, 2]


def test_one_speaker_under_two_names_is_one_source_for_everything_he_says():
    """The same words given to "Evans" in one article (a "he" resolved to the wrong man) and to
    Beaton in another are Beaton's: his other words on the proposition are no second source."""
    from storyline.judge.corroboration import corroboration
    docs = _outlets("Daily Herald", "Evening Post", "Morning Star")
    texts = {d: "" for d in ("a1", "a2", "a3")}
    quote = "the recording of the wonderful band was lost forever until now"
    claims = [claim(1, quote, doc="a1", source="entity:1", predicate="lose"),
              claim(2, quote, doc="a2", source="entity:2", predicate="lose"),
              claim(3, "the wonderful recording of the band was lost forever", doc="a3", source="entity:2",
                    predicate="lose")]
    for c, entity in zip(claims, (1, 2, 2)):
        _named(c, entity)
    (cl,) = corroboration(claims, docs, texts, {1: "Rob Evans", 2: "Stan Beaton"})
    assert cl.independent_sources == 1 and not cl.corroborated


def test_an_outlet_cited_beside_a_named_source_of_another_article_relays_it():
    from storyline.judge.corroboration import corroboration
    docs = _outlets("Daily Herald", "Evening Post")
    texts = {"a1": "", "a2": ""}
    cited = claim(1, "Cheng has had an affair with the sister since the twins were born", doc="a1",
                  source="Naij.com", predicate="have")
    _named(cited, 9, "outlet")
    revealed = claim(2, "her husband had been having an affair with her sister since the birth of the twins",
                     doc="a2", source="entity:2", predicate="have")
    revealed["source"] = {"text": "Ting", "anonymous": False, "entity": 2, "kind": "person"}
    (cl,) = corroboration([cited, revealed], docs, texts, {9: "Naij.com", 2: "Ting Su"})
    assert cl.independent_sources == 1 and not cl.corroborated
    # two outlets with no named source behind them are two reports
    other = dict(revealed, source={"text": "CBC", "anonymous": False, "entity": 8, "kind": "outlet"})
    (cl,) = corroboration([cited, other], docs, texts, {9: "Naij.com", 8: "CBC"})
    assert cl.independent_sources == 2


def test_one_quotation_cut_at_other_places_is_one_source():
    from storyline.judge.corroboration import corroboration
    docs = _outlets("Daily Herald", "Evening Post")
    texts = {"a1": "", "a2": ""}
    quote = "we found no signs of abuse so we are depending on the coroner to make a final ruling of what happened"
    one = claim(1, quote + " here today", doc="a1", source="entity:1", predicate="find")
    other = claim(2, "The apartment was clean and " + quote, doc="a2", source="entity:2", predicate="find")
    _named(one, 1), _named(other, 2)
    (cl,) = corroboration([one, other], docs, texts, {1: "Det. Ray", 2: "James Patterson"})
    assert cl.independent_sources == 1


def test_someone_described_by_the_body_they_work_for_speaks_in_its_name():
    from storyline.judge.corroboration import corroboration
    docs = _outlets("Daily Herald", "Evening Post")
    texts = {"a1": "", "a2": ""}
    inspector = claim(1, "the charity will care for the dog until it finds him an owner", doc="a1",
                      source="Scottish SPCA inspector Stewart Taylor", predicate="care")
    _named(inspector, 1)
    charity = claim(2, "it will care for the dog until it finds the dog a permanent home", doc="a2",
                    source="The Scottish SPCA", predicate="care")
    _named(charity, 2, "organization")
    (cl,) = corroboration([inspector, charity], docs, texts, {1: "Stewart Taylor", 2: "Scottish SPCA"})
    assert cl.independent_sources == 1
    (cl,) = corroboration([inspector, charity], docs, texts, {1: "Stewart Taylor", 2: "Dog Trust"})
    assert cl.independent_sources == 2
    # ... in another article than this claim's: "Taylor said" here, the inspector's title elsewhere
    short = dict(inspector, source={**inspector["source"], "text": "Taylor"})
    elsewhere = claim(3, "an animal was tied to a fence near Glasgow", doc="a2", source="Scottish SPCA Insp. Stewart Taylor",
                      predicate="tie")
    _named(elsewhere, 1)
    found = corroboration([short, charity, elsewhere], docs, texts, {1: "Stewart Taylor", 2: "Scottish SPCA"})
    assert [(c.asserting, c.independent_sources) for c in found if 1 in c.asserting] == [([1, 2], 1)]
    # a former employee is no voice of the body
    former = dict(elsewhere, source={**elsewhere["source"], "text": "former Scottish SPCA inspector Stewart Taylor"})
    found = corroboration([short, charity, former], docs, texts, {1: "Stewart Taylor", 2: "Scottish SPCA"})
    assert [(c.asserting, c.independent_sources) for c in found if 1 in c.asserting] == [([1, 2], 2)]


def test_a_claim_without_a_count_joins_no_two_claims_of_different_counts():
    from storyline.judge.corroboration import cluster_claims
    claims = [claim(1, "four terror suspects were caught at the Texas border", source="entity:1", predicate="catch"),
              claim(2, "ten terror suspects were caught at the Texas border", source="entity:2", doc="d2",
                    predicate="catch"),
              claim(3, "terror suspects were caught at the Texas border", source="entity:3", doc="d3",
                    predicate="catch")]
    groups = [sorted(c["id"] for c in g) for g in cluster_claims(claims)]
    assert len(groups) == 2 and [1, 2] not in groups and any(3 in g and len(g) == 2 for g in groups)


def test_claims_of_two_stories_in_one_store_are_not_one_proposition():
    """Articles the event resolution puts in two topics tell two stories: "his name in the snow"
    is not corroborated by "my English name", nor the same words by the same words elsewhere."""
    from storyline.judge.corroboration import cluster_claims
    a = claim(1, "the council approved the harbour contract on Monday", doc="d1")
    b = claim(2, "the council approved the harbour contract on Monday", doc="d2")
    c = claim(3, "the council approved the harbour contract after a long debate", doc="d3")
    assert sorted(len(g) for g in cluster_claims([a, b, c])) == [3]
    for x, t in ((a, 1), (b, 2), (c, 2)):
        x["topic"] = t
    assert sorted(len(g) for g in cluster_claims([a, b, c])) == [1, 2]
    b["topic"] = c["topic"] = None  # an article stored with no topic is in every one
    assert sorted(len(g) for g in cluster_claims([a, b, c])) == [3]


def test_ingest_stores_each_articles_topic(tmp_path):
    import storyline
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    quake = "An earthquake struck the coastal city of Varna on Monday, killing 11 people, officials said."
    vote = "The harbour council voted on Tuesday to approve the port contract, the mayor said."
    for i, text in enumerate([quake, quake.replace("11", "12"), vote, vote.replace("Tuesday", "Wednesday")]):
        (corpus / f"a{i}.txt").write_text(text, encoding="utf-8")
    storyline.ingest([corpus], tmp_path / "s.db")
    with storyline.open(tmp_path / "s.db") as story:
        names = {d["id"]: d["name"] for d in story.documents()}
        topic = {names[r["article_id"]]: r["topic"] for r in story.store.query("SELECT * FROM article_topics")}
    assert len(topic) == 4 and topic["a0.txt"] == topic["a1.txt"] != topic["a2.txt"] == topic["a3.txt"]


def test_a_saying_retold_with_a_word_changed_is_one_voice():
    """The same quotation given to two people ("Pope Paul VI once said", "Pope Francis told"), a
    word or two apart, is one saying: not two independent sources."""
    from storyline.judge.corroboration import corroboration
    docs = _outlets("Daily Herald", "Evening Post")
    first = _named(claim(1, "One day, we will see our animals again in the eternity of Christ", doc="a1",
                         source="entity:1", predicate="see", quote="direct"), 1)
    again = _named(claim(2, "one day we will see our animals in the eternity of Christ", doc="a2",
                         source="entity:2", predicate="see", quote="direct"), 2)
    names = {1: "Paul VI", 2: "Francis"}
    texts = {"a1": first["text"], "a2": again["text"]}
    (cl,) = corroboration([first, again], docs, texts, names)
    assert cl.independent_sources == 1 and not cl.corroborated
    # the same words told as the sources' own, not quoted, may be two sources' accounts
    told = [dict(c, quote="indirect") for c in (first, again)]
    (cl,) = corroboration(told, docs, texts, names)
    assert cl.independent_sources == 2
    other = dict(again, text="in the eternity of Christ our animals will be seen again by us one day")
    (cl,) = corroboration([first, other], docs, {**texts, "a2": other["text"]}, names)
    assert cl.independent_sources == 2


def test_a_short_saying_with_one_word_changed_is_one_voice():
    """"So sad to hear about our brother's passing" and "... of our brother's passing": one word
    changed in the middle of a short saying breaks three of its seven three-word runs."""
    from storyline.judge.corroboration import corroboration
    docs = _outlets("Daily Herald", "Evening Post")
    first = _named(claim(1, "So sad to hear about our brother's passing", doc="a1", source="entity:1",
                         predicate="hear", quote="direct"), 1)
    again = _named(claim(2, "So sad to hear of our brother's passing", doc="a2", source="entity:2",
                         predicate="hear", quote="direct"), 2)
    texts = {"a1": first["text"], "a2": again["text"]}
    (cl,) = corroboration([first, again], docs, texts, {1: "Guy Brien", 2: "Mike Wright"})
    assert cl.independent_sources == 1


@pytest.mark.parametrize("forms", [
    ("capture", "captured", "captures", "capturing"),
    ("catch", "caught", "catches"),
    ("meet", "met", "meeting", "meetings"),
    ("deny", "denied", "denies"),
    ("stop", "stopped", "stopping"),
    ("agree", "agreed", "agreeing"),
    ("loss", "losses"),
])
def test_every_form_of_a_word_has_one_stem(forms):
    from storyline.vocabulary import stem
    assert len({stem(w) for w in forms}) == 1


def test_counts_negations_and_hedges_are_not_a_claims_words():
    from storyline.judge.propositions import content_words
    assert content_words("I don\u2019t think four suspects were held") == content_words("I think suspects were held")
    assert content_words("four alleged suspects were reportedly held") == content_words("suspects were held")


def test_across_articles_a_loose_pair_needs_more_than_an_organisation_and_a_kind_of_event():
    """A denial in so many words meets another article's account of the same specific event at a
    looser overlap; one organisation and one kind of event in common are two stories' words."""
    denial = claim(1, "the suggestion that fighters with the Islamic State group have been caught crossing the "
                      "southwestern border is false", polarity="negative", source="entity:1", predicate="catch",
                   entities={"ORG": {3}})
    other_story = claim(2, "Gill Rosenberg was captured by the Islamic State group in the town of Kobani",
                        source="entity:2", doc="d2", predicate="capture", entities={"ORG": {3}, "PERSON": {9}})
    same_story = claim(3, "four Islamic State fighters were apprehended crossing the southwestern border",
                       source="entity:4", doc="d3", predicate="apprehend", entities={"ORG": {3}})
    found = [f for f in find_contradictions([denial, other_story, same_story], []) if f.kind == "polarity"]
    assert [set(f.claims) for f in found] == [{1, 3}]


def test_two_claims_that_share_only_their_actors_are_two_propositions():
    ents = {"PERSON": {1, 2}}
    a = claim(1, "Brown was bull-rushing Wilson", source="entity:5", predicate="be", entities=ents)
    b = claim(2, "it was Wilson who was the aggressor and Brown never went for the weapon", source="entity:6",
              doc="d2", predicate="be", entities=ents)
    assert related_pairs(Index([a, b])) == []
    c = claim(3, "Brown was bull-rushing Wilson by the car", source="entity:6", doc="d2", predicate="be", entities=ents)
    assert [p[:2] for p in related_pairs(Index([a, c]))] == [(1, 3)]


def test_a_light_verb_needs_the_words_to_agree():
    """"made" in "Lin made $52,000" and "what he saw made it clear that ..." is one verb, two things."""
    ents = {"PERSON": {20}}
    a = claim(1, "Lin made $52,000", source="entity:5", predicate="make", entities=ents)
    b = claim(2, "what he saw made it clear that Thomas knew he was being followed", source="entity:6", doc="d2",
              predicate="make", entities={"PERSON": {20, 3}})
    assert related_pairs(Index([a, b])) == []


def test_a_source_declining_to_discuss_takes_no_position_to_change_from():
    deflect = claim(1, "the minister meets many people in the course of her work and would not discuss her "
                       "private engagements", said_on="2026-03-09", predicate="meet", entities={"PERSON": {1}})
    denial = claim(2, "I have never met Mr. Dunn", polarity="negative", said_on="2026-03-10", predicate="meet",
                   entities={"PERSON": {1, 2}}, doc="d2")
    assert [f for f in find_contradictions([deflect, denial], []) if f.kind == "position_change"] == []
    said = dict(deflect, text="the minister meets many people in the course of her work and met Mr. Dunn")
    assert [f.kind for f in find_contradictions([said, denial], [])] == ["position_change"]


@pytest.mark.parametrize("text, denies", [
    ("the council cannot vote on the thirty-year contract while the account is in doubt", False),
    ("the council did not vote on the thirty-year contract", True),
    ("the council cannot have voted on the thirty-year contract", True),
])
def test_what_must_not_be_done_denies_nothing(text, denies):
    ents = {"ORG": {7}}
    account = claim(1, "the council voted on the thirty-year contract on March 20", source="entity:3",
                    predicate="vote", entities=ents)
    neg = claim(2, text, polarity="negative", source="entity:4", doc="d2", predicate="vote", entities=ents)
    assert bool([f for f in find_contradictions([account, neg], []) if f.kind == "polarity"]) is denies
