"""The learned factuality value: ridge fit, honest out-of-fold scoring, the shipped model."""
import json

import numpy as np
import pytest

from storyline.analyse import factuality_model as fm
from storyline.evaluate import factuality as ev


def _data():
    """d1 and d4 (fold 0) share a feature no other fold has, with gold 3; d2, d3 have gold -1."""
    rows, gold, docs = [], [], []
    for doc, feature, value in (("d1", "only_fold0", 3.0), ("d4", "only_fold0", 3.0),
                                ("d2", "common", -1.0), ("d3", "common", -1.0)):
        for _ in range(3):
            rows.append({feature: 1.0})
            gold.append(value)
            docs.append(doc)
    return rows, gold, docs


def _model(rows, gold, docs, folds):
    model = fm.fit(rows, gold, alpha=0.01, min_count=3)
    model.documents = {fm.doc_key(d): f for d, f in folds.items()}
    return model


def test_fit_learns_and_keeps_only_frequent_features():
    rows, gold, _ = _data()
    model = fm.fit(rows + [{"rare": 1.0}], gold + [0.0], alpha=0.01, min_count=3)
    assert "rare" not in model.weights
    assert model.predict([{"only_fold0": 1.0}])[0] == pytest.approx(3.0, abs=0.05)
    assert model.predict([{"common": 1.0}])[0] == pytest.approx(-1.0, abs=0.05)


def test_out_of_fold_never_uses_the_scored_documents_fold():
    rows, gold, docs = _data()
    model = _model(rows, gold, docs, {"d1": 0, "d4": 0, "d2": 1, "d3": 2})
    shipped = model.predict(rows)
    oof = fm.out_of_fold(rows, gold, docs, model)
    # the shipped model knows fold 0's feature; refitted without fold 0 (d1 and d4 alike) it cannot
    assert shipped[0] == pytest.approx(3.0, abs=0.05)
    assert oof[0] == pytest.approx(-1.0, abs=0.05) and oof[3] == pytest.approx(-1.0, abs=0.05)
    # exactly the model fitted on the other folds' rows
    others = [i for i, d in enumerate(docs) if d in {"d2", "d3"}]
    refit = fm.fit([rows[i] for i in others], [gold[i] for i in others], model.alpha, model.min_count)
    assert oof[0] == pytest.approx(refit.predict([rows[0]])[0])
    # grouping by fold, not by document: with d4 in a fold of its own, d1 learns from d4
    split = _model(rows, gold, docs, {"d1": 0, "d4": 3, "d2": 1, "d3": 2})
    assert fm.out_of_fold(rows, gold, docs, split)[0] == pytest.approx(3.0, abs=0.05)


def test_learned_routes_seen_unseen_and_unrefittable_documents():
    rows, gold, docs = _data()
    model = _model(rows, gold, docs, {"d1": 0, "d4": 0, "d2": 1})  # d3 never seen
    sentences = [ev.Sentence(f"s{i}", d, "x", [], [(1, g, None)]) for i, (d, g) in enumerate(zip(docs, gold))]
    values, counts = ev.learned(sentences, [[0.5]] * len(rows), [[r] for r in rows], model)
    assert counts == {"out_of_fold": 9, "shipped": 3, "rules": 0}
    assert values[0][0] == pytest.approx(-1.0, abs=0.05)  # d1 out of fold
    assert values[9][0] == pytest.approx(model.predict([rows[9]])[0])  # d3 by the shipped model
    lone = _model(rows[:3], gold[:3], docs[:3], {"d1": 0})  # one fold only: nothing to refit on
    values, counts = ev.learned(sentences[:3], [[0.5]] * 3, [[r] for r in rows[:3]], lone)
    assert counts == {"out_of_fold": 0, "shipped": 0, "rules": 3} and values[0][0] == 0.5
    values, counts = ev.learned(sentences[:3], [[0.5]] * 3, [[r] for r in rows[:3]], None)
    assert counts["rules"] == 3 and values[0][0] == 0.5


def test_folds_are_fixed_by_the_document_id():
    assert fm.fold_of("doc-a") == fm.fold_of("doc-a")
    assert {fm.fold_of(f"doc-{i}") for i in range(200)} == set(range(fm.FOLDS))
    assert len(fm.doc_key("doc-a")) == 12 and fm.doc_key("doc-a") != fm.doc_key("doc-b")


