// Progressive enhancement only: every page is complete without this script. It adds
// instant filtering on the find page, a side-by-side view on the compare page, and sort
// buttons on tables marked "sortable".
(function () {
  "use strict";

  function onReady(f) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", f);
    else f();
  }

  // Find: filter the provider cards by county, type, language, culture and intake; show
  // each card's results for the chosen type; sort by one measure, best result first.
  // The words come from the form's data attributes, in the page's language.
  function setupFind() {
    var form = document.getElementById("filters");
    var list = document.getElementById("provider-list");
    if (!form || !list) return;
    form.hidden = false;
    var cards = Array.prototype.slice.call(list.querySelectorAll(".card"));
    cards.forEach(function (c, i) { c.dataset.order = i; });
    var status = document.getElementById("match-count");
    function has(list, v) { return (" " + list + " ").indexOf(" " + v + " ") >= 0; }
    // The card's summary for the chosen type (or all types), shown; the others hidden.
    function summaryFor(c, scope) {
      var found = null;
      c.querySelectorAll(".summary").forEach(function (s) {
        var on = s.dataset.scope === scope;
        s.hidden = !on;
        if (on) found = s;
      });
      return found;
    }
    function valueOf(summary, measure) {
      if (!summary) return null;
      var parts = summary.dataset.values.split(" ");
      for (var i = 0; i < parts.length; i++) {
        var kv = parts[i].split(":");
        if (kv[0] === measure) return parseFloat(kv[1]);
      }
      return null;
    }
    function apply() {
      var county = form.county.value, type = form.type.value, lang = form.language.value;
      var cultural = form.cultural.checked, accepting = form.accepting.checked;
      var sort = form.sort.value;
      var option = form.sort.options[form.sort.selectedIndex];
      var lower = option && option.dataset.direction === "lower";
      var shown = 0;
      var keyed = cards.map(function (c) {
        var ok = (!county || has(c.dataset.counties, county)) &&
          (!type || has(c.dataset.types, type)) &&
          (!lang || has(c.dataset.languages, lang)) &&
          (!cultural || c.dataset.cultural === "yes") &&
          (!accepting || c.dataset.accepting === "yes");
        c.hidden = !ok;
        if (ok) shown++;
        var s = summaryFor(c, type || "all");
        return { card: c, value: sort ? valueOf(s, sort) : null };
      });
      // Best first; too few to rate (no value) last; ties keep the order by name.
      keyed.sort(function (a, b) {
        if (sort) {
          if (a.value === null && b.value !== null) return 1;
          if (b.value === null && a.value !== null) return -1;
          if (a.value !== null && b.value !== null && a.value !== b.value) return lower ? a.value - b.value : b.value - a.value;
        }
        return a.card.dataset.order - b.card.dataset.order;
      });
      keyed.forEach(function (k) { list.appendChild(k.card); });
      var count = (shown === 1 ? form.dataset.one : form.dataset.many).replace("{n}", shown);
      var how = sort ? form.dataset.sorted.replace("{measure}", option.textContent) : form.dataset.sortedName;
      status.textContent = count + " " + how;
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    apply();
  }

  // Compare: up to three providers side by side from the published results.
  function setupCompare() {
    var form = document.getElementById("compare-form");
    var out = document.getElementById("compare-result");
    var data = window.CASECARD_COMPARE;
    if (!form || !out || !data) return;
    form.hidden = false;
    var byId = {};
    data.providers.forEach(function (p) { byId[p.id] = p; });
    var params = new URLSearchParams(window.location.search);
    ["p1", "p2", "p3"].forEach(function (k) { if (params.get(k)) form[k].value = params.get(k); });
    function el(tag, text, cls) {
      var e = document.createElement(tag);
      if (text !== undefined) e.textContent = text;
      if (cls) e.className = cls;
      return e;
    }
    function render() {
      var chosen = ["p1", "p2", "p3"].map(function (k) { return byId[form[k].value]; }).filter(Boolean);
      out.textContent = "";
      if (!chosen.length) return;
      var wrap = el("div", undefined, "table-scroll");
      wrap.tabIndex = 0;
      var t = el("table");
      t.appendChild(el("caption", data.period));
      var head = el("tr");
      head.appendChild(el("th", data.words.measure)).scope = "col";
      chosen.forEach(function (p) { head.appendChild(el("th", p.name)).scope = "col"; });
      head.appendChild(el("th", data.words.statewide)).scope = "col";
      var thead = el("thead"); thead.appendChild(head); t.appendChild(thead);
      var body = el("tbody");
      data.measures.forEach(function (m) {
        if (!chosen.some(function (p) { return p.results[m[0]]; })) return;
        var tr = el("tr");
        var th = el("th"); th.scope = "row";
        var a = el("a", m[1]); a.href = data.site + "measures/" + m[0] + ".html"; th.appendChild(a);
        tr.appendChild(th);
        chosen.forEach(function (p) {
          var r = p.results[m[0]];
          var td = el("td");
          if (r) {
            // A result too few to rate shows only its badge; the words say it once.
            if (r[3] !== "cat-none") {
              td.appendChild(el("span", r[0], "value"));
              if (r[4]) { td.appendChild(document.createTextNode(" ")); td.appendChild(el("span", "(" + r[4] + ")", "qual")); }
              if (r[1]) { td.appendChild(el("br")); td.appendChild(el("span", data.words.likely.replace("{range}", r[1]), "range")); }
              td.appendChild(el("br"));
            }
            td.appendChild(el("span", r[2], "badge " + r[3]));
          } else {
            td.textContent = data.words.does_not_apply;
          }
          tr.appendChild(td);
        });
        tr.appendChild(el("td", data.state[m[0]]));
        body.appendChild(tr);
      });
      t.appendChild(body);
      wrap.appendChild(t);
      out.appendChild(wrap);
    }
    form.addEventListener("change", render);
    form.addEventListener("submit", function (e) { e.preventDefault(); render(); });
    render();
  }

  // Sortable tables: a button in each column header sorts by that column.
  function setupSort() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      var heads = table.querySelectorAll("thead th");
      heads.forEach(function (th, col) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "sort";
        b.textContent = th.textContent;
        th.textContent = "";
        th.appendChild(b);
        b.addEventListener("click", function () {
          var asc = th.getAttribute("aria-sort") !== "ascending";
          heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", asc ? "ascending" : "descending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (x, y) {
            var a = key(x.cells[col]), c = key(y.cells[col]);
            var r = (typeof a === "number" && typeof c === "number") ? a - c : String(a).localeCompare(String(c));
            return asc ? r : -r;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  }
  function key(cell) {
    if (!cell) return "";
    var t = cell.textContent.trim();
    var m = t.match(/^[+\u2212-]?[\d,.]+/);
    if (m) return parseFloat(m[0].replace(/,/g, "").replace("\u2212", "-"));
    return t;
  }

  onReady(function () { setupFind(); setupCompare(); setupSort(); });
})();
