"""A terminal that fits: tables fitted to the width, names that match nothing, pages of long
lists, and progress with a total and the time left (a bar on a terminal, lines when piped)."""
import io
import json

import pytest

from storyline.cli import main
from storyline.ingest import Progress
from storyline.present.names import closest_names
from storyline.present.progress import IngestProgress
from storyline.present.tables import cell_width, clip, table

ROWS = [[1, "Ilse Kova", "said", "she had never met Petar Dunn, and her spokeswoman repeated it at a briefing"],
        [2, "two people who work in the ministry [anon x2]", "According to",
         "Kova's advisers told her that the restaurant's booking records would soon be published"]]


@pytest.mark.parametrize("width", [40, 60, 80, 100, 120])
def test_a_table_fits_the_width(width):
    shown = table(["id", "source", "cue", "claim"], ROWS, width)
    assert all(cell_width(line) <= width for line in shown.text.splitlines()), shown.text
    assert shown.text.splitlines()[0].split() == ["id", "source", "cue", "claim"]


def test_a_narrow_table_wraps_cells_and_keeps_their_words():
    shown = table(["id", "source", "cue", "claim"], ROWS, 80)
    words = " ".join(shown.text.split())
    for word in ("Ilse", "Kova", "According", "spokeswoman"):
        assert word in words
    assert len(shown.text.splitlines()) > 4  # rows run over several lines


def test_a_wide_table_is_whole_and_says_nothing_was_cut():
    shown = table(["id", "source", "cue", "claim"], ROWS, None)
    assert ROWS[1][3] in shown.text and not shown.clipped
    assert len(shown.text.splitlines()) == 4


def test_a_table_that_fits_is_left_alone():
    shown = table(["a", "b"], [["x", "y"]], 80)
    assert shown.text.splitlines() == ["a  b", "-  -", "x  y"] and not shown.clipped


def test_cut_cells_are_said_to_be_cut():
    shown = table(["id", "claim"], [[1, "word " * 200]], 40)
    assert shown.clipped and "\u2026" in shown.text


@pytest.mark.parametrize("text, width, expected", [
    ("short", 10, "short"), ("a longer text", 8, "a longe\u2026"), ("line\nbreak\ttab", 20, "line break tab"),
    ("\u6771\u4eac\u90fd\u5e81", 5, "\u6771\u4eac\u2026"), ("\x1b[2Jclear", 20, "[2Jclear"),
])
def test_clip(text, width, expected):
    assert clip(text, width) == expected and cell_width(clip(text, width)) <= width


ENTITIES = [{"name": "Ilse Kova", "aliases": ["Ilse Kova", "Kova"], "mentions": 25},
            {"name": "Petar Dunn", "aliases": ["Petar Dunn", "Dunn", "Mr. Dunn"], "mentions": 19},
            {"name": "Greyline Shipping", "aliases": ["Greyline Shipping", "Greyline"], "mentions": 16}]


@pytest.mark.parametrize("given, expected", [
    ("Kovaa", ["Kova (Ilse Kova)"]), ("petar dun", ["Petar Dunn"]), ("Greyline Shiping", ["Greyline Shipping"]),
    ("Nobody", []), ("Dunn Petar", ["Petar Dunn"]),
])
def test_closest_names(given, expected):
    assert closest_names(given, ENTITIES)[: len(expected)] == expected
    if not expected:
        assert closest_names(given, ENTITIES) == []


def test_a_name_that_matches_nothing_exits_2_with_the_closest(demo_db, capsys):
    db = str(demo_db[0])
    assert main(["timeline", "--db", db, "--entity", "Nobody"]) == 2
    err = capsys.readouterr().err
    assert "no entity is called 'Nobody'" in err and "storyline entities" in err
    assert main(["timeline", "--db", db, "--entity", "Kovaa"]) == 2
    assert "Kova (Ilse Kova)" in capsys.readouterr().err
    assert main(["entities", "merge", "Ilse Kova", "Petar Dun", "--db", db]) == 2
    assert "Petar Dunn" in capsys.readouterr().err
    assert main(["entities", "--type", "SPACESHIP", "--db", db]) == 2
    assert "PERSON" in capsys.readouterr().err
    assert main(["timeline", "--db", db, "--entity", "kova"]) == 0  # any case, as before


