"""`storyline eval meantime DIR`: event factuality and cross-document coreference on a MEANTIME corpus.

DIR is one MEANTIME corpus folder (`intra_cross-doc_annotation/corpus_apple`, ...): NewsReader
XML files of tokens, ENTITY_MENTION and EVENT_MENTION markables (token anchors; events carry
`certainty` and `polarity`), ENTITY/EVENT instances and REFERS_TO relations from mentions to
them. Each document's text is rebuilt from its tokens and parsed with our pipeline; every gold
mention is found by its characters.

Factuality, over the gold event mentions that have a value: accuracy and macro-F1 (over the
classes found in gold or predicted) of `storyline.analyse.factuality` mapped to MEANTIME's labels
(certain CERTAIN, probable PROBABLE, possible POSSIBLE, unknown UNDERSPECIFIED; a condition's
if-clause or a yes/no question is UNDERSPECIFIED), beside the majority class of the same corpus.

Coreference over the gold mentions, singletons included, scored with MUC, B-cubed, CEAF-e and
their CoNLL mean (`storyline.evaluate.coref_scores`). Gold chains: mentions that REFERS_TO one
instance (across documents when it has an `instance_id`).
  - entities come from the product: every document is written as a plain-text article (a
    `date:` line with its creation time, then its text) and ingested as `storyline ingest` would
    (same analysis, same cross-article resolution, hand decisions none); the entities of its
    mentions are read back through `Story.article`. A gold mention takes the entity of the
    product's mention that holds its head word and whose own last word lies inside it (the
    innermost when mentions nest). Gold mentions no product mention fits are scored as chains
    of their own; product mentions that fit no gold mention are left out (the usual way to score
    a response on the key's mentions). Beside it, a same-string baseline over the same mapped
    mentions: those whose product mention has the same normalised words form one chain.
  - events (`event_scores`), as the product resolves them: the documents are ingested as
    `storyline ingest` does (one JSON line each, with its creation date), and each gold
    EVENT_MENTION takes the stored cluster (`Story.events()`, resolve/event_coref.py) of the
    event the product found on it (the one sharing most characters); gold mentions the
    product found no event on are missing from the response (recall lost), events where
    MEANTIME annotates none are left out. Beside it: the same resolver over the gold mentions
    (their profiles taken by the analysis code ingest runs; the setting of ECB+'s published
    figures), and the same-lemma baseline over the gold mentions within predicted topics.
Factuality reads the rules (analyse/factuality.py) at each gold event's head.
"""
from __future__ import annotations

import json
import re
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from storyline.errors import StorylineError

__all__ = ["evaluate", "table", "load", "Document", "Mention", "macro_f1"]

CERTAINTY = {"certain": "CERTAIN", "probable": "PROBABLE", "possible": "POSSIBLE", "unknown": "UNDERSPECIFIED"}
POLARITY = {"positive": "POS", "negative": "NEG"}
_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re", "'ve", "'ll",
                    "'d", "'m", "''", "..."}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


@dataclass
class Mention:
    id: str  # document:m_id
    kind: str  # entity | event
    start: int
    end: int
    certainty: str = ""  # events only, as annotated ("" when not)
    polarity: str = ""
    syntactic: str = ""  # entities: NAM, NOM, PRO, ... as annotated ("" when not)


@dataclass
class Document:
    name: str
    text: str
    mentions: list[Mention] = field(default_factory=list)
    chains: dict[str, str] = field(default_factory=dict)  # mention id -> gold instance key
    published: str = ""  # the creation time's value


def _rebuild(tokens: list[tuple[str, str, str]]) -> tuple[str, dict[str, tuple[int, int]]]:
    """Text from (t_id, sentence, word) tokens: title and dateline on their own lines, then prose."""
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos, last_sentence, last_word = 0, None, None
    for t_id, sentence, word in tokens:
        if last_sentence is not None:
            if sentence != last_sentence and int(sentence) <= 2:
                gap = "\n\n"
            elif word in _NO_SPACE_BEFORE or last_word in _NO_SPACE_AFTER:
                gap = ""
            else:
                gap = " "
            parts.append(gap)
            pos += len(gap)
        offsets[t_id] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        last_sentence, last_word = sentence, word
    return "".join(parts), offsets


