// Click a column header of a table.sortable to sort its rows; click again to reverse.
// Numeric cells carry data-sort (empty = no value, always last); others sort by text.
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("thead th").forEach(function (th, col) {
    th.tabIndex = 0;
    function sort() {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) {
        var cell = row.cells[col];
        if (!cell) return {missing: true};
        var raw = cell.getAttribute("data-sort");
        if (raw === null) return {text: cell.textContent.trim().toLowerCase()};
        return raw === "" ? {missing: true} : {num: parseFloat(raw)};
      }
      var keyed = rows.map(function (row, i) { return {row: row, k: key(row), i: i}; });
      keyed.sort(function (a, b) {
        if (a.k.missing || b.k.missing) return (a.k.missing ? 1 : 0) - (b.k.missing ? 1 : 0) || a.i - b.i;
        var d = "num" in a.k ? a.k.num - b.k.num : a.k.text.localeCompare(b.k.text);
        return (asc ? d : -d) || a.i - b.i;
      });
      keyed.forEach(function (x) { body.appendChild(x.row); });
    }
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(); });
  });
});
