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
  const docLabel = (d) => (d ? (d.outlet || d.name) + (d.published ? ", " + d.published : "") : "?");
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
        el("strong", { text: doc.title || doc.name }), " \u2014 ", docLabel(doc),
        url ? [" \u2014 ", el("a", { href: url, rel: "noopener noreferrer", text: "original" })] : null,
        el("span", { class: "muted", text: " (article " + doc.id + ")" })),
      el("div", { class: "article-text", id: "article-text", data: { doc: doc.id } },
        highlighted(doc.text || "", spans)));
    const first = panel.querySelector("mark");
    if (first) first.scrollIntoView({ block: "center" });
  }

  // -- overview ---------------------------------------------------------------------------

  async function overview() {
    const [docs, entities, timeline, claims, clusters, contradictions] = await Promise.all([
      api("documents"), api("entities"), api("timeline"), api("claims"), api("clusters"),
      api("contradictions")]);
    const figures = [["articles", docs.length], ["actors", entities.length], ["dated events", timeline.length],
      ["claims", claims.length], ["corroborated claims", clusters.filter((c) => c.corroborated).length],
      ["contradictions", contradictions.length]];
    view().append(
      el("ul", { class: "figures" }, figures.map(([k, v]) => el("li", {}, el("b", { text: String(v) }), " " + k))),
      el("h2", { text: "Articles" }),
      table(["published", "outlet", "title"], docs.map((d) => [
        d.published ? d.published + (d.published_from === "inferred" ? " (inferred)" : "") : "undated",
        d.outlet || "", d.title || d.name])),
      el("h2", { text: "Actors" }),
      table(["name", "type", "mentions", "also written as"], entities.map((e) => [
        e.name, e.type, String(e.mentions), e.aliases.filter((a) => a !== e.name).join(", ")])));
    status("");
  }

  function table(headers, rows) {
    return el("table", {},
      el("thead", {}, el("tr", {}, headers.map((h) => el("th", { text: h })))),
      el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c) => el("td", {}, c))))));
  }

  // -- timeline ---------------------------------------------------------------------------

  async function timeline() {
    const params = new URLSearchParams(location.search);
    const [entities, docs] = await Promise.all([api("entities"), api("documents")]);
    const names = byId(entities);
    const documents = byId(docs);
    const select = el("select", { id: "entity-filter", "aria-label": "Only events of" },
      el("option", { value: "", text: "All actors" }),
      entities.map((e) => el("option", { value: e.name, text: e.name + " (" + e.type + ")" })));
    select.value = params.get("entity") || "";
    controls().append(el("label", {}, "Only events of ", select));
    const list = el("ol", { id: "timeline-list", class: "timeline" });
    const panel = el("aside", { id: "article", class: "article" },
      el("p", { class: "muted", text: "Choose \u201cshow in article\u201d to read an event in its article." }));
    view().append(el("div", { class: "split" }, list, panel));

    async function load() {
      status("Loading\u2026");
      const events = await api("timeline", select.value ? { entity: select.value } : null);
      list.replaceChildren(...events.map((ev) => el("li", { class: "event", data: { id: ev.id, when: ev.when } },
        el("div", { class: "when" },
          el("time", { text: ev.when }), " ", el("span", { class: "badge precision", text: ev.precision })),
        el("div", {},
          el("span", { class: "badge type", text: ev.type }), " ",
          el("span", { class: "who", text: ev.participants.map((p) => (names.get(p) || {}).name || "?").join(", ") })),
        el("blockquote", { class: "evidence", text: ev.text.trim() }),
        el("div", { class: "source" },
          docLabel(documents.get(ev.doc)),
          ev.when_text ? " \u2014 as written: \u201c" + ev.when_text + "\u201d" : "",
          " \u2014 ",
          el("button", { type: "button", class: "link", text: "show in article",
            onclick: () => showArticle(panel, ev.doc, [{ start: ev.start, end: ev.end, kind: "event" }],
              ev.type + " (" + ev.when + ")") })))));
      status(events.length + " dated events" + (select.value ? " of " + select.value : ""));
    }
    select.addEventListener("change", () => {
      const url = new URL(location.href);
      if (select.value) url.searchParams.set("entity", select.value); else url.searchParams.delete("entity");
      history.replaceState(null, "", url);
      load().catch((err) => status("Could not load the timeline: " + err.message));
    });
    await load();
  }

  // -- claims -----------------------------------------------------------------------------

  function sourceLabel(source, names) {
    const who = source.entity !== null && !source.anonymous && names.get(source.entity)
      ? names.get(source.entity).name : source.text || "the article";
    return who + (source.anonymous ? " [anonymous" + (source.count ? ", " + source.count : "") + "]" : "");
  }

  async function claimsView() {
    const [clusters, claims, docs, entities] = await Promise.all([
      api("clusters"), api("claims"), api("documents"), api("entities")]);
    const claimById = byId(claims);
    const documents = byId(docs);
    const names = byId(entities);
    const which = el("select", { id: "cluster-filter", "aria-label": "Which claims" },
      el("option", { value: "disputed", text: "Corroborated or contradicted" }),
      el("option", { value: "all", text: "All claims" }));
    controls().append(el("label", {}, "Show ", which));
    const list = el("div", { id: "cluster-list", class: "clusters" });
    const panel = el("aside", { id: "article", class: "article" },
      el("p", { class: "muted", text: "Select a claim to read it in its article." }));
    view().append(el("div", { class: "split" }, list, panel));

    function claimItem(id, side) {
      const c = claimById.get(id);
      if (!c) return null;
      return el("li", { class: "claim " + side },
        el("button", { type: "button", class: "claim-button", id: "claim-" + c.id, data: { claim: c.id },
          onclick: () => openClaim(c) },
          el("span", { class: "sign", text: c.polarity === "negative" ? "\u2212" : "+" }),
          el("span", { class: "src", text: sourceLabel(c.source, names) }), " ",
          el("span", { class: "cue", text: c.cue }), " ",
          el("q", { text: clip(c.text, 160) }), " ",
          el("span", { class: "muted", text: "\u2014 " + docLabel(documents.get(c.doc)) })));
    }

    function openClaim(c) {
      for (const b of list.querySelectorAll(".claim-button.selected")) b.classList.remove("selected");
      const button = document.getElementById("claim-" + c.id);
      if (button) button.classList.add("selected");
      const spans = [{ start: c.start, end: c.end, kind: "claim" }];
      if (Number.isInteger(c.source.start)) spans.push({ start: c.source.start, end: c.source.end, kind: "source" });
      history.replaceState(null, "", "#claim-" + c.id);
      return showArticle(panel, c.doc, spans, "Claim " + c.id + ": " + sourceLabel(c.source, names));
    }

    function render() {
      const shown = which.value === "all" ? clusters : clusters.filter((c) => c.corroborated || c.contradicted);
      list.replaceChildren(...shown.map((cl) => el("section", { class: "cluster", data: { cluster: cl.id } },
        el("h3", { text: cl.proposition }),
        el("p", {},
          cl.corroborated ? el("span", { class: "badge good",
            text: "corroborated by " + cl.independent_sources + " independent sources" })
            : el("span", { class: "badge", text: cl.independent_sources + " independent source(s)" }),
          cl.contradicted ? [" ", el("span", { class: "badge bad", text: "contradicted" })] : null,
          cl.first ? " first reported by " + docLabel(documents.get(cl.first)) : "",
          cl.possibly_same.length ? el("span", { class: "muted",
            text: " (possibly the same people: " + cl.possibly_same.map((p) => p.join(" / ")).join("; ") + ")" }) : null),
        el("p", { class: "muted", text: "Sources: " + cl.sources.join("; ") }),
        el("ul", { class: "claims" },
          cl.asserting.map((id) => claimItem(id, "asserting")),
          cl.denying.map((id) => claimItem(id, "denying"))))));
      status(shown.length + " of " + clusters.length + " claim clusters");
    }
    which.addEventListener("change", render);
    const wanted = /^#claim-(\d+)$/.exec(location.hash);
    if (wanted) which.value = "all";
    render();
    if (wanted && claimById.get(Number(wanted[1]))) await openClaim(claimById.get(Number(wanted[1])));
  }

  // -- contradictions and open questions ----------------------------------------------------

  async function contradictionsView() {
    const [contradictions, questions, claims, events, entities, docs] = await Promise.all([
      api("contradictions"), api("questions"), api("claims"), api("events"), api("entities"), api("documents")]);
    const claimById = byId(claims);
    const eventById = byId(events);
    const names = byId(entities);
    const documents = byId(docs);
    const claimLink = (id) => {
      const c = claimById.get(id);
      return c ? el("li", {}, el("a", { href: "/claims.html#claim-" + id, text: sourceLabel(c.source, names) + ": " }),
        el("q", { text: clip(c.text, 140) }), el("span", { class: "muted", text: " \u2014 " + docLabel(documents.get(c.doc)) }))
        : null;
    };
    const eventItem = (id) => {
      const ev = eventById.get(id);
      return ev ? el("li", {}, el("span", { class: "badge", text: ev.when || "undated" }), " ",
        el("q", { text: clip(ev.text.trim(), 160) }), el("span", { class: "muted", text: " \u2014 " + docLabel(documents.get(ev.doc)) }))
        : null;
    };
    view().append(
      el("h2", { text: "Contradictions (" + contradictions.length + ")" }),
      el("ol", { id: "contradiction-list", class: "cards" }, contradictions.map((x) => el("li", { class: "card" },
        el("span", { class: "badge bad", text: x.kind.replace("_", " ") }), " ", el("span", { text: x.explanation }),
        el("ul", {}, x.claims.map(claimLink), x.events.map(eventItem))))),
      el("h2", { text: "Open questions (" + questions.length + ")" }),
      el("ol", { id: "question-list", class: "cards" }, questions.map((q) => el("li", { class: "card" },
        el("span", { class: "badge", text: q.kind.replace(/_/g, " ") }), " ", el("span", { text: q.question }),
        el("ul", {}, (q.claims || []).map(claimLink), (q.events || []).map(eventItem))))));
    status(contradictions.length + " contradictions, " + questions.length + " open questions");
  }

  // -- network ----------------------------------------------------------------------------

  const EDGE_KINDS = { co_participation: "took part in events with", claims_about: "made claims about",
    quotes: "quotes", credits: "credits" };
  const MAX_NODES = 150;

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

  async function networkView() {
    const net = await api("network");
    const width = 900, height = 620;
    const degree = new Map();
    for (const e of net.edges) for (const end of [e.source, e.target]) degree.set(end, (degree.get(end) || 0) + e.weight);
    const nodes = net.nodes.slice().sort((a, b) => (degree.get(b.id) || 0) - (degree.get(a.id) || 0)).slice(0, MAX_NODES);
    const kept = new Set(nodes.map((n) => n.id));
    const boxes = Object.keys(EDGE_KINDS).map((kind) => el("label", { class: "edge-kind " + kind },
      el("input", { type: "checkbox", checked: "checked", value: kind }), " " + EDGE_KINDS[kind]));
    controls().append(el("span", {}, "Edges: "), ...boxes);
    const picture = svg("svg", { id: "network", viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "network of actors and outlets" });
    const details = el("aside", { id: "node-details", class: "article" },
      el("p", { class: "muted", text: "Select a node to see its connections and their evidence." }));
    view().append(el("div", { class: "split" }, el("div", { class: "picture" }, picture), details));

    function draw() {
      const kinds = new Set(boxes.map((b) => b.querySelector("input")).filter((i) => i.checked).map((i) => i.value));
      const edges = net.edges.filter((e) => kinds.has(e.kind) && kept.has(e.source) && kept.has(e.target));
      layout(nodes, edges, width, height);
      const at = new Map(nodes.map((n) => [n.id, n]));
      picture.replaceChildren();
      for (const e of edges) {
        const a = at.get(e.source), b = at.get(e.target);
        const line = svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge " + e.kind,
          "stroke-width": Math.min(1 + Math.log2(e.weight), 6) });
        const title = svg("title");
        title.textContent = a.label + " " + EDGE_KINDS[e.kind] + " " + b.label + " (" + e.weight + ")";
        line.append(title);
        picture.append(line);
      }
      for (const n of nodes) {
        const group = svg("g", { class: "node " + n.kind + " " + n.type, "data-id": n.id, tabindex: 0 });
        group.append(svg("circle", { cx: n.x, cy: n.y, r: 5 + Math.min(Math.sqrt(degree.get(n.id) || 0) * 1.5, 14) }));
        const label = svg("text", { x: n.x + 8, y: n.y - 8 });
        label.textContent = n.label;
        group.append(label);
        group.addEventListener("click", () => describe(n, edges, at));
        picture.append(group);
      }
      status(nodes.length + " nodes" + (net.nodes.length > nodes.length ? " (the " + MAX_NODES + " best connected of " + net.nodes.length + ")" : "")
        + ", " + edges.length + " edges");
    }

    function describe(node, edges, at) {
      const mine = edges.filter((e) => e.source === node.id || e.target === node.id);
      details.replaceChildren(
        el("h2", { text: node.label }),
        el("p", { class: "muted", text: node.kind + ", " + node.type + (node.documents ? ", " + node.documents + " articles" : "") }),
        el("ul", { class: "edges" }, mine.map((e) => {
          const other = at.get(e.source === node.id ? e.target : e.source);
          const words = e.source === node.id ? EDGE_KINDS[e.kind] + " " + other.label
            : other.label + " " + EDGE_KINDS[e.kind] + " " + node.label;
          return el("li", {}, words + " \u00d7" + e.weight + " ",
            e.evidence.filter((p) => Number.isInteger(p.start)).slice(0, 5).map((p) =>
              el("button", { type: "button", class: "link", text: "[" + p.doc.slice(0, 6) + ":" + p.start + "]",
                onclick: () => showArticle(details, p.doc, [{ start: p.start, end: p.end, kind: "claim" }], words) })));
        })));
    }
    for (const b of boxes) b.querySelector("input").addEventListener("change", draw);
    draw();
  }

  const VIEWS = { overview: overview, timeline: timeline, claims: claimsView,
    contradictions: contradictionsView, network: networkView };

  document.addEventListener("DOMContentLoaded", async () => {
    const name = document.body.dataset.view;
    const page = location.pathname.replace(/^\/|\.html$/g, "") || "index";
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
