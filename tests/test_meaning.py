"""Claims that meet by meaning (judge/meaning.py): hand-made claims and vectors, no model run."""
import numpy as np
import pytest

from storyline.judge import meaning
from storyline.judge.contradictions import find_contradictions
from storyline.judge.propositions import Index


def claim(i, text, polarity="positive", source="entity:1", doc="d1", start=0, cue="said", certainty="certain",
          kind="person"):
    return {"id": i, "text": text, "polarity": polarity, "certainty": certainty, "said_on": None,
            "source_key": source, "source_text": source, "doc": doc, "start": start, "end": start + len(text),
            "predicate": None, "quote": "indirect", "cue": cue,
            "source": {"text": source, "anonymous": False, "entity": None, "kind": kind}}


def unit(*values, dims=8):
    v = np.zeros(dims, dtype=np.float32)
    v[:len(values)] = values
    return v / np.linalg.norm(v)


@pytest.mark.parametrize("text, cue, polarity, expected", [
    ("the reports", "denied", "negative", True),
    ("any such thing has happened", "denied that", "negative", True),
    ("This is completely fake", "wrote", "negative", True),
    ("the rumour about the harbour deal was false", "said", "negative", True),
    ("the mayor had met the harbour contractor in Tirana", "denied that", "negative", False),  # says what it denies
    ("We will not be intimidated", "said", "negative", False),  # no denial of anything reported
    ("the reports", "confirmed", "positive", False),
])
def test_a_denial_that_only_points_back(text, cue, polarity, expected):
    assert meaning.anaphoric(claim(1, text, polarity, cue=cue)) is expected


def test_a_pointing_denial_answers_the_nearest_earlier_claim_of_another_source():
    claims = [claim(1, "the council sold the old ferry terminal to a shipping firm", source="entity:2", start=0),
              claim(2, "the sale of the terminal was approved last spring", source="entity:3", start=80),
              claim(3, "the reports", polarity="negative", source="entity:4", cue="denied", start=200),
              claim(4, "the reports", polarity="negative", source="entity:3", cue="dismissed", start=300)]
    answers = meaning.antecedents(claims)
    assert answers[2] == 1
    assert answers[3] == 0  # its own earlier claim is no account it denies: the one before it


def test_a_pointing_denial_with_nothing_before_it_answers_the_lead():
    claims = [claim(1, "any such thing has happened", polarity="negative", cue="denied that", start=0),
              claim(2, "the council sold the old ferry terminal to a shipping firm", source="entity:2", start=90)]
    assert meaning.antecedents(claims) == {0: 1}


def test_a_pointing_denial_contradicts_the_account_its_article_reports():
    claims = [claim(1, "the council sold the old ferry terminal to a shipping firm", source="entity:2", start=0),
              claim(2, "it", polarity="negative", source="entity:4", cue="denied", start=90)]
    vectors = np.array([unit(1, 0), unit(0, 1)])
    (found,) = [f for f in find_contradictions(claims, [], Index(claims), vectors) if f.kind == "polarity"]
    assert found.sides == ((1,), (2,)) and found.decided_by == "rule:meaning"
    assert find_contradictions(claims, [], Index(claims)) == []  # without vectors: words only, nothing shared


def test_an_account_whose_article_tells_the_denial_keeps_the_dispute_at_home():
    # article a reports the sale and the port authority's denial; article b denies it too: the
    # dispute is told in a, so b's denial is not set against a's account across articles
    sale = "the council sold the old ferry terminal to a shipping firm"
    denial = "the council did not sell the old ferry terminal to a shipping firm"
    claims = [claim(1, sale, source="entity:2", doc="a", start=0),
              claim(2, denial, polarity="negative", source="entity:3", doc="a", start=100, cue="denied that"),
              claim(3, denial, polarity="negative", source="entity:4", doc="b", start=0, cue="denied that")]
    vectors = np.array([unit(1, 0.3), unit(1, 0.35), unit(1, 0.35)])
    found = [f for f in find_contradictions(claims, [], Index(claims), vectors) if f.kind == "polarity"]
    assert {c for f in found for c in f.claims} <= {1, 2}
    without = [f for f in find_contradictions(claims, [], Index(claims)) if f.kind == "polarity"]
    assert any(3 in f.claims for f in without)  # by words alone, b's denial was set against a's account


def test_accounts_in_other_articles_meet_by_meaning_when_asked():
    claims = [claim(1, "ten smugglers were caught crossing the river near the northern checkpoint",
                    source="entity:2", doc="a"),
              claim(2, "no smugglers have been caught at the river checkpoint", polarity="negative",
                    source="entity:3", doc="b", cue="said"),
              claim(3, "ten smugglers may have crossed the river near the northern checkpoint",
                    source="entity:5", doc="c"),
              claim(4, "the bakery on the square reopened after the floods", source="entity:6", doc="d")]
    vectors = np.array([unit(1, 0), unit(1, 0.6), unit(1, 0), unit(0, 0, 1)])  # cosine 0.86
    index = Index(claims)
    assert meaning.meaning_pairs(claims, index, vectors) == []  # off by default (see SAME_MEANING)
    pairs = meaning.meaning_pairs(claims, index, vectors, same=0.8)
    assert [(p.denial, p.account) for p in pairs] == [(2, 1)]  # the hedged account is none to deny


def test_blocking_keeps_the_number_of_pairs_linear():
    rng = np.random.default_rng(0)
    n = 3000
    vectors = rng.standard_normal((n, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors[1] = vectors[0]  # two claims that mean the same thing always meet
    claims = [claim(k, f"statement number {k}", doc=f"d{k}") for k in range(n)]
    i, j = meaning.candidate_pairs(Index(claims), vectors, {})
    assert len(i) <= n * meaning.TABLES * meaning.MAX_BUCKET // 2
    assert (0, 1) in set(zip(i.tolist(), j.tolist()))


class _Counting:
    calls = 0

    def encode(self, texts):
        _Counting.calls += len(texts)
        return np.array([unit(len(t), 1, dims=384) for t in texts])


def test_vectors_are_kept_in_the_store(tmp_path, monkeypatch):
    from storyline.judge import embeddings
    from storyline.store.db import Store
    monkeypatch.setattr(embeddings, "available", lambda: ["onnx"])
    monkeypatch.setattr(embeddings, "encoder", lambda backend=None: _Counting())
    texts = ["the ferry terminal was sold", "the terminal was not sold", "the ferry terminal was sold"]
    with Store(tmp_path / "s.db") as store:
        first = meaning.claim_vectors(texts, store)
        assert _Counting.calls == 2 and first.shape == (3, 384)
        again = meaning.claim_vectors(texts, store)
        assert _Counting.calls == 2  # read back, not encoded again
        assert np.allclose(first, again, atol=1e-3)


def test_claim_embeddings_can_be_switched_off(monkeypatch):
    from storyline.judge.run import _vectors
    monkeypatch.setenv("STORYLINE_CLAIM_EMBEDDINGS", "off")
    assert _vectors(None, [claim(1, "the terminal was sold")]) is None


def test_claim_embeddings_are_off_unless_asked(monkeypatch):
    from storyline import settings
    monkeypatch.delenv("STORYLINE_CLAIM_EMBEDDINGS", raising=False)
    assert settings.current().claim_embeddings == "off"
