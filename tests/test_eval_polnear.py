"""The PolNeAR scorer: gold reading, span matching and the relation rule, on a hand-made document."""
import json

import pytest

from storyline.cli import main
from storyline.evaluate import polnear
from storyline.evaluate.polnear import Relation, read_gold, score, write_ann

TEXT = 'Officials said the port was closed. "We did nothing wrong," Kova said.\n'
ANN = ("T1\tSource 0 9\tOfficials\nT2\tCue 10 14\tsaid\nT3\tContent 15 34\tthe port was closed\n"
       "T4\tAttribution 10 14\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
       "T5\tContent 36 58;58 59\t\"We did nothing wrong,\"\nT6\tSource 60 64\tKova\nT7\tCue 65 69\tsaid\n"
       "T8\tAttribution 65 69\tsaid\nE2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n")


def test_gold_relations_are_read_with_their_fragments():
    gold = read_gold(ANN)
    assert gold == [Relation((10, 14), (15, 34), (0, 9)), Relation((65, 69), ((36, 58), (58, 59)), (60, 64))]


def test_relation_lines_may_name_spans_defined_after_them_and_a_second_content():
    ann = ("E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1 Content2:T5\n"
           "T1\tSource 0 9\tOfficials\nT2\tCue 10 14\tsaid\nT3\tContent 15 34\tthe port was closed\n"
           "T4\tAttribution 10 14\tsaid\nT5\tContent 36 59\tWe did nothing wrong\n")
    assert read_gold(ann) == [Relation((10, 14), ((15, 34), (36, 59)), (0, 9))]


@pytest.mark.parametrize("text, spans, expected", [
    # punctuation, quote marks and spaces at the ends do not count
    ('"We did nothing wrong," Kova said.', [(0, 23)], [(1, 21)]),
    # fragments with only punctuation between them are one
    ('"We did nothing.\n\nWe will win."', [(0, 17), (18, 32)], [(1, 29)]),
    # a quote split by "Kova said," stays two fragments
    ('"We did nothing," Kova said, "and we will win."', [(0, 17), (29, 47)], [(1, 15), (30, 45)]),
    # a span of punctuation alone keeps it (a cue ":")
    ("Kova: We did nothing.", [(4, 5)], [(4, 5)]),
])
def test_spans_are_normalised_before_they_are_compared(text, spans, expected):
    assert polnear.normal(text, tuple(spans)) == tuple(expected)


def test_a_span_shared_by_two_relations_counts_once():
    text = "Officials said and later repeated that the port was closed."
    gold = [Relation((10, 14), (34, 58), (0, 9)), Relation((25, 33), (34, 58), (0, 9))]
    predicted = [Relation((10, 14), (39, 58), (0, 9))]
    m = score([predicted], [gold], [text])
    assert (m["source_exact_precision"], m["source_exact_recall"]) == (1.0, 1.0)  # one source span, not two
    assert m["content_exact_recall"] == 0.0 and m["content_overlap_recall"] == 1.0
    assert m["cue_exact_recall"] == 0.5


def test_a_content_split_by_its_cue_is_scored_by_its_fragments():
    text = '"We did nothing," Kova said, "and we will win."'
    gold = [Relation((23, 27), ((0, 17), (29, 47)), (18, 22))]
    hull = [Relation((23, 27), (1, 45), (18, 22))]
    pieces = [Relation((23, 27), ((1, 15), (30, 45)), (18, 22))]
    assert score([hull], [gold], [text])["content_exact_f1"] == 0.0
    assert score([pieces], [gold], [text])["content_exact_f1"] == 1.0


def test_exact_and_overlap_scores_and_the_relation_rule():
    gold = read_gold(ANN)
    predicted = [Relation((10, 14), (15, 35), (0, 9)),        # content one character too long
                 Relation((65, 69), (37, 57), None),           # no source: not a relation match
                 Relation((40, 43), (44, 50), (36, 39))]       # spurious
    m = score([predicted], [gold])
    assert m["cue_exact_precision"] == pytest.approx(2 / 3) and m["cue_exact_recall"] == 1.0
    assert m["content_exact_f1"] == 0.0
    assert m["content_overlap_recall"] == 1.0
    assert m["source_exact_precision"] == pytest.approx(1 / 2)
    assert m["relation_overlap_precision"] == pytest.approx(1 / 3)
    assert m["relation_overlap_recall"] == pytest.approx(1 / 2)
    assert (m["documents"], m["gold_relations"], m["predicted_relations"]) == (1, 2, 3)


