"""`storyline eval claims`: gold claim groups from FNC-1's related pairs, the split, the measures,
the clusterings, and cluster_claims with sentence embeddings (the onnx backend, a default dependency)."""
import itertools
import json
from pathlib import Path

import numpy as np
import pytest

from storyline.cli import main
from storyline.evaluate import claim_clusters as cc
from storyline.evaluate.fnc1 import load
from storyline.judge import embeddings
from storyline.judge.corroboration import claim_vectors, cluster_claims

DATA = Path(__file__).parent / "data" / "claims"
STANCES, BODIES = DATA / "stances.csv", DATA / "bodies.csv"


def test_gold_groups_join_headlines_through_related_bodies_only():
    pairs, _ = load(STANCES, BODIES)
    groups = cc.gold_groups(pairs)
    assert [len(g) for g in groups] == [3, 2, 2, 2]
    # one headline related to bodies 1 and 2 joins the headlines of both; "unrelated" joins nothing
    assert groups[0] == ["Apple to sell a $10,000 gold smartwatch",
                         "Apple's gold watch priced at ten thousand dollars", "Gold Apple Watch will cost $10,000"]
    assert not any("Harbour" in h for g in groups for h in g)


def test_part_is_fixed_by_the_salted_hash():
    group = ["Giant squid washes up on a Spanish beach"]
    assert cc.part(group) == cc.part(list(group)) == "tune"
    assert cc.part(group, fraction=0.0) == "score" and cc.part(group, fraction=1.0) == "tune"
    assert {cc.part([f"headline {i}"]) for i in range(40)} == {"tune", "score"}


def test_pairwise_scores():
    key = [[0, 1, 2], [3, 4]]  # 4 gold pairs
    assert cc.pairwise(key, key) == (1.0, 1.0, 1.0)
    p, r, f = cc.pairwise(key, [[0, 1], [2, 3, 4]])  # said 1 + 3 pairs, of which (0,1) and (3,4) right
    assert (p, r) == (pytest.approx(2 / 4), pytest.approx(2 / 4)) and f == pytest.approx(0.5)
    assert cc.pairwise(key, [[i] for i in range(5)])[:2] == (1.0, 0.0)


def _brute_average_link(sim):
    clusters, heights = [[i] for i in range(len(sim))], []
    while len(clusters) > 1:
        h, i, j = max((float(np.mean(sim[np.ix_(a, b)])), i, j)
                      for (i, a), (j, b) in itertools.combinations(enumerate(clusters), 2))
        heights.append(h)
        clusters[i] = clusters[i] + clusters.pop(j)
    return heights


def test_average_link_matches_the_definition_and_cuts_by_threshold():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(12, 4))
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    sim = x @ x.T
    merges = cc.average_link(sim, floor=-1.0)
    assert [h for h, _, _ in merges] == pytest.approx(_brute_average_link(sim))
    assert cc.cut(12, merges, 2.0) == [[i] for i in range(12)]
    assert cc.cut(12, merges, -1.0) == [list(range(12))]


def test_components_and_tuning():
    sim = np.array([[1.0, 0.9, 0.2, 0.1],
                    [0.9, 1.0, 0.6, 0.1],
                    [0.2, 0.6, 1.0, 0.8],
                    [0.1, 0.1, 0.8, 1.0]])
    assert cc.components(sim, 0.85) == [[0, 1], [2], [3]]
    assert cc.components(sim, 0.5) == [[0, 1, 2, 3]]
    key = [[0, 1], [2, 3]]
    threshold, f1 = cc.tune(key, lambda t: cc.components(sim, t), thresholds=(0.5, 0.7, 0.95))
    assert threshold == 0.7 and f1 == 1.0


def test_overlap_counts_shared_content_words_over_the_smaller_set():
    m = cc.overlap(["The minister met the lobbyist", "Lobbyist met minister twice at dinner", "Storm floods harbour"])
    assert m[0, 1] == pytest.approx(1.0) and m[0, 2] == 0.0 and m[1, 1] == pytest.approx(1.0)


