"""Review by hand (review/): the decision store and its replay, decisions surviving re-ingest and
re-judging, stable entity and contradiction ids, the `storyline review` command and the exports."""
import csv
import io
import json
import sqlite3
import zipfile

import pytest

import storyline
from storyline.cli import main
from storyline.export.contract import problems
from storyline.review import entity_ids, findings
from storyline.review.actions import review
from storyline.review.decisions import Decision, record, replay, reviews
from storyline.store.db import Store

FOLLOW_UP = ("date 2026-03-20\n\nFollow-up\n\nTransport Minister Ilse Kova said on Friday that she never met "
             "Petar Dunn. Two senior officials said Kova met Dunn at the Lantern Room. Oskar Brandt, a new "
             "councillor, said the port contract was fine.\n")


def _copy(source, target):
    a, b = sqlite3.connect(source), sqlite3.connect(target)
    a.backup(b)
    a.close()
    b.close()
    return target


@pytest.fixture
def db(demo_db, tmp_path):
    """A copy of the demo database of one's own, to review and ingest into."""
    return _copy(demo_db[0], tmp_path / "review.db")


def _ingest_more(db, tmp_path, name="follow-up.txt", text=FOLLOW_UP):
    folder = tmp_path / "more"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    report = storyline.ingest([folder / name], db)
    assert report.ok
    return report


# -- the decision store and its replay -----------------------------------------------------------

def _d(i, action, payload=None, note=None):
    return Decision(i, "claim", "7", action, payload or {}, note, "ana", f"2026-03-0{i}T00:00:00Z")


@pytest.mark.parametrize("actions, state, edits", [
    ([], "machine", {}),
    ([("accept", None)], "accepted", {}),
    ([("reject", None)], "rejected", {}),
    ([("reject", None), ("accept", None)], "accepted", {}),
    ([("edit", {"set": {"polarity": "negative"}})], "edited", {"polarity": "negative"}),
    ([("edit", {"set": {"polarity": "negative"}}), ("accept", None)], "edited", {"polarity": "negative"}),
    ([("edit", {"set": {"polarity": "negative"}}), ("reject", None)], "rejected", {"polarity": "negative"}),
    ([("edit", {"set": {"polarity": "negative"}}), ("edit", {"set": {"text": "x"}})], "edited",
     {"polarity": "negative", "text": "x"}),
    ([("reject", None), ("reopen", None)], "machine", {}),
    ([("edit", {"set": {"text": "x"}}), ("reopen", None)], "machine", {}),
    ([("star", None), ("tag", {"tag": "check"})], "machine", {}),
])
def test_replay_folds_decisions_in_order(actions, state, edits):
    r = replay([_d(i + 1, a, p) for i, (a, p) in enumerate(actions)])
    assert (r.state, r.edits) == (state, edits)


def test_replay_keeps_stars_tags_the_last_note_and_who():
    r = replay([_d(1, "star"), _d(2, "tag", {"tag": "check"}), _d(3, "tag", {"tag": "legal"}),
                _d(4, "untag", {"tag": "check"}), _d(5, "reject", note="a quote, not a claim"), _d(6, "unstar")])
    assert (r.starred, r.tags, r.note, r.at, r.by) == (False, ["legal"], "a quote, not a claim",
                                                       "2026-03-06T00:00:00Z", "ana")
    assert r.as_dict()["decisions"] == [1, 2, 3, 4, 5, 6]


def test_decisions_are_stored_with_who_when_and_why(tmp_path, monkeypatch):
    monkeypatch.setenv("STORYLINE_REVIEWER", "Ana  Reporter")
    store = Store(tmp_path / "d.db")
    with store.transaction() as conn:
        record(conn, "contradiction", "abc", "reject", note="different meetings")
        record(conn, "contradiction", "abc", "accept", who="Ben")
        record(conn, "article", "f00", "tag", {"tag": "legal"})
    got = reviews(store, "contradiction")["abc"]
    assert (got.state, got.note, got.by) == ("accepted", "different meetings", "Ben")
    row = store.query("SELECT who, at FROM decisions WHERE id = 1")[0]
    assert row["who"] == "Ana Reporter" and row["at"].endswith("Z")
    with pytest.raises(ValueError):
        with store.transaction() as conn:
            record(conn, "claim", "1", "retype")
    store.close()


