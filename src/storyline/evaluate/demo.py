"""Score a storyline/1 export against the demo's expected case file (its acceptance test).

The case file (see demo/README.md) lists what a careful reader finds: documents
with outlet and date, entities with their aliases, people who must stay apart,
dated events, claims with their sources and polarity, and contradictions. Each
section gets a score in 0-1; the case-file score is their mean.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

__all__ = ["score", "evaluate", "table"]


def _fold(s) -> str:
    return " ".join(str(s).casefold().split()) if s is not None else ""


def score(export: dict, expected: dict, texts: dict[str, str]) -> dict:
    """Section scores of `export` against `expected`; `texts` maps document name to its stored text."""
    docs_by_name = {d["name"]: d for d in export["documents"]}
    id_by_name = {n: d["id"] for n, d in docs_by_name.items()}
    entities = export["entities"]
    ent_by_id = {e["id"]: e for e in entities}
    ent_of_alias: dict[str, int] = {}
    for e in entities:
        for a in e["aliases"]:
            ent_of_alias.setdefault(_fold(a), e["id"])

    def entity_named(name: str | None) -> int | None:
        return ent_of_alias.get(_fold(name)) if name else None

    out: dict = {}
    # Documents: found, outlet, date.
    hits = total = 0
    for d in expected["documents"]:
        got = docs_by_name.get(d["name"])
        total += 3
        if got:
            # An article that gives no date is right when left undated or flagged as inferred.
            date_ok = got["published"] == d.get("published") or (
                d.get("published") is None and got.get("published_from") == "inferred")
            hits += 1 + (_fold(got["outlet"]) == _fold(d.get("outlet"))) + date_ok
    out["documents"] = hits / total if total else 1.0

    # Entities: alias recall within the entity that holds the name; wrong merges.
    alias_hits = alias_total = 0
    for e in expected["entities"]:
        ent_id = entity_named(e["name"])
        names = {_fold(a) for a in [e["name"], *e.get("aliases", [])]}
        alias_total += len(names)
        if ent_id is not None:
            have = {_fold(a) for a in ent_by_id[ent_id]["aliases"]}
            alias_hits += len(names & have)
    expected_ids = [entity_named(e["name"]) for e in expected["entities"]]
    merged_wrongly = sum(1 for i, a in enumerate(expected_ids) for b in expected_ids[i + 1:]
                         if a is not None and a == b)
    distinct_broken = sum(1 for a, b in expected.get("distinct", [])
                          if entity_named(a) is not None and entity_named(a) == entity_named(b))
    out["entity_alias_recall"] = alias_hits / alias_total if alias_total else 1.0
    out["entity_wrong_merges"] = merged_wrongly
    out["distinct_violations"] = distinct_broken
    out["entities"] = out["entity_alias_recall"] * (0.5 ** (merged_wrongly + distinct_broken))

    # Events: an exported event in the same document whose sentence holds the evidence.
    ev_found = ev_dated = 0
    event_match: dict[int, list[int]] = {}
    for i, e in enumerate(expected["events"]):
        doc_id = id_by_name.get(e["doc"])
        cands = [x for x in export["events"] if x["doc"] == doc_id and
                 (_fold(e["evidence"]) in _fold(x["text"]) or _fold(x["text"]) in _fold(e["evidence"]))]
        if cands:
            ev_found += 1
            event_match[i] = [x["id"] for x in cands]
            if any(x["when"] == e.get("when") for x in cands):
                ev_dated += 1
    n_ev = len(expected["events"])
    out["event_recall"] = ev_found / n_ev if n_ev else 1.0
    out["event_date_accuracy"] = ev_dated / n_ev if n_ev else 1.0
    out["events"] = (out["event_recall"] + out["event_date_accuracy"]) / 2

    # Events told by several articles are one event: pairwise agreement of the export's event
    # clusters with the case file's groups, over the expected events that were found.
    cluster_of = {x["id"]: x.get("cluster", x["id"]) for x in export["events"]}
    type_of = {x["id"]: x["type"] for x in export["events"]}
    typed = {i: [x for x in ids if type_of[x] == expected["events"][i]["type"]] for i, ids in event_match.items()}
    group_of = {i: g for g, members in enumerate(expected.get("same_events", [])) for i in members}
    found_ids = sorted(i for i, ids in typed.items() if ids)
    agree = pairs = 0
    for a_i, b_i in ((a, b) for k, a in enumerate(found_ids) for b in found_ids[k + 1:]):
        same_expected = a_i in group_of and group_of.get(a_i) == group_of.get(b_i)
        same_found = bool({cluster_of[x] for x in typed[a_i]} & {cluster_of[x] for x in typed[b_i]})
        if same_expected or same_found:
            pairs += 1
            agree += same_expected == same_found
    out["event_coreference"] = agree / pairs if pairs else 1.0
    out["events"] = (out["event_recall"] + out["event_date_accuracy"] + out["event_coreference"]) / 3

    # Claims: an exported claim in the same document overlapping the expected content.
    cl_found = cl_source = cl_polarity = cl_certainty = n_cert = 0
    claim_match: dict[int, set[int]] = {}
    for i, c in enumerate(expected["claims"]):
        doc_id = id_by_name.get(c["doc"])
        text = texts.get(c["doc"], "")
        at = text.find(c["content"]) if text else -1
        if doc_id is None or at < 0:
            continue
        span = (at, at + len(c["content"]))
        cands = [x for x in export["claims"] if x["doc"] == doc_id and x["start"] < span[1] and span[0] < x["end"]]
        if not cands:
            continue
        cl_found += 1
        claim_match[i] = {x["id"] for x in cands}
        if any(_source_ok(x["source"], c["source"], ent_by_id, entity_named) for x in cands):
            cl_source += 1
        if any(x["polarity"] == c["polarity"] for x in cands):
            cl_polarity += 1
        if c.get("certainty"):
            n_cert += 1
            cl_certainty += any(x["certainty"] == c["certainty"] for x in cands)
    n_cl = len(expected["claims"])
    out["claim_recall"] = cl_found / n_cl if n_cl else 1.0
    out["claim_source_accuracy"] = cl_source / n_cl if n_cl else 1.0
    out["claim_polarity_accuracy"] = cl_polarity / n_cl if n_cl else 1.0
    out["claim_certainty_accuracy"] = cl_certainty / n_cert if n_cert else 1.0
    out["claims"] = (out["claim_recall"] + out["claim_source_accuracy"] + out["claim_polarity_accuracy"]
                     + out["claim_certainty_accuracy"]) / 4

    # Contradictions: same kind, and the claims (or events) on both sides found.
    found_kinds = 0
    used = set()
    for c in expected.get("contradictions", []):
        for x in export["contradictions"]:
            if x["kind"] != c["kind"] or x["id"] in used:
                continue
            claims_ok = all(claim_match.get(i, set()) & set(x["claims"]) for i in c.get("claims", []))
            events_ok = all(set(event_match.get(i, [])) & set(x["events"]) for i in c.get("events", []))
            if claims_ok and events_ok:
                found_kinds += 1
                used.add(x["id"])
                break
    n_co = len(expected.get("contradictions", []))
    n_pred = len(export["contradictions"])
    recall = found_kinds / n_co if n_co else 1.0
    precision = found_kinds / n_pred if n_pred else (1.0 if not n_co else 0.0)
    out["contradiction_recall"] = recall
    out["contradiction_precision"] = precision
    out["contradictions"] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    # Corroboration and first reports: the cluster holding the expected claim.
    checks = []
    cluster_of = {}
    for cl in export.get("claim_clusters", []):
        for cid in cl["claims"]:
            cluster_of[cid] = cl
    for c in expected.get("corroboration", []):
        cl = next((cluster_of[x] for x in sorted(claim_match.get(c["claim"], ())) if x in cluster_of), None)
        checks += [cl is not None and cl["independent_sources"] == c["independent_sources"],
                   cl is not None and len(cl["outlets"]) == c["outlets"],
                   cl is not None and bool(cl["possibly_same"]) == c.get("possibly_same", False)]
    for f in expected.get("first_reports", []):
        cl = next((cluster_of[x] for x in sorted(claim_match.get(f.get("claim"), ())) if x in cluster_of), None)
        picked = {p["doc"] for p in cl["pickup"]} | set(cl["articles"]) if cl else set()
        checks += [cl is not None and cl["first"] == id_by_name.get(f["doc"]),
                   cl is not None and all(id_by_name.get(n) in picked for n in f.get("picked_up_by", []))]
    out["corroboration"] = sum(checks) / len(checks) if checks else 1.0

    sections = ["documents", "entities", "events", "claims", "contradictions", "corroboration"]
    out["score"] = sum(out[s] for s in sections) / len(sections)
    return out


def _source_ok(got: dict, want: dict, ent_by_id, entity_named) -> bool:
    if want.get("kind") == "anonymous":
        return bool(got.get("anonymous")) and (want.get("count") is None or got.get("count") == want["count"])
    if want.get("kind") == "outlet":
        return got.get("kind") == "outlet" or (got.get("entity") is not None and
                                               got.get("entity") == entity_named(want.get("entity")))
    if want.get("entity"):
        ok = got.get("entity") is not None and got["entity"] == entity_named(want["entity"])
        if want.get("on_behalf_of"):
            ok = ok or (got.get("on_behalf_of") is not None and
                        got["on_behalf_of"] == entity_named(want["on_behalf_of"]))
        return ok
    return got.get("kind") == want.get("kind")


def evaluate(path: Path, predictions: Path | None = None) -> dict:
    """Ingest `path/corpus` into a fresh database and score it against `path/expected.json`."""
    from storyline.api import ingest, open as open_story
    expected = json.loads((Path(path) / "expected.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "casefile.db"
        ingest([Path(path) / "corpus"], db, quiet=True)
        with open_story(db) as story:
            export = story.export()
            texts = {r["name"]: r["text"] for r in story.store.query("SELECT name, text FROM articles")}
    if predictions:
        Path(predictions).mkdir(parents=True, exist_ok=True)
        (Path(predictions) / "export.json").write_text(json.dumps(export, indent=1), encoding="utf-8")
    return score(export, expected, texts)


def table(metrics: dict) -> str:
    rows = [(k, metrics[k]) for k in ["documents", "entity_alias_recall", "entity_wrong_merges",
                                      "distinct_violations", "entities", "event_recall", "event_date_accuracy",
                                      "event_coreference", "events", "claim_recall", "claim_source_accuracy",
                                      "claim_polarity_accuracy", "claim_certainty_accuracy", "claims",
                                      "contradiction_recall",
                                      "contradiction_precision", "contradictions", "corroboration", "score"]]
    return "\n".join(f"{k:<26}{v:>8.3f}" if isinstance(v, float) else f"{k:<26}{v:>8}" for k, v in rows)
