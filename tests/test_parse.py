"""The Parse lists (analyse/parse.py) say what spaCy's Token objects say, and hold no Doc alive."""
import gc
import weakref

import pytest

from storyline.analyse.parse import parse_of

TEXT = ("Kova denied on Tuesday that she had met Dunn. \"Did they meet?\" a reporter asked.\n\n"
        "The ministry, which declined to comment, said it would review the contract")


def test_lists_match_the_tokens(nlp):
    doc = nlp(TEXT)
    p = parse_of(doc)
    assert len(p) == len(doc)
    for t in doc:
        i = t.i
        assert (p.text[i], p.lower[i], p.lemma[i]) == (t.text, t.lower_, t.lemma_.lower())
        assert (p.tag[i], p.dep[i], p.pos[i], p.ent[i]) == (t.tag_, t.dep_, t.pos_, t.ent_type_)
        assert (p.idx[i], p.head[i], p.sent_start[i]) == (t.idx, t.head.i, t.is_sent_start)
        assert (p.punct[i], p.stop[i], p.space[i]) == (t.is_punct, t.is_stop, t.is_space)
        assert p.children[i] == [c.i for c in t.children]
        assert [c.i for c in p.kids(i)] == [c.i for c in t.children]
        assert (p.edges[0][i], p.edges[1][i]) == (t.left_edge.i, t.right_edge.i)
        assert p.sentence_chars(i) == (t.sent.start_char, t.sent.end_char)


def test_kept_once_and_read_again(nlp):
    doc = nlp("She said so.")
    assert parse_of(doc) is parse_of(doc)


@pytest.mark.parametrize("text", [TEXT, ""])
def test_an_analysed_doc_is_freed_when_let_go(nlp, text):
    """The Parse is kept on the Doc; a reference back to it would leave every analysed Doc (and its
    tensors) to the cycle collector."""
    from storyline.analyse.core import analyse_doc
    from storyline.records import Article
    doc = nlp(text)
    analyse_doc(Article(id="a", name="a.txt", text=text), doc)
    gone = weakref.ref(doc)
    enabled = gc.isenabled()
    gc.disable()
    try:
        del doc
        assert gone() is None
    finally:
        if enabled:
            gc.enable()
