"""`storyline eval ecbplus DIR --split Dev`: cross-document event coreference on ECB+, as the product resolves it.

DIR is the ECB+ folder holding `cybulska_setup/` (or that folder itself), the split of
Cybulska and Vossen (2015) as distributed with Barhom et al. (2019):
  - `ECB_{split}_corpus.txt`: one token a line, `doc sent tok word coref` (tab-separated),
    only the sentences that were annotated;
  - `ECB_{split}_Event_gold_mentions.json`: the event mentions (doc_id, sent_id,
    tokens_number, coref_chain).

Each document becomes an `Article` (its annotated sentences, one a line, the words joined by
spaces), parsed and analysed as `storyline ingest` does. Two settings, both scored with MUC,
B-cubed, CEAF-e and their mean, the CoNLL F1 (singletons counted as the CoNLL-2012 reference
scorer counts them):

  - gold mentions (the main figures, the setting of published ECB+ results): ECB+'s event
    mentions are the mentions to resolve. Their profiles are taken by the analysis code ingest
    runs (analyse/event_profiles.py) and grouped by the resolver ingest runs
    (resolve/event_coref.resolve, same model and settings). Topics are predicted (no use of the
    corpus's topic numbers); a "gold topics" run, as most published results use, and the
    same-lemma baseline are given beside;
  - end to end: the articles are ingested into a fresh database, and each gold mention takes
    the stored cluster (`Story.events()`) of the event the product found on it (overlapping
    characters). Gold mentions the product found no event on are missing from the response,
    which costs recall; events the product found where ECB+ annotates none are left out (ECB+
    does not annotate every event of a sentence).

With `--predictions OUT`, the key and the responses are written in the mention-based CoNLL
format of the Cybulska setup that the reference scorer (v8.01) reads: one document
`ECB+/ecbplus_all`, one line per gold mention in a fixed order with its chain as `(N)` (`-`
for a gold mention the response lacks), so `scorer.pl all KEY RESPONSE` scores it.
"""
from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from storyline.errors import StorylineError
from storyline.evaluate.coref_scores import b_cubed, ceafe, muc

__all__ = ["evaluate", "table", "load", "articles", "gold_mentions", "end_to_end", "score", "write_conll",
           "read_conll", "mention_order", "Corpus", "KEY_DOCUMENT"]

SETUP = "cybulska_setup"
KEY_DOCUMENT = "ECB+/ecbplus_all"


@dataclass
class Corpus:
    split: str
    sentences: dict[str, dict[int, list[str]]]   # document -> sentence number -> words
    mentions: list[dict]                          # as in the JSON file, in its order

    def gold_clusters(self) -> list[set[int]]:
        chains: dict[str, set[int]] = defaultdict(set)
        for i, m in enumerate(self.mentions):
            chains[m["coref_chain"]].add(i)
        return list(chains.values())


def _folder(path: Path) -> Path:
    path = Path(path)
    for candidate in (path / SETUP, path):
        if any(candidate.glob("ECB_*_corpus.txt")):
            return candidate
    raise StorylineError("E320", f"no ECB_<split>_corpus.txt under {path} or {path / SETUP}",
                         "give the ECB+ folder that holds cybulska_setup/")