def test_cli_json(capsys):
    assert main(["eval", "claims", "--stances", str(STANCES), "--bodies", str(BODIES), "--embedder", "none",
                 "--json"]) == 0
    m = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (m["headlines"], m["groups"], m["largest_group"]) == (9, 4, 3)
    assert (m["tune_groups"], m["score_groups"], m["score_headlines"], m["score_gold_pairs"]) == (3, 1, 3, 3)
    assert m["embedder"] is None and not any(k.startswith("embeddings") for k in m["methods"])
    single = m["methods"]["singletons"]
    assert (single["b3_p"], single["b3_r"], single["pairwise_r"]) == (1.0, pytest.approx(1 / 3), 0.0)
    for name in ("lexical", "lexical-nopredicate", "lexical-overlap-average"):
        s = m["methods"][name]
        assert {"pairwise_p", "pairwise_r", "pairwise_f1", "b3_p", "b3_r", "b3_f1", "clusters"} <= set(s)
        assert 0.0 <= s["b3_f1"] <= 1.0
    # "Gold Apple Watch will cost $10,000" and "Apple to sell a $10,000 gold smartwatch" share half
    # their content words but not their predicate: the app's test keeps them apart, without
    # predicates it joins them.
    assert m["methods"]["lexical-nopredicate"]["clusters"] < m["methods"]["lexical"]["clusters"]


def test_cli_needs_both_files(capsys):
    assert main(["eval", "claims", "--stances", str(STANCES)]) == 1
    assert "--bodies" in capsys.readouterr().err


def _claim(i, text, doc, predicate):
    return {"id": i, "text": text, "doc": doc, "start": 0, "end": len(text), "predicate": predicate,
            "polarity": "positive"}


def test_cluster_claims_joins_by_cosine_only_above_the_threshold_and_with_agreeing_predicates():
    claims = [_claim(1, "Kova met the lobbyist at a hotel", "a", "meet"),
              _claim(2, "The minister and Dunn met in private", "b", "meet"),
              _claim(3, "Dunn met the minister's aide", "c", "call")]
    close = np.array([1.0, 0.0])
    vectors = {1: close, 2: np.array([0.8, 0.6]), 3: close}
    assert [len(g) for g in cluster_claims(claims, vectors={})] == [1, 1, 1]  # lexically apart
    assert [[c["id"] for c in g] for g in cluster_claims(claims, vectors=vectors, similarity=0.75)] == [[1, 2], [3]]
    assert [len(g) for g in cluster_claims(claims, vectors=vectors, similarity=0.85)] == [1, 1, 1]


def test_claim_vectors_need_the_setting_and_a_backend(monkeypatch):
    claims = [_claim(1, "Kova met Dunn", "a", "meet")]
    monkeypatch.delenv("STORYLINE_CLAIM_EMBEDDINGS", raising=False)
    assert claim_vectors(claims) is None  # off by default
    monkeypatch.setenv("STORYLINE_CLAIM_EMBEDDINGS", "on")
    monkeypatch.setattr(embeddings, "available", lambda: [])
    assert claim_vectors(claims) is None
    monkeypatch.setenv("STORYLINE_CLAIM_EMBEDDINGS", "sometimes")
    with pytest.raises(Exception, match="STORYLINE_CLAIM_EMBEDDINGS"):
        claim_vectors(claims)


def test_onnx_encoder_gives_unit_vectors_that_rank_paraphrases_first():
    enc = embeddings.encoder("onnx")
    v = enc.encode(["ISIS militants behead an American journalist",
                    "Islamic State fighters kill a US reporter in a video",
                    "Apple will sell a gold watch for $10,000"])
    assert v.shape == (3, 384) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2
    # order is kept although texts are batched by length
    assert np.allclose(enc.encode(["Apple will sell a gold watch for $10,000"])[0], v[2], atol=1e-5)


def test_b3_per_item_averages_to_b_cubed_and_the_bootstrap_brackets_the_difference():
    from storyline.evaluate.coref_scores import b_cubed
    key = [[0, 1, 2], [3, 4], [5], [6, 7]]
    a, b = [[0, 1], [2, 3, 4], [5], [6, 7]], [[i] for i in range(8)]
    p, r = cc.b3_items(key, a, 8)
    assert (p.mean(), r.mean()) == pytest.approx(b_cubed(key, a)[:2])
    d = cc.bootstrap(key, a, b, reps=300)
    assert d["difference"] == pytest.approx(b_cubed(key, a)[2] - b_cubed(key, b)[2])
    assert d["low"] <= d["difference"] <= d["high"]
    assert cc.bootstrap(key, a, a, reps=50) == {"difference": 0.0, "low": 0.0, "high": 0.0}
