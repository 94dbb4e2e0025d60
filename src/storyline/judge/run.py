"""The judge stage: run at the end of every ingest, it decides and stores what the story's claims
do to each other, so that every view (CLI, web UI, exports, the Python API) reads the same stored
judgments and no query recomputes them.

In order:
  1. contradictions between claims (judge/contradictions.py: denials, changes of position,
     certainty, counts, dates of one event), with MiniLM vectors of the claims (judge/meaning.py,
     cached in the store) when STORYLINE_CLAIM_EMBEDDINGS=on;
  2. claim clusters with their corroboration and propagation (judge/corroboration.py); a cluster
     that holds both sides of a contradiction is contradicted, and no claim is counted as
     corroborating a claim it contradicts;
  3. the results written in one transaction (migration 0009). A finding keeps its id while its key
     (its kind and members) stays the same, so links to it survive later ingests.

Reviewers' decisions (review/) are applied in `_apply_decisions`: the claims come with their edits
laid over them and rejected claims are not judged; a finding whose members changed keeps the key of
the stored finding it continues; reviewed findings the judge no longer finds are kept; rejected
ones are stored and listed but set no claim against another.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass

__all__ = ["run", "judged", "JudgeReport"]


@dataclass
class JudgeReport:
    contradictions: int = 0
    clusters: int = 0
    corroborated: int = 0
    seconds: float = 0.0


def run(store) -> JudgeReport:
    """Judge everything stored and replace the stored judgments; returns what was found."""
    from storyline.resolve import uncollected
    with uncollected():
        return _run(store)


def _run(store) -> JudgeReport:
    from storyline.story import Story
    started = time.perf_counter()
    story = Story(store)
    every = story.claims()
    keyed, index = judged(store, story, every)
    documents = story.documents()
    texts = story._texts
    names = {e["id"]: e["name"] for e in story.entities()}
    events = story.events()  # read-only below: one copy serves both
    found = _contradictions(keyed, events, index, _vectors(store, keyed))
    found, keys, standing, kept = _apply_decisions(store, found)
    from storyline.judge.corroboration import near_duplicates
    copy_of = near_duplicates(texts)
    clusters = _clusters(keyed, documents, texts, names, standing, index, copy_of)
    _write(store, found, keys, clusters, {c["id"]: c for c in every}, events)
    _write_copies(store, copy_of, {d["id"]: d["published"] for d in documents})
    _mark_kept(store, kept)
    return JudgeReport(contradictions=len(standing), clusters=len(clusters),
                       corroborated=sum(1 for c in clusters if c["corroborated"]),
                       seconds=time.perf_counter() - started)


def judged(store, story, every: list[dict] | None = None) -> tuple[list[dict], object]:
    """The claims as the judges read them (reviewers' edits laid over them, rejected ones left
    out, with the entities their content names and who speaks) and their proposition index."""
    from storyline.judge.propositions import Index
    claims = _judged_claims(story.claims() if every is None else every)
    _named_inside(store, claims)
    _topics(store, claims)
    keyed = _keyed(claims, {e["id"]: e["name"] for e in story.entities()})
    return keyed, Index(keyed)  # built once: contradictions and clusters both read it


def _vectors(store, claims: list[dict]):
    """Meaning vectors of the claims (judge/meaning.py), None when judging keeps to words."""
    from storyline import settings
    from storyline.judge.meaning import claim_vectors
    if settings.current().claim_embeddings != "on":
        return None
    return claim_vectors([c["text"] for c in claims], store)


def _named_inside(store, claims: list[dict]) -> None:
    """Set on each claim `entities`: type -> ids of the entities its content names (a person's
    organisation counted as ORG, an outlet as ORG), for telling claims about different actors apart."""
    by_article: dict[str, list] = {}
    for r in store.query('SELECT m.article_id, m.start, e.type, em.entity_id FROM mentions m '
                         'JOIN entity_mentions em ON em.mention_id = m.id JOIN entities e ON e.id = em.entity_id'):
        by_article.setdefault(r["article_id"], []).append((r["start"], r["type"], r["entity_id"]))
    for rows in by_article.values():
        rows.sort()
    import bisect
    for c in claims:
        rows = by_article.get(c["doc"], [])
        k = bisect.bisect_left(rows, (c["start"], "", -1))
        named: dict[str, set] = {}
        while k < len(rows) and rows[k][0] < c["end"]:
            kind = "ORG" if rows[k][1] == "OUTLET" else rows[k][1]
            named.setdefault(kind, set()).add(rows[k][2])
            k += 1
        c["entities"] = named


def _topics(store, claims: list[dict]) -> None:
    """Set on each claim `topic`: what its article is about, as the last ingest's event resolution
    grouped the articles (table article_topics); None where unknown."""
    topic = {r["article_id"]: r["topic"] for r in store.query("SELECT article_id, topic FROM article_topics")}
    for c in claims:
        c["topic"] = topic.get(c["doc"])


def _keyed(claims: list[dict], names: dict) -> list[dict]:
    """The claims with `source_key` (who speaks: the one a spokesman or lawyer speaks for, else the
    named entity) and `source_text` (the source as the reader knows it), as the judges read them:
    a spokesman's "he cannot be certain" after his principal's flat "No" is the principal's change."""
    out = []
    for c in claims:
        src = c["source"]
        speaker = src.get("on_behalf_of") if src.get("on_behalf_of") is not None else src["entity"]
        out.append({**c, "source_key": f"entity:{speaker}" if speaker is not None else None,
                    "source_text": names.get(speaker) or src["text"]})
    return out


