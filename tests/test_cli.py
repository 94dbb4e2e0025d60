import json
import subprocess
import sys

import pytest

from storyline.cli import _parser, main


def _subcommands():
    parser = _parser()
    action = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return action.choices


def test_every_command_and_option_has_help_text():
    for name, sub in _subcommands().items():
        assert sub.description, f"`storyline {name}` has no description"
        for action in sub._actions:
            if action.dest != "help":
                assert action.help, f"`storyline {name}` option {action.dest} has no help"


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["ingest"])
    assert exc.value.code == 2
    assert main([]) == 2


def test_missing_database_is_one_clear_line(tmp_path, capsys):
    assert main(["entities", "--db", str(tmp_path / "nope.db")]) == 5  # README: no database, exit 5
    err = capsys.readouterr().err
    assert "no database at" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_not_a_database_is_one_clear_line(tmp_path, capsys):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"junk" * 1000)
    assert main(["claims", "--db", str(bad)]) == 7  # README: not a Storyline database, exit 7
    err = capsys.readouterr().err
    assert "not a Storyline database" in err and "Traceback" not in err


def test_eval_needs_a_folder(tmp_path, capsys):
    assert main(["eval", "demo", str(tmp_path / "missing")]) == 1
    assert "is not a folder" in capsys.readouterr().err


def test_console_script_runs_without_traceback(tmp_path):
    out = subprocess.run([sys.executable, "-m", "storyline.cli", "timeline", "--db", str(tmp_path / "x.db")],
                         capture_output=True, text=True)
    assert out.returncode == 5 and "Traceback" not in out.stderr


def test_every_setting_is_documented_in_the_readme():
    import re
    from pathlib import Path
    import storyline.settings
    root = Path(__file__).resolve().parent.parent
    names = set(re.findall(r"STORYLINE_[A-Z_]+", Path(storyline.settings.__file__).read_text()))
    names |= set(re.findall(r"STORYLINE_[A-Z_]+", (root / "src/storyline/cli.py").read_text()))
    readme = (root / "README.md").read_text()
    assert names and not [n for n in names if n not in readme]


def test_timeline_shows_what_matters_and_all_shows_every_event(demo_db, capsys):
    from storyline.cli import main as cli
    assert cli(["timeline", "--db", str(demo_db[0]), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert cli(["timeline", "--db", str(demo_db[0]), "--json", "--all"]) == 0
    every = json.loads(capsys.readouterr().out)
    assert shown and all(r["salient"] for r in shown) and len(shown) < len(every)
    # an event told by two or more articles always matters; a saying told once, in passing, may not
    assert all(r in shown for r in every if len(r["articles"]) >= 2)
    assert any(r["type"] == "statement" and len(r["articles"]) == 1 for r in every if r not in shown)


def test_eval_will_not_score_an_old_kept_database(tmp_path, capsys):
    """--keep-db into a file that exists would score that store's old analysis, not this run's."""
    old = tmp_path / "old.db"
    old.write_bytes(b"")
    code = main(["eval", "casefile", str(tmp_path), "--keep-db", str(old)])
    err = capsys.readouterr().err
    assert code != 0 and "already exists" in err and "Traceback" not in err
