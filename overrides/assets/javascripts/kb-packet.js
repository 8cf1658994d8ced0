// The patient packet page: tick pages, put them in order, type a note, print. Every page's
// printable part is already in the page (in a <template>): this script only shows, orders and
// prints them.
// Plain JavaScript: no network, no storage. The note is copied into the packet as text
// (textContent) and lives only in this page until it is closed or reloaded.
(function () {
  "use strict";
  var tool = document.querySelector("[data-kb-packet-tool]");
  var packet = document.querySelector("[data-kb-packet]");
  if (!tool || !packet) return;
  var all = function (root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); };
  var boxes = all(tool, "input[data-kb-pick]");
  var list = tool.querySelector("[data-kb-packet-order]");
  var shelf = packet.querySelector("[data-kb-packet-entries]");
  var items = {}, parts = {}, titles = {};
  // The list's row for each page, made from the one row in the page (as text: no markup).
  var row = tool.querySelector("template[data-kb-order-template]");
  boxes.forEach(function (box) {
    var key = box.value, li = document.importNode(row.content, true).querySelector("li");
    titles[key] = box.parentNode.textContent.trim();
    li.setAttribute("data-kb-entry", key);
    li.hidden = true;
    li.querySelector(".kb-packet-order-title").textContent = titles[key];
    li.querySelector(".kb-packet-order-kind").textContent = "(" + box.getAttribute("data-kb-kind") + ")";
    all(li, "button[aria-label]").forEach(function (button) {
      button.setAttribute("aria-label", button.getAttribute("aria-label").split("{title}").join(titles[key]));
    });
    list.appendChild(li);
    items[key] = li;
  });
  // Each entry's printable part waits in a <template> until it is first chosen.
  var waiting = {};
  all(shelf, "template[data-kb-entry-template]").forEach(function (t) {
    waiting[t.getAttribute("data-kb-entry-template")] = t;
  });
  function part(key) {
    if (!parts[key]) parts[key] = document.importNode(waiting[key].content, true).querySelector("section");
    return parts[key];
  }
  var search = tool.querySelector("[data-kb-packet-search]");
  var count = tool.querySelector("[data-kb-packet-count]");
  var status = tool.querySelector("[data-kb-packet-status]");
  var empty = tool.querySelector("[data-kb-packet-empty]");
  var note = tool.querySelector("[data-kb-packet-note-input]");
  var noteBox = packet.querySelector("[data-kb-packet-note]");
  var noteText = packet.querySelector("[data-kb-packet-note-text]");
  var order = [];
  // A4 less the 12 mm print margins of kb.css, in CSS pixels (96 to the inch).
  var SHEET = 273 * 96 / 25.4;

  // Browsers do not tell a page how its print will be paginated, so this estimates it: the
  // packet is laid out off screen at the printed width (it has the printed type on screen too)
  // and its height divided into sheets. Where the last sheet would hold only a few lines, or be
  // so full that a kept-together block could push a few lines onto one more, the smaller type
  // is used if it avoids that.
  function pages(tight) {
    var probe = packet.cloneNode(false), entries = shelf.cloneNode(false);
    Array.prototype.forEach.call(packet.children, function (child) {
      probe.appendChild(child === shelf ? entries : child.cloneNode(true));
    });
    order.forEach(function (key) { entries.appendChild(part(key).cloneNode(true)); });
    probe.hidden = false;
    probe.removeAttribute("data-kb-packet");
    probe.classList.add("kb-packet--measure");
    probe.classList.toggle("kb-packet--tight", tight);
    document.body.appendChild(probe);
    var count = probe.getBoundingClientRect().height / SHEET;
    document.body.removeChild(probe);
    return count;
  }
  function risky(count) {
    var last = count - Math.floor(count);
    return count > 1 && (last < 0.25 || last > 0.85);
  }
  function fit() {
    var tight = false;
    if (order.length) {
      var usual = pages(false);
      if (risky(usual)) {
        var smaller = pages(true);
        tight = Math.ceil(smaller) < Math.ceil(usual) || !risky(smaller);
      }
    }
    packet.classList.toggle("kb-packet--tight", tight);
  }

  // Messages are written in the page (data-msg-*), with {name} for what changes.
  function say(name, values) {
    var text = tool.getAttribute("data-msg-" + name) || "";
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(values[k]); });
    return text;
  }
  function announce(name, values) { status.textContent = say(name, values); }

  function render() {
    order.forEach(function (key, i) {
      var li = items[key];
      li.hidden = false;
      list.appendChild(li);
      li.querySelector("[data-kb-move='-1']").disabled = i === 0;
      li.querySelector("[data-kb-move='1']").disabled = i === order.length - 1;
      part(key).hidden = false;
      shelf.appendChild(part(key));
    });
    Object.keys(items).forEach(function (key) {
      if (order.indexOf(key) < 0) { items[key].hidden = true; if (parts[key]) parts[key].hidden = true; }
    });
    empty.hidden = order.length > 0;
    packet.hidden = order.length === 0;
    fit();
  }

  function choose(key, on) {
    var at = order.indexOf(key);
    var removed = !on && at >= 0;
    if (on && at < 0) {
      order.push(key);
      announce("added", {title: titles[key], n: order.length, total: order.length});
    } else if (removed) {
      order.splice(at, 1);
      announce("removed", {title: titles[key]});
    }
    render();
    return removed ? at : -1;
  }

  function move(key, by, button) {
    var from = order.indexOf(key), to = from + by;
    if (from < 0 || to < 0 || to >= order.length) return;
    order.splice(to, 0, order.splice(from, 1)[0]);
    render();
    // Keep the focus on the button pressed; at the top or bottom, where it is now disabled,
    // on the other one.
    (button.disabled ? items[key].querySelector("[data-kb-move='" + (-by) + "']") : button).focus();
    announce("moved", {title: titles[key], n: to + 1, total: order.length});
  }

  function filter() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean), shown = 0;
    all(tool, "[data-kb-packet-group]").forEach(function (group) {
      var any = false;
      all(group, "li[data-kb-packet-find]").forEach(function (li) {
        var text = li.getAttribute("data-kb-packet-find");
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        li.hidden = !ok;
        if (ok) { any = true; shown += 1; }
      });
      group.hidden = !any;
      if (words.length) group.open = any;  // a search opens the groups it finds pages in
    });
    count.textContent = say("count", {shown: shown, total: boxes.length});
  }

  function showNote() {
    noteText.textContent = note.value;
    noteBox.hidden = note.value.trim() === "";
    fit();
  }

  // A reload starts empty: browsers may restore what a form held, and nothing is kept.
  boxes.forEach(function (box) {
    box.checked = false;
    box.addEventListener("change", function () { choose(box.value, box.checked); });
  });
  search.value = "";
  note.value = "";
  search.addEventListener("input", filter);
  note.addEventListener("input", showNote);
  list.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var key = button.closest("li").getAttribute("data-kb-entry");
    if (button.hasAttribute("data-kb-remove")) {
      boxes.forEach(function (box) { if (box.value === key) box.checked = false; });
      var at = choose(key, false);
      // The focus goes to the entry that took its place in the list, or to the search box.
      var next = order[Math.min(at, order.length - 1)];
      (next ? items[next].querySelector("[data-kb-remove]") : search).focus();
    } else {
      move(key, parseInt(button.getAttribute("data-kb-move"), 10), button);
    }
  });
  tool.querySelector("[data-kb-packet-print]").addEventListener("click", function () {
    if (order.length === 0) { announce("none"); return; }
    window.print();
  });
  window.addEventListener("beforeprint", fit);
  showNote();
  filter();
  render();
})();
