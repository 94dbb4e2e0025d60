"""What `storyline demo` prints: the story in a few short tables."""
from __future__ import annotations

from storyline.present.tables import TERMINAL, clip, doc_label, event_label, source_label, table, \
    terminal_width, told_by, wrap


def _table(headers: list[str], rows: list[list]) -> str:
    return table(headers, rows, TERMINAL).text


def _published(d: dict) -> str:
    if not d["published"]:
        return "(undated)"
    return f"{d['published_words']} (inferred)" if d["published_from"] == "inferred" else d["published_words"]


def show(story, out=print) -> None:
    docs = {d["id"]: d for d in story.documents()}
    entities = story.entities()
    names = {e["id"]: e["name"] for e in entities}
    out(f"\n== {len(docs)} articles")
    out(_table(["published", "outlet", "title"],
               [[_published(d), d["outlet"] or "", d["title"] or d["name"]] for d in docs.values()]))
    people = [e for e in entities if e["type"] in {"PERSON", "ORG", "OUTLET"}]
    out(f"\n== Actors (top {min(15, len(people))} of {len(entities)} entities)")
    out(_table(["name", "type", "mentions", "also written as"],
               [[e["name"], e["type"], e["mentions"], ", ".join(a for a in e["aliases"] if a != e["name"])]
                for e in people[:15]]))
    every = story.event_timeline()
    timeline = [e for e in every if e["salient"]]
    out(f"\n== Timeline ({len(timeline)} of {len(every)} dated events that matter, mentions across articles merged)")
    out(_table(["when", "event", "who", "as written", "told by", "why shown", "note"],
               [[e["when_words"], event_label(e), ", ".join(names.get(p, "?") for p in e["participants"][:3]),
                 e["when_text"] or "", told_by(docs, e["articles"]), e["salient"],
                 ("also dated " + "; ".join(e["conflicts_with_words"])) if e["conflicts_with"] else ""]
                for e in timeline[:25]]))
    claims = story.claims()
    out(f"\n== Claims ({len(claims)})")
    out(_table(["source", "cue", "claim", "pol", "certainty", "said on"],
               [[source_label(c["source"]), c["cue"], clip(c["text"], 60),
                 "-" if c["polarity"] == "negative" else "+", c["certainty"], c["said_on_words"] or ""]
                for c in claims[:25]]))
    corroborated = [c for c in story.clusters() if c["corroborated"]]
    out(f"\n== Corroborated ({len(corroborated)} claims on two or more independent sources)")
    width = terminal_width()
    for c in corroborated[:5]:
        same = ("; possibly the same people: " + "; ".join(" / ".join(g) for g in c["possibly_same"])
                if c["possibly_same"] else "")
        n = len(c["outlets"])
        out(wrap(f"\u201c{clip(c['proposition'], 80)}\u201d: {n} outlet{'s' if n != 1 else ''}, "
                 f"{c['independent_sources']} independent sources ({'; '.join(c['sources'])}){same}; "
                 f"first reported by {doc_label(docs[c['first']])}", width, indent="  ", first="- "))
    contradictions = story.contradictions()
    out(f"\n== Contradictions ({len(contradictions)})")
    for c in contradictions[:10]:
        out(wrap(f"[{c['kind']}] {c['explanation']}", width, indent="  ", first="- "))
    if not contradictions:
        out("(none found yet)")
