/* adr site: offline full-text search. The index is split into shards by a term's first
   character and loaded with <script> tags, which work from file:// where fetch() does not. */
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var docs = null, names = [], shards = {}, waiting = {}, pending = null;
  window.adrSearch = {
    docs: function (d, n) { docs = d; names = n; run(); },
    shard: function (name, map) { shards[name] = map; delete waiting[name]; run(); }
  };
  function load(src) { var s = document.createElement("script"); s.src = root + src; document.head.appendChild(s); }
  function isCjk(c) { var n = c.codePointAt(0); return (n >= 0x3040 && n <= 0x30ff) || (n >= 0x3400 && n <= 0x4dbf) || (n >= 0x4e00 && n <= 0x9fff) || (n >= 0xac00 && n <= 0xd7af); }
  function terms(text) {
    var out = [], cur = "";
    function flush() { if (Array.from(cur).length >= 2) out.push(cur); cur = ""; }
    Array.from(text.toLowerCase()).forEach(function (c) {
      if (isCjk(c)) { flush(); out.push(c); } else if (/[\p{L}\p{N}]/u.test(c)) cur += c; else flush();
    });
    flush();
    return out;
  }
  function shardOf(t) { var c = t[0]; return /^[a-z0-9]$/.test(c) ? c : "u" + (t.codePointAt(0) % 16).toString(16); }
  function run() {
    if (pending === null || docs === null) return;
    var q = terms(pending), need = [];
    q.forEach(function (t) { var s = shardOf(t); if (!shards[s] && names.indexOf(s) >= 0 && need.indexOf(s) < 0) need.push(s); });
    need.forEach(function (s) { if (!waiting[s]) { waiting[s] = 1; load("search/s-" + s + ".js"); } });
    if (need.length) return;
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
    show(q.length ? Object.keys(scores || {}).sort(function (a, b) { return scores[b] - scores[a]; }) : []);
  }
  function show(ids) {
    var ol = document.getElementById("results"), st = document.getElementById("status");
    ol.textContent = "";
    ids.slice(0, 100).forEach(function (id) {
      var d = docs[id], li = document.createElement("li"), a = document.createElement("a"), m = document.createElement("span");
      a.href = root + d[0]; a.textContent = d[1];
      m.className = "meta"; m.textContent = " " + d[2] + " · " + d[3];
      li.appendChild(a); li.appendChild(m); ol.appendChild(li);
    });
    st.textContent = ids.length ? ids.length + " decisions found" : "No decision matches \u201c" + pending + "\u201d";
  }
  var input = document.getElementById("sq"), form = document.getElementById("search");
  var q = new URLSearchParams(location.search).get("q") || decodeURIComponent((location.hash.match(/q=([^&]*)/) || [])[1] || "");
  if (input) input.value = q;
  function go(v) { pending = v; if (docs === null) { if (!waiting.docs) { waiting.docs = 1; load("search/docs.js"); } } else run(); }
  if (form) form.addEventListener("submit", function (e) { e.preventDefault(); history.replaceState(null, "", "#q=" + encodeURIComponent(input.value)); go(input.value); });
  if (input) input.addEventListener("input", function () { go(input.value); });
  if (q) go(q);
})();
