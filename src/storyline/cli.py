"""The `storyline` command: a thin layer over the Python API.

Data goes to stdout, progress and messages to stderr. Exit codes: 0 all inputs
worked, 1 some failed, 2 usage error, 130 interrupted.
"""
from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import signal
import sqlite3
import sys
import threading
from pathlib import Path

from storyline.errors import StorylineError, UsageError
from storyline.present import tables
from storyline.present.dates import words
from storyline.present.names import matches, unknown_name
from storyline.terminal import json_text, quoted, safe

DEFAULT_LIMIT = 200  # rows a table shows unless --limit says otherwise

EVALUATIONS = {
    "demo": ("storyline.evaluate.demo", "the bundled demo story against its expected case file "
                                             "(DIR holds corpus/ and expected.json; default: the bundled one)"),
    "polnear": ("storyline.evaluate.polnear", "attribution relations on PolNeAR (DIR holds text/ and attributions/)"),
    "tempeval3": ("storyline.evaluate.tempeval3", "TIMEX3 detection and normalisation on TempEval-3 .tml files"),
    "timeline": ("storyline.evaluate.timeline", "cross-document timelines per target entity on a "
                                                "SemEval-2015 Task 4 corpus folder"),
    "factuality": ("storyline.evaluate.factuality", "event factuality on UDS-IH2 (--split dev)"),
    "meantime": ("storyline.evaluate.meantime", "factuality and cross-document coreference on a MEANTIME corpus folder"),
    "ecbplus": ("storyline.evaluate.ecbplus", "cross-document event coreference on ECB+ (gold mentions; --split Dev)"),
    "fnc1": ("storyline.evaluate.fnc1", "stance of bodies toward headlines on FNC-1 (--stances F --bodies F, "
                                        "or DIR holding train_stances.csv and train_bodies.csv; "
                                        "every pair, or with --unseen the topics the model never saw)"),
    "casefile": ("storyline.evaluate.casefile", "a real story with hand-made gold, end to end: CORPUS GOLD.json "
                                                "(or a folder holding corpus/ and gold.json)"),
    "stories": ("storyline.evaluate.stories", "contradictions across real FNC-1 stories, end to end (DIR as "
                                              "../shared/tools/fnc1_stories.py build writes it)"),
}


def main(argv: list[str] | None = None) -> int:
    args = None
    try:
        _interrupts_raise()
        _library_logs()
        parser = _parser()
        args = parser.parse_args(argv)
        if not getattr(args, "run", None):
            parser.print_help(sys.stderr)
            return 2
        return args.run(args)
    except StorylineError as err:
        _err(f"storyline: {err.message()}")
        return err.exit_code
    except sqlite3.Error as exc:  # a query outside the store's own writing blocks met a bad file
        from storyline.store.db import storage_error
        err = storage_error(exc, getattr(args, "db", None) or "the database")
        _err(f"storyline: {err.message()}")
        return err.exit_code
    except KeyboardInterrupt:
        _err("storyline: interrupted; what was stored is complete, rerun the same command to resume")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # writing an export or a table: a full disk, a folder that went away
        _err(f"storyline: [E405] could not write {_where(exc)}({exc.strerror or exc}); "
             "check the output path and the free space")
        return 3 if exc.errno == errno.ENOSPC else 1
    except Exception as exc:  # no traceback reaches a user
        if os.environ.get("STORYLINE_DEBUG"):
            raise
        _err(f"storyline: internal error ({type(exc).__name__}: {exc}); "
             "rerun with STORYLINE_DEBUG=1 for details and please report it")
        return 1


def entry() -> None:
    """The program: main(), then an exit that a late Ctrl-C cannot turn into a silent kill.

    Once main() has returned, its output is complete; a Ctrl-C from then on is ignored, so the
    interpreter's shutdown cannot end on the signal with nothing said. One that lands as main()
    returns gets the same line as one during the work."""
    try:
        code = main()
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _err("storyline: interrupted; what was stored is complete, rerun the same command to resume")
        code = 130
    sys.exit(code)


