"""`storyline review ...`: the review actions (review/actions.py) and the list of decisions.

    storyline review accept|reject|reopen claim|contradiction|corroboration ID [--note TEXT] --db FILE
    storyline review edit claim ID [--polarity negative|positive] [--source TEXT] [--content TEXT]
    storyline review retype entity ID TYPE        storyline review rename entity ID NAME
    storyline review star|unstar article|claim ID storyline review tag|untag article|claim ID TAG
    storyline review note KIND ID TEXT            storyline review list [KIND] [--json]
"""
from __future__ import annotations

import json

from storyline.errors import UsageError
from storyline.review.actions import ALLOWED, ENTITY_TYPES, POLARITIES, SOURCE_KINDS
from storyline.review.decisions import TARGETS
from storyline.terminal import json_text, safe

__all__ = ["add_parser", "run", "listed"]

_DONE = {"accept": "accepted", "reject": "rejected", "reopen": "reopened (the machine's judgment again)",
         "edit": "edited", "retype": "retyped", "rename": "renamed", "star": "starred", "unstar": "unstarred",
         "tag": "tagged", "untag": "untagged", "note": "noted"}


def add_parser(sub, db, table) -> None:
    """The `review` subcommand; `db` adds the --db option, `table` formats rows for a terminal."""
    sp = sub.add_parser(
        "review", help="accept, reject or edit claims, contradictions, corroborations and entities; star, "
                       "tag and note; list the decisions",
        description="Review what the machine found. Each decision is stored with who made it, when and why, "
                    "and survives later ingests and re-judging: a rejected contradiction stays rejected, an "
                    "edited claim's source, content and polarity win over the machine's. Actions: "
                    + "; ".join(f"{a} {'|'.join(t)}" for a, t in ALLOWED.items()) + "; list [KIND].")
    sp.add_argument("action", choices=[*ALLOWED, "list"], help="what to do (list: the decisions made so far)")
    sp.add_argument("target", nargs="?", metavar="KIND", help=f"what is reviewed: {', '.join(TARGETS)}")
    sp.add_argument("id", nargs="?", metavar="ID",
                    help="its id as the other commands show it (an entity also by name, an article by the "
                         "start of its id)")
    sp.add_argument("value", nargs="?", metavar="TEXT",
                    help=f"retype: the TYPE ({', '.join(ENTITY_TYPES)}); rename: the NAME; tag/untag: the tag; "
                         "note: the note; accept/reject: a note")
    db(sp)
    sp.add_argument("--note", default=None, help="why: kept with the decision")
    sp.add_argument("--by", default=None,
                    help="who decides (default: STORYLINE_REVIEWER, else the name you are logged in as)")
    sp.add_argument("--polarity", choices=POLARITIES, default=None, help="edit claim: the polarity it should have")
    sp.add_argument("--source", default=None, help="edit claim: who says it (a name of an entity links to it)")
    sp.add_argument("--source-kind", choices=SOURCE_KINDS, default=None, help="edit claim: what kind of source")
    sp.add_argument("--content", default=None, help="edit claim: what is claimed, in words")
    sp.add_argument("--no-judge", action="store_true",
                    help="do not judge again now (the next ingest does); by default a decision that changes "
                         "what the judge reads (a claim's review, a contradiction's, an entity's type or name) "
                         "judges the story again at once")
    sp.add_argument("--json", action="store_true", help="print JSON")
    sp.set_defaults(run=run, table=table)


def run(args) -> int:
    from storyline.api import open as open_story
    from storyline.review.actions import review
    if args.action == "list":
        if args.target is not None and args.target not in TARGETS:
            raise UsageError("E602", f"no kind {args.target!r} to list", f"choose one of {', '.join(TARGETS)}")
        with open_story(args.db, must_exist=True) as story:
            rows = listed(story, args.target)
        if args.json:
            print(json_text(rows, indent=2))
        else:
            print(args.table(["#", "at", "by", "action", "kind", "id", "note", "what"],
                             [[r["id"], r["at"], r["who"], r["action"], r["target"], r["current"] or r["target_key"],
                               r["note"] or "", _what(r["payload"])] for r in rows]))
        return 0
    if args.target is None:
        raise UsageError("E605", f"review {args.action} needs a KIND and an ID",
                         f"e.g. storyline review {args.action} {ALLOWED[args.action][0]} 3 --db FILE")
    with open_story(args.db, must_exist=True) as story:
        done = review(story, args.action, args.target, args.id, args.value, note=args.note, by=args.by,
                      polarity=args.polarity, source=args.source, content=args.content,
                      source_kind=args.source_kind, judge=not args.no_judge)
    if args.json:
        print(json_text(done, indent=2))
    else:
        state = done["review"]
        print(safe(f"{args.target} {done['id']}: {_DONE[args.action]}; review state {state['state']}"
                   + (f", note: {state['note']}" if state.get("note") else "")
                   + ("; judged again" if done["judged"] else "") + "; kept across later ingests"))
    return 0


def listed(story, target: str | None = None) -> list[dict]:
    """The decisions (of one kind), each with `current`: the id it applies to now."""
    rows = [d for d in story.decisions() if target is None or d["target"] == target]
    contradictions = {x["key"]: x["id"] for x in story.contradictions()} if rows else {}
    clusters = {c: cl["id"] for cl in story.clusters() for c in cl["claims"]} if rows else {}
    for d in rows:
        key = d["target_key"]
        if d["target"] == "contradiction":
            d["current"] = contradictions.get(key)
        elif d["target"] == "corroboration":
            d["current"] = clusters.get(int(key.split(":")[1])) if ":" in key else None
        elif d["target"] == "entity" and key.isdigit():
            d["current"] = story.entity_redirect(int(key)) or int(key)
        else:
            d["current"] = key[:12] if d["target"] == "article" else key
    return rows


def _what(payload: dict) -> str:
    if "set" in payload:
        return ", ".join(f"{k}={v}" for k, v in payload["set"].items())
    return json.dumps(payload, ensure_ascii=False) if payload else ""
