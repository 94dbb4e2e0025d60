"""`storyline eval ecbplus DIR --split Dev`: cross-document event coreference on ECB+.

DIR is the ECB+ folder holding `cybulska_setup/` (or that folder itself), the split of
Cybulska and Vossen (2015) as distributed with Barhom et al. (2019):
  - `ECB_{split}_corpus.txt`: one token a line, `doc sent tok word coref` (tab-separated),
    only the sentences that were annotated;
  - `ECB_{split}_Event_gold_mentions.json`: the event mentions (doc_id, sent_id,
    tokens_number, coref_chain);
  - `ECB_{split}_Entity_gold_mentions.json` (optional): the entity mentions, of which only the
    span and kind (HUM, NON, LOC, TIM) are read, never their chains: in the gold-mention
    setting they are input, the participants, places and times of the events.
The gold event mentions are given; what is measured is how they are grouped across all the
split's documents: MUC, B-cubed, CEAF-e and their mean, the CoNLL F1, with singletons counted
as the CoNLL-2012 reference scorer counts them.

Two settings, both reported: "predicted topics" (the articles are first clustered by content,
no use of the corpus's topic numbers; the main figures) and "gold topics" (the topic number in
each document name, as most published ECB+ results use). The same-lemma baseline is scored in
both. With `--predictions OUT`, the key and the responses are written in the reference scorer's
CoNLL format.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import StorylineError
from storyline.evaluate.coref_scores import b_cubed, ceafe, muc

__all__ = ["evaluate", "table", "load", "parse", "entity_mentions", "score", "write_conll", "Corpus"]

SETUP = "cybulska_setup"


@dataclass
class Corpus:
    split: str
    sentences: dict[str, dict[int, list[str]]]   # document -> sentence number -> words
    mentions: list[dict]                          # as in the JSON file, in its order
    entities: list[dict] = field(default_factory=list)  # entity mentions: doc_id, sent_id, tokens_number, kind

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
    mentions = json.loads(events.read_text(encoding="utf-8"))
    entity_file = folder / f"ECB_{split}_Entity_gold_mentions.json"
    entities = []
    if entity_file.is_file():  # spans and kinds only: the entity chains are not read
        entities = [{"doc_id": e["doc_id"], "sent_id": e["sent_id"], "tokens_number": e["tokens_number"],
                     "kind": e.get("mention_type", "")}
                    for e in json.loads(entity_file.read_text(encoding="utf-8"))]
    return Corpus(split, {d: dict(s) for d, s in sentences.items()}, mentions, entities)


def gold_topic(doc: str) -> str:
    """The topic number in an ECB+ document name ("12_3ecbplus" -> "12")."""
    return doc.split("_", 1)[0]


def parse(corpus: Corpus, nlp=None):
    """One spaCy Doc per document (its annotated sentences, each parsed on its own) and the
    mentions as EventMention records pointing into them."""
    from spacy.tokens import Doc

    from storyline.resolve.event_coref import EventMention
    if nlp is None:
        from storyline.analyse import nlp as nlp_loader
        nlp = nlp_loader.load()
    order = [(d, s) for d in sorted(corpus.sentences) for s in sorted(corpus.sentences[d])]
    parsed = nlp.pipe((Doc(nlp.vocab, words=corpus.sentences[d][s]) for d, s in order), batch_size=64)
    pieces: dict[str, list] = defaultdict(list)
    offset: dict[tuple[str, int], int] = {}
    length: dict[str, int] = defaultdict(int)
    for (d, s), sent in zip(order, parsed):
        offset[d, s] = length[d]
        length[d] += len(sent)
        sent.user_data.pop("storyline_text", None)  # each sentence's own text, not the joined document's
        pieces[d].append(sent)
    docs = {d: Doc.from_docs(p) for d, p in pieces.items()}
    mentions = [EventMention(i, m["doc_id"], tuple(offset[m["doc_id"], m["sent_id"]] + t for t in m["tokens_number"]))
                for i, m in enumerate(corpus.mentions)]
    return docs, mentions


def entity_mentions(corpus: Corpus) -> list:
    """The corpus's entity mentions as EntityMention records into the Docs of `parse` (whose
    sentences hold exactly the corpus's words, so offsets follow from the word counts)."""
    from storyline.resolve.event_coref import EntityMention
    offset: dict[tuple[str, int], int] = {}
    for d in corpus.sentences:
        n = 0
        for s in sorted(corpus.sentences[d]):
            offset[d, s] = n
            n += len(corpus.sentences[d][s])
    return [EntityMention(e["doc_id"], tuple(offset[e["doc_id"], e["sent_id"]] + t for t in e["tokens_number"]),
                          e["kind"])
            for e in corpus.entities if (e["doc_id"], e["sent_id"]) in offset]


