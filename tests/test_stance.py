"""The stance model: loads offline, answers with a label and probabilities; the FNC-1 split is by body."""
import pytest

from storyline.analyse.stance import LABELS, _stem, load_model, stance, stances
from storyline.evaluate.fnc1 import Pair, part, select

CLAIM = "Apple to sell a solid gold smartwatch for $10,000"
ABOUT_IT = ("Apple will sell a solid gold edition of its smartwatch for $10,000, the company confirmed on Monday. "
            "The gold Apple Watch goes on sale in April, Apple said, alongside cheaper aluminium models.")
ELSEWHERE = ("The home side won the cup final 3-1 on Saturday after two late goals from the captain. "
             "Fans celebrated in the streets of the city until the early hours.")


def test_model_loads_offline_and_is_small():
    model = load_model()
    assert model.stage1 is not None and model.stage2 is not None
    assert 1000 < len(model.idf) and len(model.bag) > 100


@pytest.mark.parametrize("body", [ABOUT_IT, ELSEWHERE, "", "?"])
def test_label_and_probabilities(body):
    label, probs = stance(CLAIM, body)
    assert label in LABELS and set(probs) == set(LABELS)
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-6)
    assert all(0.0 <= p <= 1.0 for p in probs.values())


def test_unrelated_body_is_unrelated_and_related_body_is_not():
    assert stance(CLAIM, ELSEWHERE)[0] == "unrelated"
    label, probs = stance(CLAIM, ABOUT_IT)
    assert label != "unrelated" and probs["unrelated"] < 0.5


def test_batch_matches_single_calls():
    pairs = [(CLAIM, ABOUT_IT), (CLAIM, ELSEWHERE), ("Gold watch denied", ABOUT_IT)]
    batch = stances(pairs)
    for pair, (label, probs) in zip(pairs, batch):
        one_label, one_probs = stance(*pair)
        assert label == one_label
        assert probs == pytest.approx(one_probs, abs=1e-6)
    assert stances([]) == []


@pytest.mark.parametrize("word, stem", [("denied", "deni"), ("denies", "deni"), ("reportedly", "report"),
                                        ("hoaxes", "hoax"), ("stopped", "stop"), ("isis", "isis")])
def test_stem(word, stem):
    assert _stem(word) == stem


def test_split_is_by_body_and_deterministic():
    # Pinned: the hash is sha256, so these hold on any machine and Python version.
    assert [b for b in map(str, range(20)) if part(b)] == PINNED_HOLDOUT
    held = sum(part(str(b)) for b in range(5000)) / 5000
    assert 0.17 < held < 0.23
    pairs = [Pair(f"headline {h}", str(b), "unrelated") for b in range(300) for h in range(3)]
    parts = {w: select(pairs, w) for w in ("holdout", "train", "fit", "dev")}
    bodies = {w: {p.body_id for p in ps} for w, ps in parts.items()}
    assert not bodies["holdout"] & bodies["train"] and not bodies["fit"] & bodies["dev"]
    assert bodies["fit"] | bodies["dev"] == bodies["train"]
    assert len(parts["holdout"]) + len(parts["train"]) == len(pairs)
    assert all(len([p for p in parts["holdout"] if p.body_id == b]) == 3 for b in bodies["holdout"])
    assert select(pairs, "holdout") == parts["holdout"]


PINNED_HOLDOUT = ["12", "14"]
