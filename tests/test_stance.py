"""The stance model: loads offline, answers with a label and probabilities; the FNC-1 split is by body."""
import pytest

from storyline.analyse.stance import LABELS, _stem, load_model, stance, stances
from storyline.evaluate.fnc1 import Pair, parts, select, topics

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


def test_parts_are_whole_topics_and_deterministic():
    # Topic t: headlines "h{t}a", "h{t}b" related to bodies 10t..10t+2; every headline also meets a
    # body of the next topic as unrelated, which joins no topics.
    pairs = []
    for t in range(40):
        for h in (f"h{t}a", f"h{t}b"):
            pairs += [Pair(h, str(10 * t + i), "agree" if i else "disagree") for i in range(3)]
            pairs.append(Pair(h, str(10 * ((t + 1) % 40)), "unrelated"))
    body_topic, head_topic = topics(pairs)
    assert len(set(body_topic.values())) == 40 and body_topic["11"] == body_topic["12"] == "h1a"
    assert head_topic["h1b"] == "h1a"
    part_of = parts(pairs, excluded_bodies={"31"})
    assert part_of["h3a"] == "excluded"
    assert set(part_of.values()) == {"excluded", "fit", "tune"}
    assert part_of == parts(list(reversed(pairs)), excluded_bodies={"31"})  # order does not matter
    for which in ("fit", "tune", "excluded"):
        chosen = select(pairs, which, {"31"})
        assert chosen and all(part_of[body_topic[p.body_id]] == which == part_of[head_topic[p.headline]]
                              for p in chosen)
    assert len(select(pairs, "all")) == len(pairs)
    # Pinned: the hash is sha256, so the tune part is the same on any machine and Python version.
    assert sorted(t for t, w in part_of.items() if w == "tune") == PINNED_TUNE


PINNED_TUNE = ["h0a"]
