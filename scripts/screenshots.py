"""Screenshots of the web UI over the demo story for the README: overview, timeline, network, contradiction, review.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--chromium /usr/bin/chromium]

Ingests the demo corpus into a temporary database, serves it in-process on a free port and drives
Debian's chromium (headless, 1280x800) through Playwright. PNGs are written to --out. The timeline
and network pictures show the interactive views when scripts/build_web_vendor.py has built them. The review
shot first rejects the demo's polarity contradiction with a note, as `storyline review` would.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import threading
from pathlib import Path

SHOTS = [("overview.png", "/"), ("timeline.png", "/timeline"), ("network.png", "/network"),
         ("contradiction.png", "/contradictions/1"), ("review.png", "/contradictions/{reviewed}")]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "docs" / "screenshots"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    import storyline
    from playwright.sync_api import sync_playwright
    from storyline.api import demo_corpus
    from storyline.web import make_server

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.db"
        if not storyline.ingest([demo_corpus()], db).ok:
            print("screenshots: the demo corpus did not ingest cleanly", file=sys.stderr)
            return 1
        reviewed = _review(db)
        server = make_server(db, port=0, quiet=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=args.chromium)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                for name, path in SHOTS:
                    page.goto(server.url.rstrip("/") + path.format(reviewed=reviewed))
                    page.wait_for_selector("body[data-ready=true]")
                    page.screenshot(path=str(out / name))
                    print(f"{out / name}  {(out / name).stat().st_size // 1024} KB")
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return 0


def _review(db) -> int:
    """Reject the demo's polarity contradiction, with a note; returns its id."""
    import storyline
    from storyline.review.actions import review
    with storyline.open(db) as story:
        found = next(x for x in story.contradictions() if x["kind"] == "polarity")
        review(story, "reject", "contradiction", found["id"], by="Ana (desk editor)",
               note="the officials describe the March 4 dinner; her denial is about a meeting")
    return found["id"]


if __name__ == "__main__":
    sys.exit(main())
