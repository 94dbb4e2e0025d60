"""The MEANTIME evaluator: reading NewsReader XML, gold chains, factuality labels and scores."""
import json

import pytest

from storyline.cli import main
from storyline.evaluate import meantime as ev

DOC = """<?xml version="1.0" ?><Document doc_id="{id}" doc_name="{name}" lang="en" url="">
<token number="0" sentence="0" t_id="1">Apple</token>
<token number="1" sentence="0" t_id="2">may</token>
<token number="2" sentence="0" t_id="3">sell</token>
<token number="3" sentence="0" t_id="4">phones</token>
<token number="4" sentence="1" t_id="5">May</token>
<token number="5" sentence="1" t_id="6">1</token>
<token number="6" sentence="1" t_id="7">,</token>
<token number="7" sentence="1" t_id="8">2008</token>
<token number="8" sentence="2" t_id="9">Apple</token>
<token number="9" sentence="2" t_id="10">Inc.</token>
<token number="10" sentence="2" t_id="11">did</token>
<token number="11" sentence="2" t_id="12">n't</token>
<token number="12" sentence="2" t_id="13">sell</token>
<token number="13" sentence="2" t_id="14">them</token>
<token number="14" sentence="2" t_id="15">.</token>
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="9"/><token_anchor t_id="10"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="NOM"><token_anchor t_id="4"/></ENTITY_MENTION>
<EVENT_MENTION m_id="4" certainty="POSSIBLE" polarity="POS" pred="sell"><token_anchor t_id="3"/></EVENT_MENTION>
<EVENT_MENTION m_id="5" certainty="CERTAIN" polarity="NEG" pred="sell"><token_anchor t_id="13"/></EVENT_MENTION>
<EVENT_MENTION m_id="6"><token_anchor t_id="13"/></EVENT_MENTION>
<TIMEX3 m_id="7" functionInDocument="CREATION_TIME" type="DATE" value="2008-05-01"></TIMEX3>
<ENTITY TAG_DESCRIPTOR="Apple" ent_type="ORG" instance_id="ORG1" m_id="10"/>
<EVENT TAG_DESCRIPTOR="sell" class="OTHER" m_id="11"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="5"/><source m_id="6"/><target m_id="11"/></REFERS_TO>
</Relations>
</Document>
"""


@pytest.fixture
def corpus(tmp_path):
    for i in (1, 2):
        (tmp_path / f"{i}_doc.xml").write_text(DOC.format(id=i, name=f"{i}_doc"), encoding="utf-8")
    return tmp_path


def test_parse_rebuilds_text_and_chains(corpus):
    doc = ev.parse(corpus / "1_doc.xml")
    assert doc.text.startswith("Apple may sell phones\n\nMay 1, 2008\n\nApple Inc. didn't sell them.")
    assert doc.published == "2008-05-01"
    by_id = {m.id: m for m in doc.mentions}
    assert doc.text[by_id["1_doc:2"].start:by_id["1_doc:2"].end] == "Apple Inc."
    assert by_id["1_doc:4"].certainty == "POSSIBLE" and by_id["1_doc:6"].certainty == ""
    assert doc.chains["1_doc:1"] == "ORG1"          # an instance shared across documents
    assert doc.chains["1_doc:5"] == "1_doc:11"      # an instance of this document only


def test_gold_chains_cross_documents_only_through_instance_ids(corpus):
    docs = ev.load(corpus)
    entities = sorted(sorted(c) for c in ev.gold_chains(docs, "entity"))
    assert ["1_doc:1", "1_doc:2", "2_doc:1", "2_doc:2"] in entities and ["1_doc:3"] in entities
    events = sorted(sorted(c) for c in ev.gold_chains(docs, "event"))
    assert ["1_doc:5", "1_doc:6"] in events and ["2_doc:5", "2_doc:6"] in events


def test_macro_f1_counts_every_class_seen():
    gold = ["CERTAIN"] * 8 + ["POSSIBLE"] * 2
    assert ev.macro_f1(gold, ["CERTAIN"] * 10) == pytest.approx((2 * 8 / 18) / 2)
    assert ev.macro_f1(gold, gold) == 1.0


