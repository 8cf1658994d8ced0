// Filters and sorting for the index tables. Plain JavaScript, no network. Without it the full
// table shows; with it the form appears, and its state (filters and sort order) is kept in the
// URL so a link shares it.
(function () {
  "use strict";
  function setup(form) {
    var table = form.parentNode.querySelector("table[data-kb-index]");
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var original = rows.slice();
    var count = form.querySelector(".kb-count");
    var fields = Array.prototype.slice.call(form.elements).filter(function (el) { return el.name; });
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var params = new URLSearchParams(window.location.search);
    var sort = null;  // {column, ascending}
    // The page's words (translated by the template), with {name} filled in.
    function words(attribute, values) {
      return (form.getAttribute(attribute) || "").replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
    }
    fields.forEach(function (el) { if (params.has(el.name)) el.value = params.get(el.name); });

    function state() {
      var wanted = {};
      fields.forEach(function (el) { if (el.value) wanted[el.name] = el.value; });
      if (sort) wanted.sort = sort.column + (sort.ascending ? "" : "-desc");
      return wanted;
    }
    function remember() {
      var query = new URLSearchParams(state()).toString();
      history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }
    function apply() {
      var wanted = state(), shown = 0;
      rows.forEach(function (row) {
        var ok = Object.keys(wanted).every(function (name) {
          if (name === "sort") return true;
          if (name === "q") return row.textContent.toLowerCase().indexOf(wanted.q.toLowerCase()) >= 0;
          var tokens = (row.getAttribute("data-" + name) || "").split(" ");
          return tokens.indexOf(wanted[name]) >= 0;
        });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = words("data-shown", {shown: shown, total: rows.length});
      remember();
    }
    function sortBy(index, ascending) {
      sort = index === null ? null : {column: index, ascending: ascending};
      headers.forEach(function (h, i) {
        h.setAttribute("aria-sort", sort && i === index ? (ascending ? "ascending" : "descending") : "none");
      });
      var order = original.slice();
      if (sort) {
        var numeric = headers[index].getAttribute("data-sort") === "number";
        order.sort(function (a, b) {
          var x = a.cells[index].getAttribute("data-value") || a.cells[index].textContent;
          var y = b.cells[index].getAttribute("data-value") || b.cells[index].textContent;
          var d = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
          return ascending ? d : -d;
        });
      }
      rows = order;
      rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      remember();
    }

    headers.forEach(function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-sort";
      button.textContent = th.textContent;
      button.setAttribute("aria-label", words("data-sort", {column: th.textContent}));
      button.addEventListener("click", function () {
        sortBy(index, !(sort && sort.column === index && sort.ascending));
      });
      th.textContent = "";
      th.appendChild(button);
    });
    var clear = document.createElement("button");
    clear.type = "button";
    clear.className = "kb-clear";
    clear.textContent = words("data-clear", {});
    clear.addEventListener("click", function () {
      fields.forEach(function (el) { el.value = ""; });
      sortBy(null);
      apply();
    });
    form.insertBefore(clear, count);
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    var saved = /^(\d+)(-desc)?$/.exec(params.get("sort") || "");
    if (saved && headers[+saved[1]]) sortBy(+saved[1], !saved[2]);
    apply();
  }
  function init() { document.querySelectorAll("form[data-kb-filters]").forEach(setup); }
  if (window.document$) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
