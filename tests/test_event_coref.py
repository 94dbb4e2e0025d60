"""Cross-article event coreference as the product runs it: blocking, resolving, storing."""
import json

import numpy as np
import pytest

import storyline
from storyline.analyse.event_profiles import stem
from storyline.records import DocumentProfile, EventProfile, SentenceProfile
from storyline.resolve import event_coref as ec
from storyline.resolve.event_features import Index, Mention, PairTable, WordPairs


def _mention(k, doc, lemma, sentence=0, args=()):
    return Mention(k, doc, EventProfile(k, k + 1, sentence, lemma, stem(lemma), lemma, "VERB", (lemma,),
                                        tuple(args)))


def _document(*words, sentences=(0,)):
    return DocumentProfile(words={w: 1 for w in words}, sentences={s: SentenceProfile(words=tuple(words))
                                                                   for s in sentences})


def test_average_link_merges_only_above_threshold():
    sims = np.array([[0, .9, .1, 0], [.9, 0, .2, 0], [.1, .2, 0, .8], [0, 0, .8, 0]], dtype=float)
    assert sorted(ec.average_link(sims, 0.5)) == [[0, 1], [2, 3]]
    assert sorted(ec.average_link(sims, 0.95)) == [[0], [1], [2], [3]]
    assert ec.average_link(np.zeros((0, 0)), 0.5) == []


def test_link_is_average_link_inside_groups_of_strong_pairs():
    i, j = np.array([0, 0, 1, 3]), np.array([1, 2, 2, 4])
    sims = np.array([0.9, 0.1, 0.2, 0.8])
    dense = np.zeros((5, 5))
    dense[i, j] = dense[j, i] = sims
    assert ec.link(5, i, j, sims, 0.5) == sorted(ec.average_link(dense, 0.5)) == [[0, 1], [2], [3, 4]]
    # a group larger than the cap is cut at a higher threshold
    chain_i, chain_j = np.arange(5), np.arange(1, 6)
    assert ec.link(6, chain_i, chain_j, np.full(5, 0.6), 0.1, cap=3) == [[0], [1], [2], [3], [4], [5]]
    assert ec.link(3, np.zeros(0, dtype=int), np.zeros(0, dtype=int), np.zeros(0), 0.5) == [[0], [1], [2]]


def test_articles_are_compared_only_when_they_share_a_telling_word(monkeypatch):
    documents = {"a": _document("quake", "chile", "friday"), "b": _document("quake", "chile", "rescue"),
                 "c": _document("oscar", "host", "jackman"), "d": _document("oscar", "host", "ceremony"),
                 "e": _document("budget", "vote")}
    index = Index([], documents)
    i, j = ec._candidate_documents(index.tfidf)
    assert sorted(zip(i.tolist(), j.tolist())) == [(0, 1), (2, 3)]
    topics = ec.document_topics(index)
    assert topics["a"] == topics["b"] != topics["c"] == topics["d"] != topics["e"]
    monkeypatch.setattr(ec, "BLOCK_DF", 1)  # a word in two articles now blocks nothing
    assert len(ec._candidate_documents(index.tfidf)[0]) == 0


def _pairs(index, topics, words, documents=None):
    i, j = ec.mention_pairs(index, topics, documents, words)
    return sorted((index.mentions[a].id, index.mentions[b].id) for a, b in zip(i.tolist(), j.tolist()))


def test_mention_pairs_are_blocked_by_article_topic_and_word():
    mentions = [_mention(0, "a", "kill"), _mention(1, "a", "arrest"), _mention(2, "b", "kill"),
                _mention(3, "b", "shoot"), _mention(4, "b", "say"), _mention(5, "c", "kill")]
    documents = {d: _document("x") for d in "abc"}
    index = Index(mentions, documents)
    topics = {"a": 0, "b": 0, "c": 1}
    words = WordPairs({"kill|shoot": [3, 4]}, {})
    assert _pairs(index, topics, words) == [
        (0, 1),                          # one article: every pair
        (0, 2), (0, 3),                  # across articles of a topic: one stem, or stems seen coreferring
        (2, 3), (2, 4), (3, 4)]          # "say" meets nothing in other articles; "c" is another topic
    every = ec.mention_pairs(index, topics)  # without word counts: every pair of a topic
    assert len(every[0]) == 10


