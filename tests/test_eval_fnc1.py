"""The FNC-1 scorer and `storyline eval fnc1`."""
import csv
import json

import pytest

from storyline.cli import main
from storyline.evaluate.fnc1 import LABELS, score

KEYS = {"fnc_score", "macro_f1", "f1_agree", "f1_disagree", "f1_discuss", "f1_unrelated", "confusion", "pairs"}


def test_score_uses_the_official_weights():
    gold = ["agree", "disagree", "discuss", "unrelated", "agree"]
    pred = ["agree", "discuss", "unrelated", "unrelated", "unrelated"]
    m = score(gold, pred)
    # agree right 1.0; disagree->discuss 0.25 (related right); discuss->unrelated 0; unrelated right 0.25
    assert m["fnc_points"] == pytest.approx(1.5) and m["fnc_max"] == pytest.approx(4.25)
    assert m["fnc_score"] == pytest.approx(1.5 / 4.25)
    assert m["confusion"]["disagree"]["discuss"] == 1
    assert m["f1_agree"] == pytest.approx(2 / 3) and m["f1_disagree"] == 0.0
    assert m["f1_unrelated"] == pytest.approx(2 / 4)
    assert m["macro_f1"] == pytest.approx((2 / 3 + 0 + 0 + 0.5) / 4)
    assert score(gold, gold)["fnc_score"] == 1.0 and score(gold, gold)["macro_f1"] == 1.0


def _write(tmp_path):
    bodies = {"1": "Apple will sell a solid gold smartwatch for $10,000, the company confirmed on Monday.",
              "2": "The home side won the cup final 3-1 on Saturday after two late goals from the captain."}
    with open(tmp_path / "bodies.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Body ID", "articleBody"])
        w.writerows(bodies.items())
    rows = [("Apple to sell a $10,000 gold smartwatch", "1", "agree"),
            ("Apple to sell a $10,000 gold smartwatch", "2", "unrelated")]
    with open(tmp_path / "stances.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Headline", "Body ID", "Stance"])
        w.writerows(rows)
    return tmp_path / "stances.csv", tmp_path / "bodies.csv", rows


def test_cli_json_and_predictions(tmp_path, capsys):
    stances, bodies, rows = _write(tmp_path)
    out = tmp_path / "pred" / "stances.csv"
    assert main(["eval", "fnc1", "--stances", str(stances), "--bodies", str(bodies),
                 "--json", "--predictions", str(out)]) == 0
    m = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert KEYS <= set(m) and m["pairs"] == 2 and m["part"] == "all"
    with open(out, newline="", encoding="utf-8") as f:
        written = list(csv.DictReader(f))
    assert [(r["Headline"], r["Body ID"]) for r in written] == [(h, b) for h, b, _ in rows]
    assert {r["Stance"] for r in written} <= set(LABELS) and written[1]["Stance"] == "unrelated"


def test_cli_needs_both_files(tmp_path, capsys):
    assert main(["eval", "fnc1", "--stances", str(tmp_path / "x.csv")]) == 1
    assert "--bodies" in capsys.readouterr().err


def test_every_pair_given_is_scored_unless_asked(tmp_path, capsys):
    """Scoring a hash-chosen fifth of the files given, silently, hid what was measured."""
    stances, bodies, rows = _write(tmp_path)
    assert main(["eval", "fnc1", "--stances", str(stances), "--bodies", str(bodies), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["pairs"] == len(rows)


@pytest.mark.data
def test_unseen_topics_of_the_real_training_files(shared_data, capsys):
    from storyline.analyse.stance import load_model
    folder = shared_data / "fnc-1"
    assert main(["eval", "fnc1", "--stances", str(folder / "train_stances.csv"),
                 "--bodies", str(folder / "train_bodies.csv"), "--unseen", "--json"]) == 0
    m = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert KEYS <= set(m) and m["part"] == "unseen"
    assert all(0.0 <= m[k] <= 1.0 for k in KEYS - {"confusion", "pairs"})
    assert m["pairs"] == sum(sum(row.values()) for row in m["confusion"].values())
    assert load_model().fit_bodies and m["pairs"] > 10000
    # Floor close to the figure in docs/EVAL.md (topics the model never saw).
    assert m["fnc_score"] >= FNC_UNSEEN_FLOOR


FNC_UNSEEN_FLOOR = 0.83  # measured 0.8445 (2026-12-06)