def parse(path: Path) -> Document:
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise StorylineError("E331", f"{path.name}: not well-formed XML ({exc})", "give MEANTIME XML files") from exc
    name = root.get("doc_name") or path.stem
    tokens = [(t.get("t_id"), t.get("sentence"), t.text or "") for t in root.iter("token")]
    text, offsets = _rebuild(tokens)
    doc = Document(name, text)
    markables = root.find("Markables")
    instances: dict[str, str] = {}
    for m in (markables if markables is not None else []):
        if m.tag in {"ENTITY_MENTION", "EVENT_MENTION"}:
            anchors = [offsets[a.get("t_id")] for a in m.findall("token_anchor") if a.get("t_id") in offsets]
            if not anchors:
                continue
            doc.mentions.append(Mention(f"{name}:{m.get('m_id')}", "entity" if m.tag == "ENTITY_MENTION" else "event",
                                        min(a[0] for a in anchors), max(a[1] for a in anchors),
                                        m.get("certainty") or "", m.get("polarity") or "",
                                        m.get("syntactic_type") or ""))
        elif m.tag == "TIMEX3" and m.get("functionInDocument") == "CREATION_TIME":
            doc.published = m.get("value") or ""
        elif m.tag in {"ENTITY", "EVENT"}:
            instances[m.get("m_id")] = m.get("instance_id") or f"{name}:{m.get('m_id')}"
    relations = root.find("Relations")
    for rel in (relations if relations is not None else []):
        if rel.tag != "REFERS_TO":
            continue
        target = rel.find("target")
        if target is None or target.get("m_id") not in instances:
            continue
        for source in rel.findall("source"):
            doc.chains[f"{name}:{source.get('m_id')}"] = instances[target.get("m_id")]
    return doc


def load(path: Path) -> list[Document]:
    files = sorted(Path(path).glob("*.xml"))
    if not files:
        raise StorylineError("E330", f"no .xml files in {path}",
                             "give one MEANTIME corpus folder, e.g. intra_cross-doc_annotation/corpus_apple")
    return [parse(f) for f in files]


# -- entities, as the product resolves them ------------------------------------------------------

@dataclass
class Ingested:
    """The corpus as `storyline ingest` stored it: the story, and where each document's text
    starts in its article (after the date line the article was given)."""
    story: object
    articles: dict[str, tuple[str, int]]  # document name -> (article id, offset of its text)