# -- stable entity ids ------------------------------------------------------------------------------

def _rebuilt(store, groups):
    """Store entities as resolution would, with ids from entity_ids.assign; returns the ids."""
    with store.transaction() as conn:
        ids = entity_ids.assign(conn, groups, [f"name {g[0]}" for g in groups])
        conn.execute("DELETE FROM entity_mentions")
        conn.execute("DELETE FROM entities")
        for g, eid in zip(groups, ids):
            conn.execute("INSERT INTO entities (id, name, type) VALUES (?, ?, 'PERSON')", (eid, f"name {g[0]}"))
            conn.executemany("INSERT INTO entity_mentions (mention_id, entity_id) VALUES (?, ?)", [(m, eid) for m in g])
    return ids


@pytest.fixture
def mentions_store(tmp_path):
    store = Store(tmp_path / "m.db")
    with store.transaction() as conn:
        conn.execute("INSERT INTO articles (id, name, text) VALUES ('a', 'a.txt', 'x')")
        conn.executemany("INSERT INTO mentions (id, article_id, start, \"end\", text, type, canonical) "
                         "VALUES (?, 'a', ?, ?, 'x', 'PERSON', 'x')", [(i, i, i + 1) for i in range(1, 10)])
    yield store
    store.close()


def test_entity_ids_survive_rebuilds_merges_and_splits(mentions_store):
    store = mentions_store
    assert _rebuilt(store, [[1, 2, 3], [4, 5]]) == [1, 2]
    # a new article: new mentions join the old entities, a new entity takes a new id, order changes
    assert _rebuilt(store, [[4, 5, 6, 7], [1, 2, 3], [8]]) == [2, 1, 3]
    # a merge: the id holding more of the mentions stays, the other leads to it
    assert _rebuilt(store, [[1, 2, 3, 4, 5, 6, 7], [8]]) == [2, 3]
    assert entity_ids.current(store.conn, 1) == 2
    # a split: the part with more of the id's mentions keeps it; the other part gets an id never given
    assert _rebuilt(store, [[1, 2, 3, 4, 5], [6, 7], [8]]) == [2, 4, 3]
    # an id merged twice leads to the last entity
    assert _rebuilt(store, [[1, 2, 3, 4, 5, 8], [6, 7]]) == [2, 4]
    assert entity_ids.current(store.conn, 3) == 2 and entity_ids.current(store.conn, 1) == 2
    assert entity_ids.current(store.conn, 99) is None


def test_entity_ids_of_a_store_made_before_them_are_kept(mentions_store):
    """A database from before migration 0030 has entities but no entity_ids rows."""
    store = mentions_store
    _rebuilt(store, [[1, 2], [3]])
    store.conn.execute("DELETE FROM entity_ids")
    assert _rebuilt(store, [[3, 4], [1, 2]]) == [2, 1]


# -- decisions survive re-ingest and re-judging ------------------------------------------------------

def _polarity_contradiction(story):
    return next(x for x in story.contradictions() if x["kind"] == "polarity")


def test_a_rejected_contradiction_stays_rejected_after_another_ingest(db, tmp_path):
    with storyline.open(db) as story:
        x = _polarity_contradiction(story)
        done = review(story, "reject", "contradiction", x["id"], note="two different meetings", by="Ana")
        assert done["review"]["state"] == "rejected" and done["judged"]
    _ingest_more(db, tmp_path)
    with storyline.open(db) as story:
        listed = story.contradictions()
        again = next(y for y in listed if y["id"] == x["id"])
        assert again["key"] == x["key"] and again["review"]["state"] == "rejected"
        assert again["review"]["note"] == "two different meetings" and again["review"]["by"] == "Ana"
        assert x["id"] not in {y["id"] for y in story.contradictions(standing=True)}
        exported = story.export()
        assert problems(exported) == []
        assert next(y for y in exported["contradictions"] if y["id"] == x["id"])["review"]["state"] == "rejected"
        assert all(y["review"]["state"] == "machine" for y in exported["contradictions"] if y["id"] != x["id"])
        # a rejected contradiction makes no open question of its own and counts against no source
        assert not any(set(q.get("claims", [])) == set(x["claims"]) for q in story.questions())


