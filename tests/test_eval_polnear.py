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


def test_gold_relations_are_read_with_hulls_of_discontinuous_spans():
    gold = read_gold(ANN)
    assert gold == [Relation((10, 14), (15, 34), (0, 9)), Relation((65, 69), (36, 59), (60, 64))]


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


def test_an_appositive_source_keeps_its_closing_comma_in_polnear_shape():
    from storyline.records import Attribution, Source
    text = "Ilse Kova, the minister, on Tuesday said the port was closed."
    a = Attribution(cue_start=36, cue_end=40, content_start=41, content_end=60,
                    source=Source(kind="person", text="Ilse Kova, the minister", start=0, end=23),
                    quote="indirect", cue="said", content="the port was closed")
    assert text[a.cue_start:a.cue_end] == "said" and text[a.content_start:a.content_end] == a.content
    assert polnear.to_polnear(text, a).source == (0, 24)  # "Ilse Kova, the minister,"
    plain = Attribution(cue_start=36, cue_end=40, content_start=41, content_end=60,
                        source=Source(kind="person", text="Ilse Kova", start=0, end=9),
                        quote="indirect", cue="said", content="the port was closed")
    assert polnear.to_polnear(text, plain).source == (0, 9)  # no appositive: the comma is not its own


@pytest.mark.parametrize("text, source, expected", [
    # an aside opened by a dash inside the source keeps the dash that closes it
    ("Two ministers -- and the mayor -- said the port was closed.", "Two ministers -- and the mayor",
     "Two ministers -- and the mayor --"),
    # a dash after a source with none inside is not its own
    ("The mayor -- who else? -- said the port was closed.", "The mayor", "The mayor"),
])
def test_a_source_with_a_dash_aside_keeps_the_closing_dash_in_polnear_shape(text, source, expected):
    from storyline.records import Attribution, Source
    cue = text.index("said")
    content = text.index("the port")
    a = Attribution(cue_start=cue, cue_end=cue + 4, content_start=content, content_end=len(text) - 1,
                    source=Source(kind="person", text=source, start=0, end=len(source)),
                    quote="indirect", cue="said", content=text[content:-1])
    start, end = polnear.to_polnear(text, a).source
    assert text[start:end] == expected


def test_a_quotation_running_on_into_the_next_paragraph_is_one_relation_in_polnear_shape(nlp):
    # PolNeAR marks a quotation that goes on over a paragraph break as one content (train: 114 of
    # 19,821 contents cross one); ours are two quotes of one speaker, joined when written out
    from storyline.analyse.attributions import attributions
    from storyline.analyse.mentions import mentions
    text = 'Kova said: "The workers have our word.\n\n"And we will keep it, whatever the ministry decides."'
    doc = nlp(text)
    found = attributions(doc, mentions(doc, 0, []))
    assert len(found) == 2
    (rel,) = polnear.to_polnear_all(text, found)
    assert text[rel.content[0]:rel.content[1]] == text[text.index('"'):]