def _contradictions(claims: list[dict], events: list[dict], index, vectors) -> list:
    from storyline.judge.contradictions import find_contradictions
    return find_contradictions(claims, events, index, vectors)


def _clusters(claims, documents, texts, names, found, index, copy_of=None) -> list[dict]:
    from storyline.judge.corroboration import corroboration, stances
    against: dict[int, set[int]] = {}
    for f in found:
        if f.on_events:
            continue
        for a in f.sides[0]:
            for b in f.sides[1]:
                against.setdefault(a, set()).add(b)
                against.setdefault(b, set()).add(a)
    out = []
    for cl in corroboration(claims, documents, texts, names, against=against, index=index, copy_of=copy_of):
        d = cl.as_dict()
        members = set(cl.claims)
        d["contradicted"] = bool(cl.denying and cl.asserting) or any(against.get(c, set()) & members for c in members) \
            or any(c in against for c in members)
        out.append(d)
    stances(out, {c["id"]: c["doc"] for c in claims}, texts)
    _addressed(out, claims, index)
    return out


ADDRESSED_OVERLAP = 0.3  # looser than one proposition (contradictions.OVERLAP): about the same thing


def _addressed(clusters: list[dict], claims: list[dict], index) -> None:
    """Each cluster's `addressed_by`: claims of other sources outside it about the same thing, in
    articles of its topic, by a looser bar than one proposition (shared rare words, agreeing predicates, the same actors).
    "No other source addresses it" is said only of a cluster with none: DHS's denial that ISIS
    fighters were caught at the border is addressed by the congressman's account of ten caught,
    though their words fall short of one proposition."""
    from storyline.judge.contradictions import same_actors, related_pairs, who
    from storyline.judge.corroboration import apart
    by_id = {c["id"]: c for c in claims}
    pos = {c["id"]: k for k, c in enumerate(claims)}
    home = {i: k for k, d in enumerate(clusters) for i in d["claims"]}
    near: dict[int, set[int]] = {}
    for a, b, score, cover in related_pairs(index, overlap=ADDRESSED_OVERLAP):
        if home.get(a) == home.get(b) or who(by_id[a]) == who(by_id[b]) or \
                apart(by_id[a].get("topic"), by_id[b].get("topic")) or \
                not same_actors(index.props[pos[a]], index.props[pos[b]], score, cover):
            continue
        for x, y in ((a, b), (b, a)):
            if x in home:
                near.setdefault(home[x], set()).add(y)
    for k, d in enumerate(clusters):
        d["addressed_by"] = sorted(near.get(k, ()))


def _key(*parts) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:24]


def finding_key(f) -> str:
    """A contradiction's key: its kind and the members of both sides."""
    return _key(f.kind, "e" if f.on_events else "c", sorted(f.sides[0]), sorted(f.sides[1]))


# -- reviewers' decisions (review/findings.py) -------------------------------------------------

def _judged_claims(claims: list[dict]) -> list[dict]:
    from storyline.review.findings import judged_claims
    return judged_claims(claims)


def _apply_decisions(store, found: list) -> tuple[list, list[str], list, list[str]]:
    """(findings, the key each is stored under, those no reviewer rejected, keys kept only by review)."""
    from storyline.review import findings as reviewed
    keys = reviewed.stored_keys(store, found, finding_key)
    found, keys, kept = reviewed.keep_reviewed(store, found, keys)
    return found, keys, reviewed.standing(store, found, keys), kept