def score(key: list[set], response: list[set], prefix: str = "") -> dict:
    out = {}
    f1s = []
    for name, metric in (("muc", muc), ("b3", b_cubed), ("ceafe", ceafe)):
        p, r, f = metric(key, response)
        out[f"{prefix}{name}_precision"], out[f"{prefix}{name}_recall"], out[f"{prefix}{name}_f1"] = p, r, f
        f1s.append(f)
    out[f"{prefix}conll_f1"] = sum(f1s) / 3
    return out


def write_conll(corpus: Corpus, clusters: list[set[int]], target: Path) -> None:
    """The split as one CoNLL document (`doc sent tok word coref`), for the reference scorer.

    A mention is marked from its first to its last token (the few discontinuous ones are
    read as their whole extent)."""
    cluster_of = {m: k for k, c in enumerate(sorted(clusters, key=min), 1) for m in c}
    marks: dict[tuple, list[str]] = defaultdict(list)
    for i, m in enumerate(corpus.mentions):
        first, last = min(m["tokens_number"]), max(m["tokens_number"])
        k = cluster_of[i]
        where = (m["doc_id"], m["sent_id"])
        if first == last:
            marks[where + (first,)].append(f"({k})")
        else:
            marks[where + (first,)].append(f"({k}")
            marks[where + (last,)].append(f"{k})")
    lines = [f"#begin document (ecbplus_{corpus.split}); part 000"]
    for d in sorted(corpus.sentences):
        for s in sorted(corpus.sentences[d]):
            for t, word in enumerate(corpus.sentences[d][s]):
                lines.append("\t".join([d, str(s), str(t), "_".join(word.split()) or "_",
                                        "|".join(marks.get((d, s, t), [])) or "-"]))
            lines.append("")
    lines.append("#end document")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")


def evaluate(path: Path, predictions: Path | None = None, split: str = "Dev") -> dict:
    from storyline.resolve.event_coref import (EMBEDDING_MODEL_FILE, MODEL_FILE, document_topics, resolve,
                                               same_lemma, use_embeddings)
    corpus = load(path, split)
    docs, mentions = parse(corpus)
    entities = entity_mentions(corpus) or None
    key = corpus.gold_clusters()
    predicted_topics = document_topics(docs)
    gold_topics = {d: gold_topic(d) for d in docs}
    responses = {
        "": resolve(docs, mentions, topics=predicted_topics, entities=entities),
        "gold_topics_": resolve(docs, mentions, topics=gold_topics, entities=entities),
        "lemma_baseline_": same_lemma(docs, mentions, topics=predicted_topics),
        "gold_topics_lemma_baseline_": same_lemma(docs, mentions, topics=gold_topics),
    }
    out: dict = {"split": split, "documents": len(docs), "mentions": len(mentions), "gold_clusters": len(key),
                 "predicted_clusters": len(responses[""]), "gold_topics": len(set(gold_topics.values())),
                 "predicted_topics": len(set(predicted_topics.values())),
                 "model": EMBEDDING_MODEL_FILE if use_embeddings() else MODEL_FILE}
    topic_key = _group(gold_topics)
    out["topic_b3_f1"] = b_cubed(topic_key, _group(predicted_topics))[2]
    for prefix, response in responses.items():
        out.update(score(key, response, prefix))
    if predictions:
        folder = Path(predictions)
        write_conll(corpus, key, folder / f"ecbplus_{split}_key.conll")
        write_conll(corpus, responses[""], folder / f"ecbplus_{split}_response.conll")
        write_conll(corpus, responses["gold_topics_"], folder / f"ecbplus_{split}_response_gold_topics.conll")
        write_conll(corpus, responses["lemma_baseline_"], folder / f"ecbplus_{split}_response_lemma_baseline.conll")
    return out


def _group(labels: dict) -> list[set]:
    groups: dict = defaultdict(set)
    for item, label in labels.items():
        groups[label].add(item)
    return list(groups.values())


def table(m: dict) -> str:
    rows = [f"ECB+ {m['split']}: cross-document event coreference, gold mentions",
            f"{'':<28}{'MUC':>8}{'B3':>8}{'CEAF-e':>8}{'CoNLL':>8}"]
    for label, prefix in (("model, predicted topics", ""), ("same lemma, predicted topics", "lemma_baseline_"),
                          ("model, gold topics", "gold_topics_"),
                          ("same lemma, gold topics", "gold_topics_lemma_baseline_")):
        rows.append(f"{label:<28}" + "".join(f"{m[f'{prefix}{x}_f1']:>8.3f}" for x in ("muc", "b3", "ceafe", "conll")))
    rows.append(f"{m['documents']} documents, {m['mentions']} mentions, {m['gold_clusters']} gold clusters, "
                f"{m['predicted_clusters']} predicted; topics {m['predicted_topics']} predicted / "
                f"{m['gold_topics']} gold (B3 F1 {m['topic_b3_f1']:.3f})")
    if "model" in m:
        rows.append(f"model: {m['model']}" + (" (lexical; STORYLINE_EVENT_EMBEDDINGS=off or no embedding backend)"
                                              if m["model"] == "event_coref.json" else
                                              " (with MiniLM embeddings of the event words, alone and in their sentences)"))
    return "\n".join(rows)