def test_predictions_round_trip_through_brat():
    rels = [Relation((10, 14), (15, 34), (0, 9)), Relation((65, 69), (36, 59), None)]
    assert read_gold(write_ann(rels, TEXT)) == rels


def test_cli_on_a_small_split_with_predictions(tmp_path, capsys):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "doc_b.ann").write_text("", encoding="utf-8")
    (tmp_path / "attributions" / "doc_a.ann").write_text(ANN, encoding="utf-8")  # first in order wins
    out = tmp_path / "out"
    assert main(["eval", "polnear", str(tmp_path), "--json", "--predictions", str(out)]) == 0
    m = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    for key in ["cue_exact_f1", "source_exact_f1", "content_exact_f1", "cue_overlap_f1", "source_overlap_f1",
                "content_overlap_f1", "relation_overlap_f1", "documents", "gold_relations", "predicted_relations"]:
        assert key in m
    assert m["gold_relations"] == 2 and m["cue_exact_recall"] == 1.0
    assert read_gold((out / "doc.ann").read_text(encoding="utf-8"))


def test_a_folder_without_the_layout_is_a_clear_error(tmp_path, capsys):
    assert main(["eval", "polnear", str(tmp_path)]) == 1
    assert "text/ and attributions/" in capsys.readouterr().err


@pytest.mark.data
def test_real_dev_documents_score(shared_data):
    docs = polnear.load(shared_data / "polnear" / "data" / "dev")[:4]
    m = score(polnear.predict([t for _, t, _ in docs]), [g for _, _, g in docs])
    assert m["gold_relations"] > 0 and 0.2 < m["cue_overlap_f1"] <= 1.0


@pytest.mark.data
def test_all_84_dev_documents(shared_data):
    """The whole dev split, as `storyline eval polnear` scores it; floors a little under the figures in
    docs/EVAL.md (2026-12-07: cue 0.718, source 0.777, content 0.575, relation 0.742; tuned on dev)."""
    m = polnear.evaluate(shared_data / "polnear" / "data" / "dev")
    assert m["documents"] == 84
    assert m["cue_exact_f1"] >= 0.705 and m["source_exact_f1"] >= 0.765
    assert m["content_exact_f1"] >= 0.555 and m["relation_overlap_f1"] >= 0.725


def _attribution(text, cue, content, source):
    from storyline.records import Attribution, Source
    c, k = text.index(cue), text.index(content)
    src = Source(kind="person", text=source, start=text.index(source), end=text.index(source) + len(source)) \
        if source else None
    return Attribution(cue_start=c, cue_end=c + len(cue), content_start=k, content_end=k + len(content),
                       source=src, quote="indirect", cue=cue, content=content)


@pytest.mark.parametrize("text, cue, content, source, expected", [
    # a content around its cue and source is the parts on either side
    ("But to prevent problems, he said, officials should be vigilant.", "said",
     "to prevent problems, he said, officials should be vigilant", "he",
     ["to prevent problems, ", ", officials should be vigilant"]),
    # PolNeAR's contents keep the complementizer
    ("Kova said that the port was closed.", "said", "the port was closed", "Kova", ["that the port was closed"]),
    # a pseudo-cleft: "what" and "was ..." around the source and cue
    ("What the senators said was a sign of trouble.", "said", "a sign of trouble", "the senators",
     ["What ", " was a sign of trouble"]),
])
def test_the_adapter_writes_polnear_conventions(text, cue, content, source, expected):
    r = polnear.to_polnear(text, _attribution(text, cue, content, source))
    assert [text[a:b] for a, b in r.content] == expected


def test_a_relative_pronoun_is_the_source_in_polnear_shape():
    text = "Kova, who denied the report, left early."
    r = polnear.to_polnear(text, _attribution(text, "denied", "the report", "Kova"))
    assert [text[a:b] for a, b in r.source] == ["who"]


def test_a_quotation_running_on_into_the_next_paragraph_is_one_relation_in_polnear_shape(nlp):
    # PolNeAR marks a quotation that goes on over a paragraph break as one content (train: 114 of
    # 19,821 contents cross one); ours are two quotes of one speaker, joined as fragments when
    # written out, which the scorer's normalisation makes one
    from storyline.analyse.attributions import attributions
    from storyline.analyse.mentions import mentions
    text = 'Kova said: "The workers have our word.\n\n"And we will keep it, whatever the ministry decides."'
    doc = nlp(text)
    found = attributions(doc, mentions(doc, 0, []))
    assert len(found) == 2
    (rel,) = polnear.to_polnear_all(text, found)
    assert polnear.normal(text, rel.content) == polnear.normal(text, ((text.index('"'), len(text)),))
