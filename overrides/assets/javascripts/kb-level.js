// The reading-level switch on entry pages: "Plain language" hides the student sections, "With
// student detail" shows them. The choice is kept in the URL (?level=student), so a link shares it,
// and in this browser's localStorage, so the next page opens at the same level; nothing is sent
// anywhere. Print follows the choice. Without JavaScript both levels show and the switch is hidden.
// The inline script in main.html sets the level before the first paint; this file wires the
// buttons, and opens the student level when a link (a search result) points inside it.
(function () {
  "use strict";
  var root = document.documentElement, KEY = "kb-level";
  var buttons = Array.prototype.slice.call(document.querySelectorAll(".kb-level-switch button"));
  if (!buttons.length) return;

  function show(level) {
    root.setAttribute("data-kb-level", level);
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-kb-level") === level)); });
  }
  function choose(level) {
    show(level);
    try { localStorage.setItem(KEY, level); } catch (e) { /* private mode: the URL still keeps it */ }
    var url = new URL(window.location.href);
    url.searchParams.set("level", level);
    history.replaceState(null, "", url.pathname + url.search + url.hash);
  }
  function targetInsideStudent() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    return !!(target && target.closest(".kb-level--student"));
  }

  show(root.getAttribute("data-kb-level") === "student" || targetInsideStudent() ? "student" : "client");
  buttons.forEach(function (b) {
    b.addEventListener("click", function () { choose(b.getAttribute("data-kb-level")); });
  });
  window.addEventListener("hashchange", function () {
    if (targetInsideStudent()) show("student");
  });
})();
