// The visit check on "Before your visit": ticking a box shows that situation's cautions.
// Nothing is stored or sent: the ticks live only in this page and are gone when it closes.
// Without JavaScript the boxes are hidden and every situation shows.
(function () {
  "use strict";
  var form = document.querySelector("[data-kb-visit-form]");
  if (!form) return;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var status = form.querySelector("[data-kb-visit-status]");
  var empty = status.textContent;
  function update() {
    var ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    document.querySelectorAll("[data-kb-visit]").forEach(function (section) {
      section.hidden = ticked.indexOf(section.getAttribute("data-kb-visit")) < 0;
    });
    status.textContent = ticked.length === 0 ? empty : ticked.length === 1 ? form.getAttribute("data-one")
      : form.getAttribute("data-many").replace("{n}", ticked.length);
  }
  boxes.forEach(function (b) { b.addEventListener("change", update); });
  form.querySelector("[data-kb-visit-print]").addEventListener("click", function () { window.print(); });
  update();
})();