@contextmanager
def ingested(docs: list[Document]) -> Iterator[Ingested]:
    """Each document written as a plain-text article (a `date:` line with its creation time,
    then its text) and ingested into a scratch database, exactly as `storyline ingest` would."""
    from storyline import api
    from storyline.records import article_id
    with tempfile.TemporaryDirectory(prefix="storyline-meantime-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        articles = {}
        for i, doc in enumerate(docs):
            header = f"date: {doc.published[:10]}\n\n" if doc.published[:10] else ""
            text = header + doc.text + "\n"
            (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
            articles[doc.name] = (article_id(text), len(header))
        api.ingest([folder], Path(tmp) / "meantime.db")
        story = api.open(Path(tmp) / "meantime.db")
        try:
            yield Ingested(story, articles)
        finally:
            story.close()


# A word that starts what follows a noun phrase's head ("the chief executive of Apple", "Jobs, who").
_POSTMODIFIER = re.compile(r"\s*(?:,|\(|\b(?:of|in|at|for|from|on|with|who|whom|whose|which|that|to|by|as|and)\b)")
_WORD = re.compile(r"[^\W_][\w.&-]*")


def head_offset(text: str, m: Mention) -> int:
    """Where the head word of a gold mention starts: the last word before anything that follows
    the head ("the chief executive of Apple" -> "executive", "Apple CEO Steve Jobs" -> "Jobs",
    "Apple's iPhone" -> "iPhone"). MEANTIME marks heads only now and then."""
    span = text[m.start:m.end]
    first = _WORD.search(span)
    cut = _POSTMODIFIER.search(span, first.end()) if first else None
    words = list(_WORD.finditer(span[:cut.start()] if cut else span))
    words = [w for w in words if w.group().lower() not in {"s", "'s"}]
    return m.start + (words[-1].start() if words else 0)


@dataclass(frozen=True)
class Match:
    """The product's mention a gold mention was mapped to: its entity and its words."""
    entity: int
    text: str


def _coordinated(text: str, m: Mention, found: list[tuple[int, int, int]]) -> bool:
    """Whether a gold mention joins two of the product's names with "and" ("Apple and AT&T"; a
    comma may as well be an apposition's: "Steve Jobs, Apple's chief executive")."""
    inside = sorted(f for f in found if m.start <= f[0] and f[1] <= m.end)
    return any(re.fullmatch(r",?\s*(?:and|&)\s*", text[a[1]:b[0]]) for a, b in zip(inside, inside[1:]))


def _last_word(text: str, found: tuple[int, int, int]) -> int:
    words = list(_WORD.finditer(text, found[0], found[1]))
    return words[-1].start() if words else found[0]


def matches(docs: list[Document], ingested_corpus: Ingested) -> dict[str, Match]:
    """Gold entity mention id -> the product's mention that holds the gold mention's head and
    whose own last word lies in the gold mention (the innermost, when mentions nest): "Apple" in
    "the Apple Worldwide Developers Conference" is no mention of the conference, nor "Apple" of
    "Apple's chief executive". Gold mentions no product mention fits are left out."""
    out = {}
    for doc in docs:
        article, shift = ingested_corpus.articles[doc.name]
        page = ingested_corpus.story.article(article) or {"marks": [], "text": ""}
        found = [(m["start"] - shift, m["end"] - shift, m["entity"]) for m in page["marks"]
                 if m["kind"] == "mention" and m["entity"] is not None]
        for m in doc.mentions:
            if m.kind != "entity":
                continue
            if _coordinated(doc.text, m, found):
                continue  # "Apple and AT&T" is the two of them, neither one
            head = head_offset(doc.text, m)
            holding = [f for f in found if f[0] <= head < f[1] and m.start <= _last_word(doc.text, f) < m.end]
            if holding:
                s, e, entity = min(holding, key=lambda f: f[1] - f[0])
                out[m.id] = Match(entity, doc.text[s:e])
    return out


def entity_chains(docs: list[Document], matched: dict[str, Match], key) -> list[set[str]]:
    """The gold entity mentions grouped by `key(match)`; a mention the product did not find is
    a chain of its own (the standard way to score a response on the key's mentions)."""
    clusters: dict[object, set[str]] = defaultdict(set)
    for doc in docs:
        for m in doc.mentions:
            if m.kind == "entity":
                clusters[key(matched[m.id]) if m.id in matched else ("alone", m.id)].add(m.id)
    return list(clusters.values())


def _same_string(match: Match) -> str:
    from storyline.resolve.entities import name_key
    return name_key(match.text)


# -- predictions ----------------------------------------------------------------------------------

def _heads(docs: list[Document]) -> dict[str, object]:
    """The spaCy token heading each gold mention."""
    from storyline.analyse import nlp as loader
    nlp = loader.load()
    heads = {}
    for doc, parsed in zip(docs, nlp.pipe((d.text for d in docs), batch_size=8)):
        for m in doc.mentions:
            span = parsed.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and len(span):
                heads[m.id] = span.root
    return heads


def _meantime_labels(f) -> tuple[str, str]:
    if f.mood == "question" or f.mood == "hypothetical" and f.cues[:1] in {("if",), ("unless",)}:
        return "UNDERSPECIFIED", POLARITY[f.polarity]
    return CERTAINTY[f.certainty], POLARITY[f.polarity]


def predict_factuality(docs: list[Document], heads: dict) -> dict[str, tuple[str, str]]:
    from storyline.analyse.factuality import factuality
    out = {}
    for doc in docs:
        for m in doc.mentions:
            if m.kind == "event" and m.id in heads:
                out[m.id] = _meantime_labels(factuality(heads[m.id]))
    return out


def gold_chains(docs: list[Document], kind: str) -> list[set[str]]:
    clusters: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for m in doc.mentions:
            if m.kind == kind:
                clusters[doc.chains.get(m.id, m.id)].add(m.id)
    return list(clusters.values())


# -- scores ----------------------------------------------------------------------------------------

def macro_f1(gold: list[str], predicted: list[str]) -> float:
    """Mean F1 over the classes found in gold or predicted."""
    labels = sorted(set(gold) | set(predicted))
    f1s = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if g == p == label)
        n_pred = sum(1 for p in predicted if p == label)
        n_gold = sum(1 for g in gold if g == label)
        f1s.append(2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def _accuracy(gold: list[str], predicted: list[str]) -> float:
    return sum(1 for g, p in zip(gold, predicted) if g == p) / len(gold) if gold else 0.0


def _factuality_scores(docs: list[Document], predicted: dict[str, tuple[str, str]]) -> dict:
    out: dict = {}
    for i, attribute in enumerate(("certainty", "polarity")):
        pairs = [(getattr(m, attribute), predicted.get(m.id, ("CERTAIN", "POS"))[i])
                 for d in docs for m in d.mentions if m.kind == "event" and getattr(m, attribute)]
        gold = [g for g, _ in pairs]
        pred = [p for _, p in pairs]
        majority = Counter(gold).most_common(1)[0][0] if gold else ""
        out[f"{attribute}_accuracy"] = round(_accuracy(gold, pred), 4)
        out[f"{attribute}_macro_f1"] = round(macro_f1(gold, pred), 4)
        out[f"{attribute}_majority_accuracy"] = round(_accuracy(gold, [majority] * len(gold)), 4)
        out[f"{attribute}_majority_macro_f1"] = round(macro_f1(gold, [majority] * len(gold)), 4)
        out[f"{attribute}_events"] = len(gold)
        out[f"{attribute}_gold_classes"] = dict(sorted(Counter(gold).items()))
        out[f"{attribute}_confusion"] = {f"{g}>{p}": n for (g, p), n in sorted(Counter(pairs).items()) if g != p}
    return out


def _coref_scores(kind: str, key: list[set[str]], response: list[set[str]]) -> dict:
    from storyline.evaluate import coref_scores
    out = {}
    for metric in ("muc", "b_cubed", "ceafe"):
        p, r, f = getattr(coref_scores, metric)(key, response)
        out[f"{kind}_{metric}_precision"], out[f"{kind}_{metric}_recall"], out[f"{kind}_{metric}_f1"] = \
            round(p, 4), round(r, 4), round(f, 4)
    out[f"{kind}_conll_f1"] = round(coref_scores.conll(key, response)[2], 4)
    out[f"{kind}_mentions"] = sum(len(c) for c in key)
    out[f"{kind}_gold_chains"] = sum(1 for c in key if len(c) > 1)
    out[f"{kind}_predicted_chains"] = sum(1 for c in response if len(c) > 1)
    return out


def _matched_by_type(docs: list[Document], matched: dict[str, Match]) -> dict:
    """How many gold entity mentions the product found, in all and by syntactic type."""
    seen: Counter = Counter()
    found: Counter = Counter()
    for m in (m for d in docs for m in d.mentions if m.kind == "entity"):
        seen[m.syntactic or "none"] += 1
        found[m.syntactic or "none"] += m.id in matched
    return {"entity_matched": sum(found.values()),
            "entity_matched_by_type": {t: f"{found[t]}/{n}" for t, n in seen.most_common()}}


def _write(out: Path, docs: list[Document], source: Path, factuality: dict, chains: dict) -> None:
    """Each document's XML with our certainty and polarity on its event mentions, and our chains."""
    out.mkdir(parents=True, exist_ok=True)
    for doc, path in zip(docs, sorted(Path(source).glob("*.xml"))):
        tree = ET.parse(path)
        for m in tree.getroot().iter("EVENT_MENTION"):
            labels = factuality.get(f"{doc.name}:{m.get('m_id')}")
            if labels:
                m.set("certainty", labels[0])
                m.set("polarity", labels[1])
        tree.write(out / path.name, encoding="utf-8", xml_declaration=True)
    (out / "chains.json").write_text(json.dumps({k: [sorted(c) for c in v] for k, v in chains.items()}, indent=1),
                                     encoding="utf-8")


def evaluate(path: Path, predictions: Path | None = None) -> dict:
    docs = load(path)
    heads = _heads(docs)
    factuality = predict_factuality(docs, heads)
    with ingested(docs) as corpus:
        matched = matches(docs, corpus)
    events = event_scores(docs)
    chains = {"entity": entity_chains(docs, matched, lambda x: x.entity), "event": events.pop("chains")}
    metrics = {"documents": len(docs)}
    metrics.update(_factuality_scores(docs, factuality))
    metrics.update(_coref_scores("entity", gold_chains(docs, "entity"), chains["entity"]))
    baseline = _coref_scores("entity_same_string", gold_chains(docs, "entity"),
                             entity_chains(docs, matched, _same_string))
    metrics.update({k: v for k, v in baseline.items() if k.endswith("_f1")})
    metrics.update(_matched_by_type(docs, matched))
    metrics.update(events)
    metrics["unaligned_mentions"] = sum(1 for d in docs for m in d.mentions if m.id not in heads)
    if predictions:
        _write(Path(predictions), docs, path, factuality, chains)
    return metrics


# -- events: the product's cross-document resolution --------------------------------------------

def _articles(docs: list[Document]) -> list[tuple[Document, object]]:
    """Each document as the `Article` the JSON Lines reader makes of it (text unchanged)."""
    from storyline.read.common import clean
    from storyline.records import Article, article_id
    out = []
    for d in docs:
        if clean(d.text) != d.text:  # offsets would move; MEANTIME's texts are clean, so this is a guard
            raise StorylineError("E332", f"{d.name}: its text changes when read", "report this with the file")
        published = d.published[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", d.published) else None
        out.append((d, Article(id=article_id(d.text), name=d.name, text=d.text, published=published)))
    return out


def _ingested_events(docs: list[Document]) -> tuple[list[dict], dict]:
    """The documents ingested into a fresh database as `storyline ingest` does; the stored
    events (`Story.events()`, with their clusters, and the document name of each as "document")
    and the head lemma of each, by event id."""
    import tempfile

    from storyline.evaluate.pipeline import ingested
    pairs = _articles(docs)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "meantime.jsonl"
        source.write_text("".join(json.dumps({"text": a.text, **({"published": a.published} if a.published else {})})
                                  + "\n" for _, a in pairs), encoding="utf-8")
        with ingested([source]) as story:
            events = story.events()
            lemma = _event_lemmas(story.store)
    names_of: dict[str, list[str]] = defaultdict(list)  # two documents of one text are one article
    for d, a in pairs:
        names_of[a.id].append(d.name)
    return [e | {"document": name} for e in events for name in names_of.get(e["doc"], [])], lemma


def _event_lemmas(store) -> dict[int, str]:
    """The head lemma of each stored event, from its stored profile."""
    from storyline.records import profiles_from_json
    ids = {(r["article_id"], r["start"], r["end"]): r["id"]
           for r in store.query('SELECT id, article_id, start, "end" FROM events')}
    out = {}
    for r in store.query("SELECT article_id, profile FROM event_profiles"):
        for p in profiles_from_json(r["profile"])[1]:
            if (r["article_id"], p.start, p.end) in ids:
                out[ids[r["article_id"], p.start, p.end]] = p.lemma
    return out


def _found_on(doc: Document, events: list[dict]) -> dict[str, dict]:
    """Gold event mention id -> the stored event sharing most characters with it."""
    out = {}
    for m in doc.mentions:
        if m.kind != "event":
            continue
        overlap = [(min(m.end, e["end"]) - max(m.start, e["start"]), -e["start"], k) for k, e in enumerate(events)
                   if e["start"] < m.end and m.start < e["end"]]
        if overlap:
            out[m.id] = events[max(overlap)[2]]
    return out


def _gold_event_mentions(docs: list[Document]):
    """The gold event mentions as the resolver's `Mention`s (ids: the gold ids), with the
    documents' profiles: each text parsed as ingest parses it, profiles by the analysis code."""
    from storyline import settings
    from storyline.analyse import nlp as nlp_loader
    from storyline.analyse.event_profiles import profiles
    from storyline.resolve.event_coref import Mention
    nlp = nlp_loader.load()
    mentions, documents = [], {}
    parsed = nlp.pipe((d.text for d in docs), batch_size=settings.current().batch_size)
    for d, doc in zip(docs, parsed):
        gold = [m for m in d.mentions if m.kind == "event"]
        found, documents[d.name] = profiles(doc, [(m.start, m.end) for m in gold])
        mentions += [Mention(m.id, d.name, p) for m, p in zip(gold, found)]
    return mentions, documents, {d.name: d.text for d in docs}


def event_scores(docs: list[Document]) -> dict:
    """Cross-document event coreference as the product resolves it (end to end, the main
    figure, and on the gold mentions), the same-lemma baselines, and the chains written with
    --predictions (key "chains": the end-to-end response plus each missing gold mention alone)."""
    from storyline.resolve.event_coref import Index, document_topics, resolve, same_lemma
    key = gold_chains(docs, "event")
    events, lemma = _ingested_events(docs)
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        by_doc[e["document"]].append(e)
    response: dict[int, set[str]] = defaultdict(set)
    by_lemma: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for mid, e in _found_on(doc, by_doc.get(doc.name, [])).items():
            response[e["cluster"]].add(mid)
            by_lemma[lemma.get(e["id"]) or e["trigger"].lower()].add(mid)
    mentions, documents, texts = _gold_event_mentions(docs)
    topics = document_topics(Index(mentions, documents))
    out = _coref_scores("event", key, list(response.values()))
    out.update({f"event_e2e_lemma_baseline_{k[6:]}": v for k, v in
                _coref_scores("event", key, list(by_lemma.values())).items() if k.endswith("_f1")})
    out.update({f"event_gold_mentions_{k[6:]}": v for k, v in
                _coref_scores("event", key, resolve(mentions, documents, texts=texts)).items() if k.endswith("_f1")})
    out.update({f"event_lemma_baseline_{k[6:]}": v for k, v in
                _coref_scores("event", key, same_lemma(mentions, documents, topics=topics)).items() if k.endswith("_f1")})
    found = sum(len(c) for c in response.values())
    out["event_stored"] = len(events)
    out["event_mentions_found"] = found
    out["event_mention_recall"] = round(found / out["event_mentions"], 4) if out["event_mentions"] else 0.0
    covered = {m for c in response.values() for m in c}
    out["chains"] = list(response.values()) + [{m} for c in key for m in c if m not in covered]
    return out


def table(m: dict) -> str:
    rows = [f"{'factuality':<14}{'accuracy':>10}{'macro-F1':>10}{'majority acc':>14}{'majority F1':>13}{'events':>8}"]
    for a in ("certainty", "polarity"):
        rows.append(f"{a:<14}{m[f'{a}_accuracy']:>10.3f}{m[f'{a}_macro_f1']:>10.3f}"
                    f"{m[f'{a}_majority_accuracy']:>14.3f}{m[f'{a}_majority_macro_f1']:>13.3f}{m[f'{a}_events']:>8}")
    rows.append("")
    rows.append(f"{'coreference':<40}{'MUC F1':>8}{'B3 F1':>8}{'CEAF-e':>8}{'CoNLL':>8}")
    for label, prefix in (("entity (product)", "entity_"), ("  same string, same mentions", "entity_same_string_"),
                          ("event, end to end (product)", "event_"),
                          ("  same lemma of the events found", "event_e2e_lemma_baseline_"),
                          ("event, gold mentions (product resolver)", "event_gold_mentions_"),
                          ("  same lemma, gold mentions", "event_lemma_baseline_")):
        rows.append(f"{label:<40}{m[f'{prefix}muc_f1']:>8.3f}{m[f'{prefix}b_cubed_f1']:>8.3f}"
                    f"{m[f'{prefix}ceafe_f1']:>8.3f}{m[f'{prefix}conll_f1']:>8.3f}")
    rows.append(f"{m['documents']} documents; entities as `storyline ingest` resolves them ({m['entity_matched']} "
                f"of {m['entity_mentions']} gold mentions found, the rest scored alone), beside the same "
                "mentions grouped by their words")
    rows.append(f"{m['event_mentions']} gold event mentions; the product found an event on {m['event_mentions_found']} "
                f"({m['event_mention_recall']:.3f}), the others are missing from the end-to-end response")
    return "\n".join(rows)
