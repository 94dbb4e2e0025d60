// Storyline's local web UI. Every page is fed by the /api/ endpoints, which call the same
// Story functions as the CLI. Article text and everything derived from it is hostile input:
// it only ever becomes text nodes (textContent / createTextNode), never HTML, and highlights
// are made by splitting the text at the stored offsets. Offsets count Unicode code points
// (Python's str), so text is sliced as an array of code points, not UTF-16 units.
"use strict";

(function () {
  const view = () => document.getElementById("view");
  const controls = () => document.getElementById("controls");

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (key === "data") Object.assign(node.dataset, value);
      else node.setAttribute(key, String(value)); // attribute names are this file's, never data's
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
    return node;
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  async function api(path, params) {
    const query = params ? "?" + new URLSearchParams(params).toString() : "";
    const response = await fetch("/api/" + path + query, { credentials: "same-origin" });
    if (!response.ok) throw new Error(path + ": HTTP " + response.status);
    return response.json();
  }

  function status(text) {
    document.getElementById("status").textContent = text || "";
  }

  const byId = (rows) => new Map(rows.map((r) => [r.id, r]));
  const docLabel = (d) => (d ? (d.outlet || d.name) + (d.published_words ? ", " + d.published_words : "") : "?");
  // the kind of event, or its own word when no kind fits ("briefed" reads better than "other")
  const kindLabel = (e) => (e.type === "other" && e.trigger ? "\u201c" + e.trigger.toLowerCase() + "\u201d" : e.type);
  const clip = (s, n) => (s.length > n ? s.slice(0, n - 1) + "\u2026" : s);

  // -- the article panel: a document's text with spans marked at exact characters ----------

  function highlighted(text, spans) {
    const points = Array.from(text);
    const marks = spans
      .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end)
      .sort((a, b) => a.start - b.start);
    const out = [];
    let at = 0;
    for (const span of marks) {
      const start = Math.max(span.start, at);
      if (start >= span.end) continue; // overlaps the previous mark: keep the earlier one whole
      out.push(document.createTextNode(points.slice(at, start).join("")));
      out.push(el("mark", { class: span.kind, data: { start: start, end: span.end } },
        points.slice(start, span.end).join("")));
      at = span.end;
    }
    out.push(document.createTextNode(points.slice(at).join("")));
    return out;
  }

  async function showArticle(panel, docId, spans, heading) {
    panel.replaceChildren(el("p", { class: "muted", text: "Loading the article\u2026" }));
    const doc = await api("document", { id: docId });
    const url = safeUrl(doc.url);
    panel.replaceChildren(
      el("h2", { text: heading || "In the article" }),
      el("p", { class: "doc-meta" },
        el("strong", { text: doc.title || doc.name }), " \u2014 ", docLabel(doc), " \u2014 ",
        el("a", { href: "/articles/" + doc.id, class: "article-link", text: "article page" }),
        url ? [" \u2014 ", el("a", { href: url, rel: "noopener noreferrer", text: "original" })] : null,
        el("span", { class: "muted", text: " (article " + doc.id + ")" })),
      el("div", { class: "article-text", id: "article-text", data: { doc: doc.id } },
        highlighted(doc.text || "", spans)));
    const first = panel.querySelector("mark");
    if (first) first.scrollIntoView({ block: "center" });
  }

  // -- JSON twins and marked text -------------------------------------------------------------

  async function twin(path, params) {
    const wanted = params ? Object.fromEntries(Object.entries(params).filter(([, v]) => v)) : {};
    const query = Object.keys(wanted).length ? "?" + new URLSearchParams(wanted).toString() : "";
    const response = await fetch(path + ".json" + query, { credentials: "same-origin" });
    if (!response.ok) throw new Error(path + ": HTTP " + response.status);
    return response.json();
  }

  const pageId = () => decodeURIComponent(location.pathname.replace(/\.html$/, "").split("/")[2] || "");
  const entityLink = (id, label) => el("a", { href: "/entities/" + id, class: "entity-link", text: label });
  const articleLink = (doc, label, q) => el("a", { href: "/articles/" + doc.id + (q ? "?q=" + encodeURIComponent(q) : ""),
    class: "article-link", text: label || doc.title || doc.name || doc.id });

  // Marks are drawn in layers: an outer one (evidence, claim content, cue, source), then search
  // hits, then entity mentions and time expressions inside them. Within a layer, a mark that
  // overlaps an earlier one is left out; a mark crossing an outer mark's edge is split there.
  const LAYERS = [["evidence", "claim", "cue", "source"], ["hit"], ["mention", "timex"]];
  const PRIORITY = { evidence: 0, source: 1, cue: 2, claim: 3 };

  function markNode(mark, children) {
    if (mark.kind === "mention" && Number.isInteger(mark.entity)) {
      return el("a", { href: "/entities/" + mark.entity, class: "mark mention", data: { entity: mark.entity } }, children);
    }
    return el("mark", { class: mark.kind, title: mark.words || (mark.claim ? "claim " + mark.claim : null),
      data: { start: mark.start, end: mark.end, claim: mark.claim } }, children);
  }

  function layered(points, from, to, layers) {
    if (!layers.length) return [document.createTextNode(points.slice(from, to).join(""))];
    const [layer, ...rest] = layers;
    const out = [];
    let at = from;
    for (const mark of layer) {
      const start = Math.max(mark.start, at), end = Math.min(mark.end, to);
      if (start >= end) continue;
      if (start > at) out.push(...layered(points, at, start, rest));
      out.push(markNode(mark, layered(points, start, end, rest)));
      at = end;
    }
    if (at < to) out.push(...layered(points, at, to, rest));
    return out;
  }

  function markedText(text, marks) {
    const points = Array.from(text || "");
    const layers = LAYERS.map((kinds) => marks
      .filter((m) => kinds.includes(m.kind) && Number.isInteger(m.start) && Number.isInteger(m.end) && m.start < m.end)
      .sort((a, b) => a.start - b.start || b.end - a.end || (PRIORITY[a.kind] || 0) - (PRIORITY[b.kind] || 0)));
    return el("div", { class: "article-text", id: "article-text" }, layered(points, 0, points.length, layers));
  }

  function legend(kinds) {
    const words = { evidence: "the evidence", claim: "what is claimed", cue: "the verb of saying", source: "who says it",
      mention: "an actor (links to the actor)", timex: "a time expression", hit: "your search" };
    return el("p", { class: "legend" }, kinds.map((k) => [el("mark", { class: k, text: words[k] }), " "]));
  }

  function articleHeader(doc) {
    const url = safeUrl(doc.url);
    return el("p", { class: "doc-meta" }, articleLink(doc, doc.title || doc.name), " \u2014 ", docLabel(doc),
      url ? [" \u2014 ", el("a", { href: url, rel: "noopener noreferrer", text: "original" })] : null);
  }

  // -- overview and search ----------------------------------------------------------------

  function searchForm(value) {
    const input = el("input", { type: "search", id: "search-input", name: "q", value: value || "", maxlength: 200,
      placeholder: "a word or a phrase from the articles", "aria-label": "Search articles and claims" });
    return el("form", { id: "search-form", class: "search", role: "search",
      onsubmit: (event) => {
        event.preventDefault(); // the CSP allows no form submission; the URL is built here instead
        if (input.value.trim()) location.assign("/search?q=" + encodeURIComponent(input.value.trim()));
      } }, input, " ", el("button", { type: "submit", text: "Search" }));
  }

  async function overview() {
    controls().append(searchForm(""));
    const figures = el("ul", { class: "figures" }), articles = el("div", { id: "articles" }), actors = el("div", { id: "actors" });
    view().append(figures, el("h2", { text: "Articles" }), articles, el("h2", { text: "Actors" }), actors);
    async function load() {
      status("Loading\u2026");
      const data = await twin("/index", queryNow());
      figures.replaceChildren(...Object.entries(data.figures).map(([k, v]) =>
        el("li", {}, el("b", { text: v.toLocaleString("en") }), " " + k)));
      articles.replaceChildren(facetBar(data.listing, load),
        table(["published", "outlet", "title"], data.documents.map((d) => [
          d.published_words ? d.published_words + (d.published_from === "inferred" ? " (inferred)" : "") : "undated",
          d.outlet || "", el("span", {}, articleLink(d), copiesOf(d.copies))])),
        pager(data.listing, load, "articles, copies folded in"));
      actors.replaceChildren(
        table(["name", "type", "mentions", "also written as"], data.entities.map((e) => [
          entityLink(e.id, e.name), e.type, String(e.mentions), e.aliases.filter((a) => a !== e.name).join(", ")])),
        data.entities_total > data.entities.length
          ? el("p", { class: "muted", text: "The " + data.entities.length + " most mentioned of " + data.entities_total + " actors." }) : null);
      status("");
    }
    window.addEventListener("popstate", () => load());
    await load();
  }

  async function searchView() {
    const q = new URLSearchParams(location.search).get("q") || "";
    controls().append(searchForm(q));
    if (!q) return status("Type a word or a phrase.");
    const found = await twin("/search", { q: q });
    view().append(
      el("h2", { text: "Articles (" + found.articles.length + ")" }),
      el("ol", { id: "search-articles", class: "cards" }, found.articles.map((a) => el("li", { class: "card" },
        articleLink(a, null, q), el("span", { class: "muted", text: " \u2014 " + docLabel(a) }),
        el("p", { class: "snippet" }, "\u2026" + a.snippet.before, el("mark", { class: "hit", text: a.snippet.hit }),
          a.snippet.after + "\u2026")))),
      el("h2", { text: "Claims (" + found.claims.length + ")" }),
      el("ol", { id: "search-claims", class: "cards" }, found.claims.map((c) => el("li", { class: "card" },
        el("a", { href: "/claims/" + c.id, text: "claim " + c.id }), " ", el("q", { text: clip(c.text, 200) })))));
    status(found.articles.length || found.claims.length ? "" : "Nothing holds \u201c" + q + "\u201d.");
  }

  // -- article, claim, entity, contradiction pages ------------------------------------------

  async function articleView() {
    const q = new URLSearchParams(location.search).get("q") || "";
    const doc = await twin("/articles/" + pageId(), { q: q });
    document.getElementById("heading").textContent = doc.title || doc.name;
    const claims = doc.marks.filter((m) => m.kind === "claim");
    view().append(articleHeader(doc), legend(["claim", "cue", "source", "mention", "timex"].concat(q ? ["hit"] : [])),
      el("div", { class: "split" }, el("section", { class: "article" }, markedText(doc.text, doc.marks)),
        el("aside", { class: "article" }, el("h2", { text: "Claims in this article (" + claims.length + ")" }),
          el("ol", { id: "article-claims" }, claims.map((m) => el("li", {},
            el("a", { href: "/claims/" + m.claim, text: clip(Array.from(doc.text).slice(m.start, m.end).join(""), 120) })))))));
    const first = document.querySelector("#article-text mark.hit");
    if (first) first.scrollIntoView({ block: "center" });
    status(q ? document.querySelectorAll("#article-text mark.hit").length + " places hold \u201c" + q + "\u201d" : "");
  }

  async function claimView() {
    const data = await twin("/claims/" + pageId());
    const c = data.claim, doc = data.article;
    document.getElementById("heading").textContent = "Claim " + c.id;
    // Only this claim's parts in the outer layer, so a longer claim around it cannot hide it.
    const marks = doc.marks.filter((m) => !LAYERS[0].includes(m.kind) || m.claim === c.id)
      .concat([{ kind: "evidence", start: c.start, end: c.end }]);
    view().append(
      el("p", { class: "claim-line" }, el("span", { class: "src", text: c.source.text || "the article" }), " ",
        el("span", { class: "cue", text: c.cue }), " ", el("q", { text: c.text }),
        el("span", { class: "muted", id: "claim-facts", text: " \u2014 " + c.polarity + ", " + c.certainty + "; source: "
          + (c.source.anonymous ? "anonymous" : c.source.kind) }), " ", reviewBadge(c.review)),
      reviewPanel("claim", c.id, c.review, { more: claimEditor(c) }),
      Number.isInteger(c.source.entity) ? el("p", {}, "Source: ", entityLink(c.source.entity, c.source.text || "actor")) : null,
      data.cluster ? el("p", { id: "corroboration" }, data.cluster.corroborated
        ? "Corroborated by " + data.cluster.independent_sources + " independent sources: " + data.cluster.sources.join("; ")
        : "Not corroborated: " + (data.cluster.independent_sources || 0) + " independent source(s)",
        " ", reviewBadge(data.cluster.review)) : null,
      data.cluster && (data.cluster.corroborated || stateOf(data.cluster.review) !== "machine")
        ? reviewPanel("corroboration", data.cluster.id, data.cluster.review,
          { id: "review-corroboration", title: "Review of the corroboration" }) : null,
      data.contradictions.length ? el("ul", { id: "claim-contradictions" }, data.contradictions.map((x) => el("li", {},
        el("span", { class: "badge bad", text: x.kind.replace(/_/g, " ") }), " ", reviewBadge(x.review), " ",
        el("a", { href: "/contradictions/" + x.id, text: x.explanation }),
        el("span", { class: "muted", text: " \u2014 " + decided(x) })))) : null,
      articleHeader(doc), legend(["evidence", "cue", "source", "mention", "timex"]),
      el("section", { class: "article" }, markedText(doc.text, marks)));
    const mark = document.querySelector("#article-text mark.evidence");
    if (mark) mark.scrollIntoView({ block: "center" });
    status("");
  }

  // Which rule or model decided a judgment, and how sure it is: a reader checks it against the evidence.
  function decided(x) {
    return "decided by " + x.decided_by + (typeof x.score === "number" ? ", score " + x.score.toFixed(2) : "");
  }

  // -- review: a reader's decisions over the machine's judgments ------------------------------
  // Each button POSTs to /api/review with this server's token (a <meta> of the page) and reloads
  // the page, which then shows the state stored. The words typed go back as JSON, never as HTML.

  const REVIEW_WORDS = { machine: "not reviewed", accepted: "accepted", rejected: "rejected", edited: "edited" };
  const ENTITY_TYPES = ["PERSON", "ORG", "OUTLET", "GPE", "LOC", "FAC", "NORP", "GROUP"];
  const stateOf = (review) => (review && review.state) || "machine";

  function reviewLine(review) {
    const state = stateOf(review);
    if (state === "machine" && !(review && review.note)) return "the machine's judgment; no one has reviewed it";
    return REVIEW_WORDS[state] + (review.by ? " by " + review.by : "") + (review.at ? ", " + review.at : "")
      + (review.note ? ": \u201c" + review.note + "\u201d" : "");
  }

  function reviewBadge(review) {
    const state = stateOf(review);
    if (state === "machine") return null;
    return el("span", { class: "badge review " + state, title: reviewLine(review), data: { review: state },
      text: REVIEW_WORDS[state] });
  }

  async function decide(body) {
    const token = document.querySelector('meta[name="storyline-token"]').content;
    const response = await fetch("/api/review", { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Storyline-Token": token }, body: JSON.stringify(body) });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error || "HTTP " + response.status);
    return answer;
  }

  // The review panel of one thing: its state, accept / reject / back to the machine (when
  // `verdicts`), a note, and whatever `more(act)` adds (edit, retype, rename, star).
  function reviewPanel(target, id, review, options) {
    const opts = options || {};
    const note = el("input", { type: "text", class: "review-note", maxlength: 2000, size: 40,
      placeholder: "why (kept with the decision)", "aria-label": "Why" });
    const said = el("span", { class: "review-said muted", role: "status" });
    const act = async (body) => {
      said.textContent = "Saving\u2026";
      try {
        await decide(Object.assign({ target: target, id: String(id), note: note.value.trim() || null }, body));
        location.reload();
      } catch (err) {
        said.textContent = "Not saved: " + err.message;
      }
    };
    const button = (action, label, body) => el("button", { type: "button", class: "review-" + action,
      data: { action: action }, text: label, onclick: () => act(Object.assign({ action: action }, body || {})) });
    const state = stateOf(review);
    return el("section", { class: "review " + state, id: opts.id || "review", data: { state: state } },
      el("p", {}, el("strong", { text: opts.title || "Review" }), ": ",
        el("span", { class: "review-state", data: { state: state }, text: reviewLine(review) })),
      el("p", { class: "review-actions" },
        opts.verdicts === false ? null : [button("accept", "Accept"), " ", button("reject", "Reject"), " "],
        state !== "machine" && opts.reopen !== false ? [button("reopen", "Back to the machine's judgment"), " "] : null,
        note, " ", button("note", "Add note", { value: null }), " ", said),
      opts.more ? opts.more(act) : null);
  }

  function claimEditor(c) {
    return (act) => {
      const source = el("input", { type: "text", id: "edit-source", value: c.source.text || "", maxlength: 2000,
        "aria-label": "Who says it" });
      const content = el("input", { type: "text", id: "edit-content", value: c.text, maxlength: 2000, size: 60,
        "aria-label": "What is claimed" });
      const polarity = el("select", { id: "edit-polarity", "aria-label": "Polarity" },
        el("option", { value: "positive", text: "asserts it" }), el("option", { value: "negative", text: "denies it" }));
      polarity.value = c.polarity;
      const starred = c.review && c.review.starred;
      return el("details", { class: "review-edit" }, el("summary", { text: "Edit the claim, star it" }),
        el("p", {}, el("label", {}, "Source ", source), " ", el("label", {}, "says ", polarity)),
        el("p", {}, el("label", {}, "Content ", content)),
        el("p", {}, el("button", { type: "button", class: "review-edit-save", text: "Save the edit",
          onclick: () => act({ action: "edit", polarity: polarity.value !== c.polarity ? polarity.value : null,
            source: source.value.trim() !== (c.source.text || "") ? source.value.trim() : null,
            content: content.value.trim() !== c.text ? content.value.trim() : null }) }), " ",
        el("button", { type: "button", class: "review-star", text: starred ? "Unstar" : "Star",
          onclick: () => act({ action: starred ? "unstar" : "star" }) })));
    };
  }

  function entityEditor(e) {
    return (act) => {
      const type = el("select", { id: "retype-select", "aria-label": "Type" },
        ENTITY_TYPES.map((t) => el("option", { value: t, text: t })));
      type.value = ENTITY_TYPES.includes(e.type) ? e.type : "ORG";
      const name = el("input", { type: "text", id: "rename-input", value: e.name, maxlength: 200, "aria-label": "Name" });
      return el("p", { class: "review-edit" },
        el("label", {}, "Type ", type), " ", el("button", { type: "button", class: "review-retype", text: "Retype",
          onclick: () => act({ action: "retype", value: type.value }) }), " ",
        el("label", {}, "Name ", name), " ", el("button", { type: "button", class: "review-rename", text: "Rename",
          onclick: () => act({ action: "rename", value: name.value.trim() }) }));
    };
  }

  function claimRow(c) {
    return el("li", { class: "claim " + (c.polarity === "negative" ? "denying" : "asserting") },
      el("span", { class: "sign", text: c.polarity === "negative" ? "\u2212" : "+" }),
      el("span", { class: "src", text: c.source.text || "the article" }), " ", el("span", { class: "cue", text: c.cue }), " ",
      el("a", { href: "/claims/" + c.id, text: clip(c.text, 180) }),
      el("span", { class: "muted", text: c.said_on_words ? " \u2014 " + c.said_on_words : "" }), " ",
      reviewBadge(c.review), " ", el("a", { href: "/articles/" + c.doc, class: "muted", text: "[article]" }));
  }

  async function entityView() {
    const e = await twin("/entities/" + pageId());
    document.getElementById("heading").textContent = e.name;
    view().append(
      el("p", { class: "muted", id: "entity-type", text: e.type + ", " + e.mentions + " mentions" }),
      reviewPanel("entity", e.id, e.review, { verdicts: false, more: entityEditor(e) }),
      el("dl", { class: "facts" },
        el("dt", { text: "Also written as" }), el("dd", { id: "aliases", text: e.aliases.join(", ") || "\u2014" }),
        el("dt", { text: "Titles" }), el("dd", { id: "titles", text: e.titles.join(", ") || "\u2014" })),
      el("p", {}, el("a", { href: "/timeline?entity=" + encodeURIComponent(e.name), text: "Their events on the timeline" })),
      el("h2", { text: "Changes of position (" + e.position_changes.length + ")" }),
      el("ol", { id: "position-changes", class: "cards" }, e.position_changes.map((x) => el("li", { class: "card" },
        reviewBadge(x.review), " ", el("a", { href: "/contradictions/" + x.id, text: x.explanation })))),
      el("h2", { text: "Claims by " + e.name + " (" + e.claims_by_total + ")" }),
      el("ul", { id: "claims-by", class: "claims" }, e.claims_by.map(claimRow)),
      el("h2", { text: "Claims about " + e.name + " (" + e.claims_about_total + ")" }),
      el("ul", { id: "claims-about", class: "claims" }, e.claims_about.map(claimRow)));
    const pages = Math.ceil(Math.max(e.claims_by_total, e.claims_about_total) / e.per);
    if (pages > 1) {
      const reload = () => location.reload();
      view().append(pager({ page: e.page, pages: pages, total: e.claims_by_total + e.claims_about_total,
        of: e.claims_by_total + e.claims_about_total }, reload, "claims by and about " + e.name));
    }
    status("");
  }

  async function contradictionView() {
    const data = await twin("/contradictions/" + pageId());
    const x = data.contradiction;
    document.getElementById("heading").textContent = "Contradiction " + x.id + ": " + x.kind.replace(/_/g, " ");
    view().append(el("p", { id: "explanation", class: "lead", text: x.explanation }),
      el("p", { id: "decided", class: "muted", text: decided(x) + (x.found === false ? "; no longer found by the "
        + "judge, kept because it was reviewed" : "") }),
      reviewPanel("contradiction", x.id, x.review),
      el("div", { id: "sides", class: "sides" }, data.sides.map((side) => {
        const marks = [{ kind: "evidence", start: side.evidence[0], end: side.evidence[1] }];
        if (side.claim && Number.isInteger(side.claim.source.start)) {
          marks.push({ kind: "source", start: side.claim.source.start, end: side.claim.source.end });
        }
        const what = side.claim
          ? [el("span", { class: "src", text: side.claim.source.text || "the article" }), " ",
            el("span", { class: "cue", text: side.claim.cue }), " ", el("a", { href: "/claims/" + side.claim.id, text: clip(side.claim.text, 160) })]
          : [el("span", { class: "badge", text: side.event.when_words || "undated" }), " ", kindLabel(side.event)];
        const text = markedText(side.article.text, marks);
        text.removeAttribute("id");
        return el("section", { class: "side" }, el("p", { class: "muted", text: "Side " + "AB"[side.side] }),
          el("h2", {}, what), articleHeader(side.article),
          el("div", { class: "side-text" }, text));
      })));
    for (const box of document.querySelectorAll(".side-text")) {
      const mark = box.querySelector("mark.evidence");
      if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 60);
    }
    status("");
  }

  function table(headers, rows) {
    return el("table", {},
      el("thead", {}, el("tr", {}, headers.map((h) => el("th", { text: h })))),
      el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c) => el("td", {}, c))))));
  }

  // -- long lists: facets, a sort and pages (the server's browse.py), kept in the address ------

  const queryNow = () => Object.fromEntries(new URLSearchParams(location.search));

  // Set (or clear) parameters in the address; a new choice of facet or sort starts at page one.
  function setQuery(changes, pageParam) {
    const url = new URL(location.href);
    for (const [key, value] of Object.entries(changes)) {
      if (value) url.searchParams.set(key, value); else url.searchParams.delete(key);
    }
    if (!(pageParam in changes)) url.searchParams.delete(pageParam);
    history.pushState(null, "", url);
  }

  // A select for each facet (its values with their counts) and one for the sort.
  function facetBar(listing, reload, options) {
    const prefix = (options && options.prefix) || "", pageParam = prefix + "page";
    const bar = el("div", { class: "facets", data: { of: prefix || "list" } });
    for (const facet of listing.facets) {
      if (!facet.values.length && !facet.chosen) continue;
      const select = el("select", { id: "facet-" + facet.name, "aria-label": facet.label, data: { facet: facet.name } },
        el("option", { value: "", text: "any" }),
        facet.values.map((v) => el("option", { value: v.value, text: v.label + " (" + v.count + ")" })));
      select.value = facet.chosen || "";
      select.addEventListener("change", () => { setQuery({ [facet.name]: select.value }, pageParam); reload(); });
      bar.append(el("label", {}, facet.label + " ", select));
    }
    if (listing.sorts.length > 1) {
      const sort = el("select", { id: prefix + "sort", "aria-label": "Sort" },
        listing.sorts.map((o) => el("option", { value: o.value, text: o.label })));
      sort.value = listing.sort;
      sort.addEventListener("change", () => { setQuery({ [prefix + "sort"]: sort.value }, pageParam); reload(); });
      bar.append(el("label", {}, "sorted by ", sort));
    }
    return bar;
  }

  // "Page 2 of 40 (1,984 of 10,000)" with the pages before and after.
  function pager(listing, reload, what, options) {
    const pageParam = ((options && options.prefix) || "") + "page";
    const go = (page) => () => { setQuery({ [pageParam]: page > 1 ? String(page) : "" }, pageParam); reload(); };
    const count = listing.total === listing.of ? listing.total.toLocaleString("en") + " " + what
      : listing.total.toLocaleString("en") + " of " + listing.of.toLocaleString("en") + " " + what;
    return el("p", { class: "pager", data: { page: listing.page, pages: listing.pages } },
      el("button", { type: "button", class: "link prev", disabled: listing.page <= 1, onclick: go(listing.page - 1),
        text: "← previous" }), " ",
      el("span", { class: "page-of", text: "page " + listing.page + " of " + listing.pages + " (" + count + ")" }), " ",
      el("button", { type: "button", class: "link next", disabled: listing.page >= listing.pages,
        onclick: go(listing.page + 1), text: "next →" }));
  }

  // An article's copies (wire copies, syndication, revisions) folded under it.
  function copiesOf(copies) {
    if (!copies || !copies.length) return null;
    return el("details", { class: "copies" },
      el("summary", { text: copies.length + (copies.length === 1 ? " copy" : " copies") }),
      el("ul", {}, copies.map((c) => el("li", {}, articleLink(c, (c.outlet || "?") + (c.published_words ? ", " + c.published_words : ""))))));
  }

  // -- timeline ---------------------------------------------------------------------------

  // [first day, day after the last] of a TIMEX3 value, in days since 1970; null when not a date.
  function extent(when) {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(when || "");
    if (!m) return null;
    const y = Number(m[1]), mo = m[2] ? Number(m[2]) - 1 : 0, d = m[3] ? Number(m[3]) : 1;
    const start = Date.UTC(y, mo, d) / 864e5;
    const end = m[3] ? start + 1 : m[2] ? Date.UTC(y, mo + 1, 1) / 864e5 : Date.UTC(y + 1, 0, 1) / 864e5;
    return [start, end];
  }

  function scale(rows, range) {
    const width = 220, height = 14, span = Math.max(range[1] - range[0], 1);
    const picture = svg("svg", { class: "scale", viewBox: "0 0 " + width + " " + height, width: width, height: height,
      "aria-hidden": "true" });
    picture.append(svg("line", { x1: 0, y1: height / 2, x2: width, y2: height / 2, class: "axis" }));
    for (const row of rows) {
      const [a, b] = extent(row.when);
      const x = ((a - range[0]) / span) * width, w = Math.max(((b - a) / span) * width, 3);
      picture.append(svg("rect", { x: x, y: 2, width: w, height: height - 4, rx: 2,
        class: "span " + row.precision.split(" ").pop() + (row.conflicts_with.length ? " conflict" : "") }));
    }
    return picture;
  }

  // The time axis, drawn with vis-timeline when the page loaded it (static/vendor/, built by
  // scripts/build_web_vendor.py): each row at its real precision, a day as a point and a month,
  // week, season or range as a span from its first day to the day after its last (the row's
  // `span`), one lane per kind of event. Every text is a DOM node made here with textContent
  // (the template options): vis-timeline would read a string as HTML.
  function timeAxis(box, show) {
    const groups = new vis.DataSet(), items = new vis.DataSet();
    let rows = [];
    const tl = new vis.Timeline(box, items, groups, {
      template: (item) => el("span", { class: "item-words", text: item.words }),
      groupTemplate: (group) => el("span", { class: "lane", text: group ? group.words : "" }),
      dataAttributes: ["event", "when", "precision"], orientation: "top", stack: true, zoomKey: "ctrlKey",
      zoomMin: 2 * 864e5, zoomMax: 30 * 365 * 864e5, maxHeight: 460, verticalScroll: true, showTooltips: false,
      groupOrder: "order", margin: { item: { horizontal: 6, vertical: 4 }, axis: 6 },
    });
    tl.on("select", (props) => { if (rows[props.items[0]]) show(rows[props.items[0]]); });
    drawn.timeline = tl;
    return (drawn.axis = {
      draw(data, words) {
        rows = data;
        const placed = rows.map((r, i) => [r, i]).filter(([r]) => r.span);
        const lanes = [...new Set(placed.map(([r]) => r.type))];
        items.clear();
        groups.clear();
        groups.add(lanes.map((type, i) => ({ id: type, order: i, words: type === "other" ? "other happenings" : type })));
        items.add(placed.map(([r, i]) => ({ id: i, group: r.type, start: r.span.start, end: r.span.end || undefined,
          type: r.span.end ? "range" : "point", words: words(r), event: r.event, when: r.when, precision: r.precision,
          className: (r.span.end ? "span" : "day") + (r.conflicts_with.length ? " conflict" : "")
            + (r.inferred ? " inferred" : "") })));
        tl.fit({ animation: false });
        return placed.length;
      },
      zoom(factor) {
        if (factor > 1) tl.zoomIn(1 - 1 / factor, { animation: false }); else tl.zoomOut(1 - factor, { animation: false });
      },
      fit() { tl.fit({ animation: false }); },
    });
  }

  async function timeline() {
    const params = new URLSearchParams(location.search);
    const asked = () => ({ entity: select.value, outlet: outlet.value, all: every.checked ? "1" : "",
      page: new URLSearchParams(location.search).get("page") || "" });
    // the first answer also brings every actor and outlet to choose from; later ones the page's articles
    let data = await twin("/timeline", { entity: params.get("entity") || "", outlet: params.get("outlet") || "",
      all: params.get("all") === "1" ? "1" : "", page: params.get("page") || "" });
    const entities = data.actors;
    const names = byId(entities);
    let documents = new Map(Object.entries(data.documents));
    const select = el("select", { id: "entity-filter", "aria-label": "Only events of" },
      el("option", { value: "", text: "All actors" }),
      entities.map((e) => el("option", { value: e.name, text: e.name + " (" + e.type + ")" })));
    const outlets = data.outlets;
    const outlet = el("select", { id: "outlet-filter", "aria-label": "Only events reported by" },
      el("option", { value: "", text: "All outlets" }), outlets.map((o) => el("option", { value: o, text: o })));
    const every = el("input", { type: "checkbox", id: "all-events" });
    select.value = params.get("entity") || "";
    outlet.value = params.get("outlet") || "";
    every.checked = params.get("all") === "1";
    controls().append(el("label", {}, "Only events of ", select), el("label", {}, "reported by ", outlet),
      el("label", { title: "By default: events told by two or more articles, with named participants, or an article's lead" },
        every, " every event"));
    const list = el("ol", { id: "timeline-list", class: "timeline" });
    const undatedList = el("ol", { id: "undated-list", class: "timeline" });
    const panel = el("aside", { id: "article", class: "article" },
      el("p", { class: "muted", text: "Choose \u201cshow in article\u201d to read an event in its article." }));
    const axisBox = window.vis && window.vis.Timeline ? el("div", { id: "timeline-axis" }) : null;
    view().append(axisBox ? el("div", { class: "axis-picture" }, zoomBar("Drag to move; Ctrl and the wheel zoom; select an "
      + "event to read it.", [["Zoom in", "zoom-in", () => axis.zoom(2)], ["Zoom out", "zoom-out", () => axis.zoom(0.5)],
      ["Fit", "zoom-fit", () => axis.fit()]]), axisBox) : vendorMissing("time axis (zoom, spans at their precision)"),
    el("div", { class: "split" }, el("div", {}, list, el("h2", { text: "Undated events" }), undatedList), panel));
    const axis = axisBox ? timeAxis(axisBox, describe) : null; // made in the page, where it can measure itself

    const who = (ids) => ids.map((p) => (names.get(p) ? entityLink(p, names.get(p).name) : "?"))
      .flatMap((a, i) => (i ? [", ", a] : [a]));
    // An event on the axis in a few words: who took part (its lane says what kind), or, for a
    // happening of no kind, its own word and who.
    function axisWords(row) {
      const people = row.participants.map((p) => names.get(p)).filter(Boolean).map((e) => e.name);
      const few = people.slice(0, 2).join(", ") + (people.length > 2 ? " +" + (people.length - 2) : "");
      if (row.type === "other") return kindLabel(row) + (few ? ": " + few : "");
      return few || clip(row.evidence, 50);
    }

    // An event selected on the axis: its date, who, its sentence, and the headlines that tell it.
    function describe(row) {
      for (const li of list.querySelectorAll("li.event")) {
        li.classList.toggle("selected", li.dataset.event === String(row.event)
          && [...li.querySelectorAll(".date")].some((d) => d.dataset.when === row.when));
      }
      panel.replaceChildren(
        el("h2", {}, kindLabel(row) + " \u2014 ", el("time", { text: row.when_words })),
        el("p", {}, el("span", { class: "badge precision", text: row.precision }),
          row.inferred ? [" ", el("span", { class: "badge inferred", title: row.how, text: "inferred" })] : null,
          row.conflicts_with.length ? [" ", el("span", { class: "badge bad",
            text: "also dated " + row.conflicts_with_words.join("; ") })] : null),
        el("p", { class: "who" }, who(row.participants)),
        el("blockquote", { class: "evidence", text: row.evidence }),
        el("h3", { text: "Told by" }),
        el("ul", { id: "told-by", class: "told-by" }, row.articles.map((d) => el("li", {},
          el("strong", { class: "headline", text: documents.get(d) ? documents.get(d).title || documents.get(d).name : d }),
          el("span", { class: "muted", text: " \u2014 " + docLabel(documents.get(d)) })))),
        el("button", { type: "button", class: "link", text: "show in article",
          onclick: () => showArticle(panel, row.doc, [{ start: row.start, end: row.end, kind: "event" }],
            kindLabel(row) + " (" + row.when_words + ")") }));
    }

    function dateColumn(row) {
      return el("div", { class: "date" + (row.inferred ? " inferred" : ""), data: { when: row.when } },
        el("time", { text: row.when_words }), " ", el("span", { class: "badge precision", text: row.precision }),
        row.inferred ? [" ", el("span", { class: "badge inferred", title: row.how, text: "inferred" })] : null,
        el("div", { class: "source" }, row.articles.map((d) => docLabel(documents.get(d))).join("; ")));
    }

    function eventItem(group, range) {
      const row = group[0];
      return el("li", { class: "event" + (group.length > 1 ? " conflict" : ""), data: { event: row.event, when: row.when } },
        el("div", { class: "when" }, el("div", { class: "dates" }, group.map(dateColumn)), scale(group, range)),
        group.length > 1 ? el("p", { class: "badge bad", text: "dated " + group.length + " ways" }) : null,
        el("div", {}, el("span", { class: "badge type", text: kindLabel(row) }), " ",
          row.told_as ? el("span", { class: "badge told", text: row.told_as }) : null, row.told_as ? " " : null,
          el("span", { class: "who" }, who(row.participants))),
        el("blockquote", { class: "evidence", text: row.evidence }),
        el("div", { class: "source" }, row.when_text ? "as written: \u201c" + row.when_text + "\u201d \u2014 " : "",
          el("button", { type: "button", class: "link", text: "show in article",
            onclick: () => showArticle(panel, row.doc, [{ start: row.start, end: row.end, kind: "event" }],
              kindLabel(row) + " (" + row.when_words + ")") })));
    }

    const pages = el("div", { id: "timeline-pages" });
    list.before(pages);

    async function load(ready) {
      status("Loading\u2026");
      data = ready || await twin("/timeline", asked());
      documents = new Map(Object.entries(data.documents));
      pages.replaceChildren(data.listing.pages > 1 ? pager(data.listing, () => load(), "dated events") : "");
      const ranges = data.rows.map((r) => extent(r.when)).filter(Boolean);
      const range = [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))];
      const shown = new Set(), items = [];
      for (const row of data.rows) {
        if (shown.has(row)) continue;
        // An event dated several ways is drawn once, its dates side by side.
        const group = row.conflicts_with.length
          ? data.rows.filter((r) => r.event === row.event && r.conflicts_with.length) : [row];
        group.forEach((r) => shown.add(r));
        items.push(eventItem(group, range));
      }
      list.replaceChildren(...items);
      const placed = axis ? axis.draw(data.rows, axisWords) : null;
      undatedList.replaceChildren(...data.undated.map((ev) => el("li", { class: "event undated", data: { id: ev.id } },
        el("span", { class: "badge", text: "undated" }), " ", el("span", { class: "badge type", text: kindLabel(ev) }), " ",
        el("span", { class: "who" }, who(ev.participants)),
        el("blockquote", { class: "evidence", text: ev.text.trim() }),
        el("div", { class: "source" }, docLabel(documents.get(ev.doc))))));
      status(data.listing.total + " dated events" + (select.value ? " of " + select.value : "")
        + (outlet.value ? " reported by " + outlet.value : "") + ", " + data.undated.length + " undated"
        + (placed !== null && placed < data.rows.length ? "; " + (data.rows.length - placed) + " without a year are "
          + "listed but not on the axis" : "")
        + (data.hidden ? "; " + data.hidden + " more that matter less (tick \u201cevery event\u201d)" : ""));
    }
    for (const box of [select, outlet, every]) {
      box.addEventListener("change", () => {
        const url = new URL(location.href);
        for (const [key, input] of [["entity", select], ["outlet", outlet]]) {
          if (input.value) url.searchParams.set(key, input.value); else url.searchParams.delete(key);
        }
        if (every.checked) url.searchParams.set("all", "1"); else url.searchParams.delete("all");
        url.searchParams.delete("page");
        history.replaceState(null, "", url);
        load().catch((err) => status("Could not load the timeline: " + err.message));
      });
    }
    await load(data);
  }

  // -- claims -----------------------------------------------------------------------------

  function sourceLabel(source, names) {
    const who = source.entity !== null && !source.anonymous && names.get(source.entity)
      ? names.get(source.entity).name : source.text || "the article";
    return who + (source.anonymous ? " [anonymous" + (source.count ? ", " + source.count : "") + "]" : "");
  }

  async function claimsView() {
    const box = el("div", { id: "cluster-list", class: "clusters" });
    const panel = el("aside", { id: "article", class: "article" },
      el("p", { class: "muted", text: "Select a claim to read it in its article." }));
    view().append(el("div", { class: "split" }, box, panel));
    let claimById = new Map(), documents = new Map(), names = new Map();

    function claimItem(item, side) {
      const c = claimById.get(item.claim);
      if (!c) return null;
      const copies = item.copies.map((d) => documents.get(d)).filter(Boolean);
      return el("li", { class: "claim " + side },
        el("button", { type: "button", class: "claim-button", id: "claim-" + c.id, data: { claim: c.id },
          onclick: () => openClaim(c) },
          el("span", { class: "sign", text: c.polarity === "negative" ? "\u2212" : "+" }),
          el("span", { class: "src", text: sourceLabel(c.source, names) }), " ",
          el("span", { class: "cue", text: c.cue }), " ",
          el("q", { text: clip(c.text, 160) }), " ",
          el("span", { class: "muted", text: "\u2014 " + docLabel(documents.get(c.doc)) }), " ", reviewBadge(c.review)),
        el("a", { href: "/claims/" + c.id, class: "claim-page", text: "claim page" }),
        Number.isInteger(c.source.entity) && names.get(c.source.entity)
          ? [" \u00b7 ", entityLink(c.source.entity, names.get(c.source.entity).name)] : null,
        copies.length ? el("details", { class: "copies" },
          el("summary", { text: "and " + copies.length + (copies.length === 1 ? " copy" : " copies") }),
          el("ul", {}, copies.map((d) => el("li", {}, articleLink(d, docLabel(d)))))) : null);
    }

    function openClaim(c) {
      for (const b of box.querySelectorAll(".claim-button.selected")) b.classList.remove("selected");
      const button = document.getElementById("claim-" + c.id);
      if (button) button.classList.add("selected");
      const spans = [{ start: c.start, end: c.end, kind: "claim" }];
      if (Number.isInteger(c.source.start)) spans.push({ start: c.source.start, end: c.source.end, kind: "source" });
      history.replaceState(null, "", location.search + "#claim-" + c.id);
      return showArticle(panel, c.doc, spans, "Claim " + c.id + ": " + sourceLabel(c.source, names));
    }

    function cluster(cl) {
      return el("section", { class: "cluster", data: { cluster: cl.id } },
        el("h3", { text: cl.proposition }),
        el("p", {},
          cl.corroborated ? el("span", { class: "badge good",
            text: "corroborated by " + cl.independent_sources + " independent sources" })
            : el("span", { class: "badge", text: cl.independent_sources + " independent source(s)" }),
          cl.contradicted ? [" ", el("span", { class: "badge bad", text: "contradicted" })] : null,
          stateOf(cl.review) !== "machine" ? [" ", el("span", { class: "muted", text: "corroboration " }),
            reviewBadge(cl.review)] : null,
          cl.first ? " first reported by " + docLabel(documents.get(cl.first)) : "",
          cl.possibly_same.length ? el("span", { class: "muted",
            text: " (possibly the same people: " + cl.possibly_same.map((p) => p.join(" / ")).join("; ") + ")" }) : null),
        el("p", { class: "muted", text: "Sources: " + cl.sources.join("; ") }),
        el("ul", { class: "claims" },
          cl.folded.asserting.map((item) => claimItem(item, "asserting")),
          cl.folded.denying.map((item) => claimItem(item, "denying"))));
    }

    async function load() {
      status("Loading\u2026");
      const query = queryNow(), wanted = /^#claim-(\d+)$/.exec(location.hash);
      if (wanted && !query.page) query.claim = wanted[1]; // the page its cluster is on
      const data = await twin("/claims", query);
      claimById = byId(data.claims);
      documents = new Map(Object.entries(data.documents));
      names = new Map(Object.entries(data.names).map(([id, name]) => [Number(id), { name: name }]));
      box.replaceChildren(facetBar(data.listing, load), ...data.clusters.map(cluster), pager(data.listing, load, "claim clusters"));
      status(data.listing.total.toLocaleString("en") + " of " + data.listing.of.toLocaleString("en") + " claim clusters"
        + (data.listing.pages > 1 ? ", page " + data.listing.page + " of " + data.listing.pages : ""));
      if (wanted && claimById.get(Number(wanted[1]))) await openClaim(claimById.get(Number(wanted[1])));
    }
    window.addEventListener("popstate", () => load());
    await load();
  }

  // -- contradictions and open questions ----------------------------------------------------

  async function contradictionsView() {
    const box = el("div", { id: "contradictions" }), asked = el("div", { id: "questions" });
    view().append(box, asked);
    async function load() {
      status("Loading\u2026");
      const data = await twin("/contradictions", queryNow());
      const contradictions = data.contradictions, questions = data.questions;
      const claimById = byId(data.claims), eventById = byId(data.events);
      const documents = new Map(Object.entries(data.documents));
      const names = new Map(Object.entries(data.names).map(([id, name]) => [Number(id), { name: name }]));
      const claimLink = (id) => {
        const c = claimById.get(id);
        return c ? el("li", {}, el("a", { href: "/claims.html?claim=" + id + "#claim-" + id, text: sourceLabel(c.source, names) + ": " }),
          el("q", { text: clip(c.text, 140) }), el("span", { class: "muted", text: " \u2014 " + docLabel(documents.get(c.doc)) }))
          : null;
      };
      const eventItem = (id) => {
        const ev = eventById.get(id);
        return ev ? el("li", {}, el("span", { class: "badge", text: ev.when_words || "undated" }), " ",
          el("q", { text: clip(ev.text.trim(), 160) }), el("span", { class: "muted", text: " \u2014 " + docLabel(documents.get(ev.doc)) }))
          : null;
      };
      box.replaceChildren(
        el("h2", { text: "Contradictions (" + data.listing.total + ")" }),
        facetBar(data.listing, load),
        el("ol", { id: "contradiction-list", class: "cards", start: (data.listing.page - 1) * data.listing.per + 1 },
          contradictions.map((x) => el("li", {
            class: "card" + (stateOf(x.review) === "rejected" ? " rejected" : ""), data: { id: x.id, review: stateOf(x.review) } },
          el("span", { class: "badge bad", text: x.kind.replace("_", " ") }), " ", reviewBadge(x.review), " ",
          el("span", { text: x.explanation }),
          el("span", { class: "muted", text: " \u2014 " + decided(x) }),
          el("ul", {}, x.claims.map(claimLink), x.events.map(eventItem)),
          el("a", { href: "/contradictions/" + x.id, class: "compare", text: "Compare both sides in their articles \u2192" })))),
        data.listing.pages > 1 ? pager(data.listing, load, "contradictions") : null);
      const q = data.questions_listing;
      asked.replaceChildren(
        el("h2", { text: "Open questions (" + q.total + ")" }),
        facetBar(q, load, { prefix: "q_" }),
        el("ol", { id: "question-list", class: "cards", start: (q.page - 1) * q.per + 1 }, questions.map((x) => el("li", { class: "card" },
          el("span", { class: "badge", text: x.kind.replace(/_/g, " ") }), " ", el("span", { text: x.question }),
          el("ul", {}, (x.claims || []).map(claimLink), (x.events || []).map(eventItem))))),
        q.pages > 1 ? pager(q, load, "open questions", { prefix: "q_" }) : null);
      const rejected = contradictions.filter((x) => stateOf(x.review) === "rejected").length;
      status(data.listing.total + " contradictions" + (rejected ? " (" + rejected + " rejected in review on this page)" : "")
        + ", " + q.total + " open questions");
    }
    window.addEventListener("popstate", () => load());
    await load();
  }

  // -- network ----------------------------------------------------------------------------
  // Drawn with cytoscape.js when the page loaded it (static/vendor/, built by
  // scripts/build_web_vendor.py): a canvas to zoom and pan, laid out by cose with each label
  // counted in its node's size, so that labels keep apart. Labels are canvas text, never HTML.
  // Without the library, the plain drawing further down, and the page says how to get the other.

  const EDGE_KINDS = { co_participation: "took part in events with", claims_about: "made claims about",
    quotes: "quotes", credits: "credits" };
  const MAX_NODES = 150;
  const BUILD_STEP = "python scripts/build_web_vendor.py";
  // cytoscape adds a <style> element (position: relative for its container) unless an element
  // with this id is there; the CSP refuses inline styles, so style.css holds the rule and an
  // element of that id tells cytoscape it is there.
  const CY_STYLESHEET = "__________cytoscape_stylesheet";
  // The instances, for the browser tests and the console.
  const drawn = (window.storylineViews = {});

  function vendorMissing(what) {
    return el("p", { id: "vendor-missing", class: "note" }, "The interactive " + what + " needs the front-end "
      + "libraries that are built from npm at setup: run ", el("code", { text: BUILD_STEP }), " in the project "
      + "folder (see the README) and start storyline serve again. Below is the plain view.");
  }

  function zoomBar(hint, buttons) {
    return el("p", { class: "zoom-bar" }, buttons.map(([label, id, act]) =>
      [el("button", { type: "button", id: id, text: label, onclick: act }), " "]), el("span", { class: "muted", text: hint }));
  }

  // An evidence pointer as a reader judges it: the article's headline and the sentence, the
  // words that are the evidence marked, and a button that opens the article there.
  function evidenceItem(p, documents, panel, heading) {
    const points = Array.from(p.sentence || "");
    const a = Math.max(0, p.start - p.sentence_start), b = Math.min(points.length, p.end - p.sentence_start);
    const doc = documents.get(p.doc);
    return el("li", { class: "evidence-item" },
      el("div", { class: "headline" }, el("strong", { text: p.headline || "an article" }),
        doc ? el("span", { class: "muted", text: " \u2014 " + docLabel(doc) }) : null),
      p.sentence ? el("blockquote", { class: "evidence" }, points.slice(0, a).join(""),
        el("mark", { class: "claim", text: points.slice(a, b).join("") }), points.slice(b).join("")) : null,
      Number.isInteger(p.start) ? el("button", { type: "button", class: "link", text: "show in article",
        onclick: () => showArticle(panel, p.doc, [{ start: p.start, end: p.end, kind: "claim" }], heading) }) : null);
  }

  const edgeWords = (e, labels) => labels.get(e.source) + " " + EDGE_KINDS[e.kind] + " " + labels.get(e.target);

  function nodeDetails(panel, node, edges, labels, documents) {
    const mine = edges.filter((e) => e.source === node.id || e.target === node.id).sort((x, y) => y.weight - x.weight);
    panel.replaceChildren(
      el("h2", { text: node.label }),
      /^e\d+$/.test(node.id) ? el("p", {}, entityLink(Number(node.id.slice(1)), "Open the actor's page")) : null,
      el("p", { class: "muted", text: node.kind + ", " + node.type
        + (node.documents ? ", " + node.documents + " articles" : "") }),
      el("ul", { class: "edges" }, mine.map((e) => {
        const words = edgeWords(e, labels);
        return el("li", {}, el("span", { class: "edge-words", text: words + " \u00d7" + e.weight }),
          el("ul", { class: "evidence-list" }, e.evidence.slice(0, 3).map((p) => evidenceItem(p, documents, panel, words))),
          e.weight > 3
            ? el("p", { class: "muted", text: "and " + (e.weight - 3) + " more (select the line)" }) : null);
      })));
  }

  function edgeDetails(panel, e, labels, documents) {
    const words = edgeWords(e, labels);
    panel.replaceChildren(el("h2", { text: words }),
      el("p", { class: "muted", text: e.weight + (e.weight === 1 ? " piece" : " pieces") + " of evidence" }),
      el("ul", { class: "evidence-list" }, e.evidence.map((p) => evidenceItem(p, documents, panel, words))),
      e.evidence_more ? el("p", { class: "muted", text: "and " + e.evidence_more + " more in the export" }) : null);
  }

  async function networkView() {
    const net = await twin("/network");
    const documents = new Map(Object.entries(net.documents));
    const degree = new Map();
    for (const e of net.edges) for (const end of [e.source, e.target]) degree.set(end, (degree.get(end) || 0) + e.weight);
    const nodes = net.nodes.slice().sort((a, b) => (degree.get(b.id) || 0) - (degree.get(a.id) || 0)).slice(0, MAX_NODES);
    const kept = new Set(nodes.map((n) => n.id));
    const edges = net.edges.filter((e) => kept.has(e.source) && kept.has(e.target));
    const labels = new Map(net.nodes.map((n) => [n.id, n.label]));
    const boxes = Object.keys(EDGE_KINDS).map((kind) => el("label", { class: "edge-kind " + kind },
      el("input", { type: "checkbox", checked: "checked", value: kind }), " " + EDGE_KINDS[kind]));
    controls().append(el("span", {}, "Edges: "), ...boxes);
    const details = el("aside", { id: "node-details", class: "article" },
      el("p", { class: "muted", text: "Select a node or a line to see its connections and their evidence." }));
    const picture = { details: details, labels: labels, documents: documents };
    const draw = window.cytoscape ? cytoscapeNetwork(nodes, edges, picture) : plainNetwork(nodes, edges, degree, picture);
    const redraw = () => {
      const kinds = new Set(boxes.map((b) => b.querySelector("input")).filter((i) => i.checked).map((i) => i.value));
      const shown = draw(kinds);
      status(nodes.length + " nodes" + (net.nodes.length > nodes.length ? " (the " + MAX_NODES + " best connected of "
        + net.nodes.length + ")" : "") + ", " + shown + " edges"
        + (net.edges_total > net.edges.length ? "; the story's " + net.edges.length + " strongest ties of "
          + net.edges_total + ", between " + net.nodes.length + " of its " + net.nodes_total + " actors and outlets" : ""));
    };
    for (const b of boxes) b.querySelector("input").addEventListener("change", redraw);
    redraw();
  }

  const NETWORK_STYLE = [
    { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)",
      // labels too small to read at this zoom are left out until the reader zooms in
      label: "data(label)", "font-size": 12, "min-zoomed-font-size": 7, color: "#1d2430", "text-valign": "bottom",
      "text-margin-y": 3,
      "text-outline-color": "#ffffff", "text-outline-width": 2, "border-width": 1, "border-color": "#ffffff" } },
    { selector: "node.outlet", style: { shape: "round-rectangle" } },
    { selector: "node:selected", style: { "border-width": 3, "border-color": "#1d2430" } },
    { selector: "edge", style: { width: "data(width)", "line-color": "data(colour)", "curve-style": "bezier", opacity: 0.7 } },
    { selector: "edge.directed", style: { "target-arrow-shape": "triangle", "target-arrow-color": "data(colour)",
      "arrow-scale": 0.8 } },
    { selector: "edge.quotes", style: { "line-style": "dashed" } },
    { selector: "edge.credits", style: { "line-style": "dotted" } },
    { selector: "edge:selected", style: { opacity: 1, "line-color": "#1d2430", "target-arrow-color": "#1d2430" } },
    { selector: ".hidden", style: { display: "none" } },
  ];

  function cytoscapeNetwork(nodes, edges, picture) {
    if (!document.getElementById(CY_STYLESHEET)) document.head.append(el("meta", { id: CY_STYLESHEET }));
    const box = el("div", { id: "network-graph", class: "graph", role: "img",
      "aria-label": "Network of actors and outlets; select a node or a line for its evidence" });
    const byNode = new Map(nodes.map((n) => [n.id, n])), byEdge = new Map(edges.map((e) => [e.id, e]));
    let kinds = new Set(Object.keys(EDGE_KINDS));
    view().append(el("div", { class: "split" }, el("div", { class: "picture" }, zoomBar("Drag to pan; the wheel zooms.", [
      ["Zoom in", "zoom-in", () => zoomBy(1.4)], ["Zoom out", "zoom-out", () => zoomBy(1 / 1.4)],
      ["Fit", "zoom-fit", () => cy.fit(cy.elements(":visible"), 20)]]), box), picture.details));
    // Starting places on a circle, so the same story is laid out the same way each time.
    const radius = 40 * Math.sqrt(nodes.length + 1), angle = (i) => (2 * Math.PI * i) / nodes.length;
    const cy = cytoscape({
      container: box, style: NETWORK_STYLE, minZoom: 0.05, maxZoom: 6, boxSelectionEnabled: false,
      elements: nodes.map((n, i) => ({ group: "nodes", classes: n.kind,
        data: { id: n.id, label: n.label, colour: n.colour, size: n.size },
        position: { x: radius * Math.cos(angle(i)), y: radius * Math.sin(angle(i)) } }))
        .concat(edges.map((e) => ({ group: "edges", classes: e.kind + (e.directed ? " directed" : ""),
          data: { id: e.id, source: e.source, target: e.target, colour: e.colour,
            width: Math.min(1 + Math.log2(e.weight), 6) } }))),
    });
    cy.layout({ name: "cose", animate: false, randomize: false, nodeDimensionsIncludeLabels: true, padding: 20,
      nodeRepulsion: () => 120000, idealEdgeLength: () => 90, nodeOverlap: 40, componentSpacing: 80, gravity: 0.3,
      numIter: 2000 }).run();
    drawn.network = cy;
    const zoomBy = (factor) => cy.zoom({ level: cy.zoom() * factor,
      renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    const shownEdges = () => edges.filter((e) => kinds.has(e.kind));
    cy.on("tap", "node", (evt) => nodeDetails(picture.details, byNode.get(evt.target.id()), shownEdges(), picture.labels,
      picture.documents));
    cy.on("tap", "edge", (evt) => edgeDetails(picture.details, byEdge.get(evt.target.id()), picture.labels, picture.documents));
    return (wanted) => {
      kinds = wanted;
      cy.batch(() => cy.edges().forEach((edge) => edge.toggleClass("hidden", !kinds.has(byEdge.get(edge.id()).kind))));
      return shownEdges().length;
    };
  }

  function layout(nodes, edges, width, height) {
    // Fruchterman-Reingold from fixed starting places, so the same story draws the same way.
    const n = nodes.length;
    const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.8;
    nodes.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / Math.max(n, 1);
      node.x = width / 2 + (width / 3) * Math.cos(angle);
      node.y = height / 2 + (height / 3) * Math.sin(angle);
    });
    const index = new Map(nodes.map((node, i) => [node.id, i]));
    let temperature = width / 8;
    for (let step = 0; step < 300; step++) {
      const dx = new Float64Array(n), dy = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
          const d2 = Math.max(x * x + y * y, 0.01), force = (k * k) / d2;
          dx[i] += x * force; dy[i] += y * force; dx[j] -= x * force; dy[j] -= y * force;
        }
      }
      for (const e of edges) {
        const a = index.get(e.source), b = index.get(e.target);
        const x = nodes[a].x - nodes[b].x, y = nodes[a].y - nodes[b].y;
        const d = Math.max(Math.sqrt(x * x + y * y), 0.01), pull = (d / k) * Math.sqrt(e.weight);
        dx[a] -= x * pull; dy[a] -= y * pull; dx[b] += x * pull; dy[b] += y * pull;
      }
      for (let i = 0; i < n; i++) {
        const len = Math.max(Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]), 0.01), move = Math.min(len, temperature);
        nodes[i].x = Math.min(width - 110, Math.max(20, nodes[i].x + (dx[i] / len) * move)); // room for the label
        nodes[i].y = Math.min(height - 20, Math.max(20, nodes[i].y + (dy[i] / len) * move));
      }
      temperature *= 0.985;
    }
  }

  // The plain drawing, for when the library was not built: SVG laid out here.
  function plainNetwork(nodes, allEdges, degree, picture) {
    const width = 900, height = 620;
    const svgBox = svg("svg", { id: "network", viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "network of actors and outlets" });
    view().append(vendorMissing("network (zoom, pan)"),
      el("div", { class: "split" }, el("div", { class: "picture" }, svgBox), picture.details));
    return (kinds) => {
      const edges = allEdges.filter((e) => kinds.has(e.kind));
      layout(nodes, edges, width, height);
      const at = new Map(nodes.map((n) => [n.id, n]));
      svgBox.replaceChildren();
      for (const e of edges) {
        const a = at.get(e.source), b = at.get(e.target);
        const line = svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge " + e.kind,
          "stroke-width": Math.min(1 + Math.log2(e.weight), 6) });
        const title = svg("title");
        title.textContent = edgeWords(e, picture.labels) + " (" + e.weight + ")";
        line.append(title);
        line.addEventListener("click", () => edgeDetails(picture.details, e, picture.labels, picture.documents));
        svgBox.append(line);
      }
      for (const n of nodes) {
        const group = svg("g", { class: "node " + n.kind + " " + n.type, "data-id": n.id, tabindex: 0 });
        group.append(svg("circle", { cx: n.x, cy: n.y, r: 5 + Math.min(Math.sqrt(degree.get(n.id) || 0) * 1.5, 14) }));
        const label = svg("text", { x: n.x + 8, y: n.y - 8 });
        label.textContent = n.label;
        group.append(label);
        group.addEventListener("click", () => nodeDetails(picture.details, n, edges, picture.labels, picture.documents));
        svgBox.append(group);
      }
      return edges.length;
    };
  }

  const VIEWS = { overview: overview, timeline: timeline, claims: claimsView,
    contradictions: contradictionsView, network: networkView, search: searchView, article: articleView,
    claim: claimView, entity: entityView, contradiction: contradictionView };

  document.addEventListener("DOMContentLoaded", async () => {
    const name = document.body.dataset.view;
    const page = location.pathname.replace(/^\/|\.html$/g, "").split("/")[0] || "index";
    for (const a of document.querySelectorAll("nav a")) if (a.dataset.page === page) a.classList.add("current");
    try {
      status("Loading\u2026");
      await VIEWS[name]();
      document.body.dataset.ready = "true";
    } catch (err) {
      status("Could not load this page: " + err.message);
      document.body.dataset.ready = "error";
    }
  });
})();