def test_a_reviewed_contradiction_the_judge_no_longer_finds_is_kept(db, monkeypatch):
    from storyline.judge import run as judge
    with storyline.open(db) as story:
        x = _polarity_contradiction(story)
        review(story, "accept", "contradiction", x["id"], note="checked with both sides", judge=False)
        machine = judge._contradictions
        # as if the judge's rules changed and no longer found it
        monkeypatch.setattr(judge, "_contradictions", lambda *a: [f for f in machine(*a)
                                                                   if judge.finding_key(f) != x["key"]])
        judge.run(story.store)
        kept = next(y for y in story.contradictions() if y["key"] == x["key"])
        assert (kept["id"], kept["found"], kept["review"]["state"]) == (x["id"], False, "accepted")
        assert (kept["sides"], kept["explanation"], kept["evidence"]) == (x["sides"], x["explanation"], x["evidence"])
        monkeypatch.setattr(judge, "_contradictions", machine)
        judge.run(story.store)
        again = next(y for y in story.contradictions() if y["key"] == x["key"])
        assert (again["id"], again["found"], again["review"]["state"]) == (x["id"], True, "accepted")


def test_a_contradiction_keeps_its_id_when_a_member_joins(db):
    from storyline.judge.contradictions import Found
    from storyline.judge.run import finding_key
    with storyline.open(db) as story:
        x = _polarity_contradiction(story)
        sides = tuple(tuple(s) for s in x["sides"])
        other = max(c["id"] for c in story.claims())
        grown = Found(kind=x["kind"], sides=(sides[0], sides[1] + (other,)), explanation="", decided_by="rule")
        turned = Found(kind=x["kind"], sides=(sides[1] + (other,), sides[0]), explanation="", decided_by="rule")
        unrelated = Found(kind=x["kind"], sides=((other,), (other - 1,)), explanation="", decided_by="rule")
        other_kind = Found(kind="certainty", sides=grown.sides, explanation="", decided_by="rule")
        for f in (grown, turned):
            assert finding_key(f) != x["key"]
            assert findings.stored_keys(story.store, [f], finding_key) == [x["key"]]
        for f in (unrelated, other_kind):
            assert findings.stored_keys(story.store, [f], finding_key) == [finding_key(f)]
        # one to one: the closer of two continuations keeps the id
        keys = findings.stored_keys(story.store, [grown, Found(kind=x["kind"], sides=sides, explanation="",
                                                                decided_by="rule")], finding_key)
        assert keys == [finding_key(grown), x["key"]]


def test_an_edited_claims_polarity_wins_after_re_ingest(db, tmp_path):
    with storyline.open(db) as story:
        claim = next(c for c in story.claims() if c["polarity"] == "negative" and set(c["source"]) and
                     any(c["id"] in x["claims"] for x in story.contradictions()))
        review(story, "edit", "claim", claim["id"], polarity="positive", content="she met the lobbyist",
               note="she confirmed it in the interview", by="Ana")
    _ingest_more(db, tmp_path)
    with storyline.open(db) as story:
        got = story.claims(ids=[claim["id"]])[0]
        assert (got["polarity"], got["text"]) == ("positive", "she met the lobbyist")
        assert got["review"]["state"] == "edited"
        assert got["review"]["machine"] == {"polarity": "negative", "text": claim["text"]}
        assert next(c for c in story.claims() if c["id"] == claim["id"])["polarity"] == "positive"
        exported = next(c for c in story.export()["claims"] if c["id"] == claim["id"])
        assert exported["polarity"] == "positive" and exported["review"]["state"] == "edited"
        # the judge read the edited claim: its evidence of the claim says what the reviewer set
        evidence = [e for x in story.contradictions() for e in x["evidence"] if e.get("claim") == claim["id"]]
        assert evidence and all(e["polarity"] == "positive" and e["text"] == "she met the lobbyist" for e in evidence)


def test_an_edited_source_names_an_entity(db):
    with storyline.open(db) as story:
        dunn = next(e for e in story.entities() if e["name"] == "Petar Dunn")
        claim = next(c for c in story.claims() if c["source"]["anonymous"])
        review(story, "edit", "claim", claim["id"], source="Petar Dunn", judge=False)
        got = story.claims(ids=[claim["id"]])[0]
        assert got["source"]["entity"] == dunn["id"] and got["source"]["kind"] == "person"
        assert not got["source"]["anonymous"] and got["review"]["machine"]["source"]["anonymous"] is True