def load(path: Path, split: str = "Dev") -> Corpus:
    folder = _folder(path)
    text = folder / f"ECB_{split}_corpus.txt"
    events = folder / f"ECB_{split}_Event_gold_mentions.json"
    if not text.is_file() or not events.is_file():
        found = sorted(p.name.split("_")[1] for p in folder.glob("ECB_*_corpus.txt"))
        raise StorylineError("E321", f"no {split} split in {folder}", f"use --split with one of {', '.join(found)}")
    sentences: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for line in text.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 4:
            sentences[cols[0]][int(cols[1])].append(cols[3])
    try:
        mentions = json.loads(events.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise StorylineError("E322", f"{events.name} is not valid JSON ({exc})", "give the Cybulska setup's files") from exc
    return Corpus(split, {d: dict(s) for d, s in sentences.items()}, mentions)


def gold_topic(doc: str) -> str:
    """The topic number in an ECB+ document name ("12_3ecbplus" -> "12")."""
    return doc.split("_", 1)[0]


def articles(corpus: Corpus) -> tuple[list, dict[int, tuple[str, int, int]]]:
    """Each document as an `Article` named by its ECB+ id (its annotated sentences, one a line,
    the words joined by single spaces), and each gold mention (index into corpus.mentions) as
    (document, start, end) characters, from its first to its last token."""
    from storyline.read.common import clean
    from storyline.records import Article, article_id
    out, where = [], {}
    for d in sorted(corpus.sentences):
        lines, pos = [], 0
        for s in sorted(corpus.sentences[d]):
            words = [clean(w).replace("\n", " ").strip() or "_" for w in corpus.sentences[d][s]]
            for t, w in enumerate(words):
                where[d, s, t] = (pos, pos + len(w))
                pos += len(w) + 1
            lines.append(" ".join(words))
        text = "\n".join(lines)
        out.append(Article(id=article_id(text), name=d, text=text))
    spans = {}
    for k, m in enumerate(corpus.mentions):
        tokens = [where.get((m["doc_id"], m["sent_id"], t)) for t in m["tokens_number"]]
        tokens = [t for t in tokens if t is not None]
        if tokens:
            spans[k] = (m["doc_id"], min(a for a, _ in tokens), max(b for _, b in tokens))
    return out, spans


def gold_mentions(corpus: Corpus, nlp=None):
    """The gold mentions as the resolver's `Mention`s (ids: indices into corpus.mentions, in their
    order), the
    documents' profiles and texts: each article parsed as ingest parses it, and the mentions'
    profiles taken by the analysis code ingest runs on its own events."""
    from storyline import settings
    from storyline.analyse import nlp as nlp_loader
    from storyline.analyse.event_profiles import profiles
    from storyline.resolve.event_coref import Mention
    nlp = nlp or nlp_loader.load()
    arts, spans = articles(corpus)
    by_doc: dict[str, list[int]] = defaultdict(list)
    for k, (d, _, _) in spans.items():
        by_doc[d].append(k)
    mentions, documents = [], {}
    for doc, art in nlp.pipe(((a.text, a) for a in arts), as_tuples=True, batch_size=settings.current().batch_size):
        ids = by_doc.get(art.name, [])
        found, documents[art.name] = profiles(doc, [spans[k][1:] for k in ids])
        mentions += [Mention(k, art.name, p) for k, p in zip(ids, found)]
    return sorted(mentions, key=lambda m: m.id), documents, {a.name: a.text for a in arts}


def end_to_end(corpus: Corpus, db: Path | None = None) -> tuple[list[set[int]], dict]:
    """The articles ingested as `storyline ingest` does; each gold mention takes the stored
    cluster of the product's event on it (the one sharing most characters). Returns the
    response over gold mention ids (gold mentions without an event left out) and counts."""
    from storyline.evaluate.pipeline import ingested
    arts, spans = articles(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"ecbplus_{corpus.split}.jsonl"
        source.write_text("".join(json.dumps({"text": a.text}) + "\n" for a in arts), encoding="utf-8")
        with ingested([source], db) as story:
            events = story.events()
    name_of = {a.id: a.name for a in arts}
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for e in events:
        if e["doc"] in name_of:
            by_doc[name_of[e["doc"]]].append(e)
    response: dict[int, set[int]] = defaultdict(set)
    for k, (d, start, end) in spans.items():
        overlap = [(min(end, e["end"]) - max(start, e["start"]), -e["start"], e) for e in by_doc.get(d, [])
                   if e["start"] < end and start < e["end"]]
        if overlap:
            response[max(overlap, key=lambda o: o[:2])[2]["cluster"]].add(k)
    found = sum(len(c) for c in response.values())
    return list(response.values()), {"e2e_events": len(events), "e2e_mentions_found": found,
                                     "e2e_mention_recall": found / len(corpus.mentions) if corpus.mentions else 0.0}


def score(key: list[set], response: list[set], prefix: str = "") -> dict:
    out = {}
    f1s = []
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceafe", ceafe)):
        p, r, f = metric(key, response)
        out[f"{prefix}{name}_precision"], out[f"{prefix}{name}_recall"], out[f"{prefix}{name}_f1"] = p, r, f
        f1s.append(f)
    out[f"{prefix}conll_f1"] = sum(f1s) / 3
    return out


def mention_order(corpus: Corpus) -> list[int]:
    """The gold mentions (indices) in the order the Cybulska setup's key files list them: ECB
    topics, then ECB+ topics ("36_ecb" < ... < "36_ecbplus"), documents and sentences in order,
    within a sentence from the last mention to the first."""
    def topic(doc: str) -> tuple:
        kind = "ecbplus" if doc.endswith("plus") else "ecb"
        return (kind == "ecbplus", f"{gold_topic(doc)}_{kind}")
    return sorted(range(len(corpus.mentions)),
                  key=lambda k: (topic(corpus.mentions[k]["doc_id"]), corpus.mentions[k]["doc_id"],
                                 corpus.mentions[k]["sent_id"], -min(corpus.mentions[k]["tokens_number"]), k))


def write_conll(corpus: Corpus, clusters: list[set[int]], target: Path) -> None:
    """`clusters` (of gold mention indices) in the mention-based CoNLL format: one line per gold
    mention in `mention_order`, `ECB+/ecbplus_all<TAB>(N)`, chains numbered from 1 in order of
    first appearance; `-` for a mention in no cluster (the response lacks it)."""
    order = mention_order(corpus)
    cluster_of = {m: k for k, c in enumerate(clusters) for m in c}
    number: dict[int, int] = {}
    lines = [f"#begin document ({KEY_DOCUMENT}); part 000"]
    for m in order:
        if m not in cluster_of:
            lines.append(f"{KEY_DOCUMENT}\t-")
            continue
        n = number.setdefault(cluster_of[m], len(number) + 1)
        lines.append(f"{KEY_DOCUMENT}\t({n})")
    lines.append("#end document")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_conll(path: Path) -> list[set[int]]:
    """The clusters of a mention-based file, over line numbers (0 = the first mention line):
    what the reference scorer reads of it, one single-token mention per marked line."""
    clusters: dict[str, set[int]] = defaultdict(set)
    row = 0
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        mark = line.split()[-1]
        if mark != "-":
            clusters[mark.strip("()")].add(row)
        row += 1
    return list(clusters.values())


def evaluate(path: Path, predictions: Path | None = None, split: str = "Dev", end_to_end_run: bool = True) -> dict:
    from storyline.resolve.event_coref import (EMBEDDING_MODEL_FILE, MODEL_FILE, Index, document_topics, resolve,
                                               same_lemma, use_embeddings)
    corpus = load(path, split)
    mentions, documents, texts = gold_mentions(corpus)
    key = corpus.gold_clusters()
    predicted_topics = document_topics(Index(mentions, documents))
    gold_topics = {d: gold_topic(d) for d in documents}
    responses = {
        "": resolve(mentions, documents, texts=texts),
        "gold_topics_": resolve(mentions, documents, texts=texts, topics=gold_topics),
        "lemma_baseline_": same_lemma(mentions, documents, topics=predicted_topics),
        "gold_topics_lemma_baseline_": same_lemma(mentions, documents, topics=gold_topics),
    }
    out: dict = {"split": split, "documents": len(documents), "mentions": len(corpus.mentions),
                 "gold_clusters": len(key), "predicted_clusters": len(responses[""]),
                 "gold_topics": len(set(gold_topics.values())),
                 "predicted_topics": len(set(predicted_topics.values())),
                 "model": EMBEDDING_MODEL_FILE if use_embeddings() else MODEL_FILE}
    out["topic_b3_f1"] = b_cubed(_group(gold_topics), _group(predicted_topics))[2]
    if end_to_end_run:
        responses["e2e_"], counts = end_to_end(corpus)
        out.update(counts)
    for prefix, response in responses.items():
        out.update(score(key, response, prefix))
    if predictions:
        folder = Path(predictions)
        write_conll(corpus, key, folder / f"ecbplus_{split}_events.key_conll")
        for prefix, name in (("", "response"), ("gold_topics_", "response_gold_topics"),
                             ("lemma_baseline_", "response_lemma_baseline"), ("e2e_", "response_end_to_end")):
            if prefix in responses:
                write_conll(corpus, responses[prefix], folder / f"ecbplus_{split}_events.{name}_conll")
    return out


def _group(labels: dict) -> list[set]:
    groups: dict = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return list(groups.values())


def table(m: dict) -> str:
    rows = [f"ECB+ {m['split']}: cross-document event coreference, the product's resolver",
            f"{'':<40}{'MUC':>8}{'B3':>8}{'CEAF-e':>8}{'CoNLL':>8}"]
    runs = [("gold mentions, predicted topics", ""), ("  same lemma, predicted topics", "lemma_baseline_"),
            ("gold mentions, gold topics", "gold_topics_"), ("  same lemma, gold topics", "gold_topics_lemma_baseline_"),
            ("end to end (product's events)", "e2e_")]
    for label, prefix in runs:
        if f"{prefix}conll_f1" in m:
            rows.append(f"{label:<40}" + "".join(f"{m[f'{prefix}{x}_f1']:>8.3f}" for x in ("muc", "b3", "ceafe", "conll")))
    rows.append(f"{m['documents']} documents, {m['mentions']} gold mentions, {m['gold_clusters']} gold clusters, "
                f"{m['predicted_clusters']} predicted; topics {m['predicted_topics']} predicted / "
                f"{m['gold_topics']} gold (B3 F1 {m['topic_b3_f1']:.3f})")
    if "e2e_mention_recall" in m:
        rows.append(f"end to end: the product found an event on {m['e2e_mentions_found']} of the gold mentions "
                    f"({m['e2e_mention_recall']:.3f}); gold mentions without one are missing from the response")
    rows.append(f"model: {m['model']}" + (" (lexical; STORYLINE_EVENT_EMBEDDINGS=on for the MiniLM model)"
                                          if m["model"] == "event_coref.json" else
                                          " (with MiniLM vectors of the event words, alone and in their sentences)"))
    return "\n".join(rows)
