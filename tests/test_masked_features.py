"""Learned attribution features never read the word of a name: no weight is tied to a person."""
import gzip
import json
import re
from importlib import resources

import pytest

from storyline.analyse import content_model, cue_model

# The person names most frequent in PolNeAR train's gold Source spans (capitalised words counted
# over train/attributions/*.ann; party, office and place words left out): Trump 1,285, Clinton
# 1,066, Sanders 625, Cruz 307, Obama 296, Rubio 213, Donald 211, Hillary 191, Bush 120, Bernie
# 109, John 95, Carson 93, Ted 92, Ryan 86, Beck 82, Paul 79, Graham 77.
FREQUENT_NAMES = {"trump", "clinton", "sanders", "cruz", "obama", "rubio", "donald", "hillary", "bush", "bernie",
                  "john", "carson", "ted", "ryan", "beck", "paul", "graham"}


def _keys():
    folder = resources.files("storyline.models")
    cue = json.loads(gzip.decompress((folder / "cue_model.json.gz").read_bytes()))
    content = json.loads((folder / "content_model.json").read_bytes())
    gap = json.loads((folder / "cue_gap.json").read_bytes())
    cues = json.loads((folder / "attribution_cues.json").read_bytes())
    yield from cue["weights"]
    yield from cue["extent_weights"]
    yield from cue["extent"]
    yield from cue["lexicon"]
    for table in ("source_paths", "content_paths"):
        yield from cue[table]
    yield from content["start"]
    yield from content["end"]
    yield from gap["weights"]
    yield from cues["cues"]


def test_no_shipped_weight_names_a_frequent_person():
    named = [k for k in _keys() if FREQUENT_NAMES & set(re.split(r"[^a-z]+", k.lower()))]
    assert named == []


TEXT = ("Hillary Clinton said on Monday that Donald Trump had misled voters in Ohio, and Trump told "
        "reporters at the Reuters office that Clinton was wrong. \"We will win,\" Bernie Sanders added.")


def _words_of_names(doc) -> set[str]:
    return {t.lower_ for ent in doc.ents if ent.label_ in {"PERSON", "ORG", "GPE"} for t in ent} | \
        {t.lower_ for t in doc if t.pos_ == "PROPN"}


def _components(features) -> set[str]:
    return {w for f in features for w in re.split(r"[=|&,_]", f)}


@pytest.fixture(scope="module")
def doc(nlp):
    d = nlp(TEXT)
    assert _words_of_names(d) >= {"clinton", "trump"}
    return d


def test_cue_and_extent_features_never_read_a_names_word(doc):
    names = _words_of_names(doc)
    feats = [f for tok in doc for f in cue_model.features(tok, False)]
    feats += [f for tok in doc for c in tok.children
              for f in cue_model.extent_features(tok, c, "L" if c.i < tok.i else "R")]
    assert not names & _components(feats)
    assert any(f.startswith("pw=<PERSON>") or f.startswith("nw=<PERSON>") for f in feats)


def test_gap_features_never_read_a_names_word(doc):
    told = next(t for t in doc if t.text == "told")
    words = [t for t in doc[told.i + 1:told.i + 7]]
    feats = cue_model.gap_features(doc, told.idx, told.idx + 4, words)
    assert not _words_of_names(doc) & _components(feats)


def test_content_features_never_read_a_names_word(doc):
    from storyline.records import Attribution
    said = next(t for t in doc if t.text == "said")
    start = next(t for t in doc if t.text == "Donald").idx
    end = next(t for t in doc if t.text == "Ohio").idx + 4
    a = Attribution(said.idx, said.idx + 4, start, end, None, "indirect", "said", TEXT[start:end])
    ctx = content_model.context(doc, a)
    starts, ends = content_model.candidates(doc, ctx)
    feats = [f for i in starts for f in content_model.start_features(doc, ctx, i)]
    feats += [f for j in ends for f in content_model.end_features(doc, ctx, j)]
    assert not _words_of_names(doc) & _components(feats)
