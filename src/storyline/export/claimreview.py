"""schema.org ClaimReview (JSON-LD) for each claim cluster that is corroborated or contradicted
(asserted and denied, or part of a contradiction; a cluster of denials alone is left out).

Storyline does not rate truth. The review's rating reports what the record shows, how many
independent sources assert the claim and how many sources deny or contradict it, and its
`alternateName` says so ("Corroborated by 3 independent sources; contradicted by 1 source
(source counts, not a truth rating)"). There is no ratingValue on a true/false scale on purpose.

Each review's `url` is the page that shows it: the claim's page in Storyline's web UI at
`base_url` (`storyline serve`'s own address unless `storyline export --base-url` names where the
pages are served). Each appearance of the claim points to its exact characters: `url#char=start,end` (RFC 5147
text fragments) where the article has a URL, and always `identifier` "storyline:doc:ID#char=S,E".
"""
from __future__ import annotations

import datetime as dt
import json

from storyline.links import web_url

__all__ = ["render", "reviews", "NOT_A_TRUTH_RATING", "BASE_URL"]

BASE_URL = "http://127.0.0.1:8765"  # where `storyline serve` answers unless told otherwise
NOT_A_TRUTH_RATING = "source counts, not a truth rating"
_EXPLANATION = ("Storyline does not rate whether this claim is true. It reports how many independent "
                "sources assert it (a named person or organisation counts once wherever quoted; one "
                "outlet's anonymous sources count as one group; copies and relayed reports add nothing) "
                "and how many sources deny it or contradict it, with pointers to the exact characters.")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _pointer(doc_id: str, start: int, end: int) -> str:
    return f"storyline:doc:{doc_id}#char={start},{end}"


def _source_thing(source: dict, names: dict) -> dict:
    name = names.get(source["entity"]) if source["entity"] is not None and not source["anonymous"] else None
    name = name or source["text"] or "unnamed source"
    kind = {"person": "Person", "anonymous": "Person"}.get(source["kind"], "Organization")
    thing = {"@type": kind, "name": name}
    if source["anonymous"]:
        thing["description"] = "anonymous source" + (f" ({source['count']})" if source["count"] else "")
    return thing


def _appearance(claim: dict, doc: dict, names: dict) -> dict:
    work = {"@type": "NewsArticle", "identifier": _pointer(doc["id"], claim["start"], claim["end"]),
            "headline": doc["title"] or doc["name"], "text": claim["text"],
            "author": _source_thing(claim["source"], names)}
    if doc["outlet"]:
        work["publisher"] = {"@type": "Organization", "name": doc["outlet"]}
    if doc["published"]:
        work["datePublished"] = doc["published"]
    if web_url(doc["url"]):
        work["url"] = f"{doc['url']}#char={claim['start']},{claim['end']}"
    return work


def _opposing_sources(cluster: dict, claims: dict, contradictions: list[dict]) -> set[str]:
    """Distinct sources that deny the cluster's claim or contradict one of its claims."""
    mine = set(cluster["claims"])
    opposing = set(cluster["denying"])
    for x in contradictions:
        if mine & set(x["claims"]):
            opposing.update(c for c in x["claims"] if c not in cluster["asserting"])
    out = set()
    for cid in opposing:
        src = claims[cid]["source"]
        out.add(f"entity:{src['entity']}" if src["entity"] is not None and not src["anonymous"]
                else f"{claims[cid]['doc']}:{(src['text'] or '').casefold()}")
    return out


def reviews(story, today: str | None = None, base_url: str | None = None) -> list[dict]:
    base = (base_url or BASE_URL).rstrip("/")
    docs = {d["id"]: d for d in story.documents()}
    claims = {c["id"]: c for c in story.claims()}
    names = {e["id"]: e["name"] for e in story.entities()}
    contradictions = story.contradictions(standing=True)  # a reviewer's rejection disputes nothing
    out = []
    for cluster in story.clusters():
        disputed = any(set(cluster["claims"]) & set(x["claims"]) for x in contradictions)
        # A cluster of denials alone is one side's statement, not a dispute: nothing to review.
        if not (cluster["corroborated"] or disputed or (cluster["asserting"] and cluster["denying"])):
            continue
        opposing = _opposing_sources(cluster, claims, contradictions)
        findings = []
        if cluster["asserting"]:
            findings.append(("Corroborated by " if cluster["corroborated"] else "Asserted by ")
                            + _plural(cluster["independent_sources"], "independent source"))
        if opposing:
            findings.append("contradicted by " + _plural(len(opposing), "source"))
        finding = "; ".join(findings)
        finding = finding[0].upper() + finding[1:]
        said = sorted(cluster["asserting"] or cluster["claims"],
                      key=lambda c: (docs[claims[c]["doc"]]["published"] or "9999", claims[c]["start"]))
        first = next((c for c in said if claims[c]["doc"] == cluster["first"]), said[0])
        appearances = [_appearance(claims[c], docs[claims[c]["doc"]], names) for c in cluster["claims"]]
        claim = {"@type": "Claim", "author": _source_thing(claims[first]["source"], names),
                 "firstAppearance": _appearance(claims[first], docs[claims[first]["doc"]], names),
                 "appearance": appearances}
        when = claims[first]["said_on"] or docs[claims[first]["doc"]]["published"]
        if when:
            claim["datePublished"] = when
        out.append({
            "@context": "https://schema.org", "@type": "ClaimReview",
            "identifier": f"storyline:cluster:{cluster['id']}",
            "url": f"{base}/claims/{first}",
            "claimReviewed": cluster["proposition"],
            "datePublished": today or dt.date.today().isoformat(),
            "author": {"@type": "Organization", "name": "Storyline (automatic analysis of the articles)"},
            "reviewRating": {"@type": "Rating", "alternateName": f"{finding} ({NOT_A_TRUTH_RATING})",
                             "ratingExplanation": _EXPLANATION},
            "reviewBody": " ".join(x["explanation"] for x in contradictions
                                   if set(cluster["claims"]) & set(x["claims"])) or None,
            "itemReviewed": claim,
        })
        if out[-1]["reviewBody"] is None:
            del out[-1]["reviewBody"]
    return out


def render(story, base_url: str | None = None) -> str:
    return json.dumps(reviews(story, base_url=base_url), ensure_ascii=False, indent=1) + "\n"
