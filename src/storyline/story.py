"""The story as stored: documents, entities, events, claims, contradictions.

One read model over the store, shaped by the storyline/1 export contract; the
CLI tables, the exports and the Python API are all views of it.
"""
from __future__ import annotations

import copy
import functools
import inspect
import itertools
import json
import re
from collections import defaultdict
from functools import cached_property

from storyline.present.dates import day_words, inferred_words, words
from storyline.resolve.times import in_caption
from storyline.vocabulary import TELLING_KINDS

__all__ = ["Story", "SCHEMA", "precision", "told_as"]

SCHEMA = "storyline/1"
# Events whose date is not asked about: sayings, and events of no kind (open-class events are most
# of the words of a story; "when did this happen?" is asked of meetings, calls, votes ...).
_NOT_ASKED = {"statement", "denial", "publication", "other"}
# a content that is itself a question ("how many times he fired", "whether she knew")
_ASKS = re.compile(r"\s*(?:(?:and|but|so|or)\s+)?(?:how|whether|why|when|what|who|whom|which|where|if)\b", re.IGNORECASE)


def precision(value: str | None) -> str | None:
    """day | month | week | quarter | season | year | decade | time | interval | relative for a TIMEX3 value."""
    import re
    if not value:
        return None
    for name, pattern in (("interval", r"/"), ("time", r"T\d"), ("day", r"^\d{4}-\d{2}-\d{2}$"),
                          ("week", r"-W\d"), ("month", r"^\d{4}-\d{2}$"), ("quarter", r"-Q\d"),
                          ("season", r"-(SP|SU|FA|WI)$"), ("year", r"^\d{4}$"), ("decade", r"^\d{3}X?$")):
        if re.search(pattern, value):
            return name
    return "relative"


_DENYING_CUES = {"deny", "denied", "denies", "denying", "dispute", "disputed", "disputes", "reject", "rejected",
                 "rejects", "refute", "refuted", "refutes", "dismiss", "dismissed", "dismisses", "rebut", "rebutted"}


_ANSWERS_A_REPORT = re.compile(r"^(?:as false\s+)?(?:(?:the|these|those|such|that|this|a|an|both|all|any)\s+)*"
                               r"(?:[\w.'\u2019-]+\s+){0,2}?(?:reports?|story|stories|claims?|allegations?|"
                               r"accounts?|rumou?rs?|accusations?|charges?|posts?|postings?|tweets?|articles?|"
                               r"columns?)\b", re.IGNORECASE)


def _points_back(denial: dict, told_in: dict[str, list[dict]]) -> bool:
    """"Officials deny any such thing has happened": a denial that only points back answers an
    account another source gives before it in its own article, so it is not left unanswered."""
    from storyline.judge.meaning import anaphoric
    return anaphoric(denial) and any(c["start"] < denial["start"] and _speaker(c) != _speaker(denial)
                                     for c in told_in.get(denial["doc"], ()))


def _denial(c: dict) -> bool:
    """A negative claim that denies a proposition: said with a denying verb ("denied that she had
    met him"), not any sentence with a "not" in it; a denial of "the report" answers that report,
    so it is not left unanswered."""
    cue = {w.lower() for w in (c["cue"] or "").split()}
    return bool(cue & _DENYING_CUES) and not _ANSWERS_A_REPORT.match(c["text"].strip())


_LEADING = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "the", "a", "an",
            "several", "some", "many", "both", "all", "another", "other", "most", "few", "those", "these", "at"}
# Words after which a description's head noun has been said ("officials in Lebanon", "one official
# who spoke on condition of anonymity", "a source close to Hunter"): a grammar list.
_AFTER_HEAD = {"in", "of", "at", "from", "with", "for", "on", "close", "familiar", "who", "that", "which",
               "whose", "speaking", "briefed"}


def _who_says(source: dict, plural_verb: str, singular_verb: str, opens: bool = False) -> str:
    """'two officials say', 'one source says', 'the source says': a source and its verb agreeing
    in number (its count when the text gives one, else the ending of its last word). After "Only"
    a leading number word or article is in lower case; opening a sentence (`opens`), its first
    letter is a capital."""
    text = source.get("text") or "the article"
    words = text.split()
    if opens:
        text = text[:1].upper() + text[1:]
    elif words and words[0].lower() in _LEADING:
        text = words[0].lower() + text[len(words[0]):]
    if len(words) == 1 and words[0].lower() in _PRONOUNS and not opens:
        text = words[0] if words[0] == "I" else words[0].lower()
    count = source.get("count")
    # the head noun: the last word before what describes it further ("officials in Lebanon")
    end = next((k for k in range(1, len(words)) if words[k].lower() in _AFTER_HEAD or words[k - 1].endswith(",")),
               len(words))
    last = words[end - 1].lower().rstrip(",") if words else ""
    plural = count > 1 if count else (" and " in text or last in {"they", "we", "you"} or
                                      last.endswith("s") and not last.endswith(("ss", "us", "is")))
    return f"{text} {plural_verb if plural else singular_verb}"


_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our", "my", "him", "them"}


def _as_named(source: dict, entities: dict) -> dict:
    """The source with the name of the one its pronoun stands for ("She" -> "Loretta Lynch")."""
    text = (source.get("text") or "").strip()
    found = entities.get(source.get("entity")) if text.lower() in _PRONOUNS else None
    return {**source, "text": found["name"]} if found else source