def test_evaluate_the_tiny_corpus(corpus, tmp_path):
    m = ev.evaluate(corpus, predictions=tmp_path / "out")
    assert m["certainty_events"] == 4 and m["unaligned_mentions"] == 0
    assert m["certainty_accuracy"] == 1.0 and m["polarity_accuracy"] == 1.0  # "may sell", "didn't sell"
    # "Apple" and "Apple Inc." are one entity of the product, across both documents; "phones"
    # names no one, so it is a gold mention the product did not find, scored alone
    assert m["entity_matched"] == 4 and m["entity_mentions"] == 6
    assert m["entity_muc_f1"] == 1.0 and m["entity_conll_f1"] == 1.0
    assert m["entity_same_string_muc_f1"] < 1.0  # "Apple" and "Apple Inc." apart
    assert (tmp_path / "out" / "1_doc.xml").is_file() and (tmp_path / "out" / "chains.json").is_file()
    assert "CoNLL" in ev.table(m)
    # events: the stored clusters of the product's own events, and its resolver on the gold mentions
    assert m["event_mentions"] == 6 and 0 <= m["event_mentions_found"] <= 6
    assert 0 < m["event_gold_mentions_conll_f1"] <= 1 and 0 < m["event_lemma_baseline_conll_f1"] <= 1
    chains = json.loads((tmp_path / "out" / "chains.json").read_text(encoding="utf-8"))["event"]
    assert sorted(m for c in chains for m in c) == sorted(f"{d}_doc:{k}" for d in (1, 2) for k in (4, 5, 6))


KEYS = {"certainty_macro_f1", "polarity_macro_f1", "certainty_majority_macro_f1", "polarity_majority_macro_f1",
        "entity_conll_f1", "event_conll_f1", "event_gold_mentions_conll_f1", "event_lemma_baseline_conll_f1"}


@pytest.mark.data
def test_meantime_apple(shared_data, capsys):
    folder = shared_data / "meantime" / "intra_cross-doc_annotation" / "corpus_apple"
    if not folder.is_dir():
        pytest.skip("no MEANTIME corpus_apple")
    assert main(["eval", "meantime", str(folder), "--json"]) == 0
    m = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert KEYS <= set(m)
    assert all(0 <= m[k] <= 1 for k in KEYS)
    assert m["certainty_macro_f1"] > m["certainty_majority_macro_f1"]
    assert m["polarity_macro_f1"] > m["polarity_majority_macro_f1"]
    # floors a little under the measurements (certainty 0.452; entities from the product's entities
    # table 0.672 against 0.568 for the same mentions grouped by their words; issue 19 asks 0.10 above)
    assert m["certainty_macro_f1"] >= 0.40
    assert m["entity_conll_f1"] >= 0.65 and m["entity_conll_f1"] - m["entity_same_string_conll_f1"] >= 0.095
    # events as the product resolves them (issue 17): end to end 0.570 (open-class events sit on 448
    # of 600 gold mentions; same lemma of those events 0.414), its resolver on the gold mentions 0.654
    # against same lemma 0.542. The side predictor it replaced (same lemma and publication day over
    # the gold mentions) scored 0.727.
    assert m["event_conll_f1"] >= 0.55 and m["event_conll_f1"] > m["event_e2e_lemma_baseline_conll_f1"]
    assert m["event_gold_mentions_conll_f1"] >= 0.62
    assert m["event_gold_mentions_conll_f1"] > m["event_lemma_baseline_conll_f1"] + 0.05


@pytest.mark.data
def test_meantime_stock_entities(shared_data):
    folder = shared_data / "meantime" / "intra_cross-doc_annotation" / "corpus_stock"
    if not folder.is_dir():
        pytest.skip("no MEANTIME corpus_stock")
    docs = ev.load(folder)
    with ev.ingested(docs) as corpus:
        matched = ev.matches(docs, corpus)
    gold = ev.gold_chains(docs, "entity")
    ours = ev._coref_scores("e", gold, ev.entity_chains(docs, matched, lambda x: x.entity))
    same = ev._coref_scores("s", gold, ev.entity_chains(docs, matched, ev._same_string))
    # measured 0.535 against 0.432 (rules tuned on corpus_apple only)
    assert ours["e_conll_f1"] >= 0.52 and ours["e_conll_f1"] - same["s_conll_f1"] >= 0.095
