/* Comparison tables: a header click sorts ascending, descending, then back to the authored
 * order ("Original order" too); yes before no, numbers by value, text alphabetically.
 * A row named by the fragment (#<table>--<item>) is marked .ss-row--target and shown below
 * the sticky header. Sorting dispatches "ss:table-sort" (detail: table, column, direction). */
(() => {
  "use strict";
  const SS = window.StudySite;

  function sortKey(kind, cell) {
    const text = cell.textContent.trim(), has = (s) => cell.querySelector(s);
    if (kind == "yesno") return has(".ss-yes") ? 0 : has(".ss-no") ? 1 : 2;
    if (kind != "number") return text;
    const m = /-?\d[\d,]*(\.\d+)?/.exec(text);
    return m ? +m[0].replace(/,/g, "") : Infinity;
  }

  // Numbers (and yes/no ranks) by value; two missing numbers (Infinity) give NaN: a tie.
  const compare = (a, b) => typeof a == "string"
    ? a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" })
    : a - b;

  function mount(root) {
    const table = root.querySelector("table");
    if (!table || !table.tHead || !table.tBodies[0]) return;
    const columns = JSON.parse(root.getAttribute("data-ss-columns") || "[]");
    const body = table.tBodies[0], original = [...body.rows], heads = table.tHead.rows[0].cells;
    const tools = SS.el("div", "ss-table__tools");
    const reset = tools.appendChild(SS.el("button", "ss-table__reset", "Original order"));
    const status = tools.appendChild(SS.el("span", "ss-sr"));
    let sorted = -1, direction = 0;
    reset.hidden = true;
    status.ariaLive = "polite";
    (table.closest(".md-typeset__scrollwrap") || table).before(tools);

    function sort(column, dir) {
      const order = original.map((_, i) => i);
      if (dir) {
        const keys = original.map((row) => sortKey(columns[column].kind, row.cells[column]));
        order.sort((a, b) => dir * compare(keys[a], keys[b]) || a - b);
      }
      body.append(...order.map((i) => original[i]));
      sorted = dir ? column : -1;
      direction = dir;
      [...heads].forEach((th, i) => { th.ariaSort = i == sorted ? (dir > 0 ? "ascending" : "descending") : null; });
      reset.hidden = !dir;
      status.textContent = dir
        ? "Sorted by " + heads[column].textContent.trim() + (dir > 0 ? ", ascending." : ", descending.")
        : "Original order.";
      SS.emit(root, "ss:table-sort", { table: root.getAttribute("data-ss-table"), column: dir ? column : null, direction: dir });
    }

    columns.forEach((column, i) => {
      const th = heads[i];
      if (!column.sortable || !th) return;
      const b = SS.el("button", "ss-sort");
      b.append(...th.childNodes);
      th.append(b);
      b.onclick = () => sort(i, sorted != i ? 1 : direction > 0 ? -1 : 0);
    });
    reset.onclick = () => {
      const th = heads[sorted];
      sort(0, 0);
      th.firstChild.focus();
    };
    if (root.querySelector(".ss-row-anchor")) markTarget();
  }

  // Mark the row the fragment names (:target misses it after instant navigation) and show
  // it just below the header, which sticks inside the table's scroll box.
  function markTarget(named) {
    let id = typeof named == "string" ? named : "";
    for (const old of document.querySelectorAll(".ss-row--target")) old.classList.remove("ss-row--target");
    try {
      id = id || decodeURIComponent(location.hash.slice(1));
    } catch (e) {}
    const anchor = id && document.getElementById(id);
    if (!anchor || !anchor.classList.contains("ss-row-anchor")) return;
    const row = anchor.closest("tr"), box = row.closest(".md-typeset__scrollwrap");
    row.classList.add("ss-row--target");
    if (box) requestAnimationFrame(() => {
      box.scrollTop = row.offsetTop - row.closest("table").tHead.offsetHeight;
      box.scrollIntoView({ block: "start" });
    });
  }

  addEventListener("hashchange", markTarget);
  // A row shown without changing the fragment (a decision tree's link keeps its path there).
  addEventListener("ss:reveal", (event) => markTarget(event.detail.id));
  SS.register("table", "div.ss-table[data-ss-table]", mount);
})();