def _interrupts_raise() -> None:
    """Ctrl-C raises KeyboardInterrupt from here on (main's handler answers it with exit 130),
    whatever `python -m storyline` set before the imports."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)


class _SafeFormatter(logging.Formatter):
    def format(self, record) -> str:
        return safe(" ".join(super().format(record).split()))


def _library_logs() -> None:
    """The libraries' own log lines (warcio's "Replacing spaces in invalid WARC-Target-URI: ...",
    trafilatura's "discarding data") reach stderr only when they are errors, on one line and
    without control characters: they quote the input they complain of."""
    root = logging.getLogger()
    if root.handlers:
        return  # configured by whoever runs us (a test runner, an application)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_SafeFormatter("storyline: %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.ERROR)


def _where(exc: OSError) -> str:
    return f"{quoted(exc.filename)} " if exc.filename else ""


def _err(line: str) -> None:
    print(safe(line), file=sys.stderr, flush=True)


# -- commands --------------------------------------------------------------------

def cmd_ingest(args) -> int:
    from storyline.api import ingest
    if args.scheduler and args.engine != "dask":
        raise StorylineError("E422", "--scheduler is the address of a Dask cluster", "add --engine dask")
    report = ingest(args.paths, args.db, max_bytes=args.max_bytes, n_process=args.jobs, quiet=args.quiet,
                    engine=args.engine, scheduler=args.scheduler)
    if args.json:
        print(json_text({"added": report.added, "already": report.already, "entities": report.entities,
                         "failed": [f.__dict__ for f in report.failures], "words": report.words,
                         "not_analysed": [{"path": path, "language": code, "why": "not English"}
                                          for path, code in report.not_analysed],
                         "seconds": round(report.seconds, 3)}))
    else:
        _err(report.summary())
    return 0 if report.ok else 1


def cmd_export(args) -> int:
    from storyline.api import open as open_story
    from storyline.export import write_export
    if args.output:
        folder = Path(args.output).parent if args.format != "csv" or args.output.lower().endswith(".zip") \
            else Path(args.output)
        while args.format == "csv" and not folder.exists() and folder != folder.parent:
            folder = folder.parent  # a csv folder is made, with its parents, inside one that exists
        if not folder.is_dir():
            raise UsageError("E404", f"the folder {quoted(str(folder))} for -o does not exist",
                             "create it first, or give another -o path")
    with open_story(args.db, must_exist=True) as story:
        write_export(story, args.format, args.output, base_url=args.base_url)
    return 0


def cmd_serve(args) -> int:
    from storyline.web import serve
    try:
        serve(args.db, host=args.host, port=args.port, quiet=args.quiet)
    except KeyboardInterrupt:
        _err("storyline serve: stopped")
    return 0


# Entity types that name no actor: places a story happens in, and things (the export keeps them).
_NOT_ACTORS = {"LOC", "FAC", "PRODUCT"}


def cmd_entities(args) -> int:
    from storyline.api import open as open_story
    if args.action:
        if len(args.names) != 2:
            raise StorylineError("E206", f"entities {args.action} takes two names, got {len(args.names)}",
                                 f"e.g. storyline entities {args.action} \"Jane Doe\" \"Doe\" --db FILE")
        with open_story(args.db, must_exist=True) as story, _named(story):
            if args.action == "merge":
                ent = story.merge_entities(*args.names)
                print(safe(f"merged: {ent['name']} ({', '.join(a for a in ent['aliases'] if a != ent['name'])}); "
                           "kept for later ingests"))
            else:
                ent = story.split_entity(*args.names)
                print(safe(f"split: {ent['name']} is its own entity now ({ent['mentions']} mentions); "
                           "kept for later ingests"))
        return 0
    with open_story(args.db, must_exist=True) as story:
        rows = story.entities()
        if args.type:
            types = sorted({r["type"] for r in rows})
            if args.type.upper() not in types:
                raise UsageError("E207", f"no entity is of type {args.type!r}",
                                 "the types here are " + ", ".join(types) if types else "the database has no entities")
            rows = [r for r in rows if r["type"] == args.type.upper()]
        elif not args.all:
            rows = [r for r in rows if r["type"] not in _NOT_ACTORS]
        rows = _page(rows, args, "entities")
        if args.json:
            return _json(rows)
        _print_table(["id", "name", "type", "mentions", "aliases", "titles"],
                     [[r["id"], r["name"], r["type"], r["mentions"],
                       ", ".join(a for a in r["aliases"] if a != r["name"]), ", ".join(r["titles"])]
                      for r in rows], args)
    return 0


def cmd_timeline(args) -> int:
    from storyline.api import open as open_story
    with open_story(args.db, must_exist=True) as story:
        docs = {d["id"]: d for d in story.documents()}
        entities = story.entities()
        names = {e["id"]: e["name"] for e in entities}
        if args.entity and not any(matches(args.entity, e) for e in entities):
            raise unknown_name(args.entity, entities)
        if args.mentions:
            rows = _page(story.timeline(args.entity), args, "dated mentions")
            if args.json:
                return _json(rows)
            _print_table(["when", "precision", "event", "who", "as written", "source"],
                         [[r["when_words"], r["precision"], _event_label(r),
                           ", ".join(names.get(p, "?") for p in r["participants"][:3]),
                           r["when_text"] or "", _doc_label(docs[r["doc"]])] for r in rows], args)
            return 0
        every = story.event_timeline(args.entity)
        rows = every if args.all else [r for r in every if r["salient"]]
        if len(rows) < len(every):
            print(safe(f"storyline: {len(rows)} of {len(every)} dated events matter by default (told by two "
                       "or more articles, with named participants, or an article's lead); --all shows every one"),
                  file=sys.stderr)
        rows = _page(rows, args, "dated events")
        if args.json:
            return _json(rows)
        _print_table(["when", "precision", "event", "who", "as written", "told by", "note"],
                     [[r["when_words"], r["precision"], _event_label(r),
                       ", ".join(names.get(p, "?") for p in r["participants"][:3]),
                       r["when_text"] or "", _told_by(docs, r["articles"]),
                       "; ".join(x for x in (r["told_as"], ("also dated " + "; ".join(r["conflicts_with_words"]))
                                             if r["conflicts_with"] else "") if x)]
                      for r in rows], args)
    return 0


def cmd_claims(args) -> int:
    from storyline.api import open as open_story
    with open_story(args.db, must_exist=True) as story:
        if args.contradicted:
            rows = _page(story.contradictions(shared=True), args, "contradictions")
            if args.json:
                return _json(rows)
            # only the claims of the rows shown, each read once (a large store has tens of thousands)
            claims = {c["id"]: c for c in story.claims(ids={c for r in rows for c in r["claims"][:4]})}
            _print_table(["id", "kind", "explanation", "claims (source)"],
                         [[r["id"], r["kind"] + _reviewed(r), r["explanation"],
                           "; ".join(f"{c} ({_source_label(claims[c]['source'])})" for c in r["claims"][:4])
                           or "events " + ", ".join(map(str, r["events"]))] for r in rows], args)
            return 0
        if args.corroborated:
            rows = _page([c for c in story.clusters() if c["corroborated"]], args, "corroborated claims")
            if args.json:
                return _json(rows)
            docs = {d["id"]: d for d in story.documents()}
            _print_table(["cluster", "claim", "independent sources", "outlets", "first", "note"],
                         [[r["id"], r["proposition"], f"{r['independent_sources']}: "
                           + "; ".join(r["sources"]), len(r["outlets"]),
                           _doc_label(docs[r["first"]]) if r["first"] in docs else "",
                           ("possibly the same: " + "; ".join(" / ".join(g) for g in r["possibly_same"]))
                           if r["possibly_same"]
                           else ("contradicted" if r["contradicted"] else "")] for r in rows], args)
            return 0
        rows = _page(story.claims(), args, "claims")
        if args.json:
            return _json(rows)
        docs = {d["id"]: d for d in story.documents()}
        _print_table(["id", "source", "cue", "claim", "pol", "said on", "in"],
                     [[r["id"], _source_label(r["source"]), r["cue"], r["text"],
                       "-" if r["polarity"] == "negative" else "+", r["said_on_words"] or "",
                       _doc_label(docs[r["doc"]])] for r in rows], args)
    return 0


def cmd_sources(args) -> int:
    from storyline.api import open as open_story
    with open_story(args.db, must_exist=True) as story:
        rows, edges = story.sources(), story.citations()
        if args.json:
            return _json({"sources": _page(rows, args, "sources"), "citations": edges})
        rows = _page(rows, args, "sources")
        _print_table(["source", "kind", "claims", "articles", "outlets", "contradicted", "first said"],
                     [[_source_label({"text": r["source"], "anonymous": r["anonymous"], "count": r["count"]}),
                       r["kind"], len(r["claims"]), len(r["articles"]), ", ".join(r["outlets"]), r["contradicted"],
                       words(r["first_said"]) or ""] for r in rows], args)
        print("\nwho credits whom")
        _print_table(["outlet", "credits", "articles"], [[e["from"], e["to"], len(e["docs"])] for e in edges], args)
    return 0


def cmd_questions(args) -> int:
    from storyline.api import open as open_story
    with open_story(args.db, must_exist=True) as story:
        rows = _page(story.questions(), args, "questions")
        if args.json:
            return _json(rows)
        # whole questions, wrapped: a question clipped to a table cell loses the claim it asks about
        width = None if args.wide else min(tables.terminal_width() or 100, 100)
        for r in rows:
            print(r["kind"])
            print(tables.wrap(r["question"], width, indent="  ", first="  "))
        if not rows:
            print("(none)")
    return 0


def cmd_failures(args) -> int:
    from storyline.api import open as open_story
    with open_story(args.db, must_exist=True) as story:
        rows = [dict(r) for r in story.store.query("SELECT path, stage, problem, hint, last_seen FROM failures")]
        rows = _page(rows, args, "failures")
        if args.json:
            return _json(rows)
        _print_table(["file", "stage", "problem", "what to do"],
                     [[r["path"], r["stage"], r["problem"], r["hint"]] for r in rows], args)
    return 0


def cmd_demo(args) -> int:
    from storyline.api import demo
    return demo(args.db, quiet=args.quiet)


def cmd_eval(args) -> int:
    import importlib
    import inspect
    module_name, _ = EVALUATIONS[args.dataset]
    if args.dataset == "fnc1":  # two CSV files, not a folder
        return _eval_fnc1(args, importlib.import_module(module_name))
    if args.dir is None and args.dataset == "demo":
        from storyline.api import demo_corpus
        args.dir = str(demo_corpus().parent)
    if args.dir is None:
        raise StorylineError("E300", f"eval {args.dataset} needs the data set's folder", "give DIR")
    path = Path(args.dir)
    if not path.is_dir():
        raise StorylineError("E301", f"{path} is not a folder", "give the data set's folder")
    module = importlib.import_module(module_name)
    options = {}
    accepts = inspect.signature(module.evaluate).parameters
    if args.split is not None and "split" in accepts:
        options["split"] = args.split
    if args.gold is not None:
        if "gold" not in accepts:
            raise StorylineError("E300", f"eval {args.dataset} takes one folder, not {args.gold!r} too", "give DIR")
        options["gold"] = Path(args.gold)
    if args.keep_db is not None:
        if "db" not in accepts:
            raise StorylineError("E300", f"eval {args.dataset} keeps no database", "leave out --keep-db")
        if Path(args.keep_db).exists():  # an old store would be scored with its old analysis
            raise StorylineError("E300", f"{args.keep_db} already exists: the evaluation ingests into a new database",
                                 "remove it or give --keep-db another file name")
        options["db"] = Path(args.keep_db)
    metrics = module.evaluate(path, predictions=Path(args.predictions) if args.predictions else None, **options)
    if args.json:
        print(json.dumps(metrics, sort_keys=True))
    else:
        print(module.table(metrics))
    return 0


def _eval_fnc1(args, module) -> int:
    folder = Path(args.dir) if args.dir else None
    stances = args.stances or (folder / "train_stances.csv" if folder else None)
    bodies = args.bodies or (folder / "train_bodies.csv" if folder else None)
    if stances is None or bodies is None:
        raise StorylineError("E300", f"eval {args.dataset} needs FNC-1's stances and bodies CSV files",
                             "give --stances F --bodies F, or the folder holding FNC-1's train CSV files")
    metrics = module.evaluate(Path(stances), Path(bodies), unseen=args.unseen,
                              predictions=Path(args.predictions) if args.predictions else None)
    print(json.dumps(metrics, sort_keys=True) if args.json else module.table(metrics))
    return 0


# -- output helpers --------------------------------------------------------------

def _json(rows) -> int:
    print(json_text(rows, indent=2))
    return 0


def _clip(text: str, width: int) -> str:
    return tables.clip(text, width)


def _table(headers: list[str], rows: list[list], wide: bool = False) -> str:
    """The table fitted to the terminal (whole with `wide`); see present/tables.py."""
    return tables.table(headers, rows, None if wide else tables.TERMINAL).text


def _print_table(headers: list[str], rows: list[list], args) -> None:
    """Print a table fitted to the terminal; say on stderr when cells were cut and how to see them."""
    wide = getattr(args, "wide", False)
    shown = tables.table(headers, rows, None if wide else tables.TERMINAL)
    print(shown.text)
    width = tables.terminal_width()  # piped, cells are cut at PIPE_CELL characters as they always were
    if shown.clipped and width and not getattr(args, "_said_clipped", False):
        _err(f"storyline: long cells were cut to fit {width} columns (\u2026); --wide shows them whole, "
             "--json gives every field")
        args._said_clipped = True


def _page(rows: list, args, what: str) -> list:
    """The rows --offset and --limit choose (a table shows 200 unless told; --json all unless told),
    and a line on stderr when that is not all of them."""
    told = args.limit is not None or args.offset
    if args.json and not told:
        return rows
    limit = args.limit if args.limit is not None else DEFAULT_LIMIT
    page = rows[args.offset: args.offset + limit]
    if len(page) < len(rows):
        if not page:
            _err(f"storyline: none of the {len(rows):,} {what} shown: --offset {args.offset} is past the end")
        else:
            after = args.offset + len(page)
            more = (f"; --offset {after} shows the next ones" if after < len(rows) else "")
            _err(f"storyline: showing {what} {args.offset + 1:,}\u2013{after:,} of {len(rows):,}{more}, "
                 "--limit N shows more at once, --json without --limit gives them all")
    return page


def _doc_label(doc: dict) -> str:
    return tables.doc_label(doc)


def _event_label(row: dict) -> str:
    return tables.event_label(row)


def _source_label(src: dict) -> str:
    return tables.source_label(src)


def _told_by(docs: dict, articles: list[str]) -> str:
    return tables.told_by(docs, articles)


class _named:
    """`entities merge|split` with a name that matches nothing: a usage error (exit 2) that names
    the closest names, instead of the store's own error."""

    def __init__(self, story):
        self.story = story

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if isinstance(exc, StorylineError) and exc.code == "E204":
            given = exc.problem.split(" is called ", 1)[-1].strip("'\"")
            raise unknown_name(given, self.story.entities()) from None
        return False


