"""Response times of `storyline serve`: every page and its JSON twin.

    python bench/web.py [--repeat 50] [--db FILE | --articles 10000]

Ingests the demo corpus into a temporary database (or uses --db; or, with --articles N, builds a
store of N generated articles, one in twenty a syndicated copy of an earlier one, their analysis
records written directly as bench/judging.py does, then resolves and judges it as ingest does),
serves it in-process on a free port and requests each path --repeat times over one keep-alive
connection; on a generated store the paths include faceted and later pages of the lists. The server
keeps JSON answers until the database changes, so each path is timed twice: as requested
(after the first request, from the kept answers) and "computed", with the kept answers
forgotten before each request, so that each is built afresh from the server's one Story (which
keeps its claim clusters and contradictions until the store changes). Prints p50/p95 in ms per path; the last
line is `max p95 N ms`, the slowest p95 of either kind (the target is under 300 ms).
"""
from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import OUTLETS  # noqa: E402

TARGET_MS = 300.0


def _paths(story, large: bool = False) -> list[str]:
    doc = story.documents()[0]["id"]
    claim = story.claims()[0]["id"]
    entity = story.entities()[0]["id"]
    pages = ["/", "/timeline", "/network", "/claims", f"/claims/{claim}", "/contradictions", "/contradictions/1",
             f"/entities/{entity}", f"/articles/{doc}", "/search?q=" + quote('"any meeting took place"')]
    if large:  # the lists a reader pages through and narrows on a big store
        outlet = next(d["outlet"] for d in story.documents() if d["outlet"])
        pages += ["/?page=20", "/claims?page=50", "/claims?outlet=" + quote(outlet),
                  "/claims?polarity=negative&sort=date", "/claims?source_kind=anonymous&page=3",
                  f"/claims?actor={entity}", "/timeline?page=5", "/contradictions?page=4",
                  "/search?q=" + quote("harbour contract")]
    out = []
    for page in pages:
        base, _, query = page.partition("?")
        twin = ("/index" if base == "/" else base) + ".json" + ("?" + query if query else "")
        out += [page, twin]
    return out


def _p50_p95(times: list[float]) -> tuple[float, float]:
    return statistics.median(times), statistics.quantiles(times, n=20)[18] if len(times) > 1 else times[0]


def _time(conn, path: str) -> float:
    start = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"bench/web.py: {path} answered {response.status}")
    return (time.perf_counter() - start) * 1000


def _fresh(server, conn, path: str) -> float:
    """A request whose answer is computed anew: the server's kept answers are forgotten first
    (a throwaway query parameter no longer does that: answers depend only on what they read)."""
    with server.answers.lock:
        server.answers.kept.clear()
    return _time(conn, path)


def build_store(path: Path, n: int, seed: int = 7) -> None:
    """A store of `n` generated articles (bench/judging.py's generator: people, organisations,
    claims with denials and anonymous sources, meetings), every twentieth a copy of an article
    seven before it sent out by another outlet a day later; resolved and judged as ingest ends."""
    import random
    from dataclasses import replace
    from datetime import date, timedelta

    from judging import article

    from storyline.judge.run import run as judge
    from storyline.records import article_id
    from storyline.resolve import run as resolve
    from storyline.store.db import Store
    rng = random.Random(seed)
    made = []
    with Store(path) as store:
        for k in range(n):
            if k % 20 == 19 and k >= 7:
                art, analysis = made[k - 7]
                day = date.fromisoformat(art.published) + timedelta(days=1)
                art = replace(art, id=article_id(f"copy:{k}:{art.text}"), name=f"generated-{k}.txt",
                              outlet=rng.choice([o for o in OUTLETS if o != art.outlet]), published=day.isoformat())
            else:
                art, analysis = article(rng, k)
            made.append((art, analysis))
            store.add_analysis(art, analysis)
        resolve(store)
        judge(store)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--db", help="an existing database (default: the demo corpus, ingested now)")
    ap.add_argument("--articles", type=int, default=0,
                    help="build a store of this many generated articles instead (e.g. 10000)")
    ap.add_argument("--keep", help="with --articles: keep the built store at this path (reused when it exists)")
    args = ap.parse_args(argv)
    import storyline
    from storyline.api import demo_corpus
    from storyline.web import make_server

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or args.keep or str(Path(tmp) / "demo.db")
        if args.articles:
            if not Path(db).exists():
                started = time.perf_counter()
                build_store(Path(db), args.articles)
                print(f"built a store of {args.articles:,} generated articles in {time.perf_counter() - started:.0f} s")
        elif not args.db and not storyline.ingest([demo_corpus()], db).ok:
            print("bench/web.py: the demo corpus did not ingest cleanly", file=sys.stderr)
            return 1
        with storyline.open(db) as story:
            paths = _paths(story, large=bool(args.articles))
        server = make_server(db, port=0, quiet=True)
        print(f"the server worked out what its pages read in {server.answers.warm():.1f} s "
              "(`storyline serve` does this as it starts, and after each review)")
        threading.Thread(target=server.serve_forever, daemon=True).start()
        host, port = server.server_address[:2]
        conn = http.client.HTTPConnection(host, port, timeout=30)
        conn.connect()
        rows = []
        try:
            for path in paths:
                kept = [_time(conn, path) for _ in range(args.repeat)]
                fresh = [_fresh(server, conn, path) for _ in range(args.repeat)]
                rows.append((path, *_p50_p95(kept), *_p50_p95(fresh)))
        finally:
            conn.close()
            server.shutdown()
            server.server_close()
    width = max(len(r[0]) for r in rows)
    print(f"{'path':<{width}}  {'kept p50':>8}  {'p95':>6}  {'computed p50':>12}  {'p95':>6}"
          f"   (ms, {args.repeat} requests each)")
    for path, p50, p95, c50, c95 in rows:
        print(f"{path:<{width}}  {p50:8.2f}  {p95:6.2f}  {c50:12.1f}  {c95:6.1f}")
    worst = max(rows, key=lambda r: max(r[2], r[4]))
    slowest = max(worst[2], worst[4])
    print(f"every p95 under {TARGET_MS:.0f} ms: {'yes' if slowest < TARGET_MS else 'no'} (slowest: {worst[0]})")
    print(f"max p95 {slowest:.0f} ms")
    return 0 if slowest < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
