"""The UDS-IH2 evaluator: sentence rebuilding, gold values, alignment and scores."""
import json
import zipfile

import numpy as np
import pytest

from storyline.cli import main
from storyline.evaluate import factuality as ev

CONLLU = """1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_
2\tplan\tplan\tVERB\tVBP\t_\t0\troot\t_\t_
3\tto\tto\tPART\tTO\t_\t4\tmark\t_\t_
4\tbuild\tbuild\tVERB\tVB\t_\t2\txcomp\t_\t_
5\tit\tit\tPRON\tPRP\t_\t4\tdobj\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tUnannotated\tunannotated\tADJ\tJJ\t_\t0\troot\t_\t_
"""


def _annotation(values: dict, confidences: dict) -> dict:
    return {"factuality": {"factual": {"value": values, "confidence": confidences}}}


@pytest.fixture
def uds_folder(tmp_path):
    (tmp_path / "ud_english_ewt_r1.2").mkdir()
    (tmp_path / "ud_english_ewt_r1.2" / "en-ud-dev.conllu").write_text(CONLLU, encoding="utf-8")
    raw = {"data": {
        "ewt-dev-1": {"ewt-dev-1-semantics-pred-2": _annotation({"a": 1, "b": 1}, {"a": 4, "b": 2})},
        "ewt-dev-2": {"ewt-dev-2-semantics-pred-2": _annotation({"a": 1, "b": 1}, {"a": 4, "b": 4}),
                      "ewt-dev-2-semantics-pred-4": _annotation({"a": 0, "b": 0}, {"a": 4, "b": 4})},
        "ewt-train-9": {"ewt-train-9-semantics-pred-1": _annotation({"a": 1}, {"a": 4})},
    }}
    with zipfile.ZipFile(tmp_path / "factuality_raw.zip", "w") as zf:
        zf.writestr("factuality.json", json.dumps(raw))
    (tmp_path / "ud_ids.json").write_text(json.dumps({
        "ewt-dev-1": {"document_id": "d1"}, "ewt-dev-2": {"document_id": "d2"}}), encoding="utf-8")
    return tmp_path


def test_gold_value_is_rudingers_scale():
    assert ev.gold_value(_annotation({"a": 1, "b": 1}, {"a": 4, "b": 4})) == 3.0
    assert ev.gold_value(_annotation({"a": 0}, {"a": 4})) == -3.0
    assert ev.gold_value(_annotation({"a": 1, "b": 0}, {"a": 4, "b": 2})) == pytest.approx((3 - 1.5) / 2)


def test_load_rebuilds_sentences_and_keeps_only_the_split(uds_folder):
    sentences = ev.load(uds_folder, "dev")
    assert [s.id for s in sentences] == ["ewt-dev-1", "ewt-dev-2"]
    assert sentences[0].text == "She left."
    assert sentences[1].text == "They plan to build it."
    assert [(i, round(g, 2)) for i, g, _ in sentences[1].predicates] == [(2, 3.0), (4, -3.0)]
    start, end = sentences[1].offsets[3]
    assert sentences[1].text[start:end] == "build"


def test_missing_split_says_which_exist(uds_folder):
    from storyline.errors import StorylineError
    with pytest.raises(StorylineError) as err:
        ev.load(uds_folder, "test")
    assert "en-ud-dev.conllu" in err.value.message()


def test_score_pearson_and_mae(uds_folder):
    sentences = ev.load(uds_folder, "dev")
    perfect = [[g for _, g, _ in s.predicates] for s in sentences]
    m = ev.score(sentences, perfect)
    assert m["pearson_r"] == pytest.approx(1.0) and m["mae"] == 0.0 and m["predicates"] == 3
    assert set(m["by_half"]) == {"a", "b"}


def test_evaluate_on_the_tiny_folder(uds_folder, tmp_path):
    m = ev.evaluate(uds_folder, predictions=tmp_path / "out", split="dev", model=None)
    assert m["predicates"] == 3 and m["pearson_r"] > 0.9  # left happened, build did not
    assert m["scored"] == {"out_of_fold": 0, "shipped": 0, "rules": 3} and m["rules"]["mae"] == m["mae"]
    written = json.loads((tmp_path / "out" / "factuality_dev.json").read_text())
    assert "ewt-dev-2-semantics-pred-4" in written["data"]["ewt-dev-2"]
    assert "Pearson r" in ev.table(m)


