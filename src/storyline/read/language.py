"""Which language an article is written in, offline (py3langid: langid.py's n-gram model,
139 languages, shipped inside the package; nothing is downloaded).

Storyline analyses English only: its spaCy model, word lists and learned cues are English. An
article detected as another language is stored and flagged (`Article.language`) and left out of
analysis (ingest.py), instead of yielding entities and claims made of misread words.

The rule (fixed before it was measured, not tuned): the most likely language is not English, with
a normalised probability of at least CONFIDENT, over at least MIN_LETTERS letters of the text's
first SAMPLE characters. Shorter texts are too little to tell and count as English (analysed as
before). Measured on English news (PolNeAR train 840, dev 84, TempEval-3 256 documents): none
flagged; on FNC-1's 1,683 bodies, 3 flagged, all three really French or Chinese.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from storyline.records import Article

__all__ = ["detect", "with_language", "analysable", "ENGLISH", "language_name"]

ENGLISH = "en"
CONFIDENT = 0.5
MIN_LETTERS = 20
SAMPLE = 4000  # characters: enough to tell, and a bound on the cost (about 4 ms an article)

# Names of the languages most likely to turn up in a newsroom's files (ISO 639-1), for messages;
# any other code is shown as the code.
_NAMES = {"ar": "Arabic", "ca": "Catalan", "cs": "Czech", "da": "Danish", "de": "German", "el": "Greek",
          "en": "English", "es": "Spanish", "fa": "Persian", "fi": "Finnish", "fr": "French", "he": "Hebrew",
          "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
          "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
          "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese", "zh": "Chinese"}


def language_name(code: str | None) -> str:
    return _NAMES.get(code or "", code or "an unknown language")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> str | None:
    """The ISO 639 code of the language `text` is written in, or None when it is too short to tell
    or no language is likely enough."""
    sample = text[:SAMPLE]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    code, probability = _identifier().classify(sample)
    return code if probability >= CONFIDENT else None


def with_language(article: Article) -> Article:
    """The article with its language set (from its text after the metadata lines)."""
    return replace(article, language=detect(article.text[article.body_start:]))


def analysable(article: Article) -> bool:
    """Whether the analysis reads this article: English, or too short to tell."""
    return article.language in (None, ENGLISH)
