// Media-framing explorer: vanilla JavaScript, no library, no network. Data: window.EXPLORER_DATA (data.js),
// written by analysis/report/explore.py from the score tables. Offsets are UTF-16 indices into each article's
// text (explore.py converts Python's code-point offsets), so text.slice(start, end) is the evidence.
"use strict";
(function () {
  const D = window.EXPLORER_DATA;
  if (!D) {
    document.getElementById("summary").textContent = "data.js is missing or broken: rebuild the explorer with make explore.";
    return;
  }
  const A = D.articles;
  const N = A.id.length;
  const SPAN = 5, MENTION = 7, STANCE = 3, SCALE = 1000;
  // Okabe & Ito, then Tol's light colours: loaded-language categories as backgrounds (lightened).
  const CAT_COLOURS = {
    loaded_wording: "#E69F00", name_calling: "#D55E00", exaggeration: "#CC79A7", fear_appeal: "#0072B2",
    doubt_discrediting: "#56B4E9", delegitimizing: "#009E73", scare_quote: "#F0E442",
  };
  const SPARE = ["#999933", "#882255", "#44AA99", "#AA4499", "#88CCEE", "#DDCC77", "#117733", "#332288"];
  const catColour = D.categories.map((c, k) => CAT_COLOURS[c] || SPARE[k % SPARE.length]);
  const SOURCE_COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];
  const pretty = (s) => String(s).replace(/_/g, " ");
  const fmt = (x) => Number(x).toLocaleString("en");
  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return node;
  }
  function lighten(hex, f) {  // mix with white: backgrounds that leave the text readable
    const n = parseInt(hex.slice(1), 16), r = n >> 16, g = (n >> 8) & 255, b = n & 255;
    const m = (v) => Math.round(v + (255 - v) * f);
    return `rgb(${m(r)},${m(g)},${m(b)})`;
  }

  // ---------------------------------------------------------------- state and filters
  const state = { sources: new Set(), category: -1, actor: -1, stance: "any", from: "", to: "", current: -1, limit: 200 };
  const hasDates = A.date.some((d) => d);

  function stanceOf(i, target) {
    const s = D.stance[i];
    for (let k = 0; k < s.length; k += STANCE) if (s[k] === target) return s[k + 1] / SCALE;
    return null;
  }
  function hasCategory(i, cat) {
    const s = D.spans[i];
    for (let k = 0; k < s.length; k += SPAN) if (s[k + 2] === cat && !(s[k + 4] & 1)) return true;
    return false;
  }
  function passes(i, ignoreSources) {
    if (!ignoreSources && state.sources.size && !state.sources.has(A.source[i])) return false;
    if (state.from && !(A.date[i] && A.date[i] >= state.from)) return false;
    if (state.to && !(A.date[i] && A.date[i] <= state.to)) return false;
    if (state.category >= 0 && !hasCategory(i, state.category)) return false;
    if (state.actor >= 0) {
      const s = stanceOf(i, state.actor);
      if (s === null) return false;
      if (state.stance === "neg" && !(s < 0)) return false;
      if (state.stance === "pos" && !(s > 0)) return false;
    }
    return true;
  }
  function filtered() {
    const out = [];
    for (let i = 0; i < N; i++) if (passes(i)) out.push(i);
    return out;
  }
  function filterLabel() {
    const parts = [];
    if (state.sources.size) parts.push("sources: " + [...state.sources].map((s) => D.sources[s]).join(", "));
    if (state.category >= 0) parts.push("category: " + pretty(D.categories[state.category]));
    if (state.actor >= 0) parts.push("actor: " + D.targets[state.actor] + (state.stance === "any" ? "" : state.stance === "neg" ? " (unfavourable)" : " (favourable)"));
    if (state.from || state.to) parts.push("dates: " + (state.from || "…") + " to " + (state.to || "…"));
    return parts.join("; ");
  }

  function buildFilters() {
    const box = $("f-sources");
    D.sources.forEach((name, k) => {
      box.appendChild(el("button", { type: "button", class: "chip", "data-source": k, title: name, onclick: (e) => {
        state.sources.has(k) ? state.sources.delete(k) : state.sources.add(k);
        e.currentTarget.classList.toggle("on", state.sources.has(k));
        refresh();
      } }, el("span", { class: "dot", style: `background:${SOURCE_COLOURS[k % SOURCE_COLOURS.length]}` }), name));
    });
    const cats = $("f-categories");
    D.categories.forEach((name, k) => {
      cats.appendChild(el("button", { type: "button", class: "chip", "data-category": k, onclick: () => {
        state.category = state.category === k ? -1 : k;
        for (const b of cats.children) b.classList.toggle("on", Number(b.dataset.category) === state.category);
        refresh();
      } }, el("span", { class: "dot", style: `background:${catColour[k]}` }), pretty(name)));
    });
    const actor = $("f-actor");
    D.targets.forEach((name, k) => actor.appendChild(el("option", { value: k }, name)));
    actor.addEventListener("change", () => { state.actor = Number(actor.value); refresh(); });
    $("f-stance").addEventListener("change", (e) => { state.stance = e.target.value; refresh(); });
    if (!hasDates) $("f-dates").hidden = true;
    $("f-from").addEventListener("change", (e) => { state.from = e.target.value; refresh(); });
    $("f-to").addEventListener("change", (e) => { state.to = e.target.value; refresh(); });
    $("f-reset").addEventListener("click", () => {
      Object.assign(state, { sources: new Set(), category: -1, actor: -1, stance: "any", from: "", to: "" });
      document.querySelectorAll(".chip.on").forEach((b) => b.classList.remove("on"));
      $("f-actor").value = "-1"; $("f-stance").value = "any"; $("f-from").value = ""; $("f-to").value = "";
      refresh();
    });
  }

  // ---------------------------------------------------------------- article list and reader
  let current = [];
  function renderList() {
    current = filtered();
    $("f-count").textContent = `${fmt(current.length)} of ${fmt(N)} articles shown`;
    const rows = current.slice(0, state.limit).map((i) => {
      const actors = [];
      const s = D.stance[i];
      for (let k = 0; k < s.length; k += STANCE) actors.push(D.targets[s[k]]);
      return el("tr", { "data-article": i, class: i === state.current ? "current" : "", onclick: () => openArticle(i) },
        hasDates ? el("td", {}, A.date[i]) : null,
        el("td", {}, D.sources[A.source[i]]),
        el("td", {}, A.title[i] || A.id[i]),
        el("td", { class: "num", title: "loaded terms per 1,000 words" }, A.loaded_per_1k[i].toFixed(1)));
    });
    const table = el("table", { id: "article-table" },
      el("thead", {}, el("tr", {}, hasDates ? el("th", {}, "date") : null, el("th", {}, "source"), el("th", {}, "title"),
        el("th", { class: "num", title: "loaded terms per 1,000 words" }, "loaded /1k"))),
      el("tbody", {}, rows));
    const list = $("list");
    list.replaceChildren(table);
    if (current.length > state.limit) {
      list.appendChild(el("button", { type: "button", class: "more", onclick: () => { state.limit += 500; renderList(); } },
        `show ${fmt(Math.min(500, current.length - state.limit))} more of ${fmt(current.length - state.limit)}`));
    }
    if (!current.length) list.appendChild(el("p", { class: "hint", style: "padding:8px" }, "No article passes these filters."));
  }

  // Cut the text at every span and mention boundary; each piece knows the span and the mention that cover it.
  function pieces(i) {
    const text = A.text[i], s = D.spans[i], m = D.mentions[i];
    const cuts = new Set([0, text.length]);
    for (let k = 0; k < s.length; k += SPAN) { cuts.add(s[k]); cuts.add(s[k + 1]); }
    for (let k = 0; k < m.length; k += MENTION) { cuts.add(m[k]); cuts.add(m[k + 1]); }
    const bounds = [...cuts].filter((b) => b >= 0 && b <= text.length).sort((a, b) => a - b);
    const out = [];
    for (let b = 0; b + 1 < bounds.length; b++) {
      const a0 = bounds[b], a1 = bounds[b + 1];
      let span = -1, mention = -1;
      for (let k = 0; k < s.length; k += SPAN) if (s[k] <= a0 && a1 <= s[k + 1] && (span < 0 || s[k] < s[span])) span = k;
      for (let k = 0; k < m.length; k += MENTION) if (m[k] <= a0 && a1 <= m[k + 1] && mention < 0) mention = k;
      out.push([a0, a1, span, mention]);
    }
    return out;
  }
  function stanceClass(v) { return v < 0 ? "neg" : v > 0 ? "pos" : "zero"; }

  function openArticle(i, focus) {
    state.current = i;
    document.querySelectorAll("#list tr.current").forEach((r) => r.classList.remove("current"));
    const row = document.querySelector(`#list tr[data-article="${i}"]`);
    if (row) row.classList.add("current");
    const text = A.text[i], s = D.spans[i], m = D.mentions[i];
    const body = el("div", { class: "text", id: "article-text" });
    let focusNode = null;
    for (const [a0, a1, span, mention] of pieces(i)) {
      let node = document.createTextNode(text.slice(a0, a1));
      if (mention >= 0) {
        const score = m[mention + 3] / SCALE, ev = D.evidence[i][mention / MENTION];
        const bare = m[mention + 4] & 4;  // no evidence: not counted in the article's stance
        node = el("span", { class: "mention " + (bare ? "zero" : stanceClass(score)), "data-mention": mention / MENTION,
          title: `${D.targets[m[mention + 2]]}: score ${score.toFixed(2)}${m[mention + 4] & 2 ? " (in a quotation)" : ""}${ev ? "; evidence: " + ev : "; no evidence words"}${bare ? "; no evidence aimed at it, not counted in the article's stance" : ""}`,
          onclick: (e) => { e.stopPropagation(); showMention(i, mention); } }, node);
      }
      if (span >= 0) {
        const cat = s[span + 2], term = D.terms[s[span + 3]], flags = s[span + 4];
        const cls = ["term"];
        if (flags & 1) cls.push("negated");
        if (flags & 2) cls.push("quoted");
        if (state.category >= 0 && state.category !== cat) cls.push("dim");
        node = el("mark", { class: cls.join(" "), "data-term": term, "data-category": D.categories[cat],
          style: `background:${lighten(catColour[cat], 0.55)}`,
          title: `${term} · ${pretty(D.categories[cat])}${flags & 1 ? " · negated (not counted)" : ""}${flags & 2 ? " · in a quotation" : ""}. Click for its concordance.`,
          onclick: (e) => { e.stopPropagation(); showConcordance(term, null); } }, node);
        if (focus !== undefined && s[span] === focus) focusNode = node;
      }
      if (!focusNode && focus !== undefined && a0 <= focus && focus < a1 && span < 0) focusNode = node.nodeType === 1 ? node : null;
      body.appendChild(node);
    }
    const stanceRows = [];
    const st = D.stance[i];
    for (let k = 0; k < st.length; k += STANCE) {
      const v = st[k + 1] / SCALE;
      stanceRows.push(el("tr", {}, el("td", {}, D.targets[st[k]]),
        el("td", { class: "num stance-val " + stanceClass(v) }, v.toFixed(2)), el("td", { class: "num" }, st[k + 2])));
    }
    const meta = [D.sources[A.source[i]], A.date[i], `id ${A.id[i]}`, `${fmt(A.n_tokens[i])} words`,
      `${s.length / SPAN} loaded-language matches (${A.loaded_per_1k[i].toFixed(1)} per 1,000 words)`, `${m.length / MENTION} actor mentions`];
    $("reader").replaceChildren(
      el("h2", { id: "article-title", style: "text-transform:none;font-size:17px;color:var(--ink)" }, A.title[i] || A.id[i]),
      el("p", { class: "meta" }, meta.filter(Boolean).join(" · ")),
      stanceRows.length ? el("table", { class: "stance-table" },
        el("thead", {}, el("tr", {}, el("th", {}, "actor"), el("th", { class: "num" }, "stance"), el("th", { class: "num" }, "mentions"))),
        el("tbody", {}, stanceRows)) : null,
      body,
      el("div", { id: "details", hidden: true }));
    showTab("articles");
    if (focusNode) {
      focusNode.scrollIntoView({ block: "center" });
      focusNode.classList.add("flash");
    } else $("reader").scrollTop = 0;
  }

  function showMention(i, k) {
    const m = D.mentions[i], text = A.text[i];
    const target = D.targets[m[k + 2]], score = m[k + 3] / SCALE, ev = D.evidence[i][k / MENTION];
    const s0 = m[k + 5], s1 = m[k + 6];
    const sentence = text.slice(s0, s1);
    // The evidence column lists words with their weights, "Escalation(-0.40); Undermines(-0.33)": mark them in the sentence.
    const words = (ev || "").split(";").map((w) => w.trim().replace(/\([^)]*\)$/, "").trim()).filter(Boolean);
    const parts = [];
    let rest = sentence, guard = 0;
    while (words.length && rest && guard++ < 50) {
      let best = -1, bw = "";
      for (const w of words) {
        const j = rest.toLowerCase().indexOf(w.toLowerCase());
        if (j >= 0 && (best < 0 || j < best)) { best = j; bw = w; }
      }
      if (best < 0) break;
      parts.push(rest.slice(0, best), el("b", { class: "ev" }, rest.slice(best, best + bw.length)));
      rest = rest.slice(best + bw.length);
    }
    parts.push(rest);
    const box = $("details");
    box.hidden = false;
    box.replaceChildren(
      el("p", {}, el("strong", {}, target), ` · mention "${text.slice(m[k], m[k + 1])}" · score `,
        el("span", { class: "stance-val " + stanceClass(score) }, score.toFixed(2)),
        m[k + 4] & 2 ? " · inside a quotation" : " · author's voice"),
      el("p", {}, (ev ? "Evidence words (weights): " + ev : "No evidence words: the mention counts as neutral.")
        + (ev && m[k + 4] & 4 ? " No words the rules aim at this mention, so it counts as 0 in the article's stance." : "")),
      el("p", { class: "sentence" }, ...parts));
  }

  // ---------------------------------------------------------------- concordance
  const termIndex = new Map(D.terms.map((t, k) => [t, k]));
  function context(text, start, end, chars) {
    let left = text.slice(Math.max(0, start - chars), start), right = text.slice(end, end + chars);
    // cut at word boundaries, as analysis.compare.summaries.context does
    if (start - chars > 0 && left.includes(" ")) left = "…" + left.slice(left.indexOf(" ") + 1);
    if (end + chars < text.length && right.includes(" ")) right = right.slice(0, right.lastIndexOf(" ")) + "…";
    return [left.replace(/\s+/g, " "), right.replace(/\s+/g, " ")];
  }
  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function matchesOf(term, sources) {
    const out = [];
    const k = termIndex.get(term);
    const keep = (i) => (sources ? sources.has(A.source[i]) : passes(i));
    if (k !== undefined) {
      for (let i = 0; i < N; i++) {
        if (!keep(i)) continue;
        const s = D.spans[i];
        for (let j = 0; j < s.length; j += SPAN) if (s[j + 3] === k) out.push([i, s[j], s[j + 1], s[j + 4] & 1]);
      }
    } else {
      const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?![\\p{L}\\p{N}])`, "giu");
      for (let i = 0; i < N; i++) {
        if (!keep(i)) continue;
        for (const hit of A.text[i].matchAll(re)) out.push([i, hit.index, hit.index + hit[0].length, 0]);
      }
    }
    return out;
  }
  function showConcordance(term, sources) {
    term = String(term).trim();
    if (!term) return;
    $("conc-input").value = term;
    const hits = matchesOf(term, sources);
    const bySource = new Map();
    const articles = new Set();
    for (const [i] of hits) { bySource.set(A.source[i], (bySource.get(A.source[i]) || 0) + 1); articles.add(i); }
    const scope = sources ? "in " + [...sources].map((s) => D.sources[s]).join(" and ") : (filterLabel() ? "with the filters (" + filterLabel() + ")" : "across the corpus");
    const isLexicon = termIndex.has(term), isTagger = isLexicon && term.endsWith(D.tagger_label);
    const head = el("p", { id: "conc-summary" },
      el("strong", {}, term), ` ${isTagger ? "(spans the token tagger found beside the lexicon)" : isLexicon ? "(lexicon term)" : "(word)"}: ${fmt(hits.length)} match${hits.length === 1 ? "" : "es"} in ${fmt(articles.size)} article${articles.size === 1 ? "" : "s"} ${scope}.`);
    const counts = el("p", { class: "counts" }, [...bySource.entries()].sort((a, b) => a[0] - b[0])
      .map(([s, c]) => `${D.sources[s]}: ${fmt(c)}`).join(" · "));
    const shown = hits.slice(0, 1000);
    const rows = shown.map(([i, start, end, neg]) => {
      const [left, right] = context(A.text[i], start, end, 80);
      return el("tr", { "data-article": i, onclick: () => openArticle(i, start) },
        el("td", {}, D.sources[A.source[i]]), hasDates ? el("td", {}, A.date[i]) : null,
        el("td", { class: "left" }, el("span", {}, left)),
        el("td", { class: "match", style: neg ? "text-decoration:line-through" : "" }, A.text[i].slice(start, end)),
        el("td", { class: "right" }, right));
    });
    $("concordance").replaceChildren(head, counts,
      el("table", { class: "conc", id: "conc-table" },
        el("thead", {}, el("tr", {}, el("th", {}, "source"), hasDates ? el("th", {}, "date") : null, el("th", {}, ""), el("th", {}, "match"), el("th", {}, ""))),
        el("tbody", {}, rows)),
      el("p", { class: "hint" }, hits.length > shown.length ? `The first ${fmt(shown.length)} of ${fmt(hits.length)} are listed.` : ""));
    showTab("concordance");
  }

  // ---------------------------------------------------------------- terms by source (scattertext-style)
  const stop = new Set(D.stopwords || []);
  const wordCache = new Map();
  const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
  function wordsOf(i) {
    let c = wordCache.get(i);
    if (!c) {
      c = new Map();
      for (const hit of A.text[i].matchAll(WORD)) {
        const w = hit[0].toLowerCase().replace(/['’]s$/, "").replace(/['’-]+$/, "");
        if (w.length < 2 || stop.has(w) || /^\p{N}+$/u.test(w)) continue;
        c.set(w, (c.get(w) || 0) + 1);
      }
      wordCache.set(i, c);
    }
    return c;
  }
  function countTerms(group, vocab) {
    const counts = new Map();
    let words = 0;
    for (const i of group) {
      words += A.n_tokens[i];
      if (vocab === "loaded") {
        const s = D.spans[i];
        for (let k = 0; k < s.length; k += SPAN) if (!(s[k + 4] & 1)) { const t = D.terms[s[k + 3]]; counts.set(t, (counts.get(t) || 0) + 1); }
      } else for (const [w, n] of wordsOf(i)) counts.set(w, (counts.get(w) || 0) + n);
    }
    return { counts, words };
  }
  function buildPlotControls() {
    const a = $("plot-a"), b = $("plot-b");
    D.sources.forEach((s, k) => { a.appendChild(el("option", { value: k }, s)); b.appendChild(el("option", { value: k }, s)); });
    b.insertBefore(el("option", { value: "rest" }, "all other sources"), b.firstChild);
    b.value = D.sources.length > 1 ? "rest" : "rest";
    for (const c of [a, b, $("plot-vocab")]) c.addEventListener("change", renderPlot);
  }
  function renderPlot() {
    const a = Number($("plot-a").value), bv = $("plot-b").value, vocab = $("plot-vocab").value;
    const restMode = bv === "rest", b = restMode ? -1 : Number(bv);
    const nameA = D.sources[a], nameB = restMode ? "all other sources" : D.sources[b];
    if (!restMode && a === b) {
      $("plot").replaceChildren(el("p", { class: "hint" }, "Choose two different sources."));
      $("plot-lists").replaceChildren();
      return;
    }
    // The date and actor/category filters apply; the sources are the two chosen.
    const ga = [], gb = [];
    for (let i = 0; i < N; i++) {
      if (!passes(i, true)) continue;
      if (A.source[i] === a) ga.push(i);
      else if (restMode || A.source[i] === b) gb.push(i);
    }
    const ca = countTerms(ga, vocab), cb = countTerms(gb, vocab);
    let terms = [...new Set([...ca.counts.keys(), ...cb.counts.keys()])];
    const total = (t) => (ca.counts.get(t) || 0) + (cb.counts.get(t) || 0);
    if (vocab === "words") terms = terms.filter((t) => total(t) >= 3).sort((x, y) => total(y) - total(x) || (x < y ? -1 : 1)).slice(0, 1500);
    const per = (c, t) => (c.words ? (10000 * (c.counts.get(t) || 0)) / c.words : 0);
    // Log-odds ratio with a half-count added to each cell, and its z-score: which side a term leans to.
    const points = terms.map((t) => {
      const x = ca.counts.get(t) || 0, y = cb.counts.get(t) || 0;
      const lo = Math.log((x + 0.5) / (ca.words - x + 0.5)) - Math.log((y + 0.5) / (cb.words - y + 0.5));
      const z = lo / Math.sqrt(1 / (x + 0.5) + 1 / (y + 0.5));
      return { t, x, y, fx: per(ca, t), fy: per(cb, t), z };
    });
    const W = 700, H = 560, L = 58, R = 70, T = 16, B = 46;
    const all = points.flatMap((p) => [p.fx, p.fy]).filter((v) => v > 0);
    const lo = all.length ? Math.min(...all) : 1, hi = all.length ? Math.max(...all) : 10;
    const l0 = Math.floor(Math.log10(lo)) - 0.35, l1 = Math.log10(hi) + 0.1;  // zero sits left of / below the smallest value
    const sx = (v) => L + ((Math.log10(v > 0 ? v : Math.pow(10, l0 + 0.1)) - l0) / (l1 - l0)) * (W - L - R);
    const sy = (v) => H - B - ((Math.log10(v > 0 ? v : Math.pow(10, l0 + 0.1)) - l0) / (l1 - l0)) * (H - T - B);
    const NS = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`); svg.setAttribute("width", W); svg.setAttribute("id", "plot-svg");
    const s = (tag, attrs, text) => {
      const n = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
      if (text !== undefined) n.textContent = text;
      svg.appendChild(n);
      return n;
    };
    s("line", { x1: sx(Math.pow(10, l0 + 0.1)), y1: sy(Math.pow(10, l0 + 0.1)), x2: sx(hi), y2: sy(hi), stroke: "#ccc", "stroke-dasharray": "4 3" });
    for (let e = Math.ceil(l0 + 0.2); e <= Math.floor(l1); e++) {
      const v = Math.pow(10, e), lab = v >= 1 ? fmt(v) : String(v);
      s("line", { x1: sx(v), y1: H - B, x2: sx(v), y2: H - B + 4, stroke: "#444" });
      s("text", { x: sx(v), y: H - B + 16, "text-anchor": "middle" }, lab);
      s("line", { x1: L - 4, y1: sy(v), x2: L, y2: sy(v), stroke: "#444" });
      s("text", { x: L - 6, y: sy(v) + 4, "text-anchor": "end" }, lab);
    }
    s("text", { x: sx(Math.pow(10, l0 + 0.1)), y: H - B + 16, "text-anchor": "middle", fill: "#888" }, "0");
    s("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: "#444" });
    s("line", { x1: L, y1: T, x2: L, y2: H - B, stroke: "#444" });
    s("text", { x: (L + W - R) / 2, y: H - 8, "text-anchor": "middle" }, `${nameA}: per 10,000 words (${fmt(ga.length)} articles)`);
    s("text", { x: 14, y: (T + H - B) / 2, "text-anchor": "middle", transform: `rotate(-90 14 ${(T + H - B) / 2})` },
      `${nameB}: per 10,000 words (${fmt(gb.length)} articles)`);
    const lean = (p) => (p.z > 1.96 ? SOURCE_COLOURS[0] : p.z < -1.96 ? SOURCE_COLOURS[5] : "#999");
    const scope = new Set(restMode ? D.sources.map((_, k) => k) : [a, b]);
    // A fixed jitter per term (of a few pixels) keeps terms with equal counts from hiding each other.
    const jitter = (t) => { let h = 7; for (const ch of t) h = (h * 31 + ch.charCodeAt(0)) | 0; return ((Math.abs(h) % 1000) / 1000) * 12 - 6; };
    for (const p of points) {
      const c = s("circle", { cx: sx(p.fx) + jitter(p.t), cy: sy(p.fy) + jitter(p.t + "y"), r: 4, fill: lean(p), "fill-opacity": 0.7, "data-term": p.t });
      const title = document.createElementNS(NS, "title");
      title.textContent = `${p.t}: ${p.x} in ${nameA} (${p.fx.toFixed(1)} per 10,000 words), ${p.y} in ${nameB} (${p.fy.toFixed(1)}); log-odds z = ${p.z.toFixed(2)}`;
      c.appendChild(title);
      c.addEventListener("click", () => showConcordance(p.t, scope));
    }
    const byZ = [...points].sort((p, q) => q.z - p.z || (p.t < q.t ? -1 : 1));
    // The ten terms leaning most to each side are labelled and listed (significant or not: the colour says which).
    const topA = byZ.filter((p) => p.z > 0).slice(0, 10), topB = byZ.filter((p) => p.z < 0).reverse().slice(0, 10);
    const placed = [];  // label boxes, to skip a label that would overlap another (it stays in the lists below)
    for (const p of [...topA, ...topB]) {
      const w = 6.2 * p.t.length, x0 = sx(p.fx) + jitter(p.t), y0 = sy(p.fy) + jitter(p.t + "y") - 5;
      const right = x0 + 6 + w < W - 2;
      const box = right ? [x0 + 6, y0 - 10, x0 + 6 + w, y0 + 2] : [x0 - 6 - w, y0 - 10, x0 - 6, y0 + 2];
      if (placed.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])) continue;
      placed.push(box);
      s("text", { x: right ? x0 + 6 : x0 - 6, y: y0, "text-anchor": right ? "start" : "end",
        fill: p.z > 1.96 || p.z < -1.96 ? lean(p) : "#555" }, p.t);
    }
    $("plot").replaceChildren(
      el("p", { class: "hint" }, `Each point is a ${vocab === "loaded" ? "loaded-language term (negated matches left out)" : "word (the 1,500 most frequent, used at least 3 times)"}; ` +
        `blue leans to ${nameA}, vermilion to ${nameB} (log-odds ratio, |z| > 1.96, not corrected for the many terms: ` +
        "a lead to read, not a finding); grey is shared. Zero counts sit on the \"0\" line. " +
        "Click a point for its concordance in these sources." + (filterLabel() ? ` Filters other than sources apply: ${filterLabel()}.` : "")),
      svg);
    const item = (p) => el("li", {}, el("a", { onclick: () => showConcordance(p.t, scope) }, p.t),
      ` (${fmt(p.x)} vs ${fmt(p.y)}; z = ${p.z.toFixed(1)}${Math.abs(p.z) > 1.96 ? "" : ", not significant"})`);
    $("plot-lists").replaceChildren(
      el("div", {}, el("h2", {}, `Leaning to ${nameA}`), topA.length ? el("ol", {}, topA.map(item)) : el("p", { class: "hint" }, "none")),
      el("div", {}, el("h2", {}, `Leaning to ${nameB}`), topB.length ? el("ol", {}, topB.map(item)) : el("p", { class: "hint" }, "none")));
  }

  // ---------------------------------------------------------------- tabs and start
  function showTab(name) {
    for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.tab === name);
    for (const t of document.querySelectorAll(".tab")) t.hidden = t.id !== "tab-" + name;
    if (name === "plot" && !$("plot").firstChild) renderPlot();
  }
  function refresh() {
    state.limit = 200;
    renderList();
    if (!$("tab-plot").hidden) renderPlot(); else $("plot").replaceChildren();
    const term = $("conc-input").value;
    if (!$("tab-concordance").hidden && term) showConcordance(term, null);
  }

  const title = D.title || "Media-framing explorer";
  $("title").textContent = title;
  document.title = title;
  $("summary").textContent = `${fmt(N)} articles${D.sampled ? ` (a sample of ${fmt(D.n_total)}, spread over sources, seed ${D.seed})` : ""} from ${fmt(D.sources.length)} source${D.sources.length === 1 ? "" : "s"}` +
    `${hasDates ? ", " + A.date.filter(Boolean).reduce((m, d) => (d < m ? d : m)) + " to " + A.date.filter(Boolean).reduce((m, d) => (d > m ? d : m)) : ", no dates"}.`;
  for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));
  $("conc-form").addEventListener("submit", (e) => { e.preventDefault(); showConcordance($("conc-input").value, null); });
  buildFilters();
  buildPlotControls();
  renderList();
  if (N) openArticle(0);
  window.explorer = { state, showConcordance, openArticle, showTab, refresh };
})();