def test_evaluate_scores_trained_documents_out_of_fold(uds_folder):
    from storyline.analyse import factuality_model as fm
    sentences = ev.load(uds_folder, "dev")
    _, rows = ev.parse(sentences)
    flat = [r for sent_rows in rows for r in sent_rows]
    gold = [g for s in sentences for _, g, _ in s.predicates]
    model = fm.fit(flat, gold, alpha=1.0, min_count=1)
    model.documents = {fm.doc_key("d1"): 0, fm.doc_key("d2"): 1}
    m = ev.evaluate(uds_folder, split="dev", model=model)
    assert m["scored"] == {"out_of_fold": 3, "shipped": 0, "rules": 0}
    assert "scored out-of-fold 3 predicates" in ev.table(m)
    model.documents = {}  # documents it never saw: the shipped model, as fitted
    m = ev.evaluate(uds_folder, split="dev", model=model)
    assert m["scored"] == {"out_of_fold": 0, "shipped": 3, "rules": 0}
    assert m["mae"] < 0.2  # it was fitted on these very predicates: why dev is scored out of fold


def test_evaluate_reads_each_predicates_vector_in_its_sentence(uds_folder, monkeypatch):
    from storyline.analyse import factuality_model as fm
    asked = []

    def fake_vectors(texts, spans):  # "happened" along the first axis for "left", not for "build"
        asked.append((texts, spans))
        return [np.array([[1.0, 0.0] if t[s:e] in {"left", "plan"} else [0.0, 1.0] for s, e in sp])
                for t, sp in zip(texts, spans)]
    monkeypatch.setattr(fm, "predicate_vectors", fake_vectors)
    sentences = ev.load(uds_folder, "dev")
    _, rows = ev.parse(sentences)
    model = fm.fit([r for sent_rows in ev.embed(rows, fake_vectors([s.text for s in sentences],
                   [[s.offsets[i - 1] for i, _, _ in s.predicates] for s in sentences]), 2.0) for r in sent_rows],
                   [g for s in sentences for _, g, _ in s.predicates], alpha=1.0, min_count=1)
    model.embedding_scale = 2.0
    asked.clear()
    m = ev.evaluate(uds_folder, split="dev", model=model)
    assert asked == [(["She left.", "They plan to build it."], [[(4, 8)], [(5, 9), (13, 18)]])]  # each sentence once
    assert m["embeddings"] and m["encoding_seconds"] is not None and m["scored"]["shipped"] == 3
    model.embedding_scale = 0.0  # the sparse model never asks for vectors
    asked.clear()
    assert not ev.evaluate(uds_folder, split="dev", model=model)["embeddings"] and asked == []


@pytest.mark.parametrize("setting, backends", [("off", ["onnx"]), ("auto", [])])
def test_evaluate_falls_back_to_the_sparse_model(uds_folder, monkeypatch, setting, backends):
    import storyline.judge.embeddings as embeddings
    monkeypatch.setenv("STORYLINE_FACTUALITY_EMBEDDINGS", setting)
    monkeypatch.setattr(embeddings, "available", lambda: backends)
    m = ev.evaluate(uds_folder, split="dev")
    assert m["model"] == "factuality.json" and not m["embeddings"] and m["encoding_seconds"] is None
    assert "STORYLINE_FACTUALITY_EMBEDDINGS=off or no embedding backend" in ev.table(m)


def test_uds_ih2_dev(shared_data, capsys):
    folder = shared_data / "uds-ih2-factuality"
    if not folder.is_dir():
        pytest.skip("no UDS-IH2 folder")
    assert main(["eval", "factuality", str(folder), "--json"]) == 0
    m = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert {"pearson_r", "mae", "predicates"} <= set(m)
    assert m["predicates"] == 2646
    assert -1 <= m["pearson_r"] <= 1 and 0 <= m["mae"] <= 6
    assert m["mae"] < m["baseline_mean_mae"]  # better than always saying the average
    # the learned value, every dev predicate scored by a model that never saw its document
    assert m["scored"] == {"out_of_fold": 2646, "shipped": 0, "rules": 0}
    if m["embeddings"]:  # the MiniLM backend loaded: the model that reads the predicate's vector
        assert m["model"] == "factuality_emb.json"
        assert m["pearson_r"] >= 0.73  # floor under the measured 0.737; never lower it silently
        assert m["by_half"]["b"]["pearson_r"] >= 0.70  # the fairer half: floor under the measured 0.706
    assert m["pearson_r"] >= 0.70  # floor under the sparse model's 0.717 (issue 5's target); never lower it silently
    assert m["rules"]["pearson_r"] >= 0.65  # the rules alone: floor under the measured 0.681
