"""Whole-story judgements are kept between calls, and only until the store changes."""
import storyline


def _write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_kept_answers_follow_changes_made_through_another_connection(tmp_path):
    db = tmp_path / "s.db"
    first = _write(tmp_path, "a.txt", "date 2026-03-10\n\nTalks\n\nMinister Ilse Kova met the lobbyist Petar Dunn "
                                      "in Portvale on Monday. Kova said the talks went well.\n")
    storyline.ingest([first], db)
    with storyline.open(db) as story:
        before = story.events()
        assert before and story.events() == before
        second = _write(tmp_path, "b.txt", "date 2026-03-12\n\nVote\n\nThe council voted on Wednesday to fine "
                                           "Greyline Shipping. Dunn resigned on Thursday, his office said.\n")
        storyline.ingest([second], db)  # its own connection: this one only sees data_version move
        after = story.events()
        assert len(after) > len(before)
        assert {e["doc"] for e in after} > {e["doc"] for e in before}


def test_kept_answers_follow_changes_made_through_the_same_connection(tmp_path):
    db = tmp_path / "s.db"
    storyline.ingest([_write(tmp_path, "a.txt", "date 2026-03-10\n\nTalks\n\nMinister Ilse Kova met the lobbyist "
                                                "Petar Dunn in Portvale on Monday. Kova said the talks went well.\n")], db)
    with storyline.open(db) as story:
        [said] = [c for c in story.claims() if c["source"]["text"] == "Kova"]
        whole = next(e["id"] for e in story.entities() if e["name"] == "Ilse Kova")
        assert said["source"]["entity"] == whole
        apart = story.split_entity("Ilse Kova", "Kova")  # rewrites entities through this connection
        [said] = [c for c in story.claims() if c["source"]["text"] == "Kova"]
        assert said["source"]["entity"] == apart["id"] != whole


def test_callers_cannot_change_what_is_kept(demo_db):
    db, _ = demo_db
    with storyline.open(db) as story:
        first = story.contradictions()
        first[0]["kind"] = "spoiled"
        first[0]["claims"].append(-1)
        again = story.contradictions()
        assert again[0]["kind"] != "spoiled" and -1 not in again[0]["claims"]
        clusters = story.clusters()
        clusters[0]["claims"].clear()
        assert story.clusters()[0]["claims"]


def test_shared_rows_are_the_kept_rows_and_copies_stay_apart(demo_db):
    with storyline.open(demo_db[0]) as story:
        shared = story.contradictions(shared=True)
        assert shared == story.contradictions() and shared
        assert story.contradictions(shared=True)[0] is shared[0]  # read where kept, not copied
        mine = story.contradictions()
        mine[0]["explanation"] = "changed by a caller"
        assert story.contradictions(shared=True)[0]["explanation"] != "changed by a caller"
