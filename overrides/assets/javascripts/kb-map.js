// Filters for the evidence map: rows by body region, columns by kind of technique, and columns
// of techniques to avoid for a client context. Plain JavaScript, no network; the state is kept
// in the URL so a link shares it. Without JavaScript the whole map shows.
(function () {
  "use strict";
  function setup(form) {
    var map = document.querySelector("[data-kb-map]");
    if (!map) return;
    var list = document.querySelector(".kb-map-list");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var count = form.querySelector(".kb-count");
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) { if (params.has(s.name)) s.value = params.get(s.name); });

    function value(name) {
      var s = form.querySelector("select[name=" + name + "]");
      return s ? s.value : "";
    }
    function has(el, attr, token) {
      return (el.getAttribute(attr) || "").split(" ").indexOf(token) >= 0;
    }
    function columnShown(el) {
      var category = value("category"), context = value("context");
      return (!category || el.getAttribute("data-category") === category) &&
             (!context || !has(el, "data-avoid", context));
    }
    function apply() {
      var region = value("region"), rows = 0, columns = 0;
      map.querySelectorAll("tbody tr").forEach(function (tr) {
        tr.hidden = !!region && !has(tr, "data-region", region);
        if (!tr.hidden) rows += 1;
      });
      map.querySelectorAll("[data-category]").forEach(function (cell) { cell.hidden = !columnShown(cell); });
      columns = map.querySelectorAll("thead th[data-category]:not([hidden])").length;
      if (list) {
        list.querySelectorAll(":scope > ul > li").forEach(function (li) {
          li.hidden = !!region && !has(li, "data-region", region);
        });
        list.querySelectorAll("a[data-category]").forEach(function (a) { a.hidden = !columnShown(a); });
      }
      count.textContent = (form.getAttribute("data-shown") || "").replace("{rows}", rows).replace("{columns}", columns);
      var state = {};
      selects.forEach(function (s) { if (s.value) state[s.name] = s.value; });
      var query = new URLSearchParams(state).toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }
    form.addEventListener("input", apply);
    form.querySelector("[data-kb-clear]").addEventListener("click", function () {
      selects.forEach(function (s) { s.value = ""; });
      apply();
    });
    apply();
  }
  function init() { document.querySelectorAll("form[data-kb-map-filters]").forEach(setup); }
  if (window.document$) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
