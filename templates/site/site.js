/* adr site: live filters on the decision log. The page is complete without this script. */
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