def test_in_a_large_topic_an_article_meets_only_its_likeliest_neighbours(monkeypatch):
    monkeypatch.setattr(ec, "NEIGHBOURS", 1)
    mentions = [_mention(k, d, "vote") for k, d in enumerate("abc")]
    index = Index(mentions, {d: _document("x") for d in "abc"})
    same_event = PairTable(3, np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([0.9, 0.2, 0.1]), np.zeros(3))
    words = WordPairs({}, {})
    # a's likeliest is b, b's is a, c's is a: the pair (b, c) is never compared
    assert _pairs(index, {d: 0 for d in "abc"}, words, same_event) == [(0, 1), (0, 2)]


def test_resolve_groups_one_event_told_by_two_articles():
    documents = {"a": DocumentProfile(words={"quake": 2, "chile": 1, "kill": 1},
                                      sentences={0: SentenceProfile(words=("chile", "kill", "quake"))}),
                 "b": DocumentProfile(words={"quake": 1, "chile": 2, "kill": 1},
                                      sentences={0: SentenceProfile(words=("chile", "kill", "quake"))}),
                 "c": DocumentProfile(words={"oscar": 2, "host": 1}, sentences={0: SentenceProfile(words=("oscar",))})}
    mentions = [_mention(0, "a", "quake", args=("chile",)), _mention(1, "b", "quake", args=("chile",)),
                _mention(2, "c", "host")]
    clusters = ec.resolve(mentions, documents)
    assert sorted(sorted(c) for c in clusters) == [[0, 1], [2]]
    assert ec.resolve([], documents) == []


WIRE = ("PORTVALE, March 21 (Harbour Wire) - The Harbour Council voted on Friday to approve the port contract "
        "with Greyline Shipping. Council member Ana Ruiz said the vote followed a long debate.")
HERALD = ("The Harbour Council voted on Friday on the Greyline Shipping port contract, approving it after a "
          "debate of several hours, Council member Ana Ruiz said.")
COURIER = ("Greyline Shipping won the port contract on Friday when the Harbour Council voted to approve it, "
           "Ana Ruiz said. The vote ends a year of talks.")
OTHER = "A farmer in Eastmoor said the spring rain had come early this year and the wheat was doing well."


def _clusters(db):
    with storyline.open(db) as story:
        events = story.events()
        stored = story.store.query("SELECT event_id, cluster FROM event_clusters")
    return events, {r["event_id"]: r["cluster"] for r in stored}


def test_ingest_stores_event_clusters_and_a_later_ingest_updates_them(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "herald.txt").write_text(HERALD, encoding="utf-8")
    (folder / "other.txt").write_text(OTHER, encoding="utf-8")
    db = tmp_path / "s.db"
    storyline.ingest([folder], db)
    events, stored = _clusters(db)
    assert events and set(stored) == {e["id"] for e in events}  # every event has its stored cluster
    assert all(e["cluster"] == stored[e["id"]] for e in events)
    votes = [e for e in events if e["trigger"] == "voted"]
    assert len({e["doc"] for e in votes}) == 2 and len({e["cluster"] for e in votes}) == 1
    with storyline.open(db) as story:
        assert story.store.count("event_profiles") == 3  # one row per article, its events' profiles inside
    (folder / "courier.txt").write_text(COURIER, encoding="utf-8")
    storyline.ingest([folder], db)  # the new article's events are resolved with those stored
    events, stored = _clusters(db)
    assert set(stored) == {e["id"] for e in events}
    votes = [e for e in events if e["trigger"] == "voted"]
    assert len({e["doc"] for e in votes}) == 3 and len({e["cluster"] for e in votes}) == 1


def test_the_resolver_of_ingest_is_the_one_the_ecbplus_evaluation_calls(tmp_path, monkeypatch):
    """One function, one model: `rebuild` (ingest) and `eval ecbplus` both go through
    event_coref.resolve with the model the settings choose."""
    from storyline.evaluate import ecbplus
    calls = []
    real = ec.resolve

    def spy(mentions, documents, **kwargs):
        calls.append(kwargs.get("model") or ec.load_model(ec.use_embeddings()))
        return real(mentions, documents, **kwargs)
    monkeypatch.setattr(ec, "resolve", spy)
    (tmp_path / "a.txt").write_text(WIRE, encoding="utf-8")
    storyline.ingest([tmp_path / "a.txt"], tmp_path / "s.db")
    assert len(calls) == 1
    corpus = _ecb_corpus(tmp_path / "ecb")
    m = ecbplus.evaluate(corpus, split="Dev")
    assert len(calls) >= 4  # predicted and gold topics, and the end-to-end ingest
    assert all(model is calls[0] for model in calls)
    assert m["model"] == ec.MODEL_FILE


