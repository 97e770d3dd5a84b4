/* adr site: the record pages' sidebar folds away on a phone; live filters on the decision log.
   Every page is complete without this script. */
(function () {
  "use strict";
  var side = document.getElementById("side");
  if (side && window.matchMedia && window.matchMedia("(max-width: 60rem)").matches) side.open = false;
})();
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  form.hidden = false;
  var items = Array.prototype.slice.call(document.querySelectorAll(".timeline li"));
  var years = Array.prototype.slice.call(document.querySelectorAll(".year"));
  var fields = ["project", "status", "tag", "qa", "decider", "from", "to"];
  function state() {
    var s = {};
    fields.forEach(function (f) { var v = form.elements[f].value; if (v) s[f] = v; });
    return s;
  }
  function has(list, v) { return list.indexOf("|" + v + "|") >= 0; }
  function apply(s) {
    var shown = 0;
    items.forEach(function (li) {
      var d = li.dataset, ok =
        (!s.project || d.project === s.project) && (!s.status || d.status === s.status) &&
        (!s.tag || has(d.tags, s.tag)) && (!s.qa || has(d.qa, s.qa)) &&
        (!s.decider || has(d.deciders, s.decider)) &&
        (!s.from || (d.date && d.date >= s.from)) && (!s.to || (d.date && d.date <= s.to));
      li.hidden = !ok;
      if (ok) shown++;
    });
    years.forEach(function (y) { y.hidden = !y.querySelector("li:not([hidden])"); });
    document.getElementById("shown").textContent = shown + " of " + items.length + " shown";
  }
  function toHash(s) {
    var p = new URLSearchParams(s).toString();
    history.replaceState(null, "", p ? "#" + p : location.pathname + location.search);
  }
  function fromHash() {
    var p = new URLSearchParams(location.hash.slice(1));
    fields.forEach(function (f) { form.elements[f].value = p.get(f) || ""; });
    apply(state());
  }
  form.addEventListener("change", function () { var s = state(); toHash(s); apply(s); });
  form.addEventListener("reset", function () { setTimeout(function () { toHash({}); apply({}); }, 0); });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
/* The relation graphs: zoom with the wheel or the buttons, pan by dragging. Without this
   script each graph is drawn whole, scaled to the page. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-zoom]"), function (box) {
    var svg = box.querySelector("svg");
    if (!svg || !svg.viewBox || !svg.viewBox.baseVal) return;
    var v = svg.viewBox.baseVal, full = [v.x, v.y, v.width, v.height], drag = null;
    box.classList.add("js");
    function set(x, y, w, h) { v.x = x; v.y = y; v.width = w; v.height = h; }
    function zoom(f, cx, cy) {
      var w = Math.min(full[2] * 2, Math.max(full[2] / 20, v.width * f)), k = w / v.width;
      set(cx - (cx - v.x) * k, cy - (cy - v.y) * k, w, v.height * k);
    }
    function at(e) { var r = svg.getBoundingClientRect(); return [v.x + (e.clientX - r.left) / r.width * v.width, v.y + (e.clientY - r.top) / r.height * v.height]; }
    svg.addEventListener("wheel", function (e) { e.preventDefault(); var p = at(e); zoom(e.deltaY > 0 ? 1.2 : 1 / 1.2, p[0], p[1]); }, { passive: false });
    svg.addEventListener("pointerdown", function (e) { if (e.target.closest("a")) return; drag = [e.clientX, e.clientY, v.x, v.y]; svg.setPointerCapture(e.pointerId); });
    svg.addEventListener("pointermove", function (e) {
      if (!drag) return;
      var r = svg.getBoundingClientRect();
      set(drag[2] - (e.clientX - drag[0]) / r.width * v.width, drag[3] - (e.clientY - drag[1]) / r.height * v.height, v.width, v.height);
    });
    svg.addEventListener("pointerup", function () { drag = null; });
    var bar = document.createElement("div");
    bar.className = "zoombar";
    [["+", "Zoom in", function () { zoom(1 / 1.4, v.x + v.width / 2, v.y + v.height / 2); }],
     ["\u2212", "Zoom out", function () { zoom(1.4, v.x + v.width / 2, v.y + v.height / 2); }],
     ["\u21ba", "Whole graph", function () { set(full[0], full[1], full[2], full[3]); }]].forEach(function (b) {
      var btn = document.createElement("button");
      btn.type = "button"; btn.textContent = b[0]; btn.title = b[1]; btn.setAttribute("aria-label", b[1]);
      btn.addEventListener("click", b[2]);
      bar.appendChild(btn);
    });
    box.appendChild(bar);
  });
})();