# -- argument parsing ------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="storyline", description=(
        "Piece a developing story together from many articles: actors, dated events, "
        "who said what, corroboration and contradictions."))
    p.add_argument("--version", action="version", version=_version())
    sub = p.add_subparsers(title="commands", metavar="COMMAND")

    def db(sp, required=True):
        sp.add_argument("--db", required=required, help="the SQLite database file")

    sp = sub.add_parser("ingest", help="read, analyse and store articles from files and folders",
                        description="Read articles (.txt, .html, .jsonl, .rss/.atom/.xml, .warc[.gz]; folders "
                                    "recursively), analyse them and store the results. Idempotent.")
    sp.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read")
    db(sp)
    sp.add_argument("--max-bytes", type=_positive, default=None,
                    help="skip files larger than this (default: STORYLINE_MAX_BYTES or 5 MB)")
    sp.add_argument("--jobs", type=_positive, default=1,
                    help="spaCy processes (default 1); with --engine dask and no --scheduler, local workers "
                         "(default: one per core)")
    sp.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="where articles are analysed: this process (default) or a Dask cluster; reading, "
                         "storing and resolving stay here")
    sp.add_argument("--scheduler", metavar="ADDRESS", default=None,
                    help="with --engine dask: the scheduler to use (tcp://host:8786); default: a cluster of "
                         "this machine's cores for the run")
    sp.add_argument("--quiet", action="store_true", help="no progress bar")
    sp.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    sp.set_defaults(run=cmd_ingest)

    sp = sub.add_parser("export", help="export the story (json: the storyline/1 contract; timelinejs, ftm, "
                                       "claimreview, gexf, graphml, csv)",
                        description="Export everything stored in the chosen format: json (the storyline/1 "
                                    "contract), timelinejs (TimelineJS3), ftm (FollowTheMoney JSON lines), "
                                    "claimreview (schema.org JSON-LD), gexf and graphml (the network of actors "
                                    "and outlets), csv (a folder or .zip of tables; needs -o).")
    db(sp)
    sp.add_argument("--format", default="json", choices=list(_export_formats()),
                    help="export format (default json)")
    sp.add_argument("--output", "-o", default=None,
                    help="write to this file instead of stdout (csv: a folder, or a file ending in .zip)")
    sp.add_argument("--base-url", default=None, metavar="URL", type=_web_address,
                    help="where Storyline's web pages are served, for the links to them in the export "
                         "(claimreview's url); default http://127.0.0.1:8765, `storyline serve`'s own")
    sp.set_defaults(run=cmd_export)

    sp = sub.add_parser("serve", help="browse the story in a local web UI (timeline, network, claims, "
                                      "contradictions)",
                        description="Serve a local web UI over the database: a timeline, the network of actors "
                                    "and outlets, claims with their evidence highlighted in the articles, "
                                    "contradictions and open questions. Binds 127.0.0.1 unless told otherwise.")
    db(sp)
    sp.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    sp.add_argument("--port", type=_port, default=8765, help="port to listen on (default 8765; 0 picks a free one)")
    sp.add_argument("--quiet", action="store_true", help="do not log each request on stderr")
    sp.set_defaults(run=cmd_serve)

    for name, func, text in [("entities", cmd_entities, "the actors, with merged aliases and titles"),
                             ("timeline", cmd_timeline, "dated events in time order"),
                             ("claims", cmd_claims, "who said what, with polarity and date"),
                             ("sources", cmd_sources, "who is quoted, how often and where, and which outlets "
                                                      "credit which"),
                             ("questions", cmd_questions, "what the record does not settle: single anonymous "
                                                          "sources, unanswered denials, undated events"),
                             ("failures", cmd_failures, "inputs that could not be read or analysed")]:
        sp = sub.add_parser(name, help=f"show {text}", description=f"Show {text}.")
        db(sp)
        sp.add_argument("--json", action="store_true", help="print JSON instead of a table")
        sp.add_argument("--wide", action="store_true",
                        help="every cell whole, however wide the table (default: fitted to the terminal)")
        sp.add_argument("--limit", type=_positive, default=None,
                        help=f"show at most this many rows (default {DEFAULT_LIMIT}; with --json, all)")
        sp.add_argument("--offset", type=_not_negative, default=0,
                        help="skip this many rows first (with --limit: the next page)")
        if name == "claims":
            which = sp.add_mutually_exclusive_group()
            which.add_argument("--contradicted", action="store_true",
                               help="the contradictions: polarity, position changes, dates, with both sides")
            which.add_argument("--corroborated", action="store_true",
                               help="claims standing on two or more independent sources")
        if name == "entities":
            sp.add_argument("--type", default=None, help="only entities of this type (PERSON, ORG, ...)")
            sp.add_argument("--all", action="store_true",
                            help="also places named only as places (LOC: \"in Iowa\") and products, which are "
                                 "not actors")
            sp.add_argument("action", nargs="?", choices=["merge", "split"], default=None,
                            help="merge NAME OTHER: OTHER's entity joins NAME's; split NAME OTHER: the "
                                 "mentions called OTHER leave NAME's entity. Kept across later ingests.")
            sp.add_argument("names", nargs="*", metavar="NAME", help="two names or aliases (with merge/split)")
        if name == "timeline":
            sp.add_argument("--entity", default=None, help="only events this entity takes part in")
            sp.add_argument("--mentions", action="store_true",
                            help="every dated mention on its own row, instead of one row per event and date")
            sp.add_argument("--all", action="store_true",
                            help="every dated event, not only those that matter (told by two or more articles, "
                                 "with named participants, or an article's lead)")
        sp.set_defaults(run=func)

    _review_parser(sub, db)

    sp = sub.add_parser("demo", help="ingest the bundled demo story and show what Storyline finds",
                        description="Ingest the bundled fictional demo corpus into a local database and "
                                    "print its entities, timeline, claims and contradictions.")
    sp.add_argument("--db", default="storyline-demo.db", help="database file (default storyline-demo.db)")
    sp.add_argument("--quiet", action="store_true", help="no progress bar")
    sp.set_defaults(run=cmd_demo)

    sp = sub.add_parser("eval", help="measure a capability on annotated data",
                        description="Score Storyline against a public annotated data set.")
    sp.add_argument("dataset", choices=sorted(EVALUATIONS), help="; ".join(
        f"{k}: {v[1]}" for k, v in sorted(EVALUATIONS.items())))
    sp.add_argument("dir", metavar="DIR", nargs="?", default=None, help="the data set folder")
    sp.add_argument("gold", metavar="GOLD", nargs="?", default=None,
                    help="casefile: the gold file (default DIR/gold.json)")
    sp.add_argument("--keep-db", default=None, metavar="FILE",
                    help="casefile, stories: ingest into FILE and keep it (an existing one is reused)")
    sp.add_argument("--json", action="store_true", help="print one JSON object of the metrics")
    sp.add_argument("--predictions", default=None, metavar="OUT",
                    help="also write the predictions in the data set's own format to this folder")
    sp.add_argument("--split", default=None,
                    help="the split to score, for data sets that have splits (default: the evaluation's own, "
                         "Dev for ecbplus)")
    sp.add_argument("--stances", default=None, metavar="F", help="fnc1: the stances CSV (Headline, Body ID, Stance)")
    sp.add_argument("--bodies", default=None, metavar="F", help="fnc1: the bodies CSV (Body ID, articleBody)")
    sp.add_argument("--unseen", action="store_true",
                    help="fnc1: score only the pairs of topics the stance model never learned from "
                         "(default: every pair of the given files)")
    sp.set_defaults(run=cmd_eval)
    return p


def _reviewed(row: dict) -> str:
    """" (rejected)" after what a reviewer decided on; nothing for the machine's own judgments."""
    state = (row.get("review") or {}).get("state", "machine")
    return "" if state == "machine" else f" ({state})"


def _review_parser(sub, db) -> None:
    """`storyline review ...` (review/command.py)."""
    from storyline.review.command import add_parser
    add_parser(sub, db, table=_table)


def _positive(value: str) -> int:
    """A whole number of at least 1 (argparse turns the ValueError into a usage error, exit 2)."""
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {value}")
    return number


def _not_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 0, not {value}")
    return number


def _web_address(value: str) -> str:
    from storyline.links import web_url
    if not web_url(value):
        raise argparse.ArgumentTypeError(f"an http:// or https:// address, not {value!r}")
    return value


def _port(value: str) -> int:
    number = int(value)
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"a port is a number from 0 to 65535, not {value} (0 picks a free one)")
    return number


def _export_formats() -> tuple[str, ...]:
    from storyline.export import FORMATS
    return FORMATS


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return f"storyline {version('storyline')}"
    except PackageNotFoundError:
        return "storyline (not installed)"


if __name__ == "__main__":
    sys.exit(main())