def test_a_rejected_claim_is_not_judged(db):
    with storyline.open(db) as story:
        x = _polarity_contradiction(story)
        for cid in x["sides"][0]:
            review(story, "reject", "claim", cid, judge=False)
        from storyline.judge.run import run
        run(story.store)
        assert not any(set(x["sides"][0]) & set(y["claims"]) for y in story.contradictions())
        assert all(story.claims(ids=[cid])[0]["review"]["state"] == "rejected" for cid in x["sides"][0])


def test_retyping_an_entity_moves_its_claims_source_kind(db, tmp_path):
    with storyline.open(db) as story:
        kova = next(e for e in story.entities() if e["name"] == "Ilse Kova")
        mine = [c["id"] for c in story.claims() if c["source"]["entity"] == kova["id"] and not c["source"]["anonymous"]]
        assert mine and all(c["source"]["kind"] == "person" for c in story.claims(ids=mine))
        review(story, "retype", "entity", "Ilse Kova", "org", note="the ministry speaks, not her")
        assert {c["source"]["kind"] for c in story.claims(ids=mine)} == {"organization"}
    _ingest_more(db, tmp_path)
    with storyline.open(db) as story:
        again = next(e for e in story.entities() if e["id"] == kova["id"])
        assert again["type"] == "ORG" and again["review"]["state"] == "edited"
        assert again["review"]["machine"] == {"name": "Ilse Kova", "type": "PERSON"}
        assert {c["source"]["kind"] for c in story.claims(ids=mine)} == {"organization"}
        assert next(s for s in story.sources() if s["source"] == "Ilse Kova")["kind"] == "organization"
        review(story, "rename", "entity", kova["id"], "Transport Ministry")
        assert story.entity(kova["id"])["name"] == "Transport Ministry"
        assert "Ilse Kova" in story.entity(kova["id"])["aliases"]
        review(story, "reopen", "entity", kova["id"])
        back = story.entity(kova["id"])
        assert (back["name"], back["type"], back["review"]["state"]) == ("Ilse Kova", "PERSON", "machine")
        assert {c["source"]["kind"] for c in story.claims(ids=mine)} == {"person"}


