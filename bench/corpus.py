"""Generate a synthetic news corpus for benchmarks: many articles about invented people.

The texts are made from templates with reporting verbs, anonymous sources, dates
and quotes, so every stage of the pipeline has work to do. Deterministic for a seed.
"""
from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

FIRST = ["Ilse", "Tomas", "Marta", "Anton", "Rolf", "Nadia", "Oskar", "Lena", "Pavel", "Greta", "Hugo", "Sofia",
         "Emil", "Clara", "Viktor", "Alma", "Jonas", "Rita", "Felix", "Dora"]
LAST = ["Varga", "Eld", "Keller", "Danner", "Osei", "Brandt", "Lund", "Moreau", "Petrov", "Halvorsen", "Novak",
        "Strand", "Ferreira", "Kowal", "Lindqvist", "Aalto", "Berg", "Castell", "Dorn", "Engel"]
ROLES = ["Transport Minister", "Finance Minister", "Senator", "Mayor", "Director", "Chief Executive", "Governor"]
ORGS = ["the Ministry of Transport", "Baltic Shipping Lines", "the Port Authority", "the National Assembly",
        "the Audit Office", "Harbour Freight Group", "the Civic Union party", "the Central Bank"]
OUTLETS = ["Harbour Herald", "Meridian Post", "Northgate Wire", "Civic Ledger", "Evening Courier"]
PLACES = ["Portvale", "Eastmoor", "Kessing", "Lorrow", "Dunmere"]
VERBS = ["said", "told reporters", "said in a statement", "wrote on social media", "confirmed"]
ANON = ["two senior officials", "three people familiar with the talks", "a person close to the ministry",
        "several current and former officials", "two of those officials"]
EVENTS = ["met", "spoke by phone with", "had dinner with", "exchanged messages with"]
WHEN = ["on Tuesday", "last month", "on March 9", "the day before the vote", "two weeks ago", "on Friday evening",
        "earlier this year", "in early April"]


def article(rng: random.Random, day: date) -> dict:
    people = [(rng.choice(ROLES), f"{rng.choice(FIRST)} {rng.choice(LAST)}") for _ in range(3)]
    (r1, p1), (r2, p2), (r3, p3) = people
    org, org2 = rng.sample(ORGS, 2)
    outlet = rng.choice(OUTLETS)
    place = rng.choice(PLACES)
    s1, s2, s3 = (p.split()[-1] for p in (p1, p2, p3))
    paras = [
        f"{place.upper()}, {day:%B} {day.day} ({outlet}) - {r1} {p1} {rng.choice(EVENTS)} {p2} of {org} "
        f"{rng.choice(WHEN)}, {rng.choice(ANON)} said, raising questions about the contract awarded by {org2}.",
        f"\"I have never discussed the contract with {s2},\" {s1} {rng.choice(VERBS)} {rng.choice(WHEN)}. "
        f"A spokesman for {s1} said the meeting had been \"entirely routine\" and declined to comment further.",
        f"According to {rng.choice(ANON)}, {s2} had asked for the tender to be delayed until after the vote. "
        f"{s2} denied that account, saying through a lawyer that he had never sought any delay.",
        f"{r3} {p3} {rng.choice(VERBS)} that {org2} would open an inquiry {rng.choice(WHEN)}. "
        f"\"We will look at every document, and we will publish what we find,\" {s3} said.",
        f"The {outlet.split()[-1]} first reported the contacts {rng.choice(WHEN)}. {s1} did not respond to "
        f"repeated requests for comment, and {org} said it could not rule out further meetings.",
    ]
    rng.shuffle(paras[1:4])
    return {"title": f"{s1} and {s2}: questions over {org2} contract", "outlet": outlet,
            "published": day.isoformat(), "text": "\n\n".join(paras)}


def write_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    """Write `n` articles as one JSONL file in `folder`; returns its path."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"synthetic-{n}.jsonl"
    start = date(2026, 3, 1)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(article(rng, start + timedelta(days=i % 60))) + "\n")
    return path
