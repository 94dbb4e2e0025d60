"""`storyline eval casefile CORPUS GOLD.json`: a real story with hand-made gold, end to end.

The corpus folder is ingested as `storyline ingest` would, the story is exported (storyline/1),
and the export is scored against the gold in the format of the case files in
`../shared/casefiles/*/gold.json`, with the measures their scorer uses:

  - documents: the publication date of each document whose date the gold knows;
  - entities: each gold actor found under one of its names, the names that must merge in one
    entity, the pairs that must stay apart;
  - events: an event whose date starts with an accepted value, whose participants include the
    gold ones (or one of `participants_any`) and whose sentence holds one of the keywords;
  - claims: a claim in the right document holding all the gold words, with the gold polarity
    (and certainty, when given) and source (anonymous with a count, or the gold entity as
    speaker or as the one spoken for);
  - contradictions: one reported with a claim from each gold side (a date conflict: one whose
    events take in the gold event's participants); where the gold lists every contradiction
    (`contradictions_exhaustive`), the share of reported contradictions that match a gold one.

Items marked `stretch` are counted apart and left out of the score, which is the share of the
other items found. A document key matches an exported document when the key is part of its id,
name, title or path.
"""
from __future__ import annotations

import json
from pathlib import Path

__all__ = ["score", "evaluate", "table"]


def _low(s) -> str:
    return (s or "").lower()


class _Tally:
    def __init__(self):
        self.sections: dict[str, list[int]] = {}
        self.stretch = [0, 0]

    def add(self, section: str, ok: bool, stretch: bool = False) -> None:
        if stretch:
            self.stretch[0] += bool(ok)
            self.stretch[1] += 1
            return
        row = self.sections.setdefault(section, [0, 0])
        row[0] += bool(ok)
        row[1] += 1


def score(gold: dict, export: dict) -> dict:
    """Measures of `export` (a storyline/1 object) against `gold` (case-file format)."""
    tally = _Tally()
    docs = export.get("documents") or []
    aliases = {e.get("id"): {_low(a) for a in e.get("aliases") or []} | {_low(e.get("name"))}
               for e in export.get("entities") or []}
    gold_names = {g["id"]: {_low(n) for n in g["names"]} for g in gold["entities"]}

    def gold_entities_of(entity_id) -> set[str]:
        found = aliases.get(entity_id, set())
        return {gid for gid, names in gold_names.items() if found & names}

    def blob(d: dict) -> str:
        return " ".join(str(d.get(k) or "") for k in ("id", "name", "title", "path"))

    def doc_key(doc_id) -> str | None:
        for d in docs:
            if d.get("id") == doc_id:
                return next((k for k in gold["documents"] if k in blob(d)), None)
        return next((k for k in gold["documents"] if k in str(doc_id)), None)

    for key, want in gold["documents"].items():
        if want.get("published"):
            got = [d.get("published") for d in docs if key in blob(d)]
            tally.add("documents", bool(got) and str(got[0] or "").startswith(want["published"]))

    for g in gold["entities"]:
        names = gold_names[g["id"]]
        tally.add("entities", any(a & names for a in aliases.values()))
        if g.get("must_merge"):
            need = {_low(n) for n in g["must_merge"]}
            tally.add("entities", any(need <= a for a in aliases.values()))
    for x, y in gold.get("must_not_merge", []):
        both = any(a & gold_names[x] for a in aliases.values()) and any(a & gold_names[y] for a in aliases.values())
        merged = any(a & gold_names[x] and a & gold_names[y] for a in aliases.values())
        tally.add("entities", both and not merged)

    events = export.get("events") or []
    for g in gold.get("events", []):
        tally.add("events", any(_event_ok(g, e, gold_entities_of) for e in events))

    claims = export.get("claims") or []
    matches = {g["id"]: {c.get("id") for c in claims if _claim_ok(g, c, doc_key, gold_entities_of)}
               for g in gold.get("claims", [])}
    for g in gold.get("claims", []):
        tally.add("claims", bool(matches[g["id"]]))

    found = export.get("contradictions") or []
    event_by_id = {e.get("id"): e for e in events}
    gold_events = {e["id"]: e for e in gold.get("events", [])}

    def hits(g: dict, c: dict) -> bool:
        if g.get("kind") == "date":
            if "date" not in _low(c.get("kind")):
                return False
            parts = set()
            for eid in c.get("events") or []:
                for p in (event_by_id.get(eid) or {}).get("participants") or []:
                    parts |= gold_entities_of(p)
            return set(gold_events[g["event"]]["participants"]) <= parts
        ids = set(c.get("claims") or [])
        side_a = set().union(*(matches[k] for k in g["sides"][0]))
        side_b = set().union(*(matches[k] for k in g["sides"][1]))
        return bool(ids & side_a and ids & side_b)

    recall = [0, 0]
    for g in gold.get("contradictions", []):
        ok = any(hits(g, c) for c in found)
        tally.add("contradictions", ok, bool(g.get("stretch")))
        if not g.get("stretch"):
            recall[0] += ok
            recall[1] += 1

    out: dict = {}
    if gold.get("contradictions_exhaustive"):
        reported = [c for c in found if len(set(c.get("claims") or []) | set(c.get("events") or [])) >= 2]
        good = sum(any(_precision_hit(g, c, hits) for g in gold.get("contradictions", [])) for c in reported)
        out["contradictions_reported"] = len(reported)
        out["contradictions_real"] = good
        out["contradiction_precision"] = good / len(reported) if reported else 1.0
    hit = sum(v[0] for v in tally.sections.values())
    total = sum(v[1] for v in tally.sections.values())
    out["score"] = hit / total if total else 0.0
    for name, (ok, n) in tally.sections.items():
        out[name] = ok / n if n else 1.0
        out[f"{name}_found"] = ok
        out[f"{name}_total"] = n
    out["contradiction_recall"] = recall[0] / recall[1] if recall[1] else 1.0
    out["stretch_found"], out["stretch_total"] = tally.stretch
    out["both_corroborated_and_contradicted"] = _both(export)
    return out


