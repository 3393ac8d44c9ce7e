/* Comparison tables: a header click sorts ascending, descending, then back to the authored
 * order ("Original order" too); yes before no, numbers by value, text alphabetically.
 * A table wider than its box says so ("Scroll sideways for all N columns") and keeps its first
 * column in view; on a narrow screen it shows one card per item (each cell under its column's
 * name, from data-label), with a button to switch between cards and the table.
 * A row named by the fragment (#<table>--<item>) is marked .ss-row--target and shown below
 * the sticky header. Sorting dispatches "ss:table-sort" (detail: table, column, direction).
 * A table listens on window for resize, hashchange and "ss:reveal" while its page is shown
 * (its cleanup removes them). */
(() => {
  "use strict";
  const SS = window.StudySite,
    t = SS.t;

  function sortKey(kind, cell) {
    const text = cell.textContent.trim(),
      has = (s) => cell.querySelector(s);
    if (kind == "yesno") return has(".ss-yes") ? 0 : has(".ss-no") ? 1 : 2;
    if (kind != "number") return text;
    const m = /-?\d[\d,]*(\.\d+)?/.exec(text);
    return m ? +m[0].replace(/,/g, "") : Infinity;
  }

  // Numbers (and yes/no ranks) by value; two missing numbers (Infinity) give NaN: a tie.
  const compare = (a, b) =>
    typeof a == "string" ? a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" }) : a - b;

  function mount(root) {
    const table = root.querySelector("table");
    if (!table || !table.tHead || !table.tBodies[0]) return;
    const columns = JSON.parse(root.getAttribute("data-ss-columns") || "[]");
    const body = table.tBodies[0],
      original = [...body.rows],
      heads = table.tHead.rows[0].cells;
    const tools = SS.el("div", "ss-table__tools");
    const reset = tools.appendChild(SS.el("button", "ss-table__reset", t("table.original")));
    const status = tools.appendChild(SS.el("span", "ss-sr"));
    const cue = tools.appendChild(SS.el("span", "ss-table__cue"));
    const layout = tools.appendChild(SS.el("button", "ss-table__layout"));
    const box = table.closest(".md-typeset__scrollwrap");
    const names = [...heads].map((th) => th.textContent.trim());
    for (const row of body.rows) [...row.cells].forEach((td, i) => td.setAttribute("data-label", names[i] || ""));
    let cards = matchMedia(NARROW).matches;
    function setLayout(on) {
      cards = on;
      root.classList.toggle("ss-table--cards", on);
      layout.textContent = on ? t("table.as_table") : t("table.as_cards");
      layout.ariaPressed = on;
      fits();
    }
    // The cue only when the table is wider than its box (read on the next frame: no forced layout).
    function fits() {
      requestAnimationFrame(() => {
        const more = !cards && box && box.scrollWidth > box.clientWidth + 1;
        cue.hidden = !more;
        cue.textContent = more ? t("table.scroll", { count: names.length }) : "";
        if (box) {
          box.classList.toggle("ss-table__box--more", !!more);
          if (more) {
            box.tabIndex = 0;
            box.role = "region";
            box.ariaLabel = (root.querySelector(".ss-table__title") || {}).textContent || t("table.region");
          }
        }
      });
    }
    layout.onclick = () => setLayout(!cards);
    setLayout(cards);
    let sorted = -1,
      direction = 0;
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
      [...heads].forEach((th, i) => {
        th.ariaSort = i == sorted ? (dir > 0 ? "ascending" : "descending") : null;
      });
      reset.hidden = !dir;
      status.textContent = dir
        ? dir > 0
          ? t("table.sorted_up", { column: heads[column].textContent.trim() })
          : t("table.sorted_down", { column: heads[column].textContent.trim() })
        : t("table.original_said");
      SS.emit(root, "ss:table-sort", {
        table: root.getAttribute("data-ss-table"),
        column: dir ? column : null,
        direction: dir,
      });
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
    const target = (named) => markTarget(root, named);
    if (root.querySelector(".ss-row-anchor")) target();
    const offs = [
      SS.listen(window, "resize", fits),
      SS.listen(window, "hashchange", target),
      // A row shown without changing the fragment (a decision tree's link keeps its path there).
      SS.listen(window, "ss:reveal", (event) => target(event.detail.id)),
    ];
    return () => offs.forEach((off) => off());
  }

  // Mark the row of root that the fragment names (:target misses it after instant
  // navigation) and show it just below the header, which sticks inside the table's scroll box.
  function markTarget(root, named) {
    let id = typeof named == "string" ? named : "";
    for (const old of root.querySelectorAll(".ss-row--target")) old.classList.remove("ss-row--target");
    try {
      id = id || decodeURIComponent(location.hash.slice(1));
    } catch {}
    const anchor = id && document.getElementById(id);
    if (!anchor || !anchor.classList.contains("ss-row-anchor") || !root.contains(anchor)) return;
    const row = anchor.closest("tr"),
      box = row.closest(".md-typeset__scrollwrap");
    row.classList.add("ss-row--target");
    if (box)
      requestAnimationFrame(() => {
        box.scrollTop = row.offsetTop - row.closest("table").tHead.offsetHeight;
        box.scrollIntoView({ block: "start" });
      });
  }

  const NARROW = "(max-width: 37.5em)";
  SS.register("table", "div.ss-table[data-ss-table]", mount);
})();
