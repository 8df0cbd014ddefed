// Click a column header of a table.sortable to sort its rows; click again to reverse.
// Numeric cells carry data-sort (empty = no value, always last); others sort by text.
// A fieldset.picker shows or hides the per-sample score chips of one metric in its table.
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
document.querySelectorAll("fieldset.picker").forEach(function (picker) {
  var table = document.getElementById(picker.getAttribute("data-table"));
  picker.addEventListener("change", function (e) {
    var box = e.target;
    table.querySelectorAll(".chip").forEach(function (chip) {
      if (chip.getAttribute("data-metric") === box.value) chip.hidden = !box.checked;
    });
  });
});
