"""Merges and splits made by hand survive later ingests."""
import pytest

import storyline
from storyline.cli import main
from storyline.errors import StorylineError


def _names(story):
    return {e["name"]: set(e["aliases"]) for e in story.entities()}


@pytest.fixture()
def corpus(tmp_path):
    (tmp_path / "a.txt").write_text("date 2026-03-10\n\nTalks\n\nMinister Ilse Kova met the lobbyist Petar Dunn "
                                    "in Portvale on Monday. Kova said the talks went well.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2026-03-11\n\nTalks\n\nThe minister, Ilse Kova-Brandt, arrived late, "
                                    "officials said. Dunn said little.\n", encoding="utf-8")
    return tmp_path


def _entity_holding(story, alias):
    return next(e for e in story.entities() if alias in e["aliases"])


def test_merge_joins_two_entities_and_survives_a_later_ingest(corpus, tmp_path):
    db = tmp_path / "s.db"
    storyline.ingest([corpus / "a.txt", corpus / "b.txt"], db)
    with storyline.open(db) as story:
        assert _entity_holding(story, "Ilse Kova")["id"] != _entity_holding(story, "Ilse Kova-Brandt")["id"]
        merged = story.merge_entities("Ilse Kova", "Ilse Kova-Brandt")
        assert {"Ilse Kova", "Ilse Kova-Brandt"} <= set(merged["aliases"])
    (corpus / "c.txt").write_text("date 2026-03-12\n\nMore\n\nJane Doe left Portvale.\n", encoding="utf-8")
    storyline.ingest([corpus], db)
    with storyline.open(db) as story:
        assert _entity_holding(story, "Ilse Kova")["id"] == _entity_holding(story, "Ilse Kova-Brandt")["id"]


def test_split_takes_mentions_out_and_survives_a_later_ingest(corpus, tmp_path):
    db = tmp_path / "s.db"
    storyline.ingest([corpus / "a.txt"], db)
    with storyline.open(db) as story:
        before = _entity_holding(story, "Ilse Kova")
        assert "Kova" in before["aliases"]
        apart = story.split_entity("Ilse Kova", "Kova")
        assert apart["name"] == "Kova" and "Kova" not in _entity_holding(story, "Ilse Kova")["aliases"]
    storyline.ingest([corpus], db)
    with storyline.open(db) as story:
        assert "Kova" not in _entity_holding(story, "Ilse Kova")["aliases"]


def test_unknown_names_are_clear_errors(corpus, tmp_path, capsys):
    db = tmp_path / "s.db"
    storyline.ingest([corpus / "a.txt"], db)
    with storyline.open(db) as story:
        with pytest.raises(StorylineError, match="no entity is called 'Nobody'"):
            story.merge_entities("Ilse Kova", "Nobody")
    assert main(["entities", "merge", "Ilse Kova", "--db", str(db)]) == 1
    assert "takes two names" in capsys.readouterr().err
    assert main(["entities", "merge", "Ilse Kova", "Petar Dunn", "--db", str(db)]) == 0
    assert "merged: " in capsys.readouterr().out