def test_an_entity_keeps_its_id_across_ingests_and_its_url_survives_a_merge(db, tmp_path):
    with storyline.open(db) as story:
        before = {e["name"]: e["id"] for e in story.entities()}
    _ingest_more(db, tmp_path)
    with storyline.open(db) as story:
        after = {e["name"]: e["id"] for e in story.entities()}
        assert {n: after.get(n) for n in before} == before
        assert after["Oskar Brandt"] > max(before.values())
        herald, times = after["Daily Herald"], after["Coastline Times"]
        merged = story.merge_entities("Daily Herald", "Coastline Times")
        gone = times if merged["id"] == herald else herald
        assert merged["id"] in (herald, times) and story.entity_redirect(gone) == merged["id"]
        found = story.entity(gone)
        assert found["id"] == merged["id"] and found["redirected_from"] == gone
        assert {e["name"]: e["id"] for e in story.entities() if e["name"] not in {"Daily Herald", "Coastline Times"}} \
            == {n: i for n, i in after.items() if n not in {"Daily Herald", "Coastline Times"}}
    from storyline.web import make_server
    from web_support import get
    import threading
    srv = make_server(db, port=0, quiet=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        for suffix in ("", ".json", ".html"):
            status, headers, _ = _no_redirect(srv, f"/entities/{gone}{suffix}")
            assert status == 302 and headers["Location"] == f"/entities/{merged['id']}{suffix}"
        assert get(srv, f"/entities/{merged['id']}.json")[0] == 200
        assert _no_redirect(srv, "/entities/999")[0] == 200  # the page; its twin says 404
        assert get(srv, "/entities/999.json")[0] == 404
    finally:
        srv.shutdown()
        srv.server_close()


def _no_redirect(srv, path):
    import http.client
    host, port = srv.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.request("GET", path)
    r = conn.getresponse()
    out = r.status, dict(r.headers), r.read()
    conn.close()
    return out


def test_a_rejected_corroboration_stays_rejected(db, tmp_path):
    with storyline.open(db) as story:
        cluster = next(cl for cl in story.clusters() if cl["corroborated"])
        review(story, "reject", "corroboration", cluster["id"], note="one source, two outlets")
    _ingest_more(db, tmp_path)
    with storyline.open(db) as story:
        again = next(cl for cl in story.clusters() if min(cluster["claims"]) in cl["claims"])
        assert again["review"]["state"] == "rejected" and again["corroborated"] is False
        assert again["review"]["machine"] == {"corroborated": True}


# -- the command line ------------------------------------------------------------------------------

def test_review_commands(db, capsys):
    with storyline.open(db) as story:
        x = _polarity_contradiction(story)
        claim = story.claims()[0]["id"]
        doc = story.documents()[0]["id"]
    d = str(db)
    assert main(["review", "reject", "contradiction", str(x["id"]), "--note", "not the same meeting", "--db", d,
                 "--by", "Ana"]) == 0
    assert "rejected" in capsys.readouterr().out
    assert main(["review", "accept", "claim", str(claim), "--db", d, "--no-judge"]) == 0
    assert main(["review", "edit", "claim", str(claim), "--polarity", "negative", "--db", d, "--no-judge"]) == 0
    assert main(["review", "star", "article", doc[:8], "--db", d]) == 0
    assert main(["review", "tag", "claim", str(claim), "check with lawyer", "--db", d]) == 0
    assert main(["review", "note", "claim", str(claim), "called the ministry", "--db", d]) == 0
    capsys.readouterr()
    assert main(["review", "list", "--json", "--db", d]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["action"] for r in rows] == ["reject", "accept", "edit", "star", "tag", "note"]
    assert rows[0]["who"] == "Ana" and rows[0]["note"] == "not the same meeting" and rows[0]["current"] == x["id"]
    assert rows[3]["target_key"] == doc and rows[2]["payload"] == {"set": {"polarity": "negative"}}
    assert main(["review", "list", "contradiction", "--db", d]) == 0
    assert "not the same meeting" in capsys.readouterr().out
    assert main(["claims", "--contradicted", "--db", d]) == 0
    assert "(rejected)" in capsys.readouterr().out
    with storyline.open(db) as story:
        c = story.claims(ids=[claim])[0]
        assert c["review"]["tags"] == ["check with lawyer"] and c["review"]["note"] == "called the ministry"
        assert story.documents()[0]["review"]["starred"] is True


@pytest.mark.parametrize("argv, says", [
    (["reject", "contradiction", "999"], "the closest ids: "),
    (["accept", "claim", "100000"], "no claim '100000'; the closest ids: "),
    (["accept", "claim", "seven"], "is not a claim id"),
    (["retype", "entity", "Ilse Kovaa", "ORG"], "the closest: "),
    (["retype", "entity", "Ilse Kova", "MINISTER"], "is not an entity type"),
    (["rename", "entity", "Ilse Kova"], "needs a NAME"),
    (["edit", "claim", "1"], "needs what to change"),
    (["retype", "claim", "1", "ORG"], "retype does not apply to a claim"),
    (["star", "article", "zzzz"], "no article"),
    (["accept"], "needs a KIND and an ID"),
])
def test_review_errors_say_what_and_exit_2(db, capsys, argv, says):
    assert main(["review", *argv, "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert says in err, err
    with storyline.open(db) as story:
        assert story.decisions() == []


def test_exports_carry_the_review(db, tmp_path, capsys):
    with storyline.open(db) as story:
        x = _polarity_contradiction(story)
        review(story, "reject", "contradiction", x["id"], note="no", judge=False)
        claim = story.claims()[0]["id"]
        review(story, "edit", "claim", claim, polarity="negative", judge=False)
    assert main(["export", "--db", str(db), "--format", "provenance"]) == 0
    prov = json.loads(capsys.readouterr().out)
    assert prov["schema"] == "storyline-provenance/1"
    got = {(j["kind"], j["id"]): j for j in prov["judgments"]}
    assert got[("contradiction", x["id"])]["origin"] == "reviewed"
    assert got[("contradiction", x["id"])]["machine"]["decided_by"].startswith("rule:")
    assert got[("claim", claim)]["origin"] == "reviewed" and got[("claim", claim)]["review"]["state"] == "edited"
    assert sum(j["origin"] == "reviewed" for j in prov["judgments"]) == 2
    assert prov["summary"]["contradiction"]["rejected"] == 1 and len(prov["decisions"]) == 2
    out = tmp_path / "tables.zip"
    assert main(["export", "--db", str(db), "--format", "csv", "-o", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        decisions = list(csv.DictReader(io.StringIO(zf.read("decisions.csv").decode())))
        contradictions = list(csv.DictReader(io.StringIO(zf.read("contradictions.csv").decode())))
    assert [d["action"] for d in decisions] == ["reject", "edit"]
    assert next(r for r in contradictions if r["id"] == str(x["id"]))["review_state"] == "rejected"
    assert main(["export", "--db", str(db), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert problems(data) == [] and [d["action"] for d in data["decisions"]] == ["reject", "edit"]
    assert {c["review"]["state"] for c in data["claims"]} == {"machine", "edited"}


# -- the web UI's review requests ---------------------------------------------------------------------

@pytest.fixture
def served_db(db):
    import threading
    from storyline.web import make_server
    srv = make_server(db, port=0, quiet=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _post(srv, body, **headers):
    import http.client
    host, port = srv.server_address[:2]
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    sent = {"Host": f"127.0.0.1:{port}", "Origin": f"http://127.0.0.1:{port}", "Content-Type": "application/json",
            "X-Storyline-Token": srv.token, "Content-Length": str(len(data))}
    sent.update({k.replace("_", "-"): v for k, v in headers.items()})
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.putrequest("POST", "/api/review", skip_host=True, skip_accept_encoding=True)
    for key, value in sent.items():
        if value is not None:
            conn.putheader(key, value)
    conn.endheaders(data)
    r = conn.getresponse()
    out = r.status, dict(r.headers), json.loads(r.read() or b"{}")
    conn.close()
    return out


@pytest.mark.parametrize("headers, status", [
    ({"Origin": None}, 403),
    ({"Origin": "http://evil.example"}, 403),
    ({"Origin": "null"}, 403),
    ({"X_Storyline_Token": None}, 403),
    ({"X_Storyline_Token": "guess"}, 403),
    ({"Content_Type": "text/plain"}, 415),
    ({"Content_Type": "application/x-www-form-urlencoded"}, 415),
    ({"Host": "evil.example", "Origin": "http://evil.example"}, 421),
])
def test_a_review_from_anywhere_but_the_servers_own_page_is_refused(served_db, db, headers, status):
    answer = _post(served_db, {"action": "reject", "target": "claim", "id": "1"}, **headers)
    assert answer[0] == status and answer[1]["X-Content-Type-Options"] == "nosniff"
    with storyline.open(db) as story:
        assert story.decisions() == []


def test_the_page_carries_the_token_and_a_review_is_made(served_db, db):
    from web_support import get
    status, _, page = get(served_db, "/claims/1")
    assert status == 200 and f'content="{served_db.token}"'.encode() in page
    status, headers, done = _post(served_db, {"action": "reject", "target": "claim", "id": "1",
                                              "note": "<script>alert(1)</script>", "by": "Ana"})
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert done["review"]["state"] == "rejected" and done["review"]["note"] == "<script>alert(1)</script>"
    twin = json.loads(get(served_db, "/claims/1.json")[2])
    assert twin["claim"]["review"]["state"] == "rejected" and twin["claim"]["review"]["by"] == "Ana"
    assert _post(served_db, {"action": "reject", "target": "claim", "id": "100000"})[0] == 404
    assert _post(served_db, {"action": "explode", "target": "claim", "id": "1"})[0] == 400
    assert _post(served_db, {"action": "reject", "target": "claim", "id": "1", "extra": "x"})[0] == 400
    assert _post(served_db, {"action": ["reject"], "target": "claim", "id": "1"})[0] == 400
    assert _post(served_db, b"not json")[0] == 400
    assert _post(served_db, b"x" * 20_000)[0] == 413
    with storyline.open(db) as story:
        assert len(story.decisions()) == 1


def test_a_renamed_entity_can_still_be_merged_by_its_new_name(db):
    with storyline.open(db) as story:
        herald = next(e for e in story.entities() if e["name"] == "Daily Herald")
        review(story, "rename", "entity", herald["id"], "The Herald (daily)", judge=False)
        merged = story.merge_entities("The Herald (daily)", "Coastline Times")
        assert merged["name"] == "The Herald (daily)" and "Coastline Times" in merged["aliases"]
        assert story.entity(herald["id"])["id"] == merged["id"]  # itself, or where the merge led its id
