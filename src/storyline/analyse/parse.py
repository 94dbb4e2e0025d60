"""One document's parse as plain lists, read once and kept on the Doc: `parse_of(doc)`.

Reading a spaCy token (`doc[i]`, `tok.head`, iterating a Doc) builds a new Python object each
time, and the passes read the same few attributes of the same tokens again and again: on the
benchmark corpus that was two million Token objects per 200 articles. `Doc.to_array` reads every
token's attributes in one call; the lists here index them by token. Internal to the package.
"""
from __future__ import annotations

import bisect
import functools
import weakref

import numpy as np
from spacy.attrs import (DEP, ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, IS_STOP, IS_TITLE, LEMMA, LOWER,
                         ORTH, POS, SENT_START, TAG)

__all__ = ["Parse", "parse_of"]

_TEXT_ATTRS = [LOWER, LEMMA, TAG, DEP, POS, ENT_TYPE, ORTH]
_NUMBER_ATTRS = [HEAD, SENT_START, IS_ALPHA, IS_TITLE, IDX, IS_PUNCT, IS_STOP, IS_SPACE]
_KEY = ("storyline", "parse")


class Parse:
    """Each token's word (`text`, `lower`), lower-case `lemma`, `tag`, `dep`, coarse part of
    speech (`pos`), entity type (`ent`), character offset (`idx`), `head` index, `children` (in
    order), flags (`alpha`, `title`, `punct`, `stop`, `space`) and `sent_start` (True, False or
    None, as Token.is_sent_start); `sent_first`: the first token of each sentence."""

    def __init__(self, doc):
        self._doc = weakref.ref(doc)
        n = len(doc)
        words = _strings(doc.vocab.strings)
        text = doc.to_array(_TEXT_ATTRS).T.tolist() if n else [[]] * len(_TEXT_ATTRS)
        self.lower, lemma, self.tag, self.dep, self.pos, self.ent, self.text = ([words(h) for h in col] for col in text)
        self.lemma = [x.lower() for x in lemma]
        numbers = doc.to_array(_NUMBER_ATTRS).astype(np.int64).T.tolist() if n else [[]] * len(_NUMBER_ATTRS)
        rel, starts, self.alpha, self.title, self.idx, punct, stop, space = numbers
        self.punct, self.stop, self.space = ([x == 1 for x in col] for col in (punct, stop, space))
        self.sent_start = [None if s == 0 else s > 0 for s in starts]
        self.head = [i + r for i, r in enumerate(rel)]
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        self.sent_first = [i for i, first in enumerate(starts) if first == 1] or [0]

    def __len__(self) -> int:
        return len(self.lower)

    @property
    def doc(self):
        """The Doc read (held weakly: the Parse is kept on it, and a cycle would leave each parsed
        Doc to the garbage collector instead of freeing it as soon as it is let go)."""
        return self._doc()

    def kids(self, i: int) -> list:
        """Token i's children, as Token.children gives them (without its walk over the subtree)."""
        doc = self._doc()
        return [doc[c] for c in self.children[i]]

    def sentence_chars(self, i: int) -> tuple[int, int]:
        """The start and end character of token i's sentence, as Token.sent finds it."""
        k = bisect.bisect_right(self.sent_first, i) - 1
        first = self.sent_first[k] if k >= 0 else 0
        end = self.sent_first[k + 1] if k + 1 < len(self.sent_first) else len(self)
        return self.idx[first], self.idx[end - 1] + len(self.text[end - 1])

    @functools.cached_property
    def edges(self) -> tuple[list[int], list[int]]:
        """Each token's left and right edge (the first and last token of its subtree), as spaCy
        keeps them: its own propagation, which a non-projective parse can leave short of the
        subtree, so they are read rather than worked out from `head`."""
        left, right = [], []
        for t in self._doc():
            left.append(t.left_edge.i)
            right.append(t.right_edge.i)
        return left, right


def parse_of(doc) -> Parse:
    """The Parse of `doc`, read once and kept in doc.user_data."""
    kept = doc.user_data.get(_KEY)
    if kept is None or len(kept) != len(doc):
        kept = doc.user_data[_KEY] = Parse(doc)
    return kept


def _strings(store):
    """A reader of the string store's hashes, remembering the ones it has read (a per-process cache:
    the same tags, lemmas and words come back in every document; like spaCy's string store it
    grows with the words of all the documents read)."""
    def read(h: int) -> str:
        found = _SEEN.get(h)
        if found is None:
            found = _SEEN[h] = store[h] if h else ""
        return found
    return read


_SEEN: dict[int, str] = {}
