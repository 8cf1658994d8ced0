// Filters and sorting for the index tables. Plain JavaScript, no network. Without it the full
// table shows; with it the form appears and its state is kept in the URL so a link shares it.
(function () {
  "use strict";
  function setup(form) {
    var table = form.parentNode.querySelector("table[data-kb-index]");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = form.querySelector(".kb-count");
    var fields = Array.prototype.slice.call(form.elements).filter(function (el) { return el.name; });
    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (el) { if (params.has(el.name)) el.value = params.get(el.name); });

    function apply() {
      var wanted = {}, shown = 0;
      fields.forEach(function (el) { if (el.value) wanted[el.name] = el.value; });
      rows.forEach(function (row) {
        var ok = Object.keys(wanted).every(function (name) {
          if (name === "q") return row.textContent.toLowerCase().indexOf(wanted.q.toLowerCase()) >= 0;
          var tokens = (row.getAttribute("data-" + name) || "").split(" ");
          return tokens.indexOf(wanted[name]) >= 0;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " shown";
      var query = new URLSearchParams(wanted).toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function sortBy(th, index) {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(th.parentNode.children, function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = th.getAttribute("data-sort") === "number";
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute("data-value") || a.cells[index].textContent;
        var y = b.cells[index].getAttribute("data-value") || b.cells[index].textContent;
        var d = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        return ascending ? d : -d;
      });
      rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
    }

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-sort";
      button.textContent = th.textContent;
      button.addEventListener("click", function () { sortBy(th, index); });
      th.textContent = "";
      th.appendChild(button);
    });
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    apply();
  }
  function init() { document.querySelectorAll("form[data-kb-filters]").forEach(setup); }
  if (window.document$) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