def test_model_round_trips_through_json():
    rows, gold, docs = _data()
    model = _model(rows, gold, docs, {"d1": 0, "d2": 1})
    again = fm.Model.from_json(json.loads(json.dumps(model.to_json())))
    assert again.documents == model.documents and again.alpha == model.alpha
    assert again.predict(rows[:1])[0] == pytest.approx(model.predict(rows[:1])[0], abs=1e-3)


def test_shipped_model_is_small_and_records_its_documents():
    assert fm.MODEL_FILE.stat().st_size < 1_000_000
    model = fm.load()
    assert model is not None and len(model.documents) > 100 and model.weights
    assert set(model.documents.values()) == set(range(model.folds))
    assert "rule_value" in model.weights


def test_learned_value_on_parsed_sentences(nlp):
    left = nlp("She left the house yesterday.")[1]
    plan = nlp("They plan to build a house.")[3]
    assert plan.text == "build"
    assert -3 <= fm.learned_value(plan) < fm.learned_value(left) <= 3
    assert isinstance(fm.features(left), dict) and fm.features(left)["rule_value"] > 2


def test_with_vectors_adds_the_scaled_vector_as_dense_features():
    rows = fm.with_vectors([{"lemma=go": 1.0}], [np.array([0.5, -0.25], dtype=np.float32)], 4.0)
    assert rows == [{"lemma=go": 1.0, "emb0": 2.0, "emb1": -1.0}]
    sparse = fm.Model(0.0, {"a": 1.0})
    assert "embedding_scale" not in sparse.to_json()  # the sparse model's file is as it was
    dense = fm.Model.from_json(json.loads(json.dumps(fm.Model(0.0, {"emb0": 1.0}, embedding_scale=4.0).to_json())))
    assert dense.embedding_scale == 4.0


def test_out_of_fold_learns_from_the_vectors_of_other_folds():
    """The sparse features say nothing here; the vector says whether it happened. Each document
    is its own fold, so a predicate is scored by a refit that never saw its document."""
    docs = ["d1", "d2", "d3", "d4", "d5", "d6"]
    gold = [3.0, 3.0, 3.0, -1.0, -1.0, -1.0]
    vectors = [[np.array([1.0, 0.0] if g > 0 else [0.0, 1.0])] for g in gold]
    sentences = [ev.Sentence(f"s{i}", d, "x", [], [(1, g, None)]) for i, (d, g) in enumerate(zip(docs, gold))]
    sparse_rows = [[{"common": 1.0}] for _ in docs]
    folds = {fm.doc_key(d): i for i, d in enumerate(docs)}
    probe = fm.Model(0.0, {}, 0.01, 3, len(docs), folds, 1.0)
    with_vectors, counts = ev.learned(sentences, [[0.0]] * 6, ev.embed(sparse_rows, vectors, 1.0), probe)
    assert counts["out_of_fold"] == 6
    assert [round(v[0], 1) for v in with_vectors] == pytest.approx(gold, abs=0.1)
    without, _ = ev.learned(sentences, [[0.0]] * 6, sparse_rows, probe)
    assert without[0][0] < 1.5 and without[3][0] > 0.5  # only the other folds' mean to go on


def test_shipped_embedding_model_is_small_and_matches_the_sparse_ones_documents():
    if not fm.EMBEDDING_MODEL_FILE.is_file():
        pytest.skip("no embedding model")
    assert fm.EMBEDDING_MODEL_FILE.stat().st_size < 1_000_000
    model, sparse = fm.load(embeddings=True), fm.load()
    assert model.embedding_scale == fm.EMBEDDING_SCALE and model.alpha == fm.EMBEDDING_ALPHA
    assert sum(k.startswith("emb") for k in model.weights) > 300 and "rule_value" in model.weights
    assert model.documents == sparse.documents


@pytest.mark.parametrize("setting", ["auto", "off"])
def test_learned_value_uses_the_model_the_setting_and_backend_choose(nlp, monkeypatch, setting):
    monkeypatch.setenv("STORYLINE_FACTUALITY_EMBEDDINGS", setting)
    from storyline.judge.embeddings import available
    embeddings = setting == "auto" and bool(available()) and fm.EMBEDDING_MODEL_FILE.is_file()
    assert fm.use_embeddings() == embeddings
    left = nlp("She left the house yesterday.")[1]
    row = fm.features(left)
    model = fm.load(embeddings=embeddings)
    if embeddings:
        (vector,) = fm.predicate_vectors([left.sent.text], [[(4, 8)]])[0]
        row = fm.with_vectors([row], [vector], model.embedding_scale)[0]
    assert fm.learned_value(left) == pytest.approx(max(-3.0, min(3.0, model.predict([row])[0])), abs=1e-4)
