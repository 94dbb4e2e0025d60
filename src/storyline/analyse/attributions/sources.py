"""Source spans: which phrase speaks through a cue (its subject, agent, the clause it hangs on)
and how far that phrase runs."""
from __future__ import annotations

import re
import itertools

from storyline.analyse.attributions.describe import describe_source, named_in
from storyline.analyse.attributions.lexicon import SPEECH_LEMMAS, SPOKES
from storyline.analyse.attributions.spans import DATELINE, run_around, span_text, trim
from storyline.analyse.nlp import text_of as _text
from storyline.records import Source


def source_of(doc, verb, mentions) -> Source | None:
    made = _message_sent(verb)
    if made is not None:
        return source_at(doc, made, verb, mentions)
    subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    head = agent[0] if agent else (subj[0] if subj else None)
    if not agent and len(subj) > 1 and subj[0].right_edge.i + 1 == subj[1].left_edge.i and subj[1].i < verb.i:
        # A misparse splits one subject in two ("A lawyer for the lobbyist | Petar Dunn said").
        return source_at(doc, head, verb, mentions, upto=subj[1].right_edge.i)
    if head is None and joined_to_report(verb):
        return source_of(doc, verb.head.head, mentions)
    if head is None and verb.dep_ == "conj":
        head = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if head is None and verb.head.dep_ in {"advcl", "xcomp", "pcomp", "conj"} and verb.head.pos_ == "VERB":
            # "..., calling it disqualifying and asserting that ...": the second participle speaks
            # for whoever the first one does.
            return source_of(doc, verb.head, mentions)
    if head is None and verb.dep_ in {"advcl", "relcl", "acl"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        head = verb.head  # "officials, who said ..."
    if head is not None and head.lower_ in {"who", "that", "which"} and verb.dep_ == "relcl" \
            and verb.head.pos_ in {"PROPN", "NOUN"}:
        head = verb.head  # "Kova, who denied on Tuesday ...": the relative clause's noun speaks
    if head is None and verb.dep_ in {"advcl", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        # "..., saying the plan had failed": the main clause's subject says it.
        head = next((c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if head is None and verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in {"VERB", "AUX"} \
            and verb.head.lower_ in {"by", "after", "before", "while", "in", "without"}:
        # "responded by saying ...", "after saying ...": the subject of the verb the phrase hangs on.
        main = verb.head.head
        head = next((c for c in main.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if head is None and main.dep_ in {"conj", "advcl", "xcomp"}:
            head = next((c for c in main.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if head is None:
        head = _controller(verb)
    if head is None:
        head = _stray_subject(verb)
    if head is None or head.lower_ in {"that", "this", "which", "who"}:
        return None
    if head.lower_ == "it" and (head.dep_ == "nsubjpass" or any(c.dep_ == "auxpass" for c in verb.children)):
        return None  # "it is said that ...": no one in particular
    return source_at(doc, head, verb, mentions)


def _message_sent(verb):
    """"DHS released a statement to The New Republic and ABC News denying that ...": the parse
    may make the recipients the subject of the participle; the one who sent the message says it
    (the subject of the verb whose object the message is)."""
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or verb.head.lower_ != "to":
        return None
    message = verb.head.head
    if message.pos_ != "NOUN" or message.dep_ != "dobj":
        return None
    return next((c for c in message.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


_CARRIES_SUBJECT = {"conj", "xcomp", "advcl", "acomp"}


def _controller(verb):
    """Who does what a verb with no subject of its own says, found by climbing the clauses it
    hangs on: "Trump has sought to bolster his credibility, painting others as weak and
    suggesting that ...", "quick to point out flaws and offer advice", "by promising ...".
    The object speaks in "led her to declare", the noun in "candidates proposing ...". A past
    participle ("when asked", "as reported") reads as a passive: its subject is not the speaker."""
    tok = verb
    for _ in range(6):
        if tok.tag_ == "VBN":
            return None
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in {"NOUN", "PROPN"}:
            return tok.head
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
            up = tok.head.head
        elif tok.dep_ in _CARRIES_SUBJECT:
            up = tok.head
        else:
            return None
        if tok.dep_ == "conj" and tok.pos_ == "VERB" and up.pos_ != "VERB" and up.head.pos_ in {"VERB", "AUX"}:
            # a verb joined to a word of another role: "Carson, attacking critics as ...", "called
            # it "shameful" and called on leaders", "by touting her record upstate and pounding him"
            if up.dep_ in {"nsubj", "nsubjpass"} and up.pos_ in {"NOUN", "PROPN"}:
                return up
            if up.dep_ in {"dobj", "oprd", "acomp", "attr"}:
                up = up.head
        if up.pos_ not in {"VERB", "AUX", "ADJ"}:
            return None
        if tok.dep_ == "xcomp":
            obj = next((c for c in up.children if c.dep_ == "dobj" and c.i < tok.i), None)
            if obj is not None:
                return obj
        subj = next((c for c in up.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None:
            if subj.lower_ in {"who", "that", "which"} and up.dep_ == "relcl":
                return up.head
            return subj if subj.lower_ not in {"it", "there"} else None  # "It is wrong to ..."
        tok = up
    return None


def _stray_subject(verb):
    """The name just before a finite main verb that the parse left without a subject, having
    hung the name elsewhere: '..." Bozell answers', "..., former president Bill Clinton said"."""
    if verb.dep_ != "ROOT" or not (verb.tag_ in _FINITE or any(c.dep_ == "aux" for c in verb.children)) \
            or any(c.dep_ in {"csubj", "expl", "nsubj", "nsubjpass"} for c in verb.children):
        return None
    i = verb.i - 1
    while i >= 0 and verb.doc[i].dep_ in {"aux", "neg", "advmod"} and verb.doc[i].head.i == verb.i:
        i -= 1
    if i < 0 or verb.doc[i].pos_ not in {"PROPN", "NOUN"} or verb.doc[i].is_sent_start \
            or verb.doc[i].dep_ == "npadvmod" or verb.doc[i].ent_type_ in {"DATE", "TIME"}:
        return None  # "..., last week said"
    tok = verb.doc[i]
    while tok.dep_ in {"pobj", "prep", "conj", "acl"} and tok.head.i < tok.i and tok.head.sent == verb.sent:
        tok = tok.head  # "disclosures filed on Sunday night revealed", "Trump and his supporters talk"
    return tok if tok.pos_ in {"PROPN", "NOUN", "PRON"} else None


def joined_to_report(verb) -> bool:
    """A verb the parse joins to the last verb of a reported clause ("she said the economy would
    rebound and praised his efforts", "she said she was thinking of leaving, adding that ..."),
    where it goes with the reporting verb: the reporter speaks."""
    finite = verb.dep_ == "conj" and verb.tag_ in _FINITE
    participle = verb.dep_ in {"conj", "advcl"} and verb.tag_ == "VBG" \
        and not any(c.dep_ in {"mark", "nsubj"} for c in verb.children)
    report = verb.head.head
    return (finite or participle) and verb.head.dep_ == "ccomp" and report.pos_ == "VERB" \
        and report.lemma_.lower() in SPEECH_LEMMAS \
        and (report.tag_ in _FINITE or participle and (report.tag_ == "VBG" or any(c.dep_ == "aux" for c in report.children)))


_FINITE = {"VBD", "VBZ", "VBP"}


def source_at(doc, head, verb, mentions, upto: int | None = None) -> Source:
    """The source whose head token is `head`, speaking through `verb` (its span reaching to token
    `upto` when given)."""
    # The whole noun phrase, relative clauses and appositives included ("Dunn, 56, who chairs
    # the board, said"), but nothing of the cue's own clause.
    # "Kova, who denied ...": when the verb hangs inside the source's phrase, none of its clause
    own = {t.i for t in verb.subtree} if head.is_ancestor(verb) else set()
    own |= {t.i for c in head.children if _aside(c) for t in c.subtree}
    # the relative clause with the comma or dash that opens it
    own |= {i for c in head.children if _interrupting(c, verb) for i in range(c.left_edge.i - 1, c.right_edge.i + 1)}
    own |= {i for t in head.subtree if _stray_predicate(t, head, verb) for i in range(t.left_edge.i - 1, t.right_edge.i + 1)}
    toks = [t for t in head.subtree if (t.i < verb.i or head.i > verb.i) and t.i not in own]
    if not toks:
        toks = [head]
    lo, hi = run_around(head.i, {t.i for t in toks})
    split = next((c for c in verb.children if c.dep_ == head.dep_ and head.i < c.i < verb.i
                  and c.left_edge.i == head.right_edge.i + 1), None) if head.head.i == verb.i else None
    if split is not None and head.tag_ in {"WDT", "WP"}:
        return source_at(doc, split, verb, mentions, upto)  # "which | she said": the object pronoun is not hers
    if upto is None and split is not None:
        upto = split.right_edge.i  # one subject the parse split in two: "Fox News' | Bret Baier noticed"
    if upto is not None:
        hi = max(hi, upto)
    while lo < head.i and doc[lo].head.i == head.i and doc[lo].lower_ == "even":
        lo += 1  # "Even China": PolNeAR leaves it out (train: 29 of 37), but keeps "Both" (45 of 47)
    while hi > head.i and doc[hi].lower_ in {"both", "all"} and doc[hi].head.i == head.i and head.pos_ != "PRON":
        hi -= 1  # "Richards and Menendez both said": a floating quantifier is left out (train: 21 of 25)
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    start, end = trim(_text(doc), start, end)
    if _text(doc)[end:end + 1] == "." and (
            _text(doc)[end:end + 2] == ".," or
            any(len(t.text) > 1 and t.idx + len(t.text) == end + 1 for t in doc[lo:hi + 1])):
        end += 1  # an abbreviation keeps its stop: "Jr.", "the S.E.C.", "Mitch McConnell, R-Ky., said"
    end = _closing_title(_text(doc), start, end)
    if "\n" in _text(doc)[start:end]:  # a headline the parse ran into the first sentence
        line_start = _text(doc).rfind("\n", start, head.idx) + 1
        line_end = _text(doc).find("\n", head.idx, end)
        start, end = trim(_text(doc), max(start, line_start), end if line_end < 0 else line_end)
    dateline = DATELINE.match(_text(doc), start)
    if dateline and dateline.end() < end:
        start = dateline.end()  # "WASHINGTON -- President Obama": the dateline is not the speaker
    elif dateline and doc[hi].idx < dateline.end():
        # the parse made the dateline the subject ("MYRTLE BEACH, S.C. - Sen. Ted Cruz continued"):
        # the noun phrase after it speaks
        after = doc.char_span(dateline.end(), dateline.end() + 1, alignment_mode="expand")
        tok = after[0] if after is not None and len(after) else None
        while tok is not None and tok.dep_ in {"compound", "amod", "nmod", "det"} and tok.i < tok.head.i < verb.i:
            tok = tok.head
        if tok is not None and tok.i < verb.i and tok.pos_ in {"PROPN", "NOUN"}:
            return source_at(doc, tok, verb, mentions)
    source = describe_source(doc, head, start, end, mentions)
    # "Kova denied it through her spokeswoman" / "Kova, through her spokeswoman, denied it"
    through = [g for c in itertools.chain(verb.children, head.children) if c.dep_ == "prep"
               and c.lower_ in {"through", "via"} for g in c.children if g.dep_ == "pobj"]
    if through and through[0].lemma_.lower() in SPOKES:
        spoken_for = source.entity
        return Source(kind="person", text=span_text(doc, through[0]), start=through[0].left_edge.idx,
                      end=through[0].right_edge.idx + len(through[0].right_edge.text),
                      entity=named_in(doc, through[0], mentions), on_behalf_of=spoken_for)
    return source


_TITLE_CLOSE = re.compile(r"[,.]?(?:\u201d|''|\")")


def _closing_title(text: str, start: int, end: int) -> int:
    """`end`, moved past the closing mark of a quoted title the source phrase opens but the parse
    leaves to the verb ("Scarborough, host of "Morning Joe,"" keeps its comma and mark)."""
    phrase = text[start:end]
    curly = phrase.count("\u201c") > phrase.count("\u201d")
    straight = (phrase.count("''") + phrase.count("``")) % 2 == 1 or phrase.count('"') % 2 == 1
    if not (curly or straight):
        return end
    m = _TITLE_CLOSE.match(text, end)
    return m.end() if m else end


_OCCASIONS = {"interview", "statement", "post", "email", "tweet", "letter", "release", "time", "speech"}


def _stray_predicate(tok, head, verb) -> bool:
    """A verb the parse hung on a noun inside the source's phrase after a comma, whose clause runs
    on to the comma before the cue: "Roy Cooper (D), McCrory's opponent in the election, called
    Friday for releasing the videos, saying ...", where "called" is Cooper's own verb, not part of
    who he is."""
    doc = tok.doc
    return tok is not head and tok.dep_ in {"acl", "relcl"} and tok.tag_ in {"VBD", "VBZ", "VBN"} \
        and tok.left_edge.i == tok.i and tok.i > 0 and doc[tok.i - 1].text == "," \
        and tok.right_edge.i + 2 == verb.i and doc[tok.right_edge.i + 1].text == "," \
        and not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in tok.children)


def _aside(child) -> bool:
    """A phrase on the source's noun that says how or when it spoke, not who it is: "Clinton,
    speaking in Ohio,", "Republicans, concerned about ...,", "Schilling, through a spokeswoman,",
    "Jeb Bush in a Medium post", "The campaign on Monday". PolNeAR leaves these out."""
    if child.i < child.head.i:
        return False
    doc = child.doc
    after_comma = child.left_edge.i > 0 and doc[child.left_edge.i - 1].text == ","
    if child.dep_ in {"acl", "advcl"} and child.tag_ in {"VBG", "VBN"} and after_comma and child.left_edge.i == child.i:
        return True
    if child.dep_ == "prep" and child.lower_ not in {"of", "from", "for", "including"}:
        # ("the Act of 2009", "a Pew study from 2011", "the release of emails" say what it is)
        obj = next((g for g in child.children if g.dep_ == "pobj"), None)
        return obj is not None and (obj.ent_type_ in {"DATE", "TIME"} or obj.lemma_.lower() in _OCCASIONS
                                    or child.lower_ in {"through", "via"} and after_comma)
    return False


def _interrupting(child, verb) -> bool:
    """A relative clause set off by commas or dashes between the source's noun and its verb:
    "Wasserman Schultz, who is reviled by progressives, said". PolNeAR mostly leaves these out
    (train: 45 of 76 where the noun has no appositive), but keeps them after the verb ("said
    Mr. Schmidt, who bought the property") and beside an appositive ("Willie Minor, an actor,
    who runs a theater,")."""
    head = child.head
    if child.dep_ != "relcl" or not head.i < child.i < verb.i or child.right_edge.i >= verb.i \
            or any(c.dep_ == "appos" for c in head.children):
        return False
    doc = child.doc
    before, after = doc[child.left_edge.i - 1].text, doc[child.right_edge.i + 1].text
    if before not in {",", "--", "\u2014", "\u2013"} or after not in {",", "--", "\u2014", "\u2013"}:
        return False
    return re.search(r"\b%s\b" % re.escape(head.text), _text(doc)[:head.left_edge.idx]) is not None
