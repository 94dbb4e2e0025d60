"""Open-class events: the learned TimeML EVENT model and the kinds a reader filters by."""
import pytest

from storyline.analyse.event_types import EVENT_TYPES
from storyline.analyse.events import event_tokens, event_type, events


@pytest.mark.parametrize("text, word, kind", [
    ("An earthquake struck the coastal city on Monday.", "struck", "disaster"),
    ("The storm hit the island overnight.", "hit", "disaster"),
    ("Rebels launched an air strike on the base.", "strike", "attack"),
    ("Dock workers went on strike in March.", "strike", "protest"),
    ("The two companies struck a deal on Friday.", "struck", "agreement"),
    ("The court ruled that the contract was void.", "ruled", "ruling"),
    ("The party ruled out a coalition.", "ruled", "other"),
    ("She called him on Monday evening.", "called", "contact"),
    ("The opposition called for an inquiry.", "called", "statement"),
    ("Still, he called the minister's public quarrel with the port authority unusual.", "called", "statement"),
    ("The board fired the chief executive.", "fired", "dismissal"),
    ("The company filed for bankruptcy in May.", "bankruptcy", "bankruptcy"),
    ("Kova met Dunn at a private dinner.", "dinner", "meeting"),
    ("The minister resigned on Tuesday.", "resigned", "resignation"),
    ("Thousands marched through the capital.", "marched", "other"),
    ("State calls 22 emails of Clinton 'top secret'", "calls", "statement"),
    ("The court issued its judgment on Monday.", "judgment", "ruling"),
    ("The judge handed down a ten-year sentence.", "sentence", "ruling"),
    ("He was sentenced to ten years.", "sentenced", "ruling"),
    ("Issa said her judgment and honesty are in question.", "judgment", "other"),
    ("The first sentence of the letter was odd.", "sentence", "other"),
    ("He is from Bristol according to his Wikipedia page.", "according", "other"),
    ("Ten fighters were caught at the border.", "caught", "arrest"),
    ("Police caught the suspect on Monday.", "caught", "arrest"),
    ("The warehouse caught fire on Monday.", "caught", "other"),
    ("The board dismissed the chief executive.", "dismissed", "dismissal"),
    ("He was dismissed on Friday.", "dismissed", "dismissal"),
    ("Sanders appeared to dismiss the email issue in October.", "dismiss", "other"),
])
def test_kind_is_read_in_context(nlp, text, word, kind):
    tok = next(t for t in nlp(text) if t.text == word)
    assert event_type(tok) == kind


def test_the_lexicon_stays_a_lemma_to_kind_mapping():
    # judge/contradictions.py, judge/corroboration.py and resolve/times.py read it so
    assert EVENT_TYPES["meet"] == EVENT_TYPES["dinner"] == "meeting"
    assert EVENT_TYPES["vote"] == "vote" and EVENT_TYPES["deny"] == "denial"
    assert "strike" not in EVENT_TYPES  # an air strike, a labour strike, an earthquake striking


@pytest.mark.parametrize("text, expected", [
    # (word, TimeML class) of events the model must find; words outside the list must not be events
    ("The minister resigned on Tuesday.", {("resigned", "OCCURRENCE")}),
    ("Officials said the talks would continue.", {("said", "REPORTING"), ("talks", "OCCURRENCE")}),
    ("The company filed for bankruptcy after a briefing.", {("filed", "OCCURRENCE"), ("bankruptcy", "OCCURRENCE")}),
    ("The red house on the hill.", set()),
])
def test_open_class_events(nlp, text, expected):
    found = {(t.text, cls) for t, cls, _, _ in event_tokens(nlp(text))}
    assert expected <= found
    if not expected:
        assert not found


@pytest.mark.parametrize("text, word, tense, aspect", [
    ("The minister resigned on Tuesday.", "resigned", "PAST", "NONE"),
    ("The council will vote on Friday.", "vote", "FUTURE", "NONE"),
    ("Prices have risen sharply.", "risen", "PRESENT", "PERFECTIVE"),
    ("The police are investigating the fire.", "investigating", "PRESENT", "PROGRESSIVE"),
])
def test_tense_and_aspect(nlp, text, word, tense, aspect):
    found = {t.text: (te, a) for t, _, te, a in event_tokens(nlp(text))}
    assert found.get(word) == (tense, aspect)


def test_event_records_carry_class_kind_and_view(nlp):
    doc = nlp("The minister did not resign on Tuesday, and the company may file for bankruptcy.")
    found = {e.trigger: e for e in events(doc, [], [])}
    assert found["resign"].type == "resignation" and found["resign"].polarity == "negative"
    assert found["resign"].event_class == "OCCURRENCE" and found["resign"].pos == "VERB"
    assert found["file"].modality == "may"
    assert found["bankruptcy"].type == "bankruptcy"


def test_a_pronoun_subject_is_a_participant_of_its_event(tmp_path):
    import storyline
    (tmp_path / "a.txt").write_text("date 2026-05-04\n\nHarbour\n\nMaria Lopez runs the harbour board. "
                                    "In April she resigned from the council.\n", encoding="utf-8")
    storyline.ingest([tmp_path], tmp_path / "s.db")
    with storyline.open(tmp_path / "s.db") as story:
        names = {e["id"]: e["name"] for e in story.entities()}
        resigned = [e for e in story.events() if e["trigger"] == "resigned"]
        assert resigned and "Maria Lopez" in {names.get(p, p) for p in resigned[0]["participants"]}