def _precision_hit(g: dict, c: dict, hits) -> bool:
    """As the case-file scorer counts precision: any reported date conflict matches a gold date
    conflict; a claim contradiction must take a claim from each of a gold contradiction's sides."""
    if g.get("kind") == "date":
        return "date" in _low(c.get("kind"))
    return hits(g, c)


def _event_ok(g: dict, e: dict, gold_entities_of) -> bool:
    when = str(e.get("when") or "")
    if not any(when.startswith(d) for d in g["dates_ok"]):
        return False
    parts = set()
    for p in e.get("participants") or []:
        parts |= gold_entities_of(p)
    if g.get("participants") and not set(g["participants"]) <= parts:
        return False
    if g.get("participants_any") and not set(g["participants_any"]) & parts:
        return False
    return any(_low(k) in _low(e.get("text")) for k in g["keywords_any"])


def _claim_ok(g: dict, c: dict, doc_key, gold_entities_of) -> bool:
    if doc_key(c.get("doc")) != g["doc"]:
        return False
    text = _low(c.get("text"))
    if not all(_low(w) in text for w in g["all_words"]):
        return False
    if "polarity" in g and c.get("polarity") != g["polarity"]:
        return False
    if "certainty_in" in g and c.get("certainty") not in g["certainty_in"]:
        return False
    src, want = c.get("source") or {}, g["source"]
    if want.get("anonymous") and not src.get("anonymous"):
        return False
    if "count" in want and src.get("count") != want["count"]:
        return False
    if "entity" in want:
        if want["entity"] not in gold_entities_of(src.get("entity")) | gold_entities_of(src.get("on_behalf_of")):
            return False
    return True


def _both(export: dict) -> int:
    """Pairs of claims that the export both corroborates (one cluster, both asserting, from
    different sources) and contradicts (one contradiction holds both): a reader cannot be told both."""
    together = set()
    for cl in export.get("claim_clusters") or []:
        if cl.get("corroborated"):
            ids = sorted(cl.get("asserting") or [])
            together |= {(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]}
    against = set()
    for c in export.get("contradictions") or []:
        ids = sorted(c.get("claims") or [])
        against |= {(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]}
    return len(together & against)


def evaluate(path: Path, predictions: Path | None = None, gold: Path | None = None, db: Path | None = None) -> dict:
    """Ingest the corpus (`path`, or `path/corpus` when `path` holds one) and score it against
    `gold` (default `path/gold.json`)."""
    from storyline.errors import StorylineError
    from storyline.evaluate.pipeline import export_of
    path = Path(path)
    corpus = path / "corpus" if (path / "corpus").is_dir() else path
    gold_path = Path(gold) if gold else (path / "gold.json")
    if not gold_path.is_file():
        raise StorylineError("E302", f"no gold file at {gold_path}",
                             "give the case file's gold: storyline eval casefile CORPUS GOLD.json")
    try:
        truth = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise StorylineError("E303", f"{gold_path} is not a readable case-file gold ({exc})",
                             "see ../shared/casefiles/README.md for the format") from exc
    export = export_of([corpus], db)
    if predictions:
        Path(predictions).mkdir(parents=True, exist_ok=True)
        (Path(predictions) / "export.json").write_text(json.dumps(export, indent=1), encoding="utf-8")
    return score(truth, export)


def table(m: dict) -> str:
    lines = [f"{'score':<34}{m['score']:>8.3f}"]
    for name in ("documents", "entities", "events", "claims", "contradictions"):
        if f"{name}_total" in m:
            lines.append(f"{name:<34}{m[name]:>8.3f}   ({m[name + '_found']}/{m[name + '_total']})")
    lines.append(f"{'contradiction recall (non-stretch)':<34}{m['contradiction_recall']:>8.3f}")
    if "contradiction_precision" in m:
        lines.append(f"{'contradiction precision':<34}{m['contradiction_precision']:>8.3f}   "
                     f"({m['contradictions_real']}/{m['contradictions_reported']})")
    lines.append(f"{'stretch contradictions':<34}{m['stretch_found']:>4}/{m['stretch_total']}")
    lines.append(f"{'pairs corroborated and contradicted':<34}{m['both_corroborated_and_contradicted']:>8}")
    return "\n".join(lines)
