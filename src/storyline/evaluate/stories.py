"""`storyline eval stories DIR`: real disputed and undisputed stories from FNC-1, end to end.

DIR is what `python ../shared/tools/fnc1_stories.py build STANCES BODIES DIR` writes: `corpus/`
(one file `fnc1-<body id>.txt` per article body) and `gold.json` (stories: id, kind disputed or
undisputed, the headline claim, and each body's stance toward it). The corpus is ingested into one
database as `storyline ingest` would and the exported contradictions are scored as that tool scores
them:

  - recall: the share of disputed stories with a contradiction between a body that disagrees with
    the story's claim and one that agrees with or discusses it;
  - precision: such contradictions among all contradictions whose sides lie in different bodies
    (sides in different stories, or in bodies that do not disagree, count against it);
  - false alarms: the share of undisputed stories with any contradiction between two of their bodies.

A document is a body when `fnc1-<digits>` is in its name, id, title or URL.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

__all__ = ["score", "evaluate", "table"]

_BODY = re.compile(r"fnc1-(\d+)")


def score(gold: dict, export: dict) -> dict:
    stories = gold["stories"]
    story_of, stance, kind = {}, {}, {}
    for s in stories:
        kind[s["id"]] = s["kind"]
        for body, label in s["bodies"].items():
            story_of[body], stance[body] = s["id"], label
    body_of = {}
    for d in export.get("documents") or []:
        m = _BODY.search(" ".join(str(d.get(k) or "") for k in ("name", "id", "title", "url")))
        if m:
            body_of[d["id"]] = m.group(1)
    doc_of_claim = {c["id"]: c.get("doc") for c in export.get("claims") or []}
    doc_of_event = {e["id"]: e.get("doc") for e in export.get("events") or []}
    found, alarms = set(), set()
    judged = good = 0
    rows = []
    for c in export.get("contradictions") or []:
        sides = {body_of.get(doc_of_claim.get(i)) for i in c.get("claims") or []}
        sides |= {body_of.get(doc_of_event.get(i)) for i in c.get("events") or []}
        sides.discard(None)
        if len(sides) < 2:
            continue
        judged += 1
        in_stories = {story_of.get(b) for b in sides}
        verdict = "across stories"
        if len(in_stories) == 1 and None not in in_stories:
            sid = in_stories.pop()
            labels = {stance[b] for b in sides}
            if kind[sid] == "undisputed":
                alarms.add(sid)
                verdict = "false alarm"
            elif "disagree" in labels and labels & {"agree", "discuss"}:
                found.add(sid)
                good += 1
                verdict = "real"
            else:
                verdict = "bodies that do not disagree"
        rows.append({"id": c.get("id"), "kind": c.get("kind"), "bodies": sorted(sides), "verdict": verdict})
    disputed = sum(k == "disputed" for k in kind.values())
    undisputed = len(kind) - disputed
    return {"stories": len(kind), "disputed": disputed, "undisputed": undisputed,
            "disputed_found": len(found), "cross_body_contradictions": judged, "real_contradictions": good,
            "undisputed_with_contradiction": len(alarms),
            "recall": len(found) / disputed if disputed else 0.0,
            "precision": good / judged if judged else 0.0,
            "false_alarm": len(alarms) / undisputed if undisputed else 0.0,
            "contradictions": rows}


def evaluate(path: Path, predictions: Path | None = None, db: Path | None = None) -> dict:
    """Ingest `path/corpus` into one database and score its contradictions against `path/gold.json`."""
    from storyline.errors import StorylineError
    from storyline.evaluate.pipeline import export_of
    path = Path(path)
    gold_path, corpus = path / "gold.json", path / "corpus"
    if not gold_path.is_file() or not corpus.is_dir():
        raise StorylineError("E302", f"{path} does not hold corpus/ and gold.json",
                             "build the stories first: python ../shared/tools/fnc1_stories.py build "
                             "STANCES.csv BODIES.csv DIR")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    export = export_of([corpus], db)
    if predictions:
        Path(predictions).mkdir(parents=True, exist_ok=True)
        (Path(predictions) / "export.json").write_text(json.dumps(export, indent=1), encoding="utf-8")
    return score(gold, export)


def table(m: dict) -> str:
    return "\n".join([
        f"disputed stories found            {m['disputed_found']}/{m['disputed']}",
        f"cross-body contradictions         {m['cross_body_contradictions']} "
        f"({m['real_contradictions']} between a disagreeing and an agreeing/discussing body)",
        f"undisputed with a contradiction   {m['undisputed_with_contradiction']}/{m['undisputed']}",
        f"recall {m['recall']:.3f}  precision {m['precision']:.3f}  false_alarm {m['false_alarm']:.3f}",
    ])
