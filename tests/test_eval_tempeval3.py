"""The TempEval-3 scorer: TimeML reading, strict/relaxed matching and attribute F1."""
import json
from datetime import date

import pytest

from storyline.cli import main
from storyline.evaluate import tempeval3
from storyline.evaluate.tempeval3 import Gold, parse, score
from storyline.records import Timex

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2026-03-11" temporalFunction="false" functionInDocument="CREATION_TIME">March 11, 2026</TIMEX3></DCT>
<TEXT>
The minister <EVENT eid="e1" class="OCCURRENCE">met</EVENT> the lobbyist <TIMEX3 tid="t1" type="DATE" value="2026-03-10">yesterday</TIMEX3> &amp; talked for <TIMEX3 tid="t2" type="DURATION" value="PT2H">two hours</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_text_offsets_and_dct():
    d = parse(TML)
    assert d.dct == date(2026, 3, 11)
    assert [d.text[g.start:g.end] for g in d.timexes] == ["yesterday", "two hours"]
    assert "&amp;" not in d.text and " & " in d.text
    assert d.timexes[0] == Gold(d.timexes[0].start, d.timexes[0].end, "DATE", "2026-03-10")


def test_strict_relaxed_and_value_f1():
    gold = [Gold(0, 9, "DATE", "2026-03-10"), Gold(20, 29, "DURATION", "PT2H")]
    pred = [Timex(0, 9, "yesterday", "DATE", "2026-03-10"),
            Timex(16, 29, "for two hours", "DURATION", "P2H"),   # overlaps, wrong value
            Timex(40, 45, "today", "DATE", "2026-03-11")]         # spurious
    m = score([pred], [gold])
    assert m["strict_precision"] == pytest.approx(1 / 3) and m["strict_recall"] == pytest.approx(1 / 2)
    assert m["relaxed_precision"] == pytest.approx(2 / 3) and m["relaxed_recall"] == 1.0
    assert m["value_accuracy"] == pytest.approx(1 / 2) and m["type_accuracy"] == 1.0
    assert m["value_f1"] == pytest.approx(m["relaxed_f1"] / 2)


def test_cli_json_and_predictions(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "t1.tml").write_text(TML, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["eval", "tempeval3", str(tmp_path), "--json", "--predictions", str(out)]) == 0
    m = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert m["documents"] == 1 and m["gold_timexes"] == 2
    assert m["strict_f1"] == 1.0 and m["value_f1"] == 1.0
    written = parse((out / "sub" / "t1.tml").read_text(encoding="utf-8"))
    assert [(g.type, g.value) for g in written.timexes] == [("DATE", "2026-03-10"), ("DURATION", "PT2H")]


def test_no_tml_files_is_a_clear_error(tmp_path, capsys):
    assert main(["eval", "tempeval3", str(tmp_path)]) == 1
    assert "no .tml files" in capsys.readouterr().err


@pytest.mark.data
def test_real_documents_score(shared_data):
    docs = tempeval3.load(shared_data / "tempeval3" / "train" / "TBAQ-cleaned" / "TimeBank")[:5]
    m = score(tempeval3.predict(docs), [d.timexes for d in docs])
    assert m["gold_timexes"] > 0 and m["relaxed_f1"] > 0.5
