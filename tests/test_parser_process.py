"""The parse in a second process: the same Docs as in this one, in the order read, and a failure
of the child handled like any parse failure."""
import threading

import pytest

from storyline import parser_process
from storyline.analyse.nlp import text_of
from storyline.ingest import _parsed_in_child



@pytest.fixture(autouse=True)
def forkable(request):
    if request.node.name.startswith("test_no_child") or request.node.name.startswith("test_off"):
        return
    if not parser_process.usable():  # no fork or one core here, or an earlier test left a thread running
        pytest.skip("no parse process can run in this process now")

TEXTS = [
    "Minister Ilse Kova met the lobbyist Petar Dunn on Tuesday, two officials said.",
    "Kova denied that she had met Dunn.\n\n\"I have never met him,\" she said on Wednesday.",
    "The Daily Herald reported on March 5, 2026 that the port deal was questioned.",
]


def _same(a, b) -> None:
    assert a.text == b.text
    for x, y in zip(a, b):
        assert (x.text, x.tag_, x.pos_, x.lemma_, x.dep_, x.head.i, x.ent_iob_, x.ent_type_, x.is_sent_start) == \
            (y.text, y.tag_, y.pos_, y.lemma_, y.dep_, y.head.i, y.ent_iob_, y.ent_type_, y.is_sent_start)
    assert [s.text for s in a.sents] == [s.text for s in b.sents]
    assert a.tensor.shape == b.tensor.shape and (a.tensor == b.tensor).all()
    assert text_of(a) == text_of(b) == a.text


def test_the_child_gives_the_docs_this_process_would_parse(nlp):
    here = list(nlp.pipe(TEXTS))
    with parser_process.ParserProcess(nlp) as child:
        child.send([(t, k) for k, t in enumerate(TEXTS)])
        there = child.receive()
    assert [k for _, k in there] == [0, 1, 2]
    for a, (b, _) in zip(here, there):
        _same(a, b)


def test_batches_come_back_in_the_order_read_whoever_parsed_them(nlp, monkeypatch):
    # the child never ready: this process parses every batch it can itself, and still the order holds
    monkeypatch.setattr(parser_process.ParserProcess, "ready", lambda self: False)
    stream = [(f"Story {k}. The mayor said on Monday that the port would open.", k) for k in range(30)]
    got = [k for _, k in _parsed_in_child(nlp, iter(stream), 2, parser_process.ParserProcess(nlp))]
    assert got == list(range(30))


def test_a_batch_the_child_cannot_parse_raises_here_and_the_child_ends(nlp):
    child = parser_process.ParserProcess(nlp)
    try:
        child.send([(None, 0)])  # no text: spaCy raises in the child
        with pytest.raises(RuntimeError):
            child.receive()
        child.send([(TEXTS[0], 1)])  # the child goes on with the next batch
        assert child.receive()[0][1] == 1
    finally:
        child.close()
    assert not child._proc.is_alive()


def test_no_child_while_another_thread_runs():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not parser_process.usable()  # a fork would copy no thread and maybe a held lock
    finally:
        stop.set()
        other.join()


def test_off_by_setting(monkeypatch):
    monkeypatch.setenv("STORYLINE_PARSE_PROCESS", "off")
    assert not parser_process.usable()