def test_long_lists_say_they_are_cut_and_page_with_offset(demo_db, capsys):
    db = str(demo_db[0])
    assert main(["claims", "--db", db, "--json"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert len(every) > 10
    assert main(["claims", "--db", db, "--limit", "4", "--offset", "2", "--json"]) == 0
    out, err = capsys.readouterr()
    assert [c["id"] for c in json.loads(out)] == [c["id"] for c in every[2:6]]
    assert f"3\u20136 of {len(every)}" in err and "--offset 6" in err
    assert main(["claims", "--db", db, "--limit", "3"]) == 0
    out, err = capsys.readouterr()
    assert f"1\u20133 of {len(every)}" in err
    assert main(["claims", "--db", db, "--offset", "100000"]) == 0
    assert "past the end" in capsys.readouterr().err
    assert main(["claims", "--db", db]) == 0
    assert "showing" not in capsys.readouterr().err  # all of them fit the default 200


def test_tables_fit_columns_and_wide_shows_them_whole(demo_db, capsys, monkeypatch):
    db = str(demo_db[0])
    monkeypatch.setenv("COLUMNS", "72")
    assert main(["claims", "--db", db]) == 0
    out, err = capsys.readouterr()
    assert max(cell_width(line) for line in out.splitlines()) <= 72
    assert "--wide" in err
    assert main(["claims", "--db", db, "--wide"]) == 0
    out, err = capsys.readouterr()
    assert max(cell_width(line) for line in out.splitlines()) > 72 and "--wide" not in err


class _Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_progress_when_piped_is_a_line_now_and_then_with_percent_and_time_left():
    clock, out = _Clock(), io.StringIO()
    progress = IngestProgress(out, interactive=False, every=10, clock=clock)
    for second in range(0, 41):
        clock.now = float(second)
        progress(Progress(done=second * 1000, total=40_000, articles=second, words=second * 500))
    clock.now = 41.0
    progress(Progress(done=40_000, total=40_000, articles=40, words=20_000, stage="resolve"))
    progress.close()
    lines = out.getvalue().splitlines()
    assert 4 <= len(lines) <= 7, lines  # at 0, 10, 20, 30, 40 s and when resolving starts
    assert lines[0].startswith("storyline: ingest 0% of 40.0 kB")
    assert "50%" in lines[2] and "left" in lines[2] and "500 words/s" in lines[2]
    assert lines[-1].startswith("storyline: resolving")
    assert "\r" not in out.getvalue() and "\x1b" not in out.getvalue()


def test_progress_on_a_terminal_is_rich_bar():
    out = io.StringIO()
    progress = IngestProgress(out, interactive=True, every=10)
    progress(Progress(done=500, total=1000, articles=3, words=900))
    progress.bar.refresh()
    progress.close()
    shown = out.getvalue()
    assert "50%" in shown and "3 articles" in shown


def test_ingest_reports_progress_to_the_whole(tmp_path):
    import storyline
    from storyline.api import demo_corpus
    seen = []
    from storyline.ingest import ingest
    from storyline.store.db import Store
    with Store(tmp_path / "p.db") as store:
        ingest([demo_corpus()], store, on_progress=seen.append)
    assert seen[0].done == 0 and seen[0].total > 10_000
    analysed = [p for p in seen if p.stage == "analyse"]
    assert [p.done for p in analysed] == sorted(p.done for p in analysed)
    assert analysed[-1].done == pytest.approx(analysed[-1].total)
    assert [p.stage for p in seen[-2:]] == ["resolve", "judge"]
    assert storyline  # imported for the package's lazy names
