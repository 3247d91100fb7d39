// planbook: open every collapsed section while printing, so the paper copy
// of a plan holds everything; close them again afterwards.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.setAttribute("open", "");
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) {
      details.removeAttribute("open");
    });
    opened = [];
  });
})();

// planbook: sort and filter the portfolio's tables, in the page, with no
// request anywhere. Without JavaScript every table is complete as built; this
// only adds sort buttons to the headers and a filter bar above each list.
(function () {
  "use strict";
  // Columns a leader filters by: a menu of the column's values.
  var MENU_COLUMNS = /^(owner|region|industry|segment|status|stage|fiscal half|type|age)$/i;
  var MIN_ROWS = 3;

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.replace(/\s+/g, " ").trim() : "";
  }

  // "CNY 1,150,000" -> 1150000, "1.43x" -> 1.43, "12%" -> 12, "—" -> null.
  function numberOf(text) {
    var match = text.replace(/,/g, "").match(/^[A-Z]{0,3}\s*([-+]?\d+(?:\.\d+)?)\s*(%|x|days?)?$/);
    return match ? parseFloat(match[1]) : null;
  }

  function compare(a, b) {
    var x = numberOf(a), y = numberOf(b);
    if (x !== null && y !== null) return x - y;
    if (x !== null) return -1;
    if (y !== null) return 1;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function sortBy(table, index, button) {
    var body = table.tBodies[0];
    var header = button.closest("th");
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("thead th[aria-sort]").forEach(function (th) {
      th.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var order = compare(cellText(r1, index), cellText(r2, index));
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function addSorting(table) {
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      if (th.querySelector("a, button")) return; // a linked header keeps its link
      var button = document.createElement("button");
      button.type = "button";
      button.className = "planbook-sort";
      button.title = "Sort by " + th.textContent.trim();
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, button); });
    });
  }

  function addFilters(table) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var bar = document.createElement("div");
    bar.className = "planbook-filter";
    var search = document.createElement("input");
    search.type = "search";
    search.placeholder = "Filter rows";
    search.setAttribute("aria-label", "Filter the rows of this table");
    bar.appendChild(search);
    var menus = [];
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var name = th.textContent.trim();
      if (!MENU_COLUMNS.test(name)) return;
      var values = {};
      rows.forEach(function (row) { values[cellText(row, index)] = true; });
      var names = Object.keys(values).sort(compare);
      if (names.length < 2) return;
      var menu = document.createElement("select");
      menu.setAttribute("aria-label", name);
      menu.dataset.column = String(index);
      var all = document.createElement("option");
      all.value = "";
      all.textContent = name + ": all";
      menu.appendChild(all);
      names.forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value;
        menu.appendChild(option);
      });
      bar.appendChild(menu);
      menus.push(menu);
    });
    var count = document.createElement("span");
    count.className = "planbook-filter__count";
    count.setAttribute("aria-live", "polite");
    bar.appendChild(count);

    function apply() {
      var words = search.value.toLowerCase().trim();
      var shown = 0;
      rows.forEach(function (row) {
        var keep = !words || row.textContent.toLowerCase().indexOf(words) !== -1;
        menus.forEach(function (menu) {
          if (menu.value && cellText(row, Number(menu.dataset.column)) !== menu.value) keep = false;
        });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " rows";
    }
    search.addEventListener("input", apply);
    menus.forEach(function (menu) { menu.addEventListener("change", apply); });
    apply();
    var place = table.closest(".md-typeset__scrollwrap") || table;
    place.parentNode.insertBefore(bar, place);
  }

  function enhance() {
    // Account pages (they open with the brief) keep their tables as they are.
    if (document.querySelector(".planbook-brief")) return;
    document.querySelectorAll("article table").forEach(function (table) {
      if (table.dataset.planbookEnhanced || !table.tHead || !table.tBodies[0]) return;
      if (table.tBodies[0].rows.length < MIN_ROWS) return;
      table.dataset.planbookEnhanced = "yes";
      addSorting(table);
      addFilters(table);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
