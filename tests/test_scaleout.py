"""Analysis on a Dask cluster stores what a local run stores; failures stay per article."""
import pytest

import storyline
from storyline import scaleout
from storyline.cli import main
from storyline.read.text import read_text

pytest.importorskip("distributed")

TEXTS = {
    "a.txt": "date 2026-03-10\n\nTalks\n\nMinister Ilse Kova met the lobbyist Petar Dunn in Portvale on Monday. "
             "Kova said the talks went well, according to two officials.\n",
    "b.txt": "date 2026-03-12\n\nDenial\n\nPetar Dunn denied that he had met the minister, his lawyer said on "
             "Wednesday. \"There was no meeting,\" the lawyer told the Herald.\n",
    "c.txt": "date 2026-03-13\n\nVote\n\nThe council voted on Thursday to fine Greyline Shipping.\n",
}


def _corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _what(db):
    with storyline.open(db) as story:
        names = {d["id"]: d["name"] for d in story.documents()}
        return ({(names[c["doc"]], c["start"], c["end"], c["polarity"], c["source"]["text"]) for c in story.claims()},
                {(names[e["doc"]], e["start"], e["type"], e["when"]) for e in story.events()},
                {(e["name"], e["type"]) for e in story.entities()})


def test_a_local_dask_cluster_stores_what_a_local_run_stores(tmp_path):
    corpus = _corpus(tmp_path)
    local = storyline.ingest([corpus], tmp_path / "local.db")
    remote = storyline.ingest([corpus], tmp_path / "dask.db", engine="dask", n_process=1)
    assert (remote.added, remote.failures) == (local.added, []) == (3, [])
    claims, events, entities = _what(tmp_path / "dask.db")
    assert claims and events and entities
    assert (claims, events, entities) == _what(tmp_path / "local.db")
    again = storyline.ingest([corpus], tmp_path / "dask.db", engine="dask", n_process=1)
    assert (again.added, again.already) == (0, 3)  # idempotent whatever the engine


def test_an_analysis_that_raises_fails_its_article_only(monkeypatch):
    from storyline.analyse import core
    real = core.analyse_doc

    def fragile(article, doc):
        if "Greyline" in article.text:
            raise RuntimeError("boom")
        return real(article, doc)

    monkeypatch.setattr(core, "analyse_doc", fragile)
    batch = [read_text(text, name) for name, text in TEXTS.items()]
    results = scaleout.analyse_batch(batch, None)
    assert [r[0].name for r in results] == list(TEXTS)
    assert [r[2] for r in results] == [None, None, "RuntimeError: boom"]
    assert results[0][1].claims and results[2][1] is None


class _LostWorker:
    key = "k"

    def result(self):
        raise OSError("worker lost")


def test_a_lost_worker_fails_each_article_of_its_batch():
    batch = [read_text(text, name) for name, text in TEXTS.items()]
    failed = []
    assert list(scaleout._finished(_LostWorker(), {"k": batch}, failed.append)) == []
    assert [f.path for f in failed] == list(TEXTS)
    assert all("worker" in f.problem and "again" in f.hint for f in failed)


def test_a_scheduler_needs_the_dask_engine(tmp_path, capsys):
    assert main(["ingest", str(_corpus(tmp_path)), "--db", str(tmp_path / "s.db"),
                 "--scheduler", "tcp://127.0.0.1:8786"]) == 1
    err = capsys.readouterr().err
    assert "E422" in err and "--engine dask" in err and "Traceback" not in err
