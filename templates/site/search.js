/* adr site: offline search, as you type, from every page. The index is split into files loaded
   as <script> tags when first needed (they work from file:// where fetch() does not):
   search/meta.js (counts and names), s-<c>.js (terms starting with c), d-<k>.js (titles and
   facets of 1,000 records), t-<k>.js (text of 20 records, for snippets). Results are built as
   DOM nodes, never as HTML, so nothing from a record can run. */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var meta = null, docs = {}, shards = {}, texts = {}, asked = {};
  var views = [];
  window.adrSearch = {
    meta: function (m) { meta = m; refresh(); },
    docs: function (k, list) { docs[k] = list; refresh(); },
    shard: function (name, map) { shards[name] = map; refresh(); },
    text: function (k, list) { texts[k] = list; refresh(); }
  };
  function load(file) {
    if (asked[file]) return;
    asked[file] = 1;
    var s = document.createElement("script");
    s.src = root + "search/" + file;
    document.head.appendChild(s);
  }
  function isCjk(c) { var n = c.codePointAt(0); return (n >= 0x3040 && n <= 0x30ff) || (n >= 0x3400 && n <= 0x4dbf) || (n >= 0x4e00 && n <= 0x9fff) || (n >= 0xac00 && n <= 0xd7af); }
  function terms(text) {
    var out = [], cur = "";
    function flush() { var n = Array.from(cur).length; if (n >= 2 && cur.length <= 40) out.push(cur); cur = ""; }
    Array.from(text.toLowerCase()).forEach(function (c) {
      if (isCjk(c)) { flush(); out.push(c); } else if (/[\p{L}\p{N}]/u.test(c)) cur += c; else flush();
    });
    flush();
    return out;
  }
  function shardOf(t) { var c = t[0]; return /^[a-z0-9]$/.test(c) ? c : "u" + (t.codePointAt(0) % 16).toString(16); }
  /* Records matching every term (the last one as a prefix, as the visitor is still typing),
     best first; null while a shard is still loading. */
  function match(q) {
    var need = false;
    q.forEach(function (t) { var s = shardOf(t); if (!shards[s] && meta.shards.indexOf(s) >= 0) { load("s-" + s + ".js"); need = true; } });
    if (need) return null;
    var scores = null;
    q.forEach(function (t, i) {
      var map = shards[shardOf(t)] || {}, mine = {}, last = i === q.length - 1;
      Object.keys(map).forEach(function (k) {
        if (k === t || (last && k.indexOf(t) === 0)) {
          var p = map[k];
          for (var j = 0; j < p.length; j += 2) mine[p[j]] = (mine[p[j]] || 0) + p[j + 1] * (k === t ? 2 : 1);
        }
      });
      if (scores === null) scores = mine;
      else { var both = {}; Object.keys(scores).forEach(function (d) { if (mine[d]) both[d] = scores[d] + mine[d]; }); scores = both; }
    });
    scores = scores || {};
    return Object.keys(scores).map(Number).sort(function (a, b) { return scores[b] - scores[a] || a - b; });
  }
  function doc(id) { var b = docs[Math.floor(id / meta.block)]; return b && b[id % meta.block]; }
  /* Loads the document blocks of `ids`; true when all are there. */
  function haveDocs(ids) {
    var ok = true;
    ids.forEach(function (id) { var k = Math.floor(id / meta.block); if (!docs[k]) { load("d-" + k + ".js"); ok = false; } });
    return ok;
  }
  function text(id) { var b = texts[Math.floor(id / meta.text)]; if (!b) { load("t-" + Math.floor(id / meta.text) + ".js"); return null; } return b[id % meta.text]; }
  function pattern(q) {
    var esc = q.map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    return new RegExp("(" + esc.join("|") + ")", "giu");
  }
  /* `text` into `el` with the query's terms marked. */
  function marked(el, s, re) {
    s.split(re).forEach(function (part, i) {
      if (i % 2) { var m = document.createElement("mark"); m.textContent = part; el.appendChild(m); }
      else if (part) el.appendChild(document.createTextNode(part));
    });
  }
  /* About 200 characters of `s` around the first match. */
  function snippet(s, q) {
    var low = s.toLowerCase(), at = -1;
    q.forEach(function (t) { var k = low.indexOf(t); if (k >= 0 && (at < 0 || k < at)) at = k; });
    if (at < 0) at = 0;
    var start = Math.max(0, at - 70), end = Math.min(s.length, at + 150);
    if (start > 0) { var sp = s.indexOf(" ", start); if (sp >= 0 && sp < at) start = sp + 1; }
    if (end < s.length) { var sp2 = s.lastIndexOf(" ", end); if (sp2 > at) end = sp2; }
    return (start > 0 ? "\u2026" : "") + s.slice(start, end) + (end < s.length ? "\u2026" : "");
  }
  function filtered(ids, f) {
    if (!f) return ids;
    return ids.filter(function (id) {
      var d = doc(id);
      return (!f.status || meta.statuses[d[3]] === f.status) && (!f.project || meta.projects[d[2]] === f.project) &&
        (!f.tag || d[5].some(function (t) { return meta.tags[t] === f.tag; })) &&
        (!f.from || (d[4] && d[4] >= f.from)) && (!f.to || (d[4] && d[4] <= f.to));
    });
  }
  function item(id, q, re, withText) {
    var d = doc(id), li = document.createElement("li"), a = document.createElement("a"), m = document.createElement("span");
    a.href = root + d[0];
    marked(a, d[1], re);
    m.className = "meta";
    m.textContent = " " + meta.projects[d[2]] + " \u00b7 " + meta.statuses[d[3]] + (d[4] ? " \u00b7 " + d[4] : "");
    li.appendChild(a); li.appendChild(m);
    var s = withText ? text(id) : null;
    if (s) { var p = document.createElement("p"); p.className = "snippet"; marked(p, snippet(s, q), re); li.appendChild(p); }
    return li;
  }
  function refresh() { views.forEach(function (v) { v.run(); }); }
  /* One search box and where its results go. */
  function view(input, list, status, opts) {
    var v = {
      run: function () {
        var q = terms(input.value);
        if (!q.length) { list.textContent = ""; if (status) status.textContent = ""; if (opts.hide) opts.hide(true); return; }
        if (!meta) { load("meta.js"); return; }
        var ids = match(q);
        if (ids === null) return;
        var f = opts.filters ? opts.filters() : null;
        if (!haveDocs(f ? ids : ids.slice(0, opts.max))) return;
        var shown = filtered(ids, f), re = pattern(q);
        list.textContent = "";
        shown.slice(0, opts.max).forEach(function (id, k) { list.appendChild(item(id, q, re, k < opts.snippets)); });
        if (opts.more && shown.length > opts.max) opts.more(list, shown.length);
        if (status) status.textContent = shown.length ? shown.length + " decision" + (shown.length > 1 ? "s" : "") + " found" : "No decision matches \u201c" + input.value + "\u201d";
        if (opts.hide) opts.hide(false);
      }
    };
    views.push(v);
    input.addEventListener("input", function () { v.run(); });
    return v;
  }
  /* The search page: every result, with filters. */
  var page = document.getElementById("sq");
  if (page) {
    var form = document.getElementById("search"), sel = document.getElementById("sfilters");
    // A malformed escape (#q=%E0%A4%A) is searched for as written instead of stopping the script.
    var raw = (location.hash.match(/q=([^&]*)/) || [])[1] || "", hq;
    try { hq = decodeURIComponent(raw); } catch (e) { hq = raw; }
    var q0 = new URLSearchParams(location.search).get("q") || hq;
    page.value = q0;
    var fill = function () {
      if (!meta || !sel || sel.dataset.filled) return;
      sel.dataset.filled = "1";
      [["status", meta.statuses], ["project", meta.projects], ["tag", meta.tags]].forEach(function (p) {
        var s = sel.elements[p[0]];
        p[1].slice().sort().forEach(function (n) { var o = document.createElement("option"); o.textContent = n; o.value = n; s.appendChild(o); });
      });
      sel.hidden = false;
    };
    var pv = view(page, document.getElementById("results"), document.getElementById("status"), {
      max: 100, snippets: 20,
      filters: function () {
        fill();
        if (!sel) return null;
        var f = {};
        ["status", "project", "tag", "from", "to"].forEach(function (k) { var x = sel.elements[k].value; if (x) f[k] = x; });
        return f;
      }
    });
    views.push({ run: fill });
    if (sel) {
      ["change", "input"].forEach(function (t) { sel.addEventListener(t, function () { pv.run(); }); });
      sel.addEventListener("reset", function () { setTimeout(function () { pv.run(); }, 0); });
    }
    if (form) form.addEventListener("submit", function (e) { e.preventDefault(); history.replaceState(null, "", "#q=" + encodeURIComponent(page.value)); pv.run(); });
    if (!meta) load("meta.js");
    if (q0) pv.run();
  }
  /* The box in every page's header: the best few as you type. */
  var box = document.getElementById("q"), pop = document.getElementById("qpop");
  if (box && pop) {
    var list = document.createElement("ol");
    list.className = "cards";
    pop.appendChild(list);
    view(box, list, null, {
      max: 6, snippets: 6,
      hide: function (h) { pop.hidden = h; },
      more: function (l, n) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = root + "search.html?q=" + encodeURIComponent(box.value);
        a.textContent = "All " + n + " results \u2192";
        li.className = "more"; li.appendChild(a); l.appendChild(li);
      }
    });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") pop.hidden = true; });
    document.addEventListener("click", function (e) { if (!pop.contains(e.target) && e.target !== box) pop.hidden = true; });
    box.addEventListener("focus", function () { if (box.value) refresh(); });
  }
})();
