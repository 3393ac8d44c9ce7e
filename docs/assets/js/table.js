/* Comparison tables: a header click sorts ascending, descending, then back to the authored
 * order ("Original order" too); yes before no, numbers by value, text alphabetically.
 * A row named by the fragment (#<table>--<item>) is marked .ss-row--target and shown below
 * the sticky header. Sorting dispatches "ss:table-sort" (detail: table, column, direction). */
(function () {
  "use strict";

  function sortKey(kind, cell) {
    var text = cell.textContent.trim(), m;
    if (kind == "yesno") return cell.querySelector(".ss-yes") ? 0 : cell.querySelector(".ss-no") ? 1 : 2;
    if (kind == "number") return (m = /-?\d[\d,]*(\.\d+)?/.exec(text)) ? +m[0].replace(/,/g, "") : Infinity;
    return text;
  }

  function compare(a, b) {
    return typeof a == "string"
      ? a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" })
      : a < b ? -1 : a > b ? 1 : 0;
  }

  function mount(root) {
    var table = root.querySelector("table");
    if (!table || !table.tHead || !table.tBodies[0]) return;
    var columns = JSON.parse(root.getAttribute("data-ss-columns") || "[]");
    var body = table.tBodies[0];
    var original = [].slice.call(body.rows);
    var heads = table.tHead.rows[0].cells;
    var sorted = -1, direction = 0;
    var tools = document.createElement("div");
    tools.className = "ss-table__tools";
    tools.innerHTML = '<button type="button" class="ss-table__reset" hidden>Original order</button>' +
      '<span class="ss-sr" aria-live="polite"></span>';
    var reset = tools.firstChild, status = tools.lastChild;
    var box = table.closest(".md-typeset__scrollwrap") || table;
    box.parentNode.insertBefore(tools, box);

    function sort(column, dir) {
      var order = original.map(function (_, i) { return i; });
      if (dir) {
        var keys = original.map(function (row) { return sortKey(columns[column].kind, row.cells[column]); });
        order.sort(function (a, b) { return dir * compare(keys[a], keys[b]) || a - b; });
      }
      order.forEach(function (i) { body.appendChild(original[i]); });
      sorted = dir ? column : -1;
      direction = dir;
      for (var i = 0; i < heads.length; i++) {
        if (i == sorted) heads[i].setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
        else heads[i].removeAttribute("aria-sort");
      }
      reset.hidden = !dir;
      status.textContent = dir
        ? "Sorted by " + heads[column].textContent.trim() + (dir > 0 ? ", ascending." : ", descending.")
        : "Original order.";
      root.dispatchEvent(new CustomEvent("ss:table-sort", {
        bubbles: true,
        detail: { table: root.getAttribute("data-ss-table"), column: dir ? column : null, direction: dir },
      }));
    }

    columns.forEach(function (column, i) {
      var th = heads[i];
      if (!column.sortable || !th) return;
      var b = document.createElement("button");
      b.type = "button";
      b.className = "ss-sort";
      while (th.firstChild) b.appendChild(th.firstChild);
      th.appendChild(b).onclick = function () {
        sort(i, sorted != i ? 1 : direction > 0 ? -1 : 0);
      };
    });
    reset.onclick = function () {
      var th = heads[sorted];
      sort(0, 0);
      th.firstChild.focus();
    };
    if (root.querySelector(".ss-row-anchor")) markTarget();
  }

  // Mark the row the fragment names (:target misses it after instant navigation) and show
  // it just below the header, which sticks inside the table's scroll box.
  function markTarget() {
    var id = "", old = document.querySelectorAll(".ss-row--target"), i;
    for (i = 0; i < old.length; i++) old[i].classList.remove("ss-row--target");
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (e) {}
    var anchor = id && document.getElementById(id);
    if (!anchor || !anchor.classList.contains("ss-row-anchor")) return;
    var row = anchor.closest("tr"), box = row.closest(".md-typeset__scrollwrap");
    row.classList.add("ss-row--target");
    if (box) requestAnimationFrame(function () {
      box.scrollTop = row.offsetTop - row.closest("table").tHead.offsetHeight;
      box.scrollIntoView({ block: "start" });
    });
  }

  addEventListener("hashchange", markTarget);
  StudySite.register("table", "div.ss-table[data-ss-table]", mount);
})();