def _speaker(c: dict) -> str:
    """One key per source for counting who addresses a proposition: the entity when named, the
    description of an anonymous source, else the source as written (or the article itself)."""
    s = c["source"]
    if s["entity"] is not None and not s["anonymous"]:
        return f"entity:{s['entity']}"
    return f"{s['kind']}:{(s['text'] or c['doc']).casefold()}"


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _machine_name(entity: dict, given: str, key) -> str:
    """The name resolution gave an entity, when `given` is only the name a reviewer gave it."""
    machine = (entity.get("review") or {}).get("machine") or {}
    return machine["name"] if machine.get("name") and key(given) == key(entity["name"]) else given


class Rows(list):
    """A list of row dicts (what every Story query returns) that a notebook can turn into a table."""

    def to_pandas(self):
        """This list as a pandas.DataFrame (needs pandas: `pip install 'storyline[notebook]'`)."""
        try:
            import pandas
        except ImportError as exc:
            from storyline.errors import StorylineError
            raise StorylineError("E401", "to_pandas() needs pandas",
                                 "pip install -e '.[notebook]'") from exc
        return pandas.DataFrame(list(self))


def _rows(method):
    """Wrap a Story query so its list of dicts is a `Rows`, computed from the store as it is now."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        self._current()
        return Rows(method(self, *args, **kwargs))
    return wrapper


def _kept(method):
    """Keep a whole-story judgement until the store changes: `questions()` and `export()` would
    otherwise judge every contradiction two or three times. Each caller gets its own copy,
    since callers add keys to the rows."""
    @functools.wraps(method)
    def wrapper(self):
        if method.__name__ not in self._judged:
            self._judged[method.__name__] = method(self)
        return _copied(self._judged[method.__name__])
    return wrapper


_SCALARS = (str, int, float, bool, type(None))


def _copied(rows):
    """A deep copy of rows of JSON-like values: what copy.deepcopy gives, in a tenth of the time
    (its memo costs more than the copying; `events()` is copied twice on every judge run)."""
    kind = type(rows)
    if kind is dict:
        return {k: v if type(v) in _SCALARS else _copied(v) for k, v in rows.items()}
    if kind is list:
        return [v if type(v) in _SCALARS else _copied(v) for v in rows]
    return rows if kind in _SCALARS else copy.deepcopy(rows)


def told_as(mentions: list[dict]) -> str | None:
    """How the articles tell an event when none tells it as having happened: "planned" ("will
    put the contract to the council next week"), "denied", "hypothetical" or "uncertain"; None
    when one of them does (events stored before migration 0008 count as told so)."""
    views = [(e.get("mood") or "actual", e.get("polarity") or "positive", e.get("certainty") or "certain")
             for e in mentions]
    if any(m == "actual" and p == "positive" and c in {"certain", "probable"} for m, p, c in views):
        return None
    if any(m in {"future", "intended"} for m, _, _ in views):
        return "planned"
    if any(m == "actual" and p == "negative" for m, p, _ in views):
        return "denied"
    if any(m != "actual" for m, _, _ in views):
        return "hypothetical"
    return "uncertain"


class Story:
    def __init__(self, store):
        self.store = store
        self._judged: dict = {}
        self._version = None

    _DERIVED = ("_entity_of", "_entity_by_name", "_texts", "_published", "_review")  # cached_property names below

    def _shared(self, name: str) -> list[dict]:
        """The kept rows of a whole-story query (a method marked @_kept: `documents`, `entities`,
        `events`, `_claim_rows`, `clusters`, `_contradiction_rows`, `questions`), not copied: for
        reading only. The web pages page and facet over these without copying all of them."""
        self._current()
        if name not in self._judged:
            # the method itself, not its @_kept wrapper: the wrapper's copy would be thrown away
            self._judged[name] = inspect.unwrap(getattr(type(self), name))(self)
        return self._judged[name]

    def keep(self, key: str, compute):
        """`compute()`, worked out once per state of the store: views built over the story's rows
        (the web UI's listings, the network) keep what every request would otherwise redo."""
        self._current()
        if key not in self._judged:
            self._judged[key] = compute()
        return self._judged[key]

    def _grouped(self, name: str, field: str) -> dict:
        """The kept rows of `name` by the value of `field` (for `id`, one row each), kept alike."""
        def group() -> dict:
            rows = self._shared(name)
            if field == "id":
                return {r["id"]: r for r in rows}
            grouped: dict = {}
            for r in rows:
                grouped.setdefault(r[field], []).append(r)
            return grouped
        return self.keep(f"{name}#{field}", group)

    def _current(self) -> None:
        """Forget what was derived from the store once it has changed, through this connection
        (total_changes) or another (data_version): ingest may run while a story is open."""
        conn = self.store.conn
        version = (conn.total_changes, conn.execute("PRAGMA data_version").fetchone()[0])
        if version != self._version:
            self._version = version
            self._judged.clear()
            for name in self._DERIVED:
                self.__dict__.pop(name, None)

    # -- helpers ---------------------------------------------------------------
    @cached_property
    def _entity_of(self) -> dict[tuple[str, str], int]:
        """(article id, in-article canonical name) -> entity id: the entity most of the article's
        name mentions of that canonical went to (pronouns and descriptions follow names, so they
        do not vote)."""
        rows = self.store.query(
            "SELECT m.article_id, m.canonical, em.entity_id, count(*) AS n FROM mentions m "
            "JOIN entity_mentions em ON em.mention_id = m.id WHERE m.form = 'name' "
            "GROUP BY m.article_id, m.canonical, em.entity_id ORDER BY n")
        return {(r["article_id"], r["canonical"]): r["entity_id"] for r in rows}

    @cached_property
    def _entity_by_name(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.entities():
            for alias in e["aliases"]:
                out.setdefault(alias.casefold(), e["id"])
        return out

    def _entity(self, article_id: str, name: str | None) -> int | None:
        if not name:
            return None
        found = self._entity_of.get((article_id, name))
        if found is None:
            found = self._entity_by_name.get(name.casefold())
        return found

    def _sentence(self, article_id: str, start: int) -> tuple[int, int]:
        row = self.store.query('SELECT start, "end" FROM sentences WHERE article_id = ? AND start <= ? '
                               "ORDER BY start DESC LIMIT 1", (article_id, start))
        return (row[0]["start"], row[0]["end"]) if row else (start, start)

    @cached_property
    def _review(self):
        """Reviewers' decisions, laid over the rows below (review/apply.py)."""
        from storyline.review.apply import Reviews
        return Reviews(self.store)

    def _named(self, name: str) -> tuple[int, str] | None:
        """(id, type) of the entity called `name` (an alias), for a source a reviewer named."""
        found = self._entity_by_name.get(" ".join(name.split()).casefold())
        types = {e["id"]: e["type"] for e in self.entities()} if found is not None else {}
        return (found, types[found]) if found is not None else None

    @cached_property
    def _published(self) -> dict[str, str | None]:
        """Article id -> its date, given or inferred (what "now" in it was measured from)."""
        return {d["id"]: d["published"] for d in self._shared("documents")}

    @cached_property
    def _texts(self) -> dict[str, str]:
        return {r["id"]: r["text"] for r in self.store.query("SELECT id, text FROM articles")}

    # -- the contract ----------------------------------------------------------
    @_rows
    @_kept
    def documents(self) -> list[dict]:
        """Every article in date order; `copy_of` names the first article of its near-duplicate
        group (a wire copy, a syndicated or revised text; judge stage) or is None."""
        copies = {r[0]: r[1] for r in self.store.query("SELECT article_id, copy_of FROM article_copies")}
        rows = self.store.query(
            "SELECT a.id, a.name, a.title, a.outlet, a.url, coalesce(a.published, i.published) AS published, "
            "CASE WHEN a.published IS NULL AND i.published IS NOT NULL THEN 'inferred' ELSE a.published_from END "
            "AS published_from, CASE WHEN a.published IS NULL THEN i.latest END AS latest, "
            "CASE WHEN a.published IS NULL THEN i.conflict END AS conflict, "
            "CASE WHEN a.published IS NULL THEN i.how END AS how, i.earliest_precision, i.latest_precision "
            "FROM articles a LEFT JOIN inferred_dates i ON i.article_id = a.id "
            "ORDER BY coalesce(a.published, i.published, '9999'), a.name")
        out = []
        for r in rows:
            d = {k: r[k] for k in ("id", "name", "title", "outlet", "url", "published", "published_from")}
            d["copy_of"] = copies.get(r["id"])
            d["published_words"] = inferred_words(r["published"], r["latest"], bool(r["conflict"]),
                                                  r["earliest_precision"], r["latest_precision"]) \
                if r["published_from"] == "inferred" and r["how"] else day_words(r["published"])
            if r["how"]:
                d.update(published_latest=r["latest"], published_how=r["how"])
            out.append(d)
        return self._review.documents(out)

    # -- decisions by hand --------------------------------------------------------
    def merge_entities(self, name: str, other: str) -> dict:
        """`other`'s entity joins `name`'s, now and after every later ingest; returns the entity."""
        return self._decide("merge", name, other)

    def split_entity(self, name: str, other: str) -> dict:
        """The mentions called `other` leave `name`'s entity for one of their own, now and after
        every later ingest; returns the entity they form."""
        return self._decide("split", name, other)

    def _decide(self, action: str, name: str, other: str) -> dict:
        from storyline.errors import StorylineError
        from storyline.resolve import entities as resolver
        by_key = {resolver.name_key(a): e for e in self.entities() for a in e["aliases"] + [e["name"]]}
        first, second = by_key.get(resolver.name_key(name)), by_key.get(resolver.name_key(other))
        for given, found in ((name, first), (other, second)):
            if found is None:
                raise StorylineError("E204", f"no entity is called {given!r}",
                                     "see `storyline entities --db FILE` for names and aliases")
        if action == "merge" and first["id"] == second["id"]:
            raise StorylineError("E205", f"{name!r} and {other!r} are already one entity ({first['name']})")
        if action == "split" and first["id"] != second["id"]:
            raise StorylineError("E205", f"{name!r} and {other!r} are already apart")
        if action == "merge":  # a name a reviewer gave is not one resolution knows: keep the machine's
            name, other = (_machine_name(e, n, resolver.name_key) for e, n in ((first, name), (second, other)))
        with self.store.transaction() as conn:
            conn.execute("INSERT INTO entity_decisions (action, name, other) VALUES (?, ?, ?)",
                         (action, name, other))
        resolver.rebuild(self.store)
        self._current()
        target = resolver.name_key(name if action == "merge" else other)
        return next(e for e in self.entities()
                    if target in {resolver.name_key(a) for a in e["aliases"] + [e["name"]]})

    @_rows
    @_kept
    def entities(self) -> list[dict]:
        rows = self.store.query("SELECT id, name, type, aliases, titles, mentions FROM entities "
                                "ORDER BY mentions DESC, name")
        return self._review.entities([{"id": r["id"], "name": r["name"], "type": r["type"],
                                       "aliases": json.loads(r["aliases"]), "titles": json.loads(r["titles"]),
                                       "mentions": r["mentions"]} for r in rows])

    @_rows
    @_kept
    def events(self) -> list[dict]:
        rows = self.store.query('SELECT e.id, e.article_id, e.start, e."end", e.type, e.trigger, e.sentence_start, '
                                "e.sentence_end, e.participants, coalesce(r.value, e.when_value) AS when_value, "
                                "e.when_text, r.how AS when_how, coalesce(r.mod, t.mod) AS when_mod, e.polarity, e.certainty, "
                                "e.mood, e.event_class, e.tense, e.aspect, e.modality "
                                "FROM events e LEFT JOIN resolved_times r ON r.event_id = e.id "
                                "LEFT JOIN timexes t ON t.article_id = e.article_id AND t.start = e.timex_start "
                                "ORDER BY e.article_id, e.start")
        out = []
        published = self._published
        for r in rows:
            text = self._texts[r["article_id"]][r["sentence_start"]:r["sentence_end"]]
            participants = [self._entity(r["article_id"], n) for n in json.loads(r["participants"])]
            out.append({"id": r["id"], "type": r["type"], "doc": r["article_id"], "start": r["start"],
                        "end": r["end"], "trigger": r["trigger"], "text": text,
                        "participants": sorted({p for p in participants if p is not None}),
                        "when": r["when_value"], "when_text": r["when_text"], "when_how": r["when_how"],
                        "when_mod": r["when_mod"],
                        "when_words": words(r["when_value"], r["when_mod"], published.get(r["article_id"])),
                        "polarity": r["polarity"], "certainty": r["certainty"],
                        "mood": r["mood"], "class": r["event_class"], "tense": r["tense"], "aspect": r["aspect"],
                        "modality": r["modality"]})
        from storyline.resolve.event_clusters import stored_clusters
        from storyline.resolve.times import days_named, told_before, told_on
        clusters = stored_clusters(self.store)
        days = days_named(self.store, self._texts)
        for e in out:
            e["cluster"] = clusters.get(e["id"], e["id"])
            # an event with no time of its own, told as past: on or before its article's date
            e["not_after"] = told_before(e, published.get(e["doc"]))
            if e["not_after"]:
                e["when_words"] = f"on or before {day_words(e['not_after'])} (when exactly is not said)"
            # ... and the day the account around it is on: the last day its article names before it
            day = told_on(e, days.get(e["doc"]), published.get(e["doc"]))
            e["told_on"], e["told_on_text"], e["told_on_start"] = (day[3], day[2], day[0]) if day else (None,) * 3
            if day:
                e["when_words"] = f"likely {words(day[3])} (the day named before it, \"{day[2]}\")"
        return out

    @_rows
    def event_timeline(self, entity: str | None = None) -> list[dict]:
        """One row per event and date across articles: mentions of one event (same kind, same
        people, see resolve/event_clusters.py) are merged, with the articles that support each
        date; an event dated two ways keeps both rows, each marked as in conflict."""
        from storyline.resolve.event_clusters import compatible_times
        rows: dict[tuple, dict] = {}
        dates: dict[int, set] = {}
        docs = {d["id"]: d for d in self.documents()}
        for e in self.timeline(entity):
            key = (e["cluster"], e["when"])
            dates.setdefault(e["cluster"], set()).add(e["when"])
            row = rows.setdefault(key, {"event": e["cluster"], "when": e["when"], "when_words": e["when_words"],
                                        "precision": e["precision"],
                                        "type": e["type"], "trigger": e["trigger"], "class": e["class"],
                                        "participants": set(), "evidence": e["text"].strip(),
                                        "doc": e["doc"], "start": e["start"], "end": e["end"],
                                        "when_text": e["when_text"], "articles": [], "mentions": []})
            row["participants"] |= set(e["participants"])
            row["mentions"].append(e["id"])
            row.setdefault("views", []).append(e)
            if e["doc"] not in row["articles"]:
                row["articles"].append(e["doc"])
        out = []
        # the sentence each article leads with (its first that holds an event), and each event's
        sentence = {r["id"]: (r["article_id"], r["sentence_start"]) for r in self.store.query(
            "SELECT e.id, e.article_id, e.sentence_start FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE e.sentence_start >= a.body_start")}  # the body's, not the headline's
        lead: dict[str, int] = {}
        for doc, start in sentence.values():
            lead[doc] = min(lead.get(doc, start), start)
        for row in rows.values():
            views = row.pop("views")
            row["participants"] = sorted(row["participants"])
            row["articles"].sort(key=lambda d: (docs[d]["published"] or "9999", d))
            others = sorted(d for d in dates[row["event"]] if not compatible_times(d, row["when"]))
            row["conflicts_with"] = others
            row["conflicts_with_words"] = [words(d) for d in others]
            row["told_as"] = told_as(views)
            leads = any(e["id"] in sentence and lead[sentence[e["id"]][0]] == sentence[e["id"]][1] for e in views)
            row["salient"] = _salience(row, leads)
            out.append(row)
        # an event that matters is shown with every date it is given
        mattering = {row["event"]: row["salient"] for row in out if row["salient"]}
        for row in out:
            if not row["salient"] and row["event"] in mattering:
                row["salient"] = mattering[row["event"]]
        return sorted(out, key=lambda r: (r["when"], r["event"]))

    @_rows
    def claims(self, ids=None) -> list[dict]:
        """Every claim, or those whose id is in `ids` (read without loading the others)."""
        return self._claim_rows() if ids is None else self._read_claims(ids)

    @_kept
    def _claim_rows(self) -> list[dict]:
        return self._read_claims(None)

    def _read_claims(self, ids) -> list[dict]:
        if ids is None:
            rows = self.store.query("SELECT * FROM claims ORDER BY article_id, start")
            events = self.store.query('SELECT id, article_id, start, "end" FROM events')
            entity = self._entity
        else:
            wanted = sorted(set(ids))
            rows = [r for chunk in _chunks(wanted) for r in self.store.query(
                f"SELECT * FROM claims WHERE id IN ({','.join('?' * len(chunk))})", chunk)]
            rows.sort(key=lambda r: (r["article_id"], r["start"]))
            articles = sorted({r["article_id"] for r in rows})
            events = [e for chunk in _chunks(articles) for e in self.store.query(
                f'SELECT id, article_id, start, "end" FROM events WHERE article_id IN ({",".join("?" * len(chunk))})',
                chunk)]
            entity = self._entity_in(articles)
        by_article: dict[str, list] = {}
        for e in events:
            by_article.setdefault(e["article_id"], []).append(e)
        out = []
        for r in rows:
            aid = r["article_id"]
            inside = [e["id"] for e in by_article.get(aid, []) if r["start"] <= e["start"] < r["end"]]
            out.append({
                "id": r["id"], "doc": aid, "start": r["start"], "end": r["end"], "text": r["text"],
                "cue": r["cue"], "cue_start": r["cue_start"], "cue_end": r["cue_end"], "quote": r["quote"],
                "source": {"entity": entity(aid, r["source_entity"]), "text": r["source_text"],
                           # no one named: the article itself asserts it (its author)
                           "kind": r["source_kind"] or "document", "anonymous": r["source_kind"] == "anonymous",
                           "count": r["source_count"], "affiliation": r["source_affiliation"],
                           "on_behalf_of": entity(aid, r["source_on_behalf_of"]),
                           "group": r["source_group"],
                           "start": r["source_start"], "end": r["source_end"]},
                "polarity": r["polarity"], "certainty": r["certainty"], "said_on": r["said_on"],
                "said_on_words": words(r["said_on"], None, self._published.get(aid)),
                "predicate": r["predicate"], "states": r["states"] != 0,
                "events": inside})
        return self._review.claims(out, self._named)

    def _entity_in(self, articles: list[str]):
        """Like `_entity`, reading the mentions of these articles only."""
        local: dict[tuple[str, str], int] = {}
        for chunk in _chunks(articles):
            for r in self.store.query(
                    "SELECT m.article_id, m.canonical, em.entity_id, count(*) AS n FROM mentions m "
                    "JOIN entity_mentions em ON em.mention_id = m.id "
                    f"WHERE m.form = 'name' AND m.article_id IN ({','.join('?' * len(chunk))}) "
                    "GROUP BY m.article_id, m.canonical, em.entity_id ORDER BY n", chunk):
                local[(r["article_id"], r["canonical"])] = r["entity_id"]

        def entity(article_id: str, name: str | None) -> int | None:
            if not name:
                return None
            found = local.get((article_id, name))
            return found if found is not None else self._entity_by_name.get(name.casefold())
        return entity

    def contradicted_claims(self) -> list[int]:
        """Ids of the claims some stored contradiction holds."""
        return [r[0] for r in self.store.query(
            "SELECT DISTINCT claim_id FROM contradiction_members WHERE claim_id IS NOT NULL ORDER BY claim_id")]

    @_rows
    def contradictions(self, standing: bool = False, shared: bool = False) -> list[dict]:
        """The contradictions the judge stage stored at the end of the last ingest (judge/run.py):
        kind, the claims (or events) of both sides, why, how sure, what decided, the evidence, and
        its review (`found`: false when only a review keeps it). `standing`: leave out those a
        reviewer rejected (listed otherwise, with their state). `shared`: the kept rows
        themselves, not a copy, for a caller that only reads them (the CLI pages through them)."""
        out = self._shared("_contradiction_rows") if shared else self._contradiction_rows()
        return [x for x in out if x["review"]["state"] != "rejected"] if standing else out

    @_kept
    def _contradiction_rows(self) -> list[dict]:
        members: dict[int, list] = {}
        for m in self.store.query("SELECT contradiction_id, claim_id, event_id, side FROM contradiction_members "
                                  "ORDER BY rowid"):
            members.setdefault(m["contradiction_id"], []).append(m)
        out = []
        for r in self.store.query("SELECT id, key, kind, explanation, score, decided_by, evidence, found "
                                  "FROM contradictions ORDER BY id"):
            rows = members.get(r["id"], [])
            sides = [[m["claim_id"] if m["claim_id"] is not None else m["event_id"] for m in rows if m["side"] == k]
                     for k in (0, 1)]
            out.append({"id": r["id"], "kind": r["kind"],
                        "claims": [m["claim_id"] for m in rows if m["claim_id"] is not None],
                        "events": [m["event_id"] for m in rows if m["event_id"] is not None],
                        "sides": sides, "explanation": r["explanation"], "score": r["score"],
                        "decided_by": r["decided_by"], "evidence": json.loads(r["evidence"]),
                        "key": r["key"], "found": bool(r["found"])})
        return self._review.contradictions(out)

    @_rows
    @_kept
    def clusters(self) -> list[dict]:
        """Claims grouped by proposition, with corroboration (independent sources) and propagation
        (first report, pickup order, citations), as the judge stage stored them (judge/run.py)."""
        members: dict[int, list[int]] = {}
        for m in self.store.query("SELECT claim_id, cluster_id FROM claim_cluster_members ORDER BY claim_id"):
            members.setdefault(m["cluster_id"], []).append(m["claim_id"])
        rows = self.store.query("SELECT id, key, proposition, data FROM claim_clusters "
                                "ORDER BY independent_sources DESC, id")
        return self._review.clusters([{"id": r["id"], "proposition": r["proposition"],
                                       "claims": members.get(r["id"], []), **json.loads(r["data"]),
                                       "key": r["key"]} for r in rows])

    @_rows
    def decisions(self) -> list[dict]:
        """Every review decision, in the order made: target (claim, contradiction, corroboration,
        entity, article), target_key (claim id, contradiction key, claim:N of a cluster, entity id,
        article id), action, payload, note, who, at."""
        from storyline.review.decisions import decisions
        return [d.as_dict() for d in decisions(self.store)]

    @_rows
    def sources(self) -> list[dict]:
        """Who is quoted: each source with its claims, articles and outlets, how often it is
        contradicted, and which outlets each outlet credits."""
        entities = self.entities()
        names = {e["id"]: e["name"] for e in entities}
        # The kind of a named source follows its entity across articles (one article's model may
        # have tagged an organisation as a person).
        kinds = {e["id"]: {"PERSON": "person", "OUTLET": "outlet"}.get(e["type"], "organization") for e in entities}
        docs = {d["id"]: d for d in self.documents()}
        from storyline.judge.corroboration import outlet_name
        contradicted = {c for x in self.contradictions(standing=True) for c in x["claims"]}
        rows: dict[str, dict] = {}
        for c in self.claims():
            s = c["source"]
            outlet = outlet_name(docs[c["doc"]])
            if s["entity"] is not None and not s["anonymous"]:
                key, who = f"entity:{s['entity']}", names.get(s["entity"], s["text"])
            elif s["anonymous"]:
                key, who = f"anonymous:{outlet}:{(s['text'] or '').casefold()}", s["text"]
            else:
                key, who = f"{s['kind']}:{(s['text'] or outlet).casefold()}", s["text"] or f"{outlet} (author)"
            kind = kinds.get(s["entity"], s["kind"]) if s["entity"] is not None and not s["anonymous"] else s["kind"]
            author = not s["text"] and s["entity"] is None  # the article itself
            row = rows.setdefault(key, {"source": who, "kind": "author" if author else kind, "anonymous": s["anonymous"],
                                        "count": s["count"], "claims": [], "articles": set(), "outlets": set(),
                                        "contradicted": 0, "first_said": None})
            row["claims"].append(c["id"])
            row["articles"].add(c["doc"])
            row["outlets"].add(outlet)
            row["contradicted"] += c["id"] in contradicted
            if c["said_on"] and (row["first_said"] is None or c["said_on"] < row["first_said"]):
                row["first_said"] = c["said_on"]
        out = [{**r, "articles": sorted(r["articles"]), "outlets": sorted(r["outlets"])} for r in rows.values()]
        return sorted(out, key=lambda r: (-len(r["claims"]), r["source"] or ""))

    @_rows
    def citations(self) -> list[dict]:
        """Which outlet credits which, over all claim clusters: {from, to, docs}."""
        edges: dict[tuple[str, str], set] = {}
        for cl in self.clusters():
            for e in cl["citations"]:
                edges.setdefault((e["from"], e["to"]), set()).add(e["doc"])
        return [{"from": a, "to": b, "docs": sorted(d)} for (a, b), d in sorted(edges.items())]

    @_rows
    @_kept
    def questions(self) -> list[dict]:
        """What the record does not settle, each with its evidence (claim or event ids):
          - single_anonymous_source: an account only anonymous sources give;
          - single_source: an account one named source gives and no one else confirms or refutes;
          - unanswered_denial: a denial (a denying verb, or a denied event) of a proposition no
            other source addresses, for or against (judge/run.py `_addressed`: by a looser bar
            than one proposition);
          - number_conflict, date_conflict: counts or dates the articles give differently;
          - undated_event: an event told as having happened, with two or more named participants,
            dated nowhere (no mention of it, in any article, has a date); one question per event."""
        from storyline.vocabulary import EVENT_TYPES
        contradictions = self.contradictions(standing=True)
        disputed = {c for x in contradictions for c in x["claims"]}
        clusters = self.clusters()
        claims = self._grouped("_claim_rows", "id")
        entities = self._grouped("entities", "id")
        out = []
        told_in: dict[str, list[dict]] = defaultdict(list)  # article -> its accounts
        for c in claims.values():
            if c["polarity"] == "positive":
                told_in[c["doc"]].append(c)
        for cl in clusters:
            members = [claims[i] for i in cl["claims"] if i in claims]
            speakers = {_speaker(c) for c in members}
            if cl["asserting"] and not (set(cl["claims"]) & disputed) and len(speakers) == 1:
                c = claims[cl["asserting"][0]]
                who = _who_says(_as_named(c["source"], entities), "say", "says")
                only = f"Only {who} \u201c{cl['proposition']}\u201d"
                if c["source"]["anonymous"]:
                    out.append({"kind": "single_anonymous_source", "claims": cl["asserting"],
                                "question": f"{only}; who else confirms it?"})
                elif c["source"]["entity"] is not None and EVENT_TYPES.get(c["predicate"] or "") not in (None, *_NOT_ASKED) \
                        and not _ASKS.match(c["text"]):
                    # an account of an event (a meeting, a payment ...), not an opinion, not a
                    # statement or denial of its own ("we categorically deny"), not a question
                    # told ("how many times Wilson fired")
                    out.append({"kind": "single_source", "claims": cl["asserting"],
                                "question": f"{only}; no other source confirms or refutes it."})
            denials = [claims[i] for i in cl["denying"] if i in claims and i not in disputed and _denial(claims[i])
                       and not _points_back(claims[i], told_in)]
            others = {_speaker(claims[i]) for i in cl.get("addressed_by", ()) if i in claims} - speakers
            if denials and len(speakers) == 1 and not cl["asserting"] and not others:
                who = _who_says(_as_named(denials[0]["source"], entities), "deny", "denies", opens=True)
                out.append({"kind": "unanswered_denial", "claims": [c["id"] for c in denials],
                            "question": f"{who} \u201c{denials[0]['text']}\u201d; no other source "
                                        "addresses it, for or against."})
        events = self._shared("events")
        # (kind, two participants) of every dated event: an undated event that shares its kind and
        # two participants with a dated one is that one, told without its date; so is one that
        # the cross-article event coreference put with a dated mention
        dated = {(e["type"], a, b) for e in events if e["when"]
                 for a, b in itertools.combinations(sorted(set(e["participants"])), 2)}
        dated_clusters = {e["cluster"] for e in events if e["when"]}
        undated: dict = {}  # one question per event, with every mention of it that lacks a date
        for e in events:
            people = sorted(set(e["participants"]))
            if e["when"] or len(people) < 2 or e["type"] in _NOT_ASKED or e["cluster"] in dated_clusters:
                continue
            if in_caption(self._texts.get(e["doc"], ""), e["start"]):
                continue  # a photo's caption ("Hunter speaks during a news conference ..."): not the story's event
            if e["mood"] not in (None, "actual") or e["polarity"] == "negative":
                continue  # "will be useful in the negotiations": not told as having happened
            if not any((e["type"], a, b) in dated for a, b in itertools.combinations(people, 2)):
                undated.setdefault(e["cluster"], []).append(e)
        for told in undated.values():
            e = told[0]
            out.append({"kind": "undated_event", "events": [x["id"] for x in told],
                        "question": f"When did this {e['type']} happen? \u201c{self._around(e)}\u201d"
                                    + (f" (told {len(told)} times, never dated)" if len(told) > 1 else "")})
        for x in contradictions:
            if x["kind"] in {"date", "number"}:
                out.append({"kind": f"{x['kind']}_conflict", "events": x["events"], "claims": x["claims"],
                            "question": x["explanation"] + " Which is right?"})
        return out

    def _around(self, e: dict, width: int = 160) -> str:
        """The words of an event's sentence around its trigger, about `width` characters, with "..."
        where the sentence goes on: a long sentence's event is not cut off before it is named."""
        sentence = e["text"]
        full = self._texts[e["doc"]]
        at = full.find(sentence, max(0, e["start"] - len(sentence)), e["start"] + len(sentence))
        if at < 0 or len(sentence.strip()) <= width:
            return sentence.strip()[:width]
        lo = max(0, e["start"] - at - width // 3)
        hi = min(len(sentence), lo + width)
        lo = max(0, min(lo, hi - width))
        if lo > 0:
            space = sentence.find(" ", lo)
            lo = space + 1 if 0 <= space < e["start"] - at else lo
        if hi < len(sentence):
            space = sentence.rfind(" ", lo, hi)
            hi = space if space > e["end"] - at else hi
        return ("\u2026" if sentence[:lo].strip() else "") + sentence[lo:hi].strip() + \
            ("\u2026" if sentence[hi:].strip() else "")

    @_rows
    def timeline(self, entity: str | None = None) -> list[dict]:
        """Dated events in time order; with `entity`, only those it takes part in. An event whose
        time keeps no figure at all ("now", "last year" in an undated article) cannot be placed
        and is left out (events() keeps it)."""
        events = [e for e in self.events() if e["when"] and any(ch.isdigit() for ch in e["when"])]
        if entity:
            wanted = {e["id"] for e in self.entities()
                      if entity.casefold() in {a.casefold() for a in e["aliases"]}}
            events = [e for e in events if wanted & set(e["participants"])]
        for e in events:
            e["precision"] = precision(e["when"])
            if e["when_mod"]:
                e["precision"] = f"{e['when_mod'].lower()} {e['precision']}"  # "before day"
        return sorted(events, key=lambda e: (e["when"], e["doc"], e["start"]))

    def export(self) -> dict:
        return {"schema": SCHEMA, "documents": self.documents(), "entities": self.entities(),
                "events": self.events(), "claims": self.claims(), "contradictions": self.contradictions(),
                "claim_clusters": self.clusters(), "decisions": self.decisions()}

    def to_pandas(self) -> dict:
        """{documents, entities, events, claims, contradictions, clusters: pandas.DataFrame} for a
        notebook; needs pandas (`pip install 'storyline[notebook]'`). Columns: export/tables.py."""
        from storyline.export.tables import to_pandas
        return to_pandas(self)

    # -- pages of the web UI -------------------------------------------------------
    def article(self, doc_id: str, query: str | None = None) -> dict | None:
        """A document with its text and what was found in it, as code-point spans: claims (content,
        cue, source), entity mentions, time expressions, and the hits of `query` (see search.py)."""
        from storyline.search import hit_spans
        doc = self._grouped("documents", "id").get(doc_id)
        if doc is None:
            return None
        doc = _copied(doc)
        text = self._texts[doc_id]
        marks = []
        for c in self._grouped("_claim_rows", "doc").get(doc_id, []):
            marks.append({"kind": "claim", "start": c["start"], "end": c["end"], "claim": c["id"]})
            if c["cue_end"] > c["cue_start"]:  # the article's own claims have no cue
                marks.append({"kind": "cue", "start": c["cue_start"], "end": c["cue_end"], "claim": c["id"]})
            if c["source"]["start"] is not None:
                marks.append({"kind": "source", "start": c["source"]["start"], "end": c["source"]["end"],
                              "claim": c["id"], "entity": c["source"]["entity"]})
        for m in self.store.query('SELECT m.start, m."end", m.type, em.entity_id FROM mentions m LEFT JOIN '
                                  "entity_mentions em ON em.mention_id = m.id WHERE m.article_id = ?", (doc_id,)):
            marks.append({"kind": "mention", "start": m["start"], "end": m["end"], "type": m["type"],
                          "entity": m["entity_id"]})
        for t in self.store.query('SELECT start, "end", value, mod FROM timexes WHERE article_id = ?', (doc_id,)):
            marks.append({"kind": "timex", "start": t["start"], "end": t["end"], "value": t["value"],
                          "words": words(t["value"], t["mod"], doc["published"])})
        marks += [{"kind": "hit", "start": s, "end": e} for s, e in hit_spans(text, query or "")]
        return {**doc, "text": text, "marks": sorted(marks, key=lambda m: (m["start"], -m["end"]))}

    def entity(self, entity_id: int) -> dict | None:
        """An entity with every claim it made, every claim about it (it is named inside the claim or
        takes part in the claim's event), and its changes of position (contradictions)."""
        found = self._grouped("entities", "id").get(entity_id)
        if found is None:
            moved = self.entity_redirect(entity_id)
            return None if moved is None else {**self.entity(moved), "redirected_from": entity_id}
        named: dict[str, list[int]] = {}
        for m in self.store.query('SELECT m.article_id, m.start FROM mentions m JOIN entity_mentions em '
                                  "ON em.mention_id = m.id WHERE em.entity_id = ?", (entity_id,)):
            named.setdefault(m["article_id"], []).append(m["start"])
        in_events = {e["id"] for e in self._shared("events") if entity_id in e["participants"]}
        by, about = [], []
        by_doc = self._grouped("_claim_rows", "doc")
        for c in self._shared("_claim_rows"):
            if c["source"]["entity"] == entity_id:
                by.append(c)
            elif set(c["events"]) & in_events:
                about.append(c)
        seen = {c["id"] for c in by + about}
        for doc, starts in named.items():  # named inside the claim's content
            for c in by_doc.get(doc, []):
                if c["id"] not in seen and any(c["start"] <= m < c["end"] for m in starts):
                    seen.add(c["id"])
                    about.append(c)
        order = {c["id"]: k for k, c in enumerate(self._shared("_claim_rows"))}
        about.sort(key=lambda c: order[c["id"]])
        mine = {c["id"] for c in by}
        changes = [x for x in self._shared("_contradiction_rows")
                   if x["kind"] == "position_change" and mine & set(x["claims"])]
        return _copied({**found, "claims_by": by, "claims_about": about, "position_changes": changes})

    def entity_redirect(self, entity_id: int) -> int | None:
        """The id an entity id that names no entity now leads to (it was merged into that one), or None."""
        from storyline.review.apply import follow
        live = self._grouped("entities", "id")
        if entity_id in live:
            return None
        now = follow(self._review.redirects(), entity_id)
        return now if now in live else None

    def search(self, query: str, limit: int = 50) -> dict:
        """Articles and claims holding `query` as a phrase (SQLite FTS5); see search.py."""
        from storyline.search import search
        return search(self.store, query, limit)


def _salience(row: dict, leads: bool) -> str | None:
    """Why an event of the timeline matters, or None: told by two or more articles; an event of a
    named kind (a meeting, a payment, a vote ...) or a happening (TimeML class OCCURRENCE, not a
    saying, a wish or a state) with a named participant; an act (not a saying) between two named
    participants; or the news an article leads with (`leads`: its first sentence that holds an
    event)."""
    if len(row["articles"]) >= 2:
        return f"told by {len(row['articles'])} articles"
    if row["participants"] and row["type"] not in TELLING_KINDS:
        return f"a {row['type']} with named participants"
    if row["participants"] and row["class"] == "OCCURRENCE":
        return "a happening with named participants"
    if len(row["participants"]) >= 2 and row["class"] != "REPORTING":
        return "an act between named participants"
    if leads:
        return "the news an article leads with"
    return None