def _ecb_corpus(folder):
    setup = folder / "cybulska_setup"
    setup.mkdir(parents=True)
    sentences = {
        "1_1ecb": ["Police arrested the mayor of Springfield on Monday .", "The arrest surprised the city ."],
        "1_2ecb": ["The mayor of Springfield was arrested Monday , police said ."],
        "2_1ecb": ["An earthquake struck Chile on Friday ."],
    }
    lines = []
    for doc, sents in sentences.items():
        for s, sent in enumerate(sents):
            lines += [f"{doc}\t{s}\t{t}\t{w}\t-" for t, w in enumerate(sent.split())]
    (setup / "ECB_Dev_corpus.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    mentions = [("1_1ecb", 0, [1], "A"), ("1_1ecb", 1, [1], "A"), ("1_2ecb", 0, [5], "A"), ("2_1ecb", 0, [2], "B"),
                ("1_2ecb", 0, [9], "C")]
    (setup / "ECB_Dev_Event_gold_mentions.json").write_text(json.dumps([
        {"doc_id": d, "sent_id": s, "tokens_number": t, "coref_chain": c, "tokens_str": ""}
        for d, s, t, c in mentions]), encoding="utf-8")
    return folder


def test_embeddings_are_a_setting_off_by_default(monkeypatch):
    from storyline.judge import embeddings
    monkeypatch.setattr(embeddings, "available", lambda: ["onnx"])
    monkeypatch.delenv("STORYLINE_EVENT_EMBEDDINGS", raising=False)
    assert not ec.use_embeddings()
    monkeypatch.setenv("STORYLINE_EVENT_EMBEDDINGS", "on")
    assert ec.use_embeddings()
    monkeypatch.setattr(embeddings, "available", lambda: [])
    assert not ec.use_embeddings()


def test_stored_vectors_are_computed_once(tmp_path, monkeypatch):
    """With STORYLINE_EVENT_EMBEDDINGS=on the vectors of each event are kept, so a second
    ingest encodes only the new articles' events."""
    from storyline.judge import embeddings
    asked = []

    class Fake:
        def encode(self, texts):
            asked.extend(texts)
            return _unit(len(texts))

        def spans(self, texts, spans):
            asked.extend(texts)
            return [_unit(len(s)) for s in spans]
    monkeypatch.setattr(embeddings, "available", lambda: ["onnx"])
    monkeypatch.setattr(embeddings, "encoder", lambda backend=None: Fake())
    monkeypatch.setattr(ec, "_ENCODED", {})
    monkeypatch.setattr(ec, "_IN_CONTEXT", {})
    monkeypatch.setenv("STORYLINE_EVENT_EMBEDDINGS", "on")
    (tmp_path / "a.txt").write_text(WIRE, encoding="utf-8")
    db = tmp_path / "s.db"
    storyline.ingest([tmp_path / "a.txt"], db)
    with storyline.open(db) as story:
        assert story.store.count("event_vectors") == story.store.count("events") > 0
    first = len(asked)
    monkeypatch.setattr(ec, "_ENCODED", {})
    monkeypatch.setattr(ec, "_IN_CONTEXT", {})
    (tmp_path / "b.txt").write_text(HERALD, encoding="utf-8")
    storyline.ingest([tmp_path / "a.txt", tmp_path / "b.txt"], db)
    assert first > 0 and not any(WIRE[:40] in t for t in asked[first:])  # a.txt's events were not encoded again


def _unit(n):
    v = np.random.default_rng(n).normal(size=(n, 384)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_broad_clusters_are_cut_where_their_dates_cannot_name_one_time():
    from storyline.resolve.event_coref import _split_by_day

    class Store:
        rows = [{"id": 1, "type": "statement", "value": "2026-03-04"},
                {"id": 2, "type": "statement", "value": "2026-03-06"},
                {"id": 3, "type": "statement", "value": "2026-03"},
                {"id": 4, "type": "statement", "value": None},
                {"id": 5, "type": "meeting", "value": "2026-03-04"},
                {"id": 6, "type": "meeting", "value": "2026-03-06"}]

        def query(self, sql, *args):
            return self.rows

    parts = _split_by_day([{1, 2, 3, 4}, {5, 6}], Store())
    # two statements on two days are two statements; "March" fits either, the undated one joins the
    # largest part; one meeting dated two ways stays one meeting (the articles disagree about it)
    assert sorted(map(sorted, parts)) == [[1, 3, 4], [2], [5, 6]]