def _mark_kept(store, kept: list[str]) -> None:
    from storyline.review.findings import mark_kept
    mark_kept(store, kept)


# -- storing ---------------------------------------------------------------------------------------

def _write_copies(store, copy_of: dict[str, str], published: dict[str, str | None]) -> None:
    """Which article is a copy of which: of each near-duplicate group, the one published first
    (then the lowest id) is the article, the others its copies; for the lists."""
    groups: dict[str, list[str]] = {}
    for doc, root in copy_of.items():
        groups.setdefault(root, []).append(doc)
    rows = []
    for docs in groups.values():
        first = min(docs, key=lambda d: (published.get(d) or "9999", d))
        rows += [(d, first) for d in docs if d != first]
    with store.transaction() as conn:
        conn.execute("DELETE FROM article_copies")
        conn.executemany("INSERT INTO article_copies (article_id, copy_of) VALUES (?, ?)", sorted(rows))


def _write(store, found, keys: list[str], clusters: list[dict], claims: dict[int, dict], events: list[dict]) -> None:
    event_by_id = {e["id"]: e for e in events}
    with store.transaction() as conn:
        old = {r[0]: r[1] for r in conn.execute("SELECT key, id FROM contradictions")}
        keep = set()
        conn.execute("DELETE FROM contradiction_members")
        for f, key in zip(found, keys):
            if key in keep:
                continue
            keep.add(key)
            evidence = json.dumps([_evidence(side, i, claims, event_by_id, f.on_events)
                                   for side, ids in enumerate(f.sides) for i in ids], ensure_ascii=False)
            if key in old:
                conn.execute("UPDATE contradictions SET kind = ?, explanation = ?, score = ?, decided_by = ?, "
                             "evidence = ? WHERE id = ?",
                             (f.kind, f.explanation, f.score, f.decided_by, evidence, old[key]))
                cid = old[key]
            else:
                cid = conn.execute("INSERT INTO contradictions (key, kind, explanation, score, decided_by, evidence) "
                                   "VALUES (?, ?, ?, ?, ?, ?)",
                                   (key, f.kind, f.explanation, f.score, f.decided_by, evidence)).lastrowid
            column = "event_id" if f.on_events else "claim_id"
            conn.executemany(f"INSERT INTO contradiction_members (contradiction_id, {column}, side) VALUES (?, ?, ?)",
                             [(cid, i, side) for side, ids in enumerate(f.sides) for i in ids])
        gone = [old[k] for k in old if k not in keep]
        conn.executemany("DELETE FROM contradictions WHERE id = ?", [(i,) for i in gone])

        old = {r[0]: r[1] for r in conn.execute("SELECT key, id FROM claim_clusters")}
        keep = set()
        conn.execute("DELETE FROM claim_cluster_members")
        for d in clusters:
            key = f"claim:{min(d['claims'])}"
            keep.add(key)
            data = {k: v for k, v in d.items() if k not in {"id", "claims"}}
            row = (d["proposition"], int(d["corroborated"]), int(d["contradicted"]), d["independent_sources"],
                   json.dumps(data, ensure_ascii=False))
            if key in old:
                conn.execute("UPDATE claim_clusters SET proposition = ?, corroborated = ?, contradicted = ?, "
                             "independent_sources = ?, data = ? WHERE id = ?", row + (old[key],))
                kid = old[key]
            else:
                kid = conn.execute("INSERT INTO claim_clusters (key, proposition, corroborated, contradicted, "
                                   "independent_sources, data) VALUES (?, ?, ?, ?, ?, ?)", (key,) + row).lastrowid
            conn.executemany("INSERT INTO claim_cluster_members (claim_id, cluster_id) VALUES (?, ?)",
                             [(c, kid) for c in d["claims"]])
        conn.executemany("DELETE FROM claim_clusters WHERE id = ?", [(old[k],) for k in old if k not in keep])


def _evidence(side: int, item: int, claims: dict[int, dict], events: dict[int, dict], on_events: bool) -> dict:
    """Where one side of a contradiction says what it says: the claim's content (or the event's
    sentence) with its document and character offsets."""
    if on_events:
        e = events[item]
        return {"side": side, "event": item, "doc": e["doc"], "start": e["start"], "end": e["end"],
                "text": e["text"].strip(), "when": e["when"]}
    c = claims[item]
    return {"side": side, "claim": item, "doc": c["doc"], "start": c["start"], "end": c["end"], "text": c["text"],
            "source": c["source"]["text"], "polarity": c["polarity"], "certainty": c["certainty"]}
